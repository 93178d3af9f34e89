/* rounds-scanner.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The scan pipeline: tokenize, match every lexicon phrase once, split
 * sentences, run the detectors (rounds-detect-*.c), then turn candidate
 * token ranges into findings with code point offsets.
 *
 * Everything the scanner owns is read-only after construction and each
 * scan keeps its state on its own, so any number of threads may scan with
 * one scanner at the same time. No text is ever logged.
 */

#define G_LOG_DOMAIN "rounds-scanner"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "rounds-detect-toolkit.h"
#include "rounds-scanner-build-id.h"
#include "rounds-utf8.h"

#define NUM_KEY "\001"
#define RESOURCE_PATH "/io/github/roundsapp/Rounds/compliance/"

struct _RoundsScanner
{
  GObject  parent_instance;
  RRules  *rules;
  char    *rules_stamp;  /* what it loaded, see rounds_scanner_dup_rules_stamp() */
};

G_DEFINE_FINAL_TYPE (RoundsScanner, rounds_scanner, G_TYPE_OBJECT)

static char *rules_stamp (const char *dir_path);

static const char * const text_kind_names[] = { "post", "review_reply", "comment_reply" };

const char *
rounds_text_kind_to_string (RoundsTextKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (text_kind_names), NULL);
  return text_kind_names[kind];
}

gboolean
rounds_text_kind_from_string (const char     *str,
                              RoundsTextKind *kind)
{
  g_return_val_if_fail (kind != NULL, FALSE);

  if (str == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (text_kind_names); i++)
    if (strcmp (str, text_kind_names[i]) == 0)
      {
        *kind = i;
        return TRUE;
      }

  return FALSE;
}

static gboolean
is_decoration (const RTok *t)
{
  /* emoji, symbols, bullets: things that start a line without being words */
  if (t->kind != RTOK_PUNCT)
    return FALSE;
  switch (g_unichar_type (t->ch))
    {
    case G_UNICODE_OTHER_SYMBOL:
    case G_UNICODE_MODIFIER_SYMBOL:
    case G_UNICODE_FORMAT:
    case G_UNICODE_ENCLOSING_MARK:
    case G_UNICODE_NON_SPACING_MARK:
      return TRUE;
    default:
      return t->ch == 0x2022 || t->ch == '*' || t->ch == 0xFE0F || t->ch == 0x200D;
    }
}

static gboolean
is_leading_decoration (const RScan *s,
                       guint        k)
{
  const RTok *t = rs_tok (s, k);

  return is_decoration (t) || _rs_is_dash (s, k) || t->ch == 0x00A1 || t->ch == 0x00BF ||
         t->ch == '(' || t->ch == '"' || t->ch == 0x201C || t->ch == 0x00AB;
}

/* ------------------------------------------------------------- pipeline */

/* The scan's arrays hold plain elements (no clear function, not
 * zero-terminated), so a length that shrinks, or grows within memory
 * already written, is the length field alone: g_array_set_size () takes
 * g_array_remove_range ()'s path to shrink, some fifty instructions for
 * each of five arrays per text. */
static inline void
array_set_len (GArray *a,
               guint   len)
{
  a->len = len;
}

/* empties @a */
static inline void
array_clear (GArray *a)
{
  array_set_len (a, 0);
}

static void
match_phrases (RScan *s)
{
  /* matches gathered a few at a time (one g_array_append_val each cost
   * more than the phrase test) */
  RMatch batch[64];
  guint n_batch = 0;

  for (guint i = 0; i < s->n; i++)
    {
      const RTok *t = rs_tok (s, i);
      const RWordData *entry;

      s->mstart[i] = s->matches->len + n_batch;
      /* a number token counts as a digit: one of combining marks alone
       * is RTOK_NUM without RTOK_DIGIT, and the detectors take it as a
       * number */
      s->ttokflags |= t->flags | (t->kind == RTOK_NUM ? RTOK_DIGIT : 0);
      if (t->kind == RTOK_PUNCT && t->ch < 128)
        s->tpunct[t->ch >> 6] |= G_GUINT64_CONSTANT (1) << (t->ch & 63);

      /* punctuation that starts no phrase needs no phrase lookup */
      if (t->kind == RTOK_PUNCT && t->ch < 128 &&
          !(s->rules->ascii_first[t->ch / 64] & (G_GUINT64_CONSTANT (1) << (t->ch % 64))))
        {
          /* its word bits, looked up with the rule pack's word index */
          s->wbits[i] = s->rules->ascii_bits[t->ch];
          continue;
        }

      /* one lookup for the phrases that start here and the token's
       * word lists (kept for the detectors) */
      entry = _rounds_rules_word_data_inline (s->rules, rs_key (s, i), t->key_len, t->hash);
      s->wbits[i] = entry != NULL ? entry->bits : s->rules->no_bits;
      /* and whether it is a word of the clinical vocabulary, as
       * _rs_is_clinical () would answer (the model asks it of every
       * word): bit 2 known, bit 3 clinical */
      s->fnames[i] |= t->kind == RTOK_WORD && t->key_len >= 4 &&
                      _rounds_keys_lookup_hashed (s->rules->clinical, rs_key (s, i), t->key_len, t->hash, NULL) ?
                      4 | 8 : 4;

      for (guint pass = 0; pass < 2; pass++)
        {
          const RWordData *list;
          const guint16 *idx;
          guint n_heads;

          if (pass == 0)
            list = entry;
          else if (t->kind == RTOK_NUM)
            list = s->rules->num_heads;
          else
            list = NULL;

          if (list == NULL || list->n_heads == 0)
            continue;

          /* a word of many phrases: only those that may match before
           * the next token, in the same order */
          if (list->ordered && i + 1 < s->n)
            {
              const RTok *u = rs_tok (s, i + 1);
              guint b = _rounds_phrase_bucket (u->key_len, s->kv[u->key_off]);
              const guint16 *bstart = _rounds_word_data_bstart (list);

              idx = bstart + RPHRASE_BUCKETS + 1 + bstart[b];
              n_heads = bstart[b + 1] - bstart[b];
            }
          else
            {
              idx = NULL;
              n_heads = list->n_heads;
            }

          for (guint p = 0; p < n_heads; p++)
            {
              const RPhraseHead *h = &list->heads[idx != NULL ? idx[p] : p];
              const guchar *tail;
              gboolean ok = TRUE;

              if (i + h->n > s->n)
                continue;

              /* the second token, from the packed head */
              if (h->n > 1)
                {
                  const RTok *u = rs_tok (s, i + 1);

                  if (h->len1 == G_MAXUINT16)
                    ok = u->kind == RTOK_NUM;
                  else
                    ok = u->key_len == h->len1 && s->kv[u->key_off] == h->c1;
                  if (!ok)
                    continue;
                }

              /* the other tokens, from the head's tail in the same block */
              tail = (const guchar *) list + h->tail;
              for (guint k = 1; k < h->n; k++)
                {
                  const RTok *u = rs_tok (s, i + k);
                  guint16 len;

                  memcpy (&len, tail, sizeof len);
                  tail += sizeof len;
                  if (len == G_MAXUINT16)
                    ok = u->kind == RTOK_NUM;
                  else
                    {
                      ok = u->key_len == len && memcmp (tail, s->kv + u->key_off, len) == 0;
                      tail += len;
                    }
                  if (!ok)
                    break;
                }

              if (ok)
                {
                  RMatch *m = &batch[n_batch++];

                  m->t0 = i;
                  m->t1 = i + h->n - 1;
                  m->value = h->value;
                  m->lex = h->lex;
                  if (n_batch == G_N_ELEMENTS (batch))
                    {
                      g_array_append_vals (s->matches, batch, n_batch);
                      n_batch = 0;
                    }
                  s->tmask[i] |= G_GUINT64_CONSTANT (1) << h->lex;
                }
            }
        }
    }

  if (n_batch > 0)
    g_array_append_vals (s->matches, batch, n_batch);
  s->mstart[s->n] = s->matches->len;
}

