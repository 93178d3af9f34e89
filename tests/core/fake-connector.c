/* fake-connector.c — a scripted RoundsConnector for queue tests
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fake-connector.h"

/* Answers like a network would, from a script per account, and keeps
 * what was "on the network" so that a test counts posts the way a
 * practice would count them on its timeline. It does not de-duplicate by
 * idempotency key: a test must see every post the queue sent twice. The
 * answers come from the main loop (GTask), never inside the call. */

typedef struct
{
  char *account;
  char *key;
  char *text;
  char *remote_id;
} FakePost;

struct _FakeNetwork
{
  gatomicrefcount  ref;
  GPtrArray       *posts;     /* FakePost */
  GHashTable      *scripts;   /* "publish:ACCOUNT" → GQueue of outcomes */
  GHashTable      *calls;     /* "publish:ACCOUNT" → count */
  GPtrArray       *hanging;   /* GTask */
  gint64           retry_at;
  gint64           token_expires_at;
  guint            serial;
  GPtrArray       *replies;   /* FakePost: account = whose post it answers */
  gboolean         gone_fails;
};

struct _FakeConnector
{
  GObject        parent_instance;
  FakeNetwork   *net;
  RoundsNetwork  network;
  char          *account;
  char          *base_url;
  char          *credentials;
};

static void fake_connector_iface_init (RoundsConnectorInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FakeConnector, fake_connector, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (ROUNDS_TYPE_CONNECTOR,
                                                      fake_connector_iface_init))

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_CREDENTIALS,
};

static void
fake_post_free (FakePost *post)
{
  g_free (post->account);
  g_free (post->key);
  g_free (post->text);
  g_free (post->remote_id);
  g_free (post);
}

FakeNetwork *
fake_network_new (void)
{
  FakeNetwork *net = g_new0 (FakeNetwork, 1);

  g_atomic_ref_count_init (&net->ref);
  net->posts = g_ptr_array_new_with_free_func ((GDestroyNotify)fake_post_free);
  net->replies = g_ptr_array_new_with_free_func ((GDestroyNotify)fake_post_free);
  net->scripts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify)g_queue_free);
  net->calls = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  net->hanging = g_ptr_array_new_with_free_func (g_object_unref);
  return net;
}

FakeNetwork *
fake_network_ref (FakeNetwork *net)
{
  g_atomic_ref_count_inc (&net->ref);
  return net;
}

void
fake_network_unref (FakeNetwork *net)
{
  if (!g_atomic_ref_count_dec (&net->ref))
    return;

  g_ptr_array_unref (net->posts);
  g_ptr_array_unref (net->replies);
  g_hash_table_unref (net->scripts);
  g_hash_table_unref (net->calls);
  g_ptr_array_unref (net->hanging);
  g_free (net);
}

static void
script (FakeNetwork *net,
        const char  *op,
        const char  *account,
        FakeOutcome  outcome)
{
  g_autofree char *key = g_strdup_printf ("%s:%s", op, account);
  GQueue *queue = g_hash_table_lookup (net->scripts, key);

  if (queue == NULL)
    {
      queue = g_queue_new ();
      g_hash_table_insert (net->scripts, g_steal_pointer (&key), queue);
    }
  g_queue_push_tail (queue, GINT_TO_POINTER (outcome));
}

static FakeOutcome
next_outcome (FakeNetwork *net,
              const char  *op,
              const char  *account)
{
  g_autofree char *key = g_strdup_printf ("%s:%s", op, account);
  GQueue *queue = g_hash_table_lookup (net->scripts, key);
  guint calls = GPOINTER_TO_UINT (g_hash_table_lookup (net->calls, key));

  g_hash_table_insert (net->calls, g_strdup (key), GUINT_TO_POINTER (calls + 1));

  if (queue == NULL || g_queue_is_empty (queue))
    return FAKE_OK;

  return GPOINTER_TO_INT (g_queue_pop_head (queue));
}

void
fake_network_script_publish (FakeNetwork *net,
                             const char  *account,
                             FakeOutcome  outcome)
{
  script (net, "publish", account, outcome);
}

void
fake_network_script_lookup (FakeNetwork *net,
                            const char  *account,
                            FakeOutcome  outcome)
{
  script (net, "lookup", account, outcome);
}

void
fake_network_script_verify (FakeNetwork *net,
                            const char  *account,
                            FakeOutcome  outcome)
{
  script (net, "verify", account, outcome);
}

void
fake_network_set_retry_at (FakeNetwork *net,
                           gint64       retry_at)
{
  net->retry_at = retry_at;
}

void
fake_network_set_token_expires_at (FakeNetwork *net,
                                   gint64       at)
{
  net->token_expires_at = at;
}

