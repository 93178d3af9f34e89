/* rounds-plan-strategy.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-plan-strategy"

#include "config.h"

#include <glib/gi18n.h>

#include "rounds-plan.h"
#include "rounds-plan-fill.h"
#include "rounds-plan-schedule.h"
#include "rounds-plan-strategy.h"
#include "rounds-toast.h"

/* Step 3: content strategy — the pillar mix (must total 100%), formats,
 * posts a week per network, the ideas library and Fill my calendar. */

#define N_PILLARS 6
#define N_FORMATS 4

struct _RoundsPlanStrategy
{
  AdwBin               parent_instance;

  AdwPreferencesGroup *mix_group;
  AdwPreferencesGroup *formats_group;
  AdwPreferencesGroup *cadence_group;
  AdwActionRow        *undo_row;
  GtkDropDown         *ideas_dropdown;
  GtkListBox          *ideas_list;

  RoundsContext       *context;
  GtkWidget           *mix_rows[N_PILLARS];
  AdwActionRow        *total_row;
  GtkLabel            *total_label;
  GtkWidget           *format_rows[N_FORMATS];
  GtkWidget           *cadence_rows[ROUNDS_N_NETWORKS];
};

static void step_view_iface_init (RoundsPlanStepViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RoundsPlanStrategy, rounds_plan_strategy, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (ROUNDS_TYPE_PLAN_STEP_VIEW,
                                                      step_view_iface_init))

static GtkSpinButton *
spin (GtkWidget *row)
{
  return GTK_SPIN_BUTTON (_rounds_plan_row_get_suffix (row));
}

static void
update_total (RoundsPlanStrategy *self)
{
  int total = 0;
  g_autofree char *text = NULL;

  for (guint i = 0; i < N_PILLARS; i++)
    total += gtk_spin_button_get_value_as_int (spin (self->mix_rows[i]));

  text = g_strdup_printf (_("%d%%"), total);
  gtk_label_set_text (self->total_label, text);
  if (total == 100)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->total_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->total_label), "success");
      adw_action_row_set_subtitle (self->total_row, _("Adds up to 100%"));
    }
  else
    {
      g_autofree char *hint = g_strdup_printf (total < 100 ? _("%d%% left to share")
                                                           : _("%d%% too much"),
                                               ABS (100 - total));
      gtk_widget_remove_css_class (GTK_WIDGET (self->total_label), "success");
      gtk_widget_add_css_class (GTK_WIDGET (self->total_label), "error");
      adw_action_row_set_subtitle (self->total_row, hint);
    }
}

static GDate
today (RoundsPlanStrategy *self)
{
  g_autoptr(GTimeZone) tz = rounds_context_dup_time_zone (self->context);

  return rounds_plan_today (tz, rounds_clock_get_now (rounds_context_get_clock (self->context)));
}

static void
update_ideas (RoundsPlanStrategy *self)
{
  const char * const *pillars = rounds_plan_pillars ();
  guint selected = gtk_drop_down_get_selected (self->ideas_dropdown);
  const char *specialty = NULL;
  g_autoptr(GPtrArray) ideas = NULL;
  GDate now;

  if (self->context == NULL || selected >= N_PILLARS)
    return;

  specialty = rounds_practice_get_specialty (
    rounds_store_get_practice (rounds_context_get_store (self->context)));
  now = today (self);

  _rounds_plan_clear_box (GTK_WIDGET (self->ideas_list));
  ideas = rounds_plan_list_ideas (pillars[selected], specialty, g_date_get_year (&now),
                                  g_date_get_month (&now));
  if (g_str_equal (pillars[selected], "seasonal"))
    {
      /* Next month too: posts are planned ahead. */
      GDate next = now;
      g_autoptr(GPtrArray) more = NULL;

      g_date_add_months (&next, 1);
      more = rounds_plan_list_ideas ("seasonal", specialty, g_date_get_year (&next),
                                     g_date_get_month (&next));
      for (guint i = 0; i < more->len; i++)
        if (!g_ptr_array_find_with_equal_func (ideas, g_ptr_array_index (more, i), g_str_equal,
                                               NULL))
          g_ptr_array_add (ideas, g_strdup (g_ptr_array_index (more, i)));
    }

  for (guint i = 0; i < ideas->len; i++)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), g_ptr_array_index (ideas, i));
      gtk_list_box_append (self->ideas_list, row);
    }
}

