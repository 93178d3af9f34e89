/* test-store-crash.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "core-test-util.h"
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "rounds-store.h"
#include "rounds-store-private.h"

/* Crash safety: the power goes out or the app is killed while it saves.
 * This program runs itself as a child (`--child DIR ROUND`) that saves
 * 100 posts and reports each id on its stdout as soon as the save has
 * returned. The parent kills it with SIGKILL at a random moment, several
 * times over the same file, and then checks that the file is intact and
 * holds every post whose save was reported, with its exact text. */

#define N_WRITES 100
#define N_ROUNDS 8

static const char *self_path;  /* argv[0]: the child is this program */

static char *
body_for (int round,
          int index)
{
  GString *body = g_string_new (NULL);

  /* Long enough that a write spans several pages. */
  g_string_append_printf (body, "Round %d, post %d.", round, index);
  for (int i = 0; i < 40 + index % 7; i++)
    g_string_append_printf (body, " Line %d of post %d/%d: 'quoted' “curly” 💉;", i, round,
                            index);

  return g_string_free (body, FALSE);
}

static int
run_child (const char *dir,
           int         round)
{
  g_autofree char *path = g_build_filename (dir, "rounds.db", NULL);
  g_autoptr(RoundsClock) clock = rounds_clock_new_real ();
  g_autoptr(RoundsStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = rounds_store_open (path, clock, ROUNDS_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    {
      g_printerr ("child: could not open the store: %s\n", error->message);
      return 1;
    }

  for (int i = 0; i < N_WRITES; i++)
    {
      g_autoptr(RoundsPost) post = rounds_post_new ();
      g_autofree char *body = body_for (round, i);
      g_autofree char *line = NULL;
      RoundsPost *saved;
      gsize len, done = 0;

      rounds_post_set_title (post, "Crash test");
      rounds_post_set_body (post, body);
      rounds_post_set_networks (post, ROUNDS_NETWORK_FACEBOOK);
      saved = rounds_store_save_post (store, post, &error);
      if (saved == NULL)
        {
          g_printerr ("child: save %d failed: %s\n", i, error->message);
          return 1;
        }

      /* Acknowledge at once, unbuffered: "id round index". */
      line = g_strdup_printf ("%" G_GINT64_FORMAT " %d %d\n", rounds_post_get_id (saved),
                              round, i);
      len = strlen (line);
      while (done < len)
        {
          gssize n = write (STDOUT_FILENO, line + done, len - done);

          if (n < 0 && errno == EINTR)
            continue;
          if (n <= 0)
            return 1;
          done += n;
        }
    }

  return 0;
}

typedef struct
{
  gint64 id;
  int    round;
  int    index;
} Ack;

/* Reads whole lines from @fd into @acks until @want acks are in or EOF. */
static gboolean
read_acks (int       fd,
           GString  *pending,
           GArray   *acks,
           guint     want)
{
  char buf[4096];

  while (acks->len < want)
    {
      gssize n = read (fd, buf, sizeof buf);
      char *nl;

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;

      g_string_append_len (pending, buf, n);
      while ((nl = strchr (pending->str, '\n')) != NULL)
        {
          Ack ack;

          *nl = '\0';
          g_assert_cmpint (sscanf (pending->str, "%" G_GINT64_FORMAT " %d %d", &ack.id,
                                   &ack.round, &ack.index), ==, 3);
          g_array_append_val (acks, ack);
          g_string_erase (pending, 0, nl - pending->str + 1);
        }
    }

  return TRUE;
}

/* The server run: every acknowledged post is there, through the store. */
static void
check_server (const char  *path,
              RoundsClock *clock,
              GArray      *acks)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RoundsStore) store = NULL;

  if (acks->len == 0)
    return;
  store = rounds_store_open (path, clock, ROUNDS_STORE_OPEN_NO_BACKUPS, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < acks->len; i++)
    {
      Ack *ack = &g_array_index (acks, Ack, i);
      g_autofree char *expected = body_for (ack->round, ack->index);
      RoundsPost *post = rounds_store_lookup_post (store, ack->id);

      g_assert_nonnull (post);
      g_assert_cmpstr (rounds_post_get_body (post), ==, expected);
    }
}

