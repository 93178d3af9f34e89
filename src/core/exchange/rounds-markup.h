/* rounds-markup.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Text made safe for XML 1.0 and HTML element content and quoted
 * attribute values: & < > " ' escaped, invalid UTF-8 repaired, and the
 * characters XML 1.0 cannot carry at all (control characters other than
 * tab, newline and carriage return; U+FFFE, U+FFFF) dropped. @text may
 * be NULL (""). */
char *rounds_xml_escape (const char *text);

G_END_DECLS
