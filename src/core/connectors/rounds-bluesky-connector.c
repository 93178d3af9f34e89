/* rounds-bluesky-connector.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-bluesky"

#include "config.h"

#include <string.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n-lib.h>

#include "rounds-json-fields.h"
#include "rounds-bluesky-connector.h"
#include "rounds-connector-task.h"
#include "rounds-http.h"

/* Bluesky through XRPC on the account's PDS. Every call goes through
 * bsky_call_async (), which adds the access token, refreshes it once when
 * the PDS answers ExpiredToken (HTTP 400), and maps failures with the shared
 * HTTP helpers (atproto style). Nothing here logs a token, a body or text. */

#define POST_COLLECTION   "app.bsky.feed.post"
#define MAX_REPLY_PAGES   5
#define MAX_METRIC_URIS   25   /* app.bsky.feed.getPosts takes at most 25 */

struct _RoundsBlueskyConnector
{
  GObject           parent_instance;

  char             *base_url;
  RoundsHttpClient *http;

  /* credentials */
  char             *did;
  char             *handle;
  char             *access_jwt;
  char             *refresh_jwt;

  /* Calls waiting for a refresh that is under way (GTask of Call). */
  GPtrArray        *refresh_waiters;
  gboolean          refreshing;
};

static void rounds_bluesky_connector_iface_init (RoundsConnectorInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RoundsBlueskyConnector, rounds_bluesky_connector, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (ROUNDS_TYPE_CONNECTOR,
                                                      rounds_bluesky_connector_iface_init))

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_CREDENTIALS,
  N_PROPS
};

/* ------------------------------------------------------------------ */
/* JSON helpers (every answer is untrusted: check each type)            */

static gboolean
get_count (JsonObject *object,
           const char *name,
           gint64     *value)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  *value = MAX (json_node_get_int (node), 0);
  return TRUE;
}

static gboolean
set_malformed (GError     **error,
               const char  *what)
{
  g_set_error (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_MALFORMED,
               _("Bluesky sent an answer Rounds cannot read (%s)"), what);
  return FALSE;
}

static GBytes *
node_to_bytes (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  gsize length = 0;
  char *data;

  json_generator_set_root (generator, node);
  data = json_generator_to_data (generator, &length);
  return g_bytes_new_take (data, length);
}

static gint64
parse_iso_time (const char *text)
{
  g_autoptr(GDateTime) time = NULL;

  if (text == NULL)
    return 0;
  time = g_date_time_new_from_iso8601 (text, NULL);
  return time ? g_date_time_to_unix (time) : 0;
}

static char *
iso_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format_iso8601 (now);
}

/* at://DID/COLLECTION/RKEY → its parts (borrowed into @parts). */
static gboolean
split_at_uri (const char  *uri,
              GStrv       *parts)
{
  g_auto(GStrv) split = NULL;

  if (uri == NULL || !g_str_has_prefix (uri, "at://"))
    return FALSE;
  split = g_strsplit (uri + strlen ("at://"), "/", -1);
  if (g_strv_length (split) != 3 || split[0][0] == '\0' || split[1][0] == '\0' ||
      split[2][0] == '\0')
    return FALSE;
  *parts = g_steal_pointer (&split);
  return TRUE;
}

static char *
post_web_url (const char *handle_or_did,
              const char *uri)
{
  g_auto(GStrv) parts = NULL;
  g_autofree char *actor = NULL;
  g_autofree char *rkey = NULL;

  if (!split_at_uri (uri, &parts))
    return NULL;
  actor = g_uri_escape_string (handle_or_did ? handle_or_did : parts[0], ":.", FALSE);
  rkey = g_uri_escape_string (parts[2], NULL, FALSE);
  return g_strdup_printf ("https://bsky.app/profile/%s/post/%s", actor, rkey);
}

/* The expiry ("exp") of a JWT, without trusting or verifying it. */
static gint64
jwt_expiry (const char *jwt)
{
  g_auto(GStrv) parts = NULL;
  g_autofree char *payload = NULL;
  g_autofree guchar *decoded = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize length = 0;
  gint64 exp = 0;
  gsize i;

  if (jwt == NULL)
    return 0;
  parts = g_strsplit (jwt, ".", 4);
  if (g_strv_length (parts) != 3 || strlen (parts[1]) > 4096)
    return 0;
  /* base64url → base64 */
  payload = g_strdup_printf ("%s===", parts[1]);
  for (i = 0; payload[i] != '\0'; i++)
    {
      if (payload[i] == '-')
        payload[i] = '+';
      else if (payload[i] == '_')
        payload[i] = '/';
    }
  payload[strlen (parts[1]) + (4 - strlen (parts[1]) % 4) % 4] = '\0';
  decoded = g_base64_decode (payload, &length);
  if (decoded == NULL || length == 0 ||
      !json_parser_load_from_data (parser, (const char *) decoded, length, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return 0;
  if (!get_count (json_node_get_object (json_parser_get_root (parser)), "exp", &exp))
    return 0;
  return exp;
}

/* ------------------------------------------------------------------ */
/* Pure helpers                                                         */

static const char tid_alphabet[] = "234567abcdefghijklmnopqrstuvwxyz";

char *
rounds_bluesky_rkey_for_key (const char *idempotency_key)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize digest_len = sizeof digest;
  guint64 hash = 0;
  guint64 timestamp;
  guint64 value;
  char tid[14];

  g_return_val_if_fail (idempotency_key != NULL, NULL);

  g_checksum_update (checksum, (const guchar *) "rounds-bluesky-rkey:", -1);
  g_checksum_update (checksum, (const guchar *) idempotency_key, -1);
  g_checksum_get_digest (checksum, digest, &digest_len);
  for (guint i = 0; i < 8; i++)
    hash = (hash << 8) | digest[i];

  /* A TID is 64 bits: 0, 53 bits of microseconds since 1970, 10 bits of
   * clock id, in sortable base32. The "time" here comes from the hash,
   * within 2^45 µs (about 13 months) after 2023-01-01, so it is plausible
   * and never in the future; 55 bits of hash make collisions negligible. */
  timestamp = G_GUINT64_CONSTANT (1672531200000000) + (hash >> 19);
  value = (timestamp << 10) | (hash & 0x3ff);
  value &= G_GUINT64_CONSTANT (0x7fffffffffffffff);
  for (int i = 12; i >= 0; i--)
    {
      tid[i] = tid_alphabet[value & 0x1f];
      value >>= 5;
    }
  tid[13] = '\0';
  return g_strdup (tid);
}

static gboolean
is_trailing_punctuation (char c)
{
  return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' ||
         c == '\'' || c == '"';
}

JsonNode *
rounds_bluesky_link_facets (const char *text)
{
  static GRegex *regex = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  guint count = 0;

  g_return_val_if_fail (text != NULL, NULL);

  if (g_once_init_enter (&regex))
    {
      GRegex *compiled = g_regex_new ("(?<![\\w@/])https?://[^\\s<>\"\\x{201C}\\x{201D}]+",
                                      G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&regex, compiled);
    }

  json_builder_begin_array (builder);
  g_regex_match (regex, text, 0, &match);
  while (g_match_info_matches (match))
    {
      int start = 0, end = 0;
      g_autofree char *uri = NULL;
      int open = 0, close = 0;

      g_match_info_fetch_pos (match, 0, &start, &end);
      /* "see https://x.org/flu." ends the sentence, not the link; a ")" only
       * belongs to the link when it closes a "(" inside it. */
      for (;;)
        {
          if (end > start && is_trailing_punctuation (text[end - 1]))
            {
              end--;
              continue;
            }
          if (end > start && text[end - 1] == ')')
            {
              open = close = 0;
              for (int i = start; i < end; i++)
                {
                  if (text[i] == '(')
                    open++;
                  else if (text[i] == ')')
                    close++;
                }
              if (close > open)
                {
                  end--;
                  continue;
                }
            }
          break;
        }

      uri = g_strndup (text + start, end - start);
      if (g_uri_is_valid (uri, G_URI_FLAGS_PARSE_RELAXED, NULL) && strstr (uri, "://")[3] != '\0')
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "index");
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "byteStart");
          json_builder_add_int_value (builder, start);
          json_builder_set_member_name (builder, "byteEnd");
          json_builder_add_int_value (builder, end);
          json_builder_end_object (builder);
          json_builder_set_member_name (builder, "features");
          json_builder_begin_array (builder);
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "$type");
          json_builder_add_string_value (builder, "app.bsky.richtext.facet#link");
          json_builder_set_member_name (builder, "uri");
          json_builder_add_string_value (builder, uri);
          json_builder_end_object (builder);
          json_builder_end_array (builder);
          json_builder_end_object (builder);
          count++;
        }
      g_match_info_next (match, NULL);
    }
  json_builder_end_array (builder);

  return count > 0 ? json_builder_get_root (builder) : NULL;
}

static GdkPixbuf *
flatten (GdkPixbuf *pixbuf)
{
  GdkPixbuf *flat;
  int width = gdk_pixbuf_get_width (pixbuf);
  int height = gdk_pixbuf_get_height (pixbuf);

  if (!gdk_pixbuf_get_has_alpha (pixbuf))
    return g_object_ref (pixbuf);
  /* JPEG has no alpha: lay the image on white. */
  flat = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  gdk_pixbuf_fill (flat, 0xffffffff);
  gdk_pixbuf_composite (pixbuf, flat, 0, 0, width, height, 0, 0, 1, 1,
                        GDK_INTERP_BILINEAR, 255);
  return flat;
}

