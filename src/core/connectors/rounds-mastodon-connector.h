/* rounds-mastodon-connector.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rounds-connector.h"
#include "rounds-http.h"

G_BEGIN_DECLS

/* Mastodon (any server) through its REST API (docs.joinmastodon.org).
 *
 * base-url: the server, "https://med-mastodon.com" (see
 * rounds_connector_normalize_server ()).
 * credentials: {"access_token": …, "token_type": "Bearer", "scope": …,
 * "client_id": …, "client_secret": …, "account_id": …} as written by
 * RoundsMastodonSignIn; only access_token is required.
 *
 * Remote ids are Mastodon's status ids (strings). A post sent with native
 * scheduling (outgoing->scheduled_at at least five minutes ahead) is a
 * scheduled status until the server publishes it: its remote id is
 * "scheduled/ID" and delete cancels it; to move it, delete it and publish
 * again with the new time (the same idempotency key may be reused: the time
 * is part of the key sent). Text goes as typed (the server
 * counts each URL as 23 characters); comments come back as plain text. */

#define ROUNDS_TYPE_MASTODON_CONNECTOR (rounds_mastodon_connector_get_type ())

G_DECLARE_FINAL_TYPE (RoundsMastodonConnector, rounds_mastodon_connector,
                      ROUNDS, MASTODON_CONNECTOR, GObject)

#define ROUNDS_MASTODON_SCHEDULED_PREFIX "scheduled/"
/* Mastodon refuses scheduled_at less than five minutes ahead; keep a margin. */
#define ROUNDS_MASTODON_MIN_SCHEDULE_AHEAD (6 * 60)

RoundsConnector  *rounds_mastodon_connector_new                   (const char              *base_url,
                                                                   const char              *credentials);
RoundsHttpClient *rounds_mastodon_connector_get_http_client       (RoundsMastodonConnector *self);
/* How long to wait between polls of an uploaded image still being
 * processed (202/206); default 1000 ms. */
void              rounds_mastodon_connector_set_media_poll_interval (RoundsMastodonConnector *self,
                                                                     guint                    msec);

G_END_DECLS
