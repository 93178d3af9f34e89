/* rounds-store-audit.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-store"

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "rounds-store-private.h"

/* The audit log: who moved what, when, from which state to which, and
 * the SHA-256 of the text at that moment. Append only (triggers), and
 * tamper-evident: each entry's chain_sha256 is the SHA-256 of the
 * previous entry's chain_sha256 and this entry's own fields, so changing
 * or removing an entry breaks the chain from there on, and
 * rounds_store_check_audit() says where. kv "audit.head" holds the last
 * entry's id and hash, so that removing the newest entries shows too.
 *
 * This is evidence, not a lock: someone who can write the file can
 * rebuild the whole chain. It shows accidental or casual edits and makes
 * a deliberate one take more than an SQL statement. */

#define CHAIN_SQL_COLUMNS "id, at, actor, person_id, entity_type, entity_id, action, from_state," \
                          " to_state, reason, text_sha256, chain_sha256"
/* The fields hashed: every column above but the hash itself. person_id
 * (issue 20) is one of them: an entry names its person by id, beside
 * the name they had then (actor). */
#define CHAIN_FIELDS 11

static void
append_field (GString    *out,
              const char *value)
{
  if (value == NULL)
    g_string_append (out, "-\n");
  else
    g_string_append_printf (out, "%" G_GSIZE_FORMAT ":%s\n", strlen (value), value);
}

/* The hash of one entry: the previous hash, then every field, each with
 * its length (so that no two different entries read the same). */
static char *
chain_hash (const char   *previous,
            RoundsDbStmt *row)
{
  g_autoptr(GString) canonical = g_string_new ("rounds-audit-chain-v2\n");

  append_field (canonical, previous != NULL ? previous : "");
  for (int i = 0; i < CHAIN_FIELDS; i++)
    {
      if (rounds_db_column_type (row, i) == ROUNDS_DB_INTEGER)
        g_string_append_printf (canonical, "%" G_GINT64_FORMAT "\n",
                                (gint64)rounds_db_column_int64 (row, i));
      else
        append_field (canonical, (const char *)rounds_db_column_text (row, i));
    }

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, canonical->str, canonical->len);
}

static gboolean
exec_db (RoundsDb     *db,
         const char  *sql,
         GError     **error)
{
  int rc = _rounds_store_exec_schema (db, sql, NULL);

  if (rc != ROUNDS_DB_OK)
    return _rounds_store_db_error (db, rc, error, _("Could not write the audit log"));
  return TRUE;
}

static gboolean
set_head (RoundsDb     *db,
          gint64       id,
          const char  *hash,
          GError     **error)
{
  RoundsDbStmt *stmt = NULL;
  g_autofree char *value = g_strdup_printf ("%" G_GINT64_FORMAT " %s", id, hash);
  int rc;

  rc = rounds_db_prepare_v2 (db, "INSERT INTO kv (key, value) VALUES ('audit.head', ?)"
                               " ON CONFLICT (key) DO UPDATE SET value = excluded.value", -1,
                           &stmt, NULL);
  if (rc == ROUNDS_DB_OK)
    {
      rounds_db_bind_text (stmt, 1, value, -1, ROUNDS_DB_TRANSIENT);
      rc = rounds_db_step (stmt);
    }
  rounds_db_finalize (stmt);

  if (rc != ROUNDS_DB_DONE)
    return _rounds_store_db_error (db, rc, error, _("Could not write the audit log"));
  return TRUE;
}

/* Migration 2 → 3 (see rounds-store-migrations.c): chains the entries
 * written before the chain existed, oldest first, then puts the
 * no-update trigger back. Inside the migration's transaction. */
