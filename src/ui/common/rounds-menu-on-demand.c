/* rounds-menu-on-demand.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rounds-menu-on-demand.h"

/* Called by the button as it opens, before it pops its popover up;
 * @user_data is the model, held by the closure. */
static void
create_popup_cb (GtkMenuButton *button,
                 gpointer       user_data)
{
  GMenuModel *model = user_data;

  if (gtk_menu_button_get_menu_model (button) != model)
    gtk_menu_button_set_menu_model (button, model);
}

void
rounds_menu_button_set_menu_on_demand (GtkMenuButton *button,
                                       GMenuModel    *model)
{
  g_return_if_fail (GTK_IS_MENU_BUTTON (button));
  g_return_if_fail (G_IS_MENU_MODEL (model));

  gtk_menu_button_set_menu_model (button, NULL);
  /* The button stays sensitive: it has a way to make its popover. */
  gtk_menu_button_set_create_popup_func (button, create_popup_cb, g_object_ref (model),
                                         g_object_unref);
}
