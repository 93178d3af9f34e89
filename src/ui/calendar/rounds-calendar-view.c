/* rounds-calendar-view.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-calendar-view"

#include "config.h"

#include "rounds-calendar-chip.h"
#include "rounds-calendar-view.h"

/* What every calendar view (month, week, agenda) offers the page: a
 * period around a day, the range it covers, its title, a step to the next
 * period, a model of events to show, and a way to find a post's widget.
 * The views share the signals and the drop handling here: one drop
 * target per view asks the view where the pointer is (::drop_hover) and
 * what time a drop there means (::drop_time), then emits ::post-dropped,
 * which the page turns into a move. */

G_DEFINE_INTERFACE (RoundsCalendarView, rounds_calendar_view, GTK_TYPE_WIDGET)

enum {
  POST_DROPPED,
  POST_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Most views show a month: they step to the first of the next one. */
static void
step_month (RoundsCalendarView *self,
            GDate              *day,
            int                 direction)
{
  g_date_set_day (day, 1);
  if (direction > 0)
    g_date_add_months (day, 1);
  else
    g_date_subtract_months (day, 1);
}

static void
rounds_calendar_view_default_init (RoundsCalendarViewInterface *iface)
{
  iface->step = step_month;

  /**
   * RoundsCalendarView::post-dropped:
   * @post: the post dropped
   * @occurrence: the occurrence dragged (UTC; 0 for an unscheduled draft)
   * @to: the time it would get
   *
   * Returns: %TRUE when the move was taken up.
   */
  signals[POST_DROPPED] =
    g_signal_new ("post-dropped", G_TYPE_FROM_INTERFACE (iface), G_SIGNAL_RUN_LAST, 0,
                  g_signal_accumulator_true_handled, NULL, NULL,
                  G_TYPE_BOOLEAN, 3, ROUNDS_TYPE_POST, G_TYPE_INT64, G_TYPE_INT64);

  /**
   * RoundsCalendarView::post-activated:
   * @post: the post whose chip or row was activated
   */
  signals[POST_ACTIVATED] =
    g_signal_new ("post-activated", G_TYPE_FROM_INTERFACE (iface), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, ROUNDS_TYPE_POST);
}

void
rounds_calendar_view_set_date (RoundsCalendarView *self,
                               const GDate        *day,
                               GDateWeekday        first_weekday,
                               GTimeZone          *tz,
                               gint64              now)
{
  g_return_if_fail (ROUNDS_IS_CALENDAR_VIEW (self));
  g_return_if_fail (day != NULL && g_date_valid (day));
  g_return_if_fail (tz != NULL);

  ROUNDS_CALENDAR_VIEW_GET_IFACE (self)->set_date (self, day, first_weekday, tz, now);
}

/**
 * rounds_calendar_view_get_range:
 * @first: (out): the first day shown
 * @after_last: (out): the day after the last one shown
 */
void
rounds_calendar_view_get_range (RoundsCalendarView *self,
                                GDate              *first,
                                GDate              *after_last)
{
  g_return_if_fail (ROUNDS_IS_CALENDAR_VIEW (self));
  g_return_if_fail (first != NULL && after_last != NULL);

  ROUNDS_CALENDAR_VIEW_GET_IFACE (self)->get_range (self, first, after_last);
}

char *
rounds_calendar_view_dup_title (RoundsCalendarView *self)
{
  g_return_val_if_fail (ROUNDS_IS_CALENDAR_VIEW (self), NULL);

  return ROUNDS_CALENDAR_VIEW_GET_IFACE (self)->dup_title (self);
}

/**
 * rounds_calendar_view_step:
 * @day: (inout): a day of the period shown; becomes a day of the next
 *   (@direction 1) or previous (-1) one
 */
void
rounds_calendar_view_step (RoundsCalendarView *self,
                           GDate              *day,
                           int                 direction)
{
  g_return_if_fail (ROUNDS_IS_CALENDAR_VIEW (self));
  g_return_if_fail (day != NULL && g_date_valid (day));

  ROUNDS_CALENDAR_VIEW_GET_IFACE (self)->step (self, day, direction);
}

/**
 * rounds_calendar_view_set_model:
 * @model: (nullable): #RoundsCalendarEvent items by time
 */
void
rounds_calendar_view_set_model (RoundsCalendarView *self,
                                GListModel         *model)
{
  g_return_if_fail (ROUNDS_IS_CALENDAR_VIEW (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  ROUNDS_CALENDAR_VIEW_GET_IFACE (self)->set_model (self, model);
}

/**
 * rounds_calendar_view_find_post:
 * @when: the occurrence, or 0 for any
 *
 * Returns: (transfer none) (nullable): the widget showing the post.
 */
GtkWidget *
rounds_calendar_view_find_post (RoundsCalendarView *self,
                                gint64              post_id,
                                gint64              when)
{
  g_return_val_if_fail (ROUNDS_IS_CALENDAR_VIEW (self), NULL);

  return ROUNDS_CALENDAR_VIEW_GET_IFACE (self)->find_post (self, post_id, when);
}

/**
 * rounds_calendar_view_select_post:
 *
 * Moves the keyboard focus to a post shown in the view.
 *
 * Returns: %TRUE when the post is shown.
 */
gboolean
rounds_calendar_view_select_post (RoundsCalendarView *self,
                                  gint64              post_id,
                                  gint64              when)
{
  GtkWidget *widget = rounds_calendar_view_find_post (self, post_id, when);

  if (widget == NULL)
    return FALSE;
  gtk_widget_grab_focus (widget);
  return TRUE;
}

/**
 * rounds_calendar_view_follow_model:
 * @model: (inout): where the view keeps its model
 * @new_model: (nullable): the model to follow from now on
 * @rebind: redraws the view from *@model
 *
 * For a view's ::set_model (and its dispose, with %NULL): swaps the
 * model it keeps and redraws, and redraws whenever the model changes.
 */
void
rounds_calendar_view_follow_model (RoundsCalendarView       *self,
                                   GListModel              **model,
                                   GListModel               *new_model,
                                   RoundsCalendarViewRebind  rebind)
{
  if (*model == new_model)
    return;
  if (*model != NULL)
    g_signal_handlers_disconnect_by_func (*model, rebind, self);
  g_set_object (model, new_model);
  if (new_model != NULL)
    g_signal_connect_swapped (new_model, "items-changed", G_CALLBACK (rebind), self);
  rebind (self);
}

void
rounds_calendar_view_activate_post (RoundsCalendarView *self,
                                    RoundsPost         *post)
{
  g_return_if_fail (ROUNDS_IS_CALENDAR_VIEW (self));

  if (post != NULL)
    g_signal_emit (self, signals[POST_ACTIVATED], 0, post);
}

static void
on_chip_clicked_cb (RoundsCalendarChip *chip,
                    RoundsCalendarView *self)
{
  rounds_calendar_view_activate_post (self, rounds_calendar_chip_get_post (chip));
}

/**
 * rounds_calendar_view_new_chip:
 *
 * Returns: (transfer floating): a chip that activates its post in the view.
 */
GtkWidget *
rounds_calendar_view_new_chip (RoundsCalendarView *self)
{
  GtkWidget *chip = rounds_calendar_chip_new ();

  g_signal_connect_object (chip, "clicked", G_CALLBACK (on_chip_clicked_cb), self, 0);
  return chip;
}

static GdkDragAction
on_drop_motion_cb (GtkDropTarget      *target,
                   double              x,
                   double              y,
                   RoundsCalendarView *self)
{
  return ROUNDS_CALENDAR_VIEW_GET_IFACE (self)->drop_hover (self, TRUE, x, y) ? GDK_ACTION_MOVE : 0;
}

static void
on_drop_leave_cb (GtkDropTarget      *target,
                  RoundsCalendarView *self)
{
  ROUNDS_CALENDAR_VIEW_GET_IFACE (self)->drop_hover (self, FALSE, 0, 0);
}

static gboolean
on_drop_cb (GtkDropTarget      *target,
            const GValue       *value,
            double              x,
            double              y,
            RoundsCalendarView *self)
{
  RoundsCalendarViewInterface *iface = ROUNDS_CALENDAR_VIEW_GET_IFACE (self);
  RoundsCalendarChip *chip = rounds_calendar_chip_get_dragged ();
  RoundsPost *post;
  gint64 occurrence, to;
  gboolean handled = FALSE;

  iface->drop_hover (self, FALSE, 0, 0);
  if (!G_VALUE_HOLDS (value, ROUNDS_TYPE_POST))
    return FALSE;

  /* A repeating post has a chip per occurrence: the one dragged says
   * which occurrence moves. */
  post = g_value_get_object (value);
  occurrence = rounds_post_get_scheduled_at (post);
  if (chip != NULL && rounds_calendar_chip_get_post (chip) == post &&
      rounds_calendar_chip_get_when (chip) > 0)
    occurrence = rounds_calendar_chip_get_when (chip);

  to = iface->drop_time (self, x, y, occurrence);
  if (to <= 0)
    return FALSE;
  g_signal_emit (self, signals[POST_DROPPED], 0, post, occurrence, to, &handled);
  return handled;
}

/**
 * rounds_calendar_view_add_drop_target:
 *
 * Gives a view that implements ::drop_hover and ::drop_time its one drop
 * target for posts.
 */
void
rounds_calendar_view_add_drop_target (RoundsCalendarView *self)
{
  RoundsCalendarViewInterface *iface = ROUNDS_CALENDAR_VIEW_GET_IFACE (self);
  GtkDropTarget *drop;

  g_return_if_fail (iface->drop_hover != NULL && iface->drop_time != NULL);

  drop = gtk_drop_target_new (ROUNDS_TYPE_POST, GDK_ACTION_MOVE);
  g_signal_connect_object (drop, "motion", G_CALLBACK (on_drop_motion_cb), self, 0);
  g_signal_connect_object (drop, "enter", G_CALLBACK (on_drop_motion_cb), self, 0);
  g_signal_connect_object (drop, "leave", G_CALLBACK (on_drop_leave_cb), self, 0);
  g_signal_connect_object (drop, "drop", G_CALLBACK (on_drop_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}

/**
 * rounds_calendar_format_date:
 * @format: a strftime() format
 *
 * Returns: (transfer full): @day written with @format ("" if too long).
 */
char *
rounds_calendar_format_date (const GDate *day,
                             const char  *format)
{
  char buf[128];

  if (g_date_strftime (buf, sizeof buf, format, day) == 0)
    return g_strdup ("");
  return g_strdup (buf);
}
