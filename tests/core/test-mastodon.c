/* test-mastodon.c — the Mastodon connector and sign-in against the stub
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>
#include <unistd.h>

#include <fcntl.h>
#include <stdlib.h>

#include <glib-unix.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "core-test-util.h"
#include "rounds-connector-factory.h"
#include "rounds-html-text.h"
#include "rounds-mastodon-connector.h"
#include "rounds-mastodon-sign-in.h"
#include "rounds-mastodon-stub.h"
#include "rounds-metrics-collector.h"
#include "rounds-store-insights.h"
#include "rounds-store-publish.h"
#include "rounds-oauth-loopback.h"

#define TOKEN "test-token-clinic"

typedef struct
{
  RoundsMastodonStub *stub;
  RoundsConnector    *connector;
  char               *tmpdir;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->stub = rounds_mastodon_stub_new (&error);
  g_assert_no_error (error);
  rounds_mastodon_stub_add_token (f->stub, TOKEN);
  f->connector = rounds_connector_new_for_network (ROUNDS_NETWORK_MASTODON,
                                                   rounds_mastodon_stub_get_base_url (f->stub),
                                                   "{\"access_token\": \"" TOKEN "\"}", &error);
  g_assert_no_error (error);
  g_assert_true (ROUNDS_IS_MASTODON_CONNECTOR (f->connector));
  rounds_mastodon_connector_set_media_poll_interval (ROUNDS_MASTODON_CONNECTOR (f->connector), 5);
  f->tmpdir = g_dir_make_tmp ("rounds-mastodon-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->connector);
  g_clear_object (&f->stub);
  rounds_test_remove_tree (f->tmpdir);
  g_free (f->tmpdir);
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

static gboolean
delete_post (Fixture     *f,
             const char  *id,
             GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  rounds_connector_delete_async (f->connector, id, NULL, on_done, &result);
  return rounds_connector_delete_finish (f->connector, wait_for (&result), error);
}

static GPtrArray *
list_replies (Fixture     *f,
              const char  *cursor,
              char       **new_cursor,
              GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  rounds_connector_list_replies_async (f->connector, cursor, NULL, on_done, &result);
  return rounds_connector_list_replies_finish (f->connector, wait_for (&result), new_cursor, error);
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
  g_autoptr(RoundsAccountInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (rounds_connector_get_network (f->connector), ==, ROUNDS_NETWORK_MASTODON);
  g_assert_true (rounds_connector_get_capabilities (f->connector) & ROUNDS_CONNECTOR_CAN_LOOKUP);

  rounds_connector_verify_async (f->connector, NULL, on_done, &result);
  info = rounds_connector_verify_finish (f->connector, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (info->remote_id, ==, "110000000000000001");
  g_assert_cmpstr (info->handle, ==, "@clinic@127.0.0.1");
  g_assert_cmpstr (info->display_name, ==, "Sunrise Family Clinic");
  g_assert_cmpint (info->token_expires_at, ==, 0);
}

static void
test_verify_revoked (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) result2 = NULL;
  g_autoptr(RoundsAccountInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) error2 = NULL;

  rounds_mastodon_stub_revoke_tokens (f->stub);
  rounds_connector_verify_async (f->connector, NULL, on_done, &result);
  info = rounds_connector_verify_finish (f->connector, wait_for (&result), &error);
  g_assert_null (info);
  g_assert_error (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_AUTH_EXPIRED);
  g_assert_nonnull (strstr (error->message, "The access token is invalid"));
  g_assert_nonnull (strstr (error->message, "Reconnect"));

  /* No token stored at all: the same answer, without asking the server. */
  rounds_connector_set_credentials (f->connector, "{}");
  rounds_connector_verify_async (f->connector, NULL, on_done, &result2);
  g_assert_null (rounds_connector_verify_finish (f->connector, wait_for (&result2), &error2));
  g_assert_error (error2, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_AUTH_EXPIRED);
}

static void
test_publish_text_idempotent (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(RoundsOutgoing) outgoing = rounds_outgoing_new ("Flu shots are in. Walk-ins welcome "
                                                            "9-5 https://example.org/flu-clinic-2026/walk-in-hours",
                                                            "pub-1-key");
  g_autoptr(RoundsRemotePost) first = NULL;
  g_autoptr(RoundsRemotePost) again = NULL;
  g_autoptr(GError) error = NULL;

  first = publish (f, outgoing, &error);
  g_assert_no_error (error);
  g_assert_nonnull (first->remote_id);
  g_assert_nonnull (first->url);
  g_assert_cmpint (first->created_at, >, 0);
  g_assert_cmpstr (rounds_mastodon_stub_get_status_text (f->stub, first->remote_id), ==, outgoing->text);
  g_assert_cmpstr (rounds_mastodon_stub_get_last_header (f->stub, "/api/v1/statuses", "Idempotency-Key"),
                   ==, "pub-1-key");

  /* Sent again with the same key: the same status, not a second one. */
  again = publish (f, outgoing, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again->remote_id, ==, first->remote_id);
  g_assert_cmpuint (rounds_mastodon_stub_count_statuses (f->stub), ==, 1);
}

