/* rounds-inbox-poller.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-inbox"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rounds-comment.h"
#include "rounds-connector-source.h"
#include "rounds-inbox-poller.h"
#include "rounds-store-inbox.h"
#include "rounds-store-publish.h"

/* The timing rules are in the header. Each account has its own state
 * (when next, how many failures or empty polls in a row) in memory: after
 * a restart every account is polled at once, from its stored cursor, so a
 * restart repeats nothing and loses nothing. Nothing here logs text. */

typedef struct
{
  gint64   account_id;
  gint64   next_at;
  guint    failures;
  guint    idle;
  gboolean running;
  char    *last_error;
} AccountState;

struct _RoundsInboxPoller
{
  GObject                      parent_instance;
  RoundsStore                 *store;
  RoundsConnectorSource       *source;
  GHashTable                  *states;       /* account id → AccountState */
  GHashTable                  *connectors;   /* account id → RoundsConnector */
  GCancellable                *cancellable;
  GNetworkMonitor             *monitor;
  guint                        interval;
  guint                        timer_id;
  gboolean                     with_timer;
  gboolean                     started;
  /* the round of polls under way */
  guint                        pending;
  guint                        round_new;
};

G_DEFINE_FINAL_TYPE (RoundsInboxPoller, rounds_inbox_poller, G_TYPE_OBJECT)

enum {
  ROUND_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  RoundsInboxPoller *self;
  RoundsAccount     *account;
  RoundsConnector   *connector;
  gint64             account_id;
} Poll;

static void schedule (RoundsInboxPoller *self);

static void
account_state_free (AccountState *state)
{
  g_free (state->last_error);
  g_free (state);
}

static gint64 *
id_key (gint64 id)
{
  return g_memdup2 (&id, sizeof id);
}

static gint64
now_of (RoundsInboxPoller *self)
{
  return rounds_clock_get_now (rounds_store_get_clock (self->store));
}

static AccountState *
state_of (RoundsInboxPoller *self,
          gint64             account_id)
{
  AccountState *state = g_hash_table_lookup (self->states, &account_id);

  if (state == NULL)
    {
      state = g_new0 (AccountState, 1);
      state->account_id = account_id;
      g_hash_table_insert (self->states, id_key (account_id), state);
    }
  return state;
}

static void
poll_free (Poll *poll)
{
  g_clear_object (&poll->account);
  g_clear_object (&poll->connector);
  g_free (poll);
}

/* ------------------------------------------------------------------ */
/* Outcomes                                                             */

static void
round_step_done (RoundsInboxPoller *self)
{
  g_assert (self->pending > 0);
  if (--self->pending > 0)
    return;

  g_debug ("Inbox poll done: %u new", self->round_new);
  g_signal_emit (self, signals[ROUND_FINISHED], 0, self->round_new);
  self->round_new = 0;
  schedule (self);
}

static void
set_last_error (AccountState *state,
                const char   *message)
{
  g_free (state->last_error);
  state->last_error = g_strdup (message);
}

static void
poll_succeeded (Poll  *poll,
                guint  n_new)
{
  RoundsInboxPoller *self = poll->self;
  AccountState *state = state_of (self, poll->account_id);
  guint factor = 1;

  state->failures = 0;
  set_last_error (state, NULL);
  if (n_new > 0)
    state->idle = 0;
  else
    state->idle++;
  /* Every ROUNDS_INBOX_IDLE_POLLS empty polls the wait doubles. */
  for (guint i = 0; i < state->idle / ROUNDS_INBOX_IDLE_POLLS &&
                    factor < ROUNDS_INBOX_IDLE_MAX_FACTOR; i++)
    factor *= 2;
  state->next_at = now_of (self) + (gint64) self->interval * factor;
  self->round_new += n_new;
}

