/* rounds-calendar-agenda-row.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rounds-calendar-event.h"

G_BEGIN_DECLS

#define ROUNDS_TYPE_CALENDAR_AGENDA_ROW (rounds_calendar_agenda_row_get_type ())

G_DECLARE_FINAL_TYPE (RoundsCalendarAgendaRow, rounds_calendar_agenda_row, ROUNDS,
                      CALENDAR_AGENDA_ROW, AdwActionRow)

GtkWidget           *rounds_calendar_agenda_row_new       (RoundsCalendarEvent     *event,
                                                           GTimeZone               *tz);
RoundsCalendarEvent *rounds_calendar_agenda_row_get_event (RoundsCalendarAgendaRow *self);

G_END_DECLS
