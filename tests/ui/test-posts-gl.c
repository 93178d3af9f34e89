/* test-posts-gl.c — the Posts place with the GL renderer
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The other UI tests draw with cairo (tests/meson.build); this program
 * draws with GL (llvmpipe under Xvfb), for what only GL does: the hidden
 * Posts page drawn once off screen before its first switch (issue 17).
 */

#include "config.h"

#include "ui-test-util.h"

/* What the window's frames showed */
typedef struct
{
  GtkWidget *page;
  GtkWidget *list;
  guint      frames;
  guint      frames_page_mapped;   /* frames drawn while Posts was mapped */
  gboolean   watch_first;          /* the next frame is the first after a switch */
  gboolean   first_had_rows;       /* that frame drew rows that show their posts */
  gboolean   first_seen;
} Frames;

/* Whether the list's mapped rows all show a post, and there are some */
static gboolean
rows_show_posts (GtkWidget *list)
{
  guint n = 0;

  for (GtkWidget *item = gtk_widget_get_first_child (list); item != NULL;
       item = gtk_widget_get_next_sibling (item))
    {
      GtkWidget *row = gtk_widget_get_first_child (item);
      graphene_rect_t bounds;

      if (!ROUNDS_IS_POSTS_ROW (row) || !gtk_widget_get_mapped (row))
        continue;
      if (rounds_posts_row_get_post (ROUNDS_POSTS_ROW (row)) == NULL ||
          !rounds_posts_row_get_text_bounds (ROUNDS_POSTS_ROW (row), ROUNDS_POSTS_COLUMN_TITLE,
                                             &bounds))
        return FALSE;
      n++;
    }
  return n > 0;
}

/* Whether a mapped row of the list shows @title */
static gboolean
row_shows_title (GtkWidget  *list,
                 const char *title)
{
  for (GtkWidget *item = gtk_widget_get_first_child (list); item != NULL;
       item = gtk_widget_get_next_sibling (item))
    {
      GtkWidget *row = gtk_widget_get_first_child (item);

      if (ROUNDS_IS_POSTS_ROW (row) && gtk_widget_get_mapped (row) &&
          g_strcmp0 (rounds_posts_row_get_text (ROUNDS_POSTS_ROW (row), ROUNDS_POSTS_COLUMN_TITLE),
                     title) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   Frames        *frames)
{
  frames->frames++;
  if (gtk_widget_get_mapped (frames->page))
    frames->frames_page_mapped++;
  if (frames->watch_first)
    {
      frames->watch_first = FALSE;
      frames->first_seen = TRUE;
      frames->first_had_rows = rows_show_posts (frames->list);
    }
}

/* A window that opens on the Calendar draws the hidden Posts page once
 * off screen (its glyphs and shaders made before it shows), without it
 * ever showing in a frame and without taking its changes: the Calendar
 * stays on screen, the first frame of Posts shows its rows, and a post
 * changed while Posts was hidden shows its new title. */
static void
test_drawn_off_screen_while_hidden (UiFixture     *fixture,
                                    gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.roundsapp.Rounds");
  RoundsWindow *window;
  RoundsPostsPage *page;
  RoundsWarmUp *warm_up;
  GListModel *shown;
  GdkFrameClock *clock;
  Frames frames = { 0 };
  g_autoptr(RoundsPost) first = NULL;
  g_autoptr(RoundsPost) copy = NULL;
  g_autoptr(GError) error = NULL;
  gulong handler;

  g_settings_set_string (settings, "last-place", "calendar");
  window = ui_fixture_new_window (fixture);
  if (GSK_IS_CAIRO_RENDERER (gtk_native_get_renderer (GTK_NATIVE (window))))
    {
      g_test_skip ("no GL here: the window draws with cairo");
      return;
    }
  click (find_button (GTK_WIDGET (window), "Explore a Sample Practice"));
  ui_wait_posts (window);
  page = ROUNDS_POSTS_PAGE (rounds_window_get_posts_page (window));
  shown = rounds_posts_page_get_model (page);
  g_assert_cmpstr (rounds_window_get_place (window), ==, "calendar");

  frames.page = GTK_WIDGET (page);
  frames.list = rounds_posts_page_get_list_view (page);
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), &frames);

  wait_until ((warm_up = rounds_posts_page_get_warm_up (page)) != NULL &&
              rounds_warm_up_get_done (warm_up));
  g_assert_cmpuint (rounds_warm_up_get_steps (warm_up), >, 1);
  /* The Calendar showed all along; Posts never did */
  g_assert_cmpstr (rounds_window_get_place (window), ==, "calendar");
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (page)));
  g_assert_cmpuint (frames.frames_page_mapped, ==, 0);
  /* and it still follows the store only once shown */
  g_assert_true (rounds_post_list_get_held (ROUNDS_POST_LIST (shown)));

  first = g_list_model_get_item (shown, 0);
  copy = rounds_post_copy (first);
  rounds_post_set_title (copy, "Changed while the calendar showed");
  rounds_store_save_post (ui_window_store (window), copy, &error);
  g_assert_no_error (error);
  pump ();

  frames.watch_first = TRUE;
  rounds_window_show_place (window, "posts");
  wait_until (frames.first_seen);
  g_assert_true (frames.first_had_rows);
  ui_wait_posts (window);
  wait_until (row_shows_title (frames.list, "Changed while the calendar showed"));
  g_signal_handler_disconnect (clock, handler);
}

int
main (int   argc,
      char *argv[])
{
  /* Before GTK opens the display: GSK reads it once */
  g_setenv ("GSK_RENDERER", "gl", TRUE);
  gtk_test_init (&argc, &argv, NULL);

  g_test_add ("/ui/posts-gl/drawn-off-screen-while-hidden", UiFixture, NULL, ui_fixture_set_up,
              test_drawn_off_screen_while_hidden, ui_fixture_tear_down);

  return g_test_run ();
}
