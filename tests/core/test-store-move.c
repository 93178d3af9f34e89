/* test-store-move.c — a practice from its file to a server and back to checks
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run by build-aux/with-postgresql.sh (suite postgresql): connecting
 * (the failures a practice meets, in words), moving the sample practice
 * SQLite → PostgreSQL with its audit chain, refusing a database that
 * holds a practice, and undoing a copy that does not match.
 */

#include "config.h"

#include <libpq-fe.h>
#include <signal.h>
#include <string.h>

#include "core-test-util.h"
#include "rounds-db.h"
#include "rounds-sample.h"
#include "rounds-server.h"
#include "rounds-store.h"
#include "rounds-store-editor.h"
#include "rounds-store-people.h"
#include "rounds-store-move.h"

#define T0 1767225600   /* 2026-01-01 00:00 UTC */

static char *
admin_conninfo (const char *database)
{
  return g_strdup_printf ("%s dbname=%s", g_getenv ("ROUNDS_TEST_PG"), database);
}

static void
admin (const char *database,
       const char *sql)
{
  g_autofree char *conninfo = admin_conninfo (database);
  PGconn *conn = PQconnectdb (conninfo);
  PGresult *result;

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  result = PQexec (conn, sql);
  if (PQresultStatus (result) != PGRES_COMMAND_OK && PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQerrorMessage (conn));
  PQclear (result);
  PQfinish (conn);
}

static char *
new_database (void)
{
  static int n = 0;
  char *name = g_strdup_printf ("move%d", ++n);
  g_autofree char *sql = g_strdup_printf ("CREATE DATABASE %s", name);

  admin ("rounds", sql);
  return name;
}

/* The server's port from ROUNDS_TEST_PG ("host=DIR port=N user=rounds") */
static guint
server_port (void)
{
  const char *port = strstr (g_getenv ("ROUNDS_TEST_PG"), "port=");

  g_assert_nonnull (port);
  return (guint)g_ascii_strtoull (port + 5, NULL, 10);
}

/* The sample practice in a file of its own */
static char *
make_file_practice (const char  *dir,
                    RoundsClock *clock)
{
  char *path = g_build_filename (dir, "rounds.db", NULL);
  g_autoptr(RoundsStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = rounds_store_open (path, clock, ROUNDS_STORE_OPEN_NO_BACKUPS, &error);
  g_assert_no_error (error);
  g_assert_true (rounds_sample_populate (store, &error));
  g_assert_no_error (error);
  rounds_store_close (store);
  return path;
}

static char *
file_sum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (guchar *)contents, length);
}

/* What every move test starts from: the sample practice in a file of
 * its own (and that file's SHA-256 as made), an empty database on the
 * test's server, and a fake clock. */
typedef struct
{
  RoundsClock *clock;
  char        *dir;
  char        *path;
  char        *database;
  char        *conninfo;
  char        *sum;
} MoveFixture;

static void
move_fixture_set_up (MoveFixture   *f,
                     gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("rounds-move-XXXXXX", NULL);
  f->clock = rounds_clock_new_fake (T0);
  f->path = make_file_practice (f->dir, f->clock);
  f->database = new_database ();
  f->conninfo = admin_conninfo (f->database);
  f->sum = file_sum (f->path);
}

static void
move_fixture_tear_down (MoveFixture   *f,
                        gconstpointer  data)
{
  rounds_test_remove_tree (f->dir);
  g_clear_pointer (&f->sum, g_free);
  g_clear_pointer (&f->conninfo, g_free);
  g_clear_pointer (&f->database, g_free);
  g_clear_pointer (&f->path, g_free);
  g_clear_pointer (&f->dir, g_free);
  g_clear_object (&f->clock);
}

/* Runs the move with @hook inside it, which must make it fail;
 * returns why. */
static GError *
move_failing (MoveFixture         *f,
              RoundsStoreMoveHook  hook,
              GCancellable        *cancellable)
{
  GError *error = NULL;

  _rounds_store_move_hook = hook;
  g_assert_false (rounds_store_move_to_server (f->path, f->conninfo, f->clock, cancellable, NULL,
                                               &error));
  _rounds_store_move_hook = NULL;
  g_assert_nonnull (error);
  return error;
}

/* Nothing of a failed move stayed: the file is as it was, the
 * database holds no practice, and a second try moves it whole. */
