/* rounds-gl-env.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "rounds-gl-env.h"

/* The variable rounds_gl_env_apply() set, so that restore unsets it. */
static const char *set_variable;

/**
 * _rounds_gl_env_choose:
 * @gsk_renderer: (nullable): the value of GSK_RENDERER
 * @gdk_debug: (nullable): the value of GDK_DEBUG
 * @gdk_disable: (nullable): the value of GDK_DISABLE
 * @gtk_major: GTK's major version at run time
 * @gtk_minor: GTK's minor version at run time
 * @variable: (out): the variable to set
 * @value: (out): its value
 *
 * Whether to turn GDK's OpenGL off, and with which variable: only for
 * the cairo renderer, and only when neither GDK_DEBUG nor GDK_DISABLE
 * is set (whoever set them meant something by them). GTK up to 4.15
 * reads `GDK_DEBUG=gl-disable`; from 4.16 that key moved to
 * `GDK_DISABLE=gl` (4.16 and later warn about an unknown GDK_DEBUG key).
 *
 * Returns: %TRUE if @variable should be set to @value
 */
gboolean
_rounds_gl_env_choose (const char  *gsk_renderer,
                       const char  *gdk_debug,
                       const char  *gdk_disable,
                       guint        gtk_major,
                       guint        gtk_minor,
                       const char **variable,
                       const char **value)
{
  g_return_val_if_fail (variable != NULL && value != NULL, FALSE);

  *variable = NULL;
  *value = NULL;

  /* GSK compares the renderer's name without case. */
  if (gsk_renderer == NULL || g_ascii_strcasecmp (gsk_renderer, "cairo") != 0)
    return FALSE;
  if (gdk_debug != NULL || gdk_disable != NULL)
    return FALSE;

  if (gtk_major > 4 || (gtk_major == 4 && gtk_minor >= 16))
    {
      *variable = "GDK_DISABLE";
      *value = "gl";
    }
  else
    {
      *variable = "GDK_DEBUG";
      *value = "gl-disable";
    }
  return TRUE;
}

/**
 * _rounds_malloc_env_choose:
 * @mmap_threshold: (nullable): the value of MALLOC_MMAP_THRESHOLD_
 * @tunables: (nullable): the value of GLIBC_TUNABLES
 *
 * Whether rounds_malloc_apply() fixes malloc's mmap threshold: only
 * when the environment says nothing of it (whoever set it meant
 * something by it).
 *
 * Returns: %TRUE to set %ROUNDS_MALLOC_MMAP_THRESHOLD
 */
gboolean
_rounds_malloc_env_choose (const char *mmap_threshold,
                           const char *tunables)
{
  if (mmap_threshold != NULL)
    return FALSE;
  if (tunables != NULL && strstr (tunables, "glibc.malloc.mmap_threshold") != NULL)
    return FALSE;
  return TRUE;
}

/**
 * rounds_malloc_apply:
 *
 * Called by main() first (one thread, nothing allocated by GTK or
 * Mesa yet): fixes glibc's mmap threshold at
 * %ROUNDS_MALLOC_MMAP_THRESHOLD (see rounds-gl-env.h). Nothing with
 * another C library.
 */
void
rounds_malloc_apply (void)
{
#ifdef __GLIBC__
  if (_rounds_malloc_env_choose (g_getenv ("MALLOC_MMAP_THRESHOLD_"), g_getenv ("GLIBC_TUNABLES")))
    mallopt (M_MMAP_THRESHOLD, ROUNDS_MALLOC_MMAP_THRESHOLD);
#endif
}

/**
 * rounds_gl_env_apply:
 *
 * Called by main() before the application runs (one thread, GTK not
 * yet started): sets the variable _rounds_gl_env_choose() names.
 */
void
rounds_gl_env_apply (void)
{
  const char *variable, *value;

  if (!_rounds_gl_env_choose (g_getenv ("GSK_RENDERER"), g_getenv ("GDK_DEBUG"),
                              g_getenv ("GDK_DISABLE"), gtk_get_major_version (),
                              gtk_get_minor_version (), &variable, &value))
    return;

  if (g_setenv (variable, value, FALSE))
    set_variable = variable;
}

/**
 * rounds_gl_env_restore:
 *
 * Called once GTK has started (GDK reads both variables in gtk_init()):
 * unsets what rounds_gl_env_apply() set, so that what Rounds opens
 * (the help, a browser, a mail program) starts with the user's own
 * environment. Only GLib's own threads run then, and they read no
 * variable of GDK's.
 */
void
rounds_gl_env_restore (void)
{
  if (set_variable == NULL)
    return;

  g_log ("rounds-startup", G_LOG_LEVEL_DEBUG, "OpenGL off for the cairo renderer (%s)",
         set_variable);
  g_unsetenv (set_variable);
  set_variable = NULL;
}