static void
test_publish_image_alt (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->tmpdir, "flu.png", NULL);
  g_autoptr(RoundsOutgoing) outgoing = rounds_outgoing_new ("Our new waiting room", "pub-2-key");
  g_autoptr(RoundsRemotePost) post = NULL;
  g_autoptr(GError) error = NULL;
  guint requests_before;

  g_assert_true (g_file_set_contents (path, "\x89PNG\r\n\x1a\nfake image", 18, NULL));
  g_ptr_array_add (outgoing->media,
                   rounds_outgoing_media_new (path, "image/png", "Bright waiting room with plants"));

  /* The server processes the image: 202, then 206 twice, then 200. */
  rounds_mastodon_stub_set_media_polls (f->stub, 3);
  requests_before = rounds_mastodon_stub_get_request_count (f->stub);
  post = publish (f, outgoing, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rounds_mastodon_stub_get_status_alt (f->stub, post->remote_id), ==,
                   "Bright waiting room with plants");
  /* upload + 3 polls + status */
  g_assert_cmpuint (rounds_mastodon_stub_get_request_count (f->stub) - requests_before, ==, 5);
}

static void
test_publish_missing_image (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(RoundsOutgoing) outgoing = rounds_outgoing_new ("Text", "pub-3-key");
  g_autoptr(RoundsRemotePost) post = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (outgoing->media, rounds_outgoing_media_new ("/nonexistent/x.png", "image/png", ""));
  post = publish (f, outgoing, &error);
  g_assert_null (post);
  g_assert_error (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_REJECTED);
  g_assert_nonnull (strstr (error->message, "x.png"));
  g_assert_cmpuint (rounds_mastodon_stub_count_statuses (f->stub), ==, 0);
}

static void
test_publish_rejected (Fixture       *f,
                       gconstpointer  data)
{
  GString *long_text = g_string_new (NULL);
  g_autoptr(RoundsOutgoing) outgoing = NULL;
  g_autoptr(RoundsRemotePost) post = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 501; i++)
    g_string_append_c (long_text, 'a');
  outgoing = rounds_outgoing_new (long_text->str, "pub-4-key");
  g_string_free (long_text, TRUE);

  post = publish (f, outgoing, &error);
  g_assert_null (post);
  g_assert_error (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_REJECTED);
  /* The platform's own words reach the post. */
  g_assert_cmpstr (error->message, ==, "Validation failed: Text character limit of 500 exceeded");
}

static gint64
fixed_now (gpointer user_data)
{
  return 1800000000;
}

static void
test_publish_rate_limited (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(RoundsOutgoing) outgoing = rounds_outgoing_new ("Hello", "pub-5-key");
  g_autoptr(RoundsRemotePost) post = NULL;
  g_autoptr(RoundsRemotePost) later = NULL;
  g_autoptr(GError) error = NULL;

  rounds_http_client_set_now_func (
    rounds_mastodon_connector_get_http_client (ROUNDS_MASTODON_CONNECTOR (f->connector)),
    fixed_now, NULL);
  rounds_mastodon_stub_add_fault (f->stub, "/api/v1/statuses", ROUNDS_MASTODON_STUB_FAULT_STATUS,
                                  429, 1, "30");
  post = publish (f, outgoing, &error);
  g_assert_null (post);
  g_assert_error (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_RATE_LIMITED);
  g_assert_cmpint (rounds_connector_error_get_retry_at (error), ==, 1800000000 + 30);
  g_assert_cmpuint (rounds_mastodon_stub_count_statuses (f->stub), ==, 0);
  g_clear_error (&error);

  later = publish (f, outgoing, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rounds_mastodon_stub_count_statuses (f->stub), ==, 1);
}

static void
test_publish_server_error_page (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(RoundsOutgoing) outgoing = rounds_outgoing_new ("Hello", "pub-6-key");
  g_autoptr(RoundsRemotePost) post = NULL;
  g_autoptr(GError) error = NULL;

  rounds_mastodon_stub_add_fault (f->stub, "/api/v1/statuses", ROUNDS_MASTODON_STUB_FAULT_STATUS,
                                  502, 1, NULL);
  post = publish (f, outgoing, &error);
  g_assert_null (post);
  g_assert_error (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_TRANSIENT);
  g_assert_null (strstr (error->message, "<"));
}

/* The answer is lost after the server posted: the outcome is unknown, the
 * lookup finds the post (text with a shortened link, line breaks and
 * characters HTML escapes), a re-send with the key makes no second one. */
