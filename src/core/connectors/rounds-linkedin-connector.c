/* rounds-linkedin-connector.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-linkedin"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "rounds-connector-task.h"
#include "rounds-json-fields.h"
#include "rounds-linkedin-connector.h"
#include "rounds-network-data.h"

/* Each operation is a short chain of REST calls: li_send () sends one and
 * names the function that reads the answer (a JSON object, or NULL for an
 * empty 201/204 body, and the response for its headers). Nothing here logs
 * a token, a post's text or a comment: only URNs and HTTP statuses. */

#define MAX_MEDIA_BYTES   (30 * 1024 * 1024)
#define LOOKUP_PAGES      4
#define LOOKUP_SKEW       (5 * 60)
#define PAGE_COUNT        "20"
#define REPLY_POSTS       20
#define COMMENT_PAGES     5
#define GONE_MAX          20
#define FALLBACK_VERSION  "202610"

struct _RoundsLinkedinConnector
{
  GObject           parent_instance;

  char             *base_url;
  char             *credentials;
  RoundsHttpClient *http;
};

static void connector_iface_init (RoundsConnectorInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RoundsLinkedinConnector, rounds_linkedin_connector, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (ROUNDS_TYPE_CONNECTOR, connector_iface_init))

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_CREDENTIALS,
  N_PROPS
};

typedef void (*LiNext) (GTask              *task,
                        JsonObject         *object,
                        RoundsHttpResponse *response);
typedef gboolean (*LiOnError) (GTask  *task,
                               GError *error);

typedef struct
{
  LiNext          next;
  LiOnError       on_error;
  RoundsOutgoing *outgoing;
  char           *wanted;
  gint64          sent_after;
  GPtrArray      *images;     /* image URNs uploaded */
  GPtrArray      *ids;        /* posts to visit */
  GPtrArray      *results;
  guint           index;
  guint           pages;
  guint           start;
  char           *upload_url;
  char           *pending_image;
  gint64          since;
  gint64          newest;
  char          **remote_ids;
} Op;

static void
op_free (Op *op)
{
  g_clear_pointer (&op->outgoing, rounds_outgoing_free);
  g_free (op->wanted);
  g_clear_pointer (&op->images, g_ptr_array_unref);
  g_clear_pointer (&op->ids, g_ptr_array_unref);
  g_clear_pointer (&op->results, g_ptr_array_unref);
  g_free (op->upload_url);
  g_free (op->pending_image);
  g_strfreev (op->remote_ids);
  g_free (op);
}

static Op *
op_new (void)
{
  Op *op = g_new0 (Op, 1);

  op->images = g_ptr_array_new_with_free_func (g_free);
  op->ids = g_ptr_array_new_with_free_func (g_free);
  return op;
}

/* Translators: %s names what was missing, e.g. "post id" */
#define fail_malformed(task, what) \
  rounds_connector_task_fail_printf ((task), ROUNDS_CONNECTOR_ERROR_MALFORMED, \
                                     _("LinkedIn's answer is missing the %s."), (what))

/* ------------------------------------------------------------------ */
/* JSON helpers                                                         */

static JsonObject *
array_object (JsonArray *array,
              guint      i)
{
  JsonNode *node = json_array_get_element (array, i);

  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static char *
dup_credential (RoundsLinkedinConnector *self,
                const char              *name)
{
  g_autoptr(JsonNode) root = NULL;
  JsonNode *node;

  if (self->credentials == NULL)
    return NULL;
  root = json_from_string (self->credentials, NULL);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  node = json_object_get_member (json_node_get_object (root), name);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node)[0] ? g_strdup (json_node_get_string (node)) : NULL;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  return NULL;
}

/* "urn:li:organization:123" */
static char *
dup_org_urn (RoundsLinkedinConnector *self)
{
  g_autofree char *id = dup_credential (self, "organization_id");

  if (id == NULL)
    return NULL;
  if (g_str_has_prefix (id, "urn:li:organization:"))
    return g_steal_pointer (&id);
  return g_strconcat ("urn:li:organization:", id, NULL);
}

static char *
escape (const char *text)
{
  return g_uri_escape_string (text, NULL, FALSE);
}

/* ------------------------------------------------------------------ */
/* Little text                                                          */

#define RESERVED "\\|{}@[]()<>#*_~"

char *
rounds_linkedin_escape_commentary (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text ? text : ""; *p != '\0'; p++)
    {
      /* "#word" stays a hashtag; a lone # is text. */
      if (*p == '#' && (g_ascii_isalnum (p[1]) || (guchar) p[1] >= 0x80))
        g_string_append_c (out, '#');
      else if (strchr (RESERVED, *p) != NULL)
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
        }
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

