/* rounds-finding.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-finding"

#include "config.h"

#include <string.h>

#include "rounds-compliance-private.h"

struct _RoundsFinding
{
  gatomicrefcount        ref_count;
  guint                  start;
  guint                  end;
  RoundsFindingCategory  category;
  RoundsFindingSeverity  severity;
  char                  *rule;        /* GRefString */
  char                  *message;     /* GRefString */
  char                  *suggestion;  /* GRefString */
  const char            *language;    /* interned content language, or NULL */
};

G_DEFINE_BOXED_TYPE (RoundsFinding, rounds_finding, rounds_finding_ref, rounds_finding_unref)

static const char * const category_names[] = {
  "name", "date", "age", "phone", "fax", "email", "ssn", "mrn", "health_plan", "account",
  "license", "vehicle", "device", "url", "ip", "address", "other_id",
  "patient_reference", "review_confirmation", "testimonial", "guarantee", "medical_advice",
  "missing_disclosure",
};

G_STATIC_ASSERT (G_N_ELEMENTS (category_names) == ROUNDS_FINDING_CATEGORY_LAST + 1);

static const char * const severity_names[] = { "info", "warn", "block" };

const char *
rounds_finding_category_to_string (RoundsFindingCategory category)
{
  g_return_val_if_fail ((guint) category <= ROUNDS_FINDING_CATEGORY_LAST, NULL);
  return category_names[category];
}

gboolean
rounds_finding_category_from_string (const char            *str,
                                     RoundsFindingCategory *category)
{
  g_return_val_if_fail (category != NULL, FALSE);

  if (str == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (category_names); i++)
    {
      if (strcmp (str, category_names[i]) == 0)
        {
          *category = (RoundsFindingCategory) i;
          return TRUE;
        }
    }

  return FALSE;
}

/* TRUE for the HIPAA Safe Harbor identifier categories, FALSE for risk
 * language. */
gboolean
rounds_finding_category_is_identifier (RoundsFindingCategory category)
{
  return category <= ROUNDS_FINDING_CATEGORY_OTHER_ID;
}

const char *
rounds_finding_severity_to_string (RoundsFindingSeverity severity)
{
  g_return_val_if_fail ((guint) severity < G_N_ELEMENTS (severity_names), NULL);
  return severity_names[severity];
}

gboolean
rounds_finding_severity_from_string (const char            *str,
                                     RoundsFindingSeverity *severity)
{
  g_return_val_if_fail (severity != NULL, FALSE);

  if (str == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (severity_names); i++)
    {
      if (strcmp (str, severity_names[i]) == 0)
        {
          *severity = (RoundsFindingSeverity) i;
          return TRUE;
        }
    }

  return FALSE;
}

RoundsFinding *
rounds_finding_new (guint                  start,
                    guint                  end,
                    const char            *rule,
                    RoundsFindingCategory  category,
                    RoundsFindingSeverity  severity,
                    const char            *message,
                    const char            *suggestion)
{
  RoundsFinding *self;

  g_return_val_if_fail (start <= end, NULL);
  g_return_val_if_fail (rule != NULL, NULL);
  g_return_val_if_fail ((guint) category <= ROUNDS_FINDING_CATEGORY_LAST, NULL);

  self = g_new0 (RoundsFinding, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->start = start;
  self->end = end;
  self->rule = g_ref_string_new (rule);
  self->category = category;
  self->severity = severity;
  self->message = g_ref_string_new (message ? message : "");
  self->suggestion = g_ref_string_new (suggestion ? suggestion : "");

  return self;
}

RoundsFinding *
_rounds_finding_new_shared (guint                  start,
                            guint                  end,
                            char                  *rule,
                            RoundsFindingCategory  category,
                            RoundsFindingSeverity  severity,
                            char                  *message,
                            char                  *suggestion)
{
  RoundsFinding *self = g_new (RoundsFinding, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->start = start;
  self->end = end;
  self->rule = g_ref_string_acquire (rule);
  self->category = category;
  self->severity = severity;
  self->message = g_ref_string_acquire (message);
  self->suggestion = g_ref_string_acquire (suggestion);

  return self;
}

RoundsFinding *
rounds_finding_ref (RoundsFinding *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
rounds_finding_unref (RoundsFinding *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_ref_string_release (self->rule);
      g_ref_string_release (self->message);
      g_ref_string_release (self->suggestion);
      g_free (self);
    }
}

guint
rounds_finding_get_start (const RoundsFinding *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->start;
}

guint
rounds_finding_get_end (const RoundsFinding *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->end;
}

const char *
rounds_finding_get_rule (const RoundsFinding *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->rule;
}

RoundsFindingCategory
rounds_finding_get_category (const RoundsFinding *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->category;
}

RoundsFindingSeverity
rounds_finding_get_severity (const RoundsFinding *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->severity;
}

const char *
rounds_finding_get_message (const RoundsFinding *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->message;
}

const char *
rounds_finding_get_suggestion (const RoundsFinding *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->suggestion;
}

/* {"start":…, "end":…, "rule":…, "category":…, "severity":…, "message":…,
 *  "suggestion":…} in that order (DESIGN.md §5). */
JsonNode *
rounds_finding_to_json (const RoundsFinding *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "start");
  json_builder_add_int_value (builder, self->start);
  json_builder_set_member_name (builder, "end");
  json_builder_add_int_value (builder, self->end);
  json_builder_set_member_name (builder, "rule");
  json_builder_add_string_value (builder, self->rule);
  json_builder_set_member_name (builder, "category");
  json_builder_add_string_value (builder, category_names[self->category]);
  json_builder_set_member_name (builder, "severity");
  json_builder_add_string_value (builder, severity_names[self->severity]);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, self->message);
  json_builder_set_member_name (builder, "suggestion");
  json_builder_add_string_value (builder, self->suggestion);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

JsonNode *
rounds_findings_to_json (GPtrArray *findings)
{
  JsonArray *array;
  JsonNode *node;

  g_return_val_if_fail (findings != NULL, NULL);

  array = json_array_sized_new (findings->len);
  for (guint i = 0; i < findings->len; i++)
    json_array_add_element (array, rounds_finding_to_json (g_ptr_array_index (findings, i)));

  node = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (node, array);
  return node;
}

gboolean
rounds_findings_have_blocking (GPtrArray *findings)
{
  g_return_val_if_fail (findings != NULL, FALSE);

  for (guint i = 0; i < findings->len; i++)
    {
      const RoundsFinding *f = g_ptr_array_index (findings, i);

      if (f->severity == ROUNDS_FINDING_SEVERITY_BLOCK)
        return TRUE;
    }

  return FALSE;
}

/* The content language of the text it was found in (the scanner copies it
 * from the compliance profile): an automatic fix writes in it. */
void
_rounds_finding_set_language (RoundsFinding *self,
                              const char    *language)
{
  g_return_if_fail (self != NULL);
  self->language = language != NULL ? g_intern_string (language) : NULL;
}

/**
 * rounds_finding_get_language:
 *
 * Returns: (nullable): the content language of the text the finding was
 *   found in, or %NULL when the scan had no practice profile (English).
 */
const char *
rounds_finding_get_language (const RoundsFinding *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->language;
}
