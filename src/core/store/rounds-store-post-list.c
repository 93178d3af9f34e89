/* rounds-store-post-list.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>
#include <string.h>

#include "rounds-store-post-list.h"
#include "rounds-store-paged-list.h"
#include "rounds-store-private.h"

/* The Posts list as a list model over SQL. The database filters (status,
 * networks, a search in the text, and the compliance marks through a
 * function the list registers) and sorts, over the posts table and its
 * scheduled_at index; the list keeps only the ids in the order shown (8
 * bytes a post) and fetches the posts themselves in pages of 64 rows,
 * as the view asks for them, keeping a few hundred (the paged list the
 * Inbox's list shares, rounds-store-paged-list.c).
 *
 * A change to one post (the store's ::post-changed) asks the database
 * whether that post is shown, finds its place by a binary search over
 * the ids (comparing posts with rounds_post_compare(), the same order as
 * the SQL) and emits items-changed for that one position: nothing else
 * is filtered or sorted again. A new filter or order asks for the ids
 * again and emits one items-changed for the part that differs.
 *
 * While held (nobody looks), changed posts are only noted and looked at
 * on release; removals pass at once, so that the count stays true.
 *
 * The raw sqlite3 calls of the list are all in this file: registering its
 * SQL functions, binding ids and reading the id column.
 *
 * On a practice server (PostgreSQL) the three functions are not C code
 * in the server: the search is the same test in SQL (NFKD, then lower
 * case under ICU's root collation when the server has it, else the
 * database's own), and the two that need this process (the compliance
 * marks, the order by title with the collation keys of
 * rounds_post_compare()) run here over the rows the server filtered. */

#define MANY_CHANGES 64

/* The compliance marks' check and its data (see rounds_post_list_set_check()) */
typedef struct
{
  RoundsPostListCheck  func;
  GObject             *data;
} Check;

/* What a query asks for; a read on a worker takes a copy. */
typedef struct
{
  int                 status;           /* -1: any */
  char               *needle;           /* case-folded; NULL: no search */
  RoundsNetwork       networks;         /* NONE: any */
  RoundsPostSort      sort;
  gboolean            by_id;            /* the store's rounds_store_get_posts() */
  gboolean            server;           /* asked of a practice server */
  gboolean            server_icu;       /* it has the collation "und-x-icu" */
  Check               check;
} Filter;

struct _RoundsPostList
{
  GObject             parent_instance;

  RoundsStore        *store;
  gulong              changed_handler;
  gulong              removed_handler;
  gulong              imported_handler;
  sqlite3            *functions_db;     /* the connection our functions are on */
  RoundsDb           *server_db;        /* the server connection looked at */

  RoundsPagedList     list;             /* the ids shown, the posts kept */
  guint               total;
  Filter              filter;

  gboolean            held;
  gboolean            stale;            /* to query again on release; the
                                         * ids changed while held are the
                                         * list's pending ones */

  gboolean            on_worker;        /* queries run on a worker thread */
  guint               serial;           /* of the latest query asked for */
  GCancellable       *reading;          /* a read on a worker under way, or NULL */
  GArray             *read_ahead;       /* an answer that came while held, or NULL */
  GPtrArray          *read_ahead_rows;  /* … with the rows read with it */
  GHashTable         *read_ahead_extra; /* … and their publications */
  guint               read_ahead_total;
  RoundsPostSort      shown_sort;       /* the order of the ids shown (or kept aside) */
  gboolean            shown_any;        /* an answer came: shown_sort is known */
};

static void rounds_post_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RoundsPostList, rounds_post_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      rounds_post_list_model_init))

