/* rounds-post-dialog.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rounds-context.h"
#include "rounds-post-editor.h"

G_BEGIN_DECLS

#define ROUNDS_TYPE_POST_DIALOG (rounds_post_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RoundsPostDialog, rounds_post_dialog, ROUNDS, POST_DIALOG, AdwWindow)

RoundsPostDialog *rounds_post_dialog_new          (RoundsContext    *context,
                                                   RoundsPost       *post);
RoundsPost       *rounds_post_dialog_get_post     (RoundsPostDialog *self);
gboolean          rounds_post_dialog_save         (RoundsPostDialog *self);
RoundsPostEditor *rounds_post_dialog_get_editor   (RoundsPostDialog *self);
void              rounds_post_dialog_refresh      (RoundsPostDialog *self);
gboolean          rounds_post_dialog_add_image    (RoundsPostDialog *self,
                                                   const char       *path);
void              rounds_post_dialog_set_autosave_delay (RoundsPostDialog *self,
                                                   guint             ms);
gboolean          rounds_post_dialog_autosave_now (RoundsPostDialog *self);

G_END_DECLS
