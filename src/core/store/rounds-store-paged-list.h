/* rounds-store-paged-list.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rounds-store-private.h"

G_BEGIN_DECLS

/* What the Posts list and the Inbox's list share (issue 17): the ids in
 * the order shown, the rows read in pages of 64 as the view asks for them
 * (at most 512 kept), one row looked at again after a change, new ids
 * compared with the old ones, and the ids read on a worker. Private to
 * the store: each list is a GObject implementing GListModel that embeds
 * a RoundsPagedList and forwards to it; what differs (the table, the
 * filters, the order, the row type) is in its RoundsPagedListKind. */

typedef struct _RoundsPagedList RoundsPagedList;

typedef struct
{
  /* "SELECT columns FROM table": a page is this WHERE id IN (?1, …) */
  const char         *select;
  RoundsStoreRowFunc  read_row;
  const char         *read_error;        /* N_(), translated when used */
  const char         *log_name;          /* "Posts list" */
  gboolean            quiet;             /* a failed page read is g_debug(), not g_warning() */
  gint64            (*get_id)         (gpointer item);
  /* An empty item for an id whose row vanished between two signals */
  gpointer          (*new_empty)      (gint64 id);
  /* Brings the kept object up to date from a newer one (what a view
   * holds stays the same object); NULL: the newer one replaces it. */
  void              (*assign)         (gpointer kept,
                                       gpointer newer);
  /* The row @id if the owner's filters show it, else NULL (transfer full) */
  gpointer          (*fetch_if_shown) (GListModel *owner,
                                       gint64      id);
  /* Whether @a is shown before @b in the owner's order */
  gboolean          (*goes_before)    (GListModel *owner,
                                       gpointer    a,
                                       gpointer    b);
  /* Optional: a row not shown so far comes in (before its place is found) */
  void              (*entered)        (GListModel *owner);

  /* Optional, for pages read on a worker (_rounds_paged_list_set_for_view()):
   * a new item of the current row, on any thread (not the store's own) */
  gpointer          (*read_row_plain) (RoundsDbStmt *stmt);
  /* … and on the main thread, the store's own for it (transfer full) */
  gpointer          (*intern)         (RoundsStore  *store,
                                       gpointer      item);
  /* Optional: what a view's page reads beside its rows, on any thread:
   * id (gint64*, g_free) → a value freed with extra_free, in @into */
  gboolean          (*read_extra)     (RoundsDb      *db,
                                       const gint64  *ids,
                                       guint          n,
                                       GHashTable    *into,
                                       GError       **error);
  GDestroyNotify      extra_free;
  /* Optional: rows read on a worker were kept (rows that showed none yet
   * can be shown) */
  void              (*rows_arrived)   (GListModel *owner);

  char               *page_sql;          /* made at the first init, kept */
} RoundsPagedListKind;

typedef struct _RoundsPageWorker RoundsPageWorker;

struct _RoundsPagedList
{
  RoundsPagedListKind *kind;
  GListModel          *owner;            /* not held: it holds us */
  RoundsStore         *store;            /* the owner's, not held here */
  gboolean             by_id;            /* in id order; in-place changes not said
                                          * (the store's own objects notify them) */
  GArray              *ids;              /* gint64, in the order shown */
  GHashTable          *cache;            /* gint64* id → item */
  GHashTable          *pending;          /* gint64* ids changed, to look at later */
  guint                n_pages_read;     /* for tests: pages read from the database */

  /* For a view (_rounds_paged_list_set_for_view()) */
  gboolean             for_view;
  GHashTable          *extra;            /* gint64* id → the kind's extra, ids in the cache */
  RoundsPageWorker    *worker;           /* reads pages ahead, or NULL */
  GHashTable          *in_flight;        /* page index + 1 → TRUE: asked of the worker */
  GHashTable          *placeholders;     /* gint64* id → the empty item lent for it */
  GHashTable          *changed;          /* gint64* id → change serial, while pages are asked */
  guint                change_serial;
  guint                generation;       /* of the ids: a new set drops pages under way */
  guint                center;           /* the position a view last asked for */
};

