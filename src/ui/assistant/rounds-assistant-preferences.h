/* rounds-assistant-preferences.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rounds-secrets.h"

G_BEGIN_DECLS

/* The id of the assistant's key in the Secret Service. */
#define ROUNDS_ASSISTANT_SECRET_ID "writing-assistant"

/* Adds the Writing Assistant page to @window: on/off, the server's
 * address and model (GSettings), its key (the Secret Service, through
 * @secrets), and a warning when the address is outside the office. */
void rounds_assistant_preferences_add (AdwPreferencesWindow *window,
                                       GSettings            *settings,
                                       RoundsSecrets        *secrets);

G_END_DECLS
