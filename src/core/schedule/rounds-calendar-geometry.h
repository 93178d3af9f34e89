/* rounds-calendar-geometry.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Position ↔ date arithmetic for the calendar's month and week views,
 * kept free of widgets so that it can be tested. A grid has @columns
 * equal columns (days) and @rows equal rows (weeks in the month view,
 * 30-minute slots in the week view) over @width × @height; in a
 * right-to-left layout the first column is on the right. */

#define ROUNDS_CALENDAR_SLOT_MINUTES 30
#define ROUNDS_CALENDAR_SLOTS_PER_DAY (24 * 60 / ROUNDS_CALENDAR_SLOT_MINUTES)

typedef struct
{
  double   width;
  double   height;
  guint    columns;
  guint    rows;
  gboolean rtl;
} RoundsCalendarGrid;

gboolean  rounds_calendar_grid_cell_at        (const RoundsCalendarGrid *grid,
                                               double                    x,
                                               double                    y,
                                               guint                    *column,
                                               guint                    *row);
void      rounds_calendar_grid_cell_bounds    (const RoundsCalendarGrid *grid,
                                               guint                     column,
                                               guint                     row,
                                               double                   *x,
                                               double                   *y,
                                               double                   *width,
                                               double                   *height);

void      rounds_calendar_week_start          (const GDate              *day,
                                               GDateWeekday              first_weekday,
                                               GDate                    *out);
void      rounds_calendar_month_first_cell    (int                       year,
                                               int                       month,
                                               GDateWeekday              first_weekday,
                                               GDate                    *out);
guint     rounds_calendar_month_n_weeks       (int                       year,
                                               int                       month,
                                               GDateWeekday              first_weekday);
void      rounds_calendar_month_date_at       (int                       year,
                                               int                       month,
                                               GDateWeekday              first_weekday,
                                               guint                     column,
                                               guint                     row,
                                               GDate                    *out);
gboolean  rounds_calendar_month_cell_of       (int                       year,
                                               int                       month,
                                               GDateWeekday              first_weekday,
                                               const GDate              *day,
                                               guint                    *column,
                                               guint                    *row);

guint     rounds_calendar_slot_of_minutes     (int                       minutes);
guint     rounds_calendar_slot_at_y           (double                    y,
                                               double                    slot_height);
void      rounds_calendar_week_lanes          (const guint              *columns,
                                               const guint              *slots,
                                               guint                     n,
                                               guint                     span,
                                               guint                    *lane,
                                               guint                    *lanes);

gint64    rounds_calendar_month_drop_time     (GTimeZone                *tz,
                                               gint64                    utc,
                                               const GDate              *day,
                                               int                       default_hour);
gint64    rounds_calendar_week_drop_time      (GTimeZone                *tz,
                                               const GDate              *day,
                                               guint                     slot);
gint64    rounds_calendar_nudge_time          (GTimeZone                *tz,
                                               gint64                    utc,
                                               int                       days,
                                               int                       slots);

void      rounds_calendar_date_of_utc         (GTimeZone                *tz,
                                               gint64                    utc,
                                               GDate                    *out);
int       rounds_calendar_minutes_of_utc      (GTimeZone                *tz,
                                               gint64                    utc);
gint64    rounds_calendar_day_start_utc       (GTimeZone                *tz,
                                               const GDate              *day);

G_END_DECLS
