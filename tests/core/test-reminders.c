/* test-reminders.c — which reminders are due, and that each comes once
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "rounds-plan.h"
#include "rounds-plan-schedule.h"
#include "rounds-reminders.h"
#include "rounds-store-inbox.h"
#include "rounds-store-plan.h"
#include "rounds-store-publish.h"
#include "rounds-store-reminders.h"
#include "rounds-time.h"

/* What a practice notices about reminders: a post due by hand is
 * announced once, at its time, with the right words and buttons; a
 * restart does not repeat it; what was missed while the computer was off
 * comes as one summary; quiet evenings and weekends hold back what can
 * wait; nothing private is in a notification unless asked for; a snooze
 * comes back once; a clock set back does not fire everything again.
 * The practice data is invented and never printed. */

#define MINUTE ((gint64)60)
#define HOUR   ((gint64)3600)
#define DAY    ((gint64)86400)

/* Monday 2026-03-02 09:00 in Chicago (15:00 UTC) */
#define T0 ((gint64)1772463600)

#define SECRET_BODY  "Private words that must not show on a shared screen"
#define SECRET_TITLE "Flu shot clinic"

typedef struct
{
  char            *dir;
  char            *path;
  RoundsClock     *clock;
  RoundsStore     *store;
  RoundsReminders *reminders;
} Fixture;

static void
open_store (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  fixture->store = rounds_store_open (fixture->path, fixture->clock, ROUNDS_STORE_OPEN_NO_BACKUPS,
                                      &error);
  g_assert_no_error (error);
  fixture->reminders = rounds_reminders_new (fixture->store);
}

