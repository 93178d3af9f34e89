/* rounds-risk-model.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A small trained model for risk language, for what the phrase rules cannot
 * reach (issue 15): one logistic regression per risk category over the
 * words of a sentence, word pairs and cue features (the kind of text, the
 * rule pack's lexicons present, a clinical word, a name or an identifier
 * found by the detectors). Words are generalised into classes where that is
 * what matters: a patient's name is "<name>", a number "<n>", the
 * practice's own detail "<own>", a staff name "<staff>", a word of the
 * clinical vocabulary also counts as "<clin>".
 *
 * The weights are data (resources/compliance/risk-model.tsv), written by
 * tests/data/compliance/train-risk-model.py from the labelled practice
 * sets; the features come from _rounds_model_features(), which the trainer
 * reads through the rounds-compliance-features tool, so training and
 * scanning cannot disagree about them.
 *
 * File format, one record per line, fields separated by tabs:
 *   rounds-risk-model <TAB> 1
 *   category <TAB> NAME <TAB> BIAS <TAB> THRESHOLD     (one per category)
 *   FEATURE <TAB> W1 W2 …                                (one weight per category)
 * Lines starting with '#' are comments. Features are stored by a 64-bit
 * hash of their text (a collision among a few thousand features is
 * vanishingly unlikely, and would only merge two weights).
 */

#define G_LOG_DOMAIN "rounds-compliance"

#include "config.h"

#include <stdlib.h>

#include "rounds-detect-toolkit.h"
#include "rounds-utf8.h"

static const struct
{
  const char *name;
  RRuleId     rule;
} model_cats[] = {
  { "review_confirmation", RULE_REVIEW_CONFIRMATION },
  { "patient_reference", RULE_PATIENT_REFERENCE },
  { "testimonial", RULE_TESTIMONIAL },
  { "guarantee", RULE_GUARANTEE },
  { "medical_advice", RULE_MEDICAL_ADVICE },
  { "missing_disclosure", RULE_MISSING_DISCLOSURE },
};

#define N_CATS G_N_ELEMENTS (model_cats)

/* Features are looked up by a 64-bit FNV-1a hash of their text, computed
 * piece by piece while scanning, so no feature string is ever built. */
#define FNV_START G_GUINT64_CONSTANT (14695981039346656037)
#define FNV_PRIME G_GUINT64_CONSTANT (1099511628211)

static inline guint64
fnv (guint64     h,
     const char *str)
{
  for (const guchar *p = (const guchar *) str; *p; p++)
    h = (h ^ *p) * FNV_PRIME;
  return h;
}

/* A feature's slot: its hash beside its weights, so that a feature found
 * reads one place in memory (the hashes and weights of the whole model
 * are about a second-level cache's size: each of the two reads was a
 * miss) */
typedef struct
{
  guint64 hash;            /* 0: empty slot */
  float   w[N_CATS];
} Weights;

#define FILTER_BITS (1 << 16)

static inline guint
filter_bit (guint64 hash)
{
  return (hash >> 29) & (FILTER_BITS - 1);
}

/* The feature prefixes ("w:", "b:" …) and the fixed parts whose hashes
 * the scoring path needs, hashed once at load instead of per feature. */
typedef enum
{
  P_K,
  P_W,
  P_B,
  P_F,
  P_KF,
  P_F2,
  P_L,
  P_SF,
  N_PREFIXES
} Prefix;

static const char * const prefix_names[N_PREFIXES] = { "k:", "w:", "b:", "f:", "kf:", "f2:", "l:", "sf:" };

/* The sentence features ("sf:" NAME): the first five alone; the story's
 * (story_features ()) alone and crossed with the text's kind
 * ("sf:past post") */
typedef enum
{
  SFEAT_QUOTE,
  SFEAT_CLIN,
  SFEAT_NAME,
  SFEAT_ID,
  SFEAT_DOB,
  /* the structure of a story about one person (issue 15): who (a name,
   * he or she, a kin or person word), what happened (a past tense, a
   * change of state), when (a span of time, a recent day), told by whom
   * (the practice as "we", one person as "I"), and one person named
   * elsewhere in the text */
  SFEAT_PERSON,
  SFEAT_HE,
  SFEAT_PAST,
  SFEAT_WE,
  SFEAT_I,
  SFEAT_CHANGE,
  SFEAT_TIME,
  SFEAT_MILESTONE,      /* "her first helmet", "his last session" */
  SFEAT_SUBJ_PAST,      /* a person among the first words, a past tense soon after */
  SFEAT_SUBJ_CHANGE,    /* … a change of state soon after */
  SFEAT_HE_PAST,
  SFEAT_PERSON_PAST,
  SFEAT_PERSON_WE,
  SFEAT_PAST_WE,
  SFEAT_PERSON_TIME,
  SFEAT_PERSON_CHANGE,
  SFEAT_I_PERSON,
  SFEAT_PERSON_MILESTONE,
  SFEAT_CTX,            /* another sentence names one person */
  SFEAT_CTX_PAST,
  SFEAT_CTX_TIME,
  SFEAT_CTX_CHANGE,
  /* one reader addressed, in a post a person cheered or told about
   * their own care ("so proud of you", "you were in for your labs"), and
   * a span of time free of something ("a year without binges", "6
   * months clean"): a milestone of one person's recovery */
  SFEAT_YOU,
  SFEAT_YOU_PAST,
  SFEAT_FREE,
  SFEAT_FREE_TIME,
  SFEAT_CTX_YOU,        /* … and another sentence names one person */
  N_SENT_FEATURES
} SentFeature;

static const char * const sent_feature_names[N_SENT_FEATURES] = {
  "quote", "clin", "name", "id", "dob",
  "person", "he", "past", "we", "i", "change", "time", "milestone", "subj_past", "subj_change", "he_past",
  "person_past", "person_we", "past_we", "person_time", "person_change", "i_person", "person_milestone",
  "ctx", "ctx_past", "ctx_time", "ctx_change",
  "you", "you_past", "free", "free_time", "ctx_you",
};
G_STATIC_ASSERT (N_SENT_FEATURES <= 32);

