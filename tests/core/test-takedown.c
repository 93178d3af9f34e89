/* test-takedown.c — taking down what was published on a patient
 * authorization that ended (issue 19): deleted through the account's
 * connector against the Mastodon stand-in (tests/servers), marked and
 * audited; a network posted by hand becomes a reminder; a deletion the
 * server refuses says why and marks nothing.
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "core-test-util.h"
#include "config.h"

#include <string.h>

#include "rounds-connector-factory.h"
#include "rounds-mastodon-stub.h"
#include "rounds-reminders.h"
#include "rounds-store-consents.h"
#include "rounds-store-publish.h"
#include "rounds-takedown-sender.h"

#define DAY (24 * 60 * 60)

typedef struct
{
  RoundsTestStoreFixture  base;
  RoundsStore            *store;
  RoundsMastodonStub     *stub;
  RoundsAccount          *account;
  RoundsTakedownSender   *sender;
  gint64                  consent_id;
} Fixture;

typedef struct
{
  GMainLoop *loop;
  guint      deleted;
  GPtrArray *by_hand;
  GError    *error;
} Wait;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(RoundsPractice) practice = NULL;
  g_autoptr(RoundsConsent) c = rounds_consent_new ("Test Patient Four");
  g_autoptr(GError) error = NULL;

  rounds_test_store_fixture_set_up (&f->base, "rounds-takedown-XXXXXX");
  f->store = rounds_test_store_open (&f->base);
  practice = rounds_practice_copy (rounds_store_get_practice (f->store));
  rounds_practice_set_timezone (practice, "America/Chicago");
  g_assert_true (rounds_store_save_practice (f->store, practice, &error));

  f->stub = rounds_mastodon_stub_new (&error);
  g_assert_no_error (error);
  rounds_mastodon_stub_add_token (f->stub, ROUNDS_TEST_MASTODON_TOKEN);
  f->account = rounds_store_add_account (f->store, ROUNDS_NETWORK_MASTODON,
                                         rounds_mastodon_stub_get_base_url (f->stub), "@clinic",
                                         "Clinic", "1", 0, &error);
  g_assert_no_error (error);
  f->sender = rounds_takedown_sender_new (f->store, NULL);
  rounds_takedown_sender_set_connector_factory (f->sender, rounds_test_mastodon_factory, NULL, NULL);

  c->uses = ROUNDS_CONSENT_USE_PHOTO;
  c->networks = ROUNDS_NETWORK_MASTODON | ROUNDS_NETWORK_FACEBOOK;
  c->elements = ROUNDS_CONSENT_ELEMENTS_ALL;
  g_free (c->purpose), c->purpose = g_strdup ("Marketing");
  g_free (c->signed_on), c->signed_on = g_strdup ("2026-01-01");
  g_free (c->expires_on), c->expires_on = g_strdup ("2026-12-31");
  g_assert_true (rounds_store_add_consent (f->store, c, NULL, &error));
  g_assert_no_error (error);
  f->consent_id = c->id;
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->sender);
  g_clear_object (&f->stub);
  g_clear_object (&f->store);
  rounds_test_store_fixture_tear_down (&f->base);
}

/* A post on Mastodon (through the account, live on the stand-in) and on
 * Facebook (posted by hand), published, relying on the authorization. */
