/* test-bluesky-connector.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <libsoup/soup.h>

#include "rounds-bluesky-connector.h"

/* The Bluesky connector against an in-process SoupServer on 127.0.0.1 that
 * speaks the XRPC shapes the reference PDS answers with (PLATFORMS.md),
 * including its error shapes. The real PDS is tested in tests/bluesky. */

#define DID "did:plc:testclinic000000000000"

typedef struct
{
  SoupServer *server;
  char       *base;
  /* what the server expects and does */
  char       *access;            /* the valid access token */
  char       *refresh;           /* the valid refresh token */
  gboolean    refresh_expired;   /* refreshSession answers ExpiredToken */
  gboolean    no_appview;
  const char *mode;              /* a failure to answer with, or NULL */
  GHashTable *records;           /* rkey → record JSON (string) */
  guint       n_refresh;
  guint       n_create;
  guint       n_blobs;
  gsize       last_blob_size;
  char       *last_blob_type;
  char       *last_record;
  GPtrArray  *pages;             /* listNotifications pages (JSON strings) */
} Fixture;

/* ------------------------------------------------------------------ */

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
set_error (SoupServerMessage *message,
           guint              status,
           const char        *name,
           const char        *text)
{
  g_autofree char *json = g_strdup_printf ("{\"error\":\"%s\",\"message\":\"%s\"}", name, text);

  set_json (message, status, json);
}

static char *
bearer (SoupServerMessage *message)
{
  const char *value = soup_message_headers_get_one (
    soup_server_message_get_request_headers (message), "Authorization");

  return value && g_str_has_prefix (value, "Bearer ") ? g_strdup (value + 7) : NULL;
}

static JsonObject *
request_object (SoupServerMessage *message,
                JsonParser        *parser)
{
  SoupMessageBody *body = soup_server_message_get_request_body (message);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);

  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                   g_bytes_get_size (bytes), NULL))
    return NULL;
  return json_node_get_object (json_parser_get_root (parser));
}

static void
cut_connection (SoupServerMessage *message)
{
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (message);

  g_io_stream_close (stream, NULL, NULL);
}

