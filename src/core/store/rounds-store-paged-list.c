/* rounds-store-paged-list.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rounds-store-paged-list.h"

/* The part of RoundsPostList and RoundsCommentList that does not depend
 * on what they list (see the header). Every items-changed of both lists
 * is emitted here, on the owner. */

#define PAGE 64
#define CACHE_MAX 512

#define ID_AT(self, i) g_array_index ((self)->ids, gint64, (i))

void
_rounds_paged_list_init (RoundsPagedList     *self,
                         RoundsPagedListKind *kind,
                         GListModel          *owner)
{
  self->kind = kind;
  self->owner = owner;
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->cache = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->pending = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

void
_rounds_paged_list_clear (RoundsPagedList *self)
{
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->cache, g_hash_table_unref);
  g_clear_pointer (&self->pending, g_hash_table_unref);
}

/* ---- the rows, a page at a time --------------------------------------- */

/* Keeps @item, or brings the object already kept for its id up to date
 * when the kind says how. */
static void
cache_add (RoundsPagedList *self,
           gpointer         item)
{
  gint64 id = self->kind->get_id (item);
  gpointer kept = g_hash_table_lookup (self->cache, &id);
  gint64 *key;

  if (kept != NULL && self->kind->assign != NULL)
    {
      if (kept != item)
        self->kind->assign (kept, item);
      return;
    }
  key = g_new (gint64, 1);
  *key = id;
  g_hash_table_replace (self->cache, key, g_object_ref (item));
}

static void
log_error (RoundsPagedList *self,
           const GError    *error)
{
  if (self->kind->quiet)
    g_debug ("%s: %s", self->kind->log_name, error->message);
  else
    g_warning ("%s: %s", self->kind->log_name, error->message);
}

/* Reads the page of rows around @position into the cache. */
static void
fetch_page (RoundsPagedList *self,
            guint            position)
{
  RoundsPagedListKind *kind = self->kind;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  RoundsDbStmt *stmt;
  guint first = position - position % PAGE;
  guint n = MIN (PAGE, self->ids->len - first);

  if (kind->page_sql == NULL)
    {
      GString *s = g_string_new (kind->select);

      g_string_append (s, " WHERE id IN (");
      for (guint i = 1; i <= PAGE; i++)
        g_string_append_printf (s, i > 1 ? ", ?%u" : "?%u", i);
      g_string_append (s, ")");
      kind->page_sql = g_string_free (s, FALSE);   /* once, kept: the store caches it by text */
    }

  if (g_hash_table_size (self->cache) + PAGE > CACHE_MAX)
    g_hash_table_remove_all (self->cache);

  self->n_pages_read++;
  stmt = _rounds_store_prepare (self->store, kind->page_sql, &error);
  if (stmt != NULL)
    for (guint i = 0; i < PAGE; i++)
      {
        if (i < n)
          rounds_db_bind_int64 (stmt, i + 1, ID_AT (self, first + i));
        else
          rounds_db_bind_null (stmt, i + 1);
      }
  rows = _rounds_store_read_rows (self->store, stmt, kind->read_row, g_object_unref,
                                  &error, _(kind->read_error));
  if (stmt != NULL)
    rounds_db_clear_bindings (stmt);
  if (rows == NULL)
    {
      log_error (self, error);
      return;
    }
  for (guint i = 0; i < rows->len; i++)
    cache_add (self, g_ptr_array_index (rows, i));
}

guint
_rounds_paged_list_get_n_items (RoundsPagedList *self)
{
  return self->ids->len;
}

gpointer
_rounds_paged_list_get_item (RoundsPagedList *self,
                             guint            position)
{
  gpointer item;
  gint64 id;

  if (position >= self->ids->len)
    return NULL;

  id = ID_AT (self, position);
  item = g_hash_table_lookup (self->cache, &id);
  if (item == NULL && self->store != NULL)
    {
      fetch_page (self, position);
      item = g_hash_table_lookup (self->cache, &id);
    }
  if (item == NULL)
    /* Never NULL inside the count: a row that vanished between two
     * signals reads as an empty item until its removal arrives. */
    return self->kind->new_empty (id);
  return g_object_ref (item);
}

