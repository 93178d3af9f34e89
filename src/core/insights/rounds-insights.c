/* rounds-insights.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-insights"

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>
#include <math.h>

#include "rounds-insights.h"
#include "rounds-plan.h"
#include "rounds-time.h"

#define METRICS_RESOURCE "/io/github/roundsapp/Rounds/insights/metrics.json"

static const char * const metric_ids[] = {
  "followers", "likes", "comments", "shares", "saves", "clicks", "impressions", "reach", NULL
};

/* ------------------------------------------------------------------ */
/* Days and periods                                                     */

static GDate
date_of (guint32 day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, day);
  return date;
}

guint32
rounds_insights_month_of (guint32 day)
{
  GDate date = date_of (day);

  return day - (g_date_get_day (&date) - 1);
}

guint32
rounds_insights_next_month (guint32 month)
{
  GDate date = date_of (rounds_insights_month_of (month));

  g_date_add_months (&date, 1);
  return g_date_get_julian (&date);
}

static guint32
months_back (guint32 day,
             guint   n)
{
  GDate date = date_of (rounds_insights_month_of (day));

  g_date_subtract_months (&date, n);
  return g_date_get_julian (&date);
}

RoundsPeriod
rounds_period_month (guint32 any_day)
{
  guint32 first = rounds_insights_month_of (any_day);
  RoundsPeriod period = { first, rounds_insights_next_month (first) - 1 };

  return period;
}

/**
 * rounds_period_make:
 * @today: the practice's today (Julian day)
 *
 * Returns: the period the user chose; "last N months" run from the first
 *   day of the month N − 1 months ago to today.
 */
RoundsPeriod
rounds_period_make (RoundsPeriodKind kind,
                    guint32          today)
{
  RoundsPeriod period = { today, today };

  switch (kind)
    {
    case ROUNDS_PERIOD_LAST_30_DAYS:
      period.first = today - 29;
      break;
    case ROUNDS_PERIOD_THIS_MONTH:
      period.first = rounds_insights_month_of (today);
      break;
    case ROUNDS_PERIOD_LAST_MONTH:
      period = rounds_period_month (rounds_insights_month_of (today) - 1);
      break;
    case ROUNDS_PERIOD_LAST_3_MONTHS:
      period.first = months_back (today, 2);
      break;
    case ROUNDS_PERIOD_LAST_6_MONTHS:
      period.first = months_back (today, 5);
      break;
    case ROUNDS_PERIOD_LAST_12_MONTHS:
      period.first = months_back (today, 11);
      break;
    default:
      g_assert_not_reached ();
    }
  return period;
}

guint32
rounds_insights_day_of (GTimeZone *tz,
                        gint64     utc)
{
  g_autoptr(GDateTime) local = rounds_time_to_local (tz, utc);
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));
  return g_date_get_julian (&date);
}

guint32
rounds_insights_today (GTimeZone *tz,
                       gint64     now)
{
  return rounds_insights_day_of (tz, now);
}

gint64
rounds_insights_day_start_utc (GTimeZone *tz,
                               guint32    day)
{
  GDate date = date_of (day);

  return rounds_time_from_local (tz, g_date_get_year (&date), g_date_get_month (&date),
                                 g_date_get_day (&date), 0, 0);
}

/* ------------------------------------------------------------------ */
/* The data file                                                        */

static JsonObject *
metrics_file (void)
{
  static JsonObject *root;

  if (g_once_init_enter (&root))
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      JsonObject *object = NULL;

      bytes = g_resources_lookup_data (METRICS_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
      if (bytes != NULL &&
          json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                      g_bytes_get_size (bytes), &error) &&
          JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        object = json_object_ref (json_node_get_object (json_parser_get_root (parser)));
      else
        {
          g_critical ("The Insights metrics file could not be read: %s",
                      error != NULL ? error->message : "not an object");
          object = json_object_new ();
        }
      g_once_init_leave (&root, object);
    }
  return root;
}

static JsonObject *
network_entry (RoundsNetwork network)
{
  JsonObject *networks = rounds_plan_json_object (metrics_file (), "networks");

  return rounds_plan_json_object (networks, rounds_network_to_string (network));
}

static GStrv
string_list (JsonArray *array)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      const char *s = json_node_get_string (json_array_get_element (array, i));

      if (s != NULL)
        g_strv_builder_add (builder, s);
    }
  return g_strv_builder_end (builder);
}

const char * const *
rounds_insights_metrics (void)
{
  return metric_ids;
}

const char *
rounds_insights_metric_label (const char *metric)
{
  if (g_strcmp0 (metric, "followers") == 0)   return _("Followers");
  if (g_strcmp0 (metric, "likes") == 0)       return _("Likes");
  if (g_strcmp0 (metric, "comments") == 0)    return _("Comments");
  if (g_strcmp0 (metric, "shares") == 0)      return _("Shares");
  if (g_strcmp0 (metric, "saves") == 0)       return _("Saves");
  if (g_strcmp0 (metric, "clicks") == 0)      return _("Clicks");
  if (g_strcmp0 (metric, "impressions") == 0) return _("Impressions");
  if (g_strcmp0 (metric, "reach") == 0)       return _("Reach");
  return metric;
}

