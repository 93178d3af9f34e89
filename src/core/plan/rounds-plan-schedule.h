/* rounds-plan-schedule.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "rounds-plan.h"

G_BEGIN_DECLS

/* The 30-day action plan: the published rollout schedule (days 1–7
 * goals, 8–14 audience, 15–21 strategy, 22–28 platforms and profiles,
 * 29–30 crisis plan) as tasks dated from a start day. */

typedef enum
{
  ROUNDS_PLAN_TASK_UPCOMING,
  ROUNDS_PLAN_TASK_DUE_THIS_WEEK,
  ROUNDS_PLAN_TASK_OVERDUE,
  ROUNDS_PLAN_TASK_DONE,
} RoundsPlanTaskState;

typedef struct
{
  const char     *id;
  RoundsPlanStep  step;
  int             first_day;   /* 1-based */
  int             last_day;
  const char     *title;       /* untranslated; use rounds_plan_task_get_title() */
} RoundsPlanTask;

const RoundsPlanTask *rounds_plan_tasks              (guint                *n_tasks);
const RoundsPlanTask *rounds_plan_task_lookup        (const char           *id);
const char           *rounds_plan_task_get_title     (const RoundsPlanTask *task);
void                  rounds_plan_task_get_due       (const RoundsPlanTask *task,
                                                      const GDate          *start,
                                                      GDate                *due);
RoundsPlanTaskState   rounds_plan_task_get_state     (const RoundsPlanTask *task,
                                                      const GDate          *start,
                                                      const GDate          *today,
                                                      gboolean              done);
gboolean              rounds_plan_task_is_done       (const RoundsPlanTask *task,
                                                      JsonObject           *section,
                                                      gboolean              section_complete,
                                                      gboolean              ticked);
GDate                 rounds_plan_today              (GTimeZone            *tz,
                                                      gint64                now_utc);

G_END_DECLS
