/* rounds-store-people.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <sys/random.h>

#include "rounds-pq.h"

#include "rounds-pin.h"
#include "rounds-store-people.h"
#include "rounds-store-private.h"

/* People (issue 20): the practice's staff with roles, the person at the
 * desk, approvers' PINs and the signature an approval needs.
 *
 * - A practice with no people works as before issue 20 (one person, one
 *   PC): anyone at the desk approves. As soon as it has an active
 *   person, approving a post or a reply and keeping a finding need a
 *   signature: rounds_store_sign() with an active approver's (or
 *   manager's) PIN. The check is here, in the store, for every way in
 *   (rounds_store_approve_post(), rounds_store_set_post_status() to
 *   approved, keeping findings, rounds_store_approve_reply()), not only
 *   in the dialogs.
 * - Audit entries name a person by id and by the name they had then: the
 *   signer while a signature holds, else the person at the desk.
 * - Adding people, changing roles and PINs takes a manager who unlocked
 *   People with their PIN (rounds_store_unlock_people()); while no active
 *   manager has a PIN (a new or just-migrated practice) anyone may, so
 *   that someone can name the first manager.
 * - People are never deleted, only deactivated: audit entries point at
 *   them.
 *
 * Nothing here is SQLite-specific beyond the statement helpers; the SQL
 * is the subset a second store (issue 20's PostgreSQL) accepts, except
 * the migration's json_each(). */

struct _RoundsStorePeople
{
  GListStore *people;           /* RoundsPerson, by id */
  gint64      desk_id;
  gint64      signer_id;
  gint64      signed_until;
  gint64      unlocked_by;      /* the manager who unlocked People */
  gint64      session_id;       /* on a server: the person whose own login this is */
};

G_DEFINE_QUARK (rounds-people-error-quark, rounds_people_error)

/* ------------------------------------------------------------------ */
/* Migration (2 → 3)                                                    */

/* Builds the people table and turns the practice's staff list into
 * people, then every name in the audit log that is not on it (entries
 * written under a name typed in Preferences), and points each audit
 * entry at its person. Run inside the migration's transaction, before
 * the audit log is chained, so the chain covers person_id. */
