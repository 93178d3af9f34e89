/* test-store-faults.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "core-test-util.h"
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "fault-vfs.h"
#include "rounds-store.h"
#include "rounds-store-private.h"
#include "rounds-time.h"

/* The ways real office PCs fail, and what the user must see: a second
 * program holding the file, a read-only folder, a full disk, an empty
 * file, a failure half-way through a restore or a backup, two copies of
 * Rounds starting at once, a symlink where the file should be. Each test
 * asserts that no committed row is lost and that the error says what
 * happened (busy, no access, damaged) so that the window offers the
 * right way out. Failures are injected by fault-vfs.h, a wrapper over
 * SQLite's own file layer, so that none of this needs root. */

#define HOUR ((gint64)3600)
#define DAY  ((gint64)86400)

/* Monday 2026-03-02 15:00 UTC */
#define T0 ROUNDS_TEST_T0

static const char *self_path;

/* core-test-util.h: a temporary folder, rounds.db in it, a fake clock. */
typedef RoundsTestStoreFixture Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  rounds_test_store_fixture_set_up (fixture, "rounds-faults-XXXXXX");
  fault_vfs_clear ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  fault_vfs_clear ();
  rounds_test_store_fixture_tear_down (fixture);
}

static RoundsStore *
open_store (Fixture *fixture)
{
  return rounds_test_store_open (fixture);
}

static void
close_store (RoundsStore **store)
{
  rounds_test_store_close (store);
}

static gint64
add_post (RoundsStore *store,
          const char  *body)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RoundsPost) post = rounds_post_new ();
  RoundsPost *saved;

  rounds_post_set_title (post, "Fault test");
  rounds_post_set_body (post, body);
  rounds_post_set_networks (post, ROUNDS_NETWORK_FACEBOOK);
  saved = rounds_store_save_post (store, post, &error);
  g_assert_no_error (error);
  g_assert_nonnull (saved);
  return rounds_post_get_id (saved);
}

/* A practice with @n posts, and the next day's backup that holds them. */
static void
make_practice (Fixture *fixture,
               guint    n)
{
  g_autoptr(RoundsStore) store = open_store (fixture);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *body = g_strdup_printf ("Post number %u of the practice", i);

      add_post (store, body);
    }
  close_store (&store);

  rounds_clock_advance (fixture->clock, DAY + HOUR);
  store = open_store (fixture);
  close_store (&store);
}

static guint
count_posts_raw (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint n;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  /* Counting must not change what it counts: no checkpoint on close,
   * which would fold a -wal into the file and remove it. */
  g_assert_cmpint (sqlite3_db_config (db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM posts", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static char *
file_checksum (const char *path)
{
  return rounds_test_file_checksum (path);
}

static guint
file_mode (const char *path)
{
  return rounds_test_file_mode (path);
}

/* The names in the data folder other than the database and its backups:
 * anything "moved aside" shows up here. */
static guint
count_aside (Fixture *fixture)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;
  guint n = 0;

  while ((name = g_dir_read_name (dir)) != NULL)
    if (strstr (name, ".damaged") != NULL || strstr (name, ".restor") != NULL)
      n++;

  return n;
}

static guint
store_count_posts (RoundsStore *store)
{
  return g_list_model_get_n_items (rounds_store_get_posts (store));
}

/* ------------------------------------------------------------------ */
/* Another program holds the file                                       */

/* The child: holds an exclusive lock on @path (as a database tool, a
 * second Rounds or a backup program doing its own copy would) until its
 * stdin closes. */
static int
run_lock_holder (const char *path)
{
  sqlite3 *db = NULL;
  char c;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
      sqlite3_exec (db, "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE;"
                        "UPDATE practice SET updated_at = updated_at;", NULL, NULL, NULL) !=
        SQLITE_OK)
    {
      g_printerr ("lock holder: %s\n", sqlite3_errmsg (db));
      return 1;
    }

  if (write (STDOUT_FILENO, "locked\n", 7) != 7)
    return 1;
  while (read (STDIN_FILENO, &c, 1) > 0)
    ;
  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (db);
  return 0;
}

static void
test_faults_locked (Fixture       *fixture,
                    gconstpointer  data)
{
  ROUNDS_TEST_FILE_ONLY ();
  const char *argv[] = { self_path, "--hold-lock", fixture->path, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(RoundsStore) store = NULL;
  g_autofree char *before = NULL;
  char buf[16] = { 0 };
  int in_fd = -1, out_fd = -1, status = 0;
  GPid pid;

  make_practice (fixture, 10);
  before = file_checksum (fixture->path);

  g_spawn_async_with_pipes (NULL, (char **)argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                            &pid, &in_fd, &out_fd, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (read (out_fd, buf, 7), ==, 7);
  g_assert_cmpstr (buf, ==, "locked\n");

  /* Busy, not damaged: nothing to restore, nothing renamed. */
  store = rounds_store_open (fixture->path, fixture->clock, ROUNDS_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_BUSY);
  g_clear_error (&error);
  g_assert_cmpuint (count_aside (fixture), ==, 0);
  g_assert_true (g_file_test (fixture->path, G_FILE_TEST_EXISTS));

  /* The other program lets go: Try Again opens everything. */
  close (in_fd);
  close (out_fd);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);

  store = open_store (fixture);
  g_assert_cmpuint (store_count_posts (store), ==, 10);
}

/* ------------------------------------------------------------------ */
/* Read-only folder, no access, full disk                               */

static void
test_faults_read_only (Fixture       *fixture,
                       gconstpointer  data)
{
  ROUNDS_TEST_FILE_ONLY ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RoundsStore) store = NULL;

  make_practice (fixture, 10);
  /* A day later, so that opening wants to write (the daily backup). */
  rounds_clock_advance (fixture->clock, DAY + HOUR);

  fault_vfs_set (FAULT_READ_ONLY, fixture->dir, 0);
  store = rounds_store_open (fixture->path, fixture->clock, ROUNDS_STORE_OPEN_DEFAULT, &error);
  g_assert_cmpuint (fault_vfs.n_injected, >, 0);
  fault_vfs_clear ();
  g_assert_null (store);
  g_assert_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_IO);
  g_clear_error (&error);
  g_assert_cmpuint (count_aside (fixture), ==, 0);

  store = open_store (fixture);
  g_assert_cmpuint (store_count_posts (store), ==, 10);
}

