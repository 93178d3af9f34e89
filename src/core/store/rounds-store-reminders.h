/* rounds-store-reminders.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rounds-store.h"

G_BEGIN_DECLS

/* One row of the reminders table: what was decided, and whether (and
 * when) it was shown. 0 stands for SQL NULL in the time fields. */
typedef struct
{
  char   *key;
  char   *kind;
  gint64  due_at;
  gint64  delivered_at;
  gint64  snoozed_until;
  char   *data;
} RoundsReminderRow;

void               rounds_reminder_row_free               (RoundsReminderRow *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RoundsReminderRow, rounds_reminder_row_free)

gboolean           rounds_store_upsert_reminder           (RoundsStore        *self,
                                                           const char         *key,
                                                           const char         *kind,
                                                           gint64              due_at,
                                                           const char         *data,
                                                           GError            **error);
RoundsReminderRow *rounds_store_lookup_reminder           (RoundsStore        *self,
                                                           const char         *key);
GPtrArray         *rounds_store_list_pending_reminders    (RoundsStore        *self,
                                                           GError            **error);
gboolean           rounds_store_mark_reminders_delivered  (RoundsStore        *self,
                                                           const char * const *keys,
                                                           gint64              at,
                                                           const char         *note,
                                                           GError            **error);
gboolean           rounds_store_claim_reminders           (RoundsStore        *self,
                                                           const char * const *keys,
                                                           gint64              at,
                                                           const char         *note,
                                                           guint              *n_claimed,
                                                           GError            **error);
gboolean           rounds_store_forget_reminder_delivery  (RoundsStore        *self,
                                                           const char         *key,
                                                           GError            **error);
gboolean           rounds_store_snooze_reminder           (RoundsStore        *self,
                                                           const char         *key,
                                                           gint64              until,
                                                           GError            **error);
gint64             rounds_store_last_reminder_delivery    (RoundsStore        *self,
                                                           const char         *kind);
gboolean           rounds_store_rebase_snoozes            (RoundsStore        *self,
                                                           gint64              latest,
                                                           GError            **error);

gboolean           rounds_store_begin_reminders           (RoundsStore        *self,
                                                           GError            **error);
gboolean           rounds_store_end_reminders             (RoundsStore        *self,
                                                           gboolean            commit,
                                                           GError            **error);

char              *rounds_store_get_kv                    (RoundsStore        *self,
                                                           const char         *key);
gboolean           rounds_store_set_kv                    (RoundsStore        *self,
                                                           const char         *key,
                                                           const char         *value,
                                                           GError            **error);

gboolean           rounds_store_get_plan_start            (RoundsStore        *self,
                                                           GDate              *start);

G_END_DECLS
