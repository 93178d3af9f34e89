/* rounds-newsletter-dialog.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-newsletter-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "rounds-newsletter-dialog.h"

/* The newsletter draft. The core renders and checks it
 * (rounds-newsletter.h); this window picks the month and the posts,
 * shows what the check found, and hands the draft to the mail program
 * or to a file. */

#define N_MONTHS 12

struct _RoundsNewsletterDialog
{
  AdwWindow         parent_instance;

  /* owned */
  RoundsContext    *context;
  GTimeZone        *tz;
  GPtrArray        *posts;        /* RoundsFeedEntry of the month */
  GHashTable       *left_out;     /* post ids (gint64 *) */
  GHashTable       *flagged;      /* post ids the check found a patient in */
  RoundsNewsletter *draft;
  GPtrArray        *findings;
  GtkFileChooserNative *chooser;
  int               years[N_MONTHS];
  int               months[N_MONTHS];
  int               year;
  int               month;

  /* widgets */
  AdwComboRow      *month_row;
  AdwPreferencesGroup *check_group;
  GtkListBox       *findings_list;
  GtkLabel         *check_label;
  AdwPreferencesGroup *posts_group;
  GtkListBox       *posts_list;
  AdwActionRow     *subject_row;
  GtkTextView      *preview;
  GtkWidget        *mail_button;
  GtkWidget        *save_button;
  GtkLabel         *error_label;
};

G_DEFINE_FINAL_TYPE (RoundsNewsletterDialog, rounds_newsletter_dialog, ADW_TYPE_WINDOW)

typedef struct
{
  RoundsNewsletterDialog *self;
  gint64                  post_id;
} PostToggle;

static void rebuild (RoundsNewsletterDialog *self);

static gboolean
is_left_out (RoundsNewsletterDialog *self,
             gint64                  post_id)
{
  return g_hash_table_contains (self->left_out, &post_id);
}

static const char *
post_title (RoundsNewsletterDialog *self,
            gint64                  post_id)
{
  for (guint i = 0; i < self->posts->len; i++)
    if (((RoundsFeedEntry *)self->posts->pdata[i])->post_id == post_id)
      return ((RoundsFeedEntry *)self->posts->pdata[i])->title;
  return NULL;
}

static char *
excerpt (const char *text,
         guint       start,
         guint       end)
{
  g_autofree char *span = g_utf8_substring (text, start, end);

  if (g_utf8_strlen (span, -1) <= 60)
    return g_steal_pointer (&span);
  {
    g_autofree char *cut = g_utf8_substring (span, 0, 59);
    return g_strconcat (cut, "…", NULL);
  }
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
show_error (RoundsNewsletterDialog *self,
            const char             *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
update_findings (RoundsNewsletterDialog *self)
{
  guint blocking = 0;

  clear_list (self->findings_list);
  for (guint i = 0; self->findings != NULL && i < self->findings->len; i++)
    {
      RoundsFinding *finding = self->findings->pdata[i];
      GtkWidget *row = adw_action_row_new ();
      gboolean blocks = rounds_finding_get_severity (finding) == ROUNDS_FINDING_SEVERITY_BLOCK;
      gint64 post_id = rounds_newsletter_post_at (self->draft, rounds_finding_get_start (finding));
      g_autofree char *quote = excerpt (self->draft->text, rounds_finding_get_start (finding),
                                        rounds_finding_get_end (finding));
      g_autofree char *title = g_markup_printf_escaped ("“%s”", quote);
      g_autofree char *subtitle = NULL;

      blocking += blocks;
      if (post_id != 0)
        /* TRANSLATORS: a finding's message, then the post it is in */
        subtitle = g_markup_printf_escaped (_("%s In the post “%s”."),
                                            rounds_finding_get_message (finding),
                                            post_title (self, post_id));
      else
        subtitle = g_markup_escape_text (rounds_finding_get_message (finding), -1);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name (blocks ? "dialog-error-symbolic"
                                                                      : "dialog-warning-symbolic"));
      gtk_list_box_append (self->findings_list, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->findings_list),
                          self->findings != NULL && self->findings->len > 0);
  gtk_widget_remove_css_class (GTK_WIDGET (self->check_label), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->check_label), "success");
  if (blocking > 0)
    {
      g_autofree char *text =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "The check found %u passage that could identify a "
                                      "patient. Leave its post out, or fix the post, before "
                                      "the newsletter leaves.",
                                      "The check found %u passages that could identify a "
                                      "patient. Leave their posts out, or fix the posts, before "
                                      "the newsletter leaves.", blocking), blocking);

      gtk_label_set_text (self->check_label, text);
      gtk_widget_add_css_class (GTK_WIDGET (self->check_label), "error");
    }
  else if (self->findings != NULL && self->findings->len > 0)
    gtk_label_set_text (self->check_label,
                        _("The check found something to look at below; nothing must be fixed."));
  else
    {
      gtk_label_set_text (self->check_label, _("The check found nothing in this newsletter."));
      gtk_widget_add_css_class (GTK_WIDGET (self->check_label), "success");
    }

  gtk_widget_set_sensitive (self->mail_button, blocking == 0);
  gtk_widget_set_sensitive (self->save_button, blocking == 0);
}

