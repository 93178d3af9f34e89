/* rounds-context.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "rounds-clock.h"
#include "rounds-scanner.h"
#include "rounds-store.h"

G_BEGIN_DECLS

#define ROUNDS_TYPE_CONTEXT (rounds_context_get_type ())

G_DECLARE_FINAL_TYPE (RoundsContext, rounds_context, ROUNDS, CONTEXT, GObject)

RoundsContext *rounds_context_new         (RoundsStore   *store,
                                           gboolean       is_sample);
RoundsStore   *rounds_context_get_store   (RoundsContext *self);
RoundsClock   *rounds_context_get_clock   (RoundsContext *self);
gboolean       rounds_context_is_sample   (RoundsContext *self);
GTimeZone     *rounds_context_dup_time_zone (RoundsContext *self);
RoundsScanner *rounds_context_get_scanner (RoundsContext *self);
RoundsComplianceProfile *rounds_context_dup_compliance_profile (RoundsContext *self);

G_END_DECLS
