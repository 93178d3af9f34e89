/* rounds-store-reminders.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-store"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "rounds-store-private.h"
#include "rounds-store-reminders.h"

/* The reminders table (schema version 2) and the small key–value table
 * the reminder scheduler keeps its cursors in. A row is written when a
 * reminder is first foreseen, marked delivered in the same transaction
 * as the decision to show it, and never deleted: that is what makes a
 * reminder come exactly once across restarts and clock changes.
 *
 * Plan tasks are read here too, defensively: the plan feature owns
 * plan_tasks and plan_sections, and this file only reads them. */

void
rounds_reminder_row_free (RoundsReminderRow *row)
{
  if (row == NULL)
    return;

  g_free (row->key);
  g_free (row->kind);
  g_free (row->data);
  g_free (row);
}

static gpointer
row_from_stmt (RoundsStore  *self,
               RoundsDbStmt *stmt)
{
  RoundsReminderRow *row = g_new0 (RoundsReminderRow, 1);

  row->key = g_strdup (_rounds_store_column_text (stmt, 0));
  row->kind = g_strdup (_rounds_store_column_text (stmt, 1));
  row->due_at = rounds_db_column_int64 (stmt, 2);
  row->delivered_at = rounds_db_column_int64 (stmt, 3);
  row->snoozed_until = rounds_db_column_int64 (stmt, 4);
  row->data = rounds_db_column_type (stmt, 5) == ROUNDS_DB_NULL
                ? NULL : g_strdup (_rounds_store_column_text (stmt, 5));
  return row;
}

/**
 * rounds_store_upsert_reminder:
 * @data: (nullable): JSON the scheduler wants back (ids, counts; no text)
 *
 * Records a foreseen reminder. An undelivered one takes the new due time
 * and data (the lead time or the post's time may have changed); a
 * delivered one is left exactly as it is.
 */
gboolean
rounds_store_upsert_reminder (RoundsStore  *self,
                              const char   *key,
                              const char   *kind,
                              gint64        due_at,
                              const char   *data,
                              GError      **error)
{
  RoundsDbStmt *stmt;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL && kind != NULL, FALSE);

  stmt = _rounds_store_prepare (self,
                                "INSERT INTO reminders (key, kind, due_at, data)"
                                " VALUES (?, ?, ?, ?)"
                                " ON CONFLICT (key) DO UPDATE SET due_at = excluded.due_at,"
                                " data = excluded.data WHERE reminders.delivered_at IS NULL"
                                " AND (reminders.due_at IS DISTINCT FROM excluded.due_at"
                                "      OR reminders.data IS DISTINCT FROM excluded.data)",
                                error);
  if (stmt == NULL)
    return FALSE;

  _rounds_store_bind_text (stmt, 1, key);
  _rounds_store_bind_text (stmt, 2, kind);
  rounds_db_bind_int64 (stmt, 3, due_at);
  _rounds_store_bind_text (stmt, 4, data);

  return _rounds_store_step_done (self, stmt, error, _("Could not save a reminder"));
}

/**
 * rounds_store_lookup_reminder:
 *
 * Returns: (transfer full) (nullable): the row, or %NULL.
 */
RoundsReminderRow *
rounds_store_lookup_reminder (RoundsStore *self,
                              const char  *key)
{
  RoundsDbStmt *stmt;
  RoundsReminderRow *row = NULL;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);

  stmt = _rounds_store_prepare (self,
                                "SELECT key, kind, due_at, delivered_at, snoozed_until, data"
                                " FROM reminders WHERE key = ?", NULL);
  if (stmt == NULL)
    return NULL;

  _rounds_store_bind_text (stmt, 1, key);
  if (rounds_db_step (stmt) == ROUNDS_DB_ROW)
    row = row_from_stmt (self, stmt);
  rounds_db_reset (stmt);

  return row;
}

/**
 * rounds_store_list_pending_reminders:
 *
 * Returns: (transfer full) (element-type RoundsReminderRow): the rows not
 *   delivered yet, and the snoozed ones (delivered, coming back), oldest
 *   due first.
 */
GPtrArray *
rounds_store_list_pending_reminders (RoundsStore  *self,
                                     GError      **error)
{
  RoundsDbStmt *stmt;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);

  stmt = _rounds_store_prepare (self,
                                "SELECT key, kind, due_at, delivered_at, snoozed_until, data"
                                " FROM reminders WHERE delivered_at IS NULL"
                                " OR snoozed_until IS NOT NULL ORDER BY due_at, key", error);

  return _rounds_store_read_rows (self, stmt, row_from_stmt,
                                  (GDestroyNotify)rounds_reminder_row_free,
                                  error, _("Could not read the reminders"));
}

