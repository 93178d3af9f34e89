/* rounds-plan.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "rounds-compliance-profile.h"
#include "rounds-scanner.h"
#include "rounds-types.h"

G_BEGIN_DECLS

/* The rollout plan: six steps, each kept as one JSON document (see
 * docs/plan.md for their shapes). This file holds what the steps mean:
 * checking, suggestions and the content library. No storage, no GTK. */

typedef enum
{
  ROUNDS_PLAN_STEP_PROFILE,
  ROUNDS_PLAN_STEP_GOALS,
  ROUNDS_PLAN_STEP_AUDIENCE,
  ROUNDS_PLAN_STEP_STRATEGY,
  ROUNDS_PLAN_STEP_PLATFORMS,
  ROUNDS_PLAN_STEP_CRISIS,
} RoundsPlanStep;

#define ROUNDS_PLAN_N_STEPS 6

#define ROUNDS_PLAN_ERROR (rounds_plan_error_quark ())

typedef enum
{
  ROUNDS_PLAN_ERROR_INVALID,
  ROUNDS_PLAN_ERROR_BLOCKED,
} RoundsPlanError;

/* What checking a step needs besides its data. */
typedef struct
{
  GDate                    today;      /* in practice time */
  RoundsScanner           *scanner;    /* nullable: templates not scanned */
  RoundsComplianceProfile *profile;    /* nullable */
} RoundsPlanCheck;

GQuark              rounds_plan_error_quark          (void);

const char         *rounds_plan_step_to_string       (RoundsPlanStep  step);
gboolean            rounds_plan_step_from_string     (const char     *str,
                                                      RoundsPlanStep *step);
const char         *rounds_plan_step_get_title       (RoundsPlanStep  step);

gboolean            rounds_plan_validate             (RoundsPlanStep          step,
                                                      JsonObject             *data,
                                                      const RoundsPlanCheck  *check,
                                                      char                  **field,
                                                      GError                **error);

/* Goals */
const char * const *rounds_plan_goal_kinds           (void);
const char         *rounds_plan_goal_kind_label      (const char     *kind);
const char         *rounds_plan_goal_kind_metric     (const char     *kind);
const char * const *rounds_plan_metrics              (void);
const char         *rounds_plan_metric_label         (const char     *metric);
void                rounds_plan_suggest_target       (const char     *metric,
                                                      gint64          baseline,
                                                      const GDate    *today,
                                                      gint64         *target,
                                                      GDate          *deadline);

/* Audience */
JsonArray          *rounds_plan_suggest_personas     (const char     *specialty);
JsonArray          *rounds_plan_suggest_missing_personas (const char *specialty,
                                                         JsonArray  *current);
RoundsNetwork       rounds_plan_recommend_networks   (JsonObject     *audience);

/* Strategy */
const char * const *rounds_plan_pillars              (void);
const char         *rounds_plan_pillar_label         (const char     *pillar);
const char * const *rounds_plan_formats              (void);
const char         *rounds_plan_format_label         (const char     *format);
JsonObject         *rounds_plan_default_strategy     (void);
GPtrArray          *rounds_plan_list_ideas_for_day   (const char     *pillar,
                                                     const char     *specialty,
                                                     const GDate    *day);
GPtrArray          *rounds_plan_list_ideas           (const char     *pillar,
                                                      const char     *specialty,
                                                      int             year,
                                                      int             month);

/* Platforms and profiles */
const char * const *rounds_plan_profile_items        (void);
const char         *rounds_plan_profile_item_label   (const char     *item);
GPtrArray          *rounds_plan_check_consistency    (JsonObject     *platforms,
                                                      const char     *practice_name);

/* Crisis plan */
const char * const *rounds_plan_severities           (void);
const char         *rounds_plan_severity_label       (const char     *severity);
JsonObject         *rounds_plan_default_crisis       (const char     *phone,
                                                      const char     *language);
gboolean            rounds_plan_check_template       (RoundsScanner            *scanner,
                                                      RoundsComplianceProfile  *profile,
                                                      const char               *text,
                                                      GError                  **error);

/* Small JSON helpers shared by the plan code and its widgets. */
const char         *rounds_plan_json_string          (JsonObject     *object,
                                                      const char     *member);
gint64              rounds_plan_json_int             (JsonObject     *object,
                                                      const char     *member,
                                                      gint64          fallback);
JsonObject         *rounds_plan_json_object          (JsonObject     *object,
                                                      const char     *member);
JsonArray          *rounds_plan_json_array           (JsonObject     *object,
                                                      const char     *member);
gboolean            rounds_plan_parse_date           (const char     *iso,
                                                      GDate          *date);
char               *rounds_plan_format_date          (const GDate    *date);

G_END_DECLS
