/* test-store.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "core-test-util.h"
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "rounds-store.h"
#include "rounds-store-private.h"
#include "rounds-store-checks.h"
#include "rounds-store-comment-list.h"
#include "../../bench/rounds-bench-data.h"

/* The store keeps a practice's posts, comments and audit trail. What a
 * user relies on, and what these tests check: what was saved is there
 * after a restart, a failed write changes nothing, files from another
 * version or damaged files lose nothing, backups exist and can be
 * restored, the history cannot be rewritten, and the lists the windows
 * show follow every change without polling.
 *
 * Every test works in its own temporary folder; the practice data is
 * invented and never printed. */

#define HOUR ((gint64)3600)
#define DAY  ((gint64)86400)

/* Monday 2026-03-02 15:00 UTC */
#define T0 ROUNDS_TEST_T0

/* core-test-util.h: a temporary folder, rounds.db in it, a fake clock. */
typedef RoundsTestStoreFixture Fixture;

/* ------------------------------------------------------------------ */
/* Helpers                                                              */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  rounds_test_store_fixture_set_up (fixture, "rounds-store-XXXXXX");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  rounds_test_store_fixture_tear_down (fixture);
}

static RoundsStore *
open_store (Fixture *fixture)
{
  return rounds_test_store_open (fixture);
}

/* Closes the store and checks that nothing else holds it. */
static void
close_store (RoundsStore **store)
{
  rounds_test_store_close (store);
}

static sqlite3 *
raw_open_full (const char *path,
               int         flags)
{
  sqlite3 *db = NULL;
  int rc = sqlite3_open_v2 (path, &db, flags, NULL);

  g_assert_cmpint (rc, ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  return db;
}

/* Opens an existing file only: a typo must not create an empty one. */
static sqlite3 *
raw_open (const char *path)
{
  return raw_open_full (path, SQLITE_OPEN_READWRITE);
}

static sqlite3 *
raw_create (const char *path)
{
  return raw_open_full (path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
}

static void
raw_exec (sqlite3    *db,
          const char *sql)
{
  char *errmsg = NULL;
  int rc = sqlite3_exec (db, sql, NULL, NULL, &errmsg);

  if (rc != SQLITE_OK)
    g_test_message ("SQLite: %s", errmsg);
  g_assert_cmpint (rc, ==, SQLITE_OK);
  sqlite3_free (errmsg);
}

/* The first column of the first row, as text; NULL when no row or NULL. */
static char *
raw_text (sqlite3    *db,
          const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *result = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    g_test_message ("SQLite: %s", sqlite3_errmsg (db));
  g_assert_cmpint (rc, ==, SQLITE_OK);

  rc = sqlite3_step (stmt);
  g_assert_true (rc == SQLITE_ROW || rc == SQLITE_DONE);
  if (rc == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    result = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return result;
}

static gint64
raw_int (sqlite3    *db,
         const char *sql)
{
  g_autofree char *text = raw_text (db, sql);

  g_assert_nonnull (text);
  return g_ascii_strtoll (text, NULL, 10);
}

static char *
file_checksum (const char *path)
{
  return rounds_test_file_checksum (path);
}

static guint
file_mode (const char *path)
{
  return rounds_test_file_mode (path);
}

static gboolean
sibling_exists (const char *path,
                const char *suffix)
{
  g_autofree char *other = g_strconcat (path, suffix, NULL);

  return g_file_test (other, G_FILE_TEST_EXISTS);
}

static guint
count_backups (const char *path)
{
  g_auto(GStrv) backups = rounds_store_list_backups (path);

  return g_strv_length (backups);
}

static RoundsPost *
new_post (const char    *title,
          const char    *body,
          gint64         scheduled_at,
          RoundsNetwork  networks)
{
  RoundsPost *post = rounds_post_new ();

  rounds_post_set_title (post, title);
  rounds_post_set_body (post, body);
  rounds_post_set_scheduled_at (post, scheduled_at);
  rounds_post_set_networks (post, networks);
  return post;
}

/* Saves a new draft and returns its id. */
static gint64
add_post (RoundsStore   *store,
          const char    *title,
          const char    *body,
          gint64         scheduled_at,
          RoundsNetwork  networks)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RoundsPost) post = new_post (title, body, scheduled_at, networks);
  RoundsPost *saved = rounds_store_save_post (store, post, &error);

  g_assert_no_error (error);
  g_assert_nonnull (saved);
  g_assert_cmpint (rounds_post_get_id (saved), >, 0);
  g_assert_cmpint (rounds_post_get_status (saved), ==, ROUNDS_POST_STATUS_DRAFT);
  return rounds_post_get_id (saved);
}

static void
set_status (RoundsStore      *store,
            gint64            id,
            RoundsPostStatus  status,
            const char       *reason)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rounds_store_set_post_status (store, id, status, reason, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rounds_post_get_status (rounds_store_lookup_post (store, id)), ==, status);
}

static RoundsPost *
post_at (GListModel *model,
         guint       position)
{
  g_autoptr(RoundsPost) post = g_list_model_get_item (model, position);

  return post;  /* the model keeps it alive */
}

static void
assert_strv_equal (const char * const *a,
                   const char * const *b)
{
  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_cmpuint (g_strv_length ((GStrv)a), ==, g_strv_length ((GStrv)b));
  for (guint i = 0; a[i] != NULL; i++)
    g_assert_cmpstr (a[i], ==, b[i]);
}

static void
assert_same_post (RoundsPost *a,
                  RoundsPost *b)
{
  g_assert_cmpint (rounds_post_get_id (a), ==, rounds_post_get_id (b));
  g_assert_true (g_str_equal (rounds_post_get_title (a), rounds_post_get_title (b)));
  g_assert_true (g_str_equal (rounds_post_get_body (a), rounds_post_get_body (b)));
  g_assert_cmpint (rounds_post_get_status (a), ==, rounds_post_get_status (b));
  g_assert_cmpint (rounds_post_get_scheduled_at (a), ==, rounds_post_get_scheduled_at (b));
  g_assert_cmpint (rounds_post_get_networks (a), ==, rounds_post_get_networks (b));
  g_assert_cmpint (rounds_post_get_created_at (a), ==, rounds_post_get_created_at (b));
  g_assert_cmpint (rounds_post_get_updated_at (a), ==, rounds_post_get_updated_at (b));
  g_assert_cmpstr (rounds_post_get_last_error (a), ==, rounds_post_get_last_error (b));
}

/* ------------------------------------------------------------------ */
/* Creating and reopening                                               */

