/* rounds-plan-checklist.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-plan-checklist"

#include "config.h"

#include <glib/gi18n.h>

#include "rounds-plan.h"
#include "rounds-plan-checklist.h"
#include "rounds-plan-schedule.h"
#include "rounds-store-plan.h"

/* The 30-day action plan: the rollout schedule as a checklist dated from
 * the start day, with progress, what needs attention (overdue, due this
 * week) and every item by day. The dates and states come from the core
 * (rounds-plan-schedule); this widget only shows them. */

struct _RoundsPlanChecklist
{
  AdwBin          parent_instance;

  AdwActionRow   *progress_row;
  GtkProgressBar *progress_bar;
  AdwEntryRow    *start_row;
  AdwPreferencesGroup *attention_group;
  GtkListBox     *attention_list;
  GtkListBox     *all_list;

  RoundsContext  *context;
  guint           refresh_id;
  guint           n_done;
  guint           n_tasks;
};

G_DEFINE_FINAL_TYPE (RoundsPlanChecklist, rounds_plan_checklist, ADW_TYPE_BIN)

static GDate
get_today (RoundsPlanChecklist *self)
{
  g_autoptr(GTimeZone) tz = rounds_context_dup_time_zone (self->context);

  return rounds_plan_today (tz, rounds_clock_get_now (rounds_context_get_clock (self->context)));
}

static GDate
get_start (RoundsPlanChecklist *self)
{
  g_autofree char *value = rounds_store_plan_dup_value (rounds_context_get_store (self->context),
                                                        "plan.start", NULL);
  GDate start;

  if (!rounds_plan_parse_date (value, &start))
    start = get_today (self);
  return start;
}

static void
queue_refresh (RoundsPlanChecklist *self);

/* What a task's check button stands for: the connection owns it. */
typedef struct
{
  RoundsPlanChecklist *self;  /* weak */
  char                *id;
} TaskCheck;

static void
task_check_free (gpointer  data,
                 GClosure *closure)
{
  TaskCheck *task_check = data;

  g_clear_weak_pointer (&task_check->self);
  g_free (task_check->id);
  g_free (task_check);
}

static void
on_check_toggled_cb (GtkCheckButton *check,
                     TaskCheck      *task_check)
{
  RoundsPlanChecklist *self = task_check->self;
  const char *id = task_check->id;
  g_autoptr(GError) error = NULL;

  if (self == NULL || self->context == NULL || !gtk_widget_get_sensitive (GTK_WIDGET (check)))
    return;

  if (!rounds_store_plan_set_task_done (rounds_context_get_store (self->context), id,
                                        gtk_check_button_get_active (check), &error))
    g_warning ("Could not save the checklist: %s", error->message);

  /* Rebuild after the toggle has finished with its button. */
  queue_refresh (self);
}

