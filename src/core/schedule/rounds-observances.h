/* rounds-observances.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* United States health observances: the months, weeks and days that a
 * practice's posts can follow (American Heart Month, National Nurses
 * Week, World Health Day…), each with the rule that dates it, so they
 * can be placed in any year. The calendar shows them on their days and
 * the plan's ideas library suggests posts from them. */

typedef enum
{
  ROUNDS_OBSERVANCE_MONTH,
  ROUNDS_OBSERVANCE_WEEK,
  ROUNDS_OBSERVANCE_DAY,
} RoundsObservanceKind;

typedef struct
{
  const char           *id;     /* stable: "american-heart-month" */
  const char           *name;   /* translated */
  const char           *rule;   /* translated: "Every February", "Second Sunday of May, one week" */
  RoundsObservanceKind  kind;
  GDate                 start;  /* first day, inclusive */
  GDate                 end;    /* last day, inclusive */
} RoundsObservance;

#define ROUNDS_TYPE_OBSERVANCE (rounds_observance_get_type ())

GType             rounds_observance_get_type     (void) G_GNUC_CONST;
RoundsObservance *rounds_observance_copy         (const RoundsObservance *self);
void              rounds_observance_free         (RoundsObservance       *self);
gboolean          rounds_observance_covers       (const RoundsObservance *self,
                                                  const GDate            *day);

guint             rounds_observances_count       (void);
GPtrArray        *rounds_observances_for_year    (int                     year);
GPtrArray        *rounds_observances_for_range   (const GDate            *from,
                                                  const GDate            *to);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RoundsObservance, rounds_observance_free)

G_END_DECLS
