/* rounds-name-tagger.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A small learned tagger for patients' names the name rules miss (issue
 * 15): a capitalised word (or a hashtag) that no detector has claimed is
 * scored by one logistic regression over what the word is and what stands
 * around it, never over the word itself:
 *
 *   - the word: its place in the name lists (a first name, one that is
 *     also a word, a surname), whether it is an everyday English or
 *     Spanish word (common-words.txt) or a clinical one, the lexicons a
 *     match starts at, its length, a possessive 's, a hashtag and the
 *     first part of a CamelCase hashtag;
 *   - its neighbours, two each side: an everyday word by its key ("baby",
 *     "to", ","), any other capitalised word only as "<cap>", a number as
 *     "<n>", a name or a staff member found by the rules as such;
 *   - the sentence: the flags the detectors and the risk model set on it
 *     (a patient reference, care, a testimonial …), its start, the kind of
 *     text.
 *
 * So what it learns is where people stand in the practices' texts, not who
 * they are. The weights are data (resources/compliance/name-model.tsv),
 * written by tests/data/compliance/train-risk-model.py from the labelled
 * practice sets, leave one set out like the risk model; the features come
 * from _rounds_name_features (), which the trainer reads through the
 * compliance-features tool.
 *
 * File format, one record per line, fields separated by tabs:
 *   rounds-name-model <TAB> 1
 *   bias <TAB> BIAS <TAB> THRESHOLD        (THRESHOLD as a log-odds)
 *   FEATURE <TAB> WEIGHT
 * Lines starting with '#' are comments. Features are stored by a 64-bit
 * FNV-1a hash of their text.
 */

#define G_LOG_DOMAIN "rounds-compliance"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "rounds-detect-toolkit.h"
#include "rounds-utf8.h"

#define FNV_START G_GUINT64_CONSTANT (14695981039346656037)
#define FNV_PRIME G_GUINT64_CONSTANT (1099511628211)

typedef struct
{
  guint64 hash;   /* 0: empty */
  float   w;
} NameWeight;

struct _RNameModel
{
  NameWeight *slots;
  guint64     mask;
  float       bias;
  float       threshold;
};

static guint64
fnv_len (const char *str,
         gsize       len)
{
  guint64 h = FNV_START;

  for (gsize k = 0; k < len; k++)
    h = (h ^ (guchar) str[k]) * FNV_PRIME;
  return h != 0 ? h : 1;
}

static NameWeight *
model_slot (const RNameModel *model,
            guint64           hash)
{
  guint64 i = hash & model->mask;

  while (model->slots[i].hash != 0 && model->slots[i].hash != hash)
    i = (i + 1) & model->mask;
  return &model->slots[i];
}

void
_rounds_name_model_free (RNameModel *model)
{
  if (model == NULL)
    return;
  g_free (model->slots);
  g_free (model);
}

RNameModel *
_rounds_name_model_load (GBytes  *data,
                         GError **error)
{
  g_autoptr(GBytes) owned = g_bytes_ref (data);
  gsize size = 0;
  const char *p = g_bytes_get_data (owned, &size);
  const char *end = p + size;
  const char *line, *line_end;
  guint64 n_slots;
  gboolean header = FALSE, has_bias = FALSE;
  guint line_no = 0;
  RNameModel *model;

  n_slots = _rounds_model_table_slots (p, size, "name", error);
  if (n_slots == 0)
    return NULL;
  model = g_new0 (RNameModel, 1);
  model->slots = g_new0 (NameWeight, n_slots);
  model->mask = n_slots - 1;

  while (_rounds_model_next_line (&p, end, &line_no, &line, &line_end))
    {
      const char *tab = memchr (line, '\t', line_end - line);
      char *num_end;
      g_autofree char *rest = NULL;

      if (tab == NULL)
        goto bad;
      rest = g_strndup (tab + 1, line_end - tab - 1);

      if (!header)
        {
          if (tab - line != strlen ("rounds-name-model") || memcmp (line, "rounds-name-model", tab - line) != 0 ||
              strcmp (rest, "1") != 0)
            goto bad;
          header = TRUE;
        }
      else if (tab - line == 4 && memcmp (line, "bias", 4) == 0)
        {
          model->bias = g_ascii_strtod (rest, &num_end);
          if (num_end == rest || *num_end != '\t')
            goto bad;
          model->threshold = g_ascii_strtod (num_end + 1, &num_end);
          if (*num_end != '\0')
            goto bad;
          has_bias = TRUE;
        }
      else
        {
          NameWeight *slot = model_slot (model, fnv_len (line, tab - line));

          slot->hash = fnv_len (line, tab - line);
          slot->w = g_ascii_strtod (rest, &num_end);
          if (num_end == rest || *num_end != '\0')
            goto bad;
        }
    }
  if (header && has_bias)
    return model;

bad:
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "The name model is malformed (line %u)", line_no);
  _rounds_name_model_free (model);
  return NULL;
}

/* ------------------------------------------------------------- features */

/* A public figure marked after a title ("Senator Ruiz", "Staff Sgt.
 * Rivera"): a title starts a few capitalised words or initials before @i.
 * Ranks and titles name patients too (a veteran fitted with a new leg),
 * so the tagger weighs the sentence rather than leave the word alone. */
static gboolean
after_title (const RScan *s,
             guint        i)
{
  for (guint k = i, n = 0; k > 0 && n < 4; n++)
    {
      k--;
      if (s->tmask[k] & (G_GUINT64_CONSTANT (1) << LEX_PUBLIC_TITLE))
        return TRUE;
      if (!(_rs_is_cap_word (s, k) || _rs_is_ch (s, k, '.')))
        return FALSE;
    }
  return FALSE;
}

typedef struct _HashWords HashWords;

static gboolean hashtag_may_name (const RScan *s,
                                  guint        i,
                                  HashWords   *h);
static gboolean is_common_tok (const RScan *s,
                               guint        j);

/* Is token @i a word no detector has claimed that could be someone's
 * name: a capitalised word (not all capitals, not a number), or the word
 * of a hashtag? */
/* (@hw: where a hashtag's words are told, or NULL to ask only whether
 * the token may be a candidate, hashtags all may) */
static gboolean
is_candidate_rest (const RScan *s,
                   guint        i,
                   HashWords   *hw);

