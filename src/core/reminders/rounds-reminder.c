/* rounds-reminder.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-reminders"

#include "config.h"

#include "rounds-reminder.h"

/* One notification's worth of reminding: a title, a body, the actions
 * it offers, and the keys of the reminders table rows it delivers. */

typedef struct
{
  char     *id;
  char     *label;
  char     *action;
  GVariant *target;
} Action;

struct _RoundsReminder
{
  GObject             parent_instance;
  char               *id;
  RoundsReminderKind  kind;
  char               *title;
  char               *body;
  gint64              post_id;
  GPtrArray          *keys;
  GArray             *actions;
  char               *default_action;
  GVariant           *default_target;
};

G_DEFINE_FINAL_TYPE (RoundsReminder, rounds_reminder, G_TYPE_OBJECT)

static const struct {
  RoundsReminderKind  kind;
  const char         *id;
} kinds[] = {
  { ROUNDS_REMINDER_POST_SOON,   "post-soon" },
  { ROUNDS_REMINDER_POST_DUE,    "post-due" },
  { ROUNDS_REMINDER_POST_FAILED, "post-failed" },
  { ROUNDS_REMINDER_PLAN_TASKS,  "plan-tasks" },
  { ROUNDS_REMINDER_COMMENTS,    "comments" },
  { ROUNDS_REMINDER_SUMMARY,     "summary" },
  { ROUNDS_REMINDER_ACCOUNT,     "account" },
  { ROUNDS_REMINDER_CONSENT,     "consent" },
};

static void
clear_action (gpointer data)
{
  Action *action = data;

  g_free (action->id);
  g_free (action->label);
  g_free (action->action);
  g_clear_pointer (&action->target, g_variant_unref);
}

static void
rounds_reminder_finalize (GObject *object)
{
  RoundsReminder *self = (RoundsReminder *)object;

  g_free (self->id);
  g_free (self->title);
  g_free (self->body);
  g_free (self->default_action);
  g_clear_pointer (&self->default_target, g_variant_unref);
  g_ptr_array_unref (self->keys);
  g_array_unref (self->actions);

  G_OBJECT_CLASS (rounds_reminder_parent_class)->finalize (object);
}

static void
rounds_reminder_class_init (RoundsReminderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rounds_reminder_finalize;
}

static void
rounds_reminder_init (RoundsReminder *self)
{
  self->keys = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->keys, NULL);
  self->actions = g_array_new (FALSE, TRUE, sizeof (Action));
  g_array_set_clear_func (self->actions, clear_action);
}

const char *
rounds_reminder_kind_to_string (RoundsReminderKind kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (kinds[i].kind == kind)
      return kinds[i].id;

  return NULL;
}

RoundsReminderKind
rounds_reminder_kind_from_string (const char *str)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kinds[i].id, str) == 0)
      return kinds[i].kind;

  return ROUNDS_REMINDER_NONE;
}

/**
 * rounds_reminder_kind_is_urgent:
 *
 * Urgent reminders are about a post at a time the user chose, or an
 * account that cannot publish it; they come also in quiet hours. Plan
 * tasks and new comments wait for the morning.
 */
gboolean
rounds_reminder_kind_is_urgent (RoundsReminderKind kind)
{
  return (kind & (ROUNDS_REMINDER_POST_SOON | ROUNDS_REMINDER_POST_DUE |
                  ROUNDS_REMINDER_POST_FAILED | ROUNDS_REMINDER_ACCOUNT |
                  ROUNDS_REMINDER_CONSENT)) != 0;
}

RoundsReminder *
rounds_reminder_new (const char         *id,
                     RoundsReminderKind  kind,
                     const char         *title,
                     const char         *body)
{
  RoundsReminder *self = g_object_new (ROUNDS_TYPE_REMINDER, NULL);

  self->id = g_strdup (id);
  self->kind = kind;
  self->title = g_strdup (title);
  self->body = g_strdup (body ? body : "");

  return self;
}

const char *
rounds_reminder_get_id (RoundsReminder *self)
{
  g_return_val_if_fail (ROUNDS_IS_REMINDER (self), NULL);
  return self->id;
}

