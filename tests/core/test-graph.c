/* test-graph.c — the Facebook Page and Instagram connectors against the
 * Graph stub
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "core-test-util.h"
#include "rounds-connector-factory.h"
#include "rounds-graph-connector.h"
#include "rounds-graph-stub.h"
#include "rounds-meta-sign-in.h"

#define TOKEN "test-page-token"

typedef struct
{
  RoundsGraphStub *stub;
  RoundsConnector *facebook;
  RoundsConnector *instagram;
  char            *tmpdir;
  char            *image;
  char            *image2;
} Fixture;

static RoundsConnector *
new_connector (Fixture       *f,
               RoundsNetwork  network,
               const char    *credentials)
{
  g_autoptr(GError) error = NULL;
  RoundsConnector *connector;

  connector = rounds_connector_new_for_network (network, rounds_graph_stub_get_base_url (f->stub),
                                                credentials, &error);
  g_assert_no_error (error);
  g_assert_true (ROUNDS_IS_GRAPH_CONNECTOR (connector));
  rounds_graph_connector_set_poll_interval (ROUNDS_GRAPH_CONNECTOR (connector), 5);
  rounds_http_client_set_timeout (rounds_graph_connector_get_http_client (ROUNDS_GRAPH_CONNECTOR (connector)), 3);
  return connector;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0 };

  f->stub = rounds_graph_stub_new (&error);
  g_assert_no_error (error);
  rounds_graph_stub_add_token (f->stub, TOKEN);
  f->facebook = new_connector (f, ROUNDS_NETWORK_FACEBOOK,
                               "{\"access_token\": \"" TOKEN "\", \"page_id\": \""
                               ROUNDS_GRAPH_STUB_PAGE_ID "\"}");
  f->instagram = new_connector (f, ROUNDS_NETWORK_INSTAGRAM,
                                "{\"access_token\": \"" TOKEN "\", \"page_id\": \""
                                ROUNDS_GRAPH_STUB_PAGE_ID "\", \"ig_user_id\": \""
                                ROUNDS_GRAPH_STUB_IG_ID "\", \"expires_at\": 1900000000}");
  f->tmpdir = g_dir_make_tmp ("rounds-graph-XXXXXX", &error);
  g_assert_no_error (error);
  f->image = g_build_filename (f->tmpdir, "flu.png", NULL);
  f->image2 = g_build_filename (f->tmpdir, "team.png", NULL);
  g_assert_true (g_file_set_contents (f->image, (const char *) png, sizeof png, NULL));
  g_assert_true (g_file_set_contents (f->image2, (const char *) png, sizeof png, NULL));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->facebook);
  g_clear_object (&f->instagram);
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
publish (RoundsConnector       *connector,
         const RoundsOutgoing  *outgoing,
         GError               **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  rounds_connector_publish_async (connector, outgoing, NULL, on_done, &result);
  return rounds_connector_publish_finish (connector, wait_for (&result), error);
}

static RoundsRemotePost *
reply (RoundsConnector       *connector,
       const RoundsOutgoing  *outgoing,
       GError               **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  rounds_connector_reply_async (connector, outgoing, NULL, on_done, &result);
  return rounds_connector_reply_finish (connector, wait_for (&result), error);
}

static RoundsRemotePost *
lookup (RoundsConnector       *connector,
        const RoundsOutgoing  *outgoing,
        gint64                 sent_after,
        GError               **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  rounds_connector_lookup_async (connector, outgoing, sent_after, NULL, on_done, &result);
  return rounds_connector_lookup_finish (connector, wait_for (&result), error);
}

static gboolean
delete_post (RoundsConnector  *connector,
             const char       *id,
             GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  rounds_connector_delete_async (connector, id, NULL, on_done, &result);
  return rounds_connector_delete_finish (connector, wait_for (&result), error);
}

static GPtrArray *
list_replies (RoundsConnector  *connector,
              const char       *cursor,
              char            **new_cursor,
              GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  rounds_connector_list_replies_async (connector, cursor, NULL, on_done, &result);
  return rounds_connector_list_replies_finish (connector, wait_for (&result), new_cursor, error);
}

static GPtrArray *
fetch_metrics (RoundsConnector     *connector,
               const char * const  *ids,
               GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  rounds_connector_fetch_metrics_async (connector, ids, NULL, on_done, &result);
  return rounds_connector_fetch_metrics_finish (connector, wait_for (&result), error);
}

static RoundsAccountInfo *
verify (RoundsConnector  *connector,
        GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  rounds_connector_verify_async (connector, NULL, on_done, &result);
  return rounds_connector_verify_finish (connector, wait_for (&result), error);
}

static gint64
now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static gint64
metric_value (GPtrArray  *metrics,
              const char *remote_id,
              const char *name)
{
  for (guint i = 0; i < metrics->len; i++)
    {
      RoundsMetric *m = g_ptr_array_index (metrics, i);

      if (g_strcmp0 (m->remote_id, remote_id) == 0 && g_str_equal (m->name, name))
        return m->value;
    }
  return -1;
}

/* ------------------------------------------------------------------ */
/* Facebook Page                                                        */

