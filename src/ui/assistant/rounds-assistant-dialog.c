/* rounds-assistant-dialog.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-assistant-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "rounds-assistant-dialog.h"

/* One request to the writing assistant, from the editor. The answer is
 * a suggestion: it replaces nothing until the user presses Use, and the
 * editor's live check then marks it like typed text. */

struct _RoundsAssistantDialog
{
  AdwWindow        parent_instance;

  RoundsAssistant *assistant;
  GCancellable    *cancellable;
  char            *text;
  char            *practice;
  char            *network;
  char            *review_kind;
  RoundsAssistRequest request;
  const char      *state;

  GtkStack        *stack;
  AdwStatusPage   *blocked_page;
  GtkListBox      *blocked_list;
  GtkLabel        *running_label;
  AdwStatusPage   *failed_page;
  GtkTextView     *suggestion_view;
  GtkLabel        *findings_label;
  GtkWidget       *use_button;
  GtkWidget       *cancel_button;
};

G_DEFINE_FINAL_TYPE (RoundsAssistantDialog, rounds_assistant_dialog, ADW_TYPE_WINDOW)

enum { ACCEPTED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
show_state (RoundsAssistantDialog *self,
            const char            *state)
{
  self->state = state;
  gtk_stack_set_visible_child_name (self->stack, state);
  gtk_widget_set_visible (self->use_button, g_str_equal (state, "ready"));
  gtk_button_set_label (GTK_BUTTON (self->cancel_button),
                        g_str_equal (state, "running") ? _("_Cancel")
                        : g_str_equal (state, "ready") ? _("_Discard") : _("_Close"));
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
show_blocked (RoundsAssistantDialog *self,
              const GError          *error,
              GPtrArray             *findings)
{
  adw_status_page_set_description (self->blocked_page, error->message);
  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      RoundsFinding *finding = findings->pdata[i];
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *quote = excerpt (self->text, rounds_finding_get_start (finding),
                                        rounds_finding_get_end (finding));
      g_autofree char *title = g_markup_printf_escaped ("“%s”", quote);
      g_autofree char *subtitle = g_markup_escape_text (rounds_finding_get_message (finding), -1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("dialog-error-symbolic"));
      gtk_list_box_append (self->blocked_list, row);
    }
  show_state (self, "blocked");
}

static void
progress_cb (const char *so_far,
             gpointer    user_data)
{
  RoundsAssistantDialog *self = user_data;

  gtk_label_set_text (self->running_label, so_far);
}

static void
run_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(RoundsAssistantDialog) self = user_data;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *answer = rounds_assistant_run_finish (ROUNDS_ASSISTANT (source), result,
                                                         &findings, &error);
  guint blocking = 0;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (answer == NULL)
    {
      adw_status_page_set_description (self->failed_page, error->message);
      show_state (self, "failed");
      return;
    }

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->suggestion_view), answer, -1);
  for (guint i = 0; findings != NULL && i < findings->len; i++)
    blocking += rounds_finding_get_severity (findings->pdata[i]) == ROUNDS_FINDING_SEVERITY_BLOCK;

  if (findings == NULL || findings->len == 0)
    gtk_label_set_text (self->findings_label,
                        _("The check found nothing in this suggestion. Read it before you use "
                          "it: it is your post."));
  else
    {
      g_autofree char *text =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "The check found %u problem in this suggestion (%u must "
                                      "be fixed). It will be marked in the editor.",
                                      "The check found %u problems in this suggestion (%u must "
                                      "be fixed). They will be marked in the editor.",
                                      findings->len),
                         findings->len, blocking);

      gtk_label_set_text (self->findings_label, text);
      gtk_widget_add_css_class (GTK_WIDGET (self->findings_label), "warning");
    }
  show_state (self, "ready");
}

