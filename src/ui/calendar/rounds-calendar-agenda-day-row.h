/* rounds-calendar-agenda-day-row.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ROUNDS_TYPE_CALENDAR_AGENDA_DAY_ROW (rounds_calendar_agenda_day_row_get_type ())

G_DECLARE_FINAL_TYPE (RoundsCalendarAgendaDayRow, rounds_calendar_agenda_day_row, ROUNDS,
                      CALENDAR_AGENDA_DAY_ROW, GtkListBoxRow)

GtkWidget *rounds_calendar_agenda_day_row_new (const GDate *day,
                                               GPtrArray   *observances);

G_END_DECLS
