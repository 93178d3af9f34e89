/* test-layout.c — what the main window looks like at the widths people
 * use: 1100 px (the default), 1366 px (a laptop) and 1920 px (an office
 * screen). Titles line up with the content under them, and the header's
 * person menu shows a name, not "Lena …".
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "rounds-insights-page.h"
#include "rounds-person-button.h"
#include "rounds-store-people.h"
#include "rounds-inbox-row.h"
#include "ui-test-util.h"

static RoundsWindow *
open_sample (UiFixture *fixture)
{
  RoundsWindow *window = ui_fixture_new_window (fixture);

  rounds_window_explore_sample (window);
  wait_until (rounds_window_get_context (window) != NULL);
  pump ();
  return window;
}

/* Widens @window to @width (wider than the test's screen may be: a size
 * request, which only ever grows here). */
static void
set_width (RoundsWindow *window,
           int           width)
{
  gtk_widget_set_size_request (GTK_WIDGET (window), width, 760);
  gtk_window_set_default_size (GTK_WINDOW (window), width, 760);
  pump_for (100);
  g_test_message ("asked for %d px, the window is %d", width,
                  gtk_widget_get_width (GTK_WIDGET (window)));
  /* Less the frame's shadow when there is no window manager. */
  wait_until (ABS (gtk_widget_get_width (GTK_WIDGET (window)) - width) <= 16);
  pump_for (30);
}

static gboolean
match_mapped_type (GtkWidget *widget,
                   gpointer   data)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (data)) &&
         gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0;
}

static GtkWidget *
find_mapped (GtkWidget *root,
             GType      type)
{
  return find_widget (root, match_mapped_type, GSIZE_TO_POINTER (type));
}

static gboolean
match_mapped_label (GtkWidget *widget,
                    gpointer   data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), data) == 0;
}

static double
left_of (GtkWidget *widget,
         GtkWidget *window)
{
  graphene_rect_t bounds;

  g_assert_nonnull (widget);
  g_assert_true (gtk_widget_compute_bounds (widget, window, &bounds));
  return bounds.origin.x;
}

static gboolean
label_ellipsized (GtkLabel *label)
{
  return pango_layout_is_ellipsized (gtk_label_get_layout (label));
}

/* The header's person menu shows the name at the default size and on a
 * laptop (whole, or as first name and initial), never cut off; the whole
 * name is in its tooltip and its accessible name. */
static void
test_person_button_readable (UiFixture     *fixture,
                             gconstpointer  data)
{
  RoundsWindow *window = open_sample (fixture);
  RoundsStore *store = rounds_context_get_store (rounds_window_get_context (window));
  RoundsPerson *desk = rounds_store_get_desk_person (store);
  const char *name;
  g_autofree char *short_name = NULL;
  g_autofree char *said = NULL;
  RoundsPersonButton *button;
  GtkWidget *menu_button;
  const int widths[] = { 1100, 1366, 1920 };

  g_assert_nonnull (desk);
  name = rounds_person_get_name (desk);
  short_name = rounds_person_name_shorten (name);
  said = g_strdup_printf ("At this computer: %s. Switch person", name);
  button = ROUNDS_PERSON_BUTTON (find_of_type (GTK_WIDGET (window), ROUNDS_TYPE_PERSON_BUTTON));
  g_assert_nonnull (button);
  menu_button = find_of_type (GTK_WIDGET (button), GTK_TYPE_MENU_BUTTON);

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    {
      g_autofree char *shot = g_strdup_printf ("header-%d", widths[i]);
      GtkLabel *shown;
      g_autofree char *wrong = NULL;

      set_width (window, widths[i]);
      shown = rounds_person_button_get_shown_name (button);
      g_test_message ("%d px: the header shows “%s”", widths[i], gtk_label_get_text (shown));
      g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (shown)));
      g_assert_false (label_ellipsized (shown));
      g_assert_true (g_str_equal (gtk_label_get_text (shown), name) ||
                     g_str_equal (gtk_label_get_text (shown), short_name));
      /* Not the short form where the whole name fits. */
      if (widths[i] >= 1366)
        g_assert_cmpstr (gtk_label_get_text (shown), ==, name);
      g_assert_cmpstr (gtk_widget_get_tooltip_text (menu_button), ==, said);
      wrong = gtk_test_accessible_check_property (GTK_ACCESSIBLE (menu_button),
                                                  GTK_ACCESSIBLE_PROPERTY_LABEL, said);
      g_assert_null (wrong);
      ui_screenshot (GTK_WIDGET (window), shot);
    }
}