gboolean
_rounds_store_migrate_people (RoundsDb  *db,
                              GError  **error)
{
  static const char *sql =
    "CREATE TABLE people ("
    "  id INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL CHECK (length (trim (name)) > 0),"
    "  role TEXT NOT NULL DEFAULT 'writer' CHECK (role IN ('writer','approver','manager')),"
    "  job_title TEXT NOT NULL DEFAULT '',"
    "  active INTEGER NOT NULL DEFAULT 1,"
    "  pin_hash TEXT,"
    "  pin_failures INTEGER NOT NULL DEFAULT 0,"
    "  pin_locked_until INTEGER NOT NULL DEFAULT 0,"
    "  created_at INTEGER NOT NULL,"
    "  updated_at INTEGER NOT NULL,"
    "  login TEXT UNIQUE"             /* the person's own database login (a server only) */
    ");"
    "CREATE UNIQUE INDEX people_name ON people (lower (name)) WHERE active != 0;"
    "ALTER TABLE audit_log ADD COLUMN person_id INTEGER REFERENCES people (id);";
  /* Rows an older version left: never on a server, whose schema is
   * always made new (a practice moves there at the current version). */
  static const char *legacy_sql =
    /* The staff list, in its order; the free-text role is kept as the
     * job title and read for a first guess at the access role. */
    "INSERT INTO people (name, role, job_title, created_at, updated_at)"
    "  SELECT name, CASE"
    "      WHEN lower (title) LIKE '%manager%' OR lower (title) LIKE '%admin%' THEN 'manager'"
    "      WHEN lower (title) LIKE '%approv%' OR lower (title) LIKE '%physician%'"
    "        OR lower (title) LIKE '%doctor%' OR lower (title) LIKE '%dentist%'"
    "        OR lower (title) LIKE '%owner%' OR lower (name) LIKE 'dr.%'"
    "        OR lower (name) LIKE 'dr %' THEN 'approver'"
    "      ELSE 'writer' END,"
    "    title, CAST (strftime ('%s', 'now') AS INTEGER), CAST (strftime ('%s', 'now') AS INTEGER)"
    "  FROM (SELECT trim (json_extract (s.value, '$.name')) AS name,"
    "               trim (coalesce (json_extract (s.value, '$.role'), '')) AS title,"
    "               min (CAST (s.key AS INTEGER)) AS k"
    "        FROM practice, json_each (CASE WHEN json_valid (practice.staff)"
    "                                   THEN practice.staff ELSE '[]' END) AS s"
    "        WHERE length (trim (coalesce (json_extract (s.value, '$.name'), ''))) > 0"
    "        GROUP BY lower (trim (json_extract (s.value, '$.name'))))"
    "  ORDER BY k;"
    /* Names in the audit log that are not on the staff list. */
    "INSERT INTO people (name, role, job_title, created_at, updated_at)"
    "  SELECT trim (actor), 'writer', '', CAST (strftime ('%s', 'now') AS INTEGER),"
    "         CAST (strftime ('%s', 'now') AS INTEGER)"
    "  FROM audit_log WHERE length (trim (actor)) > 0"
    "    AND lower (trim (actor)) NOT IN (SELECT lower (name) FROM people)"
    "  GROUP BY lower (trim (actor)) ORDER BY min (id);"
    "UPDATE audit_log SET person_id = (SELECT id FROM people"
    "                                  WHERE lower (people.name) = lower (trim (audit_log.actor)));";
  char *errmsg = NULL;
  int rc = _rounds_store_exec_schema (db, sql, &errmsg);

  if (rc == ROUNDS_DB_OK && rounds_db_is_sqlite (db))
    rc = rounds_db_exec (db, legacy_sql, NULL, NULL, &errmsg);

  if (rc != ROUNDS_DB_OK)
    {
      g_debug ("People migration: %s", errmsg != NULL ? errmsg : "");
      rounds_db_free (errmsg);
      return _rounds_store_db_error (db, rc, error, _("Could not turn the staff list into "
                                                          "people"));
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Reading                                                              */

void
_rounds_store_people_free (RoundsStorePeople *people)
{
  if (people == NULL)
    return;
  g_clear_object (&people->people);
  g_free (people);
}

static gpointer
update_person_of_row (RoundsStore  *self,
                      RoundsDbStmt *stmt)
{
  RoundsStorePeople *state = self->people;
  gint64 id = rounds_db_column_int64 (stmt, 0);
  RoundsPersonRole role = ROUNDS_PERSON_ROLE_WRITER;
  RoundsPerson *person = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (state->people));

  for (guint i = 0; i < n && person == NULL; i++)
    {
      g_autoptr(RoundsPerson) item = g_list_model_get_item (G_LIST_MODEL (state->people), i);

      if (rounds_person_get_id (item) == id)
        person = item;
    }

  rounds_person_role_from_string (_rounds_store_column_text (stmt, 2), &role);
  if (person == NULL)
    {
      g_autoptr(RoundsPerson) created = _rounds_person_new (id);

      _rounds_person_update (created, _rounds_store_column_text (stmt, 1), role,
                             _rounds_store_column_text (stmt, 3), rounds_db_column_int (stmt, 4),
                             rounds_db_column_int (stmt, 5));
      _rounds_person_set_login (created, (const char *)rounds_db_column_text (stmt, 6));
      g_list_store_append (state->people, created);
      return NULL;
    }

  _rounds_person_update (person, _rounds_store_column_text (stmt, 1), role,
                         _rounds_store_column_text (stmt, 3), rounds_db_column_int (stmt, 4),
                         rounds_db_column_int (stmt, 5));
  _rounds_person_set_login (person, (const char *)rounds_db_column_text (stmt, 6));
  return NULL;
}

/* On a server, the person whose own login this connection uses
 * ("Database logins" below); none on SQLite or with the practice's
 * shared login. */
static gboolean
read_session_person (RoundsStore  *self,
                     GError      **error)
{
  RoundsDbStmt *stmt;
  int rc;

  self->people->session_id = 0;
  if (rounds_db_is_sqlite (self->db))
    return TRUE;

  stmt = _rounds_store_prepare (self, "SELECT id FROM people WHERE login = current_user"
                                      " AND active != 0", error);
  if (stmt == NULL)
    return FALSE;
  rc = rounds_db_step (stmt);
  if (rc == ROUNDS_DB_ROW)
    self->people->session_id = rounds_db_column_int64 (stmt, 0);
  rounds_db_reset (stmt);
  if (rc != ROUNDS_DB_ROW && rc != ROUNDS_DB_DONE)
    return _rounds_store_db_error (self->db, rc, error, _("Could not read who is signed in"));
  return TRUE;
}

/* Reads the people table into the list (updating the objects in place)
 * and, the first time, the person at the desk. */
static gboolean
reload_people (RoundsStore  *self,
               GError      **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  RoundsDbStmt *stmt;
  guint n;

  if (!_rounds_store_ensure_open (self, error))
    return FALSE;

  stmt = _rounds_store_prepare (self, "SELECT id, name, role, job_title, active,"
                                      " pin_hash IS NOT NULL, login FROM people ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  rows = _rounds_store_read_rows (self, stmt, update_person_of_row, NULL, error,
                                  _("Could not read the people"));
  if (rows != NULL && !read_session_person (self, error))
    return FALSE;
  /* Lists bound to people redraw from them (a few rows); new people
   * were appended (and announced) above. */
  n = g_list_model_get_n_items (G_LIST_MODEL (self->people->people));
  if (n > 0)
    g_list_model_items_changed (G_LIST_MODEL (self->people->people), 0, n, n);
  return rows != NULL;
}

/* Another PC changed someone (or the connection came back): read the
 * people again if they were read at all. */
gboolean
_rounds_store_reload_people (RoundsStore  *self,
                             GError      **error)
{
  if (self->people == NULL)
    return TRUE;
  return reload_people (self, error);
}

static RoundsStorePeople *
ensure_people (RoundsStore *self)
{
  g_autoptr(GError) error = NULL;
  RoundsDbStmt *stmt;

  if (self->people != NULL)
    return self->people;

  self->people = g_new0 (RoundsStorePeople, 1);
  self->people->people = g_list_store_new (ROUNDS_TYPE_PERSON);
  if (!reload_people (self, &error))
    {
      g_debug ("Could not read the people: %s", error->message);
      return self->people;
    }

  /* Signed in with their own login on a server: that person, always. */
  if (self->people->session_id != 0)
    self->people->desk_id = self->people->session_id;

  /* The person at the desk, as left at the last run. */
  stmt = self->people->desk_id != 0
           ? NULL : _rounds_store_prepare (self, "SELECT value FROM kv WHERE key = 'desk.person'",
                                           NULL);
  if (stmt != NULL)
    {
      if (rounds_db_step (stmt) == ROUNDS_DB_ROW)
        {
          RoundsPerson *person = rounds_store_lookup_person (self,
                                   g_ascii_strtoll (_rounds_store_column_text (stmt, 0), NULL, 10));

          if (person != NULL && rounds_person_get_active (person))
            self->people->desk_id = rounds_person_get_id (person);
        }
      rounds_db_reset (stmt);
    }

  /* Else the person whose name is the one given in Preferences, else the
   * first manager, else the first person. */
  if (self->people->desk_id == 0)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->people->people));
      gint64 by_name = 0, manager = 0, first = 0;

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(RoundsPerson) person = g_list_model_get_item (G_LIST_MODEL (self->people->people),
                                                                  i);
          g_autofree char *a = g_utf8_casefold (rounds_person_get_name (person), -1);
          g_autofree char *b = g_utf8_casefold (self->actor != NULL ? self->actor : "", -1);

          if (!rounds_person_get_active (person))
            continue;
          if (by_name == 0 && g_str_equal (a, b))
            by_name = rounds_person_get_id (person);
          if (manager == 0 && rounds_person_can_manage (person))
            manager = rounds_person_get_id (person);
          if (first == 0)
            first = rounds_person_get_id (person);
        }
      self->people->desk_id = by_name != 0 ? by_name : manager != 0 ? manager : first;
    }

  if (self->people->desk_id != 0)
    rounds_store_set_actor (self,
                            rounds_person_get_name (rounds_store_lookup_person (self,
                                                                                self->people->desk_id)));
  return self->people;
}

/**
 * rounds_store_get_people:
 *
 * Returns: (transfer none): every person, active or not, oldest first.
 *   Items are updated in place when a person changes.
 */
GListModel *
rounds_store_get_people (RoundsStore *self)
{
  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);
  return G_LIST_MODEL (ensure_people (self)->people);
}