guint
fake_network_count_posts (FakeNetwork *net,
                          const char  *account)
{
  guint n = 0;

  for (guint i = 0; i < net->posts->len; i++)
    {
      FakePost *post = g_ptr_array_index (net->posts, i);

      n += account == NULL || g_str_equal (post->account, account);
    }

  return n;
}

/* The text of the newest post on @account, or NULL. */
const char *
fake_network_get_last_text (FakeNetwork *net,
                            const char  *account)
{
  for (guint i = net->posts->len; i-- > 0;)
    {
      FakePost *post = g_ptr_array_index (net->posts, i);

      if (g_str_equal (post->account, account))
        return post->text;
    }
  return NULL;
}

guint
fake_network_count_key (FakeNetwork *net,
                        const char  *idempotency_key)
{
  guint n = 0;

  for (guint i = 0; i < net->posts->len; i++)
    n += g_strcmp0 (((FakePost *)g_ptr_array_index (net->posts, i))->key, idempotency_key) == 0;

  return n;
}

static guint
get_calls (FakeNetwork *net,
           const char  *op,
           const char  *account)
{
  g_autofree char *key = g_strdup_printf ("%s:%s", op, account);

  return GPOINTER_TO_UINT (g_hash_table_lookup (net->calls, key));
}

guint
fake_network_get_publish_calls (FakeNetwork *net,
                                const char  *account)
{
  return get_calls (net, "publish", account);
}

guint
fake_network_get_lookup_calls (FakeNetwork *net,
                               const char  *account)
{
  return get_calls (net, "lookup", account);
}

guint
fake_network_get_n_hanging (FakeNetwork *net)
{
  return net->hanging->len;
}

char *
fake_network_add_reply (FakeNetwork *net,
                        const char  *account,
                        const char  *text)
{
  FakePost *reply = g_new0 (FakePost, 1);

  reply->account = g_strdup (account);
  reply->text = g_strdup (text);
  reply->remote_id = g_strdup_printf ("%u", ++net->serial);
  g_ptr_array_add (net->replies, reply);
  return g_strdup (reply->remote_id);
}

void
fake_network_delete_reply (FakeNetwork *net,
                           const char  *remote_id)
{
  for (guint i = 0; i < net->replies->len; i++)
    if (g_str_equal (((FakePost *) g_ptr_array_index (net->replies, i))->remote_id, remote_id))
      {
        g_ptr_array_remove_index (net->replies, i);
        return;
      }
}

void
fake_network_set_check_gone_fails (FakeNetwork *net,
                                   gboolean     fails)
{
  net->gone_fails = fails;
}

/* ------------------------------------------------------------------ */

static GError *
error_for (FakeNetwork *net,
           FakeOutcome  outcome)
{
  GError *error = NULL;

  switch (outcome)
    {
    case FAKE_AUTH_EXPIRED:
      return g_error_new_literal (ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_AUTH_EXPIRED,
                                  "The access token is invalid");
    case FAKE_RATE_LIMITED:
      error = g_error_new_literal (ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_RATE_LIMITED,
                                   "Too many requests");
      rounds_connector_set_error_retry_at (error, net->retry_at);
      return error;
    case FAKE_TRANSIENT:
    case FAKE_LOST_ANSWER:
      return g_error_new_literal (ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_TRANSIENT,
                                  "The server did not answer in time");
    case FAKE_REJECTED:
      return g_error_new_literal (ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_REJECTED,
                                  "Validation failed: Text is too long");
    case FAKE_MALFORMED:
    case FAKE_LOST_MALFORMED:
      return g_error_new_literal (ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_MALFORMED,
                                  "The answer could not be read");
    case FAKE_OK:
    case FAKE_HANG:
    default:
      return NULL;
    }
}

static void
on_hang_cancelled_cb (GCancellable *cancellable,
                      GTask        *task)
{
  FakeNetwork *net = g_task_get_task_data (task);

  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled");
  g_ptr_array_remove (net->hanging, task);
}

static void
hang (FakeNetwork *net,
      GTask       *task)
{
  GCancellable *cancellable = g_task_get_cancellable (task);

  g_task_set_task_data (task, net, NULL);
  g_ptr_array_add (net->hanging, g_object_ref (task));
  if (cancellable != NULL)
    g_cancellable_connect (cancellable, G_CALLBACK (on_hang_cancelled_cb), task, NULL);
}

static RoundsRemotePost *
make_post (FakeConnector        *self,
           const RoundsOutgoing *outgoing)
{
  FakePost *post = g_new0 (FakePost, 1);
  g_autofree char *url = NULL;

  post->account = g_strdup (self->account);
  post->key = g_strdup (outgoing->idempotency_key);
  post->text = g_strdup (outgoing->text);
  post->remote_id = g_strdup_printf ("%u", ++self->net->serial);
  g_ptr_array_add (self->net->posts, post);

  url = g_strdup_printf ("https://social.example/%s/%s", self->account, post->remote_id);
  return rounds_remote_post_new (post->remote_id, url, 0);
}

