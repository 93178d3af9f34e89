/* rounds-detect-contacts.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * E-mail addresses, URLs, IP addresses, phone and fax numbers and Social
 * Security numbers: shape first (hand-written matchers over tokens, no
 * regular expressions), then context (the practice's own details, public
 * numbers, business numbers) decides.
 */

#define G_LOG_DOMAIN "rounds-compliance"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "rounds-detect-toolkit.h"

static gboolean
domain_is_own (const RScan *s,
               const char  *host)
{
  GPtrArray *domains;

  if (s->profile == NULL)
    return FALSE;

  if (g_str_has_prefix (host, "www."))
    host += 4;

  domains = _rounds_compliance_profile_get_domains (s->profile);
  for (guint k = 0; k < domains->len; k++)
    {
      const char *d = g_ptr_array_index (domains, k);
      gsize hl = strlen (host);
      gsize dl = strlen (d);

      if (strcmp (host, d) == 0)
        return TRUE;
      if (hl > dl && host[hl - dl - 1] == '.' && strcmp (host + hl - dl, d) == 0)
        return TRUE;
    }

  return FALSE;
}

static gboolean
is_email_char_tok (const RScan *s,
                   guint        i)
{
  const RTok *t = rs_tok (s, i);

  if (t->kind != RTOK_PUNCT)
    return TRUE;
  return t->ch == '.' || t->ch == '_' || t->ch == '-' || t->ch == '+';
}

static void
detect_emails (RScan *s)
{
  for (guint i = 1; i + 1 < s->n; i++)
    {
      guint a, b, last_dot = 0;
      g_autoptr(GString) local = NULL;
      g_autoptr(GString) domain = NULL;
      gboolean own = FALSE;

      if (!_rs_is_ch (s, i, '@') || !_rs_joined (s, i) || !_rs_joined (s, i + 1))
        continue;
      if (rs_tok (s, i - 1)->kind == RTOK_PUNCT || rs_tok (s, i + 1)->kind == RTOK_PUNCT)
        continue;

      a = i - 1;
      while (a > 0 && _rs_joined (s, a) && is_email_char_tok (s, a - 1))
        a--;
      while (a < i && rs_tok (s, a)->kind == RTOK_PUNCT)
        a++;

      b = i + 1;
      while (b + 1 < s->n && _rs_joined (s, b + 1) &&
             (rs_tok (s, b + 1)->kind != RTOK_PUNCT || _rs_is_ch (s, b + 1, '.') || _rs_is_ch (s, b + 1, '-')))
        {
          b++;
        }
      while (b > i && rs_tok (s, b)->kind == RTOK_PUNCT)
        b--;

      for (guint k = i + 1; k <= b; k++)
        if (_rs_is_ch (s, k, '.'))
          last_dot = k;
      if (last_dot == 0 || last_dot == b)
        continue;

      local = g_string_new (NULL);
      for (guint k = a; k < i; k++)
        g_string_append (local, rs_key (s, k));
      domain = g_string_new (NULL);
      for (guint k = i + 1; k <= b; k++)
        g_string_append (domain, rs_key (s, k));

      _rs_mark (s, a, b, TF_USED | TF_HANDLE);

      if (s->profile != NULL)
        {
          GPtrArray *emails = _rounds_compliance_profile_get_email_keys (s->profile);
          g_autofree char *full = g_strdup_printf ("%s@%s", local->str, domain->str);

          for (guint k = 0; k < emails->len && !own; k++)
            own = strcmp (g_ptr_array_index (emails, k), full) == 0;
          own = own || domain_is_own (s, domain->str);
        }

      if (own)
        {
          _rs_mark (s, a, b, TF_EXEMPT);
          continue;
        }

      /* a role account of an organisation (info@…, press@…) is nobody's
       * PHI, nor is an organisation's address in a post that names nobody */
      {
        g_auto(GStrv) labels = g_strsplit (domain->str, ".", -1);
        gboolean free_mail = _rounds_rules_has_word (s->rules, labels[0], WORD_EMAIL_FREE_MAIL);

        if (!free_mail && _rs_lex1 (s, a, LEX_PUBLIC_EMAIL_LOCAL) && a + 1 == i)
          continue;
        if (!free_mail && !_rs_personal_context (s, a))
          continue;
      }

      _rs_add (s, a, b, RULE_EMAIL);
      i = b;
    }
}

