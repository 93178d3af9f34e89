/* bench-publish.c — the main loop's longest stall while 200 posts go out
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "rounds-context.h"
#include "rounds-publisher.h"
#include "sink-connector.h"

/* Publishing must not block the UI (issue 12, target: no stall of the
 * main loop over 16 ms). 200 posts are due at once on four accounts; the
 * sink server (tests/core/sink-connector.c) runs in a process of its own
 * on 127.0.0.1. A 1 ms timer on the main loop records how late each of
 * its dispatches is; the longest lateness is the longest stall any
 * publishing work caused (SQLite writes, the re-scan, HTTP). On a
 * loaded machine a gap also holds the time the thread waited for a CPU,
 * so the bench also reports the main thread's own CPU time in each gap
 * (CLOCK_THREAD_CPUTIME_ID): the work that really ran on the main loop.
 *
 *   build/bench/bench-publish [N_POSTS]                                */

#define N_ACCOUNTS 4

static RoundsConnector *
make_sink (RoundsAccount  *account,
           const char     *credentials,
           gpointer        user_data,
           GError        **error)
{
  return sink_connector_new (user_data);
}

typedef struct
{
  gint64     last;
  gint64     max_gap;
  gint64     max_gap_at;   /* when the longest stall ended */
  gint64     last_cpu;
  gint64     last_wait;
  gint64     max_gap_wait; /* of the longest stall, waiting for a CPU */
  gint64     max_gap_cpu;  /* of the longest stall, running */
  gint64     max_cpu;      /* most main-thread CPU time in one gap */
  gint64     max_cpu_at;
  GArray    *cpu_gaps;
  GArray    *gaps;
  GMainLoop *loop;
  guint      finished;
  guint      want;
  RoundsStore *store;
} Bench;

static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64)ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

/* How long this thread has waited for a CPU while runnable (the
 * scheduler's run delay), in microseconds; 0 when the kernel does not
 * say. */
static gint64
thread_wait_us (void)
{
  g_autofree char *text = NULL;
  guint64 run = 0, wait = 0;

  if (!g_file_get_contents ("/proc/thread-self/schedstat", &text, NULL, NULL) ||
      sscanf (text, "%" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT, &run, &wait) != 2)
    return 0;
  return (gint64)(wait / 1000);
}

static gint64
process_cpu_us (void)
{
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  return (gint64)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * G_USEC_PER_SEC +
         ru.ru_utime.tv_usec + ru.ru_stime.tv_usec;
}

static gboolean
on_tick_cb (gpointer user_data)
{
  Bench *b = user_data;
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = thread_cpu_us ();
  gint64 wait = thread_wait_us ();
  gint64 gap = now - b->last;
  gint64 cpu_gap = cpu - b->last_cpu;
  gint64 wait_gap = wait - b->last_wait;

  g_array_append_val (b->gaps, gap);
  g_array_append_val (b->cpu_gaps, cpu_gap);
  if (cpu_gap > b->max_cpu)
    {
      b->max_cpu = cpu_gap;
      b->max_cpu_at = now;
    }
  b->last_cpu = cpu;
  b->last_wait = wait;
  if (gap > b->max_gap)
    {
      b->max_gap = gap;
      b->max_gap_at = now;
      b->max_gap_wait = wait_gap;
      b->max_gap_cpu = cpu_gap;
    }
  b->last = now;
  return G_SOURCE_CONTINUE;
}

static void
on_idle_cb (RoundsPublisher *publisher,
            Bench           *b)
{
  g_autoptr(GPtrArray) due = rounds_store_list_due_publications (b->store, G_MAXINT64 / 2, NULL);
  g_autoptr(GPtrArray) publishing = rounds_store_list_publishing (b->store, NULL);

  if (due->len == 0 && publishing->len == 0)
    g_main_loop_quit (b->loop);
}

static void
on_secret_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  rounds_secrets_store_finish (ROUNDS_SECRETS (source), result, NULL);
  g_main_loop_quit (user_data);
}