/**
 * rounds_insights_network_metric_name:
 *
 * Returns: what @network calls @metric ("Boosts" on Mastodon for shares),
 *   from the data file, else Rounds' own label.
 */
const char *
rounds_insights_network_metric_name (RoundsNetwork  network,
                                     const char    *metric)
{
  JsonObject *names = rounds_plan_json_object (network_entry (network), "names");
  const char *name = rounds_plan_json_string (names, metric);

  return name[0] != '\0' ? g_dpgettext2 (GETTEXT_PACKAGE, "metric", name)
                         : rounds_insights_metric_label (metric);
}

GStrv
rounds_insights_interaction_metrics (RoundsNetwork network)
{
  JsonArray *list = rounds_plan_json_array (network_entry (network), "interactions");

  if (list == NULL || json_array_get_length (list) == 0)
    {
      const char * const fallback[] = { "likes", "comments", "shares", NULL };
      return g_strdupv ((GStrv)fallback);
    }
  return string_list (list);
}

GStrv
rounds_insights_account_metrics (RoundsNetwork network)
{
  return string_list (rounds_plan_json_array (network_entry (network), "account"));
}

/**
 * rounds_insights_export_columns:
 *
 * Returns: (transfer none) (nullable): field → array of column names of
 *   @network's own CSV export, or %NULL when it has none
 */
JsonObject *
rounds_insights_export_columns (RoundsNetwork network)
{
  return rounds_plan_json_object (network_entry (network), "export");
}

JsonObject *
rounds_insights_analytics_columns (void)
{
  return rounds_plan_json_object (metrics_file (), "analytics");
}

/* Interactions are computed often: keep the lists per network. */
static GStrv
interactions_cached (RoundsNetwork network)
{
  static GStrv lists[ROUNDS_N_NETWORKS + 1];
  guint index = network == ROUNDS_NETWORK_NONE ? ROUNDS_N_NETWORKS
                                               : (guint)g_bit_nth_lsf (network, -1);

  if (index > ROUNDS_N_NETWORKS)
    index = ROUNDS_N_NETWORKS;
  if (g_once_init_enter (&lists[index]))
    g_once_init_leave (&lists[index], rounds_insights_interaction_metrics (network));
  return lists[index];
}

/**
 * rounds_insights_post_interactions:
 *
 * Returns: the sum of the post's interaction metrics (per the network's
 *   entry in the data file) that were measured, or -1 when none was
 */
gint64
rounds_insights_post_interactions (const RoundsMeasuredPost *post)
{
  GStrv metrics = interactions_cached (post->network);
  gint64 total = -1;

  for (guint i = 0; metrics[i] != NULL; i++)
    {
      gint64 value = rounds_measured_post_get (post, metrics[i]);

      if (value >= 0)
        total = MAX (total, 0) + value;
    }
  return total;
}

/* ------------------------------------------------------------------ */
/* Followers                                                            */

static gboolean
network_matches (RoundsNetwork wanted,
                 RoundsNetwork network)
{
  return wanted == ROUNDS_NETWORK_NONE || wanted == network;
}

gint64
rounds_insights_followers_on (const RoundsInsightsData *data,
                              RoundsNetwork             network,
                              guint32                   day)
{
  const char *followers = g_intern_static_string ("followers");
  gint64 total = -1;
  guint i = 0;

  g_return_val_if_fail (data != NULL, -1);

  /* Rows are ordered by network, account, metric, day: for each run of
   * one account's followers, take the last reading not after @day. */
  while (i < data->accounts->len)
    {
      const RoundsAccountSnapshot *first = &g_array_index (data->accounts, RoundsAccountSnapshot, i);
      gint64 latest = -1;
      guint j = i;

      for (; j < data->accounts->len; j++)
        {
          const RoundsAccountSnapshot *row = &g_array_index (data->accounts,
                                                             RoundsAccountSnapshot, j);

          if (row->network != first->network || row->metric != first->metric ||
              g_strcmp0 (row->account, first->account) != 0)
            break;
          if (row->day <= day)
            latest = row->value;
        }

      if (first->metric == followers && network_matches (network, first->network) && latest >= 0)
        total = MAX (total, 0) + latest;
      i = j;
    }
  return total;
}

/**
 * rounds_insights_followers_series:
 *
 * Returns: (transfer full): one RoundsInsightsPoint per day of @period.
 *   A day with a reading of any account gets the sum of every account's
 *   latest reading of the last 7 days (an account entered by hand once a
 *   week counts for its week); a day without any reading, or when one
 *   account has none in the last 7 days, is -1: a gap, drawn as a gap.
 */
