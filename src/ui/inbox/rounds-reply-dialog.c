/* rounds-reply-dialog.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-inbox"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "rounds-assistant-dialog.h"
#include "rounds-audit-entry.h"
#include "rounds-inbox-private.h"
#include "rounds-network-limits.h"
#include "rounds-offline.h"
#include "rounds-pin-dialog.h"
#include "rounds-plan-inbox.h"
#include "rounds-reply-dialog.h"
#include "rounds-scanner.h"
#include "rounds-store-consents.h"
#include "rounds-store-publish.h"
#include "rounds-store-replies.h"

/* Answering one comment or review. The text is written in the post
 * editor's checker with kind = review reply and the reviewer's name in
 * the context (live marks, explanations, fixes, "keep with a reason",
 * stored for the reply). The crisis plan's safe replies are offered as
 * templates, best fit first. A reply with any finding, or any reply to a
 * complaint or possible crisis, needs a second person's approval (the
 * crisis plan's approver) before Send is possible; the store refuses it
 * too. A possible crisis opens the plan's checklist, every step logged.
 * With the writing assistant on (Preferences → Assistant), Suggest… asks
 * it for a safe reply, from the reply written so far or else the chosen
 * template, through the editor's assistant dialog: what would be sent
 * is scanned first and refused with the findings shown; the suggestion
 * is scanned too, and replaces the text only on Use, as one change that
 * Undo takes back. The review's own words are never sent. */

struct _RoundsReplyDialog
{
  AdwWindow           parent_instance;

  RoundsContext      *context;
  RoundsComment      *comment;
  RoundsReplySender  *sender;
  GSettings          *settings;    /* assistant-enabled shows Suggest… */
  JsonObject         *crisis;
  RoundsInboxFacts    facts;
  RoundsReply        *reply;       /* as stored, or NULL before the first save */
  GPtrArray          *templates;   /* RoundsReplyTemplate */
  GtkStringList      *template_titles;
  GCancellable       *cancellable;
  gboolean            checking_sponsorship;  /* setting the registry's findings */
  gboolean            sending;

  GtkLabel           *author_label;
  GtkLabel           *meta_label;
  GtkLabel           *kind_chip;
  GtkLabel           *comment_label;
  AdwPreferencesGroup *checklist_group;
  GtkListBox         *checklist_box;
  GtkDropDown        *template_dropdown;
  GtkButton          *suggest_button;
  RoundsPostEditor   *editor;
  GtkLabel           *limit_label;
  GtkLabel           *status_label;
  GtkLabel           *error_label;
  GtkButton          *submit_button;
  GtkButton          *approve_button;
  GtkButton          *send_button;
};

G_DEFINE_FINAL_TYPE (RoundsReplyDialog, rounds_reply_dialog, ADW_TYPE_WINDOW)

static void update_state (RoundsReplyDialog *self);

static RoundsStore *
store_of (RoundsReplyDialog *self)
{
  return rounds_context_get_store (self->context);
}

/* Where the reply goes on the network: the account the comment was
 * fetched from (rounds-inbox-poller.c), still connected, and the
 * comment's network id; the thread's root is what it answers, when the
 * network gave it. Items pasted by hand (and the sample's) have no
 * account: their replies are posted by hand. */
static gboolean
comment_target (RoundsReplyDialog  *self,
                RoundsAccount     **account,
                const char        **reply_to_id,
                const char        **root_id)
{
  gint64 account_id = rounds_comment_get_account_id (self->comment);
  const char *remote_id = rounds_comment_get_remote_id (self->comment);
  RoundsAccount *found;

  if (account_id == 0 || remote_id == NULL || rounds_comment_get_deleted_at (self->comment) != 0)
    return FALSE;
  found = rounds_store_lookup_account (store_of (self), account_id);
  if (found == NULL || rounds_account_get_state (found) != ROUNDS_ACCOUNT_STATE_CONNECTED)
    return FALSE;
  *account = found;
  *reply_to_id = remote_id;
  *root_id = rounds_comment_get_parent_remote_id (self->comment);
  return TRUE;
}

static gboolean
sends_through_network (RoundsReplyDialog *self)
{
  RoundsAccount *account = NULL;
  const char *to = NULL, *root = NULL;

  return self->sender != NULL && comment_target (self, &account, &to, &root);
}

static char *
dup_text (RoundsReplyDialog *self)
{
  return rounds_post_editor_dup_text (self->editor);
}

