/* rounds-detect-advice.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Individual medical advice: an imperative or "you should" at the start of
 * a clause, followed by a medication, a dose or an advice object.
 */

#define G_LOG_DOMAIN "rounds-compliance"

#include "config.h"

#include <string.h>

#include "rounds-detect-toolkit.h"

static gboolean
is_clause_start (const RScan *s,
                 guint        i)
{
  const RTok *prev;

  if (_rs_is_sent_start (s, i))
    return TRUE;
  if (i == 0)
    return TRUE;
  prev = rs_tok (s, i - 1);
  if (prev->kind == RTOK_PUNCT && (prev->ch == ',' || prev->ch == ';' || prev->ch == ':' ||
                                   prev->ch == '(' || _rs_is_dash (s, i - 1)))
    return TRUE;
  if (_rs_lex1 (s, i - 1, LEX_CLAUSE_LEAD))
    return TRUE;
  /* "@nina.lucero double up on…" */
  if (s->tflags[i - 1] & TF_HANDLE)
    return TRUE;
  return FALSE;
}

static gboolean
object_follows (const RScan *s,
                guint        end,
                guint        window,
                gboolean     strict)
{
  for (guint k = end + 1; k < s->n && k <= end + window; k++)
    {
      if (_rs_sent_of (s, k) != _rs_sent_of (s, end))
        break;
      if (_rs_lex1 (s, k, LEX_MEDICATION))
        return TRUE;
      /* a number, but not a phone number, an address or a date the
       * contact detectors took, nor a time of day ("try 608 555 0118",
       * "try after 1pm") */
      if (rs_tok (s, k)->kind == RTOK_NUM && !(s->tflags[k] & (TF_USED | TF_HANDLE | TF_DATE)) &&
          !_rs_word (s, k + 1, WORD_DATE_CLOCK))
        return TRUE;
      if (!strict && _rs_match (s, k, LEX_ADVICE_OBJECT, NULL, NULL))
        return TRUE;
    }
  return FALSE;
}

/* a thing of someone's treatment: "the retainer", "his brace", "the
 * Keppra" (not an appointment, not money) */
static gboolean
treatment_object (const RScan *s,
                  guint        k)
{
  if (k >= s->n)
    return FALSE;
  if (_rs_is_money_noun (s, k) || _rs_word (s, k, WORD_ADVICE_NOT_TREATMENT))
    return FALSE;
  return _rs_match (s, k, LEX_CARE_NOUN, NULL, NULL) || _rs_is_clinical (s, k) || _rs_lex1 (s, k, LEX_MEDICATION);
}

/* a specialist by the shape of the word: "neurologist", "orthodontist" */
static gboolean
is_specialist (const RScan *s,
               guint        k)
{
  return _rs_ends_with (s, k, WORD_ADVICE_SPECIALIST_ENDING, 8);
}

/* Care waved away for someone: "she doesn't need to see the neurologist",
 * "don't bother with the sleep study", "no need for the brace": a
 * negated need, said of the person or as an order, about a treatment, a
 * specialist or a clinical word in the same clause. */
static gboolean
dismissed_care (const RScan *s,
                guint        i)
{
  guint first = _rs_sent (s, _rs_sent_of (s, i))->first;
  guint last = _rs_sent (s, _rs_sent_of (s, i))->last;
  guint neg = G_MAXUINT;
  guint end;

  if (!_rs_word (s, i, WORD_ADVICE_DISMISS) || i == 0)
    return FALSE;
  for (guint k = i > first + 2 ? i - 2 : first; k < i; k++)
    if (_rs_match (s, k, LEX_NEGATION, &end, NULL) && end + 3 > i)
      {
        neg = k;
        break;
      }
  if (neg == G_MAXUINT)
    return FALSE;
  /* said of the person ("she doesn't need"), or an order ("don't
   * bother", "no need"); "we don't need your card" is neither */
  if (!(neg == first || _rs_is_ch (s, neg - 1, ',') || _rs_is_ch (s, neg - 1, ';') ||
        _rs_word (s, neg - 1, WORD_ADVICE_SUBJECT)))
    return FALSE;

  for (guint k = i + 1; k <= last && k <= i + 6; k++)
    {
      if (_rs_is_ch (s, k, ',') || _rs_is_ch (s, k, ';') || _rs_is_ch (s, k, '.'))
        break;
      if (treatment_object (s, k) || is_specialist (s, k) || _rs_lex1 (s, k, LEX_STAFF_ROLE))
        return TRUE;
    }
  return FALSE;
}

