/* rounds-detect-toolkit.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The detectors' shared toolkit: questions about a token (is it a word, a
 * first name, a dash, part of a lexicon phrase), about a sentence (does it
 * hold a lexicon, is the token negated, does it talk about a person) and
 * the one way to report a candidate finding. Detectors use these and
 * nothing else from each other; see rounds-detect-toolkit.h.
 */

#define G_LOG_DOMAIN "rounds-compliance"

#include "config.h"

#include <string.h>

#include "rounds-detect-toolkit.h"

gboolean
_rs_base_is (const RScan *s,
             guint        i,
             const char  *key)
{
  const RTok *t;
  gsize len = strlen (key);

  if (i >= s->n)
    return FALSE;
  t = rs_tok (s, i);
  return t->base_len == len && memcmp (rs_key (s, i), key, len) == 0;
}

gboolean
_rs_match_slow (const RScan *s,
                guint        i,
                RLex         lex,
                guint       *end,
                int         *value)
{
  gboolean found = FALSE;
  guint best_end = 0;
  int best_value = 0;

  if (i >= s->n || !(s->tmask[i] & (G_GUINT64_CONSTANT (1) << lex)))
    return FALSE;

  for (guint m = s->mstart[i]; m < s->mstart[i + 1]; m++)
    {
      const RMatch *match = &g_array_index (s->matches, RMatch, m);

      if (match->lex != lex)
        continue;
      if (!found || match->t1 > best_end)
        {
          found = TRUE;
          best_end = match->t1;
          best_value = match->value;
        }
    }

  if (found)
    {
      if (end)
        *end = best_end;
      if (value)
        *value = best_value;
    }

  return found;
}

gboolean
_rs_lex1_slow (const RScan *s,
               guint        i,
               RLex         lex)
{
  if (i >= s->n || !(s->tmask[i] & (G_GUINT64_CONSTANT (1) << lex)))
    return FALSE;

  for (guint m = s->mstart[i]; m < s->mstart[i + 1]; m++)
    {
      const RMatch *match = &g_array_index (s->matches, RMatch, m);

      if (match->lex == lex && match->t1 == i)
        return TRUE;
    }

  return FALSE;
}

gboolean
_rs_match_any_in (const RScan *s,
                  guint        t0,
                  guint        t1,
                  RLex         lex,
                  guint       *at,
                  guint       *end,
                  int         *value)
{
  for (guint i = t0; i <= t1 && i < s->n; i++)
    {
      if (_rs_match (s, i, lex, end, value))
        {
          if (at)
            *at = i;
          return TRUE;
        }
    }

  return FALSE;
}

/* strcmp (@a, @b) == 0, the first bytes compared inline */
static inline gboolean
seq_key_is (const char *a,
            const char *b)
{
  return a[0] == b[0] && (a[0] == '\0' || strcmp (a + 1, b + 1) == 0);
}

