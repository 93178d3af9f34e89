/* rounds-detect-claims.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Marketing claims: guarantees of an outcome ("pain-free, guaranteed",
 * "permanent results", "no touch-ups, ever") unless negated in their own
 * clause, and sponsored posts without a disclosure ("#ad", "Paid
 * partnership").
 */

#define G_LOG_DOMAIN "rounds-compliance"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "rounds-detect-toolkit.h"

/* Is the claim @i … @end one that needs a care word beside it? ("100 % of"
 * does, "100 % of the time", a longer claim from the same word, does not) */
static gboolean
needs_care_context (const RScan *s,
                    guint        i,
                    guint        end)
{
  guint needs_end;

  return _rs_words_at (s, i, WORD_CLAIM_NEEDS_CARE, &needs_end) && needs_end == end;
}

/* "no …, ever" rules out an outcome in a sentence about care ("Painless
 * allergy testing, no needles ever", "no more sneezing, ever"), not a
 * manner of service ("No judgment, ever") */
static gboolean
ruled_out_is_care (const RScan *s,
                   guint        from,
                   guint        to)
{
  for (guint k = _rs_sent (s, _rs_sent_of (s, from))->first; k < to; k++)
    if (_rs_care_word_at (s, k) || _rs_words_at (s, k, WORD_CLAIM_OUTCOME, NULL) ||
        _rs_words_at (s, k, WORD_CLAIM_SUBJECT, NULL))
      return TRUE;
  return FALSE;
}

/* "permanent whitening results", "no touch-ups, ever" */
static void
detect_open_claims (RScan *s)
{
  for (guint i = 0; i < s->n; i++)
    {
      if (_rs_word (s, i, WORD_CLAIM_PERMANENT))
        {
          for (guint k = i + 1; k <= i + 3 && k < s->n && _rs_is_word (s, k); k++)
            if (_rs_word (s, k, WORD_CLAIM_PERMANENT_OUTCOME))
              {
                if (!_rs_negated (s, i, 4))
                  _rs_add (s, i, k, RULE_GUARANTEE);
                break;
              }
        }

      /* "No more stuttering. Ever.": the "ever" said on its own */
      if (_rs_word (s, i, WORD_CLAIM_EVER) && _rs_is_sent_start (s, i) && _rs_sent_of (s, i) > 0)
        {
          const RSent *prev = _rs_sent (s, _rs_sent_of (s, i) - 1);

          guint c = prev->last;

          /* … or its last clause after a colon: "Radiofrequency
           * ablation: no pain, no downtime, no recurrence. Ever." */
          while (c > prev->start && !_rs_is_ch (s, c - 1, ':') && !_rs_is_ch (s, c - 1, ';'))
            c--;
          if (_rs_word (s, c, WORD_CLAIM_NO) && (c > prev->start || prev->last - prev->start <= 5) &&
              !(s->tflags[c] & TF_QUOTE))
            _rs_add (s, c, i, RULE_GUARANTEE);
        }

      if (_rs_word (s, i, WORD_CLAIM_EVER) && i >= 2)
        {
          guint first = g_array_index (s->sents, RSent, _rs_sent_of (s, i)).first;

          for (guint k = i - 1; k + 6 > i && k >= first && k < i; k--)
            {
              if (_rs_word (s, k, WORD_CLAIM_NO) && !_rs_word (s, k + 1, WORD_CLAIM_NO_NOT) &&
                  k + 1 < i && _rs_is_word (s, k + 1) && !(s->tflags[k] & TF_QUOTE))
                {
                  if (ruled_out_is_care (s, k + 1, i))
                    _rs_add (s, k, i, RULE_GUARANTEE);
                  break;
                }
              if (k == 0)
                break;
            }
        }
    }
}

static gboolean
is_clause_break (const RScan *s,
                 guint        i)
{
  return _rs_is_ch (s, i, ',') || _rs_is_ch (s, i, ';') || _rs_is_ch (s, i, '.') || _rs_is_ch (s, i, '!') ||
         _rs_is_ch (s, i, '?') || _rs_is_ch (s, i, ':');
}

/* An outcome promised to all: "gets every child talking in 30 days",
 * "perfect penmanship, every single time", "cada paciente". Not when all
 * are only the beneficiaries ("a plan for every child"), not when hedged
 * ("most", "can") or negated in the clause, and only in a post (a reply's
 * "every time you call" is service, not a claim). */