RoundsReminderKind
rounds_reminder_get_kind (RoundsReminder *self)
{
  g_return_val_if_fail (ROUNDS_IS_REMINDER (self), ROUNDS_REMINDER_NONE);
  return self->kind;
}

const char *
rounds_reminder_get_title (RoundsReminder *self)
{
  g_return_val_if_fail (ROUNDS_IS_REMINDER (self), NULL);
  return self->title;
}

const char *
rounds_reminder_get_body (RoundsReminder *self)
{
  g_return_val_if_fail (ROUNDS_IS_REMINDER (self), NULL);
  return self->body;
}

gboolean
rounds_reminder_get_urgent (RoundsReminder *self)
{
  g_return_val_if_fail (ROUNDS_IS_REMINDER (self), FALSE);
  return rounds_reminder_kind_is_urgent (self->kind);
}

gint64
rounds_reminder_get_post_id (RoundsReminder *self)
{
  g_return_val_if_fail (ROUNDS_IS_REMINDER (self), 0);
  return self->post_id;
}

void
rounds_reminder_set_post_id (RoundsReminder *self,
                             gint64          post_id)
{
  g_return_if_fail (ROUNDS_IS_REMINDER (self));
  self->post_id = post_id;
}

/**
 * rounds_reminder_get_keys:
 *
 * Returns: (transfer none): the reminders table rows this notification
 *   delivers.
 */
const char * const *
rounds_reminder_get_keys (RoundsReminder *self)
{
  g_return_val_if_fail (ROUNDS_IS_REMINDER (self), NULL);
  return (const char * const *)self->keys->pdata;
}

void
rounds_reminder_add_key (RoundsReminder *self,
                         const char     *key)
{
  g_return_if_fail (ROUNDS_IS_REMINDER (self));

  g_ptr_array_insert (self->keys, self->keys->len - 1, g_strdup (key));
}

/**
 * rounds_reminder_set_default_action:
 * @target: (nullable): floating references are sunk
 *
 * What clicking the notification itself does.
 */
void
rounds_reminder_set_default_action (RoundsReminder *self,
                                    const char     *action,
                                    GVariant       *target)
{
  g_return_if_fail (ROUNDS_IS_REMINDER (self));

  g_free (self->default_action);
  self->default_action = g_strdup (action);
  g_clear_pointer (&self->default_target, g_variant_unref);
  self->default_target = target ? g_variant_ref_sink (target) : NULL;
}

const char *
rounds_reminder_get_default_action (RoundsReminder  *self,
                                    GVariant       **target)
{
  g_return_val_if_fail (ROUNDS_IS_REMINDER (self), NULL);

  if (target != NULL)
    *target = self->default_target;
  return self->default_action;
}

/**
 * rounds_reminder_add_action:
 * @id: a stable id ("mark-posted"), what the notification server reports
 * @label: the button's label
 * @action: an application action, without "app."
 * @target: (nullable): its parameter; floating references are sunk
 */
void
rounds_reminder_add_action (RoundsReminder *self,
                            const char     *id,
                            const char     *label,
                            const char     *action,
                            GVariant       *target)
{
  Action entry = { g_strdup (id), g_strdup (label), g_strdup (action),
                   target ? g_variant_ref_sink (target) : NULL };

  g_return_if_fail (ROUNDS_IS_REMINDER (self));

  g_array_append_val (self->actions, entry);
}

guint
rounds_reminder_get_n_actions (RoundsReminder *self)
{
  g_return_val_if_fail (ROUNDS_IS_REMINDER (self), 0);
  return self->actions->len;
}

/**
 * rounds_reminder_get_action:
 *
 * Returns: the action's id; @label, @action and @target (transfer none)
 *   are set when not %NULL.
 */
const char *
rounds_reminder_get_action (RoundsReminder  *self,
                            guint            index,
                            const char     **label,
                            const char     **action,
                            GVariant       **target)
{
  Action *entry;

  g_return_val_if_fail (ROUNDS_IS_REMINDER (self), NULL);
  g_return_val_if_fail (index < self->actions->len, NULL);

  entry = &g_array_index (self->actions, Action, index);
  if (label != NULL)
    *label = entry->label;
  if (action != NULL)
    *action = entry->action;
  if (target != NULL)
    *target = entry->target;
  return entry->id;
}
