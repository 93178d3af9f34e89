/* rounds-detect-patient-reference.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Talk about a specific patient: "one of our patients", "our patient
 * portal" excepted, "every new patient" excepted; and (in posts, after the
 * name detector) a sentence that names a patient beside a visit or their
 * care.
 */

#define G_LOG_DOMAIN "rounds-compliance"

#include "config.h"

#include <string.h>

#include "rounds-detect-toolkit.h"

/* "our patient portal", "our patient forms": the word describes a thing */
static gboolean
patient_as_modifier (const RScan *s,
                     guint        end)
{
  return _rs_word (s, end, WORD_PR_PATIENT) &&
         _rs_word (s, end + 1, WORD_PATIENT_THING);
}

static gboolean
generic_before (const RScan *s,
                guint        i)
{
  guint first = _rs_sent (s, _rs_sent_of (s, i))->first;

  for (guint k = i > first + 3 ? i - 3 : first; k < i; k++)
    if (_rs_word (s, k, WORD_GENERIC_PATIENT))
      return TRUE;
  return FALSE;
}

/* "this week", "yesterday", "esta mañana": a time of the practice's own
 * recent days, which makes a person told about someone in particular */
static gboolean
sent_has_recent_time (const RScan *s,
                      guint        k)
{
  const RSent *sent = _rs_sent (s, k);

  return _rs_text_may_start (s, WORD_PR_RECENT_TIME) &&
         _rs_words_in (s, sent, WORD_PR_RECENT_TIME);
}

/* "Someone left their oxygen concentrator in the rehab gym", "a parent
 * left their insurance paperwork on the lobby table", "Alguien dejó su
 * hoja de registro …": a person of the practice's day (someone, or "a"
 * and a person word) who left or lost their own things there (told, not
 * asked: "¿Alguien perdió su cartera?" names no one yet) */
static gboolean
someone_left_theirs (const RScan *s,
                     guint        k)
{
  const RSent *sent = _rs_sent (s, k);

  if (_rs_is_ch (s, sent->last, '?'))
    return FALSE;

  for (guint i = sent->first; i <= sent->last; i++)
    {
      guint v;

      if (!_rs_word (s, i, WORD_PR_PERSON_WORD))
        continue;
      /* "someone" alone, or after "a", "one", "un" */
      if (!_rs_word (s, i, WORD_PR_SOMEONE_ALONE) && !(i > sent->first && _rs_word (s, i - 1, WORD_PR_SOMEONE)))
        continue;
      for (v = i + 1; v <= sent->last && v <= i + 2; v++)
        if (_rs_word (s, v, WORD_PR_LEFT_VERB))
          break;
      if (v > sent->last || v > i + 2)
        continue;
      for (guint p = v + 1; p <= sent->last && p <= v + 2; p++)
        if (_rs_lex1 (s, p, LEX_POSS3))
          return TRUE;
    }
  return FALSE;
}

/* an identifier found between tokens @t0 and @t1 */
static gboolean
id_between (const RScan *s,
            guint        t0,
            guint        t1)
{
  for (guint c = 0; c < s->cands->len; c++)
    {
      const RCand *cand = &g_array_index (s->cands, RCand, c);

      if (cand->t0 >= t0 && cand->t1 <= t1 &&
          s->rules->rules[cand->rule].category >= ROUNDS_FINDING_CATEGORY_PHONE &&
          s->rules->rules[cand->rule].category <= ROUNDS_FINDING_CATEGORY_OTHER_ID)
        return TRUE;
    }
  return FALSE;
}

/* "Patient with specialty pharmacy Rx #RX-5520198: your Hemlibra shipment
 * arrived", "Parent of the student with IEP #BSD-204471: your paperwork
 * is ready", "Paciente de la receta Rx 4471902: su antibiótico …": a post
 * that calls on a person by a number and tells them of their own things */
static gboolean
addressed_by_number (const RScan *s,
                     guint        k)
{
  const RSent *sent = _rs_sent (s, k);

  if (!(sent->flags & SF_HAS_ID) || !_rs_word (s, sent->start, WORD_PR_PERSON_WORD))
    return FALSE;
  for (guint i = sent->start + 1; i + 1 <= sent->last; i++)
    if (_rs_is_ch (s, i, ':'))
      return id_between (s, sent->start, i) && (_rs_lex1 (s, i + 1, LEX_POSS2) ||
                                                           _rs_lex1 (s, i + 2, LEX_POSS2));
  return FALSE;
}