static void
detect_universal_claims (RScan *s)
{
  if (rs_is_reply (s))
    return;

  for (guint i = 1; i + 1 < s->n; i++)
    {
      guint sent = _rs_sent_of (s, i);
      guint k = i + 1;
      guint from, to;

      if (!_rs_word (s, i, WORD_CLAIM_UNIVERSAL) || (s->tflags[i] & (TF_QUOTE | TF_EXEMPT | TF_HANDLE)))
        continue;
      if (_rs_word (s, k, WORD_CLAIM_SINGLE))
        k++;
      if (!_rs_word (s, k, WORD_CLAIM_WHOLE) || _rs_sent_of (s, k) != sent)
        continue;
      if (_rs_word (s, i - 1, WORD_CLAIM_FOR) || _rs_sent_has (s, sent, LEX_MODAL_GENERAL))
        continue;

      /* the claim's clause, around the universal */
      from = i;
      while (from > _rs_sent (s, sent)->start && !is_clause_break (s, from - 1))
        from--;
      to = k;
      while (to < _rs_sent (s, sent)->last && !is_clause_break (s, to + 1))
        to++;
      {
        gboolean negated = FALSE;

        for (guint n = from; n < i && !negated; n++)
          negated = _rs_match (s, n, LEX_NEGATION, NULL, NULL);
        if (negated)
          continue;
      }
      /* "every single time" closes a claim made just before it */
      if (from == i && k == i + 2 && from > _rs_sent (s, sent)->start && _rs_is_ch (s, from - 1, ','))
        {
          from--;
          while (from > _rs_sent (s, sent)->start && !is_clause_break (s, from - 1))
            from--;
        }
      /* a promise has a measure: "every single time", a time frame or a
       * figure ("in 30 days", "100%"); "every child deserves a voice" is
       * a belief */
      {
        gboolean measured = _rs_word (s, i + 1, WORD_CLAIM_SINGLE);

        for (guint n = from; n <= to && !measured; n++)
          measured = rs_tok (s, n)->kind == RTOK_NUM;
        if (!measured)
          continue;
      }
      _rs_add (s, from, to, RULE_GUARANTEE);
      i = to;
    }
}

/* A negation counts within the claim's own clause: "No surgery, no risk"
 * still promises no risk; "no such thing as a painless birth guarantee"
 * negates both claims in it. */
static gboolean
guarantee_negated (const RScan *s,
                   guint        i)
{
  guint first = _rs_sent (s, _rs_sent_of (s, i))->first;
  guint from = i > first + 4 ? i - 4 : first;

  for (guint k = from; k < i; k++)
    if (is_clause_break (s, k))
      from = k + 1;
  for (guint k = from; k < i; k++)
    {
      guint end;

      if (_rs_match (s, k, LEX_NEGATION, &end, NULL) && end < i + 1)
        return TRUE;
    }
  return FALSE;
}

/* "more than 95% of people who finish treatment are cured": a share below
 * the whole, before the claim word in its sentence, makes it a statistic
 * (a whole share, "100% of our patients", is still a promise) */
static gboolean
claim_is_share (const RScan *s,
                guint        i)
{
  for (guint k = _rs_sent (s, _rs_sent_of (s, i))->first; k + 1 < i; k++)
    if (rs_tok (s, k)->kind == RTOK_NUM && _rs_is_ch (s, k + 1, '%') && _rs_joined (s, k + 1) &&
        (k == 0 || !_rs_is_ch (s, k - 1, '.')) && atoi (s->kv + rs_tok (s, k)->key_off) < 100)
      return TRUE;
  return FALSE;
}

