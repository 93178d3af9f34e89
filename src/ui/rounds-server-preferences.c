/* rounds-server-preferences.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-server-preferences"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <string.h>

#include "rounds-secrets.h"
#include "rounds-server-preferences.h"
#include "rounds-store-move.h"

/* Preferences → Practice Server. The fields are this PC's settings
 * (GSettings server-*), the password goes to the Secret Service
 * (RoundsSecrets, one key per login: rounds_server_secret_id_for());
 * nothing is saved until a
 * connection worked. Test Connection, Connect and Move run off the main
 * thread (rounds_server_probe_async(), rounds_store_move_to_server_async())
 * and tell their outcome in the Connection row. */

struct _RoundsServerPage
{
  RoundsApplication   *application;
  RoundsContext       *context;
  GSettings           *settings;
  RoundsSecrets       *secrets;
  AdwPreferencesWindow *window;   /* unowned */
  GtkWidget           *pref_page; /* unowned: it owns this */
  GCancellable        *cancellable;

  GtkWidget *status_row;
  GtkWidget *host_row;
  GtkWidget *port_row;
  GtkWidget *database_row;
  GtkWidget *user_row;
  GtkWidget *password_row;
  GtkWidget *ca_row;
  GtkWidget *ca_clear;
  GtkWidget *result_row;
  GtkWidget *result_icon;
  GtkWidget *spinner;
  GtkWidget *cancel_button;   /* stops a move */
  GCancellable *move_cancellable;
  GtkWidget *test_button;
  GtkWidget *connect_button;
  GtkWidget *move_button;
  GtkWidget *file_button;
  GtkWidget *shell_label;
  GtkWidget *sql_label;
  GtkWidget *hba_label;

  char      *ca_file;
  gboolean   busy;
  gboolean   moving;   /* a move runs: Preferences stay open until it ends */
};
typedef RoundsServerPage Page;

static void
page_free (Page *page)
{
  g_cancellable_cancel (page->cancellable);
  g_clear_object (&page->cancellable);
  if (page->move_cancellable != NULL)
    g_cancellable_cancel (page->move_cancellable);
  g_clear_object (&page->move_cancellable);
  g_clear_object (&page->application);
  g_clear_object (&page->context);
  g_clear_object (&page->settings);
  g_clear_object (&page->secrets);
  g_free (page->ca_file);
  g_free (page);
}

static RoundsServerConfig *
read_config (Page *page)
{
  g_autofree char *port = g_strstrip (g_strdup (gtk_editable_get_text (
                                     GTK_EDITABLE (page->port_row))));
  guint64 number = 0;

  /* Not a port: 65536, which rounds_server_config_validate() tells */
  if (!g_ascii_string_to_unsigned (port, 10, 1, 65535, &number, NULL))
    number = 65536;
  return rounds_server_config_new (gtk_editable_get_text (GTK_EDITABLE (page->host_row)),
                                   (guint)number,
                                   gtk_editable_get_text (GTK_EDITABLE (page->database_row)),
                                   gtk_editable_get_text (GTK_EDITABLE (page->user_row)),
                                   page->ca_file);
}

static gboolean
is_sample (Page *page)
{
  return page->context == NULL || rounds_context_is_sample (page->context);
}

static void
update_status (Page *page)
{
  g_autoptr(RoundsServerConfig) server = rounds_application_dup_server_config (page->application);
  g_autofree char *path = rounds_store_dup_default_path ();
  g_autofree char *subtitle = NULL;

  if (server != NULL)
    {
      g_autofree char *where = rounds_server_config_describe (server);

      subtitle = g_strdup_printf (_("The practice server: %s"), where);
    }
  else
    subtitle = g_strdup_printf (_("This PC's file: %s"), path);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (page->status_row), subtitle);

  gtk_widget_set_sensitive (page->test_button, !page->busy);
  gtk_widget_set_sensitive (page->connect_button, !page->busy);
  gtk_widget_set_sensitive (page->move_button, !page->busy && server == NULL && !is_sample (page));
  gtk_widget_set_visible (page->file_button, server != NULL);
  gtk_widget_set_sensitive (page->file_button, !page->busy);
  gtk_widget_set_visible (page->spinner, page->busy);
  gtk_spinner_set_spinning (GTK_SPINNER (page->spinner), page->busy);
  if (page->cancel_button != NULL)
    gtk_widget_set_visible (page->cancel_button, page->moving);
}

