/* rounds-takedown-sender.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-takedown-sender"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rounds-connector-source.h"
#include "rounds-store-publish.h"
#include "rounds-takedown-sender.h"

struct _RoundsTakedownSender
{
  GObject                 parent_instance;

  RoundsStore            *store;
  RoundsConnectorSource  *source;
};

G_DEFINE_FINAL_TYPE (RoundsTakedownSender, rounds_takedown_sender, G_TYPE_OBJECT)

typedef struct
{
  gint64      post_id;
  gint64      consent_id;
  RoundsConnector *connector;  /* the one deleting now */
  GPtrArray  *to_delete;   /* RoundsTakedown, connected */
  GPtrArray  *by_hand;     /* RoundsTakedown */
  guint       next;
  guint       deleted;
} TakeDownData;

static void
take_down_data_free (TakeDownData *data)
{
  g_clear_object (&data->connector);
  g_clear_pointer (&data->to_delete, g_ptr_array_unref);
  g_clear_pointer (&data->by_hand, g_ptr_array_unref);
  g_free (data);
}

static void delete_next (GTask *task);

static void
on_deleted_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RoundsTakedownSender *self = g_task_get_source_object (task);
  TakeDownData *data = g_task_get_task_data (task);
  const RoundsTakedown *t = g_ptr_array_index (data->to_delete, data->next);
  g_autoptr(GError) error = NULL;

  if (!rounds_connector_delete_finish (ROUNDS_CONNECTOR (source), result, &error))
    {
      g_debug ("Publication %" G_GINT64_FORMAT " was not deleted", t->publication_id);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!rounds_store_takedown_done (self->store, t, data->consent_id, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  data->deleted++;
  data->next++;
  delete_next (g_steal_pointer (&task));
}

static void
on_connector_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  TakeDownData *data = g_task_get_task_data (task);
  const RoundsTakedown *t = g_ptr_array_index (data->to_delete, data->next);
  g_autoptr(RoundsConnector) connector = NULL;
  GError *error = NULL;

  connector = rounds_connector_source_get_finish (ROUNDS_CONNECTOR_SOURCE (source), result, &error);
  if (connector == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  g_set_object (&data->connector, connector);
  rounds_connector_delete_async (connector, t->remote_id, g_task_get_cancellable (task),
                                 on_deleted_cb, task);
}

static void
delete_next (GTask *task)
{
  RoundsTakedownSender *self = g_task_get_source_object (task);
  TakeDownData *data = g_task_get_task_data (task);
  const RoundsTakedown *t;
  RoundsAccount *account;

  if (data->next >= data->to_delete->len)
    {
      g_task_return_int (task, data->deleted);
      g_object_unref (task);
      return;
    }

  t = g_ptr_array_index (data->to_delete, data->next);
  account = rounds_store_lookup_account (self->store, t->account_id);
  if (account == NULL)
    {
      g_task_return_new_error (task, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_AUTH_EXPIRED,
                               _("The account it went out through was removed"));
      g_object_unref (task);
      return;
    }

  rounds_connector_source_get_async (self->source, account, g_task_get_cancellable (task),
                                     on_connector_cb, task);
}

static void
rounds_takedown_sender_dispose (GObject *object)
{
  RoundsTakedownSender *self = ROUNDS_TAKEDOWN_SENDER (object);

  g_clear_object (&self->store);
  g_clear_object (&self->source);

  G_OBJECT_CLASS (rounds_takedown_sender_parent_class)->dispose (object);
}

static void
rounds_takedown_sender_class_init (RoundsTakedownSenderClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = rounds_takedown_sender_dispose;
}

static void
rounds_takedown_sender_init (RoundsTakedownSender *self)
{
}

/**
 * rounds_takedown_sender_new:
 * @secrets: (nullable): where the accounts' sign-ins are
 */
RoundsTakedownSender *
rounds_takedown_sender_new (RoundsStore   *store,
                            RoundsSecrets *secrets)
{
  RoundsTakedownSender *self;

  g_return_val_if_fail (ROUNDS_IS_STORE (store), NULL);

  self = g_object_new (ROUNDS_TYPE_TAKEDOWN_SENDER, NULL);
  self->store = g_object_ref (store);
  self->source = rounds_connector_source_new (secrets);
  return self;
}

void
rounds_takedown_sender_set_connector_factory (RoundsTakedownSender   *self,
                                              RoundsConnectorFactory  factory,
                                              gpointer                user_data,
                                              GDestroyNotify          destroy)
{
  g_return_if_fail (ROUNDS_IS_TAKEDOWN_SENDER (self));

  /* As documented: the factory's connectors need no keyring. */
  rounds_connector_source_set_secrets (self->source, NULL);
  rounds_connector_source_set_factory (self->source, factory, user_data, destroy);
}

/**
 * rounds_takedown_sender_take_down_async:
 * @post_id: a published post
 * @consent_id: the authorization that ended, for the audit log
 *
 * Records the places posted by hand as take-downs to do by hand, then
 * deletes the post through each connected account, one after the other.
 * A deletion the network refuses stops there with the network's words;
 * nothing is marked for it.
 */
void
rounds_takedown_sender_take_down_async (RoundsTakedownSender *self,
                                        gint64                post_id,
                                        gint64                consent_id,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  TakeDownData *data;

  g_return_if_fail (ROUNDS_IS_TAKEDOWN_SENDER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rounds_takedown_sender_take_down_async);

  items = rounds_store_list_takedowns (self->store, post_id, &error);
  if (items == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data = g_new0 (TakeDownData, 1);
  data->post_id = post_id;
  data->consent_id = consent_id;
  data->to_delete = g_ptr_array_new_with_free_func ((GDestroyNotify)rounds_takedown_free);
  data->by_hand = g_ptr_array_new_with_free_func ((GDestroyNotify)rounds_takedown_free);
  g_task_set_task_data (task, data, (GDestroyNotify)take_down_data_free);

  for (guint i = 0; i < items->len; i++)
    {
      RoundsTakedown *t = g_ptr_array_index (items, i);

      if (t->done_at != 0)
        continue;
      if (!t->connected && !rounds_store_request_takedown_by_hand (self->store, t, consent_id,
                                                                   &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      /* Moved: the item belongs to its new array now. */
      g_ptr_array_add (t->connected ? data->to_delete : data->by_hand, t);
      items->pdata[i] = NULL;
    }

  delete_next (g_steal_pointer (&task));
}

/**
 * rounds_takedown_sender_take_down_finish:
 * @by_hand: (out) (optional) (transfer full) (element-type RoundsTakedown):
 *   the places to delete it by hand
 *
 * Returns: how many were deleted through their accounts; 0 with @error
 *   when one could not be (those before it stay deleted and marked).
 */
guint
rounds_takedown_sender_take_down_finish (RoundsTakedownSender  *self,
                                         GAsyncResult          *result,
                                         GPtrArray            **by_hand,
                                         GError               **error)
{
  TakeDownData *data;
  gssize deleted;

  g_return_val_if_fail (g_task_is_valid (result, self), 0);

  deleted = g_task_propagate_int (G_TASK (result), error);
  if (deleted < 0)
    return 0;
  data = g_task_get_task_data (G_TASK (result));
  if (by_hand != NULL)
    {
      *by_hand = g_ptr_array_new_with_free_func ((GDestroyNotify)rounds_takedown_free);
      for (guint i = 0; i < data->by_hand->len; i++)
        g_ptr_array_add (*by_hand, rounds_takedown_copy (g_ptr_array_index (data->by_hand, i)));
    }
  return (guint)deleted;
}
