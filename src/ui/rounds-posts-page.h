/* rounds-posts-page.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rounds-context.h"
#include "rounds-warm-up.h"

G_BEGIN_DECLS

#define ROUNDS_TYPE_POSTS_PAGE (rounds_posts_page_get_type ())

G_DECLARE_FINAL_TYPE (RoundsPostsPage, rounds_posts_page, ROUNDS, POSTS_PAGE, AdwBin)

void        rounds_posts_page_set_context  (RoundsPostsPage *self,
                                            RoundsContext   *context);
GListModel *rounds_posts_page_get_model    (RoundsPostsPage *self);
void        rounds_posts_page_set_filter   (RoundsPostsPage *self,
                                            const char      *status);
void        rounds_posts_page_set_sort     (RoundsPostsPage *self,
                                            const char      *sort);
gboolean    rounds_posts_page_focus_list_from_search (RoundsPostsPage *self);
GtkWidget  *rounds_posts_page_get_list_view (RoundsPostsPage *self);
RoundsWarmUp *rounds_posts_page_get_warm_up (RoundsPostsPage *self);

G_END_DECLS