static gboolean
is_closer (const RTok *t)
{
  return t->kind == RTOK_PUNCT &&
         (t->ch == ')' || t->ch == '"' || t->ch == '\'' || t->ch == 0x201D || t->ch == 0x2019 ||
          t->ch == 0x00BB || t->ch == ']');
}

static void
split_sentences (RScan *s)
{
  RSent cur = { 0, 0, 0, 0 };
  guint i = 0;
  RSent *sv;
  guint n_sents = 0;

  if (s->n == 0)
    return;

  /* sentences written in place (at most one per token), the length set
   * once at the end: a g_array_append_val () each cost more than the
   * sentence */
  g_array_set_size (s->sents, s->n);
  sv = (RSent *) s->sents->data;

  while (i < s->n)
    {
      RTok *t = &g_array_index (s->toks, RTok, i);
      gboolean boundary_after = FALSE;
      guint last = i;

      t->sent = n_sents;

      if (t->kind == RTOK_PUNCT &&
          (t->ch == '!' || t->ch == '?' || t->ch == 0x2026 || t->ch == '.' || t->ch == 0x3002))
        {
          gboolean is_stop = TRUE;

          if (t->ch == '.' && i > 0)
            {
              const RTok *prev = rs_tok (s, i - 1);

              if (!(t->flags & RTOK_SPACE_BEFORE) && prev->kind == RTOK_WORD &&
                  (_rs_lex1 (s, i - 1, LEX_SENTENCE_ABBREV) ||
                   (prev->n_chars == 1 && (prev->flags & RTOK_UPPER))))
                is_stop = FALSE;
            }

          /* swallow further stops and closing quotes ("!”", "?!", "...") */
          while (last + 1 < s->n && !(rs_tok (s, last + 1)->flags & RTOK_SPACE_BEFORE) &&
                 (is_closer (rs_tok (s, last + 1)) ||
                  (rs_tok (s, last + 1)->kind == RTOK_PUNCT &&
                   (rs_tok (s, last + 1)->ch == '!' || rs_tok (s, last + 1)->ch == '?' ||
                    rs_tok (s, last + 1)->ch == '.'))))
            {
              last++;
              g_array_index (s->toks, RTok, last).sent = n_sents;
            }

          if (last + 1 >= s->n)
            boundary_after = TRUE;
          else if (rs_tok (s, last + 1)->flags & RTOK_SPACE_BEFORE)
            {
              const RTok *next = rs_tok (s, last + 1);

              if (is_stop)
                boundary_after = !(t->ch == '.' && next->kind == RTOK_WORD && (next->flags & RTOK_LOWER));
              /* "Grandpa Joe (92!) brought…": a stop inside brackets */
              if (last > i && rs_tok (s, last)->kind == RTOK_PUNCT && rs_tok (s, last)->ch == ')' &&
                  next->kind == RTOK_WORD && (next->flags & RTOK_LOWER))
                boundary_after = FALSE;
            }
        }

      if (!boundary_after && last + 1 < s->n && (rs_tok (s, last + 1)->flags & RTOK_NL_BEFORE))
        boundary_after = TRUE;

      if (boundary_after || last + 1 >= s->n)
        {
          cur.last = last;
          sv[n_sents++] = cur;
          cur.first = last + 1;
          cur.mask = 0;
          cur.flags = 0;
        }

      i = last + 1;
    }
  array_set_len (s->sents, n_sents);

  for (guint m = 0; m < s->matches->len; m++)
    {
      const RMatch *match = &g_array_index (s->matches, RMatch, m);
      RSent *sent = &g_array_index (s->sents, RSent, rs_tok (s, match->t0)->sent);

      sent->mask |= G_GUINT64_CONSTANT (1) << match->lex;
    }

  /* each sentence's union of word bits (every token's are known by now),
   * gathered in a local array of a constant size that the compiler keeps
   * in registers (ORing into the sentence's own words, the word picked by
   * the entry, chained each token's store to the next one's load) */
  g_array_set_size (s->swords_buf, (gsize) s->sents->len * RWORD_N64);
  s->swords = (const guint64 *) s->swords_buf->data;
  for (guint k = 0; k < s->sents->len; k++)
    {
      const RSent *sent = &g_array_index (s->sents, RSent, k);
      guint64 *u = &g_array_index (s->swords_buf, guint64, (gsize) k * RWORD_N64);
      guint64 acc[RWORD_N64] = { 0, };

      for (guint t = sent->first; t <= sent->last && t < s->n; t++)
        {
          const guint64 *b = s->wbits[t];

          if (b == _rounds_no_words)  /* many tokens are in no list */
            continue;
          /* unrolled, the array's words stay in registers */
#pragma GCC unroll 32
          for (guint w = 0; w < RWORD_N64; w++)
            acc[w] |= b[w];
        }
      memcpy (u, acc, sizeof acc);
      for (guint w = 0; w < RWORD_N64; w++)
        s->twords[w] |= acc[w];
      s->tlex |= sent->mask;
    }

  for (guint k = 0; k < s->sents->len; k++)
    {
      RSent *sent = &g_array_index (s->sents, RSent, k);

      sent->start = sent->first;
      while (sent->start < sent->last && is_leading_decoration (s, sent->start))
        sent->start++;
    }
}

