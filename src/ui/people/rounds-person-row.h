/* rounds-person-row.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rounds-person.h"

G_BEGIN_DECLS

#define ROUNDS_TYPE_PERSON_ROW (rounds_person_row_get_type ())

G_DECLARE_FINAL_TYPE (RoundsPersonRow, rounds_person_row, ROUNDS, PERSON_ROW, AdwActionRow)

GtkWidget    *rounds_person_row_new         (RoundsPerson    *person);
RoundsPerson *rounds_person_row_get_person  (RoundsPersonRow *self);
void          rounds_person_row_set_at_desk (RoundsPersonRow *self,
                                             gboolean         at_desk);

G_END_DECLS
