/* test-inbox-gone.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Comments and reviews deleted on Facebook, Instagram, LinkedIn and
 * Google Business Profile, seen by the Inbox's poller through the real
 * connectors against the networks' stand-ins (tests/servers), with a
 * real store and a fake clock: after a poll the deleted item is still in
 * the Inbox and marked deleted, the others are not; an error answer to
 * the deletion check (rate limit, server error, an unreadable answer)
 * marks nothing and is the account's last error, and the next good poll
 * catches up.
 */

#include "config.h"

#include "core-test-util.h"
#include "rounds-google-stub.h"
#include "rounds-graph-stub.h"
#include "rounds-inbox-poller.h"
#include "rounds-linkedin-stub.h"
#include "rounds-store-inbox.h"
#include "rounds-store-publish.h"

#define TOKEN "test-token-gone"

typedef struct
{
  RoundsTestStoreFixture  base;
  RoundsStore            *store;
  RoundsSecrets          *secrets;
  RoundsInboxPoller      *poller;
  gint64                  account;
  guint                   rounds;
  guint                   last_new;
  RoundsGraphStub        *graph;
  RoundsLinkedinStub     *linkedin;
  RoundsGoogleStub       *google;
} Fixture;

static void
on_stored_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  gboolean *done = user_data;

  g_assert_true (rounds_secrets_store_finish (ROUNDS_SECRETS (source), result, NULL));
  *done = TRUE;
}

static void
on_round_finished_cb (RoundsInboxPoller *poller,
                      guint              n_new,
                      Fixture           *f)
{
  f->rounds++;
  f->last_new = n_new;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  rounds_test_store_fixture_set_up (&f->base, "rounds-inbox-gone-XXXXXX");
  f->store = rounds_test_store_open (&f->base);
  f->secrets = rounds_secrets_new_in_memory ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->poller);
  g_clear_object (&f->secrets);
  rounds_test_store_close (&f->store);
  g_clear_object (&f->graph);
  g_clear_object (&f->linkedin);
  g_clear_object (&f->google);
  rounds_test_store_fixture_tear_down (&f->base);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* The account as the app connects it: a row in the store, its sign-in
 * in the keyring, and the poller that finds its connector from those. */
static void
connect_account (Fixture       *f,
                 RoundsNetwork  network,
                 const char    *base_url,
                 const char    *credentials)
{
  g_autoptr(GError) error = NULL;
  RoundsAccount *account;
  gboolean stored = FALSE;

  account = rounds_store_add_account (f->store, network, base_url, "clinic", "Sunrise Family Clinic",
                                      "1", 0, &error);
  g_assert_no_error (error);
  f->account = rounds_account_get_id (account);
  rounds_secrets_store_async (f->secrets, rounds_account_get_secret_id (account), "test",
                              credentials, NULL, on_stored_cb, &stored);
  while (!stored)
    g_main_context_iteration (NULL, TRUE);

  f->poller = rounds_inbox_poller_new (f->store, f->secrets);
  g_signal_connect (f->poller, "round-finished", G_CALLBACK (on_round_finished_cb), f);
}

/* Starts a round (Refresh) and waits until it has ended. */
static guint
poll_now (Fixture *f)
{
  guint before = f->rounds;

  rounds_inbox_poller_refresh (f->poller);
  while (f->rounds == before)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (rounds_inbox_poller_is_busy (f->poller));
  return f->last_new;
}

static guint
n_items (Fixture *f)
{
  return g_list_model_get_n_items (rounds_store_get_comments (f->store));
}

static gint64
deleted_at (Fixture    *f,
            const char *remote_id)
{
  RoundsComment *c = rounds_store_lookup_remote_comment (f->store, f->account, remote_id);

  g_assert_nonnull (c);
  return rounds_comment_get_deleted_at (c);
}

/* The part every network shares: two items fetched; the first deleted
 * on the network and marked at the next poll; then the second deleted,
 * but the check's answer is an error (the fault @add_fault adds): nothing
 * marked, the account's last error says so; the next poll marks it. */
typedef void (*AddFault) (Fixture    *f,
                          const char *remote_id);

