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
/* A view's list keeps more: the pages around where it looks (GTK 4.8's
 * list keeps ~200 rows, about three pages, around what shows). */
#define VIEW_CACHE_MAX 1024
#define KEEP_PAGES 4     /* pages kept on each side of where a view looks */
#define FAR_PAGES 6      /* a page asked this far from where it now looks is not read */

#define ID_AT(self, i) g_array_index ((self)->ids, gint64, (i))
#define PAGE_KEY(page) GUINT_TO_POINTER ((page) + 1)

/* The worker that reads a view's pages: one thread at a time, with a
 * connection of its own to the store's file or server, kept while the
 * list is. Pages nearest where the view looks are read first. */
struct _RoundsPageWorker
{
  gatomicrefcount      ref;
  RoundsPagedListKind *kind;
  char                *path;
  char                *conninfo;
  RoundsDb            *db;               /* the worker thread's */
  GThreadPool         *pool;
  int                  center_page;      /* atomic: where the view looks */
  GMainContext        *context;
};

/* One page asked of the worker; freed on the main thread. */
typedef struct
{
  RoundsPageWorker *worker;
  GWeakRef          owner;
  RoundsPagedList  *list;                /* valid while the owner is alive */
  guint             generation;
  guint             serial;              /* the list's change serial when asked */
  guint             page;
  GArray           *ids;
  GPtrArray        *rows;
  GHashTable       *extra;
  GError           *error;
  gboolean          skipped;
  gboolean          shown;               /* rows of it are on screen: read wherever the view looks */
} PageRead;

static void
build_page_sql (RoundsPagedListKind *kind)
{
  GString *s;

  if (kind->page_sql != NULL)
    return;
  s = g_string_new (kind->select);
  g_string_append (s, " WHERE id IN (");
  for (guint i = 1; i <= PAGE; i++)
    g_string_append_printf (s, i > 1 ? ", ?%u" : "?%u", i);
  g_string_append (s, ")");
  kind->page_sql = g_string_free (s, FALSE);   /* once, kept: the store caches it by text */
}

GHashTable *
_rounds_paged_list_new_extra_table (RoundsPagedListKind *kind)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, kind->extra_free);
}

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
  self->extra = _rounds_paged_list_new_extra_table (kind);
  self->in_flight = g_hash_table_new (NULL, NULL);
  self->placeholders = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                              g_object_unref);
  self->changed = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  build_page_sql (kind);   /* on the main thread, before any worker reads with it */
}

static void
worker_unref (RoundsPageWorker *worker)
{
  if (!g_atomic_ref_count_dec (&worker->ref))
    return;
  /* The pool is gone and no read holds the worker: its thread is done
   * with the connection. */
  if (worker->db != NULL)
    rounds_db_close_v2 (worker->db);
  g_free (worker->path);
  g_free (worker->conninfo);
  g_main_context_unref (worker->context);
  g_free (worker);
}

static void
stop_worker (RoundsPagedList *self)
{
  RoundsPageWorker *worker = g_steal_pointer (&self->worker);

  if (worker == NULL)
    return;
  /* Pages not started are dropped (and freed); a page being read ends
   * on its thread and its answer, still holding the worker, is dropped
   * by its generation. */
  g_thread_pool_free (worker->pool, TRUE, FALSE);
  worker_unref (worker);
  self->generation++;
  g_hash_table_remove_all (self->in_flight);
}

void
_rounds_paged_list_clear (RoundsPagedList *self)
{
  stop_worker (self);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->cache, g_hash_table_unref);
  g_clear_pointer (&self->pending, g_hash_table_unref);
  g_clear_pointer (&self->extra, g_hash_table_unref);
  g_clear_pointer (&self->in_flight, g_hash_table_unref);
  g_clear_pointer (&self->placeholders, g_hash_table_unref);
  g_clear_pointer (&self->changed, g_hash_table_unref);
}

/* What was read beside row @id: taken from @from (a table read with
 * it), or none, but known to be none (NULL: a view's row can show). */
