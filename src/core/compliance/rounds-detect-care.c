/* rounds-detect-care.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Care in general words (issue 15): what the phrase rules miss because a
 * reply, an order or a promise uses words no phrase list has. Each rule
 * is a structure over word classes of the rule pack, not a phrase:
 *
 * - review confirmation: a reply's sentence addressed to the reader
 *   ("you", "su", the reviewer's name), with a word of care (a condition,
 *   test, medicine, procedure or body part: `care_word`, a drug name by its
 *   stem, the clinical vocabulary) and a care event, a result or a feeling
 *   about it (`care_event`, `care_result`, `care_feeling`, a past tense),
 *   unless it speaks of people in general ("most", "anyone"), asks a
 *   question, sets a condition ("if you…") or tells the reader what to do
 *   next ("Call us to book your flu shot");
 * - medical advice: in a reply, a clause that opens with an order about
 *   treatment (`advice_verb`: "skip", "double", "tome") or "you should"
 *   (`advice_modal`), with a word of care in the same clause;
 * - guarantee: in a post, an outcome promised for certain
 *   (`claim_certainty`: "for good", "every single", "para siempre";
 *   "never … again"; or an outcome, `claim_outcome`, with a future or a
 *   second outcome: "Back pain gone in one visit") about care, unless
 *   hedged or denied in the sentence (`claim_hedge`).
 *
 * Every word is in rules.json; this file holds only the structure.
 */

#define G_LOG_DOMAIN "rounds-compliance"

#include "config.h"

#include <string.h>

#include "rounds-detect-toolkit.h"

/* a drug name by its stem: "lisinopril", "atorvastatin", "omeprazole" */
static gboolean
drug_by_stem (const RScan *s,
              guint        i)
{
  return !(s->tflags[i] & (TF_NAME | TF_STAFF | TF_PUBLIC | TF_EXEMPT)) &&
         _rs_ends_with (s, i, WORD_CARE_DRUG_ENDING, 7);
}

/* a specialist by the shape of the word: "cardiologist" */
static gboolean
specialist (const RScan *s,
            guint        i)
{
  return _rs_ends_with (s, i, WORD_ADVICE_SPECIALIST_ENDING, 8);
}

/* a word of care starts at @i; the answer is kept in the scan's scratch
 * bits (64: known, 128: care), so each token is asked once */
static gboolean
care_at (const RScan *s,
         guint        i)
{
  gboolean care;

  if (i >= s->n || rs_tok (s, i)->kind == RTOK_PUNCT)
    return FALSE;
  if (s->fnames != NULL && (s->fnames[i] & 64))
    return (s->fnames[i] & 128) != 0;
  care = _rs_words_at (s, i, WORD_CARE_WORD, NULL) || _rs_lex1 (s, i, LEX_MEDICATION) ||
         _rs_is_clinical (s, i) || drug_by_stem (s, i) || specialist (s, i);
  if (s->fnames != NULL)
    s->fnames[i] |= care ? 64 | 128 : 64;
  return care;
}

/* a past tense by its shape ("sorted", "moved"), not an adjective */
static gboolean
past_tense (const RScan *s,
            guint        i)
{
  return _rs_ends_with (s, i, WORD_CARE_PAST_ENDING, 5) && !_rs_word (s, i, WORD_CARE_NOT_EVENT);
}

static gboolean
clause_end (const RScan *s,
            guint        i)
{
  return _rs_is_ch (s, i, ',') || _rs_is_ch (s, i, ';') || _rs_is_ch (s, i, ':') ||
         _rs_is_ch (s, i, '.') || _rs_is_ch (s, i, '!') || _rs_is_ch (s, i, '?') || _rs_is_dash (s, i);
}

static gboolean
clause_start (const RScan *s,
              guint        first,
              guint        i)
{
  if (i == first)
    return TRUE;
  return clause_end (s, i - 1) || _rs_is_ch (s, i - 1, '(') || _rs_lex1 (s, i - 1, LEX_CLAUSE_LEAD);
}

/* the first word of sentence @k (past decoration and a greeting's name) */
static guint
first_word (const RScan *s,
            const RSent *sent)
{
  for (guint i = sent->start; i <= sent->last; i++)
    if (rs_tok (s, i)->kind != RTOK_PUNCT)
      return i;
  return sent->last;
}

