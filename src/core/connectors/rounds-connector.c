/* rounds-connector.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-connector"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rounds-connector.h"

/* The connector interface, its error domain and the plain data types
 * handed in and out. Implementations live beside this file, one per
 * network; the operations a network lacks answer UNSUPPORTED. */

/* ------------------------------------------------------------------ */
/* Errors                                                               */

typedef struct
{
  gint64 retry_at;
} RoundsConnectorErrorPrivate;

static void
rounds_connector_error_private_init (RoundsConnectorErrorPrivate *priv)
{
  priv->retry_at = 0;
}

static void
rounds_connector_error_private_copy (const RoundsConnectorErrorPrivate *src,
                                     RoundsConnectorErrorPrivate       *dest)
{
  dest->retry_at = src->retry_at;
}

static void
rounds_connector_error_private_clear (RoundsConnectorErrorPrivate *priv)
{
}

G_DEFINE_EXTENDED_ERROR (RoundsConnectorError, rounds_connector_error)

gint64
rounds_connector_error_get_retry_at (const GError *error)
{
  RoundsConnectorErrorPrivate *priv;

  g_return_val_if_fail (error != NULL, 0);

  priv = rounds_connector_error_get_private (error);
  return priv ? priv->retry_at : 0;
}

void
rounds_connector_set_error_retry_at (GError *error,
                                     gint64  retry_at)
{
  RoundsConnectorErrorPrivate *priv;

  g_return_if_fail (error != NULL);

  priv = rounds_connector_error_get_private (error);
  if (priv != NULL)
    priv->retry_at = retry_at;
}

/* ------------------------------------------------------------------ */
/* Boxed data                                                           */

G_DEFINE_BOXED_TYPE (RoundsOutgoingMedia, rounds_outgoing_media,
                     rounds_outgoing_media_copy, rounds_outgoing_media_free)
G_DEFINE_BOXED_TYPE (RoundsOutgoing, rounds_outgoing,
                     rounds_outgoing_copy, rounds_outgoing_free)
G_DEFINE_BOXED_TYPE (RoundsRemotePost, rounds_remote_post,
                     rounds_remote_post_copy, rounds_remote_post_free)
G_DEFINE_BOXED_TYPE (RoundsRemoteComment, rounds_remote_comment,
                     rounds_remote_comment_copy, rounds_remote_comment_free)
G_DEFINE_BOXED_TYPE (RoundsMetric, rounds_metric,
                     rounds_metric_copy, rounds_metric_free)
G_DEFINE_BOXED_TYPE (RoundsAccountInfo, rounds_account_info,
                     rounds_account_info_copy, rounds_account_info_free)

RoundsOutgoingMedia *
rounds_outgoing_media_new (const char *path,
                           const char *mime_type,
                           const char *alt_text)
{
  RoundsOutgoingMedia *media;

  g_return_val_if_fail (path != NULL, NULL);

  media = g_new0 (RoundsOutgoingMedia, 1);
  media->path = g_strdup (path);
  media->mime_type = g_strdup (mime_type ? mime_type : "application/octet-stream");
  media->alt_text = g_strdup (alt_text ? alt_text : "");
  return media;
}

RoundsOutgoingMedia *
rounds_outgoing_media_copy (const RoundsOutgoingMedia *media)
{
  g_return_val_if_fail (media != NULL, NULL);

  return rounds_outgoing_media_new (media->path, media->mime_type, media->alt_text);
}

void
rounds_outgoing_media_free (RoundsOutgoingMedia *media)
{
  if (media == NULL)
    return;
  g_free (media->path);
  g_free (media->mime_type);
  g_free (media->alt_text);
  g_free (media);
}

RoundsOutgoing *
rounds_outgoing_new (const char *text,
                     const char *idempotency_key)
{
  RoundsOutgoing *outgoing = g_new0 (RoundsOutgoing, 1);

  outgoing->text = g_strdup (text ? text : "");
  outgoing->idempotency_key = g_strdup (idempotency_key);
  outgoing->media = g_ptr_array_new_with_free_func ((GDestroyNotify) rounds_outgoing_media_free);
  return outgoing;
}

RoundsOutgoing *
rounds_outgoing_copy (const RoundsOutgoing *outgoing)
{
  RoundsOutgoing *copy;

  g_return_val_if_fail (outgoing != NULL, NULL);

  copy = rounds_outgoing_new (outgoing->text, outgoing->idempotency_key);
  for (guint i = 0; i < outgoing->media->len; i++)
    g_ptr_array_add (copy->media, rounds_outgoing_media_copy (g_ptr_array_index (outgoing->media, i)));
  copy->reply_to_id = g_strdup (outgoing->reply_to_id);
  copy->reply_root_id = g_strdup (outgoing->reply_root_id);
  copy->scheduled_at = outgoing->scheduled_at;
  return copy;
}

