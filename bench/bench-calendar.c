/* bench-calendar.c — the calendar with 10,000 posts
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Needs a display: xvfb-run -a build/bench/bench-calendar [N_POSTS]
 *
 * Fills a throw-away practice with N posts (10,000 by default) over three
 * years with the shared generator (rounds-bench-data.c: every status,
 * comments, media; 100,000 works too), then measures what a
 * user waits for: switching month → month, month ↔ week, and the full
 * layout of the view at 1100 × 700 (store range query through the time
 * index, recurrence expansion, chip rebinding, measure and allocate).
 *
 * The page reads its range on a worker and shows it when the answer
 * comes: a step is timed until then (wall), and the main thread's CPU
 * over that time counts whatever the main loop ran meanwhile. "store
 * month query" is the month's own read (three posts a day and a count)
 * on the main thread, for comparison with the six weeks' full range.
 *
 * With ROUNDS_BENCH_PG set to a libpq connection string (bench/bench-live.sh
 * runs it beside a throw-away server), the practice is on PostgreSQL, and
 * it also measures NOTIFY to redraw: another PC (a second connection)
 * saves a post of the month shown, and the time until this calendar has
 * taken it in and is laid out again.
 */

#include "config.h"

#include <time.h>

#include <glib/gstdio.h>

#if defined(__has_include)
#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#endif
#endif

#include "rounds-bench-data.h"
#include "rounds-calendar-page.h"
#include "rounds-store-calendar.h"
#include "rounds-time.h"
#include "rounds-bench-util.h"

static void
report (const char *what,
        GArray     *ms)
{
  g_array_sort (ms, rounds_bench_compare_double);
  g_print ("%-34s n=%3u  min %6.2f ms  p50 %6.2f ms  p95 %6.2f ms  max %6.2f ms\n", what,
           ms->len, g_array_index (ms, double, 0), g_array_index (ms, double, ms->len / 2),
           g_array_index (ms, double, MIN (ms->len - 1, ms->len * 95 / 100)),
           g_array_index (ms, double, ms->len - 1));
}

static void
layout (GtkWidget *widget)
{
  int min = 0;

  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, 1100, &min, NULL, NULL, NULL);
  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  gtk_widget_size_allocate (widget, &(GtkAllocation){ 0, 0, 1100, MAX (700, min) }, -1);
}

/* Under `valgrind --tool=callgrind --instr-atstart=no` (instruction
 * counts: what a loaded machine does not change), only the month steps
 * are counted; with BENCH_PERF_CTL, only they are sampled by perf. */
static void
perf_control (const char *command)
{
  const char *fifo = g_getenv ("BENCH_PERF_CTL");
  g_autofree char *line = NULL;

#ifdef CALLGRIND_START_INSTRUMENTATION
  if (g_str_equal (command, "enable"))
    CALLGRIND_START_INSTRUMENTATION;
  else
    CALLGRIND_STOP_INSTRUMENTATION;
#endif

  if (fifo == NULL)
    return;
  line = g_strconcat (command, "\n", NULL);
  if (!g_file_set_contents_full (fifo, line, -1, G_FILE_SET_CONTENTS_NONE, 0600, NULL))
    g_printerr ("Could not write to %s\n", fifo);
}

/* The page reads its range on a worker and shows it when it comes: wait
 * for that (the main thread's CPU meanwhile is what the page costs). */
/* The main-thread CPU of the main-loop iteration that took the answer
 * in (the page's own work; the frames painted meanwhile are not). */
static double answer_cpu;

static void
wait_loaded (GtkWidget *page)
{
  answer_cpu = 0;
  while (rounds_calendar_page_is_loading (ROUNDS_CALENDAR_PAGE (page)))
    {
      double c = rounds_bench_thread_cpu_ms ();

      g_main_context_iteration (NULL, TRUE);
      if (!rounds_calendar_page_is_loading (ROUNDS_CALENDAR_PAGE (page)))
        answer_cpu = rounds_bench_thread_cpu_ms () - c;
      if (g_getenv ("BENCH_VERBOSE_WAIT"))
        g_printerr ("  iteration %.1f ms CPU%s\n", rounds_bench_thread_cpu_ms () - c,
                    rounds_calendar_page_is_loading (ROUNDS_CALENDAR_PAGE (page)) ? "" : " (the answer)");
    }
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   gboolean      *painted)
{
  *painted = TRUE;
}

/* Until the window has painted a frame: what a step leaves to draw is
 * done before the next one is timed. */