static void
update_commands (Page *page)
{
  g_autoptr(RoundsServerConfig) config = read_config (page);
  g_autofree char *shell = rounds_server_dup_shell_commands (config);
  g_autofree char *sql = rounds_server_dup_sql_commands (config);
  g_autofree char *hba = rounds_server_dup_hba_line (config);

  gtk_label_set_text (GTK_LABEL (page->shell_label), shell);
  gtk_label_set_text (GTK_LABEL (page->sql_label), sql);
  gtk_label_set_text (GTK_LABEL (page->hba_label), hba);
}

static void
update_ca (Page *page)
{
  g_autofree char *name = page->ca_file != NULL ? g_path_get_basename (page->ca_file) : NULL;

  adw_action_row_set_subtitle (ADW_ACTION_ROW (page->ca_row),
                               name != NULL
                                 ? name
                                 : _("None: the connection is encrypted, the server's "
                                     "certificate is not checked"));
  gtk_widget_set_visible (page->ca_clear, page->ca_file != NULL);
}

/* The Connection row: what the last try found */
static void
show_result (Page       *page,
             gboolean    good,
             const char *message)
{
  adw_action_row_set_subtitle (ADW_ACTION_ROW (page->result_row), message);
  gtk_image_set_from_icon_name (GTK_IMAGE (page->result_icon),
                                good ? "object-select-symbolic" : "dialog-warning-symbolic");
  gtk_widget_set_visible (page->result_row, TRUE);
  if (good)
    {
      gtk_widget_remove_css_class (page->result_icon, "error");
      gtk_widget_add_css_class (page->result_icon, "success");
    }
  else
    {
      gtk_widget_remove_css_class (page->result_icon, "success");
      gtk_widget_add_css_class (page->result_icon, "error");
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (page->result_row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
}

static void
set_busy (Page     *page,
          gboolean  busy)
{
  page->busy = busy;
  update_status (page);
}

static void
save_settings (Page               *page,
               RoundsServerConfig *config)
{
  g_settings_delay (page->settings);
  g_settings_set_string (page->settings, "server-host", config->host);
  g_settings_set_int (page->settings, "server-port", (int)config->port);
  g_settings_set_string (page->settings, "server-database", config->database);
  g_settings_set_string (page->settings, "server-user", config->user);
  g_settings_set_string (page->settings, "server-ca-file",
                         config->ca_file != NULL ? config->ca_file : "");
  g_settings_set_boolean (page->settings, "use-server", TRUE);
  g_settings_apply (page->settings);
}

/* The settings say where the practice is: open it there */
static gboolean
switch_practice (Page *page)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RoundsContext) context = rounds_application_switch_practice (page->application,
                                                                         &error);

  if (context == NULL)
    {
      show_result (page, FALSE, error->message);
      return FALSE;
    }
  g_set_object (&page->context, context);
  return TRUE;
}

/* ---- Test Connection / Connect --------------------------------------- */

typedef struct
{
  Page               *page;
  RoundsServerConfig *config;
  char               *password;
  gboolean            connect;
} Attempt;

static void
attempt_free (Attempt *attempt)
{
  rounds_server_config_free (attempt->config);
  if (attempt->password != NULL)
    memset (attempt->password, 0, strlen (attempt->password));
  g_free (attempt->password);
  g_free (attempt);
}

