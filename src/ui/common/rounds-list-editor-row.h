/* rounds-list-editor-row.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ROUNDS_TYPE_LIST_EDITOR_ROW (rounds_list_editor_row_get_type ())

G_DECLARE_FINAL_TYPE (RoundsListEditorRow, rounds_list_editor_row, ROUNDS, LIST_EDITOR_ROW,
                      AdwEntryRow)

GtkWidget  *rounds_list_editor_row_new             (const char          *title,
                                                    const char          *value,
                                                    const char          *second_placeholder,
                                                    const char          *second_value);
const char *rounds_list_editor_row_get_second_text (RoundsListEditorRow *self);

G_END_DECLS
