/* test-triage.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Inbox triage (src/core/compliance/rounds-triage.c) on the labelled
 * corpus tests/data/inbox/triage-corpus.jsonl (English and Spanish
 * comments and reviews written as people write them, not from the rule
 * pack's words): per-kind recall and precision floors, and the cases a
 * reply must never get wrong. Only kinds and figures are logged, never
 * text.
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "rounds-triage.h"

#define N_KINDS (ROUNDS_TRIAGE_LAST + 1)



/* Floors per kind: recall, precision.
 *
 * Three sets, in the order they were written:
 * - triage-corpus.jsonl (143 items) was written before the rules; the
 *   rules were then written against it.
 * - triage-second.jsonl (66) was written after the first rules and scored
 *   0.74 (crisis recall 0.50, spam 0.33); the lexicons were then widened
 *   with the vocabulary it showed missing, so it is tuned on too.
 * - triage-fresh.jsonl (50) was written after that and never tuned on:
 *   its figures are the honest ones (0.84 right; spam recall 0.20 and
 *   crisis 0.75 are the known weak spots), and its floors sit at them so
 *   that a rule change that makes things worse fails. */
typedef struct {
  double recall;
  double precision;
} Floor;

static const Floor dev_floors[N_KINDS] = {
  [ROUNDS_TRIAGE_OTHER]          = { 0.60, 0.60 },
  [ROUNDS_TRIAGE_QUESTION]       = { 0.85, 0.85 },
  [ROUNDS_TRIAGE_PRAISE]         = { 0.85, 0.85 },
  [ROUNDS_TRIAGE_COMPLAINT]      = { 0.85, 0.85 },
  [ROUNDS_TRIAGE_HEALTH_DETAILS] = { 0.85, 0.85 },
  [ROUNDS_TRIAGE_CRISIS]         = { 0.95, 0.85 },
  [ROUNDS_TRIAGE_SPAM]           = { 0.85, 0.85 },
};

static const Floor fresh_floors[N_KINDS] = {
  [ROUNDS_TRIAGE_OTHER]          = { 0.75, 0.30 },
  [ROUNDS_TRIAGE_QUESTION]       = { 0.85, 0.85 },
  [ROUNDS_TRIAGE_PRAISE]         = { 0.85, 0.85 },
  [ROUNDS_TRIAGE_COMPLAINT]      = { 0.85, 0.85 },
  [ROUNDS_TRIAGE_HEALTH_DETAILS] = { 0.85, 0.85 },
  [ROUNDS_TRIAGE_CRISIS]         = { 0.75, 0.85 },
  [ROUNDS_TRIAGE_SPAM]           = { 0.20, 0.85 },
};

static void
score_file (const char  *name,
            const Floor *floors,
            guint        min_items,
            guint        min_es,
            guint        min_per_kind)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "inbox", name, NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  guint gold[N_KINDS] = { 0 }, said[N_KINDS] = { 0 }, right[N_KINDS] = { 0 };
  guint langs_es = 0, total = 0, correct = 0;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  lines = g_strsplit (contents, "\n", -1);
  for (guint l = 0; lines[l] != NULL; l++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      RoundsTriageKind want, got;
      JsonObject *obj;

      if (g_strstrip (lines[l])[0] == '\0')
        continue;
      json_parser_load_from_data (parser, lines[l], -1, &error);
      g_assert_no_error (error);
      obj = json_node_get_object (json_parser_get_root (parser));
      g_assert_true (rounds_triage_kind_from_string (json_object_get_string_member (obj, "kind"),
                                                     &want));
      got = rounds_triage_classify (json_object_get_string_member (obj, "text"),
                                    (int) json_object_get_int_member (obj, "rating"));
      gold[want]++;
      said[got]++;
      if (got == want)
        {
          right[want]++;
          correct++;
        }
      else
        g_test_message ("%s line %u: %s, triaged as %s", name, l + 1,
                        rounds_triage_kind_to_string (want), rounds_triage_kind_to_string (got));
      if (g_str_equal (json_object_get_string_member (obj, "lang"), "es"))
        langs_es++;
      total++;
    }

  g_assert_cmpuint (total, >=, min_items);
  g_assert_cmpuint (langs_es, >=, min_es);
  g_test_message ("%s: %u items, %u right (%.2f)", name, total, correct, (double) correct / total);

  for (guint k = 0; k < N_KINDS; k++)
    {
      double recall = gold[k] ? (double) right[k] / gold[k] : 1.0;
      double precision = said[k] ? (double) right[k] / said[k] : 1.0;

      g_test_message ("%-15s gold %3u  recall %.2f  precision %.2f",
                      rounds_triage_kind_to_string (k), gold[k], recall, precision);
      g_assert_cmpuint (gold[k], >=, min_per_kind);
      g_assert_cmpfloat (recall, >=, floors[k].recall);
      g_assert_cmpfloat (precision, >=, floors[k].precision);
    }
}

