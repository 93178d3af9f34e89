/* rounds-list-editor-row.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-list-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "rounds-list-editor-row.h"

/* A row of RoundsListEditor: the text in the entry row, an optional
 * second field (shown when it has a placeholder: a staff member's role)
 * and a remove button. ::edited says either text changed;
 * ::remove-requested that the button was pressed. */

struct _RoundsListEditorRow
{
  AdwEntryRow  parent_instance;

  GtkWidget   *second_entry;
  GtkWidget   *remove_button;
};

G_DEFINE_FINAL_TYPE (RoundsListEditorRow, rounds_list_editor_row, ADW_TYPE_ENTRY_ROW)

enum {
  EDITED,
  REMOVE_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_changed_cb (RoundsListEditorRow *self)
{
  g_signal_emit (self, signals[EDITED], 0);
}

static void
on_remove_clicked_cb (RoundsListEditorRow *self)
{
  g_signal_emit (self, signals[REMOVE_REQUESTED], 0);
}

static void
rounds_list_editor_row_class_init (RoundsListEditorRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  signals[EDITED] =
    g_signal_new ("edited", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[REMOVE_REQUESTED] =
    g_signal_new ("remove-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/rounds-list-editor-row.ui");
  gtk_widget_class_bind_template_child (widget_class, RoundsListEditorRow, second_entry);
  gtk_widget_class_bind_template_child (widget_class, RoundsListEditorRow, remove_button);
  gtk_widget_class_bind_template_callback (widget_class, on_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_clicked_cb);
}

static void
rounds_list_editor_row_init (RoundsListEditorRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * rounds_list_editor_row_new:
 * @title: what a row holds ("Phone number")
 * @second_placeholder: (nullable): the second field's placeholder; no
 *   second field when %NULL or empty
 */
GtkWidget *
rounds_list_editor_row_new (const char *title,
                            const char *value,
                            const char *second_placeholder,
                            const char *second_value)
{
  RoundsListEditorRow *self = g_object_new (ROUNDS_TYPE_LIST_EDITOR_ROW, NULL);
  /* TRANSLATORS: %s is what a row holds, e.g. "Phone number" */
  g_autofree char *remove_label = g_strdup_printf (_("Remove %s"), title);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);
  gtk_editable_set_text (GTK_EDITABLE (self), value != NULL ? value : "");

  if (second_placeholder != NULL && second_placeholder[0] != '\0')
    {
      gtk_entry_set_placeholder_text (GTK_ENTRY (self->second_entry), second_placeholder);
      gtk_editable_set_text (GTK_EDITABLE (self->second_entry),
                             second_value != NULL ? second_value : "");
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->second_entry),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, second_placeholder, -1);
      gtk_widget_set_visible (self->second_entry, TRUE);
    }

  gtk_widget_set_tooltip_text (self->remove_button, remove_label);
  /* GTK 4.8 does not name a button after its tooltip */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->remove_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label, -1);

  return GTK_WIDGET (self);
}

/**
 * rounds_list_editor_row_get_second_text:
 *
 * Returns: (nullable): the second field's text, %NULL if the row has none.
 */
const char *
rounds_list_editor_row_get_second_text (RoundsListEditorRow *self)
{
  g_return_val_if_fail (ROUNDS_IS_LIST_EDITOR_ROW (self), NULL);

  if (!gtk_widget_get_visible (self->second_entry))
    return NULL;
  return gtk_editable_get_text (GTK_EDITABLE (self->second_entry));
}
