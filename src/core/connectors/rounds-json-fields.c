/* rounds-json-fields.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-json-fields"

#include "config.h"

#include "rounds-json-fields.h"

static JsonNode *
member (JsonObject *object,
        const char *name)
{
  return object != NULL ? json_object_get_member (object, name) : NULL;
}

/* The string value of @name, or NULL when it is missing or not a string. */
const char *
rounds_json_get_string (JsonObject *object,
                        const char *name)
{
  JsonNode *node = member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* Sets @value from a whole or fractional number (cut to a whole one) and
 * returns TRUE; FALSE, with @value untouched, for anything else. */
gboolean
rounds_json_get_int (JsonObject *object,
                     const char *name,
                     gint64     *value)
{
  JsonNode *node = member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    *value = json_node_get_int (node);
  else if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    *value = (gint64) json_node_get_double (node);
  else
    return FALSE;
  return TRUE;
}

JsonObject *
rounds_json_get_object (JsonObject *object,
                        const char *name)
{
  JsonNode *node = member (object, name);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

JsonArray *
rounds_json_get_array (JsonObject *object,
                       const char *name)
{
  JsonNode *node = member (object, name);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}
