/* rounds-store-comment-list.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rounds-store-comment-list.h"
#include "rounds-store-paged-list.h"
#include "rounds-store-private.h"

/* The Inbox's list as a list model over SQL, like RoundsPostList for the
 * Posts list (issue 17): the database filters (state, deleted, triage
 * kind, network, rating, and "overdue" as one received-before time per
 * kind) and sorts (newest first, the received_at index walked
 * backwards); the list keeps only the ids in the order shown (8 bytes a
 * comment) and reads the comments themselves in pages of 64 rows as
 * the view asks for them, keeping at most 512 (the paged list it shares
 * with the Posts list, rounds-store-paged-list.c).
 *
 * The ids can be read on a worker with a connection of its own
 * (rounds_comment_list_load_async(): the Inbox's first show), or on the
 * main thread (a new filter, the store's own list).
 *
 * A change to one comment (the store's ::comment-changed) asks the
 * database whether that comment is shown, finds its place by a binary
 * search over the ids and emits one items-changed: nothing else is read
 * again. Every filter is SQL the server understands as well: no
 * function of this process is called from the query. */

#define N_KINDS (ROUNDS_TRIAGE_LAST + 1)
/* Rows read with the ids on a worker: GTK 4.8's list view makes about
 * 200 list items from the top (four pages) */
#define FIRST_ROWS 256

struct _RoundsCommentList
{
  GObject            parent_instance;

  RoundsStore       *store;
  gboolean           own;              /* the store's rounds_store_get_comments() */
  gulong             changed_handler;

  RoundsPagedList    list;             /* the ids shown, the comments kept,
                                        * the ids changed during a read */

  RoundsInboxFilter  filter;
  gint64             overdue[N_KINDS]; /* seconds to answer, 0: no target */
  gint64             now;
  gboolean           has_overdue;

  gboolean           loaded;           /* the ids were read once */
  GTask             *loading;          /* a read on a worker under way */
};

static void rounds_comment_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RoundsCommentList, rounds_comment_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      rounds_comment_list_model_init))

/* ---- SQL -------------------------------------------------------------- */

#define NOT_ANSWERED "state NOT IN ('answered', 'answered-by-hand')"
#define NOT_DELETED  "COALESCE (deleted_at, 0) = 0"
#define TRIAGE       "COALESCE (triage, 'other')"

static void
append_kinds (GString *sql,
              guint    kinds)
{
  gboolean first = TRUE;

  g_string_append (sql, " AND " TRIAGE " IN (");
  for (guint k = 0; k < N_KINDS; k++)
    if (kinds & ROUNDS_INBOX_KIND_BIT (k))
      {
        /* Fixed names from the triage table, never user text. */
        g_string_append_printf (sql, first ? "'%s'" : ", '%s'", rounds_triage_kind_to_string (k));
        first = FALSE;
      }
  if (first)
    g_string_append (sql, "NULL");
  g_string_append (sql, ")");
}

/* The WHERE clause of @filter, every value a literal from a fixed table
 * or a number (so that a worker needs only the text). */
static void
append_where (RoundsCommentList *self,
              GString           *sql)
{
  RoundsInboxFilterFlags flags = self->filter.flags;

  g_string_append (sql, " WHERE 1 = 1");
  if (flags & ROUNDS_INBOX_FILTER_UNANSWERED)
    g_string_append (sql, " AND " NOT_ANSWERED " AND " NOT_DELETED " AND " TRIAGE " <> 'spam'");
  if (flags & ROUNDS_INBOX_FILTER_NEEDS_ATTENTION)
    {
      /* rounds_comment_needs_attention(), or past the plan's time to
       * answer its kind (the Inbox's "Needs Attention"). */
      g_string_append (sql, " AND " NOT_ANSWERED " AND ((" NOT_DELETED
                            " AND (" TRIAGE " IN ('complaint', 'health_details', 'crisis')"
                            " OR rating BETWEEN 1 AND 2))");
      for (guint k = 0; self->has_overdue && k < N_KINDS; k++)
        if (self->overdue[k] > 0)
          g_string_append_printf (sql, " OR (" TRIAGE " = '%s' AND received_at < %" G_GINT64_FORMAT ")",
                                  rounds_triage_kind_to_string (k), self->now - self->overdue[k]);
      g_string_append (sql, ")");
    }
  if (flags & ROUNDS_INBOX_FILTER_UNREAD)
    g_string_append (sql, " AND state = 'new'");
  if (flags & ROUNDS_INBOX_FILTER_HIDE_DELETED)
    g_string_append (sql, " AND " NOT_DELETED);
  if (flags & ROUNDS_INBOX_FILTER_HIDE_SPAM)
    g_string_append (sql, " AND " TRIAGE " <> 'spam'");
  if (self->filter.networks != ROUNDS_NETWORK_NONE)
    {
      gboolean first = TRUE;

      g_string_append (sql, " AND network IN (");
      for (guint bit = 1; bit != 0 && bit <= (guint)self->filter.networks; bit <<= 1)
        if ((self->filter.networks & bit) != 0)
          {
            const char *id = rounds_network_to_string (bit);

            if (id == NULL)
              continue;
            g_string_append_printf (sql, first ? "'%s'" : ", '%s'", id);
            first = FALSE;
          }
      if (first)
        g_string_append (sql, "NULL");
      g_string_append (sql, ")");
    }
  if (self->filter.kinds != 0)
    append_kinds (sql, self->filter.kinds);
}

