/* rounds-triage.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Inbox's triage (see rounds-triage.h for the order of the kinds).
 * The text is split with the scanner's tokenizer, so phrases of the rule
 * pack match whole words, lower case, accents folded; every phrase of
 * every lexicon is tried at every word. Comments are short (a few hundred
 * words at most), so this plain scan stays far below a millisecond.
 */

#define G_LOG_DOMAIN "rounds-triage"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "rounds-compliance-private.h"
#include "rounds-triage.h"

#define TRIAGE_RESOURCE "/io/github/roundsapp/Rounds/compliance/triage.json"
#define NUM_KEY         "\001"
#define HEALTH_WINDOW   6   /* words between a care word and "my"/"I" */
#define NEGATION_WINDOW 3   /* words before a phrase that can negate it */

typedef enum
{
  TLEX_CRISIS,
  TLEX_SPAM,
  TLEX_LINK,
  TLEX_COMPLAINT,
  TLEX_PRAISE,
  TLEX_NEGATOR,
  TLEX_QUESTION_START,
  TLEX_NOT_QUESTION_START,
  TLEX_QUESTION_PHRASE,
  TLEX_HEALTH_TERM,
  TLEX_SELF,
  TLEX_SELF_HEALTH,
  N_TLEX
} TriageLex;

static const char * const lex_names[N_TLEX] = {
  [TLEX_CRISIS] = "crisis",
  [TLEX_SPAM] = "spam",
  [TLEX_LINK] = "link",
  [TLEX_COMPLAINT] = "complaint",
  [TLEX_PRAISE] = "praise",
  [TLEX_NEGATOR] = "negator",
  [TLEX_QUESTION_START] = "question_start",
  [TLEX_NOT_QUESTION_START] = "not_question_start",
  [TLEX_QUESTION_PHRASE] = "question_phrase",
  [TLEX_HEALTH_TERM] = "health_term",
  [TLEX_SELF] = "self",
  [TLEX_SELF_HEALTH] = "self_health",
};

typedef struct
{
  char   **keys;      /* folded words; NUM_KEY is any number */
  guint8  *prefix;    /* per word: matches any word it begins */
  guint    n_keys;
  int      weight;
} Phrase;

struct _RoundsTriageRules
{
  GPtrArray *lex[N_TLEX];   /* of Phrase */
  int        crisis_threshold;
  int        spam_threshold;
};

typedef struct
{
  int   start;
  guint len;
  int   weight;
} Match;

static void
phrase_free (Phrase *p)
{
  g_strfreev (p->keys);
  g_free (p->prefix);
  g_free (p);
}

void
rounds_triage_rules_free (RoundsTriageRules *rules)
{
  if (rules == NULL)
    return;
  for (guint i = 0; i < N_TLEX; i++)
    g_clear_pointer (&rules->lex[i], g_ptr_array_unref);
  g_free (rules);
}

/* "channel <n>", "recommend*", "x-ray" → words, the way the text is split. */
static Phrase *
phrase_new (const char *text,
            int         weight)
{
  g_auto(GStrv) parts = g_strsplit_set (text, " \t", -1);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GByteArray) prefix = g_byte_array_new ();
  Phrase *p;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *part = g_strdup (parts[i]);
      g_auto(GStrv) words = NULL;
      gsize len = strlen (part);
      guint8 is_prefix = FALSE;

      if (len == 0)
        continue;
      if (g_str_equal (part, "<n>"))
        {
          g_ptr_array_add (keys, g_strdup (NUM_KEY));
          g_byte_array_append (prefix, &is_prefix, 1);
          continue;
        }
      if (len > 1 && part[len - 1] == '*')
        {
          part[len - 1] = '\0';
          is_prefix = TRUE;
        }
      words = _rounds_tokenize_keys (part);
      for (guint k = 0; words[k] != NULL; k++)
        {
          guint8 last_prefix = is_prefix && words[k + 1] == NULL;

          if (words[k][0] == '\0')
            continue;
          g_ptr_array_add (keys, g_strdup (words[k]));
          g_byte_array_append (prefix, &last_prefix, 1);
        }
    }

  if (keys->len == 0)
    return NULL;

  p = g_new0 (Phrase, 1);
  p->n_keys = keys->len;
  g_ptr_array_add (keys, NULL);
  p->keys = (char **) g_ptr_array_free (g_steal_pointer (&keys), FALSE);
  p->prefix = g_byte_array_free (g_steal_pointer (&prefix), FALSE);
  p->weight = weight;
  return p;
}