static void
keep_extra (RoundsPagedList *self,
            gint64           id,
            GHashTable      *from)
{
  gpointer key, value;

  if (self->kind->read_extra == NULL)
    return;
  if (from != NULL && g_hash_table_steal_extended (from, &id, &key, &value))
    g_hash_table_replace (self->extra, key, value);
  else
    g_hash_table_replace (self->extra, g_memdup2 (&id, sizeof id), NULL);
}

/* Whether row @id is read for a view: the row, and what is read beside it */
static gboolean
is_read_for_view (RoundsPagedList *self,
                  gint64           id)
{
  return g_hash_table_contains (self->cache, &id) &&
         (self->kind->read_extra == NULL || g_hash_table_contains (self->extra, &id));
}

/* Row @id is no longer kept (nor what was read beside it). */
static void
forget (RoundsPagedList *self,
        gint64           id)
{
  g_hash_table_remove (self->cache, &id);
  g_hash_table_remove (self->extra, &id);
}

static void
forget_all (RoundsPagedList *self)
{
  g_hash_table_remove_all (self->cache);
  g_hash_table_remove_all (self->extra);
}

/* Row @id changed: a page asked before this does not bring it back as
 * it was. */
static void
note_change (RoundsPagedList *self,
             gint64           id)
{
  self->change_serial++;
  g_hash_table_remove (self->placeholders, &id);
  if (g_hash_table_size (self->in_flight) > 0)
    g_hash_table_replace (self->changed, g_memdup2 (&id, sizeof id),
                          GUINT_TO_POINTER (self->change_serial));
}

/* Room for @n_new rows: a view's list keeps the pages around where it
 * looks; another list starts again. */