static gboolean
is_url_start (const RScan *s,
              guint        i,
              guint       *host_start)
{
  if ((_rs_key_is (s, i, "http") || _rs_key_is (s, i, "https")) && _rs_is_ch (s, i + 1, ':') &&
      _rs_joined (s, i + 1) && _rs_is_ch (s, i + 2, '/') && _rs_is_ch (s, i + 3, '/'))
    {
      *host_start = i + 4;
      return TRUE;
    }

  if (_rs_key_is (s, i, "www") && _rs_is_ch (s, i + 1, '.') && _rs_joined (s, i + 1))
    {
      *host_start = i;
      return TRUE;
    }

  /* label(.label)*.tld */
  if (rs_tok (s, i)->kind != RTOK_PUNCT)
    {
      guint k = i;

      while (k + 2 < s->n && _rs_is_ch (s, k + 1, '.') && _rs_joined (s, k + 1) && _rs_joined (s, k + 2) &&
             rs_tok (s, k + 2)->kind != RTOK_PUNCT)
        {
          k += 2;
          if (_rs_word (s, k, WORD_URL_TLD) &&
              (rs_tok (s, k)->flags & RTOK_LOWER) &&
              (k + 1 >= s->n || !_rs_joined (s, k + 1) || !_rs_is_ch (s, k + 1, '.') ||
               k + 2 >= s->n || !_rs_joined (s, k + 2) || rs_tok (s, k + 2)->kind == RTOK_PUNCT))
            {
              *host_start = i;
              return TRUE;
            }
        }
    }

  return FALSE;
}

static gboolean
is_url_body_tok (const RTok *t)
{
  if (t->kind != RTOK_PUNCT)
    return TRUE;
  switch (t->ch)
    {
    case '/': case '.': case '-': case '_': case '?': case '=': case '&': case '%': case '#':
    case '~': case ':': case '+': case '@': case '!': case ',': case ';': case '(': case ')':
      return TRUE;
    default:
      return FALSE;
    }
}

/* "your recovery blog", "el blog de su embarazo": someone's own page,
 * a reader's or a third person's possessive before the page word (at most
 * two words between) or "de su" after it */
/* a parameter of a URL's query between @from and @to that names a person
 * or their record ("patient=", "chart=", "mrn=", "dob=") */
static gboolean
query_names_person (const RScan *s,
                    guint        from,
                    guint        to)
{
  gboolean query = FALSE;

  for (guint k = from; k + 1 <= to; k++)
    {
      if (_rs_is_ch (s, k, '?'))
        query = TRUE;
      else if (query && (_rs_is_ch (s, k - 1, '?') || _rs_is_ch (s, k - 1, '&')) &&
               _rs_word (s, k, WORD_URL_PERSON_PARAM) && _rs_is_ch (s, k + 1, '='))
        return TRUE;
    }
  return FALSE;
}

static gboolean
personal_page_in (const RScan *s,
                  guint        sent)
{
  const RSent *st = _rs_sent (s, sent);

  for (guint i = st->first; i <= st->last; i++)
    {
      if (!_rs_word (s, i, WORD_PERSONAL_PAGE))
        continue;
      for (guint k = i; k > st->first && k + 3 > i; k--)
        {
          if (!_rs_is_word (s, k - 1))
            break;
          if (_rs_lex1 (s, k - 1, LEX_POSS2) || _rs_lex1 (s, k - 1, LEX_POSS3))
            return TRUE;
          /* "Kristen's recovery blog": a person's, by a possessive
           * capitalised word that is no one of the practice's, its staff
           * or a public figure */
          if (rs_tok (s, k - 1)->base_len != rs_tok (s, k - 1)->key_len &&
              (rs_tok (s, k - 1)->flags & RTOK_CAP) && !(rs_tok (s, k - 1)->flags & RTOK_UPPER) &&
              !(s->tflags[k - 1] & (TF_STAFF | TF_EXEMPT | TF_PUBLIC | TF_HANDLE)) && !_rs_in_profile_words (s, k - 1))
            return TRUE;
        }
      if (i + 2 <= st->last && _rs_word (s, i + 1, WORD_PR_OF_PERSON) &&
          (_rs_lex1 (s, i + 2, LEX_POSS2) || _rs_lex1 (s, i + 2, LEX_POSS3)))
        return TRUE;
    }
  return FALSE;
}

