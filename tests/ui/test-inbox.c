/* test-inbox.c — the Inbox place: the list with its chips and filters,
 * the unanswered count on the switcher, adding a comment by hand, and
 * the reply dialog: a blocked reply cannot be sent, a second person's
 * approval lets it go out, and the audit log says who did what to which
 * text.
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "rounds-audit-entry.h"
#include "rounds-comment-dialog.h"
#include "rounds-inbox-page.h"
#include "rounds-inbox-row.h"
#include "rounds-reply-dialog.h"
#include "rounds-pin-dialog.h"
#include "rounds-sample.h"
#include "../../bench/rounds-bench-data.h"
#include "rounds-store-comment-list.h"
#include "rounds-store-inbox.h"
#include "rounds-store-replies.h"
#include "ui-test-util.h"

static RoundsWindow *
open_sample (UiFixture *fixture)
{
  return ui_fixture_open_sample (fixture, "inbox");
}

static gint64
find_person (RoundsStore *store,
             const char  *name)
{
  GListModel *people = rounds_store_get_people (store);

  for (guint i = 0; i < g_list_model_get_n_items (people); i++)
    {
      g_autoptr(RoundsPerson) person = g_list_model_get_item (people, i);

      if (g_str_equal (rounds_person_get_name (person), name))
        return rounds_person_get_id (person);
    }
  g_assert_not_reached ();
}

static RoundsInboxPage *
inbox_page (RoundsWindow *window)
{
  return ROUNDS_INBOX_PAGE (rounds_window_get_inbox_page (window));
}

static gint64
add_comment (RoundsWindow  *window,
             RoundsNetwork  network,
             const char    *author,
             const char    *body,
             int            rating)
{
  g_autoptr(GError) error = NULL;
  RoundsStore *store = ui_window_store (window);
  gint64 now = rounds_clock_get_now (rounds_store_get_clock (store));
  gint64 id;

  id = rounds_store_add_comment (store, network,
                                 rating > 0 ? ROUNDS_COMMENT_KIND_REVIEW : ROUNDS_COMMENT_KIND_COMMENT,
                                 author, body, now - 60, 0, rating, &error);
  g_assert_no_error (error);
  pump ();
  return id;
}

static guint
badge_number (RoundsWindow *window)
{
  AdwViewStack *stack = ADW_VIEW_STACK (find_of_type (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK));
  AdwViewStackPage *page = adw_view_stack_get_page (stack, rounds_window_get_inbox_page (window));

  return adw_view_stack_page_get_badge_number (page);
}

static gboolean
match_inbox_row (GtkWidget *widget,
                 gpointer   data)
{
  return ROUNDS_IS_INBOX_ROW (widget) && gtk_widget_get_mapped (widget) &&
         rounds_inbox_row_get_comment (ROUNDS_INBOX_ROW (widget)) != NULL &&
         g_strcmp0 (rounds_comment_get_author (rounds_inbox_row_get_comment (ROUNDS_INBOX_ROW (widget))),
                    data) == 0;
}

static RoundsInboxRow *
find_inbox_row (RoundsWindow *window,
                const char   *author)
{
  return ROUNDS_INBOX_ROW (find_widget (GTK_WIDGET (window), match_inbox_row, (gpointer)author));
}

static void
type_reply (RoundsReplyDialog *dialog,
            const char        *text)
{
  RoundsPostEditor *editor = rounds_reply_dialog_get_editor (dialog);

  rounds_post_editor_set_text (editor, text);
  rounds_post_editor_scan_now (editor);
  wait_until (!rounds_post_editor_is_scanning (editor));
  pump ();
}

/* ------------------------------------------------------------------ */