static void
settle_frame (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gboolean painted = FALSE;
  gulong id;

  if (clock == NULL)
    return;
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), &painted);
  gtk_widget_queue_draw (widget);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, id);
}

static void
drain (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static void
on_post_changed_cb (RoundsStore *store,
                    RoundsPost  *post,
                    gboolean    *changed)
{
  *changed = TRUE;
}

/* Another PC saves a post of the month shown, 30 times: from its commit
 * to this calendar having read the change (NOTIFY), refreshed and laid
 * out again. Then the main thread's CPU for taking one change in. */
static void
measure_notify (RoundsStore *store,
                const char  *server,
                const char  *path,
                RoundsClock *clock,
                GtkWidget   *page)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RoundsStore) other = rounds_store_open_server (server, path, clock,
                                                           ROUNDS_STORE_OPEN_NO_BACKUPS, &error);
  g_autoptr(GPtrArray) shown = NULL;
  g_autoptr(GTimeZone) tz = rounds_time_zone_new ("America/Chicago");
  GArray *notify_ms = g_array_new (FALSE, FALSE, sizeof (double));
  GArray *notify_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  gboolean changed = FALSE;
  gint64 from;

  g_assert_no_error (error);
  g_signal_connect (store, "post-changed", G_CALLBACK (on_post_changed_cb), &changed);
  /* January 2026, a month full of posts, shown in the month view */
  {
    GDate day;

    g_date_clear (&day, 1);
    g_date_set_dmy (&day, 15, 1, 2026);
    rounds_calendar_page_set_view (ROUNDS_CALENDAR_PAGE (page), "month");
    rounds_calendar_page_go_to_date (ROUNDS_CALENDAR_PAGE (page), &day);
    wait_loaded (page);
    layout (page);
    drain ();
  }
  from = rounds_time_from_local (tz, 2026, 1, 1, 0, 0);
  shown = rounds_store_list_posts_between (store, from, from + 28 * 86400, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (shown->len, >, 0);

  for (guint i = 0; i < 30; i++)
    {
      RoundsPost *post = g_ptr_array_index (shown, i % shown->len);
      g_autoptr(RoundsPost) edit = rounds_post_copy (rounds_store_lookup_post (other,
                                                                               rounds_post_get_id (post)));
      g_autofree char *title = g_strdup_printf ("Changed elsewhere %u", i);
      double c0, ms, cms;
      gint64 t0;

      rounds_post_set_title (edit, title);
      changed = FALSE;
      if (rounds_store_save_post (other, edit, &error) == NULL)
        g_error ("save: %s", error->message);
      t0 = g_get_monotonic_time ();
      c0 = rounds_bench_thread_cpu_ms ();
      while (!changed)
        g_main_context_iteration (NULL, TRUE);
      drain ();
      wait_loaded (page);
      layout (page);
      ms = (g_get_monotonic_time () - t0) / 1000.0;
      cms = rounds_bench_thread_cpu_ms () - c0;
      g_array_append_val (notify_ms, ms);
      g_array_append_val (notify_cpu, cms);
    }
  report ("NOTIFY to redraw (other PC saves)", notify_ms);
  report ("NOTIFY to redraw, main-thread CPU", notify_cpu);
  g_array_unref (notify_ms);
  g_array_unref (notify_cpu);
}