GArray *
rounds_insights_followers_series (const RoundsInsightsData *data,
                                  RoundsNetwork             network,
                                  RoundsPeriod              period)
{
  const char *followers = g_intern_static_string ("followers");
  guint n_days = period.last >= period.first ? period.last - period.first + 1 : 0;
  GArray *series = g_array_sized_new (FALSE, TRUE, sizeof (RoundsInsightsPoint), n_days);
  g_autofree gint64 *sums = g_new0 (gint64, MAX (n_days, 1));
  g_autofree gboolean *read = g_new0 (gboolean, MAX (n_days, 1));
  g_autofree gboolean *broken = g_new0 (gboolean, MAX (n_days, 1));
  guint i = 0;

  /* Rows are ordered by network, account, metric, day: one run each. */
  while (i < data->accounts->len)
    {
      const RoundsAccountSnapshot *first = &g_array_index (data->accounts, RoundsAccountSnapshot, i);
      guint j = i, k;
      gboolean in_period = FALSE;

      while (j < data->accounts->len)
        {
          const RoundsAccountSnapshot *row = &g_array_index (data->accounts, RoundsAccountSnapshot, j);

          if (row->network != first->network || row->metric != first->metric ||
              g_strcmp0 (row->account, first->account) != 0)
            break;
          in_period |= row->day + 7 > period.first && row->day <= period.last;
          j++;
        }

      if (first->metric == followers && network_matches (network, first->network) && in_period)
        {
          k = i;
          for (guint d = 0; d < n_days; d++)
            {
              guint32 day = period.first + d;
              const RoundsAccountSnapshot *latest = NULL;

              while (k < j && g_array_index (data->accounts, RoundsAccountSnapshot, k).day <= day)
                k++;
              if (k > i)
                latest = &g_array_index (data->accounts, RoundsAccountSnapshot, k - 1);
              if (latest != NULL && latest->day + 7 > day)
                {
                  sums[d] += latest->value;
                  read[d] |= latest->day == day;
                }
              else
                broken[d] = TRUE;
            }
        }
      i = j;
    }

  for (guint d = 0; d < n_days; d++)
    {
      RoundsInsightsPoint point = { period.first + d, read[d] && !broken[d] ? sums[d] : -1 };

      g_array_append_val (series, point);
    }
  return series;
}

/**
 * rounds_insights_networks:
 *
 * Returns: the networks that have any measured number
 */
RoundsNetwork
rounds_insights_networks (const RoundsInsightsData *data)
{
  RoundsNetwork networks = ROUNDS_NETWORK_NONE;

  for (guint i = 0; i < data->accounts->len; i++)
    networks |= g_array_index (data->accounts, RoundsAccountSnapshot, i).network;
  for (guint i = 0; i < data->posts->len; i++)
    networks |= ((RoundsMeasuredPost *)g_ptr_array_index (data->posts, i))->network;
  return networks;
}

/* ------------------------------------------------------------------ */
/* Posts                                                                */

/**
 * rounds_insights_posts_in:
 *
 * Returns: (transfer container): the measured posts published on the
 *   practice days of @period, oldest first
 */
GPtrArray *
rounds_insights_posts_in (const RoundsInsightsData *data,
                          RoundsPeriod              period,
                          GTimeZone                *tz)
{
  gint64 from = rounds_insights_day_start_utc (tz, period.first);
  gint64 to = rounds_insights_day_start_utc (tz, period.last + 1);
  GPtrArray *posts = g_ptr_array_new ();
  guint lo = 0, hi = data->posts->len;

  /* Posts are loaded by publication time: find the first one in range. */
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (((RoundsMeasuredPost *)g_ptr_array_index (data->posts, mid))->published_at < from)
        lo = mid + 1;
      else
        hi = mid;
    }
  for (guint i = lo; i < data->posts->len; i++)
    {
      RoundsMeasuredPost *post = g_ptr_array_index (data->posts, i);

      if (post->published_at >= to)
        break;
      g_ptr_array_add (posts, post);
    }
  return posts;
}

GArray *
rounds_insights_engagement (const RoundsInsightsData *data,
                            RoundsPeriod              period,
                            GTimeZone                *tz)
{
  g_autoptr(GPtrArray) posts = rounds_insights_posts_in (data, period, tz);
  GArray *result = g_array_new (FALSE, TRUE, sizeof (RoundsEngagement));
  RoundsNetwork networks = rounds_insights_networks (data);

  for (guint n = 0; n < ROUNDS_N_NETWORKS; n++)
    {
      RoundsNetwork network = rounds_network_from_index (n);
      RoundsEngagement row = { network, 0, 0, -1, -1 };

      if (!(networks & network))
        continue;

      for (guint i = 0; i < posts->len; i++)
        {
          RoundsMeasuredPost *post = g_ptr_array_index (posts, i);
          gint64 value;

          if (post->network != network || (value = rounds_insights_post_interactions (post)) < 0)
            continue;
          row.n_posts++;
          row.interactions += value;
        }
      row.followers = rounds_insights_followers_on (data, network, period.last);
      if (row.n_posts > 0 && row.followers > 0)
        row.rate = 100.0 * row.interactions / row.n_posts / row.followers;
      g_array_append_val (result, row);
    }
  return result;
}

static int
compare_interactions (gconstpointer a,
                      gconstpointer b)
{
  const RoundsMeasuredPost *pa = *(RoundsMeasuredPost **)a;
  const RoundsMeasuredPost *pb = *(RoundsMeasuredPost **)b;
  gint64 va = rounds_insights_post_interactions (pa);
  gint64 vb = rounds_insights_post_interactions (pb);

  if (va != vb)
    return va > vb ? -1 : 1;
  if (pa->published_at != pb->published_at)
    return pa->published_at < pb->published_at ? -1 : 1;
  return 0;
}

