/* rounds-detect-review-confirmation.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Replies that confirm the reader is a patient: "your crown", "your
 * son's cleaning", "we're glad your visit went well", unless prospective
 * ("if your gums…") or about money ("your bill").
 */

#define G_LOG_DOMAIN "rounds-compliance"

#include "config.h"

#include <string.h>

#include "rounds-detect-toolkit.h"

static gboolean
prospective_before (const RScan *s,
                    guint        i,
                    gboolean     if_seen)
{
  guint first = _rs_sent (s, _rs_sent_of (s, i))->first;

  for (guint k = i > first + 2 ? i - 2 : first; k < i; k++)
    if (_rs_match (s, k, LEX_RC_PROSPECTIVE, NULL, NULL))
      return TRUE;

  /* "if your gums…" */
  return if_seen;
}

/* a past tense in the sentence: "we loved meeting you at your first visit" */
static gboolean
sent_has_past (const RScan *s,
               guint        i)
{
  const RSent *sent = _rs_sent (s, _rs_sent_of (s, i));

  for (guint k = sent->first; k <= sent->last; k++)
    if ((_rs_ends_with (s, k, WORD_CARE_PAST_ENDING, 5) && !_rs_word (s, k, WORD_CARE_NOT_EVENT)) ||
        _rs_words_at (s, k, WORD_CARE_EVENT, NULL))
      return TRUE;
  return FALSE;
}

/* your [son's] [adjectives…] <care noun> */
static gboolean
possessive_care (const RScan *s,
                 guint        i,
                 gboolean     third_person)
{
  guint k = i + 1;
  guint last = _rs_sent (s, _rs_sent_of (s, i))->last;

  if (!(third_person ? _rs_lex1 (s, i, LEX_POSS3) : _rs_lex1 (s, i, LEX_POSS2)))
    return FALSE;

  for (guint hops = 0; k <= last && hops < 4; hops++, k++)
    {
      guint end;

      /* "your Jan. 14 visit": a date between */
      while (k <= last && (s->tflags[k] & TF_DATE))
        k++;
      if (k > last)
        return FALSE;
      if (_rs_match (s, k, LEX_RC_EXCLUSION, NULL, NULL))
        return FALSE;
      /* "bring it up at your next checkup", "before your first visit":
       * the reader's care still to come confirms none, unless the
       * sentence tells of something done ("his first visit" in a post is
       * still someone's care) */
      if (!third_person && _rs_word (s, k, WORD_RC_FUTURE_CARE) && !sent_has_past (s, i))
        return FALSE;
      if (_rs_match (s, k, LEX_CARE_NOUN, &end, NULL))
        return TRUE;
      if (rs_tok (s, k)->kind == RTOK_PUNCT && !_rs_is_dash (s, k))
        return FALSE;
      if (_rs_lex1 (s, k, LEX_POSS2) || _rs_word (s, k, WORD_RC_CARE_WALK_STOP))
        return FALSE;
    }

  return FALSE;
}

static gboolean
is_when (const RScan *s,
         guint        i)
{
  return _rs_lex1 (s, i, LEX_WEEKDAY) || _rs_words_at (s, i, WORD_RC_WHEN, NULL);
}

/* The reader's attendance: "see you Thursday", or a place in a group,
 * class or waitlist kept for the reader at a time that is theirs ("we'll
 * save you a seat next Tuesday", "will call you before group tonight"). */
static gboolean
attendance (const RScan *s,
            const RSent *sent,
            gboolean     you)
{
  gboolean place = FALSE, when = FALSE;

  for (guint i = sent->first; i <= sent->last; i++)
    {
      guint end;

      if (_rs_words_at (s, i, WORD_RC_SEE_YOU, &end) && !_rs_negated (s, i, 2))
        for (guint k = end + 1; k <= sent->last && k <= end + 3; k++)
          if (is_when (s, k))
            return TRUE;
      if (_rs_words_at (s, i, WORD_RC_ATTENDANCE, NULL) && !_rs_negated (s, i, 3))
        place = TRUE;
      if (is_when (s, i))
        when = TRUE;
    }
  return you && place && when;
}

/* "your patient number is 0048213", "su número de Medicaid 523 887 104":
 * in sentence @k, a record the practice keeps (a chart, an account, a
 * plan's member number, a device …) told as the reader's own, "your" a
 * few words before it. A phone, an e-mail or an address is not a record
 * of care. */
static gboolean
readers_record (const RScan *s,
                guint        k)
{
  for (guint c = 0; c < s->cands->len; c++)
    {
      const RCand *cand = &g_array_index (s->cands, RCand, c);

      if (_rs_sent_of (s, cand->t0) != k)
        continue;
      switch (cand->rule)
        {
        case RULE_MRN: case RULE_HEALTH_PLAN: case RULE_ACCOUNT: case RULE_OTHER_ID: case RULE_DEVICE:
          break;
        default:
          continue;
        }
      for (guint j = cand->t0 > 6 ? cand->t0 - 6 : 0; j < cand->t0; j++)
        if (_rs_sent_of (s, j) == k && _rs_lex1 (s, j, LEX_POSS2))
          return TRUE;
    }
  return FALSE;
}

