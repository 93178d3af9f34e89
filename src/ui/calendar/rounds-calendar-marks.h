/* rounds-calendar-marks.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rounds-calendar-event.h"
#include "rounds-context.h"

G_BEGIN_DECLS

#define ROUNDS_TYPE_CALENDAR_MARKS (rounds_calendar_marks_get_type ())

G_DECLARE_FINAL_TYPE (RoundsCalendarMarks, rounds_calendar_marks, ROUNDS, CALENDAR_MARKS, GObject)

RoundsCalendarMarks *rounds_calendar_marks_new         (void);
void                 rounds_calendar_marks_set_context (RoundsCalendarMarks *self,
                                                        RoundsContext       *context);
int                  rounds_calendar_marks_lookup      (RoundsCalendarMarks *self,
                                                        RoundsPost          *post);
gboolean             rounds_calendar_marks_lookup_counts (RoundsCalendarMarks *self,
                                                          RoundsPost          *post,
                                                          int                 *n_block,
                                                          int                 *n_warn);
gboolean             rounds_calendar_marks_lookup_text_counts (RoundsCalendarMarks *self,
                                                               const char          *body,
                                                               int                 *n_block,
                                                               int                 *n_warn);
gboolean             rounds_calendar_marks_text_has_problems (const char *body,
                                                              GObject    *marks);
void                 rounds_calendar_marks_apply       (RoundsCalendarMarks *self,
                                                        GListModel          *events);

char                *rounds_calendar_marks_dup_stamp   (RoundsCalendarMarks *self);

G_END_DECLS
