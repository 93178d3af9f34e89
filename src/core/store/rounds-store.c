/* rounds-store.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "rounds-store.h"
#include "rounds-store-private.h"

/* The local SQLite store: one file per practice, mode 0600, WAL, foreign
 * keys on. The schema is versioned with PRAGMA user_version and migrated
 * forward, one transaction per step, after a backup copy. Posts and
 * comments reach the UI as GListModels that the store keeps current, so
 * views redraw from signals and never poll or run SQL themselves.
 *
 * Nothing here logs user text: only ids, counts and SQLite's own messages,
 * which carry no row contents. */

struct _RoundsStore
{
  GObject          parent_instance;
  char            *path;
  RoundsClock     *clock;
  sqlite3         *db;
  GHashTable      *statements;   /* SQL text → sqlite3_stmt, reused */
  RoundsPractice  *practice;
  GListStore      *posts;
  GListStore      *comments;
  char            *actor;
  RoundsStoreOpenFlags flags;
};

G_DEFINE_FINAL_TYPE (RoundsStore, rounds_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (rounds-store-error-quark, rounds_store_error)

enum {
  PROP_0,
  PROP_PATH,
  PROP_ACTOR,
  N_PROPS
};

enum {
  POST_CHANGED,
  PRACTICE_CHANGED,
  COMMENTS_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Migrations: migrations[N] takes a database from version N to N + 1.
 * Never edit a step that has shipped; add one, and add a fixture for the
 * old version under tests/data/store/ (the store test requires it). */
static const char * const migrations[ROUNDS_STORE_SCHEMA_VERSION] = {
  /* 0 → 1: the foundation */
  "CREATE TABLE practice ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  name TEXT NOT NULL DEFAULT '',"
  "  specialty TEXT NOT NULL DEFAULT '',"
  "  timezone TEXT NOT NULL DEFAULT '',"
  "  website TEXT NOT NULL DEFAULT '',"
  "  phones TEXT NOT NULL DEFAULT '[]',"
  "  emails TEXT NOT NULL DEFAULT '[]',"
  "  addresses TEXT NOT NULL DEFAULT '[]',"
  "  staff TEXT NOT NULL DEFAULT '[]',"
  "  languages TEXT NOT NULL DEFAULT '[]',"
  "  allow TEXT NOT NULL DEFAULT '[]',"
  "  updated_at INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE TABLE posts ("
  "  id INTEGER PRIMARY KEY,"
  "  title TEXT NOT NULL DEFAULT '',"
  "  body TEXT NOT NULL DEFAULT '',"
  "  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','in_review','approved',"
  "    'scheduled','due','publishing','published','failed','cancelled')),"
  "  scheduled_at INTEGER,"
  "  networks TEXT NOT NULL DEFAULT '',"
  "  last_error TEXT,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL"
  ");"
  "CREATE INDEX posts_scheduled_at ON posts (scheduled_at);"
  "CREATE TABLE comments ("
  "  id INTEGER PRIMARY KEY,"
  "  network TEXT NOT NULL,"
  "  kind TEXT NOT NULL CHECK (kind IN ('comment','review')),"
  "  author TEXT NOT NULL DEFAULT '',"
  "  body TEXT NOT NULL DEFAULT '',"
  "  received_at INTEGER NOT NULL,"
  "  post_id INTEGER REFERENCES posts (id) ON DELETE SET NULL,"
  "  rating INTEGER NOT NULL DEFAULT 0,"
  "  is_read INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX comments_received_at ON comments (received_at);"
  "CREATE TABLE audit_log ("
  "  id INTEGER PRIMARY KEY,"
  "  at INTEGER NOT NULL,"
  "  actor TEXT NOT NULL,"
  "  entity_type TEXT NOT NULL,"
  "  entity_id INTEGER NOT NULL,"
  "  action TEXT NOT NULL,"
  "  from_state TEXT,"
  "  to_state TEXT,"
  "  reason TEXT,"
  "  text_sha256 TEXT"
  ");"
  "CREATE INDEX audit_log_entity ON audit_log (entity_type, entity_id);"
  "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log"
  "  BEGIN SELECT RAISE (ABORT, 'the audit log is append-only'); END;"
  "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log"
  "  BEGIN SELECT RAISE (ABORT, 'the audit log is append-only'); END;"
  "INSERT INTO practice (id) VALUES (1);",

  /* 1 → 2: what the editor, the plan, the calendar and reminders keep.
   * Each feature reads and writes its tables in its own
   * rounds-store-FEATURE.c through rounds-store-private.h. */
  "ALTER TABLE posts ADD COLUMN recurrence TEXT;"          /* JSON rule, NULL: one-off */
  "ALTER TABLE posts ADD COLUMN series_id INTEGER;"        /* occurrence split from a series */
  "ALTER TABLE posts ADD COLUMN authorization TEXT;"       /* JSON: who signed, date, scope */
  "CREATE TABLE post_media ("
  "  id INTEGER PRIMARY KEY,"
  "  post_id INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL DEFAULT 0,"
  "  path TEXT NOT NULL,"
  "  alt_text TEXT NOT NULL DEFAULT '',"
  "  shows_patient INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX post_media_post ON post_media (post_id, position);"
  "CREATE TABLE finding_acks ("
  "  id INTEGER PRIMARY KEY,"
  "  post_id INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,"
  "  rule TEXT NOT NULL,"
  "  span_sha256 TEXT NOT NULL,"
  "  reason TEXT NOT NULL,"
  "  actor TEXT NOT NULL,"
  "  at INTEGER NOT NULL"
  ");"
  "CREATE INDEX finding_acks_post ON finding_acks (post_id);"
  "CREATE TABLE autosave ("
  "  slot TEXT PRIMARY KEY,"
  "  post_id INTEGER,"
  "  data TEXT NOT NULL,"
  "  saved_at INTEGER NOT NULL"
  ");"
  "CREATE TABLE plan_sections ("
  "  section TEXT PRIMARY KEY,"
  "  data TEXT NOT NULL DEFAULT '{}',"
  "  completed_at INTEGER,"
  "  updated_at INTEGER NOT NULL"
  ");"
  "CREATE TABLE plan_tasks ("
  "  id TEXT PRIMARY KEY,"
  "  done INTEGER NOT NULL DEFAULT 0,"
  "  done_at INTEGER"
  ");"
  "CREATE TABLE reminders ("
  "  key TEXT PRIMARY KEY,"
  "  kind TEXT NOT NULL,"
  "  due_at INTEGER NOT NULL,"
  "  delivered_at INTEGER,"
  "  snoozed_until INTEGER,"
  "  data TEXT"
  ");"
  "CREATE TABLE kv ("
  "  key TEXT PRIMARY KEY,"
  "  value TEXT"
  ");",
  /* 2 → 3: wave two (accounts and publications, inbox, insights, consents,
   * people, …). Still open while version 3 is unreleased: each feature
   * appends its own block below, headed by a comment naming it. See
   * docs/decisions.md, "One schema version per release". */
  "CREATE TABLE schema_notes ("
  "  version INTEGER PRIMARY KEY,"
  "  applied_at INTEGER NOT NULL DEFAULT (strftime('%s','now'))"
  ");"
  "INSERT INTO schema_notes (version) VALUES (3);",
};

#define POST_COLUMNS "id, title, body, status, scheduled_at, networks, last_error, " \
                     "created_at, updated_at"

/* ------------------------------------------------------------------ */
/* SQLite helpers                                                       */

static gboolean
set_sqlite_error (RoundsStore  *self,
                  sqlite3      *db,
                  int           rc,
                  GError      **error,
                  const char   *what)
{
  int code = ROUNDS_STORE_ERROR_FAILED;
  int primary = rc & 0xff;

  if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB)
    code = ROUNDS_STORE_ERROR_CORRUPT;
  else if (primary == SQLITE_IOERR || primary == SQLITE_CANTOPEN || primary == SQLITE_FULL ||
           primary == SQLITE_READONLY || primary == SQLITE_PERM)
    code = ROUNDS_STORE_ERROR_IO;
  else if (primary == SQLITE_CONSTRAINT)
    code = ROUNDS_STORE_ERROR_INVALID;

  g_debug ("%s failed: %s (%d)", what, db ? sqlite3_errmsg (db) : sqlite3_errstr (rc), rc);
  g_set_error (error, ROUNDS_STORE_ERROR, code, "%s: %s", what,
               db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  return FALSE;
}

static sqlite3_stmt *
prepare (RoundsStore  *self,
         const char   *sql,
         GError      **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (self, self->db, rc, error, "prepare");
      return NULL;
    }

  g_hash_table_insert (self->statements, (gpointer)sql, stmt);
  return stmt;
}

static gboolean
exec_simple (RoundsStore  *self,
             const char   *sql,
             GError      **error)
{
  sqlite3_stmt *stmt = prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return set_sqlite_error (self, self->db, rc, error, "statement");

  return TRUE;
}

static gboolean
begin (RoundsStore  *self,
       GError      **error)
{
  return exec_simple (self, "BEGIN IMMEDIATE", error);
}

static gboolean
commit (RoundsStore  *self,
        GError      **error)
{
  return exec_simple (self, "COMMIT", error);
}

static void
rollback (RoundsStore *self)
{
  if (!sqlite3_get_autocommit (self->db))
    exec_simple (self, "ROLLBACK", NULL);
}

static gboolean
step_done (RoundsStore   *self,
           sqlite3_stmt  *stmt,
           GError       **error,
           const char    *what)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return set_sqlite_error (self, self->db, rc, error, what);

  return TRUE;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           index)
{
  const char *text = (const char *)sqlite3_column_text (stmt, index);

  return text ? text : "";
}

