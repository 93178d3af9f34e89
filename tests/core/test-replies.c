/* test-replies.c — replies to comments and reviews: the approval by a
 * second person, the audit rows, findings kept for a reply, sending
 * through the Mastodon stub; and the crisis plan at work (response
 * times, templates, the crisis checklist).
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "core-test-util.h"
#include "config.h"

#include <string.h>

#include "rounds-audit-entry.h"
#include "rounds-comment.h"
#include "rounds-compliance-profile.h"
#include "rounds-editor-rules.h"
#include "rounds-plan-inbox.h"
#include "rounds-reply-sender.h"
#include "rounds-mastodon-stub.h"
#include "rounds-scanner.h"
#include "rounds-store-publish.h"
#include "rounds-store-replies.h"

typedef struct
{
  RoundsTestStoreFixture base;
  RoundsStore           *store;
  gint64                 comment_id;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  rounds_test_store_fixture_set_up (&f->base, "rounds-replies-XXXXXX");
  f->store = rounds_test_store_open (&f->base);
  rounds_store_set_actor (f->store, "Lena");
  f->comment_id = rounds_store_add_comment (f->store, ROUNDS_NETWORK_GOOGLE,
                                            ROUNDS_COMMENT_KIND_REVIEW, "Reviewer",
                                            "Waited an hour.", ROUNDS_TEST_T0 - 3600, 0, 2,
                                            &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  rounds_test_store_close (&f->store);
  rounds_test_store_fixture_tear_down (&f->base);
}

static GPtrArray *
scan_reply (const char *text,
            const char *reviewer)
{
  static RoundsScanner *scanner;
  g_autoptr(RoundsComplianceProfile) profile = rounds_compliance_profile_new ();
  g_autoptr(GError) error = NULL;
  GPtrArray *findings;

  if (scanner == NULL)
    scanner = rounds_scanner_new (&error);
  g_assert_no_error (error);
  findings = rounds_scanner_scan (scanner, text, -1, ROUNDS_TEXT_KIND_REVIEW_REPLY, reviewer,
                                  profile, &error);
  g_assert_no_error (error);
  return findings;
}

static GListModel *
audit_of (Fixture    *f,
          const char *type,
          gint64      id)
{
  g_autoptr(GError) error = NULL;
  GListModel *entries = rounds_store_list_audit (f->store, type, id, &error);

  g_assert_no_error (error);
  return entries;
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

/* ------------------------------------------------------------------ */

static void
test_needs_approval (void)
{
  g_autoptr(GPtrArray) clean = scan_reply ("Thank you for your kind words!", "Anita S.");
  g_autoptr(GPtrArray) confirming = scan_reply ("We're sorry your root canal hurt.", "Paula");

  g_assert_cmpuint (clean->len, ==, 0);
  g_assert_cmpuint (confirming->len, >, 0);
  g_assert_false (rounds_reply_needs_approval (clean, FALSE));
  g_assert_true (rounds_reply_needs_approval (clean, TRUE));
  g_assert_true (rounds_reply_needs_approval (confirming, FALSE));
  g_assert_true (rounds_reply_same_person (" lena ", "Lena"));
  g_assert_false (rounds_reply_same_person ("Lena", "Dr. Okafor"));
}

/* The reply editor's checker must catch the replies that fined practices:
 * confirming the reviewer is a patient, naming them, a health detail,
 * offering to talk about details in public. */
static void
test_scanner_catches_bad_replies (void)
{
  const struct { const char *text; const char *reviewer; } bad[] = {
    { "We're sorry your root canal hurt.", "Paula Brandt" },
    { "As your dentist, I can tell you the crown was needed.", "Paula Brandt" },
    { "Thank you Paula, we hope to see you again soon.", "Paula Brandt" },
    { "We reviewed your chart and the biopsy results were normal.", "Howard Lee" },
    { "Your diabetes is well controlled, so the wait was worth it.", "Howard Lee" },
    { "Happy to discuss the details of your treatment here in the comments.", "Howard Lee" },
    { "Let's talk about your treatment here in the comments.", "Howard Lee" },
  };
  const char *good[] = {
    "Thank you for your feedback. Privacy rules keep us from discussing anyone's care online; "
    "please call our office and ask for the practice manager.",
    "Thank you for your kind words!",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GPtrArray) findings = scan_reply (bad[i].text, bad[i].reviewer);

      if (findings->len == 0)
        g_error ("bad reply %u passed the checker", i);
    }
  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GPtrArray) findings = scan_reply (good[i], "Paula Brandt");

      if (findings->len != 0)
        g_error ("safe reply %u got %u findings, the first %s", i, findings->len,
                 rounds_finding_get_rule (g_ptr_array_index (findings, 0)));
    }
}

