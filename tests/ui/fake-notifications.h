/* fake-notifications.h — a recording org.freedesktop.Notifications server
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Owns org.freedesktop.Notifications on the session bus in a thread of
 * its own (libnotify calls it synchronously from the main thread), and
 * records each Notify call as a JSON line (app name, icon, summary, body,
 * actions, hints): fake_notifications_get() returns them. It can emit
 * ActionInvoked, as a user clicking a button would. Nothing is printed on
 * stdout (GTest speaks TAP there).
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

typedef struct
{
  GThread         *thread;
  GMainContext    *context;
  GMainLoop       *loop;
  GDBusConnection *connection;
  GMutex           lock;
  GCond            ready_cond;
  gboolean         ready;
  GPtrArray       *notifies;   /* JSON lines */
  GPtrArray       *closed;     /* ids, as strings */
  guint            answered;   /* Notify calls answered */
  guint32          next_id;
  char            *address;
} FakeNotifications;

static const char fake_notifications_xml[] =
  "<node><interface name='org.freedesktop.Notifications'>"
  "<method name='Notify'><arg type='s' direction='in'/><arg type='u' direction='in'/>"
  "<arg type='s' direction='in'/><arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "<arg type='as' direction='in'/><arg type='a{sv}' direction='in'/><arg type='i' direction='in'/>"
  "<arg type='u' direction='out'/></method>"
  "<method name='CloseNotification'><arg type='u' direction='in'/></method>"
  "<method name='GetCapabilities'><arg type='as' direction='out'/></method>"
  "<method name='GetServerInformation'><arg type='s' direction='out'/>"
  "<arg type='s' direction='out'/>"
  "<arg type='s' direction='out'/><arg type='s' direction='out'/></method>"
  "<signal name='NotificationClosed'><arg type='u'/><arg type='u'/></signal>"
  "<signal name='ActionInvoked'><arg type='u'/><arg type='s'/></signal>"
  "</interface></node>";

static void
fake_notifications_method (GDBusConnection       *connection,
                           const char            *sender,
                           const char            *path,
                           const char            *iface,
                           const char            *method,
                           GVariant              *params,
                           GDBusMethodInvocation *invocation,
                           gpointer               user_data)
{
  FakeNotifications *fake = user_data;

  if (g_str_equal (method, "Notify"))
    {
      const char *app, *icon, *summary, *body;
      guint32 replaces, id;
      g_autofree const char **actions = NULL;
      g_autoptr(GVariant) hints = NULL;
      gint32 timeout;
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      GVariantIter iter;
      const char *key;
      GVariant *value;

      g_variant_get (params, "(&su&s&s&s^a&s@a{sv}i)", &app, &replaces, &icon, &summary, &body,
                     &actions, &hints, &timeout);

      g_mutex_lock (&fake->lock);
      id = replaces != 0 ? replaces : ++fake->next_id;
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, id);
      json_builder_set_member_name (b, "sender");
      json_builder_add_string_value (b, sender);
      json_builder_set_member_name (b, "app_name");
      json_builder_add_string_value (b, app);
      json_builder_set_member_name (b, "app_icon");
      json_builder_add_string_value (b, icon);
      json_builder_set_member_name (b, "summary");
      json_builder_add_string_value (b, summary);
      json_builder_set_member_name (b, "body");
      json_builder_add_string_value (b, body);
      json_builder_set_member_name (b, "actions");
      json_builder_begin_array (b);
      for (guint i = 0; actions[i] != NULL; i++)
        json_builder_add_string_value (b, actions[i]);
      json_builder_end_array (b);
      json_builder_set_member_name (b, "hints");
      json_builder_begin_object (b);
      g_variant_iter_init (&iter, hints);
      while (g_variant_iter_loop (&iter, "{&sv}", &key, &value))
        {
          json_builder_set_member_name (b, key);
          if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
            json_builder_add_string_value (b, g_variant_get_string (value, NULL));
          else
            {
              g_autofree char *printed = g_variant_print (value, FALSE);
              json_builder_add_string_value (b, printed);
            }
        }
      json_builder_end_object (b);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      g_ptr_array_add (fake->notifies, json_to_string (root, FALSE));
      g_mutex_unlock (&fake->lock);

      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", id));
      g_mutex_lock (&fake->lock);
      fake->answered++;
      g_mutex_unlock (&fake->lock);
    }
  else if (g_str_equal (method, "CloseNotification"))
    {
      guint32 id;

      g_variant_get (params, "(u)", &id);
      g_mutex_lock (&fake->lock);
      g_ptr_array_add (fake->closed, g_strdup_printf ("%u", id));
      g_mutex_unlock (&fake->lock);
      g_dbus_connection_emit_signal (connection, sender, "/org/freedesktop/Notifications",
                                     "org.freedesktop.Notifications", "NotificationClosed",
                                     g_variant_new ("(uu)", id, 3), NULL);
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else if (g_str_equal (method, "GetCapabilities"))
    {
      /* What GNOME Shell announces. */
      const char *caps[] = { "actions", "body", "body-markup", "icon-static", "persistence",
                             NULL };

      g_dbus_method_invocation_return_value (invocation,
                                             g_variant_new ("(^as)", caps));
    }
  else
    g_dbus_method_invocation_return_value (invocation,
                                           g_variant_new ("(ssss)", "fake", "Rounds tests",
                                                          "1.0", "1.2"));
}

