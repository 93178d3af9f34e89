/* rounds-preferences-window.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "rounds-accounts-page.h"
#include "rounds-assistant-preferences.h"
#include "rounds-application.h"
#include "rounds-channels-preferences.h"
#include "rounds-consents-page.h"
#include "rounds-insights-preferences.h"
#include "rounds-people-page.h"
#include "rounds-preferences-window.h"
#include "rounds-server-preferences.h"
#include "rounds-toast.h"

/* Preferences: who you are (the name written in the audit log), where
 * the practice's data and backups live, with a Back Up Now button, and
 * the reminders: in the background or not, lead time, kinds, quiet
 * hours and whether notifications may show message text. Every control
 * is bound to its GSettings key; the reminders follow the keys. */

struct _RoundsPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;
  RoundsContext        *context;
  RoundsServerPage     *server_page;  /* owned by its page, which this window holds */

  AdwEntryRow          *user_name_row;
  AdwActionRow         *data_row;
  AdwActionRow         *backups_row;
  GtkButton            *backup_button;
  AdwActionRow         *audit_row;
  GtkButton            *audit_button;

  AdwComboRow          *lead_row;
  GtkWidget            *keep_reminding_switch;
  GtkWidget            *post_soon_switch;
  GtkWidget            *post_due_switch;
  GtkWidget            *post_failed_switch;
  GtkWidget            *plan_tasks_switch;
  GtkWidget            *comments_switch;
  GtkWidget            *quiet_hours_switch;
  GtkWidget            *quiet_start_spin;
  GtkWidget            *inbox_poll_spin;
  GtkWidget            *quiet_end_spin;
  GtkWidget            *quiet_weekends_switch;
  GtkWidget            *show_text_switch;
  GtkWidget            *quiet_start_spin_row;
  GtkWidget            *quiet_end_spin_row;

  RoundsAccountsPage   *accounts_page;   /* owned by the window, NULL without a practice */
  RoundsPeoplePage     *people_page;     /* likewise */
};

/* The lead times offered, in minutes (rounds-preferences-window.ui). */
static const int lead_minutes[] = { 5, 10, 15, 30, 60, 120, 1440 };

G_DEFINE_FINAL_TYPE (RoundsPreferencesWindow, rounds_preferences_window,
                     ADW_TYPE_PREFERENCES_WINDOW)

static void
update_backups (RoundsPreferencesWindow *self)
{
  g_autofree char *path = rounds_store_dup_default_path ();
  g_auto(GStrv) backups = rounds_store_list_backups (path);
  guint n = g_strv_length (backups);
  g_autofree char *subtitle = NULL;
  gboolean real = self->context != NULL && !rounds_context_is_sample (self->context);

  if (n == 0)
    subtitle = g_strdup (_("No backups yet. Rounds makes one every day it runs."));
  else
    {
      g_autofree char *newest = g_path_get_basename (backups[0]);

      /* TRANSLATORS: "3 kept, newest rounds-20261130-091500.db" */
      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u kept, newest %s",
                                               "%u kept, newest %s", n), n, newest);
    }

  adw_action_row_set_subtitle (self->backups_row, subtitle);
  gtk_widget_set_sensitive (GTK_WIDGET (self->backup_button), real);
  gtk_widget_set_sensitive (GTK_WIDGET (self->audit_button), self->context != NULL);
}

static void
on_user_name_changed_cb (RoundsPreferencesWindow *self)
{
  g_settings_set_string (self->settings, "user-name",
                         gtk_editable_get_text (GTK_EDITABLE (self->user_name_row)));
  if (self->context != NULL)
    rounds_store_set_actor (rounds_context_get_store (self->context),
                            gtk_editable_get_text (GTK_EDITABLE (self->user_name_row)));
}

static void
on_backup_clicked_cb (RoundsPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (self->context == NULL)
    return;

  path = rounds_store_backup (rounds_context_get_store (self->context), &error);
  if (path == NULL)
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                      rounds_toast_new_plain (error->message));
  else
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                      adw_toast_new (_("Backup saved")));
  update_backups (self);
}

/* Preferences → Check the audit log: walks the hash chain and says
 * exactly where it breaks, if it does. */