static GtkWidget *
task_row_new (RoundsPlanChecklist  *self,
              const RoundsPlanTask *task,
              const GDate          *start,
              RoundsPlanTaskState   state,
              gboolean              ticked,
              gboolean              by_section)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  TaskCheck *task_check;
  GDate due;
  char date[128];
  g_autofree char *subtitle = NULL;
  g_autofree char *days = NULL;
  const char *state_text = NULL;

  rounds_plan_task_get_due (task, start, &due);
  /* Translators: a date format for g_date_strftime(): weekday, day, month */
  g_date_strftime (date, sizeof date, _("%A %-d %B"), &due);

  if (task->first_day == task->last_day)
    days = g_strdup_printf (_("Day %d"), task->first_day);
  else
    days = g_strdup_printf (_("Days %d–%d"), task->first_day, task->last_day);

  switch (state)
    {
    case ROUNDS_PLAN_TASK_DONE:
      state_text = by_section ? _("Done: section finished") : _("Done");
      break;
    case ROUNDS_PLAN_TASK_OVERDUE:
      state_text = _("Overdue");
      break;
    case ROUNDS_PLAN_TASK_DUE_THIS_WEEK:
      state_text = _("Due this week");
      break;
    case ROUNDS_PLAN_TASK_UPCOMING:
    default:
      state_text = NULL;
      break;
    }

  if (state_text != NULL)
    subtitle = g_strdup_printf (_("%s · due %s · %s"), days, date, state_text);
  else
    subtitle = g_strdup_printf (_("%s · due %s"), days, date);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), rounds_plan_task_get_title (task));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), ticked || by_section);
  gtk_widget_set_sensitive (check, !by_section);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  task_check = g_new0 (TaskCheck, 1);
  g_set_weak_pointer (&task_check->self, self);
  task_check->id = g_strdup (task->id);
  g_signal_connect_data (check, "toggled", G_CALLBACK (on_check_toggled_cb), task_check,
                         task_check_free, 0);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  /* The row names the check box it activates (libadwaita labels it by
   * the title); one it cannot activate is named here. Both at once, GTK
   * 4.8 says the name twice. */
  if (!by_section)
    adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  else
    gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    rounds_plan_task_get_title (task), -1);

  if (state == ROUNDS_PLAN_TASK_OVERDUE)
    gtk_widget_add_css_class (row, "plan-overdue");

  return row;
}

/**
 * rounds_plan_checklist_refresh:
 *
 * Reads the checklist again: ticks, finished sections and the date.
 */
void
rounds_plan_checklist_refresh (RoundsPlanChecklist *self)
{
  RoundsStore *store;
  g_autoptr(GHashTable) ticked = NULL;
  gboolean section_done[ROUNDS_PLAN_N_STEPS] = { FALSE };
  JsonObject *section_data[ROUNDS_PLAN_N_STEPS] = { NULL };
  const RoundsPlanTask *tasks;
  GDate start, today;
  guint n_tasks = 0, n_done = 0, n_attention = 0;
  g_autofree char *start_text = NULL;
  g_autofree char *progress = NULL;

  g_return_if_fail (ROUNDS_IS_PLAN_CHECKLIST (self));

  g_clear_handle_id (&self->refresh_id, g_source_remove);

  {
    GtkWidget *child;

    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->attention_list))) != NULL)
      gtk_list_box_remove (self->attention_list, child);
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->all_list))) != NULL)
      gtk_list_box_remove (self->all_list, child);
  }

  if (self->context == NULL)
    return;

  store = rounds_context_get_store (self->context);
  ticked = rounds_store_plan_dup_done_tasks (store, NULL);
  for (guint s = 0; s < ROUNDS_PLAN_N_STEPS; s++)
    {
      gint64 completed_at = 0;

      section_data[s] = rounds_store_plan_load_section (store, rounds_plan_step_to_string (s),
                                                        &completed_at, NULL);
      section_done[s] = completed_at > 0;
    }

  start = get_start (self);
  today = get_today (self);
  start_text = rounds_plan_format_date (&start);
  if (!gtk_widget_has_focus (GTK_WIDGET (self->start_row)) &&
      gtk_widget_get_focus_child (GTK_WIDGET (self->start_row)) == NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->start_row), start_text);

  tasks = rounds_plan_tasks (&n_tasks);
  for (guint i = 0; i < n_tasks; i++)
    {
      gboolean by_hand = ticked != NULL && g_hash_table_contains (ticked, tasks[i].id);
      gboolean by_section = rounds_plan_task_is_done (&tasks[i], section_data[tasks[i].step],
                                                      section_done[tasks[i].step], FALSE);
      RoundsPlanTaskState state = rounds_plan_task_get_state (&tasks[i], &start, &today,
                                                              by_hand || by_section);

      if (state == ROUNDS_PLAN_TASK_DONE)
        n_done++;
      if (state == ROUNDS_PLAN_TASK_OVERDUE || state == ROUNDS_PLAN_TASK_DUE_THIS_WEEK)
        {
          gtk_list_box_append (self->attention_list,
                               task_row_new (self, &tasks[i], &start, state, by_hand, by_section));
          n_attention++;
        }
      gtk_list_box_append (self->all_list,
                           task_row_new (self, &tasks[i], &start, state, by_hand, by_section));
    }

  gtk_widget_set_visible (GTK_WIDGET (self->attention_group), n_attention > 0);
  for (guint s = 0; s < ROUNDS_PLAN_N_STEPS; s++)
    g_clear_pointer (&section_data[s], json_object_unref);

  self->n_done = n_done;
  self->n_tasks = n_tasks;
  progress = g_strdup_printf (_("%u of %u done"), n_done, n_tasks);
  adw_action_row_set_subtitle (self->progress_row, progress);
  gtk_progress_bar_set_fraction (self->progress_bar, n_tasks > 0 ? (double)n_done / n_tasks : 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress_bar),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, progress, -1);
}