/**
 * rounds_store_lookup_person:
 *
 * Returns: (transfer none) (nullable): the person with @id.
 */
RoundsPerson *
rounds_store_lookup_person (RoundsStore *self,
                            gint64       id)
{
  GListModel *people;
  guint n;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);

  people = rounds_store_get_people (self);
  n = g_list_model_get_n_items (people);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RoundsPerson) person = g_list_model_get_item (people, i);

      if (rounds_person_get_id (person) == id)
        return person;   /* the list keeps its reference */
    }
  return NULL;
}

static guint
count_people (RoundsStore *self,
              gboolean     (*matches) (RoundsPerson *person))
{
  GListModel *people = rounds_store_get_people (self);
  guint n = g_list_model_get_n_items (people);
  guint count = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RoundsPerson) person = g_list_model_get_item (people, i);

      count += matches (person) ? 1 : 0;
    }
  return count;
}

static gboolean
is_manager_with_pin (RoundsPerson *person)
{
  return rounds_person_can_manage (person) && rounds_person_get_has_pin (person);
}

/**
 * rounds_store_has_people:
 *
 * Returns: whether the practice has an active person. From then on
 *   approvals need an approver's PIN (rounds_store_needs_signature()).
 */
gboolean
rounds_store_has_people (RoundsStore *self)
{
  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);
  return count_people (self, rounds_person_get_active) > 0;
}

/* ------------------------------------------------------------------ */
/* Managing people                                                      */

/**
 * rounds_store_can_manage_people:
 *
 * Returns: whether people may be added and changed now: a manager
 *   unlocked People with their PIN, or no active manager has a PIN yet.
 */
gboolean
rounds_store_can_manage_people (RoundsStore *self)
{
  RoundsStorePeople *state;
  RoundsPerson *manager;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);

  state = ensure_people (self);
  /* Signed in with their own login: their role says it (and the server
   * checks it again, PG_RIGHTS_SQL). */
  if (state->session_id != 0)
    {
      manager = rounds_store_lookup_person (self, state->session_id);
      return manager != NULL && rounds_person_can_manage (manager);
    }
  if (count_people (self, is_manager_with_pin) == 0)
    return TRUE;

  manager = state->unlocked_by != 0 ? rounds_store_lookup_person (self, state->unlocked_by) : NULL;
  return manager != NULL && rounds_person_can_manage (manager);
}

static gboolean
require_manager (RoundsStore  *self,
                 GError      **error)
{
  if (rounds_store_can_manage_people (self))
    return TRUE;
  if (self->people->session_id != 0)
    {
      g_set_error_literal (error, ROUNDS_PEOPLE_ERROR, ROUNDS_PEOPLE_ERROR_NOT_ALLOWED,
                           _("Only a manager can change people. You are signed in without the "
                             "manager role."));
      return FALSE;
    }
  g_set_error_literal (error, ROUNDS_PEOPLE_ERROR, ROUNDS_PEOPLE_ERROR_NOT_ALLOWED,
                       _("Only a manager can change people. Unlock People with a manager’s PIN."));
  return FALSE;
}

static char *
clean_name (const char  *name,
            GError     **error)
{
  char *clean = g_strstrip (g_strdup (name != NULL ? name : ""));

  if (clean[0] == '\0' || !g_utf8_validate (clean, -1, NULL) || g_utf8_strlen (clean, -1) > 80)
    {
      g_set_error_literal (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID,
                           _("Give the person a name of up to 80 characters"));
      g_free (clean);
      return NULL;
    }
  return clean;
}

static gboolean
name_taken (RoundsStore *self,
            const char  *name,
            gint64       except_id)
{
  GListModel *people = rounds_store_get_people (self);
  g_autofree char *key = g_utf8_casefold (name, -1);
  guint n = g_list_model_get_n_items (people);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RoundsPerson) person = g_list_model_get_item (people, i);
      g_autofree char *other = g_utf8_casefold (rounds_person_get_name (person), -1);

      if (rounds_person_get_id (person) != except_id && rounds_person_get_active (person) &&
          g_str_equal (key, other))
        return TRUE;
    }
  return FALSE;
}

static gboolean
check_name_free (RoundsStore  *self,
                 const char   *name,
                 gint64        except_id,
                 GError      **error)
{
  if (!name_taken (self, name, except_id))
    return TRUE;
  g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID,
               _("There is already someone called “%s”"), name);
  return FALSE;
}

static gboolean sync_login (RoundsStore  *self,
                            gint64        id,
                            GError      **error);

/* One UPDATE of one person with its audit entry, in a transaction. The
 * audit entry ("person", id) records what changed, never a PIN. On a
 * server, the person's own login follows their role and whether they
 * are active, in the same transaction (sync_login()). */
static gboolean
update_person (RoundsStore  *self,
               gint64        id,
               const char   *sql,
               const char   *text,
               gint64        number,
               const char   *action,
               const char   *from_state,
               const char   *to_state,
               GError      **error)
{
  RoundsDbStmt *stmt;

  if (!_rounds_store_begin (self, error))
    return FALSE;

  stmt = _rounds_store_prepare (self, sql, error);
  if (stmt == NULL)
    goto fail;
  _rounds_store_bind_text (stmt, 1, text);
  rounds_db_bind_int64 (stmt, 2, number);
  rounds_db_bind_int64 (stmt, 3, rounds_clock_get_now (self->clock));
  rounds_db_bind_int64 (stmt, 4, id);
  if (!_rounds_store_step_done (self, stmt, error, _("Could not save the change to this person")) ||
      !sync_login (self, id, error) ||
      !_rounds_store_write_audit (self, "person", id, action, from_state, to_state, NULL, NULL,
                                  error) ||
      !_rounds_store_commit (self, error))
    goto fail;

  return reload_people (self, error);

fail:
  _rounds_store_rollback (self);
  return FALSE;
}

static RoundsPerson *
require_person (RoundsStore  *self,
                gint64        id,
                GError      **error)
{
  RoundsPerson *person = rounds_store_lookup_person (self, id);

  if (person == NULL)
    g_set_error_literal (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_NOT_FOUND,
                         _("This person is not in the practice’s list"));
  return person;
}

/**
 * rounds_store_add_person:
 *
 * Adds an active person with @role and no PIN. Needs a manager
 * (rounds_store_can_manage_people()).
 *
 * Returns: (transfer none) (nullable): the new person.
 */
