/* bench-insights.c — opening Insights and switching the period
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two years of daily follower readings for 6 accounts and 2,000 posts,
 * each counted on 30 days (3 metrics), in a fresh database. Measures:
 * opening the Insights place (reading the data, computing every view and
 * building its widgets) and switching the period (recomputing and
 * rebuilding), each followed by the frame that draws it. Target: < 50 ms.
 *
 * Needs a display: xvfb-run -a build/bench/bench-insights [ROUNDS]
 */

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <time.h>

#include "rounds-insights.h"
#include "rounds-insights-page.h"
#include "rounds-store-insights.h"
#include "rounds-bench-util.h"

#define N_ACCOUNTS 6
#define N_DAYS     730
#define N_POSTS    2000
#define N_COUNTED  30

/* The first frame drawn after an action: what the user sees first. */
typedef struct
{
  gboolean armed;
  gint64   at;
  double   cpu;
} FirstPaint;

static void
on_after_paint_cb (GdkFrameClock *clock,
                   FirstPaint    *paint)
{
  if (!paint->armed)
    return;
  paint->armed = FALSE;
  paint->at = g_get_monotonic_time ();
  paint->cpu = rounds_bench_thread_cpu_ms ();
}

static void
pump (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
report (const char *what,
        GArray     *times)
{
  g_array_sort (times, rounds_bench_compare_double);
  g_print ("%s: %u runs, p50 %.1f ms, p90 %.1f ms, max %.1f ms\n", what, times->len,
           g_array_index (times, double, times->len / 2),
           g_array_index (times, double, times->len * 9 / 10),
           g_array_index (times, double, times->len - 1));
}

static void
fill (RoundsStore *store,
      GTimeZone   *tz,
      guint32      today)
{
  static const RoundsNetwork networks[N_ACCOUNTS] = {
    ROUNDS_NETWORK_FACEBOOK, ROUNDS_NETWORK_INSTAGRAM, ROUNDS_NETWORK_LINKEDIN,
    ROUNDS_NETWORK_GOOGLE, ROUNDS_NETWORK_MASTODON, ROUNDS_NETWORK_BLUESKY,
  };
  static const char * const pillars[] = { "education", "news", "team", "community", "seasonal", "offers" };
  static const char * const formats[] = { "image", "video", "link", "text" };
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (RoundsSnapshotRow));
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (2);

  rounds_store_insights_begin (store, &error);
  for (guint a = 0; a < N_ACCOUNTS; a++)
    for (guint d = 0; d < N_DAYS; d++)
      {
        RoundsSnapshotRow row = { networks[a], "1", NULL, today - N_DAYS + 1 + d, "followers",
                                  500 + d + a * 100 };
        g_array_append_val (rows, row);
      }
  for (guint p = 0; p < N_POSTS; p++)
    {
      guint32 day = today - N_DAYS + 1 + p * N_DAYS / N_POSTS;
      char *id = g_strdup_printf ("post-%u", p);
      GDate date;

      g_ptr_array_add (ids, id);
      g_date_clear (&date, 1);
      g_date_set_julian (&date, day);
      rounds_store_upsert_measured_post (store, networks[p % N_ACCOUNTS], "1", id, 0,
                                         g_date_time_to_unix (g_date_time_new (tz, g_date_get_year (&date),
                                                                               g_date_get_month (&date),
                                                                               g_date_get_day (&date),
                                                                               8 + p % 12, 0, 0)),
                                         "A post", pillars[p % 6], formats[p % 4], &error);
      for (guint c = 0; c < N_COUNTED && day + c <= today; c++)
        {
          const char *metrics[] = { "likes", "comments", "shares" };

          for (guint m = 0; m < 3; m++)
            {
              RoundsSnapshotRow row = { networks[p % N_ACCOUNTS], "1", id, day + c, metrics[m],
                                        g_rand_int_range (rand, 0, 50) + c };
              g_array_append_val (rows, row);
            }
        }
    }
  rounds_store_add_snapshots (store, (RoundsSnapshotRow *)rows->data, rows->len, "bench", &error);
  for (guint32 w = today - N_DAYS; w <= today; w += 7)
    {
      rounds_store_set_result (store, w, "inquiries", ROUNDS_NETWORK_NONE, 4, "manual", NULL);
      rounds_store_add_time (store, w, "writer", "", 120, "writing", ROUNDS_NETWORK_NONE, NULL);
    }
  rounds_store_insights_commit (store, &error);
  if (error != NULL)
    g_error ("%s", error->message);
  g_print ("Filled: %u readings\n", rows->len);
}

