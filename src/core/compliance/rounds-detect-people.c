/* rounds-detect-people.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * People who are not patients: doctors and staff introduced by a title or
 * role ("Dr. Matsuda", "our hygienist Kelly"), the practice's staff from
 * its profile, and public figures introduced by a title ("Senator Ruiz").
 * Marked before the name and testimonial detectors run, so that nothing
 * takes them for patients.
 */

#define G_LOG_DOMAIN "rounds-compliance"

#include "config.h"

#include <string.h>

#include "rounds-detect-toolkit.h"

/* @key is a common short form of a first name ("lupe" for "guadalupe"):
 * one of @entries, the entries "FIRST SHORT" of the word list
 * staff_short_form that start with that first name */
static gboolean
short_form_of (const GPtrArray *entries,
               const char      *key,
               gsize            key_len)
{
  for (guint k = 0; entries != NULL && k < entries->len; k++)
    {
      char **keys = g_ptr_array_index (entries, k);

      if (keys[1] != NULL && keys[2] == NULL && strlen (keys[1]) == key_len &&
          memcmp (keys[1], key, key_len) == 0)
        return TRUE;
    }
  return FALSE;
}

/* @short_forms: for each of the profile's staff, the entries of
 * staff_short_form for their first name (looked up once a scan) */
/* The staff's short forms and first bytes for this profile and rule
 * pack: looked up once per thread, not in every scan */
static const RStaffForms *
staff_forms (RScan     *s,
             GPtrArray *staff)
{
  RStaffForms *f = s->staff_forms;
  guint profile_serial = _rounds_compliance_profile_get_staff_serial (s->profile);

  if (f->profile_serial == profile_serial && f->rules_serial == s->rules->serial)
    return f;

  memset (f->first_bytes, 0, sizeof f->first_bytes);
  if (f->short_forms == NULL)
    f->short_forms = g_ptr_array_new ();
  g_ptr_array_set_size (f->short_forms, staff->len);
  for (guint k = 0; k < staff->len; k++)
    {
      const RStaff *st = g_ptr_array_index (staff, k);
      GPtrArray *forms;

      /* the short forms' entries by their first word, from the scan's
       * key table (a GHashTable lookup hashed each name again, every scan) */
      forms = st->first != NULL ?
              _rounds_rules_word_seqs_from (s->rules, WORD_STAFF_SHORT_FORM, st->first, strlen (st->first)) :
              NULL;
      g_ptr_array_index (f->short_forms, k) = forms;
      /* the first bytes staff_for () can match: a word starting with
       * none of them is nobody on the staff */
      if (st->first != NULL)
        f->first_bytes[(guchar) st->first[0] >> 6] |= G_GUINT64_CONSTANT (1) << ((guchar) st->first[0] & 63);
      if (st->last != NULL)
        f->first_bytes[(guchar) st->last[0] >> 6] |= G_GUINT64_CONSTANT (1) << ((guchar) st->last[0] & 63);
      for (guint m = 0; forms != NULL && m < forms->len; m++)
        {
          char **keys = g_ptr_array_index (forms, m);

          if (keys[1] != NULL)
            f->first_bytes[(guchar) keys[1][0] >> 6] |= G_GUINT64_CONSTANT (1) << ((guchar) keys[1][0] & 63);
        }
    }
  f->profile_serial = profile_serial;
  f->rules_serial = s->rules->serial;
  return f;
}

