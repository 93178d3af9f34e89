/* rounds-network-data.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "rounds-types.h"

G_BEGIN_DECLS

/* What changes about a network without its code changing: the metric
 * names to ask for (Meta retires them often) and API versions (LinkedIn
 * retires each after about a year). One data file,
 * resources/connectors/metrics.json, compiled in as a GResource; an
 * object per network (its rounds_network_to_string () name). */

/* The Rounds metric name ("followers", "likes", …) for the network's own
 * metric or field @name, or NULL. @scope: "account" or "post". */
const char *rounds_network_data_metric_name  (RoundsNetwork  network,
                                              const char    *scope,
                                              const char    *name);
/* The network's metric names in @scope, comma-separated ("" if none). */
char       *rounds_network_data_metric_query (RoundsNetwork  network,
                                              const char    *scope);
/* A string setting of the network ("version"), or NULL. */
const char *rounds_network_data_get_string   (RoundsNetwork  network,
                                              const char    *key);

G_END_DECLS
