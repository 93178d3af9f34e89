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
gboolean _rounds_window_is_read_only       (RoundsWindow   *self);

/* rounds-window-moves.c: post.reschedule and its undo stack. */
typedef struct _RoundsWindowMoves RoundsWindowMoves;

RoundsWindowMoves *_rounds_window_moves_new                  (void);
void               _rounds_window_moves_clear                (RoundsWindowMoves *moves);
void               _rounds_window_moves_free                 (RoundsWindowMoves *moves);
void               _rounds_window_class_install_move_actions (GtkWidgetClass    *widget_class);

/* rounds-window.c */
RoundsWindowMoves *_rounds_window_get_moves                  (RoundsWindow      *self);
void               _rounds_window_report_backup              (RoundsWindow      *self,
                                                              RoundsStore       *store);

G_END_DECLS