static gboolean
sent_has_category (const RScan           *s,
                   guint                  k,
                   RoundsFindingCategory  cat)
{
  for (guint c = 0; c < s->cands->len; c++)
    {
      const RCand *cand = &g_array_index (s->cands, RCand, c);

      if (s->rules->rules[cand->rule].category == cat &&
          _rs_sent_of (s, cand->t0) <= k && k <= _rs_sent_of (s, cand->t1))
        return TRUE;
    }
  return FALSE;
}

static void
review_confirmation (RScan *s,
                     guint  k)
{
  RSent *sent = _rs_sent (s, k);
  guint first = first_word (s, sent);
  gboolean addressed = FALSE, actor = FALSE, care = FALSE, event = FALSE, done = FALSE;
  gboolean may_general, may_you, may_actor, may_done, may_feeling;

  if (sent->flags & SF_RC)
    return;
  /* neither addressed to the reader nor told by the practice or its staff */
  if (s->reviewer == NULL && !_rs_sent_may_start (s, k, WORD_CARE_YOU) &&
      !_rs_sent_may_start (s, k, WORD_CARE_WE) && !_rs_sent_may_lex (s, k, LEX_DOCTOR_TITLE) &&
      !_rs_sent_may_lex (s, k, LEX_STAFF_ROLE))
    return;
  if (_rs_word (s, first, WORD_CARE_GENERAL_LEAD) || _rs_words_at (s, first, WORD_CARE_PROSPECTIVE, NULL) ||
      _rs_is_ch (s, sent->last, '?'))
    return;

  /* the classes some token of the sentence can be in (its union of word
   * bits and lexicons) are asked of each token, and a part found is not
   * asked again */
  may_general = _rs_sent_may_start (s, k, WORD_CARE_GENERAL);
  may_you = _rs_sent_may_start (s, k, WORD_CARE_YOU);
  may_actor = _rs_sent_may_start (s, k, WORD_CARE_WE) || _rs_sent_may_lex (s, k, LEX_DOCTOR_TITLE) ||
              _rs_sent_may_lex (s, k, LEX_STAFF_ROLE);
  may_done = _rs_sent_may_start (s, k, WORD_CARE_EVENT) || _rs_sent_may_start (s, k, WORD_CARE_RESULT);
  may_feeling = _rs_sent_may_start (s, k, WORD_CARE_FEELING);
  for (guint i = sent->first; i <= sent->last; i++)
    {
      if (may_general && _rs_word (s, i, WORD_CARE_GENERAL))
        return;
      if (!addressed && ((may_you && _rs_word (s, i, WORD_CARE_YOU)) || _rs_is_reviewer_part (s, i)))
        addressed = TRUE;
      /* the practice or its staff as the one who gave the care */
      if (may_actor && !actor &&
          (_rs_words_at (s, i, WORD_CARE_WE, NULL) || _rs_lex1 (s, i, LEX_DOCTOR_TITLE) ||
           _rs_lex1 (s, i, LEX_STAFF_ROLE)))
        actor = TRUE;
      if (!care && care_at (s, i))
        care = TRUE;
      if (may_done && !done &&
          (_rs_words_at (s, i, WORD_CARE_EVENT, NULL) || _rs_words_at (s, i, WORD_CARE_RESULT, NULL)))
        event = done = TRUE;
      else if (!event && ((may_feeling && _rs_words_at (s, i, WORD_CARE_FEELING, NULL)) || past_tense (s, i)))
        event = TRUE;
    }

  /* in a reply, care the practice says it gave is the reader's: "Ya
   * revisamos y Medi-Cal cubrió las dos extracciones" (an event of care,
   * not a feeling: "Our infusion team loved reading this") */
  if (actor && done && care)
    addressed = TRUE;
  if (addressed && care && event && !_rs_not_confirming (s, k))
    {
      sent->flags |= SF_RC | SF_CARE_CTX | SF_PATIENT_CTX;
      _rs_add_sentence (s, k, RULE_REVIEW_CONFIRMATION);
    }
}