static char *
ids_sql (RoundsCommentList *self)
{
  GString *sql = g_string_new ("SELECT id FROM comments");

  append_where (self, sql);
  /* Newest first: the received_at index backwards (it ends with the id). */
  g_string_append (sql, " ORDER BY received_at DESC, id DESC");
  return g_string_free (sql, FALSE);
}

/* The comment @id if the filter shows it, else NULL. */
static RoundsComment *
fetch_if_shown (RoundsCommentList *self,
                gint64             id)
{
  g_autoptr(GString) sql = g_string_new ("SELECT " ROUNDS_STORE_COMMENT_COLUMNS " FROM comments");
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  RoundsDbStmt *stmt = NULL;

  if (self->store == NULL || !_rounds_store_ensure_open (self->store, NULL))
    return NULL;
  append_where (self, sql);
  /* Not through the store's statement cache: the text holds the
   * filter's numbers (the overdue times change with the clock). */
  g_string_append_printf (sql, " AND id = %" G_GINT64_FORMAT, id);
  if (rounds_db_prepare_v2 (self->store->db, sql->str, -1, &stmt, NULL) != ROUNDS_DB_OK)
    {
      g_debug ("Inbox list: %s", rounds_db_errmsg (self->store->db));
      rounds_db_finalize (stmt);
      return NULL;
    }
  rows = _rounds_store_read_rows (self->store, stmt, _rounds_store_comment_of_row,
                                  g_object_unref, &error, _("Could not read the comments"));
  rounds_db_finalize (stmt);
  if (rows == NULL)
    {
      g_debug ("Inbox list: %s", error->message);
      return NULL;
    }
  return rows->len > 0 ? g_object_ref (g_ptr_array_index (rows, 0)) : NULL;
}

/* ---- the paged list's kind -------------------------------------------- */

static gint64
kind_get_id (gpointer item)
{
  return rounds_comment_get_id (item);
}

static gpointer
kind_new_empty (gint64 id)
{
  return g_object_new (ROUNDS_TYPE_COMMENT, "id", id, NULL);
}

static gpointer
kind_fetch_if_shown (GListModel *owner,
                     gint64      id)
{
  return fetch_if_shown (ROUNDS_COMMENT_LIST (owner), id);
}

/* Newest first; among equal times the higher id first (as the SQL). */
static gboolean
kind_goes_before (GListModel *owner,
                  gpointer    a,
                  gpointer    b)
{
  gint64 ta = rounds_comment_get_received_at (a);
  gint64 tb = rounds_comment_get_received_at (b);

  return ta > tb || (ta == tb && rounds_comment_get_id (a) > rounds_comment_get_id (b));
}

/* On a worker (the first rows read with the ids): the same row, read
 * without the store (it is not used). */
static gpointer
kind_read_row_plain (RoundsDbStmt *stmt)
{
  return _rounds_store_comment_of_row (NULL, stmt);
}

/* A changed comment replaces the one kept (assign NULL). */
static RoundsPagedListKind comment_kind = {
  .select = "SELECT " ROUNDS_STORE_COMMENT_COLUMNS " FROM comments",
  .read_row = _rounds_store_comment_of_row,
  .read_error = N_("Could not read the comments"),
  .log_name = "Inbox list",
  .quiet = TRUE,
  .get_id = kind_get_id,
  .new_empty = kind_new_empty,
  .fetch_if_shown = kind_fetch_if_shown,
  .goes_before = kind_goes_before,
  .read_row_plain = kind_read_row_plain,
};

/* ---- GListModel ------------------------------------------------------- */

static GType
get_item_type (GListModel *model)
{
  return ROUNDS_TYPE_COMMENT;
}

static guint
get_n_items (GListModel *model)
{
  return _rounds_paged_list_get_n_items (&ROUNDS_COMMENT_LIST (model)->list);
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  return _rounds_paged_list_get_item (&ROUNDS_COMMENT_LIST (model)->list, position);
}

