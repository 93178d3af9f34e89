/* test-people.c — people, roles, PINs and signatures (issue 20)
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <libpq-fe.h>
#include <sqlite3.h>
#include <string.h>

#include "core-test-util.h"
#include "rounds-pin.h"
#include "rounds-plan-inbox.h"
#include "rounds-post.h"
#include "rounds-audit-entry.h"
#include "rounds-store-people.h"
#include "rounds-store-reminders.h"
#include "rounds-store-replies.h"
#include "rounds-store-private.h"

typedef struct
{
  RoundsTestStoreFixture base;
  RoundsStore           *store;
  gint64                 writer, approver, manager;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  rounds_test_store_fixture_set_up (&f->base, "rounds-people-XXXXXX");
  f->store = rounds_test_store_open (&f->base);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  rounds_test_store_fixture_tear_down (&f->base);
}

/* Three people: a writer (no PIN), an approver (2468), a manager (1357). */
static void
add_three (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  RoundsPerson *p;

  p = rounds_store_add_person (f->store, "Lena Kowalski", ROUNDS_PERSON_ROLE_WRITER, &error);
  g_assert_no_error (error);
  f->writer = rounds_person_get_id (p);
  p = rounds_store_add_person (f->store, "Dr. Helen Marsh", ROUNDS_PERSON_ROLE_APPROVER, &error);
  g_assert_no_error (error);
  f->approver = rounds_person_get_id (p);
  p = rounds_store_add_person (f->store, "Sam Ortiz", ROUNDS_PERSON_ROLE_MANAGER, &error);
  g_assert_no_error (error);
  f->manager = rounds_person_get_id (p);
  g_assert_true (rounds_store_set_person_pin (f->store, f->approver, "2468", &error));
  g_assert_no_error (error);
  g_assert_true (rounds_store_set_person_pin (f->store, f->manager, "1357", &error));
  g_assert_no_error (error);
  rounds_store_lock_people (f->store);
  g_assert_true (rounds_store_set_desk_person (f->store, f->writer, &error));
  g_assert_no_error (error);
}

static gint64
add_post_in_review (Fixture *f)
{
  g_autoptr(RoundsPost) post = rounds_post_new ();
  g_autoptr(GError) error = NULL;
  RoundsPost *saved;

  rounds_post_set_title (post, "Flu shots");
  rounds_post_set_body (post, "Flu shots are in. Book at the front desk.");
  rounds_post_set_networks (post, ROUNDS_NETWORK_FACEBOOK);
  saved = rounds_store_save_post (f->store, post, &error);
  g_assert_no_error (error);
  g_assert_true (rounds_store_set_post_status (f->store, rounds_post_get_id (saved),
                                               ROUNDS_POST_STATUS_IN_REVIEW, NULL, &error));
  g_assert_no_error (error);
  return rounds_post_get_id (saved);
}

static sqlite3 *
raw_open (Fixture *f)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (f->base.path, &db), ==, SQLITE_OK);
  return db;
}

static char *
raw_text (sqlite3    *db,
          const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    text = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

/* PIN hashing: a salted yescrypt hash, different for the same PIN, that
 * verifies the right PIN only; PINs are 4 to 8 digits. */
static void
test_people_pin_hash (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = rounds_pin_hash ("2468", &error);
  g_autofree char *b = rounds_pin_hash ("2468", NULL);

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (a, "$y$"));
  g_assert_null (strstr (a, "2468"));
  g_assert_cmpstr (a, !=, b);              /* a fresh salt each time */
  g_assert_true (rounds_pin_verify ("2468", a));
  g_assert_true (rounds_pin_verify ("2468", b));
  g_assert_false (rounds_pin_verify ("2469", a));
  g_assert_false (rounds_pin_verify ("", a));
  g_assert_false (rounds_pin_verify ("2468", "2468"));   /* a clear "hash" never matches */

  g_assert_null (rounds_pin_hash ("123", &error));
  g_assert_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "4 to 8 digits"));
  g_clear_error (&error);
  g_assert_null (rounds_pin_hash ("12a4", &error));
  g_assert_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (rounds_pin_hash ("123456789", NULL));
}

/* The PIN is stored only as its hash. */
static void
test_people_pin_not_in_clear (Fixture       *f,
                              gconstpointer  data)
{
  ROUNDS_TEST_FILE_ONLY ();
  g_autofree char *hash = NULL;
  g_autofree char *contents = NULL;
  sqlite3 *db;

  add_three (f);
  g_clear_object (&f->store);
  db = raw_open (f);
  hash = raw_text (db, "SELECT pin_hash FROM people WHERE name = 'Dr. Helen Marsh'");
  sqlite3_close (db);
  g_assert_true (g_str_has_prefix (hash, "$y$"));
  g_assert_true (rounds_pin_verify ("2468", hash));
  g_assert_true (g_file_get_contents (f->base.path, &contents, NULL, NULL));
  g_assert_null (strstr (hash, "2468"));
}

/* Without people nothing changes: anyone at the desk approves. */
static void
test_people_none_approves_as_before (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = add_post_in_review (f);

  g_assert_false (rounds_store_has_people (f->store));
  g_assert_true (rounds_store_approve_post (f->store, id, NULL, NULL, &error));
  g_assert_no_error (error);
}

/* With people, approving needs an approver's PIN; a writer cannot sign,
 * even with a PIN; every way to approve is checked in the store. */
