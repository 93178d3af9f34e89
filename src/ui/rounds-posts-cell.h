/* rounds-posts-cell.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rounds-calendar-marks.h"
#include "rounds-context.h"

G_BEGIN_DECLS

typedef enum
{
  ROUNDS_POSTS_COLUMN_TITLE,
  ROUNDS_POSTS_COLUMN_STATUS,
  ROUNDS_POSTS_COLUMN_TIME,
  ROUNDS_POSTS_COLUMN_NETWORKS,
  ROUNDS_POSTS_COLUMN_CHECKS,
} RoundsPostsColumn;

#define ROUNDS_TYPE_POSTS_CELL (rounds_posts_cell_get_type ())

G_DECLARE_FINAL_TYPE (RoundsPostsCell, rounds_posts_cell, ROUNDS, POSTS_CELL, GtkWidget)

GtkWidget *rounds_posts_cell_new             (RoundsPostsColumn    column);
void       rounds_posts_cell_bind            (RoundsPostsCell     *self,
                                              RoundsPost          *post,
                                              RoundsStore         *store,
                                              GTimeZone           *tz,
                                              RoundsClock         *clock,
                                              RoundsCalendarMarks *marks);
void       rounds_posts_cell_unbind          (RoundsPostsCell     *self);
RoundsPost *rounds_posts_cell_get_post       (RoundsPostsCell     *self);
char      *rounds_posts_cell_describe_checks (int                  n_block,
                                              int                  n_warn);
const char *rounds_posts_cell_get_text       (RoundsPostsCell     *self);

G_END_DECLS
