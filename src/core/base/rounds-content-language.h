/* rounds-content-language.h — the language a practice publishes in
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The language of what Rounds writes for the public (reply templates,
 * the words an automatic fix puts into a post), a setting of the practice
 * apart from the language of the interface. An ISO 639-1 code. */
#define ROUNDS_CONTENT_LANGUAGE_DEFAULT "en"

const char * const *rounds_content_languages          (void);
gboolean            rounds_content_language_is_valid  (const char *code);
const char         *rounds_content_language_get_name  (const char *code);
const char         *rounds_content_gettext            (const char *code,
                                                       const char *msgid) G_GNUC_FORMAT (2);

G_END_DECLS