char *
rounds_linkedin_unescape_commentary (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text ? text : ""; *p != '\0'; p++)
    {
      if (*p == '\\' && p[1] != '\0' && strchr (RESERVED, p[1]) != NULL)
        p++;
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

const char *
rounds_linkedin_api_version (void)
{
  const char *version = rounds_network_data_get_string (ROUNDS_NETWORK_LINKEDIN, "version");

  return version ? version : FALLBACK_VERSION;
}

/* ------------------------------------------------------------------ */
/* Requests                                                             */

static void
add_headers (SoupMessage *message,
             const char  *token)
{
  SoupMessageHeaders *headers = soup_message_get_request_headers (message);

  soup_message_headers_replace (headers, "Linkedin-Version", rounds_linkedin_api_version ());
  soup_message_headers_replace (headers, "X-Restli-Protocol-Version", "2.0.0");
  soup_message_headers_replace (headers, "Accept", "application/json");
  rounds_http_message_set_bearer (message, token);
}

/* @path_and_query already escaped. */
static SoupMessage *
li_message (RoundsLinkedinConnector  *self,
            const char               *method,
            const char               *path_and_query,
            JsonNode                 *body,
            GError                  **error)
{
  g_autofree char *token = dup_credential (self, "access_token");
  g_autofree char *uri = NULL;
  SoupMessage *message;

  if (token == NULL)
    {
      g_set_error_literal (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_AUTH_EXPIRED,
                           _("This LinkedIn account is not signed in. Reconnect the account."));
      return NULL;
    }
  uri = g_strconcat (self->base_url, path_and_query, NULL);
  message = body ? rounds_http_message_new_json (method, uri, body) : soup_message_new (method, uri);
  if (message == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The LinkedIn address is not usable."));
      return NULL;
    }
  add_headers (message, token);
  return message;
}

/* LinkedIn's daily limits reset at midnight UTC and it sends no hint. */
static gint64
next_midnight_utc (gint64 now)
{
  return (now / 86400 + 1) * 86400;
}

static void
on_li_sent (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  RoundsLinkedinConnector *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(RoundsHttpResponse) response = NULL;
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;
  LiNext next = op->next;
  LiOnError on_error = op->on_error;

  op->next = NULL;
  op->on_error = NULL;

  response = rounds_http_client_send_finish (self->http, result, &error);
  if (response == NULL)
    {
      if (on_error == NULL || !on_error (task, error))
        rounds_connector_task_fail (task, error);
      return;
    }
  if (!rounds_http_response_check (response, ROUNDS_HTTP_STYLE_LINKEDIN, &error))
    {
      if (g_error_matches (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_RATE_LIMITED)
          && rounds_connector_error_get_retry_at (error) == 0)
        rounds_connector_set_error_retry_at (error, next_midnight_utc (response->received_at));
      g_debug ("%s %s answered %u", response->method, g_uri_get_path (response->uri), response->status);
      if (on_error == NULL || !on_error (task, error))
        rounds_connector_task_fail (task, error);
      return;
    }
  if (g_bytes_get_size (response->body) == 0)
    {
      next (task, NULL, response);
      return;
    }
  root = rounds_http_response_parse_json (response, &error);
  if (root == NULL)
    {
      rounds_connector_task_fail (task, error);
      return;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      fail_malformed (task, _("answer object"));
      return;
    }
  next (task, json_node_get_object (root), response);
}

/* Takes over the chain's reference on @task; @message may be NULL (then
 * @error says why). */
static void
li_send (GTask       *task,
         SoupMessage *message,
         GError      *error,
         LiNext       next)
{
  RoundsLinkedinConnector *self = g_task_get_source_object (task);

  if (message == NULL)
    {
      rounds_connector_task_fail (task, error);
      return;
    }
  ((Op *) g_task_get_task_data (task))->next = next;
  rounds_http_client_send_async (self->http, message, g_task_get_cancellable (task), on_li_sent, task);
  g_object_unref (message);
}

static void
li_call (GTask      *task,
         const char *method,
         const char *path_and_query,
         JsonNode   *body,
         LiNext      next)
{
  RoundsLinkedinConnector *self = g_task_get_source_object (task);
  GError *error = NULL;
  SoupMessage *message = li_message (self, method, path_and_query, body, &error);

  li_send (task, message, error, next);
}

static char *
post_url (const char *urn)
{
  return g_strconcat ("https://www.linkedin.com/feed/update/", urn, "/", NULL);
}

/* ------------------------------------------------------------------ */
/* verify                                                               */

static void
on_verified (GTask              *task,
             JsonObject         *object,
             RoundsHttpResponse *response)
{
  RoundsLinkedinConnector *self = g_task_get_source_object (task);
  RoundsAccountInfo *info;
  gint64 id = 0;
  const char *name = rounds_json_get_string (object, "localizedName");
  const char *vanity = rounds_json_get_string (object, "vanityName");
  g_autofree char *expires = dup_credential (self, "expires_at");

  if (!rounds_json_get_int (object, "id", &id) || name == NULL)
    {
      fail_malformed (task, _("organization"));
      return;
    }
  info = rounds_account_info_new ();
  info->remote_id = g_strdup_printf ("urn:li:organization:%" G_GINT64_FORMAT, id);
  info->handle = g_strdup (name);
  info->display_name = g_strdup (name);
  if (vanity != NULL)
    info->profile_url = g_strconcat ("https://www.linkedin.com/company/", vanity, "/", NULL);
  info->token_expires_at = expires ? g_ascii_strtoll (expires, NULL, 10) : 0;
  g_task_return_pointer (task, info, (GDestroyNotify) rounds_account_info_free);
  g_object_unref (task);
}

static void
linkedin_verify_async (RoundsConnector     *connector,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  RoundsLinkedinConnector *self = ROUNDS_LINKEDIN_CONNECTOR (connector);
  GTask *task = rounds_connector_task_new (self, linkedin_verify_async, op_new (),
                                           (GDestroyNotify) op_free, cancellable, callback,
                                           user_data);
  g_autofree char *id = dup_credential (self, "organization_id");
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;

  if (id == NULL)
    {
      rounds_connector_task_fail_literal (task, ROUNDS_CONNECTOR_ERROR_AUTH_EXPIRED,
                                          _("No LinkedIn page is chosen for this connection. "
                                            "Reconnect the account."));
      return;
    }
  if (g_str_has_prefix (id, "urn:li:organization:"))
    memmove (id, id + strlen ("urn:li:organization:"), strlen (id) - strlen ("urn:li:organization:") + 1);
  escaped = escape (id);
  path = g_strconcat ("/rest/organizations/", escaped, NULL);
  li_call (task, "GET", path, NULL, on_verified);
}

static RoundsAccountInfo *
linkedin_verify_finish (RoundsConnector  *connector,
                        GAsyncResult     *result,
                        GError          **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------ */
/* publish: images first, then the post                                 */

static void upload_next_image (GTask *task);

static void
on_posted (GTask              *task,
           JsonObject         *object,
           RoundsHttpResponse *response)
{
  RoundsLinkedinConnector *self = g_task_get_source_object (task);
  const char *urn = rounds_http_response_get_header (response, "x-restli-id");
  g_autofree char *url = NULL;

  if (urn == NULL || !g_str_has_prefix (urn, "urn:li:"))
    urn = rounds_json_get_string (object, "id");
  if (urn == NULL || !g_str_has_prefix (urn, "urn:li:"))
    {
      fail_malformed (task, _("post id"));
      return;
    }
  url = post_url (urn);
  g_debug ("Published %s", urn);
  g_task_return_pointer (task, rounds_remote_post_new (urn, url, rounds_http_client_now (self->http)),
                         (GDestroyNotify) rounds_remote_post_free);
  g_object_unref (task);
}

static void
create_post (GTask *task)
{
  RoundsLinkedinConnector *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autofree char *org = dup_org_urn (self);
  g_autofree char *commentary = rounds_linkedin_escape_commentary (op->outgoing->text);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;

  if (org == NULL)
    {
      rounds_connector_task_fail_literal (task, ROUNDS_CONNECTOR_ERROR_AUTH_EXPIRED,
                                          _("No LinkedIn page is chosen for this connection. "
                                            "Reconnect the account."));
      return;
    }

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "author");
  json_builder_add_string_value (b, org);
  json_builder_set_member_name (b, "commentary");
  json_builder_add_string_value (b, commentary);
  json_builder_set_member_name (b, "visibility");
  json_builder_add_string_value (b, "PUBLIC");
  json_builder_set_member_name (b, "distribution");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "feedDistribution");
  json_builder_add_string_value (b, "MAIN_FEED");
  json_builder_set_member_name (b, "targetEntities");
  json_builder_begin_array (b);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "thirdPartyDistributionChannels");
  json_builder_begin_array (b);
  json_builder_end_array (b);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "lifecycleState");
  json_builder_add_string_value (b, "PUBLISHED");
  json_builder_set_member_name (b, "isReshareDisabledByAuthor");
  json_builder_add_boolean_value (b, FALSE);

  if (op->images->len > 0)
    {
      json_builder_set_member_name (b, "content");
      json_builder_begin_object (b);
      if (op->images->len == 1)
        {
          RoundsOutgoingMedia *media = g_ptr_array_index (op->outgoing->media, 0);

          json_builder_set_member_name (b, "media");
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "id");
          json_builder_add_string_value (b, g_ptr_array_index (op->images, 0));
          json_builder_set_member_name (b, "altText");
          json_builder_add_string_value (b, media->alt_text ? media->alt_text : "");
          json_builder_end_object (b);
        }
      else
        {
          json_builder_set_member_name (b, "multiImage");
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "images");
          json_builder_begin_array (b);
          for (guint i = 0; i < op->images->len; i++)
            {
              RoundsOutgoingMedia *media = g_ptr_array_index (op->outgoing->media, i);

              json_builder_begin_object (b);
              json_builder_set_member_name (b, "id");
              json_builder_add_string_value (b, g_ptr_array_index (op->images, i));
              json_builder_set_member_name (b, "altText");
              json_builder_add_string_value (b, media->alt_text ? media->alt_text : "");
              json_builder_end_object (b);
            }
          json_builder_end_array (b);
          json_builder_end_object (b);
        }
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
  body = json_builder_get_root (b);
  li_call (task, "POST", "/rest/posts", body, on_posted);
}