static void
on_connect_password_stored_cb (GObject      *source,
                               GAsyncResult *result,
                               gpointer      user_data)
{
  Attempt *attempt = user_data;
  Page *page = attempt->page;
  g_autoptr(GError) error = NULL;
  g_autofree char *where = NULL;
  g_autofree char *message = NULL;

  if (!rounds_secrets_store_finish (ROUNDS_SECRETS (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *text = g_strdup_printf (_("The password could not be kept in the "
                                                     "keyring: %s"), error->message);

          set_busy (page, FALSE);
          show_result (page, FALSE, text);
        }
      attempt_free (attempt);
      return;
    }

  save_settings (page, attempt->config);
  set_busy (page, FALSE);
  if (switch_practice (page))
    {
      where = rounds_server_config_describe (attempt->config);
      message = g_strdup_printf (_("This PC now uses the practice on %s."), where);
      show_result (page, TRUE, message);
    }
  update_status (page);
  attempt_free (attempt);
}

static void
keep_password (Attempt             *attempt,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  Page *page = attempt->page;
  g_autofree char *label = rounds_server_config_describe (attempt->config);
  g_autofree char *full = g_strdup_printf (_("Rounds practice server (%s)"), label);
  g_autofree char *id = rounds_server_secret_id_for (attempt->config->user);

  rounds_secrets_store_async (page->secrets, id, full,
                              attempt->password != NULL ? attempt->password : "",
                              page->cancellable, callback, user_data);
}

static void
on_probed_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Attempt *attempt = user_data;
  Page *page = attempt->page;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  RoundsServerProbe probe;

  if (!rounds_server_probe_finish (result, &probe, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          set_busy (page, FALSE);
          show_result (page, FALSE, error->message);
        }
      attempt_free (attempt);
      return;
    }

  if (attempt->connect && probe.holds_practice)
    {
      keep_password (attempt, on_connect_password_stored_cb, attempt);
      return;
    }

  set_busy (page, FALSE);
  if (probe.holds_practice)
    message = g_strdup_printf (_("Connected to PostgreSQL %d. The database holds a practice: "
                                 "Connect to use it on this PC."),
                               probe.server_version / 10000);
  else
    message = g_strdup_printf (_("Connected to PostgreSQL %d. The database is empty: move this "
                                 "practice there from the PC that has it."),
                               probe.server_version / 10000);
  show_result (page, TRUE, message);
  attempt_free (attempt);
}

static void
start_attempt (Page     *page,
               gboolean  connect)
{
  Attempt *attempt = g_new0 (Attempt, 1);

  attempt->page = page;
  attempt->config = read_config (page);
  attempt->password = g_strdup (gtk_editable_get_text (GTK_EDITABLE (page->password_row)));
  attempt->connect = connect;
  set_busy (page, TRUE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (page->result_row), _("Connecting…"));
  gtk_widget_set_visible (page->result_row, TRUE);
  rounds_server_probe_async (attempt->config, attempt->password, page->cancellable, on_probed_cb,
                             attempt);
}

static void
on_test_clicked_cb (GtkButton *button,
                    Page      *page)
{
  start_attempt (page, FALSE);
}

static void
on_connect_clicked_cb (GtkButton *button,
                       Page      *page)
{
  start_attempt (page, TRUE);
}

/* ---- Move ------------------------------------------------------------ */

typedef struct
{
  Attempt               *attempt;
  RoundsStoreMoveReport  report;
} Move;

