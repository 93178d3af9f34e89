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

/* What rounds_plan_step_view_show_error() adds is marked by a style
 * class, so that clearing it finds it in the widget tree. */
#define ERROR_MESSAGE_CLASS "plan-field-error"
#define ERROR_FIELD_CLASS   "plan-field-invalid"

/* The step being filled by rounds_plan_step_view_load() (or another
 * change made by the program, _rounds_plan_hold_changes()): its edits are
 * not the user's, so they emit no ::changed. Loading runs on the main
 * thread and does not nest across steps. */
static RoundsPlanStepView *holding;

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
  RoundsPlanStepView *previous;

  g_return_if_fail (ROUNDS_IS_PLAN_STEP_VIEW (self));

  rounds_plan_step_view_clear_errors (self);
  previous = _rounds_plan_hold_changes (self);
  ROUNDS_PLAN_STEP_VIEW_GET_IFACE (self)->load (self, data, context);
  _rounds_plan_release_changes (previous);
}

/**
 * _rounds_plan_hold_changes:
 *
 * Until _rounds_plan_release_changes(), edits of @self's fields are the
 * program's: no ::changed.
 *
 * Returns: what to pass to _rounds_plan_release_changes().
 */
RoundsPlanStepView *
_rounds_plan_hold_changes (RoundsPlanStepView *self)
{
  RoundsPlanStepView *previous = holding;

  holding = self;
  return previous;
}

void
_rounds_plan_release_changes (RoundsPlanStepView *previous)
{
  holding = previous;
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
  if (self != holding)
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
  else if (GTK_IS_SWITCH (widget))
    g_signal_connect_object (widget, "notify::active", G_CALLBACK (on_watched_changed_cb), self,
                             G_CONNECT_SWAPPED);
  else if (ADW_IS_EXPANDER_ROW (widget))
    g_signal_connect_object (widget, "notify::enable-expansion",
                             G_CALLBACK (on_watched_changed_cb), self, G_CONNECT_SWAPPED);
  else if (GTK_IS_TEXT_VIEW (widget))
    g_signal_connect_object (gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget)), "changed",
                             G_CALLBACK (on_watched_changed_cb), self, G_CONNECT_SWAPPED);
}

static GtkWidget *
find_switch (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = GTK_IS_SWITCH (child) ? child : find_switch (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/**
 * _rounds_plan_enable_switch_row:
 * @title: what the row turns on ("Facebook", "Awareness")
 *
 * Shows @expander's on/off switch and names it. libadwaita 1.2 makes the
 * switch itself and offers no getter, and leaves it unnamed: a screen
 * reader then says only "switch", eleven times in the Plan. It is the
 * first switch in the row (the header comes before the rows added to
 * it), found by walking the row's children.
 */
void
_rounds_plan_enable_switch_row (AdwExpanderRow *expander,
                                const char     *title)
{
  GtkWidget *toggle;
  g_autofree char *name = NULL;

  adw_expander_row_set_show_enable_switch (expander, TRUE);
  toggle = find_switch (GTK_WIDGET (expander));
  if (toggle == NULL)
    return;
  /* TRANSLATORS: an on/off switch's accessible name: "Use Facebook" */
  name = g_strdup_printf (_("Use %s"), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  name, -1);
  gtk_widget_set_tooltip_text (toggle, name);
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
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
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
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  if (self != NULL)
    _rounds_plan_watch (self, check);
  return row;
}

/* The spin button or check button of a row made above: the widget the
 * row activates. */
GtkWidget *
_rounds_plan_row_get_suffix (GtkWidget *row)
{
  return adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row));
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
  g_autoptr(GPtrArray) messages = g_ptr_array_new ();
  g_autoptr(GPtrArray) fields = g_ptr_array_new ();
  GtkWidget *widget;

  g_return_if_fail (ROUNDS_IS_PLAN_STEP_VIEW (self));

  /* Collect first, change after: removing while walking would lose the
   * place. An error row is the list box row around a message. */
  for (widget = gtk_widget_get_first_child (GTK_WIDGET (self)); widget != NULL;)
    {
      GtkWidget *next;

      if (gtk_widget_has_css_class (widget, ERROR_MESSAGE_CLASS))
        g_ptr_array_add (messages, GTK_IS_LIST_BOX_ROW (gtk_widget_get_parent (widget))
                                     ? gtk_widget_get_parent (widget) : widget);
      if (gtk_widget_has_css_class (widget, ERROR_FIELD_CLASS))
        g_ptr_array_add (fields, widget);

      /* Depth first, in tree order. */
      next = gtk_widget_get_first_child (widget);
      while (next == NULL && widget != GTK_WIDGET (self))
        {
          next = gtk_widget_get_next_sibling (widget);
          if (next == NULL)
            widget = gtk_widget_get_parent (widget);
        }
      widget = next;
    }

  /* A message about the step as a whole sits right after it. */
  if (gtk_widget_has_css_class (GTK_WIDGET (self), ERROR_FIELD_CLASS))
    {
      GtkWidget *after = gtk_widget_get_next_sibling (GTK_WIDGET (self));

      g_ptr_array_add (fields, self);
      if (after != NULL && gtk_widget_has_css_class (after, ERROR_MESSAGE_CLASS))
        g_ptr_array_add (messages, after);
    }

  for (guint i = 0; i < messages->len; i++)
    {
      GtkWidget *message = g_ptr_array_index (messages, i);
      GtkWidget *parent = gtk_widget_get_parent (message);

      if (GTK_IS_LIST_BOX (parent))
        gtk_list_box_remove (GTK_LIST_BOX (parent), message);
      else if (GTK_IS_BOX (parent))
        gtk_box_remove (GTK_BOX (parent), message);
    }
  for (guint i = 0; i < fields->len; i++)
    {
      gtk_widget_remove_css_class (g_ptr_array_index (fields, i), "error");
      gtk_widget_remove_css_class (g_ptr_array_index (fields, i), ERROR_FIELD_CLASS);
    }
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
  gtk_widget_add_css_class (label, ERROR_MESSAGE_CLASS);

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
    }
  else
    {
      GtkWidget *parent = gtk_widget_get_parent (widget);

      if (GTK_IS_BOX (parent))
        gtk_box_insert_child_after (GTK_BOX (parent), label, widget);
      else
        g_object_ref_sink (label), g_object_unref (label);
    }

  gtk_widget_add_css_class (widget, "error");
  gtk_widget_add_css_class (widget, ERROR_FIELD_CLASS);
  gtk_widget_grab_focus (widget);
}
