/* rounds-practice-form.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-practice-form"

#include "config.h"

#include <glib/gi18n.h>

#include "rounds-list-editor.h"
#include "rounds-content-language.h"
#include "rounds-practice-form.h"
#include "rounds-time.h"

/* The practice profile form: name, specialty, time zone, phones,
 * e-mail addresses, addresses, website, staff and languages served. Used on first start
 * ("Set up my practice") and by the plan wizard's first step. Checking
 * is done by the core (rounds_practice_validate()); the form shows what
 * it says next to the field. */

/* The fields rounds_practice_find_problems() names, in the form's order. */
static const char * const fields[] = {
  "name", "timezone", "content-language", "website", "phones", "emails",
};
#define N_FIELDS G_N_ELEMENTS (fields)

struct _RoundsPracticeForm
{
  AdwBin            parent_instance;

  GtkStringList    *zones;         /* NULL until the form is first shown */
  char             *zone;          /* the zone to select, kept until then */
  RoundsPractice   *practice;

  AdwEntryRow      *name_row;
  GtkDropDown      *specialty_dropdown;
  GtkDropDown      *content_language_dropdown;
  GtkDropDown      *timezone_dropdown;
  AdwEntryRow      *website_row;
  RoundsListEditor *phones_editor;
  RoundsListEditor *emails_editor;
  RoundsListEditor *addresses_editor;
  RoundsListEditor *staff_editor;
  RoundsListEditor *languages_editor;
  GtkLabel         *error_label;
  GtkButton        *save_button;

  /* Under each field that can be wrong, its message (made when first
   * needed): the widget shown or hidden, and the label in it. */
  GtkWidget        *field_boxes[N_FIELDS];
  GtkLabel         *field_labels[N_FIELDS];
};

G_DEFINE_FINAL_TYPE (RoundsPracticeForm, rounds_practice_form, ADW_TYPE_BIN)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GtkWidget *
widget_for_field (RoundsPracticeForm *self,
                  const char         *field)
{
  if (g_strcmp0 (field, "name") == 0)
    return GTK_WIDGET (self->name_row);
  if (g_strcmp0 (field, "timezone") == 0)
    return GTK_WIDGET (self->timezone_dropdown);
  if (g_strcmp0 (field, "content-language") == 0)
    return GTK_WIDGET (self->content_language_dropdown);
  if (g_strcmp0 (field, "website") == 0)
    return GTK_WIDGET (self->website_row);
  if (g_strcmp0 (field, "phones") == 0)
    return GTK_WIDGET (self->phones_editor);
  if (g_strcmp0 (field, "emails") == 0)
    return GTK_WIDGET (self->emails_editor);
  return NULL;
}

/* The message under field @i, made the first time: a row of its own
 * right after the field's row in a list, or a label after the field in
 * the form's column. */
static GtkLabel *
field_label (RoundsPracticeForm *self,
             guint               i)
{
  GtkWidget *widget = widget_for_field (self, fields[i]);
  GtkWidget *row;
  GtkWidget *label;

  if (self->field_labels[i] != NULL)
    return self->field_labels[i];
  if (widget == NULL)
    return NULL;

  label = g_object_new (GTK_TYPE_LABEL,
                        "wrap", TRUE,
                        "xalign", 0.0f,
                        "margin-start", 12, "margin-end", 12,
                        "margin-top", 6, "margin-bottom", 6,
                        NULL);
  gtk_widget_add_css_class (label, "error");
  row = gtk_widget_get_ancestor (widget, GTK_TYPE_LIST_BOX_ROW);
  if (row != NULL && GTK_IS_LIST_BOX (gtk_widget_get_parent (row)))
    {
      GtkWidget *message_row = g_object_new (GTK_TYPE_LIST_BOX_ROW,
                                             "activatable", FALSE,
                                             "selectable", FALSE,
                                             "focusable", FALSE,
                                             "child", label,
                                             NULL);

      gtk_list_box_insert (GTK_LIST_BOX (gtk_widget_get_parent (row)), message_row,
                           gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)) + 1);
      self->field_boxes[i] = message_row;
    }
  else if (GTK_IS_BOX (gtk_widget_get_parent (widget)))
    {
      gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (widget)), label, widget);
      self->field_boxes[i] = label;
    }
  else
    {
      g_object_ref_sink (label);
      g_object_unref (label);
      return NULL;
    }
  self->field_labels[i] = GTK_LABEL (label);
  return self->field_labels[i];
}

