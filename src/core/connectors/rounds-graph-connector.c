/* rounds-graph-connector.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-graph"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "rounds-connector-task.h"
#include "rounds-json-fields.h"
#include "rounds-graph-connector.h"
#include "rounds-network-data.h"

/* Every operation is a short chain of Graph requests. Each hop sends one
 * message with graph_send () and names the function that reads the answer
 * (a JSON object); errors end the task on the way. Nothing here logs a
 * token, a post's text or a comment: only ids and HTTP statuses. */

#define MAX_MEDIA_BYTES      (30 * 1024 * 1024)
#define MAX_CONTAINER_POLLS  60
#define LOOKUP_PAGES         4
#define LOOKUP_SKEW          (5 * 60)
#define REPLY_POSTS          25
#define COMMENT_PAGES        5
#define GONE_BATCH           50   /* ids in one ?ids= read, Graph's limit */
#define GONE_EACH_MAX        20   /* ids asked one by one per check */

struct _RoundsGraphConnector
{
  GObject           parent_instance;

  RoundsNetwork     network;
  char             *base_url;     /* no trailing slash */
  char             *credentials;
  RoundsHttpClient *http;
  guint             poll_interval;
};

static void connector_iface_init (RoundsConnectorInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RoundsGraphConnector, rounds_graph_connector, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (ROUNDS_TYPE_CONNECTOR, connector_iface_init))

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_CREDENTIALS,
  PROP_NETWORK,
  N_PROPS
};

/* ------------------------------------------------------------------ */
/* One operation's state (one struct for all operations)                */

typedef void (*GraphNext)    (GTask      *task,
                              JsonObject *object);
/* An image was uploaded as a Page photo (photo_id), or a step of the
 * image loop starts (NULL). */
typedef void (*PhotoDone)    (GTask      *task,
                              const char *photo_id);
/* Returns TRUE when it took care of the error (and of the task). */
typedef gboolean (*GraphOnError) (GTask  *task,
                                  GError *error,
                                  const char *platform_code);

typedef struct
{
  GraphNext       next;
  GraphOnError    on_error;
  PhotoDone       photo_done;
  RoundsOutgoing *outgoing;
  char           *wanted;        /* lookup: the text looked for */
  gint64          sent_after;
  GPtrArray      *ids;           /* photos, containers, posts or media to visit */
  GPtrArray      *results;       /* comments or metrics */
  guint           index;
  guint           pages;
  guint           polls;
  guint           poll_source;
  char           *after;         /* paging cursor */
  char           *container;
  char           *photo_url;
  gint64          since;
  gint64          newest;
  char          **remote_ids;
  gboolean        scheduled_pass;
} Op;

static void
op_free (Op *op)
{
  g_clear_pointer (&op->outgoing, rounds_outgoing_free);
  g_free (op->wanted);
  g_clear_pointer (&op->ids, g_ptr_array_unref);
  g_clear_pointer (&op->results, g_ptr_array_unref);
  g_clear_handle_id (&op->poll_source, g_source_remove);
  g_free (op->after);
  g_free (op->container);
  g_free (op->photo_url);
  g_strfreev (op->remote_ids);
  g_free (op);
}

static Op *
op_new (void)
{
  Op *op = g_new0 (Op, 1);

  op->ids = g_ptr_array_new_with_free_func (g_free);
  return op;
}

/* Translators: %s names what was missing, e.g. "post id" */
#define fail_malformed(task, what) \
  rounds_connector_task_fail_printf ((task), ROUNDS_CONNECTOR_ERROR_MALFORMED, \
                                     _("Meta's answer is missing the %s."), (what))

/* ------------------------------------------------------------------ */
/* JSON and credentials                                                 */

/* Graph ids and counts come as strings or numbers. */
static char *
dup_id (JsonObject *object,
        const char *name)
{
  JsonNode *node;

  if (object == NULL || (node = json_object_get_member (object, name)) == NULL
      || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node)[0] ? g_strdup (json_node_get_string (node)) : NULL;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  return NULL;
}

static JsonObject *
array_object (JsonArray *array,
              guint      i)
{
  JsonNode *node = json_array_get_element (array, i);

  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* "2026-12-04T18:00:00+0000" */
static gint64
parse_time (const char *iso)
{
  g_autoptr(GDateTime) dt = NULL;

  if (iso == NULL)
    return 0;
  dt = g_date_time_new_from_iso8601 (iso, NULL);
  return dt ? g_date_time_to_unix (dt) : 0;
}

static char *
dup_credential (RoundsGraphConnector *self,
                const char           *name)
{
  g_autoptr(JsonNode) root = NULL;

  if (self->credentials == NULL)
    return NULL;
  root = json_from_string (self->credentials, NULL);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  return dup_id (json_node_get_object (root), name);
}

static gint64
credential_expires_at (RoundsGraphConnector *self)
{
  g_autofree char *text = dup_credential (self, "expires_at");

  return text ? g_ascii_strtoll (text, NULL, 10) : 0;
}

static const char *
network_label (RoundsGraphConnector *self)
{
  return self->network == ROUNDS_NETWORK_INSTAGRAM ? "Instagram" : "Facebook";
}

/* The Page (Facebook) or the Instagram user this account publishes as. */
static char *
dup_owner_id (RoundsGraphConnector *self)
{
  return dup_credential (self, self->network == ROUNDS_NETWORK_INSTAGRAM ? "ig_user_id" : "page_id");
}

/* ------------------------------------------------------------------ */
/* Requests                                                             */

static GHashTable *
params_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static void
param (GHashTable *params,
       const char *name,
       const char *value)
{
  if (value != NULL)
    g_hash_table_replace (params, g_strdup (name), g_strdup (value));
}

static char *
escape_id (const char *id)
{
  return g_uri_escape_string (id, NULL, FALSE);
}

/* "/ID" or "/ID/EDGE" with the id escaped. */
static char *
node_path (const char *id,
           const char *edge)
{
  g_autofree char *escaped = escape_id (id);

  return edge ? g_strdup_printf ("/%s/%s", escaped, edge) : g_strdup_printf ("/%s", escaped);
}

/* A request with the token in the Authorization header (never in the
 * URL, which servers and proxies log). GET and DELETE carry @params in
 * the query, POST as a form. NULL with AUTH_EXPIRED without a token. */
static SoupMessage *
graph_message (RoundsGraphConnector  *self,
               const char            *method,
               const char            *path,
               GHashTable            *params,
               GError               **error)
{
  g_autofree char *token = dup_credential (self, "access_token");
  g_autofree char *uri = NULL;
  SoupMessage *message;

  if (token == NULL)
    {
      g_set_error (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_AUTH_EXPIRED,
                   _("This %s account is not signed in. Reconnect the account."),
                   network_label (self));
      return NULL;
    }

  if (g_str_equal (method, "POST"))
    {
      uri = g_strconcat (self->base_url, path, NULL);
      message = soup_message_new_from_encoded_form (method, uri,
                                                    params ? soup_form_encode_hash (params)
                                                           : g_strdup (""));
    }
  else
    {
      g_autofree char *query = params ? soup_form_encode_hash (params) : NULL;

      uri = g_strconcat (self->base_url, path, query && query[0] ? "?" : NULL, query, NULL);
      message = soup_message_new (method, uri);
    }

  if (message == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The %s address is not usable."), network_label (self));
      return NULL;
    }
  soup_message_headers_replace (soup_message_get_request_headers (message), "Accept",
                                "application/json");
  rounds_http_message_set_bearer (message, token);
  return message;
}

gint64
rounds_graph_parse_buc_wait (const char *header)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;
  gint64 minutes = 0;

  if (header == NULL || strlen (header) > 16 * 1024)
    return 0;
  root = rounds_http_parse_json (header, strlen (header), 8, NULL);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return 0;

  /* {"<business id>": [{"type", "call_count", …, "estimated_time_to_regain_access"}]} */
  json_object_iter_init (&iter, json_node_get_object (root));
  while (json_object_iter_next (&iter, &key, &value))
    {
      JsonArray *entries;

      if (!JSON_NODE_HOLDS_ARRAY (value))
        continue;
      entries = json_node_get_array (value);
      for (guint i = 0; i < json_array_get_length (entries); i++)
        {
          gint64 m = 0;

          if (rounds_json_get_int (array_object (entries, i), "estimated_time_to_regain_access", &m))
            minutes = MAX (minutes, m);
        }
    }
  return CLAMP (minutes, 0, 24 * 60) * 60;
}

