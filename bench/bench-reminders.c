/* bench-reminders.c — cost of one reminder decision round
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The background instance runs the scheduler at least once a minute, a
 * second after every change, for as long as the session lasts: a round
 * must stay cheap with a large practice. This fills a throw-away store
 * with N posts over a year (default 10,000; about a third to be posted
 * by hand in the coming weeks) and 2,000 comments, then times the first
 * round (which records every reminder foreseen) and steady rounds.
 *
 *   build/bench/bench-reminders [N_POSTS] [ROUNDS]
 */

#include "config.h"

#include <glib/gstdio.h>

#include "rounds-reminders.h"
#include "rounds-bench-util.h"

#define DAY ((gint64)86400)

int
main (int   argc,
      char *argv[])
{
  guint n_posts = argc > 1 ? (guint)g_ascii_strtoull (argv[1], NULL, 10) : 10000;
  guint rounds = argc > 2 ? (guint)g_ascii_strtoull (argv[2], NULL, 10) : 200;
  g_autofree char *dir = g_dir_make_tmp ("rounds-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "rounds.db", NULL);
  gint64 now = 1772463600;   /* Monday 2026-03-02 15:00 UTC */
  g_autoptr(RoundsClock) clock = rounds_clock_new_fake (now);
  g_autoptr(RoundsStore) store = NULL;
  g_autoptr(RoundsReminders) reminders = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) first = NULL;
  GRand *rand = g_rand_new_with_seed (7);
  gint64 start;
  double first_ms;
  const char *suffixes[] = { "", "-wal", "-shm" };

  store = rounds_store_open (path, clock, ROUNDS_STORE_OPEN_NO_BACKUPS, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < n_posts; i++)
    {
      g_autoptr(RoundsPost) post = rounds_post_new ();
      gint64 at = now - 180 * DAY + g_rand_int_range (rand, 0, 365) * DAY +
                  g_rand_int_range (rand, 8 * 4, 18 * 4) * 900;
      RoundsPostStatus status = at < now ? ROUNDS_POST_STATUS_PUBLISHED
                                         : ROUNDS_POST_STATUS_SCHEDULED;

      rounds_post_set_title (post, "Benchmark post");
      rounds_post_set_body (post, "Benchmark text");
      rounds_post_set_scheduled_at (post, at);
      rounds_post_set_networks (post, rounds_network_from_index (i % ROUNDS_N_NETWORKS));
      rounds_store_import_post (store, post, status, "bench", &error);
      g_assert_no_error (error);
    }

  reminders = rounds_reminders_new (store);
  g_ptr_array_unref (rounds_reminders_tick (reminders, &error));   /* starts the comment cursor */
  g_assert_no_error (error);
  for (guint i = 0; i < 2000; i++)
    rounds_store_add_comment (store, rounds_network_from_index (i % ROUNDS_N_NETWORKS),
                              ROUNDS_COMMENT_KIND_COMMENT, "Someone", "Benchmark comment",
                              now - i, 0, 0, &error);
  g_assert_no_error (error);

  rounds_clock_advance (clock, 60);
  start = g_get_monotonic_time ();
  first = rounds_reminders_tick (reminders, &error);
  first_ms = (g_get_monotonic_time () - start) / 1000.0;
  g_assert_no_error (error);

  for (guint i = 0; i < rounds; i++)
    {
      g_autoptr(GPtrArray) shown = NULL;
      double ms;

      rounds_clock_advance (clock, 60);
      start = g_get_monotonic_time ();
      shown = rounds_reminders_tick (reminders, &error);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_assert_no_error (error);
      g_array_append_val (times, ms);
    }
  g_array_sort (times, rounds_bench_compare_double);

  g_print ("%u posts, 2000 comments: first round %.2f ms (%u notifications)\n", n_posts, first_ms,
           first->len);
  g_print ("steady rounds (%u, one a minute): p50 %.2f ms, p99 %.2f ms, max %.2f ms\n", rounds,
           g_array_index (times, double, times->len / 2),
           g_array_index (times, double, (times->len * 99) / 100),
           g_array_index (times, double, times->len - 1));

  rounds_store_close (store);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
  g_rmdir (dir);
  g_rand_free (rand);
  return 0;
}