struct _RModel
{
  Weights *weights;        /* open addressing, linear probing, by hash (most
                            * features that are not in the model are turned
                            * away by the filter before a probe) */
  guint64 mask;            /* number of slots - 1 */
  guint64 filter[FILTER_BITS / 64];  /* a bit per feature hash's FILTER_BITS
                            * bucket: a feature whose bit is clear is not in
                            * the model, asked without touching the slots
                            * (8 kB, stays in the first-level cache) */
  float   bias[N_CATS];
  float   threshold[N_CATS];  /* on the logit */
  guint64 prefix_hash[N_PREFIXES];  /* fnv (FNV_START, prefix) */
  guint64 lex_hash[N_LEX];          /* fnv of each lexicon's name */
  guint64 kind_hash[3];             /* fnv of each text kind's name */
  /* the parts (words and classes) that some feature of the file is made
   * of, by their hash, with the roles they take there (part_role ()):
   * looked up once per token, so that a feature none of whose lines has
   * its parts in those roles is not hashed and looked up at all */
  guint64 *part_hashes;    /* open addressing, linear probing; a slot is
                            * used when its roles are not 0 */
  guint16 *part_roles;
  gint32  *part_w;         /* the slot of the part's word feature ("w:" + the
                            * part) in weights, or -1 */
  guint64  part_mask;
  guint16  clin_roles;     /* the roles of "<clin>" */
  guint64  clin_hash;      /* fnv of "<clin>" */
  guint64  sf_hash[N_SENT_FEATURES];  /* fnv of each sentence feature's name */
  /* the weights' slot of each sentence feature alone ("sf:past") and
   * crossed with each text kind ("sf:past post"), or -1 (not in the
   * file), found once at load: scoring adds them without a hash or a
   * probe; and the features that have either, by kind, as bits */
  gint32   sf_w[N_SENT_FEATURES];
  gint32   sf_kind_w[3][N_SENT_FEATURES];
  guint32  sf_present[3];
  guint16  kind_roles[3];  /* … and of each text kind's name */
};

/* A part's role in a feature: first (a) or second (b) part of a feature
 * of prefix @prefix */
#define ROLE_A(prefix) ((guint16) (1u << (2 * (prefix))))
#define ROLE_B(prefix) ((guint16) (1u << (2 * (prefix) + 1)))
G_STATIC_ASSERT (2 * N_PREFIXES <= 16);

/* The slot of part @hash in the part table, or the empty slot where it
 * would go (its roles 0, its word feature -1) */
static inline guint64
part_find (const RModel *model,
           guint64       hash)
{
  for (guint64 i = hash & model->part_mask;; i = (i + 1) & model->part_mask)
    if (model->part_roles[i] == 0 || model->part_hashes[i] == hash)
      return i;
}

/* The roles part @hash takes in the file's features (0: none) */
static inline guint16
part_roles (const RModel *model,
            guint64       hash)
{
  return model->part_roles[part_find (model, hash)];
}

static void
part_add (RModel  *model,
          guint64  hash,
          guint16  roles)
{
  guint64 i = hash & model->part_mask;

  while (model->part_roles[i] != 0 && model->part_hashes[i] != hash)
    i = (i + 1) & model->part_mask;
  model->part_hashes[i] = hash;
  model->part_roles[i] |= roles;
}

/* The slot of @hash: where it is, or the empty slot where it would go. */
static inline guint64
slot_for (const RModel *model,
          guint64       hash)
{
  for (guint64 i = hash & model->mask;; i = (i + 1) & model->mask)
    if (model->weights[i].hash == hash || model->weights[i].hash == 0)
      return i;
}

/* A feature is a prefix ("b:") and one or two parts ("your", "strep");
 * its hash combines the parts' own hashes, so a token's hash is computed
 * once per scan and reused by every feature it takes part in. */
static inline guint64
mix (guint64 h,
     guint64 part)
{
  return (h ^ (part + G_GUINT64_CONSTANT (0x9e3779b97f4a7c15) + (h << 6) + (h >> 2))) * FNV_PRIME;
}

static inline guint64
combine_hashed (guint64  hprefix,
                guint64  ha,
                gboolean has_b,
                guint64  hb)
{
  guint64 h = mix (hprefix, ha);

  if (has_b)
    h = mix (h, hb);
  return h ? h : 1;
}

static inline guint64
combine (const char *prefix,
         guint64     ha,
         gboolean    has_b,
         guint64     hb)
{
  return combine_hashed (fnv (FNV_START, prefix), ha, has_b, hb);
}

static inline guint64
fnv_len (guint64     h,
         const char *str,
         gsize       len)
{
  for (gsize i = 0; i < len; i++)
    h = (h ^ (guchar) str[i]) * FNV_PRIME;
  return h;
}

/* The part table moved into one sized for its parts (a few thousand
 * words and classes: the table the scorer reads for every word stays
 * small), with each part's word feature, now that no line will replace
 * it */
static void
part_table_finish (RModel *model)
{
  guint64 *old_hashes = model->part_hashes;
  guint16 *old_roles = model->part_roles;
  guint64 old_mask = model->part_mask;
  guint64 n = 0, n_slots = 16;

  for (guint64 i = 0; i <= old_mask; i++)
    n += old_roles[i] != 0;
  while (n_slots < 2 * n + 1)
    n_slots *= 2;
  model->part_hashes = g_new0 (guint64, n_slots);
  model->part_roles = g_new0 (guint16, n_slots);
  model->part_w = g_new (gint32, n_slots);
  model->part_mask = n_slots - 1;
  for (guint64 i = 0; i <= old_mask; i++)
    if (old_roles[i] != 0)
      part_add (model, old_hashes[i], old_roles[i]);
  for (guint64 i = 0; i < n_slots; i++)
    {
      guint64 slot;

      model->part_w[i] = -1;
      if (model->part_roles[i] == 0)
        continue;
      slot = slot_for (model, combine_hashed (model->prefix_hash[P_W], model->part_hashes[i], FALSE, 0));
      if (model->weights[slot].hash != 0)
        model->part_w[i] = (gint32) slot;
    }
  g_free (old_hashes);
  g_free (old_roles);
}

/* The hash of a feature as written in the model file (@len bytes, no nul):
 * "PREFIX:PART" or "PREFIX:PART PART"; without a colon, the whole text is
 * the prefix. The parts' roles (ROLE_A, ROLE_B) go into the model's part
 * table when the prefix is one the scorer uses. */
static guint64
feature_hash (RModel     *model,
              const char *feature,
              gsize       len)
{
  const char *end = feature + len;
  const char *colon = memchr (feature, ':', len);
  const char *a, *space;
  guint64 hp, ha, hb;

  if (colon == NULL)
    return combine_hashed (fnv_len (FNV_START, feature, len), 0, FALSE, 0);
  a = colon + 1;
  space = memchr (a, ' ', end - a);
  hp = fnv_len (FNV_START, feature, a - feature);
  ha = fnv_len (FNV_START, a, (space ? space : end) - a);
  hb = space ? fnv_len (FNV_START, space + 1, end - space - 1) : 0;
  for (guint f = 0; f < N_PREFIXES; f++)
    /* (a prefix of another text with the same hash would only give
     * roles to more parts: the scorer would look up more features) */
    if (model->prefix_hash[f] == hp)
      {
        part_add (model, ha, ROLE_A (f));
        if (space != NULL)
          part_add (model, hb, ROLE_B (f));
        break;
      }
  return combine_hashed (hp, ha, space != NULL, hb);
}

