/* rounds-plan.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-plan"

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>

#include "rounds-observances.h"
#include "rounds-content-language.h"
#include "rounds-plan.h"
#include "rounds-practice.h"

G_DEFINE_QUARK (rounds-plan-error-quark, rounds_plan_error)

static const char * const step_ids[] = {
  "profile", "goals", "audience", "strategy", "platforms", "crisis", NULL
};

static const char * const goal_kinds[] = { "awareness", "engagement", "bookings", "custom", NULL };
static const char * const metrics[] = { "followers", "interactions", "inquiries", "bookings", NULL };
static const char * const pillars[] = {
  "education", "news", "team", "community", "seasonal", "offers", NULL
};
static const char * const formats[] = { "text", "image", "video", "live", NULL };
static const char * const profile_items[] = {
  "image", "website", "contact", "phi_notice", "review_policy", NULL
};
static const char * const severities[] = {
  "negative_review", "health_details", "privacy_incident", "media", NULL
};

/* ------------------------------------------------------------------ */
/* JSON helpers                                                         */

const char *
rounds_plan_json_string (JsonObject *object,
                         const char *member)
{
  JsonNode *node;

  if (object == NULL || (node = json_object_get_member (object, member)) == NULL ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return "";

  return json_node_get_string (node);
}

gint64
rounds_plan_json_int (JsonObject *object,
                      const char *member,
                      gint64      fallback)
{
  JsonNode *node;
  GType type;

  if (object == NULL || (node = json_object_get_member (object, member)) == NULL ||
      !JSON_NODE_HOLDS_VALUE (node))
    return fallback;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    return json_node_get_int (node);
  if (type == G_TYPE_DOUBLE)
    return (gint64)json_node_get_double (node);
  if (type == G_TYPE_BOOLEAN)
    return json_node_get_boolean (node);

  return fallback;
}

JsonObject *
rounds_plan_json_object (JsonObject *object,
                         const char *member)
{
  JsonNode *node;

  if (object == NULL || (node = json_object_get_member (object, member)) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  return json_node_get_object (node);
}

JsonArray *
rounds_plan_json_array (JsonObject *object,
                        const char *member)
{
  JsonNode *node;

  if (object == NULL || (node = json_object_get_member (object, member)) == NULL ||
      !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;

  return json_node_get_array (node);
}

gboolean
rounds_plan_parse_date (const char *iso,
                        GDate      *date)
{
  int y, m, d;
  char tail;

  g_date_clear (date, 1);
  if (iso == NULL || sscanf (iso, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
    return FALSE;
  if (!g_date_valid_dmy (d, m, y))
    return FALSE;

  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

char *
rounds_plan_format_date (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

/* ------------------------------------------------------------------ */
/* Steps                                                                */

const char *
rounds_plan_step_to_string (RoundsPlanStep step)
{
  g_return_val_if_fail (step < ROUNDS_PLAN_N_STEPS, NULL);
  return step_ids[step];
}

gboolean
rounds_plan_step_from_string (const char     *str,
                              RoundsPlanStep *step)
{
  for (guint i = 0; i < ROUNDS_PLAN_N_STEPS; i++)
    if (g_strcmp0 (str, step_ids[i]) == 0)
      {
        *step = i;
        return TRUE;
      }
  return FALSE;
}

const char *
rounds_plan_step_get_title (RoundsPlanStep step)
{
  switch (step)
    {
    case ROUNDS_PLAN_STEP_PROFILE:   return _("Practice Profile");
    case ROUNDS_PLAN_STEP_GOALS:     return _("Goals");
    case ROUNDS_PLAN_STEP_AUDIENCE:  return _("Audience");
    case ROUNDS_PLAN_STEP_STRATEGY:  return _("Content Strategy");
    case ROUNDS_PLAN_STEP_PLATFORMS: return _("Platforms and Profiles");
    case ROUNDS_PLAN_STEP_CRISIS:    return _("Crisis Plan");
    default:                         return "";
    }
}

static gboolean
fail (char       **field,
      GError     **error,
      char        *field_name,
      const char  *format,
      ...) G_GNUC_PRINTF (4, 5);

static gboolean
fail (char       **field,
      GError     **error,
      char        *field_name,
      const char  *format,
      ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (field != NULL)
    *field = field_name;
  else
    g_free (field_name);

  g_set_error_literal (error, ROUNDS_PLAN_ERROR, ROUNDS_PLAN_ERROR_INVALID, message);
  return FALSE;
}

static gboolean
in_list (const char * const *list,
         const char         *value)
{
  return value != NULL && g_strv_contains (list, value);
}

static gboolean
validate_goals (JsonObject             *data,
                const RoundsPlanCheck  *check,
                char                  **field,
                GError                **error)
{
  JsonArray *goals = rounds_plan_json_array (data, "goals");
  guint n = goals != NULL ? json_array_get_length (goals) : 0;

  if (n == 0)
    return fail (field, error, g_strdup ("goals"), _("Choose at least one goal"));

  for (guint i = 0; i < n; i++)
    {
      JsonObject *goal = json_array_get_object_element (goals, i);
      const char *kind = rounds_plan_json_string (goal, "kind");
      const char *metric = rounds_plan_json_string (goal, "metric");
      gint64 baseline = rounds_plan_json_int (goal, "baseline", -1);
      gint64 target = rounds_plan_json_int (goal, "target", -1);
      const char *deadline_str = rounds_plan_json_string (goal, "deadline");
      g_autofree char *label = g_strstrip (g_strdup (rounds_plan_json_string (goal, "label")));
      GDate deadline;

      if (goal == NULL || !in_list (goal_kinds, kind))
        return fail (field, error, g_strdup_printf ("goals.%u.kind", i), _("Choose a kind of goal"));
      if (g_str_equal (kind, "custom") && label[0] == '\0')
        return fail (field, error, g_strdup_printf ("goals.%u.label", i),
                     _("Give your own goal a name"));
      if (!in_list (metrics, metric))
        return fail (field, error, g_strdup_printf ("goals.%u.metric", i),
                     _("Choose what to measure"));
      if (baseline < 0)
        return fail (field, error, g_strdup_printf ("goals.%u.baseline", i),
                     _("Enter where you are today (0 or more)"));
      if (target < 0)
        return fail (field, error, g_strdup_printf ("goals.%u.target", i),
                     _("Enter a target"));
      if (target <= baseline)
        return fail (field, error, g_strdup_printf ("goals.%u.target", i),
                     _("The target must be higher than today’s %" PRId64), baseline);
      if (deadline_str[0] == '\0')
        return fail (field, error, g_strdup_printf ("goals.%u.deadline", i),
                     _("A target needs a deadline"));
      if (!rounds_plan_parse_date (deadline_str, &deadline))
        return fail (field, error, g_strdup_printf ("goals.%u.deadline", i),
                     _("Write the deadline as year-month-day, for example 2026-09-30"));
      if (check != NULL && g_date_valid (&check->today) &&
          g_date_compare (&deadline, &check->today) <= 0)
        return fail (field, error, g_strdup_printf ("goals.%u.deadline", i),
                     _("The deadline must be after today"));
    }

  return TRUE;
}

static gboolean
validate_audience (JsonObject  *data,
                   char       **field,
                   GError     **error)
{
  JsonArray *personas = rounds_plan_json_array (data, "personas");
  guint n = personas != NULL ? json_array_get_length (personas) : 0;

  if (n == 0)
    return fail (field, error, g_strdup ("personas"), _("Describe at least one group of patients"));

  for (guint i = 0; i < n; i++)
    {
      JsonObject *persona = json_array_get_object_element (personas, i);
      g_autofree char *name = g_strstrip (g_strdup (rounds_plan_json_string (persona, "name")));
      gint64 age_min = rounds_plan_json_int (persona, "age_min", -1);
      gint64 age_max = rounds_plan_json_int (persona, "age_max", -1);
      JsonArray *networks = rounds_plan_json_array (persona, "networks");

      if (name[0] == '\0')
        return fail (field, error, g_strdup_printf ("personas.%u.name", i),
                     _("Give this group a name, such as “Young families”"));
      if (age_min < 0 || age_min > 120 || age_max < 0 || age_max > 120)
        return fail (field, error, g_strdup_printf ("personas.%u.age", i),
                     _("Ages go from 0 to 120"));
      if (age_min > age_max)
        return fail (field, error, g_strdup_printf ("personas.%u.age", i),
                     _("The youngest age must not be above the oldest"));
      if (networks == NULL || json_array_get_length (networks) == 0)
        return fail (field, error, g_strdup_printf ("personas.%u.networks", i),
                     _("Choose at least one network this group uses"));
    }

  return TRUE;
}

static gboolean
validate_strategy (JsonObject  *data,
                   char       **field,
                   GError     **error)
{
  JsonObject *mix = rounds_plan_json_object (data, "mix");
  JsonObject *cadence = rounds_plan_json_object (data, "cadence");
  JsonArray *chosen_formats = rounds_plan_json_array (data, "formats");
  gint64 total = 0;
  gint64 posts = 0;

  for (guint i = 0; pillars[i] != NULL; i++)
    {
      gint64 share = rounds_plan_json_int (mix, pillars[i], 0);

      if (share < 0 || share > 100)
        return fail (field, error, g_strdup_printf ("mix.%s", pillars[i]),
                     _("A share goes from 0 to 100%%"));
      total += share;
    }
  if (total != 100)
    return fail (field, error, g_strdup ("mix"),
                 _("The mix adds up to %" PRId64 "%%; it must total 100%%"), total);

  if (chosen_formats == NULL || json_array_get_length (chosen_formats) == 0)
    return fail (field, error, g_strdup ("formats"), _("Choose at least one format"));

  for (guint i = 0; i < ROUNDS_N_NETWORKS; i++)
    {
      const char *id = rounds_network_to_string (rounds_network_from_index (i));
      gint64 n = rounds_plan_json_int (cadence, id, 0);

      if (n < 0 || n > 14)
        return fail (field, error, g_strdup_printf ("cadence.%s", id),
                     _("Post from 0 to 14 times a week on each network"));
      posts += n;
    }
  if (posts == 0)
    return fail (field, error, g_strdup ("cadence"),
                 _("Plan at least one post a week on one network"));

  return TRUE;
}

static gboolean
validate_platforms (JsonObject  *data,
                    char       **field,
                    GError     **error)
{
  JsonObject *networks = rounds_plan_json_object (data, "networks");
  g_autoptr(GList) members = networks != NULL ? json_object_get_members (networks) : NULL;

  if (members == NULL)
    return fail (field, error, g_strdup ("networks"), _("Choose at least one network"));

  members = g_list_sort (members, (GCompareFunc)g_strcmp0);
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonObject *profile = rounds_plan_json_object (networks, l->data);
      RoundsNetwork network = rounds_network_from_string (l->data);
      g_autofree char *handle = g_strstrip (g_strdup (rounds_plan_json_string (profile, "handle")));
      g_autofree char *name = g_strstrip (g_strdup (rounds_plan_json_string (profile,
                                                                             "display_name")));

      if (network == ROUNDS_NETWORK_NONE)
        continue;
      if (handle[0] == '\0' || g_str_equal (handle, "@"))
        return fail (field, error, g_strdup_printf ("networks.%s.handle", (char *)l->data),
                     _("Enter the practice’s handle on %s"), rounds_network_get_label (network));
      if (name[0] == '\0')
        return fail (field, error, g_strdup_printf ("networks.%s.display_name", (char *)l->data),
                     _("Enter the name shown on %s"), rounds_network_get_label (network));
    }

  return TRUE;
}

static gboolean
validate_crisis (JsonObject             *data,
                 const RoundsPlanCheck  *check,
                 char                  **field,
                 GError                **error)
{
  static const char * const people[] = { "watcher", "replier", "approver", "privacy_officer", NULL };
  const char *people_messages[] = {
    N_("Name who watches the accounts"),
    N_("Name who writes replies"),
    N_("Name who approves replies"),
    N_("Name the privacy officer"),
  };
  JsonObject *levels = rounds_plan_json_object (data, "levels");
  JsonArray *templates = rounds_plan_json_array (data, "templates");

  for (guint i = 0; people[i] != NULL; i++)
    {
      g_autofree char *who = g_strstrip (g_strdup (rounds_plan_json_string (data, people[i])));

      /* The approver may be a person chosen by id (issue 20). */
      if (g_str_equal (people[i], "approver") && rounds_plan_json_int (data, "approver_id", 0) > 0)
        continue;
      if (who[0] == '\0')
        return fail (field, error, g_strdup (people[i]), "%s", _(people_messages[i]));
    }

  for (guint i = 0; severities[i] != NULL; i++)
    {
      JsonObject *level = rounds_plan_json_object (levels, severities[i]);
      gint64 hours = rounds_plan_json_int (level, "hours", 0);
      g_autofree char *steps = g_strstrip (g_strdup (rounds_plan_json_string (level, "steps")));

      if (hours <= 0 || hours > 24 * 14)
        return fail (field, error, g_strdup_printf ("levels.%s.hours", severities[i]),
                     _("Set a response time from 1 hour to 14 days for “%s”"),
                     rounds_plan_severity_label (severities[i]));
      if (steps[0] == '\0')
        return fail (field, error, g_strdup_printf ("levels.%s.steps", severities[i]),
                     _("Write what to do for “%s”"), rounds_plan_severity_label (severities[i]));
    }

  for (guint i = 0; templates != NULL && i < json_array_get_length (templates); i++)
    {
      JsonObject *template = json_array_get_object_element (templates, i);
      g_autoptr(GError) local_error = NULL;

      if (rounds_plan_json_string (template, "title")[0] == '\0')
        return fail (field, error, g_strdup_printf ("templates.%u.title", i),
                     _("Give every reply template a title"));
      if (check != NULL && check->scanner != NULL &&
          !rounds_plan_check_template (check->scanner, check->profile,
                                       rounds_plan_json_string (template, "text"), &local_error))
        return fail (field, error, g_strdup_printf ("templates.%u.text", i), "%s",
                     local_error->message);
    }

  return TRUE;
}

/**
 * rounds_plan_validate:
 * @field: (out) (optional) (transfer full): where the problem is, as a
 *   path ("goals.0.deadline", "mix"), for the form to point at
 *
 * Checks one step's answers. The profile step is checked by
 * rounds_practice_validate() and always passes here.
 */
gboolean
rounds_plan_validate (RoundsPlanStep          step,
                      JsonObject             *data,
                      const RoundsPlanCheck  *check,
                      char                  **field,
                      GError                **error)
{
  g_return_val_if_fail (step < ROUNDS_PLAN_N_STEPS, FALSE);

  if (field != NULL)
    *field = NULL;

  switch (step)
    {
    case ROUNDS_PLAN_STEP_PROFILE:   return TRUE;
    case ROUNDS_PLAN_STEP_GOALS:     return validate_goals (data, check, field, error);
    case ROUNDS_PLAN_STEP_AUDIENCE:  return validate_audience (data, field, error);
    case ROUNDS_PLAN_STEP_STRATEGY:  return validate_strategy (data, field, error);
    case ROUNDS_PLAN_STEP_PLATFORMS: return validate_platforms (data, field, error);
    case ROUNDS_PLAN_STEP_CRISIS:    return validate_crisis (data, check, field, error);
    default:                         g_assert_not_reached ();
    }
}

/* ------------------------------------------------------------------ */
/* Goals                                                                */

const char * const *
rounds_plan_goal_kinds (void)
{
  return goal_kinds;
}

const char *
rounds_plan_goal_kind_label (const char *kind)
{
  if (g_strcmp0 (kind, "awareness") == 0)  return _("Brand awareness");
  if (g_strcmp0 (kind, "engagement") == 0) return _("Patient engagement");
  if (g_strcmp0 (kind, "bookings") == 0)   return _("Appointment bookings");
  if (g_strcmp0 (kind, "custom") == 0)     return _("Your own goal");
  return "";
}

const char *
rounds_plan_goal_kind_metric (const char *kind)
{
  if (g_strcmp0 (kind, "awareness") == 0)  return "followers";
  if (g_strcmp0 (kind, "engagement") == 0) return "interactions";
  if (g_strcmp0 (kind, "bookings") == 0)   return "bookings";
  return "inquiries";
}

const char * const *
rounds_plan_metrics (void)
{
  return metrics;
}

const char *
rounds_plan_metric_label (const char *metric)
{
  if (g_strcmp0 (metric, "followers") == 0)    return _("Followers");
  if (g_strcmp0 (metric, "interactions") == 0) return _("Interactions a month");
  if (g_strcmp0 (metric, "inquiries") == 0)    return _("New-patient inquiries a month");
  if (g_strcmp0 (metric, "bookings") == 0)     return _("Bookings from social a month");
  return "";
}

/**
 * rounds_plan_suggest_target:
 *
 * A realistic target six months from @today. The published case this
 * follows: +30% interactions and +15% bookings in six months; followers
 * +20% and inquiries +15% are set at the same pace. Always at least one
 * more than @baseline.
 */
void
rounds_plan_suggest_target (const char  *metric,
                            gint64       baseline,
                            const GDate *today,
                            gint64      *target,
                            GDate       *deadline)
{
  double rise = 0.15;

  if (g_strcmp0 (metric, "interactions") == 0)
    rise = 0.30;
  else if (g_strcmp0 (metric, "followers") == 0)
    rise = 0.20;

  baseline = MAX (baseline, 0);
  if (target != NULL)
    *target = MAX (baseline + 1, (gint64)ceil (baseline * (1.0 + rise) - 1e-9));

  if (deadline != NULL)
    {
      *deadline = *today;
      g_date_add_months (deadline, 6);
    }
}

/* ------------------------------------------------------------------ */
/* Audience                                                             */

typedef struct
{
  const char *specialty;
  const char *name;
  int         age_min;
  int         age_max;
  const char *needs;
  const char *networks;  /* comma-separated network ids */
} PersonaSeed;

static const PersonaSeed persona_seeds[] = {
  { "family_medicine", N_("Busy parents"), 28, 45,
    N_("Quick answers on check-ups, vaccines and same-day visits"), "facebook,instagram" },
  { "family_medicine", N_("Active seniors"), 60, 85,
    N_("Flu shots, managing long-term conditions, clear opening hours"), "facebook,google" },
  { "family_medicine", N_("Working adults"), 30, 60,
    N_("Screenings, evening and telehealth appointments, quick refills"), "facebook,google" },
  { "dentistry", N_("Young families"), 28, 45,
    N_("Children’s first visits, gentle care, school-holiday slots"), "facebook,instagram" },
  { "dentistry", N_("Young professionals"), 22, 38,
    N_("Whitening, evening appointments, clear prices"), "instagram,google" },
  { "dentistry", N_("Adults who put off the dentist"), 35, 60,
    N_("Nervous patients, what a first visit involves, payment plans"), "facebook,google" },
  { "dentistry", N_("Older adults"), 60, 90,
    N_("Dentures, implants, dry mouth, gum health with medication"), "facebook,google" },
  { "dermatology", N_("Skin-conscious adults"), 20, 40,
    N_("Acne, skin care routines, what treatments involve"), "instagram" },
  { "dermatology", N_("Parents of teenagers"), 35, 55,
    N_("Teenage acne, eczema, when to see a dermatologist"), "facebook" },
  { "dermatology", N_("Outdoor and older adults"), 45, 80,
    N_("Mole checks, sun protection, skin cancer screening"), "facebook,google" },
  { "pediatrics", N_("New parents"), 24, 40,
    N_("Newborn visits, sleep, feeding, vaccine schedules"), "instagram,facebook" },
  { "pediatrics", N_("Parents of school-age children"), 30, 50,
    N_("Sports physicals, school forms, sick-day advice"), "facebook" },
  { "pediatrics", N_("Grandparents who help with care"), 55, 80,
    N_("Vaccines for the whole family, car seats, when to call"), "facebook" },
  { "physical_therapy", N_("Weekend athletes"), 25, 50,
    N_("Injury prevention, getting back to sport"), "instagram,facebook" },
  { "physical_therapy", N_("Recovering after surgery"), 45, 80,
    N_("What rehabilitation looks like, insurance and referrals"), "facebook,google" },
  { "physical_therapy", N_("Older adults keeping active"), 60, 90,
    N_("Balance, preventing falls, staying independent"), "facebook" },
  { "other", N_("Local adults"), 25, 65,
    N_("What the practice offers, how to book, opening hours"), "facebook,google" },
  { "other", N_("Newcomers to the area"), 20, 40,
    N_("Finding a practice, what insurance is accepted, how to register"), "instagram,google" },
  { "other", N_("Older neighbours"), 60, 90,
    N_("Accessible visits, clear opening hours, help by phone"), "facebook,google" },
};

static JsonObject *
persona_from_seed (const PersonaSeed *seed)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_auto(GStrv) networks = g_strsplit (seed->networks, ",", -1);
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, _(seed->name));
  json_builder_set_member_name (builder, "age_min");
  json_builder_add_int_value (builder, seed->age_min);
  json_builder_set_member_name (builder, "age_max");
  json_builder_add_int_value (builder, seed->age_max);
  json_builder_set_member_name (builder, "area");
  json_builder_add_string_value (builder, "");
  json_builder_set_member_name (builder, "needs");
  json_builder_add_string_value (builder, _(seed->needs));
  json_builder_set_member_name (builder, "networks");
  json_builder_begin_array (builder);
  for (guint i = 0; networks[i] != NULL; i++)
    json_builder_add_string_value (builder, networks[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "language");
  json_builder_add_string_value (builder, "");
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_object_ref (json_node_get_object (root));
}

/**
 * rounds_plan_suggest_personas:
 *
 * Returns: (transfer full): two typical patient groups for @specialty
 *   (persona objects as the audience step keeps them).
 */
JsonArray *
rounds_plan_suggest_personas (const char *specialty)
{
  JsonArray *result = json_array_new ();

  if (specialty == NULL || !g_strv_contains (rounds_practice_specialties (), specialty))
    specialty = "other";

  for (guint i = 0; i < G_N_ELEMENTS (persona_seeds); i++)
    if (g_str_equal (persona_seeds[i].specialty, specialty))
      json_array_add_object_element (result, persona_from_seed (&persona_seeds[i]));

  return result;
}

/**
 * rounds_plan_suggest_missing_personas:
 * @current: (nullable): the groups already in the audience
 *
 * The suggestions for @specialty that are not in @current yet (by name,
 * ignoring case): pressing "Add Suggestions" twice adds nothing twice.
 *
 * Returns: (transfer full): the groups to add, perhaps none.
 */
JsonArray *
rounds_plan_suggest_missing_personas (const char *specialty,
                                      JsonArray  *current)
{
  g_autoptr(JsonArray) suggested = rounds_plan_suggest_personas (specialty);
  JsonArray *result = json_array_new ();

  for (guint i = 0; i < json_array_get_length (suggested); i++)
    {
      JsonObject *persona = json_array_get_object_element (suggested, i);
      g_autofree char *name = g_utf8_casefold (rounds_plan_json_string (persona, "name"), -1);
      gboolean present = FALSE;

      for (guint j = 0; current != NULL && j < json_array_get_length (current) && !present; j++)
        {
          JsonObject *have = json_array_get_object_element (current, j);
          g_autofree char *stripped = g_strstrip (g_strdup (rounds_plan_json_string (have, "name")));
          g_autofree char *have_name = g_utf8_casefold (stripped, -1);

          present = g_str_equal (name, have_name);
        }
      if (!present)
        json_array_add_object_element (result, json_object_ref (persona));
    }

  return result;
}

/**
 * rounds_plan_recommend_networks:
 *
 * The networks to recommend from the audience answers: every network a
 * persona uses, Facebook for groups reaching 55 and over, Instagram for
 * groups starting under 35, and always Google (reviews and the map are
 * where new patients look first).
 */
RoundsNetwork
rounds_plan_recommend_networks (JsonObject *audience)
{
  JsonArray *personas = rounds_plan_json_array (audience, "personas");
  RoundsNetwork result = ROUNDS_NETWORK_GOOGLE;

  for (guint i = 0; personas != NULL && i < json_array_get_length (personas); i++)
    {
      JsonObject *persona = json_array_get_object_element (personas, i);
      JsonArray *networks = rounds_plan_json_array (persona, "networks");

      for (guint j = 0; networks != NULL && j < json_array_get_length (networks); j++)
        result |= rounds_network_from_string (json_array_get_string_element (networks, j));

      if (rounds_plan_json_int (persona, "age_max", 0) >= 55)
        result |= ROUNDS_NETWORK_FACEBOOK;
      if (rounds_plan_json_int (persona, "age_min", 99) < 35)
        result |= ROUNDS_NETWORK_INSTAGRAM;
    }

  return result;
}

/* ------------------------------------------------------------------ */
/* Strategy                                                             */

const char * const *
rounds_plan_pillars (void)
{
  return pillars;
}

const char *
rounds_plan_pillar_label (const char *pillar)
{
  if (g_strcmp0 (pillar, "education") == 0) return _("Education");
  if (g_strcmp0 (pillar, "news") == 0)      return _("Practice news");
  if (g_strcmp0 (pillar, "team") == 0)      return _("Meet the team");
  if (g_strcmp0 (pillar, "community") == 0) return _("Community");
  if (g_strcmp0 (pillar, "seasonal") == 0)  return _("Seasonal health awareness");
  if (g_strcmp0 (pillar, "offers") == 0)    return _("Offers");
  return "";
}

const char * const *
rounds_plan_formats (void)
{
  return formats;
}

const char *
rounds_plan_format_label (const char *format)
{
  if (g_strcmp0 (format, "text") == 0)  return _("Text");
  if (g_strcmp0 (format, "image") == 0) return _("Image");
  if (g_strcmp0 (format, "video") == 0) return _("Video");
  if (g_strcmp0 (format, "live") == 0)  return _("Live Q&A");
  return "";
}

/**
 * rounds_plan_default_strategy:
 *
 * Returns: (transfer full): a starting point that passes checking:
 *   education 40%, seasonal 20%, team 15%, news 10%, community 10%,
 *   offers 5%; text and images; Facebook 3, Instagram 2 and Google 1 a week.
 */
JsonObject *
rounds_plan_default_strategy (void)
{
  JsonObject *strategy = json_object_new ();
  JsonObject *mix = json_object_new ();
  JsonObject *cadence = json_object_new ();
  JsonArray *chosen = json_array_new ();

  json_object_set_int_member (mix, "education", 40);
  json_object_set_int_member (mix, "news", 10);
  json_object_set_int_member (mix, "team", 15);
  json_object_set_int_member (mix, "community", 10);
  json_object_set_int_member (mix, "seasonal", 20);
  json_object_set_int_member (mix, "offers", 5);
  json_array_add_string_element (chosen, "text");
  json_array_add_string_element (chosen, "image");
  json_object_set_int_member (cadence, "facebook", 3);
  json_object_set_int_member (cadence, "instagram", 2);
  json_object_set_int_member (cadence, "google", 1);

  json_object_set_object_member (strategy, "mix", mix);
  json_object_set_array_member (strategy, "formats", chosen);
  json_object_set_object_member (strategy, "cadence", cadence);
  return strategy;
}

typedef struct
{
  const char *pillar;
  const char *specialty;  /* NULL: every specialty */
  const char *idea;
} IdeaSeed;

static const IdeaSeed idea_seeds[] = {
  { "education", NULL, N_("Five questions to bring to your next check-up") },
  { "education", NULL, N_("Myth or fact: a common health belief, explained") },
  { "education", NULL, N_("When to call us and when to go to the emergency room") },
  { "education", "family_medicine", N_("What an annual physical covers, step by step") },
  { "education", "family_medicine", N_("Which vaccines adults need, by age") },
  { "education", "dentistry", N_("How to brush and floss: a 60-second video") },
  { "education", "dentistry", N_("What causes tooth sensitivity") },
  { "education", "dermatology", N_("The ABCDEs of checking a mole") },
  { "education", "dermatology", N_("How to read a sunscreen label") },
  { "education", "pediatrics", N_("Fever in children: when to worry") },
  { "education", "pediatrics", N_("The vaccine schedule from birth to school") },
  { "education", "physical_therapy", N_("Three stretches for desk workers") },
  { "education", "physical_therapy", N_("Warm-up mistakes that lead to injury") },
  { "news", NULL, N_("New opening hours or holiday closures") },
  { "news", NULL, N_("How to book online or by phone") },
  { "news", NULL, N_("A new service or piece of equipment, and what it does") },
  { "team", NULL, N_("Meet a team member: their role and a favourite hobby") },
  { "team", NULL, N_("A day behind the front desk") },
  { "team", NULL, N_("Why our clinicians chose their field") },
  { "community", NULL, N_("A local event or charity the practice supports") },
  { "community", NULL, N_("Thanking a local school, club or partner") },
  { "community", NULL, N_("Health resources in your area") },
  { "offers", NULL, N_("New patients welcome: how to register") },
  { "offers", NULL, N_("Flu shot clinic dates") },
  { "offers", "dentistry", N_("Whitening consultations this month") },
  { "seasonal", NULL, N_("Staying well in the heat or the cold this month") },
};

/**
 * rounds_plan_list_ideas:
 * @year: the year, for health observances with dates
 * @month: 1–12; 0 for no observances
 *
 * Returns: (transfer full) (element-type utf8): post ideas for @pillar and
 *   @specialty (general ideas, then the specialty's own).
 */
GPtrArray *
rounds_plan_list_ideas (const char *pillar,
                        const char *specialty,
                        int         year,
                        int         month)
{
  GPtrArray *ideas = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < G_N_ELEMENTS (idea_seeds); i++)
    if (g_strcmp0 (idea_seeds[i].pillar, pillar) == 0 &&
        (idea_seeds[i].specialty == NULL || g_strcmp0 (idea_seeds[i].specialty, specialty) == 0))
      g_ptr_array_add (ideas, g_strdup (_(idea_seeds[i].idea)));

  /* Seasonal health awareness follows the year's US health observances:
   * those that touch @month, with their dates. */
  if (g_strcmp0 (pillar, "seasonal") == 0 && month >= 1 && month <= 12 &&
      g_date_valid_year (year))
    {
      GDate from, to;
      g_autoptr(GPtrArray) observances = NULL;

      g_date_clear (&from, 1);
      g_date_clear (&to, 1);
      g_date_set_dmy (&from, 1, month, year);
      g_date_set_dmy (&to, g_date_get_days_in_month (month, year), month, year);
      observances = rounds_observances_for_range (&from, &to);

      for (guint i = 0; observances != NULL && i < observances->len; i++)
        {
          const RoundsObservance *o = g_ptr_array_index (observances, i);
          char first[64], last[64];

          g_date_strftime (first, sizeof first, "%b %-d", &o->start);
          g_date_strftime (last, sizeof last, "%b %-d", &o->end);
          if (g_date_compare (&o->start, &o->end) == 0)
            g_ptr_array_insert (ideas, i, g_strdup_printf ("%s (%s)", o->name, first));
          else
            g_ptr_array_insert (ideas, i, g_strdup_printf ("%s (%s–%s)", o->name, first, last));
        }
    }

  return ideas;
}

/**
 * rounds_plan_list_ideas_for_day:
 * @day: the day a post goes out, in practice time
 *
 * The ideas that make sense for a post on @day: for seasonal health
 * awareness, the observances under way on @day or starting within the
 * following week (never one that is over), then the undated seasonal
 * ideas; for other pillars the same as rounds_plan_list_ideas().
 *
 * Returns: (transfer full) (element-type utf8): the ideas, best first.
 */
GPtrArray *
rounds_plan_list_ideas_for_day (const char  *pillar,
                                const char  *specialty,
                                const GDate *day)
{
  GPtrArray *ideas = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) observances = NULL;
  GDate ahead;

  g_return_val_if_fail (day != NULL && g_date_valid (day), ideas);

  for (guint i = 0; i < G_N_ELEMENTS (idea_seeds); i++)
    if (g_strcmp0 (idea_seeds[i].pillar, pillar) == 0 &&
        (idea_seeds[i].specialty == NULL || g_strcmp0 (idea_seeds[i].specialty, specialty) == 0))
      g_ptr_array_add (ideas, g_strdup (_(idea_seeds[i].idea)));

  if (g_strcmp0 (pillar, "seasonal") != 0)
    return ideas;

  ahead = *day;
  g_date_add_days (&ahead, 7);
  observances = rounds_observances_for_range (day, &ahead);
  for (guint i = 0, at = 0; observances != NULL && i < observances->len; i++)
    {
      const RoundsObservance *o = g_ptr_array_index (observances, i);
      char first[64], last[64];

      if (g_date_compare (&o->end, day) < 0)
        continue;
      g_date_strftime (first, sizeof first, "%b %-d", &o->start);
      g_date_strftime (last, sizeof last, "%b %-d", &o->end);
      if (g_date_compare (&o->start, &o->end) == 0)
        g_ptr_array_insert (ideas, at++, g_strdup_printf ("%s (%s)", o->name, first));
      else
        g_ptr_array_insert (ideas, at++, g_strdup_printf ("%s (%s–%s)", o->name, first, last));
    }

  return ideas;
}

/* ------------------------------------------------------------------ */
/* Platforms and profiles                                               */

const char * const *
rounds_plan_profile_items (void)
{
  return profile_items;
}

const char *
rounds_plan_profile_item_label (const char *item)
{
  if (g_strcmp0 (item, "image") == 0)         return _("Profile image or logo");
  if (g_strcmp0 (item, "website") == 0)       return _("Link to the practice website");
  if (g_strcmp0 (item, "contact") == 0)       return _("Phone number and address");
  if (g_strcmp0 (item, "phi_notice") == 0)    return _("“Please don’t share personal health information here”");
  if (g_strcmp0 (item, "review_policy") == 0) return _("How the practice answers reviews");
  return "";
}

static char *
normalize_name (const char *name)
{
  g_autofree char *folded = g_utf8_casefold (name != NULL ? name : "", -1);
  GString *out = g_string_new (NULL);

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

/**
 * rounds_plan_check_consistency:
 *
 * Compares the profiles across networks: a display name that differs
 * from the practice name (ignoring case, spaces and punctuation) and
 * handles that are not the same everywhere (ignoring "@" and case).
 *
 * Returns: (transfer full) (element-type utf8): one message per problem,
 *   empty when the profiles agree.
 */
GPtrArray *
rounds_plan_check_consistency (JsonObject *platforms,
                               const char *practice_name)
{
  GPtrArray *problems = g_ptr_array_new_with_free_func (g_free);
  JsonObject *networks = rounds_plan_json_object (platforms, "networks");
  g_autofree char *practice = normalize_name (practice_name);
  g_autofree char *first_handle = NULL;
  const char *first_network = NULL;
  gboolean handles_differ = FALSE;
  g_autoptr(GString) handle_list = g_string_new (NULL);

  for (guint i = 0; i < ROUNDS_N_NETWORKS; i++)
    {
      RoundsNetwork network = rounds_network_from_index (i);
      const char *id = rounds_network_to_string (network);
      JsonObject *profile = rounds_plan_json_object (networks, id);
      const char *display = rounds_plan_json_string (profile, "display_name");
      const char *handle = rounds_plan_json_string (profile, "handle");
      g_autofree char *display_key = NULL;
      g_autofree char *handle_key = NULL;

      if (profile == NULL)
        continue;

      display_key = normalize_name (display);
      if (display_key[0] != '\0' && practice[0] != '\0' && !g_str_equal (display_key, practice))
        g_ptr_array_add (problems,
                         g_strdup_printf (_("The name on %s, “%s”, differs from the practice name"),
                                          rounds_network_get_label (network), display));

      handle_key = normalize_name (handle);
      if (handle_key[0] == '\0')
        continue;

      if (handle_list->len > 0)
        g_string_append (handle_list, ", ");
      g_string_append_printf (handle_list, "%s %s", rounds_network_get_label (network), handle);

      if (first_handle == NULL)
        {
          first_handle = g_steal_pointer (&handle_key);
          first_network = id;
        }
      else if (!g_str_equal (first_handle, handle_key))
        handles_differ = TRUE;
    }

  if (handles_differ)
    g_ptr_array_add (problems,
                     g_strdup_printf (_("Your handles differ between networks (%s); "
                                        "use one handle everywhere if you can"),
                                      handle_list->str));
  (void)first_network;

  return problems;
}

/* ------------------------------------------------------------------ */
/* Crisis plan                                                          */

const char * const *
rounds_plan_severities (void)
{
  return severities;
}

const char *
rounds_plan_severity_label (const char *severity)
{
  if (g_strcmp0 (severity, "negative_review") == 0)  return _("Negative review");
  if (g_strcmp0 (severity, "health_details") == 0)   return _("Complaint with health details");
  if (g_strcmp0 (severity, "privacy_incident") == 0) return _("Privacy incident");
  if (g_strcmp0 (severity, "media") == 0)            return _("Media attention");
  return "";
}

static void
add_template (JsonArray  *templates,
              const char *title,
              const char *text)
{
  JsonObject *template = json_object_new ();

  json_object_set_string_member (template, "title", title);
  json_object_set_string_member (template, "text", text);
  json_array_add_object_element (templates, template);
}

static void
add_level (JsonObject *levels,
           const char *severity,
           int         hours,
           const char *steps)
{
  JsonObject *level = json_object_new ();

  json_object_set_int_member (level, "hours", hours);
  json_object_set_string_member (level, "steps", steps);
  json_object_set_object_member (levels, severity, level);
}

/**
 * rounds_plan_default_crisis:
 * @phone: (nullable): the practice's main phone number, for the templates
 *
 * Returns: (transfer full): the severity levels with their response times
 *   and steps, and the HIPAA-safe reply templates (they never confirm that
 *   someone is a patient and take the matter offline by phone). The
 *   people are left for the practice to name.
 */
JsonObject *
rounds_plan_default_crisis (const char *phone,
                            const char *language)
{
  JsonObject *crisis = json_object_new ();
  JsonObject *levels = json_object_new ();
  JsonArray *templates = json_array_new ();
  g_autofree char *call = NULL;

  if (phone != NULL && phone[0] != '\0')
    call = g_strdup_printf (rounds_content_gettext (language, N_("please call our practice manager at %s")),
                            phone);
  else
    call = g_strdup (rounds_content_gettext (language,
                                             N_("please call our office and ask for the practice manager")));

  add_level (levels, "negative_review", 24,
             _("Do not confirm or deny that the reviewer is a patient. Reply once, politely, "
               "with the “Negative review” template. Offer a phone call; never discuss care in public."));
  add_level (levels, "health_details", 4,
             _("Do not repeat any detail. Hide the comment if the network allows it. Reply with "
               "the “Health details shared” template and tell the privacy officer."));
  add_level (levels, "privacy_incident", 1,
             _("Remove the post or reply at once. Tell the privacy officer. Write down what was "
               "shown, where and for how long. Follow the practice’s breach procedure."));
  add_level (levels, "media", 4,
             _("Do not comment. Pass every question to the approver, who answers with the "
               "“Media inquiry” template after speaking to the privacy officer."));

  {
    /* What is published is in the practice's content language; the
     * titles and the steps are for the staff, in the interface's. */
    g_autofree char *negative = g_strdup_printf (
      rounds_content_gettext (language,
                              N_("Thank you for your feedback. We take every concern seriously, but "
                                 "privacy rules keep us from discussing anyone’s care online. So "
                                 "that we can listen properly, %s.")), call);
    g_autofree char *details = g_strdup_printf (
      rounds_content_gettext (language,
                              N_("We are sorry to hear this. To protect your privacy we never "
                                 "discuss health matters here; %s.")), call);
    g_autofree char *media = g_strdup_printf (
      rounds_content_gettext (language,
                              N_("Thank you for getting in touch. We do not comment on individual "
                                 "matters; for any question, %s.")), call);

    add_template (templates, _("Negative review"), negative);
    add_template (templates, _("Health details shared"), details);
    add_template (templates, _("Positive review"),
                  rounds_content_gettext (language,
                                          N_("Thank you for your kind words. Our whole team works "
                                             "hard to make everyone who contacts us feel welcome.")));
    add_template (templates, _("Media inquiry"), media);
  }

  json_object_set_string_member (crisis, "watcher", "");
  json_object_set_string_member (crisis, "replier", "");
  json_object_set_string_member (crisis, "approver", "");
  json_object_set_string_member (crisis, "privacy_officer", "");
  json_object_set_array_member (crisis, "escalation", json_array_new ());
  json_object_set_object_member (crisis, "levels", levels);
  json_object_set_array_member (crisis, "templates", templates);
  return crisis;
}

/**
 * rounds_plan_check_template:
 *
 * Scans a reply template as a review reply. A template with a blocking
 * finding (a patient's details, confirming someone is a patient) may not
 * be saved.
 *
 * Returns: %FALSE with %ROUNDS_PLAN_ERROR_BLOCKED and the first blocking
 *   finding's message when the template must not be saved.
 */
gboolean
rounds_plan_check_template (RoundsScanner            *scanner,
                            RoundsComplianceProfile  *profile,
                            const char               *text,
                            GError                  **error)
{
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));

  g_return_val_if_fail (ROUNDS_IS_SCANNER (scanner), FALSE);

  if (stripped[0] == '\0')
    {
      g_set_error_literal (error, ROUNDS_PLAN_ERROR, ROUNDS_PLAN_ERROR_INVALID,
                           _("A reply template needs some text"));
      return FALSE;
    }

  findings = rounds_scanner_scan (scanner, text, -1, ROUNDS_TEXT_KIND_REVIEW_REPLY, NULL, profile,
                                  &local_error);
  if (findings == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  for (guint i = 0; i < findings->len; i++)
    {
      RoundsFinding *finding = g_ptr_array_index (findings, i);

      if (rounds_finding_get_severity (finding) == ROUNDS_FINDING_SEVERITY_BLOCK)
        {
          g_set_error (error, ROUNDS_PLAN_ERROR, ROUNDS_PLAN_ERROR_BLOCKED,
                       _("This template cannot be saved: %s"), rounds_finding_get_message (finding));
          return FALSE;
        }
    }

  return TRUE;
}
