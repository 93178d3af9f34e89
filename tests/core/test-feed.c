/* test-feed.c — the Atom feed of published posts: valid Atom (a RELAX NG
 * structure written from RFC 4287 and the rules it states in prose),
 * escaped text, only what was published, one network's feed, and the
 * file a website serves, written into a folder.
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "core-test-util.h"
#include "rounds-feed.h"
#include "rounds-store-publish.h"
#include "xml-test-util.h"

#define T0 ROUNDS_TEST_T0

typedef struct
{
  RoundsTestStoreFixture base;
  RoundsStore           *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  rounds_test_store_fixture_set_up (&f->base, "rounds-feed-XXXXXX");
  f->store = rounds_test_store_open (&f->base);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  rounds_store_close (f->store);
  g_clear_object (&f->store);
  rounds_test_store_fixture_tear_down (&f->base);
}

static gint64
add_post (Fixture          *f,
          const char       *title,
          const char       *body,
          RoundsNetwork     networks,
          RoundsPostStatus  status,
          gint64            at)
{
  g_autoptr(RoundsPost) post = rounds_post_new ();
  g_autoptr(GError) error = NULL;
  RoundsPost *saved;

  rounds_post_set_title (post, title);
  rounds_post_set_body (post, body);
  rounds_post_set_networks (post, networks);
  rounds_post_set_scheduled_at (post, at);
  saved = rounds_store_import_post (f->store, post, status, "test", &error);
  g_assert_no_error (error);
  return rounds_post_get_id (saved);
}

/* A post published through a connected account, whose network gave the
 * live post's address. */
static gint64
add_published_with_url (Fixture       *f,
                        const char    *title,
                        RoundsNetwork  network,
                        const char    *url)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pubs = NULL;
  gint64 id;

  if ((rounds_store_get_connected_networks (f->store) & network) == 0)
    g_assert_nonnull (rounds_store_add_account (f->store, network, "http://127.0.0.1:1", "clinic",
                                                "Clinic", "remote-1", T0 + 86400 * 30, &error));
  g_assert_no_error (error);
  id = add_post (f, title, "Our new hours start Monday.", network, ROUNDS_POST_STATUS_SCHEDULED,
                 T0 - 600);
  g_assert_cmpuint (rounds_store_ensure_publications (f->store, id, &error), ==, 1);
  pubs = rounds_store_list_publications (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_true (rounds_store_begin_publication (f->store,
                                                 rounds_publication_get_id (pubs->pdata[0]),
                                                 &error));
  g_assert_true (rounds_store_publication_published (f->store,
                                                     rounds_publication_get_id (pubs->pdata[0]),
                                                     "42", url, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rounds_post_get_status (rounds_store_lookup_post (f->store, id)), ==,
                   ROUNDS_POST_STATUS_PUBLISHED);
  return id;
}

static char *
render (Fixture       *f,
        RoundsNetwork  network)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = rounds_feed_collect (f->store, network, 0, &error);
  RoundsFeedInfo info = {
    .title = "Lakeside Family Practice",
    .authority = "lakeside.example",
    .since = "2026-03-01",
    .self_url = "https://lakeside.example/posts.atom",
    .website = "https://lakeside.example/",
    .network = network,
  };

  g_assert_no_error (error);
  return rounds_feed_render (&info, entries, T0);
}

/* xmllint against tests/data/feed/atom.rng; FALSE when it fails. */
static gboolean
validates (const char *xml,
           char      **output)
{
  g_autofree char *schema = g_test_build_filename (G_TEST_DIST, "data", "feed", "atom.rng", NULL);
  g_autofree char *dir = g_dir_make_tmp ("rounds-feed-lint-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "feed.atom", NULL);
  const char *argv[] = { "xmllint", "--noout", "--relaxng", schema, path, NULL };
  g_autoptr(GError) error = NULL;
  int status = -1;

  g_assert_true (g_file_set_contents (path, xml, -1, NULL));
  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                NULL, NULL, NULL, output, &status, &error);
  g_assert_no_error (error);
  g_unlink (path);
  g_rmdir (dir);
  return g_spawn_check_wait_status (status, NULL);
}

