/* rounds-plan-goals.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-plan-goals"

#include "config.h"

#include <glib/gi18n.h>

#include "rounds-plan.h"
#include "rounds-plan-goals.h"
#include "rounds-plan-schedule.h"

/* Step 1: goals. One switchable expander per kind of goal (brand
 * awareness, patient engagement, appointment bookings, your own), each
 * with what to measure, where the practice is today, the target and
 * the deadline. */

typedef struct
{
  const char     *kind;
  AdwExpanderRow *expander;
  AdwEntryRow    *label_row;     /* own goal only */
  GtkDropDown    *metric;
  GtkWidget      *metric_row;
  GtkWidget      *baseline_row;
  GtkWidget      *target_row;
  AdwEntryRow    *deadline_row;
} GoalRows;

struct _RoundsPlanGoals
{
  AdwBin                parent_instance;

  AdwPreferencesGroup  *goals_group;

  RoundsContext        *context;
  GoalRows              rows[4];
};

static void step_view_iface_init (RoundsPlanStepViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RoundsPlanGoals, rounds_plan_goals, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (ROUNDS_TYPE_PLAN_STEP_VIEW,
                                                      step_view_iface_init))

static GDate
today (RoundsPlanGoals *self)
{
  g_autoptr(GTimeZone) tz = NULL;

  if (self->context == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      GDate date;

      g_date_clear (&date, 1);
      g_date_set_dmy (&date, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                      g_date_time_get_year (now));
      return date;
    }

  tz = rounds_context_dup_time_zone (self->context);
  return rounds_plan_today (tz, rounds_clock_get_now (rounds_context_get_clock (self->context)));
}

static GtkSpinButton *
spin (GtkWidget *row)
{
  return GTK_SPIN_BUTTON (_rounds_plan_row_get_suffix (row));
}

static void
on_suggest_clicked_cb (GtkButton       *button,
                       RoundsPlanGoals *self)
{
  GtkWidget *expander = gtk_widget_get_ancestor (GTK_WIDGET (button), ADW_TYPE_EXPANDER_ROW);
  GoalRows *rows = NULL;
  const char * const *metrics = rounds_plan_metrics ();
  guint metric;
  GDate now = today (self);
  GDate deadline;
  gint64 target = 0;
  g_autofree char *date = NULL;

  /* The goal is the one whose expander row holds the button. */
  for (guint i = 0; i < G_N_ELEMENTS (self->rows) && rows == NULL; i++)
    if (GTK_WIDGET (self->rows[i].expander) == expander)
      rows = &self->rows[i];
  g_return_if_fail (rows != NULL);
  metric = gtk_drop_down_get_selected (rows->metric);

  rounds_plan_suggest_target (metrics[MIN (metric, g_strv_length ((GStrv)metrics) - 1)],
                              gtk_spin_button_get_value_as_int (spin (rows->baseline_row)),
                              &now, &target, &deadline);
  gtk_spin_button_set_value (spin (rows->target_row), target);
  date = rounds_plan_format_date (&deadline);
  gtk_editable_set_text (GTK_EDITABLE (rows->deadline_row), date);
}

/* A goal's rows under its switch (what to measure, today, the target,
 * the deadline, the suggestion), made when the goal is first switched on
 * or loaded on: a goal off shows only its switch, and making the rows of
 * all four was most of the goals step (the first step many practices
 * open the Plan on; bench/README.md, switch14b). */