static void
close_store (Fixture *fixture)
{
  g_clear_object (&fixture->reminders);
  rounds_store_close (fixture->store);
  g_clear_object (&fixture->store);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RoundsPractice) practice = rounds_practice_new ();

  fixture->dir = g_dir_make_tmp ("rounds-reminders-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "rounds.db", NULL);
  fixture->clock = rounds_clock_new_fake (T0 - DAY);
  open_store (fixture);

  rounds_practice_set_name (practice, "Test Family Practice");
  rounds_practice_set_timezone (practice, "America/Chicago");
  rounds_store_save_practice (fixture->store, practice, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  close_store (fixture);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (fixture->path, suffixes[i], NULL);
      g_unlink (file);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
  g_clear_object (&fixture->clock);
}

static gint64
add_post (Fixture          *fixture,
          gint64            at,
          RoundsNetwork     networks,
          RoundsPostStatus  status)
{
  g_autoptr(RoundsPost) post = rounds_post_new ();
  g_autoptr(GError) error = NULL;
  RoundsPost *saved;

  rounds_post_set_title (post, SECRET_TITLE);
  rounds_post_set_body (post, SECRET_BODY);
  rounds_post_set_scheduled_at (post, at);
  rounds_post_set_networks (post, networks);
  saved = rounds_store_import_post (fixture->store, post, status, "test", &error);
  g_assert_no_error (error);
  return rounds_post_get_id (saved);
}

static GPtrArray *
tick (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *shown = rounds_reminders_tick (fixture->reminders, &error);

  g_assert_no_error (error);
  g_assert_nonnull (shown);
  return shown;
}

static void
assert_nothing (Fixture *fixture)
{
  g_autoptr(GPtrArray) shown = tick (fixture);

  if (shown->len > 0)
    g_test_message ("unexpected: %s", rounds_reminder_get_title (g_ptr_array_index (shown, 0)));
  g_assert_cmpuint (shown->len, ==, 0);
}

static RoundsReminder *
tick_one (Fixture *fixture)
{
  g_autoptr(GPtrArray) shown = tick (fixture);

  g_assert_cmpuint (shown->len, ==, 1);
  return g_object_ref (g_ptr_array_index (shown, 0));
}

static void
assert_private (RoundsReminder *reminder)
{
  g_assert_null (strstr (rounds_reminder_get_title (reminder), "Private"));
  g_assert_null (strstr (rounds_reminder_get_body (reminder), "Private"));
  g_assert_null (strstr (rounds_reminder_get_title (reminder), SECRET_TITLE));
  g_assert_null (strstr (rounds_reminder_get_body (reminder), SECRET_TITLE));
}

static RoundsPostStatus
status_of (Fixture *fixture,
           gint64   id)
{
  return rounds_post_get_status (rounds_store_lookup_post (fixture->store, id));
}

/* ------------------------------------------------------------------ */

static void
test_due_post_once (Fixture       *fixture,
                    gconstpointer  data)
{
  gint64 id = add_post (fixture, T0, ROUNDS_NETWORK_INSTAGRAM, ROUNDS_POST_STATUS_SCHEDULED);
  g_autoptr(RoundsReminder) soon = NULL;
  g_autoptr(RoundsReminder) due = NULL;
  const char *label, *action;
  GVariant *target;

  rounds_clock_set_now (fixture->clock, T0 - 20 * MINUTE);
  assert_nothing (fixture);

  /* Fifteen minutes before: "due soon". */
  rounds_clock_set_now (fixture->clock, T0 - 15 * MINUTE);
  soon = tick_one (fixture);
  g_assert_cmpint (rounds_reminder_get_kind (soon), ==, ROUNDS_REMINDER_POST_SOON);
  g_assert_cmpstr (rounds_reminder_get_title (soon), ==, "Post due soon on Instagram");
  g_assert_nonnull (strstr (rounds_reminder_get_body (soon), "in 15 minutes"));
  assert_private (soon);
  assert_nothing (fixture);
  g_assert_cmpint (status_of (fixture, id), ==, ROUNDS_POST_STATUS_SCHEDULED);

  /* At its time: "Time to post on Instagram", with four buttons. */
  rounds_clock_set_now (fixture->clock, T0 + 20);
  due = tick_one (fixture);
  g_assert_cmpint (rounds_reminder_get_kind (due), ==, ROUNDS_REMINDER_POST_DUE);
  g_assert_cmpstr (rounds_reminder_get_title (due), ==, "Time to post on Instagram");
  g_assert_cmpstr (rounds_reminder_get_body (due), ==,
                   "Scheduled for Today 09:00. Copy the text, post it, then mark it as posted.");
  g_assert_true (rounds_reminder_get_urgent (due));
  assert_private (due);
  g_assert_cmpuint (rounds_reminder_get_n_actions (due), ==, 4);
  g_assert_cmpstr (rounds_reminder_get_action (due, 0, &label, &action, &target), ==, "open");
  g_assert_cmpstr (label, ==, "Open");
  g_assert_cmpstr (rounds_reminder_get_action (due, 1, &label, &action, &target), ==, "copy");
  g_assert_cmpstr (label, ==, "Copy Text");
  g_assert_cmpstr (rounds_reminder_get_action (due, 2, &label, &action, &target), ==,
                   "mark-posted");
  g_assert_cmpstr (label, ==, "Mark as Posted");
  g_assert_cmpstr (action, ==, "mark-posted");
  g_assert_cmpint (g_variant_get_int64 (target), ==, id);
  g_assert_cmpstr (rounds_reminder_get_action (due, 3, &label, &action, &target), ==, "snooze");
  g_assert_cmpstr (label, ==, "Snooze 1 Hour");

  /* A manual post is now due (DESIGN.md §4). */
  g_assert_cmpint (status_of (fixture, id), ==, ROUNDS_POST_STATUS_DUE);

  /* Once. */
  assert_nothing (fixture);
  rounds_clock_advance (fixture->clock, HOUR);
  assert_nothing (fixture);
}

static void
test_restart_no_duplicate (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(RoundsReminder) due = NULL;

  add_post (fixture, T0, ROUNDS_NETWORK_FACEBOOK, ROUNDS_POST_STATUS_SCHEDULED);
  rounds_clock_set_now (fixture->clock, T0 + 10);
  due = tick_one (fixture);
  g_assert_cmpstr (rounds_reminder_get_title (due), ==, "Time to post on Facebook");

  /* Quit and start again, a minute later and an hour later. */
  close_store (fixture);
  rounds_clock_advance (fixture->clock, MINUTE);
  open_store (fixture);
  assert_nothing (fixture);
  close_store (fixture);
  rounds_clock_advance (fixture->clock, HOUR);
  open_store (fixture);
  assert_nothing (fixture);
}

static void
test_missed_summary (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(RoundsReminder) summary = NULL;
  g_autoptr(RoundsReminder) single = NULL;

  add_post (fixture, T0, ROUNDS_NETWORK_INSTAGRAM, ROUNDS_POST_STATUS_SCHEDULED);
  add_post (fixture, T0 + HOUR, ROUNDS_NETWORK_LINKEDIN, ROUNDS_POST_STATUS_SCHEDULED);
  add_post (fixture, T0 + 2 * HOUR, ROUNDS_NETWORK_FACEBOOK, ROUNDS_POST_STATUS_SCHEDULED);

  /* Rounds was not running all morning: back at 12:00, one summary. */
  close_store (fixture);
  rounds_clock_set_now (fixture->clock, T0 + 3 * HOUR);
  open_store (fixture);
  summary = tick_one (fixture);
  g_assert_cmpint (rounds_reminder_get_kind (summary), ==, ROUNDS_REMINDER_SUMMARY);
  g_assert_cmpstr (rounds_reminder_get_title (summary), ==, "3 reminders you missed");
  g_assert_cmpstr (rounds_reminder_get_body (summary), ==, "3 posts to publish by hand");
  assert_private (summary);
  g_assert_cmpuint (g_strv_length ((char **)rounds_reminder_get_keys (summary)), ==, 3);
  assert_nothing (fixture);

  /* One missed reminder comes as itself, with its buttons. */
  add_post (fixture, T0 + 3 * HOUR + 10 * MINUTE, ROUNDS_NETWORK_INSTAGRAM,
            ROUNDS_POST_STATUS_SCHEDULED);
  close_store (fixture);
  rounds_clock_set_now (fixture->clock, T0 + 5 * HOUR);
  open_store (fixture);
  single = tick_one (fixture);
  g_assert_cmpint (rounds_reminder_get_kind (single), ==, ROUNDS_REMINDER_POST_DUE);
  g_assert_cmpuint (rounds_reminder_get_n_actions (single), ==, 4);
}

static void
test_mark_posted (Fixture       *fixture,
                  gconstpointer  data)
{
  gint64 id = add_post (fixture, T0, ROUNDS_NETWORK_INSTAGRAM, ROUNDS_POST_STATUS_SCHEDULED);
  g_autoptr(RoundsReminder) due = NULL;
  g_autoptr(GListModel) audit = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  rounds_clock_set_now (fixture->clock, T0 + 10);
  due = tick_one (fixture);
  g_assert_true (rounds_reminders_snooze (fixture->reminders, rounds_reminder_get_id (due), HOUR,
                                          &error));
  g_assert_no_error (error);

  rounds_reminders_mark_posted (fixture->reminders, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (status_of (fixture, id), ==, ROUNDS_POST_STATUS_PUBLISHED);

  audit = rounds_store_list_audit (fixture->store, "post", id, &error);
  g_assert_no_error (error);
  n = g_list_model_get_n_items (audit);
  g_assert_cmpuint (n, >=, 3);
  {
    g_autoptr(RoundsAuditEntry) last = g_list_model_get_item (audit, n - 1);
    g_autoptr(RoundsAuditEntry) before = g_list_model_get_item (audit, n - 2);

    g_assert_cmpstr (rounds_audit_entry_get_from_state (before), ==, "scheduled");
    g_assert_cmpstr (rounds_audit_entry_get_to_state (before), ==, "due");
    g_assert_cmpstr (rounds_audit_entry_get_from_state (last), ==, "due");
    g_assert_cmpstr (rounds_audit_entry_get_to_state (last), ==, "published");
    g_assert_cmpstr (rounds_audit_entry_get_reason (last), ==, "Marked as posted from a reminder");
  }

  /* Posted: the snooze does not bring it back. */
  rounds_clock_advance (fixture->clock, 2 * HOUR);
  assert_nothing (fixture);
}

static void
test_snooze_once (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(RoundsReminder) due = NULL;
  g_autoptr(RoundsReminder) again = NULL;
  g_autoptr(GError) error = NULL;

  add_post (fixture, T0, ROUNDS_NETWORK_INSTAGRAM, ROUNDS_POST_STATUS_SCHEDULED);
  rounds_clock_set_now (fixture->clock, T0 + 10);
  due = tick_one (fixture);
  rounds_reminders_snooze (fixture->reminders, rounds_reminder_get_id (due),
                           ROUNDS_REMINDERS_SNOOZE, &error);
  g_assert_no_error (error);

  rounds_clock_advance (fixture->clock, 59 * MINUTE);
  assert_nothing (fixture);
  rounds_clock_advance (fixture->clock, 2 * MINUTE);
  again = tick_one (fixture);
  g_assert_cmpstr (rounds_reminder_get_title (again), ==, "Time to post on Instagram");
  g_assert_cmpuint (rounds_reminder_get_n_actions (again), ==, 4);

  /* Once, also across a restart. */
  assert_nothing (fixture);
  close_store (fixture);
  rounds_clock_advance (fixture->clock, 3 * HOUR);
  open_store (fixture);
  assert_nothing (fixture);
}

static void
test_clock_changes (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(RoundsReminder) due = NULL;
  g_autoptr(RoundsReminder) again = NULL;
  g_autoptr(GError) error = NULL;

  add_post (fixture, T0, ROUNDS_NETWORK_INSTAGRAM, ROUNDS_POST_STATUS_SCHEDULED);
  add_post (fixture, T0 + 30 * MINUTE, ROUNDS_NETWORK_FACEBOOK, ROUNDS_POST_STATUS_SCHEDULED);
  rounds_clock_set_now (fixture->clock, T0 + 31 * MINUTE);
  g_ptr_array_unref (tick (fixture));

  /* Someone sets the clock back a day, then forward again. */
  rounds_clock_set_now (fixture->clock, T0 - DAY + 31 * MINUTE);
  assert_nothing (fixture);
  rounds_clock_set_now (fixture->clock, T0 + 32 * MINUTE);
  assert_nothing (fixture);

  /* A snooze set before the clock went back returns within the hour,
   * not a day later. */
  add_post (fixture, T0 + 40 * MINUTE, ROUNDS_NETWORK_LINKEDIN, ROUNDS_POST_STATUS_SCHEDULED);
  rounds_clock_set_now (fixture->clock, T0 + 41 * MINUTE);
  due = tick_one (fixture);
  rounds_reminders_snooze (fixture->reminders, rounds_reminder_get_id (due), HOUR, &error);
  g_assert_no_error (error);
  rounds_clock_set_now (fixture->clock, T0 - DAY + 41 * MINUTE);
  assert_nothing (fixture);
  rounds_clock_advance (fixture->clock, HOUR + MINUTE);
  again = tick_one (fixture);
  g_assert_cmpstr (rounds_reminder_get_title (again), ==, "Time to post on LinkedIn");
  assert_nothing (fixture);

  /* Daylight saving changes nothing: everything is UTC. 2026-03-08 is
   * the spring change in Chicago. */
  add_post (fixture, T0 + 6 * DAY + 9 * HOUR, ROUNDS_NETWORK_INSTAGRAM,
            ROUNDS_POST_STATUS_SCHEDULED);
  rounds_clock_set_now (fixture->clock, T0 + 6 * DAY + 9 * HOUR + 10);
  g_clear_object (&again);
  again = tick_one (fixture);
  assert_nothing (fixture);
}

static void
test_quiet_hours (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(RoundsReminder) comments = NULL;
  g_autoptr(RoundsReminder) urgent = NULL;
  g_autoptr(GError) error = NULL;
  gint64 evening = T0 + 11 * HOUR;   /* Monday 20:00 */

  rounds_clock_set_now (fixture->clock, evening - HOUR);
  assert_nothing (fixture);   /* starts the comment cursor */

  rounds_clock_set_now (fixture->clock, evening);
  for (int i = 0; i < 3; i++)
    rounds_store_add_comment (fixture->store, ROUNDS_NETWORK_FACEBOOK, ROUNDS_COMMENT_KIND_COMMENT,
                              "A. Person", SECRET_BODY, evening - i * MINUTE, 0, 0, &error);
  g_assert_no_error (error);

  /* The evening is quiet for comments … */
  g_assert_true (rounds_reminders_is_quiet (fixture->reminders, evening));
  assert_nothing (fixture);

  /* … but not for a post due by hand. */
  add_post (fixture, evening + 30 * MINUTE, ROUNDS_NETWORK_INSTAGRAM,
            ROUNDS_POST_STATUS_SCHEDULED);
  rounds_clock_set_now (fixture->clock, evening + 30 * MINUTE);
  urgent = tick_one (fixture);
  g_assert_cmpint (rounds_reminder_get_kind (urgent), ==, ROUNDS_REMINDER_POST_DUE);

  /* Tuesday 08:01: the comments, as one batch, without their text. */
  rounds_clock_set_now (fixture->clock, T0 + DAY - HOUR + MINUTE);
  g_assert_false (rounds_reminders_is_quiet (fixture->reminders, T0 + DAY - HOUR + MINUTE));
  comments = tick_one (fixture);
  g_assert_cmpstr (rounds_reminder_get_title (comments), ==, "3 new comments on Facebook");
  g_assert_cmpstr (rounds_reminder_get_body (comments), ==,
                   "Open the Inbox to read and answer them.");
  g_assert_null (strstr (rounds_reminder_get_body (comments), "A. Person"));
  assert_private (comments);
  g_assert_false (rounds_reminder_get_urgent (comments));
  assert_nothing (fixture);

  /* Saturday is quiet all day; Monday it is not. */
  g_assert_true (rounds_reminders_is_quiet (fixture->reminders, T0 + 5 * DAY));
  g_assert_false (rounds_reminders_is_quiet (fixture->reminders, T0 + 7 * DAY));
}

static void
test_comments_per_network (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) shown = NULL;
  g_autoptr(GError) error = NULL;
  RoundsReminderSettings settings;
  g_autoptr(RoundsReminder) with_text = NULL;

  rounds_clock_set_now (fixture->clock, T0);
  assert_nothing (fixture);

  for (int i = 0; i < 3; i++)
    rounds_store_add_comment (fixture->store, ROUNDS_NETWORK_FACEBOOK, ROUNDS_COMMENT_KIND_COMMENT,
                              "A. Person", SECRET_BODY, T0 + i, 0, 0, &error);
  rounds_store_add_comment (fixture->store, ROUNDS_NETWORK_GOOGLE, ROUNDS_COMMENT_KIND_REVIEW,
                            "B. Person", SECRET_BODY, T0, 0, 5, &error);
  g_assert_no_error (error);

  rounds_clock_advance (fixture->clock, MINUTE);
  shown = tick (fixture);
  g_assert_cmpuint (shown->len, ==, 2);
  {
    const char *a = rounds_reminder_get_title (g_ptr_array_index (shown, 0));
    const char *b = rounds_reminder_get_title (g_ptr_array_index (shown, 1));
    const char *titles[] = { a, b, NULL };

    g_assert_true (g_strv_contains (titles, "3 new comments on Facebook"));
    g_assert_true (g_strv_contains (titles, "1 new review on Google Business Profile"));
  }
  assert_nothing (fixture);

  /* Asked for: the newest comment's text comes along. */
  settings = *rounds_reminders_get_settings (fixture->reminders);
  settings.show_text = TRUE;
  rounds_reminders_set_settings (fixture->reminders, &settings);
  rounds_store_add_comment (fixture->store, ROUNDS_NETWORK_FACEBOOK, ROUNDS_COMMENT_KIND_COMMENT,
                            "A. Person", SECRET_BODY, T0 + 2 * MINUTE, 0, 0, &error);
  rounds_clock_advance (fixture->clock, 2 * MINUTE);
  with_text = tick_one (fixture);
  g_assert_cmpstr (rounds_reminder_get_title (with_text), ==, "1 new comment on Facebook");
  g_assert_nonnull (strstr (rounds_reminder_get_body (with_text), SECRET_BODY));
}


/* The Inbox (issue 14): a possible crisis and a one-star review each get
 * their own notification at once, which opens that item; a single new
 * comment opens itself too; none of them shows the text or the author;
 * and none comes again, also after a restart. */
static RoundsReminder *
find_titled (GPtrArray  *shown,
             const char *title)
{
  for (guint i = 0; i < shown->len; i++)
    if (g_strcmp0 (rounds_reminder_get_title (g_ptr_array_index (shown, i)), title) == 0)
      return g_ptr_array_index (shown, i);
  g_test_message ("no notification titled %s", title);
  g_assert_not_reached ();
  return NULL;
}

static void
assert_opens (RoundsReminder *reminder,
              gint64          comment_id)
{
  GVariant *target = NULL;   /* (transfer none) */

  g_assert_cmpstr (rounds_reminder_get_default_action (reminder, &target), ==, "open-comment");
  g_assert_nonnull (target);
  g_assert_cmpint (g_variant_get_int64 (target), ==, comment_id);
  g_assert_null (strstr (rounds_reminder_get_body (reminder), "Private"));
  g_assert_null (strstr (rounds_reminder_get_body (reminder), "court"));
  g_assert_null (strstr (rounds_reminder_get_title (reminder), "Person"));
  g_assert_null (strstr (rounds_reminder_get_body (reminder), "Person"));
}

static void
test_comments_urgent (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) shown = NULL;
  g_autoptr(GError) error = NULL;
  gint64 crisis, low, plain;

  rounds_clock_set_now (fixture->clock, T0);
  assert_nothing (fixture);

  crisis = rounds_store_inbox_add_by_hand (fixture->store, ROUNDS_NETWORK_MASTODON, "A. Person",
                                           "See you in court.", NULL, 0, &error);
  g_assert_no_error (error);
  low = rounds_store_inbox_add_by_hand (fixture->store, ROUNDS_NETWORK_GOOGLE, "B. Person",
                                        SECRET_BODY, NULL, 1, &error);
  g_assert_no_error (error);
  plain = rounds_store_inbox_add_by_hand (fixture->store, ROUNDS_NETWORK_FACEBOOK, "C. Person",
                                          "Love this! So important", NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rounds_comment_get_triage (rounds_store_lookup_comment (fixture->store, crisis)),
                   ==, ROUNDS_TRIAGE_CRISIS);

  rounds_clock_advance (fixture->clock, MINUTE);
  shown = tick (fixture);
  g_assert_cmpuint (shown->len, ==, 3);
  assert_opens (find_titled (shown, "Possible crisis on Mastodon"), crisis);
  assert_opens (find_titled (shown, "A 1★ review on Google Business Profile"), low);
  assert_opens (find_titled (shown, "1 new comment on Facebook"), plain);
  assert_nothing (fixture);

  /* Exactly once, also after a restart. */
  close_store (fixture);
  rounds_clock_advance (fixture->clock, HOUR);
  open_store (fixture);
  assert_nothing (fixture);
}