void      _rounds_paged_list_init         (RoundsPagedList     *self,
                                           RoundsPagedListKind *kind,
                                           GListModel          *owner);
void      _rounds_paged_list_clear        (RoundsPagedList     *self);

guint     _rounds_paged_list_get_n_items  (RoundsPagedList     *self);
gpointer  _rounds_paged_list_get_item     (RoundsPagedList     *self,
                                           guint                position);
guint     _rounds_paged_list_position_of  (RoundsPagedList     *self,
                                           gint64               id);

void      _rounds_paged_list_update_one   (RoundsPagedList     *self,
                                           gint64               id);
void      _rounds_paged_list_take_ids     (RoundsPagedList     *self,
                                           GArray              *ids);
void      _rounds_paged_list_remove       (RoundsPagedList     *self,
                                           gint64               id);
void      _rounds_paged_list_remove_all   (RoundsPagedList     *self);

void      _rounds_paged_list_note_pending (RoundsPagedList     *self,
                                           gint64               id);
void      _rounds_paged_list_apply_pending (RoundsPagedList    *self);

/* A view's list: a page read reads the kind's extra with the rows, and
 * (with a store that has a file or a server) the view's rows are read
 * on a worker, ahead of need. */
void      _rounds_paged_list_set_for_view (RoundsPagedList     *self,
                                           gboolean             for_view);
/* For a view: the item at @position if read, else an empty one with its
 * id (the same object until its page comes); asks the worker for the
 * pages around it either way. */
gpointer  _rounds_paged_list_get_item_lazy (RoundsPagedList    *self,
                                           guint                position);
/* The item @id if read (transfer none), and its extra (nullable) */
gpointer  _rounds_paged_list_peek         (RoundsPagedList     *self,
                                           gint64               id,
                                           gpointer            *extra);
/* The rows of @n ids (at most a page) read through @db, on any thread,
 * plain items (kind->read_row_plain) in @rows, and the kind's extra
 * into @extra when not NULL. */
gboolean  _rounds_paged_list_read_page    (RoundsPagedListKind *kind,
                                           RoundsDb            *db,
                                           const gint64        *ids,
                                           guint                n,
                                           GPtrArray           *rows,
                                           GHashTable          *extra,
                                           GError             **error);
/* The pages a new set of ids should come with for a view: the first
 * ones and those around where it last looked (page indexes, in @pages). */
void      _rounds_paged_list_pages_to_read_with (RoundsPagedList *self,
                                                 GArray          *pages);
GHashTable *_rounds_paged_list_new_extra_table (RoundsPagedListKind *kind);
/* New ids, with rows (plain, from _rounds_paged_list_read_page()) and
 * extra read beside them: kept before the view hears of the new ids. */
void      _rounds_paged_list_take_ids_with_rows (RoundsPagedList *self,
                                                 GArray          *ids,
                                                 GPtrArray       *rows,
                                                 GHashTable      *extra);

/* A model for a list view over @owner (whose paged list is @self): the
 * owner's rows through _rounds_paged_list_get_item_lazy() */
GListModel *_rounds_paged_list_new_view   (RoundsPagedList     *self,
                                           GListModel          *owner);

/* Appends the ids of @sql (first column) read through @db to @ids. */
gboolean  _rounds_paged_list_read_ids     (RoundsDb            *db,
                                           const char          *sql,
                                           GArray              *ids,
                                           const char          *read_error,
                                           GError             **error);
/* Reads the ids of @sql (taken) on a worker, with a connection of its
 * own to @store's file or server, and the rows of the first @n_rows of
 * them (with kind->read_row_plain); _rounds_paged_list_load_propagate()
 * gives them. */
void      _rounds_paged_list_load_in_thread (RoundsPagedList   *self,
                                           GTask               *task,
                                           char                *sql,
                                           guint                n_rows);
GArray   *_rounds_paged_list_load_propagate (GTask             *task,
                                           GPtrArray          **rows,
                                           GError             **error);
gboolean  _rounds_paged_list_is_worker_task (GAsyncResult      *result);

G_END_DECLS