static void
on_move_password_stored_cb (GObject      *source,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  Move *move = user_data;
  Page *page = move->attempt->page;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = rounds_store_dup_default_path ();
  g_autofree char *message = NULL;

  /* The practice moved all the same: said in the result below */
  if (!rounds_secrets_store_finish (ROUNDS_SECRETS (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Could not keep the practice server's password: %s", error->message);
  else
    g_clear_error (&error);

  save_settings (page, move->attempt->config);
  page->moving = FALSE;
  set_busy (page, FALSE);
  if (switch_practice (page))
    {
      g_autofree char *images = NULL;

      /* TRANSLATORS: part of the message after a move: "12 images" */
      images = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u image", "%u images",
                                             move->report.n_media),
                                move->report.n_media);
      message = g_strdup_printf (
        /* TRANSLATORS: the first %s is "12 images" */
        _("Moved and checked: %u tables, %" PRIu64 " rows, %s, %u audit entries with an "
          "intact hash chain. This PC now uses the server. The file on this PC stays as it "
          "was, as a backup: %s (a copy is in %s)."),
        move->report.n_tables, move->report.n_rows, images, move->report.n_audit_entries, path,
        move->report.backup_path);
      if (move->report.n_media_missing > 0)
        {
          g_autofree char *missing = g_strdup_printf (
            g_dngettext (GETTEXT_PACKAGE,
                         "%u image a post names was already missing on this PC and could "
                         "not be moved: that post shows it missing, as it did here.",
                         "%u images posts name were already missing on this PC and could "
                         "not be moved: those posts show them missing, as they did here.",
                         move->report.n_media_missing),
            move->report.n_media_missing);
          char *both = g_strconcat (message, " ", missing, NULL);

          g_free (message);
          message = both;
        }
      if (error != NULL)
        {
          /* TRANSLATORS: %s is the keyring's own words */
          g_autofree char *keyring = g_strdup_printf (
            _("The password could not be kept in this PC's keyring (%s): type it again here "
              "after Rounds restarts."), error->message);
          char *both = g_strconcat (message, " ", keyring, NULL);

          g_free (message);
          message = both;
        }
      show_result (page, TRUE, message);
    }
  update_status (page);
  rounds_store_move_report_clear (&move->report);
  attempt_free (move->attempt);
  g_free (move);
}

static void
on_moved_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Move *move = user_data;
  Page *page = move->attempt->page;
  g_autoptr(GError) error = NULL;

  g_clear_object (&page->move_cancellable);
  if (!rounds_store_move_to_server_finish (result, &move->report, &error))
    {
      /* The message starts by saying that nothing moved (or that the
       * move was cancelled and nothing moved) */
      page->moving = FALSE;
      set_busy (page, FALSE);
      show_result (page, FALSE, error->message);
      attempt_free (move->attempt);
      g_free (move);
      return;
    }
  keep_password (move->attempt, on_move_password_stored_cb, move);
}

static void
on_move_probed_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Move *move = user_data;
  Attempt *attempt = move->attempt;
  Page *page = attempt->page;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = rounds_store_dup_default_path ();
  g_autofree char *conninfo = NULL;
  RoundsServerProbe probe;

  if (!rounds_server_probe_finish (result, &probe, &error) ||
      g_cancellable_set_error_if_cancelled (page->move_cancellable, &error))
    {
      page->moving = FALSE;
      g_clear_object (&page->move_cancellable);
      set_busy (page, FALSE);
      show_result (page, FALSE, g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                                  ? _("The move was cancelled. Nothing was moved: this PC keeps "
                                      "the practice in its file, unchanged, and the server "
                                      "holds nothing of it.")
                                  : error->message);
      attempt_free (attempt);
      g_free (move);
      return;
    }

  adw_action_row_set_subtitle (ADW_ACTION_ROW (page->result_row),
                               _("Copying the practice to the server and checking it…"));
  conninfo = rounds_server_config_to_conninfo (attempt->config, attempt->password);
  rounds_store_move_to_server_async (path, conninfo, rounds_context_get_clock (page->context),
                                     page->move_cancellable, on_moved_cb, move);
  memset (conninfo, 0, strlen (conninfo));
}

static void
on_move_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     Page             *page)
{
  Move *move;

  if (g_strcmp0 (response, "move") != 0)
    return;

  move = g_new0 (Move, 1);
  move->attempt = g_new0 (Attempt, 1);
  move->attempt->page = page;
  move->attempt->config = read_config (page);
  move->attempt->password = g_strdup (gtk_editable_get_text (GTK_EDITABLE (page->password_row)));
  page->moving = TRUE;
  g_clear_object (&page->move_cancellable);
  page->move_cancellable = g_cancellable_new ();
  gtk_widget_set_sensitive (page->cancel_button, TRUE);
  set_busy (page, TRUE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (page->result_row), _("Connecting…"));
  gtk_widget_set_visible (page->result_row, TRUE);
  rounds_server_probe_async (move->attempt->config, move->attempt->password, page->cancellable,
                             on_move_probed_cb, move);
}

/* Closing Preferences during a move would leave its outcome untold
 * (and the page its callbacks use gone): the window stays until the move
 * has ended, committed whole or undone whole (by Cancel Move, or by
 * itself on an error). */
/**
 * rounds_server_preferences_keep_open:
 *
 * Called when the Preferences window is asked to close: while a move
 * runs it stays open and says why.
 *
 * Returns: %TRUE to keep the window open
 */
