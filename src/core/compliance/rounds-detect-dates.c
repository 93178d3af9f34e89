/* rounds-detect-dates.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Date expressions ("Tuesday, June 3", "10/17", "martes 4 de marzo", "the
 * 14th", "in March"). Finding them is easy; whether one is PHI depends on
 * whether it is tied to someone's care or birth, which is only known after
 * the risk detectors ran, so _rounds_decide_dates() runs last.
 */

#define G_LOG_DOMAIN "rounds-compliance"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "rounds-detect-toolkit.h"

static int
day_value (const RScan *s,
           guint        i,
           gboolean     allow_ordinal)
{
  const RTok *t;
  const char *k;
  int v = 0;
  int n = 0;

  if (i >= s->n)
    return -1;
  t = rs_tok (s, i);
  if (t->kind == RTOK_PUNCT)
    return -1;

  k = rs_key (s, i);
  while (*k && g_ascii_isdigit (*k) && n < 3)
    {
      v = v * 10 + (*k - '0');
      k++;
      n++;
    }
  if (n == 0 || n > 2)
    return -1;
  if (*k != '\0')
    {
      if (!allow_ordinal)
        return -1;
      if (!_rs_affix_is (s, WORD_DATE_ORDINAL_SUFFIX, k))
        return -1;
    }
  return (v >= 1 && v <= 31) ? v : -1;
}

static gboolean
is_year (const RScan *s,
         guint        i)
{
  const char *k;
  int v;

  if (i >= s->n || rs_tok (s, i)->kind != RTOK_NUM || rs_tok (s, i)->key_len != 4)
    return FALSE;
  k = rs_key (s, i);
  v = atoi (k);
  return v >= 1880 && v <= 2100;
}

static gboolean
is_month (const RScan *s,
          guint        i)
{
  const RTok *t;

  if (!_rs_lex1 (s, i, LEX_MONTH))
    return FALSE;
  t = rs_tok (s, i);
  /* English month names are capitalised; "may" and "mar" need it most */
  if (t->flags & RTOK_LOWER)
    {
      /* Spanish months are written in lower case */
      return _rs_word (s, i, WORD_DATE_MONTH_LOWER_CASE);
    }
  return TRUE;
}

static guint
skip_weekday_back (const RScan *s,
                   guint        i)
{
  guint k = i;

  if (k > 0 && _rs_is_ch (s, k - 1, ','))
    k--;
  if (k > 0 && _rs_lex1 (s, k - 1, LEX_WEEKDAY))
    return k - 1;
  if (k > 1 && _rs_is_ch (s, k - 1, '.') && _rs_lex1 (s, k - 2, LEX_WEEKDAY))
    return k - 2;
  return i;
}

static void
add_date (RScan   *s,
          guint    t0,
          guint    t1,
          gboolean weak)
{
  RDate d = { t0, t1, FALSE, weak };
  guint first = g_array_index (s->sents, RSent, _rs_sent_of (s, t0)).first;

  for (guint k = t0 > first + 5 ? t0 - 5 : first; k < t0; k++)
    if (_rs_match (s, k, LEX_DOB_CUE, NULL, NULL))
      d.birth = TRUE;
  /* an age reached on the date is a birthday: "you'll be 18 on Feb 9",
   * "cumple 15 el 4 de mayo" */
  if (t0 >= first + 3 && _rs_word (s, t0 - 1, WORD_DATE_AGE_ON) && rs_tok (s, t0 - 2)->kind == RTOK_NUM &&
      rs_tok (s, t0 - 2)->key_len <= 3 && atoi (rs_key (s, t0 - 2)) <= 120 &&
      (_rs_word (s, t0 - 3, WORD_DATE_AGE_VERB) || _rs_lex1 (s, t0 - 3, LEX_AGE_BEFORE)))
    {
      /* … someone's, not the practice's: "our clinic turns 20 on …" */
      gboolean ours = FALSE;

      for (guint k = first; k < t0 - 3 && !ours; k++)
        ours = _rs_lex1 (s, k, LEX_FIRST_PERSON);
      d.birth = d.birth || !ours;
    }

  for (guint k = t0; k <= t1; k++)
    s->tflags[k] |= TF_DATE;

  g_array_append_val (s->dates, d);
}

