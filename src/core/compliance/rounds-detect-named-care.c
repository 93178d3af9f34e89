/* rounds-detect-named-care.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Someone the practice talks about in a reply (issue 15). A reply that
 * names a third person who is neither the reader nor staff nor a public
 * figure ("Hollis says Ruby's pencil grip has come so far", "We loved
 * having Sophie in the group this summer") tells the world that this
 * person is known to the practice: the reviewer's child, partner or
 * parent, that is, a patient. The structure is what counts, not the
 * wording: a first name that is talked about (not addressed: "Thanks,
 * Kayla!") in a reply confirms care, and so does the sentence it is in.
 *
 * This runs after the risk model, so that it also finds the names in
 * sentences that only the model recognised as about a patient's care,
 * and so that the model's features (computed by the detectors before
 * it) stay those it was trained on.
 */

#define G_LOG_DOMAIN "rounds-compliance"

#include "config.h"

#include <string.h>

#include "rounds-detect-toolkit.h"

static gboolean
is_addressing_punct (const RScan *s,
                     guint        i)
{
  return _rs_is_ch (s, i, ',') || _rs_is_ch (s, i, '!') || _rs_is_ch (s, i, '?') || _rs_is_ch (s, i, '.') ||
         _rs_is_ch (s, i, ';') || _rs_is_ch (s, i, ':');
}

/* "Kayla, …", "… this, Kayla!", "Hi Meg!": the reader, addressed */
static gboolean
is_addressed (const RScan *s,
              guint        t0,
              guint        t1)
{
  const RSent *sent = _rs_sent (s, _rs_sent_of (s, t0));
  gboolean at_start, after_comma, closes;
  guint end;

  /* "Thanks, Grandma Jo!": the kin word is part of the address */
  while (t0 > sent->start && _rs_word (s, t0 - 1, WORD_NAME_KIN_BEFORE))
    t0--;
  at_start = t0 <= sent->start;
  after_comma = t0 > 0 && (_rs_is_ch (s, t0 - 1, ',') || _rs_is_ch (s, t0 - 1, 0x00A1));
  closes = t1 >= sent->last || t1 + 1 >= s->n || is_addressing_punct (s, t1 + 1);

  if (closes && (at_start || after_comma))
    return TRUE;
  for (guint k = t0 > 3 ? t0 - 3 : 0; k < t0; k++)
    if (_rs_match (s, k, LEX_GREETING, &end, NULL) && end + 1 >= t0)
      return TRUE;
  return FALSE;
}

/* a token that may be a person's first name talked about in a reply */
static gboolean
third_person_name (const RScan *s,
                   guint        i,
                   gboolean     care_sentence)
{
  const RTok *t = rs_tok (s, i);
  const RSent *sent;
  gboolean possessive;
  int fn;

  if (!_rs_is_cap_word (s, i) || (t->flags & RTOK_UPPER && t->n_chars > 1))
    return FALSE;
  if (s->tflags[i] & (TF_EXEMPT | TF_STAFF | TF_USED | TF_PUBLIC | TF_HANDLE | TF_DATE | TF_QUOTE))
    return FALSE;
  if (_rs_is_reviewer_part (s, i) || _rs_is_street_name (s, i))
    return FALSE;
  if (_rs_lex1 (s, i, LEX_MONTH) || _rs_lex1 (s, i, LEX_WEEKDAY) || _rs_lex1 (s, i, LEX_HONORIFIC) ||
      _rs_lex1 (s, i, LEX_GREETING) || _rs_lex1 (s, i, LEX_NAME_STOP) || _rs_lex1 (s, i, LEX_PLACE_NAME) ||
      _rs_lex1 (s, i, LEX_DOCTOR_TITLE) || _rs_lex1 (s, i, LEX_PUBLIC_TITLE))
    return FALSE;

  fn = _rs_first_name (s, i);
  possessive = t->key_len > t->base_len ||
               /* "Miles' casting": the apostrophe after an s is a token of its own */
               (_rs_key_is (s, i + 1, "'") && _rs_joined (s, i + 1) && rs_key (s, i)[t->key_len - 1] == 's');
  sent = _rs_sent (s, _rs_sent_of (s, i));

  /* a word no list knows ("Addy's", but also "Aetna's") is left alone */
  if (fn == 0)
    return FALSE;

  /* a name that is also a word ("Ruby", "Miles") needs more: a
   * possessive, or a sentence already about someone's care, and not the
   * first word (where every word has a capital) */
  if (fn == 2)
    {
      if (!possessive && !care_sentence)
        return FALSE;
      if (i <= sent->start && !possessive)
        return FALSE;
    }

  return TRUE;
}

void
_rounds_detect_named_care (RScan *s)
{
  for (guint k = 0; k < s->sents->len; k++)
    {
      RSent *sent = _rs_sent (s, k);
      gboolean care = (sent->flags & (SF_RC | SF_PR | SF_TESTIMONIAL)) != 0;
      gboolean named = FALSE;

      if (sent->start > sent->last || sent->last >= s->n)
        continue;

      /* "Isla, age 6, can finally button her coat": a person described
       * by their age in a post is someone the practice knows */
      if (!rs_is_reply (s) && !care && _rs_sent_may_start (s, k, WORD_NAMED_CARE_AGE))
        for (guint i = sent->start; i + 3 <= sent->last; i++)
          if (_rs_is_ch (s, i + 1, ',') && _rs_is_cap_word (s, i) && _rs_first_name (s, i) == 1 &&
              !_rs_name_blocked (s, i) && _rs_word (s, i + 2, WORD_NAMED_CARE_AGE) &&
              rs_tok (s, i + 3)->kind == RTOK_NUM)
            {
              care = TRUE;
              sent->flags |= SF_PR | SF_CARE_CTX | SF_PATIENT_CTX;
              _rs_add_sentence (s, k, RULE_PATIENT_REFERENCE);
              break;
            }
      /* in a post, only sentences already found to be about a patient */
      if (!rs_is_reply (s) && !care)
        continue;

      for (guint i = sent->start; i <= sent->last; i++)
        {
          if (!third_person_name (s, i, care))
            continue;
          if (is_addressed (s, i, i))
            continue;

          named = TRUE;
          s->tflags[i] |= TF_NAME;
          sent->flags |= SF_HAS_NAME;
          _rs_add (s, i, i, RULE_NAME);
        }

      if (named && rs_is_reply (s) && !(sent->flags & SF_RC))
        {
          sent->flags |= SF_RC | SF_CARE_CTX | SF_PATIENT_CTX;
          _rs_add_sentence (s, k, RULE_REVIEW_CONFIRMATION);
        }
    }
}