/* Quiet hours hold every comment notification, a possible crisis too;
 * when the crisis plan says so, a possible crisis comes at once, and
 * what waits for the morning still comes then, once. */
static void
test_crisis_in_quiet_hours (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) night = NULL;
  g_autoptr(GPtrArray) morning = NULL;
  g_autoptr(RoundsReminder) crisis_shown = NULL;
  g_autoptr(JsonObject) plan = NULL;
  g_autoptr(GError) error = NULL;
  gint64 evening = T0 + 11 * HOUR;   /* Monday 20:00 */
  gint64 plain, first, second;

  rounds_clock_set_now (fixture->clock, evening - HOUR);
  assert_nothing (fixture);   /* starts the comment cursor */

  /* The plan does not say so (the default): a crisis waits too. */
  rounds_clock_set_now (fixture->clock, evening);
  plain = rounds_store_inbox_add_by_hand (fixture->store, ROUNDS_NETWORK_MASTODON, "C. Person",
                                          "Love this! So important", NULL, 0, &error);
  g_assert_no_error (error);
  first = rounds_store_inbox_add_by_hand (fixture->store, ROUNDS_NETWORK_MASTODON, "A. Person",
                                          "See you in court.", NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rounds_comment_get_triage (rounds_store_lookup_comment (fixture->store, first)),
                   ==, ROUNDS_TRIAGE_CRISIS);
  g_assert_true (rounds_reminders_is_quiet (fixture->reminders, evening));
  assert_nothing (fixture);

  /* The crisis plan says a possible crisis comes also in quiet hours. */
  plan = rounds_plan_default_crisis (NULL, NULL);
  json_object_set_boolean_member (plan, "crisis_in_quiet_hours", TRUE);
  g_assert_true (rounds_store_plan_save_section (fixture->store, "crisis", plan, TRUE, &error));
  g_assert_no_error (error);
  rounds_clock_advance (fixture->clock, MINUTE);
  crisis_shown = tick_one (fixture);
  g_assert_cmpstr (rounds_reminder_get_title (crisis_shown), ==, "Possible crisis on Mastodon");
  assert_opens (crisis_shown, first);

  /* Another one later that night comes too, on its own; the praise
   * still waits. */
  rounds_clock_advance (fixture->clock, 2 * HOUR);
  second = rounds_store_inbox_add_by_hand (fixture->store, ROUNDS_NETWORK_MASTODON, "B. Person",
                                           "See you in court.", NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rounds_comment_get_triage (rounds_store_lookup_comment (fixture->store,
                                                                           second)),
                   ==, ROUNDS_TRIAGE_CRISIS);
  night = tick (fixture);
  g_assert_cmpuint (night->len, ==, 1);
  assert_opens (find_titled (night, "Possible crisis on Mastodon"), second);
  assert_nothing (fixture);

  /* Exactly once, also across a restart in the night. */
  close_store (fixture);
  rounds_clock_advance (fixture->clock, HOUR);
  open_store (fixture);
  assert_nothing (fixture);

  /* Tuesday 08:01: the praise held back, nothing about the crises again. */
  rounds_clock_set_now (fixture->clock, T0 + DAY - HOUR + MINUTE);
  morning = tick (fixture);
  g_assert_cmpuint (morning->len, ==, 1);
  assert_opens (find_titled (morning, "1 new comment on Mastodon"), plain);
  assert_nothing (fixture);
}

