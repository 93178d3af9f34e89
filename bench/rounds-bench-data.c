/* rounds-bench-data.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-bench-data"

#include "config.h"

#include <sqlite3.h>

#include "rounds-bench-data.h"

/* The one generator of large practices for benchmarks and tests: N
 * posts spread over Y years around the store's clock, in every status
 * (the past published, failed or cancelled; the future scheduled,
 * approved or in review; drafts with and without a date), some on
 * several networks, with comments on published posts and media rows.
 *
 * Posts go in through the store's own API (rounds_store_import_posts(),
 * one transaction per status, each post with its audit entry), so that
 * they are what the app itself would have written. Comments and media
 * rows, which the store only writes one at a time, go in with SQL that
 * matches the schema, in one transaction on a second connection.
 *
 * The text is made of fixed phrases: no real names, nothing that looks
 * like patient data, so the scanner finds little, as in a careful
 * practice. The same seed makes the same practice. */

static const char * const topics[] = {
  "flu shots", "hand washing", "sun protection", "our new opening hours", "healthy sleep",
  "seasonal allergies", "dental check-ups", "staying active", "back to school", "water intake",
  "the new parking lot", "blood pressure checks", "screen time", "travel vaccines",
};

static const char * const openers[] = {
  "A reminder about", "Tips on", "Questions about", "Our team talks about",
  "Five facts on", "What to know about",
};

static const RoundsNetwork network_sets[] = {
  ROUNDS_NETWORK_FACEBOOK,
  ROUNDS_NETWORK_INSTAGRAM,
  ROUNDS_NETWORK_FACEBOOK | ROUNDS_NETWORK_GOOGLE,
  ROUNDS_NETWORK_LINKEDIN,
  ROUNDS_NETWORK_MASTODON,
  ROUNDS_NETWORK_BLUESKY | ROUNDS_NETWORK_FACEBOOK,
};

/* Which status a post at @when (relative to @now) gets. */
static RoundsPostStatus
pick_status (GRand  *rand,
             gint64  when,
             gint64  now)
{
  int r = g_rand_int_range (rand, 0, 100);

  if (when < now)
    {
      if (r < 80)
        return ROUNDS_POST_STATUS_PUBLISHED;
      if (r < 88)
        return ROUNDS_POST_STATUS_CANCELLED;
      if (r < 94)
        return ROUNDS_POST_STATUS_FAILED;
      if (r < 97)
        return ROUNDS_POST_STATUS_DUE;
      return ROUNDS_POST_STATUS_DRAFT;
    }

  if (r < 45)
    return ROUNDS_POST_STATUS_SCHEDULED;
  if (r < 60)
    return ROUNDS_POST_STATUS_APPROVED;
  if (r < 75)
    return ROUNDS_POST_STATUS_IN_REVIEW;
  if (r < 78)
    return ROUNDS_POST_STATUS_PUBLISHING;
  return ROUNDS_POST_STATUS_DRAFT;
}

static gboolean
sql_error (sqlite3  *db,
           GError  **error)
{
  g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_FAILED, "bench data: %s",
               sqlite3_errmsg (db));
  return FALSE;
}

/* Comments on published posts and media rows, with SQL that matches
 * the schema (see rounds-store-migrations.c), in one transaction. */