GPtrArray *
rounds_insights_ranked_posts (const RoundsInsightsData *data,
                              RoundsPeriod              period,
                              GTimeZone                *tz)
{
  g_autoptr(GPtrArray) posts = rounds_insights_posts_in (data, period, tz);
  GPtrArray *ranked = g_ptr_array_new ();

  for (guint i = 0; i < posts->len; i++)
    if (rounds_insights_post_interactions (g_ptr_array_index (posts, i)) >= 0)
      g_ptr_array_add (ranked, g_ptr_array_index (posts, i));
  g_ptr_array_sort (ranked, compare_interactions);
  return ranked;
}

void
rounds_insights_heat_map (const RoundsInsightsData *data,
                          RoundsPeriod              period,
                          GTimeZone                *tz,
                          RoundsHeatMap            *map)
{
  g_autoptr(GPtrArray) posts = rounds_insights_posts_in (data, period, tz);
  double sums[7][24] = { { 0 } };

  memset (map, 0, sizeof *map);
  for (guint i = 0; i < posts->len; i++)
    {
      RoundsMeasuredPost *post = g_ptr_array_index (posts, i);
      gint64 value = rounds_insights_post_interactions (post);
      g_autoptr(GDateTime) local = NULL;
      int weekday, hour;

      if (value < 0)
        continue;
      local = rounds_time_to_local (tz, post->published_at);
      weekday = g_date_time_get_day_of_week (local) - 1;
      hour = g_date_time_get_hour (local);
      sums[weekday][hour] += value;
      map->count[weekday][hour]++;
    }

  for (int d = 0; d < 7; d++)
    for (int h = 0; h < 24; h++)
      {
        map->average[d][h] = map->count[d][h] > 0 ? sums[d][h] / map->count[d][h] : -1;
        map->max_average = MAX (map->max_average, map->average[d][h]);
      }
}

GArray *
rounds_insights_pillars (const RoundsInsightsData *data,
                         RoundsPeriod              period,
                         GTimeZone                *tz,
                         JsonObject               *strategy)
{
  g_autoptr(GPtrArray) posts = rounds_insights_posts_in (data, period, tz);
  const char * const *pillars = rounds_plan_pillars ();
  JsonObject *mix = strategy != NULL ? rounds_plan_json_object (strategy, "mix") : NULL;
  GArray *result = g_array_new (FALSE, TRUE, sizeof (RoundsPillarStat));
  guint total = 0;

  for (guint i = 0; i < posts->len; i++)
    if (((RoundsMeasuredPost *)g_ptr_array_index (posts, i))->pillar[0] != '\0')
      total++;

  for (guint p = 0; pillars[p] != NULL; p++)
    {
      RoundsPillarStat stat = { pillars[p], 0, 0, -1, -1 };
      gint64 sum = 0;
      guint measured = 0;

      for (guint i = 0; i < posts->len; i++)
        {
          RoundsMeasuredPost *post = g_ptr_array_index (posts, i);
          gint64 value;

          if (!g_str_equal (post->pillar, pillars[p]))
            continue;
          stat.n_posts++;
          if ((value = rounds_insights_post_interactions (post)) >= 0)
            {
              sum += value;
              measured++;
            }
        }
      stat.share = total > 0 ? 100.0 * stat.n_posts / total : 0;
      stat.planned = mix != NULL ? (int)rounds_plan_json_int (mix, pillars[p], 0) : -1;
      stat.average = measured > 0 ? (double)sum / measured : -1;
      g_array_append_val (result, stat);
    }
  return result;
}

/* ------------------------------------------------------------------ */
/* Goals                                                                */

void
rounds_goal_progress_free (RoundsGoalProgress *progress)
{
  if (progress == NULL)
    return;
  g_free (progress->label);
  g_free (progress->metric);
  g_free (progress);
}

/**
 * rounds_insights_goal_progress:
 * @start: the day the goal was set (its baseline)
 * @current: today's value, or -1 when it is not measured
 *
 * On track means at least as far from the baseline toward the target as
 * the time gone from @start toward @deadline (a straight line).
 */
RoundsGoalProgress *
rounds_insights_goal_progress (const char *label,
                               const char *metric,
                               gint64      baseline,
                               gint64      target,
                               guint32     start,
                               guint32     deadline,
                               gint64      current,
                               guint32     today)
{
  RoundsGoalProgress *progress = g_new0 (RoundsGoalProgress, 1);

  progress->label = g_strdup (label);
  progress->metric = g_strdup (metric);
  progress->baseline = baseline;
  progress->target = target;
  progress->current = current;
  progress->start = start;
  progress->deadline = deadline;

  if (deadline <= start)
    progress->expected = 1.0;
  else
    progress->expected = CLAMP (((double)today - start) / ((double)deadline - start), 0.0, 1.0);

  if (current < 0 || target == baseline)
    {
      progress->progress = 0;
      progress->state = ROUNDS_GOAL_NO_DATA;
      return progress;
    }

  progress->progress = ((double)current - baseline) / ((double)target - baseline);
  if (current >= target)
    progress->state = ROUNDS_GOAL_REACHED;
  else if (today > deadline)
    progress->state = ROUNDS_GOAL_MISSED;
  else if (progress->progress + 1e-9 >= progress->expected)
    progress->state = ROUNDS_GOAL_ON_TRACK;
  else
    progress->state = ROUNDS_GOAL_BEHIND;
  return progress;
}

