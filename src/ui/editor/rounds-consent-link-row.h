/* rounds-consent-link-row.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ROUNDS_TYPE_CONSENT_LINK_ROW (rounds_consent_link_row_get_type ())

G_DECLARE_FINAL_TYPE (RoundsConsentLinkRow, rounds_consent_link_row, ROUNDS, CONSENT_LINK_ROW,
                      AdwActionRow)

GtkWidget  *rounds_consent_link_row_new            (const char           *title,
                                                    const char           *subtitle,
                                                    gint64                record_id,
                                                    gboolean              partnership,
                                                    gboolean              linked);
gint64      rounds_consent_link_row_get_record_id  (RoundsConsentLinkRow *self);
gboolean    rounds_consent_link_row_is_partnership (RoundsConsentLinkRow *self);
gboolean    rounds_consent_link_row_get_linked     (RoundsConsentLinkRow *self);
const char *rounds_consent_link_row_get_disclosure (RoundsConsentLinkRow *self);
void        rounds_consent_link_row_set_disclosure (RoundsConsentLinkRow *self,
                                                    const char           *wording,
                                                    const char           *tooltip);

G_END_DECLS