/* A weight as the trainer writes it ("-0.007", "1.25"): the same float as
 * (float) g_ascii_strtod () gives, read without it (the model's thousands
 * of weights made g_ascii_strtod a quarter of the start-up). A decimal
 * with at most 15 digits is an integer below 2^53 divided by a power of
 * ten below 10^23, both exact doubles, and IEEE division rounds
 * correctly, as strtod does. Anything else (exponents, long numbers, …)
 * goes to g_ascii_strtod. FALSE if @str (@len bytes) is not a number. */
static gboolean
parse_weight (const char *str,
              gsize       len,
              float      *out)
{
  static const double pow10[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
                                  1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22 };
  const char *p = str, *end = str + len;
  gboolean neg = FALSE, dot = FALSE;
  guint64 m = 0;
  guint n_digits = 0, n_frac = 0;

  if (p < end && (*p == '-' || *p == '+'))
    neg = *p++ == '-';
  for (; p < end; p++)
    {
      if (*p >= '0' && *p <= '9')
        {
          m = m * 10 + (guint64) (*p - '0');
          n_digits++;
          if (dot)
            n_frac++;
        }
      else if (*p == '.' && !dot)
        dot = TRUE;
      else
        break;
    }
  if (p == end && n_digits > 0 && n_digits <= 15 && n_frac < G_N_ELEMENTS (pow10))
    {
      double v = (double) m / pow10[n_frac];

      *out = neg ? -v : v;
      return TRUE;
    }
  else
    {
      g_autofree char *copy = g_strndup (str, len);
      char *e = NULL;

      *out = g_ascii_strtod (copy, &e);
      return len > 0 && *e == '\0';
    }
}

/* Lexicons that are lists of memorised phrases rather than general cues;
 * the model learns from the words instead. */
static gboolean
lex_is_cue (RLex lex)
{
  switch (lex)
    {
    case LEX_RC_PHRASE:
    case LEX_PR_ANCHOR:
    case LEX_ADVICE_PHRASE:
    case LEX_SPONSOR_SIGNAL:
    case LEX_TESTIMONIAL_MARKER:
    case LEX_VISIT_EVENT:
    case LEX_CELEBRATION:
      return FALSE;
    default:
      return TRUE;
    }
}

void
_rounds_model_free (RModel *model)
{
  if (model == NULL)
    return;
  g_free (model->weights);
  g_free (model->part_hashes);
  g_free (model->part_roles);
  g_free (model->part_w);
  g_free (model);
}

/* Stores @w under @hash (replacing what a line before gave the same
 * feature). */
static void
model_put (RModel        *model,
           guint64        hash,
           const float   *w)
{
  guint64 slot = slot_for (model, hash);

  model->weights[slot].hash = hash;
  model->filter[filter_bit (hash) / 64] |= G_GUINT64_CONSTANT (1) << (filter_bit (hash) % 64);
  memcpy (model->weights[slot].w, w, sizeof model->weights[slot].w);
}

/* The open-addressing table size for a model file of @size bytes at @p:
 * two slots a line at least, a power of two; 0 (and @error set) if the
 * file is not valid UTF-8. Shared with the name tagger's loader. */
guint64
_rounds_model_table_slots (const char  *p,
                           gsize        size,
                           const char  *what,
                           GError     **error)
{
  const char *end = p + size;
  guint64 n_lines = 0, n_slots = 16;

  if (p == NULL || !rounds_utf8_validate_len (p, size))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "The %s model is not valid UTF-8", what);
      return 0;
    }
  for (const char *q = p; q < end && (q = memchr (q, '\n', end - q)) != NULL; q++)
    n_lines++;
  while (n_slots < 2 * (n_lines + 1))
    n_slots *= 2;
  return n_slots;
}

/* The next line of a model file at *@p (before @end) that says something:
 * @line to @line_end, its trailing spaces cut (as g_strchomp ()), blank
 * lines and "#" comments skipped; @line_no counts every line read. FALSE
 * at the end. Shared with the name tagger's loader. */
gboolean
_rounds_model_next_line (const char **p,
                         const char  *end,
                         guint       *line_no,
                         const char **line,
                         const char **line_end)
{
  while (*p < end)
    {
      const char *nl = memchr (*p, '\n', end - *p);

      *line = *p;
      *line_end = nl ? nl : end;
      *p = nl ? nl + 1 : end;
      (*line_no)++;
      while (*line_end > *line && g_ascii_isspace ((*line_end)[-1]))
        (*line_end)--;
      if (*line_end != *line && (*line)[0] != '#')
        return TRUE;
    }
  return FALSE;
}

/* The file is read in place: a line and its fields are ranges of @data
 * (no copy, no g_strsplit), each feature hashed from its text and put
 * straight into the table, sized at first for the number of lines. */