static void
start (RoundsAssistantDialog *self)
{
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) error = NULL;

  /* Checked here first, so that the findings can be listed; the run
   * checks again before it sends anything. */
  if (!rounds_assistant_check (self->assistant, &self->request, &findings, &error))
    {
      if (g_error_matches (error, ROUNDS_ASSISTANT_ERROR, ROUNDS_ASSISTANT_ERROR_BLOCKED))
        {
          /* The run logs the refusal. */
          rounds_assistant_run_async (self->assistant, &self->request, NULL, NULL, NULL, NULL,
                                      NULL);
          show_blocked (self, error, findings);
        }
      else
        {
          adw_status_page_set_description (self->failed_page, error->message);
          show_state (self, "failed");
        }
      return;
    }

  show_state (self, "running");
  rounds_assistant_run_async (self->assistant, &self->request, progress_cb, self,
                              self->cancellable, run_done_cb, g_object_ref (self));
}

static void
on_cancel_clicked_cb (RoundsAssistantDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
on_use_clicked_cb (RoundsAssistantDialog *self)
{
  g_autofree char *text = rounds_assistant_dialog_dup_text (self);

  g_signal_emit (self, signals[ACCEPTED], 0, text);
  gtk_window_close (GTK_WINDOW (self));
}

static void
on_retry_clicked_cb (RoundsAssistantDialog *self)
{
  start (self);
}

char *
rounds_assistant_dialog_dup_text (RoundsAssistantDialog *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start_iter, end_iter;

  g_return_val_if_fail (ROUNDS_IS_ASSISTANT_DIALOG (self), NULL);

  buffer = gtk_text_view_get_buffer (self->suggestion_view);
  gtk_text_buffer_get_bounds (buffer, &start_iter, &end_iter);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start_iter, &end_iter, FALSE));
}

const char *
rounds_assistant_dialog_get_state (RoundsAssistantDialog *self)
{
  g_return_val_if_fail (ROUNDS_IS_ASSISTANT_DIALOG (self), NULL);
  return self->state;
}

static void
rounds_assistant_dialog_dispose (GObject *object)
{
  RoundsAssistantDialog *self = ROUNDS_ASSISTANT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  G_OBJECT_CLASS (rounds_assistant_dialog_parent_class)->dispose (object);
}

static void
rounds_assistant_dialog_finalize (GObject *object)
{
  RoundsAssistantDialog *self = ROUNDS_ASSISTANT_DIALOG (object);

  g_clear_object (&self->assistant);
  g_clear_object (&self->cancellable);
  g_free (self->text);
  g_free (self->practice);
  g_free (self->network);
  g_free (self->review_kind);
  G_OBJECT_CLASS (rounds_assistant_dialog_parent_class)->finalize (object);
}

static void
rounds_assistant_dialog_class_init (RoundsAssistantDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rounds_assistant_dialog_dispose;
  object_class->finalize = rounds_assistant_dialog_finalize;

  signals[ACCEPTED] = g_signal_new ("accepted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static GtkWidget *
scrolled (GtkWidget *child)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), child);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);
  return scroller;
}