RoundsPerson *
rounds_store_add_person (RoundsStore       *self,
                         const char        *name,
                         RoundsPersonRole   role,
                         GError           **error)
{
  g_autofree char *clean = NULL;
  RoundsDbStmt *stmt;
  gint64 now, id;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);
  g_return_val_if_fail (role <= ROUNDS_PERSON_ROLE_LAST, NULL);

  if (!require_manager (self, error) || (clean = clean_name (name, error)) == NULL ||
      !check_name_free (self, clean, 0, error))
    return NULL;

  now = rounds_clock_get_now (self->clock);
  if (!_rounds_store_begin (self, error))
    return NULL;
  stmt = _rounds_store_prepare (self, "INSERT INTO people (name, role, created_at, updated_at)"
                                      " VALUES (?, ?, ?, ?)", error);
  if (stmt == NULL)
    goto fail;
  _rounds_store_bind_text (stmt, 1, clean);
  _rounds_store_bind_text (stmt, 2, rounds_person_role_to_string (role));
  rounds_db_bind_int64 (stmt, 3, now);
  rounds_db_bind_int64 (stmt, 4, now);
  if (!_rounds_store_step_done (self, stmt, error, _("Could not add this person")))
    goto fail;
  id = _rounds_store_last_insert_rowid (self);
  if (!_rounds_store_write_audit (self, "person", id, "added", NULL,
                                  rounds_person_role_to_string (role), clean, NULL, error) ||
      !_rounds_store_commit (self, error))
    goto fail;

  if (!reload_people (self, error))
    return NULL;
  return rounds_store_lookup_person (self, id);

fail:
  _rounds_store_rollback (self);
  return NULL;
}

/**
 * rounds_store_rename_person:
 *
 * Renames a person. Audit entries written before keep the old name (the
 * name at the time) and the same person id.
 */
gboolean
rounds_store_rename_person (RoundsStore  *self,
                            gint64        id,
                            const char   *name,
                            GError      **error)
{
  g_autofree char *clean = NULL;
  RoundsPerson *person;
  g_autofree char *old = NULL;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);

  if (!require_manager (self, error) || (person = require_person (self, id, error)) == NULL ||
      (clean = clean_name (name, error)) == NULL || !check_name_free (self, clean, id, error))
    return FALSE;
  if (g_str_equal (clean, rounds_person_get_name (person)))
    return TRUE;

  old = g_strdup (rounds_person_get_name (person));
  if (!update_person (self, id, "UPDATE people SET name = ?1, updated_at = ?3 WHERE id = ?4",
                      clean, 0, "renamed", old, clean, error))
    return FALSE;

  if (self->people->desk_id == id)
    rounds_store_set_actor (self, clean);
  return TRUE;
}

static gboolean
is_active_manager (RoundsPerson *person)
{
  return rounds_person_can_manage (person);
}

/* Keeps at least one active manager once there is one. */
static gboolean
check_keeps_a_manager (RoundsStore   *self,
                       RoundsPerson  *person,
                       GError       **error)
{
  if (!rounds_person_can_manage (person) || count_people (self, is_active_manager) > 1)
    return TRUE;
  g_set_error_literal (error, ROUNDS_PEOPLE_ERROR, ROUNDS_PEOPLE_ERROR_NOT_ALLOWED,
                       _("The practice needs at least one manager. Make someone else a manager "
                         "first."));
  return FALSE;
}

gboolean
rounds_store_set_person_role (RoundsStore       *self,
                              gint64             id,
                              RoundsPersonRole   role,
                              GError           **error)
{
  RoundsPerson *person;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);
  g_return_val_if_fail (role <= ROUNDS_PERSON_ROLE_LAST, FALSE);

  if (!require_manager (self, error) || (person = require_person (self, id, error)) == NULL)
    return FALSE;
  if (rounds_person_get_role (person) == role)
    return TRUE;
  if (role != ROUNDS_PERSON_ROLE_MANAGER && !check_keeps_a_manager (self, person, error))
    return FALSE;

  return update_person (self, id, "UPDATE people SET role = ?1, updated_at = ?3 WHERE id = ?4",
                        rounds_person_role_to_string (role), 0, "role",
                        rounds_person_role_to_string (rounds_person_get_role (person)),
                        rounds_person_role_to_string (role), error);
}

/**
 * rounds_store_set_person_active:
 *
 * Deactivates a person who left (they stay in the list and in the audit
 * log, cannot be chosen at the desk and cannot approve), or takes them
 * back.
 */
gboolean
rounds_store_set_person_active (RoundsStore  *self,
                                gint64        id,
                                gboolean      active,
                                GError      **error)
{
  RoundsPerson *person;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);

  if (!require_manager (self, error) || (person = require_person (self, id, error)) == NULL)
    return FALSE;
  if (rounds_person_get_active (person) == !!active)
    return TRUE;
  if (!active && !check_keeps_a_manager (self, person, error))
    return FALSE;
  if (active && !check_name_free (self, rounds_person_get_name (person), id, error))
    return FALSE;

  if (!update_person (self, id, "UPDATE people SET active = ?2, updated_at = ?3 WHERE id = ?4",
                      NULL, active ? 1 : 0, active ? "reactivated" : "deactivated", NULL, NULL,
                      error))
    return FALSE;

  if (!active && self->people->desk_id == id)
    {
      self->people->desk_id = 0;
      rounds_store_set_actor (self, NULL);
    }
  if (!active && self->people->signer_id == id)
    rounds_store_release_signature (self);
  return TRUE;
}

/**
 * rounds_store_set_person_pin:
 * @pin: (nullable): 4 to 8 digits; %NULL takes the PIN away
 *
 * Sets or resets a person's PIN (a manager's job). The PIN is hashed
 * (rounds_pin_hash()) and any back-off from wrong PINs is cleared.
 */
gboolean
rounds_store_set_person_pin (RoundsStore  *self,
                             gint64        id,
                             const char   *pin,
                             GError      **error)
{
  g_autofree char *hash = NULL;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);

  if (!require_manager (self, error) || require_person (self, id, error) == NULL)
    return FALSE;
  if (pin != NULL && (hash = rounds_pin_hash (pin, error)) == NULL)
    return FALSE;

  return update_person (self, id, "UPDATE people SET pin_hash = ?1, pin_failures = 0,"
                                  " pin_locked_until = ?2, updated_at = ?3 WHERE id = ?4",
                        hash, 0, hash != NULL ? "pin-set" : "pin-removed", NULL, NULL, error);
}