static void
show_error (RoundsReplyDialog *self,
            const char        *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

/* The findings on exactly @text, scanned now (not the last live result). */
static GPtrArray *
scan_now (RoundsReplyDialog *self,
          const char        *text)
{
  g_autoptr(RoundsComplianceProfile) profile = rounds_context_dup_compliance_profile (self->context);
  g_autoptr(GError) error = NULL;
  GPtrArray *findings;

  findings = rounds_scanner_scan (rounds_context_get_scanner (self->context), text, -1,
                                  ROUNDS_TEXT_KIND_REVIEW_REPLY,
                                  rounds_comment_get_author (self->comment), profile, &error);
  if (findings == NULL)
    {
      g_warning ("Could not check the reply to comment %" G_GINT64_FORMAT ": %s",
                 rounds_comment_get_id (self->comment), error->message);
      findings = g_ptr_array_new_with_free_func ((GDestroyNotify)rounds_finding_unref);
    }
  return findings;
}

static gboolean
text_needs_approval (RoundsReplyDialog *self,
                     GPtrArray         *findings)
{
  return rounds_reply_needs_approval (findings, _rounds_inbox_kind_is_sensitive (self->facts.kind));
}

static gboolean
text_is_approved (RoundsReplyDialog *self,
                  const char        *text)
{
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);

  return self->reply != NULL && self->reply->state == ROUNDS_REPLY_STATE_APPROVED &&
         g_strcmp0 (self->reply->text_sha256, hash) == 0;
}

static gboolean
is_done (RoundsReplyDialog *self)
{
  return self->reply != NULL && rounds_reply_state_is_done (self->reply->state);
}

/* Saves the text as the reply's draft (creating it), and the decisions
 * taken before the first save. */
static gboolean
save_reply (RoundsReplyDialog *self)
{
  g_autofree char *text = dup_text (self);
  g_autoptr(GError) error = NULL;
  RoundsReply *saved;

  saved = rounds_store_save_reply (store_of (self), rounds_comment_get_id (self->comment), text,
                                   &error);
  if (saved == NULL)
    {
      show_error (self, error->message);
      return FALSE;
    }
  g_clear_pointer (&self->reply, rounds_reply_free);
  self->reply = saved;
  if (!rounds_post_editor_flush_pending_reply_acks (self->editor, saved->id, &error))
    {
      show_error (self, error->message);
      return FALSE;
    }
  rounds_post_editor_set_reply_id (self->editor, saved->id);
  return TRUE;
}

static void
update_limit (RoundsReplyDialog *self,
              const char        *text)
{
  RoundsNetwork network = rounds_comment_get_network (self->comment);
  RoundsNetworkCount count;
  g_autofree char *label = NULL;

  rounds_network_measure (network, text, &count);
  if (rounds_network_count_is_over (&count))
    label = rounds_network_count_dup_problem (&count);
  else
    /* TRANSLATORS: "120 of 500 characters on Google" */
    label = g_strdup_printf (_("%u of %u %s on %s"), count.count, count.limit,
                             rounds_network_get_unit_label (network, count.limit),
                             rounds_network_get_label (network));
  gtk_label_set_text (self->limit_label, label);
  if (rounds_network_count_is_over (&count))
    gtk_widget_add_css_class (GTK_WIDGET (self->limit_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->limit_label), "error");
}

static gboolean
fits_network (RoundsReplyDialog *self,
              const char        *text)
{
  RoundsNetworkCount count;

  rounds_network_measure (rounds_comment_get_network (self->comment), text, &count);
  return !rounds_network_count_is_over (&count);
}

