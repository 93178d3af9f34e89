/* rounds-plan-inbox.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-plan"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "rounds-plan.h"
#include "rounds-plan-inbox.h"
#include "rounds-store-people.h"

void
rounds_reply_template_free (RoundsReplyTemplate *self)
{
  if (self == NULL)
    return;
  g_free (self->title);
  g_free (self->text);
  g_free (self);
}

void
rounds_crisis_step_free (RoundsCrisisStep *self)
{
  if (self == NULL)
    return;
  g_free (self->id);
  g_free (self->title);
  g_free (self->detail);
  g_free (self);
}

static gint64
level_hours (JsonObject *crisis,
             const char *level,
             gint64      fallback)
{
  JsonObject *levels = rounds_plan_json_object (crisis, "levels");
  gint64 hours = rounds_plan_json_int (rounds_plan_json_object (levels, level), "hours", 0);

  return hours > 0 ? hours : fallback;
}

/**
 * rounds_plan_response_seconds:
 * @crisis: (nullable): the plan's crisis section
 *
 * The crisis plan's response time for a triage kind: a complaint (and a
 * question) within the "negative review" time, health details within
 * theirs, a possible crisis within the shortest of "privacy incident"
 * and "media". Praise and spam have no target (0).
 */
gint64
rounds_plan_response_seconds (JsonObject *crisis,
                              const char *triage_kind)
{
  gint64 hours = 0;

  if (g_strcmp0 (triage_kind, "complaint") == 0 || g_strcmp0 (triage_kind, "question") == 0)
    hours = level_hours (crisis, "negative_review", 24);
  else if (g_strcmp0 (triage_kind, "health_details") == 0)
    hours = level_hours (crisis, "health_details", 4);
  else if (g_strcmp0 (triage_kind, "crisis") == 0)
    hours = MIN (level_hours (crisis, "privacy_incident", 1), level_hours (crisis, "media", 4));

  return hours * 3600;
}

/**
 * rounds_plan_reply_due_at:
 *
 * Returns: when an answer to an item received at @received_at is due, or
 *   0 when its kind has no target.
 */
gint64
rounds_plan_reply_due_at (JsonObject *crisis,
                          const char *triage_kind,
                          gint64      received_at)
{
  gint64 seconds = rounds_plan_response_seconds (crisis, triage_kind);

  return seconds > 0 ? received_at + seconds : 0;
}

gboolean
rounds_plan_is_overdue (JsonObject *crisis,
                        const char *triage_kind,
                        gint64      received_at,
                        gboolean    answered,
                        gint64      now)
{
  gint64 due = rounds_plan_reply_due_at (crisis, triage_kind, received_at);

  return !answered && due > 0 && now > due;
}

static void
replace_all (GString    *text,
             const char *placeholder,
             const char *value)
{
  g_string_replace (text, placeholder, value ? value : "", 0);
}

/**
 * rounds_plan_fill_reply_template:
 * @practice: (nullable)
 *
 * Fills a template's placeholders. There are only the practice's own
 * facts, `{practice}` and `{phone}`: nothing of the comment or its
 * author can be put into a reply by a template, so a template never
 * repeats a reviewer's name or health details.
 */