/**
 * rounds_store_mark_reminders_delivered:
 * @keys: the reminders shown together (one notification)
 * @note: (nullable): "summary", "suppressed", … kept in the row's data
 *
 * Marks reminders delivered at @at, in one transaction, and ends their
 * snooze: a snoozed reminder comes back once.
 */
gboolean
rounds_store_mark_reminders_delivered (RoundsStore        *self,
                                       const char * const *keys,
                                       gint64              at,
                                       const char         *note,
                                       GError            **error)
{
  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);
  g_return_val_if_fail (keys != NULL, FALSE);

  if (!_rounds_store_begin (self, error))
    return FALSE;

  for (guint i = 0; keys[i] != NULL; i++)
    {
      RoundsDbStmt *stmt;

      /* The one JSON edit in SQL: each engine in its own words. */
      stmt = _rounds_store_prepare (self,
                                    rounds_db_is_sqlite (self->db)
                                    ? "UPDATE reminders SET delivered_at = ?, snoozed_until = NULL,"
                                      " data = CASE WHEN ? IS NULL THEN data"
                                      " ELSE json_set (COALESCE (json (data), '{}'), '$.delivery', ?)"
                                      " END WHERE key = ?"
                                    : "UPDATE reminders SET delivered_at = ?, snoozed_until = NULL,"
                                      " data = CASE WHEN CAST (? AS TEXT) IS NULL THEN data"
                                      " ELSE CAST (jsonb_set (COALESCE (CAST (data AS jsonb), '{}'),"
                                      "                       '{delivery}', to_jsonb (CAST (? AS TEXT)))"
                                      "            AS TEXT)"
                                      " END WHERE key = ?", error);
      if (stmt == NULL)
        goto fail;
      rounds_db_bind_int64 (stmt, 1, at);
      _rounds_store_bind_text (stmt, 2, note);
      _rounds_store_bind_text (stmt, 3, note);
      _rounds_store_bind_text (stmt, 4, keys[i]);
      if (!_rounds_store_step_done (self, stmt, error, _("Could not save a reminder")))
        goto fail;
    }

  if (_rounds_store_commit (self, error))
    return TRUE;

fail:
  _rounds_store_rollback (self);
  return FALSE;
}

/**
 * rounds_store_forget_reminder_delivery:
 *
 * Undoes a delivery that could not be shown (no notification service):
 * the reminder is due again at the next tick.
 */
gboolean
rounds_store_forget_reminder_delivery (RoundsStore  *self,
                                       const char   *key,
                                       GError      **error)
{
  RoundsDbStmt *stmt;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);

  stmt = _rounds_store_prepare (self, "UPDATE reminders SET delivered_at = NULL WHERE key = ?",
                                error);
  if (stmt == NULL)
    return FALSE;
  _rounds_store_bind_text (stmt, 1, key);

  return _rounds_store_step_done (self, stmt, error, _("Could not save a reminder"));
}

/**
 * rounds_store_snooze_reminder:
 *
 * Brings a delivered reminder back once, at @until.
 */
gboolean
rounds_store_snooze_reminder (RoundsStore  *self,
                              const char   *key,
                              gint64        until,
                              GError      **error)
{
  RoundsDbStmt *stmt;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);

  stmt = _rounds_store_prepare (self,
                                "UPDATE reminders SET snoozed_until = ?,"
                                " delivered_at = COALESCE (delivered_at, ?) WHERE key = ?",
                                error);
  if (stmt == NULL)
    return FALSE;
  rounds_db_bind_int64 (stmt, 1, until);
  rounds_db_bind_int64 (stmt, 2, until);
  _rounds_store_bind_text (stmt, 3, key);

  if (!_rounds_store_step_done (self, stmt, error, _("Could not snooze the reminder")))
    return FALSE;

  if (rounds_db_changes (rounds_db_db_handle (stmt)) == 0)
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_NOT_FOUND,
                   _("This reminder no longer exists"));
      return FALSE;
    }

  return TRUE;
}

/**
 * rounds_store_last_reminder_delivery:
 *
 * Returns: when a reminder of @kind was last delivered, or 0.
 */
