/* rounds-pq.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rounds-module.h"
#include "rounds-pq.h"

RoundsPqApi rounds_pq_api;

/**
 * rounds_pq_load:
 *
 * Loads libpq (the module rounds-postgresql.so) once; any thread.
 *
 * Returns: whether the PQ functions can be called; else @error says
 * which file is missing.
 */
gboolean
rounds_pq_load (GError **error)
{
  static gsize once = 0;
  static GError *load_error = NULL;

  if (g_once_init_enter (&once))
    {
      rounds_module_load ("postgresql", _("a practice server"),
                          &rounds_pq_api, sizeof rounds_pq_api, &load_error);
      g_once_init_leave (&once, 1);
    }
  if (load_error != NULL)
    {
      g_propagate_error (error, g_error_copy (load_error));
      return FALSE;
    }
  return TRUE;
}
