/* rounds-plan-crisis.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-plan-crisis"

#include "config.h"

#include <glib/gi18n.h>

#include "rounds-list-editor.h"
#include "rounds-plan.h"
#include "rounds-plan-crisis.h"
#include "rounds-plan-inbox.h"
#include "rounds-store-people.h"

/* Step 5: the crisis plan — people, severity levels with a response
 * time and steps, and the reply templates. A template is kept only
 * through its Save button, and only when the compliance scanner finds
 * nothing blocking in it as a review reply. */

#define N_LEVELS 4

typedef struct
{
  RoundsPlanCrisis *self;
  AdwExpanderRow   *expander;
  AdwEntryRow      *title_row;
  GtkTextView      *text_view;
  GtkLabel         *state_label;
  char             *saved_title;   /* NULL: never saved */
  char             *saved_text;
} TemplateRows;

struct _RoundsPlanCrisis
{
  AdwBin               parent_instance;

  AdwEntryRow         *watcher_row;
  AdwEntryRow         *replier_row;
  AdwEntryRow         *approver_row;
  AdwComboRow         *approver_choice;
  GtkStringList       *approver_names;
  GArray              *approver_ids;     /* gint64 per choice: a person, 0 nobody, -1 text */
  char                *approver_text;    /* what the plan wrote: typed, or the person's name */
  AdwEntryRow         *officer_row;
  RoundsListEditor    *escalation_editor;
  AdwPreferencesGroup *levels_group;
  GtkSwitch           *quiet_switch;
  AdwPreferencesGroup *templates_group;

  RoundsContext       *context;
  GtkWidget           *hours_rows[N_LEVELS];
  AdwEntryRow         *steps_rows[N_LEVELS];
  GPtrArray           *templates;   /* TemplateRows */
};

static void step_view_iface_init (RoundsPlanStepViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RoundsPlanCrisis, rounds_plan_crisis, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (ROUNDS_TYPE_PLAN_STEP_VIEW,
                                                      step_view_iface_init))

static void
template_rows_free (TemplateRows *rows)
{
  g_free (rows->saved_title);
  g_free (rows->saved_text);
  g_free (rows);
}

static char *
dup_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
update_template_state (TemplateRows *rows)
{
  g_autofree char *text = dup_text (rows->text_view);
  const char *title = gtk_editable_get_text (GTK_EDITABLE (rows->title_row));
  gboolean saved = rows->saved_text != NULL && g_str_equal (rows->saved_text, text) &&
                   g_strcmp0 (rows->saved_title, title) == 0;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (rows->expander), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (rows->expander),
                                 title[0] != '\0' ? title : _("New template"));
  /* libadwaita 1.2 names only the header inside an expander row */
  gtk_accessible_update_property (GTK_ACCESSIBLE (rows->expander), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  title[0] != '\0' ? title : _("New template"), -1);
  adw_expander_row_set_subtitle (rows->expander,
                                 saved ? _("Saved and checked")
                                       : rows->saved_text != NULL ? _("Changed, not saved yet")
                                                                  : _("Not saved yet"));
  gtk_label_set_text (rows->state_label, saved ? _("Saved") : "");
}

static void
on_save_template_clicked_cb (GtkButton    *button,
                             TemplateRows *rows)
{
  guint index;

  if (g_ptr_array_find (rows->self->templates, rows, &index))
    rounds_plan_crisis_save_template (rows->self, index);
}

static void
on_remove_template_clicked_cb (GtkButton    *button,
                               TemplateRows *rows)
{
  RoundsPlanCrisis *self = rows->self;

  adw_preferences_group_remove (self->templates_group, GTK_WIDGET (rows->expander));
  g_ptr_array_remove (self->templates, rows);
  rounds_plan_step_view_emit_changed (ROUNDS_PLAN_STEP_VIEW (self));
}

