/* rounds-plan-audience.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rounds-plan-step-view.h"

G_BEGIN_DECLS

#define ROUNDS_TYPE_PLAN_AUDIENCE (rounds_plan_audience_get_type ())

G_DECLARE_FINAL_TYPE (RoundsPlanAudience, rounds_plan_audience, ROUNDS, PLAN_AUDIENCE, AdwBin)

G_END_DECLS
