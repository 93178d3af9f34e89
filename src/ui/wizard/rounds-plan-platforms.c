/* rounds-plan-platforms.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-plan-platforms"

#include "config.h"

#include <glib/gi18n.h>

#include "rounds-plan.h"
#include "rounds-plan-platforms.h"
#include "rounds-store-plan.h"

/* Step 4: platforms and profiles. Networks are recommended from the
 * audience step; each has a profile checklist; a consistency check
 * flags names and handles that differ between networks. */

#define N_ITEMS 5

typedef struct
{
  AdwExpanderRow *expander;
  AdwEntryRow    *handle_row;
  AdwEntryRow    *name_row;
  AdwEntryRow    *bio_row;
  GtkWidget      *item_rows[N_ITEMS];
} NetworkRows;

struct _RoundsPlanPlatforms
{
  AdwBin               parent_instance;

  AdwPreferencesGroup *networks_group;
  GtkListBox          *problems_list;

  RoundsContext       *context;
  NetworkRows          rows[ROUNDS_N_NETWORKS];
};

static void step_view_iface_init (RoundsPlanStepViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RoundsPlanPlatforms, rounds_plan_platforms, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (ROUNDS_TYPE_PLAN_STEP_VIEW,
                                                      step_view_iface_init))

static void
update_problems (RoundsPlanPlatforms *self)
{
  g_autoptr(JsonObject) data = rounds_plan_step_view_dup_data (ROUNDS_PLAN_STEP_VIEW (self));
  g_autoptr(GPtrArray) problems = NULL;
  const char *practice_name = "";

  if (self->context != NULL)
    practice_name = rounds_practice_get_name (
      rounds_store_get_practice (rounds_context_get_store (self->context)));

  problems = rounds_plan_check_consistency (data, practice_name);
  _rounds_plan_clear_box (GTK_WIDGET (self->problems_list));

  if (problems->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = g_object_new (GTK_TYPE_IMAGE, "icon-name", "object-select-symbolic",
                                  "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL);

      gtk_widget_add_css_class (icon, "success");
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _("Names and handles agree across your networks"));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      gtk_list_box_append (self->problems_list, row);
    }

  for (guint i = 0; i < problems->len; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = g_object_new (GTK_TYPE_IMAGE, "icon-name", "dialog-warning-symbolic",
                                  "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL);

      gtk_widget_add_css_class (icon, "warning");
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), g_ptr_array_index (problems, i));
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      gtk_list_box_append (self->problems_list, row);
    }
}

/**
 * rounds_plan_platforms_update_recommended:
 * @choose: also switch the recommended networks on (and the others off),
 *   for a step the user has not answered yet
 *
 * Reads the audience answers again and marks the networks they point to.
 */
void
rounds_plan_platforms_update_recommended (RoundsPlanPlatforms *self,
                                          gboolean             choose)
{
  g_autoptr(JsonObject) audience = NULL;
  RoundsPlanStepView *held;
  RoundsNetwork recommended;

  g_return_if_fail (ROUNDS_IS_PLAN_PLATFORMS (self));

  if (self->context == NULL)
    return;

  audience = rounds_store_plan_load_section (rounds_context_get_store (self->context), "audience",
                                             NULL, NULL);
  recommended = rounds_plan_recommend_networks (audience);

  /* Marking recommendations is not an answer. */
  held = _rounds_plan_hold_changes (ROUNDS_PLAN_STEP_VIEW (self));
  for (guint i = 0; i < ROUNDS_N_NETWORKS; i++)
    {
      RoundsNetwork network = rounds_network_from_index (i);

      adw_expander_row_set_subtitle (self->rows[i].expander,
                                     (recommended & network) ? _("Recommended for your audience")
                                                             : "");
      if (choose)
        adw_expander_row_set_enable_expansion (self->rows[i].expander,
                                               (recommended & network) != 0);
    }
  _rounds_plan_release_changes (held);
  update_problems (self);
}