static void
test_show_text_post (Fixture       *fixture,
                     gconstpointer  data)
{
  RoundsReminderSettings settings;
  g_autoptr(RoundsReminder) due = NULL;

  rounds_reminder_settings_init (&settings);
  settings.show_text = TRUE;
  rounds_reminders_set_settings (fixture->reminders, &settings);
  add_post (fixture, T0, ROUNDS_NETWORK_INSTAGRAM, ROUNDS_POST_STATUS_SCHEDULED);
  rounds_clock_set_now (fixture->clock, T0 + 10);
  due = tick_one (fixture);
  g_assert_nonnull (strstr (rounds_reminder_get_body (due), SECRET_TITLE));
  g_assert_nonnull (strstr (rounds_reminder_get_body (due), SECRET_BODY));
  /* The summary line (title) still names only the network. */
  g_assert_cmpstr (rounds_reminder_get_title (due), ==, "Time to post on Instagram");
}

static void
test_kinds_off_and_lead (Fixture       *fixture,
                         gconstpointer  data)
{
  RoundsReminderSettings settings;
  g_autoptr(RoundsReminder) soon = NULL;

  rounds_reminder_settings_init (&settings);
  settings.enabled &= ~ROUNDS_REMINDER_POST_DUE;
  settings.lead_minutes = 60;
  rounds_reminders_set_settings (fixture->reminders, &settings);

  add_post (fixture, T0, ROUNDS_NETWORK_INSTAGRAM, ROUNDS_POST_STATUS_SCHEDULED);
  rounds_clock_set_now (fixture->clock, T0 - 61 * MINUTE);
  assert_nothing (fixture);
  rounds_clock_set_now (fixture->clock, T0 - 60 * MINUTE);
  soon = tick_one (fixture);
  g_assert_nonnull (strstr (rounds_reminder_get_body (soon), "in 60 minutes"));

  rounds_clock_set_now (fixture->clock, T0 + 10);
  assert_nothing (fixture);

  /* Turning the kind back on does not bring back the old one. */
  settings.enabled = ROUNDS_REMINDER_ALL_KINDS;
  rounds_reminders_set_settings (fixture->reminders, &settings);
  rounds_clock_advance (fixture->clock, MINUTE);
  assert_nothing (fixture);
}