static void
update_state (RoundsReplyDialog *self)
{
  g_autofree char *text = dup_text (self);
  g_autofree char *status = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  GPtrArray *findings = rounds_post_editor_get_findings (self->editor);
  gboolean empty = stripped[0] == '\0';
  gboolean needs = text_needs_approval (self, findings);
  gboolean approved = text_is_approved (self, text);
  gboolean waiting = self->reply != NULL &&
                     self->reply->state == ROUNDS_REPLY_STATE_AWAITING_APPROVAL;
  gboolean done = is_done (self);
  g_autofree char *approver = rounds_plan_crisis_dup_approver (self->crisis, store_of (self), NULL);

  /* The text changed since it was sent for approval: the store will
   * drop the approval when it is saved. */
  if (self->reply != NULL && !done)
    {
      g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);

      if (g_strcmp0 (hash, self->reply->text_sha256) != 0)
        waiting = approved = FALSE;
    }

  update_limit (self, text);

  gtk_button_set_label (self->send_button, sends_through_network (self) ? _("_Send Reply")
                                                                         : _("Mark Answered by _Hand"));
  gtk_widget_set_visible (GTK_WIDGET (self->submit_button), !done && needs && !approved && !waiting);
  gtk_widget_set_visible (GTK_WIDGET (self->approve_button), !done && waiting);
  gtk_widget_set_visible (GTK_WIDGET (self->send_button), !done);
  /* Offline (practice server), nothing that records or sends a reply:
   * the buttons say why; the text stays editable but is not saved. */
  rounds_offline_apply (GTK_WIDGET (self->submit_button), store_of (self),
                        !empty && !self->sending, NULL);
  rounds_offline_apply (GTK_WIDGET (self->approve_button), store_of (self), TRUE,
                        _("A second person approves the reply"));
  rounds_offline_apply (GTK_WIDGET (self->send_button), store_of (self),
                        rounds_reply_dialog_can_send (self), NULL);
  rounds_offline_apply (GTK_WIDGET (self->checklist_box), store_of (self), TRUE, NULL);
  gtk_text_view_set_editable (rounds_post_editor_get_text_view (self->editor), !done && !self->sending);
  gtk_widget_set_sensitive (GTK_WIDGET (self->template_dropdown), !done);
  gtk_widget_set_sensitive (GTK_WIDGET (self->suggest_button), !done && !self->sending);

  if (done)
    status = g_strdup (self->reply->state == ROUNDS_REPLY_STATE_SENT
                         ? _("Sent. The reply and who approved it are in the audit log.")
                         : _("Marked as answered by hand. The reply and who approved it are in "
                             "the audit log."));
  else if (self->sending)
    status = g_strdup (_("Sending…"));
  else if (!rounds_store_get_online (store_of (self)))
    status = g_strdup (_("Read-only: the practice server cannot be reached. This reply cannot "
                         "be saved, approved or sent until it is back; keep the window open "
                         "and Rounds turns the buttons on again by itself."));
  else if (approved)
    /* TRANSLATORS: %s is the approver's name */
    status = g_strdup_printf (_("Approved by %s. It can go out now."), self->reply->approved_by);
  else if (waiting)
    status = g_strdup_printf (_("Waiting for %s to approve it."),
                              approver[0] != '\0' ? approver : _("a second person"));
  else if (needs && findings->len > 0)
    status = g_strdup_printf (_("The checker found problems in this reply: fix them, or ask %s "
                                "to approve it before it can go out."),
                              approver[0] != '\0' ? approver : _("a second person"));
  else if (needs)
    status = g_strdup_printf (_("Every reply to a complaint or a possible crisis needs %s’s "
                                "approval before it goes out."),
                              approver[0] != '\0' ? approver : _("a second person"));
  else if (!empty)
    status = g_strdup (_("No problems found. The reply can go out."));
  gtk_label_set_text (self->status_label, status ? status : "");
}

/* ---- crisis checklist --------------------------------------------------- */

typedef struct
{
  RoundsReplyDialog *self;
  char              *id;
  char              *title;
} StepData;

static void
step_data_free (gpointer data,
                GClosure *closure)
{
  StepData *step = data;

  g_free (step->id);
  g_free (step->title);
  g_free (step);
}

static void
on_step_toggled_cb (GtkCheckButton *check,
                    StepData       *step)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;
  gboolean done = gtk_check_button_get_active (check);

  /* "ID: done: title": read back by steps_done(), so not translated. */
  reason = g_strdup_printf ("%s: %s: %s", step->id, done ? "done" : "not done", step->title);
  if (!rounds_store_log_comment_event (store_of (step->self),
                                       rounds_comment_get_id (step->self->comment), "crisis-step",
                                       reason, &error))
    show_error (step->self, error->message);
}

static GHashTable *
steps_done (RoundsReplyDialog *self)
{
  GHashTable *done = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GListModel) entries = rounds_store_list_audit (store_of (self), "comment",
                                                           rounds_comment_get_id (self->comment),
                                                           NULL);

  for (guint i = 0; entries != NULL && i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(RoundsAuditEntry) entry = g_list_model_get_item (entries, i);
      const char *reason = rounds_audit_entry_get_reason (entry);
      const char *colon;

      if (g_strcmp0 (rounds_audit_entry_get_action (entry), "crisis-step") != 0 || reason == NULL ||
          (colon = strchr (reason, ':')) == NULL)
        continue;
      /* The newest entry of a step wins. */
      g_hash_table_insert (done, g_strndup (reason, colon - reason),
                           GINT_TO_POINTER (g_str_has_prefix (colon, ": done:") ||
                                            !g_str_has_prefix (colon, ": not")));
    }
  return done;
}

