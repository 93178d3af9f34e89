/* test-insights.c — Insights aggregation, goal progress, ROI and the store
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every expectation below is worked out by hand in the comments from the
 * fixture built in make_fixture().
 */

#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>

#include "core-test-util.h"
#include "rounds-insights.h"
#include "rounds-store.h"
#include "rounds-store-insights.h"
#include "rounds-store-plan.h"
#include "rounds-sample.h"
#include "rounds-time.h"

static guint32
jd (int y,
    int m,
    int d)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, d, m, y);
  return g_date_get_julian (&date);
}

static gint64
utc (int y, int m, int d, int h)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (y, m, d, h, 0, 0);

  return g_date_time_to_unix (dt);
}

static void
add_account (RoundsInsightsData *data,
             RoundsNetwork       network,
             const char         *account,
             guint32             day,
             gint64              value)
{
  RoundsAccountSnapshot row = { network, g_strdup (account), day,
                                g_intern_string ("followers"), value };

  g_array_append_val (data->accounts, row);
}

static RoundsMeasuredPost *
add_post (RoundsInsightsData *data,
          RoundsNetwork       network,
          const char         *remote_id,
          gint64              published_at,
          const char         *pillar,
          const char         *format)
{
  RoundsMeasuredPost *post = g_new0 (RoundsMeasuredPost, 1);

  post->network = network;
  post->account = g_strdup ("1");
  post->remote_id = g_strdup (remote_id);
  post->published_at = published_at;
  post->title = g_strdup (remote_id);
  post->pillar = g_strdup (pillar);
  post->format = g_strdup (format);
  g_ptr_array_add (data->posts, post);
  return post;
}

static void
add_result (RoundsInsightsData *data,
            guint32             week,
            const char         *kind,
            gint64              count)
{
  RoundsResultEntry row = { week, g_strdup (kind), ROUNDS_NETWORK_NONE, count };

  g_array_append_val (data->results, row);
}

static void
add_time (RoundsInsightsData *data,
          guint32             day,
          const char         *role,
          int                 minutes,
          RoundsNetwork       network)
{
  RoundsTimeEntry row = { day, g_strdup (role), g_strdup (""), minutes, g_strdup ("writing"),
                          network };

  g_array_append_val (data->time_log, row);
}

/* Facebook account: 290 followers on 1 March, 300 on 10 March.
 * Instagram account: 170 on 1 March, 180 on 14 March.
 * Posts (UTC): P1 Facebook Tue 3 March 12:00, video, education: 30 likes
 * 5 comments 5 shares = 40; P2 Facebook Wed 4 March 09:00, link, news:
 * 8 likes 2 comments (shares never measured) = 10; P3 Instagram Thu 5
 * March 12:00, image, team: 50 likes 0 comments 10 saves = 60; P4
 * Instagram Tue 10 March, education, never measured; P5 Facebook 20
 * February: 100 likes. */
static RoundsInsightsData *
make_fixture (void)
{
  RoundsInsightsData *data = rounds_insights_data_new ();
  RoundsMeasuredPost *post;

  add_account (data, ROUNDS_NETWORK_FACEBOOK, "1", jd (2026, 3, 1), 290);
  add_account (data, ROUNDS_NETWORK_FACEBOOK, "1", jd (2026, 3, 10), 300);
  add_account (data, ROUNDS_NETWORK_INSTAGRAM, "2", jd (2026, 3, 1), 170);
  add_account (data, ROUNDS_NETWORK_INSTAGRAM, "2", jd (2026, 3, 14), 180);

  post = add_post (data, ROUNDS_NETWORK_FACEBOOK, "P5", utc (2026, 2, 20, 10), "", "");
  rounds_measured_post_set (post, "likes", 100);
  post = add_post (data, ROUNDS_NETWORK_FACEBOOK, "P1", utc (2026, 3, 3, 12), "education", "video");
  rounds_measured_post_set (post, "likes", 30);
  rounds_measured_post_set (post, "comments", 5);
  rounds_measured_post_set (post, "shares", 5);
  rounds_measured_post_set (post, "impressions", 900);   /* not an interaction */
  post = add_post (data, ROUNDS_NETWORK_FACEBOOK, "P2", utc (2026, 3, 4, 9), "news", "link");
  rounds_measured_post_set (post, "likes", 8);
  rounds_measured_post_set (post, "comments", 2);
  post = add_post (data, ROUNDS_NETWORK_INSTAGRAM, "P3", utc (2026, 3, 5, 12), "team", "image");
  rounds_measured_post_set (post, "likes", 50);
  rounds_measured_post_set (post, "comments", 0);
  rounds_measured_post_set (post, "saves", 10);
  add_post (data, ROUNDS_NETWORK_INSTAGRAM, "P4", utc (2026, 3, 10, 12), "education", "image");

  /* Weeks by their Monday. */
  add_result (data, jd (2026, 2, 16), "inquiries", 2);
  add_result (data, jd (2026, 2, 23), "inquiries", 3);
  add_result (data, jd (2026, 3, 2), "inquiries", 4);
  add_result (data, jd (2026, 3, 9), "inquiries", 5);
  add_result (data, jd (2026, 3, 2), "bookings", 1);
  add_result (data, jd (2026, 3, 9), "bookings", 2);

  add_time (data, jd (2026, 3, 3), "writer", 120, ROUNDS_NETWORK_NONE);
  add_time (data, jd (2026, 3, 4), "approver", 30, ROUNDS_NETWORK_NONE);
  add_time (data, jd (2026, 3, 5), "writer", 60, ROUNDS_NETWORK_INSTAGRAM);

  {
    RoundsSpendEntry ads = { jd (2026, 3, 1), g_strdup ("ads"), 5000, ROUNDS_NETWORK_FACEBOOK,
                             g_strdup ("") };
    RoundsSpendEntry tools = { jd (2026, 3, 1), g_strdup ("tools"), 2000, ROUNDS_NETWORK_NONE,
                               g_strdup ("") };
    RoundsWebEntry web[] = {
      { jd (2026, 3, 1), g_strdup ("facebook"), g_strdup ("social"), g_strdup ("education"), 40, 3 },
      { jd (2026, 3, 1), g_strdup ("google"), g_strdup ("organic"), g_strdup ("(not set)"), 100, 10 },
      { jd (2026, 3, 1), g_strdup ("l.instagram.com"), g_strdup ("referral"), g_strdup (""), 10, 1 },
    };

    g_array_append_val (data->spending, ads);
    g_array_append_val (data->spending, tools);
    g_array_append_vals (data->web, web, G_N_ELEMENTS (web));
  }
  return data;
}

