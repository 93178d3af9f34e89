/* test-post-list.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "core-test-util.h"
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "rounds-store.h"
#include "rounds-store-post-list.h"
#include "rounds-store-publish.h"

/* The Posts list over SQL: what it shows, in every order and with every
 * filter, is what the page showed when it filtered and sorted the posts
 * in memory (rounds_post_compare(), a case-folded search); and a change
 * to one post changes one row. */

typedef RoundsTestStoreFixture Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  rounds_test_store_fixture_set_up (fixture, "rounds-post-list-XXXXXX");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  rounds_test_store_fixture_tear_down (fixture);
}

static const char *titles[] = { "", "Flu shots", "flu clinic", "Élan", "elan", "Zebra day",
                                "  ", "Ärzte", "apple", "Open house" };
static const char *bodies[] = { "Come in for your flu shot.", "", "\n  Second line first\nmore",
                                "ÉLAN vital", "Office closed Monday.", "Free parking" };

static void
fill (RoundsStore *store,
      guint        n)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (17);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RoundsPost) post = rounds_post_new ();
      g_autoptr(GError) error = NULL;
      RoundsPost *own;
      RoundsPostStatus status = g_rand_int_range (rand, 0, ROUNDS_POST_STATUS_LAST + 1);

      rounds_post_set_title (post, titles[g_rand_int_range (rand, 0, G_N_ELEMENTS (titles))]);
      rounds_post_set_body (post, bodies[g_rand_int_range (rand, 0, G_N_ELEMENTS (bodies))]);
      if (g_rand_int_range (rand, 0, 4) != 0)
        /* Few distinct times: ties are broken by id. */
        rounds_post_set_scheduled_at (post, ROUNDS_TEST_T0 + 3600 * g_rand_int_range (rand, 0, 12));
      rounds_post_set_networks (post, 1 << g_rand_int_range (rand, 0, 3));
      own = rounds_store_import_post (store, post, status, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (own);
    }
}

typedef struct
{
  int            status;
  const char    *search;
  RoundsNetwork  networks;
  RoundsPostSort sort;
} Query;

static char *
fold (const char *text)
{
  g_autofree char *normal = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);

  return g_utf8_casefold (normal, -1);
}

static gboolean
shown (RoundsPost  *post,
       const Query *q)
{
  g_autofree char *needle = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;

  if (q->status >= 0 && rounds_post_get_status (post) != (RoundsPostStatus)q->status)
    return FALSE;
  if (q->networks != ROUNDS_NETWORK_NONE && (rounds_post_get_networks (post) & q->networks) == 0)
    return FALSE;
  if (q->search == NULL)
    return TRUE;
  needle = fold (q->search);
  title = fold (rounds_post_get_title (post));
  body = fold (rounds_post_get_body (post));
  return strstr (title, needle) != NULL || strstr (body, needle) != NULL;
}

static int
compare (gconstpointer a,
         gconstpointer b,
         gpointer      sort)
{
  return rounds_post_compare (*(RoundsPost **)a, *(RoundsPost **)b, GPOINTER_TO_UINT (sort));
}

/* The list shows the posts the in-memory filter and sort would, in
 * the same order. */
static void
assert_same (RoundsPostList *list,
             RoundsStore    *store,
             const Query    *q)
{
  GListModel *all = rounds_store_get_posts (store);
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      RoundsPost *post = g_list_model_get_item (all, i);

      if (shown (post, q))
        g_ptr_array_add (expected, post);
      else
        g_object_unref (post);
    }
  g_ptr_array_sort_with_data (expected, compare, GUINT_TO_POINTER (q->sort));

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    {
      g_autoptr(RoundsPost) item = g_list_model_get_item (G_LIST_MODEL (list), i);
      RoundsPost *want = g_ptr_array_index (expected, i);

      g_assert_cmpint (rounds_post_get_id (item), ==, rounds_post_get_id (want));
      g_assert_cmpstr (rounds_post_get_title (item), ==, rounds_post_get_title (want));
      g_assert_cmpint (rounds_post_get_status (item), ==, rounds_post_get_status (want));
    }
  g_assert_cmpuint (rounds_post_list_get_total (list), ==, g_list_model_get_n_items (all));
}

