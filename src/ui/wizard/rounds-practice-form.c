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

struct _RoundsPracticeForm
{
  AdwBin            parent_instance;

  GtkStringList    *zones;
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
  if (g_strcmp0 (field, "website") == 0)
    return GTK_WIDGET (self->website_row);
  if (g_strcmp0 (field, "phones") == 0)
    return GTK_WIDGET (self->phones_editor);
  if (g_strcmp0 (field, "emails") == 0)
    return GTK_WIDGET (self->emails_editor);
  return NULL;
}

static void
clear_errors (RoundsPracticeForm *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->website_row), "error");
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

static void
rounds_practice_form_dispose (GObject *object)
{
  RoundsPracticeForm *self = (RoundsPracticeForm *)object;

  g_clear_object (&self->practice);
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
  g_auto(GStrv) zones = rounds_time_list_zones ();
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

  self->zones = gtk_string_list_new ((const char * const *)zones);
  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  gtk_drop_down_set_expression (self->timezone_dropdown, expression);
  gtk_drop_down_set_model (self->timezone_dropdown, G_LIST_MODEL (self->zones));
  g_object_unref (self->zones);   /* the drop-down keeps it */

  {
    g_autoptr(RoundsPractice) blank = rounds_practice_new ();
    rounds_practice_form_set_practice (self, blank);
  }
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
  pos = zone_position (self, tz);
  if (pos == GTK_INVALID_LIST_POSITION)
    pos = zone_position (self, "UTC");
  gtk_drop_down_set_selected (self->timezone_dropdown, pos);

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
  g_autoptr(GError) error = NULL;
  const char *field = NULL;

  g_return_val_if_fail (ROUNDS_IS_PRACTICE_FORM (self), FALSE);

  clear_errors (self);
  practice = rounds_practice_form_dup_practice (self);

  if (!rounds_practice_validate (practice, &field, &error))
    {
      GtkWidget *widget = widget_for_field (self, field);

      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      if (widget != NULL)
        {
          if (ADW_IS_ENTRY_ROW (widget))
            gtk_widget_add_css_class (widget, "error");
          gtk_widget_grab_focus (widget);
        }
      return FALSE;
    }

  g_signal_emit (self, signals[SAVED], 0, practice);
  return TRUE;
}