/* ------------------------------------------------------------------ */
/* PINs                                                                 */

static char *
seconds_text (gint64 seconds)
{
  if (seconds >= 60)
    {
      gint64 minutes = (seconds + 59) / 60;

      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minute", "%d minutes", minutes),
                              (int)minutes);
    }
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d second", "%d seconds", seconds),
                          (int)seconds);
}

/* Checks @pin against @person's hash, with the back-off: after
 * ROUNDS_PIN_FREE_TRIES wrong PINs in a row, each further try waits,
 * 30 s doubling up to 5 min. Wrong tries are counted in the database, so
 * quitting Rounds does not reset them. */
static gboolean
verify_pin (RoundsStore   *self,
            RoundsPerson  *person,
            const char    *pin,
            GError       **error)
{
  RoundsDbStmt *stmt;
  g_autofree char *hash = NULL;
  gint64 failures = 0, locked_until = 0;
  gint64 now = rounds_clock_get_now (self->clock);
  gboolean ok;

  if (!rounds_person_get_active (person))
    {
      g_set_error (error, ROUNDS_PEOPLE_ERROR, ROUNDS_PEOPLE_ERROR_NOT_ALLOWED,
                   _("%s no longer works here"), rounds_person_get_name (person));
      return FALSE;
    }

  stmt = _rounds_store_prepare (self, "SELECT pin_hash, pin_failures, pin_locked_until FROM people"
                                      " WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  rounds_db_bind_int64 (stmt, 1, rounds_person_get_id (person));
  if (rounds_db_step (stmt) == ROUNDS_DB_ROW)
    {
      hash = g_strdup ((const char *)rounds_db_column_text (stmt, 0));
      failures = rounds_db_column_int64 (stmt, 1);
      locked_until = rounds_db_column_int64 (stmt, 2);
    }
  rounds_db_reset (stmt);

  if (hash == NULL)
    {
      g_set_error (error, ROUNDS_PEOPLE_ERROR, ROUNDS_PEOPLE_ERROR_NO_PIN,
                   _("%s has no PIN yet. A manager sets PINs in Preferences → People."),
                   rounds_person_get_name (person));
      return FALSE;
    }
  if (locked_until > now)
    {
      g_autofree char *wait = seconds_text (locked_until - now);

      /* TRANSLATORS: "… Try again in 30 seconds." */
      g_set_error (error, ROUNDS_PEOPLE_ERROR, ROUNDS_PEOPLE_ERROR_TRY_LATER,
                   _("Too many wrong PINs for %s. Try again in %s."),
                   rounds_person_get_name (person), wait);
      return FALSE;
    }

  ok = rounds_pin_verify (pin, hash);
  if (ok && failures == 0)
    return TRUE;

  if (ok)
    failures = 0, locked_until = 0;
  else
    {
      failures++;
      if (failures >= ROUNDS_PIN_FREE_TRIES)
        {
          gint64 shift = MIN (failures - ROUNDS_PIN_FREE_TRIES, 4);

          locked_until = now + MIN ((gint64)ROUNDS_PIN_BACKOFF_SECONDS << shift,
                                    ROUNDS_PIN_BACKOFF_MAX);
        }
    }

  stmt = _rounds_store_prepare (self, "UPDATE people SET pin_failures = ?, pin_locked_until = ?"
                                      " WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  rounds_db_bind_int64 (stmt, 1, failures);
  rounds_db_bind_int64 (stmt, 2, locked_until);
  rounds_db_bind_int64 (stmt, 3, rounds_person_get_id (person));
  if (!_rounds_store_step_done (self, stmt, error, _("Could not check the PIN")))
    return FALSE;

  if (!ok)
    {
      if (locked_until > now)
        {
          g_autofree char *wait = seconds_text (locked_until - now);

          g_set_error (error, ROUNDS_PEOPLE_ERROR, ROUNDS_PEOPLE_ERROR_WRONG_PIN,
                       _("That is not %s’s PIN. Too many wrong PINs: try again in %s."),
                       rounds_person_get_name (person), wait);
        }
      else
        g_set_error (error, ROUNDS_PEOPLE_ERROR, ROUNDS_PEOPLE_ERROR_WRONG_PIN,
                     _("That is not %s’s PIN. Try again."), rounds_person_get_name (person));
      g_debug ("Wrong PIN for person %" G_GINT64_FORMAT " (%" G_GINT64_FORMAT " in a row)",
               rounds_person_get_id (person), failures);
    }
  return ok;
}

/**
 * rounds_store_unlock_people:
 *
 * Lets @manager_id change people until rounds_store_lock_people(), once
 * their PIN is right. Refused for someone who is not an active manager.
 */
gboolean
rounds_store_unlock_people (RoundsStore  *self,
                            gint64        manager_id,
                            const char   *pin,
                            GError      **error)
{
  RoundsPerson *manager;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);

  ensure_people (self);
  if ((manager = require_person (self, manager_id, error)) == NULL)
    return FALSE;
  if (!rounds_person_can_manage (manager))
    {
      g_set_error (error, ROUNDS_PEOPLE_ERROR, ROUNDS_PEOPLE_ERROR_NOT_ALLOWED,
                   _("%s is not a manager: only a manager can change people"),
                   rounds_person_get_name (manager));
      return FALSE;
    }
  if (!verify_pin (self, manager, pin, error))
    return FALSE;

  self->people->unlocked_by = manager_id;
  return TRUE;
}

void
rounds_store_lock_people (RoundsStore *self)
{
  g_return_if_fail (ROUNDS_IS_STORE (self));
  ensure_people (self)->unlocked_by = 0;
}

/* ------------------------------------------------------------------ */
/* The desk and signatures                                              */

/**
 * rounds_store_get_desk_person:
 *
 * Returns: (transfer none) (nullable): who is working at this PC, as
 *   chosen in the header (remembered across restarts).
 */
RoundsPerson *
rounds_store_get_desk_person (RoundsStore *self)
{
  RoundsStorePeople *state;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);

  state = ensure_people (self);
  return state->desk_id != 0 ? rounds_store_lookup_person (self, state->desk_id) : NULL;
}

/**
 * rounds_store_set_desk_person:
 *
 * Names the person working at this PC: their name and id go into the
 * audit entries from now on (approvals name their approver instead).
 * Changing the person ends any signature and People unlock.
 */