static const RStaff *
staff_for (const RScan      *s,
           guint             i,
           GPtrArray        *staff,
           GPtrArray *const *short_forms,
           gboolean         *is_first)
{
  const RTok *t = rs_tok (s, i);
  const char *key = rs_key (s, i);

  for (guint k = 0; k < staff->len; k++)
    {
      const RStaff *st = g_ptr_array_index (staff, k);

      /* the first bytes before the lengths (most staff names differ there) */
      if (st->first && st->first[0] == key[0] && strlen (st->first) == t->base_len &&
          memcmp (st->first, key, t->base_len) == 0)
        {
          *is_first = TRUE;
          return st;
        }
      if (st->last && st->last[0] == key[0] && strlen (st->last) == t->base_len &&
          memcmp (st->last, key, t->base_len) == 0)
        {
          *is_first = FALSE;
          return st;
        }
    }

  /* "Lupe" is Guadalupe at the front desk */
  for (guint k = 0; k < staff->len; k++)
    {
      const RStaff *st = g_ptr_array_index (staff, k);

      if (st->first && short_form_of (short_forms[k], key, t->base_len))
        {
          *is_first = TRUE;
          return st;
        }
    }

  /* "Beth" is Bethany, "Alex" Alexandra: a capitalised word of three
   * letters or more that begins a staff member's longer first name; not
   * a relative told of ("mamá de Sofi", "my daughter Sam") */
  if (t->base_len >= 3 && (t->flags & RTOK_CAP) &&
      !(i > 0 && (_rs_lex1 (s, i - 1, LEX_FAMILY) || _rs_word (s, i - 1, WORD_NAME_KIN_BEFORE) ||
                  _rs_words_end_at (s, i - 1, WORD_NAME_OF_FAMILY))))
    for (guint k = 0; k < staff->len; k++)
      {
        const RStaff *st = g_ptr_array_index (staff, k);

        /* (one letter more is another person's name, not a short form:
         * "Gabriel" is not Gabriela, "Paul" not Paula) */
        if (st->first && strlen (st->first) > (gsize) t->base_len + 1 && memcmp (st->first, key, t->base_len) == 0)
          {
            *is_first = TRUE;
            return st;
          }
      }

  return NULL;
}

/* "Thanks Leah (not our Leah 😄)!", "Marcus — (no, not Dr. Whitfield)":
 * the text says the name at @i is not the staff member's (name_not_staff) */
static gboolean
said_not_staff (const RScan *s,
                guint        i)
{
  for (guint k = i + 1; k < s->n && k <= i + 6; k++)
    if (_rs_words_at (s, k, WORD_NAME_NOT_STAFF, NULL))
      return TRUE;
  return FALSE;
}

/* "… at the 2014 Paralympics 🏂 Winter's coming — ask us …": an emoji
 * followed by a capitalised word ends a clause as a full stop would */
static gboolean
emoji_break (const RScan *s,
             guint        k)
{
  const RTok *t = rs_tok (s, k);

  if (t->kind != RTOK_PUNCT || t->ch < 0x2000 || g_unichar_type (t->ch) != G_UNICODE_OTHER_SYMBOL)
    return FALSE;
  for (k++; k < s->n && rs_tok (s, k)->kind == RTOK_PUNCT &&
            (rs_tok (s, k)->ch == 0xFE0F || rs_tok (s, k)->ch == 0x200D ||
             g_unichar_type (rs_tok (s, k)->ch) == G_UNICODE_OTHER_SYMBOL ||
             g_unichar_type (rs_tok (s, k)->ch) == G_UNICODE_MODIFIER_SYMBOL);
       k++)
    ;
  return _rs_is_cap_word (s, k);
}

/* "Hi Sgt. Morales!", "Thank you for trusting us, Coach Rivera.": in a
 * reply, a title and the capitalised words after it, said to the reader
 * (after a greeting, or after a comma and closing the sentence), name the
 * reader, not a public figure: the name rules take them (tokens @i … @end
 * are the title) */
