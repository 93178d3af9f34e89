/* rounds-utf8.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * g_utf8_validate_len() with a fast path for ASCII, which most of the
 * text the checker reads is: sixteen bytes at a time (SSE2) or eight
 * (word arithmetic) while they are ASCII and not nul, and GLib's own
 * validation only for each run of bytes that are not ASCII (an emoji, a
 * curly quote, an accented letter), from its first byte to the next ASCII
 * byte. An ASCII byte is never part of a longer character, so the runs
 * can be validated apart: a character cut at the run's end is as invalid
 * there as in the whole text. Same answer as g_utf8_validate_len (@text,
 * @len, NULL), nul bytes included (they make the text invalid).
 */

#pragma once

#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <glib.h>

static inline gboolean
rounds_utf8_validate_len (const char *text,
                          gsize       len)
{
  const char *p = text;
  const char *end = text + len;

  while (p < end)
    {
      const char *q;

#ifdef __SSE2__
      /* sixteen bytes at a time where the machine has SSE2 (every
       * x86-64): a byte with its high bit set, or a zero byte, ends it */
      while (end - p >= 16)
        {
          __m128i v = _mm_loadu_si128 ((const __m128i *) p);

          if ((_mm_movemask_epi8 (v) | _mm_movemask_epi8 (_mm_cmpeq_epi8 (v, _mm_setzero_si128 ()))) != 0)
            break;
          p += 16;
        }
#endif
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
      while (p < end && (guchar) *p < 0x80 && *p != '\0')
        p++;
      if (p == end)
        break;
      /* a nul, or a run of bytes that are not ASCII */
      q = p + 1;
      while (q < end && (guchar) *q >= 0x80)
        q++;
      if (!g_utf8_validate_len (p, q - p, NULL))
        return FALSE;
      p = q;
    }
  return TRUE;
}