static int
compare_published (gconstpointer a,
                   gconstpointer b)
{
  gint64 pa = (*(RoundsMeasuredPost **)a)->published_at;
  gint64 pb = (*(RoundsMeasuredPost **)b)->published_at;

  return pa < pb ? -1 : pa > pb;
}

static GTimeZone *
utc_zone (void)
{
  return g_time_zone_new_utc ();
}

static void
test_followers (void)
{
  g_autoptr(RoundsInsightsData) data = make_fixture ();
  RoundsPeriod start = { jd (2026, 3, 1), jd (2026, 3, 3) };
  RoundsPeriod middle = { jd (2026, 3, 10), jd (2026, 3, 14) };
  g_autoptr(GArray) series = NULL;

  /* Latest reading on or before the day, summed over accounts. */
  g_assert_cmpint (rounds_insights_followers_on (data, ROUNDS_NETWORK_NONE, jd (2026, 3, 15)), ==, 480);
  g_assert_cmpint (rounds_insights_followers_on (data, ROUNDS_NETWORK_FACEBOOK, jd (2026, 3, 5)), ==, 290);
  g_assert_cmpint (rounds_insights_followers_on (data, ROUNDS_NETWORK_NONE, jd (2026, 3, 12)), ==, 470);
  /* Before the first reading there is nothing, not zero. */
  g_assert_cmpint (rounds_insights_followers_on (data, ROUNDS_NETWORK_NONE, jd (2026, 2, 28)), ==, -1);

  /* 1 March has both accounts: 460. The days after have no reading: gaps. */
  series = rounds_insights_followers_series (data, ROUNDS_NETWORK_NONE, start);
  g_assert_cmpuint (series->len, ==, 3);
  g_assert_cmpint (g_array_index (series, RoundsInsightsPoint, 0).value, ==, 460);
  g_assert_cmpint (g_array_index (series, RoundsInsightsPoint, 1).value, ==, -1);
  g_assert_cmpint (g_array_index (series, RoundsInsightsPoint, 2).value, ==, -1);
  g_clear_pointer (&series, g_array_unref);

  /* 10 March: Facebook read that day, but Instagram's last reading (1
   * March) is more than a week old: no sum pretends to be the total.
   * 14 March: Instagram read that day and Facebook's reading of 10 March
   * counts for its week: 180 + 300. The days between have no reading. */
  series = rounds_insights_followers_series (data, ROUNDS_NETWORK_NONE, middle);
  g_assert_cmpint (g_array_index (series, RoundsInsightsPoint, 0).value, ==, -1);
  g_assert_cmpint (g_array_index (series, RoundsInsightsPoint, 1).value, ==, -1);
  g_assert_cmpint (g_array_index (series, RoundsInsightsPoint, 3).value, ==, -1);
  g_assert_cmpint (g_array_index (series, RoundsInsightsPoint, 4).value, ==, 480);
  g_clear_pointer (&series, g_array_unref);

  series = rounds_insights_followers_series (data, ROUNDS_NETWORK_FACEBOOK, middle);
  g_assert_cmpint (g_array_index (series, RoundsInsightsPoint, 0).value, ==, 300);
  g_assert_cmpint (g_array_index (series, RoundsInsightsPoint, 1).value, ==, -1);
}