char *
rounds_plan_fill_reply_template (const char     *text,
                                 RoundsPractice *practice)
{
  g_autoptr(GString) out = g_string_new (text ? text : "");
  const char * const *phones = practice ? rounds_practice_get_phones (practice) : NULL;
  const char *name = practice ? rounds_practice_get_name (practice) : NULL;

  replace_all (out, "{practice}", name != NULL && name[0] != '\0' ? name : _("our practice"));
  replace_all (out, "{phone}", phones != NULL && phones[0] != NULL ? phones[0] : _("the office"));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Which default template fits a kind first (by its title). */
static const char *
preferred_title (const char *triage_kind)
{
  if (g_strcmp0 (triage_kind, "complaint") == 0)
    return _("Negative review");
  if (g_strcmp0 (triage_kind, "health_details") == 0)
    return _("Health details shared");
  if (g_strcmp0 (triage_kind, "praise") == 0)
    return _("Positive review");
  if (g_strcmp0 (triage_kind, "crisis") == 0)
    return _("Media inquiry");
  return NULL;
}

static gboolean
asks_to_call (const char *text)
{
  g_autofree char *lower = g_utf8_strdown (text ? text : "", -1);

  return strstr (lower, "call") != NULL || strstr (lower, "llam") != NULL;
}

static int
template_rank (const RoundsReplyTemplate *t,
               const char                *triage_kind)
{
  const char *title = preferred_title (triage_kind);
  int rank = 0;

  if (title != NULL && g_utf8_collate (t->title, title) == 0)
    rank += 4;
  /* A complaint, health details or a crisis: first the replies that take
   * the matter offline ("please call the office"). */
  if ((g_strcmp0 (triage_kind, "complaint") == 0 || g_strcmp0 (triage_kind, "crisis") == 0 ||
       g_strcmp0 (triage_kind, "health_details") == 0) && asks_to_call (t->text))
    rank += 2;
  return rank;
}

typedef struct
{
  RoundsReplyTemplate *t;
  int                  rank;
  guint                index;
} Ranked;

static int
compare_ranked (gconstpointer a,
                gconstpointer b)
{
  const Ranked *ra = a;
  const Ranked *rb = b;

  if (ra->rank != rb->rank)
    return rb->rank - ra->rank;
  return (int)ra->index - (int)rb->index;
}

/**
 * rounds_plan_reply_templates:
 * @crisis: (nullable): the plan's crisis section; its templates, or the
 *   default ones when it has none
 * @practice: (nullable): fills the placeholders
 *
 * Returns: (transfer full) (element-type RoundsReplyTemplate): the safe
 *   replies, the best fit for @triage_kind first: for a complaint, the
 *   "please call the office" one.
 */
GPtrArray *
rounds_plan_reply_templates (JsonObject     *crisis,
                             RoundsPractice *practice,
                             const char     *triage_kind)
{
  g_autoptr(JsonObject) defaults = NULL;
  g_autoptr(GArray) ranked = g_array_new (FALSE, FALSE, sizeof (Ranked));
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify)rounds_reply_template_free);
  JsonArray *templates = rounds_plan_json_array (crisis, "templates");

  if (templates == NULL || json_array_get_length (templates) == 0)
    {
      const char * const *phones = practice ? rounds_practice_get_phones (practice) : NULL;

      /* In the language the practice publishes in (issue 21). */
      defaults = rounds_plan_default_crisis (phones != NULL ? phones[0] : NULL,
                                             practice ? rounds_practice_get_content_language (practice)
                                                      : NULL);
      templates = rounds_plan_json_array (defaults, "templates");
    }

  for (guint i = 0; templates != NULL && i < json_array_get_length (templates); i++)
    {
      JsonNode *node = json_array_get_element (templates, i);
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *text = rounds_plan_json_string (object, "text");
      Ranked r;

      if (object == NULL || text[0] == '\0')
        continue;
      r.t = g_new0 (RoundsReplyTemplate, 1);
      r.t->title = g_strdup (rounds_plan_json_string (object, "title"));
      r.t->text = rounds_plan_fill_reply_template (text, practice);
      r.rank = template_rank (r.t, triage_kind);
      r.index = i;
      g_array_append_val (ranked, r);
    }

  g_array_sort (ranked, compare_ranked);
  for (guint i = 0; i < ranked->len; i++)
    g_ptr_array_add (out, g_array_index (ranked, Ranked, i).t);
  return out;
}

/**
 * rounds_plan_crisis_approver:
 *
 * Returns: the name of who approves replies as the crisis plan wrote it:
 *   text typed before people existed, or the chosen person's name when
 *   they were chosen (rounds_plan_crisis_dup_approver() reads it now)
 */
const char *
rounds_plan_crisis_approver (JsonObject *crisis)
{
  return rounds_plan_json_string (crisis, "approver");
}

/**
 * rounds_plan_crisis_approver_id:
 *
 * Returns: the person chosen to approve replies (issue 20), or 0 when the
 *   plan names nobody or only a name typed before people existed
 */
gint64
rounds_plan_crisis_approver_id (JsonObject *crisis)
{
  return MAX (rounds_plan_json_int (crisis, "approver_id", 0), 0);
}

/**
 * rounds_plan_crisis_dup_approver:
 * @store: (nullable): the practice's people
 * @missing: (out) (optional): set when the chosen person is not among the
 *   practice's people any more
 *
 * Returns: (transfer full): who approves replies now: the chosen person's
 *   current name, the name the plan kept for a person no longer there, or
 *   the text typed before people existed ("" when none)
 */
