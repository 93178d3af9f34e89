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
  guint64 n_lines = 0, n_slots = 16;
  gboolean header = FALSE, has_bias = FALSE;
  guint line_no = 0;
  RNameModel *model;

  if (p == NULL || !rounds_utf8_validate_len (p, size))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "The name model is not valid UTF-8");
      return NULL;
    }
  for (const char *q = p; q < end && (q = memchr (q, '\n', end - q)) != NULL; q++)
    n_lines++;
  while (n_slots < 2 * (n_lines + 1))
    n_slots *= 2;
  model = g_new0 (RNameModel, 1);
  model->slots = g_new0 (NameWeight, n_slots);
  model->mask = n_slots - 1;

  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);
      const char *line = p;
      const char *line_end = nl ? nl : end;
      const char *tab;
      char *num_end;
      g_autofree char *rest = NULL;

      p = nl ? nl + 1 : end;
      line_no++;
      while (line_end > line && g_ascii_isspace (line_end[-1]))
        line_end--;
      if (line_end == line || line[0] == '#')
        continue;
      tab = memchr (line, '\t', line_end - line);
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

/* Is token @i a word no detector has claimed that could be someone's
 * name: a capitalised word (not all capitals, not a number), or the word
 * of a hashtag? */
static gboolean
is_candidate (const RScan *s,
              guint        i)
{
  const RTok *t = rs_tok (s, i);

  if (t->kind != RTOK_WORD || !(t->flags & RTOK_CAP) || (t->flags & (RTOK_UPPER | RTOK_DIGIT)) || t->n_chars < 2)
    return FALSE;
  if (s->tflags[i] & (TF_USED | TF_EXEMPT | TF_STAFF | TF_PUBLIC | TF_NAME | TF_DATE))
    return FALSE;
  /* of the handles, hashtags only (not an @handle, a URL or an e-mail) */
  if (s->tflags[i] & TF_HANDLE)
    return i > 0 && _rs_is_ch (s, i - 1, '#') && _rs_joined (s, i);
  return TRUE;
}

typedef void (*NameFeatureFunc) (const char *feature,
                                 gsize       len,
                                 gpointer    user_data);

static void
emit (NameFeatureFunc  func,
      gpointer         user_data,
      const char      *prefix,
      const char      *a,
      gsize            a_len)
{
  char buf[96];
  gsize n = strlen (prefix);

  if (n + a_len >= sizeof buf)
    a_len = sizeof buf - n - 1;
  memcpy (buf, prefix, n);
  memcpy (buf + n, a, a_len);
  buf[n + a_len] = '\0';
  func (buf, n + a_len, user_data);
}

static gboolean
is_common_word (const RScan *s,
                const char  *key,
                gsize        len)
{
  return s->rules->common_words != NULL && _rounds_keys_lookup (s->rules->common_words, key, len, NULL);
}

/* A neighbour @j of the candidate, as "p1:"-style features: its key if it
 * is an everyday word or punctuation, else its class */
static void
neighbour (const RScan     *s,
           guint            j,
           const char      *prefix,
           NameFeatureFunc  func,
           gpointer         user_data)
{
  char p[12];
  const RTok *t = rs_tok (s, j);

  g_snprintf (p, sizeof p, "%s:", prefix);
  if (s->tflags[j] & TF_STAFF)
    emit (func, user_data, p, "<staff>", 7);
  else if (s->tflags[j] & TF_NAME)
    emit (func, user_data, p, "<name>", 6);
  else if (t->kind == RTOK_NUM || (t->flags & RTOK_DIGIT))
    emit (func, user_data, p, "<n>", 3);
  else if (t->kind == RTOK_PUNCT)
    emit (func, user_data, p, rs_key (s, j), t->key_len);
  else if (t->flags & RTOK_CAP)
    {
      emit (func, user_data, p, "<cap>", 5);
      /* "Congrats", "Baby": an everyday word by its key too */
      if (is_common_word (s, rs_key (s, j), t->base_len))
        emit (func, user_data, p, rs_key (s, j), t->base_len);
    }
  else
    emit (func, user_data, p, rs_key (s, j), t->base_len);
}