gboolean
_rs_title_addressed (const RScan *s,
                     guint        i,
                     guint        end)
{
  guint k = end + 1, last = G_MAXUINT;

  if (!rs_is_reply (s))
    return FALSE;
  if (_rs_is_ch (s, k, '.') && _rs_joined (s, k))
    k++;
  for (guint n = 0; n < 3 && k < s->n && _rs_is_cap_word (s, k); n++)
    last = k++;
  if (last == G_MAXUINT)
    return FALSE;
  /* closing the sentence ("…, Sgt. Morales." / "!" / an emoji) */
  if (!(last + 1 >= s->n || _rs_is_ch (s, last + 1, '.') || _rs_is_ch (s, last + 1, '!') ||
        _rs_is_ch (s, last + 1, ',') || _rs_is_ch (s, last + 1, '?') ||
        _rs_sent_of (s, last + 1) != _rs_sent_of (s, last)))
    return FALSE;
  if (i > 0 && _rs_is_ch (s, i - 1, ','))
    return TRUE;
  for (guint g = i > 4 ? i - 4 : 0; g < i; g++)
    {
      guint gend;

      if (_rs_match (s, g, LEX_GREETING, &gend, NULL) &&
          (gend == i - 1 || (gend == i - 2 && _rs_is_ch (s, i - 1, ','))))
        return TRUE;
    }
  return FALSE;
}

/* Staff, doctors and public figures: mark them first so that nothing else
 * takes them for patients. */
