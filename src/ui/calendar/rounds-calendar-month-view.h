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

GtkWidget *rounds_calendar_month_view_new          (void);
GtkWidget *rounds_calendar_month_view_get_day_cell (RoundsCalendarMonthView    *self,
                                                    const GDate                *day);
GtkWidget *rounds_calendar_month_view_find_chip    (RoundsCalendarMonthView    *self,
                                                    gint64                      post_id,
                                                    gint64                      when);

G_END_DECLS