static void
assert_nothing_moved (MoveFixture *f)
{
  g_autoptr(RoundsServerConfig) config = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sum = file_sum (f->path);
  RoundsServerProbe probe;

  g_assert_cmpstr (sum, ==, f->sum);

  config = rounds_server_config_new ("127.0.0.1", server_port (), f->database, "rounds", NULL);
  g_assert_true (rounds_server_probe (config, NULL, &probe, &error));
  g_assert_no_error (error);
  g_assert_false (probe.holds_practice);
  g_assert_true (rounds_store_move_to_server (f->path, f->conninfo, f->clock, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (rounds_server_probe (config, NULL, &probe, &error));
  g_assert_no_error (error);
  g_assert_true (probe.holds_practice);
  g_assert_cmpint (probe.schema_version, ==, ROUNDS_STORE_SCHEMA_VERSION);
  g_assert_cmpint (probe.server_version, >=, ROUNDS_SERVER_MIN_VERSION);
}

/* A real 1×1 PNG; @extra bytes after its end make another image (other
 * bytes, other hash) that is still read as a PNG. */
static char *
write_png (const char *dir,
           const char *name,
           const char *extra,
           gsize      *length)
{
  static const char png64[] = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
                              "YPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
  char *path = g_build_filename (dir, name, NULL);
  g_autofree guchar *png = NULL;
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  gsize n;

  png = g_base64_decode (png64, &n);
  g_byte_array_append (bytes, png, n);
  g_byte_array_append (bytes, (const guint8 *)extra, strlen (extra));
  g_assert_true (g_file_set_contents (path, (const char *)bytes->data, bytes->len, NULL));
  *length = bytes->len;
  return path;
}

/* Gives post @id of @store the image @source (imported as the editor
 * does); returns the imported copy's path. */
static char *
attach_image (RoundsStore *store,
              gint64       id,
              const char  *source)
{
  g_autoptr(GPtrArray) media = g_ptr_array_new_with_free_func ((GDestroyNotify)rounds_post_media_free);
  g_autoptr(GError) error = NULL;
  char *copy;

  copy = rounds_store_import_media (store, source, &error);
  g_assert_no_error (error);
  g_ptr_array_add (media, rounds_post_media_new (copy, "A flu shot", FALSE));
  g_assert_true (rounds_store_set_post_media (store, id, media, &error));
  g_assert_no_error (error);
  return copy;
}

/* The image post @id shows on the PC of @store, read as a user's PC
 * would: its bytes' SHA-256, or NULL without one. */
static char *
image_hash_of (RoundsStore *store,
               gint64       id,
               const char  *media_dir)
{
  g_autoptr(GPtrArray) media = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  RoundsPostMedia *m;
  gsize length;

  media = rounds_store_list_post_media (store, id, &error);
  g_assert_no_error (error);
  if (media->len == 0)
    return NULL;
  m = g_ptr_array_index (media, 0);
  /* On this PC's own media folder, not the folder of the PC that added it */
  g_assert_true (g_str_has_prefix (m->path, media_dir));
  if (!g_file_get_contents (m->path, &contents, &length, NULL))
    return NULL;
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (guchar *)contents, length);
}

/* The images move with the posts: copied to the server, checked there,
 * and another PC (another data folder) shows them; an image added on a
 * PC after the move reaches the others too. */
static void
test_move_media (MoveFixture   *f,
                 gconstpointer  data)
{
  g_autofree char *other_dir = g_dir_make_tmp ("rounds-other-pc-XXXXXX", NULL);
  g_autofree char *third_dir = g_dir_make_tmp ("rounds-third-pc-XXXXXX", NULL);
  g_autofree char *other_path = g_build_filename (other_dir, "rounds.db", NULL);
  g_autofree char *third_path = g_build_filename (third_dir, "rounds.db", NULL);
  g_autofree char *other_media = g_build_filename (other_dir, "media", NULL);
  g_autofree char *third_media = g_build_filename (third_dir, "media", NULL);
  g_autofree char *png = NULL, *png2 = NULL, *png3 = NULL;
  g_autofree char *copy = NULL, *copy2 = NULL, *copy3 = NULL;
  g_autofree char *hash = NULL, *hash3 = NULL, *seen = NULL, *seen3 = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(RoundsStore) file = NULL;
  g_autoptr(RoundsStore) other = NULL;
  g_autoptr(RoundsStore) third = NULL;
  g_autoptr(GError) error = NULL;
  RoundsStoreMoveReport report = { 0, };
  gint64 first, second, last;
  GListModel *posts;
  gsize length;

  /* Two posts share one image, a third has one whose file is gone */
  file = rounds_store_open (f->path, f->clock, ROUNDS_STORE_OPEN_NO_BACKUPS, &error);
  g_assert_no_error (error);
  posts = rounds_store_get_posts (file);
  g_assert_cmpuint (g_list_model_get_n_items (posts), >=, 3);
  {
    g_autoptr(RoundsPost) a = g_list_model_get_item (posts, 0);
    g_autoptr(RoundsPost) b = g_list_model_get_item (posts, 1);
    g_autoptr(RoundsPost) c = g_list_model_get_item (posts, 2);

    first = rounds_post_get_id (a);
    second = rounds_post_get_id (b);
    last = rounds_post_get_id (c);
  }
  png = write_png (f->dir, "flu.png", "", &length);
  png2 = write_png (f->dir, "gone.png", "gone", &length);
  copy = attach_image (file, first, png);
  g_free (attach_image (file, second, png));
  copy2 = attach_image (file, last, png2);
  g_assert_cmpint (g_unlink (copy2), ==, 0);
  g_assert_true (g_file_get_contents (copy, &contents, &length, NULL));
  hash = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (guchar *)contents, length);
  rounds_store_close (file);
  g_clear_object (&file);

  g_assert_true (rounds_store_move_to_server (f->path, f->conninfo, f->clock, NULL, &report,
                                              &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_media, ==, 1);
  g_assert_cmpuint (report.n_media_missing, ==, 1);

  /* Another PC, which never had the file nor its media folder (here
   * the folder is moved away: the PCs of a test share one disk), shows
   * the image, byte for byte */
  {
    g_autofree char *media = g_build_filename (f->dir, "media", NULL);
    g_autofree char *away = g_build_filename (f->dir, "media-away", NULL);

    g_assert_cmpint (g_rename (media, away), ==, 0);
  }
  other = rounds_store_open_server (f->conninfo, other_path, f->clock, ROUNDS_STORE_OPEN_NO_BACKUPS,
                                    &error);
  g_assert_no_error (error);
  seen = image_hash_of (other, first, other_media);
  g_assert_cmpstr (seen, ==, hash);
  g_clear_pointer (&seen, g_free);
  seen = image_hash_of (other, second, other_media);
  g_assert_cmpstr (seen, ==, hash);
  g_clear_pointer (&seen, g_free);
  /* the one already gone here is gone there too, and says so as before */
  {
    g_autoptr(GPtrArray) media = rounds_store_list_post_media (other, last, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (media->len, ==, 1);
    g_assert_false (g_file_test (((RoundsPostMedia *)g_ptr_array_index (media, 0))->path,
                                 G_FILE_TEST_EXISTS));
  }

  /* An image added on that PC after the move reaches a third one */
  png3 = write_png (other_dir, "new.png", "new", &length);
  copy3 = attach_image (other, second, png3);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (copy3, &contents, &length, NULL));
  hash3 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (guchar *)contents, length);
  g_assert_cmpint (g_unlink (copy3), ==, 0);   /* only the server has it now */
  third = rounds_store_open_server (f->conninfo, third_path, f->clock, ROUNDS_STORE_OPEN_NO_BACKUPS,
                                    &error);
  g_assert_no_error (error);
  seen3 = image_hash_of (third, second, third_media);
  g_assert_cmpstr (seen3, ==, hash3);

  rounds_store_move_report_clear (&report);
  rounds_store_close (other);
  rounds_store_close (third);
  rounds_test_remove_tree (other_dir);
  rounds_test_remove_tree (third_dir);
}