static void
test_second_person_approves (Fixture       *f,
                             gconstpointer  data)
{
  const char *text = "We're sorry your root canal hurt.";
  g_autoptr(GPtrArray) findings = scan_reply (text, "Reviewer");
  g_autoptr(RoundsReply) reply = NULL;
  g_autoptr(RoundsReply) after = NULL;
  g_autoptr(GListModel) entries = NULL;
  g_autoptr(RoundsAuditEntry) submitted = NULL, approved = NULL, override = NULL, sent = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
  g_autofree char *span = NULL;
  RoundsFinding *first;

  reply = rounds_store_save_reply (f->store, f->comment_id, text, &error);
  g_assert_no_error (error);
  g_assert_cmpint (reply->state, ==, ROUNDS_REPLY_STATE_DRAFT);
  g_assert_cmpstr (reply->written_by, ==, "Lena");

  /* Not approved: it cannot be sent, by hand or otherwise. */
  g_assert_false (rounds_store_mark_reply_sent (f->store, reply->id, TRUE, NULL, NULL, &error));
  g_assert_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Keep the first finding with a reason (its own table, not a post's). */
  first = g_ptr_array_index (findings, 0);
  span = rounds_text_dup_span_hash (text, rounds_finding_get_start (first),
                                    rounds_finding_get_end (first));
  g_assert_false (rounds_store_acknowledge_reply_finding (f->store, reply->id,
                                                          rounds_finding_get_rule (first), span,
                                                          "  ", &error));
  g_clear_error (&error);
  g_assert_true (rounds_store_acknowledge_reply_finding (f->store, reply->id,
                                                         rounds_finding_get_rule (first), span,
                                                         "Reviewer posted it first", &error));
  g_assert_no_error (error);

  g_assert_true (rounds_store_submit_reply (f->store, reply->id, &error));
  g_assert_no_error (error);

  /* The writer cannot approve their own reply. */
  g_assert_false (rounds_store_approve_reply (f->store, reply->id, "LENA", NULL, findings,
                                              "fine", &error));
  g_assert_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID);
  g_clear_error (&error);
  /* Only the approver named in the crisis plan. */
  g_assert_false (rounds_store_approve_reply (f->store, reply->id, "Maria", "Dr. Okafor",
                                              findings, "fine", &error));
  g_assert_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID);
  g_clear_error (&error);
  /* A blocking finding needs the approver's reason. */
  g_assert_false (rounds_store_approve_reply (f->store, reply->id, "Dr. Okafor", "Dr. Okafor",
                                              findings, " ", &error));
  g_assert_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (rounds_store_approve_reply (f->store, reply->id, "Dr. Okafor", "Dr. Okafor",
                                             findings, "Reviewer named the treatment", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (rounds_store_get_actor (f->store), ==, "Lena");

  g_assert_true (rounds_store_mark_reply_sent (f->store, reply->id, TRUE, NULL, NULL, &error));
  g_assert_no_error (error);
  after = rounds_store_get_reply (f->store, f->comment_id, &error);
  g_assert_cmpint (after->state, ==, ROUNDS_REPLY_STATE_ANSWERED_BY_HAND);
  g_assert_cmpstr (after->approved_by, ==, "Dr. Okafor");

  /* Sent once only. */
  g_assert_false (rounds_store_mark_reply_sent (f->store, reply->id, TRUE, NULL, NULL, &error));
  g_clear_error (&error);

  entries = audit_of (f, "reply", reply->id);
  submitted = find_entry (entries, "status", "awaiting_approval");
  approved = find_entry (entries, "status", "approved");
  override = find_entry (entries, "override", NULL);
  sent = find_entry (entries, "status", "answered_by_hand");
  g_assert_nonnull (submitted);
  g_assert_nonnull (approved);
  g_assert_nonnull (override);
  g_assert_nonnull (sent);
  g_assert_cmpstr (rounds_audit_entry_get_actor (submitted), ==, "Lena");
  g_assert_cmpstr (rounds_audit_entry_get_actor (approved), ==, "Dr. Okafor");
  g_assert_cmpstr (rounds_audit_entry_get_text_hash (submitted), ==, hash);
  g_assert_cmpstr (rounds_audit_entry_get_text_hash (approved), ==, hash);
  g_assert_cmpstr (rounds_audit_entry_get_text_hash (sent), ==, hash);
  g_assert_nonnull (strstr (rounds_audit_entry_get_reason (approved), "Reviewer posted it first"));
  g_assert_nonnull (strstr (rounds_audit_entry_get_reason (sent), "approved by Dr. Okafor"));
  g_assert_nonnull (strstr (rounds_audit_entry_get_reason (sent), "Written by Lena"));
}

static void
test_text_change_drops_approval (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(RoundsReply) reply = NULL;
  g_autoptr(RoundsReply) changed = NULL;
  g_autoptr(GError) error = NULL;

  reply = rounds_store_save_reply (f->store, f->comment_id, "Thank you.", &error);
  g_assert_true (rounds_store_submit_reply (f->store, reply->id, &error));
  g_assert_true (rounds_store_approve_reply (f->store, reply->id, "Maria", NULL, NULL, NULL,
                                             &error));
  g_assert_no_error (error);

  changed = rounds_store_save_reply (f->store, f->comment_id, "Thank you, Paula.", &error);
  g_assert_no_error (error);
  g_assert_cmpint (changed->state, ==, ROUNDS_REPLY_STATE_DRAFT);
  g_assert_null (changed->approved_by);
  g_assert_false (rounds_store_mark_reply_sent (f->store, changed->id, TRUE, NULL, NULL, &error));
  g_clear_error (&error);

  /* A reply to praise without findings goes out without a second person. */
  g_assert_true (rounds_store_mark_reply_sent (f->store, changed->id, FALSE, NULL, NULL, &error));
  g_assert_no_error (error);
}

/* Sending through a network: the Mastodon stub gets a status threaded
 * under the comment, with exactly the approved text; the store keeps its
 * id. */
typedef struct
{
  GMainLoop *loop;
  gboolean   ok;
  GError    *error;
} Wait;

static void
on_sent_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Wait *w = user_data;

  w->ok = rounds_reply_sender_send_finish (ROUNDS_REPLY_SENDER (source), result, &w->error);
  g_main_loop_quit (w->loop);
}