static void
check_deletions (Fixture    *f,
                 const char *first,
                 const char *second,
                 gboolean  (*delete) (Fixture *f, const char *remote_id),
                 AddFault    add_fault)
{
  g_assert_cmpuint (poll_now (f), ==, 2);
  g_assert_cmpuint (n_items (f), ==, 2);
  g_assert_null (rounds_inbox_poller_get_last_error (f->poller, f->account));
  g_assert_cmpint (deleted_at (f, first), ==, 0);
  g_assert_cmpint (deleted_at (f, second), ==, 0);

  /* Deleted by its author: kept, marked, not new. */
  g_assert_true (delete (f, first));
  rounds_clock_advance (f->base.clock, 60);
  g_assert_cmpuint (poll_now (f), ==, 0);
  g_assert_cmpuint (n_items (f), ==, 2);
  g_assert_null (rounds_inbox_poller_get_last_error (f->poller, f->account));
  g_assert_cmpint (deleted_at (f, first), ==, ROUNDS_TEST_T0 + 60);
  g_assert_cmpint (deleted_at (f, second), ==, 0);

  /* The check fails: nothing marked, the error is the poll's. */
  g_assert_true (delete (f, second));
  add_fault (f, second);
  rounds_clock_advance (f->base.clock, 60);
  g_assert_cmpuint (poll_now (f), ==, 0);
  g_assert_nonnull (rounds_inbox_poller_get_last_error (f->poller, f->account));
  g_assert_cmpint (deleted_at (f, second), ==, 0);
  g_assert_cmpint (deleted_at (f, first), ==, ROUNDS_TEST_T0 + 60);

  /* The next good poll catches up. */
  rounds_clock_advance (f->base.clock, 60);
  g_assert_cmpuint (poll_now (f), ==, 0);
  g_assert_null (rounds_inbox_poller_get_last_error (f->poller, f->account));
  g_assert_cmpint (deleted_at (f, second), ==, ROUNDS_TEST_T0 + 180);
  g_assert_cmpuint (n_items (f), ==, 2);
}

/* Facebook and Instagram ------------------------------------------------ */

static void
connect_graph (Fixture       *f,
               RoundsNetwork  network)
{
  g_autoptr(GError) error = NULL;

  f->graph = rounds_graph_stub_new (&error);
  g_assert_no_error (error);
  rounds_graph_stub_add_token (f->graph, TOKEN);
  connect_account (f, network, rounds_graph_stub_get_base_url (f->graph),
                   "{\"access_token\": \"" TOKEN "\", \"page_id\": \"" ROUNDS_GRAPH_STUB_PAGE_ID "\", "
                   "\"ig_user_id\": \"" ROUNDS_GRAPH_STUB_IG_ID "\", \"expires_at\": 1900000000}");
}

static gboolean
graph_delete (Fixture    *f,
              const char *id)
{
  return rounds_graph_stub_delete (f->graph, id);
}

/* Meta slows Rounds down at the multiple-id read (#4, with the Business
 * Use Case header's wait). */
static void
graph_rate_limit (Fixture    *f,
                  const char *id)
{
  rounds_graph_stub_add_fault (f->graph, "/?ids", ROUNDS_GRAPH_STUB_FAULT_STATUS, 400, 4, 1, 10);
}

/* The read of the one comment (after the multiple-id read failed with
 * #803) answers a server error. */
static void
graph_server_error (Fixture    *f,
                    const char *id)
{
  g_autofree char *path = g_strconcat ("/", id, NULL);

  rounds_graph_stub_add_fault (f->graph, path, ROUNDS_GRAPH_STUB_FAULT_STATUS, 500, 2, 1, 0);
}

static void
graph_garbage (Fixture    *f,
               const char *id)
{
  g_autofree char *path = g_strconcat ("/", id, NULL);

  rounds_graph_stub_add_fault (f->graph, path, ROUNDS_GRAPH_STUB_FAULT_GARBAGE, 200, 0, 1, 0);
}

static void
test_facebook (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *post = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  connect_graph (f, ROUNDS_NETWORK_FACEBOOK);
  post = rounds_graph_stub_add_page_post (f->graph, "Flu shots this week", ROUNDS_TEST_T0 - 7200);
  first = rounds_graph_stub_add_comment (f->graph, post, "Pat", "Do you take walk-ins?",
                                         ROUNDS_TEST_T0 - 3600);
  second = rounds_graph_stub_add_comment (f->graph, post, "Sam", "Open on Saturday?",
                                          ROUNDS_TEST_T0 - 3000);
  check_deletions (f, first, second, graph_delete, data ? (AddFault) data : graph_server_error);
}

/* The check asks Graph about many comments in one multiple-id read when
 * none is gone: one request, not one per comment. */
static void
test_facebook_batched (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *post = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  const char *query;
  guint before;

  connect_graph (f, ROUNDS_NETWORK_FACEBOOK);
  post = rounds_graph_stub_add_page_post (f->graph, "Flu shots this week", ROUNDS_TEST_T0 - 7200);
  for (guint i = 0; i < 30; i++)
    g_ptr_array_add (ids, rounds_graph_stub_add_comment (f->graph, post, "Pat", "Thanks",
                                                         ROUNDS_TEST_T0 - 3600 + i));
  g_assert_cmpuint (poll_now (f), ==, 30);
  query = rounds_graph_stub_get_last_query (f->graph, "/");
  g_assert_nonnull (query);
  for (guint i = 0; i < ids->len; i++)
    g_assert_nonnull (strstr (query, g_ptr_array_index (ids, i)));

  /* A poll: the post list, its comments, one read for the check. */
  before = rounds_graph_stub_get_request_count (f->graph);
  rounds_clock_advance (f->base.clock, 60);
  g_assert_cmpuint (poll_now (f), ==, 0);
  g_assert_cmpuint (rounds_graph_stub_get_request_count (f->graph) - before, ==, 3);
  g_assert_null (rounds_inbox_poller_get_last_error (f->poller, f->account));
}