static void
test_move_round_trip (MoveFixture   *f,
                      gconstpointer  data)
{
  g_autofree char *file_sum_after = NULL;
  g_autoptr(RoundsStore) file = NULL;
  g_autoptr(RoundsStore) server = NULL;
  g_autoptr(RoundsPost) fresh = NULL;
  g_autoptr(GError) error = NULL;
  RoundsStoreMoveReport report = { 0, };
  RoundsAuditCheck file_audit, server_audit;
  GListModel *file_posts, *server_posts;

  rounds_store_move_to_server (f->path, f->conninfo, f->clock, NULL, &report, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_tables, >, 20);
  g_assert_cmpuint (report.n_rows, >, 50);
  g_assert_cmpuint (report.n_audit_entries, >, 0);
  g_assert_true (g_file_test (report.backup_path, G_FILE_TEST_IS_REGULAR));

  /* The file is left as it was: it is the backup */
  file_sum_after = file_sum (f->path);
  g_assert_cmpstr (f->sum, ==, file_sum_after);

  /* What the server shows is what the file showed */
  file = rounds_store_open (f->path, f->clock, ROUNDS_STORE_OPEN_NO_BACKUPS, &error);
  g_assert_no_error (error);
  server = rounds_store_open_server (f->conninfo, f->path, f->clock, ROUNDS_STORE_OPEN_NO_BACKUPS,
                                     &error);
  g_assert_no_error (error);
  g_assert_true (rounds_store_is_on_server (server));
  g_assert_cmpstr (rounds_practice_get_name (rounds_store_get_practice (server)), ==,
                   rounds_practice_get_name (rounds_store_get_practice (file)));
  file_posts = rounds_store_get_posts (file);
  server_posts = rounds_store_get_posts (server);
  g_assert_cmpuint (g_list_model_get_n_items (server_posts), ==,
                    g_list_model_get_n_items (file_posts));
  for (guint i = 0; i < g_list_model_get_n_items (file_posts); i++)
    {
      g_autoptr(RoundsPost) a = g_list_model_get_item (file_posts, i);
      RoundsPost *b = rounds_store_lookup_post (server, rounds_post_get_id (a));

      g_assert_nonnull (b);
      g_assert_cmpstr (rounds_post_get_body (a), ==, rounds_post_get_body (b));
      g_assert_cmpint (rounds_post_get_status (a), ==, rounds_post_get_status (b));
      g_assert_cmpint (rounds_post_get_scheduled_at (a), ==, rounds_post_get_scheduled_at (b));
    }

  /* The audit chain holds on the server, entry for entry */
  g_assert_true (rounds_store_check_audit (file, &file_audit, &error));
  g_assert_true (rounds_store_check_audit (server, &server_audit, &error));
  g_assert_true (file_audit.intact);
  g_assert_true (server_audit.intact);
  g_assert_cmpuint (server_audit.n_entries, ==, file_audit.n_entries);
  g_assert_cmpuint (server_audit.n_entries, ==, report.n_audit_entries);
  rounds_audit_check_clear (&file_audit);
  rounds_audit_check_clear (&server_audit);

  /* Work goes on there: new ids after the copied ones, chain still whole */
  fresh = rounds_post_new ();
  rounds_post_set_title (fresh, "After the move");
  rounds_post_set_body (fresh, "Written on the server.");
  g_clear_object (&fresh);
  {
    g_autoptr(RoundsPost) draft = rounds_post_new ();
    RoundsPost *saved;

    rounds_post_set_title (draft, "After the move");
    rounds_post_set_body (draft, "Written on the server.");
    saved = rounds_store_save_post (server, draft, &error);
    g_assert_no_error (error);
    g_assert_nonnull (saved);
    g_assert_null (rounds_store_lookup_post (file, rounds_post_get_id (saved)));
  }
  g_assert_true (rounds_store_check_audit (server, &server_audit, &error));
  g_assert_true (server_audit.intact);
  g_assert_cmpuint (server_audit.n_entries, ==, report.n_audit_entries + 1);
  rounds_audit_check_clear (&server_audit);
  rounds_store_close (server);
  g_clear_object (&server);

  /* Once there, the database is no place for a second move */
  g_assert_false (rounds_store_move_to_server (f->path, f->conninfo, f->clock, NULL, NULL, &error));
  g_assert_error (error, ROUNDS_SERVER_ERROR, ROUNDS_SERVER_ERROR_NOT_EMPTY);

  rounds_store_move_report_clear (&report);
  rounds_store_close (file);
}

