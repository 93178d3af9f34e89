/* rounds-store-backup.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "rounds-store-private.h"

/* Backups beside the database (backups/NAME-STAMP[-N].db, mode 0600),
 * kept by age: every day of the last week, one a week for the month
 * before, the newest few whatever their age, and always the newest one
 * that holds any of the practice (so that days of an emptied practice
 * never push the last real copy out).
 *
 * And the way back from a damaged file, all or nothing: the newest
 * backup this version can open and that passes its checks is copied
 * beside the database, checked again (PRAGMA integrity_check) and
 * synced; the old database and its -wal get second names (hard links);
 * only then is the copy renamed over the database. Any failure before
 * the swap leaves the practice exactly as it was, WAL included; a crash
 * at any point is finished or undone at the next open, and the old
 * practice is kept whole as NAME.damaged-STAMP. */

#define DAY (24 * 60 * 60)
#define KEEP_NEWEST ROUNDS_STORE_KEEP_NEWEST
#define KEEP_DAILY_DAYS ROUNDS_STORE_KEEP_DAILY
#define KEEP_WEEKLY_WEEKS ROUNDS_STORE_KEEP_WEEKLY

/* Tests set this to fail a restore at a named step (see
 * rounds-store-private.h); NULL in the application. */
RoundsStoreFaultHook _rounds_store_fault_hook;

static gboolean
fault (const char  *step,
       GError     **error)
{
  if (_rounds_store_fault_hook == NULL || !_rounds_store_fault_hook (step))
    return FALSE;

  g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_IO,
               "Injected failure at %s: %s", step, g_strerror (EIO));
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

  if (!_rounds_store_ensure_private_file (dest_path, error))
    return FALSE;

  rc = sqlite3_open_v2 (dest_path, &dest, SQLITE_OPEN_READWRITE, NULL);
  if (rc != SQLITE_OK)
    {
      _rounds_store_sqlite_error (dest, rc, error, _("Could not write the copy"));
      sqlite3_close (dest);
      return FALSE;
    }

  backup = sqlite3_backup_init (dest, "main", src, "main");
  if (backup == NULL)
    {
      _rounds_store_sqlite_error (dest, sqlite3_errcode (dest), error, _("Could not write the copy"));
      sqlite3_close (dest);
      return FALSE;
    }

  do
    {
      rc = sqlite3_backup_step (backup, 256);
      /* Another connection writes: let it, rather than spin. */
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        sqlite3_sleep (5);
    }
  while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish (backup);

  if (rc != SQLITE_DONE)
    {
      _rounds_store_sqlite_error (NULL, rc, error, _("Could not write the copy"));
      sqlite3_close (dest);
      return FALSE;
    }

  /* A copy must stand alone: no WAL beside it. */
  sqlite3_exec (dest, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL);
  sqlite3_close (dest);

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

/* Whether a backup holds any of the practice: a post, or a practice
 * that was set up. */
