/* rounds-store-live.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib-unix.h>
#include <string.h>

#include "rounds-store-private.h"

/* A practice on a server (issue 20): what the other PCs change comes in
 * by LISTEN/NOTIFY, and the connection may go away.
 *
 * - Every table the views show has a trigger (rounds-store-migrations.c,
 *   pg_after_step) that sends "SCHEMA TABLE KEY" on channel
 *   rounds_changes. The store takes each change in where it keeps that
 *   data (the post, the inbox item, the people, the practice and its
 *   plan), which emits the signals the views already follow for local
 *   changes, then emits ::row-changed (table, key) for everything else
 *   (consents, partnerships). Its own notifications are dropped by
 *   rounds-db.c; notifications are read from the main loop, never in the
 *   middle of the store's own work.
 * - When the connection breaks (the socket closes, or a statement finds
 *   it broken) the store goes offline: :online turns FALSE with the
 *   reason in libpq's words, the models keep the last data, and every
 *   write fails with ROUNDS_STORE_ERROR_OFFLINE (nothing half-written: a
 *   transaction the server did not commit is rolled back by the server).
 *   It tries again by itself after 1, 2, 4, … up to 60 seconds, each
 *   attempt on a worker thread (connecting may take up to the 5 s
 *   connect_timeout); rounds_store_reconnect() tries at once. On success
 *   the new connection replaces the old one, the store listens again and
 *   reads what may have changed meanwhile (posts, inbox, people,
 *   practice), then :online turns TRUE. */

#define RETRY_FIRST_S 1
#define RETRY_MAX_S   60

static void schedule_retry (RoundsStore *self);

/* ------------------------------------------------------------------ */
/* Taking in the other PCs' changes                                     */

static void
take_in_change (RoundsStore *self,
                const char  *table,
                const char  *key)
{
  g_autoptr(GError) error = NULL;
  gint64 id = g_ascii_strtoll (key, NULL, 10);
  gboolean ok = TRUE;

  if (g_str_equal (table, "posts") || g_str_equal (table, "publications") ||
      g_str_equal (table, "post_authorizations") || g_str_equal (table, "post_partnerships"))
    {
      if (id > 0)
        ok = _rounds_store_reload_post (self, id, &error);
    }
  else if (g_str_equal (table, "comments") || g_str_equal (table, "replies"))
    {
      if (id > 0)
        ok = _rounds_store_reload_comment (self, id, &error);
    }
  else if (g_str_equal (table, "people"))
    ok = _rounds_store_reload_people (self, &error);
  else if (g_str_equal (table, "practice") || g_str_has_prefix (table, "plan_"))
    {
      ok = _rounds_store_load_practice (self, &error);
      if (ok)
        _rounds_store_emit_practice_changed (self);
    }

  if (!ok)
    g_debug ("Could not read a change of %s made on another PC: %s", table, error->message);
  _rounds_store_emit_row_changed (self, table, key);
}

static void
on_server_notify (const char *channel,
                  const char *payload,
                  gpointer    user_data)
{
  RoundsStore *self = user_data;
  g_auto(GStrv) words = g_strsplit (payload != NULL ? payload : "", " ", 3);

  if (g_strv_length (words) != 3 || g_strcmp0 (words[0], self->schema) != 0)
    return;
  take_in_change (self, words[1], words[2]);
}

/* ------------------------------------------------------------------ */
/* Going offline                                                        */

/* libpq's words, first line only ("server closed the connection
 * unexpectedly", "connection to server at … failed: Connection refused");
 * the lines after it are hints for a terminal. */
static void
set_reason (RoundsStore *self,
            const char  *message)
{
  g_free (self->offline_reason);
  self->offline_reason = g_strndup (message, strcspn (message, "\n"));
  g_strstrip (self->offline_reason);
}

static void
go_offline (RoundsStore *self)
{
  const char *reason;

  if (self->offline || self->db == NULL)
    return;

  reason = rounds_db_errmsg (self->db);
  g_clear_handle_id (&self->server_watch, g_source_remove);
  self->offline = TRUE;
  set_reason (self, reason != NULL && *reason != '\0' ? reason : _("The connection was closed"));
  g_debug ("The practice server cannot be reached: %s", self->offline_reason);
  self->retry_delay = 0;
  schedule_retry (self);
  _rounds_store_notify_online (self);
}