static void
test_list_chips_filters (UiFixture     *fixture,
                         gconstpointer  data)
{
  RoundsWindow *window = open_sample (fixture);
  RoundsInboxPage *page = inbox_page (window);
  GListModel *shown = rounds_inbox_page_get_shown (page);
  GListModel *all = rounds_store_get_comments (ui_window_store (window));
  RoundsInboxRow *row;
  guint total;

  add_comment (window, ROUNDS_NETWORK_GOOGLE, "Test Complainer",
               "Rude staff and I waited over an hour.", 1);
  add_comment (window, ROUNDS_NETWORK_FACEBOOK, "Test Fan", "Lovely team, thank you!", 5);
  total = g_list_model_get_n_items (all);
  g_assert_cmpuint (total, >=, 7);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, total);

  /* Rows show the chip and the due state; the row says it all to a
   * screen reader. */
  row = find_inbox_row (window, "Test Complainer");
  g_assert_nonnull (row);
  g_assert_cmpstr (rounds_inbox_row_get_chip (row), ==, "Complaint");
  g_assert_true (g_str_has_prefix (rounds_inbox_row_get_state (row), "Due in"));
  row = find_inbox_row (window, "Test Fan");
  g_assert_nonnull (row);
  g_assert_cmpstr (rounds_inbox_row_get_chip (row), ==, "Praise");
  /* The chip is the core's triage of the words, not a guess from the
   * stars: no rating, and still a possible crisis. */
  add_comment (window, ROUNDS_NETWORK_FACEBOOK, "Test Litigant", "See you in court.", 0);
  row = find_inbox_row (window, "Test Litigant");
  g_assert_nonnull (row);
  g_assert_cmpstr (rounds_inbox_row_get_chip (row), ==, "Possible crisis");
  g_assert_true (g_str_has_prefix (rounds_inbox_row_get_state (row), "Due in"));
  total = g_list_model_get_n_items (all);
  ui_screenshot (GTK_WIDGET (window), "inbox");
  /* The Inbox lets the window narrow like every place (test-insights.c
   * narrows it to 560 px): the toolbar scrolls, row headers ellipsize. */
  {
    int minimum, natural;

    gtk_widget_measure (GTK_WIDGET (page), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural,
                        NULL, NULL);
    g_assert_cmpint (minimum, <=, 560);
  }

  /* Every item is unanswered but the spam, which needs no answer: the
   * switcher says how many. */
  {
    guint spam = 0;

    for (guint i = 0; i < total; i++)
      {
        g_autoptr(RoundsComment) comment = g_list_model_get_item (all, i);

        spam += rounds_comment_get_triage (comment) == ROUNDS_TRIAGE_SPAM;
      }
    g_assert_cmpuint (spam, ==, 1);
    /* Spam needs no answer, and is not said to have one. */
    row = find_inbox_row (window, "growfast.social");
    g_assert_nonnull (row);
    g_assert_cmpstr (rounds_inbox_row_get_chip (row), ==, "Spam");
    g_assert_cmpstr (rounds_inbox_row_get_state (row), !=, "Answered");
    wait_until (rounds_inbox_page_get_unanswered (page) == total - spam);
    g_assert_cmpuint (badge_number (window), ==, total - spam);
  }

  rounds_inbox_page_set_filters (page, ROUNDS_INBOX_SHOW_ALL, ROUNDS_NETWORK_FACEBOOK, NULL);
  pump ();
  g_assert_cmpuint (g_list_model_get_n_items (shown), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (shown), <, total);
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(RoundsComment) c = g_list_model_get_item (shown, i);
      g_assert_cmpint (rounds_comment_get_network (c), ==, ROUNDS_NETWORK_FACEBOOK);
    }

  rounds_inbox_page_set_filters (page, ROUNDS_INBOX_SHOW_ALL, ROUNDS_NETWORK_NONE, "praise");
  pump ();
  g_assert_cmpuint (g_list_model_get_n_items (shown), >=, 1);
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(RoundsComment) c = g_list_model_get_item (shown, i);
      g_assert_cmpint (rounds_comment_get_rating (c), >=, 4);
    }

  rounds_inbox_page_set_filters (page, ROUNDS_INBOX_SHOW_NEEDS_ATTENTION, ROUNDS_NETWORK_NONE, NULL);
  pump ();
  g_assert_cmpuint (g_list_model_get_n_items (shown), >=, 1);
  {
    gboolean complainer = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
      {
        g_autoptr(RoundsComment) c = g_list_model_get_item (shown, i);

        g_assert_cmpstr (rounds_comment_get_author (c), !=, "Test Fan");
        complainer |= g_str_equal (rounds_comment_get_author (c), "Test Complainer");
      }
    g_assert_true (complainer);
  }

  /* A filter that matches nothing says so, with a way back. */
  rounds_inbox_page_set_filters (page, ROUNDS_INBOX_SHOW_ALL, ROUNDS_NETWORK_X, NULL);
  pump ();
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 0);
  click (find_button (GTK_WIDGET (window), "Show Everything"));
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, total);
}

