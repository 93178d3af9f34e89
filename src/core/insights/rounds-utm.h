/* rounds-utm.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "rounds-store.h"
#include "rounds-types.h"

G_BEGIN_DECLS

/* UTM tags on the practice's own links, so that Google Analytics can say
 * which network and which content pillar brought a visit. Pure text
 * functions; the editor applies them when it shows a preview, and the
 * publisher (through rounds_utm_tag_for_publishing()) when a post is sent,
 * if the practice's switch is on. */

GStrv   rounds_utm_own_hosts        (const char         *website);
char   *rounds_utm_tag_links        (const char         *text,
                                     const char * const *own_hosts,
                                     RoundsNetwork       network,
                                     const char         *campaign);
const char *rounds_utm_campaign_for_title (const char   *title);
char   *rounds_utm_tag_for_publishing (RoundsPost       *post,
                                       RoundsNetwork     network,
                                       const char       *text,
                                       gpointer          store);

G_END_DECLS