static void
test_people_roles_enforced (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  add_three (f);
  id = add_post_in_review (f);

  g_assert_false (rounds_store_approve_post (f->store, id, NULL, NULL, &error));
  g_assert_error (error, ROUNDS_PEOPLE_ERROR, ROUNDS_PEOPLE_ERROR_NEEDS_PIN);
  g_clear_error (&error);
  g_assert_false (rounds_store_set_post_status (f->store, id, ROUNDS_POST_STATUS_APPROVED, NULL,
                                                &error));
  g_assert_error (error, ROUNDS_PEOPLE_ERROR, ROUNDS_PEOPLE_ERROR_NEEDS_PIN);
  g_clear_error (&error);
  g_assert_false (rounds_store_acknowledge_finding (f->store, id, "risk.guarantee", "ab",
                                                    "Our own claim", &error));
  g_assert_error (error, ROUNDS_PEOPLE_ERROR, ROUNDS_PEOPLE_ERROR_NEEDS_PIN);
  g_clear_error (&error);
  g_assert_cmpint (rounds_post_get_status (rounds_store_lookup_post (f->store, id)), ==,
                   ROUNDS_POST_STATUS_IN_REVIEW);

  /* A writer is refused even with a PIN set by a manager. */
  g_assert_true (rounds_store_unlock_people (f->store, f->manager, "1357", &error));
  g_assert_true (rounds_store_set_person_pin (f->store, f->writer, "1111", &error));
  g_assert_no_error (error);
  rounds_store_lock_people (f->store);
  g_assert_false (rounds_store_sign (f->store, f->writer, "1111", &error));
  g_assert_error (error, ROUNDS_PEOPLE_ERROR, ROUNDS_PEOPLE_ERROR_NOT_ALLOWED);
  g_assert_nonnull (strstr (error->message, "Lena Kowalski cannot approve"));
  g_clear_error (&error);
  g_assert_false (rounds_store_approve_post (f->store, id, NULL, NULL, &error));
  g_assert_error (error, ROUNDS_PEOPLE_ERROR, ROUNDS_PEOPLE_ERROR_NEEDS_PIN);
  g_clear_error (&error);

  /* The approver signs; the approval names them, not the desk's writer. */
  g_assert_true (rounds_store_sign (f->store, f->approver, "2468", &error));
  g_assert_no_error (error);
  g_assert_true (rounds_store_approve_post (f->store, id, NULL, NULL, &error));
  g_assert_no_error (error);
  rounds_store_release_signature (f->store);
  g_assert_cmpint (rounds_post_get_status (rounds_store_lookup_post (f->store, id)), ==,
                   ROUNDS_POST_STATUS_APPROVED);

  {
    g_autoptr(GListModel) audit = rounds_store_list_audit (f->store, "post", id, &error);
    guint n = g_list_model_get_n_items (audit);
    g_autoptr(RoundsAuditEntry) first = g_list_model_get_item (audit, 0);
    g_autoptr(RoundsAuditEntry) last = g_list_model_get_item (audit, n - 1);

    g_assert_cmpstr (rounds_audit_entry_get_actor (first), ==, "Lena Kowalski");
    g_assert_cmpint (rounds_audit_entry_get_person_id (first), ==, f->writer);
    g_assert_cmpstr (rounds_audit_entry_get_to_state (last), ==, "approved");
    g_assert_cmpstr (rounds_audit_entry_get_actor (last), ==, "Dr. Helen Marsh");
    g_assert_cmpint (rounds_audit_entry_get_person_id (last), ==, f->approver);
  }

  /* Released: the next approval needs a PIN again. */
  id = add_post_in_review (f);
  g_assert_false (rounds_store_approve_post (f->store, id, NULL, NULL, &error));
  g_assert_error (error, ROUNDS_PEOPLE_ERROR, ROUNDS_PEOPLE_ERROR_NEEDS_PIN);
  g_clear_error (&error);

  /* A signature does not outlive its time. */
  g_assert_true (rounds_store_sign (f->store, f->approver, "2468", NULL));
  rounds_clock_advance (f->base.clock, ROUNDS_SIGNATURE_SECONDS + 1);
  g_assert_false (rounds_store_approve_post (f->store, id, NULL, NULL, &error));
  g_assert_error (error, ROUNDS_PEOPLE_ERROR, ROUNDS_PEOPLE_ERROR_NEEDS_PIN);
}

/* A wrong PIN says so; after three in a row the person waits, longer
 * with each further wrong PIN, also across a restart; the right PIN
 * after the wait works and clears the count. */