GBytes *
rounds_bluesky_prepare_image (const char  *path,
                              const char  *mime_type,
                              gsize        max_bytes,
                              char       **out_mime_type,
                              int         *out_width,
                              int         *out_height,
                              gboolean    *downscaled,
                              GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GdkPixbuf) loaded = NULL;
  g_autoptr(GdkPixbuf) oriented = NULL;
  g_autoptr(GdkPixbuf) flat = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *base = NULL;
  gsize length = 0;
  int width = 0, height = 0;
  double scale = 1.0;
  int quality = 88;

  g_return_val_if_fail (path != NULL, NULL);

  *downscaled = FALSE;
  base = g_path_get_basename (path);
  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_REJECTED,
                   _("The image “%s” cannot be read: %s"), base, local_error->message);
      return NULL;
    }

  if (gdk_pixbuf_get_file_info (path, &width, &height) == NULL)
    {
      g_set_error (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_REJECTED,
                   _("“%s” is not an image Rounds can read"), base);
      return NULL;
    }

  if (length <= max_bytes && mime_type != NULL &&
      (g_str_equal (mime_type, "image/jpeg") || g_str_equal (mime_type, "image/png") ||
       g_str_equal (mime_type, "image/webp") || g_str_equal (mime_type, "image/gif")))
    {
      *out_mime_type = g_strdup (mime_type);
      *out_width = width;
      *out_height = height;
      return g_bytes_new_take (g_steal_pointer (&contents), length);
    }

  /* Too large (or a kind the network does not take): a JPEG that fits,
   * made smaller step by step. */
  loaded = gdk_pixbuf_new_from_file (path, &local_error);
  if (loaded == NULL)
    {
      g_set_error (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_REJECTED,
                   _("“%s” is not an image Rounds can read"), base);
      return NULL;
    }
  oriented = gdk_pixbuf_apply_embedded_orientation (loaded);
  flat = flatten (oriented);
  width = gdk_pixbuf_get_width (flat);
  height = gdk_pixbuf_get_height (flat);
  if (MAX (width, height) > 2000)
    scale = 2000.0 / MAX (width, height);

  for (guint attempt = 0; attempt < 12; attempt++)
    {
      g_autoptr(GdkPixbuf) scaled = NULL;
      g_autofree char *jpeg = NULL;
      g_autofree char *quality_text = g_strdup_printf ("%d", quality);
      gsize jpeg_length = 0;
      int w = MAX (1, (int) (width * scale));
      int h = MAX (1, (int) (height * scale));

      scaled = scale < 1.0 ? gdk_pixbuf_scale_simple (flat, w, h, GDK_INTERP_BILINEAR)
                           : g_object_ref (flat);
      if (scaled == NULL ||
          !gdk_pixbuf_save_to_buffer (scaled, &jpeg, &jpeg_length, "jpeg", &local_error,
                                      "quality", quality_text, NULL))
        break;
      if (jpeg_length <= max_bytes)
        {
          *downscaled = TRUE;
          *out_mime_type = g_strdup ("image/jpeg");
          *out_width = w;
          *out_height = h;
          return g_bytes_new_take (g_steal_pointer (&jpeg), jpeg_length);
        }
      if (quality > 72)
        quality -= 8;
      else
        scale *= 0.75;
    }

  g_set_error (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_REJECTED,
               _("The image “%s” is too large for Bluesky and could not be made smaller"),
               base);
  return NULL;
}

/* ------------------------------------------------------------------ */
/* Credentials                                                          */

static void
clear_credentials (RoundsBlueskyConnector *self)
{
  g_clear_pointer (&self->did, g_free);
  g_clear_pointer (&self->handle, g_free);
  g_clear_pointer (&self->access_jwt, g_free);
  g_clear_pointer (&self->refresh_jwt, g_free);
}

static void
load_credentials (RoundsBlueskyConnector *self,
                  const char             *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;

  clear_credentials (self);
  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return;
  object = json_node_get_object (json_parser_get_root (parser));
  self->did = g_strdup (rounds_json_get_string (object, "did"));
  self->handle = g_strdup (rounds_json_get_string (object, "handle"));
  self->access_jwt = g_strdup (rounds_json_get_string (object, "accessJwt"));
  self->refresh_jwt = g_strdup (rounds_json_get_string (object, "refreshJwt"));
}