/* Returns whether it changed anything; the draft is rebuilt then. */
static gboolean
apply_included (RoundsNewsletterDialog *self,
                gint64                  post_id,
                gboolean                included)
{
  if (included == !is_left_out (self, post_id))
    return FALSE;
  if (included)
    g_hash_table_remove (self->left_out, &post_id);
  else
    g_hash_table_add (self->left_out, g_memdup2 (&post_id, sizeof post_id));
  rebuild (self);
  return TRUE;
}

static void
on_post_toggled_cb (GtkCheckButton *check,
                    PostToggle     *toggle)
{
  apply_included (toggle->self, toggle->post_id, gtk_check_button_get_active (check));
}

static void
update_posts (RoundsNewsletterDialog *self)
{
  clear_list (self->posts_list);
  for (guint i = 0; i < self->posts->len; i++)
    {
      RoundsFeedEntry *entry = self->posts->pdata[i];
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      PostToggle *toggle = g_new0 (PostToggle, 1);
      g_autofree char *title = g_markup_escape_text (entry->title, -1);
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (entry->published);
      g_autoptr(GDateTime) local = g_date_time_to_timezone (when, self->tz);
      g_autofree char *day = g_date_time_format (local, _("%A %-d %B"));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      if (g_hash_table_contains (self->flagged, &entry->post_id))
        {
          /* TRANSLATORS: a post's day, then why it starts left out */
          g_autofree char *subtitle =
            g_strdup_printf (_("%s. Left out: the check found something in it that could "
                               "identify a patient."), day);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
        }
      else
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), day);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), !is_left_out (self, entry->post_id));
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      /* Named by the row's title (docs/decisions.md, "A name is set once"). */
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      toggle->self = self;
      toggle->post_id = entry->post_id;
      g_signal_connect_data (check, "toggled", G_CALLBACK (on_post_toggled_cb), toggle,
                             (GClosureNotify)g_free, 0);
      gtk_list_box_append (self->posts_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->posts_group), self->posts->len > 0);
}

static RoundsNewsletterInfo
info_for (RoundsNewsletterDialog *self)
{
  RoundsPractice *practice = rounds_store_get_practice (rounds_context_get_store (self->context));
  const char * const *phones = practice != NULL ? rounds_practice_get_phones (practice) : NULL;
  const char * const *emails = practice != NULL ? rounds_practice_get_emails (practice) : NULL;
  RoundsNewsletterInfo info = {
    .practice = practice != NULL ? rounds_practice_get_name (practice) : NULL,
    .website = practice != NULL ? rounds_practice_get_website (practice) : NULL,
    .phone = phones != NULL ? phones[0] : NULL,
    .email = emails != NULL ? emails[0] : NULL,
    .year = self->year,
    .month = self->month,
    .tz = self->tz,
  };

  return info;
}

/* Renders and checks the draft with the posts not left out. */
static void
rebuild (RoundsNewsletterDialog *self)
{
  g_autoptr(GPtrArray) included = g_ptr_array_new ();
  g_autoptr(GPtrArray) observances = rounds_newsletter_upcoming (self->year, self->month);
  g_autoptr(RoundsComplianceProfile) profile =
    rounds_context_dup_compliance_profile (self->context);
  g_autoptr(GError) error = NULL;
  RoundsNewsletterInfo info = info_for (self);

  for (guint i = 0; i < self->posts->len; i++)
    if (!is_left_out (self, ((RoundsFeedEntry *)self->posts->pdata[i])->post_id))
      g_ptr_array_add (included, self->posts->pdata[i]);

  g_clear_pointer (&self->draft, rounds_newsletter_free);
  g_clear_pointer (&self->findings, g_ptr_array_unref);
  self->draft = rounds_newsletter_render (&info, included, observances);
  self->findings = rounds_newsletter_check (self->draft, rounds_context_get_scanner (self->context),
                                            profile, &error);
  if (self->findings == NULL)
    {
      g_warning ("The newsletter could not be checked: %s", error->message);
      /* Unchecked text never leaves: treat it as blocked. */
      self->findings = g_ptr_array_new_with_free_func ((GDestroyNotify)rounds_finding_unref);
      gtk_widget_set_sensitive (self->mail_button, FALSE);
      gtk_widget_set_sensitive (self->save_button, FALSE);
      show_error (self, _("The newsletter could not be checked, so it cannot leave."));
      return;
    }

  {
    g_autofree char *subject = g_markup_escape_text (self->draft->subject, -1);
    adw_action_row_set_subtitle (self->subject_row, subject);
  }
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->preview), self->draft->text, -1);
  update_findings (self);
}

