/* rounds-inbox-row.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rounds-inbox-private.h"

G_BEGIN_DECLS

#define ROUNDS_TYPE_INBOX_ROW (rounds_inbox_row_get_type ())

G_DECLARE_FINAL_TYPE (RoundsInboxRow, rounds_inbox_row, ROUNDS, INBOX_ROW, GtkWidget)

GtkWidget      *rounds_inbox_row_new_styles  (void);
RoundsInboxRow *rounds_inbox_row_new         (GtkWidget              *styles);
void            rounds_inbox_row_bind        (RoundsInboxRow         *self,
                                              RoundsComment          *comment,
                                              const RoundsInboxFacts *facts,
                                              gint64                  now,
                                              GTimeZone              *tz);
RoundsComment  *rounds_inbox_row_get_comment (RoundsInboxRow         *self);
const char     *rounds_inbox_row_get_chip    (RoundsInboxRow         *self);
const char     *rounds_inbox_row_get_state   (RoundsInboxRow         *self);
int             rounds_inbox_row_get_text_start (RoundsInboxRow       *self);

G_END_DECLS
