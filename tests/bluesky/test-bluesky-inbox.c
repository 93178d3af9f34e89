/* test-bluesky-inbox.c — a reply on the real Bluesky network reaches the
 * Inbox once, with one notification
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The private Bluesky network of README.md here, with its AppView (the
 * reference @atproto/bsky and a throw-away PostgreSQL): the only way a
 * practice learns of a reply from someone it does not know is the
 * AppView's listNotifications, which the PDS passes on.
 *
 * Rounds runs as it does for a practice: a RoundsApplication in this
 * process with its background (reminders, the publishing queue and the
 * Inbox's poller, each with the account's sign-in in a real keyring —
 * tests/core/keyring-run.sh), and a recording notification server
 * (tests/ui/fake-notifications.h) on that private bus. The test only signs
 * in (as Preferences → Accounts does), writes a scheduled post, asks for a
 * Refresh, and, as the second account, replies and deletes the reply
 * through plain XRPC.
 */

#include "config.h"

#include <string.h>

#include "bluesky-harness.h"
#include "fake-notifications.h"
#include "rounds-application-private.h"
#include "rounds-bluesky-connector.h"
#include "rounds-inbox-poller.h"
#include "rounds-secrets.h"
#include "rounds-store-inbox.h"
#include "rounds-store-publish.h"
#include "ui-test-util.h"

/* Waits on a loaded 2-core CI machine: each ends as soon as its condition
 * holds. The AppView indexes a reply within a few seconds here. */
#define PUBLISH_WAIT_S 120
#define REPLY_WAIT_S   120

#define POST_TEXT  "Flu shots are in. Walk in any weekday morning."
#define REPLY_TEXT "Is Saturday morning possible too?"

static FakeNotifications *fake;

