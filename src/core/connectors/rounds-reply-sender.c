/* rounds-reply-sender.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-reply-sender"

#include "config.h"

#include "rounds-connector-source.h"
#include "rounds-reply-sender.h"
#include "rounds-store-replies.h"

struct _RoundsReplySender
{
  GObject                 parent_instance;

  RoundsStore            *store;
  RoundsConnectorSource  *source;
};

G_DEFINE_FINAL_TYPE (RoundsReplySender, rounds_reply_sender, G_TYPE_OBJECT)

typedef struct
{
  gint64            reply_id;
  RoundsAccount    *account;
  RoundsConnector  *connector;
  RoundsOutgoing   *outgoing;
  gboolean          needs_approval;
} SendData;

static void
send_data_free (SendData *data)
{
  g_clear_object (&data->account);
  g_clear_object (&data->connector);
  g_clear_pointer (&data->outgoing, rounds_outgoing_free);
  g_free (data);
}

static void
on_replied_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RoundsReplySender *self = g_task_get_source_object (task);
  SendData *data = g_task_get_task_data (task);
  g_autoptr(RoundsRemotePost) remote = NULL;
  g_autoptr(GError) error = NULL;

  remote = rounds_connector_reply_finish (ROUNDS_CONNECTOR (source), result, &error);
  if (remote == NULL)
    {
      g_debug ("Reply %" G_GINT64_FORMAT " was not sent", data->reply_id);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (!rounds_store_mark_reply_sent (self->store, data->reply_id, data->needs_approval,
                                     remote->remote_id != NULL ? remote->remote_id : "",
                                     remote->url, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_connector_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SendData *data = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  GError *error = NULL;

  data->connector = rounds_connector_source_get_finish (ROUNDS_CONNECTOR_SOURCE (source), result,
                                                        &error);
  if (data->connector == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  rounds_connector_reply_async (data->connector, data->outgoing, cancellable, on_replied_cb,
                                g_steal_pointer (&task));
}

static void
rounds_reply_sender_dispose (GObject *object)
{
  RoundsReplySender *self = ROUNDS_REPLY_SENDER (object);

  g_clear_object (&self->store);
  g_clear_object (&self->source);

  G_OBJECT_CLASS (rounds_reply_sender_parent_class)->dispose (object);
}

static void
rounds_reply_sender_class_init (RoundsReplySenderClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = rounds_reply_sender_dispose;
}

static void
rounds_reply_sender_init (RoundsReplySender *self)
{
}

/**
 * rounds_reply_sender_new:
 * @secrets: (nullable): where the accounts' sign-ins are
 */
RoundsReplySender *
rounds_reply_sender_new (RoundsStore   *store,
                         RoundsSecrets *secrets)
{
  RoundsReplySender *self;

  g_return_val_if_fail (ROUNDS_IS_STORE (store), NULL);

  self = g_object_new (ROUNDS_TYPE_REPLY_SENDER, NULL);
  self->store = g_object_ref (store);
  self->source = rounds_connector_source_new (secrets);
  return self;
}

void
rounds_reply_sender_set_connector_factory (RoundsReplySender      *self,
                                           RoundsConnectorFactory  factory,
                                           gpointer                user_data,
                                           GDestroyNotify          destroy)
{
  g_return_if_fail (ROUNDS_IS_REPLY_SENDER (self));

  /* As documented: the factory's connectors need no keyring. */
  rounds_connector_source_set_secrets (self->source, NULL);
  rounds_connector_source_set_factory (self->source, factory, user_data, destroy);
}

/**
 * rounds_reply_sender_send_async:
 * @account: the account the comment came through
 * @reply_to_id: the network's id of the comment answered
 * @root_id: (nullable): the thread's root, where the network needs it
 * @needs_approval: rounds_reply_needs_approval() for the reply's text
 *
 * Refuses at once (no request) when the store says the reply may not go
 * out yet: not approved, answered already, or changed since.
 */
void
rounds_reply_sender_send_async (RoundsReplySender   *self,
                                gint64               reply_id,
                                RoundsAccount       *account,
                                const char          *reply_to_id,
                                const char          *root_id,
                                gboolean             needs_approval,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(RoundsReply) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  SendData *data;

  g_return_if_fail (ROUNDS_IS_REPLY_SENDER (self));
  g_return_if_fail (ROUNDS_IS_ACCOUNT (account));
  g_return_if_fail (reply_to_id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rounds_reply_sender_send_async);

  if (!rounds_store_check_reply_can_go (self->store, reply_id, needs_approval, &reply, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data = g_new0 (SendData, 1);
  data->reply_id = reply_id;
  data->account = g_object_ref (account);
  data->needs_approval = needs_approval;
  key = g_strdup_printf ("reply-%" G_GINT64_FORMAT "-%.16s", reply_id, reply->text_sha256);
  data->outgoing = rounds_outgoing_new (reply->body, key);
  data->outgoing->reply_to_id = g_strdup (reply_to_id);
  data->outgoing->reply_root_id = g_strdup (root_id);
  g_task_set_task_data (task, data, (GDestroyNotify)send_data_free);

  rounds_connector_source_get_async (self->source, account, cancellable, on_connector_cb,
                                     g_steal_pointer (&task));
}

gboolean
rounds_reply_sender_send_finish (RoundsReplySender  *self,
                                 GAsyncResult       *result,
                                 GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