gboolean
_rounds_store_chain_audit (RoundsDb  *db,
                           GError  **error)
{
  RoundsDbStmt *select = NULL;
  RoundsDbStmt *update = NULL;
  g_autofree char *previous = NULL;
  gint64 last_id = 0;
  int rc;

  rc = rounds_db_prepare_v2 (db, "SELECT " CHAIN_SQL_COLUMNS " FROM audit_log ORDER BY id", -1,
                           &select, NULL);
  if (rc == ROUNDS_DB_OK)
    rc = rounds_db_prepare_v2 (db, "UPDATE audit_log SET chain_sha256 = ? WHERE id = ?", -1,
                             &update, NULL);

  while (rc == ROUNDS_DB_OK && (rc = rounds_db_step (select)) == ROUNDS_DB_ROW)
    {
      g_autofree char *hash = chain_hash (previous, select);

      last_id = rounds_db_column_int64 (select, 0);
      rounds_db_reset (update);
      rounds_db_bind_text (update, 1, hash, -1, ROUNDS_DB_TRANSIENT);
      rounds_db_bind_int64 (update, 2, last_id);
      rc = rounds_db_step (update);
      if (rc == ROUNDS_DB_DONE)
        rc = ROUNDS_DB_OK;
      g_free (previous);
      previous = g_steal_pointer (&hash);
    }
  rounds_db_finalize (select);
  rounds_db_finalize (update);

  if (rc != ROUNDS_DB_DONE && rc != ROUNDS_DB_OK)
    return _rounds_store_db_error (db, rc, error, _("Could not chain the audit log"));

  if (previous != NULL && !set_head (db, last_id, previous, error))
    return FALSE;

  return exec_db (db, "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log"
                      "  BEGIN SELECT RAISE (ABORT, 'the audit log is append-only'); END;",
                  error);
}

/* Binds an entry's fields in CHAIN_SQL_COLUMNS order, from ?1. */
static void
bind_entry (RoundsDbStmt *stmt,
            gint64        id,
            gint64        at,
            const char   *actor,
            gint64        person_id,
            const char   *entity_type,
            gint64        entity_id,
            const char   *action,
            const char   *from_state,
            const char   *to_state,
            const char   *reason,
            const char   *text_hash)
{
  rounds_db_bind_int64 (stmt, 1, id);
  rounds_db_bind_int64 (stmt, 2, at);
  _rounds_store_bind_text (stmt, 3, actor);
  if (person_id > 0)
    rounds_db_bind_int64 (stmt, 4, person_id);
  else
    rounds_db_bind_null (stmt, 4);
  _rounds_store_bind_text (stmt, 5, entity_type);
  rounds_db_bind_int64 (stmt, 6, entity_id);
  _rounds_store_bind_text (stmt, 7, action);
  _rounds_store_bind_text (stmt, 8, from_state);
  _rounds_store_bind_text (stmt, 9, to_state);
  _rounds_store_bind_text (stmt, 10, reason);
  _rounds_store_bind_text (stmt, 11, text_hash);
}

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
  RoundsDbStmt *stmt;
  g_autofree char *previous = NULL;
  g_autofree char *hash = NULL;
  const char *actor = NULL;
  gint64 person_id = _rounds_store_acting_person (self, &actor);
  gint64 id = 1;
  /* Read once: a second that ticks between hashing and writing would
   * store another time than the one hashed, and break the chain. */
  gint64 now = rounds_clock_get_now (self->clock);
  int rc;

  /* The entry before: its id and hash (none for the first entry). */
  stmt = _rounds_store_prepare (self, "SELECT id, chain_sha256 FROM audit_log"
                                      " ORDER BY id DESC LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  rc = rounds_db_step (stmt);
  if (rc == ROUNDS_DB_ROW)
    {
      id = rounds_db_column_int64 (stmt, 0) + 1;
      previous = g_strdup ((const char *)rounds_db_column_text (stmt, 1));
    }
  rounds_db_reset (stmt);
  if (rc != ROUNDS_DB_ROW && rc != ROUNDS_DB_DONE)
    return _rounds_store_db_error (self->db, rc, error, _("Could not write the audit log"));

  /* Hash exactly what is stored, read back the way the check reads it. */
  stmt = _rounds_store_prepare (self, "SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11", error);
  if (stmt == NULL)
    return FALSE;
  bind_entry (stmt, id, now, actor, person_id, entity_type,
              entity_id, action, from_state, to_state, reason, text_hash);
  if (rounds_db_step (stmt) == ROUNDS_DB_ROW)
    hash = chain_hash (previous, stmt);
  rounds_db_reset (stmt);
  if (hash == NULL)
    return _rounds_store_db_error (self->db, rounds_db_errcode (self->db), error,
                                       _("Could not write the audit log"));

  stmt = _rounds_store_prepare (self,
                                "INSERT INTO audit_log (" CHAIN_SQL_COLUMNS ")"
                                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;

  bind_entry (stmt, id, now, actor, person_id, entity_type,
              entity_id, action, from_state, to_state, reason, text_hash);
  _rounds_store_bind_text (stmt, 12, hash);

  if (!_rounds_store_step_done (self, stmt, error, _("Could not write the audit log")))
    return FALSE;

  return set_head (self->db, id, hash, error);
}

void
rounds_audit_check_clear (RoundsAuditCheck *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->problem, g_free);
  memset (result, 0, sizeof *result);
}

