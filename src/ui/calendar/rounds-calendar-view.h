/* rounds-calendar-view.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rounds-calendar-event.h"

G_BEGIN_DECLS

#define ROUNDS_TYPE_CALENDAR_VIEW (rounds_calendar_view_get_type ())

G_DECLARE_INTERFACE (RoundsCalendarView, rounds_calendar_view, ROUNDS, CALENDAR_VIEW, GtkWidget)

/**
 * RoundsCalendarViewInterface:
 * @set_date: shows the period that holds a day
 * @get_range: the days shown, @after_last excluded
 * @dup_title: the period's name for the toolbar ("October 2026")
 * @step: moves a day to the previous (-1) or next (1) period; by default
 *   a month (to the first of the month)
 * @set_model: the events to show (#RoundsCalendarEvent, by time); the
 *   view shows those of its range and redraws when the model changes
 * @find_post: the widget that shows a post (an occurrence, or any if @when
 *   is 0)
 * @drop_hover: (nullable): highlights the place under the pointer during
 *   a drag; returns whether a drop there would be taken
 * @drop_time: (nullable): the time a post dropped at x, y would get (0
 *   when nothing is there); @occurrence is its current time
 *
 * One of the ways the Calendar shows posts: month, week, agenda.
 */
struct _RoundsCalendarViewInterface
{
  GTypeInterface parent_iface;

  void       (*set_date)   (RoundsCalendarView *self,
                            const GDate        *day,
                            GDateWeekday        first_weekday,
                            GTimeZone          *tz,
                            gint64              now);
  void       (*get_range)  (RoundsCalendarView *self,
                            GDate              *first,
                            GDate              *after_last);
  char      *(*dup_title)  (RoundsCalendarView *self);
  void       (*step)       (RoundsCalendarView *self,
                            GDate              *day,
                            int                 direction);
  void       (*set_model)  (RoundsCalendarView *self,
                            GListModel         *model);
  GtkWidget *(*find_post)  (RoundsCalendarView *self,
                            gint64              post_id,
                            gint64              when);
  gboolean   (*drop_hover) (RoundsCalendarView *self,
                            gboolean            inside,
                            double              x,
                            double              y);
  gint64     (*drop_time)  (RoundsCalendarView *self,
                            double              x,
                            double              y,
                            gint64              occurrence);
};

void       rounds_calendar_view_set_date    (RoundsCalendarView *self,
                                             const GDate        *day,
                                             GDateWeekday        first_weekday,
                                             GTimeZone          *tz,
                                             gint64              now);
void       rounds_calendar_view_get_range   (RoundsCalendarView *self,
                                             GDate              *first,
                                             GDate              *after_last);
char      *rounds_calendar_view_dup_title   (RoundsCalendarView *self);
void       rounds_calendar_view_step        (RoundsCalendarView *self,
                                             GDate              *day,
                                             int                 direction);
void       rounds_calendar_view_set_model   (RoundsCalendarView *self,
                                             GListModel         *model);
GtkWidget *rounds_calendar_view_find_post   (RoundsCalendarView *self,
                                             gint64              post_id,
                                             gint64              when);
gboolean   rounds_calendar_view_select_post (RoundsCalendarView *self,
                                             gint64              post_id,
                                             gint64              when);

/* For the views themselves. */
typedef void (*RoundsCalendarViewRebind) (RoundsCalendarView *self);

void       rounds_calendar_view_follow_model   (RoundsCalendarView       *self,
                                                GListModel              **model,
                                                GListModel               *new_model,
                                                RoundsCalendarViewRebind  rebind);
void       rounds_calendar_view_activate_post  (RoundsCalendarView *self,
                                                RoundsPost         *post);
void       rounds_calendar_view_add_drop_target (RoundsCalendarView *self);
GtkWidget *rounds_calendar_view_new_chip        (RoundsCalendarView *self);
char      *rounds_calendar_format_date          (const GDate        *day,
                                                 const char         *format);

G_END_DECLS
