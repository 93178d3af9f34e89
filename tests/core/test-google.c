/* test-google.c — the Google Business Profile connector against its stub
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "rounds-connector-factory.h"
#include "rounds-google-connector.h"
#include "rounds-google-stub.h"

typedef struct
{
  RoundsGoogleStub *stub;
  RoundsConnector  *connector;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *credentials = NULL;

  f->stub = rounds_google_stub_new (&error);
  g_assert_no_error (error);
  rounds_google_stub_add_token (f->stub, "ya29.first");
  rounds_google_stub_set_refresh_token (f->stub, "1//refresh");
  credentials = g_strdup_printf ("{\"access_token\": \"ya29.first\", \"refresh_token\": \"1//refresh\", "
                                 "\"client_id\": \"123.apps.googleusercontent.com\", "
                                 "\"token_uri\": \"%s/token\", \"location\": \"%s\", "
                                 "\"location_title\": \"Sunrise Family Clinic\"}",
                                 rounds_google_stub_get_base_url (f->stub), ROUNDS_GOOGLE_STUB_LOCATION);
  f->connector = rounds_connector_new_for_network (ROUNDS_NETWORK_GOOGLE,
                                                   rounds_google_stub_get_base_url (f->stub),
                                                   credentials, &error);
  g_assert_no_error (error);
  g_assert_true (ROUNDS_IS_GOOGLE_CONNECTOR (f->connector));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->connector);
  g_clear_object (&f->stub);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
on_done (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static RoundsRemotePost *
publish (Fixture               *f,
         const RoundsOutgoing  *outgoing,
         GError               **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  rounds_connector_publish_async (f->connector, outgoing, NULL, on_done, &result);
  return rounds_connector_publish_finish (f->connector, wait_for (&result), error);
}

static gint64
now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static void
test_verify_and_refresh (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GAsyncResult) r1 = NULL;
  g_autoptr(GAsyncResult) r2 = NULL;
  g_autoptr(RoundsAccountInfo) info = NULL;
  g_autoptr(RoundsAccountInfo) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = rounds_connector_dup_credentials (f->connector);
  g_autofree char *after = NULL;

  rounds_connector_verify_async (f->connector, NULL, on_done, &r1);
  info = rounds_connector_verify_finish (f->connector, wait_for (&r1), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (info->remote_id, ==, ROUNDS_GOOGLE_STUB_LOCATION);
  g_assert_cmpstr (info->display_name, ==, "Sunrise Family Clinic");
  g_assert_cmpuint (rounds_google_stub_get_refreshes (f->stub), ==, 0);

  /* The hour-long access token runs out: the connector refreshes it once,
   * carries on, and hands the new token back for the Secret Service. */
  rounds_google_stub_expire_tokens (f->stub);
  rounds_connector_verify_async (f->connector, NULL, on_done, &r2);
  again = rounds_connector_verify_finish (f->connector, wait_for (&r2), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rounds_google_stub_get_refreshes (f->stub), ==, 1);
  after = rounds_connector_dup_credentials (f->connector);
  g_assert_cmpstr (after, !=, before);
  g_assert_nonnull (strstr (after, "ya29.fresh-"));
  g_assert_nonnull (strstr (after, "1//refresh"));
}