static void
detect_urls (RScan *s)
{
  for (guint i = 0; i < s->n; i++)
    {
      guint host_start, b, host_end;
      g_autoptr(GString) host = NULL;
      g_auto(GStrv) labels = NULL;
      gboolean personal = FALSE;
      gboolean has_path = FALSE;
      guint sent;

      /* every shape is_url_start () knows has a '.' or ':' right after
       * its first token ("http:", "www.", "label.") */
      if (!_rs_is_ch (s, i + 1, '.') && !_rs_is_ch (s, i + 1, ':'))
        continue;
      if (s->tflags[i] & TF_USED)
        continue;
      if (i > 0 && _rs_joined (s, i) && rs_tok (s, i - 1)->kind != RTOK_PUNCT)
        continue;
      if (!is_url_start (s, i, &host_start))
        continue;

      b = i;
      while (b + 1 < s->n && _rs_joined (s, b + 1) && is_url_body_tok (rs_tok (s, b + 1)))
        b++;
      while (b > host_start && rs_tok (s, b)->kind == RTOK_PUNCT && rs_tok (s, b)->ch != '/')
        b--;

      host = g_string_new (NULL);
      host_end = host_start;
      for (guint k = host_start; k <= b; k++)
        {
          if (_rs_is_ch (s, k, '/') || _rs_is_ch (s, k, ':') || _rs_is_ch (s, k, '?'))
            {
              has_path = k < b;
              break;
            }
          g_string_append (host, rs_key (s, k));
          host_end = k;
        }

      _rs_mark (s, i, b, TF_USED | TF_HANDLE);

      if (host->len == 0)
        continue;

      /* "…/results?patient=ALICE.HOLT&chart=558812": a link that carries
       * who it is about in its query is that person's, even on the
       * practice's own site */
      if (has_path && query_names_person (s, host_end + 1, b))
        {
          _rs_add (s, i, b, RULE_URL);
          i = b;
          continue;
        }

      if (domain_is_own (s, host->str))
        {
          _rs_mark (s, i, b, TF_EXEMPT);
          i = b;
          continue;
        }

      labels = g_strsplit (g_str_has_prefix (host->str, "www.") ? host->str + 4 : host->str, ".", -1);
      for (guint k = 0; labels[k] != NULL && !personal; k++)
        {
          const char *label = labels[k];
          guint len = strlen (label);

          for (guint m = 0; m < s->n && m < 1; m++)
            ;
          /* match against the lexicon through a token lookup */
          for (guint t = host_start; t <= b; t++)
            if (rs_tok (s, t)->key_len == len && strcmp (rs_key (s, t), label) == 0 &&
                _rs_lex1 (s, t, LEX_PERSONAL_URL_HOST))
              {
                personal = TRUE;
                break;
              }
        }

      /* a bare social site without a path is nobody's page */
      if (personal && !has_path && g_strv_length (labels) <= 2)
        personal = FALSE;

      sent = _rs_sent_of (s, i);
      if (!personal && (_rs_sent_has (s, sent, LEX_PERSONAL_URL_CONTEXT) || personal_page_in (s, sent)))
        personal = TRUE;
      if (!personal && sent > 0 &&
          (_rs_sent_has (s, sent - 1, LEX_PERSONAL_URL_CONTEXT) || personal_page_in (s, sent - 1)))
        personal = TRUE;

      if (personal)
        _rs_add (s, i, b, RULE_URL);
      i = b;
    }
}

static gboolean
is_hex_tok (const RScan *s,
            guint        i)
{
  const RTok *t = rs_tok (s, i);
  const char *k = rs_key (s, i);

  if (t->kind == RTOK_PUNCT || t->key_len > 4)
    return FALSE;
  for (; *k; k++)
    if (!g_ascii_isxdigit (*k))
      return FALSE;
  return TRUE;
}