static void
clear_errors (RoundsPracticeForm *self)
{
  for (guint i = 0; i < N_FIELDS; i++)
    {
      GtkWidget *widget = widget_for_field (self, fields[i]);

      if (self->field_boxes[i] != NULL)
        gtk_widget_set_visible (self->field_boxes[i], FALSE);
      if (widget != NULL)
        {
          gtk_widget_remove_css_class (widget, "error");
          gtk_accessible_reset_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_INVALID);
          gtk_accessible_reset_property (GTK_ACCESSIBLE (widget),
                                         GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
        }
    }
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
}

static void
on_name_changed_cb (RoundsPracticeForm *self)
{
  clear_errors (self);
}

static void
on_save_clicked_cb (RoundsPracticeForm *self)
{
  rounds_practice_form_save (self);
}

static void ensure_zones (RoundsPracticeForm *self);

static void
rounds_practice_form_dispose (GObject *object)
{
  RoundsPracticeForm *self = (RoundsPracticeForm *)object;

  g_clear_object (&self->practice);
  g_clear_pointer (&self->zone, g_free);
  G_OBJECT_CLASS (rounds_practice_form_parent_class)->dispose (object);
}

static void
rounds_practice_form_class_init (RoundsPracticeFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rounds_practice_form_dispose;

  /**
   * RoundsPracticeForm::saved:
   * @practice: the profile as entered, already checked
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, ROUNDS_TYPE_PRACTICE);

  g_type_ensure (ROUNDS_TYPE_LIST_EDITOR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/rounds-practice-form.ui");
  gtk_widget_class_bind_template_child (widget_class, RoundsPracticeForm, name_row);
  gtk_widget_class_bind_template_child (widget_class, RoundsPracticeForm, specialty_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RoundsPracticeForm, content_language_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RoundsPracticeForm, timezone_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RoundsPracticeForm, website_row);
  gtk_widget_class_bind_template_child (widget_class, RoundsPracticeForm, phones_editor);
  gtk_widget_class_bind_template_child (widget_class, RoundsPracticeForm, emails_editor);
  gtk_widget_class_bind_template_child (widget_class, RoundsPracticeForm, addresses_editor);
  gtk_widget_class_bind_template_child (widget_class, RoundsPracticeForm, staff_editor);
  gtk_widget_class_bind_template_child (widget_class, RoundsPracticeForm, languages_editor);
  gtk_widget_class_bind_template_child (widget_class, RoundsPracticeForm, error_label);
  gtk_widget_class_bind_template_child (widget_class, RoundsPracticeForm, save_button);
  gtk_widget_class_bind_template_callback (widget_class, on_name_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked_cb);
}

static void
rounds_practice_form_init (RoundsPracticeForm *self)
{
  const char * const *specialties = rounds_practice_specialties ();
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GtkExpression) expression = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; specialties[i] != NULL; i++)
    gtk_string_list_append (labels, rounds_practice_specialty_label (specialties[i]));
  gtk_drop_down_set_model (self->specialty_dropdown, G_LIST_MODEL (labels));

  {
    const char * const *codes = rounds_content_languages ();
    g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

    for (guint i = 0; codes[i] != NULL; i++)
      gtk_string_list_append (names, rounds_content_language_get_name (codes[i]));
    gtk_drop_down_set_model (self->content_language_dropdown, G_LIST_MODEL (names));
  }

  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  gtk_drop_down_set_expression (self->timezone_dropdown, expression);
  /* The zone list (every zone checked on the disk) is read when the form
   * is first shown, not at start: the window builds two forms. */
  g_signal_connect (self, "map", G_CALLBACK (ensure_zones), NULL);

  {
    g_autoptr(RoundsPractice) blank = rounds_practice_new ();
    rounds_practice_form_set_practice (self, blank);
  }
}

static guint zone_position (RoundsPracticeForm *self,
                            const char         *zone);

static void
select_zone (RoundsPracticeForm *self)
{
  guint pos = zone_position (self, self->zone);

  if (pos == GTK_INVALID_LIST_POSITION)
    pos = zone_position (self, "UTC");
  gtk_drop_down_set_selected (self->timezone_dropdown, pos);
}

