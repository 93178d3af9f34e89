/* rounds-welcome-page.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ROUNDS_TYPE_WELCOME_PAGE (rounds_welcome_page_get_type ())

G_DECLARE_FINAL_TYPE (RoundsWelcomePage, rounds_welcome_page, ROUNDS, WELCOME_PAGE, AdwBin)

void rounds_welcome_page_set_has_practice (RoundsWelcomePage *self,
                                           gboolean           has_practice);

G_END_DECLS