/* At 1920 px, Posts, Inbox and Insights keep their content to a readable
 * width, centred, and the toolbar above it starts where it starts. */
static void
test_wide_window_aligned (UiFixture     *fixture,
                          gconstpointer  data)
{
  RoundsWindow *window = open_sample (fixture);
  GtkWidget *page;
  double top, content;

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  set_width (window, 1920);

  /* Posts: the search entry and the list of posts. */
  rounds_window_show_place (window, "posts");
  page = rounds_window_get_posts_page (window);
  wait_until (gtk_widget_get_mapped (rounds_posts_page_get_list_view (ROUNDS_POSTS_PAGE (page))));
  pump_for (30);
  top = left_of (find_mapped (page, GTK_TYPE_SEARCH_ENTRY), GTK_WIDGET (window));
  content = left_of (rounds_posts_page_get_list_view (ROUNDS_POSTS_PAGE (page)), GTK_WIDGET (window));
  g_test_message ("Posts: toolbar at %.0f, list at %.0f", top, content);
  g_assert_cmpfloat (content, >, 250);
  g_assert_cmpfloat (fabs (top - content), <=, 2);
  ui_screenshot (GTK_WIDGET (window), "posts-1920");

  /* Inbox: "Show" and the items' text. */
  rounds_window_show_place (window, "inbox");
  page = rounds_window_get_inbox_page (window);
  wait_until (find_mapped (page, ROUNDS_TYPE_INBOX_ROW) != NULL);
  pump_for (30);
  top = left_of (find_widget (page, match_mapped_label, (gpointer)"Show"), GTK_WIDGET (window));
  /* A row draws its texts itself, from its text start. */
  {
    GtkWidget *row = find_mapped (page, ROUNDS_TYPE_INBOX_ROW);

    content = left_of (row, GTK_WIDGET (window)) +
              rounds_inbox_row_get_text_start (ROUNDS_INBOX_ROW (row));
  }
  g_test_message ("Inbox: toolbar at %.0f, items at %.0f", top, content);
  g_assert_cmpfloat (content, >, 400);
  g_assert_cmpfloat (fabs (top - content), <=, 4);
  ui_screenshot (GTK_WIDGET (window), "inbox-1920");

  /* Insights: its switcher and the first group of numbers. */
  rounds_window_show_place (window, "insights");
  page = find_of_type (GTK_WIDGET (window), ROUNDS_TYPE_INSIGHTS_PAGE);
  wait_until (find_mapped (page, ADW_TYPE_PREFERENCES_GROUP) != NULL);
  pump_for (30);
  top = left_of (find_mapped (page, ADW_TYPE_VIEW_SWITCHER), GTK_WIDGET (window));
  content = left_of (find_mapped (page, ADW_TYPE_PREFERENCES_GROUP), GTK_WIDGET (window));
  g_test_message ("Insights: toolbar at %.0f, content at %.0f", top, content);
  g_assert_cmpfloat (content, >, 400);
  g_assert_cmpfloat (fabs (top - content), <=, 4);
  ui_screenshot (GTK_WIDGET (window), "insights-1920");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

#define ADD(path, fn) \
  g_test_add ("/ui/layout/" path, UiFixture, NULL, ui_fixture_set_up, fn, ui_fixture_tear_down)
  ADD ("person-button-readable", test_person_button_readable);
  ADD ("wide-window-aligned", test_wide_window_aligned);

  return g_test_run ();
}
