/* rounds-store-comment-list.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>
#include <string.h>

#include "rounds-store-comment-list.h"
#include "rounds-store-private.h"

/* The Inbox's list as a list model over SQL, like RoundsPostList for the
 * Posts list (issue 17): the database filters (state, deleted, triage
 * kind, network, rating, and "overdue" as one received-before time per
 * kind) and sorts (newest first, the received_at index walked
 * backwards); the list keeps only the ids in the order shown (8 bytes a
 * comment) and reads the comments themselves in pages of PAGE rows as
 * the view asks for them, keeping at most CACHE_MAX.
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

#define PAGE 64
#define CACHE_MAX 512
#define N_KINDS (ROUNDS_TRIAGE_LAST + 1)

struct _RoundsCommentList
{
  GObject            parent_instance;

  RoundsStore       *store;
  gboolean           own;              /* the store's rounds_store_get_comments() */
  gulong             changed_handler;

  GArray            *ids;              /* gint64, in the order shown */
  GHashTable        *cache;            /* gint64* id → RoundsComment */

  RoundsInboxFilter  filter;
  gint64             overdue[N_KINDS]; /* seconds to answer, 0: no target */
  gint64             now;
  gboolean           has_overdue;

  gboolean           loaded;           /* the ids were read once */
  GTask             *loading;          /* a read on a worker under way */
  GHashTable        *pending;          /* gint64* ids changed during it */
};

static void rounds_comment_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RoundsCommentList, rounds_comment_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      rounds_comment_list_model_init))

#define ID_AT(self, i) g_array_index ((self)->ids, gint64, (i))

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

static gboolean
read_ids (RoundsDb    *db,
          const char  *sql,
          GArray      *ids,
          GError     **error)
{
  RoundsDbStmt *stmt = NULL;
  int rc = rounds_db_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc != ROUNDS_DB_OK)
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_IO, "%s: %s",
                   _("Could not read the comments"), rounds_db_errmsg (db));
      rounds_db_finalize (stmt);
      return FALSE;
    }
  while ((rc = rounds_db_step (stmt)) == ROUNDS_DB_ROW)
    {
      gint64 id = rounds_db_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  rounds_db_finalize (stmt);
  if (rc != ROUNDS_DB_DONE)
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_IO, "%s: %s",
                   _("Could not read the comments"), rounds_db_errmsg (db));
      return FALSE;
    }
  return TRUE;
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

static void
cache_add (RoundsCommentList *self,
           RoundsComment     *comment)
{
  gint64 *key = g_new (gint64, 1);

  *key = rounds_comment_get_id (comment);
  g_hash_table_replace (self->cache, key, g_object_ref (comment));
}

/* Reads the page of comments around @position into the cache. */
static void
fetch_page (RoundsCommentList *self,
            guint              position)
{
  static char *sql = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  RoundsDbStmt *stmt;
  guint first = position - position % PAGE;
  guint n = MIN (PAGE, self->ids->len - first);

  if (sql == NULL)
    {
      GString *s = g_string_new ("SELECT " ROUNDS_STORE_COMMENT_COLUMNS " FROM comments"
                                 " WHERE id IN (");

      for (guint i = 1; i <= PAGE; i++)
        g_string_append_printf (s, i > 1 ? ", ?%u" : "?%u", i);
      g_string_append (s, ")");
      sql = g_string_free (s, FALSE);   /* once, kept: the store caches it by text */
    }

  if (g_hash_table_size (self->cache) + PAGE > CACHE_MAX)
    g_hash_table_remove_all (self->cache);

  stmt = _rounds_store_prepare (self->store, sql, &error);
  if (stmt != NULL)
    for (guint i = 0; i < PAGE; i++)
      {
        if (i < n)
          rounds_db_bind_int64 (stmt, i + 1, ID_AT (self, first + i));
        else
          rounds_db_bind_null (stmt, i + 1);
      }
  rows = _rounds_store_read_rows (self->store, stmt, _rounds_store_comment_of_row,
                                  g_object_unref, &error, _("Could not read the comments"));
  if (rows == NULL)
    {
      g_debug ("Inbox list: %s", error->message);
      return;
    }
  for (guint i = 0; i < rows->len; i++)
    cache_add (self, g_ptr_array_index (rows, i));
}

