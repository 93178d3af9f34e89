/* rounds-oauth-sign-in.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rounds-connector.h"
#include "rounds-http.h"

G_BEGIN_DECLS

/* Connecting a LinkedIn Page or a Google Business Profile location, for
 * the Accounts page. Rounds ships no app of its own on either: the
 * practice types its app's client id and client secret (LinkedIn
 * developer portal; Google Cloud console, "Desktop app" client). The
 * secret then lives only in the Secret Service, with the tokens.
 *
 *   sign_in = rounds_oauth_sign_in_new (ROUNDS_NETWORK_LINKEDIN, id, secret, &error);
 *   url = rounds_oauth_sign_in_begin (sign_in, &error);      → open in the browser
 *   rounds_oauth_sign_in_complete_async (sign_in, …);         → waits for the browser
 *   choices = rounds_oauth_sign_in_complete_finish (…);       → what to publish as
 *   credentials = rounds_oauth_sign_in_dup_credentials (sign_in, choice_id, &info, &error);
 *
 * OAuth 2 with an authorization code, PKCE (S256) and a loopback redirect
 * (RoundsOAuthLoopback). The token endpoint's errors are OAuth's own
 * {"error", "error_description"}. The choices are, for LinkedIn, the
 * organizations the person administers (GET /rest/organizationAcls,
 * start/count pages, then each one's name), and for Google the locations
 * of every Business Profile account the person can manage (Account
 * Management v1 accounts, Business Information v1 locations, pageToken
 * pages). LinkedIn tokens last 60 days (Accounts warns a week ahead);
 * Google's access token lasts an hour and renews itself with the refresh
 * token (access_type=offline). */

#define ROUNDS_TYPE_OAUTH_SIGN_IN (rounds_oauth_sign_in_get_type ())

G_DECLARE_FINAL_TYPE (RoundsOAuthSignIn, rounds_oauth_sign_in, ROUNDS, OAUTH_SIGN_IN, GObject)

#define ROUNDS_LINKEDIN_AUTHORIZE_URL "https://www.linkedin.com/oauth/v2/authorization"
#define ROUNDS_LINKEDIN_TOKEN_URL     "https://www.linkedin.com/oauth/v2/accessToken"
#define ROUNDS_LINKEDIN_SCOPES \
  "r_organization_admin rw_organization_admin w_organization_social r_organization_social"
#define ROUNDS_GOOGLE_AUTHORIZE_URL   "https://accounts.google.com/o/oauth2/v2/auth"
#define ROUNDS_GOOGLE_SCOPES          "https://www.googleapis.com/auth/business.manage"
#define ROUNDS_GOOGLE_ACCOUNTS_URL    "https://mybusinessaccountmanagement.googleapis.com"
#define ROUNDS_GOOGLE_LOCATIONS_URL   "https://mybusinessbusinessinformation.googleapis.com"

/* One thing to publish as: a LinkedIn organization or a Google location. */
#define ROUNDS_TYPE_SIGN_IN_CHOICE (rounds_sign_in_choice_get_type ())
typedef struct
{
  char *id;       /* "urn:li:organization:123", "accounts/1/locations/2" */
  char *name;     /* "Sunrise Family Clinic" */
  char *detail;   /* an address or the account's name, or NULL */
} RoundsSignInChoice;

GType               rounds_sign_in_choice_get_type       (void) G_GNUC_CONST;
RoundsSignInChoice *rounds_sign_in_choice_copy           (const RoundsSignInChoice *choice);
void                rounds_sign_in_choice_free           (RoundsSignInChoice       *choice);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RoundsSignInChoice, rounds_sign_in_choice_free)

/* @network: LINKEDIN or GOOGLE. @client_id must not be empty (else NULL
 * with G_IO_ERROR_INVALID_ARGUMENT); @client_secret may be NULL. */
RoundsOAuthSignIn *rounds_oauth_sign_in_new              (RoundsNetwork        network,
                                                          const char          *client_id,
                                                          const char          *client_secret,
                                                          GError             **error);
/* Tests point everything at one local server: @api_url is the connector's
 * base URL (and where LinkedIn's organizations and Google's accounts and
 * locations are listed), @login_url the root of the authorize and token
 * endpoints (LinkedIn: /oauth/v2/…; Google: /o/oauth2/v2/auth, /token).
 * NULL keeps a default. */
void               rounds_oauth_sign_in_set_urls         (RoundsOAuthSignIn   *self,
                                                          const char          *api_url,
                                                          const char          *login_url);
/* The base URL to keep with the account. */
const char        *rounds_oauth_sign_in_get_api_url      (RoundsOAuthSignIn   *self);
void               rounds_oauth_sign_in_set_wait_timeout (RoundsOAuthSignIn   *self,
                                                          guint                seconds);
/* Starts the loopback server; the URL to open in the browser. */
char              *rounds_oauth_sign_in_begin            (RoundsOAuthSignIn   *self,
                                                          GError             **error);
void               rounds_oauth_sign_in_complete_async   (RoundsOAuthSignIn   *self,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
/* A GPtrArray of RoundsSignInChoice, possibly empty (the person manages
 * no organization or location). */
GPtrArray         *rounds_oauth_sign_in_complete_finish  (RoundsOAuthSignIn   *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);
/* The credentials JSON for @choice_id (Secret Service only) and who the
 * account is (@info, with the token's expiry; 0 when it renews itself). */
char              *rounds_oauth_sign_in_dup_credentials  (RoundsOAuthSignIn   *self,
                                                          const char          *choice_id,
                                                          RoundsAccountInfo  **info,
                                                          GError             **error);

G_END_DECLS
