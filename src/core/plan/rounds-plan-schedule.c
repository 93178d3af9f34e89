/* rounds-plan-schedule.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-plan"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rounds-plan-schedule.h"

static const RoundsPlanTask tasks[] = {
  { "profile",   ROUNDS_PLAN_STEP_PROFILE,    1,  2, N_("Fill in the practice profile") },
  { "goals",     ROUNDS_PLAN_STEP_GOALS,      3,  5, N_("Choose your goals") },
  { "targets",   ROUNDS_PLAN_STEP_GOALS,      6,  7, N_("Set a baseline, target and deadline for each goal") },
  { "personas",  ROUNDS_PLAN_STEP_AUDIENCE,   8, 11, N_("Describe your patients as personas") },
  { "reach",     ROUNDS_PLAN_STEP_AUDIENCE,  12, 14, N_("Note the networks and languages of each persona") },
  { "pillars",   ROUNDS_PLAN_STEP_STRATEGY,  15, 17, N_("Choose content pillars and their mix") },
  { "cadence",   ROUNDS_PLAN_STEP_STRATEGY,  18, 19, N_("Set formats and a weekly cadence per network") },
  { "calendar",  ROUNDS_PLAN_STEP_STRATEGY,  20, 21, N_("Fill the calendar for the next four weeks") },
  { "networks",  ROUNDS_PLAN_STEP_PLATFORMS, 22, 24, N_("Choose your networks") },
  { "profiles",  ROUNDS_PLAN_STEP_PLATFORMS, 25, 28, N_("Complete every profile checklist") },
  { "roles",     ROUNDS_PLAN_STEP_CRISIS,    29, 29, N_("Name who watches, replies and approves") },
  { "crisis",    ROUNDS_PLAN_STEP_CRISIS,    30, 30, N_("Agree severity levels and reply templates") },
};

const RoundsPlanTask *
rounds_plan_tasks (guint *n_tasks)
{
  *n_tasks = G_N_ELEMENTS (tasks);
  return tasks;
}

const RoundsPlanTask *
rounds_plan_task_lookup (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (tasks); i++)
    if (g_strcmp0 (tasks[i].id, id) == 0)
      return &tasks[i];
  return NULL;
}

const char *
rounds_plan_task_get_title (const RoundsPlanTask *task)
{
  return _(task->title);
}

/**
 * rounds_plan_task_get_due:
 *
 * The day a task is due: its last day, counting @start as day 1.
 */
void
rounds_plan_task_get_due (const RoundsPlanTask *task,
                          const GDate          *start,
                          GDate                *due)
{
  *due = *start;
  g_date_add_days (due, task->last_day - 1);
}

/**
 * rounds_plan_task_get_state:
 *
 * Done wins; a task whose due day has passed is overdue; one due within
 * the seven days from @today (today included) is due this week.
 */
RoundsPlanTaskState
rounds_plan_task_get_state (const RoundsPlanTask *task,
                            const GDate          *start,
                            const GDate          *today,
                            gboolean              done)
{
  GDate due;
  int days;

  if (done)
    return ROUNDS_PLAN_TASK_DONE;

  rounds_plan_task_get_due (task, start, &due);
  days = g_date_days_between (today, &due);
  if (days < 0)
    return ROUNDS_PLAN_TASK_OVERDUE;
  if (days < 7)
    return ROUNDS_PLAN_TASK_DUE_THIS_WEEK;
  return ROUNDS_PLAN_TASK_UPCOMING;
}

static gboolean
profiles_complete (JsonObject *platforms)
{
  JsonObject *networks = rounds_plan_json_object (platforms, "networks");
  const char * const *items = rounds_plan_profile_items ();
  g_autoptr(GList) members = NULL;

  if (networks == NULL)
    return FALSE;

  members = json_object_get_members (networks);
  if (members == NULL)
    return FALSE;

  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonObject *profile = rounds_plan_json_object (networks, l->data);

      for (guint k = 0; items[k] != NULL; k++)
        if (!rounds_plan_json_int (profile, items[k], 0))
          return FALSE;
    }

  return TRUE;
}

/**
 * rounds_plan_task_is_done:
 * @section: (nullable): the saved data of the task's step
 * @section_complete: whether that step was completed
 * @ticked: whether the task was ticked (by hand, or by the app: a fill)
 *
 * Whether a task of the 30-day plan is done. A completed step completes
 * its tasks, except the two that the step's form alone does not do:
 * every profile checklist is complete only when each chosen network has
 * every item ticked, and the calendar is filled only by a fill.
 */
gboolean
rounds_plan_task_is_done (const RoundsPlanTask *task,
                          JsonObject           *section,
                          gboolean              section_complete,
                          gboolean              ticked)
{
  g_return_val_if_fail (task != NULL, FALSE);

  if (ticked)
    return TRUE;
  if (g_str_equal (task->id, "profiles"))
    return profiles_complete (section);
  if (g_str_equal (task->id, "calendar"))
    return FALSE;
  return section_complete;
}

/**
 * rounds_plan_today:
 *
 * Returns: the calendar day of @now_utc in the practice's time zone.
 */
GDate
rounds_plan_today (GTimeZone *tz,
                   gint64     now_utc)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (now_utc);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));
  return date;
}
