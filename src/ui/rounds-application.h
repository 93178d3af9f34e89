/* rounds-application.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rounds-context.h"
#include "rounds-feed-service.h"
#include "rounds-server.h"

G_BEGIN_DECLS

/* The practice server's password in the Secret Service (RoundsSecrets):
 * one per login, "practice-server/LOGIN", so that each person who signs
 * in on a shared PC keeps their own; the bare id is what an earlier
 * version kept (read when a login has none of its own). */
#define ROUNDS_SERVER_SECRET_ID "practice-server"

static inline char *
rounds_server_secret_id_for (const char *login)
{
  return g_strdup_printf (ROUNDS_SERVER_SECRET_ID "/%s", login != NULL ? login : "");
}

#define ROUNDS_TYPE_APPLICATION (rounds_application_get_type ())

G_DECLARE_FINAL_TYPE (RoundsApplication, rounds_application, ROUNDS, APPLICATION, AdwApplication)

RoundsApplication *rounds_application_new              (const char        *application_id);
GSettings         *rounds_application_get_settings     (RoundsApplication *self);
RoundsClock       *rounds_application_get_clock        (RoundsApplication *self);
void               rounds_application_set_clock        (RoundsApplication *self,
                                                        RoundsClock       *clock);
RoundsContext     *rounds_application_open_practice    (RoundsApplication *self,
                                                        GError           **error);
void               rounds_application_open_practice_async  (RoundsApplication   *self,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
RoundsContext     *rounds_application_open_practice_finish (RoundsApplication   *self,
                                                            GAsyncResult        *result,
                                                            GError             **error);
RoundsContext     *rounds_application_reset_sample     (RoundsApplication *self,
                                                        GError           **error);
RoundsContext     *rounds_application_open_sample      (RoundsApplication *self,
                                                        GError           **error);
gboolean           rounds_application_has_practice     (RoundsApplication *self);
void               rounds_application_apply_actor      (RoundsApplication *self,
                                                        RoundsContext     *context);
void               rounds_application_start_reminders  (RoundsApplication *self);
RoundsFeedService *rounds_application_get_feed_service (RoundsApplication *self);
RoundsServerConfig *rounds_application_dup_server_config (RoundsApplication *self);
RoundsContext     *rounds_application_switch_practice  (RoundsApplication *self,
                                                        GError           **error);

G_END_DECLS
