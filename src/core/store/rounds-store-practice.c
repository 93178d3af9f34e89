/* rounds-store-practice.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "rounds-store-private.h"

/* The practice profile: one row; its lists are JSON arrays. */

static char *
strv_to_json (const char * const *strv)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    json_builder_add_string_value (builder, strv[i]);
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);

  return json_to_string (root, FALSE);
}

static GStrv
json_to_strv (const char *json,
              const char *member)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array;

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL) ||
      !JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
    return g_strv_builder_end (builder);

  array = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (member == NULL && JSON_NODE_HOLDS_VALUE (node) &&
          json_node_get_value_type (node) == G_TYPE_STRING)
        g_strv_builder_add (builder, json_node_get_string (node));
      else if (member != NULL && JSON_NODE_HOLDS_OBJECT (node))
        {
          JsonObject *obj = json_node_get_object (node);

          g_strv_builder_add (builder, json_object_get_string_member_with_default (obj, member,
                                                                                  ""));
        }
    }

  return g_strv_builder_end (builder);
}

gboolean
_rounds_store_load_practice (RoundsStore  *self,
                             GError      **error)
{
  RoundsDbStmt *stmt;

  stmt = _rounds_store_prepare (self, "SELECT name, specialty, timezone, website, phones, emails, addresses,"
                                      " staff, languages, allow, content_language FROM practice WHERE id = 1", error);
  if (stmt == NULL)
    return FALSE;
  if (rounds_db_step (stmt) == ROUNDS_DB_ROW)
    {
      g_auto(GStrv) phones = json_to_strv (_rounds_store_column_text (stmt, 4), NULL);
      g_auto(GStrv) emails = json_to_strv (_rounds_store_column_text (stmt, 5), NULL);
      g_auto(GStrv) addresses = json_to_strv (_rounds_store_column_text (stmt, 6), NULL);
      g_auto(GStrv) staff_names = json_to_strv (_rounds_store_column_text (stmt, 7), "name");
      g_auto(GStrv) staff_roles = json_to_strv (_rounds_store_column_text (stmt, 7), "role");
      g_auto(GStrv) languages = json_to_strv (_rounds_store_column_text (stmt, 8), NULL);
      g_auto(GStrv) allow = json_to_strv (_rounds_store_column_text (stmt, 9), NULL);

      rounds_practice_set_name (self->practice, _rounds_store_column_text (stmt, 0));
      rounds_practice_set_specialty (self->practice, _rounds_store_column_text (stmt, 1));
      rounds_practice_set_timezone (self->practice, _rounds_store_column_text (stmt, 2));
      rounds_practice_set_website (self->practice, _rounds_store_column_text (stmt, 3));
      rounds_practice_set_phones (self->practice, (const char * const *)phones);
      rounds_practice_set_emails (self->practice, (const char * const *)emails);
      rounds_practice_set_addresses (self->practice, (const char * const *)addresses);
      rounds_practice_set_staff (self->practice, (const char * const *)staff_names,
                                 (const char * const *)staff_roles);
      rounds_practice_set_languages (self->practice, (const char * const *)languages);
      rounds_practice_set_allow (self->practice, (const char * const *)allow);
      rounds_practice_set_content_language (self->practice, _rounds_store_column_text (stmt, 10));
    }
  rounds_db_reset (stmt);

  return TRUE;
}

RoundsPractice *
rounds_store_get_practice (RoundsStore *self)
{
  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);
  return self->practice;
}

static char *
staff_to_json (RoundsPractice *practice)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  const char * const *names = rounds_practice_get_staff_names (practice);
  const char * const *roles = rounds_practice_get_staff_roles (practice);
  guint n_roles = g_strv_length ((GStrv)roles);

  json_builder_begin_array (builder);
  for (guint i = 0; names[i] != NULL; i++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, names[i]);
      json_builder_set_member_name (builder, "role");
      json_builder_add_string_value (builder, i < n_roles ? roles[i] : "");
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);

  return json_to_string (root, FALSE);
}

/**
 * rounds_store_save_practice:
 * @practice: the new profile (may be the store's own object)
 *
 * Writes the practice profile and updates the store's own object, which
 * emits notify signals and then #RoundsStore::practice-changed.
 */
gboolean
rounds_store_save_practice (RoundsStore     *self,
                            RoundsPractice  *practice,
                            GError         **error)
{
  RoundsDbStmt *stmt;
  g_autofree char *phones = NULL;
  g_autofree char *emails = NULL;
  g_autofree char *addresses = NULL;
  g_autofree char *staff = NULL;
  g_autofree char *languages = NULL;
  g_autofree char *allow = NULL;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);
  g_return_val_if_fail (ROUNDS_IS_PRACTICE (practice), FALSE);

  if (!_rounds_store_ensure_open (self, error))
    return FALSE;

  phones = strv_to_json (rounds_practice_get_phones (practice));
  emails = strv_to_json (rounds_practice_get_emails (practice));
  addresses = strv_to_json (rounds_practice_get_addresses (practice));
  staff = staff_to_json (practice);
  languages = strv_to_json (rounds_practice_get_languages (practice));
  allow = strv_to_json (rounds_practice_get_allow (practice));

  stmt = _rounds_store_prepare (self,
                                "INSERT INTO practice (id, name, specialty, timezone, website, phones, emails,"
                                " addresses, staff, languages, allow, updated_at, content_language)"
                                " VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
                                " ON CONFLICT (id) DO UPDATE SET name = ?1, specialty = ?2, timezone = ?3,"
                                " website = ?4, phones = ?5, emails = ?6, addresses = ?7, staff = ?8,"
                                " languages = ?9, allow = ?10, updated_at = ?11, content_language = ?12", error);
  if (stmt == NULL)
    return FALSE;

  _rounds_store_bind_text (stmt, 1, rounds_practice_get_name (practice));
  _rounds_store_bind_text (stmt, 2, rounds_practice_get_specialty (practice));
  _rounds_store_bind_text (stmt, 3, rounds_practice_get_timezone (practice));
  _rounds_store_bind_text (stmt, 4, rounds_practice_get_website (practice));
  _rounds_store_bind_text (stmt, 5, phones);
  _rounds_store_bind_text (stmt, 6, emails);
  _rounds_store_bind_text (stmt, 7, addresses);
  _rounds_store_bind_text (stmt, 8, staff);
  _rounds_store_bind_text (stmt, 9, languages);
  _rounds_store_bind_text (stmt, 10, allow);
  rounds_db_bind_int64 (stmt, 11, rounds_clock_get_now (self->clock));
  _rounds_store_bind_text (stmt, 12, rounds_practice_get_content_language (practice));

  if (!_rounds_store_step_done (self, stmt, error, _("Could not save the practice profile")))
    return FALSE;

  if (practice != self->practice)
    rounds_practice_assign (self->practice, practice);

  _rounds_store_emit_practice_changed (self);
  return TRUE;
}
