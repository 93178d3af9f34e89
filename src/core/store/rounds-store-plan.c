/* rounds-store-plan.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-store-plan"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rounds-store-plan.h"
#include "rounds-store-private.h"

/**
 * rounds_store_plan_load_section:
 * @completed_at: (out) (optional): when the step was completed, 0 if not
 *
 * Returns: (transfer full) (nullable): the step's answers, or %NULL (and
 *   no error) when the step was never saved. A document that cannot be
 *   read is reported as an error and left untouched in the file.
 */
JsonObject *
rounds_store_plan_load_section (RoundsStore  *self,
                                const char   *section,
                                gint64       *completed_at,
                                GError      **error)
{
  RoundsDbStmt *stmt;
  g_autofree char *data = NULL;
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root;
  int rc;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);
  g_return_val_if_fail (section != NULL, NULL);

  if (completed_at != NULL)
    *completed_at = 0;

  stmt = _rounds_store_prepare (self, "SELECT data, completed_at FROM plan_sections WHERE section = ?",
                                error);
  if (stmt == NULL)
    return NULL;

  _rounds_store_bind_text (stmt, 1, section);
  rc = rounds_db_step (stmt);
  if (rc == ROUNDS_DB_ROW)
    {
      data = g_strdup (_rounds_store_column_text (stmt, 0));
      if (completed_at != NULL)
        *completed_at = rounds_db_column_int64 (stmt, 1);
    }
  rounds_db_reset (stmt);

  if (rc != ROUNDS_DB_ROW && rc != ROUNDS_DB_DONE)
    {
      _rounds_store_set_error (self, rc, error, _("Could not read the plan"));
      return NULL;
    }
  if (data == NULL)
    return NULL;

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, -1, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_CORRUPT,
                   _("This part of the plan could not be read; it has been kept as it was"));
      return NULL;
    }

  return json_object_ref (json_node_get_object (root));
}

/**
 * rounds_store_plan_save_section:
 * @complete: whether the answers pass the step's checks
 *
 * Saves a step's answers as they are, finished or not, so nothing typed
 * is lost. The completion time is set the first time @complete is true,
 * kept while it stays true, and cleared when it is not.
 */
gboolean
rounds_store_plan_save_section (RoundsStore  *self,
                                const char   *section,
                                JsonObject   *data,
                                gboolean      complete,
                                GError      **error)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *text = NULL;
  RoundsDbStmt *stmt;
  gint64 now;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);
  g_return_val_if_fail (section != NULL && data != NULL, FALSE);

  json_node_set_object (node, data);
  text = json_to_string (node, FALSE);
  now = rounds_clock_get_now (rounds_store_get_clock (self));

  stmt = _rounds_store_prepare (self,
                                "INSERT INTO plan_sections (section, data, completed_at, updated_at)"
                                " VALUES (?1, ?2, CASE WHEN ?3 != 0 THEN ?4 END, ?4)"
                                " ON CONFLICT (section) DO UPDATE SET data = ?2,"
                                "  completed_at = CASE WHEN ?3 != 0 THEN coalesce (plan_sections.completed_at, ?4) END,"
                                "  updated_at = ?4",
                                error);
  if (stmt == NULL)
    return FALSE;

  _rounds_store_bind_text (stmt, 1, section);
  _rounds_store_bind_text (stmt, 2, text);
  rounds_db_bind_int (stmt, 3, complete ? 1 : 0);
  rounds_db_bind_int64 (stmt, 4, now);

  return _rounds_store_step_done (self, stmt, error, _("Could not save the plan"));
}

/**
 * rounds_store_plan_dup_done_tasks:
 *
 * Returns: (transfer full): the ids of the checklist items ticked by hand
 *   (utf8 → nothing).
 */
