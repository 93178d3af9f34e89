/* rounds-store-backup.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-store"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "rounds-store-private.h"

/* Backups beside the database (backups/NAME-STAMP.db, mode 0600, the
 * newest ROUNDS_STORE_KEEP_BACKUPS kept), and the way back from a damaged
 * file: move it aside, never delete it, and copy the newest good backup
 * into its place. */

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

char *
_rounds_store_backup_connection (sqlite3      *db,
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

  if (!_rounds_store_ensure_open (self, error))
    return NULL;

  return _rounds_store_backup_connection (self->db, self->path, self->clock, error);
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
      if (rc != SQLITE_OK || !_rounds_store_check_integrity (src, NULL))
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
