/* rounds-channels-preferences.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-channels-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "rounds-channels-preferences.h"
#include "rounds-secrets.h"

/* Preferences → Website: the Atom feed of published posts that the
 * practice's website shows. Settings are this computer's; the password
 * of a WebDAV or SFTP location goes to the keyring when its row is
 * applied, never into GSettings. */

typedef struct
{
  GSettings         *settings;
  RoundsFeedService *service;
  RoundsSecrets     *secrets;
  GtkWidget         *location_row;
  GtkWidget         *status_row;
  GtkWidget         *status_icon;
  GtkFileChooserNative *chooser;
} Page;

static void
page_free (Page *page)
{
  if (page->service != NULL)
    g_signal_handlers_disconnect_by_data (page->service, page);
  g_clear_object (&page->settings);
  g_clear_object (&page->service);
  g_clear_object (&page->secrets);
  g_clear_object (&page->chooser);
  g_free (page);
}

static void
update_status (Page *page)
{
  const char *status = page->service != NULL ? rounds_feed_service_get_status (page->service)
                                             : NULL;

  adw_action_row_set_subtitle (ADW_ACTION_ROW (page->status_row),
                               status != NULL ? status : _("Not written yet."));
  gtk_widget_set_visible (page->status_icon,
                          page->service != NULL && rounds_feed_service_get_failed (page->service));
}

/* A text setting, edited in place (the service trims spaces). */
static GtkWidget *
entry_row (Page       *page,
           const char *title,
           const char *key)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  g_settings_bind (page->settings, key, row, "text", G_SETTINGS_BIND_DEFAULT);
  return row;
}

static void
on_chooser_response_cb (GtkNativeDialog *dialog,
                        int              response,
                        Page            *page)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = folder != NULL ? g_file_get_path (folder) : NULL;
      g_autofree char *uri = folder != NULL && path == NULL ? g_file_get_uri (folder) : NULL;

      if (path != NULL || uri != NULL)
        gtk_editable_set_text (GTK_EDITABLE (page->location_row), path != NULL ? path : uri);
    }
  g_clear_object (&page->chooser);
}

static void
on_choose_clicked_cb (GtkButton *button,
                      Page      *page)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (button));

  g_clear_object (&page->chooser);
  page->chooser = gtk_file_chooser_native_new (_("Folder for the Feed"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                               _("_Choose"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (page->chooser), TRUE);
  g_signal_connect (page->chooser, "response", G_CALLBACK (on_chooser_response_cb), page);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (page->chooser));
}

static void
password_stored_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(RoundsFeedService) service = user_data;
  g_autoptr(GError) error = NULL;

  if (!rounds_secrets_store_finish (ROUNDS_SECRETS (source), result, &error))
    g_warning ("Could not keep the feed location's password: %s", error->message);
  if (service != NULL)
    rounds_feed_service_reload (service);
}

static void
password_cleared_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(RoundsFeedService) service = user_data;
  g_autoptr(GError) error = NULL;

  if (!rounds_secrets_clear_finish (ROUNDS_SECRETS (source), result, &error))
    g_warning ("Could not remove the feed location's password: %s", error->message);
  if (service != NULL)
    rounds_feed_service_reload (service);
}

static void
on_password_apply_cb (AdwEntryRow *row,
                      Page        *page)
{
  const char *password = gtk_editable_get_text (GTK_EDITABLE (row));
  gpointer service = page->service != NULL ? g_object_ref (page->service) : NULL;

  if (password[0] == '\0')
    rounds_secrets_clear_async (page->secrets, ROUNDS_FEED_SECRET_ID, NULL, password_cleared_cb,
                                service);
  else
    rounds_secrets_store_async (page->secrets, ROUNDS_FEED_SECRET_ID,
                                _("Rounds feed location password"), password, NULL,
                                password_stored_cb, service);
}

static void
on_network_selected_cb (AdwComboRow *row,
                        GParamSpec  *pspec,
                        Page        *page)
{
  guint selected = adw_combo_row_get_selected (row);

  g_settings_set_string (page->settings, "feed-network",
                         selected == 0 || selected == GTK_INVALID_LIST_POSITION
                           ? "all" : rounds_network_to_string (rounds_network_from_index (selected - 1)));
}

static void
on_write_clicked_cb (GtkButton *button,
                     Page      *page)
{
  if (page->service == NULL)
    return;
  adw_action_row_set_subtitle (ADW_ACTION_ROW (page->status_row), _("Writing…"));
  gtk_widget_set_visible (page->status_icon, FALSE);
  rounds_feed_service_write_now (page->service);
}

