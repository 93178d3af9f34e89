/* rounds-google-stub.h — a Google Business Profile API stand-in for tests
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* An in-process SoupServer on 127.0.0.1 speaking the Business Profile API
 * v4 (local posts, reviews, review replies) and Google's OAuth token
 * endpoint (/token, grant_type=refresh_token) as documented: lists with
 * pageSize/pageToken → nextPageToken, errors {"error": {code, message,
 * status}}, 401 UNAUTHENTICATED for an expired token.
 *
 * Sign-in: /o/oauth2/v2/auth approves at once (302 to the redirect with
 * code and state); /token also redeems a code (PKCE, client_secret
 * required) for an access and a refresh token; Account Management's
 * /v1/accounts lists two accounts, one per page, and Business
 * Information's /v1/{account}/locations (readMask required) lists the
 * first account's one location; the second has none.
 *
 * One location, ROUNDS_GOOGLE_STUB_LOCATION. */

#define ROUNDS_GOOGLE_STUB_LOCATION "accounts/111/locations/222"

#define ROUNDS_TYPE_GOOGLE_STUB (rounds_google_stub_get_type ())

G_DECLARE_FINAL_TYPE (RoundsGoogleStub, rounds_google_stub, ROUNDS, GOOGLE_STUB, GObject)

RoundsGoogleStub *rounds_google_stub_new             (GError           **error);
const char       *rounds_google_stub_get_base_url    (RoundsGoogleStub  *self);
/* A valid access token; and the refresh token that makes new ones. */
void              rounds_google_stub_add_token       (RoundsGoogleStub  *self,
                                                      const char        *token);
void              rounds_google_stub_expire_tokens   (RoundsGoogleStub  *self);
void              rounds_google_stub_set_refresh_token (RoundsGoogleStub *self,
                                                      const char        *refresh_token);
/* The next @count requests whose path starts with @prefix answer @status
 * with a Google error body (@status_name, e.g. "RESOURCE_EXHAUSTED"). */
void              rounds_google_stub_add_fault       (RoundsGoogleStub  *self,
                                                      const char        *prefix,
                                                      guint              status,
                                                      const char        *status_name,
                                                      guint              count);
char             *rounds_google_stub_add_review      (RoundsGoogleStub  *self,
                                                      const char        *reviewer,
                                                      const char        *stars,
                                                      const char        *comment,
                                                      gint64             at);
/* The reviewer deletes their review: it leaves the list and reading it
 * answers 404 NOT_FOUND. FALSE if there was none. */
gboolean          rounds_google_stub_delete_review   (RoundsGoogleStub  *self,
                                                      const char        *name);
char             *rounds_google_stub_add_post        (RoundsGoogleStub  *self,
                                                      const char        *summary,
                                                      gint64             at);
guint             rounds_google_stub_count_posts     (RoundsGoogleStub  *self);
const char       *rounds_google_stub_get_summary     (RoundsGoogleStub  *self,
                                                      const char        *name);
const char       *rounds_google_stub_get_cta_url     (RoundsGoogleStub  *self,
                                                      const char        *name);
const char       *rounds_google_stub_get_reply       (RoundsGoogleStub  *self,
                                                      const char        *review_name);
guint             rounds_google_stub_get_refreshes   (RoundsGoogleStub  *self);

G_END_DECLS