static void
test_add_by_hand (UiFixture     *fixture,
                  gconstpointer  data)
{
  RoundsWindow *window = open_sample (fixture);
  RoundsInboxPage *page = inbox_page (window);
  GListModel *all = rounds_store_get_comments (ui_window_store (window));
  guint before = g_list_model_get_n_items (all);
  guint unanswered = rounds_store_count_unanswered (ui_window_store (window));
  RoundsCommentDialog *dialog;

  click (find_button (GTK_WIDGET (window), "Add by Hand…"));
  dialog = ROUNDS_COMMENT_DIALOG (find_toplevel (ROUNDS_TYPE_COMMENT_DIALOG, NULL));
  g_assert_nonnull (dialog);

  /* Nothing typed: refused, with the reason. */
  g_assert_false (rounds_comment_dialog_add (dialog));
  g_assert_nonnull (rounds_comment_dialog_get_error (dialog));
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, before);

  rounds_comment_dialog_fill (dialog, "Yelp Reviewer", ROUNDS_NETWORK_X,
                              "Front desk never called me back.", "ftp://example.com/x", 2);
  g_assert_false (rounds_comment_dialog_add (dialog));
  g_assert_cmpstr (rounds_comment_dialog_get_error (dialog), ==, "The link must start with https://");

  rounds_comment_dialog_fill (dialog, "Yelp Reviewer", ROUNDS_NETWORK_X,
                              "Front desk never called me back.", "https://example.com/r/1", 2);
  click (find_button (GTK_WIDGET (dialog), "Add"));
  wait_until (find_toplevel (ROUNDS_TYPE_COMMENT_DIALOG, NULL) == NULL);

  g_assert_cmpuint (g_list_model_get_n_items (all), ==, before + 1);
  wait_until (rounds_inbox_page_get_unanswered (page) == unanswered + 1);
  g_assert_cmpuint (badge_number (window), ==, unanswered + 1);
  g_assert_nonnull (find_inbox_row (window, "Yelp Reviewer"));
  g_assert_cmpstr (rounds_inbox_row_get_chip (find_inbox_row (window, "Yelp Reviewer")), ==,
                   "Complaint");
}

static RoundsReplyDialog *
open_reply (RoundsWindow *window,
            gint64        comment_id)
{
  RoundsReplyDialog *dialog;

  dialog = ROUNDS_REPLY_DIALOG (rounds_inbox_page_open_reply (inbox_page (window), comment_id));
  g_assert_nonnull (dialog);
  pump ();
  return dialog;
}

static void
test_blocked_reply (UiFixture     *fixture,
                    gconstpointer  data)
{
  RoundsWindow *window = open_sample (fixture);
  RoundsStore *store = ui_window_store (window);
  gint64 id = add_comment (window, ROUNDS_NETWORK_GOOGLE, "Paula Brandt",
                           "My root canal still hurts and nobody called me back.", 3);
  RoundsReplyDialog *dialog = open_reply (window, id);
  g_autoptr(RoundsReply) reply = NULL;
  GtkWidget *send = rounds_reply_dialog_get_send_button (dialog);

  /* Confirming care, and naming the reviewer: blocked. */
  type_reply (dialog, "Paula, we're sorry your root canal hurt.");
  g_assert_cmpuint (rounds_post_editor_count_blocking (rounds_reply_dialog_get_editor (dialog)), >=, 2);
  g_assert_true (rounds_reply_dialog_needs_approval (dialog));
  g_assert_false (rounds_reply_dialog_can_send (dialog));
  g_assert_false (gtk_widget_get_sensitive (send));
  g_assert_nonnull (strstr (rounds_reply_dialog_get_status (dialog), "approve"));
  ui_screenshot (GTK_WIDGET (dialog), "inbox-reply-blocked");

  /* Pressing Send anyway (keyboard, a script) is refused too. */
  g_assert_false (rounds_reply_dialog_send (dialog));
  g_assert_nonnull (rounds_reply_dialog_get_error (dialog));
  reply = rounds_store_get_reply (store, id, NULL);
  g_assert_nonnull (reply);
  g_assert_false (rounds_reply_state_is_done (reply->state));

  /* Offering to discuss the details in public is caught as well. */
  type_reply (dialog, "Tell us more here and we can sort it out.");
  g_assert_cmpuint (rounds_post_editor_count_blocking (rounds_reply_dialog_get_editor (dialog)), >=, 1);
  g_assert_false (gtk_widget_get_sensitive (send));

  gtk_window_destroy (GTK_WINDOW (dialog));
  pump ();
}

static void
test_templates (UiFixture     *fixture,
                gconstpointer  data)
{
  RoundsWindow *window = open_sample (fixture);
  gint64 id = add_comment (window, ROUNDS_NETWORK_GOOGLE, "Test Complainer",
                           "Rude staff and I waited over an hour.", 1);
  RoundsReplyDialog *dialog = open_reply (window, id);
  GListModel *templates = rounds_reply_dialog_get_templates (dialog);
  g_autofree char *text = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (templates), >=, 3);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (templates), 0), ==, "Negative review");

  rounds_reply_dialog_use_template (dialog, 0);
  rounds_post_editor_scan_now (rounds_reply_dialog_get_editor (dialog));
  wait_until (!rounds_post_editor_is_scanning (rounds_reply_dialog_get_editor (dialog)));
  text = rounds_post_editor_dup_text (rounds_reply_dialog_get_editor (dialog));
  g_assert_nonnull (strstr (text, "call"));
  g_assert_null (strstr (text, "Test Complainer"));
  /* The template is clean, but a complaint's reply still needs approval. */
  g_assert_cmpuint (rounds_post_editor_get_findings (rounds_reply_dialog_get_editor (dialog))->len, ==, 0);
  g_assert_true (rounds_reply_dialog_needs_approval (dialog));
  g_assert_false (rounds_reply_dialog_can_send (dialog));

  gtk_window_destroy (GTK_WINDOW (dialog));
  pump ();
}

