/* rounds-mastodon-sign-in.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-mastodon-sign-in"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "rounds-json-fields.h"
#include "rounds-connector-factory.h"
#include "rounds-mastodon-connector.h"
#include "rounds-mastodon-sign-in.h"
#include "rounds-oauth-loopback.h"

struct _RoundsMastodonSignIn
{
  GObject              parent_instance;

  char                *base_url;
  RoundsHttpClient    *http;
  RoundsOAuthLoopback *loopback;
  char                *client_id;
  char                *client_secret;
};

G_DEFINE_FINAL_TYPE (RoundsMastodonSignIn, rounds_mastodon_sign_in, G_TYPE_OBJECT)

static const char *
get_string (JsonNode   *root,
            const char *name)
{
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  return rounds_json_get_string (json_node_get_object (root), name);
}

static SoupMessage *
new_post (RoundsMastodonSignIn *self,
          const char           *path,
          JsonBuilder          *builder)
{
  g_autofree char *uri = g_strconcat (self->base_url, path, NULL);
  g_autoptr(JsonNode) body = json_builder_get_root (builder);

  return rounds_http_message_new_json ("POST", uri, body);
}

static void
add_member (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

/* ------------------------------------------------------------------ */
/* begin: loopback up, app registered, URL out                          */

static void
on_app_registered (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RoundsMastodonSignIn *self = g_task_get_source_object (task);
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *endpoint = NULL;
  GError *error = NULL;

  root = rounds_http_client_send_json_finish (self->http, result, NULL, &error);
  if (root == NULL)
    {
      rounds_oauth_loopback_stop (self->loopback);
      g_task_return_error (task, error);
      return;
    }
  if (get_string (root, "client_id") == NULL || get_string (root, "client_secret") == NULL)
    {
      rounds_oauth_loopback_stop (self->loopback);
      g_task_return_new_error (task, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_MALFORMED,
                               _("The Mastodon server did not register Rounds (no client id)."));
      return;
    }

  g_free (self->client_id);
  self->client_id = g_strdup (get_string (root, "client_id"));
  g_free (self->client_secret);
  self->client_secret = g_strdup (get_string (root, "client_secret"));

  endpoint = g_strconcat (self->base_url, "/oauth/authorize", NULL);
  g_task_return_pointer (task,
                         rounds_oauth_loopback_build_authorize_url (self->loopback, endpoint,
                                                                    self->client_id,
                                                                    ROUNDS_MASTODON_SCOPES),
                         g_free);
}

