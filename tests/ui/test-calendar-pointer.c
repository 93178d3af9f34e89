/* test-calendar-pointer.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gdk/x11/gdkx.h>

#include "calendar-test-util.h"

/* A real drag with a real pointer: under Xvfb (no window manager, so the
 * window sits at 0,0), xdotool presses on a chip of the sample practice,
 * moves in steps to the next day's cell and lets go. The post must then
 * be scheduled exactly one day later at the same time of day in practice
 * time. This is what a user does; the other tests emit the drop. */

typedef struct
{
  gboolean done;
  gboolean ok;
} Run;

static void
on_xdotool_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(GError) error = NULL;

  run->ok = g_subprocess_wait_check_finish (G_SUBPROCESS (source), result, &error);
  if (error != NULL)
    g_printerr ("xdotool: %s\n", error->message);
  run->done = TRUE;
}

/* The centre of @widget in the X window's coordinates. */
static void
window_point (GtkWidget *widget,
              GtkWindow *window,
              double     fx,
              double     fy,
              int       *x,
              int       *y)
{
  graphene_rect_t bounds;
  double sx = 0, sy = 0;

  g_assert_true (gtk_widget_compute_bounds (widget, GTK_WIDGET (window), &bounds));
  /* The window widget may sit inside its surface (client-side shadow). */
  gtk_native_get_surface_transform (GTK_NATIVE (window), &sx, &sy);
  *x = (int)(bounds.origin.x + bounds.size.width * fx + sx);
  *y = (int)(bounds.origin.y + bounds.size.height * fy + sy);
}

static void
test_real_pointer_drag (UiFixture     *fixture,
                        gconstpointer  data)
{
  CalendarUi ui = { 0 };
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) argv = NULL;
  GtkWidget *month, *chip = NULL, *target;
  RoundsPost *post;
  gint64 id, before, after;
  GDate day;
  int x0, y0, x1, y1;
  Run run = { FALSE, FALSE };
  g_autofree char *wid = NULL;

  if (xdotool == NULL || g_getenv ("DISPLAY") == NULL)
    {
      g_test_skip ("needs xdotool and an X display (Xvfb)");
      return;
    }

  calendar_ui_open (fixture, &ui);
  month = rounds_calendar_page_get_month_view (ui.page);
  /* Waits until a chip is on screen with its size: the pointer goes by
   * its bounds. */
  post = calendar_ui_pick_movable (&ui, &chip);
  id = rounds_post_get_id (post);
  before = rounds_post_get_scheduled_at (post);
  rounds_calendar_date_of_utc (ui.tz, before, &day);
  g_date_add_days (&day, 1);
  target = rounds_calendar_month_view_get_day_cell (ROUNDS_CALENDAR_MONTH_VIEW (month), &day);
  g_assert_nonnull (target);

  window_point (chip, GTK_WINDOW (ui.window), 0.3, 0.5, &x0, &y0);
  window_point (target, GTK_WINDOW (ui.window), 0.5, 0.85, &x1, &y1);

  {
    GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (ui.window));
    wid = g_strdup_printf ("%lu", (gulong)gdk_x11_surface_get_xid (surface));
  }

  builder = g_strv_builder_new ();
  g_strv_builder_add (builder, xdotool);
#define ADDF(...) G_STMT_START { g_autofree char *s_ = g_strdup_printf (__VA_ARGS__); \
                                 g_strv_builder_add (builder, s_); } G_STMT_END
  ADDF ("mousemove"); ADDF ("--window"); ADDF ("%s", wid); ADDF ("%d", x0); ADDF ("%d", y0);
  ADDF ("sleep"); ADDF ("0.2");
  ADDF ("mousedown"); ADDF ("1");
  ADDF ("sleep"); ADDF ("0.1");
  for (int step = 1; step <= 6; step++)
    {
      ADDF ("mousemove"); ADDF ("--window"); ADDF ("%s", wid);
      ADDF ("%d", x0 + (x1 - x0) * step / 6 + (step == 1 ? 6 : 0));
      ADDF ("%d", y0 + (y1 - y0) * step / 6);
      ADDF ("sleep"); ADDF ("0.08");
    }
  ADDF ("sleep"); ADDF ("0.2");
  ADDF ("mouseup"); ADDF ("1");
#undef ADDF
  argv = g_strv_builder_end (builder);

  process = g_subprocess_newv ((const char * const *)argv, G_SUBPROCESS_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_subprocess_wait_check_async (process, NULL, on_xdotool_done_cb, &run);

  /* Keep the main loop running: GTK handles the drag while xdotool plays. */
  {
    gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

    while (!run.done && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, FALSE), g_usleep (1000);
  }
  g_assert_true (run.done);
  g_assert_true (run.ok);

  /* The drop has been handled once the post has moved; wait for that
   * (generously), then check where it went. */
  wait_until (rounds_post_get_scheduled_at (rounds_store_lookup_post (ui.store, id)) != before);
  after = rounds_post_get_scheduled_at (rounds_store_lookup_post (ui.store, id));
  g_assert_cmpint (after, ==, rounds_time_add_days (ui.tz, before, 1));
  /* Exactly one day later in practice time, same time of day. */
  g_assert_cmpint (rounds_calendar_minutes_of_utc (ui.tz, after), ==,
                   rounds_calendar_minutes_of_utc (ui.tz, before));
  {
    GDate a, b;

    rounds_calendar_date_of_utc (ui.tz, before, &a);
    rounds_calendar_date_of_utc (ui.tz, after, &b);
    g_assert_cmpint (g_date_days_between (&a, &b), ==, 1);
  }

  calendar_ui_close (&ui);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add ("/calendar/real-pointer-drag", UiFixture, NULL, ui_fixture_set_up,
              test_real_pointer_drag, ui_fixture_tear_down);

  return g_test_run ();
}
