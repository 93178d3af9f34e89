/* rounds-google-connector.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-google"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "rounds-connector-task.h"
#include "rounds-json-fields.h"
#include "rounds-google-connector.h"
#include "rounds-network-data.h"

/* Each operation is a short chain of calls through gbp_call (), which
 * remembers the request so that it can be sent again once after a token
 * refresh. Nothing here logs a token, a post's text or a review: only
 * resource names and HTTP statuses. */

#define LOOKUP_PAGES   4
#define LOOKUP_SKEW    (5 * 60)
#define REVIEW_PAGES   10
#define GONE_MAX       20

struct _RoundsGoogleConnector
{
  GObject           parent_instance;

  char             *base_url;
  char             *credentials;
  RoundsHttpClient *http;
};

static void connector_iface_init (RoundsConnectorInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RoundsGoogleConnector, rounds_google_connector, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (ROUNDS_TYPE_CONNECTOR, connector_iface_init))

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_CREDENTIALS,
  N_PROPS
};

typedef void (*GNext) (GTask      *task,
                       JsonObject *object);

typedef struct
{
  GNext           next;
  char           *method;
  char           *path;
  char           *body;        /* JSON text or NULL */
  gboolean        refreshed;
  RoundsOutgoing *outgoing;
  char           *wanted;
  gint64          sent_after;
  GPtrArray      *results;
  guint           pages;
  char           *page_token;
  gint64          since;
  gint64          newest;
  gboolean        done;
} Op;

static void
op_free (Op *op)
{
  g_free (op->method);
  g_free (op->path);
  g_free (op->body);
  g_clear_pointer (&op->outgoing, rounds_outgoing_free);
  g_free (op->wanted);
  g_clear_pointer (&op->results, g_ptr_array_unref);
  g_free (op->page_token);
  g_free (op);
}

static Op *
op_new (void)
{
  Op *op = g_new0 (Op, 1);

  return op;
}

/* Translators: %s names what was missing, e.g. "post name" */
#define fail_malformed(task, what) \
  rounds_connector_task_fail_printf ((task), ROUNDS_CONNECTOR_ERROR_MALFORMED, \
                                     _("Google's answer is missing the %s."), (what))

/* ------------------------------------------------------------------ */

static gboolean
get_number (JsonObject *object,
            const char *name,
            gint64     *value)
{
  JsonNode *node;

  if (object == NULL || (node = json_object_get_member (object, name)) == NULL
      || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    *value = json_node_get_int (node);
  else if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    *value = (gint64) json_node_get_double (node);
  else
    return FALSE;
  return TRUE;
}

static gint64
parse_time (const char *iso)
{
  g_autoptr(GDateTime) dt = iso ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;

  return dt ? g_date_time_to_unix (dt) : 0;
}

static JsonObject *
credentials_object (RoundsGoogleConnector *self,
                    JsonNode             **root)
{
  *root = self->credentials ? json_from_string (self->credentials, NULL) : NULL;
  return *root && JSON_NODE_HOLDS_OBJECT (*root) ? json_node_get_object (*root) : NULL;
}

static char *
dup_credential (RoundsGoogleConnector *self,
                const char            *name)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object = credentials_object (self, &root);
  const char *value = rounds_json_get_string (object, name);
  gint64 number;

  if (value != NULL)
    return value[0] ? g_strdup (value) : NULL;
  if (get_number (object, name, &number))
    return g_strdup_printf ("%" G_GINT64_FORMAT, number);
  return NULL;
}

/* "accounts/A/locations/L", only in that shape (it goes into paths). */
static char *
dup_location (RoundsGoogleConnector *self)
{
  g_autofree char *location = dup_credential (self, "location");
  g_auto(GStrv) parts = NULL;

  if (location == NULL)
    return NULL;
  parts = g_strsplit (location, "/", -1);
  if (g_strv_length (parts) != 4 || !g_str_equal (parts[0], "accounts")
      || !g_str_equal (parts[2], "locations"))
    return NULL;
  for (guint i = 1; i < 4; i += 2)
    if (parts[i][0] == '\0' || strspn (parts[i], "0123456789") != strlen (parts[i]))
      return NULL;
  return g_steal_pointer (&location);
}

