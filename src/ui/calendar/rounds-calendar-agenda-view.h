/* rounds-calendar-agenda-view.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rounds-calendar-view.h"

G_BEGIN_DECLS

#define ROUNDS_TYPE_CALENDAR_AGENDA_VIEW (rounds_calendar_agenda_view_get_type ())

G_DECLARE_FINAL_TYPE (RoundsCalendarAgendaView, rounds_calendar_agenda_view, ROUNDS,
                      CALENDAR_AGENDA_VIEW, AdwBin)

GtkWidget *rounds_calendar_agenda_view_new (void);

G_END_DECLS