RModel *
_rounds_model_load (GBytes  *data,
                    GError **error)
{
  guint64 n_slots;
  RModel *model;
  gsize size = 0;
  const char *p = g_bytes_get_data (data, &size);
  const char *end = p + size;
  const char *line, *line_end;
  guint line_no = 0;
  gboolean header = FALSE;
  guint n_cats = 0;
  int cat_index[N_CATS];
  float bias[N_CATS] = { 0, };
  float threshold[N_CATS] = { 0, };

  n_slots = _rounds_model_table_slots (p, size, "risk", error);
  if (n_slots == 0)
    return NULL;
  model = g_new0 (RModel, 1);
  model->weights = g_new0 (Weights, n_slots);
  model->mask = n_slots - 1;
  /* at most two parts a line: n_slots (2 per line and 2 more) always
   * leaves an empty slot; part_table_finish () sizes it for its parts */
  model->part_hashes = g_new0 (guint64, n_slots);
  model->part_roles = g_new0 (guint16, n_slots);
  model->part_mask = n_slots - 1;
  for (guint f = 0; f < N_PREFIXES; f++)
    model->prefix_hash[f] = fnv (FNV_START, prefix_names[f]);

  while (_rounds_model_next_line (&p, end, &line_no, &line, &line_end))
    {
      const char *tab = memchr (line, '\t', line_end - line);
      const char *f1 = tab ? tab + 1 : line_end;

      if (!header)
        {
          if (tab == NULL || memchr (f1, '\t', line_end - f1) != NULL ||
              tab - line != strlen ("rounds-risk-model") || memcmp (line, "rounds-risk-model", tab - line) != 0 ||
              line_end - f1 != 1 || f1[0] != '1')
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "The risk model does not start with “rounds-risk-model<TAB>1” (line %u)", line_no);
              goto fail;
            }
          header = TRUE;
          continue;
        }

      if ((tab ? tab : line_end) - line == strlen ("category") && memcmp (line, "category", strlen ("category")) == 0)
        {
          g_autofree char *copy = g_strndup (line, line_end - line);
          g_auto(GStrv) fields = g_strsplit (copy, "\t", -1);
          char *e1 = NULL, *e2 = NULL;
          int found = -1;

          if (g_strv_length (fields) != 4 || n_cats >= N_CATS)
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "Risk model line %u: a category line needs a name, a bias and a threshold", line_no);
              goto fail;
            }
          for (guint c = 0; c < N_CATS; c++)
            if (strcmp (fields[1], model_cats[c].name) == 0)
              found = c;
          for (guint c = 0; c < n_cats && found >= 0; c++)
            if (cat_index[c] == found)
              found = -1;
          bias[n_cats] = g_ascii_strtod (fields[2], &e1);
          threshold[n_cats] = g_ascii_strtod (fields[3], &e2);
          if (found < 0 || *e1 != '\0' || *e2 != '\0')
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "Risk model line %u: unknown or repeated category “%s”, or a bad number",
                           line_no, fields[1]);
              goto fail;
            }
          cat_index[n_cats++] = found;
          continue;
        }

      {
        float w[N_CATS] = { 0, };
        const char *ws = f1;
        guint n_ws = 0;
        gboolean ok = tab != NULL && n_cats > 0 && memchr (f1, '\t', line_end - f1) == NULL;

        /* the weights, split at each space as g_strsplit (…, " ", -1), in
         * one pass; the message for a wrong count wins over a bad number,
         * so the spaces are counted only when a number is bad */
        while (ok)
          {
            const char *sp = memchr (ws, ' ', line_end - ws);
            const char *we = sp ? sp : line_end;

            if (n_ws >= n_cats)
              {
                ok = FALSE;  /* more fields than categories */
                break;
              }
            if (!parse_weight (ws, we - ws, &w[cat_index[n_ws]]))
              {
                g_autofree char *bad = NULL;
                guint n_spaces = 0;

                for (const char *q = f1; q < line_end; q++)
                  n_spaces += *q == ' ';
                if (n_spaces + 1 != n_cats)
                  {
                    ok = FALSE;
                    break;
                  }
                bad = g_strndup (ws, we - ws);
                g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                             "Risk model line %u: “%s” is not a number", line_no, bad);
                goto fail;
              }
            n_ws++;
            if (sp == NULL)
              break;
            ws = sp + 1;
          }
        if (!ok || n_ws != n_cats)
          {
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                         "Risk model line %u: expected a feature and %u weights", line_no, n_cats);
            goto fail;
          }
        model_put (model, feature_hash (model, line, tab - line), w);
      }
    }

  if (!header)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "The risk model is empty");
      goto fail;
    }

  for (guint lex = 0; lex < N_LEX; lex++)
    model->lex_hash[lex] = fnv (FNV_START, _rounds_lex_name (lex));
  for (guint k = 0; k < G_N_ELEMENTS (model->kind_hash); k++)
    {
      model->kind_hash[k] = fnv (FNV_START, rounds_text_kind_to_string (k));
      model->kind_roles[k] = part_roles (model, model->kind_hash[k]);
    }
  model->clin_hash = fnv (FNV_START, "<clin>");
  model->clin_roles = part_roles (model, model->clin_hash);
  for (guint f = 0; f < N_SENT_FEATURES; f++)
    {
      guint64 slot;

      model->sf_hash[f] = fnv (FNV_START, sent_feature_names[f]);
      slot = slot_for (model, combine_hashed (model->prefix_hash[P_SF], model->sf_hash[f], FALSE, 0));
      model->sf_w[f] = model->weights[slot].hash != 0 ? (gint32) slot : -1;
      for (guint k = 0; k < G_N_ELEMENTS (model->kind_hash); k++)
        {
          slot = slot_for (model, combine_hashed (model->prefix_hash[P_SF], model->sf_hash[f], TRUE,
                                                  model->kind_hash[k]));
          model->sf_kind_w[k][f] = model->weights[slot].hash != 0 ? (gint32) slot : -1;
          if (model->sf_w[f] >= 0 || model->sf_kind_w[k][f] >= 0)
            model->sf_present[k] |= 1u << f;
        }
    }
  part_table_finish (model);
  for (guint c = 0; c < N_CATS; c++)
    model->threshold[c] = G_MAXFLOAT;  /* categories the file lacks never fire */
  for (guint c = 0; c < n_cats; c++)
    {
      model->bias[cat_index[c]] = bias[c];
      model->threshold[cat_index[c]] = threshold[c];
    }
  return model;

fail:
  _rounds_model_free (model);
  return NULL;
}

/* ------------------------------------------------------------- features */

/* known for every token since the phrase matcher (s->fnames bit 2),
 * else asked */
static inline gboolean
is_clinical (const RScan *s,
             guint        i)
{
  if (s->fnames != NULL && (s->fnames[i] & 4))
    return (s->fnames[i] & 8) != 0;
  return _rs_is_clinical (s, i);
}

#define H(str) fnv (FNV_START, (str))

/* A word's class and the class's hash: a word is itself, hashed once by
 * the tokenizer (the same FNV-1a as fnv ()); the classes' hashes are
 * constants the compiler folds. */
static inline const char *
tok_class (const RScan *s,
           guint        i,
           guint64     *hash)
{
  const RTok *t = rs_tok (s, i);

  /* most words are none of the three: one test for them */
  if (!(s->tflags[i] & (TF_EXEMPT | TF_STAFF | TF_NAME)) && t->kind != RTOK_NUM)
    {
      *hash = t->hash;
      return rs_key (s, i);
    }
  if (s->tflags[i] & TF_EXEMPT)
    return *hash = H ("<own>"), "<own>";
  if (s->tflags[i] & TF_STAFF)
    return *hash = H ("<staff>"), "<staff>";
  if (s->tflags[i] & TF_NAME)
    return *hash = H ("<name>"), "<name>";
  if (t->kind == RTOK_NUM)
    return *hash = H ("<n>"), "<n>";
  *hash = t->hash;
  return rs_key (s, i);
}

/* four and two floats, added as one vector each */
typedef float V4 __attribute__ ((vector_size (16)));
typedef float V2 __attribute__ ((vector_size (8)));

/* A sentence's scores as two vectors (the six categories), which stay in
 * registers while its features are added: as an array they went through
 * memory, a store and a load per feature found */
typedef struct
{
  const RModel *model;
  V4            a;   /* categories 0-3 */
  V2            b;   /* categories 4-5 */
} Scores;

