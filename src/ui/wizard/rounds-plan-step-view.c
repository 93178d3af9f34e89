/* rounds-plan-step-view.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-plan-step"

#include "config.h"

#include <glib/gi18n.h>

#include "rounds-plan-step-view.h"

G_DEFINE_INTERFACE (RoundsPlanStepView, rounds_plan_step_view, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  NEXT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define ERROR_ROWS_KEY    "rounds-plan-error-rows"
#define ERROR_FIELDS_KEY  "rounds-plan-error-fields"
#define SUFFIX_KEY        "rounds-plan-suffix"

static void
rounds_plan_step_view_default_init (RoundsPlanStepViewInterface *iface)
{
  /**
   * RoundsPlanStepView::changed:
   *
   * An answer was edited.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_INTERFACE (iface), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * RoundsPlanStepView::next:
   *
   * Enter was pressed in an entry: the user wants to go on.
   */
  signals[NEXT] = g_signal_new ("next", G_TYPE_FROM_INTERFACE (iface), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

void
rounds_plan_step_view_load (RoundsPlanStepView *self,
                            JsonObject         *data,
                            RoundsContext      *context)
{
  g_return_if_fail (ROUNDS_IS_PLAN_STEP_VIEW (self));

  rounds_plan_step_view_clear_errors (self);
  ROUNDS_PLAN_STEP_VIEW_GET_IFACE (self)->load (self, data, context);
}

/**
 * rounds_plan_step_view_dup_data:
 *
 * Returns: (transfer full): the answers as they are on screen.
 */
JsonObject *
rounds_plan_step_view_dup_data (RoundsPlanStepView *self)
{
  g_return_val_if_fail (ROUNDS_IS_PLAN_STEP_VIEW (self), NULL);

  return ROUNDS_PLAN_STEP_VIEW_GET_IFACE (self)->dup_data (self);
}

void
rounds_plan_step_view_emit_changed (RoundsPlanStepView *self)
{
  g_return_if_fail (ROUNDS_IS_PLAN_STEP_VIEW (self));

  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_watched_changed_cb (RoundsPlanStepView *self)
{
  if (g_object_get_data (G_OBJECT (self), "rounds-plan-loading") == NULL)
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_entry_activated_cb (RoundsPlanStepView *self)
{
  g_signal_emit (self, signals[NEXT], 0);
}

/**
 * _rounds_plan_watch:
 *
 * Emits ::changed when @widget is edited, and ::next when Enter is
 * pressed in it (entry rows).
 */
void
_rounds_plan_watch (RoundsPlanStepView *self,
                    GtkWidget          *widget)
{
  if (ADW_IS_ENTRY_ROW (widget))
    g_signal_connect_object (widget, "entry-activated", G_CALLBACK (on_entry_activated_cb), self,
                             G_CONNECT_SWAPPED);

  if (GTK_IS_EDITABLE (widget) && !GTK_IS_SPIN_BUTTON (widget))
    g_signal_connect_object (widget, "changed", G_CALLBACK (on_watched_changed_cb), self,
                             G_CONNECT_SWAPPED);
  else if (GTK_IS_SPIN_BUTTON (widget))
    g_signal_connect_object (widget, "value-changed", G_CALLBACK (on_watched_changed_cb), self,
                             G_CONNECT_SWAPPED);
  else if (GTK_IS_CHECK_BUTTON (widget) || GTK_IS_TOGGLE_BUTTON (widget))
    g_signal_connect_object (widget, "toggled", G_CALLBACK (on_watched_changed_cb), self,
                             G_CONNECT_SWAPPED);
  else if (GTK_IS_DROP_DOWN (widget))
    g_signal_connect_object (widget, "notify::selected", G_CALLBACK (on_watched_changed_cb), self,
                             G_CONNECT_SWAPPED);
  else if (ADW_IS_EXPANDER_ROW (widget))
    g_signal_connect_object (widget, "notify::enable-expansion",
                             G_CALLBACK (on_watched_changed_cb), self, G_CONNECT_SWAPPED);
  else if (GTK_IS_TEXT_VIEW (widget))
    g_signal_connect_object (gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget)), "changed",
                             G_CALLBACK (on_watched_changed_cb), self, G_CONNECT_SWAPPED);
}

GtkWidget *
_rounds_plan_entry_row_new (RoundsPlanStepView *self,
                            const char         *title,
                            const char         *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  _rounds_plan_watch (self, row);
  return row;
}

GtkWidget *
_rounds_plan_spin_row_new (RoundsPlanStepView *self,
                           const char         *title,
                           const char         *subtitle,
                           double              min,
                           double              max,
                           double              value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (min, max, 1);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  g_object_set_data (G_OBJECT (row), SUFFIX_KEY, spin);
  _rounds_plan_watch (self, spin);
  return row;
}

GtkWidget *
_rounds_plan_check_row_new (RoundsPlanStepView *self,
                            const char         *title,
                            gboolean            active)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), active);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  g_object_set_data (G_OBJECT (row), SUFFIX_KEY, check);
  if (self != NULL)
    _rounds_plan_watch (self, check);
  return row;
}

