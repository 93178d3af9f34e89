/* rounds-calendar-month-view.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rounds-calendar-view.h"

G_BEGIN_DECLS

#define ROUNDS_TYPE_CALENDAR_MONTH_VIEW (rounds_calendar_month_view_get_type ())

G_DECLARE_FINAL_TYPE (RoundsCalendarMonthView, rounds_calendar_month_view, ROUNDS,
                      CALENDAR_MONTH_VIEW, GtkWidget)

/* The chips a day shows at most; a day with more shows one fewer and
 * "+N more". */
#define ROUNDS_CALENDAR_MONTH_MAX_CHIPS 3

/* All the events of @day (RoundsCalendarEvent), for its "+N more"
 * popover when the model holds only the first few of each day. */
typedef GPtrArray *(*RoundsCalendarDayFunc) (const GDate *day,
                                             gpointer     user_data);

GtkWidget *rounds_calendar_month_view_new          (void);
void       rounds_calendar_month_view_set_day_totals (RoundsCalendarMonthView *self,
                                                      const guint             *totals,
                                                      guint                    n_days);
void       rounds_calendar_month_view_set_day_total (RoundsCalendarMonthView *self,
                                                     const GDate             *day,
                                                     guint                    total);
gboolean   rounds_calendar_month_view_hides_posts (RoundsCalendarMonthView *self);
void       rounds_calendar_month_view_set_day_func (RoundsCalendarMonthView    *self,
                                                    RoundsCalendarDayFunc       func,
                                                    gpointer                    user_data);
GtkWidget *rounds_calendar_month_view_get_day_cell (RoundsCalendarMonthView    *self,
                                                    const GDate                *day);
GtkWidget *rounds_calendar_month_view_find_chip    (RoundsCalendarMonthView    *self,
                                                    gint64                      post_id,
                                                    gint64                      when);

guint      _rounds_calendar_month_view_get_n_bound (RoundsCalendarMonthView    *self);

G_END_DECLS
