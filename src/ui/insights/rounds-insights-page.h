/* rounds-insights-page.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rounds-context.h"
#include "rounds-insights.h"

G_BEGIN_DECLS

#define ROUNDS_TYPE_INSIGHTS_PAGE (rounds_insights_page_get_type ())

G_DECLARE_FINAL_TYPE (RoundsInsightsPage, rounds_insights_page, ROUNDS, INSIGHTS_PAGE, AdwBin)

void                rounds_insights_page_set_context  (RoundsInsightsPage *self,
                                                       RoundsContext      *context);
void                rounds_insights_page_reload       (RoundsInsightsPage *self);
void                rounds_insights_page_set_period   (RoundsInsightsPage *self,
                                                       RoundsPeriodKind    kind);
void                rounds_insights_page_show_view    (RoundsInsightsPage *self,
                                                       const char         *name);
const RoundsInsightsData *rounds_insights_page_get_data (RoundsInsightsPage *self);
GtkWidget          *rounds_insights_page_find_chart   (RoundsInsightsPage *self,
                                                       const char         *name);
gboolean            rounds_insights_page_is_empty     (RoundsInsightsPage *self);

G_END_DECLS
