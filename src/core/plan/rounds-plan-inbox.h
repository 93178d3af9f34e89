/* rounds-plan-inbox.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "rounds-store.h"

#include "rounds-practice.h"

G_BEGIN_DECLS

/* The crisis plan at work in the Inbox: response times per triage kind,
 * the safe reply templates in the order to suggest them, and the
 * checklist a possible crisis opens. Triage kinds are the strings of
 * DESIGN.md §9: question, praise, complaint, health_details, crisis,
 * spam. Pure functions over the plan's "crisis" section (NULL: the
 * defaults). */

typedef struct
{
  char *title;
  char *text;
} RoundsReplyTemplate;

typedef struct
{
  char *id;          /* "call", "hold", "keep", "log", "escalate" */
  char *title;
  char *detail;
} RoundsCrisisStep;

void                 rounds_reply_template_free         (RoundsReplyTemplate *self);
void                 rounds_crisis_step_free            (RoundsCrisisStep    *self);

gint64               rounds_plan_response_seconds       (JsonObject     *crisis,
                                                         const char     *triage_kind);
gint64               rounds_plan_reply_due_at           (JsonObject     *crisis,
                                                         const char     *triage_kind,
                                                         gint64          received_at);
gboolean             rounds_plan_is_overdue             (JsonObject     *crisis,
                                                         const char     *triage_kind,
                                                         gint64          received_at,
                                                         gboolean        answered,
                                                         gint64          now);
GPtrArray           *rounds_plan_reply_templates        (JsonObject     *crisis,
                                                         RoundsPractice *practice,
                                                         const char     *triage_kind);
char                *rounds_plan_fill_reply_template    (const char     *text,
                                                         RoundsPractice *practice);
GPtrArray           *rounds_plan_crisis_checklist       (JsonObject     *crisis);
const char          *rounds_plan_crisis_approver        (JsonObject     *crisis);
gint64               rounds_plan_crisis_approver_id     (JsonObject     *crisis);
char                *rounds_plan_crisis_dup_approver    (JsonObject     *crisis,
                                                         RoundsStore    *store,
                                                         gboolean       *missing);
gboolean             rounds_plan_crisis_in_quiet_hours  (JsonObject     *crisis);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RoundsReplyTemplate, rounds_reply_template_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RoundsCrisisStep, rounds_crisis_step_free)

G_END_DECLS
