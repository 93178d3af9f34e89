/* rounds-comment-dialog.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rounds-context.h"

G_BEGIN_DECLS

#define ROUNDS_TYPE_COMMENT_DIALOG (rounds_comment_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RoundsCommentDialog, rounds_comment_dialog, ROUNDS, COMMENT_DIALOG, AdwWindow)

RoundsCommentDialog *rounds_comment_dialog_new    (RoundsContext       *context);
void                 rounds_comment_dialog_fill   (RoundsCommentDialog *self,
                                                   const char          *author,
                                                   RoundsNetwork        network,
                                                   const char          *text,
                                                   const char          *link,
                                                   int                  rating);
gboolean             rounds_comment_dialog_add    (RoundsCommentDialog *self);
const char          *rounds_comment_dialog_get_error (RoundsCommentDialog *self);

G_END_DECLS