static void
poll_failed (Poll   *poll,
             GError *error)
{
  RoundsInboxPoller *self = poll->self;
  AccountState *state = state_of (self, poll->account_id);
  gint64 now = now_of (self);

  set_last_error (state, error->message);
  g_debug ("Inbox poll of account %" G_GINT64_FORMAT " failed: %s (%d)", poll->account_id,
           g_quark_to_string (error->domain), error->code);

  if (g_error_matches (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_AUTH_EXPIRED))
    {
      g_autoptr(GError) store_error = NULL;

      /* Not polled again until reconnected; the reminders say so. */
      state->next_at = G_MAXINT64;
      g_hash_table_remove (self->connectors, &poll->account_id);
      if (!rounds_store_set_account_auth_expired (self->store, poll->account_id, error->message,
                                                  &store_error))
        g_warning ("Could not mark an account as signed out: %s", store_error->message);
      return;
    }
  if (g_error_matches (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_UNSUPPORTED))
    {
      state->next_at = now + ROUNDS_INBOX_UNSUPPORTED_WAIT;
      return;
    }
  if (g_error_matches (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_RATE_LIMITED))
    {
      gint64 retry_at = rounds_connector_error_get_retry_at (error);

      state->next_at = retry_at > now ? retry_at : now + 2 * (gint64) self->interval;
      return;
    }

  /* Offline, a server error, an unreadable answer, a store error. */
  state->failures++;
  state->next_at = now + MIN ((gint64) ROUNDS_INBOX_RETRY_BASE << MIN (state->failures - 1, 20),
                              ROUNDS_INBOX_RETRY_CAP);
}

static void
poll_finish (Poll *poll)
{
  RoundsInboxPoller *self = poll->self;

  state_of (self, poll->account_id)->running = FALSE;
  poll_free (poll);
  round_step_done (self);
}

static RoundsInboxItem *
item_from_remote (RoundsNetwork              network,
                  const RoundsRemoteComment *remote)
{
  RoundsInboxItem *item = rounds_inbox_item_new ();

  item->network = network;
  item->kind = remote->kind == ROUNDS_REMOTE_COMMENT_REVIEW ? ROUNDS_COMMENT_KIND_REVIEW
                                                            : ROUNDS_COMMENT_KIND_COMMENT;
  item->remote_id = g_strdup (remote->remote_id);
  item->parent_remote_id = g_strdup (remote->parent_id != NULL ? remote->parent_id
                                                               : remote->thread_id);
  item->author = g_strdup (remote->author_name);
  item->author_handle = g_strdup (remote->author_handle);
  item->text = g_strdup (remote->text);
  item->url = g_strdup (remote->url);
  item->rating = CLAMP (remote->rating, 0, 5);
  item->received_at = remote->created_at;
  item->deleted = remote->deleted;
  return item;
}

/* After a good poll: which of the account's recent items (the newest
 * ROUNDS_INBOX_GONE_MAX of the last ROUNDS_INBOX_GONE_DAYS) were deleted on
 * the network since? Those are marked, never removed. A failed check
 * marks nothing and is reported like a failed poll (the account's last
 * error, its wait: a rate limit's hint, the backoff, a sign-in that
 * stopped working); the new comments the poll stored stay stored, and
 * the next poll asks again. */
static void
on_gone_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Poll *poll = user_data;
  RoundsInboxPoller *self = poll->self;
  g_autoptr(GPtrArray) gone = NULL;
  g_autoptr(GError) error = NULL;

  gone = rounds_connector_check_gone_finish (ROUNDS_CONNECTOR (source), result, &error);
  if (gone == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        poll_failed (poll, error);
      poll_finish (poll);
      return;
    }
  for (guint i = 0; i < gone->len; i++)
    {
      RoundsComment *comment = rounds_store_lookup_remote_comment (self->store, poll->account_id,
                                                                   g_ptr_array_index (gone, i));

      if (comment == NULL || rounds_comment_get_deleted_at (comment) != 0)
        continue;
      if (!rounds_store_inbox_mark_deleted (self->store, rounds_comment_get_id (comment), &error))
        {
          g_warning ("Could not mark a comment deleted on the network: %s", error->message);
          g_clear_error (&error);
        }
    }
  poll_finish (poll);
}

static void
check_gone (Poll *poll)
{
  RoundsInboxPoller *self = poll->self;
  gint64 since = now_of (self) - ROUNDS_INBOX_GONE_DAYS * 24 * 60 * 60;
  g_auto(GStrv) ids = NULL;

  if (!(rounds_connector_get_capabilities (poll->connector) & ROUNDS_CONNECTOR_CAN_CHECK_GONE))
    {
      poll_finish (poll);
      return;
    }
  /* The newest of the account's items still there (one query). */
  ids = rounds_store_inbox_dup_recent_remote_ids (self->store, poll->account_id, since,
                                                  ROUNDS_INBOX_GONE_MAX);
  if (ids == NULL || ids[0] == NULL)
    {
      poll_finish (poll);
      return;
    }
  rounds_connector_check_gone_async (poll->connector, (const char * const *) ids,
                                     self->cancellable, on_gone_cb, poll);
}

