/* rounds-background.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rounds-context.h"
#include "rounds-inbox-poller.h"
#include "rounds-notifier.h"
#include "rounds-reminders.h"

G_BEGIN_DECLS

#define ROUNDS_TYPE_BACKGROUND (rounds_background_get_type ())

G_DECLARE_FINAL_TYPE (RoundsBackground, rounds_background, ROUNDS, BACKGROUND, GObject)

RoundsBackground *rounds_background_new              (GApplication     *application,
                                                      GSettings        *settings,
                                                      RoundsContext    *context,
                                                      RoundsNotifier   *notifier);
RoundsContext    *rounds_background_get_context      (RoundsBackground *self);
RoundsReminders  *rounds_background_get_reminders    (RoundsBackground *self);
RoundsInboxPoller *rounds_background_get_inbox_poller (RoundsBackground *self);
gboolean          rounds_background_refresh_inbox    (RoundsBackground *self);
void              rounds_background_start            (RoundsBackground *self);
guint             rounds_background_tick             (RoundsBackground *self);
gboolean          rounds_background_mark_posted      (RoundsBackground *self,
                                                      gint64            post_id,
                                                      GError          **error);
gboolean          rounds_background_snooze           (RoundsBackground *self,
                                                      const char       *key,
                                                      GError          **error);
gboolean          rounds_background_wants_to_stay    (RoundsBackground *self);

/* Autostart at login (rounds-background-autostart.c) */
char             *rounds_background_dup_autostart_path (void);
gboolean          rounds_background_set_autostart    (gboolean          enabled,
                                                      GError          **error);
gboolean          rounds_background_get_autostart    (void);

G_END_DECLS