static void
check_file (const char *path,
            GArray     *acks)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autofree char *check = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  check = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  g_assert_cmpstr (check, ==, "ok");

  /* Killed before the first save: the schema may not even be there yet. */
  if (acks->len == 0)
    {
      sqlite3_close (db);
      return;
    }

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT body FROM posts WHERE id = ?", -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  for (guint i = 0; i < acks->len; i++)
    {
      Ack *ack = &g_array_index (acks, Ack, i);
      g_autofree char *expected = body_for (ack->round, ack->index);

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, ack->id);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        {
          g_test_message ("Acknowledged post %" G_GINT64_FORMAT " (round %d, write %d) is missing",
                          ack->id, ack->round, ack->index);
          g_test_fail ();
          continue;
        }
      if (g_strcmp0 ((const char *)sqlite3_column_text (stmt, 0), expected) != 0)
        {
          g_test_message ("Acknowledged post %" G_GINT64_FORMAT " has other text", ack->id);
          g_test_fail ();
        }
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void
test_store_crash (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("rounds-crash-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(GArray) acks = g_array_new (FALSE, FALSE, sizeof (Ack));
  g_autoptr(RoundsClock) check_clock = rounds_clock_new_real ();
  guint killed_mid_way = 0;
  gboolean finished_once = FALSE;

  g_assert_no_error (error);
  path = g_build_filename (dir, "rounds.db", NULL);

  for (int round = 0; round < N_ROUNDS; round++)
    {
      g_autofree char *round_str = g_strdup_printf ("%d", round);
      g_autoptr(GString) pending = g_string_new (NULL);
      const char *child_argv[] = { self_path, "--child", dir, round_str, NULL };
      GPid pid;
      int out_fd = -1;
      int status = 0;
      guint before = acks->len;
      guint kill_after;
      gboolean ended;

      /* Where to kill: at once (while opening or migrating), after the
       * first write, somewhere in the middle, or never (the last round). */
      if (round == 0)
        kill_after = 0;
      else if (round == 1)
        kill_after = 1;
      else if (round == N_ROUNDS - 1)
        kill_after = N_WRITES + 1;
      else
        kill_after = g_test_rand_int_range (2, N_WRITES);

      g_spawn_async_with_pipes (NULL, (char **)child_argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                NULL, NULL, &pid, NULL, &out_fd, NULL, &error);
      g_assert_no_error (error);

      ended = !read_acks (out_fd, pending, acks, before + MIN (kill_after, N_WRITES));
      if (kill_after <= N_WRITES && !ended)
        {
          /* A little later still, so the kill can land inside a commit. */
          g_usleep (g_test_rand_int_range (0, round == 0 ? 8000 : 1500));
          kill (pid, SIGKILL);
        }

      /* Everything written before the kill was acknowledged too. */
      read_acks (out_fd, pending, acks, G_MAXUINT);
      close (out_fd);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_spawn_close_pid (pid);

      if (WIFSIGNALED (status))
        {
          g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);
          if (acks->len - before > 0 && acks->len - before < N_WRITES)
            killed_mid_way++;
        }
      else
        {
          g_assert_true (WIFEXITED (status));
          g_assert_cmpint (WEXITSTATUS (status), ==, 0);
          g_assert_cmpuint (acks->len - before, ==, N_WRITES);
          finished_once = TRUE;
        }
      g_test_message ("round %d: %u writes acknowledged, %s", round, acks->len - before,
                      WIFSIGNALED (status) ? "killed" : "finished");

      /* After every kill the file must be sound, with every acknowledged post. */
      if (rounds_test_store_on_server ())
        check_server (path, check_clock, acks);
      else if (g_file_test (path, G_FILE_TEST_EXISTS))
        check_file (path, acks);
      else
        g_assert_cmpuint (acks->len, ==, 0);
    }

  /* The test must have done what it claims. */
  g_assert_true (finished_once);
  g_assert_cmpuint (killed_mid_way, >=, 1);
  g_assert_cmpuint (acks->len, >=, N_WRITES);

  /* And Rounds itself opens it with everything in place. */
  {
    g_autoptr(RoundsClock) clock = rounds_clock_new_real ();
    g_autoptr(RoundsStore) store = rounds_store_open (path, clock, ROUNDS_STORE_OPEN_DEFAULT,
                                                      &error);

    g_assert_no_error (error);
    g_assert_nonnull (store);
    g_assert_cmpuint (g_list_model_get_n_items (rounds_store_get_posts (store)), >=, acks->len);
    for (guint i = 0; i < acks->len; i++)
      {
        Ack *ack = &g_array_index (acks, Ack, i);
        g_autofree char *expected = body_for (ack->round, ack->index);
        RoundsPost *post = rounds_store_lookup_post (store, ack->id);

        g_assert_nonnull (post);
        g_assert_true (g_str_equal (rounds_post_get_body (post), expected));
      }
  }

  rounds_test_remove_tree (dir);
}

