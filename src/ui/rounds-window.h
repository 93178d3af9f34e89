/* rounds-window.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rounds-application.h"
#include "rounds-context.h"

G_BEGIN_DECLS

#define ROUNDS_TYPE_WINDOW (rounds_window_get_type ())

G_DECLARE_FINAL_TYPE (RoundsWindow, rounds_window, ROUNDS, WINDOW, AdwApplicationWindow)

RoundsWindow  *rounds_window_new            (RoundsApplication *application);
RoundsContext *rounds_window_get_context    (RoundsWindow      *self);
void           rounds_window_set_context    (RoundsWindow      *self,
                                             RoundsContext     *context);
const char    *rounds_window_get_screen     (RoundsWindow      *self);
gboolean       rounds_window_is_loading     (RoundsWindow      *self);
const char    *rounds_window_get_place      (RoundsWindow      *self);
void           rounds_window_show_place     (RoundsWindow      *self,
                                             const char        *place);
void           rounds_window_show_welcome   (RoundsWindow      *self);
void           rounds_window_explore_sample (RoundsWindow      *self);
void           rounds_window_reset_sample   (RoundsWindow      *self);
void           rounds_window_set_up_practice (RoundsWindow     *self);
void           rounds_window_add_toast      (RoundsWindow      *self,
                                             AdwToast          *toast);
GtkWidget     *rounds_window_get_posts_page (RoundsWindow      *self);
GtkWidget     *rounds_window_get_inbox_page (RoundsWindow      *self);
GtkWindow     *rounds_window_open_comment   (RoundsWindow      *self,
                                             gint64             comment_id);
GtkWindow     *rounds_window_open_post      (RoundsWindow      *self,
                                             RoundsPost        *post);
gboolean       rounds_window_delete_post    (RoundsWindow      *self,
                                             RoundsPost        *post);
gboolean       rounds_window_retry_post     (RoundsWindow      *self,
                                             gint64             post_id);
GtkWidget     *rounds_window_new_place      (const char        *name);
void           rounds_window_set_place_context (GtkWidget     *page,
                                                RoundsContext *context);

G_END_DECLS
