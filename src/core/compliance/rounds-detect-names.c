/* rounds-detect-names.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Patient names: after an honorific ("Mrs. K", "Sr. Ibarra"), initials
 * ("J.R."), a first name from the name list with an initial or a surname,
 * a greeting or a vocative comma, the reviewer's own name, or a first name
 * in a sentence about a patient. Staff, doctors, public figures (marked by
 * rounds-detect-people.c) and the practice's allowed terms are never names.
 */

#define G_LOG_DOMAIN "rounds-compliance"

#include "config.h"

#include <string.h>

#include "rounds-detect-toolkit.h"

static guint
extend_name (const RScan *s,
             guint        i,
             gboolean    *has_initial,
             gboolean    *has_surname,
             gboolean    *surname_known)
{
  guint b = i;

  for (guint n = 0; n < 3; n++)
    {
      if (_rs_is_initial (s, b + 1) && !_rs_name_blocked (s, b + 1))
        {
          *has_initial = TRUE;
          b += 2;
          continue;
        }
      if (_rs_is_surname_like (s, b + 1) && !_rs_is_ch (s, b, ','))
        {
          *has_surname = TRUE;
          if (_rs_surname (s, b + 1) || _rs_first_name (s, b + 1) == 1)
            *surname_known = TRUE;
          b++;
          if (rs_tok (s, b)->base_len != rs_tok (s, b)->key_len)
            break;  /* possessive ends the name */
          continue;
        }
      break;
    }

  return b;
}

/* Up to 64 name keys of the text, each once, pointing into the scan's
 * keys: "a name already found" asked without a GHashTable and a copy of
 * each key per scan */
typedef struct
{
  const char *key[64];
  guint16     len[64];
  guint       n;
} NameKeys;

static gboolean
name_keys_has (const NameKeys *names,
               const char     *key,
               gsize           len)
{
  for (guint k = 0; k < names->n; k++)
    if (names->len[k] == len && memcmp (names->key[k], key, len) == 0)
      return TRUE;
  return FALSE;
}

/* adds @key unless it is in @names already or @names is full */
static void
name_keys_add (NameKeys   *names,
               const char *key,
               gsize       len)
{
  if (names->n < G_N_ELEMENTS (names->key) && !name_keys_has (names, key, len))
    {
      names->key[names->n] = key;
      names->len[names->n] = len;
      names->n++;
    }
}

static void
add_name (RScan   *s,
          guint    t0,
          guint    t1,
          RRuleId  rule)
{
  for (guint k = t0; k <= t1; k++)
    s->tflags[k] |= TF_NAME;
  _rs_sent (s, _rs_sent_of (s, t0))->flags |= SF_HAS_NAME;
  _rs_add (s, t0, t1, rule);
}

/* "thanks for the review Ray!", "gracias por venir Lupita": a thanks and
 * its object, then a word that closes the sentence, said to the reader */
static gboolean
thanks_for_before (const RScan *s,
                   guint        i)
{
  guint first = _rs_sent (s, _rs_sent_of (s, i))->first;
  guint k;

  if (!(i + 1 >= s->n || _rs_is_ch (s, i + 1, '!') || _rs_is_ch (s, i + 1, ',') ||
        _rs_is_ch (s, i + 1, '.') || _rs_sent_of (s, i + 1) != _rs_sent_of (s, i)))
    return FALSE;

  /* back over at most five lower-case words to "for" */
  for (k = i; k > first && k + 6 > i; k--)
    {
      if (_rs_word (s, k - 1, WORD_NAME_THANKS_FOR))
        break;
      if (!_rs_is_word (s, k - 1) || !(rs_tok (s, k - 1)->flags & RTOK_LOWER))
        return FALSE;
    }
  if (k == first || k == i || k + 6 <= i || !_rs_word (s, k - 1, WORD_NAME_THANKS_FOR))
    return FALSE;
  k--;  /* "for" */

  for (guint g = k > first + 4 ? k - 4 : first; g < k; g++)
    {
      guint end;

      if (_rs_match (s, g, LEX_GREETING, &end, NULL) && end == k - 1)
        return TRUE;
    }
  return FALSE;
}

static gboolean
greeting_before (const RScan *s,
                 guint        i)
{
  guint from = i > 4 ? i - 4 : 0;

  /* both ways need a greeting: most texts have none */
  if (!_rs_text_may_lex (s, LEX_GREETING))
    return FALSE;
  for (guint k = from; k < i; k++)
    {
      guint end;

      if (_rs_match (s, k, LEX_GREETING, &end, NULL) &&
          (end == i - 1 || (end == i - 2 && _rs_is_ch (s, i - 1, ','))))
        return TRUE;
    }
  return thanks_for_before (s, i);
}

/* "proud of Jasmine", "congrats to Leo", "happy birthday to Ray" */
static gboolean
celebration_before (const RScan *s,
                    guint        i)
{
  guint from = i > 4 ? i - 4 : 0;

  for (guint k = from; k < i; k++)
    {
      guint end;

      if (_rs_match (s, k, LEX_CELEBRATION, &end, NULL) &&
          (end == i - 1 || (end == i - 2 && (_rs_word (s, i - 1, WORD_NAME_CELEBRATION_LINK) ||
                                             _rs_is_ch (s, i - 1, ',')))))
        return TRUE;
    }
  return FALSE;
}

static gboolean
vocative (const RScan *s,
          guint        i,
          guint        b)
{
  /* "Priya, we're so sorry" at the start of a sentence */
  if (_rs_is_sent_start (s, i) && b + 1 < s->n &&
      (_rs_is_ch (s, b + 1, ',') || _rs_is_ch (s, b + 1, '!') || _rs_is_dash (s, b + 1)))
    return TRUE;

  /* "Gene your sats look good", "Bill, your card …" without its comma:
   * a reply's first word said to the reader (name_vocative_next) */
  if (i == 0 && rs_is_reply (s) && _rs_word (s, b + 1, WORD_NAME_VOCATIVE_NEXT))
    return TRUE;

  /* "So sorry Tom.", "Glad Rosa!": a reply's feeling said to the reader,
   * the name closing the sentence */
  if (i > 0 && rs_is_reply (s) && _rs_word (s, i - 1, WORD_RC_FEELING) &&
      (b + 1 >= s->n || _rs_is_ch (s, b + 1, '.') || _rs_is_ch (s, b + 1, '!') || _rs_is_ch (s, b + 1, ',')))
    return TRUE;

  /* "…, Steve." at the end of a sentence */
  if (i > 0 && _rs_is_ch (s, i - 1, ',') &&
      (b + 1 >= s->n || _rs_is_ch (s, b + 1, '.') || _rs_is_ch (s, b + 1, '!') || _rs_is_ch (s, b + 1, '?') ||
       _rs_sent_of (s, b + 1) != _rs_sent_of (s, b) ||
       (rs_tok (s, b + 1)->kind == RTOK_PUNCT && g_unichar_type (rs_tok (s, b + 1)->ch) == G_UNICODE_OTHER_SYMBOL)))
    return TRUE;

  return FALSE;
}

static gboolean vocative (const RScan *s, guint i, guint b);