static void
test_send_through_mastodon (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(RoundsMastodonStub) stub = NULL;
  g_autoptr(RoundsReplySender) sender = NULL;
  RoundsAccount *account;
  g_autoptr(RoundsReply) reply = NULL;
  g_autoptr(RoundsReply) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *notification = NULL;
  const char *status_id;
  const char *text = "Thank you for getting in touch. Please call our office.";
  Wait w = { g_main_loop_new (NULL, FALSE), FALSE, NULL };
  guint before;

  stub = rounds_mastodon_stub_new (&error);
  g_assert_no_error (error);
  rounds_mastodon_stub_add_token (stub, ROUNDS_TEST_MASTODON_TOKEN);
  notification = rounds_mastodon_stub_add_mention (stub, "pat@other.example", "Pat",
                                                   "<p>Hello</p>", NULL);
  status_id = rounds_mastodon_stub_get_notification_status (stub, notification);
  account = rounds_store_add_account (f->store, ROUNDS_NETWORK_MASTODON,
                                      rounds_mastodon_stub_get_base_url (stub), "@clinic",
                                      "Clinic", "1", 0, &error);
  g_assert_no_error (error);

  sender = rounds_reply_sender_new (f->store, NULL);
  rounds_reply_sender_set_connector_factory (sender, rounds_test_mastodon_factory, NULL, NULL);

  reply = rounds_store_save_reply (f->store, f->comment_id, text, &error);
  g_assert_no_error (error);
  before = rounds_mastodon_stub_get_request_count (stub);

  /* Needs approval and has none: refused without a request. */
  rounds_reply_sender_send_async (sender, reply->id, account, status_id, NULL, TRUE, NULL,
                                  on_sent_cb, &w);
  g_main_loop_run (w.loop);
  g_assert_false (w.ok);
  g_assert_error (w.error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID);
  g_clear_error (&w.error);
  g_assert_cmpuint (rounds_mastodon_stub_get_request_count (stub), ==, before);
  g_assert_cmpuint (rounds_mastodon_stub_count_statuses (stub), ==, 0);

  g_assert_true (rounds_store_submit_reply (f->store, reply->id, &error));
  g_assert_true (rounds_store_approve_reply (f->store, reply->id, "Dr. Okafor", NULL, NULL, NULL,
                                             &error));
  g_assert_no_error (error);

  rounds_reply_sender_send_async (sender, reply->id, account, status_id, NULL, TRUE, NULL,
                                  on_sent_cb, &w);
  g_main_loop_run (w.loop);
  g_assert_no_error (w.error);
  g_assert_true (w.ok);

  after = rounds_store_get_reply (f->store, f->comment_id, &error);
  g_assert_cmpint (after->state, ==, ROUNDS_REPLY_STATE_SENT);
  g_assert_nonnull (after->remote_id);
  g_assert_cmpuint (rounds_mastodon_stub_count_statuses (stub), ==, 1);
  g_assert_cmpstr (rounds_mastodon_stub_get_status_text (stub, after->remote_id), ==, text);
  g_assert_cmpstr (rounds_mastodon_stub_get_status_in_reply_to (stub, after->remote_id), ==,
                   status_id);
  g_main_loop_unref (w.loop);
}

