/* rounds-sample-insights.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-sample"

#include "config.h"

#include <math.h>

#include "rounds-sample.h"
#include "rounds-store-insights.h"
#include "rounds-store-plan.h"
#include "rounds-time.h"

/* Six months of made-up history for the sample practice, so that every
 * chart of Insights has something to show on first run: daily follower
 * readings (with a few days missed, as happens when the app is not
 * opened), measured posts in every pillar and format, the time log,
 * spending, weekly inquiries and bookings, and a Google Analytics import.
 * The numbers come from a fixed seed: the sample is the same every time,
 * dated around today. */

#define SAMPLE_DAYS 183

typedef struct
{
  const char *pillar;
  const char *title;
} SampleTitle;

static const SampleTitle titles[] = {
  { "education", "Flu shots: who should get one" },
  { "education", "Five minutes on blood pressure" },
  { "education", "Sun safety for the whole family" },
  { "education", "Sleep tips that work" },
  { "news", "Extended Thursday hours" },
  { "news", "Telehealth follow-ups" },
  { "team", "Meet Dr. Okafor" },
  { "team", "Team spotlight: front desk" },
  { "community", "Health fair thank-you" },
  { "community", "Walk with a doc, Saturday" },
  { "seasonal", "Allergy season is here" },
  { "seasonal", "Back-to-school physicals" },
  { "offers", "Free blood pressure checks" },
};

static const char * const formats[] = { "image", "image", "video", "link", "text" };

typedef struct
{
  RoundsNetwork  network;
  const char    *account;
  double         start;
  double         end;
  guint          every;      /* a reading every N days */
  guint          per_week;   /* posts a week */
  double         reach;      /* interactions of an average post */
} SampleAccount;

static const SampleAccount accounts[] = {
  { ROUNDS_NETWORK_FACEBOOK,  "sample-facebook",  380, 534, 1, 3, 24 },
  { ROUNDS_NETWORK_INSTAGRAM, "sample-instagram", 240, 415, 1, 2, 31 },
  { ROUNDS_NETWORK_LINKEDIN,  "manual",            88, 131, 7, 1, 9 },
};

static const char goals_json[] =
  "{\"goals\":["
  "{\"kind\":\"awareness\",\"label\":\"\",\"metric\":\"followers\",\"baseline\":%d,"
  "\"target\":1200,\"deadline\":\"%s\",\"since\":\"%s\"},"
  "{\"kind\":\"bookings\",\"label\":\"\",\"metric\":\"inquiries\",\"baseline\":10,"
  "\"target\":20,\"deadline\":\"%s\",\"since\":\"%s\"},"
  "{\"kind\":\"engagement\",\"label\":\"\",\"metric\":\"interactions\",\"baseline\":500,"
  "\"target\":1000,\"deadline\":\"%s\",\"since\":\"%s\"}]}";

static const char strategy_json[] =
  "{\"mix\":{\"education\":40,\"news\":10,\"team\":15,\"community\":15,\"seasonal\":15,"
  "\"offers\":5},\"formats\":[\"image\",\"video\",\"text\"],"
  "\"cadence\":{\"facebook\":3,\"instagram\":2,\"linkedin\":1}}";

static const char crisis_json[] =
  "{\"watcher\":\"Lena Kowalski\",\"replier\":\"Lena Kowalski\",\"approver\":\"Dr. Nnamdi Okafor\","
  "\"privacy_officer\":\"Maria\",\"levels\":{"
  "\"negative_review\":{\"hours\":24,\"steps\":\"Reply once with the template.\"},"
  "\"health_details\":{\"hours\":4,\"steps\":\"Hide and reply with the template.\"},"
  "\"privacy_incident\":{\"hours\":1,\"steps\":\"Remove at once.\"},"
  "\"media\":{\"hours\":4,\"steps\":\"Pass to the approver.\"}},\"templates\":[]}";

static gboolean
save_section (RoundsStore  *store,
              const char   *section,
              const char   *json,
              GError      **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (!json_parser_load_from_data (parser, json, -1, error))
    return FALSE;
  return rounds_store_plan_save_section (store, section,
                                         json_node_get_object (json_parser_get_root (parser)),
                                         TRUE, error);
}

static char *
iso (guint32 day)
{
  return rounds_insights_format_day (day);
}

