/* rounds-partnership-dialog.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rounds-context.h"

G_BEGIN_DECLS

#define ROUNDS_TYPE_PARTNERSHIP_DIALOG (rounds_partnership_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RoundsPartnershipDialog, rounds_partnership_dialog, ROUNDS,
                      PARTNERSHIP_DIALOG, AdwWindow)

RoundsPartnershipDialog *rounds_partnership_dialog_new    (RoundsContext           *context,
                                                           GtkWindow               *parent);
gboolean                 rounds_partnership_dialog_add    (RoundsPartnershipDialog *self);

G_END_DECLS