static void
detect_guarantees (RScan *s)
{
  guint negated_until = 0;
  gboolean negated_clause = FALSE;
  guint last_claim = G_MAXUINT;

  for (guint i = 0; i < s->n; i++)
    {
      guint end;
      int value;
      guint sent;

      if (negated_clause && i > negated_until)
        negated_clause = FALSE;
      if (!_rs_match (s, i, LEX_GUARANTEE, &end, &value))
        continue;
      if (s->tflags[i] & (TF_EXEMPT | TF_HANDLE | TF_USED))
        continue;
      if (negated_clause || guarantee_negated (s, i))
        {
          /* the rest of the clause stays negated */
          guint last = _rs_sent (s, _rs_sent_of (s, i))->last;

          negated_clause = TRUE;
          negated_until = end;
          while (negated_until < last && !is_clause_break (s, negated_until + 1))
            negated_until++;
          i = end;
          continue;
        }

      sent = _rs_sent_of (s, i);

      /* "Noise-induced hearing loss is permanent": a harm that lasts is
       * no promise */
      if (_rs_lasting_harm (s, i))
        {
          i = end;
          continue;
        }
      /* "No surgery is risk-free": a promise denied; "Will my spider
       * veins be gone forever?": a question asked */
      if (_rs_claim_denied (s, sent) ||
          _rs_claim_asked (s, sent))
        {
          i = end;
          continue;
        }
      if (needs_care_context (s, i, end) && !_rs_sent_has (s, sent, LEX_CARE_NOUN) &&
          !_rs_word (s, i - 1, WORD_CLAIM_PERMANENT_BEFORE))
        continue;
      if (needs_care_context (s, i, end) && claim_is_share (s, i))
        continue;
      if (_rs_word (s, i, WORD_CLAIM_IDIOM_START) && _rs_word (s, end + 1, WORD_CLAIM_IDIOM_END))
        continue;

      /* "eliminates knee pain" is a claim, "eliminates the need for" is not;
       * "can reduce hair permanently" is hedged */
      if (_rs_word (s, i, WORD_CLAIM_ELIMINATES) &&
          !(_rs_word (s, i + 1, WORD_CLAIM_ELIMINATES_OBJECT) || _rs_word (s, i + 2, WORD_CLAIM_ELIMINATES_OBJECT) ||
            _rs_word (s, i + 3, WORD_CLAIM_ELIMINATES_OBJECT)))
        continue;
      if (_rs_word (s, i, WORD_CLAIM_HEDGEABLE))
        {
          gboolean hedged = FALSE;

          for (guint k = i; k > _rs_sent (s, sent)->first && k + 8 > i; k--)
            {
              if (is_clause_break (s, k - 1))
                break;
              if (_rs_lex1 (s, k - 1, LEX_MODAL_GENERAL) || _rs_word (s, k - 1, WORD_CLAIM_HEDGE))
                hedged = TRUE;
            }
          if (hedged)
            continue;
        }

      if (value == 3)
        {
          /* "board certified by the American Board of …" names the board,
           * "board certified in family medicine" the field */
          gboolean named = _rs_word (s, end + 1, WORD_CLAIM_BOARD_FIELD);

          for (guint k = end + 1; k < s->n && k <= end + 6; k++)
            if (_rs_word (s, k, WORD_CLAIM_BOARD) && k > end + 1)
              named = TRUE;
          if (named)
            continue;
        }

      /* "guaranteed to remove acne scars permanently": one claim, one span */
      if (last_claim != G_MAXUINT && value < 2)
        {
          RCand *prev = &g_array_index (s->cands, RCand, last_claim);
          gboolean same_clause = prev->rule == RULE_GUARANTEE && _rs_sent_of (s, prev->t1) == _rs_sent_of (s, i);

          for (guint k = prev->t1 + 1; k < i && same_clause; k++)
            if (is_clause_break (s, k))
              same_clause = FALSE;
          if (same_clause)
            {
              prev->t1 = end;
              i = end;
              continue;
            }
        }

      _rs_add (s, i, end, value >= 2 ? RULE_GUARANTEE_SUPERLATIVE : RULE_GUARANTEE);
      last_claim = s->cands->len - 1;
      i = end;
    }
}

/* the sentence of @sent speaks of care: a care noun, a visit, a
 * medication, a word of care or of the clinical vocabulary */
static gboolean
sent_about_care (const RScan *s,
                 guint        sent)
{
  const RSent *r = _rs_sent (s, sent);

  for (guint k = r->first; k <= r->last; k++)
    if (_rs_care_word_at (s, k))
      return TRUE;
  return FALSE;
}

/* "Our screening is 100% accurate", "Resultados 100% confiables": a whole
 * measure said of what a service does, in a sentence about care; not a
 * share ("100% of", "covered 100%"), not with a preposition before it
 * ("with 100% oxygen") and not hedged or denied ("almost 100%", "No test
 * is 100% accurate"). */
