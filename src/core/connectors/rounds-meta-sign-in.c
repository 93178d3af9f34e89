/* rounds-meta-sign-in.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-meta-sign-in"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "rounds-json-fields.h"
#include "rounds-connector-factory.h"
#include "rounds-meta-sign-in.h"
#include "rounds-oauth-loopback.h"

#define ACCOUNT_PAGES 5

struct _RoundsMetaSignIn
{
  GObject              parent_instance;

  RoundsNetwork        network;
  char                *app_id;
  char                *app_secret;
  char                *graph_url;
  char                *dialog_url;
  RoundsHttpClient    *http;
  RoundsOAuthLoopback *loopback;

  char                *user_token;
  gint64               user_expires_at;   /* 0: long-lived, Page tokens never expire */
  GHashTable          *page_tokens;       /* page id → token */
  GHashTable          *page_ig;           /* page id → Instagram id */
};

G_DEFINE_FINAL_TYPE (RoundsMetaSignIn, rounds_meta_sign_in, G_TYPE_OBJECT)

G_DEFINE_BOXED_TYPE (RoundsMetaPage, rounds_meta_page, rounds_meta_page_copy, rounds_meta_page_free)

RoundsMetaPage *
rounds_meta_page_copy (const RoundsMetaPage *page)
{
  RoundsMetaPage *copy = g_new0 (RoundsMetaPage, 1);

  copy->id = g_strdup (page->id);
  copy->name = g_strdup (page->name);
  copy->instagram_id = g_strdup (page->instagram_id);
  copy->instagram_username = g_strdup (page->instagram_username);
  copy->can_publish = page->can_publish;
  return copy;
}

void
rounds_meta_page_free (RoundsMetaPage *page)
{
  if (page == NULL)
    return;
  g_free (page->id);
  g_free (page->name);
  g_free (page->instagram_id);
  g_free (page->instagram_username);
  g_free (page);
}

static void
wipe (char **secret)
{
  if (*secret != NULL)
    memset (*secret, 0, strlen (*secret));
  g_clear_pointer (secret, g_free);
}

static JsonObject *
root_object (JsonNode *root)
{
  return root && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
}

/* GET @path on the Graph with @params in the query (the OAuth endpoints
 * are documented as GET), optionally with a bearer token. */
static SoupMessage *
graph_get (RoundsMetaSignIn *self,
           const char       *path,
           GHashTable       *params,
           const char       *token)
{
  g_autofree char *query = params ? soup_form_encode_hash (params) : NULL;
  g_autofree char *uri = g_strconcat (self->graph_url, path, query ? "?" : NULL, query, NULL);
  SoupMessage *message = soup_message_new ("GET", uri);

  if (query != NULL)
    memset (query, 0, strlen (query));
  if (message == NULL)
    return NULL;
  soup_message_headers_replace (soup_message_get_request_headers (message), "Accept",
                                "application/json");
  if (token != NULL)
    rounds_http_message_set_bearer (message, token);
  return message;
}

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

/* ------------------------------------------------------------------ */

typedef struct
{
  GPtrArray *pages;
  guint      fetched;
} CompleteData;

static void
complete_data_free (CompleteData *data)
{
  g_clear_pointer (&data->pages, g_ptr_array_unref);
  g_free (data);
}

static void fetch_accounts (GTask *task, const char *after);

