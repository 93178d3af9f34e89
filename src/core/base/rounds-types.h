/* rounds-types.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The post life cycle of DESIGN.md §4. The string forms (see
 * rounds_post_status_to_string()) are what the database stores. */
typedef enum
{
  ROUNDS_POST_STATUS_DRAFT,
  ROUNDS_POST_STATUS_IN_REVIEW,
  ROUNDS_POST_STATUS_APPROVED,
  ROUNDS_POST_STATUS_SCHEDULED,
  ROUNDS_POST_STATUS_DUE,
  ROUNDS_POST_STATUS_PUBLISHING,
  ROUNDS_POST_STATUS_PUBLISHED,
  ROUNDS_POST_STATUS_FAILED,
  ROUNDS_POST_STATUS_CANCELLED,
} RoundsPostStatus;

#define ROUNDS_POST_STATUS_LAST ROUNDS_POST_STATUS_CANCELLED

typedef enum /*< flags >*/
{
  ROUNDS_NETWORK_NONE      = 0,
  ROUNDS_NETWORK_FACEBOOK  = 1 << 0,
  ROUNDS_NETWORK_INSTAGRAM = 1 << 1,
  ROUNDS_NETWORK_LINKEDIN  = 1 << 2,
  ROUNDS_NETWORK_GOOGLE    = 1 << 3,
  ROUNDS_NETWORK_MASTODON  = 1 << 4,
  ROUNDS_NETWORK_BLUESKY   = 1 << 5,
  ROUNDS_NETWORK_X         = 1 << 6,
} RoundsNetwork;

#define ROUNDS_N_NETWORKS 7

typedef enum
{
  ROUNDS_COMMENT_KIND_COMMENT,
  ROUNDS_COMMENT_KIND_REVIEW,
} RoundsCommentKind;

const char       *rounds_post_status_to_string    (RoundsPostStatus  status);
gboolean          rounds_post_status_from_string  (const char       *str,
                                                   RoundsPostStatus *status);
const char       *rounds_post_status_get_label    (RoundsPostStatus  status);

RoundsNetwork     rounds_network_from_index       (guint             index);
const char       *rounds_network_to_string        (RoundsNetwork     network);
RoundsNetwork     rounds_network_from_string      (const char       *str);
const char       *rounds_network_get_label        (RoundsNetwork     network);
char             *rounds_networks_to_string       (RoundsNetwork     networks);
RoundsNetwork     rounds_networks_from_string     (const char       *str);
char             *rounds_networks_get_label       (RoundsNetwork     networks);

G_END_DECLS
