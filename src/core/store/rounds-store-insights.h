/* rounds-store-insights.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rounds-store.h"

G_BEGIN_DECLS

/* The tables of Insights (DESIGN.md §11): dated metric snapshots and the
 * posts they measure, the time log, spending, weekly results and web
 * analytics. The store only keeps and loads rows; what they mean is
 * computed in src/core/insights/. Days are practice days, as Julian day
 * numbers in memory (GDate) and "YYYY-MM-DD" in the database. */

typedef struct
{
  RoundsNetwork  network;
  char          *account;    /* accounts.id as text, "manual" or "csv" */
  guint32        day;        /* Julian day */
  const char    *metric;     /* interned */
  gint64         value;
} RoundsAccountSnapshot;

/* A measured post: its latest counts, one per metric. */
typedef struct
{
  RoundsNetwork  network;
  char          *account;
  char          *remote_id;
  gint64         post_id;        /* Rounds' post, or 0 */
  gint64         published_at;   /* UTC */
  char          *title;          /* a short label, may be "" */
  char          *pillar;         /* one of rounds_plan_pillars (), or "" */
  char          *format;         /* text, image, video, link, live, or "" */
  GHashTable    *latest;         /* interned metric → gint64 * */
} RoundsMeasuredPost;

typedef struct
{
  guint32        day;
  char          *role;           /* writer, approver, manager, designer, … */
  char          *person;         /* may be "" */
  int            minutes;
  char          *activity;       /* writing, replying, planning, other */
  RoundsNetwork  network;        /* NONE: all of them */
} RoundsTimeEntry;

typedef struct
{
  guint32        month;          /* Julian day of the month's first day */
  char          *category;       /* ads, tools, designer, other */
  gint64         cents;
  RoundsNetwork  network;
  char          *note;
} RoundsSpendEntry;

typedef struct
{
  guint32        week;           /* Julian day of the week's Monday */
  char          *kind;           /* inquiries, bookings */
  RoundsNetwork  network;        /* NONE: social media as a whole */
  gint64         count;
} RoundsResultEntry;

typedef struct
{
  guint32        day;            /* the first day of the period exported */
  char          *source;
  char          *medium;
  char          *campaign;
  gint64         sessions;
  gint64         conversions;
} RoundsWebEntry;

/* A comment or review and when it was answered (0: not yet). */
typedef struct
{
  gint64         received_at;
  gint64         answered_at;
  char          *severity;       /* a crisis level, or "" for an ordinary one */
} RoundsResponseEntry;

/* Everything Insights reads, loaded in one go. */
typedef struct
{
  GArray        *accounts;       /* of RoundsAccountSnapshot, by network, account, metric, day */
  GPtrArray     *posts;          /* of RoundsMeasuredPost, by published_at */
  GArray        *time_log;       /* of RoundsTimeEntry */
  GArray        *spending;       /* of RoundsSpendEntry */
  GArray        *results;        /* of RoundsResultEntry */
  GArray        *web;            /* of RoundsWebEntry */
  GArray        *responses;      /* of RoundsResponseEntry; empty without an inbox */
  gboolean       has_inbox;
} RoundsInsightsData;

/* One reading to record. */
typedef struct
{
  RoundsNetwork  network;
  const char    *account;
  const char    *remote_id;      /* NULL or "": the account itself */
  guint32        day;
  const char    *metric;
  gint64         value;
} RoundsSnapshotRow;

RoundsInsightsData *rounds_insights_data_new           (void);
void                rounds_insights_data_free          (RoundsInsightsData *data);
void                rounds_measured_post_free          (RoundsMeasuredPost *post);
gint64              rounds_measured_post_get           (const RoundsMeasuredPost *post,
                                                        const char         *metric);
void                rounds_measured_post_set           (RoundsMeasuredPost *post,
                                                        const char         *metric,
                                                        gint64              value);

RoundsInsightsData *rounds_store_load_insights         (RoundsStore        *self,
                                                        GError            **error);

guint               rounds_store_add_snapshots         (RoundsStore        *self,
                                                        const RoundsSnapshotRow *rows,
                                                        guint               n_rows,
                                                        const char         *source,
                                                        GError            **error);
gboolean            rounds_store_has_snapshot          (RoundsStore        *self,
                                                        RoundsNetwork       network,
                                                        const char         *account,
                                                        const char         *remote_id,
                                                        guint32             day,
                                                        const char         *metric);
gboolean            rounds_store_upsert_measured_post  (RoundsStore        *self,
                                                        RoundsNetwork       network,
                                                        const char         *account,
                                                        const char         *remote_id,
                                                        gint64              post_id,
                                                        gint64              published_at,
                                                        const char         *title,
                                                        const char         *pillar,
                                                        const char         *format,
                                                        GError            **error);

GPtrArray          *rounds_store_list_published_since  (RoundsStore        *self,
                                                        gint64              account_id,
                                                        gint64              since,
                                                        GError            **error);
gint64              rounds_store_add_time              (RoundsStore        *self,
                                                        guint32             day,
                                                        const char         *role,
                                                        const char         *person,
                                                        int                 minutes,
                                                        const char         *activity,
                                                        RoundsNetwork       network,
                                                        GError            **error);
gint64              rounds_store_add_spending          (RoundsStore        *self,
                                                        guint32             month,
                                                        const char         *category,
                                                        gint64              cents,
                                                        RoundsNetwork       network,
                                                        const char         *note,
                                                        GError            **error);
gboolean            rounds_store_set_result            (RoundsStore        *self,
                                                        guint32             week,
                                                        const char         *kind,
                                                        RoundsNetwork       network,
                                                        gint64              count,
                                                        const char         *source,
                                                        GError            **error);
gboolean            rounds_store_add_web_visits        (RoundsStore        *self,
                                                        const RoundsWebEntry *rows,
                                                        guint               n_rows,
                                                        GError            **error);

/* Settings of the practice used by Insights (kept in kv, "insights.*"). */
gint64              rounds_store_get_hourly_rate       (RoundsStore        *self,
                                                        const char         *role);
gboolean            rounds_store_set_hourly_rate       (RoundsStore        *self,
                                                        const char         *role,
                                                        gint64              cents,
                                                        GError            **error);
gint64              rounds_store_get_patient_value     (RoundsStore        *self);
gboolean            rounds_store_set_patient_value     (RoundsStore        *self,
                                                        gint64              cents,
                                                        GError            **error);
gboolean            rounds_store_get_utm_enabled       (RoundsStore        *self);
gboolean            rounds_store_set_utm_enabled       (RoundsStore        *self,
                                                        gboolean            enabled,
                                                        GError            **error);

/* Transactions for importers that write many rows at once. */
gboolean            rounds_store_insights_begin        (RoundsStore        *self,
                                                        GError            **error);
gboolean            rounds_store_insights_commit       (RoundsStore        *self,
                                                        GError            **error);
void                rounds_store_insights_rollback     (RoundsStore        *self);

char               *rounds_insights_format_day         (guint32             day);
gboolean            rounds_insights_parse_day          (const char         *iso,
                                                        guint32            *day);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RoundsInsightsData, rounds_insights_data_free)

G_END_DECLS
