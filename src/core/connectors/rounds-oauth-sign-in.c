/* rounds-oauth-sign-in.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-oauth-sign-in"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "rounds-connector-factory.h"
#include "rounds-json-fields.h"
#include "rounds-linkedin-connector.h"
#include "rounds-google-connector.h"
#include "rounds-oauth-loopback.h"
#include "rounds-oauth-sign-in.h"

#define LIST_PAGES    5     /* pages of organizations, accounts or locations read */
#define MAX_CHOICES   100
#define ACL_COUNT     "20"

struct _RoundsOAuthSignIn
{
  GObject              parent_instance;

  RoundsNetwork        network;
  char                *client_id;
  char                *client_secret;
  char                *api_url;
  char                *accounts_url;      /* Google only */
  char                *locations_url;     /* Google only */
  char                *authorize_url;
  char                *token_url;
  RoundsHttpClient    *oauth_http;        /* the token endpoint: OAuth's error shape */
  RoundsHttpClient    *api_http;          /* the network's own API */
  RoundsOAuthLoopback *loopback;

  char                *access_token;
  char                *refresh_token;
  gint64               expires_at;
  GPtrArray           *choices;           /* of RoundsSignInChoice, from the last complete */
};

G_DEFINE_FINAL_TYPE (RoundsOAuthSignIn, rounds_oauth_sign_in, G_TYPE_OBJECT)

G_DEFINE_BOXED_TYPE (RoundsSignInChoice, rounds_sign_in_choice, rounds_sign_in_choice_copy,
                     rounds_sign_in_choice_free)

RoundsSignInChoice *
rounds_sign_in_choice_copy (const RoundsSignInChoice *choice)
{
  RoundsSignInChoice *copy = g_new0 (RoundsSignInChoice, 1);

  copy->id = g_strdup (choice->id);
  copy->name = g_strdup (choice->name);
  copy->detail = g_strdup (choice->detail);
  return copy;
}

void
rounds_sign_in_choice_free (RoundsSignInChoice *choice)
{
  if (choice == NULL)
    return;
  g_free (choice->id);
  g_free (choice->name);
  g_free (choice->detail);
  g_free (choice);
}

static void
wipe (char **secret)
{
  if (*secret != NULL)
    memset (*secret, 0, strlen (*secret));
  g_clear_pointer (secret, g_free);
}

static const char *
network_name (RoundsOAuthSignIn *self)
{
  return rounds_network_get_label (self->network);
}

static JsonObject *
root_object (JsonNode *root)
{
  return root && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
}

static void
return_malformed (GTask             *task,
                  RoundsOAuthSignIn *self,
                  const char        *what)
{
  /* TRANSLATORS: "LinkedIn sent no list of organizations." */
  g_task_return_new_error (task, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_MALFORMED,
                           _("%s sent no %s."), network_name (self), what);
}

/* A GET on the network's API with the user's token. */
static SoupMessage *
api_get (RoundsOAuthSignIn *self,
         const char        *root,
         const char        *path_and_query)
{
  g_autofree char *uri = g_strconcat (root, path_and_query, NULL);
  SoupMessage *message = soup_message_new ("GET", uri);
  SoupMessageHeaders *headers;

  if (message == NULL)
    return NULL;
  headers = soup_message_get_request_headers (message);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (self->network == ROUNDS_NETWORK_LINKEDIN)
    {
      soup_message_headers_replace (headers, "Linkedin-Version", rounds_linkedin_api_version ());
      soup_message_headers_replace (headers, "X-Restli-Protocol-Version", "2.0.0");
    }
  rounds_http_message_set_bearer (message, self->access_token);
  return message;
}

/* ------------------------------------------------------------------ */
/* Listing what to publish as                                           */

