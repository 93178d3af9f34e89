/* rounds-notifier-gio.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-notifier"

#include "config.h"

#include "rounds-notifier-gio.h"

/* Notifications through GNotification: under Flatpak GLib sends them to
 * the notification portal, which the sandbox allows. Buttons are
 * "app.ACTION" with a target, activated by GApplication itself. */

struct _RoundsNotifierGio
{
  GObject       parent_instance;
  GApplication *application;   /* weak */
};

static void rounds_notifier_gio_iface_init (RoundsNotifierInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RoundsNotifierGio, rounds_notifier_gio, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (ROUNDS_TYPE_NOTIFIER,
                                                      rounds_notifier_gio_iface_init))

static char *
detailed (const char *action)
{
  return g_strconcat ("app.", action, NULL);
}

static gboolean
rounds_notifier_gio_show (RoundsNotifier  *notifier,
                          RoundsReminder  *reminder,
                          GError         **error)
{
  RoundsNotifierGio *self = ROUNDS_NOTIFIER_GIO (notifier);
  g_autoptr(GNotification) notification = NULL;
  g_autoptr(GIcon) icon = g_themed_icon_new (APPLICATION_ID);
  GVariant *target = NULL;
  const char *action;

  if (self->application == NULL || !g_application_get_is_registered (self->application))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                           "The application is not registered");
      return FALSE;
    }

  notification = g_notification_new (rounds_reminder_get_title (reminder));
  g_notification_set_body (notification, rounds_reminder_get_body (reminder));
  g_notification_set_icon (notification, icon);
  g_notification_set_priority (notification, rounds_reminder_get_urgent (reminder)
                                               ? G_NOTIFICATION_PRIORITY_HIGH
                                               : G_NOTIFICATION_PRIORITY_NORMAL);

  action = rounds_reminder_get_default_action (reminder, &target);
  if (action != NULL)
    {
      g_autofree char *name = detailed (action);
      g_notification_set_default_action_and_target_value (notification, name, target);
    }

  for (guint i = 0; i < rounds_reminder_get_n_actions (reminder); i++)
    {
      const char *label = NULL;
      g_autofree char *name = NULL;

      rounds_reminder_get_action (reminder, i, &label, &action, &target);
      name = detailed (action);
      g_notification_add_button_with_target_value (notification, label, name, target);
    }

  g_application_send_notification (self->application, rounds_reminder_get_id (reminder),
                                   notification);
  return TRUE;
}

static void
rounds_notifier_gio_withdraw (RoundsNotifier *notifier,
                              const char     *id)
{
  RoundsNotifierGio *self = ROUNDS_NOTIFIER_GIO (notifier);

  if (self->application != NULL)
    g_application_withdraw_notification (self->application, id);
}

static void
rounds_notifier_gio_iface_init (RoundsNotifierInterface *iface)
{
  iface->show = rounds_notifier_gio_show;
  iface->withdraw = rounds_notifier_gio_withdraw;
}

static void
rounds_notifier_gio_dispose (GObject *object)
{
  RoundsNotifierGio *self = (RoundsNotifierGio *)object;

  g_clear_weak_pointer (&self->application);

  G_OBJECT_CLASS (rounds_notifier_gio_parent_class)->dispose (object);
}

static void
rounds_notifier_gio_class_init (RoundsNotifierGioClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = rounds_notifier_gio_dispose;
}

static void
rounds_notifier_gio_init (RoundsNotifierGio *self)
{
}

RoundsNotifierGio *
rounds_notifier_gio_new (GApplication *application)
{
  RoundsNotifierGio *self = g_object_new (ROUNDS_TYPE_NOTIFIER_GIO, NULL);

  g_set_weak_pointer (&self->application, application);
  return self;
}
