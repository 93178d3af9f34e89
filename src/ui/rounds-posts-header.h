/* rounds-posts-header.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "rounds-posts-row.h"

G_BEGIN_DECLS

#define ROUNDS_TYPE_POSTS_HEADER (rounds_posts_header_get_type ())

G_DECLARE_FINAL_TYPE (RoundsPostsHeader, rounds_posts_header, ROUNDS, POSTS_HEADER, GtkWidget)

GtkWidget *rounds_posts_header_new             (void);
void       rounds_posts_header_set_hadjustment (RoundsPostsHeader *self,
                                                GtkAdjustment     *hadjustment);
GtkWidget *rounds_posts_header_get_title       (RoundsPostsHeader *self,
                                                RoundsPostsColumn  column);
GtkWidget *rounds_posts_header_get_style       (RoundsPostsHeader *self,
                                                const char        *classes);
double     rounds_posts_header_get_style_opacity (RoundsPostsHeader *self,
                                                  const char        *classes);

G_END_DECLS