enum {
  PROP_0,
  PROP_TOTAL,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  REPLACING,
  REPLACED,
  READ_FAILED,
  ROWS_ARRIVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
fold (const char *text)
{
  g_autofree char *normal = g_utf8_normalize (text != NULL ? text : "", -1, G_NORMALIZE_ALL);

  return g_utf8_casefold (normal != NULL ? normal : "", -1);
}

/* ---- SQL functions ----------------------------------------------------- */

/* rounds_list_match (needle, title, body): the folded needle is in the
 * folded title or body (as the Posts page always searched: any case,
 * any Unicode normal form). */
static void
sql_match (sqlite3_context *ctx,
           int              argc,
           sqlite3_value  **argv)
{
  const char *needle = (const char *)sqlite3_value_text (argv[0]);
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;

  if (needle == NULL || *needle == '\0')
    {
      sqlite3_result_int (ctx, 1);
      return;
    }
  title = fold ((const char *)sqlite3_value_text (argv[1]));
  if (strstr (title, needle) != NULL)
    {
      sqlite3_result_int (ctx, 1);
      return;
    }
  body = fold ((const char *)sqlite3_value_text (argv[2]));
  sqlite3_result_int (ctx, strstr (body, needle) != NULL);
}

/* rounds_list_check (check, body): the list's check, bound as a pointer
 * (never a value a query could forge). */
static void
sql_check (sqlite3_context *ctx,
           int              argc,
           sqlite3_value  **argv)
{
  const Check *check = sqlite3_value_pointer (argv[0], "RoundsPostListCheck");
  const char *body = (const char *)sqlite3_value_text (argv[1]);

  if (check == NULL || check->func == NULL)
    {
      sqlite3_result_int (ctx, 1);
      return;
    }
  sqlite3_result_int (ctx, check->func (body != NULL ? body : "", check->data));
}

/* rounds_list_title_key (title, body): the order by title of
 * rounds_post_compare() as bytes (a collation key of the folded display
 * title), so that SQLite sorts with memcmp. */
static void
sql_title_key (sqlite3_context *ctx,
               int              argc,
               sqlite3_value  **argv)
{
  g_autofree char *title = rounds_post_format_display_title (
    (const char *)sqlite3_value_text (argv[0]), (const char *)sqlite3_value_text (argv[1]));
  g_autofree char *folded = g_utf8_casefold (title, -1);
  char *key = g_utf8_collate_key (folded, -1);

  sqlite3_result_blob (ctx, key, strlen (key), g_free);
}

/* The list's three functions on an SQLite connection: the store's, or a
 * worker's own (they use no state but their arguments). */
static gboolean
register_functions (sqlite3 *db)
{
  int rc = SQLITE_OK;

  rc |= sqlite3_create_function_v2 (db, "rounds_list_match", 3,
                                    SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY,
                                    NULL, sql_match, NULL, NULL, NULL);
  rc |= sqlite3_create_function_v2 (db, "rounds_list_check", 2,
                                    SQLITE_UTF8 | SQLITE_DIRECTONLY,
                                    NULL, sql_check, NULL, NULL, NULL);
  rc |= sqlite3_create_function_v2 (db, "rounds_list_title_key", 2,
                                    SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY,
                                    NULL, sql_title_key, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    g_warning ("Could not register the Posts list's SQL functions: %s", sqlite3_errmsg (db));
  return rc == SQLITE_OK;
}

/* On a server: whether ICU's root collation is there (Debian's
 * PostgreSQL is built with ICU; lower() under a "C" database locale only
 * folds ASCII). */
static gboolean
server_has_icu (RoundsDb *db)
{
  RoundsDbStmt *stmt = NULL;
  gboolean icu = FALSE;

  if (rounds_db_prepare_v2 (db, "SELECT count(*) FROM pg_collation WHERE collname = 'und-x-icu'",
                            -1, &stmt, NULL) == ROUNDS_DB_OK &&
      rounds_db_step (stmt) == ROUNDS_DB_ROW)
    icu = rounds_db_column_int64 (stmt, 0) > 0;
  rounds_db_finalize (stmt);
  return icu;
}

static gboolean
on_server (RoundsPostList *self)
{
  return self->store != NULL && self->store->db != NULL && !rounds_db_is_sqlite (self->store->db);
}

/* Whether the list can ask the store's connection now (the functions
 * registered on it, or the server looked at). */
static gboolean
can_query (RoundsPostList *self)
{
  sqlite3 *db;

  if (self->store == NULL || !_rounds_store_ensure_open (self->store, NULL))
    return FALSE;
  self->filter.server = on_server (self);
  /* The functions are C code in this process: SQLite only. A server
   * says the search in SQL and leaves the rest to this process (see the
   * top of this file). */
  if (self->filter.server)
    {
      if (self->store->db != self->server_db)
        {
          self->filter.server_icu = server_has_icu (self->store->db);
          self->server_db = self->store->db;
        }
      return TRUE;
    }
  db = rounds_db_get_sqlite (self->store->db);
  if (db == NULL)
    return FALSE;
  if (db == self->functions_db)
    return TRUE;
  if (!register_functions (db))
    return FALSE;
  self->functions_db = db;
  return TRUE;
}

/* The check in this process (a server, or a post read alone). */
static gboolean
passes_check (const Filter *f,
              const char   *body)
{
  return f->check.func == NULL || f->check.func (body != NULL ? body : "", f->check.data);
}

/* ---- queries, on any thread ------------------------------------------- */

/* Parameters: ?1 status, ?2 search needle, ?3 the check. */
static void
append_where (const Filter *f,
              GString      *sql)
{
  g_string_append (sql, " WHERE 1 = 1");
  if (f->status >= 0)
    g_string_append (sql, " AND status = ?1");
  if (f->networks != ROUNDS_NETWORK_NONE)
    {
      g_string_append (sql, " AND (1 = 0");
      for (guint bit = 1; bit != 0 && bit <= (guint)f->networks; bit <<= 1)
        if ((f->networks & bit) != 0)
          {
            g_autofree char *id = rounds_networks_to_string (bit);

            /* A network id from the fixed table, never user text. */
            if (*id != '\0')
              g_string_append_printf (sql, " OR (',' || networks || ',') LIKE '%%,%s,%%'", id);
          }
      g_string_append (sql, ")");
    }
  if (f->needle != NULL && f->server)
    {
      /* rounds_list_match() in the server's words: fold() is NFKD
       * (G_NORMALIZE_ALL) and case folding, which leaves "é" decomposed;
       * lower() composes it again, hence NFKD once more after it. */
      const char *collate = f->server_icu ? " COLLATE \"und-x-icu\"" : "";

      g_string_append_printf (sql,
                              " AND (strpos (normalize (lower (normalize (title, NFKD)%s), NFKD),"
                              " ?2) > 0"
                              " OR strpos (normalize (lower (normalize (body, NFKD)%s), NFKD),"
                              " ?2) > 0)",
                              collate, collate);
    }
  else if (f->needle != NULL)
    g_string_append (sql, " AND rounds_list_match (?2, title, body)");
  if (f->check.func != NULL && !f->server)
    g_string_append (sql, " AND rounds_list_check (?3, body)");
}

static void
bind_where (const Filter *f,
            RoundsDbStmt *stmt)
{
  if (f->status >= 0)
    _rounds_store_bind_text (stmt, 1, rounds_post_status_to_string (f->status));
  if (f->needle != NULL)
    _rounds_store_bind_text (stmt, 2, f->needle);
  if (f->check.func != NULL && !f->server)
    rounds_db_bind_pointer (stmt, 3, (gpointer)&f->check, "RoundsPostListCheck");
}

static void
done_with (RoundsDbStmt *stmt)
{
  rounds_db_reset (stmt);
  rounds_db_clear_bindings (stmt);   /* never keep a pointer to us */
}

/* Appends the ids of one query to @ids. */
static gboolean
read_ids (RoundsDb      *db,
          const Filter  *f,
          const char    *sql,
          GArray        *ids,
          GError       **error)
{
  RoundsDbStmt *stmt = NULL;
  int rc = rounds_db_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc != ROUNDS_DB_OK)
    {
      rounds_db_finalize (stmt);
      return _rounds_store_db_error (db, rc, error, _("Could not read the posts"));
    }
  bind_where (f, stmt);
  while ((rc = rounds_db_step (stmt)) == ROUNDS_DB_ROW)
    {
      gint64 id = rounds_db_column_int64 (stmt, 0);

      /* On a server the check runs here, over the body read beside */
      if (rounds_db_column_count (stmt) > 1 &&
          !passes_check (f, (const char *)rounds_db_column_text (stmt, 1)))
        continue;
      g_array_append_val (ids, id);
    }
  if (rc != ROUNDS_DB_DONE)
    _rounds_store_db_error (db, rc, error, _("Could not read the posts"));
  rounds_db_finalize (stmt);   /* never keep a pointer to the check */
  return rc == ROUNDS_DB_DONE;
}

/* Sorted as rounds_post_compare() sorts, ties broken the same way. */
#define THEN_SCHEDULED " COALESCE (scheduled_at, 0) <= 0, scheduled_at, id"

static void
append_status_order (GString *sql)
{
  g_string_append (sql, " CASE status");
  for (guint s = 0; s <= ROUNDS_POST_STATUS_LAST; s++)
    g_string_append_printf (sql, " WHEN '%s' THEN %u", rounds_post_status_to_string (s), s);
  g_string_append (sql, " END,");
}

static int
compare_by_title (gconstpointer a,
                  gconstpointer b)
{
  return rounds_post_compare (*(RoundsPost **)a, *(RoundsPost **)b, ROUNDS_POST_SORT_TITLE);
}

/* The order by title on a server: the rows the server filtered, checked
 * and sorted here with rounds_post_compare() itself, so that a changed
 * post finds its place by the same order (one pass over the shown posts,
 * as SQLite's title keys are). The rows are plain posts, not the
 * store's own: this may run on a worker. */
static gboolean
read_ids_by_title (RoundsDb      *db,
                   const Filter  *f,
                   GArray        *ids,
                   GError       **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT " ROUNDS_STORE_POST_COLUMNS " FROM posts");
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  RoundsDbStmt *stmt = NULL;
  int rc;

  append_where (f, sql);
  rc = rounds_db_prepare_v2 (db, sql->str, -1, &stmt, NULL);
  if (rc != ROUNDS_DB_OK)
    {
      rounds_db_finalize (stmt);
      return _rounds_store_db_error (db, rc, error, _("Could not read the posts"));
    }
  bind_where (f, stmt);
  while ((rc = rounds_db_step (stmt)) == ROUNDS_DB_ROW)
    g_ptr_array_add (rows, _rounds_post_new_of_row (stmt));
  if (rc != ROUNDS_DB_DONE)
    _rounds_store_db_error (db, rc, error, _("Could not read the posts"));
  rounds_db_finalize (stmt);
  if (rc != ROUNDS_DB_DONE)
    return FALSE;

  g_ptr_array_sort (rows, compare_by_title);
  for (guint i = 0; i < rows->len; i++)
    {
      RoundsPost *post = g_ptr_array_index (rows, i);
      gint64 id = rounds_post_get_id (post);

      if (passes_check (f, rounds_post_get_body (post)))
        g_array_append_val (ids, id);
    }
  return TRUE;
}

/* The ids @f shows, in its order, read through @db. */
static GArray *
query_ids (RoundsDb      *db,
           const Filter  *f,
           GError       **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GString) sql = NULL;