gboolean
rounds_server_preferences_keep_open (RoundsServerPage *page)
{
  g_return_val_if_fail (page != NULL, FALSE);

  if (!page->moving)
    return FALSE;
  adw_preferences_window_add_toast (page->window,
                                    adw_toast_new (_("Cancel the move or wait for it "
                                                     "to end, then close")));
  return TRUE;
}

/* Cancel: the server undoes what was copied; the move's callback
 * tells the outcome (a cancel after the commit comes too late: it
 * moved). */
static void
on_cancel_move_clicked_cb (GtkButton *button,
                           Page      *page)
{
  if (page->move_cancellable == NULL)
    return;
  g_cancellable_cancel (page->move_cancellable);
  gtk_widget_set_sensitive (page->cancel_button, FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (page->result_row),
                               _("Cancelling: the server undoes what was copied…"));
}

static void
on_move_clicked_cb (GtkButton *button,
                    Page      *page)
{
  g_autoptr(RoundsServerConfig) config = read_config (page);
  g_autoptr(GError) error = NULL;
  g_autofree char *where = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  if (!rounds_server_config_validate (config, &error))
    {
      show_result (page, FALSE, error->message);
      return;
    }
  where = rounds_server_config_describe (config);
  body = g_strdup_printf (_("Everything in this practice (posts, publications, the audit log, "
                            "media, plan, settings, people and accounts) is copied to %s and "
                            "checked against this PC's file. Account sign-ins stay in this "
                            "PC's keyring. The file stays on this PC as a backup."),
                          where);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (page->window),
                                                       _("Move This Practice to the Server?"),
                                                       body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "move", _("_Move"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "move", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_move_response_cb), page);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- back to the file -------------------------------------------------- */

static void
on_file_clicked_cb (GtkButton *button,
                    Page      *page)
{
  g_autofree char *path = rounds_store_dup_default_path ();
  g_autofree char *message = NULL;

  g_settings_set_boolean (page->settings, "use-server", FALSE);
  if (switch_practice (page))
    {
      message = g_strdup_printf (_("This PC uses its own file again: %s. Changes made on the "
                                   "server since the move are not in it."),
                                 path);
      show_result (page, TRUE, message);
    }
  update_status (page);
}

/* ---- the certificate authority ----------------------------------------- */

static void
on_ca_chosen_cb (GtkNativeDialog *chooser,
                 int              response,
                 Page            *page)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      g_free (page->ca_file);
      page->ca_file = g_file_get_path (file);
      update_ca (page);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
on_ca_choose_clicked_cb (GtkButton *button,
                         Page      *page)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Certificate Authority"), GTK_WINDOW (page->window),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"),
                                         _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_ca_chosen_cb), page);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_ca_clear_clicked_cb (GtkButton *button,
                        Page      *page)
{
  g_clear_pointer (&page->ca_file, g_free);
  update_ca (page);
}

/* ---- the IT person's commands ------------------------------------------ */

static void
on_copy_clicked_cb (GtkButton *button,
                    GtkLabel  *label)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)),
                          gtk_label_get_text (label));
}

static void
on_field_changed_cb (GtkEditable *editable,
                     Page        *page)
{
  update_commands (page);
}

static GtkWidget *
add_command_row (GtkWidget  *group,
                 const char *title,
                 const char *copy_name,
                 GtkWidget **label_out)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = gtk_label_new (title);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *copy = gtk_button_new_from_icon_name ("edit-copy-symbolic");

  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_hexpand (box, TRUE);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (label, "monospace");
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), label);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), box);

  gtk_widget_set_valign (copy, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (copy, "flat");
  gtk_widget_set_tooltip_text (copy, copy_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (copy), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  copy_name, -1);
  g_signal_connect (copy, "clicked", G_CALLBACK (on_copy_clicked_cb), label);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), copy);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);

  *label_out = label;
  return row;
}

static GtkWidget *
add_entry (GtkWidget  *group,
           GtkWidget  *row,
           const char *title,
           const char *text,
           Page       *page)
{
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_connect (row, "changed", G_CALLBACK (on_field_changed_cb), page);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return row;
}

