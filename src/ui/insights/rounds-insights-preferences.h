/* rounds-insights-preferences.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rounds-context.h"

G_BEGIN_DECLS

void rounds_insights_preferences_add (AdwPreferencesWindow *window,
                                      RoundsContext        *context);

G_END_DECLS