/* What RFC 4287 says in prose, which a RELAX NG schema cannot: every
 * entry has an author (here, the feed's); content or an alternate link;
 * at most one alternate link per type; ids are unique. */
static void
assert_atom_rules (XNode *feed)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_cmpstr (feed->name, ==, "feed");
  g_assert_cmpstr (g_hash_table_lookup (feed->attrs, "xmlns"), ==, "http://www.w3.org/2005/Atom");
  g_assert_cmpuint (xml_count (feed, "id"), ==, 1);
  g_assert_cmpuint (xml_count (feed, "title"), ==, 1);
  g_assert_cmpuint (xml_count (feed, "updated"), ==, 1);
  g_assert_cmpuint (xml_count (feed, "author"), >=, 1);
  g_hash_table_add (ids, (gpointer)xml_text (feed, "id"));

  for (guint i = 0; i < xml_count (feed, "entry"); i++)
    {
      XNode *entry = xml_child (feed, "entry", i);
      guint alternates = 0;

      g_assert_cmpuint (xml_count (entry, "id"), ==, 1);
      g_assert_cmpuint (xml_count (entry, "title"), ==, 1);
      g_assert_cmpuint (xml_count (entry, "updated"), ==, 1);
      for (guint j = 0; j < xml_count (entry, "link"); j++)
        alternates += g_strcmp0 (g_hash_table_lookup (xml_child (entry, "link", j)->attrs, "rel"),
                                 "alternate") == 0;
      g_assert_cmpuint (alternates, <=, 1);
      g_assert_true (xml_count (entry, "content") == 1 || alternates == 1);
      g_assert_true (g_hash_table_add (ids, (gpointer)xml_text (entry, "id")));
      g_assert_true (g_str_has_suffix (xml_text (entry, "updated"), "Z"));
    }
}

static XNode *
entry_titled (XNode      *feed,
              const char *title)
{
  for (guint i = 0; i < xml_count (feed, "entry"); i++)
    if (g_strcmp0 (xml_text (xml_child (feed, "entry", i), "title"), title) == 0)
      return xml_child (feed, "entry", i);
  return NULL;
}

/* Published posts, and only they, make a valid Atom feed: stable tag:
 * ids, UTC times, the live post's address when a network gave one. */
static void
test_valid (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *xml = NULL;
  g_autofree char *again = NULL;
  g_autofree char *output = NULL;
  g_autoptr(XNode) root = NULL;
  g_autofree char *hours_id = NULL;
  XNode *feed, *hours, *flu, *link;
  gint64 hours_post;

  add_post (f, "Flu shots are in", "Walk in any weekday morning.",
                     ROUNDS_NETWORK_FACEBOOK | ROUNDS_NETWORK_MASTODON,
                     ROUNDS_POST_STATUS_PUBLISHED, T0 - 86400);
  hours_post = add_published_with_url (f, "New hours", ROUNDS_NETWORK_MASTODON,
                                       "https://social.example/@lakeside/42");
  add_post (f, "A draft", "Not ready.", ROUNDS_NETWORK_FACEBOOK, ROUNDS_POST_STATUS_DRAFT, 0);
  add_post (f, "Coming soon", "Scheduled.", ROUNDS_NETWORK_FACEBOOK, ROUNDS_POST_STATUS_SCHEDULED,
            T0 + 86400);
  add_post (f, "In review", "Waiting.", ROUNDS_NETWORK_FACEBOOK, ROUNDS_POST_STATUS_IN_REVIEW, 0);

  xml = render (f, 0);
  if (!validates (xml, &output))
    g_error ("The feed does not validate:\n%s\n%s", output, xml);

  root = xml_parse (xml);
  feed = xml_document (root);
  assert_atom_rules (feed);
  g_assert_cmpstr (xml_text (feed, "title"), ==, "Lakeside Family Practice");
  g_assert_cmpstr (xml_text (feed, "id"), ==, "tag:lakeside.example,2026-03-01:rounds/feed/all");

  /* Only the two published posts; newest first. */
  g_assert_cmpuint (xml_count (feed, "entry"), ==, 2);
  g_assert_null (strstr (xml, "A draft"));
  g_assert_null (strstr (xml, "Coming soon"));
  g_assert_null (strstr (xml, "In review"));
  hours = xml_child (feed, "entry", 0);
  g_assert_cmpstr (xml_text (hours, "title"), ==, "New hours");
  flu = entry_titled (feed, "Flu shots are in");
  g_assert_nonnull (flu);
  g_assert_cmpstr (xml_text (flu, "content"), ==, "Walk in any weekday morning.");

  hours_id = g_strdup_printf ("tag:lakeside.example,2026-03-01:rounds/post/%" G_GINT64_FORMAT,
                              hours_post);
  g_assert_cmpstr (xml_text (hours, "id"), ==, hours_id);
  link = xml_child (hours, "link", 0);
  g_assert_cmpstr (g_hash_table_lookup (link->attrs, "rel"), ==, "alternate");
  g_assert_cmpstr (g_hash_table_lookup (link->attrs, "href"), ==,
                   "https://social.example/@lakeside/42");
  /* Published by hand: no address to link to. */
  g_assert_cmpuint (xml_count (flu, "link"), ==, 0);
  /* Published the day before the clock's now, in UTC. */
  g_assert_cmpstr (xml_text (flu, "published"), ==, "2026-03-01T15:00:00Z");

  /* The same posts later: the same ids. */
  {
    g_autoptr(XNode) root2 = NULL;

    rounds_clock_advance (f->base.clock, 3600);
    again = render (f, 0);
    root2 = xml_parse (again);
    g_assert_cmpstr (xml_text (entry_titled (xml_document (root2), "Flu shots are in"), "id"), ==,
                     xml_text (flu, "id"));
    g_assert_cmpstr (xml_text (xml_child (xml_document (root2), "entry", 0), "id"), ==, hours_id);
  }
}