static void
on_image_put (GTask              *task,
              JsonObject         *object,
              RoundsHttpResponse *response)
{
  Op *op = g_task_get_task_data (task);

  g_ptr_array_add (op->images, g_steal_pointer (&op->pending_image));
  op->index++;
  upload_next_image (task);
}

/* The upload URL comes from LinkedIn's answer: accept it only on
 * LinkedIn's own hosts (or the API's host, for a local server). */
static gboolean
upload_url_allowed (RoundsLinkedinConnector *self,
                    const char              *url)
{
  g_autoptr(GUri) target = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);
  g_autoptr(GUri) base = g_uri_parse (self->base_url, SOUP_HTTP_URI_FLAGS, NULL);
  const char *host = target ? g_uri_get_host (target) : NULL;

  if (host == NULL || base == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, g_uri_get_host (base)) == 0
      && g_strcmp0 (g_uri_get_scheme (target), g_uri_get_scheme (base)) == 0
      && g_uri_get_port (target) == g_uri_get_port (base))
    return TRUE;
  return g_str_equal (g_uri_get_scheme (target), "https")
         && (g_ascii_strcasecmp (host, "linkedin.com") == 0
             || g_str_has_suffix (host, ".linkedin.com")
             || g_str_has_suffix (host, ".licdn.com"));
}

