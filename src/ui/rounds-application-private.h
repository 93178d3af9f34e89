/* rounds-application-private.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rounds-application.h"

G_BEGIN_DECLS

void _rounds_application_install_actions (RoundsApplication *self);

G_END_DECLS