gboolean
rounds_store_set_desk_person (RoundsStore  *self,
                              gint64        id,
                              GError      **error)
{
  RoundsPerson *person;
  RoundsDbStmt *stmt;
  g_autofree char *value = NULL;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);

  ensure_people (self);
  if ((person = require_person (self, id, error)) == NULL)
    return FALSE;
  if (!rounds_person_get_active (person))
    {
      g_set_error (error, ROUNDS_PEOPLE_ERROR, ROUNDS_PEOPLE_ERROR_NOT_ALLOWED,
                   _("%s no longer works here"), rounds_person_get_name (person));
      return FALSE;
    }
  if (self->people->session_id != 0 && id != self->people->session_id)
    {
      g_set_error (error, ROUNDS_PEOPLE_ERROR, ROUNDS_PEOPLE_ERROR_NOT_ALLOWED,
                   _("This PC is signed in to the practice server as %s. To work as someone "
                     "else, sign in with their login."),
                   rounds_person_get_name (rounds_store_lookup_person (self,
                                                                       self->people->session_id)));
      return FALSE;
    }
  if (self->people->session_id != 0)
    return TRUE;

  value = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  stmt = _rounds_store_prepare (self, "INSERT INTO kv (key, value) VALUES ('desk.person', ?)"
                                      " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                                error);
  if (stmt == NULL)
    return FALSE;
  _rounds_store_bind_text (stmt, 1, value);
  if (!_rounds_store_step_done (self, stmt, error, _("Could not remember who is at the desk")))
    return FALSE;

  if (self->people->desk_id != id)
    {
      self->people->unlocked_by = 0;
      rounds_store_release_signature (self);
    }
  self->people->desk_id = id;
  rounds_store_set_actor (self, rounds_person_get_name (person));
  return TRUE;
}

/**
 * rounds_store_needs_signature:
 *
 * Returns: whether approving needs an approver's PIN now: the practice
 *   has people and no signature holds.
 */
gboolean
rounds_store_needs_signature (RoundsStore *self)
{
  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);
  /* Signed in with their own login, the sign-in is the signature: there
   * is no PIN to ask, and a writer is refused with the reason. */
  if (ensure_people (self)->session_id != 0)
    return FALSE;
  return rounds_store_has_people (self) && rounds_store_get_signer (self) == NULL;
}

/**
 * rounds_store_sign:
 *
 * Checks @person_id's PIN for an approval: the person must be an active
 * approver or manager. On success the signature holds for the approval
 * that asked for it (call rounds_store_release_signature() after it),
 * at most ROUNDS_SIGNATURE_SECONDS.
 */
gboolean
rounds_store_sign (RoundsStore  *self,
                   gint64        person_id,
                   const char   *pin,
                   GError      **error)
{
  RoundsPerson *person;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);

  ensure_people (self);
  rounds_store_release_signature (self);
  if ((person = require_person (self, person_id, error)) == NULL)
    return FALSE;
  if (self->people->session_id != 0)
    {
      g_set_error_literal (error, ROUNDS_PEOPLE_ERROR, ROUNDS_PEOPLE_ERROR_NOT_ALLOWED,
                           _("On the practice server each approver approves from their own "
                             "sign-in, not with a PIN"));
      return FALSE;
    }
  if (!rounds_person_can_approve (person))
    {
      g_set_error (error, ROUNDS_PEOPLE_ERROR, ROUNDS_PEOPLE_ERROR_NOT_ALLOWED,
                   _("%s cannot approve: only an approver or a manager can"),
                   rounds_person_get_name (person));
      return FALSE;
    }
  if (!verify_pin (self, person, pin, error))
    return FALSE;

  self->people->signer_id = person_id;
  self->people->signed_until = rounds_clock_get_now (self->clock) + ROUNDS_SIGNATURE_SECONDS;
  return TRUE;
}

/**
 * rounds_store_get_signer:
 *
 * Returns: (transfer none) (nullable): the approver whose signature
 *   holds now.
 */
RoundsPerson *
rounds_store_get_signer (RoundsStore *self)
{
  RoundsStorePeople *state;
  RoundsPerson *person;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);

  state = ensure_people (self);
  if (state->session_id != 0)
    {
      person = rounds_store_lookup_person (self, state->session_id);
      return person != NULL && rounds_person_can_approve (person) ? person : NULL;
    }
  if (state->signer_id == 0 || rounds_clock_get_now (self->clock) > state->signed_until)
    return NULL;
  person = rounds_store_lookup_person (self, state->signer_id);
  return person != NULL && rounds_person_can_approve (person) ? person : NULL;
}

void
rounds_store_release_signature (RoundsStore *self)
{
  g_return_if_fail (ROUNDS_IS_STORE (self));

  if (self->people != NULL)
    {
      self->people->signer_id = 0;
      self->people->signed_until = 0;
    }
}

/* For approvals: TRUE when the practice has no people (anyone at the
 * desk approves) or an approver's signature holds. */
gboolean
_rounds_store_require_signature (RoundsStore  *self,
                                 GError      **error)
{
  RoundsPerson *session = rounds_store_get_session_person (self);

  if (session != NULL)
    {
      if (rounds_person_can_approve (session))
        return TRUE;
      g_set_error (error, ROUNDS_PEOPLE_ERROR, ROUNDS_PEOPLE_ERROR_NOT_ALLOWED,
                   _("%s cannot approve: only an approver or a manager can. Ask one of them to "
                     "approve it from their own sign-in."),
                   rounds_person_get_name (session));
      return FALSE;
    }
  if (!rounds_store_needs_signature (self))
    return TRUE;

  g_set_error_literal (error, ROUNDS_PEOPLE_ERROR, ROUNDS_PEOPLE_ERROR_NEEDS_PIN,
                       _("Approving needs an approver’s PIN"));
  return FALSE;
}

/* Who an audit entry names now: the signer while a signature holds,
 * else the person at the desk. 0 when the practice has no people. */
gint64
_rounds_store_acting_person (RoundsStore  *self,
                             const char  **name)
{
  RoundsPerson *person = rounds_store_get_signer (self);

  if (person == NULL)
    person = rounds_store_get_desk_person (self);
  if (person == NULL)
    {
      *name = self->actor;
      return 0;
    }
  *name = rounds_person_get_name (person);
  return rounds_person_get_id (person);
}

/* ------------------------------------------------------------------ */
/* Database logins (a server only)                                      */