void
rounds_mastodon_sign_in_begin_async (RoundsMastodonSignIn *self,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(SoupMessage) message = NULL;
  GError *error = NULL;

  g_return_if_fail (ROUNDS_IS_MASTODON_SIGN_IN (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rounds_mastodon_sign_in_begin_async);

  /* A fresh loopback (port, state, verifier) for every attempt. */
  rounds_oauth_loopback_stop (self->loopback);
  if (!rounds_oauth_loopback_start (self->loopback, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  /* The redirect names the port, so the app is registered per sign-in. */
  json_builder_begin_object (builder);
  add_member (builder, "client_name", "Rounds");
  add_member (builder, "redirect_uris", rounds_oauth_loopback_get_redirect_uri (self->loopback));
  add_member (builder, "scopes", ROUNDS_MASTODON_SCOPES);
  json_builder_end_object (builder);

  message = new_post (self, "/api/v1/apps", builder);
  rounds_http_client_send_json_async (self->http, message, cancellable, on_app_registered,
                                      g_steal_pointer (&task));
}

char *
rounds_mastodon_sign_in_begin_finish (RoundsMastodonSignIn  *self,
                                      GAsyncResult          *result,
                                      GError               **error)
{
  g_return_val_if_fail (ROUNDS_IS_MASTODON_SIGN_IN (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------ */
/* complete: code → token → verify                                      */

typedef struct
{
  char              *credentials;
  RoundsAccountInfo *info;
  RoundsConnector   *connector;
  JsonNode          *token;
} CompleteData;

static void
complete_data_free (CompleteData *data)
{
  if (data->credentials != NULL)
    memset (data->credentials, 0, strlen (data->credentials));
  g_free (data->credentials);
  g_clear_pointer (&data->info, rounds_account_info_free);
  g_clear_object (&data->connector);
  g_clear_pointer (&data->token, json_node_unref);
  g_free (data);
}

static char *
credentials_json (RoundsMastodonSignIn *self,
                  JsonNode             *token,
                  const char           *account_id)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object = json_node_get_object (token);

  json_builder_begin_object (builder);
  add_member (builder, "access_token", get_string (token, "access_token"));
  add_member (builder, "token_type", get_string (token, "token_type") ?: "Bearer");
  if (get_string (token, "scope"))
    add_member (builder, "scope", get_string (token, "scope"));
  if (json_object_has_member (object, "created_at")
      && JSON_NODE_HOLDS_VALUE (json_object_get_member (object, "created_at"))
      && json_node_get_value_type (json_object_get_member (object, "created_at")) == G_TYPE_INT64)
    {
      json_builder_set_member_name (builder, "created_at");
      json_builder_add_int_value (builder, json_object_get_int_member (object, "created_at"));
    }
  add_member (builder, "client_id", self->client_id);
  add_member (builder, "client_secret", self->client_secret);
  if (account_id != NULL)
    add_member (builder, "account_id", account_id);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static void
on_verified (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RoundsMastodonSignIn *self = g_task_get_source_object (task);
  CompleteData *data = g_task_get_task_data (task);
  GError *error = NULL;

  data->info = rounds_connector_verify_finish (ROUNDS_CONNECTOR (object), result, &error);
  if (data->info == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  data->credentials = credentials_json (self, data->token, data->info->remote_id);
  g_debug ("Signed in to Mastodon as account %s", data->info->remote_id);
  g_task_return_boolean (task, TRUE);
}

static void
on_token (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RoundsMastodonSignIn *self = g_task_get_source_object (task);
  CompleteData *data = g_task_get_task_data (task);
  g_autofree char *first = NULL;
  GError *error = NULL;

  data->token = rounds_http_client_send_json_finish (self->http, result, NULL, &error);
  if (data->token == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (get_string (data->token, "access_token") == NULL)
    {
      g_task_return_new_error (task, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_MALFORMED,
                               _("The Mastodon server sent no access token."));
      return;
    }

  first = credentials_json (self, data->token, NULL);
  data->connector = rounds_mastodon_connector_new (self->base_url, first);
  memset (first, 0, strlen (first));
  rounds_connector_verify_async (data->connector, g_task_get_cancellable (task), on_verified,
                                 g_object_ref (task));
}

static void
on_code (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RoundsMastodonSignIn *self = g_task_get_source_object (task);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
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

  json_builder_begin_object (builder);
  add_member (builder, "grant_type", "authorization_code");
  add_member (builder, "code", code);
  add_member (builder, "client_id", self->client_id);
  add_member (builder, "client_secret", self->client_secret);
  add_member (builder, "redirect_uri", rounds_oauth_loopback_get_redirect_uri (self->loopback));
  add_member (builder, "code_verifier", rounds_oauth_loopback_get_code_verifier (self->loopback));
  add_member (builder, "scope", ROUNDS_MASTODON_SCOPES);
  json_builder_end_object (builder);

  message = new_post (self, "/oauth/token", builder);
  cancellable = g_task_get_cancellable (task);
  rounds_http_client_send_json_async (self->http, message, cancellable,
                                      on_token, g_steal_pointer (&task));
}

void
rounds_mastodon_sign_in_complete_async (RoundsMastodonSignIn *self,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ROUNDS_IS_MASTODON_SIGN_IN (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rounds_mastodon_sign_in_complete_async);
  g_task_set_task_data (task, g_new0 (CompleteData, 1), (GDestroyNotify) complete_data_free);

  if (self->client_id == NULL || !rounds_oauth_loopback_is_running (self->loopback))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                               _("The sign-in has not been started."));
      return;
    }
  rounds_oauth_loopback_wait_async (self->loopback, cancellable, on_code, g_steal_pointer (&task));
}

gboolean
rounds_mastodon_sign_in_complete_finish (RoundsMastodonSignIn  *self,
                                         GAsyncResult          *result,
                                         char                 **credentials,
                                         RoundsAccountInfo    **info,
                                         GError               **error)
{
  CompleteData *data;

  g_return_val_if_fail (ROUNDS_IS_MASTODON_SIGN_IN (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (credentials != NULL)
    *credentials = NULL;
  if (info != NULL)
    *info = NULL;
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  data = g_task_get_task_data (G_TASK (result));
  if (credentials != NULL)
    *credentials = g_strdup (data->credentials);
  if (info != NULL)
    *info = rounds_account_info_copy (data->info);
  return TRUE;
}

/* ------------------------------------------------------------------ */

static void
rounds_mastodon_sign_in_dispose (GObject *object)
{
  RoundsMastodonSignIn *self = ROUNDS_MASTODON_SIGN_IN (object);

  if (self->loopback != NULL)
    rounds_oauth_loopback_stop (self->loopback);
  g_clear_object (&self->loopback);
  g_clear_object (&self->http);

  G_OBJECT_CLASS (rounds_mastodon_sign_in_parent_class)->dispose (object);
}

static void
rounds_mastodon_sign_in_finalize (GObject *object)
{
  RoundsMastodonSignIn *self = ROUNDS_MASTODON_SIGN_IN (object);

  g_free (self->base_url);
  g_free (self->client_id);
  g_free (self->client_secret);

  G_OBJECT_CLASS (rounds_mastodon_sign_in_parent_class)->finalize (object);
}

static void
rounds_mastodon_sign_in_class_init (RoundsMastodonSignInClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rounds_mastodon_sign_in_dispose;
  object_class->finalize = rounds_mastodon_sign_in_finalize;
}

static void
rounds_mastodon_sign_in_init (RoundsMastodonSignIn *self)
{
  self->http = rounds_http_client_new (ROUNDS_HTTP_STYLE_MASTODON);
  self->loopback = rounds_oauth_loopback_new ();
}

RoundsMastodonSignIn *
rounds_mastodon_sign_in_new (const char  *server,
                             GError     **error)
{
  g_autofree char *base_url = NULL;
  RoundsMastodonSignIn *self;

  g_return_val_if_fail (server != NULL, NULL);

  base_url = rounds_connector_normalize_server (server, error);
  if (base_url == NULL)
    return NULL;

  self = g_object_new (ROUNDS_TYPE_MASTODON_SIGN_IN, NULL);
  self->base_url = g_steal_pointer (&base_url);
  return self;
}

const char *
rounds_mastodon_sign_in_get_base_url (RoundsMastodonSignIn *self)
{
  g_return_val_if_fail (ROUNDS_IS_MASTODON_SIGN_IN (self), NULL);

  return self->base_url;
}

RoundsHttpClient *
rounds_mastodon_sign_in_get_http_client (RoundsMastodonSignIn *self)
{
  g_return_val_if_fail (ROUNDS_IS_MASTODON_SIGN_IN (self), NULL);

  return self->http;
}

void
rounds_mastodon_sign_in_set_wait_timeout (RoundsMastodonSignIn *self,
                                          guint                 seconds)
{
  g_return_if_fail (ROUNDS_IS_MASTODON_SIGN_IN (self));

  rounds_oauth_loopback_set_wait_timeout (self->loopback, seconds);
}