static void
on_listed_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Poll *poll = user_data;
  RoundsInboxPoller *self = poll->self;
  g_autoptr(GPtrArray) remote = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GArray) new_ids = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cursor = NULL;
  RoundsNetwork network;

  remote = rounds_connector_list_replies_finish (ROUNDS_CONNECTOR (source), result, &cursor,
                                                 &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      poll_finish (poll);
      return;
    }
  if (remote == NULL)
    {
      if (error == NULL)
        error = g_error_new_literal (ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_MALFORMED,
                                     _("The network gave no list of comments"));
      poll_failed (poll, error);
      poll_finish (poll);
      return;
    }

  network = rounds_account_get_network (poll->account);
  items = g_ptr_array_new_with_free_func ((GDestroyNotify) rounds_inbox_item_free);
  for (guint i = 0; i < remote->len; i++)
    {
      const RoundsRemoteComment *c = g_ptr_array_index (remote, i);

      /* The network's id is what keeps an item from being stored twice;
       * an item without one cannot be kept apart, so it is left out. */
      if (c == NULL || c->remote_id == NULL || c->remote_id[0] == '\0')
        continue;
      g_ptr_array_add (items, item_from_remote (network, c));
    }

  new_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (!rounds_store_inbox_add_fetched (self->store, poll->account_id, items, cursor, new_ids,
                                       &error))
    {
      g_warning ("Could not store an account's new comments: %s", error->message);
      poll_failed (poll, error);
      poll_finish (poll);
      return;
    }

  poll_succeeded (poll, new_ids->len);
  check_gone (poll);
}

static void
poll_run (Poll *poll)
{
  g_autofree char *cursor = rounds_store_inbox_dup_cursor (poll->self->store, poll->account_id);

  rounds_connector_list_replies_async (poll->connector, cursor, poll->self->cancellable,
                                       on_listed_cb, poll);
}

static void
on_connector_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Poll *poll = user_data;
  RoundsInboxPoller *self = poll->self;
  g_autoptr(GError) error = NULL;

  poll->connector = rounds_connector_source_get_finish (ROUNDS_CONNECTOR_SOURCE (source), result,
                                                        &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      poll_finish (poll);
      return;
    }
  if (poll->connector == NULL)
    {
      poll_failed (poll, error);
      poll_finish (poll);
      return;
    }

  g_hash_table_insert (self->connectors, id_key (poll->account_id), g_object_ref (poll->connector));
  poll_run (poll);
}

static void
poll_start (RoundsInboxPoller *self,
            RoundsAccount     *account)
{
  Poll *poll = g_new0 (Poll, 1);
  RoundsConnector *cached;

  poll->self = self;
  poll->account = g_object_ref (account);
  poll->account_id = rounds_account_get_id (account);
  state_of (self, poll->account_id)->running = TRUE;
  self->pending++;

  cached = g_hash_table_lookup (self->connectors, &poll->account_id);
  if (cached != NULL)
    {
      poll->connector = g_object_ref (cached);
      poll_run (poll);
      return;
    }
  rounds_connector_source_get_async (self->source, account, self->cancellable, on_connector_cb,
                                     poll);
}

/* ------------------------------------------------------------------ */
/* Timing                                                               */

static gboolean
on_timer_cb (gpointer user_data)
{
  RoundsInboxPoller *self = user_data;

  self->timer_id = 0;
  if (!rounds_inbox_poller_tick (self))
    schedule (self);
  return G_SOURCE_REMOVE;
}

static gint64
earliest_next (RoundsInboxPoller *self)
{
  GListModel *accounts = rounds_store_get_accounts (self->store);
  gint64 earliest = G_MAXINT64;

  for (guint i = 0; i < g_list_model_get_n_items (accounts); i++)
    {
      g_autoptr(RoundsAccount) account = g_list_model_get_item (accounts, i);

      if (rounds_account_get_state (account) != ROUNDS_ACCOUNT_STATE_CONNECTED)
        continue;
      earliest = MIN (earliest, state_of (self, rounds_account_get_id (account))->next_at);
    }
  return earliest;
}

static void
schedule (RoundsInboxPoller *self)
{
  gint64 next, now;

  g_clear_handle_id (&self->timer_id, g_source_remove);
  if (!self->started || !self->with_timer || self->pending > 0)
    return;

  next = earliest_next (self);
  if (next == G_MAXINT64)
    return;
  now = now_of (self);
  self->timer_id = g_timeout_add_seconds (next > now ? (guint) MIN (next - now, G_MAXUINT / 2) : 1,
                                          on_timer_cb, self);
}