  if (f->server && f->sort == ROUNDS_POST_SORT_TITLE && !f->by_id)
    {
      if (!read_ids_by_title (db, f, ids, error))
        return NULL;
      return g_steal_pointer (&ids);
    }

  /* A server's check runs here: the body comes beside the id */
  sql = g_string_new (f->server && f->check.func != NULL ? "SELECT id, body FROM posts"
                                                         : "SELECT id FROM posts");

  append_where (f, sql);
  if (f->by_id)
    {
      g_string_append (sql, " ORDER BY id");
      if (!read_ids (db, f, sql->str, ids, error))
        return NULL;
      return g_steal_pointer (&ids);
    }
  switch (f->sort)
    {
    case ROUNDS_POST_SORT_SCHEDULED:
    default:
      {
        /* Two walks of the scheduled_at index (it ends each entry with
         * the id): the dated posts in time order, then the undated by
         * id. No sort step, and no scan of the table. The store writes
         * NULL for "no time" (never 0). */
        g_autoptr(GString) undated = g_string_new (sql->str);

        g_string_append (sql, " AND scheduled_at > 0 ORDER BY scheduled_at, id");
        g_string_append (undated, " AND scheduled_at IS NULL ORDER BY scheduled_at, id");
        if (!read_ids (db, f, sql->str, ids, error) || !read_ids (db, f, undated->str, ids, error))
          return NULL;
        return g_steal_pointer (&ids);
      }
    case ROUNDS_POST_SORT_STATUS:
      g_string_append (sql, " ORDER BY");
      append_status_order (sql);
      g_string_append (sql, THEN_SCHEDULED);
      break;
    case ROUNDS_POST_SORT_UPDATED:
      g_string_append (sql, " ORDER BY updated_at DESC, id DESC");
      break;
    case ROUNDS_POST_SORT_TITLE:
      g_string_append (sql, " ORDER BY rounds_list_title_key (title, body)," THEN_SCHEDULED);
      break;
    }

  if (!read_ids (db, f, sql->str, ids, error))
    return NULL;
  return g_steal_pointer (&ids);
}

/* How many posts the store holds, shown or not (0 when unknown). */
static guint
query_total (RoundsDb *db)
{
  RoundsDbStmt *stmt = NULL;
  guint total = 0;

  if (rounds_db_prepare_v2 (db, "SELECT count(*) FROM posts", -1, &stmt, NULL) == ROUNDS_DB_OK &&
      rounds_db_step (stmt) == ROUNDS_DB_ROW)
    total = rounds_db_column_int64 (stmt, 0);
  rounds_db_finalize (stmt);
  return total;
}