void
_rounds_detect_review_confirmation (RScan *s)
{
  for (guint k = 0; k < s->sents->len; k++)
    {
      RSent *sent = _rs_sent (s, k);
      int score = 0;
      int phrase = 0;
      gboolean poss = FALSE;
      gboolean you = FALSE;
      gboolean feeling = FALSE;
      gboolean care_anywhere = _rs_sent_has (s, k, LEX_CARE_NOUN);
      gboolean if_seen = FALSE;
      gboolean third_care = FALSE;
      gboolean family = FALSE;
      gboolean may_condition, may_you, may_feeling;
      /* every test of a possessive or a phrase starts at a token with one
       * of these lexicons */
      const guint64 lexes = (G_GUINT64_CONSTANT (1) << LEX_RC_PHRASE) | (G_GUINT64_CONSTANT (1) << LEX_POSS2) |
                            (G_GUINT64_CONSTANT (1) << LEX_POSS3);

      /* no possessive (the only marks this leaves on a sentence), and in a
       * reply nothing that can score: no phrase, identifier, feeling
       * about care or attendance ("see you", a group or class) */
      if (!_rs_sent_may_lex (s, k, LEX_POSS2) && !_rs_sent_may_lex (s, k, LEX_POSS3) &&
          (!rs_is_reply (s) ||
           (!_rs_sent_may_lex (s, k, LEX_RC_PHRASE) && !(sent->flags & SF_HAS_ID) &&
            !(care_anywhere && _rs_sent_may_start (s, k, WORD_RC_FEELING)) &&
            !_rs_sent_may_start (s, k, WORD_RC_SEE_YOU) &&
            !_rs_sent_may_start (s, k, WORD_RC_ATTENDANCE))))
        continue;

      /* "Bring your insurance card to your appointment." is an instruction */
      if (_rs_match (s, sent->start, LEX_RC_PROSPECTIVE, NULL, NULL) ||
          (_rs_word (s, sent->start, WORD_RC_INSTRUCTION_LEAD) &&
           _rs_match (s, sent->start + 1, LEX_RC_PROSPECTIVE, NULL, NULL)))
        if_seen = TRUE;

      /* what some token of the sentence can be (its union of word bits;
       * a token's own lexicon bits, s->tmask) is asked of each token */
      may_condition = _rs_sent_may_start (s, k, WORD_RC_CONDITION);
      may_you = _rs_sent_may_start (s, k, WORD_RC_YOU);
      may_feeling = _rs_sent_may_start (s, k, WORD_RC_FEELING);
      for (guint i = sent->first; i <= sent->last; i++)
        {
          guint end;
          int value;

          if (may_condition && _rs_word (s, i, WORD_RC_CONDITION))
            if_seen = TRUE;

          if (i < s->n && (s->tmask[i] & lexes))
            {
              if (_rs_match (s, i, LEX_RC_PHRASE, &end, &value) && !_rs_negated (s, i, 2) &&
                  !(_rs_word (s, end, WORD_RC_FUTURE_CARE) && !sent_has_past (s, i)))
                phrase = MAX (phrase, value);

              if ((_rs_lex1 (s, i, LEX_POSS2)) && !prospective_before (s, i, if_seen) && possessive_care (s, i, FALSE))
                poss = TRUE;
              if ((_rs_lex1 (s, i, LEX_POSS3) || _rs_lex1 (s, i, LEX_POSS2)) && possessive_care (s, i, TRUE))
                {
                  sent->flags |= SF_CARE_CTX;
                  third_care = TRUE;
                  /* "his first visit": a post about someone's care */
                  if (!rs_is_reply (s) && _rs_lex1 (s, i, LEX_POSS3))
                    sent->flags |= SF_PATIENT_CTX;
                }
              if (_rs_lex1 (s, i, LEX_POSS2) && (_rs_match (s, i + 1, LEX_FAMILY, NULL, NULL) ||
                                                 _rs_match (s, i + 2, LEX_FAMILY, NULL, NULL)))
                family = TRUE;
              if (_rs_lex1 (s, i, LEX_POSS2) && possessive_care (s, i, FALSE))
                sent->flags |= SF_CARE_CTX;
            }

          if (may_you && _rs_word (s, i, WORD_RC_YOU))
            you = TRUE;
          if (may_feeling && _rs_words_at (s, i, WORD_RC_FEELING, &end))
            {
              /* "we'd be happy to help" is an offer, not a feeling about care */
              if (!_rs_word (s, end + 1, WORD_RC_OFFER))
                feeling = TRUE;
            }
        }

      if (!rs_is_reply (s))
        continue;

      score = phrase;
      if (!if_seen && attendance (s, sent, you))
        score += 2;
      if (poss)
        score += 2;
      if (feeling && care_anywhere)
        {
          for (guint i = sent->first; i + 1 <= sent->last; i++)
            {
              if (!_rs_word (s, i, WORD_RC_DETERMINER))
                continue;
              for (guint c = i + 1; c <= sent->last && c <= i + 3; c++)
                if (_rs_match (s, c, LEX_CARE_NOUN, NULL, NULL) && !_rs_is_money_noun (s, c))
                  {
                    score += 2;
                    i = sent->last;
                    break;
                  }
            }
        }
      if ((sent->flags & SF_HAS_ID) && you)
        score += 1;
      /* the reader's own record: the practice holds it for them */
      if ((sent->flags & SF_HAS_ID) && !if_seen && readers_record (s, k))
        score += 1;
      /* "your twins … their fillings": the reviewer's family and care */
      if (family)
        score += 1;
      if (third_care && (you || family))
        score += 1;
      /* "We love seeing Sofia at her adjustments" */
      if (third_care && phrase >= 1 && !you && !family)
        score += 1;
      if (feeling && care_anywhere && (you || family))
        score += 1;
      if (care_anywhere && you && score > 0)
        score += 1;
      if ((sent->flags & SF_HAS_ID) && care_anywhere)
        score += 1;

      /* as for the model: "We're sorry your visit didn't meet
       * expectations", "we can't give medical advice here" */
      if (score >= 2 && !_rs_not_confirming (s, k))
        {
          sent->flags |= SF_RC | SF_CARE_CTX | SF_PATIENT_CTX;
          _rs_add_sentence (s, k, RULE_REVIEW_CONFIRMATION);
        }
    }
}