static gboolean
add_phrases (GPtrArray   *lex,
             JsonNode    *node,
             const char  *where,
             GError     **error)
{
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);
          Phrase *p;

          if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING)
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "Triage rules: %s[%u] is not a phrase", where, i);
              return FALSE;
            }
          if ((p = phrase_new (json_node_get_string (item), 1)) != NULL)
            g_ptr_array_add (lex, p);
        }
      return TRUE;
    }

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      const char *phrase;
      JsonNode *value;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &phrase, &value))
        {
          Phrase *p;

          if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_INT64 ||
              json_node_get_int (value) < 1 || json_node_get_int (value) > 10)
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "Triage rules: the weight of a phrase in %s is not a number from 1 to 10",
                           where);
              return FALSE;
            }
          if ((p = phrase_new (phrase, (int) json_node_get_int (value))) != NULL)
            g_ptr_array_add (lex, p);
        }
      return TRUE;
    }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               "Triage rules: %s is neither a list of phrases nor phrases with weights", where);
  return FALSE;
}

/**
 * rounds_triage_rules_new_from_data:
 * @json: a rule pack in the format of resources/compliance/triage.json
 *
 * Returns: (transfer full): the compiled rules, or %NULL with @error set
 *   when the pack is malformed (not JSON, an unknown lexicon, a bad weight).
 */
RoundsTriageRules *
rounds_triage_rules_new_from_data (const char  *json,
                                   gssize       length,
                                   GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(RoundsTriageRules) rules = NULL;
  JsonObject *root, *lexicons, *thresholds;
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  g_return_val_if_fail (json != NULL, NULL);

  if (!json_parser_load_from_data (parser, json, length, error))
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)) ||
      !json_object_has_member ((root = json_node_get_object (json_parser_get_root (parser))),
                               "lexicons") ||
      !JSON_NODE_HOLDS_OBJECT (json_object_get_member (root, "lexicons")))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "Triage rules: there is no “lexicons” object");
      return NULL;
    }

  rules = g_new0 (RoundsTriageRules, 1);
  for (guint i = 0; i < N_TLEX; i++)
    rules->lex[i] = g_ptr_array_new_with_free_func ((GDestroyNotify) phrase_free);
  rules->crisis_threshold = 2;
  rules->spam_threshold = 2;

  thresholds = json_object_has_member (root, "thresholds") &&
               JSON_NODE_HOLDS_OBJECT (json_object_get_member (root, "thresholds"))
               ? json_object_get_object_member (root, "thresholds") : NULL;
  if (thresholds != NULL)
    {
      rules->crisis_threshold = MAX (1, json_object_get_int_member_with_default (thresholds,
                                                                                 "crisis", 2));
      rules->spam_threshold = MAX (1, json_object_get_int_member_with_default (thresholds,
                                                                               "spam", 2));
    }

  lexicons = json_object_get_object_member (root, "lexicons");
  json_object_iter_init (&iter, lexicons);
  while (json_object_iter_next (&iter, &name, &node))
    {
      JsonObjectIter langs;
      const char *lang;
      JsonNode *phrases;
      guint which = 0;

      while (which < N_TLEX && !g_str_equal (lex_names[which], name))
        which++;
      if (which == N_TLEX)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "Triage rules: there is no lexicon “%s”", name);
          return NULL;
        }
      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "Triage rules: lexicon “%s” must map languages to phrases", name);
          return NULL;
        }

      json_object_iter_init (&langs, json_node_get_object (node));
      while (json_object_iter_next (&langs, &lang, &phrases))
        {
          g_autofree char *where = g_strdup_printf ("%s.%s", name, lang);

          if (!add_phrases (rules->lex[which], phrases, where, error))
            return NULL;
        }
    }

  return g_steal_pointer (&rules);
}

/**
 * rounds_triage_rules_get_default:
 *
 * Returns: (transfer none): the built-in rule pack, loaded once. It is
 *   part of the binary and checked by the tests; should it ever fail to
 *   load, every item is triaged as "other" and a warning says why.
 */
RoundsTriageRules *
rounds_triage_rules_get_default (void)
{
  static RoundsTriageRules *rules;

  if (g_once_init_enter (&rules))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = NULL;
      RoundsTriageRules *loaded = NULL;
      gsize size;
      const char *data;

      bytes = g_resources_lookup_data (TRIAGE_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
      if (bytes != NULL)
        {
          data = g_bytes_get_data (bytes, &size);
          loaded = rounds_triage_rules_new_from_data (data, size, &error);
        }
      if (loaded == NULL)
        {
          g_warning ("The built-in triage rules cannot be used: %s", error->message);
          loaded = rounds_triage_rules_new_from_data ("{\"lexicons\": {}}", -1, NULL);
        }
      g_once_init_leave (&rules, loaded);
    }

  return rules;
}

