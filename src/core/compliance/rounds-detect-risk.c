/* rounds-detect-risk.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Risk language, decided per sentence from lexicon matches: guarantees,
 * missing sponsorship disclosures, individual medical advice, patient
 * quotes (testimonials), talk about a specific patient, and replies that
 * confirm someone is a patient.
 */

#define G_LOG_DOMAIN "rounds-compliance"

#include "config.h"

#include <string.h>

#include "rounds-compliance-private.h"

static RSent *
sent_at (const RScan *s,
         guint        k)
{
  return &g_array_index (s->sents, RSent, k);
}

static void
add_sentence (RScan   *s,
              guint    k,
              RRuleId  rule)
{
  const RSent *sent = sent_at (s, k);

  _rs_add (s, sent->first, sent->last, rule);
}

static gboolean is_money_noun (const RScan *s, guint i);

/* ------------------------------------------------------------- guarantee */

static gboolean
needs_care_context (const RScan *s,
                    guint        i)
{
  return _rs_key_is (s, i, "forever") || (_rs_key_is (s, i, "for") && _rs_key_is (s, i + 1, "good")) ||
         _rs_key_is (s, i, "cure") || _rs_key_is (s, i, "cura") || _rs_key_is (s, i, "miracle") ||
         (_rs_key_is (s, i, "para") && _rs_key_is (s, i + 1, "siempre")) || _rs_key_is (s, i, "cured") ||
         _rs_key_is (s, i, "eliminates") || _rs_key_is (s, i, "permanently") ||
         _rs_key_is (s, i, "garantia");
}