void
rounds_outgoing_free (RoundsOutgoing *outgoing)
{
  if (outgoing == NULL)
    return;
  g_free (outgoing->text);
  g_clear_pointer (&outgoing->media, g_ptr_array_unref);
  g_free (outgoing->idempotency_key);
  g_free (outgoing->reply_to_id);
  g_free (outgoing->reply_root_id);
  g_free (outgoing);
}

RoundsRemotePost *
rounds_remote_post_new (const char *remote_id,
                        const char *url,
                        gint64      created_at)
{
  RoundsRemotePost *post;

  g_return_val_if_fail (remote_id != NULL, NULL);

  post = g_new0 (RoundsRemotePost, 1);
  post->remote_id = g_strdup (remote_id);
  post->url = g_strdup (url);
  post->created_at = created_at;
  return post;
}

RoundsRemotePost *
rounds_remote_post_copy (const RoundsRemotePost *post)
{
  RoundsRemotePost *copy;

  g_return_val_if_fail (post != NULL, NULL);

  copy = rounds_remote_post_new (post->remote_id, post->url, post->created_at);
  copy->notice = g_strdup (post->notice);
  return copy;
}

void
rounds_remote_post_free (RoundsRemotePost *post)
{
  if (post == NULL)
    return;
  g_free (post->remote_id);
  g_free (post->url);
  g_free (post->notice);
  g_free (post);
}

RoundsRemoteComment *
rounds_remote_comment_new (void)
{
  return g_new0 (RoundsRemoteComment, 1);
}

RoundsRemoteComment *
rounds_remote_comment_copy (const RoundsRemoteComment *comment)
{
  RoundsRemoteComment *copy;

  g_return_val_if_fail (comment != NULL, NULL);

  copy = g_new0 (RoundsRemoteComment, 1);
  *copy = *comment;
  copy->remote_id = g_strdup (comment->remote_id);
  copy->thread_id = g_strdup (comment->thread_id);
  copy->parent_id = g_strdup (comment->parent_id);
  copy->author_name = g_strdup (comment->author_name);
  copy->author_handle = g_strdup (comment->author_handle);
  copy->text = g_strdup (comment->text);
  copy->url = g_strdup (comment->url);
  return copy;
}

void
rounds_remote_comment_free (RoundsRemoteComment *comment)
{
  if (comment == NULL)
    return;
  g_free (comment->remote_id);
  g_free (comment->thread_id);
  g_free (comment->parent_id);
  g_free (comment->author_name);
  g_free (comment->author_handle);
  g_free (comment->text);
  g_free (comment->url);
  g_free (comment);
}

RoundsMetric *
rounds_metric_new (const char *remote_id,
                   const char *name,
                   gint64      value)
{
  RoundsMetric *metric;

  g_return_val_if_fail (name != NULL, NULL);

  metric = g_new0 (RoundsMetric, 1);
  metric->remote_id = g_strdup (remote_id);
  metric->name = g_strdup (name);
  metric->value = value;
  return metric;
}

RoundsMetric *
rounds_metric_copy (const RoundsMetric *metric)
{
  g_return_val_if_fail (metric != NULL, NULL);

  return rounds_metric_new (metric->remote_id, metric->name, metric->value);
}

void
rounds_metric_free (RoundsMetric *metric)
{
  if (metric == NULL)
    return;
  g_free (metric->remote_id);
  g_free (metric->name);
  g_free (metric);
}

RoundsAccountInfo *
rounds_account_info_new (void)
{
  return g_new0 (RoundsAccountInfo, 1);
}

RoundsAccountInfo *
rounds_account_info_copy (const RoundsAccountInfo *info)
{
  RoundsAccountInfo *copy;

  g_return_val_if_fail (info != NULL, NULL);

  copy = rounds_account_info_new ();
  copy->remote_id = g_strdup (info->remote_id);
  copy->handle = g_strdup (info->handle);
  copy->display_name = g_strdup (info->display_name);
  copy->profile_url = g_strdup (info->profile_url);
  copy->token_expires_at = info->token_expires_at;
  return copy;
}

void
rounds_account_info_free (RoundsAccountInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->remote_id);
  g_free (info->handle);
  g_free (info->display_name);
  g_free (info->profile_url);
  g_free (info);
}

/* ------------------------------------------------------------------ */
/* The interface                                                        */

G_DEFINE_INTERFACE (RoundsConnector, rounds_connector, G_TYPE_OBJECT)