static gboolean
backup_has_content (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2 (db, "SELECT (SELECT count(*) FROM posts) +"
                              " (SELECT count(*) FROM practice WHERE name != '')", -1, &stmt,
                          NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    found = sqlite3_column_int64 (stmt, 0) > 0;
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return found;
}

static void
prune_backups (const char  *db_path,
               RoundsClock *clock)
{
  g_auto(GStrv) backups = rounds_store_list_backups (db_path);
  guint n = g_strv_length (backups);
  g_autofree gboolean *keep = g_new0 (gboolean, n + 1);
  gint64 now = rounds_clock_get_now (clock);
  gint64 daily_seen[KEEP_DAILY_DAYS];
  int weekly_oldest[KEEP_WEEKLY_WEEKS + 1];

  for (guint d = 0; d < KEEP_DAILY_DAYS; d++)
    daily_seen[d] = FALSE;
  for (guint w = 0; w <= KEEP_WEEKLY_WEEKS; w++)
    weekly_oldest[w] = -1;

  /* Newest first: the first one met in a day is that day's newest; the
   * last one met in a week is that week's oldest, which is the one that
   * ages into the next week (keeping the newest would let each week's
   * copy be replaced before it ever got a week older). */
  for (guint i = 0; i < n; i++)
    {
      gint64 age = MAX (0, now - backup_stamp_to_unix (backups[i], db_path));
      gint64 day = age / DAY;
      gint64 week = age / (7 * DAY);

      if (i < KEEP_NEWEST)
        keep[i] = TRUE;
      if (day < KEEP_DAILY_DAYS && !daily_seen[day])
        {
          daily_seen[day] = TRUE;
          keep[i] = TRUE;
        }
      if (week >= 1 && week <= KEEP_WEEKLY_WEEKS)
        weekly_oldest[week] = i;
    }
  for (guint w = 1; w <= KEEP_WEEKLY_WEEKS; w++)
    if (weekly_oldest[w] >= 0)
      keep[weekly_oldest[w]] = TRUE;

  /* Never let copies of an emptied practice push out the last one that
   * held anything. */
  for (guint i = 0; i < n; i++)
    if (backup_has_content (backups[i]))
      {
        keep[i] = TRUE;
        break;
      }

  for (guint i = 0; i < n; i++)
    if (!keep[i] && g_unlink (backups[i]) != 0)
      g_debug ("Could not remove an old backup: %s", g_strerror (errno));
}

char *
_rounds_store_backup_connection (sqlite3      *db,
                                 const char   *db_path,
                                 RoundsClock  *clock,
                                 GError      **error)
{
  g_autofree char *dir = backup_dir_for (db_path);
  g_autofree char *prefix = backup_prefix_for (db_path);
  g_autofree char *stamp = timestamp_for (clock);
  g_autofree char *stamp_prefix = g_strconcat (prefix, stamp, NULL);
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *entry;
  gint64 next = -1;

  /* Several in one second are numbered after the highest number there
   * is, never in a gap left by pruning: a reused name would sort as
   * older than the copies it came after. */
  while (d != NULL && (entry = g_dir_read_name (d)) != NULL)
    {
      if (!g_str_has_prefix (entry, stamp_prefix) || !g_str_has_suffix (entry, ".db"))
        continue;
      next = MAX (next, (gint64)backup_sequence (entry + strlen (prefix)));
    }
  /* The name is claimed by creating the file: another copy of Rounds
   * backing up in the same second takes the next number instead of
   * writing into (and, failing, removing) this one. */
  for (guint tries = 0;; tries++)
    {
      int fd;

      name = next < 0 ? g_strdup_printf ("%s.db", stamp_prefix)
                      : g_strdup_printf ("%s-%" G_GINT64_FORMAT ".db", stamp_prefix, next + 1);
      path = g_build_filename (dir, name, NULL);
      g_mkdir_with_parents (dir, 0700);
      fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
      if (fd >= 0)
        {
          close (fd);
          break;
        }
      if (errno != EEXIST || tries >= 100)
        {
          int errsv = errno;

          g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_IO,
                       _("Could not write the copy: %s"), g_strerror (errsv));
          return NULL;
        }
      g_clear_pointer (&name, g_free);
      g_clear_pointer (&path, g_free);
      next++;
    }

  if (!copy_database (db, path, error))
    {
      /* No half-written copy is left to be restored one day. */
      g_unlink (path);
      return NULL;
    }

  prune_backups (db_path, clock);
  g_debug ("Backup written (%s)", stamp);

  return g_steal_pointer (&path);
}

/**
 * rounds_store_backup:
 *
 * Copies the open database with SQLite's online backup API into
 * `backups/` beside it (mode 0600), then prunes the old ones (see the
 * top of this file for which are kept).
 *
 * Returns: (transfer full): the backup's path, or %NULL on error.
 */