/* The spin button or check button of a row made above. */
GtkWidget *
_rounds_plan_row_get_suffix (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), SUFFIX_KEY);
}

void
_rounds_plan_clear_box (GtkWidget *container)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (container)) != NULL)
    {
      if (GTK_IS_BOX (container))
        gtk_box_remove (GTK_BOX (container), child);
      else if (GTK_IS_LIST_BOX (container))
        gtk_list_box_remove (GTK_LIST_BOX (container), child);
      else
        gtk_widget_unparent (child);
    }
}

AdwToastOverlay *
_rounds_plan_find_toast_overlay (GtkWidget *widget)
{
  return (AdwToastOverlay *)gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
}

/**
 * rounds_plan_step_view_clear_errors:
 *
 * Removes every message shown by rounds_plan_step_view_show_error().
 */
void
rounds_plan_step_view_clear_errors (RoundsPlanStepView *self)
{
  GPtrArray *rows;
  GPtrArray *fields;

  g_return_if_fail (ROUNDS_IS_PLAN_STEP_VIEW (self));

  rows = g_object_get_data (G_OBJECT (self), ERROR_ROWS_KEY);
  fields = g_object_get_data (G_OBJECT (self), ERROR_FIELDS_KEY);

  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);
      GtkWidget *parent = gtk_widget_get_parent (row);

      if (GTK_IS_LIST_BOX (parent))
        gtk_list_box_remove (GTK_LIST_BOX (parent), row);
      else if (GTK_IS_BOX (parent))
        gtk_box_remove (GTK_BOX (parent), row);
    }
  for (guint i = 0; fields != NULL && i < fields->len; i++)
    gtk_widget_remove_css_class (g_ptr_array_index (fields, i), "error");

  if (rows != NULL)
    g_ptr_array_set_size (rows, 0);
  if (fields != NULL)
    g_ptr_array_set_size (fields, 0);
}

static GPtrArray *
get_array (RoundsPlanStepView *self,
           const char         *key)
{
  GPtrArray *array = g_object_get_data (G_OBJECT (self), key);

  if (array == NULL)
    {
      array = g_ptr_array_new_with_free_func (g_object_unref);
      g_object_set_data_full (G_OBJECT (self), key, array, (GDestroyNotify)g_ptr_array_unref);
    }
  return array;
}

/**
 * rounds_plan_step_view_show_error:
 * @field: the field path the core named (see rounds_plan_validate())
 *
 * Shows @message right below the field's row, marks the field and moves
 * the keyboard focus there (opening its expander row if it is inside
 * one). A screen reader announces the message (role alert).
 */
void
rounds_plan_step_view_show_error (RoundsPlanStepView *self,
                                  const char         *field,
                                  const char         *message)
{
  GtkWidget *widget = NULL;
  GtkWidget *row;
  GtkWidget *label;
  GtkWidget *expander;

  g_return_if_fail (ROUNDS_IS_PLAN_STEP_VIEW (self));

  rounds_plan_step_view_clear_errors (self);

  if (field != NULL)
    widget = ROUNDS_PLAN_STEP_VIEW_GET_IFACE (self)->find_field (self, field);
  if (widget == NULL)
    widget = GTK_WIDGET (self);

  for (expander = gtk_widget_get_ancestor (widget, ADW_TYPE_EXPANDER_ROW);
       expander != NULL;
       expander = gtk_widget_get_ancestor (gtk_widget_get_parent (expander),
                                           ADW_TYPE_EXPANDER_ROW))
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);

  label = g_object_new (GTK_TYPE_LABEL, "label", message, "accessible-role",
                        GTK_ACCESSIBLE_ROLE_ALERT, NULL);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "error");
  gtk_widget_add_css_class (label, "plan-field-error");

  row = GTK_IS_LIST_BOX_ROW (widget) ? widget
                                     : gtk_widget_get_ancestor (widget, GTK_TYPE_LIST_BOX_ROW);
  if (row != NULL && GTK_IS_LIST_BOX (gtk_widget_get_parent (row)))
    {
      GtkWidget *error_row = gtk_list_box_row_new ();

      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (error_row), FALSE);
      gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (error_row), FALSE);
      gtk_widget_set_margin_start (label, 12);
      gtk_widget_set_margin_end (label, 12);
      gtk_widget_set_margin_top (label, 6);
      gtk_widget_set_margin_bottom (label, 6);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (error_row), label);
      gtk_list_box_insert (GTK_LIST_BOX (gtk_widget_get_parent (row)), error_row,
                           gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)) + 1);
      g_ptr_array_add (get_array (self, ERROR_ROWS_KEY), g_object_ref (error_row));
    }
  else
    {
      GtkWidget *parent = gtk_widget_get_parent (widget);

      if (GTK_IS_BOX (parent))
        {
          gtk_box_insert_child_after (GTK_BOX (parent), label, widget);
          g_ptr_array_add (get_array (self, ERROR_ROWS_KEY), g_object_ref (label));
        }
      else
        g_object_ref_sink (label), g_object_unref (label);
    }

  gtk_widget_add_css_class (widget, "error");
  g_ptr_array_add (get_array (self, ERROR_FIELDS_KEY), g_object_ref (widget));
  gtk_widget_grab_focus (widget);
}