static void
test_corpus (void)
{
  score_file ("triage-corpus.jsonl", dev_floors, 140, 35, 8);
}

static void
test_second (void)
{
  score_file ("triage-second.jsonl", dev_floors, 60, 15, 4);
}

static void
test_fresh (void)
{
  score_file ("triage-fresh.jsonl", fresh_floors, 45, 10, 4);
}

/* The star rating decides when the words do not. */
static void
test_rating (void)
{
  g_assert_cmpint (rounds_triage_classify ("", 1), ==, ROUNDS_TRIAGE_COMPLAINT);
  g_assert_cmpint (rounds_triage_classify ("", 5), ==, ROUNDS_TRIAGE_PRAISE);
  g_assert_cmpint (rounds_triage_classify ("", 3), ==, ROUNDS_TRIAGE_OTHER);
  g_assert_cmpint (rounds_triage_classify ("It was fine.", 2), ==, ROUNDS_TRIAGE_COMPLAINT);
  g_assert_cmpint (rounds_triage_classify ("It was fine.", 4), ==, ROUNDS_TRIAGE_PRAISE);
  /* Words against the stars: a furious five-star review is a complaint. */
  g_assert_cmpint (rounds_triage_classify ("Worst visit ever, rude and dirty, total nightmare.", 5),
                   ==, ROUNDS_TRIAGE_COMPLAINT);

  g_assert_true (rounds_triage_needs_attention (ROUNDS_TRIAGE_PRAISE, 2));
  g_assert_false (rounds_triage_needs_attention (ROUNDS_TRIAGE_PRAISE, 5));
  g_assert_false (rounds_triage_needs_attention (ROUNDS_TRIAGE_QUESTION, 0));
  g_assert_true (rounds_triage_needs_attention (ROUNDS_TRIAGE_HEALTH_DETAILS, 5));
}

/* The reviews that tempt a bad reply: praise that names a treatment is
 * health details (thanking them for it would confirm it), and a crisis
 * wins over everything else in the same text. */
static void
test_order (void)
{
  RoundsTriageResult r;

  rounds_triage_classify_full (NULL, "Thank you Dr. Kim for my root canal, best dentist ever!", 5,
                               &r);
  g_assert_cmpint (r.kind, ==, ROUNDS_TRIAGE_HEALTH_DETAILS);
  g_assert_true (r.evidence & (1 << ROUNDS_TRIAGE_PRAISE));

  rounds_triage_classify_full (NULL, "My crown cracked and my lawyer says this is malpractice.",
                               1, &r);
  g_assert_cmpint (r.kind, ==, ROUNDS_TRIAGE_CRISIS);
  g_assert_true (r.evidence & (1 << ROUNDS_TRIAGE_HEALTH_DETAILS));
  g_assert_true (r.evidence & (1 << ROUNDS_TRIAGE_COMPLAINT));

  /* Negation turns praise around, and the other way round. */
  g_assert_cmpint (rounds_triage_classify ("No lo recomiendo.", 0), ==, ROUNDS_TRIAGE_COMPLAINT);
  g_assert_cmpint (rounds_triage_classify ("Not bad at all, friendly people", 0), ==,
                   ROUNDS_TRIAGE_PRAISE);

  /* An exclamation is not a question; a question mark in Spanish is. */
  g_assert_cmpint (rounds_triage_classify ("What a wonderful team", 0), ==, ROUNDS_TRIAGE_PRAISE);
  g_assert_cmpint (rounds_triage_classify ("¿Abren el lunes", 0), ==, ROUNDS_TRIAGE_QUESTION);

  /* "Sue" the name is not a lawsuit; a care word with no "my" is not
   * someone's health details. */
  g_assert_cmpint (rounds_triage_classify ("Sue at the front desk is lovely", 5), ==,
                   ROUNDS_TRIAGE_PRAISE);
  g_assert_cmpint (rounds_triage_classify ("Great tips on flu season, thanks", 0), ==,
                   ROUNDS_TRIAGE_PRAISE);
}

