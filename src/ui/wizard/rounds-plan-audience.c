/* rounds-plan-audience.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-plan-audience"

#include "config.h"

#include <glib/gi18n.h>

#include "rounds-plan.h"
#include "rounds-plan-audience.h"
#include "rounds-plan-step-view.h"
#include "rounds-toast.h"

/* Step 2: the audience, as one or more personas. */

typedef struct
{
  AdwExpanderRow *expander;
  AdwEntryRow    *name_row;
  GtkWidget      *age_min_row;
  GtkWidget      *age_max_row;
  AdwEntryRow    *area_row;
  AdwEntryRow    *needs_row;
  GtkWidget      *network_rows[ROUNDS_N_NETWORKS];
  AdwEntryRow    *language_row;
} PersonaRows;

struct _RoundsPlanAudience
{
  AdwBin               parent_instance;

  AdwPreferencesGroup *personas_group;

  RoundsContext       *context;
  GPtrArray           *personas;   /* PersonaRows */
};

static void step_view_iface_init (RoundsPlanStepViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RoundsPlanAudience, rounds_plan_audience, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (ROUNDS_TYPE_PLAN_STEP_VIEW,
                                                      step_view_iface_init))

static GtkSpinButton *
spin (GtkWidget *row)
{
  return GTK_SPIN_BUTTON (_rounds_plan_row_get_suffix (row));
}

static void
update_title (PersonaRows *rows)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (rows->name_row));
  g_autofree char *subtitle = g_strdup_printf (_("Ages %d to %d"),
                                               gtk_spin_button_get_value_as_int (spin (rows->age_min_row)),
                                               gtk_spin_button_get_value_as_int (spin (rows->age_max_row)));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (rows->expander), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (rows->expander),
                                 name[0] != '\0' ? name : _("New group"));
  adw_expander_row_set_subtitle (rows->expander, subtitle);
}

static void rounds_plan_audience_load (RoundsPlanStepView *view,
                                       JsonObject         *data,
                                       RoundsContext      *context);
static JsonObject *rounds_plan_audience_dup_data (RoundsPlanStepView *view);

/* A removed group, kept for its toast's Undo. */
typedef struct
{
  GWeakRef    self;
  JsonObject *persona;
  guint       index;
} Removed;

static void
removed_free (gpointer data,
              GClosure *closure)
{
  Removed *removed = data;

  g_weak_ref_clear (&removed->self);
  json_object_unref (removed->persona);
  g_free (removed);
}

/* Puts the group back where it was, with whatever was changed since. */
static void
on_undo_remove_cb (AdwToast *toast,
                   Removed  *removed)
{
  g_autoptr(RoundsPlanAudience) self = g_weak_ref_get (&removed->self);
  g_autoptr(JsonObject) data = NULL;
  JsonArray *personas;
  JsonArray *restored;

  if (self == NULL)
    return;
  data = rounds_plan_audience_dup_data (ROUNDS_PLAN_STEP_VIEW (self));
  personas = rounds_plan_json_array (data, "personas");
  restored = json_array_new ();
  for (guint i = 0; i <= json_array_get_length (personas); i++)
    {
      if (i == MIN (removed->index, json_array_get_length (personas)))
        json_array_add_object_element (restored, json_object_ref (removed->persona));
      if (i < json_array_get_length (personas))
        json_array_add_element (restored, json_node_copy (json_array_get_element (personas, i)));
    }
  json_object_set_array_member (data, "personas", restored);
  rounds_plan_audience_load (ROUNDS_PLAN_STEP_VIEW (self), data, self->context);
  rounds_plan_step_view_emit_changed (ROUNDS_PLAN_STEP_VIEW (self));
}

