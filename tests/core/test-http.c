/* test-http.c — the connectors' shared HTTP helpers against a local server
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <string.h>

#include <libsoup/soup.h>

#include "rounds-connector.h"
#include "rounds-connector-factory.h"
#include "rounds-http.h"

#define FAKE_NOW G_GINT64_CONSTANT (1800000000)   /* 2027-01-15 08:00:00 UTC */

static gint64
fake_now (gpointer user_data)
{
  return FAKE_NOW;
}

/* ------------------------------------------------------------------ */
/* A local server with a few misbehaving routes                         */

typedef struct
{
  SoupServer       *server;
  char             *base;        /* http://127.0.0.1:PORT */
  RoundsHttpClient *client;
  guint             hits;
  guint             other_hits;  /* requests that must never arrive */
  GPtrArray        *paused;      /* SoupServerMessage held without answer */
  GSList           *drips;       /* sources feeding slow answers */
} Fixture;

typedef struct
{
  Fixture           *fixture;
  SoupServerMessage *message;
  guint              left;
} Drip;

static gboolean
drip_cb (gpointer user_data)
{
  Drip *drip = user_data;
  SoupMessageBody *body = soup_server_message_get_response_body (drip->message);

  soup_message_body_append (body, SOUP_MEMORY_STATIC, " ", 1);
  soup_server_message_unpause (drip->message);
  if (--drip->left == 0)
    {
      soup_message_body_complete (body);
      return G_SOURCE_REMOVE;
    }
  soup_server_message_pause (drip->message);
  return G_SOURCE_CONTINUE;
}

static void
write_raw_and_close (SoupServerMessage *message,
                     const char        *raw)
{
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (message);

  if (raw != NULL)
    g_output_stream_write_all (g_io_stream_get_output_stream (stream), raw, strlen (raw),
                               NULL, NULL, NULL);
  g_io_stream_close (stream, NULL, NULL);
}

