/* test-linkedin.c — the LinkedIn organization connector against its stub
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include <glib/gstdio.h>

#include "core-test-util.h"
#include "rounds-connector-factory.h"
#include "rounds-linkedin-connector.h"
#include "rounds-linkedin-stub.h"

#define TOKEN "test-linkedin-token"

typedef struct
{
  RoundsLinkedinStub *stub;
  RoundsConnector    *connector;
  char               *tmpdir;
  char               *image;
  char               *image2;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 1, 2, 3, 4, 5, 6 };

  f->stub = rounds_linkedin_stub_new (&error);
  g_assert_no_error (error);
  rounds_linkedin_stub_add_token (f->stub, TOKEN);
  f->connector = rounds_connector_new_for_network (ROUNDS_NETWORK_LINKEDIN,
                                                   rounds_linkedin_stub_get_base_url (f->stub),
                                                   "{\"access_token\": \"" TOKEN "\", \"organization_id\": \""
                                                   ROUNDS_LINKEDIN_STUB_ORG_ID "\", \"expires_at\": 1900000000}",
                                                   &error);
  g_assert_no_error (error);
  g_assert_true (ROUNDS_IS_LINKEDIN_CONNECTOR (f->connector));
  rounds_http_client_set_timeout (rounds_linkedin_connector_get_http_client (ROUNDS_LINKEDIN_CONNECTOR (f->connector)), 3);
  f->tmpdir = g_dir_make_tmp ("rounds-linkedin-XXXXXX", &error);
  g_assert_no_error (error);
  f->image = g_build_filename (f->tmpdir, "flu.png", NULL);
  f->image2 = g_build_filename (f->tmpdir, "team.png", NULL);
  g_assert_true (g_file_set_contents (f->image, (const char *) png, sizeof png, NULL));
  g_assert_true (g_file_set_contents (f->image2, (const char *) png, 10, NULL));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->connector);
  g_clear_object (&f->stub);
  rounds_test_remove_tree (f->tmpdir);
  g_free (f->tmpdir);
  g_free (f->image);
  g_free (f->image2);
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

static RoundsRemotePost *
lookup (Fixture               *f,
        const RoundsOutgoing  *outgoing,
        gint64                 sent_after,
        GError               **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  rounds_connector_lookup_async (f->connector, outgoing, sent_after, NULL, on_done, &result);
  return rounds_connector_lookup_finish (f->connector, wait_for (&result), error);
}

static gint64
now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* ------------------------------------------------------------------ */

static void
test_verify (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) result2 = NULL;
  g_autoptr(RoundsAccountInfo) info = NULL;
  g_autoptr(RoundsAccountInfo) info2 = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (rounds_connector_get_network (f->connector), ==, ROUNDS_NETWORK_LINKEDIN);
  rounds_connector_verify_async (f->connector, NULL, on_done, &result);
  info = rounds_connector_verify_finish (f->connector, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (info->remote_id, ==, ROUNDS_LINKEDIN_STUB_ORG_URN);
  g_assert_cmpstr (info->display_name, ==, "Sunrise Family Clinic");
  g_assert_cmpstr (info->profile_url, ==, "https://www.linkedin.com/company/sunrise-family-clinic/");
  /* 60-day tokens: the expiry is known, so Accounts can warn ahead. */
  g_assert_cmpint (info->token_expires_at, ==, 1900000000);

  rounds_linkedin_stub_revoke_tokens (f->stub);
  rounds_connector_verify_async (f->connector, NULL, on_done, &result2);
  info2 = rounds_connector_verify_finish (f->connector, wait_for (&result2), &error);
  g_assert_null (info2);
  g_assert_error (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_AUTH_EXPIRED);
  g_assert_nonnull (strstr (error->message, "Invalid access token"));
}

static void
test_publish_text (Fixture       *f,
                   gconstpointer  data)
{
  /* Reserved "little text" characters go out escaped and arrive as
   * typed; hashtags stay hashtags. */
  g_autoptr(RoundsOutgoing) outgoing = rounds_outgoing_new ("Flu shots (walk-in) [9-5] at our_clinic "
                                                            "#FluSeason https://example.org/flu", "li-1");
  g_autoptr(RoundsRemotePost) post = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *escaped = rounds_linkedin_escape_commentary ("a (b) #tag # c_d");
  g_autofree char *back = rounds_linkedin_unescape_commentary (escaped);

  g_assert_cmpstr (escaped, ==, "a \\(b\\) #tag \\# c\\_d");
  g_assert_cmpstr (back, ==, "a (b) #tag # c_d");

  post = publish (f, outgoing, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (post->remote_id, "urn:li:share:"));
  g_assert_cmpstr (rounds_linkedin_stub_get_text (f->stub, post->remote_id), ==, outgoing->text);
  g_assert_true (g_str_has_prefix (post->url, "https://www.linkedin.com/feed/update/urn:li:share:"));
  g_assert_cmpuint (rounds_linkedin_stub_count_posts (f->stub), ==, 1);
}