static void
make_room (RoundsPagedList *self,
           guint            n_new)
{
  GHashTable *cache, *extra;
  guint lo, hi, span = KEEP_PAGES * PAGE;

  if (!self->for_view)
    {
      if (g_hash_table_size (self->cache) + n_new > CACHE_MAX)
        forget_all (self);
      return;
    }
  if (g_hash_table_size (self->cache) + n_new <= VIEW_CACHE_MAX)
    return;

  lo = self->center - self->center % PAGE;
  lo = lo > span ? lo - span : 0;
  hi = MIN (self->ids->len, self->center - self->center % PAGE + PAGE + span);
  cache = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  extra = _rounds_paged_list_new_extra_table (self->kind);
  for (guint i = lo; i < hi; i++)
    {
      gint64 id = ID_AT (self, i);
      gpointer key, value;

      if (g_hash_table_steal_extended (self->cache, &id, &key, &value))
        g_hash_table_insert (cache, key, value);
      if (g_hash_table_steal_extended (self->extra, &id, &key, &value))
        g_hash_table_insert (extra, key, value);
    }
  g_hash_table_unref (self->cache);
  g_hash_table_unref (self->extra);
  self->cache = cache;
  self->extra = extra;
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

/* What a view's page reads beside its rows, through the store's own
 * connection (this thread), for @n ids from @ids. */
static void
read_extra_here (RoundsPagedList *self,
                 const gint64    *ids,
                 guint            n)
{
  g_autoptr(GHashTable) extra = NULL;
  g_autoptr(GError) error = NULL;

  if (!self->for_view || self->kind->read_extra == NULL || self->store == NULL ||
      self->store->db == NULL)
    return;
  extra = _rounds_paged_list_new_extra_table (self->kind);
  if (!self->kind->read_extra (self->store->db, ids, n, extra, &error))
    {
      log_error (self, error);
      for (guint i = 0; i < n; i++)
        g_hash_table_remove (self->extra, &ids[i]);   /* not known */
      return;
    }
  for (guint i = 0; i < n; i++)
    keep_extra (self, ids[i], extra);
}

/* Reads the page of rows around @position into the cache, here. */
static void
fetch_page (RoundsPagedList *self,
            guint            position,
            gboolean         with_extra)
{
  RoundsPagedListKind *kind = self->kind;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  RoundsDbStmt *stmt;
  guint first = position - position % PAGE;
  guint n = MIN (PAGE, self->ids->len - first);

  make_room (self, PAGE);

  self->n_pages_read++;
  stmt = _rounds_store_prepare (self->store, kind->page_sql, &error);
  if (stmt != NULL)
    _rounds_store_bind_ids (stmt, &ID_AT (self, first), n, PAGE);
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
  if (with_extra)
    read_extra_here (self, &ID_AT (self, first), n);
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
      fetch_page (self, position, FALSE);
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

  note_change (self, id);
  if (item == NULL)
    {
      forget (self, id);
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
  read_extra_here (self, &id, 1);   /* before the object notifies its rows */
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
  _rounds_paged_list_take_ids_with_rows (self, ids, NULL, NULL);
}

/* The rows read with new ids are kept before the view hears of them
 * (it asks for the rows it shows at once), but not rows changed since
 * they were asked for (the owner's pending ones): those are read again
 * when looked at. */
void
_rounds_paged_list_take_ids_with_rows (RoundsPagedList *self,
                                       GArray          *ids,
                                       GPtrArray       *rows,
                                       GHashTable      *extra)
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

  forget_all (self);
  self->generation++;   /* pages under way were of the old ids */
  g_hash_table_remove_all (self->in_flight);
  g_hash_table_remove_all (self->placeholders);
  g_hash_table_remove_all (self->changed);
  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      gpointer row = g_ptr_array_index (rows, i);
      gint64 id = self->kind->get_id (row);
      g_autoptr(GObject) item = NULL;

      if (g_hash_table_contains (self->pending, &id))
        continue;
      item = self->kind->intern != NULL ? self->kind->intern (self->store, row)
                                        : g_object_ref (row);
      cache_add (self, item);
      if (extra != NULL)
        keep_extra (self, id, extra);
    }

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

  note_change (self, id);
  forget (self, id);
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
  forget_all (self);
  self->generation++;
  g_hash_table_remove_all (self->in_flight);
  g_hash_table_remove_all (self->placeholders);
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
  note_change (self, id);
  forget (self, id);
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

/* ---- a view's pages, read on a worker ------------------------------- */

gboolean
_rounds_paged_list_read_page (RoundsPagedListKind *kind,
                              RoundsDb            *db,
                              const gint64        *ids,
                              guint                n,
                              GPtrArray           *rows,
                              GHashTable          *extra,
                              GError             **error)
{
  RoundsDbStmt *stmt = NULL;
  int rc;

  g_assert (n <= PAGE);
  rc = rounds_db_prepare_v2 (db, kind->page_sql, -1, &stmt, NULL);
  if (rc != ROUNDS_DB_OK)
    {
      rounds_db_finalize (stmt);
      return _rounds_store_db_error (db, rc, error, _(kind->read_error));
    }
  _rounds_store_bind_ids (stmt, ids, n, PAGE);
  while ((rc = rounds_db_step (stmt)) == ROUNDS_DB_ROW)
    g_ptr_array_add (rows, kind->read_row_plain (stmt));
  if (rc != ROUNDS_DB_DONE)
    _rounds_store_db_error (db, rc, error, _(kind->read_error));
  rounds_db_finalize (stmt);
  if (rc != ROUNDS_DB_DONE)
    return FALSE;
  if (extra != NULL && kind->read_extra != NULL)
    return kind->read_extra (db, ids, n, extra, error);
  return TRUE;
}

static void
page_read_free (PageRead *read)
{
  g_weak_ref_clear (&read->owner);
  g_clear_pointer (&read->ids, g_array_unref);
  g_clear_pointer (&read->rows, g_ptr_array_unref);
  g_clear_pointer (&read->extra, g_hash_table_unref);
  g_clear_error (&read->error);
  worker_unref (read->worker);
  g_free (read);
}

static void ask_page (RoundsPagedList  *self,
                      RoundsPageWorker *worker,
                      guint             page,
                      gint64            id,
                      gboolean          shown);

/* Whether a view still holds an empty row of @read's page: a list item
 * bound to it (in GTK's items around the view), waiting for its post. */
static gboolean
page_still_shown (RoundsPagedList *self,
                  PageRead        *read)
{
  for (guint i = 0; i < read->ids->len; i++)
    {
      GObject *empty = g_hash_table_lookup (self->placeholders, &g_array_index (read->ids, gint64, i));

      if (empty != NULL && g_atomic_int_get (&empty->ref_count) > 1)
        return TRUE;
    }
  return FALSE;
}

/* A page read (or skipped) comes back: its rows are kept, unless the
 * ids changed since it was asked, or the row itself did. A page skipped
 * because the view had gone far away is asked again when rows of it are
 * still shown: the view came back before the worker got to it, or looked
 * far for a moment (its rows are bound once and would wait for ever). */
static void
take_page (RoundsPagedList *self,
           PageRead        *read)
{
  gboolean any = FALSE;

  if (read->generation != self->generation)
    return;
  g_hash_table_remove (self->in_flight, PAGE_KEY (read->page));
  if (read->error != NULL)
    log_error (self, read->error);
  else if (read->skipped)
    {
      if (self->worker == read->worker && page_still_shown (self, read))
        ask_page (self, read->worker, read->page, 0, TRUE);
    }
  else
    {
      self->n_pages_read++;
      make_room (self, read->rows->len);
      for (guint i = 0; i < read->rows->len; i++)
        {
          gpointer row = g_ptr_array_index (read->rows, i);
          gint64 id = self->kind->get_id (row);
          guint changed_at = GPOINTER_TO_UINT (g_hash_table_lookup (self->changed, &id));
          g_autoptr(GObject) item = NULL;

          if (changed_at > read->serial)
            continue;   /* changed meanwhile: what was read may be older */
          item = self->kind->intern (self->store, row);
          cache_add (self, item);
          keep_extra (self, id, read->extra);
          g_hash_table_remove (self->placeholders, &id);
          any = TRUE;
        }
    }
  if (g_hash_table_size (self->in_flight) == 0)
    g_hash_table_remove_all (self->changed);
  if (any && self->kind->rows_arrived != NULL)
    self->kind->rows_arrived (self->owner);
}

static gboolean
page_read_done_cb (gpointer data)
{
  PageRead *read = data;
  g_autoptr(GObject) owner = g_weak_ref_get (&read->owner);

  if (owner != NULL)
    take_page (read->list, read);
  page_read_free (read);
  return G_SOURCE_REMOVE;
}

static void
page_thread (gpointer data,
             gpointer user_data)
{
  PageRead *read = data;
  RoundsPageWorker *worker = user_data;
  int center = g_atomic_int_get (&worker->center_page);

  /* The view went far away since: not read (asked again if it comes back,
   * or if its rows are still shown: take_page()) */
  if (!read->shown && ABS ((int)read->page - center) > FAR_PAGES)
    read->skipped = TRUE;
  else
    {
      if (worker->db == NULL)
        worker->db = _rounds_store_open_reader (worker->path, worker->conninfo,
                                                worker->kind->read_error, &read->error);
      if (worker->db != NULL)
        {
          read->rows = g_ptr_array_new_with_free_func (g_object_unref);
          read->extra = _rounds_paged_list_new_extra_table (worker->kind);
          if (!_rounds_paged_list_read_page (worker->kind, worker->db,
                                             &g_array_index (read->ids, gint64, 0),
                                             read->ids->len, read->rows, read->extra,
                                             &read->error))
            {
              /* A broken connection (a server gone) is opened again next time */
              rounds_db_close_v2 (worker->db);
              worker->db = NULL;
            }
        }
    }
  /* An idle source, never g_main_context_invoke(): that runs the
   * callback on this thread when the main thread does not hold its
   * context at the moment (between two iterations). */
  {
    GSource *source = g_idle_source_new ();

    g_source_set_priority (source, G_PRIORITY_DEFAULT);
    g_source_set_callback (source, page_read_done_cb, read, NULL);
    g_source_set_static_name (source, "[rounds] a page read");
    g_source_attach (source, worker->context);
    g_source_unref (source);
  }
}

/* Pages nearest where the view looks first. */
static int
compare_pages (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  RoundsPageWorker *worker = user_data;
  int center = g_atomic_int_get (&worker->center_page);
  int da = ABS ((int)((const PageRead *)a)->page - center);
  int db = ABS ((int)((const PageRead *)b)->page - center);

  return (da > db) - (da < db);
}

/* The worker for the store's file or server as it is now, or NULL when
 * pages are read here (a store in memory, or offline). */
static RoundsPageWorker *
ensure_worker (RoundsPagedList *self)
{
  RoundsStore *store = self->store;
  RoundsPageWorker *worker = self->worker;

  if (store == NULL || store->db == NULL || store->offline ||
      (store->path == NULL && store->conninfo == NULL) || self->kind->read_row_plain == NULL)
    {
      stop_worker (self);
      return NULL;
    }
  if (worker != NULL && g_strcmp0 (worker->path, store->path) == 0 &&
      g_strcmp0 (worker->conninfo, store->conninfo) == 0)
    return worker;
  stop_worker (self);

  worker = g_new0 (RoundsPageWorker, 1);
  g_atomic_ref_count_init (&worker->ref);
  worker->kind = self->kind;
  worker->path = g_strdup (store->path);
  worker->conninfo = g_strdup (store->conninfo);
  worker->context = g_main_context_ref_thread_default ();
  worker->pool = g_thread_pool_new_full (page_thread, worker, (GDestroyNotify)page_read_free, 1,
                                         FALSE, NULL);
  g_thread_pool_set_sort_function (worker->pool, compare_pages, worker);
  self->worker = worker;
  return worker;
}

/* Asks the worker for page @page, unless it is read (@id, or else its
 * first and last rows) or asked already; @shown: read even if the view
 * looks far away by then. */
static void
ask_page (RoundsPagedList  *self,
          RoundsPageWorker *worker,
          guint             page,
          gint64            id,
          gboolean          shown)
{
  guint first = page * PAGE;
  guint n;
  PageRead *read;

  if (first >= self->ids->len || g_hash_table_contains (self->in_flight, PAGE_KEY (page)))
    return;
  n = MIN (PAGE, self->ids->len - first);
  if (id != 0 ? is_read_for_view (self, id)
              : is_read_for_view (self, ID_AT (self, first)) &&
                is_read_for_view (self, ID_AT (self, first + n - 1)))
    return;

  read = g_new0 (PageRead, 1);
  g_atomic_ref_count_inc (&worker->ref);
  read->worker = worker;
  g_weak_ref_init (&read->owner, self->owner);
  read->list = self;
  read->generation = self->generation;
  read->serial = self->change_serial;
  read->page = page;
  read->shown = shown;
  read->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n);
  g_array_append_vals (read->ids, &ID_AT (self, first), n);
  g_hash_table_add (self->in_flight, PAGE_KEY (page));
  g_thread_pool_push (worker->pool, read, NULL);
}