static char *
strv_to_json (const char * const *strv)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    json_builder_add_string_value (builder, strv[i]);
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);

  return json_to_string (root, FALSE);
}

static GStrv
json_to_strv (const char *json,
              const char *member)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array;

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL) ||
      !JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
    return g_strv_builder_end (builder);

  array = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (member == NULL && JSON_NODE_HOLDS_VALUE (node) &&
          json_node_get_value_type (node) == G_TYPE_STRING)
        g_strv_builder_add (builder, json_node_get_string (node));
      else if (member != NULL && JSON_NODE_HOLDS_OBJECT (node))
        {
          JsonObject *obj = json_node_get_object (node);

          g_strv_builder_add (builder, json_object_get_string_member_with_default (obj, member,
                                                                                  ""));
        }
    }

  return g_strv_builder_end (builder);
}

/* ------------------------------------------------------------------ */
/* Files                                                                */

/**
 * rounds_store_dup_data_dir:
 *
 * Returns: (transfer full): `$ROUNDS_DATA_DIR`, else `$XDG_DATA_HOME/rounds`.
 */
char *
rounds_store_dup_data_dir (void)
{
  const char *dir = g_getenv ("ROUNDS_DATA_DIR");

  if (dir != NULL && *dir != '\0')
    return g_strdup (dir);

  return g_build_filename (g_get_user_data_dir (), "rounds", NULL);
}

char *
rounds_store_dup_default_path (void)
{
  g_autofree char *dir = rounds_store_dup_data_dir ();

  return g_build_filename (dir, "rounds.db", NULL);
}

char *
rounds_store_dup_sample_path (void)
{
  g_autofree char *dir = rounds_store_dup_data_dir ();

  return g_build_filename (dir, "sample.db", NULL);
}

static gboolean
ensure_private_file (const char  *path,
                     GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int errsv = errno;
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_IO,
                   _("Could not create the folder %s: %s"), dir, g_strerror (errsv));
      return FALSE;
    }

  fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int errsv = errno;
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_IO,
                   _("Could not open %s: %s"), path, g_strerror (errsv));
      return FALSE;
    }

  /* A file made by an older build or copied in may be readable by others:
   * patient-adjacent data is for this user only. */
  if (fchmod (fd, 0600) != 0)
    g_debug ("Could not tighten permissions: %s", g_strerror (errno));

  close (fd);
  return TRUE;
}

static char *
timestamp_for (RoundsClock *clock)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_utc (rounds_clock_get_now (clock));

  return g_date_time_format (now, "%Y%m%d-%H%M%S");
}

static char *
backup_dir_for (const char *db_path)
{
  g_autofree char *dir = g_path_get_dirname (db_path);

  return g_build_filename (dir, "backups", NULL);
}

static char *
backup_prefix_for (const char *db_path)
{
  g_autofree char *base = g_path_get_basename (db_path);
  char *dot = strrchr (base, '.');

  if (dot != NULL)
    *dot = '\0';

  return g_strconcat (base, "-", NULL);
}

#define BACKUP_STAMP_LEN 15  /* YYYYmmdd-HHMMSS */

/* After the stamp: ".db", or "-N.db" for the Nth more copy taken in the
 * same second (see backup_connection()). */
static guint64
backup_sequence (const char *stamp)
{
  if (strlen (stamp) > BACKUP_STAMP_LEN && stamp[BACKUP_STAMP_LEN] == '-')
    return g_ascii_strtoull (stamp + BACKUP_STAMP_LEN + 1, NULL, 10);

  return 0;
}

/* Newest first: by stamp, then by sequence number. A plain string order
 * would put "…-150000.db" before "…-150000-1.db" and "-9" before "-10". */
static int
compare_backups_newest_first (gconstpointer a,
                              gconstpointer b,
                              gpointer      user_data)
{
  gsize stamp_offset = GPOINTER_TO_SIZE (user_data);
  const char *sa = *(const char **)a + stamp_offset;
  const char *sb = *(const char **)b + stamp_offset;
  guint64 na, nb;
  int cmp = strncmp (sb, sa, BACKUP_STAMP_LEN);

  if (cmp != 0)
    return cmp;

  na = backup_sequence (sa);
  nb = backup_sequence (sb);
  return (nb > na) - (nb < na);
}

/**
 * rounds_store_list_backups:
 *
 * Returns: (transfer full): the backups of @db_path, newest first.
 */
GStrv
rounds_store_list_backups (const char *db_path)
{
  g_autofree char *dir = backup_dir_for (db_path);
  g_autofree char *prefix = backup_prefix_for (db_path);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      if (g_str_has_prefix (name, prefix) && g_str_has_suffix (name, ".db") &&
          g_ascii_isdigit (name[strlen (prefix)]))
        g_ptr_array_add (found, g_build_filename (dir, name, NULL));
    }

  /* Every path is DIR/PREFIXstamp…: compare from the stamp on. */
  g_ptr_array_sort_with_data (found, compare_backups_newest_first,
                              GSIZE_TO_POINTER (strlen (dir) + 1 + strlen (prefix)));
  g_ptr_array_add (found, NULL);

  return (GStrv)g_ptr_array_steal (found, NULL);
}

static gboolean
copy_database (sqlite3     *src,
               const char  *dest_path,
               GError     **error)
{
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  int rc;

  if (!ensure_private_file (dest_path, error))
    return FALSE;

  rc = sqlite3_open_v2 (dest_path, &dest, SQLITE_OPEN_READWRITE, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (NULL, dest, rc, error, _("Could not write the copy"));
      sqlite3_close (dest);
      return FALSE;
    }

  backup = sqlite3_backup_init (dest, "main", src, "main");
  if (backup == NULL)
    {
      set_sqlite_error (NULL, dest, sqlite3_errcode (dest), error, _("Could not write the copy"));
      sqlite3_close (dest);
      return FALSE;
    }

  do
    rc = sqlite3_backup_step (backup, 256);
  while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish (backup);

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (NULL, NULL, rc, error, _("Could not write the copy"));
      sqlite3_close (dest);
      return FALSE;
    }

  /* A copy must stand alone: no WAL beside it. */
  sqlite3_exec (dest, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL);
  sqlite3_close (dest);

  return TRUE;
}