/* Reads what came in; FALSE (and offline) when the connection is gone. */
static gboolean
poll_server (RoundsStore *self)
{
  if (self->db == NULL || self->offline)
    return FALSE;
  if (rounds_db_poll_notifications (self->db))
    return TRUE;
  go_offline (self);
  return FALSE;
}

static gboolean
on_notify_idle_cb (gpointer user_data)
{
  RoundsStore *self = user_data;

  self->notify_idle = 0;
  poll_server (self);
  return G_SOURCE_REMOVE;
}

/* Notifications that came in while a statement ran, or a statement that
 * found the connection broken: handled from the main loop, never in the
 * middle of the store's own work. */
static void
on_notify_pending (gpointer user_data)
{
  RoundsStore *self = user_data;

  if (self->notify_idle == 0)
    self->notify_idle = g_idle_add (on_notify_idle_cb, self);
}

static gboolean
on_server_readable_cb (int          fd,
                       GIOCondition condition,
                       gpointer     user_data)
{
  RoundsStore *self = user_data;

  if (!poll_server (self))
    {
      self->server_watch = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static gboolean
listen_on_connection (RoundsStore  *self,
                      GError      **error)
{
  int rc = rounds_db_exec (self->db, "LISTEN rounds_changes", NULL, NULL, NULL);

  if (rc != ROUNDS_DB_OK)
    return _rounds_store_db_error (self->db, rc, error, _("The practice's data cannot be read"));

  rounds_db_set_notify_func (self->db, on_server_notify, on_notify_pending, self);
  g_clear_handle_id (&self->server_watch, g_source_remove);
  self->server_watch = g_unix_fd_add (rounds_db_get_socket (self->db),
                                      G_IO_IN | G_IO_HUP | G_IO_ERR,
                                      on_server_readable_cb, self);
  return TRUE;
}

gboolean
_rounds_store_listen (RoundsStore  *self,
                      GError      **error)
{
  RoundsDbStmt *stmt = NULL;
  int rc;

  rc = rounds_db_prepare_v2 (self->db, "SELECT current_schema ()", -1, &stmt, NULL);
  if (rc == ROUNDS_DB_OK && (rc = rounds_db_step (stmt)) == ROUNDS_DB_ROW)
    self->schema = g_strdup ((const char *)rounds_db_column_text (stmt, 0));
  rounds_db_finalize (stmt);
  if (rc != ROUNDS_DB_ROW)
    return _rounds_store_db_error (self->db, rc, error, _("The practice's data cannot be read"));

  /* Opened for one job off the main thread: no socket watch in the
   * main loop (see ROUNDS_STORE_OPEN_NO_LIVE) */
  if (self->flags & ROUNDS_STORE_OPEN_NO_LIVE)
    return TRUE;
  return listen_on_connection (self, error);
}

void
_rounds_store_live_stop (RoundsStore *self)
{
  g_cancellable_cancel (self->reconnecting);
  g_clear_object (&self->reconnecting);
  g_clear_handle_id (&self->server_watch, g_source_remove);
  g_clear_handle_id (&self->notify_idle, g_source_remove);
  g_clear_handle_id (&self->retry_id, g_source_remove);
}

/* ------------------------------------------------------------------ */
/* Reconnecting                                                         */

static void
connect_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;
  RoundsDb *fresh = rounds_db_open_postgresql (task_data, &error);

  if (fresh == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, fresh, (GDestroyNotify)rounds_db_close);
}

/* Reads again what the other PCs may have changed while this one was
 * away: no notification reached it meanwhile. */
static gboolean
refresh_after_reconnect (RoundsStore  *self,
                         GError      **error)
{
  if (!_rounds_store_load_practice (self, error) ||
      !_rounds_store_refresh_posts (self, error) ||
      !_rounds_store_load_comments (self, error) ||
      !_rounds_store_reload_people (self, error))
    return FALSE;

  _rounds_store_emit_practice_changed (self);
  _rounds_store_emit_comment_changed (self, 0);
  _rounds_store_emit_comments_changed (self);
  return TRUE;
}

static void
on_connected_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  RoundsStore *self = ROUNDS_STORE (object);
  g_autoptr(GError) error = NULL;
  RoundsDb *fresh = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    {
      g_clear_pointer (&fresh, rounds_db_close);
      return;
    }
  g_clear_object (&self->reconnecting);

  if (fresh == NULL || self->db == NULL)
    {
      g_clear_pointer (&fresh, rounds_db_close);
      if (self->db == NULL)
        return;
      g_debug ("Reconnecting to the practice server failed: %s", error->message);
      set_reason (self, error->message);
      schedule_retry (self);
      _rounds_store_notify_online (self);
      return;
    }

  rounds_db_take_connection (self->db, fresh);
  self->offline = FALSE;
  if (!listen_on_connection (self, &error) || !refresh_after_reconnect (self, &error))
    {
      g_debug ("The practice server went away again: %s", error->message);
      self->offline = TRUE;
      g_clear_handle_id (&self->server_watch, g_source_remove);
      schedule_retry (self);
      _rounds_store_notify_online (self);
      return;
    }

  g_debug ("Connected to the practice server again");
  g_clear_pointer (&self->offline_reason, g_free);
  self->retry_delay = 0;
  _rounds_store_notify_online (self);
}

