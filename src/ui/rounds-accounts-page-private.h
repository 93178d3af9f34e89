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
  /* What the practice must do outside Rounds first, in one sentence
   * (N_() text), or NULL. */
  const char   *needs;
  /* Asks for a new account's sign-in. */
  void (*add)       (RoundsAccountsPage *page);
  /* Signs @account in again (same account: a flow refuses another one). */
  void (*reconnect) (RoundsAccountsPage *page,
                     RoundsAccount      *account);
} RoundsAccountFlow;

extern const RoundsAccountFlow _rounds_mastodon_account_flow;
extern const RoundsAccountFlow _rounds_bluesky_account_flow;
extern const RoundsAccountFlow _rounds_facebook_account_flow;
extern const RoundsAccountFlow _rounds_instagram_account_flow;
extern const RoundsAccountFlow _rounds_linkedin_account_flow;
extern const RoundsAccountFlow _rounds_google_account_flow;

/* One thing a sign-in can connect (a Page, an organization, a location). */
typedef struct
{
  const char *id;
  const char *title;
  const char *subtitle;   /* or NULL */
  gboolean    usable;     /* FALSE: shown, but cannot be chosen */
} RoundsAccountChoice;

/* @id is NULL when the person cancelled. */
typedef void (*RoundsAccountChosenFunc) (RoundsAccountsPage *page,
                                         const char         *id,
                                         gpointer            user_data);
/* @app_id is NULL when the person cancelled. */
typedef void (*RoundsAccountAppFunc)    (RoundsAccountsPage *page,
                                         const char         *app_id,
                                         const char         *app_secret,
                                         gpointer            user_data);

/* For the flows. */
RoundsContext *_rounds_accounts_page_get_context     (RoundsAccountsPage *self);
GCancellable  *_rounds_accounts_page_get_cancellable (RoundsAccountsPage *self);
void           _rounds_accounts_page_toast           (RoundsAccountsPage *self,
                                                      const char         *text);
/* Shows @url in the browser (through the page's "open-browser" signal,
 * which tests catch to play the browser). */
void           _rounds_accounts_page_open_browser    (RoundsAccountsPage *self,
                                                      const char         *url);
/* The test addresses set with rounds_accounts_page_set_sign_in_urls (),
 * or NULL. */
const char    *_rounds_accounts_page_get_api_url     (RoundsAccountsPage *self,
                                                      RoundsNetwork       network);
const char    *_rounds_accounts_page_get_login_url   (RoundsAccountsPage *self,
                                                      RoundsNetwork       network);

/* Shared dialogs of the browser sign-ins (rounds-account-flow-dialogs.c). */
/* Asks for the practice's own app on a network: @body says in one plain
 * sentence what to do outside Rounds, @help_uri links to the network's
 * official help. For a reconnect, @account's kept app id (and secret)
 * are filled in from the keyring. @callback runs once. */
void           _rounds_accounts_page_ask_app         (RoundsAccountsPage      *self,
                                                      RoundsAccount           *account,
                                                      const char              *heading,
                                                      const char              *body,
                                                      const char              *help_uri,
                                                      const char              *id_label,
                                                      const char              *secret_label,
                                                      RoundsAccountAppFunc     callback,
                                                      gpointer                 user_data);
/* Lets the person choose among @choices (the first usable one is
 * preselected); @callback runs once. */
void           _rounds_accounts_page_choose          (RoundsAccountsPage        *self,
                                                      const char                *heading,
                                                      const char                *body,
                                                      const RoundsAccountChoice *choices,
                                                      guint                      n_choices,
                                                      RoundsAccountChosenFunc    callback,
                                                      gpointer                   user_data);
RoundsSecrets *_rounds_accounts_page_get_secrets     (RoundsAccountsPage *self);
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
