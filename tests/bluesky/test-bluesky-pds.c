/* test-bluesky-pds.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>
#include <unistd.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>

#include "bluesky-harness.h"
#include "rounds-bluesky-connector.h"

/* Rounds' Bluesky connector against the reference PDS (see README.md here):
 * what a practice does — sign in with an app password, publish a post with
 * a link and a photo with alt text, survive a crash without posting twice,
 * get a reply, answer it, take a post down — checked by reading the records
 * back from the server itself. */

static BlueskyHarness *harness;
static gboolean harness_tried;

/* One server for the whole program (it takes seconds to start), started by
 * the first test; when it cannot start, every test says why. */
static gboolean
have_server (void)
{
  const char *handles[] = { "clinic-rounds.test", "neighbour-rounds.test", NULL };

  if (!harness_tried)
    {
      harness_tried = TRUE;
      harness = bluesky_harness_start (handles);
      return harness != NULL;
    }
  if (harness == NULL)
    bluesky_harness_report_unavailable ();
  return harness != NULL;
}

static void
on_result_cb (GObject      *source,
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

static RoundsConnector *
sign_in (BlueskyTestAccount *account)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(RoundsAccountInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *credentials = NULL;
  g_autofree char *base = NULL;

  rounds_bluesky_sign_in_async (harness->pds_url, account->handle, account->app_password, NULL,
                                on_result_cb, &result);
  info = rounds_bluesky_sign_in_finish (wait_for (&result), &credentials, &base, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (info->remote_id, ==, account->did);
  g_assert_cmpstr (info->handle, ==, account->handle);
  /* The refresh token's life (90 days on the reference PDS). */
  g_assert_cmpint (info->token_expires_at, >, g_get_real_time () / G_USEC_PER_SEC + 80 * 86400);
  g_assert_cmpstr (base, ==, harness->pds_url);
  return rounds_bluesky_connector_new (base, credentials);
}

static RoundsRemotePost *
publish (RoundsConnector *connector,
         RoundsOutgoing  *outgoing,
         gboolean         reply)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  RoundsRemotePost *post;

  if (reply)
    {
      rounds_connector_reply_async (connector, outgoing, NULL, on_result_cb, &result);
      post = rounds_connector_reply_finish (connector, wait_for (&result), &error);
    }
  else
    {
      rounds_connector_publish_async (connector, outgoing, NULL, on_result_cb, &result);
      post = rounds_connector_publish_finish (connector, wait_for (&result), &error);
    }
  g_assert_no_error (error);
  g_assert_nonnull (post);
  return post;
}

/* The record as the PDS stores it (com.atproto.repo.getRecord). */
static JsonNode *
read_record (const char *uri,
             guint      *status)
{
  g_auto(GStrv) parts = g_strsplit (uri + strlen ("at://"), "/", 3);
  g_autofree char *query = g_strdup_printf ("com.atproto.repo.getRecord?repo=%s&collection=%s"
                                            "&rkey=%s", parts[0], parts[1], parts[2]);

  return bluesky_xrpc_get (harness, query, NULL, status);
}

static guint
count_posts (const char *did)
{
  g_autofree char *query = g_strdup_printf ("com.atproto.repo.listRecords?repo=%s&collection="
                                            "app.bsky.feed.post&limit=100", did);
  g_autoptr(JsonNode) answer = bluesky_xrpc_get (harness, query, NULL, NULL);

  return json_array_get_length (json_object_get_array_member (json_node_get_object (answer),
                                                              "records"));
}

static char *
write_photo (int width,
             int height)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GRand) rand = g_rand_new_with_seed (12);
  g_autoptr(GError) error = NULL;
  guchar *pixels = gdk_pixbuf_get_pixels (pixbuf);
  gsize length = (gsize) gdk_pixbuf_get_rowstride (pixbuf) * height;
  char *path;
  int fd;

  /* Noise compresses badly: a PNG well over Bluesky's 1 MB image limit. */
  for (gsize i = 0; i < length; i++)
    pixels[i] = g_rand_int_range (rand, 0, 256);
  fd = g_file_open_tmp ("rounds-photo-XXXXXX.png", &path, &error);
  g_assert_no_error (error);
  close (fd);
  gdk_pixbuf_save (pixbuf, path, "png", &error, NULL);
  g_assert_no_error (error);
  return path;
}