static void
session_answer (Fixture           *f,
                SoupServerMessage *message)
{
  g_autofree char *json = g_strdup_printf (
    "{\"did\":\"" DID "\",\"handle\":\"clinic.example.test\","
    "\"accessJwt\":\"%s\",\"refreshJwt\":\"%s\",\"active\":true}", f->access, f->refresh);

  set_json (message, 200, json);
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *message,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Fixture *f = user_data;
  g_autofree char *token = bearer (message);
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *nsid = g_str_has_prefix (path, "/xrpc/") ? path + 6 : path;

  if (g_str_equal (nsid, "com.atproto.server.createSession"))
    {
      JsonObject *object = request_object (message, parser);

      if (object == NULL ||
          g_strcmp0 (json_object_get_string_member (object, "password"), "good-app-pass") != 0)
        set_error (message, 401, "AuthenticationRequired", "Invalid identifier or password");
      else
        session_answer (f, message);
      return;
    }

  if (g_str_equal (nsid, "com.atproto.server.refreshSession"))
    {
      f->n_refresh++;
      if (f->refresh_expired || g_strcmp0 (token, f->refresh) != 0)
        {
          set_error (message, 400, "ExpiredToken", "Token has expired");
          return;
        }
      g_free (f->access);
      f->access = g_strdup_printf ("access-%u", f->n_refresh + 1);
      g_free (f->refresh);
      f->refresh = g_strdup_printf ("refresh-%u", f->n_refresh + 1);
      session_answer (f, message);
      return;
    }

  if (g_str_equal (nsid, "com.atproto.identity.resolveHandle"))
    {
      if (query && g_strcmp0 (g_hash_table_lookup (query, "handle"), "clinic.example.test") == 0)
        set_json (message, 200, "{\"did\":\"" DID "\"}");
      else
        set_error (message, 400, "InvalidRequest", "Unable to resolve handle");
      return;
    }
  if (g_str_equal (path, "/plc/" DID))
    {
      g_autofree char *doc = g_strdup_printf (
        "{\"id\":\"" DID "\",\"service\":[{\"id\":\"#other\",\"type\":\"X\","
        "\"serviceEndpoint\":\"https://elsewhere.example\"},{\"id\":\"#atproto_pds\","
        "\"type\":\"AtprotoPersonalDataServer\",\"serviceEndpoint\":\"%s/\"}]}", f->base);
      set_json (message, 200, doc);
      return;
    }

  /* Everything below needs the access token. */
  if (token == NULL)
    {
      set_error (message, 401, "AuthMissing", "Authentication Required");
      return;
    }
  if (g_strcmp0 (token, f->access) != 0)
    {
      set_error (message, 400, "ExpiredToken", "Token has expired");
      return;
    }

  if (g_strcmp0 (f->mode, "rate-limited") == 0)
    {
      SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);

      soup_message_headers_replace (headers, "RateLimit-Limit", "3000");
      soup_message_headers_replace (headers, "RateLimit-Remaining", "0");
      soup_message_headers_replace (headers, "RateLimit-Reset", "4102444800");
      soup_message_headers_replace (headers, "RateLimit-Policy", "3000;w=300");
      set_error (message, 429, "RateLimitExceeded", "Rate Limit Exceeded");
      return;
    }
  if (g_strcmp0 (f->mode, "html") == 0)
    {
      const char *html = "<html><body>Bad gateway</body></html>";
      soup_server_message_set_status (message, 200, NULL);
      soup_server_message_set_response (message, "text/html", SOUP_MEMORY_STATIC,
                                        html, strlen (html));
      return;
    }
  if (g_strcmp0 (f->mode, "huge") == 0)
    {
      gsize size = 6 * 1024 * 1024;
      char *big = g_malloc (size);

      memset (big, ' ', size);
      big[0] = '{';
      big[size - 1] = '}';
      soup_server_message_set_status (message, 200, NULL);
      soup_server_message_set_response (message, "application/json", SOUP_MEMORY_TAKE,
                                        big, size);
      return;
    }
  if (g_strcmp0 (f->mode, "cut") == 0)
    {
      cut_connection (message);
      return;
    }
  if (g_strcmp0 (f->mode, "no-uri") == 0 && g_str_equal (nsid, "com.atproto.repo.createRecord"))
    {
      set_json (message, 200, "{\"cid\":\"bafyfake\",\"validationStatus\":\"valid\"}");
      return;
    }

  if (g_str_equal (nsid, "com.atproto.server.getSession"))
    {
      set_json (message, 200, "{\"did\":\"" DID "\",\"handle\":\"clinic.example.test\"}");
      return;
    }

  if (g_str_equal (nsid, "com.atproto.repo.uploadBlob"))
    {
      SoupMessageBody *body = soup_server_message_get_request_body (message);
      const char *type = soup_message_headers_get_content_type (
        soup_server_message_get_request_headers (message), NULL);
      g_autofree char *json = NULL;

      f->n_blobs++;
      f->last_blob_size = body->length;
      g_free (f->last_blob_type);
      f->last_blob_type = g_strdup (type);
      json = g_strdup_printf ("{\"blob\":{\"$type\":\"blob\",\"ref\":{\"$link\":\"bafkblob%u\"},"
                              "\"mimeType\":\"%s\",\"size\":%" G_GSIZE_FORMAT "}}",
                              f->n_blobs, type, (gsize) body->length);
      set_json (message, 200, json);
      return;
    }

  if (g_str_equal (nsid, "com.atproto.repo.createRecord"))
    {
      JsonObject *object = request_object (message, parser);
      const char *rkey = json_object_get_string_member_with_default (object, "rkey", "x");
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autofree char *json = NULL;

      f->n_create++;
      if (g_hash_table_contains (f->records, rkey))
        {
          /* What the reference PDS does for a key that exists. */
          set_error (message, 500, "InternalServerError", "Internal Server Error");
          return;
        }
      json_generator_set_root (generator, json_object_get_member (object, "record"));
      g_free (f->last_record);
      f->last_record = json_generator_to_data (generator, NULL);
      g_hash_table_insert (f->records, g_strdup (rkey), g_strdup (f->last_record));
      json = g_strdup_printf ("{\"uri\":\"at://" DID "/app.bsky.feed.post/%s\","
                              "\"cid\":\"bafyrec%s\",\"commit\":{\"cid\":\"c\",\"rev\":\"r\"},"
                              "\"validationStatus\":\"valid\"}", rkey, rkey);
      set_json (message, 200, json);
      return;
    }

  if (g_str_equal (nsid, "com.atproto.repo.getRecord"))
    {
      const char *rkey = query ? g_hash_table_lookup (query, "rkey") : NULL;
      const char *record = rkey ? g_hash_table_lookup (f->records, rkey) : NULL;
      g_autofree char *json = NULL;

      if (record == NULL)
        {
          set_error (message, 400, "RecordNotFound", "Could not locate record");
          return;
        }
      json = g_strdup_printf ("{\"uri\":\"at://%s/app.bsky.feed.post/%s\",\"cid\":\"bafyrec%s\","
                              "\"value\":%s}", (char *) g_hash_table_lookup (query, "repo"),
                              rkey, rkey, record);
      set_json (message, 200, json);
      return;
    }

  if (g_str_equal (nsid, "com.atproto.repo.deleteRecord"))
    {
      JsonObject *object = request_object (message, parser);

      g_hash_table_remove (f->records, json_object_get_string_member (object, "rkey"));
      set_json (message, 200, "{\"commit\":{\"cid\":\"c\",\"rev\":\"r\"}}");
      return;
    }

  if (f->no_appview && g_str_has_prefix (nsid, "app.bsky."))
    {
      g_autofree char *text = g_strdup_printf ("No service configured for %s", nsid);
      set_error (message, 400, "InvalidRequest", text);
      return;
    }

  if (g_str_equal (nsid, "app.bsky.notification.listNotifications"))
    {
      const char *cursor = query ? g_hash_table_lookup (query, "cursor") : NULL;
      guint page = cursor ? (guint) g_ascii_strtoull (cursor + strlen ("page"), NULL, 10) : 0;

      g_assert_cmpstr (g_hash_table_lookup (query, "reasons"), ==, "reply");
      if (page < f->pages->len)
        set_json (message, 200, g_ptr_array_index (f->pages, page));
      else
        set_json (message, 200, "{\"notifications\":[],\"cursor\":null}");
      return;
    }

  if (g_str_equal (nsid, "app.bsky.actor.getProfile"))
    {
      set_json (message, 200, "{\"did\":\"" DID "\",\"handle\":\"clinic.example.test\","
                              "\"followersCount\":42,\"followsCount\":3,\"postsCount\":7}");
      return;
    }

  if (g_str_equal (nsid, "app.bsky.feed.getPosts"))
    {
      /* One post we asked for, and one we did not (ignored). */
      set_json (message, 200,
                "{\"posts\":[{\"uri\":\"at://" DID "/app.bsky.feed.post/3kaaa\","
                "\"likeCount\":5,\"repostCount\":2,\"quoteCount\":1,\"replyCount\":3},"
                "{\"uri\":\"at://did:plc:other/app.bsky.feed.post/3kbbb\",\"likeCount\":999}]}");
      return;
    }

  set_error (message, 501, "MethodNotImplemented", "Method Not Implemented");
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSList) uris = NULL;

  f->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (f->server, NULL, server_cb, f, NULL);
  soup_server_listen_local (f->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (f->server);
  f->base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);
  f->access = g_strdup ("access-1");
  f->refresh = g_strdup ("refresh-1");
  f->records = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  f->pages = g_ptr_array_new_with_free_func (g_free);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  soup_server_disconnect (f->server);
  g_clear_object (&f->server);
  g_free (f->base);
  g_free (f->access);
  g_free (f->refresh);
  g_free (f->last_blob_type);
  g_free (f->last_record);
  g_hash_table_unref (f->records);
  g_ptr_array_unref (f->pages);
}

