/* rounds-triage.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rounds-types.h"

G_BEGIN_DECLS

/* Inbox triage: what a comment or review is about, from its text and its
 * star rating alone (pure text, no store, no network). The rules are data:
 * resources/compliance/triage.json, English and Spanish (README.md there,
 * "Triage").
 *
 * One kind per item, the first that holds in this order:
 *
 *   crisis          crisis phrases weigh at least the pack's threshold
 *   spam            spam phrases (a link counts once) weigh at least the threshold
 *   health-details  a care word near "my"/"I"/"me" (or "mi", "me", "tengo"),
 *                   or a phrase like "I was diagnosed": the writer tells of
 *                   their own (or their family's) care
 *   complaint       complaint words (and negated praise, "no lo recomiendo")
 *                   outweigh praise; 1★ and 2★ count as complaint words
 *   question        a question mark, or a sentence that opens like a question
 *   praise          praise words, or 4★/5★
 *   other           nothing of the above
 *
 * rounds_triage_result.evidence has bit (1 << kind) set for every kind
 * that had any evidence, so a caller can tell "complaint that also names a
 * treatment" from a plain complaint. */

typedef struct _RoundsTriageRules RoundsTriageRules;

typedef struct
{
  RoundsTriageKind kind;
  guint            evidence;   /* 1 << kind for every kind with any evidence */
} RoundsTriageResult;

RoundsTriageRules *rounds_triage_rules_new_from_data (const char          *json,
                                                      gssize               length,
                                                      GError             **error);
RoundsTriageRules *rounds_triage_rules_get_default   (void);
void               rounds_triage_rules_free          (RoundsTriageRules   *rules);

void               rounds_triage_classify_full       (RoundsTriageRules   *rules,
                                                      const char          *text,
                                                      int                  rating,
                                                      RoundsTriageResult  *result);
RoundsTriageKind   rounds_triage_classify            (const char          *text,
                                                      int                  rating);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RoundsTriageRules, rounds_triage_rules_free)

G_END_DECLS
