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
      if (_rs_lex1 (s, k, LEX_MEDICATION) || rs_tok (s, k)->kind == RTOK_NUM)
        return TRUE;
      if (!strict && _rs_match (s, k, LEX_ADVICE_OBJECT, NULL, NULL))
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

      for (guint i = sent->first; i <= sent->last; i++)
        {
          guint end;
          int value;

          if (rs_tok (s, i)->kind == RTOK_NUM && i + 1 <= sent->last && _rs_lex1 (s, i + 1, LEX_DOSE))
            dose = TRUE;
          if (_rs_match (s, i, LEX_DOSE_FREQ, NULL, NULL))
            dose = TRUE;
          if (_rs_match (s, i, LEX_ADVICE_PHRASE, &end, &value) && value >= 2)
            strong = TRUE;
          if (_rs_lex1 (s, i, LEX_MODAL_GENERAL))
            general = TRUE;
          if (_rs_lex1 (s, i, LEX_POSS2) || _rs_key_is (s, i, "you"))
            second_person = TRUE;

          if (_rs_match (s, i, LEX_ADVICE_IMPERATIVE, &end, &value) && is_clause_start (s, i) &&
              !(rs_tok (s, i)->flags & RTOK_UPPER && rs_tok (s, i)->n_chars > 1 && !(rs_tok (s, i)->flags & RTOK_CAP)))
            {
              const char *key = rs_key (s, i);

              if (strcmp (key, "take") == 0 || strcmp (key, "tome") == 0 || strcmp (key, "use") == 0 ||
                  strcmp (key, "try") == 0 || strcmp (key, "stop") == 0 || strcmp (key, "keep") == 0 ||
                  strcmp (key, "skip") == 0 || strcmp (key, "hold") == 0 || strcmp (key, "increase") == 0 ||
                  strcmp (key, "decrease") == 0)
                {
                  /* "consults … take about 30 minutes" is a duration */
                  gboolean duration =
                      strcmp (key, "take") == 0 &&
                      (_rs_key_is (s, end + 1, "about") || _rs_key_is (s, end + 1, "around") ||
                       _rs_key_is (s, end + 1, "approximately") || _rs_key_is (s, end + 1, "roughly") ||
                       _rs_key_is (s, end + 1, "only") || _rs_key_is (s, end + 1, "just") ||
                       _rs_key_is (s, end + 2, "minutes") || _rs_key_is (s, end + 2, "hours") ||
                       _rs_key_is (s, end + 2, "days") || _rs_key_is (s, end + 2, "weeks") ||
                       _rs_key_is (s, end + 2, "months") || _rs_key_is (s, end + 2, "min") ||
                       _rs_key_is (s, end + 2, "mins") || _rs_key_is (s, end + 2, "minutos"));

                  if (duration)
                    continue;
                  if (end > i)
                    imperative = TRUE;   /* "try taking", "stop taking" */
                  else if (object_follows (s, end, 5, TRUE))
                    imperative_med = imperative = TRUE;
                  else if ((strcmp (key, "keep") == 0) &&
                           (_rs_key_is (s, i + 1, "him") || _rs_key_is (s, i + 1, "her") ||
                            _rs_key_is (s, i + 1, "them")))
                    imperative = TRUE;
                  else if (strcmp (key, "take") == 0 && _rs_key_is (s, i + 1, "it") && _rs_key_is (s, i + 2, "out"))
                    imperative = TRUE;
                  /* "Keep the retainer in every night" */
                  else if (rs_is_reply (s) && (_rs_key_is (s, end + 1, "the") || _rs_key_is (s, end + 1, "that") ||
                                               _rs_key_is (s, end + 1, "this")) &&
                           _rs_match (s, end + 2, LEX_CARE_NOUN, NULL, NULL) && !_rs_is_money_noun (s, end + 2) &&
                           !_rs_key_is (s, end + 2, "appointment") && !_rs_key_is (s, end + 2, "visit") &&
                           !_rs_key_is (s, end + 2, "appointments") && !_rs_key_is (s, end + 2, "consult"))
                    imperative = TRUE;
                }
              else if ((strcmp (key, "don't") == 0 || strcmp (key, "do") == 0) && _rs_key_is (s, end, "stop"))
                {
                  /* "don't stop the sertraline…" is advice only with a named
                   * drug or a dose; "don't stop taking an antidepressant
                   * suddenly" is general safety information */
                  if (object_follows (s, end, 5, TRUE))
                    imperative_med = imperative = TRUE;
                }
              else if (strcmp (key, "give") == 0 || strcmp (key, "dele") == 0 || strcmp (key, "denle") == 0)
                {
                  if (_rs_key_is (s, i + 1, "him") || _rs_key_is (s, i + 1, "her") || _rs_key_is (s, i + 1, "them") ||
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
          if (strong || imperative || (dose && second_person))
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
