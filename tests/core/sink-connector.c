/* sink-connector.c — a RoundsConnector over HTTP to the sink server
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <unistd.h>

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "sink-connector.h"

struct _SinkConnector
{
  GObject      parent_instance;
  SoupSession *session;
  char        *base_url;
  char        *credentials;
};

static void sink_connector_iface_init (RoundsConnectorInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SinkConnector, sink_connector, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (ROUNDS_TYPE_CONNECTOR,
                                                      sink_connector_iface_init))

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_CREDENTIALS,
};

/* ------------------------------------------------------------------ */
/* Client                                                               */

static RoundsRemotePost *
post_from_bytes (GBytes  *bytes,
                 GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *obj;

  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                   g_bytes_get_size (bytes), NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error_literal (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_MALFORMED,
                           "Unreadable answer");
      return NULL;
    }
  obj = json_node_get_object (json_parser_get_root (parser));
  return rounds_remote_post_new (json_object_get_string_member_with_default (obj, "id", NULL),
                                 json_object_get_string_member_with_default (obj, "url", NULL),
                                 0);
}

static void
on_sent_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  guint status;

  bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  if (bytes == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_new_error (task, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_TRANSIENT,
                                 "%s", error->message);
      return;
    }

  status = soup_message_get_status (msg);
  if (status == 404)
    g_task_return_pointer (task, NULL, NULL);
  else if (status >= 500)
    g_task_return_new_error (task, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_TRANSIENT,
                             "Server error %u", status);
  else
    {
      RoundsRemotePost *post = post_from_bytes (bytes, &error);

      if (post == NULL)
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_pointer (task, post, (GDestroyNotify)rounds_remote_post_free);
    }
}

static void
sink_publish_async (RoundsConnector      *connector,
                    const RoundsOutgoing *outgoing,
                    GCancellable         *cancellable,
                    GAsyncReadyCallback   callback,
                    gpointer              user_data)
{
  SinkConnector *self = SINK_CONNECTOR (connector);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *body = NULL;
  g_autofree char *url = g_strconcat (self->base_url, "/posts", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autoptr(GBytes) bytes = NULL;
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "key");
  json_builder_add_string_value (builder, outgoing->idempotency_key);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, outgoing->text);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  body = json_to_string (root, FALSE);
  bytes = g_bytes_new (body, strlen (body));
  soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
  soup_session_send_and_read_async (self->session, msg, G_PRIORITY_DEFAULT, cancellable,
                                    on_sent_cb, task);
}

