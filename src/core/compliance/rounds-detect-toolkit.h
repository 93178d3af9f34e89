/* rounds-detect-toolkit.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The detectors' shared toolkit. A detector (rounds-detect-*.c) includes
 * this header and uses only these helpers, the scan state (RScan) and the
 * rule pack's lexicons; it calls no other detector and no function of the
 * scanner file. Token indices are positions in s->toks; a helper given an
 * index past the end answers FALSE.
 */

#pragma once

#include "rounds-compliance-private.h"

G_BEGIN_DECLS

/* --------------------------------------------------------------- tokens */

static inline const RTok *
rs_tok (const RScan *s,
        guint        i)
{
  return &s->tv[i];
}

static inline const char *
rs_key (const RScan *s,
        guint        i)
{
  return s->kv + s->tv[i].key_off;
}

/* _rounds_key_hash () of token @i's first @len key bytes: the tokenizer's
 * for the whole key */
static inline guint64
rs_hash_len (const RScan *s,
             guint        i,
             gsize        len)
{
  return len == s->tv[i].key_len ? s->tv[i].hash : _rounds_key_hash (rs_key (s, i), len);
}

static inline gboolean
rs_is_reply (const RScan *s)
{
  return s->kind != ROUNDS_TEXT_KIND_POST;
}

static inline gboolean
_rs_is_ch (const RScan *s,
           guint        i,
           gunichar     ch)
{
  const RTok *t;

  if (i >= s->n)
    return FALSE;
  t = rs_tok (s, i);
  return t->ch == ch && t->kind == RTOK_PUNCT;
}

static inline gboolean
_rs_key_eq (const RScan *s,
            guint        i,
            const char  *key,
            gsize        len)
{
  const RTok *t;

  if (i >= s->n)
    return FALSE;
  t = rs_tok (s, i);
  return t->key_len == len && memcmp (s->kv + t->key_off, key, len) == 0;
}

/* strlen() of a literal folds to a constant */
#define _rs_key_is(s, i, key) _rs_key_eq ((s), (i), (key), strlen (key))

static inline gboolean
_rs_joined (const RScan *s,
            guint        i)
{
  return i > 0 && i < s->n && !(rs_tok (s, i)->flags & RTOK_SPACE_BEFORE);
}

/* any hyphen or dash */
static inline gboolean
_rs_is_dash (const RScan *s,
             guint        i)
{
  const RTok *t;

  if (i >= s->n)
    return FALSE;
  t = rs_tok (s, i);
  return t->kind == RTOK_PUNCT && (t->ch == '-' || t->ch == 0x2013 || t->ch == 0x2014 ||
                                   t->ch == 0x2010 || t->ch == 0x2011 || t->ch == 0x2212);
}

gboolean  _rs_lex1_slow    (const RScan *s, guint i, RLex lex);
gboolean  _rs_match_slow   (const RScan *s, guint i, RLex lex, guint *end, int *value);

/* Most tokens start no phrase of a lexicon: answer that inline. */
static inline gboolean
_rs_lex1 (const RScan *s,
          guint        i,
          RLex         lex)
{
  if (i >= s->n || !(s->tmask[i] & (G_GUINT64_CONSTANT (1) << lex)))
    return FALSE;
  return _rs_lex1_slow (s, i, lex);
}

static inline gboolean
_rs_match (const RScan *s,
           guint        i,
           RLex         lex,
           guint       *end,
           int         *value)
{
  if (i >= s->n || !(s->tmask[i] & (G_GUINT64_CONSTANT (1) << lex)))
    return FALSE;
  return _rs_match_slow (s, i, lex, end, value);
}

/* Sets @flags on tokens t0 … t1 (inclusive). */
static inline void
_rs_mark (RScan  *s,
          guint   t0,
          guint   t1,
          guint8  flags)
{
  for (guint i = t0; i <= t1 && i < s->n; i++)
    s->tflags[i] |= flags;
}

static inline gboolean
_rs_is_word (const RScan *s,
             guint        i)
{
  return i < s->n && rs_tok (s, i)->kind == RTOK_WORD && (rs_tok (s, i)->flags & RTOK_ALPHA);
}

static inline gboolean
_rs_is_capitalized (const RScan *s,
                    guint        i)
{
  return _rs_is_word (s, i) && (rs_tok (s, i)->flags & RTOK_CAP);
}

static inline gboolean
_rs_is_cap_word (const RScan *s,
                 guint        i)
{
  return _rs_is_word (s, i) && (rs_tok (s, i)->flags & RTOK_CAP) && !(rs_tok (s, i)->flags & RTOK_DIGIT);
}

static inline gboolean
_rs_is_initial (const RScan *s,
                guint        i)
{
  return _rs_is_word (s, i) && rs_tok (s, i)->n_chars == 1 && (rs_tok (s, i)->flags & RTOK_UPPER) &&
         _rs_is_ch (s, i + 1, '.') && _rs_joined (s, i + 1);
}