gint64
rounds_store_last_reminder_delivery (RoundsStore *self,
                                     const char  *kind)
{
  RoundsDbStmt *stmt;
  gint64 at = 0;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), 0);

  stmt = _rounds_store_prepare (self, "SELECT MAX (delivered_at) FROM reminders WHERE kind = ?",
                                NULL);
  if (stmt == NULL)
    return 0;
  _rounds_store_bind_text (stmt, 1, kind);
  if (rounds_db_step (stmt) == ROUNDS_DB_ROW)
    at = rounds_db_column_int64 (stmt, 0);
  rounds_db_reset (stmt);

  return at;
}

/**
 * rounds_store_rebase_snoozes:
 * @latest: the latest a snooze may end
 *
 * After the clock went back, a snooze set "an hour from now" would end
 * far in the future; bring every snooze that ends after @latest to it.
 */
gboolean
rounds_store_rebase_snoozes (RoundsStore  *self,
                             gint64        latest,
                             GError      **error)
{
  RoundsDbStmt *stmt;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);

  stmt = _rounds_store_prepare (self,
                                "UPDATE reminders SET snoozed_until = ?1"
                                " WHERE snoozed_until IS NOT NULL AND snoozed_until > ?1", error);
  if (stmt == NULL)
    return FALSE;
  rounds_db_bind_int64 (stmt, 1, latest);

  return _rounds_store_step_done (self, stmt, error, _("Could not save a reminder"));
}

/**
 * rounds_store_begin_reminders:
 *
 * Groups many rounds_store_upsert_reminder() calls in one transaction.
 */
gboolean
rounds_store_begin_reminders (RoundsStore  *self,
                              GError      **error)
{
  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);
  return _rounds_store_begin (self, error);
}

/**
 * rounds_store_end_reminders:
 * @commit: %FALSE rolls back
 */
gboolean
rounds_store_end_reminders (RoundsStore  *self,
                            gboolean      commit,
                            GError      **error)
{
  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);

  if (commit && _rounds_store_commit (self, error))
    return TRUE;

  _rounds_store_rollback (self);
  return FALSE;
}

/**
 * rounds_store_get_kv:
 *
 * Returns: (transfer full) (nullable): the value, or %NULL.
 */
char *
rounds_store_get_kv (RoundsStore *self,
                     const char  *key)
{
  RoundsDbStmt *stmt;
  char *value = NULL;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);

  stmt = _rounds_store_prepare (self, "SELECT value FROM kv WHERE key = ?", NULL);
  if (stmt == NULL)
    return NULL;
  _rounds_store_bind_text (stmt, 1, key);
  if (rounds_db_step (stmt) == ROUNDS_DB_ROW && rounds_db_column_type (stmt, 0) != ROUNDS_DB_NULL)
    value = g_strdup (_rounds_store_column_text (stmt, 0));
  rounds_db_reset (stmt);

  return value;
}

gboolean
rounds_store_set_kv (RoundsStore  *self,
                     const char   *key,
                     const char   *value,
                     GError      **error)
{
  RoundsDbStmt *stmt;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);

  stmt = _rounds_store_prepare (self,
                                "INSERT INTO kv (key, value) VALUES (?, ?)"
                                " ON CONFLICT (key) DO UPDATE SET value = excluded.value", error);
  if (stmt == NULL)
    return FALSE;
  _rounds_store_bind_text (stmt, 1, key);
  _rounds_store_bind_text (stmt, 2, value);

  return _rounds_store_step_done (self, stmt, error, _("Could not save a setting"));
}

/* ------------------------------------------------------------------ */
/* Plan                                                                 */

static gboolean
parse_iso_date (const char *text,
                GDate      *date)
{
  int y, m, d;

  if (text == NULL || sscanf (text, "%4d-%2d-%2d", &y, &m, &d) != 3 ||
      !g_date_valid_dmy (d, m, y))
    return FALSE;

  g_date_clear (date, 1);
  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

/**
 * rounds_store_get_plan_start:
 *
 * Reads the start day of the 30-day action plan, defensively: the plan
 * feature keeps it in kv ("plan.start", ISO date; the spellings
 * "plan.start-day" and "plan.start_day" are accepted too).
 *
 * Returns: whether a valid start day was found.
 */
gboolean
rounds_store_get_plan_start (RoundsStore *self,
                             GDate       *start)
{
  static const char * const kv_keys[] = { "plan.start", "plan.start-day", "plan.start_day" };

  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);
  g_return_val_if_fail (start != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (kv_keys); i++)
    {
      g_autofree char *value = rounds_store_get_kv (self, kv_keys[i]);

      if (parse_iso_date (value, start))
        return TRUE;
    }

  return FALSE;
}
