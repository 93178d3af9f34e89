/* rounds-background.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-background"

#include "config.h"

#include <glib/gi18n.h>

#include "rounds-background.h"
#include "rounds-inbox-poller.h"
#include "rounds-context.h"
#include "rounds-publisher.h"
#include "rounds-store-publish.h"
#include "rounds-utm.h"

/* Keeps reminding: runs the core's reminder scheduler for the practice
 * and shows what it decides through the notifier, with or without a
 * window. It ticks
 * - at the next foreseen reminder, and at least every minute;
 * - a second after the practice's posts or comments change;
 * - at once after a suspend or a clock change: GLib has no suspend
 *   signal, so a ten-second timer compares the wall clock with the
 *   monotonic clock (which stops during suspend), and logind's
 *   PrepareForSleep is listened to when the system bus is there.
 * The scheduler records each delivery in the practice's file, so a
 * second Rounds, a restart or a resume never shows one twice.
 *
 * The Inbox's poller (rounds-inbox-poller.c) runs here too, next to the
 * publishing queue, so new comments are fetched with or without a window,
 * every "inbox-poll-minutes"; what it stores changes the comments, which
 * ticks the reminders, which announce the new items. */

#define MAX_INTERVAL   60
#define WATCH_INTERVAL 10
#define JUMP_SECONDS   30

struct _RoundsBackground
{
  GObject          parent_instance;
  GApplication    *application;   /* weak */
  GSettings       *settings;
  RoundsContext   *context;
  RoundsReminders *reminders;
  RoundsPublisher *publisher;
  RoundsInboxPoller *poller;
  RoundsNotifier  *notifier;
  GCancellable    *cancellable;
  GDBusConnection *system_bus;
  guint            sleep_subscription;
  guint            timer_id;
  guint            watch_id;
  guint            soon_id;
  gint64           wall_offset;
  gboolean         started;
};

G_DEFINE_FINAL_TYPE (RoundsBackground, rounds_background, G_TYPE_OBJECT)

enum {
  TICKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void schedule (RoundsBackground *self, guint seconds);

static void
apply_settings (RoundsBackground *self)
{
  RoundsReminderSettings settings;

  rounds_reminder_settings_init (&settings);
  settings.lead_minutes = g_settings_get_int (self->settings, "reminder-lead-minutes");
  settings.enabled = ROUNDS_REMINDER_NONE;
  if (g_settings_get_boolean (self->settings, "remind-post-soon"))
    settings.enabled |= ROUNDS_REMINDER_POST_SOON;
  if (g_settings_get_boolean (self->settings, "remind-post-due"))
    settings.enabled |= ROUNDS_REMINDER_POST_DUE;
  if (g_settings_get_boolean (self->settings, "remind-post-failed"))
    settings.enabled |= ROUNDS_REMINDER_POST_FAILED;
  if (g_settings_get_boolean (self->settings, "remind-plan-tasks"))
    settings.enabled |= ROUNDS_REMINDER_PLAN_TASKS;
  if (g_settings_get_boolean (self->settings, "remind-comments"))
    settings.enabled |= ROUNDS_REMINDER_COMMENTS;
  /* A sign-in that stops working is always said: accounts never stop
   * silently (issue 12). */
  settings.enabled |= ROUNDS_REMINDER_ACCOUNT;
  /* So is a patient's revoked or expired authorization (issue 19). */
  settings.enabled |= ROUNDS_REMINDER_CONSENT;
  settings.quiet_hours = g_settings_get_boolean (self->settings, "quiet-hours");
  settings.quiet_start_hour = g_settings_get_int (self->settings, "quiet-hours-start");
  settings.quiet_end_hour = g_settings_get_int (self->settings, "quiet-hours-end");
  settings.quiet_weekends = g_settings_get_boolean (self->settings, "quiet-weekends");
  settings.show_text = g_settings_get_boolean (self->settings, "notification-show-text");
  /* Networks with an account are published to by the queue; the others
   * are posted by hand. */
  settings.connected = rounds_store_get_connected_networks (rounds_context_get_store (self->context));

  rounds_reminders_set_settings (self->reminders, &settings);
}

static void
withdraw_post (RoundsBackground *self,
               gint64            post_id,
               gint64            scheduled_at)
{
  g_autofree char *due = g_strdup_printf ("post-due:%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT,
                                          post_id, scheduled_at);
  g_autofree char *soon = g_strdup_printf ("post-soon:%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT,
                                           post_id, scheduled_at);

  rounds_notifier_withdraw (self->notifier, due);
  rounds_notifier_withdraw (self->notifier, soon);
}

static gboolean
on_timer_cb (gpointer user_data)
{
  RoundsBackground *self = user_data;

  self->timer_id = 0;
  rounds_background_tick (self);
  return G_SOURCE_REMOVE;
}

static void
schedule (RoundsBackground *self,
          guint             seconds)
{
  g_clear_handle_id (&self->timer_id, g_source_remove);
  self->timer_id = g_timeout_add_seconds_full (G_PRIORITY_DEFAULT, MAX (seconds, 1), on_timer_cb,
                                               self, NULL);
}

static gboolean
on_soon_cb (gpointer user_data)
{
  RoundsBackground *self = user_data;

  self->soon_id = 0;
  rounds_background_tick (self);
  return G_SOURCE_REMOVE;
}

static void
tick_soon (RoundsBackground *self)
{
  if (!self->started || self->soon_id != 0)
    return;
  self->soon_id = g_timeout_add_seconds (1, on_soon_cb, self);
}

static gint64
wall_offset (void)
{
  return (g_get_real_time () - g_get_monotonic_time ()) / G_USEC_PER_SEC;
}

static gboolean
on_watch_cb (gpointer user_data)
{
  RoundsBackground *self = user_data;
  gint64 offset = wall_offset ();

  if (ABS (offset - self->wall_offset) > JUMP_SECONDS)
    {
      g_debug ("Resumed from sleep or the clock changed (%+" G_GINT64_FORMAT " s)",
               offset - self->wall_offset);
      tick_soon (self);
    }
  self->wall_offset = offset;

  return G_SOURCE_CONTINUE;
}

static void
on_prepare_for_sleep_cb (GDBusConnection *connection,
                         const char      *sender,
                         const char      *path,
                         const char      *iface,
                         const char      *signal,
                         GVariant        *params,
                         gpointer         user_data)
{
  RoundsBackground *self = user_data;
  gboolean sleeping = TRUE;

  if (g_variant_is_of_type (params, G_VARIANT_TYPE ("(b)")))
    g_variant_get (params, "(b)", &sleeping);

  if (!sleeping)
    {
      g_debug ("Resumed from sleep");
      tick_soon (self);
    }
}

static void
on_system_bus_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  GDBusConnection *bus = g_bus_get_finish (result, &error);
  RoundsBackground *self;

