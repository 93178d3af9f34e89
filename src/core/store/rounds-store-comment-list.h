/* rounds-store-comment-list.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rounds-comment.h"
#include "rounds-store.h"
#include "rounds-store-inbox.h"

G_BEGIN_DECLS

#define ROUNDS_TYPE_COMMENT_LIST (rounds_comment_list_get_type ())

G_DECLARE_FINAL_TYPE (RoundsCommentList, rounds_comment_list, ROUNDS, COMMENT_LIST, GObject)

RoundsCommentList *rounds_comment_list_new         (RoundsStore             *store);
void               rounds_comment_list_set_filter  (RoundsCommentList       *self,
                                                    const RoundsInboxFilter *filter);
void               rounds_comment_list_set_overdue (RoundsCommentList       *self,
                                                    const gint64            *seconds,
                                                    gint64                   now);
void               rounds_comment_list_load_async  (RoundsCommentList       *self,
                                                    GCancellable            *cancellable,
                                                    GAsyncReadyCallback      callback,
                                                    gpointer                 user_data);
gboolean           rounds_comment_list_load_finish (RoundsCommentList       *self,
                                                    GAsyncResult            *result,
                                                    GError                 **error);
gboolean           rounds_comment_list_get_loaded  (RoundsCommentList       *self);
guint              rounds_comment_list_find        (RoundsCommentList       *self,
                                                    gint64                   id);
/* For tests: pages of rows read on the main thread */
guint              _rounds_comment_list_get_n_pages_read (RoundsCommentList *self);

G_END_DECLS
