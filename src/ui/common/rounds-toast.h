/* rounds-toast.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* A toast that shows @text as it is. AdwToast reads its title as markup
 * (libadwaita 1.2 cannot turn that off): an error that names a file such
 * as "Smith & Sons.csv" would otherwise show as an empty toast. */
static inline AdwToast *
rounds_toast_new_plain (const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text != NULL ? text : "", -1);

  return adw_toast_new (escaped);
}

G_END_DECLS