static void
test_store_create (Fixture       *fixture,
                   gconstpointer  data)
{
  ROUNDS_TEST_FILE_ONLY ();
  g_autofree char *nested = g_build_filename (fixture->dir, "new", "rounds.db", NULL);
  g_autofree char *nested_dir = g_path_get_dirname (nested);
  g_autofree char *default_path = rounds_store_dup_default_path ();
  g_autofree char *sample_path = rounds_store_dup_sample_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RoundsStore) store = NULL;

  /* ROUNDS_DATA_DIR decides where the files live; sample and real never share one. */
  g_assert_cmpstr (default_path, ==, fixture->path);
  g_assert_true (g_str_has_prefix (sample_path, fixture->dir));
  g_assert_cmpstr (sample_path, !=, default_path);

  g_assert_false (g_file_test (nested_dir, G_FILE_TEST_EXISTS));
  store = rounds_store_open (nested, fixture->clock, ROUNDS_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);

  g_assert_true (g_file_test (nested, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (file_mode (nested), ==, 0600);
  g_assert_cmpuint (file_mode (nested_dir) & 0077, ==, 0);

  g_assert_cmpstr (rounds_store_get_path (store), ==, nested);
  g_assert_true (rounds_store_get_clock (store) == fixture->clock);
  g_assert_cmpint (rounds_store_get_schema_version (store), ==, ROUNDS_STORE_SCHEMA_VERSION);
  g_assert_cmpuint (g_list_model_get_n_items (rounds_store_get_posts (store)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (rounds_store_get_comments (store)), ==, 0);
  g_assert_true (g_list_model_get_item_type (rounds_store_get_posts (store)) == ROUNDS_TYPE_POST);
  g_assert_false (rounds_practice_is_set_up (rounds_store_get_practice (store)));

  /* Closed means closed: writes fail cleanly instead of crashing. */
  rounds_store_close (store);
  rounds_store_close (store);
  {
    g_autoptr(RoundsPost) post = new_post ("", "After closing", 0, ROUNDS_NETWORK_FACEBOOK);

    g_assert_null (rounds_store_save_post (store, post, &error));
    g_assert_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_IO);
  }
}

static RoundsPractice *
make_practice (void)
{
  RoundsPractice *practice = rounds_practice_new ();
  static const char *phones[] = { "(608) 555-0100", "+1 608 555 0101", NULL };
  static const char *emails[] = { "desk@clinic.example", NULL };
  static const char *addresses[] = { "1 Main Street, Springfield", "Suite 4, 2 Oak Road", NULL };
  static const char *staff[] = { "Dr. Ada Quill", "Ben Ortiz", "Chloé Brandt", NULL };
  static const char *roles[] = { "Dentist", "Hygienist", "Practice manager", NULL };
  static const char *languages[] = { "en", "es", NULL };
  static const char *allow[] = { "Smile Week", NULL };

  rounds_practice_set_name (practice, "Oak Road Dental");
  rounds_practice_set_specialty (practice, ROUNDS_SPECIALTY_DENTISTRY);
  rounds_practice_set_timezone (practice, "America/Chicago");
  rounds_practice_set_website (practice, "https://oakroad.example");
  rounds_practice_set_phones (practice, phones);
  rounds_practice_set_emails (practice, emails);
  rounds_practice_set_addresses (practice, addresses);
  rounds_practice_set_staff (practice, staff, roles);
  rounds_practice_set_languages (practice, languages);
  rounds_practice_set_allow (practice, allow);

  return practice;
}

/* The set-up form marks every faulty field at once: the check names each
 * field that is wrong, in the form's order, and the first is what
 * rounds_practice_validate() reports (issue 16). */
static void
test_practice_every_problem (void)
{
  g_autoptr(RoundsPractice) practice = make_practice ();
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  const char *field = NULL;
  static const char *phones[] = { "(608) 555-0100", "12", NULL };
  static const char *emails[] = { "nobody", NULL };
  static const char * const expected[] = { "name", "website", "phones", "emails" };

  problems = rounds_practice_find_problems (practice);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_true (rounds_practice_validate (practice, NULL, NULL));
  g_clear_pointer (&problems, g_ptr_array_unref);

  rounds_practice_set_name (practice, "  ");
  rounds_practice_set_website (practice, "not a website");
  rounds_practice_set_phones (practice, phones);
  rounds_practice_set_emails (practice, emails);
  problems = rounds_practice_find_problems (practice);
  g_assert_cmpuint (problems->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < problems->len; i++)
    {
      RoundsPracticeProblem *problem = g_ptr_array_index (problems, i);

      g_assert_cmpstr (problem->field, ==, expected[i]);
      g_assert_true (problem->message != NULL && problem->message[0] != '\0');
    }
  g_assert_false (rounds_practice_validate (practice, &field, &error));
  g_assert_cmpstr (field, ==, "name");
  g_assert_error (error, ROUNDS_PRACTICE_ERROR, ROUNDS_PRACTICE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   ((RoundsPracticeProblem *) g_ptr_array_index (problems, 0))->message);
}

static void
assert_same_practice (RoundsPractice *a,
                      RoundsPractice *b)
{
  g_assert_cmpstr (rounds_practice_get_name (a), ==, rounds_practice_get_name (b));
  g_assert_cmpstr (rounds_practice_get_specialty (a), ==, rounds_practice_get_specialty (b));
  g_assert_cmpstr (rounds_practice_get_timezone (a), ==, rounds_practice_get_timezone (b));
  g_assert_cmpstr (rounds_practice_get_website (a), ==, rounds_practice_get_website (b));
  assert_strv_equal (rounds_practice_get_phones (a), rounds_practice_get_phones (b));
  assert_strv_equal (rounds_practice_get_emails (a), rounds_practice_get_emails (b));
  assert_strv_equal (rounds_practice_get_addresses (a), rounds_practice_get_addresses (b));
  assert_strv_equal (rounds_practice_get_staff_names (a), rounds_practice_get_staff_names (b));
  assert_strv_equal (rounds_practice_get_staff_roles (a), rounds_practice_get_staff_roles (b));
  assert_strv_equal (rounds_practice_get_languages (a), rounds_practice_get_languages (b));
  assert_strv_equal (rounds_practice_get_allow (a), rounds_practice_get_allow (b));
}

static void
count_post_changed_cb (RoundsStore *store,
                       RoundsPost  *post,
                       guint       *count)
{
  (*count)++;
}

/* Two PCs on one practice (two stores on one file or one server
 * database): the second save of a post that the first changed meanwhile
 * is refused, never a silent overwrite, and shows the first one's text. */
static void
test_store_conflict (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(RoundsStore) front_desk = open_store (fixture);
  g_autoptr(RoundsStore) office = NULL;
  g_autoptr(RoundsPost) mine = NULL;
  g_autoptr(RoundsPost) theirs = NULL;
  g_autoptr(GError) error = NULL;
  RoundsPost *shown;
  gint64 id;
  guint changed = 0;

  id = add_post (front_desk, "Flu shots", "Walk in Monday to Friday.", T0 + 2 * DAY,
                 ROUNDS_NETWORK_FACEBOOK);
  g_assert_cmpint (rounds_post_get_version (rounds_store_lookup_post (front_desk, id)), ==, 1);
  office = open_store (fixture);
  g_signal_connect (office, "post-changed", G_CALLBACK (count_post_changed_cb), &changed);

  /* Both open the post; the front desk saves first. */
  theirs = rounds_post_copy (rounds_store_lookup_post (front_desk, id));
  mine = rounds_post_copy (rounds_store_lookup_post (office, id));
  rounds_post_set_body (theirs, "Walk in Monday to Saturday.");
  g_assert_nonnull (rounds_store_save_post (front_desk, theirs, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rounds_post_get_version (rounds_store_lookup_post (front_desk, id)), ==, 2);

  /* The office's save is refused, and the office now shows theirs. */
  rounds_post_set_body (mine, "Walk in Monday to Friday, 8 to 6.");
  g_assert_null (rounds_store_save_post (office, mine, &error));
  g_assert_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_CONFLICT);
  g_clear_error (&error);
  shown = rounds_store_lookup_post (office, id);
  g_assert_cmpstr (rounds_post_get_body (shown), ==, "Walk in Monday to Saturday.");
  g_assert_cmpint (rounds_post_get_version (shown), ==, 2);
  g_assert_cmpuint (changed, >=, 1);

  /* "Keep mine as a copy": a new draft with my text; theirs stays. */
  {
    g_autoptr(RoundsPost) copy = rounds_post_new ();
    RoundsPost *saved;

    rounds_post_set_title (copy, rounds_post_get_title (mine));
    rounds_post_set_body (copy, rounds_post_get_body (mine));
    saved = rounds_store_save_post (office, copy, &error);
    g_assert_no_error (error);
    g_assert_cmpint (rounds_post_get_id (saved), !=, id);
    g_assert_cmpstr (rounds_post_get_body (saved), ==, "Walk in Monday to Friday, 8 to 6.");
  }

  /* Saved again after seeing theirs, the office's change goes through. */
  rounds_post_assign (mine, shown);
  rounds_post_set_title (mine, "Flu shots this week");
  g_assert_nonnull (rounds_store_save_post (office, mine, &error));
  g_assert_no_error (error);
  rounds_test_store_close (&office);
  rounds_test_store_close (&front_desk);

  front_desk = open_store (fixture);
  shown = rounds_store_lookup_post (front_desk, id);
  g_assert_cmpstr (rounds_post_get_title (shown), ==, "Flu shots this week");
  g_assert_cmpstr (rounds_post_get_body (shown), ==, "Walk in Monday to Saturday.");
  g_assert_cmpint (rounds_post_get_version (shown), ==, 3);
}

/* Iterates the main loop until @post shows @body, for at most 10 s. */
static gboolean
wait_for_body (RoundsStore *store,
               gint64       id,
               const char  *body)
{
  gint64 give_up = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;

  while (g_get_monotonic_time () < give_up)
    {
      RoundsPost *post = rounds_store_lookup_post (store, id);

      if (post != NULL && g_strcmp0 (rounds_post_get_body (post), body) == 0)
        return TRUE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return FALSE;
}

/* Two PCs on one server: what one saves, adds or deletes shows on the
 * other by itself (LISTEN/NOTIFY), without reopening. */
static void
test_store_live_updates (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(RoundsStore) front_desk = NULL;
  g_autoptr(RoundsStore) office = NULL;
  g_autoptr(RoundsPost) edit = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id, added;
  gint64 give_up;

  if (!rounds_test_store_on_server ())
    {
      g_test_skip ("live updates come from a practice server");
      return;
    }

  front_desk = open_store (fixture);
  office = open_store (fixture);
  id = add_post (front_desk, "Flu shots", "Walk in Monday to Friday.", T0 + 2 * DAY,
                 ROUNDS_NETWORK_FACEBOOK);
  g_assert_true (wait_for_body (office, id, "Walk in Monday to Friday."));

  edit = rounds_post_copy (rounds_store_lookup_post (front_desk, id));
  rounds_post_set_body (edit, "Walk in Monday to Saturday.");
  g_assert_nonnull (rounds_store_save_post (front_desk, edit, &error));
  g_assert_no_error (error);
  g_assert_true (wait_for_body (office, id, "Walk in Monday to Saturday."));

  /* The other way round, and the office's save is not a conflict: it
   * read the front desk's version with the notification. */
  g_clear_object (&edit);
  edit = rounds_post_copy (rounds_store_lookup_post (office, id));
  rounds_post_set_body (edit, "Walk in every day.");
  g_assert_nonnull (rounds_store_save_post (office, edit, &error));
  g_assert_no_error (error);
  g_assert_true (wait_for_body (front_desk, id, "Walk in every day."));

  added = add_post (office, "Open house", "Meet the team on Friday.", T0 + 3 * DAY,
                    ROUNDS_NETWORK_FACEBOOK);
  g_assert_true (wait_for_body (front_desk, added, "Meet the team on Friday."));

  g_assert_true (rounds_store_delete_post (office, added, &error));
  g_assert_no_error (error);
  give_up = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;
  while (rounds_store_lookup_post (front_desk, added) != NULL &&
         g_get_monotonic_time () < give_up)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_null (rounds_store_lookup_post (front_desk, added));
}

/* Two PCs writing at once take turns, on a server as in a file: while
 * one holds a write transaction, the other's save waits, and after the
 * busy timeout says the practice is busy (Try Again) and writes nothing;
 * once the first is done it goes through. */
static void
test_store_writers_take_turns (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(RoundsStore) front_desk = open_store (fixture);
  g_autoptr(RoundsStore) office = open_store (fixture);
  g_autoptr(RoundsPost) post = rounds_post_new ();
  g_autoptr(GError) error = NULL;
  guint before = g_list_model_get_n_items (rounds_store_get_posts (office));
  gint64 started;

  rounds_post_set_title (post, "Open house");
  rounds_post_set_body (post, "Meet the team on Friday.");

  g_assert_true (_rounds_store_begin (front_desk, &error));
  g_assert_no_error (error);
  started = g_get_monotonic_time ();
  g_assert_null (rounds_store_save_post (office, post, &error));
  g_assert_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_BUSY);
  g_clear_error (&error);
  /* It waited for the other writer first (the busy timeout is 5 s). */
  g_assert_cmpint (g_get_monotonic_time () - started, >=, 4 * G_TIME_SPAN_SECOND);
  g_assert_cmpuint (g_list_model_get_n_items (rounds_store_get_posts (office)), ==, before);
  g_assert_true (_rounds_store_commit (front_desk, &error));
  g_assert_no_error (error);

  g_assert_nonnull (rounds_store_save_post (office, post, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (rounds_store_get_posts (office)), ==, before + 1);
}

static void
test_store_reopen (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(RoundsStore) store = open_store (fixture);
  g_autoptr(RoundsPractice) practice = make_practice ();
  g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(RoundsPost) failed = NULL;
  GListModel *posts;
  GListModel *comments;
  gint64 id1, id2, id3, c1, c2;

  g_assert_true (rounds_store_save_practice (store, practice, &error));
  g_assert_no_error (error);
  g_assert_true (rounds_practice_is_set_up (rounds_store_get_practice (store)));

  id1 = add_post (store, "Flu shots", "Walk in Monday to Friday.", T0 + 2 * DAY,
                  ROUNDS_NETWORK_FACEBOOK | ROUNDS_NETWORK_INSTAGRAM | ROUNDS_NETWORK_GOOGLE);
  rounds_clock_advance (fixture->clock, 60);
  id2 = add_post (store, "", "An untitled draft without a time.", 0, ROUNDS_NETWORK_MASTODON);
  rounds_clock_advance (fixture->clock, 60);
  set_status (store, id1, ROUNDS_POST_STATUS_IN_REVIEW, NULL);
  set_status (store, id1, ROUNDS_POST_STATUS_APPROVED, "Checked by the manager");
  set_status (store, id1, ROUNDS_POST_STATUS_SCHEDULED, NULL);

  failed = new_post ("Holiday hours", "Closed on Thursday.", T0 - DAY, ROUNDS_NETWORK_LINKEDIN);
  _rounds_post_set_last_error (failed, "The access token has expired.");
  id3 = rounds_post_get_id (rounds_store_import_post (store, failed, ROUNDS_POST_STATUS_FAILED,
                                                      "Imported", &error));
  g_assert_no_error (error);
  g_assert_cmpint (id3, >, id2);

  c1 = rounds_store_add_comment (store, ROUNDS_NETWORK_FACEBOOK, ROUNDS_COMMENT_KIND_COMMENT,
                                 "Greg W.", "Open on Saturdays?", T0 - 2 * HOUR, id1, 0,
                                 &error);
  g_assert_no_error (error);
  c2 = rounds_store_add_comment (store, ROUNDS_NETWORK_GOOGLE, ROUNDS_COMMENT_KIND_REVIEW,
                                 "Anita S.", "Friendly front desk.", T0 - HOUR, 0, 4, &error);
  g_assert_no_error (error);
  g_assert_cmpint (c1, >, 0);
  g_assert_cmpint (c2, >, c1);

  posts = rounds_store_get_posts (store);
  g_assert_cmpuint (g_list_model_get_n_items (posts), ==, 3);
  for (guint i = 0; i < 3; i++)
    g_ptr_array_add (before, rounds_post_copy (post_at (posts, i)));

  close_store (&store);
  rounds_clock_advance (fixture->clock, 3 * DAY);
  store = open_store (fixture);

  assert_same_practice (rounds_store_get_practice (store), practice);
  g_assert_cmpstr (rounds_practice_get_staff_roles (rounds_store_get_practice (store))[2], ==,
                   "Practice manager");

  posts = rounds_store_get_posts (store);
  g_assert_cmpuint (g_list_model_get_n_items (posts), ==, 3);
  for (guint i = 0; i < 3; i++)
    assert_same_post (post_at (posts, i), g_ptr_array_index (before, i));

  {
    RoundsPost *p1 = rounds_store_lookup_post (store, id1);
    RoundsPost *p2 = rounds_store_lookup_post (store, id2);
    RoundsPost *p3 = rounds_store_lookup_post (store, id3);

    g_assert_cmpstr (rounds_post_get_title (p1), ==, "Flu shots");
    g_assert_cmpstr (rounds_post_get_body (p1), ==, "Walk in Monday to Friday.");
    g_assert_cmpint (rounds_post_get_status (p1), ==, ROUNDS_POST_STATUS_SCHEDULED);
    g_assert_cmpint (rounds_post_get_scheduled_at (p1), ==, T0 + 2 * DAY);
    g_assert_cmpint (rounds_post_get_networks (p1), ==,
                     ROUNDS_NETWORK_FACEBOOK | ROUNDS_NETWORK_INSTAGRAM | ROUNDS_NETWORK_GOOGLE);
    g_assert_cmpint (rounds_post_get_created_at (p1), ==, T0);
    g_assert_cmpint (rounds_post_get_updated_at (p1), ==, T0 + 120);

    g_assert_cmpint (rounds_post_get_status (p2), ==, ROUNDS_POST_STATUS_DRAFT);
    g_assert_cmpint (rounds_post_get_scheduled_at (p2), ==, 0);
    g_assert_cmpint (rounds_post_get_created_at (p2), ==, T0 + 60);

    g_assert_cmpint (rounds_post_get_status (p3), ==, ROUNDS_POST_STATUS_FAILED);
    g_assert_cmpstr (rounds_post_get_last_error (p3), ==, "The access token has expired.");
  }

  /* Comments come back newest first, with every field. */
  comments = rounds_store_get_comments (store);
  g_assert_cmpuint (g_list_model_get_n_items (comments), ==, 2);
  {
    g_autoptr(RoundsComment) review = g_list_model_get_item (comments, 0);
    g_autoptr(RoundsComment) comment = g_list_model_get_item (comments, 1);

    g_assert_cmpint (rounds_comment_get_id (review), ==, c2);
    g_assert_cmpint (rounds_comment_get_kind (review), ==, ROUNDS_COMMENT_KIND_REVIEW);
    g_assert_cmpint (rounds_comment_get_network (review), ==, ROUNDS_NETWORK_GOOGLE);
    g_assert_cmpstr (rounds_comment_get_author (review), ==, "Anita S.");
    g_assert_cmpstr (rounds_comment_get_body (review), ==, "Friendly front desk.");
    g_assert_cmpint (rounds_comment_get_rating (review), ==, 4);
    g_assert_cmpint (rounds_comment_get_post_id (review), ==, 0);
    g_assert_cmpint (rounds_comment_get_received_at (review), ==, T0 - HOUR);
    g_assert_false (rounds_comment_get_is_read (review));

    g_assert_cmpint (rounds_comment_get_id (comment), ==, c1);
    g_assert_cmpint (rounds_comment_get_kind (comment), ==, ROUNDS_COMMENT_KIND_COMMENT);
    g_assert_cmpint (rounds_comment_get_network (comment), ==, ROUNDS_NETWORK_FACEBOOK);
    g_assert_cmpstr (rounds_comment_get_author (comment), ==, "Greg W.");
    g_assert_cmpstr (rounds_comment_get_body (comment), ==, "Open on Saturdays?");
    g_assert_cmpint (rounds_comment_get_post_id (comment), ==, id1);
    g_assert_cmpint (rounds_comment_get_received_at (comment), ==, T0 - 2 * HOUR);
  }

  /* New rows after a reopen do not reuse ids. */
  g_assert_cmpint (add_post (store, "", "Later", 0, ROUNDS_NETWORK_FACEBOOK), >, id3);
}

/* ------------------------------------------------------------------ */
/* File settings                                                        */

static void
test_store_mode (Fixture       *fixture,
                 gconstpointer  data)
{
  ROUNDS_TEST_FILE_ONLY ();
  g_autoptr(RoundsStore) store = NULL;
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  int fd;

  /* A file that was copied in or made by an older build, readable by all. */
  fd = g_open (fixture->path, O_WRONLY | O_CREAT, 0644);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (fchmod (fd, 0644), ==, 0);
  close (fd);
  g_assert_cmpuint (file_mode (fixture->path), ==, 0644);

  store = open_store (fixture);
  g_assert_cmpuint (file_mode (fixture->path), ==, 0600);

  /* The write-ahead log holds the same data: it must be private too. */
  add_post (store, "", "Private", 0, ROUNDS_NETWORK_FACEBOOK);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (file_mode (wal) & 0077, ==, 0);
  close_store (&store);

  /* Loosened after the fact: tightened again on the next open. */
  g_assert_cmpint (g_chmod (fixture->path, 0666), ==, 0);
  store = open_store (fixture);
  g_assert_cmpuint (file_mode (fixture->path), ==, 0600);
  g_assert_cmpuint (g_list_model_get_n_items (rounds_store_get_posts (store)), ==, 1);
}

static void
test_store_wal_foreign_keys (Fixture       *fixture,
                             gconstpointer  data)
{
  ROUNDS_TEST_FILE_ONLY ();
  g_autoptr(RoundsStore) store = open_store (fixture);
  g_autoptr(GError) error = NULL;
  g_autofree char *mode = NULL;
  g_autofree char *post_id = NULL;
  sqlite3 *db;
  gint64 id, comment;

  id = add_post (store, "", "A post with a comment", 0, ROUNDS_NETWORK_FACEBOOK);
  comment = rounds_store_add_comment (store, ROUNDS_NETWORK_FACEBOOK, ROUNDS_COMMENT_KIND_COMMENT,
                                      "Reader", "Nice", T0, id, 0, &error);
  g_assert_no_error (error);

  db = raw_open (fixture->path);
  mode = raw_text (db, "PRAGMA journal_mode");
  g_assert_cmpstr (mode, ==, "wal");
  sqlite3_close (db);

  /* Foreign keys are a per-connection setting, so look at what they do
   * on the store's connection: a comment cannot point at a post that
   * does not exist… */
  g_assert_cmpint (rounds_store_add_comment (store, ROUNDS_NETWORK_FACEBOOK,
                                             ROUNDS_COMMENT_KIND_COMMENT, "Reader", "Orphan",
                                             T0, id + 1000, 0, &error), ==, 0);
  g_assert_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (rounds_store_get_comments (store)), ==, 1);

  /* …and deleting a post keeps its comments, unlinked (ON DELETE SET NULL). */
  g_assert_true (rounds_store_delete_post (store, id, &error));
  g_assert_no_error (error);

  db = raw_open (fixture->path);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT post_id FROM comments WHERE id = %"
                                            G_GINT64_FORMAT, comment);
    g_autofree char *count = raw_text (db, "SELECT count(*) FROM comments");

    post_id = raw_text (db, sql);
    g_assert_cmpstr (count, ==, "1");
  }
  sqlite3_close (db);
  g_assert_null (post_id);
}