static RoundsConnector *
signed_in_connector (Fixture *f)
{
  g_autofree char *credentials = g_strdup_printf (
    "{\"did\":\"" DID "\",\"handle\":\"clinic.example.test\","
    "\"accessJwt\":\"%s\",\"refreshJwt\":\"%s\"}", f->access, f->refresh);
  RoundsConnector *connector = rounds_bluesky_connector_new (f->base, credentials);

  rounds_bluesky_connector_set_timeout (ROUNDS_BLUESKY_CONNECTOR (connector), 10);
  return connector;
}

static void
on_result_cb (GObject      *source,
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

static RoundsRemotePost *
publish_sync (RoundsConnector *connector,
              RoundsOutgoing  *outgoing,
              GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  rounds_connector_publish_async (connector, outgoing, NULL, on_result_cb, &result);
  return rounds_connector_publish_finish (connector, wait_for (&result), error);
}

static RoundsAccountInfo *
verify_sync (RoundsConnector *connector,
             GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  rounds_connector_verify_async (connector, NULL, on_result_cb, &result);
  return rounds_connector_verify_finish (connector, wait_for (&result), error);
}

/* ------------------------------------------------------------------ */
/* Pure helpers                                                         */

static void
test_rkey (void)
{
  g_autofree char *a = rounds_bluesky_rkey_for_key ("pub-6f1c2a");
  g_autofree char *again = rounds_bluesky_rkey_for_key ("pub-6f1c2a");
  g_autofree char *b = rounds_bluesky_rkey_for_key ("pub-6f1c2b");
  g_autoptr(GRegex) tid = g_regex_new ("^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$",
                                       0, 0, NULL);

  /* The same publication always gets the same key; another one another. */
  g_assert_cmpstr (a, ==, again);
  g_assert_cmpstr (a, !=, b);
  g_assert_true (g_regex_match (tid, a, 0, NULL));
  g_assert_true (g_regex_match (tid, b, 0, NULL));

  /* Many keys, all valid and distinct. */
  {
    g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

    for (guint i = 0; i < 2000; i++)
      {
        g_autofree char *key = g_strdup_printf ("publication-%u", i);
        char *rkey = rounds_bluesky_rkey_for_key (key);

        g_assert_true (g_regex_match (tid, rkey, 0, NULL));
        g_assert_false (g_hash_table_contains (seen, rkey));
        g_hash_table_add (seen, rkey);
      }
  }
}

static void
assert_facet (JsonNode   *facets,
              guint       index,
              const char *text,
              const char *expected_uri)
{
  JsonObject *facet = json_array_get_object_element (json_node_get_array (facets), index);
  JsonObject *where = json_object_get_object_member (facet, "index");
  JsonObject *feature = json_array_get_object_element (
    json_object_get_array_member (facet, "features"), 0);
  gint64 start = json_object_get_int_member (where, "byteStart");
  gint64 end = json_object_get_int_member (where, "byteEnd");
  g_autofree char *slice = g_strndup (text + start, end - start);

  g_assert_cmpstr (json_object_get_string_member (feature, "$type"), ==,
                   "app.bsky.richtext.facet#link");
  g_assert_cmpstr (json_object_get_string_member (feature, "uri"), ==, expected_uri);
  /* Byte offsets: the slice of the UTF-8 text is exactly the link. */
  g_assert_cmpstr (slice, ==, expected_uri);
}

static void
test_link_facets (void)
{
  const char *text = "Grippeimpfung für Ältere – Termine: https://praxis.example/grippe. "
                     "Also (see https://example.org/a_(b)) and “https://x.example/q?a=1”!";
  g_autoptr(JsonNode) facets = rounds_bluesky_link_facets (text);
  JsonObject *first;

  g_assert_nonnull (facets);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (facets)), ==, 3);
  assert_facet (facets, 0, text, "https://praxis.example/grippe");
  assert_facet (facets, 1, text, "https://example.org/a_(b)");
  assert_facet (facets, 2, text, "https://x.example/q?a=1");

  /* "für", "Ä" and "–" take more bytes than characters: 36 characters, 40 bytes. */
  first = json_object_get_object_member (
    json_array_get_object_element (json_node_get_array (facets), 0), "index");
  g_assert_cmpint (g_utf8_strlen (text, strstr (text, "https") - text), ==, 36);
  g_assert_cmpint (json_object_get_int_member (first, "byteStart"), ==, 40);

  g_assert_null (rounds_bluesky_link_facets ("No link here, just praxis.example"));
}