static void
on_graph_sent (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  RoundsGraphConnector *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(RoundsHttpResponse) response = NULL;
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;
  GraphNext next = op->next;
  GraphOnError on_error = op->on_error;

  op->next = NULL;
  op->on_error = NULL;

  response = rounds_http_client_send_finish (self->http, result, &error);
  if (response == NULL)
    {
      if (on_error != NULL && on_error (task, error, NULL))
        return;
      rounds_connector_task_fail (task, error);
      return;
    }

  if (!rounds_http_response_check (response, ROUNDS_HTTP_STYLE_GRAPH, &error))
    {
      g_autofree char *code = NULL;

      if (g_error_matches (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_RATE_LIMITED)
          && rounds_connector_error_get_retry_at (error) == 0)
        {
          gint64 wait = rounds_graph_parse_buc_wait (rounds_http_response_get_header (response,
                                                                                      "X-Business-Use-Case-Usage"));
          if (wait > 0)
            rounds_connector_set_error_retry_at (error, response->received_at + wait);
        }
      g_debug ("%s %s answered %u", response->method, g_uri_get_path (response->uri),
               response->status);
      rounds_http_parse_error_body (ROUNDS_HTTP_STYLE_GRAPH, response->body, &code, NULL);
      if (on_error != NULL && on_error (task, error, code))
        return;
      rounds_connector_task_fail (task, error);
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
  next (task, json_node_get_object (root));
}

/* Sends @message (may be NULL: then @error says why) and calls @next with
 * the answer. Takes over the chain's reference on @task. */
static void
graph_send (GTask       *task,
            SoupMessage *message,
            GError      *error,
            GraphNext    next)
{
  RoundsGraphConnector *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);

  if (message == NULL)
    {
      rounds_connector_task_fail (task, error);
      return;
    }
  op->next = next;
  rounds_http_client_send_async (self->http, message, g_task_get_cancellable (task),
                                 on_graph_sent, task);
  g_object_unref (message);
}

static void
graph_call (GTask      *task,
            const char *method,
            const char *path,
            GHashTable *params,
            GraphNext   next)
{
  RoundsGraphConnector *self = g_task_get_source_object (task);
  GError *error = NULL;
  SoupMessage *message = graph_message (self, method, path, params, &error);

  graph_send (task, message, error, next);
}

/* The next page's cursor, only when the answer says there is one. */
static char *
next_cursor (JsonObject *object)
{
  JsonObject *paging = rounds_json_get_object (object, "paging");

  if (paging == NULL || rounds_json_get_string (paging, "next") == NULL)
    return NULL;
  return g_strdup (rounds_json_get_string (rounds_json_get_object (paging, "cursors"), "after"));
}

static char *
post_url (RoundsGraphConnector *self,
          const char           *id,
          const char           *permalink)
{
  if (permalink != NULL && (g_str_has_prefix (permalink, "https://")
                            || g_str_has_prefix (permalink, "http://")))
    return g_strdup (permalink);
  if (self->network == ROUNDS_NETWORK_FACEBOOK)
    return g_strconcat ("https://www.facebook.com/", id, NULL);
  return NULL;
}

/* ------------------------------------------------------------------ */
/* Metric names (data, not code)                                        */

const char *
rounds_graph_metric_name (RoundsNetwork  network,
                          const char    *scope,
                          const char    *name)
{
  return rounds_network_data_metric_name (network, scope, name);
}

char *
rounds_graph_post_metrics_query (RoundsNetwork network)
{
  return rounds_network_data_metric_query (network, "post");
}

static char *
account_fields_query (RoundsNetwork network)
{
  return rounds_network_data_metric_query (network, "account");
}

/* ------------------------------------------------------------------ */
/* verify                                                               */

static void
on_verified (GTask      *task,
             JsonObject *object)
{
  RoundsGraphConnector *self = g_task_get_source_object (task);
  RoundsAccountInfo *info;
  g_autofree char *id = dup_id (object, "id");
  const char *name = rounds_json_get_string (object, "name");
  const char *username = rounds_json_get_string (object, "username");

  if (id == NULL)
    {
      fail_malformed (task, _("account id"));
      return;
    }

  info = rounds_account_info_new ();
  info->remote_id = g_steal_pointer (&id);
  if (username != NULL && username[0] != '\0')
    info->handle = g_strconcat ("@", username, NULL);
  else
    info->handle = g_strdup (name ? name : info->remote_id);
  info->display_name = g_strdup (name ? name : username);
  if (rounds_json_get_string (object, "link") != NULL)
    info->profile_url = g_strdup (rounds_json_get_string (object, "link"));
  else if (self->network == ROUNDS_NETWORK_INSTAGRAM && username != NULL)
    info->profile_url = g_strconcat ("https://www.instagram.com/", username, NULL);
  else if (self->network == ROUNDS_NETWORK_FACEBOOK)
    info->profile_url = g_strconcat ("https://www.facebook.com/", info->remote_id, NULL);
  info->token_expires_at = credential_expires_at (self);
  g_task_return_pointer (task, info, (GDestroyNotify) rounds_account_info_free);
  g_object_unref (task);
}

static void
graph_verify_async (RoundsConnector     *connector,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  RoundsGraphConnector *self = ROUNDS_GRAPH_CONNECTOR (connector);
  GTask *task = rounds_connector_task_new (self, graph_verify_async, op_new (),
                                           (GDestroyNotify) op_free, cancellable, callback,
                                           user_data);
  g_autofree char *owner = dup_owner_id (self);
  g_autofree char *path = NULL;
  g_autoptr(GHashTable) params = params_new ();

  if (owner == NULL)
    {
      rounds_connector_task_fail_literal (task, ROUNDS_CONNECTOR_ERROR_AUTH_EXPIRED,
                                          self->network == ROUNDS_NETWORK_INSTAGRAM
                                          ? _("No Instagram account is chosen for this connection. "
                                              "Reconnect the account.")
                                          : _("No Facebook Page is chosen for this connection. "
                                              "Reconnect the account."));
      return;
    }
  path = node_path (owner, NULL);
  param (params, "fields", self->network == ROUNDS_NETWORK_INSTAGRAM
                           ? "id,username,name" : "id,name,link,username");
  graph_call (task, "GET", path, params, on_verified);
}

