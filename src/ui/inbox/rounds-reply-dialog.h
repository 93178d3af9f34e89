/* rounds-reply-dialog.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rounds-comment.h"
#include "rounds-context.h"
#include "rounds-post-editor.h"
#include "rounds-reply-sender.h"

G_BEGIN_DECLS

#define ROUNDS_TYPE_REPLY_DIALOG (rounds_reply_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RoundsReplyDialog, rounds_reply_dialog, ROUNDS, REPLY_DIALOG, AdwWindow)

RoundsReplyDialog *rounds_reply_dialog_new              (RoundsContext     *context,
                                                         RoundsComment     *comment,
                                                         RoundsReplySender *sender);
RoundsPostEditor  *rounds_reply_dialog_get_editor       (RoundsReplyDialog *self);
RoundsComment     *rounds_reply_dialog_get_comment      (RoundsReplyDialog *self);
GListModel        *rounds_reply_dialog_get_templates    (RoundsReplyDialog *self);
void               rounds_reply_dialog_use_template     (RoundsReplyDialog *self,
                                                         guint              index);
gboolean           rounds_reply_dialog_suggest          (RoundsReplyDialog *self);
gboolean           rounds_reply_dialog_needs_approval   (RoundsReplyDialog *self);
gboolean           rounds_reply_dialog_can_send         (RoundsReplyDialog *self);
gboolean           rounds_reply_dialog_send             (RoundsReplyDialog *self);
gboolean           rounds_reply_dialog_submit           (RoundsReplyDialog *self);
gboolean           rounds_reply_dialog_approve          (RoundsReplyDialog *self,
                                                         const char        *approver,
                                                         const char        *override_reason);
gboolean           rounds_reply_dialog_is_sending       (RoundsReplyDialog *self);
const char        *rounds_reply_dialog_get_error        (RoundsReplyDialog *self);
const char        *rounds_reply_dialog_get_status       (RoundsReplyDialog *self);
GtkWidget         *rounds_reply_dialog_get_send_button  (RoundsReplyDialog *self);
GtkWidget         *rounds_reply_dialog_get_checklist    (RoundsReplyDialog *self);

G_END_DECLS