static void
apply (RoundsPostList *list,
       const Query    *q)
{
  rounds_post_list_set_status (list, q->status);
  rounds_post_list_set_search (list, q->search);
  rounds_post_list_set_networks (list, q->networks);
  rounds_post_list_set_sort (list, q->sort);
}

static void
test_post_list_filters_and_orders (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(RoundsStore) store = rounds_test_store_open (fixture);
  g_autoptr(RoundsPostList) list = NULL;
  const char *searches[] = { NULL, "flu", "ÉLAN", "second LINE", "nothing like this" };
  const int statuses[] = { -1, ROUNDS_POST_STATUS_DRAFT, ROUNDS_POST_STATUS_PUBLISHED };
  const RoundsNetwork networks[] = { ROUNDS_NETWORK_NONE, 1 << 1, (1 << 0) | (1 << 2) };

  fill (store, 400);
  list = rounds_post_list_new (store);

  for (guint sort = 0; sort <= ROUNDS_POST_SORT_TITLE; sort++)
    for (guint s = 0; s < G_N_ELEMENTS (statuses); s++)
      for (guint f = 0; f < G_N_ELEMENTS (searches); f++)
        for (guint n = 0; n < G_N_ELEMENTS (networks); n++)
          {
            Query q = { statuses[s], searches[f], networks[n], sort };

            apply (list, &q);
            assert_same (list, store, &q);
          }
}

typedef struct
{
  guint calls;
  guint largest;
} ChangeLog;

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     ChangeLog  *log)
{
  log->calls++;
  log->largest = MAX (log->largest, MAX (removed, added));
}

/* Moving, deleting, restoring, and a status change that takes a post
 * out of the filter: each changes one row, and the list stays right. */
