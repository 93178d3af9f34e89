/* rounds-connector-source.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rounds-account.h"
#include "rounds-connector.h"
#include "rounds-connector-factory.h"
#include "rounds-secrets.h"

G_BEGIN_DECLS

/* Turns an account into a ready connector: its sign-in from the Secret
 * Service, then the connector class of its network
 * (rounds_connector_new_for_network()) or the factory tests set. Tokens
 * the connector refreshes later (Bluesky) go back to the keyring. What
 * the publisher, the reply and take-down senders, the inbox poller and
 * the metrics collector each did for themselves, written once.
 *
 * Without a keyring (secrets NULL) a factory gets NULL credentials (tests
 * that need no sign-in); with neither, the account's sign-in is missing
 * (ROUNDS_CONNECTOR_ERROR_AUTH_EXPIRED). A sign-in missing from the
 * keyring is ROUNDS_CONNECTOR_ERROR_AUTH_EXPIRED too; an error of the
 * keyring itself (locked, no service) is passed on as it is. */

#define ROUNDS_TYPE_CONNECTOR_SOURCE (rounds_connector_source_get_type ())

G_DECLARE_FINAL_TYPE (RoundsConnectorSource, rounds_connector_source, ROUNDS, CONNECTOR_SOURCE,
                      GObject)

RoundsConnectorSource *rounds_connector_source_new         (RoundsSecrets          *secrets);
RoundsSecrets         *rounds_connector_source_get_secrets (RoundsConnectorSource  *self);
void                   rounds_connector_source_set_secrets (RoundsConnectorSource  *self,
                                                            RoundsSecrets          *secrets);
gboolean               rounds_connector_source_has_factory (RoundsConnectorSource  *self);
void                   rounds_connector_source_set_factory (RoundsConnectorSource  *self,
                                                            RoundsConnectorFactory  factory,
                                                            gpointer                user_data,
                                                            GDestroyNotify          destroy);
void                   rounds_connector_source_get_async   (RoundsConnectorSource  *self,
                                                            RoundsAccount          *account,
                                                            GCancellable           *cancellable,
                                                            GAsyncReadyCallback     callback,
                                                            gpointer                user_data);
/* Returns: (transfer full): the connector, or NULL with @error. */
RoundsConnector       *rounds_connector_source_get_finish  (RoundsConnectorSource  *self,
                                                            GAsyncResult           *result,
                                                            GError                **error);

G_END_DECLS