static void
mark_allowed_terms (RScan *s)
{
  GPtrArray *terms;
  const guint64 *first;
  guint64 lens;   /* bit MIN (length, 63) of each term's first key */

  if (s->profile == NULL)
    return;

  /* token by token, asking the terms only at a token whose key starts
   * with the first byte of some term's (marking is the same in any
   * order); the profile keeps those bytes and lengths */
  terms = _rounds_compliance_profile_get_allow_terms (s->profile);
  first = _rounds_compliance_profile_get_allow_first (s->profile, &lens);
  if (terms->len == 0)
    return;

  for (guint i = 0; i < s->n; i++)
    {
      guchar c = (guchar) rs_key (s, i)[0];

      if (!((first[c >> 6] >> (c & 63)) & 1))
        continue;
      /* and whose key, or key without a possessive, is as long as some
       * term's first key (the only ways the tests below can match) */
      if (!((lens >> MIN (rs_tok (s, i)->key_len, 63)) & 1) && !((lens >> MIN (rs_tok (s, i)->base_len, 63)) & 1))
        continue;

      for (guint k = 0; k < terms->len; k++)
        {
          const RTerm *term = g_ptr_array_index (terms, k);
          guint len;
          gboolean ok = TRUE;

          if (term->keys[0] == NULL || rs_key (s, i)[0] != term->keys[0][0])
            continue;
          /* the first key (the test the loop below makes first) before the
           * term's length */
          if (strcmp (rs_key (s, i), term->keys[0]) != 0 &&
              !(term->keys[1] == NULL && _rs_base_is (s, i, term->keys[0])))
            continue;
          len = g_strv_length (term->keys);
          if (i + len > s->n)
            continue;
          for (guint j = 0; j < len && ok; j++)
            ok = strcmp (rs_key (s, i + j), term->keys[j]) == 0 ||
                 (j == len - 1 && _rs_base_is (s, i + j, term->keys[j]));
          if (!ok)
            continue;

          for (guint j = 0; j < len; j++)
            s->tflags[i + j] |= TF_EXEMPT;
          /* a hashtag made of the term: #PrairieOakFamilyDental is handled
           * by the name detector's own checks */
        }
    }
}

static void
detect_block_terms (RScan *s)
{
  GPtrArray *terms;

  if (s->profile == NULL)
    return;

  terms = _rounds_compliance_profile_get_block_terms (s->profile);
  for (guint k = 0; k < terms->len; k++)
    {
      const RTerm *term = g_ptr_array_index (terms, k);
      guint len = g_strv_length (term->keys);

      for (guint i = 0; len > 0 && i + len <= s->n; i++)
        {
          gboolean ok = TRUE;

          if (rs_key (s, i)[0] != term->keys[0][0])
            continue;

          for (guint j = 0; j < len && ok; j++)
            ok = strcmp (rs_key (s, i + j), term->keys[j]) == 0 ||
                 (j == len - 1 && _rs_base_is (s, i + j, term->keys[j]));
          if (ok)
            _rs_add (s, i, i + len - 1,
                     term->category == ROUNDS_FINDING_CATEGORY_NAME ? RULE_NAME_BLOCK_TERM : RULE_BLOCK_TERM);
        }
    }
}

static int
cand_compare (gconstpointer a,
              gconstpointer b)
{
  const RCand *x = a;
  const RCand *y = b;

  if (x->t0 != y->t0)
    return x->t0 < y->t0 ? -1 : 1;
  if (x->t1 != y->t1)
    return x->t1 < y->t1 ? -1 : 1;
  return (int) x->rule - (int) y->rule;
}

/* g_array_sort () of @n items of @size bytes at @base: an insertion sort
 * for a few (most scans have two or three candidates and findings, and
 * GLib's merge sort cost more to set up than to sort), GLib's otherwise.
 * Both are stable, so the order is the same. */
#define SMALL_SORT 16

static void
sort_items (gpointer      base,
            guint         n,
            gsize         size,
            GCompareFunc  compare)
{
  char *a = base;
  char tmp[48];  /* a RoundsPlainFinding fits */

  if (n > SMALL_SORT || size > sizeof tmp)
    {
      g_qsort_with_data (base, n, size, (GCompareDataFunc) compare, NULL);
      return;
    }
  for (guint k = 1; k < n; k++)
    {
      guint j = k;

      memcpy (tmp, a + k * size, size);
      while (j > 0 && compare (a + (j - 1) * size, tmp) > 0)
        {
          memcpy (a + j * size, a + (j - 1) * size, size);
          j--;
        }
      if (j != k)
        memcpy (a + j * size, tmp, size);
    }
}

/* The replies' suggestions built for one rule pack and one phone, kept
 * from scan to scan by each thread (see Scratch) */
typedef struct
{
  guint  serial;            /* RRules.serial they were built from, 0: none */
  char  *phone;             /* the phone they were built with, or NULL */
  char  *sugg[N_RULES];     /* GRefString, or NULL: not built yet */
} SuggestionCache;

static void
suggestion_cache_clear (SuggestionCache *c)
{
  for (guint k = 0; k < N_RULES; k++)
    g_clear_pointer (&c->sugg[k], g_ref_string_release);
  g_clear_pointer (&c->phone, g_free);
  c->serial = 0;
}

/* The suggestion for @rule in this scan: the rule's own, plus for replies
 * an offline-contact sentence with the practice's phone. Built once per
 * rule, rule pack and phone on each thread, shared by the findings
 * (GRefString). */