void
_rounds_detect_advice (RScan *s)
{
  for (guint k = 0; k < s->sents->len; k++)
    {
      RSent *sent = _rs_sent (s, k);
      gboolean dose = FALSE;
      gboolean strong = FALSE;
      gboolean imperative = FALSE;
      gboolean imperative_med = FALSE;
      gboolean general = FALSE;
      gboolean second_person = FALSE;
      gboolean third_person = FALSE;

      /* no dose, and (in a reply) no order, advice phrase or waved-away
       * care: nothing below can find advice */
      if (!_rs_sent_may_lex (s, k, LEX_DOSE) && !_rs_sent_may_lex (s, k, LEX_DOSE_FREQ) &&
          (!rs_is_reply (s) ||
           (!_rs_sent_may_lex (s, k, LEX_ADVICE_PHRASE) && !_rs_sent_may_lex (s, k, LEX_ADVICE_IMPERATIVE) &&
            !_rs_sent_may_start (s, k, WORD_ADVICE_DISMISS))))
        continue;

      for (guint i = sent->first; i <= sent->last; i++)
        {
          guint end;
          int value;

          if ((rs_tok (s, i)->kind == RTOK_NUM || _rs_word (s, i, WORD_NUMBER_WORD)) && i + 1 <= sent->last &&
              _rs_lex1 (s, i + 1, LEX_DOSE))
            dose = TRUE;
          if (_rs_lex1 (s, i, LEX_POSS3))
            third_person = TRUE;
          if (_rs_match (s, i, LEX_DOSE_FREQ, NULL, NULL))
            dose = TRUE;
          if (_rs_match (s, i, LEX_ADVICE_PHRASE, &end, &value) && value >= 2)
            strong = TRUE;
          if (rs_is_reply (s) && dismissed_care (s, i))
            strong = TRUE;
          if (_rs_lex1 (s, i, LEX_MODAL_GENERAL))
            general = TRUE;
          if (_rs_lex1 (s, i, LEX_POSS2) || _rs_word (s, i, WORD_ADVICE_YOU))
            second_person = TRUE;

          if (_rs_match (s, i, LEX_ADVICE_IMPERATIVE, &end, &value) && is_clause_start (s, i) &&
              !(rs_tok (s, i)->flags & RTOK_UPPER && rs_tok (s, i)->n_chars > 1 && !(rs_tok (s, i)->flags & RTOK_CAP)))
            {
              if (_rs_word (s, i, WORD_ADVICE_MED_VERB))
                {
                  /* "consults … take about 30 minutes" is a duration */
                  gboolean duration =
                      _rs_word (s, i, WORD_ADVICE_DURATION_VERB) &&
                      (_rs_word (s, end + 1, WORD_ADVICE_DURATION_HEDGE) ||
                       _rs_word (s, end + 2, WORD_ADVICE_DURATION_UNIT));

                  if (duration)
                    continue;
                  if (end > i)
                    imperative = TRUE;   /* "try taking", "stop taking" */
                  else if (object_follows (s, end, 5, TRUE))
                    imperative_med = imperative = TRUE;
                  else if (_rs_word (s, i, WORD_ADVICE_KEEP_VERB) && _rs_word (s, i + 1, WORD_ADVICE_PERSON))
                    imperative = TRUE;
                  else if (_rs_words_at (s, i, WORD_ADVICE_REMOVE, NULL))
                    imperative = TRUE;
                  /* "Keep the retainer in every night", "keep his brace on" */
                  else if (rs_is_reply (s) && (_rs_word (s, end + 1, WORD_ADVICE_DETERMINER) ||
                                               _rs_lex1 (s, end + 1, LEX_POSS2) ||
                                               _rs_lex1 (s, end + 1, LEX_POSS3)) &&
                           treatment_object (s, end + 2))
                    imperative = TRUE;
                }
              else if (_rs_word (s, i, WORD_ADVICE_DONT) && _rs_word (s, end, WORD_ADVICE_STOP))
                {
                  /* "don't stop the sertraline…" is advice only with a named
                   * drug or a dose; "don't stop taking an antidepressant
                   * suddenly" is general safety information */
                  if (object_follows (s, end, 5, TRUE))
                    imperative_med = imperative = TRUE;
                }
              else if (_rs_word (s, i, WORD_ADVICE_GIVE_VERB))
                {
                  /* "give him our best" passes on the practice's wishes */
                  if ((_rs_word (s, i + 1, WORD_ADVICE_PERSON) && !_rs_lex1 (s, i + 2, LEX_FIRST_PERSON)) ||
                      object_follows (s, end, 3, TRUE))
                    imperative = TRUE;
                }
              else if (object_follows (s, end, 3, FALSE))
                {
                  imperative = TRUE;
                  if (object_follows (s, end, 5, TRUE))
                    imperative_med = TRUE;
                }
            }
        }

      if (rs_is_reply (s))
        {
          /* a dose for the reader or for the one they care for ("with his
           * reflux, … one teaspoon …"), not a general rule ("most kids") */
          if (strong || imperative || (dose && second_person) || (dose && third_person && !general))
            {
              sent->flags |= SF_ADVICE;
              _rs_add_sentence (s, k, RULE_MEDICAL_ADVICE);
            }
        }
      else
        {
          /* in a post, only dosing instructions aimed at someone */
          if ((imperative_med && dose) || (strong && dose) || (imperative && dose && !general))
            {
              sent->flags |= SF_ADVICE;
              _rs_add_sentence (s, k, RULE_MEDICAL_ADVICE);
            }
        }
    }
}
