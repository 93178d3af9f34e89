/* rounds-notifier.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-notifier"

#include "config.h"

#include "rounds-notifier.h"
#include "rounds-notifier-gio.h"
#include "rounds-notifier-libnotify.h"

G_DEFINE_INTERFACE (RoundsNotifier, rounds_notifier, G_TYPE_OBJECT)

static void
rounds_notifier_default_init (RoundsNotifierInterface *iface)
{
}

/**
 * rounds_notifier_in_flatpak:
 *
 * Returns: whether Rounds runs in a Flatpak sandbox.
 */
gboolean
rounds_notifier_in_flatpak (void)
{
  return g_getenv ("FLATPAK_ID") != NULL || g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS);
}

/**
 * rounds_notifier_new_for_application:
 *
 * The notifier for this system: GNotification (the portal) in a Flatpak
 * sandbox, libnotify elsewhere. `ROUNDS_NOTIFIER=gio` or `libnotify`
 * chooses one (tests).
 *
 * Returns: (transfer full): a notifier.
 */
RoundsNotifier *
rounds_notifier_new_for_application (GApplication *application)
{
  const char *choice = g_getenv ("ROUNDS_NOTIFIER");

  g_return_val_if_fail (G_IS_APPLICATION (application), NULL);

  if (g_strcmp0 (choice, "gio") == 0 ||
      (g_strcmp0 (choice, "libnotify") != 0 && rounds_notifier_in_flatpak ()))
    return ROUNDS_NOTIFIER (rounds_notifier_gio_new (application));

  return ROUNDS_NOTIFIER (rounds_notifier_libnotify_new (application));
}

/**
 * rounds_notifier_show:
 *
 * Shows @reminder, replacing any shown notification with the same id.
 *
 * Returns: whether it could be shown.
 */
gboolean
rounds_notifier_show (RoundsNotifier  *self,
                      RoundsReminder  *reminder,
                      GError         **error)
{
  g_return_val_if_fail (ROUNDS_IS_NOTIFIER (self), FALSE);
  g_return_val_if_fail (ROUNDS_IS_REMINDER (reminder), FALSE);

  return ROUNDS_NOTIFIER_GET_IFACE (self)->show (self, reminder, error);
}

/**
 * rounds_notifier_withdraw:
 *
 * Takes a shown notification away (its post was marked as posted).
 */
void
rounds_notifier_withdraw (RoundsNotifier *self,
                          const char     *id)
{
  g_return_if_fail (ROUNDS_IS_NOTIFIER (self));
  g_return_if_fail (id != NULL);

  ROUNDS_NOTIFIER_GET_IFACE (self)->withdraw (self, id);
}