static void
update_undo (RoundsPlanStrategy *self)
{
  g_autofree char *last = NULL;

  if (self->context != NULL)
    last = rounds_plan_dup_last_fill (rounds_context_get_store (self->context));
  gtk_widget_set_visible (GTK_WIDGET (self->undo_row), last != NULL);
}

static void
undo_fill (RoundsPlanStrategy *self,
           const char         *batch)
{
  g_autoptr(GError) error = NULL;
  AdwToastOverlay *overlay = _rounds_plan_find_toast_overlay (GTK_WIDGET (self));
  g_autofree char *message = NULL;
  guint n_deleted = 0;

  if (!rounds_plan_undo_fill (rounds_context_get_store (self->context), batch, &n_deleted, &error))
    message = g_strdup (error->message);
  else
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Removed %u draft",
                                            "Removed %u drafts", n_deleted), n_deleted);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (overlay, rounds_toast_new_plain (message));
  update_undo (self);
}

/* The drafts a toast can take back: the connection owns it. */
typedef struct
{
  RoundsPlanStrategy *self;   /* weak */
  char               *batch;
} FillUndo;

static void
fill_undo_free (gpointer  data,
                GClosure *closure)
{
  FillUndo *undo = data;

  g_clear_weak_pointer (&undo->self);
  g_free (undo->batch);
  g_free (undo);
}

static void
on_toast_undo_cb (AdwToast *toast,
                  FillUndo *undo)
{
  if (undo->self != NULL)
    undo_fill (undo->self, undo->batch);
}

static void
on_undo_clicked_cb (RoundsPlanStrategy *self)
{
  g_autofree char *last = rounds_plan_dup_last_fill (rounds_context_get_store (self->context));

  if (last != NULL)
    undo_fill (self, last);
}

static void
on_fill_clicked_cb (RoundsPlanStrategy *self)
{
  g_autoptr(JsonObject) data = rounds_plan_step_view_dup_data (ROUNDS_PLAN_STEP_VIEW (self));
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *field = NULL;
  g_autofree char *batch = NULL;
  g_autofree char *message = NULL;
  AdwToastOverlay *overlay;
  RoundsStore *store;
  AdwToast *toast;
  guint n_created = 0;

  if (self->context == NULL)
    return;

  if (!rounds_plan_validate (ROUNDS_PLAN_STEP_STRATEGY, data, NULL, &field, &error))
    {
      rounds_plan_step_view_show_error (ROUNDS_PLAN_STEP_VIEW (self), field, error->message);
      return;
    }
  rounds_plan_step_view_clear_errors (ROUNDS_PLAN_STEP_VIEW (self));

  store = rounds_context_get_store (self->context);
  tz = rounds_context_dup_time_zone (self->context);
  batch = rounds_plan_fill_calendar (store, data,
                                     rounds_practice_get_specialty (rounds_store_get_practice (store)),
                                     tz, &n_created, &error);
  overlay = _rounds_plan_find_toast_overlay (GTK_WIDGET (self));

  if (batch == NULL)
    {
      g_warning ("Could not fill the calendar: %s", error->message);
      if (overlay != NULL)
        adw_toast_overlay_add_toast (overlay, rounds_toast_new_plain (error->message));
      return;
    }

  if (n_created == 0)
    message = g_strdup (_("Your calendar already follows this plan; nothing was added"));
  else
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Added %u draft for the next four weeks",
                                            "Added %u drafts for the next four weeks", n_created),
                               n_created);

  toast = adw_toast_new (message);
  if (n_created > 0)
    {
      FillUndo *undo = g_new0 (FillUndo, 1);

      adw_toast_set_button_label (toast, _("_Undo"));
      g_set_weak_pointer (&undo->self, self);
      undo->batch = g_strdup (batch);
      g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_toast_undo_cb), undo,
                             fill_undo_free, 0);
      adw_toast_set_timeout (toast, 10);
    }
  if (overlay != NULL)
    adw_toast_overlay_add_toast (overlay, toast);
  else
    g_object_unref (g_object_ref_sink (toast));

  update_undo (self);
  rounds_plan_step_view_emit_changed (ROUNDS_PLAN_STEP_VIEW (self));
}

