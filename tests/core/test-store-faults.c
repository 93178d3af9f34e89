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
#define T0 ((gint64)1772463600)

typedef struct
{
  char        *dir;
  char        *path;
  RoundsClock *clock;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("rounds-faults-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("ROUNDS_DATA_DIR", fixture->dir, TRUE);
  fixture->path = g_build_filename (fixture->dir, "rounds.db", NULL);
  fixture->clock = rounds_clock_new_fake (T0);
  fault_vfs_clear ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  fault_vfs_clear ();
  rounds_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->path, g_free);
  g_clear_object (&fixture->clock);
}

static RoundsStore *
open_store (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  RoundsStore *store;

  store = rounds_store_open (fixture->path, fixture->clock, ROUNDS_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (ROUNDS_IS_STORE (store));
  return store;
}

static void
close_store (RoundsStore **store)
{
  g_object_add_weak_pointer (G_OBJECT (*store), (gpointer *)store);
  g_object_unref (*store);
  g_assert_null (*store);
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
count_posts_raw (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint n;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM posts", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static guint
store_count_posts (RoundsStore *store)
{
  return g_list_model_get_n_items (rounds_store_get_posts (store));
}

/* ------------------------------------------------------------------ */
/* Read-only folder, no access, full disk                               */

static void
test_faults_cant_open (Fixture       *fixture,
                       gconstpointer  data)
{
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
/* Empty and header-only files                                          */

/* On a first start (no backup at all), an empty file is a new practice. */
static void
test_faults_empty_file_first_start (Fixture       *fixture,
                                    gconstpointer  data)
{
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

/* A restore that succeeds takes the practice back to the backup, and
 * keeps the replaced file (with its -wal) beside it. */
static void
test_faults_restore_keeps_replaced (Fixture       *fixture,
                                    gconstpointer  data)
{
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

int
main (int   argc,
      char *argv[])
{

  fault_vfs_install ();
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, data) \
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)

  ADD ("/store-faults/cant-open", test_faults_cant_open, NULL);
  ADD ("/store-faults/full/migration", test_faults_full_during_migration, NULL);
  ADD ("/store-faults/full/save", test_faults_full_during_save, NULL);
  ADD ("/store-faults/empty/first-start", test_faults_empty_file_first_start, NULL);
  ADD ("/store-faults/restore/keeps-replaced", test_faults_restore_keeps_replaced, NULL);
  ADD ("/store-faults/path-time-zone", test_faults_path_time_zone, NULL);

#undef ADD

  return g_test_run ();
}