static void
prune_backups (const char *db_path)
{
  g_auto(GStrv) backups = rounds_store_list_backups (db_path);
  guint n_backups = g_strv_length (backups);

  /* Never index past the end: with fewer backups than we keep, there is
   * nothing to remove. */
  for (guint i = ROUNDS_STORE_KEEP_BACKUPS; i < n_backups; i++)
    {
      if (g_unlink (backups[i]) != 0)
        g_debug ("Could not remove an old backup: %s", g_strerror (errno));
    }
}

static char *
backup_connection (sqlite3      *db,
                   const char   *db_path,
                   RoundsClock  *clock,
                   GError      **error)
{
  g_autofree char *dir = backup_dir_for (db_path);
  g_autofree char *prefix = backup_prefix_for (db_path);
  g_autofree char *stamp = timestamp_for (clock);
  g_autofree char *path = NULL;

  for (guint n = 0; path == NULL || g_file_test (path, G_FILE_TEST_EXISTS); n++)
    {
      g_autofree char *name = n == 0 ? g_strdup_printf ("%s%s.db", prefix, stamp)
                                     : g_strdup_printf ("%s%s-%u.db", prefix, stamp, n);
      g_free (path);
      path = g_build_filename (dir, name, NULL);
    }

  if (!copy_database (db, path, error))
    {
      g_unlink (path);
      return NULL;
    }

  prune_backups (db_path);
  g_debug ("Backup written (%s)", stamp);

  return g_steal_pointer (&path);
}

/* ------------------------------------------------------------------ */
/* Opening and migrating                                                */

static gboolean
read_user_version (sqlite3  *db,
                   int      *version,
                   GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      set_sqlite_error (NULL, db, rc, error, _("The data file cannot be read"));
      sqlite3_finalize (stmt);
      return FALSE;
    }

  *version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return TRUE;
}

static gboolean
check_integrity (sqlite3  *db,
                 GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;
  int rc;

  rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL);
  if (rc == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    ok = g_strcmp0 ((const char *)sqlite3_column_text (stmt, 0), "ok") == 0;
  sqlite3_finalize (stmt);

  if (!ok)
    g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_CORRUPT,
                 _("The data file is damaged"));
  return ok;
}

static gboolean
migrate (RoundsStore  *self,
         int           from,
         GError      **error)
{
  for (int v = from; v < ROUNDS_STORE_SCHEMA_VERSION; v++)
    {
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d", v + 1);
      char *errmsg = NULL;

      if (sqlite3_exec (self->db, "BEGIN IMMEDIATE", NULL, NULL, &errmsg) != SQLITE_OK ||
          sqlite3_exec (self->db, migrations[v], NULL, NULL, &errmsg) != SQLITE_OK ||
          sqlite3_exec (self->db, set_version, NULL, NULL, &errmsg) != SQLITE_OK ||
          sqlite3_exec (self->db, "COMMIT", NULL, NULL, &errmsg) != SQLITE_OK)
        {
          g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_FAILED,
                       _("Could not update the data file to version %d: %s"),
                       v + 1, errmsg ? errmsg : "");
          sqlite3_free (errmsg);
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
      g_debug ("Migrated schema %d → %d", v, v + 1);
    }

  return TRUE;
}

static gint64
backup_stamp_to_unix (const char *backup_path,
                      const char *db_path)
{
  g_autofree char *base = g_path_get_basename (backup_path);
  g_autofree char *prefix = backup_prefix_for (db_path);
  const char *s = base + strlen (prefix);
  int y, mo, d, h, mi, se;
  g_autoptr(GDateTime) dt = NULL;

  if (sscanf (s, "%4d%2d%2d-%2d%2d%2d", &y, &mo, &d, &h, &mi, &se) != 6)
    return 0;

  dt = g_date_time_new_utc (y, mo, d, h, mi, se);
  return dt ? g_date_time_to_unix (dt) : 0;
}

/* ------------------------------------------------------------------ */
/* Loading                                                              */

static RoundsPost *
post_from_row (sqlite3_stmt *stmt)
{
  RoundsPost *post = rounds_post_new ();
  RoundsPostStatus status = ROUNDS_POST_STATUS_DRAFT;

  rounds_post_status_from_string (column_text (stmt, 3), &status);

  _rounds_post_set_id (post, sqlite3_column_int64 (stmt, 0));
  rounds_post_set_title (post, column_text (stmt, 1));
  rounds_post_set_body (post, column_text (stmt, 2));
  _rounds_post_set_status (post, status);
  rounds_post_set_scheduled_at (post, sqlite3_column_int64 (stmt, 4));
  rounds_post_set_networks (post, rounds_networks_from_string (column_text (stmt, 5)));
  _rounds_post_set_last_error (post, (const char *)sqlite3_column_text (stmt, 6));
  _rounds_post_set_times (post, sqlite3_column_int64 (stmt, 7), sqlite3_column_int64 (stmt, 8));

  return post;
}

static RoundsComment *
comment_from_row (sqlite3_stmt *stmt)
{
  return g_object_new (ROUNDS_TYPE_COMMENT,
                       "id", sqlite3_column_int64 (stmt, 0),
                       "network", rounds_network_from_string (column_text (stmt, 1)),
                       "kind", g_str_equal (column_text (stmt, 2), "review")
                                 ? ROUNDS_COMMENT_KIND_REVIEW : ROUNDS_COMMENT_KIND_COMMENT,
                       "author", column_text (stmt, 3),
                       "body", column_text (stmt, 4),
                       "received-at", sqlite3_column_int64 (stmt, 5),
                       "post-id", sqlite3_column_int64 (stmt, 6),
                       "rating", sqlite3_column_int (stmt, 7),
                       "is-read", sqlite3_column_int (stmt, 8) != 0,
                       NULL);
}

static gboolean
load_all (RoundsStore  *self,
          GError      **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(GPtrArray) posts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) comments = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  stmt = prepare (self, "SELECT name, specialty, timezone, website, phones, emails, addresses,"
                        " staff, languages, allow FROM practice WHERE id = 1", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_auto(GStrv) phones = json_to_strv (column_text (stmt, 4), NULL);
      g_auto(GStrv) emails = json_to_strv (column_text (stmt, 5), NULL);
      g_auto(GStrv) addresses = json_to_strv (column_text (stmt, 6), NULL);
      g_auto(GStrv) staff_names = json_to_strv (column_text (stmt, 7), "name");
      g_auto(GStrv) staff_roles = json_to_strv (column_text (stmt, 7), "role");
      g_auto(GStrv) languages = json_to_strv (column_text (stmt, 8), NULL);
      g_auto(GStrv) allow = json_to_strv (column_text (stmt, 9), NULL);

      rounds_practice_set_name (self->practice, column_text (stmt, 0));
      rounds_practice_set_specialty (self->practice, column_text (stmt, 1));
      rounds_practice_set_timezone (self->practice, column_text (stmt, 2));
      rounds_practice_set_website (self->practice, column_text (stmt, 3));
      rounds_practice_set_phones (self->practice, (const char * const *)phones);
      rounds_practice_set_emails (self->practice, (const char * const *)emails);
      rounds_practice_set_addresses (self->practice, (const char * const *)addresses);
      rounds_practice_set_staff (self->practice, (const char * const *)staff_names,
                                 (const char * const *)staff_roles);
      rounds_practice_set_languages (self->practice, (const char * const *)languages);
      rounds_practice_set_allow (self->practice, (const char * const *)allow);
    }
  sqlite3_reset (stmt);

  stmt = prepare (self, "SELECT " POST_COLUMNS " FROM posts ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (posts, post_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return set_sqlite_error (self, self->db, rc, error, _("Could not read the posts"));

  stmt = prepare (self, "SELECT id, network, kind, author, body, received_at, post_id, rating,"
                        " is_read FROM comments ORDER BY received_at DESC, id DESC", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (comments, comment_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return set_sqlite_error (self, self->db, rc, error, _("Could not read the comments"));

  g_list_store_splice (self->posts, 0, g_list_model_get_n_items (G_LIST_MODEL (self->posts)),
                       posts->pdata, posts->len);
  g_list_store_splice (self->comments, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->comments)),
                       comments->pdata, comments->len);

  return TRUE;
}

