/* rounds-store.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <glib-unix.h>
#include <sqlite3.h>

#include "rounds-db.h"
#include "rounds-store.h"
#include "rounds-store-private.h"
#include "rounds-store-post-list.h"

/* The local SQLite store: one file per practice, mode 0600, WAL, foreign
 * keys on. The schema is versioned with PRAGMA user_version and migrated
 * forward, one transaction per step, after a backup copy. Posts are read
 * when asked for (never all at open); comments reach the UI as a GListModel
 * that the store keeps current, and both are announced by signals, so
 * views redraw from signals and never poll or run SQL themselves.
 *
 * Nothing here logs user text: only ids, counts and SQLite's own messages,
 * which carry no row contents. */


/* How long a statement waits for another program's lock before the user
 * is told the practice is in use (ROUNDS_STORE_ERROR_BUSY, Try Again). */
#define STORE_BUSY_TIMEOUT_MS 5000

G_DEFINE_FINAL_TYPE (RoundsStore, rounds_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (rounds-store-error-quark, rounds_store_error)

enum {
  PROP_0,
  PROP_PATH,
  PROP_ACTOR,
  PROP_ONLINE,
  PROP_OFFLINE_REASON,
  N_PROPS
};

enum {
  POST_CHANGED,
  ROW_CHANGED,
  POST_REMOVED,
  POSTS_IMPORTED,
  PRACTICE_CHANGED,
  COMMENTS_CHANGED,
  COMMENT_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

RoundsStoreServerHook _rounds_store_server_hook = NULL;

/* ------------------------------------------------------------------ */
/* Statement helpers                                                    */

static gboolean
set_store_error (const char  *message,
                 int          rc,
                 GError     **error,
                 const char  *what)
{
  int code = ROUNDS_STORE_ERROR_FAILED;
  int primary = rc & 0xff;

  /* Only these mean the file itself is damaged. Busy or locked means
   * another program holds it (try again later); the I/O codes mean the
   * folder or the disk refused (read-only, no permission, full): the file
   * is fine and must never be treated as damaged. */
  if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB)
    code = ROUNDS_STORE_ERROR_CORRUPT;
  else if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
    code = ROUNDS_STORE_ERROR_BUSY;
  else if (primary == SQLITE_IOERR || primary == SQLITE_CANTOPEN || primary == SQLITE_FULL ||
           primary == SQLITE_READONLY || primary == SQLITE_PERM || primary == SQLITE_AUTH)
    code = ROUNDS_STORE_ERROR_IO;
  else if (primary == SQLITE_CONSTRAINT)
    code = ROUNDS_STORE_ERROR_INVALID;

  if (rc == ROUNDS_DB_IOERR_OFFLINE)
    {
      g_debug ("%s failed, the server cannot be reached: %s", what, message);
      g_set_error_literal (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_OFFLINE,
                           _("The practice server cannot be reached, so nothing was saved."));
      return FALSE;
    }

  g_debug ("%s failed: %s (%d)", what, message, rc);
  g_set_error (error, ROUNDS_STORE_ERROR, code, "%s: %s", what, message);
  return FALSE;
}

gboolean
_rounds_store_sqlite_error (sqlite3     *db,
                            int          rc,
                            GError     **error,
                            const char  *what)
{
  return set_store_error (db ? sqlite3_errmsg (db) : sqlite3_errstr (rc), rc, error, what);
}

/* A connection of its own for a worker thread: the practice file read
 * only, or the practice server. @read_error says what could not be
 * read; a server that cannot be reached is ROUNDS_STORE_ERROR_OFFLINE. */
RoundsDb *
_rounds_store_open_reader (const char  *path,
                           const char  *conninfo,
                           const char  *read_error,
                           GError     **error)
{
  sqlite3 *handle = NULL;
  int rc;

  if (conninfo != NULL)
    {
      g_autoptr(GError) connect_error = NULL;
      RoundsDb *db = rounds_db_open_postgresql (conninfo, &connect_error);

      if (db == NULL)
        g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_OFFLINE,
                     _("Could not connect to the practice server: %s"), connect_error->message);
      return db;
    }

  rc = sqlite3_open_v2 (path, &handle, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOFOLLOW, NULL);
  if (rc != SQLITE_OK)
    {
      _rounds_store_sqlite_error (handle, rc, error, _(read_error));
      sqlite3_close (handle);
      return NULL;
    }
  sqlite3_busy_timeout (handle, 5000);
  return rounds_db_new_sqlite (handle);
}