/* ------------------------------------------------------------------ */
/* Killed during a restore                                              */

/* The practice: RESTORE_IN_BACKUP posts in its backup, RESTORE_SINCE
 * more written to the database file since, and RESTORE_IN_WAL more only
 * in its -wal. Whatever happens, the database afterwards holds either
 * all of them or exactly the backup; a database holding the backup plus
 * RESTORE_SINCE (the old file without its -wal) would be a loss. */
#define RESTORE_IN_BACKUP 150
#define RESTORE_SINCE     20
#define RESTORE_IN_WAL    60
#define RESTORE_ALL       (RESTORE_IN_BACKUP + RESTORE_SINCE + RESTORE_IN_WAL)
#define RESTORE_RANDOM_ROUNDS 12

/* Where a restore can be killed: every step it takes (see
 * rounds-store-private.h). */
static const char *restore_steps[] = {
  "copy", "verify", "sync", "keep", "keep-wal", "commit", "remove-wal", "remove-shm", "move-in",
};

static const char *kill_at_step;

static gboolean
kill_self_at_step (const char *step)
{
  if (g_strcmp0 (step, kill_at_step) == 0)
    kill (getpid (), SIGKILL);
  return FALSE;
}

/* The child: restores the latest backup, killing itself with SIGKILL
 * at @step if one is given; says "start" before and "restored" after. */
static int
run_restore_child (const char *dir,
                   const char *step)
{
  g_autofree char *path = g_build_filename (dir, "rounds.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *used = NULL;

  if (step != NULL)
    {
      kill_at_step = step;
      _rounds_store_fault_hook = kill_self_at_step;
    }
  if (write (STDOUT_FILENO, "start\n", 6) != 6)
    return 1;
  used = rounds_store_restore_latest_backup (path, &error);
  if (used == NULL)
    {
      g_printerr ("restore child: %s\n", error->message);
      return 1;
    }
  return write (STDOUT_FILENO, "restored\n", 9) == 9 ? 0 : 1;
}

static char *
restore_body (int index)
{
  GString *body = g_string_new (NULL);

  g_string_append_printf (body, "Restore test post %d.", index);
  for (int i = 0; i < 30; i++)
    g_string_append_printf (body, " Line %d of post %d, long enough to span pages.", i, index);
  return g_string_free (body, FALSE);
}

static void
save_restore_posts (RoundsStore *store,
                    int          from,
                    int          to)
{
  for (int i = from; i < to; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RoundsPost) post = rounds_post_new ();
      g_autofree char *body = restore_body (i);

      rounds_post_set_body (post, body);
      g_assert_nonnull (rounds_store_save_post (store, post, &error));
      g_assert_no_error (error);
    }
}

static int count_sound_posts (const char *path);