char *
rounds_store_backup (RoundsStore  *self,
                     GError      **error)
{
  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);

  if (!_rounds_store_ensure_open (self, error))
    return NULL;

  /* A practice server is backed up by its own tools (pg_dump, see the
   * README's setup guide), never by copying files from one PC. */
  if (!rounds_db_is_sqlite (self->db))
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_FAILED,
                   _("This practice lives on a server; it is backed up there"));
      return NULL;
    }

  return _rounds_store_backup_connection (rounds_db_get_sqlite (self->db), self->path,
                                          self->clock, error);
}

/* Remembers the outcome, also in kv "backup.failures" so that failures
 * count across restarts. Writing that may itself fail on a full disk;
 * then the count in memory still counts. */
static void
note_backup_result (RoundsStore *self,
                    const char  *message,
                    gboolean     ok)
{
  RoundsDbStmt *stmt;
  guint stored = 0;

  g_clear_pointer (&self->backup_error, g_free);

  stmt = _rounds_store_prepare (self, "SELECT value FROM kv WHERE key = 'backup.failures'",
                                NULL);
  if (stmt != NULL && rounds_db_step (stmt) == ROUNDS_DB_ROW)
    stored = (guint)g_ascii_strtoull (_rounds_store_column_text (stmt, 0), NULL, 10);
  if (stmt != NULL)
    rounds_db_reset (stmt);

  if (ok)
    self->backup_failures = 0;
  else
    {
      self->backup_error = g_strdup (message != NULL ? message : _("The backup failed"));
      self->backup_failures = MAX (stored, self->backup_failures) + 1;
    }

  if (self->backup_failures == stored)
    return;

  stmt = _rounds_store_prepare (self, "INSERT INTO kv (key, value) VALUES ('backup.failures', ?)"
                                      " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                                NULL);
  if (stmt != NULL)
    {
      g_autofree char *value = g_strdup_printf ("%u", self->backup_failures);

      _rounds_store_bind_text (stmt, 1, value);
      if (!_rounds_store_step_done (self, stmt, NULL, "backup.failures"))
        g_debug ("Could not count the failed backup");
    }
}

/* Whether the newest backup is a day old, or there is none. */
static gboolean
daily_backup_is_due (RoundsStore *self)
{
  g_auto(GStrv) backups = NULL;
  gint64 now;

  if (self->flags & ROUNDS_STORE_OPEN_NO_BACKUPS || !rounds_db_is_sqlite (self->db))
    return FALSE;

  backups = rounds_store_list_backups (self->path);
  now = rounds_clock_get_now (self->clock);

  if (backups[0] != NULL)
    {
      gint64 last = backup_stamp_to_unix (backups[0], self->path);

      /* A backup from the future means the clock was moved back: keep
       * the daily rhythm from now on rather than never again. */
      if (last <= now && now - last < 24 * 60 * 60)
        return FALSE;
    }
  return TRUE;
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
  g_autofree char *path = NULL;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);

  if (!daily_backup_is_due (self))
    return TRUE;

  path = rounds_store_backup (self, error);
  note_backup_result (self, error != NULL && *error != NULL ? (*error)->message : NULL,
                      path != NULL);
  return path != NULL;
}

typedef struct
{
  char        *path;
  RoundsClock *clock;
} DailyBackup;

static void
daily_backup_free (DailyBackup *data)
{
  g_free (data->path);
  g_clear_object (&data->clock);
  g_free (data);
}

