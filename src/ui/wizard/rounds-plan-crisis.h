/* rounds-plan-crisis.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rounds-plan-step-view.h"

G_BEGIN_DECLS

#define ROUNDS_TYPE_PLAN_CRISIS (rounds_plan_crisis_get_type ())

G_DECLARE_FINAL_TYPE (RoundsPlanCrisis, rounds_plan_crisis, ROUNDS, PLAN_CRISIS, AdwBin)

gboolean rounds_plan_crisis_save_template (RoundsPlanCrisis *self,
                                           guint             index);

G_END_DECLS