static void
test_engagement_and_ranking (void)
{
  g_autoptr(RoundsInsightsData) data = make_fixture ();
  g_autoptr(GTimeZone) tz = utc_zone ();
  RoundsPeriod march = { jd (2026, 3, 1), jd (2026, 3, 15) };
  g_autoptr(GArray) engagement = rounds_insights_engagement (data, march, tz);
  g_autoptr(GPtrArray) ranked = rounds_insights_ranked_posts (data, march, tz);
  const RoundsEngagement *fb, *ig;

  /* Facebook: P1 40 + P2 10 = 50 over 2 posts, 300 followers on 15 March:
   * 50 / 2 / 300 = 8.33 %. Instagram: P3 60 (P4 unmeasured), 180: 33.33 %. */
  g_assert_cmpuint (engagement->len, ==, 2);
  fb = &g_array_index (engagement, RoundsEngagement, 0);
  ig = &g_array_index (engagement, RoundsEngagement, 1);
  g_assert_cmpint (fb->network, ==, ROUNDS_NETWORK_FACEBOOK);
  g_assert_cmpuint (fb->n_posts, ==, 2);
  g_assert_cmpint (fb->interactions, ==, 50);
  g_assert_cmpint (fb->followers, ==, 300);
  g_assert_cmpfloat_with_epsilon (fb->rate, 100.0 * 50 / 2 / 300, 1e-9);
  g_assert_cmpint (ig->network, ==, ROUNDS_NETWORK_INSTAGRAM);
  g_assert_cmpuint (ig->n_posts, ==, 1);
  g_assert_cmpfloat_with_epsilon (ig->rate, 100.0 * 60 / 180, 1e-9);

  /* Best first; P4 was never measured and P5 is in February. */
  g_assert_cmpuint (ranked->len, ==, 3);
  g_assert_cmpstr (((RoundsMeasuredPost *)ranked->pdata[0])->remote_id, ==, "P3");
  g_assert_cmpstr (((RoundsMeasuredPost *)ranked->pdata[1])->remote_id, ==, "P1");
  g_assert_cmpstr (((RoundsMeasuredPost *)ranked->pdata[2])->remote_id, ==, "P2");
}

static void
test_heat_map (void)
{
  g_autoptr(RoundsInsightsData) data = make_fixture ();
  g_autoptr(GTimeZone) tz = utc_zone ();
  g_autoptr(GTimeZone) chicago = rounds_time_zone_new ("America/Chicago");
  RoundsPeriod march = { jd (2026, 3, 1), jd (2026, 3, 15) };
  RoundsHeatMap map;

  rounds_insights_heat_map (data, march, tz, &map);
  g_assert_cmpuint (map.count[1][12], ==, 1);            /* Tuesday 12:00: P1 */
  g_assert_cmpfloat (map.average[1][12], ==, 40);
  g_assert_cmpfloat (map.average[2][9], ==, 10);         /* Wednesday 09:00: P2 */
  g_assert_cmpfloat (map.average[3][12], ==, 60);        /* Thursday 12:00: P3 */
  g_assert_cmpfloat (map.average[0][0], ==, -1);         /* nothing posted: no value */
  g_assert_cmpfloat (map.max_average, ==, 60);

  /* In the practice's time zone (UTC−6 in early March) P1 is at 06:00. */
  rounds_insights_heat_map (data, march, chicago, &map);
  g_assert_cmpfloat (map.average[1][6], ==, 40);
  g_assert_cmpuint (map.count[1][12], ==, 0);
}

static void
test_pillars (void)
{
  g_autoptr(RoundsInsightsData) data = make_fixture ();
  g_autoptr(GTimeZone) tz = utc_zone ();
  g_autoptr(JsonObject) strategy = json_object_new ();
  JsonObject *mix = json_object_new ();
  RoundsPeriod march = { jd (2026, 3, 1), jd (2026, 3, 15) };
  g_autoptr(GArray) pillars = NULL;

  json_object_set_int_member (mix, "education", 40);
  json_object_set_int_member (mix, "news", 20);
  json_object_set_int_member (mix, "team", 20);
  json_object_set_int_member (mix, "community", 10);
  json_object_set_int_member (mix, "seasonal", 10);
  json_object_set_object_member (strategy, "mix", mix);

  /* Four March posts have a pillar: education 2 (50 %, average 40: P4 is
   * unmeasured), news 1 (25 %, 10), team 1 (25 %, 60), community none. */
  pillars = rounds_insights_pillars (data, march, tz, strategy);
  for (guint i = 0; i < pillars->len; i++)
    {
      const RoundsPillarStat *stat = &g_array_index (pillars, RoundsPillarStat, i);

      if (g_str_equal (stat->pillar, "education"))
        {
          g_assert_cmpuint (stat->n_posts, ==, 2);
          g_assert_cmpfloat (stat->share, ==, 50);
          g_assert_cmpint (stat->planned, ==, 40);
          g_assert_cmpfloat (stat->average, ==, 40);
        }
      else if (g_str_equal (stat->pillar, "team"))
        {
          g_assert_cmpfloat (stat->share, ==, 25);
          g_assert_cmpfloat (stat->average, ==, 60);
        }
      else if (g_str_equal (stat->pillar, "community"))
        {
          g_assert_cmpuint (stat->n_posts, ==, 0);
          g_assert_cmpint (stat->planned, ==, 10);
          g_assert_cmpfloat (stat->average, ==, -1);
        }
    }
}