static void
daily_backup_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  DailyBackup *data = task_data;
  sqlite3 *db = NULL;
  GError *error = NULL;
  g_autofree char *copy = NULL;
  int rc;

  /* A connection of its own, read only: the store's stays the main
   * thread's, and WAL lets both work at once. */
  rc = sqlite3_open_v2 (data->path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOFOLLOW, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_busy_timeout (db, 5000);
      copy = _rounds_store_backup_connection (db, data->path, data->clock, &error);
    }
  else
    _rounds_store_sqlite_error (db, rc, &error, _("Could not read the data for the backup"));
  sqlite3_close_v2 (db);

  if (copy == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_daily_backup_done_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  RoundsStore *self = ROUNDS_STORE (source);
  g_autoptr(GTask) outer = user_data;
  g_autoptr(GError) error = NULL;

  if (g_task_propagate_boolean (G_TASK (result), &error))
    note_backup_result (self, NULL, TRUE);
  else
    {
      g_debug ("The daily backup failed: %s", error->message);
      if (self->db != NULL)
        note_backup_result (self, error->message, FALSE);
    }

  if (error != NULL)
    g_task_return_error (outer, g_steal_pointer (&error));
  else
    g_task_return_boolean (outer, TRUE);
}

/**
 * rounds_store_daily_backup_async:
 *
 * Like rounds_store_maybe_daily_backup(), for a store opened with
 * %ROUNDS_STORE_OPEN_BACKUP_LATER: the copy is written by a worker
 * thread on a connection of its own, so that the practice is usable
 * meanwhile. When it fails, rounds_store_get_backup_error() says why
 * (once @callback runs).
 */
void
rounds_store_daily_backup_async (RoundsStore         *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) outer = NULL;
  g_autoptr(GTask) task = NULL;
  DailyBackup *data;

  g_return_if_fail (ROUNDS_IS_STORE (self));

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, rounds_store_daily_backup_async);

  if (self->db == NULL || !daily_backup_is_due (self))
    {
      g_task_return_boolean (outer, TRUE);
      return;
    }

  data = g_new0 (DailyBackup, 1);
  data->path = g_strdup (self->path);
  data->clock = g_object_ref (self->clock);
  task = g_task_new (self, NULL, on_daily_backup_done_cb, g_steal_pointer (&outer));
  g_task_set_source_tag (task, daily_backup_thread);
  g_task_set_task_data (task, data, (GDestroyNotify)daily_backup_free);
  g_task_run_in_thread (task, daily_backup_thread);
}

gboolean
rounds_store_daily_backup_finish (RoundsStore   *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * rounds_store_get_backup_error:
 *
 * Returns: (nullable): why the last daily backup failed, %NULL when it
 *   succeeded (or none was due).
 */
const char *
rounds_store_get_backup_error (RoundsStore *self)
{
  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);
  return self->backup_error;
}

/**
 * rounds_store_get_backup_failures:
 *
 * Returns: how many daily backups in a row have failed, across restarts;
 *   from %ROUNDS_STORE_BACKUP_FAILURES_TO_NOTIFY on, tell the user.
 */
guint
rounds_store_get_backup_failures (RoundsStore *self)
{
  g_return_val_if_fail (ROUNDS_IS_STORE (self), 0);
  return self->backup_failures;
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
  static const char *suffixes[] = { "-wal", "-shm", "-journal" };

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

/* A backup to restore: this version can open it (not from a newer
 * Rounds, not empty) and SQLite's check passes. */
static gboolean
backup_is_restorable (const char *path)
{
  sqlite3 *db = NULL;
  int version = -1;
  gboolean ok;

  ok = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
       _rounds_store_read_user_version (db, &version, NULL) &&
       version > 0 && version <= ROUNDS_STORE_SCHEMA_VERSION &&
       _rounds_store_check_integrity (db, NULL);
  sqlite3_close (db);

  if (!ok)
    g_debug ("Not offering a backup (version %d)", version);
  return ok;
}

/**
 * rounds_store_find_restorable_backup:
 *
 * Returns: (transfer full) (nullable): the newest backup of @db_path that
 *   rounds_store_restore_latest_backup() would use.
 */
char *
rounds_store_find_restorable_backup (const char *db_path)
{
  g_auto(GStrv) backups = rounds_store_list_backups (db_path);

  for (guint i = 0; backups[i] != NULL; i++)
    if (backup_is_restorable (backups[i]))
      return g_strdup (backups[i]);

  return NULL;
}

static gboolean
full_integrity_check (const char  *path,
                      GError     **error)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;
  int rc;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL);
  if (rc == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    ok = g_strcmp0 ((const char *)sqlite3_column_text (stmt, 0), "ok") == 0;
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  if (!ok)
    g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_IO,
                 _("The restored copy did not pass its check"));
  return ok;
}