static void
rounds_plan_strategy_load (RoundsPlanStepView *view,
                           JsonObject         *data,
                           RoundsContext      *context)
{
  RoundsPlanStrategy *self = ROUNDS_PLAN_STRATEGY (view);
  const char * const *pillars = rounds_plan_pillars ();
  const char * const *formats = rounds_plan_formats ();
  g_autoptr(JsonObject) defaults = NULL;
  JsonObject *mix, *cadence;
  JsonArray *chosen;

  g_set_object (&self->context, context);

  if (data == NULL)
    data = defaults = rounds_plan_default_strategy ();

  mix = rounds_plan_json_object (data, "mix");
  cadence = rounds_plan_json_object (data, "cadence");
  chosen = rounds_plan_json_array (data, "formats");

  for (guint i = 0; i < N_PILLARS; i++)
    gtk_spin_button_set_value (spin (self->mix_rows[i]), rounds_plan_json_int (mix, pillars[i], 0));
  for (guint i = 0; i < N_FORMATS; i++)
    {
      gboolean active = FALSE;

      for (guint j = 0; chosen != NULL && j < json_array_get_length (chosen); j++)
        if (g_strcmp0 (json_array_get_string_element (chosen, j), formats[i]) == 0)
          active = TRUE;
      gtk_check_button_set_active (GTK_CHECK_BUTTON (_rounds_plan_row_get_suffix (self->format_rows[i])),
                                   active);
    }
  for (guint i = 0; i < ROUNDS_N_NETWORKS; i++)
    gtk_spin_button_set_value (spin (self->cadence_rows[i]),
                               rounds_plan_json_int (cadence,
                                                     rounds_network_to_string (rounds_network_from_index (i)),
                                                     0));

  update_total (self);
  update_ideas (self);
  update_undo (self);
}

static JsonObject *
rounds_plan_strategy_dup_data (RoundsPlanStepView *view)
{
  RoundsPlanStrategy *self = ROUNDS_PLAN_STRATEGY (view);
  const char * const *pillars = rounds_plan_pillars ();
  const char * const *formats = rounds_plan_formats ();
  JsonObject *data = json_object_new ();
  JsonObject *mix = json_object_new ();
  JsonObject *cadence = json_object_new ();
  JsonArray *chosen = json_array_new ();

  for (guint i = 0; i < N_PILLARS; i++)
    json_object_set_int_member (mix, pillars[i],
                                gtk_spin_button_get_value_as_int (spin (self->mix_rows[i])));
  for (guint i = 0; i < N_FORMATS; i++)
    if (gtk_check_button_get_active (GTK_CHECK_BUTTON (_rounds_plan_row_get_suffix (self->format_rows[i]))))
      json_array_add_string_element (chosen, formats[i]);
  for (guint i = 0; i < ROUNDS_N_NETWORKS; i++)
    {
      int n = gtk_spin_button_get_value_as_int (spin (self->cadence_rows[i]));

      if (n > 0)
        json_object_set_int_member (cadence,
                                    rounds_network_to_string (rounds_network_from_index (i)), n);
    }

  json_object_set_object_member (data, "mix", mix);
  json_object_set_array_member (data, "formats", chosen);
  json_object_set_object_member (data, "cadence", cadence);
  return data;
}