static void
test_faults_cant_open (Fixture       *fixture,
                       gconstpointer  data)
{
  ROUNDS_TEST_FILE_ONLY ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RoundsStore) store = NULL;

  make_practice (fixture, 10);

  fault_vfs_set (FAULT_CANT_OPEN, "rounds.db", 0);
  store = rounds_store_open (fixture->path, fixture->clock, ROUNDS_STORE_OPEN_DEFAULT, &error);
  fault_vfs_clear ();
  g_assert_null (store);
  g_assert_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_IO);
  g_clear_error (&error);
  g_assert_cmpuint (count_aside (fixture), ==, 0);

  store = open_store (fixture);
  g_assert_cmpuint (store_count_posts (store), ==, 10);
}

/* A migration that runs out of space half-way: an I/O error, not
 * "damaged", and the old version is still all there. */
static void
test_faults_full_during_migration (Fixture       *fixture,
                                   gconstpointer  data)
{
  ROUNDS_TEST_FILE_ONLY ();
  g_autofree char *fixture_path = g_test_build_filename (G_TEST_DIST, "data", "store",
                                                         "schema-v2.sql", NULL);
  g_autofree char *sql = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RoundsStore) store = NULL;
  sqlite3 *db = NULL;

  g_file_get_contents (fixture_path, &sql, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open_v2 (fixture->path, &db,
                                    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 2", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_chmod (fixture->path, 0600);

  /* The backup before the migration fits; the migration does not. */
  fault_vfs_set (FAULT_FULL, "rounds.db", 0);
  store = rounds_store_open (fixture->path, fixture->clock, ROUNDS_STORE_OPEN_DEFAULT, &error);
  g_assert_cmpuint (fault_vfs.n_injected, >, 0);
  fault_vfs_clear ();
  g_assert_null (store);
  g_assert_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_IO);
  g_clear_error (&error);
  g_assert_cmpuint (count_aside (fixture), ==, 0);
  g_assert_cmpuint (count_posts_raw (fixture->path), ==, 4);

  /* Space again: it migrates and keeps every post. */
  store = open_store (fixture);
  g_assert_cmpint (rounds_store_get_schema_version (store), ==, ROUNDS_STORE_SCHEMA_VERSION);
  g_assert_cmpuint (store_count_posts (store), ==, 4);
}

/* A save that runs out of space fails, and what was saved before stays. */
static void
test_faults_full_during_save (Fixture       *fixture,
                              gconstpointer  data)
{
  ROUNDS_TEST_FILE_ONLY ();
  g_autoptr(RoundsStore) store = open_store (fixture);
  g_autoptr(RoundsPost) post = rounds_post_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *big = g_strnfill (256 * 1024, 'x');

  for (guint i = 0; i < 10; i++)
    add_post (store, "Saved before the disk filled up");

  rounds_post_set_body (post, big);
  fault_vfs_set (FAULT_FULL, "rounds.db", 4096);
  g_assert_null (rounds_store_save_post (store, post, &error));
  g_assert_cmpuint (fault_vfs.n_injected, >, 0);
  fault_vfs_clear ();
  g_assert_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_IO);
  g_assert_cmpuint (store_count_posts (store), ==, 10);
  close_store (&store);

  store = open_store (fixture);
  g_assert_cmpuint (store_count_posts (store), ==, 10);
}

/* ------------------------------------------------------------------ */
/* Backups                                                              */

/* The daily backup cannot be written (full disk): the practice still
 * opens, and the store says the backup failed. */