static gboolean
fsync_path (const char *path)
{
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  gboolean ok;

  if (fd < 0)
    return FALSE;
  ok = fsync (fd) == 0;
  close (fd);
  return ok;
}

static char *
aside_name (const char *db_path)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  char *aside = g_strdup_printf ("%s.damaged-%s", db_path, stamp);

  for (guint n = 2; g_file_test (aside, G_FILE_TEST_EXISTS); n++)
    {
      g_free (aside);
      aside = g_strdup_printf ("%s.damaged-%s-%u", db_path, stamp, n);
    }

  return aside;
}

/* The names a restore uses beside NAME: the copy of the backup while it
 * is made and checked (NAME.restoring), the same once complete and
 * synced (NAME.restored: from here on the restore goes through, even
 * after a crash), and NAME.damaged-STAMP*, second names (hard links) for
 * the old database and its -wal and -journal, made before anything of
 * the old is removed. */
static const char *kept_suffixes[] = { "", "-wal", "-journal" };
static const char *removed_suffixes[] = { "-wal", "-shm", "-journal" };

static gboolean
exists (const char *path)
{
  GStatBuf st;

  return g_lstat (path, &st) == 0;
}

static gboolean
same_file (const char *a,
           const char *b)
{
  GStatBuf sa, sb;

  return g_lstat (a, &sa) == 0 && g_lstat (b, &sb) == 0 && sa.st_dev == sb.st_dev &&
         sa.st_ino == sb.st_ino;
}

/* A second name for @from: a hard link, or a copy where the file system
 * has none. Never replaces anything. */
static gboolean
keep_file (const char  *from,
           const char  *to,
           GError     **error)
{
  g_autoptr(GFile) source = NULL;
  g_autoptr(GFile) dest = NULL;
  int errsv;

  if (link (from, to) == 0)
    return TRUE;
  errsv = errno;
  if (errsv != EPERM && errsv != EXDEV && errsv != ENOTSUP && errsv != EMLINK)
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_IO,
                   _("Could not keep %s: %s"), from, g_strerror (errsv));
      return FALSE;
    }

  source = g_file_new_for_path (from);
  dest = g_file_new_for_path (to);
  if (!g_file_copy (source, dest, G_FILE_COPY_NOFOLLOW_SYMLINKS, NULL, NULL, NULL, error))
    return FALSE;
  g_chmod (to, 0600);
  fsync_path (to);
  return TRUE;
}

static gboolean
unlink_if_exists (const char  *path,
                  GError     **error)
{
  if (g_unlink (path) != 0 && errno != ENOENT)
    {
      int errsv = errno;

      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_IO,
                   _("Could not remove %s: %s"), path, g_strerror (errsv));
      return FALSE;
    }
  return TRUE;
}

/* The steps after NAME.restored exists: removes the old -wal, -shm and
 * -journal (a -wal left beside the restored file would be applied to
 * it; what it held is kept under NAME.damaged-STAMP-wal) and renames the
 * copy over the database (atomic). Every step can run again, so an open
 * after a crash finishes the restore. */