static void
on_accounts (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RoundsMetaSignIn *self = g_task_get_source_object (task);
  CompleteData *data = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object_root;
  JsonNode *data_node;
  JsonArray *list;
  GError *error = NULL;
  const char *next = NULL;
  const char *after = NULL;

  root = rounds_http_client_send_json_finish (self->http, result, NULL, &error);
  if (root == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  object_root = root_object (root);
  data_node = object_root ? json_object_get_member (object_root, "data") : NULL;
  if (data_node == NULL || !JSON_NODE_HOLDS_ARRAY (data_node))
    {
      g_task_return_new_error (task, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_MALFORMED,
                               _("Facebook did not send the list of Pages."));
      return;
    }
  list = json_node_get_array (data_node);
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonNode *node = json_array_get_element (list, i);
      JsonObject *page = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      JsonNode *ig_node = page ? json_object_get_member (page, "instagram_business_account") : NULL;
      JsonObject *ig = ig_node && JSON_NODE_HOLDS_OBJECT (ig_node) ? json_node_get_object (ig_node) : NULL;
      JsonNode *tasks_node = page ? json_object_get_member (page, "tasks") : NULL;
      RoundsMetaPage *choice;

      if (rounds_json_get_string (page, "id") == NULL || rounds_json_get_string (page, "access_token") == NULL)
        continue;
      if (self->network == ROUNDS_NETWORK_INSTAGRAM && rounds_json_get_string (ig, "id") == NULL)
        continue;

      choice = g_new0 (RoundsMetaPage, 1);
      choice->id = g_strdup (rounds_json_get_string (page, "id"));
      choice->name = g_strdup (rounds_json_get_string (page, "name") ? rounds_json_get_string (page, "name") : choice->id);
      choice->instagram_id = g_strdup (rounds_json_get_string (ig, "id"));
      choice->instagram_username = g_strdup (rounds_json_get_string (ig, "username"));
      if (tasks_node != NULL && JSON_NODE_HOLDS_ARRAY (tasks_node))
        {
          JsonArray *tasks = json_node_get_array (tasks_node);

          for (guint t = 0; t < json_array_get_length (tasks); t++)
            {
              JsonNode *n = json_array_get_element (tasks, t);
              const char *name = JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING
                                 ? json_node_get_string (n) : "";

              if (g_str_equal (name, "CREATE_CONTENT") || g_str_equal (name, "MANAGE"))
                choice->can_publish = TRUE;
            }
        }
      g_hash_table_replace (self->page_tokens, g_strdup (choice->id),
                            g_strdup (rounds_json_get_string (page, "access_token")));
      if (choice->instagram_id != NULL)
        g_hash_table_replace (self->page_ig, g_strdup (choice->id), g_strdup (choice->instagram_id));
      g_ptr_array_add (data->pages, choice);
    }

  {
    JsonNode *paging_node = json_object_get_member (object_root, "paging");
    JsonObject *paging = paging_node && JSON_NODE_HOLDS_OBJECT (paging_node)
                         ? json_node_get_object (paging_node) : NULL;
    JsonNode *cursors_node = paging ? json_object_get_member (paging, "cursors") : NULL;

    next = rounds_json_get_string (paging, "next");
    if (cursors_node != NULL && JSON_NODE_HOLDS_OBJECT (cursors_node))
      after = rounds_json_get_string (json_node_get_object (cursors_node), "after");
  }
  if (next != NULL && after != NULL && ++data->fetched < ACCOUNT_PAGES)
    {
      fetch_accounts (g_steal_pointer (&task), after);
      return;
    }

  g_debug ("Signed in to Meta; %u Pages to choose from", data->pages->len);
  g_task_return_pointer (task, g_ptr_array_ref (data->pages), (GDestroyNotify) g_ptr_array_unref);
}

/* Takes over @task. */
static void
fetch_accounts (GTask      *task,
                const char *after)
{
  RoundsMetaSignIn *self = g_task_get_source_object (task);
  g_autoptr(GHashTable) params = params_new ();
  g_autoptr(SoupMessage) message = NULL;

  param (params, "fields", "id,name,access_token,tasks,instagram_business_account{id,username}");
  param (params, "limit", "50");
  param (params, "after", after);
  message = graph_get (self, "/me/accounts", params, self->user_token);
  rounds_http_client_send_json_async (self->http, message, g_task_get_cancellable (task),
                                      on_accounts, task);
}

static gboolean
take_token (RoundsMetaSignIn  *self,
            JsonNode          *root,
            GError           **error)
{
  JsonObject *object = root_object (root);
  JsonNode *expires = object ? json_object_get_member (object, "expires_in") : NULL;
  const char *token = rounds_json_get_string (object, "access_token");

  if (token == NULL || token[0] == '\0')
    {
      g_set_error_literal (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_MALFORMED,
                           _("Facebook sent no access token."));
      return FALSE;
    }
  wipe (&self->user_token);
  self->user_token = g_strdup (token);
  self->user_expires_at = 0;
  if (expires != NULL && JSON_NODE_HOLDS_VALUE (expires)
      && json_node_get_value_type (expires) == G_TYPE_INT64 && json_node_get_int (expires) > 0)
    self->user_expires_at = rounds_http_client_now (self->http) + json_node_get_int (expires);
  return TRUE;
}

