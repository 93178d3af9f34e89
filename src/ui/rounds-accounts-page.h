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

RoundsAccountsPage *rounds_accounts_page_new               (RoundsContext      *context);
/* Where @network's browser sign-in goes instead of the network's own
 * addresses (tests: a local server): @api_url the API root kept with the
 * account, @login_url the root of the sign-in pages. NULL: the default. */
void                rounds_accounts_page_set_sign_in_urls  (RoundsAccountsPage *self,
                                                            RoundsNetwork       network,
                                                            const char         *api_url,
                                                            const char         *login_url);

G_END_DECLS