static gboolean
finish_restore (const char  *db_path,
                GError     **error)
{
  g_autofree char *ready = g_strconcat (db_path, ".restored", NULL);
  g_autofree char *dir = g_path_get_dirname (db_path);

  for (guint i = 0; i < G_N_ELEMENTS (removed_suffixes); i++)
    {
      g_autofree char *path = g_strconcat (db_path, removed_suffixes[i], NULL);
      g_autofree char *step = g_strconcat ("remove", removed_suffixes[i], NULL);

      if (exists (path) && (fault (step, error) || !unlink_if_exists (path, error)))
        return FALSE;
    }

  if (fault ("move-in", error))
    return FALSE;
  if (g_rename (ready, db_path) != 0)
    {
      int errsv = errno;

      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_IO,
                   _("Could not rename %s: %s"), ready, g_strerror (errsv));
      return FALSE;
    }
  fsync_path (dir);
  return TRUE;
}

/**
 * _rounds_store_recover_restore:
 *
 * Run before the database is opened: finishes a restore that was
 * interrupted after its copy was complete and checked (NAME.restored),
 * or clears what one left before that point: its partial copy, and
 * NAME.damaged-* names that are only second names of the files still in
 * place. Nothing the user had is deleted.
 */
gboolean
_rounds_store_recover_restore (const char  *db_path,
                               GError     **error)
{
  g_autofree char *tmp = g_strconcat (db_path, ".restoring", NULL);
  g_autofree char *ready = g_strconcat (db_path, ".restored", NULL);
  g_autofree char *dir = g_path_get_dirname (db_path);
  g_autofree char *base = g_path_get_basename (db_path);
  g_autofree char *prefix = g_strconcat (base, ".damaged-", NULL);
  g_autoptr(GDir) d = NULL;
  const char *name;

  if (exists (ready))
    {
      g_debug ("Finishing a restore that was interrupted");
      return finish_restore (db_path, error);
    }

  if (!exists (tmp))
    return TRUE;

  /* Before the commit point: the old files are all still in place. */
  g_debug ("Clearing a restore that was interrupted");
  for (guint i = 0; i < G_N_ELEMENTS (removed_suffixes); i++)
    {
      g_autofree char *stale = g_strconcat (tmp, removed_suffixes[i], NULL);

      g_unlink (stale);
    }

  d = g_dir_open (dir, 0, NULL);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = NULL;

      if (!g_str_has_prefix (name, prefix))
        continue;
      path = g_build_filename (dir, name, NULL);
      for (guint i = 0; i < G_N_ELEMENTS (kept_suffixes); i++)
        {
          g_autofree char *live = g_strconcat (db_path, kept_suffixes[i], NULL);

          if (same_file (path, live))
            g_unlink (path);
        }
    }

  /* Last, so that a crash in here comes back here. */
  g_unlink (tmp);
  fsync_path (dir);
  return TRUE;
}

/**
 * rounds_store_restore_latest_backup:
 *
 * Restores the newest backup rounds_store_find_restorable_backup() finds,
 * all or nothing, and safe against a crash at any point:
 *
 * 1. the backup is copied beside the database (NAME.restoring), checked
 *    whole (PRAGMA integrity_check) and synced, while the database and
 *    its -wal are untouched;
 * 2. the old database, -wal and -journal get second names
 *    (NAME.damaged-STAMP*, hard links), so their content is kept
 *    whatever happens next;
 * 3. the copy is renamed NAME.restored: the commit point;
 * 4. the old -wal, -shm and -journal are removed and the copy renamed
 *    over the database.
 *
 * A failure before step 4 leaves the practice as it was; one during it
 * puts the old -wal back. If the process dies, the next open
 * (_rounds_store_recover_restore()) finishes a restore that got past
 * step 3 and clears one that did not, so the database is always either
 * the practice as it was, with its -wal, or the backup with the old
 * practice kept whole beside it. The store must not be open.
 *
 * Returns: (transfer full): the path of the backup that was restored.
 */