static void
rounds_comment_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

/* ---- changes ---------------------------------------------------------- */

/* New ids: says what differs (the common start and end stay). */
static void
take_ids (RoundsCommentList *self,
          GArray            *ids)
{
  self->loaded = TRUE;
  _rounds_paged_list_take_ids (&self->list, ids);
}

static void
reload (RoundsCommentList *self)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;

  if (self->store != NULL && self->store->offline)
    return;   /* the practice server cannot be reached: the last rows stay */
  if (self->store == NULL || !_rounds_store_ensure_open (self->store, &error))
    {
      if (error != NULL)
        g_debug ("Inbox list: %s", error->message);
      take_ids (self, ids);
      return;
    }
  sql = ids_sql (self);
  if (!_rounds_paged_list_read_ids (self->store->db, sql, ids, comment_kind.read_error, &error))
    {
      if (g_error_matches (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_OFFLINE) ||
          !rounds_db_is_connected (self->store->db))
        {
          /* The practice server cannot be reached: the last rows stay. */
          g_debug ("Inbox list: %s", error->message);
          return;
        }
      g_warning ("Inbox list: %s", error->message);
      g_array_set_size (ids, 0);
    }
  take_ids (self, ids);
}

static void
on_comment_changed_cb (RoundsCommentList *self,
                       gint64             id)
{
  if (id == 0)
    {
      /* Anything may have changed (a reconnect): read the ids again. */
      if (self->loaded && self->loading == NULL)
        reload (self);
      return;
    }
  if (self->loading != NULL)
    {
      _rounds_paged_list_note_pending (&self->list, id);
      return;
    }
  if (!self->loaded)
    return;   /* the first read will see it */
  _rounds_paged_list_update_one (&self->list, id);
}

/* ---- reading on a worker ---------------------------------------------- */

/**
 * rounds_comment_list_load_async:
 *
 * Reads the ids the filter shows on a worker thread with a connection
 * of its own, then shows them (one items-changed). Changes that arrive
 * meanwhile are applied after. Without a file or server to open (a
 * store in memory) the ids are read here.
 */
void
rounds_comment_list_load_async (RoundsCommentList   *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ROUNDS_IS_COMMENT_LIST (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rounds_comment_list_load_async);

  if (self->store == NULL || self->store->db == NULL || self->store->offline ||
      (self->store->path == NULL && self->store->conninfo == NULL))
    {
      reload (self);
      g_task_return_boolean (task, TRUE);
      return;
    }

  g_set_object (&self->loading, task);
  /* With the rows GTK 4.8's list view binds first (about 200 around
   * the top): none read on the main thread when the Inbox first shows. */
  _rounds_paged_list_load_in_thread (&self->list, task, ids_sql (self), FIRST_ROWS);
}

gboolean
rounds_comment_list_load_finish (RoundsCommentList  *self,
                                 GAsyncResult       *result,
                                 GError            **error)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean current;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  /* Read here (no worker): already shown. */
  if (!_rounds_paged_list_is_worker_task (result))
    return g_task_propagate_boolean (G_TASK (result), error);
  current = self->loading == G_TASK (result);

  ids = _rounds_paged_list_load_propagate (G_TASK (result), &rows, &local_error);
  if (current)
    g_clear_object (&self->loading);
  if (ids == NULL)
    {
      if (current && self->store != NULL &&
          !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        reload (self);   /* the worker could not: read here */
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (!current)
    return TRUE;   /* a newer filter was read meanwhile */
  self->loaded = TRUE;
  _rounds_paged_list_take_ids_with_rows (&self->list, ids, rows, NULL);
  _rounds_paged_list_apply_pending (&self->list);
  return TRUE;
}

/* ---- GObject ---------------------------------------------------------- */

static void
set_store (RoundsCommentList *self,
           RoundsStore       *store)
{
  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_handler, self->store);
  if (self->own)
    self->store = store;
  else
    g_set_object (&self->store, store);
  self->list.store = self->store;
  if (store != NULL)
    self->changed_handler = g_signal_connect_object (store, "comment-changed",
                                                     G_CALLBACK (on_comment_changed_cb), self,
                                                     G_CONNECT_SWAPPED);
}

static void
rounds_comment_list_dispose (GObject *object)
{
  RoundsCommentList *self = ROUNDS_COMMENT_LIST (object);

  set_store (self, NULL);
  g_clear_object (&self->loading);

  G_OBJECT_CLASS (rounds_comment_list_parent_class)->dispose (object);
}

static void
rounds_comment_list_finalize (GObject *object)
{
  RoundsCommentList *self = ROUNDS_COMMENT_LIST (object);

  _rounds_paged_list_clear (&self->list);

  G_OBJECT_CLASS (rounds_comment_list_parent_class)->finalize (object);
}