static void
test_goal_progress (void)
{
  g_autoptr(RoundsGoalProgress) behind = NULL;
  g_autoptr(RoundsGoalProgress) on_track = NULL;
  g_autoptr(RoundsGoalProgress) reached = NULL;
  g_autoptr(RoundsGoalProgress) missed = NULL;
  g_autoptr(RoundsGoalProgress) unknown = NULL;
  g_autofree char *text = NULL;
  guint32 start = jd (2026, 1, 1), deadline = jd (2026, 3, 31);

  /* 400 → 600, at 480 on 15 March: 80 / 200 = 40 % of the way, while
   * 73 of 89 days (82 %) are gone: behind. */
  behind = rounds_insights_goal_progress ("Followers", "followers", 400, 600, start, deadline,
                                          480, jd (2026, 3, 15));
  g_assert_cmpfloat_with_epsilon (behind->progress, 0.40, 1e-9);
  g_assert_cmpfloat_with_epsilon (behind->expected, 73.0 / 89.0, 1e-9);
  g_assert_cmpint (behind->state, ==, ROUNDS_GOAL_BEHIND);
  text = rounds_goal_progress_describe (behind);
  g_assert_cmpstr (text, ==, "Followers: 480 → target 600 by 31 March 2026: 40%, behind");

  /* The same 480 on 1 February: 31 of 89 days (35 %) gone: on track. */
  on_track = rounds_insights_goal_progress ("Followers", "followers", 400, 600, start, deadline,
                                            480, jd (2026, 2, 1));
  g_assert_cmpint (on_track->state, ==, ROUNDS_GOAL_ON_TRACK);

  reached = rounds_insights_goal_progress ("Followers", "followers", 400, 600, start, deadline,
                                           612, jd (2026, 3, 15));
  g_assert_cmpint (reached->state, ==, ROUNDS_GOAL_REACHED);
  missed = rounds_insights_goal_progress ("Followers", "followers", 400, 600, start, deadline,
                                          590, jd (2026, 4, 2));
  g_assert_cmpint (missed->state, ==, ROUNDS_GOAL_MISSED);
  unknown = rounds_insights_goal_progress ("Followers", "followers", 400, 600, start, deadline,
                                           -1, jd (2026, 3, 15));
  g_assert_cmpint (unknown->state, ==, ROUNDS_GOAL_NO_DATA);
}

static void
test_goals_from_plan (void)
{
  g_autoptr(RoundsInsightsData) data = make_fixture ();
  g_autoptr(GTimeZone) tz = utc_zone ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) goals = NULL;
  const RoundsGoalProgress *inquiries, *interactions;

  g_assert_true (json_parser_load_from_data (parser,
    "{\"goals\":["
    "{\"kind\":\"bookings\",\"metric\":\"inquiries\",\"baseline\":6,\"target\":16,"
    " \"deadline\":\"2026-03-31\",\"since\":\"2026-01-01\"},"
    "{\"kind\":\"engagement\",\"metric\":\"interactions\",\"baseline\":100,\"target\":300,"
    " \"deadline\":\"2026-06-30\"}]}", -1, NULL));

  goals = rounds_insights_goals (data, json_node_get_object (json_parser_get_root (parser)),
                                 jd (2026, 3, 1), jd (2026, 3, 15), tz);
  g_assert_cmpuint (goals->len, ==, 2);

  /* Inquiries of the weeks starting 16 Feb … 15 March: 2 + 3 + 4 + 5 = 14;
   * (14 − 6) / 10 = 80 % while 82 % of the time is gone: behind. */
  inquiries = goals->pdata[0];
  g_assert_cmpint (inquiries->current, ==, 14);
  g_assert_cmpfloat_with_epsilon (inquiries->progress, 0.8, 1e-9);
  g_assert_cmpint (inquiries->state, ==, ROUNDS_GOAL_BEHIND);

  /* Interactions of the posts of the last 30 days (14 Feb … 15 March):
   * P5 100 + P1 40 + P2 10 + P3 60 = 210. No "since": set on 1 March,
   * 14 of 121 days gone; (210 − 100) / 200 = 55 %: on track. */
  interactions = goals->pdata[1];
  g_assert_cmpint (interactions->current, ==, 210);
  g_assert_cmpint (interactions->start, ==, jd (2026, 3, 1));
  g_assert_cmpint (interactions->state, ==, ROUNDS_GOAL_ON_TRACK);
}

