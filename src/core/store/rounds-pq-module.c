/* rounds-pq-module.c: the module rounds-postgresql.so
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define ROUNDS_PQ_MODULE

#include <gmodule.h>

#include "rounds-pq.h"

/* Fills the core's table with libpq's functions (rounds-pq.h). */
G_MODULE_EXPORT gboolean rounds_module_fill (gpointer api,
                                             gsize    size);

G_MODULE_EXPORT gboolean
rounds_module_fill (gpointer api,
                    gsize    size)
{
  RoundsPqApi *table = api;

  if (size != sizeof *table)
    return FALSE;
#define ROUNDS_PQ_FILL(name) table->name = name;
  ROUNDS_PQ_FUNCTIONS (ROUNDS_PQ_FILL)
#undef ROUNDS_PQ_FILL
  return TRUE;
}
