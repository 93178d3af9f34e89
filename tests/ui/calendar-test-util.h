/* calendar-test-util.h — the sample practice on the calendar, for UI tests
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rounds-calendar-chip.h"
#include "rounds-calendar-geometry.h"
#include "rounds-calendar-month-view.h"
#include "rounds-calendar-page.h"
#include "rounds-calendar-week-view.h"
#include "rounds-time.h"
#include "ui-test-util.h"

/* Monday 2 March 2026, 08:00 in Chicago (the sample practice's zone):
 * the sample's posts run through March and April, and the clocks spring
 * forward on Sunday 8 March. */
#define CAL_UI_NOW ((gint64)1772460000)

typedef struct
{
  RoundsWindow       *window;
  RoundsCalendarPage *page;
  RoundsStore        *store;
  GTimeZone          *tz;
} CalendarUi;

static inline void
calendar_ui_open (UiFixture  *fixture,
                  CalendarUi *ui)
{
  g_autoptr(RoundsClock) clock = rounds_clock_new_fake (CAL_UI_NOW);

  rounds_application_set_clock (fixture->app, clock);
  ui->window = ui_fixture_new_window (fixture);
  gtk_window_set_default_size (GTK_WINDOW (ui->window), 1100, 760);
  rounds_window_explore_sample (ui->window);
  rounds_window_show_place (ui->window, "calendar");

  /* Wait until the calendar is on screen with its size: drops and chip
   * bounds are computed from the allocation. */
  wait_until ((ui->page = ROUNDS_CALENDAR_PAGE (find_of_type (GTK_WIDGET (ui->window),
                                                              ROUNDS_TYPE_CALENDAR_PAGE))) != NULL);
  wait_until (gtk_widget_get_mapped (rounds_calendar_page_get_month_view (ui->page)) &&
              gtk_widget_get_width (rounds_calendar_page_get_month_view (ui->page)) > 0 &&
              gtk_widget_get_height (rounds_calendar_page_get_month_view (ui->page)) > 0);
  /* The posts of the first switch are read on a worker. */
  wait_until (!rounds_calendar_page_is_loading (ui->page));
  pump ();
  ui->store = rounds_context_get_store (rounds_window_get_context (ui->window));
  ui->tz = rounds_context_dup_time_zone (rounds_window_get_context (ui->window));
}

static inline void
calendar_ui_close (CalendarUi *ui)
{
  g_clear_pointer (&ui->tz, g_time_zone_unref);
}

/* A post that may move, scheduled at least two days ahead in March, whose
 * chip shows in the month view and whose next day is in the grid too;
 * NULL while the month view shows none yet. */
static inline RoundsPost *
calendar_ui_find_movable (CalendarUi *ui,
                          GtkWidget **chip_out)
{
  GListModel *posts = rounds_store_get_posts (ui->store);
  GtkWidget *month = rounds_calendar_page_get_month_view (ui->page);

  for (guint i = 0; i < g_list_model_get_n_items (posts); i++)
    {
      g_autoptr(RoundsPost) post = g_list_model_get_item (posts, i);
      gint64 when = rounds_post_get_scheduled_at (post);
      RoundsPostStatus status = rounds_post_get_status (post);
      GtkWidget *chip;
      GDate day;

      if (when < CAL_UI_NOW + 2 * 86400 || status == ROUNDS_POST_STATUS_PUBLISHED ||
          status == ROUNDS_POST_STATUS_PUBLISHING || status == ROUNDS_POST_STATUS_CANCELLED)
        continue;
      rounds_calendar_date_of_utc (ui->tz, when, &day);
      if (g_date_get_month (&day) != 3 || g_date_get_day (&day) > 27)
        continue;
      /* Only a chip that is on screen with its size: how many fit in a
       * cell depends on fonts and window size, so any shown one will do. */
      chip = rounds_calendar_month_view_find_chip (ROUNDS_CALENDAR_MONTH_VIEW (month),
                                                   rounds_post_get_id (post), 0);
      if (chip == NULL || !gtk_widget_get_mapped (chip) || gtk_widget_get_width (chip) <= 0 ||
          gtk_widget_get_height (chip) <= 0)
        continue;
      if (chip_out != NULL)
        *chip_out = chip;
      return post;   /* the store keeps its own reference */
    }

  return NULL;
}

/* calendar_ui_find_movable(), waiting (with wait_until()'s generous
 * deadline) until the month view has laid out its chips. */
static inline RoundsPost *
calendar_ui_pick_movable (CalendarUi *ui,
                          GtkWidget **chip_out)
{
  RoundsPost *post = NULL;

  wait_until ((post = calendar_ui_find_movable (ui, chip_out)) != NULL);
  return post;
}

static inline GtkDropTarget *
find_drop_target (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) c = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (c))
        return GTK_DROP_TARGET (c);
    }
  return NULL;
}