static inline gboolean
_rs_name_blocked (const RScan *s,
                  guint        i)
{
  return (s->tflags[i] & (TF_USED | TF_HANDLE | TF_EXEMPT | TF_STAFF | TF_PUBLIC | TF_NAME)) != 0;
}

/* bit @bit of token @i's word (see WBIT_FIRST): every token's word was
 * looked up once, by the phrase matcher, before any detector runs (its
 * bits are s->wbits[i]), so this is a bit test */
static inline gboolean
_rs_wbit (const RScan *s,
          guint        i,
          guint        bit)
{
  const guint64 *b;

  if (i >= s->n)
    return FALSE;
  b = s->wbits[i];
  return (b[bit >> 6] >> (bit & 63)) & 1;
}

/* token @i is a one-word entry of the rule pack's word list @list */
static inline gboolean
_rs_word (const RScan *s,
          guint        i,
          RWord        list)
{
  return _rs_wbit (s, i, list);
}

gboolean  _rs_words_at_slow    (const RScan *s, guint i, RWord list, guint *end);
gboolean  _rs_words_end_at_slow (const RScan *s, guint last, RWord list);

/* an entry of word list @list starts at token @i: a one-word entry, else
 * the first of its entries of several words ("for good") that the tokens
 * from @i spell; @end (may be NULL) gets the entry's last token */
static inline gboolean
_rs_words_at (const RScan *s,
              guint        i,
              RWord        list,
              guint       *end)
{
  if (_rs_word (s, i, list))
    {
      if (end != NULL)
        *end = i;
      return TRUE;
    }
  /* the token's own bits first: WBIT_FIRST + @list is set only for a
   * list with entries of several words (for every token, if one of them
   * starts with "<any>": RRules.no_entry) */
  if (!_rs_wbit (s, i, WBIT_FIRST + list))
    return FALSE;
  return _rs_words_at_slow (s, i, list, end);
}

/* an entry of word list @list starts at some token of @sent (the
 * caller gates first: _rs_sent_may_start () or a lexicon cue) */
static inline gboolean
_rs_words_in (const RScan *s,
              const RSent *sent,
              RWord        list)
{
  for (guint i = sent->first; i <= sent->last; i++)
    if (_rs_words_at (s, i, list, NULL))
      return TRUE;
  return FALSE;
}

/* an entry of word list @list ends at token @last ("one of our" read
 * backwards from "our") */
static inline gboolean
_rs_words_end_at (const RScan *s,
                  guint        last,
                  RWord        list)
{
  if (_rs_word (s, last, list))
    return TRUE;
  if (!_rs_wbit (s, last, WBIT_LAST + list) && !s->rules->seq_any_last[list])
    return FALSE;
  return _rs_words_end_at_slow (s, last, list);
}

/* the entries of a list of word beginnings or endings ("#welcomeolivia",
 * "neurologist"), or NULL */
static inline const GPtrArray *
_rs_word_affixes (const RScan *s,
                  RWord        list)
{
  return s->rules->word_affixes[list];
}

/* @str is one of the entries of list @list of word endings ("14th" → "th") */
gboolean  _rs_affix_is         (const RScan *s, RWord list, const char *str);

/* the token's folded key without a possessive ("ava's" → "ava") is @key */
gboolean  _rs_base_is          (const RScan *s, guint i, const char *key);
int       _rs_first_name       (const RScan *s, guint i);  /* 0, 1 (a name) or 2 (also a word) */
gboolean  _rs_surname          (const RScan *s, guint i);
/* a title said to the reader of a reply (rounds-detect-people.c) */
gboolean  _rs_title_addressed  (const RScan *s, guint i, guint end);
gboolean  _rs_is_surname_like  (const RScan *s, guint i);  /* can continue a name */
gboolean  _rs_is_reviewer_part_slow (const RScan *s, guint i);

/* token @i is part of the reviewer's name: most texts have no reviewer
 * (answered inline) */
static inline gboolean
_rs_is_reviewer_part (const RScan *s,
                      guint        i)
{
  return s->reviewer != NULL && _rs_is_reviewer_part_slow (s, i);
}

gboolean  _rs_is_money_noun    (const RScan *s, guint i);  /* "bill", "copay", … */
gboolean  _rs_is_clinical      (const RScan *s, guint i);  /* a word of the clinical vocabulary */

gboolean  _rs_ends_with_slow   (const RScan *s, guint i, RWord list, guint min_len);

/* token @i is a word of at least @min_len key bytes that ends with an
 * entry of the word-endings list @list; most words are too short to be
 * asked further (answered inline) */
static inline gboolean
_rs_ends_with (const RScan *s,
               guint        i,
               RWord        list,
               guint        min_len)
{
  const guint16 *ix;
  guchar last;

  if (i >= s->n || rs_tok (s, i)->key_len < min_len)
    return FALSE;
  /* no entry ends with the word's last byte: most words, answered here */
  ix = s->rules->affix_by_last[list];
  last = (guchar) rs_key (s, i)[rs_tok (s, i)->key_len - 1];
  if (ix != NULL && ix[last] == ix[last + 1])
    return FALSE;
  return _rs_ends_with_slow (s, i, list, min_len);
}

