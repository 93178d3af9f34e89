/* rounds-posts-row.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rounds-calendar-marks.h"
#include "rounds-context.h"

G_BEGIN_DECLS

/* The Posts list's columns, in the order they show (from the start). */
typedef enum
{
  ROUNDS_POSTS_COLUMN_TITLE,
  ROUNDS_POSTS_COLUMN_STATUS,
  ROUNDS_POSTS_COLUMN_TIME,
  ROUNDS_POSTS_COLUMN_NETWORKS,
  ROUNDS_POSTS_COLUMN_CHECKS,
} RoundsPostsColumn;

#define ROUNDS_POSTS_N_COLUMNS 5

/* A column's box in a row or the header: from @x, @width pixels. */
typedef struct
{
  int x;
  int width;
} RoundsPostsColumnBox;

void rounds_posts_columns_place         (int                         width,
                                         gboolean                    rtl,
                                         RoundsPostsColumnBox        boxes[ROUNDS_POSTS_N_COLUMNS]);
void rounds_posts_columns_get_content   (const RoundsPostsColumnBox *box,
                                         RoundsPostsColumn           column,
                                         int                        *x,
                                         int                        *width);
int  rounds_posts_columns_get_min_width (void);

#define ROUNDS_TYPE_POSTS_ROW (rounds_posts_row_get_type ())

G_DECLARE_FINAL_TYPE (RoundsPostsRow, rounds_posts_row, ROUNDS, POSTS_ROW, GtkWidget)

GtkWidget  *rounds_posts_row_new             (GtkWidget           *header);
void        rounds_posts_row_bind            (RoundsPostsRow      *self,
                                              RoundsPost          *post,
                                              GPtrArray           *publications,
                                              GTimeZone           *tz,
                                              RoundsClock         *clock,
                                              RoundsCalendarMarks *marks);
void        rounds_posts_row_bind_pending    (RoundsPostsRow      *self,
                                              gint64               id);
gint64      rounds_posts_row_get_pending_id  (RoundsPostsRow      *self);
void        rounds_posts_row_unbind          (RoundsPostsRow      *self);
RoundsPost *rounds_posts_row_get_post        (RoundsPostsRow      *self);
const char *rounds_posts_row_get_text        (RoundsPostsRow      *self,
                                              RoundsPostsColumn    column);
const char *rounds_posts_row_get_tooltip     (RoundsPostsRow      *self,
                                              RoundsPostsColumn    column);
gboolean    rounds_posts_row_get_text_bounds (RoundsPostsRow      *self,
                                              RoundsPostsColumn    column,
                                              graphene_rect_t     *bounds);
char       *rounds_posts_describe_checks     (int                  n_block,
                                              int                  n_warn);
const char * const *rounds_posts_row_get_styles (guint            *n_styles);

G_END_DECLS
