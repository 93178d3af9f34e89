/* rounds-account-flow-dialogs.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-accounts-page"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "rounds-accounts-page-private.h"

/* The two dialogs the browser sign-ins share (Facebook, Instagram,
 * LinkedIn, Google): the practice's own app (its id and, optionally, its
 * secret, with where to get them), and the choice of what to publish as
 * once the person has signed in. */

/* ------------------------------------------------------------------ */
/* The practice's app                                                   */

typedef struct
{
  RoundsAccountsPage   *page;
  char                 *heading;
  char                 *body;
  char                 *help_uri;
  char                 *id_label;
  char                 *secret_label;
  RoundsAccountAppFunc  callback;
  gpointer              user_data;
  GtkWidget            *id_entry;
  GtkWidget            *secret_entry;
  gboolean              answered;
} AskApp;

static void
ask_app_free (AskApp *ask)
{
  /* Closed without an answer (Escape, the window went away): cancelled. */
  if (!ask->answered)
    ask->callback (ask->page, NULL, NULL, ask->user_data);
  g_clear_object (&ask->page);
  g_free (ask->heading);
  g_free (ask->body);
  g_free (ask->help_uri);
  g_free (ask->id_label);
  g_free (ask->secret_label);
  g_free (ask);
}

static void
on_app_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    AskApp           *ask)
{
  if (ask->answered)
    return;
  ask->answered = TRUE;
  if (g_strcmp0 (response, "sign-in") == 0)
    ask->callback (ask->page, gtk_editable_get_text (GTK_EDITABLE (ask->id_entry)),
                   gtk_editable_get_text (GTK_EDITABLE (ask->secret_entry)), ask->user_data);
  else
    ask->callback (ask->page, NULL, NULL, ask->user_data);
}