static void
ensure_rows (RoundsPlanGoals *self,
             GoalRows        *rows)
{
  RoundsPlanStepView *view = ROUNDS_PLAN_STEP_VIEW (self);
  const char * const *metrics = rounds_plan_metrics ();
  const char *metric = rounds_plan_goal_kind_metric (rows->kind);
  g_autoptr(GtkStringList) labels = NULL;
  GtkWidget *suggest_row;
  GtkWidget *button;

  if (rows->metric != NULL)
    return;

  if (g_str_equal (rows->kind, "custom"))
    {
      rows->label_row = ADW_ENTRY_ROW (_rounds_plan_entry_row_new (view, _("Goal name"), ""));
      adw_expander_row_add_row (rows->expander, GTK_WIDGET (rows->label_row));
    }

  labels = gtk_string_list_new (NULL);
  for (guint i = 0; metrics[i] != NULL; i++)
    gtk_string_list_append (labels, rounds_plan_metric_label (metrics[i]));
  rows->metric = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (labels)), NULL));
  /* The kind's own measure until one is loaded or picked. */
  for (guint m = 0; metrics[m] != NULL; m++)
    if (g_strcmp0 (metrics[m], metric) == 0)
      gtk_drop_down_set_selected (rows->metric, m);
  gtk_widget_set_valign (GTK_WIDGET (rows->metric), GTK_ALIGN_CENTER);
  rows->metric_row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (rows->metric_row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (rows->metric_row), _("Measure"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (rows->metric_row), GTK_WIDGET (rows->metric));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (rows->metric_row),
                                         GTK_WIDGET (rows->metric));
  _rounds_plan_watch (view, GTK_WIDGET (rows->metric));
  adw_expander_row_add_row (rows->expander, rows->metric_row);

  rows->baseline_row = _rounds_plan_spin_row_new (view, _("Today"), _("Where you are now"),
                                                   0, 10000000, 0);
  adw_expander_row_add_row (rows->expander, rows->baseline_row);
  rows->target_row = _rounds_plan_spin_row_new (view, _("Target"), NULL, 0, 10000000, 0);
  adw_expander_row_add_row (rows->expander, rows->target_row);

  rows->deadline_row = ADW_ENTRY_ROW (_rounds_plan_entry_row_new (view,
                                                                  _("Deadline (year-month-day)"),
                                                                  ""));
  adw_expander_row_add_row (rows->expander, GTK_WIDGET (rows->deadline_row));

  suggest_row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (suggest_row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (suggest_row), _("Realistic target"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (suggest_row),
                               _("From today’s number, six months from now"));
  button = gtk_button_new_with_mnemonic (_("_Suggest"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_signal_connect (button, "clicked", G_CALLBACK (on_suggest_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (suggest_row), button);
  adw_expander_row_add_row (rows->expander, suggest_row);
}

static void
on_enable_expansion_cb (AdwExpanderRow  *expander,
                        GParamSpec      *pspec,
                        RoundsPlanGoals *self)
{
  if (!adw_expander_row_get_enable_expansion (expander))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (self->rows); i++)
    if (self->rows[i].expander == expander)
      ensure_rows (self, &self->rows[i]);
}

static void
build_goal (RoundsPlanGoals *self,
            GoalRows        *rows,
            const char      *kind)
{
  RoundsPlanStepView *view = ROUNDS_PLAN_STEP_VIEW (self);

  rows->kind = kind;
  rows->expander = ADW_EXPANDER_ROW (adw_expander_row_new ());
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (rows->expander), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (rows->expander),
                                 rounds_plan_goal_kind_label (kind));
  /* libadwaita 1.2 names only the header inside an expander row, not the
   * row a screen reader lands on */
  gtk_accessible_update_property (GTK_ACCESSIBLE (rows->expander), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  rounds_plan_goal_kind_label (kind), -1);
  _rounds_plan_enable_switch_row (rows->expander, rounds_plan_goal_kind_label (kind));
  adw_expander_row_set_enable_expansion (rows->expander, FALSE);
  /* Before the step is told of the change: its rows are there to save. */
  g_signal_connect (rows->expander, "notify::enable-expansion",
                    G_CALLBACK (on_enable_expansion_cb), self);
  _rounds_plan_watch (view, GTK_WIDGET (rows->expander));

  adw_preferences_group_add (self->goals_group, GTK_WIDGET (rows->expander));
}

static void
rounds_plan_goals_load (RoundsPlanStepView *view,
                        JsonObject         *data,
                        RoundsContext      *context)
{
  RoundsPlanGoals *self = ROUNDS_PLAN_GOALS (view);
  JsonArray *goals = rounds_plan_json_array (data, "goals");
  const char * const *metrics = rounds_plan_metrics ();

  g_set_object (&self->context, context);

  for (guint i = 0; i < G_N_ELEMENTS (self->rows); i++)
    {
      GoalRows *rows = &self->rows[i];
      JsonObject *goal = NULL;
      const char *metric;

      for (guint j = 0; goals != NULL && j < json_array_get_length (goals); j++)
        {
          JsonObject *candidate = json_array_get_object_element (goals, j);

          if (g_strcmp0 (rounds_plan_json_string (candidate, "kind"), rows->kind) == 0)
            goal = candidate;
        }

      /* A goal off whose rows were never made keeps none. */
      if (goal == NULL && rows->metric == NULL)
        {
          adw_expander_row_set_enable_expansion (rows->expander, FALSE);
          continue;
        }
      ensure_rows (self, rows);
      adw_expander_row_set_enable_expansion (rows->expander, goal != NULL);
      metric = goal != NULL ? rounds_plan_json_string (goal, "metric")
                            : rounds_plan_goal_kind_metric (rows->kind);
      for (guint m = 0; metrics[m] != NULL; m++)
        if (g_str_equal (metrics[m], metric))
          gtk_drop_down_set_selected (rows->metric, m);
      gtk_spin_button_set_value (spin (rows->baseline_row),
                                 rounds_plan_json_int (goal, "baseline", 0));
      gtk_spin_button_set_value (spin (rows->target_row), rounds_plan_json_int (goal, "target", 0));
      gtk_editable_set_text (GTK_EDITABLE (rows->deadline_row),
                             rounds_plan_json_string (goal, "deadline"));
      if (rows->label_row != NULL)
        gtk_editable_set_text (GTK_EDITABLE (rows->label_row),
                               rounds_plan_json_string (goal, "label"));
    }

}

static JsonObject *
rounds_plan_goals_dup_data (RoundsPlanStepView *view)
{
  RoundsPlanGoals *self = ROUNDS_PLAN_GOALS (view);
  const char * const *metrics = rounds_plan_metrics ();
  JsonObject *data = json_object_new ();
  JsonArray *goals = json_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (self->rows); i++)
    {
      GoalRows *rows = &self->rows[i];
      JsonObject *goal;
      guint metric;
      g_autofree char *deadline = NULL;

      if (!adw_expander_row_get_enable_expansion (rows->expander))
        continue;

      goal = json_object_new ();
      metric = gtk_drop_down_get_selected (rows->metric);
      deadline = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (rows->deadline_row))));
      json_object_set_string_member (goal, "kind", rows->kind);
      if (rows->label_row != NULL)
        json_object_set_string_member (goal, "label",
                                       gtk_editable_get_text (GTK_EDITABLE (rows->label_row)));
      json_object_set_string_member (goal, "metric",
                                     metric < g_strv_length ((GStrv)metrics) ? metrics[metric] : "");
      json_object_set_int_member (goal, "baseline",
                                  gtk_spin_button_get_value_as_int (spin (rows->baseline_row)));
      json_object_set_int_member (goal, "target",
                                  gtk_spin_button_get_value_as_int (spin (rows->target_row)));
      json_object_set_string_member (goal, "deadline", deadline);
      json_array_add_object_element (goals, goal);
    }

  json_object_set_array_member (data, "goals", goals);
  return data;
}