/* The same for either engine: on a server, the codes are those
 * rounds-db.c maps the SQLSTATE to. */
gboolean
_rounds_store_db_error (RoundsDb    *db,
                        int          rc,
                        GError     **error,
                        const char  *what)
{
  return set_store_error (db ? rounds_db_errmsg (db) : rounds_db_errstr (rc), rc, error, what);
}

static RoundsDbStmt *
prepare (RoundsStore  *self,
         const char   *sql,
         GError      **error)
{
  RoundsDbStmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt != NULL)
    {
      rounds_db_reset (stmt);
      rounds_db_clear_bindings (stmt);
      return stmt;
    }

  rc = rounds_db_prepare_v3 (self->db, sql, -1, ROUNDS_DB_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != ROUNDS_DB_OK)
    {
      _rounds_store_db_error (self->db, rc, error, "prepare");
      return NULL;
    }

  /* Keyed on the statement's own copy of its text, which lives as long
   * as the statement: a caller may pass SQL it built and frees. */
  g_hash_table_insert (self->statements, (gpointer)rounds_db_sql (stmt), stmt);
  return stmt;
}

static gboolean
exec_simple (RoundsStore  *self,
             const char   *sql,
             GError      **error)
{
  RoundsDbStmt *stmt = prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  rc = rounds_db_step (stmt);
  rounds_db_reset (stmt);
  if (rc != ROUNDS_DB_DONE && rc != ROUNDS_DB_ROW)
    return _rounds_store_db_error (self->db, rc, error, "statement");

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
  if (!rounds_db_get_autocommit (self->db))
    exec_simple (self, "ROLLBACK", NULL);
}

static gboolean
step_done (RoundsStore   *self,
           RoundsDbStmt  *stmt,
           GError       **error,
           const char    *what)
{
  int rc = rounds_db_step (stmt);

  rounds_db_reset (stmt);
  if (rc != ROUNDS_DB_DONE)
    return _rounds_store_db_error (self->db, rc, error, what);

  return TRUE;
}

void
_rounds_store_bind_text (RoundsDbStmt *stmt,
                         int           index,
                         const char   *text)
{
  if (text == NULL)
    rounds_db_bind_null (stmt, index);
  else
    rounds_db_bind_text (stmt, index, text, -1, ROUNDS_DB_TRANSIENT);
}

void
_rounds_store_bind_ids (RoundsDbStmt *stmt,
                        const gint64 *ids,
                        guint         n,
                        guint         max)
{
  for (guint i = 0; i < max; i++)
    {
      if (i < n)
        rounds_db_bind_int64 (stmt, i + 1, ids[i]);
      else
        rounds_db_bind_null (stmt, i + 1);
    }
}

const char *
_rounds_store_column_text (RoundsDbStmt *stmt,
                           int           index)
{
  const char *text = (const char *)rounds_db_column_text (stmt, index);

  return text ? text : "";
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

gboolean
_rounds_store_ensure_private_file (const char  *path,
                                   GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  GStatBuf st;
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int errsv = errno;
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_IO,
                   _("Could not create the folder %s: %s"), dir, g_strerror (errsv));
      return FALSE;
    }

  /* A folder that others can read (made by an older build, copied, or
   * under a lax umask) is made private: backups and media live there. */
  if (g_stat (dir, &st) == 0 && S_ISDIR (st.st_mode) && st.st_uid == getuid () &&
      (st.st_mode & 077) != 0)
    {
      if (g_chmod (dir, 0700) != 0)
        g_debug ("Could not tighten the data folder's permissions: %s", g_strerror (errno));
    }

  /* A symbolic link is refused before anything follows it: opening it
   * would create, or make private, whatever file it points to. */
  if (g_lstat (path, &st) == 0 && S_ISLNK (st.st_mode))
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_IO,
                   _("%s is a symbolic link. Rounds keeps its data in a real file and does not "
                     "follow links: replace the link with the file it points to."), path);
      return FALSE;
    }

  fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
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

