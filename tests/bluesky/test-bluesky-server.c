/* test-bluesky-server.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <libsoup/soup.h>

#include "bluesky-harness.h"

/* The harness itself: the reference PDS comes up on loopback, an account
 * can sign in with its app password, nothing tries to leave the machine,
 * and the server is gone after stop. */
static void
test_server_smoke (void)
{
  const char *handles[] = { "clinic-smoke.test", NULL };
  g_autoptr(BlueskyHarness) harness = bluesky_harness_start (handles);
  g_autoptr(JsonNode) health = NULL;
  g_autoptr(JsonNode) session = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(SoupSession) soup = NULL;
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *request = NULL;
  g_autofree char *health_url = NULL;
  BlueskyTestAccount *account;
  JsonObject *object;
  guint status = 0;

  if (harness == NULL)
    return;

  uri = g_uri_parse (harness->pds_url, G_URI_FLAGS_NONE, NULL);
  g_assert_nonnull (uri);
  g_assert_cmpstr (g_uri_get_scheme (uri), ==, "http");
  g_assert_cmpstr (g_uri_get_host (uri), ==, "localhost");

  health = bluesky_xrpc_get (harness, "_health", NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (health));
  g_assert_true (json_object_has_member (json_node_get_object (health), "version"));

  account = bluesky_harness_get_account (harness, 0);
  g_assert_cmpstr (account->handle, ==, "clinic-smoke.test");
  g_assert_true (g_str_has_prefix (account->did, "did:plc:"));
  request = g_strdup_printf ("{\"identifier\":\"%s\",\"password\":\"%s\"}",
                             account->handle, account->app_password);
  session = bluesky_xrpc_post (harness, "com.atproto.server.createSession", request, NULL,
                               &status);
  g_assert_cmpuint (status, ==, 200);
  object = json_node_get_object (session);
  g_assert_cmpstr (json_object_get_string_member (object, "did"), ==, account->did);
  g_assert_true (json_object_has_member (object, "accessJwt"));

  health_url = g_strdup_printf ("%s/xrpc/_health", harness->pds_url);
  g_assert_cmpuint (bluesky_harness_stop (harness), ==, 0);

  /* Stopped means stopped: the port no longer answers. */
  soup = soup_session_new_with_options ("timeout", 10, NULL);
  message = soup_message_new ("GET", health_url);
  body = soup_session_send_and_read (soup, message, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/bluesky/server/smoke", test_server_smoke);

  return g_test_run ();
}