static void
set_json (SoupServerMessage *message,
          guint              status,
          const char        *json)
{
  soup_server_message_set_status (message, status, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_COPY,
                                    json, strlen (json));
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *message,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Fixture *f = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);

  f->hits++;

  if (g_str_equal (path, "/ok"))
    set_json (message, 200, "{\"ok\": true, \"id\": \"109876543210987654\"}");
  else if (g_str_equal (path, "/echo-auth"))
    {
      const char *auth = soup_message_headers_get_one (
        soup_server_message_get_request_headers (message), "Authorization");
      g_autofree char *json = g_strdup_printf ("{\"auth\": \"%s\"}", auth ? auth : "");

      set_json (message, 200, json);
    }
  else if (g_str_equal (path, "/ratelimit"))
    {
      soup_message_headers_replace (headers, "Retry-After", "120");
      set_json (message, 429, "{\"error\": \"Too many requests\"}");
    }
  else if (g_str_equal (path, "/html-error"))
    {
      const char *html = "<html><body><h1>502 Bad Gateway</h1>nginx</body></html>";

      soup_server_message_set_status (message, 502, NULL);
      soup_server_message_set_response (message, "text/html", SOUP_MEMORY_STATIC,
                                        html, strlen (html));
    }
  else if (g_str_equal (path, "/html-ok"))
    {
      const char *html = "<!DOCTYPE html><html><body>Welcome</body></html>";

      soup_server_message_set_status (message, 200, NULL);
      soup_server_message_set_response (message, "text/html", SOUP_MEMORY_STATIC,
                                        html, strlen (html));
    }
  else if (g_str_equal (path, "/malformed"))
    set_json (message, 200, "{\"id\": \"1\", \"content\": ");
  else if (g_str_equal (path, "/deep"))
    {
      GString *deep = g_string_new (NULL);

      for (guint i = 0; i < 100000; i++)
        g_string_append_c (deep, '[');
      for (guint i = 0; i < 100000; i++)
        g_string_append_c (deep, ']');
      soup_server_message_set_status (message, 200, NULL);
      soup_server_message_set_response (message, "application/json", SOUP_MEMORY_TAKE,
                                        deep->str, deep->len);
      g_string_free (deep, FALSE);
    }
  else if (g_str_equal (path, "/huge") || g_str_equal (path, "/huge-chunked")
           || g_str_equal (path, "/huge-error"))
    {
      SoupMessageBody *body = soup_server_message_get_response_body (message);
      gsize size = 3 * 1024 * 1024;
      char *data = g_malloc (size);

      memset (data, ' ', size);
      data[0] = '[';
      data[size - 1] = ']';
      soup_server_message_set_status (message, g_str_equal (path, "/huge-error") ? 500 : 200,
                                      NULL);
      if (g_str_equal (path, "/huge-chunked"))
        soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
      soup_message_headers_set_content_type (headers, "application/json", NULL);
      soup_message_body_append (body, SOUP_MEMORY_TAKE, data, size);
      soup_message_body_complete (body);
    }
  else if (g_str_equal (path, "/slow"))
    {
      /* Never answered while the test runs. */
      soup_server_message_pause (message);
      g_ptr_array_add (f->paused, g_object_ref (message));
    }
  else if (g_str_equal (path, "/drip"))
    {
      /* Headers at once, then one byte every 200 ms for a long time: the
       * socket never goes quiet, only the whole-request deadline helps. */
      Drip *drip = g_new0 (Drip, 1);
      guint id;

      drip->fixture = f;
      drip->message = message;
      drip->left = 1000;
      soup_server_message_set_status (message, 200, NULL);
      soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
      soup_message_headers_set_content_type (headers, "application/json", NULL);
      soup_server_message_pause (message);
      id = g_timeout_add_full (G_PRIORITY_DEFAULT, 200, drip_cb, drip, g_free);
      f->drips = g_slist_prepend (f->drips, GUINT_TO_POINTER (id));
    }
  else if (g_str_equal (path, "/cut-before"))
    write_raw_and_close (message, NULL);
  else if (g_str_equal (path, "/cut-mid"))
    write_raw_and_close (message, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                  "Content-Length: 500\r\n\r\n{\"id\": \"12");
  else if (g_str_equal (path, "/redirect-other"))
    {
      soup_message_headers_replace (headers, "Location", "http://other.invalid/api/v1/ok");
      soup_server_message_set_status (message, 302, NULL);
    }
  else if (g_str_equal (path, "/redirect-localhost"))
    {
      /* Same machine, another name: still another host. */
      g_autofree char *location = g_strdup_printf ("http://localhost:%u/ok",
                                                   g_uri_get_port (soup_server_message_get_uri (message)));

      soup_message_headers_replace (headers, "Location", location);
      soup_server_message_set_status (message, 301, NULL);
    }
  else if (g_str_equal (path, "/redirect-same"))
    {
      soup_message_headers_replace (headers, "Location", "/echo-auth");
      soup_server_message_set_status (message, 302, NULL);
    }
  else if (g_str_equal (path, "/redirect-loop"))
    {
      soup_message_headers_replace (headers, "Location", "/redirect-loop");
      soup_server_message_set_status (message, 302, NULL);
    }
  else
    set_json (message, 404, "{\"error\": \"Record not found\"}");
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;

  f->paused = g_ptr_array_new_with_free_func (g_object_unref);
  f->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (f->server, NULL, server_cb, f, NULL);
  soup_server_listen_local (f->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (f->server);
  f->base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  f->client = rounds_http_client_new (ROUNDS_HTTP_STYLE_MASTODON);
  rounds_http_client_set_now_func (f->client, fake_now, NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  for (GSList *l = f->drips; l != NULL; l = l->next)
    g_source_remove (GPOINTER_TO_UINT (l->data));
  g_slist_free (f->drips);
  for (guint i = 0; i < f->paused->len; i++)
    {
      SoupServerMessage *message = g_ptr_array_index (f->paused, i);

      soup_server_message_set_status (message, 503, NULL);
      soup_server_message_unpause (message);
    }
  g_ptr_array_unref (f->paused);
  g_clear_object (&f->client);
  soup_server_disconnect (f->server);
  g_clear_object (&f->server);
  g_free (f->base);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
on_done (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GBytes *
bytes_from (const char *text)
{
  return g_bytes_new_static (text, strlen (text));
}

static RoundsHttpResponse *
send_sync (Fixture     *f,
           const char  *method,
           const char  *path,
           GError     **error)
{
  g_autofree char *uri = g_strconcat (f->base, path, NULL);
  g_autoptr(SoupMessage) message = rounds_http_message_new_json (method, uri, NULL);
  g_autoptr(GAsyncResult) result = NULL;

  if (g_str_equal (method, "POST"))
    {
      g_autoptr(GBytes) body = bytes_from ("{\"status\": \"x\"}");

      soup_message_set_request_body_from_bytes (message, "application/json", body);
    }
  rounds_http_client_send_async (f->client, message, NULL, on_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return rounds_http_client_send_finish (f->client, result, error);
}

static JsonNode *
send_json_sync (Fixture             *f,
                const char          *path,
                RoundsHttpResponse **response,
                GError             **error)
{
  g_autofree char *uri = g_strconcat (f->base, path, NULL);
  g_autoptr(SoupMessage) message = rounds_http_message_new_json ("GET", uri, NULL);
  g_autoptr(GAsyncResult) result = NULL;

  rounds_http_client_send_json_async (f->client, message, NULL, on_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return rounds_http_client_send_json_finish (f->client, result, response, error);
}

/* ------------------------------------------------------------------ */
/* Over the wire                                                        */

static void
test_ok_json (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RoundsHttpResponse) response = NULL;
  g_autoptr(JsonNode) root = send_json_sync (f, "/ok", &response, &error);

  g_assert_no_error (error);
  g_assert_nonnull (root);
  /* Ids stay strings, even when they look like numbers. */
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "id"), ==,
                   "109876543210987654");
  g_assert_nonnull (response);
  g_assert_cmpuint (response->status, ==, 200);
  g_assert_cmpint (response->received_at, ==, FAKE_NOW);
}

static void
test_bearer_kept_on_same_host_redirect (Fixture       *f,
                                        gconstpointer  data)
{
  g_autofree char *uri = g_strconcat (f->base, "/redirect-same", NULL);
  g_autoptr(SoupMessage) message = rounds_http_message_new_json ("GET", uri, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(RoundsHttpResponse) response = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  rounds_http_message_set_bearer (message, "secret-token");
  rounds_http_client_send_json_async (f->client, message, NULL, on_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  root = rounds_http_client_send_json_finish (f->client, result, &response, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "auth"), ==,
                   "Bearer secret-token");
  g_assert_cmpstr (g_uri_get_path (response->uri), ==, "/echo-auth");
  g_assert_cmpuint (f->hits, ==, 2);
}

static void
test_redirect_other_host_refused (Fixture       *f,
                                  gconstpointer  data)
{
  const char *paths[] = { "/redirect-other", "/redirect-localhost" };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RoundsHttpResponse) response = send_sync (f, "GET", paths[i], &error);

      g_assert_null (response);
      g_assert_error (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_MALFORMED);
      g_assert_nonnull (strstr (error->message, "another address"));
    }
  /* The redirect target was never asked: only our two requests arrived. */
  g_assert_cmpuint (f->hits, ==, 2);
}

static void
test_redirect_loop_stops (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RoundsHttpResponse) response = send_sync (f, "GET", "/redirect-loop", &error);

  g_assert_null (response);
  g_assert_error (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_MALFORMED);
  g_assert_cmpuint (f->hits, ==, ROUNDS_HTTP_MAX_REDIRECTS + 1);
}

