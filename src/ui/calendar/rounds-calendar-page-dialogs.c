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

/* The problems of a refused file, one row each, in a list that scrolls:
 * every problem is there (issue 16), however many. */
static void
show_import_report (RoundsCalendarPage *self,
                    const char         *heading,
                    RoundsCsvReport    *report)
{
  AdwMessageDialog *dialog;
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *list = gtk_list_box_new ();

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (_rounds_calendar_page_get_window (self), heading,
                                                       _("Nothing was imported. Fix these rows "
                                                         "in the file and import it again.")));
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Problems in the file"), -1);
  for (guint i = 0; i < report->problems->len; i++)
    {
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *label = gtk_label_new (g_ptr_array_index (report->problems, i));

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_widget_set_margin_top (label, 6);
      gtk_widget_set_margin_bottom (label, 6);
      gtk_widget_set_margin_start (label, 12);
      gtk_widget_set_margin_end (label, 12);
      /* The focus goes to the (selectable) text of each problem, which a
       * screen reader says, not to a nameless row around it. (Naming the
       * rows instead made GTK 4.8's AT-SPI bridge crash when the dialog
       * closed.) */
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_widget_set_focusable (row, FALSE);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller),
                                              MIN (report->problems->len, 4) * 40);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 320);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);
  adw_message_dialog_set_extra_child (dialog, scroller);
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A file over one of the limits (ROUNDS_CSV_MAX_*): one message that
 * stays until read, saying which limit and what to do. */
static void
show_import_refused (RoundsCalendarPage *self,
                     const char         *reason)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (_rounds_calendar_page_get_window (self),
                                                       _("The File Was Not Imported"), reason));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* One import at a time: the file is read and checked in a worker
 * (rounds_csv_read_file_async()) while a dialog shows the progress and
 * can cancel; the rows are then written in one transaction. */
typedef struct
{
  RoundsCalendarPage *page;
  GCancellable       *cancellable;
  RoundsCsvProgress   progress;
  AdwMessageDialog   *dialog;       /* weak */
  GtkProgressBar     *bar;          /* weak, inside the dialog */
  guint               tick_id;
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  g_clear_handle_id (&job->tick_id, g_source_remove);
  if (job->dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (job->dialog), (gpointer *)&job->dialog);
      gtk_window_destroy (GTK_WINDOW (job->dialog));
    }
  g_clear_object (&job->cancellable);
  g_clear_object (&job->page);
  g_free (job);
}

static gboolean
on_import_tick_cb (gpointer user_data)
{
  ImportJob *job = user_data;
  int done = g_atomic_int_get (&job->progress.done);
  int total = g_atomic_int_get (&job->progress.total);

  if (job->bar == NULL || g_cancellable_is_cancelled (job->cancellable))
    return G_SOURCE_CONTINUE;

  if (total > 0)
    {
      g_autofree char *text = g_strdup_printf (_("Checked %d of %d rows"), done, total);

      gtk_progress_bar_set_fraction (job->bar, (double)done / total);
      gtk_progress_bar_set_text (job->bar, text);
    }
  else
    {
      gtk_progress_bar_pulse (job->bar);
      gtk_progress_bar_set_text (job->bar, _("Reading the file…"));
    }

  return G_SOURCE_CONTINUE;
}

static void
on_import_dialog_response_cb (AdwMessageDialog *dialog,
                              const char       *response,
                              ImportJob        *job)
{
  /* Cancel, Escape or closing the dialog: stop the worker. Nothing has
   * been written yet; the dialog goes, the job ends when the worker
   * returns. */
  g_cancellable_cancel (job->cancellable);
}

static void
on_import_read_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  ImportJob *job = user_data;
  RoundsCalendarPage *self = job->page;
  g_autoptr(RoundsCsvReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gboolean ok = rounds_csv_read_file_finish (result, &report, &error);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "calendar.import-csv", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "calendar.import-csv-file", TRUE);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      _rounds_calendar_page_toast (self, _("Import cancelled: nothing was imported"));
      goto out;
    }

  if (!_rounds_calendar_page_has_context (self))
    goto out;

  if (ok)
    ok = rounds_csv_import_rows (_rounds_calendar_page_get_store (self), report, &error);

  if (!ok)
    {
      /* A refused file lists its problems; a failed write is one message. */
      if (error->domain == ROUNDS_EXCHANGE_ERROR && report != NULL && report->problems->len > 0)
        show_import_report (self, error->message, report);
      else if (g_error_matches (error, ROUNDS_EXCHANGE_ERROR, ROUNDS_EXCHANGE_ERROR_TOO_BIG))
        show_import_refused (self, error->message);
      else
        {
          message = g_strdup_printf (_("The file could not be imported: %s"), error->message);
          toast_plain (self, message);
        }
      goto out;
    }

  if (report->duplicates > 0)
    message = g_strdup_printf (_("Imported %u new drafts; %u were already there"),
                               report->imported, report->duplicates);
  else
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %u draft",
                                            "Imported %u drafts", report->imported),
                               report->imported);
  _rounds_calendar_page_toast (self, message);
  rounds_calendar_page_refresh (self);

out:
  import_job_free (job);
}

static void
import_file (RoundsCalendarPage *self,
             GFile              *file)
{
  RoundsStore *store = _rounds_calendar_page_get_store (self);
  g_autoptr(GTimeZone) tz = _rounds_calendar_page_dup_tz (self);
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *body = g_strdup_printf (_("Checking every row of “%s” before anything is "
                                             "written."), name);
  ImportJob *job = g_new0 (ImportJob, 1);
  GtkWidget *bar = gtk_progress_bar_new ();

  job->page = g_object_ref (self);
  job->cancellable = g_cancellable_new ();

  job->dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (_rounds_calendar_page_get_window (self),
                                                            _("Importing Posts…"), body));
  g_object_add_weak_pointer (G_OBJECT (job->dialog), (gpointer *)&job->dialog);
  gtk_progress_bar_set_show_text (GTK_PROGRESS_BAR (bar), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Import progress"), -1);
  job->bar = GTK_PROGRESS_BAR (bar);
  g_object_add_weak_pointer (G_OBJECT (bar), (gpointer *)&job->bar);
  adw_message_dialog_set_extra_child (job->dialog, bar);
  adw_message_dialog_add_response (job->dialog, "cancel", _("_Cancel"));
  adw_message_dialog_set_close_response (job->dialog, "cancel");
  g_signal_connect (job->dialog, "response", G_CALLBACK (on_import_dialog_response_cb), job);
  gtk_window_present (GTK_WINDOW (job->dialog));

  on_import_tick_cb (job);
  job->tick_id = g_timeout_add (100, on_import_tick_cb, job);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "calendar.import-csv", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "calendar.import-csv-file", FALSE);

  rounds_csv_read_file_async (file, tz, rounds_clock_get_now (rounds_store_get_clock (store)),
                              &job->progress, job->cancellable, on_import_read_cb, job);
}

static void
on_import_response_cb (GtkNativeDialog    *dialog,
                       int                 response,
                       RoundsCalendarPage *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT && _rounds_calendar_page_has_context (self))
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      if (file != NULL)
        import_file (self, file);
    }

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

/* calendar.import-csv-file(uri): the same import for a file already
 * chosen (a file dropped on the window, tests). */
void
_rounds_calendar_page_import_csv_file_action (GtkWidget  *widget,
                                              const char *action_name,
                                              GVariant   *param)
{
  RoundsCalendarPage *self = ROUNDS_CALENDAR_PAGE (widget);
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (param, NULL));

  if (_rounds_calendar_page_has_context (self))
    import_file (self, file);
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
