/* rounds-server-preferences.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rounds-application.h"

G_BEGIN_DECLS

/* Preferences → Practice Server: connect this PC to the office's
 * PostgreSQL server, move this practice there, go back to this PC's
 * file, and the commands the IT person runs. */
/* The page's state: owned by the page, valid while @window is. */
typedef struct _RoundsServerPage RoundsServerPage;

RoundsServerPage *rounds_server_preferences_add        (AdwPreferencesWindow *window,
                                                        RoundsApplication    *application,
                                                        RoundsContext        *context);
void              rounds_server_preferences_sign_in_as (RoundsServerPage     *page,
                                                        const char           *login);
gboolean          rounds_server_preferences_keep_open  (RoundsServerPage     *page);

G_END_DECLS