static GtkWidget *
button (const char *mnemonic,
        GCallback   callback,
        Page       *page)
{
  GtkWidget *widget = gtk_button_new_with_mnemonic (mnemonic);

  g_signal_connect (widget, "clicked", callback, page);
  return widget;
}

RoundsServerPage *
rounds_server_preferences_add (AdwPreferencesWindow *window,
                               RoundsApplication    *application,
                               RoundsContext        *context)
{
  Page *page = g_new0 (Page, 1);
  GtkWidget *pref_page = adw_preferences_page_new ();
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *actions = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *setup = adw_preferences_group_new ();
  GtkWidget *choose = gtk_button_new_from_icon_name ("document-open-symbolic");
  GtkWidget *unused;
  g_autofree char *host = NULL;
  g_autofree char *database = NULL;
  g_autofree char *user = NULL;
  g_autofree char *port = NULL;
  g_autofree char *ca_file = NULL;

  g_return_val_if_fail (ROUNDS_IS_APPLICATION (application), NULL);

  page->application = g_object_ref (application);
  page->context = context != NULL ? g_object_ref (context) : NULL;
  page->settings = g_object_ref (rounds_application_get_settings (application));
  page->secrets = rounds_secrets_new ();
  page->window = window;
  page->pref_page = pref_page;
  page->cancellable = g_cancellable_new ();
  g_object_weak_ref (G_OBJECT (pref_page), (GWeakNotify)page_free, page);

  host = g_settings_get_string (page->settings, "server-host");
  database = g_settings_get_string (page->settings, "server-database");
  user = g_settings_get_string (page->settings, "server-user");
  port = g_strdup_printf ("%d", g_settings_get_int (page->settings, "server-port"));
  ca_file = g_settings_get_string (page->settings, "server-ca-file");
  page->ca_file = *ca_file != '\0' ? g_strdup (ca_file) : NULL;

  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (pref_page), _("Practice Server"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (pref_page), "network-server-symbolic");
  adw_preferences_page_set_name (ADW_PREFERENCES_PAGE (pref_page), "server");

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Practice Server"));
  adw_preferences_group_set_description (
    ADW_PREFERENCES_GROUP (group),
    _("Several office PCs can share one practice on a PostgreSQL server. The connection is "
      "encrypted unless the server is this PC; the password is kept in the keyring."));

  page->status_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (page->status_row), _("This PC Uses"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), page->status_row);

  page->host_row = add_entry (group, adw_entry_row_new (), _("Server"), host, page);
  page->port_row = add_entry (group, adw_entry_row_new (), _("Port"), port, page);
  gtk_editable_set_width_chars (GTK_EDITABLE (page->port_row), 6);
  page->database_row = add_entry (group, adw_entry_row_new (), _("Database"), database, page);
  page->user_row = add_entry (group, adw_entry_row_new (), _("User"), user, page);
  page->password_row = add_entry (group, adw_password_entry_row_new (), _("Password"), "", page);

  page->ca_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (page->ca_row),
                                 _("Certificate Authority"));
  gtk_widget_set_valign (choose, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (choose, "flat");
  gtk_widget_set_tooltip_text (choose, _("Choose the certificate authority file"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (choose), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Choose the certificate authority file"), -1);
  g_signal_connect (choose, "clicked", G_CALLBACK (on_ca_choose_clicked_cb), page);
  page->ca_clear = gtk_button_new_from_icon_name ("edit-clear-symbolic");
  gtk_widget_set_valign (page->ca_clear, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (page->ca_clear, "flat");
  gtk_widget_set_tooltip_text (page->ca_clear, _("Do not check the certificate"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (page->ca_clear), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Do not check the certificate"), -1);
  g_signal_connect (page->ca_clear, "clicked", G_CALLBACK (on_ca_clear_clicked_cb), page);
  adw_action_row_add_suffix (ADW_ACTION_ROW (page->ca_row), page->ca_clear);
  adw_action_row_add_suffix (ADW_ACTION_ROW (page->ca_row), choose);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), page->ca_row);

  page->result_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (page->result_row), _("Connection"));
  page->result_icon = gtk_image_new ();
  adw_action_row_add_prefix (ADW_ACTION_ROW (page->result_row), page->result_icon);
  page->spinner = gtk_spinner_new ();
  adw_action_row_add_suffix (ADW_ACTION_ROW (page->result_row), page->spinner);
  page->cancel_button = gtk_button_new_with_mnemonic (_("_Cancel Move"));
  gtk_widget_set_valign (page->cancel_button, GTK_ALIGN_CENTER);
  gtk_widget_set_visible (page->cancel_button, FALSE);
  g_signal_connect (page->cancel_button, "clicked", G_CALLBACK (on_cancel_move_clicked_cb), page);
  adw_action_row_add_suffix (ADW_ACTION_ROW (page->result_row), page->cancel_button);
  gtk_widget_set_visible (page->result_row, FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), page->result_row);

  page->test_button = button (_("_Test Connection"), G_CALLBACK (on_test_clicked_cb), page);
  page->connect_button = button (_("C_onnect"), G_CALLBACK (on_connect_clicked_cb), page);
  page->move_button = button (_("_Move This Practice to the Server…"),
                              G_CALLBACK (on_move_clicked_cb), page);
  page->file_button = button (_("Use This PC's _File"), G_CALLBACK (on_file_clicked_cb), page);
  gtk_widget_add_css_class (page->move_button, "suggested-action");
  gtk_widget_set_margin_top (actions, 12);
  gtk_box_append (GTK_BOX (actions), page->test_button);
  gtk_box_append (GTK_BOX (actions), page->connect_button);
  gtk_box_append (GTK_BOX (actions), page->move_button);
  gtk_box_append (GTK_BOX (actions), page->file_button);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), actions);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (setup), _("Setting Up the Server"));
  adw_preferences_group_set_description (
    ADW_PREFERENCES_GROUP (setup),
    _("What the IT person runs on the server, once. The README's guide says how to install "
      "PostgreSQL, switch on TLS and back the database up."));
  unused = add_command_row (setup, _("Create the user and the database (shell)"),
                            _("Copy the shell commands"), &page->shell_label);
  unused = add_command_row (setup, _("The same in SQL"), _("Copy the SQL"), &page->sql_label);
  unused = add_command_row (setup, _("Let the office's PCs in (pg_hba.conf)"),
                            _("Copy the pg_hba.conf line"), &page->hba_label);
  (void)unused;

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (pref_page), ADW_PREFERENCES_GROUP (group));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (pref_page), ADW_PREFERENCES_GROUP (setup));
  adw_preferences_window_add (window, ADW_PREFERENCES_PAGE (pref_page));

  update_ca (page);
  update_commands (page);
  update_status (page);
  return page;
}

