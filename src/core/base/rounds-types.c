/* rounds-types.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-types"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rounds-types.h"

static const struct {
  const char *id;
  const char *label;
} post_statuses[] = {
  [ROUNDS_POST_STATUS_DRAFT]      = { "draft",      N_("Draft") },
  [ROUNDS_POST_STATUS_IN_REVIEW]  = { "in_review",  N_("In review") },
  [ROUNDS_POST_STATUS_APPROVED]   = { "approved",   N_("Approved") },
  [ROUNDS_POST_STATUS_SCHEDULED]  = { "scheduled",  N_("Scheduled") },
  [ROUNDS_POST_STATUS_DUE]        = { "due",        N_("Due") },
  [ROUNDS_POST_STATUS_PUBLISHING] = { "publishing", N_("Publishing") },
  [ROUNDS_POST_STATUS_PUBLISHED]  = { "published",  N_("Published") },
  [ROUNDS_POST_STATUS_FAILED]     = { "failed",     N_("Failed") },
  [ROUNDS_POST_STATUS_CANCELLED]  = { "cancelled",  N_("Cancelled") },
};

static const struct {
  RoundsNetwork  network;
  const char    *id;
  const char    *label;
} networks[ROUNDS_N_NETWORKS] = {
  { ROUNDS_NETWORK_FACEBOOK,  "facebook",  N_("Facebook") },
  { ROUNDS_NETWORK_INSTAGRAM, "instagram", N_("Instagram") },
  { ROUNDS_NETWORK_LINKEDIN,  "linkedin",  N_("LinkedIn") },
  { ROUNDS_NETWORK_GOOGLE,    "google",    N_("Google Business Profile") },
  { ROUNDS_NETWORK_MASTODON,  "mastodon",  N_("Mastodon") },
  { ROUNDS_NETWORK_BLUESKY,   "bluesky",   N_("Bluesky") },
  { ROUNDS_NETWORK_X,         "x",         N_("X") },
};

const char *
rounds_post_status_to_string (RoundsPostStatus status)
{
  g_return_val_if_fail (status <= ROUNDS_POST_STATUS_LAST, "draft");

  return post_statuses[status].id;
}

gboolean
rounds_post_status_from_string (const char       *str,
                                RoundsPostStatus *status)
{
  g_return_val_if_fail (status != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (post_statuses); i++)
    {
      if (g_strcmp0 (str, post_statuses[i].id) == 0)
        {
          *status = i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
rounds_post_status_get_label (RoundsPostStatus status)
{
  g_return_val_if_fail (status <= ROUNDS_POST_STATUS_LAST, "");

  return g_dgettext (GETTEXT_PACKAGE, post_statuses[status].label);
}

/**
 * rounds_network_from_index:
 * @index: 0 … %ROUNDS_N_NETWORKS - 1
 *
 * Networks in their display order, for iterating.
 */
RoundsNetwork
rounds_network_from_index (guint index)
{
  g_return_val_if_fail (index < ROUNDS_N_NETWORKS, ROUNDS_NETWORK_NONE);

  return networks[index].network;
}

const char *
rounds_network_to_string (RoundsNetwork network)
{
  for (guint i = 0; i < ROUNDS_N_NETWORKS; i++)
    if (networks[i].network == network)
      return networks[i].id;

  return NULL;
}

RoundsNetwork
rounds_network_from_string (const char *str)
{
  for (guint i = 0; i < ROUNDS_N_NETWORKS; i++)
    if (g_strcmp0 (str, networks[i].id) == 0)
      return networks[i].network;

  return ROUNDS_NETWORK_NONE;
}

const char *
rounds_network_get_label (RoundsNetwork network)
{
  for (guint i = 0; i < ROUNDS_N_NETWORKS; i++)
    if (networks[i].network == network)
      return g_dgettext (GETTEXT_PACKAGE, networks[i].label);

  return "";
}

/**
 * rounds_networks_to_string:
 *
 * Returns: (transfer full): a comma-separated list of network ids, in
 *   display order ("facebook,instagram"), as stored in the database.
 */
char *
rounds_networks_to_string (RoundsNetwork nets)
{
  GString *str = g_string_new (NULL);

  for (guint i = 0; i < ROUNDS_N_NETWORKS; i++)
    {
      if ((nets & networks[i].network) == 0)
        continue;
      if (str->len > 0)
        g_string_append_c (str, ',');
      g_string_append (str, networks[i].id);
    }

  return g_string_free (str, FALSE);
}

/**
 * rounds_networks_from_string:
 *
 * Parses a comma-separated list of network ids; unknown ids are ignored.
 */
