/* rounds-accounts-page.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rounds-context.h"

G_BEGIN_DECLS

#define ROUNDS_TYPE_ACCOUNTS_PAGE (rounds_accounts_page_get_type ())

G_DECLARE_FINAL_TYPE (RoundsAccountsPage, rounds_accounts_page, ROUNDS, ACCOUNTS_PAGE,
                      AdwPreferencesPage)

RoundsAccountsPage *rounds_accounts_page_new (RoundsContext *context);

G_END_DECLS
