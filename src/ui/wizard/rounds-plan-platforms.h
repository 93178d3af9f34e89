/* rounds-plan-platforms.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rounds-plan-step-view.h"

G_BEGIN_DECLS

#define ROUNDS_TYPE_PLAN_PLATFORMS (rounds_plan_platforms_get_type ())

G_DECLARE_FINAL_TYPE (RoundsPlanPlatforms, rounds_plan_platforms, ROUNDS, PLAN_PLATFORMS, AdwBin)

void rounds_plan_platforms_update_recommended (RoundsPlanPlatforms *self,
                                               gboolean             choose);

G_END_DECLS
