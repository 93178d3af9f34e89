/* rounds-plan-page.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rounds-context.h"

G_BEGIN_DECLS

#define ROUNDS_TYPE_PLAN_PAGE (rounds_plan_page_get_type ())

G_DECLARE_FINAL_TYPE (RoundsPlanPage, rounds_plan_page, ROUNDS, PLAN_PAGE, AdwBin)

/* Page indices: the six wizard steps (RoundsPlanStep), then the checklist. */
#define ROUNDS_PLAN_PAGE_CHECKLIST 6

void   rounds_plan_page_set_context  (RoundsPlanPage *self,
                                      RoundsContext  *context);
void   rounds_plan_page_show         (RoundsPlanPage *self,
                                      guint           index);
guint  rounds_plan_page_get_current  (RoundsPlanPage *self);
void   rounds_plan_page_flush        (RoundsPlanPage *self);
gboolean rounds_plan_page_is_step_complete (RoundsPlanPage *self,
                                            guint           step);

G_END_DECLS