static TemplateRows *
add_template (RoundsPlanCrisis *self,
              const char       *title,
              const char       *text,
              gboolean          saved)
{
  TemplateRows *rows = g_new0 (TemplateRows, 1);
  GtkWidget *text_row = gtk_list_box_row_new ();
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *actions_row = adw_action_row_new ();
  GtkWidget *save = gtk_button_new_with_mnemonic (_("_Save Template"));
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

  rows->self = self;
  rows->expander = ADW_EXPANDER_ROW (adw_expander_row_new ());

  rows->title_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (rows->title_row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (rows->title_row), _("Title"));
  gtk_editable_set_text (GTK_EDITABLE (rows->title_row), title);
  adw_expander_row_add_row (rows->expander, GTK_WIDGET (rows->title_row));

  rows->text_view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_wrap_mode (rows->text_view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (rows->text_view, FALSE);
  gtk_text_view_set_top_margin (rows->text_view, 8);
  gtk_text_view_set_bottom_margin (rows->text_view, 8);
  gtk_text_view_set_left_margin (rows->text_view, 8);
  gtk_text_view_set_right_margin (rows->text_view, 8);
  gtk_widget_set_size_request (GTK_WIDGET (rows->text_view), -1, 96);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (rows->text_view), text, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (rows->text_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Template text"), -1);
  gtk_frame_set_child (GTK_FRAME (frame), GTK_WIDGET (rows->text_view));
  gtk_widget_set_margin_start (frame, 12);
  gtk_widget_set_margin_end (frame, 12);
  gtk_widget_set_margin_top (frame, 8);
  gtk_widget_set_margin_bottom (frame, 8);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (text_row), frame);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (text_row), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (text_row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Template text"), -1);
  adw_expander_row_add_row (rows->expander, text_row);

  rows->state_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (rows->state_label), "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (actions_row), GTK_WIDGET (rows->state_label));
  gtk_widget_set_valign (save, GTK_ALIGN_CENTER);
  g_signal_connect (save, "clicked", G_CALLBACK (on_save_template_clicked_cb), rows);
  adw_action_row_add_suffix (ADW_ACTION_ROW (actions_row), save);
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove Template"));
  /* GTK 4.8 does not name a button after its tooltip */
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Remove Template"), -1);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_template_clicked_cb), rows);
  adw_action_row_add_suffix (ADW_ACTION_ROW (actions_row), remove);
  gtk_accessible_update_property (GTK_ACCESSIBLE (actions_row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Save or remove the template"), -1);
  adw_expander_row_add_row (rows->expander, actions_row);

  if (saved)
    {
      rows->saved_title = g_strdup (title);
      rows->saved_text = g_strdup (text);
    }

  g_signal_connect_swapped (rows->title_row, "changed", G_CALLBACK (update_template_state), rows);
  g_signal_connect_swapped (gtk_text_view_get_buffer (rows->text_view), "changed",
                            G_CALLBACK (update_template_state), rows);
  update_template_state (rows);

  adw_preferences_group_add (self->templates_group, GTK_WIDGET (rows->expander));
  g_ptr_array_add (self->templates, rows);
  return rows;
}

static void
clear_templates (RoundsPlanCrisis *self)
{
  for (guint i = 0; i < self->templates->len; i++)
    {
      TemplateRows *rows = g_ptr_array_index (self->templates, i);

      adw_preferences_group_remove (self->templates_group, GTK_WIDGET (rows->expander));
    }
  g_ptr_array_set_size (self->templates, 0);
}

static void
on_add_template_clicked_cb (RoundsPlanCrisis *self)
{
  TemplateRows *rows = add_template (self, "", "", FALSE);

  adw_expander_row_set_expanded (rows->expander, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (rows->title_row));
}

/**
 * rounds_plan_crisis_save_template:
 *
 * Checks the template at @index with the compliance scanner as a review
 * reply; keeps it only when nothing blocks, otherwise shows why next to
 * its text.
 *
 * Returns: whether it was saved.
 */
gboolean
rounds_plan_crisis_save_template (RoundsPlanCrisis *self,
                                  guint             index)
{
  TemplateRows *rows;
  g_autofree char *text = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RoundsComplianceProfile) profile = NULL;
  g_autofree char *field = NULL;

  g_return_val_if_fail (ROUNDS_IS_PLAN_CRISIS (self), FALSE);
  g_return_val_if_fail (index < self->templates->len, FALSE);

  rows = g_ptr_array_index (self->templates, index);
  text = dup_text (rows->text_view);
  title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (rows->title_row))));
  field = g_strdup_printf ("templates.%u.text", index);

  if (title[0] == '\0')
    {
      g_free (field);
      field = g_strdup_printf ("templates.%u.title", index);
      rounds_plan_step_view_show_error (ROUNDS_PLAN_STEP_VIEW (self), field,
                                        _("Give the template a title"));
      return FALSE;
    }

  if (self->context != NULL)
    profile = rounds_context_dup_compliance_profile (self->context);

  if (!rounds_plan_check_template (self->context != NULL ? rounds_context_get_scanner (self->context)
                                                         : rounds_scanner_get_default (),
                                   profile, text, &error))
    {
      rounds_plan_step_view_show_error (ROUNDS_PLAN_STEP_VIEW (self), field, error->message);
      return FALSE;
    }

  rounds_plan_step_view_clear_errors (ROUNDS_PLAN_STEP_VIEW (self));
  g_free (rows->saved_title);
  g_free (rows->saved_text);
  rows->saved_title = g_steal_pointer (&title);
  rows->saved_text = g_steal_pointer (&text);
  update_template_state (rows);
  rounds_plan_step_view_emit_changed (ROUNDS_PLAN_STEP_VIEW (self));
  return TRUE;
}