/* ------------------------------------------------------------ sentences */

static inline RSent *
_rs_sent (const RScan *s,
          guint        k)
{
  return &g_array_index (s->sents, RSent, k);
}

static inline guint
_rs_sent_of (const RScan *s,
             guint        i)
{
  return rs_tok (s, i)->sent;
}

static inline gboolean
_rs_is_sent_start (const RScan *s,
                   guint        i)
{
  return _rs_sent (s, rs_tok (s, i)->sent)->start == i;
}

/* a match of lexicon @lex starts in sentence @sent */
static inline gboolean
_rs_sent_has (const RScan *s,
              guint        sent,
              RLex         lex)
{
  return (_rs_sent (s, sent)->mask & (G_GUINT64_CONSTANT (1) << lex)) != 0;
}

/* Some token of sentence @k is in word list @list or may start one of its
 * entries of several words: when FALSE, no _rs_word () or _rs_words_at ()
 * of @list is TRUE anywhere in the sentence, so a detector that needs one
 * can skip the sentence. */
static inline gboolean
_rs_sent_may_start (const RScan *s,
                    guint        k,
                    RWord        list)
{
  const guint64 *u = s->swords + (gsize) k * RWORD_N64;

  if ((u[list >> 6] >> (list & 63)) & 1)
    return TRUE;
  if (s->rules->word_seqs[list] == NULL)
    return FALSE;
  return s->rules->seq_any_first[list] || ((u[(WBIT_FIRST + list) >> 6] >> ((WBIT_FIRST + list) & 63)) & 1);
}

/* A lexicon match starts in sentence @k (as _rs_lex1 () needs at a token) */
static inline gboolean
_rs_sent_may_lex (const RScan *s,
                  guint        k,
                  RLex         lex)
{
  return (_rs_sent (s, k)->mask >> lex) & 1;
}

/* The same for the whole text */
static inline gboolean
_rs_text_may_start (const RScan *s,
                    RWord        list)
{
  if ((s->twords[list >> 6] >> (list & 63)) & 1)
    return TRUE;
  if (s->rules->word_seqs[list] == NULL)
    return FALSE;
  return s->rules->seq_any_first[list] || ((s->twords[(WBIT_FIRST + list) >> 6] >> ((WBIT_FIRST + list) & 63)) & 1);
}

static inline gboolean
_rs_text_may_lex (const RScan *s,
                  RLex         lex)
{
  return (s->tlex >> lex) & 1;
}

/* Some token of the text has a digit (RTOK_DIGIT) or is a number
 * (RTOK_NUM): when FALSE, a detector that needs either can skip the
 * text. */
static inline gboolean
_rs_text_has_digit (const RScan *s)
{
  return (s->ttokflags & RTOK_DIGIT) != 0;
}

/* Some punctuation token of the text is the ASCII character @ch */
static inline gboolean
_rs_text_has_ch (const RScan *s,
                 guchar       ch)
{
  return ch < 128 && ((s->tpunct[ch >> 6] >> (ch & 63)) & 1);
}

gboolean  _rs_match_any_in     (const RScan *s, guint t0, guint t1, RLex lex, guint *at, guint *end, int *value);
/* a negation within @window tokens before @i, in its sentence */
gboolean  _rs_negated          (const RScan *s, guint i, guint window);
gboolean  _rs_claim_denied     (const RScan *s, guint sent);
gboolean  _rs_claim_asked      (const RScan *s, guint sent);
gboolean  _rs_lasting_harm     (const RScan *s, guint v);
/* a reply's sentence that declines to advise, speaks in general or names nothing */
gboolean  _rs_not_confirming   (const RScan *s, guint sent);
gboolean  _rs_care_word_at     (const RScan *s, guint i);
/* "Johnson St", "Cole Rd": a capitalised word before a street suffix */
gboolean  _rs_is_street_name   (const RScan *s, guint i);
gboolean  _rs_in_profile_words (const RScan *s, guint i);  /* a word of the practice's name or address */
gboolean  _rs_key_in_profile_words (const RScan *s, const char *folded, gsize len);  /* the same, for a key */
gboolean  _rs_plan_cue_in_clause (const RScan *s, guint i, guint window);
gboolean  _rs_tells_third_care (const RScan *s, guint sent);
gboolean  _rs_counts_population (const RScan *s, guint sent);
gboolean  _rs_who_clause_care  (const RScan *s, guint b);
/* a post's sentence around @i talks about a person (a reply always does) */
gboolean  _rs_personal_context (const RScan *s, guint i);
gboolean  _rs_has_disclosure   (const RScan *s);  /* #ad, "Paid partnership", … anywhere */

/* ----------------------------------------------------------- candidates */

void      _rs_add              (RScan *s, guint t0, guint t1, RRuleId rule);
void      _rs_add_sentence     (RScan *s, guint sent, RRuleId rule);
gboolean  _rs_overlaps_cand    (const RScan *s, guint t0, guint t1, RoundsFindingCategory category);

G_END_DECLS
