/* rounds-oauth-loopback.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-oauth"

#include "config.h"

#include <string.h>
#include <sys/random.h>

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "rounds-connector.h"
#include "rounds-oauth-loopback.h"

struct _RoundsOAuthLoopback
{
  GObject       parent_instance;

  SoupServer   *server;
  char         *redirect_uri;
  char         *state;
  char         *verifier;
  guint         wait_timeout;
  GTask        *waiting;        /* the pending wait, or NULL */
  gulong        cancelled_id;
  guint         timeout_id;
};

G_DEFINE_FINAL_TYPE (RoundsOAuthLoopback, rounds_oauth_loopback, G_TYPE_OBJECT)

/* ------------------------------------------------------------------ */
/* Pure helpers                                                         */

static char *
base64url (const guint8 *data,
           gsize         length)
{
  char *text = g_base64_encode (data, length);
  char *eq;

  for (char *c = text; *c != '\0'; c++)
    {
      if (*c == '+')
        *c = '-';
      else if (*c == '/')
        *c = '_';
    }
  if ((eq = strchr (text, '=')) != NULL)
    *eq = '\0';
  return text;
}

char *
rounds_oauth_random_token (gsize n_bytes)
{
  g_autofree guint8 *bytes = g_malloc (n_bytes);
  gsize filled = 0;

  g_return_val_if_fail (n_bytes > 0 && n_bytes <= 256, NULL);

  /* State and verifier must be unguessable: the kernel's CSPRNG, not
   * g_random. */
  while (filled < n_bytes)
    {
      ssize_t got = getrandom (bytes + filled, n_bytes - filled, 0);

      if (got < 0)
        g_error ("getrandom failed");   /* cannot sign in safely without it */
      filled += got;
    }
  return base64url (bytes, n_bytes);
}

char *
rounds_oauth_pkce_challenge (const char *verifier)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize length = sizeof digest;

  g_return_val_if_fail (verifier != NULL, NULL);

  g_checksum_update (checksum, (const guchar *) verifier, strlen (verifier));
  g_checksum_get_digest (checksum, digest, &length);
  return base64url (digest, length);
}

/* ------------------------------------------------------------------ */
/* The wait                                                             */

static void
finish_wait (RoundsOAuthLoopback *self,
             char                *code,
             GError              *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->waiting);

  if (task == NULL)
    {
      g_free (code);
      g_clear_error (&error);
      return;
    }

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->cancelled_id != 0)
    {
      g_cancellable_disconnect (g_task_get_cancellable (task), self->cancelled_id);
      self->cancelled_id = 0;
    }

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, code, g_free);
}

static void
respond_page (SoupServerMessage *message,
              guint              status,
              const char        *title,
              const char        *text)
{
  g_autofree char *title_e = g_markup_escape_text (title, -1);
  g_autofree char *text_e = g_markup_escape_text (text, -1);
  char *page = g_strdup_printf ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
                                "<title>%s</title></head><body style=\"font-family: sans-serif; "
                                "margin: 4em auto; max-width: 32em\"><h1>%s</h1><p>%s</p>"
                                "</body></html>\n", title_e, title_e, text_e);

  soup_server_message_set_status (message, status, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (message),
                                "Cache-Control", "no-store");
  soup_server_message_set_response (message, "text/html; charset=utf-8", SOUP_MEMORY_TAKE,
                                    page, strlen (page));
}

typedef struct
{
  RoundsOAuthLoopback *self;
  char                *code;
  GError              *error;
} Completion;

static gboolean
complete_idle (gpointer user_data)
{
  Completion *completion = user_data;

  /* A wait that already ended (cancelled, timed out) ignores this. */
  if (completion->self->waiting != NULL)
    {
      finish_wait (completion->self, completion->code, completion->error);
      rounds_oauth_loopback_stop (completion->self);
    }
  else
    {
      g_free (completion->code);
      g_clear_error (&completion->error);
    }
  g_object_unref (completion->self);
  g_free (completion);
  return G_SOURCE_REMOVE;
}

