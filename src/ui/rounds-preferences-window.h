/* rounds-preferences-window.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rounds-context.h"

G_BEGIN_DECLS

#define ROUNDS_TYPE_PREFERENCES_WINDOW (rounds_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (RoundsPreferencesWindow, rounds_preferences_window, ROUNDS,
                      PREFERENCES_WINDOW, AdwPreferencesWindow)

RoundsPreferencesWindow *rounds_preferences_window_new (GSettings     *settings,
                                                        RoundsContext *context);

void                     rounds_preferences_window_show_people   (RoundsPreferencesWindow *self);
void                     rounds_preferences_window_sign_in_as    (RoundsPreferencesWindow *self,
                                                                  const char              *login);
void                     rounds_preferences_window_show_accounts (RoundsPreferencesWindow *self,
                                                                  gint64                   account_id);

G_END_DECLS
