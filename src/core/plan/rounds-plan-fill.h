/* rounds-plan-fill.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "rounds-store.h"

G_BEGIN_DECLS

/* "Fill my calendar": draft placeholders for the next four weeks that
 * follow the strategy's cadence per network per week and its pillar mix,
 * never on a day that already has a post for that network, undone in one
 * step (every draft of one fill shares a batch id kept in kv). */

#define ROUNDS_PLAN_FILL_WEEKS 4

typedef struct
{
  gint64         at;        /* UTC */
  RoundsNetwork  network;
  const char    *pillar;    /* static id */
} RoundsPlanSlot;

GArray   *rounds_plan_fill_slots      (JsonObject    *strategy,
                                       GTimeZone     *tz,
                                       gint64         now_utc,
                                       GPtrArray     *existing,
                                       GError       **error);
char     *rounds_plan_fill_calendar   (RoundsStore   *store,
                                       JsonObject    *strategy,
                                       const char    *specialty,
                                       GTimeZone     *tz,
                                       guint         *n_created,
                                       GError       **error);
gboolean  rounds_plan_undo_fill       (RoundsStore   *store,
                                       const char    *batch_id,
                                       guint         *n_deleted,
                                       GError       **error);
char     *rounds_plan_dup_last_fill   (RoundsStore   *store);

G_END_DECLS
