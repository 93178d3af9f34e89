/* bench-store-open.c — opening a practice: wall and CPU time, memory
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opens the practice DIR/rounds.db (made by rounds-generate) REPS times
 * in this process and prints, for each open, the wall time, the CPU
 * time of the process (user + system) and the growth of its resident
 * memory while the store is open; then the medians. No backup is taken
 * (ROUNDS_STORE_OPEN_NO_BACKUPS): this is the store alone, with the
 * migrations check, the audit check skipped, and whatever it reads at
 * open.
 *
 *   build/bench/bench-store-open DIR [REPS]
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "rounds-store.h"
#include "rounds-bench-util.h"

static double
cpu_ms (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3 +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3;
}

static long
rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, "VmRSS:")) == NULL)
    return 0;
  return strtol (line + 6, NULL, 10);
}

static double
median (GArray *values)
{
  g_array_sort (values, rounds_bench_compare_double);
  return values->len > 0 ? g_array_index (values, double, values->len / 2) : 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *path = NULL;
  guint reps = argc > 2 ? (guint)g_ascii_strtoull (argv[2], NULL, 10) : 5;
  g_autoptr(GArray) walls = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpus = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) rss = g_array_new (FALSE, FALSE, sizeof (double));

  if (argc < 2)
    {
      g_printerr ("Usage: %s DIR [REPS]\n", argv[0]);
      return 2;
    }
  path = g_build_filename (argv[1], "rounds.db", NULL);

  for (guint i = 0; i < reps; i++)
    {
      g_autoptr(RoundsClock) clock = rounds_clock_new_real ();
      g_autoptr(RoundsStore) store = NULL;
      g_autoptr(GError) error = NULL;
      long rss_before = rss_kb ();
      double cpu_before = cpu_ms ();
      gint64 start = g_get_monotonic_time ();
      double wall, cpu, grown;

      store = rounds_store_open (path, clock, ROUNDS_STORE_OPEN_NO_BACKUPS, &error);
      if (store == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      wall = (g_get_monotonic_time () - start) / 1e3;
      cpu = cpu_ms () - cpu_before;
      grown = (rss_kb () - rss_before) / 1024.0;
      printf ("open %u: wall %.1f ms, CPU %.1f ms, RSS +%.1f MB\n", i + 1, wall, cpu, grown);
      g_array_append_val (walls, wall);
      g_array_append_val (cpus, cpu);
      g_array_append_val (rss, grown);
      rounds_store_close (store);
    }

  printf ("median of %u: wall %.1f ms, CPU %.1f ms, RSS +%.1f MB\n", reps, median (walls),
          median (cpus), median (rss));
  return 0;
}