void
rounds_channels_preferences_add (AdwPreferencesWindow *window,
                                 GSettings            *settings,
                                 RoundsFeedService    *service)
{
  Page *page = g_new0 (Page, 1);
  GtkWidget *pref_page = adw_preferences_page_new ();
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *where_group = adw_preferences_group_new ();
  GtkWidget *enabled_row = adw_action_row_new ();
  GtkWidget *enabled_switch = gtk_switch_new ();
  GtkWidget *choose = gtk_button_new_from_icon_name ("folder-open-symbolic");
  GtkWidget *network_row = adw_combo_row_new ();
  GtkWidget *password_row = adw_password_entry_row_new ();
  GtkWidget *write = gtk_button_new_with_mnemonic (_("_Write Now"));
  g_autoptr(GtkStringList) networks = gtk_string_list_new (NULL);
  g_autofree char *network = g_settings_get_string (settings, "feed-network");
  gboolean usable = service != NULL && !rounds_context_is_sample (rounds_feed_service_get_context (service));

  page->settings = g_object_ref (settings);
  page->service = service != NULL ? g_object_ref (service) : NULL;
  page->secrets = rounds_secrets_new ();
  g_object_weak_ref (G_OBJECT (pref_page), (GWeakNotify)page_free, page);

  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (pref_page), _("Website"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (pref_page), "web-browser-symbolic");
  adw_preferences_page_set_name (ADW_PREFERENCES_PAGE (pref_page), "website");

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Feed of Published Posts"));
  adw_preferences_group_set_description (
    ADW_PREFERENCES_GROUP (group),
    usable ? _("An Atom feed of the posts you published, for the practice's website to show the "
               "latest ones. Rounds writes it again each time a post is published.")
           : _("An Atom feed of the posts you published, for the practice's website. Open your "
               "own practice to set it up: the sample practice writes no feed."));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (enabled_row), _("Write a Feed"));
  gtk_widget_set_valign (enabled_switch, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (enabled_row), enabled_switch);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (enabled_row), enabled_switch);
  g_settings_bind (settings, "feed-enabled", enabled_switch, "active", G_SETTINGS_BIND_DEFAULT);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), enabled_row);
  gtk_widget_set_sensitive (group, usable);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (pref_page), ADW_PREFERENCES_GROUP (group));

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (where_group), _("Where It Goes"));
  adw_preferences_group_set_description (
    ADW_PREFERENCES_GROUP (where_group),
    _("A folder the website serves, or a WebDAV or SFTP address such as "
      "davs://www.clinic.example/site or sftp://clinic.example/var/www."));
  if (usable)
    g_settings_bind (settings, "feed-enabled", where_group, "sensitive", G_SETTINGS_BIND_GET);
  else
    gtk_widget_set_sensitive (where_group, FALSE);

  page->location_row = entry_row (page, _("Folder or Address"), "feed-location");
  gtk_widget_set_valign (choose, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (choose, "flat");
  gtk_widget_set_tooltip_text (choose, _("Choose Folder"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (choose), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Choose a folder for the feed"), -1);
  g_signal_connect (choose, "clicked", G_CALLBACK (on_choose_clicked_cb), page);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (page->location_row), choose);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (where_group), page->location_row);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (network_row), _("Posts"));
  gtk_string_list_append (networks, _("All networks"));
  for (guint i = 0; i < ROUNDS_N_NETWORKS; i++)
    gtk_string_list_append (networks, rounds_network_get_label (rounds_network_from_index (i)));
  adw_combo_row_set_model (ADW_COMBO_ROW (network_row), G_LIST_MODEL (networks));
  for (guint i = 0; i < ROUNDS_N_NETWORKS; i++)
    if (g_strcmp0 (network, rounds_network_to_string (rounds_network_from_index (i))) == 0)
      adw_combo_row_set_selected (ADW_COMBO_ROW (network_row), i + 1);
  g_signal_connect (network_row, "notify::selected", G_CALLBACK (on_network_selected_cb), page);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (where_group), network_row);

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (where_group),
                             entry_row (page, _("Public Address of the Feed (optional)"),
                                        "feed-public-url"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (where_group),
                             entry_row (page, _("User Name (WebDAV or SFTP)"), "feed-user"));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (password_row),
                                 _("Password (WebDAV or SFTP)"));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (password_row), TRUE);
  g_signal_connect (password_row, "apply", G_CALLBACK (on_password_apply_cb), page);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (where_group), password_row);

  page->status_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (page->status_row), _("Last Write"));
  page->status_icon = gtk_image_new_from_icon_name ("dialog-error-symbolic");
  gtk_widget_add_css_class (page->status_icon, "error");
  gtk_accessible_update_property (GTK_ACCESSIBLE (page->status_icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Failed"), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (page->status_row), page->status_icon);
  gtk_widget_set_valign (write, GTK_ALIGN_CENTER);
  g_signal_connect (write, "clicked", G_CALLBACK (on_write_clicked_cb), page);
  adw_action_row_add_suffix (ADW_ACTION_ROW (page->status_row), write);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (where_group), page->status_row);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (pref_page), ADW_PREFERENCES_GROUP (where_group));

  if (page->service != NULL)
    g_signal_connect_swapped (page->service, "notify::status", G_CALLBACK (update_status), page);
  update_status (page);
  adw_preferences_window_add (window, ADW_PREFERENCES_PAGE (pref_page));
}