int
main (int   argc,
      char *argv[])
{
  guint rounds = argc > 1 ? (guint)atoi (argv[1]) : 20;
  g_autofree char *dir = g_dir_make_tmp ("rounds-bench-insights-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "rounds.db", NULL);
  g_autoptr(RoundsClock) clock = rounds_clock_new_real ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RoundsStore) store = NULL;
  g_autoptr(RoundsContext) context = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GArray) opens = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) switches = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) open_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) first_frames = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) first_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  FirstPaint paint = { 0 };
  g_autoptr(GArray) switch_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  static const RoundsPeriodKind kinds[] = {
    ROUNDS_PERIOD_LAST_12_MONTHS, ROUNDS_PERIOD_LAST_30_DAYS, ROUNDS_PERIOD_LAST_6_MONTHS,
    ROUNDS_PERIOD_LAST_MONTH, ROUNDS_PERIOD_LAST_3_MONTHS, ROUNDS_PERIOD_THIS_MONTH,
  };
  GtkWidget *window;

  gtk_init ();
  adw_init ();
  g_setenv ("ROUNDS_DATA_DIR", dir, TRUE);

  store = rounds_store_open (path, clock, ROUNDS_STORE_OPEN_NO_BACKUPS, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  context = rounds_context_new (store, FALSE);
  tz = rounds_context_dup_time_zone (context);
  fill (store, tz, rounds_insights_today (tz, rounds_clock_get_now (clock)));

  /* The core alone: load, then every aggregation of a 12-month view. */
  {
    g_autoptr(GArray) loads = g_array_new (FALSE, FALSE, sizeof (double));
    g_autoptr(GArray) computes = g_array_new (FALSE, FALSE, sizeof (double));
    g_autoptr(GArray) load_cpu = g_array_new (FALSE, FALSE, sizeof (double));
    guint32 today = rounds_insights_today (tz, rounds_clock_get_now (clock));

    for (guint r = 0; r < rounds; r++)
      {
        gint64 start = g_get_monotonic_time ();
        double cpu = rounds_bench_thread_cpu_ms ();
        g_autoptr(RoundsInsightsData) data = rounds_store_load_insights (store, NULL);
        RoundsPeriod period = rounds_period_make (ROUNDS_PERIOD_LAST_12_MONTHS, today);
        RoundsHeatMap map;
        double ms = (g_get_monotonic_time () - start) / 1000.0;

        g_array_append_val (loads, ms);
        cpu = rounds_bench_thread_cpu_ms () - cpu;
        g_array_append_val (load_cpu, cpu);
        start = g_get_monotonic_time ();
        g_array_unref (rounds_insights_followers_series (data, ROUNDS_NETWORK_NONE, period));
        g_array_unref (rounds_insights_engagement (data, period, tz));
        g_ptr_array_unref (rounds_insights_ranked_posts (data, period, tz));
        rounds_insights_heat_map (data, period, tz, &map);
        g_array_unref (rounds_insights_pillars (data, period, tz, NULL));
        g_ptr_array_unref (rounds_insights_suggestions (data, period, tz, NULL));
        g_array_unref (rounds_insights_roi (data, period.first, period.last, NULL, 2500, 0, tz));
        ms = (g_get_monotonic_time () - start) / 1000.0;
        g_array_append_val (computes, ms);
      }
    report ("core: load", loads);
    report ("core: load, CPU", load_cpu);
    report ("core: compute a 12-month view", computes);
  }

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 800);
  gtk_window_present (GTK_WINDOW (window));
  pump ();
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (on_after_paint_cb), &paint);

  for (guint r = 0; r < rounds; r++)
    {
      RoundsInsightsPage *page = g_object_new (ROUNDS_TYPE_INSIGHTS_PAGE, NULL);
      gint64 start;
      double ms, cpu;

      gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
      pump ();
      start = g_get_monotonic_time ();
      cpu = rounds_bench_thread_cpu_ms ();
      paint.armed = TRUE;
      rounds_insights_page_set_context (page, context);
      pump ();
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (opens, ms);
      if (!paint.armed)
        {
          double frame_ms = (paint.at - start) / 1000.0, frame_cpu = paint.cpu - cpu;

          g_array_append_val (first_frames, frame_ms);
          g_array_append_val (first_cpu, frame_cpu);
        }
      cpu = rounds_bench_thread_cpu_ms () - cpu;
      g_array_append_val (open_cpu, cpu);

      for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
        {
          start = g_get_monotonic_time ();
          cpu = rounds_bench_thread_cpu_ms ();
          rounds_insights_page_set_period (page, kinds[k]);
          pump ();
          ms = (g_get_monotonic_time () - start) / 1000.0;
          g_array_append_val (switches, ms);
          cpu = rounds_bench_thread_cpu_ms () - cpu;
          g_array_append_val (switch_cpu, cpu);
        }
      gtk_window_set_child (GTK_WINDOW (window), NULL);
      pump ();
    }

  if (first_frames->len > 0)
    {
      report ("open Insights, first frame drawn", first_frames);
      report ("open Insights, first frame drawn, main-thread CPU", first_cpu);
    }
  report ("open Insights (load + compute + build + draw)", opens);
  report ("switch period (compute + build + draw)", switches);
  report ("open Insights, main-thread CPU", open_cpu);
  report ("switch period, main-thread CPU", switch_cpu);
  {
    double load[3];

    if (getloadavg (load, 3) == 3)
      g_print ("load average %.1f %.1f %.1f\n", load[0], load[1], load[2]);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  rounds_store_close (store);
  g_remove (path);
  g_rmdir (dir);
  return 0;
}