static void
on_audit_check_clicked_cb (RoundsPreferencesWindow *self)
{
  g_auto(RoundsAuditCheck) check = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *subtitle = NULL;
  AdwMessageDialog *dialog;

  if (self->context == NULL)
    return;

  if (!rounds_store_check_audit (rounds_context_get_store (self->context), &check, &error))
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                        rounds_toast_new_plain (error->message));
      return;
    }

  if (check.intact)
    {
      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "Checked: intact, %u entry in an unbroken chain",
                                               "Checked: intact, %u entries in an unbroken chain",
                                               check.n_entries),
                                  check.n_entries);
      adw_action_row_set_subtitle (self->audit_row, subtitle);
      gtk_widget_remove_css_class (GTK_WIDGET (self->audit_row), "error");
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                        adw_toast_new (_("The audit log is intact")));
      return;
    }

  adw_action_row_set_subtitle (self->audit_row, check.problem);
  gtk_widget_add_css_class (GTK_WIDGET (self->audit_row), "error");
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("The Audit Log Was Changed"),
                                                       check.problem));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_open_folder_clicked_cb (RoundsPreferencesWindow *self)
{
  g_autofree char *dir = rounds_store_dup_data_dir ();
  g_autoptr(GFile) file = g_file_new_for_path (dir);
  g_autofree char *uri = g_file_get_uri (file);

  gtk_show_uri (GTK_WINDOW (self), uri, GDK_CURRENT_TIME);
}

static void
on_lead_selected_cb (RoundsPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->lead_row);

  if (self->settings == NULL || selected >= G_N_ELEMENTS (lead_minutes))
    return;
  if (g_settings_get_int (self->settings, "reminder-lead-minutes") != lead_minutes[selected])
    g_settings_set_int (self->settings, "reminder-lead-minutes", lead_minutes[selected]);
}

/* Quiet hours read as times of day: "18:00". */
static gboolean
on_hour_output_cb (GtkSpinButton *spin)
{
  g_autofree char *text = g_strdup_printf ("%02d:00", (int)gtk_spin_button_get_value (spin));

  gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static int
on_hour_input_cb (GtkSpinButton *spin,
                  double        *value)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  char *end = NULL;
  gint64 hour = g_ascii_strtoll (text, &end, 10);

  if (end == text || hour < 0 || hour > 23)
    return GTK_INPUT_ERROR;

  *value = hour;
  return TRUE;
}

static void
bind_reminders (RoundsPreferencesWindow *self)
{
  static const struct {
    const char *key;
    gsize       offset;
  } switches[] = {
    { "keep-reminding",         G_STRUCT_OFFSET (RoundsPreferencesWindow, keep_reminding_switch) },
    { "remind-post-soon",       G_STRUCT_OFFSET (RoundsPreferencesWindow, post_soon_switch) },
    { "remind-post-due",        G_STRUCT_OFFSET (RoundsPreferencesWindow, post_due_switch) },
    { "remind-post-failed",     G_STRUCT_OFFSET (RoundsPreferencesWindow, post_failed_switch) },
    { "remind-plan-tasks",      G_STRUCT_OFFSET (RoundsPreferencesWindow, plan_tasks_switch) },
    { "remind-comments",        G_STRUCT_OFFSET (RoundsPreferencesWindow, comments_switch) },
    { "quiet-hours",            G_STRUCT_OFFSET (RoundsPreferencesWindow, quiet_hours_switch) },
    { "quiet-weekends",         G_STRUCT_OFFSET (RoundsPreferencesWindow, quiet_weekends_switch) },
    { "notification-show-text", G_STRUCT_OFFSET (RoundsPreferencesWindow, show_text_switch) },
  };
  int lead = g_settings_get_int (self->settings, "reminder-lead-minutes");
  guint best = 0;

  for (guint i = 0; i < G_N_ELEMENTS (switches); i++)
    g_settings_bind (self->settings, switches[i].key,
                     G_STRUCT_MEMBER (GtkWidget *, self, switches[i].offset), "active",
                     G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "inbox-poll-minutes", self->inbox_poll_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "quiet-hours-start", self->quiet_start_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "quiet-hours-end", self->quiet_end_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "quiet-hours", self->quiet_start_spin_row, "sensitive",
                   G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "quiet-hours", self->quiet_end_spin_row, "sensitive",
                   G_SETTINGS_BIND_GET);

  /* The closest offered lead time. */
  for (guint i = 0; i < G_N_ELEMENTS (lead_minutes); i++)
    if (ABS (lead_minutes[i] - lead) < ABS (lead_minutes[best] - lead))
      best = i;
  adw_combo_row_set_selected (self->lead_row, best);
}