void
_rounds_paged_list_set_for_view (RoundsPagedList *self,
                                 gboolean         for_view)
{
  self->for_view = for_view;
  if (!for_view)
    stop_worker (self);
}

gpointer
_rounds_paged_list_get_item_lazy (RoundsPagedList *self,
                                  guint            position)
{
  RoundsPageWorker *worker;
  gpointer item;
  gint64 id;
  guint page;

  if (position >= self->ids->len)
    return NULL;
  self->center = position;
  if (!self->for_view || (worker = ensure_worker (self)) == NULL)
    {
      /* Read here (a store in memory, or offline), with what the view
       * reads beside the rows */
      if (self->for_view && self->store != NULL && !is_read_for_view (self, ID_AT (self, position)))
        fetch_page (self, position, TRUE);
      return _rounds_paged_list_get_item (self, position);
    }

  id = ID_AT (self, position);
  page = position / PAGE;
  g_atomic_int_set (&worker->center_page, page);
  /* Its page, and the next one on the side it is nearer to: ahead of
   * need, whichever way the view goes. */
  ask_page (self, worker, page, id, FALSE);
  if (position % PAGE >= PAGE / 2)
    ask_page (self, worker, page + 1, 0, FALSE);
  else if (page > 0)
    ask_page (self, worker, page - 1, 0, FALSE);

  item = g_hash_table_lookup (self->cache, &id);
  if (item != NULL)
    return g_object_ref (item);
  item = g_hash_table_lookup (self->placeholders, &id);
  if (item == NULL)
    {
      item = self->kind->new_empty (id);
      g_hash_table_insert (self->placeholders, g_memdup2 (&id, sizeof id), item);
    }
  return g_object_ref (item);
}

