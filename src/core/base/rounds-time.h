/* rounds-time.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Practice time: every instant is stored as UTC seconds; every view shows
 * it in the practice's one IANA time zone. These are the conversions. */

gboolean   rounds_time_zone_is_valid      (const char *identifier);
char      *rounds_time_system_zone_id     (void);
GTimeZone *rounds_time_zone_new           (const char *identifier);
GStrv      rounds_time_list_zones         (void);

GDateTime *rounds_time_to_local           (GTimeZone  *tz,
                                           gint64      utc);
gint64     rounds_time_from_local         (GTimeZone  *tz,
                                           int         year,
                                           int         month,
                                           int         day,
                                           int         hour,
                                           int         minute);
gint64     rounds_time_move_to_day        (GTimeZone  *tz,
                                           gint64      utc,
                                           int         year,
                                           int         month,
                                           int         day);
gint64     rounds_time_add_days           (GTimeZone  *tz,
                                           gint64      utc,
                                           int         days);
gint64     rounds_time_start_of_day       (GTimeZone  *tz,
                                           gint64      utc);
char      *rounds_time_format             (GTimeZone  *tz,
                                           gint64      utc,
                                           const char *format);
char      *rounds_time_format_short       (GTimeZone  *tz,
                                           gint64      utc,
                                           gint64      now);

G_END_DECLS
