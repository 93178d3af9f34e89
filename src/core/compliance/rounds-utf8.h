/* rounds-utf8.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * g_utf8_validate_len() with a fast path for ASCII, which most of the
 * text the checker reads is: eight bytes at a time until the first byte
 * that is not ASCII or is a nul, then GLib's own validation from there.
 * Same answer as g_utf8_validate_len (@text, @len, NULL), nul bytes
 * included (they make the text invalid).
 */

#pragma once

#include <string.h>

#include <glib.h>

static inline gboolean
rounds_utf8_validate_len (const char *text,
                          gsize       len)
{
  const char *p = text;
  const char *end = text + len;

  while (end - p >= 8)
    {
      guint64 v;

      memcpy (&v, p, sizeof v);
      /* a byte with its high bit set, or a zero byte */
      if (((v | ((v - G_GUINT64_CONSTANT (0x0101010101010101)) & ~v)) &
           G_GUINT64_CONSTANT (0x8080808080808080)) != 0)
        break;
      p += 8;
    }
  return g_utf8_validate_len (p, end - p, NULL);
}