static void
callback_cb (SoupServer        *server,
             SoupServerMessage *message,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  RoundsOAuthLoopback *self = user_data;
  const char *state = query ? g_hash_table_lookup (query, "state") : NULL;
  const char *code = query ? g_hash_table_lookup (query, "code") : NULL;
  const char *error = query ? g_hash_table_lookup (query, "error") : NULL;
  Completion *completion;

  if (!g_str_equal (path, ROUNDS_OAUTH_LOOPBACK_PATH)
      || !g_str_equal (soup_server_message_get_method (message), "GET"))
    {
      respond_page (message, 404, _("Not found"), _("Rounds has nothing here."));
      return;
    }

  /* Only the browser we sent can know the state. */
  if (self->waiting == NULL || state == NULL || self->state == NULL
      || !g_str_equal (state, self->state))
    {
      g_debug ("Ignored a sign-in redirect with a wrong or missing state");
      respond_page (message, 400, _("Sign-in not recognised"),
                    _("This sign-in link does not belong to the sign-in Rounds is waiting for. "
                      "Go back to Rounds and start again."));
      return;
    }

  completion = g_new0 (Completion, 1);
  completion->self = g_object_ref (self);
  if (error != NULL)
    {
      g_autofree char *shown = g_utf8_make_valid (error, MIN (strlen (error), 64));

      respond_page (message, 200, _("Sign-in cancelled"),
                    _("Rounds was not allowed to connect. You can close this tab."));
      /* Translators: %s is the OAuth error code, e.g. access_denied */
      completion->error = g_error_new (ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_REJECTED,
                                       _("The server did not let Rounds connect (%s)."), shown);
    }
  else if (code == NULL || code[0] == '\0')
    {
      respond_page (message, 400, _("Sign-in failed"),
                    _("The server sent no authorization code. Go back to Rounds and try again."));
      completion->error = g_error_new_literal (ROUNDS_CONNECTOR_ERROR,
                                               ROUNDS_CONNECTOR_ERROR_MALFORMED,
                                               _("The server sent no authorization code."));
    }
  else
    {
      respond_page (message, 200, _("Signed in"),
                    _("Rounds is connected. You can close this tab and go back to Rounds."));
      completion->code = g_strdup (code);
    }

  /* Answer the browser first; finish (and stop the server) after. */
  g_idle_add (complete_idle, completion);
}

static gboolean
on_wait_timeout (gpointer user_data)
{
  RoundsOAuthLoopback *self = user_data;

  self->timeout_id = 0;
  finish_wait (self, NULL,
               g_error_new_literal (ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_TRANSIENT,
                                    _("The sign-in in the browser was not finished in time.")));
  rounds_oauth_loopback_stop (self);
  return G_SOURCE_REMOVE;
}

static gboolean
cancelled_idle (gpointer user_data)
{
  RoundsOAuthLoopback *self = user_data;

  finish_wait (self, NULL, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                _("The sign-in was cancelled.")));
  rounds_oauth_loopback_stop (self);
  return G_SOURCE_REMOVE;
}

static void
on_cancelled (GCancellable *cancellable,
              gpointer      user_data)
{
  /* Not from inside the cancel handler: g_cancellable_disconnect would
   * deadlock there. */
  g_idle_add_full (G_PRIORITY_DEFAULT, cancelled_idle, g_object_ref (user_data), g_object_unref);
}

/* ------------------------------------------------------------------ */

static void
rounds_oauth_loopback_dispose (GObject *object)
{
  RoundsOAuthLoopback *self = ROUNDS_OAUTH_LOOPBACK (object);

  rounds_oauth_loopback_stop (self);

  G_OBJECT_CLASS (rounds_oauth_loopback_parent_class)->dispose (object);
}

static void
rounds_oauth_loopback_finalize (GObject *object)
{
  RoundsOAuthLoopback *self = ROUNDS_OAUTH_LOOPBACK (object);

  g_free (self->redirect_uri);
  g_free (self->state);
  g_free (self->verifier);

  G_OBJECT_CLASS (rounds_oauth_loopback_parent_class)->finalize (object);
}

static void
rounds_oauth_loopback_class_init (RoundsOAuthLoopbackClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rounds_oauth_loopback_dispose;
  object_class->finalize = rounds_oauth_loopback_finalize;
}

static void
rounds_oauth_loopback_init (RoundsOAuthLoopback *self)
{
  self->wait_timeout = ROUNDS_OAUTH_DEFAULT_WAIT;
}

RoundsOAuthLoopback *
rounds_oauth_loopback_new (void)
{
  return g_object_new (ROUNDS_TYPE_OAUTH_LOOPBACK, NULL);
}

