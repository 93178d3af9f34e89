/* test-inbox-store.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Inbox's store (rounds-store-inbox.h) on a real SQLite file: a poll's
 * items and cursor saved together, nothing stored twice, a failed batch
 * storing nothing, triage at insert, the filters and the unanswered count,
 * states and their audit entries, deleted items kept and marked, items
 * pasted by hand, and all of it still there after reopening.
 */

#include "config.h"

#include "core-test-util.h"
#include "rounds-store-inbox.h"
#include "rounds-store-publish.h"

typedef struct
{
  RoundsTestStoreFixture  base;
  RoundsStore            *store;
  gint64                  account;
  guint                   changed;
} Fixture;

static void
on_changed_cb (RoundsStore *store,
               Fixture     *fixture)
{
  fixture->changed++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  RoundsAccount *account;

  rounds_test_store_fixture_set_up (&fixture->base, "rounds-inbox-store-XXXXXX");
  fixture->store = rounds_test_store_open (&fixture->base);
  account = rounds_store_add_account (fixture->store, ROUNDS_NETWORK_MASTODON, "http://127.0.0.1:1",
                                      "@clinic@med.example", "Clinic", "1", 0, &error);
  g_assert_no_error (error);
  fixture->account = rounds_account_get_id (account);
  g_signal_connect (fixture->store, "comments-changed", G_CALLBACK (on_changed_cb), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->store != NULL)
    rounds_test_store_close (&fixture->store);
  rounds_test_store_fixture_tear_down (&fixture->base);
}

static RoundsInboxItem *
item (const char *remote_id,
      const char *text,
      int         rating,
      gint64      at)
{
  RoundsInboxItem *it = rounds_inbox_item_new ();

  it->network = ROUNDS_NETWORK_MASTODON;
  it->kind = rating > 0 ? ROUNDS_COMMENT_KIND_REVIEW : ROUNDS_COMMENT_KIND_COMMENT;
  it->remote_id = g_strdup (remote_id);
  it->author = g_strdup ("Someone");
  it->author_handle = g_strdup ("@someone@elsewhere.example");
  it->text = g_strdup (text);
  it->url = g_strdup_printf ("https://med.example/@someone/%s", remote_id);
  it->rating = rating;
  it->received_at = at;
  return it;
}

static GPtrArray *
batch (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) rounds_inbox_item_free);
}

static void
reopen (Fixture *fixture)
{
  rounds_test_store_close (&fixture->store);
  fixture->store = rounds_test_store_open (&fixture->base);
}

/* A poll's items and its cursor are saved together; the same items again
 * add nothing, and a new one is the only new id. */
