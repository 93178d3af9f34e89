/* rounds-post-editor.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rounds-context.h"

G_BEGIN_DECLS

#define ROUNDS_TYPE_POST_EDITOR (rounds_post_editor_get_type ())

G_DECLARE_FINAL_TYPE (RoundsPostEditor, rounds_post_editor, ROUNDS, POST_EDITOR, AdwBin)

/* Milliseconds between the last keystroke and the scan. */
#define ROUNDS_POST_EDITOR_SCAN_DELAY_MS 100

RoundsPostEditor *rounds_post_editor_new                (RoundsContext    *context,
                                                         RoundsTextKind    kind);
RoundsContext    *rounds_post_editor_get_context        (RoundsPostEditor *self);
void              rounds_post_editor_set_context        (RoundsPostEditor *self,
                                                         RoundsContext    *context);
RoundsTextKind    rounds_post_editor_get_kind           (RoundsPostEditor *self);
void              rounds_post_editor_set_kind           (RoundsPostEditor *self,
                                                         RoundsTextKind    kind);
const char       *rounds_post_editor_get_reviewer       (RoundsPostEditor *self);
void              rounds_post_editor_set_reviewer       (RoundsPostEditor *self,
                                                         const char       *reviewer);
gint64            rounds_post_editor_get_post_id        (RoundsPostEditor *self);
void              rounds_post_editor_set_post_id        (RoundsPostEditor *self,
                                                         gint64            post_id);
gint64            rounds_post_editor_get_reply_id       (RoundsPostEditor *self);
void              rounds_post_editor_set_reply_id       (RoundsPostEditor *self,
                                                         gint64            reply_id);

GtkTextView      *rounds_post_editor_get_text_view      (RoundsPostEditor *self);
GtkTextBuffer    *rounds_post_editor_get_buffer         (RoundsPostEditor *self);
char             *rounds_post_editor_dup_text           (RoundsPostEditor *self);
void              rounds_post_editor_set_text           (RoundsPostEditor *self,
                                                         const char       *text);

gboolean          rounds_post_editor_is_scanning        (RoundsPostEditor *self);
void              rounds_post_editor_scan_now           (RoundsPostEditor *self);
GPtrArray        *rounds_post_editor_get_findings       (RoundsPostEditor *self);
GPtrArray        *rounds_post_editor_dup_all_findings   (RoundsPostEditor *self);
void              rounds_post_editor_set_extra_findings (RoundsPostEditor *self,
                                                         GPtrArray        *findings);
guint             rounds_post_editor_count_blocking     (RoundsPostEditor *self);
const char       *rounds_post_editor_get_summary        (RoundsPostEditor *self);
gboolean          rounds_post_editor_is_acknowledged    (RoundsPostEditor *self,
                                                         RoundsFinding    *finding);

void              rounds_post_editor_show_finding       (RoundsPostEditor *self,
                                                         RoundsFinding    *finding);
void              rounds_post_editor_select_finding     (RoundsPostEditor *self,
                                                         RoundsFinding    *finding);
gboolean          rounds_post_editor_apply_fix          (RoundsPostEditor *self,
                                                         RoundsFinding    *finding);
gboolean          rounds_post_editor_keep_finding       (RoundsPostEditor *self,
                                                         RoundsFinding    *finding,
                                                         const char       *reason,
                                                         GError          **error);
gboolean          rounds_post_editor_flush_pending_acks (RoundsPostEditor *self,
                                                         gint64            post_id,
                                                         GError          **error);
gboolean          rounds_post_editor_flush_pending_reply_acks (RoundsPostEditor *self,
                                                         gint64            reply_id,
                                                         GError          **error);
GtkPopover       *rounds_post_editor_get_popover        (RoundsPostEditor *self);

G_END_DECLS