static RoundsAuditEntry *
find_entry (GListModel *entries,
            const char *action,
            const char *to_state)
{
  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(RoundsAuditEntry) e = g_list_model_get_item (entries, i);

      if (g_str_equal (rounds_audit_entry_get_action (e), action) &&
          (to_state == NULL || g_strcmp0 (rounds_audit_entry_get_to_state (e), to_state) == 0))
        return g_steal_pointer (&e);
    }
  return NULL;
}

/* The sample has people (issue 20): Lena writes at the desk, and the
 * second person is the crisis plan's approver, who signs with their PIN
 * in the dialog that follows Approve…; a wrong PIN is refused. */
static void
test_second_person_approves (UiFixture     *fixture,
                             gconstpointer  data)
{
  RoundsWindow *window = open_sample (fixture);
  RoundsStore *store = ui_window_store (window);
  RoundsInboxPage *page = inbox_page (window);
  gint64 id = add_comment (window, ROUNDS_NETWORK_GOOGLE, "Test Complainer",
                           "Rude staff and I waited over an hour.", 1);
  guint unanswered = rounds_store_count_unanswered (store);
  RoundsReplyDialog *dialog = open_reply (window, id);
  g_autoptr(RoundsReply) reply = NULL;
  g_autoptr(GListModel) entries = NULL;
  g_autoptr(RoundsAuditEntry) submitted = NULL, approved = NULL, answered = NULL;
  g_autofree char *text = NULL;
  g_autofree char *hash = NULL;
  AdwMessageDialog *approve;
  RoundsPinDialog *pin;
  RoundsPerson *approver = rounds_store_lookup_person (store,
                                                       find_person (store, ROUNDS_SAMPLE_APPROVER));

  g_assert_cmpstr (rounds_person_get_name (rounds_store_get_desk_person (store)), ==,
                   ROUNDS_SAMPLE_WRITER);

  rounds_reply_dialog_use_template (dialog, 0);
  rounds_post_editor_scan_now (rounds_reply_dialog_get_editor (dialog));
  wait_until (!rounds_post_editor_is_scanning (rounds_reply_dialog_get_editor (dialog)));
  pump ();
  text = rounds_post_editor_dup_text (rounds_reply_dialog_get_editor (dialog));
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);

  g_assert_false (gtk_widget_get_sensitive (rounds_reply_dialog_get_send_button (dialog)));
  click (find_button (GTK_WIDGET (dialog), "Ask for Approval"));
  g_assert_nonnull (strstr (rounds_reply_dialog_get_status (dialog),
                            "Waiting for " ROUNDS_SAMPLE_APPROVER));
  g_assert_false (gtk_widget_get_sensitive (rounds_reply_dialog_get_send_button (dialog)));

  /* A typed name approves nothing: the approver signs with their PIN. */
  g_assert_false (rounds_reply_dialog_approve (dialog, ROUNDS_SAMPLE_APPROVER, NULL));
  g_assert_nonnull (strstr (rounds_reply_dialog_get_error (dialog), "PIN"));
  g_assert_false (gtk_widget_get_sensitive (rounds_reply_dialog_get_send_button (dialog)));

  /* Approve…, then the PIN dialog: the person at the desk is a writer,
   * so only approvers and managers are offered. */
  click (find_button (GTK_WIDGET (dialog), "Approve…"));
  approve = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL));
  g_assert_nonnull (approve);
  adw_message_dialog_response (approve, "approve");
  pump ();
  pin = ROUNDS_PIN_DIALOG (find_toplevel (ROUNDS_TYPE_PIN_DIALOG, NULL));
  g_assert_nonnull (pin);
  g_assert_false (rounds_pin_dialog_select_person (pin, rounds_person_get_id (
                                                     rounds_store_get_desk_person (store))));
  g_assert_true (rounds_pin_dialog_select_person (pin, rounds_person_get_id (approver)));

  /* A wrong PIN: said, and nothing approved. */
  rounds_pin_dialog_set_pin (pin, "0000");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pin), "pin.accept", NULL));
  pump ();
  g_assert_nonnull (strstr (rounds_pin_dialog_get_message (pin), "not " ROUNDS_SAMPLE_APPROVER));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (pin)));
  g_assert_false (gtk_widget_get_sensitive (rounds_reply_dialog_get_send_button (dialog)));

  rounds_pin_dialog_set_pin (pin, ROUNDS_SAMPLE_APPROVER_PIN);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pin), "pin.accept", NULL));
  pump ();
  g_assert_null (find_toplevel (ROUNDS_TYPE_PIN_DIALOG, NULL));
  g_assert_nonnull (strstr (rounds_reply_dialog_get_status (dialog),
                            "Approved by " ROUNDS_SAMPLE_APPROVER));
  g_assert_true (gtk_widget_get_sensitive (rounds_reply_dialog_get_send_button (dialog)));
  /* The signature was for that one approval. */
  g_assert_null (rounds_store_get_signer (store));

  /* Google has no connection here: it is posted by hand, then marked. */
  click (find_button (GTK_WIDGET (dialog), "Mark Answered by Hand"));
  reply = rounds_store_get_reply (store, id, NULL);
  g_assert_cmpint (reply->state, ==, ROUNDS_REPLY_STATE_ANSWERED_BY_HAND);
  wait_until (rounds_inbox_page_get_unanswered (page) == unanswered - 1);
  g_assert_cmpstr (rounds_inbox_row_get_state (find_inbox_row (window, "Test Complainer")), ==,
                   "Answered");

  entries = rounds_store_list_audit (store, "reply", reply->id, NULL);
  submitted = find_entry (entries, "status", "awaiting_approval");
  approved = find_entry (entries, "status", "approved");
  answered = find_entry (entries, "status", "answered_by_hand");
  g_assert_nonnull (submitted);
  g_assert_nonnull (approved);
  g_assert_nonnull (answered);
  g_assert_cmpstr (rounds_audit_entry_get_actor (submitted), ==, ROUNDS_SAMPLE_WRITER);
  g_assert_cmpstr (rounds_audit_entry_get_actor (approved), ==, ROUNDS_SAMPLE_APPROVER);
  g_assert_cmpint (rounds_audit_entry_get_person_id (approved), ==,
                   rounds_person_get_id (approver));
  g_assert_cmpstr (rounds_audit_entry_get_text_hash (submitted), ==, hash);
  g_assert_cmpstr (rounds_audit_entry_get_text_hash (approved), ==, hash);
  g_assert_cmpstr (rounds_audit_entry_get_text_hash (answered), ==, hash);
  g_assert_nonnull (strstr (rounds_audit_entry_get_reason (answered),
                            "approved by " ROUNDS_SAMPLE_APPROVER));

  gtk_window_destroy (GTK_WINDOW (dialog));
  pump ();
}

