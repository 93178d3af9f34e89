/* rounds-inbox-facts.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-inbox"

#include "config.h"

#include <glib/gi18n.h>

#include "rounds-inbox-private.h"
#include "rounds-plan-inbox.h"
#include "rounds-store-plan.h"

/* The facts every Inbox widget shows about an item, read from the core
 * in one place. */

JsonObject *
_rounds_inbox_load_crisis (RoundsContext *context)
{
  g_autoptr(GError) error = NULL;
  JsonObject *crisis;

  if (context == NULL)
    return NULL;
  crisis = rounds_store_plan_load_section (rounds_context_get_store (context), "crisis", NULL,
                                           &error);
  if (error != NULL)
    g_debug ("No crisis plan: %s", error->message);
  return crisis;
}

void
_rounds_inbox_facts (RoundsContext    *context,
                     JsonObject       *crisis,
                     RoundsComment    *comment,
                     gint64            now,
                     RoundsInboxFacts *facts)
{
  /* The kind is the core's triage (rounds-triage.c), computed when the
   * item was stored; answered is the item's state, set by a reply sent,
   * "answered by hand" (spam needs no answer, but is not "answered"). */
  facts->kind = rounds_triage_kind_to_string (rounds_comment_get_triage (comment));
  facts->answered = rounds_inbox_state_is_answered (rounds_comment_get_state (comment));
  facts->due_at = rounds_plan_reply_due_at (crisis, facts->kind,
                                            rounds_comment_get_received_at (comment));
  facts->overdue = rounds_plan_is_overdue (crisis, facts->kind,
                                           rounds_comment_get_received_at (comment),
                                           facts->answered, now);
}

const char *
_rounds_inbox_kind_label (const char *kind)
{
  RoundsTriageKind triage = ROUNDS_TRIAGE_OTHER;

  rounds_triage_kind_from_string (kind, &triage);
  return rounds_triage_kind_get_label (triage);
}

/* A reply to these always needs a second person (issue 14). */
gboolean
_rounds_inbox_kind_is_sensitive (const char *kind)
{
  return g_strcmp0 (kind, "complaint") == 0 || g_strcmp0 (kind, "crisis") == 0;
}

gboolean
_rounds_inbox_needs_attention (const RoundsInboxFacts *facts,
                               RoundsComment          *comment)
{
  /* The core's rule (a complaint, health details, a possible crisis, one
   * or two stars), and anything unanswered past the crisis plan's time. */
  if (facts->answered)
    return FALSE;
  return facts->overdue || rounds_comment_needs_attention (comment);
}

char *
_rounds_inbox_dup_stars (int rating)
{
  GString *stars = g_string_new (NULL);

  for (int i = 1; i <= 5 && rating > 0; i++)
    g_string_append (stars, i <= rating ? "★" : "☆");
  return g_string_free (stars, FALSE);
}

static char *
dup_span (gint64 seconds)
{
  if (seconds < 3600)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minute", "%d minutes",
                                         (int)MAX (seconds / 60, 1)), (int)MAX (seconds / 60, 1));
  if (seconds < 2 * 86400)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d hour", "%d hours",
                                         (int)(seconds / 3600)), (int)(seconds / 3600));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day", "%d days",
                                       (int)(seconds / 86400)), (int)(seconds / 86400));
}

/* "Answered", "Overdue by 2 hours", "Due in 3 hours", or NULL. */
char *
_rounds_inbox_dup_due_text (const RoundsInboxFacts *facts,
                            gint64                  now)
{
  g_autofree char *span = NULL;

  if (facts->answered)
    return g_strdup (_("Answered"));
  if (facts->due_at == 0)
    return NULL;
  if (facts->overdue)
    {
      span = dup_span (now - facts->due_at);
      /* TRANSLATORS: "Overdue by 2 hours" */
      return g_strdup_printf (_("Overdue by %s"), span);
    }
  span = dup_span (facts->due_at - now);
  /* TRANSLATORS: "Due in 3 hours" */
  return g_strdup_printf (_("Due in %s"), span);
}