static gboolean
add_plan (RoundsStore  *store,
          guint32       today,
          GError      **error)
{
  g_autofree char *since = iso (today - 150);
  g_autofree char *deadline = iso (today + 60);
  g_autofree char *goals = NULL;
  int baseline = 0;

  for (guint a = 0; a < G_N_ELEMENTS (accounts); a++)
    baseline += (int)(accounts[a].start + (accounts[a].end - accounts[a].start) * 33 / SAMPLE_DAYS);

  goals = g_strdup_printf (goals_json, baseline, deadline, since, deadline, since, deadline,
                           since);
  return save_section (store, "goals", goals, error) &&
         save_section (store, "strategy", strategy_json, error) &&
         save_section (store, "crisis", crisis_json, error);
}

static gboolean
add_snapshots_and_posts (RoundsStore  *store,
                         GTimeZone    *tz,
                         guint32       today,
                         GRand        *rand,
                         GError      **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (RoundsSnapshotRow));
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  guint32 first = today - SAMPLE_DAYS;
  static const int hours[] = { 8, 12, 12, 17, 19, 10 };

  for (guint a = 0; a < G_N_ELEMENTS (accounts); a++)
    {
      const SampleAccount *account = &accounts[a];

      for (guint32 day = first; day <= today; day++)
        {
          guint offset = day - first;
          double growth = account->start + (account->end - account->start) * offset / SAMPLE_DAYS;
          RoundsSnapshotRow row = { account->network, account->account, NULL, day, "followers",
                                    (gint64)(growth + g_rand_double_range (rand, -2, 2)) };

          /* Readings only on days the app ran: a week off in the third month. */
          if (offset % account->every != 0 || (offset >= 70 && offset < 77 && account->every == 1))
            continue;
          g_array_append_val (rows, row);
        }

      for (guint32 week = first; week + 7 <= today + 1; week += 7)
        for (guint n = 0; n < account->per_week; n++)
          {
            guint32 day = week + (n * 7 / account->per_week) + g_rand_int_range (rand, 0, 2);
            GDate date;
            int hour = hours[g_rand_int_range (rand, 0, G_N_ELEMENTS (hours))];
            const SampleTitle *title = &titles[g_rand_int_range (rand, 0, G_N_ELEMENTS (titles))];
            const char *format = formats[g_rand_int_range (rand, 0, G_N_ELEMENTS (formats))];
            double value = account->reach * (0.6 + g_rand_double (rand) * 0.8);
            char *remote_id;
            gint64 at;
            guint32 measured;

            if (day > today)
              continue;
            g_date_clear (&date, 1);
            g_date_set_julian (&date, day);
            at = rounds_time_from_local (tz, g_date_get_year (&date), g_date_get_month (&date),
                                         g_date_get_day (&date), hour, 0);
            /* What the sample's numbers say, so the suggestions have
             * something to find: videos and Tuesday noon do best, links
             * least, and the practice improves over the months. */
            if (g_str_equal (format, "video"))
              value *= 2.6;
            else if (g_str_equal (format, "link"))
              value *= 0.7;
            if (g_date_get_weekday (&date) == G_DATE_TUESDAY && hour == 12)
              value *= 1.8;
            if (g_str_equal (title->pillar, "team"))
              value *= 1.4;
            value *= 0.8 + 0.5 * (day - first) / (double)SAMPLE_DAYS;

            remote_id = g_strdup_printf ("%s-%u-%u", account->account, day, n);
            g_ptr_array_add (ids, remote_id);
            if (!rounds_store_upsert_measured_post (store, account->network, account->account,
                                                    remote_id, 0, at, title->title, title->pillar,
                                                    format, error))
              return FALSE;

            /* Counted two and seven days after publication. */
            for (guint k = 0; k < 2; k++)
              {
                double share = k == 0 ? 0.8 : 1.0;
                const char *metrics[] = { "likes", "comments", "shares" };
                const double split[] = { 0.75, 0.15, 0.10 };

                measured = day + (k == 0 ? 2 : 7);
                if (measured > today)
                  continue;
                for (guint m = 0; m < G_N_ELEMENTS (metrics); m++)
                  {
                    RoundsSnapshotRow row = { account->network, account->account, remote_id,
                                              measured, metrics[m],
                                              (gint64)floor (value * share * split[m] + 0.5) };
                    g_array_append_val (rows, row);
                  }
              }
          }
    }

  return rounds_store_add_snapshots (store, (RoundsSnapshotRow *)rows->data, rows->len, "sample",
                                     error) != G_MAXUINT;
}