static void
test_roi (void)
{
  g_autoptr(RoundsInsightsData) data = make_fixture ();
  g_autoptr(GTimeZone) tz = utc_zone ();
  g_autoptr(GHashTable) rates = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GArray) months = NULL;
  gint64 writer = 3000;
  const RoundsRoiMonth *feb, *march;

  g_hash_table_insert (rates, (gpointer)"writer", g_memdup2 (&writer, sizeof writer));
  months = rounds_insights_roi (data, jd (2026, 2, 10), jd (2026, 3, 15), rates, 6000, 25000, tz);
  g_assert_cmpuint (months->len, ==, 2);
  feb = &g_array_index (months, RoundsRoiMonth, 0);
  march = &g_array_index (months, RoundsRoiMonth, 1);

  /* February: no time, no spending; inquiries 2 + 3 in 2 of 4 weeks. */
  g_assert_cmpint (feb->month, ==, jd (2026, 2, 1));
  g_assert_cmpint (feb->cost_cents, ==, 0);
  g_assert_cmpint (feb->inquiries, ==, 5);
  g_assert_cmpint (feb->bookings, ==, -1);
  g_assert_cmpuint (feb->weeks_entered, ==, 2);
  g_assert_cmpuint (feb->weeks_in_month, ==, 4);
  g_assert_cmpint (feb->sessions, ==, -1);
  g_assert_cmpint (feb->new_followers, ==, -1);
  g_assert_cmpint (feb->interactions, ==, 100);

  /* March: writers 180 min × $30/h = $90, approver 30 min × $60/h = $30
   * (the default rate): $120 of time, estimated; $50 ads + $20 tools
   * spent: $190. Inquiries 9, bookings 3 in 2 of 5 weeks. */
  g_assert_cmpint (march->minutes, ==, 210);
  g_assert_cmpint (march->time_cents, ==, 12000);
  g_assert_cmpint (march->spend_cents, ==, 7000);
  g_assert_cmpint (march->cost_cents, ==, 19000);
  g_assert_true (march->cost_estimated);
  g_assert_cmpint (march->inquiries, ==, 9);
  g_assert_cmpint (march->bookings, ==, 3);
  g_assert_true (march->results_partial);
  g_assert_cmpuint (march->weeks_in_month, ==, 5);
  g_assert_cmpfloat_with_epsilon (march->cost_per_inquiry, 19000.0 / 9, 1e-6);
  g_assert_cmpfloat_with_epsilon (march->cost_per_booking, 19000.0 / 3, 1e-6);
  /* 3 bookings × $250. */
  g_assert_cmpint (march->value_cents, ==, 75000);
  /* Social sessions: facebook/social 40 + l.instagram.com 10; google organic is not social. */
  g_assert_cmpint (march->sessions, ==, 50);
  g_assert_cmpint (march->conversions, ==, 4);
  /* No reading on 28 February: the month's new followers are unknown. */
  g_assert_cmpint (march->new_followers, ==, -1);
  g_assert_cmpint (march->interactions, ==, 110);
}

static void
test_response_times (void)
{
  g_autoptr(RoundsInsightsData) data = make_fixture ();
  g_autoptr(GArray) empty = NULL;
  g_autoptr(GArray) stats = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  RoundsResponseEntry rows[] = {
    { utc (2026, 3, 1, 0), utc (2026, 3, 1, 2), g_strdup ("") },
    { utc (2026, 3, 2, 0), utc (2026, 3, 3, 6), g_strdup ("negative_review") },
    { utc (2026, 3, 14, 0), 0, g_strdup ("negative_review") },
  };
  const RoundsResponseStat *ordinary, *negative;

  g_assert_true (json_parser_load_from_data (parser,
    "{\"levels\":{\"negative_review\":{\"hours\":24}}}", -1, NULL));

  /* No inbox: nothing to say, and no crash. */
  empty = rounds_insights_response_times (data, NULL, 0, G_MAXINT64, utc (2026, 3, 15, 12));
  g_assert_cmpuint (empty->len, ==, 0);

  g_array_append_vals (data->responses, rows, G_N_ELEMENTS (rows));
  stats = rounds_insights_response_times (data, json_node_get_object (json_parser_get_root (parser)),
                                          utc (2026, 3, 1, 0), utc (2026, 3, 16, 0),
                                          utc (2026, 3, 15, 12));
  g_assert_cmpuint (stats->len, ==, 2);
  ordinary = &g_array_index (stats, RoundsResponseStat, 0);
  negative = &g_array_index (stats, RoundsResponseStat, 1);
  g_assert_cmpfloat (ordinary->median_hours, ==, 2);
  g_assert_cmpint (ordinary->target_hours, ==, -1);
  /* Answered after 30 h (target 24) and one waiting 36 h: both late. */
  g_assert_cmpint (negative->target_hours, ==, 24);
  g_assert_cmpuint (negative->n_answered, ==, 1);
  g_assert_cmpuint (negative->n_waiting, ==, 1);
  g_assert_cmpuint (negative->n_late, ==, 2);
  g_assert_cmpfloat (negative->median_hours, ==, 30);
}