static void
detect_ips (RScan *s)
{
  for (guint i = 0; i < s->n; i++)
    {
      /* an IPv4 address starts with a number, an IPv6 one has ':' after
       * its first token */
      if (rs_tok (s, i)->kind != RTOK_NUM && !_rs_is_ch (s, i + 1, ':'))
        continue;
      if (s->tflags[i] & TF_USED)
        continue;
      if (i > 0 && _rs_joined (s, i) && (rs_tok (s, i - 1)->kind != RTOK_PUNCT || _rs_is_ch (s, i - 1, '.')))
        continue;

      /* IPv4 */
      if (rs_tok (s, i)->kind == RTOK_NUM && i + 6 < s->n)
        {
          gboolean ok = TRUE;

          for (guint g = 0; g < 4 && ok; g++)
            {
              guint t = i + g * 2;

              ok = rs_tok (s, t)->kind == RTOK_NUM && rs_tok (s, t)->key_len <= 3 &&
                   atoi (rs_key (s, t)) <= 255 && (g == 0 || _rs_joined (s, t));
              if (ok && g < 3)
                ok = _rs_is_ch (s, t + 1, '.') && _rs_joined (s, t + 1);
            }
          if (ok && i + 8 < s->n && _rs_joined (s, i + 7) && _rs_is_ch (s, i + 7, '.') &&
              _rs_joined (s, i + 8) && rs_tok (s, i + 8)->kind == RTOK_NUM)
            ok = FALSE;
          if (ok)
            {
              _rs_mark (s, i, i + 6, TF_USED);
              _rs_add (s, i, i + 6, RULE_IP);
              i += 6;
              continue;
            }
        }

      /* IPv6: hex groups and colons, with "::" or at least six groups */
      if ((_rs_is_ch (s, i + 1, ':') && is_hex_tok (s, i)) || (_rs_is_ch (s, i, ':') && _rs_is_ch (s, i + 1, ':')))
        {
          guint b = i;
          guint groups = is_hex_tok (s, i) ? 1 : 0;
          guint colons = 0;
          gboolean dbl = FALSE;
          gboolean has_alpha_or_long = FALSE;

          while (b + 1 < s->n && _rs_joined (s, b + 1) &&
                 (_rs_is_ch (s, b + 1, ':') || is_hex_tok (s, b + 1)))
            {
              b++;
              if (_rs_is_ch (s, b, ':'))
                {
                  colons++;
                  if (_rs_is_ch (s, b - 1, ':'))
                    dbl = TRUE;
                }
              else
                groups++;
            }
          while (b > i && _rs_is_ch (s, b, ':') && !_rs_is_ch (s, b - 1, ':'))
            b--;

          for (guint k = i; k <= b; k++)
            if (is_hex_tok (s, k) && (rs_tok (s, k)->key_len == 4 || (rs_tok (s, k)->flags & RTOK_ALPHA)))
              has_alpha_or_long = TRUE;

          if (colons >= 2 && groups >= 3 && (dbl || groups >= 6) && has_alpha_or_long)
            {
              _rs_mark (s, i, b, TF_USED);
              _rs_add (s, i, b, RULE_IP);
              i = b;
            }
        }
    }
}

/* ------------------------------------------------------- phones and SSNs */

static gboolean
num_len (const RScan *s,
         guint        i,
         guint        len)
{
  return i < s->n && rs_tok (s, i)->kind == RTOK_NUM && rs_tok (s, i)->key_len == len;
}

static gboolean
is_sep (const RScan *s,
        guint        i)
{
  return _rs_is_dash (s, i) || _rs_is_ch (s, i, '.') || _rs_is_ch (s, i, '/');
}

/* Next group after @i: either "sep NUM" joined, or a NUM after a space.
 * Returns the group's token index or G_MAXUINT. */
static guint
next_group (const RScan *s,
            guint        i,
            guint        len)
{
  if (i + 1 >= s->n)
    return G_MAXUINT;

  if (is_sep (s, i + 1) && i + 2 < s->n && num_len (s, i + 2, len) &&
      (!(rs_tok (s, i + 2)->flags & RTOK_SPACE_BEFORE) || !(rs_tok (s, i + 1)->flags & RTOK_SPACE_BEFORE)))
    return i + 2;

  if (num_len (s, i + 1, len) && (rs_tok (s, i + 1)->flags & RTOK_SPACE_BEFORE) &&
      !(rs_tok (s, i + 1)->flags & RTOK_NL_BEFORE))
    return i + 1;

  return G_MAXUINT;
}

