/* rounds-zone-catalog.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The time zones a practice can choose from, as people look for them: by
 * city ("York" finds New York), by country ("Argentina", "Germany"), by
 * the zone database's region note ("Eastern"), each with its UTC offset
 * and local time at a given instant. Read from the system's zone
 * database (zone.tab, zone1970.tab and iso3166.tab under TZDIR or
 * /usr/share/zoneinfo); GTimeZone does the offsets. */

#define ROUNDS_TYPE_ZONE (rounds_zone_get_type ())

G_DECLARE_FINAL_TYPE (RoundsZone, rounds_zone, ROUNDS, ZONE, GObject)

RoundsZone *rounds_zone_new                (const char *id,
                                            const char *country,
                                            const char *comment);
const char *rounds_zone_get_id             (RoundsZone *self);
const char *rounds_zone_get_city           (RoundsZone *self);
const char *rounds_zone_get_country        (RoundsZone *self);
const char *rounds_zone_get_comment        (RoundsZone *self);
const char *rounds_zone_get_title          (RoundsZone *self);
char       *rounds_zone_format_offset      (RoundsZone *self,
                                            gint64      utc);
char       *rounds_zone_format_time        (RoundsZone *self,
                                            gint64      utc);
char       *rounds_zone_format_details     (RoundsZone *self,
                                            gint64      utc);
gboolean    rounds_zone_matches            (RoundsZone *self,
                                            const char *query);
RoundsZone *rounds_zone_lookup             (const char *tzdir,
                                            const char *id);

GListModel *rounds_zone_catalog_new        (const char *tzdir);
guint       rounds_zone_catalog_find       (GListModel *catalog,
                                            const char *id);
guint       rounds_zone_catalog_ensure     (GListModel *catalog,
                                            const char *id);

G_END_DECLS