static char *
get_suggestion (const RScan     *s,
                RRuleId          rule_id,
                SuggestionCache *cache)
{
  const RRule *rule = &s->rules->rules[rule_id];
  const char *phone;
  GString *out;

  if (!rs_is_reply (s) || rule->severity != ROUNDS_FINDING_SEVERITY_BLOCK)
    return rule->suggestion;

  phone = s->profile ? _rounds_compliance_profile_get_contact_phone (s->profile) : NULL;
  if (cache->serial != s->rules->serial || g_strcmp0 (cache->phone, phone) != 0)
    {
      suggestion_cache_clear (cache);
      cache->serial = s->rules->serial;
      cache->phone = g_strdup (phone);
    }
  if (cache->sugg[rule_id] != NULL)
    return cache->sugg[rule_id];

  out = g_string_new (rule->suggestion);
  if (out->len > 0)
    g_string_append_c (out, ' ');

  if (phone != NULL)
    {
      const char *tpl = s->rules->reply_suggestion;
      const char *hole = strstr (tpl, "{phone}");

      if (hole != NULL)
        {
          g_string_append_len (out, tpl, hole - tpl);
          g_string_append (out, phone);
          g_string_append (out, hole + strlen ("{phone}"));
        }
      else
        g_string_append (out, tpl);
    }
  else
    g_string_append (out, s->rules->reply_suggestion_no_phone);

  cache->sugg[rule_id] = g_ref_string_new_len (out->str, out->len);
  g_string_free (out, TRUE);
  return cache->sugg[rule_id];
}

/* The findings of the scan put in @out (empty) */
static void
build_findings (RScan           *s,
                SuggestionCache *cache,
                GArray          *merged,
                GPtrArray       *out,
                GArray          *plain)
{
  guint last_of[ROUNDS_FINDING_CATEGORY_LAST + 1];

  for (guint c = 0; c <= ROUNDS_FINDING_CATEGORY_LAST; c++)
    last_of[c] = G_MAXUINT;

  array_clear (merged);
  if (s->cands->len > 1)
    sort_items (s->cands->data, s->cands->len, sizeof (RCand), cand_compare);

  /* merge overlapping candidates of the same category */
  for (guint k = 0; k < s->cands->len; k++)
    {
      RCand c = g_array_index (s->cands, RCand, k);
      RoundsFindingCategory cat = s->rules->rules[c.rule].category;
      gboolean absorbed = FALSE;
      gboolean all_exempt = rounds_finding_category_is_identifier (cat);

      for (guint i = c.t0; i <= c.t1 && all_exempt; i++)
        if (!(s->tflags[i] & TF_EXEMPT) && rs_tok (s, i)->kind != RTOK_PUNCT)
          all_exempt = FALSE;
      if (all_exempt)
        continue;

      /* candidates come sorted by start, and merged ones of a category are
       * disjoint, so only the last one of the category can overlap */
      if (last_of[cat] != G_MAXUINT)
        {
          RCand *p = &g_array_index (merged, RCand, last_of[cat]);

          if (p->t0 <= c.t1 && c.t0 <= p->t1)
            {
              p->t1 = MAX (p->t1, c.t1);
              absorbed = TRUE;
            }
        }

      if (!absorbed)
        {
          g_array_append_val (merged, c);
          last_of[cat] = merged->len - 1;
        }
    }

  for (guint k = 0; k < merged->len; k++)
    {
      const RCand *c = &g_array_index (merged, RCand, k);
      const RRule *rule = &s->rules->rules[c->rule];
      char *suggestion = get_suggestion (s, c->rule, cache);
      guint t0 = c->t0;
      guint t1 = c->t1;

      /* never start or end a finding on white-space-like decoration */
      while (t0 < t1 && is_decoration (rs_tok (s, t0)))
        t0++;
      while (t1 > t0 && is_decoration (rs_tok (s, t1)))
        t1--;

      if (plain != NULL)
        {
          RoundsPlainFinding f = {
            rs_tok (s, t0)->c0, rs_tok (s, t1)->c1, rule->category, rule->severity,
            rule->id, rule->message, g_ref_string_acquire (suggestion),
          };

          g_array_append_val (plain, f);
        }
      else
        g_ptr_array_add (out, _rounds_finding_new_shared (rs_tok (s, t0)->c0, rs_tok (s, t1)->c1,
                                                          rule->id, rule->category, rule->severity,
                                                          rule->message, suggestion));
    }
}

static int
finding_compare (gconstpointer a,
                 gconstpointer b)
{
  const RoundsFinding *x = *(RoundsFinding * const *) a;
  const RoundsFinding *y = *(RoundsFinding * const *) b;

  if (rounds_finding_get_start (x) != rounds_finding_get_start (y))
    return rounds_finding_get_start (x) < rounds_finding_get_start (y) ? -1 : 1;
  if (rounds_finding_get_end (x) != rounds_finding_get_end (y))
    return rounds_finding_get_end (x) < rounds_finding_get_end (y) ? -1 : 1;
  return strcmp (rounds_finding_get_rule (x), rounds_finding_get_rule (y));
}

/* finding_compare () of two RoundsPlainFinding */
static int
plain_compare (gconstpointer a,
               gconstpointer b)
{
  const RoundsPlainFinding *x = a;
  const RoundsPlainFinding *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end < y->end ? -1 : 1;
  return strcmp (x->rule, y->rule);
}

/* The parts of a reviewer's display name that can name them: not
 * function words, roles or platform words ("Dental Mom 2020", "The Okafor
 * Family" → "okafor"), and not words the rule packs use for anything
 * else, unless they are known first names or surnames. */
static char **
reviewer_parts (const RRules *rules,
                const char   *reviewer)
{
  g_auto(GStrv) keys = _rounds_tokenize_keys (reviewer);
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; keys[i] != NULL; i++)
    {
      const char *k = keys[i];
      gboolean known = _rounds_rules_first_name (rules, k, strlen (k)) != 0 ||
                       _rounds_rules_is_surname (rules, k, strlen (k));

      if (g_utf8_strlen (k, -1) < 2 || !g_unichar_isalpha (g_utf8_get_char (k)))
        continue;
      if (_rounds_rules_has_word (rules, k, WORD_REVIEWER_NOT_NAME))
        continue;
      if (!known && g_hash_table_contains (rules->phrases, k))
        continue;
      g_ptr_array_add (out, g_strdup (k));
    }

  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&out), FALSE);
}

/* Per-thread working memory, reused from scan to scan so that a scan of a
 * short text allocates almost nothing but its findings. Each thread has
 * its own, so scans stay independent; big buffers are dropped after a
 * big scan. */
typedef struct
{
  GArray  *toks;
  GString *keys;
  GArray  *sents;
  GArray  *matches;
  GArray  *cands;
  GArray  *dates;
  GArray  *swords;
  GArray  *merged;  /* build_findings ()'s candidates, merged */
  guint   *mstart;
  guint64 *tmask;
  guint8  *tflags;
  const guint64 **wbits;
  guint8  *fnames;
  gsize    cap;
  SuggestionCache suggestions;
  RStaffForms staff_forms;
  RNameMemo name_memo;
} Scratch;