static void
on_image_bytes (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask *task = user_data;
  RoundsLinkedinConnector *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  RoundsOutgoingMedia *media = g_ptr_array_index (op->outgoing->media, op->index);
  g_autofree char *basename = g_path_get_basename (media->path);
  g_autofree char *contents = NULL;
  g_autofree char *token = dup_credential (self, "access_token");
  g_autoptr(GError) load_error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  SoupMessage *message;
  gsize length = 0;

  if (!g_file_load_contents_finish (G_FILE (object), result, &contents, &length, NULL, &load_error))
    {
      if (g_error_matches (load_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        rounds_connector_task_fail (task, g_steal_pointer (&load_error));
      else
        rounds_connector_task_fail_printf (task, ROUNDS_CONNECTOR_ERROR_REJECTED,
                                           _("The image “%s” cannot be read: %s"), basename,
                                           load_error->message);
      return;
    }
  if (length > MAX_MEDIA_BYTES)
    {
      rounds_connector_task_fail_printf (task, ROUNDS_CONNECTOR_ERROR_REJECTED,
                                         _("The image “%s” is too large to upload."), basename);
      return;
    }
  message = soup_message_new ("PUT", op->upload_url);
  if (message == NULL || token == NULL)
    {
      g_clear_object (&message);
      fail_malformed (task, _("upload address"));
      return;
    }
  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  soup_message_set_request_body_from_bytes (message, media->mime_type, bytes);
  rounds_http_message_set_bearer (message, token);
  rounds_http_message_set_timeout (message, rounds_http_client_get_timeout (self->http)
                                            + (guint) (length / (32 * 1024)));
  li_send (task, message, NULL, on_image_put);
}

static void
on_upload_initialized (GTask              *task,
                       JsonObject         *object,
                       RoundsHttpResponse *response)
{
  RoundsLinkedinConnector *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  JsonObject *value = rounds_json_get_object (object, "value");
  const char *url = rounds_json_get_string (value, "uploadUrl");
  const char *image = rounds_json_get_string (value, "image");
  RoundsOutgoingMedia *media = g_ptr_array_index (op->outgoing->media, op->index);
  g_autoptr(GFile) file = NULL;

  if (url == NULL || image == NULL || !g_str_has_prefix (image, "urn:li:image:"))
    {
      fail_malformed (task, _("image upload address"));
      return;
    }
  if (!upload_url_allowed (self, url))
    {
      rounds_connector_task_fail_literal (task, ROUNDS_CONNECTOR_ERROR_MALFORMED,
                                          _("LinkedIn asked Rounds to upload the image to an "
                                            "address outside LinkedIn."));
      return;
    }
  g_free (op->upload_url);
  op->upload_url = g_strdup (url);
  g_free (op->pending_image);
  op->pending_image = g_strdup (image);
  file = g_file_new_for_path (media->path);
  g_file_load_contents_async (file, g_task_get_cancellable (task), on_image_bytes, task);
}

static void
upload_next_image (GTask *task)
{
  RoundsLinkedinConnector *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autofree char *org = NULL;
  g_autoptr(JsonBuilder) b = NULL;
  g_autoptr(JsonNode) body = NULL;

  if (op->index >= op->outgoing->media->len)
    {
      create_post (task);
      return;
    }
  org = dup_org_urn (self);
  if (org == NULL)
    {
      rounds_connector_task_fail_literal (task, ROUNDS_CONNECTOR_ERROR_AUTH_EXPIRED,
                                          _("No LinkedIn page is chosen for this connection. "
                                            "Reconnect the account."));
      return;
    }
  b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "initializeUploadRequest");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "owner");
  json_builder_add_string_value (b, org);
  json_builder_end_object (b);
  json_builder_end_object (b);
  body = json_builder_get_root (b);
  li_call (task, "POST", "/rest/images?action=initializeUpload", body, on_upload_initialized);
}

static void
linkedin_publish_async (RoundsConnector      *connector,
                        const RoundsOutgoing *outgoing,
                        GCancellable         *cancellable,
                        GAsyncReadyCallback   callback,
                        gpointer              user_data)
{
  RoundsLinkedinConnector *self = ROUNDS_LINKEDIN_CONNECTOR (connector);
  GTask *task = rounds_connector_task_new (self, linkedin_publish_async, op_new (),
                                           (GDestroyNotify) op_free, cancellable, callback,
                                           user_data);
  Op *op = g_task_get_task_data (task);

  op->outgoing = rounds_outgoing_copy (outgoing);
  if (outgoing->text[0] == '\0' && outgoing->media->len == 0)
    {
      rounds_connector_task_fail_literal (task, ROUNDS_CONNECTOR_ERROR_REJECTED,
                                          _("There is nothing to publish: no text and no image."));
      return;
    }
  if (outgoing->media->len > 20)
    {
      rounds_connector_task_fail_literal (task, ROUNDS_CONNECTOR_ERROR_REJECTED,
                                          _("LinkedIn takes at most 20 images in one post."));
      return;
    }
  upload_next_image (task);
}

static RoundsRemotePost *
linkedin_post_finish (RoundsConnector  *connector,
                      GAsyncResult     *result,
                      GError          **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------ */
/* reply: a comment by the organization                                 */

static void
on_commented (GTask              *task,
              JsonObject         *object,
              RoundsHttpResponse *response)
{
  RoundsLinkedinConnector *self = g_task_get_source_object (task);
  const char *urn = rounds_http_response_get_header (response, "x-restli-id");

  if (urn == NULL || !g_str_has_prefix (urn, "urn:li:"))
    urn = rounds_json_get_string (object, "$URN");
  if (urn == NULL)
    {
      fail_malformed (task, _("comment id"));
      return;
    }
  g_task_return_pointer (task, rounds_remote_post_new (urn, NULL, rounds_http_client_now (self->http)),
                         (GDestroyNotify) rounds_remote_post_free);
  g_object_unref (task);
}

static void
linkedin_reply_async (RoundsConnector      *connector,
                      const RoundsOutgoing *outgoing,
                      GCancellable         *cancellable,
                      GAsyncReadyCallback   callback,
                      gpointer              user_data)
{
  RoundsLinkedinConnector *self = ROUNDS_LINKEDIN_CONNECTOR (connector);
  GTask *task = rounds_connector_task_new (self, linkedin_reply_async, op_new (),
                                           (GDestroyNotify) op_free, cancellable, callback,
                                           user_data);
  g_autofree char *org = dup_org_urn (self);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;
  /* The thread is the post; a comment's answer names it as parent. */
  const char *thread = outgoing->reply_root_id ? outgoing->reply_root_id : outgoing->reply_to_id;
  gboolean nested = outgoing->reply_root_id != NULL
                    && g_strcmp0 (outgoing->reply_root_id, outgoing->reply_to_id) != 0;

  if (thread == NULL || outgoing->text[0] == '\0' || org == NULL)
    {
      rounds_connector_task_fail_literal (task, ROUNDS_CONNECTOR_ERROR_REJECTED,
                                          _("A reply needs text and a comment to answer."));
      return;
    }
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "actor");
  json_builder_add_string_value (b, org);
  json_builder_set_member_name (b, "object");
  json_builder_add_string_value (b, thread);
  json_builder_set_member_name (b, "message");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "text");
  json_builder_add_string_value (b, outgoing->text);
  json_builder_end_object (b);
  if (nested)
    {
      json_builder_set_member_name (b, "parentComment");
      json_builder_add_string_value (b, outgoing->reply_to_id);
    }
  json_builder_end_object (b);
  body = json_builder_get_root (b);
  escaped = escape (thread);
  path = g_strconcat ("/rest/socialActions/", escaped, "/comments", NULL);
  li_call (task, "POST", path, body, on_commented);
}

