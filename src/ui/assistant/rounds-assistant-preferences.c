/* rounds-assistant-preferences.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-assistant-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "rounds-assistant.h"
#include "rounds-assistant-preferences.h"

/* Preferences → Writing Assistant. Off by default. The address and the
 * model are settings of this computer; the key goes to the keyring as
 * soon as the field is left (never into GSettings or the database). */

typedef struct
{
  GSettings     *settings;
  RoundsSecrets *secrets;
  GtkWidget     *url_row;
  GtkWidget     *key_row;
  GtkWidget     *cloud_row;
} Page;

static void
page_free (Page *page)
{
  g_clear_object (&page->settings);
  g_clear_object (&page->secrets);
  g_free (page);
}

static void
update_cloud_warning (Page *page)
{
  g_autofree char *url = g_settings_get_string (page->settings, "assistant-url");

  gtk_widget_set_visible (page->cloud_row,
                          url[0] != '\0' && !rounds_assistant_url_is_local (url));
}

static void
on_url_changed_cb (GtkEditable *editable,
                   Page        *page)
{
  g_autofree char *url = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  g_settings_set_string (page->settings, "assistant-url", url);
  update_cloud_warning (page);
}

static void
on_model_changed_cb (GtkEditable *editable,
                     Page        *page)
{
  g_autofree char *model = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  g_settings_set_string (page->settings, "assistant-model", model);
}

static void
key_stored_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!rounds_secrets_store_finish (ROUNDS_SECRETS (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not keep the writing assistant's key: %s", error->message);
}

static void
key_cleared_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!rounds_secrets_clear_finish (ROUNDS_SECRETS (source), result, &error))
    g_warning ("Could not remove the writing assistant's key: %s", error->message);
}

/* The key is kept when the user presses Enter or "Apply" on the row
 * (an empty one removes it). It is never shown again: nothing reads the
 * keyring until the assistant is used. */
static void
on_key_apply_cb (AdwEntryRow *row,
                 Page        *page)
{
  const char *key = gtk_editable_get_text (GTK_EDITABLE (row));

  if (key[0] == '\0')
    rounds_secrets_clear_async (page->secrets, ROUNDS_ASSISTANT_SECRET_ID, NULL, key_cleared_cb,
                                NULL);
  else
    rounds_secrets_store_async (page->secrets, ROUNDS_ASSISTANT_SECRET_ID,
                                _("Rounds writing assistant key"), key, NULL, key_stored_cb,
                                NULL);
}

void
rounds_assistant_preferences_add (AdwPreferencesWindow *window,
                                  GSettings            *settings,
                                  RoundsSecrets        *secrets)
{
  Page *page = g_new0 (Page, 1);
  GtkWidget *pref_page = adw_preferences_page_new ();
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *server_group = adw_preferences_group_new ();
  GtkWidget *enabled_row = adw_action_row_new ();
  GtkWidget *enabled_switch = gtk_switch_new ();
  GtkWidget *model_row = adw_entry_row_new ();
  GtkWidget *log_row = adw_action_row_new ();
  g_autofree char *url = g_settings_get_string (settings, "assistant-url");
  g_autofree char *model = g_settings_get_string (settings, "assistant-model");
  g_autofree char *log_path = rounds_assistant_dup_log_path ();
  g_autofree char *log_text = NULL;

  page->settings = g_object_ref (settings);
  page->secrets = g_object_ref (secrets);
  g_object_weak_ref (G_OBJECT (pref_page), (GWeakNotify)page_free, page);

  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (pref_page), _("Assistant"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (pref_page), "document-edit-symbolic");
  adw_preferences_page_set_name (ADW_PREFERENCES_PAGE (pref_page), "assistant");

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Writing Assistant"));
  adw_preferences_group_set_description (
    ADW_PREFERENCES_GROUP (group),
    _("Drafting help in the post editor from a language model the practice chooses: one "
      "running on an office computer, or a cloud service. Rounds checks every request first "
      "and never sends text that could identify a patient."));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (enabled_row), _("Use a Writing Assistant"));
  gtk_widget_set_valign (enabled_switch, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (enabled_row), enabled_switch);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (enabled_row), enabled_switch);
  g_settings_bind (settings, "assistant-enabled", enabled_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), enabled_row);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (pref_page), ADW_PREFERENCES_GROUP (group));

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (server_group), _("Server"));
  adw_preferences_group_set_description (
    ADW_PREFERENCES_GROUP (server_group),
    _("Any server that speaks the OpenAI chat-completions API: llama.cpp, Ollama and "
      "LocalAI do."));
  g_settings_bind (settings, "assistant-enabled", server_group, "sensitive",
                   G_SETTINGS_BIND_GET);

  page->url_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (page->url_row), _("Address"));
  gtk_editable_set_text (GTK_EDITABLE (page->url_row), url);
  g_signal_connect (page->url_row, "changed", G_CALLBACK (on_url_changed_cb), page);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (server_group), page->url_row);

  page->cloud_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (page->cloud_row),
                                 _("This address is outside your office"));
  adw_action_row_set_subtitle (
    ADW_ACTION_ROW (page->cloud_row),
    _("Before any patient information could go to a cloud service, the practice needs a "
      "business associate agreement with its provider. Rounds sends no text that could "
      "identify a patient, but the rest of each post does leave the office."));
  adw_action_row_add_prefix (ADW_ACTION_ROW (page->cloud_row),
                             gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
  gtk_widget_add_css_class (page->cloud_row, "warning");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (server_group), page->cloud_row);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (model_row), _("Model"));
  gtk_editable_set_text (GTK_EDITABLE (model_row), model);
  g_signal_connect (model_row, "changed", G_CALLBACK (on_model_changed_cb), page);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (server_group), model_row);

  page->key_row = adw_password_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (page->key_row), _("Key (if the server needs one)"));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (page->key_row), TRUE);
  g_signal_connect (page->key_row, "apply", G_CALLBACK (on_key_apply_cb), page);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (server_group), page->key_row);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (log_row), _("What Was Sent"));
  log_text = g_strdup_printf (_("Every request is listed in %s: when, where to, its size and "
                                "what the check found — never its text."), log_path);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (log_row), log_text);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (server_group), log_row);

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (pref_page), ADW_PREFERENCES_GROUP (server_group));
  update_cloud_warning (page);
  adw_preferences_window_add (window, ADW_PREFERENCES_PAGE (pref_page));
}