/* ------------------------------------------------------------------ */
/* Opening                                                              */

/* Whether the file holds any schema at all: a 0-byte file and a bare
 * SQLite header both have none. An error counts as "has tables": then
 * the checks that follow report it. */
static gboolean
has_tables (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  gboolean found = TRUE;

  if (sqlite3_prepare_v2 (db, "SELECT count(*) FROM sqlite_master", -1, &stmt, NULL) ==
        SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    found = sqlite3_column_int (stmt, 0) > 0;
  sqlite3_finalize (stmt);

  return found;
}

/* Switches a new file to WAL. SQLite turns a file to WAL inside a read
 * transaction that it then upgrades to a write, and an upgrade that meets
 * another writer fails at once with SQLITE_BUSY: the busy timeout is not
 * consulted (waiting could deadlock). Two copies of Rounds starting on a
 * new file at the same moment meet exactly there, so the switch is tried
 * again, from scratch, for as long as the busy timeout would have waited.
 * A file already in WAL (every later start) is only read. */

/* SQLite's own automatic checkpoint (at 1000 pages of WAL) runs inside
 * the commit that reaches it, with two waits for the disk, on whatever
 * thread commits: the main loop. After the publishing queue's commits
 * (which do not wait for the disk, see _begin_unsynced) the checkpoint is
 * left to the worker thread that makes them durable
 * (rounds_store_sync_async), so the main loop never copies pages or waits
 * for the disk there (issue 12). Any other commit checkpoints as SQLite
 * would, and a WAL that keeps growing without a sync is checkpointed
 * anyway. */
#define WAL_CHECKPOINT_FRAMES 1000

static int
on_wal_commit_cb (void       *user_data,
                  sqlite3    *db,
                  const char *name,
                  int         n_frames)
{
  RoundsStore *self = user_data;

  if (n_frames < WAL_CHECKPOINT_FRAMES)
    return SQLITE_OK;
  if (self->unsynced && n_frames < 4 * WAL_CHECKPOINT_FRAMES)
    {
      self->checkpoint_wanted = TRUE;
      return SQLITE_OK;
    }
  sqlite3_wal_checkpoint_v2 (db, name, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
  return SQLITE_OK;
}

static gboolean
set_wal_mode (sqlite3  *db,
              GError  **error)
{
  gint64 give_up = g_get_monotonic_time () + STORE_BUSY_TIMEOUT_MS * G_TIME_SPAN_MILLISECOND;
  int rc;

  for (guint attempt = 0;; attempt++)
    {
      sqlite3_stmt *stmt = NULL;
      gboolean wal = FALSE;

      rc = sqlite3_prepare_v2 (db, "PRAGMA journal_mode = WAL", -1, &stmt, NULL);
      if (rc == SQLITE_OK)
        rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        wal = g_ascii_strcasecmp ((const char *)sqlite3_column_text (stmt, 0), "wal") == 0;
      sqlite3_finalize (stmt);

      if (rc == SQLITE_ROW)
        {
          /* A folder where WAL cannot work (no shared memory) keeps the
           * rollback journal: slower, still safe. */
          if (!wal)
            g_debug ("The data file stays in rollback-journal mode");
          return TRUE;
        }
      if ((rc & 0xff) != SQLITE_BUSY || g_get_monotonic_time () >= give_up)
        break;

      g_debug ("Switching to WAL met another writer (try %u)", attempt + 1);
      /* 1, 2, 4 … 32 ms, with jitter so that two starts fall apart. */
      sqlite3_sleep ((1 << MIN (attempt, 5)) + g_random_int_range (0, 8));
    }

  return _rounds_store_sqlite_error (db, rc, error, _("The data file cannot be opened"));
}

gboolean
_rounds_store_check_integrity (sqlite3  *db,
                               GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;
  int rc;

  rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    ok = g_strcmp0 ((const char *)sqlite3_column_text (stmt, 0), "ok") == 0;
  sqlite3_finalize (stmt);

  /* The check could not run (busy, no access): that says nothing about
   * the file. Only a check that ran and failed means damage. */
  if (rc != SQLITE_ROW)
    return _rounds_store_sqlite_error (db, rc, error, _("The data file cannot be read"));

  if (!ok)
    g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_CORRUPT,
                 _("The data file is damaged"));
  return ok;
}

/* ------------------------------------------------------------------ */
/* GObject                                                              */

/* Before the signal handlers go: the list of every post (which does not
 * hold the store) lets go of it. */
static void
rounds_store_dispose (GObject *object)
{
  RoundsStore *self = (RoundsStore *)object;

  if (self->all_posts != NULL)
    rounds_post_list_set_store (ROUNDS_POST_LIST (self->all_posts), NULL);
  g_clear_object (&self->all_posts);
  if (self->all_comments != NULL)
    _rounds_comment_list_forget_store (self->all_comments);
  g_clear_object (&self->all_comments);

  G_OBJECT_CLASS (rounds_store_parent_class)->dispose (object);
}

static void
rounds_store_finalize (GObject *object)
{
  RoundsStore *self = (RoundsStore *)object;

  rounds_store_close (self);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->conninfo, g_free);
  g_clear_pointer (&self->schema, g_free);
  g_clear_pointer (&self->offline_reason, g_free);
  g_clear_pointer (&self->actor, g_free);
  g_clear_pointer (&self->people, _rounds_store_people_free);
  g_clear_pointer (&self->backup_error, g_free);
  rounds_audit_check_clear (&self->audit_check);
  g_clear_object (&self->clock);
  g_clear_object (&self->practice);
  _rounds_store_forget_posts (self);
  g_clear_pointer (&self->live_posts, g_hash_table_unref);
  g_clear_pointer (&self->recent_posts, g_queue_free);
  if (self->recent_comments != NULL)
    g_queue_free_full (self->recent_comments, g_object_unref);
  self->recent_comments = NULL;

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
    case PROP_ONLINE:
      g_value_set_boolean (value, rounds_store_get_online (self));
      break;
    case PROP_OFFLINE_REASON:
      g_value_set_string (value, rounds_store_get_offline_reason (self));
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

  object_class->dispose = rounds_store_dispose;
  object_class->finalize = rounds_store_finalize;
  object_class->get_property = rounds_store_get_property;
  object_class->set_property = rounds_store_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACTOR] =
    g_param_spec_string ("actor", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * RoundsStore:online:
   *
   * Whether the practice's server can be reached (always %TRUE for a
   * file). While %FALSE the models keep the last data, writes fail with
   * %ROUNDS_STORE_ERROR_OFFLINE and the store tries again by itself.
   */
  properties[PROP_ONLINE] =
    g_param_spec_boolean ("online", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_OFFLINE_REASON] =
    g_param_spec_string ("offline-reason", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RoundsStore::post-changed:
   * @post: the store's own post object, after the change
   *
   * Emitted after a post was saved (a new one too), had its status
   * changed, was restored, or was changed on another PC. The post
   * carries its id: a view updates that one row.
   */
  signals[POST_CHANGED] =
    g_signal_new ("post-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, ROUNDS_TYPE_POST);
  /**
   * RoundsStore::row-changed:
   * @table: the table another PC changed ("posts", "comments", "people", …)
   * @key: the row's id (as text), the post's id for what belongs to a
   *   post, or the plan section's name
   *
   * Emitted (a server only) after the store has taken in a change made
   * on another PC; the specific signals (post-changed, comments-changed,
   * practice-changed, the people model) have been emitted before it.
   */
  signals[ROW_CHANGED] =
    g_signal_new ("row-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  /**
   * RoundsStore::post-removed:
   * @id: the id of the post that is gone
   *
   * Emitted after a post was deleted (here or on another PC).
   */
  signals[POST_REMOVED] =
    g_signal_new ("post-removed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  /**
   * RoundsStore::posts-imported:
   * @n_posts: how many posts came in
   *
   * Emitted once after many posts were added at once
   * (rounds_store_import_posts()), instead of a ::post-changed for each:
   * views read what they show again. A ::post-changed for the last of
   * them follows.
   */
  signals[POSTS_IMPORTED] =
    g_signal_new ("posts-imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  signals[PRACTICE_CHANGED] =
    g_signal_new ("practice-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[COMMENTS_CHANGED] =
    g_signal_new ("comments-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * RoundsStore::comment-changed:
   * @id: the comment that was added, changed or removed; 0 when any may
   *   have (a reconnect)
   *
   * Emitted for each comment a call changed, before ::comments-changed:
   * the comment lists (RoundsCommentList) look at that one row again.
   */
  signals[COMMENT_CHANGED] =
    g_signal_new ("comment-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
rounds_store_init (RoundsStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                            (GDestroyNotify)rounds_db_finalize);
  self->practice = rounds_practice_new ();
  self->live_posts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->recent_posts = g_queue_new ();
  self->recent_comments = g_queue_new ();
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
/* What opening does once the connection is there, on either engine:
 * migrate, back up, check the audit log, read the practice. */
static gboolean
refuse_newer (int      version,
              GError **error)
{
  if (version <= ROUNDS_STORE_SCHEMA_VERSION)
    return TRUE;

  g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_NEWER_VERSION,
               _("This data was written by a newer version of Rounds (data version %d; "
                 "this version understands up to %d). Update Rounds to open it. "
                 "Nothing was changed."),
               version, ROUNDS_STORE_SCHEMA_VERSION);
  return FALSE;
}

static gboolean
finish_open (RoundsStore  *self,
             int           version,
             GError      **error)
{
  RoundsStoreOpenFlags flags = self->flags;

  if (!refuse_newer (version, error))
    return FALSE;

  if (version < ROUNDS_STORE_SCHEMA_VERSION)
    {
      if (version > 0 && !(flags & ROUNDS_STORE_OPEN_NO_BACKUPS) &&
          rounds_db_is_sqlite (self->db))
        {
          g_autofree char *backup = _rounds_store_backup_connection (rounds_db_get_sqlite (self->db),
                                                                     self->path, self->clock,
                                                                     error);

          if (backup == NULL)
            {
              g_prefix_error (error, _("Not updating the data file without a backup: "));
              return FALSE;
            }
        }

      if (!_rounds_store_migrate (self, version, error))
        return FALSE;
    }

  /* A backup that cannot be written (full disk, read-only backups
   * folder) is a warning, never a reason to keep the practice from the
   * user: see rounds_store_get_backup_error(). */
  if (!(flags & ROUNDS_STORE_OPEN_BACKUP_LATER))
    {
      g_autoptr(GError) backup_error = NULL;

      if (!rounds_store_maybe_daily_backup (self, &backup_error))
        g_debug ("The daily backup failed: %s", backup_error->message);
    }

  if (!(flags & ROUNDS_STORE_OPEN_NO_BACKUPS))
    _rounds_store_check_audit_at_open (self);

  /* No post is read here: every view and service asks for what it
   * shows or needs (issue 17). */
  if (!_rounds_store_load_practice (self, error) ||
      !_rounds_store_load_comments (self, error))
    return FALSE;

  /* The quick check and the audit chain's check read every page of the
   * file through this connection's page cache (2 MB by default, then
   * kept for as long as the store is open); what the views ask for next
   * is a few pages, which the system's file cache still holds. */
  if (rounds_db_is_sqlite (self->db))
    sqlite3_db_release_memory (rounds_db_get_sqlite (self->db));
  return TRUE;
}

/**
 * rounds_store_open_server:
 * @conninfo: a libpq connection string or URI for the practice's database
 * @local_path: where this PC keeps the practice's local files (media,
 *   the folder of rounds_store_get_path())
 * @clock: the clock that dates rows and audit entries
 * @flags: as for rounds_store_open(); backups are the server's (pg_dump)
 *
 * Opens the practice on a PostgreSQL server shared by the office's PCs,
 * creating or migrating its schema with the same steps as a file. A
 * server that cannot be reached fails with %ROUNDS_STORE_ERROR_IO.
 */
RoundsStore *
rounds_store_open_server (const char            *conninfo,
                          const char            *local_path,
                          RoundsClock           *clock,
                          RoundsStoreOpenFlags   flags,
                          GError               **error)
{
  g_autoptr(RoundsStore) self = NULL;
  g_autoptr(GError) connect_error = NULL;
  int version = 0;

  g_return_val_if_fail (conninfo != NULL, NULL);
  g_return_val_if_fail (local_path != NULL, NULL);
  g_return_val_if_fail (ROUNDS_IS_CLOCK (clock), NULL);

  self = g_object_new (ROUNDS_TYPE_STORE, NULL);
  self->path = g_strdup (local_path);
  self->conninfo = g_strdup (conninfo);
  self->clock = g_object_ref (clock);
  self->flags = flags;
  self->audit_check.intact = TRUE;

  self->db = rounds_db_open_postgresql (conninfo, &connect_error);
  if (self->db == NULL)
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_IO,
                   _("Could not connect to the practice server: %s"), connect_error->message);
      return NULL;
    }

  if (!_rounds_store_read_schema_version (self->db, &version, error) ||
      !finish_open (self, version, error) ||
      !_rounds_store_listen (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

RoundsStore *
rounds_store_open (const char            *path,
                   RoundsClock           *clock,
                   RoundsStoreOpenFlags   flags,
                   GError               **error)
{
  g_autoptr(RoundsStore) self = NULL;
  sqlite3 *db = NULL;
  int version = 0;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (ROUNDS_IS_CLOCK (clock), NULL);

  /* Tests only: the store test matrix runs the same tests on a server */
  if (_rounds_store_server_hook != NULL)
    {
      g_autofree char *conninfo = _rounds_store_server_hook (path);

      if (conninfo != NULL)
        return rounds_store_open_server (conninfo, path, clock, flags, error);
    }

  /* A restore killed half-way is finished (or cleared) before anything
   * reads the file. */
  if (!_rounds_store_recover_restore (path, error))
    return NULL;

  if (!_rounds_store_ensure_private_file (path, error))
    return NULL;

  self = g_object_new (ROUNDS_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->clock = g_object_ref (clock);
  self->flags = flags;
  self->audit_check.intact = TRUE;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, NULL);
  self->db = rounds_db_new_sqlite (db);
  if (rc != SQLITE_OK)
    {
      _rounds_store_sqlite_error (db, rc, error, _("The data file cannot be opened"));
      return NULL;
    }
  sqlite3_extended_result_codes (db, 1);
  sqlite3_busy_timeout (db, STORE_BUSY_TIMEOUT_MS);

  /* Read the version before anything writes: a newer file stays untouched.
   * Failing here is told apart by SQLite's code: busy, no access or
   * damaged (see _rounds_store_sqlite_error()). */
  if (!_rounds_store_read_user_version (db, &version, error))
    return NULL;

  /* An empty or header-only file where a practice existed (there are
   * backups of it) is damage, not a new practice: opening it as new would
   * hide the practice and, day after day, push the good backups out. */
  if (version == 0 && !(flags & ROUNDS_STORE_OPEN_NO_BACKUPS) && !has_tables (db))
    {
      g_auto(GStrv) backups = rounds_store_list_backups (path);

      /* Looked at again after the listing: another copy of Rounds that
       * has just created this practice (and its first backup) is not
       * damage. The migration below then finds its work done. */
      if (backups[0] != NULL && !has_tables (db))
        {
          g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_CORRUPT,
                       _("The data file is empty, but this practice has backups"));
          return NULL;
        }
    }

  /* A newer file is refused before anything writes to it. */
  if (!refuse_newer (version, error))
    return NULL;

  if (!_rounds_store_check_integrity (db, error))
    return NULL;

  if (!set_wal_mode (db, error))
    return NULL;
  sqlite3_wal_hook (db, on_wal_commit_cb, self);

  if (sqlite3_exec (db,
                    "PRAGMA synchronous = FULL;"
                    "PRAGMA foreign_keys = ON;",
                    NULL, NULL, NULL) != SQLITE_OK)
    {
      _rounds_store_sqlite_error (db, sqlite3_errcode (db), error,
                                  _("The data file cannot be opened"));
      return NULL;
    }

  if (!finish_open (self, version, error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
rounds_store_get_path (RoundsStore *self)
{
  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);
  return self->path;
}

/**
 * rounds_store_is_on_server:
 *
 * Returns: %TRUE when the practice lives on a PostgreSQL server shared by
 *   the office's PCs, %FALSE for this PC's SQLite file.
 */
gboolean
rounds_store_is_on_server (RoundsStore *self)
{
  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);
  return self->conninfo != NULL;
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
    _rounds_store_read_schema_version (self->db, &version, NULL);

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

  _rounds_store_live_stop (self);
  /* The calendar's reader (rounds-store-calendar.c): closed after its read */
  g_object_set_data (G_OBJECT (self), "rounds-calendar-reader", NULL);
  g_hash_table_remove_all (self->statements);
  rounds_db_close_v2 (self->db);
  self->db = NULL;
}

gboolean
_rounds_store_ensure_open (RoundsStore  *self,
                           GError      **error)
{
  if (self->db != NULL)
    return TRUE;

  g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_IO, _("The data file is closed"));
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* For the feature files (rounds-store-*.c), see rounds-store-private.h */

RoundsDbStmt *
_rounds_store_prepare (RoundsStore  *self,
                       const char   *sql,
                       GError      **error)
{
  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);

  if (!_rounds_store_ensure_open (self, error))
    return NULL;

  return prepare (self, sql, error);
}

gboolean
_rounds_store_begin (RoundsStore  *self,
                     GError      **error)
{
  if (!_rounds_store_ensure_open (self, error))
    return FALSE;

  return begin (self, error);
}

/* Back to waiting for the disk at each commit (see _begin_unsynced). */
static void
end_unsynced (RoundsStore *self)
{
  if (!self->unsynced || self->db == NULL)
    return;
  self->unsynced = FALSE;
  if (rounds_db_exec (self->db, "PRAGMA synchronous = FULL", NULL, NULL, NULL) != ROUNDS_DB_OK)
    g_warning ("Could not set synchronous = FULL again: %s", rounds_db_errmsg (self->db));
}

gboolean
_rounds_store_begin_unsynced (RoundsStore  *self,
                              GError      **error)
{
  if (!_rounds_store_ensure_open (self, error))
    return FALSE;

  /* A server's commit is durable when it returns: nothing to defer. */
  if (!rounds_db_is_sqlite (self->db))
    return begin (self, error);

  if (!exec_simple (self, "PRAGMA synchronous = NORMAL", error))
    return FALSE;
  self->unsynced = TRUE;
  if (!begin (self, error))
    {
      end_unsynced (self);
      return FALSE;
    }
  return TRUE;
}

gboolean
_rounds_store_commit (RoundsStore  *self,
                      GError      **error)
{
  gboolean ok = commit (self, error);

  /* A failed COMMIT leaves the transaction open for the caller's
   * rollback, which ends it. */
  if (ok || rounds_db_get_autocommit (self->db))
    end_unsynced (self);
  return ok;
}

void
_rounds_store_rollback (RoundsStore *self)
{
  if (self->db != NULL)
    rollback (self);
  end_unsynced (self);
}

/* ------------------------------------------------------------------ */
/* Making unsynced commits durable, off the main thread                 */

static void
sync_file (const char  *path,
           GError     **error)
{
  int fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW, 0);

  if (fd < 0)
    {
      int errsv = errno;

      /* No -wal: everything is in the database file already. */
      if (errsv != ENOENT)
        g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_IO,
                     _("Could not save to the disk: %s"), g_strerror (errsv));
      return;
    }
  if (fdatasync (fd) != 0)
    {
      int errsv = errno;

      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_IO,
                   _("Could not save to the disk: %s"), g_strerror (errsv));
    }
  close (fd);
}

typedef struct
{
  char     *path;
  gboolean  checkpoint;
} SyncData;

static void
sync_data_free (SyncData *data)
{
  g_free (data->path);
  g_free (data);
}

/* Moves the WAL's pages into the database file, on its own connection:
 * a passive checkpoint never blocks the main loop's writers. A failure
 * changes nothing (the pages stay in the WAL; the next commit that is not
 * the queue's checkpoints them). */
static void
checkpoint (const char *path)
{
  sqlite3 *db = NULL;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, NULL) == SQLITE_OK)
    sqlite3_wal_checkpoint_v2 (db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
  sqlite3_close (db);
}

static void
sync_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SyncData *data = task_data;
  const char *path = data->path;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  GError *error = NULL;

  if (data->checkpoint)
    checkpoint (path);

  /* The WAL holds the commits; the database file what a checkpoint
   * moved there. fdatasync() on another descriptor of the same file
   * flushes what SQLite wrote through its own. */
  sync_file (wal, &error);
  if (error == NULL)
    sync_file (path, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * rounds_store_sync_async:
 *
 * Waits, on a worker thread, until everything committed so far is on
 * the disk (it survives a power cut), then calls @callback on the
 * caller's main context. The main loop never waits for the disk.
 */
void
rounds_store_sync_async (RoundsStore         *self,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SyncData *data;

  g_return_if_fail (ROUNDS_IS_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rounds_store_sync_async);

  /* A server's commits are on its disk already. */
  if (self->db != NULL && !rounds_db_is_sqlite (self->db))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  data = g_new0 (SyncData, 1);
  data->path = g_strdup (self->path);
  data->checkpoint = self->checkpoint_wanted;
  self->checkpoint_wanted = FALSE;
  g_task_set_task_data (task, data, (GDestroyNotify) sync_data_free);
  g_task_run_in_thread (task, sync_thread);
}

gboolean
rounds_store_sync_finish (RoundsStore   *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
_rounds_store_step_done (RoundsStore   *self,
                         RoundsDbStmt  *stmt,
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
  return _rounds_store_db_error (self->db, rc, error, what);
}

/**
 * _rounds_store_read_rows:
 * @stmt: (nullable): a prepared, bound statement; %NULL (a failed
 *   prepare, which set @error) gives %NULL
 * @read_row: makes one element from the current row, or %NULL to skip it
 * @free_row: frees an element
 * @what: a sentence for the error, "Could not read the posts"
 *
 * The loop every query that returns rows shares: steps @stmt to the end,
 * collects what @read_row makes, and resets @stmt for its next use.
 *
 * Returns: (transfer full) (nullable): the elements in row order, or
 *   %NULL with @error set when the statement failed.
 */
GPtrArray *
_rounds_store_read_rows (RoundsStore        *self,
                         RoundsDbStmt       *stmt,
                         RoundsStoreRowFunc  read_row,
                         GDestroyNotify      free_row,
                         GError            **error,
                         const char         *what)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (free_row);
  int rc;

  if (stmt == NULL)
    return NULL;

  while ((rc = rounds_db_step (stmt)) == ROUNDS_DB_ROW)
    {
      gpointer row = read_row (self, stmt);

      if (row != NULL)
        g_ptr_array_add (rows, row);
    }
  rounds_db_reset (stmt);

  if (rc != ROUNDS_DB_DONE)
    {
      _rounds_store_db_error (self->db, rc, error, what);
      return NULL;
    }

  return g_steal_pointer (&rows);
}

gpointer
_rounds_store_post_of_row (RoundsStore  *self,
                           RoundsDbStmt *stmt)
{
  return rounds_store_dup_post (self, rounds_db_column_int64 (stmt, 0));
}

gint64
_rounds_store_last_insert_rowid (RoundsStore *self)
{
  return rounds_db_last_insert_rowid (self->db);
}

void
_rounds_store_emit_post_changed (RoundsStore *self,
                                 RoundsPost  *post)
{
  g_signal_emit (self, signals[POST_CHANGED], 0, post);
}

void
_rounds_store_emit_row_changed (RoundsStore *self,
                                const char  *table,
                                const char  *key)
{
  g_signal_emit (self, signals[ROW_CHANGED], 0, table, key);
}

void
_rounds_store_notify_online (RoundsStore *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFLINE_REASON]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ONLINE]);
}

void
_rounds_store_emit_post_removed (RoundsStore *self,
                                 gint64       id)
{
  g_signal_emit (self, signals[POST_REMOVED], 0, id);
}

void
_rounds_store_emit_posts_imported (RoundsStore *self,
                                   guint        n_posts)
{
  g_signal_emit (self, signals[POSTS_IMPORTED], 0, n_posts);
}

void
_rounds_store_emit_practice_changed (RoundsStore *self)
{
  g_signal_emit (self, signals[PRACTICE_CHANGED], 0);
}

void
_rounds_store_emit_comments_changed (RoundsStore *self)
{
  g_signal_emit (self, signals[COMMENTS_CHANGED], 0);
}

void
_rounds_store_emit_comment_changed (RoundsStore *self,
                                    gint64       id)
{
  g_signal_emit (self, signals[COMMENT_CHANGED], 0, id);
}
