/* rounds-html-text.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Plain text from the small HTML that networks send as a post's or
 * comment's content (Mastodon's `content`): <br> is a line break, a new
 * paragraph a blank line, other tags are dropped (their text kept, also
 * Mastodon's "invisible" parts of a shortened link, so links come back
 * whole), script and style are dropped with their content, entities are
 * decoded (named, decimal, hex; invalid ones become U+FFFD). The result is
 * valid UTF-8 with no trailing blank lines. */
char *rounds_html_to_text (const char *html);

/* For matching a post we sent against one read back: whitespace runs
 * collapsed to one space, trimmed, NFC. */
char *rounds_text_normalize_for_match (const char *text);

G_END_DECLS