char *
rounds_store_restore_latest_backup (const char  *db_path,
                                    GError     **error)
{
  g_autofree char *backup = NULL;
  g_autofree char *tmp = g_strconcat (db_path, ".restoring", NULL);
  g_autofree char *ready = g_strconcat (db_path, ".restored", NULL);
  g_autofree char *kept = NULL;
  g_autofree char *dir = g_path_get_dirname (db_path);
  g_autoptr(GError) local_error = NULL;
  sqlite3 *src = NULL;
  int rc;

  /* What an earlier, interrupted restore left. */
  if (!_rounds_store_recover_restore (db_path, error))
    return NULL;

  backup = rounds_store_find_restorable_backup (db_path);
  if (backup == NULL)
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_NO_BACKUP,
                   _("There is no usable backup of this data"));
      return NULL;
    }

  /* 1. Copy the backup beside the database, check it whole, sync it. */
  rc = sqlite3_open_v2 (backup, &src, SQLITE_OPEN_READONLY, NULL);
  if (rc != SQLITE_OK)
    {
      _rounds_store_sqlite_error (src, rc, error, _("The backup cannot be read"));
      sqlite3_close (src);
      return NULL;
    }
  if (!copy_database (src, tmp, &local_error) || fault ("copy", &local_error))
    {
      sqlite3_close (src);
      g_unlink (tmp);
      g_prefix_error (&local_error, _("The backup could not be copied: "));
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  sqlite3_close (src);

  if (full_integrity_check (tmp, &local_error) && !fault ("verify", &local_error) &&
      (!fsync_path (tmp) || fault ("sync", &local_error)) && local_error == NULL)
    g_set_error (&local_error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_IO,
                 _("The restored copy could not be written to the disk"));
  if (local_error != NULL)
    goto undo;

  /* 2. Second names for the old files. */
  kept = aside_name (db_path);
  for (guint i = 0; i < G_N_ELEMENTS (kept_suffixes); i++)
    {
      g_autofree char *from = g_strconcat (db_path, kept_suffixes[i], NULL);
      g_autofree char *to = g_strconcat (kept, kept_suffixes[i], NULL);
      g_autofree char *step = g_strconcat ("keep", kept_suffixes[i], NULL);

      if (!exists (from))
        continue;
      if (fault (step, &local_error) || !keep_file (from, to, &local_error))
        goto undo;
    }
  fsync_path (dir);

  /* 3. The commit point. */
  if (fault ("commit", &local_error))
    goto undo;
  if (g_rename (tmp, ready) != 0)
    {
      int errsv = errno;

      g_set_error (&local_error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_IO,
                   _("Could not rename %s: %s"), tmp, g_strerror (errsv));
      goto undo;
    }
  fsync_path (dir);

  /* 4. The swap. */
  if (!finish_restore (db_path, &local_error))
    {
      /* Put back the old files that were removed (their content is in
       * the kept names), then drop the restore. */
      for (guint i = 0; i < G_N_ELEMENTS (kept_suffixes); i++)
        {
          g_autofree char *live = g_strconcat (db_path, kept_suffixes[i], NULL);
          g_autofree char *name = g_strconcat (kept, kept_suffixes[i], NULL);

          if (exists (name) && !exists (live) && !keep_file (name, live, NULL))
            g_prefix_error (&local_error, _("%s could not be put back from %s. "), live, name);
        }
      g_unlink (ready);
      goto undo;
    }

  g_debug ("Restored a backup; the replaced file was kept");
  return g_steal_pointer (&backup);

undo:
  /* Nothing of the old practice was removed: the kept names are only
   * second names (or copies) of files still in place. */
  for (guint i = 0; kept != NULL && i < G_N_ELEMENTS (kept_suffixes); i++)
    {
      g_autofree char *name = g_strconcat (kept, kept_suffixes[i], NULL);
      g_autofree char *live = g_strconcat (db_path, kept_suffixes[i], NULL);

      if (exists (name) && exists (live))
        g_unlink (name);
    }
  g_unlink (tmp);
  fsync_path (dir);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}