static void
rounds_plan_platforms_load (RoundsPlanStepView *view,
                            JsonObject         *data,
                            RoundsContext      *context)
{
  RoundsPlanPlatforms *self = ROUNDS_PLAN_PLATFORMS (view);
  const char * const *items = rounds_plan_profile_items ();
  JsonObject *networks = rounds_plan_json_object (data, "networks");
  g_autoptr(JsonObject) audience = NULL;
  RoundsNetwork recommended = ROUNDS_NETWORK_NONE;
  const char *practice_name = "";

  g_set_object (&self->context, context);

  if (context != NULL)
    {
      RoundsStore *store = rounds_context_get_store (context);

      audience = rounds_store_plan_load_section (store, "audience", NULL, NULL);
      recommended = rounds_plan_recommend_networks (audience);
      practice_name = rounds_practice_get_name (rounds_store_get_practice (store));
    }

  for (guint i = 0; i < ROUNDS_N_NETWORKS; i++)
    {
      NetworkRows *rows = &self->rows[i];
      RoundsNetwork network = rounds_network_from_index (i);
      JsonObject *profile = rounds_plan_json_object (networks, rounds_network_to_string (network));
      gboolean chosen = data == NULL ? (recommended & network) != 0 : profile != NULL;

      adw_expander_row_set_subtitle (rows->expander,
                                     (recommended & network) ? _("Recommended for your audience")
                                                             : "");
      adw_expander_row_set_enable_expansion (rows->expander, chosen);
      gtk_editable_set_text (GTK_EDITABLE (rows->handle_row),
                             rounds_plan_json_string (profile, "handle"));
      gtk_editable_set_text (GTK_EDITABLE (rows->name_row),
                             profile != NULL ? rounds_plan_json_string (profile, "display_name")
                                             : practice_name);
      gtk_editable_set_text (GTK_EDITABLE (rows->bio_row), rounds_plan_json_string (profile, "bio"));
      for (guint k = 0; k < N_ITEMS; k++)
        gtk_check_button_set_active (GTK_CHECK_BUTTON (_rounds_plan_row_get_suffix (rows->item_rows[k])),
                                     rounds_plan_json_int (profile, items[k], 0) != 0);
    }

  update_problems (self);
}

static JsonObject *
rounds_plan_platforms_dup_data (RoundsPlanStepView *view)
{
  RoundsPlanPlatforms *self = ROUNDS_PLAN_PLATFORMS (view);
  const char * const *items = rounds_plan_profile_items ();
  JsonObject *data = json_object_new ();
  JsonObject *networks = json_object_new ();

  for (guint i = 0; i < ROUNDS_N_NETWORKS; i++)
    {
      NetworkRows *rows = &self->rows[i];
      JsonObject *profile;
      g_autofree char *handle = NULL;
      g_autofree char *name = NULL;

      if (!adw_expander_row_get_enable_expansion (rows->expander))
        continue;

      profile = json_object_new ();
      handle = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (rows->handle_row))));
      name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (rows->name_row))));
      json_object_set_string_member (profile, "handle", handle);
      json_object_set_string_member (profile, "display_name", name);
      json_object_set_string_member (profile, "bio",
                                     gtk_editable_get_text (GTK_EDITABLE (rows->bio_row)));
      for (guint k = 0; k < N_ITEMS; k++)
        json_object_set_boolean_member (profile, items[k],
                                        gtk_check_button_get_active (
                                          GTK_CHECK_BUTTON (_rounds_plan_row_get_suffix (rows->item_rows[k]))));
      json_object_set_object_member (networks,
                                     rounds_network_to_string (rounds_network_from_index (i)),
                                     profile);
    }

  json_object_set_object_member (data, "networks", networks);
  return data;
}