static void
show_app_dialog (AskApp     *ask,
                 const char *app_id,
                 const char *app_secret)
{
  GtkWidget *dialog, *box, *link;

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (ask->page))),
                                   ask->heading, ask->body);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  ask->id_entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (ask->id_entry), ask->id_label);
  gtk_entry_set_activates_default (GTK_ENTRY (ask->id_entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (ask->id_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  ask->id_label, -1);
  if (app_id != NULL)
    gtk_editable_set_text (GTK_EDITABLE (ask->id_entry), app_id);
  gtk_box_append (GTK_BOX (box), ask->id_entry);

  ask->secret_entry = gtk_password_entry_new ();
  gtk_password_entry_set_show_peek_icon (GTK_PASSWORD_ENTRY (ask->secret_entry), TRUE);
  g_object_set (ask->secret_entry, "placeholder-text", ask->secret_label,
                "activates-default", TRUE, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (ask->secret_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, ask->secret_label, -1);
  if (app_secret != NULL)
    gtk_editable_set_text (GTK_EDITABLE (ask->secret_entry), app_secret);
  gtk_box_append (GTK_BOX (box), ask->secret_entry);

  link = gtk_link_button_new_with_label (ask->help_uri, _("How to get these"));
  gtk_widget_set_halign (link, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (box), link);

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "sign-in", _("_Sign In…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "sign-in",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "sign-in");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_app_response_cb), ask,
                         (GClosureNotify) (void (*) (void)) ask_app_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (ask->id_entry);
}

static void
on_kept_app_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  AskApp *ask = user_data;
  g_autofree char *credentials = rounds_secrets_lookup_finish (ROUNDS_SECRETS (source), result,
                                                               NULL);
  g_autoptr(JsonNode) root = credentials ? json_from_string (credentials, NULL) : NULL;
  JsonObject *object = root && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  const char *id = NULL;
  const char *secret = NULL;

  if (object != NULL)
    {
      id = json_object_get_string_member_with_default (object, "app_id",
             json_object_get_string_member_with_default (object, "client_id", NULL));
      secret = json_object_get_string_member_with_default (object, "app_secret",
                 json_object_get_string_member_with_default (object, "client_secret", NULL));
    }
  show_app_dialog (ask, id, secret);
  if (credentials != NULL)
    memset (credentials, 0, strlen (credentials));
}

void
_rounds_accounts_page_ask_app (RoundsAccountsPage   *self,
                               RoundsAccount        *account,
                               const char           *heading,
                               const char           *body,
                               const char           *help_uri,
                               const char           *id_label,
                               const char           *secret_label,
                               RoundsAccountAppFunc  callback,
                               gpointer              user_data)
{
  AskApp *ask = g_new0 (AskApp, 1);

  ask->page = g_object_ref (self);
  ask->heading = g_strdup (heading);
  ask->body = g_strdup (body);
  ask->help_uri = g_strdup (help_uri);
  ask->id_label = g_strdup (id_label);
  ask->secret_label = g_strdup (secret_label);
  ask->callback = callback;
  ask->user_data = user_data;

  if (account == NULL)
    show_app_dialog (ask, NULL, NULL);
  else
    rounds_secrets_lookup_async (_rounds_accounts_page_get_secrets (self),
                                 rounds_account_get_secret_id (account),
                                 _rounds_accounts_page_get_cancellable (self),
                                 on_kept_app_cb, ask);
}

/* ------------------------------------------------------------------ */
/* What to publish as                                                   */

typedef struct
{
  RoundsAccountsPage      *page;
  GPtrArray               *ids;
  GPtrArray               *checks;
  RoundsAccountChosenFunc  callback;
  gpointer                 user_data;
  gboolean                 answered;
} Choose;

static void
choose_free (Choose *choose)
{
  if (!choose->answered)
    choose->callback (choose->page, NULL, choose->user_data);
  g_clear_object (&choose->page);
  g_ptr_array_unref (choose->ids);
  g_ptr_array_unref (choose->checks);
  g_free (choose);
}

static void
on_choose_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       Choose           *choose)
{
  const char *id = NULL;

  if (choose->answered)
    return;
  choose->answered = TRUE;
  for (guint i = 0; g_strcmp0 (response, "connect") == 0 && i < choose->checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (choose->checks, i)))
      id = g_ptr_array_index (choose->ids, i);
  choose->callback (choose->page, id, choose->user_data);
}

void
_rounds_accounts_page_choose (RoundsAccountsPage        *self,
                              const char                *heading,
                              const char                *body,
                              const RoundsAccountChoice *choices,
                              guint                      n_choices,
                              RoundsAccountChosenFunc    callback,
                              gpointer                   user_data)
{
  Choose *choose = g_new0 (Choose, 1);
  GtkWidget *dialog, *list;
  GtkCheckButton *group = NULL;
  gboolean any = FALSE;

  choose->page = g_object_ref (self);
  choose->ids = g_ptr_array_new_with_free_func (g_free);
  choose->checks = g_ptr_array_new ();
  choose->callback = callback;
  choose->user_data = user_data;

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   heading, body);
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  for (guint i = 0; i < n_choices; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), choices[i].title);
      if (choices[i].subtitle != NULL)
        {
          /* The network's words: shown as they are, never as markup. */
          g_autofree char *escaped = g_markup_escape_text (choices[i].subtitle, -1);

          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
        }
      gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
      group = group ? group : GTK_CHECK_BUTTON (check);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_widget_set_sensitive (row, choices[i].usable);
      if (choices[i].usable && !any)
        {
          gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
          any = TRUE;
        }
      gtk_list_box_append (GTK_LIST_BOX (list), row);
      g_ptr_array_add (choose->ids, g_strdup (choices[i].id));
      g_ptr_array_add (choose->checks, check);
    }

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "connect", _("C_onnect"),
                                    NULL);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "connect", any);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "connect",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "connect");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_choose_response_cb), choose,
                         (GClosureNotify) (void (*) (void)) choose_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