/* ------------------------------------------------------------------ */
/* GObject                                                              */

static void
rounds_store_finalize (GObject *object)
{
  RoundsStore *self = (RoundsStore *)object;

  rounds_store_close (self);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->actor, g_free);
  g_clear_object (&self->clock);
  g_clear_object (&self->practice);
  g_clear_object (&self->posts);
  g_clear_object (&self->comments);

  G_OBJECT_CLASS (rounds_store_parent_class)->finalize (object);
}

static void
rounds_store_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  RoundsStore *self = ROUNDS_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_ACTOR:
      g_value_set_string (value, self->actor);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rounds_store_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  RoundsStore *self = ROUNDS_STORE (object);

  switch (prop_id)
    {
    case PROP_ACTOR:
      rounds_store_set_actor (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rounds_store_class_init (RoundsStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rounds_store_finalize;
  object_class->get_property = rounds_store_get_property;
  object_class->set_property = rounds_store_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACTOR] =
    g_param_spec_string ("actor", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RoundsStore::post-changed:
   * @post: the store's own post object, after the change
   *
   * Emitted after a post was saved, had its status changed, or was
   * restored. Additions and removals also show in the posts list model.
   */
  signals[POST_CHANGED] =
    g_signal_new ("post-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, ROUNDS_TYPE_POST);
  signals[PRACTICE_CHANGED] =
    g_signal_new ("practice-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[COMMENTS_CHANGED] =
    g_signal_new ("comments-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
rounds_store_init (RoundsStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                            (GDestroyNotify)sqlite3_finalize);
  self->practice = rounds_practice_new ();
  self->posts = g_list_store_new (ROUNDS_TYPE_POST);
  self->comments = g_list_store_new (ROUNDS_TYPE_COMMENT);
  self->actor = g_strdup (g_get_real_name ());
  if (g_str_equal (self->actor, "Unknown") || self->actor[0] == '\0')
    {
      g_free (self->actor);
      self->actor = g_strdup (g_get_user_name ());
    }
}

/* ------------------------------------------------------------------ */
/* Public API: opening                                                  */

/**
 * rounds_store_open:
 * @path: the database file; created (mode 0600) when missing
 * @clock: the clock that dates rows, backups and audit entries
 * @flags: %ROUNDS_STORE_OPEN_NO_BACKUPS for throw-away data (the sample)
 *
 * Opens, checks and migrates the database. A file written by a newer
 * Rounds fails with %ROUNDS_STORE_ERROR_NEWER_VERSION and is left exactly
 * as it was; a damaged file fails with %ROUNDS_STORE_ERROR_CORRUPT (see
 * rounds_store_restore_latest_backup()). Nothing is ever deleted here.
 */
RoundsStore *
rounds_store_open (const char            *path,
                   RoundsClock           *clock,
                   RoundsStoreOpenFlags   flags,
                   GError               **error)
{
  g_autoptr(RoundsStore) self = NULL;
  int version = 0;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (ROUNDS_IS_CLOCK (clock), NULL);

  if (!ensure_private_file (path, error))
    return NULL;

  self = g_object_new (ROUNDS_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->clock = g_object_ref (clock);
  self->flags = flags;

  rc = sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (self, self->db, rc, error, _("The data file cannot be opened"));
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, 5000);

  /* Read the version before anything writes: a newer file stays untouched. */
  if (!read_user_version (self->db, &version, error))
    {
      if (error != NULL && *error != NULL && (*error)->code != ROUNDS_STORE_ERROR_CORRUPT)
        {
          (*error)->code = ROUNDS_STORE_ERROR_CORRUPT;
        }
      return NULL;
    }

  if (version > ROUNDS_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_NEWER_VERSION,
                   _("This data was written by a newer version of Rounds (data version %d; "
                     "this version understands up to %d). Update Rounds to open it. "
                     "Nothing was changed."),
                   version, ROUNDS_STORE_SCHEMA_VERSION);
      return NULL;
    }

  if (!check_integrity (self->db, error))
    return NULL;

  if (sqlite3_exec (self->db,
                    "PRAGMA journal_mode = WAL;"
                    "PRAGMA synchronous = FULL;"
                    "PRAGMA foreign_keys = ON;",
                    NULL, NULL, NULL) != SQLITE_OK)
    {
      set_sqlite_error (self, self->db, sqlite3_errcode (self->db), error,
                        _("The data file cannot be opened"));
      return NULL;
    }

  if (version < ROUNDS_STORE_SCHEMA_VERSION)
    {
      if (version > 0 && !(flags & ROUNDS_STORE_OPEN_NO_BACKUPS))
        {
          g_autofree char *backup = backup_connection (self->db, path, clock, error);

          if (backup == NULL)
            {
              g_prefix_error (error, _("Not updating the data file without a backup: "));
              return NULL;
            }
        }

      if (!migrate (self, version, error))
        return NULL;
    }

  if (!rounds_store_maybe_daily_backup (self, error))
    return NULL;

  if (!load_all (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
rounds_store_get_path (RoundsStore *self)
{
  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);
  return self->path;
}

RoundsClock *
rounds_store_get_clock (RoundsStore *self)
{
  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);
  return self->clock;
}

int
rounds_store_get_schema_version (RoundsStore *self)
{
  int version = -1;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), -1);

  if (self->db != NULL)
    read_user_version (self->db, &version, NULL);

  return version;
}

const char *
rounds_store_get_actor (RoundsStore *self)
{
  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);
  return self->actor;
}

/**
 * rounds_store_set_actor:
 *
 * Sets who is named in audit entries from now on. %NULL or "" falls back
 * to the operating-system user.
 */
void
rounds_store_set_actor (RoundsStore *self,
                        const char  *actor)
{
  g_return_if_fail (ROUNDS_IS_STORE (self));

  if (actor == NULL || *actor == '\0')
    actor = g_get_user_name ();

  if (g_strcmp0 (self->actor, actor) == 0)
    return;

  g_free (self->actor);
  self->actor = g_strdup (actor);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTOR]);
}

/**
 * rounds_store_close:
 *
 * Finalizes statements and closes the database; the models keep their
 * last contents. Idempotent.
 */
void
rounds_store_close (RoundsStore *self)
{
  g_return_if_fail (ROUNDS_IS_STORE (self));

  if (self->db == NULL)
    return;

  g_hash_table_remove_all (self->statements);
  sqlite3_close_v2 (self->db);
  self->db = NULL;
}

static gboolean
ensure_open (RoundsStore  *self,
             GError      **error)
{
  if (self->db != NULL)
    return TRUE;

  g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_IO, _("The data file is closed"));
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* Practice                                                             */

RoundsPractice *
rounds_store_get_practice (RoundsStore *self)
{
  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);
  return self->practice;
}

static char *
staff_to_json (RoundsPractice *practice)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  const char * const *names = rounds_practice_get_staff_names (practice);
  const char * const *roles = rounds_practice_get_staff_roles (practice);
  guint n_roles = g_strv_length ((GStrv)roles);

  json_builder_begin_array (builder);
  for (guint i = 0; names[i] != NULL; i++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, names[i]);
      json_builder_set_member_name (builder, "role");
      json_builder_add_string_value (builder, i < n_roles ? roles[i] : "");
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);

  return json_to_string (root, FALSE);
}

