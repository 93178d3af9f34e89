/* rounds-connector-task.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rounds-connector.h"

G_BEGIN_DECLS

/* The GTask plumbing of a connector's chains of requests. A chain holds
 * one reference to its task from start to end and keeps its state (the
 * connector's own "Op" struct) as the task data; each step ends the
 * chain with one of the fail functions, which return the error and drop
 * that reference. */

GTask   *rounds_connector_task_new         (gpointer              source_object,
                                            gpointer              source_tag,
                                            gpointer              op,
                                            GDestroyNotify        op_free,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
void     rounds_connector_task_fail        (GTask                *task,
                                            GError               *error);
void     rounds_connector_task_fail_literal (GTask               *task,
                                            RoundsConnectorError  code,
                                            const char           *message);
void     rounds_connector_task_fail_printf (GTask                *task,
                                            RoundsConnectorError  code,
                                            const char           *format,
                                            ...) G_GNUC_PRINTF (3, 4);

/* Deletion checks one item at a time (check_gone, for networks that have
 * no batch answer to "which of these still exist"). @ask reads one item
 * through the connector's own requests and finishes a GTask with a
 * boolean: TRUE when the item is there, an error otherwise. The items
 * are asked one after the other, at most @max of them (the newest come
 * first); an item that answers ROUNDS_CONNECTOR_ERROR_NOT_FOUND is gone,
 * any other error ends the check with that error and nothing called
 * gone. Finishes with a GPtrArray of the gone ids (strings). */
typedef void (*RoundsConnectorAskFunc) (RoundsConnector      *connector,
                                        const char           *remote_id,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);

void       rounds_connector_check_each_async  (RoundsConnector        *connector,
                                               gpointer                source_tag,
                                               const char * const     *remote_ids,
                                               guint                   max,
                                               RoundsConnectorAskFunc  ask,
                                               GCancellable           *cancellable,
                                               GAsyncReadyCallback     callback,
                                               gpointer                user_data);
GPtrArray *rounds_connector_check_each_finish (RoundsConnector        *connector,
                                               GAsyncResult           *result,
                                               GError                **error);

/* The two properties every connector has. The base address is kept
 * without trailing slashes (@fallback when @url is NULL or empty); a
 * secret is wiped from memory before it is freed or replaced, and
 * rounds_connector_replace_secret() says whether it changed. */
void     rounds_connector_set_base_url     (char                **slot,
                                            const char           *url,
                                            const char           *fallback);
gboolean rounds_connector_replace_secret   (char                **slot,
                                            const char           *secret);
void     rounds_connector_clear_secret     (char                **slot);

G_END_DECLS
