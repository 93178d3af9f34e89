/* rounds-utm.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-utm"

#include "config.h"

#include <string.h>

#include "rounds-plan.h"
#include "rounds-store-insights.h"
#include "rounds-utm.h"

/**
 * rounds_utm_own_hosts:
 * @website: (nullable): the practice's website, with or without scheme
 *
 * Returns: (transfer full): the host names that are the practice's own
 *   ("maplegrovefamily.example"; "www." is dropped), maybe empty
 */
GStrv
rounds_utm_own_hosts (const char *website)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *with_scheme = NULL;
  g_autoptr(GUri) uri = NULL;
  const char *host;

  if (website == NULL || website[0] == '\0')
    return g_strv_builder_end (builder);

  with_scheme = strstr (website, "://") != NULL ? g_strdup (website)
                                                 : g_strconcat ("https://", website, NULL);
  uri = g_uri_parse (g_strstrip (with_scheme), G_URI_FLAGS_NONE, NULL);
  host = uri != NULL ? g_uri_get_host (uri) : NULL;
  if (host != NULL && host[0] != '\0')
    {
      g_autofree char *lower = g_ascii_strdown (host, -1);

      g_strv_builder_add (builder, g_str_has_prefix (lower, "www.") ? lower + 4 : lower);
    }
  return g_strv_builder_end (builder);
}

/**
 * rounds_utm_campaign_for_title:
 *
 * Returns: the pillar a post's title starts with ("Education: …", as the
 *   plan's calendar fill writes them), else "social"
 */
const char *
rounds_utm_campaign_for_title (const char *title)
{
  const char * const *pillars = rounds_plan_pillars ();

  for (guint i = 0; title != NULL && pillars[i] != NULL; i++)
    {
      const char *label = rounds_plan_pillar_label (pillars[i]);
      gsize n = strlen (label);

      if (g_ascii_strncasecmp (title, label, n) == 0 && title[n] == ':')
        return pillars[i];
    }
  return "social";
}

static gboolean
is_url_char (char c)
{
  return c != '\0' && !g_ascii_isspace (c) && c != '<' && c != '>' && c != '"';
}

static gboolean
host_matches (const char         *host,
              gsize               length,
              const char * const *own_hosts)
{
  g_autofree char *lower = g_ascii_strdown (host, length);
  const char *bare = g_str_has_prefix (lower, "www.") ? lower + 4 : lower;

  for (guint i = 0; own_hosts != NULL && own_hosts[i] != NULL; i++)
    if (g_str_equal (bare, own_hosts[i]))
      return TRUE;
  return FALSE;
}

/* Where a link that starts at @p ends: spaces end it, and closing
 * punctuation at its very end belongs to the sentence. */
static const char *
link_end (const char *p)
{
  const char *end = p;

  while (is_url_char (*end))
    end++;
  while (end > p && strchr (".,;:!?)]'", end[-1]) != NULL)
    end--;
  return end;
}

/**
 * rounds_utm_tag_links:
 * @own_hosts: the practice's hosts (rounds_utm_own_hosts())
 * @campaign: the content pillar, or "social"
 *
 * Adds utm_source (the network), utm_medium=social and utm_campaign to
 * every link to the practice's own site in @text, with or without
 * "https://". Links elsewhere, and links that already carry a
 * utm_source, are left as they are; a fragment stays last.
 *
 * Returns: (transfer full): the text with tagged links
 */
char *
rounds_utm_tag_links (const char         *text,
                      const char * const *own_hosts,
                      RoundsNetwork       network,
                      const char         *campaign)
{
  GString *out = g_string_new (NULL);
  const char *p = text;

  g_return_val_if_fail (text != NULL, NULL);

  if (own_hosts == NULL || own_hosts[0] == NULL || network == ROUNDS_NETWORK_NONE)
    return g_strdup (text);

  while (*p != '\0')
    {
      gboolean word_start = p == text || g_ascii_isspace (p[-1]) || strchr ("([\"'", p[-1]) != NULL;
      const char *host = p, *host_end, *end;

      if (!word_start)
        {
          g_string_append_c (out, *p++);
          continue;
        }

      if (g_ascii_strncasecmp (p, "https://", 8) == 0)
        host = p + 8;
      else if (g_ascii_strncasecmp (p, "http://", 7) == 0)
        host = p + 7;

      host_end = host;
      while (g_ascii_isalnum (*host_end) || *host_end == '-' || *host_end == '.')
        host_end++;
      end = link_end (p);

      if (host_end > host &&
          (host_end == end ||
           (host_end < end && (*host_end == '/' || *host_end == '?' || *host_end == '#'))) &&
          host_matches (host, host_end - host, own_hosts))
        {
          g_autofree char *link = g_strndup (p, end - p);
          char *hash = strchr (link, '#');
          g_autofree char *fragment = hash != NULL ? g_strdup (hash) : NULL;
          gboolean has_query;

          if (hash != NULL)
            *hash = '\0';
          if (strstr (link, "utm_source=") != NULL)
            {
              g_string_append_len (out, p, end - p);
              p = end;
              continue;
            }
          has_query = strchr (link, '?') != NULL;
          g_string_append (out, link);
          g_string_append_printf (out, "%sutm_source=%s&utm_medium=social&utm_campaign=%s",
                                  has_query ? (g_str_has_suffix (link, "?") ? "" : "&")
                                            : (host_end == end ? "/?" : "?"),
                                  rounds_network_to_string (network),
                                  campaign != NULL && campaign[0] != '\0' ? campaign : "social");
          if (fragment != NULL)
            g_string_append (out, fragment);
          p = end;
          continue;
        }

      g_string_append_c (out, *p++);
    }
  return g_string_free (out, FALSE);
}

/**
 * rounds_utm_tag_for_publishing:
 * @post: the post being sent
 * @network: the network it goes to
 * @text: its text
 * @store: (type RoundsStore): the practice's store
 *
 * The publisher's text function (rounds_publisher_set_text_func()): tags
 * the practice's own links when Preferences → Insights → Tag Links is on,
 * with the pillar the post's title names as the campaign.
 *
 * Returns: (nullable): the tagged text, or NULL to send @text as it is
 */
char *
rounds_utm_tag_for_publishing (RoundsPost    *post,
                               RoundsNetwork  network,
                               const char    *text,
                               gpointer       store)
{
  RoundsPractice *practice;
  g_auto(GStrv) hosts = NULL;

  g_return_val_if_fail (ROUNDS_IS_STORE (store), NULL);

  if (text == NULL || !rounds_store_get_utm_enabled (store))
    return NULL;
  practice = rounds_store_get_practice (store);
  if (practice == NULL)
    return NULL;
  hosts = rounds_utm_own_hosts (rounds_practice_get_website (practice));
  if (hosts == NULL || hosts[0] == NULL)
    return NULL;
  return rounds_utm_tag_links (text, (const char * const *)hosts, network,
                               rounds_utm_campaign_for_title (rounds_post_get_title (post)));
}