static void
test_publish_post (void)
{
  BlueskyTestAccount *clinic;
  g_autoptr(RoundsConnector) connector = NULL;
  /* Characters of two and three bytes before the link. */
  const char *text = "Grippeimpfung für Ältere – Termine: https://praxis.example/grippe. Bis bald!";
  g_autoptr(RoundsOutgoing) outgoing = rounds_outgoing_new (text, "publication-17-bluesky");
  g_autoptr(RoundsRemotePost) post = NULL;
  g_autoptr(RoundsRemotePost) again = NULL;
  g_autoptr(RoundsRemotePost) found = NULL;
  g_autoptr(JsonNode) record = NULL;
  g_autoptr(GAsyncResult) lookup = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *photo = NULL;
  g_autofree char *rkey = rounds_bluesky_rkey_for_key ("publication-17-bluesky");
  JsonObject *value, *facet, *index, *feature, *image, *blob;
  gint64 link_start = strstr (text, "https://") - text;
  struct stat st;
  guint status = 0;

  if (!have_server ())
    return;
  clinic = bluesky_harness_get_account (harness, 0);
  connector = sign_in (clinic);
  photo = write_photo (1100, 900);

  g_assert_cmpint (g_stat (photo, &st), ==, 0);
  g_assert_cmpint (st.st_size, >, ROUNDS_BLUESKY_MAX_IMAGE_BYTES);
  g_ptr_array_add (outgoing->media,
                   rounds_outgoing_media_new (photo, "image/png", "A nurse gives a flu shot"));

  post = publish (connector, outgoing, FALSE);
  g_assert_true (g_str_has_prefix (post->remote_id, "at://"));
  g_assert_true (g_str_has_suffix (post->remote_id, rkey));
  g_assert_nonnull (post->notice);   /* the photo was made smaller: say so */

  record = read_record (post->remote_id, &status);
  g_assert_cmpuint (status, ==, 200);
  value = json_object_get_object_member (json_node_get_object (record), "value");
  g_assert_cmpstr (json_object_get_string_member (value, "text"), ==, text);

  /* The link facet, in UTF-8 bytes: 36 characters but 40 bytes in. */
  g_assert_cmpint (g_utf8_strlen (text, link_start), ==, 36);
  facet = json_array_get_object_element (json_object_get_array_member (value, "facets"), 0);
  index = json_object_get_object_member (facet, "index");
  g_assert_cmpint (json_object_get_int_member (index, "byteStart"), ==, link_start);
  g_assert_cmpint (json_object_get_int_member (index, "byteEnd"), ==,
                   link_start + strlen ("https://praxis.example/grippe"));
  feature = json_array_get_object_element (json_object_get_array_member (facet, "features"), 0);
  g_assert_cmpstr (json_object_get_string_member (feature, "uri"), ==,
                   "https://praxis.example/grippe");

  /* The photo, with its alt text, within the limit. */
  image = json_array_get_object_element (
    json_object_get_array_member (json_object_get_object_member (value, "embed"), "images"), 0);
  g_assert_cmpstr (json_object_get_string_member (image, "alt"), ==, "A nurse gives a flu shot");
  blob = json_object_get_object_member (image, "image");
  g_assert_cmpstr (json_object_get_string_member (blob, "mimeType"), ==, "image/jpeg");
  g_assert_cmpint (json_object_get_int_member (blob, "size"), <=, ROUNDS_BLUESKY_MAX_IMAGE_BYTES);

  /* Sent again (the queue crashed before it could note the success): the
   * same record comes back, and the server still has one post. */
  again = publish (connector, outgoing, FALSE);
  g_assert_cmpstr (again->remote_id, ==, post->remote_id);
  g_assert_cmpuint (count_posts (clinic->did), ==, 1);

  rounds_connector_lookup_async (connector, outgoing, 0, NULL, on_result_cb, &lookup);
  found = rounds_connector_lookup_finish (connector, wait_for (&lookup), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found->remote_id, ==, post->remote_id);

  g_unlink (photo);
}