static void
test_fetch_dedup (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) first = batch ();
  g_autoptr(GPtrArray) second = batch ();
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *cursor = NULL;
  GListModel *comments = rounds_store_get_comments (fixture->store);
  RoundsComment *c;

  g_assert_null (rounds_store_inbox_dup_cursor (fixture->store, fixture->account));

  g_ptr_array_add (first, item ("101", "Do you take Blue Cross?", 0, ROUNDS_TEST_T0 - 60));
  g_ptr_array_add (first, item ("102", "Rude receptionist, hung up on me twice.", 0,
                                ROUNDS_TEST_T0 - 30));
  g_assert_true (rounds_store_inbox_add_fetched (fixture->store, fixture->account, first, "c1",
                                                 ids, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (comments), ==, 2);
  g_assert_cmpuint (fixture->changed, ==, 1);
  cursor = rounds_store_inbox_dup_cursor (fixture->store, fixture->account);
  g_assert_cmpstr (cursor, ==, "c1");

  /* Newest first, triaged, new, with what the network said. */
  c = rounds_store_lookup_remote_comment (fixture->store, fixture->account, "102");
  g_assert_nonnull (c);
  g_assert_cmpint (rounds_comment_get_triage (c), ==, ROUNDS_TRIAGE_COMPLAINT);
  g_assert_cmpint (rounds_comment_get_state (c), ==, ROUNDS_INBOX_STATE_NEW);
  g_assert_cmpint (rounds_comment_get_account_id (c), ==, fixture->account);
  g_assert_cmpstr (rounds_comment_get_author_handle (c), ==, "@someone@elsewhere.example");
  g_assert_cmpstr (rounds_comment_get_url (c), ==, "https://med.example/@someone/102");
  g_assert_false (rounds_comment_get_by_hand (c));
  {
    g_autoptr(RoundsComment) top = g_list_model_get_item (comments, 0);

    /* Snapshots are read when asked for: the same item, not the same object. */
    g_assert_cmpint (rounds_comment_get_id (top), ==, rounds_comment_get_id (c));
  }
  g_assert_cmpint (rounds_comment_get_triage (rounds_store_lookup_remote_comment (
                     fixture->store, fixture->account, "101")), ==, ROUNDS_TRIAGE_QUESTION);

  /* Read one, then fetch overlapping items: the read one stays read. */
  g_assert_true (rounds_store_inbox_mark_read (fixture->store, rounds_comment_get_id (c), &error));
  g_assert_no_error (error);

  g_array_set_size (ids, 0);
  g_ptr_array_add (second, item ("102", "Rude receptionist, hung up on me twice.", 0,
                                 ROUNDS_TEST_T0 - 30));
  g_ptr_array_add (second, item ("103", "Thank you for all you do!", 0, ROUNDS_TEST_T0));
  g_assert_true (rounds_store_inbox_add_fetched (fixture->store, fixture->account, second, "c2",
                                                 ids, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (comments), ==, 3);
  g_assert_cmpint (rounds_comment_get_state (rounds_store_lookup_remote_comment (
                     fixture->store, fixture->account, "102")), ==, ROUNDS_INBOX_STATE_READ);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==,
                   rounds_comment_get_id (rounds_store_lookup_remote_comment (
                     fixture->store, fixture->account, "103")));

  /* Same remote id on another account is another item. */
  {
    g_autoptr(GPtrArray) other = batch ();
    RoundsAccount *b = rounds_store_add_account (fixture->store, ROUNDS_NETWORK_MASTODON,
                                                 "http://127.0.0.1:2", "@b@other.example", "B",
                                                 "2", 0, &error);

    g_assert_no_error (error);
    g_ptr_array_add (other, item ("101", "Hello", 0, ROUNDS_TEST_T0));
    g_assert_true (rounds_store_inbox_add_fetched (fixture->store, rounds_account_get_id (b),
                                                   other, NULL, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (comments), ==, 4);
  }

  /* All of it survives a restart. */
  reopen (fixture);
  comments = rounds_store_get_comments (fixture->store);
  g_assert_cmpuint (g_list_model_get_n_items (comments), ==, 4);
  g_clear_pointer (&cursor, g_free);
  cursor = rounds_store_inbox_dup_cursor (fixture->store, fixture->account);
  g_assert_cmpstr (cursor, ==, "c2");
  c = rounds_store_lookup_remote_comment (fixture->store, fixture->account, "102");
  g_assert_cmpint (rounds_comment_get_state (c), ==, ROUNDS_INBOX_STATE_READ);
  g_assert_cmpint (rounds_comment_get_triage (c), ==, ROUNDS_TRIAGE_COMPLAINT);
}

/* One bad item in a batch: nothing of the batch is stored and the cursor
 * stays, so the next poll asks again. */
static void
test_fetch_all_or_nothing (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = batch ();
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *cursor = NULL;
  RoundsInboxItem *bad;

  g_ptr_array_add (items, item ("201", "Great tips!", 0, ROUNDS_TEST_T0));
  bad = item ("202", "no network", 0, ROUNDS_TEST_T0);
  bad->network = ROUNDS_NETWORK_NONE;
  g_ptr_array_add (items, bad);

  g_assert_false (rounds_store_inbox_add_fetched (fixture->store, fixture->account, items, "c9",
                                                  ids, &error));
  g_assert_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID);
  g_assert_cmpuint (ids->len, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (rounds_store_get_comments (fixture->store)), ==, 0);
  g_assert_null (rounds_store_inbox_dup_cursor (fixture->store, fixture->account));
  g_assert_cmpuint (fixture->changed, ==, 0);

  /* Text that is not UTF-8 is stored empty, not refused. */
  g_clear_error (&error);
  g_ptr_array_set_size (items, 0);
  bad = item ("203", NULL, 0, ROUNDS_TEST_T0);
  bad->text = g_strdup ("\xff\xfe");
  g_ptr_array_add (items, bad);
  g_assert_true (rounds_store_inbox_add_fetched (fixture->store, fixture->account, items, "c10",
                                                 NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (rounds_comment_get_body (rounds_store_lookup_remote_comment (
                     fixture->store, fixture->account, "203")), ==, "");
  cursor = rounds_store_inbox_dup_cursor (fixture->store, fixture->account);
  g_assert_cmpstr (cursor, ==, "c10");
}

static guint
count (Fixture                *fixture,
       RoundsInboxFilterFlags  flags,
       RoundsNetwork           networks,
       guint                   kinds)
{
  RoundsInboxFilter filter = { flags, networks, kinds };
  g_autoptr(GPtrArray) items = rounds_store_list_inbox (fixture->store, &filter);

  return items->len;
}

/* The filters, the unanswered count, answering and deleting. */
static void
test_filters_and_states (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = batch ();
  gint64 question, complaint, crisis, spam, review, praise;
  RoundsComment *c;
  RoundsInboxItem *r;

  g_ptr_array_add (items, item ("1", "Do you take Blue Cross?", 0, ROUNDS_TEST_T0 - 50));
  g_ptr_array_add (items, item ("2", "Waited two hours and nobody said a word. Awful.", 0,
                                ROUNDS_TEST_T0 - 40));
  g_ptr_array_add (items, item ("3", "My lawyer will hear about this.", 0, ROUNDS_TEST_T0 - 30));
  g_ptr_array_add (items, item ("4", "Grow your followers fast, check my bio", 0,
                                ROUNDS_TEST_T0 - 20));
  g_ptr_array_add (items, item ("6", "Love this, thank you!", 0, ROUNDS_TEST_T0 - 5));
  r = item ("5", "Meh.", 2, ROUNDS_TEST_T0 - 10);
  r->network = ROUNDS_NETWORK_GOOGLE;
  g_ptr_array_add (items, r);
  g_assert_true (rounds_store_inbox_add_fetched (fixture->store, fixture->account, items, NULL,
                                                 NULL, &error));
  g_assert_no_error (error);

#define ID(r) rounds_comment_get_id (rounds_store_lookup_remote_comment (fixture->store, \
                                                                         fixture->account, r))
  question = ID ("1");
  complaint = ID ("2");
  crisis = ID ("3");
  spam = ID ("4");
  review = ID ("5");
  praise = ID ("6");
#undef ID

  g_assert_cmpint (rounds_comment_get_triage (rounds_store_lookup_comment (fixture->store, crisis)),
                   ==, ROUNDS_TRIAGE_CRISIS);
  g_assert_cmpint (rounds_comment_get_triage (rounds_store_lookup_comment (fixture->store, spam)),
                   ==, ROUNDS_TRIAGE_SPAM);

  /* Spam does not wait for an answer. */
  g_assert_cmpuint (rounds_store_count_unanswered (fixture->store), ==, 5);
  g_assert_cmpuint (count (fixture, ROUNDS_INBOX_FILTER_ALL, 0, 0), ==, 6);
  /* Complaint, crisis and the 2★ review. */
  g_assert_cmpuint (count (fixture, ROUNDS_INBOX_FILTER_NEEDS_ATTENTION, 0, 0), ==, 3);
  g_assert_cmpuint (count (fixture, ROUNDS_INBOX_FILTER_ALL, ROUNDS_NETWORK_GOOGLE, 0), ==, 1);
  g_assert_cmpuint (count (fixture, ROUNDS_INBOX_FILTER_ALL, 0,
                           ROUNDS_INBOX_KIND_BIT (ROUNDS_TRIAGE_QUESTION) |
                           ROUNDS_INBOX_KIND_BIT (ROUNDS_TRIAGE_PRAISE)), ==, 2);
  g_assert_cmpuint (count (fixture, ROUNDS_INBOX_FILTER_HIDE_SPAM, 0, 0), ==, 5);
  g_assert_cmpuint (count (fixture, ROUNDS_INBOX_FILTER_UNREAD, 0, 0), ==, 6);

  /* Read, then answered: counted no more, with an audit entry. */
  fixture->changed = 0;
  g_assert_true (rounds_store_inbox_mark_read (fixture->store, question, &error));
  g_assert_true (rounds_store_inbox_mark_answered (fixture->store, question, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->changed, ==, 2);
  c = rounds_store_lookup_comment (fixture->store, question);
  g_assert_cmpint (rounds_comment_get_state (c), ==, ROUNDS_INBOX_STATE_ANSWERED);
  g_assert_true (rounds_comment_get_is_read (c));
  g_assert_cmpint (rounds_comment_get_answered_at (c), ==, ROUNDS_TEST_T0);
  /* Marking read again does not take the answer back. */
  g_assert_true (rounds_store_inbox_mark_read (fixture->store, question, &error));
  g_assert_cmpint (rounds_comment_get_state (rounds_store_lookup_comment (fixture->store,
                                                                          question)),
                   ==, ROUNDS_INBOX_STATE_ANSWERED);
  g_assert_cmpuint (fixture->changed, ==, 2);

  g_assert_true (rounds_store_inbox_mark_answered (fixture->store, review, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rounds_store_count_unanswered (fixture->store), ==, 3);
  g_assert_cmpuint (count (fixture, ROUNDS_INBOX_FILTER_NEEDS_ATTENTION, 0, 0), ==, 2);

  {
    g_autoptr(GListModel) entries = rounds_store_list_audit (fixture->store, "comment", review,
                                                             &error);
    g_autoptr(RoundsAuditEntry) entry = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (entries), ==, 1);
    entry = g_list_model_get_item (entries, 0);
    g_assert_cmpstr (rounds_audit_entry_get_action (entry), ==, "answered-by-hand");
    g_assert_cmpstr (rounds_audit_entry_get_from_state (entry), ==, "new");
    g_assert_cmpstr (rounds_audit_entry_get_to_state (entry), ==, "answered-by-hand");
  }

  /* Deleted on the network: kept, marked, no longer waiting. */
  g_assert_true (rounds_store_inbox_mark_deleted (fixture->store, complaint, &error));
  g_assert_no_error (error);
  c = rounds_store_lookup_comment (fixture->store, complaint);
  g_assert_nonnull (c);
  g_assert_cmpint (rounds_comment_get_deleted_at (c), ==, ROUNDS_TEST_T0);
  g_assert_cmpuint (rounds_store_count_unanswered (fixture->store), ==, 2);
  g_assert_cmpuint (count (fixture, ROUNDS_INBOX_FILTER_HIDE_DELETED, 0, 0), ==, 5);

  /* A fetch that reports an item deleted marks it the same way. */
  {
    g_autoptr(GPtrArray) again = batch ();
    RoundsInboxItem *gone = item ("6", "", 0, ROUNDS_TEST_T0 - 5);

    gone->deleted = TRUE;
    g_ptr_array_add (again, gone);
    g_assert_true (rounds_store_inbox_add_fetched (fixture->store, fixture->account, again, NULL,
                                                   NULL, &error));
    g_assert_no_error (error);
    c = rounds_store_lookup_comment (fixture->store, praise);
    g_assert_cmpint (rounds_comment_get_deleted_at (c), ==, ROUNDS_TEST_T0);
    /* Its text is the one first fetched. */
    g_assert_cmpstr (rounds_comment_get_body (c), ==, "Love this, thank you!");
  }

  /* A person corrects the triage. */
  g_assert_true (rounds_store_inbox_set_triage (fixture->store, spam, ROUNDS_TRIAGE_QUESTION,
                                                &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rounds_store_count_unanswered (fixture->store), ==, 2);

  /* Unknown ids are an error, not a crash. */
  g_assert_false (rounds_store_inbox_mark_answered (fixture->store, 9999, FALSE, &error));
  g_assert_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  reopen (fixture);
  c = rounds_store_lookup_comment (fixture->store, complaint);
  g_assert_cmpint (rounds_comment_get_deleted_at (c), ==, ROUNDS_TEST_T0);
  g_assert_cmpint (rounds_comment_get_triage (rounds_store_lookup_comment (fixture->store, spam)),
                   ==, ROUNDS_TRIAGE_QUESTION);
  g_assert_cmpint (rounds_comment_get_state (rounds_store_lookup_comment (fixture->store, review)),
                   ==, ROUNDS_INBOX_STATE_ANSWERED_BY_HAND);
  g_assert_cmpuint (rounds_store_count_unanswered (fixture->store), ==, 3 - 1);
  (void) crisis;
}

/* A comment from a network with no connection, pasted in by hand. */
static void
test_by_hand (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) audit = NULL;
  g_autoptr(RoundsAuditEntry) entry = NULL;
  RoundsComment *c;
  gint64 id;

  g_assert_cmpint (rounds_store_inbox_add_by_hand (fixture->store, ROUNDS_NETWORK_X, "Pat",
                                                   "  \n ", NULL, 0, &error), ==, 0);
  g_assert_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (rounds_store_inbox_add_by_hand (fixture->store, ROUNDS_NETWORK_GOOGLE, "Pat",
                                                   "Fine", NULL, 7, &error), ==, 0);
  g_assert_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (rounds_store_get_comments (fixture->store)), ==, 0);

  id = rounds_store_inbox_add_by_hand (fixture->store, ROUNDS_NETWORK_GOOGLE, "Pat Doe",
                                       "My filling cracked a week after.", "https://maps.example/r/1",
                                       2, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  c = rounds_store_lookup_comment (fixture->store, id);
  g_assert_true (rounds_comment_get_by_hand (c));
  g_assert_cmpint (rounds_comment_get_kind (c), ==, ROUNDS_COMMENT_KIND_REVIEW);
  g_assert_cmpint (rounds_comment_get_rating (c), ==, 2);
  g_assert_cmpint (rounds_comment_get_triage (c), ==, ROUNDS_TRIAGE_HEALTH_DETAILS);
  g_assert_cmpint (rounds_comment_get_account_id (c), ==, 0);
  g_assert_null (rounds_comment_get_remote_id (c));
  g_assert_cmpstr (rounds_comment_get_author (c), ==, "Pat Doe");
  g_assert_cmpint (rounds_comment_get_received_at (c), ==, ROUNDS_TEST_T0);
  g_assert_true (rounds_comment_needs_attention (c));
  g_assert_cmpuint (fixture->changed, ==, 1);

  audit = rounds_store_list_audit (fixture->store, "comment", id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (audit), ==, 1);
  entry = g_list_model_get_item (audit, 0);
  g_assert_cmpstr (rounds_audit_entry_get_action (entry), ==, "added-by-hand");
  /* The hash of the text, never the text. */
  g_assert_cmpuint (strlen (rounds_audit_entry_get_text_hash (entry)), ==, 64);

  /* Pasted twice is two items: there is no id to tell them apart. */
  g_assert_cmpint (rounds_store_inbox_add_by_hand (fixture->store, ROUNDS_NETWORK_GOOGLE, "Pat Doe",
                                                   "My filling cracked a week after.", NULL, 2,
                                                   &error), >, id);
}

typedef struct
{
  RoundsStore *store;
  guint        total;
  guint        unanswered;
  gboolean     done;
} Counted;

static void
on_counted_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Counted *out = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_null (source);
  g_assert_true (rounds_store_count_inbox_finish (out->store, result, &out->total, &out->unanswered,
                                                  &error));
  g_assert_no_error (error);
  out->done = TRUE;
}