static gpointer
fake_notifications_thread (gpointer data)
{
  FakeNotifications *fake = data;
  static const GDBusInterfaceVTable vtable = { fake_notifications_method, NULL, NULL };
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (fake_notifications_xml, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;

  g_main_context_push_thread_default (fake->context);

  fake->connection =
    g_dbus_connection_new_for_address_sync (fake->address,
                                            G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                            G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                            NULL, NULL, &error);
  g_assert_no_error (error);
  g_dbus_connection_register_object (fake->connection, "/org/freedesktop/Notifications",
                                     info->interfaces[0], &vtable, fake, NULL, &error);
  g_assert_no_error (error);
  reply = g_dbus_connection_call_sync (fake->connection, "org.freedesktop.DBus",
                                       "/org/freedesktop/DBus", "org.freedesktop.DBus",
                                       "RequestName",
                                       g_variant_new ("(su)", "org.freedesktop.Notifications", 4),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL,
                                       &error);
  g_assert_no_error (error);

  g_mutex_lock (&fake->lock);
  fake->ready = TRUE;
  g_cond_signal (&fake->ready_cond);
  g_mutex_unlock (&fake->lock);

  g_main_loop_run (fake->loop);

  g_dbus_connection_close_sync (fake->connection, NULL, NULL);
  g_clear_object (&fake->connection);
  g_main_context_pop_thread_default (fake->context);
  return NULL;
}

/* Starts the server on the bus at @address (the session bus). */
static inline FakeNotifications *
fake_notifications_start (const char *address)
{
  FakeNotifications *fake = g_new0 (FakeNotifications, 1);

  g_mutex_init (&fake->lock);
  g_cond_init (&fake->ready_cond);
  fake->notifies = g_ptr_array_new_with_free_func (g_free);
  fake->closed = g_ptr_array_new_with_free_func (g_free);
  fake->address = g_strdup (address);
  fake->context = g_main_context_new ();
  fake->loop = g_main_loop_new (fake->context, FALSE);
  fake->thread = g_thread_new ("fake-notifications", fake_notifications_thread, fake);

  g_mutex_lock (&fake->lock);
  while (!fake->ready)
    g_cond_wait (&fake->ready_cond, &fake->lock);
  g_mutex_unlock (&fake->lock);

  return fake;
}

static gboolean
fake_notifications_quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static inline void
fake_notifications_stop (FakeNotifications *fake)
{
  g_main_context_invoke (fake->context, fake_notifications_quit_cb, fake->loop);
  g_thread_join (fake->thread);
  g_main_loop_unref (fake->loop);
  g_main_context_unref (fake->context);
  g_ptr_array_unref (fake->notifies);
  g_ptr_array_unref (fake->closed);
  g_mutex_clear (&fake->lock);
  g_cond_clear (&fake->ready_cond);
  g_free (fake->address);
  g_free (fake);
}

static inline guint
fake_notifications_count (FakeNotifications *fake)
{
  guint n;

  g_mutex_lock (&fake->lock);
  n = fake->notifies->len;
  g_mutex_unlock (&fake->lock);
  return n;
}

static inline guint
fake_notifications_count_closed (FakeNotifications *fake)
{
  guint n;

  g_mutex_lock (&fake->lock);
  n = fake->closed->len;
  g_mutex_unlock (&fake->lock);
  return n;
}

/* The @index-th Notify call as a JSON object (transfer full). */
static inline JsonObject *
fake_notifications_get (FakeNotifications *fake,
                        guint              index)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *line = NULL;

  g_mutex_lock (&fake->lock);
  g_assert_cmpuint (index, <, fake->notifies->len);
  line = g_strdup (g_ptr_array_index (fake->notifies, index));
  g_mutex_unlock (&fake->lock);

  g_assert_true (json_parser_load_from_data (parser, line, -1, NULL));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* The server records a Notify before it answers, and a client may
 * learn the notification's id only when that answer reaches its main
 * loop: GLib's GNotification (gfdonotificationbackend.c) calls Notify
 * asynchronously and drops an ActionInvoked whose id it does not know
 * yet. A click right after the Notify was seen could be lost that way
 * (a loaded machine made it happen). So: first every recorded Notify is
 * answered (the click then follows the answer on the server's
 * connection, in order); and when the notification is this process's
 * own, one call to the server on the same connection, which the server
 * answers after the Notify (its thread answers in order and D-Bus keeps
 * the order between two connections), then the main loop runs what
 * arrived, the Notify's answer among it. */
static inline void
fake_notifications_settle (FakeNotifications *fake,
                           const char        *sender)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  gboolean answered = FALSE;

  while (!answered)
    {
      g_mutex_lock (&fake->lock);
      answered = fake->answered >= fake->notifies->len;
      g_mutex_unlock (&fake->lock);
      if (!answered)
        g_usleep (1000);
    }

  if (bus == NULL || g_strcmp0 (g_dbus_connection_get_unique_name (bus), sender) != 0)
    return;
  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.Notifications",
                                       "/org/freedesktop/Notifications",
                                       "org.freedesktop.Notifications", "GetServerInformation",
                                       NULL, G_VARIANT_TYPE ("(ssss)"), G_DBUS_CALL_FLAGS_NONE,
                                       30000, NULL, &error);
  g_assert_no_error (error);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

/* Clicks button @action of notification @id, sent to its sender only. */
static inline void
fake_notifications_invoke (FakeNotifications *fake,
                           JsonObject        *notify,
                           const char        *action)
{
  g_autoptr(GError) error = NULL;

  fake_notifications_settle (fake, json_object_get_string_member (notify, "sender"));

  g_dbus_connection_emit_signal (fake->connection, json_object_get_string_member (notify, "sender"),
                                 "/org/freedesktop/Notifications",
                                 "org.freedesktop.Notifications", "ActionInvoked",
                                 g_variant_new ("(us)",
                                                (guint32)json_object_get_int_member (notify, "id"),
                                                action), &error);
  g_assert_no_error (error);
}

/* Runs the main loop until @n Notify calls were recorded or @ms passed. */
static inline gboolean
fake_notifications_wait (FakeNotifications *fake,
                         guint              n,
                         guint              ms)
{
  gint64 end = g_get_monotonic_time () + (gint64)ms * 1000;

  while (fake_notifications_count (fake) < n && g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }

  return fake_notifications_count (fake) >= n;
}