/* The move as the app runs it: on a worker thread while the main loop
 * keeps turning (Preferences → Move This Practice to the Server…). The
 * server's connection the move opens to make the schema must not be
 * watched from the main loop while the worker uses it: a loop that read
 * its socket took the answers the worker waited for, and the move hung
 * at "Copying the practice…" with nothing on the server (issue 20). A
 * few rounds, as the race needs the main loop at the right moment. */
typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
  RoundsStoreMoveReport report;
} AsyncMove;

static void
on_async_moved_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  AsyncMove *move = user_data;

  move->ok = rounds_store_move_to_server_finish (result, &move->report, &move->error);
  move->done = TRUE;
}

static void
test_move_async_with_main_loop (void)
{
  for (guint round = 0; round < 8; round++)
    {
      MoveFixture f = { 0, };
      g_autoptr(RoundsStore) server = NULL;
      g_autoptr(GError) error = NULL;
      AsyncMove move = { 0, };
      /* A hang, told as one rather than left to meson's timeout: far
       * longer than a move of the sample practice takes here. */
      gint64 end;

      move_fixture_set_up (&f, NULL);
      end = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
      rounds_store_move_to_server_async (f.path, f.conninfo, f.clock, NULL, on_async_moved_cb,
                                         &move);
      /* As GTK's loop does while the window is idle: poll, dispatch */
      while (!move.done && g_get_monotonic_time () < end)
        if (!g_main_context_iteration (NULL, FALSE))
          g_usleep (200);
      if (!move.done)
        g_error ("round %u: the move did not end while the main loop ran", round);
      g_assert_no_error (move.error);
      g_assert_true (move.ok);
      g_assert_cmpuint (move.report.n_rows, >, 50);

      server = rounds_store_open_server (f.conninfo, f.path, f.clock, ROUNDS_STORE_OPEN_NO_BACKUPS,
                                         &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (rounds_store_get_posts (server)), >, 0);
      rounds_store_close (server);
      rounds_store_move_report_clear (&move.report);
      move_fixture_tear_down (&f, NULL);
    }
}