G_STATIC_ASSERT (N_CATS == 6);

/* The weights of slot @slot added to the scores (the same
 * single-precision sums, in the same order, as one by one) */
static inline G_ALWAYS_INLINE void
add_weights (Scores  *sc,
             guint64  slot)
{
  const float *w = sc->model->weights[slot].w;
  V4 x;
  V2 y;

  memcpy (&x, w, sizeof x);
  memcpy (&y, w + 4, sizeof y);
  sc->a += x;
  sc->b += y;
}

/* One feature: given to @func (the trainer's dump), or, with @sc, its
 * weights added to the scores without building or hashing any text but
 * the parts' own. */
static inline G_ALWAYS_INLINE void
emit (RFeatureFunc  func,
      gpointer      user_data,
      Scores       *sc,
      Prefix        prefix,
      const char   *a,
      guint64       ha,
      const char   *b,
      guint64       hb)
{
  if (sc != NULL)
    {
      guint64 h = combine_hashed (sc->model->prefix_hash[prefix], ha, b != NULL, hb);
      guint64 slot;

      if (!(sc->model->filter[filter_bit (h) / 64] & (G_GUINT64_CONSTANT (1) << (filter_bit (h) % 64))))
        return;
      slot = slot_for (sc->model, h);
      if (sc->model->weights[slot].hash != 0)
        add_weights (sc, slot);
    }
  else
    func (prefix_names[prefix], a, ha, b, hb, user_data);
}

/* The words of the quotation that token @i is in, counted over the whole
 * quotation (it may run over several sentences), up to three. A quoted
 * word or two (skip words like "hurt" or "shot") is a mention, not
 * someone's words: the quoted-testimonial detector needs three words, and
 * so does the model's "quote" feature. */
static guint
quoted_words (const RScan *s,
              guint        i)
{
  guint words = 0;

  while (i > 0 && (s->tflags[i - 1] & TF_QUOTE))
    i--;
  for (; i < s->n && (s->tflags[i] & TF_QUOTE) && words < 3; i++)
    if (_rs_is_word (s, i))
      words++;
  return words;
}

/* ------------------------------------------------ a story about one person */

/* A word's bit in its word lists @b (s->wbits[i]): as _rs_word () for a
 * token of the text, with the row read once for all the lists asked */
#define WB(b, list) ((gboolean) (((b)[(list) >> 6] >> ((list) & 63)) & 1))

/* The story's word lists (story_features ()) by the two 64-bit words of
 * a token's list bits they are in: one mask test for the words of none */
#define STORY_W1 (WORD_CARE_WE >> 6)
#define STORY_W2 (WORD_STORY_PAST >> 6)
#define WM(list, w) (((list) >> 6) == (w) ? G_GUINT64_CONSTANT (1) << ((list) & 63) : 0)
#define STORY_MASK(w) (WM (WORD_CARE_THIRD, w) | WM (WORD_CARE_WE, w) | WM (WORD_CARE_I, w) | \
                       WM (WORD_STORY_PAST, w) | WM (WORD_STORY_CHANGE, w) | WM (WORD_STORY_MILESTONE, w) | \
                       WM (WORD_STORY_TIME_UNIT, w) | WM (WORD_STORY_YOU, w) | WM (WORD_STORY_FREE, w) | \
                       WM (WORD_STORY_NUMBER, w))
#define STORY_W_OK(list) (((list) >> 6) == STORY_W1 || ((list) >> 6) == STORY_W2)
G_STATIC_ASSERT (STORY_W_OK (WORD_CARE_THIRD) && STORY_W_OK (WORD_CARE_WE) && STORY_W_OK (WORD_CARE_I) &&
                 STORY_W_OK (WORD_STORY_PAST) && STORY_W_OK (WORD_STORY_CHANGE) &&
                 STORY_W_OK (WORD_STORY_MILESTONE) && STORY_W_OK (WORD_STORY_TIME_UNIT) &&
                 STORY_W_OK (WORD_STORY_YOU) && STORY_W_OK (WORD_STORY_FREE) && STORY_W_OK (WORD_STORY_NUMBER));
G_STATIC_ASSERT (N_LEX <= 64);

/* word @i (a token of the text, RTOK_WORD, in the lists @b) is a verb in
 * a past tense: an irregular past of the word list ("came", "trajo"), a
 * past ending ("walked", "llegaron"), or a Spanish preterite's stressed
 * final ó ("cumplió", "recuperó"), which the folded key has lost, read in
 * the text */
static inline gboolean
is_past (const RScan   *s,
         guint          i,
         const RTok    *t,
         const guint64 *b)
{
  if (WB (b, WORD_STORY_PAST) || _rs_ends_with (s, i, WORD_STORY_PAST_ENDING, 5))
    return TRUE;
  return t->n_chars >= 4 && t->b1 - t->b0 >= 5 &&
         (guchar) s->text[t->b1 - 2] == 0xc3 && (guchar) s->text[t->b1 - 1] == 0xb3;
}

/* word @i (as above; @he: it is "he" or "she") names one person: a name
 * found, a first name of the lists written with a capital (not staff,
 * the practice's own or a public figure), he or she, a kin or person
 * word */
static inline gboolean
is_person (const RScan *s,
           guint        i,
           const RTok  *t,
           gboolean     he)
{
  if (s->tflags[i] & (TF_STAFF | TF_EXEMPT | TF_PUBLIC | TF_USED | TF_HANDLE | TF_DATE))
    return FALSE;
  if (he || (s->tflags[i] & TF_NAME))
    return TRUE;
  if (_rs_lex1 (s, i, LEX_FAMILY) || _rs_lex1 (s, i, LEX_PERSON_NOUN))
    return TRUE;
  /* a first name of the lists, not a month or a day ("April", "Tuesday") */
  return (t->flags & RTOK_CAP) && !(t->flags & RTOK_UPPER) && _rs_first_name (s, i) != 0 &&
         !_rs_lex1 (s, i, LEX_MONTH) && !_rs_lex1 (s, i, LEX_WEEKDAY);
}