/* A resource name we were given back: same location, safe characters. */
static gboolean
name_is_ours (RoundsGoogleConnector *self,
              const char            *name)
{
  g_autofree char *location = dup_location (self);

  return location != NULL && name != NULL && g_str_has_prefix (name, location)
         && name[strlen (location)] == '/'
         && strspn (name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/_-")
            == strlen (name)
         && strstr (name, "..") == NULL;
}

int
rounds_google_star_rating (const char *rating)
{
  static const char * const names[] = { "ONE", "TWO", "THREE", "FOUR", "FIVE" };

  for (guint i = 0; rating && i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (rating, names[i]))
      return (int) i + 1;
  return 0;
}

/* ------------------------------------------------------------------ */
/* Requests, with one refresh of the access token                       */

static void gbp_send_current (GTask *task);

static void
on_refreshed (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  RoundsGoogleConnector *self = g_task_get_source_object (task);
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  JsonObject *creds;
  JsonObject *token;
  GError *error = NULL;
  gint64 expires_in = 0;
  g_autofree char *text = NULL;

  answer = rounds_http_client_send_json_finish (self->http, result, NULL, &error);
  if (answer == NULL)
    {
      /* invalid_grant: the refresh token was revoked; sign in again. */
      if (g_error_matches (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_REJECTED))
        error->code = ROUNDS_CONNECTOR_ERROR_AUTH_EXPIRED;
      rounds_connector_task_fail (task, error);
      return;
    }
  token = JSON_NODE_HOLDS_OBJECT (answer) ? json_node_get_object (answer) : NULL;
  creds = credentials_object (self, &root);
  if (rounds_json_get_string (token, "access_token") == NULL || creds == NULL)
    {
      fail_malformed (task, _("access token"));
      return;
    }
  json_object_set_string_member (creds, "access_token", rounds_json_get_string (token, "access_token"));
  if (get_number (token, "expires_in", &expires_in) && expires_in > 0)
    json_object_set_int_member (creds, "expires_at", rounds_http_client_now (self->http) + expires_in);
  generator = json_generator_new ();
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  g_debug ("Refreshed the Google access token");
  rounds_connector_set_credentials (ROUNDS_CONNECTOR (self), text);
  memset (text, 0, strlen (text));
  gbp_send_current (task);
}

static gboolean
refresh_token (GTask *task)
{
  RoundsGoogleConnector *self = g_task_get_source_object (task);
  g_autofree char *refresh = dup_credential (self, "refresh_token");
  g_autofree char *client_id = dup_credential (self, "client_id");
  g_autofree char *client_secret = dup_credential (self, "client_secret");
  g_autofree char *token_uri = dup_credential (self, "token_uri");
  g_autoptr(GHashTable) form = NULL;
  g_autoptr(SoupMessage) message = NULL;

  if (refresh == NULL || client_id == NULL)
    return FALSE;
  form = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (form, (gpointer) "grant_type", (gpointer) "refresh_token");
  g_hash_table_insert (form, (gpointer) "refresh_token", refresh);
  g_hash_table_insert (form, (gpointer) "client_id", client_id);
  if (client_secret != NULL)
    g_hash_table_insert (form, (gpointer) "client_secret", client_secret);
  message = soup_message_new_from_encoded_form ("POST", token_uri ? token_uri : ROUNDS_GOOGLE_TOKEN_URI,
                                                soup_form_encode_hash (form));
  if (message == NULL)
    return FALSE;
  soup_message_headers_replace (soup_message_get_request_headers (message), "Accept", "application/json");
  rounds_http_client_send_json_async (self->http, message, g_task_get_cancellable (task),
                                      on_refreshed, task);
  return TRUE;
}

static void
on_gbp_sent (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = user_data;
  RoundsGoogleConnector *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(RoundsHttpResponse) response = NULL;
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;

  response = rounds_http_client_send_finish (self->http, result, &error);
  if (response == NULL)
    {
      rounds_connector_task_fail (task, error);
      return;
    }
  if (!rounds_http_response_check (response, ROUNDS_HTTP_STYLE_GOOGLE, &error))
    {
      g_debug ("%s %s answered %u", response->method, g_uri_get_path (response->uri), response->status);
      if (g_error_matches (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_AUTH_EXPIRED)
          && !op->refreshed)
        {
          op->refreshed = TRUE;
          if (refresh_token (task))
            {
              g_error_free (error);
              return;
            }
        }
      rounds_connector_task_fail (task, error);
      return;
    }
  if (g_bytes_get_size (response->body) == 0)
    {
      op->next (task, NULL);
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
  op->next (task, json_node_get_object (root));
}

static void
gbp_send_current (GTask *task)
{
  RoundsGoogleConnector *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autofree char *token = dup_credential (self, "access_token");
  g_autofree char *uri = g_strconcat (self->base_url, op->path, NULL);
  SoupMessage *message;

  if (token == NULL)
    {
      rounds_connector_task_fail_literal (task, ROUNDS_CONNECTOR_ERROR_AUTH_EXPIRED,
                                          _("This Google Business Profile is not signed in. "
                                            "Reconnect the account."));
      return;
    }
  message = soup_message_new (op->method, uri);
  if (message == NULL)
    {
      rounds_connector_task_fail (task,
                                  g_error_new_literal (G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                                                       _("The Google address is not usable.")));
      return;
    }
  if (op->body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (op->body, strlen (op->body));

      soup_message_set_request_body_from_bytes (message, "application/json", bytes);
    }
  soup_message_headers_replace (soup_message_get_request_headers (message), "Accept", "application/json");
  rounds_http_message_set_bearer (message, token);
  rounds_http_client_send_async (self->http, message, g_task_get_cancellable (task), on_gbp_sent, task);
  g_object_unref (message);
}

/* @path already escaped. Takes over the chain's reference on @task. */
static void
gbp_call (GTask      *task,
        const char *method,
        const char *path,
        JsonNode   *body,
        GNext       next)
{
  Op *op = g_task_get_task_data (task);

  g_free (op->method);
  op->method = g_strdup (method);
  g_free (op->path);
  op->path = g_strdup (path);
  g_free (op->body);
  op->body = body ? json_to_string (body, FALSE) : NULL;
  op->next = next;
  op->refreshed = FALSE;
  gbp_send_current (task);
}

/* ------------------------------------------------------------------ */
/* verify                                                               */

static void
on_verified (GTask      *task,
             JsonObject *object)
{
  RoundsGoogleConnector *self = g_task_get_source_object (task);
  RoundsAccountInfo *info = rounds_account_info_new ();
  g_autofree char *title = dup_credential (self, "location_title");
  g_autofree char *expires = dup_credential (self, "expires_at");
  g_autofree char *refresh = dup_credential (self, "refresh_token");

  info->remote_id = dup_location (self);
  info->handle = g_strdup (title ? title : info->remote_id);
  info->display_name = g_strdup (title);
  /* An access token with a refresh token renews itself. */
  info->token_expires_at = refresh == NULL && expires ? g_ascii_strtoll (expires, NULL, 10) : 0;
  g_task_return_pointer (task, info, (GDestroyNotify) rounds_account_info_free);
  g_object_unref (task);
}

static void
google_verify_async (RoundsConnector     *connector,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  RoundsGoogleConnector *self = ROUNDS_GOOGLE_CONNECTOR (connector);
  GTask *task = rounds_connector_task_new (self, google_verify_async, op_new (),
                                           (GDestroyNotify) op_free, cancellable, callback,
                                           user_data);
  g_autofree char *location = dup_location (self);
  g_autofree char *path = NULL;

  if (location == NULL)
    {
      rounds_connector_task_fail_literal (task, ROUNDS_CONNECTOR_ERROR_AUTH_EXPIRED,
                                          _("No Business Profile location is chosen for this "
                                            "connection. Reconnect the account."));
      return;
    }
  path = g_strdup_printf ("/v4/%s/localPosts?pageSize=1", location);
  gbp_call (task, "GET", path, NULL, on_verified);
}

static RoundsAccountInfo *
google_verify_finish (RoundsConnector  *connector,
                      GAsyncResult     *result,
                      GError          **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------ */
/* publish                                                              */

static char *
first_link (const char *text)
{
  g_autoptr(GRegex) re = g_regex_new ("https?://[^\\s<>\"]+", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  if (!g_regex_match (re, text, 0, &match))
    return NULL;
  return g_match_info_fetch (match, 0);
}

static void
on_posted (GTask      *task,
           JsonObject *object)
{
  RoundsGoogleConnector *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  const char *name = rounds_json_get_string (object, "name");
  RoundsRemotePost *post;
  gint64 at;

  if (!name_is_ours (self, name))
    {
      fail_malformed (task, _("post name"));
      return;
    }
  at = parse_time (rounds_json_get_string (object, "createTime"));
  post = rounds_remote_post_new (name, rounds_json_get_string (object, "searchUrl"),
                                 at ? at : rounds_http_client_now (self->http));
  if (op->outgoing->media->len > 0)
    post->notice = g_strdup (_("Google Business Profile takes post images only from a public web "
                               "address, so the text was published without the image."));
  g_debug ("Published %s", name);
  g_task_return_pointer (task, post, (GDestroyNotify) rounds_remote_post_free);
  g_object_unref (task);
}

static void
google_publish_async (RoundsConnector      *connector,
                      const RoundsOutgoing *outgoing,
                      GCancellable         *cancellable,
                      GAsyncReadyCallback   callback,
                      gpointer              user_data)
{
  RoundsGoogleConnector *self = ROUNDS_GOOGLE_CONNECTOR (connector);
  GTask *task = rounds_connector_task_new (self, google_publish_async, op_new (),
                                           (GDestroyNotify) op_free, cancellable, callback,
                                           user_data);
  Op *op = g_task_get_task_data (task);
  g_autofree char *location = dup_location (self);
  g_autofree char *path = NULL;
  g_autofree char *link = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;

  op->outgoing = rounds_outgoing_copy (outgoing);
  if (location == NULL)
    {
      rounds_connector_task_fail_literal (task, ROUNDS_CONNECTOR_ERROR_AUTH_EXPIRED,
                                          _("No Business Profile location is chosen for this "
                                            "connection. Reconnect the account."));
      return;
    }
  if (outgoing->text[0] == '\0')
    {
      rounds_connector_task_fail_literal (task, ROUNDS_CONNECTOR_ERROR_REJECTED,
                                          _("A Business Profile post needs text."));
      return;
    }
  if (g_utf8_strlen (outgoing->text, -1) > ROUNDS_GOOGLE_SUMMARY_MAX)
    {
      rounds_connector_task_fail_printf (task, ROUNDS_CONNECTOR_ERROR_REJECTED,
                                         _("A Business Profile post has at most %d characters."),
                                         ROUNDS_GOOGLE_SUMMARY_MAX);
      return;
    }

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "summary");
  json_builder_add_string_value (b, outgoing->text);
  json_builder_set_member_name (b, "topicType");
  json_builder_add_string_value (b, "STANDARD");
  if ((link = first_link (outgoing->text)) != NULL)
    {
      json_builder_set_member_name (b, "callToAction");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "actionType");
      json_builder_add_string_value (b, "LEARN_MORE");
      json_builder_set_member_name (b, "url");
      json_builder_add_string_value (b, link);
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
  body = json_builder_get_root (b);
  path = g_strdup_printf ("/v4/%s/localPosts", location);
  gbp_call (task, "POST", path, body, on_posted);
}

static RoundsRemotePost *
google_post_finish (RoundsConnector  *connector,
                    GAsyncResult     *result,
                    GError          **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------ */
/* lookup                                                               */

static void lookup_page (GTask *task);

static void
on_lookup_page (GTask      *task,
                JsonObject *object)
{
  RoundsGoogleConnector *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  JsonArray *posts = rounds_json_get_array (object, "localPosts");
  const char *next = rounds_json_get_string (object, "nextPageToken");
  gboolean older_seen = FALSE;

  for (guint i = 0; posts && i < json_array_get_length (posts); i++)
    {
      JsonNode *node = json_array_get_element (posts, i);
      JsonObject *post = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *name = rounds_json_get_string (post, "name");
      gint64 at = parse_time (rounds_json_get_string (post, "createTime"));
      g_autofree char *summary = g_strstrip (g_strdup (rounds_json_get_string (post, "summary") ?: ""));

      if (!name_is_ours (self, name))
        continue;
      if (at != 0 && at < op->sent_after - LOOKUP_SKEW)
        {
          older_seen = TRUE;
          continue;
        }
      if (g_str_equal (summary, op->wanted))
        {
          g_task_return_pointer (task, rounds_remote_post_new (name, rounds_json_get_string (post, "searchUrl"), at),
                                 (GDestroyNotify) rounds_remote_post_free);
          g_object_unref (task);
          return;
        }
    }
  if (next != NULL && next[0] != '\0' && !older_seen && ++op->pages < LOOKUP_PAGES)
    {
      g_free (op->page_token);
      op->page_token = g_strdup (next);
      lookup_page (task);
      return;
    }
  g_task_return_pointer (task, NULL, NULL);
  g_object_unref (task);
}

static void
lookup_page (GTask *task)
{
  RoundsGoogleConnector *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autofree char *location = dup_location (self);
  g_autofree char *token = op->page_token ? g_uri_escape_string (op->page_token, NULL, FALSE) : NULL;
  g_autofree char *path = NULL;

  if (location == NULL)
    {
      rounds_connector_task_fail_literal (task, ROUNDS_CONNECTOR_ERROR_AUTH_EXPIRED,
                                          _("No Business Profile location is chosen for this "
                                            "connection. Reconnect the account."));
      return;
    }
  path = g_strdup_printf ("/v4/%s/localPosts?pageSize=100%s%s", location,
                          token ? "&pageToken=" : "", token ? token : "");
  gbp_call (task, "GET", path, NULL, on_lookup_page);
}

static void
google_lookup_async (RoundsConnector      *connector,
                     const RoundsOutgoing *outgoing,
                     gint64                sent_after,
                     GCancellable         *cancellable,
                     GAsyncReadyCallback   callback,
                     gpointer              user_data)
{
  RoundsGoogleConnector *self = ROUNDS_GOOGLE_CONNECTOR (connector);
  GTask *task = rounds_connector_task_new (self, google_lookup_async, op_new (),
                                           (GDestroyNotify) op_free, cancellable, callback,
                                           user_data);
  Op *op = g_task_get_task_data (task);

  op->outgoing = rounds_outgoing_copy (outgoing);
  op->wanted = g_strstrip (g_strdup (outgoing->text));
  op->sent_after = sent_after;
  lookup_page (task);
}

static RoundsRemotePost *
google_lookup_finish (RoundsConnector  *connector,
                      GAsyncResult     *result,
                      GError          **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------ */
/* delete                                                               */

static void
on_deleted (GTask      *task,
            JsonObject *object)
{
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
google_delete_async (RoundsConnector     *connector,
                     const char          *remote_id,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  RoundsGoogleConnector *self = ROUNDS_GOOGLE_CONNECTOR (connector);
  GTask *task = rounds_connector_task_new (self, google_delete_async, op_new (),
                                           (GDestroyNotify) op_free, cancellable, callback,
                                           user_data);
  g_autofree char *path = NULL;

  if (!name_is_ours (self, remote_id))
    {
      rounds_connector_task_fail_literal (task, ROUNDS_CONNECTOR_ERROR_NOT_FOUND,
                                          _("That post does not belong to this Business Profile "
                                            "location."));
      return;
    }
  path = g_strconcat ("/v4/", remote_id, NULL);
  gbp_call (task, "DELETE", path, NULL, on_deleted);
}

static gboolean
google_delete_finish (RoundsConnector  *connector,
                      GAsyncResult     *result,
                      GError          **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ------------------------------------------------------------------ */
/* reviews                                                              */

static void reviews_page (GTask *task);

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
on_reviews (GTask      *task,
            JsonObject *object)
{
  RoundsGoogleConnector *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  JsonArray *reviews = rounds_json_get_array (object, "reviews");
  const char *next = rounds_json_get_string (object, "nextPageToken");
  gboolean older_seen = FALSE;

  for (guint i = 0; reviews && i < json_array_get_length (reviews); i++)
    {
      JsonNode *node = json_array_get_element (reviews, i);
      JsonObject *review = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *name = rounds_json_get_string (review, "name");
      JsonObject *reviewer = rounds_json_get_object (review, "reviewer");
      gint64 updated = parse_time (rounds_json_get_string (review, "updateTime"));
      gint64 created = parse_time (rounds_json_get_string (review, "createTime"));
      RoundsRemoteComment *comment;

      if (!name_is_ours (self, name) || updated == 0)
        continue;
      if (updated <= op->since)
        {
          older_seen = TRUE;   /* newest first */
          continue;
        }
      comment = rounds_remote_comment_new ();
      comment->kind = ROUNDS_REMOTE_COMMENT_REVIEW;
      comment->remote_id = g_strdup (name);
      comment->author_name = g_strdup (rounds_json_get_string (reviewer, "displayName"));
      comment->text = g_strdup (rounds_json_get_string (review, "comment") ? rounds_json_get_string (review, "comment") : "");
      comment->rating = rounds_google_star_rating (rounds_json_get_string (review, "starRating"));
      comment->created_at = created ? created : updated;
      op->newest = MAX (op->newest, updated);
      g_ptr_array_add (op->results, comment);
    }
  if (next != NULL && next[0] != '\0' && !older_seen && ++op->pages < REVIEW_PAGES)
    {
      g_free (op->page_token);
      op->page_token = g_strdup (next);
      reviews_page (task);
      return;
    }
  {
    g_autofree char *cursor = g_strdup_printf ("%" G_GINT64_FORMAT, MAX (op->newest, op->since));

    g_ptr_array_sort (op->results, compare_comments);
    g_object_set_data_full (G_OBJECT (task), "new-cursor", g_steal_pointer (&cursor), g_free);
    g_task_return_pointer (task, g_ptr_array_ref (op->results), (GDestroyNotify) g_ptr_array_unref);
    g_object_unref (task);
  }
}

static void
reviews_page (GTask *task)
{
  RoundsGoogleConnector *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autofree char *location = dup_location (self);
  g_autofree char *token = op->page_token ? g_uri_escape_string (op->page_token, NULL, FALSE) : NULL;
  g_autofree char *path = NULL;

  if (location == NULL)
    {
      rounds_connector_task_fail_literal (task, ROUNDS_CONNECTOR_ERROR_AUTH_EXPIRED,
                                          _("No Business Profile location is chosen for this "
                                            "connection. Reconnect the account."));
      return;
    }
  path = g_strdup_printf ("/v4/%s/reviews?pageSize=50&orderBy=updateTime%%20desc%s%s", location,
                          token ? "&pageToken=" : "", token ? token : "");
  gbp_call (task, "GET", path, NULL, on_reviews);
}

static void
google_list_replies_async (RoundsConnector     *connector,
                           const char          *cursor,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  RoundsGoogleConnector *self = ROUNDS_GOOGLE_CONNECTOR (connector);
  GTask *task = rounds_connector_task_new (self, google_list_replies_async, op_new (),
                                           (GDestroyNotify) op_free, cancellable, callback,
                                           user_data);
  Op *op = g_task_get_task_data (task);

  op->results = g_ptr_array_new_with_free_func ((GDestroyNotify) rounds_remote_comment_free);
  op->since = cursor ? g_ascii_strtoll (cursor, NULL, 10) : 0;
  reviews_page (task);
}

static GPtrArray *
google_list_replies_finish (RoundsConnector  *connector,
                            GAsyncResult     *result,
                            char            **new_cursor,
                            GError          **error)
{
  GPtrArray *comments = g_task_propagate_pointer (G_TASK (result), error);

  if (new_cursor != NULL)
    *new_cursor = comments ? g_strdup (g_object_get_data (G_OBJECT (result), "new-cursor")) : NULL;
  return comments;
}

static void
on_replied (GTask      *task,
            JsonObject *object)
{
  RoundsGoogleConnector *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autofree char *name = g_strconcat (op->outgoing->reply_to_id, "/reply", NULL);
  gint64 at = parse_time (rounds_json_get_string (object, "updateTime"));

  if (object == NULL || rounds_json_get_string (object, "comment") == NULL)
    {
      fail_malformed (task, _("reply"));
      return;
    }
  g_task_return_pointer (task, rounds_remote_post_new (name, NULL, at ? at : rounds_http_client_now (self->http)),
                         (GDestroyNotify) rounds_remote_post_free);
  g_object_unref (task);
}

static void
google_reply_async (RoundsConnector      *connector,
                    const RoundsOutgoing *outgoing,
                    GCancellable         *cancellable,
                    GAsyncReadyCallback   callback,
                    gpointer              user_data)
{
  RoundsGoogleConnector *self = ROUNDS_GOOGLE_CONNECTOR (connector);
  GTask *task = rounds_connector_task_new (self, google_reply_async, op_new (),
                                           (GDestroyNotify) op_free, cancellable, callback,
                                           user_data);
  Op *op = g_task_get_task_data (task);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;

  op->outgoing = rounds_outgoing_copy (outgoing);
  if (!name_is_ours (self, outgoing->reply_to_id) || strstr (outgoing->reply_to_id, "/reviews/") == NULL
      || outgoing->text[0] == '\0')
    {
      rounds_connector_task_fail_literal (task, ROUNDS_CONNECTOR_ERROR_REJECTED,
                                          _("A reply needs text and a review to answer."));
      return;
    }
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "comment");
  json_builder_add_string_value (b, outgoing->text);
  json_builder_end_object (b);
  body = json_builder_get_root (b);
  path = g_strconcat ("/v4/", outgoing->reply_to_id, "/reply", NULL);
  gbp_call (task, "PUT", path, body, on_replied);
}

/* ------------------------------------------------------------------ */
/* metrics: what the reviews list says about the location               */

static void
on_review_totals (GTask      *task,
                  JsonObject *object)
{
  Op *op = g_task_get_task_data (task);
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  if (object != NULL)
    json_object_iter_init (&iter, object);
  while (object != NULL && json_object_iter_next (&iter, &name, &value))
    {
      const char *ours = rounds_network_data_metric_name (ROUNDS_NETWORK_GOOGLE, "account", name);
      gint64 number = 0;

      if (ours != NULL && get_number (object, name, &number))
        g_ptr_array_add (op->results, rounds_metric_new (NULL, ours, number));
    }
  g_task_return_pointer (task, g_ptr_array_ref (op->results), (GDestroyNotify) g_ptr_array_unref);
  g_object_unref (task);
}

static void
google_fetch_metrics_async (RoundsConnector     *connector,
                            const char * const  *remote_ids,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  RoundsGoogleConnector *self = ROUNDS_GOOGLE_CONNECTOR (connector);
  GTask *task = rounds_connector_task_new (self, google_fetch_metrics_async, op_new (),
                                           (GDestroyNotify) op_free, cancellable, callback,
                                           user_data);
  Op *op = g_task_get_task_data (task);
  g_autofree char *location = dup_location (self);
  g_autofree char *path = NULL;

  op->results = g_ptr_array_new_with_free_func ((GDestroyNotify) rounds_metric_free);
  if (location == NULL)
    {
      rounds_connector_task_fail_literal (task, ROUNDS_CONNECTOR_ERROR_AUTH_EXPIRED,
                                          _("No Business Profile location is chosen for this "
                                            "connection. Reconnect the account."));
      return;
    }
  path = g_strdup_printf ("/v4/%s/reviews?pageSize=1", location);
  gbp_call (task, "GET", path, NULL, on_review_totals);
}

static GPtrArray *
google_fetch_metrics_finish (RoundsConnector  *connector,
                             GAsyncResult     *result,
                             GError          **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------ */
/* reviews gone from the location                                       */

/* The v4 API reads reviews one by one by name (batchGetReviews lists a
 * location's reviews, it does not look names up). A review its author
 * deleted answers 404 NOT_FOUND; that alone calls it gone. */
static void
on_review_there (GTask      *task,
                 JsonObject *object)
{
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
ask_review (RoundsConnector     *connector,
            const char          *name,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  GTask *task = rounds_connector_task_new (connector, ask_review, op_new (), (GDestroyNotify) op_free,
                                           cancellable, callback, user_data);
  g_autofree char *path = g_strconcat ("/v4/", name, NULL);

  gbp_call (task, "GET", path, NULL, on_review_there);
}

static void
google_check_gone_async (RoundsConnector     *connector,
                         const char * const  *remote_ids,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  RoundsGoogleConnector *self = ROUNDS_GOOGLE_CONNECTOR (connector);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) names = NULL;

  /* Only this location's reviews go into a path; another name is not
   * asked about (and so never called gone). */
  for (guint i = 0; remote_ids != NULL && remote_ids[i] != NULL; i++)
    if (name_is_ours (self, remote_ids[i]) && strstr (remote_ids[i], "/reviews/") != NULL)
      g_strv_builder_add (builder, remote_ids[i]);
  names = g_strv_builder_end (builder);
  rounds_connector_check_each_async (connector, google_check_gone_async,
                                     (const char * const *) names, GONE_MAX, ask_review,
                                     cancellable, callback, user_data);
}

/* ------------------------------------------------------------------ */

static RoundsNetwork
google_get_network (RoundsConnector *connector)
{
  return ROUNDS_NETWORK_GOOGLE;
}

static RoundsConnectorCapabilities
google_get_capabilities (RoundsConnector *connector)
{
  return ROUNDS_CONNECTOR_CAN_PUBLISH | ROUNDS_CONNECTOR_CAN_DELETE | ROUNDS_CONNECTOR_CAN_LOOKUP
         | ROUNDS_CONNECTOR_CAN_LIST_REVIEWS | ROUNDS_CONNECTOR_CAN_REPLY
         | ROUNDS_CONNECTOR_CAN_FETCH_METRICS | ROUNDS_CONNECTOR_CAN_CHECK_GONE;
}

static void
connector_iface_init (RoundsConnectorInterface *iface)
{
  iface->get_network = google_get_network;
  iface->get_capabilities = google_get_capabilities;
  iface->verify_async = google_verify_async;
  iface->verify_finish = google_verify_finish;
  iface->publish_async = google_publish_async;
  iface->publish_finish = google_post_finish;
  iface->lookup_async = google_lookup_async;
  iface->lookup_finish = google_lookup_finish;
  iface->delete_async = google_delete_async;
  iface->delete_finish = google_delete_finish;
  iface->list_replies_async = google_list_replies_async;
  iface->list_replies_finish = google_list_replies_finish;
  iface->reply_async = google_reply_async;
  iface->reply_finish = google_post_finish;
  iface->fetch_metrics_async = google_fetch_metrics_async;
  iface->fetch_metrics_finish = google_fetch_metrics_finish;
  iface->check_gone_async = google_check_gone_async;
  iface->check_gone_finish = rounds_connector_check_each_finish;
}

static void
rounds_google_connector_finalize (GObject *object)
{
  RoundsGoogleConnector *self = ROUNDS_GOOGLE_CONNECTOR (object);

  g_free (self->base_url);
  rounds_connector_clear_secret (&self->credentials);
  g_clear_object (&self->http);

  G_OBJECT_CLASS (rounds_google_connector_parent_class)->finalize (object);
}

static void
rounds_google_connector_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  RoundsGoogleConnector *self = ROUNDS_GOOGLE_CONNECTOR (object);

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
rounds_google_connector_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  RoundsGoogleConnector *self = ROUNDS_GOOGLE_CONNECTOR (object);

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
rounds_google_connector_class_init (RoundsGoogleConnectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rounds_google_connector_finalize;
  object_class->get_property = rounds_google_connector_get_property;
  object_class->set_property = rounds_google_connector_set_property;

  g_object_class_override_property (object_class, PROP_BASE_URL, "base-url");
  g_object_class_override_property (object_class, PROP_CREDENTIALS, "credentials");
}

static void
rounds_google_connector_init (RoundsGoogleConnector *self)
{
  self->http = rounds_http_client_new (ROUNDS_HTTP_STYLE_GOOGLE);
}

RoundsConnector *
rounds_google_connector_new (const char *base_url,
                             const char *credentials)
{
  g_return_val_if_fail (base_url != NULL, NULL);

  return g_object_new (ROUNDS_TYPE_GOOGLE_CONNECTOR,
                       "base-url", base_url,
                       "credentials", credentials,
                       NULL);
}

RoundsHttpClient *
rounds_google_connector_get_http_client (RoundsGoogleConnector *self)
{
  g_return_val_if_fail (ROUNDS_IS_GOOGLE_CONNECTOR (self), NULL);

  return self->http;
}