static GtkWidget *
rounds_plan_platforms_find_field (RoundsPlanStepView *view,
                                  const char         *field)
{
  RoundsPlanPlatforms *self = ROUNDS_PLAN_PLATFORMS (view);
  g_auto(GStrv) parts = g_strsplit (field, ".", 3);
  RoundsNetwork network;
  NetworkRows *rows;

  if (g_strv_length (parts) < 3)
    return GTK_WIDGET (self->rows[0].expander);

  network = rounds_network_from_string (parts[1]);
  if (network == ROUNDS_NETWORK_NONE)
    return NULL;

  rows = &self->rows[g_bit_nth_lsf (network, -1)];
  if (g_str_equal (parts[2], "handle"))
    return GTK_WIDGET (rows->handle_row);
  if (g_str_equal (parts[2], "display_name"))
    return GTK_WIDGET (rows->name_row);
  return GTK_WIDGET (rows->expander);
}

static void
step_view_iface_init (RoundsPlanStepViewInterface *iface)
{
  iface->load = rounds_plan_platforms_load;
  iface->dup_data = rounds_plan_platforms_dup_data;
  iface->find_field = rounds_plan_platforms_find_field;
}

static void
rounds_plan_platforms_dispose (GObject *object)
{
  RoundsPlanPlatforms *self = ROUNDS_PLAN_PLATFORMS (object);

  g_clear_object (&self->context);
  G_OBJECT_CLASS (rounds_plan_platforms_parent_class)->dispose (object);
}

static void
rounds_plan_platforms_class_init (RoundsPlanPlatformsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rounds_plan_platforms_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/rounds-plan-platforms.ui");
  gtk_widget_class_bind_template_child (widget_class, RoundsPlanPlatforms, networks_group);
  gtk_widget_class_bind_template_child (widget_class, RoundsPlanPlatforms, problems_list);
}

static void
rounds_plan_platforms_init (RoundsPlanPlatforms *self)
{
  RoundsPlanStepView *view = ROUNDS_PLAN_STEP_VIEW (self);
  const char * const *items = rounds_plan_profile_items ();

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < ROUNDS_N_NETWORKS; i++)
    {
      NetworkRows *rows = &self->rows[i];
      RoundsNetwork network = rounds_network_from_index (i);

      rows->expander = ADW_EXPANDER_ROW (adw_expander_row_new ());
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (rows->expander), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (rows->expander),
                                     rounds_network_get_label (network));
      /* libadwaita 1.2 names only the header inside an expander row */
      gtk_accessible_update_property (GTK_ACCESSIBLE (rows->expander),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      rounds_network_get_label (network), -1);
      _rounds_plan_enable_switch_row (rows->expander, rounds_network_get_label (network));
      adw_expander_row_set_enable_expansion (rows->expander, FALSE);
      _rounds_plan_watch (view, GTK_WIDGET (rows->expander));

      rows->handle_row = ADW_ENTRY_ROW (_rounds_plan_entry_row_new (view, _("Handle"), ""));
      adw_expander_row_add_row (rows->expander, GTK_WIDGET (rows->handle_row));
      rows->name_row = ADW_ENTRY_ROW (_rounds_plan_entry_row_new (view, _("Display name"), ""));
      adw_expander_row_add_row (rows->expander, GTK_WIDGET (rows->name_row));
      rows->bio_row = ADW_ENTRY_ROW (_rounds_plan_entry_row_new (view, _("Bio"), ""));
      adw_expander_row_add_row (rows->expander, GTK_WIDGET (rows->bio_row));
      for (guint k = 0; k < N_ITEMS; k++)
        {
          rows->item_rows[k] = _rounds_plan_check_row_new (view,
                                                           rounds_plan_profile_item_label (items[k]),
                                                           FALSE);
          adw_expander_row_add_row (rows->expander, rows->item_rows[k]);
        }

      adw_preferences_group_add (self->networks_group, GTK_WIDGET (rows->expander));
    }

  g_signal_connect (self, "changed", G_CALLBACK (update_problems), NULL);
}