gpointer
_rounds_paged_list_peek (RoundsPagedList *self,
                         gint64           id,
                         gpointer        *extra)
{
  gpointer item = is_read_for_view (self, id) ? g_hash_table_lookup (self->cache, &id) : NULL;

  if (extra != NULL)
    *extra = item != NULL ? g_hash_table_lookup (self->extra, &id) : NULL;
  return item;
}

void
_rounds_paged_list_pages_to_read_with (RoundsPagedList *self,
                                       GArray          *pages)
{
  guint center = self->center / PAGE;

  for (guint page = 0; page < 4; page++)
    g_array_append_val (pages, page);
  for (guint page = center > 1 ? center - 1 : 0; page <= center + 2; page++)
    if (page >= 4)
      g_array_append_val (pages, page);
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
  char                *path;
  char                *conninfo;
  char                *sql;
  const char          *read_error;
  RoundsPagedListKind *kind;
  guint                n_rows;   /* the first rows read with the ids */
} LoadData;

/* What a read on a worker answers: the ids, and the first rows */
typedef struct
{
  GArray    *ids;
  GPtrArray *rows;
} LoadAnswer;

static void
load_data_free (LoadData *data)
{
  g_free (data->path);
  g_free (data->conninfo);
  g_free (data->sql);
  g_free (data);
}

