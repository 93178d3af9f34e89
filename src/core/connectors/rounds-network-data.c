/* rounds-network-data.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-network-data"

#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "rounds-http.h"
#include "rounds-network-data.h"

#define DATA_RESOURCE "/io/github/roundsapp/Rounds/connectors/metrics.json"

static JsonObject *
table (void)
{
  static gsize loaded = 0;
  static JsonNode *root = NULL;

  if (g_once_init_enter (&loaded))
    {
      g_autoptr(GBytes) bytes = g_resources_lookup_data (DATA_RESOURCE,
                                                         G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      gsize length = 0;
      const char *data = bytes ? g_bytes_get_data (bytes, &length) : NULL;

      if (data != NULL)
        root = rounds_http_parse_json (data, length, 8, NULL);
      if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
        g_warning ("The network data (%s) cannot be read", DATA_RESOURCE);
      g_once_init_leave (&loaded, 1);
    }
  return root && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
}

static JsonObject *
member_object (JsonObject *object,
               const char *name)
{
  JsonNode *node = object && name ? json_object_get_member (object, name) : NULL;

  return node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = object && name ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

const char *
rounds_network_data_metric_name (RoundsNetwork  network,
                                 const char    *scope,
                                 const char    *name)
{
  JsonObject *net = member_object (table (), rounds_network_to_string (network));

  return member_string (member_object (net, scope), name);
}

char *
rounds_network_data_metric_query (RoundsNetwork  network,
                                  const char    *scope)
{
  JsonObject *net = member_object (table (), rounds_network_to_string (network));
  JsonObject *names = member_object (net, scope);
  g_autoptr(GList) members = names ? json_object_get_members (names) : NULL;
  GString *query = g_string_new (NULL);

  for (GList *l = members; l != NULL; l = l->next)
    {
      if (query->len > 0)
        g_string_append_c (query, ',');
      g_string_append (query, l->data);
    }
  return g_string_free (query, FALSE);
}

const char *
rounds_network_data_get_string (RoundsNetwork  network,
                                const char    *key)
{
  return member_string (member_object (table (), rounds_network_to_string (network)), key);
}
