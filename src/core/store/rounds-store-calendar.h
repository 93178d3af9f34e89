/* rounds-store-calendar.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rounds-recurrence.h"
#include "rounds-store.h"

G_BEGIN_DECLS

/* What the calendar needs from the store: the posts of a range with
 * recurring posts expanded to their occurrences, moves that check what
 * may move and can be undone, and the recurrence rules of posts. */

typedef struct
{
  RoundsPost *post;        /* the store's own (a ref) */
  gint64      when;        /* this occurrence, UTC */
  gboolean    recurring;
  guint       occurrence;  /* index in the series; 0 for a one-off */
} RoundsCalendarItem;

void     rounds_calendar_item_free (RoundsCalendarItem *item);

typedef enum /*< flags >*/
{
  ROUNDS_MOVE_DEFAULT    = 0,
  ROUNDS_MOVE_ALLOW_PAST = 1 << 0,  /* an undo may go back to where the post was */
} RoundsMoveFlags;

typedef enum
{
  ROUNDS_MOVE_SCOPE_ALL,        /* the whole series (a one-off post: the post) */
  ROUNDS_MOVE_SCOPE_THIS,       /* only this occurrence: split it out */
  ROUNDS_MOVE_SCOPE_FOLLOWING,  /* this occurrence and the ones after it */
} RoundsMoveScope;

/* What a move changed, enough to undo it. */
typedef struct _RoundsMoveUndo RoundsMoveUndo;

void       rounds_move_undo_free                 (RoundsMoveUndo  *undo);
gint64     rounds_move_undo_get_post_id          (RoundsMoveUndo  *undo);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RoundsMoveUndo, rounds_move_undo_free)

GPtrArray *rounds_store_list_calendar_items      (RoundsStore      *self,
                                                  GTimeZone        *tz,
                                                  gint64            from_utc,
                                                  gint64            to_utc,
                                                  GError          **error);
GPtrArray *rounds_store_list_unscheduled         (RoundsStore      *self);

/* What a view of the calendar asks for: the days of its range, at most
 * @per_day posts a day (the first by time; 0 for every post) and how
 * many each day has, under the status and network filter. */
typedef struct
{
  GTimeZone     *tz;
  gint64        *bounds;    /* n_days + 1 day starts, UTC */
  guint          n_days;
  guint          per_day;   /* 0: every post */
  guint          statuses;  /* a bit per RoundsPostStatus shown */
  RoundsNetwork  networks;  /* shown; a post without a network always shows */
  gboolean       with_unscheduled;  /* also rounds_store_list_unscheduled()'s posts */
} RoundsCalendarQuery;

RoundsCalendarQuery *rounds_calendar_query_new   (GTimeZone        *tz,
                                                  const GDate      *first,
                                                  guint             n_days,
                                                  guint             per_day);
RoundsCalendarQuery *rounds_calendar_query_copy  (const RoundsCalendarQuery *query);
void       rounds_calendar_query_free            (RoundsCalendarQuery *query);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RoundsCalendarQuery, rounds_calendar_query_free)

typedef struct
{
  GPtrArray *items;    /* RoundsCalendarItem, by time: per day at most per_day */
  guint     *totals;   /* per day: how many posts it has under the filter */
  guint      n_days;
  GPtrArray *unscheduled;  /* RoundsPost, when the query asked for them; else NULL */
} RoundsCalendarRange;

void       rounds_calendar_range_free            (RoundsCalendarRange *range);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RoundsCalendarRange, rounds_calendar_range_free)

RoundsCalendarRange *rounds_store_read_calendar_range (RoundsStore               *self,
                                                       const RoundsCalendarQuery *query,
                                                       GError                   **error);
void       rounds_store_read_calendar_range_async     (RoundsStore               *self,
                                                       const RoundsCalendarQuery *query,
                                                       GCancellable              *cancellable,
                                                       GAsyncReadyCallback        callback,
                                                       gpointer                   user_data);
RoundsCalendarRange *rounds_store_read_calendar_range_finish (RoundsStore        *self,
                                                              GAsyncResult       *result,
                                                              GError            **error);

gboolean   rounds_store_check_move               (RoundsStore      *self,
                                                  RoundsPost       *post,
                                                  gint64            to_utc,
                                                  RoundsMoveFlags   flags,
                                                  GError          **error);
RoundsMoveUndo *rounds_store_move_post           (RoundsStore      *self,
                                                  gint64            id,
                                                  gint64            to_utc,
                                                  RoundsMoveFlags   flags,
                                                  GError          **error);
RoundsMoveUndo *rounds_store_move_occurrence     (RoundsStore      *self,
                                                  gint64            id,
                                                  gint64            occurrence_utc,
                                                  gint64            to_utc,
                                                  RoundsMoveScope   scope,
                                                  GError          **error);
gboolean   rounds_store_undo_move                (RoundsStore      *self,
                                                  RoundsMoveUndo   *undo,
                                                  GError          **error);

RoundsRecurrence *rounds_store_dup_recurrence    (RoundsStore      *self,
                                                  gint64            id);
gint64     rounds_store_get_series_id            (RoundsStore      *self,
                                                  gint64            id);
gboolean   rounds_store_set_recurrence           (RoundsStore      *self,
                                                  gint64            id,
                                                  const RoundsRecurrence *rule,
                                                  GError          **error);

G_END_DECLS
