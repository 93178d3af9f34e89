/* rounds-takedown-sender.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rounds-connector-factory.h"
#include "rounds-secrets.h"
#include "rounds-store-consents.h"

G_BEGIN_DECLS

/* Takes down a published post that relied on an authorization that
 * ended (issue 19): deletes it on each network where it went out through
 * a connected account (the connector's delete), one at a time, marking
 * each deletion in the store as it succeeds; where it was posted by hand,
 * or its account is no longer connected, records a take-down to do by
 * hand, which the reminders name with the post's link. */

#define ROUNDS_TYPE_TAKEDOWN_SENDER (rounds_takedown_sender_get_type ())

G_DECLARE_FINAL_TYPE (RoundsTakedownSender, rounds_takedown_sender, ROUNDS, TAKEDOWN_SENDER, GObject)

RoundsTakedownSender *rounds_takedown_sender_new                   (RoundsStore            *store,
                                                                    RoundsSecrets          *secrets);
/* Tests: make connectors without the keyring (credentials NULL). */
void                  rounds_takedown_sender_set_connector_factory (RoundsTakedownSender   *self,
                                                                    RoundsConnectorFactory  factory,
                                                                    gpointer                user_data,
                                                                    GDestroyNotify          destroy);
void                  rounds_takedown_sender_take_down_async       (RoundsTakedownSender   *self,
                                                                    gint64                  post_id,
                                                                    gint64                  consent_id,
                                                                    GCancellable           *cancellable,
                                                                    GAsyncReadyCallback     callback,
                                                                    gpointer                user_data);
guint                 rounds_takedown_sender_take_down_finish      (RoundsTakedownSender   *self,
                                                                    GAsyncResult           *result,
                                                                    GPtrArray             **by_hand,
                                                                    GError                **error);

G_END_DECLS
