/* rounds-accounts-page-private.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rounds-accounts-page.h"
#include "rounds-connector.h"
#include "rounds-secrets.h"
#include "rounds-store-publish.h"

G_BEGIN_DECLS

/* How one kind of network signs in: each network plugs its own add and
 * reconnect flow into Preferences → Accounts by one of these, listed in
 * rounds-accounts-page.c. A flow asks what it needs (a server, a handle
 * and app password, a browser sign-in), calls the core's sign-in, and
 * ends with _rounds_accounts_page_keep_sign_in(), which is the same for
 * every network: the tokens go to the keyring, the account to the store. */
typedef struct
{
  RoundsNetwork network;
  /* Asks for a new account's sign-in. */
  void (*add)       (RoundsAccountsPage *page);
  /* Signs @account in again (same account: a flow refuses another one). */
  void (*reconnect) (RoundsAccountsPage *page,
                     RoundsAccount      *account);
} RoundsAccountFlow;

extern const RoundsAccountFlow _rounds_mastodon_account_flow;
extern const RoundsAccountFlow _rounds_bluesky_account_flow;

/* For the flows. */
RoundsContext *_rounds_accounts_page_get_context     (RoundsAccountsPage *self);
GCancellable  *_rounds_accounts_page_get_cancellable (RoundsAccountsPage *self);
void           _rounds_accounts_page_toast           (RoundsAccountsPage *self,
                                                      const char         *text);
/* Shows @url in the browser (through the page's "open-browser" signal,
 * which tests catch to play the browser). */
void           _rounds_accounts_page_open_browser    (RoundsAccountsPage *self,
                                                      const char         *url);
/* A sign-in that worked: keeps @credentials in the keyring under the
 * account's secret id and adds the account (@account_id 0) or marks it
 * connected again. Says the outcome in a toast. */
void           _rounds_accounts_page_keep_sign_in    (RoundsAccountsPage      *self,
                                                      RoundsNetwork            network,
                                                      gint64                   account_id,
                                                      const char              *base_url,
                                                      const char              *credentials,
                                                      const RoundsAccountInfo *info);

G_END_DECLS