/* ------------------------------------------------------------------ */
/* lookup                                                               */

static void lookup_page (GTask *task);

static void
on_lookup_page (GTask              *task,
                JsonObject         *object,
                RoundsHttpResponse *response)
{
  Op *op = g_task_get_task_data (task);
  JsonArray *elements = rounds_json_get_array (object, "elements");
  gboolean older_seen = FALSE;
  gint64 total = -1;
  guint count;

  if (elements == NULL)
    {
      fail_malformed (task, _("list of posts"));
      return;
    }
  count = json_array_get_length (elements);
  for (guint i = 0; i < count; i++)
    {
      JsonObject *post = array_object (elements, i);
      const char *urn = rounds_json_get_string (post, "id");
      g_autofree char *text = rounds_linkedin_unescape_commentary (rounds_json_get_string (post, "commentary"));
      gint64 created_ms = 0;

      if (urn == NULL)
        continue;
      rounds_json_get_int (post, "createdAt", &created_ms);
      if (created_ms > 0 && created_ms / 1000 < op->sent_after - LOOKUP_SKEW)
        {
          older_seen = TRUE;
          continue;
        }
      g_strstrip (text);
      if (g_str_equal (text, op->wanted))
        {
          g_autofree char *url = post_url (urn);

          g_task_return_pointer (task, rounds_remote_post_new (urn, url, created_ms / 1000),
                                 (GDestroyNotify) rounds_remote_post_free);
          g_object_unref (task);
          return;
        }
    }
  rounds_json_get_int (rounds_json_get_object (object, "paging"), "total", &total);
  op->start += count;
  if (count > 0 && !older_seen && ++op->pages < LOOKUP_PAGES && (total < 0 || op->start < total))
    {
      lookup_page (task);
      return;
    }
  g_task_return_pointer (task, NULL, NULL);
  g_object_unref (task);
}

static char *
posts_query (RoundsLinkedinConnector *self,
             guint                    start)
{
  g_autofree char *org = dup_org_urn (self);
  g_autofree char *escaped = org ? escape (org) : NULL;

  if (escaped == NULL)
    return NULL;
  return g_strdup_printf ("/rest/posts?author=%s&q=author&count=%s&start=%u&sortBy=LAST_MODIFIED",
                          escaped, PAGE_COUNT, start);
}

static void
lookup_page (GTask *task)
{
  RoundsLinkedinConnector *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autofree char *path = posts_query (self, op->start);

  if (path == NULL)
    {
      rounds_connector_task_fail_literal (task, ROUNDS_CONNECTOR_ERROR_AUTH_EXPIRED,
                                          _("No LinkedIn page is chosen for this connection. "
                                            "Reconnect the account."));
      return;
    }
  li_call (task, "GET", path, NULL, on_lookup_page);
}

static void
linkedin_lookup_async (RoundsConnector      *connector,
                       const RoundsOutgoing *outgoing,
                       gint64                sent_after,
                       GCancellable         *cancellable,
                       GAsyncReadyCallback   callback,
                       gpointer              user_data)
{
  RoundsLinkedinConnector *self = ROUNDS_LINKEDIN_CONNECTOR (connector);
  GTask *task = rounds_connector_task_new (self, linkedin_lookup_async, op_new (),
                                           (GDestroyNotify) op_free, cancellable, callback,
                                           user_data);
  Op *op = g_task_get_task_data (task);

  op->outgoing = rounds_outgoing_copy (outgoing);
  op->wanted = g_strstrip (g_strdup (outgoing->text));
  op->sent_after = sent_after;
  lookup_page (task);
}

