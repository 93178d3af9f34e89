/* rounds-plan-step-view.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rounds-context.h"

G_BEGIN_DECLS

/* What the plan page asks of each wizard step widget: show answers,
 * give them back as the step's JSON document, and point at a field.
 * Steps emit ::changed on every edit (the page saves after a short
 * pause) and ::next when Enter is pressed in one of their entries. */

#define ROUNDS_TYPE_PLAN_STEP_VIEW (rounds_plan_step_view_get_type ())

G_DECLARE_INTERFACE (RoundsPlanStepView, rounds_plan_step_view, ROUNDS, PLAN_STEP_VIEW, GtkWidget)

struct _RoundsPlanStepViewInterface
{
  GTypeInterface parent_iface;

  void         (*load)       (RoundsPlanStepView *self,
                              JsonObject         *data,
                              RoundsContext      *context);
  JsonObject  *(*dup_data)   (RoundsPlanStepView *self);
  GtkWidget   *(*find_field) (RoundsPlanStepView *self,
                              const char         *field);
};

void        rounds_plan_step_view_load         (RoundsPlanStepView *self,
                                                JsonObject         *data,
                                                RoundsContext      *context);
JsonObject *rounds_plan_step_view_dup_data     (RoundsPlanStepView *self);
void        rounds_plan_step_view_show_error   (RoundsPlanStepView *self,
                                                const char         *field,
                                                const char         *message);
void        rounds_plan_step_view_clear_errors (RoundsPlanStepView *self);
void        rounds_plan_step_view_emit_changed (RoundsPlanStepView *self);

/* Building blocks shared by the steps; each is watched for changes. */
GtkWidget  *_rounds_plan_entry_row_new   (RoundsPlanStepView *self,
                                          const char         *title,
                                          const char         *text);
GtkWidget  *_rounds_plan_spin_row_new    (RoundsPlanStepView *self,
                                          const char         *title,
                                          const char         *subtitle,
                                          double              min,
                                          double              max,
                                          double              value);
GtkWidget  *_rounds_plan_check_row_new   (RoundsPlanStepView *self,
                                          const char         *title,
                                          gboolean            active);
GtkWidget  *_rounds_plan_row_get_suffix  (GtkWidget          *row);
void        _rounds_plan_enable_switch_row (AdwExpanderRow *expander,
                                            const char     *title);
void        _rounds_plan_watch           (RoundsPlanStepView *self,
                                          GtkWidget          *widget);
RoundsPlanStepView *_rounds_plan_hold_changes    (RoundsPlanStepView *self);
void                _rounds_plan_release_changes (RoundsPlanStepView *previous);
void        _rounds_plan_clear_box       (GtkWidget          *container);
AdwToastOverlay *_rounds_plan_find_toast_overlay (GtkWidget  *widget);

G_END_DECLS