/* ------------------------------------------------------------------ */
/* Check answers kept                                                   */

/* What the scanner found in a text is kept under the stamp it was found
 * with: read back after a restart under that stamp, never under another
 * one (other rules or another profile: checked again), and answers of a
 * stamp no longer used are forgotten a month later. */
static void
test_store_checks_kept (Fixture       *fixture,
                        gconstpointer  data)
{
  const char * const texts[] = { "Flu shots this week.", "Open on Saturday mornings." };
  const char * const asked[] = { "Open on Saturday mornings.", "Flu shots this week.",
                                 "Never checked." };
  const int blocks[] = { 0, 2 };
  const int warnings[] = { 1, 3 };
  int got_blocks[3], got_warnings[3];
  g_autoptr(RoundsStore) store = open_store (fixture);
  g_autoptr(GError) error = NULL;

  g_assert_true (rounds_store_save_checks (store, "rules-1/profile-1", texts, 2, blocks, warnings,
                                           &error));
  g_assert_no_error (error);
  close_store (&store);
  store = open_store (fixture);

  g_assert_true (rounds_store_read_checks (store, "rules-1/profile-1", asked, 3, got_blocks,
                                           got_warnings, &error));
  g_assert_no_error (error);
  g_assert_cmpint (got_blocks[0], ==, 2);
  g_assert_cmpint (got_warnings[0], ==, 3);
  g_assert_cmpint (got_blocks[1], ==, 0);
  g_assert_cmpint (got_warnings[1], ==, 1);
  g_assert_cmpint (got_blocks[2], ==, -1);
  g_assert_cmpint (got_warnings[2], ==, -1);

  /* New rules: nothing kept applies. */
  g_assert_true (rounds_store_read_checks (store, "rules-2/profile-1", asked, 3, got_blocks,
                                           got_warnings, &error));
  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (got_blocks[i], ==, -1);

  /* Answers under the new rules a day later keep the old ones (another
   * PC may still use them); a month later they go. */
  rounds_clock_advance (fixture->clock, 24 * 3600);
  g_assert_true (rounds_store_save_checks (store, "rules-2/profile-1", texts, 1, blocks, warnings,
                                           &error));
  g_assert_true (rounds_store_read_checks (store, "rules-1/profile-1", asked, 3, got_blocks,
                                           got_warnings, &error));
  g_assert_cmpint (got_blocks[1], ==, 0);
  g_assert_cmpint (got_warnings[1], ==, 1);
  rounds_clock_advance (fixture->clock, 31 * 24 * 3600);
  g_assert_true (rounds_store_save_checks (store, "rules-2/profile-1", texts, 1, blocks, warnings,
                                           &error));
  g_assert_true (rounds_store_read_checks (store, "rules-1/profile-1", asked, 3, got_blocks,
                                           got_warnings, &error));
  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (got_blocks[i], ==, -1);
  g_assert_true (rounds_store_read_checks (store, "rules-2/profile-1", asked, 3, got_blocks,
                                           got_warnings, &error));
  g_assert_cmpint (got_blocks[1], ==, 0);
  g_assert_cmpint (got_warnings[1], ==, 1);
  g_assert_no_error (error);
}

/* ------------------------------------------------------------------ */
/* Migrations                                                           */

static void
assert_current_schema (Fixture *fixture)
{
  sqlite3 *db = raw_open (fixture->path);
  static const char *tables[] = { "practice", "posts", "comments", "audit_log", "post_checks" };

  g_assert_cmpint (raw_int (db, "PRAGMA user_version"), ==, ROUNDS_STORE_SCHEMA_VERSION);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM sqlite_master"
                                              " WHERE type = 'table' AND name = '%s'", tables[i]);

      g_assert_cmpint (raw_int (db, sql), ==, 1);
    }
  sqlite3_close (db);
}

static void
test_store_migrate_empty (Fixture       *fixture,
                          gconstpointer  data)
{
  ROUNDS_TEST_FILE_ONLY ();
  g_autoptr(RoundsStore) store = NULL;
  gint64 id;

  /* An empty file (a crash right after it was created, a `touch`). */
  g_assert_true (g_file_set_contents (fixture->path, "", 0, NULL));

  store = open_store (fixture);
  g_assert_cmpint (rounds_store_get_schema_version (store), ==, ROUNDS_STORE_SCHEMA_VERSION);
  id = add_post (store, "", "First post", T0 + DAY, ROUNDS_NETWORK_FACEBOOK);
  close_store (&store);

  assert_current_schema (fixture);

  store = open_store (fixture);
  g_assert_nonnull (rounds_store_lookup_post (store, id));
  g_assert_cmpstr (rounds_post_get_body (rounds_store_lookup_post (store, id)), ==, "First post");
}

typedef struct
{
  gint64  id;
  char   *body;
} Row;

static void
row_free (Row *row)
{
  g_free (row->body);
  g_free (row);
}

static GPtrArray *
raw_rows (sqlite3    *db,
          const char *sql)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify)row_free);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      Row *row = g_new0 (Row, 1);

      row->id = sqlite3_column_int64 (stmt, 0);
      row->body = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
      g_ptr_array_add (rows, row);
    }
  sqlite3_finalize (stmt);

  return rows;
}

/* Data-driven: every schema version that ever shipped has a fixture,
 * tests/data/store/schema-vK.sql, that builds a database of version K
 * with some data. Opening it must migrate to the current version and
 * keep every post, comment, the practice and the audit trail. */
static void
test_store_migrate_from (Fixture       *fixture,
                         gconstpointer  data)
{
  ROUNDS_TEST_FILE_ONLY ();
  int version = GPOINTER_TO_INT (data);
  g_autofree char *name = g_strdup_printf ("schema-v%d.sql", version);
  g_autofree char *fixture_path = g_test_build_filename (G_TEST_DIST, "data", "store", name, NULL);
  g_autofree char *sql = NULL;
  g_autofree char *practice_name = NULL;
  g_autoptr(GPtrArray) posts = NULL;
  g_autoptr(GPtrArray) comments = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RoundsStore) store = NULL;
  g_auto(GStrv) backups = NULL;
  gint64 n_audit;
  sqlite3 *db;

  if (!g_file_test (fixture_path, G_FILE_TEST_IS_REGULAR))
    {
      g_test_message ("Missing fixture %s: every earlier schema version needs one", fixture_path);
      g_test_fail ();
      return;
    }

  g_file_get_contents (fixture_path, &sql, NULL, &error);
  g_assert_no_error (error);

  db = raw_create (fixture->path);
  raw_exec (db, sql);
  g_assert_cmpint (raw_int (db, "PRAGMA user_version"), ==, version);
  posts = raw_rows (db, "SELECT id, body FROM posts ORDER BY id");
  comments = raw_rows (db, "SELECT id, body FROM comments ORDER BY id");
  practice_name = raw_text (db, "SELECT name FROM practice WHERE id = 1");
  n_audit = raw_int (db, "SELECT count(*) FROM audit_log");
  sqlite3_close (db);

  /* A fixture without data would prove nothing. */
  g_assert_cmpuint (posts->len, >, 0);
  g_assert_cmpuint (comments->len, >, 0);

  store = open_store (fixture);
  g_assert_cmpint (rounds_store_get_schema_version (store), ==, ROUNDS_STORE_SCHEMA_VERSION);

  g_assert_cmpuint (g_list_model_get_n_items (rounds_store_get_posts (store)), ==, posts->len);
  for (guint i = 0; i < posts->len; i++)
    {
      Row *row = g_ptr_array_index (posts, i);
      RoundsPost *post = rounds_store_lookup_post (store, row->id);

      g_assert_nonnull (post);
      g_assert_cmpstr (rounds_post_get_body (post), ==, row->body);
    }

  g_assert_cmpuint (g_list_model_get_n_items (rounds_store_get_comments (store)), ==,
                    comments->len);
  g_assert_cmpstr (rounds_practice_get_name (rounds_store_get_practice (store)), ==,
                   practice_name ? practice_name : "");

  /* A copy of the old version was taken before the migration. */
  backups = rounds_store_list_backups (fixture->path);
  g_assert_nonnull (backups[0]);
  db = raw_open (backups[g_strv_length (backups) - 1]);
  g_assert_cmpint (raw_int (db, "PRAGMA user_version"), ==, version);
  sqlite3_close (db);

  close_store (&store);
  db = raw_open (fixture->path);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM audit_log"), >=, n_audit);
  sqlite3_close (db);
  assert_current_schema (fixture);
}

static void
test_store_migrate_failure (Fixture       *fixture,
                            gconstpointer  data)
{
  ROUNDS_TEST_FILE_ONLY ();
  g_autoptr(RoundsStore) store = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  /* Some other program's database, version 0, that already has a "posts"
   * table: the first migration step fails half-way through. */
  db = raw_create (fixture->path);
  raw_exec (db, "CREATE TABLE posts (x TEXT); INSERT INTO posts VALUES ('theirs');");
  sqlite3_close (db);

  store = rounds_store_open (fixture->path, fixture->clock, ROUNDS_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_nonnull (error);
  g_assert_true (error->domain == ROUNDS_STORE_ERROR);

  /* The step ran in one transaction: nothing of it is left, their data is. */
  db = raw_open (fixture->path);
  g_assert_cmpint (raw_int (db, "PRAGMA user_version"), ==, 0);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM sqlite_master WHERE name = 'practice'"),
                   ==, 0);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM sqlite_master WHERE name = 'audit_log'"),
                   ==, 0);
  {
    g_autofree char *theirs = raw_text (db, "SELECT x FROM posts");

    g_assert_cmpstr (theirs, ==, "theirs");
  }
  sqlite3_close (db);
}