/* A new month: its posts, and those the check finds a patient in are
 * left out from the start (the user can put them back and see why). */
static void
load_month (RoundsNewsletterDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) posts = rounds_newsletter_collect (rounds_context_get_store (self->context),
                                                          self->year, self->month, self->tz,
                                                          &error);

  show_error (self, NULL);
  g_hash_table_remove_all (self->left_out);
  g_hash_table_remove_all (self->flagged);
  g_clear_pointer (&self->posts, g_ptr_array_unref);
  if (posts == NULL)
    {
      g_warning ("The month's posts could not be read: %s", error->message);
      show_error (self, _("The month's posts could not be read."));
      posts = g_ptr_array_new_with_free_func ((GDestroyNotify)rounds_feed_entry_free);
    }
  self->posts = g_steal_pointer (&posts);

  rebuild (self);
  for (guint i = 0; self->findings != NULL && i < self->findings->len; i++)
    {
      RoundsFinding *finding = self->findings->pdata[i];
      gint64 post_id;

      if (rounds_finding_get_severity (finding) != ROUNDS_FINDING_SEVERITY_BLOCK)
        continue;
      post_id = rounds_newsletter_post_at (self->draft, rounds_finding_get_start (finding));
      if (post_id != 0)
        {
          g_hash_table_add (self->left_out, g_memdup2 (&post_id, sizeof post_id));
          g_hash_table_add (self->flagged, g_memdup2 (&post_id, sizeof post_id));
        }
    }
  update_posts (self);
  rebuild (self);
}

static void
on_month_selected_cb (AdwComboRow            *row,
                      GParamSpec             *pspec,
                      RoundsNewsletterDialog *self)
{
  guint i = adw_combo_row_get_selected (row);

  if (i >= N_MONTHS || (self->years[i] == self->year && self->months[i] == self->month))
    return;
  self->year = self->years[i];
  self->month = self->months[i];
  load_month (self);
}

static void
mail_shown_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(RoundsNewsletterDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error))
    return;
  G_GNUC_END_IGNORE_DEPRECATIONS
  g_debug ("No mail program: %s", error->message);
  show_error (self, _("No mail program opened the newsletter. Save it as an e-mail file "
                      "instead, and open that in your mail program."));
}

static void
on_mail_clicked_cb (RoundsNewsletterDialog *self)
{
  g_autofree char *uri = NULL;

  if (!rounds_newsletter_dialog_can_export (self))
    return;
  show_error (self, NULL);
  uri = rounds_newsletter_to_mailto (self->draft);
  /* GTK 4.8: gtk_show_uri_full (GtkUriLauncher comes with 4.10). */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_show_uri_full (GTK_WINDOW (self), uri, GDK_CURRENT_TIME, NULL, mail_shown_cb,
                     g_object_ref (self));
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
on_chooser_response_cb (GtkNativeDialog        *dialog,
                        int                     response,
                        RoundsNewsletterDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autoptr(GError) error = NULL;

      if (!rounds_newsletter_dialog_save (self, file, &error))
        {
          g_autofree char *message = g_strdup_printf (_("The newsletter was not saved: %s"),
                                                      error->message);
          show_error (self, message);
        }
    }
  g_clear_object (&self->chooser);
}

