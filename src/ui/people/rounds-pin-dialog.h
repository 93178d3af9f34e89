/* rounds-pin-dialog.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rounds-store-people.h"

G_BEGIN_DECLS

typedef enum
{
  ROUNDS_PIN_PURPOSE_APPROVE,   /* an approver or manager signs an approval */
  ROUNDS_PIN_PURPOSE_MANAGE,    /* a manager unlocks People */
} RoundsPinPurpose;

/* Runs once the PIN was right (or none was needed). */
typedef void (*RoundsPinDoneFunc) (gpointer user_data);

#define ROUNDS_TYPE_PIN_DIALOG (rounds_pin_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RoundsPinDialog, rounds_pin_dialog, ROUNDS, PIN_DIALOG, AdwWindow)

RoundsPinDialog *rounds_pin_dialog_run        (GtkWidget         *parent,
                                               RoundsStore       *store,
                                               RoundsPinPurpose   purpose,
                                               const char        *title,
                                               const char        *accept_label,
                                               RoundsPinDoneFunc  done,
                                               gpointer           user_data,
                                               GDestroyNotify     destroy);

gboolean         rounds_pin_dialog_select_person (RoundsPinDialog *self,
                                                  gint64           person_id);
void             rounds_pin_dialog_set_pin       (RoundsPinDialog *self,
                                                  const char      *pin);
const char      *rounds_pin_dialog_get_message   (RoundsPinDialog *self);

G_END_DECLS
