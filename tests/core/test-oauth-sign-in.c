/* test-oauth-sign-in.c — signing in to LinkedIn and Google in the browser
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "core-test-util.h"
#include "rounds-connector-factory.h"
#include "rounds-google-stub.h"
#include "rounds-linkedin-stub.h"
#include "rounds-oauth-sign-in.h"

/* The practice's own app (client id and secret), the browser step played
 * by a SoupSession that follows the network's authorize page to Rounds'
 * loopback address, the network played by its stub (tests/servers), which
 * also serves the authorize and token endpoints. What the practice then
 * sees: what it can publish as, and an account that verifies. */

#define CLIENT_ID     "86abcdefgh1234"
#define CLIENT_SECRET "not-a-real-secret"

static void
on_done (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static gint64
now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* GET @url without following redirects; the status, and the Location. */
static guint
browse (SoupSession  *browser,
        const char   *url,
        char        **location)
{
  g_autoptr(SoupMessage) message = soup_message_new ("GET", url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (message);
  soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT);
  soup_session_send_and_read_async (browser, message, G_PRIORITY_DEFAULT, NULL, on_done, &result);
  body = soup_session_send_and_read_finish (browser, wait_for (&result), &error);
  g_assert_no_error (error);
  if (location != NULL)
    *location = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (message),
                                                        "Location"));
  return soup_message_get_status (message);
}

/* The person signs in and approves; the choices, or NULL and @error. */
static GPtrArray *
sign_in (RoundsOAuthSignIn  *flow,
         const char         *authorize_root,
         GError            **error)
{
  g_autoptr(SoupSession) browser = soup_session_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *url = NULL;
  g_autofree char *location = NULL;

  url = rounds_oauth_sign_in_begin (flow, error);
  g_assert_nonnull (url);
  g_assert_true (g_str_has_prefix (url, authorize_root));
  g_assert_nonnull (strstr (url, "client_id=" CLIENT_ID));
  g_assert_nonnull (strstr (url, "code_challenge_method=S256"));
  g_assert_nonnull (strstr (url, "redirect_uri=http%3A%2F%2F127.0.0.1%3A"));
  g_assert_null (strstr (url, CLIENT_SECRET));

  rounds_oauth_sign_in_complete_async (flow, NULL, on_done, &result);
  g_assert_cmpuint (browse (browser, url, &location), ==, 302);
  g_assert_true (g_str_has_prefix (location, "http://127.0.0.1:"));
  g_assert_cmpuint (browse (browser, location, NULL), ==, 200);
  return rounds_oauth_sign_in_complete_finish (flow, wait_for (&result), error);
}

static RoundsAccountInfo *
verify (RoundsConnector  *connector,
        GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  rounds_connector_verify_async (connector, NULL, on_done, &result);
  return rounds_connector_verify_finish (connector, wait_for (&result), error);
}

static RoundsSignInChoice *
choice (GPtrArray *choices,
        guint      index)
{
  return g_ptr_array_index (choices, index);
}

/* ------------------------------------------------------------------ */