static void
test_facebook_verify (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(RoundsAccountInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  RoundsConnectorCapabilities caps = rounds_connector_get_capabilities (f->facebook);

  g_assert_cmpint (rounds_connector_get_network (f->facebook), ==, ROUNDS_NETWORK_FACEBOOK);
  g_assert_true (caps & ROUNDS_CONNECTOR_CAN_SCHEDULE_NATIVE);
  g_assert_false (caps & ROUNDS_CONNECTOR_NEEDS_MEDIA);

  info = verify (f->facebook, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (info->remote_id, ==, ROUNDS_GRAPH_STUB_PAGE_ID);
  g_assert_cmpstr (info->display_name, ==, "Sunrise Family Clinic");
  g_assert_cmpstr (info->handle, ==, "@sunriseclinic");
  g_assert_cmpint (info->token_expires_at, ==, 0);

  /* The token travels in the Authorization header, never in the URL. */
  g_assert_cmpstr (rounds_graph_stub_get_last_header (f->stub, "/" ROUNDS_GRAPH_STUB_PAGE_ID,
                                                      "Authorization"), ==, "Bearer " TOKEN);
  g_assert_null (strstr (rounds_graph_stub_get_last_query (f->stub, "/" ROUNDS_GRAPH_STUB_PAGE_ID),
                         TOKEN));
}

static void
test_facebook_verify_expired (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(RoundsAccountInfo) info = NULL;
  g_autoptr(RoundsAccountInfo) info2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) error2 = NULL;
  guint requests;

  rounds_graph_stub_revoke_tokens (f->stub);
  info = verify (f->facebook, &error);
  g_assert_null (info);
  g_assert_error (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_AUTH_EXPIRED);
  g_assert_nonnull (strstr (error->message, "Session has expired"));
  g_assert_nonnull (strstr (error->message, "Reconnect"));

  /* No Page chosen: the same answer, without asking the server. */
  requests = rounds_graph_stub_get_request_count (f->stub);
  rounds_connector_set_credentials (f->facebook, "{\"access_token\": \"" TOKEN "\"}");
  info2 = verify (f->facebook, &error2);
  g_assert_null (info2);
  g_assert_error (error2, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_AUTH_EXPIRED);
  g_assert_cmpuint (rounds_graph_stub_get_request_count (f->stub), ==, requests);
}

static void
test_facebook_publish_text (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(RoundsOutgoing) outgoing = rounds_outgoing_new ("Flu shots are in. Walk-ins welcome 9-5 "
                                                            "https://example.org/flu", "fb-1");
  g_autoptr(RoundsRemotePost) post = NULL;
  g_autoptr(GError) error = NULL;

  post = publish (f->facebook, outgoing, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (post->remote_id, ROUNDS_GRAPH_STUB_PAGE_ID "_"));
  g_assert_cmpstr (rounds_graph_stub_get_text (f->stub, post->remote_id), ==, outgoing->text);
  g_assert_nonnull (post->url);
  g_assert_cmpint (post->created_at, >, 0);
  g_assert_cmpuint (rounds_graph_stub_count_posts (f->stub), ==, 1);
}

static void
test_facebook_publish_images (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(RoundsOutgoing) outgoing = rounds_outgoing_new ("Meet our new nurse team", "fb-img");
  g_autoptr(RoundsRemotePost) post = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (outgoing->media, rounds_outgoing_media_new (f->image, "image/png",
                                                               "A nurse holding a flu vaccine"));
  g_ptr_array_add (outgoing->media, rounds_outgoing_media_new (f->image2, "image/png",
                                                               "Four nurses in front of the clinic"));
  post = publish (f->facebook, outgoing, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rounds_graph_stub_count_images (f->stub, post->remote_id), ==, 2);
  g_assert_cmpstr (rounds_graph_stub_get_alt (f->stub, post->remote_id, 0), ==,
                   "A nurse holding a flu vaccine");
  g_assert_cmpstr (rounds_graph_stub_get_alt (f->stub, post->remote_id, 1), ==,
                   "Four nurses in front of the clinic");
  g_assert_cmpuint (rounds_graph_stub_count_posts (f->stub), ==, 1);
}

static void
test_facebook_publish_missing_image (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(RoundsOutgoing) outgoing = rounds_outgoing_new ("Text", "fb-missing");
  g_autofree char *gone = g_build_filename (f->tmpdir, "gone.png", NULL);
  g_autoptr(RoundsRemotePost) post = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (outgoing->media, rounds_outgoing_media_new (gone, "image/png", ""));
  post = publish (f->facebook, outgoing, &error);
  g_assert_null (post);
  g_assert_error (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_REJECTED);
  g_assert_nonnull (strstr (error->message, "gone.png"));
  g_assert_cmpuint (rounds_graph_stub_count_posts (f->stub), ==, 0);
}

static void
test_facebook_duplicate (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(RoundsOutgoing) outgoing = rounds_outgoing_new ("Closed on Monday for the holiday", "fb-dup");
  g_autoptr(RoundsRemotePost) first = NULL;
  g_autoptr(RoundsRemotePost) again = NULL;
  g_autoptr(GError) error = NULL;

  first = publish (f->facebook, outgoing, &error);
  g_assert_no_error (error);

  /* Facebook answers 506 "Duplicate status message": that is the post
   * already published, found and returned, not a failure and not a second
   * post. */
  again = publish (f->facebook, outgoing, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again->remote_id, ==, first->remote_id);
  g_assert_cmpuint (rounds_graph_stub_count_posts (f->stub), ==, 1);
}

static void
test_facebook_errors (Fixture       *f,
                      gconstpointer  data)
{
  struct {
    RoundsGraphStubFault kind;
    guint                status;
    int                  code;
    guint                buc;
    RoundsConnectorError expected;
    const char          *words;
  } cases[] = {
    { ROUNDS_GRAPH_STUB_FAULT_STATUS, 400, 190, 0, ROUNDS_CONNECTOR_ERROR_AUTH_EXPIRED, "Reconnect" },
    { ROUNDS_GRAPH_STUB_FAULT_STATUS, 400, 4, 0, ROUNDS_CONNECTOR_ERROR_RATE_LIMITED, "slow down" },
    { ROUNDS_GRAPH_STUB_FAULT_STATUS, 400, 17, 0, ROUNDS_CONNECTOR_ERROR_RATE_LIMITED, "slow down" },
    { ROUNDS_GRAPH_STUB_FAULT_STATUS, 400, 613, 0, ROUNDS_CONNECTOR_ERROR_RATE_LIMITED, "slow down" },
    { ROUNDS_GRAPH_STUB_FAULT_STATUS, 400, 368, 0, ROUNDS_CONNECTOR_ERROR_REJECTED, "misusing this feature" },
    { ROUNDS_GRAPH_STUB_FAULT_STATUS, 500, 2, 0, ROUNDS_CONNECTOR_ERROR_TRANSIENT, "try again" },
    { ROUNDS_GRAPH_STUB_FAULT_HTML, 502, 0, 0, ROUNDS_CONNECTOR_ERROR_TRANSIENT, "HTTP 502" },
    { ROUNDS_GRAPH_STUB_FAULT_GARBAGE, 200, 0, 0, ROUNDS_CONNECTOR_ERROR_MALFORMED, NULL },
    { ROUNDS_GRAPH_STUB_FAULT_HUGE, 200, 0, 0, ROUNDS_CONNECTOR_ERROR_MALFORMED, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf ("Error case %u", i);
      g_autoptr(RoundsOutgoing) outgoing = rounds_outgoing_new (text, text);
      g_autoptr(RoundsRemotePost) post = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("case %u", i);
      rounds_graph_stub_add_fault (f->stub, "/" ROUNDS_GRAPH_STUB_PAGE_ID "/feed", cases[i].kind,
                                   cases[i].status, cases[i].code, 1, cases[i].buc);
      post = publish (f->facebook, outgoing, &error);
      g_assert_null (post);
      g_assert_error (error, ROUNDS_CONNECTOR_ERROR, (int) cases[i].expected);
      if (cases[i].words != NULL)
        g_assert_nonnull (strstr (error->message, cases[i].words));
    }
  g_assert_cmpuint (rounds_graph_stub_count_posts (f->stub), ==, 0);
}

static void
test_facebook_rate_limit_header (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(RoundsOutgoing) outgoing = rounds_outgoing_new ("Slow down", "fb-buc");
  g_autoptr(RoundsRemotePost) post = NULL;
  g_autoptr(GError) error = NULL;
  gint64 before = now ();
  gint64 retry_at;

  /* Code 32 (Page request limit) with X-Business-Use-Case-Usage saying
   * access comes back in 7 minutes. */
  rounds_graph_stub_add_fault (f->stub, "/" ROUNDS_GRAPH_STUB_PAGE_ID "/feed",
                               ROUNDS_GRAPH_STUB_FAULT_STATUS, 400, 32, 1, 7);
  post = publish (f->facebook, outgoing, &error);
  g_assert_error (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_RATE_LIMITED);
  retry_at = rounds_connector_error_get_retry_at (error);
  g_assert_cmpint (retry_at, >=, before + 7 * 60);
  g_assert_cmpint (retry_at, <=, now () + 7 * 60);

  g_assert_cmpint (rounds_graph_parse_buc_wait ("{\"1\":[{\"estimated_time_to_regain_access\":3},"
                                                "{\"estimated_time_to_regain_access\":12}]}"), ==, 12 * 60);
  g_assert_cmpint (rounds_graph_parse_buc_wait ("{\"1\":[{\"call_count\":10}]}"), ==, 0);
  g_assert_cmpint (rounds_graph_parse_buc_wait ("not json"), ==, 0);
  g_assert_cmpint (rounds_graph_parse_buc_wait (NULL), ==, 0);
}

static void
test_facebook_slow_answer (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(RoundsAccountInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  rounds_http_client_set_timeout (rounds_graph_connector_get_http_client (ROUNDS_GRAPH_CONNECTOR (f->facebook)), 1);
  rounds_graph_stub_add_fault (f->stub, "/" ROUNDS_GRAPH_STUB_PAGE_ID, ROUNDS_GRAPH_STUB_FAULT_HANG,
                               0, 0, 1, 0);
  info = verify (f->facebook, &error);
  g_assert_null (info);
  g_assert_error (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_TRANSIENT);
}

static void
test_facebook_cut_then_lookup (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(RoundsOutgoing) outgoing = rounds_outgoing_new ("Our pharmacy hours change in January", "fb-cut");
  g_autoptr(RoundsOutgoing) never = rounds_outgoing_new ("This was never sent", "fb-never");
  g_autoptr(RoundsRemotePost) post = NULL;
  g_autoptr(RoundsRemotePost) found = NULL;
  g_autoptr(RoundsRemotePost) missing = NULL;
  g_autoptr(GError) error = NULL;
  gint64 sent = now ();

  /* The server makes the post, then the connection drops: the outcome is
   * unknown, and lookup finds the post instead of sending it again. */
  rounds_graph_stub_add_fault (f->stub, "/" ROUNDS_GRAPH_STUB_PAGE_ID "/feed",
                               ROUNDS_GRAPH_STUB_FAULT_CUT_AFTER, 0, 0, 1, 0);
  post = publish (f->facebook, outgoing, &error);
  g_assert_null (post);
  g_assert_error (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_MALFORMED);
  g_clear_error (&error);
  g_assert_cmpuint (rounds_graph_stub_count_posts (f->stub), ==, 1);

  found = lookup (f->facebook, outgoing, sent, &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  g_assert_cmpstr (rounds_graph_stub_get_text (f->stub, found->remote_id), ==, outgoing->text);

  missing = lookup (f->facebook, never, sent, &error);
  g_assert_no_error (error);
  g_assert_null (missing);
}

static void
test_facebook_lookup_pages (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(RoundsOutgoing) outgoing = rounds_outgoing_new ("Older post, far down the feed", "fb-deep");
  g_autoptr(RoundsRemotePost) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *target = NULL;
  gint64 t = now () - 3600;

  target = rounds_graph_stub_add_page_post (f->stub, outgoing->text, t);
  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *text = g_strdup_printf ("Later post %u", i);
      g_autofree char *id = rounds_graph_stub_add_page_post (f->stub, text, t + 10 + i);
    }
  found = lookup (f->facebook, outgoing, t - 60, &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  g_assert_cmpstr (found->remote_id, ==, target);
  /* It had to ask for the second page. */
  g_assert_nonnull (strstr (rounds_graph_stub_get_last_query (f->stub, "/" ROUNDS_GRAPH_STUB_PAGE_ID "/posts"),
                            "after="));
}

static void
test_facebook_scheduled (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(RoundsOutgoing) outgoing = rounds_outgoing_new ("Vaccination day next week", "fb-sched");
  g_autoptr(RoundsOutgoing) soon = rounds_outgoing_new ("Due now", "fb-soon");
  g_autoptr(RoundsRemotePost) post = NULL;
  g_autoptr(RoundsRemotePost) now_post = NULL;
  g_autoptr(RoundsRemotePost) found = NULL;
  g_autoptr(GError) error = NULL;

  outgoing->scheduled_at = now () + 2 * 3600;
  post = publish (f->facebook, outgoing, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rounds_graph_stub_count_scheduled (f->stub), ==, 1);
  g_assert_cmpuint (rounds_graph_stub_count_posts (f->stub), ==, 0);
  g_assert_cmpint (post->created_at, ==, outgoing->scheduled_at);

  /* A crash right after: the scheduled post is found, not sent twice. */
  found = lookup (f->facebook, outgoing, now () - 60, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found->remote_id, ==, post->remote_id);

  /* Moved or cancelled in Rounds: the native schedule is cancelled. */
  g_assert_true (delete_post (f->facebook, post->remote_id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rounds_graph_stub_count_scheduled (f->stub), ==, 0);

  /* Less than the native minimum ahead: it goes out now. */
  soon->scheduled_at = now () + 60;
  now_post = publish (f->facebook, soon, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rounds_graph_stub_count_posts (f->stub), ==, 1);
}

static void
test_facebook_delete (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(RoundsOutgoing) outgoing = rounds_outgoing_new ("Photo consent was withdrawn", "fb-del");
  g_autoptr(RoundsRemotePost) post = NULL;
  g_autoptr(GError) error = NULL;

  post = publish (f->facebook, outgoing, &error);
  g_assert_no_error (error);
  g_assert_true (delete_post (f->facebook, post->remote_id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rounds_graph_stub_count_posts (f->stub), ==, 0);

  g_assert_false (delete_post (f->facebook, post->remote_id, &error));
  g_assert_error (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_NOT_FOUND);
}

static void
test_facebook_replies (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *post_a = rounds_graph_stub_add_page_post (f->stub, "Post A", now () - 7200);
  g_autofree char *post_b = rounds_graph_stub_add_page_post (f->stub, "Post B", now () - 3600);
  g_autofree char *c1 = rounds_graph_stub_add_comment (f->stub, post_a, "Dana", "When do you open?", now () - 600);
  g_autofree char *c2 = rounds_graph_stub_add_comment (f->stub, post_b, "Lee", "Thanks!", now () - 500);
  g_autofree char *c3 = rounds_graph_stub_add_comment (f->stub, c1, "Sam", "Also wondering", now () - 400);
  g_autofree char *c4 = NULL;
  g_autofree char *cursor = NULL;
  g_autofree char *cursor2 = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(RoundsOutgoing) answer = rounds_outgoing_new ("We open at 8.", NULL);
  g_autoptr(RoundsRemotePost) answered = NULL;
  g_autoptr(GError) error = NULL;
  RoundsRemoteComment *c;

  first = list_replies (f->facebook, NULL, &cursor, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->len, ==, 3);
  /* Oldest first, across posts; a reply says what it answers. */
  c = g_ptr_array_index (first, 0);
  g_assert_cmpstr (c->remote_id, ==, c1);
  g_assert_cmpint (c->kind, ==, ROUNDS_REMOTE_COMMENT_COMMENT);
  g_assert_cmpstr (c->thread_id, ==, post_a);
  g_assert_cmpstr (c->author_name, ==, "Dana");
  g_assert_cmpstr (c->text, ==, "When do you open?");
  c = g_ptr_array_index (first, 1);
  g_assert_cmpstr (c->remote_id, ==, c2);
  c = g_ptr_array_index (first, 2);
  g_assert_cmpstr (c->remote_id, ==, c3);
  g_assert_cmpint (c->kind, ==, ROUNDS_REMOTE_COMMENT_REPLY);
  g_assert_cmpstr (c->parent_id, ==, c1);
  g_assert_cmpstr (c->thread_id, ==, post_a);

  /* The Page answers: the answer is under the comment, and it is not a
   * "new comment" on the next poll; a newer comment is. */
  answer->reply_to_id = g_strdup (c1);
  answered = reply (f->facebook, answer, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rounds_graph_stub_get_parent (f->stub, answered->remote_id), ==, c1);
  g_assert_cmpstr (rounds_graph_stub_get_text (f->stub, answered->remote_id), ==, "We open at 8.");
  c4 = rounds_graph_stub_add_comment (f->stub, post_b, "Kim", "Is parking free?", now () + 5);

  second = list_replies (f->facebook, cursor, &cursor2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (second->len, ==, 1);
  g_assert_cmpstr (((RoundsRemoteComment *) g_ptr_array_index (second, 0))->remote_id, ==, c4);
  g_assert_cmpstr (cursor2, !=, cursor);
}

static void
test_facebook_replies_paged (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *post = rounds_graph_stub_add_page_post (f->stub, "Busy post", now () - 7200);
  g_autoptr(GPtrArray) comments = NULL;
  g_autofree char *cursor = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 120; i++)
    {
      g_autofree char *text = g_strdup_printf ("Comment %u", i);
      g_autofree char *id = rounds_graph_stub_add_comment (f->stub, post, "Someone", text,
                                                           now () - 3600 + i);
    }
  comments = list_replies (f->facebook, NULL, &cursor, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (comments->len, ==, 120);
  g_assert_cmpstr (((RoundsRemoteComment *) g_ptr_array_index (comments, 119))->text, ==, "Comment 119");
}

static void
test_facebook_metrics (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(RoundsOutgoing) outgoing = rounds_outgoing_new ("Counted post", "fb-metrics");
  g_autoptr(RoundsRemotePost) post = NULL;
  g_autoptr(GPtrArray) metrics = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *query = NULL;
  const char *ids[] = { NULL, "100000000000001_999", NULL };

  post = publish (f->facebook, outgoing, &error);
  g_assert_no_error (error);
  rounds_graph_stub_set_insight (f->stub, post->remote_id, "post_reactions_like_total", 17);
  rounds_graph_stub_set_insight (f->stub, post->remote_id, "post_total_media_view_unique", 340);
  ids[0] = post->remote_id;

  /* The second post no longer exists: its numbers are skipped. */
  metrics = fetch_metrics (f->facebook, ids, &error);
  g_assert_no_error (error);
  g_assert_cmpint (metric_value (metrics, NULL, "followers"), ==, 1234);
  g_assert_cmpint (metric_value (metrics, post->remote_id, "likes"), ==, 17);
  g_assert_cmpint (metric_value (metrics, post->remote_id, "reach"), ==, 340);
  g_assert_cmpint (metric_value (metrics, ids[1], "likes"), ==, -1);

  /* The names come from the data file, without the retired ones. */
  g_assert_cmpstr (rounds_graph_metric_name (ROUNDS_NETWORK_FACEBOOK, "post", "post_clicks"), ==, "clicks");
  query = rounds_graph_post_metrics_query (ROUNDS_NETWORK_FACEBOOK);
  g_assert_null (strstr (query, "post_impressions_unique"));
  g_assert_nonnull (strstr (query, "post_reactions_like_total"));
}

/* ------------------------------------------------------------------ */
/* Instagram                                                            */

static void
test_instagram_verify (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(RoundsAccountInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (rounds_connector_get_capabilities (f->instagram) & ROUNDS_CONNECTOR_NEEDS_MEDIA);
  g_assert_false (rounds_connector_get_capabilities (f->instagram) & ROUNDS_CONNECTOR_CAN_SCHEDULE_NATIVE);
  info = verify (f->instagram, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (info->remote_id, ==, ROUNDS_GRAPH_STUB_IG_ID);
  g_assert_cmpstr (info->handle, ==, "@sunrise.clinic");
  g_assert_cmpstr (info->profile_url, ==, "https://www.instagram.com/sunrise.clinic");
  g_assert_cmpint (info->token_expires_at, ==, 1900000000);
}

static void
test_instagram_text_only (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(RoundsOutgoing) outgoing = rounds_outgoing_new ("Just words", "ig-text");
  g_autoptr(RoundsRemotePost) post = NULL;
  g_autoptr(GError) error = NULL;
  guint requests = rounds_graph_stub_get_request_count (f->stub);

  post = publish (f->instagram, outgoing, &error);
  g_assert_null (post);
  g_assert_error (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_REJECTED);
  g_assert_nonnull (strstr (error->message, "image"));
  g_assert_cmpuint (rounds_graph_stub_get_request_count (f->stub), ==, requests);
}

static void
test_instagram_publish (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(RoundsOutgoing) outgoing = rounds_outgoing_new ("Flu season tips #health", "ig-1");
  g_autoptr(RoundsRemotePost) post = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (outgoing->media, rounds_outgoing_media_new (f->image, "image/png",
                                                               "A nurse holding a flu vaccine"));
  /* Instagram takes a few status reads before the container is ready. */
  rounds_graph_stub_set_container_polls (f->stub, 3);
  post = publish (f->instagram, outgoing, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rounds_graph_stub_count_ig_media (f->stub), ==, 1);
  g_assert_cmpstr (rounds_graph_stub_get_text (f->stub, post->remote_id), ==, outgoing->text);
  g_assert_cmpstr (rounds_graph_stub_get_alt (f->stub, post->remote_id, 0), ==,
                   "A nurse holding a flu vaccine");
  g_assert_true (g_str_has_prefix (post->url, "https://www.instagram.com/p/"));
  /* The hosting photo on the Page was not published to the Page. */
  g_assert_cmpuint (rounds_graph_stub_count_posts (f->stub), ==, 0);
}

static void
test_instagram_carousel (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(RoundsOutgoing) outgoing = rounds_outgoing_new ("Our team", "ig-carousel");
  g_autoptr(RoundsRemotePost) post = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (outgoing->media, rounds_outgoing_media_new (f->image, "image/png", "First"));
  g_ptr_array_add (outgoing->media, rounds_outgoing_media_new (f->image2, "image/png", "Second"));
  post = publish (f->instagram, outgoing, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rounds_graph_stub_count_images (f->stub, post->remote_id), ==, 2);
  g_assert_cmpstr (rounds_graph_stub_get_alt (f->stub, post->remote_id, 0), ==, "First");
  g_assert_cmpstr (rounds_graph_stub_get_alt (f->stub, post->remote_id, 1), ==, "Second");
  g_assert_cmpstr (rounds_graph_stub_get_text (f->stub, post->remote_id), ==, "Our team");
}

static void
test_instagram_quota (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(RoundsOutgoing) outgoing = rounds_outgoing_new ("Too many today", "ig-quota");
  g_autoptr(RoundsRemotePost) post = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (outgoing->media, rounds_outgoing_media_new (f->image, "image/png", ""));
  rounds_graph_stub_set_quota_usage (f->stub, 50);
  post = publish (f->instagram, outgoing, &error);
  g_assert_null (post);
  g_assert_error (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_RATE_LIMITED);
  g_assert_cmpint (rounds_connector_error_get_retry_at (error), >, now ());
  g_assert_nonnull (strstr (error->message, "50"));
  g_assert_cmpuint (rounds_graph_stub_count_ig_media (f->stub), ==, 0);
}

static void
test_instagram_no_page (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(RoundsOutgoing) outgoing = rounds_outgoing_new ("Needs hosting", "ig-nopage");
  g_autoptr(RoundsRemotePost) post = NULL;
  g_autoptr(GError) error = NULL;

  rounds_connector_set_credentials (f->instagram, "{\"access_token\": \"" TOKEN "\", \"ig_user_id\": \""
                                                  ROUNDS_GRAPH_STUB_IG_ID "\"}");
  g_ptr_array_add (outgoing->media, rounds_outgoing_media_new (f->image, "image/png", ""));
  post = publish (f->instagram, outgoing, &error);
  g_assert_null (post);
  g_assert_error (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_REJECTED);
  g_assert_nonnull (strstr (error->message, "public address"));
}

static void
test_instagram_cut_then_lookup (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(RoundsOutgoing) outgoing = rounds_outgoing_new ("Lost answer", "ig-cut");
  g_autoptr(RoundsRemotePost) post = NULL;
  g_autoptr(RoundsRemotePost) found = NULL;
  g_autoptr(GError) error = NULL;
  gint64 sent = now ();

  g_ptr_array_add (outgoing->media, rounds_outgoing_media_new (f->image, "image/png", ""));
  rounds_graph_stub_add_fault (f->stub, "/" ROUNDS_GRAPH_STUB_IG_ID "/media_publish",
                               ROUNDS_GRAPH_STUB_FAULT_CUT_AFTER, 0, 0, 1, 0);
  post = publish (f->instagram, outgoing, &error);
  g_assert_null (post);
  g_assert_error (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_MALFORMED);
  g_clear_error (&error);
  g_assert_cmpuint (rounds_graph_stub_count_ig_media (f->stub), ==, 1);

  found = lookup (f->instagram, outgoing, sent, &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  g_assert_cmpstr (rounds_graph_stub_get_text (f->stub, found->remote_id), ==, "Lost answer");
  g_assert_nonnull (found->url);
}

static void
test_instagram_comments (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(RoundsOutgoing) outgoing = rounds_outgoing_new ("Comment here", "ig-comments");
  g_autoptr(RoundsRemotePost) post = NULL;
  g_autoptr(GPtrArray) comments = NULL;
  g_autoptr(RoundsOutgoing) answer = rounds_outgoing_new ("Thank you!", NULL);
  g_autoptr(RoundsRemotePost) answered = NULL;
  g_autoptr(GPtrArray) metrics = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cursor = NULL;
  g_autofree char *c1 = NULL;
  g_autofree char *c2 = NULL;
  const char *ids[] = { NULL, NULL };
  RoundsRemoteComment *c;

  g_ptr_array_add (outgoing->media, rounds_outgoing_media_new (f->image, "image/png", ""));
  post = publish (f->instagram, outgoing, &error);
  g_assert_no_error (error);
  c1 = rounds_graph_stub_add_comment (f->stub, post->remote_id, "pat_runs", "Love this", now () - 30);
  c2 = rounds_graph_stub_add_comment (f->stub, c1, "jo.k", "Same", now () - 20);

  comments = list_replies (f->instagram, NULL, &cursor, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (comments->len, ==, 2);
  c = g_ptr_array_index (comments, 0);
  g_assert_cmpstr (c->remote_id, ==, c1);
  g_assert_cmpstr (c->author_handle, ==, "@pat_runs");
  g_assert_cmpstr (c->text, ==, "Love this");
  g_assert_cmpstr (c->thread_id, ==, post->remote_id);
  c = g_ptr_array_index (comments, 1);
  g_assert_cmpstr (c->remote_id, ==, c2);
  g_assert_cmpint (c->kind, ==, ROUNDS_REMOTE_COMMENT_REPLY);
  g_assert_cmpstr (c->parent_id, ==, c1);

  answer->reply_to_id = g_strdup (c1);
  answered = reply (f->instagram, answer, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rounds_graph_stub_get_parent (f->stub, answered->remote_id), ==, c1);

  rounds_graph_stub_set_insight (f->stub, post->remote_id, "saved", 4);
  rounds_graph_stub_set_insight (f->stub, post->remote_id, "reach", 210);
  ids[0] = post->remote_id;
  metrics = fetch_metrics (f->instagram, ids, &error);
  g_assert_no_error (error);
  g_assert_cmpint (metric_value (metrics, NULL, "followers"), ==, 987);
  g_assert_cmpint (metric_value (metrics, post->remote_id, "saves"), ==, 4);
  g_assert_cmpint (metric_value (metrics, post->remote_id, "reach"), ==, 210);

  g_assert_true (delete_post (f->instagram, post->remote_id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rounds_graph_stub_count_ig_media (f->stub), ==, 0);
}

/* ------------------------------------------------------------------ */
/* Signing in: Facebook Login with PKCE and a loopback redirect         */

/* The browser: GET @uri without following redirects. */
static guint
browse (SoupSession  *browser,
        const char   *uri,
        char        **location)
{
  g_autoptr(SoupMessage) message = soup_message_new ("GET", uri);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (message);
  soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT);
  soup_session_send_and_read_async (browser, message, G_PRIORITY_DEFAULT, NULL, on_done, &result);
  body = soup_session_send_and_read_finish (browser, wait_for (&result), &error);
  g_assert_no_error (error);
  if (location != NULL)
    *location = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (message),
                                                        "Location"));
  return soup_message_get_status (message);
}

static GPtrArray *
sign_in (Fixture           *f,
         RoundsMetaSignIn  *sign_in,
         GError           **error)
{
  g_autoptr(SoupSession) browser = soup_session_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *url = NULL;
  g_autofree char *location = NULL;

  rounds_meta_sign_in_set_urls (sign_in, rounds_graph_stub_get_base_url (f->stub),
                                rounds_graph_stub_get_root_url (f->stub));
  url = rounds_meta_sign_in_begin (sign_in, error);
  g_assert_nonnull (url);
  g_assert_true (g_str_has_prefix (url, rounds_graph_stub_get_root_url (f->stub)));
  g_assert_nonnull (strstr (url, "/dialog/oauth?"));
  g_assert_nonnull (strstr (url, "client_id=1234567890"));
  g_assert_nonnull (strstr (url, "code_challenge_method=S256"));
  g_assert_nonnull (strstr (url, "redirect_uri=http%3A%2F%2F127.0.0.1%3A"));

  rounds_meta_sign_in_complete_async (sign_in, NULL, on_done, &result);
  /* The person approves: Facebook sends the browser to the loopback. */
  g_assert_cmpuint (browse (browser, url, &location), ==, 302);
  g_assert_true (g_str_has_prefix (location, "http://127.0.0.1:"));
  g_assert_cmpuint (browse (browser, location, NULL), ==, 200);
  return rounds_meta_sign_in_complete_finish (sign_in, wait_for (&result), error);
}

static void
test_sign_in_facebook (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RoundsMetaSignIn) flow = rounds_meta_sign_in_new (ROUNDS_NETWORK_FACEBOOK, "1234567890",
                                                             NULL, &error);
  g_autoptr(GPtrArray) pages = NULL;
  g_autoptr(RoundsConnector) connector = NULL;
  g_autoptr(RoundsAccountInfo) info = NULL;
  g_autofree char *credentials = NULL;
  g_autofree char *none = NULL;
  RoundsMetaPage *page;
  gint64 expires_at = 0;

  g_assert_no_error (error);
  pages = sign_in (f, flow, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pages->len, ==, 2);
  page = g_ptr_array_index (pages, 0);
  g_assert_cmpstr (page->id, ==, ROUNDS_GRAPH_STUB_PAGE_ID);
  g_assert_cmpstr (page->name, ==, "Sunrise Family Clinic");
  g_assert_true (page->can_publish);
  g_assert_false (((RoundsMetaPage *) g_ptr_array_index (pages, 1))->can_publish);

  /* Without the app secret the token is short-lived, and Accounts says
   * when it ends. */
  credentials = rounds_meta_sign_in_dup_credentials (flow, page->id, &expires_at, &error);
  g_assert_no_error (error);
  g_assert_cmpint (expires_at, >, now ());
  g_assert_cmpint (expires_at, <=, now () + 3600);

  connector = rounds_connector_new_for_network (ROUNDS_NETWORK_FACEBOOK,
                                                rounds_meta_sign_in_get_graph_url (flow),
                                                credentials, &error);
  g_assert_no_error (error);
  info = verify (connector, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (info->display_name, ==, "Sunrise Family Clinic");
  g_assert_cmpint (info->token_expires_at, ==, expires_at);

  none = rounds_meta_sign_in_dup_credentials (flow, "999", NULL, &error);
  g_assert_null (none);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

static void
test_sign_in_instagram_with_secret (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RoundsMetaSignIn) flow = rounds_meta_sign_in_new (ROUNDS_NETWORK_INSTAGRAM, " 1234567890 ",
                                                             "app-secret-kept-in-keyring", &error);
  g_autoptr(GPtrArray) pages = NULL;
  g_autoptr(RoundsConnector) connector = NULL;
  g_autoptr(RoundsAccountInfo) info = NULL;
  g_autoptr(JsonNode) stored = NULL;
  g_autofree char *credentials = NULL;
  gint64 expires_at = -1;

  g_assert_no_error (error);
  pages = sign_in (f, flow, &error);
  g_assert_no_error (error);
  /* Only the Page with a linked Instagram account is offered. */
  g_assert_cmpuint (pages->len, ==, 1);
  g_assert_cmpstr (((RoundsMetaPage *) g_ptr_array_index (pages, 0))->instagram_username, ==,
                   "sunrise.clinic");

  /* With the secret, the long-lived exchange: Page tokens do not expire. */
  credentials = rounds_meta_sign_in_dup_credentials (flow, ROUNDS_GRAPH_STUB_PAGE_ID, &expires_at, &error);
  g_assert_no_error (error);
  g_assert_cmpint (expires_at, ==, 0);
  stored = json_from_string (credentials, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (stored), "ig_user_id"), ==,
                   ROUNDS_GRAPH_STUB_IG_ID);

  connector = rounds_connector_new_for_network (ROUNDS_NETWORK_INSTAGRAM,
                                                rounds_meta_sign_in_get_graph_url (flow),
                                                credentials, &error);
  g_assert_no_error (error);
  info = verify (connector, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (info->handle, ==, "@sunrise.clinic");
}

static void
test_sign_in_bad_app_id (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RoundsMetaSignIn) flow = rounds_meta_sign_in_new (ROUNDS_NETWORK_FACEBOOK, "my app", NULL, &error);

  g_assert_null (flow);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "app id"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/graph/facebook/verify", test_facebook_verify);
  ADD ("/graph/facebook/verify-expired", test_facebook_verify_expired);
  ADD ("/graph/facebook/publish-text", test_facebook_publish_text);
  ADD ("/graph/facebook/publish-images", test_facebook_publish_images);
  ADD ("/graph/facebook/publish-missing-image", test_facebook_publish_missing_image);
  ADD ("/graph/facebook/duplicate", test_facebook_duplicate);
  ADD ("/graph/facebook/errors", test_facebook_errors);
  ADD ("/graph/facebook/rate-limit-header", test_facebook_rate_limit_header);
  ADD ("/graph/facebook/slow-answer", test_facebook_slow_answer);
  ADD ("/graph/facebook/cut-then-lookup", test_facebook_cut_then_lookup);
  ADD ("/graph/facebook/lookup-pages", test_facebook_lookup_pages);
  ADD ("/graph/facebook/scheduled", test_facebook_scheduled);
  ADD ("/graph/facebook/delete", test_facebook_delete);
  ADD ("/graph/facebook/replies", test_facebook_replies);
  ADD ("/graph/facebook/replies-paged", test_facebook_replies_paged);
  ADD ("/graph/facebook/metrics", test_facebook_metrics);
  ADD ("/graph/instagram/verify", test_instagram_verify);
  ADD ("/graph/instagram/text-only", test_instagram_text_only);
  ADD ("/graph/instagram/publish", test_instagram_publish);
  ADD ("/graph/instagram/carousel", test_instagram_carousel);
  ADD ("/graph/instagram/quota", test_instagram_quota);
  ADD ("/graph/instagram/no-page", test_instagram_no_page);
  ADD ("/graph/instagram/cut-then-lookup", test_instagram_cut_then_lookup);
  ADD ("/graph/instagram/comments", test_instagram_comments);
  ADD ("/graph/sign-in/facebook", test_sign_in_facebook);
  ADD ("/graph/sign-in/instagram-with-secret", test_sign_in_instagram_with_secret);
  g_test_add_func ("/graph/sign-in/bad-app-id", test_sign_in_bad_app_id);

  return g_test_run ();
}