static void
make_restore_scenario (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "rounds.db", NULL);
  g_autofree char *wal = g_build_filename (dir, "rounds.db-wal", NULL);
  g_autoptr(RoundsClock) clock = rounds_clock_new_fake (1772463600);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) backups = NULL;
  sqlite3 *db = NULL;

  {
    g_autoptr(RoundsStore) store = rounds_store_open (path, clock, ROUNDS_STORE_OPEN_DEFAULT,
                                                      &error);

    g_assert_no_error (error);
    save_restore_posts (store, 0, RESTORE_IN_BACKUP);
  }
  /* The next day's first start takes the backup; then more posts. */
  rounds_clock_advance (clock, 25 * 3600);
  {
    g_autoptr(RoundsStore) store = rounds_store_open (path, clock, ROUNDS_STORE_OPEN_DEFAULT,
                                                      &error);

    g_assert_no_error (error);
    save_restore_posts (store, RESTORE_IN_BACKUP, RESTORE_IN_BACKUP + RESTORE_SINCE);
  }
  /* The newest backup, the one a restore takes, holds the first ones. */
  backups = rounds_store_list_backups (path);
  g_assert_nonnull (backups[0]);
  g_assert_cmpint (count_sound_posts (backups[0]), ==, RESTORE_IN_BACKUP);

  /* The last ones only in the -wal: a connection that closes without
   * the checkpoint that would move them into the file. */
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_db_config (db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
  sqlite3_exec (db, "PRAGMA wal_autocheckpoint = 0", NULL, NULL, NULL);
  for (int i = RESTORE_IN_BACKUP + RESTORE_SINCE; i < RESTORE_ALL; i++)
    {
      g_autofree char *body = restore_body (i);
      char *sql = sqlite3_mprintf ("INSERT INTO posts (title, body, status, networks,"
                                   " created_at, updated_at) VALUES ('', %Q, 'draft',"
                                   " 'facebook', 1, 1)", body);

      g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
      sqlite3_free (sql);
    }
  sqlite3_close (db);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
}

/* The posts of @path (read with its own -wal), in order and with their
 * exact text, when it is a sound database; -1 otherwise. */
static int
count_sound_posts (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int n = -1;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    {
      sqlite3_close (db);
      return -1;
    }
  sqlite3_db_config (db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
  if (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW &&
      g_strcmp0 ((const char *)sqlite3_column_text (stmt, 0), "ok") == 0)
    {
      sqlite3_finalize (stmt);
      stmt = NULL;
      if (sqlite3_prepare_v2 (db, "SELECT body FROM posts ORDER BY id", -1, &stmt, NULL) ==
          SQLITE_OK)
        {
          n = 0;
          while (sqlite3_step (stmt) == SQLITE_ROW)
            {
              g_autofree char *expected = restore_body (n);

              if (g_strcmp0 ((const char *)sqlite3_column_text (stmt, 0), expected) != 0)
                {
                  n = -1;
                  break;
                }
              n++;
            }
        }
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

typedef enum { RESTORE_KILLED, RESTORE_FINISHED } RestoreEnd;

/* One restore in a child, killed at @step, or after @kill_after_us
 * (-1: not killed). Then what a user would see: Rounds opens, the
 * practice is whole or is the backup, and a practice replaced by the
 * backup is kept whole beside it. Returns how the child ended and
 * whether the restore took effect. */
static RestoreEnd
restore_round (const char *step,
               gint64      kill_after_us,
               gboolean   *restored,
               gint64     *took_us)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("rounds-crash-restore-XXXXXX", &error);
  g_autofree char *path = NULL;
  const char *argv[] = { self_path, "--restore", NULL, step, NULL };
  g_autoptr(GDir) d = NULL;
  const char *name;
  char buf[32] = { 0 };
  gsize got = 0;
  gboolean whole_kept = FALSE;
  int out_fd = -1, status = 0, in_db;
  gint64 start = 0;
  GPid pid;

  g_assert_no_error (error);
  argv[2] = dir;
  path = g_build_filename (dir, "rounds.db", NULL);
  make_restore_scenario (dir);
  g_assert_cmpint (count_sound_posts (path), ==, RESTORE_ALL);

  g_spawn_async_with_pipes (NULL, (char **)argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                            &pid, NULL, &out_fd, NULL, &error);
  g_assert_no_error (error);

  /* "start\n": the restore begins now. */
  while (got < 6)
    {
      gssize n = read (out_fd, buf + got, 6 - got);

      if (n <= 0)
        break;
      got += n;
    }
  start = g_get_monotonic_time ();
  if (kill_after_us >= 0)
    {
      g_usleep (kill_after_us);
      kill (pid, SIGKILL);
    }
  while (got < sizeof buf - 1)
    {
      gssize n = read (out_fd, buf + got, sizeof buf - 1 - got);

      if (n <= 0)
        break;
      got += n;
    }
  if (took_us != NULL)
    *took_us = g_get_monotonic_time () - start;
  close (out_fd);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);

  if (!WIFSIGNALED (status))
    {
      g_assert_true (WIFEXITED (status));
      g_assert_cmpint (WEXITSTATUS (status), ==, 0);
      g_assert_cmpstr (buf, ==, "start\nrestored\n");
    }

  /* Rounds opens what is there (finishing or clearing the restore). */
  {
    g_autoptr(RoundsClock) clock = rounds_clock_new_fake (1772463600 + 26 * 3600);
    g_autoptr(RoundsStore) store = rounds_store_open (path, clock, ROUNDS_STORE_OPEN_DEFAULT,
                                                      &error);

    g_assert_no_error (error);
    g_assert_nonnull (store);
    in_db = g_list_model_get_n_items (rounds_store_get_posts (store));
  }
  g_test_message ("restore %s %s: rounds.db holds %d posts", step ? step : "(timed)",
                  WIFSIGNALED (status) ? "killed" : "finished", in_db);
  g_assert_true (in_db == RESTORE_ALL || in_db == RESTORE_IN_BACKUP);
  g_assert_cmpint (count_sound_posts (path), ==, in_db);
  *restored = in_db == RESTORE_IN_BACKUP;

  /* Nothing committed is lost: the whole practice, with what was only
   * in its -wal, is rounds.db or a kept copy beside it; no half-made
   * restore file is left. */
  d = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *file = g_build_filename (dir, name, NULL);

      g_assert_false (g_str_has_prefix (name, "rounds.db.restor"));
      if ((g_str_equal (name, "rounds.db") || g_str_has_prefix (name, "rounds.db.damaged-")) &&
          !g_str_has_suffix (name, "-wal") && !g_str_has_suffix (name, "-shm") &&
          count_sound_posts (file) == RESTORE_ALL)
        whole_kept = TRUE;
    }
  g_assert_true (whole_kept);

  rounds_test_remove_tree (dir);
  return WIFSIGNALED (status) ? RESTORE_KILLED : RESTORE_FINISHED;
}