static void
test_failed_post (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(RoundsReminder) failed = NULL;

  rounds_clock_set_now (fixture->clock, T0);
  add_post (fixture, T0 - HOUR, ROUNDS_NETWORK_MASTODON, ROUNDS_POST_STATUS_FAILED);
  rounds_clock_advance (fixture->clock, 10);
  failed = tick_one (fixture);
  g_assert_cmpint (rounds_reminder_get_kind (failed), ==, ROUNDS_REMINDER_POST_FAILED);
  g_assert_cmpstr (rounds_reminder_get_title (failed), ==, "A post could not be published");
  g_assert_true (rounds_reminder_get_urgent (failed));
  assert_private (failed);
  assert_nothing (fixture);

  /* Quit and start again: the failure was said once. */
  close_store (fixture);
  rounds_clock_advance (fixture->clock, HOUR);
  open_store (fixture);
  assert_nothing (fixture);
}

/* Issue 17: the store reads no post at open. A post that no view ever
 * read (among hundreds, none of them in memory) is still reminded of,
 * and a failure of the last days too, with the posts read by time and
 * status, not a list kept in memory. */
static void
test_never_loaded_post (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) posts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) shown = NULL;
  g_autoptr(GError) error = NULL;
  gboolean due = FALSE, failed = FALSE;
  guint n_imported = 0;

  rounds_clock_set_now (fixture->clock, T0 - DAY);
  for (guint i = 0; i < 400; i++)
    {
      RoundsPost *post = rounds_post_new ();
      g_autofree char *body = g_strdup_printf ("Post %u", i);

      rounds_post_set_body (post, body);
      /* Every other day for more than two years, before and after T0. */
      rounds_post_set_scheduled_at (post, T0 - 400 * DAY + (gint64)i * 2 * DAY + 7 * HOUR);
      rounds_post_set_networks (post, ROUNDS_NETWORK_FACEBOOK);
      g_ptr_array_add (posts, post);
    }
  g_assert_true (rounds_store_import_posts (fixture->store, posts, ROUNDS_POST_STATUS_PUBLISHED,
                                            "test", &n_imported, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_imported, ==, 400);
  rounds_clock_set_now (fixture->clock, T0 - HOUR);
  add_post (fixture, T0, ROUNDS_NETWORK_FACEBOOK, ROUNDS_POST_STATUS_SCHEDULED);
  add_post (fixture, T0 - 3 * HOUR, ROUNDS_NETWORK_MASTODON, ROUNDS_POST_STATUS_FAILED);
  g_clear_pointer (&posts, g_ptr_array_unref);

  close_store (fixture);
  g_assert_cmpuint (_rounds_post_get_n_live (), ==, 0);
  rounds_clock_set_now (fixture->clock, T0 + 10);
  open_store (fixture);
  g_assert_cmpuint (_rounds_post_get_n_live (), ==, 0);

  shown = tick (fixture);
  for (guint i = 0; i < shown->len; i++)
    {
      RoundsReminder *reminder = g_ptr_array_index (shown, i);

      due |= rounds_reminder_get_kind (reminder) == ROUNDS_REMINDER_POST_DUE &&
             g_strcmp0 (rounds_reminder_get_title (reminder), "Time to post on Facebook") == 0;
      failed |= rounds_reminder_get_kind (reminder) == ROUNDS_REMINDER_POST_FAILED;
    }
  g_assert_true (due);
  g_assert_true (failed);
  /* What the round read is gone again but for a few recent ones. */
  g_assert_cmpuint (_rounds_post_get_n_live (), <=, ROUNDS_STORE_RECENT_POSTS);
  g_assert_true (rounds_reminders_has_scheduled (fixture->reminders));
}

