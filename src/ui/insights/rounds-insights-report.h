/* rounds-insights-report.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rounds-context.h"
#include "rounds-store-insights.h"

G_BEGIN_DECLS

gboolean rounds_insights_report_write (RoundsContext            *context,
                                       const RoundsInsightsData *data,
                                       guint32                   month,
                                       const char               *path,
                                       GError                  **error);

G_END_DECLS
