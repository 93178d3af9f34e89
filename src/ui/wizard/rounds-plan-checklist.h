/* rounds-plan-checklist.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rounds-context.h"

G_BEGIN_DECLS

#define ROUNDS_TYPE_PLAN_CHECKLIST (rounds_plan_checklist_get_type ())

G_DECLARE_FINAL_TYPE (RoundsPlanChecklist, rounds_plan_checklist, ROUNDS, PLAN_CHECKLIST, AdwBin)

void   rounds_plan_checklist_set_context (RoundsPlanChecklist *self,
                                          RoundsContext       *context);
void   rounds_plan_checklist_refresh     (RoundsPlanChecklist *self);
guint  rounds_plan_checklist_count_done  (RoundsPlanChecklist *self,
                                          guint               *n_tasks);

G_END_DECLS