void
_rounds_detect_dates (RScan *s)
{
  /* every shape needs a number, a month, a possessive weekday after
   * one of WORD_DATE_WEEKDAY_BEFORE ("last Tuesday's") or a day in words
   * (WORD_DATE_ORDINAL_WORD); a new shape
   * that needs none of these must widen this gate */
  if (!_rs_text_has_digit (s) && !_rs_text_may_lex (s, LEX_MONTH) &&
      !_rs_text_may_start (s, WORD_DATE_WEEKDAY_BEFORE) && !_rs_text_may_start (s, WORD_DATE_ORDINAL_WORD))
    return;

  for (guint i = 0; i < s->n; i++)
    {
      const RTok *tok = rs_tok (s, i);
      guint b;

      /* each shape below starts at a month, a number or a word that
       * starts with a digit (day_value ()), a possessive (a weekday's) or
       * a word of WORD_DATE_DAY_BEFORE; any other token starts none */
      if (!(s->tmask[i] & (G_GUINT64_CONSTANT (1) << LEX_MONTH)) && tok->kind != RTOK_NUM &&
          !g_ascii_isdigit (rs_key (s, i)[0]) && tok->base_len == tok->key_len &&
          !_rs_word (s, i, WORD_DATE_DAY_BEFORE))
        continue;
      if (s->tflags[i] & (TF_USED | TF_HANDLE))
        continue;

      /* month day[, year] */
      if (is_month (s, i))
        {
          guint d = i + 1;

          if (_rs_is_ch (s, d, '.') && _rs_joined (s, d))
            d++;
          if (day_value (s, d, TRUE) > 0 && !_rs_is_ch (s, d + 1, ':') && !_rs_is_ch (s, d + 1, '%') &&
              !(rs_tok (s, d)->kind == RTOK_NUM && _rs_word (s, d + 1, WORD_DATE_CLOCK)))
            {
              b = d;
              if (_rs_is_ch (s, b + 1, ',') && is_year (s, b + 2))
                b += 2;
              else if (is_year (s, b + 1))
                b++;
              /* a range "Nov 1–3" stays one date */
              add_date (s, skip_weekday_back (s, i), b, FALSE);
              i = b;
              continue;
            }

          if (is_year (s, i + 1) || (_rs_is_ch (s, i + 1, ',') && is_year (s, i + 2)))
            {
              b = is_year (s, i + 1) ? i + 1 : i + 2;
              add_date (s, i, b, FALSE);
              i = b;
              continue;
            }

          /* "in March", "back in February", "since January", "en marzo" */
          /* a three-letter month only when capitalised: "back in Oct" */
          if (i > 0 && _rs_word (s, i - 1, WORD_DATE_MONTH_BEFORE) &&
              (rs_tok (s, i)->n_chars > 3 || (rs_tok (s, i)->n_chars == 3 && (rs_tok (s, i)->flags & RTOK_CAP))) &&
              !_rs_word (s, i, WORD_DATE_MONTH_AMBIGUOUS))
            {
              add_date (s, i, i, TRUE);
              continue;
            }
        }

      /* day [de] month [de year]: "4 de marzo", "3 June 2024" */
      if (day_value (s, i, TRUE) > 0 && !(i > 0 && _rs_joined (s, i) && rs_tok (s, i - 1)->kind == RTOK_PUNCT &&
                                         !_rs_is_ch (s, i - 1, '(')))
        {
          guint m = i + 1;

          if (_rs_word (s, m, WORD_DATE_DAY_OF))
            m++;
          if (is_month (s, m))
            {
              guint t0 = i;

              b = m;
              if ((_rs_word (s, b + 1, WORD_DATE_MONTH_OF) || _rs_is_ch (s, b + 1, ',')) && is_year (s, b + 2))
                b += 2;
              else if (is_year (s, b + 1))
                b++;
              t0 = skip_weekday_back (s, t0);
              add_date (s, t0, b, FALSE);
              i = b;
              continue;
            }
        }

      /* M/D[/Y] */
      if (rs_tok (s, i)->kind == RTOK_NUM && rs_tok (s, i)->key_len <= 2 &&
          _rs_is_ch (s, i + 1, '/') && _rs_joined (s, i + 1) && _rs_joined (s, i + 2) &&
          !(i > 0 && _rs_joined (s, i) && rs_tok (s, i - 1)->kind != RTOK_PUNCT) &&
          !(i > 0 && _rs_joined (s, i) && _rs_is_ch (s, i - 1, '/')))
        {
          int mo = atoi (rs_key (s, i));
          int dy = day_value (s, i + 2, FALSE);

          /* D/M/Y, as written in Spanish and most of the world: "14/09/2025"
           * (a day over 12 first, and the year, so that no score or
           * fraction reads as one) */
          if (mo > 12 && mo <= 31 && dy >= 1 && dy <= 12 && _rs_is_ch (s, i + 3, '/') && _rs_joined (s, i + 3) &&
              is_year (s, i + 4) && _rs_joined (s, i + 4) && !(s->tflags[i + 2] & TF_USED))
            {
              add_date (s, skip_weekday_back (s, i), i + 4, FALSE);
              i += 4;
              continue;
            }
          /* D/M without a year, a day over 12 first ("el 15/04"): only
           * where care or a patient is told of (weak) */
          if (mo > 12 && mo <= 31 && dy >= 1 && dy <= 12 && !(s->tflags[i + 2] & TF_USED) &&
              !(i + 3 < s->n && _rs_joined (s, i + 3) &&
                (rs_tok (s, i + 3)->kind != RTOK_PUNCT || _rs_is_ch (s, i + 3, '/') || _rs_is_dash (s, i + 3) ||
                 (i + 4 < s->n && _rs_joined (s, i + 4)))))
            {
              add_date (s, skip_weekday_back (s, i), i + 2, TRUE);
              i += 2;
              continue;
            }
          if (mo >= 1 && mo <= 12 && dy > 0 && !(s->tflags[i + 2] & TF_USED))
            {
              b = i + 2;
              if (_rs_is_ch (s, b + 1, '/') && _rs_joined (s, b + 1) && b + 2 < s->n &&
                  rs_tok (s, b + 2)->kind == RTOK_NUM &&
                  (rs_tok (s, b + 2)->key_len == 2 || rs_tok (s, b + 2)->key_len == 4))
                b += 2;
              /* "10/10" as a score stays a score */
              if (!(b == i + 2 && _rs_key_is (s, i, "10") && _rs_key_is (s, i + 2, "10")))
                {
                  add_date (s, skip_weekday_back (s, i), b, FALSE);
                  i = b;
                  continue;
                }
            }
        }

      /* M.D.Y, D.M.Y and M-D-YYYY ("02.14.1951", "14.02.1951", "02-14-1951")
       * and ISO "1947-06-30": three joined numbers that make a valid date */
      if (rs_tok (s, i)->kind == RTOK_NUM && i + 4 < s->n &&
          !(i > 0 && _rs_joined (s, i) && rs_tok (s, i - 1)->kind != RTOK_PUNCT) &&
          _rs_joined (s, i + 1) && _rs_joined (s, i + 2) && _rs_joined (s, i + 3) && _rs_joined (s, i + 4) &&
          rs_tok (s, i + 2)->kind == RTOK_NUM && rs_tok (s, i + 4)->kind == RTOK_NUM &&
          ((_rs_is_ch (s, i + 1, '.') && _rs_is_ch (s, i + 3, '.')) ||
           (_rs_is_dash (s, i + 1) && _rs_is_dash (s, i + 3))) &&
          !(i + 5 < s->n && _rs_joined (s, i + 5) && rs_tok (s, i + 5)->kind != RTOK_PUNCT) &&
          !(i + 6 < s->n && _rs_joined (s, i + 5) && _rs_joined (s, i + 6) && rs_tok (s, i + 6)->kind == RTOK_NUM))
        {
          guint l0 = rs_tok (s, i)->key_len, l1 = rs_tok (s, i + 2)->key_len, l2 = rs_tok (s, i + 4)->key_len;
          int a = atoi (rs_key (s, i)), m = atoi (rs_key (s, i + 2)), c = atoi (rs_key (s, i + 4));
          gboolean iso = l0 == 4 && is_year (s, i) && l1 <= 2 && l2 <= 2 && m >= 1 && m <= 12 && c >= 1 && c <= 31;
          gboolean mdy = l0 <= 2 && l1 <= 2 && (l2 == 4 ? is_year (s, i + 4) : l2 == 2) &&
                         ((a >= 1 && a <= 12 && m >= 1 && m <= 31) || (m >= 1 && m <= 12 && a >= 1 && a <= 31));

          if ((iso || mdy) && !(s->tflags[i + 4] & TF_USED) && !(s->tflags[i] & TF_USED))
            {
              add_date (s, skip_weekday_back (s, i), i + 4, FALSE);
              i += 4;
              continue;
            }
        }

      /* "last Tuesday's extraction": a possessive weekday names one day */
      if (i > 0 && rs_tok (s, i)->base_len != rs_tok (s, i)->key_len && (rs_tok (s, i)->flags & RTOK_CAP) &&
          _rs_word (s, i - 1, WORD_DATE_WEEKDAY_BEFORE))
        {
          char buf[16];
          const RTok *t = rs_tok (s, i);

          if (t->base_len < sizeof buf)
            {
              GPtrArray *list;

              memcpy (buf, rs_key (s, i), t->base_len);
              buf[t->base_len] = '\0';
              list = g_hash_table_lookup (s->rules->phrases, buf);
              for (guint m = 0; list != NULL && m < list->len; m++)
                {
                  const RPhrase *ph = g_ptr_array_index (list, m);

                  if (ph->lex == LEX_WEEKDAY && ph->n == 1)
                    {
                      add_date (s, i - 1, i, FALSE);
                      break;
                    }
                }
            }
        }

      /* "the 14th", "el día 14"; "on the 9th and …", "the 17th after …"
       * with a clause going on after the day: weak, as "the 3rd and 4th
       * floors" would be a day too */
      if (_rs_word (s, i, WORD_DATE_DAY_BEFORE) && i + 1 < s->n &&
          rs_tok (s, i + 1)->kind == RTOK_WORD && (rs_tok (s, i + 1)->flags & RTOK_DIGIT) &&
          day_value (s, i + 1, TRUE) > 0)
        {
          guint t0 = _rs_word (s, i, WORD_DATE_DAY_ARTICLE) ? i : i + 1;
          guint w = skip_weekday_back (s, t0);
          gboolean ends = !_rs_is_word (s, i + 2) || skip_weekday_back (s, i) != i;

          /* "on the 9th ran behind", "on the 14th to let you know": after
           * "on", a day whatever verb or clause follows, unless a noun the
           * ordinal counts does ("on the 3rd floor", "the 2nd dose") */
          gboolean on_day = t0 == i && i > 0 && _rs_word (s, i - 1, WORD_DATE_ON) && _rs_is_word (s, i + 2) &&
                            (rs_tok (s, i + 2)->flags & RTOK_LOWER) && !_rs_word (s, i + 2, WORD_DATE_DAY_NOT_AFTER);

          if (ends || (t0 == i && _rs_word (s, i + 2, WORD_DATE_DAY_THEN)) || on_day)
            {
              /* "Wednesday the 12th", "Thursday, the 4th" name one day */
              add_date (s, w, i + 1, ends ? w == t0 : TRUE);
              i++;
              continue;
            }
        }

      /* "booked for the fifth", "the fifth at 2:30": a day in words after
       * "the", closing the clause or before a time; only where care or a
       * patient is told of (weak) */
      if (_rs_word (s, i, WORD_DATE_DAY_ARTICLE) && _rs_word (s, i + 1, WORD_DATE_ORDINAL_WORD) &&
          (!_rs_is_word (s, i + 2) ||
           (_rs_word (s, i + 2, WORD_DATE_AT) && i + 3 < s->n && rs_tok (s, i + 3)->kind == RTOK_NUM)))
        {
          add_date (s, skip_weekday_back (s, i), i + 1, TRUE);
          i++;
          continue;
        }
    }
}

