/* rounds-feed-service.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rounds-context.h"
#include "rounds-feed.h"

G_BEGIN_DECLS

/* The id of the feed location's password in the Secret Service. */
#define ROUNDS_FEED_SECRET_ID "feed-location"

#define ROUNDS_TYPE_FEED_SERVICE (rounds_feed_service_get_type ())

G_DECLARE_FINAL_TYPE (RoundsFeedService, rounds_feed_service, ROUNDS, FEED_SERVICE, GObject)

/* Keeps the practice's feed (Preferences → Website) up to date: a
 * RoundsFeedWriter on @context's store, configured from @settings
 * (feed-*) and the location's password in the keyring, again whenever
 * they change. Never for the sample practice. */
RoundsFeedService *rounds_feed_service_new        (RoundsContext     *context,
                                                   GSettings         *settings);
RoundsContext     *rounds_feed_service_get_context (RoundsFeedService *self);
/* Reads the password again (after Preferences stored a new one). */
void               rounds_feed_service_reload     (RoundsFeedService *self);
/* Writes the feed now; :status follows. */
void               rounds_feed_service_write_now  (RoundsFeedService *self);
/* What the last write did, for people ("Written to … at 14:02", or what
 * went wrong); NULL before any. */
const char        *rounds_feed_service_get_status (RoundsFeedService *self);
gboolean           rounds_feed_service_get_failed (RoundsFeedService *self);
RoundsFeedWriter  *rounds_feed_service_get_writer (RoundsFeedService *self);

G_END_DECLS