/* "a patient's microprocessor ankle (S/N EMP-0417-88231) was turned in",
 * "un paciente … (serie …)": some one person's own thing told with its
 * number, which names its owner to anyone who knows it (told, not asked) */
static gboolean
someones_numbered_thing (const RScan *s,
                         guint        k)
{
  const RSent *sent = _rs_sent (s, k);

  if (!(sent->flags & SF_HAS_ID) || _rs_is_ch (s, sent->last, '?'))
    return FALSE;
  for (guint i = sent->first; i <= sent->last; i++)
    {
      /* "a patient's", "one client's", "someone's" */
      if (_rs_word (s, i, WORD_PR_PERSON_POSSESSIVE) &&
          ((i > sent->first && _rs_word (s, i - 1, WORD_PR_SOMEONE)) || _rs_word (s, i, WORD_PR_SOMEONE_POSSESSIVE)) &&
          id_between (s, i + 1, MIN (sent->last, i + 16)))
        return TRUE;
    }
  return FALSE;
}

/* the last token of a clock time at @i ("10:30", "2pm", "2 p.m.", "9am"),
 * or G_MAXUINT */
static guint
clock_time_end (const RScan *s,
                guint        i)
{
  const RTok *t = rs_tok (s, i);

  if (t->kind == RTOK_NUM && t->key_len <= 2 && i + 2 < s->n && _rs_is_ch (s, i + 1, ':') &&
      _rs_joined (s, i + 1) && _rs_joined (s, i + 2) && rs_tok (s, i + 2)->kind == RTOK_NUM &&
      rs_tok (s, i + 2)->key_len == 2)
    return _rs_word (s, i + 3, WORD_DATE_CLOCK) ? i + 3 : i + 2;
  if (t->kind == RTOK_NUM && t->key_len <= 2 && _rs_word (s, i + 1, WORD_DATE_CLOCK))
    return i + 1;
  /* "2pm" in one token: the digits, then a clock suffix */
  if (t->kind == RTOK_WORD && (t->flags & RTOK_DIGIT) && t->key_len >= 3 && t->key_len <= 4 &&
      g_ascii_isdigit (rs_key (s, i)[0]))
    {
      const char *rest = rs_key (s, i);

      while (g_ascii_isdigit (*rest))
        rest++;
      if (_rs_affix_is (s, WORD_PR_CLOCK_SUFFIX, rest))
        return i;
    }
  return G_MAXUINT;
}

/* "To our 10:30 consult with the blue Tacoma", "parked in the ambulance
 * bay during your 2pm appointment": in a post, a visit at a clock time
 * said to be the reader's or the practice's one patient's names that
 * patient to everyone */
static gboolean
visit_at_time (const RScan *s,
               guint        k)
{
  const RSent *sent = _rs_sent (s, k);

  /* "Book your 2pm appointment online": a visit offered to anyone */
  if (_rs_words_at (s, sent->start, WORD_CARE_PROSPECTIVE, NULL))
    return FALSE;
  for (guint i = sent->first; i + 2 <= sent->last; i++)
    {
      guint e;

      if (!_rs_word (s, i, WORD_PR_TIMED_OWNER) || (e = clock_time_end (s, i + 1)) == G_MAXUINT)
        continue;
      if (e + 1 <= sent->last && _rs_word (s, e + 1, WORD_PR_TIMED_VISIT))
        return TRUE;
    }
  return FALSE;
}

/* "¡Un año sin atracones!", "6 months binge-free", "two years sober": a
 * span of someone's time (a number and a time unit) free of something;
 * not the practice's own or its staff's ("our front desk: 12 months
 * without a missed call") */