static void
test_refresh_revoked (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(RoundsAccountInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  rounds_google_stub_expire_tokens (f->stub);
  rounds_google_stub_set_refresh_token (f->stub, "something-else");
  rounds_connector_verify_async (f->connector, NULL, on_done, &result);
  info = rounds_connector_verify_finish (f->connector, wait_for (&result), &error);
  g_assert_null (info);
  g_assert_error (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_AUTH_EXPIRED);
}

static void
test_publish_and_lookup (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(RoundsOutgoing) outgoing = rounds_outgoing_new ("Flu shots this Saturday. Book at "
                                                            "https://example.org/book", "g-1");
  g_autoptr(RoundsOutgoing) with_image = rounds_outgoing_new ("New waiting room", "g-2");
  g_autoptr(RoundsOutgoing) never = rounds_outgoing_new ("Never sent", "g-3");
  g_autoptr(RoundsRemotePost) post = NULL;
  g_autoptr(RoundsRemotePost) post2 = NULL;
  g_autoptr(RoundsRemotePost) found = NULL;
  g_autoptr(RoundsRemotePost) missing = NULL;
  g_autoptr(GAsyncResult) r1 = NULL;
  g_autoptr(GAsyncResult) r2 = NULL;
  g_autoptr(GError) error = NULL;

  post = publish (f, outgoing, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (post->remote_id, ROUNDS_GOOGLE_STUB_LOCATION "/localPosts/"));
  g_assert_cmpstr (rounds_google_stub_get_summary (f->stub, post->remote_id), ==, outgoing->text);
  /* The link becomes the post's "Learn more" button. */
  g_assert_cmpstr (rounds_google_stub_get_cta_url (f->stub, post->remote_id), ==, "https://example.org/book");
  g_assert_null (post->notice);

  /* An image cannot go (Google wants a public address): the text does,
   * and the post says so. */
  g_ptr_array_add (with_image->media, rounds_outgoing_media_new ("/nonexistent.png", "image/png", "Room"));
  post2 = publish (f, with_image, &error);
  g_assert_no_error (error);
  g_assert_nonnull (post2->notice);
  g_assert_nonnull (strstr (post2->notice, "public web address"));

  /* Older posts push it to a second page (pageToken). */
  for (guint i = 0; i < 120; i++)
    {
      g_autofree char *text = g_strdup_printf ("Later %u", i);
      g_autofree char *name = rounds_google_stub_add_post (f->stub, text, now () + 10);
    }
  rounds_connector_lookup_async (f->connector, outgoing, now () - 60, NULL, on_done, &r1);
  found = rounds_connector_lookup_finish (f->connector, wait_for (&r1), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found->remote_id, ==, post->remote_id);

  rounds_connector_lookup_async (f->connector, never, now () - 60, NULL, on_done, &r2);
  missing = rounds_connector_lookup_finish (f->connector, wait_for (&r2), &error);
  g_assert_no_error (error);
  g_assert_null (missing);
}

static void
test_delete (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(RoundsOutgoing) outgoing = rounds_outgoing_new ("Consent withdrawn", "g-del");
  g_autoptr(RoundsRemotePost) post = NULL;
  g_autoptr(GAsyncResult) r1 = NULL;
  g_autoptr(GAsyncResult) r2 = NULL;
  g_autoptr(GAsyncResult) r3 = NULL;
  g_autoptr(GError) error = NULL;

  post = publish (f, outgoing, &error);
  g_assert_no_error (error);
  rounds_connector_delete_async (f->connector, post->remote_id, NULL, on_done, &r1);
  g_assert_true (rounds_connector_delete_finish (f->connector, wait_for (&r1), &error));
  g_assert_cmpuint (rounds_google_stub_count_posts (f->stub), ==, 0);

  rounds_connector_delete_async (f->connector, post->remote_id, NULL, on_done, &r2);
  g_assert_false (rounds_connector_delete_finish (f->connector, wait_for (&r2), &error));
  g_assert_error (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A name from elsewhere is never sent to the server. */
  rounds_connector_delete_async (f->connector, "accounts/9/locations/9/localPosts/1", NULL, on_done, &r3);
  g_assert_false (rounds_connector_delete_finish (f->connector, wait_for (&r3), &error));
  g_assert_error (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_NOT_FOUND);
}

static void
test_reviews (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *r1 = rounds_google_stub_add_review (f->stub, "Dana K.", "FIVE", "Kind staff", now () - 900);
  g_autofree char *r2 = rounds_google_stub_add_review (f->stub, "Lee", "TWO", "Long wait", now () - 600);
  g_autofree char *r3 = NULL;
  g_autofree char *cursor = NULL;
  g_autofree char *cursor2 = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(GPtrArray) metrics = NULL;
  g_autoptr(RoundsOutgoing) answer = rounds_outgoing_new ("Thank you for telling us.", NULL);
  g_autoptr(RoundsRemotePost) answered = NULL;
  g_autoptr(GAsyncResult) a1 = NULL;
  g_autoptr(GAsyncResult) a2 = NULL;
  g_autoptr(GAsyncResult) a3 = NULL;
  g_autoptr(GAsyncResult) a4 = NULL;
  g_autoptr(GError) error = NULL;
  RoundsRemoteComment *c;

  g_assert_true (rounds_connector_get_capabilities (f->connector) & ROUNDS_CONNECTOR_CAN_LIST_REVIEWS);
  rounds_connector_list_replies_async (f->connector, NULL, NULL, on_done, &a1);
  first = rounds_connector_list_replies_finish (f->connector, wait_for (&a1), &cursor, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->len, ==, 2);
  c = g_ptr_array_index (first, 0);
  g_assert_cmpint (c->kind, ==, ROUNDS_REMOTE_COMMENT_REVIEW);
  g_assert_cmpstr (c->remote_id, ==, r1);
  g_assert_cmpint (c->rating, ==, 5);
  g_assert_cmpstr (c->author_name, ==, "Dana K.");
  g_assert_cmpint (((RoundsRemoteComment *) g_ptr_array_index (first, 1))->rating, ==, 2);

  answer->reply_to_id = g_strdup (r2);
  rounds_connector_reply_async (f->connector, answer, NULL, on_done, &a2);
  answered = rounds_connector_reply_finish (f->connector, wait_for (&a2), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rounds_google_stub_get_reply (f->stub, r2), ==, "Thank you for telling us.");

  r3 = rounds_google_stub_add_review (f->stub, "Sam", "FOUR", "", now () + 30);
  rounds_connector_list_replies_async (f->connector, cursor, NULL, on_done, &a3);
  second = rounds_connector_list_replies_finish (f->connector, wait_for (&a3), &cursor2, &error);
  g_assert_no_error (error);
  /* New: Sam's review (and Lee's, whose update time moved with our
   * answer, so the inbox sees the answered state). */
  g_assert_cmpuint (second->len, >=, 1);
  g_assert_cmpstr (((RoundsRemoteComment *) g_ptr_array_index (second, second->len - 1))->remote_id, ==, r3);

  rounds_connector_fetch_metrics_async (f->connector, NULL, NULL, on_done, &a4);
  metrics = rounds_connector_fetch_metrics_finish (f->connector, wait_for (&a4), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (metrics->len, ==, 1);
  g_assert_cmpstr (((RoundsMetric *) g_ptr_array_index (metrics, 0))->name, ==, "reviews");
  g_assert_cmpint (((RoundsMetric *) g_ptr_array_index (metrics, 0))->value, ==, 3);
}

static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(RoundsOutgoing) outgoing = rounds_outgoing_new ("Text", "g-err");
  g_autoptr(RoundsRemotePost) post = NULL;
  g_autoptr(RoundsRemotePost) post2 = NULL;
  g_autoptr(GError) error = NULL;

  /* Not approved yet: Google's own sentence, no retry. */
  rounds_google_stub_add_fault (f->stub, "/v4/", 403, "PERMISSION_DENIED", 1);
  post = publish (f, outgoing, &error);
  g_assert_error (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_REJECTED);
  g_assert_nonnull (strstr (error->message, "has not been used in project"));
  g_clear_error (&error);

  rounds_google_stub_add_fault (f->stub, "/v4/", 429, "RESOURCE_EXHAUSTED", 1);
  post2 = publish (f, outgoing, &error);
  g_assert_error (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_RATE_LIMITED);
  g_assert_cmpuint (rounds_google_stub_count_posts (f->stub), ==, 0);
  g_assert_cmpint (rounds_google_star_rating ("THREE"), ==, 3);
  g_assert_cmpint (rounds_google_star_rating ("STAR_RATING_UNSPECIFIED"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/google/verify-and-refresh", test_verify_and_refresh);
  ADD ("/google/refresh-revoked", test_refresh_revoked);
  ADD ("/google/publish-and-lookup", test_publish_and_lookup);
  ADD ("/google/delete", test_delete);
  ADD ("/google/reviews", test_reviews);
  ADD ("/google/errors", test_errors);

  return g_test_run ();
}
