/* rounds-reschedule-dialog.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ROUNDS_TYPE_RESCHEDULE_DIALOG (rounds_reschedule_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RoundsRescheduleDialog, rounds_reschedule_dialog, ROUNDS,
                      RESCHEDULE_DIALOG, AdwMessageDialog)

RoundsRescheduleDialog *rounds_reschedule_dialog_new      (GtkWindow              *parent,
                                                           const char             *post_title,
                                                           GTimeZone              *tz,
                                                           gint64                  when);
gint64                  rounds_reschedule_dialog_get_time (RoundsRescheduleDialog *self);
void                    rounds_reschedule_dialog_set_time (RoundsRescheduleDialog *self,
                                                           int                     year,
                                                           int                     month,
                                                           int                     day,
                                                           int                     hour,
                                                           int                     minute);

G_END_DECLS