static void
test_publish_images (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(RoundsOutgoing) one = rounds_outgoing_new ("One image", "li-img1");
  g_autoptr(RoundsOutgoing) two = rounds_outgoing_new ("Two images", "li-img2");
  g_autoptr(RoundsRemotePost) post1 = NULL;
  g_autoptr(RoundsRemotePost) post2 = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (one->media, rounds_outgoing_media_new (f->image, "image/png", "A nurse with a vaccine"));
  post1 = publish (f, one, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rounds_linkedin_stub_count_images (f->stub, post1->remote_id), ==, 1);
  g_assert_cmpstr (rounds_linkedin_stub_get_alt (f->stub, post1->remote_id, 0), ==, "A nurse with a vaccine");
  g_assert_cmpuint (rounds_linkedin_stub_get_image_bytes (f->stub, post1->remote_id), ==, 14);

  g_ptr_array_add (two->media, rounds_outgoing_media_new (f->image, "image/png", "First"));
  g_ptr_array_add (two->media, rounds_outgoing_media_new (f->image2, "image/png", "Second"));
  post2 = publish (f, two, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rounds_linkedin_stub_count_images (f->stub, post2->remote_id), ==, 2);
  g_assert_cmpstr (rounds_linkedin_stub_get_alt (f->stub, post2->remote_id, 1), ==, "Second");
  g_assert_cmpuint (rounds_linkedin_stub_get_image_bytes (f->stub, post2->remote_id), ==, 24);
}

static void
test_upload_elsewhere_refused (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(RoundsOutgoing) outgoing = rounds_outgoing_new ("Image", "li-foreign");
  g_autoptr(RoundsRemotePost) post = NULL;
  g_autoptr(GError) error = NULL;

  rounds_linkedin_stub_set_foreign_upload (f->stub, TRUE);
  g_ptr_array_add (outgoing->media, rounds_outgoing_media_new (f->image, "image/png", ""));
  post = publish (f, outgoing, &error);
  g_assert_null (post);
  g_assert_error (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_MALFORMED);
  g_assert_nonnull (strstr (error->message, "outside LinkedIn"));
  g_assert_cmpuint (rounds_linkedin_stub_count_posts (f->stub), ==, 0);
}

static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  struct {
    RoundsLinkedinStubFault kind;
    guint                   status;
    const char             *retry_after;
    RoundsConnectorError    expected;
    const char             *words;
  } cases[] = {
    { ROUNDS_LINKEDIN_STUB_FAULT_STATUS, 401, NULL, ROUNDS_CONNECTOR_ERROR_AUTH_EXPIRED, "has expired" },
    { ROUNDS_LINKEDIN_STUB_FAULT_STATUS, 403, NULL, ROUNDS_CONNECTOR_ERROR_REJECTED, "Not enough permissions" },
    { ROUNDS_LINKEDIN_STUB_FAULT_STATUS, 422, NULL, ROUNDS_CONNECTOR_ERROR_REJECTED, "Injected failure" },
    { ROUNDS_LINKEDIN_STUB_FAULT_STATUS, 429, NULL, ROUNDS_CONNECTOR_ERROR_RATE_LIMITED, "slow down" },
    { ROUNDS_LINKEDIN_STUB_FAULT_STATUS, 503, NULL, ROUNDS_CONNECTOR_ERROR_TRANSIENT, "try again" },
    { ROUNDS_LINKEDIN_STUB_FAULT_HTML, 502, NULL, ROUNDS_CONNECTOR_ERROR_TRANSIENT, "HTTP 502" },
    { ROUNDS_LINKEDIN_STUB_FAULT_CUT_AFTER, 0, NULL, ROUNDS_CONNECTOR_ERROR_MALFORMED, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf ("LinkedIn error case %u", i);
      g_autoptr(RoundsOutgoing) outgoing = rounds_outgoing_new (text, text);
      g_autoptr(RoundsRemotePost) post = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("case %u", i);
      rounds_linkedin_stub_add_fault (f->stub, "/rest/posts", cases[i].kind, cases[i].status, 1,
                                      cases[i].retry_after);
      post = publish (f, outgoing, &error);
      g_assert_null (post);
      g_assert_error (error, ROUNDS_CONNECTOR_ERROR, (int) cases[i].expected);
      if (cases[i].words != NULL)
        g_assert_nonnull (strstr (error->message, cases[i].words));
      if (cases[i].status == 429)
        {
          /* No hint from LinkedIn: its daily limits reset at midnight UTC. */
          gint64 retry_at = rounds_connector_error_get_retry_at (error);

          g_assert_cmpint (retry_at % 86400, ==, 0);
          g_assert_cmpint (retry_at, >, now ());
          g_assert_cmpint (retry_at, <=, now () + 86400);
        }
    }
  /* Only the cut-after case made a post. */
  g_assert_cmpuint (rounds_linkedin_stub_count_posts (f->stub), ==, 1);
}

