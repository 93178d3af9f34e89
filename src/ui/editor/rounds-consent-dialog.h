/* rounds-consent-dialog.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rounds-context.h"

G_BEGIN_DECLS

#define ROUNDS_TYPE_CONSENT_DIALOG (rounds_consent_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RoundsConsentDialog, rounds_consent_dialog, ROUNDS, CONSENT_DIALOG, AdwWindow)

RoundsConsentDialog *rounds_consent_dialog_new             (RoundsContext       *context,
                                                            GtkWindow           *parent);
void                 rounds_consent_dialog_set_form_path   (RoundsConsentDialog *self,
                                                            const char          *path);
gboolean             rounds_consent_dialog_record          (RoundsConsentDialog *self);
gint64               rounds_consent_dialog_get_recorded_id (RoundsConsentDialog *self);

G_END_DECLS