/* The story features of sentence @k alone as bits (1 << SentFeature) */
static guint32
story_features (const RScan *s,
                guint        k)
{
  const RSent *se = &g_array_index (s->sents, RSent, k);
  guint32 f = 0;
  gint subj = -100;
  guint n_words = 0;
  gboolean recent = _rs_sent_may_start (s, k, WORD_PR_RECENT_TIME);
  const guint16 *past_by_last = s->rules->affix_by_last[WORD_STORY_PAST_ENDING];
  guint last;

#define B(x) (1u << (x))
  if (s->n == 0)
    return 0;
  last = MIN (se->last, s->n - 1);
  for (guint i = se->start; i <= last; i++)
    {
      const RTok *t = rs_tok (s, i);
      const guint64 *b;
      gboolean unit;

      if (t->kind == RTOK_PUNCT)
        continue;
      /* the lists' bits read once (the calls below may write to memory,
       * so the compiler would read them again after each) */
      b = s->wbits[i];
      unit = WB (b, WORD_STORY_TIME_UNIT);
      /* most words are none of the story's: in none of its lists, no
       * name or date, no kin or person word, not capitalised, no past
       * ending by their last byte or length (_rs_ends_with ()'s own
       * inline test), no final ó, and no recent day to look for (one
       * test of each) */
      if (t->kind == RTOK_WORD && !recent &&
          ((b[STORY_W1] & STORY_MASK (STORY_W1)) | (b[STORY_W2] & STORY_MASK (STORY_W2))) == 0 &&
          !(s->tflags[i] & (TF_NAME | TF_DATE)) && !(t->flags & RTOK_CAP) &&
          !(s->tmask[i] & ((G_GUINT64_CONSTANT (1) << LEX_FAMILY) | (G_GUINT64_CONSTANT (1) << LEX_PERSON_NOUN))) &&
          (t->key_len < 5 || (past_by_last != NULL && past_by_last[(guchar) rs_key (s, i)[t->key_len - 1]] ==
                                                         past_by_last[(guchar) rs_key (s, i)[t->key_len - 1] + 1])) &&
          !(t->b1 - t->b0 >= 5 && (guchar) s->text[t->b1 - 2] == 0xc3 && (guchar) s->text[t->b1 - 1] == 0xb3))
        {
          n_words++;
          continue;
        }
      if (t->kind == RTOK_WORD)
        {
          gboolean he = WB (b, WORD_CARE_THIRD), we = WB (b, WORD_CARE_WE), me = WB (b, WORD_CARE_I);
          gboolean change = WB (b, WORD_STORY_CHANGE), milestone = WB (b, WORD_STORY_MILESTONE);

          if (WB (b, WORD_STORY_YOU))
            f |= B (SFEAT_YOU);
          if (WB (b, WORD_STORY_FREE))
            f |= B (SFEAT_FREE);

          if (is_person (s, i, t, he))
            {
              f |= B (SFEAT_PERSON);
              if (n_words < 3)
                subj = n_words;
            }
          if (he)
            f |= B (SFEAT_HE);
          if (we)
            f |= B (SFEAT_WE);
          if (me)
            f |= B (SFEAT_I);
          if (is_past (s, i, t, b))
            {
              f |= B (SFEAT_PAST);
              if ((gint) n_words - subj <= 3)
                f |= B (SFEAT_SUBJ_PAST);
            }
          if (change)
            {
              f |= B (SFEAT_CHANGE);
              if ((gint) n_words - subj <= 2)
                f |= B (SFEAT_SUBJ_CHANGE);
            }
          /* "her first helmet", not "last year", "last Tuesday" (a time) */
          if (milestone && !_rs_word (s, i + 1, WORD_STORY_TIME_UNIT) &&
              !_rs_lex1 (s, i + 1, LEX_WEEKDAY) && !_rs_lex1 (s, i + 1, LEX_MONTH))
            f |= B (SFEAT_MILESTONE);
        }
      /* a time of someone's: a span ("in 14 months", "seis meses"), a
       * recent day, a date found */
      if ((s->tflags[i] & TF_DATE) ||
          (unit && i > 0 && (rs_tok (s, i - 1)->kind == RTOK_NUM || _rs_word (s, i - 1, WORD_STORY_NUMBER))) ||
          (recent && _rs_words_at (s, i, WORD_PR_RECENT_TIME, NULL)))
        f |= B (SFEAT_TIME);
      n_words++;
    }
  if ((f & B (SFEAT_HE)) && (f & B (SFEAT_PAST)))
    f |= B (SFEAT_HE_PAST);
  if (f & B (SFEAT_PERSON))
    {
      if (f & B (SFEAT_PAST))
        f |= B (SFEAT_PERSON_PAST);
      if (f & B (SFEAT_WE))
        f |= B (SFEAT_PERSON_WE);
      if (f & B (SFEAT_TIME))
        f |= B (SFEAT_PERSON_TIME);
      if (f & B (SFEAT_CHANGE))
        f |= B (SFEAT_PERSON_CHANGE);
      if (f & B (SFEAT_I))
        f |= B (SFEAT_I_PERSON);
      if (f & B (SFEAT_MILESTONE))
        f |= B (SFEAT_PERSON_MILESTONE);
    }
  if ((f & B (SFEAT_PAST)) && (f & B (SFEAT_WE)))
    f |= B (SFEAT_PAST_WE);
  if ((f & B (SFEAT_YOU)) && (f & B (SFEAT_PAST)))
    f |= B (SFEAT_YOU_PAST);
  if ((f & B (SFEAT_FREE)) && (f & B (SFEAT_TIME)))
    f |= B (SFEAT_FREE_TIME);
  return f;
}

/* Each sentence's story features (RSent.story), its SF_PERSON when it
 * names one person, and the number of such sentences, once per scan */
void
_rounds_model_prepare (RScan *s)
{
  s->n_person_sents = 0;
  for (guint k = 0; k < s->sents->len; k++)
    {
      RSent *se = &g_array_index (s->sents, RSent, k);

      se->story = story_features (s, k);
      if (se->story & B (SFEAT_PERSON))
        {
          se->flags |= SF_PERSON;
          s->n_person_sents++;
        }

    }
}

/* … with those of the text around it: another sentence names one person */
static inline guint32
story_in_context (const RScan *s,
                  const RSent *se)
{
  guint32 f = se->story;

  if (s->n_person_sents > ((se->flags & SF_PERSON) ? 1u : 0u))
    {
      f |= B (SFEAT_CTX);
      if (f & B (SFEAT_PAST))
        f |= B (SFEAT_CTX_PAST);
      if (f & B (SFEAT_TIME))
        f |= B (SFEAT_CTX_TIME);
      if (f & B (SFEAT_CHANGE))
        f |= B (SFEAT_CTX_CHANGE);
      if (f & B (SFEAT_YOU))
        f |= B (SFEAT_CTX_YOU);
    }
  return f;
}
#undef B
#undef WB
#undef WM
#undef STORY_MASK
#undef STORY_W_OK

/* The features of a sentence, for @func or (with @sc) for scoring: always
 * inlined, so that each caller gets its own copy with the other branch
 * folded away. */