static gboolean
add_comments_and_media (RoundsStore           *store,
                        GRand                 *rand,
                        RoundsBenchDataReport *report,
                        GError               **error)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *posts = NULL, *comment = NULL, *media = NULL;
  gboolean ok = FALSE;
  int rc;

  if (sqlite3_open_v2 (rounds_store_get_path (store), &db, SQLITE_OPEN_READWRITE, NULL) !=
      SQLITE_OK)
    goto out;
  sqlite3_busy_timeout (db, 5000);
  if (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "SELECT id, status, coalesce (scheduled_at, created_at) FROM posts",
                          -1, &posts, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "INSERT INTO comments (network, kind, author, body, received_at,"
                              " post_id, rating, state, triage, fetched_at)"
                              " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?5)",
                          -1, &comment, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "INSERT INTO post_media (post_id, position, path, alt_text,"
                              " shows_patient) VALUES (?1, ?2, ?3, ?4, 0)",
                          -1, &media, NULL) != SQLITE_OK)
    goto out;

  while ((rc = sqlite3_step (posts)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (posts, 0);
      gboolean published = g_strcmp0 ((const char *)sqlite3_column_text (posts, 1),
                                      "published") == 0;
      gint64 when = sqlite3_column_int64 (posts, 2);

      if (g_rand_int_range (rand, 0, 3) == 0)
        {
          g_autofree char *path = g_strdup_printf ("media/bench-%" G_GINT64_FORMAT ".jpg", id);

          sqlite3_bind_int64 (media, 1, id);
          sqlite3_bind_int (media, 2, 0);
          sqlite3_bind_text (media, 3, path, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (media, 4, "A poster in the waiting room", -1, SQLITE_STATIC);
          if (sqlite3_step (media) != SQLITE_DONE)
            goto out;
          sqlite3_reset (media);
          report->n_media++;
        }

      if (published && g_rand_int_range (rand, 0, 4) == 0)
        {
          gboolean review = g_rand_int_range (rand, 0, 5) == 0;

          sqlite3_bind_text (comment, 1, review ? "google" : "facebook", -1, SQLITE_STATIC);
          sqlite3_bind_text (comment, 2, review ? "review" : "comment", -1, SQLITE_STATIC);
          sqlite3_bind_text (comment, 3, "A reader", -1, SQLITE_STATIC);
          sqlite3_bind_text (comment, 4, review ? "Friendly front desk and short waits."
                                                : "Thanks for the reminder!", -1, SQLITE_STATIC);
          sqlite3_bind_int64 (comment, 5, when + g_rand_int_range (rand, 600, 3 * 86400));
          sqlite3_bind_int64 (comment, 6, id);
          sqlite3_bind_int (comment, 7, review ? g_rand_int_range (rand, 3, 6) : 0);
          sqlite3_bind_text (comment, 8, g_rand_int_range (rand, 0, 4) == 0 ? "new" : "read", -1,
                             SQLITE_STATIC);
          sqlite3_bind_text (comment, 9, "praise", -1, SQLITE_STATIC);
          if (sqlite3_step (comment) != SQLITE_DONE)
            goto out;
          sqlite3_reset (comment);
          report->n_comments++;
        }
    }
  if (rc != SQLITE_DONE)
    goto out;

  sqlite3_finalize (posts);
  posts = NULL;
  if (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    goto out;
  ok = TRUE;

out:
  if (!ok)
    sql_error (db, error);
  sqlite3_finalize (posts);
  sqlite3_finalize (comment);
  sqlite3_finalize (media);
  sqlite3_close_v2 (db);
  return ok;
}

/**
 * rounds_bench_data_fill:
 * @store: an open store, usually empty
 * @n_posts: how many posts
 * @years: over how many years: four fifths before the store's clock,
 *   one fifth after
 * @seed: the same seed gives the same practice
 * @report: (out) (optional): what was made
 *
 * Sets the practice up (a name, a time zone) if it is not, and fills it.
 */
gboolean
rounds_bench_data_fill (RoundsStore           *store,
                        guint                  n_posts,
                        guint                  years,
                        guint32                seed,
                        RoundsBenchDataReport *report,
                        GError               **error)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  RoundsBenchDataReport local = { 0, };
  GPtrArray *by_status[ROUNDS_POST_STATUS_LAST + 1];
  gint64 now = rounds_clock_get_now (rounds_store_get_clock (store));
  gint64 span = (gint64)MAX (years, 1) * 365 * 86400;
  gint64 from = now - span * 4 / 5;
  gboolean ok = TRUE;

  g_return_val_if_fail (ROUNDS_IS_STORE (store), FALSE);

  if (!rounds_practice_is_set_up (rounds_store_get_practice (store)))
    {
      g_autoptr(RoundsPractice) practice = rounds_practice_new ();

      rounds_practice_set_name (practice, "Bench Family Practice");
      rounds_practice_set_timezone (practice, "America/Chicago");
      if (!rounds_store_save_practice (store, practice, error))
        return FALSE;
    }

  for (guint s = 0; s < G_N_ELEMENTS (by_status); s++)
    by_status[s] = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n_posts; i++)
    {
      g_autoptr(RoundsPost) post = rounds_post_new ();
      /* Evenly spread, with a few hours of jitter so days differ. */
      gint64 when = from + (gint64)((double)i * span / MAX (n_posts, 1)) +
                    g_rand_int_range (rand, 0, 6 * 3600);
      RoundsPostStatus status = pick_status (rand, when, now);
      const char *topic = topics[g_rand_int_range (rand, 0, G_N_ELEMENTS (topics))];
      const char *opener = openers[g_rand_int_range (rand, 0, G_N_ELEMENTS (openers))];
      g_autofree char *title = g_strdup_printf ("%s %s", opener, topic);
      /* The number keeps each text apart: the import skips duplicates. */
      g_autofree char *body =
        g_strdup_printf ("%s %s, note %u. Call the front desk or book online; we are glad to "
                         "help. #health #community", opener, topic, i + 1);

      rounds_post_set_title (post, title);
      rounds_post_set_body (post, body);
      rounds_post_set_networks (post, network_sets[g_rand_int_range (rand, 0,
                                                                     G_N_ELEMENTS (network_sets))]);
      /* Half of the drafts have no date yet (the Calendar's drafts pane). */
      if (status != ROUNDS_POST_STATUS_DRAFT || g_rand_boolean (rand))
        rounds_post_set_scheduled_at (post, when);
      g_ptr_array_add (by_status[status], g_steal_pointer (&post));
    }

  for (guint s = 0; s < G_N_ELEMENTS (by_status) && ok; s++)
    {
      guint imported = 0;

      if (by_status[s]->len == 0)
        continue;
      ok = rounds_store_import_posts (store, by_status[s], s, "Benchmark data", &imported, NULL,
                                      error);
      local.n_per_status[s] = imported;
      local.n_posts += imported;
    }

  for (guint s = 0; s < G_N_ELEMENTS (by_status); s++)
    g_ptr_array_unref (by_status[s]);

  /* Comments and media rows are written with SQLite's own API: a
   * practice on a server (bench/bench-live.sh) has posts only. */
  if (ok && !rounds_store_is_on_server (store))
    ok = add_comments_and_media (store, rand, &local, error);

  if (ok && report != NULL)
    *report = local;
  return ok;
}

