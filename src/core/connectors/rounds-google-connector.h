/* rounds-google-connector.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rounds-connector.h"
#include "rounds-http.h"

G_BEGIN_DECLS

/* A Google Business Profile location through the Business Profile API v4
 * (local posts and reviews). Google must approve API access for the
 * practice's Cloud project first (0 requests per minute until then).
 *
 * base-url: "https://mybusiness.googleapis.com".
 * credentials (Secret Service only): {"access_token", "refresh_token"?,
 * "client_id"?, "client_secret"?, "token_uri"?, "expires_at"?,
 * "location": "accounts/A/locations/L", "location_title"?}.
 * Access tokens last an hour: on a 401 the connector refreshes with the
 * refresh token (grant_type=refresh_token at token_uri, default Google's),
 * updates "credentials" (notify, for the Secret Service) and retries once.
 *
 * Remote ids are resource names ("accounts/A/locations/L/localPosts/P";
 * reviews "…/reviews/R"; a review's reply "…/reviews/R/reply"). Posts are
 * STANDARD local posts; a link in the text becomes a "Learn more" button.
 * Google takes post images only from a public address: images are not
 * sent and the post's notice says so. Reviews are what list_replies
 * returns (kind REVIEW, rating 1–5), oldest first; reply answers one
 * (PUT …/reply, replacing an earlier answer). */

#define ROUNDS_TYPE_GOOGLE_CONNECTOR (rounds_google_connector_get_type ())

G_DECLARE_FINAL_TYPE (RoundsGoogleConnector, rounds_google_connector,
                      ROUNDS, GOOGLE_CONNECTOR, GObject)

#define ROUNDS_GOOGLE_TOKEN_URI "https://oauth2.googleapis.com/token"
#define ROUNDS_GOOGLE_SUMMARY_MAX 1500

RoundsConnector  *rounds_google_connector_new             (const char            *base_url,
                                                           const char            *credentials);
RoundsHttpClient *rounds_google_connector_get_http_client (RoundsGoogleConnector *self);

/* "FIVE" → 5 … "ONE" → 1; 0 for anything else. Pure. */
int               rounds_google_star_rating               (const char            *rating);

G_END_DECLS
