/* rounds-calendar-page-dialogs.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-calendar-page"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "rounds-calendar-page-private.h"
#include "rounds-exchange.h"
#include "rounds-store-calendar.h"

/* The calendar's menu actions that open a dialog: import posts from CSV,
 * export the schedule (what the filters show) as CSV or iCalendar, and
 * make the selected post repeat. Split from rounds-calendar-page.c. */

/* ------------------------------------------------------------------ */
/* Import and export                                                    */

/* A toast's title is markup: an error that names a file such as
 * "Smith & Sons.csv" must be escaped to show at all. */
static void
toast_plain (RoundsCalendarPage *self,
             const char         *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  _rounds_calendar_page_toast (self, escaped);
}

static GPtrArray *
posts_to_export (RoundsCalendarPage  *self,
                 GError             **error)
{
  GPtrArray *posts = rounds_store_list_posts_between (_rounds_calendar_page_get_store (self), 1,
                                                      G_MAXINT64, error);

  if (posts == NULL)
    return NULL;
  for (guint i = posts->len; i > 0; i--)
    if (!_rounds_calendar_page_passes_filter (self, g_ptr_array_index (posts, i - 1)))
      g_ptr_array_remove_index (posts, i - 1);
  return posts;
}

static void
export_response (GtkNativeDialog    *dialog,
                 int                 response,
                 RoundsCalendarPage *self,
                 gboolean            ics)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GPtrArray) posts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (response != GTK_RESPONSE_ACCEPT || !_rounds_calendar_page_has_context (self))
    goto out;

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  /* Could not read the posts: say so rather than write an empty file. */
  posts = posts_to_export (self, &error);
  if (posts == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The posts could not be read: %s"),
                                                  error->message);
      toast_plain (self, message);
      goto out;
    }
  if (ics)
    text = rounds_ics_export (_rounds_calendar_page_get_store (self), posts, &error);
  else
    {
      g_autoptr(GTimeZone) tz = _rounds_calendar_page_dup_tz (self);
      text = rounds_csv_export (posts, tz);
    }

  if (text == NULL ||
      !g_file_replace_contents (file, text, strlen (text), NULL, FALSE,
                                G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                                NULL, NULL, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The file could not be written: %s"),
                                                  error->message);
      toast_plain (self, message);
    }
  else
    {
      g_autofree char *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                               "Exported %u post",
                                                               "Exported %u posts",
                                                               posts->len), posts->len);
      _rounds_calendar_page_toast (self, message);
    }

out:
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
on_export_csv_response_cb (GtkNativeDialog    *dialog,
                           int                 response,
                           RoundsCalendarPage *self)
{
  export_response (dialog, response, self, FALSE);
}

static void
on_export_ics_response_cb (GtkNativeDialog    *dialog,
                           int                 response,
                           RoundsCalendarPage *self)
{
  export_response (dialog, response, self, TRUE);
}

static void
export (RoundsCalendarPage *self,
        gboolean            ics)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (!_rounds_calendar_page_has_context (self))
    return;

  chooser = gtk_file_chooser_native_new (ics ? _("Export as iCalendar") : _("Export as CSV"),
                                         _rounds_calendar_page_get_window (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser),
                                     ics ? _("posts.ics") : _("posts.csv"));
  gtk_file_filter_set_name (filter, ics ? _("iCalendar files") : _("CSV files"));
  gtk_file_filter_add_mime_type (filter, ics ? "text/calendar" : "text/csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response",
                           ics ? G_CALLBACK (on_export_ics_response_cb)
                               : G_CALLBACK (on_export_csv_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
_rounds_calendar_page_export_ics_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  export (ROUNDS_CALENDAR_PAGE (widget), TRUE);
}

void
_rounds_calendar_page_export_csv_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  export (ROUNDS_CALENDAR_PAGE (widget), FALSE);
}

static void
show_import_report (RoundsCalendarPage *self,
                    const char         *heading,
                    RoundsCsvReport    *report)
{
  g_autofree char *text = rounds_csv_report_to_string (report);
  AdwMessageDialog *dialog;
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *label = gtk_label_new (text);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (_rounds_calendar_page_get_window (self), heading,
                                                       _("Nothing was imported. Fix these rows "
                                                         "in the file and import it again.")));
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), label);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 300);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  adw_message_dialog_set_extra_child (dialog, scroller);
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_import_response_cb (GtkNativeDialog    *dialog,
                       int                 response,
                       RoundsCalendarPage *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RoundsCsvReport) report = rounds_csv_report_new ();
  g_autofree char *data = NULL;
  gsize length = 0;

  if (response != GTK_RESPONSE_ACCEPT || !_rounds_calendar_page_has_context (self))
    goto out;

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  if (!g_file_load_contents (file, NULL, &data, &length, NULL, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The file could not be read: %s"),
                                                  error->message);
      toast_plain (self, message);
      goto out;
    }

  if (!rounds_csv_import (_rounds_calendar_page_get_store (self), data, length, report, &error))
    {
      if (report->problems->len > 0)
        show_import_report (self, error->message, report);
      else
        toast_plain (self, error->message);
      goto out;
    }

  {
    g_autofree char *message = NULL;

    if (report->duplicates > 0)
      message = g_strdup_printf (_("Imported %u new drafts; %u were already there"),
                                 report->imported, report->duplicates);
    else
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %u draft",
                                              "Imported %u drafts", report->imported),
                                 report->imported);
    _rounds_calendar_page_toast (self, message);
  }
  rounds_calendar_page_refresh (self);