static void
on_result_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
on_stored_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rounds_secrets_store_finish (ROUNDS_SECRETS (source), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

/* What Preferences → Accounts does for Bluesky: sign in with the app
 * password, keep the account, its tokens in the keyring. */
static RoundsAccount *
connect_account (RoundsStore        *store,
                 BlueskyHarness     *harness,
                 BlueskyTestAccount *who)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(RoundsAccountInfo) info = NULL;
  g_autoptr(RoundsSecrets) secrets = rounds_secrets_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *credentials = NULL;
  g_autofree char *base = NULL;
  RoundsAccount *account;
  gboolean stored = FALSE;

  rounds_bluesky_sign_in_async (harness->pds_url, who->handle, who->app_password, NULL,
                                on_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  info = rounds_bluesky_sign_in_finish (result, &credentials, &base, &error);
  g_assert_no_error (error);
  account = rounds_store_add_account (store, ROUNDS_NETWORK_BLUESKY, base, info->handle,
                                      info->display_name, info->remote_id,
                                      info->token_expires_at, &error);
  g_assert_no_error (error);
  rounds_secrets_store_async (secrets, rounds_account_get_secret_id (account), "Bluesky test",
                              credentials, NULL, on_stored_cb, &stored);
  while (!stored)
    g_main_context_iteration (NULL, TRUE);
  return account;
}

static const char *
string_member (JsonNode   *node,
               const char *name)
{
  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_get_string_member_with_default (json_node_get_object (node), name, NULL);
}

/* The second account's own session on the PDS (not Rounds'). */
static char *
session_of (BlueskyHarness     *harness,
            BlueskyTestAccount *who)
{
  g_autofree char *body = g_strdup_printf ("{\"identifier\":\"%s\",\"password\":\"%s\"}",
                                           who->handle, who->app_password);
  g_autoptr(JsonNode) answer = NULL;
  guint status = 0;

  answer = bluesky_xrpc_post (harness, "com.atproto.server.createSession", body, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  return g_strdup (string_member (answer, "accessJwt"));
}

/* Replies to @uri as @who; returns the reply's at:// URI. */
static char *
reply_to (BlueskyHarness     *harness,
          BlueskyTestAccount *who,
          const char         *jwt,
          const char         *uri)
{
  g_auto(GStrv) parts = g_strsplit (uri + strlen ("at://"), "/", 3);
  g_autofree char *query = g_strdup_printf ("com.atproto.repo.getRecord?repo=%s&collection=%s"
                                            "&rkey=%s", parts[0], parts[1], parts[2]);
  g_autoptr(JsonNode) record = bluesky_xrpc_get (harness, query, NULL, NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *created = g_date_time_format_iso8601 (now);
  g_autofree char *body = NULL;
  g_autoptr(JsonNode) answer = NULL;
  guint status = 0;

  body = g_strdup_printf ("{\"repo\":\"%s\",\"collection\":\"app.bsky.feed.post\","
                          "\"record\":{\"$type\":\"app.bsky.feed.post\",\"text\":\"%s\","
                          "\"createdAt\":\"%s\",\"reply\":{"
                          "\"root\":{\"uri\":\"%s\",\"cid\":\"%s\"},"
                          "\"parent\":{\"uri\":\"%s\",\"cid\":\"%s\"}}}}",
                          who->did, REPLY_TEXT, created,
                          uri, string_member (record, "cid"), uri, string_member (record, "cid"));
  answer = bluesky_xrpc_post (harness, "com.atproto.repo.createRecord", body, jwt, &status);
  g_assert_cmpuint (status, ==, 200);
  return g_strdup (string_member (answer, "uri"));
}

static void
delete_record (BlueskyHarness     *harness,
               BlueskyTestAccount *who,
               const char         *jwt,
               const char         *uri)
{
  g_autofree char *rkey = g_path_get_basename (uri);
  g_autofree char *body = g_strdup_printf ("{\"repo\":\"%s\",\"collection\":"
                                           "\"app.bsky.feed.post\",\"rkey\":\"%s\"}",
                                           who->did, rkey);
  g_autoptr(JsonNode) answer = NULL;
  guint status = 0;

  answer = bluesky_xrpc_post (harness, "com.atproto.repo.deleteRecord", body, jwt, &status);
  g_assert_cmpuint (status, ==, 200);
}

static gboolean
on_deadline_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
on_round_cb (RoundsInboxPoller *poller,
             guint              n_new,
             guint             *rounds)
{
  (*rounds)++;
}

/* One Refresh (the Inbox's button): every account polled, then the
 * gone check; returns when the round is over. */
static gint64 polled_account;

static void
refresh_round (RoundsInboxPoller *poller,
               guint             *rounds)
{
  guint before = *rounds;
  gboolean late = FALSE;
  guint deadline = g_timeout_add_seconds (60, on_deadline_cb, &late);

  rounds_inbox_poller_refresh (poller);
  while (*rounds == before && !late)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (late);
  g_source_remove (deadline);
  g_assert_cmpstr (rounds_inbox_poller_get_last_error (poller, polled_account), ==, NULL);
}

/* Refreshes until @done holds (the AppView indexes in its own time), at
 * most @seconds; returns how many rounds that took. */
static guint
refresh_until (RoundsInboxPoller *poller,
               guint             *rounds,
               gboolean         (*done) (gpointer),
               gpointer           data,
               guint              seconds)
{
  gint64 end = g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC;
  guint n = 0;

  while (!done (data))
    {
      if (g_get_monotonic_time () >= end)
        return G_MAXUINT;
      refresh_round (poller, rounds);
      n++;
    }
  return n;
}

/* When a reply did not show up in time, where it stopped: the AppView
 * had not indexed it (the network is slow or lost the event), the
 * AppView has it but not among the practice's notifications (what the
 * Inbox polls), the notification is there but the poller did not store
 * it, or the store has it but its list of comments did not follow.
 * Asked of the AppView through the PDS, as the app would. */
static guint
count_in (JsonNode   *answer,
          const char *member,
          const char *uri)
{
  JsonArray *items;
  guint n = 0;

  if (answer == NULL || !JSON_NODE_HOLDS_OBJECT (answer) ||
      !json_object_has_member (json_node_get_object (answer), member))
    return 0;
  items = json_object_get_array_member (json_node_get_object (answer), member);
  for (guint i = 0; i < json_array_get_length (items); i++)
    if (g_strcmp0 (json_object_get_string_member_with_default (json_array_get_object_element (items, i),
                                                               "uri", NULL), uri) == 0)
      n++;
  return n;
}

static void
fail_not_found (BlueskyHarness *harness,
                const char     *jwt,
                const char     *uri,
                RoundsStore    *store,
                gint64          account_id,
                guint           seconds)
{
  g_autofree char *escaped = g_uri_escape_string (uri, NULL, FALSE);
  g_autofree char *posts_query = g_strdup_printf ("app.bsky.feed.getPosts?uris=%s", escaped);
  g_autoptr(JsonNode) posts = NULL;
  g_autoptr(JsonNode) notifications = NULL;
  guint status = 0;

  posts = bluesky_xrpc_get (harness, posts_query, jwt, &status);
  if (count_in (posts, "posts", uri) == 0)
    g_error ("The AppView had not indexed the reply after %u s (HTTP %u): see the AppView's log above",
             seconds, status);
  notifications = bluesky_xrpc_get (harness, "app.bsky.notification.listNotifications?reasons=reply&limit=50",
                                    jwt, &status);
  if (count_in (notifications, "notifications", uri) == 0)
    g_error ("The AppView has indexed the reply, but after %u s it is not among the practice's "
             "notifications (HTTP %u)", seconds, status);
  if (rounds_store_lookup_remote_comment (store, account_id, uri) == NULL)
    g_error ("The reply is among the practice's notifications, but %u s of polling did not store it",
             seconds);
  g_error ("The store has the reply, but its list of comments did not show it within %u s", seconds);
}

/* Waits until the AppView has indexed @uri. The AppView indexes each
 * account's events in its own queue: a reply indexed before the post it
 * answers gets no notification, ever (the reply's notification is made
 * from the parent it finds then), and the Inbox polls notifications. On
 * the network people reply to what the AppView has shown them, so the
 * test replies only once the post is there. */
static void
wait_indexed (BlueskyHarness *harness,
              const char     *jwt,
              const char     *uri,
              guint           seconds)
{
  g_autofree char *escaped = g_uri_escape_string (uri, NULL, FALSE);
  g_autofree char *query = g_strdup_printf ("app.bsky.feed.getPosts?uris=%s", escaped);
  gint64 end = g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC;

  for (;;)
    {
      g_autoptr(JsonNode) answer = bluesky_xrpc_get (harness, query, jwt, NULL);

      if (count_in (answer, "posts", uri) > 0)
        return;
      if (g_get_monotonic_time () >= end)
        g_error ("The AppView had not indexed the practice's post after %u s", seconds);
      pump_for (200);
    }
}

static gboolean
has_comments (gpointer store)
{
  return g_list_model_get_n_items (rounds_store_get_comments (store)) > 0;
}

typedef struct
{
  RoundsStore *store;
  gint64       id;
} CommentRef;

static gboolean
comment_deleted (gpointer data)
{
  CommentRef *ref = data;
  RoundsComment *comment = rounds_store_lookup_comment (ref->store, ref->id);

  return comment != NULL && rounds_comment_get_deleted_at (comment) != 0;
}

/* The notifications about comments among those recorded. */
static guint
count_comment_notifications (void)
{
  guint n = 0;

  for (guint i = 0; i < fake_notifications_count (fake); i++)
    {
      g_autoptr(JsonObject) notify = fake_notifications_get (fake, i);
      const char *summary = json_object_get_string_member (notify, "summary");

      if (strstr (summary, "comment") != NULL || strstr (summary, "complaint") != NULL ||
          strstr (summary, "review") != NULL || strstr (summary, "crisis") != NULL)
        n++;
    }
  return n;
}

static void
test_reply_found_once (UiFixture     *fixture,
                       gconstpointer  data)
{
  const char *handles[] = { "clinic-rounds.test", "neighbour-rounds.test", NULL };
  g_autoptr(BlueskyHarness) harness = NULL;
  g_autoptr(GSettings) settings = g_settings_new ("io.github.roundsapp.Rounds");
  g_autoptr(RoundsPractice) practice = rounds_practice_new ();
  g_autoptr(RoundsPost) draft = rounds_post_new ();
  g_autoptr(RoundsContext) context = NULL;
  g_autoptr(GPtrArray) pubs = NULL;
  g_autoptr(JsonObject) notify = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *jwt = NULL;
  g_autofree char *reply_uri = NULL;
  RoundsInboxPoller *poller;
  RoundsPublication *pub;
  RoundsComment *comment;
  RoundsAccount *account;
  RoundsStore *store;
  RoundsPost *post;
  CommentRef ref;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 end;
  guint rounds = 0, n_notify, polls;

  harness = bluesky_harness_start_with_appview (handles);
  if (harness == NULL)
    return;

  /* A practice whose comment notifications come at any hour. */
  g_settings_set_boolean (settings, "quiet-hours", FALSE);
  g_settings_set_boolean (settings, "quiet-weekends", FALSE);
  context = rounds_application_open_practice (fixture->app, &error);
  g_assert_no_error (error);
  store = rounds_context_get_store (context);
  rounds_practice_set_name (practice, "Test Family Practice");
  rounds_practice_set_timezone (practice, "America/Chicago");
  rounds_store_save_practice (store, practice, &error);
  g_assert_no_error (error);

  account = connect_account (store, harness, bluesky_harness_get_account (harness, 0));
  polled_account = rounds_account_get_id (account);

  /* A post that is due: the background's publishing queue sends it. */
  rounds_post_set_title (draft, "Flu shots");
  rounds_post_set_body (draft, POST_TEXT);
  rounds_post_set_networks (draft, ROUNDS_NETWORK_BLUESKY);
  rounds_post_set_scheduled_at (draft, now - 60);
  post = rounds_store_import_post (store, draft, ROUNDS_POST_STATUS_SCHEDULED, "test", &error);
  g_assert_no_error (error);

  rounds_application_start_reminders (fixture->app);
  poller = rounds_background_get_inbox_poller (rounds_application_get_background (fixture->app));
  g_assert_nonnull (poller);
  g_signal_connect (poller, "round-finished", G_CALLBACK (on_round_cb), &rounds);

  end = g_get_monotonic_time () + PUBLISH_WAIT_S * G_USEC_PER_SEC;
  while (rounds_post_get_status (rounds_store_lookup_post (store, rounds_post_get_id (post))) !=
         ROUNDS_POST_STATUS_PUBLISHED)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, TRUE);
    }
  pubs = rounds_store_list_publications (store, rounds_post_get_id (post), NULL);
  g_assert_cmpuint (pubs->len, ==, 1);
  pub = g_ptr_array_index (pubs, 0);
  g_assert_cmpint (rounds_publication_get_account_id (pub), ==, rounds_account_get_id (account));
  g_assert_true (g_str_has_prefix (rounds_publication_get_remote_id (pub), "at://"));

  /* Nothing to find before anyone replies. */
  refresh_round (poller, &rounds);
  g_assert_cmpuint (g_list_model_get_n_items (rounds_store_get_comments (store)), ==, 0);
  n_notify = count_comment_notifications ();
  g_assert_cmpuint (n_notify, ==, 0);

  /* Someone the practice does not follow replies, on the network, to
   * the post the AppView shows. */
  jwt = session_of (harness, bluesky_harness_get_account (harness, 1));
  wait_indexed (harness, jwt, rounds_publication_get_remote_id (pub), REPLY_WAIT_S);
  reply_uri = reply_to (harness, bluesky_harness_get_account (harness, 1), jwt,
                        rounds_publication_get_remote_id (pub));

  polls = refresh_until (poller, &rounds, has_comments, store, REPLY_WAIT_S);
  if (polls == G_MAXUINT)
    {
      g_autofree char *practice_jwt = session_of (harness, bluesky_harness_get_account (harness, 0));

      fail_not_found (harness, practice_jwt, reply_uri, store, rounds_account_get_id (account),
                      REPLY_WAIT_S);
    }
  g_test_message ("the reply was found after %u poll(s)", polls);
  g_assert_cmpuint (g_list_model_get_n_items (rounds_store_get_comments (store)), ==, 1);
  comment = rounds_store_lookup_remote_comment (store, rounds_account_get_id (account), reply_uri);
  g_assert_nonnull (comment);
  g_assert_cmpstr (rounds_comment_get_body (comment), ==, REPLY_TEXT);
  g_assert_cmpstr (rounds_comment_get_author_handle (comment), ==,
                   bluesky_harness_get_account (harness, 1)->handle);
  g_assert_cmpstr (rounds_comment_get_parent_remote_id (comment), ==,
                   rounds_publication_get_remote_id (pub));
  g_assert_cmpint (rounds_comment_get_post_id (comment), ==, rounds_post_get_id (post));
  g_assert_cmpint (rounds_comment_get_deleted_at (comment), ==, 0);

  /* Exactly one notification, without the reply's words or its author. */
  end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (count_comment_notifications () < 1 && g_get_monotonic_time () < end)
    fake_notifications_wait (fake, fake_notifications_count (fake) + 1, 200);
  g_assert_cmpuint (count_comment_notifications (), ==, 1);
  for (guint i = 0; i < fake_notifications_count (fake); i++)
    {
      g_autoptr(JsonObject) item = fake_notifications_get (fake, i);

      if (strstr (json_object_get_string_member (item, "summary"), "comment") != NULL)
        notify = json_object_ref (item);
    }
  g_assert_nonnull (notify);
  g_assert_cmpstr (json_object_get_string_member (notify, "summary"), ==,
                   "1 new comment on Bluesky");
  g_assert_null (strstr (json_object_get_string_member (notify, "body"), "Saturday"));
  g_assert_null (strstr (json_object_get_string_member (notify, "body"), "neighbour"));

  /* A second poll finds nothing new, and nothing more is said. */
  refresh_round (poller, &rounds);
  g_assert_cmpuint (g_list_model_get_n_items (rounds_store_get_comments (store)), ==, 1);
  pump_for (1500);
  g_assert_cmpuint (count_comment_notifications (), ==, 1);

  /* The replier deletes it: the Inbox keeps it, marked deleted. */
  delete_record (harness, bluesky_harness_get_account (harness, 1), jwt, reply_uri);
  ref.store = store;
  ref.id = rounds_comment_get_id (comment);
  polls = refresh_until (poller, &rounds, comment_deleted, &ref, REPLY_WAIT_S);
  if (polls == G_MAXUINT)
    g_error ("The deletion of the reply was not seen within %u s", REPLY_WAIT_S);
  g_test_message ("the deletion was seen after %u poll(s)", polls);
  g_assert_cmpuint (g_list_model_get_n_items (rounds_store_get_comments (store)), ==, 1);
  pump_for (1500);
  g_assert_cmpuint (count_comment_notifications (), ==, 1);

  /* Nothing left 127.0.0.1. */
  g_assert_cmpuint (bluesky_harness_stop (harness), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *config_dir = g_dir_make_tmp ("rounds-config-XXXXXX", NULL);
  int status;

  /* The autostart entry goes to a folder of this run, not the user's. */
  g_setenv ("XDG_CONFIG_HOME", config_dir, TRUE);

  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  /* Nothing here reads the accessibility tree; a bus it starts would
   * print on stdout, which is TAP. */
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_setenv ("GNOTIFICATION_BACKEND", "freedesktop", TRUE);
  fake = fake_notifications_start (g_getenv ("DBUS_SESSION_BUS_ADDRESS"));
  gtk_test_init (&argc, &argv, NULL);

  g_test_add ("/bluesky/inbox/reply-found-once", UiFixture, NULL, ui_fixture_set_up,
              test_reply_found_once, ui_fixture_tear_down);
  status = g_test_run ();

  fake_notifications_stop (fake);
  rounds_test_remove_tree (config_dir);
  return status;
}
