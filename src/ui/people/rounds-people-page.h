/* rounds-people-page.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rounds-store-people.h"

G_BEGIN_DECLS

#define ROUNDS_TYPE_PEOPLE_PAGE (rounds_people_page_get_type ())

G_DECLARE_FINAL_TYPE (RoundsPeoplePage, rounds_people_page, ROUNDS, PEOPLE_PAGE, AdwPreferencesPage)

RoundsPeoplePage *rounds_people_page_new (RoundsStore *store);

G_END_DECLS
