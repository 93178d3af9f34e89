/* rounds-calendar-page.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rounds-context.h"

G_BEGIN_DECLS

#define ROUNDS_TYPE_CALENDAR_PAGE (rounds_calendar_page_get_type ())

G_DECLARE_FINAL_TYPE (RoundsCalendarPage, rounds_calendar_page, ROUNDS, CALENDAR_PAGE, AdwBin)

void        rounds_calendar_page_set_context    (RoundsCalendarPage *self,
                                                 RoundsContext      *context);
void        rounds_calendar_page_set_view       (RoundsCalendarPage *self,
                                                 const char         *view);
const char *rounds_calendar_page_get_view       (RoundsCalendarPage *self);
void        rounds_calendar_page_go_to_date     (RoundsCalendarPage *self,
                                                 const GDate        *day);
void        rounds_calendar_page_refresh        (RoundsCalendarPage *self);
gboolean    rounds_calendar_page_is_loading     (RoundsCalendarPage *self);
GtkWidget  *rounds_calendar_page_get_month_view (RoundsCalendarPage *self);
GtkWidget  *rounds_calendar_page_get_week_view  (RoundsCalendarPage *self);
GtkWidget  *rounds_calendar_page_find_chip      (RoundsCalendarPage *self,
                                                 gint64              post_id);

guint       _rounds_calendar_page_get_n_days_read (RoundsCalendarPage *self);

G_END_DECLS