/* (the token's own shape and marks, inline: most tokens fail here) */
static inline gboolean
is_candidate (const RScan *s,
              guint        i,
              HashWords   *hw)
{
  const RTok *t = rs_tok (s, i);

  if (t->kind != RTOK_WORD || !(t->flags & RTOK_CAP) || (t->flags & (RTOK_UPPER | RTOK_DIGIT)) || t->n_chars < 2)
    return FALSE;
  if (s->tflags[i] & (TF_USED | TF_EXEMPT | TF_STAFF | TF_NAME | TF_DATE))
    return FALSE;
  /* a title names a patient only in a sentence about care ("Staff Sgt.
   * Rivera took his first steps on his new legs"), not "ask for Rev. Ana" */
  if ((s->tflags[i] & TF_PUBLIC) &&
      (!after_title (s, i) ||
       !(_rs_sent (s, t->sent)->flags & (SF_PR | SF_CARE_CTX | SF_PATIENT_CTX | SF_TESTIMONIAL | SF_RC))))
    return FALSE;
  return is_candidate_rest (s, i, hw);
}

static gboolean
is_candidate_rest (const RScan *s,
                   guint        i,
                   HashWords   *hw)
{
  const RTok *t = rs_tok (s, i);

  /* a word opening its sentence says nothing by its capital: unless the
   * name lists know it, it is left alone (in the practice sets, 11 of the
   * 7,261 such words were names, against 125 of the 3,958 others) */
  if (!(s->tflags[i] & TF_HANDLE) && (i == _rs_sent (s, t->sent)->start || i == _rs_sent (s, t->sent)->first) &&
      (_rs_first_name (s, i) == 0 ||
       /* nor a word of two letters that is an everyday word ("Le
        * compartiremos …", "Mi hija …"): a pronoun or an article */
       (t->n_chars <= 2 && is_common_tok (s, i))))
    return FALSE;
  /* a title before a name is not the name: "Ms. Park", "Sgt. Morales",
   * "Sra. Treviño", "Grandpa Ruben" (the name rules take the name after
   * it) */
  if ((_rs_lex1 (s, i, LEX_HONORIFIC) || _rs_lex1 (s, i, LEX_DOCTOR_TITLE) || _rs_lex1 (s, i, LEX_PUBLIC_TITLE) ||
       _rs_word (s, i, WORD_NAME_KIN_TITLE)) &&
      i + 1 < s->n && ((_rs_is_ch (s, i + 1, '.') && _rs_joined (s, i + 1)) || _rs_is_cap_word (s, i + 1)))
    return FALSE;
  /* a word in a business's name that ends on a plural everyday word, no
   * surname ("Big Sky Outfitters", "Valley Home Builders") */
  for (guint j = i + 1; j < s->n && j <= i + 2 && _rs_is_cap_word (s, j); j++)
    if (!(s->tflags[j] & TF_HANDLE) && rs_tok (s, j)->base_len >= 5 && rs_key (s, j)[rs_tok (s, j)->base_len - 1] == 's' &&
        is_common_tok (s, j) && !_rs_surname (s, j) && _rs_first_name (s, j) == 0)
      return FALSE;
  /* a word the rules' list says greets a group ("Hi Yinz!", a practice's
   * own pack can add these): the list decides, not the learned weights */
  if (_rs_word (s, i, WORD_GREETING_GROUP))
    return FALSE;
  /* a sentence about a public figure ("Marie Curie, the first woman to
   * win a Nobel Prize") is left to the people detector */
  if (_rs_sent (s, t->sent)->flags & SF_PUBLIC)
    return FALSE;
  /* of the handles, hashtags only (not an @handle, a URL or an e-mail) */
  if (s->tflags[i] & TF_HANDLE)
    return i > 0 && _rs_is_ch (s, i - 1, '#') && _rs_joined (s, i) && (hw == NULL || hashtag_may_name (s, i, hw));
  return TRUE;
}

/* A feature is @prefix followed by @a: the scoring path hashes the two
 * pieces in turn, so no feature string is built. @prefix must be a string
 * that does not change while a text is scored (a literal or a static
 * table's): the scorer keeps its hash, and the weight of a feature that is
 * the prefix alone, by the prefix's address */
typedef void (*NameFeatureFunc) (const char *prefix,
                                 gsize       prefix_len,
                                 const char *a,
                                 gsize       a_len,
                                 gpointer    user_data);

#define FEAT(func, data, str) (func) ((str), sizeof (str) - 1, "", 0, (data))

static gboolean
is_common_word (const RScan *s,
                const char  *key,
                gsize        len)
{
  return _rounds_rules_is_common_word (s->rules, _rounds_key_hash (key, len));
}

/* The word lists hold words as a dictionary writes them, not their
 * plurals: "Kids", "Partners", "Clientes" are everyday words too. A plural
 * of four letters or more is asked again as its singular: -s, -es, -ies
 * for -y ("Babies") and Spanish -ces for -z ("Felices") */
static gboolean
is_common_plural (const RScan *s,
                  const char  *key,
                  gsize        len)
{
  char buf[48];

  if (len < 4 || len >= sizeof buf || key[len - 1] != 's')
    return FALSE;
  if (is_common_word (s, key, len - 1))
    return TRUE;
  if (key[len - 2] != 'e')
    return FALSE;
  if (is_common_word (s, key, len - 2))
    return TRUE;
  if (len >= 5 && (key[len - 3] == 'i' || key[len - 3] == 'c'))
    {
      memcpy (buf, key, len - 3);
      buf[len - 3] = key[len - 3] == 'i' ? 'y' : 'z';
      return is_common_word (s, buf, len - 2);
    }
  return FALSE;
}

/* the same for token @j's word (its hash is the tokenizer's), asked once
 * per token: bit 4 of s->fnames known, bit 5 an everyday word */
static gboolean
is_common_tok (const RScan *s,
               guint        j)
{
  gboolean common;

  if (s->fnames[j] & 16)
    return (s->fnames[j] & 32) != 0;
  common = _rounds_rules_is_common_word (s->rules, rs_hash_len (s, j, rs_tok (s, j)->base_len)) ||
           is_common_plural (s, rs_key (s, j), rs_tok (s, j)->base_len);
  s->fnames[j] |= common ? 16 | 32 : 16;
  return common;
}

/* What the text's other words say about a candidate's (see
 * name_features ()): a bit per hash bucket of the words written in lower
 * case, and of the words capitalised inside a sentence, built once per
 * scan; a set bit is checked against the words themselves */
#define MAX_SEGS 32