static void
detect_full_claims (RScan *s)
{
  for (guint i = 0; i + 1 < s->n; i++)
    {
      guint end, w, sent;

      if (!_rs_words_at (s, i, WORD_CLAIM_FULL, &end) || (s->tflags[i] & (TF_QUOTE | TF_EXEMPT | TF_HANDLE)))
        continue;
      w = end + 1;
      sent = _rs_sent_of (s, i);
      if (w >= s->n || !_rs_is_word (s, w) || (rs_tok (s, w)->flags & RTOK_DIGIT) || _rs_sent_of (s, w) != sent ||
          _rs_word (s, w, WORD_CLAIM_FULL_NOT))
        continue;
      if (i > 0 && _rs_words_end_at (s, i - 1, WORD_CLAIM_FULL_BEFORE_NOT))
        continue;
      /* "drug-free": the word goes on over its hyphens */
      while (w + 2 < s->n && _rs_is_dash (s, w + 1) && _rs_joined (s, w + 1) && _rs_joined (s, w + 2) &&
             _rs_is_word (s, w + 2))
        w += 2;
      if (_rs_overlaps_cand (s, i, w, ROUNDS_FINDING_CATEGORY_GUARANTEE) || guarantee_negated (s, i) ||
          _rs_claim_denied (s, sent) || !sent_about_care (s, sent))
        {
          i = w;
          continue;
        }
      _rs_add (s, i, w, RULE_GUARANTEE);
      i = w;
    }
}

/* "you literally won't get sick this season", "no se va a enfermar": falling
 * ill ruled out, up to three words after the future's negation; not a
 * degree ("won't get as sick") or a cause ("sick from the shot"), and not
 * when the clause denies it ("we can't promise you won't get sick") */
static void
detect_no_illness_claims (RScan *s)
{
  if (rs_is_reply (s))
    return;

  for (guint i = 0; i + 1 < s->n; i++)
    {
      guint end;

      if (!_rs_words_at (s, i, WORD_CLAIM_WILL_NOT, &end) || (s->tflags[i] & (TF_QUOTE | TF_EXEMPT)))
        continue;
      for (guint k = end + 1; k < s->n && k <= end + 3 && _rs_is_word (s, k); k++)
        {
          if (!_rs_word (s, k, WORD_CLAIM_ILL))
            continue;
          if (_rs_word (s, k - 1, WORD_CLAIM_ILL_HEDGE) || _rs_word (s, k + 1, WORD_CLAIM_ILL_HEDGE) ||
              guarantee_negated (s, i) || _rs_claim_denied (s, _rs_sent_of (s, i)) ||
              _rs_overlaps_cand (s, i, k, ROUNDS_FINDING_CATEGORY_GUARANTEE))
            break;
          _rs_add (s, i, k, RULE_GUARANTEE);
          i = k;
          break;
        }
    }
}

static void
detect_disclosure (RScan *s)
{
  int score = 0;
  guint first_sent = G_MAXUINT, last_sent = 0;

  if (s->kind != ROUNDS_TEXT_KIND_POST)
    return;

  for (guint i = 0; i < s->n; i++)
    {
      guint end;
      int value;

      if (!_rs_match (s, i, LEX_SPONSOR_SIGNAL, &end, &value))
        continue;
      if (_rs_negated (s, i, 2))
        continue;

      /* "code" only counts when a code follows */
      if (_rs_word (s, end, WORD_SPONSOR_CODE))
        {
          guint c = end + 1;

          if (_rs_word (s, c, WORD_SPONSOR_CODE_IS) || _rs_is_ch (s, c, ':'))
            c++;
          if (c >= s->n || rs_tok (s, c)->kind == RTOK_PUNCT ||
              !((rs_tok (s, c)->flags & RTOK_UPPER) || (rs_tok (s, c)->flags & RTOK_DIGIT)))
            continue;
        }

      score += value;
      first_sent = MIN (first_sent, _rs_sent_of (s, i));
      last_sent = MAX (last_sent, _rs_sent_of (s, end));
      i = end;
    }

  /* an @handle promoted in a post counts as a little evidence */
  if (score >= 3 && !_rs_has_disclosure (s))
    {
      guint t0 = _rs_sent (s, first_sent)->first;
      guint t1 = _rs_sent (s, last_sent)->last;

      _rs_add (s, t0, t1, RULE_MISSING_DISCLOSURE);
    }
}