/* ---- GListModel ------------------------------------------------------- */

static GType
get_item_type (GListModel *model)
{
  return ROUNDS_TYPE_COMMENT;
}

static guint
get_n_items (GListModel *model)
{
  return ROUNDS_COMMENT_LIST (model)->ids->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  RoundsCommentList *self = ROUNDS_COMMENT_LIST (model);
  RoundsComment *comment;
  gint64 id;

  if (position >= self->ids->len)
    return NULL;

  id = ID_AT (self, position);
  comment = g_hash_table_lookup (self->cache, &id);
  if (comment == NULL && self->store != NULL)
    {
      fetch_page (self, position);
      comment = g_hash_table_lookup (self->cache, &id);
    }
  if (comment == NULL)
    /* Never NULL inside the count: one that vanished between two
     * signals reads as an empty item until its removal arrives. */
    return g_object_new (ROUNDS_TYPE_COMMENT, "id", id, NULL);
  return g_object_ref (comment);
}

static void
rounds_comment_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

/* ---- changes ---------------------------------------------------------- */

static guint
position_of (RoundsCommentList *self,
             gint64             id)
{
  for (guint i = 0; i < self->ids->len; i++)
    if (ID_AT (self, i) == id)
      return i;
  return G_MAXUINT;
}

/* Newest first; among equal times the higher id first (as the SQL). */
static gboolean
goes_before (RoundsComment *a,
             RoundsComment *b)
{
  gint64 ta = rounds_comment_get_received_at (a);
  gint64 tb = rounds_comment_get_received_at (b);

  return ta > tb || (ta == tb && rounds_comment_get_id (a) > rounds_comment_get_id (b));
}

static guint
insertion_point (RoundsCommentList *self,
                 RoundsComment     *comment)
{
  guint lo = 0, hi = self->ids->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      g_autoptr(RoundsComment) other = get_item (G_LIST_MODEL (self), mid);

      if (goes_before (other, comment))
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* Looks at comment @id again: it enters, leaves, moves or changes in
 * place, with one items-changed each. */
static void
update_one (RoundsCommentList *self,
            gint64             id)
{
  g_autoptr(RoundsComment) comment = fetch_if_shown (self, id);
  guint old = position_of (self, id);
  guint pos;

  g_hash_table_remove (self->cache, &id);
  if (comment == NULL)
    {
      if (old != G_MAXUINT)
        {
          g_array_remove_index (self->ids, old);
          g_list_model_items_changed (G_LIST_MODEL (self), old, 1, 0);
        }
      return;
    }

  if (old != G_MAXUINT)
    g_array_remove_index (self->ids, old);
  pos = insertion_point (self, comment);
  cache_add (self, comment);
  if (old == pos)
    {
      g_array_insert_val (self->ids, pos, id);
      g_list_model_items_changed (G_LIST_MODEL (self), pos, 1, 1);
      return;
    }
  /* A move is a removal at the old place, then an addition at the new one. */
  if (old != G_MAXUINT)
    g_list_model_items_changed (G_LIST_MODEL (self), old, 1, 0);
  g_array_insert_val (self->ids, pos, id);
  g_list_model_items_changed (G_LIST_MODEL (self), pos, 0, 1);
}

/* New ids: says what differs (the common start and end stay). */
static void
take_ids (RoundsCommentList *self,
          GArray            *ids)
{
  guint old_n = self->ids->len;
  guint new_n = ids->len;
  guint start = 0, end = 0;

  while (start < old_n && start < new_n && ID_AT (self, start) == g_array_index (ids, gint64, start))
    start++;
  while (end < old_n - start && end < new_n - start &&
         ID_AT (self, old_n - 1 - end) == g_array_index (ids, gint64, new_n - 1 - end))
    end++;

  g_array_unref (self->ids);
  self->ids = g_array_ref (ids);
  g_hash_table_remove_all (self->cache);
  self->loaded = TRUE;
  if (old_n - start - end > 0 || new_n - start - end > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), start, old_n - start - end,
                                new_n - start - end);
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
  if (!read_ids (self->store->db, sql, ids, &error))
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
      gint64 *key = g_new (gint64, 1);

      *key = id;
      g_hash_table_add (self->pending, key);
      return;
    }
  if (!self->loaded)
    return;   /* the first read will see it */
  update_one (self, id);
}