/* a word of care in the clause after @end, within @window words */
static gboolean
care_in_clause (const RScan *s,
                guint        end,
                guint        last,
                guint        window)
{
  for (guint k = end + 1; k <= last && k <= end + window; k++)
    {
      if (clause_end (s, k))
        return FALSE;
      if (care_at (s, k) && !_rs_is_money_noun (s, k))
        return TRUE;
      if (rs_tok (s, k)->kind == RTOK_NUM && _rs_lex1 (s, k + 1, LEX_DOSE))
        return TRUE;
    }
  return FALSE;
}

static void
advice (RScan *s,
        guint  k)
{
  RSent *sent = _rs_sent (s, k);
  gboolean may_permission, may_verb, may_modal;

  if (sent->flags & SF_ADVICE)
    return;
  /* no order, no leave to act, no "you should" */
  if (!_rs_sent_may_start (s, k, WORD_ADVICE_PERMISSION) && !_rs_sent_may_start (s, k, WORD_ADVICE_VERB) &&
      !_rs_sent_may_start (s, k, WORD_ADVICE_MODAL))
    return;
  /* "Ice helps most injuries": people in general */
  for (guint i = sent->first; i <= sent->last && _rs_sent_may_start (s, k, WORD_CARE_GENERAL); i++)
    if (_rs_word (s, i, WORD_CARE_GENERAL))
      return;

  may_permission = _rs_sent_may_start (s, k, WORD_ADVICE_PERMISSION);
  may_verb = _rs_sent_may_start (s, k, WORD_ADVICE_VERB);
  may_modal = _rs_sent_may_start (s, k, WORD_ADVICE_MODAL);
  for (guint i = sent->first; i <= sent->last; i++)
    {
      guint end;
      gboolean order = FALSE;

      /* "you can stop the vitamins": leave to act, then the order;
       * anywhere in the sentence ("If the swelling is gone you can stop
       * the antibiotics") */
      if (may_permission && _rs_words_at (s, i, WORD_ADVICE_PERMISSION, &end) &&
          _rs_words_at (s, end + 1, WORD_ADVICE_VERB, &end))
        order = TRUE;
      /* nothing below starts at a token that is neither an order nor
       * "you should" (asked before the clause, which costs more) */
      else if (!(may_verb && _rs_words_at (s, i, WORD_ADVICE_VERB, NULL)) &&
               !(may_modal && _rs_words_at (s, i, WORD_ADVICE_MODAL, NULL)))
        continue;
      else if (!clause_start (s, sent->first, i) && !_rs_is_sent_start (s, i))
        continue;
      /* "Stop by for your flu shot", "take a look at your results" */
      else if (_rs_words_at (s, i, WORD_ADVICE_VERB, &end))
        {
          order = TRUE;
          for (guint o = end + 1; o <= end + 3 && o <= sent->last; o++)
            if (_rs_words_at (s, o, WORD_ADVICE_NOT_OBJECT, NULL))
              order = FALSE;
        }
      else if (_rs_words_at (s, i, WORD_ADVICE_MODAL, &end))
        order = TRUE;
      /* "tape it and play through it, it's only a sprain": the object is
       * a pronoun, so the word of care is elsewhere in the sentence */
      if (order && _rs_word (s, end + 1, WORD_ADVICE_PRONOUN_OBJECT) && end + 1 <= sent->last)
        {
          for (guint o = sent->first; o <= sent->last && order; o++)
            if (care_at (s, o) && !_rs_is_money_noun (s, o))
              {
                sent->flags |= SF_ADVICE;
                _rs_add_sentence (s, k, RULE_MEDICAL_ADVICE);
                return;
              }
        }
      if (order && care_in_clause (s, end, sent->last, 8))
        {
          sent->flags |= SF_ADVICE;
          _rs_add_sentence (s, k, RULE_MEDICAL_ADVICE);
          return;
        }
    }
}

/* what a promotional claim is about: a word of care or of the body a
 * claim is made for ("pounds", "cravings", "side effects") */
static gboolean
claim_subject_in (const RScan *s,
                  const RSent *sent)
{
  for (guint i = sent->first; i <= sent->last; i++)
    if (_rs_lex1 (s, i, LEX_CARE_NOUN) || care_at (s, i) || _rs_words_at (s, i, WORD_CLAIM_SUBJECT, NULL))
      return TRUE;
  return FALSE;
}

/* "drop 20 pounds", "3 tallas": a number and, within two words, the
 * measure of a body it is promised for */