static void
restart (Fixture *fixture)
{
  close_store (fixture);
  rounds_clock_advance (fixture->clock, MINUTE);
  open_store (fixture);
}

static void
assert_reconnect_action (RoundsReminder *reminder,
                         gint64          account_id)
{
  GVariant *target = NULL;  /* borrowed */
  const char *label = NULL, *action = NULL;

  g_assert_cmpstr (rounds_reminder_get_default_action (reminder, &target), ==,
                   "reconnect-account");
  g_assert_cmpint (g_variant_get_int64 (target), ==, account_id);
  g_assert_cmpuint (rounds_reminder_get_n_actions (reminder), ==, 1);
  rounds_reminder_get_action (reminder, 0, &label, &action, &target);
  g_assert_cmpstr (label, ==, "Reconnect");
  g_assert_cmpstr (action, ==, "reconnect-account");
  g_assert_cmpint (g_variant_get_int64 (target), ==, account_id);
}

/* Token health (issue 12): a sign-in that expires within a week, or
 * that stopped working, is said once, with Reconnect; a restart or the
 * network saying it again does not repeat it; a new breakage after a
 * reconnection is said again. */
static void
test_account_sign_in (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(RoundsReminder) expiring = NULL;
  g_autoptr(RoundsReminder) expired = NULL;
  g_autoptr(RoundsReminder) again = NULL;
  g_autoptr(GError) error = NULL;
  RoundsAccount *account;
  gint64 id;

  rounds_clock_set_now (fixture->clock, T0);
  account = rounds_store_add_account (fixture->store, ROUNDS_NETWORK_MASTODON,
                                      "https://social.example", "@clinic@social.example",
                                      "Clinic", "1", T0 + 10 * DAY, &error);
  g_assert_no_error (error);
  id = rounds_account_get_id (account);

  /* Ten days ahead: nothing to say yet. */
  assert_nothing (fixture);

  /* A week before it expires. */
  rounds_clock_set_now (fixture->clock, T0 + 3 * DAY + 10);
  expiring = tick_one (fixture);
  g_assert_cmpint (rounds_reminder_get_kind (expiring), ==, ROUNDS_REMINDER_ACCOUNT);
  g_assert_nonnull (strstr (rounds_reminder_get_title (expiring), "@clinic@social.example"));
  g_assert_nonnull (strstr (rounds_reminder_get_title (expiring), "expires soon"));
  assert_reconnect_action (expiring, id);
  assert_nothing (fixture);
  restart (fixture);
  assert_nothing (fixture);

  /* It stops working. */
  g_assert_true (rounds_store_set_account_auth_expired (fixture->store, id,
                                                        "The access token is invalid", &error));
  rounds_clock_advance (fixture->clock, 10);
  expired = tick_one (fixture);
  g_assert_cmpint (rounds_reminder_get_kind (expired), ==, ROUNDS_REMINDER_ACCOUNT);
  g_assert_true (g_str_has_prefix (rounds_reminder_get_title (expired), "Reconnect "));
  g_assert_nonnull (strstr (rounds_reminder_get_body (expired), "The access token is invalid"));
  g_assert_true (rounds_reminder_get_urgent (expired));
  assert_reconnect_action (expired, id);

  /* The network says so again, in other words; Rounds restarts. */
  rounds_clock_advance (fixture->clock, HOUR);
  g_assert_true (rounds_store_set_account_auth_expired (fixture->store, id,
                                                        "The access token was revoked", &error));
  assert_nothing (fixture);
  restart (fixture);
  assert_nothing (fixture);

  /* Reconnected (no expiry now), then broken again: said again. */
  g_assert_true (rounds_store_reconnect_account (fixture->store, id, NULL, NULL, 0, &error));
  rounds_clock_advance (fixture->clock, 10);
  assert_nothing (fixture);
  rounds_clock_advance (fixture->clock, DAY);
  g_assert_true (rounds_store_set_account_auth_expired (fixture->store, id,
                                                        "The access token is invalid", &error));
  rounds_clock_advance (fixture->clock, 10);
  again = tick_one (fixture);
  g_assert_true (g_str_has_prefix (rounds_reminder_get_title (again), "Reconnect "));
}

