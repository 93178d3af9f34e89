/* rounds-chart.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "rounds-insights.h"

G_BEGIN_DECLS

#define ROUNDS_TYPE_CHART (rounds_chart_get_type ())

G_DECLARE_FINAL_TYPE (RoundsChart, rounds_chart, ROUNDS, CHART, GtkWidget)

/* A chart drawn natively with cairo in the widget's snapshot, in the
 * libadwaita colours of the current (light or dark) style: a line over
 * days (gaps drawn as gaps), bars with an optional second series, or a
 * weekday × hour heat map. Every chart can give the same numbers as a
 * table of labels for screen readers (rounds_chart_build_table()). */

GtkWidget  *rounds_chart_new               (void);
void        rounds_chart_set_line          (RoundsChart          *self,
                                            GArray               *points,
                                            const char           *series);
void        rounds_chart_set_bars          (RoundsChart          *self,
                                            const char * const   *labels,
                                            const double         *values,
                                            const double         *second,
                                            guint                 n,
                                            const char           *series,
                                            const char           *second_series,
                                            const char           *unit);
void        rounds_chart_set_heat_map      (RoundsChart          *self,
                                            const RoundsHeatMap  *map);
void        rounds_chart_clear             (RoundsChart          *self);
gboolean    rounds_chart_has_data          (RoundsChart          *self);
guint       rounds_chart_get_n_drawn       (RoundsChart          *self);
GtkWidget  *rounds_chart_build_table       (RoundsChart          *self);

G_END_DECLS