static void
test_kept_finding_for_reply (UiFixture     *fixture,
                             gconstpointer  data)
{
  RoundsWindow *window = open_sample (fixture);
  RoundsStore *store = ui_window_store (window);
  gint64 id = add_comment (window, ROUNDS_NETWORK_FACEBOOK, "Greg Whitfield",
                           "Do you take walk-ins for flu shots on Saturdays?", 0);
  RoundsReplyDialog *dialog = open_reply (window, id);
  RoundsPostEditor *editor = rounds_reply_dialog_get_editor (dialog);
  g_autoptr(RoundsReply) reply = NULL;
  g_autoptr(GPtrArray) acks = NULL;
  g_autoptr(GError) error = NULL;
  RoundsFinding *finding;

  /* A question's clean reply needs nobody else. */
  type_reply (dialog, "Yes, walk-ins are welcome on Saturday mornings.");
  g_assert_false (rounds_reply_dialog_needs_approval (dialog));
  g_assert_true (rounds_reply_dialog_can_send (dialog));

  /* A finding kept with a reason is the reply's own decision, and the
   * reply still needs a second person. */
  type_reply (dialog, "Thanks Greg! Walk-ins are welcome on Saturday mornings.");
  g_assert_cmpuint (rounds_post_editor_get_findings (editor)->len, >=, 1);
  finding = g_ptr_array_index (rounds_post_editor_get_findings (editor), 0);
  /* Keeping it is an approver's decision, signed with their PIN. */
  g_assert_true (rounds_store_sign (store, find_person (store, ROUNDS_SAMPLE_APPROVER),
                                    ROUNDS_SAMPLE_APPROVER_PIN, &error));
  g_assert_true (rounds_post_editor_keep_finding (editor, finding, "He signs his posts so", &error));
  g_assert_no_error (error);
  g_assert_true (rounds_reply_dialog_needs_approval (dialog));
  g_assert_true (rounds_reply_dialog_submit (dialog));
  rounds_store_release_signature (store);
  reply = rounds_store_get_reply (store, id, NULL);
  acks = rounds_store_list_reply_acks (store, reply->id, NULL);
  g_assert_cmpuint (acks->len, ==, 1);
  g_assert_cmpstr (((RoundsFindingAck *)g_ptr_array_index (acks, 0))->reason, ==,
                   "He signs his posts so");

  gtk_window_destroy (GTK_WINDOW (dialog));
  pump ();
}

