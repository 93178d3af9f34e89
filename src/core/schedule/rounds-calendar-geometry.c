/* rounds-calendar-geometry.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-calendar-geometry"

#include "config.h"

#include <math.h>

#include "rounds-calendar-geometry.h"
#include "rounds-time.h"

/**
 * rounds_calendar_grid_cell_at:
 *
 * Returns: %TRUE when (@x, @y) falls inside the grid; @column counts from
 *   the first day of the week whatever the text direction.
 */
gboolean
rounds_calendar_grid_cell_at (const RoundsCalendarGrid *grid,
                              double                    x,
                              double                    y,
                              guint                    *column,
                              guint                    *row)
{
  guint c, r;

  g_return_val_if_fail (grid != NULL, FALSE);

  if (grid->columns == 0 || grid->rows == 0 || grid->width <= 0 || grid->height <= 0)
    return FALSE;
  if (x < 0 || y < 0 || x >= grid->width || y >= grid->height || isnan (x) || isnan (y))
    return FALSE;

  c = (guint)floor (x * grid->columns / grid->width);
  r = (guint)floor (y * grid->rows / grid->height);
  c = MIN (c, grid->columns - 1);
  r = MIN (r, grid->rows - 1);

  if (grid->rtl)
    c = grid->columns - 1 - c;

  if (column != NULL)
    *column = c;
  if (row != NULL)
    *row = r;

  return TRUE;
}

/**
 * rounds_calendar_grid_cell_bounds:
 *
 * The rectangle of a cell, the inverse of rounds_calendar_grid_cell_at().
 * Cell edges are rounded to whole pixels so neighbours share them.
 */
void
rounds_calendar_grid_cell_bounds (const RoundsCalendarGrid *grid,
                                  guint                     column,
                                  guint                     row,
                                  double                   *x,
                                  double                   *y,
                                  double                   *width,
                                  double                   *height)
{
  guint visual;
  double x0, x1, y0, y1;

  g_return_if_fail (grid != NULL && grid->columns > 0 && grid->rows > 0);

  visual = grid->rtl ? grid->columns - 1 - MIN (column, grid->columns - 1) : column;
  x0 = floor (grid->width * visual / grid->columns);
  x1 = floor (grid->width * (visual + 1) / grid->columns);
  y0 = floor (grid->height * row / grid->rows);
  y1 = floor (grid->height * (row + 1) / grid->rows);

  if (x != NULL)
    *x = x0;
  if (y != NULL)
    *y = y0;
  if (width != NULL)
    *width = x1 - x0;
  if (height != NULL)
    *height = y1 - y0;
}

/**
 * rounds_calendar_week_start:
 *
 * The first day (@first_weekday) of the week holding @day.
 */
void
rounds_calendar_week_start (const GDate  *day,
                            GDateWeekday  first_weekday,
                            GDate        *out)
{
  int back;

  g_return_if_fail (day != NULL && g_date_valid (day) && out != NULL);

  back = ((int)g_date_get_weekday (day) - (int)first_weekday + 7) % 7;
  *out = *day;
  g_date_subtract_days (out, back);
}

void
rounds_calendar_month_first_cell (int           year,
                                  int           month,
                                  GDateWeekday  first_weekday,
                                  GDate        *out)
{
  GDate first;

  g_date_clear (&first, 1);
  g_date_set_dmy (&first, 1, month, year);
  rounds_calendar_week_start (&first, first_weekday, out);
}

/**
 * rounds_calendar_month_n_weeks:
 *
 * Returns: how many week rows the month needs (4 to 6).
 */
guint
rounds_calendar_month_n_weeks (int           year,
                               int           month,
                               GDateWeekday  first_weekday)
{
  GDate start, last;
  guint days;

  rounds_calendar_month_first_cell (year, month, first_weekday, &start);
  g_date_clear (&last, 1);
  g_date_set_dmy (&last, g_date_get_days_in_month (month, year), month, year);
  days = (guint)g_date_days_between (&start, &last) + 1;

  return (days + 6) / 7;
}

void
rounds_calendar_month_date_at (int           year,
                               int           month,
                               GDateWeekday  first_weekday,
                               guint         column,
                               guint         row,
                               GDate        *out)
{
  rounds_calendar_month_first_cell (year, month, first_weekday, out);
  g_date_add_days (out, row * 7 + column);
}

gboolean
rounds_calendar_month_cell_of (int           year,
                               int           month,
                               GDateWeekday  first_weekday,
                               const GDate  *day,
                               guint        *column,
                               guint        *row)
{
  GDate start;
  int offset;

  rounds_calendar_month_first_cell (year, month, first_weekday, &start);
  offset = g_date_days_between (&start, day);
  if (offset < 0 || offset >= (int)(7 * rounds_calendar_month_n_weeks (year, month,
                                                                      first_weekday)))
    return FALSE;

  if (column != NULL)
    *column = offset % 7;
  if (row != NULL)
    *row = offset / 7;

  return TRUE;
}

guint
rounds_calendar_slot_of_minutes (int minutes)
{
  minutes = CLAMP (minutes, 0, 24 * 60 - 1);
  return (guint)(minutes / ROUNDS_CALENDAR_SLOT_MINUTES);
}

/**
 * rounds_calendar_week_lanes:
 * @columns: (array length=n): each item's day column
 * @slots: (array length=n): each item's first slot; items come in time
 *   order (by column, then slot)
 * @span: how many slots an item covers on screen (at least 1)
 * @lane: (out caller-allocates) (array length=n): the lane each item goes in
 * @lanes: (out caller-allocates) (array length=n): how many lanes share
 *   its column there (its width is the column's divided by this)
 *
 * Puts items that would cover each other on screen side by side: items
 * whose @span slots overlap in a column form a group; each takes the
 * first lane free at its slot, and every item of a group is as wide as
 * the group has lanes.
 */
