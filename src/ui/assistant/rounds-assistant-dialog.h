/* rounds-assistant-dialog.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rounds-assistant.h"

G_BEGIN_DECLS

#define ROUNDS_TYPE_ASSISTANT_DIALOG (rounds_assistant_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RoundsAssistantDialog, rounds_assistant_dialog, ROUNDS, ASSISTANT_DIALOG,
                      AdwWindow)

/* Runs @request through @assistant and shows what happens: the findings
 * when nothing may be sent, the answer as it arrives (Cancel), then the
 * suggestion with its findings, editable, to Use or Discard. "accepted"
 * (string) gives the text the user chose to use. @request's strings are
 * copied. */
RoundsAssistantDialog *rounds_assistant_dialog_new (GtkWindow                 *parent,
                                                    RoundsAssistant           *assistant,
                                                    const RoundsAssistRequest *request,
                                                    const char                *use_label);

/* For tests: the suggestion as it stands, and the state the dialog
 * shows ("running", "blocked", "failed", "ready"). */
char                  *rounds_assistant_dialog_dup_text  (RoundsAssistantDialog *self);
const char            *rounds_assistant_dialog_get_state (RoundsAssistantDialog *self);

G_END_DECLS
