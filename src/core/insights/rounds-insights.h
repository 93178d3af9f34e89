/* rounds-insights.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "rounds-store-insights.h"

G_BEGIN_DECLS

/* Aggregation for the Insights place (DESIGN.md §11): pure functions over
 * RoundsInsightsData. Nothing here reads the database or the clock: the
 * caller passes the period, today and the practice's time zone. A value
 * that was never measured is -1 (a gap), never 0. */

/* A run of practice days, both ends included (Julian day numbers). */
typedef struct
{
  guint32 first;
  guint32 last;
} RoundsPeriod;

typedef enum
{
  ROUNDS_PERIOD_LAST_30_DAYS,
  ROUNDS_PERIOD_THIS_MONTH,
  ROUNDS_PERIOD_LAST_MONTH,
  ROUNDS_PERIOD_LAST_3_MONTHS,
  ROUNDS_PERIOD_LAST_6_MONTHS,
  ROUNDS_PERIOD_LAST_12_MONTHS,
} RoundsPeriodKind;

RoundsPeriod        rounds_period_make                  (RoundsPeriodKind  kind,
                                                         guint32           today);
RoundsPeriod        rounds_period_month                 (guint32           any_day);
guint32             rounds_insights_month_of            (guint32           day);
guint32             rounds_insights_next_month          (guint32           month);
guint32             rounds_insights_today               (GTimeZone        *tz,
                                                         gint64            now);
guint32             rounds_insights_day_of              (GTimeZone        *tz,
                                                         gint64            utc);
gint64              rounds_insights_day_start_utc       (GTimeZone        *tz,
                                                         guint32           day);

/* The data file: what each network measures and calls its numbers. */
const char * const *rounds_insights_metrics             (void);
const char         *rounds_insights_metric_label        (const char       *metric);
const char         *rounds_insights_network_metric_name (RoundsNetwork     network,
                                                         const char       *metric);
GStrv               rounds_insights_interaction_metrics (RoundsNetwork     network);
GStrv               rounds_insights_account_metrics     (RoundsNetwork     network);
JsonObject         *rounds_insights_export_columns      (RoundsNetwork     network);
JsonObject         *rounds_insights_analytics_columns   (void);

gint64              rounds_insights_post_interactions   (const RoundsMeasuredPost *post);

/* Followers: the sum over accounts of each one's latest reading on or
 * before @day; -1 when no account had been measured by then. */
gint64              rounds_insights_followers_on        (const RoundsInsightsData *data,
                                                         RoundsNetwork     network,
                                                         guint32           day);

typedef struct
{
  guint32  day;
  gint64   value;      /* -1: no reading that day (a gap) */
} RoundsInsightsPoint;

GArray             *rounds_insights_followers_series    (const RoundsInsightsData *data,
                                                         RoundsNetwork     network,
                                                         RoundsPeriod      period);
RoundsNetwork       rounds_insights_networks            (const RoundsInsightsData *data);

/* Posts published in @period (practice days). */
GPtrArray          *rounds_insights_posts_in            (const RoundsInsightsData *data,
                                                         RoundsPeriod      period,
                                                         GTimeZone        *tz);

typedef struct
{
  RoundsNetwork network;
  guint         n_posts;        /* with interactions measured */
  gint64        interactions;
  gint64        followers;      /* at the end of the period, -1 unknown */
  double        rate;           /* % per post by followers, -1 unknown */
} RoundsEngagement;

GArray             *rounds_insights_engagement          (const RoundsInsightsData *data,
                                                         RoundsPeriod      period,
                                                         GTimeZone        *tz);

/* Best first; only posts with measured interactions. (transfer container) */
GPtrArray          *rounds_insights_ranked_posts        (const RoundsInsightsData *data,
                                                         RoundsPeriod      period,
                                                         GTimeZone        *tz);

/* Average interactions per post by weekday (0 = Monday) and hour. */
typedef struct
{
  double  average[7][24];
  guint   count[7][24];
  double  max_average;
} RoundsHeatMap;

void                rounds_insights_heat_map            (const RoundsInsightsData *data,
                                                         RoundsPeriod      period,
                                                         GTimeZone        *tz,
                                                         RoundsHeatMap    *map);

typedef struct
{
  const char *pillar;           /* static */
  guint       n_posts;
  double      share;            /* % of the period's posts with a pillar */
  int         planned;          /* % in the strategy's mix, -1 no strategy */
  double      average;          /* interactions per post, -1 none measured */
} RoundsPillarStat;