static gint64
publish_post (Fixture *f)
{
  g_autoptr(RoundsPost) draft = rounds_post_new ();
  g_autoptr(RoundsConnector) connector = rounds_test_mastodon_factory (f->account, NULL, NULL, NULL);
  g_autoptr(RoundsOutgoing) outgoing = rounds_outgoing_new ("Smile of the week!", "key-1");
  g_autoptr(RoundsRemotePost) remote = NULL;
  g_autoptr(GPtrArray) pubs = NULL;
  g_autoptr(GError) error = NULL;
  gint64 account_id = rounds_account_get_id (f->account);
  RoundsPost *post;
  gint64 id;

  rounds_post_set_title (draft, "Smile");
  rounds_post_set_body (draft, "Smile of the week!");
  rounds_post_set_networks (draft, ROUNDS_NETWORK_MASTODON | ROUNDS_NETWORK_FACEBOOK);
  rounds_post_set_scheduled_at (draft, ROUNDS_TEST_T0 + 3600);
  post = rounds_store_save_post (f->store, draft, &error);
  g_assert_no_error (error);
  id = rounds_post_get_id (post);
  g_assert_true (rounds_store_link_post_consent (f->store, id, f->consent_id, TRUE, &error));
  g_assert_true (rounds_store_set_post_status (f->store, id, ROUNDS_POST_STATUS_IN_REVIEW, NULL, &error));
  g_assert_true (rounds_store_set_post_status (f->store, id, ROUNDS_POST_STATUS_APPROVED, NULL, &error));
  g_assert_true (rounds_store_set_post_status (f->store, id, ROUNDS_POST_STATUS_SCHEDULED, NULL, &error));
  g_assert_true (rounds_store_set_post_accounts (f->store, id, &account_id, 1, &error));
  g_assert_no_error (error);

  remote = rounds_test_publish (connector, outgoing);
  g_assert_cmpuint (rounds_mastodon_stub_count_statuses (f->stub), ==, 1);

  pubs = rounds_store_list_publications (f->store, id, &error);
  g_assert_cmpuint (pubs->len, ==, 1);
  g_assert_true (rounds_store_begin_publication (f->store,
                                                 rounds_publication_get_id (pubs->pdata[0]), &error));
  g_assert_true (rounds_store_publication_published (f->store,
                                                     rounds_publication_get_id (pubs->pdata[0]),
                                                     remote->remote_id, remote->url, &error));
  g_assert_no_error (error);
  /* Facebook was posted by hand. */
  g_assert_cmpint (rounds_post_get_status (post), ==, ROUNDS_POST_STATUS_DUE);
  g_assert_true (rounds_store_set_post_status (f->store, id, ROUNDS_POST_STATUS_PUBLISHED, NULL,
                                               &error));
  g_assert_no_error (error);
  return id;
}

static void
on_taken_down_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Wait *w = user_data;

  w->deleted = rounds_takedown_sender_take_down_finish (ROUNDS_TAKEDOWN_SENDER (source), result,
                                                        &w->by_hand, &w->error);
  g_main_loop_quit (w->loop);
}

static void
take_down (Fixture *f,
           gint64   post_id,
           Wait    *w)
{
  w->loop = g_main_loop_new (NULL, FALSE);
  rounds_takedown_sender_take_down_async (f->sender, post_id, f->consent_id, NULL,
                                          on_taken_down_cb, w);
  g_main_loop_run (w->loop);
  g_main_loop_unref (w->loop);
}

static const RoundsTakedown *
find_place (GPtrArray     *places,
            RoundsNetwork  network)
{
  for (guint i = 0; i < places->len; i++)
    if (((RoundsTakedown *)places->pdata[i])->network == network)
      return places->pdata[i];
  return NULL;
}