static RoundsAccountInfo *
graph_verify_finish (RoundsConnector  *connector,
                     GAsyncResult     *result,
                     GError          **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------ */
/* Uploading an image as an unpublished Page photo                      */

static void
on_photo_uploaded (GTask      *task,
                   JsonObject *object)
{
  Op *op = g_task_get_task_data (task);
  g_autofree char *id = dup_id (object, "id");

  if (id == NULL)
    {
      fail_malformed (task, _("photo id"));
      return;
    }
  g_ptr_array_add (op->ids, g_strdup (id));
  op->photo_done (task, id);
}

static void
on_image_loaded (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  RoundsGraphConnector *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  RoundsOutgoingMedia *media = g_ptr_array_index (op->outgoing->media, op->index);
  g_autofree char *contents = NULL;
  g_autofree char *basename = g_path_get_basename (media->path);
  g_autofree char *page = dup_credential (self, "page_id");
  g_autofree char *token = dup_credential (self, "access_token");
  g_autofree char *path = NULL;
  g_autofree char *uri = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(SoupMultipart) multipart = NULL;
  g_autoptr(GError) load_error = NULL;
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
  if (token == NULL)
    {
      rounds_connector_task_fail_literal (task, ROUNDS_CONNECTOR_ERROR_AUTH_EXPIRED,
                                          _("This account is not signed in. Reconnect the "
                                            "account."));
      return;
    }

  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  multipart = soup_multipart_new (SOUP_FORM_MIME_TYPE_MULTIPART);
  soup_multipart_append_form_file (multipart, "source", basename, media->mime_type, bytes);
  soup_multipart_append_form_string (multipart, "published", "false");
  /* Instagram gets the alt text on its container; a Facebook photo keeps
   * its own. */
  if (self->network == ROUNDS_NETWORK_FACEBOOK && media->alt_text && media->alt_text[0])
    soup_multipart_append_form_string (multipart, "alt_text_custom", media->alt_text);
  if (self->network == ROUNDS_NETWORK_FACEBOOK && op->outgoing->scheduled_at > 0)
    soup_multipart_append_form_string (multipart, "temporary", "true");

  path = node_path (page, "photos");
  uri = g_strconcat (self->base_url, path, NULL);
  message = soup_message_new_from_multipart (uri, multipart);
  if (message == NULL)
    {
      rounds_connector_task_fail (task,
                                  g_error_new (G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                                               _("The %s address is not usable."),
                                               network_label (self)));
      return;
    }
  soup_message_headers_replace (soup_message_get_request_headers (message), "Accept",
                                "application/json");
  rounds_http_message_set_bearer (message, token);
  rounds_http_message_set_timeout (message, rounds_http_client_get_timeout (self->http)
                                            + (guint) (length / (32 * 1024)));
  graph_send (task, message, NULL, on_photo_uploaded);
}

/* Uploads outgoing->media[op->index] and calls @done with its photo id. */
static void
upload_photo (GTask     *task,
              PhotoDone  done)
{
  RoundsGraphConnector *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  RoundsOutgoingMedia *media = g_ptr_array_index (op->outgoing->media, op->index);
  g_autofree char *page = dup_credential (self, "page_id");
  g_autoptr(GFile) file = NULL;

  if (page == NULL)
    {
      const char *message =
        self->network == ROUNDS_NETWORK_INSTAGRAM
        ? _("Instagram takes images only from a public address, and Rounds puts them "
            "there through the Facebook Page linked to the Instagram account. Reconnect "
            "Instagram through its Facebook Page.")
        : _("No Facebook Page is chosen for this connection. Reconnect the account.");

      rounds_connector_task_fail_literal (task, ROUNDS_CONNECTOR_ERROR_REJECTED, message);
      return;
    }
  op->photo_done = done;
  file = g_file_new_for_path (media->path);
  g_file_load_contents_async (file, g_task_get_cancellable (task), on_image_loaded, task);
}

/* ------------------------------------------------------------------ */
/* Facebook: publish and reply                                          */

static gboolean facebook_duplicate (GTask *task, GError *error, const char *code);

static void
on_feed_posted (GTask      *task,
                JsonObject *object)
{
  RoundsGraphConnector *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autofree char *id = dup_id (object, "id");
  g_autofree char *url = NULL;
  RoundsRemotePost *post;

  if (id == NULL)
    {
      fail_malformed (task, _("post id"));
      return;
    }
  url = post_url (self, id, NULL);
  post = rounds_remote_post_new (id, op->outgoing->reply_to_id ? NULL : url,
                                 op->outgoing->scheduled_at > 0 && op->scheduled_pass
                                 ? op->outgoing->scheduled_at
                                 : rounds_http_client_now (self->http));
  g_debug ("Published %s", id);
  g_task_return_pointer (task, post, (GDestroyNotify) rounds_remote_post_free);
  g_object_unref (task);
}

static void
facebook_post_feed (GTask *task)
{
  RoundsGraphConnector *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autofree char *page = dup_credential (self, "page_id");
  g_autofree char *path = NULL;
  g_autoptr(GHashTable) params = params_new ();
  gint64 now = rounds_http_client_now (self->http);
  GError *error = NULL;
  SoupMessage *message;

  if (page == NULL)
    {
      rounds_connector_task_fail_literal (task, ROUNDS_CONNECTOR_ERROR_AUTH_EXPIRED,
                                          _("No Facebook Page is chosen for this connection. "
                                            "Reconnect the account."));
      return;
    }
  path = node_path (page, "feed");
  param (params, "message", op->outgoing->text);
  for (guint i = 0; i < op->ids->len; i++)
    {
      g_autofree char *name = g_strdup_printf ("attached_media[%u]", i);
      g_autofree char *value = g_strdup_printf ("{\"media_fbid\":\"%s\"}",
                                                (char *) g_ptr_array_index (op->ids, i));
      param (params, name, value);
    }
  if (op->outgoing->scheduled_at >= now + ROUNDS_GRAPH_MIN_SCHEDULE_AHEAD)
    {
      g_autofree char *at = g_strdup_printf ("%" G_GINT64_FORMAT, op->outgoing->scheduled_at);

      param (params, "published", "false");
      param (params, "scheduled_publish_time", at);
      op->scheduled_pass = TRUE;
    }

  message = graph_message (self, "POST", path, params, &error);
  op->on_error = facebook_duplicate;
  if (message == NULL)
    op->on_error = NULL;
  graph_send (task, message, error, on_feed_posted);
}

static void facebook_next_photo (GTask *task, const char *photo_id);

static void
facebook_next_photo (GTask      *task,
                     const char *photo_id)
{
  Op *op = g_task_get_task_data (task);

  if (photo_id != NULL)
    op->index++;
  if (op->index < op->outgoing->media->len)
    {
      upload_photo (task, facebook_next_photo);
      return;
    }
  facebook_post_feed (task);
}

static void
on_comment_posted (GTask      *task,
                   JsonObject *object)
{
  RoundsGraphConnector *self = g_task_get_source_object (task);
  g_autofree char *id = dup_id (object, "id");

  if (id == NULL)
    {
      fail_malformed (task, _("comment id"));
      return;
    }
  g_task_return_pointer (task, rounds_remote_post_new (id, NULL, rounds_http_client_now (self->http)),
                         (GDestroyNotify) rounds_remote_post_free);
  g_object_unref (task);
}

/* ------------------------------------------------------------------ */
/* Instagram: quota, images at a public URL, container, publish         */

static void instagram_next_image (GTask *task, const char *photo_id);

static void
on_instagram_permalink (GTask      *task,
                        JsonObject *object)
{
  RoundsGraphConnector *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  const char *id = op->container;   /* now the published media's id */
  gint64 at = parse_time (rounds_json_get_string (object, "timestamp"));

  g_task_return_pointer (task,
                         rounds_remote_post_new (id, rounds_json_get_string (object, "permalink"),
                                                 at ? at : rounds_http_client_now (self->http)),
                         (GDestroyNotify) rounds_remote_post_free);
  g_object_unref (task);
}

/* The post exists once media_publish answered: a failure to read its
 * permalink must not make it look unpublished. */
static gboolean
permalink_failed (GTask      *task,
                  GError     *error,
                  const char *code)
{
  RoundsGraphConnector *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return FALSE;
  g_debug ("Published %s; its permalink could not be read", op->container);
  g_task_return_pointer (task, rounds_remote_post_new (op->container, NULL,
                                                       rounds_http_client_now (self->http)),
                         (GDestroyNotify) rounds_remote_post_free);
  g_object_unref (task);
  g_error_free (error);
  return TRUE;
}

static void
on_media_published (GTask      *task,
                    JsonObject *object)
{
  Op *op = g_task_get_task_data (task);
  g_autofree char *id = dup_id (object, "id");
  g_autofree char *path = NULL;
  g_autoptr(GHashTable) params = params_new ();

  if (id == NULL)
    {
      fail_malformed (task, _("media id"));
      return;
    }
  g_debug ("Published %s", id);
  g_free (op->container);
  op->container = g_steal_pointer (&id);
  path = node_path (op->container, NULL);
  param (params, "fields", "id,permalink,timestamp");
  op->on_error = permalink_failed;
  graph_call (task, "GET", path, params, on_instagram_permalink);
}

static void
instagram_publish_container (GTask *task)
{
  RoundsGraphConnector *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autofree char *owner = dup_owner_id (self);
  g_autofree char *path = node_path (owner, "media_publish");
  g_autoptr(GHashTable) params = params_new ();

  param (params, "creation_id", op->container);
  graph_call (task, "POST", path, params, on_media_published);
}

static void poll_container (GTask *task);

static gboolean
poll_container_cb (gpointer user_data)
{
  GTask *task = user_data;

  ((Op *) g_task_get_task_data (task))->poll_source = 0;
  poll_container (task);
  return G_SOURCE_REMOVE;
}

static void
on_container_status (GTask      *task,
                     JsonObject *object)
{
  RoundsGraphConnector *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  const char *code = rounds_json_get_string (object, "status_code");

  if (g_strcmp0 (code, "FINISHED") == 0)
    {
      instagram_publish_container (task);
      return;
    }
  if (g_strcmp0 (code, "ERROR") == 0)
    {
      const char *status = rounds_json_get_string (object, "status");

      if (status != NULL && status[0] != '\0')
        rounds_connector_task_fail_printf (task, ROUNDS_CONNECTOR_ERROR_REJECTED,
                                           _("Instagram could not use the image (%s)."), status);
      else
        rounds_connector_task_fail_literal (task, ROUNDS_CONNECTOR_ERROR_REJECTED,
                                            _("Instagram could not use the image."));
      return;
    }
  if (g_strcmp0 (code, "EXPIRED") == 0)
    {
      rounds_connector_task_fail_literal (task, ROUNDS_CONNECTOR_ERROR_TRANSIENT,
                                          _("Instagram let the prepared post expire. Rounds will "
                                            "try again."));
      return;
    }
  if (g_strcmp0 (code, "PUBLISHED") == 0)
    {
      /* Published by an earlier attempt: reconcile rather than guess. */
      rounds_connector_task_fail_literal (task, ROUNDS_CONNECTOR_ERROR_MALFORMED,
                                          _("Instagram says this post was already published."));
      return;
    }
  if (g_strcmp0 (code, "IN_PROGRESS") != 0)
    {
      fail_malformed (task, _("container status"));
      return;
    }
  if (++op->polls > MAX_CONTAINER_POLLS)
    {
      rounds_connector_task_fail_literal (task, ROUNDS_CONNECTOR_ERROR_TRANSIENT,
                                          _("Instagram is still preparing the post. Rounds will "
                                            "try again."));
      return;
    }
  op->poll_source = g_timeout_add (self->poll_interval, poll_container_cb, task);
}

static void
poll_container (GTask *task)
{
  Op *op = g_task_get_task_data (task);
  g_autofree char *path = node_path (op->container, NULL);
  g_autoptr(GHashTable) params = params_new ();

  param (params, "fields", "id,status_code,status");
  graph_call (task, "GET", path, params, on_container_status);
}

static void
on_container_created (GTask      *task,
                      JsonObject *object)
{
  Op *op = g_task_get_task_data (task);
  g_autofree char *id = dup_id (object, "id");

  if (id == NULL)
    {
      fail_malformed (task, _("container id"));
      return;
    }
  g_free (op->container);
  op->container = g_steal_pointer (&id);
  op->polls = 0;
  poll_container (task);
}

static void
instagram_create_carousel (GTask *task)
{
  RoundsGraphConnector *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autofree char *owner = dup_owner_id (self);
  g_autofree char *path = node_path (owner, "media");
  g_autoptr(GHashTable) params = params_new ();
  g_autoptr(GString) children = g_string_new (NULL);

  /* op->results holds the item containers here. */
  for (guint i = 0; i < op->results->len; i++)
    {
      if (i > 0)
        g_string_append_c (children, ',');
      g_string_append (children, g_ptr_array_index (op->results, i));
    }
  param (params, "media_type", "CAROUSEL");
  param (params, "children", children->str);
  param (params, "caption", op->outgoing->text);
  graph_call (task, "POST", path, params, on_container_created);
}

static void
on_item_container (GTask      *task,
                   JsonObject *object)
{
  Op *op = g_task_get_task_data (task);
  g_autofree char *id = dup_id (object, "id");

  if (id == NULL)
    {
      fail_malformed (task, _("container id"));
      return;
    }
  g_ptr_array_add (op->results, g_steal_pointer (&id));
  op->index++;
  instagram_next_image (task, NULL);
}

static void
on_photo_url (GTask      *task,
              JsonObject *object)
{
  RoundsGraphConnector *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  RoundsOutgoingMedia *media = g_ptr_array_index (op->outgoing->media, op->index);
  JsonArray *images = rounds_json_get_array (object, "images");
  g_autofree char *owner = dup_owner_id (self);
  g_autofree char *path = node_path (owner, "media");
  g_autoptr(GHashTable) params = params_new ();
  const char *url = NULL;
  gint64 best = -1;

  /* The largest rendition. */
  for (guint i = 0; images && i < json_array_get_length (images); i++)
    {
      JsonObject *image = array_object (images, i);
      gint64 width = 0;
      const char *source = rounds_json_get_string (image, "source");

      rounds_json_get_int (image, "width", &width);
      if (source != NULL && (g_str_has_prefix (source, "https://") || g_str_has_prefix (source, "http://"))
          && width > best)
        {
          best = width;
          url = source;
        }
    }
  if (url == NULL)
    {
      fail_malformed (task, _("image address"));
      return;
    }

  param (params, "image_url", url);
  if (media->alt_text && media->alt_text[0])
    param (params, "alt_text", media->alt_text);
  if (op->outgoing->media->len > 1)
    {
      param (params, "is_carousel_item", "true");
      graph_call (task, "POST", path, params, on_item_container);
      return;
    }
  param (params, "caption", op->outgoing->text);
  graph_call (task, "POST", path, params, on_container_created);
}

static void
instagram_next_image (GTask      *task,
                      const char *photo_id)
{
  Op *op = g_task_get_task_data (task);

  if (photo_id != NULL)
    {
      /* Uploaded: ask Facebook for its public address. */
      g_autofree char *path = node_path (photo_id, NULL);
      g_autoptr(GHashTable) params = params_new ();

      param (params, "fields", "id,images");
      graph_call (task, "GET", path, params, on_photo_url);
      return;
    }
  if (op->index < op->outgoing->media->len)
    {
      upload_photo (task, instagram_next_image);
      return;
    }
  instagram_create_carousel (task);
}

static void
on_quota (GTask      *task,
          JsonObject *object)
{
  RoundsGraphConnector *self = g_task_get_source_object (task);
  JsonArray *data = rounds_json_get_array (object, "data");
  JsonObject *entry = data && json_array_get_length (data) > 0 ? array_object (data, 0) : NULL;
  gint64 usage = 0, total = 50;

  if (entry == NULL || !rounds_json_get_int (entry, "quota_usage", &usage))
    {
      fail_malformed (task, _("publishing limit"));
      return;
    }
  rounds_json_get_int (rounds_json_get_object (entry, "config"), "quota_total", &total);
  if (usage >= total)
    {
      GError *error = g_error_new (ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_RATE_LIMITED,
                                   _("Instagram allows %d posts a day from apps, and this account "
                                     "has reached that. Rounds will try again later."), (int) total);

      rounds_connector_set_error_retry_at (error, rounds_http_client_now (self->http) + 60 * 60);
      rounds_connector_task_fail (task, error);
      return;
    }
  instagram_next_image (task, NULL);
}

/* ------------------------------------------------------------------ */
/* publish / reply entry points                                         */

static void
graph_publish_async (RoundsConnector      *connector,
                     const RoundsOutgoing *outgoing,
                     GCancellable         *cancellable,
                     GAsyncReadyCallback   callback,
                     gpointer              user_data)
{
  RoundsGraphConnector *self = ROUNDS_GRAPH_CONNECTOR (connector);
  GTask *task = rounds_connector_task_new (self, graph_publish_async, op_new (),
                                           (GDestroyNotify) op_free, cancellable, callback,
                                           user_data);
  Op *op = g_task_get_task_data (task);

  op->outgoing = rounds_outgoing_copy (outgoing);
  op->results = g_ptr_array_new_with_free_func (g_free);

  if (self->network == ROUNDS_NETWORK_INSTAGRAM)
    {
      g_autofree char *owner = dup_owner_id (self);
      g_autofree char *path = NULL;
      g_autoptr(GHashTable) params = params_new ();

      if (outgoing->media->len == 0)
        {
          rounds_connector_task_fail_literal (task, ROUNDS_CONNECTOR_ERROR_REJECTED,
                                              _("Instagram has no text-only posts: add an image."));
          return;
        }
      if (outgoing->media->len > 10)
        {
          rounds_connector_task_fail_literal (task, ROUNDS_CONNECTOR_ERROR_REJECTED,
                                              _("Instagram takes at most 10 images in one post."));
          return;
        }
      if (owner == NULL)
        {
          rounds_connector_task_fail_literal (task, ROUNDS_CONNECTOR_ERROR_AUTH_EXPIRED,
                                              _("No Instagram account is chosen for this "
                                                "connection. Reconnect the account."));
          return;
        }
      path = node_path (owner, "content_publishing_limit");
      param (params, "fields", "quota_usage,config");
      graph_call (task, "GET", path, params, on_quota);
      return;
    }

  if (outgoing->text[0] == '\0' && outgoing->media->len == 0)
    {
      rounds_connector_task_fail_literal (task, ROUNDS_CONNECTOR_ERROR_REJECTED,
                                          _("There is nothing to publish: no text and no image."));
      return;
    }
  facebook_next_photo (task, NULL);
}

static RoundsRemotePost *
graph_post_finish (RoundsConnector  *connector,
                   GAsyncResult     *result,
                   GError          **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
graph_reply_async (RoundsConnector      *connector,
                   const RoundsOutgoing *outgoing,
                   GCancellable         *cancellable,
                   GAsyncReadyCallback   callback,
                   gpointer              user_data)
{
  RoundsGraphConnector *self = ROUNDS_GRAPH_CONNECTOR (connector);
  GTask *task = rounds_connector_task_new (self, graph_reply_async, op_new (),
                                           (GDestroyNotify) op_free, cancellable, callback,
                                           user_data);
  g_autofree char *path = NULL;
  g_autoptr(GHashTable) params = params_new ();

  if (outgoing->reply_to_id == NULL || outgoing->text[0] == '\0')
    {
      rounds_connector_task_fail_literal (task, ROUNDS_CONNECTOR_ERROR_REJECTED,
                                          _("A reply needs text and a comment to answer."));
      return;
    }
  /* Facebook: a comment on the comment (or on the post); Instagram: a
   * reply to a top-level comment. */
  path = node_path (outgoing->reply_to_id,
                    self->network == ROUNDS_NETWORK_INSTAGRAM ? "replies" : "comments");
  param (params, "message", outgoing->text);
  graph_call (task, "POST", path, params, on_comment_posted);
}

/* ------------------------------------------------------------------ */
/* lookup: after a crash, is the post already there?                    */

static void lookup_page (GTask *task);

static char *
normalize_text (const char *text)
{
  g_autofree char *normalized = g_utf8_normalize (text ? text : "", -1, G_NORMALIZE_NFC);

  return g_strstrip (g_steal_pointer (&normalized));
}

static void
on_lookup_page (GTask      *task,
                JsonObject *object)
{
  RoundsGraphConnector *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  JsonArray *data = rounds_json_get_array (object, "data");
  gboolean older_seen = FALSE;

  if (data == NULL)
    {
      fail_malformed (task, _("list of posts"));
      return;
    }

  for (guint i = 0; i < json_array_get_length (data); i++)
    {
      JsonObject *item = array_object (data, i);
      g_autofree char *id = dup_id (item, "id");
      const char *text = rounds_json_get_string (item, self->network == ROUNDS_NETWORK_INSTAGRAM ? "caption"
                                                                                     : "message");
      const char *when = rounds_json_get_string (item, self->network == ROUNDS_NETWORK_INSTAGRAM ? "timestamp"
                                                                                     : "created_time");
      gint64 at = parse_time (when);
      g_autofree char *normalized = NULL;

      if (id == NULL)
        continue;
      if (at != 0 && at < op->sent_after - LOOKUP_SKEW && !op->scheduled_pass)
        {
          older_seen = TRUE;   /* newest first: nothing further back can match */
          continue;
        }
      normalized = normalize_text (text);
      if (g_str_equal (normalized, op->wanted))
        {
          g_autofree char *url = post_url (self, id, rounds_json_get_string (item, "permalink_url")
                                                      ? rounds_json_get_string (item, "permalink_url")
                                                      : rounds_json_get_string (item, "permalink"));

          g_debug ("Found %s on the network", id);
          g_task_return_pointer (task, rounds_remote_post_new (id, url, at),
                                 (GDestroyNotify) rounds_remote_post_free);
          g_object_unref (task);
          return;
        }
    }

  g_free (op->after);
  op->after = next_cursor (object);
  if (op->after != NULL && !older_seen && ++op->pages < LOOKUP_PAGES)
    {
      lookup_page (task);
      return;
    }

  /* Facebook keeps natively scheduled posts apart. */
  if (self->network == ROUNDS_NETWORK_FACEBOOK && !op->scheduled_pass
      && op->outgoing->scheduled_at > 0)
    {
      op->scheduled_pass = TRUE;
      op->pages = 0;
      g_clear_pointer (&op->after, g_free);
      lookup_page (task);
      return;
    }

  g_task_return_pointer (task, NULL, NULL);
  g_object_unref (task);
}

static void
lookup_page (GTask *task)
{
  RoundsGraphConnector *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autofree char *owner = dup_owner_id (self);
  g_autofree char *path = NULL;
  g_autoptr(GHashTable) params = params_new ();

  if (owner == NULL)
    {
      rounds_connector_task_fail_literal (task, ROUNDS_CONNECTOR_ERROR_AUTH_EXPIRED,
                                          _("This account is not fully connected. Reconnect the "
                                            "account."));
      return;
    }
  if (self->network == ROUNDS_NETWORK_INSTAGRAM)
    {
      path = node_path (owner, "media");
      param (params, "fields", "id,caption,timestamp,permalink");
    }
  else
    {
      path = node_path (owner, op->scheduled_pass ? "scheduled_posts" : "posts");
      param (params, "fields", "id,message,created_time,permalink_url");
    }
  param (params, "limit", "25");
  param (params, "after", op->after);
  graph_call (task, "GET", path, params, on_lookup_page);
}

static void
graph_lookup_async (RoundsConnector      *connector,
                    const RoundsOutgoing *outgoing,
                    gint64                sent_after,
                    GCancellable         *cancellable,
                    GAsyncReadyCallback   callback,
                    gpointer              user_data)
{
  RoundsGraphConnector *self = ROUNDS_GRAPH_CONNECTOR (connector);
  GTask *task = rounds_connector_task_new (self, graph_lookup_async, op_new (),
                                           (GDestroyNotify) op_free, cancellable, callback,
                                           user_data);
  Op *op = g_task_get_task_data (task);

  op->outgoing = rounds_outgoing_copy (outgoing);
  op->wanted = normalize_text (outgoing->text);
  op->sent_after = sent_after;
  lookup_page (task);
}

static RoundsRemotePost *
graph_lookup_finish (RoundsConnector  *connector,
                     GAsyncResult     *result,
                     GError          **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Error 506: Facebook already has this very post. Find it and answer as
 * if this publish had made it. */
static void
on_duplicate_found (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(RoundsRemotePost) post = NULL;
  GError *error = NULL;

  post = rounds_connector_lookup_finish (ROUNDS_CONNECTOR (object), result, &error);
  if (error != NULL)
    {
      rounds_connector_task_fail (task, error);
      return;
    }
  if (post == NULL)
    {
      rounds_connector_task_fail_literal (task, ROUNDS_CONNECTOR_ERROR_REJECTED,
                                          _("Facebook refused this post as a duplicate of an "
                                            "earlier one, and Rounds "
                                            "cannot find that earlier post on the Page."));
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&post), (GDestroyNotify) rounds_remote_post_free);
  g_object_unref (task);
}

static gboolean
facebook_duplicate (GTask      *task,
                    GError     *error,
                    const char *code)
{
  RoundsGraphConnector *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);

  if (code == NULL || !(g_str_equal (code, "506") || g_str_has_prefix (code, "506/")))
    return FALSE;
  g_debug ("Facebook says duplicate; looking the post up");
  g_error_free (error);
  graph_lookup_async (ROUNDS_CONNECTOR (self), op->outgoing,
                      rounds_http_client_now (self->http) - 24 * 60 * 60,
                      g_task_get_cancellable (task), on_duplicate_found, task);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* delete                                                               */

static void
on_deleted (GTask      *task,
            JsonObject *object)
{
  JsonNode *success = json_object_get_member (object, "success");

  if (success == NULL || !JSON_NODE_HOLDS_VALUE (success)
      || json_node_get_value_type (success) != G_TYPE_BOOLEAN)
    {
      fail_malformed (task, _("answer to the deletion"));
      return;
    }
  if (!json_node_get_boolean (success))
    {
      rounds_connector_task_fail_literal (task, ROUNDS_CONNECTOR_ERROR_REJECTED,
                                          _("Meta did not delete the post."));
      return;
    }
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
graph_delete_async (RoundsConnector     *connector,
                    const char          *remote_id,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  RoundsGraphConnector *self = ROUNDS_GRAPH_CONNECTOR (connector);
  GTask *task = rounds_connector_task_new (self, graph_delete_async, op_new (),
                                           (GDestroyNotify) op_free, cancellable, callback,
                                           user_data);
  g_autofree char *path = node_path (remote_id, NULL);

  graph_call (task, "DELETE", path, NULL, on_deleted);
}

static gboolean
graph_delete_finish (RoundsConnector  *connector,
                     GAsyncResult     *result,
                     GError          **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ------------------------------------------------------------------ */
/* list_replies: comments on the recent posts since the cursor          */

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
add_comment (GTask      *task,
             JsonObject *item,
             const char *post_id,
             const char *parent_id)
{
  RoundsGraphConnector *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autofree char *owner = dup_owner_id (self);
  g_autofree char *id = dup_id (item, "id");
  JsonObject *from = rounds_json_get_object (item, "from");
  g_autofree char *from_id = dup_id (from, "id");
  JsonObject *parent = rounds_json_get_object (item, "parent");
  g_autofree char *parent_ref = dup_id (parent, "id");
  const char *when = rounds_json_get_string (item, self->network == ROUNDS_NETWORK_INSTAGRAM ? "timestamp"
                                                                                 : "created_time");
  gint64 at = parse_time (when);
  RoundsRemoteComment *comment;

  if (id == NULL || at == 0 || at <= op->since)
    return;
  /* Our own answers are not new comments. */
  if (from_id != NULL && owner != NULL && g_str_equal (from_id, owner))
    return;

  comment = rounds_remote_comment_new ();
  comment->remote_id = g_steal_pointer (&id);
  comment->thread_id = g_strdup (post_id);
  if (parent_id == NULL)
    parent_id = parent_ref;
  comment->kind = parent_id ? ROUNDS_REMOTE_COMMENT_REPLY : ROUNDS_REMOTE_COMMENT_COMMENT;
  comment->parent_id = g_strdup (parent_id ? parent_id : post_id);
  if (self->network == ROUNDS_NETWORK_INSTAGRAM)
    {
      const char *username = rounds_json_get_string (item, "username");

      comment->text = g_strdup (rounds_json_get_string (item, "text"));
      comment->author_handle = username ? g_strconcat ("@", username, NULL) : NULL;
      comment->author_name = g_strdup (username);
    }
  else
    {
      comment->text = g_strdup (rounds_json_get_string (item, "message"));
      comment->author_name = g_strdup (rounds_json_get_string (from, "name"));
      comment->author_handle = g_strdup (rounds_json_get_string (from, "name"));
      comment->url = g_strdup (rounds_json_get_string (item, "permalink_url"));
    }
  if (comment->text == NULL)
    comment->text = g_strdup ("");
  comment->created_at = at;
  op->newest = MAX (op->newest, at);
  g_ptr_array_add (op->results, comment);
}

static void
on_comments_page (GTask      *task,
                  JsonObject *object)
{
  RoundsGraphConnector *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  JsonArray *data = rounds_json_get_array (object, "data");
  const char *post_id = g_ptr_array_index (op->ids, op->index);

  if (data == NULL)
    {
      fail_malformed (task, _("list of comments"));
      return;
    }
  for (guint i = 0; i < json_array_get_length (data); i++)
    {
      JsonObject *item = array_object (data, i);

      add_comment (task, item, post_id, NULL);
      if (self->network == ROUNDS_NETWORK_INSTAGRAM)
        {
          JsonArray *replies = rounds_json_get_array (rounds_json_get_object (item, "replies"), "data");
          g_autofree char *parent = dup_id (item, "id");

          for (guint j = 0; replies && parent && j < json_array_get_length (replies); j++)
            add_comment (task, array_object (replies, j), post_id, parent);
        }
    }

  g_free (op->after);
  op->after = next_cursor (object);
  if (op->after == NULL || ++op->pages >= COMMENT_PAGES)
    {
      g_clear_pointer (&op->after, g_free);
      op->pages = 0;
      op->index++;
    }
  next_post_comments (task);
}

/* A post that is gone, or whose comments we may not read, is skipped:
 * the others still count. */
static gboolean
comments_failed (GTask      *task,
                 GError     *error,
                 const char *code)
{
  Op *op = g_task_get_task_data (task);

  if (!g_error_matches (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_NOT_FOUND))
    return FALSE;
  g_error_free (error);
  g_clear_pointer (&op->after, g_free);
  op->pages = 0;
  op->index++;
  next_post_comments (task);
  return TRUE;
}

static void
next_post_comments (GTask *task)
{
  RoundsGraphConnector *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autofree char *path = NULL;
  g_autoptr(GHashTable) params = params_new ();

  if (op->index >= op->ids->len)
    {
      g_autofree char *cursor = g_strdup_printf ("%" G_GINT64_FORMAT, MAX (op->newest, op->since));

      g_ptr_array_sort (op->results, compare_comments);
      g_object_set_data_full (G_OBJECT (task), "new-cursor", g_steal_pointer (&cursor), g_free);
      g_task_return_pointer (task, g_ptr_array_ref (op->results), (GDestroyNotify) g_ptr_array_unref);
      g_object_unref (task);
      return;
    }

  path = node_path (g_ptr_array_index (op->ids, op->index), "comments");
  if (self->network == ROUNDS_NETWORK_INSTAGRAM)
    param (params, "fields", "id,text,timestamp,username,from{id},"
                             "replies{id,text,timestamp,username,from{id}}");
  else
    {
      g_autofree char *since = g_strdup_printf ("%" G_GINT64_FORMAT, op->since + 1);

      param (params, "fields", "id,message,from{id,name},created_time,parent{id},permalink_url");
      param (params, "filter", "stream");
      param (params, "order", "chronological");
      if (op->since > 0)
        param (params, "since", since);
    }
  param (params, "limit", "50");
  param (params, "after", op->after);
  ((Op *) g_task_get_task_data (task))->on_error = comments_failed;
  graph_call (task, "GET", path, params, on_comments_page);
}

static void
on_recent_posts (GTask      *task,
                 JsonObject *object)
{
  Op *op = g_task_get_task_data (task);
  JsonArray *data = rounds_json_get_array (object, "data");

  if (data == NULL)
    {
      fail_malformed (task, _("list of posts"));
      return;
    }
  for (guint i = 0; i < json_array_get_length (data) && op->ids->len < REPLY_POSTS; i++)
    {
      char *id = dup_id (array_object (data, i), "id");

      if (id != NULL)
        g_ptr_array_add (op->ids, id);
    }
  op->index = 0;
  next_post_comments (task);
}

static void
graph_list_replies_async (RoundsConnector     *connector,
                          const char          *cursor,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  RoundsGraphConnector *self = ROUNDS_GRAPH_CONNECTOR (connector);
  GTask *task = rounds_connector_task_new (self, graph_list_replies_async, op_new (),
                                           (GDestroyNotify) op_free, cancellable, callback,
                                           user_data);
  Op *op = g_task_get_task_data (task);
  g_autofree char *owner = dup_owner_id (self);
  g_autofree char *path = NULL;
  g_autoptr(GHashTable) params = params_new ();

  op->results = g_ptr_array_new_with_free_func ((GDestroyNotify) rounds_remote_comment_free);
  op->since = cursor ? g_ascii_strtoll (cursor, NULL, 10) : 0;
  if (owner == NULL)
    {
      rounds_connector_task_fail_literal (task, ROUNDS_CONNECTOR_ERROR_AUTH_EXPIRED,
                                          _("This account is not fully connected. Reconnect the "
                                            "account."));
      return;
    }
  path = node_path (owner, self->network == ROUNDS_NETWORK_INSTAGRAM ? "media" : "posts");
  param (params, "fields", "id");
  param (params, "limit", "25");
  graph_call (task, "GET", path, params, on_recent_posts);
}

static GPtrArray *
graph_list_replies_finish (RoundsConnector  *connector,
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
/* check_gone: comments deleted since they were fetched                 */

/* One read of up to GONE_BATCH comments, GET /?ids=A,B&fields=id. Graph
 * answers it as a whole: when one of the ids no longer exists the whole
 * read fails ("(#803) Some of the aliases you requested do not exist",
 * or a #100), and only then is each comment of that read asked alone,
 * GET /{id}?fields=id, where "(#100) … does not exist" (code 100,
 * subcode 33) calls that one gone. An id the answer leaves out is not
 * called gone. (The root ?ids= read is gone from Graph 26.0: when the
 * version is raised it goes, and the read one by one stays.) */
static void gone_next_batch (GTask *task);

static guint
gone_batch_length (Op *op)
{
  return MIN (GONE_BATCH, op->ids->len - op->index);
}

static void
on_node_there (GTask      *task,
               JsonObject *object)
{
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
ask_node (RoundsConnector     *connector,
          const char          *id,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  GTask *task = rounds_connector_task_new (connector, ask_node, op_new (), (GDestroyNotify) op_free,
                                           cancellable, callback, user_data);
  g_autofree char *path = node_path (id, NULL);
  g_autoptr(GHashTable) params = params_new ();

  param (params, "fields", "id");
  graph_call (task, "GET", path, params, on_node_there);
}

static void
on_gone_each (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  Op *op = g_task_get_task_data (task);
  g_autoptr(GPtrArray) gone = NULL;
  GError *error = NULL;

  gone = rounds_connector_check_each_finish (ROUNDS_CONNECTOR (source), result, &error);
  if (gone == NULL)
    {
      rounds_connector_task_fail (task, error);
      return;
    }
  for (guint i = 0; i < gone->len; i++)
    g_ptr_array_add (op->results, g_strdup (g_ptr_array_index (gone, i)));
  op->index += gone_batch_length (op);
  gone_next_batch (task);
}

static gboolean
gone_batch_failed (GTask      *task,
                   GError     *error,
                   const char *code)
{
  Op *op = g_task_get_task_data (task);
  gint64 number = code ? g_ascii_strtoll (code, NULL, 10) : 0;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) ids = NULL;

  if (!g_error_matches (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_NOT_FOUND)
      && !(g_error_matches (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_REJECTED)
           && (number == 803 || number == 100)))
    return FALSE;
  g_error_free (error);

  builder = g_strv_builder_new ();
  for (guint i = 0; i < gone_batch_length (op); i++)
    g_strv_builder_add (builder, g_ptr_array_index (op->ids, op->index + i));
  ids = g_strv_builder_end (builder);
  rounds_connector_check_each_async (g_task_get_source_object (task), ask_node,
                                     (const char * const *) ids, GONE_EACH_MAX, ask_node,
                                     g_task_get_cancellable (task), on_gone_each, task);
  return TRUE;
}

static void
on_gone_batch (GTask      *task,
               JsonObject *object)
{
  Op *op = g_task_get_task_data (task);

  /* {"ID": {"id": "ID"}, …}: every one is there. */
  op->index += gone_batch_length (op);
  gone_next_batch (task);
}

static void
gone_next_batch (GTask *task)
{
  Op *op = g_task_get_task_data (task);
  g_autoptr(GHashTable) params = NULL;
  g_autoptr(GString) ids = NULL;

  if (op->index >= op->ids->len)
    {
      g_task_return_pointer (task, g_ptr_array_ref (op->results), (GDestroyNotify) g_ptr_array_unref);
      g_object_unref (task);
      return;
    }
  ids = g_string_new (NULL);
  for (guint i = 0; i < gone_batch_length (op); i++)
    g_string_append_printf (ids, "%s%s", i > 0 ? "," : "",
                            (const char *) g_ptr_array_index (op->ids, op->index + i));
  params = params_new ();
  param (params, "ids", ids->str);
  param (params, "fields", "id");
  op->on_error = gone_batch_failed;
  graph_call (task, "GET", "/", params, on_gone_batch);
}

static void
graph_check_gone_async (RoundsConnector     *connector,
                        const char * const  *remote_ids,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  GTask *task = rounds_connector_task_new (connector, graph_check_gone_async, op_new (),
                                           (GDestroyNotify) op_free, cancellable, callback,
                                           user_data);
  Op *op = g_task_get_task_data (task);

  op->results = g_ptr_array_new_with_free_func (g_free);
  /* Graph ids are digits and underscores; anything else is not ours and
   * would change the list. */
  for (guint i = 0; remote_ids != NULL && remote_ids[i] != NULL; i++)
    if (remote_ids[i][0] != '\0'
        && strspn (remote_ids[i], "0123456789_") == strlen (remote_ids[i]))
      g_ptr_array_add (op->ids, g_strdup (remote_ids[i]));
  gone_next_batch (task);
}

/* ------------------------------------------------------------------ */
/* fetch_metrics                                                        */

static void next_post_metrics (GTask *task);

static void
on_post_insights (GTask      *task,
                  JsonObject *object)
{
  RoundsGraphConnector *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  JsonArray *data = rounds_json_get_array (object, "data");
  const char *post_id = op->remote_ids[op->index];

  if (data == NULL)
    {
      fail_malformed (task, _("insights"));
      return;
    }
  for (guint i = 0; i < json_array_get_length (data); i++)
    {
      JsonObject *item = array_object (data, i);
      const char *ours = rounds_graph_metric_name (self->network, "post", rounds_json_get_string (item, "name"));
      JsonArray *values = rounds_json_get_array (item, "values");
      gint64 value = 0;

      if (ours == NULL)
        continue;
      if (values != NULL && json_array_get_length (values) > 0
          && rounds_json_get_int (array_object (values, json_array_get_length (values) - 1), "value", &value))
        ;
      else if (!rounds_json_get_int (rounds_json_get_object (item, "total_value"), "value", &value))
        continue;
      g_ptr_array_add (op->results, rounds_metric_new (post_id, ours, value));
    }
  op->index++;
  next_post_metrics (task);
}

/* A deleted post has no numbers; the others still count. */
static gboolean
insights_failed (GTask      *task,
                 GError     *error,
                 const char *code)
{
  Op *op = g_task_get_task_data (task);

  if (!g_error_matches (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_NOT_FOUND))
    return FALSE;
  g_error_free (error);
  op->index++;
  next_post_metrics (task);
  return TRUE;
}

static void
next_post_metrics (GTask *task)
{
  RoundsGraphConnector *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autofree char *path = NULL;
  g_autofree char *metrics = NULL;
  g_autoptr(GHashTable) params = params_new ();

  if (op->remote_ids == NULL || op->remote_ids[op->index] == NULL)
    {
      g_task_return_pointer (task, g_ptr_array_ref (op->results), (GDestroyNotify) g_ptr_array_unref);
      g_object_unref (task);
      return;
    }
  path = node_path (op->remote_ids[op->index], "insights");
  metrics = rounds_graph_post_metrics_query (self->network);
  param (params, "metric", metrics);
  if (self->network == ROUNDS_NETWORK_FACEBOOK)
    param (params, "period", "lifetime");
  op->on_error = insights_failed;
  graph_call (task, "GET", path, params, on_post_insights);
}

static void
on_account_numbers (GTask      *task,
                    JsonObject *object)
{
  RoundsGraphConnector *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &value))
    {
      const char *ours = rounds_graph_metric_name (self->network, "account", name);
      gint64 number = 0;

      if (ours != NULL && rounds_json_get_int (object, name, &number))
        g_ptr_array_add (op->results, rounds_metric_new (NULL, ours, number));
    }
  op->index = 0;
  next_post_metrics (task);
}

static void
graph_fetch_metrics_async (RoundsConnector     *connector,
                           const char * const  *remote_ids,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  RoundsGraphConnector *self = ROUNDS_GRAPH_CONNECTOR (connector);
  GTask *task = rounds_connector_task_new (self, graph_fetch_metrics_async, op_new (),
                                           (GDestroyNotify) op_free, cancellable, callback,
                                           user_data);
  Op *op = g_task_get_task_data (task);
  g_autofree char *owner = dup_owner_id (self);
  g_autofree char *path = NULL;
  g_autofree char *fields = account_fields_query (self->network);
  g_autoptr(GHashTable) params = params_new ();

  op->results = g_ptr_array_new_with_free_func ((GDestroyNotify) rounds_metric_free);
  op->remote_ids = g_strdupv ((char **) remote_ids);
  if (owner == NULL)
    {
      rounds_connector_task_fail_literal (task, ROUNDS_CONNECTOR_ERROR_AUTH_EXPIRED,
                                          _("This account is not fully connected. Reconnect the "
                                            "account."));
      return;
    }
  path = node_path (owner, NULL);
  param (params, "fields", fields);
  graph_call (task, "GET", path, params, on_account_numbers);
}

static GPtrArray *
graph_fetch_metrics_finish (RoundsConnector  *connector,
                            GAsyncResult     *result,
                            GError          **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------ */

static RoundsNetwork
graph_get_network (RoundsConnector *connector)
{
  return ROUNDS_GRAPH_CONNECTOR (connector)->network;
}

static RoundsConnectorCapabilities
graph_get_capabilities (RoundsConnector *connector)
{
  RoundsGraphConnector *self = ROUNDS_GRAPH_CONNECTOR (connector);
  RoundsConnectorCapabilities caps = ROUNDS_CONNECTOR_CAN_PUBLISH | ROUNDS_CONNECTOR_CAN_PUBLISH_MEDIA
                                     | ROUNDS_CONNECTOR_CAN_DELETE | ROUNDS_CONNECTOR_CAN_LOOKUP
                                     | ROUNDS_CONNECTOR_CAN_LIST_REPLIES | ROUNDS_CONNECTOR_CAN_REPLY
                                     | ROUNDS_CONNECTOR_CAN_FETCH_METRICS
                                     | ROUNDS_CONNECTOR_CAN_CHECK_GONE;

  if (self->network == ROUNDS_NETWORK_INSTAGRAM)
    caps |= ROUNDS_CONNECTOR_NEEDS_MEDIA;
  else
    caps |= ROUNDS_CONNECTOR_CAN_SCHEDULE_NATIVE;
  return caps;
}

static void
connector_iface_init (RoundsConnectorInterface *iface)
{
  iface->get_network = graph_get_network;
  iface->get_capabilities = graph_get_capabilities;
  iface->verify_async = graph_verify_async;
  iface->verify_finish = graph_verify_finish;
  iface->publish_async = graph_publish_async;
  iface->publish_finish = graph_post_finish;
  iface->lookup_async = graph_lookup_async;
  iface->lookup_finish = graph_lookup_finish;
  iface->delete_async = graph_delete_async;
  iface->delete_finish = graph_delete_finish;
  iface->list_replies_async = graph_list_replies_async;
  iface->list_replies_finish = graph_list_replies_finish;
  iface->reply_async = graph_reply_async;
  iface->reply_finish = graph_post_finish;
  iface->fetch_metrics_async = graph_fetch_metrics_async;
  iface->fetch_metrics_finish = graph_fetch_metrics_finish;
  iface->check_gone_async = graph_check_gone_async;
  iface->check_gone_finish = rounds_connector_check_each_finish;
}

static void
rounds_graph_connector_finalize (GObject *object)
{
  RoundsGraphConnector *self = ROUNDS_GRAPH_CONNECTOR (object);

  g_free (self->base_url);
  rounds_connector_clear_secret (&self->credentials);
  g_clear_object (&self->http);

  G_OBJECT_CLASS (rounds_graph_connector_parent_class)->finalize (object);
}

static void
rounds_graph_connector_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  RoundsGraphConnector *self = ROUNDS_GRAPH_CONNECTOR (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;
    case PROP_CREDENTIALS:
      g_value_set_string (value, self->credentials);
      break;
    case PROP_NETWORK:
      g_value_set_int (value, self->network);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rounds_graph_connector_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  RoundsGraphConnector *self = ROUNDS_GRAPH_CONNECTOR (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      rounds_connector_set_base_url (&self->base_url, g_value_get_string (value), NULL);
      break;
    case PROP_CREDENTIALS:
      if (rounds_connector_replace_secret (&self->credentials, g_value_get_string (value)))
        g_object_notify_by_pspec (object, pspec);
      break;
    case PROP_NETWORK:
      self->network = g_value_get_int (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rounds_graph_connector_class_init (RoundsGraphConnectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rounds_graph_connector_finalize;
  object_class->get_property = rounds_graph_connector_get_property;
  object_class->set_property = rounds_graph_connector_set_property;

  g_object_class_override_property (object_class, PROP_BASE_URL, "base-url");
  g_object_class_override_property (object_class, PROP_CREDENTIALS, "credentials");
  g_object_class_install_property (object_class, PROP_NETWORK,
                                   g_param_spec_int ("network", NULL, NULL,
                                                     0, G_MAXINT, ROUNDS_NETWORK_FACEBOOK,
                                                     G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY
                                                     | G_PARAM_STATIC_STRINGS));
}

static void
rounds_graph_connector_init (RoundsGraphConnector *self)
{
  self->http = rounds_http_client_new (ROUNDS_HTTP_STYLE_GRAPH);
  self->poll_interval = 2000;
  self->network = ROUNDS_NETWORK_FACEBOOK;
}

RoundsConnector *
rounds_graph_connector_new (RoundsNetwork  network,
                            const char    *base_url,
                            const char    *credentials)
{
  g_return_val_if_fail (base_url != NULL, NULL);
  g_return_val_if_fail (network == ROUNDS_NETWORK_FACEBOOK || network == ROUNDS_NETWORK_INSTAGRAM, NULL);

  return g_object_new (ROUNDS_TYPE_GRAPH_CONNECTOR,
                       "network", (int) network,
                       "base-url", base_url,
                       "credentials", credentials,
                       NULL);
}

RoundsHttpClient *
rounds_graph_connector_get_http_client (RoundsGraphConnector *self)
{
  g_return_val_if_fail (ROUNDS_IS_GRAPH_CONNECTOR (self), NULL);

  return self->http;
}

void
rounds_graph_connector_set_poll_interval (RoundsGraphConnector *self,
                                          guint                 msec)
{
  g_return_if_fail (ROUNDS_IS_GRAPH_CONNECTOR (self));

  self->poll_interval = MAX (msec, 1);
}