static void
scratch_free (gpointer data)
{
  Scratch *sc = data;

  g_array_unref (sc->toks);
  g_string_free (sc->keys, TRUE);
  g_array_unref (sc->sents);
  g_array_unref (sc->matches);
  g_array_unref (sc->cands);
  g_array_unref (sc->dates);
  g_array_unref (sc->swords);
  g_array_unref (sc->merged);
  g_free (sc->mstart);
  g_free (sc->tmask);
  g_free (sc->tflags);
  g_free (sc->wbits);
  g_free (sc->fnames);
  suggestion_cache_clear (&sc->suggestions);
  g_clear_pointer (&sc->staff_forms.short_forms, g_ptr_array_unref);
  g_free (sc);
}

/* Each thread's own scratch memory: the GPrivate frees it when the thread
 * ends; the thread-local pointer and flag find it without a call (two
 * GPrivate calls per scan each way were 160 instructions a text) */
static GPrivate scratch_key = G_PRIVATE_INIT (scratch_free);
static __thread Scratch *own_scratch;
static __thread gboolean own_scratch_busy;

static Scratch *
scratch_get (void)
{
  Scratch *sc;

  if (own_scratch != NULL && !own_scratch_busy)
    {
      own_scratch_busy = TRUE;
      return own_scratch;
    }

  /* the thread's first scan, or one inside another scan on this thread
   * (not expected): a new one */
  sc = g_new0 (Scratch, 1);
  sc->toks = g_array_sized_new (FALSE, FALSE, sizeof (RTok), 512);
  sc->keys = g_string_sized_new (4096);
  sc->sents = g_array_new (FALSE, FALSE, sizeof (RSent));
  sc->matches = g_array_new (FALSE, FALSE, sizeof (RMatch));
  sc->cands = g_array_new (FALSE, FALSE, sizeof (RCand));
  sc->dates = g_array_new (FALSE, FALSE, sizeof (RDate));
  sc->swords = g_array_new (FALSE, FALSE, sizeof (guint64));
  sc->merged = g_array_new (FALSE, FALSE, sizeof (RCand));
  if (own_scratch == NULL)
    {
      own_scratch = sc;
      own_scratch_busy = TRUE;
      g_private_set (&scratch_key, sc);
    }
  return sc;
}

static void
scratch_reserve (Scratch *sc,
                 gsize    n)
{
  if (n > sc->cap)
    {
      sc->cap = MAX (n, 512);
      g_free (sc->mstart);
      g_free (sc->tmask);
      g_free (sc->tflags);
      g_free (sc->wbits);
      g_free (sc->fnames);
      sc->mstart = g_new (guint, sc->cap);
      sc->tmask = g_new (guint64, sc->cap);
      sc->tflags = g_new (guint8, sc->cap);
      sc->wbits = g_new (const guint64 *, sc->cap);
      sc->fnames = g_new (guint8, sc->cap);
    }
  /* mstart and wbits need no clearing: the phrase matcher writes every
   * token's (and mstart's last) before anything reads them */
  memset (sc->tmask, 0, n * sizeof (guint64));
  memset (sc->tflags, 0, n * sizeof (guint8));
  memset (sc->fnames, 0, n * sizeof (guint8));
}

static void
scratch_release (Scratch *sc,
                 gsize    text_len)
{
  if (sc != own_scratch)
    {
      scratch_free (sc);
      return;
    }
  /* the memory of a long text is given back */
  if (text_len > 256 * 1024)
    {
      g_private_set (&scratch_key, NULL);
      own_scratch = NULL;
      own_scratch_busy = FALSE;
      scratch_free (sc);
      return;
    }

  array_clear (sc->toks);
  g_string_truncate (sc->keys, 0);
  array_clear (sc->sents);
  array_clear (sc->matches);
  array_clear (sc->cands);
  array_clear (sc->dates);
  own_scratch_busy = FALSE;
}

static gboolean   scan_internal (RoundsScanner            *self,
                                 const char               *text,
                                 gssize                    length,
                                 RoundsTextKind            kind,
                                 const char               *reviewer,
                                 RoundsComplianceProfile  *profile,
                                 GString                  *dump,
                                 gboolean                  dump_names,
                                 gboolean                  valid,
                                 GPtrArray               **findings,
                                 GArray                   *plain,
                                 GError                  **error);

GPtrArray *
rounds_scanner_scan (RoundsScanner            *self,
                     const char               *text,
                     gssize                    length,
                     RoundsTextKind            kind,
                     const char               *reviewer,
                     RoundsComplianceProfile  *profile,
                     GError                  **error)
{
  GPtrArray *findings = NULL;

  g_return_val_if_fail (ROUNDS_IS_SCANNER (self), NULL);
  g_return_val_if_fail (text != NULL || length == 0, NULL);
  g_return_val_if_fail (profile == NULL || ROUNDS_IS_COMPLIANCE_PROFILE (profile), NULL);

  if (!scan_internal (self, text, length, kind, reviewer, profile, NULL, FALSE, FALSE, &findings, NULL, error))
    return NULL;
  return findings;
}

gboolean
_rounds_scanner_scan_plain (RoundsScanner            *self,
                            const char               *text,
                            gssize                    length,
                            gboolean                  valid,
                            RoundsTextKind            kind,
                            const char               *reviewer,
                            RoundsComplianceProfile  *profile,
                            GArray                   *findings,
                            GError                  **error)
{
  g_return_val_if_fail (ROUNDS_IS_SCANNER (self), FALSE);
  g_return_val_if_fail (text != NULL || length == 0, FALSE);
  g_return_val_if_fail (profile == NULL || ROUNDS_IS_COMPLIANCE_PROFILE (profile), FALSE);
  g_return_val_if_fail (findings != NULL, FALSE);

  _rounds_plain_findings_clear (findings);
  return scan_internal (self, text, length, kind, reviewer, profile, NULL, FALSE, valid, NULL, findings,
                        error);
}

void
_rounds_plain_findings_clear (GArray *findings)
{
  for (guint i = 0; i < findings->len; i++)
    g_ref_string_release (g_array_index (findings, RoundsPlainFinding, i).suggestion);
  g_array_set_size (findings, 0);
}

