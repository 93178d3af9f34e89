/* rounds-detect-testimonials.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Testimonials: a patient's words in quotation marks, and (in posts) a
 * patient's story retold without them ("Marcy says she can finally garden
 * again…"). The second runs after the people detector, so that staff and
 * public figures are never taken for patients.
 */

#define G_LOG_DOMAIN "rounds-compliance"

#include "config.h"

#include <string.h>

#include "rounds-detect-toolkit.h"

static gboolean
is_open_quote (const RTok *t)
{
  return t->kind == RTOK_PUNCT && (t->ch == 0x201C || t->ch == 0x00AB || t->ch == 0x201E ||
                                   t->ch == 0x2018 || t->ch == '"');
}

/* a straight single quote opens a quotation when it stands before a word,
 * apart from the word before it ("she said: 'For the first time I …'");
 * joined on both sides it is an apostrophe ("don't", "kids' ") */
static gboolean
is_open_single_quote (const RScan *s,
                      guint        i)
{
  return _rs_is_ch (s, i, '\'') && !_rs_joined (s, i) && i + 1 < s->n && _rs_joined (s, i + 1) &&
         _rs_is_word (s, i + 1);
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
    case '\'': return '\'';
    default: return '"';
    }
}

/* the last word of the sentence of token @i */
static guint
sentence_last_word (const RScan *s,
                    guint        i)
{
  const RSent *sent = _rs_sent (s, _rs_sent_of (s, i));
  guint b = MIN (sent->last, s->n - 1);

  while (b > i && rs_tok (s, b)->kind == RTOK_PUNCT)
    b--;
  return b;
}

