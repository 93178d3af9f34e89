/* main.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rounds-application.h"
#include "rounds-gl-env.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(RoundsApplication) app = NULL;

  /* First: large blocks on their own mappings (rounds-gl-env.h). */
  rounds_malloc_apply ();

  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Before any thread: no OpenGL with the cairo renderer (undone in
   * the application's startup, once GTK has read it). */
  rounds_gl_env_apply ();

  app = rounds_application_new (APPLICATION_ID);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