static void
set_broken (RoundsAuditCheck *result,
            gint64            id,
            gint64            at,
            char             *problem)
{
  g_autoptr(GDateTime) when = at > 0 ? g_date_time_new_from_unix_local (at) : NULL;
  g_autofree char *date = when != NULL ? g_date_time_format (when, "%x %H:%M") : NULL;

  result->intact = FALSE;
  result->broken_id = id;
  result->broken_at = at;
  if (date != NULL)
    {
      /* TRANSLATORS: "Entry 57 (written 03/02/26 14:02): its contents …" */
      result->problem = g_strdup_printf (_("Entry %" PRId64 " (written %s): %s"), id,
                                         date, problem);
      g_free (problem);
    }
  else
    result->problem = problem;
}

/* The check over a connection, for rounds_store_check_audit() and for
 * moving a practice to a server (before its transaction commits). */
gboolean
_rounds_store_check_audit_db (RoundsDb          *db,
                              RoundsAuditCheck  *result,
                              GError           **error)
{
  RoundsDbStmt *stmt = NULL;
  g_autofree char *previous = NULL;
  g_autofree char *head = NULL;
  gint64 previous_id = 0;
  int rc;

  memset (result, 0, sizeof *result);
  result->intact = TRUE;

  rc = rounds_db_prepare_v2 (db, "SELECT value FROM kv WHERE key = 'audit.head'", -1, &stmt,
                             NULL);
  if (rc != ROUNDS_DB_OK)
    return _rounds_store_db_error (db, rc, error, _("Could not read the audit log"));
  if (rounds_db_step (stmt) == ROUNDS_DB_ROW)
    head = g_strdup (_rounds_store_column_text (stmt, 0));
  rounds_db_finalize (stmt);

  rc = rounds_db_prepare_v2 (db, "SELECT " CHAIN_SQL_COLUMNS " FROM audit_log ORDER BY id", -1,
                             &stmt, NULL);
  if (rc != ROUNDS_DB_OK)
    return _rounds_store_db_error (db, rc, error, _("Could not read the audit log"));

  while ((rc = rounds_db_step (stmt)) == ROUNDS_DB_ROW)
    {
      gint64 id = rounds_db_column_int64 (stmt, 0);
      gint64 at = rounds_db_column_int64 (stmt, 1);
      const char *stored = (const char *)rounds_db_column_text (stmt, CHAIN_FIELDS);
      g_autofree char *expected = chain_hash (previous, stmt);

      result->n_entries++;
      if (result->intact)
        {
          if (stored == NULL)
            set_broken (result, id, at, g_strdup (_("it has no fingerprint: it was added outside "
                                                    "Rounds")));
          else if (g_strcmp0 (stored, expected) != 0)
            {
              if (previous_id != 0 && id != previous_id + 1)
                set_broken (result, id, at,
                            g_strdup_printf (_("the entries between %" PRId64 " and "
                                               "this one were removed"), previous_id));
              else if (previous_id == 0 && id != 1)
                set_broken (result, id, at, g_strdup (_("the entries before this one were "
                                                        "removed")));
              else
                set_broken (result, id, at, g_strdup (_("its contents do not match its "
                                                        "fingerprint: it was changed after it "
                                                        "was written")));
            }
        }

      g_free (previous);
      /* Go on from what is stored, so that one changed entry is reported
       * once and not every entry after it. */
      previous = g_strdup (stored != NULL ? stored : expected);
      previous_id = id;
    }
  rounds_db_finalize (stmt);

  if (rc != ROUNDS_DB_DONE)
    {
      rounds_audit_check_clear (result);
      return _rounds_store_db_error (db, rc, error, _("Could not read the audit log"));
    }

  /* The newest entries removed: the chain ends before the recorded head. */
  if (result->intact && head != NULL)
    {
      gint64 head_id = g_ascii_strtoll (head, NULL, 10);
      const char *head_hash = strchr (head, ' ');

      if (head_id > previous_id ||
          (head_id == previous_id && (head_hash == NULL || g_strcmp0 (head_hash + 1, previous) != 0)))
        {
          result->intact = FALSE;
          result->broken_id = previous_id + 1;
          result->problem = g_strdup_printf (_("The newest entries, from %" PRId64
                                               " on, were removed or changed"),
                                             MIN (previous_id + 1, head_id));
        }
    }

  g_debug ("Audit log checked: %u entries, %s", result->n_entries,
           result->intact ? "intact" : "broken");
  return TRUE;
}