/**
 * rounds_store_save_practice:
 * @practice: the new profile (may be the store's own object)
 *
 * Writes the practice profile and updates the store's own object, which
 * emits notify signals and then #RoundsStore::practice-changed.
 */
gboolean
rounds_store_save_practice (RoundsStore     *self,
                            RoundsPractice  *practice,
                            GError         **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *phones = NULL;
  g_autofree char *emails = NULL;
  g_autofree char *addresses = NULL;
  g_autofree char *staff = NULL;
  g_autofree char *languages = NULL;
  g_autofree char *allow = NULL;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);
  g_return_val_if_fail (ROUNDS_IS_PRACTICE (practice), FALSE);

  if (!ensure_open (self, error))
    return FALSE;

  phones = strv_to_json (rounds_practice_get_phones (practice));
  emails = strv_to_json (rounds_practice_get_emails (practice));
  addresses = strv_to_json (rounds_practice_get_addresses (practice));
  staff = staff_to_json (practice);
  languages = strv_to_json (rounds_practice_get_languages (practice));
  allow = strv_to_json (rounds_practice_get_allow (practice));

  stmt = prepare (self,
                  "INSERT INTO practice (id, name, specialty, timezone, website, phones, emails,"
                  " addresses, staff, languages, allow, updated_at)"
                  " VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
                  " ON CONFLICT (id) DO UPDATE SET name = ?1, specialty = ?2, timezone = ?3,"
                  " website = ?4, phones = ?5, emails = ?6, addresses = ?7, staff = ?8,"
                  " languages = ?9, allow = ?10, updated_at = ?11", error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, rounds_practice_get_name (practice));
  bind_text (stmt, 2, rounds_practice_get_specialty (practice));
  bind_text (stmt, 3, rounds_practice_get_timezone (practice));
  bind_text (stmt, 4, rounds_practice_get_website (practice));
  bind_text (stmt, 5, phones);
  bind_text (stmt, 6, emails);
  bind_text (stmt, 7, addresses);
  bind_text (stmt, 8, staff);
  bind_text (stmt, 9, languages);
  bind_text (stmt, 10, allow);
  sqlite3_bind_int64 (stmt, 11, rounds_clock_get_now (self->clock));

  if (!step_done (self, stmt, error, _("Could not save the practice profile")))
    return FALSE;

  if (practice != self->practice)
    rounds_practice_assign (self->practice, practice);

  g_signal_emit (self, signals[PRACTICE_CHANGED], 0);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Posts                                                                */

GListModel *
rounds_store_get_posts (RoundsStore *self)
{
  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);
  return G_LIST_MODEL (self->posts);
}

static gboolean
find_post (RoundsStore *self,
           gint64       id,
           guint       *position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->posts));
  guint lo = 0, hi = n;

  /* The list is kept in id order: binary search. */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      g_autoptr(RoundsPost) post = g_list_model_get_item (G_LIST_MODEL (self->posts), mid);
      gint64 mid_id = rounds_post_get_id (post);

      if (mid_id == id)
        {
          *position = mid;
          return TRUE;
        }
      if (mid_id < id)
        lo = mid + 1;
      else
        hi = mid;
    }

  *position = lo;
  return FALSE;
}

/**
 * rounds_store_lookup_post:
 *
 * Returns: (transfer none) (nullable): the store's own post with @id.
 */
RoundsPost *
rounds_store_lookup_post (RoundsStore *self,
                          gint64       id)
{
  guint position;
  g_autoptr(RoundsPost) post = NULL;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);

  if (!find_post (self, id, &position))
    return NULL;

  post = g_list_model_get_item (G_LIST_MODEL (self->posts), position);
  return post;  /* the list store keeps its own reference */
}

static gboolean
write_audit (RoundsStore  *self,
             const char   *entity_type,
             gint64        entity_id,
             const char   *action,
             const char   *from_state,
             const char   *to_state,
             const char   *reason,
             const char   *text_hash,
             GError      **error)
{
  sqlite3_stmt *stmt;

  stmt = prepare (self,
                  "INSERT INTO audit_log (at, actor, entity_type, entity_id, action, from_state,"
                  " to_state, reason, text_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, rounds_clock_get_now (self->clock));
  bind_text (stmt, 2, self->actor);
  bind_text (stmt, 3, entity_type);
  sqlite3_bind_int64 (stmt, 4, entity_id);
  bind_text (stmt, 5, action);
  bind_text (stmt, 6, from_state);
  bind_text (stmt, 7, to_state);
  bind_text (stmt, 8, reason);
  bind_text (stmt, 9, text_hash);

  return step_done (self, stmt, error, _("Could not write the audit log"));
}

gboolean
_rounds_store_write_audit (RoundsStore  *self,
                           const char   *entity_type,
                           gint64        entity_id,
                           const char   *action,
                           const char   *from_state,
                           const char   *to_state,
                           const char   *reason,
                           const char   *text_hash,
                           GError      **error)
{
  return write_audit (self, entity_type, entity_id, action, from_state, to_state, reason,
                      text_hash, error);
}

static gboolean
write_post_row (RoundsStore       *self,
                RoundsPost        *post,
                gint64             id,
                RoundsPostStatus   status,
                gint64             created_at,
                gint64             now,
                gint64            *out_id,
                GError           **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *networks = rounds_networks_to_string (rounds_post_get_networks (post));

  if (id == 0)
    stmt = prepare (self,
                    "INSERT INTO posts (title, body, status, scheduled_at, networks, last_error,"
                    " created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error);
  else
    stmt = prepare (self,
                    "INSERT INTO posts (title, body, status, scheduled_at, networks, last_error,"
                    " created_at, updated_at, id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
                    " ON CONFLICT (id) DO UPDATE SET title = ?1, body = ?2, status = ?3,"
                    " scheduled_at = ?4, networks = ?5, last_error = ?6, updated_at = ?8",
                    error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, rounds_post_get_title (post));
  bind_text (stmt, 2, rounds_post_get_body (post));
  bind_text (stmt, 3, rounds_post_status_to_string (status));
  if (rounds_post_get_scheduled_at (post) > 0)
    sqlite3_bind_int64 (stmt, 4, rounds_post_get_scheduled_at (post));
  else
    sqlite3_bind_null (stmt, 4);
  bind_text (stmt, 5, networks);
  bind_text (stmt, 6, rounds_post_get_last_error (post));
  sqlite3_bind_int64 (stmt, 7, created_at);
  sqlite3_bind_int64 (stmt, 8, now);
  if (id != 0)
    sqlite3_bind_int64 (stmt, 9, id);

  if (!step_done (self, stmt, error, _("Could not save the post")))
    return FALSE;

  *out_id = id != 0 ? id : sqlite3_last_insert_rowid (self->db);
  return TRUE;
}

/* Puts @post (a detached object) into the list as the store's own, or
 * updates the store's own object in place. Returns the store's object. */
static RoundsPost *
publish_post (RoundsStore *self,
              RoundsPost  *post)
{
  guint position;
  RoundsPost *own;

  if (find_post (self, rounds_post_get_id (post), &position))
    {
      own = rounds_store_lookup_post (self, rounds_post_get_id (post));
      if (own != post)
        rounds_post_assign (own, post);
    }
  else
    {
      own = rounds_post_copy (post);
      g_list_store_insert (self->posts, position, own);
      g_object_unref (own);
    }

  g_signal_emit (self, signals[POST_CHANGED], 0, own);
  return own;
}

static RoundsPost *
save_post_full (RoundsStore       *self,
                RoundsPost        *post,
                gboolean           force_status,
                RoundsPostStatus   forced_status,
                const char        *reason,
                GError           **error)
{
  g_autoptr(RoundsPost) result = rounds_post_copy (post);
  RoundsPost *existing = NULL;
  RoundsPostStatus status = rounds_post_get_status (post);
  RoundsPostStatus old_status = status;
  gint64 now = rounds_clock_get_now (self->clock);
  gint64 created_at = now;
  gint64 id = rounds_post_get_id (post);
  gint64 new_id = 0;
  g_autofree char *hash = rounds_post_dup_text_hash (post);
  const char *back_to_review = NULL;

  if (id != 0 && !force_status)
    {
      existing = rounds_store_lookup_post (self, id);
      if (existing == NULL)
        {
          g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_NOT_FOUND,
                       _("This post no longer exists"));
          return NULL;
        }
      old_status = status = rounds_post_get_status (existing);
      created_at = rounds_post_get_created_at (existing);

      /* Approval covers the exact text: a change sends the post back. */
      if ((status == ROUNDS_POST_STATUS_APPROVED || status == ROUNDS_POST_STATUS_SCHEDULED ||
           status == ROUNDS_POST_STATUS_DUE) &&
          (g_strcmp0 (rounds_post_get_body (existing), rounds_post_get_body (post)) != 0 ||
           g_strcmp0 (rounds_post_get_title (existing), rounds_post_get_title (post)) != 0))
        {
          status = ROUNDS_POST_STATUS_IN_REVIEW;
          back_to_review = _("Text changed after approval");
        }
    }
  else if (force_status)
    {
      status = old_status = forced_status;
      if (id != 0 && rounds_post_get_created_at (post) > 0)
        created_at = rounds_post_get_created_at (post);
    }
  else
    {
      status = old_status = ROUNDS_POST_STATUS_DRAFT;
    }

  if (!begin (self, error))
    return NULL;

  if (!write_post_row (self, post, id, status, created_at, now, &new_id, error))
    goto fail;

  if (existing == NULL &&
      !write_audit (self, "post", new_id, force_status ? "imported" : "created", NULL,
                    rounds_post_status_to_string (status), reason, hash, error))
    goto fail;

  if (back_to_review != NULL &&
      !write_audit (self, "post", new_id, "status", rounds_post_status_to_string (old_status),
                    rounds_post_status_to_string (status), back_to_review, hash, error))
    goto fail;

  if (!commit (self, error))
    goto fail;

  _rounds_post_set_id (result, new_id);
  _rounds_post_set_status (result, status);
  _rounds_post_set_times (result, created_at, now);

  return publish_post (self, result);

fail:
  rollback (self);
  return NULL;
}

/**
 * rounds_store_save_post:
 * @post: a post; id 0 creates a new draft
 *
 * Saves the post's text, networks and time. The status is not taken from
 * @post (it changes only through rounds_store_set_post_status()), except
 * that a text change to an approved or scheduled post sends it back to
 * review, with an audit entry.
 *
 * Returns: (transfer none): the store's own post, or %NULL on error.
 */
RoundsPost *
rounds_store_save_post (RoundsStore  *self,
                        RoundsPost   *post,
                        GError      **error)
{
  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);
  g_return_val_if_fail (ROUNDS_IS_POST (post), NULL);

  if (!ensure_open (self, error))
    return NULL;

  return save_post_full (self, post, FALSE, 0, NULL, error);
}