static void
test_people_wrong_pin_backoff (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  add_three (f);

  for (int i = 0; i < ROUNDS_PIN_FREE_TRIES; i++)
    {
      g_assert_false (rounds_store_sign (f->store, f->approver, "0000", &error));
      g_assert_error (error, ROUNDS_PEOPLE_ERROR, ROUNDS_PEOPLE_ERROR_WRONG_PIN);
      g_assert_nonnull (strstr (error->message, "That is not Dr. Helen Marsh’s PIN"));
      g_clear_error (&error);
    }

  /* Now even the right PIN waits 30 s. */
  g_assert_false (rounds_store_sign (f->store, f->approver, "2468", &error));
  g_assert_error (error, ROUNDS_PEOPLE_ERROR, ROUNDS_PEOPLE_ERROR_TRY_LATER);
  g_assert_nonnull (strstr (error->message, "Try again in 30 seconds"));
  g_clear_error (&error);
  g_assert_null (rounds_store_get_signer (f->store));

  /* Quitting does not reset it. */
  g_clear_object (&f->store);
  f->store = rounds_test_store_open (&f->base);
  rounds_clock_advance (f->base.clock, 10);
  g_assert_false (rounds_store_sign (f->store, f->approver, "2468", &error));
  g_assert_error (error, ROUNDS_PEOPLE_ERROR, ROUNDS_PEOPLE_ERROR_TRY_LATER);
  g_assert_nonnull (strstr (error->message, "20 seconds"));
  g_clear_error (&error);

  /* After the wait, one more wrong PIN doubles it. */
  rounds_clock_advance (f->base.clock, 21);
  g_assert_false (rounds_store_sign (f->store, f->approver, "1111", &error));
  g_assert_error (error, ROUNDS_PEOPLE_ERROR, ROUNDS_PEOPLE_ERROR_WRONG_PIN);
  g_assert_nonnull (strstr (error->message, "try again in 1 minute"));
  g_clear_error (&error);
  rounds_clock_advance (f->base.clock, 59);
  g_assert_false (rounds_store_sign (f->store, f->approver, "2468", &error));
  g_assert_error (error, ROUNDS_PEOPLE_ERROR, ROUNDS_PEOPLE_ERROR_TRY_LATER);
  g_clear_error (&error);

  rounds_clock_advance (f->base.clock, 2);
  g_assert_true (rounds_store_sign (f->store, f->approver, "2468", &error));
  g_assert_no_error (error);
  rounds_store_release_signature (f->store);

  /* The count was cleared: three more free tries. */
  g_assert_false (rounds_store_sign (f->store, f->approver, "0000", &error));
  g_assert_error (error, ROUNDS_PEOPLE_ERROR, ROUNDS_PEOPLE_ERROR_WRONG_PIN);
  g_assert_null (strstr (error->message, "try again in"));
  g_clear_error (&error);

  /* No PIN yet: a message that says who sets it. */
  g_assert_true (rounds_store_unlock_people (f->store, f->manager, "1357", NULL));
  g_assert_true (rounds_store_set_person_role (f->store, f->writer, ROUNDS_PERSON_ROLE_APPROVER,
                                               &error));
  g_assert_false (rounds_store_sign (f->store, f->writer, "1234", &error));
  g_assert_error (error, ROUNDS_PEOPLE_ERROR, ROUNDS_PEOPLE_ERROR_NO_PIN);
  g_assert_nonnull (strstr (error->message, "Preferences → People"));
}

/* Only a manager who gave their PIN changes people; a writer at the desk
 * cannot make themselves an approver. The last manager stays one. */
static void
test_people_managing (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  RoundsPerson *person;

  /* A new practice: anyone may name the first people. */
  g_assert_true (rounds_store_can_manage_people (f->store));
  add_three (f);
  g_assert_false (rounds_store_can_manage_people (f->store));

  g_assert_false (rounds_store_set_person_role (f->store, f->writer, ROUNDS_PERSON_ROLE_APPROVER,
                                                &error));
  g_assert_error (error, ROUNDS_PEOPLE_ERROR, ROUNDS_PEOPLE_ERROR_NOT_ALLOWED);
  g_clear_error (&error);
  g_assert_null (rounds_store_add_person (f->store, "Someone", ROUNDS_PERSON_ROLE_MANAGER, &error));
  g_assert_error (error, ROUNDS_PEOPLE_ERROR, ROUNDS_PEOPLE_ERROR_NOT_ALLOWED);
  g_clear_error (&error);

  /* An approver is not a manager, whatever their PIN. */
  g_assert_false (rounds_store_unlock_people (f->store, f->approver, "2468", &error));
  g_assert_error (error, ROUNDS_PEOPLE_ERROR, ROUNDS_PEOPLE_ERROR_NOT_ALLOWED);
  g_clear_error (&error);
  g_assert_false (rounds_store_unlock_people (f->store, f->manager, "9999", &error));
  g_assert_error (error, ROUNDS_PEOPLE_ERROR, ROUNDS_PEOPLE_ERROR_WRONG_PIN);
  g_clear_error (&error);

  g_assert_true (rounds_store_unlock_people (f->store, f->manager, "1357", &error));
  g_assert_no_error (error);
  person = rounds_store_add_person (f->store, "Priya Natarajan", ROUNDS_PERSON_ROLE_WRITER, &error);
  g_assert_no_error (error);
  g_assert_null (rounds_store_add_person (f->store, " priya natarajan ", ROUNDS_PERSON_ROLE_WRITER,
                                          &error));
  g_assert_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (rounds_store_rename_person (f->store, rounds_person_get_id (person),
                                             "Priya N. Natarajan", &error));
  g_assert_cmpstr (rounds_person_get_name (person), ==, "Priya N. Natarajan");

  /* The last manager cannot step down or leave. */
  g_assert_false (rounds_store_set_person_role (f->store, f->manager, ROUNDS_PERSON_ROLE_WRITER,
                                                &error));
  g_assert_error (error, ROUNDS_PEOPLE_ERROR, ROUNDS_PEOPLE_ERROR_NOT_ALLOWED);
  g_clear_error (&error);
  g_assert_false (rounds_store_set_person_active (f->store, f->manager, FALSE, &error));
  g_assert_error (error, ROUNDS_PEOPLE_ERROR, ROUNDS_PEOPLE_ERROR_NOT_ALLOWED);
  g_clear_error (&error);

  /* Someone who leaves is deactivated, never deleted: they cannot be at
   * the desk or approve, and stay in the list. */
  g_assert_true (rounds_store_set_person_active (f->store, f->approver, FALSE, &error));
  g_assert_no_error (error);
  g_assert_false (rounds_person_get_active (rounds_store_lookup_person (f->store, f->approver)));
  g_assert_false (rounds_store_sign (f->store, f->approver, "2468", &error));
  g_assert_error (error, ROUNDS_PEOPLE_ERROR, ROUNDS_PEOPLE_ERROR_NOT_ALLOWED);
  g_clear_error (&error);
  g_assert_false (rounds_store_set_desk_person (f->store, f->approver, &error));
  g_assert_error (error, ROUNDS_PEOPLE_ERROR, ROUNDS_PEOPLE_ERROR_NOT_ALLOWED);
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (rounds_store_get_people (f->store)), ==, 4);

  /* And the database itself refuses to delete someone the audit log
   * names (checked on the file; the server run has no raw handle here). */
  if (!rounds_test_store_on_server ())
  {
    sqlite3 *db = raw_open (f);

    sqlite3_exec (db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
    g_assert_cmpint (sqlite3_exec (db, "DELETE FROM people WHERE name = 'Lena Kowalski'", NULL,
                                   NULL, NULL), ==, SQLITE_CONSTRAINT);
    sqlite3_close (db);
  }
}

