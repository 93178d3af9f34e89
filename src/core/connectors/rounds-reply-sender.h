/* rounds-reply-sender.h
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
#include "rounds-store.h"

G_BEGIN_DECLS

/* Sends an approved (or approval-free) reply through the network of the
 * comment's account: the store is asked first whether it may go out, the
 * connector's reply operation threads it under the comment, and the store
 * records the network's id with the audit entry. Nothing is sent twice:
 * the idempotency key is the reply's id and text hash. */

#define ROUNDS_TYPE_REPLY_SENDER (rounds_reply_sender_get_type ())

G_DECLARE_FINAL_TYPE (RoundsReplySender, rounds_reply_sender, ROUNDS, REPLY_SENDER, GObject)

RoundsReplySender *rounds_reply_sender_new                   (RoundsStore            *store,
                                                              RoundsSecrets          *secrets);
/* Tests: make connectors without the keyring (credentials NULL). */
void               rounds_reply_sender_set_connector_factory (RoundsReplySender      *self,
                                                              RoundsConnectorFactory  factory,
                                                              gpointer                user_data,
                                                              GDestroyNotify          destroy);
void               rounds_reply_sender_send_async            (RoundsReplySender      *self,
                                                              gint64                  reply_id,
                                                              RoundsAccount          *account,
                                                              const char             *reply_to_id,
                                                              const char             *root_id,
                                                              gboolean                needs_approval,
                                                              GCancellable           *cancellable,
                                                              GAsyncReadyCallback     callback,
                                                              gpointer                user_data);
gboolean           rounds_reply_sender_send_finish           (RoundsReplySender      *self,
                                                              GAsyncResult           *result,
                                                              GError                **error);

G_END_DECLS