guint
_rounds_paged_list_position_of (RoundsPagedList *self,
                                gint64           id)
{
  for (guint i = 0; i < self->ids->len; i++)
    if (ID_AT (self, i) == id)
      return i;
  return G_MAXUINT;
}

/* ---- changes ---------------------------------------------------------- */

/* Where @item goes among the ids (itself not among them). */
static guint
insertion_point (RoundsPagedList *self,
                 gpointer         item)
{
  guint lo = 0, hi = self->ids->len;
  gint64 id = self->kind->get_id (item);

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      gboolean before;

      if (self->by_id)
        before = ID_AT (self, mid) < id;
      else
        {
          g_autoptr(GObject) other = _rounds_paged_list_get_item (self, mid);

          before = self->kind->goes_before (self->owner, other, item);
        }
      if (before)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* Looks at row @id again: it enters, leaves, moves or changes in place,
 * with one items-changed each. */
void
_rounds_paged_list_update_one (RoundsPagedList *self,
                               gint64           id)
{
  g_autoptr(GObject) item = self->kind->fetch_if_shown (self->owner, id);
  guint old = _rounds_paged_list_position_of (self, id);
  guint pos;

  if (item == NULL)
    {
      g_hash_table_remove (self->cache, &id);
      if (old != G_MAXUINT)
        {
          g_array_remove_index (self->ids, old);
          g_list_model_items_changed (self->owner, old, 1, 0);
        }
      return;
    }

  if (old != G_MAXUINT)
    g_array_remove_index (self->ids, old);
  else if (self->kind->entered != NULL)
    self->kind->entered (self->owner);   /* new, or let in by a change */
  pos = insertion_point (self, item);
  cache_add (self, item);   /* the object shown so far, now up to date */

  if (old == pos)
    {
      g_array_insert_val (self->ids, pos, id);
      if (!self->by_id)
        g_list_model_items_changed (self->owner, pos, 1, 1);
      return;
    }
  /* A move is a removal at the old place, then an addition at the new
   * one, as a GtkSortListModel shows it. */
  if (old != G_MAXUINT)
    g_list_model_items_changed (self->owner, old, 1, 0);
  g_array_insert_val (self->ids, pos, id);
  g_list_model_items_changed (self->owner, pos, 0, 1);
}

/* New ids: says what differs (the common start and end stay, so a
 * selection there stays). The rows kept are dropped.
 *
 * When rows both leave and come (a new order, a new filter), the change
 * is said in two: the rows that leave, then the rows that come. In one
 * items-changed, GTK 4.8's list views look for the row they keep in view
 * (or focused) among every added row when its widget's row left, asking
 * for each of them (gtk_list_item_manager_model_items_changed_cb): with
 * 100,000 posts, every post read from the database, a page at a time,
 * for a new sort order. Said in two, the first change adds nothing to
 * look through and the second removes nothing, and the view goes to the
 * first changed row (the top, for a new order or filter), which is where
 * it ended up anyway: the rows are new objects, so the one kept in view
 * was never found (bench/README.md). */
void
_rounds_paged_list_take_ids (RoundsPagedList *self,
                             GArray          *ids)
{
  guint old_n = self->ids->len;
  guint new_n = ids->len;
  guint start = 0, end = 0;
  guint removed, added;

  while (start < old_n && start < new_n &&
         ID_AT (self, start) == g_array_index (ids, gint64, start))
    start++;
  while (end < old_n - start && end < new_n - start &&
         ID_AT (self, old_n - 1 - end) == g_array_index (ids, gint64, new_n - 1 - end))
    end++;
  removed = old_n - start - end;
  added = new_n - start - end;

  g_hash_table_remove_all (self->cache);
  if (removed > 0 && added > 0)
    {
      /* In between, the list is what both have in common. */
      g_array_remove_range (self->ids, start, removed);
      g_list_model_items_changed (self->owner, start, removed, 0);
      removed = 0;
    }
  g_array_unref (self->ids);
  self->ids = g_array_ref (ids);
  if (removed > 0 || added > 0)
    g_list_model_items_changed (self->owner, start, removed, added);
}

/* Row @id is gone from the database: it leaves now. */
void
_rounds_paged_list_remove (RoundsPagedList *self,
                           gint64           id)
{
  guint pos = _rounds_paged_list_position_of (self, id);

  g_hash_table_remove (self->cache, &id);
  g_hash_table_remove (self->pending, &id);
  if (pos == G_MAXUINT)
    return;
  g_array_remove_index (self->ids, pos);
  g_list_model_items_changed (self->owner, pos, 1, 0);
}

/* Every row leaves now (one items-changed). */
void
_rounds_paged_list_remove_all (RoundsPagedList *self)
{
  guint n = self->ids->len;

  if (n == 0)
    return;
  g_array_set_size (self->ids, 0);
  g_hash_table_remove_all (self->cache);
  g_list_model_items_changed (self->owner, 0, n, 0);
}

/* Row @id changed while the list does not look: noted, and not kept. */
void
_rounds_paged_list_note_pending (RoundsPagedList *self,
                                 gint64           id)
{
  gint64 *key = g_new (gint64, 1);

  *key = id;
  g_hash_table_add (self->pending, key);
  g_hash_table_remove (self->cache, &id);
}

/* Looks at every noted row again. */
void
_rounds_paged_list_apply_pending (RoundsPagedList *self)
{
  g_autoptr(GArray) changed = g_array_new (FALSE, FALSE, sizeof (gint64));
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->pending);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_array_append_val (changed, *(gint64 *)key);
  g_hash_table_remove_all (self->pending);
  for (guint i = 0; i < changed->len; i++)
    _rounds_paged_list_update_one (self, g_array_index (changed, gint64, i));
}

