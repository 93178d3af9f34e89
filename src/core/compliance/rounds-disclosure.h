/* rounds-disclosure.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "rounds-finding.h"

G_BEGIN_DECLS

/* Sponsored-content disclosure (FTC Endorsement Guides, 16 CFR Part 255),
 * checked with a partnership as context: pure functions over text. */

#define ROUNDS_DISCLOSURE_RULE_PARTNERSHIP "disclosure.partnership"
#define ROUNDS_DISCLOSURE_RULE_UNLINKED    "disclosure.unlinked"
/* A disclosure must begin within this many characters (what a feed
 * shows before "… more"). */
#define ROUNDS_DISCLOSURE_NEAR_START       100

gboolean       rounds_disclosure_find             (const char *text,
                                                   const char *wording,
                                                   guint      *start,
                                                   guint      *end);
RoundsFinding *rounds_disclosure_check            (const char *text,
                                                   const char *partner,
                                                   const char *wording);
RoundsFinding *rounds_disclosure_check_unlinked   (const char *text);
char          *rounds_disclosure_apply            (const char *text,
                                                   const char *wording);

G_END_DECLS
