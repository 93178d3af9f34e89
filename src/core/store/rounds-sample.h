/* rounds-sample.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rounds-store.h"

G_BEGIN_DECLS

#define ROUNDS_SAMPLE_PRACTICE_NAME "Maple Grove Family Practice"

/* The sample's people (issue 20), with the PINs the README gives so that
 * a newcomer can try approval. Lena is at the desk when it opens. */
#define ROUNDS_SAMPLE_WRITER        "Lena Kowalski"
#define ROUNDS_SAMPLE_APPROVER      "Dr. Nnamdi Okafor"
#define ROUNDS_SAMPLE_APPROVER_PIN  "2468"
#define ROUNDS_SAMPLE_MANAGER       "Sam Ortiz"
#define ROUNDS_SAMPLE_MANAGER_PIN   "1357"

gboolean rounds_sample_populate (RoundsStore  *store,
                                 GError      **error);

/* rounds-sample-insights.c */
gboolean _rounds_sample_add_insights (RoundsStore  *store,
                                      GTimeZone    *tz,
                                      GError      **error);

G_END_DECLS
