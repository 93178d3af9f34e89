/* rounds-notifier.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rounds-reminder.h"

G_BEGIN_DECLS

#define ROUNDS_TYPE_NOTIFIER (rounds_notifier_get_type ())

G_DECLARE_INTERFACE (RoundsNotifier, rounds_notifier, ROUNDS, NOTIFIER, GObject)

/* Shows reminders as desktop notifications. Two backends: libnotify
 * (the freedesktop service, with the app icon and desktop entry) and
 * GNotification (through the portal under Flatpak). Buttons activate the
 * application's actions named by the reminder. */
struct _RoundsNotifierInterface
{
  GTypeInterface parent_iface;

  gboolean (*show)     (RoundsNotifier  *self,
                        RoundsReminder  *reminder,
                        GError         **error);
  void     (*withdraw) (RoundsNotifier  *self,
                        const char      *id);
};

RoundsNotifier *rounds_notifier_new_for_application (GApplication    *application);
gboolean        rounds_notifier_show                (RoundsNotifier  *self,
                                                     RoundsReminder  *reminder,
                                                     GError         **error);
void            rounds_notifier_withdraw            (RoundsNotifier  *self,
                                                     const char      *id);
gboolean        rounds_notifier_in_flatpak          (void);

G_END_DECLS
