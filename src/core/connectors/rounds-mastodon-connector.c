/* rounds-mastodon-connector.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-mastodon"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "rounds-connector-task.h"
#include "rounds-json-fields.h"
#include "rounds-html-text.h"
#include "rounds-mastodon-connector.h"

/* Every call is a small chain of HTTP requests (RoundsHttpClient) driven
 * by GTask callbacks on the caller's main context. Nothing here logs a
 * token, a post's text or a comment: only ids and HTTP statuses. */

#define MAX_MEDIA_BYTES      (40 * 1024 * 1024)  /* far above any server's limit */
#define MAX_MEDIA_POLLS      120
#define LOOKUP_PAGES         5
#define LOOKUP_SKEW          (5 * 60)            /* server and local clocks differ */
#define NOTIFICATION_PAGES   10
#define PAGE_LIMIT           "40"

struct _RoundsMastodonConnector
{
  GObject           parent_instance;

  char             *base_url;     /* no trailing slash */
  char             *credentials;
  RoundsHttpClient *http;
  guint             media_poll_interval;
};

static void connector_iface_init (RoundsConnectorInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RoundsMastodonConnector, rounds_mastodon_connector, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (ROUNDS_TYPE_CONNECTOR, connector_iface_init))

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_CREDENTIALS,
  N_PROPS
};

/* ------------------------------------------------------------------ */
/* Helpers                                                              */

static char *
dup_credential (RoundsMastodonConnector *self,
                const char              *name)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  JsonNode *member;

  if (self->credentials == NULL)
    return NULL;
  root = json_from_string (self->credentials, NULL);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  object = json_node_get_object (root);
  member = json_object_get_member (object, name);
  if (member == NULL || !JSON_NODE_HOLDS_VALUE (member)
      || json_node_get_value_type (member) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (member));
}

/* A request to @path (already escaped, may have a query) with the token.
 * NULL with AUTH_EXPIRED when no token is stored. */
static SoupMessage *
new_request (RoundsMastodonConnector  *self,
             const char               *method,
             const char               *path,
             JsonNode                 *body,
             GError                  **error)
{
  g_autofree char *token = dup_credential (self, "access_token");
  g_autofree char *uri = NULL;
  SoupMessage *message;

  if (token == NULL || token[0] == '\0')
    {
      g_set_error_literal (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_AUTH_EXPIRED,
                           _("This Mastodon account is not signed in. Reconnect the account."));
      return NULL;
    }

  uri = g_strconcat (self->base_url, path, NULL);
  message = rounds_http_message_new_json (method, uri, body);
  if (message == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The Mastodon server address is not usable."));
      return NULL;
    }
  rounds_http_message_set_bearer (message, token);
  return message;
}

static char *
escape_id (const char *id)
{
  return g_uri_escape_string (id, NULL, FALSE);
}

static gint64
parse_time (const char *iso)
{
  g_autoptr(GDateTime) dt = NULL;

  if (iso == NULL)
    return 0;
  dt = g_date_time_new_from_iso8601 (iso, NULL);
  return dt ? g_date_time_to_unix (dt) : 0;
}

static gint64
get_int (JsonObject *object,
         const char *name)
{
  gint64 value = 0;

  rounds_json_get_int (object, name, &value);
  return value;
}

static gboolean
set_malformed (GError     **error,
               const char  *what)
{
  /* Translators: %s names what was missing, e.g. "status id" */
  g_set_error (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_MALFORMED,
               _("The Mastodon server's answer is missing the %s."), what);
  return FALSE;
}

/* The next page's URL from a Link header, only when it stays on our
 * server (a hostile server could point Rounds elsewhere with the token). */
static char *
link_on_server (RoundsMastodonConnector *self,
                RoundsHttpResponse      *response,
                const char              *rel)
{
  g_autofree char *link = rounds_http_link_find (rounds_http_response_get_header (response, "Link"),
                                                 rel);
  g_autoptr(GUri) base = NULL;
  g_autoptr(GUri) target = NULL;
  int base_port, target_port;

  if (link == NULL)
    return NULL;
  base = g_uri_parse (self->base_url, SOUP_HTTP_URI_FLAGS, NULL);
  target = g_uri_parse (link, SOUP_HTTP_URI_FLAGS, NULL);
  if (base == NULL || target == NULL || g_uri_get_host (target) == NULL
      || g_ascii_strcasecmp (g_uri_get_host (base), g_uri_get_host (target)) != 0
      || g_strcmp0 (g_uri_get_scheme (base), g_uri_get_scheme (target)) != 0)
    return NULL;
  base_port = g_uri_get_port (base);
  target_port = g_uri_get_port (target);
  if (base_port != target_port)
    return NULL;
  return g_steal_pointer (&link);
}

static RoundsRemotePost *
remote_post_from_status (JsonObject  *status,
                         GError     **error)
{
  const char *id = rounds_json_get_string (status, "id");

  if (id == NULL)
    {
      set_malformed (error, _("status id"));
      return NULL;
    }
  return rounds_remote_post_new (id, rounds_json_get_string (status, "url"),
                                 parse_time (rounds_json_get_string (status, "created_at")));
}

/* "@clinic@med-mastodon.com" from an Account ("acct" has no domain for
 * local accounts). */
static char *
full_handle (RoundsMastodonConnector *self,
             const char              *acct)
{
  g_autoptr(GUri) base = NULL;

  if (acct == NULL)
    return NULL;
  if (strchr (acct, '@') != NULL)
    return g_strconcat ("@", acct, NULL);
  base = g_uri_parse (self->base_url, SOUP_HTTP_URI_FLAGS, NULL);
  return g_strdup_printf ("@%s@%s", acct, base ? g_uri_get_host (base) : "");
}

