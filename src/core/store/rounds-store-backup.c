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
 * beside the database, checked again (PRAGMA integrity_check), and only
 * then swapped in by renames; the replaced file keeps its -wal and -shm
 * under its new name. Any failure before the swap leaves the practice
 * exactly as it was, WAL included; a failure during it puts back what
 * was moved. */

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
    rc = sqlite3_backup_step (backup, 256);
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
  name = next < 0 ? g_strdup_printf ("%s.db", stamp_prefix)
                  : g_strdup_printf ("%s-%" G_GINT64_FORMAT ".db", stamp_prefix, next + 1);
  path = g_build_filename (dir, name, NULL);

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

  return _rounds_store_backup_connection (self->db, self->path, self->clock, error);
}

/* Remembers the outcome, also in kv "backup.failures" so that failures
 * count across restarts. Writing that may itself fail on a full disk;
 * then the count in memory still counts. */
static void
note_backup_result (RoundsStore *self,
                    const char  *message,
                    gboolean     ok)
{
  sqlite3_stmt *stmt;
  guint stored = 0;

  g_clear_pointer (&self->backup_error, g_free);

  stmt = _rounds_store_prepare (self, "SELECT value FROM kv WHERE key = 'backup.failures'",
                                NULL);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    stored = (guint)g_ascii_strtoull (_rounds_store_column_text (stmt, 0), NULL, 10);
  if (stmt != NULL)
    sqlite3_reset (stmt);

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
  note_backup_result (self, error != NULL && *error != NULL ? (*error)->message : NULL,
                      path != NULL);
  return path != NULL;
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

typedef struct
{
  char *from;
  char *to;
} Rename;

static void
rename_clear (Rename *r)
{
  g_clear_pointer (&r->from, g_free);
  g_clear_pointer (&r->to, g_free);
}

/* Puts back, newest first, what was renamed; says what could not be. */
static void
undo_renames (GArray  *done,
              GError **error)
{
  for (guint i = done->len; i > 0; i--)
    {
      Rename *r = &g_array_index (done, Rename, i - 1);

      if (g_rename (r->to, r->from) != 0)
        {
          int errsv = errno;

          g_prefix_error (error, _("%s could not be put back from %s (%s). "), r->from, r->to,
                          g_strerror (errsv));
        }
    }
}

/**
 * rounds_store_restore_latest_backup:
 *
 * Restores the newest backup rounds_store_find_restorable_backup() finds,
 * all or nothing: the backup is copied next to the database and checked
 * (PRAGMA integrity_check) while the database and its -wal are untouched;
 * only then is the database (with -wal, -shm, -journal) renamed to
 * `NAME.damaged-STAMP` and the copy renamed into its place. If anything
 * fails, the practice is as it was. The store must not be open.
 *
 * Returns: (transfer full): the path of the backup that was restored.
 */
char *
rounds_store_restore_latest_backup (const char  *db_path,
                                    GError     **error)
{
  static const char *suffixes[] = { "", "-wal", "-shm", "-journal" };
  g_autofree char *backup = rounds_store_find_restorable_backup (db_path);
  g_autofree char *tmp = NULL;
  g_autofree char *dir = g_path_get_dirname (db_path);
  g_autofree char *aside = NULL;
  g_autoptr(GArray) done = g_array_new (FALSE, TRUE, sizeof (Rename));
  g_autoptr(GError) local_error = NULL;
  sqlite3 *src = NULL;
  int rc;

  g_array_set_clear_func (done, (GDestroyNotify)rename_clear);

  if (backup == NULL)
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_NO_BACKUP,
                   _("There is no usable backup of this data"));
      return NULL;
    }

  /* 1. Copy the backup beside the database. A copy left by an earlier
   *    restore that was interrupted is ours to replace. */
  tmp = g_strconcat (db_path, ".restoring", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *stale = g_strconcat (tmp, suffixes[i], NULL);

      g_unlink (stale);
    }

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

  /* 2. Check the copy whole, and make sure it is on the disk. */
  if (full_integrity_check (tmp, &local_error) && !fault ("verify", &local_error) &&
      (!fsync_path (tmp) || fault ("sync", &local_error)) && local_error == NULL)
    g_set_error (&local_error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_IO,
                 _("The restored copy could not be written to the disk"));
  if (local_error != NULL)
    {
      g_unlink (tmp);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  /* 3. Swap by renames: the database and its -wal, -shm and -journal go
   *    aside together (a -wal left behind would be applied to the
   *    restored file), then the copy comes in. */
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
    g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");

    aside = g_strdup_printf ("%s.damaged-%s", db_path, stamp);
    for (guint n = 2; g_file_test (aside, G_FILE_TEST_EXISTS); n++)
      {
        g_free (aside);
        aside = g_strdup_printf ("%s.damaged-%s-%u", db_path, stamp, n);
      }
  }

  for (guint i = 0; i <= G_N_ELEMENTS (suffixes); i++)
    {
      Rename r = { 0 };
      g_autofree char *step = NULL;

      if (i < G_N_ELEMENTS (suffixes))
        {
          r.from = g_strconcat (db_path, suffixes[i], NULL);
          r.to = g_strconcat (aside, suffixes[i], NULL);
          step = g_strconcat ("move-aside", suffixes[i], NULL);
        }
      else
        {
          r.from = g_strdup (tmp);
          r.to = g_strdup (db_path);
          step = g_strdup ("move-in");
        }

      if (!g_file_test (r.from, G_FILE_TEST_EXISTS))
        {
          rename_clear (&r);
          continue;
        }

      if (fault (step, &local_error) || g_rename (r.from, r.to) != 0)
        {
          if (local_error == NULL)
            {
              int errsv = errno;

              g_set_error (&local_error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_IO,
                           _("Could not rename %s: %s"), r.from, g_strerror (errsv));
            }
          rename_clear (&r);
          undo_renames (done, &local_error);
          g_unlink (tmp);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      g_array_append_val (done, r);
    }

  /* The renames themselves survive a power cut. */
  fsync_path (dir);
  g_debug ("Restored a backup; the replaced file was kept");

  return g_steal_pointer (&backup);
}