static void
on_accounts_changed_cb (RoundsInboxPoller *self)
{
  GListModel *accounts = rounds_store_get_accounts (self->store);

  /* A reconnected account (new tokens) is polled at once with a new
   * connector. */
  for (guint i = 0; i < g_list_model_get_n_items (accounts); i++)
    {
      g_autoptr(RoundsAccount) account = g_list_model_get_item (accounts, i);
      AccountState *state = state_of (self, rounds_account_get_id (account));

      if (state->next_at == G_MAXINT64 &&
          rounds_account_get_state (account) == ROUNDS_ACCOUNT_STATE_CONNECTED)
        {
          state->next_at = 0;
          state->failures = 0;
          g_hash_table_remove (self->connectors, &state->account_id);
        }
    }
  schedule (self);
}

static void
on_network_changed_cb (GNetworkMonitor   *monitor,
                       gboolean           available,
                       RoundsInboxPoller *self)
{
  GHashTableIter iter;
  AccountState *state;

  if (!available)
    return;
  /* Back online: what waited for the network is tried now. */
  g_hash_table_iter_init (&iter, self->states);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &state))
    if (state->failures > 0)
      state->next_at = 0;
  schedule (self);
}

/* ------------------------------------------------------------------ */
/* GObject                                                              */

static void
rounds_inbox_poller_dispose (GObject *object)
{
  RoundsInboxPoller *self = (RoundsInboxPoller *)object;

  rounds_inbox_poller_stop (self);
  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->monitor, self);
  g_clear_object (&self->monitor);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->connectors, g_hash_table_unref);
  g_clear_object (&self->source);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (rounds_inbox_poller_parent_class)->dispose (object);
}

static void
rounds_inbox_poller_finalize (GObject *object)
{
  RoundsInboxPoller *self = (RoundsInboxPoller *)object;

  g_clear_pointer (&self->states, g_hash_table_unref);

  G_OBJECT_CLASS (rounds_inbox_poller_parent_class)->finalize (object);
}

static void
rounds_inbox_poller_class_init (RoundsInboxPollerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rounds_inbox_poller_dispose;
  object_class->finalize = rounds_inbox_poller_finalize;

  /**
   * RoundsInboxPoller::round-finished:
   * @n_new: how many items were new in this round, over all accounts
   *
   * Every poll started together has ended (well or not).
   */
  signals[ROUND_FINISHED] = g_signal_new ("round-finished", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
rounds_inbox_poller_init (RoundsInboxPoller *self)
{
  self->states = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                        (GDestroyNotify) account_state_free);
  self->connectors = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                            g_object_unref);
  self->cancellable = g_cancellable_new ();
  self->interval = ROUNDS_INBOX_DEFAULT_INTERVAL;
}

/* ------------------------------------------------------------------ */
/* Public API                                                           */

RoundsInboxPoller *
rounds_inbox_poller_new (RoundsStore   *store,
                         RoundsSecrets *secrets)
{
  RoundsInboxPoller *self;

  g_return_val_if_fail (ROUNDS_IS_STORE (store), NULL);
  g_return_val_if_fail (ROUNDS_IS_SECRETS (secrets), NULL);

  self = g_object_new (ROUNDS_TYPE_INBOX_POLLER, NULL);
  self->store = g_object_ref (store);
  self->source = rounds_connector_source_new (secrets);
  return self;
}

void
rounds_inbox_poller_set_connector_factory (RoundsInboxPoller           *self,
                                           RoundsInboxConnectorFactory  factory,
                                           gpointer                     user_data,
                                           GDestroyNotify               destroy)
{
  g_return_if_fail (ROUNDS_IS_INBOX_POLLER (self));

  rounds_connector_source_set_factory (self->source, factory, user_data, destroy);
  g_hash_table_remove_all (self->connectors);
}

/**
 * rounds_inbox_poller_set_interval:
 * @seconds: the wait between polls of an account that finds something;
 *   at least a minute
 */
void
rounds_inbox_poller_set_interval (RoundsInboxPoller *self,
                                  guint              seconds)
{
  g_return_if_fail (ROUNDS_IS_INBOX_POLLER (self));

  seconds = MAX (seconds, 60);
  if (seconds == self->interval)
    return;
  self->interval = seconds;
  schedule (self);
}

guint
rounds_inbox_poller_get_interval (RoundsInboxPoller *self)
{
  g_return_val_if_fail (ROUNDS_IS_INBOX_POLLER (self), 0);
  return self->interval;
}

/**
 * rounds_inbox_poller_start:
 * @with_timer: poll by itself when accounts are due (the application);
 *   tests call rounds_inbox_poller_tick() instead
 *
 * Polls every account at once, then as the rules say.
 */