/* The Inbox's counts on a worker (its own connection, file or server)
 * say what the counts here say: spam, answered and deleted items need
 * no answer. */
static void
assert_counts (RoundsStore *store,
               guint        total,
               guint        unanswered)
{
  Counted counted = { store, G_MAXUINT, G_MAXUINT, FALSE };

  g_assert_cmpuint (rounds_store_count_comments (store), ==, total);
  g_assert_cmpuint (rounds_store_count_unanswered (store), ==, unanswered);
  rounds_store_count_inbox_async (store, NULL, on_counted_cb, &counted);
  while (!counted.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (counted.total, ==, total);
  g_assert_cmpuint (counted.unanswered, ==, unanswered);
}

static void
test_counts (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) items = batch ();
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;

  assert_counts (fixture->store, 0, 0);

  for (int i = 0; i < 5; i++)
    {
      g_autofree char *remote = g_strdup_printf ("%d", 300 + i);

      g_ptr_array_add (items, item (remote, "When are you open on Saturday?", 0, ROUNDS_TEST_T0 - i));
    }
  g_assert_true (rounds_store_inbox_add_fetched (fixture->store, fixture->account, items, "c1",
                                                 ids, &error));
  g_assert_no_error (error);
  assert_counts (fixture->store, 5, 5);

  g_assert_true (rounds_store_inbox_mark_answered (fixture->store, g_array_index (ids, gint64, 0),
                                                   FALSE, &error));
  g_assert_true (rounds_store_inbox_mark_answered (fixture->store, g_array_index (ids, gint64, 1),
                                                   TRUE, &error));
  g_assert_true (rounds_store_inbox_set_triage (fixture->store, g_array_index (ids, gint64, 2),
                                                ROUNDS_TRIAGE_SPAM, &error));
  g_assert_true (rounds_store_inbox_mark_deleted (fixture->store, g_array_index (ids, gint64, 3),
                                                  &error));
  g_assert_no_error (error);
  assert_counts (fixture->store, 5, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/inbox-store/fetch-dedup", test_fetch_dedup);
  ADD ("/inbox-store/fetch-all-or-nothing", test_fetch_all_or_nothing);
  ADD ("/inbox-store/filters-and-states", test_filters_and_states);
  ADD ("/inbox-store/by-hand", test_by_hand);
  ADD ("/inbox-store/counts", test_counts);
#undef ADD

  return g_test_run ();
}
