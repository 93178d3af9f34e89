/* rounds-finding.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* How serious a finding is (DESIGN.md §5). */
typedef enum
{
  ROUNDS_FINDING_SEVERITY_INFO,
  ROUNDS_FINDING_SEVERITY_WARN,
  ROUNDS_FINDING_SEVERITY_BLOCK,
} RoundsFindingSeverity;

/* The fixed category vocabulary of DESIGN.md §5. The string forms
 * (rounds_finding_category_to_string()) are the ones in the JSON output. */
typedef enum
{
  ROUNDS_FINDING_CATEGORY_NAME,
  ROUNDS_FINDING_CATEGORY_DATE,
  ROUNDS_FINDING_CATEGORY_AGE,
  ROUNDS_FINDING_CATEGORY_PHONE,
  ROUNDS_FINDING_CATEGORY_FAX,
  ROUNDS_FINDING_CATEGORY_EMAIL,
  ROUNDS_FINDING_CATEGORY_SSN,
  ROUNDS_FINDING_CATEGORY_MRN,
  ROUNDS_FINDING_CATEGORY_HEALTH_PLAN,
  ROUNDS_FINDING_CATEGORY_ACCOUNT,
  ROUNDS_FINDING_CATEGORY_LICENSE,
  ROUNDS_FINDING_CATEGORY_VEHICLE,
  ROUNDS_FINDING_CATEGORY_DEVICE,
  ROUNDS_FINDING_CATEGORY_URL,
  ROUNDS_FINDING_CATEGORY_IP,
  ROUNDS_FINDING_CATEGORY_ADDRESS,
  ROUNDS_FINDING_CATEGORY_OTHER_ID,
  ROUNDS_FINDING_CATEGORY_PATIENT_REFERENCE,
  ROUNDS_FINDING_CATEGORY_REVIEW_CONFIRMATION,
  ROUNDS_FINDING_CATEGORY_TESTIMONIAL,
  ROUNDS_FINDING_CATEGORY_GUARANTEE,
  ROUNDS_FINDING_CATEGORY_MEDICAL_ADVICE,
  ROUNDS_FINDING_CATEGORY_MISSING_DISCLOSURE,
} RoundsFindingCategory;

#define ROUNDS_FINDING_CATEGORY_LAST ROUNDS_FINDING_CATEGORY_MISSING_DISCLOSURE

#define ROUNDS_TYPE_FINDING (rounds_finding_get_type ())

typedef struct _RoundsFinding RoundsFinding;

GType                  rounds_finding_get_type              (void) G_GNUC_CONST;

RoundsFinding         *rounds_finding_new                   (guint                  start,
                                                             guint                  end,
                                                             const char            *rule,
                                                             RoundsFindingCategory  category,
                                                             RoundsFindingSeverity  severity,
                                                             const char            *message,
                                                             const char            *suggestion);
RoundsFinding         *rounds_finding_ref                   (RoundsFinding         *self);
void                   rounds_finding_unref                 (RoundsFinding         *self);

/* The rule, message and suggestion are GRefStrings: a caller may keep
 * one past the finding with g_ref_string_acquire () (the line writer of
 * rounds-check keys its cache by their addresses that way). */
guint                  rounds_finding_get_start             (const RoundsFinding   *self);
guint                  rounds_finding_get_end               (const RoundsFinding   *self);
const char            *rounds_finding_get_rule              (const RoundsFinding   *self);
RoundsFindingCategory  rounds_finding_get_category          (const RoundsFinding   *self);
RoundsFindingSeverity  rounds_finding_get_severity          (const RoundsFinding   *self);
const char            *rounds_finding_get_message           (const RoundsFinding   *self);
const char            *rounds_finding_get_language          (const RoundsFinding   *self);
const char            *rounds_finding_get_suggestion        (const RoundsFinding   *self);

JsonNode              *rounds_finding_to_json               (const RoundsFinding   *self);
JsonNode              *rounds_findings_to_json              (GPtrArray             *findings);
gboolean               rounds_findings_have_blocking        (GPtrArray             *findings);

const char            *rounds_finding_category_to_string    (RoundsFindingCategory  category);
gboolean               rounds_finding_category_from_string  (const char            *str,
                                                             RoundsFindingCategory *category);
gboolean               rounds_finding_category_is_identifier (RoundsFindingCategory category);
const char            *rounds_finding_severity_to_string    (RoundsFindingSeverity  severity);
gboolean               rounds_finding_severity_from_string  (const char            *str,
                                                             RoundsFindingSeverity *severity);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RoundsFinding, rounds_finding_unref)

G_END_DECLS