/* ------------------------------------------------------------------ */
/* verify                                                               */

static RoundsAccountInfo *
account_info_from_json (RoundsMastodonConnector  *self,
                        JsonNode                 *root,
                        GError                  **error)
{
  JsonObject *account = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  RoundsAccountInfo *info;
  const char *display_name;

  if (account == NULL || rounds_json_get_string (account, "id") == NULL || rounds_json_get_string (account, "acct") == NULL)
    {
      set_malformed (error, _("account"));
      return NULL;
    }

  info = rounds_account_info_new ();
  info->remote_id = g_strdup (rounds_json_get_string (account, "id"));
  info->handle = full_handle (self, rounds_json_get_string (account, "acct"));
  display_name = rounds_json_get_string (account, "display_name");
  info->display_name = g_strdup (display_name && display_name[0] ? display_name
                                                                 : rounds_json_get_string (account, "username"));
  info->profile_url = g_strdup (rounds_json_get_string (account, "url"));
  info->token_expires_at = 0;   /* Mastodon tokens do not expire */
  return info;
}

static void
on_verify_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RoundsMastodonConnector *self = g_task_get_source_object (task);
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;
  RoundsAccountInfo *info;

  root = rounds_http_client_send_json_finish (self->http, result, NULL, &error);
  if (root == NULL || (info = account_info_from_json (self, root, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, info, (GDestroyNotify) rounds_account_info_free);
}

static void
mastodon_verify_async (RoundsConnector     *connector,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  RoundsMastodonConnector *self = ROUNDS_MASTODON_CONNECTOR (connector);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(SoupMessage) message = NULL;
  GError *error = NULL;

  g_task_set_source_tag (task, mastodon_verify_async);
  message = new_request (self, "GET", "/api/v1/accounts/verify_credentials", NULL, &error);
  if (message == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  rounds_http_client_send_json_async (self->http, message, cancellable, on_verify_done,
                                      g_steal_pointer (&task));
}

static RoundsAccountInfo *
mastodon_verify_finish (RoundsConnector  *connector,
                        GAsyncResult     *result,
                        GError          **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------ */
/* publish and reply: media first, then the status                      */

typedef struct
{
  RoundsOutgoing *outgoing;
  guint           media_index;
  GPtrArray      *media_ids;
  char           *pending_media_id;
  guint           polls;
  guint           poll_source;
} PostData;

static void
post_data_free (PostData *data)
{
  g_clear_pointer (&data->outgoing, rounds_outgoing_free);
  g_clear_pointer (&data->media_ids, g_ptr_array_unref);
  g_free (data->pending_media_id);
  g_clear_handle_id (&data->poll_source, g_source_remove);
  g_free (data);
}

static void post_next_media (GTask *task);

static void
on_status_posted (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RoundsMastodonConnector *self = g_task_get_source_object (task);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *status;
  GError *error = NULL;
  RoundsRemotePost *post;

  root = rounds_http_client_send_json_finish (self->http, result, NULL, &error);
  if (root == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  status = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;

  /* A ScheduledStatus has scheduled_at and params instead of content. */
  if (status != NULL && rounds_json_get_string (status, "scheduled_at") != NULL
      && rounds_json_get_object (status, "params") != NULL && rounds_json_get_string (status, "id") != NULL)
    {
      g_autofree char *id = g_strconcat (ROUNDS_MASTODON_SCHEDULED_PREFIX,
                                         rounds_json_get_string (status, "id"), NULL);

      post = rounds_remote_post_new (id, NULL, parse_time (rounds_json_get_string (status, "scheduled_at")));
    }
  else
    post = remote_post_from_status (status, &error);

  if (post == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_debug ("Published status %s", post->remote_id);
  g_task_return_pointer (task, post, (GDestroyNotify) rounds_remote_post_free);
}

static void
post_status (GTask *task)
{
  RoundsMastodonConnector *self = g_task_get_source_object (task);
  PostData *data = g_task_get_task_data (task);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(SoupMessage) message = NULL;
  GError *error = NULL;
  gint64 now = rounds_http_client_now (self->http);
  gint64 scheduled_at = 0;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, data->outgoing->text);
  json_builder_set_member_name (builder, "visibility");
  json_builder_add_string_value (builder, "public");
  if (data->media_ids->len > 0)
    {
      json_builder_set_member_name (builder, "media_ids");
      json_builder_begin_array (builder);
      for (guint i = 0; i < data->media_ids->len; i++)
        json_builder_add_string_value (builder, g_ptr_array_index (data->media_ids, i));
      json_builder_end_array (builder);
    }
  if (data->outgoing->reply_to_id != NULL)
    {
      json_builder_set_member_name (builder, "in_reply_to_id");
      json_builder_add_string_value (builder, data->outgoing->reply_to_id);
    }
  /* Native scheduling only when far enough ahead; a due post goes now. */
  if (data->outgoing->scheduled_at >= now + ROUNDS_MASTODON_MIN_SCHEDULE_AHEAD)
    scheduled_at = data->outgoing->scheduled_at;
  if (scheduled_at != 0)
    {
      g_autoptr(GDateTime) at = g_date_time_new_from_unix_utc (scheduled_at);
      g_autofree char *iso = g_date_time_format (at, "%Y-%m-%dT%H:%M:%SZ");

      json_builder_set_member_name (builder, "scheduled_at");
      json_builder_add_string_value (builder, iso);
    }
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  message = new_request (self, "POST", "/api/v1/statuses", body, &error);
  if (message == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  /* The server keeps the key's first answer for an hour: a re-send is the
   * same status. A post moved to another time is another request (the
   * server would otherwise answer with the cancelled scheduled status). */
  if (data->outgoing->idempotency_key != NULL)
    {
      g_autofree char *key = NULL;

      if (scheduled_at != 0)
        key = g_strdup_printf ("%s@%" G_GINT64_FORMAT, data->outgoing->idempotency_key, scheduled_at);
      else
        key = g_strdup (data->outgoing->idempotency_key);
      soup_message_headers_replace (soup_message_get_request_headers (message), "Idempotency-Key",
                                    key);
    }
  rounds_http_client_send_json_async (self->http, message, g_task_get_cancellable (task),
                                      on_status_posted, task);
}

static void on_media_polled (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data);

static gboolean
poll_media_cb (gpointer user_data)
{
  GTask *task = user_data;
  RoundsMastodonConnector *self = g_task_get_source_object (task);
  PostData *data = g_task_get_task_data (task);
  g_autofree char *id = escape_id (data->pending_media_id);
  g_autofree char *path = g_strconcat ("/api/v1/media/", id, NULL);
  g_autoptr(SoupMessage) message = NULL;
  GError *error = NULL;

  data->poll_source = 0;
  message = new_request (self, "GET", path, NULL, &error);
  if (message == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return G_SOURCE_REMOVE;
    }
  rounds_http_client_send_async (self->http, message, g_task_get_cancellable (task),
                                 on_media_polled, task);
  return G_SOURCE_REMOVE;
}

/* 200 with a url: ready. 202/206 or url null: still processing. */
static void
media_answer (GTask              *task,
              RoundsHttpResponse *response)
{
  RoundsMastodonConnector *self = g_task_get_source_object (task);
  PostData *data = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *media;
  GError *error = NULL;
  const char *id;
  gboolean ready;

  if (!rounds_http_response_check (response, ROUNDS_HTTP_STYLE_MASTODON, &error)
      || (root = rounds_http_response_parse_json (response, &error)) == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  media = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  id = rounds_json_get_string (media, "id");
  if (id == NULL)
    {
      set_malformed (&error, _("media id"));
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  ready = response->status == 200 && rounds_json_get_string (media, "url") != NULL;
  if (ready)
    {
      g_ptr_array_add (data->media_ids, g_strdup (id));
      g_clear_pointer (&data->pending_media_id, g_free);
      data->media_index++;
      post_next_media (task);
      return;
    }

  if (++data->polls > MAX_MEDIA_POLLS)
    {
      g_task_return_new_error (task, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_TRANSIENT,
                               _("Mastodon is still processing the image. Rounds will try again."));
      g_object_unref (task);
      return;
    }
  g_free (data->pending_media_id);
  data->pending_media_id = g_strdup (id);
  data->poll_source = g_timeout_add (self->media_poll_interval, poll_media_cb, task);
}

static void
on_media_polled (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  RoundsMastodonConnector *self = g_task_get_source_object (task);
  g_autoptr(RoundsHttpResponse) response = NULL;
  GError *error = NULL;

  response = rounds_http_client_send_finish (self->http, result, &error);
  if (response == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  media_answer (task, response);
}

static void
on_media_uploaded (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GTask *task = user_data;
  RoundsMastodonConnector *self = g_task_get_source_object (task);
  g_autoptr(RoundsHttpResponse) response = NULL;
  GError *error = NULL;

  response = rounds_http_client_send_finish (self->http, result, &error);
  if (response == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  media_answer (task, response);
}

static void
on_media_loaded (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  RoundsMastodonConnector *self = g_task_get_source_object (task);
  PostData *data = g_task_get_task_data (task);
  RoundsOutgoingMedia *media = g_ptr_array_index (data->outgoing->media, data->media_index);
  g_autofree char *contents = NULL;
  g_autofree char *basename = g_path_get_basename (media->path);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(SoupMultipart) multipart = NULL;
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GError) load_error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *uri = NULL;
  gsize length = 0;

  if (!g_file_load_contents_finish (G_FILE (object), result, &contents, &length, NULL, &load_error))
    {
      if (g_error_matches (load_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&load_error));
      else
        g_task_return_new_error (task, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_REJECTED,
                                 _("The image “%s” cannot be read: %s"), basename,
                                 load_error->message);
      g_object_unref (task);
      return;
    }
  if (length > MAX_MEDIA_BYTES)
    {
      g_task_return_new_error (task, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_REJECTED,
                               _("The image “%s” is too large to upload."), basename);
      g_object_unref (task);
      return;
    }

  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  multipart = soup_multipart_new (SOUP_FORM_MIME_TYPE_MULTIPART);
  soup_multipart_append_form_file (multipart, "file", basename, media->mime_type, bytes);
  soup_multipart_append_form_string (multipart, "description", media->alt_text);

  token = dup_credential (self, "access_token");
  uri = g_strconcat (self->base_url, "/api/v2/media", NULL);
  message = soup_message_new_from_multipart (uri, multipart);
  if (token == NULL || message == NULL)
    {
      GError *error = NULL;

      g_clear_object (&message);
      new_request (self, "POST", "/api/v2/media", NULL, &error);
      if (error == NULL)
        g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                             _("The Mastodon server address is not usable."));
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  soup_message_headers_replace (soup_message_get_request_headers (message), "Accept",
                                "application/json");
  rounds_http_message_set_bearer (message, token);
  /* Uploading takes longer than an answer: allow for 32 KB/s. */
  rounds_http_message_set_timeout (message, rounds_http_client_get_timeout (self->http)
                                            + (guint) (length / (32 * 1024)));
  data->polls = 0;
  rounds_http_client_send_async (self->http, message, g_task_get_cancellable (task),
                                 on_media_uploaded, task);
}

/* Takes over the task's reference. */
static void
post_next_media (GTask *task)
{
  PostData *data = g_task_get_task_data (task);
  RoundsOutgoingMedia *media;
  g_autoptr(GFile) file = NULL;

  if (data->media_index >= data->outgoing->media->len)
    {
      post_status (task);
      return;
    }

  media = g_ptr_array_index (data->outgoing->media, data->media_index);
  file = g_file_new_for_path (media->path);
  g_file_load_contents_async (file, g_task_get_cancellable (task), on_media_loaded, task);
}

static void
post_async (RoundsMastodonConnector *self,
            const RoundsOutgoing    *outgoing,
            gpointer                 source_tag,
            GCancellable            *cancellable,
            GAsyncReadyCallback      callback,
            gpointer                 user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  PostData *data = g_new0 (PostData, 1);

  g_task_set_source_tag (task, source_tag);
  data->outgoing = rounds_outgoing_copy (outgoing);
  data->media_ids = g_ptr_array_new_with_free_func (g_free);
  g_task_set_task_data (task, data, (GDestroyNotify) post_data_free);

  if (outgoing->text[0] == '\0' && outgoing->media->len == 0)
    {
      g_task_return_new_error (task, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_REJECTED,
                               _("There is nothing to publish: no text and no image."));
      g_object_unref (task);
      return;
    }
  post_next_media (task);
}

static void
mastodon_publish_async (RoundsConnector      *connector,
                        const RoundsOutgoing *outgoing,
                        GCancellable         *cancellable,
                        GAsyncReadyCallback   callback,
                        gpointer              user_data)
{
  post_async (ROUNDS_MASTODON_CONNECTOR (connector), outgoing, mastodon_publish_async,
              cancellable, callback, user_data);
}

static RoundsRemotePost *
mastodon_post_finish (RoundsConnector  *connector,
                      GAsyncResult     *result,
                      GError          **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
mastodon_reply_async (RoundsConnector      *connector,
                      const RoundsOutgoing *outgoing,
                      GCancellable         *cancellable,
                      GAsyncReadyCallback   callback,
                      gpointer              user_data)
{
  post_async (ROUNDS_MASTODON_CONNECTOR (connector), outgoing, mastodon_reply_async,
              cancellable, callback, user_data);
}

/* ------------------------------------------------------------------ */
/* lookup: after a crash, is the post already there?                    */

typedef struct
{
  RoundsOutgoing *outgoing;
  char           *wanted;       /* normalised text */
  gint64          sent_after;
  char           *account_id;
  guint           pages;
  gboolean        scheduled_checked;
} LookupData;

static void
lookup_data_free (LookupData *data)
{
  g_clear_pointer (&data->outgoing, rounds_outgoing_free);
  g_free (data->wanted);
  g_free (data->account_id);
  g_free (data);
}

static void lookup_fetch (GTask *task, const char *uri_or_path);
static char *normalize_for_match (const char *text);

/* Mastodon shows a mention "@pat@other.example" as "@pat": compare
 * mentions without their domain, on both sides. */
static char *
normalize_for_match (const char *text)
{
  static GRegex *mention_re = NULL;
  g_autofree char *normal = rounds_text_normalize_for_match (text);

  if (g_once_init_enter (&mention_re))
    g_once_init_leave (&mention_re,
                       g_regex_new ("(?<![\\w@])(@[A-Za-z0-9_]+)@[A-Za-z0-9.-]*[A-Za-z0-9]",
                                    G_REGEX_OPTIMIZE, 0, NULL));
  return g_regex_replace (mention_re, normal, -1, 0, "\\1", 0, NULL);
}

static gboolean
text_matches (LookupData *data,
              const char *plain)
{
  g_autofree char *got = normalize_for_match (plain);

  return got != NULL && g_str_equal (got, data->wanted);
}

static void
on_scheduled_listed (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RoundsMastodonConnector *self = g_task_get_source_object (task);
  LookupData *data = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;
  JsonArray *array;

  root = rounds_http_client_send_json_finish (self->http, result, NULL, &error);
  if (root == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (!JSON_NODE_HOLDS_ARRAY (root))
    {
      set_malformed (&error, _("list of scheduled posts"));
      g_task_return_error (task, error);
      return;
    }
  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *item = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      JsonObject *params = rounds_json_get_object (item, "params");
      const char *id = rounds_json_get_string (item, "id");

      if (id != NULL && params != NULL && rounds_json_get_string (params, "text") != NULL
          && text_matches (data, rounds_json_get_string (params, "text")))
        {
          g_autofree char *remote_id = g_strconcat (ROUNDS_MASTODON_SCHEDULED_PREFIX, id, NULL);

          g_task_return_pointer (task,
                                 rounds_remote_post_new (remote_id, NULL,
                                                         parse_time (rounds_json_get_string (item, "scheduled_at"))),
                                 (GDestroyNotify) rounds_remote_post_free);
          return;
        }
    }
  g_task_return_pointer (task, NULL, NULL);
}

static void
lookup_not_found (GTask *task)
{
  RoundsMastodonConnector *self = g_task_get_source_object (task);
  LookupData *data = g_task_get_task_data (task);
  g_autoptr(SoupMessage) message = NULL;
  GError *error = NULL;

  /* A post sent for native scheduling waits among the scheduled ones. */
  if (data->outgoing->scheduled_at == 0 || data->scheduled_checked)
    {
      g_task_return_pointer (task, NULL, NULL);
      g_object_unref (task);
      return;
    }
  data->scheduled_checked = TRUE;
  message = new_request (self, "GET", "/api/v1/scheduled_statuses?limit=" PAGE_LIMIT, NULL, &error);
  if (message == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  rounds_http_client_send_json_async (self->http, message, g_task_get_cancellable (task),
                                      on_scheduled_listed, task);
}

static void
on_statuses_listed (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GTask *task = user_data;
  RoundsMastodonConnector *self = g_task_get_source_object (task);
  LookupData *data = g_task_get_task_data (task);
  g_autoptr(RoundsHttpResponse) response = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *next = NULL;
  GError *error = NULL;
  JsonArray *array;
  gboolean older_seen = FALSE;

  root = rounds_http_client_send_json_finish (self->http, result, &response, &error);
  if (root == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  if (!JSON_NODE_HOLDS_ARRAY (root))
    {
      set_malformed (&error, _("list of posts"));
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *status = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      gint64 created = parse_time (rounds_json_get_string (status, "created_at"));
      g_autofree char *plain = NULL;

      if (status == NULL || rounds_json_get_string (status, "id") == NULL)
        continue;
      if (created != 0 && created < data->sent_after - LOOKUP_SKEW)
        {
          older_seen = TRUE;
          continue;
        }
      if (data->outgoing->reply_to_id != NULL
          && g_strcmp0 (rounds_json_get_string (status, "in_reply_to_id"), data->outgoing->reply_to_id) != 0)
        continue;

      plain = rounds_html_to_text (rounds_json_get_string (status, "content"));
      if (text_matches (data, plain))
        {
          RoundsRemotePost *post = remote_post_from_status (status, &error);

          g_debug ("Lookup found status %s", post ? post->remote_id : "?");
          if (post == NULL)
            g_task_return_error (task, error);
          else
            g_task_return_pointer (task, post, (GDestroyNotify) rounds_remote_post_free);
          g_object_unref (task);
          return;
        }
    }

  next = link_on_server (self, response, "next");
  if (!older_seen && next != NULL && json_array_get_length (array) > 0
      && ++data->pages < LOOKUP_PAGES)
    {
      lookup_fetch (task, next);
      return;
    }
  lookup_not_found (task);
}

/* Reads one page of a paged list (a path, or an address on the server
 * as a Link header gives it) and hands the answer to @done. Takes over
 * the task's reference. */
static void
fetch_page (GTask               *task,
            const char          *uri_or_path,
            GAsyncReadyCallback  done)
{
  RoundsMastodonConnector *self = g_task_get_source_object (task);
  g_autoptr(SoupMessage) message = NULL;
  GError *error = NULL;

  if (g_str_has_prefix (uri_or_path, self->base_url))
    uri_or_path += strlen (self->base_url);
  message = new_request (self, "GET", uri_or_path, NULL, &error);
  if (message == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  rounds_http_client_send_json_async (self->http, message, g_task_get_cancellable (task),
                                      done, task);
}

/* Takes over the task's reference. */
static void
lookup_fetch (GTask      *task,
              const char *uri_or_path)
{
  fetch_page (task, uri_or_path, on_statuses_listed);
}

static void
lookup_statuses (GTask *task)
{
  LookupData *data = g_task_get_task_data (task);
  g_autofree char *id = escape_id (data->account_id);
  g_autofree char *path = g_strdup_printf ("/api/v1/accounts/%s/statuses?limit=" PAGE_LIMIT
                                           "&exclude_reblogs=true", id);

  lookup_fetch (task, path);
}

static void
on_lookup_verified (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GTask *task = user_data;
  LookupData *data = g_task_get_task_data (task);
  g_autoptr(RoundsAccountInfo) info = NULL;
  GError *error = NULL;

  info = rounds_connector_verify_finish (ROUNDS_CONNECTOR (object), result, &error);
  if (info == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  data->account_id = g_strdup (info->remote_id);
  lookup_statuses (task);
}

static void
mastodon_lookup_async (RoundsConnector      *connector,
                       const RoundsOutgoing *outgoing,
                       gint64                sent_after,
                       GCancellable         *cancellable,
                       GAsyncReadyCallback   callback,
                       gpointer              user_data)
{
  RoundsMastodonConnector *self = ROUNDS_MASTODON_CONNECTOR (connector);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  LookupData *data = g_new0 (LookupData, 1);

  g_task_set_source_tag (task, mastodon_lookup_async);
  data->outgoing = rounds_outgoing_copy (outgoing);
  data->wanted = normalize_for_match (outgoing->text);
  data->sent_after = sent_after;
  data->account_id = dup_credential (self, "account_id");
  g_task_set_task_data (task, data, (GDestroyNotify) lookup_data_free);

  if (data->account_id == NULL)
    rounds_connector_verify_async (connector, cancellable, on_lookup_verified, task);
  else
    lookup_statuses (task);
}

static RoundsRemotePost *
mastodon_lookup_finish (RoundsConnector  *connector,
                        GAsyncResult     *result,
                        GError          **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------ */
/* delete                                                               */

static void
on_deleted (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RoundsMastodonConnector *self = g_task_get_source_object (task);
  g_autoptr(RoundsHttpResponse) response = NULL;
  GError *error = NULL;

  response = rounds_http_client_send_finish (self->http, result, &error);
  if (response == NULL || !rounds_http_response_check (response, ROUNDS_HTTP_STYLE_MASTODON, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
mastodon_delete_async (RoundsConnector     *connector,
                       const char          *remote_id,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  RoundsMastodonConnector *self = ROUNDS_MASTODON_CONNECTOR (connector);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(SoupMessage) message = NULL;
  g_autofree char *id = NULL;
  g_autofree char *path = NULL;
  GError *error = NULL;

  g_task_set_source_tag (task, mastodon_delete_async);
  if (g_str_has_prefix (remote_id, ROUNDS_MASTODON_SCHEDULED_PREFIX))
    {
      id = escape_id (remote_id + strlen (ROUNDS_MASTODON_SCHEDULED_PREFIX));
      path = g_strconcat ("/api/v1/scheduled_statuses/", id, NULL);
    }
  else
    {
      id = escape_id (remote_id);
      path = g_strconcat ("/api/v1/statuses/", id, NULL);
    }

  message = new_request (self, "DELETE", path, NULL, &error);
  if (message == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  rounds_http_client_send_async (self->http, message, cancellable, on_deleted,
                                 g_steal_pointer (&task));
}

static gboolean
mastodon_delete_finish (RoundsConnector  *connector,
                        GAsyncResult     *result,
                        GError          **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ------------------------------------------------------------------ */
/* list replies: mention notifications since a cursor                   */

typedef struct
{
  char      *cursor;       /* the newest notification id seen */
  gboolean   first_poll;
  GPtrArray *comments;     /* oldest first */
  guint      pages;
} RepliesData;

static void
replies_data_free (RepliesData *data)
{
  g_free (data->cursor);
  g_clear_pointer (&data->comments, g_ptr_array_unref);
  g_free (data);
}

typedef struct
{
  GPtrArray *comments;
  char      *cursor;
} RepliesResult;

static void
replies_result_free (RepliesResult *result)
{
  g_clear_pointer (&result->comments, g_ptr_array_unref);
  g_free (result->cursor);
  g_free (result);
}

static RoundsRemoteComment *
comment_from_notification (RoundsMastodonConnector *self,
                           JsonObject              *notification)
{
  JsonObject *status = rounds_json_get_object (notification, "status");
  JsonObject *account = rounds_json_get_object (status, "account");
  RoundsRemoteComment *comment;
  const char *display_name;
  const char *spoiler;
  g_autofree char *text = NULL;

  if (g_strcmp0 (rounds_json_get_string (notification, "type"), "mention") != 0
      || status == NULL || rounds_json_get_string (status, "id") == NULL)
    return NULL;
  if (account == NULL)
    account = rounds_json_get_object (notification, "account");

  comment = rounds_remote_comment_new ();
  comment->remote_id = g_strdup (rounds_json_get_string (status, "id"));
  comment->parent_id = g_strdup (rounds_json_get_string (status, "in_reply_to_id"));
  comment->kind = comment->parent_id ? ROUNDS_REMOTE_COMMENT_REPLY : ROUNDS_REMOTE_COMMENT_MENTION;
  display_name = rounds_json_get_string (account, "display_name");
  comment->author_name = g_strdup (display_name && display_name[0] ? display_name
                                                                   : rounds_json_get_string (account, "username"));
  comment->author_handle = full_handle (self, rounds_json_get_string (account, "acct"));
  text = rounds_html_to_text (rounds_json_get_string (status, "content"));
  spoiler = rounds_json_get_string (status, "spoiler_text");
  if (spoiler != NULL && spoiler[0] != '\0')
    comment->text = g_strdup_printf ("%s\n\n%s", spoiler, text);
  else
    comment->text = g_steal_pointer (&text);
  comment->url = g_strdup (rounds_json_get_string (status, "url"));
  comment->created_at = parse_time (rounds_json_get_string (status, "created_at"));
  comment->rating = 0;
  comment->deleted = FALSE;
  return comment;
}

static void replies_fetch (GTask *task, const char *uri_or_path);

static void
replies_return (GTask *task)
{
  RepliesData *data = g_task_get_task_data (task);
  RepliesResult *result = g_new0 (RepliesResult, 1);

  result->comments = g_steal_pointer (&data->comments);
  result->cursor = g_strdup (data->cursor);
  g_task_return_pointer (task, result, (GDestroyNotify) replies_result_free);
  g_object_unref (task);
}

static void
on_notifications_listed (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  GTask *task = user_data;
  RoundsMastodonConnector *self = g_task_get_source_object (task);
  RepliesData *data = g_task_get_task_data (task);
  g_autoptr(RoundsHttpResponse) response = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *newer = NULL;
  GError *error = NULL;
  JsonArray *array;
  guint length;

  root = rounds_http_client_send_json_finish (self->http, result, &response, &error);
  if (root == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  if (!JSON_NODE_HOLDS_ARRAY (root))
    {
      set_malformed (&error, _("list of notifications"));
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  /* A page is newest first; pages come oldest first (each "prev" link is
   * the page just newer). */
  array = json_node_get_array (root);
  length = json_array_get_length (array);
  for (guint i = length; i > 0; i--)
    {
      JsonNode *node = json_array_get_element (array, i - 1);
      JsonObject *notification = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      RoundsRemoteComment *comment;

      if (notification == NULL || rounds_json_get_string (notification, "id") == NULL)
        continue;
      g_free (data->cursor);
      data->cursor = g_strdup (rounds_json_get_string (notification, "id"));
      comment = comment_from_notification (self, notification);
      if (comment != NULL)
        g_ptr_array_add (data->comments, comment);
    }

  /* The first poll takes the latest page only; later polls walk forward
   * until they are up to date. */
  newer = link_on_server (self, response, "prev");
  if (!data->first_poll && length > 0 && newer != NULL && ++data->pages < NOTIFICATION_PAGES)
    {
      replies_fetch (task, newer);
      return;
    }
  replies_return (task);
}

/* Takes over the task's reference. */
static void
replies_fetch (GTask      *task,
               const char *uri_or_path)
{
  fetch_page (task, uri_or_path, on_notifications_listed);
}

static void
mastodon_list_replies_async (RoundsConnector     *connector,
                             const char          *cursor,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  RoundsMastodonConnector *self = ROUNDS_MASTODON_CONNECTOR (connector);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  RepliesData *data = g_new0 (RepliesData, 1);
  g_autofree char *path = NULL;

  g_task_set_source_tag (task, mastodon_list_replies_async);
  data->cursor = g_strdup (cursor);
  data->first_poll = cursor == NULL || cursor[0] == '\0';
  data->comments = g_ptr_array_new_with_free_func ((GDestroyNotify) rounds_remote_comment_free);
  g_task_set_task_data (task, data, (GDestroyNotify) replies_data_free);

  if (data->first_poll)
    path = g_strdup ("/api/v1/notifications?types[]=mention&limit=" PAGE_LIMIT);
  else
    {
      g_autofree char *escaped = escape_id (cursor);

      path = g_strdup_printf ("/api/v1/notifications?types[]=mention&limit=" PAGE_LIMIT
                              "&min_id=%s", escaped);
    }
  replies_fetch (task, path);
}

static GPtrArray *
mastodon_list_replies_finish (RoundsConnector  *connector,
                              GAsyncResult     *result,
                              char            **new_cursor,
                              GError          **error)
{
  RepliesResult *replies = g_task_propagate_pointer (G_TASK (result), error);
  GPtrArray *comments;

  if (replies == NULL)
    return NULL;
  comments = g_steal_pointer (&replies->comments);
  if (new_cursor != NULL)
    *new_cursor = g_steal_pointer (&replies->cursor);
  replies_result_free (replies);
  return comments;
}

/* ------------------------------------------------------------------ */
/* metrics                                                              */

typedef struct
{
  GStrv      remote_ids;
  guint      index;
  GPtrArray *metrics;
} MetricsData;

static void
metrics_data_free (MetricsData *data)
{
  g_strfreev (data->remote_ids);
  g_clear_pointer (&data->metrics, g_ptr_array_unref);
  g_free (data);
}

/* Mastodon's counters under Rounds' metric names. */
static const struct
{
  const char *field;
  const char *metric;
} status_metrics[] = {
  { "favourites_count", "likes" },
  { "reblogs_count", "shares" },
  { "replies_count", "comments" },
};

static void metrics_next (GTask *task);

static void
on_status_metrics (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GTask *task = user_data;
  RoundsMastodonConnector *self = g_task_get_source_object (task);
  MetricsData *data = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;
  JsonObject *status;

  root = rounds_http_client_send_json_finish (self->http, result, NULL, &error);
  if (root == NULL)
    {
      /* A deleted post has no numbers any more; the others still count. */
      if (g_error_matches (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_NOT_FOUND))
        {
          g_clear_error (&error);
          data->index++;
          metrics_next (task);
          return;
        }
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  status = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  if (status != NULL)
    for (guint i = 0; i < G_N_ELEMENTS (status_metrics); i++)
      if (json_object_has_member (status, status_metrics[i].field))
        g_ptr_array_add (data->metrics,
                         rounds_metric_new (data->remote_ids[data->index], status_metrics[i].metric,
                                            get_int (status, status_metrics[i].field)));
  data->index++;
  metrics_next (task);
}

/* GET /api/v1/statuses/@status_id for @task, answered to @callback, which
 * takes over the task's reference; a request that cannot be built ends
 * the task with its error. */
static void
get_status_for_task (GTask               *task,
                     const char          *status_id,
                     GAsyncReadyCallback  callback)
{
  RoundsMastodonConnector *self = g_task_get_source_object (task);
  g_autoptr(SoupMessage) message = NULL;
  g_autofree char *id = escape_id (status_id);
  g_autofree char *path = g_strconcat ("/api/v1/statuses/", id, NULL);
  GError *error = NULL;

  message = new_request (self, "GET", path, NULL, &error);
  if (message == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  rounds_http_client_send_json_async (self->http, message, g_task_get_cancellable (task),
                                      callback, task);
}

/* Takes over the task's reference. */
static void
metrics_next (GTask *task)
{
  MetricsData *data = g_task_get_task_data (task);

  /* Scheduled posts have no numbers yet. */
  while (data->remote_ids[data->index] != NULL
         && g_str_has_prefix (data->remote_ids[data->index], ROUNDS_MASTODON_SCHEDULED_PREFIX))
    data->index++;

  if (data->remote_ids[data->index] == NULL)
    {
      g_task_return_pointer (task, g_steal_pointer (&data->metrics), (GDestroyNotify) g_ptr_array_unref);
      g_object_unref (task);
      return;
    }

  get_status_for_task (task, data->remote_ids[data->index], on_status_metrics);
}

static void
on_account_metrics (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GTask *task = user_data;
  RoundsMastodonConnector *self = g_task_get_source_object (task);
  MetricsData *data = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;
  JsonObject *account;

  root = rounds_http_client_send_json_finish (self->http, result, NULL, &error);
  if (root == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  account = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  if (account == NULL || !json_object_has_member (account, "followers_count"))
    {
      set_malformed (&error, _("follower count"));
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  g_ptr_array_add (data->metrics,
                   rounds_metric_new (NULL, "followers", get_int (account, "followers_count")));
  metrics_next (task);
}

static void
mastodon_fetch_metrics_async (RoundsConnector     *connector,
                              const char * const  *remote_ids,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  RoundsMastodonConnector *self = ROUNDS_MASTODON_CONNECTOR (connector);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  MetricsData *data = g_new0 (MetricsData, 1);
  g_autoptr(SoupMessage) message = NULL;
  GError *error = NULL;

  g_task_set_source_tag (task, mastodon_fetch_metrics_async);
  data->remote_ids = g_strdupv ((char **) (remote_ids ? remote_ids : (const char * const[]) { NULL }));
  data->metrics = g_ptr_array_new_with_free_func ((GDestroyNotify) rounds_metric_free);
  g_task_set_task_data (task, data, (GDestroyNotify) metrics_data_free);

  message = new_request (self, "GET", "/api/v1/accounts/verify_credentials", NULL, &error);
  if (message == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  rounds_http_client_send_json_async (self->http, message, cancellable, on_account_metrics, task);
}

static GPtrArray *
mastodon_fetch_metrics_finish (RoundsConnector  *connector,
                               GAsyncResult     *result,
                               GError          **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------ */
/* Comments gone from the network                                       */

/* One GET /api/v1/statuses/:id per comment, one after the other (at most
 * GONE_MAX): a 404 is "gone" (deleted by its author or removed by the
 * server); any other error stops the check and nothing is called gone
 * (rounds_connector_check_each_async ()). */
#define GONE_MAX 50

static void
on_status_there (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  RoundsMastodonConnector *self = g_task_get_source_object (task);
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;

  root = rounds_http_client_send_json_finish (self->http, result, NULL, &error);
  if (root == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
ask_status (RoundsConnector     *connector,
            const char          *status_id,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  GTask *task = g_task_new (connector, cancellable, callback, user_data);

  g_task_set_source_tag (task, ask_status);
  get_status_for_task (task, status_id, on_status_there);
}

static void
mastodon_check_gone_async (RoundsConnector     *connector,
                           const char * const  *remote_ids,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) ids = NULL;

  /* Scheduled statuses are ours, never comments: not asked about. */
  for (guint i = 0; remote_ids != NULL && remote_ids[i] != NULL; i++)
    if (!g_str_has_prefix (remote_ids[i], ROUNDS_MASTODON_SCHEDULED_PREFIX))
      g_strv_builder_add (builder, remote_ids[i]);
  ids = g_strv_builder_end (builder);
  rounds_connector_check_each_async (connector, mastodon_check_gone_async,
                                     (const char * const *) ids, GONE_MAX, ask_status,
                                     cancellable, callback, user_data);
}

/* ------------------------------------------------------------------ */
/* The interface and the object                                         */

static RoundsNetwork
mastodon_get_network (RoundsConnector *connector)
{
  return ROUNDS_NETWORK_MASTODON;
}

static RoundsConnectorCapabilities
mastodon_get_capabilities (RoundsConnector *connector)
{
  return ROUNDS_CONNECTOR_CAN_PUBLISH | ROUNDS_CONNECTOR_CAN_PUBLISH_MEDIA
         | ROUNDS_CONNECTOR_CAN_DELETE | ROUNDS_CONNECTOR_CAN_LOOKUP
         | ROUNDS_CONNECTOR_CAN_LIST_REPLIES | ROUNDS_CONNECTOR_CAN_REPLY
         | ROUNDS_CONNECTOR_CAN_FETCH_METRICS | ROUNDS_CONNECTOR_CAN_SCHEDULE_NATIVE
         | ROUNDS_CONNECTOR_CAN_CHECK_GONE;
}

static void
connector_iface_init (RoundsConnectorInterface *iface)
{
  iface->get_network = mastodon_get_network;
  iface->get_capabilities = mastodon_get_capabilities;
  iface->verify_async = mastodon_verify_async;
  iface->verify_finish = mastodon_verify_finish;
  iface->publish_async = mastodon_publish_async;
  iface->publish_finish = mastodon_post_finish;
  iface->lookup_async = mastodon_lookup_async;
  iface->lookup_finish = mastodon_lookup_finish;
  iface->delete_async = mastodon_delete_async;
  iface->delete_finish = mastodon_delete_finish;
  iface->list_replies_async = mastodon_list_replies_async;
  iface->list_replies_finish = mastodon_list_replies_finish;
  iface->reply_async = mastodon_reply_async;
  iface->reply_finish = mastodon_post_finish;
  iface->fetch_metrics_async = mastodon_fetch_metrics_async;
  iface->fetch_metrics_finish = mastodon_fetch_metrics_finish;
  iface->check_gone_async = mastodon_check_gone_async;
  iface->check_gone_finish = rounds_connector_check_each_finish;
}

static void
rounds_mastodon_connector_finalize (GObject *object)
{
  RoundsMastodonConnector *self = ROUNDS_MASTODON_CONNECTOR (object);

  g_free (self->base_url);
  rounds_connector_clear_secret (&self->credentials);
  g_clear_object (&self->http);

  G_OBJECT_CLASS (rounds_mastodon_connector_parent_class)->finalize (object);
}

static void
rounds_mastodon_connector_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  RoundsMastodonConnector *self = ROUNDS_MASTODON_CONNECTOR (object);

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
rounds_mastodon_connector_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  RoundsMastodonConnector *self = ROUNDS_MASTODON_CONNECTOR (object);

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
rounds_mastodon_connector_class_init (RoundsMastodonConnectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rounds_mastodon_connector_finalize;
  object_class->get_property = rounds_mastodon_connector_get_property;
  object_class->set_property = rounds_mastodon_connector_set_property;

  g_object_class_override_property (object_class, PROP_BASE_URL, "base-url");
  g_object_class_override_property (object_class, PROP_CREDENTIALS, "credentials");
}

static void
rounds_mastodon_connector_init (RoundsMastodonConnector *self)
{
  self->http = rounds_http_client_new (ROUNDS_HTTP_STYLE_MASTODON);
  self->media_poll_interval = 1000;
}

RoundsConnector *
rounds_mastodon_connector_new (const char *base_url,
                               const char *credentials)
{
  g_return_val_if_fail (base_url != NULL, NULL);

  return g_object_new (ROUNDS_TYPE_MASTODON_CONNECTOR,
                       "base-url", base_url,
                       "credentials", credentials,
                       NULL);
}

RoundsHttpClient *
rounds_mastodon_connector_get_http_client (RoundsMastodonConnector *self)
{
  g_return_val_if_fail (ROUNDS_IS_MASTODON_CONNECTOR (self), NULL);

  return self->http;
}

void
rounds_mastodon_connector_set_media_poll_interval (RoundsMastodonConnector *self,
                                                   guint                    msec)
{
  g_return_if_fail (ROUNDS_IS_MASTODON_CONNECTOR (self));

  self->media_poll_interval = MAX (msec, 1);
}