/* The person at the desk is remembered across restarts. */
static void
test_people_desk_remembered (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  add_three (f);
  g_assert_true (rounds_store_set_desk_person (f->store, f->approver, &error));
  g_assert_cmpstr (rounds_store_get_actor (f->store), ==, "Dr. Helen Marsh");
  g_clear_object (&f->store);

  f->store = rounds_test_store_open (&f->base);
  g_assert_cmpint (rounds_person_get_id (rounds_store_get_desk_person (f->store)), ==,
                   f->approver);
  g_assert_cmpstr (rounds_store_get_actor (f->store), ==, "Dr. Helen Marsh");
}

/* The crisis plan's approver: a person by id (their name now), the name
 * typed before people existed, or a person no longer there. */
static void
test_people_crisis_approver (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(JsonObject) crisis = json_object_new ();
  g_autofree char *typed = NULL;
  g_autofree char *chosen = NULL;
  g_autofree char *renamed = NULL;
  g_autofree char *gone = NULL;
  gboolean missing = TRUE;
  g_autoptr(GError) error = NULL;

  add_three (f);
  json_object_set_string_member (crisis, "approver", "Lead physician");
  typed = rounds_plan_crisis_dup_approver (crisis, f->store, &missing);
  g_assert_cmpstr (typed, ==, "Lead physician");
  g_assert_false (missing);
  g_assert_cmpint (rounds_plan_crisis_approver_id (crisis), ==, 0);

  json_object_set_int_member (crisis, "approver_id", f->approver);
  json_object_set_string_member (crisis, "approver", "Dr. Helen Marsh");
  chosen = rounds_plan_crisis_dup_approver (crisis, f->store, &missing);
  g_assert_cmpstr (chosen, ==, "Dr. Helen Marsh");
  g_assert_false (missing);

  g_assert_true (rounds_store_unlock_people (f->store, f->manager, "1357", &error));
  g_assert_true (rounds_store_rename_person (f->store, f->approver, "Dr. Helen Marsh-Lee", &error));
  g_assert_no_error (error);
  renamed = rounds_plan_crisis_dup_approver (crisis, f->store, NULL);
  g_assert_cmpstr (renamed, ==, "Dr. Helen Marsh-Lee");

  json_object_set_int_member (crisis, "approver_id", 9999);
  gone = rounds_plan_crisis_dup_approver (crisis, f->store, &missing);
  g_assert_true (missing);
  g_assert_cmpstr (gone, ==, "Dr. Helen Marsh");
}