/**
 * rounds_store_check_audit:
 * @result: (out caller-allocates): filled in; clear it with
 *   rounds_audit_check_clear()
 *
 * Walks the audit log oldest first and recomputes its hash chain. Where
 * it breaks, @result names the first entry that does not fit and what is
 * wrong there: changed after it was written, entries missing before it,
 * an entry added without its hash, or the newest entries removed.
 *
 * Returns: %FALSE only when the log could not be read; a broken chain is
 *   a %TRUE return with @result->intact %FALSE.
 */
gboolean
rounds_store_check_audit (RoundsStore       *self,
                          RoundsAuditCheck  *result,
                          GError           **error)
{
  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  memset (result, 0, sizeof *result);
  result->intact = TRUE;
  if (!_rounds_store_ensure_open (self, error))
    return FALSE;
  return _rounds_store_check_audit_db (self->db, result, error);
}

/* At open: check once, keep the result for the window to show. */
void
_rounds_store_check_audit_at_open (RoundsStore *self)
{
  g_autoptr(GError) error = NULL;

  rounds_audit_check_clear (&self->audit_check);
  if (!rounds_store_check_audit (self, &self->audit_check, &error))
    g_debug ("Could not check the audit log: %s", error->message);
}

/**
 * rounds_store_get_audit_check:
 *
 * Returns: (transfer none): the audit log as checked when the store was
 *   opened (intact is %TRUE when it could not be checked).
 */
const RoundsAuditCheck *
rounds_store_get_audit_check (RoundsStore *self)
{
  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);
  return &self->audit_check;
}

static gpointer
audit_entry_from_row (RoundsStore  *self,
                      RoundsDbStmt *stmt)
{
  return g_object_new (ROUNDS_TYPE_AUDIT_ENTRY,
                       "id", rounds_db_column_int64 (stmt, 0),
                       "at", rounds_db_column_int64 (stmt, 1),
                       "actor", _rounds_store_column_text (stmt, 2),
                       "entity-type", _rounds_store_column_text (stmt, 3),
                       "entity-id", rounds_db_column_int64 (stmt, 4),
                       "action", _rounds_store_column_text (stmt, 5),
                       "from-state", (const char *)rounds_db_column_text (stmt, 6),
                       "to-state", (const char *)rounds_db_column_text (stmt, 7),
                       "reason", (const char *)rounds_db_column_text (stmt, 8),
                       "text-hash", (const char *)rounds_db_column_text (stmt, 9),
                       "person-id", rounds_db_column_int64 (stmt, 10),
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
  RoundsDbStmt *stmt;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);

  if (!_rounds_store_ensure_open (self, error))
    return NULL;

  stmt = _rounds_store_prepare (self, "SELECT id, at, actor, entity_type, entity_id, action,"
                                      " from_state, to_state, reason, text_sha256, person_id"
                                      " FROM audit_log WHERE entity_type = ? AND entity_id = ?"
                                      " ORDER BY id", error);
  if (stmt == NULL)
    return NULL;

  _rounds_store_bind_text (stmt, 1, entity_type);
  rounds_db_bind_int64 (stmt, 2, entity_id);

  rows = _rounds_store_read_rows (self, stmt, audit_entry_from_row, g_object_unref,
                                  error, _("Could not read the history"));
  if (rows == NULL)
    return NULL;

  entries = g_list_store_new (ROUNDS_TYPE_AUDIT_ENTRY);
  g_list_store_splice (entries, 0, 0, rows->pdata, rows->len);
  return G_LIST_MODEL (entries);
}
