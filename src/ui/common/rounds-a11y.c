/* rounds-a11y.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "rounds-a11y.h"

/* GTK 4.8 names a button whose label has a mnemonic ("_Save") twice: the
 * button sets its accessible label to the label text, underscore and
 * all, and the label child, as the mnemonic's label, adds a labelled-by
 * relation; GTK 4.8 reads both ("_Save Save"). The label child alone says
 * it right, so the button's own accessible label is dropped whenever the
 * button sets it.
 *
 * GLib 2.74 does not emit notify on an object nobody listens to, so an
 * emission hook on notify::label never runs: the hook is on map (before
 * anyone can hear the button), where the button also gets a notify::label
 * handler for labels changed later. */
static void
name_button_once (GtkButton *button)
{
  if (gtk_button_get_use_underline (button) && gtk_button_get_label (button) != NULL)
    gtk_accessible_reset_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

static void
on_button_label_changed_cb (GtkButton  *button,
                            GParamSpec *pspec,
                            gpointer    user_data)
{
  name_button_once (button);
}

static gboolean
on_widget_map (GSignalInvocationHint *hint,
               guint                  n_values,
               const GValue          *values,
               gpointer               user_data)
{
  GObject *object = g_value_get_object (&values[0]);

  if (!GTK_IS_BUTTON (object))
    return TRUE;
  name_button_once (GTK_BUTTON (object));
  if (g_signal_handler_find (object, G_SIGNAL_MATCH_FUNC, 0, 0, NULL,
                             on_button_label_changed_cb, NULL) == 0)
    {
      g_signal_connect (object, "notify::label", G_CALLBACK (on_button_label_changed_cb), NULL);
      g_signal_connect (object, "notify::use-underline",
                        G_CALLBACK (on_button_label_changed_cb), NULL);
    }
  return TRUE;
}

/**
 * rounds_a11y_name_buttons_once:
 *
 * Makes every button with a mnemonic label, the app's and libadwaita's
 * (a message dialog's responses), say its name once. Call once, before
 * any window is shown.
 */
void
rounds_a11y_name_buttons_once (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      /* The signal exists once the class does. */
      g_type_class_unref (g_type_class_ref (GTK_TYPE_BUTTON));
      g_signal_add_emission_hook (g_signal_lookup ("map", GTK_TYPE_WIDGET), 0,
                                  on_widget_map, NULL, NULL);
      g_once_init_leave (&done, 1);
    }
}