/* Who approves replies, with people (issue 20): the practice's active
 * approvers and managers, chosen by id. A name typed before people
 * existed stays (and is said to be typed) until a person is chosen; a
 * chosen person who left or is no longer there shows as such. */
static void
add_approver_choice (RoundsPlanCrisis *self,
                     const char       *label,
                     gint64            id)
{
  gtk_string_list_append (self->approver_names, label);
  g_array_append_val (self->approver_ids, id);
}

static gboolean
fill_approver_choice (RoundsPlanCrisis *self,
                      JsonObject       *data)
{
  RoundsStore *store = self->context != NULL ? rounds_context_get_store (self->context) : NULL;
  gint64 chosen = rounds_plan_crisis_approver_id (data);
  g_autofree char *text = g_strstrip (g_strdup (rounds_plan_crisis_approver (data)));
  GListModel *people;
  guint selected = 0;
  gboolean listed = FALSE;

  g_clear_pointer (&self->approver_text, g_free);
  self->approver_text = g_strdup (text);
  gtk_string_list_splice (self->approver_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->approver_names)), NULL);
  g_array_set_size (self->approver_ids, 0);
  if (store == NULL || !rounds_store_has_people (store))
    return FALSE;

  if (chosen == 0 && text[0] != '\0')
    {
      /* TRANSLATORS: the crisis plan's approver typed before the practice had people */
      g_autofree char *label = g_strdup_printf (_("“%s” (typed; choose a person)"), text);

      add_approver_choice (self, label, -1);
    }
  else
    add_approver_choice (self, _("Nobody Chosen"), 0);

  people = rounds_store_get_people (store);
  for (guint i = 0; i < g_list_model_get_n_items (people); i++)
    {
      g_autoptr(RoundsPerson) person = g_list_model_get_item (people, i);
      gint64 id = rounds_person_get_id (person);
      g_autofree char *label = NULL;

      if (id == chosen)
        listed = TRUE;
      else if (!rounds_person_get_active (person) || !rounds_person_can_approve (person))
        continue;
      if (!rounds_person_get_active (person))
        /* TRANSLATORS: a person chosen before who no longer works at the practice */
        label = g_strdup_printf (_("%s (no longer active)"), rounds_person_get_name (person));
      else if (!rounds_person_can_approve (person))
        /* TRANSLATORS: a person chosen before who may no longer approve */
        label = g_strdup_printf (_("%s (no longer an approver)"), rounds_person_get_name (person));
      else
        /* TRANSLATORS: a person and their role, "Dr. Nnamdi Okafor (Approver)" */
        label = g_strdup_printf (_("%s (%s)"), rounds_person_get_name (person),
                                 rounds_person_role_get_label (rounds_person_get_role (person)));
      if (id == chosen)
        selected = self->approver_ids->len;
      add_approver_choice (self, label, id);
    }

  if (chosen > 0 && !listed)
    {
      g_autofree char *label = text[0] != '\0'
        /* TRANSLATORS: the crisis plan's approver is no longer among the practice's people */
        ? g_strdup_printf (_("%s (deleted person)"), text)
        : g_strdup (_("A deleted person"));

      selected = self->approver_ids->len;
      add_approver_choice (self, label, chosen);
    }
  adw_combo_row_set_selected (self->approver_choice, selected);
  return TRUE;
}

