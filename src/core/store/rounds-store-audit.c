/* rounds-store-audit.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rounds-store-private.h"

/* The audit log: who moved what, when, from which state to which, and
 * the SHA-256 of the text at that moment. Append only. */

gboolean
_rounds_store_write_audit (RoundsStore  *self,
                           const char   *entity_type,
                           gint64        entity_id,
                           const char   *action,
                           const char   *from_state,
                           const char   *to_state,
                           const char   *reason,
                           const char   *text_hash,
                           GError      **error)
{
  sqlite3_stmt *stmt;

  stmt = _rounds_store_prepare (self,
                                "INSERT INTO audit_log (at, actor, entity_type, entity_id, action, from_state,"
                                " to_state, reason, text_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, rounds_clock_get_now (self->clock));
  _rounds_store_bind_text (stmt, 2, self->actor);
  _rounds_store_bind_text (stmt, 3, entity_type);
  sqlite3_bind_int64 (stmt, 4, entity_id);
  _rounds_store_bind_text (stmt, 5, action);
  _rounds_store_bind_text (stmt, 6, from_state);
  _rounds_store_bind_text (stmt, 7, to_state);
  _rounds_store_bind_text (stmt, 8, reason);
  _rounds_store_bind_text (stmt, 9, text_hash);

  return _rounds_store_step_done (self, stmt, error, _("Could not write the audit log"));
}

static gpointer
audit_entry_from_row (RoundsStore  *self,
                      sqlite3_stmt *stmt)
{
  return g_object_new (ROUNDS_TYPE_AUDIT_ENTRY,
                       "id", sqlite3_column_int64 (stmt, 0),
                       "at", sqlite3_column_int64 (stmt, 1),
                       "actor", _rounds_store_column_text (stmt, 2),
                       "entity-type", _rounds_store_column_text (stmt, 3),
                       "entity-id", sqlite3_column_int64 (stmt, 4),
                       "action", _rounds_store_column_text (stmt, 5),
                       "from-state", (const char *)sqlite3_column_text (stmt, 6),
                       "to-state", (const char *)sqlite3_column_text (stmt, 7),
                       "reason", (const char *)sqlite3_column_text (stmt, 8),
                       "text-hash", (const char *)sqlite3_column_text (stmt, 9),
                       NULL);
}

/**
 * rounds_store_list_audit:
 * @entity_type: "post", "practice", …
 *
 * Returns: (transfer full): the entity's history, oldest first.
 */
GListModel *
rounds_store_list_audit (RoundsStore  *self,
                         const char   *entity_type,
                         gint64        entity_id,
                         GError      **error)
{
  GListStore *entries;
  g_autoptr(GPtrArray) rows = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);

  if (!_rounds_store_ensure_open (self, error))
    return NULL;

  stmt = _rounds_store_prepare (self, "SELECT id, at, actor, entity_type, entity_id, action,"
                                      " from_state, to_state, reason, text_sha256 FROM audit_log"
                                      " WHERE entity_type = ? AND entity_id = ? ORDER BY id", error);
  if (stmt == NULL)
    return NULL;

  _rounds_store_bind_text (stmt, 1, entity_type);
  sqlite3_bind_int64 (stmt, 2, entity_id);

  rows = _rounds_store_read_rows (self, stmt, audit_entry_from_row, g_object_unref,
                                  error, _("Could not read the history"));
  if (rows == NULL)
    return NULL;

  entries = g_list_store_new (ROUNDS_TYPE_AUDIT_ENTRY);
  g_list_store_splice (entries, 0, 0, rows->pdata, rows->len);
  return G_LIST_MODEL (entries);
}