static void
test_post_redirect_refused (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RoundsHttpResponse) response = send_sync (f, "POST", "/redirect-same", &error);

  g_assert_null (response);
  g_assert_error (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_MALFORMED);
  g_assert_cmpuint (f->hits, ==, 1);
}

static void
test_rate_limit_storm (Fixture       *f,
                       gconstpointer  data)
{
  enum { N = 40 };
  GAsyncResult *results[N] = { NULL, };
  guint done = 0;

  /* Many requests at once, all answered 429: every one comes back as
   * RATE_LIMITED with the server's retry time, none hangs. */
  for (guint i = 0; i < N; i++)
    {
      g_autofree char *uri = g_strconcat (f->base, "/ratelimit", NULL);
      g_autoptr(SoupMessage) message = rounds_http_message_new_json ("GET", uri, NULL);

      rounds_http_client_send_json_async (f->client, message, NULL, on_done, &results[i]);
    }
  while (done < N)
    {
      g_main_context_iteration (NULL, TRUE);
      done = 0;
      for (guint i = 0; i < N; i++)
        done += results[i] != NULL;
    }

  for (guint i = 0; i < N; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) root = rounds_http_client_send_json_finish (f->client, results[i],
                                                                      NULL, &error);

      g_assert_null (root);
      g_assert_error (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_RATE_LIMITED);
      g_assert_cmpint (rounds_connector_error_get_retry_at (error), ==, FAKE_NOW + 120);
      g_object_unref (results[i]);
    }
  g_assert_cmpuint (f->hits, ==, N);
}

static void
test_html_error_page (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = send_json_sync (f, "/html-error", NULL, &error);

  g_assert_null (root);
  g_assert_error (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_TRANSIENT);
  g_assert_nonnull (strstr (error->message, "502"));
  g_assert_null (strstr (error->message, "<"));
}

static void
test_html_instead_of_json (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = send_json_sync (f, "/html-ok", NULL, &error);

  g_assert_null (root);
  g_assert_error (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_MALFORMED);
  g_assert_nonnull (strstr (error->message, "web page"));
}

static void
test_malformed_json (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = send_json_sync (f, "/malformed", NULL, &error);

  g_assert_null (root);
  g_assert_error (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_MALFORMED);
}

static void
test_deep_nesting (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = send_json_sync (f, "/deep", NULL, &error);

  g_assert_null (root);
  g_assert_error (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_MALFORMED);
  g_assert_nonnull (strstr (error->message, "nested"));
}

static void
test_huge_body (Fixture       *f,
                gconstpointer  data)
{
  const char *paths[] = { "/huge", "/huge-chunked" };

  rounds_http_client_set_max_body_size (f->client, 1024 * 1024);
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RoundsHttpResponse) response = send_sync (f, "GET", paths[i], &error);

      g_assert_null (response);
      g_assert_error (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_MALFORMED);
      g_assert_nonnull (strstr (error->message, "larger than"));
    }

  /* With a larger cap the same answer is read. */
  rounds_http_client_set_max_body_size (f->client, 4 * 1024 * 1024);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(RoundsHttpResponse) response = send_sync (f, "GET", "/huge-chunked", &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_bytes_get_size (response->body), ==, 3 * 1024 * 1024);
  }
}

static void
test_huge_error_page_keeps_status (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RoundsHttpResponse) response = NULL;

  /* An oversized error page is cut at the cap; the status still decides. */
  rounds_http_client_set_max_body_size (f->client, 64 * 1024);
  response = send_sync (f, "GET", "/huge-error", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (response->status, ==, 500);
  g_assert_cmpuint (g_bytes_get_size (response->body), ==, 64 * 1024);
  g_assert_false (rounds_http_response_check (response, ROUNDS_HTTP_STYLE_MASTODON, &error));
  g_assert_error (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_TRANSIENT);
}

static void
test_slow_answer_times_out (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) get_error = NULL;
  g_autoptr(GError) post_error = NULL;
  g_autoptr(RoundsHttpResponse) get_response = NULL;
  g_autoptr(RoundsHttpResponse) post_response = NULL;

  rounds_http_client_set_timeout (f->client, 1);

  /* Nothing changes on a GET: try again later. */
  get_response = send_sync (f, "GET", "/slow", &get_error);
  g_assert_null (get_response);
  g_assert_error (get_error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_TRANSIENT);
  g_assert_nonnull (strstr (get_error->message, "1 second."));

  /* A POST that was sent may have acted: the outcome is unknown. */
  post_response = send_sync (f, "POST", "/slow", &post_error);
  g_assert_null (post_response);
  g_assert_error (post_error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_MALFORMED);
  g_assert_nonnull (strstr (post_error->message, "unknown"));
}