static void
test_suggestions (void)
{
  g_autoptr(RoundsInsightsData) data = make_fixture ();
  g_autoptr(GTimeZone) tz = utc_zone ();
  RoundsPeriod march = { jd (2026, 3, 1), jd (2026, 3, 15) };
  g_autoptr(GPtrArray) few = rounds_insights_suggestions (data, march, tz, NULL);
  g_autoptr(GPtrArray) more = NULL;

  /* Too few posts per format or slot to compare; Instagram has an hour
   * of time logged and no inquiry attributed to it. */
  g_assert_cmpuint (few->len, ==, 1);
  g_assert_cmpstr (few->pdata[0], ==, "Instagram took 1 h for 0 inquiries in this period.");

  /* Three videos of 90 and three links of 30 on Tuesdays at 12:00 and
   * Fridays at 08:00: videos get 3×; Tuesday noon is the best slot. */
  for (int i = 0; i < 3; i++)
    {
      RoundsMeasuredPost *video = add_post (data, ROUNDS_NETWORK_FACEBOOK, "v",
                                            utc (2026, 3, 3 + 7 * i, 12), "", "video");
      RoundsMeasuredPost *link = add_post (data, ROUNDS_NETWORK_FACEBOOK, "l",
                                           utc (2026, 3, 6 + 7 * i, 8), "", "link");

      rounds_measured_post_set (video, "likes", 90);
      rounds_measured_post_set (link, "likes", 30);
    }
  g_ptr_array_sort (data->posts, compare_published);

  /* March: videos (P1 40 + 3 × 90) / 4 = 77.5, links (P2 10 + 3 × 30) / 4
   * = 25: 3.1×. Tuesday 12:00 has four measured posts averaging 77.5. */
  more = rounds_insights_suggestions (data, (RoundsPeriod) { jd (2026, 3, 1), jd (2026, 3, 31) },
                                      tz, NULL);
  g_assert_cmpuint (more->len, ==, 3);
  g_assert_cmpstr (more->pdata[0], ==, "Videos got 3.1× the engagement of links: plan more.");
  g_assert_cmpstr (more->pdata[1], ==, "Posts on Tuesday around 12:00 got the most engagement: "
                                       "schedule your important posts then.");
  g_assert_cmpstr (more->pdata[2], ==, "Instagram took 1 h for 0 inquiries in this period.");
}

static void
test_money (void)
{
  g_autofree char *big = rounds_insights_format_money (1234567);
  g_autofree char *small = rounds_insights_format_money (1250);
  g_autofree char *round = rounds_insights_format_money (10000);

  g_assert_cmpstr (big, ==, "$12,346");
  g_assert_cmpstr (small, ==, "$12.50");
  g_assert_cmpstr (round, ==, "$100");
}

static void
test_periods (void)
{
  guint32 today = jd (2026, 3, 15);
  RoundsPeriod p;

  p = rounds_period_make (ROUNDS_PERIOD_LAST_30_DAYS, today);
  g_assert_cmpint (p.first, ==, jd (2026, 2, 14));
  g_assert_cmpint (p.last, ==, today);
  p = rounds_period_make (ROUNDS_PERIOD_LAST_MONTH, today);
  g_assert_cmpint (p.first, ==, jd (2026, 2, 1));
  g_assert_cmpint (p.last, ==, jd (2026, 2, 28));
  p = rounds_period_make (ROUNDS_PERIOD_LAST_6_MONTHS, today);
  g_assert_cmpint (p.first, ==, jd (2025, 10, 1));
}

static RoundsStore *
open_temp_store (char        **dir_out,
                 RoundsClock **clock_out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  RoundsStore *store;

  *dir_out = g_dir_make_tmp ("rounds-insights-XXXXXX", NULL);
  path = g_build_filename (*dir_out, "rounds.db", NULL);
  *clock_out = rounds_clock_new_fake (utc (2026, 3, 15, 12));
  store = rounds_store_open (path, *clock_out, ROUNDS_STORE_OPEN_NO_BACKUPS, &error);
  g_assert_no_error (error);
  return store;
}

/* Response times come from the Inbox's columns on the comments table
 * (issue 14). Spam and deleted items wait for no answer. */
static void
test_store_responses (void)
{
  ROUNDS_TEST_FILE_ONLY ();
  g_autofree char *dir = NULL;
  g_autoptr(RoundsClock) clock = NULL;
  g_autoptr(RoundsStore) store = open_temp_store (&dir, &clock);
  g_autofree char *path = g_build_filename (dir, "rounds.db", NULL);
  g_autoptr(RoundsInsightsData) data = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  sqlite3 *db = NULL;
  char *message = NULL;
  gint64 t = utc (2026, 3, 10, 10);

  /* The Inbox's columns are there from the start, with nothing in them. */
  data = rounds_store_load_insights (store, &error);
  g_assert_no_error (error);
  g_assert_true (data->has_inbox);
  g_assert_cmpuint (data->responses->len, ==, 0);
  g_clear_pointer (&data, rounds_insights_data_free);
  rounds_store_close (store);
  g_clear_object (&store);

  sql = g_strdup_printf (
    "INSERT INTO comments (network, kind, received_at, triage, state, answered_at)"
    " VALUES ('facebook', 'review', %" G_GINT64_FORMAT ", 'complaint', 'answered', %" G_GINT64_FORMAT "),"
    "  ('facebook', 'comment', %" G_GINT64_FORMAT ", 'health_details', 'new', NULL),"
    "  ('facebook', 'comment', %" G_GINT64_FORMAT ", 'spam', 'new', NULL);"
    "INSERT INTO comments (network, kind, received_at, deleted_at)"
    " VALUES ('facebook', 'comment', %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ");",
    t, t + 2 * 3600, t, t, t, t + 60);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, &message), ==, SQLITE_OK);
  sqlite3_close (db);

  store = rounds_store_open (path, clock, ROUNDS_STORE_OPEN_NO_BACKUPS, &error);
  g_assert_no_error (error);
  data = rounds_store_load_insights (store, &error);
  g_assert_no_error (error);
  g_assert_true (data->has_inbox);
  g_assert_cmpuint (data->responses->len, ==, 2);
  for (guint i = 0; i < data->responses->len; i++)
    {
      RoundsResponseEntry *row = &g_array_index (data->responses, RoundsResponseEntry, i);

      if (row->answered_at != 0)
        {
          g_assert_cmpstr (row->severity, ==, "negative_review");
          g_assert_cmpint (row->answered_at - row->received_at, ==, 2 * 3600);
        }
      else
        g_assert_cmpstr (row->severity, ==, "health_details");
    }
  rounds_store_close (store);
  rounds_test_remove_tree (dir);
}

