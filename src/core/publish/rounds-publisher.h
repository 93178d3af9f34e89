/* rounds-publisher.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rounds-connector.h"
#include "rounds-connector-factory.h"
#include "rounds-scanner.h"
#include "rounds-secrets.h"
#include "rounds-store-publish.h"

G_BEGIN_DECLS

/* Backoff for transient errors: 1, 2, 4 … minutes, capped at an hour,
 * then at most this many tries before the publication is marked failed. */
#define ROUNDS_PUBLISH_BACKOFF_BASE   60
#define ROUNDS_PUBLISH_BACKOFF_CAP    (60 * 60)
#define ROUNDS_PUBLISH_MAX_ATTEMPTS   8
/* A rate limit without a hint waits this long. */
#define ROUNDS_PUBLISH_RATE_WAIT      60
/* A lost or unreadable answer is looked up this long after. */
#define ROUNDS_PUBLISH_RECONCILE_WAIT 30
/* Tokens are checked once a day; one that expires within a week warns. */
#define ROUNDS_TOKEN_CHECK_INTERVAL   (24 * 60 * 60)
#define ROUNDS_TOKEN_EXPIRY_WARNING   (7 * 24 * 60 * 60)

gint64 rounds_publish_backoff (guint   attempts,
                               double  jitter);

/* Rewrites a post's text for one network just before it is checked and
 * sent (the practice's links get UTM tags); returns NULL to keep it. */
typedef char            *(*RoundsPublishTextFunc)   (RoundsPost             *post,
                                                     RoundsNetwork           network,
                                                     const char             *text,
                                                     gpointer                user_data);

#define ROUNDS_TYPE_PUBLISHER (rounds_publisher_get_type ())

G_DECLARE_FINAL_TYPE (RoundsPublisher, rounds_publisher, ROUNDS, PUBLISHER, GObject)

RoundsPublisher *rounds_publisher_new                   (RoundsStore            *store,
                                                         RoundsScanner          *scanner,
                                                         RoundsSecrets          *secrets);
/* Makes the connector for one account, given its credentials from the
 * Secret Service. Without one, rounds_connector_new_for_network() (the
 * real networks) is used; tests pass one that makes fake connectors. */
void             rounds_publisher_set_connector_factory (RoundsPublisher        *self,
                                                         RoundsConnectorFactory  factory,
                                                         gpointer                user_data,
                                                         GDestroyNotify          destroy);
void             rounds_publisher_set_text_func         (RoundsPublisher        *self,
                                                         RoundsPublishTextFunc   func,
                                                         gpointer                user_data,
                                                         GDestroyNotify          destroy);
void             rounds_publisher_set_jitter_func       (RoundsPublisher        *self,
                                                         double                (*jitter) (void));
void             rounds_publisher_start                 (RoundsPublisher        *self,
                                                         gboolean                with_timer);
void             rounds_publisher_tick                  (RoundsPublisher        *self);
void             rounds_publisher_stop                  (RoundsPublisher        *self);
gboolean         rounds_publisher_is_busy               (RoundsPublisher        *self);
gint64           rounds_publisher_get_next_wakeup       (RoundsPublisher        *self);
void             rounds_publisher_forget_connector      (RoundsPublisher        *self,
                                                         gint64                  account_id);
void             rounds_publisher_check_accounts        (RoundsPublisher        *self,
                                                         gboolean                force);

G_END_DECLS
