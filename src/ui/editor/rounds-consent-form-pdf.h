/* rounds-consent-form-pdf.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rounds-context.h"

G_BEGIN_DECLS

gboolean rounds_consent_form_pdf_write (RoundsContext  *context,
                                        const char     *language,
                                        const char     *path,
                                        GError        **error);

G_END_DECLS