static void
test_post_list_one_change_one_row (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(RoundsStore) store = rounds_test_store_open (fixture);
  g_autoptr(RoundsPostList) list = NULL;
  g_autoptr(RoundsPost) copy = NULL;
  g_autoptr(RoundsPost) deleted = NULL;
  g_autoptr(GError) error = NULL;
  ChangeLog log = { 0, };
  Query q = { -1, NULL, ROUNDS_NETWORK_NONE, ROUNDS_POST_SORT_SCHEDULED };
  RoundsPost *own;
  gint64 id;

  fill (store, 300);
  list = rounds_post_list_new (store);
  assert_same (list, store, &q);
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed_cb), &log);

  /* Rescheduled to the end of the day: it moves, alone. */
  {
    g_autoptr(RoundsPost) first = g_list_model_get_item (G_LIST_MODEL (list), 0);

    id = rounds_post_get_id (first);
  }
  own = rounds_store_lookup_post (store, id);
  copy = rounds_post_copy (own);
  rounds_post_set_scheduled_at (copy, ROUNDS_TEST_T0 + 3600 * 11 + 60);
  rounds_store_save_post (store, copy, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (log.calls, >, 0);
  g_assert_cmpuint (log.largest, ==, 1);
  g_assert_cmpuint (rounds_post_list_find (list, id), >, 0);
  assert_same (list, store, &q);

  /* Deleted and restored. */
  log = (ChangeLog) { 0, };
  deleted = rounds_post_copy (rounds_store_lookup_post (store, id));
  g_assert_true (rounds_store_delete_post (store, id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rounds_post_list_find (list, id), ==, G_MAXUINT);
  assert_same (list, store, &q);
  g_assert_nonnull (rounds_store_restore_post (store, deleted, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (log.largest, ==, 1);
  assert_same (list, store, &q);

  /* Drafts by title; one is cancelled: it leaves, alone. */
  q.status = ROUNDS_POST_STATUS_DRAFT;
  q.sort = ROUNDS_POST_SORT_TITLE;
  apply (list, &q);
  assert_same (list, store, &q);
  {
    g_autoptr(RoundsPost) draft = g_list_model_get_item (G_LIST_MODEL (list), 3);

    id = rounds_post_get_id (draft);
  }
  log = (ChangeLog) { 0, };
  g_assert_true (rounds_store_set_post_status (store, id, ROUNDS_POST_STATUS_CANCELLED, NULL,
                                               &error));
  g_assert_no_error (error);
  g_assert_cmpuint (log.calls, ==, 1);
  g_assert_cmpuint (log.largest, ==, 1);
  assert_same (list, store, &q);

  /* Held: nothing changes until release, then the list is right. */
  rounds_post_list_set_held (list, TRUE);
  log = (ChangeLog) { 0, };
  {
    g_autoptr(RoundsPost) draft = g_list_model_get_item (G_LIST_MODEL (list), 0);

    g_assert_true (rounds_store_set_post_status (store, rounds_post_get_id (draft),
                                                 ROUNDS_POST_STATUS_CANCELLED, NULL, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpuint (log.calls, ==, 0);
  rounds_post_list_set_held (list, FALSE);
  g_assert_cmpuint (log.largest, ==, 1);
  assert_same (list, store, &q);
}

static gboolean
mentions_parking (const char *body,
                  GObject    *data)
{
  guint *calls = g_object_get_data (data, "calls");

  (*calls)++;
  return strstr (body, "parking") != NULL;
}

/* A check the database does not hold (the compliance marks) filters
 * from inside the query. */
static void
test_post_list_check (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(RoundsStore) store = rounds_test_store_open (fixture);
  g_autoptr(RoundsPostList) list = NULL;
  g_autoptr(GObject) counter = g_object_new (G_TYPE_OBJECT, NULL);
  guint calls = 0;
  guint n;

  g_object_set_data (counter, "calls", &calls);
  fill (store, 120);
  list = rounds_post_list_new (store);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  rounds_post_list_set_check (list, mentions_parking, counter);
  g_assert_cmpuint (calls, >=, n);   /* each post asked (some twice: the query decides) */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), <, n);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(RoundsPost) post = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_assert_nonnull (strstr (rounds_post_get_body (post), "parking"));
    }
  rounds_post_list_set_check (list, NULL, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n);
}

static void
count_cb (gpointer  instance,
          guint    *count)
{
  (*count)++;
}

static void
wait_answer (RoundsPostList *list)
{
  while (rounds_post_list_get_busy (list))
    g_main_context_iteration (NULL, TRUE);
}

/* On a worker: the question returns at once and the rows stay until the
 * answer; two questions in a row show the last one's answer, once; the
 * check runs in the worker's query too; a post deleted meanwhile is not
 * shown after. */
static void
test_post_list_on_worker (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(RoundsStore) store = rounds_test_store_open (fixture);
  g_autoptr(RoundsPostList) list = NULL;
  g_autoptr(GObject) counter = g_object_new (G_TYPE_OBJECT, NULL);
  Query q = { -1, "FLU", ROUNDS_NETWORK_NONE, ROUNDS_POST_SORT_TITLE };
  guint calls = 0, replaced = 0, n;
  gint64 first;

  g_object_set_data (counter, "calls", &calls);
  fill (store, 300);
  list = rounds_post_list_new (store);
  rounds_post_list_set_on_worker (list, TRUE);
  g_signal_connect (list, "replaced", G_CALLBACK (count_cb), &replaced);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  {
    g_autoptr(RoundsPost) post = g_list_model_get_item (G_LIST_MODEL (list), 0);
    first = rounds_post_get_id (post);
  }

  rounds_post_list_set_search (list, q.search);
  rounds_post_list_set_sort (list, q.sort);
  g_assert_true (rounds_post_list_get_busy (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n);
  {
    g_autoptr(RoundsPost) post = g_list_model_get_item (G_LIST_MODEL (list), 0);
    g_assert_cmpint (rounds_post_get_id (post), ==, first);
  }
  wait_answer (list);
  g_assert_cmpuint (replaced, ==, 1);
  assert_same (list, store, &q);

  /* The check, from inside the worker's query */
  rounds_post_list_set_search (list, NULL);
  rounds_post_list_set_check (list, mentions_parking, counter);
  g_assert_true (rounds_post_list_get_busy (list));
  wait_answer (list);
  g_assert_cmpuint (calls, >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(RoundsPost) post = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_assert_nonnull (strstr (rounds_post_get_body (post), "parking"));
    }

  /* A post deleted while a question runs is not shown after its answer
   * (when the worker read it before the deletion, the note the list took
   * meanwhile takes it out again). */
  {
    g_autoptr(RoundsPost) post = g_list_model_get_item (G_LIST_MODEL (list), 0);
    gint64 id = rounds_post_get_id (post);
    g_autoptr(GError) error = NULL;

    rounds_post_list_set_sort (list, ROUNDS_POST_SORT_SCHEDULED);
    g_assert_true (rounds_store_delete_post (store, id, &error));
    g_assert_no_error (error);
    wait_answer (list);
    g_assert_cmpuint (rounds_post_list_find (list, id), ==, G_MAXUINT);
  }
  g_signal_handlers_disconnect_by_func (list, count_cb, &replaced);
  g_clear_object (&list);
  rounds_test_store_close (&store);
}

/* A check that stops the worker's query at its first post until the test
 * lets it go on. */
typedef struct
{
  GMutex   lock;
  GCond    cond;
  gboolean entered;
  gboolean released;
} Gate;

static gboolean
wait_at_gate (const char *body,
              GObject    *data)
{
  Gate *gate = g_object_get_data (data, "gate");

  g_mutex_lock (&gate->lock);
  gate->entered = TRUE;
  g_cond_broadcast (&gate->cond);
  while (!gate->released)
    g_cond_wait (&gate->cond, &gate->lock);
  g_mutex_unlock (&gate->lock);
  return TRUE;
}

/* An answer dropped for a newer question may come long after (a server's
 * query cannot be interrupted): the list's owner can still let go of the
 * list once the newer answer is in, and with it the store, which nothing
 * else holds then. */
static void
test_post_list_dropped_read_lets_go (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(RoundsStore) store = rounds_test_store_open (fixture);
  g_autoptr(RoundsPostList) list = NULL;
  GObject *holder = g_object_new (G_TYPE_OBJECT, NULL);
  Gate gate = { 0 };

  g_mutex_init (&gate.lock);
  g_cond_init (&gate.cond);
  g_object_set_data (holder, "gate", &gate);
  fill (store, 20);
  list = rounds_post_list_new (store);
  rounds_post_list_set_on_worker (list, TRUE);

  rounds_post_list_set_check (list, wait_at_gate, holder);
  g_mutex_lock (&gate.lock);
  while (!gate.entered)
    g_cond_wait (&gate.cond, &gate.lock);
  g_mutex_unlock (&gate.lock);

  /* The newer question's answer comes while the older query waits */
  rounds_post_list_set_check (list, NULL, NULL);
  wait_answer (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 20);
  g_clear_object (&list);
  rounds_test_store_close (&store);

  /* The older read ends and lets go of the check's data */
  g_object_add_weak_pointer (holder, (gpointer *)&holder);
  g_object_unref (holder);
  g_mutex_lock (&gate.lock);
  gate.released = TRUE;
  g_cond_broadcast (&gate.cond);
  g_mutex_unlock (&gate.lock);
  while (holder != NULL)
    g_main_context_iteration (NULL, TRUE);
  g_mutex_clear (&gate.lock);
  g_cond_clear (&gate.cond);
}

static void
on_read_failed_cb (RoundsPostList *list,
                   GError         *error,
                   guint          *count)
{
  (*count)++;
}

/* A read that fails leaves the list's order at the one its rows are in,
 * so that the "Sort by" menu can show it; before any answer came, the
 * order asked for (a remembered one) stays. */
static void
test_post_list_failed_read_order (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(RoundsStore) store = rounds_test_store_open (fixture);
  g_autoptr(RoundsPostList) list = rounds_post_list_new (NULL);
  g_autofree char *path = NULL;
  g_autofree char *away = NULL;
  guint failed = 0;

  if (rounds_test_store_on_server ())
    {
      g_test_skip ("the read fails here by moving the practice's file");
      return;
    }
  fill (store, 30);
  path = g_strdup (rounds_store_get_path (store));
  away = g_strconcat (path, ".away", NULL);
  rounds_post_list_set_on_worker (list, TRUE);
  g_signal_connect (list, "read-failed", G_CALLBACK (on_read_failed_cb), &failed);

  /* Held, as the Posts page holds it until it is shown, given its
   * remembered order, then the practice, read ahead on the worker; the
   * file gone from under its name: a reader cannot open it. */
  rounds_post_list_set_held (list, TRUE);
  rounds_post_list_set_sort (list, ROUNDS_POST_SORT_TITLE);
  g_assert_cmpint (g_rename (path, away), ==, 0);
  rounds_post_list_set_store (list, store);
  wait_answer (list);
  g_assert_cmpuint (failed, ==, 1);
  g_assert_cmpuint (rounds_post_list_get_sort (list), ==, ROUNDS_POST_SORT_TITLE);

  /* Shown: it asks again */
  g_assert_cmpint (g_rename (away, path), ==, 0);
  rounds_post_list_set_held (list, FALSE);
  wait_answer (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 30);
  g_assert_cmpint (g_rename (path, away), ==, 0);
  rounds_post_list_set_sort (list, ROUNDS_POST_SORT_STATUS);
  wait_answer (list);
  g_assert_cmpuint (failed, ==, 2);
  g_assert_cmpuint (rounds_post_list_get_sort (list), ==, ROUNDS_POST_SORT_TITLE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 30);

  g_assert_cmpint (g_rename (away, path), ==, 0);
  g_signal_handlers_disconnect_by_func (list, on_read_failed_cb, &failed);
  g_clear_object (&list);
  rounds_test_store_close (&store);
}

/* A practice read ahead while held is shown to whoever shows the list
 * before it is released (the Posts page makes its rows then), the list
 * stays held, and a post changed after that is right on release. */
static void
test_post_list_read_ahead_taken (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(RoundsStore) store = rounds_test_store_open (fixture);
  g_autoptr(RoundsPostList) list = rounds_post_list_new (NULL);
  g_autoptr(RoundsPost) first = NULL;
  g_autoptr(RoundsPost) copy = NULL;
  g_autoptr(RoundsPost) shown = NULL;
  g_autoptr(GError) error = NULL;

  fill (store, 30);
  rounds_post_list_set_on_worker (list, TRUE);
  rounds_post_list_set_held (list, TRUE);
  g_assert_false (rounds_post_list_take_read_ahead (list));
  rounds_post_list_set_store (list, store);
  wait_answer (list);
  g_assert_true (rounds_post_list_has_read_ahead (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);

  g_assert_true (rounds_post_list_take_read_ahead (list));
  g_assert_true (rounds_post_list_get_held (list));
  g_assert_false (rounds_post_list_has_read_ahead (list));
  g_assert_false (rounds_post_list_take_read_ahead (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 30);

  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  copy = rounds_post_copy (first);
  rounds_post_set_title (copy, "Changed while held");
  g_assert_nonnull (rounds_store_save_post (store, copy, &error));
  g_assert_no_error (error);
  rounds_post_list_set_held (list, FALSE);
  wait_answer (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 30);
  for (guint i = 0; i < 30 && shown == NULL; i++)
    {
      g_autoptr(RoundsPost) post = g_list_model_get_item (G_LIST_MODEL (list), i);

      if (rounds_post_get_id (post) == rounds_post_get_id (copy))
        shown = g_steal_pointer (&post);
    }
  g_assert_nonnull (shown);
  g_assert_cmpstr (rounds_post_get_title (shown), ==, "Changed while held");
  g_clear_object (&list);
  rounds_test_store_close (&store);
}

static void
note_arrived_cb (RoundsPostList *list,
                 guint          *arrived)
{
  (*arrived)++;
}

/* Published on a connected account at @url. */
static void
publish_at (RoundsStore *store,
            gint64       account_id,
            gint64       post_id,
            const char  *url)
{
  g_autoptr(GPtrArray) pubs = NULL;
  g_autoptr(GError) error = NULL;
  gint64 pub_id;

  g_assert_true (rounds_store_set_post_accounts (store, post_id, &account_id, 1, &error));
  rounds_store_ensure_publications (store, post_id, &error);
  g_assert_no_error (error);
  pubs = rounds_store_list_publications (store, post_id, &error);
  g_assert_cmpuint (pubs->len, ==, 1);
  pub_id = rounds_publication_get_id (g_ptr_array_index (pubs, 0));
  g_assert_true (rounds_store_begin_publication (store, pub_id, &error));
  g_assert_true (rounds_store_publication_published (store, pub_id, "1", url, &error));
  g_assert_no_error (error);
}

/* A view's model: a post whose page was not read is lent as an empty
 * post with its id; its page is read on a worker, with the publications
 * of its posts (one query a page), and then the list has the post as the
 * store has it, and the links where it was published. */
static void
test_post_list_view_reads_on_worker (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(RoundsStore) store = rounds_test_store_open (fixture);
  g_autoptr(RoundsPostList) list = NULL;
  g_autoptr(GListModel) view = NULL;
  g_autoptr(GError) error = NULL;
  RoundsAccount *account;
  guint arrived = 0;
  gint64 far_id, published_id;
  guint far;

  fill (store, 600);
  account = rounds_store_add_account (store, ROUNDS_NETWORK_MASTODON, "https://social.example",
                                      "@clinic@social.example", "Clinic", "1", 0, &error);
  g_assert_no_error (error);

  list = rounds_post_list_new (store);
  rounds_post_list_set_on_worker (list, TRUE);
  rounds_post_list_set_sort (list, ROUNDS_POST_SORT_UPDATED);
  wait_answer (list);
  view = rounds_post_list_new_view (list);
  g_signal_connect (list, "rows-arrived", G_CALLBACK (note_arrived_cb), &arrived);
  g_assert_cmpuint (g_list_model_get_n_items (view), ==, 600);

  /* Far from the first pages (read with the answer) */
  far = 550;
  {
    g_autoptr(RoundsPost) lent = g_list_model_get_item (view, far);

    far_id = rounds_post_get_id (lent);
    g_assert_cmpint (far_id, >, 0);
    g_assert_null (rounds_post_list_peek (list, far_id, NULL));
  }
  while (rounds_post_list_peek (list, far_id, NULL) == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (arrived, >, 0);
  g_assert_cmpstr (rounds_post_get_title (rounds_post_list_peek (list, far_id, NULL)), ==,
                   rounds_post_get_title (rounds_store_lookup_post (store, far_id)));
  {
    g_autoptr(RoundsPost) item = g_list_model_get_item (view, far);

    /* the store's own post now */
    g_assert_true (item == rounds_store_lookup_post (store, far_id));
  }

  /* A published post, far down too: its link comes with its page. The
   * publication changes the post, which comes first by "last changed";
   * the list's own change reads its publications again. */
  published_id = far_id;
  publish_at (store, rounds_account_get_id (account), published_id,
              "https://social.example/@clinic/1");
  {
    GPtrArray *pubs = NULL;
    guint position = rounds_post_list_find (list, published_id);

    g_assert_cmpuint (position, !=, G_MAXUINT);
    g_assert_nonnull (rounds_post_list_peek (list, published_id, &pubs));
    g_assert_nonnull (pubs);
    g_assert_cmpuint (pubs->len, ==, 1);
    g_assert_cmpstr (rounds_publication_get_url (g_ptr_array_index (pubs, 0)), ==,
                     "https://social.example/@clinic/1");
  }

  /* A new order: its first rows come with its answer, with their
   * publications (the first post by time, published) */
  {
    g_autoptr(RoundsPostList) by_time = rounds_post_list_new (store);
    g_autoptr(RoundsPost) top = g_list_model_get_item (G_LIST_MODEL (by_time), 0);
    GPtrArray *pubs = NULL;

    publish_at (store, rounds_account_get_id (account), rounds_post_get_id (top),
                "https://social.example/@clinic/2");
    rounds_post_list_set_sort (list, ROUNDS_POST_SORT_SCHEDULED);
    wait_answer (list);
    g_assert_cmpuint (rounds_post_list_find (list, rounds_post_get_id (top)), ==, 0);
    g_assert_nonnull (rounds_post_list_peek (list, rounds_post_get_id (top), &pubs));
    g_assert_nonnull (pubs);
    g_assert_cmpstr (rounds_publication_get_url (g_ptr_array_index (pubs, 0)), ==,
                     "https://social.example/@clinic/2");
    g_clear_object (&by_time);
  }
  g_signal_handlers_disconnect_by_func (list, note_arrived_cb, &arrived);
  g_clear_object (&view);
  g_clear_object (&list);
  rounds_test_store_close (&store);
}

/* A row shown while the view looked far away for a moment: the worker
 * skips its page (the view is elsewhere by the time it gets to it), but
 * the row is still on screen, so its page is asked again and the row
 * gets its post instead of staying blank. */
static void
test_post_list_skipped_page_still_shown (Fixture       *fixture,
                                         gconstpointer  data)
{
  g_autoptr(RoundsStore) store = rounds_test_store_open (fixture);
  g_autoptr(RoundsPostList) list = NULL;
  g_autoptr(GListModel) view = NULL;
  g_autoptr(RoundsPost) shown = NULL;
  gint64 shown_id;

  fill (store, 2000);
  list = rounds_post_list_new (store);
  rounds_post_list_set_on_worker (list, TRUE);
  rounds_post_list_set_sort (list, ROUNDS_POST_SORT_UPDATED);
  wait_answer (list);
  view = rounds_post_list_new_view (list);
  g_assert_cmpuint (g_list_model_get_n_items (view), ==, 2000);

  /* The worker starts on a far page (opening its connection first);
   * meanwhile a row 14 pages from it is shown, and the view looks back
   * at the far page before the worker gets to the shown row's page. */
  g_object_unref (g_list_model_get_item (view, 1900));
  shown = g_list_model_get_item (view, 1000);
  g_object_unref (g_list_model_get_item (view, 1901));
  shown_id = rounds_post_get_id (shown);
  g_assert_null (rounds_post_list_peek (list, shown_id, NULL));

  while (rounds_post_list_peek (list, shown_id, NULL) == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (rounds_post_get_title (rounds_post_list_peek (list, shown_id, NULL)), ==,
                   rounds_post_get_title (rounds_store_lookup_post (store, shown_id)));
  g_clear_object (&view);
  g_clear_object (&list);
  rounds_test_store_close (&store);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/post-list/filters-and-orders", Fixture, NULL, fixture_set_up,
              test_post_list_filters_and_orders, fixture_tear_down);
  g_test_add ("/post-list/one-change-one-row", Fixture, NULL, fixture_set_up,
              test_post_list_one_change_one_row, fixture_tear_down);
  g_test_add ("/post-list/check", Fixture, NULL, fixture_set_up,
              test_post_list_check, fixture_tear_down);
  g_test_add ("/post-list/on-worker", Fixture, NULL, fixture_set_up,
              test_post_list_on_worker, fixture_tear_down);
  g_test_add ("/post-list/failed-read-order", Fixture, NULL, fixture_set_up,
              test_post_list_failed_read_order, fixture_tear_down);
  g_test_add ("/post-list/read-ahead-taken", Fixture, NULL, fixture_set_up,
              test_post_list_read_ahead_taken, fixture_tear_down);
  g_test_add ("/post-list/view-reads-on-worker", Fixture, NULL, fixture_set_up,
              test_post_list_view_reads_on_worker, fixture_tear_down);
  g_test_add ("/post-list/skipped-page-still-shown", Fixture, NULL, fixture_set_up,
              test_post_list_skipped_page_still_shown, fixture_tear_down);
  g_test_add ("/post-list/dropped-read-lets-go", Fixture, NULL, fixture_set_up,
              test_post_list_dropped_read_lets_go, fixture_tear_down);

  return g_test_run ();
}