static void
test_linkedin (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RoundsLinkedinStub) stub = rounds_linkedin_stub_new (&error);
  g_autoptr(RoundsOAuthSignIn) flow = NULL;
  g_autoptr(GPtrArray) choices = NULL;
  g_autoptr(RoundsAccountInfo) info = NULL;
  g_autoptr(RoundsAccountInfo) verified = NULL;
  g_autoptr(RoundsConnector) connector = NULL;
  g_autofree char *credentials = NULL;
  g_autofree char *none = NULL;
  g_autofree char *authorize = NULL;

  g_assert_no_error (error);
  flow = rounds_oauth_sign_in_new (ROUNDS_NETWORK_LINKEDIN, " " CLIENT_ID " ", CLIENT_SECRET,
                                   &error);
  g_assert_no_error (error);
  rounds_oauth_sign_in_set_urls (flow, rounds_linkedin_stub_get_base_url (stub),
                                 rounds_linkedin_stub_get_base_url (stub));
  authorize = g_strconcat (rounds_linkedin_stub_get_base_url (stub), "/oauth/v2/authorization?",
                           NULL);
  choices = sign_in (flow, authorize, &error);
  g_assert_no_error (error);

  /* Both organizations the person administers, across two pages. */
  g_assert_cmpuint (choices->len, ==, 2);
  g_assert_cmpstr (choice (choices, 0)->id, ==, ROUNDS_LINKEDIN_STUB_ORG_URN);
  g_assert_cmpstr (choice (choices, 0)->name, ==, "Sunrise Family Clinic");
  g_assert_cmpstr (choice (choices, 1)->id, ==, ROUNDS_LINKEDIN_STUB_ORG2_URN);
  g_assert_cmpstr (choice (choices, 1)->name, ==, "Sunrise Pediatrics");

  /* A 60-day token: Accounts shows when it ends. */
  credentials = rounds_oauth_sign_in_dup_credentials (flow, ROUNDS_LINKEDIN_STUB_ORG_URN, &info,
                                                      &error);
  g_assert_no_error (error);
  g_assert_cmpstr (info->handle, ==, "Sunrise Family Clinic");
  g_assert_cmpstr (info->remote_id, ==, ROUNDS_LINKEDIN_STUB_ORG_URN);
  g_assert_cmpint (info->token_expires_at, >, now () + 59 * 86400);
  g_assert_cmpint (info->token_expires_at, <=, now () + 60 * 86400);
  g_assert_null (strstr (credentials, CLIENT_SECRET));

  connector = rounds_connector_new_for_network (ROUNDS_NETWORK_LINKEDIN,
                                                rounds_oauth_sign_in_get_api_url (flow),
                                                credentials, &error);
  g_assert_no_error (error);
  verified = verify (connector, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (verified->handle, ==, "Sunrise Family Clinic");
  g_assert_cmpint (verified->token_expires_at, ==, info->token_expires_at);

  none = rounds_oauth_sign_in_dup_credentials (flow, "urn:li:organization:1", NULL, &error);
  g_assert_null (none);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

/* LinkedIn refuses a code exchange without the app's secret, in its own
 * words; nothing is half connected. */
static void
test_linkedin_without_secret (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RoundsLinkedinStub) stub = rounds_linkedin_stub_new (&error);
  g_autoptr(RoundsOAuthSignIn) flow = NULL;
  g_autoptr(GPtrArray) choices = NULL;
  g_autofree char *credentials = NULL;
  g_autofree char *authorize = NULL;

  g_assert_no_error (error);
  flow = rounds_oauth_sign_in_new (ROUNDS_NETWORK_LINKEDIN, CLIENT_ID, "", &error);
  g_assert_no_error (error);
  rounds_oauth_sign_in_set_urls (flow, rounds_linkedin_stub_get_base_url (stub),
                                 rounds_linkedin_stub_get_base_url (stub));
  authorize = g_strconcat (rounds_linkedin_stub_get_base_url (stub), "/oauth/v2/", NULL);
  choices = sign_in (flow, authorize, &error);
  g_assert_null (choices);
  g_assert_true (error->domain == ROUNDS_CONNECTOR_ERROR);
  g_assert_nonnull (strstr (error->message, "Client authentication failed"));
  g_clear_error (&error);

  credentials = rounds_oauth_sign_in_dup_credentials (flow, ROUNDS_LINKEDIN_STUB_ORG_URN, NULL,
                                                      &error);
  g_assert_null (credentials);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

static void
test_google (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RoundsGoogleStub) stub = rounds_google_stub_new (&error);
  g_autoptr(RoundsOAuthSignIn) flow = NULL;
  g_autoptr(GPtrArray) choices = NULL;
  g_autoptr(RoundsAccountInfo) info = NULL;
  g_autoptr(RoundsAccountInfo) verified = NULL;
  g_autoptr(RoundsAccountInfo) again = NULL;
  g_autoptr(RoundsConnector) connector = NULL;
  g_autofree char *credentials = NULL;
  g_autofree char *authorize = NULL;

  g_assert_no_error (error);
  flow = rounds_oauth_sign_in_new (ROUNDS_NETWORK_GOOGLE, CLIENT_ID, CLIENT_SECRET, &error);
  g_assert_no_error (error);
  rounds_oauth_sign_in_set_urls (flow, rounds_google_stub_get_base_url (stub),
                                 rounds_google_stub_get_base_url (stub));
  authorize = g_strconcat (rounds_google_stub_get_base_url (stub), "/o/oauth2/v2/auth?", NULL);
  choices = sign_in (flow, authorize, &error);
  g_assert_no_error (error);

  /* Two accounts (two pages); only the first has a location. */
  g_assert_cmpuint (choices->len, ==, 1);
  g_assert_cmpstr (choice (choices, 0)->id, ==, ROUNDS_GOOGLE_STUB_LOCATION);
  g_assert_cmpstr (choice (choices, 0)->name, ==, "Sunrise Family Clinic");
  g_assert_cmpstr (choice (choices, 0)->detail, ==, "12 Main Street, Springfield");

  credentials = rounds_oauth_sign_in_dup_credentials (flow, ROUNDS_GOOGLE_STUB_LOCATION, &info,
                                                      &error);
  g_assert_no_error (error);
  g_assert_cmpstr (info->handle, ==, "Sunrise Family Clinic");
  /* The hour-long token renews itself: no expiry to warn about. */
  g_assert_cmpint (info->token_expires_at, ==, 0);

  connector = rounds_connector_new_for_network (ROUNDS_NETWORK_GOOGLE,
                                                rounds_oauth_sign_in_get_api_url (flow),
                                                credentials, &error);
  g_assert_no_error (error);
  verified = verify (connector, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (verified->remote_id, ==, ROUNDS_GOOGLE_STUB_LOCATION);
  g_assert_cmpstr (verified->handle, ==, "Sunrise Family Clinic");

  /* An hour later: the connector renews the token with what the sign-in
   * kept (refresh token, client id and secret, token address). */
  rounds_google_stub_expire_tokens (stub);
  again = verify (connector, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rounds_google_stub_get_refreshes (stub), ==, 1);
}

/* The person says no on Google's page: the browser comes back with
 * error=access_denied, and the sign-in says it was refused. */
static void
test_google_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RoundsGoogleStub) stub = rounds_google_stub_new (&error);
  g_autoptr(RoundsOAuthSignIn) flow = NULL;
  g_autoptr(SoupSession) browser = soup_session_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) choices = NULL;
  g_autoptr(GHashTable) params = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *url = NULL;
  g_autofree char *state = NULL;
  g_autofree char *back = NULL;

  g_assert_no_error (error);
  flow = rounds_oauth_sign_in_new (ROUNDS_NETWORK_GOOGLE, CLIENT_ID, CLIENT_SECRET, &error);
  rounds_oauth_sign_in_set_urls (flow, rounds_google_stub_get_base_url (stub),
                                 rounds_google_stub_get_base_url (stub));
  url = rounds_oauth_sign_in_begin (flow, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (url, "access_type=offline"));
  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED_QUERY, &error);
  g_assert_no_error (error);
  params = g_uri_parse_params (g_uri_get_query (uri), -1, "&", G_URI_PARAMS_NONE, &error);
  g_assert_no_error (error);
  state = g_uri_escape_string (g_hash_table_lookup (params, "state"), NULL, FALSE);
  back = g_strdup_printf ("%s?error=access_denied&state=%s",
                          (char *) g_hash_table_lookup (params, "redirect_uri"), state);

  rounds_oauth_sign_in_complete_async (flow, NULL, on_done, &result);
  browse (browser, back, NULL);
  choices = rounds_oauth_sign_in_complete_finish (flow, wait_for (&result), &error);
  g_assert_null (choices);
  g_assert_error (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_REJECTED);
}

static void
test_bad_client_id (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RoundsOAuthSignIn) flow = rounds_oauth_sign_in_new (ROUNDS_NETWORK_GOOGLE,
                                                                "my app?x=1", NULL, &error);

  g_assert_null (flow);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "Client ID"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/oauth-sign-in/linkedin", test_linkedin);
  g_test_add_func ("/oauth-sign-in/linkedin-without-secret", test_linkedin_without_secret);
  g_test_add_func ("/oauth-sign-in/google", test_google);
  g_test_add_func ("/oauth-sign-in/google-refused", test_google_refused);
  g_test_add_func ("/oauth-sign-in/bad-client-id", test_bad_client_id);

  return g_test_run ();
}