/* A copy that differs from the file is undone and says where */
static void
lose_one_post (gpointer db)
{
  int rc = rounds_db_exec (db, "DELETE FROM posts WHERE id = (SELECT max (id) FROM posts)",
                           NULL, NULL, NULL);

  g_assert_cmpint (rc, ==, ROUNDS_DB_OK);
}

static void
test_move_mismatch_rolls_back (MoveFixture   *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = move_failing (f, lose_one_post, NULL);

  g_assert_error (error, ROUNDS_SERVER_ERROR, ROUNDS_SERVER_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "posts:"));
  /* Said first, in words: nothing moved, the file is as it was */
  g_assert_true (g_str_has_prefix (error->message, "Nothing was moved: this PC keeps the "
                                                   "practice in its file, unchanged."));
  assert_nothing_moved (f);
}

/* Whether the move's database has a statement running pg_sleep */
static gboolean
sleep_running (const char *database)
{
  g_autofree char *conninfo = admin_conninfo (database);
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM pg_stat_activity WHERE datname = '%s'"
                                          " AND state = 'active' AND query LIKE '%%pg_sleep%%'"
                                          " AND pid <> pg_backend_pid ()", database);
  PGconn *conn = PQconnectdb (conninfo);
  PGresult *result = PQexec (conn, sql);
  gboolean running = PQresultStatus (result) == PGRES_TUPLES_OK &&
                     atoi (PQgetvalue (result, 0, 0)) > 0;

  PQclear (result);
  PQfinish (conn);
  return running;
}

static GCancellable *move_cancellable;
static char *move_database;

/* The user presses Cancel once the server is busy with a long statement */
static gpointer
cancel_when_busy (gpointer data)
{
  while (!sleep_running (move_database))
    g_usleep (20000);
  g_cancellable_cancel (move_cancellable);
  return NULL;
}

/* A statement that would run for a minute, run as part of the move */
static void
long_statement (gpointer db)
{
  GThread *canceller = g_thread_new ("cancel", cancel_when_busy, NULL);
  int rc = rounds_db_exec (db, "SELECT pg_sleep (60)", NULL, NULL, NULL);

  g_thread_join (canceller);
  g_assert_cmpint (rc, ==, ROUNDS_DB_INTERRUPT);
}

/* Cancel while the server runs a long statement of the move: that
 * statement stops on the server (not in a minute), the copy is undone,
 * the file is as it was and still the practice's, and a later move
 * goes through. */
static void
test_move_cancelled (MoveFixture   *f,
                     gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  gint64 started = g_get_monotonic_time ();

  move_cancellable = cancellable;
  move_database = f->database;
  error = move_failing (f, long_statement, cancellable);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (g_str_has_prefix (error->message, "The move was cancelled. Nothing was moved"));
  /* The long statement was stopped, not waited for */
  g_assert_cmpint (g_get_monotonic_time () - started, <, 50 * G_USEC_PER_SEC);
  g_assert_false (sleep_running (f->database));
  assert_nothing_moved (f);
}