static gboolean
place_context (const RScan *s,
               guint        i)
{
  /* "to Jordan B." is a person; so is "Thank you, Sharon." said to the
   * reader of a reply, or "Welcome to the world, Santiago!" greeted in a
   * post about a patient (a place is not addressed) */
  return _rs_lex1 (s, i, LEX_PLACE_NAME) && i > 0 && !(_rs_is_initial (s, i + 1) && _rs_joined (s, i + 2)) &&
         (_rs_word (s, i - 1, WORD_NAME_PLACE_BEFORE) ||
          (_rs_is_ch (s, i - 1, ',') &&
           !((rs_is_reply (s) || ((_rs_sent (s, _rs_sent_of (s, i))->flags & SF_PR) && greeting_before (s, i))) &&
             vocative (s, i, i))));
}

static gboolean
sentence_has_dob_label (const RScan *s,
                        guint        k)
{
  const RSent *sent = &g_array_index (s->sents, RSent, k);

  return _rs_sent_has (s, k, LEX_DOB_CUE) && _rs_words_in (s, sent, WORD_NAME_DOB_LABEL);
}

static gboolean
after_patient_noun (const RScan *s,
                    guint        i)
{
  return i > 1 && _rs_word (s, i - 1, WORD_NAME_PATIENT_NOUN) && _rs_word (s, i - 2, WORD_NAME_OUR);
}

/* "our buddy Tito", "our little friend Ollie", "our brave warrior Deja",
 * "nuestro amiguito Beto": a capitalised word after "our", at most two
 * words and a word a practice calls a patient by (pr_friend, pr_patient) */
static gboolean
after_our_friend (const RScan *s,
                  guint        i)
{
  guint k = i - 1;

  if (i < 2 || !(rs_tok (s, i)->flags & RTOK_CAP) || (rs_tok (s, i)->flags & (RTOK_UPPER | RTOK_DIGIT)))
    return FALSE;
  if (!_rs_word (s, k, WORD_PR_FRIEND) && !_rs_word (s, k, WORD_PR_PATIENT))
    return FALSE;
  for (guint hops = 0; hops < 3 && k > 0; hops++)
    {
      k--;
      if (_rs_word (s, k, WORD_NAME_OUR))
        return TRUE;
      if (!_rs_is_word (s, k) || !(rs_tok (s, k)->flags & RTOK_LOWER))
        return FALSE;
    }
  return FALSE;
}

/* Is the @handle whose words are tokens @i … @b the practice's own
 * account ("@ridgelinept", "@ridgeline_pt")? */
