/* rounds-comment.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "rounds-types.h"

G_BEGIN_DECLS

#define ROUNDS_TYPE_COMMENT (rounds_comment_get_type ())

G_DECLARE_FINAL_TYPE (RoundsComment, rounds_comment, ROUNDS, COMMENT, GObject)

gint64             rounds_comment_get_id          (RoundsComment *self);
RoundsNetwork      rounds_comment_get_network     (RoundsComment *self);
RoundsCommentKind  rounds_comment_get_kind        (RoundsComment *self);
const char        *rounds_comment_get_author      (RoundsComment *self);
const char        *rounds_comment_get_body        (RoundsComment *self);
gint64             rounds_comment_get_received_at (RoundsComment *self);
gint64             rounds_comment_get_post_id     (RoundsComment *self);
int                rounds_comment_get_rating      (RoundsComment *self);
gboolean           rounds_comment_get_is_read     (RoundsComment *self);

G_END_DECLS