/* Text a post could hold — markup, entities, quotes, a CDATA end, and
 * characters XML cannot carry — comes out as the same words, never as
 * markup, and the feed stays valid. */
static void
test_hostile (Fixture       *f,
              gconstpointer  data)
{
  const char *title = "Fish & chips <b>night</b> \"5 > 3\" 'ok' ]]>";
  const char *body = "</content><script>alert('x')</script>&amp; &#0; \x01\x02 bell\x07 "
                     "emoji 🩺 done";
  g_autofree char *xml = NULL;
  g_autofree char *output = NULL;
  g_autoptr(XNode) root = NULL;
  XNode *entry;

  add_post (f, title, body, ROUNDS_NETWORK_FACEBOOK, ROUNDS_POST_STATUS_PUBLISHED, T0 - 60);
  xml = render (f, 0);
  if (!validates (xml, &output))
    g_error ("The feed does not validate:\n%s\n%s", output, xml);
  g_assert_null (strstr (xml, "<script>"));
  g_assert_null (strstr (xml, "<b>"));
  g_assert_null (strchr (xml, '\x01'));
  g_assert_null (strchr (xml, '\x07'));

  root = xml_parse (xml);
  entry = xml_child (xml_document (root), "entry", 0);
  g_assert_cmpuint (xml_count (entry, "script"), ==, 0);
  g_assert_cmpstr (xml_text (entry, "title"), ==, title);
  /* The same words, less what XML 1.0 cannot hold. */
  g_assert_cmpstr (xml_text (entry, "content"), ==,
                   "</content><script>alert('x')</script>&amp; &#0;  bell emoji 🩺 done");
}

