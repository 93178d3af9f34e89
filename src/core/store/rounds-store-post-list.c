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

struct _RoundsPostList
{
  GObject             parent_instance;

  RoundsStore        *store;
  gboolean            by_id;            /* the store's rounds_store_get_posts() */
  gulong              changed_handler;
  gulong              removed_handler;
  gulong              imported_handler;
  sqlite3            *functions_db;     /* the connection our functions are on */
  RoundsDb           *server_db;        /* the server connection looked at */
  gboolean            server_icu;       /* it has the collation "und-x-icu" */

  RoundsPagedList     list;             /* the ids shown, the posts kept */
  guint               total;

  int                 status;           /* -1: any */
  char               *needle;           /* case-folded; NULL: no search */
  RoundsNetwork       networks;         /* NONE: any */
  RoundsPostSort      sort;
  RoundsPostListCheck check;
  gpointer            check_data;

  gboolean            held;
  gboolean            stale;            /* to query again on release; the
                                         * ids changed while held are the
                                         * list's pending ones */
};

static void rounds_post_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RoundsPostList, rounds_post_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      rounds_post_list_model_init))

enum {
  PROP_0,
  PROP_TOTAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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

/* rounds_list_check (list, body): the list's check, the list bound as a
 * pointer (never a value a query could forge). */
static void
sql_check (sqlite3_context *ctx,
           int              argc,
           sqlite3_value  **argv)
{
  RoundsPostList *self = sqlite3_value_pointer (argv[0], "RoundsPostList");
  const char *body = (const char *)sqlite3_value_text (argv[1]);

  if (self == NULL || self->check == NULL)
    {
      sqlite3_result_int (ctx, 1);
      return;
    }
  sqlite3_result_int (ctx, self->check (body != NULL ? body : "", self->check_data));
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

/* On a server: whether ICU's root collation is there (Debian's
 * PostgreSQL is built with ICU; lower() under a "C" database locale only
 * folds ASCII). */
static gboolean
ensure_server (RoundsPostList *self)
{
  RoundsDb *db = self->store->db;
  RoundsDbStmt *stmt = NULL;

  if (db == self->server_db)
    return TRUE;
  self->server_icu = FALSE;
  if (rounds_db_prepare_v2 (db, "SELECT count(*) FROM pg_collation WHERE collname = 'und-x-icu'",
                            -1, &stmt, NULL) == ROUNDS_DB_OK &&
      rounds_db_step (stmt) == ROUNDS_DB_ROW)
    self->server_icu = rounds_db_column_int64 (stmt, 0) > 0;
  rounds_db_finalize (stmt);
  self->server_db = db;
  return TRUE;
}

static gboolean
on_server (RoundsPostList *self)
{
  return self->store != NULL && self->store->db != NULL && !rounds_db_is_sqlite (self->store->db);
}

static gboolean
ensure_functions (RoundsPostList *self)
{
  sqlite3 *db;
  int rc = SQLITE_OK;

  if (self->store == NULL || !_rounds_store_ensure_open (self->store, NULL))
    return FALSE;
  /* The functions are C code in this process: SQLite only. A server
   * says the search in SQL and leaves the rest to this process (see the
   * top of this file). */
  if (on_server (self))
    return ensure_server (self);
  db = rounds_db_get_sqlite (self->store->db);
  if (db == NULL)
    return FALSE;
  if (db == self->functions_db)
    return TRUE;

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
    {
      g_warning ("Could not register the Posts list's SQL functions: %s", sqlite3_errmsg (db));
      return FALSE;
    }
  self->functions_db = db;
  return TRUE;
}

/* The list's check in this process (a server, or a post read alone). */
static gboolean
passes_check (RoundsPostList *self,
              const char     *body)
{
  return self->check == NULL || self->check (body != NULL ? body : "", self->check_data);
}

/* Whether the list can ask the database now. */
static gboolean
can_query (RoundsPostList *self)
{
  return ensure_functions (self);
}

/* ---- queries ---------------------------------------------------------- */

/* Parameters: ?1 status, ?2 search needle, ?3 the list (its check). */
static void
append_where (RoundsPostList *self,
              GString        *sql)
{
  g_string_append (sql, " WHERE 1 = 1");
  if (self->status >= 0)
    g_string_append (sql, " AND status = ?1");
  if (self->networks != ROUNDS_NETWORK_NONE)
    {
      g_string_append (sql, " AND (1 = 0");
      for (guint bit = 1; bit != 0 && bit <= (guint)self->networks; bit <<= 1)
        if ((self->networks & bit) != 0)
          {
            g_autofree char *id = rounds_networks_to_string (bit);

            /* A network id from the fixed table, never user text. */
            if (*id != '\0')
              g_string_append_printf (sql, " OR (',' || networks || ',') LIKE '%%,%s,%%'", id);
          }
      g_string_append (sql, ")");
    }
  if (self->needle != NULL && on_server (self))
    {
      /* rounds_list_match() in the server's words: fold() is NFKD
       * (G_NORMALIZE_ALL) and case folding, which leaves "é" decomposed;
       * lower() composes it again, hence NFKD once more after it. */
      const char *collate = self->server_icu ? " COLLATE \"und-x-icu\"" : "";

      g_string_append_printf (sql,
                              " AND (strpos (normalize (lower (normalize (title, NFKD)%s), NFKD),"
                              " ?2) > 0"
                              " OR strpos (normalize (lower (normalize (body, NFKD)%s), NFKD),"
                              " ?2) > 0)",
                              collate, collate);
    }
  else if (self->needle != NULL)
    g_string_append (sql, " AND rounds_list_match (?2, title, body)");
  if (self->check != NULL && !on_server (self))
    g_string_append (sql, " AND rounds_list_check (?3, body)");
}

static void
bind_where (RoundsPostList *self,
            RoundsDbStmt   *stmt)
{
  if (self->status >= 0)
    _rounds_store_bind_text (stmt, 1, rounds_post_status_to_string (self->status));
  if (self->needle != NULL)
    _rounds_store_bind_text (stmt, 2, self->needle);
  if (self->check != NULL && !on_server (self))
    rounds_db_bind_pointer (stmt, 3, self, "RoundsPostList");
}

static void
done_with (RoundsDbStmt *stmt)
{
  rounds_db_reset (stmt);
  rounds_db_clear_bindings (stmt);   /* never keep a pointer to us */
}

/* Appends the ids of one query to @ids. */
static gboolean
read_ids (RoundsPostList  *self,
          const char      *sql,
          GArray          *ids,
          GError         **error)
{
  RoundsDbStmt *stmt = _rounds_store_prepare (self->store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  bind_where (self, stmt);
  while ((rc = rounds_db_step (stmt)) == ROUNDS_DB_ROW)
    {
      gint64 id = rounds_db_column_int64 (stmt, 0);

      /* On a server the check runs here, over the body read beside */
      if (rounds_db_column_count (stmt) > 1 &&
          !passes_check (self, (const char *)rounds_db_column_text (stmt, 1)))
        continue;
      g_array_append_val (ids, id);
    }
  done_with (stmt);
  if (rc != ROUNDS_DB_DONE)
    return _rounds_store_set_error (self->store, rc, error, _("Could not read the posts"));
  return TRUE;
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
 * as SQLite's title keys are). */
static gboolean
read_ids_by_title (RoundsPostList  *self,
                   GArray          *ids,
                   GError         **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT " ROUNDS_STORE_POST_COLUMNS " FROM posts");
  g_autoptr(GPtrArray) rows = NULL;
  RoundsDbStmt *stmt;

  append_where (self, sql);
  stmt = _rounds_store_prepare (self->store, sql->str, error);
  if (stmt != NULL)
    bind_where (self, stmt);
  rows = _rounds_store_read_rows (self->store, stmt, _rounds_store_new_post_of_row,
                                  g_object_unref, error, _("Could not read the posts"));
  if (stmt != NULL)
    done_with (stmt);
  if (rows == NULL)
    return FALSE;

  g_ptr_array_sort (rows, compare_by_title);
  for (guint i = 0; i < rows->len; i++)
    {
      RoundsPost *post = g_ptr_array_index (rows, i);
      gint64 id = rounds_post_get_id (post);

      if (passes_check (self, rounds_post_get_body (post)))
        g_array_append_val (ids, id);
    }
  return TRUE;
}

static GArray *
query_ids (RoundsPostList  *self,
           GError         **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GString) sql = NULL;

  if (!can_query (self))
    return g_steal_pointer (&ids);

  if (on_server (self) && self->sort == ROUNDS_POST_SORT_TITLE)
    {
      if (!read_ids_by_title (self, ids, error))
        return NULL;
      return g_steal_pointer (&ids);
    }

  /* A server's check runs here: the body comes beside the id */
  sql = g_string_new (on_server (self) && self->check != NULL ? "SELECT id, body FROM posts"
                                                              : "SELECT id FROM posts");

  append_where (self, sql);
  if (self->by_id)
    {
      g_string_append (sql, " ORDER BY id");
      if (!read_ids (self, sql->str, ids, error))
        return NULL;
      return g_steal_pointer (&ids);
    }
  switch (self->sort)
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
        if (!read_ids (self, sql->str, ids, error) || !read_ids (self, undated->str, ids, error))
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

  if (!read_ids (self, sql->str, ids, error))
    return NULL;
  return g_steal_pointer (&ids);
}

static guint
query_total (RoundsPostList *self)
{
  RoundsDbStmt *stmt;
  guint total = 0;

  if (self->store == NULL || !_rounds_store_ensure_open (self->store, NULL))
    return 0;
  stmt = _rounds_store_prepare (self->store, "SELECT count(*) FROM posts", NULL);
  if (stmt == NULL)
    return 0;
  if (rounds_db_step (stmt) == ROUNDS_DB_ROW)
    total = rounds_db_column_int64 (stmt, 0);
  done_with (stmt);
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
  append_where (self, sql);
  g_string_append (sql, " AND id = ?4");
  stmt = _rounds_store_prepare (self->store, sql->str, &error);
  if (stmt != NULL)
    {
      bind_where (self, stmt);
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
      (on_server (self) && !passes_check (self, rounds_post_get_body (g_ptr_array_index (rows, 0)))))
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
  return rounds_post_compare (a, b, ROUNDS_POST_LIST (owner)->sort) < 0;
}

/* A post not shown so far comes in: new, or let in by a change. */
static void
kind_entered (GListModel *owner)
{
  RoundsPostList *self = ROUNDS_POST_LIST (owner);

  set_total (self, query_total (self));
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

/* Asks for the ids again and says what differs (the common start and
 * end stay, so a selection there stays). */
static void
reload (RoundsPostList *self)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;

  self->stale = FALSE;
  g_hash_table_remove_all (self->list.pending);
  set_total (self, query_total (self));
  if (self->store != NULL)
    ids = query_ids (self, &error);
  if (ids == NULL && g_error_matches (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_OFFLINE))
    {
      /* The practice server cannot be reached: the last rows stay shown
       * (read-only) until it is back and something changes. */
      g_debug ("Posts list: %s", error->message);
      return;
    }
  if (ids == NULL)
    {
      if (error != NULL)
        g_warning ("Posts list: %s", error->message);
      ids = g_array_new (FALSE, FALSE, sizeof (gint64));
    }
  _rounds_paged_list_take_ids (&self->list, ids);
}

static void
invalidate (RoundsPostList *self)
{
  if (self->held)
    self->stale = TRUE;
  else
    reload (self);
}

static void
on_post_changed_cb (RoundsPostList *self,
                    RoundsPost     *post)
{
  if (self->held)
    _rounds_paged_list_note_pending (&self->list, rounds_post_get_id (post));
  else
    _rounds_paged_list_update_one (&self->list, rounds_post_get_id (post));
}

/* A post was deleted: it leaves at once, held or not, so that the count
 * stays true. */
static void
on_post_removed_cb (RoundsPostList *self,
                    gint64          id)
{
  set_total (self, self->total > 0 ? self->total - 1 : 0);
  _rounds_paged_list_remove (&self->list, id);
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

  G_OBJECT_CLASS (rounds_post_list_parent_class)->dispose (object);
}

static void
rounds_post_list_finalize (GObject *object)
{
  RoundsPostList *self = ROUNDS_POST_LIST (object);

  _rounds_paged_list_clear (&self->list);
  g_clear_pointer (&self->needle, g_free);

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
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rounds_post_list_init (RoundsPostList *self)
{
  _rounds_paged_list_init (&self->list, &post_kind, G_LIST_MODEL (self));
  self->status = -1;
  self->sort = ROUNDS_POST_SORT_SCHEDULED;
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
  if (self->by_id)
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

  if (self->status == status)
    return;
  self->status = status;
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

  if (g_strcmp0 (needle, self->needle) == 0)
    return;
  g_free (self->needle);
  self->needle = g_steal_pointer (&needle);
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

  if (self->networks == networks)
    return;
  self->networks = networks;
  invalidate (self);
}

void
rounds_post_list_set_sort (RoundsPostList *self,
                           RoundsPostSort  sort)
{
  g_return_if_fail (ROUNDS_IS_POST_LIST (self));

  if (self->sort == sort)
    return;
  self->sort = sort;
  invalidate (self);
}

/**
 * rounds_post_list_set_check:
 * @check: (nullable): which texts to show; %NULL for all
 *
 * Filters by something the database does not hold (the compliance
 * marks); call rounds_post_list_refilter() when its answers change.
 */
void
rounds_post_list_set_check (RoundsPostList      *self,
                            RoundsPostListCheck  check,
                            gpointer             user_data)
{
  g_return_if_fail (ROUNDS_IS_POST_LIST (self));

  if (self->check == check && self->check_data == user_data)
    return;
  self->check = check;
  self->check_data = user_data;
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

/**
 * rounds_post_list_set_held:
 *
 * While held (nobody looks at the list), changed posts and new filters
 * are only noted; on release the list asks the database again, for the
 * noted posts alone when no filter changed.
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

  if (self->stale || g_hash_table_size (self->list.pending) > MANY_CHANGES)
    reload (self);
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

  self->by_id = TRUE;
  self->list.by_id = TRUE;
  rounds_post_list_set_store (self, store);
  return G_LIST_MODEL (self);
}
