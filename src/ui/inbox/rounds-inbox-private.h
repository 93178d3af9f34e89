/* rounds-inbox-private.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rounds-comment.h"
#include "rounds-context.h"

G_BEGIN_DECLS

/* What the Inbox's page, rows and dialogs share about one item: its
 * triage kind (the core's strings: question, praise, complaint,
 * health_details, crisis, spam, other), whether it is answered, when an
 * answer is due. Read from the core; nothing here decides a kind. */

typedef struct
{
  const char *kind;        /* never NULL */
  gboolean    answered;
  gint64      due_at;      /* 0: no target */
  gboolean    overdue;
} RoundsInboxFacts;

void         _rounds_inbox_facts            (RoundsContext    *context,
                                             JsonObject       *crisis,
                                             RoundsComment    *comment,
                                             gint64            now,
                                             RoundsInboxFacts *facts);
const char  *_rounds_inbox_kind_label       (const char       *kind);
gboolean     _rounds_inbox_kind_is_sensitive (const char      *kind);
gboolean     _rounds_inbox_needs_attention  (const RoundsInboxFacts *facts,
                                             RoundsComment    *comment);
char        *_rounds_inbox_dup_stars        (int               rating);
char        *_rounds_inbox_dup_due_text     (const RoundsInboxFacts *facts,
                                             gint64            now);
JsonObject  *_rounds_inbox_load_crisis      (RoundsContext    *context);

G_END_DECLS