static char *
dump_credentials (RoundsBlueskyConnector *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  if (self->did == NULL && self->access_jwt == NULL)
    return NULL;
  json_builder_begin_object (builder);
#define ADD(name, value) \
  if ((value) != NULL) { json_builder_set_member_name (builder, name); \
                         json_builder_add_string_value (builder, value); }
  ADD ("did", self->did);
  ADD ("handle", self->handle);
  ADD ("accessJwt", self->access_jwt);
  ADD ("refreshJwt", self->refresh_jwt);
#undef ADD
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/* From a createSession / refreshSession answer. */
static gboolean
take_session (RoundsBlueskyConnector  *self,
              JsonObject              *session,
              GError                 **error)
{
  const char *access = rounds_json_get_string (session, "accessJwt");
  const char *refresh = rounds_json_get_string (session, "refreshJwt");
  const char *did = rounds_json_get_string (session, "did");
  const char *handle = rounds_json_get_string (session, "handle");

  if (access == NULL || refresh == NULL || did == NULL || !g_str_has_prefix (did, "did:"))
    return set_malformed (error, "session");
  if (self->did != NULL && !g_str_equal (self->did, did))
    return set_malformed (error, "a session for another account");

  g_free (self->access_jwt);
  self->access_jwt = g_strdup (access);
  g_free (self->refresh_jwt);
  self->refresh_jwt = g_strdup (refresh);
  g_free (self->did);
  self->did = g_strdup (did);
  if (handle != NULL)
    {
      g_free (self->handle);
      self->handle = g_strdup (handle);
    }
  g_object_notify (G_OBJECT (self), "credentials");
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* One XRPC call, with the token refreshed once if it expired            */

typedef struct
{
  char     *http_method;
  char     *nsid;
  char     *query;          /* already escaped, or NULL */
  GBytes   *body;           /* or NULL */
  char     *content_type;
  gboolean  auth;
  gboolean  refreshed;      /* refresh was tried for this call */
  char     *sent_token;     /* the access token it was last sent with */
} Call;

static void
call_free (Call *call)
{
  g_free (call->http_method);
  g_free (call->nsid);
  g_free (call->query);
  g_clear_pointer (&call->body, g_bytes_unref);
  g_free (call->content_type);
  g_free (call->sent_token);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Call, call_free)

static Call *
call_new (const char *http_method,
          const char *nsid,
          const char *query,
          gboolean    auth)
{
  Call *call = g_new0 (Call, 1);

  call->http_method = g_strdup (http_method);
  call->nsid = g_strdup (nsid);
  call->query = g_strdup (query);
  call->auth = auth;
  return call;
}

static Call *
call_new_json (const char *nsid,
               JsonNode   *body,
               gboolean    auth)
{
  Call *call = call_new ("POST", nsid, NULL, auth);

  call->body = node_to_bytes (body);
  call->content_type = g_strdup ("application/json");
  return call;
}

static char *
query_param (const char *name,
             const char *value)
{
  g_autofree char *escaped = g_uri_escape_string (value, NULL, FALSE);

  return g_strdup_printf ("%s=%s", name, escaped);
}

static void send_call (GTask *task);
static void refresh_async (RoundsBlueskyConnector *self, GTask *waiting);

static void
on_call_sent_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RoundsBlueskyConnector *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  g_autoptr(RoundsHttpResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  response = rounds_http_client_send_finish (ROUNDS_HTTP_CLIENT (source), result, &error);
  if (response == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (response->status < 200 || response->status > 299)
    {
      g_autofree char *name = NULL;
      g_autofree char *message = NULL;

      rounds_http_parse_error_body (ROUNDS_HTTP_STYLE_ATPROTO, response->body, &name, &message);
      if (call->auth && (response->status == 400 || response->status == 401) &&
          g_strcmp0 (name, "ExpiredToken") == 0 && !self->refreshing &&
          g_strcmp0 (call->sent_token, self->access_jwt) != 0)
        {
          /* Another call refreshed the tokens meanwhile: just send again. */
          send_call (g_steal_pointer (&task));
          return;
        }
      if (call->auth && !call->refreshed && (response->status == 400 || response->status == 401) &&
          g_strcmp0 (name, "ExpiredToken") == 0 && self->refresh_jwt != NULL)
        {
          call->refreshed = TRUE;
          g_debug ("access token expired; refreshing (%s)", call->nsid);
          refresh_async (self, g_steal_pointer (&task));
          return;
        }
      /* A PDS without an AppView behind it cannot serve app.bsky.* reads. */
      if (response->status == 400 && g_strcmp0 (name, "InvalidRequest") == 0 &&
          message != NULL && g_str_has_prefix (message, "No service configured"))
        {
          g_task_return_new_error (task, ROUNDS_CONNECTOR_ERROR,
                                   ROUNDS_CONNECTOR_ERROR_UNSUPPORTED,
                                   _("This Bluesky server cannot show replies or numbers "
                                     "(it has no app view)"));
          return;
        }
      rounds_http_response_check (response, ROUNDS_HTTP_STYLE_ATPROTO, &error);
      g_debug ("%s answered HTTP %u (%s)", call->nsid, response->status, name ? name : "-");
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  root = rounds_http_response_parse_json (response, &error);
  if (root == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      json_node_unref (root);
      set_malformed (&error, call->nsid);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, root, (GDestroyNotify) json_node_unref);
}

static void
send_call (GTask *task)
{
  RoundsBlueskyConnector *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  g_autofree char *uri = NULL;
  g_autoptr(SoupMessage) message = NULL;

  if (call->auth && (self->access_jwt == NULL || self->did == NULL))
    {
      g_task_return_new_error (task, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_AUTH_EXPIRED,
                               _("This Bluesky account is not signed in"));
      g_object_unref (task);
      return;
    }

  uri = g_strdup_printf ("%s/xrpc/%s%s%s", self->base_url, call->nsid,
                         call->query ? "?" : "", call->query ? call->query : "");
  message = soup_message_new (call->http_method, uri);
  if (message == NULL)
    {
      g_task_return_new_error (task, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_REJECTED,
                               _("The Bluesky server address is not usable"));
      g_object_unref (task);
      return;
    }
  soup_message_headers_replace (soup_message_get_request_headers (message),
                                "Accept", "application/json");
  if (call->body != NULL)
    soup_message_set_request_body_from_bytes (message, call->content_type, call->body);
  if (call->auth)
    {
      rounds_http_message_set_bearer (message, self->access_jwt);
      g_free (call->sent_token);
      call->sent_token = g_strdup (self->access_jwt);
    }

  rounds_http_client_send_async (self->http, message, g_task_get_cancellable (task),
                                 on_call_sent_cb, task);
}

static void
bsky_call_async (RoundsBlueskyConnector *self,
                 Call                   *call,
                 GCancellable           *cancellable,
                 GAsyncReadyCallback     callback,
                 gpointer                user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, bsky_call_async);
  g_task_set_task_data (task, call, (GDestroyNotify) call_free);
  send_call (task);
}

static JsonNode *
bsky_call_finish (RoundsBlueskyConnector  *self,
                  GAsyncResult            *result,
                  GError                 **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
finish_refresh (RoundsBlueskyConnector *self,
                const GError           *error)
{
  g_autoptr(GPtrArray) waiters = g_steal_pointer (&self->refresh_waiters);

  self->refreshing = FALSE;
  for (guint i = 0; waiters != NULL && i < waiters->len; i++)
    {
      GTask *waiting = g_steal_pointer (&g_ptr_array_index (waiters, i));

      if (error != NULL)
        {
          g_task_return_error (waiting, g_error_copy (error));
          g_object_unref (waiting);
        }
      else
        send_call (waiting);
    }
}

static void
on_refreshed_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  RoundsBlueskyConnector *self = ROUNDS_BLUESKY_CONNECTOR (source);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  root = bsky_call_finish (self, result, &error);
  if (root != NULL)
    take_session (self, json_node_get_object (root), &error);
  else if (error->domain == ROUNDS_CONNECTOR_ERROR &&
           (error->code == ROUNDS_CONNECTOR_ERROR_AUTH_EXPIRED ||
            error->code == ROUNDS_CONNECTOR_ERROR_REJECTED))
    {
      /* The refresh token is gone too: the user must sign in again. */
      g_clear_error (&error);
      g_set_error (&error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_AUTH_EXPIRED,
                   _("Bluesky signed this account out; sign in again"));
    }
  finish_refresh (self, error);
}

/* Sends refreshSession (once, however many calls wait for it) and then
 * re-sends @waiting with the new token. */
static void
refresh_async (RoundsBlueskyConnector *self,
               GTask                  *waiting)
{
  g_autoptr(Call) call = NULL;

  if (self->refresh_waiters == NULL)
    self->refresh_waiters = g_ptr_array_new ();
  g_ptr_array_add (self->refresh_waiters, waiting);
  if (self->refreshing)
    return;
  self->refreshing = TRUE;

  call = call_new ("POST", "com.atproto.server.refreshSession", NULL, FALSE);
  {
    /* Authenticated with the refresh token, not the access token. */
    GTask *task = g_task_new (self, NULL, on_refreshed_cb, NULL);
    g_autofree char *uri = g_strdup_printf ("%s/xrpc/%s", self->base_url, call->nsid);
    g_autoptr(SoupMessage) message = soup_message_new ("POST", uri);

    g_task_set_source_tag (task, bsky_call_async);
    g_task_set_task_data (task, g_steal_pointer (&call), (GDestroyNotify) call_free);
    rounds_http_message_set_bearer (message, self->refresh_jwt);
    rounds_http_client_send_async (self->http, message, NULL, on_call_sent_cb, task);
  }
}

/* ------------------------------------------------------------------ */
/* verify                                                               */

static RoundsAccountInfo *
account_info_from (RoundsBlueskyConnector *self,
                   JsonObject             *session)
{
  RoundsAccountInfo *info = rounds_account_info_new ();
  const char *handle = rounds_json_get_string (session, "handle");
  g_autofree char *escaped = NULL;

  info->remote_id = g_strdup (self->did);
  info->handle = g_strdup (handle ? handle : self->handle);
  info->display_name = g_strdup (info->handle);
  escaped = g_uri_escape_string (info->handle ? info->handle : self->did, ":.", FALSE);
  info->profile_url = g_strdup_printf ("https://bsky.app/profile/%s", escaped);
  info->token_expires_at = jwt_expiry (self->refresh_jwt);
  return info;
}

static void
on_verify_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RoundsBlueskyConnector *self = ROUNDS_BLUESKY_CONNECTOR (source);
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;
  JsonObject *session;

  root = bsky_call_finish (self, result, &error);
  if (root == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  session = json_node_get_object (root);
  if (g_strcmp0 (rounds_json_get_string (session, "did"), self->did) != 0)
    {
      set_malformed (&error, "session");
      g_task_return_error (task, error);
      return;
    }
  if (rounds_json_get_string (session, "handle") != NULL &&
      g_strcmp0 (rounds_json_get_string (session, "handle"), self->handle) != 0)
    {
      g_free (self->handle);
      self->handle = g_strdup (rounds_json_get_string (session, "handle"));
      g_object_notify (G_OBJECT (self), "credentials");
    }
  g_task_return_pointer (task, account_info_from (self, session),
                         (GDestroyNotify) rounds_account_info_free);
}

static void
bluesky_verify_async (RoundsConnector     *connector,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  RoundsBlueskyConnector *self = ROUNDS_BLUESKY_CONNECTOR (connector);
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, bluesky_verify_async);
  bsky_call_async (self, call_new ("GET", "com.atproto.server.getSession", NULL, TRUE),
                   cancellable, on_verify_cb, task);
}

static RoundsAccountInfo *
bluesky_verify_finish (RoundsConnector  *connector,
                       GAsyncResult     *result,
                       GError          **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------ */
/* publish and reply                                                    */

typedef struct
{
  RoundsOutgoing *outgoing;
  char           *rkey;
  JsonNode       *reply;       /* {root, parent} strong refs, or NULL */
  GPtrArray      *prepared;    /* of Prepared */
  guint           next_image;
  JsonNode       *embed_images;/* array being filled */
  gboolean        downscaled;
} Publish;

typedef struct
{
  GBytes *bytes;
  char   *mime_type;
  char   *alt;
  int     width;
  int     height;
} Prepared;

static void
prepared_free (Prepared *prepared)
{
  g_clear_pointer (&prepared->bytes, g_bytes_unref);
  g_free (prepared->mime_type);
  g_free (prepared->alt);
  g_free (prepared);
}

static void
publish_free (Publish *publish)
{
  g_clear_pointer (&publish->outgoing, rounds_outgoing_free);
  g_free (publish->rkey);
  g_clear_pointer (&publish->reply, json_node_unref);
  g_clear_pointer (&publish->prepared, g_ptr_array_unref);
  g_clear_pointer (&publish->embed_images, json_node_unref);
  g_free (publish);
}

static RoundsRemotePost *
remote_post_from_ref (RoundsBlueskyConnector *self,
                      JsonObject             *object,
                      gboolean                downscaled)
{
  const char *uri = rounds_json_get_string (object, "uri");
  g_autofree char *url = NULL;
  g_auto(GStrv) parts = NULL;
  RoundsRemotePost *post;
  JsonObject *value;

  if (uri == NULL || !split_at_uri (uri, &parts) || g_strcmp0 (parts[0], self->did) != 0)
    return NULL;
  url = post_web_url (self->handle, uri);
  value = rounds_json_get_object (object, "value");
  post = rounds_remote_post_new (uri, url, value ? parse_iso_time (rounds_json_get_string (value, "createdAt"))
                                                 : g_get_real_time () / G_USEC_PER_SEC);
  if (downscaled)
    post->notice = g_strdup (_("An image was made smaller to fit Bluesky's size limit"));
  return post;
}

static void
on_existing_record_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RoundsBlueskyConnector *self = ROUNDS_BLUESKY_CONNECTOR (source);
  Publish *publish = g_task_get_task_data (task);
  GError *original = g_object_steal_data (G_OBJECT (task), "original-error");
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  RoundsRemotePost *post = NULL;

  root = bsky_call_finish (self, result, &error);
  if (root != NULL)
    post = remote_post_from_ref (self, json_node_get_object (root), publish->downscaled);
  if (post != NULL)
    {
      /* Sent before (a re-send after a crash): the record is there. */
      g_debug ("record %s already existed; not sent twice", publish->rkey);
      g_clear_error (&original);
      g_task_return_pointer (task, post, (GDestroyNotify) rounds_remote_post_free);
      return;
    }
  g_task_return_error (task, original);
}

static void
on_record_created_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RoundsBlueskyConnector *self = ROUNDS_BLUESKY_CONNECTOR (source);
  Publish *publish = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;
  RoundsRemotePost *post;
  g_autofree char *rkey_q = NULL;
  g_autofree char *repo_q = NULL;
  g_autofree char *query = NULL;

  root = bsky_call_finish (self, result, &error);
  if (root != NULL)
    {
      post = remote_post_from_ref (self, json_node_get_object (root), publish->downscaled);
      if (post == NULL)
        {
          set_malformed (&error, "createRecord");
          g_task_return_error (task, error);
          return;
        }
      g_task_return_pointer (task, post, (GDestroyNotify) rounds_remote_post_free);
      return;
    }

  /* A record with this key may already exist (the reference PDS answers 500
   * for that, others may say InvalidRequest or cut the line): look before
   * reporting, so that a re-send is a no-op rather than an error. */
  if (error->domain != ROUNDS_CONNECTOR_ERROR ||
      error->code == ROUNDS_CONNECTOR_ERROR_AUTH_EXPIRED ||
      error->code == ROUNDS_CONNECTOR_ERROR_RATE_LIMITED)
    {
      g_task_return_error (task, error);
      return;
    }
  g_object_set_data_full (G_OBJECT (task), "original-error", error, (GDestroyNotify) g_error_free);
  repo_q = query_param ("repo", self->did);
  rkey_q = query_param ("rkey", publish->rkey);
  query = g_strdup_printf ("%s&collection=" POST_COLLECTION "&%s", repo_q, rkey_q);
  {
    GCancellable *cancellable = g_task_get_cancellable (task);

    bsky_call_async (self, call_new ("GET", "com.atproto.repo.getRecord", query, TRUE),
                     cancellable, on_existing_record_cb, g_steal_pointer (&task));
  }
}

static void
create_record (GTask *task)
{
  RoundsBlueskyConnector *self = g_task_get_source_object (task);
  Publish *publish = g_task_get_task_data (task);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(JsonNode) facets = rounds_bluesky_link_facets (publish->outgoing->text);
  g_autofree char *now = iso_now ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "repo");
  json_builder_add_string_value (builder, self->did);
  json_builder_set_member_name (builder, "collection");
  json_builder_add_string_value (builder, POST_COLLECTION);
  json_builder_set_member_name (builder, "rkey");
  json_builder_add_string_value (builder, publish->rkey);
  json_builder_set_member_name (builder, "record");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "$type");
  json_builder_add_string_value (builder, POST_COLLECTION);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, publish->outgoing->text);
  json_builder_set_member_name (builder, "createdAt");
  json_builder_add_string_value (builder, now);
  if (facets != NULL)
    {
      json_builder_set_member_name (builder, "facets");
      json_builder_add_value (builder, g_steal_pointer (&facets));
    }
  if (publish->reply != NULL)
    {
      json_builder_set_member_name (builder, "reply");
      json_builder_add_value (builder, json_node_ref (publish->reply));
    }
  if (publish->embed_images != NULL)
    {
      json_builder_set_member_name (builder, "embed");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "$type");
      json_builder_add_string_value (builder, "app.bsky.embed.images");
      json_builder_set_member_name (builder, "images");
      json_builder_add_value (builder, json_node_ref (publish->embed_images));
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  bsky_call_async (self, call_new_json ("com.atproto.repo.createRecord", body, TRUE),
                   g_task_get_cancellable (task), on_record_created_cb, task);
}

