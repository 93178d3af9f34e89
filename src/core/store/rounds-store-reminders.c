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

#include "rounds-store-people.h"
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

/* Whose reminders these are. On one PC (SQLite) there is one list. On
 * a practice server each person has their own: every key is stored
 * under "@PERSON/" (the person signed in with their own login, 0 for the
 * practice's shared login), so two PCs of one person share deliveries
 * (a reminder shown on one is not shown on the other) and different
 * people each get theirs. */
static char *
key_prefix (RoundsStore *self)
{
  RoundsPerson *person;

  if (!rounds_store_is_on_server (self))
    return g_strdup ("");
  person = rounds_store_get_session_person (self);
  return g_strdup_printf ("@%" G_GINT64_FORMAT "/", person != NULL ? rounds_person_get_id (person)
                                                                   : (gint64)0);
}

static char *
stored_key (RoundsStore *self,
            const char  *key)
{
  g_autofree char *prefix = key_prefix (self);

  return g_strconcat (prefix, key, NULL);
}

/* LIKE pattern for this person's rows ("%": all, on SQLite) */
static char *
own_keys (RoundsStore *self)
{
  g_autofree char *prefix = key_prefix (self);

  return g_strconcat (prefix, "%", NULL);
}

static gpointer
row_from_stmt (RoundsStore  *self,
               RoundsDbStmt *stmt)
{
  RoundsReminderRow *row = g_new0 (RoundsReminderRow, 1);
  g_autofree char *prefix = key_prefix (self);
  const char *key = _rounds_store_column_text (stmt, 0);

  row->key = g_strdup (g_str_has_prefix (key, prefix) ? key + strlen (prefix) : key);
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
  g_autofree char *scoped = NULL;
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

  scoped = stored_key (self, key);
  _rounds_store_bind_text (stmt, 1, scoped);
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
  g_autofree char *scoped = NULL;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);

  stmt = _rounds_store_prepare (self,
                                "SELECT key, kind, due_at, delivered_at, snoozed_until, data"
                                " FROM reminders WHERE key = ?", NULL);
  if (stmt == NULL)
    return NULL;

  scoped = stored_key (self, key);
  _rounds_store_bind_text (stmt, 1, scoped);
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
  g_autofree char *pattern = own_keys (self);
  RoundsDbStmt *stmt;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);

  stmt = _rounds_store_prepare (self,
                                "SELECT key, kind, due_at, delivered_at, snoozed_until, data"
                                " FROM reminders WHERE (delivered_at IS NULL"
                                " OR snoozed_until IS NOT NULL) AND key LIKE ?"
                                " ORDER BY due_at, key", error);
  if (stmt != NULL)
    _rounds_store_bind_text (stmt, 1, pattern);

  return _rounds_store_read_rows (self, stmt, row_from_stmt,
                                  (GDestroyNotify)rounds_reminder_row_free,
                                  error, _("Could not read the reminders"));
}

static gboolean
mark_delivered (RoundsStore        *self,
                const char * const *keys,
                gint64              at,
                const char         *note,
                gboolean            only_due,
                guint              *n_marked,
                GError            **error)
{
  *n_marked = 0;
  if (!_rounds_store_begin (self, error))
    return FALSE;

  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autofree char *scoped = stored_key (self, keys[i]);
      g_autofree char *sql = NULL;
      RoundsDbStmt *stmt;

      /* The one JSON edit in SQL: each engine in its own words. A
       * claim changes only what is still to be shown: not delivered,
       * or snoozed and not shown again since. */
      sql = g_strdup_printf (rounds_db_is_sqlite (self->db)
                                    ? "UPDATE reminders SET delivered_at = ?, snoozed_until = NULL,"
                                      " data = CASE WHEN ? IS NULL THEN data"
                                      " ELSE json_set (COALESCE (json (data), '{}'), '$.delivery', ?)"
                                      " END WHERE key = ?%s"
                                    : "UPDATE reminders SET delivered_at = ?, snoozed_until = NULL,"
                                      " data = CASE WHEN CAST (? AS TEXT) IS NULL THEN data"
                                      " ELSE CAST (jsonb_set (COALESCE (CAST (data AS jsonb), '{}'),"
                                      "                       '{delivery}', to_jsonb (CAST (? AS TEXT)))"
                                      "            AS TEXT)"
                                      " END WHERE key = ?%s",
                             only_due ? " AND (delivered_at IS NULL OR snoozed_until IS NOT NULL)"
                                      : "");
      stmt = _rounds_store_prepare (self, sql, error);
      if (stmt == NULL)
        goto fail;
      rounds_db_bind_int64 (stmt, 1, at);
      _rounds_store_bind_text (stmt, 2, note);
      _rounds_store_bind_text (stmt, 3, note);
      _rounds_store_bind_text (stmt, 4, scoped);
      if (!_rounds_store_step_done (self, stmt, error, _("Could not save a reminder")))
        goto fail;
      *n_marked += rounds_db_changes (self->db);
    }

  if (_rounds_store_commit (self, error))
    return TRUE;

fail:
  _rounds_store_rollback (self);
  return FALSE;
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
  guint n_marked;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);
  g_return_val_if_fail (keys != NULL, FALSE);

  return mark_delivered (self, keys, at, note, FALSE, &n_marked, error);
}

/**
 * rounds_store_claim_reminders:
 * @keys: the reminders of one notification
 * @n_claimed: (out): how many were still to be shown
 *
 * Marks reminders delivered like rounds_store_mark_reminders_delivered(),
 * but only those still to be shown. With several PCs on a practice
 * server, the PC that claims a reminder shows it; another PC of the same
 * person that finds nothing left to claim (@n_claimed 0) does not.
 */
gboolean
rounds_store_claim_reminders (RoundsStore        *self,
                              const char * const *keys,
                              gint64              at,
                              const char         *note,
                              guint              *n_claimed,
                              GError            **error)
{
  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);
  g_return_val_if_fail (keys != NULL && n_claimed != NULL, FALSE);

  return mark_delivered (self, keys, at, note, TRUE, n_claimed, error);
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

  g_autofree char *scoped = stored_key (self, key);

  stmt = _rounds_store_prepare (self, "UPDATE reminders SET delivered_at = NULL WHERE key = ?",
                                error);
  if (stmt == NULL)
    return FALSE;
  _rounds_store_bind_text (stmt, 1, scoped);

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
  g_autofree char *scoped = NULL;
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
  scoped = stored_key (self, key);
  _rounds_store_bind_text (stmt, 3, scoped);

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

  g_autofree char *pattern = own_keys (self);

  stmt = _rounds_store_prepare (self, "SELECT MAX (delivered_at) FROM reminders WHERE kind = ?"
                                      " AND key LIKE ?", NULL);
  if (stmt == NULL)
    return 0;
  _rounds_store_bind_text (stmt, 1, kind);
  _rounds_store_bind_text (stmt, 2, pattern);
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