static gint64
sum_results (const RoundsInsightsData *data,
             const char               *kind,
             RoundsNetwork             network,
             guint32                   first_monday,
             guint32                   last_monday,
             guint                    *n_weeks)
{
  g_autoptr(GHashTable) weeks = g_hash_table_new (NULL, NULL);
  gint64 total = -1;

  for (guint i = 0; i < data->results->len; i++)
    {
      const RoundsResultEntry *row = &g_array_index (data->results, RoundsResultEntry, i);

      if (row->week < first_monday || row->week > last_monday)
        continue;
      g_hash_table_add (weeks, GUINT_TO_POINTER (row->week));
      if ((kind != NULL && g_strcmp0 (row->kind, kind) != 0) ||
          (network != ROUNDS_NETWORK_NONE && row->network != network))
        continue;
      total = MAX (total, 0) + row->count;
    }
  if (n_weeks != NULL)
    *n_weeks = g_hash_table_size (weeks);
  return total;
}

/**
 * rounds_insights_metric_now:
 *
 * Today's value of a goal's metric: followers now (all accounts);
 * interactions on the posts of the last 30 days; inquiries or bookings
 * of the last four weeks entered (weeks starting in the last 28 days).
 *
 * Returns: the value, or -1 when nothing was measured
 */
gint64
rounds_insights_metric_now (const RoundsInsightsData *data,
                            const char               *metric,
                            guint32                   today,
                            GTimeZone                *tz)
{
  if (g_strcmp0 (metric, "followers") == 0)
    return rounds_insights_followers_on (data, ROUNDS_NETWORK_NONE, today);

  if (g_strcmp0 (metric, "interactions") == 0)
    {
      RoundsPeriod period = { today - 29, today };
      g_autoptr(GPtrArray) posts = rounds_insights_posts_in (data, period, tz);
      gint64 total = -1;

      for (guint i = 0; i < posts->len; i++)
        {
          gint64 value = rounds_insights_post_interactions (g_ptr_array_index (posts, i));

          if (value >= 0)
            total = MAX (total, 0) + value;
        }
      return total;
    }

  if (g_strcmp0 (metric, "inquiries") == 0 || g_strcmp0 (metric, "bookings") == 0)
    return sum_results (data, metric, ROUNDS_NETWORK_NONE, today - 27, today, NULL);

  return -1;
}

/**
 * rounds_insights_goals:
 * @goals_section: the plan's "goals" step
 * @set_on: the day the goals were set (the step's completion), used when
 *   a goal has no "since" date of its own
 *
 * Returns: (transfer full): RoundsGoalProgress per goal, in plan order
 */
GPtrArray *
rounds_insights_goals (const RoundsInsightsData *data,
                       JsonObject               *goals_section,
                       guint32                   set_on,
                       guint32                   today,
                       GTimeZone                *tz)
{
  GPtrArray *result = g_ptr_array_new_with_free_func ((GDestroyNotify)rounds_goal_progress_free);
  JsonArray *goals = goals_section != NULL ? rounds_plan_json_array (goals_section, "goals") : NULL;

  for (guint i = 0; goals != NULL && i < json_array_get_length (goals); i++)
    {
      JsonObject *goal = json_array_get_object_element (goals, i);
      const char *metric = rounds_plan_json_string (goal, "metric");
      const char *label = rounds_plan_json_string (goal, "label");
      guint32 deadline, start = set_on;

      if (goal == NULL || metric[0] == '\0' ||
          !rounds_insights_parse_day (rounds_plan_json_string (goal, "deadline"), &deadline))
        continue;
      rounds_insights_parse_day (rounds_plan_json_string (goal, "since"), &start);
      if (label[0] == '\0')
        label = rounds_plan_metric_label (metric);

      g_ptr_array_add (result,
                       rounds_insights_goal_progress (label, metric,
                                                      rounds_plan_json_int (goal, "baseline", 0),
                                                      rounds_plan_json_int (goal, "target", 0),
                                                      start, deadline,
                                                      rounds_insights_metric_now (data, metric,
                                                                                  today, tz),
                                                      today));
    }
  return result;
}

/**
 * rounds_goal_progress_describe:
 *
 * Returns: "Followers: 412 → target 600 by 31 March 2027: 46%, on track"
 */
char *
rounds_goal_progress_describe (const RoundsGoalProgress *progress)
{
  GDate deadline = date_of (progress->deadline);
  char date[64];
  const char *state;

  g_date_strftime (date, sizeof date, "%-d %B %Y", &deadline);

  switch (progress->state)
    {
    case ROUNDS_GOAL_ON_TRACK: state = _("on track"); break;
    case ROUNDS_GOAL_BEHIND:   state = _("behind"); break;
    case ROUNDS_GOAL_REACHED:  state = _("reached"); break;
    case ROUNDS_GOAL_MISSED:   state = _("missed"); break;
    case ROUNDS_GOAL_NO_DATA:
    default:
      return g_strdup_printf (_("%s: %" PRId64 " → target %" PRId64
                                " by %s: not measured yet"),
                              progress->label, progress->baseline, progress->target, date);
    }

  return g_strdup_printf (_("%s: %" PRId64 " → target %" PRId64
                            " by %s: %d%%, %s"),
                          progress->label, progress->current, progress->target, date,
                          (int)floor (MAX (progress->progress, 0) * 100 + 0.5), state);
}

