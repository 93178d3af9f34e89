/* rounds-mastodon-sign-in.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rounds-connector.h"
#include "rounds-http.h"

G_BEGIN_DECLS

/* Connecting a Mastodon account, for the Accounts page:
 *
 *   sign_in = rounds_mastodon_sign_in_new ("med-mastodon.com", &error);
 *   rounds_mastodon_sign_in_begin_async (sign_in, cancellable, on_begun, …);
 *     → begin_finish () gives the URL to open in the browser
 *       (gtk_show_uri); a loopback server on 127.0.0.1 now waits.
 *   rounds_mastodon_sign_in_complete_async (sign_in, cancellable, on_done, …);
 *     → complete_finish () gives the credentials JSON (for the Secret
 *       Service, never the database) and who we are connected as.
 *
 * begin registers Rounds as an app on that server (POST /api/v1/apps) with
 * the loopback redirect; complete waits for the browser, checks the state,
 * exchanges the code with the PKCE verifier (POST /oauth/token) and checks
 * the token (verify_credentials). Cancelling the cancellable, or dropping
 * the object, stops the loopback server. Errors are ROUNDS_CONNECTOR_ERROR
 * (or G_IO_ERROR_INVALID_ARGUMENT for a bad server address in _new). */

#define ROUNDS_TYPE_MASTODON_SIGN_IN (rounds_mastodon_sign_in_get_type ())

G_DECLARE_FINAL_TYPE (RoundsMastodonSignIn, rounds_mastodon_sign_in, ROUNDS, MASTODON_SIGN_IN, GObject)

#define ROUNDS_MASTODON_SCOPES "read:accounts read:notifications read:statuses write:media write:statuses"

RoundsMastodonSignIn *rounds_mastodon_sign_in_new              (const char            *server,
                                                                GError               **error);
/* "https://med-mastodon.com": store it with the account. */
const char           *rounds_mastodon_sign_in_get_base_url     (RoundsMastodonSignIn  *self);
RoundsHttpClient     *rounds_mastodon_sign_in_get_http_client  (RoundsMastodonSignIn  *self);
/* Seconds the browser has to come back (default 15 minutes). */
void                  rounds_mastodon_sign_in_set_wait_timeout (RoundsMastodonSignIn  *self,
                                                                guint                  seconds);

void                  rounds_mastodon_sign_in_begin_async      (RoundsMastodonSignIn  *self,
                                                                GCancellable          *cancellable,
                                                                GAsyncReadyCallback    callback,
                                                                gpointer               user_data);
/* The authorize URL to open in the browser. */
char                 *rounds_mastodon_sign_in_begin_finish     (RoundsMastodonSignIn  *self,
                                                                GAsyncResult          *result,
                                                                GError               **error);
void                  rounds_mastodon_sign_in_complete_async   (RoundsMastodonSignIn  *self,
                                                                GCancellable          *cancellable,
                                                                GAsyncReadyCallback    callback,
                                                                gpointer               user_data);
gboolean              rounds_mastodon_sign_in_complete_finish  (RoundsMastodonSignIn  *self,
                                                                GAsyncResult          *result,
                                                                char                 **credentials,
                                                                RoundsAccountInfo    **info,
                                                                GError               **error);

G_END_DECLS