typedef struct
{
  GQueue     pending;      /* LinkedIn: organization URNs; Google: account names */
  GHashTable *seen;
  GHashTable *account_titles;   /* Google: account name → its title */
  char       *current;     /* Google: the account whose locations are read */
  char       *page_token;
  guint       start;
  guint       pages;
} CompleteData;

static void
complete_data_free (CompleteData *data)
{
  g_queue_clear_full (&data->pending, g_free);
  g_hash_table_unref (data->seen);
  g_hash_table_unref (data->account_titles);
  g_free (data->current);
  g_free (data->page_token);
  g_free (data);
}

static void next_step (GTask *task);

static void
add_choice (RoundsOAuthSignIn *self,
            const char        *id,
            const char        *name,
            const char        *detail)
{
  RoundsSignInChoice *choice;

  if (self->choices->len >= MAX_CHOICES)
    return;
  choice = g_new0 (RoundsSignInChoice, 1);
  choice->id = g_strdup (id);
  choice->name = g_strdup (name != NULL && name[0] != '\0' ? name : id);
  choice->detail = g_strdup (detail);
  g_ptr_array_add (self->choices, choice);
}

static char *
escape_query (const char *value)
{
  return g_uri_escape_string (value, NULL, FALSE);
}

/* LinkedIn: one organization's name. */
static void
on_organization (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RoundsOAuthSignIn *self = g_task_get_source_object (task);
  CompleteData *data = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *urn = g_queue_pop_head (&data->pending);
  GError *error = NULL;

  root = rounds_http_client_send_json_finish (self->api_http, result, NULL, &error);
  if (root == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  add_choice (self, urn, rounds_json_get_string (root_object (root), "localizedName"),
              rounds_json_get_string (root_object (root), "vanityName"));
  next_step (g_steal_pointer (&task));
}

/* LinkedIn: the organizations the person administers. */
static void
on_acls (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RoundsOAuthSignIn *self = g_task_get_source_object (task);
  CompleteData *data = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  JsonArray *elements;
  JsonObject *paging;
  gint64 total = 0;
  GError *error = NULL;

  root = rounds_http_client_send_json_finish (self->api_http, result, NULL, &error);
  if (root == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  elements = rounds_json_get_array (root_object (root), "elements");
  if (elements == NULL)
    {
      return_malformed (task, self, _("list of organizations"));
      return;
    }
  for (guint i = 0; i < json_array_get_length (elements); i++)
    {
      JsonNode *node = json_array_get_element (elements, i);
      JsonObject *acl = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *urn = rounds_json_get_string (acl, "organization");

      if (urn == NULL || !g_str_has_prefix (urn, "urn:li:organization:")
          || strspn (urn + strlen ("urn:li:organization:"), "0123456789")
             != strlen (urn + strlen ("urn:li:organization:"))
          || g_hash_table_contains (data->seen, urn))
        continue;
      g_hash_table_add (data->seen, g_strdup (urn));
      g_queue_push_tail (&data->pending, g_strdup (urn));
    }

  data->pages++;
  data->start += json_array_get_length (elements);
  paging = rounds_json_get_object (root_object (root), "paging");
  if (rounds_json_get_int (paging, "total", &total) && total > data->start
      && json_array_get_length (elements) > 0 && data->pages < LIST_PAGES)
    {
      g_autofree char *path =
        g_strdup_printf ("/rest/organizationAcls?q=roleAssignee&role=ADMINISTRATOR"
                         "&state=APPROVED&start=%u&count=" ACL_COUNT, data->start);
      g_autoptr(SoupMessage) message = api_get (self, self->api_url, path);
      GCancellable *cancellable = g_task_get_cancellable (task);

      rounds_http_client_send_json_async (self->api_http, message, cancellable, on_acls,
                                          g_steal_pointer (&task));
      return;
    }
  data->pages = 0;
  next_step (g_steal_pointer (&task));
}

static char *
google_address (JsonObject *location)
{
  JsonObject *address = rounds_json_get_object (location, "storefrontAddress");
  JsonArray *lines = rounds_json_get_array (address, "addressLines");
  const char *locality = rounds_json_get_string (address, "locality");
  JsonNode *first = lines && json_array_get_length (lines) > 0
                    ? json_array_get_element (lines, 0) : NULL;
  const char *line = first && JSON_NODE_HOLDS_VALUE (first)
                     && json_node_get_value_type (first) == G_TYPE_STRING
                     ? json_node_get_string (first) : NULL;

  if (line != NULL && locality != NULL)
    return g_strdup_printf ("%s, %s", line, locality);
  return g_strdup (line ? line : locality);
}

/* Google: one page of an account's locations. */
static void
on_locations (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RoundsOAuthSignIn *self = g_task_get_source_object (task);
  CompleteData *data = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  JsonNode *list;
  JsonArray *locations;
  GError *error = NULL;

  root = rounds_http_client_send_json_finish (self->api_http, result, NULL, &error);
  if (root == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* An account without locations answers {} (no "locations" member). */
  list = root_object (root) ? json_object_get_member (root_object (root), "locations") : NULL;
  if (root_object (root) == NULL || (list != NULL && !JSON_NODE_HOLDS_ARRAY (list)))
    {
      return_malformed (task, self, _("list of locations"));
      return;
    }
  locations = list ? json_node_get_array (list) : NULL;
  for (guint i = 0; locations && i < json_array_get_length (locations); i++)
    {
      JsonNode *node = json_array_get_element (locations, i);
      JsonObject *location = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *name = rounds_json_get_string (location, "name");
      g_autofree char *id = NULL;
      g_autofree char *address = NULL;

      if (name == NULL || !g_str_has_prefix (name, "locations/") || strchr (name + 10, '/'))
        continue;
      id = g_strconcat (data->current, "/", name, NULL);
      if (!g_hash_table_add (data->seen, g_strdup (id)))
        continue;
      address = google_address (location);
      add_choice (self, id, rounds_json_get_string (location, "title"),
                  address ? address : g_hash_table_lookup (data->account_titles, data->current));
    }

  g_clear_pointer (&data->page_token, g_free);
  data->page_token = g_strdup (rounds_json_get_string (root_object (root), "nextPageToken"));
  if (data->page_token == NULL || ++data->pages >= LIST_PAGES)
    {
      g_clear_pointer (&data->current, g_free);
      g_clear_pointer (&data->page_token, g_free);
      data->pages = 0;
    }
  next_step (g_steal_pointer (&task));
}

/* Google: the Business Profile accounts the person can manage. */
static void
on_accounts (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RoundsOAuthSignIn *self = g_task_get_source_object (task);
  CompleteData *data = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  JsonArray *accounts;
  const char *next;
  GError *error = NULL;

  root = rounds_http_client_send_json_finish (self->api_http, result, NULL, &error);
  if (root == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  accounts = rounds_json_get_array (root_object (root), "accounts");
  if (accounts == NULL && root_object (root) != NULL
      && !json_object_has_member (root_object (root), "accounts"))
    accounts = NULL;   /* no account at all: {} */
  else if (accounts == NULL)
    {
      return_malformed (task, self, _("list of Business Profile accounts"));
      return;
    }
  for (guint i = 0; accounts && i < json_array_get_length (accounts); i++)
    {
      JsonNode *node = json_array_get_element (accounts, i);
      JsonObject *account = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *name = rounds_json_get_string (account, "name");
      const char *title = rounds_json_get_string (account, "accountName");

      if (name == NULL || !g_str_has_prefix (name, "accounts/") || strchr (name + 9, '/')
          || g_hash_table_contains (data->account_titles, name))
        continue;
      g_hash_table_replace (data->account_titles, g_strdup (name), g_strdup (title));
      g_queue_push_tail (&data->pending, g_strdup (name));
    }

  next = rounds_json_get_string (root_object (root), "nextPageToken");
  if (next != NULL && ++data->pages < LIST_PAGES)
    {
      g_autofree char *token = escape_query (next);
      g_autofree char *path = g_strconcat ("/v1/accounts?pageSize=20&pageToken=", token, NULL);
      g_autoptr(SoupMessage) message = api_get (self, self->accounts_url, path);
      GCancellable *cancellable = g_task_get_cancellable (task);

      rounds_http_client_send_json_async (self->api_http, message, cancellable, on_accounts,
                                          g_steal_pointer (&task));
      return;
    }
  data->pages = 0;
  next_step (g_steal_pointer (&task));
}

/* Takes over @task: the next request, or the end. */
static void
next_step (GTask *task)
{
  RoundsOAuthSignIn *self = g_task_get_source_object (task);
  CompleteData *data = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(SoupMessage) message = NULL;
  g_autofree char *path = NULL;

  if (self->network == ROUNDS_NETWORK_LINKEDIN)
    {
      const char *urn = g_queue_peek_head (&data->pending);
      g_autofree char *escaped = NULL;

      if (urn == NULL || self->choices->len >= MAX_CHOICES)
        goto done;
      escaped = escape_query (urn + strlen ("urn:li:organization:"));
      path = g_strconcat ("/rest/organizations/", escaped, NULL);
      message = api_get (self, self->api_url, path);
      rounds_http_client_send_json_async (self->api_http, message, cancellable, on_organization,
                                          task);
      return;
    }

  /* Google: the locations of the current account, then the next one. */
  if (data->current == NULL)
    data->current = g_queue_pop_head (&data->pending);
  if (data->current == NULL || self->choices->len >= MAX_CHOICES)
    goto done;
  {
    g_autofree char *token = data->page_token ? escape_query (data->page_token) : NULL;

    path = g_strconcat ("/v1/", data->current,
                        "/locations?readMask=name,title,storefrontAddress&pageSize=100",
                        token ? "&pageToken=" : NULL, token, NULL);
  }
  message = api_get (self, self->locations_url, path);
  rounds_http_client_send_json_async (self->api_http, message, cancellable, on_locations, task);
  return;

done:
  g_debug ("Signed in to %s; %u to choose from", network_name (self), self->choices->len);
  g_task_return_pointer (task, g_ptr_array_ref (self->choices), (GDestroyNotify) g_ptr_array_unref);
  g_object_unref (task);
}

static void
start_listing (GTask *task)
{
  RoundsOAuthSignIn *self = g_task_get_source_object (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(SoupMessage) message = NULL;

  g_ptr_array_set_size (self->choices, 0);
  if (self->network == ROUNDS_NETWORK_LINKEDIN)
    {
      message = api_get (self, self->api_url,
                         "/rest/organizationAcls?q=roleAssignee&role=ADMINISTRATOR"
                         "&state=APPROVED&start=0&count=" ACL_COUNT);
      rounds_http_client_send_json_async (self->api_http, message, cancellable, on_acls, task);
    }
  else
    {
      message = api_get (self, self->accounts_url, "/v1/accounts?pageSize=20");
      rounds_http_client_send_json_async (self->api_http, message, cancellable, on_accounts,
                                          task);
    }
}

/* ------------------------------------------------------------------ */
/* The code for tokens                                                  */

static void
on_token (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RoundsOAuthSignIn *self = g_task_get_source_object (task);
  g_autoptr(JsonNode) root = NULL;
  const char *token;
  gint64 expires_in = 0;
  GError *error = NULL;

  root = rounds_http_client_send_json_finish (self->oauth_http, result, NULL, &error);
  if (root == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  token = rounds_json_get_string (root_object (root), "access_token");
  if (token == NULL || token[0] == '\0')
    {
      return_malformed (task, self, _("access token"));
      return;
    }
  wipe (&self->access_token);
  wipe (&self->refresh_token);
  self->access_token = g_strdup (token);
  self->refresh_token = g_strdup (rounds_json_get_string (root_object (root), "refresh_token"));
  self->expires_at = 0;
  if (rounds_json_get_int (root_object (root), "expires_in", &expires_in) && expires_in > 0)
    self->expires_at = rounds_http_client_now (self->oauth_http) + expires_in;
  start_listing (g_steal_pointer (&task));
}

static void
form_param (GHashTable *form,
            const char *name,
            const char *value)
{
  if (value != NULL)
    g_hash_table_replace (form, (gpointer) name, (gpointer) value);
}

static void
on_code (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RoundsOAuthSignIn *self = g_task_get_source_object (task);
  g_autoptr(GHashTable) form = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(SoupMessage) message = NULL;
  g_autofree char *code = NULL;
  g_autofree char *encoded = NULL;
  GCancellable *cancellable;
  GError *error = NULL;

  code = rounds_oauth_loopback_wait_finish (self->loopback, result, &error);
  if (code == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  form_param (form, "grant_type", "authorization_code");
  form_param (form, "code", code);
  form_param (form, "redirect_uri", rounds_oauth_loopback_get_redirect_uri (self->loopback));
  form_param (form, "client_id", self->client_id);
  form_param (form, "client_secret", self->client_secret);
  form_param (form, "code_verifier", rounds_oauth_loopback_get_code_verifier (self->loopback));
  encoded = soup_form_encode_hash (form);
  message = soup_message_new_from_encoded_form ("POST", self->token_url, g_steal_pointer (&encoded));
  if (message == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("The sign-in address is not valid."));
      return;
    }
  soup_message_headers_replace (soup_message_get_request_headers (message), "Accept",
                                "application/json");
  cancellable = g_task_get_cancellable (task);
  rounds_http_client_send_json_async (self->oauth_http, message, cancellable, on_token,
                                      g_steal_pointer (&task));
}

/* ------------------------------------------------------------------ */
/* Public API                                                           */

char *
rounds_oauth_sign_in_begin (RoundsOAuthSignIn  *self,
                            GError            **error)
{
  g_autofree char *url = NULL;

  g_return_val_if_fail (ROUNDS_IS_OAUTH_SIGN_IN (self), NULL);

  if (!rounds_oauth_loopback_is_running (self->loopback)
      && !rounds_oauth_loopback_start (self->loopback, error))
    return NULL;
  url = rounds_oauth_loopback_build_authorize_url (self->loopback, self->authorize_url,
                                                   self->client_id,
                                                   self->network == ROUNDS_NETWORK_LINKEDIN
                                                   ? ROUNDS_LINKEDIN_SCOPES
                                                   : ROUNDS_GOOGLE_SCOPES);
  /* Google gives a refresh token only for offline access, asked for again. */
  if (self->network == ROUNDS_NETWORK_GOOGLE)
    return g_strconcat (url, "&access_type=offline&prompt=consent", NULL);
  return g_steal_pointer (&url);
}

void
rounds_oauth_sign_in_complete_async (RoundsOAuthSignIn   *self,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CompleteData *data;

  g_return_if_fail (ROUNDS_IS_OAUTH_SIGN_IN (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rounds_oauth_sign_in_complete_async);
  data = g_new0 (CompleteData, 1);
  g_queue_init (&data->pending);
  data->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  data->account_titles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
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
rounds_oauth_sign_in_complete_finish (RoundsOAuthSignIn  *self,
                                      GAsyncResult       *result,
                                      GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

char *
rounds_oauth_sign_in_dup_credentials (RoundsOAuthSignIn   *self,
                                      const char          *choice_id,
                                      RoundsAccountInfo  **info,
                                      GError             **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  const RoundsSignInChoice *choice = NULL;
  RoundsAccountInfo *who;

  g_return_val_if_fail (ROUNDS_IS_OAUTH_SIGN_IN (self), NULL);

  for (guint i = 0; choice_id != NULL && i < self->choices->len; i++)
    if (g_str_equal (((RoundsSignInChoice *) g_ptr_array_index (self->choices, i))->id, choice_id))
      choice = g_ptr_array_index (self->choices, i);
  if (choice == NULL || self->access_token == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           self->network == ROUNDS_NETWORK_LINKEDIN
                           ? _("That organization is not among the ones you administer.")
                           : _("That location is not among the ones you manage."));
      return NULL;
    }

  json_builder_begin_object (builder);
  add_string (builder, "access_token", self->access_token);
  add_string (builder, "refresh_token", self->refresh_token);
  /* The client id lets Reconnect fill it in; Google's secret renews the
   * token (LinkedIn gives no refresh token to most apps: not kept). */
  add_string (builder, "client_id", self->client_id);
  if (self->network == ROUNDS_NETWORK_LINKEDIN)
    add_string (builder, "organization_id", choice->id);
  else
    {
      add_string (builder, "location", choice->id);
      add_string (builder, "location_title", choice->name);
      add_string (builder, "client_secret", self->client_secret);
      add_string (builder, "token_uri", self->token_url);
    }
  if (self->expires_at > 0)
    {
      json_builder_set_member_name (builder, "expires_at");
      json_builder_add_int_value (builder, self->expires_at);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  who = rounds_account_info_new ();
  who->remote_id = g_strdup (choice->id);
  who->handle = g_strdup (choice->name);
  who->display_name = g_strdup (choice->name);
  /* Google's hour-long token renews itself with the refresh token. */
  who->token_expires_at = self->network == ROUNDS_NETWORK_GOOGLE && self->refresh_token != NULL
                          ? 0 : self->expires_at;
  if (info != NULL)
    *info = who;
  else
    rounds_account_info_free (who);
  return json_to_string (root, FALSE);
}

/* ------------------------------------------------------------------ */

static void
rounds_oauth_sign_in_dispose (GObject *object)
{
  RoundsOAuthSignIn *self = ROUNDS_OAUTH_SIGN_IN (object);

  if (self->loopback != NULL)
    rounds_oauth_loopback_stop (self->loopback);
  g_clear_object (&self->loopback);
  g_clear_object (&self->oauth_http);
  g_clear_object (&self->api_http);

  G_OBJECT_CLASS (rounds_oauth_sign_in_parent_class)->dispose (object);
}

static void
rounds_oauth_sign_in_finalize (GObject *object)
{
  RoundsOAuthSignIn *self = ROUNDS_OAUTH_SIGN_IN (object);

  g_free (self->client_id);
  wipe (&self->client_secret);
  wipe (&self->access_token);
  wipe (&self->refresh_token);
  g_free (self->api_url);
  g_free (self->accounts_url);
  g_free (self->locations_url);
  g_free (self->authorize_url);
  g_free (self->token_url);
  g_ptr_array_unref (self->choices);

  G_OBJECT_CLASS (rounds_oauth_sign_in_parent_class)->finalize (object);
}

static void
rounds_oauth_sign_in_class_init (RoundsOAuthSignInClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rounds_oauth_sign_in_dispose;
  object_class->finalize = rounds_oauth_sign_in_finalize;
}

static void
rounds_oauth_sign_in_init (RoundsOAuthSignIn *self)
{
  /* The token endpoints answer errors as RFC 6749 {"error", "error_description"}. */
  self->oauth_http = rounds_http_client_new (ROUNDS_HTTP_STYLE_MASTODON);
  self->loopback = rounds_oauth_loopback_new ();
  self->choices = g_ptr_array_new_with_free_func ((GDestroyNotify) rounds_sign_in_choice_free);
}

RoundsOAuthSignIn *
rounds_oauth_sign_in_new (RoundsNetwork   network,
                          const char     *client_id,
                          const char     *client_secret,
                          GError        **error)
{
  g_autofree char *id = NULL;
  RoundsOAuthSignIn *self;

  g_return_val_if_fail (network == ROUNDS_NETWORK_LINKEDIN || network == ROUNDS_NETWORK_GOOGLE,
                        NULL);

  id = g_strstrip (g_strdup (client_id ? client_id : ""));
  if (id[0] == '\0' || strlen (id) > 200 || strpbrk (id, " \t\n&?#/") != NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           network == ROUNDS_NETWORK_LINKEDIN
                           ? _("Type the Client ID shown on the Auth tab of your app in the "
                               "LinkedIn developer portal.")
                           : _("Type the Client ID of your Desktop app client, shown under "
                               "APIs & Services → Credentials in the Google Cloud console."));
      return NULL;
    }

  self = g_object_new (ROUNDS_TYPE_OAUTH_SIGN_IN, NULL);
  self->network = network;
  self->client_id = g_steal_pointer (&id);
  if (client_secret != NULL && client_secret[0] != '\0')
    self->client_secret = g_strstrip (g_strdup (client_secret));
  self->api_http = rounds_http_client_new (network == ROUNDS_NETWORK_LINKEDIN
                                           ? ROUNDS_HTTP_STYLE_LINKEDIN
                                           : ROUNDS_HTTP_STYLE_GOOGLE);
  self->api_url = g_strdup (rounds_connector_get_default_base_url (network));
  if (network == ROUNDS_NETWORK_LINKEDIN)
    {
      self->authorize_url = g_strdup (ROUNDS_LINKEDIN_AUTHORIZE_URL);
      self->token_url = g_strdup (ROUNDS_LINKEDIN_TOKEN_URL);
    }
  else
    {
      self->accounts_url = g_strdup (ROUNDS_GOOGLE_ACCOUNTS_URL);
      self->locations_url = g_strdup (ROUNDS_GOOGLE_LOCATIONS_URL);
      self->authorize_url = g_strdup (ROUNDS_GOOGLE_AUTHORIZE_URL);
      self->token_url = g_strdup (ROUNDS_GOOGLE_TOKEN_URI);
    }
  return self;
}

void
rounds_oauth_sign_in_set_urls (RoundsOAuthSignIn *self,
                               const char        *api_url,
                               const char        *login_url)
{
  g_return_if_fail (ROUNDS_IS_OAUTH_SIGN_IN (self));

  if (api_url != NULL)
    {
      g_free (self->api_url);
      self->api_url = g_strdup (api_url);
      if (self->network == ROUNDS_NETWORK_GOOGLE)
        {
          g_free (self->accounts_url);
          g_free (self->locations_url);
          self->accounts_url = g_strdup (api_url);
          self->locations_url = g_strdup (api_url);
        }
    }
  if (login_url != NULL)
    {
      g_free (self->authorize_url);
      g_free (self->token_url);
      if (self->network == ROUNDS_NETWORK_LINKEDIN)
        {
          self->authorize_url = g_strconcat (login_url, "/oauth/v2/authorization", NULL);
          self->token_url = g_strconcat (login_url, "/oauth/v2/accessToken", NULL);
        }
      else
        {
          self->authorize_url = g_strconcat (login_url, "/o/oauth2/v2/auth", NULL);
          self->token_url = g_strconcat (login_url, "/token", NULL);
        }
    }
}

const char *
rounds_oauth_sign_in_get_api_url (RoundsOAuthSignIn *self)
{
  g_return_val_if_fail (ROUNDS_IS_OAUTH_SIGN_IN (self), NULL);

  return self->api_url;
}

void
rounds_oauth_sign_in_set_wait_timeout (RoundsOAuthSignIn *self,
                                       guint              seconds)
{
  g_return_if_fail (ROUNDS_IS_OAUTH_SIGN_IN (self));

  rounds_oauth_loopback_set_wait_timeout (self->loopback, seconds);
}
