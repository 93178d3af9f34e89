/* rounds-calendar-month-view.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rounds-store-calendar.h"

G_BEGIN_DECLS

/* How many problems the compliance check found in a post; -1: not yet known. */
typedef int (*RoundsCalendarProblemsFunc) (RoundsPost *post, gpointer user_data);

#define ROUNDS_TYPE_CALENDAR_MONTH_VIEW (rounds_calendar_month_view_get_type ())

G_DECLARE_FINAL_TYPE (RoundsCalendarMonthView, rounds_calendar_month_view, ROUNDS,
                      CALENDAR_MONTH_VIEW, GtkWidget)

GtkWidget *rounds_calendar_month_view_new          (void);
void       rounds_calendar_month_view_set_month    (RoundsCalendarMonthView    *self,
                                                    int                         year,
                                                    int                         month,
                                                    GDateWeekday                first_weekday,
                                                    GTimeZone                  *tz,
                                                    const GDate                *today);
void       rounds_calendar_month_view_get_range    (RoundsCalendarMonthView    *self,
                                                    GDate                      *first,
                                                    GDate                      *after_last);
void       rounds_calendar_month_view_set_items    (RoundsCalendarMonthView    *self,
                                                    GPtrArray                  *items,
                                                    GPtrArray                  *observances,
                                                    RoundsCalendarProblemsFunc  problems,
                                                    gpointer                    user_data);
GtkWidget *rounds_calendar_month_view_get_day_cell (RoundsCalendarMonthView    *self,
                                                    const GDate                *day);
GtkWidget *rounds_calendar_month_view_find_chip    (RoundsCalendarMonthView    *self,
                                                    gint64                      post_id,
                                                    gint64                      when);
void       rounds_calendar_month_view_update_problems (RoundsCalendarMonthView *self);

G_END_DECLS
