/* rounds-account-flow-mastodon.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-accounts-page"

#include "config.h"

#include <glib/gi18n.h>

#include "rounds-accounts-page-private.h"
#include "rounds-mastodon-sign-in.h"

/* Mastodon signs in in the browser (the core's OAuth loopback flow,
 * RoundsMastodonSignIn): the page asks for the server, opens the browser
 * at the server's authorize page, and when the sign-in comes back to the
 * loopback address the tokens are kept. Reconnecting signs in again at
 * the account's own server. */

typedef struct
{
  RoundsAccountsPage   *page;
  RoundsMastodonSignIn *sign_in;
  gint64                account_id;   /* 0: a new account */
} SignIn;

static void
sign_in_free (SignIn *data)
{
  g_clear_object (&data->page);
  g_clear_object (&data->sign_in);
  g_free (data);
}

static void
on_sign_in_complete_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  SignIn *data = user_data;
  g_autoptr(RoundsAccountInfo) info = NULL;
  g_autofree char *credentials = NULL;
  g_autoptr(GError) error = NULL;

  if (!rounds_mastodon_sign_in_complete_finish (data->sign_in, result, &credentials, &info,
                                                &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _rounds_accounts_page_toast (data->page, error->message);
      sign_in_free (data);
      return;
    }

  _rounds_accounts_page_keep_sign_in (data->page, ROUNDS_NETWORK_MASTODON, data->account_id,
                                      rounds_mastodon_sign_in_get_base_url (data->sign_in),
                                      credentials, info);
  sign_in_free (data);
}

static void
on_sign_in_begun_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  SignIn *data = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  url = rounds_mastodon_sign_in_begin_finish (data->sign_in, result, &error);
  if (url == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _rounds_accounts_page_toast (data->page, error->message);
      sign_in_free (data);
      return;
    }

  _rounds_accounts_page_toast (data->page,
                               _("Finish signing in in your browser, then come back here"));
  rounds_mastodon_sign_in_complete_async (data->sign_in,
                                          _rounds_accounts_page_get_cancellable (data->page),
                                          on_sign_in_complete_cb, data);
  _rounds_accounts_page_open_browser (data->page, url);
}

static void
start_sign_in (RoundsAccountsPage *page,
               const char         *server,
               gint64              account_id)
{
  g_autoptr(GError) error = NULL;
  RoundsMastodonSignIn *sign_in = rounds_mastodon_sign_in_new (server, &error);
  SignIn *data;

  if (sign_in == NULL)
    {
      _rounds_accounts_page_toast (page, error->message);
      return;
    }

  data = g_new0 (SignIn, 1);
  data->page = g_object_ref (page);
  data->sign_in = sign_in;
  data->account_id = account_id;
  rounds_mastodon_sign_in_begin_async (sign_in, _rounds_accounts_page_get_cancellable (page),
                                       on_sign_in_begun_cb, data);
}

static void
on_server_response_cb (AdwMessageDialog   *dialog,
                       const char         *response,
                       RoundsAccountsPage *page)
{
  GtkWidget *entry = adw_message_dialog_get_extra_child (dialog);

  if (g_strcmp0 (response, "sign-in") == 0)
    start_sign_in (page, gtk_editable_get_text (GTK_EDITABLE (entry)), 0);
}

static void
mastodon_add (RoundsAccountsPage *page)
{
  GtkWidget *dialog, *entry;

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (page))),
                                   _("Add a Mastodon Account"),
                                   _("Type the server your account is on, such as "
                                     "mastodon.social. Rounds opens your browser to sign in "
                                     "there; your password is never given to Rounds."));
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), "mastodon.social");
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_URL);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Server"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "sign-in", _("_Sign In…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "sign-in",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "sign-in");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_server_response_cb), page, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
mastodon_reconnect (RoundsAccountsPage *page,
                    RoundsAccount      *account)
{
  start_sign_in (page, rounds_account_get_base_url (account), rounds_account_get_id (account));
}

const RoundsAccountFlow _rounds_mastodon_account_flow = {
  .network = ROUNDS_NETWORK_MASTODON,
  .add = mastodon_add,
  .reconnect = mastodon_reconnect,
};