static void
test_retry_after_header (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(RoundsOutgoing) outgoing = rounds_outgoing_new ("Throttled", "li-throttle");
  g_autoptr(RoundsRemotePost) post = NULL;
  g_autoptr(GError) error = NULL;
  gint64 before = now ();

  rounds_linkedin_stub_add_fault (f->stub, "/rest/posts", ROUNDS_LINKEDIN_STUB_FAULT_STATUS, 429, 1, "120");
  post = publish (f, outgoing, &error);
  g_assert_error (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_RATE_LIMITED);
  g_assert_cmpint (rounds_connector_error_get_retry_at (error), >=, before + 120);
  g_assert_cmpint (rounds_connector_error_get_retry_at (error), <=, now () + 120);
}

static void
test_cut_then_lookup (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(RoundsOutgoing) outgoing = rounds_outgoing_new ("Lost answer (really)", "li-cut");
  g_autoptr(RoundsOutgoing) never = rounds_outgoing_new ("Never sent", "li-never");
  g_autoptr(RoundsRemotePost) post = NULL;
  g_autoptr(RoundsRemotePost) found = NULL;
  g_autoptr(RoundsRemotePost) missing = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *target = NULL;
  gint64 sent = now ();

  rounds_linkedin_stub_add_fault (f->stub, "/rest/posts", ROUNDS_LINKEDIN_STUB_FAULT_CUT_AFTER, 0, 1, NULL);
  post = publish (f, outgoing, &error);
  g_assert_error (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_MALFORMED);
  g_clear_error (&error);

  /* Newer posts push it to the second page (start/count). */
  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *text = g_strdup_printf ("Later %u", i);
      g_autofree char *urn = rounds_linkedin_stub_add_post (f->stub, text, now () + 1);
    }
  found = lookup (f, outgoing, sent, &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  g_assert_cmpstr (rounds_linkedin_stub_get_text (f->stub, found->remote_id), ==, outgoing->text);

  missing = lookup (f, never, sent, &error);
  g_assert_no_error (error);
  g_assert_null (missing);
}

static void
test_delete (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(RoundsOutgoing) outgoing = rounds_outgoing_new ("Consent withdrawn", "li-del");
  g_autoptr(RoundsRemotePost) post = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) result2 = NULL;
  g_autoptr(GError) error = NULL;

  post = publish (f, outgoing, &error);
  g_assert_no_error (error);
  rounds_connector_delete_async (f->connector, post->remote_id, NULL, on_done, &result);
  g_assert_true (rounds_connector_delete_finish (f->connector, wait_for (&result), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rounds_linkedin_stub_count_posts (f->stub), ==, 0);

  rounds_connector_delete_async (f->connector, post->remote_id, NULL, on_done, &result2);
  g_assert_false (rounds_connector_delete_finish (f->connector, wait_for (&result2), &error));
  g_assert_error (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_NOT_FOUND);
}

