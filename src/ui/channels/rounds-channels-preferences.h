/* rounds-channels-preferences.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rounds-feed-service.h"

G_BEGIN_DECLS

/* Adds the Website page to @window: the feed of published posts (on or
 * off, where it goes, which network's posts, its public address, a user
 * name and a password kept in the keyring), Write Now and what the last
 * write did. @service is the open practice's (NULL: no practice open, or
 * the sample, which writes no feed: the page says so). */
void rounds_channels_preferences_add (AdwPreferencesWindow *window,
                                      GSettings            *settings,
                                      RoundsFeedService    *service);

G_END_DECLS