static void
rounds_preferences_window_dispose (GObject *object)
{
  RoundsPreferencesWindow *self = (RoundsPreferencesWindow *)object;

  g_clear_object (&self->settings);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (rounds_preferences_window_parent_class)->dispose (object);
}

static void
rounds_preferences_window_class_init (RoundsPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rounds_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/rounds-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RoundsPreferencesWindow, user_name_row);
  gtk_widget_class_bind_template_child (widget_class, RoundsPreferencesWindow, data_row);
  gtk_widget_class_bind_template_child (widget_class, RoundsPreferencesWindow, backups_row);
  gtk_widget_class_bind_template_child (widget_class, RoundsPreferencesWindow, backup_button);
  gtk_widget_class_bind_template_callback (widget_class, on_user_name_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_backup_clicked_cb);
  gtk_widget_class_bind_template_child (widget_class, RoundsPreferencesWindow, audit_row);
  gtk_widget_class_bind_template_child (widget_class, RoundsPreferencesWindow, audit_button);
  gtk_widget_class_bind_template_callback (widget_class, on_audit_check_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_open_folder_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_lead_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_hour_output_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_hour_input_cb);
  gtk_widget_class_bind_template_child (widget_class, RoundsPreferencesWindow, lead_row);
  gtk_widget_class_bind_template_child (widget_class, RoundsPreferencesWindow,
                                        keep_reminding_switch);
  gtk_widget_class_bind_template_child (widget_class, RoundsPreferencesWindow, post_soon_switch);
  gtk_widget_class_bind_template_child (widget_class, RoundsPreferencesWindow, post_due_switch);
  gtk_widget_class_bind_template_child (widget_class, RoundsPreferencesWindow, post_failed_switch);
  gtk_widget_class_bind_template_child (widget_class, RoundsPreferencesWindow, plan_tasks_switch);
  gtk_widget_class_bind_template_child (widget_class, RoundsPreferencesWindow, comments_switch);
  gtk_widget_class_bind_template_child (widget_class, RoundsPreferencesWindow, quiet_hours_switch);
  gtk_widget_class_bind_template_child (widget_class, RoundsPreferencesWindow, quiet_start_spin);
  gtk_widget_class_bind_template_child (widget_class, RoundsPreferencesWindow, inbox_poll_spin);
  gtk_widget_class_bind_template_child (widget_class, RoundsPreferencesWindow, quiet_end_spin);
  gtk_widget_class_bind_template_child (widget_class, RoundsPreferencesWindow,
                                        quiet_weekends_switch);
  gtk_widget_class_bind_template_child (widget_class, RoundsPreferencesWindow, show_text_switch);
  gtk_widget_class_bind_template_child (widget_class, RoundsPreferencesWindow,
                                        quiet_start_spin_row);
  gtk_widget_class_bind_template_child (widget_class, RoundsPreferencesWindow, quiet_end_spin_row);
}