static void
dump_feature (const char *prefix,
              const char *a,
              guint64     ha,
              const char *b,
              guint64     hb,
              gpointer    user_data)
{
  GString *out = user_data;
  g_autofree char *feature = g_strconcat (prefix, a, b ? " " : "", b, NULL);

  if (out->str[out->len - 1] != '[')
    g_string_append_c (out, ',');
  g_string_append_c (out, '"');
  _rounds_json_append_escaped (out, feature, strlen (feature));
  g_string_append_c (out, '"');
}

char *
_rounds_scanner_dump_features (RoundsScanner           *self,
                               const char              *text,
                               RoundsTextKind           kind,
                               const char              *reviewer,
                               RoundsComplianceProfile *profile,
                               gboolean                 names)
{
  GString *dump = g_string_new ("[");
  g_autoptr(GPtrArray) findings = NULL;

  if (!scan_internal (self, text, -1, kind, reviewer, profile, dump, names, FALSE, &findings, NULL, NULL))
    g_string_truncate (dump, 1);
  g_string_append_c (dump, ']');
  return g_string_free (dump, FALSE);
}

/* The rule-based detectors, in order (see rounds-compliance-private.h):
 * identifiers first, so that the risk detectors can tell a patient's
 * details from the practice's; people before testimonials and names. */
static void (* const detectors[]) (RScan *s) = {
  _rounds_detect_contacts,
  _rounds_detect_identifiers,
  _rounds_detect_dates,
  _rounds_detect_claims,
  _rounds_detect_quoted_testimonials,
  _rounds_detect_patient_reference,
  _rounds_detect_review_confirmation,
  _rounds_detect_advice,
  _rounds_detect_care,
  _rounds_detect_outcome_claims,
  _rounds_detect_people,
  _rounds_detect_unquoted_testimonials,
  _rounds_detect_names,
  _rounds_detect_named_patients,
};

/* Scans @text into *@findings (made here if NULL, else the caller's empty
 * array) or, with @plain, into that array of RoundsPlainFinding (empty)
 * instead; FALSE with @error set if it cannot be scanned. */
static gboolean
scan_internal (RoundsScanner            *self,
               const char               *text,
               gssize                    length,
               RoundsTextKind            kind,
               const char               *reviewer,
               RoundsComplianceProfile  *profile,
               GString                  *dump,
               gboolean                  dump_names,
               gboolean                  valid,
               GPtrArray               **findings,
               GArray                   *plain,
               GError                  **error)
{
  RScan scan = { 0 };
  RScan *s = &scan;
  Scratch *scratch;
  gsize len;

  len = length < 0 ? strlen (text) : (gsize) length;
  if (!valid && !rounds_utf8_validate_len (text ? text : "", len))
    {
      g_set_error (error, ROUNDS_COMPLIANCE_ERROR, ROUNDS_COMPLIANCE_ERROR_INVALID_TEXT,
                   "The text is not valid UTF-8");
      return FALSE;
    }

  if (len > G_MAXUINT32 / 4)
    {
      g_set_error (error, ROUNDS_COMPLIANCE_ERROR, ROUNDS_COMPLIANCE_ERROR_INVALID_TEXT,
                   "The text is too long to scan");
      return FALSE;
    }

  s->rules = self->rules;
  s->profile = profile;
  s->kind = kind;
  s->text = text;
  s->len = len;
  scratch = scratch_get ();
  s->toks = scratch->toks;
  s->keys = scratch->keys;
  s->sents = scratch->sents;
  s->matches = scratch->matches;
  s->cands = scratch->cands;
  s->dates = scratch->dates;
  s->swords_buf = scratch->swords;

  if (len > 0)
    _rounds_tokenize (text, len, s->toks, s->keys);
  s->n = s->toks->len;
  s->tv = (const RTok *) s->toks->data;
  s->kv = s->keys->str;
  scratch_reserve (scratch, s->n + 1);
  s->mstart = scratch->mstart;
  s->tmask = scratch->tmask;
  s->tflags = scratch->tflags;
  s->wbits = scratch->wbits;
  s->fnames = scratch->fnames;
  s->staff_forms = &scratch->staff_forms;
  s->name_memo = &scratch->name_memo;

  if (reviewer != NULL && *reviewer != '\0' && g_utf8_validate (reviewer, -1, NULL))
    s->reviewer = reviewer_parts (self->rules, reviewer);

  if (s->n > 0)
    {
      match_phrases (s);
      split_sentences (s);
      mark_allowed_terms (s);

      for (guint d = 0; d < G_N_ELEMENTS (detectors); d++)
        detectors[d] (s);
      s->disable_model = dump != NULL;
      _rounds_model_prepare (s);
      _rounds_detect_model (s);
      if (dump_names)
        _rounds_name_features_dump (s, dump);
      if (!s->disable_model)
        {
          _rounds_detect_learned_names (s);
          _rounds_detect_named_care (s);
        }
      _rounds_detect_care_credit (s);
      _rounds_decide_dates (s);
      _rounds_drop_history (s);
      detect_block_terms (s);

      for (guint k = 0; dump != NULL && !dump_names && k < s->sents->len; k++)
        {
          const RSent *se = &g_array_index (s->sents, RSent, k);

          if (se->start > se->last || se->last >= s->n)
            continue;
          if (dump->len > 1)
            g_string_append_c (dump, ',');
          g_string_append_printf (dump, "{\"start\":%u,\"end\":%u,\"features\":[",
                                  rs_tok (s, se->start)->c0, rs_tok (s, se->last)->c1);
          _rounds_model_features (s, k, dump_feature, dump);
          g_string_append (dump, "]}");
        }
    }

  if (plain != NULL)
    {
      /* the same findings, sorted alike (the same comparisons in the same
       * order give the same order); no language, which rounds-check does
       * not write */
      build_findings (s, &scratch->suggestions, scratch->merged, NULL, plain);
      if (plain->len > 1)
        sort_items (plain->data, plain->len, sizeof (RoundsPlainFinding), plain_compare);
    }
  else
    {
      /* the caller's empty array, or a new one */
      if (*findings == NULL)
        *findings = g_ptr_array_new_with_free_func ((GDestroyNotify) rounds_finding_unref);
      build_findings (s, &scratch->suggestions, scratch->merged, *findings, NULL);
      if ((*findings)->len > 1)
        sort_items ((*findings)->pdata, (*findings)->len, sizeof (gpointer), finding_compare);
      if (profile != NULL)
        for (guint i = 0; i < (*findings)->len; i++)
          _rounds_finding_set_language ((*findings)->pdata[i], rounds_compliance_profile_get_language (profile));
    }

  g_strfreev (s->reviewer);
  scratch_release (scratch, len);

  return TRUE;
}

