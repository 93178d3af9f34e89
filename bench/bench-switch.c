/* bench-switch.c — the first and later switch to each place
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Needs a display: xvfb-run -a build/bench/bench-switch [N_POSTS]
 *
 * Fills a throw-away practice with N posts (100,000 by default) with the
 * shared generator and puts the places in an AdwViewStack as the window
 * does: Posts shown first with the practice, the Inbox given the practice
 * while hidden, Plan, Calendar and Insights built on their first switch
 * (an AdwBin slot filled then, as rounds-window.c's lazy_place()). Then
 * it switches Posts → each place → Posts, twice, and prints for each
 * switch the main thread's CPU time (not wall time: other processes on a
 * shared machine do not count):
 *   - first frame: from the switch until the window's first frame after
 *     it is painted (what the user waits for);
 *   - longest step: the longest single main-loop iteration in the
 *     second after the switch (a frame dropped if over 16.7 ms);
 *   - total: all of the main thread's CPU in that second (data read,
 *     later frames of CSS transitions, the cursor blinking).
 * GSK_RENDERER picks the renderer. BENCH_STEPS=1: every step over 4 ms
 * on stderr. BENCH_PLACES="calendar plan": only those places.
 * BENCH_PERF_CTL=FIFO: "enable" and "disable" written to FIFO around each
 * first switch until its first frame, for `perf record -D -1 --control
 * fifo:FIFO` (the profile holds those spans only).
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "rounds-bench-data.h"
#include "rounds-bench-util.h"
#include "rounds-calendar-page.h"
#include "rounds-inbox-page.h"
#include "rounds-insights-page.h"
#include "rounds-plan-page.h"
#include "rounds-posts-page.h"
#include "rounds-window.h"

#define WINDOW_MS 1000

static guint frames_painted;
static gboolean show_steps;
static FILE *perf_ctl;

static void
perf_control (const char *command)
{
  if (perf_ctl == NULL)
    return;
  fprintf (perf_ctl, "%s\n", command);
  fflush (perf_ctl);
}

static void
on_after_paint_cb (GdkFrameClock *clock)
{
  frames_painted++;
}

/* As the window: a lazily built place's slot gets its page when shown. */
static void
on_visible_child_cb (AdwViewStack  *stack,
                     GParamSpec    *pspec,
                     RoundsContext *context)
{
  const char *name = adw_view_stack_get_visible_child_name (stack);
  GtkWidget *slot = adw_view_stack_get_child_by_name (stack, name);
  GtkWidget *page;

  if (!ADW_IS_BIN (slot) || adw_bin_get_child (ADW_BIN (slot)) != NULL)
    return;
  page = rounds_window_new_place (name);
  if (page == NULL)
    return;
  /* In the window's order: the page is on screen when it gets the
   * practice, and does then what a shown page does. */
  adw_bin_set_child (ADW_BIN (slot), page);
  rounds_window_set_place_context (page, context);
}

static void
run_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

static void
switch_to (AdwViewStack *stack,
           const char   *name,
           const char   *which)
{
  double c0 = rounds_bench_thread_cpu_ms ();
  double first_frame = -1, longest, s0;
  guint frames0 = frames_painted;
  gboolean profile = g_str_equal (which, "first");
  gint64 end;

  if (profile)
    perf_control ("enable");
  adw_view_stack_set_visible_child_name (stack, name);
  longest = rounds_bench_thread_cpu_ms () - c0;
  end = g_get_monotonic_time () + WINDOW_MS * 1000;
  while (g_get_monotonic_time () < end)
    {
      gboolean did;

      s0 = rounds_bench_thread_cpu_ms ();
      did = g_main_context_iteration (NULL, FALSE);
      if (frames_painted != frames0 && first_frame < 0)
        {
          first_frame = rounds_bench_thread_cpu_ms () - c0;
          if (profile)
            perf_control ("disable");
        }
      if (!did)
        {
          g_usleep (1000);
          continue;
        }
      if (show_steps && rounds_bench_thread_cpu_ms () - s0 > 4)
        g_printerr ("  step %.1f ms\n", rounds_bench_thread_cpu_ms () - s0);
      longest = MAX (longest, rounds_bench_thread_cpu_ms () - s0);
    }
  g_print ("%-6s switch to %-9s first frame %6.1f ms, longest step %6.1f ms, total %6.1f ms\n",
           which, name, first_frame, longest, rounds_bench_thread_cpu_ms () - c0);
}

int
main (int   argc,
      char *argv[])
{
  static const char * const places[] = { "plan", "calendar", "inbox", "insights" };
  guint n_posts = argc > 1 ? (guint)g_ascii_strtoull (argv[1], NULL, 10) : 100000;
  g_autofree char *dir = g_dir_make_tmp ("rounds-bench-switch-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "rounds.db", NULL);
  g_autoptr(RoundsStore) store = NULL;
  g_autoptr(RoundsContext) context = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *window, *posts, *inbox;
  AdwViewStack *stack;

  gtk_init ();
  adw_init ();
  show_steps = g_getenv ("BENCH_STEPS") != NULL;
  if (g_getenv ("BENCH_PERF_CTL") != NULL)
    perf_ctl = fopen (g_getenv ("BENCH_PERF_CTL"), "w");

  store = rounds_bench_data_open_practice (path, n_posts);
  context = rounds_context_new (store, FALSE);

  window = gtk_window_new ();
  stack = ADW_VIEW_STACK (adw_view_stack_new ());
  posts = g_object_new (ROUNDS_TYPE_POSTS_PAGE, NULL);
  inbox = g_object_new (ROUNDS_TYPE_INBOX_PAGE, NULL);
  adw_view_stack_add_named (stack, adw_bin_new (), "plan");
  adw_view_stack_add_named (stack, adw_bin_new (), "calendar");
  adw_view_stack_add_named (stack, posts, "posts");
  adw_view_stack_add_named (stack, inbox, "inbox");
  adw_view_stack_add_named (stack, adw_bin_new (), "insights");
  adw_view_stack_set_visible_child_name (stack, "posts");
  g_signal_connect (stack, "notify::visible-child-name", G_CALLBACK (on_visible_child_cb),
                    context);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (stack));
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  rounds_posts_page_set_context (ROUNDS_POSTS_PAGE (posts), context);
  rounds_inbox_page_set_context (ROUNDS_INBOX_PAGE (inbox), context);
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (on_after_paint_cb), NULL);
  /* The Posts list read and shown, its rows made: the app at rest */
  run_for (3000);

  for (guint round = 0; round < 2; round++)
    for (guint i = 0; i < G_N_ELEMENTS (places); i++)
      {
        const char *only = g_getenv ("BENCH_PLACES");

        if (only != NULL && strstr (only, places[i]) == NULL)
          continue;
        switch_to (stack, places[i], round == 0 ? "first" : "later");
        switch_to (stack, "posts", "back");
      }

  gtk_window_destroy (GTK_WINDOW (window));
  run_for (100);
  rounds_store_close (store);
  rounds_bench_remove_dir (dir);
  return 0;
}