static char *
write_noise_png (int width,
                 int height)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, TRUE, 8, width, height);
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  guchar *pixels = gdk_pixbuf_get_pixels (pixbuf);
  gsize length = (gsize) gdk_pixbuf_get_rowstride (pixbuf) * height;
  char *path;
  int fd;

  for (gsize i = 0; i < length; i++)
    pixels[i] = g_rand_int_range (rand, 0, 256);
  fd = g_file_open_tmp ("rounds-bsky-XXXXXX.png", &path, &error);
  g_assert_no_error (error);
  close (fd);
  gdk_pixbuf_save (pixbuf, path, "png", &error, NULL);
  g_assert_no_error (error);
  return path;
}

static void
test_prepare_image (void)
{
  g_autofree char *big = write_noise_png (1200, 1000);
  g_autofree char *small = write_noise_png (40, 30);
  g_autofree char *mime = NULL;
  g_autofree char *small_mime = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) small_bytes = NULL;
  g_autoptr(GError) error = NULL;
  gboolean downscaled = FALSE;
  int width = 0, height = 0;
  struct stat st;

  g_assert_cmpint (g_stat (big, &st), ==, 0);
  g_assert_cmpint (st.st_size, >, ROUNDS_BLUESKY_MAX_IMAGE_BYTES);

  bytes = rounds_bluesky_prepare_image (big, "image/png", ROUNDS_BLUESKY_MAX_IMAGE_BYTES,
                                        &mime, &width, &height, &downscaled, &error);
  g_assert_no_error (error);
  g_assert_true (downscaled);
  g_assert_cmpstr (mime, ==, "image/jpeg");
  g_assert_cmpuint (g_bytes_get_size (bytes), <=, ROUNDS_BLUESKY_MAX_IMAGE_BYTES);
  /* The shape is kept. */
  g_assert_cmpfloat (ABS ((double) width / height - 1.2), <, 0.01);

  small_bytes = rounds_bluesky_prepare_image (small, "image/png", ROUNDS_BLUESKY_MAX_IMAGE_BYTES,
                                              &small_mime, &width, &height, &downscaled, &error);
  g_assert_no_error (error);
  g_assert_false (downscaled);
  g_assert_cmpstr (small_mime, ==, "image/png");
  g_assert_cmpint (width, ==, 40);
  g_assert_cmpint (height, ==, 30);

  g_assert_null (rounds_bluesky_prepare_image ("/nonexistent/x.png", "image/png", 1000,
                                               &mime, &width, &height, &downscaled, &error));
  g_assert_error (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_REJECTED);

  g_unlink (big);
  g_unlink (small);
}