typedef struct
{
  guint64 lower[16];
  guint64 inner[16];
  guint64 inner2[16];   /* … twice or more */
  /* the words of the text's hashtags, CamelCase split and folded
   * ("#EquipoSofía": "equipo", "sofia"), by their _rounds_key_hash () and
   * the hashtag token they are part of */
  guint64 seg_hash[MAX_SEGS];
  guint   seg_tok[MAX_SEGS];
  guint8  seg_marker[MAX_SEGS];  /* the word is a marker ("Team", "Vamos") */
  /* the capitalised words the name lists know (for short forms), at most 16 */
  guint   fn_caps[16];
  guint   n_fn_caps;
  guint   n_segs;
  /* in a long text (more than ELSEWHERE_INDEX_MIN tokens), the words by
   * hash, so that a candidate's questions about the other words cost a
   * lookup instead of a walk over the whole text, which made a megabyte of
   * capitalised words take half a minute; NULL in shorter texts, where
   * the walk is cheaper than building this */
  struct WordRun *runs;      /* the words' whole keys, one per hash */
  guint           n_runs;
  struct ShortCap *shorts;   /* the capitalised words that may be a short form */
  guint            n_shorts;
} Elsewhere;

#define ELSEWHERE_INDEX_MIN 512

/* the words of one hash: how many are written in lower case, how many
 * capitalised inside their sentence */
typedef struct WordRun
{
  guint64 hash;
  guint   n_lower;
  guint   n_inner;
} WordRun;

/* one word of the text, by its hash */
typedef struct
{
  guint64 hash;
  guint8  lower;
  guint8  inner;
} WordMark;

/* a capitalised word of three bytes or more (not a hashtag, not all in
 * capitals), by _rounds_key_hash () of its base */
typedef struct ShortCap
{
  guint64 hash;
  guint   tok;
} ShortCap;

/* (cmp_hash () and lower_bound () read the hash each entry starts with) */
G_STATIC_ASSERT (G_STRUCT_OFFSET (WordRun, hash) == 0);
G_STATIC_ASSERT (G_STRUCT_OFFSET (ShortCap, hash) == 0);
G_STATIC_ASSERT (G_STRUCT_OFFSET (WordMark, hash) == 0);

static inline guint
elsewhere_bit (guint64 hash)
{
  return (hash >> 40) & 1023;
}

/* Calls @func on each word of hashtag token @i ("EquipoSofía": "equipo",
 * "sofia"), split before each capital or digit of the original text and
 * folded like the text's words; at most 8 words of less than 48 bytes */
typedef void (*SegFunc) (const RScan *s,
                         guint        i,
                         const char  *key,
                         gsize        len,
                         gpointer     user_data);

static guint
hashtag_words (const RScan *s,
               guint        i,
               SegFunc      func,
               gpointer     user_data)
{
  const RTok *t = rs_tok (s, i);
  const char *p = s->text + t->b0, *end = s->text + t->b1;
  guint n = 0;

  while (p < end && n < 8)
    {
      const char *q = p + 1;
      gboolean ascii = (guchar) *p < 0x80;
      char buf[48];

      if (!ascii)
        q = g_utf8_next_char (p);
      /* to the next capital or digit (ASCII byte by byte) */
      while (q < end)
        {
          if ((guchar) *q < 0x80)
            {
              if (g_ascii_isupper (*q) || g_ascii_isdigit (*q))
                break;
              q++;
            }
          else
            {
              gunichar c = g_utf8_get_char (q);

              if (g_unichar_isupper (c) || g_unichar_isdigit (c))
                break;
              ascii = FALSE;
              q = g_utf8_next_char (q);
            }
        }
      n++;
      if (ascii && (gsize) (q - p) < sizeof buf)
        {
          /* an ASCII word folds to its lower case, as the tokenizer's */
          for (const char *r = p; r < q; r++)
            buf[r - p] = g_ascii_tolower (*r);
          buf[q - p] = '\0';
          func (s, i, buf, q - p, user_data);
        }
      else if ((gsize) (q - p) < sizeof buf)
        {
          g_auto(GStrv) keys = NULL;

          memcpy (buf, p, q - p);
          buf[q - p] = '\0';
          keys = _rounds_tokenize_keys (buf);
          if (keys != NULL && keys[0] != NULL)
            func (s, i, keys[0], strlen (keys[0]), user_data);
        }
      p = q;
    }
  return n;
}

static void
add_seg (const RScan *s,
         guint        i,
         const char  *key,
         gsize        len,
         gpointer     user_data)
{
  Elsewhere *e = user_data;

  if (len >= 2 && e->n_segs < MAX_SEGS)
    {
      e->seg_tok[e->n_segs] = i;
      e->seg_marker[e->n_segs] = _rounds_rules_has_word (s->rules, key, WORD_HASHTAG_MARKER);
      e->seg_hash[e->n_segs++] = _rounds_key_hash (key, len);
    }
}

/* Is token @i a hashtag's word ("#EquipoSofía")? */
static gboolean
is_hashtag (const RScan *s,
            guint        i)
{
  return (s->tflags[i] & TF_HANDLE) && i > 0 && _rs_is_ch (s, i - 1, '#') && _rs_joined (s, i) &&
         rs_tok (s, i)->kind == RTOK_WORD;
}

static int
cmp_hash (gconstpointer a,
          gconstpointer b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;

  return x < y ? -1 : x > y;
}

/* Is token @j a capitalised word that may be another's short form? */
static gboolean
may_be_short (const RScan *s,
              guint        j)
{
  const RTok *u = rs_tok (s, j);

  return u->kind == RTOK_WORD && (u->flags & RTOK_CAP) && !(u->flags & RTOK_UPPER) &&
         !(s->tflags[j] & TF_HANDLE) && u->base_len >= 3;
}

