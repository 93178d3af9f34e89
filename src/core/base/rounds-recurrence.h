/* rounds-recurrence.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A recurring post's rule, stored as JSON in posts.recurrence:
 *   {"freq": "weekly"|"monthly", "interval": 1, "count": 6}
 *   {"freq": "weekly", "interval": 2, "until": 1767225600, "exdates": [UTC, …]}
 * The post's scheduled_at is the first occurrence; every occurrence keeps
 * its time of day in practice time. A monthly rule on the 31st skips the
 * months without one (as RFC 5545 does). "exdates" lists occurrences that
 * were moved out of the series ("only this one"). */

typedef enum
{
  ROUNDS_RECURRENCE_WEEKLY,
  ROUNDS_RECURRENCE_MONTHLY,
} RoundsRecurrenceFreq;

typedef struct
{
  RoundsRecurrenceFreq  freq;
  guint                 interval;  /* ≥ 1 */
  guint                 count;     /* 0: no count */
  gint64                until;     /* UTC, inclusive; 0: none */
  GArray               *exdates;   /* gint64 UTC, may be NULL */
} RoundsRecurrence;

#define ROUNDS_RECURRENCE_MAX_OCCURRENCES 1000

RoundsRecurrence *rounds_recurrence_new          (RoundsRecurrenceFreq     freq,
                                                  guint                    interval);
RoundsRecurrence *rounds_recurrence_copy         (const RoundsRecurrence  *self);
void              rounds_recurrence_free         (RoundsRecurrence        *self);
RoundsRecurrence *rounds_recurrence_from_json    (const char              *json,
                                                  GError                 **error);
char             *rounds_recurrence_to_json      (const RoundsRecurrence  *self);
gboolean          rounds_recurrence_is_excluded  (const RoundsRecurrence  *self,
                                                  gint64                   utc);
void              rounds_recurrence_exclude      (RoundsRecurrence        *self,
                                                  gint64                   utc);
gint64            rounds_recurrence_nth          (const RoundsRecurrence  *self,
                                                  GTimeZone               *tz,
                                                  gint64                   start,
                                                  guint                    n);
GArray           *rounds_recurrence_expand       (const RoundsRecurrence  *self,
                                                  GTimeZone               *tz,
                                                  gint64                   start,
                                                  gint64                   from_utc,
                                                  gint64                   to_utc);
int               rounds_recurrence_index_of     (const RoundsRecurrence  *self,
                                                  GTimeZone               *tz,
                                                  gint64                   start,
                                                  gint64                   occurrence);
char             *rounds_recurrence_to_rrule     (const RoundsRecurrence  *self);
char             *rounds_recurrence_describe     (const RoundsRecurrence  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RoundsRecurrence, rounds_recurrence_free)

G_END_DECLS
