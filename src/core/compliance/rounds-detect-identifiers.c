/* rounds-detect-identifiers.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Numbers that identify a person: labelled ones ("member ID …", "chart
 * #…", "VIN …"), ID-shaped codes without a label, VINs, street addresses,
 * town + ZIP, and ages over 89.
 */

#define G_LOG_DOMAIN "rounds-compliance"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "rounds-detect-toolkit.h"

static guint
count_digits (const RScan *s,
              guint        t0,
              guint        t1)
{
  guint n = 0;

  for (guint i = t0; i <= t1; i++)
    for (const char *k = rs_key (s, i); *k; k++)
      if (g_ascii_isdigit (*k))
        n++;
  return n;
}

static gboolean
is_code_tok (const RScan *s,
             guint        i)
{
  const RTok *t = rs_tok (s, i);

  if (t->kind == RTOK_NUM)
    return TRUE;
  if (t->kind == RTOK_WORD)
    return (t->flags & RTOK_DIGIT) || (t->flags & RTOK_UPPER) || t->n_chars <= 2;
  return FALSE;
}

/* A joined run of code tokens and inner '-', '/', '.' starting at @i.
 * Returns the last token, or G_MAXUINT if @i does not start one. */
static guint
code_run (const RScan *s,
          guint        i)
{
  guint b = i;

  if (i >= s->n || !is_code_tok (s, i))
    return G_MAXUINT;

  while (b + 2 < s->n && _rs_joined (s, b + 1) && _rs_joined (s, b + 2) &&
         (_rs_is_dash (s, b + 1) || _rs_is_ch (s, b + 1, '/') || _rs_is_ch (s, b + 1, '.')) &&
         is_code_tok (s, b + 2))
    b += 2;
  while (b + 1 < s->n && _rs_joined (s, b + 1) && is_code_tok (s, b + 1) &&
         rs_tok (s, b + 1)->kind != RTOK_PUNCT)
    b++;

  return b;
}

/* Extends a code ending at @b over space-separated groups of digits, as
 * member and licence numbers are often written ("YRH 448 201 339",
 * "W2841 77390", "0412 7781"). */
static guint
extend_groups (const RScan *s,
               guint        b)
{
  while (b + 1 < s->n && (rs_tok (s, b)->flags & RTOK_DIGIT) && !_rs_joined (s, b + 1) &&
         !(rs_tok (s, b + 1)->flags & RTOK_NL_BEFORE) &&
         rs_tok (s, b + 1)->kind == RTOK_NUM && rs_tok (s, b + 1)->key_len >= 2 && rs_tok (s, b + 1)->key_len <= 6 &&
         !(s->tflags[b + 1] & TF_USED) &&
         !(b + 2 < s->n && _rs_joined (s, b + 2) && !_rs_is_dash (s, b + 2) && rs_tok (s, b + 2)->kind == RTOK_PUNCT &&
           (_rs_is_ch (s, b + 2, ':') || _rs_is_ch (s, b + 2, '%') || _rs_is_ch (s, b + 2, '/'))))
    b = code_run (s, b + 1);
  return b;
}

/* "2025-11-03": a year, a month and a day joined by dashes is a date
 * (the date detector's), not a code a label further back names */
