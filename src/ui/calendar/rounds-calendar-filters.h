/* rounds-calendar-filters.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rounds-post.h"

G_BEGIN_DECLS

#define ROUNDS_TYPE_CALENDAR_FILTERS (rounds_calendar_filters_get_type ())

G_DECLARE_FINAL_TYPE (RoundsCalendarFilters, rounds_calendar_filters, ROUNDS, CALENDAR_FILTERS,
                      AdwBin)

gboolean   rounds_calendar_filters_matches    (RoundsCalendarFilters *self,
                                               RoundsPost            *post);
GtkFilter *rounds_calendar_filters_get_filter (RoundsCalendarFilters *self);
void       rounds_calendar_filters_get_ticked (RoundsCalendarFilters *self,
                                               guint                 *statuses,
                                               RoundsNetwork         *networks);

G_END_DECLS