static void
build_checklist (RoundsReplyDialog *self)
{
  g_autoptr(GPtrArray) steps = NULL;
  g_autoptr(GHashTable) done = NULL;
  g_autoptr(GListModel) entries = NULL;
  gboolean opened = FALSE;

  if (g_strcmp0 (self->facts.kind, "crisis") != 0)
    return;

  steps = rounds_plan_crisis_checklist (self->crisis);
  done = steps_done (self);
  for (guint i = 0; i < steps->len; i++)
    {
      RoundsCrisisStep *step = g_ptr_array_index (steps, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      StepData *data = g_new0 (StepData, 1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), step->title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), step->detail);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      /* No label of its own: the row's title labels its activatable
       * widget already, and GTK 4.8 would say both ("Call Maria now Call
       * Maria now", decisions.md "A name is set once"). */
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   GPOINTER_TO_INT (g_hash_table_lookup (done, step->id)));
      data->self = self;
      data->id = g_strdup (step->id);
      data->title = g_strdup (step->title);
      g_signal_connect_data (check, "toggled", G_CALLBACK (on_step_toggled_cb), data,
                             step_data_free, 0);
      gtk_list_box_append (self->checklist_box, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->checklist_group), TRUE);

  /* That the checklist was opened is logged once. */
  entries = rounds_store_list_audit (store_of (self), "comment",
                                     rounds_comment_get_id (self->comment), NULL);
  for (guint i = 0; entries != NULL && i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(RoundsAuditEntry) entry = g_list_model_get_item (entries, i);

      opened |= g_strcmp0 (rounds_audit_entry_get_action (entry), "crisis-opened") == 0;
    }
  if (!opened)
    rounds_store_log_comment_event (store_of (self), rounds_comment_get_id (self->comment),
                                    "crisis-opened", _("Crisis checklist opened"), NULL);
}

/* ---- callbacks ---------------------------------------------------------- */

static void
on_findings_changed_cb (RoundsReplyDialog *self)
{
  g_autofree char *text = dup_text (self);
  g_autoptr(GPtrArray) sponsored = NULL;

  /* The registry's one check (issue 19): a reply links no partnership,
   * so one that reads as sponsored ("use code SMILE20") asks whether
   * there is one. Shown beside the scanner's findings. */
  if (!self->checking_sponsorship)
    {
      /* Setting them tells of changed findings again. */
      self->checking_sponsorship = TRUE;
      sponsored = rounds_consent_check_post (NULL, NULL, ROUNDS_CONSENT_USE_NONE, text,
                                             ROUNDS_NETWORK_NONE, 0, NULL);
      rounds_post_editor_set_extra_findings (self->editor, sponsored);
      self->checking_sponsorship = FALSE;
    }
  update_state (self);
}

static void
on_buffer_changed_cb (RoundsReplyDialog *self)
{
  show_error (self, NULL);
  update_state (self);
}

static void
on_use_template_clicked_cb (RoundsReplyDialog *self)
{
  rounds_reply_dialog_use_template (self, gtk_drop_down_get_selected (self->template_dropdown));
}

/* Use: the suggestion replaces the reply as one change (delete and
 * insert, not set_text, which cannot be undone); the live check then
 * marks it like anything typed. */
static void
on_suggestion_accepted_cb (RoundsAssistantDialog *assistant_dialog,
                           const char            *text,
                           RoundsReplyDialog     *self)
{
  GtkTextBuffer *buffer = rounds_post_editor_get_buffer (self->editor);
  GtkTextIter start, end;

  if (is_done (self) || self->sending)
    return;
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_delete (buffer, &start, &end);
  gtk_text_buffer_insert (buffer, &start, text, -1);
  gtk_text_buffer_end_user_action (buffer);
}

static void
on_suggest_clicked_cb (RoundsReplyDialog *self)
{
  rounds_reply_dialog_suggest (self);
}

static void
on_submit_clicked_cb (RoundsReplyDialog *self)
{
  rounds_reply_dialog_submit (self);
}

static void
on_send_clicked_cb (RoundsReplyDialog *self)
{
  rounds_reply_dialog_send (self);
}

typedef struct
{
  RoundsReplyDialog *self;
  char              *approver;
  char              *reason;
} ReplyApproval;

static void
reply_approval_free (gpointer data)
{
  ReplyApproval *approval = data;

  g_object_unref (approval->self);
  g_free (approval->approver);
  g_free (approval->reason);
  g_free (approval);
}

static void
approve_now (gpointer data)
{
  ReplyApproval *approval = data;

  if (rounds_reply_dialog_approve (approval->self, approval->approver, approval->reason) &&
      sends_through_network (approval->self))
    rounds_reply_dialog_send (approval->self);
}

static void
on_approve_response_cb (AdwMessageDialog  *dialog,
                        const char        *response,
                        RoundsReplyDialog *self)
{
  GtkWidget *box = adw_message_dialog_get_extra_child (dialog);
  GtkWidget *approver = gtk_widget_get_first_child (box);
  GtkWidget *reason = gtk_widget_get_next_sibling (approver);
  ReplyApproval *approval;

  if (g_strcmp0 (response, "approve") != 0)
    return;

  /* With people (issue 20), the second person signs with their PIN. */
  approval = g_new0 (ReplyApproval, 1);
  approval->self = g_object_ref (self);
  approval->approver = g_strdup (gtk_editable_get_text (GTK_EDITABLE (approver)));
  approval->reason = gtk_widget_get_visible (reason)
                       ? g_strdup (gtk_editable_get_text (GTK_EDITABLE (reason))) : NULL;
  rounds_pin_dialog_run (GTK_WIDGET (self), store_of (self), ROUNDS_PIN_PURPOSE_APPROVE,
                         _("Approve This Reply"), _("_Approve"), approve_now, approval,
                         reply_approval_free);
}