/* ------------------------------------------------------------------ */
/* Sign-in, refresh and errors                                          */

static void
test_sign_in (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) wrong = NULL;
  g_autoptr(RoundsAccountInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *credentials = NULL;
  g_autofree char *base = NULL;

  rounds_bluesky_sign_in_async (f->base, "@clinic.example.test", "good-app-pass", NULL,
                                on_result_cb, &result);
  info = rounds_bluesky_sign_in_finish (wait_for (&result), &credentials, &base, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (info->remote_id, ==, DID);
  g_assert_cmpstr (info->handle, ==, "clinic.example.test");
  g_assert_cmpstr (info->profile_url, ==, "https://bsky.app/profile/clinic.example.test");
  g_assert_cmpstr (base, ==, f->base);
  g_assert_nonnull (strstr (credentials, "\"refreshJwt\":\"refresh-1\""));
  g_assert_nonnull (strstr (credentials, "\"did\":\"" DID "\""));

  /* A wrong app password says so, as a sign-in problem. */
  rounds_bluesky_sign_in_async (f->base, "clinic.example.test", "wrong", NULL,
                                on_result_cb, &wrong);
  g_assert_null (rounds_bluesky_sign_in_finish (wait_for (&wrong), NULL, NULL, &error));
  g_assert_error (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_AUTH_EXPIRED);
  g_assert_nonnull (strstr (error->message, "app password"));
}

static void
test_resolve_pds (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) unknown = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *plc = g_strdup_printf ("%s/plc", f->base);
  g_autofree char *pds = NULL;

  rounds_bluesky_resolve_pds_async (f->base, plc, "clinic.example.test", NULL,
                                    on_result_cb, &result);
  pds = rounds_bluesky_resolve_pds_finish (wait_for (&result), &error);
  g_assert_no_error (error);
  /* The #atproto_pds service, not the other one, without its trailing slash. */
  g_assert_cmpstr (pds, ==, f->base);

  rounds_bluesky_resolve_pds_async (f->base, plc, "nobody.example.test", NULL,
                                    on_result_cb, &unknown);
  g_assert_null (rounds_bluesky_resolve_pds_finish (wait_for (&unknown), &error));
  g_assert_error (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_NOT_FOUND);
}