static RoundsNetwork
fake_get_network (RoundsConnector *connector)
{
  return FAKE_CONNECTOR (connector)->network;
}

static RoundsConnectorCapabilities
fake_get_capabilities (RoundsConnector *connector)
{
  return ROUNDS_CONNECTOR_CAN_PUBLISH | ROUNDS_CONNECTOR_CAN_PUBLISH_MEDIA |
         ROUNDS_CONNECTOR_CAN_LOOKUP | ROUNDS_CONNECTOR_CAN_LIST_REPLIES |
         ROUNDS_CONNECTOR_CAN_CHECK_GONE;
}

static void
fake_verify_async (RoundsConnector     *connector,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  FakeConnector *self = FAKE_CONNECTOR (connector);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  FakeOutcome outcome = next_outcome (self->net, "verify", self->account);
  GError *error = error_for (self->net, outcome);
  RoundsAccountInfo *info;

  if (outcome == FAKE_HANG)
    {
      hang (self->net, task);
      return;
    }
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  info = rounds_account_info_new ();
  info->remote_id = g_strdup ("1");
  info->handle = g_strdup (self->account);
  info->display_name = g_strdup ("Test Practice");
  info->token_expires_at = self->net->token_expires_at;
  g_task_return_pointer (task, info, (GDestroyNotify)rounds_account_info_free);
}