static gboolean
measured_at (const RScan *s,
             guint        i,
             guint        last)
{
  if (rs_tok (s, i)->kind != RTOK_NUM)
    return FALSE;
  for (guint k = i + 1; k <= last && k <= i + 2; k++)
    if (_rs_words_at (s, k, WORD_CLAIM_SUBJECT, NULL))
      return TRUE;
  return FALSE;
}

static void
guarantee (RScan    *s,
           guint     k,
           gboolean  already)
{
  RSent *sent = _rs_sent (s, k);
  guint certain = G_MAXUINT, outcomes = 0;
  gboolean future = FALSE, care = FALSE, deadline = FALSE, measured = FALSE;
  guint never = G_MAXUINT, none = G_MAXUINT, last_claim = G_MAXUINT, again = G_MAXUINT;
  guint certain_end = 0, w_end;
  gboolean tag_only;
  gboolean may_doubt, may_future, may_never, may_none, may_certain, may_outcome;

  /* nothing certain, no outcome: most sentences promise nothing */
  if (!_rs_sent_may_start (s, k, WORD_CLAIM_CERTAINTY) && !_rs_sent_may_start (s, k, WORD_CLAIM_OUTCOME) &&
      !_rs_sent_may_start (s, k, WORD_CLAIM_NONE) && !_rs_sent_may_start (s, k, WORD_CLAIM_NEVER) &&
      !_rs_sent_may_start (s, k, WORD_CLAIM_TIMEFRAME))
    return;

  /* the classes some token of the sentence can be in (its union of word
   * bits) are asked of each token */
  may_doubt = _rs_sent_may_start (s, k, WORD_CLAIM_DOUBT);
  may_future = _rs_sent_may_start (s, k, WORD_CLAIM_FUTURE);
  may_never = _rs_sent_may_start (s, k, WORD_CLAIM_NEVER);
  may_none = _rs_sent_may_start (s, k, WORD_CLAIM_NONE);
  may_certain = _rs_sent_may_start (s, k, WORD_CLAIM_CERTAINTY);
  may_outcome = _rs_sent_may_start (s, k, WORD_CLAIM_OUTCOME);
  for (guint i = sent->first; i <= sent->last; i++)
    {
      guint end = i;

      if (may_doubt && _rs_words_at (s, i, WORD_CLAIM_DOUBT, NULL))
        return;
      if (may_future && _rs_word (s, i, WORD_CLAIM_FUTURE))
        future = TRUE;
      if (may_never && _rs_word (s, i, WORD_CLAIM_NEVER))
        never = i;
      /* "nobody leaves … without a full recovery" */
      else if (none != G_MAXUINT && _rs_word (s, i, WORD_CLAIM_WITHOUT))
        certain = MIN (certain, none);
      if (none == G_MAXUINT && may_none && _rs_words_at (s, i, WORD_CLAIM_NONE, NULL))
        none = i;
      /* "you'll never be caught off guard by cancer again": never and
       * again around what is promised, up to seven words */
      else if (never != G_MAXUINT && i <= never + 8 && _rs_word (s, i, WORD_CLAIM_AGAIN))
        {
          certain = MIN (certain, never);
          last_claim = never;
          again = i;
        }
      if (may_certain && _rs_words_at (s, i, WORD_CLAIM_CERTAINTY, &end))
        {
          /* "…, period." ends a promise; "your period" is care */
          if (end == i && _rs_word (s, i, WORD_CLAIM_CLOSING) && !(i > 0 && _rs_is_ch (s, i - 1, ',')))
            continue;
          /* "every time you visit": when, not how surely */
          if (_rs_words_at (s, i, WORD_CLAIM_WHENEVER, &w_end) && w_end == end &&
              _rs_word (s, end + 1, WORD_CLAIM_WHENEVER_AFTER))
            continue;
          /* "hearing loss is permanent" */
          if (i > 0 && _rs_lasting_harm (s, i - 1))
            continue;
          /* "en un ambiente con 100% oxígeno": a whole measure of a thing,
           * after a preposition or a hedge, promises nothing */
          if (i > 0 && _rs_words_at (s, i, WORD_CLAIM_FULL, NULL) &&
              _rs_words_end_at (s, i - 1, WORD_CLAIM_FULL_BEFORE_NOT))
            continue;
          certain = MIN (certain, i);
          last_claim = i;
          certain_end = end;
        }
      else if (may_outcome && _rs_words_at (s, i, WORD_CLAIM_OUTCOME, &end))
        {
          outcomes++;
          last_claim = i;
        }
      else if (_rs_words_at (s, i, WORD_CLAIM_TIMEFRAME, &end))
        deadline = TRUE;
      else
        measured |= measured_at (s, i, sent->last);
      i = MAX (i, end);
    }

  /* an outcome for certain, two outcomes, or one with a future or a
   * deadline ("Walk without pain by Friday"); a measured result with a
   * deadline is a promise without an outcome word ("20 pounds in 30 days") */
  if (!(certain != G_MAXUINT || outcomes >= 2 || (outcomes == 1 && (future || deadline)) ||
        (measured && deadline)))
    return;
  /* "no stent, pill or procedure can promise you'll never …" */
  if (_rs_claim_denied (s, k))
    return;
  /* "FAQ: Will my spider veins be gone forever?": a question asked, not
   * an answer promised */
  if (_rs_claim_asked (s, k))
    return;
  /* only then ask whether it is about care: most sentences promise
   * nothing. A post's claim may take its subject from the short heading
   * or question just before it ("Chronic migraines? Our nerve block ends
   * them once and for all.") */
  /* a sentence that is nothing but a promise said ("¡Se lo prometemos!")
   * promises what the one before it did */
  tag_only = certain != G_MAXUINT && outcomes == 0;
  for (guint i = sent->first; i <= sent->last && tag_only; i++)
    if (_rs_is_word (s, i) && (i < certain || i > certain_end))
      tag_only = FALSE;
  care = claim_subject_in (s, sent);
  if (!care && k > 0)
    {
      const RSent *prev = _rs_sent (s, k - 1);

      if (prev->first <= prev->last && (prev->last - prev->first <= 4 || _rs_is_ch (s, prev->last, '?')))
        care = claim_subject_in (s, prev);
    }
  /* a post that has already promised an outcome keeps promising about
   * the same care ("Scar-free results, guaranteed! … Recovery takes one
   * day, every time.") */
  for (guint j = 0; j < k && !care && !tag_only; j++)
    care = sent_has_category (s, j, ROUNDS_FINDING_CATEGORY_GUARANTEE);
  if (!care)
    return;
  /* "Our sclerotherapy is 100% painless and your spider veins will be
   * gone for good!": a sentence that already holds another promise (a
   * claims detector's) gets this one's clause, from the clause word
   * before its last outcome or certainty, when that promise lies outside
   * it */
  if (already)
    {
      guint c = last_claim;

      /* "Never worry about asthma again — our plan ends it for good": a
       * never … again promise is one of its own beside the other */
      if (again != G_MAXUINT && never < again &&
          !_rs_overlaps_cand (s, never, again, ROUNDS_FINDING_CATEGORY_GUARANTEE))
        _rs_add (s, never, again, RULE_GUARANTEE);

      if (c == G_MAXUINT)
        return;
      while (c > sent->first && !_rs_is_ch (s, c - 1, ',') && !_rs_is_ch (s, c - 1, ';') &&
             !_rs_is_ch (s, c - 1, ':') && !(_rs_is_dash (s, c - 1) && !_rs_joined (s, c - 1)) &&
             !_rs_words_at (s, c - 1, WORD_CLAIM_CLAUSE_BEFORE, NULL))
        c--;
      /* the clause goes on a promise found just before it, across
       * punctuation only ("No more bunion pain, ever — or your consult is
       * on us", "painless and guaranteed — get approved today or your
       * visit is free"): one promise, one span */
      if (!_rs_overlaps_cand (s, c, sent->last, ROUNDS_FINDING_CATEGORY_GUARANTEE))
        for (guint j = 0; j < s->cands->len; j++)
          {
            RCand *prev = &g_array_index (s->cands, RCand, j);
            gboolean adjoins = s->rules->rules[prev->rule].category == ROUNDS_FINDING_CATEGORY_GUARANTEE &&
                               prev->t1 < c && prev->t1 >= sent->first;

            for (guint n = prev->t1 + 1; n < c && adjoins; n++)
              adjoins = rs_tok (s, n)->kind == RTOK_PUNCT;
            if (adjoins)
              {
                prev->t1 = sent->last;
                return;
              }
          }
      /* otherwise a dash does not end the clause */
      while (c > sent->first && !_rs_is_ch (s, c - 1, ',') && !_rs_is_ch (s, c - 1, ';') &&
             !_rs_is_ch (s, c - 1, ':') && !_rs_words_at (s, c - 1, WORD_CLAIM_CLAUSE_BEFORE, NULL))
        c--;
      if (_rs_overlaps_cand (s, c, sent->last, ROUNDS_FINDING_CATEGORY_GUARANTEE))
        return;
      _rs_add (s, c, sent->last, RULE_GUARANTEE);
      return;
    }
  _rs_add_sentence (s, k, RULE_GUARANTEE);
}