static void
on_credentials_notify_cb (GObject    *object,
                          GParamSpec *pspec,
                          gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_expired_token_refresh (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(RoundsConnector) connector = signed_in_connector (f);
  g_autoptr(GAsyncResult) first = NULL;
  g_autoptr(GAsyncResult) second = NULL;
  g_autoptr(RoundsAccountInfo) info = NULL;
  g_autoptr(RoundsAccountInfo) info2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *credentials = NULL;
  guint notified = 0;

  g_signal_connect (connector, "notify::credentials", G_CALLBACK (on_credentials_notify_cb),
                    &notified);

  /* The PDS rotates its tokens: our access token is now expired. */
  g_free (f->access);
  f->access = g_strdup ("access-rotated-elsewhere");

  /* Two calls at once: one refresh serves both. */
  rounds_connector_verify_async (connector, NULL, on_result_cb, &first);
  rounds_connector_verify_async (connector, NULL, on_result_cb, &second);
  info = rounds_connector_verify_finish (connector, wait_for (&first), &error);
  g_assert_no_error (error);
  info2 = rounds_connector_verify_finish (connector, wait_for (&second), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (info->remote_id, ==, DID);
  g_assert_cmpuint (f->n_refresh, ==, 1);

  /* The new pair is in "credentials", for the account layer to save. */
  g_assert_cmpuint (notified, >=, 1);
  credentials = rounds_connector_dup_credentials (connector);
  g_assert_nonnull (strstr (credentials, "\"accessJwt\":\"access-2\""));
  g_assert_nonnull (strstr (credentials, "\"refreshJwt\":\"refresh-2\""));
}

static void
test_refresh_expired (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(RoundsConnector) connector = signed_in_connector (f);
  g_autoptr(GError) error = NULL;

  g_free (f->access);
  f->access = g_strdup ("access-rotated-elsewhere");
  f->refresh_expired = TRUE;

  g_assert_null (verify_sync (connector, &error));
  g_assert_error (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_AUTH_EXPIRED);
  g_assert_cmpuint (f->n_refresh, ==, 1);
}

static void
test_rate_limited (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(RoundsConnector) connector = signed_in_connector (f);
  g_autoptr(RoundsOutgoing) outgoing = rounds_outgoing_new ("Flu shots this week", "pub-1");
  g_autoptr(GError) error = NULL;

  f->mode = "rate-limited";
  g_assert_null (publish_sync (connector, outgoing, &error));
  g_assert_error (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_RATE_LIMITED);
  /* RateLimit-Reset: 4102444800 (epoch seconds), capped at one day ahead. */
  g_assert_cmpint (rounds_connector_error_get_retry_at (error), >, g_get_real_time () / G_USEC_PER_SEC);
  g_assert_cmpint (rounds_connector_error_get_retry_at (error), <=,
                   g_get_real_time () / G_USEC_PER_SEC + 24 * 60 * 60 + 5);
  g_assert_cmpuint (f->n_create, ==, 0);
}

static void
test_bad_answers (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(RoundsConnector) connector = signed_in_connector (f);
  g_autoptr(RoundsOutgoing) outgoing = rounds_outgoing_new ("Open on Saturday", "pub-2");
  g_autoptr(GError) error = NULL;
  RoundsAccountInfo *info;

  f->mode = "html";
  g_assert_null (verify_sync (connector, &error));
  g_assert_error (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_MALFORMED);
  g_clear_error (&error);

  f->mode = "huge";
  g_assert_null (verify_sync (connector, &error));
  g_assert_error (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_MALFORMED);
  g_clear_error (&error);

  /* A cut connection on a read: try again later. */
  f->mode = "cut";
  g_assert_null (verify_sync (connector, &error));
  g_assert_error (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_TRANSIENT);
  g_clear_error (&error);

  /* A cut connection after the post was sent: the outcome is unknown, so
   * the queue must reconcile, never blindly re-send. */
  g_assert_null (publish_sync (connector, outgoing, &error));
  g_assert_error (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_MALFORMED);
  g_clear_error (&error);

  /* A 200 without the new record's address. */
  f->mode = "no-uri";
  g_assert_null (publish_sync (connector, outgoing, &error));
  g_assert_error (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_MALFORMED);
  g_clear_error (&error);

  /* And after all that the connector still works. */
  f->mode = NULL;
  info = verify_sync (connector, &error);
  g_assert_no_error (error);
  rounds_account_info_free (info);
}

/* ------------------------------------------------------------------ */
/* Publishing                                                           */

static void
test_publish_idempotent (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(RoundsConnector) connector = signed_in_connector (f);
  g_autoptr(RoundsOutgoing) outgoing =
    rounds_outgoing_new ("Vaccins: voir https://praxis.example/vaccins", "pub-3");
  g_autoptr(RoundsRemotePost) post = NULL;
  g_autoptr(RoundsRemotePost) again = NULL;
  g_autoptr(RoundsRemotePost) found = NULL;
  g_autoptr(RoundsRemotePost) missing = NULL;
  g_autoptr(RoundsOutgoing) other = rounds_outgoing_new ("x", "pub-never-sent");
  g_autoptr(GAsyncResult) lookup = NULL;
  g_autoptr(GAsyncResult) lookup_missing = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rkey = rounds_bluesky_rkey_for_key ("pub-3");
  g_autofree char *expected_uri = g_strdup_printf ("at://" DID "/app.bsky.feed.post/%s", rkey);

  post = publish_sync (connector, outgoing, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (post->remote_id, ==, expected_uri);
  g_assert_nonnull (strstr (post->url, rkey));
  g_assert_null (post->notice);
  g_assert_nonnull (strstr (f->last_record, "app.bsky.richtext.facet#link"));

  /* Sent again after a "crash": no second record, the same post back. */
  again = publish_sync (connector, outgoing, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again->remote_id, ==, post->remote_id);
  g_assert_cmpuint (g_hash_table_size (f->records), ==, 1);

  /* Reconciliation finds it; a publication never sent is not there. */
  rounds_connector_lookup_async (connector, outgoing, 0, NULL, on_result_cb, &lookup);
  found = rounds_connector_lookup_finish (connector, wait_for (&lookup), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found->remote_id, ==, post->remote_id);
  rounds_connector_lookup_async (connector, other, 0, NULL, on_result_cb, &lookup_missing);
  missing = rounds_connector_lookup_finish (connector, wait_for (&lookup_missing), &error);
  g_assert_no_error (error);
  g_assert_null (missing);
}

static void
test_publish_image (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(RoundsConnector) connector = signed_in_connector (f);
  g_autoptr(RoundsOutgoing) outgoing = rounds_outgoing_new ("Our new waiting room", "pub-4");
  g_autoptr(RoundsRemotePost) post = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *big = write_noise_png (1200, 1000);

  g_ptr_array_add (outgoing->media,
                   rounds_outgoing_media_new (big, "image/png", "A bright room with six chairs"));
  post = publish_sync (connector, outgoing, &error);
  g_assert_no_error (error);
  /* Too large for a blob: made smaller, and the user is told. */
  g_assert_cmpuint (f->n_blobs, ==, 1);
  g_assert_cmpstr (f->last_blob_type, ==, "image/jpeg");
  g_assert_cmpuint (f->last_blob_size, <=, ROUNDS_BLUESKY_MAX_IMAGE_BYTES);
  g_assert_nonnull (post->notice);
  g_assert_nonnull (strstr (f->last_record, "\"alt\":\"A bright room with six chairs\""));
  g_assert_nonnull (strstr (f->last_record, "app.bsky.embed.images"));
  g_assert_nonnull (strstr (f->last_record, "\"aspectRatio\""));
  g_unlink (big);
}

/* ------------------------------------------------------------------ */
/* Replies, delete, metrics                                             */

static char *
notification (const char *rkey,
              const char *reason,
              const char *indexed_at)
{
  return g_strdup_printf (
    "{\"uri\":\"at://did:plc:patient/app.bsky.feed.post/%s\",\"cid\":\"c%s\","
    "\"author\":{\"did\":\"did:plc:patient\",\"handle\":\"pat.example.test\","
    "\"displayName\":\"Pat\"},\"reason\":\"%s\","
    "\"reasonSubject\":\"at://" DID "/app.bsky.feed.post/3kaaa\","
    "\"record\":{\"$type\":\"app.bsky.feed.post\",\"text\":\"Thanks!\","
    "\"createdAt\":\"%s\",\"reply\":{\"root\":{\"uri\":\"at://" DID "/app.bsky.feed.post/3kaaa\","
    "\"cid\":\"r\"},\"parent\":{\"uri\":\"at://" DID "/app.bsky.feed.post/3kaaa\",\"cid\":\"r\"}}},"
    "\"isRead\":false,\"indexedAt\":\"%s\"}", rkey, rkey, reason, indexed_at, indexed_at);
}

static GPtrArray *
list_sync (RoundsConnector *connector,
           const char      *cursor,
           char           **new_cursor,
           GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  rounds_connector_list_replies_async (connector, cursor, NULL, on_result_cb, &result);
  return rounds_connector_list_replies_finish (connector, wait_for (&result), new_cursor, error);
}

static void
test_list_replies (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(RoundsConnector) connector = signed_in_connector (f);
  g_autoptr(GPtrArray) replies = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cursor = NULL;
  g_autofree char *cursor2 = NULL;
  g_autofree char *n1 = notification ("r4", "reply", "2026-12-04T10:04:00.000Z");
  g_autofree char *n2 = notification ("l1", "like", "2026-12-04T10:03:00.000Z");
  g_autofree char *n3 = notification ("r3", "reply", "2026-12-04T10:02:00.000Z");
  g_autofree char *n4 = notification ("r2", "reply", "2026-12-04T10:01:00.000Z");
  RoundsRemoteComment *oldest;

  /* Newest first, two pages, the second ending with a null cursor; one item
   * is not an object at all. */
  g_ptr_array_add (f->pages, g_strdup_printf ("{\"notifications\":[%s,%s,42],"
                                              "\"cursor\":\"page1\"}", n1, n2));
  g_ptr_array_add (f->pages, g_strdup_printf ("{\"notifications\":[%s,%s],"
                                              "\"cursor\":null}", n3, n4));

  replies = list_sync (connector, NULL, &cursor, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (replies->len, ==, 3);
  oldest = g_ptr_array_index (replies, 0);
  g_assert_cmpstr (oldest->remote_id, ==, "at://did:plc:patient/app.bsky.feed.post/r2");
  g_assert_cmpstr (((RoundsRemoteComment *) g_ptr_array_index (replies, 2))->remote_id, ==,
                   "at://did:plc:patient/app.bsky.feed.post/r4");
  g_assert_cmpint (oldest->kind, ==, ROUNDS_REMOTE_COMMENT_REPLY);
  g_assert_cmpstr (oldest->thread_id, ==, "at://" DID "/app.bsky.feed.post/3kaaa");
  g_assert_cmpstr (oldest->parent_id, ==, "at://" DID "/app.bsky.feed.post/3kaaa");
  g_assert_cmpstr (oldest->author_handle, ==, "pat.example.test");
  g_assert_cmpstr (oldest->author_name, ==, "Pat");
  g_assert_cmpstr (oldest->text, ==, "Thanks!");
  g_assert_cmpstr (cursor, ==, "2026-12-04T10:04:00.000Z");

  /* The next poll with that cursor finds nothing new. */
  none = list_sync (connector, cursor, &cursor2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpstr (cursor2, ==, cursor);
}

static void
test_no_appview (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(RoundsConnector) connector = signed_in_connector (f);
  g_autoptr(GPtrArray) replies = NULL;
  g_autoptr(GError) error = NULL;

  f->no_appview = TRUE;
  replies = list_sync (connector, NULL, NULL, &error);
  g_assert_null (replies);
  g_assert_error (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_UNSUPPORTED);
}

static void
test_metrics_and_delete (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(RoundsConnector) connector = signed_in_connector (f);
  const char *ids[] = { "at://" DID "/app.bsky.feed.post/3kaaa", NULL };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) deleted = NULL;
  g_autoptr(GAsyncResult) foreign = NULL;
  g_autoptr(GPtrArray) metrics = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  rounds_connector_fetch_metrics_async (connector, ids, NULL, on_result_cb, &result);
  metrics = rounds_connector_fetch_metrics_finish (connector, wait_for (&result), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < metrics->len; i++)
    {
      RoundsMetric *metric = g_ptr_array_index (metrics, i);

      /* Nothing about posts we did not ask for. */
      g_assert_true (metric->remote_id == NULL || g_str_equal (metric->remote_id, ids[0]));
      g_hash_table_insert (values, g_strdup_printf ("%s/%s", metric->remote_id ? "post" : "account",
                                                   metric->name),
                           GINT_TO_POINTER ((int) metric->value));
    }
  g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (values, "account/followers")), ==, 42);
  g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (values, "post/likes")), ==, 5);
  g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (values, "post/shares")), ==, 3);
  g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (values, "post/comments")), ==, 3);

  g_hash_table_insert (f->records, g_strdup ("3kaaa"), g_strdup ("{}"));
  rounds_connector_delete_async (connector, ids[0], NULL, on_result_cb, &deleted);
  g_assert_true (rounds_connector_delete_finish (connector, wait_for (&deleted), &error));
  g_assert_no_error (error);
  g_assert_false (g_hash_table_contains (f->records, "3kaaa"));

  /* Someone else's post is never ours to delete. */
  rounds_connector_delete_async (connector, "at://did:plc:other/app.bsky.feed.post/3kbbb", NULL,
                                 on_result_cb, &foreign);
  g_assert_false (rounds_connector_delete_finish (connector, wait_for (&foreign), &error));
  g_assert_error (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_NOT_FOUND);
}

