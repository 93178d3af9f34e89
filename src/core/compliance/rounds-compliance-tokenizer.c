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
      g_once_init_leave (&done, 1);
    }
}

/* Tokens are gathered a few at a time and appended to the array together
 * (one g_array_append_vals per token was a tenth of the tokenizer). */
typedef struct
{
  GArray *toks;
  guint   n;
  RTok    buf[64];
} TokBatch;

static inline void
batch_add (TokBatch   *b,
           const RTok *tok)
{
  b->buf[b->n++] = *tok;
  if (b->n == G_N_ELEMENTS (b->buf))
    {
      g_array_append_vals (b->toks, b->buf, b->n);
      b->n = 0;
    }
}

void
_rounds_tokenize (const char *text,
                  gsize       len,
                  GArray     *toks,
                  GString    *keys)
{
  const char *p = text;
  const char *end = text + len;
  guint32 cp = 0;
  guint16 pending = 0;
  guint newlines = 0;
  TokBatch batch;

  batch.toks = toks;
  batch.n = 0;
  init_tables ();

  while (p < end)
    {
      gunichar c;
      const char *next;

      if ((guchar) *p < 0x80)
        {
          c = (guchar) *p;
          next = p + 1;
        }
      else
        {
          c = g_utf8_get_char (p);
          next = g_utf8_next_char (p);
        }

      if ((ascii_class[(guchar) *p] & C_SPACE) ||
          (c >= 0x80 && (g_unichar_isspace (c) || c == 0x200B || c == 0xFEFF)))
        {
          pending |= RTOK_SPACE_BEFORE;
          if (c == '\n' || c == 0x2028 || c == 0x2029)
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

      if (is_word_char (c))
        {
          RTok tok = { 0 };
          const char *q = p;
          guint32 start_cp = cp;
          guint n_chars = 0;
          gboolean all_digits = TRUE;
          gboolean has_lower = FALSE;
          gboolean first = TRUE;

          tok.b0 = p - text;
          tok.c0 = cp;
          tok.ch = c;
          tok.key_off = keys->len;
          tok.flags = pending;

          while (q < end)
            {
              gunichar d;
              const char *qn;

              /* most of a word is ASCII letters and digits: a run of
               * them is classed and folded at once, as the general step
               * below would one by one */
              if (ascii_class[(guchar) *q] & C_ALNUM)
                {
                  const char *r = q;
                  guint acc = 0;
                  gsize at = keys->len;
                  char *dst;

                  while (r < end && (ascii_class[(guchar) *r] & C_ALNUM))
                    r++;
                  /* room for the run and the key's nul (GString's fields
                   * are public; set_size only when the buffer must grow) */
                  if (at + (r - q) < keys->allocated_len)
                    {
                      keys->len = at + (r - q);
                      keys->str[keys->len] = '\0';
                    }
                  else
                    g_string_set_size (keys, at + (r - q));
                  dst = keys->str + at;
                  if (first)
                    tok.flags |= (ascii_class[(guchar) *q] & C_LOWER) ? RTOK_LOWER :
                                 (ascii_class[(guchar) *q] & C_UPPER) ? RTOK_CAP : 0;
                  for (const char *x = q; x < r; x++)
                    {
                      acc |= ascii_class[(guchar) *x];
                      *dst++ = ascii_fold[(guchar) *x];
                    }
                  if (acc & C_DIGIT)
                    tok.flags |= RTOK_DIGIT;
                  if (acc & (C_LOWER | C_UPPER))
                    {
                      all_digits = FALSE;
                      tok.flags |= RTOK_ALPHA;
                    }
                  if (acc & C_LOWER)
                    has_lower = TRUE;
                  first = FALSE;
                  n_chars += r - q;
                  cp += r - q;
                  q = r;
                  continue;
                }

              if ((guchar) *q < 0x80)
                {
                  d = (guchar) *q;
                  qn = q + 1;
                }
              else
                {
                  d = g_utf8_get_char (q);
                  qn = g_utf8_next_char (q);
                }

              if (is_apostrophe (d) && !first)
                {
                  /* inner apostrophe (don't, o'neil, you're): keep when a
                   * letter follows */
                  gunichar e;

                  if (qn >= end)
                    break;
                  e = g_utf8_get_char (qn);
                  if (!g_unichar_isalpha (e))
                    break;
                }
              else if (!is_word_char (d))
                break;

              if (d < 0x80)
                ascii_flags (d, first, &tok.flags, &all_digits, &has_lower);
              else if (g_unichar_isdigit (d))
                tok.flags |= RTOK_DIGIT;
              else if (!is_apostrophe (d) && !g_unichar_ismark (d))
                {
                  all_digits = FALSE;
                  tok.flags |= RTOK_ALPHA;
                  if (g_unichar_islower (d))
                    has_lower = TRUE;
                  if (first)
                    {
                      if (g_unichar_isupper (d) || g_unichar_istitle (d))
                        tok.flags |= RTOK_CAP;
                      else if (g_unichar_islower (d))
                        tok.flags |= RTOK_LOWER;
                    }
                }

              if (is_apostrophe (d))
                all_digits = FALSE;

              fold_char (keys, d);
              first = FALSE;
              n_chars++;
              cp++;
              q = qn;
            }

          tok.b1 = q - text;
          tok.c1 = cp;
          tok.n_chars = MIN (n_chars, 255);
          tok.kind = all_digits ? RTOK_NUM : RTOK_WORD;
          if ((tok.flags & RTOK_ALPHA) && !has_lower)
            tok.flags |= RTOK_UPPER;
          tok.key_len = keys->len - tok.key_off;
          tok.base_len = tok.key_len;
          if (tok.key_len > 2 && keys->str[keys->len - 2] == '\'' && keys->str[keys->len - 1] == 's')
            tok.base_len = tok.key_len - 2;
          tok.hash = _rounds_key_hash (keys->str + tok.key_off, tok.key_len);
          g_string_append_c (keys, '\0');
          batch_add (&batch, &tok);
          (void) start_cp;
          p = q;
        }
      else
        {
          RTok tok = { 0 };

          tok.b0 = p - text;
          tok.b1 = next - text;
          tok.c0 = cp;
          tok.c1 = cp + 1;
          tok.ch = c;
          tok.kind = RTOK_PUNCT;
          tok.flags = pending;
          tok.n_chars = 1;
          tok.key_off = keys->len;
          if (is_apostrophe (c))
            g_string_append_c (keys, '\'');
          else if (c == 0x2013 || c == 0x2014 || c == 0x2010 || c == 0x2011 || c == 0x2212)
            g_string_append_c (keys, '-');
          else if (c == 0xFF03)
            g_string_append_c (keys, '#');
          else if (next - p == 1)
            g_string_append_c (keys, *p);
          else
            g_string_append_len (keys, p, next - p);
          tok.key_len = keys->len - tok.key_off;
          tok.base_len = tok.key_len;
          tok.hash = _rounds_key_hash (keys->str + tok.key_off, tok.key_len);
          g_string_append_c (keys, '\0');
          batch_add (&batch, &tok);
          p = next;
          cp++;
        }

      pending = 0;
      newlines = 0;
    }

  if (batch.n > 0)
    g_array_append_vals (toks, batch.buf, batch.n);
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