static void
rounds_connector_default_init (RoundsConnectorInterface *iface)
{
  g_object_interface_install_property (iface,
    g_param_spec_string ("base-url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_interface_install_property (iface,
    g_param_spec_string ("credentials", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
}

static void
report_unsupported (RoundsConnector     *self,
                    gpointer             source_tag,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_task_report_new_error (self, callback, user_data, source_tag,
                           ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_UNSUPPORTED,
                           _("%s cannot do this"),
                           rounds_network_get_label (rounds_connector_get_network (self)));
}

RoundsNetwork
rounds_connector_get_network (RoundsConnector *self)
{
  g_return_val_if_fail (ROUNDS_IS_CONNECTOR (self), ROUNDS_NETWORK_NONE);

  return ROUNDS_CONNECTOR_GET_IFACE (self)->get_network (self);
}

RoundsConnectorCapabilities
rounds_connector_get_capabilities (RoundsConnector *self)
{
  RoundsConnectorInterface *iface;

  g_return_val_if_fail (ROUNDS_IS_CONNECTOR (self), 0);

  iface = ROUNDS_CONNECTOR_GET_IFACE (self);
  return iface->get_capabilities ? iface->get_capabilities (self) : 0;
}

char *
rounds_connector_dup_base_url (RoundsConnector *self)
{
  char *url = NULL;

  g_return_val_if_fail (ROUNDS_IS_CONNECTOR (self), NULL);

  g_object_get (self, "base-url", &url, NULL);
  return url;
}

char *
rounds_connector_dup_credentials (RoundsConnector *self)
{
  char *credentials = NULL;

  g_return_val_if_fail (ROUNDS_IS_CONNECTOR (self), NULL);

  g_object_get (self, "credentials", &credentials, NULL);
  return credentials;
}

void
rounds_connector_set_credentials (RoundsConnector *self,
                                  const char      *credentials)
{
  g_return_if_fail (ROUNDS_IS_CONNECTOR (self));

  g_object_set (self, "credentials", credentials, NULL);
}

/* Each pair below: call the implementation, or answer UNSUPPORTED. */

#define DISPATCH_ASYNC(vfunc, tag, ...)                                      \
  G_STMT_START {                                                             \
    RoundsConnectorInterface *iface = ROUNDS_CONNECTOR_GET_IFACE (self);     \
    if (iface->vfunc == NULL)                                                \
      report_unsupported (self, tag, callback, user_data);                   \
    else                                                                     \
      iface->vfunc (self, __VA_ARGS__);                                      \
  } G_STMT_END

void
rounds_connector_verify_async (RoundsConnector     *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (ROUNDS_IS_CONNECTOR (self));

  DISPATCH_ASYNC (verify_async, rounds_connector_verify_async,
                  cancellable, callback, user_data);
}

RoundsAccountInfo *
rounds_connector_verify_finish (RoundsConnector  *self,
                                GAsyncResult     *result,
                                GError          **error)
{
  g_return_val_if_fail (ROUNDS_IS_CONNECTOR (self), NULL);

  if (g_async_result_is_tagged (result, rounds_connector_verify_async))
    return g_task_propagate_pointer (G_TASK (result), error);
  return ROUNDS_CONNECTOR_GET_IFACE (self)->verify_finish (self, result, error);
}

void
rounds_connector_publish_async (RoundsConnector      *self,
                                const RoundsOutgoing *outgoing,
                                GCancellable         *cancellable,
                                GAsyncReadyCallback   callback,
                                gpointer              user_data)
{
  g_return_if_fail (ROUNDS_IS_CONNECTOR (self));
  g_return_if_fail (outgoing != NULL);

  DISPATCH_ASYNC (publish_async, rounds_connector_publish_async,
                  outgoing, cancellable, callback, user_data);
}

RoundsRemotePost *
rounds_connector_publish_finish (RoundsConnector  *self,
                                 GAsyncResult     *result,
                                 GError          **error)
{
  g_return_val_if_fail (ROUNDS_IS_CONNECTOR (self), NULL);

  if (g_async_result_is_tagged (result, rounds_connector_publish_async))
    return g_task_propagate_pointer (G_TASK (result), error);
  return ROUNDS_CONNECTOR_GET_IFACE (self)->publish_finish (self, result, error);
}

void
rounds_connector_lookup_async (RoundsConnector      *self,
                               const RoundsOutgoing *outgoing,
                               gint64                sent_after,
                               GCancellable         *cancellable,
                               GAsyncReadyCallback   callback,
                               gpointer              user_data)
{
  g_return_if_fail (ROUNDS_IS_CONNECTOR (self));
  g_return_if_fail (outgoing != NULL);

  DISPATCH_ASYNC (lookup_async, rounds_connector_lookup_async,
                  outgoing, sent_after, cancellable, callback, user_data);
}

RoundsRemotePost *
rounds_connector_lookup_finish (RoundsConnector  *self,
                                GAsyncResult     *result,
                                GError          **error)
{
  g_return_val_if_fail (ROUNDS_IS_CONNECTOR (self), NULL);

  if (g_async_result_is_tagged (result, rounds_connector_lookup_async))
    return g_task_propagate_pointer (G_TASK (result), error);
  return ROUNDS_CONNECTOR_GET_IFACE (self)->lookup_finish (self, result, error);
}

void
rounds_connector_delete_async (RoundsConnector     *self,
                               const char          *remote_id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (ROUNDS_IS_CONNECTOR (self));
  g_return_if_fail (remote_id != NULL);

  DISPATCH_ASYNC (delete_async, rounds_connector_delete_async,
                  remote_id, cancellable, callback, user_data);
}

gboolean
rounds_connector_delete_finish (RoundsConnector  *self,
                                GAsyncResult     *result,
                                GError          **error)
{
  g_return_val_if_fail (ROUNDS_IS_CONNECTOR (self), FALSE);

  if (g_async_result_is_tagged (result, rounds_connector_delete_async))
    return g_task_propagate_boolean (G_TASK (result), error);
  return ROUNDS_CONNECTOR_GET_IFACE (self)->delete_finish (self, result, error);
}

void
rounds_connector_list_replies_async (RoundsConnector     *self,
                                     const char          *cursor,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (ROUNDS_IS_CONNECTOR (self));

  DISPATCH_ASYNC (list_replies_async, rounds_connector_list_replies_async,
                  cursor, cancellable, callback, user_data);
}

GPtrArray *
rounds_connector_list_replies_finish (RoundsConnector  *self,
                                      GAsyncResult     *result,
                                      char            **new_cursor,
                                      GError          **error)
{
  g_return_val_if_fail (ROUNDS_IS_CONNECTOR (self), NULL);

  if (new_cursor != NULL)
    *new_cursor = NULL;
  if (g_async_result_is_tagged (result, rounds_connector_list_replies_async))
    return g_task_propagate_pointer (G_TASK (result), error);
  return ROUNDS_CONNECTOR_GET_IFACE (self)->list_replies_finish (self, result, new_cursor, error);
}

void
rounds_connector_reply_async (RoundsConnector      *self,
                              const RoundsOutgoing *outgoing,
                              GCancellable         *cancellable,
                              GAsyncReadyCallback   callback,
                              gpointer              user_data)
{
  g_return_if_fail (ROUNDS_IS_CONNECTOR (self));
  g_return_if_fail (outgoing != NULL && outgoing->reply_to_id != NULL);

  DISPATCH_ASYNC (reply_async, rounds_connector_reply_async,
                  outgoing, cancellable, callback, user_data);
}

RoundsRemotePost *
rounds_connector_reply_finish (RoundsConnector  *self,
                               GAsyncResult     *result,
                               GError          **error)
{
  g_return_val_if_fail (ROUNDS_IS_CONNECTOR (self), NULL);

  if (g_async_result_is_tagged (result, rounds_connector_reply_async))
    return g_task_propagate_pointer (G_TASK (result), error);
  return ROUNDS_CONNECTOR_GET_IFACE (self)->reply_finish (self, result, error);
}

void
rounds_connector_fetch_metrics_async (RoundsConnector     *self,
                                      const char * const  *remote_ids,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (ROUNDS_IS_CONNECTOR (self));

  DISPATCH_ASYNC (fetch_metrics_async, rounds_connector_fetch_metrics_async,
                  remote_ids, cancellable, callback, user_data);
}

GPtrArray *
rounds_connector_fetch_metrics_finish (RoundsConnector  *self,
                                       GAsyncResult     *result,
                                       GError          **error)
{
  g_return_val_if_fail (ROUNDS_IS_CONNECTOR (self), NULL);

  if (g_async_result_is_tagged (result, rounds_connector_fetch_metrics_async))
    return g_task_propagate_pointer (G_TASK (result), error);
  return ROUNDS_CONNECTOR_GET_IFACE (self)->fetch_metrics_finish (self, result, error);
}

void
rounds_connector_check_gone_async (RoundsConnector     *self,
                                   const char * const  *remote_ids,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (ROUNDS_IS_CONNECTOR (self));
  g_return_if_fail (remote_ids != NULL);

  DISPATCH_ASYNC (check_gone_async, rounds_connector_check_gone_async,
                  remote_ids, cancellable, callback, user_data);
}

GPtrArray *
rounds_connector_check_gone_finish (RoundsConnector  *self,
                                    GAsyncResult     *result,
                                    GError          **error)
{
  g_return_val_if_fail (ROUNDS_IS_CONNECTOR (self), NULL);

  if (g_async_result_is_tagged (result, rounds_connector_check_gone_async))
    return g_task_propagate_pointer (G_TASK (result), error);
  return ROUNDS_CONNECTOR_GET_IFACE (self)->check_gone_finish (self, result, error);
}