void
_rounds_detect_people (RScan *s)
{
  GPtrArray *staff;
  const RStaffForms *forms;
  /* the lexicons a title or role starts with: a token that starts a
   * match of none of them (its lexicon bits, s->tmask) starts none */
  const guint64 titles = (G_GUINT64_CONSTANT (1) << LEX_DOCTOR_TITLE) | (G_GUINT64_CONSTANT (1) << LEX_PUBLIC_TITLE) |
                         (G_GUINT64_CONSTANT (1) << LEX_STAFF_ROLE);

  for (guint i = 0; i < s->n && (s->tlex & titles) != 0; i++)
    {
      guint end;
      guint k;
      guint8 flag = 0;

      if (!(s->tmask[i] & titles))
        continue;
      if (_rs_match (s, i, LEX_DOCTOR_TITLE, &end, NULL) && (rs_tok (s, i)->flags & RTOK_CAP))
        flag = TF_STAFF;
      else if (_rs_match (s, i, LEX_PUBLIC_TITLE, &end, NULL) && (rs_tok (s, i)->flags & RTOK_CAP) &&
               _rs_title_addressed (s, i, end))
        continue;
      else if (_rs_match (s, i, LEX_PUBLIC_TITLE, &end, NULL) && (rs_tok (s, i)->flags & RTOK_CAP) &&
               !_rs_is_sent_start (s, i))
        flag = TF_PUBLIC;
      else if (_rs_match (s, i, LEX_PUBLIC_TITLE, &end, NULL) && (rs_tok (s, i)->flags & RTOK_CAP) &&
               end + 1 < s->n && _rs_is_cap_word (s, end + 1))
        flag = TF_PUBLIC;
      else if (_rs_match (s, i, LEX_STAFF_ROLE, &end, NULL) && !(rs_tok (s, i)->flags & RTOK_UPPER && rs_tok (s, i)->n_chars > 1))
        flag = TF_STAFF;
      else
        continue;

      k = end + 1;
      if (_rs_is_ch (s, k, '.'))
        k++;
      if (flag == TF_STAFF && _rs_is_ch (s, k, ','))
        k++;
      for (guint n = 0; k < s->n && n < 4 && (_rs_is_cap_word (s, k) || _rs_is_initial (s, k)); n++)
        {
          if (_rs_is_reviewer_part (s, k) || _rs_lex1 (s, k, LEX_HONORIFIC) || _rs_lex1 (s, k, LEX_DOCTOR_TITLE))
            break;
          s->tflags[k] |= flag;
          k++;
          if (_rs_is_ch (s, k, '.') && _rs_joined (s, k) && rs_tok (s, k - 1)->n_chars == 1)
            k++;
        }
    }

  /* "Selena Gomez talking openly about her diagnosis", "Katie Couric
   * famously had her colonoscopy on live TV": in a post, a full name in
   * a sentence that says its owner told the world (public_disclosure) is
   * a public figure's, as after a public title */
  if (s->kind == ROUNDS_TEXT_KIND_POST && _rs_text_may_start (s, WORD_PUBLIC_DISCLOSURE))
    for (guint k = 0; k < s->sents->len; k++)
      {
        const RSent *sent = _rs_sent (s, k);
        gboolean told = FALSE;
        guint last = sent->last;

        if (!_rs_sent_may_start (s, k, WORD_PUBLIC_DISCLOSURE))
          continue;
        for (guint i = sent->first; i <= sent->last && !told; i++)
          told = _rs_words_at (s, i, WORD_PUBLIC_DISCLOSURE, NULL);
        /* the clause that tells it, up to an emoji that ends it */
        for (guint i = sent->first; i < sent->last && told; i++)
          if (emoji_break (s, i))
            {
              gboolean in_clause = FALSE;

              for (guint m = sent->first; m < i && !in_clause; m++)
                in_clause = _rs_words_at (s, m, WORD_PUBLIC_DISCLOSURE, NULL);
              if (in_clause)
                {
                  last = i;
                  break;
                }
            }
        /* "Our patient Dana spoke openly at our gala" is still a patient:
         * not where the practice or a patient is in the sentence ("US" in
         * capitals is the country, not "us") */
        for (guint i = sent->first; i <= last && told; i++)
          if ((_rs_lex1 (s, i, LEX_FIRST_PERSON) &&
               !((rs_tok (s, i)->flags & RTOK_UPPER) && rs_tok (s, i)->n_chars > 1)) ||
              _rs_word (s, i, WORD_NAME_PATIENT_NOUN))
            told = FALSE;
        for (guint i = sent->first; told && i + 1 <= last; i++)
          if (_rs_is_cap_word (s, i) && _rs_is_cap_word (s, i + 1) && _rs_first_name (s, i) != 0 &&
              !(s->tflags[i] & (TF_STAFF | TF_USED)) && !(s->tflags[i + 1] & (TF_STAFF | TF_USED)))
            {
              /* the whole run of capitals: "Lady Betty Ford" */
              guint run = i + 1;

              while (run < last && run < i + 3 && _rs_is_cap_word (s, run + 1) &&
                     !(s->tflags[run + 1] & (TF_STAFF | TF_USED)))
                run++;
              for (guint m = i; m <= run; m++)
                s->tflags[m] |= TF_PUBLIC;
              i = run;
            }
      }

  /* the practice's staff from the profile */
  if (s->profile == NULL)
    return;
  staff = _rounds_compliance_profile_get_staff_data (s->profile);
  forms = staff_forms (s, staff);

  for (guint i = 0; i < s->n; i++)
    {
      gboolean is_first = FALSE;
      const RStaff *st;
      guchar c0;

      if (!(rs_tok (s, i)->flags & RTOK_CAP) || !_rs_is_word (s, i) || (s->tflags[i] & TF_USED))
        continue;
      c0 = (guchar) rs_key (s, i)[0];
      if (!((forms->first_bytes[c0 >> 6] >> (c0 & 63)) & 1))
        continue;
      st = staff_for (s, i, staff, (GPtrArray *const *) forms->short_forms->pdata, &is_first);
      if (st == NULL)
        continue;
      if (_rs_is_reviewer_part (s, i))
        continue;
      if (!(rs_tok (s, i)->flags & RTOK_CAP))
        continue;

      /* "our patient Danny", "patient Harold Beck": the text says whose
       * name it is */
      if (i > 0 && _rs_word (s, i - 1, WORD_NAME_PATIENT_NOUN))
        continue;
      if (is_first)
        {
          if (said_not_staff (s, i))
            continue;
          /* "Tom R." is not Tom Becker; "Tom Jones" is not either */
          if (_rs_is_initial (s, i + 1) && st->last != NULL &&
              g_ascii_tolower (*rs_key (s, i + 1)) != st->last[0])
            continue;
          if (_rs_is_surname_like (s, i + 1) && st->last != NULL && !_rs_base_is (s, i + 1, st->last))
            continue;
        }

      s->tflags[i] |= TF_STAFF;
      if (is_first && st->last != NULL && _rs_base_is (s, i + 1, st->last))
        s->tflags[i + 1] |= TF_STAFF;
    }
}