/**
 * rounds_store_import_post:
 * @status: the status the post arrives in
 * @reason: (nullable): why, for the audit log ("Sample practice", "CSV import")
 *
 * Adds a post that was made elsewhere (the sample practice, an import)
 * directly in @status; the audit log records it as imported.
 *
 * Returns: (transfer none): the store's own post, or %NULL on error.
 */
RoundsPost *
rounds_store_import_post (RoundsStore       *self,
                          RoundsPost        *post,
                          RoundsPostStatus   status,
                          const char        *reason,
                          GError           **error)
{
  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);
  g_return_val_if_fail (ROUNDS_IS_POST (post), NULL);
  g_return_val_if_fail (rounds_post_get_id (post) == 0, NULL);

  if (!ensure_open (self, error))
    return NULL;

  return save_post_full (self, post, TRUE, status, reason, error);
}

/**
 * rounds_store_delete_post:
 *
 * Deletes a post (comments on it keep their text, unlinked). The audit
 * log keeps its history and records the deletion.
 */
gboolean
rounds_store_delete_post (RoundsStore  *self,
                          gint64        id,
                          GError      **error)
{
  sqlite3_stmt *stmt;
  guint position;
  RoundsPost *existing;
  g_autofree char *hash = NULL;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);

  if (!ensure_open (self, error))
    return FALSE;

  existing = rounds_store_lookup_post (self, id);
  if (existing == NULL)
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_NOT_FOUND,
                   _("This post no longer exists"));
      return FALSE;
    }
  hash = rounds_post_dup_text_hash (existing);

  if (!begin (self, error))
    return FALSE;

  stmt = prepare (self, "DELETE FROM posts WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!step_done (self, stmt, error, _("Could not delete the post")))
    goto fail;

  if (!write_audit (self, "post", id, "deleted",
                    rounds_post_status_to_string (rounds_post_get_status (existing)), NULL,
                    NULL, hash, error))
    goto fail;

  if (!commit (self, error))
    goto fail;

  if (find_post (self, id, &position))
    g_list_store_remove (self->posts, position);

  return TRUE;

fail:
  rollback (self);
  return FALSE;
}

/**
 * rounds_store_restore_post:
 * @deleted: a copy of the post taken before rounds_store_delete_post()
 *
 * Undoes a deletion: the post comes back with its id, status and times.
 *
 * Returns: (transfer none): the store's own post, or %NULL on error.
 */
RoundsPost *
rounds_store_restore_post (RoundsStore  *self,
                           RoundsPost   *deleted,
                           GError      **error)
{
  g_autoptr(RoundsPost) result = NULL;
  gint64 id;
  gint64 now;
  gint64 new_id = 0;
  g_autofree char *hash = NULL;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);
  g_return_val_if_fail (ROUNDS_IS_POST (deleted), NULL);

  if (!ensure_open (self, error))
    return NULL;

  id = rounds_post_get_id (deleted);
  if (id == 0 || rounds_store_lookup_post (self, id) != NULL)
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID,
                   _("This post was not deleted"));
      return NULL;
    }

  now = rounds_clock_get_now (self->clock);
  hash = rounds_post_dup_text_hash (deleted);

  if (!begin (self, error))
    return NULL;

  if (!write_post_row (self, deleted, id, rounds_post_get_status (deleted),
                       rounds_post_get_created_at (deleted), now, &new_id, error) ||
      !write_audit (self, "post", id, "restored", NULL,
                    rounds_post_status_to_string (rounds_post_get_status (deleted)),
                    NULL, hash, error) ||
      !commit (self, error))
    {
      rollback (self);
      return NULL;
    }

  result = rounds_post_copy (deleted);
  _rounds_post_set_times (result, rounds_post_get_created_at (deleted), now);

  return publish_post (self, result);
}

/**
 * rounds_post_status_can_change:
 *
 * The allowed moves of the post life cycle (DESIGN.md §4).
 */
gboolean
rounds_post_status_can_change (RoundsPostStatus from,
                               RoundsPostStatus to)
{
  static const guint16 allowed[] = {
#define B(s) (1u << ROUNDS_POST_STATUS_##s)
    [ROUNDS_POST_STATUS_DRAFT]      = B (IN_REVIEW) | B (CANCELLED),
    [ROUNDS_POST_STATUS_IN_REVIEW]  = B (DRAFT) | B (APPROVED) | B (CANCELLED),
    [ROUNDS_POST_STATUS_APPROVED]   = B (SCHEDULED) | B (IN_REVIEW) | B (DRAFT) | B (CANCELLED),
    [ROUNDS_POST_STATUS_SCHEDULED]  = B (DUE) | B (PUBLISHING) | B (APPROVED) | B (IN_REVIEW) |
                                      B (CANCELLED),
    [ROUNDS_POST_STATUS_DUE]        = B (PUBLISHED) | B (SCHEDULED) | B (CANCELLED),
    [ROUNDS_POST_STATUS_PUBLISHING] = B (PUBLISHED) | B (FAILED),
    [ROUNDS_POST_STATUS_PUBLISHED]  = 0,
    [ROUNDS_POST_STATUS_FAILED]     = B (SCHEDULED) | B (PUBLISHING) | B (DRAFT) | B (CANCELLED),
    [ROUNDS_POST_STATUS_CANCELLED]  = B (DRAFT),
#undef B
  };

  if (from > ROUNDS_POST_STATUS_LAST || to > ROUNDS_POST_STATUS_LAST)
    return FALSE;

  return (allowed[from] & (1u << to)) != 0;
}

