/* rounds-list-editor.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-list-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "rounds-list-editor.h"
#include "rounds-list-editor-row.h"

/* A titled list of short texts — phone numbers, addresses, staff — each
 * in its own entry row with a remove button, and an Add button. With
 * #RoundsListEditor:second-placeholder set, each row also has a second
 * field (a staff member's role). */

struct _RoundsListEditor
{
  AdwBin                parent_instance;
  AdwPreferencesGroup  *group;
  GtkButton            *add_button;
  GPtrArray            *rows;   /* RoundsListEditorRow */
  char                 *row_title;
  char                 *second_placeholder;
};

G_DEFINE_FINAL_TYPE (RoundsListEditor, rounds_list_editor, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_ROW_TITLE,
  PROP_ADD_LABEL,
  PROP_SECOND_PLACEHOLDER,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
on_remove_requested_cb (RoundsListEditorRow *row,
                        RoundsListEditor    *self)
{
  g_ptr_array_remove (self->rows, row);
  adw_preferences_group_remove (self->group, GTK_WIDGET (row));
  gtk_widget_grab_focus (GTK_WIDGET (self->add_button));
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_row_edited_cb (RoundsListEditor *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

void
rounds_list_editor_add_row (RoundsListEditor *self,
                            const char       *value,
                            const char       *second_value)
{
  GtkWidget *row;

  g_return_if_fail (ROUNDS_IS_LIST_EDITOR (self));

  row = rounds_list_editor_row_new (self->row_title, value, self->second_placeholder,
                                    second_value);
  g_signal_connect_object (row, "edited", G_CALLBACK (on_row_edited_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "remove-requested", G_CALLBACK (on_remove_requested_cb), self, 0);
  adw_preferences_group_add (self->group, row);
  g_ptr_array_add (self->rows, row);
}

static void
on_add_clicked_cb (RoundsListEditor *self)
{
  rounds_list_editor_add_row (self, NULL, NULL);
  gtk_widget_grab_focus (g_ptr_array_index (self->rows, self->rows->len - 1));
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
rounds_list_editor_dispose (GObject *object)
{
  RoundsListEditor *self = (RoundsListEditor *)object;

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  G_OBJECT_CLASS (rounds_list_editor_parent_class)->dispose (object);
}

static void
rounds_list_editor_finalize (GObject *object)
{
  RoundsListEditor *self = (RoundsListEditor *)object;

  g_free (self->row_title);
  g_free (self->second_placeholder);

  G_OBJECT_CLASS (rounds_list_editor_parent_class)->finalize (object);
}

static void
rounds_list_editor_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  RoundsListEditor *self = ROUNDS_LIST_EDITOR (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, adw_preferences_group_get_title (self->group));
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, adw_preferences_group_get_description (self->group));
      break;
    case PROP_ROW_TITLE:
      g_value_set_string (value, self->row_title);
      break;
    case PROP_ADD_LABEL:
      g_value_set_string (value, gtk_button_get_label (self->add_button));
      break;
    case PROP_SECOND_PLACEHOLDER:
      g_value_set_string (value, self->second_placeholder);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rounds_list_editor_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  RoundsListEditor *self = ROUNDS_LIST_EDITOR (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      adw_preferences_group_set_title (self->group, g_value_get_string (value));
      break;
    case PROP_DESCRIPTION:
      adw_preferences_group_set_description (self->group, g_value_get_string (value));
      break;
    case PROP_ROW_TITLE:
      g_free (self->row_title);
      self->row_title = g_value_dup_string (value);
      break;
    case PROP_ADD_LABEL:
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->add_button), g_value_get_string (value));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->add_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, g_value_get_string (value),
                                      -1);
      break;
    case PROP_SECOND_PLACEHOLDER:
      g_free (self->second_placeholder);
      self->second_placeholder = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rounds_list_editor_class_init (RoundsListEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS;

  object_class->dispose = rounds_list_editor_dispose;
  object_class->finalize = rounds_list_editor_finalize;
  object_class->get_property = rounds_list_editor_get_property;
  object_class->set_property = rounds_list_editor_set_property;

  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, flags);
  properties[PROP_ROW_TITLE] = g_param_spec_string ("row-title", NULL, NULL, NULL, flags);
  properties[PROP_ADD_LABEL] = g_param_spec_string ("add-label", NULL, NULL, NULL, flags);
  properties[PROP_SECOND_PLACEHOLDER] = g_param_spec_string ("second-placeholder", NULL, NULL,
                                                             NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/rounds-list-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, RoundsListEditor, group);
  gtk_widget_class_bind_template_child (widget_class, RoundsListEditor, add_button);
  gtk_widget_class_bind_template_callback (widget_class, on_add_clicked_cb);
}

static void
rounds_list_editor_init (RoundsListEditor *self)
{
  self->rows = g_ptr_array_new ();
  self->row_title = g_strdup ("");

  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * rounds_list_editor_set_values:
 * @second_values: (nullable): values of the second fields, parallel
 */
void
rounds_list_editor_set_values (RoundsListEditor   *self,
                               const char * const *values,
                               const char * const *second_values)
{
  gboolean second_done = second_values == NULL;

  g_return_if_fail (ROUNDS_IS_LIST_EDITOR (self));

  while (self->rows->len > 0)
    {
      GtkWidget *row = g_ptr_array_steal_index (self->rows, self->rows->len - 1);
      adw_preferences_group_remove (self->group, row);
    }

  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      const char *second = NULL;

      if (!second_done)
        {
          second = second_values[i];
          second_done = second == NULL;
        }
      rounds_list_editor_add_row (self, values[i], second);
    }
}

static GStrv
collect (RoundsListEditor *self,
         gboolean          second)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      const char *text = second ? rounds_list_editor_row_get_second_text (ROUNDS_LIST_EDITOR_ROW (row))
                                : gtk_editable_get_text (GTK_EDITABLE (row));

      g_strv_builder_add (builder, text != NULL ? text : "");
    }

  return g_strv_builder_end (builder);
}

/**
 * rounds_list_editor_dup_values:
 *
 * Returns: (transfer full): one value per row, as typed (empty ones too,
 *   so that they stay parallel to the second values).
 */
GStrv
rounds_list_editor_dup_values (RoundsListEditor *self)
{
  g_return_val_if_fail (ROUNDS_IS_LIST_EDITOR (self), NULL);
  return collect (self, FALSE);
}

GStrv
rounds_list_editor_dup_second_values (RoundsListEditor *self)
{
  g_return_val_if_fail (ROUNDS_IS_LIST_EDITOR (self), NULL);
  return collect (self, TRUE);
}
