/* rounds-sample.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rounds-store.h"

G_BEGIN_DECLS

#define ROUNDS_SAMPLE_PRACTICE_NAME "Maple Grove Family Practice"

gboolean rounds_sample_populate (RoundsStore  *store,
                                 GError      **error);

/* rounds-sample-insights.c */
gboolean _rounds_sample_add_insights (RoundsStore  *store,
                                      GTimeZone    *tz,
                                      GError      **error);

G_END_DECLS
