/* rounds-calendar-page-private.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rounds-calendar-page.h"

G_BEGIN_DECLS

/* Shared by rounds-calendar-page.c and rounds-calendar-page-dialogs.c. */

gboolean     _rounds_calendar_page_has_context      (RoundsCalendarPage  *self);
RoundsStore *_rounds_calendar_page_get_store        (RoundsCalendarPage  *self);
GTimeZone   *_rounds_calendar_page_dup_tz           (RoundsCalendarPage  *self);
GtkWindow   *_rounds_calendar_page_get_window       (RoundsCalendarPage  *self);
void         _rounds_calendar_page_toast            (RoundsCalendarPage  *self,
                                                     const char          *text);
gboolean     _rounds_calendar_page_passes_filter    (RoundsCalendarPage  *self,
                                                     RoundsPost          *post);
gboolean     _rounds_calendar_page_get_selected     (RoundsCalendarPage  *self,
                                                     RoundsPost         **post,
                                                     gint64              *when);

/* Widget actions (calendar.import-csv, .export-csv, .export-ics, .repeat) */
void         _rounds_calendar_page_import_csv_action (GtkWidget          *widget,
                                                      const char         *action_name,
                                                      GVariant           *param);
void         _rounds_calendar_page_import_csv_file_action (GtkWidget     *widget,
                                                           const char    *action_name,
                                                           GVariant      *param);
void         _rounds_calendar_page_export_csv_action (GtkWidget          *widget,
                                                      const char         *action_name,
                                                      GVariant           *param);
void         _rounds_calendar_page_export_ics_action (GtkWidget          *widget,
                                                      const char         *action_name,
                                                      GVariant           *param);
void         _rounds_calendar_page_repeat_action     (GtkWidget          *widget,
                                                      const char         *action_name,
                                                      GVariant           *param);

G_END_DECLS