static void
count_rows (GtkWidget *widget,
            guint     *n)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      *n += ROUNDS_IS_INBOX_ROW (child);
      count_rows (child, n);
    }
}

/* Issue 17: a practice with 10,000 Inbox items. Nothing of them is read
 * before the Inbox shows; then it lists them newest first, makes rows
 * only for the screen, scrolls to the last one, takes a new one in at
 * the top with the count, and filters in the database. */
static void
test_ten_thousand (UiFixture     *fixture,
                   gconstpointer  data)
{
  const guint n = 10000;
  g_autofree char *path = g_build_filename (fixture->data_dir, "rounds.db", NULL);
  g_autoptr(GError) error = NULL;
  RoundsWindow *window;
  RoundsInboxPage *page;
  GListModel *shown;
  GtkScrolledWindow *scroller;
  GtkAdjustment *adj;
  GtkWidget *list_view;
  RoundsStore *store;
  guint unanswered, rows = 0;
  gint64 id;

  {
    g_autoptr(RoundsClock) clock = rounds_clock_new_real ();
    g_autoptr(RoundsStore) made = rounds_store_open (path, clock, ROUNDS_STORE_OPEN_NO_BACKUPS,
                                                     &error);

    g_assert_no_error (error);
    g_assert_true (rounds_bench_data_fill (made, 0, 1, 5, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (rounds_bench_data_add_comments (made, n, rounds_clock_get_now (clock) - 60, 5,
                                                   &error));
    g_assert_no_error (error);
  }
  g_assert_cmpuint (_rounds_comment_get_n_live (), ==, 0);

  window = ui_fixture_new_window (fixture);
  store = ui_window_store (window);
  g_assert_nonnull (store);
  /* Open, on another place: no comment read, the badge from a count. */
  rounds_window_show_place (window, "calendar");
  pump ();
  g_assert_cmpuint (_rounds_comment_get_n_live (), ==, 0);
  page = inbox_page (window);
  shown = rounds_inbox_page_get_shown (page);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 0);
  unanswered = rounds_store_count_unanswered (store);
  g_assert_cmpuint (unanswered, >, 0);
  wait_until (badge_number (window) == unanswered);

  /* First shown: read on a worker, newest first. */
  rounds_window_show_place (window, "inbox");
  wait_until (g_list_model_get_n_items (shown) == n);
  pump ();
  {
    g_autoptr(RoundsComment) first = g_list_model_get_item (shown, 0);
    g_autoptr(RoundsComment) last = g_list_model_get_item (shown, n - 1);

    g_assert_cmpstr (rounds_comment_get_author (first), ==, "Reader 0");
    g_assert_cmpstr (rounds_comment_get_author (last), ==, "Reader 9999");
  }
  for (guint i = 1; i < n; i += 997)
    {
      g_autoptr(RoundsComment) a = g_list_model_get_item (shown, i - 1);
      g_autoptr(RoundsComment) b = g_list_model_get_item (shown, i);

      g_assert_cmpint (rounds_comment_get_received_at (a), >=, rounds_comment_get_received_at (b));
    }
  g_assert_nonnull (find_inbox_row (window, "Reader 0"));
  count_rows (GTK_WIDGET (page), &rows);
  g_assert_cmpuint (rows, <, 300);   /* rows for the screen, not 10,000 */
  g_assert_cmpuint (_rounds_comment_get_n_live (), <=, 1024);

  /* Scrolled to the end: the oldest item is on screen. */
  scroller = GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (
    find_of_type (GTK_WIDGET (page), GTK_TYPE_LIST_VIEW), GTK_TYPE_SCROLLED_WINDOW));
  adj = gtk_scrolled_window_get_vadjustment (scroller);
  /* (GTK 4.8's list view keeps an anchor row: an adjustment set from
   * outside does not always stay, so scroll as the keyboard's End does,
   * and wait for the row.) */
  list_view = find_of_type (GTK_WIDGET (page), GTK_TYPE_LIST_VIEW);
  /* The view is given the first rows, then the rest over the next few
   * frames (rounds-inbox-page.c, grow_cb()): it has all of them first. */
  wait_until (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (
                GTK_LIST_VIEW (list_view)))) == n);
  gtk_widget_activate_action (list_view, "list.scroll-to-item", "u", n - 1);
  wait_until (find_inbox_row (window, "Reader 9999") != NULL);
  g_assert_cmpuint (_rounds_comment_get_n_live (), <=, 1024);

  /* A new comment arrives while the top is read: on top, on screen,
   * counted, in the badge. */
  gtk_widget_activate_action (list_view, "list.scroll-to-item", "u", 0);
  wait_until (find_inbox_row (window, "Reader 0") != NULL && gtk_adjustment_get_value (adj) < 1);
  id = rounds_store_inbox_add_by_hand (store, ROUNDS_NETWORK_FACEBOOK, "Test Newcomer",
                                       "Do you take new patients?", NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  wait_until (g_list_model_get_n_items (shown) == n + 1);
  {
    g_autoptr(RoundsComment) top = g_list_model_get_item (shown, 0);

    g_assert_cmpstr (rounds_comment_get_author (top), ==, "Test Newcomer");
  }
  wait_until (find_inbox_row (window, "Test Newcomer") != NULL);
  wait_until (rounds_inbox_page_get_unanswered (page) == unanswered + 1);
  g_assert_cmpuint (badge_number (window), ==, unanswered + 1);

  /* Filters are the database's: Google only, then unanswered. */
  rounds_inbox_page_set_filters (page, ROUNDS_INBOX_SHOW_ALL, ROUNDS_NETWORK_GOOGLE, NULL);
  pump ();
  g_assert_cmpuint (g_list_model_get_n_items (shown), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (shown), <, n);
  for (guint i = 0; i < g_list_model_get_n_items (shown); i += 7)
    {
      g_autoptr(RoundsComment) c = g_list_model_get_item (shown, i);

      g_assert_cmpint (rounds_comment_get_network (c), ==, ROUNDS_NETWORK_GOOGLE);
    }
  rounds_inbox_page_set_filters (page, ROUNDS_INBOX_SHOW_UNANSWERED, ROUNDS_NETWORK_NONE, NULL);
  pump ();
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, unanswered + 1);
  ui_screenshot (GTK_WIDGET (window), "inbox-10k");
}