RoundsNetwork
rounds_networks_from_string (const char *str)
{
  g_auto(GStrv) parts = NULL;
  RoundsNetwork nets = ROUNDS_NETWORK_NONE;

  if (str == NULL)
    return ROUNDS_NETWORK_NONE;

  parts = g_strsplit (str, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    nets |= rounds_network_from_string (g_strstrip (parts[i]));

  return nets;
}

/**
 * rounds_networks_get_label:
 *
 * Returns: (transfer full): "Facebook, Instagram", or "No network".
 */
char *
rounds_networks_get_label (RoundsNetwork nets)
{
  GString *str = g_string_new (NULL);

  for (guint i = 0; i < ROUNDS_N_NETWORKS; i++)
    {
      if ((nets & networks[i].network) == 0)
        continue;
      if (str->len > 0)
        g_string_append (str, ", ");
      g_string_append (str, g_dgettext (GETTEXT_PACKAGE, networks[i].label));
    }

  if (str->len == 0)
    g_string_append (str, _("No network"));

  return g_string_free (str, FALSE);
}

static const struct {
  const char *id;
  const char *label;
} triage_kinds[] = {
  [ROUNDS_TRIAGE_OTHER]          = { "other",          N_("Other") },
  [ROUNDS_TRIAGE_QUESTION]       = { "question",       N_("Question") },
  [ROUNDS_TRIAGE_PRAISE]         = { "praise",         N_("Praise") },
  [ROUNDS_TRIAGE_COMPLAINT]      = { "complaint",      N_("Complaint") },
  [ROUNDS_TRIAGE_HEALTH_DETAILS] = { "health_details", N_("Mentions health details") },
  [ROUNDS_TRIAGE_CRISIS]         = { "crisis",         N_("Possible crisis") },
  [ROUNDS_TRIAGE_SPAM]           = { "spam",           N_("Spam") },
};

const char *
rounds_triage_kind_to_string (RoundsTriageKind kind)
{
  g_return_val_if_fail (kind <= ROUNDS_TRIAGE_LAST, "other");

  return triage_kinds[kind].id;
}

gboolean
rounds_triage_kind_from_string (const char       *str,
                                RoundsTriageKind *kind)
{
  g_return_val_if_fail (kind != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (triage_kinds); i++)
    {
      if (g_strcmp0 (str, triage_kinds[i].id) == 0)
        {
          *kind = i;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * rounds_triage_kind_get_label:
 *
 * Returns: the chip's words for @kind ("Possible crisis"), translated.
 */
const char *
rounds_triage_kind_get_label (RoundsTriageKind kind)
{
  g_return_val_if_fail (kind <= ROUNDS_TRIAGE_LAST, "");

  return g_dgettext (GETTEXT_PACKAGE, triage_kinds[kind].label);
}

/**
 * rounds_triage_needs_attention:
 * @rating: 1–5 stars, 0 for none
 *
 * An item needs attention when a careless reply could hurt: a complaint,
 * health details, a possible crisis, or a review of one or two stars.
 */
gboolean
rounds_triage_needs_attention (RoundsTriageKind kind,
                               int              rating)
{
  return kind == ROUNDS_TRIAGE_COMPLAINT || kind == ROUNDS_TRIAGE_HEALTH_DETAILS ||
         kind == ROUNDS_TRIAGE_CRISIS || (rating >= 1 && rating <= 2);
}

static const char * const inbox_states[] = {
  [ROUNDS_INBOX_STATE_NEW]              = "new",
  [ROUNDS_INBOX_STATE_READ]             = "read",
  [ROUNDS_INBOX_STATE_ANSWERED]         = "answered",
  [ROUNDS_INBOX_STATE_ANSWERED_BY_HAND] = "answered-by-hand",
};

const char *
rounds_inbox_state_to_string (RoundsInboxState state)
{
  g_return_val_if_fail (state <= ROUNDS_INBOX_STATE_LAST, "new");

  return inbox_states[state];
}

gboolean
rounds_inbox_state_from_string (const char       *str,
                                RoundsInboxState *state)
{
  g_return_val_if_fail (state != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (inbox_states); i++)
    {
      if (g_strcmp0 (str, inbox_states[i]) == 0)
        {
          *state = i;
          return TRUE;
        }
    }

  return FALSE;
}

gboolean
rounds_inbox_state_is_answered (RoundsInboxState state)
{
  return state == ROUNDS_INBOX_STATE_ANSWERED || state == ROUNDS_INBOX_STATE_ANSWERED_BY_HAND;
}
