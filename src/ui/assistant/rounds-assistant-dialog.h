/* rounds-assistant-dialog.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rounds-assistant.h"
#include "rounds-context.h"

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

/* Asks as the editor's Writing Assistant menu does: looks the key up in
 * the keyring, makes the assistant from Preferences (address, model) and
 * @context's scanner and profile, and presents the dialog for @request
 * over @parent (not when @parent has gone meanwhile). @request's strings
 * are copied; when @request->practice is NULL the practice's public
 * voice (name, specialty) is used. @accepted is connected to the
 * dialog's "accepted" with @user_data, freed by @destroy. */
void                   rounds_assistant_dialog_ask       (GtkWindow                 *parent,
                                                          RoundsContext             *context,
                                                          const RoundsAssistRequest *request,
                                                          const char                *use_label,
                                                          GCallback                  accepted,
                                                          gpointer                   user_data,
                                                          GDestroyNotify             destroy);

/* For tests: the suggestion as it stands, and the state the dialog
 * shows ("running", "blocked", "failed", "ready"). */
char                  *rounds_assistant_dialog_dup_text  (RoundsAssistantDialog *self);
const char            *rounds_assistant_dialog_get_state (RoundsAssistantDialog *self);

G_END_DECLS