static void
approver_to_data (RoundsPlanCrisis *self,
                  JsonObject       *data)
{
  guint selected = adw_combo_row_get_selected (self->approver_choice);
  gint64 id;
  RoundsPerson *person;

  if (!gtk_widget_get_visible (GTK_WIDGET (self->approver_choice)) ||
      selected >= self->approver_ids->len)
    {
      json_object_set_string_member (data, "approver",
                                     gtk_editable_get_text (GTK_EDITABLE (self->approver_row)));
      return;
    }

  id = g_array_index (self->approver_ids, gint64, selected);
  if (id <= 0)
    {
      /* The typed name stays until a person replaces it. */
      json_object_set_string_member (data, "approver", id < 0 ? self->approver_text : "");
      return;
    }
  /* The id, and the name at the time for what reads the plan as text
   * (its PDF) or when the person is no longer there. */
  person = rounds_store_lookup_person (rounds_context_get_store (self->context), id);
  json_object_set_int_member (data, "approver_id", id);
  json_object_set_string_member (data, "approver",
                                 person != NULL ? rounds_person_get_name (person)
                                                : self->approver_text);
}

static void
rounds_plan_crisis_load (RoundsPlanStepView *view,
                         JsonObject         *data,
                         RoundsContext      *context)
{
  RoundsPlanCrisis *self = ROUNDS_PLAN_CRISIS (view);
  const char * const *severities = rounds_plan_severities ();
  g_autoptr(JsonObject) defaults = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GPtrArray) phones = g_ptr_array_new ();
  JsonObject *levels;
  JsonArray *templates, *escalation;

  g_set_object (&self->context, context);

  if (data == NULL)
    {
      const char * const *practice_phones = NULL;
      const char *language = NULL;

      if (context != NULL)
        {
          RoundsPractice *practice = rounds_store_get_practice (rounds_context_get_store (context));

          practice_phones = rounds_practice_get_phones (practice);
          language = rounds_practice_get_content_language (practice);
        }
      data = defaults = rounds_plan_default_crisis (practice_phones != NULL ? practice_phones[0]
                                                                            : NULL,
                                                    language);
    }

  gtk_editable_set_text (GTK_EDITABLE (self->watcher_row), rounds_plan_json_string (data, "watcher"));
  gtk_editable_set_text (GTK_EDITABLE (self->replier_row), rounds_plan_json_string (data, "replier"));
  gtk_editable_set_text (GTK_EDITABLE (self->approver_row),
                         rounds_plan_json_string (data, "approver"));
  {
    gboolean people = fill_approver_choice (self, data);

    gtk_widget_set_visible (GTK_WIDGET (self->approver_row), !people);
    gtk_widget_set_visible (GTK_WIDGET (self->approver_choice), people);
  }
  gtk_editable_set_text (GTK_EDITABLE (self->officer_row),
                         rounds_plan_json_string (data, "privacy_officer"));

  escalation = rounds_plan_json_array (data, "escalation");
  for (guint i = 0; escalation != NULL && i < json_array_get_length (escalation); i++)
    {
      JsonObject *contact = json_array_get_object_element (escalation, i);

      g_ptr_array_add (names, (gpointer)rounds_plan_json_string (contact, "name"));
      g_ptr_array_add (phones, (gpointer)rounds_plan_json_string (contact, "contact"));
    }
  g_ptr_array_add (names, NULL);
  g_ptr_array_add (phones, NULL);
  rounds_list_editor_set_values (self->escalation_editor, (const char * const *)names->pdata,
                                 (const char * const *)phones->pdata);
  if (names->len == 1)
    rounds_list_editor_add_row (self->escalation_editor, NULL, NULL);

  levels = rounds_plan_json_object (data, "levels");
  for (guint i = 0; i < N_LEVELS; i++)
    {
      JsonObject *level = rounds_plan_json_object (levels, severities[i]);

      gtk_spin_button_set_value (GTK_SPIN_BUTTON (_rounds_plan_row_get_suffix (self->hours_rows[i])),
                                 rounds_plan_json_int (level, "hours", 24));
      gtk_editable_set_text (GTK_EDITABLE (self->steps_rows[i]),
                             rounds_plan_json_string (level, "steps"));
    }

  gtk_switch_set_active (self->quiet_switch, rounds_plan_crisis_in_quiet_hours (data));

  clear_templates (self);
  templates = rounds_plan_json_array (data, "templates");
  for (guint i = 0; templates != NULL && i < json_array_get_length (templates); i++)
    {
      JsonObject *template = json_array_get_object_element (templates, i);

      add_template (self, rounds_plan_json_string (template, "title"),
                    rounds_plan_json_string (template, "text"), TRUE);
    }

}