/* ------------------------------------------------------------------ */
/* The crisis plan at work                                              */

static JsonObject *
sample_crisis (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser,
    "{\"watcher\":\"Lena\",\"replier\":\"Lena\",\"approver\":\"Dr. Okafor\","
    "\"privacy_officer\":\"Maria\",\"escalation\":[{\"name\":\"Dr. Banks\"}],\"levels\":{"
    "\"negative_review\":{\"hours\":24,\"steps\":\"a\"},"
    "\"health_details\":{\"hours\":4,\"steps\":\"b\"},"
    "\"privacy_incident\":{\"hours\":1,\"steps\":\"Remove at once.\"},"
    "\"media\":{\"hours\":4,\"steps\":\"Pass to the approver.\"}},\"templates\":[]}", -1, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
test_response_times (void)
{
  g_autoptr(JsonObject) crisis = sample_crisis ();
  gint64 t = ROUNDS_TEST_T0;

  g_assert_cmpint (rounds_plan_reply_due_at (crisis, "complaint", t), ==, t + 24 * 3600);
  g_assert_cmpint (rounds_plan_reply_due_at (crisis, "health_details", t), ==, t + 4 * 3600);
  g_assert_cmpint (rounds_plan_reply_due_at (crisis, "crisis", t), ==, t + 3600);
  g_assert_cmpint (rounds_plan_reply_due_at (crisis, "praise", t), ==, 0);
  g_assert_true (rounds_plan_is_overdue (crisis, "crisis", t, FALSE, t + 3601));
  g_assert_false (rounds_plan_is_overdue (crisis, "crisis", t, TRUE, t + 3601));
  g_assert_false (rounds_plan_is_overdue (crisis, "crisis", t, FALSE, t + 3599));
  g_assert_false (rounds_plan_is_overdue (crisis, "spam", t, FALSE, t + 99999));
  /* No plan: the defaults still set targets. */
  g_assert_cmpint (rounds_plan_reply_due_at (NULL, "complaint", t), ==, t + 24 * 3600);
}

static void
test_templates (void)
{
  g_autoptr(JsonObject) crisis = sample_crisis ();
  g_autoptr(RoundsPractice) practice = rounds_practice_new ();
  const char *phones[] = { "(608) 555-0110", NULL };
  g_autoptr(GPtrArray) complaint = NULL;
  g_autoptr(GPtrArray) praise = NULL;
  g_autofree char *filled = NULL;
  RoundsReplyTemplate *first;

  rounds_practice_set_name (practice, "Lakeside Family Medicine");
  rounds_practice_set_phones (practice, phones);

  complaint = rounds_plan_reply_templates (crisis, practice, "complaint");
  g_assert_cmpuint (complaint->len, >=, 3);
  first = g_ptr_array_index (complaint, 0);
  g_assert_cmpstr (first->title, ==, "Negative review");
  g_assert_nonnull (strstr (first->text, "call"));
  g_assert_nonnull (strstr (first->text, "(608) 555-0110"));

  praise = rounds_plan_reply_templates (crisis, practice, "praise");
  g_assert_cmpstr (((RoundsReplyTemplate *)g_ptr_array_index (praise, 0))->title, ==,
                   "Positive review");

  /* Only the practice's own facts go into a template. */
  filled = rounds_plan_fill_reply_template ("{practice}: call {phone}. {reviewer} {health}",
                                            practice);
  g_assert_cmpstr (filled, ==, "Lakeside Family Medicine: call (608) 555-0110. {reviewer} {health}");

  /* Every default template passes the reply checker. */
  for (guint i = 0; i < complaint->len; i++)
    {
      RoundsReplyTemplate *t = g_ptr_array_index (complaint, i);
      g_autoptr(GPtrArray) findings = scan_reply (t->text, "Paula Brandt");

      if (findings->len > 0)
        g_error ("template %u has a finding: %s", i,
                 rounds_finding_get_rule (g_ptr_array_index (findings, 0)));
    }
}

static void
test_crisis_checklist (void)
{
  g_autoptr(JsonObject) crisis = sample_crisis ();
  g_autoptr(GPtrArray) steps = rounds_plan_crisis_checklist (crisis);
  const char *ids[] = { "call", "hold", "keep", "log" };

  g_assert_cmpuint (steps->len, ==, G_N_ELEMENTS (ids));
  for (guint i = 0; i < steps->len; i++)
    g_assert_cmpstr (((RoundsCrisisStep *)g_ptr_array_index (steps, i))->id, ==, ids[i]);
  g_assert_nonnull (strstr (((RoundsCrisisStep *)g_ptr_array_index (steps, 0))->title, "Maria"));
  g_assert_nonnull (strstr (((RoundsCrisisStep *)g_ptr_array_index (steps, 0))->detail, "Dr. Banks"));
  g_assert_cmpstr (rounds_plan_crisis_approver (crisis), ==, "Dr. Okafor");
}

static void
test_log_comment_event (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GListModel) entries = NULL;
  g_autoptr(RoundsAuditEntry) entry = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (rounds_store_log_comment_event (f->store, f->comment_id, "crisis-step",
                                                 "call: Call Maria now", &error));
  g_assert_no_error (error);
  entries = audit_of (f, "comment", f->comment_id);
  entry = find_entry (entries, "crisis-step", NULL);
  g_assert_nonnull (entry);
  g_assert_cmpstr (rounds_audit_entry_get_actor (entry), ==, "Lena");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/replies/needs-approval", test_needs_approval);
  g_test_add_func ("/replies/scanner-catches-bad-replies", test_scanner_catches_bad_replies);
  g_test_add ("/replies/second-person-approves", Fixture, NULL, fixture_set_up,
              test_second_person_approves, fixture_tear_down);
  g_test_add ("/replies/text-change-drops-approval", Fixture, NULL, fixture_set_up,
              test_text_change_drops_approval, fixture_tear_down);
  g_test_add ("/replies/send-through-mastodon", Fixture, NULL, fixture_set_up,
              test_send_through_mastodon, fixture_tear_down);
  g_test_add ("/replies/log-comment-event", Fixture, NULL, fixture_set_up,
              test_log_comment_event, fixture_tear_down);
  g_test_add_func ("/inbox-plan/response-times", test_response_times);
  g_test_add_func ("/inbox-plan/templates", test_templates);
  g_test_add_func ("/inbox-plan/crisis-checklist", test_crisis_checklist);

  return g_test_run ();
}