static RoundsRemotePost *
linkedin_lookup_finish (RoundsConnector  *connector,
                        GAsyncResult     *result,
                        GError          **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------ */
/* delete                                                               */

static void
on_deleted (GTask              *task,
            JsonObject         *object,
            RoundsHttpResponse *response)
{
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
linkedin_delete_async (RoundsConnector     *connector,
                       const char          *remote_id,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  RoundsLinkedinConnector *self = ROUNDS_LINKEDIN_CONNECTOR (connector);
  GTask *task = rounds_connector_task_new (self, linkedin_delete_async, op_new (),
                                           (GDestroyNotify) op_free, cancellable, callback,
                                           user_data);
  g_autofree char *escaped = escape (remote_id);
  g_autofree char *path = g_strconcat ("/rest/posts/", escaped, NULL);
  GError *error = NULL;
  SoupMessage *message = li_message (self, "DELETE", path, NULL, &error);

  if (message != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (message), "X-RestLi-Method", "DELETE");
  li_send (task, message, error, on_deleted);
}

static gboolean
linkedin_delete_finish (RoundsConnector  *connector,
                        GAsyncResult     *result,
                        GError          **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ------------------------------------------------------------------ */
/* list_replies                                                         */

static void next_post_comments (GTask *task);

static gint
compare_comments (gconstpointer a,
                  gconstpointer b)
{
  const RoundsRemoteComment *x = *(RoundsRemoteComment * const *) a;
  const RoundsRemoteComment *y = *(RoundsRemoteComment * const *) b;

  if (x->created_at != y->created_at)
    return x->created_at < y->created_at ? -1 : 1;
  return g_strcmp0 (x->remote_id, y->remote_id);
}

static void
on_comments (GTask              *task,
             JsonObject         *object,
             RoundsHttpResponse *response)
{
  RoundsLinkedinConnector *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  JsonArray *elements = rounds_json_get_array (object, "elements");
  const char *post = g_ptr_array_index (op->ids, op->index);
  g_autofree char *org = dup_org_urn (self);
  gint64 total = -1;
  guint count;

  if (elements == NULL)
    {
      fail_malformed (task, _("list of comments"));
      return;
    }
  count = json_array_get_length (elements);
  for (guint i = 0; i < count; i++)
    {
      JsonObject *item = array_object (elements, i);
      const char *urn = rounds_json_get_string (item, "$URN");
      const char *actor = rounds_json_get_string (item, "actor");
      const char *parent = rounds_json_get_string (item, "parentComment");
      gint64 at_ms = 0;
      RoundsRemoteComment *comment;

      if (urn == NULL)
        urn = rounds_json_get_string (item, "commentUrn");
      rounds_json_get_int (rounds_json_get_object (item, "created"), "time", &at_ms);
      if (urn == NULL || at_ms / 1000 <= op->since || g_strcmp0 (actor, org) == 0)
        continue;

      comment = rounds_remote_comment_new ();
      comment->remote_id = g_strdup (urn);
      comment->thread_id = g_strdup (post);
      comment->parent_id = g_strdup (parent ? parent : post);
      comment->kind = parent ? ROUNDS_REMOTE_COMMENT_REPLY : ROUNDS_REMOTE_COMMENT_COMMENT;
      comment->text = g_strdup (rounds_json_get_string (rounds_json_get_object (item, "message"), "text"));
      if (comment->text == NULL)
        comment->text = g_strdup ("");
      comment->author_handle = g_strdup (actor);
      /* The API names only the member's URN; reading names needs a
       * permission LinkedIn keeps for partners. */
      comment->author_name = g_strdup (_("A LinkedIn member"));
      comment->created_at = at_ms / 1000;
      op->newest = MAX (op->newest, comment->created_at);
      g_ptr_array_add (op->results, comment);
    }

  rounds_json_get_int (rounds_json_get_object (object, "paging"), "total", &total);
  op->start += count;
  if (count == 0 || ++op->pages >= COMMENT_PAGES || (total >= 0 && op->start >= total))
    {
      op->start = 0;
      op->pages = 0;
      op->index++;
    }
  next_post_comments (task);
}

static gboolean
comments_failed (GTask  *task,
                 GError *error)
{
  Op *op = g_task_get_task_data (task);

  if (!g_error_matches (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_NOT_FOUND))
    return FALSE;
  g_error_free (error);
  op->start = 0;
  op->pages = 0;
  op->index++;
  next_post_comments (task);
  return TRUE;
}

static void
next_post_comments (GTask *task)
{
  Op *op = g_task_get_task_data (task);
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;

  if (op->index >= op->ids->len)
    {
      g_autofree char *cursor = g_strdup_printf ("%" G_GINT64_FORMAT, MAX (op->newest, op->since));

      g_ptr_array_sort (op->results, compare_comments);
      g_object_set_data_full (G_OBJECT (task), "new-cursor", g_steal_pointer (&cursor), g_free);
      g_task_return_pointer (task, g_ptr_array_ref (op->results), (GDestroyNotify) g_ptr_array_unref);
      g_object_unref (task);
      return;
    }
  escaped = escape (g_ptr_array_index (op->ids, op->index));
  path = g_strdup_printf ("/rest/socialActions/%s/comments?start=%u&count=50", escaped, op->start);
  op->on_error = comments_failed;
  li_call (task, "GET", path, NULL, on_comments);
}

static void
on_recent_posts (GTask              *task,
                 JsonObject         *object,
                 RoundsHttpResponse *response)
{
  Op *op = g_task_get_task_data (task);
  JsonArray *elements = rounds_json_get_array (object, "elements");

  if (elements == NULL)
    {
      fail_malformed (task, _("list of posts"));
      return;
    }
  for (guint i = 0; i < json_array_get_length (elements) && op->ids->len < REPLY_POSTS; i++)
    {
      const char *urn = rounds_json_get_string (array_object (elements, i), "id");

      if (urn != NULL)
        g_ptr_array_add (op->ids, g_strdup (urn));
    }
  op->index = 0;
  op->start = 0;
  next_post_comments (task);
}

static void
linkedin_list_replies_async (RoundsConnector     *connector,
                             const char          *cursor,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  RoundsLinkedinConnector *self = ROUNDS_LINKEDIN_CONNECTOR (connector);
  GTask *task = rounds_connector_task_new (self, linkedin_list_replies_async, op_new (),
                                           (GDestroyNotify) op_free, cancellable, callback,
                                           user_data);
  Op *op = g_task_get_task_data (task);
  g_autofree char *path = posts_query (self, 0);

  op->results = g_ptr_array_new_with_free_func ((GDestroyNotify) rounds_remote_comment_free);
  op->since = cursor ? g_ascii_strtoll (cursor, NULL, 10) : 0;
  if (path == NULL)
    {
      rounds_connector_task_fail_literal (task, ROUNDS_CONNECTOR_ERROR_AUTH_EXPIRED,
                                          _("No LinkedIn page is chosen for this connection. "
                                            "Reconnect the account."));
      return;
    }
  li_call (task, "GET", path, NULL, on_recent_posts);
}

static GPtrArray *
linkedin_list_replies_finish (RoundsConnector  *connector,
                              GAsyncResult     *result,
                              char            **new_cursor,
                              GError          **error)
{
  GPtrArray *comments = g_task_propagate_pointer (G_TASK (result), error);

  if (new_cursor != NULL)
    *new_cursor = comments ? g_strdup (g_object_get_data (G_OBJECT (result), "new-cursor")) : NULL;
  return comments;
}

/* ------------------------------------------------------------------ */
/* fetch_metrics                                                        */

static void
on_share_statistics (GTask              *task,
                     JsonObject         *object,
                     RoundsHttpResponse *response)
{
  Op *op = g_task_get_task_data (task);
  JsonArray *elements = rounds_json_get_array (object, "elements");

  if (elements == NULL)
    {
      fail_malformed (task, _("statistics"));
      return;
    }
  for (guint i = 0; i < json_array_get_length (elements); i++)
    {
      JsonObject *item = array_object (elements, i);
      const char *urn = rounds_json_get_string (item, "share") ? rounds_json_get_string (item, "share") : rounds_json_get_string (item, "ugcPost");
      JsonObject *stats = rounds_json_get_object (item, "totalShareStatistics");
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;

      if (urn == NULL || stats == NULL)
        continue;
      json_object_iter_init (&iter, stats);
      while (json_object_iter_next (&iter, &name, &value))
        {
          const char *ours = rounds_network_data_metric_name (ROUNDS_NETWORK_LINKEDIN, "post", name);
          gint64 number = 0;

          if (ours != NULL && rounds_json_get_int (stats, name, &number))
            g_ptr_array_add (op->results, rounds_metric_new (urn, ours, number));
        }
    }
  g_task_return_pointer (task, g_ptr_array_ref (op->results), (GDestroyNotify) g_ptr_array_unref);
  g_object_unref (task);
}

static void
on_network_size (GTask              *task,
                 JsonObject         *object,
                 RoundsHttpResponse *response)
{
  RoundsLinkedinConnector *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autofree char *org = dup_org_urn (self);
  g_autofree char *escaped = escape (org);
  g_autoptr(GString) shares = g_string_new (NULL);
  g_autoptr(GString) ugc = g_string_new (NULL);
  g_autoptr(GString) path = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  if (object != NULL)
    json_object_iter_init (&iter, object);
  while (object != NULL && json_object_iter_next (&iter, &name, &value))
    {
      const char *ours = rounds_network_data_metric_name (ROUNDS_NETWORK_LINKEDIN, "account", name);
      gint64 number = 0;

      if (ours != NULL && rounds_json_get_int (object, name, &number))
        g_ptr_array_add (op->results, rounds_metric_new (NULL, ours, number));
    }

  for (guint i = 0; op->remote_ids && op->remote_ids[i]; i++)
    {
      g_autofree char *id = escape (op->remote_ids[i]);
      GString *list = g_str_has_prefix (op->remote_ids[i], "urn:li:ugcPost:") ? ugc : shares;

      if (list->len > 0)
        g_string_append_c (list, ',');
      g_string_append (list, id);
    }
  if (shares->len == 0 && ugc->len == 0)
    {
      g_task_return_pointer (task, g_ptr_array_ref (op->results), (GDestroyNotify) g_ptr_array_unref);
      g_object_unref (task);
      return;
    }
  path = g_string_new (NULL);
  g_string_printf (path, "/rest/organizationalEntityShareStatistics?q=organizationalEntity"
                         "&organizationalEntity=%s", escaped);
  if (shares->len > 0)
    g_string_append_printf (path, "&shares=List(%s)", shares->str);
  if (ugc->len > 0)
    g_string_append_printf (path, "&ugcPosts=List(%s)", ugc->str);
  li_call (task, "GET", path->str, NULL, on_share_statistics);
}

static void
linkedin_fetch_metrics_async (RoundsConnector     *connector,
                              const char * const  *remote_ids,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  RoundsLinkedinConnector *self = ROUNDS_LINKEDIN_CONNECTOR (connector);
  GTask *task = rounds_connector_task_new (self, linkedin_fetch_metrics_async, op_new (),
                                           (GDestroyNotify) op_free, cancellable, callback,
                                           user_data);
  Op *op = g_task_get_task_data (task);
  g_autofree char *org = dup_org_urn (self);
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;

  op->results = g_ptr_array_new_with_free_func ((GDestroyNotify) rounds_metric_free);
  op->remote_ids = g_strdupv ((char **) remote_ids);
  if (org == NULL)
    {
      rounds_connector_task_fail_literal (task, ROUNDS_CONNECTOR_ERROR_AUTH_EXPIRED,
                                          _("No LinkedIn page is chosen for this connection. "
                                            "Reconnect the account."));
      return;
    }
  escaped = escape (org);
  path = g_strconcat ("/rest/networkSizes/", escaped, "?edgeType=COMPANY_FOLLOWED_BY_MEMBER", NULL);
  li_call (task, "GET", path, NULL, on_network_size);
}

static GPtrArray *
linkedin_fetch_metrics_finish (RoundsConnector  *connector,
                               GAsyncResult     *result,
                               GError          **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------ */
/* comments gone from the page's posts                                  */

/* "Get a Comment" reads one comment at /rest/socialActions/{target}/
 * comments/{comment id}; the target and the id are the two parts of the
 * comment's URN, urn:li:comment:(TARGET,ID). A comment that was deleted
 * answers 404, and only that calls it gone. NULL for another URN. */
static char *
comment_path (const char *urn)
{
  const char *prefix = "urn:li:comment:(";
  g_autofree char *inner = NULL;
  g_autofree char *target = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *id = NULL;
  char *comma;

  if (urn == NULL || !g_str_has_prefix (urn, prefix) || !g_str_has_suffix (urn, ")"))
    return NULL;
  inner = g_strndup (urn + strlen (prefix), strlen (urn) - strlen (prefix) - 1);
  comma = strrchr (inner, ',');
  if (comma == NULL || comma == inner || comma[1] == '\0'
      || strspn (comma + 1, "0123456789") != strlen (comma + 1))
    return NULL;
  target = g_strndup (inner, comma - inner);
  if (!g_str_has_prefix (target, "urn:li:"))
    return NULL;
  escaped = escape (target);
  id = g_strdup (comma + 1);
  return g_strdup_printf ("/rest/socialActions/%s/comments/%s", escaped, id);
}

static void
on_comment_there (GTask              *task,
                  JsonObject         *object,
                  RoundsHttpResponse *response)
{
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
ask_comment (RoundsConnector     *connector,
             const char          *urn,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  GTask *task = rounds_connector_task_new (connector, ask_comment, op_new (), (GDestroyNotify) op_free,
                                           cancellable, callback, user_data);
  g_autofree char *path = comment_path (urn);

  li_call (task, "GET", path, NULL, on_comment_there);
}

static void
linkedin_check_gone_async (RoundsConnector     *connector,
                           const char * const  *remote_ids,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) urns = NULL;

  for (guint i = 0; remote_ids != NULL && remote_ids[i] != NULL; i++)
    {
      g_autofree char *path = comment_path (remote_ids[i]);

      if (path != NULL)
        g_strv_builder_add (builder, remote_ids[i]);
    }
  urns = g_strv_builder_end (builder);
  rounds_connector_check_each_async (connector, linkedin_check_gone_async,
                                     (const char * const *) urns, GONE_MAX, ask_comment,
                                     cancellable, callback, user_data);
}

/* ------------------------------------------------------------------ */

static RoundsNetwork
linkedin_get_network (RoundsConnector *connector)
{
  return ROUNDS_NETWORK_LINKEDIN;
}

static RoundsConnectorCapabilities
linkedin_get_capabilities (RoundsConnector *connector)
{
  return ROUNDS_CONNECTOR_CAN_PUBLISH | ROUNDS_CONNECTOR_CAN_PUBLISH_MEDIA
         | ROUNDS_CONNECTOR_CAN_DELETE | ROUNDS_CONNECTOR_CAN_LOOKUP
         | ROUNDS_CONNECTOR_CAN_LIST_REPLIES | ROUNDS_CONNECTOR_CAN_REPLY
         | ROUNDS_CONNECTOR_CAN_FETCH_METRICS | ROUNDS_CONNECTOR_CAN_CHECK_GONE;
}

static void
connector_iface_init (RoundsConnectorInterface *iface)
{
  iface->get_network = linkedin_get_network;
  iface->get_capabilities = linkedin_get_capabilities;
  iface->verify_async = linkedin_verify_async;
  iface->verify_finish = linkedin_verify_finish;
  iface->publish_async = linkedin_publish_async;
  iface->publish_finish = linkedin_post_finish;
  iface->lookup_async = linkedin_lookup_async;
  iface->lookup_finish = linkedin_lookup_finish;
  iface->delete_async = linkedin_delete_async;
  iface->delete_finish = linkedin_delete_finish;
  iface->list_replies_async = linkedin_list_replies_async;
  iface->list_replies_finish = linkedin_list_replies_finish;
  iface->reply_async = linkedin_reply_async;
  iface->reply_finish = linkedin_post_finish;
  iface->fetch_metrics_async = linkedin_fetch_metrics_async;
  iface->fetch_metrics_finish = linkedin_fetch_metrics_finish;
  iface->check_gone_async = linkedin_check_gone_async;
  iface->check_gone_finish = rounds_connector_check_each_finish;
}

static void
rounds_linkedin_connector_finalize (GObject *object)
{
  RoundsLinkedinConnector *self = ROUNDS_LINKEDIN_CONNECTOR (object);

  g_free (self->base_url);
  rounds_connector_clear_secret (&self->credentials);
  g_clear_object (&self->http);

  G_OBJECT_CLASS (rounds_linkedin_connector_parent_class)->finalize (object);
}

static void
rounds_linkedin_connector_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  RoundsLinkedinConnector *self = ROUNDS_LINKEDIN_CONNECTOR (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;
    case PROP_CREDENTIALS:
      g_value_set_string (value, self->credentials);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rounds_linkedin_connector_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  RoundsLinkedinConnector *self = ROUNDS_LINKEDIN_CONNECTOR (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      rounds_connector_set_base_url (&self->base_url, g_value_get_string (value), NULL);
      break;
    case PROP_CREDENTIALS:
      if (rounds_connector_replace_secret (&self->credentials, g_value_get_string (value)))
        g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rounds_linkedin_connector_class_init (RoundsLinkedinConnectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rounds_linkedin_connector_finalize;
  object_class->get_property = rounds_linkedin_connector_get_property;
  object_class->set_property = rounds_linkedin_connector_set_property;

  g_object_class_override_property (object_class, PROP_BASE_URL, "base-url");
  g_object_class_override_property (object_class, PROP_CREDENTIALS, "credentials");
}

static void
rounds_linkedin_connector_init (RoundsLinkedinConnector *self)
{
  self->http = rounds_http_client_new (ROUNDS_HTTP_STYLE_LINKEDIN);
}

RoundsConnector *
rounds_linkedin_connector_new (const char *base_url,
                               const char *credentials)
{
  g_return_val_if_fail (base_url != NULL, NULL);

  return g_object_new (ROUNDS_TYPE_LINKEDIN_CONNECTOR,
                       "base-url", base_url,
                       "credentials", credentials,
                       NULL);
}

RoundsHttpClient *
rounds_linkedin_connector_get_http_client (RoundsLinkedinConnector *self)
{
  g_return_val_if_fail (ROUNDS_IS_LINKEDIN_CONNECTOR (self), NULL);

  return self->http;
}