GArray             *rounds_insights_pillars             (const RoundsInsightsData *data,
                                                         RoundsPeriod      period,
                                                         GTimeZone        *tz,
                                                         JsonObject       *strategy);

/* Goals of the plan. */
typedef enum
{
  ROUNDS_GOAL_NO_DATA,
  ROUNDS_GOAL_ON_TRACK,
  ROUNDS_GOAL_BEHIND,
  ROUNDS_GOAL_REACHED,
  ROUNDS_GOAL_MISSED,
} RoundsGoalState;

typedef struct
{
  char            *label;
  char            *metric;
  gint64           baseline;
  gint64           target;
  gint64           current;      /* -1: not measured */
  guint32          start;
  guint32          deadline;
  double           progress;     /* share of the way from baseline to target */
  double           expected;     /* share of the time from start to deadline */
  RoundsGoalState  state;
} RoundsGoalProgress;

void                rounds_goal_progress_free           (RoundsGoalProgress *progress);
RoundsGoalProgress *rounds_insights_goal_progress       (const char       *label,
                                                         const char       *metric,
                                                         gint64            baseline,
                                                         gint64            target,
                                                         guint32           start,
                                                         guint32           deadline,
                                                         gint64            current,
                                                         guint32           today);
gint64              rounds_insights_metric_now          (const RoundsInsightsData *data,
                                                         const char       *metric,
                                                         guint32           today,
                                                         GTimeZone        *tz);
GPtrArray          *rounds_insights_goals               (const RoundsInsightsData *data,
                                                         JsonObject       *goals_section,
                                                         guint32           set_on,
                                                         guint32           today,
                                                         GTimeZone        *tz);
char               *rounds_goal_progress_describe       (const RoundsGoalProgress *progress);

/* Response times against the crisis plan. */
typedef struct
{
  const char *severity;         /* "" ordinary, or a crisis level */
  guint       n_answered;
  guint       n_waiting;
  guint       n_late;           /* answered after the target, or waiting past it */
  double      median_hours;     /* -1: none answered */
  gint64      target_hours;     /* -1: no target */
} RoundsResponseStat;

GArray             *rounds_insights_response_times      (const RoundsInsightsData *data,
                                                         JsonObject       *crisis,
                                                         gint64            from_utc,
                                                         gint64            to_utc,
                                                         gint64            now);

/* Return on investment, month by month. */
typedef struct
{
  guint32   month;              /* first day */
  gint64    minutes;
  gint64    time_cents;         /* minutes × hourly rate: an estimate */
  gint64    spend_cents;        /* entered: measured */
  gint64    cost_cents;
  gint64    inquiries;          /* -1: no week entered */
  gint64    bookings;           /* -1: no week entered */
  guint     weeks_entered;
  guint     weeks_in_month;
  gint64    new_followers;      /* -1: not measured at both ends */
  gint64    interactions;       /* -1: no post measured */
  gint64    sessions;           /* from social sources, -1: no import */
  gint64    conversions;
  gint64    value_cents;        /* bookings × value of a patient, -1 unknown */
  double    cost_per_inquiry;   /* cents, -1: no inquiry */
  double    cost_per_booking;   /* cents, -1: no booking */
  gboolean  cost_estimated;     /* some of the cost is time × rate */
  gboolean  results_partial;    /* some weeks not entered */
} RoundsRoiMonth;

GArray             *rounds_insights_roi                 (const RoundsInsightsData *data,
                                                         guint32           first_month,
                                                         guint32           last_month,
                                                         GHashTable       *rates,
                                                         gint64            default_rate,
                                                         gint64            patient_value,
                                                         GTimeZone        *tz);

gint64              rounds_insights_network_minutes     (const RoundsInsightsData *data,
                                                         RoundsPeriod      period,
                                                         RoundsNetwork     network);
gint64              rounds_insights_network_results     (const RoundsInsightsData *data,
                                                         RoundsPeriod      period,
                                                         RoundsNetwork     network,
                                                         const char       *kind);

/* A few plain suggestions from the data (transfer full, of char *). */
GPtrArray          *rounds_insights_suggestions         (const RoundsInsightsData *data,
                                                         RoundsPeriod      period,
                                                         GTimeZone        *tz,
                                                         JsonObject       *strategy);

const char         *rounds_insights_weekday_name        (int               weekday);
char               *rounds_insights_format_money        (gint64            cents);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RoundsGoalProgress, rounds_goal_progress_free)

G_END_DECLS
