/* rounds-stub-oauth.c — the authorization server half of OAuth 2 for the stubs
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include <json-glib/json-glib.h>

#include "rounds-stub-oauth.h"

typedef struct
{
  char *challenge;     /* "" when the request had none */
  char *redirect_uri;
} Grant;

struct _RoundsStubOAuth
{
  char       *code_prefix;
  guint64     next;
  GHashTable *grants;   /* code → Grant */
};

static void
grant_free (Grant *grant)
{
  g_free (grant->challenge);
  g_free (grant->redirect_uri);
  g_free (grant);
}

RoundsStubOAuth *
rounds_stub_oauth_new (const char *code_prefix)
{
  RoundsStubOAuth *self = g_new0 (RoundsStubOAuth, 1);

  self->code_prefix = g_strdup (code_prefix);
  self->next = 1;
  self->grants = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) grant_free);
  return self;
}

void
rounds_stub_oauth_free (RoundsStubOAuth *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->grants);
  g_free (self->code_prefix);
  g_free (self);
}

void
rounds_stub_oauth_authorize (RoundsStubOAuth   *self,
                             SoupServerMessage *msg,
                             GHashTable        *query)
{
  const char *redirect = query ? g_hash_table_lookup (query, "redirect_uri") : NULL;
  const char *state = query ? g_hash_table_lookup (query, "state") : NULL;
  const char *challenge = query ? g_hash_table_lookup (query, "code_challenge") : NULL;
  g_autofree char *state_e = NULL;
  g_autofree char *location = NULL;
  Grant *grant;
  char *code;

  if (redirect == NULL || state == NULL || g_hash_table_lookup (query, "client_id") == NULL)
    {
      soup_server_message_set_status (msg, 400, NULL);
      return;
    }
  code = g_strdup_printf ("%s-%" G_GUINT64_FORMAT, self->code_prefix, self->next++);
  grant = g_new0 (Grant, 1);
  grant->challenge = g_strdup (challenge ? challenge : "");
  grant->redirect_uri = g_strdup (redirect);
  g_hash_table_insert (self->grants, code, grant);
  state_e = g_uri_escape_string (state, NULL, FALSE);
  location = g_strdup_printf ("%s%scode=%s&state=%s", redirect, strchr (redirect, '?') ? "&" : "?",
                              code, state_e);
  soup_server_message_set_redirect (msg, 302, location);
}

static char *
s256 (const char *verifier)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize length = sizeof digest;
  char *text;

  g_checksum_update (sum, (const guchar *) verifier, -1);
  g_checksum_get_digest (sum, digest, &length);
  text = g_base64_encode (digest, length);
  for (char *c = text; *c; c++)
    *c = *c == '+' ? '-' : *c == '/' ? '_' : *c;
  if (strchr (text, '=') != NULL)
    *strchr (text, '=') = '\0';
  return text;
}

gboolean
rounds_stub_oauth_redeem (RoundsStubOAuth *self,
                          const char      *code,
                          const char      *verifier,
                          const char      *redirect_uri)
{
  Grant *grant = code ? g_hash_table_lookup (self->grants, code) : NULL;
  g_autofree char *computed = verifier ? s256 (verifier) : NULL;

  if (grant == NULL || g_strcmp0 (redirect_uri, grant->redirect_uri) != 0
      || (grant->challenge[0] != '\0' && g_strcmp0 (computed, grant->challenge) != 0))
    return FALSE;
  g_hash_table_remove (self->grants, code);
  return TRUE;
}

GHashTable *
rounds_stub_oauth_read_form (SoupServerMessage *msg)
{
  g_autoptr(GBytes) bytes = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  return soup_form_decode (text);
}

void
rounds_stub_oauth_respond_error (SoupServerMessage *msg,
                                 guint              status,
                                 const char        *error,
                                 const char        *description)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *body = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_add_string_value (builder, error);
  json_builder_set_member_name (builder, "error_description");
  json_builder_add_string_value (builder, description);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  body = json_to_string (root, FALSE);
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body,
                                    strlen (body));
}