static void
elsewhere_index (const RScan *s,
                 Elsewhere   *e)
{
  WordMark *words = g_new (WordMark, s->n);
  guint n_words = 0;

  e->shorts = g_new (ShortCap, s->n);
  e->n_shorts = 0;
  for (guint j = 0; j < s->n; j++)
    {
      const RTok *t = rs_tok (s, j);

      if (t->kind != RTOK_WORD)
        continue;
      words[n_words].hash = t->hash;
      words[n_words].lower = (t->flags & RTOK_LOWER) != 0;
      words[n_words].inner = !(t->flags & RTOK_LOWER) && j != _rs_sent (s, _rs_sent_of (s, j))->start;
      n_words++;
      if (may_be_short (s, j))
        {
          e->shorts[e->n_shorts].hash = rs_hash_len (s, j, t->base_len);
          e->shorts[e->n_shorts++].tok = j;
        }
    }
  qsort (words, n_words, sizeof *words, cmp_hash);
  qsort (e->shorts, e->n_shorts, sizeof *e->shorts, cmp_hash);

  e->runs = g_new (WordRun, MAX (n_words, 1));
  e->n_runs = 0;
  for (guint k = 0; k < n_words; k++)
    {
      WordRun *r = e->n_runs > 0 ? &e->runs[e->n_runs - 1] : NULL;

      if (r == NULL || r->hash != words[k].hash)
        {
          r = &e->runs[e->n_runs++];
          r->hash = words[k].hash;
          r->n_lower = r->n_inner = 0;
        }
      r->n_lower += words[k].lower;
      r->n_inner += words[k].inner;
    }
  g_free (words);
}

/* (also marks the sentences that name a public figure, SF_PUBLIC, which
 * is_candidate () reads: call it first) */
static void
elsewhere_init (RScan     *s,
                Elsewhere *e)
{
  memset (e, 0, sizeof *e);
  for (guint j = 0; j < s->n; j++)
    {
      const RTok *t = rs_tok (s, j);
      guint b = elsewhere_bit (t->hash);

      if ((s->tflags[j] & TF_PUBLIC) && !after_title (s, j))
        _rs_sent (s, t->sent)->flags |= SF_PUBLIC;
      if (t->kind != RTOK_WORD)
        continue;
      if (is_hashtag (s, j) && e->n_segs < MAX_SEGS)
        hashtag_words (s, j, add_seg, e);
      else if ((t->flags & RTOK_CAP) && !(t->flags & RTOK_UPPER) && !(s->tflags[j] & TF_HANDLE) &&
               t->base_len >= 4 && e->n_fn_caps < G_N_ELEMENTS (e->fn_caps) && _rs_first_name (s, j) != 0)
        e->fn_caps[e->n_fn_caps++] = j;
      if (t->flags & RTOK_LOWER)
        e->lower[b / 64] |= G_GUINT64_CONSTANT (1) << (b % 64);
      else if (j != _rs_sent (s, t->sent)->start)
        {
          e->inner2[b / 64] |= e->inner[b / 64] & (G_GUINT64_CONSTANT (1) << (b % 64));
          e->inner[b / 64] |= G_GUINT64_CONSTANT (1) << (b % 64);
        }
    }
  if (s->n > ELSEWHERE_INDEX_MIN)
    elsewhere_index (s, e);
}

static void
elsewhere_clear (Elsewhere *e)
{
  g_clear_pointer (&e->runs, g_free);
  g_clear_pointer (&e->shorts, g_free);
}

/* The first of the @n entries of @size bytes at @base (sorted by the
 * guint64 hash each starts with) whose hash is not below @hash */
