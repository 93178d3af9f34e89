/* rounds-secrets.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define ROUNDS_ACCOUNT_SECRET_SCHEMA "io.github.roundsapp.Rounds.Account"

#define ROUNDS_TYPE_SECRETS (rounds_secrets_get_type ())

G_DECLARE_FINAL_TYPE (RoundsSecrets, rounds_secrets, ROUNDS, SECRETS, GObject)

/* Where an account's tokens live: the Secret Service (libsecret), under
 * the schema io.github.roundsapp.Rounds.Account with the attribute
 * "account-id" = the account's secret id. Never SQLite, never a log.
 * Every call is async: the Secret Service may ask the user to unlock. */
RoundsSecrets *rounds_secrets_new            (void);
/* Keeps the tokens in this process only: for tests of what uses them. */
RoundsSecrets *rounds_secrets_new_in_memory  (void);

void           rounds_secrets_store_async    (RoundsSecrets        *self,
                                              const char           *secret_id,
                                              const char           *label,
                                              const char           *credentials,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean       rounds_secrets_store_finish   (RoundsSecrets        *self,
                                              GAsyncResult         *result,
                                              GError              **error);
/* NULL with no error: nothing stored for that account. */
void           rounds_secrets_lookup_async   (RoundsSecrets        *self,
                                              const char           *secret_id,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
char          *rounds_secrets_lookup_finish  (RoundsSecrets        *self,
                                              GAsyncResult         *result,
                                              GError              **error);
/* The same, blocking: for worker threads (opening the practice server) */
char          *rounds_secrets_lookup_sync    (RoundsSecrets        *self,
                                              const char           *secret_id,
                                              GCancellable         *cancellable,
                                              GError              **error);
void           rounds_secrets_clear_async    (RoundsSecrets        *self,
                                              const char           *secret_id,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean       rounds_secrets_clear_finish   (RoundsSecrets        *self,
                                              GAsyncResult         *result,
                                              GError              **error);

G_END_DECLS