/* The post @id if the filters show it, else NULL. */
static RoundsPost *
fetch_if_shown (RoundsPostList *self,
                gint64          id)
{
  g_autoptr(GString) sql = g_string_new ("SELECT " ROUNDS_STORE_POST_COLUMNS " FROM posts");
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  RoundsDbStmt *stmt;

  if (!can_query (self))
    return NULL;
  append_where (&self->filter, sql);
  g_string_append (sql, " AND id = ?4");
  stmt = _rounds_store_prepare (self->store, sql->str, &error);
  if (stmt != NULL)
    {
      bind_where (&self->filter, stmt);
      rounds_db_bind_int64 (stmt, 4, id);
    }
  rows = _rounds_store_read_rows (self->store, stmt, _rounds_store_new_post_of_row,
                                  g_object_unref, &error, _("Could not read the posts"));
  if (stmt != NULL)
    done_with (stmt);
  if (rows == NULL)
    {
      g_warning ("Posts list: %s", error->message);
      return NULL;
    }
  if (rows->len == 0 ||
      (self->filter.server &&
       !passes_check (&self->filter, rounds_post_get_body (g_ptr_array_index (rows, 0)))))
    return NULL;
  return g_object_ref (g_ptr_array_index (rows, 0));
}

static void
set_total (RoundsPostList *self,
           guint           total)
{
  if (self->total == total)
    return;
  self->total = total;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL]);
}

/* ---- the paged list's kind -------------------------------------------- */

static gint64
kind_get_id (gpointer item)
{
  return rounds_post_get_id (item);
}

static gpointer
kind_new_empty (gint64 id)
{
  RoundsPost *post = rounds_post_new ();

  _rounds_post_set_id (post, id);
  return post;
}

static void
kind_assign (gpointer kept,
             gpointer newer)
{
  rounds_post_assign (kept, newer);
}

static gpointer
kind_fetch_if_shown (GListModel *owner,
                     gint64      id)
{
  return fetch_if_shown (ROUNDS_POST_LIST (owner), id);
}

static gboolean
kind_goes_before (GListModel *owner,
                  gpointer    a,
                  gpointer    b)
{
  return rounds_post_compare (a, b, ROUNDS_POST_LIST (owner)->filter.sort) < 0;
}

/* A post not shown so far comes in: new, or let in by a change. */
static void
kind_entered (GListModel *owner)
{
  RoundsPostList *self = ROUNDS_POST_LIST (owner);

  if (can_query (self))
    set_total (self, query_total (self->store->db));
}

static gpointer
kind_read_row_plain (RoundsDbStmt *stmt)
{
  return _rounds_post_new_of_row (stmt);
}

static gpointer
kind_intern (RoundsStore *store,
             gpointer     item)
{
  return _rounds_store_intern_post (store, item);
}

/* A view's rows came from the worker: rows that showed none can now. */
static void
kind_rows_arrived (GListModel *owner)
{
  g_signal_emit (owner, signals[ROWS_ARRIVED], 0);
}

/* A post's publications, or NULL: read, and none */
static void
free_publications (gpointer publications)
{
  if (publications != NULL)
    g_ptr_array_unref (publications);
}

static RoundsPagedListKind post_kind = {
  .select = "SELECT " ROUNDS_STORE_POST_COLUMNS " FROM posts",
  .read_row = _rounds_store_new_post_of_row,
  .read_error = N_("Could not read the posts"),
  .log_name = "Posts list",
  .quiet = FALSE,
  .get_id = kind_get_id,
  .new_empty = kind_new_empty,
  .assign = kind_assign,
  .fetch_if_shown = kind_fetch_if_shown,
  .goes_before = kind_goes_before,
  .entered = kind_entered,
  .read_row_plain = kind_read_row_plain,
  .intern = kind_intern,
  .read_extra = _rounds_store_read_publications_of,
  .extra_free = free_publications,
  .rows_arrived = kind_rows_arrived,
};

/* ---- GListModel ------------------------------------------------------- */

static GType
get_item_type (GListModel *model)
{
  return ROUNDS_TYPE_POST;
}

static guint
get_n_items (GListModel *model)
{
  return _rounds_paged_list_get_n_items (&ROUNDS_POST_LIST (model)->list);
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  return _rounds_paged_list_get_item (&ROUNDS_POST_LIST (model)->list, position);
}

static void
rounds_post_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

/* ---- changes ---------------------------------------------------------- */