void
_rounds_decide_dates (RScan *s)
{
  for (guint k = 0; k < s->dates->len; k++)
    {
      const RDate *d = &g_array_index (s->dates, RDate, k);
      const RSent *sent = &g_array_index (s->sents, RSent, _rs_sent_of (s, d->t0));

      if (d->birth)
        {
          /* a staff member's birthday is no patient's PHI */
          if (!(sent->flags & SF_HAS_NAME) && !(sent->flags & (SF_PR | SF_PATIENT_CTX)) &&
              !rs_is_reply (s))
            {
              gboolean staff = FALSE;

              for (guint i = d->t0 > sent->first + 12 ? d->t0 - 12 : sent->first; i <= sent->last && i <= d->t1 + 12; i++)
                if (s->tflags[i] & TF_STAFF)
                  staff = TRUE;
              if (staff)
                continue;
            }
          _rs_add (s, d->t0, d->t1, RULE_DATE_BIRTH);
          continue;
        }

      if (sent->flags & (SF_RC | SF_PR))
        {
          _rs_add (s, d->t0, d->t1, RULE_DATE);
          continue;
        }

      /* a date beside a patient's record number or member ID is the
       * record's ("Chart 00482913 · seen 3/4/2025") */
      if (!d->weak && (sent->flags & (SF_CARE_CTX | SF_HAS_ID)))
        {
          _rs_add (s, d->t0, d->t1, RULE_DATE);
          continue;
        }

      /* the next step of a patient's story told just before: "Eight
       * weeks ago, X had surgery. On Tuesday, April 8 she came back…" */
      if (!d->weak && !rs_is_reply (s) && _rs_sent_of (s, d->t0) > 0 &&
          (_rs_sent (s, _rs_sent_of (s, d->t0) - 1)->flags & SF_PR))
        {
          gboolean third = FALSE;

          for (guint i = sent->first; i <= sent->last && !third; i++)
            third = _rs_word (s, i, WORD_CARE_THIRD);
          if (third)
            _rs_add (s, d->t0, d->t1, RULE_DATE);
        }
    }
}
