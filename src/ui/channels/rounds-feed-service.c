/* rounds-feed-service.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-feed-service"

#include "config.h"

#include <glib/gi18n.h>

#include "rounds-feed-service.h"
#include "rounds-secrets.h"

/* The glue between Preferences → Website and the core's feed writer:
 * settings and the keyring in, a status line out. The writing itself
 * (what the feed holds, when it is rewritten) is the core's. */

struct _RoundsFeedService
{
  GObject           parent_instance;

  RoundsContext    *context;
  GSettings        *settings;
  RoundsSecrets    *secrets;
  RoundsFeedWriter *writer;
  GCancellable     *cancellable;
  char             *password;
  char             *status;
  gboolean          failed;
  gboolean          looking_up;
  gboolean          write_when_ready;
};

G_DEFINE_FINAL_TYPE (RoundsFeedService, rounds_feed_service, G_TYPE_OBJECT)

enum { PROP_0, PROP_STATUS, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
configure (RoundsFeedService *self)
{
  g_autofree char *location = g_settings_get_string (self->settings, "feed-location");
  g_autofree char *network_name = g_settings_get_string (self->settings, "feed-network");
  g_autofree char *public_url = g_settings_get_string (self->settings, "feed-public-url");
  g_autofree char *user = g_settings_get_string (self->settings, "feed-user");
  g_autofree char *since = g_settings_get_string (self->settings, "feed-since");
  RoundsNetwork network = 0;

  if (!g_settings_get_boolean (self->settings, "feed-enabled") ||
      rounds_context_is_sample (self->context))
    {
      rounds_feed_writer_configure (self->writer, NULL, 0, NULL, NULL, NULL, NULL);
      return;
    }

  /* The day the feed was first set up is part of every id: set once. */
  if (since[0] == '\0')
    {
      g_autoptr(GDateTime) now =
        g_date_time_new_from_unix_utc (rounds_clock_get_now (rounds_context_get_clock (self->context)));

      g_free (since);
      since = g_date_time_format (now, "%Y-%m-%d");
      g_settings_set_string (self->settings, "feed-since", since);
    }
  if (g_strcmp0 (network_name, "all") != 0)
    network = rounds_network_from_string (network_name);

  g_strstrip (location);
  g_strstrip (public_url);
  g_strstrip (user);
  rounds_feed_writer_configure (self->writer, location, network, public_url, since, user,
                                self->password);
}

static void
set_status (RoundsFeedService *self,
            const char        *status,
            gboolean           failed)
{
  if (g_strcmp0 (self->status, status) == 0 && self->failed == failed)
    return;
  g_free (self->status);
  self->status = g_strdup (status);
  self->failed = failed;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

static void
on_written_cb (RoundsFeedWriter  *writer,
               const char        *error_message,
               RoundsFeedService *self)
{
  g_autofree char *location = g_settings_get_string (self->settings, "feed-location");
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *time = g_date_time_format (now, "%H:%M");
  g_autofree char *status = NULL;

  if (error_message != NULL)
    {
      g_message ("The feed was not written (see Preferences → Website)");
      set_status (self, error_message, TRUE);
      return;
    }
  /* TRANSLATORS: where the feed was written, and the time */
  status = g_strdup_printf (_("Written to %s at %s."), g_strstrip (location), time);
  set_status (self, status, FALSE);
}

static void
password_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(RoundsFeedService) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *password = rounds_secrets_lookup_finish (ROUNDS_SECRETS (source), result,
                                                            &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    g_debug ("No password for the feed's location: %s", error->message);
  self->looking_up = FALSE;
  g_free (self->password);
  self->password = g_steal_pointer (&password);
  configure (self);
  if (self->write_when_ready)
    {
      self->write_when_ready = FALSE;
      rounds_feed_writer_write_now (self->writer);
    }
}

static void
on_settings_changed_cb (GSettings         *settings,
                        const char        *key,
                        RoundsFeedService *self)
{
  if (g_str_has_prefix (key, "feed-") && !g_str_equal (key, "feed-since"))
    configure (self);
}

static void
rounds_feed_service_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  RoundsFeedService *self = ROUNDS_FEED_SERVICE (object);

  switch (prop_id)
    {
    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rounds_feed_service_dispose (GObject *object)
{
  RoundsFeedService *self = ROUNDS_FEED_SERVICE (object);

  g_cancellable_cancel (self->cancellable);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->writer);
  g_clear_object (&self->settings);
  g_clear_object (&self->secrets);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (rounds_feed_service_parent_class)->dispose (object);
}

static void
rounds_feed_service_finalize (GObject *object)
{
  RoundsFeedService *self = ROUNDS_FEED_SERVICE (object);

  g_clear_object (&self->cancellable);
  g_free (self->password);
  g_free (self->status);
  G_OBJECT_CLASS (rounds_feed_service_parent_class)->finalize (object);
}

static void
rounds_feed_service_class_init (RoundsFeedServiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = rounds_feed_service_get_property;
  object_class->dispose = rounds_feed_service_dispose;
  object_class->finalize = rounds_feed_service_finalize;

  properties[PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rounds_feed_service_init (RoundsFeedService *self)
{
  self->cancellable = g_cancellable_new ();
}

RoundsFeedService *
rounds_feed_service_new (RoundsContext *context,
                         GSettings     *settings)
{
  RoundsFeedService *self;

  g_return_val_if_fail (ROUNDS_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (ROUNDS_TYPE_FEED_SERVICE, NULL);
  self->context = g_object_ref (context);
  self->settings = g_object_ref (settings);
  self->secrets = rounds_secrets_new ();
  self->writer = rounds_feed_writer_new (rounds_context_get_store (context));
  g_signal_connect (self->writer, "written", G_CALLBACK (on_written_cb), self);
  g_signal_connect (settings, "changed", G_CALLBACK (on_settings_changed_cb), self);
  configure (self);
  rounds_feed_service_reload (self);
  return self;
}

RoundsContext *
rounds_feed_service_get_context (RoundsFeedService *self)
{
  g_return_val_if_fail (ROUNDS_IS_FEED_SERVICE (self), NULL);
  return self->context;
}

void
rounds_feed_service_reload (RoundsFeedService *self)
{
  g_return_if_fail (ROUNDS_IS_FEED_SERVICE (self));

  self->looking_up = TRUE;
  rounds_secrets_lookup_async (self->secrets, ROUNDS_FEED_SECRET_ID, self->cancellable,
                               password_cb, g_object_ref (self));
}

void
rounds_feed_service_write_now (RoundsFeedService *self)
{
  g_return_if_fail (ROUNDS_IS_FEED_SERVICE (self));

  if (rounds_context_is_sample (self->context))
    {
      set_status (self, _("The sample practice writes no feed."), TRUE);
      return;
    }
  if (!g_settings_get_boolean (self->settings, "feed-enabled"))
    {
      set_status (self, _("Turn the feed on first."), TRUE);
      return;
    }
  if (self->looking_up)
    {
      self->write_when_ready = TRUE;
      return;
    }
  configure (self);
  rounds_feed_writer_write_now (self->writer);
}

const char *
rounds_feed_service_get_status (RoundsFeedService *self)
{
  g_return_val_if_fail (ROUNDS_IS_FEED_SERVICE (self), NULL);
  return self->status;
}

gboolean
rounds_feed_service_get_failed (RoundsFeedService *self)
{
  g_return_val_if_fail (ROUNDS_IS_FEED_SERVICE (self), FALSE);
  return self->failed;
}

RoundsFeedWriter *
rounds_feed_service_get_writer (RoundsFeedService *self)
{
  g_return_val_if_fail (ROUNDS_IS_FEED_SERVICE (self), NULL);
  return self->writer;
}