/* The inbox's second person: the approver who signed, never the writer. */
static void
test_people_reply_second_person (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RoundsReply) reply = NULL;
  gint64 comment;

  add_three (f);
  comment = rounds_store_add_comment (f->store, ROUNDS_NETWORK_GOOGLE, ROUNDS_COMMENT_KIND_REVIEW,
                                      "Pat Visitor", "Rude at the front desk.", ROUNDS_TEST_T0, 0,
                                      1, &error);
  g_assert_no_error (error);

  /* The approver writes the reply at the desk ... */
  g_assert_true (rounds_store_set_desk_person (f->store, f->approver, &error));
  reply = rounds_store_save_reply (f->store, comment, "We are sorry to hear that.", &error);
  g_assert_no_error (error);
  g_assert_true (rounds_store_submit_reply (f->store, reply->id, &error));

  /* ... a typed name is not enough ... */
  g_assert_false (rounds_store_approve_reply (f->store, reply->id, "Sam Ortiz", NULL, NULL, NULL,
                                              &error));
  g_assert_error (error, ROUNDS_PEOPLE_ERROR, ROUNDS_PEOPLE_ERROR_NEEDS_PIN);
  g_clear_error (&error);

  /* ... the writer's own PIN does not make a second person ... */
  g_assert_true (rounds_store_sign (f->store, f->approver, "2468", &error));
  g_assert_false (rounds_store_approve_reply (f->store, reply->id, "Sam Ortiz", NULL, NULL, NULL,
                                              &error));
  g_assert_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "A second person must approve"));
  g_clear_error (&error);
  rounds_store_release_signature (f->store);

  /* ... the manager's does. */
  g_assert_true (rounds_store_sign (f->store, f->manager, "1357", &error));
  g_assert_true (rounds_store_approve_reply (f->store, reply->id, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  rounds_store_release_signature (f->store);
  g_clear_pointer (&reply, rounds_reply_free);
  reply = rounds_store_get_reply (f->store, comment, &error);
  g_assert_cmpint (reply->state, ==, ROUNDS_REPLY_STATE_APPROVED);
  g_assert_cmpstr (reply->approved_by, ==, "Sam Ortiz");
}

/* A version 2 file: its staff list becomes people with their names, the
 * audit entries point at their person, the chain checks intact, new
 * entries continue it, and a changed person id breaks it. */
static void
test_people_migrated (Fixture       *f,
                      gconstpointer  data)
{
  ROUNDS_TEST_FILE_ONLY ();
  g_autofree char *fixture_path = g_test_build_filename (G_TEST_DIST, "data", "store",
                                                         "schema-v2.sql", NULL);
  g_autofree char *sql = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(RoundsAuditCheck) check = { 0 };
  g_auto(RoundsAuditCheck) check2 = { 0 };
  GListModel *people;
  RoundsPerson *quill, *ortiz, *ada;
  sqlite3 *db;

  /* A folder with only the old file in it. */
  g_clear_object (&f->store);
  rounds_test_remove_tree (f->base.dir);
  g_assert_cmpint (g_mkdir (f->base.dir, 0700), ==, 0);
  g_assert_true (g_file_get_contents (fixture_path, &sql, NULL, &error));
  db = raw_open (f);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 2", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  f->store = rounds_test_store_open (&f->base);
  people = rounds_store_get_people (f->store);
  /* The two on the staff list, in its order, then "Ada" from the log. */
  g_assert_cmpuint (g_list_model_get_n_items (people), ==, 3);
  quill = g_list_model_get_item (people, 0);
  ortiz = g_list_model_get_item (people, 1);
  ada = g_list_model_get_item (people, 2);
  g_object_unref (quill), g_object_unref (ortiz), g_object_unref (ada);
  g_assert_cmpstr (rounds_person_get_name (quill), ==, "Dr. Ada Quill");
  g_assert_cmpstr (rounds_person_get_job_title (quill), ==, "Dentist");
  g_assert_cmpint (rounds_person_get_role (quill), ==, ROUNDS_PERSON_ROLE_APPROVER);
  g_assert_cmpstr (rounds_person_get_name (ortiz), ==, "Ben Ortiz");
  g_assert_cmpint (rounds_person_get_role (ortiz), ==, ROUNDS_PERSON_ROLE_WRITER);
  g_assert_cmpstr (rounds_person_get_name (ada), ==, "Ada");
  g_assert_false (rounds_person_get_has_pin (quill));

  {
    g_autoptr(GListModel) audit = rounds_store_list_audit (f->store, "post", 1, &error);
    g_autoptr(RoundsAuditEntry) entry = g_list_model_get_item (audit, 0);

    g_assert_cmpuint (g_list_model_get_n_items (audit), ==, 3);
    g_assert_cmpstr (rounds_audit_entry_get_actor (entry), ==, "Ada");
    g_assert_cmpint (rounds_audit_entry_get_person_id (entry), ==, rounds_person_get_id (ada));
  }

  /* The chain, as the existing check reads it. */
  g_assert_true (rounds_store_check_audit (f->store, &check, &error));
  g_assert_true (check.intact);
  g_assert_cmpuint (check.n_entries, ==, 3);

  /* Nobody has a PIN yet, so anyone may set the first ones. */
  g_assert_true (rounds_store_can_manage_people (f->store));
  g_assert_true (rounds_store_set_person_role (f->store, rounds_person_get_id (ortiz),
                                               ROUNDS_PERSON_ROLE_MANAGER, &error));
  g_assert_true (rounds_store_set_person_pin (f->store, rounds_person_get_id (quill), "2468",
                                              &error));
  /* The first manager's PIN ends that. */
  g_assert_true (rounds_store_set_person_pin (f->store, rounds_person_get_id (ortiz), "1357",
                                              &error));
  g_assert_no_error (error);
  g_assert_false (rounds_store_can_manage_people (f->store));
  g_assert_true (rounds_store_check_audit (f->store, &check2, &error));
  g_assert_true (check2.intact);
  g_assert_cmpuint (check2.n_entries, ==, 6);
  g_clear_object (&f->store);

  /* Pointing an old entry at someone else is seen. */
  db = raw_open (f);
  sqlite3_exec (db, "DROP TRIGGER audit_log_no_update;"
                    "UPDATE audit_log SET person_id = 1 WHERE id = 2", NULL, NULL, NULL);
  sqlite3_close (db);
  f->store = rounds_test_store_open (&f->base);
  g_assert_false (rounds_store_get_audit_check (f->store)->intact);
  g_assert_cmpint (rounds_store_get_audit_check (f->store)->broken_id, ==, 2);
}

/* The header's person menu shows a short name when the window is narrow. */
static void
test_people_short_name (void)
{
  static const struct { const char *name, *expected; } cases[] = {
    { "Lena Kowalski", "Lena K." },
    { "Dr. Nnamdi Okafor", "Nnamdi O." },
    { "Dr. Okafor", "Dr. Okafor" },
    { "Sam", "Sam" },
    { "  Sam   Ortiz ", "Sam O." },
    { "María José Álvarez", "María Á." },
    { "Ana de la Cruz", "Ana C." },
    { "Prof. Dr. Eva Berg", "Eva B." },
    { "Lena 2", "Lena 2" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = rounds_person_name_shorten (cases[i].name);

      g_assert_cmpstr (got, ==, cases[i].expected);
    }
}

/* ------------------------------------------------------------------ */
/* Database logins on a practice server (issue 20)                      */

/* The fixture's practice on the server, as @login (NULL: the practice's
 * own login). The test cluster trusts its local logins: what is checked
 * here is what each login may do, not the password exchange. */
static char *
conninfo_as (Fixture    *f,
             const char *login)
{
  g_autofree char *base = _rounds_store_server_hook (f->base.path);

  return login != NULL ? g_strdup_printf ("%s user=%s", base, login) : g_steal_pointer (&base);
}

static RoundsStore *
open_as (Fixture    *f,
         const char *login)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *conninfo = conninfo_as (f, login);
  RoundsStore *store = rounds_store_open_server (conninfo, f->base.path, f->base.clock, 0, &error);

  g_assert_no_error (error);
  return store;
}

/* Runs @sql as @login; returns the SQLSTATE of its error, or "" */
static char *
sql_as (Fixture    *f,
        const char *login,
        const char *sql)
{
  g_autofree char *conninfo = conninfo_as (f, login);
  PGconn *conn = PQconnectdb (conninfo);
  PGresult *result;
  char *state;

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  result = PQexec (conn, sql);
  state = g_strdup (PQresultStatus (result) == PGRES_COMMAND_OK ||
                    PQresultStatus (result) == PGRES_TUPLES_OK
                      ? "" : PQresultErrorField (result, PG_DIAG_SQLSTATE));
  PQclear (result);
  PQfinish (conn);
  return state;
}

static char *
sql_text_as (Fixture    *f,
             const char *login,
             const char *sql)
{
  g_autofree char *conninfo = conninfo_as (f, login);
  PGconn *conn = PQconnectdb (conninfo);
  PGresult *result = PQexec (conn, sql);
  char *text = NULL;

  g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
  if (PQntuples (result) > 0 && !PQgetisnull (result, 0, 0))
    text = g_strdup (PQgetvalue (result, 0, 0));
  PQclear (result);
  PQfinish (conn);
  return text;
}

/* Role names are the whole cluster's: each test makes its own. */
static char *
unique_login (const char *stem)
{
  static guint counter;

  return g_strdup_printf ("%s_%u_%u", stem, (guint)getpid (), ++counter);
}

static void
test_people_logins_on_server (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *writer_login = unique_login ("lena");
  g_autofree char *approver_login = unique_login ("helen");
  g_autofree char *manager_login = unique_login ("sam");
  g_autofree char *password = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *state = NULL;
  g_autoptr(RoundsStore) as_writer = NULL;
  g_autoptr(RoundsStore) as_approver = NULL;
  g_autoptr(RoundsStore) as_manager = NULL;
  gint64 post_id, other_post;

  if (!rounds_test_store_on_server ())
    {
      /* On one PC there are no logins: PINs stay. */
      add_three (f);
      g_assert_null (rounds_store_set_person_login (f->store, f->writer, "lena", &error));
      g_assert_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID);
      g_assert_null (rounds_store_get_session_person (f->store));
      return;
    }

  add_three (f);
  g_assert_true (rounds_store_unlock_people (f->store, f->manager, "1357", &error));
  g_assert_no_error (error);

  /* A bad login name is refused with the rule. */
  g_assert_null (rounds_store_set_person_login (f->store, f->writer, "Lena; DROP", &error));
  g_assert_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "lower-case letters"));
  g_clear_error (&error);
  g_assert_null (rounds_store_set_person_login (f->store, f->writer, "rounds_writer", &error));
  g_assert_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* The manager gives the approver and the manager their logins
   * (the practice's own login has CREATEROLE here: a superuser). */
  password = rounds_store_set_person_login (f->store, f->approver, approver_login, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (password), ==, 20);
  g_clear_pointer (&password, g_free);
  password = rounds_store_set_person_login (f->store, f->manager, manager_login, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rounds_person_get_login (rounds_store_lookup_person (f->store, f->manager)),
                   ==, manager_login);

  /* The server keeps a SCRAM verifier, never the password. */
  sql = g_strdup_printf ("SELECT rolpassword FROM pg_authid WHERE rolname = '%s'", manager_login);
  stored = sql_text_as (f, NULL, sql);
  g_assert_true (g_str_has_prefix (stored, "SCRAM-SHA-256$"));
  g_assert_null (strstr (stored, password));
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT count(*) FROM people WHERE login IS NOT NULL"
                         " AND (name LIKE '%%%s%%' OR job_title LIKE '%%%s%%')", password, password);
  g_clear_pointer (&stored, g_free);
  stored = sql_text_as (f, NULL, sql);
  g_assert_cmpstr (stored, ==, "0");
  g_clear_pointer (&sql, g_free);

  /* The manager, signed in as themselves, creates the writer's login. */
  as_manager = open_as (f, manager_login);
  g_assert_cmpint (rounds_person_get_id (rounds_store_get_session_person (as_manager)), ==,
                   f->manager);
  g_assert_true (rounds_store_can_manage_people (as_manager));
  g_clear_pointer (&password, g_free);
  password = rounds_store_set_person_login (as_manager, f->writer, writer_login, &error);
  g_assert_no_error (error);
  g_assert_nonnull (password);

  /* The writer, signed in as themselves, is the person at the desk and
   * cannot pick someone else, approve, keep a finding or change people. */
  post_id = add_post_in_review (f);
  other_post = add_post_in_review (f);
  as_writer = open_as (f, writer_login);
  g_assert_cmpint (rounds_person_get_id (rounds_store_get_desk_person (as_writer)), ==, f->writer);
  g_assert_false (rounds_store_set_desk_person (as_writer, f->approver, &error));
  g_assert_error (error, ROUNDS_PEOPLE_ERROR, ROUNDS_PEOPLE_ERROR_NOT_ALLOWED);
  g_clear_error (&error);
  g_assert_false (rounds_store_needs_signature (as_writer));   /* no PIN dialog: a refusal */
  g_assert_false (rounds_store_approve_post (as_writer, post_id, NULL, NULL, &error));
  g_assert_error (error, ROUNDS_PEOPLE_ERROR, ROUNDS_PEOPLE_ERROR_NOT_ALLOWED);
  g_assert_nonnull (strstr (error->message, "Lena Kowalski cannot approve"));
  g_clear_error (&error);
  g_assert_false (rounds_store_set_post_status (as_writer, post_id, ROUNDS_POST_STATUS_APPROVED,
                                                NULL, &error));
  g_assert_error (error, ROUNDS_PEOPLE_ERROR, ROUNDS_PEOPLE_ERROR_NOT_ALLOWED);
  g_clear_error (&error);
  g_assert_false (rounds_store_acknowledge_finding (as_writer, post_id, "risk.guarantee", "ab",
                                                    "Our own claim", &error));
  g_assert_error (error, ROUNDS_PEOPLE_ERROR, ROUNDS_PEOPLE_ERROR_NOT_ALLOWED);
  g_clear_error (&error);
  g_assert_false (rounds_store_set_person_role (as_writer, f->writer, ROUNDS_PERSON_ROLE_MANAGER,
                                                &error));
  g_assert_error (error, ROUNDS_PEOPLE_ERROR, ROUNDS_PEOPLE_ERROR_NOT_ALLOWED);
  g_clear_error (&error);
  /* Writing stays theirs. */
  g_assert_true (rounds_store_set_post_status (as_writer, other_post, ROUNDS_POST_STATUS_DRAFT,
                                               NULL, &error));
  g_assert_no_error (error);

  /* …nor with SQL typed by hand: the server refuses (42501). */
  sql = g_strdup_printf ("UPDATE posts SET status = 'approved' WHERE id = %" G_GINT64_FORMAT,
                         post_id);
  state = sql_as (f, writer_login, sql);
  g_assert_cmpstr (state, ==, "42501");
  g_clear_pointer (&state, g_free);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("UPDATE posts SET status = 'scheduled', scheduled_at = 1"
                         " WHERE id = %" G_GINT64_FORMAT, post_id);
  state = sql_as (f, writer_login, sql);
  g_assert_cmpstr (state, ==, "42501");
  g_clear_pointer (&state, g_free);
  g_clear_pointer (&sql, g_free);
  state = sql_as (f, writer_login, "INSERT INTO posts (title, body, status, created_at, updated_at)"
                                   " VALUES ('x', 'y', 'approved', 1, 1)");
  g_assert_cmpstr (state, ==, "42501");
  g_clear_pointer (&state, g_free);
  sql = g_strdup_printf ("INSERT INTO audit_log (at, actor, entity_type, entity_id, action,"
                         " from_state, to_state, person_id) VALUES (1, 'Lena Kowalski', 'post',"
                         " %" G_GINT64_FORMAT ", 'status', 'in_review', 'approved', %"
                         G_GINT64_FORMAT ")", post_id, f->writer);
  state = sql_as (f, writer_login, sql);
  g_assert_cmpstr (state, ==, "42501");
  g_clear_pointer (&state, g_free);
  g_clear_pointer (&sql, g_free);
  /* …nor an entry in someone else's name */
  sql = g_strdup_printf ("INSERT INTO audit_log (at, actor, entity_type, entity_id, action,"
                         " person_id) VALUES (1, 'Sam Ortiz', 'post', %" G_GINT64_FORMAT
                         ", 'edited', %" G_GINT64_FORMAT ")", post_id, f->manager);
  state = sql_as (f, writer_login, sql);
  g_assert_cmpstr (state, ==, "42501");
  g_clear_pointer (&state, g_free);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("INSERT INTO finding_acks (post_id, rule, span_sha256, reason, actor, at)"
                         " VALUES (%" G_GINT64_FORMAT ", 'risk.guarantee', 'ab', 'x', 'y', 1)",
                         post_id);
  state = sql_as (f, writer_login, sql);
  g_assert_cmpstr (state, ==, "42501");
  g_clear_pointer (&state, g_free);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("UPDATE people SET role = 'manager' WHERE id = %" G_GINT64_FORMAT,
                         f->writer);
  state = sql_as (f, writer_login, sql);
  g_assert_cmpstr (state, ==, "42501");
  g_clear_pointer (&state, g_free);
  g_clear_pointer (&sql, g_free);
  state = sql_as (f, writer_login, "DROP TRIGGER posts_rights ON posts");
  g_assert_cmpstr (state, ==, "42501");
  g_clear_pointer (&state, g_free);
  sql = g_strdup_printf ("SELECT status FROM posts WHERE id = %" G_GINT64_FORMAT, post_id);
  g_clear_pointer (&stored, g_free);
  stored = sql_text_as (f, NULL, sql);
  g_assert_cmpstr (stored, ==, "in_review");
  g_clear_pointer (&sql, g_free);

  /* The approver, signed in as themselves, approves without a PIN; the
   * audit entry names them, from the database session. */
  as_approver = open_as (f, approver_login);
  g_assert_false (rounds_store_needs_signature (as_approver));
  g_assert_true (rounds_store_approve_post (as_approver, post_id, NULL, NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GListModel) audit = rounds_store_list_audit (as_approver, "post", post_id, &error);
    guint n = g_list_model_get_n_items (audit);
    g_autoptr(RoundsAuditEntry) last = g_list_model_get_item (audit, n - 1);

    g_assert_cmpstr (rounds_audit_entry_get_to_state (last), ==, "approved");
    g_assert_cmpint (rounds_audit_entry_get_person_id (last), ==, f->approver);
    g_assert_cmpstr (rounds_audit_entry_get_actor (last), ==, "Dr. Helen Marsh");
  }

  /* Made a writer by the manager, the approver's login loses the right
   * at once, in the database too. */
  g_assert_true (rounds_store_set_person_role (as_manager, f->approver, ROUNDS_PERSON_ROLE_WRITER,
                                               &error));
  g_assert_no_error (error);
  sql = g_strdup_printf ("UPDATE posts SET status = 'approved' WHERE id = %" G_GINT64_FORMAT,
                         other_post);
  state = sql_as (f, approver_login, sql);
  g_assert_cmpstr (state, ==, "42501");
  g_clear_pointer (&state, g_free);
  g_clear_pointer (&sql, g_free);

  /* Deactivated, the writer's login can no longer sign in. */
  g_assert_true (rounds_store_set_person_active (as_manager, f->writer, FALSE, &error));
  g_assert_no_error (error);
  sql = g_strdup_printf ("SELECT rolcanlogin::text FROM pg_roles WHERE rolname = '%s'",
                         writer_login);
  g_clear_pointer (&stored, g_free);
  stored = sql_text_as (f, NULL, sql);
  g_assert_cmpstr (stored, ==, "false");
}