gboolean
_rs_words_at_slow (const RScan *s,
                   guint        i,
                   RWord        list,
                   guint       *end)
{
  GHashTable *index = s->rules->word_seq_index[list];
  const GPtrArray *any;

  if (index == NULL || i >= s->n)
    return FALSE;
  /* only the entries that start with this word (none unless the word has
   * the list's WBIT_FIRST bit), or with "<any>" (kept aside, not looked
   * up: a token whose key is ANY_KEY itself tried them twice, with the
   * same first match) */
  if (_rs_wbit (s, i, WBIT_FIRST + list) && i + 1 < s->n)
    {
      const RSeqGroup *group = _rounds_keys_lookup_data_hashed (s->rules->word_seq_keys[list], rs_key (s, i),
                                                                rs_tok (s, i)->key_len, rs_tok (s, i)->hash);

      /* and only if the next token may be one of their second words
       * (every entry has one: none can match at the text's last token);
       * their keys after the first, found by the token's own, packed
       * after the group */
      if (group != NULL && ((group->next_mask >> RSEQ_NEXT_BIT (rs_tok (s, i + 1)->hash)) & 1))
        {
          const char *p = (const char *) (group + 1);

          for (guint k = 0; k < group->n; k++)
            {
              guint32 count;
              guint32 bytes;
              const char *key;
              guint j = 1;

              memcpy (&count, p, sizeof count);
              memcpy (&bytes, p + sizeof count, sizeof bytes);
              key = p + sizeof count + sizeof bytes;
              p = key + bytes;
              while (j <= count && i + j < s->n &&
                     (seq_key_is (rs_key (s, i + j), key) || seq_key_is (key, ANY_KEY)))
                {
                  key += strlen (key) + 1;
                  j++;
                }
              if (j > count)
                {
                  if (end != NULL)
                    *end = i + j - 1;
                  return TRUE;
                }
            }
        }
    }

  any = s->rules->seq_any_first[list] ? s->rules->word_seq_any[list] : NULL;
  for (guint k = 0; any != NULL && k < any->len; k++)
    {
      const char * const *keys = g_ptr_array_index (any, k);
      guint j = 0;

      /* a token's key has no nul: strcmp () is the key comparison
       * (after the first bytes, which tell most keys apart without a
       * call) */
      while (keys[j] != NULL && i + j < s->n &&
             (seq_key_is (rs_key (s, i + j), keys[j]) || seq_key_is (keys[j], ANY_KEY)))
        j++;
      if (keys[j] == NULL)
        {
          if (end != NULL)
            *end = i + j - 1;
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
_rs_words_end_at_slow (const RScan *s,
                       guint        last,
                       RWord        list)
{
  const GPtrArray *seqs = s->rules->word_seqs[list];

  for (guint k = 0; seqs != NULL && k < seqs->len; k++)
    {
      const char * const *keys = g_ptr_array_index (seqs, k);
      guint n = g_strv_length ((char **) keys);
      guint j = 0;

      if (last + 1 < n)
        continue;
      while (j < n && (_rs_key_is (s, last + 1 - n + j, keys[j]) || seq_key_is (keys[j], ANY_KEY)))
        j++;
      if (j == n)
        return TRUE;
    }
  return FALSE;
}

gboolean
_rs_affix_is (const RScan *s,
              RWord        list,
              const char  *str)
{
  const GPtrArray *affixes = s->rules->word_affixes[list];

  for (guint k = 0; affixes != NULL && k < affixes->len; k++)
    if (strcmp (g_ptr_array_index (affixes, k), str) == 0)
      return TRUE;
  return FALSE;
}

static int
first_name_lookup (const RScan *s,
                   guint        i)
{
  const RTok *t;

  if (!_rs_is_word (s, i))
    return 0;

  t = rs_tok (s, i);
  if (t->flags & RTOK_DIGIT || t->base_len >= 64 || t->base_len < 2)
    return 0;

  return _rounds_rules_first_name_hashed (s->rules, rs_key (s, i), t->base_len,
                                          rs_hash_len (s, i, t->base_len));
}

int
_rs_first_name (const RScan *s,
                guint        i)
{
  int fn;

  if (i >= s->n)
    return 0;
  if (s->fnames != NULL && (s->fnames[i] & 3) != 0)
    return (s->fnames[i] & 3) - 1;
  fn = first_name_lookup (s, i);
  if (s->fnames != NULL)
    s->fnames[i] |= (guint8) (fn + 1);  /* a cache in the scan's scratch memory */
  return fn;
}

gboolean
_rs_surname (const RScan *s,
             guint        i)
{
  const RTok *t;

  if (!_rs_is_word (s, i))
    return FALSE;

  t = rs_tok (s, i);
  if (t->base_len >= 64 || t->base_len < 2)
    return FALSE;

  return _rounds_rules_is_surname_hashed (s->rules, rs_key (s, i), t->base_len,
                                          rs_hash_len (s, i, t->base_len));
}

gboolean
_rs_negated (const RScan *s,
             guint        i,
             guint        window)
{
  guint sent = _rs_sent_of (s, i);
  guint first = g_array_index (s->sents, RSent, sent).first;
  guint from = i > first + window ? i - window : first;

  for (guint k = from; k < i; k++)
    {
      guint end;

      if (_rs_match (s, k, LEX_NEGATION, &end, NULL) && end < i + 1)
        return TRUE;
    }

  return FALSE;
}

/* a word of the clinical vocabulary or a medication in @se: the care a
 * sentence is about ("get you in for that nosebleed") */
static gboolean
names_treatment (const RScan *s,
                 const RSent *se)
{
  for (guint i = se->first; i <= se->last; i++)
    if (!(s->tflags[i] & (TF_NAME | TF_STAFF | TF_EXEMPT)) &&
        (_rs_is_clinical (s, i) || _rs_lex1 (s, i, LEX_MEDICATION)))
      return TRUE;
  return FALSE;
}

/* A reply's sentence that declines to advise or speaks in general ("We
 * can't give medical advice here, but…", "In general, kids who…"), or a
 * courtesy that names nothing ("We're sorry your visit didn't meet
 * expectations", "We wish you continued health"), confirms no one's care
 * (word list rc_not_confirming). */
gboolean
_rs_not_confirming (const RScan *s,
                    guint        k)
{
  const RSent *se = &g_array_index (s->sents, RSent, k);

  if (_rs_sent_may_start (s, k, WORD_RC_NOT_CONFIRMING) && _rs_words_in (s, se, WORD_RC_NOT_CONFIRMING))
    return TRUE;
  /* an offer to book a visit ("con gusto le agendamos una cita", "call
   * and they'll get you scheduled") or to send the reader to their own
   * doctor ("Your primary care doctor is the best person to ask"): a
   * visit to come, not one that was */
  return (_rs_sent_may_start (s, k, WORD_RC_BOOKING) && _rs_words_in (s, se, WORD_RC_BOOKING) &&
          !names_treatment (s, se)) ||
         (_rs_sent_may_start (s, k, WORD_RC_OWN_DOCTOR) && _rs_words_in (s, se, WORD_RC_OWN_DOCTOR) &&
          !_rs_words_in (s, se, WORD_CARE_EVENT) && !_rs_words_in (s, se, WORD_CARE_RESULT));
}

/* "Noise-induced hearing loss is permanent": the verb at @v says that a
 * harm (claim_harm) lasts, which promises nothing */
gboolean
_rs_lasting_harm (const RScan *s,
                  guint        v)
{
  guint first;

  if (!_rs_word (s, v, WORD_CLAIM_LASTING) || v == 0)
    return FALSE;
  /* the harm is the clause's subject: "hearing loss from noise is …" */
  first = _rs_sent (s, _rs_sent_of (s, v))->first;
  for (guint k = v; k > first && k + 5 > v; k--)
    {
      if (_rs_is_ch (s, k - 1, ',') || _rs_is_ch (s, k - 1, ';') || _rs_is_ch (s, k - 1, ':'))
        break;
      if (_rs_word (s, k - 1, WORD_CLAIM_HARM))
        return TRUE;
    }
  return FALSE;
}

/* The sentence @sent asks whether an outcome lasts rather than promising
 * it: it ends with "?" and opens, or its last part after a colon opens,
 * with a question's first word ("Sclerotherapy FAQ: Will my spider veins
 * be gone forever?") */
gboolean
_rs_claim_asked (const RScan *s,
                 guint        sent)
{
  const RSent *se = &g_array_index (s->sents, RSent, sent);
  guint c = se->last;

  if (!_rs_is_ch (s, se->last, '?'))
    return FALSE;
  while (c > se->start && !_rs_is_ch (s, c - 1, ':'))
    c--;
  return _rs_word (s, c, WORD_CLAIM_QUESTION_LEAD);
}

/* The sentence @sent denies a promise: a clause opens with a negated
 * subject ("no", "nobody", "ningún") and its verb follows within a few
 * words ("No surgery is risk-free", "Nobody can guarantee that …", "Real
 * talk: no stent, pill or procedure can promise …"). "No more migraines,
 * guaranteed" and "Nobody leaves without a full recovery" have no such
 * verb and stay promises. */
/* an emoji or another symbol, which may stand between two sentences
 * ("No promises 🙅 No tea cures …"); the variation selector that ends
 * one is a token of no letter or digit */
static inline gboolean
is_symbol (const RScan *s,
           guint        i)
{
  const RTok *t = rs_tok (s, i);

  return t->ch >= 0x2600 && (t->kind == RTOK_PUNCT || !(t->flags & (RTOK_ALPHA | RTOK_DIGIT)));
}

static inline gboolean
is_quote (const RScan *s,
          guint        i)
{
  const RTok *t = rs_tok (s, i);

  return t->kind == RTOK_PUNCT && (t->ch == '\'' || t->ch == '"' || t->ch == 0x2018 || t->ch == 0x2019 ||
                                   t->ch == 0x201c || t->ch == 0x201d);
}

gboolean
_rs_claim_denied (const RScan *s,
                  guint        sent)
{
  const RSent *se = &g_array_index (s->sents, RSent, sent);

  /* "Anyone who guarantees a return-to-play date is guessing": the
   * promise is someone else's, told to be doubted */
  if (_rs_sent_may_start (s, sent, WORD_CLAIM_OTHERS))
    for (guint i = se->first; i <= se->last; i++)
      {
        guint end;

        if (_rs_words_at (s, i, WORD_CLAIM_OTHERS, &end) && _rs_word (s, end + 1, WORD_CLAIM_PROMISE_VERB))
          return TRUE;
      }

  for (guint i = se->first; i <= se->last; i++)
    {
      guint end = i;
      guint words = 0;

      /* at the start of the sentence or after a colon, semicolon, dash or
       * emoji; or of a clause after "and", "pero", "there's" ("… and
       * nobody can promise results", "there's no tea that will cure …") */
      if (i != se->start && !(i > se->first && (_rs_is_ch (s, i - 1, ':') || _rs_is_ch (s, i - 1, ';') ||
                                                _rs_is_dash (s, i - 1) || is_symbol (s, i - 1) ||
                                                _rs_words_end_at (s, i - 1, WORD_CLAIM_CLAUSE_BEFORE))))
        continue;
      if (!(_rs_word (s, i, WORD_CLAIM_NO) && !_rs_word (s, i + 1, WORD_CLAIM_NO_NOT)) &&
          !_rs_words_at (s, i, WORD_CLAIM_NONE, &end))
        continue;
      for (guint k = end + 1; k <= se->last && words < 6; k++)
        {
          if (rs_tok (s, k)->kind == RTOK_PUNCT)
            {
              /* "No tea, supplement or 'detox juice' cures …" */
              if (_rs_is_ch (s, k, ',') || is_quote (s, k))
                continue;
              break;
            }
          if (_rs_word (s, k, WORD_CLAIM_DENIAL_VERB))
            return TRUE;
          words++;
        }
    }
  return FALSE;
}

/* A word of care at @i: a care noun, a visit, a medication, a word of
 * care_word or of the clinical vocabulary, that is no name */
gboolean
_rs_care_word_at (const RScan *s,
                  guint        i)
{
  if (s->tflags[i] & (TF_NAME | TF_STAFF | TF_EXEMPT))
    return FALSE;
  return _rs_lex1 (s, i, LEX_CARE_NOUN) || _rs_lex1 (s, i, LEX_VISIT_EVENT) || _rs_lex1 (s, i, LEX_MEDICATION) ||
         _rs_words_at (s, i, WORD_CARE_WORD, NULL) || _rs_is_clinical (s, i);
}

/* "Today several hundred thousand Pennsylvanians hold a patient card": a
 * sentence that counts people by the thousand speaks of a population, not
 * of a patient */
gboolean
_rs_counts_population (const RScan *s,
                       guint        k)
{
  const RSent *se = &g_array_index (s->sents, RSent, k);

  for (guint i = se->first; i <= se->last; i++)
    if (_rs_word (s, i, WORD_PR_POPULATION_COUNT))
      return TRUE;
  return FALSE;
}

/* The sentence @sent goes on about a third person's care: a third-person
 * subject among its first words ("He still brings his CPAP in …", "Eight
 * months after ACL surgery she scored …") and a word of care. */
gboolean
_rs_tells_third_care (const RScan *s,
                      guint        sent)
{
  const RSent *se;
  gboolean third = FALSE, care = FALSE;
  guint words = 0;

  if (sent >= s->sents->len)
    return FALSE;
  se = &g_array_index (s->sents, RSent, sent);
  for (guint i = se->start; i <= se->last; i++)
    {
      if (rs_tok (s, i)->kind == RTOK_PUNCT)
        continue;
      if (words++ < 8 && _rs_word (s, i, WORD_PR_THIRD_PERSON))
        third = TRUE;
      care |= _rs_care_word_at (s, i);
    }
  return third && care;
}

/* A name followed by a relative clause about that person's care: "Coach
 * Harlan, who's back on the sideline six weeks after his hip
 * replacement", "Ray, whose implant went in on …". @b is the name's last
 * token. */
gboolean
_rs_who_clause_care (const RScan *s,
                     guint        b)
{
  guint sent, last;

  if (b + 2 >= s->n || !_rs_is_ch (s, b + 1, ',') || !_rs_word (s, b + 2, WORD_CARE_WHO))
    return FALSE;
  sent = _rs_sent_of (s, b);
  last = g_array_index (s->sents, RSent, sent).last;
  for (guint i = b + 3; i <= last; i++)
    {
      if (_rs_is_ch (s, i, ';') || _rs_is_ch (s, i, ':'))
        break;
      if (_rs_care_word_at (s, i))
        return TRUE;
    }
  return FALSE;
}

/* "Hey Lakeview!", "Hi Chicago!": a word of the practice's name or
 * address (compared folded: "Raíz" is the word raiz; the profile keeps
 * them folded) */
static gboolean
word_in (const char *folded,
         const char *key,
         gsize       len)
{
  const char *p;

  if (folded == NULL)
    return FALSE;
  for (p = strstr (folded, key); p != NULL; p = strstr (p + 1, key))
    if ((p == folded || !g_ascii_isalnum (p[-1])) && !g_ascii_isalnum (p[len]))
      return TRUE;
  return FALSE;
}

gboolean
_rs_in_profile_words (const RScan *s,
                      guint        i)
{
  return _rs_key_in_profile_words (s, rs_key (s, i), rs_tok (s, i)->base_len);
}

/* The same for a folded key of @len bytes (a hashtag's word) */
gboolean
_rs_key_in_profile_words (const RScan *s,
                          const char  *folded,
                          gsize        len)
{
  char key[64];
  GPtrArray *addresses;

  if (s->profile == NULL || len >= sizeof key || len == 0)
    return FALSE;
  memcpy (key, folded, len);
  key[len] = '\0';
  if (word_in (_rounds_compliance_profile_get_name_folded (s->profile), key, len))
    return TRUE;
  addresses = _rounds_compliance_profile_get_addresses_folded (s->profile);
  for (guint a = 0; a < addresses->len; a++)
    if (word_in (g_ptr_array_index (addresses, a), key, len))
      return TRUE;
  return FALSE;
}

gboolean
_rs_is_street_name (const RScan *s,
                    guint        i)
{
  /* (a suffix that is also a name or in capitals, "Ronald Pike",
   * "Sadie's PT", is not taken for one) */
  return (rs_tok (s, i)->flags & RTOK_CAP) && _rs_lex1 (s, i + 1, LEX_STREET_SUFFIX) &&
         (rs_tok (s, i + 1)->flags & RTOK_CAP) && !(rs_tok (s, i + 1)->flags & RTOK_UPPER) &&
         !_rs_lex1 (s, i + 1, LEX_DOCTOR_TITLE) && !_rs_surname (s, i + 1) && _rs_first_name (s, i + 1) == 0;
}

/* An insurer or a plan word ("member", "Medicaid", "AHCCCS") up to
 * @window tokens before @i in its clause (not past a sentence end, ';' or
 * ':'): the plan a number without a label of its own belongs to */
gboolean
_rs_plan_cue_in_clause (const RScan *s,
                        guint        i,
                        guint        window)
{
  guint sent = _rs_sent_of (s, i);

  for (guint k = i; k > 0 && k + window > i; k--)
    {
      if (_rs_sent_of (s, k - 1) != sent || _rs_is_ch (s, k - 1, ';') || _rs_is_ch (s, k - 1, ':'))
        break;
      if (_rs_match (s, k - 1, LEX_HEALTH_PLAN_CUE, NULL, NULL) && !(s->tflags[k - 1] & TF_EXEMPT))
        return TRUE;
    }
  return FALSE;
}

void
_rs_add (RScan   *s,
         guint    t0,
         guint    t1,
         RRuleId  rule)
{
  RCand c = { t0, t1, rule };

  if (t0 > t1 || t1 >= s->n)
    return;
  g_array_append_val (s->cands, c);
}

/* @len bytes of @str appended to @out as the inside of a JSON string
 * (the features the training script reads) */
void
_rounds_json_append_escaped (GString    *out,
                             const char *str,
                             gsize       len)
{
  for (gsize k = 0; k < len; k++)
    {
      char c = str[k];

      if (c == '"' || c == '\\')
        g_string_append_c (out, '\\');
      if ((guchar) c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, c);
    }
}

gboolean
_rs_overlaps_cand (const RScan           *s,
                   guint                  t0,
                   guint                  t1,
                   RoundsFindingCategory  category)
{
  for (guint k = 0; k < s->cands->len; k++)
    {
      const RCand *c = &g_array_index (s->cands, RCand, k);

      if (s->rules->rules[c->rule].category == category && c->t0 <= t1 && t0 <= c->t1)
        return TRUE;
    }

  return FALSE;
}

/* Does the sentence of token @i (or the one before) talk about a person
 * rather than an organisation? Used in posts, where an address, phone
 * number or organisation's e-mail without such context is public (an event
 * venue, a partner's number). */
gboolean
_rs_personal_context (const RScan *s,
                      guint        i)
{
  static const RLex lexes[] = {
    LEX_PR_ANCHOR, LEX_PERSON_NOUN, LEX_VISIT_EVENT, LEX_FAMILY, LEX_POSS3, LEX_HONORIFIC,
    LEX_DOB_CUE, LEX_CELEBRATION,
  };
  guint sent = _rs_sent_of (s, i);

  if (rs_is_reply (s))
    return TRUE;

  /* a person's name just before: "Reach Tom at 503-555-0178", "contact
   * Sylvia Orr at …" (not staff, not a public figure) */
  for (guint k = i > 6 ? i - 6 : 0; k < i; k++)
    {
      int fn;

      if (_rs_sent_of (s, k) != sent || !(rs_tok (s, k)->flags & RTOK_CAP) ||
          (s->tflags[k] & (TF_STAFF | TF_EXEMPT | TF_PUBLIC | TF_HANDLE)))
        continue;
      fn = _rs_first_name (s, k);
      if (fn == 1 || (fn == 2 && k + 1 < i && (rs_tok (s, k + 1)->flags & RTOK_CAP) && _rs_surname (s, k + 1) &&
                      !(s->tflags[k + 1] & (TF_STAFF | TF_EXEMPT | TF_PUBLIC))))
        return TRUE;
      /* "Reach Tom at 503-…": a name that is also a word, capitalised
       * inside the sentence, right before "at" and the number */
      if (fn == 2 && k + 2 == i && !_rs_is_sent_start (s, k) && _rs_word (s, k + 1, WORD_PHONE_CUE_LONG))
        return TRUE;
    }

  for (guint k = sent > 0 ? sent - 1 : 0; k <= sent; k++)
    {
      const RSent *st = &g_array_index (s->sents, RSent, k);

      for (guint l = 0; l < G_N_ELEMENTS (lexes); l++)
        if (_rs_sent_has (s, k, lexes[l]))
          return TRUE;

      for (guint t = st->first; t <= st->last; t++)
        if (_rs_word (s, t, WORD_PERSONAL_CONTEXT))
          return TRUE;
    }

  return FALSE;
}

void
_rs_add_sentence (RScan   *s,
                  guint    k,
                  RRuleId  rule)
{
  const RSent *sent = _rs_sent (s, k);

  _rs_add (s, sent->first, sent->last, rule);
}

/* A word of the clinical vocabulary (clinical-terms.txt). */
gboolean
_rs_is_clinical (const RScan *s,
                 guint        i)
{
  const RTok *t;

  gboolean clinical;

  if (i >= s->n)
    return FALSE;
  if (s->fnames != NULL && (s->fnames[i] & 4))
    return (s->fnames[i] & 8) != 0;
  t = rs_tok (s, i);
  clinical = t->kind == RTOK_WORD && t->key_len >= 4 &&
             _rounds_rules_is_clinical_hashed (s->rules, rs_key (s, i), t->key_len, t->hash);
  if (s->fnames != NULL)
    s->fnames[i] |= clinical ? 4 | 8 : 4;
  return clinical;
}

/* Token @i is a word of @min_len or more letters that ends with an entry
 * of the word-endings list @list ("neurologist", "lisinopril", "sorted"). */
gboolean
_rs_ends_with_slow (const RScan *s,
                    guint        i,
                    RWord        list,
                    guint        min_len)
{
  const GPtrArray *endings = _rs_word_affixes (s, list);
  const guint16 *ix = s->rules->affix_by_last[list];
  const guint *lens;
  const char *key;
  gsize len;
  guchar last;

  if (endings == NULL || !_rs_is_word (s, i) || rs_tok (s, i)->key_len < min_len)
    return FALSE;
  key = rs_key (s, i);
  len = rs_tok (s, i)->key_len;
  lens = (const guint *) s->rules->word_affix_lens[list]->data;
  if (ix == NULL)  /* more entries than the index holds */
    {
      for (guint e = 0; e < endings->len; e++)
        {
          const char *ending = g_ptr_array_index (endings, e);
          gsize n = lens[e];

          if (n > 0 && n < len && key[len - 1] == ending[n - 1] && memcmp (key + len - n, ending, n) == 0)
            return TRUE;
        }
      return FALSE;
    }
  /* only the entries that end with the word's last byte */
  last = (guchar) key[len - 1];
  for (guint k = ix[last]; k < ix[last + 1]; k++)
    {
      guint e = ix[257 + k];
      gsize n = lens[e];

      if (n < len && memcmp (key + len - n, g_ptr_array_index (endings, e), n) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Complaints about money ("unhappy with the bill") do not confirm care. */
gboolean
_rs_is_money_noun (const RScan *s,
                   guint        i)
{
  return _rs_word (s, i, WORD_MONEY_NOUN);
}

gboolean
_rs_has_disclosure (const RScan *s)
{
  /* each test below needs its lexicon or word list somewhere in the text
   * (a new test must widen this gate) */
  if (!_rs_text_may_lex (s, LEX_DISCLOSURE) &&
      !(_rs_text_may_lex (s, LEX_DISCLOSURE_TAG) && _rs_text_has_ch (s, '#')) &&
      !_rs_text_may_start (s, WORD_DISCLOSURE_LABEL) && !_rs_text_may_start (s, WORD_DISCLOSURE_HEADING))
    return FALSE;

  for (guint i = 0; i < s->n; i++)
    {
      if (_rs_match (s, i, LEX_DISCLOSURE, NULL, NULL))
        return TRUE;
      if (_rs_is_ch (s, i, '#') && i + 1 < s->n && _rs_joined (s, i + 1) &&
          _rs_lex1 (s, i + 1, LEX_DISCLOSURE_TAG))
        return TRUE;
      /* "Ad:" / "AD |" at the start of a sentence */
      if (_rs_word (s, i, WORD_DISCLOSURE_LABEL) && _rs_is_sent_start (s, i) && i + 1 < s->n &&
          (_rs_is_ch (s, i + 1, ':') || _rs_is_ch (s, i + 1, '|') || _rs_is_dash (s, i + 1)))
        return TRUE;
      if (_rs_word (s, i, WORD_DISCLOSURE_HEADING) &&
          !(i > 0 && _rs_is_ch (s, i - 1, '#')) && (rs_tok (s, i)->flags & RTOK_CAP) && _rs_is_sent_start (s, i))
        return TRUE;
    }

  return FALSE;
}

/* Can token @i continue a name (surname)? */
gboolean
_rs_is_surname_like (const RScan *s,
                     guint        i)
{
  if (!_rs_is_cap_word (s, i) || _rs_name_blocked (s, i))
    return FALSE;
  if (_rs_lex1 (s, i, LEX_NAME_STOP) || _rs_lex1 (s, i, LEX_MONTH) || _rs_lex1 (s, i, LEX_WEEKDAY) ||
      _rs_lex1 (s, i, LEX_STAFF_CREDENTIAL) || _rs_lex1 (s, i, LEX_US_STATE) ||
      (s->tflags[i] & TF_DATE))
    return FALSE;
  if ((rs_tok (s, i)->flags & RTOK_UPPER) && rs_tok (s, i)->n_chars > 1)
    return FALSE;
  if (_rs_is_sent_start (s, i))
    return FALSE;
  return TRUE;
}

gboolean
_rs_is_reviewer_part_slow (const RScan *s,
                           guint        i)
{
  const RTok *t = rs_tok (s, i);
  const char *key = rs_key (s, i);

  if (s->reviewer == NULL || !_rs_is_word (s, i))
    return FALSE;

  for (guint k = 0; s->reviewer[k] != NULL; k++)
    {
      const char *r = s->reviewer[k];
      gsize len = strlen (r);

      if (len < 2 || !g_unichar_isalpha (g_utf8_get_char (r)))
        continue;
      if ((len == t->base_len && memcmp (r, key, len) == 0))
        {
          /* "Hope", "Will" as reviewer names still need a capital */
          if (_rounds_rules_first_name (s->rules, r, len) == 2 &&
              !(t->flags & RTOK_CAP))
            return FALSE;
          return TRUE;
        }
    }

  return FALSE;
}