char *
rounds_plan_crisis_dup_approver (JsonObject  *crisis,
                                 RoundsStore *store,
                                 gboolean    *missing)
{
  gint64 id = rounds_plan_crisis_approver_id (crisis);
  RoundsPerson *person = id > 0 && store != NULL ? rounds_store_lookup_person (store, id) : NULL;

  if (missing != NULL)
    *missing = id > 0 && person == NULL;
  if (person != NULL)
    return g_strdup (rounds_person_get_name (person));
  return g_strstrip (g_strdup (rounds_plan_crisis_approver (crisis)));
}

static void
add_step (GPtrArray  *steps,
          const char *id,
          char       *title,
          char       *detail)
{
  RoundsCrisisStep *step = g_new0 (RoundsCrisisStep, 1);

  step->id = g_strdup (id);
  step->title = title;
  step->detail = detail;
  g_ptr_array_add (steps, step);
}

static char *
person_or (JsonObject *crisis,
           const char *role,
           const char *fallback)
{
  g_autofree char *who = g_strstrip (g_strdup (rounds_plan_json_string (crisis, role)));

  return who[0] != '\0' ? g_steal_pointer (&who) : g_strdup (fallback);
}

/**
 * rounds_plan_crisis_checklist:
 * @crisis: (nullable)
 *
 * Returns: (transfer full) (element-type RoundsCrisisStep): what to do
 *   about a possible crisis, from the plan: who to call, the hold
 *   statement, do not delete, log everything, and the plan's own steps.
 */
GPtrArray *
rounds_plan_crisis_checklist (JsonObject *crisis)
{
  GPtrArray *steps = g_ptr_array_new_with_free_func ((GDestroyNotify)rounds_crisis_step_free);
  g_autofree char *officer = person_or (crisis, "privacy_officer", _("the privacy officer"));
  g_autofree char *approver = person_or (crisis, "approver", _("the approver"));
  JsonObject *levels = rounds_plan_json_object (crisis, "levels");
  const char *incident = rounds_plan_json_string (rounds_plan_json_object (levels,
                                                                           "privacy_incident"),
                                                  "steps");
  const char *media = rounds_plan_json_string (rounds_plan_json_object (levels, "media"), "steps");
  JsonArray *escalation = rounds_plan_json_array (crisis, "escalation");
  g_autoptr(GString) chain = g_string_new (NULL);

  for (guint i = 0; escalation != NULL && i < json_array_get_length (escalation); i++)
    {
      JsonNode *node = json_array_get_element (escalation, i);
      const char *who = NULL;

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        who = json_node_get_string (node);
      else if (JSON_NODE_HOLDS_OBJECT (node))
        who = rounds_plan_json_string (json_node_get_object (node), "name");
      if (who != NULL && who[0] != '\0')
        g_string_append_printf (chain, "%s%s", chain->len > 0 ? ", " : "", who);
    }

  add_step (steps, "call",
            /* TRANSLATORS: crisis checklist; %s is a person named in the crisis plan */
            g_strdup_printf (_("Call %s now"), officer),
            chain->len > 0
              ? g_strdup_printf (_("Then, if needed: %s. Tell %s too."), chain->str, approver)
              : g_strdup_printf (_("Tell %s too."), approver));
  add_step (steps, "hold", g_strdup (_("Reply only with the hold statement")),
            g_strdup (media[0] != '\0' ? media : _("Do not comment on the matter itself.")));
  add_step (steps, "keep", g_strdup (_("Do not delete the comment")),
            g_strdup (_("Deleting it looks like a cover-up and loses evidence. Hide it only "
                        "if it shows someone’s health details.")));
  add_step (steps, "log", g_strdup (_("Write down what happened")),
            g_strdup (incident[0] != '\0' ? incident
                                          : _("What was shown, where, since when and who saw it.")));
  return steps;
}

/**
 * rounds_plan_crisis_in_quiet_hours:
 * @crisis: (nullable): the plan's crisis section
 *
 * Whether the crisis plan says that a possible crisis is told at once,
 * also in quiet hours (member "crisis_in_quiet_hours"; off unless the
 * plan says so: quiet hours are the user's).
 */
gboolean
rounds_plan_crisis_in_quiet_hours (JsonObject *crisis)
{
  return rounds_plan_json_int (crisis, "crisis_in_quiet_hours", FALSE) != 0;
}
