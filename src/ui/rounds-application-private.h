/* rounds-application-private.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rounds-application.h"
#include "rounds-background.h"
#include "rounds-notifier.h"
#include "rounds-window.h"

G_BEGIN_DECLS

void              _rounds_application_install_actions (RoundsApplication *self);
RoundsBackground *rounds_application_get_background   (RoundsApplication *self);
RoundsNotifier   *rounds_application_get_notifier     (RoundsApplication *self);
RoundsWindow     *rounds_application_present_window   (RoundsApplication *self);
void              _rounds_startup_mark                (const char        *what);
void              _rounds_trim_memory_soon            (void);
void              _rounds_application_hold_open       (gboolean           hold);
void              _rounds_application_practice_shown  (RoundsApplication *self);

G_END_DECLS
