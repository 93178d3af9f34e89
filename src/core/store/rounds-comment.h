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
gboolean           rounds_comment_get_is_read     (RoundsComment *self);   /* state is not "new" */

/* The Inbox (issue 14); see rounds-store-inbox.h */
gint64             rounds_comment_get_account_id  (RoundsComment *self);   /* 0: pasted by hand, sample */
const char        *rounds_comment_get_remote_id   (RoundsComment *self);   /* the network's id, or NULL */
const char        *rounds_comment_get_parent_remote_id (RoundsComment *self); /* what it answers */
const char        *rounds_comment_get_author_handle (RoundsComment *self); /* @handle, or NULL */
const char        *rounds_comment_get_url         (RoundsComment *self);   /* link to it, or NULL */
RoundsTriageKind   rounds_comment_get_triage      (RoundsComment *self);
RoundsInboxState   rounds_comment_get_state       (RoundsComment *self);
gint64             rounds_comment_get_deleted_at  (RoundsComment *self);   /* 0: still on the network */
gboolean           rounds_comment_get_by_hand     (RoundsComment *self);   /* pasted in by hand */
gint64             rounds_comment_get_fetched_at  (RoundsComment *self);   /* when Rounds got it (UTC) */
gint64             rounds_comment_get_answered_at (RoundsComment *self);   /* 0: not answered */
gboolean           rounds_comment_needs_attention (RoundsComment *self);
gboolean           rounds_comment_is_unanswered   (RoundsComment *self);
guint              _rounds_comment_get_n_live     (void);

G_END_DECLS