static void
test_take_down (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) places = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GPtrArray) shown = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RoundsReminders) reminders = rounds_reminders_new (f->store);
  RoundsReminderSettings settings;
  RoundsReminder *by_hand = NULL;
  gint64 id = publish_post (f);
  Wait w = { 0 };

  g_assert_true (rounds_store_revoke_consent (f->store, f->consent_id, "Letter", NULL, &error));
  g_assert_no_error (error);

  /* Out there on Mastodon (deletable) and on Facebook (by hand). */
  places = rounds_store_list_takedowns (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (places->len, ==, 2);
  g_assert_true (find_place (places, ROUNDS_NETWORK_MASTODON)->connected);
  g_assert_true (g_str_has_prefix (find_place (places, ROUNDS_NETWORK_MASTODON)->url,
                                   rounds_mastodon_stub_get_base_url (f->stub)));
  g_assert_false (find_place (places, ROUNDS_NETWORK_FACEBOOK)->connected);
  g_clear_pointer (&places, g_ptr_array_unref);

  take_down (f, id, &w);
  g_assert_no_error (w.error);
  g_assert_cmpuint (w.deleted, ==, 1);
  /* Gone from the network. */
  g_assert_cmpuint (rounds_mastodon_stub_count_statuses (f->stub), ==, 0);
  /* Facebook is left to do by hand. */
  g_assert_cmpuint (w.by_hand->len, ==, 1);
  g_assert_cmpint (((RoundsTakedown *)w.by_hand->pdata[0])->network, ==, ROUNDS_NETWORK_FACEBOOK);
  g_clear_pointer (&w.by_hand, g_ptr_array_unref);

  places = rounds_store_list_takedowns (f->store, id, &error);
  g_assert_cmpint (find_place (places, ROUNDS_NETWORK_MASTODON)->done_at, ==,
                   rounds_clock_get_now (f->base.clock));
  g_assert_cmpint (find_place (places, ROUNDS_NETWORK_FACEBOOK)->done_at, ==, 0);
  g_assert_cmpint (find_place (places, ROUNDS_NETWORK_FACEBOOK)->requested_at, >, 0);
  g_assert_cmpuint (rounds_test_count_audit (f->store, "post", id, "taken_down"), ==, 1);
  g_assert_cmpuint (rounds_test_count_audit (f->store, "post", id, "takedown_requested"), ==, 1);

  /* The reminder to do it by hand, once. */
  rounds_reminder_settings_init (&settings);
  settings.enabled = ROUNDS_REMINDER_CONSENT;
  settings.quiet_hours = FALSE;
  settings.quiet_weekends = FALSE;
  rounds_reminders_set_settings (reminders, &settings);
  shown = rounds_reminders_tick (reminders, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < shown->len; i++)
    if (g_strcmp0 (rounds_reminder_get_title (shown->pdata[i]), "Take down a post by hand") == 0)
      by_hand = shown->pdata[i];
  g_assert_nonnull (by_hand);
  g_assert_nonnull (strstr (rounds_reminder_get_body (by_hand), "Delete it on Facebook"));
  g_assert_null (strstr (rounds_reminder_get_body (by_hand), "Test Patient"));
  g_clear_pointer (&shown, g_ptr_array_unref);
  shown = rounds_reminders_tick (reminders, &error);
  for (guint i = 0; i < shown->len; i++)
    g_assert_cmpstr (rounds_reminder_get_title (shown->pdata[i]), !=, "Take down a post by hand");

  /* Done by hand: nothing pending; taking down again sends nothing. */
  pending = rounds_store_list_pending_takedowns (f->store, &error);
  g_assert_cmpuint (pending->len, ==, 1);
  g_assert_true (rounds_store_takedown_done (f->store, pending->pdata[0], f->consent_id, &error));
  g_assert_no_error (error);
  g_clear_pointer (&pending, g_ptr_array_unref);
  pending = rounds_store_list_pending_takedowns (f->store, &error);
  g_assert_cmpuint (pending->len, ==, 0);
  g_assert_cmpuint (rounds_test_count_audit (f->store, "post", id, "taken_down"), ==, 2);

  take_down (f, id, &w);
  g_assert_no_error (w.error);
  g_assert_cmpuint (w.deleted, ==, 0);
  g_assert_cmpuint (w.by_hand->len, ==, 0);
  g_clear_pointer (&w.by_hand, g_ptr_array_unref);
  g_assert_cmpuint (rounds_test_count_audit (f->store, "post", id, "taken_down"), ==, 2);
}

static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) places = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  gint64 id = publish_post (f);
  Wait w = { 0 };

  places = rounds_store_list_takedowns (f->store, id, &error);
  path = g_strdup_printf ("/api/v1/statuses/%s",
                          find_place (places, ROUNDS_NETWORK_MASTODON)->remote_id);
  rounds_mastodon_stub_add_fault (f->stub, path, ROUNDS_MASTODON_STUB_FAULT_STATUS, 403, 1, NULL);

  take_down (f, id, &w);
  g_assert_nonnull (w.error);
  /* The server's own words. */
  g_assert_nonnull (strstr (w.error->message, "Injected failure"));
  g_clear_error (&w.error);
  /* Still there, and nothing says it was taken down. */
  g_assert_cmpuint (rounds_mastodon_stub_count_statuses (f->stub), ==, 1);
  g_clear_pointer (&places, g_ptr_array_unref);
  places = rounds_store_list_takedowns (f->store, id, &error);
  g_assert_cmpint (find_place (places, ROUNDS_NETWORK_MASTODON)->done_at, ==, 0);
  g_assert_cmpuint (rounds_test_count_audit (f->store, "post", id, "taken_down"), ==, 0);

  /* Tried again once the server agrees: deleted. */
  take_down (f, id, &w);
  g_assert_no_error (w.error);
  g_assert_cmpuint (w.deleted, ==, 1);
  g_clear_pointer (&w.by_hand, g_ptr_array_unref);
  g_assert_cmpuint (rounds_mastodon_stub_count_statuses (f->stub), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/takedown/mastodon-and-by-hand", Fixture, NULL, fixture_set_up, test_take_down,
              fixture_tear_down);
  g_test_add ("/takedown/refused", Fixture, NULL, fixture_set_up, test_refused,
              fixture_tear_down);

  return g_test_run ();
}