void
rounds_inbox_poller_start (RoundsInboxPoller *self,
                           gboolean           with_timer)
{
  g_return_if_fail (ROUNDS_IS_INBOX_POLLER (self));

  if (self->started)
    return;
  self->started = TRUE;
  self->with_timer = with_timer;
  g_signal_connect_object (rounds_store_get_accounts (self->store), "items-changed",
                           G_CALLBACK (on_accounts_changed_cb), self, G_CONNECT_SWAPPED);
  if (with_timer)
    {
      self->monitor = g_object_ref (g_network_monitor_get_default ());
      g_signal_connect (self->monitor, "network-changed", G_CALLBACK (on_network_changed_cb),
                        self);
    }
  if (!rounds_inbox_poller_tick (self))
    schedule (self);
}

void
rounds_inbox_poller_stop (RoundsInboxPoller *self)
{
  g_return_if_fail (ROUNDS_IS_INBOX_POLLER (self));

  self->started = FALSE;
  g_clear_handle_id (&self->timer_id, g_source_remove);
  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
      self->cancellable = g_cancellable_new ();
    }
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (rounds_store_get_accounts (self->store), self);
}

/**
 * rounds_inbox_poller_tick:
 *
 * Polls every connected account whose time has come and that is not
 * being polled already.
 *
 * Returns: whether a round of polls started.
 */
gboolean
rounds_inbox_poller_tick (RoundsInboxPoller *self)
{
  GListModel *accounts;
  g_autoptr(GPtrArray) due = NULL;
  gint64 now;

  g_return_val_if_fail (ROUNDS_IS_INBOX_POLLER (self), FALSE);

  accounts = rounds_store_get_accounts (self->store);
  now = now_of (self);
  due = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (accounts); i++)
    {
      g_autoptr(RoundsAccount) account = g_list_model_get_item (accounts, i);
      AccountState *state = state_of (self, rounds_account_get_id (account));

      if (rounds_account_get_state (account) != ROUNDS_ACCOUNT_STATE_CONNECTED ||
          state->running || state->next_at > now)
        continue;
      g_ptr_array_add (due, g_steal_pointer (&account));
    }
  if (due->len == 0)
    return FALSE;

  g_clear_handle_id (&self->timer_id, g_source_remove);
  /* Counted first, so that a poll that ends at once does not end the
   * round before the others start. */
  self->pending++;
  for (guint i = 0; i < due->len; i++)
    poll_start (self, g_ptr_array_index (due, i));
  round_step_done (self);
  return TRUE;
}

/**
 * rounds_inbox_poller_refresh:
 *
 * "Refresh": every connected account is polled now, whatever it waits
 * for (except a sign-in that stopped working).
 */
void
rounds_inbox_poller_refresh (RoundsInboxPoller *self)
{
  GHashTableIter iter;
  AccountState *state;

  g_return_if_fail (ROUNDS_IS_INBOX_POLLER (self));

  g_hash_table_iter_init (&iter, self->states);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &state))
    if (state->next_at != G_MAXINT64)
      {
        state->next_at = 0;
        state->idle = 0;
      }
  rounds_inbox_poller_tick (self);
}

gboolean
rounds_inbox_poller_is_busy (RoundsInboxPoller *self)
{
  g_return_val_if_fail (ROUNDS_IS_INBOX_POLLER (self), FALSE);
  return self->pending > 0;
}

/**
 * rounds_inbox_poller_get_next_poll:
 *
 * Returns: when the account is polled next (UTC), 0 for "at once",
 *   %G_MAXINT64 for "not until it is reconnected".
 */
gint64
rounds_inbox_poller_get_next_poll (RoundsInboxPoller *self,
                                   gint64             account_id)
{
  g_return_val_if_fail (ROUNDS_IS_INBOX_POLLER (self), 0);
  return state_of (self, account_id)->next_at;
}

/**
 * rounds_inbox_poller_get_last_error:
 *
 * Returns: (nullable): why the account's last poll failed, in words for
 *   the user; %NULL after a poll that worked.
 */
const char *
rounds_inbox_poller_get_last_error (RoundsInboxPoller *self,
                                    gint64             account_id)
{
  g_return_val_if_fail (ROUNDS_IS_INBOX_POLLER (self), NULL);
  return state_of (self, account_id)->last_error;
}

void
rounds_inbox_poller_forget_connector (RoundsInboxPoller *self,
                                      gint64             account_id)
{
  g_return_if_fail (ROUNDS_IS_INBOX_POLLER (self));
  g_hash_table_remove (self->connectors, &account_id);
}