static void
name_features (const RScan     *s,
               guint            i,
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
  char buf[16];
  char wc[8], wcn[8];
  int fn = _rs_first_name (s, i);

  func (rs_is_reply (s) ? "k:reply" : "k:post", rs_is_reply (s) ? 7 : 6, user_data);
  g_snprintf (buf, sizeof buf, "fn:%d", fn);
  func (buf, strlen (buf), user_data);
  if (_rs_surname (s, i))
    func ("sur", 3, user_data);
  if (is_common_word (s, key, len))
    func ("dict", 4, user_data);
  if (_rs_is_clinical (s, i))
    func ("clin", 4, user_data);
  g_snprintf (buf, sizeof buf, "len:%u", MIN (t->n_chars, 9));
  func (buf, strlen (buf), user_data);
  if (t->base_len != t->key_len)
    func ("poss", 4, user_data);
  if (s->tflags[i] & TF_QUOTE)
    func ("quote", 5, user_data);
  if (i == sent->start || i == sent->first)
    func ("start", 5, user_data);
  for (guint l = 0; l < N_LEX; l++)
    if (s->tmask[i] & (G_GUINT64_CONSTANT (1) << l))
      emit (func, user_data, "lex:", _rounds_lex_name (l), strlen (_rounds_lex_name (l)));
  for (guint f = 0; f < G_N_ELEMENTS (sent_flags); f++)
    if (sent->flags & sent_flags[f].flag)
      func (sent_flags[f].name, strlen (sent_flags[f].name), user_data);

  /* the same word elsewhere in the text: in lower case it is a word
   * ("Grace" … "by grace"), capitalised inside a sentence it is a name
   * or a place */
  if (!(s->tflags[i] & TF_HANDLE))
    {
      gboolean lower = FALSE, inner = FALSE;

      for (guint j = 0; j < s->n && !(lower && inner); j++)
        if (j != i && rs_tok (s, j)->hash == t->hash && rs_tok (s, j)->kind == RTOK_WORD)
          {
            if (rs_tok (s, j)->flags & RTOK_LOWER)
              lower = TRUE;
            else if (j != _rs_sent (s, _rs_sent_of (s, j))->start)
              inner = TRUE;
          }
      if (lower)
        func ("lower-elsewhere", 15, user_data);
      if (inner)
        func ("cap-elsewhere", 13, user_data);
    }

  /* a hashtag, and the first part of a CamelCase one ("#TaylorStrong") */
  if (s->tflags[i] & TF_HANDLE)
    {
      const char *w = s->text + t->b0;
      gsize part = 1;

      func ("hash", 4, user_data);
      /* (ASCII only, where the folded key has the text's bytes) */
      while (part < len && part < t->b1 - t->b0 && (guchar) w[part] < 0x80 && !g_ascii_isupper (w[part]))
        part++;
      if (part < len && part >= 2 && g_ascii_isupper (w[part]))
        {
          int pfn = _rounds_rules_first_name (s->rules, key, part);

          func ("camel", 5, user_data);
          g_snprintf (buf, sizeof buf, "hfn:%d", pfn);
          func (buf, strlen (buf), user_data);
          if (is_common_word (s, key, part))
            func ("hdict", 5, user_data);
        }
    }

  /* the word's class alone and beside its neighbours and the sentence:
   * "a word no list knows after 'to'" is not "an everyday word after 'to'" */
  g_snprintf (wc, sizeof wc, "%d%c%c%c|", fn, is_common_word (s, key, len) ? 'd' : '-',
              _rs_surname (s, i) ? 's' : '-', _rs_is_clinical (s, i) ? 'c' : '-');
  emit (func, user_data, "wc:", wc, 4);
  if (sent->flags & (SF_PR | SF_CARE_CTX | SF_PATIENT_CTX | SF_TESTIMONIAL | SF_RC))
    emit (func, user_data, wc, "patient", 7);
  if (i == sent->start || i == sent->first)
    emit (func, user_data, wc, "start", 5);

  if (i >= 1 && i - 1 >= sent->first)
    {
      neighbour (s, i - 1, "p1", func, user_data);
      neighbour (s, i - 1, wc, func, user_data);
    }
  else
    func ("p1:<s>", 6, user_data);
  if (i >= 2 && i - 2 >= sent->first)
    neighbour (s, i - 2, "p2", func, user_data);
  if (i + 1 < s->n && i + 1 <= sent->last)
    {
      neighbour (s, i + 1, "n1", func, user_data);
      g_snprintf (wcn, sizeof wcn, "%.4s>", wc);
      neighbour (s, i + 1, wcn, func, user_data);
    }
  else
    func ("n1:</s>", 7, user_data);
  if (i + 2 < s->n && i + 2 <= sent->last)
    neighbour (s, i + 2, "n2", func, user_data);
}

static void
dump_feature (const char *feature,
              gsize       len,
              gpointer    user_data)
{
  GString *out = user_data;

  if (out->str[out->len - 1] != '[')
    g_string_append_c (out, ',');
  g_string_append_c (out, '"');
  for (gsize k = 0; k < len; k++)
    {
      char c = feature[k];

      if (c == '"' || c == '\\')
        g_string_append_c (out, '\\');
      if ((guchar) c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, c);
    }
  g_string_append_c (out, '"');
}

void
_rounds_name_features_dump (const RScan *s,
                            GString     *out)
{
  gboolean first = TRUE;

  for (guint i = 0; i < s->n; i++)
    {
      if (!is_candidate (s, i))
        continue;
      if (!first)
        g_string_append_c (out, ',');
      first = FALSE;
      g_string_append_printf (out, "{\"start\":%u,\"end\":%u,\"features\":[", rs_tok (s, i)->c0, rs_tok (s, i)->c1);
      name_features (s, i, dump_feature, out);
      g_string_append (out, "]}");
    }
}

/* ------------------------------------------------------------- scoring */

typedef struct
{
  const RNameModel *model;
  float             z;
} Score;

static void
score_feature (const char *feature,
               gsize       len,
               gpointer    user_data)
{
  Score *sc = user_data;
  const NameWeight *slot = model_slot (sc->model, fnv_len (feature, len));

  if (slot->hash != 0)
    sc->z += slot->w;
}

void
_rounds_detect_learned_names (RScan *s)
{
  const RNameModel *model = s->rules->name_model;
  guint n_found = 0;
  guint found[64];

  if (model == NULL)
    return;
  /* every candidate is scored on the detectors' marks alone, before any
   * name this tagger finds changes its neighbours' */
  for (guint i = 0; i < s->n; i++)
    {
      Score sc = { model, model->bias };

      if (!is_candidate (s, i))
        continue;
      name_features (s, i, score_feature, &sc);
      if (sc.z > model->threshold && n_found < G_N_ELEMENTS (found))
        found[n_found++] = i;
    }
  for (guint k = 0; k < n_found; k++)
    {
      guint i = found[k];

      s->tflags[i] |= TF_NAME;
      _rs_sent (s, _rs_sent_of (s, i))->flags |= SF_HAS_NAME;
      _rs_add (s, i, i, RULE_NAME);
    }
}