/* On a practice server each person may sign in with their own database
 * login (a PostgreSQL role with LOGIN), member of one group role that
 * matches their Rounds role: rounds_writer < rounds_approver <
 * rounds_manager (each group a member of the one below, so rights
 * nest). The tables are granted to rounds_writer; what only approvers
 * and managers may do is refused by the server's triggers
 * (PG_RIGHTS_SQL in rounds-store-migrations.c), so a writer's login
 * cannot approve even with SQL typed by hand. Creating logins needs
 * CREATEROLE on the manager's own connection; a manager's login gets it
 * too. The password is made here, shown once to hand over, and sent to
 * the server only as a SCRAM verifier (PQencryptPasswordConn): never in
 * clear, never in the database or the logs. */

#define LOGIN_MAX 40

static const char * const group_roles[] = {
  [ROUNDS_PERSON_ROLE_WRITER]   = "rounds_writer",
  [ROUNDS_PERSON_ROLE_APPROVER] = "rounds_approver",
  [ROUNDS_PERSON_ROLE_MANAGER]  = "rounds_manager",
};

/**
 * rounds_store_get_session_person:
 *
 * Returns: (transfer none) (nullable): on a practice server, the person
 *   whose own login this PC signed in with; they are the person at the
 *   desk, and approving needs no PIN (their role decides, and the server
 *   checks it). %NULL on SQLite and with the practice's shared login.
 */
RoundsPerson *
rounds_store_get_session_person (RoundsStore *self)
{
  RoundsStorePeople *state;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);

  state = ensure_people (self);
  return state->session_id != 0 ? rounds_store_lookup_person (self, state->session_id) : NULL;
}

/**
 * rounds_person_suggest_login:
 *
 * Returns: (transfer full): a database login name for someone called
 *   @name: lower-case ASCII letters, digits and "_", starting with a
 *   letter ("maria_lopez" for "María López").
 */
char *
rounds_person_suggest_login (const char *name)
{
  g_autofree char *ascii = g_str_to_ascii (name != NULL ? name : "", "C");
  GString *login = g_string_new (NULL);

  for (const char *p = ascii; *p != '\0' && login->len < LOGIN_MAX; p++)
    {
      char c = g_ascii_tolower (*p);

      if (g_ascii_isalnum (c))
        g_string_append_c (login, c);
      else if (login->len > 0 && login->str[login->len - 1] != '_')
        g_string_append_c (login, '_');
    }
  while (login->len > 0 && login->str[login->len - 1] == '_')
    g_string_truncate (login, login->len - 1);
  if (login->len == 0 || !g_ascii_isalpha (login->str[0]))
    g_string_prepend (login, "staff_");
  return g_string_free (login, FALSE);
}

static gboolean
check_login_name (const char  *login,
                  GError     **error)
{
  gsize len = login != NULL ? strlen (login) : 0;
  gboolean ok = len >= 2 && len <= LOGIN_MAX && g_ascii_islower (login[0]) &&
                !g_str_has_prefix (login, "pg_") && !g_str_has_prefix (login, "rounds_");

  for (gsize i = 0; ok && i < len; i++)
    ok = g_ascii_islower (login[i]) || g_ascii_isdigit (login[i]) || login[i] == '_';
  if (!ok)
    g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID,
                 _("A login is 2 to %d lower-case letters, digits or “_”, starting with a letter "
                   "(not “pg_” or “rounds_”)"), LOGIN_MAX);
  return ok;
}

/* Runs @sql (no parameters, no rows) inside the current transaction. */
static gboolean
exec_role_sql (RoundsStore  *self,
               const char   *sql,
               GError      **error)
{
  char *errmsg = NULL;
  int rc = rounds_db_exec (self->db, sql, NULL, NULL, &errmsg);

  if (rc == ROUNDS_DB_OK)
    return TRUE;
  if (rc == ROUNDS_DB_AUTH)
    g_set_error (error, ROUNDS_PEOPLE_ERROR, ROUNDS_PEOPLE_ERROR_NOT_ALLOWED,
                 _("The server refused to change logins: %s. The manager’s own connection needs "
                   "the CREATEROLE right (see the README)."),
                 errmsg != NULL ? errmsg : "");
  else
    g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_FAILED,
                 _("Could not change the database login: %s"), errmsg != NULL ? errmsg : "");
  rounds_db_free (errmsg);
  return FALSE;
}

/* The three group roles, nested, and (when this connection owns the
 * practice's tables) the tables granted to them. Idempotent. */
static gboolean
ensure_group_roles (RoundsStore  *self,
                    GError      **error)
{
  static const char *sql =
    "DO $$ BEGIN"
    " IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'rounds_writer') THEN"
    "  CREATE ROLE rounds_writer NOLOGIN; END IF;"
    " IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'rounds_approver') THEN"
    "  CREATE ROLE rounds_approver NOLOGIN IN ROLE rounds_writer; END IF;"
    " IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'rounds_manager') THEN"
    "  CREATE ROLE rounds_manager NOLOGIN IN ROLE rounds_approver; END IF;"
    " IF pg_has_role (current_user, (SELECT relowner FROM pg_class"
    "                                WHERE oid = 'people'::regclass), 'MEMBER') THEN"
    "  EXECUTE format ('GRANT USAGE ON SCHEMA %I TO rounds_writer', current_schema ());"
    "  EXECUTE format ('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I"
    "                   TO rounds_writer', current_schema ());"
    "  EXECUTE format ('GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA %I"
    "                   TO rounds_writer', current_schema ());"
    " END IF;"
    "END $$";

  return exec_role_sql (self, sql, error);
}

/* Brings person @id's login (if any) in line with their row: member of
 * the one group of their role, able to sign in while active, CREATEROLE
 * for a manager. Inside the caller's transaction. */