static gboolean
free_span (const RScan *s,
           guint        k)
{
  const RSent *sent = _rs_sent (s, k);

  if (!_rs_sent_may_start (s, k, WORD_STORY_FREE) || !_rs_sent_may_start (s, k, WORD_STORY_TIME_UNIT))
    return FALSE;
  for (guint i = sent->first; i <= sent->last; i++)
    if (_rs_word (s, i, WORD_CARE_WE) || _rs_word (s, i, WORD_STORY_GROUP) || (s->tflags[i] & TF_STAFF) ||
        _rs_lex1 (s, i, LEX_STAFF_ROLE))
      return FALSE;
  for (guint i = sent->first + 1; i < sent->last; i++)
    {
      if (!_rs_word (s, i, WORD_STORY_TIME_UNIT) ||
          !(rs_tok (s, i - 1)->kind == RTOK_NUM || _rs_word (s, i - 1, WORD_STORY_NUMBER)))
        continue;
      for (guint f = i + 1; f <= sent->last && f <= i + 3; f++)
        if (_rs_word (s, f, WORD_STORY_FREE))
          return TRUE;
    }
  return FALSE;
}

/* "To the owner of the red pickup, plate …: your insulin is ready": a
 * post that opens by addressing one reader ("To the …", "To whoever …")
 * and holds someone's identifier (a plate, a serial; not a contact)
 * speaks to one person */
static gboolean
notice_to_one (const RScan *s)
{
  guint first = 0;

  while (first < s->n && rs_tok (s, first)->kind == RTOK_PUNCT)
    first++;
  if (first + 1 >= s->n || !_rs_word (s, first, WORD_NOTICE_TO) || !_rs_word (s, first + 1, WORD_NOTICE_WHO))
    return FALSE;
  for (guint k = 0; k < s->cands->len; k++)
    {
      const RCand *c = &g_array_index (s->cands, RCand, k);

      switch (s->rules->rules[c->rule].category)
        {
        case ROUNDS_FINDING_CATEGORY_SSN:
        case ROUNDS_FINDING_CATEGORY_MRN:
        case ROUNDS_FINDING_CATEGORY_HEALTH_PLAN:
        case ROUNDS_FINDING_CATEGORY_ACCOUNT:
        case ROUNDS_FINDING_CATEGORY_LICENSE:
        case ROUNDS_FINDING_CATEGORY_VEHICLE:
        case ROUNDS_FINDING_CATEGORY_DEVICE:
        case ROUNDS_FINDING_CATEGORY_OTHER_ID:
          return TRUE;
        default:
          break;
        }
    }
  return FALSE;
}

/* … and a sentence of it tells the reader's ("your") care or family */
static gboolean
your_care (const RScan *s,
           guint        k)
{
  const RSent *sent = _rs_sent (s, k);

  if (!_rs_sent_may_start (s, k, WORD_STORY_YOU))
    return FALSE;
  for (guint i = sent->first; i <= sent->last; i++)
    if (_rs_word (s, i, WORD_STORY_YOU))
      for (guint g = i + 1; g <= sent->last && g <= i + 4; g++)
        if (_rs_care_word_at (s, g) || _rs_lex1 (s, g, LEX_FAMILY))
          return TRUE;
  return FALSE;
}

/* a celebration anywhere in the text ("so proud of you", "congrats") */
static gboolean
celebrates (const RScan *s)
{
  for (guint k = 0; k < s->sents->len; k++)
    if (_rs_sent_has (s, k, LEX_CELEBRATION))
      return TRUE;
  return FALSE;
}