/* ------------------------------------------------------------------ */
/* Failed writes                                                        */

static void
count_signal_cb (gpointer  instance,
                 gpointer  arg,
                 guint    *count)
{
  (*count)++;
}

static void
test_store_rollback (Fixture       *fixture,
                     gconstpointer  data)
{
  ROUNDS_TEST_FILE_ONLY ();
  g_autoptr(RoundsStore) store = open_store (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(RoundsPost) edit = NULL;
  RoundsPost *post;
  guint changed = 0;
  gint64 id;
  gint64 n_audit;
  sqlite3 *db;

  id = add_post (store, "Flu shots", "Original text", T0 + DAY, ROUNDS_NETWORK_FACEBOOK);
  set_status (store, id, ROUNDS_POST_STATUS_IN_REVIEW, NULL);
  post = rounds_store_lookup_post (store, id);
  g_signal_connect (store, "post-changed", G_CALLBACK (count_signal_cb), &changed);

  /* Make every audit write fail, as a full disk or a bug would. */
  db = raw_open (fixture->path);
  raw_exec (db, "CREATE TRIGGER test_refuse_audit BEFORE INSERT ON audit_log"
                " BEGIN SELECT RAISE (ABORT, 'refused by the test'); END;");
  n_audit = raw_int (db, "SELECT count(*) FROM audit_log");
  sqlite3_close (db);

  rounds_clock_advance (fixture->clock, HOUR);

  /* A status change is the post row plus its audit entry: neither lands. */
  g_assert_false (rounds_store_set_post_status (store, id, ROUNDS_POST_STATUS_APPROVED, "ok",
                                                &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (rounds_post_get_status (post), ==, ROUNDS_POST_STATUS_IN_REVIEW);
  g_assert_cmpint (rounds_post_get_updated_at (post), ==, T0);
  g_assert_cmpuint (changed, ==, 0);

  /* A new post is a row plus an audit entry too. */
  {
    g_autoptr(RoundsPost) fresh = new_post ("", "Never saved", 0, ROUNDS_NETWORK_FACEBOOK);

    g_assert_null (rounds_store_save_post (store, fresh, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
    g_assert_cmpuint (g_list_model_get_n_items (rounds_store_get_posts (store)), ==, 1);
  }

  /* So is a deletion. */
  g_assert_false (rounds_store_delete_post (store, id, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_true (rounds_store_lookup_post (store, id) == post);

  /* The store still works after failures. */
  edit = rounds_post_copy (post);
  rounds_post_set_scheduled_at (edit, T0 + 2 * DAY);
  g_assert_nonnull (rounds_store_save_post (store, edit, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rounds_post_get_scheduled_at (post), ==, T0 + 2 * DAY);
  changed = 0;

  db = raw_open (fixture->path);
  {
    g_autofree char *status = raw_text (db, "SELECT status FROM posts");

    g_assert_cmpstr (status, ==, "in_review");
    g_assert_cmpint (raw_int (db, "SELECT count(*) FROM posts"), ==, 1);
    g_assert_cmpint (raw_int (db, "SELECT count(*) FROM audit_log"), ==, n_audit);
  }
  sqlite3_close (db);

  /* After a restart, the post is as it was before the failed change. */
  close_store (&store);
  store = open_store (fixture);
  post = rounds_store_lookup_post (store, id);
  g_assert_nonnull (post);
  g_assert_cmpint (rounds_post_get_status (post), ==, ROUNDS_POST_STATUS_IN_REVIEW);
  g_assert_cmpstr (rounds_post_get_body (post), ==, "Original text");

  /* And with the cause gone, the same change goes through. */
  db = raw_open (fixture->path);
  raw_exec (db, "DROP TRIGGER test_refuse_audit");
  sqlite3_close (db);
  set_status (store, id, ROUNDS_POST_STATUS_APPROVED, "ok");
}

/* ------------------------------------------------------------------ */
/* Files from elsewhere                                                 */

static void
test_store_newer_version (Fixture       *fixture,
                          gconstpointer  data)
{
  ROUNDS_TEST_FILE_ONLY ();
  g_autoptr(RoundsStore) store = open_store (fixture);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint n_backups;
  sqlite3 *db;

  add_post (store, "", "Written by a future version", 0, ROUNDS_NETWORK_FACEBOOK);
  close_store (&store);

  db = raw_open (fixture->path);
  raw_exec (db, "PRAGMA user_version = 999");
  sqlite3_close (db);

  g_assert_false (sibling_exists (fixture->path, "-wal"));
  before = file_checksum (fixture->path);
  n_backups = count_backups (fixture->path);

  /* Two days later, so that a daily backup would be due if it got that far. */
  rounds_clock_advance (fixture->clock, 2 * DAY);
  for (guint attempt = 0; attempt < 2; attempt++)
    {
      store = rounds_store_open (fixture->path, fixture->clock, ROUNDS_STORE_OPEN_DEFAULT, &error);
      g_assert_null (store);
      g_assert_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_NEWER_VERSION);
      g_assert_nonnull (strstr (error->message, "999"));
      g_clear_error (&error);

      after = file_checksum (fixture->path);
      g_assert_cmpstr (after, ==, before);
      g_clear_pointer (&after, g_free);
      g_assert_false (sibling_exists (fixture->path, "-wal"));
      g_assert_false (sibling_exists (fixture->path, "-journal"));
      g_assert_cmpuint (count_backups (fixture->path), ==, n_backups);
    }

  db = raw_open (fixture->path);
  g_assert_cmpint (raw_int (db, "PRAGMA user_version"), ==, 999);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM posts"), ==, 1);
  sqlite3_close (db);
}

typedef enum
{
  DAMAGE_GARBAGE,
  DAMAGE_PAGES,
  DAMAGE_TRUNCATED,
} Damage;

static void
damage_file (const char *path,
             Damage      damage)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  guint page_size = 4096;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 4 * page_size);

  switch (damage)
    {
    case DAMAGE_GARBAGE:
      /* Not a database at all: another program wrote over it. */
      for (gsize i = 0; i < length; i++)
        contents[i] = (char)g_test_rand_int_range (0, 256);
      break;

    case DAMAGE_PAGES:
      /* The header survives, the pages after it do not. */
      for (gsize i = page_size; i < length; i++)
        contents[i] = (char)(0xA5 ^ (i & 0xff));
      break;

    case DAMAGE_TRUNCATED:
      /* Cut short, as by a failed copy. */
      length = length / 2 + 100;
      break;

    default:
      g_assert_not_reached ();
    }

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, 0600), ==, 0);
}

static char *
find_damaged (Fixture *fixture)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  g_autofree char *prefix = g_strconcat ("rounds.db.damaged-", NULL);
  const char *name;
  char *found = NULL;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (g_str_has_prefix (name, prefix) && !g_str_has_suffix (name, "-wal") &&
          !g_str_has_suffix (name, "-shm"))
        {
          g_assert_null (found);
          found = g_build_filename (fixture->dir, name, NULL);
        }
    }

  return found;
}

static void
test_store_corrupt (Fixture       *fixture,
                    gconstpointer  data)
{
  ROUNDS_TEST_FILE_ONLY ();
  Damage damage = GPOINTER_TO_INT (data);
  g_autoptr(RoundsStore) store = open_store (fixture);
  g_autoptr(RoundsPractice) practice = make_practice ();
  g_autoptr(GError) error = NULL;
  g_autofree char *big = g_strnfill (64 * 1024, 'x');
  g_autofree char *damaged_sum = NULL;
  g_autofree char *restored = NULL;
  g_autofree char *aside = NULL;
  g_autofree char *aside_sum = NULL;
  g_auto(GStrv) backups = NULL;
  gint64 kept[4];
  gint64 lost;

  g_assert_true (rounds_store_save_practice (store, practice, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
    kept[i] = add_post (store, "Kept", big, T0 + i * DAY, ROUNDS_NETWORK_FACEBOOK);
  close_store (&store);

  /* The next day's first start takes the backup that will be restored. */
  rounds_clock_advance (fixture->clock, DAY + HOUR);
  store = open_store (fixture);
  lost = add_post (store, "After the backup", "Lost with the damage", 0, ROUNDS_NETWORK_FACEBOOK);
  close_store (&store);
  backups = rounds_store_list_backups (fixture->path);
  g_assert_cmpuint (g_strv_length (backups), ==, 2);

  damage_file (fixture->path, damage);
  damaged_sum = file_checksum (fixture->path);

  store = rounds_store_open (fixture->path, fixture->clock, ROUNDS_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_CORRUPT);
  g_clear_error (&error);

  /* Failing to open loses nothing: the damaged bytes are still there. */
  g_assert_true (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_backups (fixture->path), ==, 2);

  restored = rounds_store_restore_latest_backup (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (restored, ==, backups[0]);

  /* The damaged file was moved aside, byte for byte, not deleted. */
  aside = find_damaged (fixture);
  g_assert_nonnull (aside);
  aside_sum = file_checksum (aside);
  g_assert_cmpstr (aside_sum, ==, damaged_sum);
  g_assert_cmpuint (file_mode (fixture->path), ==, 0600);

  store = open_store (fixture);
  assert_same_practice (rounds_store_get_practice (store), practice);
  g_assert_cmpuint (g_list_model_get_n_items (rounds_store_get_posts (store)), ==,
                    G_N_ELEMENTS (kept));
  for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
    {
      RoundsPost *post = rounds_store_lookup_post (store, kept[i]);

      g_assert_nonnull (post);
      g_assert_true (g_str_equal (rounds_post_get_body (post), big));
      g_assert_cmpint (rounds_post_get_scheduled_at (post), ==, T0 + i * DAY);
    }
  g_assert_null (rounds_store_lookup_post (store, lost));
}

static void
test_store_corrupt_skips_bad_backup (Fixture       *fixture,
                                     gconstpointer  data)
{
  ROUNDS_TEST_FILE_ONLY ();
  g_autoptr(RoundsStore) store = open_store (fixture);
  g_autoptr(GError) error = NULL;
  g_autofree char *restored = NULL;
  g_auto(GStrv) backups = NULL;
  gint64 id;

  id = add_post (store, "", "In the last two backups", 0, ROUNDS_NETWORK_FACEBOOK);
  close_store (&store);
  for (guint day = 0; day < 2; day++)
    {
      rounds_clock_advance (fixture->clock, DAY + HOUR);
      store = open_store (fixture);
      close_store (&store);
    }

  backups = rounds_store_list_backups (fixture->path);
  g_assert_cmpuint (g_strv_length (backups), ==, 3);

  /* The newest backup is itself damaged: the one before it is used. */
  g_assert_true (g_file_set_contents (backups[0], "not a database, not at all", -1, NULL));
  g_assert_true (g_file_set_contents (fixture->path, "garbage garbage garbage", -1, NULL));

  restored = rounds_store_restore_latest_backup (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (restored, ==, backups[1]);

  store = open_store (fixture);
  g_assert_nonnull (rounds_store_lookup_post (store, id));
}

static void
test_store_corrupt_no_backup (Fixture       *fixture,
                              gconstpointer  data)
{
  ROUNDS_TEST_FILE_ONLY ();
  g_autoptr(RoundsStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *restored = NULL;
  g_autofree char *garbage = g_strnfill (3 * 4096, 'Z');
  g_autoptr(GDir) dir = NULL;
  guint n_files = 0;

  g_assert_true (g_file_set_contents (fixture->path, garbage, -1, NULL));
  before = file_checksum (fixture->path);

  store = rounds_store_open (fixture->path, fixture->clock, ROUNDS_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_CORRUPT);
  g_clear_error (&error);

  restored = rounds_store_restore_latest_backup (fixture->path, &error);
  g_assert_null (restored);
  g_assert_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_NO_BACKUP);

  /* Nothing deleted, nothing moved: the file is as the user left it. */
  after = file_checksum (fixture->path);
  g_assert_cmpstr (after, ==, before);
  g_assert_null (find_damaged (fixture));

  dir = g_dir_open (fixture->dir, 0, NULL);
  while (g_dir_read_name (dir) != NULL)
    n_files++;
  g_assert_cmpuint (n_files, ==, 1);
}

/* ------------------------------------------------------------------ */
/* Backups                                                              */

static void
assert_backup_holds (const char *backup,
                     guint       n_posts)
{
  sqlite3 *db;
  g_autofree char *mode = NULL;
  g_autofree char *check = NULL;

  g_assert_cmpuint (file_mode (backup), ==, 0600);
  /* A backup stands alone: no log beside it, readable on its own. */
  g_assert_false (sibling_exists (backup, "-wal"));

  db = raw_open (backup);
  mode = raw_text (db, "PRAGMA journal_mode");
  g_assert_cmpstr (mode, !=, "wal");
  check = raw_text (db, "PRAGMA integrity_check");
  g_assert_cmpstr (check, ==, "ok");
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM posts"), ==, n_posts);
  sqlite3_close (db);
}

static void
test_store_backup_daily (Fixture       *fixture,
                         gconstpointer  data)
{
  ROUNDS_TEST_FILE_ONLY ();
  g_autoptr(RoundsStore) store = open_store (fixture);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) backups = NULL;

  /* The first start makes one. */
  g_assert_cmpuint (count_backups (fixture->path), ==, 1);
  add_post (store, "", "One", 0, ROUNDS_NETWORK_FACEBOOK);
  close_store (&store);

  /* Restarting the same day does not make another. */
  rounds_clock_advance (fixture->clock, 8 * HOUR);
  store = open_store (fixture);
  g_assert_true (rounds_store_maybe_daily_backup (store, &error));
  g_assert_no_error (error);
  close_store (&store);
  g_assert_cmpuint (count_backups (fixture->path), ==, 1);

  /* A day after the last backup, the next start makes one. */
  rounds_clock_advance (fixture->clock, 17 * HOUR);
  store = open_store (fixture);
  g_assert_cmpuint (count_backups (fixture->path), ==, 2);

  backups = rounds_store_list_backups (fixture->path);
  assert_backup_holds (backups[0], 1);
  assert_backup_holds (backups[1], 0);
  g_clear_pointer (&backups, g_strfreev);

  /* A window left open for days still backs up once a day. */
  add_post (store, "", "Two", 0, ROUNDS_NETWORK_FACEBOOK);
  rounds_clock_advance (fixture->clock, 23 * HOUR);
  g_assert_true (rounds_store_maybe_daily_backup (store, &error));
  g_assert_cmpuint (count_backups (fixture->path), ==, 2);
  rounds_clock_advance (fixture->clock, 2 * HOUR);
  g_assert_true (rounds_store_maybe_daily_backup (store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_backups (fixture->path), ==, 3);

  backups = rounds_store_list_backups (fixture->path);
  assert_backup_holds (backups[0], 2);
}

static void
test_store_backup_keep (Fixture       *fixture,
                        gconstpointer  data)
{
  ROUNDS_TEST_FILE_ONLY ();
  g_autoptr(GPtrArray) stamps = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) backups = NULL;
  const guint n_days = 12;

  for (guint day = 0; day < n_days; day++)
    {
      g_autoptr(RoundsStore) store = open_store (fixture);
      g_autoptr(GDateTime) now = NULL;

      now = g_date_time_new_from_unix_utc (rounds_clock_get_now (fixture->clock));
      add_post (store, "", "Daily note", 0, ROUNDS_NETWORK_FACEBOOK);
      g_ptr_array_add (stamps, g_date_time_format (now, "%Y%m%d-%H%M%S"));
      close_store (&store);
      rounds_clock_advance (fixture->clock, 25 * HOUR);
    }

  /* Every day of the last week is kept, newest first, each private, and
   * of the days before only the oldest (it becomes the weekly copy). */
  backups = rounds_store_list_backups (fixture->path);
  g_assert_cmpuint (g_strv_length (backups), ==, ROUNDS_STORE_KEEP_DAILY + 1);
  for (guint i = 0; i < ROUNDS_STORE_KEEP_DAILY; i++)
    {
      g_autofree char *base = g_path_get_basename (backups[i]);
      const char *stamp = g_ptr_array_index (stamps, stamps->len - 1 - i);

      g_assert_nonnull (strstr (base, stamp));
      g_assert_cmpuint (file_mode (backups[i]), ==, 0600);
      /* Each was taken at that day's start, before its new post. */
      assert_backup_holds (backups[i], stamps->len - 1 - i);
    }
  {
    g_autofree char *base = g_path_get_basename (backups[ROUNDS_STORE_KEEP_DAILY]);

    g_assert_nonnull (strstr (base, g_ptr_array_index (stamps, 0)));
    assert_backup_holds (backups[ROUNDS_STORE_KEEP_DAILY], 0);
  }
}

static void
test_store_backup_same_second (Fixture       *fixture,
                               gconstpointer  data)
{
  ROUNDS_TEST_FILE_ONLY ();
  g_autoptr(RoundsStore) store = open_store (fixture);
  g_autoptr(GError) error = NULL;
  g_autofree char *second = NULL;
  g_autofree char *restored = NULL;
  g_auto(GStrv) backups = NULL;

  /* The start-up backup and a manual one within the same second: the
   * manual one, which holds the newer data, is the latest. */
  add_post (store, "", "Only in the second backup", 0, ROUNDS_NETWORK_FACEBOOK);
  second = rounds_store_backup (store, &error);
  g_assert_no_error (error);
  g_assert_nonnull (second);
  close_store (&store);

  backups = rounds_store_list_backups (fixture->path);
  g_assert_cmpuint (g_strv_length (backups), ==, 2);
  g_assert_cmpstr (backups[0], ==, second);

  g_assert_true (g_file_set_contents (fixture->path, "garbage garbage garbage", -1, NULL));
  restored = rounds_store_restore_latest_backup (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (restored, ==, second);
  g_clear_pointer (&backups, g_strfreev);

  /* Several in one second come out in the order they were taken, the
   * newest few kept, numbered on after the highest number (never in a
   * gap that pruning left). */
  store = open_store (fixture);
  for (guint i = 2; i < 5; i++)
    {
      g_free (second);
      second = rounds_store_backup (store, &error);
      g_assert_no_error (error);
    }

  backups = rounds_store_list_backups (fixture->path);
  g_assert_cmpuint (g_strv_length (backups), ==, ROUNDS_STORE_KEEP_NEWEST);
  g_assert_cmpstr (backups[0], ==, second);
  for (guint i = 0; i < ROUNDS_STORE_KEEP_NEWEST; i++)
    {
      g_autofree char *suffix = g_strdup_printf ("-%u.db", 4 - i);

      g_assert_true (g_str_has_suffix (backups[i], suffix));
    }
}

static void
test_store_backup_not_for_sample (Fixture       *fixture,
                                  gconstpointer  data)
{
  ROUNDS_TEST_FILE_ONLY ();
  g_autofree char *sample = rounds_store_dup_sample_path ();
  g_autofree char *backup_dir = g_build_filename (fixture->dir, "backups", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RoundsStore) store = NULL;

  store = rounds_store_open (sample, fixture->clock, ROUNDS_STORE_OPEN_NO_BACKUPS, &error);
  g_assert_no_error (error);
  add_post (store, "", "Throw-away", 0, ROUNDS_NETWORK_FACEBOOK);
  rounds_clock_advance (fixture->clock, 2 * DAY);
  g_assert_true (rounds_store_maybe_daily_backup (store, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (count_backups (sample), ==, 0);
  g_assert_false (g_file_test (backup_dir, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (file_mode (sample), ==, 0600);
}

/* ------------------------------------------------------------------ */
/* Life cycle and audit log                                             */

static void
assert_audit (RoundsAuditEntry *entry,
              const char       *action,
              const char       *from,
              const char       *to,
              const char       *reason,
              gint64            at,
              const char       *actor,
              const char       *hash)
{
  g_assert_cmpstr (rounds_audit_entry_get_entity_type (entry), ==, "post");
  g_assert_cmpstr (rounds_audit_entry_get_action (entry), ==, action);
  g_assert_cmpstr (rounds_audit_entry_get_from_state (entry), ==, from);
  g_assert_cmpstr (rounds_audit_entry_get_to_state (entry), ==, to);
  g_assert_cmpstr (rounds_audit_entry_get_reason (entry), ==, reason);
  g_assert_cmpint (rounds_audit_entry_get_at (entry), ==, at);
  g_assert_cmpstr (rounds_audit_entry_get_actor (entry), ==, actor);
  g_assert_cmpstr (rounds_audit_entry_get_text_hash (entry), ==, hash);
}

static GListModel *
list_audit (RoundsStore *store,
            gint64       id)
{
  g_autoptr(GError) error = NULL;
  GListModel *entries = rounds_store_list_audit (store, "post", id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (entries);
  return entries;
}

static RoundsAuditEntry *
audit_at (GListModel *entries,
          guint       position)
{
  g_autoptr(RoundsAuditEntry) entry = g_list_model_get_item (entries, position);

  g_assert_nonnull (entry);
  return entry;
}

/* Moves the clock on, second by second, until told to stop. */
static gpointer
tick_clock_thread (gpointer data)
{
  RoundsClock *clock = data;
  int *stop = g_object_get_data (G_OBJECT (clock), "stop");

  while (!g_atomic_int_get (stop))
    {
      rounds_clock_advance (clock, 1);
      g_thread_yield ();
    }
  return NULL;
}

/* A large import while the seconds tick (the benchmark's generator, as
 * a practice moving years of posts in): every audit entry is stored with
 * the time it was fingerprinted with, so the chain stays intact. */
static void
test_store_audit_clock_ticks (Fixture       *fixture,
                              gconstpointer  data)
{
  ROUNDS_TEST_FILE_ONLY ();
  g_autoptr(RoundsStore) store = open_store (fixture);
  g_auto(RoundsAuditCheck) check = { 0, };
  g_autoptr(GError) error = NULL;
  RoundsBenchDataReport report;
  GThread *ticker;
  int stop = 0;

  g_object_set_data (G_OBJECT (fixture->clock), "stop", &stop);
  ticker = g_thread_new ("tick", tick_clock_thread, fixture->clock);
  g_assert_true (rounds_bench_data_fill (store, 3000, 2, 5, &report, &error));
  g_atomic_int_set (&stop, 1);
  g_thread_join (ticker);
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_posts, ==, 3000);
  g_assert_cmpuint (g_list_model_get_n_items (rounds_store_get_posts (store)), ==, 3000);
  /* Every status is there, and comments and media rows. */
  for (guint s = 0; s <= ROUNDS_POST_STATUS_LAST; s++)
    g_assert_cmpuint (report.n_per_status[s], >, 0);
  g_assert_cmpuint (report.n_comments, >, 0);
  g_assert_cmpuint (report.n_media, >, 0);

  g_assert_true (rounds_store_check_audit (store, &check, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (check.n_entries, >=, 3000);
  g_assert_cmpstr (check.problem, ==, NULL);
  g_assert_true (check.intact);
  close_store (&store);
}

static void
test_store_audit (Fixture       *fixture,
                  gconstpointer  data)
{
  ROUNDS_TEST_FILE_ONLY ();
  g_autoptr(RoundsStore) store = open_store (fixture);
  g_autoptr(GListModel) entries = NULL;
  g_autofree char *hash = NULL;
  /* The fingerprint covers exactly what is published: the body; the
   * title never goes out. */
  g_autofree char *expected = g_compute_checksum_for_string (G_CHECKSUM_SHA256,
                                                             "Walk in all week.", -1);
  g_autofree char *reason = NULL;
  RoundsPost *post;
  sqlite3 *db;
  gint64 id;

  rounds_store_set_actor (store, "Dr. Ada Quill");
  g_assert_cmpstr (rounds_store_get_actor (store), ==, "Dr. Ada Quill");

  id = add_post (store, "Flu shots", "Walk in all week.", T0 + DAY, ROUNDS_NETWORK_FACEBOOK);
  post = rounds_store_lookup_post (store, id);
  hash = rounds_post_dup_text_hash (post);
  g_assert_cmpstr (hash, ==, expected);

  rounds_clock_advance (fixture->clock, 10 * 60);
  set_status (store, id, ROUNDS_POST_STATUS_IN_REVIEW, NULL);
  rounds_store_set_actor (store, "Ben Ortiz");
  rounds_clock_advance (fixture->clock, HOUR);
  set_status (store, id, ROUNDS_POST_STATUS_APPROVED, "Checked against the policy");
  rounds_clock_advance (fixture->clock, 5);
  set_status (store, id, ROUNDS_POST_STATUS_SCHEDULED, NULL);

  /* Same status again: nothing happened, nothing is recorded. */
  g_assert_true (rounds_store_set_post_status (store, id, ROUNDS_POST_STATUS_SCHEDULED, NULL,
                                               NULL));

  entries = list_audit (store, id);
  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, 4);
  assert_audit (audit_at (entries, 0), "created", NULL, "draft", NULL, T0, "Dr. Ada Quill", hash);
  assert_audit (audit_at (entries, 1), "status", "draft", "in_review", NULL, T0 + 600,
                "Dr. Ada Quill", hash);
  assert_audit (audit_at (entries, 2), "status", "in_review", "approved",
                "Checked against the policy", T0 + 600 + HOUR, "Ben Ortiz", hash);
  assert_audit (audit_at (entries, 3), "status", "approved", "scheduled", NULL,
                T0 + 605 + HOUR, "Ben Ortiz", hash);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpint (rounds_audit_entry_get_entity_id (audit_at (entries, i)), ==, id);

  /* Another post's history is its own. */
  {
    gint64 other = add_post (store, "", "Other", 0, ROUNDS_NETWORK_FACEBOOK);
    g_autoptr(GListModel) other_entries = list_audit (store, other);

    g_assert_cmpuint (g_list_model_get_n_items (other_entries), ==, 1);
  }

  /* Append-only, even for someone with the file and the sqlite3 tool. */
  db = raw_open (fixture->path);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE audit_log SET reason = 'rewritten'", NULL, NULL,
                                 NULL), !=, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE audit_log SET actor = 'someone else' WHERE id = 1",
                                 NULL, NULL, NULL), !=, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM audit_log", NULL, NULL, NULL), !=, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM audit_log WHERE id = 2", NULL, NULL, NULL),
                   !=, SQLITE_OK);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM audit_log"), ==, 5);
  reason = raw_text (db, "SELECT reason FROM audit_log WHERE to_state = 'approved'");
  g_assert_cmpstr (reason, ==, "Checked against the policy");
  sqlite3_close (db);

  /* The history outlives a restart. */
  close_store (&store);
  g_clear_object (&entries);
  store = open_store (fixture);
  entries = list_audit (store, id);
  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, 4);
  assert_audit (audit_at (entries, 2), "status", "in_review", "approved",
                "Checked against the policy", T0 + 600 + HOUR, "Ben Ortiz", hash);
}

static void
test_store_transitions (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(RoundsStore) store = open_store (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) entries = NULL;
  static const struct {
    RoundsPostStatus from, to;
    gboolean allowed;
  } table[] = {
    { ROUNDS_POST_STATUS_DRAFT, ROUNDS_POST_STATUS_IN_REVIEW, TRUE },
    { ROUNDS_POST_STATUS_IN_REVIEW, ROUNDS_POST_STATUS_APPROVED, TRUE },
    { ROUNDS_POST_STATUS_APPROVED, ROUNDS_POST_STATUS_SCHEDULED, TRUE },
    { ROUNDS_POST_STATUS_SCHEDULED, ROUNDS_POST_STATUS_PUBLISHING, TRUE },
    { ROUNDS_POST_STATUS_SCHEDULED, ROUNDS_POST_STATUS_DUE, TRUE },
    { ROUNDS_POST_STATUS_DUE, ROUNDS_POST_STATUS_PUBLISHED, TRUE },
    { ROUNDS_POST_STATUS_PUBLISHING, ROUNDS_POST_STATUS_PUBLISHED, TRUE },
    { ROUNDS_POST_STATUS_PUBLISHING, ROUNDS_POST_STATUS_FAILED, TRUE },
    { ROUNDS_POST_STATUS_FAILED, ROUNDS_POST_STATUS_SCHEDULED, TRUE },
    { ROUNDS_POST_STATUS_CANCELLED, ROUNDS_POST_STATUS_DRAFT, TRUE },
    /* Review cannot be skipped, nothing publishes unapproved, and what
     * went out stays out. */
    { ROUNDS_POST_STATUS_DRAFT, ROUNDS_POST_STATUS_APPROVED, FALSE },
    { ROUNDS_POST_STATUS_DRAFT, ROUNDS_POST_STATUS_SCHEDULED, FALSE },
    { ROUNDS_POST_STATUS_DRAFT, ROUNDS_POST_STATUS_PUBLISHED, FALSE },
    { ROUNDS_POST_STATUS_IN_REVIEW, ROUNDS_POST_STATUS_SCHEDULED, FALSE },
    { ROUNDS_POST_STATUS_IN_REVIEW, ROUNDS_POST_STATUS_PUBLISHING, FALSE },
    { ROUNDS_POST_STATUS_APPROVED, ROUNDS_POST_STATUS_PUBLISHED, FALSE },
    { ROUNDS_POST_STATUS_PUBLISHED, ROUNDS_POST_STATUS_DRAFT, FALSE },
    { ROUNDS_POST_STATUS_PUBLISHED, ROUNDS_POST_STATUS_CANCELLED, FALSE },
    { ROUNDS_POST_STATUS_PUBLISHED, ROUNDS_POST_STATUS_SCHEDULED, FALSE },
    { ROUNDS_POST_STATUS_CANCELLED, ROUNDS_POST_STATUS_PUBLISHED, FALSE },
  };
  RoundsPost *post;
  gint64 id;

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      if (rounds_post_status_can_change (table[i].from, table[i].to) != table[i].allowed)
        {
          g_test_message ("%s → %s should be %s", rounds_post_status_to_string (table[i].from),
                          rounds_post_status_to_string (table[i].to),
                          table[i].allowed ? "allowed" : "refused");
          g_test_fail ();
        }
    }
  for (int s = 0; s <= ROUNDS_POST_STATUS_LAST; s++)
    g_assert_false (rounds_post_status_can_change (ROUNDS_POST_STATUS_PUBLISHED, s));

  id = add_post (store, "", "Needs review first", T0 + DAY, ROUNDS_NETWORK_FACEBOOK);
  post = rounds_store_lookup_post (store, id);
  rounds_clock_advance (fixture->clock, 60);

  g_assert_false (rounds_store_set_post_status (store, id, ROUNDS_POST_STATUS_PUBLISHED, NULL,
                                                &error));
  g_assert_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (rounds_store_set_post_status (store, id, ROUNDS_POST_STATUS_APPROVED, NULL,
                                                &error));
  g_assert_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_cmpint (rounds_post_get_status (post), ==, ROUNDS_POST_STATUS_DRAFT);
  g_assert_cmpint (rounds_post_get_updated_at (post), ==, T0);
  entries = list_audit (store, id);
  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, 1);

  /* Walk it all the way out; then it is final. */
  set_status (store, id, ROUNDS_POST_STATUS_IN_REVIEW, NULL);
  set_status (store, id, ROUNDS_POST_STATUS_APPROVED, NULL);
  set_status (store, id, ROUNDS_POST_STATUS_SCHEDULED, NULL);
  set_status (store, id, ROUNDS_POST_STATUS_PUBLISHING, NULL);
  set_status (store, id, ROUNDS_POST_STATUS_PUBLISHED, NULL);
  g_assert_false (rounds_store_set_post_status (store, id, ROUNDS_POST_STATUS_DRAFT, NULL,
                                                &error));
  g_assert_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (rounds_post_get_status (post), ==, ROUNDS_POST_STATUS_PUBLISHED);

  /* No such post. */
  g_assert_false (rounds_store_set_post_status (store, id + 100, ROUNDS_POST_STATUS_IN_REVIEW,
                                                NULL, &error));
  g_assert_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_NOT_FOUND);
}

static void
test_store_edit_approved (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(RoundsStore) store = open_store (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) entries = NULL;
  g_autoptr(RoundsPost) edit = NULL;
  g_autofree char *new_hash = NULL;
  RoundsPost *post;
  RoundsPost *saved;
  gint64 id;

  id = add_post (store, "Flu shots", "Approved wording", T0 + DAY, ROUNDS_NETWORK_FACEBOOK);
  set_status (store, id, ROUNDS_POST_STATUS_IN_REVIEW, NULL);
  set_status (store, id, ROUNDS_POST_STATUS_APPROVED, NULL);
  post = rounds_store_lookup_post (store, id);

  /* Moving it or changing its networks does not touch the approved text. */
  edit = rounds_post_copy (post);
  rounds_post_set_scheduled_at (edit, T0 + 2 * DAY);
  rounds_post_set_networks (edit, ROUNDS_NETWORK_FACEBOOK | ROUNDS_NETWORK_INSTAGRAM);
  saved = rounds_store_save_post (store, edit, &error);
  g_assert_no_error (error);
  g_assert_true (saved == post);
  g_assert_cmpint (rounds_post_get_status (post), ==, ROUNDS_POST_STATUS_APPROVED);
  g_clear_object (&edit);

  /* A new word in the text is not what was approved: back to review. */
  rounds_clock_advance (fixture->clock, HOUR);
  edit = rounds_post_copy (post);
  rounds_post_set_body (edit, "Approved wording, and a change");
  saved = rounds_store_save_post (store, edit, &error);
  g_assert_no_error (error);
  g_assert_true (saved == post);
  g_assert_cmpint (rounds_post_get_status (post), ==, ROUNDS_POST_STATUS_IN_REVIEW);
  g_assert_cmpstr (rounds_post_get_body (post), ==, "Approved wording, and a change");
  new_hash = rounds_post_dup_text_hash (post);

  entries = list_audit (store, id);
  {
    guint n = g_list_model_get_n_items (entries);
    RoundsAuditEntry *last = audit_at (entries, n - 1);

    g_assert_cmpuint (n, ==, 4);
    g_assert_cmpstr (rounds_audit_entry_get_action (last), ==, "status");
    g_assert_cmpstr (rounds_audit_entry_get_from_state (last), ==, "approved");
    g_assert_cmpstr (rounds_audit_entry_get_to_state (last), ==, "in_review");
    g_assert_nonnull (rounds_audit_entry_get_reason (last));
    g_assert_cmpint (rounds_audit_entry_get_at (last), ==, T0 + HOUR);
    g_assert_cmpstr (rounds_audit_entry_get_text_hash (last), ==, new_hash);
  }
  g_clear_object (&entries);
  g_clear_object (&edit);

  /* The same holds for a scheduled post, and for its title. */
  set_status (store, id, ROUNDS_POST_STATUS_APPROVED, NULL);
  set_status (store, id, ROUNDS_POST_STATUS_SCHEDULED, NULL);
  edit = rounds_post_copy (post);
  rounds_post_set_title (edit, "Flu shots (updated)");
  g_assert_nonnull (rounds_store_save_post (store, edit, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rounds_post_get_status (post), ==, ROUNDS_POST_STATUS_IN_REVIEW);

  close_store (&store);
  store = open_store (fixture);
  post = rounds_store_lookup_post (store, id);
  g_assert_cmpint (rounds_post_get_status (post), ==, ROUNDS_POST_STATUS_IN_REVIEW);
  g_assert_cmpstr (rounds_post_get_title (post), ==, "Flu shots (updated)");
}

/* ------------------------------------------------------------------ */
/* Delete and undo, models and signals                                  */

typedef struct
{
  guint position;
  guint removed;
  guint added;
  guint count;
} ItemsChanged;

static void
on_items_changed_cb (GListModel   *model,
                     guint         position,
                     guint         removed,
                     guint         added,
                     ItemsChanged *seen)
{
  seen->position = position;
  seen->removed = removed;
  seen->added = added;
  seen->count++;
}

typedef struct
{
  guint       count;
  RoundsPost *last;
  char       *last_body;
} PostChanged;

static void
on_post_changed_cb (RoundsStore *store,
                    RoundsPost  *post,
                    PostChanged *seen)
{
  seen->count++;
  seen->last = post;
  g_free (seen->last_body);
  seen->last_body = g_strdup (rounds_post_get_body (post));
}

static void
test_store_delete_restore (Fixture       *fixture,
                           gconstpointer  data)
{
  ROUNDS_TEST_FILE_ONLY ();
  g_autoptr(RoundsStore) store = open_store (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(RoundsPost) copy = NULL;
  g_autoptr(GListModel) entries = NULL;
  GListModel *posts = rounds_store_get_posts (store);
  ItemsChanged seen = { 0, };
  RoundsPost *restored;
  gint64 a, b, c;
  sqlite3 *db;

  a = add_post (store, "", "First", T0 + DAY, ROUNDS_NETWORK_FACEBOOK);
  b = add_post (store, "Middle", "To be deleted and brought back", T0 + 2 * DAY,
                ROUNDS_NETWORK_INSTAGRAM | ROUNDS_NETWORK_BLUESKY);
  c = add_post (store, "", "Last", T0 + 3 * DAY, ROUNDS_NETWORK_FACEBOOK);
  set_status (store, b, ROUNDS_POST_STATUS_IN_REVIEW, NULL);
  copy = rounds_post_copy (rounds_store_lookup_post (store, b));
  g_signal_connect (posts, "items-changed", G_CALLBACK (on_items_changed_cb), &seen);

  rounds_clock_advance (fixture->clock, HOUR);
  g_assert_true (rounds_store_delete_post (store, b, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seen.count, ==, 1);
  g_assert_cmpuint (seen.position, ==, 1);
  g_assert_cmpuint (seen.removed, ==, 1);
  g_assert_cmpuint (seen.added, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (posts), ==, 2);
  g_assert_null (rounds_store_lookup_post (store, b));

  db = raw_open (fixture->path);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM posts"), ==, 2);
  sqlite3_close (db);

  /* Deleting twice is an error, not a crash. */
  g_assert_false (rounds_store_delete_post (store, b, &error));
  g_assert_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Undo: the same post, same id, back in its place. */
  restored = rounds_store_restore_post (store, copy, &error);
  g_assert_no_error (error);
  g_assert_nonnull (restored);
  g_assert_cmpuint (seen.count, ==, 2);
  g_assert_cmpuint (seen.position, ==, 1);
  g_assert_cmpuint (seen.removed, ==, 0);
  g_assert_cmpuint (seen.added, ==, 1);
  g_assert_true (post_at (posts, 1) == restored);
  g_assert_cmpint (rounds_post_get_id (restored), ==, b);
  g_assert_cmpstr (rounds_post_get_title (restored), ==, "Middle");
  g_assert_cmpstr (rounds_post_get_body (restored), ==, "To be deleted and brought back");
  g_assert_cmpint (rounds_post_get_status (restored), ==, ROUNDS_POST_STATUS_IN_REVIEW);
  g_assert_cmpint (rounds_post_get_scheduled_at (restored), ==, T0 + 2 * DAY);
  g_assert_cmpint (rounds_post_get_networks (restored), ==,
                   ROUNDS_NETWORK_INSTAGRAM | ROUNDS_NETWORK_BLUESKY);
  g_assert_cmpint (rounds_post_get_created_at (restored), ==, T0);

  /* Undoing twice is refused. */
  g_assert_null (rounds_store_restore_post (store, copy, &error));
  g_assert_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Its history tells the whole story. */
  entries = list_audit (store, b);
  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, 4);
  g_assert_cmpstr (rounds_audit_entry_get_action (audit_at (entries, 2)), ==, "deleted");
  g_assert_cmpstr (rounds_audit_entry_get_action (audit_at (entries, 3)), ==, "restored");

  close_store (&store);
  store = open_store (fixture);
  posts = rounds_store_get_posts (store);
  g_assert_cmpuint (g_list_model_get_n_items (posts), ==, 3);
  g_assert_cmpint (rounds_post_get_id (post_at (posts, 0)), ==, a);
  g_assert_cmpint (rounds_post_get_id (post_at (posts, 1)), ==, b);
  g_assert_cmpint (rounds_post_get_id (post_at (posts, 2)), ==, c);
  g_assert_cmpint (rounds_post_get_status (post_at (posts, 1)), ==, ROUNDS_POST_STATUS_IN_REVIEW);
  g_assert_cmpstr (rounds_post_get_body (post_at (posts, 1)), ==, "To be deleted and brought back");
}

static void
on_notify_cb (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_store_signals (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(RoundsStore) store = open_store (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(RoundsPost) edit = NULL;
  g_autoptr(RoundsPractice) practice = make_practice ();
  GListModel *posts = rounds_store_get_posts (store);
  GListModel *comments = rounds_store_get_comments (store);
  ItemsChanged post_items = { 0, };
  ItemsChanged comment_items = { 0, };
  PostChanged changed = { 0, };
  guint comments_changed = 0;
  guint practice_changed = 0;
  guint practice_notified = 0;
  guint post_notified = 0;
  RoundsPost *own;
  gint64 id;

  g_signal_connect (posts, "items-changed", G_CALLBACK (on_items_changed_cb), &post_items);
  g_signal_connect (comments, "items-changed", G_CALLBACK (on_items_changed_cb), &comment_items);
  g_signal_connect (store, "post-changed", G_CALLBACK (on_post_changed_cb), &changed);
  g_signal_connect (store, "comments-changed", G_CALLBACK (count_signal_cb), &comments_changed);
  g_signal_connect (store, "practice-changed", G_CALLBACK (count_signal_cb), &practice_changed);
  g_signal_connect (rounds_store_get_practice (store), "notify::name",
                    G_CALLBACK (on_notify_cb), &practice_notified);

  /* A new post appears in the list and is announced. */
  id = add_post (store, "", "New", T0 + DAY, ROUNDS_NETWORK_FACEBOOK);
  own = rounds_store_lookup_post (store, id);
  g_assert_cmpuint (post_items.count, ==, 1);
  g_assert_cmpuint (post_items.position, ==, 0);
  g_assert_cmpuint (post_items.added, ==, 1);
  g_assert_cmpuint (post_items.removed, ==, 0);
  g_assert_cmpuint (changed.count, ==, 1);
  g_assert_true (changed.last == own);

  add_post (store, "", "Second", T0 + DAY, ROUNDS_NETWORK_FACEBOOK);
  g_assert_cmpuint (post_items.count, ==, 2);
  g_assert_cmpuint (post_items.position, ==, 1);
  g_assert_cmpuint (changed.count, ==, 2);

  /* An edit changes the object the list holds and says so: the row
   * redraws from it, no reload. */
  g_signal_connect (own, "notify::body", G_CALLBACK (on_notify_cb), &post_notified);
  edit = rounds_post_copy (own);
  rounds_post_set_body (edit, "Edited");
  g_assert_true (rounds_store_save_post (store, edit, &error) == own);
  g_assert_no_error (error);
  g_assert_cmpuint (changed.count, ==, 3);
  g_assert_true (changed.last == own);
  g_assert_cmpstr (changed.last_body, ==, "Edited");
  g_assert_cmpuint (post_notified, ==, 1);
  g_assert_cmpuint (post_items.count, ==, 2);
  g_assert_true (post_at (posts, 0) == own);

  /* A status change is announced with the new status already in place. */
  set_status (store, id, ROUNDS_POST_STATUS_IN_REVIEW, NULL);
  g_assert_cmpuint (changed.count, ==, 4);
  g_assert_true (changed.last == own);

  /* Deleting removes it from the list. */
  g_assert_true (rounds_store_delete_post (store, id, &error));
  g_assert_cmpuint (post_items.count, ==, 3);
  g_assert_cmpuint (post_items.position, ==, 0);
  g_assert_cmpuint (post_items.removed, ==, 1);
  g_assert_cmpuint (post_items.added, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (posts), ==, 1);

  /* Comments: newest first, announced. */
  rounds_store_add_comment (store, ROUNDS_NETWORK_GOOGLE, ROUNDS_COMMENT_KIND_REVIEW, "A", "Old",
                            T0 - DAY, 0, 5, &error);
  g_assert_no_error (error);
  rounds_store_add_comment (store, ROUNDS_NETWORK_GOOGLE, ROUNDS_COMMENT_KIND_REVIEW, "B", "New",
                            T0, 0, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (comments_changed, ==, 2);
  g_assert_cmpuint (comment_items.count, ==, 2);
  g_assert_cmpuint (comment_items.position, ==, 0);
  g_assert_cmpuint (comment_items.added, ==, 1);
  {
    g_autoptr(RoundsComment) first = g_list_model_get_item (comments, 0);

    g_assert_cmpstr (rounds_comment_get_body (first), ==, "New");
  }

  /* The practice profile. */
  g_assert_true (rounds_store_save_practice (store, practice, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (practice_changed, ==, 1);
  g_assert_cmpuint (practice_notified, ==, 1);
  g_assert_cmpstr (rounds_practice_get_name (rounds_store_get_practice (store)), ==,
                   "Oak Road Dental");

  g_free (changed.last_body);
}

static void
test_store_list_between (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(RoundsStore) store = open_store (fixture);
  g_autoptr(GPtrArray) range = NULL;
  g_autoptr(GError) error = NULL;
  gint64 from = T0 + DAY;
  gint64 to = T0 + 8 * DAY;
  gint64 at_start, late, early, same_time, before, at_end, after;

  /* Saved out of time order on purpose. */
  late = add_post (store, "", "Late in the week", to - 1, ROUNDS_NETWORK_FACEBOOK);
  before = add_post (store, "", "Before", from - 1, ROUNDS_NETWORK_FACEBOOK);
  early = add_post (store, "", "Early in the week", from + HOUR, ROUNDS_NETWORK_FACEBOOK);
  at_end = add_post (store, "", "At the end", to, ROUNDS_NETWORK_FACEBOOK);
  add_post (store, "", "Not scheduled", 0, ROUNDS_NETWORK_FACEBOOK);
  at_start = add_post (store, "", "At the start", from, ROUNDS_NETWORK_FACEBOOK);
  same_time = add_post (store, "", "Same time as early", from + HOUR, ROUNDS_NETWORK_FACEBOOK);
  after = add_post (store, "", "After", to + DAY, ROUNDS_NETWORK_FACEBOOK);

  range = rounds_store_list_posts_between (store, from, to, &error);
  g_assert_no_error (error);
  g_assert_nonnull (range);
  g_assert_cmpuint (range->len, ==, 4);
  g_assert_cmpint (rounds_post_get_id (g_ptr_array_index (range, 0)), ==, at_start);
  g_assert_cmpint (rounds_post_get_id (g_ptr_array_index (range, 1)), ==, early);
  g_assert_cmpint (rounds_post_get_id (g_ptr_array_index (range, 2)), ==, same_time);
  g_assert_cmpint (rounds_post_get_id (g_ptr_array_index (range, 3)), ==, late);

  /* They are the store's own objects, so a view can listen to them. */
  g_assert_true (g_ptr_array_index (range, 1) == rounds_store_lookup_post (store, early));
  g_clear_pointer (&range, g_ptr_array_unref);

  /* An empty range, and one that covers everything scheduled. */
  range = rounds_store_list_posts_between (store, to + 2 * DAY, to + 3 * DAY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (range->len, ==, 0);
  g_clear_pointer (&range, g_ptr_array_unref);

  range = rounds_store_list_posts_between (store, 1, G_MAXINT64, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (range->len, ==, 7);
  g_assert_cmpint (rounds_post_get_id (g_ptr_array_index (range, 0)), ==, before);
  g_assert_cmpint (rounds_post_get_id (g_ptr_array_index (range, 5)), ==, at_end);
  g_assert_cmpint (rounds_post_get_id (g_ptr_array_index (range, 6)), ==, after);
}

/* ------------------------------------------------------------------ */
/* Hostile text                                                         */

static void
test_store_hostile_strings (Fixture       *fixture,
                            gconstpointer  data)
{
  ROUNDS_TEST_FILE_ONLY ();
  static const char *texts[] = {
    "'; DROP TABLE posts; --",
    "Robert'); DELETE FROM audit_log WHERE ('1'='1",
    "\"double\" 'single' `back` \\backslash\\ %s %n %% ?1 :name @x $y",
    "Emoji 👩‍⚕️🦷💉 and flags 🇺🇸🇲🇽, combining e\xcc\x81, RTL \xd8\xb3\xd9\x84\xd8\xa7\xd9\x85",
    "Line one\nLine two\r\n\ttabbed\n",
    "   leading and trailing spaces   ",
    "",
  };
  g_autoptr(RoundsStore) store = open_store (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) huge = g_string_sized_new (1024 * 1024 + 64);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(RoundsPractice) practice = make_practice ();
  static const char *staff[] = { "O'Brien; DROP TABLE practice; --", "Zoë 🩺", NULL };
  static const char *roles[] = { "\"Nurse\"", "Dr.'s assistant", NULL };
  gint64 huge_id;
  gint64 comment_id;
  sqlite3 *db;

  /* 1 MiB of varied multi-byte text. */
  while (huge->len < 1024 * 1024)
    g_string_append_printf (huge, "Line %" G_GSIZE_FORMAT ": café ☕ 💉 'quoted' \"text\" -- ; \n",
                            huge->len);

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      gint64 id = add_post (store, texts[(i + 1) % G_N_ELEMENTS (texts)], texts[i],
                            T0 + i * HOUR, ROUNDS_NETWORK_FACEBOOK);

      g_array_append_val (ids, id);
    }
  huge_id = add_post (store, texts[0], huge->str, T0, ROUNDS_NETWORK_FACEBOOK);
  g_assert_true (g_str_equal (rounds_post_get_body (rounds_store_lookup_post (store, huge_id)),
                              huge->str));

  rounds_practice_set_name (practice, texts[0]);
  rounds_practice_set_website (practice, texts[3]);
  rounds_practice_set_staff (practice, staff, roles);
  g_assert_true (rounds_store_save_practice (store, practice, &error));
  g_assert_no_error (error);

  comment_id = rounds_store_add_comment (store, ROUNDS_NETWORK_FACEBOOK,
                                         ROUNDS_COMMENT_KIND_COMMENT, texts[1], texts[3], T0, 0,
                                         0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (comment_id, >, 0);

  close_store (&store);
  store = open_store (fixture);

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      RoundsPost *post = rounds_store_lookup_post (store, g_array_index (ids, gint64, i));

      g_assert_nonnull (post);
      g_assert_cmpstr (rounds_post_get_body (post), ==, texts[i]);
      g_assert_cmpstr (rounds_post_get_title (post), ==, texts[(i + 1) % G_N_ELEMENTS (texts)]);
    }
  g_assert_cmpuint (strlen (rounds_post_get_body (rounds_store_lookup_post (store, huge_id))), ==,
                    huge->len);
  g_assert_true (g_str_equal (rounds_post_get_body (rounds_store_lookup_post (store, huge_id)),
                              huge->str));

  assert_same_practice (rounds_store_get_practice (store), practice);
  {
    g_autoptr(RoundsComment) comment = g_list_model_get_item (rounds_store_get_comments (store), 0);

    g_assert_cmpstr (rounds_comment_get_author (comment), ==, texts[1]);
    g_assert_cmpstr (rounds_comment_get_body (comment), ==, texts[3]);
  }

  /* Nothing was executed: every table and every row is still there. */
  db = raw_open (fixture->path);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM posts"), ==, G_N_ELEMENTS (texts) + 1);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM audit_log"), ==, G_N_ELEMENTS (texts) + 1);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM practice"), ==, 1);
  sqlite3_close (db);
}

/* Issue 17: the store keeps nothing per post in memory that nothing
 * shows. After opening a practice with many posts not one RoundsPost
 * exists; a post asked for twice while held is the same object (an
 * edit through one view shows in the others); once nobody holds it,
 * it is gone again, but for the few last handed out without a
 * reference. */
static void
test_store_lazy_posts (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(RoundsStore) store = open_store (fixture);
  g_autoptr(GPtrArray) posts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) week = NULL;
  g_autoptr(RoundsPost) first = NULL;
  g_autoptr(RoundsPost) again = NULL;
  g_autoptr(RoundsPost) edit = NULL;
  g_autoptr(GError) error = NULL;
  const guint n = 1500;
  guint changed = 0;
  gint64 first_id;

  for (guint i = 0; i < n; i++)
    {
      RoundsPost *post = rounds_post_new ();
      g_autofree char *body = g_strdup_printf ("Post number %u", i);

      rounds_post_set_body (post, body);
      rounds_post_set_scheduled_at (post, T0 + (gint64)i * 6 * HOUR);
      rounds_post_set_networks (post, ROUNDS_NETWORK_FACEBOOK);
      g_ptr_array_add (posts, post);
    }
  g_assert_true (rounds_store_import_posts (store, posts, ROUNDS_POST_STATUS_SCHEDULED, "test",
                                            NULL, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&posts, g_ptr_array_unref);
  close_store (&store);
  g_assert_cmpuint (_rounds_post_get_n_live (), ==, 0);

  store = open_store (fixture);
  g_assert_cmpuint (_rounds_post_get_n_live (), ==, 0);

  /* A week of posts (what the calendar asks for): 28 objects, no more. */
  week = rounds_store_list_posts_between (store, T0, T0 + 7 * DAY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (week->len, ==, 28);
  g_assert_cmpuint (_rounds_post_get_n_live (), ==, 28);
  first_id = rounds_post_get_id (g_ptr_array_index (week, 0));

  /* The same object for the same id while it is held. */
  first = rounds_store_dup_post (store, first_id);
  g_assert_true (first == g_ptr_array_index (week, 0));
  again = rounds_store_dup_post (store, first_id);
  g_assert_true (again == first);

  /* Saved through another copy (the editor), the held one follows. */
  edit = rounds_post_copy (first);
  rounds_post_set_title (edit, "Changed");
  g_signal_connect (first, "notify::title", G_CALLBACK (on_notify_cb), &changed);
  g_assert_true (rounds_store_save_post (store, edit, &error) == first);
  g_assert_no_error (error);
  g_assert_cmpstr (rounds_post_get_title (first), ==, "Changed");
  g_assert_cmpuint (changed, ==, 1);

  /* Let go: the posts are gone, but for the one saved last (kept among
   * the recent, as the save handed it out without a reference). */
  g_clear_pointer (&week, g_ptr_array_unref);
  g_clear_object (&first);
  g_clear_object (&again);
  g_assert_cmpuint (_rounds_post_get_n_live (), ==, 2);   /* @edit and the store's */
  g_clear_object (&edit);
  g_assert_cmpuint (_rounds_post_get_n_live (), ==, 1);

  /* The counting list model of every post reads ids, not posts. */
  g_assert_cmpuint (g_list_model_get_n_items (rounds_store_get_posts (store)), ==, n);
  g_assert_cmpuint (_rounds_post_get_n_live (), ==, 1);

  close_store (&store);
  g_assert_cmpuint (_rounds_post_get_n_live (), ==, 0);
}

/* The plan SQLite chooses for @sql: the detail of every step. */
static char *
raw_plan (sqlite3    *db,
          const char *sql)
{
  g_autofree char *explain = g_strconcat ("EXPLAIN QUERY PLAN ", sql, NULL);
  g_autoptr(GString) plan = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, explain, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (plan, "%s; ", (const char *)sqlite3_column_text (stmt, 3));
  sqlite3_finalize (stmt);
  return g_string_free (g_steal_pointer (&plan), FALSE);
}

/* The questions that replaced the list of every post read an index, not
 * the table (the store's SQL, as rounds-store-posts.c and
 * rounds-store-publish.c ask it). */
static void
test_store_post_queries_use_indexes (Fixture       *fixture,
                                     gconstpointer  data)
{
  ROUNDS_TEST_FILE_ONLY ();
  g_autoptr(RoundsStore) store = open_store (fixture);
  static const struct
  {
    const char *sql;
    const char *uses;
  } queries[] = {
    /* reminders: the failed posts of the last week; the feed */
    { "SELECT id FROM posts WHERE status = ?1 AND updated_at >= ?2 ORDER BY id",
      "INDEX posts_status_updated (status=? AND updated_at>?)" },
    /* reminders: was anything ever scheduled */
    { "SELECT 1 FROM posts WHERE status = ?1 LIMIT 1", "INDEX posts_status_" },
    /* the publishing queue's timer */
    { "SELECT scheduled_at, networks FROM posts WHERE status = 'scheduled'"
      " AND scheduled_at IS NOT NULL ORDER BY scheduled_at",
      "INDEX posts_status_scheduled (status=? AND scheduled_at>?)" },
    /* reminders and the calendar: a time window */
    { "SELECT id FROM posts WHERE scheduled_at >= ?1 AND scheduled_at < ?2"
      " ORDER BY scheduled_at, id", "INDEX posts_scheduled_at (scheduled_at>? AND scheduled_at<?)" },
    /* the editor, consents, the publisher: one post */
    { "SELECT id, title FROM posts WHERE id = ?1", "USING INTEGER PRIMARY KEY (rowid=?)" },
  };
  sqlite3 *db;

  close_store (&store);
  db = raw_open (fixture->path);
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autofree char *plan = raw_plan (db, queries[i].sql);

      g_test_message ("%s → %s", queries[i].sql, plan);
      g_assert_nonnull (strstr (plan, queries[i].uses));
      g_assert_null (strstr (plan, "SCAN posts"));
    }
  sqlite3_close (db);
}

/* ------------------------------------------------------------------ */

static void
on_list_loaded_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (rounds_comment_list_load_finish (ROUNDS_COMMENT_LIST (source), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

/* Issue 17: opening reads no comment; the Inbox's list reads its ids on
 * a worker (its own connection, file or server), rows in pages, and one
 * change is one row. */
static void
test_store_lazy_comments (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(RoundsStore) store = open_store (fixture);
  g_autoptr(RoundsCommentList) list = NULL;
  g_autoptr(GError) error = NULL;
  RoundsInboxFilter unread = { ROUNDS_INBOX_FILTER_UNREAD, 0, 0 };
  ItemsChanged seen = { 0 };
  const guint n = 300;
  gboolean done = FALSE;
  gint64 newest, middle = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *author = g_strdup_printf ("Reader %u", i);
      gint64 id = rounds_store_add_comment (store, i % 3 ? ROUNDS_NETWORK_FACEBOOK
                                                         : ROUNDS_NETWORK_GOOGLE,
                                            ROUNDS_COMMENT_KIND_COMMENT, author,
                                            "Thanks for the reminder!", T0 - (gint64)i * HOUR,
                                            0, 0, &error);
      g_assert_no_error (error);
      if (i == n / 2)
        middle = id;
    }
  close_store (&store);
  g_assert_cmpuint (_rounds_comment_get_n_live (), ==, 0);

  store = open_store (fixture);
  g_assert_cmpuint (_rounds_comment_get_n_live (), ==, 0);
  g_assert_cmpuint (rounds_store_count_comments (store), ==, n);
  g_assert_cmpuint (rounds_store_count_unanswered (store), ==, n);
  g_assert_cmpuint (_rounds_comment_get_n_live (), ==, 0);

  list = rounds_comment_list_new (store);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  rounds_comment_list_load_async (list, NULL, on_list_loaded_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n);
  /* The worker read the first rows with the ids (what a list view binds
   * first: four pages), not the whole list. */
  g_assert_cmpuint (_rounds_comment_get_n_live (), ==, 4 * 64);

  /* Newest first; the first rows need no read here, a page is read for
   * what is asked beyond them, not the whole list. */
  {
    g_autoptr(RoundsComment) first = g_list_model_get_item (G_LIST_MODEL (list), 0);
    g_autoptr(RoundsComment) last = NULL;

    g_assert_cmpstr (rounds_comment_get_author (first), ==, "Reader 0");
    g_assert_cmpuint (_rounds_comment_list_get_n_pages_read (list), ==, 0);
    last = g_list_model_get_item (G_LIST_MODEL (list), n - 1);
    g_assert_cmpstr (rounds_comment_get_author (last), ==, "Reader 299");
    g_assert_cmpuint (_rounds_comment_list_get_n_pages_read (list), ==, 1);
    g_assert_cmpuint (_rounds_comment_get_n_live (), <=, 4 * 64 + 64);
  }

  /* A new one: one addition at the top. */
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed_cb), &seen);
  newest = rounds_store_add_comment (store, ROUNDS_NETWORK_GOOGLE, ROUNDS_COMMENT_KIND_REVIEW,
                                     "Test Newcomer", "Kind and quick.", T0 + HOUR, 0, 5, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (seen.count, ==, 1);
  g_assert_cmpuint (seen.position, ==, 0);
  g_assert_cmpuint (seen.removed, ==, 0);
  g_assert_cmpuint (seen.added, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n + 1);
  g_assert_cmpint (rounds_comment_get_id (rounds_store_lookup_comment (store, newest)), ==, newest);

  /* One read: that one row changes, in place. */
  seen.count = 0;
  g_assert_true (rounds_store_inbox_mark_read (store, middle, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seen.count, ==, 1);
  g_assert_cmpuint (seen.position, ==, n / 2 + 1);
  g_assert_cmpuint (seen.removed, ==, 1);
  g_assert_cmpuint (seen.added, ==, 1);
  {
    g_autoptr(RoundsComment) c = g_list_model_get_item (G_LIST_MODEL (list), n / 2 + 1);

    g_assert_cmpint (rounds_comment_get_id (c), ==, middle);
    g_assert_cmpint (rounds_comment_get_state (c), ==, ROUNDS_INBOX_STATE_READ);
  }

  /* Filtered by the database: the read one leaves the unread list. */
  rounds_comment_list_set_filter (list, &unread);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n);
  g_assert_cmpuint (rounds_comment_list_find (list, middle), ==, G_MAXUINT);
  g_signal_handlers_disconnect_by_data (list, &seen);
}


static void
add_test (const char    *path,
          gconstpointer  data,
          void         (*func) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  add_test ("/store/create", NULL, test_store_create);
  add_test ("/store/reopen", NULL, test_store_reopen);
  add_test ("/store/checks/kept", NULL, test_store_checks_kept);
  add_test ("/store/conflict/second-save", NULL, test_store_conflict);
  add_test ("/store/live/other-pc", NULL, test_store_live_updates);
  add_test ("/store/writers-take-turns", NULL, test_store_writers_take_turns);
  add_test ("/store/mode-0600", NULL, test_store_mode);
  add_test ("/store/wal-and-foreign-keys", NULL, test_store_wal_foreign_keys);
  add_test ("/store/migrate/empty-file", NULL, test_store_migrate_empty);
  for (int version = 1; version < ROUNDS_STORE_SCHEMA_VERSION; version++)
    {
      g_autofree char *path = g_strdup_printf ("/store/migrate/from-v%d", version);

      add_test (path, GINT_TO_POINTER (version), test_store_migrate_from);
    }
  add_test ("/store/migrate/failed-step-rolls-back", NULL, test_store_migrate_failure);
  add_test ("/store/rollback", NULL, test_store_rollback);
  add_test ("/store/newer-version", NULL, test_store_newer_version);
  add_test ("/store/corrupt/garbage", GINT_TO_POINTER (DAMAGE_GARBAGE), test_store_corrupt);
  add_test ("/store/corrupt/overwritten-pages", GINT_TO_POINTER (DAMAGE_PAGES),
            test_store_corrupt);
  add_test ("/store/corrupt/truncated", GINT_TO_POINTER (DAMAGE_TRUNCATED), test_store_corrupt);
  add_test ("/store/corrupt/skips-damaged-backup", NULL, test_store_corrupt_skips_bad_backup);
  add_test ("/store/corrupt/no-backup", NULL, test_store_corrupt_no_backup);
  add_test ("/store/backup/daily", NULL, test_store_backup_daily);
  add_test ("/store/backup/keep-newest", NULL, test_store_backup_keep);
  add_test ("/store/backup/same-second", NULL, test_store_backup_same_second);
  add_test ("/store/backup/not-for-sample", NULL, test_store_backup_not_for_sample);
  g_test_add_func ("/store/practice/every-problem", test_practice_every_problem);
  add_test ("/store/audit", NULL, test_store_audit);
  add_test ("/store/audit/clock-ticks", NULL, test_store_audit_clock_ticks);
  add_test ("/store/transitions", NULL, test_store_transitions);
  add_test ("/store/edit-approved", NULL, test_store_edit_approved);
  add_test ("/store/delete-restore", NULL, test_store_delete_restore);
  add_test ("/store/signals", NULL, test_store_signals);
  add_test ("/store/list-between", NULL, test_store_list_between);
  add_test ("/store/lazy-posts", NULL, test_store_lazy_posts);
  add_test ("/store/lazy-comments", NULL, test_store_lazy_comments);
  add_test ("/store/post-queries-use-indexes", NULL, test_store_post_queries_use_indexes);
  add_test ("/store/hostile-strings", NULL, test_store_hostile_strings);

  return g_test_run ();
}
