/* rounds-window-private.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rounds-window.h"

G_BEGIN_DECLS

/* rounds-window-actions.c: the window's actions (win.*, post.*). */
void _rounds_window_class_install_actions (GtkWidgetClass *widget_class);
void _rounds_window_update_actions        (RoundsWindow   *self);

G_END_DECLS
