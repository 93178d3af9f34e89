/* rounds-insights-entry-dialog.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rounds-context.h"

G_BEGIN_DECLS

#define ROUNDS_TYPE_INSIGHTS_ENTRY_DIALOG (rounds_insights_entry_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RoundsInsightsEntryDialog, rounds_insights_entry_dialog,
                      ROUNDS, INSIGHTS_ENTRY_DIALOG, AdwWindow)

GtkWidget *rounds_insights_entry_dialog_new  (RoundsContext             *context);
gboolean   rounds_insights_entry_dialog_save (RoundsInsightsEntryDialog *self,
                                              GError                   **error);

G_END_DECLS
