/* rounds-menu-on-demand.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A menu button whose popover menu is made when it is first opened:
 * gtk_menu_button_set_menu_model() makes the whole popover menu (a
 * widget per item) at once, a cost a page's first switch paid for menus
 * nobody had opened yet (issue 17; docs/decisions.md, "A page's menus
 * are made when first opened …"). Until then the button has no menu
 * model and no popover; gtk_menu_button_popup() makes them. */
void rounds_menu_button_set_menu_on_demand (GtkMenuButton *button,
                                            GMenuModel    *model);

G_END_DECLS
