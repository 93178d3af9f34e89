/* rounds-warm-up.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A hidden stack page drawn once off screen, in idle steps, through the
 * window's renderer, so that its first frame on screen finds its glyphs
 * and shaders ready (issue 17; docs/decisions.md, "A hidden page is
 * drawn once off screen before its first switch"). */

typedef struct _RoundsWarmUp RoundsWarmUp;

RoundsWarmUp *rounds_warm_up_new        (GtkWidget    *page);
void          rounds_warm_up_free       (RoundsWarmUp *warm_up);
gboolean      rounds_warm_up_get_done   (RoundsWarmUp *warm_up);
guint         rounds_warm_up_get_steps  (RoundsWarmUp *warm_up);
GtkWidget    *rounds_warm_up_get_drawing (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RoundsWarmUp, rounds_warm_up_free)

G_END_DECLS