static void
on_remove_clicked_cb (GtkButton          *button,
                      RoundsPlanAudience *self)
{
  GtkWidget *expander = gtk_widget_get_ancestor (GTK_WIDGET (button), ADW_TYPE_EXPANDER_ROW);
  PersonaRows *rows = NULL;

  /* The group is the one whose expander row holds the button. */
  for (guint i = 0; i < self->personas->len && rows == NULL; i++)
    if (GTK_WIDGET (((PersonaRows *)g_ptr_array_index (self->personas, i))->expander) == expander)
      rows = g_ptr_array_index (self->personas, i);
  g_return_if_fail (rows != NULL);

  {
    g_autoptr(JsonObject) data = rounds_plan_audience_dup_data (ROUNDS_PLAN_STEP_VIEW (self));
    AdwToastOverlay *overlay = _rounds_plan_find_toast_overlay (GTK_WIDGET (self));
    Removed *removed = g_new0 (Removed, 1);
    g_autofree char *title = NULL;
    AdwToast *toast;
    guint index = 0;

    g_ptr_array_find (self->personas, rows, &index);
    g_weak_ref_init (&removed->self, self);
    removed->index = index;
    removed->persona = json_object_ref (json_array_get_object_element (
                                          rounds_plan_json_array (data, "personas"), index));

    adw_preferences_group_remove (self->personas_group, GTK_WIDGET (rows->expander));
    g_ptr_array_remove (self->personas, rows);
    rounds_plan_step_view_emit_changed (ROUNDS_PLAN_STEP_VIEW (self));

    /* TRANSLATORS: a toast after removing an audience group: "Removed “New parents”" */
    title = g_strdup_printf (_("Removed “%s”"),
                             rounds_plan_json_string (removed->persona, "name")[0] != '\0'
                             ? rounds_plan_json_string (removed->persona, "name")
                             : _("New group"));
    toast = rounds_toast_new_plain (title);
    adw_toast_set_button_label (toast, _("_Undo"));
    g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_remove_cb), removed,
                           removed_free, 0);
    if (overlay != NULL)
      adw_toast_overlay_add_toast (overlay, toast);
    else
      g_object_unref (toast);
  }
}

static PersonaRows *
add_persona (RoundsPlanAudience *self,
             JsonObject         *persona)
{
  RoundsPlanStepView *view = ROUNDS_PLAN_STEP_VIEW (self);
  PersonaRows *rows = g_new0 (PersonaRows, 1);
  JsonArray *networks = rounds_plan_json_array (persona, "networks");
  GtkWidget *remove;

  rows->expander = ADW_EXPANDER_ROW (adw_expander_row_new ());

  rows->name_row = ADW_ENTRY_ROW (_rounds_plan_entry_row_new (view, _("Name of the group"),
                                                              rounds_plan_json_string (persona, "name")));
  adw_expander_row_add_row (rows->expander, GTK_WIDGET (rows->name_row));
  rows->age_min_row = _rounds_plan_spin_row_new (view, _("Youngest age"), NULL, 0, 120,
                                                 rounds_plan_json_int (persona, "age_min", 25));
  adw_expander_row_add_row (rows->expander, rows->age_min_row);
  rows->age_max_row = _rounds_plan_spin_row_new (view, _("Oldest age"), NULL, 0, 120,
                                                 rounds_plan_json_int (persona, "age_max", 65));
  adw_expander_row_add_row (rows->expander, rows->age_max_row);
  rows->area_row = ADW_ENTRY_ROW (_rounds_plan_entry_row_new (view, _("Area (town, neighbourhood)"),
                                                              rounds_plan_json_string (persona, "area")));
  adw_expander_row_add_row (rows->expander, GTK_WIDGET (rows->area_row));
  rows->needs_row = ADW_ENTRY_ROW (_rounds_plan_entry_row_new (view, _("Needs and interests"),
                                                               rounds_plan_json_string (persona, "needs")));
  adw_expander_row_add_row (rows->expander, GTK_WIDGET (rows->needs_row));

  for (guint i = 0; i < ROUNDS_N_NETWORKS; i++)
    {
      RoundsNetwork network = rounds_network_from_index (i);
      gboolean active = FALSE;
      g_autofree char *title = g_strdup_printf (_("Uses %s"), rounds_network_get_label (network));

      for (guint j = 0; networks != NULL && j < json_array_get_length (networks); j++)
        if (g_strcmp0 (json_array_get_string_element (networks, j),
                       rounds_network_to_string (network)) == 0)
          active = TRUE;

      rows->network_rows[i] = _rounds_plan_check_row_new (view, title, active);
      adw_expander_row_add_row (rows->expander, rows->network_rows[i]);
    }

  rows->language_row = ADW_ENTRY_ROW (_rounds_plan_entry_row_new (view, _("Language"),
                                                                  rounds_plan_json_string (persona, "language")));
  adw_expander_row_add_row (rows->expander, GTK_WIDGET (rows->language_row));

  remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove This Group"));
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_clicked_cb), self);
  adw_expander_row_add_action (rows->expander, remove);

  g_signal_connect_swapped (rows->name_row, "changed", G_CALLBACK (update_title), rows);
  g_signal_connect_swapped (spin (rows->age_min_row), "value-changed", G_CALLBACK (update_title), rows);
  g_signal_connect_swapped (spin (rows->age_max_row), "value-changed", G_CALLBACK (update_title), rows);
  update_title (rows);

  adw_preferences_group_add (self->personas_group, GTK_WIDGET (rows->expander));
  g_ptr_array_add (self->personas, rows);
  return rows;
}