static void
test_instagram (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *media = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  connect_graph (f, ROUNDS_NETWORK_INSTAGRAM);
  media = rounds_graph_stub_add_ig_media (f->graph, "Our new waiting room", ROUNDS_TEST_T0 - 7200);
  first = rounds_graph_stub_add_comment (f->graph, media, "pat.k", "Looks great",
                                         ROUNDS_TEST_T0 - 3600);
  second = rounds_graph_stub_add_comment (f->graph, media, "sam.r", "Where is it?",
                                          ROUNDS_TEST_T0 - 3000);
  check_deletions (f, first, second, graph_delete, graph_garbage);
}

/* LinkedIn --------------------------------------------------------------- */

static gboolean
linkedin_delete (Fixture    *f,
                 const char *urn)
{
  return rounds_linkedin_stub_delete_comment (f->linkedin, urn);
}

/* Get a Comment answers 429 (the member's daily limit). */
static void
linkedin_fault (Fixture    *f,
                const char *urn)
{
  /* urn:li:comment:(TARGET,ID) → /rest/socialActions/TARGET/comments/ID */
  g_autofree char *inner = g_strndup (urn + strlen ("urn:li:comment:("),
                                      strlen (urn) - strlen ("urn:li:comment:(") - 1);
  char *comma = strrchr (inner, ',');
  g_autofree char *path = NULL;

  *comma = '\0';
  path = g_strdup_printf ("/rest/socialActions/%s/comments/%s", inner, comma + 1);
  rounds_linkedin_stub_add_fault (f->linkedin, path, ROUNDS_LINKEDIN_STUB_FAULT_STATUS, 429, 1, NULL);
}

static void
test_linkedin (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *post = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  f->linkedin = rounds_linkedin_stub_new (&error);
  g_assert_no_error (error);
  rounds_linkedin_stub_add_token (f->linkedin, TOKEN);
  connect_account (f, ROUNDS_NETWORK_LINKEDIN, rounds_linkedin_stub_get_base_url (f->linkedin),
                   "{\"access_token\": \"" TOKEN "\", \"organization_id\": \""
                   ROUNDS_LINKEDIN_STUB_ORG_ID "\", \"expires_at\": 1900000000}");
  post = rounds_linkedin_stub_add_post (f->linkedin, "We are hiring a nurse", ROUNDS_TEST_T0 - 7200);
  first = rounds_linkedin_stub_add_comment (f->linkedin, post, NULL, "Is it full time?",
                                            ROUNDS_TEST_T0 - 3600);
  second = rounds_linkedin_stub_add_comment (f->linkedin, post, NULL, "Applied!",
                                             ROUNDS_TEST_T0 - 3000);
  check_deletions (f, first, second, linkedin_delete, linkedin_fault);
}

/* Google Business Profile ------------------------------------------------ */

static gboolean
google_delete (Fixture    *f,
               const char *name)
{
  return rounds_google_stub_delete_review (f->google, name);
}

/* Reading the review answers 503 UNAVAILABLE. */
static void
google_fault (Fixture    *f,
              const char *name)
{
  g_autofree char *path = g_strconcat ("/v4/", name, NULL);

  rounds_google_stub_add_fault (f->google, path, 503, "UNAVAILABLE", 1);
}

static void
test_google (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *credentials = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  f->google = rounds_google_stub_new (&error);
  g_assert_no_error (error);
  rounds_google_stub_add_token (f->google, TOKEN);
  credentials = g_strdup_printf ("{\"access_token\": \"" TOKEN "\", \"refresh_token\": \"1//refresh\", "
                                 "\"client_id\": \"123.apps.googleusercontent.com\", "
                                 "\"token_uri\": \"%s/token\", \"location\": \"%s\"}",
                                 rounds_google_stub_get_base_url (f->google),
                                 ROUNDS_GOOGLE_STUB_LOCATION);
  connect_account (f, ROUNDS_NETWORK_GOOGLE, rounds_google_stub_get_base_url (f->google), credentials);
  first = rounds_google_stub_add_review (f->google, "Pat K.", "ONE", "Waited two hours",
                                         ROUNDS_TEST_T0 - 3600);
  second = rounds_google_stub_add_review (f->google, "Sam R.", "FIVE", "Lovely staff",
                                          ROUNDS_TEST_T0 - 3000);
  check_deletions (f, first, second, google_delete, google_fault);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, data) \
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)
  ADD ("/inbox-gone/facebook", test_facebook, NULL);
  ADD ("/inbox-gone/facebook-rate-limited", test_facebook, graph_rate_limit);
  ADD ("/inbox-gone/facebook-batched", test_facebook_batched, NULL);
  ADD ("/inbox-gone/instagram", test_instagram, NULL);
  ADD ("/inbox-gone/linkedin", test_linkedin, NULL);
  ADD ("/inbox-gone/google", test_google, NULL);
#undef ADD

  return g_test_run ();
}
