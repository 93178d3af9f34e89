/* rounds-insights-export.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-insights-export"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "rounds-insights-export.h"
#include "rounds-insights-import.h"
#include "rounds-plan.h"

/* Every table Insights shows, as CSV files (one per table, UTF-8, a
 * header line, fields quoted where needed and formulas defused). */

static void
row (GString *out,
     ...)
{
  va_list args;
  const char *field;
  gboolean first = TRUE;

  va_start (args, out);
  while ((field = va_arg (args, const char *)) != NULL)
    {
      g_autofree char *quoted = rounds_insights_csv_quote (field);

      if (!first)
        g_string_append_c (out, ',');
      g_string_append (out, quoted);
      first = FALSE;
    }
  va_end (args);
  g_string_append (out, "\r\n");
}

static char *
num (gint64 value)
{
  return value >= 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, value) : g_strdup ("");
}

static char *
dec (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (value < 0)
    return g_strdup ("");
  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.2f", value));
}

/**
 * rounds_insights_tables_csv:
 *
 * Returns: (transfer full): file name → CSV text, one per table
 */
GHashTable *
rounds_insights_tables_csv (const RoundsInsightsData *data,
                            RoundsPeriod              period,
                            GTimeZone                *tz,
                            JsonObject               *goals,
                            guint32                   goals_set_on,
                            guint32                   today,
                            JsonObject               *strategy,
                            GHashTable               *rates,
                            gint64                    default_rate,
                            gint64                    patient_value)
{
  GHashTable *tables = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  GString *out;

  {
    g_autoptr(GPtrArray) progress = rounds_insights_goals (data, goals, goals_set_on, today, tz);

    out = g_string_new (NULL);
    row (out, "goal", "metric", "baseline", "current", "target", "deadline", "progress_percent",
         "state", NULL);
    for (guint i = 0; i < progress->len; i++)
      {
        RoundsGoalProgress *g = g_ptr_array_index (progress, i);
        static const char * const states[] = { "no_data", "on_track", "behind", "reached", "missed" };
        g_autofree char *b = num (g->baseline), *c = num (g->current), *t = num (g->target);
        g_autofree char *d = rounds_insights_format_day (g->deadline);
        g_autofree char *p = dec (g->state == ROUNDS_GOAL_NO_DATA ? -1 : g->progress * 100);

        row (out, g->label, g->metric, b, c, t, d, p, states[g->state], NULL);
      }
    g_hash_table_insert (tables, (char *)"goals.csv", g_string_free (out, FALSE));
  }

  {
    g_autoptr(GArray) series = rounds_insights_followers_series (data, ROUNDS_NETWORK_NONE, period);

    out = g_string_new (NULL);
    row (out, "day", "followers", NULL);
    for (guint i = 0; i < series->len; i++)
      {
        RoundsInsightsPoint *p = &g_array_index (series, RoundsInsightsPoint, i);
        g_autofree char *d = rounds_insights_format_day (p->day), *v = num (p->value);

        row (out, d, v, NULL);
      }
    g_hash_table_insert (tables, (char *)"followers.csv", g_string_free (out, FALSE));
  }

  {
    g_autoptr(GArray) engagement = rounds_insights_engagement (data, period, tz);

    out = g_string_new (NULL);
    row (out, "network", "posts", "interactions", "followers", "engagement_rate_percent", NULL);
    for (guint i = 0; i < engagement->len; i++)
      {
        RoundsEngagement *e = &g_array_index (engagement, RoundsEngagement, i);
        g_autofree char *n = num (e->n_posts), *it = num (e->interactions),
                        *f = num (e->followers), *r = dec (e->rate);

        row (out, rounds_network_to_string (e->network), n, it, f, r, NULL);
      }
    g_hash_table_insert (tables, (char *)"engagement.csv", g_string_free (out, FALSE));
  }

  {
    g_autoptr(GPtrArray) ranked = rounds_insights_ranked_posts (data, period, tz);

    out = g_string_new (NULL);
    row (out, "rank", "network", "published", "title", "pillar", "format", "interactions", NULL);
    for (guint i = 0; i < ranked->len; i++)
      {
        RoundsMeasuredPost *p = g_ptr_array_index (ranked, i);
        g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (p->published_at);
        g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);
        g_autofree char *when = g_date_time_format (local, "%Y-%m-%d %H:%M");
        g_autofree char *rank = num (i + 1), *it = num (rounds_insights_post_interactions (p));

        row (out, rank, rounds_network_to_string (p->network), when, p->title, p->pillar,
             p->format, it, NULL);
      }
    g_hash_table_insert (tables, (char *)"posts.csv", g_string_free (out, FALSE));
  }

  {
    RoundsHeatMap map;

    rounds_insights_heat_map (data, period, tz, &map);
    out = g_string_new (NULL);
    row (out, "weekday", "hour", "posts", "interactions_per_post", NULL);
    for (int d = 0; d < 7; d++)
      for (int h = 0; h < 24; h++)
        if (map.count[d][h] > 0)
          {
            g_autofree char *hh = num (h), *c = num (map.count[d][h]), *a = dec (map.average[d][h]);

            row (out, rounds_insights_weekday_name (d), hh, c, a, NULL);
          }
    g_hash_table_insert (tables, (char *)"posting-times.csv", g_string_free (out, FALSE));
  }

  {
    g_autoptr(GArray) pillars = rounds_insights_pillars (data, period, tz, strategy);

    out = g_string_new (NULL);
    row (out, "pillar", "posts", "share_percent", "planned_percent", "interactions_per_post", NULL);
    for (guint i = 0; i < pillars->len; i++)
      {
        RoundsPillarStat *s = &g_array_index (pillars, RoundsPillarStat, i);
        g_autofree char *n = num (s->n_posts), *sh = dec (s->share), *pl = num (s->planned),
                        *a = dec (s->average);

        row (out, s->pillar, n, sh, pl, a, NULL);
      }
    g_hash_table_insert (tables, (char *)"pillars.csv", g_string_free (out, FALSE));
  }

  {
    g_autoptr(GArray) months = rounds_insights_roi (data, period.first, period.last, rates,
                                                    default_rate, patient_value, tz);

    out = g_string_new (NULL);
    row (out, "month", "minutes", "time_cost_estimated", "spending_measured", "cost",
         "inquiries", "bookings", "weeks_entered", "weeks_in_month", "new_followers",
         "interactions", "social_sessions", "social_conversions", "value_estimated",
         "cost_per_inquiry", "cost_per_booking", NULL);
    for (guint i = 0; i < months->len; i++)
      {
        RoundsRoiMonth *m = &g_array_index (months, RoundsRoiMonth, i);
        g_autofree char *month = rounds_insights_format_day (m->month);
        g_autofree char *mi = num (m->minutes), *tc = dec (m->time_cents / 100.0),
                        *sp = dec (m->spend_cents / 100.0), *co = dec (m->cost_cents / 100.0),
                        *iq = num (m->inquiries), *bk = num (m->bookings),
                        *we = num (m->weeks_entered), *wm = num (m->weeks_in_month),
                        *nf = num (m->new_followers), *it = num (m->interactions),
                        *se = num (m->sessions), *cv = num (m->conversions),
                        *va = dec (m->value_cents >= 0 ? m->value_cents / 100.0 : -1),
                        *ci = dec (m->cost_per_inquiry >= 0 ? m->cost_per_inquiry / 100.0 : -1),
                        *cb = dec (m->cost_per_booking >= 0 ? m->cost_per_booking / 100.0 : -1);

        month[7] = '\0';
        row (out, month, mi, tc, sp, co, iq, bk, we, wm, nf, it, se, cv, va, ci, cb, NULL);
      }
    g_hash_table_insert (tables, (char *)"roi.csv", g_string_free (out, FALSE));
  }

  out = g_string_new (NULL);
  row (out, "day", "role", "minutes", "activity", "network", NULL);
  for (guint i = 0; i < data->time_log->len; i++)
    {
      RoundsTimeEntry *t = &g_array_index (data->time_log, RoundsTimeEntry, i);
      g_autofree char *d = rounds_insights_format_day (t->day), *m = num (t->minutes);

      if (t->day >= period.first && t->day <= period.last)
        row (out, d, t->role, m, t->activity,
             t->network != ROUNDS_NETWORK_NONE ? rounds_network_to_string (t->network) : "", NULL);
    }
  g_hash_table_insert (tables, (char *)"time-log.csv", g_string_free (out, FALSE));

  out = g_string_new (NULL);
  row (out, "month", "category", "amount", "network", NULL);
  for (guint i = 0; i < data->spending->len; i++)
    {
      RoundsSpendEntry *s = &g_array_index (data->spending, RoundsSpendEntry, i);
      g_autofree char *d = rounds_insights_format_day (s->month), *a = dec (s->cents / 100.0);

      d[7] = '\0';
      if (s->month + 31 > period.first && s->month <= period.last)
        row (out, d, s->category, a,
             s->network != ROUNDS_NETWORK_NONE ? rounds_network_to_string (s->network) : "", NULL);
    }
  g_hash_table_insert (tables, (char *)"spending.csv", g_string_free (out, FALSE));

  out = g_string_new (NULL);
  row (out, "week", "kind", "network", "count", NULL);
  for (guint i = 0; i < data->results->len; i++)
    {
      RoundsResultEntry *r = &g_array_index (data->results, RoundsResultEntry, i);
      g_autofree char *w = rounds_insights_format_day (r->week), *c = num (r->count);

      if (r->week + 6 >= period.first && r->week <= period.last)
        row (out, w, r->kind,
             r->network != ROUNDS_NETWORK_NONE ? rounds_network_to_string (r->network) : "", c, NULL);
    }
  g_hash_table_insert (tables, (char *)"results.csv", g_string_free (out, FALSE));

  return tables;
}

/**
 * rounds_insights_write_tables:
 * @folder: an existing folder; the files are written into it (replacing
 *   files of the same names)
 */
gboolean
rounds_insights_write_tables (const RoundsInsightsData *data,
                              RoundsPeriod              period,
                              GTimeZone                *tz,
                              JsonObject               *goals,
                              guint32                   goals_set_on,
                              guint32                   today,
                              JsonObject               *strategy,
                              GHashTable               *rates,
                              gint64                    default_rate,
                              gint64                    patient_value,
                              const char               *folder,
                              GError                  **error)
{
  g_autoptr(GHashTable) tables = rounds_insights_tables_csv (data, period, tz, goals, goals_set_on,
                                                             today, strategy, rates, default_rate,
                                                             patient_value);
  GHashTableIter iter;
  gpointer name, text;

  g_hash_table_iter_init (&iter, tables);
  while (g_hash_table_iter_next (&iter, &name, &text))
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);

      if (!g_file_set_contents (path, text, -1, error))
        return FALSE;
    }
  return TRUE;
}