static gboolean
phone_is_own (const RScan *s,
              const char  *digits)
{
  GPtrArray *phones;
  gsize len = strlen (digits);

  if (s->profile == NULL)
    return FALSE;

  phones = _rounds_compliance_profile_get_phone_digits (s->profile);
  for (guint k = 0; k < phones->len; k++)
    {
      const char *own = g_ptr_array_index (phones, k);
      gsize ol = strlen (own);

      if (strcmp (own, digits) == 0)
        return TRUE;
      if (len == 7 && ol >= 7 && strcmp (own + ol - 7, digits) == 0)
        return TRUE;
    }

  return FALSE;
}

static void
classify_phone (RScan      *s,
                guint       a,
                guint       b,
                const char *digits)
{
  guint sent = _rs_sent_of (s, a);
  guint first = g_array_index (s->sents, RSent, sent).first;
  guint from = a > first + 16 ? a - 16 : first;
  /* "we've faxed the paperwork … to your employer's HR office at …
   * (210-555-0193)": the verb may be further back than a label */
  guint fax_from = a > first + 28 ? a - 28 : first;
  gboolean fax = FALSE;
  gboolean business = FALSE;
  gboolean personal = FALSE;

  _rs_mark (s, a, b, TF_USED);

  if (phone_is_own (s, digits))
    {
      _rs_mark (s, a, b, TF_EXEMPT);
      return;
    }

  /* toll-free numbers belong to businesses and public services */
  if (strlen (digits) == 10)
    {
      const GPtrArray *toll_free = _rs_word_affixes (s, WORD_PHONE_TOLL_FREE_PREFIX);

      for (guint k = 0; toll_free != NULL && k < toll_free->len; k++)
        if (g_str_has_prefix (digits, g_ptr_array_index (toll_free, k)))
          return;
    }

  for (guint k = fax_from; k < a && !fax; k++)
    fax = _rs_lex1 (s, k, LEX_FAX_WORD);
  for (guint k = from; k < a; k++)
    {
      guint end;

      if (_rs_match (s, k, LEX_BUSINESS_PHONE, &end, NULL) && k + 8 >= a)
        {
          business = TRUE;
          personal = FALSE;
        }
      if (_rs_lex1 (s, k, LEX_POSS2) || _rs_word (s, k, WORD_PHONE_PERSONAL) ||
          _rs_lex1 (s, k, LEX_FAMILY))
        personal = TRUE;
    }
  /* "fax: 555…" after the number, as in "555-0150 (fax)" */
  if (b + 2 < s->n && _rs_lex1 (s, b + 2, LEX_FAX_WORD) && _rs_is_ch (s, b + 1, '('))
    fax = TRUE;
  /* "is 520-555-0191 the right fax for …?", "is 208-555-0169 their HR
   * fax?": the number asked about, named a fax a few words on in its
   * clause (no punctuation, "and" or "or" between) */
  for (guint k = b + 1; !fax && k < s->n && k <= b + 4 && _rs_sent_of (s, k) == sent; k++)
    {
      if (rs_tok (s, k)->kind != RTOK_WORD || _rs_word (s, k, WORD_VOCATIVE_LIST_AND))
        break;
      fax = _rs_lex1 (s, k, LEX_FAX_WORD);
    }

  if (business && !personal)
    return;

  /* in a post, a number nobody's is said to own is an organisation's */
  if (!personal && !_rs_personal_context (s, a))
    return;

  _rs_add (s, a, b, fax ? RULE_FAX : RULE_PHONE);
}

