/* rounds-list-editor.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ROUNDS_TYPE_LIST_EDITOR (rounds_list_editor_get_type ())

G_DECLARE_FINAL_TYPE (RoundsListEditor, rounds_list_editor, ROUNDS, LIST_EDITOR, AdwBin)

void   rounds_list_editor_set_values        (RoundsListEditor   *self,
                                             const char * const *values,
                                             const char * const *second_values);
GStrv  rounds_list_editor_dup_values        (RoundsListEditor   *self);
GStrv  rounds_list_editor_dup_second_values (RoundsListEditor   *self);
void   rounds_list_editor_add_row           (RoundsListEditor   *self,
                                             const char         *value,
                                             const char         *second_value);

G_END_DECLS