static void
test_faults_backup_fails (Fixture       *fixture,
                          gconstpointer  data)
{
  ROUNDS_TEST_FILE_ONLY ();
  g_autoptr(RoundsStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) backups = NULL;

  make_practice (fixture, 10);
  rounds_clock_advance (fixture->clock, DAY + HOUR);

  fault_vfs_set (FAULT_FULL, "backups", 0);
  store = rounds_store_open (fixture->path, fixture->clock, ROUNDS_STORE_OPEN_DEFAULT, &error);
  g_assert_cmpuint (fault_vfs.n_injected, >, 0);
  fault_vfs_clear ();
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpuint (store_count_posts (store), ==, 10);
  g_assert_nonnull (rounds_store_get_backup_error (store));
  g_assert_cmpuint (rounds_store_get_backup_failures (store), ==, 1);

  /* No half-written backup is left to be restored one day: only the two
   * that make_practice() took are there. */
  backups = rounds_store_list_backups (fixture->path);
  g_assert_cmpuint (g_strv_length (backups), ==, 2);
  g_assert_cmpuint (count_posts_raw (backups[0]), ==, 10);

  /* With space again, the next try succeeds and clears the warning. */
  g_assert_true (rounds_store_maybe_daily_backup (store, &error));
  g_assert_no_error (error);
  g_assert_null (rounds_store_get_backup_error (store));
  g_assert_cmpuint (rounds_store_get_backup_failures (store), ==, 0);
  g_clear_pointer (&backups, g_strfreev);
  backups = rounds_store_list_backups (fixture->path);
  g_assert_cmpuint (g_strv_length (backups), ==, 3);
}

/* Opened every day for 40 days: the last week day by day, then one a
 * week for a month, never more than those. */
static void
test_faults_backup_generations (Fixture       *fixture,
                                gconstpointer  data)
{
  ROUNDS_TEST_FILE_ONLY ();
  g_auto(GStrv) backups = NULL;
  gint64 now;
  guint n_week = 0, n_month = 0;

  for (guint day = 0; day < 40; day++)
    {
      g_autoptr(RoundsStore) store = open_store (fixture);

      add_post (store, "Daily work");
      close_store (&store);
      rounds_clock_advance (fixture->clock, DAY);
    }

  now = rounds_clock_get_now (fixture->clock);
  backups = rounds_store_list_backups (fixture->path);
  for (guint i = 0; backups[i] != NULL; i++)
    {
      g_autofree char *base = g_path_get_basename (backups[i]);
      int y, mo, d, h, mi, s;
      g_autoptr(GDateTime) dt = NULL;
      gint64 age;

      g_assert_cmpint (sscanf (base, "rounds-%4d%2d%2d-%2d%2d%2d", &y, &mo, &d, &h, &mi, &s), ==,
                       6);
      dt = g_date_time_new_utc (y, mo, d, h, mi, s);
      age = now - g_date_time_to_unix (dt);
      g_assert_cmpint (age, <=, 35 * DAY);
      if (age <= 7 * DAY)
        n_week++;
      else
        n_month++;
    }
  /* Every day of the last week; about one a week before that. */
  g_assert_cmpuint (n_week, >=, 7);
  g_assert_cmpuint (n_month, >=, 3);
  g_assert_cmpuint (n_month, <=, 4);
}

/* An emptied practice (0-byte file) must not push the good backups out,
 * however many days it is opened. */
static void
test_faults_empty_never_pushes_out_good (Fixture       *fixture,
                                         gconstpointer  data)
{
  ROUNDS_TEST_FILE_ONLY ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) backups = NULL;
  gboolean good_kept = FALSE;

  make_practice (fixture, 10);

  /* Something (a sync tool, a bad copy) leaves a new, empty practice
   * after the backup folder was moved: open it for two weeks. */
  for (guint day = 0; day < 14; day++)
    {
      g_autoptr(RoundsStore) store = NULL;

      rounds_clock_advance (fixture->clock, DAY + HOUR);
      g_assert_cmpint (truncate (fixture->path, 0), ==, 0);
      store = rounds_store_open (fixture->path, fixture->clock, ROUNDS_STORE_OPEN_DEFAULT,
                                 &error);
      /* It is reported as damaged (a practice existed), never opened as
       * a new one over the good backups. */
      g_assert_null (store);
      g_assert_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_CORRUPT);
      g_clear_error (&error);
    }

  backups = rounds_store_list_backups (fixture->path);
  for (guint i = 0; backups[i] != NULL; i++)
    good_kept |= count_posts_raw (backups[i]) == 10;
  g_assert_true (good_kept);
}

/* Even a practice that is really empty now (everything deleted) keeps
 * the last backup that had something in it. */