/* ----------------------------------------------------------------- async */

typedef struct
{
  char                    *text;
  char                    *reviewer;
  RoundsTextKind           kind;
  RoundsComplianceProfile *profile;
} ScanData;

static void
scan_data_free (gpointer data)
{
  ScanData *d = data;

  g_free (d->text);
  g_free (d->reviewer);
  g_clear_object (&d->profile);
  g_free (d);
}

static void
scan_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ScanData *d = task_data;
  GError *error = NULL;
  GPtrArray *findings;

  if (g_task_return_error_if_cancelled (task))
    return;

  findings = rounds_scanner_scan (source_object, d->text, -1, d->kind, d->reviewer, d->profile, &error);
  if (findings == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, findings, (GDestroyNotify) g_ptr_array_unref);
}

void
rounds_scanner_scan_async (RoundsScanner            *self,
                           const char               *text,
                           RoundsTextKind            kind,
                           const char               *reviewer,
                           RoundsComplianceProfile  *profile,
                           GCancellable             *cancellable,
                           GAsyncReadyCallback       callback,
                           gpointer                  user_data)
{
  g_autoptr(GTask) task = NULL;
  ScanData *d;

  g_return_if_fail (ROUNDS_IS_SCANNER (self));
  g_return_if_fail (text != NULL);
  g_return_if_fail (profile == NULL || ROUNDS_IS_COMPLIANCE_PROFILE (profile));

  d = g_new0 (ScanData, 1);
  d->text = g_strdup (text);
  d->reviewer = g_strdup (reviewer);
  d->kind = kind;
  d->profile = profile ? g_object_ref (profile) : NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rounds_scanner_scan_async);
  g_task_set_task_data (task, d, scan_data_free);
  g_task_run_in_thread (task, scan_thread);
}

GPtrArray *
rounds_scanner_scan_finish (RoundsScanner  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  g_return_val_if_fail (ROUNDS_IS_SCANNER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------- GObject */

static void
rounds_scanner_finalize (GObject *object)
{
  RoundsScanner *self = (RoundsScanner *)object;

  g_clear_pointer (&self->rules, _rounds_rules_free);
  g_free (self->rules_stamp);

  G_OBJECT_CLASS (rounds_scanner_parent_class)->finalize (object);
}

static void
rounds_scanner_class_init (RoundsScannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rounds_scanner_finalize;
}

static void
rounds_scanner_init (RoundsScanner *self)
{
}

/* The learned name tagger and the everyday words it asks about (see
 * rounds-name-tagger.c); ROUNDS_NAME_MODEL replaces the built-in weights,
 * to measure a model trained without the set being scored, and "none"
 * turns the tagger off. */
static gboolean
load_name_model (RRules      *rules,
                 const char  *path,
                 GError     **error)
{
  g_autofree char *words_path = g_strconcat (path, "common-words.table", NULL);
  g_autofree char *model_path = g_strconcat (path, "name-model.tsv", NULL);
  g_autoptr(GBytes) words = g_resources_lookup_data (words_path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_autoptr(GBytes) model = NULL;
  const char *model_file = g_getenv ("ROUNDS_NAME_MODEL");

  if (!_rounds_rules_set_common_words (rules, words, error))
    return FALSE;
  if (model_file != NULL && *model_file != '\0')
    {
      g_autofree char *contents = NULL;
      gsize size;

      if (strcmp (model_file, "none") == 0)
        return TRUE;
      if (!g_file_get_contents (model_file, &contents, &size, error))
        return FALSE;
      model = g_bytes_new_take (g_steal_pointer (&contents), size);
    }
  else
    model = g_resources_lookup_data (model_path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);

  return model == NULL || (rules->name_model = _rounds_name_model_load (model, error)) != NULL;
}

/* Loads rules.json, first-names.txt and surnames.txt from the resource
 * directory @path (ending in '/'). */
RoundsScanner *
rounds_scanner_new_from_resource_path (const char  *path,
                                       GError     **error)
{
  g_autoptr(RoundsScanner) self = NULL;
  g_autoptr(GBytes) rules = NULL;
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) sur = NULL;
  g_autofree char *rules_path = g_strconcat (path, "rules.json", NULL);
  g_autofree char *first_path = g_strconcat (path, "first-names.txt", NULL);
  g_autofree char *sur_path = g_strconcat (path, "surnames.txt", NULL);

  g_return_val_if_fail (path != NULL, NULL);

  rules = g_resources_lookup_data (rules_path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (rules == NULL)
    return NULL;
  first = g_resources_lookup_data (first_path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  sur = g_resources_lookup_data (sur_path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);

  self = g_object_new (ROUNDS_TYPE_SCANNER, NULL);
  self->rules_stamp = rules_stamp (NULL);
  self->rules = _rounds_rules_load (rules, first, sur, error);
  if (self->rules == NULL)
    return NULL;

  {
    g_autofree char *clinical_path = g_strconcat (path, "clinical-terms.table", NULL);
    g_autofree char *model_path = g_strconcat (path, "risk-model.tsv", NULL);
    g_autoptr(GBytes) clinical = g_resources_lookup_data (clinical_path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
    g_autoptr(GBytes) model = NULL;
    const char *model_file = g_getenv ("ROUNDS_RISK_MODEL");

    if (!_rounds_rules_set_clinical (self->rules, clinical, error))
      return NULL;
    if (!load_name_model (self->rules, path, error))
      return NULL;

    /* ROUNDS_RISK_MODEL replaces the built-in weights, to measure a model
     * trained without the set being scored (leave one set out); "none"
     * turns the model off */
    if (model_file != NULL && *model_file != '\0')
      {
        if (strcmp (model_file, "none") != 0)
          {
            g_autofree char *contents = NULL;
            gsize size;

            if (!g_file_get_contents (model_file, &contents, &size, error))
              return NULL;
            model = g_bytes_new_take (g_steal_pointer (&contents), size);
          }
      }
    else
      model = g_resources_lookup_data (model_path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);

    if (model != NULL && (self->rules->model = _rounds_model_load (model, error)) == NULL)
      return NULL;
  }

  return g_steal_pointer (&self);
}

/* Where a practice or a compliance officer drops extra rule packs: the
 * "compliance" folder of the app's data folder ($ROUNDS_DATA_DIR, else
 * $XDG_DATA_HOME/rounds, as the store has it). */
static char *
extra_pack_dir (void)
{
  const char *dir = g_getenv ("ROUNDS_DATA_DIR");

  if (dir != NULL && *dir != '\0')
    return g_build_filename (dir, "compliance", NULL);
  return g_build_filename (g_get_user_data_dir (), "rounds", "compliance", NULL);
}

static gint
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
load_extra_packs (RoundsScanner  *self,
                  const char     *dir_path,
                  GError        **error)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir == NULL)
    return TRUE;  /* no folder, no extra packs */

  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir_path, g_ptr_array_index (names, i), NULL);
      g_autoptr(GError) local = NULL;
      g_autofree char *contents = NULL;
      g_autoptr(GBytes) bytes = NULL;
      gsize size;

      if (!g_file_get_contents (path, &contents, &size, &local))
        {
          g_set_error (error, ROUNDS_COMPLIANCE_ERROR, ROUNDS_COMPLIANCE_ERROR_INVALID_RULES,
                       "Cannot read rule pack %s: %s", path, local->message);
          return FALSE;
        }
      bytes = g_bytes_new_take (g_steal_pointer (&contents), size);
      if (!_rounds_rules_add_pack (self->rules, path, bytes, error))
        return FALSE;
    }
  return TRUE;
}

/* What a scanner's answers depend on besides the text and the profile:
 * the scanner's own code and built-in data (ROUNDS_SCANNER_BUILD_ID, the
 * last commit that touched them and a digest of their uncommitted
 * changes, set when the app is built), ROUNDS_RISK_MODEL, and the extra
 * rule packs in @dir_path (NULL: none), named by file name, size and
 * modification time (reading them whole is the load this avoids). */
static char *
rules_stamp (const char *dir_path)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GDir) dir = dir_path != NULL ? g_dir_open (dir_path, 0, NULL) : NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *model = g_getenv ("ROUNDS_RISK_MODEL");
  const char *name;

  g_checksum_update (sum, (const guchar *)(model != NULL ? model : ""), -1);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir_path, g_ptr_array_index (names, i), NULL);
      g_autofree char *line = NULL;
      GStatBuf st;

      if (g_stat (path, &st) != 0)
        continue;
      line = g_strdup_printf ("\n%s\t%" G_GUINT64_FORMAT "\t%" G_GINT64_FORMAT,
                              (const char *)g_ptr_array_index (names, i), (guint64)st.st_size,
                              (gint64)st.st_mtime);
      g_checksum_update (sum, (const guchar *)line, -1);
    }
  return g_strdup_printf ("%s/%.16s", ROUNDS_SCANNER_BUILD_ID, g_checksum_get_string (sum));
}