/**
 * rounds_store_set_post_status:
 * @reason: (nullable): why, for the audit log
 *
 * Moves a post along its life cycle and appends the change to the audit
 * log (who, when, from → to, reason, SHA-256 of the text), in one
 * transaction: either both are written or neither is.
 */
gboolean
rounds_store_set_post_status (RoundsStore       *self,
                              gint64             id,
                              RoundsPostStatus   status,
                              const char        *reason,
                              GError           **error)
{
  RoundsPost *post;
  RoundsPostStatus from;
  sqlite3_stmt *stmt;
  g_autofree char *hash = NULL;
  gint64 now;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);
  g_return_val_if_fail (status <= ROUNDS_POST_STATUS_LAST, FALSE);

  if (!ensure_open (self, error))
    return FALSE;

  post = rounds_store_lookup_post (self, id);
  if (post == NULL)
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_NOT_FOUND,
                   _("This post no longer exists"));
      return FALSE;
    }

  from = rounds_post_get_status (post);
  if (from == status)
    return TRUE;

  if (!rounds_post_status_can_change (from, status))
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID,
                   _("A post that is “%s” cannot become “%s”"),
                   rounds_post_status_get_label (from), rounds_post_status_get_label (status));
      return FALSE;
    }

  hash = rounds_post_dup_text_hash (post);
  now = rounds_clock_get_now (self->clock);

  if (!begin (self, error))
    return FALSE;

  stmt = prepare (self, "UPDATE posts SET status = ?, updated_at = ? WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  bind_text (stmt, 1, rounds_post_status_to_string (status));
  sqlite3_bind_int64 (stmt, 2, now);
  sqlite3_bind_int64 (stmt, 3, id);
  if (!step_done (self, stmt, error, _("Could not change the post")))
    goto fail;

  if (!write_audit (self, "post", id, "status", rounds_post_status_to_string (from),
                    rounds_post_status_to_string (status), reason, hash, error))
    goto fail;

  if (!commit (self, error))
    goto fail;

  _rounds_post_set_status (post, status);
  _rounds_post_set_times (post, rounds_post_get_created_at (post), now);
  g_signal_emit (self, signals[POST_CHANGED], 0, post);

  return TRUE;

fail:
  rollback (self);
  return FALSE;
}

/**
 * rounds_store_list_posts_between:
 *
 * Returns: (transfer full) (element-type RoundsPost): the store's own
 *   posts scheduled in [@from_utc, @to_utc), by time, read through the
 *   time index.
 */
GPtrArray *
rounds_store_list_posts_between (RoundsStore  *self,
                                 gint64        from_utc,
                                 gint64        to_utc,
                                 GError      **error)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);

  if (!ensure_open (self, error))
    return NULL;

  stmt = prepare (self, "SELECT id FROM posts WHERE scheduled_at >= ? AND scheduled_at < ?"
                        " ORDER BY scheduled_at, id", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, from_utc);
  sqlite3_bind_int64 (stmt, 2, to_utc);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RoundsPost *post = rounds_store_lookup_post (self, sqlite3_column_int64 (stmt, 0));

      if (post != NULL)
        g_ptr_array_add (result, g_object_ref (post));
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, self->db, rc, error, _("Could not read the posts"));
      return NULL;
    }

  return g_steal_pointer (&result);
}

/* ------------------------------------------------------------------ */
/* Comments                                                             */

GListModel *
rounds_store_get_comments (RoundsStore *self)
{
  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);
  return G_LIST_MODEL (self->comments);
}

/**
 * rounds_store_add_comment:
 * @post_id: the post it answers, or 0 (reviews)
 * @rating: 1–5 stars for a review, 0 otherwise
 *
 * Returns: the new comment's id, or 0 on error.
 */
gint64
rounds_store_add_comment (RoundsStore        *self,
                          RoundsNetwork       network,
                          RoundsCommentKind   kind,
                          const char         *author,
                          const char         *body,
                          gint64              received_at,
                          gint64              post_id,
                          int                 rating,
                          GError            **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(RoundsComment) comment = NULL;
  gint64 id;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), 0);

  if (!ensure_open (self, error))
    return 0;

  stmt = prepare (self,
                  "INSERT INTO comments (network, kind, author, body, received_at, post_id,"
                  " rating) VALUES (?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return 0;

  bind_text (stmt, 1, rounds_network_to_string (network));
  bind_text (stmt, 2, kind == ROUNDS_COMMENT_KIND_REVIEW ? "review" : "comment");
  bind_text (stmt, 3, author ? author : "");
  bind_text (stmt, 4, body ? body : "");
  sqlite3_bind_int64 (stmt, 5, received_at);
  if (post_id > 0)
    sqlite3_bind_int64 (stmt, 6, post_id);
  else
    sqlite3_bind_null (stmt, 6);
  sqlite3_bind_int (stmt, 7, CLAMP (rating, 0, 5));

  if (!step_done (self, stmt, error, _("Could not save the comment")))
    return 0;

  id = sqlite3_last_insert_rowid (self->db);
  comment = g_object_new (ROUNDS_TYPE_COMMENT,
                          "id", id, "network", network, "kind", kind,
                          "author", author ? author : "", "body", body ? body : "",
                          "received-at", received_at, "post-id", MAX (post_id, 0),
                          "rating", CLAMP (rating, 0, 5), NULL);

  /* Newest first. */
  {
    guint n = g_list_model_get_n_items (G_LIST_MODEL (self->comments));
    guint pos = 0;

    while (pos < n)
      {
        g_autoptr(RoundsComment) other = g_list_model_get_item (G_LIST_MODEL (self->comments), pos);

        if (rounds_comment_get_received_at (other) <= received_at)
          break;
        pos++;
      }
    g_list_store_insert (self->comments, pos, comment);
  }

  g_signal_emit (self, signals[COMMENTS_CHANGED], 0);
  return id;
}

/* ------------------------------------------------------------------ */
/* Audit                                                                */

/**
 * rounds_store_list_audit:
 * @entity_type: "post", "practice", …
 *
 * Returns: (transfer full): the entity's history, oldest first.
 */
GListModel *
rounds_store_list_audit (RoundsStore  *self,
                         const char   *entity_type,
                         gint64        entity_id,
                         GError      **error)
{
  g_autoptr(GListStore) entries = g_list_store_new (ROUNDS_TYPE_AUDIT_ENTRY);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);

  if (!ensure_open (self, error))
    return NULL;

  stmt = prepare (self, "SELECT id, at, actor, entity_type, entity_id, action, from_state,"
                        " to_state, reason, text_sha256 FROM audit_log"
                        " WHERE entity_type = ? AND entity_id = ? ORDER BY id", error);
  if (stmt == NULL)
    return NULL;

  bind_text (stmt, 1, entity_type);
  sqlite3_bind_int64 (stmt, 2, entity_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(RoundsAuditEntry) entry =
        g_object_new (ROUNDS_TYPE_AUDIT_ENTRY,
                      "id", sqlite3_column_int64 (stmt, 0),
                      "at", sqlite3_column_int64 (stmt, 1),
                      "actor", column_text (stmt, 2),
                      "entity-type", column_text (stmt, 3),
                      "entity-id", sqlite3_column_int64 (stmt, 4),
                      "action", column_text (stmt, 5),
                      "from-state", (const char *)sqlite3_column_text (stmt, 6),
                      "to-state", (const char *)sqlite3_column_text (stmt, 7),
                      "reason", (const char *)sqlite3_column_text (stmt, 8),
                      "text-hash", (const char *)sqlite3_column_text (stmt, 9),
                      NULL);
      g_list_store_append (entries, entry);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, self->db, rc, error, _("Could not read the history"));
      return NULL;
    }

  return G_LIST_MODEL (g_steal_pointer (&entries));
}