static void
on_long_lived (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RoundsMetaSignIn *self = g_task_get_source_object (task);
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;

  root = rounds_http_client_send_json_finish (self->http, result, NULL, &error);
  if (root == NULL || !take_token (self, root, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  /* Page tokens taken from a long-lived user token do not expire. */
  self->user_expires_at = 0;
  fetch_accounts (g_steal_pointer (&task), NULL);
}

static void
on_token (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RoundsMetaSignIn *self = g_task_get_source_object (task);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GHashTable) params = NULL;
  g_autoptr(SoupMessage) message = NULL;
  GCancellable *cancellable;
  GError *error = NULL;

  root = rounds_http_client_send_json_finish (self->http, result, NULL, &error);
  if (root == NULL || !take_token (self, root, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (self->app_secret == NULL)
    {
      fetch_accounts (g_steal_pointer (&task), NULL);
      return;
    }

  params = params_new ();
  param (params, "grant_type", "fb_exchange_token");
  param (params, "client_id", self->app_id);
  param (params, "client_secret", self->app_secret);
  param (params, "fb_exchange_token", self->user_token);
  message = graph_get (self, "/oauth/access_token", params, NULL);
  cancellable = g_task_get_cancellable (task);
  rounds_http_client_send_json_async (self->http, message, cancellable,
                                      on_long_lived, g_steal_pointer (&task));
}

static void
on_code (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RoundsMetaSignIn *self = g_task_get_source_object (task);
  g_autoptr(GHashTable) params = params_new ();
  g_autoptr(SoupMessage) message = NULL;
  g_autofree char *code = NULL;
  GCancellable *cancellable;
  GError *error = NULL;

  code = rounds_oauth_loopback_wait_finish (self->loopback, result, &error);
  if (code == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  param (params, "client_id", self->app_id);
  param (params, "redirect_uri", rounds_oauth_loopback_get_redirect_uri (self->loopback));
  param (params, "code_verifier", rounds_oauth_loopback_get_code_verifier (self->loopback));
  param (params, "code", code);
  message = graph_get (self, "/oauth/access_token", params, NULL);
  cancellable = g_task_get_cancellable (task);
  rounds_http_client_send_json_async (self->http, message, cancellable,
                                      on_token, g_steal_pointer (&task));
}

char *
rounds_meta_sign_in_begin (RoundsMetaSignIn  *self,
                           GError           **error)
{
  g_autofree char *endpoint = NULL;

  g_return_val_if_fail (ROUNDS_IS_META_SIGN_IN (self), NULL);

  if (!rounds_oauth_loopback_is_running (self->loopback)
      && !rounds_oauth_loopback_start (self->loopback, error))
    return NULL;
  endpoint = g_strconcat (self->dialog_url, "/dialog/oauth", NULL);
  return rounds_oauth_loopback_build_authorize_url (self->loopback, endpoint, self->app_id,
                                                    self->network == ROUNDS_NETWORK_INSTAGRAM
                                                    ? ROUNDS_META_SCOPES_INSTAGRAM
                                                    : ROUNDS_META_SCOPES_FACEBOOK);
}

void
rounds_meta_sign_in_complete_async (RoundsMetaSignIn    *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CompleteData *data;

  g_return_if_fail (ROUNDS_IS_META_SIGN_IN (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rounds_meta_sign_in_complete_async);
  data = g_new0 (CompleteData, 1);
  data->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) rounds_meta_page_free);
  g_task_set_task_data (task, data, (GDestroyNotify) complete_data_free);

  if (!rounds_oauth_loopback_is_running (self->loopback))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                               _("The sign-in has not been started."));
      return;
    }
  rounds_oauth_loopback_wait_async (self->loopback, cancellable, on_code, g_steal_pointer (&task));
}

GPtrArray *
rounds_meta_sign_in_complete_finish (RoundsMetaSignIn  *self,
                                     GAsyncResult      *result,
                                     GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

char *
rounds_meta_sign_in_dup_credentials (RoundsMetaSignIn  *self,
                                     const char        *page_id,
                                     gint64            *expires_at,
                                     GError           **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  const char *token;
  const char *ig;

  g_return_val_if_fail (ROUNDS_IS_META_SIGN_IN (self), NULL);

  token = page_id ? g_hash_table_lookup (self->page_tokens, page_id) : NULL;
  ig = page_id ? g_hash_table_lookup (self->page_ig, page_id) : NULL;
  if (token == NULL || (self->network == ROUNDS_NETWORK_INSTAGRAM && ig == NULL))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           self->network == ROUNDS_NETWORK_INSTAGRAM
                           ? _("That Page has no Instagram professional account linked to it.")
                           : _("That Page is not among the ones you manage."));
      return NULL;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "access_token");
  json_builder_add_string_value (builder, token);
  json_builder_set_member_name (builder, "page_id");
  json_builder_add_string_value (builder, page_id);
  if (ig != NULL && self->network == ROUNDS_NETWORK_INSTAGRAM)
    {
      json_builder_set_member_name (builder, "ig_user_id");
      json_builder_add_string_value (builder, ig);
    }
  json_builder_set_member_name (builder, "app_id");
  json_builder_add_string_value (builder, self->app_id);
  if (self->app_secret != NULL)
    {
      json_builder_set_member_name (builder, "app_secret");
      json_builder_add_string_value (builder, self->app_secret);
    }
  json_builder_set_member_name (builder, "expires_at");
  json_builder_add_int_value (builder, self->user_expires_at);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  if (expires_at != NULL)
    *expires_at = self->user_expires_at;
  return json_to_string (root, FALSE);
}