static void
ensure_zones (RoundsPracticeForm *self)
{
  g_auto(GStrv) zones = NULL;

  if (self->zones != NULL)
    return;
  zones = rounds_time_list_zones ();
  self->zones = gtk_string_list_new ((const char * const *)zones);
  gtk_drop_down_set_model (self->timezone_dropdown, G_LIST_MODEL (self->zones));
  g_object_unref (self->zones);   /* the drop-down keeps it */
  select_zone (self);
}

static guint
zone_position (RoundsPracticeForm *self,
               const char         *zone)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->zones));

  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (gtk_string_list_get_string (self->zones, i), zone) == 0)
      return i;

  return GTK_INVALID_LIST_POSITION;
}

/**
 * rounds_practice_form_set_practice:
 *
 * Fills the form from @practice. A practice without a time zone gets the
 * system's.
 */
void
rounds_practice_form_set_practice (RoundsPracticeForm *self,
                                   RoundsPractice     *practice)
{
  const char * const *specialties = rounds_practice_specialties ();
  const char *tz;
  g_autofree char *system_tz = NULL;
  guint pos;

  g_return_if_fail (ROUNDS_IS_PRACTICE_FORM (self));
  g_return_if_fail (ROUNDS_IS_PRACTICE (practice));

  g_set_object (&self->practice, practice);

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), rounds_practice_get_name (practice));
  gtk_editable_set_text (GTK_EDITABLE (self->website_row),
                         rounds_practice_get_website (practice));

  pos = 0;
  for (guint i = 0; specialties[i] != NULL; i++)
    if (g_strcmp0 (specialties[i], rounds_practice_get_specialty (practice)) == 0)
      pos = i;
  gtk_drop_down_set_selected (self->specialty_dropdown, pos);

  {
    const char * const *codes = rounds_content_languages ();
    const char *language = rounds_practice_get_content_language (practice);

    /* A practice being set up in a Spanish interface likely publishes in
     * Spanish too; it can still choose otherwise. */
    if (!rounds_practice_is_set_up (practice))
      for (const char * const *names = g_get_language_names (); *names != NULL; names++)
        if (rounds_content_language_is_valid (*names))
          {
            language = *names;
            break;
          }
    pos = 0;
    for (guint i = 0; codes[i] != NULL; i++)
      if (g_strcmp0 (codes[i], language) == 0)
        pos = i;
    gtk_drop_down_set_selected (self->content_language_dropdown, pos);
  }

  tz = rounds_practice_get_timezone (practice);
  if (tz[0] == '\0')
    tz = system_tz = rounds_time_system_zone_id ();
  g_free (self->zone);
  self->zone = g_strdup (tz);
  if (self->zones != NULL)
    select_zone (self);

  rounds_list_editor_set_values (self->phones_editor, rounds_practice_get_phones (practice), NULL);
  rounds_list_editor_set_values (self->emails_editor, rounds_practice_get_emails (practice), NULL);
  rounds_list_editor_set_values (self->addresses_editor,
                                 rounds_practice_get_addresses (practice), NULL);
  rounds_list_editor_set_values (self->staff_editor, rounds_practice_get_staff_names (practice),
                                 rounds_practice_get_staff_roles (practice));
  rounds_list_editor_set_values (self->languages_editor,
                                 rounds_practice_get_languages (practice), NULL);

  if (rounds_practice_get_phones (practice)[0] == NULL)
    rounds_list_editor_add_row (self->phones_editor, NULL, NULL);
  if (rounds_practice_get_addresses (practice)[0] == NULL)
    rounds_list_editor_add_row (self->addresses_editor, NULL, NULL);

  clear_errors (self);
}

/**
 * rounds_practice_form_dup_practice:
 *
 * Returns: (transfer full): a new profile with what the form holds (fields
 *   the form does not show are kept from the practice it was given).
 */