static int paused_pid;

/* The server's process for the move stops answering (as a server
 * paused, or a PC gone to sleep) */
static void
pause_server (gpointer db)
{
  RoundsDbStmt *stmt = NULL;

  g_assert_cmpint (rounds_db_prepare_v2 (db, "SELECT pg_backend_pid ()", -1, &stmt, NULL), ==,
                   ROUNDS_DB_OK);
  g_assert_cmpint (rounds_db_step (stmt), ==, ROUNDS_DB_ROW);
  paused_pid = rounds_db_column_int (stmt, 0);
  rounds_db_finalize (stmt);
  g_assert_cmpint (kill (paused_pid, SIGSTOP), ==, 0);
}

static void
test_move_server_stops_answering (MoveFixture   *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 started = g_get_monotonic_time ();

  _rounds_store_move_silence_ms = 2000;
  error = move_failing (f, pause_server, NULL);
  _rounds_store_move_silence_ms = ROUNDS_STORE_MOVE_SILENCE_MS;
  kill (paused_pid, SIGCONT);
  g_assert_error (error, ROUNDS_SERVER_ERROR, ROUNDS_SERVER_ERROR_UNREACHABLE);
  g_assert_true (g_str_has_prefix (error->message, "The practice server stopped answering"));
  g_assert_nonnull (strstr (error->message, "Nothing was moved"));
  /* Given up after the silence, not waited for for ever */
  g_assert_cmpint (g_get_monotonic_time () - started, <, 60 * G_USEC_PER_SEC);
  assert_nothing_moved (f);
}

/* pg_hba.conf as a practice's server has it: passwords (scram) over
 * TCP for everyone but the test's own superuser. */
static void
require_passwords (void)
{
  static gboolean done = FALSE;
  g_autofree char *hba = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RoundsServerConfig) config = NULL;
  gint64 deadline;

  if (done)
    return;
  done = TRUE;
  hba = g_build_filename (g_getenv ("ROUNDS_TEST_PG_DIR"), "data", "pg_hba.conf", NULL);
  g_file_set_contents (hba,
                       "local all rounds trust\n"
                       "host all rounds 127.0.0.1/32 trust\n"
                       "host all all 127.0.0.1/32 scram-sha-256\n",
                       -1, &error);
  g_assert_no_error (error);
  admin ("rounds", "CREATE ROLE clinic LOGIN PASSWORD 'right-horse-battery'");
  admin ("rounds", "CREATE DATABASE clinicdb OWNER clinic");
  admin ("rounds", "SELECT pg_reload_conf ()");

  /* The reload is a signal: wait until a wrong password is refused */
  config = rounds_server_config_new ("127.0.0.1", server_port (), "clinicdb", "clinic", NULL);
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  for (;;)
    {
      RoundsServerProbe probe;

      g_clear_error (&error);
      if (!rounds_server_probe (config, "wrong", &probe, &error) ||
          g_get_monotonic_time () > deadline)
        break;
      g_usleep (50 * 1000);
    }
  g_assert_error (error, ROUNDS_SERVER_ERROR, ROUNDS_SERVER_ERROR_AUTH);
}

/* What the IT person runs, as Rounds prints it, is enough: the
 * practice's login opens the practice and makes a person's own login
 * (which needs CREATEROLE), and that person signs in with it. */