static gboolean
sync_login (RoundsStore  *self,
            gint64        id,
            GError      **error)
{
  RoundsDbStmt *stmt;
  g_autofree char *login = NULL;
  g_autofree char *sql = NULL;
  RoundsPersonRole role = ROUNDS_PERSON_ROLE_WRITER;
  gboolean active = FALSE;
  int rc;

  if (rounds_db_is_sqlite (self->db))
    return TRUE;

  stmt = _rounds_store_prepare (self, "SELECT login, role, active FROM people WHERE id = ?",
                                error);
  if (stmt == NULL)
    return FALSE;
  rounds_db_bind_int64 (stmt, 1, id);
  rc = rounds_db_step (stmt);
  if (rc == ROUNDS_DB_ROW)
    {
      login = g_strdup ((const char *)rounds_db_column_text (stmt, 0));
      rounds_person_role_from_string (_rounds_store_column_text (stmt, 1), &role);
      active = rounds_db_column_int (stmt, 2) != 0;
    }
  rounds_db_reset (stmt);
  if (rc != ROUNDS_DB_ROW && rc != ROUNDS_DB_DONE)
    return _rounds_store_db_error (self->db, rc, error, _("Could not read this person"));
  if (login == NULL || login[0] == '\0')
    return TRUE;
  /* A login read back from the table is checked like a new one before
   * it goes into SQL as an identifier. */
  if (!check_login_name (login, error) || !ensure_group_roles (self, error))
    return FALSE;

  sql = g_strdup_printf ("REVOKE rounds_writer, rounds_approver, rounds_manager FROM \"%s\";"
                         "GRANT %s TO \"%s\";"
                         "ALTER ROLE \"%s\" %s %s",
                         login, group_roles[role], login, login,
                         active ? "LOGIN" : "NOLOGIN",
                         role == ROUNDS_PERSON_ROLE_MANAGER ? "CREATEROLE" : "NOCREATEROLE");
  return exec_role_sql (self, sql, error);
}

static char *
make_password (void)
{
  /* No 0/O, 1/l/I: read aloud or copied from a note. */
  static const char alphabet[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  guint8 bytes[20];
  char *password = g_malloc (G_N_ELEMENTS (bytes) + 1);
  gsize got = 0;

  while (got < sizeof bytes)
    {
      ssize_t n = getrandom (bytes + got, sizeof bytes - got, 0);

      if (n > 0)
        got += n;
    }
  /* 256 is 4 × 56 + 32: the bias of the modulo is below 1 in 8 for a
   * few letters, far from mattering at 20 characters (~116 bits). */
  for (gsize i = 0; i < sizeof bytes; i++)
    password[i] = alphabet[bytes[i] % (sizeof alphabet - 1)];
  password[sizeof bytes] = '\0';
  explicit_bzero (bytes, sizeof bytes);
  return password;
}

/**
 * rounds_store_set_person_login:
 * @login: the login's name (rounds_person_suggest_login() offers one)
 *
 * On a practice server, gives person @id their own database login
 * (a new PostgreSQL role, member of the group of their role), or a new
 * password for the login they have. Needs a manager, and CREATEROLE on
 * this connection. The password is made here and returned once, to be
 * handed over; it is never stored anywhere by Rounds on this PC (the
 * person's own PC keeps it in their keyring when they sign in).
 *
 * Returns: (transfer full) (nullable): the new password, or %NULL.
 */
char *
rounds_store_set_person_login (RoundsStore  *self,
                               gint64        id,
                               const char   *login,
                               GError      **error)
{
  RoundsPerson *person;
  RoundsDbStmt *stmt;
  g_autofree char *password = NULL;
  g_autofree char *sql = NULL;
  const char *had;
  char *verifier;
  gboolean exists = FALSE;
  int rc;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);

  if (rounds_db_is_sqlite (self->db))
    {
      g_set_error_literal (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID,
                           _("Personal logins are for a practice server. On one PC, approvers "
                             "use their PIN."));
      return NULL;
    }
  if (!require_manager (self, error) || (person = require_person (self, id, error)) == NULL ||
      !check_login_name (login, error))
    return NULL;
  if (!rounds_person_get_active (person))
    {
      g_set_error (error, ROUNDS_PEOPLE_ERROR, ROUNDS_PEOPLE_ERROR_NOT_ALLOWED,
                   _("%s no longer works here"), rounds_person_get_name (person));
      return NULL;
    }
  had = rounds_person_get_login (person);
  if (had != NULL && !g_str_equal (had, login))
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID,
                   _("%s already signs in as “%s”"), rounds_person_get_name (person), had);
      return NULL;
    }

  if (!_rounds_store_begin (self, error))
    return NULL;

  if (had == NULL)
    {
      stmt = _rounds_store_prepare (self, "SELECT 1 FROM pg_roles WHERE rolname = ?", error);
      if (stmt == NULL)
        goto fail;
      _rounds_store_bind_text (stmt, 1, login);
      rc = rounds_db_step (stmt);
      exists = rc == ROUNDS_DB_ROW;
      rounds_db_reset (stmt);
      if (exists)
        {
          g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID,
                       _("The server already has a login called “%s”. Choose another name."),
                       login);
          goto fail;
        }
      sql = g_strdup_printf ("CREATE ROLE \"%s\" LOGIN", login);
      if (!ensure_group_roles (self, error) || !exec_role_sql (self, sql, error))
        goto fail;
      stmt = _rounds_store_prepare (self, "UPDATE people SET login = ?, updated_at = ?"
                                          " WHERE id = ?", error);
      if (stmt == NULL)
        goto fail;
      _rounds_store_bind_text (stmt, 1, login);
      rounds_db_bind_int64 (stmt, 2, rounds_clock_get_now (self->clock));
      rounds_db_bind_int64 (stmt, 3, id);
      if (!_rounds_store_step_done (self, stmt, error, _("Could not save the login")))
        goto fail;
    }
  if (!sync_login (self, id, error))
    goto fail;

  /* The server gets a SCRAM verifier, never the password itself. */
  password = make_password ();
  verifier = PQencryptPasswordConn (rounds_db_get_postgresql (self->db), password, login,
                                    "scram-sha-256");
  if (verifier == NULL || strchr (verifier, '\'') != NULL)
    {
      g_set_error_literal (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_FAILED,
                           _("Could not prepare the password"));
      if (verifier != NULL)
        PQfreemem (verifier);
      goto fail;
    }
  g_free (sql);
  sql = g_strdup_printf ("ALTER ROLE \"%s\" PASSWORD '%s'", login, verifier);
  PQfreemem (verifier);
  if (!exec_role_sql (self, sql, error) ||
      !_rounds_store_write_audit (self, "person", id, had == NULL ? "login-created"
                                                                  : "password-reset",
                                  NULL, login, NULL, NULL, error) ||
      !_rounds_store_commit (self, error))
    goto fail;

  if (!reload_people (self, error))
    return NULL;
  return g_steal_pointer (&password);

fail:
  _rounds_store_rollback (self);
  return NULL;
}