static void upload_next_image (GTask *task);

static void
on_blob_uploaded_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RoundsBlueskyConnector *self = ROUNDS_BLUESKY_CONNECTOR (source);
  Publish *publish = g_task_get_task_data (task);
  Prepared *prepared = g_ptr_array_index (publish->prepared, publish->next_image);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) image = NULL;
  GError *error = NULL;
  JsonObject *blob;
  JsonObject *entry;
  JsonObject *ratio;

  root = bsky_call_finish (self, result, &error);
  if (root == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  blob = rounds_json_get_object (json_node_get_object (root), "blob");
  if (blob == NULL || g_strcmp0 (rounds_json_get_string (blob, "$type"), "blob") != 0 ||
      rounds_json_get_string (rounds_json_get_object (blob, "ref"), "$link") == NULL)
    {
      set_malformed (&error, "uploadBlob");
      g_task_return_error (task, error);
      return;
    }

  entry = json_object_new ();
  json_object_set_string_member (entry, "alt", prepared->alt);
  json_object_set_member (entry, "image",
                          json_node_copy (json_object_get_member (json_node_get_object (root),
                                                                  "blob")));
  ratio = json_object_new ();
  json_object_set_int_member (ratio, "width", prepared->width);
  json_object_set_int_member (ratio, "height", prepared->height);
  json_object_set_object_member (entry, "aspectRatio", ratio);
  image = json_node_init_object (json_node_alloc (), entry);
  json_object_unref (entry);
  json_array_add_element (json_node_get_array (publish->embed_images), g_steal_pointer (&image));

  publish->next_image++;
  upload_next_image (g_steal_pointer (&task));
}

static void
upload_next_image (GTask *task)
{
  RoundsBlueskyConnector *self = g_task_get_source_object (task);
  Publish *publish = g_task_get_task_data (task);
  Prepared *prepared;
  Call *call;

  if (publish->next_image >= publish->prepared->len)
    {
      create_record (task);
      return;
    }
  prepared = g_ptr_array_index (publish->prepared, publish->next_image);
  call = call_new ("POST", "com.atproto.repo.uploadBlob", NULL, TRUE);
  call->body = g_bytes_ref (prepared->bytes);
  call->content_type = g_strdup (prepared->mime_type);
  bsky_call_async (self, call, g_task_get_cancellable (task), on_blob_uploaded_cb, task);
}

/* In a worker: read and, if needed, shrink every image. */
static void
prepare_images_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  RoundsOutgoing *outgoing = task_data;
  g_autoptr(GPtrArray) prepared = g_ptr_array_new_with_free_func ((GDestroyNotify) prepared_free);

  for (guint i = 0; i < outgoing->media->len; i++)
    {
      RoundsOutgoingMedia *media = g_ptr_array_index (outgoing->media, i);
      Prepared *item = g_new0 (Prepared, 1);
      gboolean downscaled = FALSE;
      GError *error = NULL;

      item->bytes = rounds_bluesky_prepare_image (media->path, media->mime_type,
                                                  ROUNDS_BLUESKY_MAX_IMAGE_BYTES,
                                                  &item->mime_type, &item->width, &item->height,
                                                  &downscaled, &error);
      if (item->bytes == NULL)
        {
          prepared_free (item);
          g_task_return_error (task, error);
          return;
        }
      item->alt = g_strdup (media->alt_text ? media->alt_text : "");
      if (downscaled)
        g_object_set_data (G_OBJECT (task), "downscaled", GINT_TO_POINTER (TRUE));
      g_ptr_array_add (prepared, item);
    }
  g_task_return_pointer (task, g_steal_pointer (&prepared), (GDestroyNotify) g_ptr_array_unref);
}

static void
on_images_prepared_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Publish *publish = g_task_get_task_data (task);
  GError *error = NULL;

  publish->prepared = g_task_propagate_pointer (G_TASK (result), &error);
  if (publish->prepared == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  publish->downscaled = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (result), "downscaled"));
  publish->embed_images = json_node_init_array (json_node_alloc (), json_array_new ());
  upload_next_image (g_steal_pointer (&task));
}

static void
start_publish (RoundsBlueskyConnector *self,
               GTask                  *task)
{
  Publish *publish = g_task_get_task_data (task);
  GTask *prepare;

  if (publish->outgoing->media->len > ROUNDS_BLUESKY_MAX_IMAGES)
    {
      g_task_return_new_error (task, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_REJECTED,
                               _("Bluesky takes at most %d images in a post"),
                               ROUNDS_BLUESKY_MAX_IMAGES);
      g_object_unref (task);
      return;
    }
  if (publish->outgoing->media->len == 0)
    {
      create_record (task);
      return;
    }
  prepare = g_task_new (self, g_task_get_cancellable (task), on_images_prepared_cb, task);
  g_task_set_task_data (prepare, rounds_outgoing_copy (publish->outgoing),
                        (GDestroyNotify) rounds_outgoing_free);
  g_task_run_in_thread (prepare, prepare_images_thread);
  g_object_unref (prepare);
}

static GTask *
publish_task_new (RoundsBlueskyConnector *self,
                  const RoundsOutgoing   *outgoing,
                  gpointer                tag,
                  GCancellable           *cancellable,
                  GAsyncReadyCallback     callback,
                  gpointer                user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Publish *publish = g_new0 (Publish, 1);

  g_task_set_source_tag (task, tag);
  publish->outgoing = rounds_outgoing_copy (outgoing);
  if (outgoing->idempotency_key != NULL)
    publish->rkey = rounds_bluesky_rkey_for_key (outgoing->idempotency_key);
  else
    {
      g_autofree char *random_key = g_uuid_string_random ();
      publish->rkey = rounds_bluesky_rkey_for_key (random_key);
    }
  g_task_set_task_data (task, publish, (GDestroyNotify) publish_free);
  return task;
}

static void
bluesky_publish_async (RoundsConnector      *connector,
                       const RoundsOutgoing *outgoing,
                       GCancellable         *cancellable,
                       GAsyncReadyCallback   callback,
                       gpointer              user_data)
{
  RoundsBlueskyConnector *self = ROUNDS_BLUESKY_CONNECTOR (connector);

  start_publish (self, publish_task_new (self, outgoing, bluesky_publish_async,
                                         cancellable, callback, user_data));
}

static RoundsRemotePost *
bluesky_publish_finish (RoundsConnector  *connector,
                        GAsyncResult     *result,
                        GError          **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* A reply needs strong refs (uri + cid) of the thread's root and of the
 * post answered: read both records. */
typedef struct
{
  char     *uri;
  JsonNode *ref;
  JsonNode *reply_root;   /* the answered post's own reply.root, if any */
} RefLookup;

static void
on_parent_ref_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data);

static Call *
get_record_call (const char *uri)
{
  g_auto(GStrv) parts = NULL;
  g_autofree char *repo = NULL;
  g_autofree char *collection = NULL;
  g_autofree char *rkey = NULL;
  g_autofree char *query = NULL;

  if (!split_at_uri (uri, &parts))
    return NULL;
  repo = query_param ("repo", parts[0]);
  collection = query_param ("collection", parts[1]);
  rkey = query_param ("rkey", parts[2]);
  query = g_strdup_printf ("%s&%s&%s", repo, collection, rkey);
  return call_new ("GET", "com.atproto.repo.getRecord", query, TRUE);
}

static JsonNode *
strong_ref (JsonObject *record_answer)
{
  const char *uri = rounds_json_get_string (record_answer, "uri");
  const char *cid = rounds_json_get_string (record_answer, "cid");
  JsonObject *object;
  JsonNode *node;

  if (uri == NULL || cid == NULL || !g_str_has_prefix (uri, "at://"))
    return NULL;
  object = json_object_new ();
  json_object_set_string_member (object, "uri", uri);
  json_object_set_string_member (object, "cid", cid);
  node = json_node_init_object (json_node_alloc (), object);
  json_object_unref (object);
  return node;
}