out:
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

void
_rounds_calendar_page_import_csv_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  RoundsCalendarPage *self = ROUNDS_CALENDAR_PAGE (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (!_rounds_calendar_page_has_context (self))
    return;

  chooser = gtk_file_chooser_native_new (_("Import Posts from CSV"),
                                         _rounds_calendar_page_get_window (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), NULL);
  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_import_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}


/* ------------------------------------------------------------------ */
/* Repeat…                                                              */

/* Repeat…: a weekly or monthly rule with a number of times, for the
 * selected post (the series starts at the post's time). */
typedef struct
{
  RoundsCalendarPage *self;
  RoundsPost         *post;
  GtkCheckButton     *weekly;    /* the dialog's */
  GtkCheckButton     *monthly;
  GtkSpinButton      *count;
} RepeatChoice;

static void
repeat_choice_free (gpointer  data,
                    GClosure *closure)
{
  RepeatChoice *choice = data;

  g_clear_object (&choice->self);
  g_clear_object (&choice->post);
  g_free (choice);
}

static void
on_repeat_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       RepeatChoice     *choice)
{
  RoundsCalendarPage *self = choice->self;
  RoundsPost *post = choice->post;
  GtkCheckButton *weekly = choice->weekly;
  GtkCheckButton *monthly = choice->monthly;
  GtkSpinButton *count = choice->count;
  g_autoptr(RoundsRecurrence) rule = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "apply") || !_rounds_calendar_page_has_context (self))
    return;

  if (gtk_check_button_get_active (weekly) || gtk_check_button_get_active (monthly))
    {
      rule = rounds_recurrence_new (gtk_check_button_get_active (weekly)
                                      ? ROUNDS_RECURRENCE_WEEKLY : ROUNDS_RECURRENCE_MONTHLY, 1);
      gtk_spin_button_update (count);
      rule->count = (guint)gtk_spin_button_get_value_as_int (count);
    }

  if (!rounds_store_set_recurrence (_rounds_calendar_page_get_store (self), rounds_post_get_id (post), rule, &error))
    toast_plain (self, error->message);
  else
    _rounds_calendar_page_toast (self, rule != NULL ? _("The post repeats") : _("The post no longer repeats"));
  rounds_calendar_page_refresh (self);
}

void
_rounds_calendar_page_repeat_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  RoundsCalendarPage *self = ROUNDS_CALENDAR_PAGE (widget);
  g_autoptr(RoundsRecurrence) current = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  RepeatChoice *choice;
  GtkWidget *box, *none, *weekly, *monthly, *count_box, *count_label, *count;
  RoundsPost *post = NULL;
  gint64 when = 0;

  if (!_rounds_calendar_page_has_context (self))
    return;
  if (!_rounds_calendar_page_get_selected (self, &post, &when) || rounds_post_get_scheduled_at (post) <= 0)
    {
      _rounds_calendar_page_toast (self, _("Select a post with a time first: move the keyboard focus to it"));
      return;
    }

  current = rounds_store_dup_recurrence (_rounds_calendar_page_get_store (self), rounds_post_get_id (post));
  title = rounds_post_dup_display_title (post);
  /* TRANSLATORS: %s is a post's title */
  body = g_strdup_printf (_("Post “%s” again at the same time of day, counting this one."), title);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (_rounds_calendar_page_get_window (self),
                                                       _("Repeat Post"), body));

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  none = gtk_check_button_new_with_mnemonic (_("_Does not repeat"));
  weekly = gtk_check_button_new_with_mnemonic (_("Every _week"));
  monthly = gtk_check_button_new_with_mnemonic (_("Every _month (same day)"));
  gtk_check_button_set_group (GTK_CHECK_BUTTON (weekly), GTK_CHECK_BUTTON (none));
  gtk_check_button_set_group (GTK_CHECK_BUTTON (monthly), GTK_CHECK_BUTTON (none));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (current == NULL ? none :
                                                 current->freq == ROUNDS_RECURRENCE_WEEKLY
                                                   ? weekly : monthly), TRUE);
  count_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  count_label = gtk_label_new_with_mnemonic (_("_Times in all"));
  count = gtk_spin_button_new_with_range (2, 52, 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (count),
                             current != NULL && current->count > 1 ? current->count : 4);
  gtk_label_set_mnemonic_widget (GTK_LABEL (count_label), count);
  gtk_accessible_update_property (GTK_ACCESSIBLE (count), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Times in all"), -1);
  gtk_box_append (GTK_BOX (count_box), count_label);
  gtk_box_append (GTK_BOX (count_box), count);
  gtk_box_append (GTK_BOX (box), none);
  gtk_box_append (GTK_BOX (box), weekly);
  gtk_box_append (GTK_BOX (box), monthly);
  gtk_box_append (GTK_BOX (box), count_box);
  adw_message_dialog_set_extra_child (dialog, box);

  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "apply", _("_Apply"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "apply", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "apply");
  adw_message_dialog_set_close_response (dialog, "cancel");
  choice = g_new0 (RepeatChoice, 1);
  choice->self = g_object_ref (self);
  choice->post = g_object_ref (post);
  choice->weekly = GTK_CHECK_BUTTON (weekly);
  choice->monthly = GTK_CHECK_BUTTON (monthly);
  choice->count = GTK_SPIN_BUTTON (count);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_repeat_response_cb), choice,
                         repeat_choice_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