/* ---- reading on a worker ---------------------------------------------- */

typedef struct
{
  char *path;
  char *conninfo;
  char *sql;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_free (data->path);
  g_free (data->conninfo);
  g_free (data->sql);
  g_free (data);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GError *error = NULL;
  RoundsDb *db = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  if (data->conninfo != NULL)
    {
      g_autoptr(GError) connect_error = NULL;

      db = rounds_db_open_postgresql (data->conninfo, &connect_error);
      if (db == NULL)
        {
          g_task_return_new_error (task, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_OFFLINE,
                                   _("Could not connect to the practice server: %s"),
                                   connect_error->message);
          return;
        }
    }
  else
    {
      sqlite3 *handle = NULL;
      int rc = sqlite3_open_v2 (data->path, &handle,
                                SQLITE_OPEN_READONLY | SQLITE_OPEN_NOFOLLOW, NULL);

      if (rc != SQLITE_OK)
        {
          _rounds_store_sqlite_error (handle, rc, &error, _("Could not read the comments"));
          sqlite3_close (handle);
          g_task_return_error (task, error);
          return;
        }
      sqlite3_busy_timeout (handle, 5000);
      db = rounds_db_new_sqlite (handle);
    }

  if (read_ids (db, data->sql, ids, &error))
    g_task_return_pointer (task, g_steal_pointer (&ids), (GDestroyNotify)g_array_unref);
  else
    g_task_return_error (task, error);
  rounds_db_close_v2 (db);
}

static void
apply_pending (RoundsCommentList *self)
{
  g_autoptr(GArray) changed = g_array_new (FALSE, FALSE, sizeof (gint64));
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->pending);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_array_append_val (changed, *(gint64 *)key);
  g_hash_table_remove_all (self->pending);
  for (guint i = 0; i < changed->len; i++)
    update_one (self, g_array_index (changed, gint64, i));
}

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
  LoadData *data;

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

  data = g_new0 (LoadData, 1);
  data->path = g_strdup (self->store->path);
  data->conninfo = g_strdup (self->store->conninfo);
  data->sql = ids_sql (self);
  g_task_set_task_data (task, data, (GDestroyNotify)load_data_free);
  g_set_object (&self->loading, task);
  g_task_run_in_thread (task, load_thread);
}

gboolean
rounds_comment_list_load_finish (RoundsCommentList  *self,
                                 GAsyncResult       *result,
                                 GError            **error)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean current;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  /* Read here (no worker): already shown. */
  if (g_task_get_task_data (G_TASK (result)) == NULL)
    return g_task_propagate_boolean (G_TASK (result), error);
  current = self->loading == G_TASK (result);

  ids = g_task_propagate_pointer (G_TASK (result), &local_error);
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
  take_ids (self, ids);
  apply_pending (self);
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

  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->cache, g_hash_table_unref);
  g_clear_pointer (&self->pending, g_hash_table_unref);

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
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->cache = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->pending = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
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
      apply_pending (self);
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
      apply_pending (self);
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
  return position_of (self, id);
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