static void
rounds_comment_list_class_init (RoundsCommentListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rounds_comment_list_dispose;
  object_class->finalize = rounds_comment_list_finalize;
}

static void
rounds_comment_list_init (RoundsCommentList *self)
{
  _rounds_paged_list_init (&self->list, &comment_kind, G_LIST_MODEL (self));
}

/* ---- public ----------------------------------------------------------- */

/**
 * rounds_comment_list_new:
 * @store: (nullable): whose comments to list
 *
 * Returns: (transfer full): an empty list: it reads the ids with
 *   rounds_comment_list_load_async() or a new filter.
 */
RoundsCommentList *
rounds_comment_list_new (RoundsStore *store)
{
  RoundsCommentList *self = g_object_new (ROUNDS_TYPE_COMMENT_LIST, NULL);

  set_store (self, store);
  return self;
}

/**
 * rounds_comment_list_set_filter:
 * @filter: (nullable): %NULL shows every comment
 *
 * Once loaded, a new filter is read at once, on this thread.
 */
void
rounds_comment_list_set_filter (RoundsCommentList       *self,
                                const RoundsInboxFilter *filter)
{
  RoundsInboxFilter none = { 0 };

  g_return_if_fail (ROUNDS_IS_COMMENT_LIST (self));

  if (filter == NULL)
    filter = &none;
  if (memcmp (filter, &self->filter, sizeof *filter) == 0)
    return;
  self->filter = *filter;
  if (self->loaded || self->loading != NULL)
    {
      g_clear_object (&self->loading);
      reload (self);
      _rounds_paged_list_apply_pending (&self->list);
    }
}

/**
 * rounds_comment_list_set_overdue:
 * @seconds: (nullable) (array fixed-size=8): per triage kind, the time
 *   to answer it (0: no target); %NULL for none
 * @now: the time now
 *
 * With %ROUNDS_INBOX_FILTER_NEEDS_ATTENTION the list also shows the
 * unanswered items received more than their kind's time before @now.
 */
void
rounds_comment_list_set_overdue (RoundsCommentList *self,
                                 const gint64      *seconds,
                                 gint64             now)
{
  g_return_if_fail (ROUNDS_IS_COMMENT_LIST (self));

  self->has_overdue = seconds != NULL;
  for (guint k = 0; k < N_KINDS; k++)
    self->overdue[k] = seconds != NULL ? seconds[k] : 0;
  self->now = now;
  if ((self->filter.flags & ROUNDS_INBOX_FILTER_NEEDS_ATTENTION) &&
      (self->loaded || self->loading != NULL))
    {
      g_clear_object (&self->loading);
      reload (self);
      _rounds_paged_list_apply_pending (&self->list);
    }
}

gboolean
rounds_comment_list_get_loaded (RoundsCommentList *self)
{
  g_return_val_if_fail (ROUNDS_IS_COMMENT_LIST (self), FALSE);
  return self->loaded;
}

/**
 * rounds_comment_list_find:
 *
 * Returns: the position of comment @id, or %G_MAXUINT when not shown.
 */
guint
rounds_comment_list_find (RoundsCommentList *self,
                          gint64             id)
{
  g_return_val_if_fail (ROUNDS_IS_COMMENT_LIST (self), G_MAXUINT);
  return _rounds_paged_list_position_of (&self->list, id);
}

guint
_rounds_comment_list_get_n_pages_read (RoundsCommentList *self)
{
  g_return_val_if_fail (ROUNDS_IS_COMMENT_LIST (self), 0);
  return self->list.n_pages_read;
}

/* The store's rounds_store_get_comments(): every comment, newest first,
 * read now. It does not hold @store. */
GListModel *
_rounds_comment_list_new_all (RoundsStore *store)
{
  RoundsCommentList *self = g_object_new (ROUNDS_TYPE_COMMENT_LIST, NULL);

  self->own = TRUE;
  set_store (self, store);
  reload (self);
  return G_LIST_MODEL (self);
}

/* rounds_store_list_inbox(): the comments @filter shows, read now. */
GListModel *
_rounds_comment_list_new_filtered (RoundsStore             *store,
                                   const RoundsInboxFilter *filter)
{
  RoundsCommentList *self = g_object_new (ROUNDS_TYPE_COMMENT_LIST, NULL);

  set_store (self, store);
  if (filter != NULL)
    self->filter = *filter;
  reload (self);
  return G_LIST_MODEL (self);
}

void
_rounds_comment_list_forget_store (GListModel *list)
{
  set_store (ROUNDS_COMMENT_LIST (list), NULL);
}