/* what a sentence holds, for the post rules */
typedef struct
{
  gboolean we, third, i, you, care, general, staff, recall, future;
} Parts;

static Parts
parts_of (const RScan *s,
          guint        k)
{
  const RSent *sent = _rs_sent (s, k);
  Parts p = { 0, };
  /* the classes some token of the sentence can be in (its union of word
   * bits and lexicons): the others are not asked of each token, and a
   * part found is not asked again */
  gboolean may_we = _rs_sent_may_start (s, k, WORD_CARE_WE);
  gboolean may_third = _rs_sent_may_start (s, k, WORD_CARE_THIRD) || _rs_sent_may_lex (s, k, LEX_PERSON_NOUN) ||
                       _rs_sent_may_start (s, k, WORD_CARE_WHO);
  gboolean may_you = _rs_sent_may_start (s, k, WORD_CARE_YOU);
  gboolean may_future = _rs_sent_may_start (s, k, WORD_CLAIM_FUTURE);
  gboolean may_i = _rs_sent_may_start (s, k, WORD_CARE_I);
  gboolean may_general = _rs_sent_may_start (s, k, WORD_CARE_GENERAL);
  gboolean may_staff = _rs_sent_may_lex (s, k, LEX_STAFF_ROLE) || _rs_sent_may_lex (s, k, LEX_DOCTOR_TITLE);

  p.general = _rs_word (s, first_word (s, sent), WORD_CARE_GENERAL_LEAD);
  p.recall = _rs_words_at (s, first_word (s, sent), WORD_CARE_RECALL_LEAD, NULL);
  for (guint i = sent->first; i <= sent->last; i++)
    {
      if (may_we && !p.we)
        p.we = _rs_words_at (s, i, WORD_CARE_WE, NULL);
      /* "the farmworker who came in": a person by a relative clause */
      if (may_third && !p.third)
        p.third = _rs_word (s, i, WORD_CARE_THIRD) || _rs_lex1 (s, i, LEX_PERSON_NOUN) ||
                  (i > sent->first && _rs_word (s, i, WORD_CARE_WHO) && rs_tok (s, i - 1)->kind == RTOK_WORD &&
                   !_rs_word (s, i - 1, WORD_CARE_GENERAL));
      if (may_you && !p.you)
        p.you = _rs_word (s, i, WORD_CARE_YOU);
      if (may_future && !p.future)
        p.future = _rs_word (s, i, WORD_CLAIM_FUTURE);
      if (may_i && !p.i)
        p.i = _rs_word (s, i, WORD_CARE_I);
      if (may_general && !p.general)
        p.general = _rs_word (s, i, WORD_CARE_GENERAL);
      if (!p.staff)
        p.staff = (s->tflags[i] & (TF_STAFF | TF_PUBLIC)) != 0 ||
                  (may_staff && (_rs_lex1 (s, i, LEX_STAFF_ROLE) || _rs_lex1 (s, i, LEX_DOCTOR_TITLE)));
    }
  return p;
}