/* ------------------------------------------------------------------ */
/* Response times                                                       */

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double da = *(const double *)a, db = *(const double *)b;

  return da < db ? -1 : da > db;
}

/**
 * rounds_insights_response_times:
 * @crisis: (nullable): the plan's crisis step (response time per level)
 *
 * Returns: (transfer full): one RoundsResponseStat for ordinary comments
 *   and one per crisis level that has any item received in the period;
 *   empty when there is no inbox data
 */
GArray *
rounds_insights_response_times (const RoundsInsightsData *data,
                                JsonObject               *crisis,
                                gint64                    from_utc,
                                gint64                    to_utc,
                                gint64                    now)
{
  const char * const severities[] = { "", "negative_review", "health_details", NULL };
  JsonObject *levels = crisis != NULL ? rounds_plan_json_object (crisis, "levels") : NULL;
  GArray *result = g_array_new (FALSE, TRUE, sizeof (RoundsResponseStat));

  for (guint s = 0; severities[s] != NULL; s++)
    {
      RoundsResponseStat stat = { severities[s], 0, 0, 0, -1, -1 };
      g_autoptr(GArray) hours = g_array_new (FALSE, FALSE, sizeof (double));

      if (severities[s][0] != '\0')
        {
          gint64 target = rounds_plan_json_int (rounds_plan_json_object (levels, severities[s]),
                                                "hours", 0);
          stat.target_hours = target > 0 ? target : -1;
        }

      for (guint i = 0; i < data->responses->len; i++)
        {
          const RoundsResponseEntry *row = &g_array_index (data->responses,
                                                           RoundsResponseEntry, i);
          double waited;

          if (g_strcmp0 (row->severity, severities[s]) != 0 ||
              row->received_at < from_utc || row->received_at >= to_utc)
            continue;

          if (row->answered_at > 0)
            {
              waited = (row->answered_at - row->received_at) / 3600.0;
              stat.n_answered++;
              g_array_append_val (hours, waited);
            }
          else
            {
              waited = (now - row->received_at) / 3600.0;
              stat.n_waiting++;
            }
          if (stat.target_hours > 0 && waited > stat.target_hours)
            stat.n_late++;
        }

      if (hours->len > 0)
        {
          g_array_sort (hours, compare_double);
          stat.median_hours = hours->len % 2 == 1
            ? g_array_index (hours, double, hours->len / 2)
            : (g_array_index (hours, double, hours->len / 2 - 1) +
               g_array_index (hours, double, hours->len / 2)) / 2;
        }
      if (stat.n_answered + stat.n_waiting > 0)
        g_array_append_val (result, stat);
    }
  return result;
}

/* ------------------------------------------------------------------ */
/* Return on investment                                                 */

static gboolean
is_social_source (const RoundsWebEntry *row)
{
  static const char * const sources[] = {
    "facebook", "instagram", "linkedin", "mastodon", "bluesky", "bsky", "twitter", "x.com",
    "t.co", "lnkd.in", "google business", "gbp", NULL
  };
  g_autofree char *source = g_ascii_strdown (row->source, -1);

  if (g_ascii_strcasecmp (row->medium, "social") == 0 ||
      g_ascii_strcasecmp (row->medium, "social-network") == 0)
    return TRUE;
  for (guint i = 0; sources[i] != NULL; i++)
    if (strstr (source, sources[i]) != NULL)
      return TRUE;
  return FALSE;
}

static guint
mondays_in (guint32 first,
            guint32 last)
{
  guint n = 0;

  for (guint32 d = first; d <= last; d++)
    {
      GDate date = date_of (d);

      if (g_date_get_weekday (&date) == G_DATE_MONDAY)
        n++;
    }
  return n;
}

/**
 * rounds_insights_roi:
 * @rates: role → hourly rate in cents (gint64 *); roles not in it cost
 *   @default_rate
 * @patient_value: what a new patient is worth to the practice, in cents;
 *   0 when the practice has not said
 *
 * Cost (time × rate, an estimate, plus money spent, as entered) next to
 * results, per month from @first_month to @last_month. A week counts in
 * the month of its Monday.
 *
 * Returns: (transfer full): RoundsRoiMonth per month, oldest first
 */
