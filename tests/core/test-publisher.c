/* test-publisher.c — the publishing queue against a scripted network
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "core-test-util.h"
#include "config.h"

#include "fake-connector.h"
#include "rounds-context.h"
#include "rounds-publisher.h"
#include "rounds-reminders.h"
#include "rounds-store-consents.h"
#include "rounds-store-editor.h"
#include "rounds-store-insights.h"
#include "rounds-utm.h"

/* What a practice notices about publishing: a scheduled post appears on
 * each of its accounts exactly once — whatever the network answers, and
 * after a crash at any point — at its time and not before; a refused
 * post says why and offers Retry; a network that is busy or down is
 * tried again later, and the post says when; a sign-in that stopped
 * working stops only that account and asks to reconnect it; a post whose
 * text breaks a rule now is never sent, even if it was approved before;
 * and a failure is announced once. Each test counts what reached the
 * (fake) network. */

#define T0 ((gint64)1772463600)

typedef struct
{
  char            *dir;
  char            *path;
  RoundsClock     *clock;
  RoundsStore     *store;
  RoundsContext   *context;
  RoundsSecrets   *secrets;
  RoundsPublisher *publisher;
  FakeNetwork     *net;
  gint64           mastodon;   /* account ids */
  gint64           bluesky;
} Fixture;

static double
no_jitter (void)
{
  return 0.0;
}

static RoundsConnector *
make_fake (RoundsAccount  *account,
           const char     *credentials,
           gpointer        user_data,
           GError        **error)
{
  g_assert_nonnull (credentials);
  return fake_connector_new (user_data, rounds_account_get_network (account),
                             rounds_account_get_handle (account));
}

static void
new_publisher_with (Fixture       *fixture,
                    RoundsScanner *scanner)
{
  fixture->publisher = rounds_publisher_new (rounds_context_get_store (fixture->context),
                                             scanner, fixture->secrets);
  rounds_publisher_set_connector_factory (fixture->publisher, make_fake,
                                          fake_network_ref (fixture->net),
                                          (GDestroyNotify)fake_network_unref);
  rounds_publisher_set_jitter_func (fixture->publisher, no_jitter);
}

static void
new_publisher (Fixture *fixture)
{
  new_publisher_with (fixture, rounds_context_get_scanner (fixture->context));
}

static void
on_stored_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  gboolean *done = user_data;

  g_assert_true (rounds_secrets_store_finish (ROUNDS_SECRETS (source), result, NULL));
  *done = TRUE;
}