static void
rounds_preferences_window_init (RoundsPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* A move to the practice server runs: stay open until it ends. */
static gboolean
on_close_request_cb (RoundsPreferencesWindow *self,
                     gpointer                 data)
{
  return self->server_page != NULL && rounds_server_preferences_keep_open (self->server_page);
}

/**
 * rounds_preferences_window_new:
 * @context: (nullable): the open practice
 */
RoundsPreferencesWindow *
rounds_preferences_window_new (GSettings     *settings,
                               RoundsContext *context)
{
  RoundsPreferencesWindow *self = g_object_new (ROUNDS_TYPE_PREFERENCES_WINDOW, NULL);
  g_autofree char *user_name = g_settings_get_string (settings, "user-name");
  g_autofree char *dir = rounds_store_dup_data_dir ();

  self->settings = g_object_ref (settings);
  self->context = context ? g_object_ref (context) : NULL;

  gtk_editable_set_text (GTK_EDITABLE (self->user_name_row), user_name);
  adw_action_row_set_subtitle (self->data_row, dir);
  update_backups (self);
  bind_reminders (self);
  if (context != NULL)
    {
      self->accounts_page = rounds_accounts_page_new (context);
      adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                                  ADW_PREFERENCES_PAGE (self->accounts_page));
    }
  rounds_insights_preferences_add (ADW_PREFERENCES_WINDOW (self), context);
  if (context != NULL)
    adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                                ADW_PREFERENCES_PAGE (rounds_consents_page_new (context)));
  if (context != NULL)
    {
      RoundsStore *store = rounds_context_get_store (context);

      self->people_page = rounds_people_page_new (store);
      adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                                  ADW_PREFERENCES_PAGE (self->people_page));
      /* With people, the name in the audit log is the person chosen in
       * the header, not one typed here. */
      gtk_widget_set_visible (gtk_widget_get_ancestor (GTK_WIDGET (self->user_name_row),
                                                       ADW_TYPE_PREFERENCES_GROUP),
                              !rounds_store_has_people (store));
    }
  {
    g_autoptr(RoundsSecrets) secrets = rounds_secrets_new ();

    rounds_assistant_preferences_add (ADW_PREFERENCES_WINDOW (self), settings, secrets);
  }
  {
    /* The application's feed for the open practice; without one (a test,
     * or no application), a feed of the page's own. */
    GApplication *app = g_application_get_default ();
    RoundsFeedService *service = ROUNDS_IS_APPLICATION (app)
      ? rounds_application_get_feed_service (ROUNDS_APPLICATION (app)) : NULL;
    g_autoptr(RoundsFeedService) own = NULL;

    if (service != NULL && rounds_feed_service_get_context (service) != context)
      service = NULL;
    if (service == NULL && context != NULL && !rounds_context_is_sample (context))
      service = own = rounds_feed_service_new (context, settings);
    rounds_channels_preferences_add (ADW_PREFERENCES_WINDOW (self), settings, service);
    /* The practice server is where the application opens the practice */
    if (ROUNDS_IS_APPLICATION (app))
      {
        self->server_page = rounds_server_preferences_add (ADW_PREFERENCES_WINDOW (self),
                                                           ROUNDS_APPLICATION (app), context);
        g_signal_connect (self, "close-request", G_CALLBACK (on_close_request_cb), NULL);
      }
  }

  return self;
}

/**
 * rounds_preferences_window_show_people:
 *
 * Shows the People page (the header's Manage People…).
 */
void
rounds_preferences_window_show_people (RoundsPreferencesWindow *self)
{
  g_return_if_fail (ROUNDS_IS_PREFERENCES_WINDOW (self));

  if (self->people_page != NULL)
    adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (self),
                                             ADW_PREFERENCES_PAGE (self->people_page));
}

/**
 * rounds_preferences_window_show_accounts:
 * @account_id: an account to reconnect at once, or 0
 *
 * Shows the Accounts page (what a notification's Reconnect opens).
 */
void
rounds_preferences_window_show_accounts (RoundsPreferencesWindow *self,
                                         gint64                   account_id)
{
  g_return_if_fail (ROUNDS_IS_PREFERENCES_WINDOW (self));

  if (self->accounts_page == NULL)
    return;

  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (self),
                                           ADW_PREFERENCES_PAGE (self->accounts_page));
  if (account_id != 0)
    gtk_widget_activate_action (GTK_WIDGET (self->accounts_page), "accounts.reconnect", "x",
                                account_id);
}

/**
 * rounds_preferences_window_sign_in_as:
 * @login: a person's own database login
 *
 * Shows the Practice Server page ready for @login to sign in on this PC.
 */
void
rounds_preferences_window_sign_in_as (RoundsPreferencesWindow *self,
                                      const char              *login)
{
  g_return_if_fail (ROUNDS_IS_PREFERENCES_WINDOW (self));

  if (self->server_page != NULL)
    rounds_server_preferences_sign_in_as (self->server_page, login);
}
