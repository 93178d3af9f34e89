/* rounds-finding-row.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rounds-finding.h"

G_BEGIN_DECLS

#define ROUNDS_TYPE_FINDING_ROW (rounds_finding_row_get_type ())

G_DECLARE_FINAL_TYPE (RoundsFindingRow, rounds_finding_row, ROUNDS, FINDING_ROW, AdwActionRow)

GtkWidget     *rounds_finding_row_new           (RoundsFinding    *finding,
                                                 const char       *title,
                                                 const char       *severity_label,
                                                 const char       *kept_reason,
                                                 const char       *signature);
RoundsFinding *rounds_finding_row_get_finding   (RoundsFindingRow *self);
void           rounds_finding_row_set_finding   (RoundsFindingRow *self,
                                                 RoundsFinding    *finding);
const char    *rounds_finding_row_get_signature (RoundsFindingRow *self);

G_END_DECLS