static void
test_comments_reply_metrics (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *post = rounds_linkedin_stub_add_post (f->stub, "Hiring a nurse", now () - 7200);
  g_autofree char *c1 = rounds_linkedin_stub_add_comment (f->stub, post, NULL, "Is it full time?", now () - 600);
  g_autofree char *c2 = rounds_linkedin_stub_add_comment (f->stub, post, c1, "Also curious", now () - 300);
  g_autofree char *c3 = NULL;
  g_autofree char *cursor = NULL;
  g_autofree char *cursor2 = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(GPtrArray) metrics = NULL;
  g_autoptr(RoundsOutgoing) answer = rounds_outgoing_new ("Yes, full time.", NULL);
  g_autoptr(RoundsRemotePost) answered = NULL;
  g_autoptr(GAsyncResult) r1 = NULL;
  g_autoptr(GAsyncResult) r2 = NULL;
  g_autoptr(GAsyncResult) r3 = NULL;
  g_autoptr(GAsyncResult) r4 = NULL;
  g_autoptr(GError) error = NULL;
  const char *ids[] = { post, NULL };
  RoundsRemoteComment *c;
  gboolean likes = FALSE, followers = FALSE;

  rounds_connector_list_replies_async (f->connector, NULL, NULL, on_done, &r1);
  first = rounds_connector_list_replies_finish (f->connector, wait_for (&r1), &cursor, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->len, ==, 2);
  c = g_ptr_array_index (first, 0);
  g_assert_cmpstr (c->remote_id, ==, c1);
  g_assert_cmpstr (c->text, ==, "Is it full time?");
  g_assert_cmpstr (c->thread_id, ==, post);
  g_assert_cmpint (c->kind, ==, ROUNDS_REMOTE_COMMENT_COMMENT);
  c = g_ptr_array_index (first, 1);
  g_assert_cmpint (c->kind, ==, ROUNDS_REMOTE_COMMENT_REPLY);
  g_assert_cmpstr (c->parent_id, ==, c1);

  /* The page answers under the first comment. */
  answer->reply_to_id = g_strdup (c1);
  answer->reply_root_id = g_strdup (post);
  rounds_connector_reply_async (f->connector, answer, NULL, on_done, &r2);
  answered = rounds_connector_reply_finish (f->connector, wait_for (&r2), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rounds_linkedin_stub_get_parent (f->stub, answered->remote_id), ==, c1);
  g_assert_cmpstr (rounds_linkedin_stub_get_text (f->stub, answered->remote_id), ==, "Yes, full time.");

  /* Our own answer is not news; a newer comment is. */
  c3 = rounds_linkedin_stub_add_comment (f->stub, post, NULL, "Thanks", now () + 5);
  rounds_connector_list_replies_async (f->connector, cursor, NULL, on_done, &r3);
  second = rounds_connector_list_replies_finish (f->connector, wait_for (&r3), &cursor2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (second->len, ==, 1);
  g_assert_cmpstr (((RoundsRemoteComment *) g_ptr_array_index (second, 0))->remote_id, ==, c3);

  rounds_linkedin_stub_set_statistic (f->stub, post, "likeCount", 12);
  rounds_connector_fetch_metrics_async (f->connector, ids, NULL, on_done, &r4);
  metrics = rounds_connector_fetch_metrics_finish (f->connector, wait_for (&r4), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < metrics->len; i++)
    {
      RoundsMetric *m = g_ptr_array_index (metrics, i);

      if (m->remote_id == NULL && g_str_equal (m->name, "followers"))
        followers = m->value == 560;
      if (g_strcmp0 (m->remote_id, post) == 0 && g_str_equal (m->name, "likes"))
        likes = m->value == 12;
    }
  g_assert_true (followers);
  g_assert_true (likes);
}

static void
test_version_is_data (void)
{
  const char *version = rounds_linkedin_api_version ();

  /* YYYYMM from resources/connectors/metrics.json */
  g_assert_cmpuint (strlen (version), ==, 6);
  g_assert_true (g_str_has_prefix (version, "20"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/linkedin/verify", test_verify);
  ADD ("/linkedin/publish-text", test_publish_text);
  ADD ("/linkedin/publish-images", test_publish_images);
  ADD ("/linkedin/upload-elsewhere-refused", test_upload_elsewhere_refused);
  ADD ("/linkedin/errors", test_errors);
  ADD ("/linkedin/retry-after-header", test_retry_after_header);
  ADD ("/linkedin/cut-then-lookup", test_cut_then_lookup);
  ADD ("/linkedin/delete", test_delete);
  ADD ("/linkedin/comments-reply-metrics", test_comments_reply_metrics);
  g_test_add_func ("/linkedin/version-is-data", test_version_is_data);

  return g_test_run ();
}