static void
test_faults_rotation_keeps_last_good (Fixture       *fixture,
                                      gconstpointer  data)
{
  ROUNDS_TEST_FILE_ONLY ();
  g_autoptr(RoundsStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) backups = NULL;
  gboolean good_kept = FALSE;
  gint64 id;

  store = open_store (fixture);
  id = add_post (store, "The only post");
  close_store (&store);
  rounds_clock_advance (fixture->clock, DAY + HOUR);
  store = open_store (fixture);
  g_assert_true (rounds_store_delete_post (store, id, &error));
  g_assert_no_error (error);
  close_store (&store);

  for (guint day = 0; day < 60; day++)
    {
      rounds_clock_advance (fixture->clock, DAY + HOUR);
      store = open_store (fixture);
      close_store (&store);
    }

  backups = rounds_store_list_backups (fixture->path);
  for (guint i = 0; backups[i] != NULL; i++)
    good_kept |= count_posts_raw (backups[i]) == 1;
  g_assert_true (good_kept);
}

static void
test_faults_backup_same_second (Fixture       *fixture,
                                gconstpointer  data)
{
  ROUNDS_TEST_FILE_ONLY ();
  g_autoptr(RoundsStore) store = open_store (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) taken = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) backups = NULL;

  /* Twelve in one second (the clock does not move): listed newest first,
   * in the order they were taken, every time, whatever was pruned. */
  for (guint i = 0; i < 12; i++)
    {
      char *path;

      add_post (store, "One more");
      path = rounds_store_backup (store, &error);
      g_assert_no_error (error);
      g_ptr_array_add (taken, path);
    }

  backups = rounds_store_list_backups (fixture->path);
  g_assert_cmpuint (g_strv_length (backups), >=, 2);
  for (guint i = 0; backups[i] != NULL; i++)
    {
      g_assert_cmpstr (backups[i], ==, g_ptr_array_index (taken, taken->len - 1 - i));
      if (backups[i + 1] != NULL)
        g_assert_cmpuint (count_posts_raw (backups[i]), >, count_posts_raw (backups[i + 1]));
    }
}

/* ------------------------------------------------------------------ */
/* Empty and header-only files                                          */

static void
test_faults_empty_file (Fixture       *fixture,
                        gconstpointer  data)
{
  ROUNDS_TEST_FILE_ONLY ();
  gboolean header_only = GPOINTER_TO_INT (data);
  g_autoptr(RoundsStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *restored = NULL;

  make_practice (fixture, 10);

  if (header_only)
    {
      /* What a crash during the very first write leaves: a valid SQLite
       * header and nothing else. */
      sqlite3 *db = NULL;

      g_assert_cmpint (g_unlink (fixture->path), ==, 0);
      g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL), ==,
                       SQLITE_OK);
      sqlite3_close (db);
    }
  else
    g_assert_cmpint (truncate (fixture->path, 0), ==, 0);

  store = rounds_store_open (fixture->path, fixture->clock, ROUNDS_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_CORRUPT);
  g_clear_error (&error);

  restored = rounds_store_restore_latest_backup (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (restored);
  store = open_store (fixture);
  g_assert_cmpuint (store_count_posts (store), ==, 10);
}

/* On a first start (no backup at all), an empty file is a new practice. */
static void
test_faults_empty_file_first_start (Fixture       *fixture,
                                    gconstpointer  data)
{
  ROUNDS_TEST_FILE_ONLY ();
  g_autoptr(RoundsStore) store = NULL;

  g_assert_true (g_file_set_contents (fixture->path, "", 0, NULL));
  store = open_store (fixture);
  g_assert_cmpuint (store_count_posts (store), ==, 0);
}

/* ------------------------------------------------------------------ */
/* Restore                                                              */

/* A practice whose newest work is still in the -wal file, as after a
 * crash or a power cut: @n_backup posts are in the backup, @n_total in
 * the file. */
static void
make_practice_with_wal (Fixture *fixture,
                        guint    n_backup,
                        guint    n_total)
{
  sqlite3 *db = NULL;
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_auto(GStrv) backups = NULL;

  make_practice (fixture, n_backup);
  backups = rounds_store_list_backups (fixture->path);
  g_assert_cmpuint (g_strv_length (backups), >=, 1);

  /* A second program writes the rest and "crashes": the connection is
   * closed without the checkpoint that would empty the WAL. */
  g_assert_cmpint (sqlite3_open_v2 (fixture->path, &db, SQLITE_OPEN_READWRITE, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_db_config (db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA wal_autocheckpoint = 0", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  for (guint i = n_backup; i < n_total; i++)
    {
      g_autofree char *sql =
        g_strdup_printf ("INSERT INTO posts (title, body, status, networks, created_at,"
                         " updated_at) VALUES ('Fault test', 'Since the backup %u', 'draft',"
                         " 'facebook', %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ")",
                         i, T0, T0);

      g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
    }
  sqlite3_close (db);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_posts_raw (fixture->path), ==, n_total);
}

/* The disk fills up while the backup is copied in: the practice must be
 * exactly as before — with the work that was only in its -wal file. */
static void
test_faults_restore_full (Fixture       *fixture,
                          gconstpointer  data)
{
  ROUNDS_TEST_FILE_ONLY ();
  g_autoptr(GError) error = NULL;
  g_autofree char *restored = NULL;
  g_autoptr(RoundsStore) store = NULL;

  make_practice_with_wal (fixture, 50, 80);

  fault_vfs_set (FAULT_FULL, "rounds.db", 8192);
  restored = rounds_store_restore_latest_backup (fixture->path, &error);
  g_assert_cmpuint (fault_vfs.n_injected, >, 0);
  fault_vfs_clear ();
  g_assert_null (restored);
  g_assert_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_IO);

  g_assert_cmpuint (count_posts_raw (fixture->path), ==, 80);
  store = open_store (fixture);
  g_assert_cmpuint (store_count_posts (store), ==, 80);
}

