/* rounds-connector-task.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-connector-task"

#include "config.h"

#include "rounds-connector-task.h"

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