/* an event of care, a result or a past tense in sentence @k: asked only
 * when post_patient () gets that far */
static gboolean
event_in (const RScan *s,
          guint        k)
{
  const RSent *sent = _rs_sent (s, k);
  gboolean may_event = _rs_sent_may_start (s, k, WORD_CARE_EVENT) || _rs_sent_may_start (s, k, WORD_CARE_RESULT);

  for (guint i = sent->first; i <= sent->last; i++)
    if ((may_event && (_rs_words_at (s, i, WORD_CARE_EVENT, NULL) || _rs_words_at (s, i, WORD_CARE_RESULT, NULL))) ||
        past_tense (s, i))
      return TRUE;
  return FALSE;
}

/* the sentence credits someone with an outcome ("thanks to", "saved") */
static gboolean
credit_in (const RScan *s,
           const RSent *sent)
{
  return _rs_words_in (s, sent, WORD_CARE_CREDIT);
}

/* A general word ("everyone", "patients") outside the credit itself:
 * "Marvin tells everyone Dr. Sethi saved his life" is about one person,
 * "Patients say our team saved them time" about all. */
static gboolean
general_outside_credit (const RScan *s,
                        const RSent *sent)
{
  if (_rs_word (s, first_word (s, sent), WORD_CARE_GENERAL_LEAD))
    return TRUE;
  for (guint i = sent->first; i <= sent->last; i++)
    {
      guint end;

      if (_rs_words_at (s, i, WORD_CARE_CREDIT, &end))
        {
          i = MAX (i, end);
          continue;
        }
      if (_rs_word (s, i, WORD_CARE_GENERAL))
        return TRUE;
    }
  return FALSE;
}