  if (bus == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No system bus, resume is noticed by the clock watch: %s", error->message);
      return;
    }

  self = ROUNDS_BACKGROUND (user_data);
  self->system_bus = bus;
  self->sleep_subscription =
    g_dbus_connection_signal_subscribe (bus, "org.freedesktop.login1",
                                        "org.freedesktop.login1.Manager", "PrepareForSleep",
                                        "/org/freedesktop/login1", NULL,
                                        G_DBUS_SIGNAL_FLAGS_NONE, on_prepare_for_sleep_cb,
                                        self, NULL);
}

static void
apply_poll_interval (RoundsBackground *self)
{
  if (self->poller != NULL)
    rounds_inbox_poller_set_interval (self->poller,
                                      (guint) MAX (g_settings_get_int (self->settings,
                                                                       "inbox-poll-minutes"), 1) * 60);
}

static void
on_settings_changed_cb (RoundsBackground *self,
                        const char       *key)
{
  if (g_strcmp0 (key, "inbox-poll-minutes") == 0)
    {
      apply_poll_interval (self);
      return;
    }
  apply_settings (self);
  tick_soon (self);
}

static void
on_accounts_changed_cb (RoundsBackground *self)
{
  apply_settings (self);
  tick_soon (self);
}

static void
rounds_background_dispose (GObject *object)
{
  RoundsBackground *self = (RoundsBackground *)object;

  /* Store signals stay connected until finalize: no new ticks from now. */
  self->started = FALSE;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->timer_id, g_source_remove);
  g_clear_handle_id (&self->watch_id, g_source_remove);
  g_clear_handle_id (&self->soon_id, g_source_remove);
  if (self->system_bus != NULL && self->sleep_subscription != 0)
    g_dbus_connection_signal_unsubscribe (self->system_bus, self->sleep_subscription);
  self->sleep_subscription = 0;
  g_clear_object (&self->system_bus);
  g_clear_weak_pointer (&self->application);
  g_clear_object (&self->settings);
  if (self->publisher != NULL)
    rounds_publisher_stop (self->publisher);
  g_clear_object (&self->publisher);
  if (self->poller != NULL)
    rounds_inbox_poller_stop (self->poller);
  g_clear_object (&self->poller);
  g_clear_object (&self->reminders);
  g_clear_object (&self->notifier);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (rounds_background_parent_class)->dispose (object);
}

