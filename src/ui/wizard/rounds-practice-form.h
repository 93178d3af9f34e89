/* rounds-practice-form.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rounds-practice.h"

G_BEGIN_DECLS

#define ROUNDS_TYPE_PRACTICE_FORM (rounds_practice_form_get_type ())

G_DECLARE_FINAL_TYPE (RoundsPracticeForm, rounds_practice_form, ROUNDS, PRACTICE_FORM, AdwBin)

void            rounds_practice_form_set_practice  (RoundsPracticeForm *self,
                                                    RoundsPractice     *practice);
RoundsPractice *rounds_practice_form_dup_practice  (RoundsPracticeForm *self);
gboolean        rounds_practice_form_save          (RoundsPracticeForm *self);

G_END_DECLS
