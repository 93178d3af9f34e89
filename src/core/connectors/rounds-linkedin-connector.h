/* rounds-linkedin-connector.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rounds-connector.h"
#include "rounds-http.h"

G_BEGIN_DECLS

/* A LinkedIn organization page through LinkedIn's versioned REST API
 * (/rest/…, headers Linkedin-Version and X-Restli-Protocol-Version 2.0.0).
 *
 * base-url: "https://api.linkedin.com". The Linkedin-Version value is data
 * (resources/connectors/metrics.json, "linkedin" → "version"): LinkedIn
 * retires each version about a year after it ships, so bumping it is a
 * data change.
 * credentials (Secret Service only): {"access_token", "organization_id",
 * "expires_at"?} — tokens last 60 days; expires_at (Unix seconds) lets the
 * account layer warn a week ahead.
 *
 * Remote ids are post URNs ("urn:li:share:…", from the x-restli-id header
 * of the 201 answer) and comment URNs. Images: initializeUpload, PUT of the
 * bytes to the upload URL, then the image URN with its altText in the
 * post (one image: content.media; several: content.multiImage). The
 * commentary is "little text": reserved characters are escaped, hashtags
 * are kept. No native scheduling. A 429 without a hint waits until the
 * daily limits reset at midnight UTC. */

#define ROUNDS_TYPE_LINKEDIN_CONNECTOR (rounds_linkedin_connector_get_type ())

G_DECLARE_FINAL_TYPE (RoundsLinkedinConnector, rounds_linkedin_connector,
                      ROUNDS, LINKEDIN_CONNECTOR, GObject)

RoundsConnector  *rounds_linkedin_connector_new             (const char              *base_url,
                                                             const char              *credentials);
RoundsHttpClient *rounds_linkedin_connector_get_http_client (RoundsLinkedinConnector *self);

/* The Linkedin-Version sent with every call (from the data file). */
const char       *rounds_linkedin_api_version               (void);

/* @text as LinkedIn "little text": reserved characters escaped with a
 * backslash, "#word" hashtags kept. Pure. */
char             *rounds_linkedin_escape_commentary         (const char              *text);
/* The reverse, for comparing what LinkedIn shows with what was sent. */
char             *rounds_linkedin_unescape_commentary       (const char              *text);

G_END_DECLS
