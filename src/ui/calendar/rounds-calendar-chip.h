/* rounds-calendar-chip.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rounds-calendar-event.h"
#include "rounds-store-calendar.h"

G_BEGIN_DECLS

#define ROUNDS_TYPE_CALENDAR_CHIP (rounds_calendar_chip_get_type ())

G_DECLARE_FINAL_TYPE (RoundsCalendarChip, rounds_calendar_chip, ROUNDS, CALENDAR_CHIP, GtkButton)

GtkWidget  *rounds_calendar_chip_new             (void);
void        rounds_calendar_chip_set_item        (RoundsCalendarChip *self,
                                                  RoundsPost         *post,
                                                  gint64              when,
                                                  gboolean            recurring,
                                                  GTimeZone          *tz,
                                                  int                 problems);
void        rounds_calendar_chip_set_event       (RoundsCalendarChip  *self,
                                                  RoundsCalendarEvent *event,
                                                  GTimeZone           *tz);
void        rounds_calendar_chip_set_problems    (RoundsCalendarChip *self,
                                                  int                 problems);
void        rounds_calendar_chip_set_stacked     (RoundsCalendarChip *self,
                                                  gboolean            stacked);
GtkWidget  *rounds_calendar_chip_get_title_widget (RoundsCalendarChip *self);
const char *rounds_calendar_chip_get_title_text  (RoundsCalendarChip *self);
PangoAttrList *rounds_calendar_chip_get_title_attributes (RoundsCalendarChip *self);
RoundsPost *rounds_calendar_chip_get_post        (RoundsCalendarChip *self);
gint64      rounds_calendar_chip_get_when        (RoundsCalendarChip *self);
gboolean    rounds_calendar_chip_get_recurring   (RoundsCalendarChip *self);
const char *rounds_calendar_chip_get_label       (RoundsCalendarChip *self);

RoundsCalendarChip *rounds_calendar_chip_get_dragged (void);
char       *rounds_calendar_network_abbreviations (RoundsNetwork     networks);

guint         _rounds_calendar_chip_get_n_binds (void);

G_END_DECLS