/* The frames painted, and whether a row of the newest item was on
 * screen, drawn with its texts, in the first of them after the list
 * had its items (issue 17: the first switch to the Inbox). */
typedef struct
{
  RoundsInboxPage *page;
  RoundsWindow    *window;
  gboolean         seen;      /* the first frame with items was painted */
  gboolean         had_row;   /* … with the newest item's row */
  guint            n_texts;   /* … that drew that many texts */
  guint            pages;     /* pages read on the main thread by then */
} FirstFrame;

static void
count_texts (GskRenderNode *node,
             guint         *n)
{
  switch (gsk_render_node_get_node_type (node))
    {
    case GSK_TEXT_NODE:
      (*n)++;
      break;
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        count_texts (gsk_container_node_get_child (node, i), n);
      break;
    case GSK_TRANSFORM_NODE:
      count_texts (gsk_transform_node_get_child (node), n);
      break;
    case GSK_CLIP_NODE:
      count_texts (gsk_clip_node_get_child (node), n);
      break;
    case GSK_ROUNDED_CLIP_NODE:
      count_texts (gsk_rounded_clip_node_get_child (node), n);
      break;
    case GSK_OPACITY_NODE:
      count_texts (gsk_opacity_node_get_child (node), n);
      break;
    default:
      break;
    }
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   FirstFrame    *frame)
{
  GListModel *shown = rounds_inbox_page_get_shown (frame->page);
  RoundsInboxRow *row;

  if (frame->seen || g_list_model_get_n_items (shown) == 0)
    return;
  frame->seen = TRUE;
  frame->pages = _rounds_comment_list_get_n_pages_read (ROUNDS_COMMENT_LIST (shown));
  row = find_inbox_row (frame->window, "Reader 0");
  frame->had_row = row != NULL;
  if (row != NULL)
    {
      g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (row));
      GtkSnapshot *snapshot = gtk_snapshot_new ();
      g_autoptr(GskRenderNode) node = NULL;

      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot),
                              gtk_widget_get_width (GTK_WIDGET (row)),
                              gtk_widget_get_height (GTK_WIDGET (row)));
      node = gtk_snapshot_free_to_node (snapshot);
      if (node != NULL)
        count_texts (node, &frame->n_texts);
    }
}

/* Issue 17: the first switch to an Inbox of 2,000 items. The first
 * frame painted with the items shows the newest one's row with its
 * texts (author, network, time, chip, state, the start of the text),
 * and none of the rows was read on the main thread: they came with the
 * ids from the worker. */