static void
test_plan_tasks_daily (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(RoundsReminder) first = NULL;
  g_autoptr(RoundsReminder) next = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  guint n_tasks = 0, expected = 0;

  /* A 30-day plan started on 2026-02-16: on Monday 2 March the tasks of
   * days 1–14 are over; one of them was ticked by hand. */
  rounds_store_set_kv (fixture->store, "plan.start", "2026-02-16", &error);
  g_assert_no_error (error);
  {
    const RoundsPlanTask *tasks = rounds_plan_tasks (&n_tasks);

    for (guint i = 0; i < n_tasks; i++)
      if (tasks[i].last_day <= 14)
        expected++;
    g_assert_cmpuint (expected, >=, 2);
    rounds_store_plan_set_task_done (fixture->store, tasks[0].id, TRUE, &error);
    g_assert_no_error (error);
    expected--;
  }
  title = g_strdup_printf ("%u plan tasks are overdue", expected);

  /* Monday 08:30: not yet (plan reminders come at 09:00). */
  rounds_clock_set_now (fixture->clock, T0 - 30 * MINUTE);
  assert_nothing (fixture);
  rounds_clock_set_now (fixture->clock, T0 + MINUTE);
  first = tick_one (fixture);
  g_assert_cmpstr (rounds_reminder_get_title (first), ==, title);
  g_assert_false (rounds_reminder_get_urgent (first));

  /* At most once a day: not at noon, not after a restart. */
  rounds_clock_set_now (fixture->clock, T0 + 3 * HOUR);
  assert_nothing (fixture);
  close_store (fixture);
  open_store (fixture);
  assert_nothing (fixture);

  /* Tuesday 09:00 again. */
  rounds_clock_set_now (fixture->clock, T0 + DAY + MINUTE);
  next = tick_one (fixture);
  g_assert_cmpstr (rounds_reminder_get_title (next), ==, title);

  /* The clock set back to Monday does not bring Monday's back. */
  rounds_clock_set_now (fixture->clock, T0 + 2 * MINUTE);
  assert_nothing (fixture);
}

