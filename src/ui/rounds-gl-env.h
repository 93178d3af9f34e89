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

/* Large blocks of their own with GL (issue 17, bench/README.md, "GL:
 * large blocks on their own mappings"): glibc's malloc serves a block
 * of 128 KiB or more with its own mmap() and gives it back when freed,
 * but it raises that threshold to the size of each such block freed
 * (up to 32 MiB), after which large short-lived blocks (with GL,
 * LLVM's and Mesa's, as far as measured without their symbols) come
 * from the main heap, where what outlives them keeps the pages.  A
 * fixed threshold of 64 KiB keeps them on their own mappings: the
 * peak with GL after start → Calendar → Posts, median 267 → 258 MB. */

#define ROUNDS_MALLOC_MMAP_THRESHOLD (64 * 1024)

gboolean _rounds_malloc_env_choose (const char *mmap_threshold,
                                    const char *tunables);

void     rounds_malloc_apply    (void);
void     rounds_gl_env_apply    (void);
void     rounds_gl_env_restore  (void);

G_END_DECLS