static void
detect_phones (RScan *s)
{
  for (guint i = 0; i < s->n; i++)
    {
      guint a = i, g1 = G_MAXUINT, g2, g3, b;
      g_autoptr(GString) digits = NULL;

      if (s->tflags[i] & TF_USED)
        continue;

      /* (217) 555-0142 */
      if (_rs_is_ch (s, i, '(') && num_len (s, i + 1, 3) && _rs_is_ch (s, i + 2, ')'))
        {
          g1 = i + 1;
          g2 = next_group (s, i + 2, 3);
          if (g2 == G_MAXUINT && i + 3 < s->n && num_len (s, i + 3, 3))
            g2 = i + 3;
          if (g2 != G_MAXUINT && (g3 = next_group (s, g2, 4)) != G_MAXUINT &&
              !(s->tflags[g3] & TF_USED))
            {
              b = g3;
              if (i > 1 && _rs_key_is (s, i - 1, "1") && (_rs_is_ch (s, i - 2, '+') || i - 1 == 0))
                a = i - 1;
              digits = g_string_new (NULL);
              g_string_append (digits, rs_key (s, g1));
              g_string_append (digits, rs_key (s, g2));
              g_string_append (digits, rs_key (s, g3));
              classify_phone (s, a, b, digits->str);
              i = b;
              continue;
            }
        }

      if (rs_tok (s, i)->kind != RTOK_NUM)
        continue;
      if (i > 0 && _rs_joined (s, i) && (rs_tok (s, i - 1)->kind != RTOK_PUNCT ||
                                         _rs_is_ch (s, i - 1, '.') || _rs_is_ch (s, i - 1, '/') ||
                                         _rs_is_ch (s, i - 1, '$') || _rs_is_ch (s, i - 1, '#')))
        {
          /* 1-800-…: allow a "+1-" or "1-" prefix, nothing else glued on */
          if (!(_rs_is_ch (s, i - 1, '-') && i >= 2 && _rs_key_is (s, i - 2, "1")))
            if (!(rs_tok (s, i - 1)->ch == '-' && i >= 2 && _rs_is_ch (s, i - 2, '+')))
              continue;
        }

      /* 1 (217) 555-0142 / 1-217-555-0142 / +1 217 555 0142 */
      if (_rs_key_is (s, i, "1") && (g1 = next_group (s, i, 3)) != G_MAXUINT)
        {
          g2 = next_group (s, g1, 3);
          g3 = g2 != G_MAXUINT ? next_group (s, g2, 4) : G_MAXUINT;
          if (g3 != G_MAXUINT)
            {
              digits = g_string_new (NULL);
              g_string_append (digits, rs_key (s, g1));
              g_string_append (digits, rs_key (s, g2));
              g_string_append (digits, rs_key (s, g3));
              a = (i > 0 && _rs_is_ch (s, i - 1, '+')) ? i - 1 : i;
              classify_phone (s, a, g3, digits->str);
              i = g3;
              continue;
            }
        }

      if (num_len (s, i, 3))
        {
          /* SSN: 123-45-6789 */
          g1 = next_group (s, i, 2);
          if (g1 != G_MAXUINT && (g2 = next_group (s, g1, 4)) != G_MAXUINT &&
              !(g2 + 1 < s->n && _rs_joined (s, g2 + 1) &&
                ((is_sep (s, g2 + 1) && g2 + 2 < s->n && _rs_joined (s, g2 + 2) && rs_tok (s, g2 + 2)->kind == RTOK_NUM) ||
                 rs_tok (s, g2 + 1)->kind != RTOK_PUNCT)))
            {
              const RTok *prefix = i > 0 ? rs_tok (s, i - 1) : NULL;

              /* "member ID as QTZ 448-90-1127": a plan's letters before
               * the number make it a member number, not an SSN */
              if (prefix != NULL && !_rs_joined (s, i) && prefix->kind == RTOK_WORD && (prefix->flags & RTOK_UPPER) &&
                  !(prefix->flags & RTOK_DIGIT) && prefix->n_chars >= 2 && prefix->n_chars <= 4 &&
                  !_rs_lex1 (s, i - 1, LEX_ID_LABEL) && !(s->tflags[i - 1] & (TF_USED | TF_EXEMPT)) &&
                  _rs_plan_cue_in_clause (s, i - 1, 14))
                {
                  _rs_mark (s, i - 1, g2, TF_USED);
                  _rs_add (s, i - 1, g2, RULE_HEALTH_PLAN);
                }
              else
                {
                  _rs_mark (s, i, g2, TF_USED);
                  _rs_add (s, i, g2, RULE_SSN);
                }
              i = g2;
              continue;
            }

          /* 217-555-0142, 217.555.0142, 217 555 0142 */
          g1 = next_group (s, i, 3);
          if (g1 != G_MAXUINT && (g2 = next_group (s, g1, 4)) != G_MAXUINT &&
              !(g2 + 1 < s->n && _rs_joined (s, g2 + 1) && rs_tok (s, g2 + 1)->kind != RTOK_PUNCT))
            {
              digits = g_string_new (NULL);
              g_string_append (digits, rs_key (s, i));
              g_string_append (digits, rs_key (s, g1));
              g_string_append (digits, rs_key (s, g2));
              classify_phone (s, i, g2, digits->str);
              i = g2;
              continue;
            }

          /* 555-0142 (seven digits): only next to a phone word */
          g1 = next_group (s, i, 4);
          if (g1 != G_MAXUINT && _rs_is_dash (s, i + 1) && !(s->tflags[g1] & TF_USED) &&
              !(g1 + 1 < s->n && _rs_joined (s, g1 + 1) && rs_tok (s, g1 + 1)->kind != RTOK_PUNCT))
            {
              gboolean ctx = FALSE;

              for (guint k = i > 4 ? i - 4 : 0; k < i; k++)
                if (_rs_word (s, k, WORD_PHONE_CUE_SHORT) || _rs_lex1 (s, k, LEX_FAX_WORD))
                  ctx = TRUE;
              if (ctx)
                {
                  digits = g_string_new (NULL);
                  g_string_append (digits, rs_key (s, i));
                  g_string_append (digits, rs_key (s, g1));
                  classify_phone (s, i, g1, digits->str);
                  i = g1;
                  continue;
                }
            }
        }

      /* 2175550142 */
      if (rs_tok (s, i)->key_len == 10 || (rs_tok (s, i)->key_len == 11 && rs_key (s, i)[0] == '1'))
        {
          const char *k = rs_key (s, i);
          gboolean phone_ctx = FALSE;

          for (guint m = i > 5 ? i - 5 : 0; m < i; m++)
            if (_rs_word (s, m, WORD_PHONE_CUE_LONG) || _rs_lex1 (s, m, LEX_FAX_WORD))
              phone_ctx = TRUE;

          if (phone_ctx)
            {
              classify_phone (s, i, i, k + (rs_tok (s, i)->key_len == 11 ? 1 : 0));
              continue;
            }
        }
    }
}