static void
test_reply_thread (void)
{
  BlueskyTestAccount *clinic, *patient;
  g_autoptr(RoundsConnector) practice = NULL;
  g_autoptr(RoundsConnector) neighbour = NULL;
  g_autoptr(RoundsOutgoing) outgoing = rounds_outgoing_new ("Open on Saturday 9–12", "pub-open-sat");
  g_autoptr(RoundsOutgoing) comment = rounds_outgoing_new ("Do I need an appointment?", "c-1");
  g_autoptr(RoundsOutgoing) answer = rounds_outgoing_new ("No, just come by.", "answer-1");
  g_autoptr(RoundsRemotePost) post = NULL;
  g_autoptr(RoundsRemotePost) reply = NULL;
  g_autoptr(RoundsRemotePost) answered = NULL;
  g_autoptr(JsonNode) listed = NULL;
  g_autoptr(JsonNode) answer_record = NULL;
  g_autoptr(GAsyncResult) poll = NULL;
  g_autoptr(GPtrArray) replies = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *query = NULL;
  JsonArray *records;
  JsonObject *value;
  guint matches = 0;

  if (!have_server ())
    return;
  clinic = bluesky_harness_get_account (harness, 0);
  patient = bluesky_harness_get_account (harness, 1);
  practice = sign_in (clinic);
  neighbour = sign_in (patient);

  post = publish (practice, outgoing, FALSE);

  /* A second account answers the practice's post. */
  comment->reply_to_id = g_strdup (post->remote_id);
  reply = publish (neighbour, comment, TRUE);

  /* No AppView here, so the replies are found in the replier's repository
   * (listRecords): exactly one post answers ours, with root = parent = it. */
  query = g_strdup_printf ("com.atproto.repo.listRecords?repo=%s&collection=app.bsky.feed.post",
                           patient->did);
  listed = bluesky_xrpc_get (harness, query, NULL, NULL);
  records = json_object_get_array_member (json_node_get_object (listed), "records");
  for (guint i = 0; i < json_array_get_length (records); i++)
    {
      JsonObject *item = json_object_get_object_member (json_array_get_object_element (records, i),
                                                        "value");
      JsonObject *ref = json_object_has_member (item, "reply")
        ? json_object_get_object_member (item, "reply") : NULL;

      if (ref != NULL &&
          g_strcmp0 (json_object_get_string_member (json_object_get_object_member (ref, "parent"),
                                                    "uri"), post->remote_id) == 0)
        {
          matches++;
          g_assert_cmpstr (json_object_get_string_member (
                             json_object_get_object_member (ref, "root"), "uri"), ==,
                           post->remote_id);
          g_assert_cmpstr (json_object_get_string_member (item, "text"), ==,
                           "Do I need an appointment?");
        }
    }
  g_assert_cmpuint (matches, ==, 1);

  /* Without an AppView, listing replies says it cannot, clearly. */
  rounds_connector_list_replies_async (practice, NULL, NULL, on_result_cb, &poll);
  replies = rounds_connector_list_replies_finish (practice, wait_for (&poll), NULL, &error);
  g_assert_null (replies);
  g_assert_error (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_UNSUPPORTED);

  /* The practice answers the comment: root is its post, parent the comment. */
  answer->reply_to_id = g_strdup (reply->remote_id);
  answered = publish (practice, answer, TRUE);
  answer_record = read_record (answered->remote_id, NULL);
  value = json_object_get_object_member (json_node_get_object (answer_record), "value");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (
                     json_object_get_object_member (value, "reply"), "root"), "uri"), ==,
                   post->remote_id);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (
                     json_object_get_object_member (value, "reply"), "parent"), "uri"), ==,
                   reply->remote_id);
}

static void
test_delete (void)
{
  BlueskyTestAccount *clinic;
  g_autoptr(RoundsConnector) connector = NULL;
  g_autoptr(RoundsOutgoing) outgoing = rounds_outgoing_new ("Closed for the holiday", "pub-del");
  g_autoptr(RoundsRemotePost) post = NULL;
  g_autoptr(RoundsRemotePost) gone = NULL;
  g_autoptr(GAsyncResult) deleted = NULL;
  g_autoptr(GAsyncResult) lookup = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) record = NULL;
  guint status = 0;

  if (!have_server ())
    return;
  clinic = bluesky_harness_get_account (harness, 0);
  connector = sign_in (clinic);

  post = publish (connector, outgoing, FALSE);
  rounds_connector_delete_async (connector, post->remote_id, NULL, on_result_cb, &deleted);
  g_assert_true (rounds_connector_delete_finish (connector, wait_for (&deleted), &error));
  g_assert_no_error (error);

  record = read_record (post->remote_id, &status);
  g_assert_cmpuint (status, ==, 400);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (record), "error"), ==,
                   "RecordNotFound");

  rounds_connector_lookup_async (connector, outgoing, 0, NULL, on_result_cb, &lookup);
  gone = rounds_connector_lookup_finish (connector, wait_for (&lookup), &error);
  g_assert_no_error (error);
  g_assert_null (gone);
}

/* An access token that expired (forged with the run's JWT secret, exp in
 * the past): the PDS answers 400 ExpiredToken, the connector refreshes and
 * carries on, and hands the new tokens to the account layer. */