static void
test_many_at_once (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(RoundsReminder) summary = NULL;

  for (int i = 0; i < 5; i++)
    add_post (fixture, T0, ROUNDS_NETWORK_INSTAGRAM, ROUNDS_POST_STATUS_SCHEDULED);
  rounds_clock_set_now (fixture->clock, T0 - 15 * MINUTE);
  summary = tick_one (fixture);
  g_assert_cmpstr (rounds_reminder_get_title (summary), ==, "5 reminders");
  g_assert_cmpstr (rounds_reminder_get_body (summary), ==, "5 posts due soon");
}

static void
test_rescheduled_post (Fixture       *fixture,
                       gconstpointer  data)
{
  gint64 id = add_post (fixture, T0, ROUNDS_NETWORK_INSTAGRAM, ROUNDS_POST_STATUS_SCHEDULED);
  g_autoptr(RoundsPost) copy = NULL;
  g_autoptr(RoundsReminder) later = NULL;
  g_autoptr(GError) error = NULL;

  rounds_clock_set_now (fixture->clock, T0 - 30 * MINUTE);
  assert_nothing (fixture);

  /* Moved to 10:00 before its reminder: it comes at the new time only. */
  copy = rounds_post_copy (rounds_store_lookup_post (fixture->store, id));
  rounds_post_set_scheduled_at (copy, T0 + HOUR);
  rounds_store_save_post (fixture->store, copy, &error);
  g_assert_no_error (error);

  rounds_clock_set_now (fixture->clock, T0 + 10);
  assert_nothing (fixture);
  rounds_clock_set_now (fixture->clock, T0 + HOUR + 10);
  later = tick_one (fixture);
  g_assert_cmpint (rounds_reminder_get_kind (later), ==, ROUNDS_REMINDER_POST_DUE);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) \
  g_test_add ("/reminders/" path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)

  ADD ("due-post-once", test_due_post_once);
  ADD ("restart-no-duplicate", test_restart_no_duplicate);
  ADD ("missed-summary", test_missed_summary);
  ADD ("mark-posted", test_mark_posted);
  ADD ("snooze-once", test_snooze_once);
  ADD ("clock-changes", test_clock_changes);
  ADD ("quiet-hours", test_quiet_hours);
  ADD ("comments-per-network", test_comments_per_network);
  ADD ("comments-urgent", test_comments_urgent);
  ADD ("crisis-in-quiet-hours", test_crisis_in_quiet_hours);
  ADD ("show-text-post", test_show_text_post);
  ADD ("kinds-off-and-lead", test_kinds_off_and_lead);
  ADD ("failed-post", test_failed_post);
  ADD ("never-loaded-post", test_never_loaded_post);
  ADD ("account-sign-in", test_account_sign_in);
  ADD ("plan-tasks-daily", test_plan_tasks_daily);
  ADD ("many-at-once", test_many_at_once);
  ADD ("rescheduled-post", test_rescheduled_post);

  return g_test_run ();
}
