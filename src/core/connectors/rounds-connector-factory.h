/* rounds-connector-factory.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rounds-account.h"
#include "rounds-connector.h"

G_BEGIN_DECLS

/* The one place that knows which class speaks for which network: the
 * account layer calls this with what it stored (the network, the server or
 * API root, the credentials JSON from the Secret Service). @base_url may be
 * NULL for networks with a fixed API root (see
 * rounds_connector_get_default_base_url ()). Fails with
 * ROUNDS_CONNECTOR_ERROR_UNSUPPORTED for a network without a connector yet,
 * and G_IO_ERROR_INVALID_ARGUMENT for an unusable base URL. */
RoundsConnector *rounds_connector_new_for_network     (RoundsNetwork   network,
                                                       const char     *base_url,
                                                       const char     *credentials,
                                                       GError        **error);

/* Where a connector for an account comes from, when not from
 * rounds_connector_new_for_network () (tests point it at a stub). */
typedef RoundsConnector *(*RoundsConnectorFactory) (RoundsAccount  *account,
                                                    const char     *credentials,
                                                    gpointer        user_data,
                                                    GError        **error);

/* TRUE when Rounds has a connector for @network. */
gboolean         rounds_connector_network_is_supported (RoundsNetwork  network);

/* The API root used when the account names none, or NULL when the user
 * must type a server (Mastodon). */
const char      *rounds_connector_get_default_base_url (RoundsNetwork  network);

/* What the user typed as a server ("med-mastodon.com", "https://x.y/")
 * made into a base URL ("https://med-mastodon.com"): no path, query,
 * user or fragment; https unless the host is a loopback address (tests and
 * local servers). NULL with G_IO_ERROR_INVALID_ARGUMENT and a clear
 * message otherwise. */
char            *rounds_connector_normalize_server     (const char     *typed,
                                                        GError        **error);

G_END_DECLS
