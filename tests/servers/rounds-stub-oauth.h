/* rounds-stub-oauth.h — the authorization server half of OAuth 2 for the stubs
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* What every network's authorize page and token endpoint share (RFC 6749
 * authorization code with RFC 7636 PKCE): the authorize page approves at
 * once with a 302 to the redirect_uri carrying a fresh code and the state
 * (a test that follows it plays the browser, and the person saying yes);
 * the token endpoint redeems a code once, with the verifier whose S256
 * matches the challenge and the same redirect_uri. */

typedef struct _RoundsStubOAuth RoundsStubOAuth;

RoundsStubOAuth *rounds_stub_oauth_new       (const char        *code_prefix);
void             rounds_stub_oauth_free      (RoundsStubOAuth   *self);
/* Answers an authorize request: 302 with ?code=…&state=…, or 400 when
 * client_id, redirect_uri or state is missing. */
void             rounds_stub_oauth_authorize (RoundsStubOAuth   *self,
                                              SoupServerMessage *msg,
                                              GHashTable        *query);
/* TRUE (and the code is used up) when @code was given out, @verifier
 * matches its challenge and @redirect_uri is the one it was sent to. */
gboolean         rounds_stub_oauth_redeem    (RoundsStubOAuth   *self,
                                              const char        *code,
                                              const char        *verifier,
                                              const char        *redirect_uri);
/* Answers @status with OAuth's own error body (RFC 6749 §5.2):
 * {"error": @error, "error_description": @description}. */
void             rounds_stub_oauth_respond_error (SoupServerMessage *msg,
                                                  guint              status,
                                                  const char        *error,
                                                  const char        *description);
/* The form fields of a POST body (application/x-www-form-urlencoded). */
GHashTable      *rounds_stub_oauth_read_form (SoupServerMessage *msg);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RoundsStubOAuth, rounds_stub_oauth_free)

G_END_DECLS