static void
load_answer_free (LoadAnswer *answer)
{
  g_clear_pointer (&answer->ids, g_array_unref);
  g_clear_pointer (&answer->rows, g_ptr_array_unref);
  g_free (answer);
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
  LoadAnswer *answer;
  guint n_rows;

  if (g_task_return_error_if_cancelled (task))
    return;

  db = _rounds_store_open_reader (data->path, data->conninfo, data->read_error, &error);
  if (db == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (!_rounds_paged_list_read_ids (db, data->sql, ids, data->read_error, &error))
    {
      g_task_return_error (task, error);
      rounds_db_close_v2 (db);
      return;
    }
  answer = g_new0 (LoadAnswer, 1);
  /* The first rows too, here: the view's first frame then binds rows
   * read, with no query on the main thread (the first switch to the
   * Inbox). A page that fails is read later as the view asks for it. */
  n_rows = data->kind->read_row_plain != NULL ? MIN (data->n_rows, ids->len) : 0;
  if (n_rows > 0)
    answer->rows = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint first = 0; first < n_rows; first += PAGE)
    {
      g_autoptr(GError) page_error = NULL;

      if (!_rounds_paged_list_read_page (data->kind, db, &g_array_index (ids, gint64, first),
                                         MIN (PAGE, n_rows - first), answer->rows, NULL,
                                         &page_error))
        {
          g_debug ("%s: %s", data->kind->log_name, page_error->message);
          break;
        }
    }
  answer->ids = g_steal_pointer (&ids);
  g_task_return_pointer (task, answer, (GDestroyNotify)load_answer_free);
  rounds_db_close_v2 (db);
}