static void
test_store_snapshots (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RoundsClock) clock = NULL;
  g_autoptr(RoundsStore) store = open_temp_store (&dir, &clock);
  g_autoptr(GError) error = NULL;
  g_autoptr(RoundsInsightsData) data = NULL;
  RoundsSnapshotRow first[] = {
    { ROUNDS_NETWORK_FACEBOOK, "1", NULL, jd (2026, 3, 1), "followers", 290 },
    { ROUNDS_NETWORK_FACEBOOK, "1", "p1", jd (2026, 3, 1), "likes", 5 },
    { ROUNDS_NETWORK_FACEBOOK, "1", "p1", jd (2026, 3, 3), "likes", 9 },
  };
  /* The same day again with other numbers, and a late reading of 2 March. */
  RoundsSnapshotRow again[] = {
    { ROUNDS_NETWORK_FACEBOOK, "1", NULL, jd (2026, 3, 1), "followers", 999 },
    { ROUNDS_NETWORK_FACEBOOK, "1", "p1", jd (2026, 3, 2), "likes", 7 },
  };
  RoundsMeasuredPost *post;

  g_assert_true (rounds_store_upsert_measured_post (store, ROUNDS_NETWORK_FACEBOOK, "1", "p1", 0,
                                                    utc (2026, 3, 1, 9), "Flu shots",
                                                    "education", "image", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rounds_store_add_snapshots (store, first, G_N_ELEMENTS (first), "connector",
                                                &error), ==, 3);
  g_assert_no_error (error);
  /* The first reading of a day stays: only the 2 March one is new. */
  g_assert_cmpuint (rounds_store_add_snapshots (store, again, G_N_ELEMENTS (again), "connector",
                                                &error), ==, 1);
  g_assert_true (rounds_store_has_snapshot (store, ROUNDS_NETWORK_FACEBOOK, "1", NULL,
                                            jd (2026, 3, 1), "followers"));
  g_assert_false (rounds_store_has_snapshot (store, ROUNDS_NETWORK_FACEBOOK, "1", NULL,
                                             jd (2026, 3, 2), "followers"));

  data = rounds_store_load_insights (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (data->accounts->len, ==, 1);
  g_assert_cmpint (g_array_index (data->accounts, RoundsAccountSnapshot, 0).value, ==, 290);
  g_assert_cmpuint (data->posts->len, ==, 1);
  post = data->posts->pdata[0];
  g_assert_cmpstr (post->pillar, ==, "education");
  /* The latest day's count, not the last one written. */
  g_assert_cmpint (rounds_measured_post_get (post, "likes"), ==, 9);
  g_assert_cmpint (rounds_measured_post_get (post, "shares"), ==, -1);
  /* The Inbox's columns are there, with nothing answered yet. */
  g_assert_true (data->has_inbox);
  g_assert_cmpuint (data->responses->len, ==, 0);

  rounds_store_close (store);
  rounds_test_remove_tree (dir);
}

static void
test_store_costs (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RoundsClock) clock = NULL;
  g_autoptr(RoundsStore) store = open_temp_store (&dir, &clock);
  g_autoptr(GError) error = NULL;
  g_autoptr(RoundsInsightsData) data = NULL;

  /* Thursday 5 March counts in the week of Monday 2 March; entering the
   * week again corrects it. */
  g_assert_true (rounds_store_set_result (store, jd (2026, 3, 5), "inquiries",
                                          ROUNDS_NETWORK_NONE, 3, "manual", &error));
  g_assert_true (rounds_store_set_result (store, jd (2026, 3, 2), "inquiries",
                                          ROUNDS_NETWORK_NONE, 4, "manual", &error));
  g_assert_false (rounds_store_set_result (store, jd (2026, 3, 2), "likes",
                                           ROUNDS_NETWORK_NONE, 4, "manual", &error));
  g_assert_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (rounds_store_add_time (store, jd (2026, 3, 3), "writer", "", 45, "writing",
                                          ROUNDS_NETWORK_INSTAGRAM, &error), >, 0);
  g_assert_cmpint (rounds_store_add_time (store, jd (2026, 3, 3), "writer", "", 0, "writing",
                                          ROUNDS_NETWORK_NONE, NULL), ==, 0);
  g_assert_cmpint (rounds_store_add_spending (store, jd (2026, 3, 20), "ads", 5000,
                                              ROUNDS_NETWORK_FACEBOOK, "", &error), >, 0);
  g_assert_no_error (error);

  data = rounds_store_load_insights (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (data->results->len, ==, 1);
  g_assert_cmpint (g_array_index (data->results, RoundsResultEntry, 0).week, ==, jd (2026, 3, 2));
  g_assert_cmpint (g_array_index (data->results, RoundsResultEntry, 0).count, ==, 4);
  g_assert_cmpuint (data->time_log->len, ==, 1);
  g_assert_cmpint (g_array_index (data->time_log, RoundsTimeEntry, 0).network, ==,
                   ROUNDS_NETWORK_INSTAGRAM);
  g_assert_cmpuint (data->spending->len, ==, 1);
  g_assert_cmpint (g_array_index (data->spending, RoundsSpendEntry, 0).month, ==, jd (2026, 3, 1));

  /* Settings: defaults, then the practice's own. */
  g_assert_cmpint (rounds_store_get_hourly_rate (store, "writer"), ==, 2500);
  g_assert_true (rounds_store_set_hourly_rate (store, "writer", 3200, NULL));
  g_assert_cmpint (rounds_store_get_hourly_rate (store, "writer"), ==, 3200);
  g_assert_cmpint (rounds_store_get_patient_value (store), ==, 0);
  g_assert_true (rounds_store_get_utm_enabled (store));
  g_assert_true (rounds_store_set_utm_enabled (store, FALSE, NULL));
  g_assert_false (rounds_store_get_utm_enabled (store));

  rounds_store_close (store);
  rounds_test_remove_tree (dir);
}

static void
test_sample_history (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RoundsClock) clock = NULL;
  g_autoptr(RoundsStore) store = open_temp_store (&dir, &clock);
  g_autoptr(GError) error = NULL;
  g_autoptr(RoundsInsightsData) data = NULL;
  g_autoptr(GTimeZone) tz = rounds_time_zone_new ("America/Chicago");
  g_autoptr(JsonObject) goals = NULL;
  g_autoptr(JsonObject) strategy = NULL;
  g_autoptr(GPtrArray) progress = NULL;
  g_autoptr(GPtrArray) ranked = NULL;
  g_autoptr(GPtrArray) suggestions = NULL;
  g_autoptr(GArray) roi = NULL;
  g_autoptr(GArray) series = NULL;
  guint32 today;
  RoundsPeriod month;
  RoundsHeatMap map;
  guint gaps = 0;

  g_assert_true (rounds_sample_populate (store, &error));
  g_assert_no_error (error);
  today = rounds_insights_today (tz, rounds_clock_get_now (clock));
  month = rounds_period_make (ROUNDS_PERIOD_LAST_30_DAYS, today);

  data = rounds_store_load_insights (store, &error);
  g_assert_no_error (error);
  goals = rounds_store_plan_load_section (store, "goals", NULL, &error);
  strategy = rounds_store_plan_load_section (store, "strategy", NULL, &error);
  g_assert_nonnull (goals);

  /* Every chart of the first run has something to show. */
  progress = rounds_insights_goals (data, goals, today - 150, today, tz);
  g_assert_cmpuint (progress->len, ==, 3);
  for (guint i = 0; i < progress->len; i++)
    g_assert_cmpint (((RoundsGoalProgress *)progress->pdata[i])->state, !=, ROUNDS_GOAL_NO_DATA);
  ranked = rounds_insights_ranked_posts (data, month, tz);
  g_assert_cmpuint (ranked->len, >=, 15);
  rounds_insights_heat_map (data, month, tz, &map);
  g_assert_cmpfloat (map.max_average, >, 0);
  roi = rounds_insights_roi (data, today - 160, today, NULL, 2500, 25000, tz);
  g_assert_cmpuint (roi->len, >=, 6);
  for (guint i = 0; i < roi->len; i++)
    g_assert_cmpint (g_array_index (roi, RoundsRoiMonth, i).cost_cents, >, 0);
  suggestions = rounds_insights_suggestions (data, rounds_period_make (ROUNDS_PERIOD_LAST_3_MONTHS, today),
                                             tz, strategy);
  g_assert_cmpuint (suggestions->len, >=, 2);

  /* The week the app was not opened shows as a gap. */
  series = rounds_insights_followers_series (data, ROUNDS_NETWORK_FACEBOOK,
                                             (RoundsPeriod) { today - 183, today });
  for (guint i = 0; i < series->len; i++)
    gaps += g_array_index (series, RoundsInsightsPoint, i).value < 0;
  g_assert_cmpuint (gaps, ==, 7);

  rounds_store_close (store);
  rounds_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/insights/followers", test_followers);
  g_test_add_func ("/insights/engagement-ranking", test_engagement_and_ranking);
  g_test_add_func ("/insights/heat-map", test_heat_map);
  g_test_add_func ("/insights/pillars", test_pillars);
  g_test_add_func ("/insights/goal-progress", test_goal_progress);
  g_test_add_func ("/insights/goals-from-plan", test_goals_from_plan);
  g_test_add_func ("/insights/roi", test_roi);
  g_test_add_func ("/insights/response-times", test_response_times);
  g_test_add_func ("/insights/store-responses", test_store_responses);
  g_test_add_func ("/insights/suggestions", test_suggestions);
  g_test_add_func ("/insights/money", test_money);
  g_test_add_func ("/insights/periods", test_periods);
  g_test_add_func ("/insights/store/snapshots", test_store_snapshots);
  g_test_add_func ("/insights/store/costs", test_store_costs);
  g_test_add_func ("/insights/sample", test_sample_history);

  return g_test_run ();
}
