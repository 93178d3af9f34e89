/* rounds-reminders.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "rounds-reminder.h"
#include "rounds-store.h"

G_BEGIN_DECLS

/* Reminders that arrive later than this after their time were missed
 * (the computer slept, Rounds was not running, quiet hours): several of
 * them come as one summary. */
#define ROUNDS_REMINDERS_LATE_AFTER     (5 * 60)
/* More reminders than this at one moment come as one summary. */
#define ROUNDS_REMINDERS_MAX_SEPARATE   3
#define ROUNDS_REMINDERS_SNOOZE         (60 * 60)
/* Posts are looked at from this long ago: older ones are not reminded. */
#define ROUNDS_REMINDERS_LOOKBACK       (7 * 24 * 60 * 60)
/* A sign-in that expires within this long is announced (issue 12). */
#define ROUNDS_REMINDERS_TOKEN_WARNING  (7 * 24 * 60 * 60)

typedef struct
{
  int                 lead_minutes;     /* "post due soon" comes this long before */
  RoundsReminderKind  enabled;          /* kinds switched on */
  gboolean            quiet_hours;      /* no non-urgent reminders … */
  int                 quiet_start_hour; /* … from this hour (practice time) */
  int                 quiet_end_hour;   /* … until this hour */
  gboolean            quiet_weekends;   /* … nor on Saturdays and Sundays */
  gboolean            show_text;        /* post and comment text in notifications */
  RoundsNetwork       connected;        /* networks Rounds publishes to itself */
} RoundsReminderSettings;

void rounds_reminder_settings_init (RoundsReminderSettings *settings);

#define ROUNDS_TYPE_REMINDERS (rounds_reminders_get_type ())

G_DECLARE_FINAL_TYPE (RoundsReminders, rounds_reminders, ROUNDS, REMINDERS, GObject)

RoundsReminders *rounds_reminders_new             (RoundsStore                  *store);
RoundsStore     *rounds_reminders_get_store       (RoundsReminders              *self);
void             rounds_reminders_set_settings    (RoundsReminders              *self,
                                                   const RoundsReminderSettings *settings);
const RoundsReminderSettings *
                 rounds_reminders_get_settings    (RoundsReminders              *self);
gboolean         rounds_reminders_is_quiet        (RoundsReminders              *self,
                                                   gint64                        utc);
GPtrArray       *rounds_reminders_tick            (RoundsReminders              *self,
                                                   GError                      **error);
gint64           rounds_reminders_get_next_due    (RoundsReminders              *self);
gboolean         rounds_reminders_forget          (RoundsReminders              *self,
                                                   RoundsReminder               *reminder,
                                                   GError                      **error);
gboolean         rounds_reminders_snooze          (RoundsReminders              *self,
                                                   const char                   *key,
                                                   gint64                        seconds,
                                                   GError                      **error);
gboolean         rounds_reminders_mark_posted     (RoundsReminders              *self,
                                                   gint64                        post_id,
                                                   GError                      **error);
gboolean         rounds_reminders_has_scheduled   (RoundsReminders              *self);

G_END_DECLS