static void
rounds_background_class_init (RoundsBackgroundClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = rounds_background_dispose;

  /**
   * RoundsBackground::ticked:
   *
   * Emitted after each decision round: the application looks again at
   * whether it should stay in the background.
   */
  signals[TICKED] = g_signal_new ("ticked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
rounds_background_init (RoundsBackground *self)
{
  self->cancellable = g_cancellable_new ();
}

/**
 * rounds_background_new:
 * @notifier: (transfer none): where reminders are shown
 */
RoundsBackground *
rounds_background_new (GApplication   *application,
                       GSettings      *settings,
                       RoundsContext  *context,
                       RoundsNotifier *notifier)
{
  RoundsBackground *self;

  g_return_val_if_fail (G_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (ROUNDS_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (ROUNDS_IS_NOTIFIER (notifier), NULL);

  self = g_object_new (ROUNDS_TYPE_BACKGROUND, NULL);
  g_set_weak_pointer (&self->application, application);
  self->settings = g_object_ref (settings);
  self->context = g_object_ref (context);
  self->notifier = g_object_ref (notifier);
  self->reminders = rounds_reminders_new (rounds_context_get_store (context));
  apply_settings (self);

  return self;
}

RoundsContext *
rounds_background_get_context (RoundsBackground *self)
{
  g_return_val_if_fail (ROUNDS_IS_BACKGROUND (self), NULL);
  return self->context;
}

/**
 * rounds_background_get_inbox_poller:
 *
 * Returns: (nullable) (transfer none): what fetches new comments, once
 *   started; %NULL for the sample practice
 */
RoundsInboxPoller *
rounds_background_get_inbox_poller (RoundsBackground *self)
{
  g_return_val_if_fail (ROUNDS_IS_BACKGROUND (self), NULL);
  return self->poller;
}

/**
 * rounds_background_refresh_inbox:
 *
 * The Inbox's Refresh: every connected account is asked now.
 *
 * Not while the practice server cannot be reached: what it finds would
 * be written into the practice (the Refresh button is off then too).
 *
 * Returns: whether there is anything to ask (a poller for this practice)
 */
gboolean
rounds_background_refresh_inbox (RoundsBackground *self)
{
  RoundsStore *store;

  g_return_val_if_fail (ROUNDS_IS_BACKGROUND (self), FALSE);

  store = self->context != NULL ? rounds_context_get_store (self->context) : NULL;
  if (self->poller == NULL || (store != NULL && !rounds_store_get_online (store)))
    return FALSE;
  rounds_inbox_poller_refresh (self->poller);
  return TRUE;
}

RoundsReminders *
rounds_background_get_reminders (RoundsBackground *self)
{
  g_return_val_if_fail (ROUNDS_IS_BACKGROUND (self), NULL);
  return self->reminders;
}

/**
 * rounds_background_start:
 *
 * Starts ticking: at once, then by the timers above.
 */
void
rounds_background_start (RoundsBackground *self)
{
  RoundsStore *store;

  g_return_if_fail (ROUNDS_IS_BACKGROUND (self));

  if (self->started)
    return;
  self->started = TRUE;

  store = rounds_context_get_store (self->context);
  g_signal_connect_object (store, "post-changed", G_CALLBACK (tick_soon), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "comments-changed", G_CALLBACK (tick_soon), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "post-removed", G_CALLBACK (tick_soon), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "posts-imported", G_CALLBACK (tick_soon), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed", G_CALLBACK (on_settings_changed_cb), self,
                           G_CONNECT_SWAPPED);

  /* The publishing queue runs wherever the reminders do: in the window's
   * instance or in `rounds --background`. */
  if (self->publisher == NULL)
    {
      g_autoptr(RoundsSecrets) secrets = rounds_secrets_new ();

      /* The default scanner, loaded when a post is first checked */
      self->publisher = rounds_publisher_new (store, NULL, secrets);
      /* Links to the practice's site leave with UTM tags (Insights). */
      rounds_publisher_set_text_func (self->publisher, rounds_utm_tag_for_publishing,
                                      g_object_ref (store), g_object_unref);
      rounds_publisher_start (self->publisher, TRUE);
    }
  /* So does the Inbox's poller: the sample practice has no accounts, so
   * it never asks a network anything. */
  if (self->poller == NULL && !rounds_context_is_sample (self->context))
    {
      g_autoptr(RoundsSecrets) secrets = rounds_secrets_new ();

      self->poller = rounds_inbox_poller_new (store, secrets);
      apply_poll_interval (self);
      rounds_inbox_poller_start (self->poller, TRUE);
    }
  g_signal_connect_object (rounds_store_get_accounts (store), "items-changed",
                           G_CALLBACK (on_accounts_changed_cb), self, G_CONNECT_SWAPPED);

  self->wall_offset = wall_offset ();
  self->watch_id = g_timeout_add_seconds (WATCH_INTERVAL, on_watch_cb, self);
  g_bus_get (G_BUS_TYPE_SYSTEM, self->cancellable, on_system_bus_cb, self);

  rounds_background_tick (self);
}

/**
 * rounds_background_tick:
 *
 * One decision round: shows what is due now and sets the timer for the
 * next one.
 *
 * Returns: how many notifications were shown.
 */
guint
rounds_background_tick (RoundsBackground *self)
{
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now, next;
  guint shown = 0;

  g_return_val_if_fail (ROUNDS_IS_BACKGROUND (self), 0);

  due = rounds_reminders_tick (self->reminders, &error);
  if (due == NULL)
    g_warning ("Could not decide which reminders are due: %s", error->message);

  for (guint i = 0; due != NULL && i < due->len; i++)
    {
      RoundsReminder *reminder = g_ptr_array_index (due, i);
      g_autoptr(GError) show_error = NULL;

      if (rounds_notifier_show (self->notifier, reminder, &show_error))
        {
          shown++;
          continue;
        }

      /* Not shown: it stays due, and comes at a later tick. */
      g_debug ("A %s reminder could not be shown: %s",
               rounds_reminder_kind_to_string (rounds_reminder_get_kind (reminder)),
               show_error->message);
      if (!rounds_reminders_forget (self->reminders, reminder, &show_error))
        g_warning ("Could not keep an unshown reminder: %s", show_error->message);
    }

  now = rounds_clock_get_now (rounds_context_get_clock (self->context));
  next = rounds_reminders_get_next_due (self->reminders);
  schedule (self, next > now ? (guint)MIN (next - now, MAX_INTERVAL) : MAX_INTERVAL);

  g_signal_emit (self, signals[TICKED], 0);
  return shown;
}

/**
 * rounds_background_mark_posted:
 *
 * "Mark as Posted": the post is published, in the audit log, and its
 * notification goes away.
 */
gboolean
rounds_background_mark_posted (RoundsBackground  *self,
                               gint64             post_id,
                               GError           **error)
{
  g_autoptr(RoundsPost) post = NULL;

  g_return_val_if_fail (ROUNDS_IS_BACKGROUND (self), FALSE);

  if (!rounds_reminders_mark_posted (self->reminders, post_id, error))
    return FALSE;

  post = rounds_store_dup_post (rounds_context_get_store (self->context), post_id);
  if (post != NULL)
    withdraw_post (self, post_id, rounds_post_get_scheduled_at (post));

  return TRUE;
}

/**
 * rounds_background_snooze:
 *
 * "Snooze 1 Hour": the reminder comes back once, an hour from now.
 */
gboolean
rounds_background_snooze (RoundsBackground  *self,
                          const char        *key,
                          GError           **error)
{
  g_return_val_if_fail (ROUNDS_IS_BACKGROUND (self), FALSE);

  if (!rounds_reminders_snooze (self->reminders, key, ROUNDS_REMINDERS_SNOOZE, error))
    return FALSE;

  rounds_notifier_withdraw (self->notifier, key);
  tick_soon (self);
  return TRUE;
}

/**
 * rounds_background_wants_to_stay:
 *
 * Returns: whether Rounds should keep running with no window: the user
 *   wants reminders when it is closed, and the practice has scheduled a
 *   post or a connected account whose comments are polled (before that
 *   there is nothing to remind of).
 */
gboolean
rounds_background_wants_to_stay (RoundsBackground *self)
{
  g_return_val_if_fail (ROUNDS_IS_BACKGROUND (self), FALSE);

  /* A connected account has comments to look for (issue 14). */
  return g_settings_get_boolean (self->settings, "keep-reminding") &&
         (rounds_reminders_has_scheduled (self->reminders) ||
          (!rounds_context_is_sample (self->context) &&
           rounds_store_get_connected_networks (rounds_context_get_store (self->context)) !=
             ROUNDS_NETWORK_NONE));
}
