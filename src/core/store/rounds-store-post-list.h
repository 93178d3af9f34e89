/* rounds-store-post-list.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rounds-post.h"
#include "rounds-store.h"

G_BEGIN_DECLS

#define ROUNDS_TYPE_POST_LIST (rounds_post_list_get_type ())

G_DECLARE_FINAL_TYPE (RoundsPostList, rounds_post_list, ROUNDS, POST_LIST, GObject)

/* Says whether a post with this text is shown (the compliance marks,
 * which live in memory, not in the database). Called from inside the
 * list's queries, once per row the other filters let through: on a
 * worker thread when the list reads there. */
typedef gboolean (*RoundsPostListCheck) (const char *body,
                                         GObject    *data);

RoundsPostList *rounds_post_list_new          (RoundsStore         *store);
void            rounds_post_list_set_store    (RoundsPostList      *self,
                                               RoundsStore         *store);
void            rounds_post_list_set_status   (RoundsPostList      *self,
                                               int                  status);
void            rounds_post_list_set_search   (RoundsPostList      *self,
                                               const char          *text);
void            rounds_post_list_set_networks (RoundsPostList      *self,
                                               RoundsNetwork        networks);
void            rounds_post_list_set_sort     (RoundsPostList      *self,
                                               RoundsPostSort       sort);
RoundsPostSort  rounds_post_list_get_sort     (RoundsPostList      *self);
void            rounds_post_list_set_check    (RoundsPostList      *self,
                                               RoundsPostListCheck  check,
                                               GObject             *data);
void            rounds_post_list_refilter     (RoundsPostList      *self);
void            rounds_post_list_set_held     (RoundsPostList      *self,
                                               gboolean             held);
gboolean        rounds_post_list_get_held     (RoundsPostList      *self);
gboolean        rounds_post_list_has_read_ahead (RoundsPostList    *self);
gboolean        rounds_post_list_take_read_ahead (RoundsPostList   *self);
guint           rounds_post_list_get_total    (RoundsPostList      *self);
void            rounds_post_list_set_on_worker (RoundsPostList     *self,
                                               gboolean             on_worker);
gboolean        rounds_post_list_get_busy     (RoundsPostList      *self);
GListModel     *rounds_post_list_new_view     (RoundsPostList      *self);
RoundsPost     *rounds_post_list_peek         (RoundsPostList      *self,
                                               gint64               id,
                                               GPtrArray          **publications);

/* for tests */
guint           _rounds_post_list_get_n_pages_read (RoundsPostList *self);
guint           rounds_post_list_find         (RoundsPostList      *self,
                                               gint64               id);

G_END_DECLS