/* Without "we", a third person's care told as something that happened
 * to them: not to the reader, not a prediction ("1 in 8 women will be
 * diagnosed"), and not someone the post names in full as its subject
 * ("Serena Williams has talked openly about …": a public figure; a
 * patient's name is for the name detectors). */
static gboolean
told_of_someone (const RScan *s,
                 const RSent *sent,
                 const Parts *p)
{
  guint first = first_word (s, sent);

  if (!p->third || p->you || p->future)
    return FALSE;
  /* "Fun fact: Joe Biden has talked publicly about overcoming a
   * stutter": someone who told the world (public_disclosure), as the
   * people detector reads it */
  for (guint i = sent->first; i <= sent->last; i++)
    if (_rs_words_at (s, i, WORD_PUBLIC_DISCLOSURE, NULL))
      return FALSE;
  return !(_rs_is_cap_word (s, first) && first + 1 <= sent->last && _rs_is_cap_word (s, first + 1));
}

/* a person named in full as the subject of an event: a listed first
 * name (one that is no other word) and a capitalised surname, then the
 * event ("Three months ago, Wanda Pierce had hip surgery"); not staff, a
 * public figure, an organisation or the practice's own words, and not a
 * name the event is about ("a hearing aid belonging to Doris Whitman") */
static gboolean
full_name_in (const RScan *s,
              const RSent *sent)
{
  for (guint i = sent->first; i + 1 < sent->last; i++)
    if (_rs_is_cap_word (s, i) && !_rs_name_blocked (s, i) && _rs_is_cap_word (s, i + 1) &&
        !_rs_name_blocked (s, i + 1) && !_rs_lex1 (s, i + 1, LEX_NAME_STOP) && i + 2 <= sent->last &&
        (_rs_words_at (s, i + 2, WORD_CARE_EVENT, NULL) || past_tense (s, i + 2)) && _rs_first_name (s, i) == 1)
      return TRUE;
  return FALSE;
}

/* A post about one person's care that the practice gave: "we" + a third
 * person + a word of care + an event ("finally let us treat his foot
 * ulcer"), not people in general, not staff or a public figure. */