static gboolean
handle_is_practice (const RScan *s,
                    guint        i,
                    guint        b)
{
  g_autofree char *raw = NULL;
  g_autoptr(GString) handle = NULL;
  GPtrArray *domains;
  const char *practice;

  if (s->profile == NULL)
    return FALSE;
  raw = g_utf8_strdown (s->text + rs_tok (s, i)->b0, rs_tok (s, b)->b1 - rs_tok (s, i)->b0);
  handle = g_string_new (NULL);
  domains = _rounds_compliance_profile_get_domains (s->profile);
  practice = rounds_compliance_profile_get_practice_name (s->profile);

  for (const char *p = raw; *p; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (handle, *p);
  for (guint m = 0; m < domains->len && handle->len >= 4; m++)
    {
      const char *d = g_ptr_array_index (domains, m);
      const char *dot = strchr (d, '.');
      gsize dl = dot ? (gsize) (dot - d) : strlen (d);

      if (dl >= 4 && (strncmp (handle->str, d, MIN (dl, handle->len)) == 0))
        return TRUE;
    }
  if (practice != NULL && handle->len >= 4)
    {
      g_autofree char *lower = g_utf8_strdown (practice, -1);
      g_autoptr(GString) name = g_string_new (NULL);

      for (const char *p = lower; *p; p++)
        if (g_ascii_isalnum (*p))
          g_string_append_c (name, *p);
      if (strstr (name->str, handle->str) != NULL)
        return TRUE;
    }
  return FALSE;
}

/* The last token of the @handle whose '@' is at @i, or G_MAXUINT when
 * there is none there or a detector took it */
static guint
handle_end (const RScan *s,
            guint        i)
{
  guint b;

  if (!_rs_is_ch (s, i, '@') || !(s->tflags[i] & TF_HANDLE) || i + 1 >= s->n || !_rs_is_word (s, i + 1) ||
      (s->tflags[i + 1] & (TF_EXEMPT | TF_STAFF | TF_USED)))
    return G_MAXUINT;
  b = i + 1;
  while (b + 1 < s->n && (s->tflags[b + 1] & TF_HANDLE) && _rs_joined (s, b + 1))
    b++;
  return handle_is_practice (s, i + 1, b) ? G_MAXUINT : b;
}

/* A reply that opens with the commenter's @handle names them. */
static void
detect_reply_handle (RScan *s)
{
  guint i = 0;
  guint b;

  if (!rs_is_reply (s))
    return;
  if (_rs_match (s, i, LEX_GREETING, &b, NULL))
    i = b + 1;
  b = handle_end (s, i);
  if (b != G_MAXUINT)
    add_name (s, i + 1, b, RULE_NAME);
}

static gboolean
is_closing_quote (const RScan *s,
                  guint        i)
{
  gunichar c = rs_tok (s, i)->ch;

  return rs_tok (s, i)->kind == RTOK_PUNCT && (c == '"' || c == '\'' || c == 0x201D || c == 0x2019 || c == 0x00BB);
}

/* The one a post's testimonial is signed by, after its closing quote and
 * a dash: "— @mikeyb_runs", "— Jen K.", "– Alyssa", "— Familia Robles",
 * "— la mamá de Emiliano". Only after a quotation the testimonial
 * detector took for a patient's words, so a famous quotation's author
 * ("— Hippocrates") is left alone. */
static void
detect_attribution_names (RScan *s)
{
  if (s->kind != ROUNDS_TEXT_KIND_POST)
    return;
  for (guint a = 1; a + 1 < s->n; a++)
    {
      guint k = a + 1, b, q = a - 1, end;
      gboolean family = FALSE;

      if (!_rs_is_dash (s, a))
        continue;
      while (q > 0 && q + 3 > a && rs_tok (s, q)->kind == RTOK_PUNCT && !is_closing_quote (s, q))
        q--;
      if (!is_closing_quote (s, q) || !(_rs_sent (s, _rs_sent_of (s, q))->flags & SF_TESTIMONIAL))
        continue;

      b = handle_end (s, k);
      if (b != G_MAXUINT)
        {
          add_name (s, k + 1, b, RULE_NAME);
          continue;
        }
      /* "la mamá de Emiliano", "Familia Robles" */
      if (_rs_word (s, k, WORD_TESTIMONIAL_BY_THE))
        k++;
      if (_rs_words_at (s, k, WORD_NAME_OF_FAMILY, &end))
        k = end + 1, family = TRUE;
      else if (_rs_word (s, k, WORD_TESTIMONIAL_BY_FAMILY) && _rs_is_cap_word (s, k + 1))
        k++, family = TRUE;
      if (!_rs_is_cap_word (s, k) || (rs_tok (s, k)->flags & RTOK_UPPER) || rs_tok (s, k)->n_chars < 2 ||
          (s->tflags[k] & (TF_STAFF | TF_PUBLIC | TF_EXEMPT | TF_USED | TF_NAME)) ||
          _rs_lex1 (s, k, LEX_DOCTOR_TITLE) || _rs_lex1 (s, k, LEX_STAFF_ROLE) || _rs_lex1 (s, k, LEX_PUBLIC_TITLE) ||
          _rs_lex1 (s, k, LEX_FAMILY) || _rs_lex1 (s, k, LEX_PERSON_NOUN) || _rs_lex1 (s, k, LEX_NAME_STOP) ||
          _rs_lex1 (s, k, LEX_PLACE_NAME) || _rs_lex1 (s, k, LEX_MONTH) || _rs_lex1 (s, k, LEX_WEEKDAY) ||
          _rs_lex1 (s, k, LEX_HONORIFIC) || _rs_is_clinical (s, k) || _rs_in_profile_words (s, k))
        continue;
      b = k;
      if (_rs_is_initial (s, k + 1))
        b = k + 2;
      else if (_rs_is_surname_like (s, k + 1) && !(s->tflags[k + 1] & (TF_STAFF | TF_EXEMPT)))
        b = k + 1;
      /* a word no name list knows, alone, is a famous author's
       * ("— Hippocrates") as often as a patient's */
      if (b == k && !family && _rs_first_name (s, k) == 0)
        continue;
      add_name (s, k, b, RULE_NAME);
    }
}

static gboolean
text_has_patient_context (const RScan *s)
{
  for (guint k = 0; k < s->sents->len; k++)
    if (g_array_index (s->sents, RSent, k).flags & (SF_PR | SF_TESTIMONIAL | SF_RC))
      return TRUE;
  return FALSE;
}

/* A capitalised word of the text outside hashtags and handles that the
 * name list knows as a first name (also one that is a word: "Rick") and
 * that no detector gave to staff, a public figure, a date or the practice:
 * "Nico cut out his first circle … #NicoTheGreat" */
static gboolean
text_first_name (const RScan *s,
                 guint        j)
{
  return _rs_is_cap_word (s, j) && !(rs_tok (s, j)->flags & RTOK_UPPER) && rs_tok (s, j)->base_len >= 3 &&
         rs_tok (s, j)->base_len < 64 &&
         !(s->tflags[j] & (TF_STAFF | TF_PUBLIC | TF_EXEMPT | TF_USED | TF_HANDLE | TF_DATE)) &&
         !(j > 0 && _rs_is_ch (s, j - 1, '#') && _rs_joined (s, j)) && _rs_first_name (s, j) != 0 &&
         !_rs_lex1 (s, j, LEX_MONTH) && !_rs_lex1 (s, j, LEX_WEEKDAY) && !_rs_lex1 (s, j, LEX_NAME_STOP) &&
         !_rs_lex1 (s, j, LEX_PLACE_NAME) && !_rs_lex1 (s, j, LEX_HONORIFIC) && !_rs_lex1 (s, j, LEX_GREETING);
}

/* A hashtag made of a name names that person in the text too: each
 * capitalised word of the text equal to one of @tag's first names
 * ("#KaylaStrong" … "Kayla brought cupcakes …") */
static void
names_of_hashtag (RScan      *s,
                  const char *tag,
                  gsize       len)
{
  const char *p = tag, *end = tag + len;

  while (p < end)
    {
      const char *q = g_utf8_next_char (p);
      g_autofree char *lower = NULL;
      gsize l;

      while (q < end && !g_unichar_isupper (g_utf8_get_char (q)) && !g_unichar_isdigit (g_utf8_get_char (q)))
        q = g_utf8_next_char (q);
      lower = g_utf8_strdown (p, q - p);
      l = strlen (lower);
      if (l >= 3 && _rounds_rules_first_name (s->rules, lower, l) != 0)
        for (guint j = 0; j < s->n; j++)
          if (!(s->tflags[j] & TF_NAME) && rs_tok (s, j)->base_len == l && memcmp (rs_key (s, j), lower, l) == 0 &&
              text_first_name (s, j))
            add_name (s, j, j, RULE_NAME);
      p = q;
    }
}

/* A hashtag names someone when it joins a first name to a marker
 * ("#JessStrong", "#welcomeolivia"), when one of its words is a name the
 * text has already given ("Ms. Patterson … #PattersonRingsTheBell") or a
 * first name the text writes with a capital ("Nico cut out …
 * #NicoTheGreat": a practice makes hashtags of the person a post is
 * about), or, in a post about a patient (@text_ctx), when it joins a
 * listed first name to other words ("#TylerEatsIceCream"). The first
 * names of a hashtag found so are names in the text too. */
static void
detect_hashtag_names (RScan    *s,
                      gboolean  text_ctx)
{
  /* names already found, for "Ms. Patterson … #PattersonStrong", and the
   * text's capitalised first names (built on the first hashtag, at most
   * 64 each, so the pass stays linear) */
  NameKeys found = { .n = 0 };
  NameKeys written = { .n = 0 };
  gboolean found_built = FALSE;

  for (guint i = 0; i + 1 < s->n; i++)
    {
      const RTok *t;
      const char *p, *end;
      gboolean marker = FALSE;
      gboolean name = FALSE;
      gboolean given = FALSE;
      gboolean family = FALSE, family_marker = FALSE;
      guint segments = 0;
      guint names = 0;
      gboolean after_place = FALSE;

      if (!_rs_is_ch (s, i, '#') || !_rs_joined (s, i + 1) || !_rs_is_word (s, i + 1))
        continue;
      t = rs_tok (s, i + 1);
      if (s->tflags[i + 1] & (TF_EXEMPT | TF_USED))
        continue;

      if (!found_built)
        {
          for (guint j = 0; j < s->n; j++)
            if ((s->tflags[j] & TF_NAME) && _rs_is_word (s, j) && rs_tok (s, j)->base_len >= 3)
              name_keys_add (&found, rs_key (s, j), rs_tok (s, j)->base_len);
            else if (text_first_name (s, j))
              name_keys_add (&written, rs_key (s, j), rs_tok (s, j)->base_len);
          found_built = TRUE;
        }

      /* split CamelCase on the original text */
      p = s->text + t->b0;
      end = s->text + t->b1;
      while (p < end)
        {
          const char *q = g_utf8_next_char (p);
          char buf[64];
          gsize len;
          int fn;

          while (q < end && !g_unichar_isupper (g_utf8_get_char (q)) && !g_unichar_isdigit (g_utf8_get_char (q)))
            q = g_utf8_next_char (q);
          len = q - p;
          segments++;
          if (len < sizeof buf)
            {
              g_autofree char *lower = g_utf8_strdown (p, len);
              gboolean place;

              g_strlcpy (buf, lower, sizeof buf);
              /* "#SanAntonio", "#FortWorth": a place, not a person */
              place = after_place;
              after_place = _rounds_rules_has_word (s->rules, buf, WORD_HASHTAG_PLACE_BEFORE);
              if (place)
                {
                  p = q;
                  continue;
                }
              fn = _rounds_rules_first_name (s->rules, buf, strlen (buf));
              if (fn == 1 && len >= 3)
                {
                  name = TRUE;
                  names++;
                }
              /* "#TeamRodriguez": a family's surname */
              else if (fn == 0 && len >= 4 && _rounds_rules_is_surname (s->rules, buf, strlen (buf)) &&
                       !_rounds_rules_has_word (s->rules, buf, WORD_HASHTAG_MARKER))
                family = TRUE;
              if (_rounds_rules_has_word (s->rules, buf, WORD_HASHTAG_FAMILY))
                family_marker = TRUE;
              /* "#MiasSmile": a possessive written without the apostrophe */
              if (fn == 0 && len >= 4 && buf[len - 1] == 's')
                {
                  buf[len - 1] = '\0';
                  if (_rounds_rules_first_name (s->rules, buf, strlen (buf)) == 1)
                    name = TRUE;
                  buf[len - 1] = 's';
                }
              /* "Ms. Patterson … #PattersonStrong": a name already found */
              if (len >= 3 &&
                  (name_keys_has (&found, buf, strlen (buf)) || name_keys_has (&written, buf, strlen (buf))))
                name = given = TRUE;
              if (_rounds_rules_has_word (s->rules, buf, WORD_HASHTAG_MARKER))
                marker = TRUE;
            }
          p = q;
        }

      /* all one case: "#welcomeolivia", "#jessstrong" */
      if (segments == 1 && t->b1 - t->b0 < 48)
        {
          const GPtrArray *markers = _rs_word_affixes (s, WORD_HASHTAG_NAME_AFFIX);
          g_autofree char *lower = g_utf8_strdown (s->text + t->b0, t->b1 - t->b0);
          gsize len = strlen (lower);

          for (guint m = 0; markers != NULL && m < markers->len && !(name && marker); m++)
            {
              const char *marker_word = g_ptr_array_index (markers, m);
              gsize ml = strlen (marker_word);

              if (len < ml + 3)
                continue;
              if (strncmp (lower, marker_word, ml) == 0 &&
                  _rounds_rules_first_name (s->rules, lower + ml, len - ml) == 1)
                name = marker = TRUE, segments = 2;
              else if (strcmp (lower + len - ml, marker_word) == 0)
                {
                  if (_rounds_rules_first_name (s->rules, lower, len - ml) == 1)
                    name = marker = TRUE, segments = 2;
                }
            }
        }

      /* "#JakeAndTina": two first names joined; "#TeamRodriguez": a
       * surname with a marker */
      if (segments >= 2 && ((name && marker) || given || names >= 2 || (family && family_marker && segments == 2) ||
                            (name && text_ctx && s->kind == ROUNDS_TEXT_KIND_POST)))
        {
          add_name (s, i, i + 1, RULE_NAME_HASHTAG);
          names_of_hashtag (s, s->text + t->b0, t->b1 - t->b0);
        }
    }
}

/* "doña Chayo", "don Ramiro": a lower-case Spanish honorific before a name
 * ("don" only where it cannot be the English verb) */
static gboolean
spanish_honorific (const RScan *s,
                   guint        i)
{
  if (!_rs_is_cap_word (s, i + 1))
    return FALSE;
  if (_rs_word (s, i, WORD_NAME_ES_HONORIFIC))
    return TRUE;
  return _rs_word (s, i, WORD_NAME_ES_HONORIFIC_AMBIGUOUS) &&
         (i == 0 || !_rs_is_word (s, i - 1) || _rs_word (s, i - 1, WORD_NAME_ES_HONORIFIC_AFTER));
}

/* Does a title start at @i (its last token in *@end): an honorific, or in
 * a reply a public title said to the reader ("Thank you, Sgt. Morales.",
 * see _rs_title_addressed ())? */
static gboolean
title_match (const RScan *s,
             guint        i,
             guint       *end)
{
  if (_rs_match (s, i, LEX_HONORIFIC, end, NULL))
    return TRUE;
  return (rs_tok (s, i)->flags & RTOK_CAP) && _rs_match (s, i, LEX_PUBLIC_TITLE, end, NULL) &&
         _rs_title_addressed (s, i, *end);
}

/* Honorific + name: "Mrs. K", "Mr. Eugene Baptiste", "Sra. Martínez".
 * Returns the last token of the name after the honorific at @i, or
 * G_MAXUINT. */
static guint
honorific_name_end (const RScan *s,
                    guint        i)
{
  guint end;
  guint k;
  guint last = G_MAXUINT;

  if (!title_match (s, i, &end) ||
      !((rs_tok (s, i)->flags & RTOK_CAP) || spanish_honorific (s, i)) ||
      (rs_tok (s, i)->flags & RTOK_UPPER && rs_tok (s, i)->n_chars > 2))
    return G_MAXUINT;

  k = end + 1;
  if (_rs_is_ch (s, k, '.') && _rs_joined (s, k))
    k++;
  for (guint n = 0; n < 3 && k < s->n; n++)
    {
      if (_rs_is_initial (s, k))
        {
          last = k + 1;
          k += 2;
        }
      else if (_rs_is_cap_word (s, k) && !(s->tflags[k] & (TF_USED | TF_HANDLE | TF_EXEMPT)) &&
               /* "Ms. Park": a surname that is also a place's word, alone
                * after the title (not "Mr. Park Avenue") */
               (!_rs_lex1 (s, k, LEX_NAME_STOP) || (n == 0 && _rs_surname (s, k) && !_rs_is_cap_word (s, k + 1))) &&
               !_rs_lex1 (s, k, LEX_MONTH) && !_rs_lex1 (s, k, LEX_WEEKDAY))
        {
          last = k;
          k++;
          if (rs_tok (s, last)->base_len != rs_tok (s, last)->key_len)
            break;
        }
      else if (_rs_is_word (s, k) && rs_tok (s, k)->n_chars == 1 && (rs_tok (s, k)->flags & RTOK_UPPER))
        {
          /* "Mrs. K" */
          last = k;
          break;
        }
      else
        break;
    }

  return last;
}

static gboolean
try_honorific_name (RScan *s,
                    guint *i)
{
  guint end;
  guint last = honorific_name_end (s, *i);
  gboolean staff = FALSE;

  if (last == G_MAXUINT)
    return FALSE;

  title_match (s, *i, &end);
  for (guint m = end + 1; m <= last; m++)
    if (s->tflags[m] & TF_STAFF)
      staff = TRUE;
  /* (a staff member's surname greeted in a reply is the reader's: "Hola
   * Sra. Treviño," where Treviño is also a staff member's surname) */
  if (!staff || _rs_is_reviewer_part (s, last) || (rs_is_reply (s) && greeting_before (s, *i)))
    add_name (s, *i, last, RULE_NAME);
  *i = last;
  return TRUE;
}

/* Initials: "J.R.", "D.M.'s", but not "U.S." (the rule pack's
 * initials-exclude lexicon, matched on the letters joined). */
static gboolean
try_initials (RScan *s,
              guint *i)
{
  g_autoptr(GString) joined = NULL;
  GPtrArray *list;
  guint b2 = *i + 3;

  /* "R. Delgado", "T. Okafor who walked … with her oxygen tank": one
   * initial before a listed surname, or before a word no list knows in a
   * sentence about care, that is no first name (a first name after an
   * initial is listed_name ()'s) */
  if (_rs_is_initial (s, *i) && !(s->tflags[*i] & TF_USED) && _rs_is_surname_like (s, *i + 2) &&
      _rs_first_name (s, *i + 2) == 0 && !_rs_lex1 (s, *i, LEX_HONORIFIC) &&
      (_rs_surname (s, *i + 2) ||
       ((_rs_sent (s, _rs_sent_of (s, *i))->flags & (SF_PR | SF_CARE_CTX)) && !_rs_is_clinical (s, *i + 2) &&
        !_rs_match (s, *i + 2, LEX_CARE_NOUN, NULL, NULL) && !_rs_lex1 (s, *i + 2, LEX_PLACE_NAME))))
    {
      add_name (s, *i, *i + 2, RULE_NAME_INITIALS);
      *i += 2;
      return TRUE;
    }

  /* asked of every word: build the joined key only for initials */
  if (!(_rs_is_initial (s, *i) && _rs_is_initial (s, *i + 2) && _rs_joined (s, *i + 2)))
    return FALSE;
  joined = g_string_new (NULL);
  if (_rs_is_initial (s, *i + 4) && _rs_joined (s, *i + 4))
    b2 = *i + 5;

  for (guint m = *i; m < b2; m += 2)
    g_string_append (joined, rs_key (s, m));
  list = g_hash_table_lookup (s->rules->phrases, joined->str);
  for (guint m = 0; list != NULL && m < list->len; m++)
    {
      const RPhrase *ph = g_ptr_array_index (list, m);

      if (ph->lex == LEX_INITIALS_EXCLUDE && ph->n == 1)
        return FALSE;
    }

  if (s->tflags[*i] & TF_USED)
    return FALSE;

  add_name (s, *i, b2 - 1, RULE_NAME_INITIALS);
  *i = b2;
  return TRUE;
}

/* "the Garcia family", "the whole Goldberg family", "— Okafor household",
 * and with the family word first, "Gracias, familia Cantú", in a reply or
 * a sentence about a patient */
static gboolean
try_family_name (RScan    *s,
                 guint     i,
                 gboolean  reply)
{
  const RSent *st;
  gboolean after, before;

  if (!(_rs_is_cap_word (s, i) && i > 0 && (_rs_surname (s, i) || _rs_first_name (s, i) == 1) &&
        !_rs_is_sent_start (s, i)))
    return FALSE;
  after = _rs_word (s, i + 1, WORD_NAME_FAMILY_WORD) &&
          (_rs_word (s, i - 1, WORD_NAME_FAMILY_ARTICLE) || _rs_is_dash (s, i - 1));
  before = _rs_word (s, i - 1, WORD_NAME_FAMILY_BEFORE) && !_rs_is_cap_word (s, i + 1);
  if (!after && !before)
    return FALSE;

  st = _rs_sent (s, _rs_sent_of (s, i));
  if (!reply && !(st->flags & (SF_PATIENT_CTX | SF_PR | SF_TESTIMONIAL | SF_RC)))
    return FALSE;

  add_name (s, i, i, RULE_NAME);
  return TRUE;
}

/* Can token @i start a name at all? A capital, or in a reply a lower-case
 * word after a greeting or before a vocative comma, or a word after "our
 * patient". */
static gboolean
may_start_name (const RScan *s,
                guint        i,
                gboolean     reply)
{
  const RTok *t = rs_tok (s, i);

  if (t->flags & RTOK_CAP)
    return TRUE;
  if (reply && (t->flags & RTOK_LOWER) && (i == 0 || greeting_before (s, i) || _rs_is_ch (s, i + 1, ',')))
    return TRUE;
  /* (asked of every other word: most texts have no "our patient") */
  return _rs_text_may_start (s, WORD_NAME_PATIENT_NOUN) && after_patient_noun (s, i);
}

/* "Deb, your claim went in today", "Thanks for coming in, Memo!": in a
 * reply, a word said to the reader (opening a sentence before a comma or
 * "!", or closing it after a comma) is the reader's name, unless it is one
 * of the words that open or close a sentence that way ("Yes,", "Sadly,",
 * "Wow!") or a word of care. */
static gboolean
addressed_word (const RScan *s,
                guint        i)
{
  return vocative (s, i, i) && !_rs_word (s, i, WORD_VOCATIVE_NOT_NAME) &&
         !_rs_ends_with (s, i, WORD_VOCATIVE_NOT_NAME_ENDING, 5) &&
         !_rs_is_clinical (s, i) && !_rs_match (s, i, LEX_CARE_NOUN, NULL, NULL) &&
         !_rs_lex1 (s, i, LEX_MEDICATION) && !_rs_ends_with (s, i, WORD_CARE_DRUG_ENDING, 7) &&
         !_rs_lex1 (s, i, LEX_HEALTH_PLAN_CUE) &&
         /* "Aetna, Cigna and …", "Hand, foot and mouth …": the first of a list */
         !(_rs_is_sent_start (s, i) && _rs_is_cap_word (s, i + 2) && !_rs_lex1 (s, i + 2, LEX_FIRST_PERSON)) &&
         !(_rs_is_sent_start (s, i) && _rs_is_word (s, i + 2) &&
           (_rs_is_ch (s, i + 3, ',') || _rs_word (s, i + 3, WORD_VOCATIVE_LIST_AND))) &&
         !_rs_lex1 (s, i, LEX_PRAISE) && !_rs_lex1 (s, i, LEX_STAFF_ROLE) &&
         !_rs_lex1 (s, i, LEX_PUBLIC_TITLE) && !_rs_lex1 (s, i, LEX_PERSON_NOUN) &&
         !_rs_lex1 (s, i, LEX_FIRST_PERSON) && !_rs_lex1 (s, i, LEX_SENTENCE_ABBREV);
}

/* "Hi Jen!": in a reply, the word after a greeting is a name even when the
 * name lists do not know it (unless it greets a group: "Hi everyone"); so
 * is a word said to the reader (addressed_word()) */
static gboolean
unknown_greeted_name (const RScan *s,
                      guint        i)
{
  const RTok *t = rs_tok (s, i);

  return (t->flags & RTOK_CAP) && !(t->flags & RTOK_UPPER) &&
         t->n_chars >= 2 && (greeting_before (s, i) || addressed_word (s, i)) && !(t->flags & RTOK_DIGIT) &&
         (_rs_is_ch (s, i + 1, '!') || _rs_is_ch (s, i + 1, ',') || _rs_is_ch (s, i + 1, '.') || i + 1 >= s->n) &&
         !_rs_lex1 (s, i, LEX_MONTH) && !_rs_lex1 (s, i, LEX_WEEKDAY) && !_rs_lex1 (s, i, LEX_GREETING) &&
         !_rs_lex1 (s, i, LEX_NAME_STOP) && !_rs_lex1 (s, i, LEX_HONORIFIC) && !_rs_lex1 (s, i, LEX_DOCTOR_TITLE) &&
         !_rs_lex1 (s, i, LEX_US_STATE) && !_rs_lex1 (s, i, LEX_PLACE_NAME) && !_rs_lex1 (s, i, LEX_FAMILY) &&
         !_rs_word (s, i, WORD_GREETING_GROUP) && !_rs_in_profile_words (s, i);
}

/* "¡Felicidades a Sofi por su primera visita!", "la familia de Lupita, que
 * se recupera…": a word the lists do not know, in a post about a patient */
static gboolean
unknown_post_name (const RScan *s,
                   guint        i)
{
  const RTok *t = rs_tok (s, i);
  const RSent *sent = _rs_sent (s, _rs_sent_of (s, i));
  gboolean celebrated, of_family;

  if (!(t->flags & RTOK_CAP) || (t->flags & RTOK_UPPER) || (t->flags & RTOK_DIGIT) || t->n_chars < 3 ||
      _rs_is_cap_word (s, i + 1))
    return FALSE;

  celebrated = (sent->flags & (SF_PR | SF_CARE_CTX)) &&
               (celebration_before (s, i) ||
                (i >= 2 && _rs_word (s, i - 1, WORD_NAME_CELEBRATION_A) && celebration_before (s, i - 1)));
  of_family = (sent->flags & (SF_PATIENT_CTX | SF_PR | SF_CARE_CTX | SF_TESTIMONIAL)) && i >= 2 &&
              _rs_words_end_at (s, i - 1, WORD_NAME_OF_FAMILY);

  return (celebrated || of_family || after_our_friend (s, i)) &&
         !_rs_lex1 (s, i, LEX_MONTH) && !_rs_lex1 (s, i, LEX_WEEKDAY) && !_rs_lex1 (s, i, LEX_NAME_STOP) &&
         !_rs_lex1 (s, i, LEX_US_STATE) && !_rs_lex1 (s, i, LEX_PLACE_NAME) && !_rs_surname (s, i) &&
         !_rs_in_profile_words (s, i);
}

/* "Grandma Dot", "Abuela Chela", "Tía Mague": a word the lists do not
 * know (or know only as a surname or a word) after a family title written
 * with a capital, as one writes a title before a name (name_kin_title) */
static gboolean
kin_title_name (const RScan *s,
                guint        i)
{
  const RTok *t = rs_tok (s, i);

  return i > 0 && (rs_tok (s, i - 1)->flags & RTOK_CAP) && _rs_word (s, i - 1, WORD_NAME_KIN_TITLE) &&
         (t->flags & RTOK_CAP) && !(t->flags & (RTOK_UPPER | RTOK_DIGIT)) && t->n_chars >= 2 &&
         !_rs_is_cap_word (s, i + 1) &&
         !_rs_lex1 (s, i, LEX_MONTH) && !_rs_lex1 (s, i, LEX_WEEKDAY) && !_rs_lex1 (s, i, LEX_NAME_STOP) &&
         !_rs_lex1 (s, i, LEX_US_STATE) && !_rs_lex1 (s, i, LEX_PLACE_NAME) && !_rs_lex1 (s, i, LEX_HONORIFIC) &&
         !_rs_lex1 (s, i, LEX_FAMILY) && !_rs_is_clinical (s, i) && !_rs_in_profile_words (s, i);
}

/* "hi deb!", "hey nat!!": in a reply, a lower-case word right after a
 * greeting, closed by "!" or ",", that none of the lists knows as a word
 * said to a group, a person noun or a word of care */
static gboolean
unknown_lowercase_greeted (const RScan *s,
                           guint        i)
{
  const RTok *t = rs_tok (s, i);
  guint end;
  gboolean greeted = FALSE;

  if (!(t->flags & RTOK_LOWER) || (t->flags & RTOK_DIGIT) || t->n_chars < 2 || t->n_chars > 10 ||
      !(_rs_is_ch (s, i + 1, '!') || _rs_is_ch (s, i + 1, ',')))
    return FALSE;
  for (guint k = i > 4 ? i - 4 : 0; k < i && !greeted; k++)
    greeted = _rs_match (s, k, LEX_GREETING, &end, NULL) && end == i - 1;
  return greeted && !_rs_word (s, i, WORD_GREETING_GROUP) && !_rs_word (s, i, WORD_VOCATIVE_NOT_NAME) &&
         !_rs_lex1 (s, i, LEX_GREETING) && !_rs_lex1 (s, i, LEX_PERSON_NOUN) && !_rs_lex1 (s, i, LEX_FAMILY) &&
         !_rs_lex1 (s, i, LEX_STAFF_ROLE) && !_rs_lex1 (s, i, LEX_PRAISE) && !_rs_lex1 (s, i, LEX_NAME_STOP) &&
         !_rs_lex1 (s, i, LEX_FIRST_PERSON) && !_rs_lex1 (s, i, LEX_PUBLIC_TITLE) && !_rs_is_clinical (s, i) &&
         !_rs_match (s, i, LEX_CARE_NOUN, NULL, NULL) && !_rs_lex1 (s, i, LEX_MONTH) &&
         !_rs_lex1 (s, i, LEX_WEEKDAY) && !_rs_in_profile_words (s, i);
}

/* A listed first name written in lower case: "hi derek," in a reply,
 * "our patient jess" */
static void
lowercase_name (RScan    *s,
                guint     i,
                int       fn,
                gboolean  reply)
{
  if (fn != 1 || !(rs_tok (s, i)->flags & RTOK_LOWER))
    return;
  if ((reply && (greeting_before (s, i) || (_rs_is_sent_start (s, i) && _rs_is_ch (s, i + 1, ',')))) ||
      after_patient_noun (s, i))
    add_name (s, i, i, RULE_NAME);
}

static gboolean
text_has_personal_url (const RScan *s)
{
  for (guint c = 0; c < s->cands->len; c++)
    if (g_array_index (s->cands, RCand, c).rule == RULE_URL)
      return TRUE;
  return FALSE;
}

/* In a post, is the name @i … @b about a patient? Sets *strong when the
 * sentence ties the name to a person's own care. */
static gboolean
post_name_context (const RScan *s,
                   guint        i,
                   guint        b,
                   int          fn,
                   gboolean     has_surname,
                   gboolean     surname_known,
                   gboolean    *strong)
{
  const RSent *sent = _rs_sent (s, _rs_sent_of (s, i));
  gboolean ctx = (sent->flags & (SF_PATIENT_CTX | SF_PR | SF_TESTIMONIAL | SF_RC)) != 0;

  /* "Rob Tanaka, DOB …, MRN …": a full name beside a patient's identifier */
  if ((sent->flags & SF_HAS_ID) && has_surname && (fn == 1 || surname_known))
    ctx = TRUE;
  /* "baby Nora", "Grandpa Joe", "little Liam" */
  if (fn == 1 && i > 0 && _rs_word (s, i - 1, WORD_NAME_KIN_BEFORE))
    ctx = TRUE;
  /* "help Maria cover her dialysis": a name that is also a word, followed
   * by that person's care */
  if (ctx && fn == 2 && !_rs_is_sent_start (s, i))
    for (guint n = b + 1; n <= sent->last && n <= b + 4; n++)
      if (_rs_lex1 (s, n, LEX_POSS3) && (_rs_match (s, n + 1, LEX_CARE_NOUN, NULL, NULL) ||
                                         _rs_match (s, n + 2, LEX_CARE_NOUN, NULL, NULL)))
        *strong = TRUE;
  /* "Follow Ava's journey", "Jasmine's acne scar journey" */
  /* … and "Jessica's 3-month rhinoplasty results": a care word a few words on */
  if (b == i && rs_tok (s, i)->base_len != rs_tok (s, i)->key_len)
    for (guint n = i + 1; n <= sent->last && n <= i + 4; n++)
      if ((n <= i + 3 && _rs_word (s, n, WORD_NAME_STORY_NOUN)) || _rs_match (s, n, LEX_CARE_NOUN, NULL, NULL) ||
          (fn == 1 && _rs_is_clinical (s, n)))
        {
          ctx = TRUE;
          *strong = TRUE;
        }
  /* "Noah Kim (DOB 03/11/2011)" */
  if (has_surname && sentence_has_dob_label (s, _rs_sent_of (s, i)))
    {
      ctx = TRUE;
      *strong = TRUE;
    }
  /* a celebrated or greeted person whose care the post goes on to tell:
   * "So proud of Izzy! Eight months after ACL surgery she scored …",
   * "Shout-out to Coach Harlan, who's back … after his hip replacement" */
  if ((celebration_before (s, i) || greeting_before (s, i) || vocative (s, i, b)) &&
      (_rs_who_clause_care (s, b) || _rs_tells_third_care (s, _rs_sent_of (s, i) + 1)))
    {
      ctx = TRUE;
      *strong = TRUE;
    }
  /* "Here's Liam … right after his ear tubes", "Aquí está Yesenia con su
   * bebé": a person shown, whose own care or family the sentence goes on
   * to tell (not "Meet Marisa, our midwife": a staff role or credential) */
  if (fn == 1 && i > 0 && _rs_words_end_at (s, i - 1, WORD_NAME_PRESENT_BEFORE))
    {
      gboolean staff = FALSE, own = FALSE;

      for (guint n = b + 1; n <= sent->last && n <= b + 4; n++)
        if (_rs_lex1 (s, n, LEX_STAFF_ROLE) || _rs_lex1 (s, n, LEX_STAFF_CREDENTIAL))
          staff = TRUE;
      for (guint n = b + 1; n <= sent->last && n <= b + 12 && !own; n++)
        own = _rs_lex1 (s, n, LEX_POSS3) &&
              (_rs_lex1 (s, n + 1, LEX_FAMILY) || _rs_match (s, n + 1, LEX_CARE_NOUN, NULL, NULL) ||
               _rs_is_clinical (s, n + 1) || _rs_is_clinical (s, n + 2));
      if (!staff && (own || (sent->flags & (SF_PR | SF_CARE_CTX))))
        {
          ctx = TRUE;
          *strong = TRUE;
        }
    }
  /* "Frank on his last day of cardiac rehab": a sentence that opens on a
   * name and goes straight on to that person's care */
  if (ctx && _rs_is_sent_start (s, i) && b + 2 <= sent->last &&
      (_rs_lex1 (s, b + 1, LEX_POSS3) || _rs_lex1 (s, b + 2, LEX_POSS3)))
    {
      guint n = _rs_lex1 (s, b + 1, LEX_POSS3) ? b + 1 : b + 2;

      for (guint m = n + 1; m <= sent->last && m <= n + 5; m++)
        if (_rs_match (s, m, LEX_CARE_NOUN, NULL, NULL) || _rs_is_clinical (s, m))
          *strong = TRUE;
    }
  /* "help Kendra and Luis get there: gofundme.com/…": a post that links a
   * person's own page (a fundraiser, a blog) is about that person */
  if (fn == 1 && text_has_personal_url (s))
    ctx = TRUE;
  /* "patient Joanne Ruiz" */
  if (after_patient_noun (s, i) || (i > 0 && _rs_word (s, i - 1, WORD_NAME_PATIENT_BEFORE) && (fn == 1 || has_surname)))
    ctx = TRUE;
  /* "our buddy Tito": the person a post calls its own is a patient, and
   * the sentence tells of them */
  if (after_our_friend (s, i) && !(s->tflags[i] & (TF_STAFF | TF_PUBLIC | TF_EXEMPT)))
    {
      ctx = TRUE;
      *strong = TRUE;
      _rs_sent (s, _rs_sent_of (s, i))->flags |= SF_CARE_CTX;
    }
  /* the one whose words a testimonial gives: "Hector says his wife …",
   * "According to Doreen, …" */
  if ((sent->flags & SF_TESTIMONIAL) &&
      ((_rs_is_sent_start (s, i) && _rs_word (s, b + 1, WORD_TESTIMONIAL_VERB)) ||
       (i > 0 && _rs_words_end_at (s, i - 1, WORD_TESTIMONIAL_ACCORDING))))
    {
      ctx = TRUE;
      *strong = TRUE;
    }

  return ctx;
}

/* "Abby and Jack", "Jack and Abby", and in a reply "you and Hank": a
 * first name joined to a name found before it, to a first name of the
 * list that is no other word after it, or to the reader */
static gboolean
coordinated_name (const RScan *s,
                  guint        i,
                  guint        b,
                  gboolean     reply)
{
  if (i >= 2 && _rs_word (s, i - 1, WORD_VOCATIVE_LIST_AND) &&
      ((s->tflags[i - 2] & TF_NAME) || (reply && _rs_word (s, i - 2, WORD_RC_YOU))))
    return TRUE;
  return b + 2 < s->n && _rs_word (s, b + 1, WORD_VOCATIVE_LIST_AND) && _rs_is_cap_word (s, b + 2) &&
         _rs_first_name (s, b + 2) == 1 && !(s->tflags[b + 2] & (TF_STAFF | TF_PUBLIC | TF_EXEMPT));
}

/* A capitalised first name from the name list at @i: extend it with
 * initials and surnames and decide whether it names a patient. Returns
 * the token to continue after. */
static guint
listed_name (RScan    *s,
             guint     i,
             int       fn,
             gboolean  reply,
             gboolean  text_ctx)
{
  gboolean has_initial = FALSE, has_surname = FALSE, surname_known = FALSE;
  gboolean strong;
  guint b;

  if ((rs_tok (s, i)->flags & RTOK_UPPER) && rs_tok (s, i)->n_chars > 1)
    return i;
  if (place_context (s, i))
    return i;

  b = extend_name (s, i, &has_initial, &has_surname, &surname_known);

  /* "Arizona Science Center", "Linda Vista Library": an organisation */
  if (_rs_is_cap_word (s, b + 1) && _rs_lex1 (s, b + 1, LEX_NAME_STOP) &&
      rs_tok (s, b)->base_len == rs_tok (s, b)->key_len)
    return b + 1;

  strong = has_initial || greeting_before (s, i) || vocative (s, i, b) || celebration_before (s, i) ||
           (i > 0 && _rs_word (s, i - 1, WORD_NAME_PATIENT_NOUN)) ||
           (has_surname && (fn == 1 || surname_known)) || coordinated_name (s, i, b, reply);

  if (reply)
    {
      if (fn == 1 || strong)
        add_name (s, i, b, RULE_NAME);
    }
  else
    {
      gboolean ctx = post_name_context (s, i, b, fn, has_surname, surname_known, &strong);

      if (has_initial || (ctx && (fn == 1 || strong)) || (text_ctx && vocative (s, i, b) && fn == 1))
        add_name (s, i, b, RULE_NAME);
    }

  return b;
}

/* A name found once is a name everywhere in the text ("Brenda W." …
 * "Brenda, that sounds like…"). */
static void
propagate_names (RScan *s)
{
  NameKeys seen = { .n = 0 };

  for (guint i = 0; i < s->n; i++)
    if ((s->tflags[i] & TF_NAME) && _rs_is_word (s, i) && rs_tok (s, i)->n_chars >= 3)
      name_keys_add (&seen, rs_key (s, i), rs_tok (s, i)->base_len);

  for (guint j = 0; j < s->n && seen.n > 0; j++)
    {
      if (s->tflags[j] & (TF_NAME | TF_STAFF | TF_EXEMPT | TF_USED | TF_HANDLE | TF_PUBLIC))
        continue;
      /* keys of 64 bytes or more are never asked (as the 64-byte buffer
       * of before) */
      if (!(rs_tok (s, j)->flags & RTOK_CAP) || rs_tok (s, j)->kind != RTOK_WORD ||
          rs_tok (s, j)->base_len >= 64)
        continue;
      if (name_keys_has (&seen, rs_key (s, j), rs_tok (s, j)->base_len) && !_rs_lex1 (s, j, LEX_HONORIFIC))
        add_name (s, j, j, RULE_NAME);
    }
}

/* "Pt: R. Adeyemi", "Policyholder: L. Ortega", "Paciente: Hernández,
 * Juana": a form's name field, shown on a screen or a page in a photo,
 * holds a person's name: a label of WORD_NAME_FIELD_LABEL, a colon, and
 * capitalised words or initials (one comma between them, "Surname,
 * First"), up to a separator */
static void
detect_field_names (RScan *s)
{
  for (guint i = 0; i + 2 < s->n; i++)
    {
      guint end, k, b = G_MAXUINT, words = 0;
      gboolean comma = FALSE, long_word = FALSE;

      if (!(rs_tok (s, i)->flags & RTOK_CAP) || !_rs_words_at (s, i, WORD_NAME_FIELD_LABEL, &end) ||
          !_rs_is_ch (s, end + 1, ':'))
        continue;
      for (k = end + 2; k < s->n && words < 4 && _rs_sent_of (s, k) == _rs_sent_of (s, end + 1); k++)
        {
          if (s->tflags[k] & (TF_STAFF | TF_EXEMPT | TF_USED | TF_HANDLE | TF_DATE))
            break;
          if (_rs_is_initial (s, k) || (_rs_is_cap_word (s, k) && rs_tok (s, k)->n_chars == 1))
            {
              b = k;
              words++;
              if (_rs_is_ch (s, k + 1, '.') && _rs_joined (s, k + 1))
                k++;
              continue;
            }
          /* (a word of the name lists, or one no dictionary knows:
           * not "Patient: Please arrive early") */
          if (_rs_is_cap_word (s, k) && !(rs_tok (s, k)->flags & RTOK_UPPER) && !_rs_lex1 (s, k, LEX_NAME_STOP) &&
              !_rs_lex1 (s, k, LEX_HONORIFIC) &&
              (_rs_first_name (s, k) != 0 || _rs_surname (s, k) ||
               !_rounds_rules_is_common_word (s->rules, rs_hash_len (s, k, rs_tok (s, k)->base_len))))
            {
              b = k;
              words++;
              long_word = TRUE;
              continue;
            }
          if (_rs_is_ch (s, k, ',') && !comma && b == k - 1 && _rs_is_cap_word (s, k + 1))
            {
              comma = TRUE;
              continue;
            }
          break;
        }
      /* the field ends there: a separator or the sentence's end, not a
       * clause going on ("Client: Rounds Dental Group") */
      if (b == G_MAXUINT || !long_word ||
          (b + 1 < s->n && _rs_sent_of (s, b + 1) == _rs_sent_of (s, b) && rs_tok (s, b + 1)->kind != RTOK_PUNCT))
        continue;
      add_name (s, end + 2, b, RULE_NAME);
      i = b;
    }
}

void
_rounds_detect_names (RScan *s)
{
  gboolean reply = rs_is_reply (s);
  gboolean text_ctx = text_has_patient_context (s);

  for (guint i = 0; i < s->n; i++)
    {
      int fn;

      if (rs_tok (s, i)->kind != RTOK_WORD || _rs_name_blocked (s, i) || (s->tflags[i] & TF_DATE))
        continue;
      /* "If you hit Johnson St you've gone too far": a street's name */
      if (_rs_is_street_name (s, i))
        {
          i++;
          continue;
        }
      /* an honorific starts at a LEX_HONORIFIC match, initials at an
       * upper-case letter (RTOK_UPPER: also a letter without case) and a
       * family name at a capital: other words try none of them */
      if (((rs_tok (s, i)->flags & (RTOK_CAP | RTOK_UPPER)) ||
           (s->tmask[i] & (G_GUINT64_CONSTANT (1) << LEX_HONORIFIC))) &&
          (try_honorific_name (s, &i) || try_initials (s, &i) || try_family_name (s, i, reply)))
        continue;

      /* the reviewer's own name, in any part */
      if (reply && _rs_is_reviewer_part (s, i))
        {
          gboolean has_initial = FALSE, has_surname = FALSE, surname_known = FALSE;
          guint b = extend_name (s, i, &has_initial, &has_surname, &surname_known);

          add_name (s, i, b, RULE_NAME_REVIEWER);
          i = b;
          continue;
        }

      if (!may_start_name (s, i, reply))
        continue;
      fn = _rs_first_name (s, i);

      if (fn == 0)
        {
          if ((reply && (unknown_greeted_name (s, i) || unknown_lowercase_greeted (s, i))) ||
              (!reply && unknown_post_name (s, i)) || kin_title_name (s, i))
            add_name (s, i, i, RULE_NAME);
          continue;
        }
      if (_rs_lex1 (s, i, LEX_MONTH) || _rs_lex1 (s, i, LEX_WEEKDAY) || _rs_lex1 (s, i, LEX_HONORIFIC) ||
          _rs_lex1 (s, i, LEX_GREETING) || _rs_lex1 (s, i, LEX_NAME_STOP))
        continue;

      /* "Abuela Chela": a name the lists also know as a word, after a
       * family title */
      if (fn == 2 && kin_title_name (s, i))
        {
          add_name (s, i, i, RULE_NAME);
          continue;
        }
      if (!(rs_tok (s, i)->flags & RTOK_CAP))
        lowercase_name (s, i, fn, reply);
      else
        i = listed_name (s, i, fn, reply, text_ctx);
    }

  if (_rs_text_has_ch (s, '#'))  /* every hashtag name starts at one */
    detect_hashtag_names (s, text_ctx);
  detect_reply_handle (s);
  detect_attribution_names (s);
  if (_rs_text_has_ch (s, ':'))
    detect_field_names (s);
  propagate_names (s);
}