static gint64
add_account (Fixture       *fixture,
             RoundsNetwork  network,
             const char    *handle)
{
  g_autoptr(GError) error = NULL;
  RoundsAccount *account;
  gboolean done = FALSE;

  account = rounds_store_add_account (fixture->store, network, "http://127.0.0.1:9", handle,
                                      "Test", "1", 0, &error);
  g_assert_no_error (error);
  rounds_secrets_store_async (fixture->secrets, rounds_account_get_secret_id (account), "test",
                              "{\"access_token\":\"not-a-real-token\"}", NULL, on_stored_cb,
                              &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  return rounds_account_get_id (account);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("rounds-publisher-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "rounds.db", NULL);
  fixture->clock = rounds_clock_new_fake (T0 - 3600);
  fixture->store = rounds_store_open (fixture->path, fixture->clock, ROUNDS_STORE_OPEN_NO_BACKUPS,
                                      &error);
  g_assert_no_error (error);
  fixture->context = rounds_context_new (fixture->store, FALSE);
  fixture->secrets = rounds_secrets_new_in_memory ();
  fixture->net = fake_network_new ();
  fixture->mastodon = add_account (fixture, ROUNDS_NETWORK_MASTODON, "clinic");
  fixture->bluesky = add_account (fixture, ROUNDS_NETWORK_BLUESKY, "clinic.bsky");
  new_publisher (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  rounds_publisher_stop (fixture->publisher);
  g_clear_object (&fixture->publisher);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&fixture->context);
  rounds_store_close (fixture->store);
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->secrets);
  g_clear_object (&fixture->clock);
  g_clear_pointer (&fixture->net, fake_network_unref);
  rounds_test_remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static gboolean
on_timeout_cb (gpointer user_data)
{
  g_error ("The publisher did not settle in time");
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until nothing is in flight (or only hangs are). */
static void
settle (Fixture *fixture)
{
  guint timeout = g_timeout_add_seconds (30, on_timeout_cb, NULL);

  while (g_main_context_pending (NULL) ||
         (rounds_publisher_is_busy (fixture->publisher) &&
          fake_network_get_n_hanging (fixture->net) == 0))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
}

static void
tick (Fixture *fixture)
{
  rounds_publisher_tick (fixture->publisher);
  settle (fixture);
}

static void
start (Fixture *fixture)
{
  rounds_publisher_start (fixture->publisher, FALSE);
  settle (fixture);
}

static gint64
add_post (Fixture       *fixture,
          RoundsNetwork  networks,
          gint64         at,
          const char    *body)
{
  g_autoptr(RoundsPost) post = rounds_post_new ();
  g_autoptr(GError) error = NULL;
  RoundsPost *saved;

  rounds_post_set_title (post, "Flu shots");
  rounds_post_set_body (post, body ? body : "Flu shots are in. Walk in any weekday morning.");
  rounds_post_set_networks (post, networks);
  rounds_post_set_scheduled_at (post, at);
  saved = rounds_store_import_post (fixture->store, post, ROUNDS_POST_STATUS_SCHEDULED, "test",
                                    &error);
  g_assert_no_error (error);
  return rounds_post_get_id (saved);
}

static RoundsPost *
post (Fixture *fixture,
      gint64   id)
{
  return rounds_store_lookup_post (fixture->store, id);
}

static RoundsPublication *
only_publication (Fixture *fixture,
                  gint64   post_id)
{
  g_autoptr(GPtrArray) pubs = rounds_store_list_publications (fixture->store, post_id, NULL);

  g_assert_nonnull (pubs);
  g_assert_cmpuint (pubs->len, ==, 1);
  return g_object_ref (g_ptr_array_index (pubs, 0));
}

/* ------------------------------------------------------------------ */

static void
test_publishes_at_its_time_once (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GPtrArray) pubs = NULL;
  gint64 a = add_post (fixture, ROUNDS_NETWORK_MASTODON | ROUNDS_NETWORK_BLUESKY, T0, NULL);
  gint64 b = add_post (fixture, ROUNDS_NETWORK_MASTODON, T0 + 600, NULL);

  start (fixture);
  g_assert_cmpuint (fake_network_count_posts (fixture->net, NULL), ==, 0);
  g_assert_cmpint (rounds_publisher_get_next_wakeup (fixture->publisher), ==, T0);

  rounds_clock_set_now (fixture->clock, T0);
  tick (fixture);
  g_assert_cmpuint (fake_network_count_posts (fixture->net, "clinic"), ==, 1);
  g_assert_cmpuint (fake_network_count_posts (fixture->net, "clinic.bsky"), ==, 1);
  g_assert_cmpint (rounds_post_get_status (post (fixture, a)), ==, ROUNDS_POST_STATUS_PUBLISHED);
  g_assert_cmpint (rounds_post_get_status (post (fixture, b)), ==, ROUNDS_POST_STATUS_SCHEDULED);
  pubs = rounds_store_list_publications (fixture->store, a, NULL);
  g_assert_cmpuint (pubs->len, ==, 2);
  for (guint i = 0; i < pubs->len; i++)
    g_assert_true (g_str_has_prefix (rounds_publication_get_url (g_ptr_array_index (pubs, i)),
                                     "https://social.example/"));

  /* Ticking again sends nothing more. */
  tick (fixture);
  tick (fixture);
  g_assert_cmpuint (fake_network_count_posts (fixture->net, NULL), ==, 2);

  rounds_clock_set_now (fixture->clock, T0 + 600);
  tick (fixture);
  g_assert_cmpuint (fake_network_count_posts (fixture->net, NULL), ==, 3);
  g_assert_cmpint (rounds_post_get_status (post (fixture, b)), ==, ROUNDS_POST_STATUS_PUBLISHED);
}

/* Issue 17: nothing reads every post at open. After a restart with
 * hundreds of posts, none in memory and no window open, the publisher
 * still wakes for the next scheduled post (read by status and time, not
 * from a list) and publishes it at its time. */
static void
test_publishes_never_loaded_post (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GPtrArray) old = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(RoundsPost) sent = NULL;
  g_autoptr(GError) error = NULL;
  gint64 a;

  for (guint i = 0; i < 300; i++)
    {
      RoundsPost *p = rounds_post_new ();
      g_autofree char *body = g_strdup_printf ("Earlier post %u", i);

      rounds_post_set_body (p, body);
      rounds_post_set_networks (p, ROUNDS_NETWORK_MASTODON);
      rounds_post_set_scheduled_at (p, T0 - (gint64)(i + 1) * 86400);
      g_ptr_array_add (old, p);
    }
  g_assert_true (rounds_store_import_posts (fixture->store, old, ROUNDS_POST_STATUS_PUBLISHED,
                                            "test", NULL, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&old, g_ptr_array_unref);
  /* Manual only (no account): the publisher's timer must skip it. */
  add_post (fixture, ROUNDS_NETWORK_FACEBOOK, T0 - 60, NULL);
  a = add_post (fixture, ROUNDS_NETWORK_MASTODON | ROUNDS_NETWORK_BLUESKY, T0, NULL);

  /* Quit and start again, with no window. */
  rounds_publisher_stop (fixture->publisher);
  g_clear_object (&fixture->publisher);
  g_clear_object (&fixture->context);
  rounds_store_close (fixture->store);
  g_clear_object (&fixture->store);
  g_assert_cmpuint (_rounds_post_get_n_live (), ==, 0);
  fixture->store = rounds_store_open (fixture->path, fixture->clock, ROUNDS_STORE_OPEN_NO_BACKUPS,
                                      &error);
  g_assert_no_error (error);
  fixture->context = rounds_context_new (fixture->store, FALSE);
  new_publisher (fixture);
  g_assert_cmpuint (_rounds_post_get_n_live (), ==, 0);

  start (fixture);
  g_assert_cmpint (rounds_publisher_get_next_wakeup (fixture->publisher), ==, T0);
  rounds_clock_set_now (fixture->clock, T0);
  tick (fixture);
  g_assert_cmpuint (fake_network_count_posts (fixture->net, "clinic"), ==, 1);
  g_assert_cmpuint (fake_network_count_posts (fixture->net, "clinic.bsky"), ==, 1);
  sent = rounds_store_dup_post (fixture->store, a);
  g_assert_cmpint (rounds_post_get_status (sent), ==, ROUNDS_POST_STATUS_PUBLISHED);
}

/* With Tag Links on (Preferences → Insights), links to the practice's own
 * site leave with UTM tags naming the network; other links are left as
 * written, and with the switch off nothing is tagged. */
static void
test_tags_own_links (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(RoundsPractice) practice = rounds_practice_new ();
  g_autoptr(GError) error = NULL;
  const char *body = "Book your flu shot: https://www.maplegrove.example/flu or read "
                     "https://cdc.example/flu";
  const char *sent;

  rounds_practice_set_name (practice, "Maple Grove");
  rounds_practice_set_website (practice, "https://maplegrove.example");
  g_assert_true (rounds_store_save_practice (fixture->store, practice, &error));
  g_assert_no_error (error);
  rounds_publisher_set_text_func (fixture->publisher, rounds_utm_tag_for_publishing,
                                  g_object_ref (fixture->store), g_object_unref);
  add_post (fixture, ROUNDS_NETWORK_MASTODON | ROUNDS_NETWORK_BLUESKY, T0, body);
  start (fixture);
  rounds_clock_set_now (fixture->clock, T0);
  tick (fixture);

  sent = fake_network_get_last_text (fixture->net, "clinic");
  g_assert_nonnull (sent);
  g_assert_nonnull (strstr (sent, "https://www.maplegrove.example/flu?utm_source=mastodon"
                                  "&utm_medium=social&utm_campaign=social"));
  g_assert_nonnull (strstr (sent, "https://cdc.example/flu"));
  g_assert_null (strstr (sent, "cdc.example/flu?"));
  sent = fake_network_get_last_text (fixture->net, "clinic.bsky");
  g_assert_nonnull (strstr (sent, "maplegrove.example/flu?utm_source=bluesky"));

  /* Switched off: sent as written. */
  g_assert_true (rounds_store_set_utm_enabled (fixture->store, FALSE, &error));
  add_post (fixture, ROUNDS_NETWORK_MASTODON, T0 + 600, body);
  rounds_clock_set_now (fixture->clock, T0 + 600);
  tick (fixture);
  g_assert_cmpstr (fake_network_get_last_text (fixture->net, "clinic"), ==, body);
}

typedef struct
{
  FakeOutcome  outcome;
  gboolean     makes_post;       /* the failed call left a post on the network */
  gint64       wait;             /* until the next try (jitter 0) */
  gboolean     retries;          /* tried again by itself */
} ErrorCase;

/* Every error kind, then success: the post is on the network exactly
 * once in the end, and never sent again blindly after an unknown
 * outcome. */
static void
test_exactly_once_under_each_error (Fixture       *fixture,
                                    gconstpointer  data)
{
  static const ErrorCase cases[] = {
    { FAKE_RATE_LIMITED,   FALSE, 120, TRUE },
    { FAKE_TRANSIENT,      FALSE, 30,  TRUE },
    { FAKE_MALFORMED,      FALSE, ROUNDS_PUBLISH_RECONCILE_WAIT, TRUE },
    { FAKE_LOST_ANSWER,    TRUE,  30,  TRUE },
    { FAKE_LOST_MALFORMED, TRUE,  ROUNDS_PUBLISH_RECONCILE_WAIT, TRUE },
    { FAKE_REJECTED,       FALSE, 0,   FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const ErrorCase *c = &cases[i];
      gint64 t = T0 + i * 86400;
      g_autoptr(RoundsPublication) pub = NULL;
      guint calls;
      gint64 id;

      rounds_clock_set_now (fixture->clock, t);
      fake_network_set_retry_at (fixture->net, t + 120);
      id = add_post (fixture, ROUNDS_NETWORK_MASTODON, t, NULL);
      fake_network_script_publish (fixture->net, "clinic", c->outcome);
      if (i == 0)
        start (fixture);
      else
        tick (fixture);

      pub = only_publication (fixture, id);
      g_assert_cmpuint (fake_network_count_key (fixture->net,
                                                rounds_publication_get_idempotency_key (pub)),
                        ==, c->makes_post ? 1 : 0);
      g_assert_nonnull (rounds_publication_get_last_error (pub));
      g_assert_nonnull (rounds_post_get_last_error (post (fixture, id)));

      if (!c->retries)
        {
          /* Refused: the platform's words on the post, no retry. */
          g_assert_cmpint (rounds_publication_get_state (pub), ==, ROUNDS_PUBLICATION_FAILED);
          g_assert_cmpint (rounds_post_get_status (post (fixture, id)), ==,
                           ROUNDS_POST_STATUS_FAILED);
          g_assert_cmpstr (rounds_post_get_last_error (post (fixture, id)), ==,
                           "Validation failed: Text is too long");
          calls = fake_network_get_publish_calls (fixture->net, "clinic");
          rounds_clock_advance (fixture->clock, 86400 / 2);
          tick (fixture);
          g_assert_cmpuint (fake_network_get_publish_calls (fixture->net, "clinic"), ==, calls);

          /* Retry: sent once more, and it goes through. */
          g_assert_cmpuint (rounds_store_retry_post (fixture->store, id, NULL), ==, 1);
          tick (fixture);
        }
      else
        {
          g_assert_cmpint (rounds_post_get_status (post (fixture, id)), ==,
                           ROUNDS_POST_STATUS_PUBLISHING);
          /* "Next try at …" is visible, and nothing happens before it. */
          g_assert_cmpint (rounds_publication_get_next_try_at (pub), ==, t + c->wait);
          rounds_clock_set_now (fixture->clock, t + c->wait - 1);
          tick (fixture);
          g_clear_object (&pub);
          pub = only_publication (fixture, id);
          g_assert_cmpint (rounds_publication_get_state (pub), !=, ROUNDS_PUBLICATION_PUBLISHED);

          rounds_clock_set_now (fixture->clock, t + c->wait);
          tick (fixture);
        }

      g_clear_object (&pub);
      pub = only_publication (fixture, id);
      g_assert_cmpint (rounds_publication_get_state (pub), ==, ROUNDS_PUBLICATION_PUBLISHED);
      g_assert_cmpint (rounds_post_get_status (post (fixture, id)), ==,
                       ROUNDS_POST_STATUS_PUBLISHED);
      g_assert_cmpuint (fake_network_count_key (fixture->net,
                                                rounds_publication_get_idempotency_key (pub)),
                        ==, 1);
    }

  g_assert_cmpuint (fake_network_count_posts (fixture->net, NULL), ==, G_N_ELEMENTS (cases));
}

/* A crash between "publishing" and the answer, in both ways: the post
 * reached the network, or it did not. The next run looks it up first. */
static void
test_reconciles_after_crash (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(RoundsPublication) p1 = NULL;
  g_autoptr(RoundsPublication) p2 = NULL;
  gint64 reached, lost;

  reached = add_post (fixture, ROUNDS_NETWORK_MASTODON, T0, NULL);
  lost = add_post (fixture, ROUNDS_NETWORK_BLUESKY, T0, NULL);
  rounds_clock_set_now (fixture->clock, T0);

  /* Both requests hang, then the process "dies" (stop without answers);
   * the Mastodon one had reached the network. */
  fake_network_script_publish (fixture->net, "clinic", FAKE_LOST_ANSWER);
  fake_network_script_publish (fixture->net, "clinic.bsky", FAKE_HANG);
  start (fixture);
  g_assert_cmpuint (fake_network_get_n_hanging (fixture->net), ==, 1);
  rounds_publisher_stop (fixture->publisher);
  settle (fixture);
  g_clear_object (&fixture->publisher);

  p2 = only_publication (fixture, lost);
  g_assert_cmpint (rounds_publication_get_state (p2), ==, ROUNDS_PUBLICATION_PUBLISHING);

  /* A new run, a few seconds later. */
  rounds_clock_advance (fixture->clock, 5);
  new_publisher (fixture);
  start (fixture);

  p1 = only_publication (fixture, reached);
  g_clear_object (&p2);
  p2 = only_publication (fixture, lost);
  g_assert_cmpint (rounds_publication_get_state (p2), ==, ROUNDS_PUBLICATION_PUBLISHED);
  g_assert_cmpuint (fake_network_count_posts (fixture->net, "clinic.bsky"), ==, 1);
  g_assert_cmpuint (fake_network_get_lookup_calls (fixture->net, "clinic.bsky"), ==, 1);
  g_assert_cmpuint (fake_network_get_publish_calls (fixture->net, "clinic.bsky"), ==, 2);

  /* The Mastodon one is looked up after its backoff, found, not re-sent. */
  rounds_clock_advance (fixture->clock, 60);
  tick (fixture);
  g_clear_object (&p1);
  p1 = only_publication (fixture, reached);
  g_assert_cmpint (rounds_publication_get_state (p1), ==, ROUNDS_PUBLICATION_PUBLISHED);
  g_assert_cmpuint (fake_network_count_posts (fixture->net, "clinic"), ==, 1);
  g_assert_cmpuint (fake_network_get_publish_calls (fixture->net, "clinic"), ==, 1);
}

static void
test_backoff_times (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(RoundsPublication) pub = NULL;
  gint64 id, t = T0;

  /* The pure function: 1, 2, 4 … minutes, capped at an hour, halved by
   * zero jitter. */
  g_assert_cmpint (rounds_publish_backoff (1, 0.0), ==, 30);
  g_assert_cmpint (rounds_publish_backoff (1, 0.999), ==, 59);
  g_assert_cmpint (rounds_publish_backoff (2, 0.0), ==, 60);
  g_assert_cmpint (rounds_publish_backoff (3, 1.0), ==, 240);
  g_assert_cmpint (rounds_publish_backoff (7, 1.0), ==, 3600);
  g_assert_cmpint (rounds_publish_backoff (30, 1.0), ==, 3600);

  /* The engine: a network that stays down is tried with growing waits,
   * then the post is marked failed with the reason, and not dropped. */
  id = add_post (fixture, ROUNDS_NETWORK_MASTODON, T0, NULL);
  rounds_clock_set_now (fixture->clock, T0);
  for (guint i = 0; i < 2 * ROUNDS_PUBLISH_MAX_ATTEMPTS; i++)
    {
      fake_network_script_publish (fixture->net, "clinic", FAKE_TRANSIENT);
      fake_network_script_lookup (fixture->net, "clinic", FAKE_TRANSIENT);
    }
  start (fixture);

  for (guint attempt = 1; attempt < ROUNDS_PUBLISH_MAX_ATTEMPTS; attempt++)
    {
      g_clear_object (&pub);
      pub = only_publication (fixture, id);
      g_assert_cmpint (rounds_publication_get_state (pub), ==, ROUNDS_PUBLICATION_PUBLISHING);
      g_assert_cmpint (rounds_publication_get_next_try_at (pub) - t, ==,
                       rounds_publish_backoff (attempt, 0.0));
      t = rounds_publication_get_next_try_at (pub);
      rounds_clock_set_now (fixture->clock, t);
      tick (fixture);
    }

  g_clear_object (&pub);
  pub = only_publication (fixture, id);
  g_assert_cmpint (rounds_publication_get_state (pub), ==, ROUNDS_PUBLICATION_FAILED);
  g_assert_cmpint (rounds_post_get_status (post (fixture, id)), ==, ROUNDS_POST_STATUS_FAILED);
  g_assert_cmpuint (fake_network_count_posts (fixture->net, NULL), ==, 0);
}

static void
test_auth_expired_stops_one_account (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  RoundsAccount *account;
  gint64 m1, m2, b1;

  m1 = add_post (fixture, ROUNDS_NETWORK_MASTODON, T0, NULL);
  m2 = add_post (fixture, ROUNDS_NETWORK_MASTODON, T0 + 60, NULL);
  b1 = add_post (fixture, ROUNDS_NETWORK_BLUESKY, T0 + 60, NULL);
  fake_network_script_publish (fixture->net, "clinic", FAKE_AUTH_EXPIRED);

  rounds_clock_set_now (fixture->clock, T0);
  start (fixture);
  account = rounds_store_lookup_account (fixture->store, fixture->mastodon);
  g_assert_cmpint (rounds_account_get_state (account), ==, ROUNDS_ACCOUNT_STATE_AUTH_EXPIRED);
  g_assert_cmpint (rounds_post_get_status (post (fixture, m1)), ==, ROUNDS_POST_STATUS_FAILED);

  /* The other Mastodon post is not sent; Bluesky goes on. */
  rounds_clock_set_now (fixture->clock, T0 + 120);
  tick (fixture);
  tick (fixture);
  g_assert_cmpuint (fake_network_get_publish_calls (fixture->net, "clinic"), ==, 1);
  g_assert_cmpint (rounds_post_get_status (post (fixture, m2)), ==, ROUNDS_POST_STATUS_FAILED);
  g_assert_true (strstr (rounds_post_get_last_error (post (fixture, m2)), "Reconnect") != NULL);
  g_assert_cmpint (rounds_post_get_status (post (fixture, b1)), ==, ROUNDS_POST_STATUS_PUBLISHED);

  /* Reconnected: both go out, once each. */
  rounds_store_reconnect_account (fixture->store, fixture->mastodon, NULL, NULL, 0, &error);
  g_assert_no_error (error);
  rounds_publisher_forget_connector (fixture->publisher, fixture->mastodon);
  tick (fixture);
  g_assert_cmpint (rounds_post_get_status (post (fixture, m1)), ==, ROUNDS_POST_STATUS_PUBLISHED);
  g_assert_cmpint (rounds_post_get_status (post (fixture, m2)), ==, ROUNDS_POST_STATUS_PUBLISHED);
  g_assert_cmpuint (fake_network_count_posts (fixture->net, "clinic"), ==, 2);
}

static void
test_clock_jumps (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(RoundsPublication) pub = NULL;
  gint64 id;

  id = add_post (fixture, ROUNDS_NETWORK_BLUESKY, T0, NULL);
  fake_network_script_publish (fixture->net, "clinic.bsky", FAKE_TRANSIENT);
  rounds_clock_set_now (fixture->clock, T0);
  start (fixture);

  /* The clock goes back two days: the retry, "30 s after" a time now far
   * ahead, is not left waiting for two days. */
  rounds_clock_set_now (fixture->clock, T0 - 2 * 86400);
  tick (fixture);
  pub = only_publication (fixture, id);
  /* The post's own time has not come in the new clock: it is looked up
   * and queued, not sent before its time. */
  g_assert_cmpuint (fake_network_count_posts (fixture->net, NULL), ==, 0);

  /* The clock comes back forward past the time: sent once. */
  rounds_clock_set_now (fixture->clock, T0 + 3 * 86400);
  tick (fixture);
  g_clear_object (&pub);
  pub = only_publication (fixture, id);
  g_assert_cmpint (rounds_publication_get_state (pub), ==, ROUNDS_PUBLICATION_PUBLISHED);
  g_assert_cmpuint (fake_network_count_posts (fixture->net, NULL), ==, 1);
}

/* Approved before a rule changed (here: written straight into the
 * store), a name and a birth date are found at publish time. */
static void
test_rescan_blocks_at_publish_time (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(RoundsPublication) pub = NULL;
  g_autoptr(GString) long_text = g_string_new (NULL);
  gint64 blocked, too_long;

  blocked = add_post (fixture, ROUNDS_NETWORK_MASTODON, T0,
                      "Patient Maria Lopez, DOB 03/14/1985, came in today.");
  while (long_text->len < 400)
    g_string_append (long_text, "Flu shots are in this week. ");
  too_long = add_post (fixture, ROUNDS_NETWORK_BLUESKY, T0, long_text->str);

  rounds_clock_set_now (fixture->clock, T0);
  start (fixture);
  g_assert_cmpuint (fake_network_count_posts (fixture->net, NULL), ==, 0);
  g_assert_cmpuint (fake_network_get_publish_calls (fixture->net, "clinic"), ==, 0);

  pub = only_publication (fixture, blocked);
  g_assert_cmpint (rounds_publication_get_state (pub), ==, ROUNDS_PUBLICATION_FAILED);
  g_assert_cmpint (rounds_publication_get_error_kind (pub), ==, ROUNDS_PUBLISH_ERROR_BLOCKED);
  g_assert_cmpint (rounds_post_get_status (post (fixture, blocked)), ==,
                   ROUNDS_POST_STATUS_FAILED);
  g_clear_object (&pub);
  pub = only_publication (fixture, too_long);
  g_assert_cmpint (rounds_publication_get_error_kind (pub), ==, ROUNDS_PUBLISH_ERROR_BLOCKED);

  /* Retry without a fix: still not sent. */
  rounds_store_retry_post (fixture->store, blocked, NULL);
  tick (fixture);
  g_assert_cmpuint (fake_network_count_posts (fixture->net, NULL), ==, 0);
}

/* The app's publishing queue is made without a scanner (the default one
 * is loaded on a worker at its first check, not at start): a post with
 * patient details is not sent all the same. */
static void
test_rescan_blocks_with_default_scanner (Fixture       *fixture,
                                         gconstpointer  data)
{
  g_autoptr(RoundsPublication) pub = NULL;
  gint64 blocked, clean;

  g_clear_object (&fixture->publisher);
  new_publisher_with (fixture, NULL);
  blocked = add_post (fixture, ROUNDS_NETWORK_MASTODON, T0,
                      "Patient Maria Lopez, DOB 03/14/1985, came in today.");
  clean = add_post (fixture, ROUNDS_NETWORK_MASTODON, T0, "Flu shots are in this week.");

  rounds_clock_set_now (fixture->clock, T0);
  start (fixture);
  g_assert_cmpuint (fake_network_count_posts (fixture->net, NULL), ==, 1);

  pub = only_publication (fixture, blocked);
  g_assert_cmpint (rounds_publication_get_state (pub), ==, ROUNDS_PUBLICATION_FAILED);
  g_assert_cmpint (rounds_publication_get_error_kind (pub), ==, ROUNDS_PUBLISH_ERROR_BLOCKED);
  g_clear_object (&pub);
  pub = only_publication (fixture, clean);
  g_assert_cmpint (rounds_publication_get_state (pub), ==, ROUNDS_PUBLICATION_PUBLISHED);
}

static char *
date_of (gint64 utc)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (utc);

  return g_date_time_format (dt, "%Y-%m-%d");
}

/* An image that shows a patient goes out only while its linked
 * authorization covers it: one that expired after approval stops the
 * post at publishing time, with the reason; a valid one lets it go. */
static void
test_consent_checked_at_publish_time (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autoptr(RoundsConsent) expired = rounds_consent_new ("Test Patient Two");
  g_autoptr(RoundsConsent) valid = NULL;
  g_autoptr(RoundsPublication) pub = NULL;
  g_autoptr(GPtrArray) media = g_ptr_array_new_with_free_func ((GDestroyNotify)rounds_post_media_free);
  g_autoptr(GError) error = NULL;
  gint64 stale = add_post (fixture, ROUNDS_NETWORK_MASTODON, T0, "Smile of the week!");
  gint64 fine = add_post (fixture, ROUNDS_NETWORK_MASTODON, T0, "Smile of the month!");

  expired->uses = ROUNDS_CONSENT_USE_PHOTO;
  expired->networks = ROUNDS_NETWORK_MASTODON;
  expired->elements = ROUNDS_CONSENT_ELEMENTS_ALL;
  g_free (expired->purpose), expired->purpose = g_strdup ("Marketing");
  g_free (expired->signed_on), expired->signed_on = date_of (T0 - 20 * 86400);
  g_free (expired->expires_on), expired->expires_on = date_of (T0 - 10 * 86400);
  valid = rounds_consent_copy (expired);
  g_free (valid->expires_on), valid->expires_on = date_of (T0 + 30 * 86400);
  g_assert_true (rounds_store_add_consent (fixture->store, expired, NULL, &error));
  g_assert_true (rounds_store_add_consent (fixture->store, valid, NULL, &error));
  g_assert_no_error (error);

  g_ptr_array_add (media, rounds_post_media_new ("/tmp/smile.png", "A smiling patient", TRUE));
  g_assert_true (rounds_store_set_post_media (fixture->store, stale, media, &error));
  g_assert_true (rounds_store_set_post_media (fixture->store, fine, media, &error));
  g_assert_true (rounds_store_link_post_consent (fixture->store, stale, expired->id, TRUE, &error));
  g_assert_true (rounds_store_link_post_consent (fixture->store, fine, valid->id, TRUE, &error));
  g_assert_no_error (error);

  rounds_clock_set_now (fixture->clock, T0);
  start (fixture);
  g_assert_cmpuint (fake_network_count_posts (fixture->net, NULL), ==, 1);
  g_assert_cmpint (rounds_post_get_status (post (fixture, fine)), ==, ROUNDS_POST_STATUS_PUBLISHED);

  pub = only_publication (fixture, stale);
  g_assert_cmpint (rounds_publication_get_error_kind (pub), ==, ROUNDS_PUBLISH_ERROR_BLOCKED);
  g_assert_nonnull (strstr (rounds_publication_get_last_error (pub), "expired"));
  g_assert_cmpint (rounds_post_get_status (post (fixture, stale)), ==, ROUNDS_POST_STATUS_FAILED);
}

/* An Instagram post without an image is held back before anything is
 * sent, with a plain message on the post. */
static void
test_instagram_needs_image (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(RoundsPublication) pub = NULL;
  gint64 id;

  add_account (fixture, ROUNDS_NETWORK_INSTAGRAM, "@sunrise.clinic");
  id = add_post (fixture, ROUNDS_NETWORK_INSTAGRAM, T0, NULL);
  rounds_clock_set_now (fixture->clock, T0);
  start (fixture);

  g_assert_cmpuint (fake_network_count_posts (fixture->net, NULL), ==, 0);
  pub = only_publication (fixture, id);
  g_assert_cmpint (rounds_publication_get_state (pub), ==, ROUNDS_PUBLICATION_FAILED);
  g_assert_cmpint (rounds_publication_get_error_kind (pub), ==, ROUNDS_PUBLISH_ERROR_BLOCKED);
  g_assert_cmpstr (rounds_publication_get_last_error (pub), ==, "Instagram needs an image");
}

/* A failed post is announced through the reminders, once. */
static void
test_failure_notified_once (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(RoundsReminders) reminders = rounds_reminders_new (fixture->store);
  RoundsReminderSettings settings;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  guint n_failed = 0;
  gint64 id;

  rounds_reminder_settings_init (&settings);
  settings.quiet_hours = FALSE;
  settings.quiet_weekends = FALSE;
  settings.connected = ROUNDS_NETWORK_MASTODON | ROUNDS_NETWORK_BLUESKY;
  rounds_reminders_set_settings (reminders, &settings);

  id = add_post (fixture, ROUNDS_NETWORK_MASTODON, T0, NULL);
  fake_network_script_publish (fixture->net, "clinic", FAKE_REJECTED);
  rounds_clock_set_now (fixture->clock, T0);
  start (fixture);
  g_assert_cmpint (rounds_post_get_status (post (fixture, id)), ==, ROUNDS_POST_STATUS_FAILED);

  rounds_clock_advance (fixture->clock, 1);
  first = rounds_reminders_tick (reminders, NULL);
  for (guint i = 0; first != NULL && i < first->len; i++)
    n_failed += rounds_reminder_get_kind (g_ptr_array_index (first, i)) ==
                ROUNDS_REMINDER_POST_FAILED;
  g_assert_cmpuint (n_failed, ==, 1);

  /* More ticks of both: nothing new. */
  tick (fixture);
  rounds_clock_advance (fixture->clock, 600);
  tick (fixture);
  second = rounds_reminders_tick (reminders, NULL);
  for (guint i = 0; second != NULL && i < second->len; i++)
    g_assert_cmpint (rounds_reminder_get_kind (g_ptr_array_index (second, i)), !=,
                     ROUNDS_REMINDER_POST_FAILED);
}

static void
test_token_check (Fixture       *fixture,
                  gconstpointer  data)
{
  RoundsAccount *account;

  fake_network_set_token_expires_at (fixture->net, T0 + 3 * 86400);
  fake_network_script_verify (fixture->net, "clinic.bsky", FAKE_AUTH_EXPIRED);
  rounds_clock_set_now (fixture->clock, T0 + 2 * 86400);
  rounds_publisher_check_accounts (fixture->publisher, FALSE);
  settle (fixture);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  account = rounds_store_lookup_account (fixture->store, fixture->mastodon);
  g_assert_cmpint (rounds_account_get_state (account), ==, ROUNDS_ACCOUNT_STATE_CONNECTED);
  g_assert_cmpint (rounds_account_get_token_expires_at (account), ==, T0 + 3 * 86400);
  g_assert_cmpint (rounds_account_get_checked_at (account), ==, T0 + 2 * 86400);
  account = rounds_store_lookup_account (fixture->store, fixture->bluesky);
  g_assert_cmpint (rounds_account_get_state (account), ==, ROUNDS_ACCOUNT_STATE_AUTH_EXPIRED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) \
  g_test_add ("/publisher/" path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("publishes-at-its-time-once", test_publishes_at_its_time_once);
  ADD ("exactly-once-under-each-error", test_exactly_once_under_each_error);
  ADD ("reconciles-after-crash", test_reconciles_after_crash);
  ADD ("backoff-times", test_backoff_times);
  ADD ("auth-expired-stops-one-account", test_auth_expired_stops_one_account);
  ADD ("clock-jumps", test_clock_jumps);
  ADD ("rescan-blocks-at-publish-time", test_rescan_blocks_at_publish_time);
  ADD ("rescan-blocks-with-default-scanner", test_rescan_blocks_with_default_scanner);
  ADD ("consent-checked-at-publish-time", test_consent_checked_at_publish_time);
  ADD ("instagram-needs-image", test_instagram_needs_image);
  ADD ("failure-notified-once", test_failure_notified_once);
  ADD ("token-check", test_token_check);
  ADD ("tags-own-links", test_tags_own_links);
  ADD ("publishes-never-loaded-post", test_publishes_never_loaded_post);
#undef ADD

  return g_test_run ();
}
