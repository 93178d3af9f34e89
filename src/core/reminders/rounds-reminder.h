/* rounds-reminder.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* What a reminder is about. The string forms are what the reminders
 * table stores in its kind column. */
typedef enum /*< flags >*/
{
  ROUNDS_REMINDER_NONE        = 0,
  ROUNDS_REMINDER_POST_SOON   = 1 << 0,
  ROUNDS_REMINDER_POST_DUE    = 1 << 1,
  ROUNDS_REMINDER_POST_FAILED = 1 << 2,
  ROUNDS_REMINDER_PLAN_TASKS  = 1 << 3,
  ROUNDS_REMINDER_COMMENTS    = 1 << 4,
  ROUNDS_REMINDER_SUMMARY     = 1 << 5,
  ROUNDS_REMINDER_ACCOUNT     = 1 << 6,  /* a sign-in stopped working or expires soon */
  ROUNDS_REMINDER_CONSENT     = 1 << 7,  /* a patient authorization was revoked or expired */
} RoundsReminderKind;

#define ROUNDS_REMINDER_ALL_KINDS (ROUNDS_REMINDER_POST_SOON | ROUNDS_REMINDER_POST_DUE | \
                                   ROUNDS_REMINDER_POST_FAILED | ROUNDS_REMINDER_PLAN_TASKS | \
                                   ROUNDS_REMINDER_COMMENTS | ROUNDS_REMINDER_ACCOUNT | \
                                   ROUNDS_REMINDER_CONSENT)

#define ROUNDS_TYPE_REMINDER (rounds_reminder_get_type ())

G_DECLARE_FINAL_TYPE (RoundsReminder, rounds_reminder, ROUNDS, REMINDER, GObject)

const char         *rounds_reminder_kind_to_string   (RoundsReminderKind  kind);
RoundsReminderKind  rounds_reminder_kind_from_string (const char         *str);
gboolean            rounds_reminder_kind_is_urgent   (RoundsReminderKind  kind);

/* A notification to show: built by #RoundsReminders, shown by a notifier.
 * Its text never holds post or comment text unless the user asked for it
 * (see RoundsReminderSettings.show_text). Actions name application
 * actions without their "app." prefix. */
RoundsReminder     *rounds_reminder_new              (const char         *id,
                                                      RoundsReminderKind  kind,
                                                      const char         *title,
                                                      const char         *body);
const char         *rounds_reminder_get_id           (RoundsReminder     *self);
RoundsReminderKind  rounds_reminder_get_kind         (RoundsReminder     *self);
const char         *rounds_reminder_get_title        (RoundsReminder     *self);
const char         *rounds_reminder_get_body         (RoundsReminder     *self);
gboolean            rounds_reminder_get_urgent       (RoundsReminder     *self);
gint64              rounds_reminder_get_post_id      (RoundsReminder     *self);
void                rounds_reminder_set_post_id      (RoundsReminder     *self,
                                                      gint64              post_id);
const char * const *rounds_reminder_get_keys         (RoundsReminder     *self);
void                rounds_reminder_add_key          (RoundsReminder     *self,
                                                      const char         *key);
void                rounds_reminder_set_default_action (RoundsReminder   *self,
                                                      const char         *action,
                                                      GVariant           *target);
const char         *rounds_reminder_get_default_action (RoundsReminder   *self,
                                                      GVariant          **target);
void                rounds_reminder_add_action       (RoundsReminder     *self,
                                                      const char         *id,
                                                      const char         *label,
                                                      const char         *action,
                                                      GVariant           *target);
guint               rounds_reminder_get_n_actions    (RoundsReminder     *self);
const char         *rounds_reminder_get_action       (RoundsReminder     *self,
                                                      guint               index,
                                                      const char        **label,
                                                      const char        **action,
                                                      GVariant          **target);

G_END_DECLS