int
main (int   argc,
      char *argv[])
{
  guint n_posts = argc > 1 ? (guint)g_ascii_strtoull (argv[1], NULL, 10) : 10000;
  const char *server = g_getenv ("ROUNDS_BENCH_PG");
  g_autofree char *dir = g_dir_make_tmp ("rounds-bench-calendar-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "rounds.db", NULL);
  g_autoptr(RoundsClock) clock = rounds_clock_new_fake (1772460000);  /* 2 March 2026 */
  g_autoptr(RoundsStore) store = NULL;
  g_autoptr(RoundsContext) context = NULL;
  g_autoptr(RoundsPractice) practice = rounds_practice_new ();
  g_autoptr(GTimeZone) tz = rounds_time_zone_new ("America/Chicago");
  g_autoptr(GError) error = NULL;
  GArray *month_ms = g_array_new (FALSE, FALSE, sizeof (double));
  GArray *switch_ms = g_array_new (FALSE, FALSE, sizeof (double));
  GArray *query_ms = g_array_new (FALSE, FALSE, sizeof (double));
  GArray *summary_ms = g_array_new (FALSE, FALSE, sizeof (double));
  GArray *month_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  GArray *switch_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  GArray *settle_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  GArray *month_own = g_array_new (FALSE, FALSE, sizeof (double));
  GArray *switch_own = g_array_new (FALSE, FALSE, sizeof (double));
  double c0, cms;
  GtkWidget *window, *page;
  g_autofree char *cached = NULL;
  gint64 t0;
  GDate day;

  gtk_init ();
  adw_init ();

  g_print ("store: %s\n", server != NULL ? "PostgreSQL" : "SQLite");
  /* BENCH_DB_CACHE=DIR keeps the generated practice in DIR and starts
   * from a copy of it next time (a run under valgrind then does not
   * spend an hour generating). */
  cached = server == NULL && g_getenv ("BENCH_DB_CACHE") != NULL
             ? g_strdup_printf ("%s/calendar-%u.db", g_getenv ("BENCH_DB_CACHE"), n_posts)
             : NULL;
  if (cached != NULL && g_file_test (cached, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *contents = NULL;
      gsize len = 0;

      if (!g_file_get_contents (cached, &contents, &len, &error) ||
          !g_file_set_contents (path, contents, len, &error))
        g_error ("%s", error->message);
      store = rounds_store_open (path, clock, ROUNDS_STORE_OPEN_NO_BACKUPS, &error);
      g_assert_no_error (error);
      g_print ("copied %u posts from %s\n", n_posts, cached);
    }
  else
    {
      if (server != NULL)
        store = rounds_store_open_server (server, path, clock, ROUNDS_STORE_OPEN_NO_BACKUPS, &error);
      else
        store = rounds_store_open (path, clock, ROUNDS_STORE_OPEN_NO_BACKUPS, &error);
      g_assert_no_error (error);
      rounds_practice_set_name (practice, "Bench practice");
      rounds_practice_set_timezone (practice, "America/Chicago");
      rounds_store_save_practice (store, practice, &error);
      g_assert_no_error (error);

      /* N posts over three years, four fifths of them before "now" (2
       * March 2026): at 10,000 about nine a day, as a busy practice. */
      t0 = g_get_monotonic_time ();
      if (!rounds_bench_data_fill (store, n_posts, 3, 17, NULL, &error))
        g_error ("generate: %s", error->message);
      g_print ("generated %u posts: %.0f ms\n", n_posts,
               (g_get_monotonic_time () - t0) / 1000.0);
      if (cached != NULL)
        {
          g_autofree char *contents = NULL;
          gsize len = 0;

          rounds_store_close (store);
          g_clear_object (&store);
          if (!g_file_get_contents (path, &contents, &len, &error) ||
              !g_file_set_contents (cached, contents, len, &error))
            g_error ("%s", error->message);
          store = rounds_store_open (path, clock, ROUNDS_STORE_OPEN_NO_BACKUPS, &error);
          g_assert_no_error (error);
        }
    }

  /* A few repeating posts as well. */
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(RoundsRecurrence) rule = rounds_recurrence_new (ROUNDS_RECURRENCE_WEEKLY, 1);
      RoundsPost *post = rounds_store_lookup_post (store, 1 + i * 97);

      rounds_store_set_recurrence (store, rounds_post_get_id (post), rule, NULL);
    }

  /* The store alone: one month's range, from November 2023. */
  for (int m = 0; m < 36; m++)
    {
      gint64 from = rounds_time_from_local (tz, 2023 + (11 + m - 1) / 12, (11 + m - 1) % 12 + 1, 1, 0, 0);
      g_autoptr(GPtrArray) items = NULL;
      double ms;

      t0 = g_get_monotonic_time ();
      items = rounds_store_list_calendar_items (store, tz, from, from + 42 * 86400, NULL);
      ms = (g_get_monotonic_time () - t0) / 1000.0;
      g_array_append_val (query_ms, ms);
      {
        g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (from + 43200);
        g_autoptr(RoundsCalendarQuery) query = NULL;
        g_autoptr(RoundsCalendarRange) range = NULL;
        GDate first;

        g_date_clear (&first, 1);
        g_date_set_dmy (&first, g_date_time_get_day_of_month (dt), g_date_time_get_month (dt),
                        g_date_time_get_year (dt));
        query = rounds_calendar_query_new (tz, &first, 42, 3);
        t0 = g_get_monotonic_time ();
        range = rounds_store_read_calendar_range (store, query, NULL);
        ms = (g_get_monotonic_time () - t0) / 1000.0;
        g_array_append_val (summary_ms, ms);
      }
    }

  context = rounds_context_new (store, FALSE);
  window = gtk_window_new ();
  page = g_object_new (ROUNDS_TYPE_CALENDAR_PAGE, NULL);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 700);
  gtk_window_present (GTK_WINDOW (window));
  rounds_calendar_page_set_context (ROUNDS_CALENDAR_PAGE (page), context);
  drain ();

  g_date_clear (&day, 1);
  /* The 36 months stepped through below hold posts: from November 2023. */
  g_date_set_dmy (&day, 15, 11, 2023);
  rounds_calendar_page_go_to_date (ROUNDS_CALENDAR_PAGE (page), &day);
  wait_loaded (page);
  layout (page);

  /* Next month, 36 times: refresh + layout. With BENCH_PERF_CTL set to
   * the control FIFO of `perf record -D -1 --control fifo:FIFO`, only
   * these steps are profiled. */
  perf_control ("enable");
  for (int m = 0; m < 36; m++)
    {
      double ms;

      gint64 t1;

      c0 = rounds_bench_thread_cpu_ms ();
      t0 = g_get_monotonic_time ();
      double c1;

      gtk_widget_activate_action (page, "calendar.next", NULL);
      {
        double own = rounds_bench_thread_cpu_ms () - c0;

        wait_loaded (page);
        t1 = g_get_monotonic_time ();
        c1 = rounds_bench_thread_cpu_ms ();
        layout (page);
        own += answer_cpu + rounds_bench_thread_cpu_ms () - c1;
        g_array_append_val (month_own, own);
      }
      ms = (g_get_monotonic_time () - t0) / 1000.0;
      cms = rounds_bench_thread_cpu_ms () - c0;
      g_array_append_val (month_cpu, cms);
      if (g_getenv ("BENCH_VERBOSE"))
        g_printerr ("refresh %.1f ms (CPU %.1f) layout %.1f ms (CPU %.1f)\n", (t1 - t0) / 1000.0,
                    c1 - c0, (g_get_monotonic_time () - t1) / 1000.0, rounds_bench_thread_cpu_ms () - c1);
      g_array_append_val (month_ms, ms);
      /* What the step leaves to the main loop (the compliance marks as
       * they come back, the frame) is main-thread time too. */
      c0 = rounds_bench_thread_cpu_ms ();
      drain ();
      settle_frame (window);
      drain ();
      cms = rounds_bench_thread_cpu_ms () - c0;
      g_array_append_val (settle_cpu, cms);
    }

  perf_control ("disable");

  /* Month ↔ week, 40 times. */
  for (int i = 0; i < 40; i++)
    {
      double ms;

      c0 = rounds_bench_thread_cpu_ms ();
      t0 = g_get_monotonic_time ();
      rounds_calendar_page_set_view (ROUNDS_CALENDAR_PAGE (page), i % 2 == 0 ? "week" : "month");
      {
        double c1 = rounds_bench_thread_cpu_ms (), own = c1 - c0, c2;
        gint64 t1 = g_get_monotonic_time ();

        wait_loaded (page);
        if (g_getenv ("BENCH_VERBOSE"))
          g_printerr ("switch: set %.1f ms CPU, wait %.1f ms (CPU %.1f)\n", c1 - c0,
                      (g_get_monotonic_time () - t1) / 1000.0, rounds_bench_thread_cpu_ms () - c1);
        own += answer_cpu;
        c2 = rounds_bench_thread_cpu_ms ();
        layout (page);
        own += rounds_bench_thread_cpu_ms () - c2;
        g_array_append_val (switch_own, own);
      }
      ms = (g_get_monotonic_time () - t0) / 1000.0;
      cms = rounds_bench_thread_cpu_ms () - c0;
      g_array_append_val (switch_ms, ms);
      g_array_append_val (switch_cpu, cms);
      drain ();
      settle_frame (window);
      drain ();
    }

  if (server != NULL)
    measure_notify (store, server, path, clock, page);

  g_print ("%u posts in the database\n",
           g_list_model_get_n_items (rounds_store_get_posts (store)));
  report ("store range query (6 weeks)", query_ms);
  report ("store month query (3 a day + count)", summary_ms);
  report ("next month: refresh + layout", month_ms);
  report ("month <-> week: refresh + layout", switch_ms);
  report ("next month, main-thread CPU", month_cpu);
  report ("month <-> week, main-thread CPU", switch_cpu);
  report ("after a month step, idle work CPU", settle_cpu);
  report ("next month, own main-thread CPU", month_own);
  report ("month <-> week, own main-thread CPU", switch_own);

  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
  rounds_store_close (store);
  rounds_bench_remove_dir (dir);

  return 0;
}
