/* rounds-connector-factory.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-connector-factory"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include <libsoup/soup.h>

#include "rounds-bluesky-connector.h"
#include "rounds-connector-factory.h"
#include "rounds-google-connector.h"
#include "rounds-graph-connector.h"
#include "rounds-linkedin-connector.h"
#include "rounds-mastodon-connector.h"

/* Adding a network: write its class beside this file, then add one case to
 * each switch below. */

gboolean
rounds_connector_network_is_supported (RoundsNetwork network)
{
  switch (network)
    {
    case ROUNDS_NETWORK_MASTODON:
    case ROUNDS_NETWORK_BLUESKY:
    case ROUNDS_NETWORK_FACEBOOK:
    case ROUNDS_NETWORK_INSTAGRAM:
    case ROUNDS_NETWORK_LINKEDIN:
    case ROUNDS_NETWORK_GOOGLE:
      return TRUE;
    case ROUNDS_NETWORK_NONE:
    case ROUNDS_NETWORK_X:
    default:
      return FALSE;
    }
}

const char *
rounds_connector_get_default_base_url (RoundsNetwork network)
{
  switch (network)
    {
    case ROUNDS_NETWORK_BLUESKY:
      return "https://bsky.social";
    case ROUNDS_NETWORK_FACEBOOK:
    case ROUNDS_NETWORK_INSTAGRAM:
      return "https://graph.facebook.com/v21.0";
    case ROUNDS_NETWORK_LINKEDIN:
      return "https://api.linkedin.com";
    case ROUNDS_NETWORK_GOOGLE:
      return "https://mybusiness.googleapis.com";
    case ROUNDS_NETWORK_MASTODON:   /* any server: the user types it */
    case ROUNDS_NETWORK_X:
    case ROUNDS_NETWORK_NONE:
    default:
      return NULL;
    }
}

static gboolean
is_loopback_host (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

char *
rounds_connector_normalize_server (const char  *typed,
                                   GError     **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *with_scheme = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *host = NULL;
  const char *scheme;

  g_return_val_if_fail (typed != NULL, NULL);

  trimmed = g_strstrip (g_strdup (typed));
  /* "@clinic@med-mastodon.com" or "clinic@med-mastodon.com": the server is
   * after the last @. */
  if (strchr (trimmed, '/') == NULL && strrchr (trimmed, '@') != NULL)
    {
      char *server = g_strdup (strrchr (trimmed, '@') + 1);

      g_free (trimmed);
      trimmed = server;
    }
  while (trimmed[0] != '\0' && trimmed[strlen (trimmed) - 1] == '/')
    trimmed[strlen (trimmed) - 1] = '\0';

  if (trimmed[0] == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Type the server's address, for example mastodon.social."));
      return NULL;
    }

  if (strstr (trimmed, "://") == NULL)
    with_scheme = g_strconcat ("https://", trimmed, NULL);
  else
    with_scheme = g_strdup (trimmed);

  uri = g_uri_parse (with_scheme, SOUP_HTTP_URI_FLAGS, NULL);
  host = uri && g_uri_get_host (uri) ? g_ascii_strdown (g_uri_get_host (uri), -1) : NULL;
  scheme = uri ? g_uri_get_scheme (uri) : NULL;
  if (uri == NULL || host == NULL || host[0] == '\0' || strchr (host, ' ') != NULL
      || (strchr (host, '.') == NULL && strchr (host, ':') == NULL && !is_loopback_host (host))
      || (g_strcmp0 (scheme, "https") != 0 && g_strcmp0 (scheme, "http") != 0)
      || g_uri_get_user (uri) != NULL || g_uri_get_query (uri) != NULL
      || g_uri_get_fragment (uri) != NULL
      || (g_uri_get_path (uri)[0] != '\0' && !g_str_equal (g_uri_get_path (uri), "/")))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a server address Rounds can use. "
                     "Type only the server's name, for example mastodon.social."), trimmed);
      return NULL;
    }

  if (g_str_equal (scheme, "http") && !is_loopback_host (host))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Rounds connects to %s only over a secure connection (https)."), host);
      return NULL;
    }

  if (g_uri_get_port (uri) > 0
      && !(g_str_equal (scheme, "https") && g_uri_get_port (uri) == 443)
      && !(g_str_equal (scheme, "http") && g_uri_get_port (uri) == 80))
    return g_strdup_printf ("%s://%s:%d", scheme, host, g_uri_get_port (uri));
  return g_strdup_printf ("%s://%s", scheme, host);
}

RoundsConnector *
rounds_connector_new_for_network (RoundsNetwork   network,
                                  const char     *base_url,
                                  const char     *credentials,
                                  GError        **error)
{
  g_autoptr(GUri) uri = NULL;

  if (base_url == NULL)
    base_url = rounds_connector_get_default_base_url (network);

  if (!rounds_connector_network_is_supported (network))
    {
      g_set_error (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_UNSUPPORTED,
                   _("Rounds cannot publish to %s yet."), rounds_network_get_label (network));
      return NULL;
    }

  if (base_url == NULL
      || (uri = g_uri_parse (base_url, SOUP_HTTP_URI_FLAGS, NULL)) == NULL
      || g_uri_get_host (uri) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The account has no usable server address."));
      return NULL;
    }

  switch (network)
    {
    case ROUNDS_NETWORK_MASTODON:
      return rounds_mastodon_connector_new (base_url, credentials);
    case ROUNDS_NETWORK_BLUESKY:
      return rounds_bluesky_connector_new (base_url, credentials);
    case ROUNDS_NETWORK_FACEBOOK:
    case ROUNDS_NETWORK_INSTAGRAM:
      return rounds_graph_connector_new (network, base_url, credentials);
    case ROUNDS_NETWORK_LINKEDIN:
      return rounds_linkedin_connector_new (base_url, credentials);
    case ROUNDS_NETWORK_GOOGLE:
      return rounds_google_connector_new (base_url, credentials);
    default:
      g_assert_not_reached ();
    }
  return NULL;
}