/**
 * rounds_server_preferences_sign_in_as:
 * @login: a person's own database login
 *
 * Shows the Practice Server page of @window (made with
 * rounds_server_preferences_add()) ready for @login to sign in on this
 * PC: the user filled in, the password to type, Connect to press.
 */
void
rounds_server_preferences_sign_in_as (RoundsServerPage *page,
                                      const char       *login)
{
  g_autofree char *message = NULL;

  g_return_if_fail (page != NULL);
  g_return_if_fail (login != NULL);

  gtk_editable_set_text (GTK_EDITABLE (page->user_row), login);
  gtk_editable_set_text (GTK_EDITABLE (page->password_row), "");
  adw_preferences_window_set_visible_page (page->window, ADW_PREFERENCES_PAGE (page->pref_page));
  /* TRANSLATORS: %s is a person's database login */
  message = g_strdup_printf (_("To work as %s on this PC, type their password and press "
                               "Connect. It is kept in this PC's keyring for the next time."),
                             login);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (page->result_row), message);
  gtk_image_set_from_icon_name (GTK_IMAGE (page->result_icon), "dialog-information-symbolic");
  gtk_widget_remove_css_class (page->result_icon, "success");
  gtk_widget_remove_css_class (page->result_icon, "error");
  gtk_widget_set_visible (page->result_row, TRUE);
  gtk_widget_grab_focus (page->password_row);
}