static void
on_save_clicked_cb (RoundsNewsletterDialog *self)
{
  g_autofree char *name = g_strdup_printf ("newsletter-%04d-%02d.eml", self->year, self->month);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (!rounds_newsletter_dialog_can_export (self))
    return;
  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Save Newsletter"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  gtk_file_filter_set_name (filter, _("E-mail messages"));
  gtk_file_filter_add_pattern (filter, "*.eml");
  gtk_file_filter_add_mime_type (filter, "message/rfc822");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
rounds_newsletter_dialog_dispose (GObject *object)
{
  RoundsNewsletterDialog *self = ROUNDS_NEWSLETTER_DIALOG (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  G_OBJECT_CLASS (rounds_newsletter_dialog_parent_class)->dispose (object);
}

static void
rounds_newsletter_dialog_finalize (GObject *object)
{
  RoundsNewsletterDialog *self = ROUNDS_NEWSLETTER_DIALOG (object);

  g_clear_object (&self->context);
  g_clear_pointer (&self->tz, g_time_zone_unref);
  g_clear_pointer (&self->posts, g_ptr_array_unref);
  g_clear_pointer (&self->left_out, g_hash_table_unref);
  g_clear_pointer (&self->flagged, g_hash_table_unref);
  g_clear_pointer (&self->draft, rounds_newsletter_free);
  g_clear_pointer (&self->findings, g_ptr_array_unref);
  G_OBJECT_CLASS (rounds_newsletter_dialog_parent_class)->finalize (object);
}

static void
rounds_newsletter_dialog_class_init (RoundsNewsletterDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rounds_newsletter_dialog_dispose;
  object_class->finalize = rounds_newsletter_dialog_finalize;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static GtkWidget *
boxed_list (const char *accessible_label)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_label, -1);
  return list;
}

static void
rounds_newsletter_dialog_init (RoundsNewsletterDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *close = gtk_button_new_with_mnemonic (_("_Close"));
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *month_group = adw_preferences_group_new ();
  GtkWidget *preview_group = adw_preferences_group_new ();

  /* Its checks run on the main thread: the scanner, not loaded at start,
   * is loaded on a worker meanwhile (issue 17). */
  rounds_scanner_get_default_async (NULL, NULL, NULL);

  self->left_out = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->flagged = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 760, 720);
  gtk_window_set_title (GTK_WINDOW (self), _("Newsletter Draft"));

  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  g_signal_connect_swapped (close, "clicked", G_CALLBACK (gtk_window_close), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), close);
  self->mail_button = gtk_button_new_with_mnemonic (_("_Open in Mail Program"));
  gtk_widget_add_css_class (self->mail_button, "suggested-action");
  g_signal_connect_swapped (self->mail_button, "clicked", G_CALLBACK (on_mail_clicked_cb), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->mail_button);
  self->save_button = gtk_button_new_with_mnemonic (_("_Save as E-mail File…"));
  g_signal_connect_swapped (self->save_button, "clicked", G_CALLBACK (on_save_clicked_cb), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->save_button);
  gtk_box_append (GTK_BOX (box), header);

  /* The month. */
  adw_preferences_group_set_description (
    ADW_PREFERENCES_GROUP (month_group),
    _("A newsletter for the practice's own e-mail tool: the month's published posts and the "
      "health observances of the month after. Rounds checks it like a post."));
  self->month_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->month_row), _("Month"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (month_group), GTK_WIDGET (self->month_row));
  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_label_set_xalign (self->error_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_widget_set_margin_top (GTK_WIDGET (self->error_label), 12);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (month_group), GTK_WIDGET (self->error_label));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (month_group));

  /* The check. */
  self->check_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->check_group, _("Check"));
  self->check_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->check_label, TRUE);
  gtk_label_set_xalign (self->check_label, 0);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->check_label), 12);
  adw_preferences_group_add (self->check_group, GTK_WIDGET (self->check_label));
  self->findings_list = GTK_LIST_BOX (boxed_list (_("What the check found")));
  adw_preferences_group_add (self->check_group, GTK_WIDGET (self->findings_list));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), self->check_group);

  /* The posts. */
  self->posts_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->posts_group, _("Posts"));
  adw_preferences_group_set_description (self->posts_group,
                                         _("Uncheck a post to leave it out of the newsletter."));
  self->posts_list = GTK_LIST_BOX (boxed_list (_("The month's posts")));
  adw_preferences_group_add (self->posts_group, GTK_WIDGET (self->posts_list));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), self->posts_group);

  /* What it says. */
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (preview_group), _("Preview"));
  self->subject_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->subject_row), _("Subject"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (preview_group),
                             GTK_WIDGET (self->subject_row));
  self->preview = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_editable (self->preview, FALSE);
  gtk_text_view_set_wrap_mode (self->preview, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (self->preview, 12);
  gtk_text_view_set_bottom_margin (self->preview, 12);
  gtk_text_view_set_left_margin (self->preview, 12);
  gtk_text_view_set_right_margin (self->preview, 12);
  gtk_widget_add_css_class (GTK_WIDGET (self->preview), "card");
  gtk_widget_set_margin_top (GTK_WIDGET (self->preview), 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->preview), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("The newsletter as plain text"), -1);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (preview_group), GTK_WIDGET (self->preview));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (preview_group));

  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);
  adw_window_set_content (ADW_WINDOW (self), box);
}

