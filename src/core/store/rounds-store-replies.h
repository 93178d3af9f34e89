/* rounds-store-replies.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rounds-finding.h"
#include "rounds-store.h"
#include "rounds-store-editor.h"

G_BEGIN_DECLS

/* Replies to comments and reviews (issue 14): one reply per comment,
 * written, checked, approved by a second person when it must be, then
 * sent through the network or marked as answered by hand. Each step is
 * in the audit log (entity "reply") with the SHA-256 of the exact text;
 * the findings kept with a reason have their own table
 * (reply_finding_acks), as posts have finding_acks. */

typedef enum
{
  ROUNDS_REPLY_STATE_DRAFT,
  ROUNDS_REPLY_STATE_AWAITING_APPROVAL,
  ROUNDS_REPLY_STATE_APPROVED,
  ROUNDS_REPLY_STATE_SENT,
  ROUNDS_REPLY_STATE_ANSWERED_BY_HAND,
} RoundsReplyState;

typedef struct
{
  gint64            id;
  gint64            comment_id;
  char             *body;
  RoundsReplyState  state;
  char             *written_by;
  char             *approved_by;   /* NULL until approved */
  char             *text_sha256;   /* of body */
  char             *remote_id;     /* the network's id once sent, else NULL */
  char             *url;
  gint64            created_at;
  gint64            updated_at;
  gint64            sent_at;
} RoundsReply;

#define ROUNDS_TYPE_REPLY (rounds_reply_get_type ())

GType         rounds_reply_get_type                 (void) G_GNUC_CONST;
RoundsReply  *rounds_reply_copy                     (const RoundsReply *self);
void          rounds_reply_free                     (RoundsReply       *self);
const char   *rounds_reply_state_to_string          (RoundsReplyState   state);
gboolean      rounds_reply_state_is_done            (RoundsReplyState   state);

/* A second person must approve a reply that has any finding (kept or
 * not), and any reply to a complaint or a possible crisis. */
gboolean      rounds_reply_needs_approval           (GPtrArray         *findings,
                                                     gboolean           sensitive_comment);
/* Approver and writer are one person ("Lena", " lena ")? */
gboolean      rounds_reply_same_person              (const char        *a,
                                                     const char        *b);

RoundsReply  *rounds_store_get_reply                (RoundsStore       *self,
                                                     gint64             comment_id,
                                                     GError           **error);
RoundsReply  *rounds_store_save_reply               (RoundsStore       *self,
                                                     gint64             comment_id,
                                                     const char        *body,
                                                     GError           **error);

GPtrArray    *rounds_store_list_reply_acks          (RoundsStore       *self,
                                                     gint64             reply_id,
                                                     GError           **error);
gboolean      rounds_store_acknowledge_reply_finding (RoundsStore      *self,
                                                     gint64             reply_id,
                                                     const char        *rule,
                                                     const char        *span_sha256,
                                                     const char        *reason,
                                                     GError           **error);

gboolean      rounds_store_submit_reply             (RoundsStore       *self,
                                                     gint64             reply_id,
                                                     GError           **error);
gboolean      rounds_store_approve_reply            (RoundsStore       *self,
                                                     gint64             reply_id,
                                                     const char        *approver,
                                                     const char        *required_approver,
                                                     GPtrArray         *findings,
                                                     const char        *override_reason,
                                                     GError           **error);
gboolean      rounds_store_check_reply_can_go       (RoundsStore       *self,
                                                     gint64             reply_id,
                                                     gboolean           needs_approval,
                                                     RoundsReply      **reply,
                                                     GError           **error);
gboolean      rounds_store_mark_reply_sent          (RoundsStore       *self,
                                                     gint64             reply_id,
                                                     gboolean           needs_approval,
                                                     const char        *remote_id,
                                                     const char        *url,
                                                     GError           **error);

/* Crisis checklist steps and other inbox events ("crisis-step",
 * "hold-statement", …) written to the audit log of a comment. */
gboolean      rounds_store_log_comment_event        (RoundsStore       *self,
                                                     gint64             comment_id,
                                                     const char        *action,
                                                     const char        *reason,
                                                     GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RoundsReply, rounds_reply_free)

G_END_DECLS