static void
test_printed_commands_suffice (void)
{
  g_autofree char *dir = g_dir_make_tmp ("rounds-printed-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "rounds.db", NULL);
  g_autoptr(RoundsClock) clock = rounds_clock_new_fake (T0);
  g_autoptr(RoundsServerConfig) config = NULL;
  g_autoptr(RoundsServerConfig) personal = NULL;
  g_autoptr(RoundsStore) store = NULL;
  g_autoptr(RoundsStore) mine = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *conninfo = NULL;
  g_autofree char *password = NULL;
  g_autofree char *personal_conninfo = NULL;
  g_auto(GStrv) statements = NULL;
  g_autoptr(GString) with_password = NULL;
  RoundsPerson *sam;

  require_passwords ();
  config = rounds_server_config_new ("127.0.0.1", server_port (), "printeddb", "printed", NULL);
  sql = rounds_server_dup_sql_commands (config);
  with_password = g_string_new (sql);
  g_assert_cmpuint (g_string_replace (with_password, "<a new password>", "mild-otter-lamp", 0),
                    ==, 1);
  statements = g_strsplit (with_password->str, ";\n", -1);
  for (guint i = 0; statements[i] != NULL; i++)
    admin ("rounds", statements[i]);

  conninfo = rounds_server_config_to_conninfo (config, "mild-otter-lamp");
  store = rounds_store_open_server (conninfo, path, clock, ROUNDS_STORE_OPEN_NO_BACKUPS, &error);
  g_assert_no_error (error);
  sam = rounds_store_add_person (store, "Sam Ortiz", ROUNDS_PERSON_ROLE_MANAGER, &error);
  g_assert_no_error (error);
  password = rounds_store_set_person_login (store, rounds_person_get_id (sam), "sam_ortiz_printed",
                                            &error);
  g_assert_no_error (error);
  g_assert_nonnull (password);

  personal = rounds_server_config_new ("127.0.0.1", server_port (), "printeddb",
                                       "sam_ortiz_printed", NULL);
  personal_conninfo = rounds_server_config_to_conninfo (personal, password);
  mine = rounds_store_open_server (personal_conninfo, path, clock, ROUNDS_STORE_OPEN_NO_BACKUPS,
                                   &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rounds_person_get_name (rounds_store_get_desk_person (mine)), ==, "Sam Ortiz");

  rounds_store_close (mine);
  rounds_store_close (store);
  rounds_test_remove_tree (dir);
}

static void
test_probe_failures (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RoundsServerConfig) good = NULL;
  g_autoptr(RoundsServerConfig) no_db = NULL;
  g_autoptr(RoundsServerConfig) closed = NULL;
  g_autoptr(RoundsServerConfig) with_ca = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) any = NULL;
  g_autoptr(GSocketAddress) bound = NULL;
  g_autofree char *ca = NULL;
  RoundsServerProbe probe;
  guint free_port;

  require_passwords ();
  good = rounds_server_config_new ("127.0.0.1", server_port (), "clinicdb", "clinic", NULL);

  /* Wrong password: said as such, with the user's name */
  g_assert_false (rounds_server_probe (good, "wrong", &probe, &error));
  g_assert_error (error, ROUNDS_SERVER_ERROR, ROUNDS_SERVER_ERROR_AUTH);
  g_assert_nonnull (strstr (error->message, "clinic"));
  g_clear_error (&error);

  /* No password at all */
  g_assert_false (rounds_server_probe (good, NULL, &probe, &error));
  g_assert_error (error, ROUNDS_SERVER_ERROR, ROUNDS_SERVER_ERROR_AUTH);
  g_clear_error (&error);

  /* The right one: connected, nothing there yet */
  g_assert_true (rounds_server_probe (good, "right-horse-battery", &probe, &error));
  g_assert_no_error (error);
  g_assert_cmpint (probe.schema_version, ==, 0);
  g_assert_false (probe.holds_practice);

  /* No such database */
  no_db = rounds_server_config_new ("127.0.0.1", server_port (), "nosuchdb", "clinic", NULL);
  g_assert_false (rounds_server_probe (no_db, "right-horse-battery", &probe, &error));
  g_assert_error (error, ROUNDS_SERVER_ERROR, ROUNDS_SERVER_ERROR_NO_DATABASE);
  g_assert_nonnull (strstr (error->message, "nosuchdb"));
  g_clear_error (&error);

  /* Nothing listens: refused */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  any = g_inet_socket_address_new_from_string ("127.0.0.1", 0);
  g_assert_true (g_socket_bind (socket, any, TRUE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  free_port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_close (socket, NULL);
  closed = rounds_server_config_new ("127.0.0.1", free_port, "clinicdb", "clinic", NULL);
  g_assert_false (rounds_server_probe (closed, "right-horse-battery", &probe, &error));
  g_assert_error (error, ROUNDS_SERVER_ERROR, ROUNDS_SERVER_ERROR_UNREACHABLE);
  g_assert_nonnull (strstr (error->message, "refused"));
  g_clear_error (&error);

  /* A CA file asks for verified TLS; this server has no TLS at all */
  ca = g_build_filename (g_getenv ("ROUNDS_TEST_PG_DIR"), "ca.pem", NULL);
  g_file_set_contents (ca, "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n", -1, NULL);
  with_ca = rounds_server_config_new ("127.0.0.1", server_port (), "clinicdb", "clinic", ca);
  g_assert_false (rounds_server_probe (with_ca, "right-horse-battery", &probe, &error));
  g_assert_error (error, ROUNDS_SERVER_ERROR, ROUNDS_SERVER_ERROR_TLS_REQUIRED);
  g_clear_error (&error);

  /* A practice written by a newer Rounds */
  admin ("clinicdb", "CREATE TABLE public.schema_version (version INTEGER NOT NULL);"
                     "INSERT INTO public.schema_version VALUES (99);"
                     "ALTER TABLE public.schema_version OWNER TO clinic");
  g_assert_false (rounds_server_probe (good, "right-horse-battery", &probe, &error));
  g_assert_error (error, ROUNDS_SERVER_ERROR, ROUNDS_SERVER_ERROR_NEWER_SCHEMA);
  g_clear_error (&error);
  admin ("clinicdb", "DROP TABLE public.schema_version");
}

static void
test_conninfo_and_commands (void)
{
  g_autoptr(RoundsServerConfig) lan = rounds_server_config_new (" 192.168.1.20 ", 0, "rounds",
                                                                "frontdesk", NULL);
  g_autoptr(RoundsServerConfig) here = rounds_server_config_new ("localhost", 5433, "rounds",
                                                                 "frontdesk", NULL);
  g_autoptr(RoundsServerConfig) bad = rounds_server_config_new ("db", 5432, "my db", "x", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *a = rounds_server_config_to_conninfo (lan, "it's \\ secret");
  g_autofree char *b = rounds_server_config_to_conninfo (here, NULL);
  g_autofree char *shell = rounds_server_dup_shell_commands (lan);
  g_autofree char *sql = rounds_server_dup_sql_commands (lan);
  g_autofree char *hba = rounds_server_dup_hba_line (lan);
  PQconninfoOption *options;

  /* TLS required off this PC, not on it; the password survives quoting */
  g_assert_nonnull (strstr (a, "host='192.168.1.20'"));
  g_assert_nonnull (strstr (a, "port='5432'"));
  g_assert_nonnull (strstr (a, "sslmode='require'"));
  g_assert_nonnull (strstr (b, "sslmode='prefer'"));
  options = PQconninfoParse (a, NULL);
  g_assert_nonnull (options);
  for (PQconninfoOption *o = options; o->keyword != NULL; o++)
    if (g_str_equal (o->keyword, "password"))
      g_assert_cmpstr (o->val, ==, "it's \\ secret");
  PQconninfoFree (options);

  g_assert_true (rounds_server_host_is_loopback ("127.0.0.1"));
  g_assert_true (rounds_server_host_is_loopback ("::1"));
  g_assert_true (rounds_server_host_is_loopback ("/run/postgresql"));
  g_assert_false (rounds_server_host_is_loopback ("192.168.1.20"));
  g_assert_false (rounds_server_host_is_loopback ("db.example.org"));

  g_assert_false (rounds_server_config_validate (bad, &error));
  g_assert_error (error, ROUNDS_SERVER_ERROR, ROUNDS_SERVER_ERROR_INVALID);

  g_assert_nonnull (strstr (shell, "createuser --pwprompt --createrole frontdesk"));
  g_assert_nonnull (strstr (shell, "createdb --owner=frontdesk"));
  g_assert_nonnull (strstr (sql, "CREATE DATABASE rounds OWNER frontdesk"));
  g_assert_nonnull (strstr (hba, "hostssl  rounds  frontdesk,+rounds_writer  "));
}

static void
add_move_test (const char *path,
               void      (*test) (MoveFixture *, gconstpointer))
{
  g_test_add (path, MoveFixture, NULL, move_fixture_set_up, test, move_fixture_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store-move/conninfo-and-commands", test_conninfo_and_commands);
  if (g_getenv ("ROUNDS_TEST_PG") != NULL)
    {
      add_move_test ("/store-move/round-trip", test_move_round_trip);
      add_move_test ("/store-move/media", test_move_media);
      g_test_add_func ("/store-move/async-with-main-loop", test_move_async_with_main_loop);
      add_move_test ("/store-move/mismatch-rolls-back", test_move_mismatch_rolls_back);
      add_move_test ("/store-move/cancelled", test_move_cancelled);
      add_move_test ("/store-move/server-stops-answering", test_move_server_stops_answering);
      g_test_add_func ("/store-move/probe-failures", test_probe_failures);
      g_test_add_func ("/store-move/printed-commands-suffice", test_printed_commands_suffice);
    }
  return g_test_run ();
}