void
_rounds_detect_quoted_testimonials (RScan *s)
{
  for (guint i = 0; i < s->n; i++)
    {
      gunichar close;
      guint q1 = G_MAXUINT;
      guint words = 0;
      gboolean first_person = FALSE, praise = FALSE, care = FALSE, question = FALSE;
      gboolean attribution = FALSE;
      guint span0, span1;

      if (!is_open_quote (rs_tok (s, i)) && !is_open_single_quote (s, i))
        continue;

      close = closing_for (rs_tok (s, i)->ch);
      for (guint k = i + 1; k < s->n && k < i + 400; k++)
        {
          if (rs_tok (s, k)->kind == RTOK_PUNCT && rs_tok (s, k)->ch == close &&
              ((close != 0x2019 && close != '\'') || k + 1 >= s->n || !_rs_joined (s, k + 1) ||
               rs_tok (s, k + 1)->kind == RTOK_PUNCT))
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
        if (a < s->n && _rs_is_dash (s, a) && _rs_word (s, a + 1, WORD_TESTIMONIAL_BY_THE) &&
            _rs_is_capitalized (s, a + 2))
          a++;
        if (a < s->n && (_rs_is_dash (s, a) || _rs_word (s, a, WORD_TESTIMONIAL_BY_THE)) &&
            _rs_is_capitalized (s, a + 1))
          {
            guint b = a + 1;

            attribution = TRUE;
            while (b + 1 < s->n && (_rs_is_capitalized (s, b + 1) || (_rs_is_ch (s, b + 1, '.') && _rs_joined (s, b + 1)) ||
                                    _rs_word (s, b + 1, WORD_TESTIMONIAL_BY_FAMILY)))
              b++;
            if (b + 2 < s->n && _rs_is_ch (s, b + 1, ',') && _rs_is_capitalized (s, b + 2) &&
                !_rs_lex1 (s, b + 2, LEX_DOCTOR_TITLE))
              b += 2;
            /* "— Doug P., on his first month of therapy": what the
             * attribution says of the person belongs to it */
            if (b + 2 < s->n && _rs_is_ch (s, b + 1, ',') && _rs_is_word (s, b + 2) &&
                (rs_tok (s, b + 2)->flags & RTOK_LOWER) && _rs_sent_of (s, b + 2) == _rs_sent_of (s, b))
              b = sentence_last_word (s, b + 2);
            span1 = b;
          }
        /* "…," says longtime patient Beverly. */
        else if (a < s->n && _rs_word (s, a, WORD_TESTIMONIAL_SAID) && a + 1 < s->n && _rs_is_word (s, a + 1))
          {
            attribution = TRUE;
            span1 = sentence_last_word (s, a);
          }
      }

      /* before: "from Alicia R.:", "Hear it from Devon:", "a note:" */
      {
        guint sent_first = _rs_sent (s, _rs_sent_of (s, i))->first;

        if (i > sent_first && _rs_is_ch (s, i - 1, ':'))
          {
            for (guint k = MAX (sent_first, i > 12 ? i - 12 : 0); k + 1 < i; k++)
              {
                if (_rs_word (s, k, WORD_TESTIMONIAL_FROM) || _rs_match (s, k, LEX_TESTIMONIAL_MARKER, NULL, NULL))
                  attribution = TRUE;
              }
            if (i >= 2 && _rs_is_capitalized (s, i - 2) && rs_tok (s, i - 2)->n_chars >= 2 &&
                (_rs_first_name (s, i - 2) > 0 || _rs_surname (s, i - 2)))
              attribution = TRUE;
            if (i >= 3 && _rs_is_ch (s, i - 2, '.') && _rs_is_capitalized (s, i - 3) && rs_tok (s, i - 3)->n_chars == 1)
              attribution = TRUE;
            if (attribution)
              span0 = MAX (sent_first, i > 40 ? i - 40 : 0);
          }
        else if (i > sent_first)
          {
            for (guint k = MAX (sent_first, i > 12 ? i - 12 : 0); k < i; k++)
              if (_rs_word (s, k, WORD_TESTIMONIAL_SAID))
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
          _rs_sent (s, _rs_sent_of (s, i))->flags |= SF_PATIENT_CTX | SF_PR;
        }
      else if (!question && ((attribution && (first_person || praise || care)) ||
                             (first_person && (praise || care ||
                                               _rs_sent_has (s, _rs_sent_of (s, i), LEX_TESTIMONIAL_MARKER)))))
        {
          _rs_add (s, span0, span1, RULE_TESTIMONIAL);
          for (guint k = _rs_sent_of (s, span0); k <= _rs_sent_of (s, span1); k++)
            _rs_sent (s, k)->flags |= SF_TESTIMONIAL | SF_PATIENT_CTX;
        }

      i = q1;
    }
}

/* "Marcy says she can finally garden again…", "One of our moms told us our
 * class got her through…": a patient's story retold as marketing, with no
 * quotation marks. Runs from the name detector, once staff and public
 * figures are marked, so "Lucia says she loves…" about a staff member and
 * "Simone Biles says rest matters" stay clean. */
static gboolean
is_story_pronoun (const RScan *s,
                  guint        i)
{
  return _rs_word (s, i, WORD_STORY_PRONOUN);
}

/* The dash of a signature that closes a post ("… — Nicole S.", "… – Carl",
 * "… — longtime patient, North Raleigh"), or G_MAXUINT: a dash with a
 * space before it, followed by at most eight words to the end of the text,
 * the first of them capitalised or a determiner ("a", "one"), none of them
 * staff, a doctor's title, a staff role or the practice's own words, and
 * no handle, hashtag or number. */
static guint
closing_signature (const RScan *s)
{
  guint words = 0;

  for (guint d = s->n; d-- > 1;)
    {
      const RTok *t = rs_tok (s, d);

      if (_rs_is_dash (s, d))
        {
          guint first = d + 1;

          if (_rs_joined (s, d) || words == 0 || first >= s->n)
            return G_MAXUINT;
          if (!(_rs_is_capitalized (s, first) || _rs_word (s, first, WORD_TESTIMONIAL_SOMEONE) ||
                _rs_word (s, first, WORD_TESTIMONIAL_BY_THE) || _rs_match (s, first, LEX_PERSON_NOUN, NULL, NULL)))
            return G_MAXUINT;
          return d;
        }
      if (t->kind == RTOK_WORD)
        {
          if (++words > 8 || (t->flags & RTOK_DIGIT) ||
              (s->tflags[d] & (TF_STAFF | TF_EXEMPT | TF_HANDLE | TF_USED)) ||
              _rs_lex1 (s, d, LEX_DOCTOR_TITLE) || _rs_lex1 (s, d, LEX_STAFF_ROLE) ||
              _rs_lex1 (s, d, LEX_STAFF_CREDENTIAL))
            return G_MAXUINT;
        }
      else if (_rs_is_ch (s, d, '#') || _rs_is_ch (s, d, '@') || _rs_is_ch (s, d, ':') ||
               _rs_is_ch (s, d, '"') || is_open_quote (t))
        return G_MAXUINT;
    }
  return G_MAXUINT;
}

/* "I've been to four injectors and she's the only one who got my lips
 * right. — Nicole S.": a post's words in the first person singular, about
 * care (a care noun, `care_word` or the clinical vocabulary), signed by someone who is not staff, are that
 * person's testimonial even without quotation marks (the span runs from
 * the first sentence in the first person to the signature). */
static void
signed_testimonial (RScan *s)
{
  guint d = closing_signature (s);
  guint from = G_MAXUINT;
  gboolean about_care = FALSE;

  if (d == G_MAXUINT)
    return;
  for (guint i = 0; i < d; i++)
    {
      if (s->tflags[i] & TF_QUOTE)
        return;  /* a quotation: _rounds_detect_quoted_testimonials() */
      if (from == G_MAXUINT && _rs_word (s, i, WORD_TESTIMONIAL_I))
        from = _rs_sent (s, _rs_sent_of (s, i))->first;
      if (_rs_match (s, i, LEX_CARE_NOUN, NULL, NULL) || _rs_is_clinical (s, i) ||
          _rs_words_at (s, i, WORD_CARE_WORD, NULL))
        about_care = TRUE;
    }
  if (from == G_MAXUINT || !about_care)
    return;

  _rs_add (s, from, sentence_last_word (s, d + 1), RULE_TESTIMONIAL);
  for (guint k = _rs_sent_of (s, from); k <= _rs_sent_of (s, d); k++)
    _rs_sent (s, k)->flags |= SF_TESTIMONIAL | SF_PATIENT_CTX;
}

/* After the verb that retells someone's words (@vend), a story about the
 * person or the practice: a pronoun of theirs or ours within @reach words
 * ("… says the sessions gave her her mornings back"), or a word of care. */
static gboolean
story_follows (const RScan *s,
               const RSent *sent,
               guint        vend,
               guint        reach)
{
  /* "…mentioned that Dr. Matsuda caught his son's murmur" */
  if (_rs_word (s, vend + 1, WORD_TESTIMONIAL_THAT))
    reach = MAX (reach, 12);

  for (guint n = vend + 1; n <= sent->last && n < vend + reach; n++)
    if (is_story_pronoun (s, n))
      return TRUE;
  /* "Caleb's dad says the Invisalign made all the difference" */
  for (guint n = vend + 1; n <= sent->last && n < vend + MAX (reach, 6); n++)
    if (_rs_match (s, n, LEX_CARE_NOUN, NULL, NULL) && !_rs_is_money_noun (s, n))
      return TRUE;
  return FALSE;
}

/* "According to Kim, our program \"changed everything\"", "Según Rosa,
 * …": a sentence that opens by giving a first name's words, then a story
 * about the person or the practice. */
static void
according_testimonial (RScan *s,
                       guint  k)
{
  RSent *sent = _rs_sent (s, k);
  guint end, n;

  if (!_rs_words_at (s, sent->first, WORD_TESTIMONIAL_ACCORDING, &end))
    return;
  n = end + 1;
  if (n > sent->last || !_rs_is_word (s, n) || !(rs_tok (s, n)->flags & RTOK_CAP) || _rs_first_name (s, n) != 1 ||
      (s->tflags[n] & (TF_STAFF | TF_PUBLIC | TF_EXEMPT | TF_USED | TF_HANDLE)))
    return;
  /* "Kim", "Kim T.", "Kim Tran", then the comma */
  while (n + 1 <= sent->last && n < end + 4 && !_rs_is_ch (s, n + 1, ',') &&
         ((_rs_is_word (s, n + 1) && (rs_tok (s, n + 1)->flags & RTOK_CAP)) || _rs_is_ch (s, n + 1, '.')) &&
         !(s->tflags[n + 1] & (TF_STAFF | TF_PUBLIC | TF_EXEMPT)))
    n++;
  /* the words given are the rest of the sentence: the story may be anywhere in it */
  if (!_rs_is_ch (s, n + 1, ',') || !story_follows (s, sent, n + 1, sent->last - n))
    return;
  sent->flags |= SF_TESTIMONIAL | SF_PATIENT_CTX;
  _rs_add_sentence (s, k, RULE_TESTIMONIAL);
}

void
_rounds_detect_unquoted_testimonials (RScan *s)
{
  if (s->kind != ROUNDS_TEXT_KIND_POST)
    return;

  signed_testimonial (s);
  if (_rs_text_may_start (s, WORD_TESTIMONIAL_ACCORDING))
    for (guint k = 0; k < s->sents->len; k++)
      if (!(_rs_sent (s, k)->flags & (SF_TESTIMONIAL | SF_RC)))
        according_testimonial (s, k);

  for (guint k = 0; k < s->sents->len; k++)
    {
      RSent *sent = _rs_sent (s, k);
      guint subj = sent->first;
      guint v = G_MAXUINT;
      guint vend = 0;
      gboolean subject = FALSE;

      if (sent->flags & (SF_TESTIMONIAL | SF_RC))
        continue;
      /* no word of the sentence can be the verb (its word union) */
      if (!_rs_sent_may_start (s, k, WORD_TESTIMONIAL_VERB) && !_rs_sent_may_start (s, k, WORD_TOLD_VERB) &&
          !_rs_sent_may_start (s, k, WORD_TOLD_PHRASE))
        continue;

      /* the verb within the first few words */
      for (guint i = sent->first + 1; i <= sent->last && i < sent->first + 9; i++)
        {
          if (_rs_word (s, i, WORD_TESTIMONIAL_VERB))
            {
              v = i;
              vend = i;
              break;
            }
          if (_rs_word (s, i, WORD_TOLD_VERB) && _rs_word (s, i + 1, WORD_TOLD_AUDIENCE))
            {
              v = i;
              vend = i + 1;
              break;
            }
          if (_rs_words_at (s, i, WORD_TOLD_PHRASE, &vend))
            {
              v = i;
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

        guint end;

        if (_rs_words_at (s, i, WORD_TESTIMONIAL_ONE_OF_OUR, &end))
          {
            for (guint n = end + 1; n < v && n < end + 4; n++)
              if (_rs_lex1 (s, n, LEX_PATIENT_GROUP))
                subject = TRUE;
          }
        else if (_rs_word (s, i, WORD_TESTIMONIAL_SOMEONE))
          {
            /* "A local mom of three shared that…" */
            for (guint n = i + 1; n < v && n < i + 6; n++)
              if (_rs_match (s, n, LEX_PERSON_NOUN, NULL, NULL) && !_rs_word (s, n, WORD_TESTIMONIAL_NOT_PATIENT) &&
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
        else if (_rs_words_at (s, i, WORD_TESTIMONIAL_OUR_PATIENT, &end))
          {
            /* "Our patient Gabe tells everyone…" */
            subject = end + 2 == v && _rs_is_word (s, end + 1) && (rs_tok (s, end + 1)->flags & RTOK_CAP) &&
                      !(s->tflags[end + 1] & (TF_STAFF | TF_PUBLIC | TF_EXEMPT));
          }
        else if (_rs_lex1 (s, i, LEX_PUBLIC_TITLE) && (rs_tok (s, i)->flags & RTOK_CAP) && i + 2 == v &&
                 _rs_is_capitalized (s, i + 1) && !(s->tflags[i + 1] & (TF_STAFF | TF_EXEMPT)))
          {
            /* "Coach Daniels says our team got his star pitcher back…": someone
             * else's story about a patient, as marketing; it must be about us */
            for (guint n = vend + 1; n <= sent->last; n++)
              if (_rs_word (s, n, WORD_TESTIMONIAL_ABOUT_US))
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
        else if (_rs_words_at (s, i, WORD_TESTIMONIAL_ONE_OF_OURS, NULL))
          subject = TRUE;
        /* a first name that is also a word ("Carol", "Grace") only right
         * before the verb: "Carol says …" */
        else if (_rs_is_word (s, i) && (rs_tok (s, i)->flags & RTOK_CAP) &&
                 (_rs_first_name (s, i) == 1 || (_rs_first_name (s, i) == 2 && v == i + 1)) &&
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

        story = story_follows (s, sent, vend, 7);
        if (!story)
          continue;

        /* "Michelle Obama said her workout…": a full name needs the
         * practice or some care in the story to be a patient's */
        if (v > subj + 1 && _rs_is_word (s, subj + 1) && rs_tok (s, subj + 1)->n_chars > 1 &&
            rs_tok (s, subj)->base_len == rs_tok (s, subj)->key_len &&
            !_rs_lex1 (s, subj, LEX_HONORIFIC) && !_rs_word (s, subj, WORD_TESTIMONIAL_NOT_NAME))
          {
            for (guint n = vend + 1; n <= sent->last; n++)
              if (_rs_word (s, n, WORD_TESTIMONIAL_PRACTICE) || _rs_match (s, n, LEX_CARE_NOUN, NULL, NULL))
                practice = TRUE;
            if (!practice)
              continue;
          }
      }

      sent->flags |= SF_TESTIMONIAL | SF_PATIENT_CTX;
      _rs_add_sentence (s, k, RULE_TESTIMONIAL);
    }
}
