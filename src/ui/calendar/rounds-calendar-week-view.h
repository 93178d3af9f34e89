/* rounds-calendar-week-view.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rounds-calendar-view.h"

G_BEGIN_DECLS

#define ROUNDS_CALENDAR_WEEK_GUTTER      56
#define ROUNDS_CALENDAR_WEEK_SLOT_HEIGHT 26

#define ROUNDS_TYPE_CALENDAR_WEEK_VIEW (rounds_calendar_week_view_get_type ())

G_DECLARE_FINAL_TYPE (RoundsCalendarWeekView, rounds_calendar_week_view, ROUNDS,
                      CALENDAR_WEEK_VIEW, GtkWidget)

GtkWidget *rounds_calendar_week_view_new       (void);
void       rounds_calendar_week_view_get_hour_label_bounds (RoundsCalendarWeekView *self,
                                                            guint                   hour,
                                                            graphene_rect_t        *bounds);
void       rounds_calendar_week_view_get_slot_bounds (RoundsCalendarWeekView *self,
                                                guint                       column,
                                                guint                       slot,
                                                graphene_rect_t            *bounds);
GtkWidget *rounds_calendar_week_view_find_chip (RoundsCalendarWeekView     *self,
                                                gint64                      post_id,
                                                gint64                      when);

G_END_DECLS