GArray *
rounds_insights_roi (const RoundsInsightsData *data,
                     guint32                   first_month,
                     guint32                   last_month,
                     GHashTable               *rates,
                     gint64                    default_rate,
                     gint64                    patient_value,
                     GTimeZone                *tz)
{
  GArray *result = g_array_new (FALSE, TRUE, sizeof (RoundsRoiMonth));

  first_month = rounds_insights_month_of (first_month);
  last_month = rounds_insights_month_of (last_month);

  for (guint32 m = first_month; m <= last_month; m = rounds_insights_next_month (m))
    {
      RoundsPeriod period = rounds_period_month (m);
      RoundsRoiMonth row = { 0 };
      double time_cents = 0;
      gboolean any_web = FALSE;
      gint64 start, end;
      guint weeks_entered = 0;

      row.month = m;
      for (guint i = 0; i < data->time_log->len; i++)
        {
          const RoundsTimeEntry *entry = &g_array_index (data->time_log, RoundsTimeEntry, i);
          gint64 *rate;

          if (entry->day < period.first || entry->day > period.last)
            continue;
          rate = rates != NULL ? g_hash_table_lookup (rates, entry->role) : NULL;
          row.minutes += entry->minutes;
          time_cents += entry->minutes * (double)(rate != NULL ? *rate : default_rate) / 60.0;
        }
      row.time_cents = (gint64)floor (time_cents + 0.5);

      for (guint i = 0; i < data->spending->len; i++)
        {
          const RoundsSpendEntry *entry = &g_array_index (data->spending, RoundsSpendEntry, i);

          if (entry->month == m)
            row.spend_cents += entry->cents;
        }
      row.cost_cents = row.time_cents + row.spend_cents;
      row.cost_estimated = row.time_cents > 0;

      row.inquiries = sum_results (data, "inquiries", ROUNDS_NETWORK_NONE,
                                   period.first, period.last, &weeks_entered);
      row.bookings = sum_results (data, "bookings", ROUNDS_NETWORK_NONE,
                                  period.first, period.last, NULL);
      row.weeks_entered = weeks_entered;
      row.weeks_in_month = mondays_in (period.first, period.last);
      row.results_partial = weeks_entered < row.weeks_in_month;

      start = rounds_insights_followers_on (data, ROUNDS_NETWORK_NONE, period.first - 1);
      end = rounds_insights_followers_on (data, ROUNDS_NETWORK_NONE, period.last);
      row.new_followers = start >= 0 && end >= 0 ? end - start : -1;

      {
        g_autoptr(GPtrArray) posts = rounds_insights_posts_in (data, period, tz);

        row.interactions = -1;
        for (guint i = 0; i < posts->len; i++)
          {
            gint64 value = rounds_insights_post_interactions (g_ptr_array_index (posts, i));

            if (value >= 0)
              row.interactions = MAX (row.interactions, 0) + value;
          }
      }

      for (guint i = 0; i < data->web->len; i++)
        {
          const RoundsWebEntry *entry = &g_array_index (data->web, RoundsWebEntry, i);

          if (entry->day < period.first || entry->day > period.last)
            continue;
          any_web = TRUE;
          if (is_social_source (entry))
            {
              row.sessions += entry->sessions;
              row.conversions += entry->conversions;
            }
        }
      if (!any_web)
        row.sessions = row.conversions = -1;

      row.value_cents = patient_value > 0 && row.bookings >= 0 ? row.bookings * patient_value : -1;
      row.cost_per_inquiry = row.inquiries > 0 ? (double)row.cost_cents / row.inquiries : -1;
      row.cost_per_booking = row.bookings > 0 ? (double)row.cost_cents / row.bookings : -1;
      g_array_append_val (result, row);
    }
  return result;
}

gint64
rounds_insights_network_minutes (const RoundsInsightsData *data,
                                 RoundsPeriod              period,
                                 RoundsNetwork             network)
{
  gint64 minutes = 0;

  for (guint i = 0; i < data->time_log->len; i++)
    {
      const RoundsTimeEntry *entry = &g_array_index (data->time_log, RoundsTimeEntry, i);

      if (entry->day >= period.first && entry->day <= period.last && entry->network == network)
        minutes += entry->minutes;
    }
  return minutes;
}

gint64
rounds_insights_network_results (const RoundsInsightsData *data,
                                 RoundsPeriod              period,
                                 RoundsNetwork             network,
                                 const char               *kind)
{
  return sum_results (data, kind, network, period.first, period.last, NULL);
}

/* ------------------------------------------------------------------ */
/* Suggestions                                                          */

static const char *
format_label (const char *format)
{
  if (g_strcmp0 (format, "text") == 0)  return _("Text posts");
  if (g_strcmp0 (format, "image") == 0) return _("Image posts");
  if (g_strcmp0 (format, "video") == 0) return _("Videos");
  if (g_strcmp0 (format, "link") == 0)  return _("Links");
  if (g_strcmp0 (format, "live") == 0)  return _("Live videos");
  return NULL;
}

const char *
rounds_insights_weekday_name (int weekday)
{
  switch (weekday)
    {
    case 0: return _("Monday");
    case 1: return _("Tuesday");
    case 2: return _("Wednesday");
    case 3: return _("Thursday");
    case 4: return _("Friday");
    case 5: return _("Saturday");
    case 6: return _("Sunday");
    default: return "";
    }
}

static void
suggest_formats (GPtrArray *posts,
                 GPtrArray *out)
{
  static const char * const formats[] = { "text", "image", "video", "link", "live", NULL };
  double best = -1, worst = -1;
  const char *best_format = NULL, *worst_format = NULL;

  for (guint f = 0; formats[f] != NULL; f++)
    {
      gint64 sum = 0;
      guint n = 0;

      for (guint i = 0; i < posts->len; i++)
        {
          RoundsMeasuredPost *post = g_ptr_array_index (posts, i);
          gint64 value;

          if (g_str_equal (post->format, formats[f]) &&
              (value = rounds_insights_post_interactions (post)) >= 0)
            {
              sum += value;
              n++;
            }
        }
      if (n < 3)
        continue;
      if (best < 0 || (double)sum / n > best)
        best = (double)sum / n, best_format = formats[f];
      if (worst < 0 || (double)sum / n < worst)
        worst = (double)sum / n, worst_format = formats[f];
    }

  if (best_format != NULL && worst_format != NULL && best_format != worst_format &&
      worst > 0 && best / worst >= 1.5)
    {
      g_autofree char *worst_label = g_utf8_strdown (format_label (worst_format), -1);

      /* Translators: "Videos got 3× the engagement of links: plan more." */
      g_ptr_array_add (out, g_strdup_printf (_("%s got %.1f× the engagement of %s: plan more."),
                                             format_label (best_format), best / worst,
                                             worst_label));
    }
}

