/* rounds-post.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "rounds-types.h"

G_BEGIN_DECLS

typedef enum
{
  ROUNDS_POST_SORT_SCHEDULED,
  ROUNDS_POST_SORT_STATUS,
  ROUNDS_POST_SORT_UPDATED,
  ROUNDS_POST_SORT_TITLE,
} RoundsPostSort;

#define ROUNDS_TYPE_POST (rounds_post_get_type ())

G_DECLARE_FINAL_TYPE (RoundsPost, rounds_post, ROUNDS, POST, GObject)

RoundsPost       *rounds_post_new                (void);
RoundsPost       *rounds_post_copy               (RoundsPost       *self);
void              rounds_post_assign             (RoundsPost       *self,
                                                  RoundsPost       *other);
gint64            rounds_post_get_id             (RoundsPost       *self);
const char       *rounds_post_get_title          (RoundsPost       *self);
void              rounds_post_set_title          (RoundsPost       *self,
                                                  const char       *title);
const char       *rounds_post_get_body           (RoundsPost       *self);
void              rounds_post_set_body           (RoundsPost       *self,
                                                  const char       *body);
RoundsPostStatus  rounds_post_get_status         (RoundsPost       *self);
gint64            rounds_post_get_scheduled_at   (RoundsPost       *self);
void              rounds_post_set_scheduled_at   (RoundsPost       *self,
                                                  gint64            utc);
RoundsNetwork     rounds_post_get_networks       (RoundsPost       *self);
void              rounds_post_set_networks       (RoundsPost       *self,
                                                  RoundsNetwork     networks);
gint64            rounds_post_get_created_at     (RoundsPost       *self);
gint64            rounds_post_get_updated_at     (RoundsPost       *self);
gint64            rounds_post_get_version        (RoundsPost       *self);
const char       *rounds_post_get_last_error     (RoundsPost       *self);
char             *rounds_post_dup_display_title  (RoundsPost       *self);
char             *rounds_post_format_display_title (const char     *title,
                                                  const char     *body);
char             *rounds_post_dup_text_hash      (RoundsPost       *self);
int               rounds_post_compare            (RoundsPost       *a,
                                                  RoundsPost       *b,
                                                  RoundsPostSort    sort);
const char       *rounds_post_sort_to_string     (RoundsPostSort   sort);
RoundsPostSort    rounds_post_sort_from_string   (const char      *str);

/* For the store only. */
void              _rounds_post_set_id            (RoundsPost       *self,
                                                  gint64            id);
void              _rounds_post_set_status        (RoundsPost       *self,
                                                  RoundsPostStatus  status);
void              _rounds_post_set_times         (RoundsPost       *self,
                                                  gint64            created_at,
                                                  gint64            updated_at);
void              _rounds_post_set_last_error    (RoundsPost       *self,
                                                  const char       *error);
void              _rounds_post_set_version       (RoundsPost       *self,
                                                  gint64            version);
/* Tests: RoundsPost objects alive in the process. */
guint             _rounds_post_get_n_live        (void);

G_END_DECLS
