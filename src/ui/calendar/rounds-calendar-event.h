/* rounds-calendar-event.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rounds-store-calendar.h"

G_BEGIN_DECLS

#define ROUNDS_TYPE_CALENDAR_EVENT (rounds_calendar_event_get_type ())

G_DECLARE_FINAL_TYPE (RoundsCalendarEvent, rounds_calendar_event, ROUNDS, CALENDAR_EVENT, GObject)

RoundsCalendarEvent *rounds_calendar_event_new          (RoundsPost          *post,
                                                         gint64               when,
                                                         gboolean             recurring);
RoundsPost          *rounds_calendar_event_get_post      (RoundsCalendarEvent *self);
gint64               rounds_calendar_event_get_when      (RoundsCalendarEvent *self);
gboolean             rounds_calendar_event_get_recurring (RoundsCalendarEvent *self);
int                  rounds_calendar_event_get_problems  (RoundsCalendarEvent *self);
void                 rounds_calendar_event_set_problems  (RoundsCalendarEvent *self,
                                                         int                  problems);

G_END_DECLS
