/* rounds-plan-goals.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rounds-plan-step-view.h"

G_BEGIN_DECLS

#define ROUNDS_TYPE_PLAN_GOALS (rounds_plan_goals_get_type ())

G_DECLARE_FINAL_TYPE (RoundsPlanGoals, rounds_plan_goals, ROUNDS, PLAN_GOALS, AdwBin)

G_END_DECLS