void
_rounds_paged_list_load_in_thread (RoundsPagedList *self,
                                   GTask           *task,
                                   char            *sql,
                                   guint            n_rows)
{
  LoadData *data = g_new0 (LoadData, 1);

  data->path = g_strdup (self->store->path);
  data->conninfo = g_strdup (self->store->conninfo);
  data->sql = sql;
  data->read_error = self->kind->read_error;
  data->kind = self->kind;
  data->n_rows = n_rows;
  g_task_set_task_data (task, data, (GDestroyNotify)load_data_free);
  g_task_run_in_thread (task, load_thread);
}

/* The ids a read on a worker answered (transfer full), and in @rows the
 * first rows read with them (transfer full, or NULL). */
GArray *
_rounds_paged_list_load_propagate (GTask      *task,
                                   GPtrArray **rows,
                                   GError    **error)
{
  LoadAnswer *answer = g_task_propagate_pointer (task, error);
  GArray *ids;

  *rows = NULL;
  if (answer == NULL)
    return NULL;
  ids = g_steal_pointer (&answer->ids);
  *rows = g_steal_pointer (&answer->rows);
  load_answer_free (answer);
  return ids;
}

/* Whether @result is of a read on a worker (else the ids were read on
 * this thread and are already shown). */
gboolean
_rounds_paged_list_is_worker_task (GAsyncResult *result)
{
  return g_task_get_task_data (G_TASK (result)) != NULL;
}

/* ---- the view's model -------------------------------------------------- */

/* What a list view is given: the owner's rows, but a row not read yet
 * is an empty item (its id only) while its page is read on a worker
 * (_rounds_paged_list_get_item_lazy()). Holds the owner. */
typedef struct
{
  GObject          parent_instance;
  GListModel      *owner;
  RoundsPagedList *list;
} RoundsPagedView;

typedef struct
{
  GObjectClass parent_class;
} RoundsPagedViewClass;

static void rounds_paged_view_model_init (GListModelInterface *iface);
GType rounds_paged_view_get_type (void);

G_DEFINE_TYPE_WITH_CODE (RoundsPagedView, rounds_paged_view, G_TYPE_OBJECT,
                         G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, rounds_paged_view_model_init))

static GType
view_get_item_type (GListModel *model)
{
  return g_list_model_get_item_type (((RoundsPagedView *)model)->owner);
}

static guint
view_get_n_items (GListModel *model)
{
  return _rounds_paged_list_get_n_items (((RoundsPagedView *)model)->list);
}

static gpointer
view_get_item (GListModel *model,
               guint       position)
{
  return _rounds_paged_list_get_item_lazy (((RoundsPagedView *)model)->list, position);
}

static void
rounds_paged_view_model_init (GListModelInterface *iface)
{
  iface->get_item_type = view_get_item_type;
  iface->get_n_items = view_get_n_items;
  iface->get_item = view_get_item;
}

static void
on_owner_items_changed_cb (GListModel *view,
                           guint       position,
                           guint       removed,
                           guint       added)
{
  g_list_model_items_changed (view, position, removed, added);
}

static void
rounds_paged_view_dispose (GObject *object)
{
  RoundsPagedView *self = (RoundsPagedView *)object;

  if (self->owner != NULL)
    g_signal_handlers_disconnect_by_func (self->owner, on_owner_items_changed_cb, self);
  g_clear_object (&self->owner);
  G_OBJECT_CLASS (rounds_paged_view_parent_class)->dispose (object);
}

static void
rounds_paged_view_class_init (RoundsPagedViewClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = rounds_paged_view_dispose;
}

static void
rounds_paged_view_init (RoundsPagedView *self)
{
}

/* A view's model of @owner, whose paged list is @self (transfer full) */
GListModel *
_rounds_paged_list_new_view (RoundsPagedList *self,
                             GListModel      *owner)
{
  RoundsPagedView *view = g_object_new (rounds_paged_view_get_type (), NULL);

  view->owner = g_object_ref (owner);
  view->list = self;
  g_signal_connect_swapped (owner, "items-changed", G_CALLBACK (on_owner_items_changed_cb), view);
  return G_LIST_MODEL (view);
}