/* A restore that succeeds takes the practice back to the backup, and
 * keeps the replaced file (with its -wal) beside it. */
static void
test_faults_restore_keeps_replaced (Fixture       *fixture,
                                    gconstpointer  data)
{
  ROUNDS_TEST_FILE_ONLY ();
  g_autoptr(GError) error = NULL;
  g_autofree char *restored = NULL;
  g_autoptr(RoundsStore) store = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autofree char *aside = NULL;
  const char *name;

  make_practice_with_wal (fixture, 50, 80);

  restored = rounds_store_restore_latest_backup (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (restored);

  store = open_store (fixture);
  g_assert_cmpuint (store_count_posts (store), ==, 50);

  /* The replaced file still holds all 80, with its log beside it. */
  dir = g_dir_open (fixture->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (strstr (name, ".damaged-") != NULL && !g_str_has_suffix (name, "-wal") &&
        !g_str_has_suffix (name, "-shm"))
      aside = g_build_filename (fixture->dir, name, NULL);
  g_assert_nonnull (aside);
  g_assert_cmpuint (count_posts_raw (aside), ==, 80);
}

static const char *failing_step;

static gboolean
fail_at_step (const char *step)
{
  return g_strcmp0 (step, failing_step) == 0;
}

static int
compare_names (const void *a,
               const void *b)
{
  return g_strcmp0 (*(const char * const *)a, *(const char * const *)b);
}

/* The names in @dir, sorted. */
static GStrv
list_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_auto(GStrv) result = NULL;
  const char *name;

  /* Not the -shm: SQLite's index of the -wal, rebuilt from the -wal
   * when missing, holds nothing of its own. */
  while ((name = g_dir_read_name (d)) != NULL)
    if (!g_str_has_suffix (name, "-shm"))
      g_strv_builder_add (names, name);
  result = g_strv_builder_end (names);
  qsort (result, g_strv_length (result), sizeof (char *), compare_names);
  return g_steal_pointer (&result);
}

/* A restore that fails at any step — the copy, its check, the sync, the
 * second names, the commit, the removals or the rename — leaves the
 * practice as it was: the same files, every post, including those only
 * in the -wal. */
static void
test_faults_restore_each_step (Fixture       *fixture,
                               gconstpointer  data)
{
  ROUNDS_TEST_FILE_ONLY ();
  static const char *steps[] = {
    "copy", "verify", "sync", "keep", "keep-wal", "commit", "remove-wal", "remove-shm",
    "move-in",
  };

  make_practice_with_wal (fixture, 50, 80);

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *restored = NULL;
      g_auto(GStrv) before = NULL;
      g_auto(GStrv) after = NULL;
      g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
      g_autofree char *wal_sum = NULL;
      g_autofree char *shm = g_strconcat (fixture->path, "-shm", NULL);

      /* Each step only happens when its file is there: the -shm of a
       * closed practice may not be. */
      if (g_str_equal (steps[i], "remove-shm") && !g_file_test (shm, G_FILE_TEST_EXISTS))
        g_assert_true (g_file_set_contents (shm, "", 0, NULL));

      before = list_dir (fixture->dir);
      wal_sum = file_checksum (wal);
      failing_step = steps[i];
      _rounds_store_fault_hook = fail_at_step;
      restored = rounds_store_restore_latest_backup (fixture->path, &error);
      _rounds_store_fault_hook = NULL;

      g_test_message ("failing at %s", steps[i]);
      g_assert_null (restored);
      g_assert_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_IO);
      after = list_dir (fixture->dir);
      g_assert_cmpstrv (after, before);
      g_assert_cmpstr (file_checksum (wal), ==, wal_sum);
      g_assert_cmpuint (count_posts_raw (fixture->path), ==, 80);
    }

  {
    g_autoptr(RoundsStore) store = open_store (fixture);

    g_assert_cmpuint (store_count_posts (store), ==, 80);
  }
}

/* A backup written by a newer Rounds (after a downgrade) is never
 * offered: the newest one this version can open is. */