static void
set_busy (RoundsPostList *self,
          GCancellable   *reading)
{
  gboolean was = self->reading != NULL;

  if (self->reading != NULL && self->reading != reading)
    g_cancellable_cancel (self->reading);   /* its answer is dropped anyway */
  g_set_object (&self->reading, reading);
  if (was != (reading != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* A query's answer, on the main thread: the new ids replace the shown
 * ones (the owner hears "replacing" just before and "replaced" after);
 * no answer keeps what is shown. Changes noted while the query ran are
 * looked at again after. */
static void
clear_read_ahead (RoundsPostList *self)
{
  g_clear_pointer (&self->read_ahead, g_array_unref);
  g_clear_pointer (&self->read_ahead_rows, g_ptr_array_unref);
  g_clear_pointer (&self->read_ahead_extra, g_hash_table_unref);
}

/* @rows and @extra (nullable): the first rows of the answer and their
 * publications, read with it (a view's list on a worker). */
static void
take_answer (RoundsPostList *self,
             GArray         *ids,
             GPtrArray      *rows,
             GHashTable     *extra,
             guint           total,
             const GError   *error)
{
  if (ids == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    ;   /* the list went away meanwhile */
  else if (ids == NULL && g_error_matches (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_OFFLINE))
    /* The practice server cannot be reached: the last rows stay shown
     * (read-only) until it is back and something changes. */
    g_debug ("Posts list: %s", error->message);
  else if (ids == NULL && error != NULL)
    {
      /* The rows stay in their order, and so does the list's sort, so
       * that the owner's menu can show the order the rows are in; while
       * nobody looks, the question is asked again on release. */
      if (self->shown_any)
        self->filter.sort = self->shown_sort;   /* else: the order asked for stays */
      if (self->held)
        self->stale = TRUE;
      /* Told to the user by whoever listens (the Posts page's toast) */
      if (g_signal_has_handler_pending (self, signals[READ_FAILED], 0, TRUE))
        g_debug ("Posts list: %s", error->message);
      else
        g_warning ("Posts list: %s", error->message);
      g_signal_emit (self, signals[READ_FAILED], 0, error);
    }
  else if (ids != NULL && self->held)
    {
      /* Nobody looks: kept, and shown at once when the list is released
       * (rounds_post_list_set_held()). */
      clear_read_ahead (self);
      self->read_ahead = g_array_ref (ids);
      self->read_ahead_rows = rows != NULL ? g_ptr_array_ref (rows) : NULL;
      self->read_ahead_extra = extra != NULL ? g_hash_table_ref (extra) : NULL;
      self->read_ahead_total = total;
      self->shown_sort = self->filter.sort;
      self->shown_any = TRUE;
      self->stale = FALSE;
      return;
    }
  else if (ids != NULL)
    {
      g_signal_emit (self, signals[REPLACING], 0);
      self->shown_sort = self->filter.sort;
      self->shown_any = TRUE;
      set_total (self, total);
      _rounds_paged_list_take_ids_with_rows (&self->list, ids, rows, extra);
      g_signal_emit (self, signals[REPLACED], 0);
    }
  if (!self->held)
    _rounds_paged_list_apply_pending (&self->list);
}

/* ---- reading on a worker ---------------------------------------------- */

/* One read on a worker: what it asks (a copy of the filter) and where
 * (a connection of its own to the store's file or server). Freed on the
 * main thread, by the callback. It holds the check's data until then,
 * but the list only weakly: an answer dropped for a newer question
 * (whose query may still run: a server's cannot be interrupted) must not
 * keep the list, and through it the store, alive after its owner let go
 * of it. */
typedef struct
{
  GWeakRef        self;
  guint           serial;
  char           *path;
  char           *conninfo;
  Filter          filter;
  GCancellable   *cancellable;
  guint           total;
  GArray         *pages;         /* page indexes read with the ids, or NULL */
  GPtrArray      *rows;          /* … their rows (plain posts) */
  GHashTable     *extra;         /* … and publications */
} Read;

static void
read_free (Read *read)
{
  g_weak_ref_clear (&read->self);
  g_free (read->path);
  g_free (read->conninfo);
  g_free (read->filter.needle);
  g_clear_object (&read->filter.check.data);
  g_object_unref (read->cancellable);
  g_clear_pointer (&read->pages, g_array_unref);
  g_clear_pointer (&read->rows, g_ptr_array_unref);
  g_clear_pointer (&read->extra, g_hash_table_unref);
  g_free (read);
}

/* SQLite calls this every few thousand steps of a query: a newer query
 * stops an older one (SQLITE_INTERRUPT). */
static int
read_progress_cb (gpointer cancellable)
{
  return g_cancellable_is_cancelled (cancellable);
}

/* The rows a view shows first of the answer, read with it: the pages
 * asked for (the top, and around where the view looked). A failure here
 * is no failure of the answer: those rows are read when shown. */
static void
read_pages (RoundsDb *db,
            Read     *read,
            GArray   *ids)
{
  read->rows = g_ptr_array_new_with_free_func (g_object_unref);
  read->extra = _rounds_paged_list_new_extra_table (&post_kind);
  for (guint i = 0; i < read->pages->len; i++)
    {
      guint first = g_array_index (read->pages, guint, i) * 64;
      g_autoptr(GError) error = NULL;

      if (first >= ids->len)
        continue;
      if (!_rounds_paged_list_read_page (&post_kind, db, &g_array_index (ids, gint64, first),
                                         MIN (64, ids->len - first), read->rows, read->extra,
                                         &error))
        {
          g_debug ("Posts list: %s", error->message);
          g_ptr_array_set_size (read->rows, 0);
          g_hash_table_remove_all (read->extra);
          return;
        }
    }
}

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Read *read = task_data;
  g_autoptr(GArray) ids = NULL;
  GError *error = NULL;
  RoundsDb *db;
  sqlite3 *handle;

  if (g_task_return_error_if_cancelled (task))
    return;
  db = _rounds_store_open_reader (read->path, read->conninfo, N_("Could not read the posts"),
                                  &error);
  if (db == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  handle = rounds_db_get_sqlite (db);
  if (handle != NULL)
    {
      sqlite3_progress_handler (handle, 4096, read_progress_cb, cancellable);
      if (!register_functions (handle))
        {
          rounds_db_close_v2 (db);
          g_task_return_new_error (task, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_IO, "%s",
                                   _("Could not read the posts"));
          return;
        }
    }
  else
    read->filter.server_icu = server_has_icu (db);
  read->total = query_total (db);
  ids = query_ids (db, &read->filter, &error);
  if (ids != NULL && read->pages != NULL)
    read_pages (db, read, ids);
  rounds_db_close_v2 (db);
  if (g_task_return_error_if_cancelled (task))
    g_clear_error (&error);
  else if (ids == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&ids), (GDestroyNotify)g_array_unref);
}

static void
on_read_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Read *read = user_data;
  g_autoptr(RoundsPostList) self = g_weak_ref_get (&read->self);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;

  ids = g_task_propagate_pointer (G_TASK (result), &error);
  /* The list is gone, or a newer query was asked for meanwhile (or the
   * list changed store): this answer is dropped. */
  if (self != NULL && read->serial == self->serial)
    {
      take_answer (self, ids, read->rows, read->extra, read->total, error);
      set_busy (self, NULL);
    }
  read_free (read);
}

/* Whether queries can run on a worker: a store with a file or a server
 * to open a connection of their own to, and not offline. */
static gboolean
can_read_on_worker (RoundsPostList *self)
{
  return self->on_worker && !self->filter.by_id && self->store != NULL &&
         self->store->db != NULL && !self->store->offline &&
         (self->store->path != NULL || self->store->conninfo != NULL);
}

static void
read_on_worker (RoundsPostList *self)
{
  g_autoptr(GTask) task = NULL;
  Read *read = g_new0 (Read, 1);

  g_weak_ref_init (&read->self, self);
  read->serial = self->serial;
  read->path = g_strdup (self->store->path);
  read->conninfo = g_strdup (self->store->conninfo);
  read->filter = self->filter;
  read->filter.needle = g_strdup (self->filter.needle);
  if (read->filter.check.data != NULL)
    g_object_ref (read->filter.check.data);
  read->cancellable = g_cancellable_new ();
  if (self->list.for_view)
    {
      read->pages = g_array_new (FALSE, FALSE, sizeof (guint));
      _rounds_paged_list_pages_to_read_with (&self->list, read->pages);
    }
  set_busy (self, read->cancellable);

  /* No source object: the task must not hold the list either. */
  task = g_task_new (NULL, read->cancellable, on_read_cb, read);
  g_task_set_source_tag (task, read_on_worker);
  g_task_set_task_data (task, read, NULL);
  g_task_run_in_thread (task, read_thread);
}

static void
reload (RoundsPostList *self)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  guint total = 0;

  self->stale = FALSE;
  self->serial++;   /* an answer under way is dropped */
  /* The changes noted so far are in what this query reads. */
  g_hash_table_remove_all (self->list.pending);
  if (can_read_on_worker (self) && can_query (self))
    {
      read_on_worker (self);
      return;
    }
  set_busy (self, NULL);
  if (can_query (self))
    {
      total = query_total (self->store->db);
      ids = query_ids (self->store->db, &self->filter, &error);
    }
  else
    ids = g_array_new (FALSE, FALSE, sizeof (gint64));   /* no store */
  take_answer (self, ids, NULL, NULL, total, error);
}

static void
invalidate (RoundsPostList *self)
{
  clear_read_ahead (self);
  if (!self->held)
    {
      reload (self);
      return;
    }
  /* An answer under way is to an older question (another filter, the
   * last practice's posts): dropped. On a worker the new question is
   * asked now, so that the list shows its answer at once when it is
   * released (a practice opened while Posts is not shown); else on
   * release. */
  self->stale = TRUE;
  self->serial++;
  set_busy (self, NULL);
  if (can_read_on_worker (self) && can_query (self))
    {
      g_hash_table_remove_all (self->list.pending);   /* the question sees them */
      read_on_worker (self);
    }
}

static void
on_post_changed_cb (RoundsPostList *self,
                    RoundsPost     *post)
{
  /* While held, or while a query runs (its answer may be older than
   * this change): looked at again later. */
  if (self->held || self->reading != NULL)
    _rounds_paged_list_note_pending (&self->list, rounds_post_get_id (post));
  else
    _rounds_paged_list_update_one (&self->list, rounds_post_get_id (post));
}

/* A post was deleted: it leaves at once, held or not, so that the count
 * stays true (and again after a query under way, which may have read it). */
static void
on_post_removed_cb (RoundsPostList *self,
                    gint64          id)
{
  set_total (self, self->total > 0 ? self->total - 1 : 0);
  _rounds_paged_list_remove (&self->list, id);
  if (self->reading != NULL || self->read_ahead != NULL)
    _rounds_paged_list_note_pending (&self->list, id);
}

/* Many posts came in at once: ask again (one items-changed). */
static void
on_posts_imported_cb (RoundsPostList *self,
                      guint           n_posts)
{
  invalidate (self);
}


/* ---- GObject ---------------------------------------------------------- */

static void
rounds_post_list_dispose (GObject *object)
{
  RoundsPostList *self = ROUNDS_POST_LIST (object);

  self->held = FALSE;
  rounds_post_list_set_store (self, NULL);
  self->serial++;
  set_busy (self, NULL);
  g_clear_object (&self->filter.check.data);
  self->filter.check.func = NULL;

  G_OBJECT_CLASS (rounds_post_list_parent_class)->dispose (object);
}

static void
rounds_post_list_finalize (GObject *object)
{
  RoundsPostList *self = ROUNDS_POST_LIST (object);

  _rounds_paged_list_clear (&self->list);
  g_clear_pointer (&self->filter.needle, g_free);
  clear_read_ahead (self);

  G_OBJECT_CLASS (rounds_post_list_parent_class)->finalize (object);
}

static void
rounds_post_list_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  RoundsPostList *self = ROUNDS_POST_LIST (object);

  switch (prop_id)
    {
    case PROP_TOTAL:
      g_value_set_uint (value, self->total);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->reading != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rounds_post_list_class_init (RoundsPostListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rounds_post_list_dispose;
  object_class->finalize = rounds_post_list_finalize;
  object_class->get_property = rounds_post_list_get_property;

  /**
   * RoundsPostList:total:
   *
   * How many posts the store holds, shown or not.
   */
  properties[PROP_TOTAL] =
    g_param_spec_uint ("total", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * RoundsPostList:busy:
   *
   * A query runs on a worker: the list shows what it showed until its
   * answer comes (rounds_post_list_set_on_worker()). Wait for %FALSE to
   * read the answer.
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RoundsPostList::replacing:
   *
   * A query's answer is about to replace every shown id (a new order,
   * filter or search, or a new practice): the rows are still the old
   * ones. "replaced" follows.
   */
  signals[REPLACING] = g_signal_new ("replacing", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * RoundsPostList::replaced:
   *
   * A query's answer is shown.
   */
  signals[REPLACED] = g_signal_new ("replaced", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * RoundsPostList::read-failed:
   * @error: what the store said
   *
   * A query failed (not for a practice server out of reach): the list
   * still shows what it showed.
   */
  /**
   * RoundsPostList::rows-arrived:
   *
   * Rows a view's model (rounds_post_list_new_view()) lent as empty
   * posts were read: rounds_post_list_peek() has them now.
   */
  signals[ROWS_ARRIVED] = g_signal_new ("rows-arrived", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[READ_FAILED] = g_signal_new ("read-failed", G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                       G_TYPE_ERROR);
}

static void
rounds_post_list_init (RoundsPostList *self)
{
  _rounds_paged_list_init (&self->list, &post_kind, G_LIST_MODEL (self));
  self->filter.status = -1;
  self->filter.sort = ROUNDS_POST_SORT_SCHEDULED;
}

/* ---- public ----------------------------------------------------------- */

/**
 * rounds_post_list_new:
 * @store: (nullable): whose posts to list
 *
 * Returns: (transfer full): every post of @store, by scheduled time.
 */
RoundsPostList *
rounds_post_list_new (RoundsStore *store)
{
  RoundsPostList *self = g_object_new (ROUNDS_TYPE_POST_LIST, NULL);

  rounds_post_list_set_store (self, store);
  return self;
}

/**
 * rounds_post_list_set_store:
 * @store: (nullable): whose posts to list
 */
void
rounds_post_list_set_store (RoundsPostList *self,
                            RoundsStore    *store)
{
  g_return_if_fail (ROUNDS_IS_POST_LIST (self));

  if (self->store == store)
    return;

  if (self->store != NULL)
    {
      g_clear_signal_handler (&self->changed_handler, self->store);
      g_clear_signal_handler (&self->removed_handler, self->store);
      g_clear_signal_handler (&self->imported_handler, self->store);
      self->functions_db = NULL;
      self->server_db = NULL;
    }
  /* The store's own list (by id) does not keep the store alive. */
  if (self->filter.by_id)
    self->store = store;
  else
    g_set_object (&self->store, store);
  self->list.store = self->store;
  if (store != NULL)
    {
      self->changed_handler = g_signal_connect_object (store, "post-changed",
                                                       G_CALLBACK (on_post_changed_cb), self,
                                                       G_CONNECT_SWAPPED);
      self->removed_handler = g_signal_connect_object (store, "post-removed",
                                                       G_CALLBACK (on_post_removed_cb), self,
                                                       G_CONNECT_SWAPPED);
      self->imported_handler = g_signal_connect_object (store, "posts-imported",
                                                        G_CALLBACK (on_posts_imported_cb), self,
                                                        G_CONNECT_SWAPPED);
    }

  /* The old store's posts leave now, even while held; the new ones come
   * with the next query. */
  if (self->held)
    _rounds_paged_list_remove_all (&self->list);
  set_total (self, 0);
  invalidate (self);
}

/**
 * rounds_post_list_set_status:
 * @status: a #RoundsPostStatus, or -1 for every status
 */
void
rounds_post_list_set_status (RoundsPostList *self,
                             int             status)
{
  g_return_if_fail (ROUNDS_IS_POST_LIST (self));
  g_return_if_fail (status >= -1 && status <= ROUNDS_POST_STATUS_LAST);

  if (self->filter.status == status)
    return;
  self->filter.status = status;
  invalidate (self);
}

/**
 * rounds_post_list_set_search:
 * @text: (nullable): words to find in the title or the text, in any
 *   case; %NULL or blank for none
 */
void
rounds_post_list_set_search (RoundsPostList *self,
                             const char     *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_autofree char *needle = *stripped != '\0' ? fold (stripped) : NULL;

  g_return_if_fail (ROUNDS_IS_POST_LIST (self));

  if (g_strcmp0 (needle, self->filter.needle) == 0)
    return;
  g_free (self->filter.needle);
  self->filter.needle = g_steal_pointer (&needle);
  invalidate (self);
}

/**
 * rounds_post_list_set_networks:
 * @networks: posts for any of these networks; %ROUNDS_NETWORK_NONE for
 *   all posts
 */
void
rounds_post_list_set_networks (RoundsPostList *self,
                               RoundsNetwork   networks)
{
  g_return_if_fail (ROUNDS_IS_POST_LIST (self));

  if (self->filter.networks == networks)
    return;
  self->filter.networks = networks;
  invalidate (self);
}

void
rounds_post_list_set_sort (RoundsPostList *self,
                           RoundsPostSort  sort)
{
  g_return_if_fail (ROUNDS_IS_POST_LIST (self));

  if (self->filter.sort == sort)
    return;
  self->filter.sort = sort;
  invalidate (self);
}

/**
 * rounds_post_list_get_sort:
 *
 * Returns: the list's order: after a failed query, the order its rows
 *   are still in, not the one asked for (unless no answer came yet:
 *   then the one asked for).
 */
RoundsPostSort
rounds_post_list_get_sort (RoundsPostList *self)
{
  g_return_val_if_fail (ROUNDS_IS_POST_LIST (self), ROUNDS_POST_SORT_SCHEDULED);
  return self->filter.sort;
}

/**
 * rounds_post_list_set_check:
 * @check: (nullable): which texts to show; %NULL for all
 * @data: (nullable): @check's data, held by the list
 *
 * Filters by something the database does not hold (the compliance
 * marks); call rounds_post_list_refilter() when its answers change.
 * While the list reads on a worker (rounds_post_list_set_on_worker()),
 * @check is called on that thread, and each read holds @data (released
 * on the main thread): @check must be safe to call from any thread.
 */
void
rounds_post_list_set_check (RoundsPostList      *self,
                            RoundsPostListCheck  check,
                            GObject             *data)
{
  g_return_if_fail (ROUNDS_IS_POST_LIST (self));
  g_return_if_fail (data == NULL || G_IS_OBJECT (data));

  if (self->filter.check.func == check && self->filter.check.data == data)
    return;
  self->filter.check.func = check;
  g_set_object (&self->filter.check.data, data);
  invalidate (self);
}

/**
 * rounds_post_list_refilter:
 *
 * The check's answers changed: asks the database again.
 */
void
rounds_post_list_refilter (RoundsPostList *self)
{
  g_return_if_fail (ROUNDS_IS_POST_LIST (self));
  invalidate (self);
}

/* Shows the answer kept aside while held (rounds_post_list_has_read_ahead()) */
static void
show_read_ahead (RoundsPostList *self)
{
  g_autoptr(GArray) ids = g_steal_pointer (&self->read_ahead);
  g_autoptr(GPtrArray) rows = g_steal_pointer (&self->read_ahead_rows);
  g_autoptr(GHashTable) extra = g_steal_pointer (&self->read_ahead_extra);

  take_answer (self, ids, rows, extra, self->read_ahead_total, NULL);
}

/**
 * rounds_post_list_set_held:
 *
 * While held (nobody looks at the list), changed posts and new filters
 * are only noted; on release the list asks the database again, for the
 * noted posts alone when no filter changed. A list on a worker asks a
 * new question (a new practice) at once even while held, keeps the
 * answer aside and shows it on release, without waiting.
 */
void
rounds_post_list_set_held (RoundsPostList *self,
                           gboolean        held)
{
  g_return_if_fail (ROUNDS_IS_POST_LIST (self));

  if (self->held == held)
    return;
  self->held = held;
  if (held)
    return;

  if (self->reading != NULL)
    return;   /* its answer is shown when it comes, then what changed meanwhile */
  if (rounds_post_list_has_read_ahead (self))
    show_read_ahead (self);
  else if (self->stale || self->read_ahead != NULL ||
           g_hash_table_size (self->list.pending) > MANY_CHANGES)
    {
      clear_read_ahead (self);
      reload (self);
    }
  else
    _rounds_paged_list_apply_pending (&self->list);
}

gboolean
rounds_post_list_get_held (RoundsPostList *self)
{
  g_return_val_if_fail (ROUNDS_IS_POST_LIST (self), FALSE);
  return self->held;
}

/**
 * rounds_post_list_has_read_ahead:
 *
 * Returns: whether the list, held, keeps an answer aside that a release
 *   would show at once (a practice read ahead while nobody looked), with
 *   few enough posts changed since that it is still good.
 */
gboolean
rounds_post_list_has_read_ahead (RoundsPostList *self)
{
  g_return_val_if_fail (ROUNDS_IS_POST_LIST (self), FALSE);
  return self->read_ahead != NULL && self->reading == NULL &&
         g_hash_table_size (self->list.pending) <= MANY_CHANGES;
}

/**
 * rounds_post_list_take_read_ahead:
 *
 * Shows the answer kept aside while held, as a release would
 * (rounds_post_list_has_read_ahead()), and stays held: whoever shows the
 * list can make its rows before it is on screen (the Posts page, in idle
 * time after the window's first frames), so that showing it only draws.
 *
 * Returns: whether there was an answer to show
 */
gboolean
rounds_post_list_take_read_ahead (RoundsPostList *self)
{
  g_return_val_if_fail (ROUNDS_IS_POST_LIST (self), FALSE);

  if (!self->held || !rounds_post_list_has_read_ahead (self))
    return FALSE;
  self->held = FALSE;
  show_read_ahead (self);
  self->held = TRUE;
  return TRUE;
}

/**
 * rounds_post_list_get_total:
 *
 * Returns: how many posts the store holds, shown or not.
 */
guint
rounds_post_list_get_total (RoundsPostList *self)
{
  g_return_val_if_fail (ROUNDS_IS_POST_LIST (self), 0);
  return self->total;
}

/**
 * rounds_post_list_set_on_worker:
 *
 * From now on a new order, filter, search or check asks the database on
 * a worker thread with a connection of its own (the store's file read
 * only, or the server), as the Inbox's list does: the list shows what it
 * showed until the answer comes (#RoundsPostList:busy), and a newer
 * question drops the answer to an older one. A store with no file (in
 * memory) is asked here, at once.
 */
void
rounds_post_list_set_on_worker (RoundsPostList *self,
                                gboolean        on_worker)
{
  g_return_if_fail (ROUNDS_IS_POST_LIST (self));
  self->on_worker = on_worker;
  _rounds_paged_list_set_for_view (&self->list, on_worker);
}

/**
 * rounds_post_list_new_view:
 *
 * The list as a list view should be given it, once it reads on a
 * worker (rounds_post_list_set_on_worker()): a post whose page has not
 * been read yet is an empty post with its id only, and its page (and
 * the next, ahead of need) is read on a worker; ::rows-arrived says when
 * rows came. The view's rows take their post and its publications from
 * rounds_post_list_peek().
 *
 * Returns: (transfer full): a model of the list's rows, holding the list
 */
GListModel *
rounds_post_list_new_view (RoundsPostList *self)
{
  g_return_val_if_fail (ROUNDS_IS_POST_LIST (self), NULL);
  return _rounds_paged_list_new_view (&self->list, G_LIST_MODEL (self));
}

/**
 * rounds_post_list_peek:
 * @publications: (out) (optional) (transfer none) (nullable): the post's
 *   publications, oldest first, read with its page (%NULL: none, or
 *   the list is not on a worker)
 *
 * Returns: (transfer none) (nullable): the post @id if its row has been
 *   read and is kept, else %NULL
 */
RoundsPost *
rounds_post_list_peek (RoundsPostList  *self,
                       gint64           id,
                       GPtrArray      **publications)
{
  g_return_val_if_fail (ROUNDS_IS_POST_LIST (self), NULL);
  return _rounds_paged_list_peek (&self->list, id, (gpointer *)publications);
}

/**
 * rounds_post_list_get_busy:
 *
 * Returns: whether a query runs on a worker, its answer not shown yet
 */
gboolean
rounds_post_list_get_busy (RoundsPostList *self)
{
  g_return_val_if_fail (ROUNDS_IS_POST_LIST (self), FALSE);
  return self->reading != NULL;
}

/* How many pages of rows the list has read from the database so far. */
guint
_rounds_post_list_get_n_pages_read (RoundsPostList *self)
{
  g_return_val_if_fail (ROUNDS_IS_POST_LIST (self), 0);
  return self->list.n_pages_read;
}

/**
 * rounds_post_list_find:
 *
 * Returns: the position of the post @id, or %G_MAXUINT when it is not
 *   shown.
 */
guint
rounds_post_list_find (RoundsPostList *self,
                       gint64          id)
{
  g_return_val_if_fail (ROUNDS_IS_POST_LIST (self), G_MAXUINT);
  return _rounds_paged_list_position_of (&self->list, id);
}

/* The store's rounds_store_get_posts(): every post, in id order. It
 * does not hold @store; the store clears it when it goes. */
GListModel *
_rounds_post_list_new_by_id (RoundsStore *store)
{
  RoundsPostList *self = g_object_new (ROUNDS_TYPE_POST_LIST, NULL);

  self->filter.by_id = TRUE;
  self->list.by_id = TRUE;
  rounds_post_list_set_store (self, store);
  return G_LIST_MODEL (self);
}