/* One network's feed: the posts made for it, and its own addresses. */
static void
test_per_network (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *facebook = NULL;
  g_autofree char *mastodon = NULL;
  g_autofree char *output = NULL;
  g_autoptr(XNode) fb_root = NULL;
  g_autoptr(XNode) ma_root = NULL;
  XNode *fb, *ma;

  add_post (f, "Both networks", "Hello.", ROUNDS_NETWORK_FACEBOOK | ROUNDS_NETWORK_MASTODON,
            ROUNDS_POST_STATUS_PUBLISHED, T0 - 7200);
  add_post (f, "Facebook only", "Hello.", ROUNDS_NETWORK_FACEBOOK, ROUNDS_POST_STATUS_PUBLISHED,
            T0 - 3600);
  add_published_with_url (f, "Mastodon only", ROUNDS_NETWORK_MASTODON,
                          "https://social.example/@lakeside/7");

  facebook = render (f, ROUNDS_NETWORK_FACEBOOK);
  mastodon = render (f, ROUNDS_NETWORK_MASTODON);
  g_assert_true (validates (facebook, &output));
  g_clear_pointer (&output, g_free);
  g_assert_true (validates (mastodon, &output));

  fb_root = xml_parse (facebook);
  fb = xml_document (fb_root);
  assert_atom_rules (fb);
  g_assert_cmpuint (xml_count (fb, "entry"), ==, 2);
  g_assert_nonnull (entry_titled (fb, "Both networks"));
  g_assert_nonnull (entry_titled (fb, "Facebook only"));
  g_assert_null (entry_titled (fb, "Mastodon only"));
  g_assert_cmpstr (xml_text (fb, "id"), ==, "tag:lakeside.example,2026-03-01:rounds/feed/facebook");
  g_assert_cmpstr (xml_text (fb, "title"), ==, "Lakeside Family Practice on Facebook");

  ma_root = xml_parse (mastodon);
  ma = xml_document (ma_root);
  g_assert_cmpuint (xml_count (ma, "entry"), ==, 2);
  g_assert_nonnull (entry_titled (ma, "Mastodon only"));
  g_assert_nonnull (entry_titled (ma, "Both networks"));
  g_assert_null (entry_titled (ma, "Facebook only"));
  g_assert_nonnull (strstr (mastodon, "https://social.example/@lakeside/7"));
  g_assert_null (strstr (facebook, "https://social.example/@lakeside/7"));

  g_autofree char *name = rounds_feed_file_name (ROUNDS_NETWORK_FACEBOOK);
  g_assert_cmpstr (name, ==, "posts-facebook.atom");
}

static void
test_authority (void)
{
  g_autofree char *a = rounds_feed_dup_authority ("https://www.Lakeside.example/blog?x=1");
  g_autofree char *b = rounds_feed_dup_authority ("lakeside.example");
  g_autofree char *c = rounds_feed_dup_authority ("");

  g_assert_cmpstr (a, ==, "www.lakeside.example");
  g_assert_cmpstr (b, ==, "lakeside.example");
  g_assert_null (c);
}

typedef struct
{
  guint  count;
  char  *error;
} Written;

static void
written_cb (RoundsFeedWriter *writer,
            const char       *error,
            Written          *written)
{
  g_free (written->error);
  written->error = g_strdup (error);
  written->count++;
}

static void
wait_written (Written *written,
              guint    count)
{
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (written->count < count && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (written->count, ==, count);
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d != NULL && g_dir_read_name (d) != NULL)
    n++;
  return n;
}

/* The feed in a folder the website serves: written when a post is
 * published (and only then), replaced whole, no temporary file left;
 * a folder that is not there, or a location this computer cannot
 * reach, says so. */