static void
clear_personas (RoundsPlanAudience *self)
{
  for (guint i = 0; i < self->personas->len; i++)
    {
      PersonaRows *rows = g_ptr_array_index (self->personas, i);

      adw_preferences_group_remove (self->personas_group, GTK_WIDGET (rows->expander));
    }
  g_ptr_array_set_size (self->personas, 0);
}

static void
on_add_clicked_cb (RoundsPlanAudience *self)
{
  PersonaRows *rows = add_persona (self, NULL);

  adw_expander_row_set_expanded (rows->expander, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (rows->name_row));
  rounds_plan_step_view_emit_changed (ROUNDS_PLAN_STEP_VIEW (self));
}

static void
on_suggest_clicked_cb (RoundsPlanAudience *self)
{
  const char *specialty = NULL;
  g_autoptr(JsonArray) suggested = NULL;
  g_autoptr(JsonObject) data = NULL;

  if (self->context != NULL)
    specialty = rounds_practice_get_specialty (
      rounds_store_get_practice (rounds_context_get_store (self->context)));

  data = rounds_plan_step_view_dup_data (ROUNDS_PLAN_STEP_VIEW (self));
  suggested = rounds_plan_suggest_missing_personas (specialty,
                                                    rounds_plan_json_array (data, "personas"));
  if (json_array_get_length (suggested) == 0)
    {
      AdwToastOverlay *overlay = _rounds_plan_find_toast_overlay (GTK_WIDGET (self));

      if (overlay != NULL)
        adw_toast_overlay_add_toast (overlay, rounds_toast_new_plain (
                                       _("Every suggested group is already in your audience")));
      return;
    }
  for (guint i = 0; i < json_array_get_length (suggested); i++)
    add_persona (self, json_array_get_object_element (suggested, i));
  rounds_plan_step_view_emit_changed (ROUNDS_PLAN_STEP_VIEW (self));
}

static void
rounds_plan_audience_load (RoundsPlanStepView *view,
                           JsonObject         *data,
                           RoundsContext      *context)
{
  RoundsPlanAudience *self = ROUNDS_PLAN_AUDIENCE (view);
  JsonArray *personas = rounds_plan_json_array (data, "personas");

  g_set_object (&self->context, context);

  clear_personas (self);
  for (guint i = 0; personas != NULL && i < json_array_get_length (personas); i++)
    add_persona (self, json_array_get_object_element (personas, i));

}

