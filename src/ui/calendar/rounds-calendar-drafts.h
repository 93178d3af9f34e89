/* rounds-calendar-drafts.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rounds-calendar-event.h"
#include "rounds-calendar-marks.h"

G_BEGIN_DECLS

#define ROUNDS_TYPE_CALENDAR_DRAFTS (rounds_calendar_drafts_get_type ())

G_DECLARE_FINAL_TYPE (RoundsCalendarDrafts, rounds_calendar_drafts, ROUNDS, CALENDAR_DRAFTS, AdwBin)

void       rounds_calendar_drafts_set_model (RoundsCalendarDrafts *self,
                                             GListModel           *events,
                                             GTimeZone            *tz);
GtkWidget *rounds_calendar_drafts_find_chip (RoundsCalendarDrafts *self,
                                             gint64                post_id);

void       rounds_calendar_drafts_set_marks   (RoundsCalendarDrafts *self,
                                             RoundsCalendarMarks  *marks);
void       rounds_calendar_drafts_apply_marks (RoundsCalendarDrafts *self);

/* For tests. */
guint      _rounds_calendar_drafts_get_n_chips (RoundsCalendarDrafts *self);

G_END_DECLS