static void
test_cut_after_post_then_lookup (Fixture       *f,
                                 gconstpointer  data)
{
  const char *text = "Closed Friday <Dec 25> & Saturday.\n\nQuestions? "
                     "https://example.org/holiday-hours-and-after-hours-care-2026 \"call us\"";
  g_autoptr(RoundsOutgoing) outgoing = rounds_outgoing_new (text, "pub-7-key");
  g_autoptr(RoundsOutgoing) other = rounds_outgoing_new ("Closed Friday", "pub-8-key");
  g_autoptr(RoundsRemotePost) post = NULL;
  g_autoptr(RoundsRemotePost) found = NULL;
  g_autoptr(RoundsRemotePost) not_found = NULL;
  g_autoptr(RoundsRemotePost) resent = NULL;
  g_autoptr(GError) error = NULL;
  gint64 sent_after = now () - 1;

  rounds_mastodon_stub_add_fault (f->stub, "/api/v1/statuses", ROUNDS_MASTODON_STUB_FAULT_CUT_AFTER,
                                  0, 1, NULL);
  post = publish (f, outgoing, &error);
  g_assert_null (post);
  g_assert_error (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_MALFORMED);
  g_clear_error (&error);
  g_assert_cmpuint (rounds_mastodon_stub_count_statuses (f->stub), ==, 1);

  found = lookup (f, outgoing, sent_after, &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  g_assert_cmpstr (rounds_mastodon_stub_get_status_text (f->stub, found->remote_id), ==, text);

  /* A prefix of the text is not the same post. */
  not_found = lookup (f, other, sent_after, &error);
  g_assert_no_error (error);
  g_assert_null (not_found);

  resent = publish (f, outgoing, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (resent->remote_id, ==, found->remote_id);
  g_assert_cmpuint (rounds_mastodon_stub_count_statuses (f->stub), ==, 1);
}

static void
test_lookup_pages_back (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(RoundsOutgoing) target = rounds_outgoing_new ("The one we look for", "look-key");
  g_autoptr(RoundsRemotePost) post = NULL;
  g_autoptr(RoundsRemotePost) found = NULL;
  g_autoptr(RoundsRemotePost) too_old = NULL;
  g_autoptr(GError) error = NULL;
  gint64 sent_after = now () - 1;

  post = publish (f, target, &error);
  g_assert_no_error (error);
  /* 60 newer posts push it to the second page of 40. */
  for (guint i = 0; i < 60; i++)
    {
      g_autofree char *text = g_strdup_printf ("Filler %u", i);
      g_autofree char *key = g_strdup_printf ("filler-%u", i);
      g_autoptr(RoundsOutgoing) filler = rounds_outgoing_new (text, key);
      g_autoptr(RoundsRemotePost) p = publish (f, filler, &error);

      g_assert_no_error (error);
    }

  found = lookup (f, target, sent_after, &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  g_assert_cmpstr (found->remote_id, ==, post->remote_id);

  /* Only posts made after the publication started count. */
  too_old = lookup (f, target, now () + 3600, &error);
  g_assert_no_error (error);
  g_assert_null (too_old);
}

static void
test_scheduled_native (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(RoundsOutgoing) outgoing = rounds_outgoing_new ("Vaccination day next week", "sched-key");
  g_autoptr(RoundsRemotePost) post = NULL;
  g_autoptr(RoundsRemotePost) found = NULL;
  g_autoptr(RoundsRemotePost) moved = NULL;
  g_autoptr(RoundsRemotePost) due = NULL;
  g_autoptr(RoundsOutgoing) due_outgoing = rounds_outgoing_new ("Due now", "due-key");
  g_autoptr(GError) error = NULL;

  outgoing->scheduled_at = now () + 3600;
  post = publish (f, outgoing, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (post->remote_id, ROUNDS_MASTODON_SCHEDULED_PREFIX));
  g_assert_cmpint (post->created_at, ==, outgoing->scheduled_at);
  g_assert_cmpuint (rounds_mastodon_stub_count_scheduled (f->stub), ==, 1);
  g_assert_cmpuint (rounds_mastodon_stub_count_statuses (f->stub), ==, 0);

  /* After a crash the scheduled one is found too. */
  found = lookup (f, outgoing, now () - 5, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found->remote_id, ==, post->remote_id);

  /* Moved or cancelled in Rounds: it is cancelled on the server. */
  g_assert_true (delete_post (f, post->remote_id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rounds_mastodon_stub_count_scheduled (f->stub), ==, 0);

  /* Moved: sent again for the new time with the same publication key, it
   * is a new scheduled status, not the server's memory of the old one. */
  outgoing->scheduled_at += 1800;
  moved = publish (f, outgoing, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (moved->remote_id, !=, post->remote_id);
  g_assert_cmpint (moved->created_at, ==, outgoing->scheduled_at);
  g_assert_cmpuint (rounds_mastodon_stub_count_scheduled (f->stub), ==, 1);
  g_assert_true (delete_post (f, moved->remote_id, &error));

  /* Less than five minutes ahead (or past): published at once. */
  due_outgoing->scheduled_at = now () + 60;
  due = publish (f, due_outgoing, &error);
  g_assert_no_error (error);
  g_assert_false (g_str_has_prefix (due->remote_id, ROUNDS_MASTODON_SCHEDULED_PREFIX));
  g_assert_cmpuint (rounds_mastodon_stub_count_statuses (f->stub), ==, 1);
}

static void
test_delete (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(RoundsOutgoing) outgoing = rounds_outgoing_new ("To delete", "del-key");
  g_autoptr(RoundsRemotePost) post = NULL;
  g_autoptr(GError) error = NULL;

  post = publish (f, outgoing, &error);
  g_assert_no_error (error);
  g_assert_true (delete_post (f, post->remote_id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rounds_mastodon_stub_count_statuses (f->stub), ==, 0);

  g_assert_false (delete_post (f, post->remote_id, &error));
  g_assert_error (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* An id is a string: nothing in it can change the path. */
  g_assert_false (delete_post (f, "../accounts/verify_credentials", &error));
  g_assert_true (error->domain == ROUNDS_CONNECTOR_ERROR);
  g_assert_cmpint (error->code, !=, ROUNDS_CONNECTOR_ERROR_AUTH_EXPIRED);
}

/* A comment its author deleted is reported gone (the Inbox marks it so);
 * one still there is not; a server error calls nothing gone. */
static GPtrArray *
check_gone (Fixture            *f,
            const char * const *ids,
            GError            **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  rounds_connector_check_gone_async (f->connector, ids, NULL, on_done, &result);
  return rounds_connector_check_gone_finish (f->connector, wait_for (&result), error);
}

static void
test_check_gone (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(RoundsOutgoing) outgoing = rounds_outgoing_new ("Ask us anything", "gone-key");
  g_autoptr(RoundsRemotePost) post = NULL;
  g_autoptr(GPtrArray) replies = NULL;
  g_autoptr(GPtrArray) gone = NULL;
  g_autoptr(GError) error = NULL;
  const char *ids[3] = { NULL };

  /* The Inbox's poller asks only connectors that say they can. */
  g_assert_true (rounds_connector_get_capabilities (f->connector) & ROUNDS_CONNECTOR_CAN_CHECK_GONE);
  post = publish (f, outgoing, &error);
  g_assert_no_error (error);
  g_free (rounds_mastodon_stub_add_mention (f->stub, "pat@other.example", "Pat", "<p>first</p>",
                                            post->remote_id));
  g_free (rounds_mastodon_stub_add_mention (f->stub, "sam@other.example", "Sam", "<p>second</p>",
                                            post->remote_id));
  replies = list_replies (f, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (replies->len, ==, 2);
  ids[0] = ((RoundsRemoteComment *) g_ptr_array_index (replies, 0))->remote_id;
  ids[1] = ((RoundsRemoteComment *) g_ptr_array_index (replies, 1))->remote_id;

  gone = check_gone (f, ids, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gone->len, ==, 0);
  g_clear_pointer (&gone, g_ptr_array_unref);

  g_assert_true (rounds_mastodon_stub_delete_status (f->stub, ids[0]));
  gone = check_gone (f, ids, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gone->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (gone, 0), ==, ids[0]);
  g_clear_pointer (&gone, g_ptr_array_unref);

  /* The server fails: an error, and no comment is called gone. */
  rounds_mastodon_stub_add_fault (f->stub, "/api/v1/statuses", ROUNDS_MASTODON_STUB_FAULT_STATUS,
                                  500, 10, NULL);
  gone = check_gone (f, ids, &error);
  g_assert_null (gone);
  g_assert_nonnull (error);
}

static void
test_list_replies (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(RoundsOutgoing) outgoing = rounds_outgoing_new ("Ask us anything", "ask-key");
  g_autoptr(RoundsRemotePost) post = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(GPtrArray) third = NULL;
  g_autofree char *cursor1 = NULL;
  g_autofree char *cursor2 = NULL;
  g_autofree char *cursor3 = NULL;
  g_autoptr(GError) error = NULL;
  RoundsRemoteComment *c;

  post = publish (f, outgoing, &error);
  g_assert_no_error (error);

  g_free (rounds_mastodon_stub_add_mention (f->stub, "pat@other.example", "Pat",
          "<p><span class=\"h-card\"><a href=\"https://127.0.0.1/@clinic\" class=\"u-url mention\">"
          "@<span>clinic</span></a></span> Do you take walk-ins &amp; is parking free?<br />Thanks!</p>",
          post->remote_id));
  g_free (rounds_mastodon_stub_add_mention (f->stub, "sam", "",
          "<p>@clinic hello&#33; &#x1F600;</p><p>Second paragraph</p>", NULL));

  first = list_replies (f, NULL, &cursor1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->len, ==, 2);
  c = g_ptr_array_index (first, 0);   /* oldest first */
  g_assert_cmpint (c->kind, ==, ROUNDS_REMOTE_COMMENT_REPLY);
  g_assert_cmpstr (c->parent_id, ==, post->remote_id);
  g_assert_cmpstr (c->author_name, ==, "Pat");
  g_assert_cmpstr (c->author_handle, ==, "@pat@other.example");
  g_assert_cmpstr (c->text, ==, "@clinic Do you take walk-ins & is parking free?\nThanks!");
  g_assert_nonnull (c->url);
  g_assert_cmpint (c->created_at, >, 0);
  c = g_ptr_array_index (first, 1);
  g_assert_cmpint (c->kind, ==, ROUNDS_REMOTE_COMMENT_MENTION);
  g_assert_cmpstr (c->author_name, ==, "sam");   /* no display name: the username */
  g_assert_cmpstr (c->author_handle, ==, "@sam@127.0.0.1");
  g_assert_cmpstr (c->text, ==, "@clinic hello! \xF0\x9F\x98\x80\n\nSecond paragraph");
  g_assert_nonnull (cursor1);

  /* 95 more arrive: the next poll pages forward through all of them. */
  for (guint i = 0; i < 95; i++)
    {
      g_autofree char *html = g_strdup_printf ("<p>question %u</p>", i);

      g_free (rounds_mastodon_stub_add_mention (f->stub, "pat@other.example", "Pat", html,
                                                post->remote_id));
    }
  second = list_replies (f, cursor1, &cursor2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (second->len, ==, 95);
  for (guint i = 0; i < 95; i++)
    {
      g_autofree char *expected = g_strdup_printf ("question %u", i);

      c = g_ptr_array_index (second, i);
      g_assert_cmpstr (c->text, ==, expected);
    }
  g_assert_cmpstr (cursor2, !=, cursor1);

  /* Nothing new: nothing returned, the cursor stays. */
  third = list_replies (f, cursor2, &cursor3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (third->len, ==, 0);
  g_assert_cmpstr (cursor3, ==, cursor2);
}

static void
test_reply (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *notification = rounds_mastodon_stub_add_mention (f->stub, "pat@other.example",
                                                                    "Pat", "<p>@clinic hours?</p>", NULL);
  g_autoptr(GPtrArray) comments = NULL;
  g_autoptr(RoundsOutgoing) outgoing = NULL;
  g_autoptr(RoundsRemotePost) reply = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  RoundsRemoteComment *c;

  comments = list_replies (f, NULL, NULL, &error);
  g_assert_no_error (error);
  c = g_ptr_array_index (comments, 0);

  outgoing = rounds_outgoing_new ("@pat@other.example We open at 8.", "reply-key");
  outgoing->reply_to_id = g_strdup (c->remote_id);

  /* The answer is lost after the server posted the reply … */
  rounds_mastodon_stub_add_fault (f->stub, "/api/v1/statuses", ROUNDS_MASTODON_STUB_FAULT_CUT_AFTER,
                                  0, 1, NULL);
  rounds_connector_reply_async (f->connector, outgoing, NULL, on_done, &result);
  reply = rounds_connector_reply_finish (f->connector, wait_for (&result), &error);
  g_assert_null (reply);
  g_assert_error (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_MALFORMED);
  g_clear_error (&error);

  /* … and the lookup finds it, although Mastodon shows the mention
   * without its domain. */
  reply = lookup (f, outgoing, now () - 5, &error);
  g_assert_no_error (error);
  g_assert_nonnull (reply);
  g_assert_cmpstr (rounds_mastodon_stub_get_status_text (f->stub, reply->remote_id), ==,
                   "@pat@other.example We open at 8.");
  g_assert_cmpuint (rounds_mastodon_stub_count_statuses (f->stub), ==, 1);
}

static void
test_metrics (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(RoundsOutgoing) outgoing = rounds_outgoing_new ("Counted", "metrics-key");
  g_autoptr(RoundsRemotePost) post = NULL;
  g_autoptr(GPtrArray) metrics = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char *ids[4] = { NULL, "999999999999999999", "scheduled/1", NULL };
  guint found = 0;

  post = publish (f, outgoing, &error);
  g_assert_no_error (error);
  rounds_mastodon_stub_set_counts (f->stub, post->remote_id, 7, 3, 2);
  ids[0] = post->remote_id;

  rounds_connector_fetch_metrics_async (f->connector, ids, NULL, on_done, &result);
  metrics = rounds_connector_fetch_metrics_finish (f->connector, wait_for (&result), &error);
  g_assert_no_error (error);
  /* followers + 3 for the post; the deleted and the scheduled ones have none */
  g_assert_cmpuint (metrics->len, ==, 4);
  for (guint i = 0; i < metrics->len; i++)
    {
      RoundsMetric *m = g_ptr_array_index (metrics, i);

      if (m->remote_id == NULL && g_str_equal (m->name, "followers"))
        found += m->value == 1234;
      else if (g_strcmp0 (m->remote_id, post->remote_id) == 0)
        found += (g_str_equal (m->name, "likes") && m->value == 7)
                 || (g_str_equal (m->name, "shares") && m->value == 3)
                 || (g_str_equal (m->name, "comments") && m->value == 2);
    }
  g_assert_cmpuint (found, ==, 4);
}

static gint64
collect (RoundsMetricsCollector  *collector,
         GError                 **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  rounds_metrics_collector_collect_async (collector, NULL, on_done, &result);
  return rounds_metrics_collector_collect_finish (collector, wait_for (&result), error);
}

static void
on_stored (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_assert_true (rounds_secrets_store_finish (ROUNDS_SECRETS (object), result, NULL));
  *(gboolean *) user_data = TRUE;
}

/* Insights' daily collector measures a connected Mastodon account through
 * the connector: its followers and the posts Rounds published on it, with
 * the sign-in from the keyring; a second run the same day asks for
 * nothing; an account whose sign-in expired is left alone. */
static void
test_daily_collector (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->tmpdir, "rounds.db", NULL);
  g_autoptr(RoundsClock) clock = rounds_clock_new_real ();
  g_autoptr(RoundsStore) store = NULL;
  g_autoptr(RoundsSecrets) secrets = rounds_secrets_new_in_memory ();
  RoundsAccount *account;
  RoundsAccount *expired;
  g_autoptr(RoundsPost) post = rounds_post_new ();
  g_autoptr(RoundsOutgoing) outgoing = rounds_outgoing_new ("Counted daily", "collector-key");
  g_autoptr(RoundsRemotePost) remote = NULL;
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(RoundsMetricsCollector) collector = NULL;
  g_autoptr(RoundsInsightsData) insights = NULL;
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  g_autoptr(GError) error = NULL;
  RoundsPost *saved;
  gint64 ids[2];
  gboolean stored = FALSE;
  guint requests;
  RoundsMeasuredPost *measured = NULL;
  gint64 followers = -1;

  store = rounds_store_open (path, clock, ROUNDS_STORE_OPEN_NO_BACKUPS, &error);
  g_assert_no_error (error);
  account = rounds_store_add_account (store, ROUNDS_NETWORK_MASTODON,
                                      rounds_mastodon_stub_get_base_url (f->stub), "@clinic",
                                      "Clinic", "1", 0, &error);
  g_assert_no_error (error);
  expired = rounds_store_add_account (store, ROUNDS_NETWORK_MASTODON,
                                      rounds_mastodon_stub_get_base_url (f->stub), "@old",
                                      "Old", "2", 0, &error);
  g_assert_no_error (error);
  g_assert_true (rounds_store_set_account_auth_expired (store, rounds_account_get_id (expired),
                                                        "expired", &error));
  rounds_secrets_store_async (secrets, rounds_account_get_secret_id (account), "Rounds: test",
                              "{\"access_token\": \"" TOKEN "\"}", NULL, on_stored, &stored);
  while (!stored)
    g_main_context_iteration (NULL, TRUE);

  /* A post Rounds published on the account. */
  rounds_post_set_title (post, "Education: Flu shots");
  rounds_post_set_body (post, "Counted daily");
  rounds_post_set_networks (post, ROUNDS_NETWORK_MASTODON);
  rounds_post_set_scheduled_at (post, rounds_clock_get_now (clock) + 60);
  saved = rounds_store_import_post (store, post, ROUNDS_POST_STATUS_SCHEDULED, "test", &error);
  g_assert_no_error (error);
  ids[0] = rounds_account_get_id (account);
  /* Chosen for the account: its publication is queued. */
  g_assert_true (rounds_store_set_post_accounts (store, rounds_post_get_id (saved), ids, 1, &error));
  due = rounds_store_list_due_publications (store, rounds_clock_get_now (clock) + 120, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (due->len, ==, 1);
  remote = publish (f, outgoing, &error);
  g_assert_no_error (error);
  g_assert_true (rounds_store_begin_publication (store,
                                                 rounds_publication_get_id (g_ptr_array_index (due, 0)),
                                                 &error));
  g_assert_true (rounds_store_publication_published (store,
                                                     rounds_publication_get_id (g_ptr_array_index (due, 0)),
                                                     remote->remote_id, remote->url, &error));
  rounds_mastodon_stub_set_counts (f->stub, remote->remote_id, 7, 3, 2);

  collector = rounds_metrics_collector_new (store, tz);
  /* Without the keyring, nothing is measured. */
  g_assert_cmpint (collect (collector, &error), ==, 0);
  g_assert_no_error (error);

  rounds_metrics_collector_set_secrets (collector, secrets);
  /* Followers, and likes, shares and comments of the post. */
  g_assert_cmpint (collect (collector, &error), ==, 4);
  g_assert_no_error (error);

  insights = rounds_store_load_insights (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < insights->posts->len; i++)
    {
      RoundsMeasuredPost *p = g_ptr_array_index (insights->posts, i);

      if (g_strcmp0 (p->remote_id, remote->remote_id) == 0)
        measured = p;
    }
  g_assert_nonnull (measured);
  g_assert_cmpint (measured->post_id, ==, rounds_post_get_id (saved));
  g_assert_cmpstr (measured->pillar, ==, "education");
  g_assert_cmpint (rounds_measured_post_get (measured, "likes"), ==, 7);
  g_assert_cmpint (rounds_measured_post_get (measured, "comments"), ==, 2);
  for (guint i = 0; i < insights->accounts->len; i++)
    {
      RoundsAccountSnapshot *a = &g_array_index (insights->accounts, RoundsAccountSnapshot, i);

      if (g_str_equal (a->metric, "followers"))
        {
          g_assert_cmpstr (a->account, ==, "1");
          followers = a->value;
        }
    }
  g_assert_cmpint (followers, ==, 1234);

  /* The same day again: nothing new, and the network is not asked. */
  requests = rounds_mastodon_stub_get_request_count (f->stub);
  g_assert_cmpint (collect (collector, &error), ==, 0);
  g_assert_no_error (error);
  g_assert_cmpuint (rounds_mastodon_stub_get_request_count (f->stub), ==, requests);

  rounds_store_close (store);
}

/* ------------------------------------------------------------------ */
/* Sign-in: the stub is the authorization server, a SoupSession the browser */

typedef struct
{
  RoundsMastodonStub   *stub;
  RoundsMastodonSignIn *sign_in;
  SoupSession          *browser;
} SignIn;

static void
sign_in_set_up (SignIn        *s,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  s->stub = rounds_mastodon_stub_new (&error);
  g_assert_no_error (error);
  s->sign_in = rounds_mastodon_sign_in_new (rounds_mastodon_stub_get_base_url (s->stub), &error);
  g_assert_no_error (error);
  s->browser = soup_session_new ();
}

static void
sign_in_tear_down (SignIn        *s,
                   gconstpointer  data)
{
  g_clear_object (&s->sign_in);
  g_clear_object (&s->stub);
  g_clear_object (&s->browser);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* The browser: GET @uri without following redirects. */
static guint
browse (SignIn      *s,
        const char  *uri,
        char       **location)
{
  g_autoptr(SoupMessage) message = soup_message_new ("GET", uri);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (message);
  soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT);
  soup_session_send_and_read_async (s->browser, message, G_PRIORITY_DEFAULT, NULL, on_done, &result);
  body = soup_session_send_and_read_finish (s->browser, wait_for (&result), &error);
  g_assert_no_error (error);
  if (location != NULL)
    *location = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (message),
                                                        "Location"));
  return soup_message_get_status (message);
}

static char *
begin (SignIn *s)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *url;

  rounds_mastodon_sign_in_begin_async (s->sign_in, NULL, on_done, &result);
  url = rounds_mastodon_sign_in_begin_finish (s->sign_in, wait_for (&result), &error);
  g_assert_no_error (error);
  return url;
}

static char *
loopback_with (const char *location,
               const char *param,
               const char *value)
{
  g_autoptr(GUri) uri = g_uri_parse (location, G_URI_FLAGS_NONE, NULL);
  g_autofree char *escaped = g_uri_escape_string (value, NULL, FALSE);

  return g_strdup_printf ("http://127.0.0.1:%d%s?%s=%s", g_uri_get_port (uri),
                          g_uri_get_path (uri), param, escaped);
}

static void
test_sign_in_flow (SignIn        *s,
                   gconstpointer  data)
{
  g_autofree char *url = begin (s);
  g_autofree char *location = NULL;
  g_autofree char *forged = NULL;
  g_autofree char *credentials = NULL;
  g_autoptr(RoundsAccountInfo) info = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) verified = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) stored = NULL;
  g_autoptr(RoundsConnector) connector = NULL;
  g_autoptr(RoundsAccountInfo) again = NULL;

  g_assert_true (g_str_has_prefix (url, rounds_mastodon_stub_get_base_url (s->stub)));
  g_assert_nonnull (strstr (url, "code_challenge_method=S256"));
  g_assert_nonnull (strstr (url, "redirect_uri=http%3A%2F%2F127.0.0.1%3A"));

  rounds_mastodon_sign_in_complete_async (s->sign_in, NULL, on_done, &result);

  /* The user approves: the server sends the browser to the loopback. */
  g_assert_cmpuint (browse (s, url, &location), ==, 302);
  g_assert_true (g_str_has_prefix (location, "http://127.0.0.1:"));
  g_assert_nonnull (strstr (location, "code="));

  /* Someone else's redirect (wrong state) is refused and changes nothing. */
  forged = loopback_with (location, "state", "forged");
  g_assert_cmpuint (browse (s, forged, NULL), ==, 400);
  g_main_context_iteration (NULL, FALSE);
  g_assert_null (result);

  g_assert_cmpuint (browse (s, location, NULL), ==, 200);
  g_assert_true (rounds_mastodon_sign_in_complete_finish (s->sign_in, wait_for (&result),
                                                          &credentials, &info, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (info->handle, ==, "@clinic@127.0.0.1");
  g_assert_cmpstr (info->remote_id, ==, "110000000000000001");

  stored = json_from_string (credentials, &error);
  g_assert_no_error (error);
  g_assert_nonnull (json_object_get_string_member (json_node_get_object (stored), "access_token"));
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (stored), "account_id"), ==,
                   "110000000000000001");

  /* The loopback server is gone once signed in. */
  g_assert_cmpuint (browse (s, url, NULL), ==, 302);   /* the stub still answers */
  {
    g_autoptr(SoupMessage) message = soup_message_new ("GET", location);
    g_autoptr(GError) gone = NULL;
    g_autoptr(GBytes) body = soup_session_send_and_read (s->browser, message, NULL, &gone);

    g_assert_nonnull (gone);
  }

  /* What was stored works. */
  connector = rounds_connector_new_for_network (ROUNDS_NETWORK_MASTODON,
                                                rounds_mastodon_sign_in_get_base_url (s->sign_in),
                                                credentials, &error);
  g_assert_no_error (error);
  rounds_connector_verify_async (connector, NULL, on_done, &verified);
  again = rounds_connector_verify_finish (connector, wait_for (&verified), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again->handle, ==, "@clinic@127.0.0.1");
}

static void
test_sign_in_denied (SignIn        *s,
                     gconstpointer  data)
{
  g_autofree char *url = begin (s);
  g_autofree char *location = NULL;
  g_autofree char *denied = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) loc = NULL;
  g_autoptr(GHashTable) query = NULL;

  rounds_mastodon_sign_in_complete_async (s->sign_in, NULL, on_done, &result);
  g_assert_cmpuint (browse (s, url, &location), ==, 302);
  loc = g_uri_parse (location, G_URI_FLAGS_NONE, NULL);
  query = soup_form_decode (g_uri_get_query (loc));
  denied = g_strdup_printf ("http://127.0.0.1:%d%s?error=access_denied&state=%s",
                            g_uri_get_port (loc), g_uri_get_path (loc),
                            (char *) g_hash_table_lookup (query, "state"));
  g_assert_cmpuint (browse (s, denied, NULL), ==, 200);
  g_assert_false (rounds_mastodon_sign_in_complete_finish (s->sign_in, wait_for (&result),
                                                           NULL, NULL, &error));
  g_assert_error (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_REJECTED);
  g_assert_nonnull (strstr (error->message, "access_denied"));
}

static void
test_sign_in_cancelled (SignIn        *s,
                        gconstpointer  data)
{
  g_autofree char *url = begin (s);
  g_autofree char *location = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (browse (s, url, &location), ==, 302);
  rounds_mastodon_sign_in_complete_async (s->sign_in, cancellable, on_done, &result);
  g_cancellable_cancel (cancellable);
  g_assert_false (rounds_mastodon_sign_in_complete_finish (s->sign_in, wait_for (&result),
                                                           NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* Nothing listens any more. */
  {
    g_autoptr(SoupMessage) message = soup_message_new ("GET", location);
    g_autoptr(GError) gone = NULL;
    g_autoptr(GBytes) body = soup_session_send_and_read (s->browser, message, NULL, &gone);

    g_assert_nonnull (gone);
  }
}

static void
test_sign_in_bad_server (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RoundsMastodonSignIn) sign_in = rounds_mastodon_sign_in_new ("not a server", &error);

  g_assert_null (sign_in);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

static void
test_pkce (void)
{
  /* RFC 7636, appendix B */
  g_autofree char *challenge = rounds_oauth_pkce_challenge ("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
  g_autofree char *a = rounds_oauth_random_token (32);
  g_autofree char *b = rounds_oauth_random_token (32);

  g_assert_cmpstr (challenge, ==, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
  g_assert_cmpuint (strlen (a), ==, 43);
  g_assert_cmpstr (a, !=, b);
  g_assert_null (strpbrk (a, "+/="));
}

static void
test_html_to_text (void)
{
  struct { const char *html, *text; } cases[] = {
    { "<p>Hello</p><p>World</p>", "Hello\n\nWorld" },
    { "<p>a<br>b<br/>c<br />d</p>", "a\nb\nc\nd" },
    { "<p>&lt;b&gt; &amp;amp; &quot;q&quot; &#39;s&#39; &apos;</p>", "<b> &amp; \"q\" 's' '" },
    { "<p>x&#0;y&#xD800;z&#1114112;</p>", "x\xEF\xBF\xBDy\xEF\xBF\xBDz\xEF\xBF\xBD" },
    { "<p>&unknown; & alone &#; &#x;</p>", "&unknown; & alone &#; &#x;" },
    { "<p><a href=\"https://e.org/long\"><span class=\"invisible\">https://</span>"
      "<span class=\"ellipsis\">e.org/lo</span><span class=\"invisible\">ng</span></a></p>",
      "https://e.org/long" },
    { "<p>safe</p><script>alert(1)</script><style>p{}</style>", "safe" },
    { "<p>unfinished <b", "unfinished" },
    { "no tags", "no tags" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = rounds_html_to_text (cases[i].html);

      g_assert_cmpstr (text, ==, cases[i].text);
      g_assert_true (g_utf8_validate (text, -1, NULL));
    }
  {
    g_autofree char *invalid = rounds_html_to_text ("<p>\xff\xfe ok</p>");
    g_autofree char *normal = rounds_text_normalize_for_match ("  a \n\n b\xC2\xA0" "c  ");

    g_assert_true (g_utf8_validate (invalid, -1, NULL));
    g_assert_cmpstr (normal, ==, "a b c");
  }
}

/* The stub as a program of its own (for tests that kill processes). */
static void
test_stub_program (void)
{
  const char *build = g_getenv ("ROUNDS_BUILD_ROOT");
  g_autofree char *program = NULL;
  g_autofree char *fd_arg = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *uri = NULL;
  char line[32] = { 0 };
  int fds[2];
  gssize got;

  if (build == NULL)
    {
      g_test_skip ("ROUNDS_BUILD_ROOT is not set");
      return;
    }
  program = g_build_filename (build, "tests", "servers", "mastodon-stub", NULL);
  g_assert_true (g_unix_open_pipe (fds, FD_CLOEXEC, NULL));

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_subprocess_launcher_take_fd (launcher, fds[1], 3);
  fd_arg = g_strdup ("--port-fd=3");
  process = g_subprocess_launcher_spawn (launcher, &error, program, fd_arg, "--token", "t1", NULL);
  g_assert_no_error (error);

  got = read (fds[0], line, sizeof line - 1);
  close (fds[0]);
  g_assert_cmpint (got, >, 1);
  uri = g_strdup_printf ("http://127.0.0.1:%d/_stub/statuses", atoi (line));

  message = soup_message_new ("GET", uri);
  body = soup_session_send_and_read (session, message, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (message), ==, 200);
  g_assert_cmpmem (g_bytes_get_data (body, NULL), g_bytes_get_size (body), "[]", 2);

  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
#define ADD_SIGN_IN(path, func) \
  g_test_add (path, SignIn, NULL, sign_in_set_up, func, sign_in_tear_down)

  ADD ("/mastodon/verify", test_verify);
  ADD ("/mastodon/verify-revoked", test_verify_revoked);
  ADD ("/mastodon/publish/text-idempotent", test_publish_text_idempotent);
  ADD ("/mastodon/publish/image-alt", test_publish_image_alt);
  ADD ("/mastodon/publish/missing-image", test_publish_missing_image);
  ADD ("/mastodon/publish/rejected", test_publish_rejected);
  ADD ("/mastodon/publish/rate-limited", test_publish_rate_limited);
  ADD ("/mastodon/publish/server-error-page", test_publish_server_error_page);
  ADD ("/mastodon/publish/cut-after-post-then-lookup", test_cut_after_post_then_lookup);
  ADD ("/mastodon/lookup/pages-back", test_lookup_pages_back);
  ADD ("/mastodon/scheduled-native", test_scheduled_native);
  ADD ("/mastodon/delete", test_delete);
  ADD ("/mastodon/list-replies", test_list_replies);
  ADD ("/mastodon/check-gone", test_check_gone);
  ADD ("/mastodon/reply", test_reply);
  ADD ("/mastodon/metrics", test_metrics);
  ADD_SIGN_IN ("/mastodon/sign-in/flow", test_sign_in_flow);
  ADD_SIGN_IN ("/mastodon/sign-in/denied", test_sign_in_denied);
  ADD_SIGN_IN ("/mastodon/sign-in/cancelled", test_sign_in_cancelled);
  g_test_add ("/mastodon/daily-collector", Fixture, NULL, fixture_set_up, test_daily_collector,
              fixture_tear_down);
  g_test_add_func ("/mastodon/sign-in/bad-server", test_sign_in_bad_server);
  g_test_add_func ("/mastodon/pkce", test_pkce);
  g_test_add_func ("/mastodon/html-to-text", test_html_to_text);
  g_test_add_func ("/mastodon/stub-program", test_stub_program);

  return g_test_run ();
}