/* "permanent whitening results", "no touch-ups, ever" */
static void
detect_open_claims (RScan *s)
{
  for (guint i = 0; i < s->n; i++)
    {
      if (_rs_key_is (s, i, "permanent") || _rs_key_is (s, i, "permanently") || _rs_key_is (s, i, "permanente") ||
          _rs_key_is (s, i, "permanentes"))
        {
          for (guint k = i + 1; k <= i + 3 && k < s->n && _rs_is_word (s, k); k++)
            if (_rs_key_is (s, k, "results") || _rs_key_is (s, k, "result") || _rs_key_is (s, k, "fix") ||
                _rs_key_is (s, k, "cure") || _rs_key_is (s, k, "solution") || _rs_key_is (s, k, "whitening") ||
                _rs_key_is (s, k, "removal") || _rs_key_is (s, k, "straightening") || _rs_key_is (s, k, "relief") ||
                _rs_key_is (s, k, "resultados") || _rs_key_is (s, k, "alivio"))
              {
                if (!_rs_negated (s, i, 4))
                  _rs_add (s, i, k, RULE_GUARANTEE);
                break;
              }
        }

      if (_rs_key_is (s, i, "ever") && i >= 2)
        {
          guint first = g_array_index (s->sents, RSent, _rs_sent_of (s, i)).first;

          for (guint k = i - 1; k + 5 > i && k >= first && k < i; k--)
            {
              if (_rs_key_is (s, k, "no") && !_rs_key_is (s, k + 1, "one") && !_rs_key_is (s, k + 1, "body") &&
                  k + 1 < i && _rs_is_word (s, k + 1) && !(s->tflags[k] & TF_QUOTE))
                {
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

/* A negation counts within the claim's own clause: "No surgery, no risk"
 * still promises no risk; "no such thing as a painless birth guarantee"
 * negates both claims in it. */
static gboolean
guarantee_negated (const RScan *s,
                   guint        i)
{
  guint first = sent_at (s, _rs_sent_of (s, i))->first;
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
          guint last = sent_at (s, _rs_sent_of (s, i))->last;

          negated_clause = TRUE;
          negated_until = end;
          while (negated_until < last && !is_clause_break (s, negated_until + 1))
            negated_until++;
          i = end;
          continue;
        }

      sent = _rs_sent_of (s, i);

      if (needs_care_context (s, i) && !_rs_sent_has (s, sent, LEX_CARE_NOUN) &&
          !_rs_key_is (s, i - 1, "permanent") && !_rs_key_is (s, i - 1, "permanently"))
        continue;
      if (_rs_key_is (s, i, "for") && (_rs_key_is (s, end + 1, "measure") || _rs_key_is (s, end + 1, "reason")))
        continue;

      /* "eliminates knee pain" is a claim, "eliminates the need for" is not;
       * "can reduce hair permanently" is hedged */
      if (_rs_key_is (s, i, "eliminates") &&
          !(_rs_key_is (s, i + 1, "pain") || _rs_key_is (s, i + 2, "pain") || _rs_key_is (s, i + 3, "pain")))
        continue;
      if (_rs_key_is (s, i, "permanently") || _rs_key_is (s, i, "eliminates"))
        {
          gboolean hedged = FALSE;

          for (guint k = i; k > sent_at (s, sent)->first && k + 8 > i; k--)
            {
              if (is_clause_break (s, k - 1))
                break;
              if (_rs_lex1 (s, k - 1, LEX_MODAL_GENERAL) || _rs_key_is (s, k - 1, "help") ||
                  _rs_key_is (s, k - 1, "helps"))
                hedged = TRUE;
            }
          if (hedged)
            continue;
        }

      if (value == 3)
        {
          /* "board certified by the American Board of …" names the board */
          gboolean named = FALSE;

          for (guint k = end + 1; k < s->n && k <= end + 6; k++)
            if (_rs_key_is (s, k, "board") && k > end + 1)
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

/* ------------------------------------------------------------ disclosure */

gboolean
_rs_has_disclosure (const RScan *s)
{
  for (guint i = 0; i < s->n; i++)
    {
      if (_rs_match (s, i, LEX_DISCLOSURE, NULL, NULL))
        return TRUE;
      if (_rs_is_ch (s, i, '#') && i + 1 < s->n && _rs_joined (s, i + 1) &&
          _rs_lex1 (s, i + 1, LEX_DISCLOSURE_TAG))
        return TRUE;
      /* "Ad:" / "AD |" at the start of a sentence */
      if (_rs_key_is (s, i, "ad") && _rs_is_sent_start (s, i) && i + 1 < s->n &&
          (_rs_is_ch (s, i + 1, ':') || _rs_is_ch (s, i + 1, '|') || _rs_is_dash (s, i + 1)))
        return TRUE;
      if ((_rs_key_is (s, i, "sponsored") || _rs_key_is (s, i, "advertisement") || _rs_key_is (s, i, "publicidad")) &&
          !(i > 0 && _rs_is_ch (s, i - 1, '#')) && (rs_tok (s, i)->flags & RTOK_CAP) && _rs_is_sent_start (s, i))
        return TRUE;
    }

  return FALSE;
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
      if (_rs_key_is (s, end, "code") || _rs_key_is (s, end, "codigo"))
        {
          guint c = end + 1;

          if (_rs_key_is (s, c, "is") || _rs_is_ch (s, c, ':'))
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
      guint t0 = sent_at (s, first_sent)->first;
      guint t1 = sent_at (s, last_sent)->last;

      _rs_add (s, t0, t1, RULE_MISSING_DISCLOSURE);
    }
}

/* ---------------------------------------------------------------- advice */

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

static void
detect_advice (RScan *s)
{
  for (guint k = 0; k < s->sents->len; k++)
    {
      RSent *sent = sent_at (s, k);
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
                           _rs_match (s, end + 2, LEX_CARE_NOUN, NULL, NULL) && !is_money_noun (s, end + 2) &&
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
              add_sentence (s, k, RULE_MEDICAL_ADVICE);
            }
        }
      else
        {
          /* in a post, only dosing instructions aimed at someone */
          if ((imperative_med && dose) || (strong && dose) || (imperative && dose && !general))
            {
              sent->flags |= SF_ADVICE;
              add_sentence (s, k, RULE_MEDICAL_ADVICE);
            }
        }
    }
}

/* -------------------------------------------------------------- quotes */

static gboolean
is_open_quote (const RTok *t)
{
  return t->kind == RTOK_PUNCT && (t->ch == 0x201C || t->ch == 0x00AB || t->ch == 0x201E ||
                                   t->ch == 0x2018 || t->ch == '"');
}

static gunichar
closing_for (gunichar open)
{
  switch (open)
    {
    case 0x201C: return 0x201D;
    case 0x201E: return 0x201D;
    case 0x00AB: return 0x00BB;
    case 0x2018: return 0x2019;
    default: return '"';
    }
}

static gboolean
is_name_like (const RScan *s,
              guint        i)
{
  return _rs_is_word (s, i) && (rs_tok (s, i)->flags & RTOK_CAP);
}

static void
detect_quotes (RScan *s)
{
  for (guint i = 0; i < s->n; i++)
    {
      gunichar close;
      guint q1 = G_MAXUINT;
      guint words = 0;
      gboolean first_person = FALSE, praise = FALSE, care = FALSE, question = FALSE;
      gboolean attribution = FALSE;
      guint span0, span1;

      if (!is_open_quote (rs_tok (s, i)))
        continue;

      close = closing_for (rs_tok (s, i)->ch);
      for (guint k = i + 1; k < s->n && k < i + 400; k++)
        {
          if (rs_tok (s, k)->kind == RTOK_PUNCT && rs_tok (s, k)->ch == close &&
              (close != 0x2019 || k + 1 >= s->n || !_rs_joined (s, k + 1) || rs_tok (s, k + 1)->kind == RTOK_PUNCT))
            {
              q1 = k;
              break;
            }
          if (rs_tok (s, k)->flags & RTOK_PARA_BEFORE)
            break;
        }
      if (q1 == G_MAXUINT)
        continue;

      for (guint k = i + 1; k < q1; k++)
        {
          if (_rs_is_word (s, k))
            words++;
          if (_rs_match (s, k, LEX_FIRST_PERSON, NULL, NULL))
            first_person = TRUE;
          if (_rs_match (s, k, LEX_PRAISE, NULL, NULL))
            praise = TRUE;
          if (_rs_match (s, k, LEX_CARE_NOUN, NULL, NULL))
            care = TRUE;
          s->tflags[k] |= TF_QUOTE;
        }
      question = q1 > i + 1 && _rs_is_ch (s, q1 - 1, '?');

      if (words < 3)
        {
          i = q1;
          continue;
        }

      span0 = i;
      span1 = q1;

      /* after: "— Grace L.", "– Kelsey T., Champaign" */
      {
        guint a = q1 + 1;

        while (a < s->n && (is_open_quote (rs_tok (s, a)) == FALSE) && rs_tok (s, a)->kind == RTOK_PUNCT &&
               !_rs_is_dash (s, a) && a < q1 + 3 && !_rs_is_ch (s, a, '#') && !_rs_is_ch (s, a, '@'))
          a++;
        if (a < s->n && _rs_is_dash (s, a) && (_rs_key_is (s, a + 1, "the") || _rs_key_is (s, a + 1, "la") ||
                                               _rs_key_is (s, a + 1, "los")) &&
            is_name_like (s, a + 2))
          a++;
        if (a < s->n && (_rs_is_dash (s, a) || _rs_key_is (s, a, "the") || _rs_key_is (s, a, "la") ||
                         _rs_key_is (s, a, "los")) && is_name_like (s, a + 1))
          {
            guint b = a + 1;

            attribution = TRUE;
            while (b + 1 < s->n && (is_name_like (s, b + 1) || (_rs_is_ch (s, b + 1, '.') && _rs_joined (s, b + 1)) ||
                                    _rs_key_is (s, b + 1, "family") || _rs_key_is (s, b + 1, "familia")))
              b++;
            if (b + 2 < s->n && _rs_is_ch (s, b + 1, ',') && is_name_like (s, b + 2) &&
                !_rs_lex1 (s, b + 2, LEX_DOCTOR_TITLE))
              b += 2;
            span1 = b;
          }
      }

      /* before: "from Alicia R.:", "Hear it from Devon:", "a note:" */
      {
        guint sent_first = sent_at (s, _rs_sent_of (s, i))->first;

        if (i > sent_first && _rs_is_ch (s, i - 1, ':'))
          {
            for (guint k = MAX (sent_first, i > 12 ? i - 12 : 0); k + 1 < i; k++)
              {
                if (_rs_key_is (s, k, "from") || _rs_key_is (s, k, "de") ||
                    _rs_match (s, k, LEX_TESTIMONIAL_MARKER, NULL, NULL))
                  attribution = TRUE;
              }
            if (i >= 2 && is_name_like (s, i - 2) && rs_tok (s, i - 2)->n_chars >= 2 &&
                (_rs_first_name (s, i - 2) > 0 || _rs_surname (s, i - 2)))
              attribution = TRUE;
            if (i >= 3 && _rs_is_ch (s, i - 2, '.') && is_name_like (s, i - 3) && rs_tok (s, i - 3)->n_chars == 1)
              attribution = TRUE;
            if (attribution)
              span0 = MAX (sent_first, i > 40 ? i - 40 : 0);
          }
        else if (i > sent_first)
          {
            for (guint k = MAX (sent_first, i > 12 ? i - 12 : 0); k < i; k++)
              if (_rs_key_is (s, k, "says") || _rs_key_is (s, k, "said") || _rs_key_is (s, k, "wrote") ||
                  _rs_key_is (s, k, "dijo"))
                attribution = TRUE;
          }
      }

      if (s->kind != ROUNDS_TEXT_KIND_POST)
        {
          i = q1;
          continue;
        }

      if (attribution && question)
        {
          _rs_add (s, i + 1, q1 - 1, RULE_PATIENT_REFERENCE);
          sent_at (s, _rs_sent_of (s, i))->flags |= SF_PATIENT_CTX | SF_PR;
        }
      else if (!question && ((attribution && (first_person || praise || care)) ||
                             (first_person && (praise || care ||
                                               _rs_sent_has (s, _rs_sent_of (s, i), LEX_TESTIMONIAL_MARKER)))))
        {
          _rs_add (s, span0, span1, RULE_TESTIMONIAL);
          for (guint k = _rs_sent_of (s, span0); k <= _rs_sent_of (s, span1); k++)
            sent_at (s, k)->flags |= SF_TESTIMONIAL | SF_PATIENT_CTX;
        }

      i = q1;
    }
}

/* ----------------------------------------------------- patient reference */

/* people a practice counts among its patients: "one of our moms" */
static gboolean
is_group_noun (const RScan *s,
               guint        i)
{
  return _rs_lex1 (s, i, LEX_PATIENT_GROUP);
}


/* "our patient portal", "our patient forms": the word describes a thing */
static gboolean
patient_as_modifier (const RScan *s,
                     guint        end)
{
  static const char * const things[] = {
    "portal", "portals", "forms", "form", "education", "satisfaction", "experience", "advocate", "advocates",
    "coordinator", "services", "survey", "surveys", "resources", "handbook", "app", "login", "paperwork",
    "intake", "lounge", "parking", "entrance", "rooms", "room", "privacy", "safety", "newsletter", NULL
  };

  if (!(_rs_key_is (s, end, "patient") || _rs_key_is (s, end, "paciente")))
    return FALSE;
  for (guint n = 0; things[n] != NULL; n++)
    if (_rs_key_is (s, end + 1, things[n]))
      return TRUE;
  return FALSE;
}

static gboolean
generic_before (const RScan *s,
                guint        i)
{
  guint first = sent_at (s, _rs_sent_of (s, i))->first;

  for (guint k = i > first + 3 ? i - 3 : first; k < i; k++)
    if (_rs_key_is (s, k, "every") || _rs_key_is (s, k, "any") || _rs_key_is (s, k, "each") ||
        _rs_key_is (s, k, "if") || _rs_key_is (s, k, "become") || _rs_key_is (s, k, "new") ||
        _rs_key_is (s, k, "cada") || _rs_key_is (s, k, "si") || _rs_key_is (s, k, "whether"))
      return TRUE;
  return FALSE;
}

static void
detect_patient_reference (RScan *s)
{
  for (guint k = 0; k < s->sents->len; k++)
    {
      RSent *sent = sent_at (s, k);
      gboolean pr = FALSE;
      gboolean weak_anchor = FALSE;
      gboolean visit = _rs_sent_has (s, k, LEX_VISIT_EVENT);

      if (_rs_sent_has (s, k, LEX_CELEBRATION) || visit)
        sent->flags |= SF_PATIENT_CTX;

      if (_rs_sent_has (s, k, LEX_PR_ANCHOR))
        {
          for (guint i = sent->first; i <= sent->last && !pr; i++)
            {
              guint end;
              int value;

              if (_rs_match (s, i, LEX_PR_ANCHOR, &end, &value) && !generic_before (s, i) &&
                  !patient_as_modifier (s, end))
                {
                  if (value >= 2)
                    pr = TRUE;
                  else
                    weak_anchor = TRUE;
                }
            }
        }

      /* "one of our favorite patients" */
      if (!pr)
        {
          for (guint i = sent->first + 3; i <= sent->last && !pr; i++)
            {
              if (!(_rs_key_is (s, i, "patients") || _rs_key_is (s, i, "pacientes") || is_group_noun (s, i)))
                continue;
              for (guint d = i - 1, hops = 0; d > sent->first && hops < 3; d--, hops++)
                if ((_rs_key_is (s, d, "our") && _rs_key_is (s, d - 1, "of") && d >= 2 && _rs_key_is (s, d - 2, "one")) ||
                    (_rs_key_is (s, d, "nuestros") && _rs_key_is (s, d - 1, "de")))
                  {
                    pr = TRUE;
                    break;
                  }
            }
        }

      /* "A fisherman came in last week…": someone arrived */
      if (!pr && visit && !rs_is_reply (s))
        {
          for (guint i = sent->first + 1; i <= sent->last && !pr; i++)
            {
              if (!(_rs_key_is (s, i, "came") || _rs_key_is (s, i, "walked") || _rs_key_is (s, i, "stopped") ||
                    _rs_key_is (s, i, "showed") || _rs_key_is (s, i, "vino") || _rs_key_is (s, i, "llego")))
                continue;
              if (!_rs_match (s, i, LEX_VISIT_EVENT, NULL, NULL))
                continue;
              for (guint d = i - 1, hops = 0; d >= sent->first && hops < 4; d--, hops++)
                {
                  if (rs_tok (s, d)->kind == RTOK_PUNCT && !_rs_is_dash (s, d))
                    break;
                  if (_rs_key_is (s, d, "a") || _rs_key_is (s, d, "an") || _rs_key_is (s, d, "one") ||
                      _rs_key_is (s, d, "un") || _rs_key_is (s, d, "una"))
                    {
                      if (hops > 0 && !generic_before (s, d))
                        pr = TRUE;
                      break;
                    }
                  if (d == 0)
                    break;
                }
            }
        }

      /* "our brave little patient", "this sweet patient" */
      if (!pr)
        {
          for (guint i = sent->first; i <= sent->last && !pr; i++)
            {
              /* "our 2pm Tuesday regular, Ernesto": a regular, not regular hours */
              gboolean regular = _rs_key_is (s, i, "regular") && i > sent->first && i + 1 <= sent->last &&
                                 (_rs_is_ch (s, i + 1, ',') || _rs_is_dash (s, i + 1));

              if (!regular && (!(_rs_key_is (s, i, "patient") || _rs_key_is (s, i, "paciente")) || i == sent->first))
                continue;
              if (patient_as_modifier (s, i))
                continue;
              for (guint d = i - 1, hops = 0; d >= sent->first && hops < 4; d--, hops++)
                {
                  /* "our 99-year-old patient": hyphens inside a word */
                  while (d > sent->first && rs_tok (s, d)->kind == RTOK_PUNCT && _rs_is_dash (s, d) &&
                         _rs_joined (s, d) && _rs_joined (s, d + 1))
                    d--;
                  if (rs_tok (s, d)->kind == RTOK_PUNCT)
                    break;
                  if (_rs_key_is (s, d, "our") || _rs_key_is (s, d, "this") || _rs_key_is (s, d, "nuestra") ||
                      _rs_key_is (s, d, "nuestro") || _rs_key_is (s, d, "esta") || _rs_key_is (s, d, "este"))
                    {
                      if (!generic_before (s, d))
                        pr = TRUE;
                      break;
                    }
                  if (d == 0)
                    break;
                }
            }
        }

      /* "a teenager from Savoy came in", "the little guy who came in Monday" */
      if (!pr && visit && _rs_sent_has (s, k, LEX_PERSON_NOUN))
        {
          for (guint i = sent->first; i <= sent->last && !pr; i++)
            {
              guint end;

              if (_rs_match (s, i, LEX_PERSON_NOUN, &end, NULL) && i > sent->first &&
                  rs_tok (s, end)->base_len == rs_tok (s, end)->key_len)
                {
                  guint d = i - 1;

                  /* skip up to two adjectives back to the determiner */
                  for (guint hops = 0; hops < 6 && d > sent->first && !_rs_key_is (s, d, "a") &&
                       !_rs_key_is (s, d, "an") && !_rs_key_is (s, d, "this") && !_rs_key_is (s, d, "the") &&
                       !_rs_key_is (s, d, "that") && !_rs_key_is (s, d, "our") && !_rs_key_is (s, d, "una") &&
                       !_rs_key_is (s, d, "un") && !_rs_key_is (s, d, "esta") && !_rs_key_is (s, d, "este");
                       hops++)
                    d--;

                  if ((_rs_key_is (s, d, "a") || _rs_key_is (s, d, "an") || _rs_key_is (s, d, "this") ||
                       _rs_key_is (s, d, "the") || _rs_key_is (s, d, "that") || _rs_key_is (s, d, "our") ||
                       _rs_key_is (s, d, "una") || _rs_key_is (s, d, "un") || _rs_key_is (s, d, "esta") ||
                       _rs_key_is (s, d, "este")) &&
                      !generic_before (s, d))
                    {
                      pr = TRUE;
                    }
                }
            }
        }

      /* "he still comes in every six months" after a patient was named */
      if (!pr && visit && k > 0 && (sent_at (s, k - 1)->flags & (SF_PR | SF_PATIENT_CTX)) &&
          !rs_is_reply (s))
        {
          for (guint i = sent->first; i <= sent->last && i < sent->first + 8; i++)
            if (_rs_key_is (s, i, "he") || _rs_key_is (s, i, "she") || _rs_key_is (s, i, "ella") ||
                _rs_key_is (s, i, "el") || _rs_key_is (s, i, "he's") || _rs_key_is (s, i, "she's") ||
                _rs_key_is (s, i, "they've") || _rs_key_is (s, i, "they"))
              {
                for (guint v = i + 1; v <= sent->last && v < i + 4; v++)
                  if (_rs_match (s, v, LEX_VISIT_EVENT, NULL, NULL))
                    pr = TRUE;
              }
        }

      if (weak_anchor)
        sent->flags |= SF_PATIENT_CTX;

      if (pr)
        {
          sent->flags |= SF_PR | SF_PATIENT_CTX | SF_CARE_CTX;
          add_sentence (s, k, RULE_PATIENT_REFERENCE);
        }
    }
}

/* -------------------------------------------------- review confirmation */

static gboolean
prospective_before (const RScan *s,
                    guint        i,
                    gboolean     if_seen)
{
  guint first = sent_at (s, _rs_sent_of (s, i))->first;

  for (guint k = i > first + 2 ? i - 2 : first; k < i; k++)
    if (_rs_match (s, k, LEX_RC_PROSPECTIVE, NULL, NULL))
      return TRUE;

  /* "if your gums…" */
  return if_seen;
}

/* your [son's] [adjectives…] <care noun> */
static gboolean
possessive_care (const RScan *s,
                 guint        i,
                 gboolean     third_person)
{
  guint k = i + 1;
  guint last = sent_at (s, _rs_sent_of (s, i))->last;

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
      if (_rs_match (s, k, LEX_CARE_NOUN, &end, NULL))
        return TRUE;
      if (rs_tok (s, k)->kind == RTOK_PUNCT && !_rs_is_dash (s, k))
        return FALSE;
      if (_rs_lex1 (s, k, LEX_POSS2) || _rs_key_is (s, k, "and") || _rs_key_is (s, k, "y"))
        return FALSE;
    }

  return FALSE;
}

/* Complaints about money ("unhappy with the bill") do not confirm care. */
static gboolean
is_money_noun (const RScan *s,
               guint        i)
{
  return _rs_key_is (s, i, "bill") || _rs_key_is (s, i, "balance") || _rs_key_is (s, i, "payment") ||
         _rs_key_is (s, i, "invoice") || _rs_key_is (s, i, "statement") || _rs_key_is (s, i, "insurance") ||
         _rs_key_is (s, i, "copay") || _rs_key_is (s, i, "deductible") || _rs_key_is (s, i, "cuenta") ||
         _rs_key_is (s, i, "factura");
}

static void
detect_review_confirmation (RScan *s)
{
  for (guint k = 0; k < s->sents->len; k++)
    {
      RSent *sent = sent_at (s, k);
      int score = 0;
      int phrase = 0;
      gboolean poss = FALSE;
      gboolean you = FALSE;
      gboolean feeling = FALSE;
      gboolean care_anywhere = _rs_sent_has (s, k, LEX_CARE_NOUN);
      gboolean if_seen = FALSE;
      gboolean third_care = FALSE;
      gboolean family = FALSE;

      /* "Bring your insurance card to your appointment." is an instruction */
      if (_rs_match (s, sent->start, LEX_RC_PROSPECTIVE, NULL, NULL) ||
          (_rs_key_is (s, sent->start, "please") && _rs_match (s, sent->start + 1, LEX_RC_PROSPECTIVE, NULL, NULL)))
        if_seen = TRUE;

      for (guint i = sent->first; i <= sent->last; i++)
        {
          guint end;
          int value;

          if (_rs_key_is (s, i, "if") || _rs_key_is (s, i, "si"))
            if_seen = TRUE;

          if (_rs_match (s, i, LEX_RC_PHRASE, &end, &value) && !_rs_negated (s, i, 2))
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

          if (_rs_key_is (s, i, "you") || _rs_key_is (s, i, "your") || _rs_key_is (s, i, "le") ||
              _rs_key_is (s, i, "su") || _rs_key_is (s, i, "usted"))
            you = TRUE;
          if (_rs_key_is (s, i, "sorry") || _rs_key_is (s, i, "glad") || _rs_key_is (s, i, "happy") ||
              _rs_key_is (s, i, "hope") || _rs_key_is (s, i, "lamentamos") || _rs_key_is (s, i, "sentimos") ||
              _rs_key_is (s, i, "thrilled") || _rs_key_is (s, i, "delighted") || _rs_key_is (s, i, "proud") ||
              _rs_key_is (s, i, "relieved") || _rs_key_is (s, i, "nos alegra") || _rs_key_is (s, i, "alegra") || _rs_key_is (s, i, "gusto") ||
              (_rs_key_is (s, i, "bueno") && i > 0 && _rs_key_is (s, i - 1, "que")))
            {
              /* "we'd be happy to help" is an offer, not a feeling about care */
              if (!_rs_key_is (s, i + 1, "to"))
                feeling = TRUE;
            }
        }

      if (!rs_is_reply (s))
        continue;

      score = phrase;
      if (poss)
        score += 2;
      if (feeling && care_anywhere)
        {
          for (guint i = sent->first; i + 1 <= sent->last; i++)
            {
              if (!(_rs_key_is (s, i, "the") || _rs_key_is (s, i, "that") || _rs_key_is (s, i, "la") ||
                    _rs_key_is (s, i, "el") || _rs_key_is (s, i, "los") || _rs_key_is (s, i, "las")))
                continue;
              for (guint c = i + 1; c <= sent->last && c <= i + 3; c++)
                if (_rs_match (s, c, LEX_CARE_NOUN, NULL, NULL) && !is_money_noun (s, c))
                  {
                    score += 2;
                    i = sent->last;
                    break;
                  }
            }
        }
      if ((sent->flags & SF_HAS_ID) && you)
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

      if (score >= 2)
        {
          sent->flags |= SF_RC | SF_CARE_CTX | SF_PATIENT_CTX;
          add_sentence (s, k, RULE_REVIEW_CONFIRMATION);
        }
    }
}

void
_rounds_detect_risk (RScan *s)
{
  detect_guarantees (s);
  detect_open_claims (s);
  detect_disclosure (s);
  detect_quotes (s);
  detect_patient_reference (s);
  detect_review_confirmation (s);
  detect_advice (s);
}

/* ------------------------------------------- testimonial without quotes */

/* "Marcy says she can finally garden again…", "One of our moms told us our
 * class got her through…": a patient's story retold as marketing, with no
 * quotation marks. Runs from the name detector, once staff and public
 * figures are marked, so "Lucia says she loves…" about a staff member and
 * "Simone Biles says rest matters" stay clean. */
static gboolean
is_story_pronoun (const RScan *s,
                  guint        i)
{
  return _rs_key_is (s, i, "she") || _rs_key_is (s, i, "he") || _rs_key_is (s, i, "they") ||
         _rs_key_is (s, i, "her") || _rs_key_is (s, i, "his") || _rs_key_is (s, i, "their") ||
         _rs_key_is (s, i, "she's") || _rs_key_is (s, i, "he's") || _rs_key_is (s, i, "she'd") ||
         _rs_key_is (s, i, "ella") || _rs_key_is (s, i, "el") || _rs_key_is (s, i, "our") ||
         _rs_key_is (s, i, "nuestro") || _rs_key_is (s, i, "nuestra") || _rs_key_is (s, i, "nuestros") ||
         _rs_key_is (s, i, "su") || _rs_key_is (s, i, "sus");
}

void
_rounds_detect_unquoted_testimonials (RScan *s)
{
  if (s->kind != ROUNDS_TEXT_KIND_POST)
    return;

  for (guint k = 0; k < s->sents->len; k++)
    {
      RSent *sent = sent_at (s, k);
      guint subj = sent->first;
      guint v = G_MAXUINT;
      guint vend = 0;
      gboolean subject = FALSE;

      if (sent->flags & (SF_TESTIMONIAL | SF_RC))
        continue;

      /* the verb within the first few words */
      for (guint i = sent->first + 1; i <= sent->last && i < sent->first + 9; i++)
        {
          if (_rs_key_is (s, i, "says") || _rs_key_is (s, i, "said") || _rs_key_is (s, i, "shared") ||
              _rs_key_is (s, i, "mentioned") || _rs_key_is (s, i, "raved") || _rs_key_is (s, i, "raves") ||
              _rs_key_is (s, i, "wrote") || _rs_key_is (s, i, "dice") || _rs_key_is (s, i, "dijo"))
            {
              v = i;
              vend = i;
              break;
            }
          if ((_rs_key_is (s, i, "told") || _rs_key_is (s, i, "tells") || _rs_key_is (s, i, "wrote")) &&
              (_rs_key_is (s, i + 1, "us") || _rs_key_is (s, i + 1, "me") || _rs_key_is (s, i + 1, "everyone") ||
               _rs_key_is (s, i + 1, "everybody") || _rs_key_is (s, i + 1, "friends") || _rs_key_is (s, i + 1, "people")))
            {
              v = i;
              vend = i + 1;
              break;
            }
          if (_rs_key_is (s, i, "nos") && (_rs_key_is (s, i + 1, "dijo") || _rs_key_is (s, i + 1, "conto") ||
                                           _rs_key_is (s, i + 1, "escribio")))
            {
              v = i;
              vend = i + 1;
              break;
            }
          if (rs_tok (s, i)->kind == RTOK_PUNCT && !_rs_is_ch (s, i, '.'))
            break;
        }
      if (v == G_MAXUINT || vend >= sent->last)
        continue;

      /* the subject: a first name ("Marcy", "Rosa M.") or "one of our moms" */
      {
        guint i = subj;

        if (_rs_key_is (s, i, "one") && _rs_key_is (s, i + 1, "of") && _rs_key_is (s, i + 2, "our"))
          {
            for (guint n = i + 3; n < v && n < i + 6; n++)
              if (is_group_noun (s, n))
                subject = TRUE;
          }
        else if (_rs_key_is (s, i, "a") || _rs_key_is (s, i, "an") || _rs_key_is (s, i, "this") ||
                 _rs_key_is (s, i, "another"))
          {
            /* "A local mom of three shared that…" */
            for (guint n = i + 1; n < v && n < i + 6; n++)
              if (_rs_match (s, n, LEX_PERSON_NOUN, NULL, NULL) && !_rs_key_is (s, n, "nurse") &&
                  !(s->tflags[n] & (TF_STAFF | TF_EXEMPT)))
                subject = TRUE;
          }
        else if (_rs_is_word (s, i) && (rs_tok (s, i)->flags & RTOK_CAP) && _rs_first_name (s, i) == 1 &&
                 rs_tok (s, i)->base_len != rs_tok (s, i)->key_len && i + 2 == v &&
                 _rs_match (s, i + 1, LEX_FAMILY, NULL, NULL) &&
                 !(s->tflags[i] & (TF_STAFF | TF_PUBLIC | TF_EXEMPT)))
          {
            /* "Brooke's mom says…" */
            subject = TRUE;
          }
        else if ((_rs_key_is (s, i, "our") && _rs_key_is (s, i + 1, "patient")) ||
                 ((_rs_key_is (s, i, "nuestra") || _rs_key_is (s, i, "nuestro")) && _rs_key_is (s, i + 1, "paciente")))
          {
            /* "Our patient Gabe tells everyone…" */
            subject = i + 3 == v && _rs_is_word (s, i + 2) && (rs_tok (s, i + 2)->flags & RTOK_CAP) &&
                      !(s->tflags[i + 2] & (TF_STAFF | TF_PUBLIC | TF_EXEMPT));
          }
        else if (_rs_lex1 (s, i, LEX_PUBLIC_TITLE) && (rs_tok (s, i)->flags & RTOK_CAP) && i + 2 == v &&
                 is_name_like (s, i + 1) && !(s->tflags[i + 1] & (TF_STAFF | TF_EXEMPT)))
          {
            /* "Coach Daniels says our team got his star pitcher back…": someone
             * else's story about a patient, as marketing; it must be about us */
            for (guint n = vend + 1; n <= sent->last; n++)
              if (_rs_key_is (s, n, "our") || _rs_key_is (s, n, "us") || _rs_key_is (s, n, "nuestro") ||
                  _rs_key_is (s, n, "nuestra"))
                subject = TRUE;
          }
        else if (_rs_lex1 (s, i, LEX_HONORIFIC) && (rs_tok (s, i)->flags & RTOK_CAP))
          {
            /* "Mrs. T says…", "Mr. Olafsen told us…" */
            guint n = i + 1;

            if (_rs_is_ch (s, n, '.'))
              n++;
            subject = n < v && _rs_is_word (s, n) && (rs_tok (s, n)->flags & RTOK_CAP) &&
                      !(s->tflags[n] & (TF_STAFF | TF_PUBLIC | TF_EXEMPT));
          }
        else if ((_rs_key_is (s, i, "una") || _rs_key_is (s, i, "uno")) && _rs_key_is (s, i + 1, "de") &&
                 (_rs_key_is (s, i + 2, "nuestras") || _rs_key_is (s, i + 2, "nuestros")))
          subject = TRUE;
        else if (_rs_is_word (s, i) && (rs_tok (s, i)->flags & RTOK_CAP) && _rs_first_name (s, i) == 1 &&
                 !(s->tflags[i] & (TF_STAFF | TF_PUBLIC | TF_EXEMPT | TF_USED | TF_HANDLE)) &&
                 !_rs_lex1 (s, i, LEX_HONORIFIC) && !_rs_lex1 (s, i, LEX_DOCTOR_TITLE) &&
                 !_rs_lex1 (s, i, LEX_GREETING) && !_rs_lex1 (s, i, LEX_MONTH) && !_rs_lex1 (s, i, LEX_WEEKDAY))
          {
            subject = TRUE;
            /* "Marcy", "Marcy T.", "Marcy Tran": nothing else before the verb */
            for (guint n = i + 1; n < v; n++)
              if (!((_rs_is_word (s, n) && (rs_tok (s, n)->flags & RTOK_CAP)) || _rs_is_ch (s, n, '.')) ||
                  (s->tflags[n] & (TF_STAFF | TF_PUBLIC | TF_EXEMPT)))
                subject = FALSE;
          }
      }
      if (!subject)
        continue;

      /* a story about the person or the practice follows */
      {
        gboolean story = FALSE;
        gboolean practice = FALSE;

        /* "…mentioned that Dr. Matsuda caught his son's murmur" */
        guint reach = _rs_key_is (s, vend + 1, "that") || _rs_key_is (s, vend + 1, "que") ? 12 : 5;

        for (guint n = vend + 1; n <= sent->last && n < vend + reach; n++)
          if (is_story_pronoun (s, n))
            story = TRUE;
        /* "Caleb's dad says the Invisalign made all the difference" */
        for (guint n = vend + 1; n <= sent->last && n < vend + MAX (reach, 6) && !story; n++)
          if (_rs_match (s, n, LEX_CARE_NOUN, NULL, NULL) && !is_money_noun (s, n))
            story = TRUE;
        if (!story)
          continue;

        /* "Michelle Obama said her workout…": a full name needs the
         * practice or some care in the story to be a patient's */
        if (v > subj + 1 && _rs_is_word (s, subj + 1) && rs_tok (s, subj + 1)->n_chars > 1 &&
            rs_tok (s, subj)->base_len == rs_tok (s, subj)->key_len &&
            !_rs_lex1 (s, subj, LEX_HONORIFIC) && !_rs_key_is (s, subj, "one") && !_rs_key_is (s, subj, "a") &&
            !_rs_key_is (s, subj, "an") && !_rs_key_is (s, subj, "this") && !_rs_key_is (s, subj, "another"))
          {
            for (guint n = vend + 1; n <= sent->last; n++)
              if (_rs_key_is (s, n, "our") || _rs_key_is (s, n, "us") || _rs_key_is (s, n, "we") ||
                  _rs_key_is (s, n, "after") || _rs_match (s, n, LEX_CARE_NOUN, NULL, NULL))
                practice = TRUE;
            if (!practice)
              continue;
          }
      }

      sent->flags |= SF_TESTIMONIAL | SF_PATIENT_CTX;
      add_sentence (s, k, RULE_TESTIMONIAL);
    }
}