/* ------------------------------------------------------------------ */
/* Matching                                                             */

typedef struct
{
  GPtrArray *keys;       /* const char * into the key buffer */
  GArray    *sentence;   /* guint per word */
  GArray    *starts;     /* gboolean per word: opens a sentence */
} Words;

static gboolean
is_number (const char *key)
{
  if (*key == '\0')
    return FALSE;
  for (; *key != '\0'; key++)
    if (!g_ascii_isdigit (*key))
      return FALSE;
  return TRUE;
}

static gboolean
word_matches (const Phrase *p,
              guint         k,
              const char   *key)
{
  if (g_str_equal (p->keys[k], NUM_KEY))
    return is_number (key);
  if (p->prefix[k])
    return g_str_has_prefix (key, p->keys[k]);
  return g_str_equal (p->keys[k], key);
}

static gboolean
phrase_matches_at (const Phrase *p,
                   const Words  *w,
                   guint         at)
{
  if (at + p->n_keys > w->keys->len)
    return FALSE;
  for (guint k = 0; k < p->n_keys; k++)
    if (!word_matches (p, k, g_ptr_array_index (w->keys, at + k)))
      return FALSE;
  return TRUE;
}

static GArray *
find (RoundsTriageRules *rules,
      TriageLex          lex,
      const Words       *w)
{
  GArray *matches = g_array_new (FALSE, FALSE, sizeof (Match));

  for (guint at = 0; at < w->keys->len; at++)
    for (guint i = 0; i < rules->lex[lex]->len; i++)
      {
        const Phrase *p = g_ptr_array_index (rules->lex[lex], i);

        if (phrase_matches_at (p, w, at))
          {
            Match m = { (int) at, p->n_keys, p->weight };
            g_array_append_val (matches, m);
          }
      }

  return matches;
}

static guint
sentence_of (const Words *w,
             int          at)
{
  return g_array_index (w->sentence, guint, at);
}

/* A negator among the few words before @m, in its sentence. */
static gboolean
is_negated (const Words  *w,
            const GArray *negators,
            const Match  *m)
{
  for (guint i = 0; i < negators->len; i++)
    {
      const Match *n = &g_array_index (negators, Match, i);
      int end = n->start + (int) n->len;

      if (end <= m->start && m->start - end < NEGATION_WINDOW &&
          sentence_of (w, n->start) == sentence_of (w, m->start))
        return TRUE;
    }
  return FALSE;
}

static int
sum (const GArray *matches)
{
  int total = 0;

  for (guint i = 0; i < matches->len; i++)
    total += g_array_index (matches, Match, i).weight;
  return total;
}

static gboolean
is_sentence_end (const char *key)
{
  return g_str_equal (key, ".") || g_str_equal (key, "!") || g_str_equal (key, "?") ||
         g_str_equal (key, "…") || g_str_equal (key, "¿") || g_str_equal (key, "¡");
}

static void
split_words (const char *text,
             GString    *buffer,
             Words      *w)
{
  g_autoptr(GArray) toks = g_array_new (FALSE, FALSE, sizeof (RTok));
  guint sentence = 0;
  gboolean start = TRUE;

  _rounds_tokenize (text, strlen (text), toks, buffer);

  for (guint i = 0; i < toks->len; i++)
    {
      const RTok *t = &g_array_index (toks, RTok, i);
      const char *key = buffer->str + t->key_off;

      if (t->key_len == 0)
        continue;
      if (t->flags & RTOK_NL_BEFORE && !start)
        {
          sentence++;
          start = TRUE;
        }
      g_ptr_array_add (w->keys, (gpointer) key);
      g_array_append_val (w->sentence, sentence);
      g_array_append_val (w->starts, start);
      start = FALSE;
      if (is_sentence_end (key))
        {
          sentence++;
          start = TRUE;
        }
    }
}

/**
 * rounds_triage_classify_full:
 * @rules: (nullable): a rule pack, %NULL for the built-in one
 * @text: (nullable): the comment or review as the network gave it
 * @rating: 1–5 stars, 0 for none
 * @result: (out caller-allocates): the kind and the evidence
 */