static void
post_patient (RScan *s,
              guint  k)
{
  RSent *sent = _rs_sent (s, k);
  Parts p;

  if (sent->flags & (SF_PR | SF_RC | SF_TESTIMONIAL) ||
      sent_has_category (s, k, ROUNDS_FINDING_CATEGORY_PATIENT_REFERENCE) ||
      sent_has_category (s, k, ROUNDS_FINDING_CATEGORY_TESTIMONIAL))
    return;
  /* no "we", "I", recalled story or third person: nobody's care told */
  if (!_rs_sent_may_start (s, k, WORD_CARE_WE) && !_rs_sent_may_start (s, k, WORD_CARE_I) &&
      !_rs_sent_may_start (s, k, WORD_CARE_RECALL_LEAD) && !_rs_sent_may_start (s, k, WORD_CARE_THIRD) &&
      !_rs_sent_may_start (s, k, WORD_CARE_WHO) && !_rs_sent_may_lex (s, k, LEX_PERSON_NOUN) &&
      !full_name_in (s, sent))
    return;
  p = parts_of (s, k);
  /* someone named in full is a third person too */
  if (!p.third && full_name_in (s, sent))
    p.third = TRUE;
  /* "Marvin tells everyone Dr. Sethi saved his life by catching his
   * blood clot": a patient crediting the staff with their care */
  if ((p.staff || p.we) && p.third && !general_outside_credit (s, sent) && !p.you && !p.future &&
      credit_in (s, sent))
    {
      for (guint i = sent->first; i <= sent->last && !p.care; i++)
        p.care = care_at (s, i);
      if (p.care)
        {
          sent->flags |= SF_TESTIMONIAL | SF_PATIENT_CTX;
          _rs_add_sentence (s, k, RULE_TESTIMONIAL);
        }
      return;
    }
  /* "Remember the teen with celiac we shared in the spring?" asks
   * nothing: it names someone the readers were told about */
  if (p.general || p.staff || (_rs_is_ch (s, sent->last, '?') && !p.recall) || _rs_counts_population (s, k))
    return;
  if (!(p.recall || event_in (s, k)) || !(p.we || p.i || p.recall || told_of_someone (s, sent, &p)))
    return;
  for (guint i = sent->first; i <= sent->last && !p.care; i++)
    p.care = care_at (s, i);
  if (!p.care)
    return;
  /* a third person's care told as news, with or without "we": "Eight
   * months after ACL surgery she scored the winning goal" */
  if (p.third && !p.i && !p.you)
    {
      sent->flags |= SF_PR | SF_CARE_CTX | SF_PATIENT_CTX;
      _rs_add_sentence (s, k, RULE_PATIENT_REFERENCE);
    }
  /* the practice speaks as "we": "my blood sugar is finally under
   * control" in its post is a patient's voice */
  else if (p.i && !p.we)
    {
      sent->flags |= SF_TESTIMONIAL | SF_PATIENT_CTX;
      _rs_add_sentence (s, k, RULE_TESTIMONIAL);
    }
}

/* A post's story about a patient that credits the practice with the
 * outcome ("… is running her first half marathon thanks to Caleb's
 * program", "Marvin tells everyone Dr. Sethi saved his life") is an
 * endorsement too: reported as a testimonial beside the patient
 * reference. Runs after the model, whose patient references count. */
void
_rounds_detect_care_credit (RScan *s)
{
  if (rs_is_reply (s))
    return;
  for (guint k = 0; k < s->sents->len; k++)
    {
      RSent *sent = _rs_sent (s, k);

      if (sent->first > sent->last || sent->last >= s->n || (sent->flags & SF_TESTIMONIAL) ||
          !((sent->flags & SF_PR) || sent_has_category (s, k, ROUNDS_FINDING_CATEGORY_PATIENT_REFERENCE)) ||
          sent_has_category (s, k, ROUNDS_FINDING_CATEGORY_TESTIMONIAL))
        continue;
      if (credit_in (s, sent))
        {
          sent->flags |= SF_TESTIMONIAL;
          _rs_add_sentence (s, k, RULE_TESTIMONIAL);
        }
    }
}

void
_rounds_detect_care (RScan *s)
{
  for (guint k = 0; k < s->sents->len; k++)
    {
      const RSent *sent = _rs_sent (s, k);

      if (sent->first > sent->last || sent->last >= s->n)
        continue;
      if (rs_is_reply (s))
        {
          gboolean advised = (sent->flags & SF_ADVICE) != 0;

          /* an order about the reader's treatment is advice first; in a
           * reply to a review it also says the reviewer is a patient
           * ("Keep up the stretches, the hip should keep loosening") */
          advice (s, k);
          if (!(sent->flags & SF_ADVICE))
            review_confirmation (s, k);
          else if (!advised && s->kind == ROUNDS_TEXT_KIND_REVIEW_REPLY && !(sent->flags & SF_RC))
            {
              _rs_sent (s, k)->flags |= SF_RC | SF_CARE_CTX | SF_PATIENT_CTX;
              _rs_add_sentence (s, k, RULE_REVIEW_CONFIRMATION);
            }
        }
      else
        {
          guarantee (s, k, sent_has_category (s, k, ROUNDS_FINDING_CATEGORY_GUARANTEE));
          post_patient (s, k);
        }
    }
}