static void
test_first_frame_shows_rows (UiFixture     *fixture,
                             gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->data_dir, "rounds.db", NULL);
  g_autoptr(GError) error = NULL;
  FirstFrame frame = { 0 };
  RoundsWindow *window;
  GdkFrameClock *clock;
  gulong handler;

  {
    g_autoptr(RoundsClock) clock_ = rounds_clock_new_real ();
    g_autoptr(RoundsStore) made = rounds_store_open (path, clock_, ROUNDS_STORE_OPEN_NO_BACKUPS,
                                                     &error);

    g_assert_no_error (error);
    g_assert_true (rounds_bench_data_fill (made, 0, 1, 5, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (rounds_bench_data_add_comments (made, 2000, rounds_clock_get_now (clock_) - 60,
                                                   5, &error));
    g_assert_no_error (error);
  }
  window = ui_fixture_new_window (fixture);
  rounds_window_show_place (window, "calendar");
  pump ();
  frame.window = window;
  frame.page = inbox_page (window);
  g_assert_cmpuint (g_list_model_get_n_items (rounds_inbox_page_get_shown (frame.page)), ==, 0);

  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), &frame);
  rounds_window_show_place (window, "inbox");
  wait_until (frame.seen);
  g_signal_handler_disconnect (clock, handler);

  g_assert_true (frame.had_row);
  g_assert_cmpuint (frame.n_texts, >=, 5);
  g_assert_cmpuint (frame.pages, ==, 0);
  ui_screenshot (GTK_WIDGET (window), "inbox-first-frame");
}

static gboolean
match_status_title (GtkWidget *widget,
                    gpointer   data)
{
  return ADW_IS_STATUS_PAGE (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (adw_status_page_get_title (ADW_STATUS_PAGE (widget)), data) == 0;
}

static gboolean
match_label_text (GtkWidget *widget,
                  gpointer   data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), data) == 0;
}

/* The counts come from a worker: a practice with no comment says so once
 * counted, and the first comment that comes in replaces that page with
 * the list and its count. */
static void
test_empty_practice (UiFixture     *fixture,
                     gconstpointer  data)
{
  RoundsStore *store = NULL;
  RoundsContext *context = NULL;
  g_autoptr(GError) error = NULL;
  RoundsInboxPage *page = g_object_new (ROUNDS_TYPE_INBOX_PAGE, NULL);
  GtkWidget *window = gtk_window_new ();
  gint64 id;

  ui_fixture_open_practice (fixture, &store, &context);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 700);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  rounds_inbox_page_set_context (page, context);
  gtk_window_present (GTK_WINDOW (window));

  wait_until (find_widget (window, match_status_title, (gpointer) "No Comments Yet") != NULL);
  g_assert_cmpuint (rounds_inbox_page_get_unanswered (page), ==, 0);

  id = rounds_store_inbox_add_by_hand (store, ROUNDS_NETWORK_FACEBOOK, "Test Newcomer",
                                       "Do you take new patients?", NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  wait_until (rounds_inbox_page_get_unanswered (page) == 1);
  wait_until (find_widget (window, match_status_title, (gpointer) "No Comments Yet") == NULL);
  wait_until (find_widget (window, match_label_text, (gpointer) "1 of 1 item, 1 unanswered") != NULL);

  ui_fixture_close_practice (fixture, &store, &context, data);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/inbox/list-chips-filters", UiFixture, NULL, ui_fixture_set_up,
              test_list_chips_filters, ui_fixture_tear_down);
  g_test_add ("/inbox/add-by-hand", UiFixture, NULL, ui_fixture_set_up,
              test_add_by_hand, ui_fixture_tear_down);
  g_test_add ("/inbox/blocked-reply", UiFixture, NULL, ui_fixture_set_up,
              test_blocked_reply, ui_fixture_tear_down);
  g_test_add ("/inbox/templates", UiFixture, NULL, ui_fixture_set_up,
              test_templates, ui_fixture_tear_down);
  g_test_add ("/inbox/second-person-approves", UiFixture, NULL, ui_fixture_set_up,
              test_second_person_approves, ui_fixture_tear_down);
  g_test_add ("/inbox/kept-finding-for-reply", UiFixture, NULL, ui_fixture_set_up,
              test_kept_finding_for_reply, ui_fixture_tear_down);
  g_test_add ("/inbox/empty-practice", UiFixture, NULL, ui_fixture_set_up,
              test_empty_practice, NULL);
  g_test_add ("/inbox/ten-thousand", UiFixture, NULL, ui_fixture_set_up,
              test_ten_thousand, ui_fixture_tear_down);
  g_test_add ("/inbox/first-frame-shows-rows", UiFixture, NULL, ui_fixture_set_up,
              test_first_frame_shows_rows, ui_fixture_tear_down);

  return g_test_run ();
}
