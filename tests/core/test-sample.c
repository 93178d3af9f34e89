/* test-sample.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "core-test-util.h"
#include "config.h"

#include <glib/gstdio.h>

#include "rounds-compliance-profile.h"
#include "rounds-sample.h"
#include "rounds-scanner.h"
#include "rounds-time.h"

/* "Explore a sample practice" must look like a real, busy practice
 * whatever day it is opened: about forty posts over this month and the
 * next (in practice time), every status, several networks, a few
 * comments and a review, and all of it in its own file, never in the
 * real practice's. */

typedef struct
{
  const char *name;
  int         year, month, day, hour, minute;  /* America/Chicago */
} Instant;

static const Instant instants[] = {
  { "first-day-of-month", 2026, 3, 1, 0, 30 },        /* a week before DST starts */
  { "mid-month", 2026, 7, 15, 12, 0 },
  { "last-day-of-month", 2026, 10, 31, 23, 30 },      /* the next day DST ends */
  { "last-day-of-year", 2026, 12, 31, 23, 30 },       /* next month is next year */
  { "first-day-of-leap-february", 2028, 2, 1, 0, 30 },
};

static guint
count_bits (guint value)
{
  guint n = 0;

  for (; value != 0; value &= value - 1)
    n++;
  return n;
}

static void
test_sample_at (gconstpointer data)
{
  const Instant *instant = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("rounds-sample-XXXXXX", &error);
  g_autofree char *sample_path = NULL;
  g_autofree char *default_path = NULL;
  g_autofree char *backups = NULL;
  g_autoptr(GTimeZone) tz = rounds_time_zone_new ("America/Chicago");
  g_autoptr(RoundsClock) clock = NULL;
  g_autoptr(RoundsStore) store = NULL;
  g_autoptr(GDateTime) month_start = NULL;
  g_autoptr(GDateTime) end = NULL;
  GListModel *posts;
  GListModel *comments;
  guint by_status[ROUNDS_POST_STATUS_LAST + 1] = { 0, };
  RoundsNetwork networks = 0;
  guint n_posts, n_comments, n_reviews = 0;
  guint n_blocked = 0;
  g_autoptr(RoundsComplianceProfile) profile = NULL;
  gint64 now;

  g_assert_no_error (error);
  g_setenv ("ROUNDS_DATA_DIR", dir, TRUE);
  sample_path = rounds_store_dup_sample_path ();
  default_path = rounds_store_dup_default_path ();
  backups = g_build_filename (dir, "backups", NULL);

  now = rounds_time_from_local (tz, instant->year, instant->month, instant->day, instant->hour,
                                instant->minute);
  g_assert_cmpint (now, >, 0);
  clock = rounds_clock_new_fake (now);
  month_start = g_date_time_new (tz, instant->year, instant->month, 1, 0, 0, 0);
  end = g_date_time_add_months (month_start, 2);

  /* As the application opens it: its own file, no backups. */
  store = rounds_store_open (sample_path, clock, ROUNDS_STORE_OPEN_NO_BACKUPS, &error);
  g_assert_no_error (error);
  g_assert_true (rounds_sample_populate (store, &error));
  g_assert_no_error (error);

  g_assert_cmpstr (rounds_practice_get_name (rounds_store_get_practice (store)), ==,
                   ROUNDS_SAMPLE_PRACTICE_NAME);
  g_assert_true (rounds_time_zone_is_valid (
                   rounds_practice_get_timezone (rounds_store_get_practice (store))));
  g_assert_cmpuint (g_strv_length ((GStrv)rounds_practice_get_staff_names (
                                     rounds_store_get_practice (store))), >=, 2);

  {
    g_autoptr(JsonNode) node = rounds_practice_to_profile_json (rounds_store_get_practice (store));
    g_autofree char *json = json_to_string (node, FALSE);

    profile = rounds_compliance_profile_new_from_json (json, -1, &error);
    g_assert_no_error (error);
  }

  posts = rounds_store_get_posts (store);
  n_posts = g_list_model_get_n_items (posts);
  g_assert_cmpuint (n_posts, >=, 35);
  g_assert_cmpuint (n_posts, <=, 50);

  for (guint i = 0; i < n_posts; i++)
    {
      g_autoptr(RoundsPost) post = g_list_model_get_item (posts, i);
      RoundsPostStatus status = rounds_post_get_status (post);
      gint64 when = rounds_post_get_scheduled_at (post);

      by_status[status]++;
      networks |= rounds_post_get_networks (post);

      /* A post the app would block, or that needs a decision (a
       * "guaranteed painless" promise), sits in review, as the app would
       * leave it, never scheduled, approved or published. */
      {
        g_autoptr(GPtrArray) findings = rounds_scanner_scan (rounds_scanner_get_default (),
                                                             rounds_post_get_body (post), -1,
                                                             ROUNDS_TEXT_KIND_POST, NULL,
                                                             profile, NULL);
        gboolean blocked = FALSE;

        for (guint k = 0; findings != NULL && k < findings->len; k++)
          blocked = blocked || rounds_finding_get_severity (g_ptr_array_index (findings, k)) !=
                               ROUNDS_FINDING_SEVERITY_INFO;
        if (blocked)
          {
            n_blocked++;
            g_assert_cmpint (status, ==, ROUNDS_POST_STATUS_IN_REVIEW);
          }
      }
      g_assert_cmpint (rounds_post_get_networks (post), !=, ROUNDS_NETWORK_NONE);
      g_assert_cmpstr (rounds_post_get_body (post), !=, "");

      if (when == 0)
        {
          /* Only a draft may be without a time. */
          g_assert_cmpint (status, ==, ROUNDS_POST_STATUS_DRAFT);
          continue;
        }

      /* This month and the next in practice time, or one of the few
       * posts dated in the last days on purpose. */
      if (!(when >= g_date_time_to_unix (month_start) && when < g_date_time_to_unix (end)) &&
          !(when <= now && when >= now - 3 * 86400))
        {
          g_test_message ("post %u is scheduled outside the sample's two months", i);
          g_test_fail ();
        }

      /* Times agree with statuses, as a user would expect. */
      if (status == ROUNDS_POST_STATUS_SCHEDULED)
        g_assert_cmpint (when, >, now);
      if (status == ROUNDS_POST_STATUS_PUBLISHED || status == ROUNDS_POST_STATUS_FAILED)
        g_assert_cmpint (when, <=, now);
      if (status == ROUNDS_POST_STATUS_FAILED)
        g_assert_cmpstr (rounds_post_get_last_error (post), !=, NULL);
    }

  g_assert_cmpuint (by_status[ROUNDS_POST_STATUS_DRAFT], >=, 1);
  g_assert_cmpuint (by_status[ROUNDS_POST_STATUS_IN_REVIEW], >=, 1);
  g_assert_cmpuint (by_status[ROUNDS_POST_STATUS_APPROVED], >=, 1);
  g_assert_cmpuint (by_status[ROUNDS_POST_STATUS_SCHEDULED], >=, 1);
  g_assert_cmpuint (by_status[ROUNDS_POST_STATUS_PUBLISHED], >=, 1);
  g_assert_cmpuint (by_status[ROUNDS_POST_STATUS_FAILED], >=, 1);
  g_assert_cmpuint (count_bits (networks), >=, 3);
  /* The mistakes Rounds exists to catch are there to be seen. */
  g_assert_cmpuint (n_blocked, >=, 2);

  comments = rounds_store_get_comments (store);
  n_comments = g_list_model_get_n_items (comments);
  g_assert_cmpuint (n_comments, >=, 3);
  for (guint i = 0; i < n_comments; i++)
    {
      g_autoptr(RoundsComment) comment = g_list_model_get_item (comments, i);

      if (rounds_comment_get_kind (comment) == ROUNDS_COMMENT_KIND_REVIEW)
        {
          n_reviews++;
          g_assert_cmpint (rounds_comment_get_rating (comment), >=, 1);
          g_assert_cmpint (rounds_comment_get_rating (comment), <=, 5);
        }
      else if (rounds_comment_get_post_id (comment) != 0)
        g_assert_nonnull (rounds_store_lookup_post (store, rounds_comment_get_post_id (comment)));

      /* Nothing arrives from the future. */
      g_assert_cmpint (rounds_comment_get_received_at (comment), <=, now);
    }
  g_assert_cmpuint (n_reviews, >=, 1);

  /* The Inbox shows every kind of item in the first minute (issue 14),
   * as the core's triage sees them. */
  {
    guint seen = 0;

    for (guint i = 0; i < n_comments; i++)
      {
        g_autoptr(RoundsComment) comment = g_list_model_get_item (comments, i);

        seen |= 1u << rounds_comment_get_triage (comment);
      }
    for (RoundsTriageKind k = ROUNDS_TRIAGE_QUESTION; k <= ROUNDS_TRIAGE_LAST; k++)
      {
        if ((seen & (1u << k)) == 0)
          g_test_message ("the sample has no item of kind %s", rounds_triage_kind_to_string (k));
        g_assert_true (seen & (1u << k));
      }
  }

  /* The sample stays in its own file: no real practice appears, no backups. */
  g_assert_cmpstr (sample_path, !=, default_path);
  /* On the server run the sample lives in its own database schema. */
  if (!rounds_test_store_on_server ())
    g_assert_true (g_file_test (sample_path, G_FILE_TEST_IS_REGULAR));
  g_assert_false (g_file_test (default_path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (backups, G_FILE_TEST_EXISTS));

  /* It is stored, not only in memory. */
  g_clear_object (&store);
  store = rounds_store_open (sample_path, clock, ROUNDS_STORE_OPEN_NO_BACKUPS, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (rounds_store_get_posts (store)), ==, n_posts);
  g_assert_cmpuint (g_list_model_get_n_items (rounds_store_get_comments (store)), ==, n_comments);
  g_clear_object (&store);
  g_assert_false (g_file_test (default_path, G_FILE_TEST_EXISTS));

  rounds_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (instants); i++)
    {
      g_autofree char *path = g_strdup_printf ("/sample/%s", instants[i].name);

      g_test_add_data_func (path, &instants[i], test_sample_at);
    }

  return g_test_run ();
}