RoundsPractice *
rounds_practice_form_dup_practice (RoundsPracticeForm *self)
{
  RoundsPractice *practice;
  const char * const *specialties = rounds_practice_specialties ();
  GtkStringObject *zone;
  guint specialty;
  g_auto(GStrv) phones = rounds_list_editor_dup_values (self->phones_editor);
  g_auto(GStrv) emails = rounds_list_editor_dup_values (self->emails_editor);
  g_auto(GStrv) addresses = rounds_list_editor_dup_values (self->addresses_editor);
  g_auto(GStrv) staff = rounds_list_editor_dup_values (self->staff_editor);
  g_auto(GStrv) roles = rounds_list_editor_dup_second_values (self->staff_editor);
  g_auto(GStrv) languages = rounds_list_editor_dup_values (self->languages_editor);
  g_autofree char *name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  g_autofree char *website = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->website_row)));

  g_return_val_if_fail (ROUNDS_IS_PRACTICE_FORM (self), NULL);

  practice = rounds_practice_copy (self->practice);
  rounds_practice_set_name (practice, g_strstrip (name));
  rounds_practice_set_website (practice, g_strstrip (website));

  specialty = gtk_drop_down_get_selected (self->specialty_dropdown);
  if (specialty < g_strv_length ((GStrv)specialties))
    rounds_practice_set_specialty (practice, specialties[specialty]);

  {
    const char * const *codes = rounds_content_languages ();
    guint language = gtk_drop_down_get_selected (self->content_language_dropdown);

    if (language < g_strv_length ((GStrv)codes))
      rounds_practice_set_content_language (practice, codes[language]);
  }

  ensure_zones (self);
  zone = gtk_drop_down_get_selected_item (self->timezone_dropdown);
  if (zone != NULL)
    rounds_practice_set_timezone (practice, gtk_string_object_get_string (zone));

  rounds_practice_set_phones (practice, (const char * const *)phones);
  rounds_practice_set_emails (practice, (const char * const *)emails);
  rounds_practice_set_addresses (practice, (const char * const *)addresses);
  rounds_practice_set_staff (practice, (const char * const *)staff, (const char * const *)roles);
  rounds_practice_set_languages (practice, (const char * const *)languages);

  return practice;
}

/**
 * rounds_practice_form_save:
 *
 * Checks the form; emits #RoundsPracticeForm::saved when it is right,
 * else shows what to fix and moves the focus there.
 *
 * Returns: whether it was saved.
 */
gboolean
rounds_practice_form_save (RoundsPracticeForm *self)
{
  g_autoptr(RoundsPractice) practice = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  GtkWidget *first = NULL;

  g_return_val_if_fail (ROUNDS_IS_PRACTICE_FORM (self), FALSE);

  clear_errors (self);
  practice = rounds_practice_form_dup_practice (self);
  problems = rounds_practice_find_problems (practice);

  if (problems->len > 0)
    {
      /* Every faulty field is marked, with its message under it; the
       * focus (and so the scrolling) goes to the first. Next to Save, a
       * word that there is more than one. */
      for (guint p = 0; p < problems->len; p++)
        {
          RoundsPracticeProblem *problem = g_ptr_array_index (problems, p);

          for (guint i = 0; i < N_FIELDS; i++)
            {
              GtkWidget *widget;
              GtkLabel *label;

              if (g_strcmp0 (fields[i], problem->field) != 0)
                continue;
              widget = widget_for_field (self, fields[i]);
              label = field_label (self, i);
              if (label != NULL)
                {
                  gtk_label_set_text (label, problem->message);
                  gtk_widget_set_visible (self->field_boxes[i], TRUE);
                }
              if (widget != NULL)
                {
                  /* A whole list in red reads as a heading in red: only
                   * an entry is drawn so; each says it is invalid. */
                  if (ADW_IS_ENTRY_ROW (widget))
                    gtk_widget_add_css_class (widget, "error");
                  gtk_accessible_update_state (GTK_ACCESSIBLE (widget),
                                               GTK_ACCESSIBLE_STATE_INVALID,
                                               GTK_ACCESSIBLE_INVALID_TRUE, -1);
                  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                                  problem->message, -1);
                  if (first == NULL)
                    first = widget;
                }
            }
        }

      if (problems->len == 1)
        gtk_label_set_text (self->error_label,
                            ((RoundsPracticeProblem *) g_ptr_array_index (problems, 0))->message);
      else
        {
          g_autofree char *summary =
            g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u field needs fixing: see the message under it.",
                                          "%u fields need fixing: see the message under each.",
                                          problems->len),
                             problems->len);

          gtk_label_set_text (self->error_label, summary);
        }
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      if (first != NULL)
        gtk_widget_grab_focus (first);
      return FALSE;
    }

  g_signal_emit (self, signals[SAVED], 0, practice);
  return TRUE;
}
