/* rounds-menu-on-demand.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rounds-menu-on-demand.h"

#define MODEL_KEY "rounds-menu-on-demand"

/* Called by the button as it opens, before it pops its popover up. */
static void
create_popup_cb (GtkMenuButton *button,
                 gpointer       user_data)
{
  GMenuModel *model = g_object_get_data (G_OBJECT (button), MODEL_KEY);

  if (model == NULL || gtk_menu_button_get_menu_model (button) == model)
    return;
  gtk_menu_button_set_menu_model (button, model);
}

void
rounds_menu_button_set_menu_on_demand (GtkMenuButton *button,
                                       GMenuModel    *model)
{
  g_return_if_fail (GTK_IS_MENU_BUTTON (button));
  g_return_if_fail (model == NULL || G_IS_MENU_MODEL (model));

  gtk_menu_button_set_menu_model (button, NULL);
  g_object_set_data_full (G_OBJECT (button), MODEL_KEY,
                          model != NULL ? g_object_ref (model) : NULL, g_object_unref);
  /* The button stays sensitive: it has a way to make its popover. */
  gtk_menu_button_set_create_popup_func (button, model != NULL ? create_popup_cb : NULL, NULL, NULL);
}

GMenuModel *
rounds_menu_button_get_menu_on_demand (GtkMenuButton *button)
{
  GMenuModel *model;

  g_return_val_if_fail (GTK_IS_MENU_BUTTON (button), NULL);

  model = g_object_get_data (G_OBJECT (button), MODEL_KEY);
  return model != NULL ? model : gtk_menu_button_get_menu_model (button);
}
