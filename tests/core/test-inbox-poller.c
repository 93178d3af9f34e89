/* test-inbox-poller.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Inbox's poller against the Mastodon stand-in (tests/servers) through
 * the real Mastodon connector, with a real SQLite file and a fake clock:
 * new mentions are stored once, a poll that finds nothing stores nothing,
 * empty polls back off, server errors and rate limits wait and store
 * nothing (the cursor stays, so nothing is lost), a revoked sign-in stops
 * polling the account and marks it, Refresh polls at once. Deletions on
 * the network are seen through the scripted fake connector.
 */

#include "config.h"

#include "core-test-util.h"
#include "fake-connector.h"
#include "rounds-connector-factory.h"
#include "rounds-inbox-poller.h"
#include "rounds-mastodon-stub.h"
#include "rounds-store-inbox.h"
#include "rounds-store-publish.h"

#define TOKEN "test-token-inbox"

typedef struct
{
  RoundsTestStoreFixture  base;
  RoundsStore            *store;
  RoundsMastodonStub     *stub;
  RoundsSecrets          *secrets;
  RoundsInboxPoller      *poller;
  gint64                  account;
  guint                   rounds;
  guint                   last_new;
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
  g_autoptr(GError) error = NULL;
  RoundsAccount *account;
  gboolean stored = FALSE;

  rounds_test_store_fixture_set_up (&f->base, "rounds-inbox-poller-XXXXXX");
  f->store = rounds_test_store_open (&f->base);
  f->stub = rounds_mastodon_stub_new (&error);
  g_assert_no_error (error);
  rounds_mastodon_stub_add_token (f->stub, TOKEN);

  account = rounds_store_add_account (f->store, ROUNDS_NETWORK_MASTODON,
                                      rounds_mastodon_stub_get_base_url (f->stub),
                                      "@clinic@127.0.0.1", "Clinic", "1", 0, &error);
  g_assert_no_error (error);
  f->account = rounds_account_get_id (account);

  f->secrets = rounds_secrets_new_in_memory ();
  rounds_secrets_store_async (f->secrets, rounds_account_get_secret_id (account), "test",
                              "{\"access_token\": \"" TOKEN "\"}", NULL, on_stored_cb, &stored);
  while (!stored)
    g_main_context_iteration (NULL, TRUE);

  f->poller = rounds_inbox_poller_new (f->store, f->secrets);
  g_signal_connect (f->poller, "round-finished", G_CALLBACK (on_round_finished_cb), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->poller);
  g_clear_object (&f->secrets);
  rounds_test_store_close (&f->store);
  g_clear_object (&f->stub);
  rounds_test_store_fixture_tear_down (&f->base);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Starts a round (refresh) and waits until it has ended. */
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

static void
advance (Fixture *f,
         gint64   seconds)
{
  rounds_clock_advance (f->base.clock, seconds);
}

static void
test_new_once (Fixture       *f,
               gconstpointer  data)
{
  RoundsComment *c;
  g_autofree char *cursor = NULL;

  g_free (rounds_mastodon_stub_add_mention (f->stub, "pat@other.example", "Pat",
                                            "<p>@clinic Do you take walk-ins?</p>", NULL));
  g_free (rounds_mastodon_stub_add_mention (f->stub, "lee@other.example", "Lee",
                                         "<p>@clinic Rude front desk, waited two hours. Awful.</p>",
                                         NULL));

  rounds_inbox_poller_start (f->poller, FALSE);
  while (f->rounds == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (f->last_new, ==, 2);
  g_assert_cmpuint (n_items (f), ==, 2);
  g_assert_null (rounds_inbox_poller_get_last_error (f->poller, f->account));
  g_assert_cmpint (rounds_inbox_poller_get_next_poll (f->poller, f->account), ==,
                   ROUNDS_TEST_T0 + ROUNDS_INBOX_DEFAULT_INTERVAL);

  /* Newest first: Lee's mention. */
  c = g_list_model_get_item (rounds_store_get_comments (f->store), 0);
  g_assert_nonnull (rounds_store_lookup_remote_comment (f->store, f->account,
                                                        rounds_comment_get_remote_id (c)));
  g_assert_cmpint (rounds_comment_get_triage (c), ==, ROUNDS_TRIAGE_COMPLAINT);
  g_assert_cmpstr (rounds_comment_get_author (c), ==, "Lee");
  g_assert_cmpint (rounds_comment_get_network (c), ==, ROUNDS_NETWORK_MASTODON);
  g_object_unref (c);   /* a snapshot: ours to keep or drop */

  /* Not due yet: a tick polls nothing. */
  g_assert_false (rounds_inbox_poller_tick (f->poller));

  /* Polled again: nothing new, nothing stored twice. */
  g_assert_cmpuint (poll_now (f), ==, 0);
  g_assert_cmpuint (n_items (f), ==, 2);

  /* One more mention: only it is new. */
  g_free (rounds_mastodon_stub_add_mention (f->stub, "sam@other.example", "Sam",
                                            "<p>@clinic Thanks for the flu clinic!</p>", NULL));
  g_assert_cmpuint (poll_now (f), ==, 1);
  g_assert_cmpuint (n_items (f), ==, 3);

  /* After a restart, from the stored cursor: still nothing twice. */
  cursor = rounds_store_inbox_dup_cursor (f->store, f->account);
  g_assert_nonnull (cursor);
  g_clear_object (&f->poller);
  f->poller = rounds_inbox_poller_new (f->store, f->secrets);
  g_signal_connect (f->poller, "round-finished", G_CALLBACK (on_round_finished_cb), f);
  g_assert_cmpuint (poll_now (f), ==, 0);
  g_assert_cmpuint (n_items (f), ==, 3);
}

/* Polls that find nothing make the wait longer, up to four intervals; a
 * poll that finds something makes it short again. */
static void
test_idle_backoff (Fixture       *f,
                   gconstpointer  data)
{
  gint64 interval = ROUNDS_INBOX_DEFAULT_INTERVAL;
  guint before;

  rounds_inbox_poller_start (f->poller, FALSE);
  while (f->rounds == 0)
    g_main_context_iteration (NULL, TRUE);

  /* Empty polls 1 and 2: the interval. Poll 3: twice. */
  for (guint i = 1; i <= 12; i++)
    {
      gint64 next = rounds_inbox_poller_get_next_poll (f->poller, f->account);
      gint64 now = rounds_clock_get_now (f->base.clock);
      gint64 factor = (next - now) / interval;

      g_assert_cmpint (factor, ==, i < 3 ? 1 : i < 6 ? 2 : 4);
      advance (f, next - now);
      before = f->rounds;
      g_assert_true (rounds_inbox_poller_tick (f->poller));
      while (f->rounds == before)
        g_main_context_iteration (NULL, TRUE);
    }

  g_free (rounds_mastodon_stub_add_mention (f->stub, "pat@other.example", "Pat",
                                            "<p>@clinic Are you open Monday?</p>", NULL));
  advance (f, rounds_inbox_poller_get_next_poll (f->poller, f->account) -
              rounds_clock_get_now (f->base.clock));
  before = f->rounds;
  g_assert_true (rounds_inbox_poller_tick (f->poller));
  while (f->rounds == before)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (f->last_new, ==, 1);
  g_assert_cmpint (rounds_inbox_poller_get_next_poll (f->poller, f->account) -
                   rounds_clock_get_now (f->base.clock), ==, interval);
}

/* A server error and a rate limit: nothing stored, the cursor stays, the
 * next poll waits; the items come with the poll after. */
static void
test_errors_wait (Fixture       *f,
                  gconstpointer  data)
{
  gint64 now = rounds_clock_get_now (f->base.clock);

  g_free (rounds_mastodon_stub_add_mention (f->stub, "pat@other.example", "Pat",
                                            "<p>@clinic Hello?</p>", NULL));
  rounds_mastodon_stub_add_fault (f->stub, "/api/v1/notifications",
                                  ROUNDS_MASTODON_STUB_FAULT_STATUS, 502, 1, NULL);
  g_assert_cmpuint (poll_now (f), ==, 0);
  g_assert_cmpuint (n_items (f), ==, 0);
  g_assert_null (rounds_store_inbox_dup_cursor (f->store, f->account));
  g_assert_nonnull (rounds_inbox_poller_get_last_error (f->poller, f->account));
  g_assert_cmpint (rounds_inbox_poller_get_next_poll (f->poller, f->account), ==,
                   now + ROUNDS_INBOX_RETRY_BASE);

  /* Twice in a row: twice as long. */
  rounds_mastodon_stub_add_fault (f->stub, "/api/v1/notifications",
                                  ROUNDS_MASTODON_STUB_FAULT_STATUS, 503, 1, NULL);
  g_assert_cmpuint (poll_now (f), ==, 0);
  g_assert_cmpint (rounds_inbox_poller_get_next_poll (f->poller, f->account), ==,
                   now + 2 * ROUNDS_INBOX_RETRY_BASE);

  /* Rate limited with a hint: the network's time. */
  rounds_mastodon_stub_add_fault (f->stub, "/api/v1/notifications",
                                  ROUNDS_MASTODON_STUB_FAULT_STATUS, 429, 1, "600");
  g_assert_cmpuint (poll_now (f), ==, 0);
  g_assert_cmpint (rounds_inbox_poller_get_next_poll (f->poller, f->account), >=, now + 590);
  g_assert_cmpuint (n_items (f), ==, 0);

  /* Then it works, and nothing was lost. */
  g_assert_cmpuint (poll_now (f), ==, 1);
  g_assert_cmpuint (n_items (f), ==, 1);
  g_assert_null (rounds_inbox_poller_get_last_error (f->poller, f->account));
}

/* A revoked token: the account is marked signed out and not polled until
 * it is reconnected. */
static RoundsConnector *
make_fake (RoundsAccount  *account,
           const char     *credentials,
           gpointer        user_data,
           GError        **error)
{
  return fake_connector_new (user_data, rounds_account_get_network (account),
                             rounds_account_get_handle (account));
}

/* A reply deleted on the network is marked deleted at the next poll (kept,
 * not counted as new); a deletion check that fails marks nothing and is
 * reported like a failed poll (last error, backoff), and the next one
 * catches up. */
static void
test_gone_marked (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(FakeNetwork) net = fake_network_new ();
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  RoundsComment *c;

  rounds_inbox_poller_set_connector_factory (f->poller, make_fake, fake_network_ref (net),
                                             (GDestroyNotify) fake_network_unref);
  first = fake_network_add_reply (net, "@clinic@127.0.0.1", "Do you take walk-ins?");
  second = fake_network_add_reply (net, "@clinic@127.0.0.1", "Open on Saturdays?");
  g_assert_cmpuint (poll_now (f), ==, 2);
  g_assert_cmpuint (n_items (f), ==, 2);

  fake_network_delete_reply (net, first);
  g_assert_cmpuint (poll_now (f), ==, 0);
  g_assert_cmpuint (n_items (f), ==, 2);
  c = rounds_store_lookup_remote_comment (f->store, f->account, first);
  g_assert_cmpint (rounds_comment_get_deleted_at (c), ==, ROUNDS_TEST_T0);
  c = rounds_store_lookup_remote_comment (f->store, f->account, second);
  g_assert_cmpint (rounds_comment_get_deleted_at (c), ==, 0);

  fake_network_delete_reply (net, second);
  fake_network_set_check_gone_fails (net, TRUE);
  advance (f, 60);
  g_assert_cmpuint (poll_now (f), ==, 0);
  g_assert_nonnull (rounds_inbox_poller_get_last_error (f->poller, f->account));
  g_assert_cmpint (rounds_inbox_poller_get_next_poll (f->poller, f->account), >,
                   ROUNDS_TEST_T0 + 60);
  c = rounds_store_lookup_remote_comment (f->store, f->account, second);
  g_assert_cmpint (rounds_comment_get_deleted_at (c), ==, 0);

  fake_network_set_check_gone_fails (net, FALSE);
  g_assert_cmpuint (poll_now (f), ==, 0);
  g_assert_null (rounds_inbox_poller_get_last_error (f->poller, f->account));
  c = rounds_store_lookup_remote_comment (f->store, f->account, second);
  g_assert_cmpint (rounds_comment_get_deleted_at (c), ==, ROUNDS_TEST_T0 + 60);
  g_assert_cmpuint (n_items (f), ==, 2);
}

static void
test_auth_expired (Fixture       *f,
                   gconstpointer  data)
{
  RoundsAccount *account;

  rounds_mastodon_stub_revoke_tokens (f->stub);
  g_assert_cmpuint (poll_now (f), ==, 0);
  account = rounds_store_lookup_account (f->store, f->account);
  g_assert_cmpint (rounds_account_get_state (account), ==, ROUNDS_ACCOUNT_STATE_AUTH_EXPIRED);
  g_assert_cmpint (rounds_inbox_poller_get_next_poll (f->poller, f->account), ==, G_MAXINT64);
  advance (f, 24 * 60 * 60);
  g_assert_false (rounds_inbox_poller_tick (f->poller));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/inbox-poller/new-once", test_new_once);
  ADD ("/inbox-poller/idle-backoff", test_idle_backoff);
  ADD ("/inbox-poller/errors-wait", test_errors_wait);
  ADD ("/inbox-poller/auth-expired", test_auth_expired);
  ADD ("/inbox-poller/gone-marked", test_gone_marked);
#undef ADD

  return g_test_run ();
}
