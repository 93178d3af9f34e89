/* rounds-account.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "rounds-types.h"

G_BEGIN_DECLS

/* Where an account stands. The string forms are what the accounts table
 * stores. */
typedef enum
{
  ROUNDS_ACCOUNT_STATE_CONNECTED,
  ROUNDS_ACCOUNT_STATE_AUTH_EXPIRED,  /* sign in again: its queue waits */
} RoundsAccountState;

#define ROUNDS_TYPE_ACCOUNT (rounds_account_get_type ())

G_DECLARE_FINAL_TYPE (RoundsAccount, rounds_account, ROUNDS, ACCOUNT, GObject)

/* One connected identity on one network (DESIGN.md §9). An immutable
 * snapshot: the store puts a new object in its accounts list when one
 * changes. Its tokens are never here: they live in the Secret Service
 * under the account's secret id. */
gint64              rounds_account_get_id                (RoundsAccount *self);
const char         *rounds_account_get_secret_id         (RoundsAccount *self);
RoundsNetwork       rounds_account_get_network           (RoundsAccount *self);
const char         *rounds_account_get_base_url          (RoundsAccount *self);
const char         *rounds_account_get_handle            (RoundsAccount *self);
const char         *rounds_account_get_display_name      (RoundsAccount *self);
const char         *rounds_account_get_remote_id         (RoundsAccount *self);
RoundsAccountState  rounds_account_get_state             (RoundsAccount *self);
const char         *rounds_account_get_last_error        (RoundsAccount *self);
gint64              rounds_account_get_token_expires_at  (RoundsAccount *self);
gint64              rounds_account_get_checked_at        (RoundsAccount *self);
gint64              rounds_account_get_created_at        (RoundsAccount *self);
gint64              rounds_account_get_updated_at        (RoundsAccount *self);
char               *rounds_account_dup_label             (RoundsAccount *self);

const char         *rounds_account_state_to_string       (RoundsAccountState  state);
gboolean            rounds_account_state_from_string     (const char         *str,
                                                          RoundsAccountState *state);

/* For the store only: fields in the order of the getters above. */
RoundsAccount      *_rounds_account_new                  (gint64              id,
                                                          const char         *secret_id,
                                                          RoundsNetwork       network,
                                                          const char         *base_url,
                                                          const char         *handle,
                                                          const char         *display_name,
                                                          const char         *remote_id,
                                                          RoundsAccountState  state,
                                                          const char         *last_error,
                                                          gint64              token_expires_at,
                                                          gint64              checked_at,
                                                          gint64              created_at,
                                                          gint64              updated_at);

G_END_DECLS