static GtkWidget *
rounds_plan_goals_find_field (RoundsPlanStepView *view,
                              const char         *field)
{
  RoundsPlanGoals *self = ROUNDS_PLAN_GOALS (view);
  g_auto(GStrv) parts = g_strsplit (field, ".", 3);
  guint wanted, seen = 0;

  if (g_strv_length (parts) < 3)
    return GTK_WIDGET (self->rows[0].expander);

  wanted = (guint)g_ascii_strtoull (parts[1], NULL, 10);
  for (guint i = 0; i < G_N_ELEMENTS (self->rows); i++)
    {
      GoalRows *rows = &self->rows[i];

      if (!adw_expander_row_get_enable_expansion (rows->expander) || seen++ != wanted)
        continue;
      ensure_rows (self, rows);

      if (g_str_equal (parts[2], "label"))
        return GTK_WIDGET (rows->label_row);
      if (g_str_equal (parts[2], "metric"))
        return GTK_WIDGET (rows->metric);
      if (g_str_equal (parts[2], "baseline"))
        return _rounds_plan_row_get_suffix (rows->baseline_row);
      if (g_str_equal (parts[2], "target"))
        return _rounds_plan_row_get_suffix (rows->target_row);
      if (g_str_equal (parts[2], "deadline"))
        return GTK_WIDGET (rows->deadline_row);
      return GTK_WIDGET (rows->expander);
    }

  return NULL;
}

static void
step_view_iface_init (RoundsPlanStepViewInterface *iface)
{
  iface->load = rounds_plan_goals_load;
  iface->dup_data = rounds_plan_goals_dup_data;
  iface->find_field = rounds_plan_goals_find_field;
}

static void
rounds_plan_goals_dispose (GObject *object)
{
  RoundsPlanGoals *self = ROUNDS_PLAN_GOALS (object);

  g_clear_object (&self->context);
  G_OBJECT_CLASS (rounds_plan_goals_parent_class)->dispose (object);
}

static void
rounds_plan_goals_class_init (RoundsPlanGoalsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rounds_plan_goals_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/rounds-plan-goals.ui");
  gtk_widget_class_bind_template_child (widget_class, RoundsPlanGoals, goals_group);
}

static void
rounds_plan_goals_init (RoundsPlanGoals *self)
{
  const char * const *kinds = rounds_plan_goal_kinds ();

  gtk_widget_init_template (GTK_WIDGET (self));
  /* As wide as a goal's rows ask once it is on (a drop-down of measures,
   * the spin buttons), whether or not they are made yet: turning a goal on
   * does not then fold the Plan's step list away, and a narrow window
   * folds it on this step as before the rows were made on demand. */
  gtk_widget_set_size_request (GTK_WIDGET (self), 340, -1);

  for (guint i = 0; i < G_N_ELEMENTS (self->rows) && kinds[i] != NULL; i++)
    build_goal (self, &self->rows[i], kinds[i]);
}
