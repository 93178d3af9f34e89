/* rounds-compliance-tokenizer.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One linear pass over the text: words (letters, digits, combining marks
 * and inner apostrophes), and every other non-space code point as a token
 * of its own. Each token carries byte and code point offsets and a folded
 * key (lower case, accents removed, typographic apostrophes made straight)
 * that the lexicons are matched against.
 */

#define G_LOG_DOMAIN "rounds-compliance"

#include "config.h"

#include <string.h>

#include "rounds-compliance-private.h"

static inline gboolean
is_apostrophe (gunichar c)
{
  return c == '\'' || c == 0x2019 || c == 0x02BC;
}

static inline gboolean
is_word_char (gunichar c)
{
  if (c < 0x80)
    return g_ascii_isalnum (c);
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

/* Appends the folded form of @c to @keys. */
static void
fold_char (GString  *keys,
           gunichar  c)
{
  gunichar decomp[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
  gsize n;

  if (c < 0x80)
    {
      g_string_append_c_inline (keys, (c >= 'A' && c <= 'Z') ? (char) (c + 32) : (char) c);
      return;
    }

  if (is_apostrophe (c))
    {
      g_string_append_c (keys, '\'');
      return;
    }

  if (g_unichar_ismark (c))
    return;

  c = g_unichar_tolower (c);
  n = g_unichar_fully_decompose (c, FALSE, decomp, G_N_ELEMENTS (decomp));
  for (gsize k = 0; k < n; k++)
    {
      if (k > 0 && g_unichar_ismark (decomp[k]))
        continue;
      if (decomp[k] == 0x00DF)  /* ß */
        g_string_append (keys, "ss");
      else
        g_string_append_unichar (keys, decomp[k]);
    }
}

/* What an ASCII letter, digit or apostrophe of a word says about it. */
static inline void
ascii_flags (gunichar  d,
             gboolean  first,
             guint16  *flags,
             gboolean *all_digits,
             gboolean *has_lower)
{
  if (d <= '9' && d >= '0')
    *flags |= RTOK_DIGIT;
  else if (d != '\'')
    {
      *all_digits = FALSE;
      *flags |= RTOK_ALPHA;
      if (d >= 'a')
        {
          *has_lower = TRUE;
          if (first)
            *flags |= RTOK_LOWER;
        }
      else if (first)
        *flags |= RTOK_CAP;
    }
}

/* ASCII bytes by class, for the loops over plain words and white space */
enum
{
  C_LOWER = 1 << 0,
  C_UPPER = 1 << 1,
  C_DIGIT = 1 << 2,
  C_SPACE = 1 << 3,  /* ' ', '\t', '\n', '\r', '\f', '\v' */
};

#define C_ALNUM (C_LOWER | C_UPPER | C_DIGIT)

static guint8 ascii_class[256];
static char ascii_fold[256];
/* A word of ASCII letters and digits alone: its RTOK_* flags by the class
 * of its first byte and the classes of all its bytes ORed
 * (ASCII_WORD (first, all)), as the general loop would set them */
static guint16 ascii_word_flags[64];

#define ASCII_WORD(first, all) ((((first) & C_ALNUM) << 3) | ((all) & C_ALNUM))

static void
init_tables (void)
{
  static gsize done;

  if (g_once_init_enter (&done))
    {
      for (guint c = 0; c < 256; c++)
        {
          ascii_fold[c] = (char) c;
          if (c >= 'a' && c <= 'z')
            ascii_class[c] = C_LOWER;
          else if (c >= 'A' && c <= 'Z')
            {
              ascii_class[c] = C_UPPER;
              ascii_fold[c] = (char) (c + 32);
            }
          else if (c >= '0' && c <= '9')
            ascii_class[c] = C_DIGIT;
          else if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')
            ascii_class[c] = C_SPACE;
        }
      for (guint first = 0; first <= C_ALNUM; first++)
        for (guint all = 0; all <= C_ALNUM; all++)
          {
            guint16 f = (first & C_LOWER) ? RTOK_LOWER : (first & C_UPPER) ? RTOK_CAP : 0;

            if (all & C_DIGIT)
              f |= RTOK_DIGIT;
            if (all & (C_LOWER | C_UPPER))
              f |= RTOK_ALPHA;
            if ((all & (C_LOWER | C_UPPER)) && !(all & C_LOWER))
              f |= RTOK_UPPER;
            ascii_word_flags[ASCII_WORD (first, all)] = f;
          }
      g_once_init_leave (&done, 1);
    }
}

/* Room for @need more tokens in @toks, written in place at *@n (the
 * array's length is set once, at the end): returns the tokens' memory. */
static RTok *
toks_grow (GArray *toks,
           guint   n,
           guint   need,
           guint  *cap)
{
  guint want = MAX (n + need, *cap * 2);

  g_array_set_size (toks, want);
  *cap = toks->len;
  return (RTok *) toks->data;
}

/* Room for @need more bytes (and a nul) in @keys past its length */
static inline char *
keys_room (GString *keys,
           gsize    need)
{
  if (G_UNLIKELY (keys->len + need + 1 >= keys->allocated_len))
    {
      gsize at = keys->len;

      g_string_set_size (keys, at + need + 1);
      g_string_truncate (keys, at);
    }
  return keys->str + keys->len;
}

#define FNV64_START G_GUINT64_CONSTANT (14695981039346656037)
#define FNV64_PRIME G_GUINT64_CONSTANT (1099511628211)

/* A run of ASCII letters and digits from @r: classed (their classes ORed
 * into @acc), folded into @dst and hashed into @h in one loop. Returns
 * the end of the run. */
static inline const guchar *
ascii_run (const guchar  *r,
           const guchar  *end,
           char         **dst,
           guint64       *h,
           guint         *acc)
{
  char *d = *dst;
  guint64 hh = *h;
  guint a = *acc;

  do
    {
      guint8 k = ascii_class[*r];
      char f;

      if (!(k & C_ALNUM))
        break;
      a |= k;
      f = ascii_fold[*r];
      *d++ = f;
      hh = (hh ^ (guchar) f) * FNV64_PRIME;
      r++;
    }
  while (r < end);
  *dst = d;
  *h = hh;
  *acc = a;
  return r;
}

void
_rounds_tokenize (const char *text,
                  gsize       len,
                  GArray     *toks,
                  GString    *keys)
{
  const guchar *p = (const guchar *) text;
  const guchar *end = p + len;
  guint32 cp = 0;
  guint16 pending = 0;
  guint newlines = 0;
  guint n = toks->len;
  guint cap;
  RTok *tv;

  init_tables ();

  /* tokens are written in place (one array append per token, or a copy
   * through a batch, was a tenth of the tokenizer): about a token per
   * four bytes of text to start with, doubled when full */
  g_array_set_size (toks, n + len / 3 + 16);
  cap = toks->len;
  tv = (RTok *) toks->data;
  /* a key is at most its word's bytes and a nul, but for case mappings
   * that grow (handled by keys_room () on the way) */
  keys_room (keys, len + len / 2 + 16);

  while (p < end)
    {
      guchar b = *p;
      guint8 cl;
      gunichar c;
      const guchar *next;
      RTok *tok;
      char *dst;

      if (b < 0x80)
        {
          cl = ascii_class[b];
          if (cl & C_SPACE)
            {
              pending |= RTOK_SPACE_BEFORE;
              if (b == '\n')
                {
                  newlines++;
                  pending |= RTOK_NL_BEFORE;
                  if (newlines >= 2)
                    pending |= RTOK_PARA_BEFORE;
                }
              p++;
              cp++;
              continue;
            }
          c = b;
          next = p + 1;
        }
      else
        {
          cl = 0;
          c = g_utf8_get_char ((const char *) p);
          next = (const guchar *) g_utf8_next_char (p);
          if (g_unichar_isspace (c) || c == 0x200B || c == 0xFEFF)
            {
              pending |= RTOK_SPACE_BEFORE;
              if (c == 0x2028 || c == 0x2029)
                {
                  newlines++;
                  pending |= RTOK_NL_BEFORE;
                  if (newlines >= 2)
                    pending |= RTOK_PARA_BEFORE;
                }
              p = next;
              cp++;
              continue;
            }
        }

      if (G_UNLIKELY (n == cap))
        tv = toks_grow (toks, n, 1, &cap);
      tok = &tv[n++];
      tok->b0 = (const char *) p - text;
      tok->c0 = cp;
      tok->ch = c;
      tok->key_off = keys->len;
      tok->sent = 0;

      /* most words are ASCII letters and digits alone, ended by the
       * text's end or an ASCII byte that is no apostrophe: their fields
       * straight from one run (the general loop below gives the same;
       * any other word's bytes written here are written again there) */
      if (cl & C_ALNUM)
        {
          const guchar *r;
          guint acc = 0;
          guint64 h = FNV64_START;
          char *d0;

          dst = d0 = keys_room (keys, end - p);
          r = ascii_run (p, end, &dst, &h, &acc);
          if (r == end || (*r < 0x80 && *r != '\''))
            {
              keys->len += dst - d0;
              tok->b1 = (const char *) r - text;
              tok->c1 = cp + (r - p);
              tok->n_chars = MIN (r - p, 255);
              tok->kind = (acc & (C_LOWER | C_UPPER)) ? RTOK_WORD : RTOK_NUM;
              tok->flags = pending | ascii_word_flags[ASCII_WORD (cl, acc)];
              tok->key_len = keys->len - tok->key_off;
              tok->base_len = tok->key_len;  /* no apostrophe: no possessive */
              tok->hash = h;
              /* the key's nul, and the GString's own after it (room was
               * made for the whole rest of the text) */
              dst[0] = dst[1] = '\0';
              keys->len++;
              cp += r - p;
              p = r;
              pending = 0;
              newlines = 0;
              continue;
            }
        }

      if ((cl & C_ALNUM) || (b >= 0x80 && is_word_char (c)))
        {
          const guchar *q = p;
          guint n_chars = 0;
          guint16 flags = pending;
          gboolean all_digits = TRUE;
          gboolean has_lower = FALSE;
          gboolean first = TRUE;
          gboolean plain = TRUE;   /* the key is the ASCII runs' bytes alone */
          guint64 h = FNV64_START;

          while (q < end)
            {
              gunichar d;
              const guchar *qn;

              /* most of a word is ASCII letters and digits: a run of
               * them is classed, folded and hashed in one loop, as the
               * general step below would one by one */
              if (ascii_class[*q] & C_ALNUM)
                {
                  const guchar *r = q;
                  guint acc = 0;
                  char *d0;

                  dst = d0 = keys_room (keys, end - q);

                  if (first)
                    flags |= (ascii_class[*q] & C_LOWER) ? RTOK_LOWER :
                             (ascii_class[*q] & C_UPPER) ? RTOK_CAP : 0;
                  r = ascii_run (r, end, &dst, &h, &acc);
                  keys->len += dst - d0;
                  if (acc & C_DIGIT)
                    flags |= RTOK_DIGIT;
                  if (acc & (C_LOWER | C_UPPER))
                    {
                      all_digits = FALSE;
                      flags |= RTOK_ALPHA;
                    }
                  if (acc & C_LOWER)
                    has_lower = TRUE;
                  first = FALSE;
                  n_chars += r - q;
                  cp += r - q;
                  q = r;
                  /* most words end at an ASCII byte that is neither a
                   * letter, a digit nor an apostrophe (a space, a
                   * stop): the step below would end them there too */
                  if (q < end && *q < 0x80 && *q != '\'')
                    break;
                  continue;
                }

              if (*q < 0x80)
                {
                  d = *q;
                  qn = q + 1;
                }
              else
                {
                  d = g_utf8_get_char ((const char *) q);
                  qn = (const guchar *) g_utf8_next_char (q);
                }

              if (is_apostrophe (d) && !first)
                {
                  /* inner apostrophe (don't, o'neil, you're): keep when a
                   * letter follows */
                  gunichar e;

                  if (qn >= end)
                    break;
                  e = g_utf8_get_char ((const char *) qn);
                  if (!g_unichar_isalpha (e))
                    break;
                }
              else if (!is_word_char (d))
                break;

              if (d < 0x80)
                ascii_flags (d, first, &flags, &all_digits, &has_lower);
              else if (g_unichar_isdigit (d))
                flags |= RTOK_DIGIT;
              else if (!is_apostrophe (d) && !g_unichar_ismark (d))
                {
                  all_digits = FALSE;
                  flags |= RTOK_ALPHA;
                  if (g_unichar_islower (d))
                    has_lower = TRUE;
                  if (first)
                    {
                      if (g_unichar_isupper (d) || g_unichar_istitle (d))
                        flags |= RTOK_CAP;
                      else if (g_unichar_islower (d))
                        flags |= RTOK_LOWER;
                    }
                }

              if (is_apostrophe (d))
                all_digits = FALSE;

              fold_char (keys, d);
              plain = FALSE;
              first = FALSE;
              n_chars++;
              cp++;
              q = qn;
            }

          tok->b1 = (const char *) q - text;
          tok->c1 = cp;
          tok->n_chars = MIN (n_chars, 255);
          tok->kind = all_digits ? RTOK_NUM : RTOK_WORD;
          if ((flags & RTOK_ALPHA) && !has_lower)
            flags |= RTOK_UPPER;
          tok->flags = flags;
          tok->key_len = keys->len - tok->key_off;
          tok->base_len = tok->key_len;
          if (tok->key_len > 2 && keys->str[keys->len - 2] == '\'' && keys->str[keys->len - 1] == 's')
            tok->base_len = tok->key_len - 2;
          tok->hash = plain ? h : _rounds_key_hash (keys->str + tok->key_off, tok->key_len);
          /* the key's nul, and the GString's own after it */
          dst = keys_room (keys, 1);
          dst[0] = dst[1] = '\0';
          keys->len++;
          p = q;
        }
      else
        {
          tok->b1 = (const char *) next - text;
          tok->c1 = cp + 1;
          tok->kind = RTOK_PUNCT;
          tok->flags = pending;
          tok->n_chars = 1;
          if (b < 0x80)
            {
              /* one byte, its own key */
              dst = keys_room (keys, 2);
              dst[0] = (char) b;
              dst[1] = dst[2] = '\0';
              keys->len += 2;
              tok->key_len = 1;
              tok->hash = (FNV64_START ^ b) * FNV64_PRIME;
            }
          else
            {
              if (is_apostrophe (c))
                g_string_append_c (keys, '\'');
              else if (c == 0x2013 || c == 0x2014 || c == 0x2010 || c == 0x2011 || c == 0x2212)
                g_string_append_c (keys, '-');
              else if (c == 0xFF03)
                g_string_append_c (keys, '#');
              else
                g_string_append_len (keys, (const char *) p, next - p);
              tok->key_len = keys->len - tok->key_off;
              tok->hash = _rounds_key_hash (keys->str + tok->key_off, tok->key_len);
              g_string_append_c (keys, '\0');
            }
          tok->base_len = tok->key_len;
          p = next;
          cp++;
        }

      pending = 0;
      newlines = 0;
    }

  g_array_set_size (toks, n);
}

char **
_rounds_tokenize_keys (const char *str)
{
  g_autoptr(GArray) toks = g_array_new (FALSE, FALSE, sizeof (RTok));
  g_autoptr(GString) keys = g_string_new (NULL);
  GPtrArray *out;

  if (str == NULL || !g_utf8_validate (str, -1, NULL))
    return g_new0 (char *, 1);

  _rounds_tokenize (str, strlen (str), toks, keys);

  out = g_ptr_array_new ();
  for (guint i = 0; i < toks->len; i++)
    {
      const RTok *t = &g_array_index (toks, RTok, i);
      g_ptr_array_add (out, g_strndup (keys->str + t->key_off, t->key_len));
    }
  g_ptr_array_add (out, NULL);

  return (char **) g_ptr_array_free (out, FALSE);
}
