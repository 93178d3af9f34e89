/* mastodon-stub.c — the Mastodon stand-in as a program of its own
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib-unix.h>

#include "rounds-mastodon-stub.h"

/* For tests that kill the process that publishes (and so cannot keep the
 * server in their own process):
 *
 *   mastodon-stub --port-fd N [--token TOKEN]... [--media-polls N]
 *
 * listens on 127.0.0.1, writes "PORT\n" to file descriptor N (a pipe the
 * parent reads: stdout is the parent's TAP stream, so nothing is printed
 * there) and closes it, then serves until SIGTERM or SIGINT. It also stops
 * when the parent closes its end of --watch-fd, so a crashed test leaves
 * nothing behind. Drive it over HTTP: /_stub/statuses counts what was
 * published, /_stub/fault injects failures (rounds-mastodon-stub.h). */

static gboolean
on_signal (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

static gboolean
on_watch_closed (int           fd,
                 GIOCondition  condition,
                 gpointer      user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(RoundsMastodonStub) stub = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) tokens = NULL;
  g_autofree char *line = NULL;
  int port_fd = -1;
  int watch_fd = -1;
  int media_polls = 0;
  GOptionEntry entries[] = {
    { "port-fd", 0, 0, G_OPTION_ARG_INT, &port_fd, "Write the port to this descriptor", "FD" },
    { "watch-fd", 0, 0, G_OPTION_ARG_INT, &watch_fd, "Stop when this descriptor closes", "FD" },
    { "token", 0, 0, G_OPTION_ARG_STRING_ARRAY, &tokens, "A valid access token", "TOKEN" },
    { "media-polls", 0, 0, G_OPTION_ARG_INT, &media_polls, "206 answers before media is ready", "N" },
    { NULL }
  };

  context = g_option_context_new ("— a Mastodon API stand-in on 127.0.0.1");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("mastodon-stub: %s\n", error->message);
      return 2;
    }

  stub = rounds_mastodon_stub_new (&error);
  if (stub == NULL)
    {
      g_printerr ("mastodon-stub: %s\n", error->message);
      return 1;
    }
  for (guint i = 0; tokens != NULL && tokens[i] != NULL; i++)
    rounds_mastodon_stub_add_token (stub, tokens[i]);
  rounds_mastodon_stub_set_media_polls (stub, MAX (media_polls, 0));

  line = g_strdup_printf ("%u\n", rounds_mastodon_stub_get_port (stub));
  if (port_fd >= 0)
    {
      if (write (port_fd, line, strlen (line)) < 0)
        return 1;
      close (port_fd);
    }
  else
    g_printerr ("mastodon-stub: listening on port %s", line);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGTERM, on_signal, loop);
  g_unix_signal_add (SIGINT, on_signal, loop);
  if (watch_fd >= 0)
    g_unix_fd_add (watch_fd, G_IO_HUP | G_IO_ERR | G_IO_IN, on_watch_closed, loop);
  g_main_loop_run (loop);
  return 0;
}
