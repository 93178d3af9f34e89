/* rounds-form-dialog.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The scaffolding shared by the consent registry's forms (Record
 * Authorization, Add Partnership): a header bar with Cancel and one
 * suggested action, a hidden error line under it, and a preferences page
 * of groups of entry and check rows. Escape closes (the dialog class
 * binds it). */

typedef struct
{
  AdwPreferencesPage *page;
  GtkLabel           *error_label;
} RoundsFormDialog;

void                 rounds_form_dialog_build      (AdwWindow           *window,
                                                    const char          *title,
                                                    const char          *action_mnemonic,
                                                    GCallback            action,
                                                    int                  width,
                                                    int                  height,
                                                    RoundsFormDialog    *out);
void                 rounds_form_dialog_show_error (RoundsFormDialog    *form,
                                                    const char          *message);
AdwPreferencesGroup *rounds_form_dialog_add_group  (RoundsFormDialog    *form,
                                                    const char          *title,
                                                    const char          *description);
AdwEntryRow         *rounds_form_dialog_add_entry  (AdwPreferencesGroup *group,
                                                    const char          *title);
GtkCheckButton      *rounds_form_dialog_add_check  (AdwPreferencesGroup *group,
                                                    const char          *title,
                                                    const char          *subtitle);

G_END_DECLS