/* ------------------------------------------------------------------ */

static void
rounds_meta_sign_in_dispose (GObject *object)
{
  RoundsMetaSignIn *self = ROUNDS_META_SIGN_IN (object);

  if (self->loopback != NULL)
    rounds_oauth_loopback_stop (self->loopback);
  g_clear_object (&self->loopback);
  g_clear_object (&self->http);

  G_OBJECT_CLASS (rounds_meta_sign_in_parent_class)->dispose (object);
}

static void
rounds_meta_sign_in_finalize (GObject *object)
{
  RoundsMetaSignIn *self = ROUNDS_META_SIGN_IN (object);

  g_free (self->app_id);
  wipe (&self->app_secret);
  wipe (&self->user_token);
  g_free (self->graph_url);
  g_free (self->dialog_url);
  g_hash_table_unref (self->page_tokens);
  g_hash_table_unref (self->page_ig);

  G_OBJECT_CLASS (rounds_meta_sign_in_parent_class)->finalize (object);
}

static void
rounds_meta_sign_in_class_init (RoundsMetaSignInClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rounds_meta_sign_in_dispose;
  object_class->finalize = rounds_meta_sign_in_finalize;
}

static void
wipe_value (gpointer data)
{
  char *text = data;

  memset (text, 0, strlen (text));
  g_free (text);
}

static void
rounds_meta_sign_in_init (RoundsMetaSignIn *self)
{
  self->http = rounds_http_client_new (ROUNDS_HTTP_STYLE_GRAPH);
  self->loopback = rounds_oauth_loopback_new ();
  self->page_tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, wipe_value);
  self->page_ig = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

RoundsMetaSignIn *
rounds_meta_sign_in_new (RoundsNetwork   network,
                         const char     *app_id,
                         const char     *app_secret,
                         GError        **error)
{
  g_autofree char *id = NULL;
  RoundsMetaSignIn *self;

  g_return_val_if_fail (network == ROUNDS_NETWORK_FACEBOOK || network == ROUNDS_NETWORK_INSTAGRAM, NULL);

  id = g_strstrip (g_strdup (app_id ? app_id : ""));
  if (id[0] == '\0' || strspn (id, "0123456789") != strlen (id) || strlen (id) > 32)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("A Meta app id is a number, shown at the top of the app's "
                             "dashboard on developers.facebook.com."));
      return NULL;
    }

  self = g_object_new (ROUNDS_TYPE_META_SIGN_IN, NULL);
  self->network = network;
  self->app_id = g_steal_pointer (&id);
  if (app_secret != NULL && app_secret[0] != '\0')
    self->app_secret = g_strstrip (g_strdup (app_secret));
  self->graph_url = g_strdup (rounds_connector_get_default_base_url (network));
  self->dialog_url = g_strdup (ROUNDS_META_DIALOG_URL);
  return self;
}

void
rounds_meta_sign_in_set_urls (RoundsMetaSignIn *self,
                              const char       *graph_url,
                              const char       *dialog_url)
{
  g_return_if_fail (ROUNDS_IS_META_SIGN_IN (self));

  if (graph_url != NULL)
    {
      g_free (self->graph_url);
      self->graph_url = g_strdup (graph_url);
    }
  if (dialog_url != NULL)
    {
      g_free (self->dialog_url);
      self->dialog_url = g_strdup (dialog_url);
    }
}

const char *
rounds_meta_sign_in_get_graph_url (RoundsMetaSignIn *self)
{
  g_return_val_if_fail (ROUNDS_IS_META_SIGN_IN (self), NULL);

  return self->graph_url;
}

void
rounds_meta_sign_in_set_wait_timeout (RoundsMetaSignIn *self,
                                      guint             seconds)
{
  g_return_if_fail (ROUNDS_IS_META_SIGN_IN (self));

  rounds_oauth_loopback_set_wait_timeout (self->loopback, seconds);
}