void
rounds_triage_classify_full (RoundsTriageRules  *rules,
                             const char         *text,
                             int                 rating,
                             RoundsTriageResult *result)
{
  g_autoptr(GString) buffer = g_string_new (NULL);
  GArray *found[N_TLEX];
  Words w;
  int crisis, spam, complaint = 0, praise = 0;
  gboolean question = FALSE, health = FALSE;

  g_return_if_fail (result != NULL);

  if (rules == NULL)
    rules = rounds_triage_rules_get_default ();
  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    text = "";

  /* The key buffer must not move while words point into it. */
  w.keys = g_ptr_array_new ();
  w.sentence = g_array_new (FALSE, FALSE, sizeof (guint));
  w.starts = g_array_new (FALSE, FALSE, sizeof (gboolean));
  split_words (text, buffer, &w);

  for (guint i = 0; i < N_TLEX; i++)
    found[i] = find (rules, i, &w);

  crisis = sum (found[TLEX_CRISIS]);
  spam = sum (found[TLEX_SPAM]) + (found[TLEX_LINK]->len > 0 ? 1 : 0);

  for (guint i = 0; i < found[TLEX_COMPLAINT]->len; i++)
    {
      const Match *m = &g_array_index (found[TLEX_COMPLAINT], Match, i);

      if (is_negated (&w, found[TLEX_NEGATOR], m))
        praise += 1;          /* "not bad at all" */
      else
        complaint += m->weight;
    }
  for (guint i = 0; i < found[TLEX_PRAISE]->len; i++)
    {
      const Match *m = &g_array_index (found[TLEX_PRAISE], Match, i);

      if (is_negated (&w, found[TLEX_NEGATOR], m))
        complaint += m->weight;   /* "no lo recomiendo" */
      else
        praise += m->weight;
    }
  if (rating == 1 || rating == 2)
    complaint += 4 - rating;
  else if (rating == 4 || rating == 5)
    praise += rating - 2;

  question = found[TLEX_QUESTION_PHRASE]->len > 0;
  for (guint i = 0; !question && i < found[TLEX_QUESTION_START]->len; i++)
    {
      const Match *m = &g_array_index (found[TLEX_QUESTION_START], Match, i);
      gboolean exclaims = FALSE;

      if (!g_array_index (w.starts, gboolean, m->start))
        continue;
      for (guint k = 0; k < found[TLEX_NOT_QUESTION_START]->len; k++)
        if (g_array_index (found[TLEX_NOT_QUESTION_START], Match, k).start == m->start)
          exclaims = TRUE;
      question = !exclaims;
    }

  health = found[TLEX_SELF_HEALTH]->len > 0;
  for (guint i = 0; !health && i < found[TLEX_HEALTH_TERM]->len; i++)
    {
      const Match *h = &g_array_index (found[TLEX_HEALTH_TERM], Match, i);

      for (guint k = 0; !health && k < found[TLEX_SELF]->len; k++)
        {
          const Match *s = &g_array_index (found[TLEX_SELF], Match, k);
          int gap = s->start < h->start ? h->start - (s->start + (int) s->len)
                                        : s->start - (h->start + (int) h->len);

          health = gap < HEALTH_WINDOW && sentence_of (&w, s->start) == sentence_of (&w, h->start);
        }
    }

  result->evidence = 0;
  if (crisis > 0)
    result->evidence |= 1 << ROUNDS_TRIAGE_CRISIS;
  if (spam > 0)
    result->evidence |= 1 << ROUNDS_TRIAGE_SPAM;
  if (health)
    result->evidence |= 1 << ROUNDS_TRIAGE_HEALTH_DETAILS;
  if (complaint > 0)
    result->evidence |= 1 << ROUNDS_TRIAGE_COMPLAINT;
  if (question)
    result->evidence |= 1 << ROUNDS_TRIAGE_QUESTION;
  if (praise > 0)
    result->evidence |= 1 << ROUNDS_TRIAGE_PRAISE;

  if (crisis >= rules->crisis_threshold)
    result->kind = ROUNDS_TRIAGE_CRISIS;
  else if (spam >= rules->spam_threshold)
    result->kind = ROUNDS_TRIAGE_SPAM;
  else if (health)
    result->kind = ROUNDS_TRIAGE_HEALTH_DETAILS;
  else if (complaint > 0 && complaint >= praise)
    result->kind = ROUNDS_TRIAGE_COMPLAINT;
  else if (question)
    result->kind = ROUNDS_TRIAGE_QUESTION;
  else if (praise > 0)
    result->kind = ROUNDS_TRIAGE_PRAISE;
  else
    result->kind = ROUNDS_TRIAGE_OTHER;

  for (guint i = 0; i < N_TLEX; i++)
    g_array_unref (found[i]);
  g_ptr_array_unref (w.keys);
  g_array_unref (w.sentence);
  g_array_unref (w.starts);
}

/**
 * rounds_triage_classify:
 *
 * rounds_triage_classify_full() with the built-in rules.
 */
RoundsTriageKind
rounds_triage_classify (const char *text,
                        int         rating)
{
  RoundsTriageResult result;

  rounds_triage_classify_full (NULL, text, rating, &result);
  return result.kind;
}
