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
      if (g_file_test (path, G_FILE_TEST_EXISTS))
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

int
main (int   argc,
      char *argv[])
{
  /* The child: before g_test_init, which would take over the arguments. */
  if (argc == 4 && g_str_equal (argv[1], "--child"))
    return run_child (argv[2], atoi (argv[3]));

  self_path = argv[0];
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store-crash/sigkill-during-writes", test_store_crash);

  return g_test_run ();
}