static GtkWidget *
rounds_plan_strategy_find_field (RoundsPlanStepView *view,
                                 const char         *field)
{
  RoundsPlanStrategy *self = ROUNDS_PLAN_STRATEGY (view);
  const char * const *pillars = rounds_plan_pillars ();

  if (g_str_equal (field, "mix"))
    return GTK_WIDGET (self->total_row);
  if (g_str_equal (field, "formats"))
    return _rounds_plan_row_get_suffix (self->format_rows[0]);
  if (g_str_equal (field, "cadence"))
    return _rounds_plan_row_get_suffix (self->cadence_rows[0]);
  if (g_str_has_prefix (field, "mix."))
    for (guint i = 0; i < N_PILLARS; i++)
      if (g_str_equal (field + 4, pillars[i]))
        return _rounds_plan_row_get_suffix (self->mix_rows[i]);
  if (g_str_has_prefix (field, "cadence."))
    return _rounds_plan_row_get_suffix (
      self->cadence_rows[MAX (0, (int)g_bit_nth_lsf (rounds_network_from_string (field + 8), -1))]);
  return NULL;
}

static void
step_view_iface_init (RoundsPlanStepViewInterface *iface)
{
  iface->load = rounds_plan_strategy_load;
  iface->dup_data = rounds_plan_strategy_dup_data;
  iface->find_field = rounds_plan_strategy_find_field;
}

static void
rounds_plan_strategy_dispose (GObject *object)
{
  RoundsPlanStrategy *self = ROUNDS_PLAN_STRATEGY (object);

  g_clear_object (&self->context);
  G_OBJECT_CLASS (rounds_plan_strategy_parent_class)->dispose (object);
}

static void
rounds_plan_strategy_class_init (RoundsPlanStrategyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rounds_plan_strategy_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/rounds-plan-strategy.ui");
  gtk_widget_class_bind_template_child (widget_class, RoundsPlanStrategy, mix_group);
  gtk_widget_class_bind_template_child (widget_class, RoundsPlanStrategy, formats_group);
  gtk_widget_class_bind_template_child (widget_class, RoundsPlanStrategy, cadence_group);
  gtk_widget_class_bind_template_child (widget_class, RoundsPlanStrategy, undo_row);
  gtk_widget_class_bind_template_child (widget_class, RoundsPlanStrategy, ideas_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RoundsPlanStrategy, ideas_list);
  gtk_widget_class_bind_template_callback (widget_class, on_fill_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_undo_clicked_cb);
}

static void
rounds_plan_strategy_init (RoundsPlanStrategy *self)
{
  RoundsPlanStepView *view = ROUNDS_PLAN_STEP_VIEW (self);
  const char * const *pillars = rounds_plan_pillars ();
  const char * const *formats = rounds_plan_formats ();
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < N_PILLARS; i++)
    {
      g_autofree char *title = g_strdup_printf (_("%s (%%)"), rounds_plan_pillar_label (pillars[i]));

      self->mix_rows[i] = _rounds_plan_spin_row_new (view, title, NULL, 0, 100, 0);
      gtk_spin_button_set_increments (spin (self->mix_rows[i]), 5, 10);
      g_signal_connect_swapped (spin (self->mix_rows[i]), "value-changed",
                                G_CALLBACK (update_total), self);
      adw_preferences_group_add (self->mix_group, self->mix_rows[i]);
      gtk_string_list_append (labels, rounds_plan_pillar_label (pillars[i]));
    }

  self->total_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->total_row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->total_row), _("Total"));
  self->total_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->total_label), "heading");
  adw_action_row_add_suffix (self->total_row, GTK_WIDGET (self->total_label));
  adw_preferences_group_add (self->mix_group, GTK_WIDGET (self->total_row));

  for (guint i = 0; i < N_FORMATS; i++)
    {
      self->format_rows[i] = _rounds_plan_check_row_new (view, rounds_plan_format_label (formats[i]),
                                                         FALSE);
      adw_preferences_group_add (self->formats_group, self->format_rows[i]);
    }

  for (guint i = 0; i < ROUNDS_N_NETWORKS; i++)
    {
      self->cadence_rows[i] = _rounds_plan_spin_row_new (view,
                                                         rounds_network_get_label (rounds_network_from_index (i)),
                                                         NULL, 0, 14, 0);
      adw_preferences_group_add (self->cadence_group, self->cadence_rows[i]);
    }

  gtk_drop_down_set_model (self->ideas_dropdown, G_LIST_MODEL (labels));
  g_signal_connect_swapped (self->ideas_dropdown, "notify::selected",
                            G_CALLBACK (update_ideas), self);
  update_total (self);
}