static JsonObject *
rounds_plan_crisis_dup_data (RoundsPlanStepView *view)
{
  RoundsPlanCrisis *self = ROUNDS_PLAN_CRISIS (view);
  const char * const *severities = rounds_plan_severities ();
  JsonObject *data = json_object_new ();
  JsonObject *levels = json_object_new ();
  JsonArray *templates = json_array_new ();
  JsonArray *escalation = json_array_new ();
  g_auto(GStrv) names = rounds_list_editor_dup_values (self->escalation_editor);
  g_auto(GStrv) contacts = rounds_list_editor_dup_second_values (self->escalation_editor);

  json_object_set_string_member (data, "watcher",
                                 gtk_editable_get_text (GTK_EDITABLE (self->watcher_row)));
  json_object_set_string_member (data, "replier",
                                 gtk_editable_get_text (GTK_EDITABLE (self->replier_row)));
  approver_to_data (self, data);
  json_object_set_string_member (data, "privacy_officer",
                                 gtk_editable_get_text (GTK_EDITABLE (self->officer_row)));

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      JsonObject *contact = json_object_new ();

      json_object_set_string_member (contact, "name", names[i]);
      json_object_set_string_member (contact, "contact",
                                     contacts != NULL && i < g_strv_length (contacts) ? contacts[i] : "");
      json_array_add_object_element (escalation, contact);
    }

  for (guint i = 0; i < N_LEVELS; i++)
    {
      JsonObject *level = json_object_new ();

      json_object_set_int_member (level, "hours",
                                  gtk_spin_button_get_value_as_int (
                                    GTK_SPIN_BUTTON (_rounds_plan_row_get_suffix (self->hours_rows[i]))));
      json_object_set_string_member (level, "steps",
                                     gtk_editable_get_text (GTK_EDITABLE (self->steps_rows[i])));
      json_object_set_object_member (levels, severities[i], level);
    }

  /* Only saved (checked) templates are part of the plan. */
  for (guint i = 0; i < self->templates->len; i++)
    {
      TemplateRows *rows = g_ptr_array_index (self->templates, i);
      JsonObject *template;

      if (rows->saved_text == NULL)
        continue;

      template = json_object_new ();
      json_object_set_string_member (template, "title", rows->saved_title);
      json_object_set_string_member (template, "text", rows->saved_text);
      json_array_add_object_element (templates, template);
    }

  json_object_set_array_member (data, "escalation", escalation);
  json_object_set_object_member (data, "levels", levels);
  json_object_set_boolean_member (data, "crisis_in_quiet_hours",
                                  gtk_switch_get_active (self->quiet_switch));
  json_object_set_array_member (data, "templates", templates);
  return data;
}

static GtkWidget *
rounds_plan_crisis_find_field (RoundsPlanStepView *view,
                               const char         *field)
{
  RoundsPlanCrisis *self = ROUNDS_PLAN_CRISIS (view);
  const char * const *severities = rounds_plan_severities ();
  g_auto(GStrv) parts = g_strsplit (field, ".", 3);

  if (g_str_equal (field, "watcher"))
    return GTK_WIDGET (self->watcher_row);
  if (g_str_equal (field, "replier"))
    return GTK_WIDGET (self->replier_row);
  if (g_str_equal (field, "approver"))
    return gtk_widget_get_visible (GTK_WIDGET (self->approver_choice))
             ? GTK_WIDGET (self->approver_choice) : GTK_WIDGET (self->approver_row);
  if (g_str_equal (field, "privacy_officer"))
    return GTK_WIDGET (self->officer_row);

  if (g_strv_length (parts) == 3 && g_str_equal (parts[0], "levels"))
    for (guint i = 0; i < N_LEVELS; i++)
      if (g_str_equal (parts[1], severities[i]))
        return g_str_equal (parts[2], "hours") ? _rounds_plan_row_get_suffix (self->hours_rows[i])
                                               : GTK_WIDGET (self->steps_rows[i]);

  if (g_strv_length (parts) == 3 && g_str_equal (parts[0], "templates"))
    {
      guint index = (guint)g_ascii_strtoull (parts[1], NULL, 10);

      if (index < self->templates->len)
        {
          TemplateRows *rows = g_ptr_array_index (self->templates, index);

          return g_str_equal (parts[2], "title") ? GTK_WIDGET (rows->title_row)
                                                 : GTK_WIDGET (rows->text_view);
        }
    }

  return NULL;
}

static void
step_view_iface_init (RoundsPlanStepViewInterface *iface)
{
  iface->load = rounds_plan_crisis_load;
  iface->dup_data = rounds_plan_crisis_dup_data;
  iface->find_field = rounds_plan_crisis_find_field;
}