void
_rounds_detect_contacts (RScan *s)
{
  gboolean digit = _rs_text_has_digit (s);
  gboolean handles = _rs_text_has_ch (s, '@') || _rs_text_has_ch (s, '#');

  /* each part only where the characters it needs are in the text: an
   * e-mail address its '@'; a URL "http:", "www." or a ".tld"; an IPv4
   * address numbers, an IPv6 one ':'; a phone number or SSN numbers
   * (a new shape that needs other characters must widen its gate) */
  if (_rs_text_has_ch (s, '@'))
    detect_emails (s);
  if (_rs_text_has_ch (s, '.') || _rs_text_has_ch (s, ':'))
    detect_urls (s);
  if (digit || _rs_text_has_ch (s, ':'))
    detect_ips (s);
  if (digit)
    detect_phones (s);

  /* @handles and hashtags are never names or numbers of their own */
  for (guint i = 0; handles && i + 1 < s->n; i++)
    {
      if ((_rs_is_ch (s, i, '@') || _rs_is_ch (s, i, '#')) && _rs_joined (s, i + 1) &&
          rs_tok (s, i + 1)->kind != RTOK_PUNCT && !(s->tflags[i + 1] & TF_USED))
        {
          /* "#CL-448812", "#30" are numbers, not hashtags */
          if (_rs_is_ch (s, i, '#') &&
              (rs_tok (s, i + 1)->kind == RTOK_NUM ||
               (_rs_is_dash (s, i + 2) && _rs_joined (s, i + 2) && _rs_joined (s, i + 3) &&
                (rs_tok (s, i + 3)->flags & RTOK_DIGIT))))
            continue;

          guint b = i + 1;

          while (b + 2 < s->n && _rs_joined (s, b + 1) && (_rs_is_ch (s, b + 1, '_') || _rs_is_ch (s, b + 1, '.')) &&
                 _rs_joined (s, b + 2) && rs_tok (s, b + 2)->kind != RTOK_PUNCT)
            b += 2;
          _rs_mark (s, i, b, TF_HANDLE);
        }
    }
}
