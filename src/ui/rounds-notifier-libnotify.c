/* rounds-notifier-libnotify.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-notifier"

#include "config.h"

#include <glib/gi18n.h>
#include <libnotify/notify.h>

#include "rounds-notifier-libnotify.h"

/* Notifications through org.freedesktop.Notifications with libnotify:
 * the app's icon, its desktop entry (so the shell groups them under
 * Rounds and honours the user's notification settings for it), and
 * buttons that activate application actions. A notification is kept
 * until the server closes it, as libnotify needs the object to report
 * its buttons (with the main loop running). */

struct _RoundsNotifierLibnotify
{
  GObject       parent_instance;
  GApplication *application;   /* weak */
  GHashTable   *shown;         /* id → NotifyNotification */
};

static void rounds_notifier_libnotify_iface_init (RoundsNotifierInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RoundsNotifierLibnotify, rounds_notifier_libnotify, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (ROUNDS_TYPE_NOTIFIER,
                                                      rounds_notifier_libnotify_iface_init))

static void
activate (RoundsNotifierLibnotify *self,
          const char              *action,
          GVariant                *target)
{
  if (self->application == NULL || action == NULL)
    return;

  g_debug ("Notification button: %s", action);
  g_action_group_activate_action (G_ACTION_GROUP (self->application), action, target);
}

/* What a notification's button stands for: libnotify owns one per
 * button and frees it with the notification. */
typedef struct
{
  RoundsNotifierLibnotify *self;      /* weak */
  RoundsReminder          *reminder;
} Button;

static Button *
button_new (RoundsNotifierLibnotify *self,
            RoundsReminder          *reminder)
{
  Button *button = g_new0 (Button, 1);

  g_set_weak_pointer (&button->self, self);
  button->reminder = g_object_ref (reminder);
  return button;
}

static void
button_free (gpointer data)
{
  Button *button = data;

  g_clear_weak_pointer (&button->self);
  g_clear_object (&button->reminder);
  g_free (button);
}

static void
on_action_cb (NotifyNotification *notification,
              char               *action_id,
              gpointer            user_data)
{
  Button *button = user_data;
  RoundsNotifierLibnotify *self = button->self;
  RoundsReminder *reminder = button->reminder;

  if (self == NULL)
    return;

  if (g_strcmp0 (action_id, "default") == 0)
    {
      GVariant *target = NULL;
      const char *action = rounds_reminder_get_default_action (reminder, &target);

      activate (self, action, target);
      return;
    }

  for (guint i = 0; i < rounds_reminder_get_n_actions (reminder); i++)
    {
      const char *action = NULL;
      GVariant *target = NULL;

      if (g_strcmp0 (rounds_reminder_get_action (reminder, i, NULL, &action, &target),
                     action_id) == 0)
        {
          activate (self, action, target);
          return;
        }
    }
}

static void
on_closed_cb (NotifyNotification      *notification,
              RoundsNotifierLibnotify *self)
{
  GHashTableIter iter;
  gpointer shown;

  /* Between dispose and finalize the handler is still connected. */
  if (self->shown == NULL)
    return;

  /* Forget it under its reminder's id, unless a newer one took its place. */
  g_hash_table_iter_init (&iter, self->shown);
  while (g_hash_table_iter_next (&iter, NULL, &shown))
    if (shown == notification)
      {
        g_hash_table_iter_remove (&iter);
        return;
      }
}

/* A server that announces body-markup reads the body as Pango-like
 * markup: a post or comment with "<3" or "&" would show mangled or not
 * at all, so the text is escaped for such a server (and only for it: the
 * others show the body as it is). */
static char *
dup_body (const char *body)
{
  GList *caps = notify_get_server_caps ();
  gboolean markup = g_list_find_custom (caps, "body-markup", (GCompareFunc)g_strcmp0) != NULL;

  g_list_free_full (caps, g_free);
  return markup ? g_markup_escape_text (body, -1) : g_strdup (body);
}

static gboolean
rounds_notifier_libnotify_show (RoundsNotifier  *notifier,
                                RoundsReminder  *reminder,
                                GError         **error)
{
  RoundsNotifierLibnotify *self = ROUNDS_NOTIFIER_LIBNOTIFY (notifier);
  NotifyNotification *notification = NULL;
  RoundsReminderKind kind = rounds_reminder_get_kind (reminder);
  g_autofree char *body = NULL;

  if (!notify_is_initted () && !notify_init ("Rounds"))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           "The notification service could not be reached");
      return FALSE;
    }

  body = dup_body (rounds_reminder_get_body (reminder));
  notification = notify_notification_new (rounds_reminder_get_title (reminder), body,
                                          APPLICATION_ID);
  notify_notification_set_app_name (notification, "Rounds");
  notify_notification_set_hint_string (notification, "desktop-entry", APPLICATION_ID);
  notify_notification_set_category (notification,
                                    kind == ROUNDS_REMINDER_COMMENTS ? "im.received"
                                                                     : "x-rounds.reminder");
  notify_notification_set_urgency (notification, NOTIFY_URGENCY_NORMAL);

  if (rounds_reminder_get_default_action (reminder, NULL) != NULL)
    notify_notification_add_action (notification, "default", _("Open"), on_action_cb,
                                    button_new (self, reminder), button_free);
  for (guint i = 0; i < rounds_reminder_get_n_actions (reminder); i++)
    {
      const char *label = NULL;
      const char *id = rounds_reminder_get_action (reminder, i, &label, NULL, NULL);

      notify_notification_add_action (notification, id, label, on_action_cb,
                                      button_new (self, reminder), button_free);
    }

  g_signal_connect_object (notification, "closed", G_CALLBACK (on_closed_cb), self, 0);

  if (!notify_notification_show (notification, error))
    {
      g_object_unref (notification);
      return FALSE;
    }

  /* The table keeps it alive for its buttons. */
  g_hash_table_replace (self->shown, g_strdup (rounds_reminder_get_id (reminder)), notification);
  return TRUE;
}

static void
rounds_notifier_libnotify_withdraw (RoundsNotifier *notifier,
                                    const char     *id)
{
  RoundsNotifierLibnotify *self = ROUNDS_NOTIFIER_LIBNOTIFY (notifier);
  NotifyNotification *notification = g_hash_table_lookup (self->shown, id);

  if (notification == NULL)
    return;

  notify_notification_close (notification, NULL);
  g_hash_table_remove (self->shown, id);
}

static void
rounds_notifier_libnotify_iface_init (RoundsNotifierInterface *iface)
{
  iface->show = rounds_notifier_libnotify_show;
  iface->withdraw = rounds_notifier_libnotify_withdraw;
}

static void
rounds_notifier_libnotify_dispose (GObject *object)
{
  RoundsNotifierLibnotify *self = (RoundsNotifierLibnotify *)object;

  g_clear_weak_pointer (&self->application);
  g_clear_pointer (&self->shown, g_hash_table_unref);

  G_OBJECT_CLASS (rounds_notifier_libnotify_parent_class)->dispose (object);
}

static void
rounds_notifier_libnotify_class_init (RoundsNotifierLibnotifyClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = rounds_notifier_libnotify_dispose;
}

static void
rounds_notifier_libnotify_init (RoundsNotifierLibnotify *self)
{
  self->shown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

RoundsNotifierLibnotify *
rounds_notifier_libnotify_new (GApplication *application)
{
  RoundsNotifierLibnotify *self = g_object_new (ROUNDS_TYPE_NOTIFIER_LIBNOTIFY, NULL);

  g_set_weak_pointer (&self->application, application);
  return self;
}