static void
on_approve_clicked_cb (RoundsReplyDialog *self)
{
  g_autofree char *text = dup_text (self);
  g_autoptr(GPtrArray) findings = scan_now (self, text);
  g_autofree char *body = NULL;
  g_autofree char *approver = rounds_plan_crisis_dup_approver (self->crisis, store_of (self), NULL);
  GtkWidget *dialog, *box, *who, *reason;
  guint n_block = 0;

  for (guint i = 0; i < findings->len; i++)
    n_block += rounds_finding_get_severity (g_ptr_array_index (findings, i)) ==
               ROUNDS_FINDING_SEVERITY_BLOCK;

  if (n_block > 0)
    body = g_strdup_printf (ngettext ("%u problem is still in this reply. To approve it anyway, "
                                      "the approver says why; the reason goes into the audit log.",
                                      "%u problems are still in this reply. To approve it anyway, "
                                      "the approver says why; the reason goes into the audit log.",
                                      n_block), n_block);
  else
    body = g_strdup (_("A second person reads the reply and approves it. Their name goes into "
                       "the audit log with the exact text."));

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Approve This Reply?"), body);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  who = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (who), approver);
  gtk_entry_set_placeholder_text (GTK_ENTRY (who), _("Approver’s name"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (who), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Approver’s name"), -1);
  reason = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (reason), _("Reason to approve anyway"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (reason), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Reason to approve anyway"), -1);
  gtk_widget_set_visible (reason, n_block > 0);
  /* With people, who approves is chosen with their PIN, next. */
  gtk_widget_set_visible (who, !rounds_store_has_people (store_of (self)));
  gtk_box_append (GTK_BOX (box), who);
  gtk_box_append (GTK_BOX (box), reason);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "approve", n_block > 0 ? _("_Approve Anyway") : _("_Approve"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "approve",
                                              n_block > 0 ? ADW_RESPONSE_DESTRUCTIVE
                                                          : ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_approve_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_sent_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(RoundsReplyDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  RoundsReply *stored;

  self->sending = FALSE;
  if (!rounds_reply_sender_send_finish (ROUNDS_REPLY_SENDER (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error->message);
    }
  else if ((stored = rounds_store_get_reply (store_of (self), rounds_comment_get_id (self->comment),
                                             NULL)) != NULL)
    {
      g_clear_pointer (&self->reply, rounds_reply_free);
      self->reply = stored;
    }
  update_state (self);
}

/* ---- GObject ------------------------------------------------------------ */

static void
rounds_reply_dialog_dispose (GObject *object)
{
  RoundsReplyDialog *self = ROUNDS_REPLY_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), ROUNDS_TYPE_REPLY_DIALOG);
  g_clear_object (&self->context);
  g_clear_object (&self->comment);
  g_clear_object (&self->sender);
  g_clear_object (&self->template_titles);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->crisis, json_object_unref);
  g_clear_pointer (&self->reply, rounds_reply_free);
  g_clear_pointer (&self->templates, g_ptr_array_unref);

  G_OBJECT_CLASS (rounds_reply_dialog_parent_class)->dispose (object);
}

static void
rounds_reply_dialog_class_init (RoundsReplyDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rounds_reply_dialog_dispose;

  g_type_ensure (ROUNDS_TYPE_POST_EDITOR);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/roundsapp/Rounds/ui/rounds-reply-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RoundsReplyDialog, author_label);
  gtk_widget_class_bind_template_child (widget_class, RoundsReplyDialog, meta_label);
  gtk_widget_class_bind_template_child (widget_class, RoundsReplyDialog, kind_chip);
  gtk_widget_class_bind_template_child (widget_class, RoundsReplyDialog, comment_label);
  gtk_widget_class_bind_template_child (widget_class, RoundsReplyDialog, checklist_group);
  gtk_widget_class_bind_template_child (widget_class, RoundsReplyDialog, checklist_box);
  gtk_widget_class_bind_template_child (widget_class, RoundsReplyDialog, template_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RoundsReplyDialog, suggest_button);
  gtk_widget_class_bind_template_child (widget_class, RoundsReplyDialog, editor);
  gtk_widget_class_bind_template_child (widget_class, RoundsReplyDialog, limit_label);
  gtk_widget_class_bind_template_child (widget_class, RoundsReplyDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, RoundsReplyDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, RoundsReplyDialog, submit_button);
  gtk_widget_class_bind_template_child (widget_class, RoundsReplyDialog, approve_button);
  gtk_widget_class_bind_template_child (widget_class, RoundsReplyDialog, send_button);
  gtk_widget_class_bind_template_callback (widget_class, on_use_template_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_suggest_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_submit_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_approve_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_send_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rounds_reply_dialog_init (RoundsReplyDialog *self)
{
  /* Its checks run on the main thread: the scanner, not loaded at start,
   * is loaded on a worker meanwhile (issue 17). */
  rounds_scanner_get_default_async (NULL, NULL, NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->template_titles = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->template_dropdown, G_LIST_MODEL (self->template_titles));
  /* Suggest… shows when Preferences turn the writing assistant on. */
  self->settings = g_settings_new (BASE_ID);
  g_settings_bind (self->settings, "assistant-enabled", self->suggest_button, "visible",
                   G_SETTINGS_BIND_GET);
  gtk_accessible_update_property (GTK_ACCESSIBLE (rounds_post_editor_get_text_view (self->editor)),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reply text"), -1);
}

/**
 * rounds_reply_dialog_new:
 * @sender: (nullable): sends through the networks
 */
RoundsReplyDialog *
rounds_reply_dialog_new (RoundsContext     *context,
                         RoundsComment     *comment,
                         RoundsReplySender *sender)
{
  RoundsReplyDialog *self;
  g_autoptr(GError) error = NULL;
  g_autofree char *stars = NULL;
  g_autofree char *meta = NULL;
  g_autofree char *title = NULL;
  g_autofree char *chip_class = NULL;
  RoundsPractice *practice;

  g_return_val_if_fail (ROUNDS_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (ROUNDS_IS_COMMENT (comment), NULL);

  self = g_object_new (ROUNDS_TYPE_REPLY_DIALOG, NULL);
  self->context = g_object_ref (context);
  self->comment = g_object_ref (comment);
  self->sender = sender ? g_object_ref (sender) : NULL;
  self->crisis = _rounds_inbox_load_crisis (context);
  _rounds_inbox_facts (context, self->crisis, comment,
                       rounds_clock_get_now (rounds_context_get_clock (context)), &self->facts);

  /* TRANSLATORS: the reply window's title: "Reply to Paula Brandt" */
  title = g_strdup_printf (_("Reply to %s"), rounds_comment_get_author (comment));
  gtk_window_set_title (GTK_WINDOW (self), title);
  stars = _rounds_inbox_dup_stars (rounds_comment_get_rating (comment));
  meta = g_strdup_printf ("%s%s%s", rounds_network_get_label (rounds_comment_get_network (comment)),
                          stars[0] ? "  " : "", stars);
  gtk_label_set_text (self->author_label, rounds_comment_get_author (comment));
  gtk_label_set_text (self->meta_label, meta);
  gtk_label_set_text (self->kind_chip, _rounds_inbox_kind_label (self->facts.kind));
  chip_class = g_strconcat ("kind-", self->facts.kind, NULL);
  gtk_widget_add_css_class (GTK_WIDGET (self->kind_chip), chip_class);
  gtk_label_set_text (self->comment_label, rounds_comment_get_body (comment));

  /* The checker: a review reply, with the reviewer's name in context. */
  rounds_post_editor_set_context (self->editor, context);
  rounds_post_editor_set_kind (self->editor, ROUNDS_TEXT_KIND_REVIEW_REPLY);
  rounds_post_editor_set_reviewer (self->editor, rounds_comment_get_author (comment));

  /* Templates: the crisis plan's safe replies, best fit first. */
  practice = rounds_store_get_practice (store_of (self));
  self->templates = rounds_plan_reply_templates (self->crisis, practice, self->facts.kind);
  for (guint i = 0; i < self->templates->len; i++)
    gtk_string_list_append (self->template_titles,
                            ((RoundsReplyTemplate *)g_ptr_array_index (self->templates, i))->title);

  self->reply = rounds_store_get_reply (store_of (self), rounds_comment_get_id (comment), &error);
  if (error != NULL)
    show_error (self, error->message);
  if (self->reply != NULL)
    {
      rounds_post_editor_set_reply_id (self->editor, self->reply->id);
      rounds_post_editor_set_text (self->editor, self->reply->body);
    }

  build_checklist (self);

  g_signal_connect_object (self->editor, "findings-changed", G_CALLBACK (on_findings_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (rounds_post_editor_get_buffer (self->editor), "changed",
                           G_CALLBACK (on_buffer_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store_of (self), "notify::online", G_CALLBACK (update_state), self,
                           G_CONNECT_SWAPPED);
  update_state (self);
  gtk_window_set_focus (GTK_WINDOW (self),
                        GTK_WIDGET (rounds_post_editor_get_text_view (self->editor)));
  return self;
}

RoundsPostEditor *
rounds_reply_dialog_get_editor (RoundsReplyDialog *self)
{
  g_return_val_if_fail (ROUNDS_IS_REPLY_DIALOG (self), NULL);
  return self->editor;
}

RoundsComment *
rounds_reply_dialog_get_comment (RoundsReplyDialog *self)
{
  g_return_val_if_fail (ROUNDS_IS_REPLY_DIALOG (self), NULL);
  return self->comment;
}

/**
 * rounds_reply_dialog_get_templates:
 *
 * Returns: (transfer none): the templates' titles, as offered.
 */
GListModel *
rounds_reply_dialog_get_templates (RoundsReplyDialog *self)
{
  g_return_val_if_fail (ROUNDS_IS_REPLY_DIALOG (self), NULL);
  return G_LIST_MODEL (self->template_titles);
}

void
rounds_reply_dialog_use_template (RoundsReplyDialog *self,
                                  guint              index)
{
  g_return_if_fail (ROUNDS_IS_REPLY_DIALOG (self));

  if (index >= self->templates->len || is_done (self))
    return;
  rounds_post_editor_set_text (self->editor,
                               ((RoundsReplyTemplate *)g_ptr_array_index (self->templates, index))->text);
}

/**
 * rounds_reply_dialog_suggest:
 *
 * Suggest…: asks the writing assistant for a safe reply to this item
 * (its triage kind and rating go along, never its text), starting from
 * the reply written so far, or else from the chosen template.
 *
 * Returns: whether a request was started (the dialog shows what happens).
 */
gboolean
rounds_reply_dialog_suggest (RoundsReplyDialog *self)
{
  g_autofree char *draft = NULL;
  g_autofree char *stripped = NULL;
  const char *from = NULL;
  guint selected;
  RoundsAssistRequest request = { 0 };
  int rating;

  g_return_val_if_fail (ROUNDS_IS_REPLY_DIALOG (self), FALSE);

  if (is_done (self) || self->sending)
    return FALSE;

  draft = dup_text (self);
  stripped = g_strstrip (g_strdup (draft));
  selected = gtk_drop_down_get_selected (self->template_dropdown);
  if (stripped[0] != '\0')
    from = draft;
  else if (selected < self->templates->len)
    from = ((RoundsReplyTemplate *)g_ptr_array_index (self->templates, selected))->text;
  if (from == NULL)
    {
      show_error (self, _("Write a reply or choose a safe reply template first: the assistant "
                          "starts from it."));
      return FALSE;
    }

  rating = rounds_comment_get_rating (self->comment);
  request.task = ROUNDS_ASSIST_SAFE_REPLY;
  request.text = from;
  request.review_kind = self->facts.kind;
  request.stars = rating > 0 ? (guint)rating : 0;
  show_error (self, NULL);
  rounds_assistant_dialog_ask (GTK_WINDOW (self), self->context, &request, _("_Use Suggestion"),
                               G_CALLBACK (on_suggestion_accepted_cb), g_object_ref (self),
                               g_object_unref);
  return TRUE;
}

/**
 * rounds_reply_dialog_needs_approval:
 *
 * Whether the text as it is now (scanned now) needs a second person.
 */
gboolean
rounds_reply_dialog_needs_approval (RoundsReplyDialog *self)
{
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) findings = NULL;

  g_return_val_if_fail (ROUNDS_IS_REPLY_DIALOG (self), TRUE);

  text = dup_text (self);
  findings = scan_now (self, text);
  return text_needs_approval (self, findings);
}

/**
 * rounds_reply_dialog_can_send:
 *
 * Whether Send (or Mark Answered by Hand) may be pressed: there is text
 * that fits the network, and it needs no approval or holds one for
 * exactly this text.
 */
gboolean
rounds_reply_dialog_can_send (RoundsReplyDialog *self)
{
  g_autofree char *text = NULL;
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (ROUNDS_IS_REPLY_DIALOG (self), FALSE);

  text = dup_text (self);
  stripped = g_strstrip (g_strdup (text));
  if (stripped[0] == '\0' || self->sending || is_done (self) || !fits_network (self, text))
    return FALSE;
  if (text_is_approved (self, text))
    return TRUE;
  if (self->reply != NULL && self->reply->state == ROUNDS_REPLY_STATE_AWAITING_APPROVAL)
    {
      g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);

      if (g_strcmp0 (hash, self->reply->text_sha256) == 0)
        return FALSE;
    }
  if (rounds_post_editor_is_scanning (self->editor))
    return FALSE;
  return !text_needs_approval (self, rounds_post_editor_get_findings (self->editor));
}

/**
 * rounds_reply_dialog_send:
 *
 * Sends the reply through the network, or marks the comment answered by
 * hand. Refused (with the reason shown) when it needs an approval it
 * does not have: the text is scanned again now, and the store checks
 * the approval too.
 *
 * Returns: whether it went out or is on its way.
 */
gboolean
rounds_reply_dialog_send (RoundsReplyDialog *self)
{
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) error = NULL;
  gboolean needs;
  RoundsAccount *account = NULL;
  const char *to = NULL, *root = NULL;
  RoundsReply *stored;

  g_return_val_if_fail (ROUNDS_IS_REPLY_DIALOG (self), FALSE);

  if (self->sending || is_done (self))
    return FALSE;
  text = dup_text (self);
  if (!fits_network (self, text))
    {
      show_error (self, gtk_label_get_text (self->limit_label));
      return FALSE;
    }
  findings = scan_now (self, text);
  needs = text_needs_approval (self, findings);
  if (!save_reply (self))
    return FALSE;

  if (sends_through_network (self) && comment_target (self, &account, &to, &root))
    {
      self->sending = TRUE;
      update_state (self);
      rounds_reply_sender_send_async (self->sender, self->reply->id, account, to, root, needs,
                                      self->cancellable, on_sent_cb, g_object_ref (self));
      return TRUE;
    }

  if (!rounds_store_mark_reply_sent (store_of (self), self->reply->id, needs, NULL, NULL, &error))
    {
      show_error (self, error->message);
      update_state (self);
      return FALSE;
    }
  stored = rounds_store_get_reply (store_of (self), rounds_comment_get_id (self->comment), NULL);
  if (stored != NULL)
    {
      g_clear_pointer (&self->reply, rounds_reply_free);
      self->reply = stored;
    }
  update_state (self);
  return TRUE;
}

/**
 * rounds_reply_dialog_submit:
 *
 * The writer asks for approval.
 */
gboolean
rounds_reply_dialog_submit (RoundsReplyDialog *self)
{
  g_autoptr(GError) error = NULL;
  RoundsReply *stored;

  g_return_val_if_fail (ROUNDS_IS_REPLY_DIALOG (self), FALSE);

  if (!save_reply (self))
    return FALSE;
  if (!rounds_store_submit_reply (store_of (self), self->reply->id, &error))
    {
      show_error (self, error->message);
      return FALSE;
    }
  stored = rounds_store_get_reply (store_of (self), rounds_comment_get_id (self->comment), NULL);
  if (stored != NULL)
    {
      g_clear_pointer (&self->reply, rounds_reply_free);
      self->reply = stored;
    }
  show_error (self, NULL);
  update_state (self);
  return TRUE;
}

/**
 * rounds_reply_dialog_approve:
 * @approver: the second person's name
 * @override_reason: (nullable): their reason to let problems through
 */
gboolean
rounds_reply_dialog_approve (RoundsReplyDialog *self,
                             const char        *approver,
                             const char        *override_reason)
{
  g_autofree char *text = NULL;
  g_autofree char *required = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) error = NULL;
  RoundsReply *stored;

  g_return_val_if_fail (ROUNDS_IS_REPLY_DIALOG (self), FALSE);

  if (self->reply == NULL)
    return FALSE;
  text = dup_text (self);
  findings = scan_now (self, text);
  required = rounds_plan_crisis_dup_approver (self->crisis, store_of (self), NULL);
  if (!rounds_store_approve_reply (store_of (self), self->reply->id, approver, required, findings,
                                   override_reason, &error))
    {
      show_error (self, error->message);
      return FALSE;
    }
  stored = rounds_store_get_reply (store_of (self), rounds_comment_get_id (self->comment), NULL);
  if (stored != NULL)
    {
      g_clear_pointer (&self->reply, rounds_reply_free);
      self->reply = stored;
    }
  show_error (self, NULL);
  update_state (self);
  return TRUE;
}

gboolean
rounds_reply_dialog_is_sending (RoundsReplyDialog *self)
{
  g_return_val_if_fail (ROUNDS_IS_REPLY_DIALOG (self), FALSE);
  return self->sending;
}

const char *
rounds_reply_dialog_get_error (RoundsReplyDialog *self)
{
  g_return_val_if_fail (ROUNDS_IS_REPLY_DIALOG (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->error_label))
           ? gtk_label_get_text (self->error_label) : NULL;
}

const char *
rounds_reply_dialog_get_status (RoundsReplyDialog *self)
{
  g_return_val_if_fail (ROUNDS_IS_REPLY_DIALOG (self), NULL);
  return gtk_label_get_text (self->status_label);
}

GtkWidget *
rounds_reply_dialog_get_send_button (RoundsReplyDialog *self)
{
  g_return_val_if_fail (ROUNDS_IS_REPLY_DIALOG (self), NULL);
  return GTK_WIDGET (self->send_button);
}

/**
 * rounds_reply_dialog_get_checklist:
 *
 * Returns: (transfer none): the crisis checklist's list (hidden unless
 *   the item is a possible crisis).
 */
GtkWidget *
rounds_reply_dialog_get_checklist (RoundsReplyDialog *self)
{
  g_return_val_if_fail (ROUNDS_IS_REPLY_DIALOG (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->checklist_group))
           ? GTK_WIDGET (self->checklist_box) : NULL;
}
