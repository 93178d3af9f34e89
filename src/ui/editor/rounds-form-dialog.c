/* rounds-form-dialog.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-form-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "rounds-form-dialog.h"

/**
 * rounds_form_dialog_build:
 * @window: the dialog, still empty
 * @title: its title, in the header bar and for the window
 * @action_mnemonic: the suggested action's label ("_Record", "_Add")
 * @action: called, swapped, with @window when the action is clicked
 * @out: (out caller-allocates): the page to fill and the error line
 *
 * Makes the header bar (Cancel closes), the hidden error line and an
 * empty preferences page as the window's content.
 */
void
rounds_form_dialog_build (AdwWindow        *window,
                          const char       *title,
                          const char       *action_mnemonic,
                          GCallback         action,
                          int               width,
                          int               height,
                          RoundsFormDialog *out)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *button = gtk_button_new_with_mnemonic (action_mnemonic);
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *window_title = adw_window_title_new (title, NULL);
  GtkLabel *error_label = GTK_LABEL (gtk_label_new (NULL));

  g_return_if_fail (ADW_IS_WINDOW (window));
  g_return_if_fail (out != NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_set_title (GTK_WINDOW (window), title);

  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), window_title);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), button);
  gtk_widget_add_css_class (button, "suggested-action");
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_close), window);
  g_signal_connect_swapped (button, "clicked", action, window);
  gtk_box_append (GTK_BOX (box), header);

  gtk_label_set_wrap (error_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (error_label), "error");
  gtk_widget_set_margin_top (GTK_WIDGET (error_label), 12);
  gtk_widget_set_margin_start (GTK_WIDGET (error_label), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (error_label), 12);
  gtk_widget_set_visible (GTK_WIDGET (error_label), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (error_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Problem"), -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (error_label));

  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);
  adw_window_set_content (window, box);

  out->page = ADW_PREFERENCES_PAGE (page);
  out->error_label = error_label;
}

/* Says what is wrong above the form (NULL hides the line). */
void
rounds_form_dialog_show_error (RoundsFormDialog *form,
                               const char       *message)
{
  gtk_label_set_text (form->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (form->error_label), message != NULL);
}

AdwPreferencesGroup *
rounds_form_dialog_add_group (RoundsFormDialog *form,
                              const char       *title,
                              const char       *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  adw_preferences_page_add (form->page, ADW_PREFERENCES_GROUP (group));
  return ADW_PREFERENCES_GROUP (group);
}

AdwEntryRow *
rounds_form_dialog_add_entry (AdwPreferencesGroup *group,
                              const char          *title)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_group_add (group, row);
  return ADW_ENTRY_ROW (row);
}

/**
 * rounds_form_dialog_add_check:
 * @subtitle: (nullable)
 *
 * A row with a check box in front, named once, by the row: the row's
 * title labels the check box (an accessible label besides was said
 * twice, "Photo Photo"; docs/decisions.md, "Accessible names under GTK
 * 4.8").
 */
GtkCheckButton *
rounds_form_dialog_add_check (AdwPreferencesGroup *group,
                              const char          *title,
                              const char          *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  adw_preferences_group_add (group, row);
  return GTK_CHECK_BUTTON (check);
}