/* ------------------------------------------------------------------ */
/* Backups                                                              */

/**
 * rounds_store_backup:
 *
 * Copies the open database with SQLite's online backup API into
 * `backups/` beside it (mode 0600), keeping the newest
 * %ROUNDS_STORE_KEEP_BACKUPS copies.
 *
 * Returns: (transfer full): the backup's path, or %NULL on error.
 */
char *
rounds_store_backup (RoundsStore  *self,
                     GError      **error)
{
  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);

  if (!ensure_open (self, error))
    return NULL;

  return backup_connection (self->db, self->path, self->clock, error);
}

/**
 * rounds_store_maybe_daily_backup:
 *
 * Takes a backup when the newest one is a day old or there is none.
 * Does nothing for stores opened with %ROUNDS_STORE_OPEN_NO_BACKUPS.
 */
gboolean
rounds_store_maybe_daily_backup (RoundsStore  *self,
                                 GError      **error)
{
  g_auto(GStrv) backups = NULL;
  g_autofree char *path = NULL;
  gint64 now;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);

  if (self->flags & ROUNDS_STORE_OPEN_NO_BACKUPS)
    return TRUE;

  backups = rounds_store_list_backups (self->path);
  now = rounds_clock_get_now (self->clock);

  if (backups[0] != NULL)
    {
      gint64 last = backup_stamp_to_unix (backups[0], self->path);

      /* A backup from the future means the clock was moved back: keep
       * the daily rhythm from now on rather than never again. */
      if (last <= now && now - last < 24 * 60 * 60)
        return TRUE;
    }

  path = rounds_store_backup (self, error);
  return path != NULL;
}

static gboolean
rename_if_exists (const char  *from,
                  const char  *to,
                  GError     **error)
{
  if (!g_file_test (from, G_FILE_TEST_EXISTS))
    return TRUE;

  if (g_rename (from, to) != 0)
    {
      int errsv = errno;
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_IO,
                   _("Could not move %s aside: %s"), from, g_strerror (errsv));
      return FALSE;
    }

  return TRUE;
}

/**
 * rounds_store_move_aside:
 *
 * Renames a database that cannot be used (and its -wal and -shm files) to
 * `NAME.damaged-STAMP`, so that a fresh or restored one can take its
 * place without anything being deleted. The store must not be open.
 *
 * Returns: (transfer full): the new path of the old file.
 */
char *
rounds_store_move_aside (const char  *db_path,
                         GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *target = g_strdup_printf ("%s.damaged-%s", db_path, stamp);
  static const char *suffixes[] = { "-wal", "-shm" };

  for (guint n = 2; g_file_test (target, G_FILE_TEST_EXISTS); n++)
    {
      g_free (target);
      target = g_strdup_printf ("%s.damaged-%s-%u", db_path, stamp, n);
    }

  if (!rename_if_exists (db_path, target, error))
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (db_path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (target, suffixes[i], NULL);

      if (!rename_if_exists (from, to, error))
        return NULL;
    }

  return g_steal_pointer (&target);
}

/**
 * rounds_store_restore_latest_backup:
 *
 * Moves the current file aside (never deletes it) and puts the newest
 * backup that passes an integrity check in its place.
 *
 * Returns: (transfer full): the path of the backup that was restored.
 */
char *
rounds_store_restore_latest_backup (const char  *db_path,
                                    GError     **error)
{
  g_auto(GStrv) backups = rounds_store_list_backups (db_path);

  for (guint i = 0; backups[i] != NULL; i++)
    {
      sqlite3 *src = NULL;
      g_autofree char *aside = NULL;
      g_autoptr(GError) local_error = NULL;
      int rc;

      rc = sqlite3_open_v2 (backups[i], &src, SQLITE_OPEN_READONLY, NULL);
      if (rc != SQLITE_OK || !check_integrity (src, NULL))
        {
          g_debug ("Skipping an unusable backup");
          sqlite3_close (src);
          continue;
        }

      if (g_file_test (db_path, G_FILE_TEST_EXISTS))
        {
          aside = rounds_store_move_aside (db_path, error);
          if (aside == NULL)
            {
              sqlite3_close (src);
              return NULL;
            }
        }

      if (!copy_database (src, db_path, &local_error))
        {
          sqlite3_close (src);
          /* Put the original back rather than leave nothing. */
          if (aside != NULL)
            {
              g_unlink (db_path);
              g_rename (aside, db_path);
            }
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }

      sqlite3_close (src);
      return g_strdup (backups[i]);
    }

  g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_NO_BACKUP,
               _("There is no usable backup of this data"));
  return NULL;
}

/* ------------------------------------------------------------------ */
/* For the feature files (rounds-store-*.c), see rounds-store-private.h */

sqlite3_stmt *
_rounds_store_prepare (RoundsStore  *self,
                       const char   *sql,
                       GError      **error)
{
  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);

  if (!ensure_open (self, error))
    return NULL;

  return prepare (self, sql, error);
}

gboolean
_rounds_store_begin (RoundsStore  *self,
                     GError      **error)
{
  if (!ensure_open (self, error))
    return FALSE;

  return begin (self, error);
}

gboolean
_rounds_store_commit (RoundsStore  *self,
                      GError      **error)
{
  return commit (self, error);
}

void
_rounds_store_rollback (RoundsStore *self)
{
  if (self->db != NULL)
    rollback (self);
}

gboolean
_rounds_store_step_done (RoundsStore   *self,
                         sqlite3_stmt  *stmt,
                         GError       **error,
                         const char    *what)
{
  return step_done (self, stmt, error, what);
}

gboolean
_rounds_store_set_error (RoundsStore  *self,
                         int           rc,
                         GError      **error,
                         const char   *what)
{
  return set_sqlite_error (self, self->db, rc, error, what);
}

void
_rounds_store_bind_text (sqlite3_stmt *stmt,
                         int           index,
                         const char   *text)
{
  bind_text (stmt, index, text);
}

const char *
_rounds_store_column_text (sqlite3_stmt *stmt,
                           int           index)
{
  return column_text (stmt, index);
}

sqlite3_int64
_rounds_store_last_insert_rowid (RoundsStore *self)
{
  return sqlite3_last_insert_rowid (self->db);
}

void
_rounds_store_emit_post_changed (RoundsStore *self,
                                 RoundsPost  *post)
{
  g_signal_emit (self, signals[POST_CHANGED], 0, post);
}

gboolean
_rounds_store_insert_post_row (RoundsStore       *self,
                               RoundsPost        *post,
                               RoundsPostStatus   status,
                               const char        *reason,
                               gint64            *out_id,
                               GError           **error)
{
  gint64 now = rounds_clock_get_now (self->clock);
  g_autofree char *hash = rounds_post_dup_text_hash (post);

  if (!write_post_row (self, post, 0, status, now, now, out_id, error))
    return FALSE;

  return write_audit (self, "post", *out_id, "imported", NULL,
                      rounds_post_status_to_string (status), reason, hash, error);
}

RoundsPost *
_rounds_store_add_post (RoundsStore       *self,
                        RoundsPost        *post,
                        gint64             id,
                        RoundsPostStatus   status)
{
  g_autoptr(RoundsPost) result = rounds_post_copy (post);
  gint64 now = rounds_clock_get_now (self->clock);

  _rounds_post_set_id (result, id);
  _rounds_post_set_status (result, status);
  _rounds_post_set_times (result, now, now);

  return publish_post (self, result);
}
