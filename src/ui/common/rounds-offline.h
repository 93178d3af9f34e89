/* rounds-offline.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "rounds-store.h"

G_BEGIN_DECLS

/* Read-only while the practice server cannot be reached (issue 20): a
 * control that changes the practice is insensitive then, and its tooltip
 * says why; its own tooltip comes back with the connection. */

const char *rounds_offline_explanation (void);

void        rounds_offline_apply       (GtkWidget   *widget,
                                        RoundsStore *store,
                                        gboolean     sensitive,
                                        const char  *tooltip);

G_END_DECLS