static void
set_reply_and_publish (GTask    *task,
                       JsonNode *root,
                       JsonNode *parent)
{
  RoundsBlueskyConnector *self = g_task_get_source_object (task);
  Publish *publish = g_task_get_task_data (task);
  JsonObject *reply = json_object_new ();

  json_object_set_member (reply, "root", json_node_copy (root));
  json_object_set_member (reply, "parent", json_node_copy (parent));
  publish->reply = json_node_init_object (json_node_alloc (), reply);
  json_object_unref (reply);
  start_publish (self, task);
}

static void
on_root_ref_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask *task = user_data;
  RoundsBlueskyConnector *self = ROUNDS_BLUESKY_CONNECTOR (source);
  JsonNode *parent = g_object_get_data (G_OBJECT (task), "parent-ref");
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) ref = NULL;
  GError *error = NULL;

  root = bsky_call_finish (self, result, &error);
  if (root == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  ref = strong_ref (json_node_get_object (root));
  if (ref == NULL)
    {
      set_malformed (&error, "getRecord");
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  set_reply_and_publish (task, ref, parent);
}

static void
on_parent_ref_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  RoundsBlueskyConnector *self = ROUNDS_BLUESKY_CONNECTOR (source);
  Publish *publish = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  JsonNode *parent;
  JsonObject *value;
  JsonNode *thread_root;
  const char *root_uri;
  GError *error = NULL;

  root = bsky_call_finish (self, result, &error);
  if (root == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  parent = strong_ref (json_node_get_object (root));
  if (parent == NULL)
    {
      set_malformed (&error, "getRecord");
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  g_object_set_data_full (G_OBJECT (task), "parent-ref", parent, (GDestroyNotify) json_node_unref);

  /* The root: the answered post's own reply.root if it is a reply, the
   * caller's reply_root_id otherwise, else the answered post itself. */
  value = rounds_json_get_object (json_node_get_object (root), "value");
  thread_root = rounds_json_get_object (rounds_json_get_object (value, "reply"), "root") != NULL
    ? json_object_get_member (rounds_json_get_object (value, "reply"), "root") : NULL;
  if (thread_root != NULL && rounds_json_get_string (json_node_get_object (thread_root), "uri") != NULL &&
      rounds_json_get_string (json_node_get_object (thread_root), "cid") != NULL)
    {
      g_autoptr(JsonNode) ref = strong_ref (json_node_get_object (thread_root));

      if (ref != NULL)
        {
          set_reply_and_publish (task, ref, parent);
          return;
        }
    }
  root_uri = publish->outgoing->reply_root_id;
  if (root_uri != NULL && g_strcmp0 (root_uri, publish->outgoing->reply_to_id) != 0)
    {
      Call *call = get_record_call (root_uri);

      if (call == NULL)
        {
          g_task_return_new_error (task, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_NOT_FOUND,
                                   _("The Bluesky thread to answer is not a Bluesky post"));
          g_object_unref (task);
          return;
        }
      bsky_call_async (self, call, g_task_get_cancellable (task), on_root_ref_cb, task);
      return;
    }
  set_reply_and_publish (task, parent, parent);
}

static void
bluesky_reply_async (RoundsConnector      *connector,
                     const RoundsOutgoing *outgoing,
                     GCancellable         *cancellable,
                     GAsyncReadyCallback   callback,
                     gpointer              user_data)
{
  RoundsBlueskyConnector *self = ROUNDS_BLUESKY_CONNECTOR (connector);
  GTask *task = publish_task_new (self, outgoing, bluesky_reply_async,
                                  cancellable, callback, user_data);
  Call *call = get_record_call (outgoing->reply_to_id);

  if (call == NULL)
    {
      g_task_return_new_error (task, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_NOT_FOUND,
                               _("The post to answer is not a Bluesky post"));
      g_object_unref (task);
      return;
    }
  bsky_call_async (self, call, cancellable, on_parent_ref_cb, task);
}

static RoundsRemotePost *
bluesky_reply_finish (RoundsConnector  *connector,
                      GAsyncResult     *result,
                      GError          **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------ */
/* lookup and delete                                                    */

static void
on_lookup_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RoundsBlueskyConnector *self = ROUNDS_BLUESKY_CONNECTOR (source);
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;
  RoundsRemotePost *post;

  root = bsky_call_finish (self, result, &error);
  if (root == NULL)
    {
      if (g_error_matches (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_NOT_FOUND))
        {
          /* Not there: safe to send. */
          g_error_free (error);
          g_task_return_pointer (task, NULL, NULL);
          return;
        }
      g_task_return_error (task, error);
      return;
    }
  post = remote_post_from_ref (self, json_node_get_object (root), FALSE);
  if (post == NULL)
    {
      set_malformed (&error, "getRecord");
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, post, (GDestroyNotify) rounds_remote_post_free);
}

static void
bluesky_lookup_async (RoundsConnector      *connector,
                      const RoundsOutgoing *outgoing,
                      gint64                sent_after,
                      GCancellable         *cancellable,
                      GAsyncReadyCallback   callback,
                      gpointer              user_data)
{
  RoundsBlueskyConnector *self = ROUNDS_BLUESKY_CONNECTOR (connector);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *rkey = NULL;
  g_autofree char *uri = NULL;

  g_task_set_source_tag (task, bluesky_lookup_async);
  if (outgoing->idempotency_key == NULL || self->did == NULL)
    {
      g_task_return_new_error (task, ROUNDS_CONNECTOR_ERROR,
                               self->did == NULL ? ROUNDS_CONNECTOR_ERROR_AUTH_EXPIRED
                                                 : ROUNDS_CONNECTOR_ERROR_UNSUPPORTED,
                               self->did == NULL ? _("This Bluesky account is not signed in")
                                                 : _("Nothing to look for: no idempotency key"));
      g_object_unref (task);
      return;
    }
  rkey = rounds_bluesky_rkey_for_key (outgoing->idempotency_key);
  uri = g_strdup_printf ("at://%s/" POST_COLLECTION "/%s", self->did, rkey);
  bsky_call_async (self, get_record_call (uri), cancellable, on_lookup_cb, task);
}

static RoundsRemotePost *
bluesky_lookup_finish (RoundsConnector  *connector,
                       GAsyncResult     *result,
                       GError          **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_deleted_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;

  root = bsky_call_finish (ROUNDS_BLUESKY_CONNECTOR (source), result, &error);
  if (root == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
bluesky_delete_async (RoundsConnector     *connector,
                      const char          *remote_id,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  RoundsBlueskyConnector *self = ROUNDS_BLUESKY_CONNECTOR (connector);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  g_auto(GStrv) parts = NULL;
  g_autoptr(JsonNode) body = NULL;
  JsonObject *object;

  g_task_set_source_tag (task, bluesky_delete_async);
  if (!split_at_uri (remote_id, &parts) || self->did == NULL ||
      !g_str_equal (parts[0], self->did))
    {
      g_task_return_new_error (task, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_NOT_FOUND,
                               _("This is not a post of this Bluesky account"));
      g_object_unref (task);
      return;
    }
  object = json_object_new ();
  json_object_set_string_member (object, "repo", parts[0]);
  json_object_set_string_member (object, "collection", parts[1]);
  json_object_set_string_member (object, "rkey", parts[2]);
  body = json_node_init_object (json_node_alloc (), object);
  json_object_unref (object);
  bsky_call_async (self, call_new_json ("com.atproto.repo.deleteRecord", body, TRUE),
                   cancellable, on_deleted_cb, task);
}

static gboolean
bluesky_delete_finish (RoundsConnector  *connector,
                       GAsyncResult     *result,
                       GError          **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ------------------------------------------------------------------ */
/* list replies (app.bsky.notification.listNotifications, AppView)      */

/* Rounds' cursor is the indexedAt of the newest reply already seen (an
 * ISO 8601 string); the network's cursor pages backwards in time, so pages
 * are read until a reply at or before ours shows up. */
typedef struct
{
  char      *since;        /* our cursor, or NULL */
  char      *newest;       /* newest indexedAt seen in this poll */
  GPtrArray *comments;     /* newest first while reading */
  guint      pages;
} ListReplies;

static void
list_replies_free (ListReplies *list)
{
  g_free (list->since);
  g_free (list->newest);
  g_clear_pointer (&list->comments, g_ptr_array_unref);
  g_free (list);
}

static int
compare_iso (const char *a,
             const char *b)
{
  gint64 ta = parse_iso_time (a);
  gint64 tb = parse_iso_time (b);

  if (ta != tb)
    return ta < tb ? -1 : 1;
  return g_strcmp0 (a, b);
}

static RoundsRemoteComment *
comment_from_notification (JsonObject *item)
{
  JsonObject *author = rounds_json_get_object (item, "author");
  JsonObject *record = rounds_json_get_object (item, "record");
  JsonObject *reply = rounds_json_get_object (record, "reply");
  const char *uri = rounds_json_get_string (item, "uri");
  const char *handle = rounds_json_get_string (author, "handle");
  const char *text = rounds_json_get_string (record, "text");
  RoundsRemoteComment *comment;

  if (uri == NULL || !g_str_has_prefix (uri, "at://") || text == NULL)
    return NULL;
  comment = rounds_remote_comment_new ();
  comment->kind = ROUNDS_REMOTE_COMMENT_REPLY;
  comment->remote_id = g_strdup (uri);
  comment->thread_id = g_strdup (rounds_json_get_string (rounds_json_get_object (reply, "root"), "uri"));
  comment->parent_id = g_strdup (rounds_json_get_string (rounds_json_get_object (reply, "parent"), "uri"));
  if (comment->parent_id == NULL)
    comment->parent_id = g_strdup (rounds_json_get_string (item, "reasonSubject"));
  comment->author_handle = g_strdup (handle);
  comment->author_name = g_strdup (rounds_json_get_string (author, "displayName") ? rounds_json_get_string (author, "displayName")
                                                                       : handle);
  comment->text = g_strdup (text);
  comment->url = post_web_url (handle ? handle : rounds_json_get_string (author, "did"), uri);
  comment->created_at = parse_iso_time (rounds_json_get_string (record, "createdAt"));
  if (comment->created_at == 0)
    comment->created_at = parse_iso_time (rounds_json_get_string (item, "indexedAt"));
  return comment;
}

static void fetch_notifications (GTask *task, const char *page_cursor);

static void
on_notifications_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RoundsBlueskyConnector *self = ROUNDS_BLUESKY_CONNECTOR (source);
  ListReplies *list = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;
  JsonArray *items;
  const char *next;
  gboolean reached = FALSE;
  guint i;

  root = bsky_call_finish (self, result, &error);
  if (root == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  items = rounds_json_get_array (json_node_get_object (root), "notifications");
  if (items == NULL)
    {
      set_malformed (&error, "listNotifications");
      g_task_return_error (task, error);
      return;
    }
  for (i = 0; i < json_array_get_length (items); i++)
    {
      JsonNode *node = json_array_get_element (items, i);
      JsonObject *item = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *indexed = rounds_json_get_string (item, "indexedAt");
      RoundsRemoteComment *comment;

      if (item == NULL || indexed == NULL || parse_iso_time (indexed) == 0)
        continue;   /* unreadable item: skip it, keep the rest */
      if (list->since != NULL && compare_iso (indexed, list->since) <= 0)
        {
          reached = TRUE;
          break;
        }
      if (g_strcmp0 (rounds_json_get_string (item, "reason"), "reply") != 0)
        continue;
      if (list->newest == NULL || compare_iso (indexed, list->newest) > 0)
        {
          g_free (list->newest);
          list->newest = g_strdup (indexed);
        }
      comment = comment_from_notification (item);
      if (comment != NULL)
        g_ptr_array_add (list->comments, comment);
    }

  next = rounds_json_get_string (json_node_get_object (root), "cursor");
  list->pages++;
  if (!reached && next != NULL && next[0] != '\0' && json_array_get_length (items) > 0 &&
      list->pages < MAX_REPLY_PAGES)
    {
      fetch_notifications (g_steal_pointer (&task), next);
      return;
    }

  /* Oldest first, as the interface promises. */
  {
    GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) rounds_remote_comment_free);

    for (i = list->comments->len; i > 0; i--)
      g_ptr_array_add (out, g_ptr_array_steal_index (list->comments, i - 1));
    g_task_return_pointer (task, out, (GDestroyNotify) g_ptr_array_unref);
  }
}

static void
fetch_notifications (GTask      *task,
                     const char *page_cursor)
{
  RoundsBlueskyConnector *self = g_task_get_source_object (task);
  g_autofree char *query = NULL;

  if (page_cursor != NULL)
    {
      g_autofree char *cursor = query_param ("cursor", page_cursor);
      query = g_strdup_printf ("reasons=reply&limit=50&%s", cursor);
    }
  else
    query = g_strdup ("reasons=reply&limit=50");
  bsky_call_async (self, call_new ("GET", "app.bsky.notification.listNotifications", query, TRUE),
                   g_task_get_cancellable (task), on_notifications_cb, task);
}

static void
bluesky_list_replies_async (RoundsConnector     *connector,
                            const char          *cursor,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  RoundsBlueskyConnector *self = ROUNDS_BLUESKY_CONNECTOR (connector);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  ListReplies *list = g_new0 (ListReplies, 1);

  g_task_set_source_tag (task, bluesky_list_replies_async);
  list->since = cursor != NULL && parse_iso_time (cursor) != 0 ? g_strdup (cursor) : NULL;
  list->comments = g_ptr_array_new_with_free_func ((GDestroyNotify) rounds_remote_comment_free);
  g_task_set_task_data (task, list, (GDestroyNotify) list_replies_free);
  fetch_notifications (task, NULL);
}

static GPtrArray *
bluesky_list_replies_finish (RoundsConnector  *connector,
                             GAsyncResult     *result,
                             char            **new_cursor,
                             GError          **error)
{
  ListReplies *list = g_task_get_task_data (G_TASK (result));
  GPtrArray *comments = g_task_propagate_pointer (G_TASK (result), error);

  if (comments != NULL && new_cursor != NULL)
    *new_cursor = g_strdup (list->newest ? list->newest : list->since);
  return comments;
}

/* ------------------------------------------------------------------ */
/* metrics (app.bsky.actor.getProfile, app.bsky.feed.getPosts; AppView) */

typedef struct
{
  GStrv      uris;
  guint      next;
  GPtrArray *metrics;
} Metrics;

static void
metrics_free (Metrics *metrics)
{
  g_strfreev (metrics->uris);
  g_clear_pointer (&metrics->metrics, g_ptr_array_unref);
  g_free (metrics);
}

/* Bluesky's counter → Rounds' metric name. */
static const struct { const char *field; const char *metric; } post_counters[] = {
  { "likeCount", "likes" },
  { "repostCount", "shares" },
  { "quoteCount", "shares" },
  { "replyCount", "comments" },
  { "bookmarkCount", "saves" },
};

static void fetch_posts_page (GTask *task);

static void
on_posts_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Metrics *metrics = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;
  JsonArray *posts;

  root = bsky_call_finish (ROUNDS_BLUESKY_CONNECTOR (source), result, &error);
  if (root == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  posts = rounds_json_get_array (json_node_get_object (root), "posts");
  if (posts == NULL)
    {
      set_malformed (&error, "getPosts");
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 0; i < json_array_get_length (posts); i++)
    {
      JsonNode *node = json_array_get_element (posts, i);
      JsonObject *post = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *uri = rounds_json_get_string (post, "uri");
      gint64 sums[G_N_ELEMENTS (post_counters)] = { 0 };
      gboolean seen[G_N_ELEMENTS (post_counters)] = { FALSE };

      /* Only answers about the posts we asked for. */
      if (uri == NULL || !g_strv_contains ((const char * const *) metrics->uris, uri))
        continue;
      for (guint c = 0; c < G_N_ELEMENTS (post_counters); c++)
        {
          gint64 value;
          guint first = c;

          if (!get_count (post, post_counters[c].field, &value))
            continue;
          for (guint d = 0; d < c; d++)
            if (g_str_equal (post_counters[d].metric, post_counters[c].metric))
              {
                first = d;
                break;
              }
          sums[first] += value;
          seen[first] = TRUE;
        }
      for (guint c = 0; c < G_N_ELEMENTS (post_counters); c++)
        if (seen[c])
          g_ptr_array_add (metrics->metrics,
                           rounds_metric_new (uri, post_counters[c].metric, sums[c]));
    }
  fetch_posts_page (g_steal_pointer (&task));
}

static void
fetch_posts_page (GTask *task)
{
  RoundsBlueskyConnector *self = g_task_get_source_object (task);
  Metrics *metrics = g_task_get_task_data (task);
  g_autoptr(GString) query = g_string_new (NULL);
  guint n = 0;

  while (metrics->uris[metrics->next] != NULL && n < MAX_METRIC_URIS)
    {
      g_autofree char *param = query_param ("uris", metrics->uris[metrics->next]);

      if (query->len > 0)
        g_string_append_c (query, '&');
      g_string_append (query, param);
      metrics->next++;
      n++;
    }
  if (n == 0)
    {
      g_task_return_pointer (task, g_steal_pointer (&metrics->metrics),
                             (GDestroyNotify) g_ptr_array_unref);
      g_object_unref (task);
      return;
    }
  bsky_call_async (self, call_new ("GET", "app.bsky.feed.getPosts", query->str, TRUE),
                   g_task_get_cancellable (task), on_posts_cb, task);
}

static void
on_profile_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Metrics *metrics = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;
  gint64 followers;

  root = bsky_call_finish (ROUNDS_BLUESKY_CONNECTOR (source), result, &error);
  if (root == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (!get_count (json_node_get_object (root), "followersCount", &followers))
    {
      set_malformed (&error, "getProfile");
      g_task_return_error (task, error);
      return;
    }
  g_ptr_array_add (metrics->metrics, rounds_metric_new (NULL, "followers", followers));
  fetch_posts_page (g_steal_pointer (&task));
}

static void
bluesky_fetch_metrics_async (RoundsConnector     *connector,
                             const char * const  *remote_ids,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  RoundsBlueskyConnector *self = ROUNDS_BLUESKY_CONNECTOR (connector);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Metrics *metrics = g_new0 (Metrics, 1);
  g_autofree char *query = NULL;
  g_autoptr(GStrvBuilder) uris = g_strv_builder_new ();

  g_task_set_source_tag (task, bluesky_fetch_metrics_async);
  for (guint i = 0; remote_ids != NULL && remote_ids[i] != NULL; i++)
    if (g_str_has_prefix (remote_ids[i], "at://"))
      g_strv_builder_add (uris, remote_ids[i]);
  metrics->uris = g_strv_builder_end (uris);
  metrics->metrics = g_ptr_array_new_with_free_func ((GDestroyNotify) rounds_metric_free);
  g_task_set_task_data (task, metrics, (GDestroyNotify) metrics_free);
  if (self->did == NULL)
    {
      g_task_return_new_error (task, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_AUTH_EXPIRED,
                               _("This Bluesky account is not signed in"));
      g_object_unref (task);
      return;
    }
  query = query_param ("actor", self->did);
  bsky_call_async (self, call_new ("GET", "app.bsky.actor.getProfile", query, TRUE),
                   cancellable, on_profile_cb, task);
}

static GPtrArray *
bluesky_fetch_metrics_finish (RoundsConnector  *connector,
                              GAsyncResult     *result,
                              GError          **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------ */
/* gone replies (app.bsky.feed.getPosts, then com.atproto.repo.getRecord) */

/* getPosts answers for up to 25 posts at once and leaves out those it does
 * not show; that is not proof of deletion (the AppView also hides posts of
 * accounts that blocked the practice, or taken down ones), so each missing
 * one is asked for once more, from its author's repository: only
 * RecordNotFound calls it gone. */
typedef struct
{
  GStrv      uris;      /* the at:// ones among the ids asked about */
  guint      next;      /* next in uris for getPosts */
  GPtrArray *missing;   /* not shown by getPosts */
  guint      checked;   /* of missing, asked with getRecord */
  GPtrArray *gone;
} CheckGone;

static void
check_gone_free (CheckGone *check)
{
  g_strfreev (check->uris);
  g_ptr_array_unref (check->missing);
  g_clear_pointer (&check->gone, g_ptr_array_unref);
  g_free (check);
}

static void check_gone_next (GTask *task);

static void
on_gone_record_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CheckGone *check = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;

  root = bsky_call_finish (ROUNDS_BLUESKY_CONNECTOR (source), result, &error);
  if (root == NULL)
    {
      if (!g_error_matches (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_NOT_FOUND))
        {
          g_task_return_error (task, error);
          return;
        }
      g_clear_error (&error);
      g_ptr_array_add (check->gone, g_strdup (g_ptr_array_index (check->missing, check->checked)));
    }
  check->checked++;
  check_gone_next (g_steal_pointer (&task));
}

static void
on_gone_posts_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CheckGone *check = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GHashTable) shown = g_hash_table_new (g_str_hash, g_str_equal);
  GError *error = NULL;
  JsonArray *posts;
  guint end = check->next;

  root = bsky_call_finish (ROUNDS_BLUESKY_CONNECTOR (source), result, &error);
  if (root == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  posts = rounds_json_get_array (json_node_get_object (root), "posts");
  if (posts == NULL)
    {
      set_malformed (&error, "getPosts");
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 0; i < json_array_get_length (posts); i++)
    {
      JsonNode *node = json_array_get_element (posts, i);
      const char *uri;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      uri = rounds_json_get_string (json_node_get_object (node), "uri");
      if (uri != NULL)
        g_hash_table_add (shown, (gpointer) uri);
    }
  /* This page was uris[page-start … end). */
  for (guint i = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (task), "page-start"));
       i < end; i++)
    if (!g_hash_table_contains (shown, check->uris[i]))
      g_ptr_array_add (check->missing, g_strdup (check->uris[i]));
  check_gone_next (g_steal_pointer (&task));
}

