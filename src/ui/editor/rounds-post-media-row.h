/* rounds-post-media-row.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rounds-store-editor.h"

G_BEGIN_DECLS

#define ROUNDS_TYPE_POST_MEDIA_ROW (rounds_post_media_row_get_type ())

G_DECLARE_FINAL_TYPE (RoundsPostMediaRow, rounds_post_media_row, ROUNDS, POST_MEDIA_ROW,
                      GtkListBoxRow)

GtkWidget *rounds_post_media_row_new       (guint               index,
                                            RoundsPostMedia    *media,
                                            GtkWidget          *picture);
guint      rounds_post_media_row_get_index (RoundsPostMediaRow *self);
void       rounds_post_media_row_set_alt_text (RoundsPostMediaRow *self,
                                               const char         *text);

G_END_DECLS
