/* sink-connector.h — a RoundsConnector over HTTP to the sink server
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rounds-connector.h"

G_BEGIN_DECLS

/* The sink server (sink-server.c) is a tiny network on 127.0.0.1 in a
 * process of its own: POST /posts {"key","text"} makes a post, GET
 * /posts?key=K finds it, GET /stats counts posts and duplicates. It lets
 * the fault test kill the publishing process while the "network" keeps
 * counting, and the benchmark send through real sockets. */

#define SINK_TYPE_CONNECTOR (sink_connector_get_type ())

G_DECLARE_FINAL_TYPE (SinkConnector, sink_connector, SINK, CONNECTOR, GObject)

RoundsConnector *sink_connector_new (const char *base_url);

/* Runs the server in this process until stdin closes; prints
 * "PORT\n" on stdout once it listens. @delay_us: the longest random
 * wait before an answer (0: none). */
int              sink_server_run    (guint       delay_us);

G_END_DECLS
