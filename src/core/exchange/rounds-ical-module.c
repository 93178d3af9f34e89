/* rounds-ical-module.c: the module rounds-icalendar.so
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define ROUNDS_ICAL_MODULE

#include <gmodule.h>

#include "rounds-ical.h"

/* Fills the core's table with libical's functions (rounds-ical.h). */
G_MODULE_EXPORT gboolean rounds_module_fill (gpointer api,
                                             gsize    size);

G_MODULE_EXPORT gboolean
rounds_module_fill (gpointer api,
                    gsize    size)
{
  RoundsIcalApi *table = api;

  if (size != sizeof *table)
    return FALSE;
#define ROUNDS_ICAL_FILL(name) table->name = name;
  ROUNDS_ICAL_FUNCTIONS (ROUNDS_ICAL_FILL)
#undef ROUNDS_ICAL_FILL
  return TRUE;
}
