/* rounds-module.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-module"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <gmodule.h>

#include "rounds-module.h"

/**
 * rounds_module_load:
 * @name: the module's name: "postgresql" for rounds-postgresql.so
 * @what: what the module is for, in words (the error message says it)
 * @api: the table to fill
 * @size: its size
 *
 * Loads the module @name and fills @api from it. The module stays
 * loaded for the life of the process. Call it once (callers keep the
 * answer).
 *
 * Returns: whether @api was filled; else @error says which file is
 * missing or broken.
 */
gboolean
rounds_module_load (const char  *name,
                    const char  *what,
                    gpointer     api,
                    gsize        size,
                    GError     **error)
{
  const char *dir = g_getenv ("ROUNDS_MODULE_DIR");
  g_autofree char *file = g_strdup_printf ("rounds-%s.so", name);
  g_autofree char *path = NULL;
  GModule *module;
  RoundsModuleFillFunc fill = NULL;

  g_return_val_if_fail (name != NULL && api != NULL, FALSE);

  path = g_build_filename (dir != NULL && *dir != '\0' ? dir : ROUNDS_MODULEDIR, file, NULL);
  module = g_module_open (path, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
  if (module == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("Rounds cannot use %s: its part %s could not be loaded (%s). "
                     "Installing Rounds again should bring it back."),
                   what, path, g_module_error ());
      return FALSE;
    }
  if (!g_module_symbol (module, ROUNDS_MODULE_FILL_SYMBOL, (gpointer *)&fill) ||
      fill == NULL || !fill (api, size))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Rounds cannot use %s: its part %s is from another version of "
                     "Rounds. Installing Rounds again should fix it."),
                   what, path);
      g_module_close (module);
      return FALSE;
    }
  g_module_make_resident (module);
  g_debug ("Loaded %s", path);
  return TRUE;
}
