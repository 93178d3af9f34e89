/* bluesky-harness.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* A private Bluesky network for one test program: the reference PDS and a
 * PLC directory (tests/bluesky/local-server.mjs) on 127.0.0.1, free ports,
 * fresh secrets and accounts. Started by bluesky_harness_start (), which
 * waits until the PDS answers its health check; stopped by
 * bluesky_harness_stop () — and also when the test process dies, because the
 * server exits when its stdin (a pipe from us) closes. */

typedef struct
{
  char *handle;
  char *did;
  char *email;
  char *password;      /* the account password */
  char *app_password;  /* what Rounds signs in with */
} BlueskyTestAccount;

typedef struct
{
  GSubprocess  *process;
  char         *pds_url;         /* "http://localhost:PORT" */
  char         *appview_url;     /* the AppView's, or NULL when none runs */
  char         *admin_password;
  char         *jwt_secret;      /* this run's: lets a test forge an expired token */
  GPtrArray    *accounts;        /* of BlueskyTestAccount */
  char         *guard_log;       /* net-guard's refused connections */
  char         *work_dir;
  gint64        ready_ms;
} BlueskyHarness;

/* NULL (after marking the test failed or skipped with a clear message) when
 * the server is not installed or does not come up. */
BlueskyHarness *bluesky_harness_start            (const char * const *handles);
/* The same with the reference AppView (and its PostgreSQL) beside the PDS,
 * which then answers app.bsky.* reads such as listNotifications. The ready
 * line comes once the AppView has indexed every account. */
BlueskyHarness *bluesky_harness_start_with_appview (const char * const *handles);
/* Reports again why the last start failed (fails or skips the current test
 * the same way), for programs that share one server between tests. */
void            bluesky_harness_report_unavailable (void);
/* Stops the server, waits for it to exit, and returns the number of
 * connections net-guard refused (anything but loopback). */
guint           bluesky_harness_stop             (BlueskyHarness     *harness);
void            bluesky_harness_free             (BlueskyHarness     *harness);
BlueskyTestAccount *bluesky_harness_get_account  (BlueskyHarness     *harness,
                                                  guint               index);

/* Plain synchronous XRPC for the test's own checks (not Rounds' code):
 * GET with a query string, or POST with a JSON body; bearer may be NULL.
 * Returns the parsed answer; *status receives the HTTP status. */
JsonNode       *bluesky_xrpc_get                 (BlueskyHarness     *harness,
                                                  const char         *method_and_query,
                                                  const char         *bearer,
                                                  guint              *status);
JsonNode       *bluesky_xrpc_post                (BlueskyHarness     *harness,
                                                  const char         *method,
                                                  const char         *json_body,
                                                  const char         *bearer,
                                                  guint              *status);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BlueskyHarness, bluesky_harness_free)

G_END_DECLS
