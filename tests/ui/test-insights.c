/* test-insights.c — the Insights place: charts with data and without,
 * the period switcher, manual entry, the monthly report and CSV tables
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "ui-test-util.h"

#include "rounds-chart.h"
#include "rounds-insights-entry-dialog.h"
#include "rounds-insights-export.h"
#include "rounds-insights-page.h"
#include "rounds-insights-report.h"
#include "rounds-store-plan.h"

static RoundsInsightsPage *
open_sample_insights (UiFixture     *fixture,
                      RoundsWindow **window_out)
{
  RoundsWindow *window = ui_fixture_new_window (fixture);
  RoundsInsightsPage *page;

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 800);
  rounds_window_explore_sample (window);
  rounds_window_show_place (window, "insights");
  wait_until ((page = ROUNDS_INSIGHTS_PAGE (find_of_type (GTK_WIDGET (window),
                                                          ROUNDS_TYPE_INSIGHTS_PAGE))) != NULL &&
              gtk_widget_get_mapped (GTK_WIDGET (page)));
  *window_out = window;
  return page;
}

/* With ROUNDS_SCREENSHOT_DIR set, saves the window as NAME.png there (for
 * data/screenshots/ and the README). */
static void
maybe_screenshot (GtkWidget  *window,
                  const char *name)
{
  const char *dir = g_getenv ("ROUNDS_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  int width, height;

  if (dir == NULL)
    return;
  pump_for (300);
  paintable = gtk_widget_paintable_new (window);
  width = gdk_paintable_get_intrinsic_width (paintable);
  height = gdk_paintable_get_intrinsic_height (paintable);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  file = g_strconcat (name, ".png", NULL);
  path = g_build_filename (dir, file, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

static guint
drawn (RoundsInsightsPage *page,
       const char         *name)
{
  GtkWidget *chart = rounds_insights_page_find_chart (page, name);

  return chart != NULL ? rounds_chart_get_n_drawn (ROUNDS_CHART (chart)) : 0;
}

static void
test_sample_charts (UiFixture     *fixture,
                    gconstpointer  unused)
{
  RoundsWindow *window;
  RoundsInsightsPage *page = open_sample_insights (fixture, &window);
  GtkWidget *heat_map;

  /* The sample's six months show at once: every chart draws marks. */
  g_assert_false (rounds_insights_page_is_empty (page));
  wait_until (drawn (page, "followers") > 20);
  wait_until (drawn (page, "engagement") >= 3);
  wait_until (drawn (page, "heat-map") > 5);
  wait_until (drawn (page, "pillars") >= 4);

  /* Charts say what they show to a screen reader, and have a table. */
  heat_map = rounds_insights_page_find_chart (page, "heat-map");
  g_assert_true (rounds_chart_has_data (ROUNDS_CHART (heat_map)));
  g_assert_nonnull (find_of_type (gtk_widget_get_parent (heat_map), GTK_TYPE_EXPANDER));
  maybe_screenshot (GTK_WIDGET (window), "insights-overview");

  /* Return on investment: one bar per month of cost (and of value). */
  rounds_insights_page_set_period (page, ROUNDS_PERIOD_LAST_6_MONTHS);
  rounds_insights_page_show_view (page, "roi");
  wait_until (drawn (page, "roi") >= 6);
  maybe_screenshot (GTK_WIDGET (window), "insights-roi");

  /* A period before the history: the charts say there is nothing. */
  rounds_insights_page_show_view (page, "overview");
  rounds_insights_page_set_period (page, ROUNDS_PERIOD_LAST_12_MONTHS);
  wait_until (drawn (page, "followers") > 100);
}

static RoundsContext *
new_practice (UiFixture *fixture)
{
  g_autofree char *path = g_build_filename (fixture->data_dir, "empty.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RoundsClock) clock = rounds_clock_new_real ();
  g_autoptr(RoundsStore) store = rounds_store_open (path, clock, ROUNDS_STORE_OPEN_NO_BACKUPS,
                                                    &error);

  g_assert_no_error (error);
  return rounds_context_new (store, FALSE);
}

static void
test_empty_and_entry (UiFixture     *fixture,
                      gconstpointer  unused)
{
  g_autoptr(RoundsContext) context = new_practice (fixture);
  GtkWidget *window = gtk_window_new ();
  RoundsInsightsPage *page = g_object_new (ROUNDS_TYPE_INSIGHTS_PAGE, NULL);
  GtkWidget *dialog;
  GtkWidget *status;
  g_autoptr(GError) error = NULL;
  GList *spins;

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 800);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  gtk_window_present (GTK_WINDOW (window));
  rounds_insights_page_set_context (page, context);
  pump ();

  /* Nothing measured yet: the status page says what to do. */
  g_assert_true (rounds_insights_page_is_empty (page));
  status = find_of_type (GTK_WIDGET (page), ADW_TYPE_STATUS_PAGE);
  g_assert_true (gtk_widget_get_mapped (status));

  /* "Enter this week's numbers": followers of a network and inquiries. */
  dialog = rounds_insights_entry_dialog_new (context);
  gtk_window_present (GTK_WINDOW (dialog));
  g_signal_connect_object (dialog, "saved", G_CALLBACK (rounds_insights_page_reload), page,
                           G_CONNECT_SWAPPED);
  pump ();
  spins = NULL;
  {
    GtkWidget *child = GTK_WIDGET (dialog);
    GPtrArray *found = g_ptr_array_new ();

    /* The spin buttons in order: followers, inquiries, bookings, minutes, amount. */
    for (GtkWidget *w = child; w != NULL; )
      {
        if (GTK_IS_SPIN_BUTTON (w))
          g_ptr_array_add (found, w);
        if (gtk_widget_get_first_child (w) != NULL && !GTK_IS_SPIN_BUTTON (w))
          w = gtk_widget_get_first_child (w);
        else
          {
            while (w != NULL && w != child && gtk_widget_get_next_sibling (w) == NULL)
              w = gtk_widget_get_parent (w);
            w = (w == NULL || w == child) ? NULL : gtk_widget_get_next_sibling (w);
          }
      }
    g_assert_cmpuint (found->len, ==, 5);
    gtk_spin_button_set_value (found->pdata[0], 212);
    gtk_spin_button_set_value (found->pdata[1], 3);
    gtk_spin_button_set_value (found->pdata[3], 90);
    g_ptr_array_unref (found);
  }
  g_assert_true (rounds_insights_entry_dialog_save (ROUNDS_INSIGHTS_ENTRY_DIALOG (dialog), &error));
  g_assert_no_error (error);
  gtk_window_destroy (GTK_WINDOW (dialog));
  (void)spins;

  /* The numbers show: one reading (a dot), and no empty state. */
  wait_until (!rounds_insights_page_is_empty (page));
  wait_until (drawn (page, "followers") == 1);
  /* No post was measured: the engagement chart says so rather than drawing zeros. */
  g_assert_false (rounds_chart_has_data (ROUNDS_CHART (rounds_insights_page_find_chart (page, "engagement"))));
  g_assert_cmpuint (drawn (page, "engagement"), ==, 0);

  /* Last month has nothing yet: an empty chart, not a broken one. */
  rounds_insights_page_set_period (page, ROUNDS_PERIOD_LAST_MONTH);
  pump_for (100);
  g_assert_false (rounds_chart_has_data (ROUNDS_CHART (rounds_insights_page_find_chart (page, "followers"))));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_report_and_tables (UiFixture     *fixture,
                        gconstpointer  unused)
{
  RoundsWindow *window;
  RoundsInsightsPage *page = open_sample_insights (fixture, &window);
  RoundsContext *context = rounds_window_get_context (window);
  g_autoptr(GTimeZone) tz = rounds_context_dup_time_zone (context);
  guint32 today = rounds_insights_today (tz, rounds_clock_get_now (rounds_context_get_clock (context)));
  g_autofree char *pdf = g_build_filename (fixture->data_dir, "report.pdf", NULL);
  g_autofree char *roi = g_build_filename (fixture->data_dir, "roi.csv", NULL);
  g_autofree char *text = NULL;
  g_autofree char *csv = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "pdftotext", "-layout", pdf, "-", NULL };
  int status = 0;

  wait_until (rounds_insights_page_get_data (page) != NULL);

  /* Last month's report, read back as text. */
  g_assert_true (rounds_insights_report_write (context, rounds_insights_page_get_data (page),
                                               rounds_insights_month_of (today) - 1, pdf, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &text, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (text, "Social Media Report"));
  g_assert_nonnull (strstr (text, "Maple Grove Family Practice"));
  g_assert_nonnull (strstr (text, "Followers:"));
  g_assert_nonnull (strstr (text, "target 1200"));
  g_assert_nonnull (strstr (text, "Cost per inquiry: $"));
  g_assert_nonnull (strstr (text, "(estimated"));
  g_assert_nonnull (strstr (text, "(measured)"));
  g_assert_nonnull (strstr (text, "Best Posts"));
  g_assert_nonnull (strstr (text, "Next Month"));

  /* Every table as CSV; the ROI table has a row per month. */
  {
    g_autoptr(GHashTable) rates = g_hash_table_new (g_str_hash, g_str_equal);

    g_assert_true (rounds_insights_write_tables (rounds_insights_page_get_data (page),
                                                 rounds_period_make (ROUNDS_PERIOD_LAST_6_MONTHS, today),
                                                 tz, NULL, today, today, NULL, rates, 2500, 25000,
                                                 fixture->data_dir, &error));
    g_assert_no_error (error);
  }
  g_assert_true (g_file_get_contents (roi, &csv, NULL, &error));
  g_assert_true (g_str_has_prefix (csv, "month,minutes,time_cost_estimated,"));
  {
    g_auto(GStrv) lines = g_strsplit (csv, "\r\n", -1);

    g_assert_cmpuint (g_strv_length (lines), >=, 6 + 2);
  }
  for (guint i = 0; i < 7; i++)
    {
      const char *names[] = { "goals.csv", "followers.csv", "engagement.csv", "posts.csv",
                              "posting-times.csv", "pillars.csv", "results.csv" };
      g_autofree char *path = g_build_filename (fixture->data_dir, names[i], NULL);

      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
    }
}

static void
expand_all (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_EXPANDER (child))
        gtk_expander_set_expanded (GTK_EXPANDER (child), TRUE);
      expand_all (child);
    }
}

static int
min_width (GtkWidget *widget)
{
  int minimum, natural;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  return minimum;
}

/* The Insights place lets the window shrink as far as the other places
 * (a phone-sized 360 px), with both views built and every table open:
 * long labels wrap or ellipsize and wide tables scroll inside their card. */
static void
test_narrow (UiFixture     *fixture,
             gconstpointer  unused)
{
  RoundsWindow *window;
  RoundsInsightsPage *page = open_sample_insights (fixture, &window);
  GLogLevelFlags old_fatal;

  rounds_insights_page_set_period (page, ROUNDS_PERIOD_LAST_12_MONTHS);
  wait_until (drawn (page, "heat-map") > 5);
  expand_all (GTK_WIDGET (page));
  pump_for (100);
  g_assert_cmpint (min_width (GTK_WIDGET (page)), <=, 360);

  rounds_insights_page_show_view (page, "roi");
  wait_until (drawn (page, "roi") >= 6);
  expand_all (GTK_WIDGET (page));
  pump_for (100);
  g_assert_cmpint (min_width (GTK_WIDGET (page)), <=, 360);

  /* The window follows: narrowed, it is no wider than asked. Narrowing
   * makes GTK warn about a box of the window itself (see test-plan.c's
   * narrow-window case), so only criticals stay fatal here. */
  old_fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  gtk_window_unmaximize (GTK_WINDOW (window));
  gtk_window_set_default_size (GTK_WINDOW (window), 560, 700);
  gtk_widget_queue_resize (GTK_WIDGET (window));
  wait_until (gtk_widget_get_width (GTK_WIDGET (window)) <= 560);
  maybe_screenshot (GTK_WIDGET (window), "insights-narrow");
  g_log_set_always_fatal (old_fatal);
}

static gboolean
match_tooltip (GtkWidget *widget,
               gpointer   data)
{
  return GTK_IS_MENU_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_widget_get_tooltip_text (widget), data) == 0;
}

static gboolean
match_menu_item (GtkWidget *widget,
                 gpointer   data)
{
  g_autofree char *text = NULL;

  if (!gtk_widget_get_mapped (widget) || GTK_IS_LABEL (widget) || GTK_IS_EDITABLE (widget) ||
      g_object_class_find_property (G_OBJECT_GET_CLASS (widget), "text") == NULL)
    return FALSE;
  g_object_get (widget, "text", &text, NULL);
  return label_reads (text, data);
}

/* The toolbar's menus: not made on the first switch to the place (issue
 * 17), they show their items when opened, and open again. */
static void
test_menus (UiFixture     *fixture,
            gconstpointer  unused)
{
  static const struct { const char *button, *item; } menus[] = {
    { "Add Numbers", "Enter This Week’s Numbers…" },
    { "Export", "Monthly Report (PDF)…" },
  };
  g_autoptr(RoundsContext) context = new_practice (fixture);
  GtkWidget *window = gtk_window_new ();
  RoundsInsightsPage *page = g_object_new (ROUNDS_TYPE_INSIGHTS_PAGE, NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 800);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  gtk_window_present (GTK_WINDOW (window));
  rounds_insights_page_set_context (page, context);
  pump ();

  for (guint i = 0; i < G_N_ELEMENTS (menus); i++)
    {
      GtkWidget *button = find_widget (GTK_WIDGET (page), match_tooltip, (gpointer)menus[i].button);
      GtkPopover *popover;

      g_assert_nonnull (button);
      g_assert_true (gtk_widget_get_sensitive (button));
      g_assert_null (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));

      for (guint round = 0; round < 2; round++)
        {
          gtk_menu_button_popup (GTK_MENU_BUTTON (button));
          popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));
          g_assert_nonnull (popover);
          wait_until (gtk_widget_get_mapped (GTK_WIDGET (popover)));
          pump ();
          g_assert_nonnull (find_widget (GTK_WIDGET (popover), match_menu_item,
                                         (gpointer)menus[i].item));
          gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
          wait_until (!gtk_widget_get_mapped (GTK_WIDGET (popover)));
        }
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add ("/insights/sample-charts", UiFixture, NULL, ui_fixture_set_up, test_sample_charts,
              ui_fixture_tear_down);
  g_test_add ("/insights/empty-and-entry", UiFixture, NULL, ui_fixture_set_up,
              test_empty_and_entry, ui_fixture_tear_down);
  g_test_add ("/insights/menus", UiFixture, NULL, ui_fixture_set_up, test_menus,
              ui_fixture_tear_down);
  g_test_add ("/insights/report-and-tables", UiFixture, NULL, ui_fixture_set_up,
              test_report_and_tables, ui_fixture_tear_down);
  g_test_add ("/insights/narrow", UiFixture, NULL, ui_fixture_set_up, test_narrow,
              ui_fixture_tear_down);

  return g_test_run ();
}
