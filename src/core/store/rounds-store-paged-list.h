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

  char               *page_sql;          /* made on first use, kept */
} RoundsPagedListKind;

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

/* Appends the ids of @sql (first column) read through @db to @ids. */
gboolean  _rounds_paged_list_read_ids     (RoundsDb            *db,
                                           const char          *sql,
                                           GArray              *ids,
                                           const char          *read_error,
                                           GError             **error);
/* Reads the ids of @sql (taken) on a worker, with a connection of its
 * own to @store's file or server; @task returns the GArray. */
void      _rounds_paged_list_load_in_thread (RoundsPagedList   *self,
                                           GTask               *task,
                                           char                *sql);
gboolean  _rounds_paged_list_is_worker_task (GAsyncResult      *result);

G_END_DECLS