static void
suggest_time (const RoundsHeatMap *map,
              GPtrArray           *out)
{
  int best_d = -1, best_h = -1;

  for (int d = 0; d < 7; d++)
    for (int h = 0; h < 24; h++)
      if (map->count[d][h] >= 2 &&
          (best_d < 0 || map->average[d][h] > map->average[best_d][best_h]))
        best_d = d, best_h = h;

  if (best_d >= 0)
    g_ptr_array_add (out, g_strdup_printf (_("Posts on %s around %02d:00 got the most engagement: "
                                             "schedule your important posts then."),
                                           rounds_insights_weekday_name (best_d), best_h));
}

static void
suggest_network_cost (const RoundsInsightsData *data,
                      RoundsPeriod              period,
                      GPtrArray                *out)
{
  double worst = -1;
  RoundsNetwork worst_network = ROUNDS_NETWORK_NONE;
  gint64 worst_minutes = 0, worst_inquiries = 0;

  for (guint n = 0; n < ROUNDS_N_NETWORKS; n++)
    {
      RoundsNetwork network = rounds_network_from_index (n);
      gint64 minutes = rounds_insights_network_minutes (data, period, network);
      gint64 inquiries = rounds_insights_network_results (data, period, network, "inquiries");
      double per;

      if (minutes < 60)
        continue;
      /* No inquiry at all is the worst, then the most minutes each. */
      per = inquiries > 0 ? minutes / (double)inquiries : 1e12 + minutes;
      if (per > worst)
        worst = per, worst_network = network, worst_minutes = minutes,
        worst_inquiries = MAX (inquiries, 0);
    }

  if (worst_network != ROUNDS_NETWORK_NONE)
    g_ptr_array_add (out, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                        "%s took %.0f h for %" PRId64
                                                        " inquiry in this period.",
                                                        "%s took %.0f h for %" PRId64
                                                        " inquiries in this period.",
                                                        worst_inquiries),
                                           rounds_network_get_label (worst_network),
                                           floor (worst_minutes / 60.0 + 0.5), worst_inquiries));
}

static void
suggest_pillars (GArray    *pillars,
                 GPtrArray *out)
{
  const RoundsPillarStat *gap = NULL;
  double gap_size = 15;
  const RoundsPillarStat *best = NULL;
  double sum = 0;
  guint n = 0;

  for (guint i = 0; i < pillars->len; i++)
    {
      const RoundsPillarStat *stat = &g_array_index (pillars, RoundsPillarStat, i);

      if (stat->planned >= 0 && fabs (stat->share - stat->planned) >= gap_size)
        gap = stat, gap_size = fabs (stat->share - stat->planned);
      if (stat->average >= 0 && stat->n_posts >= 3)
        {
          sum += stat->average;
          n++;
          if (best == NULL || stat->average > best->average)
            best = stat;
        }
    }

  if (gap != NULL)
    g_ptr_array_add (out, g_strdup_printf (_("You planned %d%% %s posts and published %.0f%%."),
                                           gap->planned, rounds_plan_pillar_label (gap->pillar),
                                           gap->share));
  if (best != NULL && n >= 2 && best->average >= 1.5 * (sum / n))
    g_ptr_array_add (out, g_strdup_printf (_("%s posts get the most engagement: "
                                             "give them a bigger share of the mix."),
                                           rounds_plan_pillar_label (best->pillar)));
}

GPtrArray *
rounds_insights_suggestions (const RoundsInsightsData *data,
                             RoundsPeriod              period,
                             GTimeZone                *tz,
                             JsonObject               *strategy)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) posts = rounds_insights_posts_in (data, period, tz);
  g_autoptr(GArray) pillars = rounds_insights_pillars (data, period, tz, strategy);
  RoundsHeatMap map;

  rounds_insights_heat_map (data, period, tz, &map);
  suggest_formats (posts, out);
  suggest_time (&map, out);
  suggest_network_cost (data, period, out);
  suggest_pillars (pillars, out);
  return out;
}

/**
 * rounds_insights_format_money:
 *
 * Returns: "$1,234" (whole dollars from 100 up, else "$12.50")
 */
char *
rounds_insights_format_money (gint64 cents)
{
  GString *out = g_string_new (cents < 0 ? "−$" : "$");
  gint64 abs_cents = cents < 0 ? -cents : cents;
  gint64 dollars = abs_cents >= 10000 ? (abs_cents + 50) / 100 : abs_cents / 100;
  g_autofree char *digits = g_strdup_printf ("%" G_GINT64_FORMAT, dollars);
  guint len = strlen (digits);

  for (guint i = 0; i < len; i++)
    {
      g_string_append_c (out, digits[i]);
      if ((len - i - 1) % 3 == 0 && i + 1 < len)
        g_string_append_c (out, ',');
    }
  if (abs_cents < 10000)
    g_string_append_printf (out, ".%02d", (int)(abs_cents % 100));
  return g_string_free (out, FALSE);
}