static gboolean
iso_date_at (const RScan *s,
             guint        i)
{
  int y, m, d;

  if (i + 4 >= s->n || rs_tok (s, i)->kind != RTOK_NUM || rs_tok (s, i)->key_len != 4 ||
      !_rs_is_dash (s, i + 1) || !_rs_joined (s, i + 1) || !_rs_joined (s, i + 2) || !_rs_is_dash (s, i + 3) ||
      !_rs_joined (s, i + 3) || !_rs_joined (s, i + 4) || rs_tok (s, i + 2)->kind != RTOK_NUM ||
      rs_tok (s, i + 4)->kind != RTOK_NUM || rs_tok (s, i + 2)->key_len > 2 || rs_tok (s, i + 4)->key_len > 2)
    return FALSE;
  y = atoi (rs_key (s, i));
  m = atoi (rs_key (s, i + 2));
  d = atoi (rs_key (s, i + 4));
  return y >= 1880 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

/* a code from @i to @b has letters as well as digits */
static gboolean
code_has_letters (const RScan *s,
                  guint        i,
                  guint        b)
{
  for (guint k = i; k <= b; k++)
    if (rs_tok (s, k)->kind == RTOK_WORD)
      return TRUE;
  return FALSE;
}

/* Enough digits for a code of category @cat at @v … @b: four; a plate
 * three, or two among letters when it has five characters or more ("NM
 * 71K-PQZ", "BGX-492") */
static gboolean
enough_digits (const RScan           *s,
               guint                  v,
               guint                  b,
               RoundsFindingCategory  cat)
{
  guint digits = count_digits (s, v, b), alnum = 0;

  /* a driver's licence may spell its holder's name with few digits
   * ("SMITHJA123PQ"): three among eight characters or more */
  if (cat == ROUNDS_FINDING_CATEGORY_LICENSE && digits == 3 && code_has_letters (s, v, b))
    {
      for (guint i = v; i <= b; i++)
        for (const char *k = rs_key (s, i); *k; k++)
          if (g_ascii_isalnum (*k))
            alnum++;
      return alnum >= 8;
    }
  if (cat != ROUNDS_FINDING_CATEGORY_VEHICLE)
    return digits >= 4;
  if (digits >= 3)
    return TRUE;
  for (guint i = v; i <= b; i++)
    for (const char *k = rs_key (s, i); *k; k++)
      if (g_ascii_isalnum (*k))
        alnum++;
  return digits >= 2 && code_has_letters (s, v, b) && alnum >= 5;
}

/* An insurer or a plan word ("member", "Medicare", "Aetna") shortly
 * before @i. */
static gboolean
plan_cue_before (const RScan *s,
                 guint        i,
                 guint        window)
{
  for (guint k = i > window ? i - window : 0; k < i; k++)
    if (_rs_match (s, k, LEX_HEALTH_PLAN_CUE, NULL, NULL) && !(s->tflags[k] & TF_EXEMPT))
      return TRUE;
  return FALSE;
}

/* A short word of capitals before the number at @i, apart from it: the
 * letters of a plan's or a state's code ("HMK 901224785-02") */
static gboolean
letter_prefix (const RScan *s,
               guint        i)
{
  const RTok *t;

  if (i == 0 || _rs_joined (s, i) || !_rs_is_word (s, i - 1) || (s->tflags[i - 1] & (TF_USED | TF_EXEMPT)))
    return FALSE;
  t = rs_tok (s, i - 1);
  return (t->flags & RTOK_UPPER) && !(t->flags & RTOK_DIGIT) && t->n_chars >= 2 && t->n_chars <= 5;
}

static RRuleId rule_for_category (RoundsFindingCategory cat);

/* The rule of an identifier's label said earlier in the same clause
 * ("serials QH-7R-2248 and QH-7L-2249", "chart and file numbers are
 * BR-2044 and BR-2045"), or @fallback. The label lexicon decides the
 * category, as for a labelled code. */
static RRuleId rule_for_category (RoundsFindingCategory cat);

/* "¿Alguien perdió su licencia de manejo? … número 41827730": when
 * nothing in its own sentence says what a number is (no label, or only
 * "number"), the sentence just before may name the one document the text
 * is about: its category, else RULE_OTHER_ID */
static RRuleId
doc_label_before (const RScan *s,
                  guint        i)
{
  guint sent = _rs_sent_of (s, i);
  const RSent *prev;
  RRuleId found = RULE_OTHER_ID;

  if (sent == 0)
    return RULE_OTHER_ID;
  prev = _rs_sent (s, sent - 1);
  for (guint k = prev->first; k <= prev->last && k < i; k++)
    {
      int value;
      guint end;

      if (_rs_match (s, k, LEX_HEALTH_PLAN_CUE, NULL, NULL) && !(s->tflags[k] & TF_EXEMPT))
        return RULE_OTHER_ID;
      if (_rs_match (s, k, LEX_ID_LABEL, &end, &value) && !(s->tflags[k] & (TF_EXEMPT | TF_USED)) &&
          (RoundsFindingCategory) value != ROUNDS_FINDING_CATEGORY_OTHER_ID)
        {
          RRuleId rule = rule_for_category ((RoundsFindingCategory) value);

          /* two documents: which one is it */
          if (found != RULE_OTHER_ID && found != rule)
            return RULE_OTHER_ID;
          found = rule;
          k = end;
        }
    }
  return found;
}

/* Is token @i ten digits written together in the shape of a North
 * American phone number (an area code and an exchange that do not start
 * with 0 or 1)? */
static gboolean
nanp_digits (const RScan *s,
             guint        i)
{
  const RTok *t = rs_tok (s, i);
  const char *p = s->text + t->b0;

  if (t->b1 - t->b0 != 10)
    return FALSE;
  for (guint k = 0; k < 10; k++)
    if (!g_ascii_isdigit (p[k]))
      return FALSE;
  return p[0] >= '2' && p[3] >= '2';
}

/* A number without a shape of its own: the category of the nearest label
 * before it in its clause ("claim", "Rx #"; up to ten tokens back) or, if
 * nearer, a plan's member number after an insurer or a plan word ("Idaho
 * Medicaid with the correct participant ID, 0004771236", "su número de
 * AHCCCS … es A12345678"; up to 14), else another id */
static RRuleId
unlabelled_rule (const RScan *s,
                 guint        i)
{
  guint sent = _rs_sent_of (s, i);

  for (guint k = i; k > 0 && k + 14 > i; k--)
    {
      int value;

      if (_rs_sent_of (s, k - 1) != sent || _rs_is_ch (s, k - 1, ';') || _rs_is_ch (s, k - 1, ':'))
        break;
      if (s->tflags[k - 1] & TF_EXEMPT)
        continue;
      if (_rs_match (s, k - 1, LEX_HEALTH_PLAN_CUE, NULL, NULL))
        return RULE_HEALTH_PLAN;
      if (k + 10 > i && _rs_match (s, k - 1, LEX_ID_LABEL, NULL, &value))
        {
          /* "number", "#": a number, but of what; "your number
           * 9565550146", ten digits in a phone's shape, is a phone */
          if ((RoundsFindingCategory) value == ROUNDS_FINDING_CATEGORY_OTHER_ID)
            {
              if (nanp_digits (s, i))
                return RULE_PHONE;
              break;
            }
          return rule_for_category ((RoundsFindingCategory) value);
        }
    }
  return doc_label_before (s, i);
}

static RRuleId
rule_for_category (RoundsFindingCategory cat)
{
  switch (cat)
    {
    case ROUNDS_FINDING_CATEGORY_MRN: return RULE_MRN;
    case ROUNDS_FINDING_CATEGORY_HEALTH_PLAN: return RULE_HEALTH_PLAN;
    case ROUNDS_FINDING_CATEGORY_ACCOUNT: return RULE_ACCOUNT;
    case ROUNDS_FINDING_CATEGORY_LICENSE: return RULE_LICENSE;
    case ROUNDS_FINDING_CATEGORY_VEHICLE: return RULE_VEHICLE;
    case ROUNDS_FINDING_CATEGORY_DEVICE: return RULE_DEVICE;
    case ROUNDS_FINDING_CATEGORY_SSN: return RULE_SSN;
    default: return RULE_OTHER_ID;
    }
}

static void
detect_labelled (RScan *s)
{
  for (guint i = 0; i < s->n; i++)
    {
      guint end, v, b;
      int value;
      RoundsFindingCategory cat;
      gboolean far = FALSE;

      if (!_rs_match (s, i, LEX_ID_LABEL, &end, &value))
        continue;
      if (s->tflags[i] & TF_USED)
        continue;

      cat = (RoundsFindingCategory) value;
      /* "a Social Security card …, number ending in 6620": the last
       * digits are of the kind of number named before in the sentence */
      if (_rs_words_at (s, i, WORD_ID_LABEL_TAIL, NULL))
        {
          guint first = _rs_sent (s, _rs_sent_of (s, i))->first;

          for (guint k = i > first + 16 ? i - 16 : first; k < i; k++)
            {
              int earlier;

              if (!(s->tflags[k] & TF_USED) && !_rs_words_at (s, k, WORD_ID_LABEL_TAIL, NULL) &&
                  _rs_match (s, k, LEX_ID_LABEL, NULL, &earlier))
                cat = (RoundsFindingCategory) earlier;
            }
        }

      /* skip fillers: "#", "number", "is", "ending in", "(" … */
      v = end + 1;
      for (guint hops = 0; v < s->n && hops < 4; hops++)
        {
          if (_rs_lex1 (s, v, LEX_ID_FILLER) || _rs_is_ch (s, v, '#') || _rs_is_ch (s, v, ':') ||
              _rs_is_ch (s, v, '(') || _rs_is_ch (s, v, 0x2116) ||
              /* a plate's state: "plate NM BZR-412" */
              (cat == ROUNDS_FINDING_CATEGORY_VEHICLE && _rs_lex1 (s, v, LEX_US_STATE) &&
               (rs_tok (s, v)->flags & RTOK_UPPER)))
            {
              /* a filler that is itself a code ("no", "is") only when a code follows */
              v++;
              continue;
            }
          break;
        }

      if (v >= s->n || (s->tflags[v] & TF_USED))
        continue;
      if (_rs_sent_of (s, v) != _rs_sent_of (s, i))
        continue;

      b = code_run (s, v);
      if (b != G_MAXUINT)
        b = extend_groups (s, b);
      /* a letter prefix and a number: plates "BK 47215", "MBR 99812345" */
      if (b == v && (rs_tok (s, v)->flags & RTOK_UPPER) &&
          rs_tok (s, v)->n_chars <= 4 && b + 1 < s->n && rs_tok (s, b + 1)->kind != RTOK_PUNCT &&
          is_code_tok (s, b + 1) && (rs_tok (s, b + 1)->flags & RTOK_DIGIT || rs_tok (s, b + 1)->kind == RTOK_NUM))
        b = extend_groups (s, code_run (s, b + 1));
      if (b == G_MAXUINT || !enough_digits (s, v, b, cat))
        {
          /* the number a little further on in the clause: "driver's license
           * for Kenneth Amato, no. RT482915", "license, H12345678, issued
           * to …", "license ending 0412 7781" */
          guint found = G_MAXUINT;

          for (guint w = v; w < s->n && w <= v + 8 && found == G_MAXUINT; w++)
            {
              guint e;

              /* another label takes over from there */
              if (w > v && _rs_match (s, w, LEX_ID_LABEL, NULL, NULL))
                break;
              /* a code that starts with capitals: "OPT-20417", "WDL8842KQ1" */
              gboolean lettered = rs_tok (s, w)->kind == RTOK_WORD && (rs_tok (s, w)->flags & RTOK_UPPER);

              if (_rs_sent_of (s, w) != _rs_sent_of (s, i) || (s->tflags[w] & (TF_USED | TF_HANDLE)) ||
                  !((rs_tok (s, w)->flags & RTOK_DIGIT) || lettered) ||
                  (w > 0 && _rs_joined (s, w) && rs_tok (s, w - 1)->kind != RTOK_PUNCT))
                continue;
              if (iso_date_at (s, w) || (e = code_run (s, w)) == G_MAXUINT)
                continue;
              e = extend_groups (s, e);
              /* letters and digits mixed are an identifier's shape, not a
               * quantity: four digits are enough then */
              if ((count_digits (s, w, e) >= (code_has_letters (s, w, e) && (lettered || e > w) ? 4u : 6u) ||
                   ((cat == ROUNDS_FINDING_CATEGORY_VEHICLE || cat == ROUNDS_FINDING_CATEGORY_LICENSE) &&
                    code_has_letters (s, w, e) && enough_digits (s, w, e, cat))) &&
                  !(e + 1 < s->n && _rs_joined (s, e + 1) && _rs_is_ch (s, e + 1, '/')))
                found = w, b = e;
            }
          if (found == G_MAXUINT)
            continue;
          v = found;
          far = TRUE;
        }


      if (!enough_digits (s, v, b, cat))
        continue;

      /* a code of lower-case words is prose, not an identifier */
      if (rs_tok (s, v)->kind == RTOK_WORD && (rs_tok (s, v)->flags & RTOK_LOWER) &&
          !(rs_tok (s, v)->flags & RTOK_DIGIT))
        continue;

      /* a number found further on is flagged alone: what lies between
       * (a name) is for the other detectors */
      _rs_mark (s, far ? v : i, b, TF_USED);
      /* a number further on names its own kind when a plan word is just
       * before it: "claim: Medica has member 88231907-01 on file" */
      if (far && cat != ROUNDS_FINDING_CATEGORY_HEALTH_PLAN && plan_cue_before (s, v, 3))
        _rs_add (s, v, b, RULE_HEALTH_PLAN);
      else
        _rs_add (s, far ? v : i, b,
                 cat == ROUNDS_FINDING_CATEGORY_OTHER_ID ? doc_label_before (s, i) : rule_for_category (cat));
      i = b;
    }
}

/* A group of @n masking characters at @i, as a masked number shows the
 * digits it hides ("xxx", "***", "•••"): the token after it, or G_MAXUINT */
static guint
mask_group (const RScan *s,
            guint        i,
            guint        n)
{
  guint k = i;

  if (i >= s->n)
    return G_MAXUINT;
  if (rs_tok (s, i)->kind == RTOK_WORD)
    {
      const char *key = rs_key (s, i);

      if (rs_tok (s, i)->key_len != n)
        return G_MAXUINT;
      for (guint c = 0; c < n; c++)
        if (key[c] != 'x')
          return G_MAXUINT;
      return i + 1;
    }
  while (k < s->n && k - i < n && rs_tok (s, k)->kind == RTOK_PUNCT &&
         (k == i || _rs_joined (s, k)) &&
         (rs_tok (s, k)->ch == '*' || rs_tok (s, k)->ch == 0x2022 || rs_tok (s, k)->ch == 0x25CF))
    k++;
  return k - i == n ? k : G_MAXUINT;
}

static gboolean
is_vin (const RScan *s,
        guint        i)
{
  const RTok *t = rs_tok (s, i);
  const char *k = rs_key (s, i);
  guint digits = 0, letters = 0;

  if (t->kind != RTOK_WORD || t->key_len != 17 || !(t->flags & RTOK_UPPER))
    return FALSE;

  for (; *k; k++)
    {
      if (g_ascii_isdigit (*k))
        digits++;
      else if (*k == 'i' || *k == 'o' || *k == 'q' || !g_ascii_isalpha (*k))
        return FALSE;
      else
        letters++;
    }

  return digits >= 3 && letters >= 3;
}

static void
detect_unlabelled (RScan *s)
{
  for (guint i = 0; i < s->n; i++)
    {
      guint b;
      guint digits;

      if (s->tflags[i] & (TF_USED | TF_HANDLE))
        continue;
      if (i > 0 && _rs_joined (s, i) && rs_tok (s, i - 1)->kind != RTOK_PUNCT)
        continue;
      /* a token without a digit that nothing follows without a space
       * (most words) is a run of its own with no digit: no VIN, no
       * masked SSN, and every code below needs a digit */
      if (!(rs_tok (s, i)->flags & RTOK_DIGIT) && rs_tok (s, i)->kind != RTOK_NUM && !_rs_joined (s, i + 1))
        continue;

      if (is_vin (s, i))
        {
          _rs_mark (s, i, i, TF_USED);
          _rs_add (s, i, i, RULE_VEHICLE);
          continue;
        }

      /* a masked SSN still shows the last four: "xxx-xx-4417",
       * "***-**-4417", "•••-••-4417" */
      {
        guint m1 = mask_group (s, i, 3), m2;

        if (m1 != G_MAXUINT && _rs_is_dash (s, m1) && _rs_joined (s, m1) &&
            (m2 = mask_group (s, m1 + 1, 2)) != G_MAXUINT && _rs_joined (s, m1 + 1) &&
            _rs_is_dash (s, m2) && _rs_joined (s, m2) &&
            m2 + 1 < s->n && _rs_joined (s, m2 + 1) && rs_tok (s, m2 + 1)->kind == RTOK_NUM &&
            rs_tok (s, m2 + 1)->key_len == 4)
          {
            _rs_mark (s, i, m2 + 1, TF_USED);
            _rs_add (s, i, m2 + 1, RULE_SSN);
            i = m2 + 1;
            continue;
          }
      }

      b = code_run (s, i);
      if (b == G_MAXUINT)
        continue;

      digits = count_digits (s, i, b);

      /* a promo code is not an identifier */
      if (i > 0 && _rs_word (s, i - 1, WORD_ID_PROMO_CODE))
        {
          i = b;
          continue;
        }

      /* a code right after an insurer or plan word is a member number:
       * "Aetna W2841 77390", "SelectHealth member SH-90481177", digits
       * alone too ("member 88231907-01", "HealthPlan, ID 701448930") */
      if (((rs_tok (s, i)->kind == RTOK_WORD && (rs_tok (s, i)->flags & RTOK_DIGIT)) ||
           (rs_tok (s, i)->kind == RTOK_NUM && rs_tok (s, i)->key_len >= 5)))
        {
          /* the plan's letters before the number: "Cigna number as CGN
           * 77120934-01" */
          guint from = letter_prefix (s, i) ? i - 1 : i;
          guint e = extend_groups (s, b);

          if (plan_cue_before (s, from, from < i ? 4 : 3) && count_digits (s, i, e) >= 5 &&
              !(s->tflags[e] & TF_USED))
            {
              _rs_mark (s, from, e, TF_USED);
              _rs_add (s, from, e, RULE_HEALTH_PLAN);
              i = e;
              continue;
            }
        }

      /* letters + dash + digits: "PTE-55871", "RS11-4490-2217"; a member
       * number when an insurer or plan word came just before */
      if (b > i && rs_tok (s, i)->kind == RTOK_WORD && (rs_tok (s, i)->flags & RTOK_UPPER) &&
          _rs_is_dash (s, i + 1) && digits >= 4 && !(s->tflags[b] & TF_USED))
        {
          _rs_mark (s, i, b, TF_USED);
          _rs_add (s, i, b, plan_cue_before (s, i, 20) ? RULE_HEALTH_PLAN : unlabelled_rule (s, i));
          i = b;
          continue;
        }

      /* a long code of digits and letters ("108447219WA",
       * "90412785C31208"): a member number when an insurer or plan word
       * came shortly before ("ProviderOne ID …"), another id otherwise */
      if (digits >= 7 && !(s->tflags[b] & TF_USED) && code_has_letters (s, i, b))
        {
          _rs_mark (s, i, b, TF_USED);
          _rs_add (s, i, b, plan_cue_before (s, i, 6) ? RULE_HEALTH_PLAN : unlabelled_rule (s, i));
          i = b;
          continue;
        }

      /* a long run of digits that is no phone, price or year */
      if (b == i && rs_tok (s, i)->kind == RTOK_NUM && rs_tok (s, i)->key_len >= 8 &&
          !(i > 0 && (_rs_is_ch (s, i - 1, '$') || (_rs_is_ch (s, i - 1, ',') && _rs_joined (s, i)))) &&
          !(i + 2 < s->n && _rs_is_ch (s, i + 1, ',') && _rs_joined (s, i + 1) && _rs_joined (s, i + 2) &&
            rs_tok (s, i + 2)->kind == RTOK_NUM))
        {
          RRuleId rule = unlabelled_rule (s, i);

          /* ten digits in a phone's shape that nothing else labels: "su
           * número 9565550146 no tiene WhatsApp" */
          if (rule == RULE_OTHER_ID && nanp_digits (s, i))
            rule = RULE_PHONE;
          _rs_mark (s, i, b, TF_USED);
          _rs_add (s, i, b, rule);
          continue;
        }

      i = b;
    }
}

/* --------------------------------------------------------------- address */

static gboolean
address_is_own (const RScan *s,
                guint        number,
                guint        street)
{
  GPtrArray *keys;
  g_autofree char *k = NULL;

  if (s->profile == NULL)
    return FALSE;

  k = g_strdup_printf ("%s %s", rs_key (s, number), _rounds_street_word_norm (rs_key (s, street)));
  keys = _rounds_compliance_profile_get_address_keys (s->profile);
  for (guint m = 0; m < keys->len; m++)
    if (strcmp (g_ptr_array_index (keys, m), k) == 0)
      return TRUE;

  return FALSE;
}

static gboolean
zip_is_own (const RScan *s,
            guint        i)
{
  GPtrArray *zips;

  if (s->profile == NULL)
    return FALSE;
  zips = _rounds_compliance_profile_get_zips (s->profile);
  for (guint m = 0; m < zips->len; m++)
    if (strcmp (g_ptr_array_index (zips, m), rs_key (s, i)) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_state (const RScan *s,
          guint        i,
          guint       *end)
{
  guint e;

  if (!_rs_match (s, i, LEX_US_STATE, &e, NULL))
    return FALSE;
  /* two-letter codes only in capitals ("IL", not "in") */
  if (e == i && rs_tok (s, i)->n_chars == 2 && !(rs_tok (s, i)->flags & RTOK_UPPER))
    return FALSE;
  if (!(rs_tok (s, i)->flags & RTOK_CAP))
    return FALSE;
  *end = e;
  return TRUE;
}

static gboolean
is_zip (const RScan *s,
        guint        i)
{
  return i < s->n && rs_tok (s, i)->kind == RTOK_NUM && rs_tok (s, i)->key_len == 5;
}

/* After a street, town, state: extend over ", City, ST 12345". */
static guint
extend_locality (const RScan *s,
                 guint        b,
                 gboolean    *own_zip)
{
  guint k = b + 1;
  guint e;

  /* unit: ", Apt 4B", "#12" */
  if (k < s->n && _rs_is_ch (s, k, ','))
    k++;
  if (k < s->n && _rs_lex1 (s, k, LEX_UNIT_WORD) && k + 1 < s->n)
    {
      guint u = k + 1;

      if (_rs_is_ch (s, u, '.'))
        u++;
      if (u < s->n && (rs_tok (s, u)->flags & RTOK_DIGIT || rs_tok (s, u)->n_chars <= 2))
        {
          b = u;
          k = b + 1;
          if (k < s->n && _rs_is_ch (s, k, ','))
            k++;
        }
    }

  /* city: up to three capitalised words, then a comma, a state or a ZIP */
  {
    guint c = k;
    guint words = 0;

    while (c < s->n && words < 3 && _rs_is_word (s, c) && (rs_tok (s, c)->flags & RTOK_CAP) &&
           !is_state (s, c, &e))
      {
        c++;
        words++;
      }

    if (words > 0 && c < s->n)
      {
        guint after = c;

        if (_rs_is_ch (s, after, ','))
          after++;
        if (after < s->n && is_state (s, after, &e))
          {
            b = e;
            if (is_zip (s, e + 1))
              {
                b = e + 1;
                *own_zip = zip_is_own (s, b);
              }
            return b;
          }
        if (is_zip (s, after))
          {
            *own_zip = zip_is_own (s, after);
            return after;
          }
        /* "…Rd, Champaign" with the sentence ending there */
        if (_rs_is_ch (s, k - 1, ',') && (c >= s->n || rs_tok (s, c)->kind == RTOK_PUNCT ||
                                           _rs_sent_of (s, c) != _rs_sent_of (s, k)))
          return c - 1;
        if (_rs_is_ch (s, k - 1, ',') && words <= 2)
          return c - 1;
      }
    else if (k < s->n && is_state (s, k, &e))
      {
        b = e;
        if (is_zip (s, e + 1))
          b = e + 1;
        return b;
      }
  }

  return b;
}

static void
detect_addresses (RScan *s)
{
  for (guint i = 0; i < s->n; i++)
    {
      guint k, words = 0, b;
      gboolean own_zip = FALSE;
      guint street_first = G_MAXUINT;

      if (s->tflags[i] & (TF_USED | TF_HANDLE))
        continue;

      /* P.O. Box 123 */
      if (_rs_words_at (s, i, WORD_ADDRESS_PO, &k))
        {
          k++;
          while (k < s->n && _rs_is_ch (s, k, '.'))
            k++;
          if (_rs_word (s, k, WORD_ADDRESS_BOX) && k + 1 < s->n && rs_tok (s, k + 1)->kind == RTOK_NUM)
            {
              b = extend_locality (s, k + 1, &own_zip);
              _rs_mark (s, i, b, TF_USED);
              _rs_add (s, i, b, RULE_ADDRESS);
              i = b;
              continue;
            }
        }

      if (rs_tok (s, i)->kind != RTOK_NUM || rs_tok (s, i)->key_len > 6)
        continue;
      if (i > 0 && (_rs_is_ch (s, i - 1, '$') || _rs_is_ch (s, i - 1, '#') ||
                    (_rs_joined (s, i) && rs_tok (s, i - 1)->kind != RTOK_PUNCT)))
        continue;

      k = i + 1;
      if (k < s->n && _rs_joined (s, k))
        continue;
      if (_rs_lex1 (s, k, LEX_DIRECTION) && (rs_tok (s, k)->flags & RTOK_CAP))
        {
          k++;
          if (_rs_is_ch (s, k, '.'))
            k++;
        }

      /* a street named by a letter or a number after its kind: "7314
       * Avenue F", "1817 Rd 38", "40 Calle 5" */
      if (k + 1 < s->n && (rs_tok (s, k)->flags & RTOK_CAP) &&
          (_rs_lex1 (s, k, LEX_STREET_SUFFIX) || _rs_lex1 (s, k, LEX_STREET_PREFIX)) &&
          _rs_sent_of (s, k + 1) == _rs_sent_of (s, i) && !(s->tflags[k + 1] & (TF_USED | TF_HANDLE)) &&
          ((rs_tok (s, k + 1)->kind == RTOK_WORD && rs_tok (s, k + 1)->n_chars == 1 &&
            (rs_tok (s, k + 1)->flags & RTOK_UPPER)) ||
           (rs_tok (s, k + 1)->kind == RTOK_NUM && rs_tok (s, k + 1)->key_len <= 3)) &&
          !(k + 2 < s->n && _rs_joined (s, k + 2) && rs_tok (s, k + 2)->kind != RTOK_PUNCT) &&
          !address_is_own (s, i, k))
        {
          b = extend_locality (s, k + 1, &own_zip);
          _rs_mark (s, i, b, TF_USED);
          if (_rs_personal_context (s, i))
            _rs_add (s, i, b, RULE_ADDRESS);
          i = b;
          continue;
        }

      while (k < s->n && words < 5 && _rs_is_word (s, k) &&
             ((rs_tok (s, k)->flags & RTOK_CAP) || (rs_tok (s, k)->flags & RTOK_DIGIT)) &&
             _rs_sent_of (s, k) == _rs_sent_of (s, i))
        {
          if (street_first == G_MAXUINT)
            street_first = k;
          words++;
          if (words >= 2 && _rs_lex1 (s, k, LEX_STREET_SUFFIX))
            break;
          k++;
        }

      /* the practice's own street with no suffix: "9250 East Via Linda" */
      if (words >= 1 && address_is_own (s, i, street_first) && !(k < s->n && _rs_lex1 (s, k, LEX_STREET_SUFFIX)))
        {
          _rs_mark (s, i, k - 1, TF_EXEMPT | TF_USED);
          i = k - 1;
          continue;
        }

      if (words < 2 || k >= s->n || !_rs_lex1 (s, k, LEX_STREET_SUFFIX))
        continue;

      b = k;
      if (b + 1 < s->n && _rs_is_ch (s, b + 1, '.') && _rs_joined (s, b + 1))
        b++;

      if (address_is_own (s, i, street_first))
        {
          _rs_mark (s, i, b, TF_EXEMPT | TF_USED);
          i = b;
          continue;
        }

      b = extend_locality (s, b, &own_zip);
      _rs_mark (s, i, b, TF_USED);
      if (_rs_personal_context (s, i))
        _rs_add (s, i, b, RULE_ADDRESS);
      i = b;
    }

  /* town + ZIP: "Savoy, IL 61874", "Urbana 61802" */
  for (guint i = 0; i < s->n; i++)
    {
      guint st, e, z;

      if (!is_zip (s, i) || (s->tflags[i] & TF_USED) || zip_is_own (s, i))
        continue;

      z = i;
      st = i - 1;
      if (i == 0)
        continue;
      if (i >= 1 && rs_tok (s, i - 1)->kind == RTOK_WORD && (rs_tok (s, i - 1)->flags & RTOK_UPPER) &&
          i >= 2)
        {
          /* state code before the ZIP */
          guint t = i - 1;

          if (is_state (s, t, &e) && e == t)
            {
              st = t > 0 ? t - 1 : t;
              if (_rs_is_ch (s, st, ',') && st > 0)
                st--;
              if (_rs_is_word (s, st) && (rs_tok (s, st)->flags & RTOK_CAP) && !(s->tflags[st] & TF_USED))
                {
                  _rs_mark (s, st, z, TF_USED);
                  if (_rs_personal_context (s, st))
                    _rs_add (s, st, z, RULE_ADDRESS_ZIP);
                  continue;
                }
            }
        }

      /* a town without a state: "out to Barnardsville 28709 on
       * Thursday", "54th and Leavenworth, 68106" */
      st = _rs_is_ch (s, i - 1, ',') && i >= 2 ? i - 2 : i - 1;
      if (_rs_is_word (s, st) && (rs_tok (s, st)->flags & RTOK_CAP) && !(rs_tok (s, st)->flags & RTOK_DIGIT) &&
          !((rs_tok (s, st)->flags & RTOK_UPPER) && rs_tok (s, st)->n_chars <= 2) && !_rs_is_sent_start (s, st) &&
          !(s->tflags[st] & (TF_USED | TF_EXEMPT | TF_STAFF)) &&
          !_rs_lex1 (s, st, LEX_MONTH) && !_rs_lex1 (s, st, LEX_WEEKDAY) && !_rs_lex1 (s, st, LEX_UNIT_WORD) &&
          !_rs_lex1 (s, st, LEX_STREET_SUFFIX) && !_rs_lex1 (s, st, LEX_ID_LABEL) &&
          !(i + 1 < s->n && _rs_joined (s, i + 1) && rs_tok (s, i + 1)->kind != RTOK_PUNCT) &&
          _rs_personal_context (s, st))
        {
          _rs_mark (s, st, z, TF_USED);
          _rs_add (s, st, z, RULE_ADDRESS_ZIP);
        }
    }
}

/* ------------------------------------------------------------------- age */

/* "95 and thriving!", "— 91 and never missed a day", "Ninety-two and
 * sharp as a tack": a number of years that opens a sentence or a clause
 * (after a dash or an emoji) and goes on with "and" and a word about the
 * person (not "and counting", "and up"); @i is the number's first token,
 * @b its last */
static gboolean
age_opens_clause (const RScan *s,
                  guint        i,
                  guint        b)
{
  const RTok *prev = i > 0 ? rs_tok (s, i - 1) : NULL;

  if (!(_rs_is_sent_start (s, i) || _rs_is_dash (s, i - 1) ||
        (prev != NULL && prev->kind == RTOK_PUNCT &&
         (g_unichar_type (prev->ch) == G_UNICODE_OTHER_SYMBOL || prev->ch == 0xFE0F))))
    return FALSE;
  return _rs_word (s, b + 1, WORD_AGE_CLAUSE_AND) && _rs_is_word (s, b + 2) &&
         (rs_tok (s, b + 2)->flags & RTOK_LOWER) && !(rs_tok (s, b + 2)->flags & RTOK_DIGIT) &&
         !_rs_word (s, b + 2, WORD_AGE_CLAUSE_NOT);
}

static int
leading_number (const char *k,
                const char **rest)
{
  int v = 0;
  int n = 0;

  while (*k && g_ascii_isdigit (*k) && n < 4)
    {
      v = v * 10 + (*k - '0');
      k++;
      n++;
    }
  if (rest)
    *rest = k;
  return n == 0 ? -1 : v;
}

/* "learned at 91 that her …", "our oldest member at 102 and the
 * funniest!": the number closes what someone did or is at it (a clause
 * word or the end of the clause after it), in a sentence about a person
 * (he, she, you, a person noun); "sugar at 102 is fine", "at 91 Main St"
 * are not */
static gboolean
age_at_closes (const RScan *s,
               guint        i)
{
  const RSent *sent = _rs_sent (s, _rs_sent_of (s, i));
  gboolean person = FALSE;

  if (!(i + 1 > sent->last || _rs_word (s, i + 1, WORD_AGE_AT_NEXT) || _rs_is_ch (s, i + 1, '!') ||
        _rs_is_ch (s, i + 1, '.') || _rs_is_ch (s, i + 1, ',')))
    return FALSE;
  if (i + 2 < s->n && _rs_joined (s, i + 1) && _rs_joined (s, i + 2))
    return FALSE;  /* "102.5" */
  for (guint k = sent->first; k <= sent->last && !person; k++)
    person = _rs_word (s, k, WORD_CARE_THIRD) || _rs_word (s, k, WORD_CARE_YOU) || _rs_lex1 (s, k, LEX_PERSON_NOUN);
  return person;
}

static void
detect_ages (RScan *s)
{
  for (guint i = 0; i < s->n; i++)
    {
      const char *rest;
      int v;
      gboolean age = FALSE;
      guint k;

      if (s->tflags[i] & TF_USED)
        continue;
      if (!(rs_tok (s, i)->flags & RTOK_DIGIT))
        continue;

      v = leading_number (rs_key (s, i), &rest);
      if (v < 90 || v > 125)
        continue;
      if (i > 0 && (_rs_is_ch (s, i - 1, '$') || _rs_is_ch (s, i - 1, '#') ||
                    (_rs_joined (s, i) && (_rs_is_ch (s, i - 1, '.') || _rs_is_ch (s, i - 1, ',')))))
        continue;
      if (i + 1 < s->n && _rs_joined (s, i + 1) && (_rs_is_ch (s, i + 1, '%') || _rs_is_ch (s, i + 1, '.') ||
                                                    _rs_is_ch (s, i + 1, ',')) &&
          i + 2 < s->n && rs_tok (s, i + 2)->kind == RTOK_NUM)
        continue;
      if (i + 1 < s->n && _rs_is_ch (s, i + 1, '%'))
        continue;

      if (*rest == '\0')
        {
          k = i + 1;
          if (_rs_is_dash (s, k) && _rs_joined (s, k))
            k++;
          if (_rs_match (s, k, LEX_AGE_AFTER, NULL, NULL) && !_rs_word (s, k, WORD_AGE_BIRTHDAY))
            age = TRUE;

          if (!age && i > 0)
            {
              guint p = i - 1;
              guint end;

              for (guint back = 0; back < 3 && !age; back++)
                {
                  if (_rs_match (s, p, LEX_AGE_BEFORE, &end, NULL) && end == i - 1)
                    {
                      if (_rs_word (s, p, WORD_AGE_BEFORE_NOT))
                        age = FALSE;
                      else if (_rs_word (s, p, WORD_AGE_LABEL))
                        {
                          /* "age 7", "ages 4 and 6" */
                          age = i + 1 < s->n && !_rs_word (s, i + 1, WORD_AGE_RANGE_AND);
                        }
                      else if (_rs_word (s, p, WORD_AGE_BEFORE_CLAUSE))
                        {
                          /* "is 92," / "was 95." / "tiene 93 años": the number ends the clause
                           * (an emoji ends it too: "was 91 😮") */
                          age = (i + 1 >= s->n || _rs_is_ch (s, i + 1, ',') || _rs_is_ch (s, i + 1, '.') ||
                                 _rs_is_ch (s, i + 1, '!') || _rs_word (s, i + 1, WORD_AGE_CLAUSE_AND) ||
                                 (rs_tok (s, i + 1)->kind == RTOK_PUNCT &&
                                  g_unichar_type (rs_tok (s, i + 1)->ch) == G_UNICODE_OTHER_SYMBOL));
                        }
                      else
                        age = TRUE;
                    }
                  if (p == 0)
                    break;
                  p--;
                }
            }

          if (!age && age_opens_clause (s, i, i))
            age = TRUE;

          /* "a lady of 94": a person of that many years */
          if (!age && i >= 2 && _rs_word (s, i - 1, WORD_AGE_OF) && _rs_lex1 (s, i - 2, LEX_PERSON_NOUN))
            age = TRUE;
          /* "at 91 you …", "at 96, she …": the age someone is doing it at */
          if (!age && i >= 1 && _rs_word (s, i - 1, WORD_AGE_AT))
            {
              guint who = _rs_is_ch (s, i + 1, ',') ? i + 2 : i + 1;

              age = _rs_word (s, who, WORD_CARE_YOU) || _rs_word (s, who, WORD_CARE_THIRD) ||
                    age_at_closes (s, i);
            }

          /* "Grandpa Joe (92!)": an age in brackets after a name */
          if (!age && i >= 2 && _rs_is_ch (s, i - 1, '(') && _rs_is_word (s, i - 2) &&
              (rs_tok (s, i - 2)->flags & RTOK_CAP) && !(rs_tok (s, i - 2)->flags & RTOK_DIGIT) &&
              (_rs_is_ch (s, i + 1, ')') || (_rs_is_ch (s, i + 1, '!') && _rs_is_ch (s, i + 2, ')'))))
            age = TRUE;

          /* "Dale Henderson, 91, just walked…", "J.M., 96,": an age set off after a name */
          if (!age && i >= 2 && _rs_is_ch (s, i - 1, ',') &&
              ((_rs_is_word (s, i - 2) && (rs_tok (s, i - 2)->flags & RTOK_CAP) &&
                !(rs_tok (s, i - 2)->flags & RTOK_DIGIT)) ||
               (i >= 3 && _rs_is_ch (s, i - 2, '.') && _rs_is_word (s, i - 3) && rs_tok (s, i - 3)->n_chars == 1 &&
                (rs_tok (s, i - 3)->flags & RTOK_UPPER))) &&
              !_rs_lex1 (s, i - 2, LEX_MONTH) && !_rs_lex1 (s, i - 2, LEX_WEEKDAY) &&
              !_rs_lex1 (s, i - 2, LEX_UNIT_WORD) && !_rs_lex1 (s, i - 2, LEX_STREET_SUFFIX) &&
              (i + 1 >= s->n || _rs_is_ch (s, i + 1, ',') || _rs_is_ch (s, i + 1, '!') ||
               (_rs_is_ch (s, i + 1, '.') && !_rs_joined (s, i + 2)) ||
               /* "Frank, 91 and still going strong" */
               _rs_word (s, i + 1, WORD_AGE_CLAUSE_AND)))
            age = TRUE;
        }
      else if (_rs_affix_is (s, WORD_AGE_ORDINAL_SUFFIX, rest) && i + 1 < s->n &&
               (_rs_word (s, i + 1, WORD_AGE_BIRTHDAY) ||
                /* "celebrates her 100th this week" */
                (i > 0 && _rs_lex1 (s, i - 1, LEX_POSS3)) ||
                /* "Happy 93rd to our sweetheart…" */
                (i > 0 && _rs_word (s, i - 1, WORD_AGE_HAPPY) &&
                 (i + 1 >= s->n || _rs_word (s, i + 1, WORD_AGE_HAPPY_TO) ||
                  _rs_is_ch (s, i + 1, ',') || _rs_is_ch (s, i + 1, '!')))))
        age = TRUE;
      else if (_rs_affix_is (s, WORD_AGE_DECADE_SUFFIX, rest) && i > 0 &&
               (_rs_lex1 (s, i - 1, LEX_POSS3) || _rs_word (s, i - 1, WORD_AGE_DECADE_BEFORE)))
        age = TRUE;
      else if (_rs_affix_is (s, WORD_AGE_YEARS_SUFFIX, rest))
        age = TRUE;

      if (!age)
        continue;

      /* "Happy 100th birthday to the Science Center": not a person */
      if (_rs_words_at (s, i + 1, WORD_AGE_BIRTHDAY_TO_THE, &k))
        {
          gboolean organisation = FALSE;

          for (guint n = k + 1; n < s->n && n < k + 6 && _rs_is_word (s, n) && (rs_tok (s, n)->flags & RTOK_CAP); n++)
            if (_rs_lex1 (s, n, LEX_NAME_STOP))
              organisation = TRUE;
          if (organisation)
            continue;
        }

      /* "adults over 90", "patients 90 and older" are populations */
      if (i > 0 && _rs_word (s, i - 1, WORD_AGE_POPULATION_BEFORE))
        continue;
      k = i + 1;
      if (_rs_is_dash (s, k))
        k++;
      if (_rs_words_at (s, k, WORD_AGE_POPULATION_AFTER, NULL))
        continue;
      if (_rs_is_ch (s, i + 1, '+'))
        continue;

      _rs_mark (s, i, i, TF_USED);
      _rs_add (s, i, i, RULE_AGE);
    }
}

/* An age over 89 in words, "ninety-six", "noventa y cinco", "a hundred",
 * or as an ordinal, "ninety-first", "hundredth" (*ordinal): the last token
 * of it, or G_MAXUINT */
static guint
age_in_words (const RScan *s,
              guint        i,
              gboolean    *ordinal)
{
  *ordinal = _rs_word (s, i, WORD_AGE_UNIT_ORDINAL);
  if (_rs_word (s, i, WORD_AGE_HUNDRED_WORD) || *ordinal)
    return i;
  if (!_rs_word (s, i, WORD_AGE_TENS_WORD))
    return G_MAXUINT;
  /* "ninety-six", "ninety-first", "ninety six", "noventa y cinco" */
  if (_rs_is_dash (s, i + 1) && _rs_joined (s, i + 1) && _rs_joined (s, i + 2) &&
      (_rs_word (s, i + 2, WORD_AGE_UNIT_WORD) || _rs_word (s, i + 2, WORD_AGE_UNIT_ORDINAL)))
    {
      *ordinal = _rs_word (s, i + 2, WORD_AGE_UNIT_ORDINAL);
      return i + 2;
    }
  if (_rs_word (s, i + 1, WORD_AGE_UNIT_WORD))
    return i + 1;
  if (_rs_word (s, i + 1, WORD_AGE_CLAUSE_AND) && _rs_word (s, i + 2, WORD_AGE_UNIT_WORD))
    return i + 2;
  return i;
}

/* "turned ninety-six", "noventa y cinco años", "a hundred years old": an
 * age in words, after a word that gives an age or before one that closes
 * it; as an ordinal, before "birthday" or after "happy" or a possessive
 * ("her ninety-first"); not a population ("adults over ninety") */
static void
detect_ages_in_words (RScan *s)
{
  for (guint i = 0; i < s->n; i++)
    {
      gboolean ordinal;
      guint b = age_in_words (s, i, &ordinal), end, a;

      if (b == G_MAXUINT || (s->tflags[i] & TF_USED))
        continue;
      /* "a hundred", "one hundred", "cien" */
      a = i;
      if (_rs_word (s, i, WORD_AGE_HUNDRED_WORD) && a > 0 && _rs_word (s, a - 1, WORD_AGE_HUNDRED_BEFORE))
        a--;
      if (!ordinal && age_opens_clause (s, a, b))
        {
          _rs_mark (s, a, b, TF_USED);
          _rs_add (s, a, b, RULE_AGE);
          i = b;
          continue;
        }
      if (a == 0 || _rs_word (s, a - 1, WORD_AGE_POPULATION_BEFORE))
        continue;
      a--;
      if (ordinal)
        {
          /* "first", "second" alone are no age: only after "ninety-" or as "hundredth" */
          if (b == i && !_rs_word (s, i, WORD_AGE_HUNDRED_ORDINAL))
            continue;
          if (!(_rs_word (s, b + 1, WORD_AGE_BIRTHDAY) || _rs_word (s, a, WORD_AGE_HAPPY) || _rs_lex1 (s, a, LEX_POSS3)))
            continue;
        }
      else if (!((_rs_match (s, a, LEX_AGE_BEFORE, &end, NULL) && end == a && !_rs_word (s, a, WORD_AGE_BEFORE_NOT) &&
                  !_rs_word (s, a, WORD_AGE_LABEL)) ||
                 (_rs_match (s, b + 1, LEX_AGE_AFTER, NULL, NULL) && !_rs_word (s, b + 1, WORD_AGE_BIRTHDAY))))
        continue;
      _rs_mark (s, i, b, TF_USED);
      _rs_add (s, i, b, RULE_AGE);
      i = b;
    }
}

void
_rounds_detect_identifiers (RScan *s)
{
  /* every part needs a digit or a number token: a labelled code at
   * least three digits, an unlabelled one a number or a code with digits,
   * an address its house number or ZIP, an age its number; a text without
   * one has none of these (the loop below still marks the contacts found
   * before). A new part that can find something without a digit or a
   * number must go outside it, as ages in words do. */
  if (_rs_text_has_digit (s))
    {
      detect_labelled (s);
      detect_unlabelled (s);
      detect_addresses (s);
      detect_ages (s);
    }
  if (_rs_text_may_start (s, WORD_AGE_TENS_WORD) || _rs_text_may_start (s, WORD_AGE_HUNDRED_WORD) ||
      _rs_text_may_start (s, WORD_AGE_HUNDRED_ORDINAL))
    detect_ages_in_words (s);

  for (guint k = 0; k < s->cands->len; k++)
    {
      const RCand *c = &g_array_index (s->cands, RCand, k);

      g_array_index (s->sents, RSent, _rs_sent_of (s, c->t0)).flags |= SF_HAS_ID;
    }
}