static gboolean
add_costs_and_results (RoundsStore  *store,
                       guint32       today,
                       GRand        *rand,
                       GError      **error)
{
  guint32 first = today - SAMPLE_DAYS;
  GDate date;
  guint32 monday;
  guint w = 0;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, first);
  monday = first - (g_date_get_weekday (&date) - G_DATE_MONDAY);

  for (guint32 week = monday; week + 7 <= today + 1; week += 7, w++)
    {
      double progress = (week - monday) / (double)SAMPLE_DAYS;
      gint64 inquiries = 2 + (gint64)floor (progress * 3 + g_rand_double_range (rand, 0, 2));
      gint64 bookings = MAX (1, inquiries / 2 + g_rand_int_range (rand, -1, 1));

      if (!rounds_store_add_time (store, week + 1, "writer", "Lena", 90 + g_rand_int_range (rand, 0, 60),
                                  "writing", ROUNDS_NETWORK_NONE, error) ||
          !rounds_store_add_time (store, week + 2, "approver", "Dr. Okafor", 25, "planning",
                                  ROUNDS_NETWORK_NONE, error) ||
          !rounds_store_add_time (store, week + 3, "writer", "Lena", 60 + g_rand_int_range (rand, 0, 45),
                                  "replying", ROUNDS_NETWORK_INSTAGRAM, error) ||
          !rounds_store_add_time (store, week + 4, "manager", "Maria", 30, "replying",
                                  ROUNDS_NETWORK_FACEBOOK, error))
        return FALSE;

      /* The practice forgot to enter two weeks. */
      if (w == 9 || w == 17)
        continue;
      if (!rounds_store_set_result (store, week, "inquiries", ROUNDS_NETWORK_NONE, inquiries,
                                    "manual", error) ||
          !rounds_store_set_result (store, week, "bookings", ROUNDS_NETWORK_NONE, bookings,
                                    "manual", error) ||
          !rounds_store_set_result (store, week, "inquiries", ROUNDS_NETWORK_FACEBOOK,
                                    (inquiries + 1) / 2, "manual", error))
        return FALSE;
    }

  for (guint32 month = first; month <= today; )
    {
      RoundsWebEntry web[] = {
        { month, (char *)"facebook", (char *)"social", (char *)"education",
          40 + g_rand_int_range (rand, 0, 30), 3 + g_rand_int_range (rand, 0, 3) },
        { month, (char *)"l.instagram.com", (char *)"referral", (char *)"(referral)",
          15 + g_rand_int_range (rand, 0, 20), 1 + g_rand_int_range (rand, 0, 2) },
        { month, (char *)"google", (char *)"organic", (char *)"(organic)", 320, 22 },
      };
      guint32 first_of_month;

      g_date_set_julian (&date, month);
      first_of_month = month - (g_date_get_day (&date) - 1);
      web[0].day = web[1].day = web[2].day = first_of_month;

      if (!rounds_store_add_spending (store, first_of_month, "tools", 1500, ROUNDS_NETWORK_NONE,
                                      "Scheduling and design tools", error) ||
          (g_date_get_month (&date) % 2 == 0 &&
           !rounds_store_add_spending (store, first_of_month, "ads", 8000,
                                       ROUNDS_NETWORK_FACEBOOK, "Boosted flu-shot post", error)) ||
          !rounds_store_add_web_visits (store, web, G_N_ELEMENTS (web), error))
        return FALSE;

      g_date_add_months (&date, 1);
      g_date_set_day (&date, 1);
      month = g_date_get_julian (&date);
    }

  return rounds_store_add_spending (store, today - 95, "designer", 25000,
                                    ROUNDS_NETWORK_NONE, "New profile pictures", error) != 0 &&
         rounds_store_set_patient_value (store, 25000, error);
}

/**
 * _rounds_sample_add_insights:
 *
 * Adds the sample practice's plan (goals, strategy, crisis plan) and six
 * months of Insights history ending today, in one transaction.
 */
gboolean
_rounds_sample_add_insights (RoundsStore  *store,
                             GTimeZone    *tz,
                             GError      **error)
{
  gint64 now = rounds_clock_get_now (rounds_store_get_clock (store));
  g_autoptr(GDateTime) local = rounds_time_to_local (tz, now);
  g_autoptr(GRand) rand = g_rand_new_with_seed (18);
  GDate date;
  guint32 today;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));
  today = g_date_get_julian (&date);

  if (!rounds_store_insights_begin (store, error))
    return FALSE;
  if (!add_plan (store, today, error) ||
      !add_snapshots_and_posts (store, tz, today, rand, error) ||
      !add_costs_and_results (store, today, rand, error) ||
      !rounds_store_insights_commit (store, error))
    {
      rounds_store_insights_rollback (store);
      return FALSE;
    }
  return TRUE;
}