void
rounds_calendar_week_lanes (const guint *columns,
                            const guint *slots,
                            guint        n,
                            guint        span,
                            guint       *lane,
                            guint       *lanes)
{
  g_autoptr(GArray) free_at = g_array_new (FALSE, FALSE, sizeof (guint));
  guint group = 0;       /* the group's first item */
  guint group_end = 0;   /* the slot where the group's last item ends */

  g_return_if_fail (n == 0 || (columns != NULL && slots != NULL && lane != NULL && lanes != NULL));

  span = MAX (span, 1);
  for (guint i = 0; i <= n; i++)
    {
      guint l;

      if (i == n || i == 0 || columns[i] != columns[group] || slots[i] >= group_end)
        {
          /* The group before ends: its items share its number of lanes. */
          for (guint j = group; j < i; j++)
            lanes[j] = free_at->len;
          if (i == n)
            break;
          group = i;
          group_end = 0;
          g_array_set_size (free_at, 0);
        }
      for (l = 0; l < free_at->len; l++)
        if (g_array_index (free_at, guint, l) <= slots[i])
          break;
      if (l == free_at->len)
        g_array_set_size (free_at, l + 1);
      g_array_index (free_at, guint, l) = slots[i] + span;
      lane[i] = l;
      group_end = MAX (group_end, slots[i] + span);
    }
}

/**
 * rounds_calendar_slot_at_y:
 *
 * Snaps a vertical position in a day column to its 30-minute slot.
 */
guint
rounds_calendar_slot_at_y (double y,
                           double slot_height)
{
  double slot;

  if (slot_height <= 0 || isnan (y) || y < 0)
    return 0;

  slot = floor (y / slot_height);
  return (guint)MIN (slot, (double)(ROUNDS_CALENDAR_SLOTS_PER_DAY - 1));
}

/**
 * rounds_calendar_month_drop_time:
 * @utc: the post's current time, or 0 when it has none
 * @default_hour: the hour (practice time) for a post without a time
 *
 * Returns: the time a post dropped on @day in the month view gets: its
 *   time of day in practice time kept, across daylight-saving changes.
 */
gint64
rounds_calendar_month_drop_time (GTimeZone   *tz,
                                 gint64       utc,
                                 const GDate *day,
                                 int          default_hour)
{
  g_return_val_if_fail (tz != NULL && day != NULL && g_date_valid (day), 0);

  if (utc <= 0)
    return rounds_time_from_local (tz, g_date_get_year (day), g_date_get_month (day),
                                   g_date_get_day (day), default_hour, 0);

  return rounds_time_move_to_day (tz, utc, g_date_get_year (day), g_date_get_month (day),
                                  g_date_get_day (day));
}

gint64
rounds_calendar_week_drop_time (GTimeZone   *tz,
                                const GDate *day,
                                guint        slot)
{
  int minutes;

  g_return_val_if_fail (tz != NULL && day != NULL && g_date_valid (day), 0);

  minutes = MIN (slot, ROUNDS_CALENDAR_SLOTS_PER_DAY - 1) * ROUNDS_CALENDAR_SLOT_MINUTES;
  return rounds_time_from_local (tz, g_date_get_year (day), g_date_get_month (day),
                                 g_date_get_day (day), minutes / 60, minutes % 60);
}

/**
 * rounds_calendar_nudge_time:
 * @days: whole days to move (same time of day in practice time)
 * @slots: week-view slots to move instead, when not 0 (the slot of @utc
 *   and on, across midnight into the day before or after)
 *
 * Where Alt+arrows move a post: a day or a week in the month, a slot up
 * or down in the week.
 *
 * Returns: the new time (UTC).
 */
gint64
rounds_calendar_nudge_time (GTimeZone *tz,
                            gint64     utc,
                            int        days,
                            int        slots)
{
  GDate day;
  int slot;

  g_return_val_if_fail (tz != NULL, 0);

  if (slots == 0)
    return rounds_time_add_days (tz, utc, days);

  rounds_calendar_date_of_utc (tz, utc, &day);
  slot = (int)rounds_calendar_slot_of_minutes (rounds_calendar_minutes_of_utc (tz, utc)) + slots;
  while (slot < 0)
    {
      g_date_subtract_days (&day, 1);
      slot += ROUNDS_CALENDAR_SLOTS_PER_DAY;
    }
  while (slot >= ROUNDS_CALENDAR_SLOTS_PER_DAY)
    {
      g_date_add_days (&day, 1);
      slot -= ROUNDS_CALENDAR_SLOTS_PER_DAY;
    }
  return rounds_calendar_week_drop_time (tz, &day, (guint)slot);
}

void
rounds_calendar_date_of_utc (GTimeZone *tz,
                             gint64     utc,
                             GDate     *out)
{
  g_autoptr(GDateTime) local = rounds_time_to_local (tz, utc);

  g_date_clear (out, 1);
  g_date_set_dmy (out, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));
}

int
rounds_calendar_minutes_of_utc (GTimeZone *tz,
                                gint64     utc)
{
  g_autoptr(GDateTime) local = rounds_time_to_local (tz, utc);

  return g_date_time_get_hour (local) * 60 + g_date_time_get_minute (local);
}

gint64
rounds_calendar_day_start_utc (GTimeZone   *tz,
                               const GDate *day)
{
  return rounds_time_from_local (tz, g_date_get_year (day), g_date_get_month (day),
                                 g_date_get_day (day), 0, 0);
}