static void
test_faults_restore_skips_newer (Fixture       *fixture,
                                 gconstpointer  data)
{
  ROUNDS_TEST_FILE_ONLY ();
  g_autoptr(GError) error = NULL;
  g_autofree char *restored = NULL;
  g_autofree char *newer = NULL;
  g_autoptr(RoundsStore) store = NULL;
  g_auto(GStrv) backups = NULL;
  sqlite3 *db = NULL;

  make_practice (fixture, 10);
  backups = rounds_store_list_backups (fixture->path);
  g_assert_cmpuint (g_strv_length (backups), >=, 1);

  /* A newer backup, from a newer version. */
  newer = g_build_filename (fixture->dir, "backups", "rounds-20990101-000000.db", NULL);
  g_assert_cmpint (sqlite3_open (newer, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE posts (id INTEGER PRIMARY KEY);"
                                     "PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  g_assert_true (g_file_set_contents (fixture->path, "garbage garbage garbage", -1, NULL));
  restored = rounds_store_restore_latest_backup (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (restored, ==, backups[0]);

  store = open_store (fixture);
  g_assert_cmpuint (store_count_posts (store), ==, 10);
}

/* ------------------------------------------------------------------ */
/* Two first starts at once                                             */

static int
run_creator (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "rounds.db", NULL);
  g_autoptr(RoundsClock) clock = rounds_clock_new_real ();
  g_autoptr(RoundsStore) store = NULL;
  g_autoptr(GError) error = NULL;
  char c;

  /* Wait for the starting gun, so that both open at the same moment. */
  if (read (STDIN_FILENO, &c, 1) != 1)
    return 2;

  store = rounds_store_open (path, clock, ROUNDS_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    {
      g_printerr ("creator: %s\n", error->message);
      return 1;
    }
  return 0;
}

static void
test_faults_concurrent_create (Fixture       *fixture,
                               gconstpointer  data)
{
  for (guint round = 0; round < 6; round++)
    {
      g_autofree char *dir = g_strdup_printf ("%s/round-%u", fixture->dir, round);
      const char *argv[] = { self_path, "--create", dir, NULL };
      GPid pids[2];
      int in_fds[2];

      for (guint i = 0; i < 2; i++)
        {
          g_autoptr(GError) error = NULL;

          g_spawn_async_with_pipes (NULL, (char **)argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL,
                                    NULL, &pids[i], &in_fds[i], NULL, NULL, &error);
          g_assert_no_error (error);
        }
      for (guint i = 0; i < 2; i++)
        {
          g_assert_cmpint (write (in_fds[i], "g", 1), ==, 1);
          close (in_fds[i]);
        }
      for (guint i = 0; i < 2; i++)
        {
          int status = 0;

          g_assert_cmpint (waitpid (pids[i], &status, 0), ==, pids[i]);
          g_spawn_close_pid (pids[i]);
          /* Both open the practice; neither fails with "already exists". */
          g_assert_true (WIFEXITED (status));
          g_assert_cmpint (WEXITSTATUS (status), ==, 0);
        }
    }
}

/* ------------------------------------------------------------------ */
/* The data folder                                                      */

/* A symlink where rounds.db should be is refused before anything
 * follows it: the file it points to is neither created, nor changed,
 * nor made private to this user. */
static void
test_faults_symlink (Fixture       *fixture,
                     gconstpointer  data)
{
  ROUNDS_TEST_FILE_ONLY ();
  g_autofree char *target = g_build_filename (fixture->dir, "elsewhere.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RoundsStore) store = NULL;
  g_autofree char *before = NULL;

  /* Dangling: the target must not be created. */
  g_assert_cmpint (symlink (target, fixture->path), ==, 0);
  store = rounds_store_open (fixture->path, fixture->clock, ROUNDS_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_IO);
  g_clear_error (&error);
  g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));

  /* To a file that exists: it keeps its mode and its bytes. */
  g_assert_true (g_file_set_contents (target, "someone else's file", -1, NULL));
  g_assert_cmpint (g_chmod (target, 0644), ==, 0);
  before = file_checksum (target);
  store = rounds_store_open (fixture->path, fixture->clock, ROUNDS_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_IO);
  g_assert_cmpuint (file_mode (target), ==, 0644);
  g_assert_cmpstr (file_checksum (target), ==, before);
  g_assert_cmpuint (count_aside (fixture), ==, 0);
}

/* A data folder made readable by others (by an older build, a copy, a
 * umask) is made private again. */
static void
test_faults_folder_mode (Fixture       *fixture,
                         gconstpointer  data)
{
  ROUNDS_TEST_FILE_ONLY ();
  g_autoptr(RoundsStore) store = NULL;

  g_assert_cmpint (g_chmod (fixture->dir, 0755), ==, 0);
  store = open_store (fixture);
  g_assert_cmpuint (file_mode (fixture->dir), ==, 0700);
  g_assert_cmpuint (file_mode (fixture->path), ==, 0600);
}

/* ------------------------------------------------------------------ */
/* Time zones                                                           */

/* A time zone that is a path (from a hostile or damaged file, or TZ) is
 * not a zone: it is refused without GLib reading that file (which would
 * be a critical warning, fatal in tests), and the practice falls back to
 * UTC. */
static void
test_faults_path_time_zone (Fixture       *fixture,
                            gconstpointer  data)
{
  static const char *bad[] = {
    "../../../../etc/passwd", "/etc/passwd", "/etc/localtime", "America/../../../etc/hostname",
    "/dev/zero", ".", "America//New_York", "zone1970.tab", "leapseconds",
  };
  g_autoptr(RoundsPractice) practice = rounds_practice_new ();

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GTimeZone) tz = NULL;

      g_assert_false (rounds_time_zone_is_valid (bad[i]));
      tz = rounds_time_zone_new (bad[i]);
      g_assert_cmpstr (g_time_zone_get_identifier (tz), ==, "UTC");

      rounds_practice_set_timezone (practice, bad[i]);
      g_clear_pointer (&tz, g_time_zone_unref);
      tz = rounds_practice_dup_time_zone (practice);
      g_assert_cmpstr (g_time_zone_get_identifier (tz), ==, "UTC");
    }

  g_assert_true (rounds_time_zone_is_valid ("America/New_York"));
  g_assert_true (rounds_time_zone_is_valid ("UTC"));
  g_assert_true (rounds_time_zone_is_valid ("Etc/GMT+5"));
  g_assert_true (rounds_time_zone_is_valid ("America/Argentina/Buenos_Aires"));
}

