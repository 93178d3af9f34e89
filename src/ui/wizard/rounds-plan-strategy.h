/* rounds-plan-strategy.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rounds-plan-step-view.h"

G_BEGIN_DECLS

#define ROUNDS_TYPE_PLAN_STRATEGY (rounds_plan_strategy_get_type ())

G_DECLARE_FINAL_TYPE (RoundsPlanStrategy, rounds_plan_strategy, ROUNDS, PLAN_STRATEGY, AdwBin)

G_END_DECLS