static int
compare_gaps (gconstpointer a,
              gconstpointer b)
{
  gint64 x = *(const gint64 *)a, y = *(const gint64 *)b;

  return (x > y) - (x < y);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *base = NULL;
  g_autoptr(RoundsClock) clock = rounds_clock_new_real ();
  g_autoptr(RoundsStore) store = NULL;
  g_autoptr(RoundsContext) context = NULL;
  g_autoptr(RoundsSecrets) secrets = rounds_secrets_new_in_memory ();
  g_autoptr(RoundsPublisher) publisher = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  const char *server_argv[] = { argv[0], "--server", NULL };
  gint64 account_ids[N_ACCOUNTS];
  guint n_posts = 200;
  char port[16] = { 0 };
  GPid server_pid;
  int server_in = -1, server_out = -1;
  gint64 started, now, cpu_started, process_started;
  Bench b = { 0 };
  guint tick_id;

  if (argc == 2 && g_str_equal (argv[1], "--server"))
    return sink_server_run (0);
  if (argc > 1)
    n_posts = (guint)g_ascii_strtoull (argv[1], NULL, 10);

  g_spawn_async_with_pipes (NULL, (char **)server_argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL,
                            NULL, &server_pid, &server_in, &server_out, NULL, &error);
  g_assert_no_error (error);
  if (read (server_out, port, sizeof port - 1) <= 0)
    return 1;
  g_strchomp (port);
  base = g_strdup_printf ("http://127.0.0.1:%s", port);

  dir = g_dir_make_tmp ("rounds-bench-publish-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "rounds.db", NULL);
  store = rounds_store_open (path, clock, ROUNDS_STORE_OPEN_NO_BACKUPS, &error);
  g_assert_no_error (error);
  context = rounds_context_new (store, FALSE);
  now = rounds_clock_get_now (clock);

  for (guint i = 0; i < N_ACCOUNTS; i++)
    {
      g_autofree char *handle = g_strdup_printf ("clinic%u", i);
      RoundsAccount *account = rounds_store_add_account (store, ROUNDS_NETWORK_MASTODON, base,
                                                         handle, "Bench", "1", 0, &error);

      g_assert_no_error (error);
      account_ids[i] = rounds_account_get_id (account);
      rounds_secrets_store_async (secrets, rounds_account_get_secret_id (account), "bench",
                                  "{}", NULL, on_secret_cb, loop);
      g_main_loop_run (loop);
    }

  for (guint i = 0; i < n_posts; i++)
    {
      g_autoptr(RoundsPost) post = rounds_post_new ();
      g_autofree char *body = g_strdup_printf ("Flu shots are in: walk in any weekday morning "
                                               "this month. Open house %u.", i);
      RoundsPost *saved;

      rounds_post_set_title (post, "Flu shots");
      rounds_post_set_body (post, body);
      rounds_post_set_networks (post, ROUNDS_NETWORK_MASTODON);
      rounds_post_set_scheduled_at (post, now - 60);
      saved = rounds_store_import_post (store, post, ROUNDS_POST_STATUS_SCHEDULED, "bench",
                                        &error);
      g_assert_no_error (error);
      rounds_store_set_post_accounts (store, rounds_post_get_id (saved),
                                      &account_ids[i % N_ACCOUNTS], 1, &error);
      g_assert_no_error (error);
    }

  b.gaps = g_array_new (FALSE, FALSE, sizeof (gint64));
  b.cpu_gaps = g_array_new (FALSE, FALSE, sizeof (gint64));
  b.loop = loop;
  b.store = store;
  publisher = rounds_publisher_new (store, rounds_context_get_scanner (context), secrets);
  rounds_publisher_set_connector_factory (publisher, make_sink, g_strdup (base), g_free);
  g_signal_connect (publisher, "idle", G_CALLBACK (on_idle_cb), &b);

  b.last = g_get_monotonic_time ();
  b.last_cpu = cpu_started = thread_cpu_us ();
  b.last_wait = thread_wait_us ();
  process_started = process_cpu_us ();
  tick_id = g_timeout_add_full (G_PRIORITY_HIGH, 1, on_tick_cb, &b, NULL);
  started = g_get_monotonic_time ();
  rounds_publisher_start (publisher, FALSE);
  g_main_loop_run (loop);
  g_source_remove (tick_id);

  cpu_started = thread_cpu_us () - cpu_started;
  process_started = process_cpu_us () - process_started;
  g_array_sort (b.gaps, compare_gaps);
  g_array_sort (b.cpu_gaps, compare_gaps);
  printf ("%u publications on %d accounts in %.2f s\n", n_posts, N_ACCOUNTS,
          (g_get_monotonic_time () - started) / 1e6);
  printf ("main loop: longest stall %.1f ms (ending %.0f ms after the start), p99 gap %.1f ms, "
          "p50 gap %.1f ms (1 ms timer, %u dispatches)\n",
          b.max_gap / 1000.0, (b.max_gap_at - started) / 1000.0,
          g_array_index (b.gaps, gint64, (guint)(b.gaps->len * 0.99)) / 1000.0,
          g_array_index (b.gaps, gint64, b.gaps->len / 2) / 1000.0, b.gaps->len);
  printf ("longest stall: %.1f ms running on the main thread, %.1f ms waiting for a CPU\n",
          b.max_gap_cpu / 1000.0, b.max_gap_wait / 1000.0);
  printf ("main thread CPU: most in one gap %.1f ms (ending %.0f ms after the start), "
          "p99 %.1f ms; %.0f ms in all; process CPU %.0f ms\n",
          b.max_cpu / 1000.0, (b.max_cpu_at - started) / 1000.0,
          g_array_index (b.cpu_gaps, gint64, (guint)(b.cpu_gaps->len * 0.99)) / 1000.0,
          cpu_started / 1000.0, process_started / 1000.0);
  {
    double load[3];

    if (getloadavg (load, 3) == 3)
      printf ("load average %.1f %.1f %.1f\n", load[0], load[1], load[2]);
  }

  rounds_publisher_stop (publisher);
  close (server_in);
  waitpid (server_pid, NULL, 0);
  rounds_store_close (store);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
    g_unlink (path);
    g_rmdir (dir);
  }
  return 0;
}