gboolean
rounds_oauth_loopback_start (RoundsOAuthLoopback  *self,
                             GError              **error)
{
  GSList *uris;

  g_return_val_if_fail (ROUNDS_IS_OAUTH_LOOPBACK (self), FALSE);
  g_return_val_if_fail (self->server == NULL, FALSE);

  self->server = soup_server_new ("server-header", "Rounds", NULL);
  soup_server_add_handler (self->server, NULL, callback_cb, self, NULL);
  /* IPv4 loopback only: nothing on the network can reach it. */
  if (!soup_server_listen_local (self->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, error))
    {
      g_clear_object (&self->server);
      return FALSE;
    }

  uris = soup_server_get_uris (self->server);
  g_free (self->redirect_uri);
  self->redirect_uri = g_strdup_printf ("http://127.0.0.1:%d" ROUNDS_OAUTH_LOOPBACK_PATH,
                                        g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_free (self->state);
  self->state = rounds_oauth_random_token (24);
  g_free (self->verifier);
  self->verifier = rounds_oauth_random_token (48);   /* 64 characters, within 43…128 */
  return TRUE;
}

void
rounds_oauth_loopback_stop (RoundsOAuthLoopback *self)
{
  g_return_if_fail (ROUNDS_IS_OAUTH_LOOPBACK (self));

  if (self->waiting != NULL)
    finish_wait (self, NULL, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                  _("The sign-in was cancelled.")));
  if (self->server != NULL)
    {
      soup_server_disconnect (self->server);
      g_clear_object (&self->server);
    }
}

gboolean
rounds_oauth_loopback_is_running (RoundsOAuthLoopback *self)
{
  g_return_val_if_fail (ROUNDS_IS_OAUTH_LOOPBACK (self), FALSE);

  return self->server != NULL;
}

const char *
rounds_oauth_loopback_get_redirect_uri (RoundsOAuthLoopback *self)
{
  g_return_val_if_fail (ROUNDS_IS_OAUTH_LOOPBACK (self), NULL);

  return self->redirect_uri;
}

const char *
rounds_oauth_loopback_get_state (RoundsOAuthLoopback *self)
{
  g_return_val_if_fail (ROUNDS_IS_OAUTH_LOOPBACK (self), NULL);

  return self->state;
}

const char *
rounds_oauth_loopback_get_code_verifier (RoundsOAuthLoopback *self)
{
  g_return_val_if_fail (ROUNDS_IS_OAUTH_LOOPBACK (self), NULL);

  return self->verifier;
}

char *
rounds_oauth_loopback_build_authorize_url (RoundsOAuthLoopback *self,
                                           const char          *authorize_endpoint,
                                           const char          *client_id,
                                           const char          *scope)
{
  g_autofree char *challenge = NULL;
  g_autofree char *client_e = NULL;
  g_autofree char *redirect_e = NULL;
  g_autofree char *scope_e = NULL;
  g_autofree char *state_e = NULL;

  g_return_val_if_fail (ROUNDS_IS_OAUTH_LOOPBACK (self), NULL);
  g_return_val_if_fail (self->redirect_uri != NULL, NULL);
  g_return_val_if_fail (authorize_endpoint != NULL && client_id != NULL, NULL);

  challenge = rounds_oauth_pkce_challenge (self->verifier);
  client_e = g_uri_escape_string (client_id, NULL, FALSE);
  redirect_e = g_uri_escape_string (self->redirect_uri, NULL, FALSE);
  scope_e = g_uri_escape_string (scope ? scope : "", NULL, FALSE);
  state_e = g_uri_escape_string (self->state, NULL, FALSE);

  return g_strdup_printf ("%s%sresponse_type=code&client_id=%s&redirect_uri=%s&scope=%s"
                          "&state=%s&code_challenge=%s&code_challenge_method=S256",
                          authorize_endpoint, strchr (authorize_endpoint, '?') ? "&" : "?",
                          client_e, redirect_e, scope_e, state_e, challenge);
}

void
rounds_oauth_loopback_set_wait_timeout (RoundsOAuthLoopback *self,
                                        guint                seconds)
{
  g_return_if_fail (ROUNDS_IS_OAUTH_LOOPBACK (self));

  self->wait_timeout = MAX (seconds, 1);
}

void
rounds_oauth_loopback_wait_async (RoundsOAuthLoopback *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ROUNDS_IS_OAUTH_LOOPBACK (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rounds_oauth_loopback_wait_async);

  if (self->server == NULL || self->waiting != NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                               _("The sign-in is not ready."));
      return;
    }

  self->waiting = g_steal_pointer (&task);
  self->timeout_id = g_timeout_add_seconds (self->wait_timeout, on_wait_timeout, self);
  if (cancellable != NULL)
    self->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (on_cancelled), self, NULL);
}

char *
rounds_oauth_loopback_wait_finish (RoundsOAuthLoopback  *self,
                                   GAsyncResult         *result,
                                   GError              **error)
{
  g_return_val_if_fail (ROUNDS_IS_OAUTH_LOOPBACK (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