/* Which known replies are gone: getPosts shows 3kaaa; of the two it leaves
 * out, getRecord finds one (hidden by the AppView, e.g. a block: not gone)
 * and not the other (gone). A malformed id is not asked about. Without an
 * AppView nothing is called gone: the check fails as a whole. */
static void
test_check_gone (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(RoundsConnector) connector = signed_in_connector (f);
  const char *ids[] = { "at://" DID "/app.bsky.feed.post/3kaaa",
                        "at://did:plc:other/app.bsky.feed.post/3kccc",
                        "at://did:plc:other/app.bsky.feed.post/3khid",
                        "https://bsky.app/profile/x/post/3kddd",
                        NULL };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) failed = NULL;
  g_autoptr(GPtrArray) gone = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (rounds_connector_get_capabilities (connector) & ROUNDS_CONNECTOR_CAN_CHECK_GONE);
  g_hash_table_insert (f->records, g_strdup ("3khid"), g_strdup ("{\"text\":\"hi\"}"));
  rounds_connector_check_gone_async (connector, ids, NULL, on_result_cb, &result);
  gone = rounds_connector_check_gone_finish (connector, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gone->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (gone, 0), ==, ids[1]);

  f->no_appview = TRUE;
  rounds_connector_check_gone_async (connector, ids, NULL, on_result_cb, &failed);
  none = rounds_connector_check_gone_finish (connector, wait_for (&failed), &error);
  g_assert_null (none);
  g_assert_error (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_UNSUPPORTED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/bluesky/rkey", test_rkey);
  g_test_add_func ("/bluesky/link-facets", test_link_facets);
  g_test_add_func ("/bluesky/prepare-image", test_prepare_image);
#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/bluesky/sign-in", test_sign_in);
  ADD ("/bluesky/resolve-pds", test_resolve_pds);
  ADD ("/bluesky/expired-token-refresh", test_expired_token_refresh);
  ADD ("/bluesky/refresh-expired", test_refresh_expired);
  ADD ("/bluesky/rate-limited", test_rate_limited);
  ADD ("/bluesky/bad-answers", test_bad_answers);
  ADD ("/bluesky/publish-idempotent", test_publish_idempotent);
  ADD ("/bluesky/publish-image", test_publish_image);
  ADD ("/bluesky/list-replies", test_list_replies);
  ADD ("/bluesky/no-appview", test_no_appview);
  ADD ("/bluesky/metrics-and-delete", test_metrics_and_delete);
  ADD ("/bluesky/check-gone", test_check_gone);
#undef ADD

  return g_test_run ();
}