GHashTable *
rounds_store_plan_dup_done_tasks (RoundsStore  *self,
                                  GError      **error)
{
  g_autoptr(GHashTable) done = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  RoundsDbStmt *stmt;
  int rc;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);

  stmt = _rounds_store_prepare (self, "SELECT id FROM plan_tasks WHERE done = 1", error);
  if (stmt == NULL)
    return NULL;

  while ((rc = rounds_db_step (stmt)) == ROUNDS_DB_ROW)
    g_hash_table_add (done, g_strdup (_rounds_store_column_text (stmt, 0)));
  rounds_db_reset (stmt);

  if (rc != ROUNDS_DB_DONE)
    {
      _rounds_store_set_error (self, rc, error, _("Could not read the plan"));
      return NULL;
    }

  return g_steal_pointer (&done);
}

gboolean
rounds_store_plan_set_task_done (RoundsStore  *self,
                                 const char   *task_id,
                                 gboolean      done,
                                 GError      **error)
{
  RoundsDbStmt *stmt;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);
  g_return_val_if_fail (task_id != NULL, FALSE);

  stmt = _rounds_store_prepare (self,
                                "INSERT INTO plan_tasks (id, done, done_at) VALUES (?1, ?2, ?3)"
                                " ON CONFLICT (id) DO UPDATE SET done = ?2, done_at = ?3",
                                error);
  if (stmt == NULL)
    return FALSE;

  _rounds_store_bind_text (stmt, 1, task_id);
  rounds_db_bind_int (stmt, 2, done ? 1 : 0);
  if (done)
    rounds_db_bind_int64 (stmt, 3, rounds_clock_get_now (rounds_store_get_clock (self)));
  else
    rounds_db_bind_null (stmt, 3);

  return _rounds_store_step_done (self, stmt, error, _("Could not save the plan"));
}

static gboolean
check_key (const char  *key,
           GError     **error)
{
  if (!g_str_has_prefix (key, "plan."))
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID,
                   "Plan keys start with “plan.”");
      return FALSE;
    }
  return TRUE;
}

/**
 * rounds_store_plan_dup_value:
 * @key: a key starting with "plan."
 *
 * Returns: (transfer full) (nullable): the value, %NULL if unset.
 */
char *
rounds_store_plan_dup_value (RoundsStore  *self,
                             const char   *key,
                             GError      **error)
{
  RoundsDbStmt *stmt;
  char *value = NULL;
  int rc;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);

  if (!check_key (key, error))
    return NULL;

  stmt = _rounds_store_prepare (self, "SELECT value FROM kv WHERE key = ?", error);
  if (stmt == NULL)
    return NULL;

  _rounds_store_bind_text (stmt, 1, key);
  rc = rounds_db_step (stmt);
  if (rc == ROUNDS_DB_ROW && rounds_db_column_type (stmt, 0) != ROUNDS_DB_NULL)
    value = g_strdup (_rounds_store_column_text (stmt, 0));
  rounds_db_reset (stmt);

  if (rc != ROUNDS_DB_ROW && rc != ROUNDS_DB_DONE)
    _rounds_store_set_error (self, rc, error, _("Could not read the plan"));

  return value;
}

/**
 * rounds_store_plan_set_value:
 * @value: (nullable): %NULL removes the key
 */
gboolean
rounds_store_plan_set_value (RoundsStore  *self,
                             const char   *key,
                             const char   *value,
                             GError      **error)
{
  RoundsDbStmt *stmt;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);

  if (!check_key (key, error))
    return FALSE;

  if (value == NULL)
    stmt = _rounds_store_prepare (self, "DELETE FROM kv WHERE key = ?", error);
  else
    stmt = _rounds_store_prepare (self,
                                  "INSERT INTO kv (key, value) VALUES (?1, ?2)"
                                  " ON CONFLICT (key) DO UPDATE SET value = ?2", error);
  if (stmt == NULL)
    return FALSE;

  _rounds_store_bind_text (stmt, 1, key);
  if (value != NULL)
    _rounds_store_bind_text (stmt, 2, value);

  return _rounds_store_step_done (self, stmt, error, _("Could not save the plan"));
}