static void
check_gone_next (GTask *task)
{
  RoundsBlueskyConnector *self = g_task_get_source_object (task);
  CheckGone *check = g_task_get_task_data (task);

  if (check->uris[check->next] != NULL)
    {
      g_autoptr(GString) query = g_string_new (NULL);
      guint n = 0;

      g_object_set_data (G_OBJECT (task), "page-start", GUINT_TO_POINTER (check->next));
      while (check->uris[check->next] != NULL && n < MAX_METRIC_URIS)
        {
          g_autofree char *param = query_param ("uris", check->uris[check->next]);

          if (query->len > 0)
            g_string_append_c (query, '&');
          g_string_append (query, param);
          check->next++;
          n++;
        }
      bsky_call_async (self, call_new ("GET", "app.bsky.feed.getPosts", query->str, TRUE),
                       g_task_get_cancellable (task), on_gone_posts_cb, task);
      return;
    }
  if (check->checked < check->missing->len)
    {
      Call *call = get_record_call (g_ptr_array_index (check->missing, check->checked));

      bsky_call_async (self, call, g_task_get_cancellable (task), on_gone_record_cb, task);
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&check->gone), (GDestroyNotify) g_ptr_array_unref);
  g_object_unref (task);
}

static void
bluesky_check_gone_async (RoundsConnector     *connector,
                          const char * const  *remote_ids,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task = g_task_new (connector, cancellable, callback, user_data);
  CheckGone *check = g_new0 (CheckGone, 1);
  g_autoptr(GStrvBuilder) uris = g_strv_builder_new ();
  g_auto(GStrv) parts = NULL;

  g_task_set_source_tag (task, bluesky_check_gone_async);
  for (guint i = 0; remote_ids[i] != NULL; i++)
    {
      g_clear_pointer (&parts, g_strfreev);
      /* Only well-formed post URIs: anything else is not asked about. */
      if (split_at_uri (remote_ids[i], &parts) && g_str_equal (parts[1], POST_COLLECTION))
        g_strv_builder_add (uris, remote_ids[i]);
    }
  check->uris = g_strv_builder_end (uris);
  check->missing = g_ptr_array_new_with_free_func (g_free);
  check->gone = g_ptr_array_new_with_free_func (g_free);
  g_task_set_task_data (task, check, (GDestroyNotify) check_gone_free);
  check_gone_next (task);
}