/* ---- the ids, on any thread ------------------------------------------- */

gboolean
_rounds_paged_list_read_ids (RoundsDb    *db,
                             const char  *sql,
                             GArray      *ids,
                             const char  *read_error,
                             GError     **error)
{
  RoundsDbStmt *stmt = NULL;
  int rc = rounds_db_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc != ROUNDS_DB_OK)
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_IO, "%s: %s",
                   _(read_error), rounds_db_errmsg (db));
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
                   _(read_error), rounds_db_errmsg (db));
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  char       *path;
  char       *conninfo;
  char       *sql;
  const char *read_error;
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

  db = _rounds_store_open_reader (data->path, data->conninfo, data->read_error, &error);
  if (db == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (_rounds_paged_list_read_ids (db, data->sql, ids, data->read_error, &error))
    g_task_return_pointer (task, g_steal_pointer (&ids), (GDestroyNotify)g_array_unref);
  else
    g_task_return_error (task, error);
  rounds_db_close_v2 (db);
}

void
_rounds_paged_list_load_in_thread (RoundsPagedList *self,
                                   GTask           *task,
                                   char            *sql)
{
  LoadData *data = g_new0 (LoadData, 1);

  data->path = g_strdup (self->store->path);
  data->conninfo = g_strdup (self->store->conninfo);
  data->sql = sql;
  data->read_error = self->kind->read_error;
  g_task_set_task_data (task, data, (GDestroyNotify)load_data_free);
  g_task_run_in_thread (task, load_thread);
}

/* Whether @result is of a read on a worker (else the ids were read on
 * this thread and are already shown). */
gboolean
_rounds_paged_list_is_worker_task (GAsyncResult *result)
{
  return g_task_get_task_data (G_TASK (result)) != NULL;
}