void
_rounds_detect_claims (RScan *s)
{
  /* each part starts from a word or a lexicon the text may not have */
  if (_rs_text_may_lex (s, LEX_GUARANTEE))
    detect_guarantees (s);
  if (_rs_text_may_start (s, WORD_CLAIM_PERMANENT) || _rs_text_may_start (s, WORD_CLAIM_EVER))
    detect_open_claims (s);
  if (_rs_text_may_start (s, WORD_CLAIM_UNIVERSAL))
    detect_universal_claims (s);
  if (_rs_text_may_lex (s, LEX_SPONSOR_SIGNAL))
    detect_disclosure (s);
}

/* A post that has promised an outcome and says, in another clause, that
 * a result comes every time: "Scar-free results, guaranteed! Our surgeons
 * make every repair virtually invisible", "it's completely painless, and
 * recovery is always a breeze", "risk-free, zero relapse". An absolute
 * word (always, every, siempre, cada) and a word for what care ends in (a result, a recovery, a scar)
 * in one clause, not negated or hedged there, not a question, and not
 * overlapping a guarantee found already. */
static void
detect_absolute_claims (RScan *s)
{
  gboolean promised = FALSE;

  if (rs_is_reply (s))
    return;
  for (guint c = 0; c < s->cands->len && !promised; c++)
    promised = s->rules->rules[g_array_index (s->cands, RCand, c).rule].category ==
               ROUNDS_FINDING_CATEGORY_GUARANTEE;
  if (!promised)
    return;

  for (guint i = 0; i < s->n; i++)
    {
      guint sent, from, to;
      gboolean result = FALSE, doubt = FALSE;

      if (!(_rs_word (s, i, WORD_CLAIM_ABSOLUTE) || _rs_word (s, i, WORD_CLAIM_ZERO)) ||
          (s->tflags[i] & (TF_QUOTE | TF_EXEMPT | TF_HANDLE)))
        continue;
      sent = _rs_sent_of (s, i);
      if (_rs_claim_asked (s, sent) || _rs_claim_denied (s, sent))
        continue;
      from = i;
      while (from > _rs_sent (s, sent)->first && !is_clause_break (s, from - 1) &&
             !(_rs_is_dash (s, from - 1) && !_rs_joined (s, from - 1)))
        from--;
      to = i;
      while (to < _rs_sent (s, sent)->last && !is_clause_break (s, to + 1) &&
             !(_rs_is_dash (s, to + 1) && !_rs_joined (s, to + 1)))
        to++;
      /* "Science-backed, risk-free, zero relapse": a short item of a
       * list of promises that rules something out needs no result word */
      result = _rs_word (s, i, WORD_CLAIM_ZERO) && from == i && to <= i + 2 && to > i;
      for (guint k = from; k <= to; k++)
        {
          result |= _rs_word (s, k, WORD_CLAIM_RESULT);
          doubt |= _rs_match (s, k, LEX_NEGATION, NULL, NULL) || _rs_lex1 (s, k, LEX_MODAL_GENERAL) ||
                   _rs_word (s, k, WORD_CLAIM_HEDGE);
        }
      if (!result || doubt || _rs_overlaps_cand (s, from, to, ROUNDS_FINDING_CATEGORY_GUARANTEE))
        {
          i = to;
          continue;
        }
      _rs_add (s, from, to, RULE_GUARANTEE);
      i = to;
    }
}

/* after the care detector's guarantees, which take a whole sentence: these
 * add a claim only where no guarantee covers it yet */
void
_rounds_detect_outcome_claims (RScan *s)
{
  if (_rs_text_may_start (s, WORD_CLAIM_FULL))
    detect_full_claims (s);
  if (_rs_text_may_start (s, WORD_CLAIM_WILL_NOT))
    detect_no_illness_claims (s);
  if (_rs_text_may_start (s, WORD_CLAIM_ABSOLUTE) || _rs_text_may_start (s, WORD_CLAIM_ZERO))
    detect_absolute_claims (s);
}