/**
 * rounds_bench_data_add_comments:
 * @store: an open store on a file (SQLite)
 * @n_comments: how many
 * @newest: the newest one's received time (UTC); each next one is 1 to
 *   60 minutes older
 * @seed: the same seed gives the same comments
 *
 * Adds Inbox items that belong to no post or account, in one
 * transaction: networks, kinds (triage), states and ratings mixed, a
 * fifth of them reviews, a quarter unread, one in fifty answered. The
 * author of item i (0 = newest) is "Reader i", so tests can check the
 * order. For the Inbox's benchmarks and its 10,000-item test.
 */
gboolean
rounds_bench_data_add_comments (RoundsStore  *store,
                                guint         n_comments,
                                gint64        newest,
                                guint32       seed,
                                GError      **error)
{
  static const char * const nets[] = { "facebook", "instagram", "google", "mastodon", "bluesky" };
  static const char * const triage[] = { "praise", "question", "other", "praise", "complaint",
                                         "question", "praise", "spam" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  sqlite3 *db = NULL;
  sqlite3_stmt *comment = NULL;
  gboolean ok = FALSE;
  gint64 when = newest;

  if (sqlite3_open_v2 (rounds_store_get_path (store), &db, SQLITE_OPEN_READWRITE, NULL) !=
      SQLITE_OK)
    goto out;
  sqlite3_busy_timeout (db, 5000);
  if (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "INSERT INTO comments (network, kind, author, body, received_at,"
                              " rating, state, is_read, triage, fetched_at)"
                              " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7 != 'new', ?8, ?5)",
                          -1, &comment, NULL) != SQLITE_OK)
    goto out;

  for (guint i = 0; i < n_comments; i++)
    {
      gboolean review = g_rand_int_range (rand, 0, 5) == 0;
      g_autofree char *author = g_strdup_printf ("Reader %u", i);
      const char *kind = triage[g_rand_int_range (rand, 0, G_N_ELEMENTS (triage))];
      int pick = g_rand_int_range (rand, 0, 100);
      const char *state = pick < 25 ? "new" : pick < 98 ? "read" : "answered";

      sqlite3_bind_text (comment, 1, review ? "google" : nets[i % G_N_ELEMENTS (nets)], -1,
                         SQLITE_STATIC);
      sqlite3_bind_text (comment, 2, review ? "review" : "comment", -1, SQLITE_STATIC);
      sqlite3_bind_text (comment, 3, author, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (comment, 4, review ? "Friendly front desk and short waits."
                                            : "Thanks for the reminder!", -1, SQLITE_STATIC);
      sqlite3_bind_int64 (comment, 5, when);
      sqlite3_bind_int (comment, 6, review ? g_rand_int_range (rand, 1, 6) : 0);
      sqlite3_bind_text (comment, 7, state, -1, SQLITE_STATIC);
      sqlite3_bind_text (comment, 8, kind, -1, SQLITE_STATIC);
      if (sqlite3_step (comment) != SQLITE_DONE)
        goto out;
      sqlite3_reset (comment);
      when -= g_rand_int_range (rand, 60, 3600);
    }
  if (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    goto out;
  ok = TRUE;

out:
  if (!ok)
    sql_error (db, error);
  sqlite3_finalize (comment);
  sqlite3_close_v2 (db);
  return ok;
}

RoundsStore *
rounds_bench_data_open_practice (const char *path,
                                 guint       n_posts)
{
  g_autoptr(RoundsClock) clock = rounds_clock_new_fake (1772460000);  /* 2 March 2026 */
  g_autoptr(GError) error = NULL;
  RoundsStore *store = rounds_store_open (path, clock, ROUNDS_STORE_OPEN_NO_BACKUPS, &error);
  gint64 t0;

  if (store == NULL)
    g_error ("open: %s", error->message);
  t0 = g_get_monotonic_time ();
  if (!rounds_bench_data_fill (store, n_posts, 5, 17, NULL, &error))
    g_error ("generate: %s", error->message);
  g_print ("generated %u posts: %.0f ms\n", n_posts, (g_get_monotonic_time () - t0) / 1000.0);
  return store;
}