/* Reminders on a server: once per person, not once per PC. Two PCs
 * signed in as the same writer share one delivery; the approver on a
 * third PC gets their own. */
static void
test_people_reminders_per_person (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *writer_login = unique_login ("lena");
  g_autofree char *approver_login = unique_login ("helen");
  g_autofree char *password = NULL;
  g_autoptr(RoundsStore) desk = NULL;
  g_autoptr(RoundsStore) office = NULL;
  g_autoptr(RoundsStore) doctor = NULL;
  const char *keys[] = { "post-due:7:1772467200", NULL };
  RoundsStore *pcs[3];
  guint claimed[3];

  if (!rounds_test_store_on_server ())
    {
      g_test_skip ("several PCs share a practice server only");
      return;
    }

  add_three (f);
  g_assert_true (rounds_store_unlock_people (f->store, f->manager, "1357", &error));
  password = rounds_store_set_person_login (f->store, f->writer, writer_login, &error);
  g_assert_no_error (error);
  g_clear_pointer (&password, g_free);
  password = rounds_store_set_person_login (f->store, f->approver, approver_login, &error);
  g_assert_no_error (error);

  desk = open_as (f, writer_login);
  office = open_as (f, writer_login);
  doctor = open_as (f, approver_login);
  pcs[0] = desk, pcs[1] = office, pcs[2] = doctor;

  /* Each PC foresees the reminder, as its scheduler does. */
  for (guint i = 0; i < G_N_ELEMENTS (pcs); i++)
    {
      g_assert_true (rounds_store_upsert_reminder (pcs[i], keys[0], "post-due", ROUNDS_TEST_T0,
                                                   NULL, &error));
      g_assert_no_error (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (pcs); i++)
    {
      g_autoptr(GPtrArray) pending = rounds_store_list_pending_reminders (pcs[i], &error);

      g_assert_no_error (error);
      g_assert_cmpuint (pending->len, ==, 1);
      g_assert_cmpstr (((RoundsReminderRow *)g_ptr_array_index (pending, 0))->key, ==, keys[0]);
    }

  /* The desk shows it; the office PC of the same person finds it shown;
   * the doctor shows their own. */
  for (guint i = 0; i < G_N_ELEMENTS (pcs); i++)
    {
      g_assert_true (rounds_store_claim_reminders (pcs[i], keys, ROUNDS_TEST_T0, NULL, &claimed[i],
                                                   &error));
      g_assert_no_error (error);
    }
  g_assert_cmpuint (claimed[0], ==, 1);
  g_assert_cmpuint (claimed[1], ==, 0);
  g_assert_cmpuint (claimed[2], ==, 1);
  {
    g_autoptr(GPtrArray) pending = rounds_store_list_pending_reminders (office, &error);

    g_assert_cmpuint (pending->len, ==, 0);
  }

  /* Snoozed on one PC, it comes back once, on one PC. */
  g_assert_true (rounds_store_snooze_reminder (office, keys[0], ROUNDS_TEST_T0 + 600, &error));
  g_assert_no_error (error);
  g_assert_true (rounds_store_claim_reminders (desk, keys, ROUNDS_TEST_T0 + 600, NULL, &claimed[0],
                                               &error));
  g_assert_true (rounds_store_claim_reminders (office, keys, ROUNDS_TEST_T0 + 600, NULL,
                                               &claimed[1], &error));
  g_assert_no_error (error);
  g_assert_cmpuint (claimed[0] + claimed[1], ==, 1);
}

static void
test_people_suggest_login (void)
{
  g_autofree char *a = rounds_person_suggest_login ("María López");
  g_autofree char *b = rounds_person_suggest_login ("Dr. Helen  Marsh");
  g_autofree char *c = rounds_person_suggest_login ("42");

  g_assert_cmpstr (a, ==, "maria_lopez");
  g_assert_cmpstr (b, ==, "dr_helen_marsh");
  g_assert_cmpstr (c, ==, "staff_42");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/people/pin-hash", test_people_pin_hash);
  g_test_add_func ("/people/short-name", test_people_short_name);
  ADD ("/people/pin-not-in-clear", test_people_pin_not_in_clear);
  ADD ("/people/none-approves-as-before", test_people_none_approves_as_before);
  ADD ("/people/roles-enforced", test_people_roles_enforced);
  ADD ("/people/wrong-pin-backoff", test_people_wrong_pin_backoff);
  ADD ("/people/managing", test_people_managing);
  ADD ("/people/desk-remembered", test_people_desk_remembered);
  ADD ("/people/crisis-approver", test_people_crisis_approver);
  ADD ("/people/reply-second-person", test_people_reply_second_person);
  ADD ("/people/migrated", test_people_migrated);
  ADD ("/people/logins-on-server", test_people_logins_on_server);
  ADD ("/people/reminders-per-person", test_people_reminders_per_person);
  g_test_add_func ("/people/suggest-login", test_people_suggest_login);

  return g_test_run ();
}
