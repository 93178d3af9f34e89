/* rounds-posts-relay.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rounds-context.h"

G_BEGIN_DECLS

#define ROUNDS_TYPE_POSTS_RELAY (rounds_posts_relay_get_type ())

G_DECLARE_FINAL_TYPE (RoundsPostsRelay, rounds_posts_relay, ROUNDS, POSTS_RELAY, GObject)

RoundsPostsRelay *rounds_posts_relay_new       (void);
void              rounds_posts_relay_set_store (RoundsPostsRelay *self,
                                                RoundsStore      *store);
void              rounds_posts_relay_touch     (RoundsPostsRelay *self,
                                                RoundsPost       *post);
void              rounds_posts_relay_set_held  (RoundsPostsRelay *self,
                                                gboolean          held);
gboolean          rounds_posts_relay_get_held  (RoundsPostsRelay *self);

G_END_DECLS
