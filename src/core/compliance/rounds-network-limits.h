/* rounds-network-limits.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "rounds-types.h"

G_BEGIN_DECLS

/* How each network counts a post, where it cuts it with "… more", and
 * which parts of a text it styles as links, mentions and hashtags. Pure
 * functions over UTF-8 text; every offset is in Unicode code points, end
 * exclusive, like the scanner's. */

/* Weight of a link on networks that shorten links (X, Mastodon). */
#define ROUNDS_NETWORK_LINK_WEIGHT 23
#define ROUNDS_INSTAGRAM_MAX_HASHTAGS 30

typedef enum
{
  ROUNDS_TEXT_SEGMENT_LINK,
  ROUNDS_TEXT_SEGMENT_MENTION,
  ROUNDS_TEXT_SEGMENT_HASHTAG,
} RoundsTextSegmentKind;

typedef struct
{
  RoundsTextSegmentKind kind;
  guint                 start;
  guint                 end;
} RoundsTextSegment;

typedef struct
{
  RoundsNetwork network;
  guint         count;          /* in the network's own unit */
  guint         limit;
  guint         hashtags;
  guint         hashtag_limit;  /* 0: no limit */
} RoundsNetworkCount;

/* How a post looks on a network, as the network shows it. */
typedef struct
{
  int       fold;              /* where the feed shows "… more"; -1: shown whole */
  int       over_from;         /* from here the post is over the limit; -1: fits */
  guint     over_by;           /* by how much, in the network's unit */
  int       card_start;        /* the link shown as a card under the post; -1: none */
  int       card_end;
  gboolean  links_clickable;   /* FALSE: links in the text are plain text */
} RoundsNetworkPreview;

guint        rounds_text_count_graphemes      (const char         *text,
                                               gssize              length);
guint        rounds_text_next_grapheme        (const char         *text,
                                               guint               offset);
GArray      *rounds_text_find_segments        (const char         *text);

guint        rounds_network_get_limit         (RoundsNetwork       network);
const char  *rounds_network_get_unit_label    (RoundsNetwork       network,
                                               guint               n);
void         rounds_network_measure           (RoundsNetwork       network,
                                               const char         *text,
                                               RoundsNetworkCount *count);
gboolean     rounds_network_count_is_over     (const RoundsNetworkCount *count);
char        *rounds_network_count_dup_problem (const RoundsNetworkCount *count);
char        *rounds_networks_dup_problems     (RoundsNetwork       networks,
                                               const char         *text);
int          rounds_network_get_preview_cut   (RoundsNetwork       network,
                                               const char         *text);
void         rounds_network_build_preview     (RoundsNetwork       network,
                                               const char         *text,
                                               RoundsNetworkPreview *preview);
char        *rounds_network_preview_dup_note  (RoundsNetwork       network,
                                               const char         *text,
                                               const RoundsNetworkPreview *preview);

G_END_DECLS
