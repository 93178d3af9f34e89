/* rounds-stub-server.c — what every network stand-in shares
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "rounds-stub-server.h"

void
rounds_stub_fault_free (RoundsStubFault *fault)
{
  g_free (fault->path_prefix);
  g_free (fault->retry_after);
  g_free (fault->status_name);
  g_free (fault);
}

gboolean
rounds_stub_server_start (RoundsStubServer    *self,
                          const char          *server_header,
                          SoupServerCallback   callback,
                          gpointer             user_data,
                          GError             **error)
{
  GSList *uris;

  self->faults = g_ptr_array_new_with_free_func ((GDestroyNotify) rounds_stub_fault_free);
  self->held = g_ptr_array_new_with_free_func (g_object_unref);
  self->server = soup_server_new ("server-header", server_header, NULL);
  soup_server_add_handler (self->server, NULL, callback, user_data, NULL);
  if (!soup_server_listen_local (self->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, error))
    return FALSE;

  uris = soup_server_get_uris (self->server);
  self->port = g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  self->base_url = g_strdup_printf ("http://127.0.0.1:%u", self->port);
  return TRUE;
}

void
rounds_stub_server_stop (RoundsStubServer *self)
{
  for (guint i = 0; self->held != NULL && i < self->held->len; i++)
    {
      SoupServerMessage *msg = g_ptr_array_index (self->held, i);

      soup_server_message_set_status (msg, 503, NULL);
      soup_server_message_unpause (msg);
    }
  if (self->server != NULL)
    soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->faults, g_ptr_array_unref);
  g_clear_pointer (&self->held, g_ptr_array_unref);
}

RoundsStubFault *
rounds_stub_server_add_fault (RoundsStubServer *self,
                              const char       *path_prefix,
                              int               kind,
                              guint             status,
                              guint             count,
                              const char       *retry_after)
{
  RoundsStubFault *f = g_new0 (RoundsStubFault, 1);

  f->path_prefix = g_strdup (path_prefix);
  f->kind = kind;
  f->status = status;
  f->count = MAX (count, 1);
  f->retry_after = g_strdup (retry_after);
  g_ptr_array_add (self->faults, f);
  return f;
}

RoundsStubFault *
rounds_stub_server_take_fault (RoundsStubServer *self,
                               const char       *path)
{
  for (guint i = 0; i < self->faults->len; i++)
    {
      RoundsStubFault *f = g_ptr_array_index (self->faults, i);
      RoundsStubFault *copy;

      if (!g_str_has_prefix (path, f->path_prefix))
        continue;

      if (--f->count == 0)
        return g_ptr_array_steal_index (self->faults, i);

      copy = g_memdup2 (f, sizeof *f);
      copy->path_prefix = g_strdup (f->path_prefix);
      copy->retry_after = g_strdup (f->retry_after);
      copy->status_name = g_strdup (f->status_name);
      return copy;
    }
  return NULL;
}

void
rounds_stub_server_hold (RoundsStubServer  *self,
                         SoupServerMessage *msg)
{
  soup_server_message_pause (msg);
  g_ptr_array_add (self->held, g_object_ref (msg));
}

void
rounds_stub_cut (SoupServerMessage *msg)
{
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);

  g_io_stream_close (stream, NULL, NULL);
}

void
rounds_stub_respond_html (SoupServerMessage *msg,
                          guint              status,
                          const char        *page)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_COPY, page, strlen (page));
}
