/* rounds-graph-connector.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rounds-connector.h"
#include "rounds-http.h"

G_BEGIN_DECLS

/* Meta's Graph API: a Facebook Page or an Instagram professional account
 * (connected through Facebook Login, so both speak graph.facebook.com with
 * the same error and paging shapes). One class, two networks: "network"
 * says which.
 *
 * base-url: the Graph root with its version, "https://graph.facebook.com/v21.0"
 * (rounds_connector_get_default_base_url () is the one place the version
 * is pinned; an account may store another).
 *
 * credentials (Secret Service only):
 *   Facebook:  {"access_token": Page token, "page_id", "expires_at"?}
 *   Instagram: {"access_token": Page token, "ig_user_id", "page_id",
 *               "expires_at"?}
 * expires_at is Unix seconds (0 or absent: the token does not expire).
 *
 * Facebook: text (+ link) goes to /{page}/feed; images are uploaded as
 * unpublished photos with their alt text (alt_text_custom) and attached
 * (attached_media). A post at least ROUNDS_GRAPH_MIN_SCHEDULE_AHEAD ahead
 * uses native scheduling (published=false + scheduled_publish_time); its
 * remote id is the post's id and delete cancels it. Error 506 (duplicate)
 * is treated as "already published": the post is looked up.
 *
 * Instagram has no text-only posts and fetches images from a public URL:
 * each image is first uploaded as an unpublished photo of the linked Page
 * (page_id), and the URL Facebook gives it goes into the container
 * (image_url, caption, alt_text); more than one image makes a carousel.
 * The container is polled until FINISHED, then published with
 * media_publish. content_publishing_limit is checked first (50 per 24 h).
 *
 * Metric names live in the data file resources/connectors/metrics.json. */

#define ROUNDS_TYPE_GRAPH_CONNECTOR (rounds_graph_connector_get_type ())

G_DECLARE_FINAL_TYPE (RoundsGraphConnector, rounds_graph_connector, ROUNDS, GRAPH_CONNECTOR, GObject)

/* Facebook accepts scheduled_publish_time from 10 minutes ahead; keep a
 * margin. */
#define ROUNDS_GRAPH_MIN_SCHEDULE_AHEAD (15 * 60)

/* @network: ROUNDS_NETWORK_FACEBOOK or ROUNDS_NETWORK_INSTAGRAM. */
RoundsConnector  *rounds_graph_connector_new                    (RoundsNetwork         network,
                                                                 const char           *base_url,
                                                                 const char           *credentials);
RoundsHttpClient *rounds_graph_connector_get_http_client        (RoundsGraphConnector *self);
/* How long to wait between polls of an Instagram container that is still
 * IN_PROGRESS; default 2000 ms. */
void              rounds_graph_connector_set_poll_interval      (RoundsGraphConnector *self,
                                                                 guint                 msec);

/* The Rounds metric name ("followers", "likes", …) for the network's own
 * metric or field @name, from the metrics data file, or NULL.
 * @scope: "account" or "post". */
const char       *rounds_graph_metric_name                      (RoundsNetwork         network,
                                                                 const char           *scope,
                                                                 const char           *name);
/* The network's post metric names to ask for, comma-separated. */
char             *rounds_graph_post_metrics_query               (RoundsNetwork         network);

/* Seconds to wait from an X-Business-Use-Case-Usage header (the largest
 * estimated_time_to_regain_access, in minutes), 0 when absent or
 * unreadable. Pure. */
gint64            rounds_graph_parse_buc_wait                   (const char           *header);

G_END_DECLS
