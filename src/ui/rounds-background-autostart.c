/* rounds-background-autostart.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-background"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "rounds-background.h"

/* Starting Rounds hidden at login, so that reminders come although
 * nobody opened it: an autostart entry in the user's autostart folder
 * ($XDG_CONFIG_HOME/autostart), written from the template installed
 * with the app (data/…autostart.desktop.in, also in the GResource) and
 * removed when the user switches reminding in the background off. In a
 * Flatpak sandbox that folder is not the user's: the Background portal
 * is asked instead, and writes the entry itself. */

#define PORTAL_BUS   "org.freedesktop.portal.Desktop"
#define PORTAL_PATH  "/org/freedesktop/portal/desktop"
#define PORTAL_IFACE "org.freedesktop.portal.Background"

/**
 * rounds_background_dup_autostart_path:
 *
 * Returns: (transfer full): `$XDG_CONFIG_HOME/autostart/APPLICATION_ID.desktop`.
 */
char *
rounds_background_dup_autostart_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "autostart", APPLICATION_ID ".desktop",
                           NULL);
}

/* This very program when it is `rounds` (installed, or from the build
 * folder), else `rounds` from PATH (a test program embeds the app). */
static char *
dup_executable (void)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *name = self ? g_path_get_basename (self) : NULL;

  if (self != NULL && g_path_is_absolute (self) && g_str_equal (name, "rounds"))
    return g_steal_pointer (&self);

  return g_strdup ("rounds");
}

/* Desktop Entry quoting: double quotes, with " ` $ \\ escaped. */
static char *
quote_exec (const char *path)
{
  GString *out;

  if (strpbrk (path, " \t\n\"'\\><~|&;$*?#()`") == NULL)
    return g_strdup (path);

  out = g_string_new ("\"");
  for (const char *p = path; *p != '\0'; p++)
    {
      if (strchr ("\"`$\\", *p) != NULL)
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
  return g_string_free (out, FALSE);
}

static char *
dup_entry (GError **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GString) text = NULL;
  g_autofree char *exec = dup_executable ();
  g_autofree char *quoted = quote_exec (exec);
  g_auto(GStrv) lines = NULL;
  GString *out;

  bytes = g_resources_lookup_data (RESOURCE_PREFIX "/autostart.desktop", 0, error);
  if (bytes == NULL)
    return NULL;

  text = g_string_new_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_string_replace (text, "@APPLICATION_ID@", APPLICATION_ID, 0);
  g_string_replace (text, "@EXEC@", quoted, 0);

  /* The comment, in the user's language. */
  lines = g_strsplit (text->str, "\n", -1);
  out = g_string_new (NULL);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], "Comment="))
        g_string_append_printf (out, "Comment=%s",
                                _("Reminds you of posts to publish, overdue plan tasks and new "
                                  "comments"));
      else
        g_string_append (out, lines[i]);
      if (lines[i + 1] != NULL)
        g_string_append_c (out, '\n');
    }

  return g_string_free (out, FALSE);
}

static void
on_portal_reply_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply == NULL)
    g_debug ("The Background portal refused: %s", error->message);
  else
    g_debug ("Asked the Background portal for autostart %s",
             GPOINTER_TO_INT (user_data) ? "on" : "off");
}

/* org.freedesktop.portal.Background.RequestBackground: the portal may ask
 * the user, and writes (or removes) the autostart entry itself. Its
 * answer comes as a Response signal on a request object; we only log it,
 * the preference stays what the user chose. */
static gboolean
request_background (gboolean   enabled,
                    GError   **error)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, error);
  g_autofree char *token = NULL;
  GVariantBuilder options;
  const char *command[] = { "rounds", "--background", NULL };

  if (bus == NULL)
    return FALSE;

  token = g_strdup_printf ("rounds%u", g_random_int ());
  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&options, "{sv}", "handle_token", g_variant_new_string (token));
  g_variant_builder_add (&options, "{sv}", "reason",
                         g_variant_new_string (_("Rounds reminds you of posts to publish and "
                                                 "new comments when its window is closed.")));
  g_variant_builder_add (&options, "{sv}", "autostart", g_variant_new_boolean (enabled));
  g_variant_builder_add (&options, "{sv}", "commandline", g_variant_new_strv (command, -1));
  g_variant_builder_add (&options, "{sv}", "dbus-activatable", g_variant_new_boolean (FALSE));

  g_dbus_connection_call (bus, PORTAL_BUS, PORTAL_PATH, PORTAL_IFACE, "RequestBackground",
                          g_variant_new ("(sa{sv})", "", &options), G_VARIANT_TYPE ("(o)"),
                          G_DBUS_CALL_FLAGS_NONE, -1, NULL, on_portal_reply_cb,
                          GINT_TO_POINTER (enabled));
  return TRUE;
}

/**
 * rounds_background_get_autostart:
 *
 * Returns: whether the autostart entry is in place (outside Flatpak).
 */
gboolean
rounds_background_get_autostart (void)
{
  g_autofree char *path = rounds_background_dup_autostart_path ();

  return g_file_test (path, G_FILE_TEST_IS_REGULAR);
}

/**
 * rounds_background_set_autostart:
 *
 * Writes or removes the autostart entry (asks the Background portal
 * under Flatpak). Writing an entry that is already right does nothing.
 */
gboolean
rounds_background_set_autostart (gboolean   enabled,
                                 GError   **error)
{
  g_autofree char *path = rounds_background_dup_autostart_path ();
  g_autofree char *dir = NULL;
  g_autofree char *entry = NULL;
  g_autofree char *current = NULL;

  if (rounds_notifier_in_flatpak ())
    return request_background (enabled, error);

  if (!enabled)
    {
      if (g_unlink (path) != 0 && errno != ENOENT)
        {
          int saved = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       _("The autostart entry could not be removed: %s"), g_strerror (saved));
          return FALSE;
        }
      return TRUE;
    }

  entry = dup_entry (error);
  if (entry == NULL)
    return FALSE;

  if (g_file_get_contents (path, &current, NULL, NULL) && g_strcmp0 (current, entry) == 0)
    return TRUE;

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("The autostart folder could not be made: %s"), g_strerror (saved));
      return FALSE;
    }

  return g_file_set_contents (path, entry, -1, error);
}