static void
test_store_crash_restore (void)
{
  ROUNDS_TEST_FILE_ONLY ();
  guint killed = 0, restored_after_kill = 0, kept_after_kill = 0;
  gint64 restore_us = 0;
  gboolean restored;

  /* A whole restore, timed. */
  g_assert_cmpint (restore_round (NULL, -1, &restored, &restore_us), ==, RESTORE_FINISHED);
  g_assert_true (restored);

  /* SIGKILL at each step of the restore. */
  for (guint i = 0; i < G_N_ELEMENTS (restore_steps); i++)
    if (restore_round (restore_steps[i], -1, &restored, NULL) == RESTORE_KILLED)
      {
        killed++;
        if (restored)
          restored_after_kill++;
        else
          kept_after_kill++;
      }

  /* And at random moments within a restore's time. */
  for (guint i = 0; i < RESTORE_RANDOM_ROUNDS; i++)
    if (restore_round (NULL, g_test_rand_int_range (0, (int)MAX (restore_us, 1000)), &restored,
                       NULL) == RESTORE_KILLED)
      {
        killed++;
        if (restored)
          restored_after_kill++;
        else
          kept_after_kill++;
      }

  g_test_message ("whole restore took %" G_GINT64_FORMAT " us; %u kills: %u finished at the "
                  "next start, %u left the practice as it was; no post lost",
                  restore_us, killed, restored_after_kill, kept_after_kill);
  /* The test must have done what it claims: killed before and after the
   * commit point. */
  g_assert_cmpuint (restored_after_kill, >=, 1);
  g_assert_cmpuint (kept_after_kill, >=, 1);
}

int
main (int   argc,
      char *argv[])
{
  /* The child: before g_test_init, which would take over the arguments. */
  if (argc == 4 && g_str_equal (argv[1], "--child"))
    return run_child (argv[2], atoi (argv[3]));
  if ((argc == 3 || argc == 4) && g_str_equal (argv[1], "--restore"))
    return run_restore_child (argv[2], argc == 4 ? argv[3] : NULL);

  self_path = argv[0];
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store-crash/sigkill-during-writes", test_store_crash);
  g_test_add_func ("/store-crash/sigkill-during-restore", test_store_crash_restore);

  return g_test_run ();
}