static void
test_write_folder (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(RoundsFeedWriter) writer = rounds_feed_writer_new (f->store);
  g_autofree char *site = g_build_filename (f->base.dir, "website", NULL);
  g_autofree char *path = g_build_filename (site, "posts.atom", NULL);
  g_autofree char *missing = g_build_filename (f->base.dir, "no-such-folder", NULL);
  g_autoptr(GFile) site_file = NULL;
  g_autofree char *site_uri = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *output = NULL;
  Written written = { 0 };

  g_assert_cmpint (g_mkdir (site, 0700), ==, 0);
  site_file = g_file_new_for_path (site);
  site_uri = g_file_get_uri (site_file);
  rounds_feed_writer_set_delay (writer, 10);
  g_signal_connect (writer, "written", G_CALLBACK (written_cb), &written);
  rounds_feed_writer_configure (writer, site_uri, 0, NULL, "2026-03-01", NULL, NULL);

  /* A draft changes nothing. */
  add_post (f, "Draft", "Not yet.", ROUNDS_NETWORK_FACEBOOK, ROUNDS_POST_STATUS_DRAFT, 0);
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (written.count, ==, 0);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* Published: the feed is written. */
  add_post (f, "Flu shots are in", "Walk in any weekday morning.", ROUNDS_NETWORK_FACEBOOK,
            ROUNDS_POST_STATUS_PUBLISHED, T0 - 60);
  wait_written (&written, 1);
  g_assert_null (written.error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (validates (contents, &output));
  g_assert_nonnull (strstr (contents, "Flu shots are in"));
  g_assert_null (strstr (contents, "Not yet."));

  /* Another: replaced whole, nothing else left in the folder. */
  g_clear_pointer (&contents, g_free);
  add_post (f, "Closed Monday", "For the holiday.", ROUNDS_NETWORK_FACEBOOK,
            ROUNDS_POST_STATUS_PUBLISHED, T0 - 30);
  wait_written (&written, 2);
  g_assert_null (written.error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "Closed Monday"));
  g_assert_nonnull (strstr (contents, "Flu shots are in"));
  g_assert_cmpuint (count_files (site), ==, 1);
  g_assert_cmpint (rounds_test_file_mode (path) & 0777, !=, 0);

  /* A published post deleted: gone from the website too. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *after = NULL;
    RoundsPost *closed = NULL;
    GListModel *posts = rounds_store_get_posts (f->store);

    for (guint i = 0; i < g_list_model_get_n_items (posts); i++)
      {
        g_autoptr(RoundsPost) p = g_list_model_get_item (posts, i);

        if (g_strcmp0 (rounds_post_get_title (p), "Closed Monday") == 0)
          closed = p;
      }
    g_assert_nonnull (closed);
    g_assert_true (rounds_store_delete_post (f->store, rounds_post_get_id (closed), &error));
    g_assert_no_error (error);
    wait_written (&written, 3);
    g_assert_null (written.error);
    g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
    g_assert_null (strstr (after, "Closed Monday"));
    g_assert_nonnull (strstr (after, "Flu shots are in"));
  }

  /* A plain path works as well as a file:// URI. */
  g_unlink (path);
  rounds_feed_writer_configure (writer, site, 0, NULL, "2026-03-01", NULL, NULL);
  rounds_feed_writer_write_now (writer);
  wait_written (&written, 4);
  g_assert_null (written.error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  /* A folder that is not there. */
  rounds_feed_writer_configure (writer, missing, 0, NULL, "2026-03-01", NULL, NULL);
  rounds_feed_writer_write_now (writer);
  wait_written (&written, 5);
  g_assert_nonnull (written.error);
  g_assert_nonnull (strstr (written.error, "does not exist"));
  g_assert_cmpstr (rounds_feed_writer_get_last_error (writer), ==, written.error);

  /* Nowhere at all. */
  rounds_feed_writer_configure (writer, NULL, 0, NULL, NULL, NULL, NULL);
  rounds_feed_writer_write_now (writer);
  wait_written (&written, 6);
  g_assert_cmpstr (written.error, ==, "Choose where the feed goes first.");

  /* WebDAV without GVFS: a message that says what is missing. (With
   * GVFS installed this part is not run: no DAV server is started.) */
  if (!rounds_feed_location_is_supported ("dav://127.0.0.1:9/site"))
    {
      rounds_feed_writer_configure (writer, "dav://127.0.0.1:9/site", 0, NULL, NULL, "web",
                                    "secret");
      rounds_feed_writer_write_now (writer);
      wait_written (&written, 7);
      g_assert_nonnull (strstr (written.error, "gvfs-backends"));
    }
  g_free (written.error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/feed/valid", Fixture, NULL, fixture_set_up, test_valid, fixture_tear_down);
  g_test_add ("/feed/hostile", Fixture, NULL, fixture_set_up, test_hostile, fixture_tear_down);
  g_test_add ("/feed/per-network", Fixture, NULL, fixture_set_up, test_per_network,
              fixture_tear_down);
  g_test_add_func ("/feed/authority", test_authority);
  g_test_add ("/feed/write-folder", Fixture, NULL, fixture_set_up, test_write_folder,
              fixture_tear_down);

  return g_test_run ();
}
