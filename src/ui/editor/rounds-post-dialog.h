/* rounds-post-dialog.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rounds-context.h"

G_BEGIN_DECLS

#define ROUNDS_TYPE_POST_DIALOG (rounds_post_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RoundsPostDialog, rounds_post_dialog, ROUNDS, POST_DIALOG, AdwWindow)

RoundsPostDialog *rounds_post_dialog_new          (RoundsContext    *context,
                                                   RoundsPost       *post);
RoundsPost       *rounds_post_dialog_get_post     (RoundsPostDialog *self);
gboolean          rounds_post_dialog_save         (RoundsPostDialog *self);

G_END_DECLS
