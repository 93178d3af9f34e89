/* rounds-store-plan.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "rounds-store.h"

G_BEGIN_DECLS

/* The plan's tables: plan_sections (one JSON document per wizard step,
 * with the time it was completed), plan_tasks (30-day checklist items
 * ticked by hand) and the plan's keys in kv ("plan.*"). */

JsonObject *rounds_store_plan_load_section   (RoundsStore  *self,
                                              const char   *section,
                                              gint64       *completed_at,
                                              GError      **error);
gboolean    rounds_store_plan_save_section   (RoundsStore  *self,
                                              const char   *section,
                                              JsonObject   *data,
                                              gboolean      complete,
                                              GError      **error);
GHashTable *rounds_store_plan_dup_done_tasks (RoundsStore  *self,
                                              GError      **error);
gboolean    rounds_store_plan_set_task_done  (RoundsStore  *self,
                                              const char   *task_id,
                                              gboolean      done,
                                              GError      **error);
char       *rounds_store_plan_dup_value      (RoundsStore  *self,
                                              const char   *key,
                                              GError      **error);
gboolean    rounds_store_plan_set_value      (RoundsStore  *self,
                                              const char   *key,
                                              const char   *value,
                                              GError      **error);

G_END_DECLS