static void
rounds_assistant_dialog_init (RoundsAssistantDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *running = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *spinner = gtk_spinner_new ();
  GtkWidget *ready = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *retry = gtk_button_new_with_mnemonic (_("_Try Again"));

  self->cancellable = g_cancellable_new ();
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 480);
  gtk_window_set_title (GTK_WINDOW (self), _("Writing Assistant"));

  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  self->cancel_button = gtk_button_new_with_mnemonic (_("_Cancel"));
  g_signal_connect_swapped (self->cancel_button, "clicked", G_CALLBACK (on_cancel_clicked_cb), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), self->cancel_button);
  self->use_button = gtk_button_new_with_mnemonic (_("_Use Suggestion"));
  gtk_widget_add_css_class (self->use_button, "suggested-action");
  g_signal_connect_swapped (self->use_button, "clicked", G_CALLBACK (on_use_clicked_cb), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->use_button);
  gtk_box_append (GTK_BOX (box), header);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);

  /* Asking. */
  gtk_widget_set_margin_top (running, 24);
  gtk_widget_set_margin_start (running, 24);
  gtk_widget_set_margin_end (running, 24);
  gtk_widget_set_margin_bottom (running, 24);
  gtk_spinner_set_spinning (GTK_SPINNER (spinner), TRUE);
  gtk_widget_set_halign (spinner, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spinner), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Waiting for the writing assistant"), -1);
  gtk_box_append (GTK_BOX (running), spinner);
  self->running_label = GTK_LABEL (gtk_label_new (_("Asking the writing assistant…")));
  gtk_label_set_wrap (self->running_label, TRUE);
  gtk_label_set_xalign (self->running_label, 0);
  gtk_label_set_selectable (self->running_label, FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self->running_label), "dim-label");
  gtk_box_append (GTK_BOX (running), scrolled (GTK_WIDGET (self->running_label)));
  gtk_stack_add_named (self->stack, running, "running");

  /* Refused before sending. */
  self->blocked_page = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->blocked_page, "security-high-symbolic");
  adw_status_page_set_title (self->blocked_page, _("Nothing Was Sent"));
  self->blocked_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->blocked_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->blocked_list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->blocked_list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("What could identify a patient"), -1);
  /* The status page scrolls: the findings are its child, so that a long
   * list never squeezes its title. */
  adw_status_page_set_child (self->blocked_page, GTK_WIDGET (self->blocked_list));
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->blocked_page), "blocked");

  /* Failed. */
  self->failed_page = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->failed_page, "dialog-warning-symbolic");
  adw_status_page_set_title (self->failed_page, _("No Suggestion"));
  gtk_widget_set_halign (retry, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (retry, "pill");
  g_signal_connect_swapped (retry, "clicked", G_CALLBACK (on_retry_clicked_cb), self);
  adw_status_page_set_child (self->failed_page, retry);
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->failed_page), "failed");

  /* The suggestion. */
  gtk_widget_set_margin_top (ready, 18);
  gtk_widget_set_margin_start (ready, 18);
  gtk_widget_set_margin_end (ready, 18);
  gtk_widget_set_margin_bottom (ready, 18);
  self->findings_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->findings_label, TRUE);
  gtk_label_set_xalign (self->findings_label, 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->findings_label),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("What the check found in the suggestion"), -1);
  gtk_box_append (GTK_BOX (ready), GTK_WIDGET (self->findings_label));
  self->suggestion_view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_wrap_mode (self->suggestion_view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (self->suggestion_view, 8);
  gtk_text_view_set_bottom_margin (self->suggestion_view, 8);
  gtk_text_view_set_left_margin (self->suggestion_view, 8);
  gtk_text_view_set_right_margin (self->suggestion_view, 8);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->suggestion_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Suggestion"), -1);
  gtk_widget_add_css_class (GTK_WIDGET (self->suggestion_view), "card");
  gtk_box_append (GTK_BOX (ready), scrolled (GTK_WIDGET (self->suggestion_view)));
  gtk_stack_add_named (self->stack, ready, "ready");

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->stack));
  adw_window_set_content (ADW_WINDOW (self), box);
}

RoundsAssistantDialog *
rounds_assistant_dialog_new (GtkWindow                 *parent,
                             RoundsAssistant           *assistant,
                             const RoundsAssistRequest *request,
                             const char                *use_label)
{
  RoundsAssistantDialog *self = g_object_new (ROUNDS_TYPE_ASSISTANT_DIALOG,
                                              "transient-for", parent, NULL);

  self->assistant = g_object_ref (assistant);
  self->text = g_strdup (request->text);
  self->practice = g_strdup (request->practice);
  self->network = g_strdup (request->network);
  self->review_kind = g_strdup (request->review_kind);
  self->request = *request;
  self->request.text = self->text;
  self->request.practice = self->practice;
  self->request.network = self->network;
  self->request.review_kind = self->review_kind;
  if (use_label != NULL)
    gtk_button_set_label (GTK_BUTTON (self->use_button), use_label);
  start (self);
  return self;
}