/**
 * rounds_scanner_dup_rules_stamp:
 *
 * What the answers of rounds_scanner_get_default() depend on besides the
 * text and the practice profile: equal stamps, equal findings for the
 * same text and profile. Cheap (no rule is read), so that answers kept
 * from an earlier check (the store's post checks) can be used without
 * loading the scanner, and are not once the rules changed.
 *
 * Returns: (transfer full): the stamp of the rules the default scanner
 *   would load now
 */
char *
rounds_scanner_dup_rules_stamp (void)
{
  g_autofree char *dir = extra_pack_dir ();

  return rules_stamp (dir);
}

/**
 * rounds_scanner_get_rules_stamp:
 *
 * Returns: the stamp (see rounds_scanner_dup_rules_stamp()) of the rules
 *   this scanner loaded
 */
const char *
rounds_scanner_get_rules_stamp (RoundsScanner *self)
{
  g_return_val_if_fail (ROUNDS_IS_SCANNER (self), NULL);

  return self->rules_stamp;
}

/* The built-in rule packs plus the extra ones in the data folder (see
 * extra_pack_dir()), in file name order. An extra pack that is not valid
 * makes this fail with a message naming the file and the problem. */
RoundsScanner *
rounds_scanner_new (GError **error)
{
  g_autoptr(RoundsScanner) self = rounds_scanner_new_from_resource_path (RESOURCE_PATH, error);
  g_autofree char *dir = extra_pack_dir ();

  if (self == NULL)
    return NULL;
  g_free (self->rules_stamp);
  self->rules_stamp = rules_stamp (dir);
  if (!load_extra_packs (self, dir, error))
    return NULL;
  return g_steal_pointer (&self);
}

/* The shared scanner with the built-in rule packs; never NULL (the packs
 * are compiled in, so failing to load them is a programming error). */
static RoundsScanner *default_scanner;

RoundsScanner *
rounds_scanner_get_default (void)
{
  if (g_once_init_enter (&default_scanner))
    {
      g_autoptr(GError) error = NULL;
      RoundsScanner *s = rounds_scanner_new (&error);

      /* a broken extra pack must not stop the app: warn, use the built-in
       * rules (rounds-check reports the same error and stops) */
      if (s == NULL)
        {
          g_warning ("Ignoring the extra compliance rule packs: %s", error->message);
          g_clear_error (&error);
          s = rounds_scanner_new_from_resource_path (RESOURCE_PATH, &error);
        }
      if (s == NULL)
        g_error ("Cannot load the built-in compliance rules: %s", error->message);
      g_once_init_leave (&default_scanner, s);
    }

  return default_scanner;
}

/**
 * rounds_scanner_peek_default:
 *
 * Returns: (nullable) (transfer none): the default scanner if it has been
 *   loaded, else %NULL (it is not loaded by this)
 */
RoundsScanner *
rounds_scanner_peek_default (void)
{
  return g_atomic_pointer_get (&default_scanner);
}

static void
get_default_thread (GTask        *task,
                    gpointer      source,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  g_task_return_pointer (task, g_object_ref (rounds_scanner_get_default ()), g_object_unref);
}

/**
 * rounds_scanner_get_default_async:
 *
 * rounds_scanner_get_default() with its first call (the load of the rule
 * packs, word lists and models: ~200 ms, ~12 MB) on a worker thread.
 */
void
rounds_scanner_get_default_async (GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, rounds_scanner_get_default_async);
  if (rounds_scanner_peek_default () != NULL)
    g_task_return_pointer (task, g_object_ref (rounds_scanner_peek_default ()), g_object_unref);
  else
    g_task_run_in_thread (task, get_default_thread);
}

/**
 * rounds_scanner_get_default_finish:
 *
 * Returns: (transfer full): the default scanner, or %NULL if cancelled
 */
RoundsScanner *
rounds_scanner_get_default_finish (GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
