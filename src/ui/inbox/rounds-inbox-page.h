/* rounds-inbox-page.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rounds-context.h"
#include "rounds-reply-sender.h"

G_BEGIN_DECLS

#define ROUNDS_TYPE_INBOX_PAGE (rounds_inbox_page_get_type ())

G_DECLARE_FINAL_TYPE (RoundsInboxPage, rounds_inbox_page, ROUNDS, INBOX_PAGE, AdwBin)

typedef enum
{
  ROUNDS_INBOX_SHOW_ALL,
  ROUNDS_INBOX_SHOW_UNANSWERED,
  ROUNDS_INBOX_SHOW_NEEDS_ATTENTION,
} RoundsInboxShow;

RoundsContext     *rounds_inbox_page_get_context      (RoundsInboxPage *self);
void               rounds_inbox_page_set_context      (RoundsInboxPage *self,
                                                       RoundsContext   *context);
guint              rounds_inbox_page_get_unanswered   (RoundsInboxPage *self);
void               rounds_inbox_page_set_filters      (RoundsInboxPage *self,
                                                       RoundsInboxShow  show,
                                                       RoundsNetwork    network,
                                                       const char      *kind);
GListModel        *rounds_inbox_page_get_shown        (RoundsInboxPage *self);
RoundsReplySender *rounds_inbox_page_get_reply_sender (RoundsInboxPage *self);
GtkWindow         *rounds_inbox_page_open_reply       (RoundsInboxPage *self,
                                                       gint64           comment_id);
GtkWindow         *rounds_inbox_page_add_by_hand      (RoundsInboxPage *self);

G_END_DECLS
