/* rounds-metrics-collector.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rounds-connector.h"
#include "rounds-secrets.h"
#include "rounds-store.h"

G_BEGIN_DECLS

#define ROUNDS_TYPE_METRICS_COLLECTOR (rounds_metrics_collector_get_type ())

G_DECLARE_FINAL_TYPE (RoundsMetricsCollector, rounds_metrics_collector,
                      ROUNDS, METRICS_COLLECTOR, GObject)

RoundsMetricsCollector *rounds_metrics_collector_new            (RoundsStore             *store,
                                                                 GTimeZone               *tz);
void                    rounds_metrics_collector_add_account    (RoundsMetricsCollector  *self,
                                                                 const char              *account_id,
                                                                 RoundsConnector         *connector,
                                                                 const char * const      *recent_remote_ids);
void                    rounds_metrics_collector_set_secrets    (RoundsMetricsCollector  *self,
                                                                 RoundsSecrets           *secrets);
void                    rounds_metrics_collector_clear_accounts (RoundsMetricsCollector  *self);
guint                   rounds_metrics_collector_get_n_accounts (RoundsMetricsCollector  *self);
void                    rounds_metrics_collector_collect_async  (RoundsMetricsCollector  *self,
                                                                 GCancellable            *cancellable,
                                                                 GAsyncReadyCallback      callback,
                                                                 gpointer                 user_data);
gint64                  rounds_metrics_collector_collect_finish (RoundsMetricsCollector  *self,
                                                                 GAsyncResult            *result,
                                                                 GError                 **error);

G_END_DECLS