RoundsNewsletterDialog *
rounds_newsletter_dialog_new (GtkWindow     *parent,
                              RoundsContext *context)
{
  RoundsNewsletterDialog *self;
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) month = NULL;

  g_return_val_if_fail (ROUNDS_IS_CONTEXT (context), NULL);

  self = g_object_new (ROUNDS_TYPE_NEWSLETTER_DIALOG, "transient-for", parent, NULL);
  self->context = g_object_ref (context);
  self->tz = rounds_context_dup_time_zone (context);

  /* This month and the eleven before, the month before this one first
   * chosen: the newsletter tells of a month that is over. */
  now = g_date_time_new_from_unix_utc (rounds_clock_get_now (rounds_context_get_clock (context)));
  month = g_date_time_to_timezone (now, self->tz);
  for (guint i = 0; i < N_MONTHS; i++)
    {
      g_autoptr(GDateTime) m = g_date_time_add_months (month, -(int)i);
      g_autoptr(GDateTime) noon = g_date_time_new_utc (g_date_time_get_year (m),
                                                       g_date_time_get_month (m), 1, 12, 0, 0);
      g_autofree char *label = g_date_time_format (noon, C_("newsletter", "%B %Y"));

      self->years[i] = g_date_time_get_year (m);
      self->months[i] = g_date_time_get_month (m);
      gtk_string_list_append (labels, label);
    }
  adw_combo_row_set_model (self->month_row, G_LIST_MODEL (labels));
  self->year = self->years[1];
  self->month = self->months[1];
  adw_combo_row_set_selected (self->month_row, 1);
  g_signal_connect (self->month_row, "notify::selected", G_CALLBACK (on_month_selected_cb), self);
  load_month (self);
  return self;
}

void
rounds_newsletter_dialog_set_month (RoundsNewsletterDialog *self,
                                    int                     year,
                                    int                     month)
{
  g_return_if_fail (ROUNDS_IS_NEWSLETTER_DIALOG (self));

  for (guint i = 0; i < N_MONTHS; i++)
    if (self->years[i] == year && self->months[i] == month)
      {
        adw_combo_row_set_selected (self->month_row, i);
        return;
      }
  self->year = year;
  self->month = month;
  load_month (self);
}

RoundsNewsletter *
rounds_newsletter_dialog_get_draft (RoundsNewsletterDialog *self)
{
  g_return_val_if_fail (ROUNDS_IS_NEWSLETTER_DIALOG (self), NULL);
  return self->draft;
}

gboolean
rounds_newsletter_dialog_can_export (RoundsNewsletterDialog *self)
{
  g_return_val_if_fail (ROUNDS_IS_NEWSLETTER_DIALOG (self), FALSE);
  return self->draft != NULL && self->findings != NULL &&
         !rounds_findings_have_blocking (self->findings) &&
         gtk_widget_get_sensitive (self->save_button);
}

void
rounds_newsletter_dialog_set_included (RoundsNewsletterDialog *self,
                                       gint64                  post_id,
                                       gboolean                included)
{
  g_return_if_fail (ROUNDS_IS_NEWSLETTER_DIALOG (self));

  if (apply_included (self, post_id, included))
    update_posts (self);
}

/**
 * rounds_newsletter_dialog_save:
 *
 * Saves the draft as an .eml file (refused while a finding must be
 * fixed).
 */
gboolean
rounds_newsletter_dialog_save (RoundsNewsletterDialog  *self,
                               GFile                   *file,
                               GError                 **error)
{
  RoundsNewsletterInfo info;
  g_autoptr(GBytes) eml = NULL;

  g_return_val_if_fail (ROUNDS_IS_NEWSLETTER_DIALOG (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (!rounds_newsletter_dialog_can_export (self))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                           _("The check found something that must be fixed first."));
      return FALSE;
    }
  info = info_for (self);
  eml = rounds_newsletter_to_eml (self->draft, info.practice, info.email,
                                  rounds_clock_get_now (rounds_context_get_clock (self->context)));
  /* A small file: written at once, through a temporary file. */
  return g_file_replace_contents (file, g_bytes_get_data (eml, NULL), g_bytes_get_size (eml),
                                  NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL,
                                  error);
}
