/* rounds-account-flow-bluesky.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-accounts-page"

#include "config.h"

#include <glib/gi18n.h>

#include "rounds-accounts-page-private.h"
#include "rounds-bluesky-connector.h"

/* Bluesky signs in with a handle (or e-mail) and an app password
 * (com.atproto.server.createSession, through the core's
 * rounds_bluesky_sign_in_async()). The server (PDS) is found from the
 * handle, unless the user types one: an independent server, or an
 * e-mail address whose account is not on bsky.social. Reconnecting signs
 * in at the account's own server and refuses another account. */

typedef struct
{
  RoundsAccountsPage *page;
  gint64              account_id;   /* 0: a new account */
  char               *remote_id;    /* the reconnected account's DID */
  GtkWidget          *identifier;
  GtkWidget          *password;
  GtkWidget          *server;
} SignIn;

static void
sign_in_free (SignIn *data)
{
  g_clear_object (&data->page);
  g_free (data->remote_id);
  g_free (data);
}

static void
on_signed_in_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  SignIn *data = user_data;
  g_autoptr(RoundsAccountInfo) info = NULL;
  g_autofree char *credentials = NULL;
  g_autofree char *base_url = NULL;
  g_autoptr(GError) error = NULL;

  info = rounds_bluesky_sign_in_finish (result, &credentials, &base_url, &error);
  if (info == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _rounds_accounts_page_toast (data->page, error->message);
      sign_in_free (data);
      return;
    }

  if (data->remote_id != NULL && g_strcmp0 (data->remote_id, info->remote_id) != 0)
    {
      g_autofree char *message =
        /* TRANSLATORS: %s is a Bluesky handle */
        g_strdup_printf (_("You signed in as %s, another account: add it as a new account "
                           "instead"), info->handle);

      _rounds_accounts_page_toast (data->page, message);
      sign_in_free (data);
      return;
    }

  _rounds_accounts_page_keep_sign_in (data->page, ROUNDS_NETWORK_BLUESKY, data->account_id,
                                      base_url, credentials, info);
  sign_in_free (data);
}

static void
on_response_cb (AdwMessageDialog *dialog,
                const char       *response,
                SignIn           *data)
{
  g_autofree char *server = NULL;

  if (g_strcmp0 (response, "sign-in") != 0)
    {
      sign_in_free (data);
      return;
    }

  server = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (data->server))));
  _rounds_accounts_page_toast (data->page, _("Signing in to Bluesky…"));
  rounds_bluesky_sign_in_async (server[0] != '\0' ? server : NULL,
                                gtk_editable_get_text (GTK_EDITABLE (data->identifier)),
                                gtk_editable_get_text (GTK_EDITABLE (data->password)),
                                _rounds_accounts_page_get_cancellable (data->page),
                                on_signed_in_cb, data);
}

static GtkWidget *
labelled_entry (GtkWidget  *entry,
                const char *label,
                const char *placeholder)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  gtk_widget_set_tooltip_text (entry, label);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  return entry;
}

static void
ask (RoundsAccountsPage *page,
     RoundsAccount      *account)
{
  GtkWidget *dialog, *box;
  g_autofree char *heading = NULL;
  SignIn *data = g_new0 (SignIn, 1);

  data->page = g_object_ref (page);
  if (account != NULL)
    {
      g_autofree char *label = rounds_account_dup_label (account);

      data->account_id = rounds_account_get_id (account);
      data->remote_id = g_strdup (rounds_account_get_remote_id (account));
      /* TRANSLATORS: "Reconnect Bluesky clinic.bsky.social" */
      heading = g_strdup_printf (_("Reconnect %s"), label);
    }
  else
    heading = g_strdup (_("Add a Bluesky Account"));

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (page))), heading,
                                   _("Sign in with your handle (or e-mail) and an app password "
                                     "made for Rounds in Bluesky’s Settings → Privacy and "
                                     "security → App passwords. Your own password is never "
                                     "needed. Rounds finds your server from the handle; type it "
                                     "only if your account is on an independent server."));

  data->identifier = labelled_entry (gtk_entry_new (), _("Handle or e-mail"),
                                     _("clinic.bsky.social"));
  gtk_entry_set_input_purpose (GTK_ENTRY (data->identifier), GTK_INPUT_PURPOSE_EMAIL);
  /* A hidden GtkEntry: GtkPasswordEntry in GTK 4.8 leaves a keymap
   * handler behind when its dialog is closed. */
  data->password = labelled_entry (gtk_entry_new (), _("App password"), _("App password"));
  gtk_entry_set_visibility (GTK_ENTRY (data->password), FALSE);
  gtk_entry_set_input_purpose (GTK_ENTRY (data->password), GTK_INPUT_PURPOSE_PASSWORD);
  data->server = labelled_entry (gtk_entry_new (), _("Server (optional)"),
                                 _("Server, if not found from the handle"));
  gtk_entry_set_input_purpose (GTK_ENTRY (data->server), GTK_INPUT_PURPOSE_URL);
  gtk_entry_set_activates_default (GTK_ENTRY (data->identifier), TRUE);
  gtk_entry_set_activates_default (GTK_ENTRY (data->server), TRUE);
  gtk_entry_set_activates_default (GTK_ENTRY (data->password), TRUE);

  if (account != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (data->identifier), rounds_account_get_handle (account));
      if (rounds_account_get_base_url (account) != NULL)
        gtk_editable_set_text (GTK_EDITABLE (data->server), rounds_account_get_base_url (account));
    }

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_box_append (GTK_BOX (box), data->identifier);
  gtk_box_append (GTK_BOX (box), data->password);
  gtk_box_append (GTK_BOX (box), data->server);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "sign-in", _("_Sign In"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "sign-in",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "sign-in");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_response_cb), data);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (account != NULL ? data->password : data->identifier);
}

static void
bluesky_add (RoundsAccountsPage *page)
{
  ask (page, NULL);
}

static void
bluesky_reconnect (RoundsAccountsPage *page,
                   RoundsAccount      *account)
{
  ask (page, account);
}

const RoundsAccountFlow _rounds_bluesky_account_flow = {
  .network = ROUNDS_NETWORK_BLUESKY,
  .add = bluesky_add,
  .reconnect = bluesky_reconnect,
};