/* Hostile and broken input: nothing crashes, nothing is guessed. */
static void
test_hostile (void)
{
  g_autoptr(GString) long_text = g_string_new (NULL);

  g_assert_cmpint (rounds_triage_classify (NULL, 0), ==, ROUNDS_TRIAGE_OTHER);
  g_assert_cmpint (rounds_triage_classify ("\xff\xfe not utf-8 lawyer", 0), ==,
                   ROUNDS_TRIAGE_OTHER);
  g_assert_cmpint (rounds_triage_classify ("?" "?" "?!!!...", 0), ==, ROUNDS_TRIAGE_QUESTION);
  g_assert_cmpint (rounds_triage_classify ("", 99), ==, ROUNDS_TRIAGE_OTHER);

  for (guint i = 0; i < 2000; i++)
    g_string_append (long_text, "lovely ");
  g_string_append (long_text, "see you in court");
  g_assert_cmpint (rounds_triage_classify (long_text->str, 5), ==, ROUNDS_TRIAGE_CRISIS);
}

static void
test_malformed_pack (void)
{
  static const char * const bad[] = {
    "not json",
    "[]",
    "{\"lexicons\": {\"crisis\": {\"en\": [\"ok\", 3]}}}",
    "{\"lexicons\": {\"nonsense\": {\"en\": [\"x\"]}}}",
    "{\"lexicons\": {\"crisis\": {\"en\": {\"lawyer\": 99}}}}",
    "{\"lexicons\": {\"crisis\": [\"lawyer\"]}}",
  };
  g_autoptr(RoundsTriageRules) rules = NULL;
  RoundsTriageResult r;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RoundsTriageRules) none = rounds_triage_rules_new_from_data (bad[i], -1, &error);

      g_assert_null (none);
      g_assert_nonnull (error);
    }

  /* A pack of its own: weights and the threshold are read. */
  rules = rounds_triage_rules_new_from_data ("{\"thresholds\": {\"crisis\": 3},"
                                             " \"lexicons\": {\"crisis\": {\"en\": {\"storm\": 2},"
                                             " \"es\": [\"tormenta\"]}}}", -1, NULL);
  g_assert_nonnull (rules);
  rounds_triage_classify_full (rules, "a storm", 0, &r);
  g_assert_cmpint (r.kind, ==, ROUNDS_TRIAGE_OTHER);
  rounds_triage_classify_full (rules, "a storm, una tormenta", 0, &r);
  g_assert_cmpint (r.kind, ==, ROUNDS_TRIAGE_CRISIS);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/triage/corpus", test_corpus);
  g_test_add_func ("/triage/second", test_second);
  g_test_add_func ("/triage/fresh", test_fresh);
  g_test_add_func ("/triage/rating", test_rating);
  g_test_add_func ("/triage/order", test_order);
  g_test_add_func ("/triage/hostile", test_hostile);
  g_test_add_func ("/triage/malformed-pack", test_malformed_pack);

  return g_test_run ();
}
