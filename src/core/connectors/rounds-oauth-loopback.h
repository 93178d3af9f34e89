/* rounds-oauth-loopback.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The desktop half of OAuth 2 with an authorization code, PKCE (RFC 7636,
 * S256) and a loopback redirect (RFC 8252): a SoupServer on 127.0.0.1 and
 * a random port that Rounds runs only while the user signs in in the
 * browser. It makes the state and the code verifier, builds the authorize
 * URL, and waits for the browser to come back with a code whose state
 * matches. A request with a wrong or missing state is answered 400 and
 * ignored (the wait goes on). Network-specific steps (registering an app,
 * exchanging the code) stay with each network's sign-in. */

#define ROUNDS_TYPE_OAUTH_LOOPBACK (rounds_oauth_loopback_get_type ())

G_DECLARE_FINAL_TYPE (RoundsOAuthLoopback, rounds_oauth_loopback, ROUNDS, OAUTH_LOOPBACK, GObject)

#define ROUNDS_OAUTH_LOOPBACK_PATH     "/rounds/oauth/callback"
#define ROUNDS_OAUTH_DEFAULT_WAIT      (15 * 60)   /* seconds the browser has */

RoundsOAuthLoopback *rounds_oauth_loopback_new                  (void);
/* Listens on 127.0.0.1 (a free port). */
gboolean             rounds_oauth_loopback_start                (RoundsOAuthLoopback  *self,
                                                                 GError              **error);
void                 rounds_oauth_loopback_stop                 (RoundsOAuthLoopback  *self);
gboolean             rounds_oauth_loopback_is_running           (RoundsOAuthLoopback  *self);
/* "http://127.0.0.1:PORT/rounds/oauth/callback", NULL before start. */
const char          *rounds_oauth_loopback_get_redirect_uri     (RoundsOAuthLoopback  *self);
const char          *rounds_oauth_loopback_get_state            (RoundsOAuthLoopback  *self);
const char          *rounds_oauth_loopback_get_code_verifier    (RoundsOAuthLoopback  *self);
/* @authorize_endpoint + response_type=code, client_id, redirect_uri,
 * scope, state, code_challenge (S256). */
char                *rounds_oauth_loopback_build_authorize_url  (RoundsOAuthLoopback  *self,
                                                                 const char           *authorize_endpoint,
                                                                 const char           *client_id,
                                                                 const char           *scope);
void                 rounds_oauth_loopback_set_wait_timeout     (RoundsOAuthLoopback  *self,
                                                                 guint                 seconds);
/* Waits for the redirect. Returns the authorization code; fails with
 * ROUNDS_CONNECTOR_ERROR_REJECTED when the user or server refused
 * (?error=…), TRANSIENT when the browser never came back in time, or
 * G_IO_ERROR_CANCELLED. The server stops when the wait ends. */
void                 rounds_oauth_loopback_wait_async           (RoundsOAuthLoopback  *self,
                                                                 GCancellable         *cancellable,
                                                                 GAsyncReadyCallback   callback,
                                                                 gpointer              user_data);
char                *rounds_oauth_loopback_wait_finish          (RoundsOAuthLoopback  *self,
                                                                 GAsyncResult         *result,
                                                                 GError              **error);

/* Pure helpers */
char                *rounds_oauth_random_token                  (gsize                 n_bytes);
char                *rounds_oauth_pkce_challenge                (const char           *verifier);

G_END_DECLS