/* ------------------------------------------------------------------ */
/* A tamper-evident audit log                                           */

/* Ten posts, each created and sent to review: twenty entries. */
static void
make_history (Fixture *fixture)
{
  g_autoptr(RoundsStore) store = open_store (fixture);

  for (guint i = 0; i < 10; i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 id = add_post (store, "A post with a history");

      g_assert_true (rounds_store_set_post_status (store, id, ROUNDS_POST_STATUS_IN_REVIEW, NULL,
                                                   &error));
      g_assert_no_error (error);
    }
}

/* Changes the file behind Rounds' back, as someone with a database tool
 * would (the append-only triggers are dropped first). */
static void
tamper (Fixture    *fixture,
        const char *sql)
{
  sqlite3 *db = NULL;
  g_autofree char *all = g_strconcat ("DROP TRIGGER audit_log_no_update;"
                                      "DROP TRIGGER audit_log_no_delete;", sql, NULL);

  g_assert_cmpint (sqlite3_open_v2 (fixture->path, &db, SQLITE_OPEN_READWRITE, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, all, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
check_audit (Fixture          *fixture,
             RoundsAuditCheck *check)
{
  g_autoptr(RoundsStore) store = open_store (fixture);
  g_autoptr(GError) error = NULL;
  const RoundsAuditCheck *at_open = rounds_store_get_audit_check (store);

  g_assert_true (rounds_store_check_audit (store, check, &error));
  g_assert_no_error (error);
  /* The check at start says the same as the one on demand. */
  g_assert_cmpint (at_open->intact, ==, check->intact);
  g_assert_cmpint (at_open->broken_id, ==, check->broken_id);
}

static void
test_faults_audit_intact (Fixture       *fixture,
                          gconstpointer  data)
{
  ROUNDS_TEST_FILE_ONLY ();
  g_auto(RoundsAuditCheck) check = { 0 };

  make_history (fixture);
  check_audit (fixture, &check);
  g_assert_true (check.intact);
  g_assert_cmpuint (check.n_entries, ==, 20);
  g_assert_null (check.problem);
}

static void
test_faults_audit_changed (Fixture       *fixture,
                           gconstpointer  data)
{
  ROUNDS_TEST_FILE_ONLY ();
  g_auto(RoundsAuditCheck) check = { 0 };

  make_history (fixture);
  tamper (fixture, "UPDATE audit_log SET actor = 'Someone else' WHERE id = 7");
  check_audit (fixture, &check);
  g_assert_false (check.intact);
  g_assert_cmpint (check.broken_id, ==, 7);
  g_assert_nonnull (strstr (check.problem, "Entry 7 "));
  g_assert_nonnull (strstr (check.problem, "changed after it was written"));
}

static void
test_faults_audit_removed (Fixture       *fixture,
                           gconstpointer  data)
{
  ROUNDS_TEST_FILE_ONLY ();
  g_auto(RoundsAuditCheck) check = { 0 };

  make_history (fixture);
  tamper (fixture, "DELETE FROM audit_log WHERE id IN (11, 12)");
  check_audit (fixture, &check);
  g_assert_false (check.intact);
  g_assert_cmpint (check.broken_id, ==, 13);
  g_assert_nonnull (strstr (check.problem, "between 10 and this one were removed"));
}

static void
test_faults_audit_truncated (Fixture       *fixture,
                             gconstpointer  data)
{
  ROUNDS_TEST_FILE_ONLY ();
  g_auto(RoundsAuditCheck) check = { 0 };

  make_history (fixture);
  tamper (fixture, "DELETE FROM audit_log WHERE id >= 19");
  check_audit (fixture, &check);
  g_assert_false (check.intact);
  g_assert_cmpint (check.broken_id, ==, 19);
  g_assert_nonnull (strstr (check.problem, "from 19 on, were removed"));
}

static void
test_faults_audit_forged (Fixture       *fixture,
                          gconstpointer  data)
{
  ROUNDS_TEST_FILE_ONLY ();
  g_auto(RoundsAuditCheck) check = { 0 };

  make_history (fixture);
  /* Slipped in between two entries, without a hash. */
  tamper (fixture, "UPDATE audit_log SET id = id + 100 WHERE id > 5;"
                   "INSERT INTO audit_log (id, at, actor, entity_type, entity_id, action)"
                   " VALUES (6, 1772463600, 'Nobody', 'post', 1, 'approved')");
  check_audit (fixture, &check);
  g_assert_false (check.intact);
  g_assert_cmpint (check.broken_id, ==, 6);
  g_assert_nonnull (strstr (check.problem, "no fingerprint"));
}

/* Entries written before the chain existed (a version 2 file) are
 * chained by the migration, and new ones continue the chain. */
static void
test_faults_audit_migrated (Fixture       *fixture,
                            gconstpointer  data)
{
  ROUNDS_TEST_FILE_ONLY ();
  g_autofree char *fixture_path = g_test_build_filename (G_TEST_DIST, "data", "store",
                                                         "schema-v2.sql", NULL);
  g_autofree char *sql = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(RoundsAuditCheck) check = { 0 };
  sqlite3 *db = NULL;

  g_file_get_contents (fixture_path, &sql, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 2", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  {
    g_autoptr(RoundsStore) store = open_store (fixture);

    g_assert_true (rounds_store_set_post_status (store, 2, ROUNDS_POST_STATUS_IN_REVIEW, NULL,
                                                 &error));
    g_assert_no_error (error);
  }
  check_audit (fixture, &check);
  g_assert_true (check.intact);
  g_assert_cmpuint (check.n_entries, ==, 4);

  /* And the chained old entries are still append-only. */
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE audit_log SET actor = 'x' WHERE id = 1", NULL, NULL,
                                 NULL), ==, SQLITE_CONSTRAINT);
  sqlite3_close (db);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && g_str_equal (argv[1], "--hold-lock"))
    return run_lock_holder (argv[2]);
  if (argc == 3 && g_str_equal (argv[1], "--create"))
    return run_creator (argv[2]);

  self_path = argv[0];
  fault_vfs_install ();
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, data) \
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)

  ADD ("/store-faults/locked", test_faults_locked, NULL);
  ADD ("/store-faults/read-only", test_faults_read_only, NULL);
  ADD ("/store-faults/cant-open", test_faults_cant_open, NULL);
  ADD ("/store-faults/full/migration", test_faults_full_during_migration, NULL);
  ADD ("/store-faults/full/save", test_faults_full_during_save, NULL);
  ADD ("/store-faults/backup/fails", test_faults_backup_fails, NULL);
  ADD ("/store-faults/backup/generations", test_faults_backup_generations, NULL);
  ADD ("/store-faults/backup/empty-never-pushes-out-good", test_faults_empty_never_pushes_out_good,
       NULL);
  ADD ("/store-faults/backup/keeps-last-good", test_faults_rotation_keeps_last_good, NULL);
  ADD ("/store-faults/backup/same-second", test_faults_backup_same_second, NULL);
  ADD ("/store-faults/empty/zero-bytes", test_faults_empty_file, GINT_TO_POINTER (FALSE));
  ADD ("/store-faults/empty/header-only", test_faults_empty_file, GINT_TO_POINTER (TRUE));
  ADD ("/store-faults/empty/first-start", test_faults_empty_file_first_start, NULL);
  ADD ("/store-faults/restore/disk-full", test_faults_restore_full, NULL);
  ADD ("/store-faults/restore/keeps-replaced", test_faults_restore_keeps_replaced, NULL);
  ADD ("/store-faults/restore/skips-newer-version", test_faults_restore_skips_newer, NULL);
  ADD ("/store-faults/restore/each-step", test_faults_restore_each_step, NULL);
  ADD ("/store-faults/concurrent-create", test_faults_concurrent_create, NULL);
  ADD ("/store-faults/symlink", test_faults_symlink, NULL);
  ADD ("/store-faults/folder-mode", test_faults_folder_mode, NULL);
  ADD ("/store-faults/path-time-zone", test_faults_path_time_zone, NULL);

  ADD ("/store-faults/audit/intact", test_faults_audit_intact, NULL);
  ADD ("/store-faults/audit/changed", test_faults_audit_changed, NULL);
  ADD ("/store-faults/audit/removed", test_faults_audit_removed, NULL);
  ADD ("/store-faults/audit/truncated", test_faults_audit_truncated, NULL);
  ADD ("/store-faults/audit/forged", test_faults_audit_forged, NULL);
  ADD ("/store-faults/audit/migrated", test_faults_audit_migrated, NULL);

#undef ADD

  return g_test_run ();
}