void
_rounds_detect_patient_reference (RScan *s)
{
  gboolean notice = !rs_is_reply (s) && notice_to_one (s);

  for (guint k = 0; k < s->sents->len; k++)
    {
      RSent *sent = _rs_sent (s, k);
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

      /* "one of our favorite patients" (only where the sentence's word
       * union and lexicons allow the word) */
      if (!pr && (_rs_sent_may_start (s, k, WORD_PR_PATIENTS) || _rs_sent_may_lex (s, k, LEX_PATIENT_GROUP)))
        {
          for (guint i = sent->first + 3; i <= sent->last && !pr; i++)
            {
              if (!(_rs_word (s, i, WORD_PR_PATIENTS) || _rs_lex1 (s, i, LEX_PATIENT_GROUP)))
                continue;
              for (guint d = i - 1, hops = 0; d > sent->first && hops < 3; d--, hops++)
                if (_rs_words_end_at (s, d, WORD_PR_ONE_OF_OUR))
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
              if (!_rs_word (s, i, WORD_PR_ARRIVAL_VERB))
                continue;
              if (!_rs_match (s, i, LEX_VISIT_EVENT, NULL, NULL))
                continue;
              for (guint d = i - 1, hops = 0; d >= sent->first && hops < 4; d--, hops++)
                {
                  if (rs_tok (s, d)->kind == RTOK_PUNCT && !_rs_is_dash (s, d))
                    break;
                  if (_rs_word (s, d, WORD_PR_SOMEONE))
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
      if (!pr && (_rs_sent_may_start (s, k, WORD_PR_PATIENT) || _rs_sent_may_start (s, k, WORD_PR_REGULAR)))
        {
          for (guint i = sent->first; i <= sent->last && !pr; i++)
            {
              /* "our 2pm Tuesday regular, Ernesto": a regular, not regular hours */
              gboolean regular = _rs_word (s, i, WORD_PR_REGULAR) && i > sent->first && i + 1 <= sent->last &&
                                 (_rs_is_ch (s, i + 1, ',') || _rs_is_dash (s, i + 1));

              if (!regular && (!_rs_word (s, i, WORD_PR_PATIENT) || i == sent->first))
                continue;
              /* "our newest team member": a staff member, not a patient */
              if (patient_as_modifier (s, i) || _rs_word (s, i - 1, WORD_PR_STAFF_BEFORE))
                continue;
              for (guint d = i - 1, hops = 0; d >= sent->first && hops < 4; d--, hops++)
                {
                  /* "our 99-year-old patient": hyphens inside a word */
                  while (d > sent->first && rs_tok (s, d)->kind == RTOK_PUNCT && _rs_is_dash (s, d) &&
                         _rs_joined (s, d) && _rs_joined (s, d + 1))
                    d--;
                  if (rs_tok (s, d)->kind == RTOK_PUNCT)
                    break;
                  if (_rs_word (s, d, WORD_PR_OUR))
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

      /* "a teenager from Savoy came in", "the little guy who came in Monday";
       * in a post, "A client told us this week …", "We had a dad in our
       * office yesterday …": a person on a day of the practice's */
      if (!pr && (visit || (!rs_is_reply (s) && sent_has_recent_time (s, k))) &&
          _rs_sent_has (s, k, LEX_PERSON_NOUN))
        {
          for (guint i = sent->first; i <= sent->last && !pr; i++)
            {
              guint end;

              if (_rs_match (s, i, LEX_PERSON_NOUN, &end, NULL) && i > sent->first &&
                  rs_tok (s, end)->base_len == rs_tok (s, end)->key_len)
                {
                  guint d = i - 1;

                  /* skip up to two adjectives back to the determiner */
                  for (guint hops = 0; hops < 6 && d > sent->first && !_rs_word (s, d, WORD_PR_PERSON_DET);
                       hops++)
                    d--;

                  if (_rs_word (s, d, WORD_PR_PERSON_DET) && !generic_before (s, d))
                    {
                      pr = TRUE;
                    }
                }
            }
        }

      /* "he still comes in every six months" after a patient was named */
      if (!pr && visit && k > 0 && (_rs_sent (s, k - 1)->flags & (SF_PR | SF_PATIENT_CTX)) &&
          !rs_is_reply (s))
        {
          for (guint i = sent->first; i <= sent->last && i < sent->first + 8; i++)
            if (_rs_word (s, i, WORD_PR_THIRD_PERSON))
              {
                for (guint v = i + 1; v <= sent->last && v < i + 4; v++)
                  if (_rs_match (s, v, LEX_VISIT_EVENT, NULL, NULL))
                    pr = TRUE;
              }
        }

      if (!pr && !rs_is_reply (s) && _rs_sent_may_start (s, k, WORD_PR_PERSON_WORD) &&
          (someone_left_theirs (s, k) || addressed_by_number (s, k)))
        pr = TRUE;

      if (!pr && !rs_is_reply (s) && (sent->flags & SF_HAS_ID) && someones_numbered_thing (s, k))
        pr = TRUE;

      if (!pr && !rs_is_reply (s) && _rs_sent_may_start (s, k, WORD_PR_TIMED_VISIT) && visit_at_time (s, k))
        pr = TRUE;

      /* a post cheering a span free of something: one person's milestone
       * of recovery ("Two years sober! So proud of you") */
      if (!pr && !rs_is_reply (s) && free_span (s, k) && celebrates (s))
        pr = TRUE;

      if (!pr && notice && your_care (s, k))
        pr = TRUE;

      if (weak_anchor)
        sent->flags |= SF_PATIENT_CTX;

      if (pr && !_rs_counts_population (s, k))
        {
          sent->flags |= SF_PR | SF_PATIENT_CTX | SF_CARE_CTX;
          _rs_add_sentence (s, k, RULE_PATIENT_REFERENCE);
        }
    }
}

/* "D.M.'s full-mouth restoration", "Ava's braces" */
static gboolean
name_possessive_care (const RScan *s,
                      guint        k)
{
  const RSent *sent = &g_array_index (s->sents, RSent, k);

  for (guint i = sent->first; i < sent->last; i++)
    {
      if (!(s->tflags[i] & TF_NAME))
        continue;
      if ((rs_tok (s, i)->base_len != rs_tok (s, i)->key_len ||
           (_rs_is_ch (s, i + 1, '\'') && _rs_key_is (s, i + 2, "s"))))
        {
          guint k2 = rs_tok (s, i)->base_len != rs_tok (s, i)->key_len ? i + 1 : i + 3;

          for (guint hops = 0; hops < 5 && k2 <= sent->last; hops++, k2++)
            if (_rs_match (s, k2, LEX_CARE_NOUN, NULL, NULL))
              return TRUE;
        }
    }
  return FALSE;
}

/* "5th", "1st", "3ro": a number written as an ordinal */
static gboolean
ordinal_number (const RScan *s,
                guint        i)
{
  const char *k = rs_key (s, i);

  if (rs_tok (s, i)->kind != RTOK_WORD || !g_ascii_isdigit (*k))
    return FALSE;
  while (g_ascii_isdigit (*k))
    k++;
  return *k != '\0' && _rs_affix_is (s, WORD_DATE_ORDINAL_SUFFIX, k);
}

/* "Kayla brought cupcakes for the whole infusion room", "Tess finished
 * her 5th Venofer today", "Nico cut out his first circle": a word of care,
 * or the person's own milestone (a third person's possessive before an
 * ordinal or "last"), in the sentence of a name; not a sentence that
 * opens on a full name and has no "we" or "our" (a public figure:
 * "Michael J. Fox has raised millions for Parkinson's research") */
static gboolean
name_care_or_milestone (const RScan *s,
                        guint        k)
{
  const RSent *sent = &g_array_index (s->sents, RSent, k);

  if ((s->tflags[sent->start] & TF_NAME) && _rs_is_cap_word (s, sent->start) &&
      !_rs_lex1 (s, sent->start, LEX_HONORIFIC) && sent->start < sent->last &&
      (s->tflags[sent->start + 1] & TF_NAME) && !_rs_sent_has (s, k, LEX_FIRST_PERSON))
    return FALSE;
  for (guint i = sent->first; i <= sent->last; i++)
    {
      if (_rs_care_word_at (s, i))
        return TRUE;
      if (i < sent->last && _rs_lex1 (s, i, LEX_POSS3) &&
          (_rs_word (s, i + 1, WORD_DATE_ORDINAL_WORD) || _rs_word (s, i + 1, WORD_PR_MILESTONE) ||
           ordinal_number (s, i + 1)))
        return TRUE;
    }
  return FALSE;
}

/* "Ray, whose implant went in on …" */
static gboolean
name_who_care (const RScan *s,
               guint        k)
{
  const RSent *sent = &g_array_index (s->sents, RSent, k);

  for (guint i = sent->first; i < sent->last; i++)
    if ((s->tflags[i] & TF_NAME) && !(s->tflags[i + 1] & TF_NAME) && _rs_who_clause_care (s, i))
      return TRUE;
  return FALSE;
}

/* "Before & after", "Before ➡️ After", "antes y después": a post that
 * shows a change (the two words with only punctuation, symbols or one
 * short word between them) */
static gboolean
shows_before_after (const RScan *s)
{
  for (guint i = 0; i + 2 < s->n; i++)
    {
      guint gap = 0;

      if (!_rs_word (s, i, WORD_PR_BEFORE))
        continue;
      for (guint j = i + 1; j < s->n && j < i + 6; j++)
        {
          if (_rs_word (s, j, WORD_PR_AFTER))
            return TRUE;
          if (rs_tok (s, j)->kind == RTOK_WORD && ++gap > 1)
            break;
        }
    }
  return FALSE;
}

/* Is token @i a third person's possessive: "Dana's", "our patient's", a
 * name the name detector found ("Jessica's"), or a name after "de"/"of"
 * ("la piel de Camila")? A listed first name that
 * no detector took (not staff, a public figure or the practice's) is
 * made a name. */
static gboolean
person_possessive (RScan *s,
                   guint  i)
{
  const RTok *t = rs_tok (s, i);
  gboolean of = i > 0 && _rs_word (s, i - 1, WORD_PR_OF_PERSON) && (t->flags & RTOK_CAP);
  gboolean possessive = t->base_len != t->key_len ||
                        ((_rs_is_ch (s, i + 1, '\'') || _rs_is_ch (s, i + 1, 0x2019)) && _rs_key_is (s, i + 2, "s"));

  /* a possessive, or "de" + a capitalised name ("la piel de Camila") */
  if (t->kind != RTOK_WORD || (!possessive && !of) ||
      (s->tflags[i] & (TF_STAFF | TF_PUBLIC | TF_EXEMPT | TF_HANDLE | TF_USED)))
    return FALSE;
  if (s->tflags[i] & TF_NAME)
    return TRUE;
  /* "our patient's tummy tuck": the word without its 's */
  if (t->base_len < 32)
    {
      char base[32];

      memcpy (base, rs_key (s, i), t->base_len);
      base[t->base_len] = '\0';
      if (_rounds_rules_has_word (s->rules, base, WORD_NAME_PATIENT_NOUN) ||
          _rounds_rules_has_word (s->rules, base, WORD_PR_PATIENT))
        return TRUE;
    }
  if ((t->flags & RTOK_CAP) && !(t->flags & RTOK_UPPER) && _rs_first_name (s, i) == 1)
    {
      s->tflags[i] |= TF_NAME;
      _rs_add (s, i, i, RULE_NAME);
      return TRUE;
    }
  return FALSE;
}

/* A post that shows a before and after: a sentence with a third person's
 * possessive ("Dana's bow-legged knees before her replacement", "our
 * lovely patient's tummy tuck") or "de" + a name found ("la piel de
 * Camila") shows that person's care. */
static void
before_after_patient (RScan *s)
{
  if (!shows_before_after (s))
    return;

  for (guint k = 0; k < s->sents->len; k++)
    {
      RSent *sent = _rs_sent (s, k);
      gboolean person = FALSE;

      if (sent->flags & (SF_PR | SF_TESTIMONIAL))
        continue;
      for (guint i = sent->first; i <= sent->last && i < s->n && !person; i++)
        person = person_possessive (s, i);
      if (person)
        {
          sent->flags |= SF_PR | SF_PATIENT_CTX | SF_CARE_CTX;
          _rs_add (s, sent->first, sent->last, RULE_PATIENT_REFERENCE);
        }
    }
}

/* "Born Sept. 14 at our birth center, 7 lbs 2 oz", "Nació el 3 de marzo
 * …, pesando 3.4 kg": a birth told with its date (without a year) or the
 * baby's weight is a patient's (and the mother's) story */
static void
birth_told (RScan *s)
{
  for (guint k = 0; k < s->sents->len; k++)
    {
      RSent *sent = _rs_sent (s, k);
      gboolean birth = FALSE, told = FALSE, year = FALSE;

      if (sent->flags & SF_PR)
        continue;
      for (guint i = sent->first; i <= sent->last; i++)
        {
          if (_rs_word (s, i, WORD_PR_BIRTH) && !(s->tflags[i] & TF_QUOTE))
            birth = TRUE;
          if ((s->tflags[i] & TF_DATE) ||
              (i > sent->first && rs_tok (s, i - 1)->kind == RTOK_NUM && _rs_word (s, i, WORD_PR_BIRTH_WEIGHT)))
            told = TRUE;
          /* "On July 25, 1978, Louise Brown was born …": history, not a patient */
          if (rs_tok (s, i)->kind == RTOK_NUM && rs_tok (s, i)->key_len == 4)
            year = TRUE;
        }
      if (birth && told && !year)
        {
          sent->flags |= SF_PR | SF_CARE_CTX | SF_PATIENT_CTX;
          _rs_add (s, sent->first, sent->last, RULE_PATIENT_REFERENCE);
        }
    }
}

/* In a post, a sentence that names a patient (the name detector ran
 * before) beside a visit, a celebration or their care; and the sentences
 * right after such a name that go on about the person: "She's been seeing
 * us for 30 years", "Her smile makeover with us". */
void
_rounds_detect_named_patients (RScan *s)
{
  g_autofree guint8 *aged = NULL;

  if (rs_is_reply (s))
    return;

  if (_rs_text_may_start (s, WORD_PR_BEFORE))
    before_after_patient (s);
  if (_rs_text_may_start (s, WORD_PR_BIRTH))
    birth_told (s);

  /* every test below starts at a sentence that names someone, or the one
   * after it: most texts have none */
  {
    guint names = 0;

    for (guint k = 0; k < s->sents->len; k++)
      names |= _rs_sent (s, k)->flags;
    if (!(names & SF_HAS_NAME))
      return;
  }

  /* sentences with an age over 89: "our 93-year-old …" */
  aged = g_new0 (guint8, s->sents->len);

  for (guint c = 0; c < s->cands->len; c++)
    {
      const RCand *cand = &g_array_index (s->cands, RCand, c);

      if (cand->rule == RULE_AGE)
        aged[_rs_sent_of (s, cand->t0)] = 1;
    }

  for (guint k = 0; k < s->sents->len; k++)
    {
      RSent *sent = _rs_sent (s, k);

      if (!(sent->flags & SF_HAS_NAME) || (sent->flags & (SF_PR | SF_TESTIMONIAL)))
        continue;

      if (_rs_sent_has (s, k, LEX_VISIT_EVENT) || _rs_sent_has (s, k, LEX_PR_ANCHOR) ||
          _rs_sent_has (s, k, LEX_CELEBRATION) || name_possessive_care (s, k) || name_who_care (s, k) ||
          name_care_or_milestone (s, k) ||
          (sent->flags & SF_CARE_CTX) || (aged[k] && _rs_sent_has (s, k, LEX_CARE_NOUN)))
        {
          sent->flags |= SF_PR | SF_CARE_CTX;
          _rs_add (s, sent->first, sent->last, RULE_PATIENT_REFERENCE);
        }
    }

  /* "She's been seeing us for 30 years" after a named patient */
  for (guint k = 1; k < s->sents->len; k++)
    {
      RSent *sent = _rs_sent (s, k);
      const RSent *prev = _rs_sent (s, k - 1);

      if (!(prev->flags & SF_HAS_NAME) || (sent->flags & SF_PR) || _rs_counts_population (s, k))
        continue;
      /* "He still brings his CPAP in for a check every spring" after a
       * patient named and celebrated */
      if ((_rs_sent_has (s, k, LEX_VISIT_EVENT) && _rs_word (s, sent->start, WORD_PR_THIRD_PERSON)) ||
          ((prev->flags & SF_PR) && _rs_tells_third_care (s, k)))
        {
          sent->flags |= SF_PR | SF_CARE_CTX;
          _rs_add (s, sent->first, sent->last, RULE_PATIENT_REFERENCE);
        }
    }

  /* "Her smile makeover with us" after a named patient */
  for (guint k = 1; k < s->sents->len; k++)
    {
      RSent *sent = _rs_sent (s, k);
      const RSent *prev = _rs_sent (s, k - 1);

      if (!(prev->flags & SF_HAS_NAME) || (sent->flags & SF_PR))
        continue;
      for (guint i = sent->first; i <= sent->last && i < sent->first + 3; i++)
        {
          guint end;

          if (_rs_lex1 (s, i, LEX_POSS3) && _rs_match (s, i + 1, LEX_CARE_NOUN, &end, NULL))
            {
              sent->flags |= SF_PR | SF_CARE_CTX;
              _rs_add (s, i, end, RULE_PATIENT_REFERENCE);
              break;
            }
          if (_rs_lex1 (s, i, LEX_POSS3) && _rs_match (s, i + 2, LEX_CARE_NOUN, &end, NULL))
            {
              sent->flags |= SF_PR | SF_CARE_CTX;
              _rs_add (s, i, end, RULE_PATIENT_REFERENCE);
              break;
            }
        }
    }
}

/* a year before 1900 as a time of events ("in 1796", "born July 20,
 * 1822"): nobody alive was cared for then */
static gboolean
historical_year_at (const RScan *s,
                    guint        i)
{
  const RTok *t = rs_tok (s, i);
  guint year;

  if (t->kind != RTOK_NUM || t->key_len != 4 || t->n_chars != 4 || i == 0 ||
      (s->tflags[i] & (TF_USED | TF_HANDLE | TF_EXEMPT)))
    return FALSE;
  year = (guint) g_ascii_strtoull (rs_key (s, i), NULL, 10);
  if (year < 1000 || year >= 1900)
    return FALSE;
  /* not a count: "in 1200 patients", "1500mg" */
  if (i + 1 < s->n && ((_rs_joined (s, i + 1) && rs_tok (s, i + 1)->kind != RTOK_PUNCT) ||
                       (rs_tok (s, i + 1)->flags & RTOK_LOWER)))
    return FALSE;
  if (_rs_word (s, i - 1, WORD_HISTORY_YEAR_BEFORE))
    return TRUE;
  /* a date's year: "July 20, 1822" */
  return i >= 2 && _rs_is_ch (s, i - 1, ',') && rs_tok (s, i - 2)->kind == RTOK_NUM && rs_tok (s, i - 2)->key_len <= 2;
}

/* "President Jimmy Carter kept building houses well into his 90s": an
 * age in a sentence about a public figure (after a public title, or one
 * who told the world), where the practice and its patients are not */
static gboolean
public_figure_age (const RScan *s,
                   guint        i)
{
  const RSent *sent = _rs_sent (s, _rs_sent_of (s, i));
  gboolean figure = FALSE;

  for (guint k = sent->first; k <= sent->last; k++)
    {
      if (_rs_lex1 (s, k, LEX_FIRST_PERSON) || _rs_word (s, k, WORD_NAME_PATIENT_NOUN) ||
          (s->tflags[k] & TF_NAME))
        return FALSE;
      if (s->tflags[k] & TF_PUBLIC)
        figure = TRUE;
    }
  return figure;
}

/* "Fun fact: Edward Jenner tested the first smallpox vaccine in 1796.",
 * "Happy birthday to Gregor Mendel, born July 20, 1822": a sentence set
 * before 1900 tells history, so no patient reference, date or age found in
 * it stands (names are the people detectors' to decide); nor does a public
 * figure's age */
void
_rounds_drop_history (RScan *s)
{
  guint kept = 0;
  gboolean any_year = FALSE;

  if (!_rs_text_has_digit (s))
    return;
  for (guint i = 1; i < s->n && !any_year; i++)
    any_year = historical_year_at (s, i);
  if (!any_year && !_rs_overlaps_cand (s, 0, s->n - 1, ROUNDS_FINDING_CATEGORY_AGE))
    return;

  for (guint k = 0; k < s->cands->len; k++)
    {
      RCand c = g_array_index (s->cands, RCand, k);
      RoundsFindingCategory cat = s->rules->rules[c.rule].category;
      gboolean history = FALSE;

      if ((cat == ROUNDS_FINDING_CATEGORY_PATIENT_REFERENCE || cat == ROUNDS_FINDING_CATEGORY_DATE ||
           cat == ROUNDS_FINDING_CATEGORY_AGE) && any_year)
        {
          const RSent *sent = _rs_sent (s, _rs_sent_of (s, c.t0));

          for (guint i = sent->first; i <= sent->last && i <= c.t1 + 12 && !history; i++)
            history = historical_year_at (s, i);
        }
      if (!history && cat == ROUNDS_FINDING_CATEGORY_AGE)
        history = public_figure_age (s, c.t0);
      if (!history)
        g_array_index (s->cands, RCand, kept++) = c;
    }
  g_array_set_size (s->cands, kept);
}
