/* rounds-gl-env.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* No OpenGL when the cairo renderer is chosen (issue 17): GTK opens
 * OpenGL (and with Mesa's software driver, LLVM) when it opens the
 * display, whatever the renderer. With GSK_RENDERER=cairo nothing of it
 * is used, so main() asks GDK not to, before GTK starts, and only when
 * the environment did not already say something to GDK about it. */

gboolean _rounds_gl_env_choose  (const char  *gsk_renderer,
                                 const char  *gdk_debug,
                                 const char  *gdk_disable,
                                 guint        gtk_major,
                                 guint        gtk_minor,
                                 const char **variable,
                                 const char **value);

void     rounds_gl_env_apply    (void);
void     rounds_gl_env_restore  (void);

G_END_DECLS
