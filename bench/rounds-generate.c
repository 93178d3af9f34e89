/* rounds-generate.c — a practice with N posts for benchmarks and tests
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   rounds-generate DATA_DIR [N_POSTS] [YEARS] [SEED]
 *
 * Writes DATA_DIR/rounds.db (a new file; an existing one is refused) with
 * N_POSTS posts (default 10000) over YEARS years (default 5), see
 * rounds-bench-data.c. Run the app on it with ROUNDS_DATA_DIR=DATA_DIR.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "rounds-bench-data.h"

int
main (int   argc,
      char *argv[])
{
  g_autofree char *path = NULL;
  g_autoptr(RoundsClock) clock = rounds_clock_new_real ();
  g_autoptr(RoundsStore) store = NULL;
  g_autoptr(GError) error = NULL;
  RoundsBenchDataReport report;
  guint n_posts = argc > 2 ? (guint)g_ascii_strtoull (argv[2], NULL, 10) : 10000;
  guint years = argc > 3 ? (guint)g_ascii_strtoull (argv[3], NULL, 10) : 5;
  guint32 seed = argc > 4 ? (guint32)g_ascii_strtoull (argv[4], NULL, 10) : 17;
  gint64 t0;

  /* ROUNDS_BENCH_COMMENTS=N adds N Inbox items beside the posts' own. */
  guint n_inbox = g_getenv ("ROUNDS_BENCH_COMMENTS") != NULL
                    ? (guint)g_ascii_strtoull (g_getenv ("ROUNDS_BENCH_COMMENTS"), NULL, 10) : 0;

  if (argc < 2 || argc > 5)
    {
      g_printerr ("usage: %s DATA_DIR [N_POSTS] [YEARS] [SEED]\n", argv[0]);
      return 2;
    }

  path = g_build_filename (argv[1], "rounds.db", NULL);
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_printerr ("%s exists: give an empty folder\n", path);
      return 2;
    }

  t0 = g_get_monotonic_time ();
  /* No backups: the first real start takes the day's backup, as a user's would. */
  store = rounds_store_open (path, clock, ROUNDS_STORE_OPEN_NO_BACKUPS, &error);
  if (store == NULL || !rounds_bench_data_fill (store, n_posts, years, seed, &report, &error) ||
      (n_inbox > 0 &&
       !rounds_bench_data_add_comments (store, n_inbox, rounds_clock_get_now (clock), seed, &error)))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  rounds_store_close (store);

  g_print ("%u posts (", report.n_posts);
  for (guint s = 0; s < G_N_ELEMENTS (report.n_per_status); s++)
    g_print ("%s%s %u", s ? ", " : "", rounds_post_status_to_string (s), report.n_per_status[s]);
  report.n_comments += n_inbox;
  g_print ("), %u comments, %u media rows in %s: %.1f s\n", report.n_comments, report.n_media,
           path, (g_get_monotonic_time () - t0) / 1e6);
  return 0;
}