static char *
base64url (const guchar *data,
           gsize         length)
{
  char *text = g_base64_encode (data, length);

  for (char *p = text; *p != '\0'; p++)
    {
      if (*p == '+')
        *p = '-';
      else if (*p == '/')
        *p = '_';
      else if (*p == '=')
        {
          *p = '\0';
          break;
        }
    }
  return text;
}

static char *
expire_jwt (const char *jwt,
            const char *secret)
{
  g_auto(GStrv) parts = g_strsplit (jwt, ".", 3);
  g_autofree char *padded = g_strdup_printf ("%s==", parts[1]);
  g_autofree guchar *decoded = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *payload = NULL;
  g_autofree char *payload64 = NULL;
  g_autofree char *signing = NULL;
  g_autofree char *signature64 = NULL;
  g_autoptr(GHmac) hmac = NULL;
  guint8 signature[32];
  gsize signature_len = sizeof signature;
  gsize length = 0;
  JsonObject *claims;

  for (char *p = padded; *p != '\0'; p++)
    *p = *p == '-' ? '+' : *p == '_' ? '/' : *p;
  padded[strlen (parts[1]) + (4 - strlen (parts[1]) % 4) % 4] = '\0';
  decoded = g_base64_decode (padded, &length);
  g_assert_true (json_parser_load_from_data (parser, (char *) decoded, length, NULL));
  claims = json_node_get_object (json_parser_get_root (parser));
  json_object_set_int_member (claims, "exp", g_get_real_time () / G_USEC_PER_SEC - 60);
  json_generator_set_root (generator, json_parser_get_root (parser));
  payload = json_generator_to_data (generator, &length);
  payload64 = base64url ((guchar *) payload, length);
  signing = g_strdup_printf ("%s.%s", parts[0], payload64);
  hmac = g_hmac_new (G_CHECKSUM_SHA256, (const guchar *) secret, strlen (secret));
  g_hmac_update (hmac, (const guchar *) signing, -1);
  g_hmac_get_digest (hmac, signature, &signature_len);
  signature64 = base64url (signature, signature_len);
  return g_strdup_printf ("%s.%s", signing, signature64);
}

static void
test_expired_token (void)
{
  BlueskyTestAccount *clinic;
  g_autoptr(RoundsConnector) connector = NULL;
  g_autoptr(RoundsAccountInfo) info = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *credentials = NULL;
  g_autofree char *expired = NULL;
  g_autofree char *forged = NULL;
  g_autofree char *after = NULL;
  g_autoptr(JsonNode) probe = NULL;
  JsonObject *object;
  guint status = 0;

  if (!have_server ())
    return;
  clinic = bluesky_harness_get_account (harness, 0);
  connector = sign_in (clinic);
  credentials = rounds_connector_dup_credentials (connector);
  g_assert_nonnull (harness->jwt_secret);
  g_assert_true (json_parser_load_from_data (parser, credentials, -1, NULL));
  object = json_node_get_object (json_parser_get_root (parser));
  expired = expire_jwt (json_object_get_string_member (object, "accessJwt"), harness->jwt_secret);

  /* The PDS itself calls it expired. */
  probe = bluesky_xrpc_get (harness, "com.atproto.server.getSession", expired, &status);
  g_assert_cmpuint (status, ==, 400);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (probe), "error"), ==,
                   "ExpiredToken");

  json_object_set_string_member (object, "accessJwt", expired);
  json_generator_set_root (generator, json_parser_get_root (parser));
  forged = json_generator_to_data (generator, NULL);
  rounds_connector_set_credentials (connector, forged);

  rounds_connector_verify_async (connector, NULL, on_result_cb, &result);
  info = rounds_connector_verify_finish (connector, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (info->remote_id, ==, clinic->did);
  after = rounds_connector_dup_credentials (connector);
  g_assert_null (strstr (after, expired));
}

/* Last: nothing tried to leave the machine, and the server stops. */
static void
test_stays_on_loopback (void)
{
  if (!have_server ())
    return;
  g_assert_cmpuint (bluesky_harness_stop (harness), ==, 0);
  g_clear_pointer (&harness, bluesky_harness_free);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/bluesky/pds/publish-post", test_publish_post);
  g_test_add_func ("/bluesky/pds/reply-thread", test_reply_thread);
  g_test_add_func ("/bluesky/pds/delete", test_delete);
  g_test_add_func ("/bluesky/pds/expired-token", test_expired_token);
  g_test_add_func ("/bluesky/pds/stays-on-loopback", test_stays_on_loopback);

  return g_test_run ();
}