static inline G_ALWAYS_INLINE void
model_features (const RScan  *s,
                guint         sent,
                RFeatureFunc  func,
                gpointer      user_data,
                Scores       *sc)
{
  const RSent *se = &g_array_index (s->sents, RSent, sent);
  const char *kind = rounds_text_kind_to_string (s->kind);
  const char *prev = NULL;
  gboolean prev_clin = FALSE;
  const char *first = NULL;
  guint64 hk, hclin, hprev = 0, hfirst = 0;
  guint16 rkind, rclin, rprev = 0, rfirst = 0;
  guint n_words = 0;
  gboolean quote = FALSE, clin = FALSE;

  hk = sc != NULL ? sc->model->kind_hash[s->kind] : H (kind);
  /* scoring: the model's own hashes of the fixed names, not the names
   * hashed again for every sentence */
  hclin = sc != NULL ? sc->model->clin_hash : H ("<clin>");
  /* scoring: a feature is looked up only if each of its parts takes its
   * place in some feature of the model (part_roles ()); any other could
   * only match by a collision of 64-bit hashes. The trainer's dump
   * (@sc NULL) gets every feature: all roles. */
  rkind = sc != NULL ? sc->model->kind_roles[s->kind] : G_MAXUINT16;
  rclin = sc != NULL ? sc->model->clin_roles : G_MAXUINT16;
  emit (func, user_data, sc, P_K, kind, hk, NULL, 0);

  for (guint i = se->start; i <= se->last && i < s->n; i++)
    {
      const RTok *t = rs_tok (s, i);
      const char *cls;
      guint64 hc;
      guint16 r;
      gboolean c;

      if ((s->tflags[i] & TF_QUOTE) && !quote)
        quote = quoted_words (s, i) >= 3;
      if (t->kind == RTOK_PUNCT)
        continue;

      cls = tok_class (s, i, &hc);
      c = is_clinical (s, i);
      if (sc != NULL)
        {
          /* the word's part: its roles, and its word feature's weights
           * found with it (no feature hash, no second lookup) */
          guint64 ps = part_find (sc->model, hc);

          r = sc->model->part_roles[ps];
          if (sc->model->part_w[ps] >= 0)
            add_weights (sc, sc->model->part_w[ps]);
        }
      else
        {
          r = G_MAXUINT16;
          emit (func, user_data, sc, P_W, cls, hc, NULL, 0);
        }
      if (c)
        {
          clin = TRUE;
          if (rclin & ROLE_A (P_W))
            emit (func, user_data, sc, P_W, "<clin>", hclin, NULL, 0);
        }
      if (prev != NULL)
        {
          if ((rprev & ROLE_A (P_B)) && (r & ROLE_B (P_B)))
            emit (func, user_data, sc, P_B, prev, hprev, cls, hc);
          if (c && (rprev & ROLE_A (P_B)) && (rclin & ROLE_B (P_B)))
            emit (func, user_data, sc, P_B, prev, hprev, "<clin>", hclin);
          if (prev_clin && (rclin & ROLE_A (P_B)) && (r & ROLE_B (P_B)))
            emit (func, user_data, sc, P_B, "<clin>", hclin, cls, hc);
        }
      else
        {
          first = cls;
          hfirst = hc;
          rfirst = r;
          if (r & ROLE_A (P_F))
            emit (func, user_data, sc, P_F, cls, hc, NULL, 0);
          if ((rkind & ROLE_A (P_KF)) && (r & ROLE_B (P_KF)))
            emit (func, user_data, sc, P_KF, kind, hk, cls, hc);
        }
      if (n_words == 1 && (rfirst & ROLE_A (P_F2)) && (r & ROLE_B (P_F2)))
        emit (func, user_data, sc, P_F2, first, hfirst, cls, hc);
      prev = cls;
      hprev = hc;
      rprev = r;
      prev_clin = c;
      n_words++;
    }

  /* the lexicons present, in order: only the sentence's bits are visited */
  for (guint64 bits = se->mask; bits != 0; bits &= bits - 1)
    {
      RLex lex = __builtin_ctzll (bits);

      if (lex_is_cue (lex))
        emit (func, user_data, sc, P_L, sc != NULL ? NULL : _rounds_lex_name (lex),
              sc != NULL ? sc->model->lex_hash[lex] : H (_rounds_lex_name (lex)), NULL, 0);
    }

  {
    guint32 bits = story_in_context (s, se);

    bits |= quote ? 1u << SFEAT_QUOTE : 0;
    bits |= clin ? 1u << SFEAT_CLIN : 0;
    bits |= (se->flags & SF_HAS_NAME) ? 1u << SFEAT_NAME : 0;
    bits |= (se->flags & SF_HAS_ID) ? 1u << SFEAT_ID : 0;
    bits |= (se->flags & SF_DOB) ? 1u << SFEAT_DOB : 0;
    if (sc != NULL)
      {
        /* scoring: only the features with weights, from their slots
         * found at load (the same weights in the same order as a probe
         * of each; the first five have no kind-crossed form) */
        for (bits &= sc->model->sf_present[s->kind]; bits != 0; bits &= bits - 1)
          {
            SentFeature f = __builtin_ctz (bits);

            if (sc->model->sf_w[f] >= 0)
              add_weights (sc, sc->model->sf_w[f]);
            if (f > SFEAT_DOB && sc->model->sf_kind_w[s->kind][f] >= 0)
              add_weights (sc, sc->model->sf_kind_w[s->kind][f]);
          }
        return;
      }
    for (; bits != 0; bits &= bits - 1)
      {
        SentFeature f = __builtin_ctz (bits);

        emit (func, user_data, sc, P_SF, sent_feature_names[f], H (sent_feature_names[f]), NULL, 0);
        if (f > SFEAT_DOB)
          emit (func, user_data, sc, P_SF, sent_feature_names[f], H (sent_feature_names[f]), kind, hk);
      }
  }
}

void
_rounds_model_features (const RScan  *s,
                        guint         sent,
                        RFeatureFunc  func,
                        gpointer      user_data)
{
  model_features (s, sent, func, user_data, NULL);
}

/* ------------------------------------------------------------- scoring */

/* the sentence ending at @last is a question (maybe inside quotes) */
static gboolean
asks (const RScan *s,
      guint        last)
{
  for (guint i = last, n = 0; n < 3 && rs_tok (s, i)->kind == RTOK_PUNCT; i--, n++)
    {
      if (_rs_is_ch (s, i, '?'))
        return TRUE;
      if (i == 0)
        break;
    }
  return FALSE;
}

/* The sentence's quotations are titles, not anyone's words: every quoted
 * word of four letters or more is capitalised ("read “The Berenstain Bears
 * Visit the Dentist” to a packed story corner"). */
