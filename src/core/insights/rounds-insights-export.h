/* rounds-insights-export.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "rounds-insights.h"

G_BEGIN_DECLS

GHashTable *rounds_insights_tables_csv   (const RoundsInsightsData *data,
                                          RoundsPeriod              period,
                                          GTimeZone                *tz,
                                          JsonObject               *goals,
                                          guint32                   goals_set_on,
                                          guint32                   today,
                                          JsonObject               *strategy,
                                          GHashTable               *rates,
                                          gint64                    default_rate,
                                          gint64                    patient_value);
gboolean    rounds_insights_write_tables (const RoundsInsightsData *data,
                                          RoundsPeriod              period,
                                          GTimeZone                *tz,
                                          JsonObject               *goals,
                                          guint32                   goals_set_on,
                                          guint32                   today,
                                          JsonObject               *strategy,
                                          GHashTable               *rates,
                                          gint64                    default_rate,
                                          gint64                    patient_value,
                                          const char               *folder,
                                          GError                  **error);

G_END_DECLS
