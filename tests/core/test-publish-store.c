/* test-publish-store.c — accounts, publications and cursors in the store
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "core-test-util.h"
#include "config.h"

#include <sqlite3.h>

#include "rounds-store-publish.h"

/* What a practice notices: an account it connects is listed (more than
 * one per network), a post goes to every account of its networks, its
 * status follows its publications (publishing, published with a link,
 * failed with the platform's words, back to publishing on Retry), a
 * publication cannot be sent twice, removing an account cancels what it
 * had not published, and no token ever reaches the database file. */

#define T0 ((gint64)1772463600)

typedef struct
{
  char        *dir;
  char        *path;
  RoundsClock *clock;
  RoundsStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("rounds-publish-store-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "rounds.db", NULL);
  fixture->clock = rounds_clock_new_fake (T0 - 3600);
  fixture->store = rounds_store_open (fixture->path, fixture->clock, ROUNDS_STORE_OPEN_NO_BACKUPS,
                                      &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  rounds_store_close (fixture->store);
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->clock);
  rounds_test_remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static gint64
add_scheduled_post (Fixture       *fixture,
                    RoundsNetwork  networks,
                    gint64         at)
{
  g_autoptr(RoundsPost) post = rounds_post_new ();
  g_autoptr(GError) error = NULL;
  RoundsPost *saved;

  rounds_post_set_title (post, "Flu shots");
  rounds_post_set_body (post, "Flu shots are in. Walk in any weekday morning.");
  rounds_post_set_networks (post, networks);
  rounds_post_set_scheduled_at (post, at);
  saved = rounds_store_import_post (fixture->store, post, ROUNDS_POST_STATUS_SCHEDULED, "test",
                                    &error);
  g_assert_no_error (error);
  return rounds_post_get_id (saved);
}

static RoundsAccount *
add_account (Fixture       *fixture,
             RoundsNetwork  network,
             const char    *handle)
{
  g_autoptr(GError) error = NULL;
  RoundsAccount *account;

  account = rounds_store_add_account (fixture->store, network, "http://127.0.0.1:1", handle,
                                      "Test Practice", "remote-1", T0 + 86400 * 30, &error);
  g_assert_no_error (error);
  g_assert_nonnull (account);
  return account;
}

static RoundsPostStatus
post_status (Fixture *fixture,
             gint64   id)
{
  return rounds_post_get_status (rounds_store_lookup_post (fixture->store, id));
}

static void
test_accounts_listed (Fixture       *fixture,
                      gconstpointer  data)
{
  GListModel *accounts = rounds_store_get_accounts (fixture->store);
  RoundsAccount *a, *b;
  gint64 a_id;
  g_autoptr(GError) error = NULL;
  g_autoptr(RoundsStore) reopened = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (accounts), ==, 0);
  a = add_account (fixture, ROUNDS_NETWORK_MASTODON, "@clinic@med.example");
  a_id = rounds_account_get_id (a);
  b = add_account (fixture, ROUNDS_NETWORK_MASTODON, "@dr.lee@med.example");
  g_assert_cmpuint (g_list_model_get_n_items (accounts), ==, 2);
  g_assert_cmpint (rounds_account_get_state (a), ==, ROUNDS_ACCOUNT_STATE_CONNECTED);
  g_assert_cmpstr (rounds_account_get_secret_id (a), !=, rounds_account_get_secret_id (b));
  g_assert_cmpint (rounds_account_get_token_expires_at (a), ==, T0 + 86400 * 30);
  g_assert_cmpint (rounds_store_get_connected_networks (fixture->store), ==,
                   ROUNDS_NETWORK_MASTODON);

  /* Sign-in stops working: the account says so, and after Reconnect it
   * is connected again. */
  rounds_store_set_account_auth_expired (fixture->store, a_id, "The access token is invalid",
                                         &error);
  g_assert_no_error (error);
  a = rounds_store_lookup_account (fixture->store, a_id);
  g_assert_cmpint (rounds_account_get_state (a), ==, ROUNDS_ACCOUNT_STATE_AUTH_EXPIRED);
  g_assert_cmpstr (rounds_account_get_last_error (a), ==, "The access token is invalid");
  rounds_store_reconnect_account (fixture->store, a_id, NULL, NULL, 0, &error);
  g_assert_no_error (error);
  a = rounds_store_lookup_account (fixture->store, a_id);
  g_assert_cmpint (rounds_account_get_state (a), ==, ROUNDS_ACCOUNT_STATE_CONNECTED);
  g_assert_null (rounds_account_get_last_error (a));
  g_assert_cmpstr (rounds_account_get_handle (a), ==, "@clinic@med.example");

  /* They are still there after a restart. */
  rounds_store_close (fixture->store);
  g_clear_object (&fixture->store);
  fixture->store = rounds_store_open (fixture->path, fixture->clock, ROUNDS_STORE_OPEN_NO_BACKUPS,
                                      &error);
  g_assert_no_error (error);
  accounts = rounds_store_get_accounts (fixture->store);
  g_assert_cmpuint (g_list_model_get_n_items (accounts), ==, 2);
}

static void
test_post_follows_publications (Fixture       *fixture,
                                gconstpointer  data)
{
  RoundsAccount *m1 = add_account (fixture, ROUNDS_NETWORK_MASTODON, "@a@m.example");
  g_autoptr(GPtrArray) pubs = NULL;
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  RoundsPublication *p1, *p2;
  RoundsPost *post;
  gint64 id, p2_id;

  add_account (fixture, ROUNDS_NETWORK_BLUESKY, "a.bsky.example");
  add_account (fixture, ROUNDS_NETWORK_MASTODON, "@b@m.example");
  id = add_scheduled_post (fixture, ROUNDS_NETWORK_MASTODON, T0);

  /* Not yet its time: nothing to do. */
  ids = rounds_store_list_scheduled_post_ids (fixture->store, rounds_clock_get_now (fixture->clock),
                                              &error);
  g_assert_cmpuint (ids->len, ==, 0);
  g_clear_pointer (&ids, g_ptr_array_unref);
  g_assert_cmpint (rounds_store_get_next_publication_time (fixture->store), ==, T0);

  rounds_clock_set_now (fixture->clock, T0);
  ids = rounds_store_list_scheduled_post_ids (fixture->store, T0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 1);
  /* Both Mastodon accounts, not the Bluesky one. */
  g_assert_cmpuint (rounds_store_ensure_publications (fixture->store, id, &error), ==, 2);
  g_assert_no_error (error);
  g_assert_cmpuint (rounds_store_ensure_publications (fixture->store, id, &error), ==, 0);
  g_assert_cmpint (post_status (fixture, id), ==, ROUNDS_POST_STATUS_SCHEDULED);

  due = rounds_store_list_due_publications (fixture->store, T0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (due->len, ==, 2);
  p1 = g_ptr_array_index (due, 0);
  p2 = g_ptr_array_index (due, 1);
  g_assert_cmpint (rounds_publication_get_account_id (p1), ==, rounds_account_get_id (m1));
  g_assert_cmpstr (rounds_publication_get_idempotency_key (p1), !=,
                   rounds_publication_get_idempotency_key (p2));

  /* Marked before sending; a second begin (a racing tick) is refused. */
  rounds_store_begin_publication (fixture->store, rounds_publication_get_id (p1), &error);
  g_assert_no_error (error);
  g_assert_cmpint (post_status (fixture, id), ==, ROUNDS_POST_STATUS_PUBLISHING);
  g_assert_false (rounds_store_begin_publication (fixture->store, rounds_publication_get_id (p1),
                                                  &error));
  g_assert_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  rounds_store_publication_published (fixture->store, rounds_publication_get_id (p1), "109",
                                      "https://m.example/@a/109", &error);
  g_assert_no_error (error);
  /* One still to go. */
  g_assert_cmpint (post_status (fixture, id), ==, ROUNDS_POST_STATUS_PUBLISHING);

  rounds_store_begin_publication (fixture->store, rounds_publication_get_id (p2), &error);
  g_assert_no_error (error);
  rounds_store_publication_failed (fixture->store, rounds_publication_get_id (p2),
                                   ROUNDS_PUBLISH_ERROR_REJECTED, "Text is too long", &error);
  g_assert_no_error (error);
  post = rounds_store_lookup_post (fixture->store, id);
  g_assert_cmpint (rounds_post_get_status (post), ==, ROUNDS_POST_STATUS_FAILED);
  g_assert_cmpstr (rounds_post_get_last_error (post), ==, "Text is too long");

  /* Retry: the failed one goes back, due now; the published one stays. */
  rounds_clock_advance (fixture->clock, 600);
  g_assert_cmpuint (rounds_store_retry_post (fixture->store, id, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_cmpint (post_status (fixture, id), ==, ROUNDS_POST_STATUS_PUBLISHING);
  p2_id = rounds_publication_get_id (p2);
  g_clear_pointer (&due, g_ptr_array_unref);
  due = rounds_store_list_due_publications (fixture->store, rounds_clock_get_now (fixture->clock),
                                            &error);
  g_assert_cmpuint (due->len, ==, 1);
  g_assert_cmpint (rounds_publication_get_id (g_ptr_array_index (due, 0)), ==, p2_id);

  rounds_store_begin_publication (fixture->store, p2_id, &error);
  rounds_store_publication_published (fixture->store, p2_id, "110",
                                      "https://m.example/@b/110", &error);
  g_assert_no_error (error);
  post = rounds_store_lookup_post (fixture->store, id);
  g_assert_cmpint (rounds_post_get_status (post), ==, ROUNDS_POST_STATUS_PUBLISHED);
  g_assert_null (rounds_post_get_last_error (post));

  pubs = rounds_store_list_publications (fixture->store, id, &error);
  g_assert_cmpuint (pubs->len, ==, 2);
  g_assert_cmpstr (rounds_publication_get_url (g_ptr_array_index (pubs, 0)), ==,
                   "https://m.example/@a/109");
  g_assert_cmpuint (rounds_publication_get_attempts (g_ptr_array_index (pubs, 1)), ==, 1);
}

static void
test_retry_later_and_unknown (Fixture       *fixture,
                              gconstpointer  data)
{
  RoundsAccount *account = add_account (fixture, ROUNDS_NETWORK_BLUESKY, "clinic.example");
  gint64 account_id = rounds_account_get_id (account);
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GPtrArray) publishing = NULL;
  g_autoptr(RoundsPublication) p = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id, pub;

  id = add_scheduled_post (fixture, ROUNDS_NETWORK_BLUESKY | ROUNDS_NETWORK_FACEBOOK, T0);
  rounds_clock_set_now (fixture->clock, T0);
  rounds_store_set_post_accounts (fixture->store, id, &account_id, 1, &error);
  g_assert_no_error (error);
  due = rounds_store_list_due_publications (fixture->store, T0, &error);
  g_assert_cmpuint (due->len, ==, 1);
  pub = rounds_publication_get_id (g_ptr_array_index (due, 0));

  /* Rate limited: back in the queue until its time, shown on the post. */
  rounds_store_begin_publication (fixture->store, pub, &error);
  rounds_store_publication_retry_at (fixture->store, pub, ROUNDS_PUBLISH_ERROR_RATE_LIMITED,
                                     "Too many requests", T0 + 300, &error);
  g_assert_no_error (error);
  g_assert_cmpint (post_status (fixture, id), ==, ROUNDS_POST_STATUS_PUBLISHING);
  g_clear_pointer (&due, g_ptr_array_unref);
  due = rounds_store_list_due_publications (fixture->store, T0 + 299, &error);
  g_assert_cmpuint (due->len, ==, 0);
  g_assert_cmpint (rounds_store_get_next_publication_time (fixture->store), ==, T0 + 300);
  g_clear_pointer (&due, g_ptr_array_unref);
  due = rounds_store_list_due_publications (fixture->store, T0 + 300, &error);
  g_assert_cmpuint (due->len, ==, 1);

  /* The answer was lost: it stays publishing, to be looked up. */
  rounds_store_begin_publication (fixture->store, pub, &error);
  rounds_store_publication_unknown (fixture->store, pub, ROUNDS_PUBLISH_ERROR_UNKNOWN_OUTCOME,
                                    "No answer", T0 + 360, &error);
  g_assert_no_error (error);
  publishing = rounds_store_list_publishing (fixture->store, &error);
  g_assert_cmpuint (publishing->len, ==, 1);
  p = rounds_store_lookup_publication (fixture->store, pub, &error);
  g_assert_cmpint (rounds_publication_get_state (p), ==, ROUNDS_PUBLICATION_PUBLISHING);
  g_assert_cmpint (rounds_publication_get_error_kind (p), ==, ROUNDS_PUBLISH_ERROR_UNKNOWN_OUTCOME);
  g_assert_cmpuint (rounds_publication_get_attempts (p), ==, 2);

  /* The lookup found it: published, and the post waits for Facebook by
   * hand. */
  rounds_store_publication_published (fixture->store, pub, "at://x/1", "https://b.example/1",
                                      &error);
  g_assert_no_error (error);
  g_assert_cmpint (post_status (fixture, id), ==, ROUNDS_POST_STATUS_DUE);
}

static void
test_auth_expired_waits_for_reconnect (Fixture       *fixture,
                                       gconstpointer  data)
{
  RoundsAccount *account = add_account (fixture, ROUNDS_NETWORK_MASTODON, "@a@m.example");
  gint64 account_id = rounds_account_get_id (account);
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id, pub;

  id = add_scheduled_post (fixture, ROUNDS_NETWORK_MASTODON, T0);
  rounds_clock_set_now (fixture->clock, T0);
  rounds_store_ensure_publications (fixture->store, id, &error);
  due = rounds_store_list_due_publications (fixture->store, T0, &error);
  pub = rounds_publication_get_id (g_ptr_array_index (due, 0));

  rounds_store_begin_publication (fixture->store, pub, &error);
  rounds_store_publication_retry_at (fixture->store, pub, ROUNDS_PUBLISH_ERROR_AUTH_EXPIRED,
                                     "Sign in again", 0, &error);
  rounds_store_set_account_auth_expired (fixture->store, account_id, "Sign in again", &error);
  g_assert_no_error (error);
  /* Never silent: the post says it failed, and it is not sent meanwhile. */
  g_assert_cmpint (post_status (fixture, id), ==, ROUNDS_POST_STATUS_FAILED);
  g_clear_pointer (&due, g_ptr_array_unref);
  due = rounds_store_list_due_publications (fixture->store, T0 + 86400, &error);
  g_assert_cmpuint (due->len, ==, 0);

  rounds_store_reconnect_account (fixture->store, account_id, NULL, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (post_status (fixture, id), ==, ROUNDS_POST_STATUS_PUBLISHING);
  g_clear_pointer (&due, g_ptr_array_unref);
  due = rounds_store_list_due_publications (fixture->store, T0, &error);
  g_assert_cmpuint (due->len, ==, 1);
}

static void
test_remove_account_cancels (Fixture       *fixture,
                             gconstpointer  data)
{
  RoundsAccount *account = add_account (fixture, ROUNDS_NETWORK_MASTODON, "@a@m.example");
  gint64 account_id = rounds_account_get_id (account);
  g_autoptr(GPtrArray) pubs = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = add_scheduled_post (fixture, ROUNDS_NETWORK_MASTODON, T0 + 3600);
  rounds_store_set_post_accounts (fixture->store, id, &account_id, 1, &error);
  g_assert_no_error (error);

  g_assert_true (rounds_store_remove_account (fixture->store, account_id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (rounds_store_get_accounts (fixture->store)), ==, 0);
  pubs = rounds_store_list_publications (fixture->store, id, &error);
  g_assert_cmpuint (pubs->len, ==, 1);
  g_assert_cmpint (rounds_publication_get_state (g_ptr_array_index (pubs, 0)), ==,
                   ROUNDS_PUBLICATION_CANCELLED);
  g_assert_cmpint (rounds_store_get_next_publication_time (fixture->store), ==, 0);
}

static void
test_cursors (Fixture       *fixture,
              gconstpointer  data)
{
  RoundsAccount *account = add_account (fixture, ROUNDS_NETWORK_MASTODON, "@a@m.example");
  gint64 account_id = rounds_account_get_id (account);
  g_autoptr(GError) error = NULL;
  g_autofree char *c1 = NULL;
  g_autofree char *c2 = NULL;
  g_autofree char *c3 = NULL;

  c1 = rounds_store_get_account_cursor (fixture->store, account_id, "replies");
  g_assert_null (c1);
  rounds_store_set_account_cursor (fixture->store, account_id, "replies", "111", &error);
  rounds_store_set_account_cursor (fixture->store, account_id, "replies", "115", &error);
  rounds_store_set_account_cursor (fixture->store, account_id, "mentions", "7", &error);
  g_assert_no_error (error);
  c2 = rounds_store_get_account_cursor (fixture->store, account_id, "replies");
  c3 = rounds_store_get_account_cursor (fixture->store, account_id, "mentions");
  g_assert_cmpstr (c2, ==, "115");
  g_assert_cmpstr (c3, ==, "7");
}

/* The schema has no place for a token: the Secret Service holds them. */
static void
test_no_token_columns (Fixture       *fixture,
                       gconstpointer  data)
{
  ROUNDS_TEST_FILE_ONLY ();
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint n_columns = 0;

  add_account (fixture, ROUNDS_NETWORK_MASTODON, "@a@m.example");
  g_assert_cmpint (sqlite3_open_v2 (fixture->path, &db, SQLITE_OPEN_READONLY, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM pragma_table_info ('accounts')", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *name = (const char *)sqlite3_column_text (stmt, 0);

      n_columns++;
      g_assert_false (g_str_has_suffix (name, "token") || strstr (name, "secret_value") ||
                      strstr (name, "password") || g_str_equal (name, "credentials"));
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpuint (n_columns, ==, 13);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) \
  g_test_add ("/publish-store/" path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("accounts-listed", test_accounts_listed);
  ADD ("post-follows-publications", test_post_follows_publications);
  ADD ("retry-later-and-unknown", test_retry_later_and_unknown);
  ADD ("auth-expired-waits-for-reconnect", test_auth_expired_waits_for_reconnect);
  ADD ("remove-account-cancels", test_remove_account_cancels);
  ADD ("cursors", test_cursors);
  ADD ("no-token-columns", test_no_token_columns);
#undef ADD

  return g_test_run ();
}