static void
rounds_plan_crisis_dispose (GObject *object)
{
  RoundsPlanCrisis *self = ROUNDS_PLAN_CRISIS (object);

  g_clear_object (&self->context);
  g_clear_pointer (&self->approver_ids, g_array_unref);
  g_clear_pointer (&self->approver_text, g_free);
  G_OBJECT_CLASS (rounds_plan_crisis_parent_class)->dispose (object);
}

static void
rounds_plan_crisis_finalize (GObject *object)
{
  RoundsPlanCrisis *self = ROUNDS_PLAN_CRISIS (object);

  g_clear_pointer (&self->templates, g_ptr_array_unref);
  G_OBJECT_CLASS (rounds_plan_crisis_parent_class)->finalize (object);
}

static void
rounds_plan_crisis_class_init (RoundsPlanCrisisClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rounds_plan_crisis_dispose;
  object_class->finalize = rounds_plan_crisis_finalize;

  g_type_ensure (ROUNDS_TYPE_LIST_EDITOR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/rounds-plan-crisis.ui");
  gtk_widget_class_bind_template_child (widget_class, RoundsPlanCrisis, watcher_row);
  gtk_widget_class_bind_template_child (widget_class, RoundsPlanCrisis, replier_row);
  gtk_widget_class_bind_template_child (widget_class, RoundsPlanCrisis, approver_row);
  gtk_widget_class_bind_template_child (widget_class, RoundsPlanCrisis, approver_choice);
  gtk_widget_class_bind_template_child (widget_class, RoundsPlanCrisis, approver_names);
  gtk_widget_class_bind_template_child (widget_class, RoundsPlanCrisis, officer_row);
  gtk_widget_class_bind_template_child (widget_class, RoundsPlanCrisis, escalation_editor);
  gtk_widget_class_bind_template_child (widget_class, RoundsPlanCrisis, levels_group);
  gtk_widget_class_bind_template_child (widget_class, RoundsPlanCrisis, quiet_switch);
  gtk_widget_class_bind_template_child (widget_class, RoundsPlanCrisis, templates_group);
  gtk_widget_class_bind_template_callback (widget_class, on_add_template_clicked_cb);
}

static void
rounds_plan_crisis_init (RoundsPlanCrisis *self)
{
  RoundsPlanStepView *view = ROUNDS_PLAN_STEP_VIEW (self);
  const char * const *severities = rounds_plan_severities ();

  /* Its checks run on the main thread: the scanner, not loaded at start,
   * is loaded on a worker meanwhile (issue 17). */
  rounds_scanner_get_default_async (NULL, NULL, NULL);

  self->templates = g_ptr_array_new_with_free_func ((GDestroyNotify)template_rows_free);
  gtk_widget_init_template (GTK_WIDGET (self));

  _rounds_plan_watch (view, GTK_WIDGET (self->watcher_row));
  _rounds_plan_watch (view, GTK_WIDGET (self->replier_row));
  _rounds_plan_watch (view, GTK_WIDGET (self->approver_row));
  self->approver_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_signal_connect_swapped (self->approver_choice, "notify::selected",
                            G_CALLBACK (rounds_plan_step_view_emit_changed), self);
  _rounds_plan_watch (view, GTK_WIDGET (self->officer_row));
  _rounds_plan_watch (view, GTK_WIDGET (self->quiet_switch));
  g_signal_connect_swapped (self->escalation_editor, "changed",
                            G_CALLBACK (rounds_plan_step_view_emit_changed), self);

  for (guint i = 0; i < N_LEVELS; i++)
    {
      AdwExpanderRow *expander = ADW_EXPANDER_ROW (adw_expander_row_new ());

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander),
                                     rounds_plan_severity_label (severities[i]));
      /* libadwaita 1.2 names only the header inside an expander row */
      gtk_accessible_update_property (GTK_ACCESSIBLE (expander), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      rounds_plan_severity_label (severities[i]), -1);
      self->hours_rows[i] = _rounds_plan_spin_row_new (view, _("Respond within (hours)"), NULL,
                                                       0, 24 * 14, 24);
      adw_expander_row_add_row (expander, self->hours_rows[i]);
      self->steps_rows[i] = ADW_ENTRY_ROW (_rounds_plan_entry_row_new (view, _("What to do"), ""));
      adw_expander_row_add_row (expander, GTK_WIDGET (self->steps_rows[i]));
      adw_preferences_group_add (self->levels_group, GTK_WIDGET (expander));
    }
}