static RoundsAccountInfo *
fake_verify_finish (RoundsConnector  *connector,
                    GAsyncResult     *result,
                    GError          **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
fake_publish_async (RoundsConnector      *connector,
                    const RoundsOutgoing *outgoing,
                    GCancellable         *cancellable,
                    GAsyncReadyCallback   callback,
                    gpointer              user_data)
{
  FakeConnector *self = FAKE_CONNECTOR (connector);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  FakeOutcome outcome = next_outcome (self->net, "publish", self->account);
  GError *error = error_for (self->net, outcome);

  if (outcome == FAKE_HANG)
    {
      hang (self->net, task);
      return;
    }

  if (outcome == FAKE_OK || outcome == FAKE_LOST_ANSWER || outcome == FAKE_LOST_MALFORMED)
    {
      g_autoptr(RoundsRemotePost) remote = make_post (self, outgoing);

      if (error == NULL)
        {
          g_task_return_pointer (task, g_steal_pointer (&remote),
                                 (GDestroyNotify)rounds_remote_post_free);
          return;
        }
    }

  g_task_return_error (task, error);
}

static RoundsRemotePost *
fake_publish_finish (RoundsConnector  *connector,
                     GAsyncResult     *result,
                     GError          **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
fake_lookup_async (RoundsConnector      *connector,
                   const RoundsOutgoing *outgoing,
                   gint64                sent_after,
                   GCancellable         *cancellable,
                   GAsyncReadyCallback   callback,
                   gpointer              user_data)
{
  FakeConnector *self = FAKE_CONNECTOR (connector);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  FakeOutcome outcome = next_outcome (self->net, "lookup", self->account);
  GError *error = error_for (self->net, outcome);

  if (outcome == FAKE_HANG)
    {
      hang (self->net, task);
      return;
    }
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  for (guint i = 0; i < self->net->posts->len; i++)
    {
      FakePost *post = g_ptr_array_index (self->net->posts, i);

      if (g_str_equal (post->account, self->account) &&
          g_strcmp0 (post->key, outgoing->idempotency_key) == 0)
        {
          g_autofree char *url = g_strdup_printf ("https://social.example/%s/%s", self->account,
                                                  post->remote_id);

          g_task_return_pointer (task, rounds_remote_post_new (post->remote_id, url, 0),
                                 (GDestroyNotify)rounds_remote_post_free);
          return;
        }
    }

  g_task_return_pointer (task, NULL, NULL);
}

static RoundsRemotePost *
fake_lookup_finish (RoundsConnector  *connector,
                    GAsyncResult     *result,
                    GError          **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Replies to this account newer than the cursor (the last id seen). */
static void
fake_list_replies_async (RoundsConnector     *connector,
                         const char          *cursor,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  FakeConnector *self = FAKE_CONNECTOR (connector);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  GPtrArray *found = g_ptr_array_new_with_free_func ((GDestroyNotify) rounds_remote_comment_free);
  guint64 since = cursor != NULL ? g_ascii_strtoull (cursor, NULL, 10) : 0;
  guint64 newest = since;

  for (guint i = 0; i < self->net->replies->len; i++)
    {
      FakePost *reply = g_ptr_array_index (self->net->replies, i);
      guint64 id = g_ascii_strtoull (reply->remote_id, NULL, 10);
      RoundsRemoteComment *comment;

      if (!g_str_equal (reply->account, self->account) || id <= since)
        continue;
      comment = rounds_remote_comment_new ();
      comment->kind = ROUNDS_REMOTE_COMMENT_REPLY;
      comment->remote_id = g_strdup (reply->remote_id);
      comment->author_name = g_strdup ("Pat");
      comment->text = g_strdup (reply->text);
      g_ptr_array_add (found, comment);
      newest = MAX (newest, id);
    }
  g_task_set_task_data (task, g_strdup_printf ("%" G_GUINT64_FORMAT, newest), g_free);
  g_task_return_pointer (task, found, (GDestroyNotify) g_ptr_array_unref);
}

static GPtrArray *
fake_list_replies_finish (RoundsConnector  *connector,
                          GAsyncResult     *result,
                          char            **new_cursor,
                          GError          **error)
{
  GPtrArray *found = g_task_propagate_pointer (G_TASK (result), error);

  if (found != NULL && new_cursor != NULL)
    *new_cursor = g_strdup (g_task_get_task_data (G_TASK (result)));
  return found;
}

/* The ids asked about that are no longer among the replies. */
static void
fake_check_gone_async (RoundsConnector     *connector,
                       const char * const  *remote_ids,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  FakeConnector *self = FAKE_CONNECTOR (connector);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  GPtrArray *gone;

  if (self->net->gone_fails)
    {
      g_task_return_error (task, error_for (self->net, FAKE_TRANSIENT));
      return;
    }
  gone = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; remote_ids[i] != NULL; i++)
    {
      gboolean there = FALSE;

      for (guint j = 0; j < self->net->replies->len && !there; j++)
        there = g_str_equal (((FakePost *) g_ptr_array_index (self->net->replies, j))->remote_id,
                             remote_ids[i]);
      if (!there)
        g_ptr_array_add (gone, g_strdup (remote_ids[i]));
    }
  g_task_return_pointer (task, gone, (GDestroyNotify) g_ptr_array_unref);
}

static GPtrArray *
fake_check_gone_finish (RoundsConnector  *connector,
                        GAsyncResult     *result,
                        GError          **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
fake_connector_iface_init (RoundsConnectorInterface *iface)
{
  iface->get_network = fake_get_network;
  iface->get_capabilities = fake_get_capabilities;
  iface->verify_async = fake_verify_async;
  iface->verify_finish = fake_verify_finish;
  iface->publish_async = fake_publish_async;
  iface->publish_finish = fake_publish_finish;
  iface->lookup_async = fake_lookup_async;
  iface->lookup_finish = fake_lookup_finish;
  iface->list_replies_async = fake_list_replies_async;
  iface->list_replies_finish = fake_list_replies_finish;
  iface->check_gone_async = fake_check_gone_async;
  iface->check_gone_finish = fake_check_gone_finish;
}

static void
fake_connector_finalize (GObject *object)
{
  FakeConnector *self = FAKE_CONNECTOR (object);

  g_clear_pointer (&self->net, fake_network_unref);
  g_free (self->account);
  g_free (self->base_url);
  g_free (self->credentials);

  G_OBJECT_CLASS (fake_connector_parent_class)->finalize (object);
}

static void
fake_connector_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  FakeConnector *self = FAKE_CONNECTOR (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:    g_value_set_string (value, self->base_url); break;
    case PROP_CREDENTIALS: g_value_set_string (value, self->credentials); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fake_connector_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  FakeConnector *self = FAKE_CONNECTOR (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_free (self->base_url);
      self->base_url = g_value_dup_string (value);
      break;
    case PROP_CREDENTIALS:
      if (g_strcmp0 (self->credentials, g_value_get_string (value)) != 0)
        {
          g_free (self->credentials);
          self->credentials = g_value_dup_string (value);
          g_object_notify (object, "credentials");
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fake_connector_class_init (FakeConnectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = fake_connector_finalize;
  object_class->get_property = fake_connector_get_property;
  object_class->set_property = fake_connector_set_property;

  g_object_class_override_property (object_class, PROP_BASE_URL, "base-url");
  g_object_class_override_property (object_class, PROP_CREDENTIALS, "credentials");
}

static void
fake_connector_init (FakeConnector *self)
{
}

RoundsConnector *
fake_connector_new (FakeNetwork   *net,
                    RoundsNetwork  network,
                    const char    *account)
{
  FakeConnector *self = g_object_new (FAKE_TYPE_CONNECTOR, "base-url", "http://127.0.0.1:9",
                                      NULL);

  self->net = fake_network_ref (net);
  self->network = network;
  self->account = g_strdup (account);
  return ROUNDS_CONNECTOR (self);
}