static gboolean
refresh_idle_cb (gpointer data)
{
  RoundsPlanChecklist *self = data;

  self->refresh_id = 0;
  rounds_plan_checklist_refresh (self);
  return G_SOURCE_REMOVE;
}

static void
queue_refresh (RoundsPlanChecklist *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add (refresh_idle_cb, self);
}

static void
on_start_apply_cb (RoundsPlanChecklist *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->start_row));
  g_autoptr(GError) error = NULL;
  g_autofree char *normalized = NULL;
  GDate start;

  if (self->context == NULL)
    return;

  if (!rounds_plan_parse_date (text, &start))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->start_row), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->start_row),
                                   _("Write the day as year-month-day, for example 2026-03-02"));
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (self->start_row), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->start_row), NULL);
  normalized = rounds_plan_format_date (&start);
  if (!rounds_store_plan_set_value (rounds_context_get_store (self->context), "plan.start",
                                    normalized, &error))
    g_warning ("Could not save the start day: %s", error->message);

  if (g_strcmp0 (text, normalized) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->start_row), normalized);
  rounds_plan_checklist_refresh (self);
}

static void
rounds_plan_checklist_dispose (GObject *object)
{
  RoundsPlanChecklist *self = ROUNDS_PLAN_CHECKLIST (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (rounds_plan_checklist_parent_class)->dispose (object);
}

static void
rounds_plan_checklist_class_init (RoundsPlanChecklistClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rounds_plan_checklist_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/rounds-plan-checklist.ui");
  gtk_widget_class_bind_template_child (widget_class, RoundsPlanChecklist, progress_row);
  gtk_widget_class_bind_template_child (widget_class, RoundsPlanChecklist, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, RoundsPlanChecklist, start_row);
  gtk_widget_class_bind_template_child (widget_class, RoundsPlanChecklist, attention_group);
  gtk_widget_class_bind_template_child (widget_class, RoundsPlanChecklist, attention_list);
  gtk_widget_class_bind_template_child (widget_class, RoundsPlanChecklist, all_list);
  gtk_widget_class_bind_template_callback (widget_class, on_start_apply_cb);
}

static void
rounds_plan_checklist_init (RoundsPlanChecklist *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
rounds_plan_checklist_set_context (RoundsPlanChecklist *self,
                                   RoundsContext       *context)
{
  g_return_if_fail (ROUNDS_IS_PLAN_CHECKLIST (self));

  g_set_object (&self->context, context);
  rounds_plan_checklist_refresh (self);
}

/**
 * rounds_plan_checklist_count_done:
 *
 * Returns: how many items are done, as last shown.
 */
guint
rounds_plan_checklist_count_done (RoundsPlanChecklist *self,
                                  guint               *n_tasks)
{
  g_return_val_if_fail (ROUNDS_IS_PLAN_CHECKLIST (self), 0);

  if (n_tasks != NULL)
    *n_tasks = self->n_tasks;
  return self->n_done;
}