static void
test_message_timeout (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *uri = g_strconcat (f->base, "/slow", NULL);
  g_autoptr(SoupMessage) message = rounds_http_message_new_json ("GET", uri, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(RoundsHttpResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  /* The client allows 30 s; this one message only 1 s. */
  rounds_http_message_set_timeout (message, 1);
  rounds_http_client_send_async (f->client, message, NULL, on_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  response = rounds_http_client_send_finish (f->client, result, &error);
  g_assert_null (response);
  g_assert_error (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_TRANSIENT);
  g_assert_nonnull (strstr (error->message, "1 second."));
}

static void
test_dripping_answer_times_out (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RoundsHttpResponse) response = NULL;
  gint64 start = g_get_monotonic_time ();

  rounds_http_client_set_timeout (f->client, 1);
  response = send_sync (f, "GET", "/drip", &error);
  g_assert_null (response);
  g_assert_error (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_TRANSIENT);
  /* Not a timing assertion: the answer would take 200 s, so giving up at
   * all proves the deadline. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 100 * G_USEC_PER_SEC);
}

static void
test_cut_connection (Fixture       *f,
                     gconstpointer  data)
{
  struct { const char *method, *path; RoundsConnectorError code; } cases[] = {
    { "GET", "/cut-before", ROUNDS_CONNECTOR_ERROR_TRANSIENT },
    { "GET", "/cut-mid", ROUNDS_CONNECTOR_ERROR_TRANSIENT },
    { "POST", "/cut-before", ROUNDS_CONNECTOR_ERROR_MALFORMED },
    { "POST", "/cut-mid", ROUNDS_CONNECTOR_ERROR_MALFORMED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RoundsHttpResponse) response = NULL;

      /* A fresh connection each time: libsoup may quietly retry a request
       * that failed on a reused one. */
      g_clear_object (&f->client);
      f->client = rounds_http_client_new (ROUNDS_HTTP_STYLE_MASTODON);
      response = send_sync (f, cases[i].method, cases[i].path, &error);
      g_assert_null (response);
      g_assert_error (error, ROUNDS_CONNECTOR_ERROR, (gint) cases[i].code);
    }
}

static void
test_refused_connection (void)
{
  g_autoptr(RoundsHttpClient) client = rounds_http_client_new (ROUNDS_HTTP_STYLE_PLAIN);
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(RoundsHttpResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  GSList *uris;

  /* Find a free port, then close it. */
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  uri = g_strdup_printf ("http://127.0.0.1:%d/x", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  soup_server_disconnect (server);

  message = rounds_http_message_new_json ("POST", uri, NULL);
  rounds_http_client_send_async (client, message, NULL, on_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  response = rounds_http_client_send_finish (client, result, &error);
  g_assert_null (response);
  /* Nothing was sent, so a POST is safe to retry. */
  g_assert_error (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_TRANSIENT);
}

static void
test_cancelled (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *uri = g_strconcat (f->base, "/slow", NULL);
  g_autoptr(SoupMessage) message = rounds_http_message_new_json ("GET", uri, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(RoundsHttpResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  rounds_http_client_send_async (f->client, message, cancellable, on_done, &result);
  while (f->hits == 0)
    g_main_context_iteration (NULL, TRUE);
  g_cancellable_cancel (cancellable);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  response = rounds_http_client_send_finish (f->client, result, &error);
  g_assert_null (response);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* ------------------------------------------------------------------ */
/* Error shapes per platform (pure mapping)                             */

typedef struct
{
  RoundsHttpStyle       style;
  guint                 status;
  const char           *body;
  RoundsConnectorError  code;
  const char           *in_message;   /* must appear in the message, or NULL */
} ErrorCase;

static const ErrorCase error_cases[] = {
  /* Mastodon */
  { ROUNDS_HTTP_STYLE_MASTODON, 401, "{\"error\":\"The access token is invalid\"}",
    ROUNDS_CONNECTOR_ERROR_AUTH_EXPIRED, "The access token is invalid" },
  { ROUNDS_HTTP_STYLE_MASTODON, 422, "{\"error\":\"Validation failed: Text can't be blank\"}",
    ROUNDS_CONNECTOR_ERROR_REJECTED, "Validation failed: Text can't be blank" },
  { ROUNDS_HTTP_STYLE_MASTODON, 404, "{\"error\":\"Record not found\"}",
    ROUNDS_CONNECTOR_ERROR_NOT_FOUND, "Record not found" },
  { ROUNDS_HTTP_STYLE_MASTODON, 400,
    "{\"error\":\"invalid_grant\",\"error_description\":\"The provided authorization grant is invalid\"}",
    ROUNDS_CONNECTOR_ERROR_REJECTED, "The provided authorization grant is invalid" },
  { ROUNDS_HTTP_STYLE_MASTODON, 403, "{\"error\":\"This action is not allowed\"}",
    ROUNDS_CONNECTOR_ERROR_REJECTED, "This action is not allowed" },
  { ROUNDS_HTTP_STYLE_MASTODON, 429, "{\"error\":\"Too many requests\"}",
    ROUNDS_CONNECTOR_ERROR_RATE_LIMITED, NULL },
  { ROUNDS_HTTP_STYLE_MASTODON, 503, "<html><body>Service Unavailable</body></html>",
    ROUNDS_CONNECTOR_ERROR_TRANSIENT, "HTTP 503" },
  { ROUNDS_HTTP_STYLE_MASTODON, 500, "", ROUNDS_CONNECTOR_ERROR_TRANSIENT, "HTTP 500" },
  { ROUNDS_HTTP_STYLE_MASTODON, 400, "Bad Request", ROUNDS_CONNECTOR_ERROR_REJECTED, "HTTP 400" },
  { ROUNDS_HTTP_STYLE_MASTODON, 403, "<html>Forbidden</html>",
    ROUNDS_CONNECTOR_ERROR_REJECTED, "error page" },
  { ROUNDS_HTTP_STYLE_MASTODON, 304, "", ROUNDS_CONNECTOR_ERROR_MALFORMED, "304" },
  /* AT Protocol: an expired token is a 400, not a 401 */
  { ROUNDS_HTTP_STYLE_ATPROTO, 400, "{\"error\":\"ExpiredToken\",\"message\":\"Token has expired\"}",
    ROUNDS_CONNECTOR_ERROR_AUTH_EXPIRED, "Token has expired" },
  { ROUNDS_HTTP_STYLE_ATPROTO, 400, "{\"error\":\"InvalidToken\",\"message\":\"Token could not be verified\"}",
    ROUNDS_CONNECTOR_ERROR_AUTH_EXPIRED, NULL },
  { ROUNDS_HTTP_STYLE_ATPROTO, 401, "{\"error\":\"AuthenticationRequired\",\"message\":\"Invalid identifier or password\"}",
    ROUNDS_CONNECTOR_ERROR_AUTH_EXPIRED, "Invalid identifier or password" },
  { ROUNDS_HTTP_STYLE_ATPROTO, 400,
    "{\"error\":\"InvalidRequest\",\"message\":\"Invalid app.bsky.feed.post record: grapheme too big (maximum 300, got 301) at $.record.text\"}",
    ROUNDS_CONNECTOR_ERROR_REJECTED, "grapheme too big" },
  { ROUNDS_HTTP_STYLE_ATPROTO, 400, "{\"error\":\"RecordNotFound\",\"message\":\"Could not locate record\"}",
    ROUNDS_CONNECTOR_ERROR_NOT_FOUND, NULL },
  { ROUNDS_HTTP_STYLE_ATPROTO, 429, "{\"error\":\"RateLimitExceeded\",\"message\":\"Rate Limit Exceeded\"}",
    ROUNDS_CONNECTOR_ERROR_RATE_LIMITED, NULL },
  /* Graph (Facebook, Instagram): the code refines 4xx */
  { ROUNDS_HTTP_STYLE_GRAPH, 400,
    "{\"error\":{\"message\":\"Error validating access token\",\"type\":\"OAuthException\",\"code\":190,\"error_subcode\":460,\"fbtrace_id\":\"A\"}}",
    ROUNDS_CONNECTOR_ERROR_AUTH_EXPIRED, "Error validating access token" },
  { ROUNDS_HTTP_STYLE_GRAPH, 403,
    "{\"error\":{\"message\":\"(#4) Application request limit reached\",\"type\":\"OAuthException\",\"code\":4}}",
    ROUNDS_CONNECTOR_ERROR_RATE_LIMITED, NULL },
  { ROUNDS_HTTP_STYLE_GRAPH, 400,
    "{\"error\":{\"message\":\"Calls to this api have exceeded the rate limit.\",\"code\":613}}",
    ROUNDS_CONNECTOR_ERROR_RATE_LIMITED, NULL },
  { ROUNDS_HTTP_STYLE_GRAPH, 400,
    "{\"error\":{\"message\":\"Duplicate status message\",\"code\":506,\"error_user_msg\":\"This status update is identical to the last one you posted.\"}}",
    ROUNDS_CONNECTOR_ERROR_REJECTED, "identical to the last one" },
  { ROUNDS_HTTP_STYLE_GRAPH, 400,
    "{\"error\":{\"message\":\"Unsupported get request. Object does not exist\",\"code\":100,\"error_subcode\":33}}",
    ROUNDS_CONNECTOR_ERROR_NOT_FOUND, NULL },
  { ROUNDS_HTTP_STYLE_GRAPH, 500,
    "{\"error\":{\"message\":\"An unknown error has occurred.\",\"code\":1}}",
    ROUNDS_CONNECTOR_ERROR_TRANSIENT, NULL },
  /* LinkedIn */
  { ROUNDS_HTTP_STYLE_LINKEDIN, 422,
    "{\"status\":422,\"serviceErrorCode\":100,\"message\":\"Field Value validation failed in REQUEST_BODY\"}",
    ROUNDS_CONNECTOR_ERROR_REJECTED, "Field Value validation failed" },
  { ROUNDS_HTTP_STYLE_LINKEDIN, 401,
    "{\"status\":401,\"serviceErrorCode\":65601,\"message\":\"The token used in the request has been revoked by the user\"}",
    ROUNDS_CONNECTOR_ERROR_AUTH_EXPIRED, "revoked" },
  { ROUNDS_HTTP_STYLE_LINKEDIN, 429,
    "{\"status\":429,\"serviceErrorCode\":101,\"message\":\"Resource level throttle limit reached\"}",
    ROUNDS_CONNECTOR_ERROR_RATE_LIMITED, NULL },
  /* Google: the HTTP status first, always */
  { ROUNDS_HTTP_STYLE_GOOGLE, 401,
    "{\"error\":{\"code\":401,\"message\":\"Request had invalid authentication credentials.\",\"status\":\"UNAUTHENTICATED\"}}",
    ROUNDS_CONNECTOR_ERROR_AUTH_EXPIRED, "invalid authentication credentials" },
  { ROUNDS_HTTP_STYLE_GOOGLE, 403,
    "{\"error\":{\"code\":403,\"message\":\"The caller does not have permission\",\"status\":\"PERMISSION_DENIED\"}}",
    ROUNDS_CONNECTOR_ERROR_REJECTED, "does not have permission" },
  { ROUNDS_HTTP_STYLE_GOOGLE, 429,
    "{\"error\":{\"code\":429,\"message\":\"Quota exceeded\",\"status\":\"RESOURCE_EXHAUSTED\"}}",
    ROUNDS_CONNECTOR_ERROR_RATE_LIMITED, NULL },
  { ROUNDS_HTTP_STYLE_GOOGLE, 500,
    "{\"error\":{\"code\":401,\"message\":\"confused\",\"status\":\"UNAUTHENTICATED\"}}",
    ROUNDS_CONNECTOR_ERROR_TRANSIENT, NULL },
  { ROUNDS_HTTP_STYLE_GOOGLE, 400,
    "{\"error\":{\"code\":400,\"message\":\"Request contains an invalid argument.\",\"status\":\"INVALID_ARGUMENT\"}}",
    ROUNDS_CONNECTOR_ERROR_REJECTED, "invalid argument" },
};

static void
test_error_shapes (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (error_cases); i++)
    {
      const ErrorCase *c = &error_cases[i];
      g_autoptr(GBytes) body = g_bytes_new_static (c->body, strlen (c->body));
      g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
      g_autoptr(GError) error = NULL;

      g_test_message ("case %u: style %d, HTTP %u", i, c->style, c->status);
      g_assert_false (rounds_http_set_error (&error, c->style, c->status, headers, body, FAKE_NOW));
      g_assert_error (error, ROUNDS_CONNECTOR_ERROR, (gint) c->code);
      if (c->in_message != NULL)
        g_assert_nonnull (strstr (error->message, c->in_message));
      /* Markup never reaches the user. */
      g_assert_null (strstr (error->message, "<html"));
    }
}

static void
test_error_message_cleaned (void)
{
  GString *json = g_string_new ("{\"error\":\"first\\nsecond\\u0007 ");
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 2000; i++)
    g_string_append_c (json, 'x');
  g_string_append (json, "\"}");
  body = g_bytes_new_take (json->str, json->len);
  g_string_free (json, FALSE);

  rounds_http_set_error (&error, ROUNDS_HTTP_STYLE_MASTODON, 422, NULL, body, FAKE_NOW);
  g_assert_error (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_REJECTED);
  g_assert_null (strchr (error->message, '\n'));
  g_assert_null (strchr (error->message, '\a'));
  g_assert_true (g_str_has_prefix (error->message, "first second"));
  g_assert_cmpuint (g_utf8_strlen (error->message, -1), <=, 401);
}

static void
test_error_body_names (void)
{
  g_autoptr(GBytes) atproto = bytes_from ("{\"error\":\"ExpiredToken\",\"message\":\"Token has expired\"}");
  g_autoptr(GBytes) graph = bytes_from ("{\"error\":{\"message\":\"m\",\"code\":190,\"error_subcode\":463}}");
  g_autoptr(GBytes) junk = bytes_from ("[1,2");
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  g_autofree char *graph_name = NULL;

  g_assert_true (rounds_http_parse_error_body (ROUNDS_HTTP_STYLE_ATPROTO, atproto, &name, &message));
  g_assert_cmpstr (name, ==, "ExpiredToken");
  g_assert_cmpstr (message, ==, "Token has expired");
  g_assert_true (rounds_http_parse_error_body (ROUNDS_HTTP_STYLE_GRAPH, graph, &graph_name, NULL));
  g_assert_cmpstr (graph_name, ==, "190/463");
  g_assert_false (rounds_http_parse_error_body (ROUNDS_HTTP_STYLE_ATPROTO, junk, NULL, NULL));
}

static void
test_retry_after_on_503 (void)
{
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  g_autoptr(GError) error = NULL;

  soup_message_headers_replace (headers, "Retry-After", "45");
  rounds_http_set_error (&error, ROUNDS_HTTP_STYLE_MASTODON, 503, headers, NULL, FAKE_NOW);
  g_assert_error (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_TRANSIENT);
  g_assert_cmpint (rounds_connector_error_get_retry_at (error), ==, FAKE_NOW + 45);

  /* The retry time survives a copy (the queue keeps errors around). */
  {
    g_autoptr(GError) copy = g_error_copy (error);

    g_assert_cmpint (rounds_connector_error_get_retry_at (copy), ==, FAKE_NOW + 45);
  }
}

/* ------------------------------------------------------------------ */
/* Rate-limit headers                                                   */

static gint64
retry_at_for (const char *name,
              const char *value)
{
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);

  soup_message_headers_replace (headers, name, value);
  return rounds_http_parse_retry_at (headers, FAKE_NOW);
}

static void
test_retry_headers (void)
{
  g_autoptr(GDateTime) later = g_date_time_new_from_unix_utc (FAKE_NOW + 300);
  g_autofree char *http_date = soup_date_time_to_string (later, SOUP_DATE_HTTP);
  g_autoptr(GDateTime) reset = g_date_time_new_from_unix_utc (FAKE_NOW + 90);
  g_autofree char *iso = g_date_time_format_iso8601 (reset);
  g_autofree char *epoch = g_strdup_printf ("%" G_GINT64_FORMAT, FAKE_NOW + 200);

  g_assert_cmpint (retry_at_for ("Retry-After", "120"), ==, FAKE_NOW + 120);
  g_assert_cmpint (retry_at_for ("Retry-After", " 7 "), ==, FAKE_NOW + 7);
  g_assert_cmpint (retry_at_for ("Retry-After", http_date), ==, FAKE_NOW + 300);
  g_assert_cmpint (retry_at_for ("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT"), ==, FAKE_NOW);
  g_assert_cmpint (retry_at_for ("Retry-After", "99999999999999"), ==,
                   FAKE_NOW + ROUNDS_HTTP_MAX_RETRY_WAIT);
  g_assert_cmpint (retry_at_for ("Retry-After", "soon"), ==, 0);

  /* Mastodon: ISO 8601 */
  g_assert_cmpint (retry_at_for ("X-RateLimit-Reset", iso), ==, FAKE_NOW + 90);
  g_assert_cmpint (retry_at_for ("X-RateLimit-Reset", "2027-01-15T08:01:30.000Z"), ==,
                   FAKE_NOW + 90);
  g_assert_cmpint (retry_at_for ("X-RateLimit-Reset", epoch), ==, FAKE_NOW + 200);
  g_assert_cmpint (retry_at_for ("X-RateLimit-Reset", "garbage"), ==, 0);

  /* atproto / IETF draft, any case */
  g_assert_cmpint (retry_at_for ("ratelimit-reset", epoch), ==, FAKE_NOW + 200);
  g_assert_cmpint (retry_at_for ("RateLimit-Reset", "30"), ==, FAKE_NOW + 30);
  g_assert_cmpint (retry_at_for ("RateLimit-Reset", "3000000000"), ==,
                   FAKE_NOW + ROUNDS_HTTP_MAX_RETRY_WAIT);

  /* Retry-After wins over the reset headers. */
  {
    g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);

    soup_message_headers_replace (headers, "X-RateLimit-Reset", epoch);
    soup_message_headers_replace (headers, "Retry-After", "10");
    g_assert_cmpint (rounds_http_parse_retry_at (headers, FAKE_NOW), ==, FAKE_NOW + 10);
  }
  g_assert_cmpint (rounds_http_parse_retry_at (NULL, FAKE_NOW), ==, 0);
}

/* ------------------------------------------------------------------ */
/* Link headers                                                         */

static void
test_link_header (void)
{
  const char *mastodon =
    "<https://mastodon.example/api/v1/notifications?max_id=34975535>; rel=\"next\", "
    "<https://mastodon.example/api/v1/notifications?min_id=34975861>; rel=\"prev\"";
  g_autofree char *next = rounds_http_link_find (mastodon, "next");
  g_autofree char *prev = rounds_http_link_find (mastodon, "prev");
  g_autofree char *none = rounds_http_link_find (mastodon, "last");
  g_autofree char *multi = rounds_http_link_find ("<https://a.example/x?a=1,2>; title=\"a, b\"; rel=\"prev next\"", "next");
  g_autofree char *bare = rounds_http_link_find ("<https://a.example/y>;rel=next", "NEXT");

  g_assert_cmpstr (next, ==, "https://mastodon.example/api/v1/notifications?max_id=34975535");
  g_assert_cmpstr (prev, ==, "https://mastodon.example/api/v1/notifications?min_id=34975861");
  g_assert_null (none);
  g_assert_cmpstr (multi, ==, "https://a.example/x?a=1,2");
  g_assert_cmpstr (bare, ==, "https://a.example/y");

  /* Broken values never crash and find nothing. */
  g_assert_null (rounds_http_link_find (NULL, "next"));
  g_assert_null (rounds_http_link_find ("", "next"));
  g_assert_null (rounds_http_link_find ("<https://a.example/z", "next"));
  g_assert_null (rounds_http_link_find ("<>; rel=next", "next"));
  g_assert_null (rounds_http_link_find ("<https://a.example/z>; rel=\"next", "prev"));
  g_assert_null (rounds_http_link_find (";;;,,,<<>>\"\"", "next"));
}

/* ------------------------------------------------------------------ */
/* Backoff                                                              */

static void
test_backoff (void)
{
  gint64 previous_low = 0;

  /* First retry: between half the base and the base. */
  g_assert_cmpint (rounds_backoff_delay (1, 30, 3600, 0.0), ==, 15);
  g_assert_cmpint (rounds_backoff_delay (1, 30, 3600, 0.9999), <=, 30);
  g_assert_cmpint (rounds_backoff_delay (0, 30, 3600, 0.0), ==, 15);

  for (guint attempt = 1; attempt < 20; attempt++)
    {
      gint64 low = rounds_backoff_delay (attempt, 30, 3600, 0.0);
      gint64 high = rounds_backoff_delay (attempt, 30, 3600, 0.9999999);

      g_assert_cmpint (low, >=, previous_low);   /* grows */
      g_assert_cmpint (low, <=, high);
      g_assert_cmpint (high, <=, 3600);          /* capped */
      g_assert_cmpint (low, >=, 15);
      previous_low = low;
    }
  /* Capped: jitter still spreads the retries over [cap/2, cap]. */
  g_assert_cmpint (rounds_backoff_delay (12, 30, 3600, 0.0), ==, 1800);
  g_assert_cmpint (rounds_backoff_delay (12, 30, 3600, 0.5), ==, 2700);
  /* No overflow, no nonsense input */
  g_assert_cmpint (rounds_backoff_delay (G_MAXUINT, 30, 3600, 0.5), ==, 2700);
  g_assert_cmpint (rounds_backoff_delay (3, 30, 3600, NAN), ==, 60);
  g_assert_cmpint (rounds_backoff_delay (3, 30, 3600, 7.0), <=, 120);
  g_assert_cmpint (rounds_backoff_delay (3, 30, 3600, -1.0), ==, 60);
}

/* ------------------------------------------------------------------ */
/* JSON                                                                 */

static void
expect_json_error (const char *data,
                   gsize       length,
                   const char *in_message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = rounds_http_parse_json (data, length, 8, &error);

  g_assert_null (root);
  g_assert_error (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_MALFORMED);
  if (in_message != NULL)
    g_assert_nonnull (strstr (error->message, in_message));
}

static void
test_json_limits (void)
{
  const char *depth8 = "[[[[[[[[1]]]]]]]]";
  const char *depth9 = "[[[[[[[[[1]]]]]]]]]";
  const char *strings = "{\"a\":\"[[[[[[[[[[[[\\\"{{{{{{{{{{\"}";
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) ok = rounds_http_parse_json (depth8, strlen (depth8), 8, &error);
  g_autoptr(JsonNode) ok_strings = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (ok);
  /* Brackets inside strings (and escaped quotes) do not count. */
  ok_strings = rounds_http_parse_json (strings, strlen (strings), 8, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ok_strings);

  expect_json_error (depth9, strlen (depth9), "nested");
  expect_json_error ("", 0, "empty");
  expect_json_error ("  <html>", 8, "web page");
  expect_json_error ("{\"a\": \"\xff\xfe\"}", 11, "UTF-8");
  expect_json_error ("{\"a\": ", 6, NULL);
  expect_json_error ("nonsense", 8, NULL);
}

/* ------------------------------------------------------------------ */
/* Factory and server addresses                                         */

static void
test_normalize_server (void)
{
  struct { const char *typed, *expected; } good[] = {
    { "mastodon.social", "https://mastodon.social" },
    { "  Med-Mastodon.com/ ", "https://med-mastodon.com" },
    { "https://mastodon.social/", "https://mastodon.social" },
    { "@clinic@med-mastodon.com", "https://med-mastodon.com" },
    { "clinic@med-mastodon.com", "https://med-mastodon.com" },
    { "http://127.0.0.1:8080", "http://127.0.0.1:8080" },
    { "http://localhost:3000/", "http://localhost:3000" },
  };
  const char *bad[] = {
    "", "   ", "http://mastodon.social", "ftp://mastodon.social", "https://x.y/path",
    "https://x.y/?q=1", "https://user@x.y", "not a server", "https://",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *url = rounds_connector_normalize_server (good[i].typed, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (url, ==, good[i].expected);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *url = rounds_connector_normalize_server (bad[i], &error);

      g_test_message ("bad case %u", i);
      g_assert_null (url);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
      g_assert_cmpstr (error->message, !=, "");
    }
}

static void
test_factory_unsupported (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RoundsConnector) connector = NULL;

  connector = rounds_connector_new_for_network (ROUNDS_NETWORK_X, "https://x.example", "{}", &error);
  g_assert_null (connector);
  g_assert_error (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_UNSUPPORTED);
  g_assert_false (rounds_connector_network_is_supported (ROUNDS_NETWORK_X));
  g_assert_null (rounds_connector_get_default_base_url (ROUNDS_NETWORK_MASTODON));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/http/wire/ok-json", test_ok_json);
  ADD ("/http/wire/redirect/same-host-followed", test_bearer_kept_on_same_host_redirect);
  ADD ("/http/wire/redirect/other-host-refused", test_redirect_other_host_refused);
  ADD ("/http/wire/redirect/loop-stops", test_redirect_loop_stops);
  ADD ("/http/wire/redirect/post-refused", test_post_redirect_refused);
  ADD ("/http/wire/rate-limit-storm", test_rate_limit_storm);
  ADD ("/http/wire/html-error-page", test_html_error_page);
  ADD ("/http/wire/html-instead-of-json", test_html_instead_of_json);
  ADD ("/http/wire/malformed-json", test_malformed_json);
  ADD ("/http/wire/deep-nesting", test_deep_nesting);
  ADD ("/http/wire/huge-body", test_huge_body);
  ADD ("/http/wire/huge-error-page", test_huge_error_page_keeps_status);
  ADD ("/http/wire/slow-answer", test_slow_answer_times_out);
  ADD ("/http/wire/dripping-answer", test_dripping_answer_times_out);
  ADD ("/http/wire/message-timeout", test_message_timeout);
  ADD ("/http/wire/cut-connection", test_cut_connection);
  ADD ("/http/wire/cancelled", test_cancelled);
  g_test_add_func ("/http/wire/refused-connection", test_refused_connection);
  g_test_add_func ("/http/errors/shapes", test_error_shapes);
  g_test_add_func ("/http/errors/message-cleaned", test_error_message_cleaned);
  g_test_add_func ("/http/errors/body-names", test_error_body_names);
  g_test_add_func ("/http/errors/retry-after-on-503", test_retry_after_on_503);
  g_test_add_func ("/http/retry-headers", test_retry_headers);
  g_test_add_func ("/http/link-header", test_link_header);
  g_test_add_func ("/http/backoff", test_backoff);
  g_test_add_func ("/http/json-limits", test_json_limits);
  g_test_add_func ("/http/normalize-server", test_normalize_server);
  g_test_add_func ("/http/factory-unsupported", test_factory_unsupported);

  return g_test_run ();
}