static gboolean
quotes_only_titles (const RScan *s,
                    guint        k)
{
  const RSent *se = &g_array_index (s->sents, RSent, k);
  gboolean quoted = FALSE;

  for (guint i = se->first; i <= se->last; i++)
    {
      const RTok *t = rs_tok (s, i);

      if (!(s->tflags[i] & TF_QUOTE) || t->kind != RTOK_WORD)
        continue;
      quoted = TRUE;
      /* "BEST DENTIST EVER" is shouted, not a title */
      if (t->n_chars >= 4 && (!(t->flags & RTOK_CAP) || (t->flags & RTOK_UPPER)))
        return FALSE;
    }
  return quoted;
}

/* "Diabetic nerve damage is permanent, so check your feet": a lasting
 * harm, as for the rules, is no promise */
static gboolean
harm_lasts (const RScan *s,
            guint        k)
{
  const RSent *se = &g_array_index (s->sents, RSent, k);

  for (guint i = se->first; i <= se->last; i++)
    if (_rs_match (s, i, LEX_GUARANTEE, NULL, NULL) &&
        (_rs_lasting_harm (s, i) || (i > 0 && _rs_lasting_harm (s, i - 1))))
      return TRUE;
  return FALSE;
}

static gboolean
about_staff_without_care (const RScan *s,
                          guint        k)
{
  const RSent *se = &g_array_index (s->sents, RSent, k);
  gboolean staff = FALSE;

  /* a person noun counts unless it is everyone ("a cada familia que
   * cruza nuestra puerta", "every family we see") */
  for (guint i = se->first; i <= se->last; i++)
    if (_rs_lex1 (s, i, LEX_CARE_NOUN) || _rs_word (s, i, WORD_CARE_WORD) ||
        (_rs_lex1 (s, i, LEX_PERSON_NOUN) && !(i > se->first && _rs_word (s, i - 1, WORD_CLAIM_UNIVERSAL))))
      return FALSE;
  for (guint i = 0; i <= se->last && !staff; i++)
    staff = (s->tflags[i] & TF_STAFF) != 0 || _rs_lex1 (s, i, LEX_STAFF_ROLE);
  /* … or about a group of the practice's in the sentence ("our billing
   * team: 6 months without a denial") */
  for (guint i = se->first; i <= se->last && !staff; i++)
    if (_rs_word (s, i, WORD_CARE_WE))
      for (guint g = i + 1; g <= se->last && g <= i + 3 && !staff; g++)
        staff = _rs_word (s, g, WORD_STORY_GROUP);
  return staff;
}

void
_rounds_detect_model (RScan *s)
{
  const RModel *model = s->rules->model;

  gboolean disclosed;
  guint8 found_small[64];
  g_autofree guint8 *found_big = NULL;
  guint8 *found;

  if (model == NULL || s->disable_model)
    return;

  /* a disclosed post needs no disclosure, whatever its wording */
  disclosed = _rs_has_disclosure (s);

  /* which categories the rules already found in each sentence, in one pass
   * over the candidates (a pass per sentence would be quadratic on long
   * texts with many findings) */
  if (s->sents->len <= G_N_ELEMENTS (found_small))
    found = found_small;
  else
    found = found_big = g_new (guint8, s->sents->len);
  memset (found, 0, s->sents->len);
  for (guint k = 0; k < s->cands->len; k++)
    {
      const RCand *cand = &g_array_index (s->cands, RCand, k);
      RoundsFindingCategory cat = s->rules->rules[cand->rule].category;

      for (guint c = 0; c < N_CATS; c++)
        if (s->rules->rules[model_cats[c].rule].category == cat)
          for (guint se = rs_tok (s, cand->t0)->sent; se <= rs_tok (s, cand->t1)->sent && se < s->sents->len; se++)
            found[se] |= 1 << c;
    }

  for (guint k = 0; k < s->sents->len; k++)
    {
      const RSent *se = &g_array_index (s->sents, RSent, k);
      Scores sc = { model, { 0, }, { 0, } };
      float score[N_CATS];
      guint t0 = se->start, t1 = se->last, first;

      if (t0 > t1 || t1 >= s->n)
        continue;
      /* a sentence of punctuation and emoji says nothing */
      for (first = t0; first <= t1 && rs_tok (s, first)->kind == RTOK_PUNCT; first++)
        ;
      if (first > t1)
        continue;

      memcpy (&sc.a, model->bias, sizeof sc.a);
      memcpy (&sc.b, model->bias + 4, sizeof sc.b);
      model_features (s, k, NULL, NULL, &sc);
      memcpy (score, &sc.a, sizeof sc.a);
      memcpy (score + 4, &sc.b, sizeof sc.b);

      for (guint c = 0; c < N_CATS; c++)
        {
          RRuleId rule = model_cats[c].rule;

          /* the score and the rules' findings first: the exceptions
           * below only read the scan, and most sentences score under
           * the threshold */
          if (!(score[c] > model->threshold[c] && !(found[k] & (1 << c))))
            continue;
          if (rule == RULE_MISSING_DISCLOSURE && disclosed)
            continue;
          /* a question testifies to nothing: "Q: “Should I stop?”" */
          if (rule == RULE_TESTIMONIAL && asks (s, t1))
            continue;
          /* nor does a title in quotation marks */
          if (rule == RULE_TESTIMONIAL && quotes_only_titles (s, k))
            continue;
          /* what to do next confirms nothing, as for the rules: "Please
           * call Tom so we can go over your bill" */
          if (rule == RULE_REVIEW_CONFIRMATION && _rs_words_at (s, first, WORD_CARE_PROSPECTIVE, NULL))
            continue;
          if (rule == RULE_REVIEW_CONFIRMATION && _rs_not_confirming (s, k))
            continue;
          /* a post about a staff member ("our hygienist Marisol … wish
           * her well") tells of no patient unless it names care or
           * another person ("a teenager told Elias …") */
          if (rule == RULE_PATIENT_REFERENCE && !rs_is_reply (s) &&
              (about_staff_without_care (s, k) || _rs_counts_population (s, k)))
            continue;
          /* a promise denied is no promise, as for the rules: "No
           * therapy is guaranteed to work for every child" */
          if (rule == RULE_GUARANTEE && (_rs_claim_denied (s, k) || _rs_claim_asked (s, k) || harm_lasts (s, k)))
            continue;
          {
            RSent *sent = &g_array_index (s->sents, RSent, k);

            _rs_add (s, t0, t1, rule);
            /* a date in a sentence about someone's care is theirs */
            if (rule == RULE_REVIEW_CONFIRMATION)
              sent->flags |= SF_RC | SF_CARE_CTX;
            else if (rule == RULE_PATIENT_REFERENCE)
              sent->flags |= SF_PR | SF_CARE_CTX;
          }
        }
    }
}
