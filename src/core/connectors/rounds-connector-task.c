/* rounds-connector-task.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-connector-task"

#include "config.h"

#include "rounds-connector-task.h"

#include <string.h>

/* Starts a chain: the task, tagged, owning @op (freed with @op_free when
 * the task goes). The caller holds the one reference the chain passes
 * from step to step. */
GTask *
rounds_connector_task_new (gpointer             source_object,
                           gpointer             source_tag,
                           gpointer             op,
                           GDestroyNotify       op_free,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task = g_task_new (source_object, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, op, op_free);
  return task;
}

/* Ends the chain with @error (taken) and drops the chain's reference. */
void
rounds_connector_task_fail (GTask  *task,
                            GError *error)
{
  g_return_if_fail (G_IS_TASK (task));

  g_task_return_error (task, error);
  g_object_unref (task);
}

void
rounds_connector_task_fail_literal (GTask                *task,
                                    RoundsConnectorError  code,
                                    const char           *message)
{
  rounds_connector_task_fail (task, g_error_new_literal (ROUNDS_CONNECTOR_ERROR, code, message));
}

void
rounds_connector_task_fail_printf (GTask                *task,
                                   RoundsConnectorError  code,
                                   const char           *format,
                                   ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  rounds_connector_task_fail_literal (task, code, message);
}

/* ------------------------------------------------------------------ */
/* One item at a time: which are gone                                   */

typedef struct
{
  RoundsConnectorAskFunc  ask;
  GStrv                   ids;
  guint                   index;
  GPtrArray              *gone;
} CheckEach;

static void
check_each_free (CheckEach *check)
{
  g_strfreev (check->ids);
  g_clear_pointer (&check->gone, g_ptr_array_unref);
  g_free (check);
}

static void check_each_next (GTask *task);

static void
on_asked_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GTask *task = user_data;
  CheckEach *check = g_task_get_task_data (task);
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_NOT_FOUND))
        {
          rounds_connector_task_fail (task, error);
          return;
        }
      g_clear_error (&error);
      g_ptr_array_add (check->gone, g_strdup (check->ids[check->index]));
    }
  check->index++;
  check_each_next (task);
}

static void
check_each_next (GTask *task)
{
  CheckEach *check = g_task_get_task_data (task);

  if (check->ids[check->index] == NULL)
    {
      g_task_return_pointer (task, g_steal_pointer (&check->gone),
                             (GDestroyNotify) g_ptr_array_unref);
      g_object_unref (task);
      return;
    }
  check->ask (g_task_get_source_object (task), check->ids[check->index],
              g_task_get_cancellable (task), on_asked_cb, task);
}

void
rounds_connector_check_each_async (RoundsConnector        *connector,
                                   gpointer                source_tag,
                                   const char * const     *remote_ids,
                                   guint                   max,
                                   RoundsConnectorAskFunc  ask,
                                   GCancellable           *cancellable,
                                   GAsyncReadyCallback     callback,
                                   gpointer                user_data)
{
  CheckEach *check = g_new0 (CheckEach, 1);
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  GTask *task;

  g_return_if_fail (ROUNDS_IS_CONNECTOR (connector));
  g_return_if_fail (ask != NULL);

  for (guint i = 0, n = 0; remote_ids != NULL && remote_ids[i] != NULL && n < max; i++)
    if (remote_ids[i][0] != '\0')
      {
        g_strv_builder_add (ids, remote_ids[i]);
        n++;
      }
  check->ask = ask;
  check->ids = g_strv_builder_end (ids);
  check->gone = g_ptr_array_new_with_free_func (g_free);
  task = rounds_connector_task_new (connector, source_tag, check, (GDestroyNotify) check_each_free,
                                    cancellable, callback, user_data);
  check_each_next (task);
}

GPtrArray *
rounds_connector_check_each_finish (RoundsConnector  *connector,
                                    GAsyncResult     *result,
                                    GError          **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
rounds_connector_set_base_url (char       **slot,
                               const char  *url,
                               const char  *fallback)
{
  gsize len;

  g_free (*slot);
  *slot = g_strdup (url != NULL && url[0] != '\0' ? url : (fallback ? fallback : ""));
  len = strlen (*slot);
  while (len > 0 && (*slot)[len - 1] == '/')
    (*slot)[--len] = '\0';
}

void
rounds_connector_clear_secret (char **slot)
{
  if (*slot != NULL)
    memset (*slot, 0, strlen (*slot));
  g_clear_pointer (slot, g_free);
}

gboolean
rounds_connector_replace_secret (char       **slot,
                                 const char  *secret)
{
  if (g_strcmp0 (*slot, secret) == 0)
    return FALSE;
  rounds_connector_clear_secret (slot);
  *slot = g_strdup (secret);
  return TRUE;
}