static guint
lower_bound (const void *base,
             guint       n,
             gsize       size,
             guint64     hash)
{
  guint lo = 0, hi = n;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (*(const guint64 *) ((const char *) base + mid * size) < hash)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* The words of the text that have @hash, or NULL */
static const WordRun *
elsewhere_run (const Elsewhere *e,
               guint64          hash)
{
  guint k = lower_bound (e->runs, e->n_runs, sizeof *e->runs, hash);

  return k < e->n_runs && e->runs[k].hash == hash ? &e->runs[k] : NULL;
}

/* Is a capitalised word of the text @len bytes long and the first @len
 * bytes of @key (@hash their _rounds_key_hash ())? */
static gboolean
elsewhere_has_short (const RScan     *s,
                     const Elsewhere *e,
                     const char      *key,
                     gsize            len,
                     guint64          hash)
{
  for (guint k = lower_bound (e->shorts, e->n_shorts, sizeof *e->shorts, hash);
       k < e->n_shorts && e->shorts[k].hash == hash; k++)
    {
      guint j = e->shorts[k].tok;

      if (rs_tok (s, j)->base_len == len && memcmp (rs_key (s, j), key, len) == 0)
        return TRUE;
    }
  return FALSE;
}

/* A neighbour @j of the candidate, as features after @prefix ("p1:"):
 * its key if it is an everyday word or punctuation, else its class */
static void
neighbour (const RScan     *s,
           guint            j,
           const char      *prefix,
           gsize            prefix_len,
           NameFeatureFunc  func,
           gpointer         user_data)
{
  const RTok *t = rs_tok (s, j);

  if (s->tflags[j] & TF_STAFF)
    func (prefix, prefix_len, "<staff>", 7, user_data);
  else if (s->tflags[j] & TF_NAME)
    func (prefix, prefix_len, "<name>", 6, user_data);
  else if (t->kind == RTOK_NUM || (t->flags & RTOK_DIGIT))
    func (prefix, prefix_len, "<n>", 3, user_data);
  else if (t->kind == RTOK_PUNCT && t->ch >= 0x2000 && g_unichar_type (t->ch) == G_UNICODE_OTHER_SYMBOL)
    func (prefix, prefix_len, "<sym>", 5, user_data);  /* an emoji, by its class */
  else if (t->kind == RTOK_PUNCT)
    func (prefix, prefix_len, rs_key (s, j), t->key_len, user_data);
  else if (t->flags & RTOK_CAP)
    {
      func (prefix, prefix_len, "<cap>", 5, user_data);
      /* "Congrats", "Baby": an everyday word by its key too */
      if (is_common_tok (s, j))
        func (prefix, prefix_len, rs_key (s, j), t->base_len, user_data);
    }
  else
    func (prefix, prefix_len, rs_key (s, j), t->base_len, user_data);
}

/* The word's class as a prefix, "0d--|" (see name_features ()): a static
 * string for each, so that the scorer can keep its hash by its address */
#define WC_SEP(f, d, u, c) { f, d, u, c, '|', 0 }, { f, d, u, c, '>', 0 }
#define WC_CLIN(f, d, u)   WC_SEP (f, d, u, '-'), WC_SEP (f, d, u, 'c')
#define WC_SUR(f, d)       WC_CLIN (f, d, '-'), WC_CLIN (f, d, 's')
#define WC_DICT(f)         WC_SUR (f, '-'), WC_SUR (f, 'd')
static const char word_classes[48][6] = { WC_DICT ('0'), WC_DICT ('1'), WC_DICT ('2') };

/* Is token @j a quotation mark? */
static gboolean
is_quote_mark (const RScan *s,
               guint        j)
{
  const RTok *t = rs_tok (s, j);

  if (j >= s->n || t->kind != RTOK_PUNCT)
    return FALSE;
  switch (t->ch)
    {
    case '"': case 0x201C: case 0x201D: case 0x00AB: case 0x00BB: case 0x201E:
      return TRUE;
    default:
      return FALSE;
    }
}

/* "Everyone say hi to "Hot Wheels" Henderson": @i is inside a quotation
 * of one to three capitalised words (a nickname), or right after one */
static void
nickname_features (const RScan     *s,
                   guint            i,
                   const RSent     *sent,
                   NameFeatureFunc  func,
                   gpointer         user_data)
{
  guint open = G_MAXUINT, close = G_MAXUINT;

  for (guint k = i; k > sent->first && i - k < 3; k--)
    {
      if (is_quote_mark (s, k - 1))
        {
          open = k - 1;
          break;
        }
      if (!_rs_is_cap_word (s, k - 1))
        break;
    }
  for (guint k = i + 1; k <= sent->last && k - i <= 3; k++)
    {
      if (is_quote_mark (s, k))
        {
          close = k;
          break;
        }
      if (!_rs_is_cap_word (s, k))
        break;
    }
  if (open != G_MAXUINT && close != G_MAXUINT)
    FEAT (func, user_data, "qnick");

  /* after the closing mark of such a quotation */
  if (i >= 2 && i - 1 > sent->first && is_quote_mark (s, i - 1) && _rs_is_cap_word (s, i - 2))
    {
      for (guint k = i - 2; k > sent->first && i - k <= 4; k--)
        {
          if (is_quote_mark (s, k - 1))
            {
              FEAT (func, user_data, "after-qnick");
              break;
            }
          if (!_rs_is_cap_word (s, k - 1))
            break;
        }
    }
}

/* The lexicons of a neighbour that tell of who stands next to it: "our
 * girl Bug", "Staff Sgt. Rivera", "Mr. Okafor" */
static void
neighbour_lex (const RScan     *s,
               guint            j,
               const char      *prefix,
               gsize            prefix_len,
               NameFeatureFunc  func,
               gpointer         user_data)
{
  static const RLex lexes[] = { LEX_HONORIFIC, LEX_DOCTOR_TITLE, LEX_PUBLIC_TITLE, LEX_STAFF_ROLE, LEX_FAMILY,
                                LEX_PERSON_NOUN };
  const guint64 any = (G_GUINT64_CONSTANT (1) << LEX_HONORIFIC) | (G_GUINT64_CONSTANT (1) << LEX_DOCTOR_TITLE) |
                      (G_GUINT64_CONSTANT (1) << LEX_PUBLIC_TITLE) | (G_GUINT64_CONSTANT (1) << LEX_STAFF_ROLE) |
                      (G_GUINT64_CONSTANT (1) << LEX_FAMILY) | (G_GUINT64_CONSTANT (1) << LEX_PERSON_NOUN);

  if (!(s->tmask[j] & any))
    return;
  for (guint k = 0; k < G_N_ELEMENTS (lexes); k++)
    if (s->tmask[j] & (G_GUINT64_CONSTANT (1) << lexes[k]))
      {
        const char *lex = _rounds_lex_name (lexes[k]);

        func (prefix, prefix_len, lex, strlen (lex), user_data);
      }
}

/* What a hashtag's words are: a first name, a marker ("Team", "Vamos"),
 * everyday words, a word the text writes with a capital ("Our girl Bug …
 * #GoBugGo") */
struct _HashWords
{
  const Elsewhere *e;
  guint n, fn1, fn2, marker, common, unknown, in_text;
  guint initials, run1, profile;   /* one-letter words ("#KWStrong"), the practice's own words */
  guint place;                     /* a word the text names as a place ("Austin is … #AustinStrong") */
  gboolean after_place;
  /* the class of each word beside a marker: 'f' a first name, 'c'
   * clinical, 's' a short everyday word ("The", "Al"), 'd' another
   * everyday word, 'u' none of these; bits of mnext by class */
  char prev_class;
  gboolean prev_marker;
  guint mnext;
};

static const char hash_classes[] = "fcsdu";

static void
hash_word (const RScan *s,
           guint        i,
           const char  *key,
           gsize        len,
           gpointer     user_data)
{
  HashWords *h = user_data;
  int fn = len >= 3 ? _rounds_rules_first_name (s->rules, key, len) : 0;
  /* (the everyday words are stems and forms hunspell lists: "rounds" is
   * "round" with an s) */
  gboolean common = is_common_word (s, key, len) ||
                    (len > 3 && key[len - 1] == 's' && is_common_word (s, key, len - 1));
  guint64 hash = _rounds_key_hash (key, len);
  gboolean place = h->after_place;

  h->n++;
  /* initials: two one-letter words in a row */
  h->run1 = len == 1 ? h->run1 + 1 : 0;
  if (h->run1 == 2)
    h->initials++;
  /* "#SanAntonio": a place's name, not a person's */
  h->after_place = _rounds_rules_has_word (s->rules, key, WORD_HASHTAG_PLACE_BEFORE);
  if (place)
    {
      h->common++;
      return;
    }
  if (fn == 1)
    h->fn1++;
  else if (fn == 2)
    h->fn2++;
  if (_rounds_rules_has_word (s->rules, key, WORD_HASHTAG_MARKER))
    h->marker++;
  else if (common)
    h->common++;
  else if (fn == 0 && len >= 3)
    h->unknown++;
  {
    gboolean marker = _rounds_rules_has_word (s->rules, key, WORD_HASHTAG_MARKER);
    char cls = fn != 0 ? 'f' : _rounds_rules_is_clinical (s->rules, key, len) ? 'c' :
               common && len <= 3 ? 's' : common ? 'd' : 'u';

    if (marker && h->prev_class != 0 && !h->prev_marker)
      h->mnext |= 1u << (strchr (hash_classes, h->prev_class) - hash_classes);
    if (!marker && h->prev_marker)
      h->mnext |= 1u << (strchr (hash_classes, cls) - hash_classes);
    h->prev_class = cls;
    h->prev_marker = marker;
  }
  /* the word in the text: named as a place; capitalised outside hashtags
   * and not where a sentence starts ("Our girl Bug … #GoBugGo") */
  if (len >= 3)
    for (guint j = 0; j < s->n; j++)
      {
        if (s->tv[j].hash != hash)
          continue;
        if (s->tmask[j] & (G_GUINT64_CONSTANT (1) << LEX_PLACE_NAME))
          {
            h->place++;
            break;
          }
        if (!h->in_text && s->tv[j].kind == RTOK_WORD && (s->tv[j].flags & RTOK_CAP) &&
          !_rounds_rules_has_word (s->rules, key, WORD_HASHTAG_MARKER) &&
          !(s->tflags[j] & TF_HANDLE) && j != _rs_sent (s, s->tv[j].sent)->start &&
          !(s->tmask[j] & (G_GUINT64_CONSTANT (1) << LEX_PLACE_NAME)) &&
          j != _rs_sent (s, s->tv[j].sent)->first &&
          /* alone, not in a run of capitals ("Go Red for Women … #GoRed") */
          !(j - 1 != _rs_sent (s, s->tv[j].sent)->start && _rs_is_cap_word (s, j - 1)) &&
          !_rs_is_cap_word (s, j + 1))
          h->in_text++;
      }
}

static void
profile_word (const RScan *s,
              guint        i,
              const char  *key,
              gsize        len,
              gpointer     user_data)
{
  HashWords *h = user_data;

  if (len >= 3 && _rs_key_in_profile_words (s, key, len))
    h->profile++;
}

/* A hashtag of everyday words and markers alone ("#MeetTheTeam",
 * "#ChronicPainWarrior", "#GoRed") names nobody unless one of its words
 * is a first name, a word no list knows, initials ("#KWStrong") or a word
 * the text writes with a capital ("Our girl Bug … #GoBugGo") */
static gboolean
hashtag_may_name (const RScan *s,
                  guint        i,
                  HashWords   *h)
{
  memset (h, 0, sizeof *h);
  hashtag_words (s, i, hash_word, h);
  if (!((h->fn1 || h->fn2 || h->unknown || h->in_text || h->initials) && !h->place))
    return FALSE;
  /* three everyday words or more and no marker are a phrase, even where
   * one of them is also a first name ("#DíaMundialDelRiñón",
   * "#BackToSchool") */
  if (h->n >= 3 && h->common == h->n && !h->marker && !h->in_text && !h->initials)
    return FALSE;
  /* (the practice's words, asked of a candidate only: each question
   * folds the profile's name and addresses) */
  hashtag_words (s, i, profile_word, h);
  return TRUE;
}

/* (@hw: the hashtag's words, as is_candidate () told them) */
static void
hashtag_features (const RScan     *s,
                  guint            i,
                  const HashWords *hw,
                  NameFeatureFunc  func,
                  gpointer         user_data)
{
  HashWords h = *hw;
  char digit[2] = { 0, 0 };

  digit[0] = (char) ('0' + MIN (h.n, 4));
  func ("hw:", 3, digit, 1, user_data);
  if (h.fn1)
    FEAT (func, user_data, "hw-fn1");
  if (h.fn2)
    FEAT (func, user_data, "hw-fn2");
  if (h.marker)
    FEAT (func, user_data, "hw-marker");
  if (h.unknown)
    FEAT (func, user_data, "hw-unknown");
  if (h.in_text)
    FEAT (func, user_data, "hw-in-text");
  if (h.n >= 2 && h.common + h.marker == h.n)
    FEAT (func, user_data, "hw-all-words");
  if ((h.fn1 || h.fn2 || h.unknown || h.in_text) && h.marker)
    FEAT (func, user_data, "hw-name+marker");
  if (h.in_text && h.n >= 2)
    FEAT (func, user_data, "hw-in-text+more");
  if (h.in_text && h.marker)
    FEAT (func, user_data, "hw-in-text+marker");
  if (h.marker && !(h.fn1 || h.fn2 || h.unknown || h.in_text))
    FEAT (func, user_data, "hw-marker-only");
  if (h.initials)
    FEAT (func, user_data, "hw-initials");
  if (h.profile)
    FEAT (func, user_data, "hw-practice");
  for (guint c = 0; c < 5; c++)
    if (h.mnext & (1u << c))
      func ("hw-mnext:", 9, hash_classes + c, 1, user_data);
}

/* "¡Hoy Valentina …! Orgullosos de ti, Vale.": a capitalised word of the
 * text begins with @i's (a short form), or @i's begins with another's */
static void
short_form_features (const RScan     *s,
                     guint            i,
                     const Elsewhere *e,
                     NameFeatureFunc  func,
                     gpointer         user_data)
{
  const RTok *t = rs_tok (s, i);
  const char *key = rs_key (s, i);
  gboolean is_short = FALSE, has_short = FALSE;

  if (t->base_len < 3)
    return;
  /* (the long form a name the lists know: not "Medi-Cal" … "California") */
  for (guint k = 0; k < e->n_fn_caps && !is_short; k++)
    {
      guint j = e->fn_caps[k];

      is_short = j != i && rs_tok (s, j)->base_len > t->base_len &&
                 memcmp (rs_key (s, j), key, t->base_len) == 0;
    }
  if (_rs_first_name (s, i) != 0 && e->shorts != NULL)
    {
      /* the key's first 3, 4 … bytes, hashed on the way */
      guint64 h = _rounds_key_hash (key, 2);

      for (gsize len = 3; len < t->base_len && !has_short; len++)
        {
          h = (h ^ (guchar) key[len - 1]) * G_GUINT64_CONSTANT (1099511628211);
          has_short = elsewhere_has_short (s, e, key, len, h);
        }
    }
  else if (_rs_first_name (s, i) != 0)
    for (guint j = 0; j < s->n && !has_short; j++)
      {
        const RTok *u = rs_tok (s, j);

        if (j == i || !may_be_short (s, j) || u->base_len >= t->base_len)
          continue;
        has_short = memcmp (rs_key (s, j), key, u->base_len) == 0;
      }
  if (is_short)
    FEAT (func, user_data, "short-of-cap");
  if (has_short)
    FEAT (func, user_data, "long-of-cap");
}

static void
name_features (const RScan     *s,
               guint            i,
               const Elsewhere *elsewhere,
               const HashWords *hw,
               NameFeatureFunc  func,
               gpointer         user_data)
{
  static const struct { guint flag; const char *name; } sent_flags[] = {
    { SF_RC, "sf:rc" }, { SF_PR, "sf:pr" }, { SF_TESTIMONIAL, "sf:testimonial" },
    { SF_PATIENT_CTX, "sf:patient" }, { SF_CARE_CTX, "sf:care" }, { SF_HAS_ID, "sf:id" },
    { SF_HAS_NAME, "sf:name" }, { SF_DOB, "sf:dob" }, { SF_ADVICE, "sf:advice" },
  };
  const RTok *t = rs_tok (s, i);
  const RSent *sent = _rs_sent (s, _rs_sent_of (s, i));
  const char *key = rs_key (s, i);
  gsize len = t->base_len;
  int fn = _rs_first_name (s, i);
  gboolean common = is_common_tok (s, i);
  gboolean surname = _rs_surname (s, i);
  gboolean clinical = _rs_is_clinical (s, i);
  gboolean start = i == sent->start || i == sent->first;
  char digit[2] = { 0, 0 };
  /* the word's class, "0d--|": first name (0-2), everyday word, surname,
   * clinical; the same followed by '>' for the word after it */
  guint wci = ((((guint) fn * 2 + (common != 0)) * 2 + (surname != 0)) * 2 + (clinical != 0)) * 2;
  const char *wc = word_classes[wci];
  const char *wcn = word_classes[wci + 1];

  if (rs_is_reply (s))
    FEAT (func, user_data, "k:reply");
  else
    FEAT (func, user_data, "k:post");
  digit[0] = (char) ('0' + fn);
  func ("fn:", 3, digit, 1, user_data);
  if (surname)
    FEAT (func, user_data, "sur");
  if (common)
    FEAT (func, user_data, "dict");
  if (clinical)
    FEAT (func, user_data, "clin");
  digit[0] = (char) ('0' + MIN (t->n_chars, 9));
  func ("len:", 4, digit, 1, user_data);
  if (t->base_len != t->key_len)
    FEAT (func, user_data, "poss");
  if (s->tflags[i] & TF_QUOTE)
    FEAT (func, user_data, "quote");
  if (start)
    FEAT (func, user_data, "start");
  for (guint64 m = s->tmask[i]; m != 0; m &= m - 1)
    {
      const char *lex = _rounds_lex_name (__builtin_ctzll (m));

      func ("lex:", 4, lex, strlen (lex), user_data);
    }
  for (guint f = 0; f < G_N_ELEMENTS (sent_flags); f++)
    if (sent->flags & sent_flags[f].flag)
      func (sent_flags[f].name, strlen (sent_flags[f].name), "", 0, user_data);

  /* "Obiora walked into his checkup": a his/her a few words on tells of a
   * person */
  for (guint n = i + 1; n <= sent->last && n <= i + 6; n++)
    if (_rs_lex1 (s, n, LEX_POSS3))
      {
        FEAT (func, user_data, "poss3-after");
        break;
      }

  /* the same word elsewhere in the text: in lower case it is a word
   * ("Grace" … "by grace"), capitalised inside a sentence it is a name
   * or a place */
  if (!(s->tflags[i] & TF_HANDLE))
    {
      guint b = elsewhere_bit (t->hash);
      gboolean may_lower = (elsewhere->lower[b / 64] >> (b % 64)) & 1;
      /* (the word itself counts once when it is inside its sentence) */
      gboolean may_inner = (((i != sent->start) ? elsewhere->inner2 : elsewhere->inner)[b / 64] >> (b % 64)) & 1;
      gboolean lower = !may_lower, inner = !may_inner;
      const WordRun *run = elsewhere->runs != NULL && !(lower && inner) ? elsewhere_run (elsewhere, t->hash) : NULL;

      /* (the counts hold the word itself: take it away) */
      if (run != NULL)
        {
          gboolean word = t->kind == RTOK_WORD;
          gboolean self_lower = word && (t->flags & RTOK_LOWER);
          gboolean self_inner = word && !(t->flags & RTOK_LOWER) && i != sent->start;

          lower = lower || run->n_lower > (self_lower ? 1u : 0u);
          inner = inner || run->n_inner > (self_inner ? 1u : 0u);
        }
      for (guint j = 0; elsewhere->runs == NULL && j < s->n && !(lower && inner); j++)
        if (s->tv[j].hash == t->hash && j != i && s->tv[j].kind == RTOK_WORD)
          {
            if (s->tv[j].flags & RTOK_LOWER)
              lower = TRUE;
            else if (j != _rs_sent (s, _rs_sent_of (s, j))->start)
              inner = TRUE;
          }
      if (lower && may_lower)
        FEAT (func, user_data, "lower-elsewhere");
      if (inner && may_inner)
        FEAT (func, user_data, "cap-elsewhere");
    }

  /* a hashtag, and the first part of a CamelCase one ("#TaylorStrong") */
  if (s->tflags[i] & TF_HANDLE)
    {
      const char *w = s->text + t->b0;
      gsize part = 1;

      FEAT (func, user_data, "hash");
      /* (ASCII only, where the folded key has the text's bytes) */
      while (part < len && part < t->b1 - t->b0 && (guchar) w[part] < 0x80 && !g_ascii_isupper (w[part]))
        part++;
      if (part < len && part >= 2 && g_ascii_isupper (w[part]))
        {
          FEAT (func, user_data, "camel");
          digit[0] = (char) ('0' + _rounds_rules_first_name (s->rules, key, part));
          func ("hfn:", 4, digit, 1, user_data);
          if (is_common_word (s, key, part))
            FEAT (func, user_data, "hdict");
        }
    }

  if (is_hashtag (s, i))
    hashtag_features (s, i, hw, func, user_data);
  else
    {
      /* the word is one of a hashtag's ("Sofía … #EquipoSofía"; not a
       * place's: "Austin is ready … #AustinStrong") */
      for (guint k = 0; k < elsewhere->n_segs && !(s->tmask[i] & (G_GUINT64_CONSTANT (1) << LEX_PLACE_NAME)); k++)
        if (elsewhere->seg_hash[k] == rs_hash_len (s, i, t->base_len) && elsewhere->seg_tok[k] != i &&
            t->base_len >= 3)
          {
            FEAT (func, user_data, "in-hashtag");
            func (wc, 5, "in-hashtag", 10, user_data);
            /* … beside a marker: "Our girl Bug … #GoBugGo" */
            for (guint m = 0; m < elsewhere->n_segs; m++)
              if (m != k && elsewhere->seg_tok[m] == elsewhere->seg_tok[k] && elsewhere->seg_marker[m])
                {
                  FEAT (func, user_data, "in-hashtag+marker");
                  break;
                }
            break;
          }
      nickname_features (s, i, sent, func, user_data);
      short_form_features (s, i, elsewhere, func, user_data);
    }
  if (s->tflags[i] & TF_PUBLIC)
    {
      FEAT (func, user_data, "ptitle");
      if (sent->flags & (SF_PR | SF_CARE_CTX | SF_PATIENT_CTX | SF_TESTIMONIAL | SF_RC))
        FEAT (func, user_data, "ptitle|patient");
    }

  /* the word's class alone and beside its neighbours and the sentence:
   * "a word no list knows after 'to'" is not "an everyday word after 'to'" */
  func ("wc:", 3, wc, 4, user_data);
  if (sent->flags & (SF_PR | SF_CARE_CTX | SF_PATIENT_CTX | SF_TESTIMONIAL | SF_RC))
    func (wc, 5, "patient", 7, user_data);
  if (start)
    func (wc, 5, "start", 5, user_data);

  if (i >= 1 && i - 1 >= sent->first)
    {
      neighbour_lex (s, i - 1, "p1lex:", 6, func, user_data);
      neighbour (s, i - 1, "p1:", 3, func, user_data);
      neighbour (s, i - 1, wc, 5, func, user_data);
    }
  else
    FEAT (func, user_data, "p1:<s>");
  if (i >= 2 && i - 2 >= sent->first)
    {
      neighbour (s, i - 2, "p2:", 3, func, user_data);
      neighbour_lex (s, i - 2, "p2lex:", 6, func, user_data);
    }
  if (i + 1 < s->n && i + 1 <= sent->last)
    {
      neighbour (s, i + 1, "n1:", 3, func, user_data);
      neighbour (s, i + 1, wcn, 5, func, user_data);
    }
  else
    FEAT (func, user_data, "n1:</s>");
  if (i + 2 < s->n && i + 2 <= sent->last)
    neighbour (s, i + 2, "n2:", 3, func, user_data);
}

static void
dump_feature (const char *prefix,
              gsize       prefix_len,
              const char *a,
              gsize       a_len,
              gpointer    user_data)
{
  GString *out = user_data;

  if (out->str[out->len - 1] != '[')
    g_string_append_c (out, ',');
  g_string_append_c (out, '"');
  _rounds_json_append_escaped (out, prefix, prefix_len);
  _rounds_json_append_escaped (out, a, a_len);
  g_string_append_c (out, '"');
}

void
_rounds_name_features_dump (RScan   *s,
                            GString *out)
{
  gboolean first = TRUE;
  Elsewhere elsewhere;

  elsewhere_init (s, &elsewhere);
  for (guint i = 0; i < s->n; i++)
    {
      HashWords hw;

      if (!is_candidate (s, i, &hw))
        continue;
      if (!first)
        g_string_append_c (out, ',');
      first = FALSE;
      g_string_append_printf (out, "{\"start\":%u,\"end\":%u,\"features\":[", rs_tok (s, i)->c0, rs_tok (s, i)->c1);
      name_features (s, i, &elsewhere, &hw, dump_feature, out);
      g_string_append (out, "]}");
    }
  elsewhere_clear (&elsewhere);
}

/* ------------------------------------------------------------- scoring */

typedef struct
{
  const RNameModel *model;
  float             z;
  RNamePrefix      *prefixes;
} Score;

/* (the prefix's address picks its entry by the top eight bits of a product) */
G_STATIC_ASSERT (R_NAME_PREFIXES == 256);

static void
score_feature (const char *prefix,
               gsize       prefix_len,
               const char *a,
               gsize       a_len,
               gpointer    user_data)
{
  Score *sc = user_data;
  RNamePrefix *m = &sc->prefixes[((guintptr) prefix * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15)) >> 56];
  guint64 h;
  const NameWeight *slot;

  if (m->prefix != prefix || m->prefix_len != prefix_len)
    {
      h = FNV_START;
      for (gsize k = 0; k < prefix_len; k++)
        h = (h ^ (guchar) prefix[k]) * FNV_PRIME;
      m->prefix = prefix;
      m->prefix_len = prefix_len;
      m->h = h;
      m->w_known = 0;
    }
  h = m->h;
  if (a_len == 0)
    {
      if (m->w_known == 0)
        {
          slot = model_slot (sc->model, h != 0 ? h : 1);
          m->w_known = slot->hash != 0 ? 2 : 1;
          m->w = slot->w;
        }
      if (m->w_known == 2)
        sc->z += m->w;
      return;
    }
  for (gsize k = 0; k < a_len; k++)
    h = (h ^ (guchar) a[k]) * FNV_PRIME;
  slot = model_slot (sc->model, h != 0 ? h : 1);
  if (slot->hash != 0)
    sc->z += slot->w;
}