static RoundsRemotePost *
sink_post_finish (RoundsConnector  *connector,
                  GAsyncResult     *result,
                  GError          **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
sink_lookup_async (RoundsConnector      *connector,
                   const RoundsOutgoing *outgoing,
                   gint64                sent_after,
                   GCancellable         *cancellable,
                   GAsyncReadyCallback   callback,
                   gpointer              user_data)
{
  SinkConnector *self = SINK_CONNECTOR (connector);
  g_autofree char *key = g_uri_escape_string (outgoing->idempotency_key, NULL, TRUE);
  g_autofree char *url = g_strdup_printf ("%s/posts?key=%s", self->base_url, key);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  soup_session_send_and_read_async (self->session, msg, G_PRIORITY_DEFAULT, cancellable,
                                    on_sent_cb, task);
}

static RoundsNetwork
sink_get_network (RoundsConnector *connector)
{
  return ROUNDS_NETWORK_MASTODON;
}

static RoundsConnectorCapabilities
sink_get_capabilities (RoundsConnector *connector)
{
  return ROUNDS_CONNECTOR_CAN_PUBLISH | ROUNDS_CONNECTOR_CAN_LOOKUP;
}

static void
sink_connector_iface_init (RoundsConnectorInterface *iface)
{
  iface->get_network = sink_get_network;
  iface->get_capabilities = sink_get_capabilities;
  iface->publish_async = sink_publish_async;
  iface->publish_finish = sink_post_finish;
  iface->lookup_async = sink_lookup_async;
  iface->lookup_finish = sink_post_finish;
}

static void
sink_connector_finalize (GObject *object)
{
  SinkConnector *self = SINK_CONNECTOR (object);

  g_clear_object (&self->session);
  g_free (self->base_url);
  g_free (self->credentials);

  G_OBJECT_CLASS (sink_connector_parent_class)->finalize (object);
}

static void
sink_connector_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SinkConnector *self = SINK_CONNECTOR (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:    g_value_set_string (value, self->base_url); break;
    case PROP_CREDENTIALS: g_value_set_string (value, self->credentials); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sink_connector_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  SinkConnector *self = SINK_CONNECTOR (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_free (self->base_url);
      self->base_url = g_value_dup_string (value);
      break;
    case PROP_CREDENTIALS:
      g_free (self->credentials);
      self->credentials = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sink_connector_class_init (SinkConnectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sink_connector_finalize;
  object_class->get_property = sink_connector_get_property;
  object_class->set_property = sink_connector_set_property;

  g_object_class_override_property (object_class, PROP_BASE_URL, "base-url");
  g_object_class_override_property (object_class, PROP_CREDENTIALS, "credentials");
}

static void
sink_connector_init (SinkConnector *self)
{
  self->session = soup_session_new_with_options ("timeout", 10, "max-conns-per-host", 8, NULL);
}

RoundsConnector *
sink_connector_new (const char *base_url)
{
  return g_object_new (SINK_TYPE_CONNECTOR, "base-url", base_url, NULL);
}

/* ------------------------------------------------------------------ */
/* Server                                                               */

typedef struct
{
  GHashTable *by_key;   /* key → id */
  GHashTable *counts;   /* key → times made */
  guint       serial;
  guint       total;
  guint       delay_us;
} Sink;

static void
reply (SoupServerMessage *msg,
       guint              status,
       const char        *json)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, json,
                                    strlen (json));
}

static gboolean
on_delayed_cb (gpointer user_data)
{
  soup_server_message_unpause (user_data);
  g_object_unref (user_data);
  return G_SOURCE_REMOVE;
}

static void
on_request_cb (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  Sink *sink = user_data;
  const char *method = soup_server_message_get_method (msg);

  if (g_str_equal (path, "/stats"))
    {
      guint dupes = 0;
      GHashTableIter iter;
      gpointer value;
      g_autofree char *json = NULL;

      g_hash_table_iter_init (&iter, sink->counts);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        dupes += GPOINTER_TO_UINT (value) > 1;
      json = g_strdup_printf ("{\"posts\":%u,\"keys\":%u,\"duplicated\":%u}", sink->total,
                              g_hash_table_size (sink->by_key), dupes);
      reply (msg, 200, json);
      return;
    }

  if (!g_str_equal (path, "/posts"))
    {
      reply (msg, 404, "{}");
      return;
    }

  if (g_str_equal (method, "GET"))
    {
      const char *key = query ? g_hash_table_lookup (query, "key") : NULL;
      const char *id = key ? g_hash_table_lookup (sink->by_key, key) : NULL;
      g_autofree char *json = NULL;

      if (id == NULL)
        {
          reply (msg, 404, "{}");
          return;
        }
      json = g_strdup_printf ("{\"id\":\"%s\",\"url\":\"http://127.0.0.1/p/%s\"}", id, id);
      reply (msg, 200, json);
    }
  else if (g_str_equal (method, "POST"))
    {
      SoupMessageBody *body = soup_server_message_get_request_body (msg);
      g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autofree char *json = NULL;
      const char *key;
      char *id;

      if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                       g_bytes_get_size (bytes), NULL) ||
          !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        {
          reply (msg, 400, "{}");
          return;
        }
      key = json_object_get_string_member_with_default (
              json_node_get_object (json_parser_get_root (parser)), "key", "");

      /* Made as soon as it arrives, like a real network: an answer lost
       * after this point leaves the post there. */
      id = g_strdup_printf ("%u", ++sink->serial);
      sink->total++;
      g_hash_table_insert (sink->counts, g_strdup (key),
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (sink->counts,
                                                                                   key)) + 1));
      if (!g_hash_table_contains (sink->by_key, key))
        g_hash_table_insert (sink->by_key, g_strdup (key), g_strdup (id));
      json = g_strdup_printf ("{\"id\":\"%s\",\"url\":\"http://127.0.0.1/p/%s\"}", id, id);
      g_free (id);
      reply (msg, 200, json);
    }
  else
    {
      reply (msg, 405, "{}");
      return;
    }

  if (sink->delay_us > 0)
    {
      soup_server_message_pause (msg);
      g_timeout_add (g_random_int_range (0, sink->delay_us / 1000 + 1), on_delayed_cb,
                     g_object_ref (msg));
    }
}

static gboolean
on_stdin_cb (GIOChannel   *channel,
             GIOCondition  condition,
             gpointer      user_data)
{
  char buf[64];

  if (read (STDIN_FILENO, buf, sizeof buf) <= 0)
    {
      g_main_loop_quit (user_data);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

int
sink_server_run (guint delay_us)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GIOChannel) channel = NULL;
  GSList *uris;
  Sink sink = { 0 };

  sink.by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sink.counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sink.delay_us = delay_us;

  soup_server_add_handler (server, NULL, on_request_cb, &sink, NULL);
  if (!soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    {
      g_printerr ("sink: %s\n", error->message);
      return 1;
    }
  uris = soup_server_get_uris (server);
  printf ("%d\n", g_uri_get_port (uris->data));
  fflush (stdout);
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);

  channel = g_io_channel_unix_new (STDIN_FILENO);
  g_io_add_watch (channel, G_IO_IN | G_IO_HUP | G_IO_ERR, on_stdin_cb, loop);
  g_main_loop_run (loop);

  g_hash_table_unref (sink.by_key);
  g_hash_table_unref (sink.counts);
  return 0;
}