static void
try_now (RoundsStore *self)
{
  g_autoptr(GTask) task = NULL;

  g_clear_handle_id (&self->retry_id, g_source_remove);
  if (self->reconnecting != NULL || self->db == NULL || !self->offline)
    return;

  self->reconnecting = g_cancellable_new ();
  task = g_task_new (self, self->reconnecting, on_connected_cb, NULL);
  g_task_set_source_tag (task, try_now);
  g_task_set_task_data (task, g_strdup (self->conninfo), g_free);
  g_task_run_in_thread (task, connect_thread);
}

static gboolean
on_retry_cb (gpointer user_data)
{
  RoundsStore *self = user_data;

  self->retry_id = 0;
  try_now (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_retry (RoundsStore *self)
{
  self->retry_delay = self->retry_delay == 0 ? RETRY_FIRST_S
                                             : MIN (self->retry_delay * 2, RETRY_MAX_S);
  g_clear_handle_id (&self->retry_id, g_source_remove);
  self->retry_id = g_timeout_add_seconds (self->retry_delay, on_retry_cb, self);
}

/* ------------------------------------------------------------------ */
/* Public API                                                           */

/**
 * rounds_store_get_online:
 *
 * Returns: whether the practice's data can be written: always %TRUE for
 *   a file; for a server, %FALSE while it cannot be reached.
 */
gboolean
rounds_store_get_online (RoundsStore *self)
{
  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);
  return !self->offline;
}

/**
 * rounds_store_get_offline_reason:
 *
 * Returns: (nullable): why the server cannot be reached, in the words of
 *   the connection library (no password is ever in them); %NULL online.
 */
const char *
rounds_store_get_offline_reason (RoundsStore *self)
{
  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);
  return self->offline ? self->offline_reason : NULL;
}

/**
 * rounds_store_get_retry_delay:
 *
 * Returns: offline, the seconds between the last attempt to reconnect
 *   and the next; 0 online.
 */
guint
rounds_store_get_retry_delay (RoundsStore *self)
{
  g_return_val_if_fail (ROUNDS_IS_STORE (self), 0);
  return self->offline ? self->retry_delay : 0;
}

/**
 * rounds_store_reconnect:
 *
 * Offline, tries to reach the server now instead of at the next attempt
 * (a "Try Again" button). Online, checks the connection: a server that
 * went away unnoticed takes the store offline.
 */
void
rounds_store_reconnect (RoundsStore *self)
{
  g_return_if_fail (ROUNDS_IS_STORE (self));

  if (!rounds_store_is_on_server (self) || self->db == NULL)
    return;
  if (self->offline)
    try_now (self);
  else
    poll_server (self);
}