static JsonObject *
rounds_plan_audience_dup_data (RoundsPlanStepView *view)
{
  RoundsPlanAudience *self = ROUNDS_PLAN_AUDIENCE (view);
  JsonObject *data = json_object_new ();
  JsonArray *personas = json_array_new ();

  for (guint i = 0; i < self->personas->len; i++)
    {
      PersonaRows *rows = g_ptr_array_index (self->personas, i);
      JsonObject *persona = json_object_new ();
      JsonArray *networks = json_array_new ();
      g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (rows->name_row))));

      json_object_set_string_member (persona, "name", name);
      json_object_set_int_member (persona, "age_min",
                                  gtk_spin_button_get_value_as_int (spin (rows->age_min_row)));
      json_object_set_int_member (persona, "age_max",
                                  gtk_spin_button_get_value_as_int (spin (rows->age_max_row)));
      json_object_set_string_member (persona, "area",
                                     gtk_editable_get_text (GTK_EDITABLE (rows->area_row)));
      json_object_set_string_member (persona, "needs",
                                     gtk_editable_get_text (GTK_EDITABLE (rows->needs_row)));
      for (guint n = 0; n < ROUNDS_N_NETWORKS; n++)
        if (gtk_check_button_get_active (GTK_CHECK_BUTTON (_rounds_plan_row_get_suffix (rows->network_rows[n]))))
          json_array_add_string_element (networks,
                                         rounds_network_to_string (rounds_network_from_index (n)));
      json_object_set_array_member (persona, "networks", networks);
      json_object_set_string_member (persona, "language",
                                     gtk_editable_get_text (GTK_EDITABLE (rows->language_row)));
      json_array_add_object_element (personas, persona);
    }

  json_object_set_array_member (data, "personas", personas);
  return data;
}

static GtkWidget *
rounds_plan_audience_find_field (RoundsPlanStepView *view,
                                 const char         *field)
{
  RoundsPlanAudience *self = ROUNDS_PLAN_AUDIENCE (view);
  g_auto(GStrv) parts = g_strsplit (field, ".", 3);
  PersonaRows *rows;
  guint index;

  if (g_strv_length (parts) < 3)
    {
      GtkWidget *suffix = adw_preferences_group_get_header_suffix (self->personas_group);
      return gtk_widget_get_last_child (suffix);
    }

  index = (guint)g_ascii_strtoull (parts[1], NULL, 10);
  if (index >= self->personas->len)
    return NULL;

  rows = g_ptr_array_index (self->personas, index);
  if (g_str_equal (parts[2], "name"))
    return GTK_WIDGET (rows->name_row);
  if (g_str_equal (parts[2], "age"))
    return _rounds_plan_row_get_suffix (rows->age_min_row);
  if (g_str_equal (parts[2], "networks"))
    return _rounds_plan_row_get_suffix (rows->network_rows[0]);
  return GTK_WIDGET (rows->expander);
}

static void
step_view_iface_init (RoundsPlanStepViewInterface *iface)
{
  iface->load = rounds_plan_audience_load;
  iface->dup_data = rounds_plan_audience_dup_data;
  iface->find_field = rounds_plan_audience_find_field;
}

static void
rounds_plan_audience_dispose (GObject *object)
{
  RoundsPlanAudience *self = ROUNDS_PLAN_AUDIENCE (object);

  g_clear_object (&self->context);
  G_OBJECT_CLASS (rounds_plan_audience_parent_class)->dispose (object);
}

static void
rounds_plan_audience_finalize (GObject *object)
{
  RoundsPlanAudience *self = ROUNDS_PLAN_AUDIENCE (object);

  g_clear_pointer (&self->personas, g_ptr_array_unref);
  G_OBJECT_CLASS (rounds_plan_audience_parent_class)->finalize (object);
}

static void
rounds_plan_audience_class_init (RoundsPlanAudienceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rounds_plan_audience_dispose;
  object_class->finalize = rounds_plan_audience_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/rounds-plan-audience.ui");
  gtk_widget_class_bind_template_child (widget_class, RoundsPlanAudience, personas_group);
  gtk_widget_class_bind_template_callback (widget_class, on_add_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_suggest_clicked_cb);
}

static void
rounds_plan_audience_init (RoundsPlanAudience *self)
{
  self->personas = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
}