void
_rounds_detect_learned_names (RScan *s)
{
  const RNameModel *model = s->rules->name_model;
  guint n_found = 0;
  guint found[64];
  Elsewhere elsewhere;
  Score sc;
  guint first = 0;

  if (model == NULL)
    return;
  /* (before SF_PUBLIC is marked, a candidate or more: most short texts
   * have none; SF_PUBLIC only takes candidates away, so none comes
   * before the first found here) */
  while (first < s->n && !is_candidate (s, first, NULL))
    first++;
  if (first == s->n)
    return;
  elsewhere_init (s, &elsewhere);
  /* every candidate is scored on the detectors' marks alone, before any
   * name this tagger finds changes its neighbours' */
  /* the prefixes' hashes, kept from text to text on this thread */
  if (s->name_memo->rules_serial != s->rules->serial || s->name_memo->model != model)
    {
      memset (s->name_memo, 0, sizeof *s->name_memo);
      s->name_memo->rules_serial = s->rules->serial;
      s->name_memo->model = model;
    }
  sc.prefixes = s->name_memo->prefixes;
  sc.model = model;
  for (guint i = first; i < s->n; i++)
    {
      HashWords hw;

      if (!is_candidate (s, i, &hw))
        continue;
      sc.z = model->bias;
      name_features (s, i, &elsewhere, &hw, score_feature, &sc);
      if (sc.z > model->threshold && n_found < G_N_ELEMENTS (found))
        found[n_found++] = i;
    }
  elsewhere_clear (&elsewhere);
  for (guint k = 0; k < n_found; k++)
    {
      guint i = found[k];

      /* never a word of the practice's own name or address ("Happy
       * birthday, Lakeview!") */
      if (_rs_in_profile_words (s, i))
        continue;

      s->tflags[i] |= TF_NAME;
      _rs_sent (s, _rs_sent_of (s, i))->flags |= SF_HAS_NAME;
      _rs_add (s, i, i, RULE_NAME);
    }
}