static GPtrArray *
bluesky_check_gone_finish (RoundsConnector  *connector,
                           GAsyncResult     *result,
                           GError          **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------ */
/* GObject                                                              */

static RoundsNetwork
bluesky_get_network (RoundsConnector *connector)
{
  return ROUNDS_NETWORK_BLUESKY;
}

static RoundsConnectorCapabilities
bluesky_get_capabilities (RoundsConnector *connector)
{
  return ROUNDS_CONNECTOR_CAN_PUBLISH | ROUNDS_CONNECTOR_CAN_PUBLISH_MEDIA |
         ROUNDS_CONNECTOR_CAN_DELETE | ROUNDS_CONNECTOR_CAN_LOOKUP |
         ROUNDS_CONNECTOR_CAN_LIST_REPLIES | ROUNDS_CONNECTOR_CAN_REPLY |
         ROUNDS_CONNECTOR_CAN_FETCH_METRICS | ROUNDS_CONNECTOR_CAN_CHECK_GONE;
}

static void
rounds_bluesky_connector_iface_init (RoundsConnectorInterface *iface)
{
  iface->get_network = bluesky_get_network;
  iface->get_capabilities = bluesky_get_capabilities;
  iface->verify_async = bluesky_verify_async;
  iface->verify_finish = bluesky_verify_finish;
  iface->publish_async = bluesky_publish_async;
  iface->publish_finish = bluesky_publish_finish;
  iface->lookup_async = bluesky_lookup_async;
  iface->lookup_finish = bluesky_lookup_finish;
  iface->delete_async = bluesky_delete_async;
  iface->delete_finish = bluesky_delete_finish;
  iface->list_replies_async = bluesky_list_replies_async;
  iface->list_replies_finish = bluesky_list_replies_finish;
  iface->reply_async = bluesky_reply_async;
  iface->reply_finish = bluesky_reply_finish;
  iface->fetch_metrics_async = bluesky_fetch_metrics_async;
  iface->fetch_metrics_finish = bluesky_fetch_metrics_finish;
  iface->check_gone_async = bluesky_check_gone_async;
  iface->check_gone_finish = bluesky_check_gone_finish;
}

static void
rounds_bluesky_connector_finalize (GObject *object)
{
  RoundsBlueskyConnector *self = ROUNDS_BLUESKY_CONNECTOR (object);

  g_assert (self->refresh_waiters == NULL || self->refresh_waiters->len == 0);
  g_clear_pointer (&self->refresh_waiters, g_ptr_array_unref);
  clear_credentials (self);
  g_free (self->base_url);
  g_clear_object (&self->http);

  G_OBJECT_CLASS (rounds_bluesky_connector_parent_class)->finalize (object);
}

static void
rounds_bluesky_connector_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  RoundsBlueskyConnector *self = ROUNDS_BLUESKY_CONNECTOR (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;
    case PROP_CREDENTIALS:
      g_value_take_string (value, dump_credentials (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rounds_bluesky_connector_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  RoundsBlueskyConnector *self = ROUNDS_BLUESKY_CONNECTOR (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      rounds_connector_set_base_url (&self->base_url, g_value_get_string (value),
                                     ROUNDS_BLUESKY_ENTRYWAY);
      break;
    case PROP_CREDENTIALS:
      load_credentials (self, g_value_get_string (value));
      g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rounds_bluesky_connector_class_init (RoundsBlueskyConnectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rounds_bluesky_connector_finalize;
  object_class->get_property = rounds_bluesky_connector_get_property;
  object_class->set_property = rounds_bluesky_connector_set_property;

  g_object_class_override_property (object_class, PROP_BASE_URL, "base-url");
  g_object_class_override_property (object_class, PROP_CREDENTIALS, "credentials");
}

static void
rounds_bluesky_connector_init (RoundsBlueskyConnector *self)
{
  self->http = rounds_http_client_new (ROUNDS_HTTP_STYLE_ATPROTO);
  self->base_url = g_strdup (ROUNDS_BLUESKY_ENTRYWAY);
}

RoundsConnector *
rounds_bluesky_connector_new (const char *base_url,
                              const char *credentials)
{
  return g_object_new (ROUNDS_TYPE_BLUESKY_CONNECTOR,
                       "base-url", base_url,
                       "credentials", credentials,
                       NULL);
}

void
rounds_bluesky_connector_set_timeout (RoundsBlueskyConnector *self,
                                      guint                   seconds)
{
  g_return_if_fail (ROUNDS_IS_BLUESKY_CONNECTOR (self));

  rounds_http_client_set_timeout (self->http, seconds);
}

/* ------------------------------------------------------------------ */
/* Sign-in and PDS resolution                                           */

static gboolean
is_usable_service_url (const char *url)
{
  g_autoptr(GUri) uri = url ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;
  const char *host;

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return FALSE;
  host = g_uri_get_host (uri);
  if (g_strcmp0 (g_uri_get_scheme (uri), "https") == 0)
    return TRUE;
  /* http only on this machine (tests, a local PDS). */
  return g_strcmp0 (g_uri_get_scheme (uri), "http") == 0 &&
         (g_str_equal (host, "localhost") || g_str_equal (host, "127.0.0.1") ||
          g_str_equal (host, "::1"));
}

/* The #atproto_pds service endpoint of a DID document. */
static char *
pds_from_did_doc (JsonObject *doc)
{
  JsonArray *services = rounds_json_get_array (doc, "service");

  for (guint i = 0; services != NULL && i < json_array_get_length (services); i++)
    {
      JsonNode *node = json_array_get_element (services, i);
      JsonObject *service = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *id = rounds_json_get_string (service, "id");
      const char *endpoint = rounds_json_get_string (service, "serviceEndpoint");

      if (id != NULL && g_str_has_suffix (id, "#atproto_pds") && is_usable_service_url (endpoint))
        {
          g_autofree char *url = g_strdup (endpoint);

          while (g_str_has_suffix (url, "/"))
            url[strlen (url) - 1] = '\0';
          return g_steal_pointer (&url);
        }
    }
  return NULL;
}

typedef struct
{
  char *plc_url;
  char *handle;
} Resolve;

static void
resolve_free (Resolve *resolve)
{
  g_free (resolve->plc_url);
  g_free (resolve->handle);
  g_free (resolve);
}

static void
on_did_doc_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;
  char *pds;

  root = rounds_http_client_send_json_finish (ROUNDS_HTTP_CLIENT (source), result, NULL, &error);
  if (root == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  pds = JSON_NODE_HOLDS_OBJECT (root) ? pds_from_did_doc (json_node_get_object (root)) : NULL;
  if (pds == NULL)
    {
      set_malformed (&error, "DID document without a PDS");
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, pds, g_free);
}

static void
on_handle_resolved_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RoundsHttpClient *http = ROUNDS_HTTP_CLIENT (source);
  Resolve *resolve = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(SoupMessage) message = NULL;
  g_autofree char *doc_url = NULL;
  GError *error = NULL;
  const char *did;

  root = rounds_http_client_send_json_finish (http, result, NULL, &error);
  if (root == NULL)
    {
      if (g_error_matches (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_REJECTED) ||
          g_error_matches (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_NOT_FOUND))
        {
          g_clear_error (&error);
          g_set_error (&error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_NOT_FOUND,
                       _("Bluesky knows no account “%s”"), resolve->handle);
        }
      g_task_return_error (task, error);
      return;
    }
  did = JSON_NODE_HOLDS_OBJECT (root) ? rounds_json_get_string (json_node_get_object (root), "did") : NULL;
  if (did != NULL && g_str_has_prefix (did, "did:plc:") && strchr (did, '/') == NULL &&
      strchr (did, '?') == NULL && strlen (did) < 100)
    doc_url = g_strdup_printf ("%s/%s", resolve->plc_url, did);
  else if (did != NULL && g_str_has_prefix (did, "did:web:") && strchr (did, '/') == NULL &&
           strlen (did) < 300)
    doc_url = g_strdup_printf ("https://%s/.well-known/did.json", did + strlen ("did:web:"));
  if (doc_url == NULL || (message = soup_message_new ("GET", doc_url)) == NULL)
    {
      set_malformed (&error, "resolveHandle");
      g_task_return_error (task, error);
      return;
    }
  {
    GCancellable *cancellable = g_task_get_cancellable (task);

    rounds_http_client_send_json_async (http, message, cancellable,
                                        on_did_doc_cb, g_steal_pointer (&task));
  }
}

void
rounds_bluesky_resolve_pds_async (const char          *resolver_url,
                                  const char          *plc_url,
                                  const char          *handle,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(RoundsHttpClient) http = rounds_http_client_new (ROUNDS_HTTP_STYLE_ATPROTO);
  g_autoptr(GTask) task = g_task_new (http, cancellable, callback, user_data);
  g_autoptr(SoupMessage) message = NULL;
  g_autofree char *query = NULL;
  g_autofree char *uri = NULL;
  Resolve *resolve = g_new0 (Resolve, 1);

  g_return_if_fail (handle != NULL);

  g_task_set_source_tag (task, rounds_bluesky_resolve_pds_async);
  resolve->plc_url = g_strdup (plc_url ? plc_url : ROUNDS_BLUESKY_PLC_DIRECTORY);
  resolve->handle = g_strdup (handle[0] == '@' ? handle + 1 : handle);
  g_task_set_task_data (task, resolve, (GDestroyNotify) resolve_free);

  query = query_param ("handle", resolve->handle);
  uri = g_strdup_printf ("%s/xrpc/com.atproto.identity.resolveHandle?%s",
                         resolver_url ? resolver_url : ROUNDS_BLUESKY_ENTRYWAY, query);
  message = soup_message_new ("GET", uri);
  if (message == NULL)
    {
      g_task_return_new_error (task, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_REJECTED,
                               _("“%s” is not a Bluesky handle"), resolve->handle);
      return;
    }
  rounds_http_client_send_json_async (http, message, cancellable, on_handle_resolved_cb,
                                      g_steal_pointer (&task));
}

char *
rounds_bluesky_resolve_pds_finish (GAsyncResult  *result,
                                   GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct
{
  char *identifier;
  char *password;
} SignIn;

static void
sign_in_free (SignIn *sign_in)
{
  g_free (sign_in->identifier);
  if (sign_in->password != NULL)
    memset (sign_in->password, 0, strlen (sign_in->password));
  g_free (sign_in->password);
  g_free (sign_in);
}

static void
on_session_created_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RoundsBlueskyConnector *self = ROUNDS_BLUESKY_CONNECTOR (source);
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;
  JsonObject *session;
  JsonObject *doc;
  g_autofree char *pds = NULL;

  root = bsky_call_finish (self, result, &error);
  if (root == NULL)
    {
      if (g_error_matches (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_AUTH_EXPIRED) ||
          g_error_matches (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_REJECTED))
        {
          g_clear_error (&error);
          g_set_error (&error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_AUTH_EXPIRED,
                       _("Bluesky did not accept this handle or app password"));
        }
      g_task_return_error (task, error);
      return;
    }
  session = json_node_get_object (root);
  if (!take_session (self, session, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  /* Signed in at the entryway: the account's own PDS, if the answer names
   * one, is where its calls go from now on. */
  doc = rounds_json_get_object (session, "didDoc");
  pds = doc ? pds_from_did_doc (doc) : NULL;
  if (pds != NULL && g_str_equal (self->base_url, ROUNDS_BLUESKY_ENTRYWAY))
    {
      g_free (self->base_url);
      self->base_url = g_steal_pointer (&pds);
    }
  g_task_return_pointer (task, account_info_from (self, session),
                         (GDestroyNotify) rounds_account_info_free);
}

static void
create_session (GTask      *task,
                const char *pds_url)
{
  SignIn *sign_in = g_task_get_task_data (task);
  g_autoptr(RoundsConnector) connector = rounds_bluesky_connector_new (pds_url, NULL);
  g_autoptr(JsonNode) body = NULL;
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "identifier", sign_in->identifier);
  json_object_set_string_member (object, "password", sign_in->password);
  body = json_node_init_object (json_node_alloc (), object);
  json_object_unref (object);
  g_object_set_data_full (G_OBJECT (task), "connector", g_object_ref (connector), g_object_unref);
  bsky_call_async (ROUNDS_BLUESKY_CONNECTOR (connector),
                   call_new_json ("com.atproto.server.createSession", body, FALSE),
                   g_task_get_cancellable (task), on_session_created_cb, task);
}

static void
on_pds_resolved_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GTask *task = user_data;
  g_autofree char *pds = NULL;
  GError *error = NULL;

  pds = rounds_bluesky_resolve_pds_finish (result, &error);
  if (pds == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  create_session (task, pds);
}

void
rounds_bluesky_sign_in_async (const char          *pds_url,
                              const char          *identifier,
                              const char          *app_password,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  SignIn *sign_in = g_new0 (SignIn, 1);
  g_autofree char *identifier_clean = NULL;

  g_return_if_fail (identifier != NULL);
  g_return_if_fail (app_password != NULL);

  g_task_set_source_tag (task, rounds_bluesky_sign_in_async);
  identifier_clean = g_strstrip (g_strdup (identifier[0] == '@' ? identifier + 1 : identifier));
  sign_in->identifier = g_steal_pointer (&identifier_clean);
  sign_in->password = g_strstrip (g_strdup (app_password));
  g_task_set_task_data (task, sign_in, (GDestroyNotify) sign_in_free);

  if (sign_in->identifier[0] == '\0' || sign_in->password[0] == '\0')
    {
      g_task_return_new_error (task, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_AUTH_EXPIRED,
                               _("Type the handle (or e-mail) and an app password"));
      g_object_unref (task);
      return;
    }
  if (pds_url != NULL && pds_url[0] != '\0')
    {
      if (!is_usable_service_url (pds_url))
        {
          g_task_return_new_error (task, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_REJECTED,
                                   _("The server address must start with https://"));
          g_object_unref (task);
          return;
        }
      create_session (task, pds_url);
    }
  else if (strchr (sign_in->identifier, '@') != NULL)
    create_session (task, ROUNDS_BLUESKY_ENTRYWAY);
  else
    rounds_bluesky_resolve_pds_async (NULL, NULL, sign_in->identifier, cancellable,
                                      on_pds_resolved_cb, task);
}

RoundsAccountInfo *
rounds_bluesky_sign_in_finish (GAsyncResult  *result,
                               char         **credentials,
                               char         **base_url,
                               GError       **error)
{
  GTask *task = G_TASK (result);
  RoundsAccountInfo *info;
  RoundsBlueskyConnector *connector;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  info = g_task_propagate_pointer (task, error);
  if (info == NULL)
    return NULL;
  connector = g_object_get_data (G_OBJECT (task), "connector");
  if (credentials != NULL)
    *credentials = connector ? dump_credentials (connector) : NULL;
  if (base_url != NULL)
    *base_url = connector ? g_strdup (connector->base_url) : NULL;
  return info;
}
