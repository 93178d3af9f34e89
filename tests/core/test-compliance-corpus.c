/* test-compliance-corpus.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Scores the scanner on labelled corpora with the overlap rules of
 * ../shared/compliance-corpus/README.md: the shared public set (skipped
 * with a message if ../shared is not there) and the project's own cases in
 * tests/data/compliance/. Each set has floors for recall, category-exact
 * recall and precision, and fails on any finding in a clean text about the
 * practice's own details; /compliance/corpus/categories pools the project's
 * sets and holds each category's category-exact recall to a floor. Only ids
 * and figures are logged, never text.
 */

#include "config.h"

#include <string.h>

#include "rounds-scanner.h"

typedef struct
{
  GHashTable *cat_gold;   /* category → count, when pooling */
  GHashTable *cat_exact;
  guint gold;
  guint found;
  guint exact;
  guint findings;
  guint false_positives;
  guint own_detail_findings;
  guint clean_flagged;
} Score;

static void
score_file (const char *corpus_path,
            const char *profile_path,
            Score      *score)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RoundsComplianceProfile) profile = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  RoundsScanner *scanner = rounds_scanner_get_default ();

  profile = rounds_compliance_profile_new_from_file (profile_path, &error);
  g_assert_no_error (error);

  g_file_get_contents (corpus_path, &contents, NULL, &error);
  g_assert_no_error (error);

  lines = g_strsplit (contents, "\n", -1);
  for (guint l = 0; lines[l] != NULL; l++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GPtrArray) findings = NULL;
      JsonObject *obj;
      JsonArray *spans;
      JsonArray *tags;
      RoundsTextKind kind;
      const char *id;
      const char *text;
      const char *reviewer;
      gboolean own = FALSE;

      if (*g_strstrip (lines[l]) == '\0')
        continue;

      json_parser_load_from_data (parser, lines[l], -1, &error);
      g_assert_no_error (error);
      obj = json_node_get_object (json_parser_get_root (parser));
      id = json_object_get_string_member (obj, "id");
      text = json_object_get_string_member (obj, "text");
      reviewer = json_object_get_string_member_with_default (obj, "reviewer", NULL);
      g_assert_true (rounds_text_kind_from_string (json_object_get_string_member (obj, "kind"), &kind));
      spans = json_object_get_array_member (obj, "spans");
      tags = json_object_has_member (obj, "tags") ? json_object_get_array_member (obj, "tags") : NULL;

      for (guint t = 0; tags != NULL && t < json_array_get_length (tags); t++)
        if (g_strcmp0 (json_array_get_string_element (tags, t), "own_details") == 0 ||
            g_strcmp0 (json_array_get_string_element (tags, t), "staff") == 0)
          own = TRUE;

      findings = rounds_scanner_scan (scanner, text, -1, kind, reviewer, profile, &error);
      g_assert_no_error (error);

      for (guint s = 0; s < json_array_get_length (spans); s++)
        {
          JsonObject *span = json_array_get_object_element (spans, s);
          guint start = json_object_get_int_member (span, "start");
          guint end = json_object_get_int_member (span, "end");
          const char *category = json_object_get_string_member (span, "category");
          gboolean found = FALSE, exact = FALSE;

          score->gold++;
          for (guint i = 0; i < findings->len; i++)
            {
              const RoundsFinding *f = g_ptr_array_index (findings, i);

              if (rounds_finding_get_start (f) < end && start < rounds_finding_get_end (f))
                {
                  found = TRUE;
                  if (g_strcmp0 (rounds_finding_category_to_string (rounds_finding_get_category (f)), category) == 0)
                    exact = TRUE;
                }
            }
          score->found += found;
          score->exact += exact;
          if (score->cat_gold != NULL)
            {
              g_hash_table_insert (score->cat_gold, g_strdup (category),
                                   GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (score->cat_gold, category)) + 1));
              g_hash_table_insert (score->cat_exact, g_strdup (category),
                                   GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (score->cat_exact, category)) + exact));
            }
          if (!exact)
            g_printerr ("# %s: missed a %s span\n", id, category);
        }

      if (json_array_get_length (spans) == 0 && findings->len > 0)
        {
          score->clean_flagged++;
          if (own)
            score->own_detail_findings += findings->len;
        }

      for (guint i = 0; i < findings->len; i++)
        {
          const RoundsFinding *f = g_ptr_array_index (findings, i);
          gboolean hit = FALSE;

          score->findings++;
          for (guint s = 0; s < json_array_get_length (spans) && !hit; s++)
            {
              JsonObject *span = json_array_get_object_element (spans, s);

              hit = rounds_finding_get_start (f) < (guint) json_object_get_int_member (span, "end") &&
                    (guint) json_object_get_int_member (span, "start") < rounds_finding_get_end (f);
            }
          if (!hit)
            {
              score->false_positives++;
              g_printerr ("# %s: false positive %s\n", id, rounds_finding_get_rule (f));
            }
        }
    }
}

typedef struct
{
  double recall;
  double exact;
  double precision;
  guint  own_detail_max;  /* findings on the practice's own details: 0 but on unseen sets */
} Floors;

/* The sets the scanner was tuned on (rules and model). */
static const Floors tuned_floors = { 0.95, 0.95, 0.90 };

/* The five sets of issue 15 (podiatry, audiology, sleep clinic, oncology,
 * paraphrases). Their first-contact scores are in
 * docs/compliance-measurements.md; since then the risk model has been
 * trained on them and the rules generalised (no rule was written for one
 * of their sentences). Floors just under what they score now. */
static const Floors new_floors = { 0.98, 0.98, 0.93 };

/* The later sets, each written blind and scored once at first contact
 * (docs/compliance-measurements.md has those figures): kestrel, juniper,
 * the two development sets of the care detector, and orchard and costa
 * (written by someone who never read the scanner). All are learned from
 * now: the risk model is trained on all 30 sets, and rules were
 * generalised after reading their misses (structure and word lists, never
 * one of their sentences). So none is blind any more; what the scanner
 * does on unseen text is measured leave one set out and on the next blind
 * sets. Floors just under what each scores now, so that a change that
 * loses what they measure fails; they stay out of the pooled categories
 * below, which hold the older sets to higher floors. */
static const char * const held_out_sets[] = { "kestrel", "juniper", NULL };
static const Floors held_out_floors = { 0.98, 0.96, 0.96 };

static const char * const dev_sets[] = { "dev-general", "dev-general2", NULL };
static const Floors dev_floors = { 0.98, 0.97, 0.97 };

/* dev-general3 (spine, pain and medical weight loss, bilingual), written
 * for branch scanacc7 before any change and scored first with the
 * unchanged scanner (0.892 recall, 0.845 category-exact, 0.971
 * precision), and dev-general4 (metabolic and sleep medicine), written
 * after that branch's changes and scored with them first (0.848 / 0.783 /
 * 0.974); both learned from since (rules and model). Floors just under
 * what they score now (1.000 / 1.000 / 0.987 and 1.000 / 0.978 / 0.979). */
static const char * const dev_sets3[] = { "dev-general3", "dev-general4", NULL };
static const Floors dev_floors3 = { 0.99, 0.97, 0.97 };

static const char * const blind_sets[] = { "orchard", "costa", NULL };
static const Floors blind_floors = { 0.97, 0.96, 0.97 };

/* quarry (ENT and audiology), tamarack (counselling) and brisa (OB/GYN
 * and midwifery, bilingual), written 2026-12-06 by someone who never read
 * the scanner and scored blind at first contact (0.865 category-exact
 * pooled; docs/compliance-measurements.md keeps those figures). Learned
 * from since: the risk model is trained on them and their misses were read
 * to generalise the rules (structure and word lists, never one of their
 * sentences). Floors just under what each scores now. */
static const char * const seen_sets[] = { "quarry", "tamarack", "brisa", NULL };
static const Floors seen_floors = { 0.95, 0.94, 0.95, 3 };

/* heartwell (cardiology and vein clinic), fertil (fertility and IVF,
 * bilingual), riverstone (addiction medicine and recovery) and alamo
 * (endocrinology and diabetes, bilingual), written 2026-12-06 by two
 * writers who never read the scanner and scored blind at first contact
 * (0.930 category-exact pooled; docs/compliance-measurements.md keeps those
 * figures). Learned from since branch scanacc3: the risk model is trained
 * on them. Floors just under what the weakest of them scores now; two of
 * their texts about the practice's own details still get a finding. The
 * model trained on 45 sets (branch scanacc5) finds one span fewer in
 * riverstone (recall 0.962 → 0.953), hence 0.95. */
static const char * const seen_sets2[] = { "heartwell", "fertil", "riverstone", "alamo", NULL };
static const Floors seen_floors2 = { 0.95, 0.93, 0.93, 3 };

/* neuro (neurology and headache clinic), uro (urology), reuma
 * (rheumatology, bilingual), contour (plastic surgery and aesthetics),
 * gastro (gastroenterology), allergy (allergy and asthma, bilingual), ortho
 * (orthopedics, sports medicine and physical therapy) and elder
 * (geriatrics, home visits and memory care): two batches written
 * 2026-12-06 by writers who never read the scanner, each scored once at
 * first contact (0.938 and 0.904 category-exact pooled, at 0.968 and
 * 0.965 precision; docs/compliance-measurements.md keeps the figures).
 * With those figures on record they are learned from since branch
 * scanacc5: the risk model is trained on them and their misses were read
 * (after the rules designed on the older sets had been checked on them as
 * a held-out batch). So they are no longer blind: the next blind sets
 * are. Floors just under what the weakest of them scores now (contour's
 * recall 0.973, ortho's category-exact 0.935, elder's precision 0.960). */
static const char * const learned_sets3[] = { "neuro", "uro", "reuma", "contour",
                                              "gastro", "allergy", "ortho", "elder", NULL };
static const Floors learned_floors3 = { 0.96, 0.92, 0.95, 3 };

/* cardio (cardiology), mind (outpatient behavioral health), mujer (OB/GYN
 * and midwifery, bilingual) and oido (ENT and audiology, some Spanish):
 * written 2026-12-06 by a writer who never read the scanner, and scored
 * once at first contact on the scanner that merged scanacc5 and scanfast5
 * (0.923 category-exact pooled at 0.961 precision;
 * docs/compliance-measurements.md keeps the figures). Learned from since
 * branch scanacc6: the risk model is trained on them and their misses
 * were read to generalise the rules (structures and word lists, never one
 * of their sentences). So they are no longer blind. Floors just under
 * what the weakest of them scores now (cardio's and mujer's recall 0.990,
 * mujer's category-exact 0.981, cardio's and oido's precision 0.973). */
static const char * const learned_sets4[] = { "cardio", "mind", "mujer", "oido", NULL };
static const Floors learned_floors4 = { 0.98, 0.97, 0.96, 3 };

/* rinon (nephrology and dialysis, half Spanish), peso (medical weight loss
 * and bariatric surgery), hogar (home health and hospice, some Spanish)
 * and imagen (outpatient imaging, a third Spanish): written 2026-12-07 by
 * a writer who never read the scanner, scored blind at first contact on
 * the merge of scanacc6 and scanfast6 (0.904 category-exact pooled at
 * 0.937 precision) and again on the merge of scanacc7 (0.910 at 0.934;
 * docs/compliance-measurements.md keeps the figures). Learned from since
 * branch scanacc8: the risk model is trained on them and their misses
 * were read to generalise the rules (structures and word classes, never
 * one of their sentences). So they are no longer blind. Floors just under
 * what the weakest of them scores now (hogar's recall 0.973, peso's
 * category-exact 0.947, rinon's precision 0.947). */
static const char * const learned_sets5[] = { "rinon", "peso", "hogar", "imagen", NULL };
static const Floors learned_floors5 = { 0.97, 0.94, 0.94, 4 };

/* pulmo (pulmonology and respiratory care), dolor (pain management, half
 * Spanish), labor (occupational and employer health) and viaje (travel
 * medicine and infectious disease, some Spanish): written 2026-12-07 by a
 * writer who never read the scanner, scored blind at first contact (0.917
 * category-exact pooled at 0.943 precision) and again after scanacc8
 * (0.915 at 0.947; docs/compliance-measurements.md keeps the figures).
 * Learned from since branch scanacc9: the risk model is trained on them
 * and their misses were read to generalise the rules (structures and word
 * classes, never one of their sentences). So they are no longer blind.
 * Floors just under what the weakest of them scores now (pulmo's recall
 * 0.992 and category-exact 0.975, pulmo's and dolor's precision 0.962). */
static const char * const learned_sets6[] = { "pulmo", "dolor", "labor", "viaje", NULL };
static const Floors learned_floors6 = { 0.99, 0.97, 0.96, 4 };

/* vena (vein and vascular clinic), herida (wound care and hyperbaric
 * oxygen, more than half Spanish), habla (speech and occupational therapy
 * for children and adults after stroke) and infusion (infusion center and
 * hematology, some Spanish): written 2026-12-07 by a writer who never read
 * the scanner, scored blind at first contact on main at d741f76 (0.902
 * category-exact pooled at 0.958 precision) and again after scanacc9
 * (0.905 at 0.959; docs/compliance-measurements.md keeps the figures).
 * Learned from since branch scanacc10: the risk model is trained on them
 * and their misses were read to generalise the rules (structures and word
 * classes, never one of their sentences). So they are no longer blind.
 * Floors just under what the weakest of them scores now (herida's and
 * habla's recall 0.992, habla's category-exact 0.984, infusion's
 * precision 0.955). */
static const char * const learned_sets7[] = { "vena", "herida", "habla", "infusion", NULL };
static const Floors learned_floors7 = { 0.98, 0.97, 0.95, 4 };

/* genetica (genetic counseling and prenatal/hereditary-cancer testing, a
 * third Spanish) and campus (a college student health center) by one
 * writer, dieta (dietitians and diabetes education, half Spanish) and
 * concierge (a concierge primary care practice) by another: written
 * 2026-12-07 by two writers who never read the scanner, scored at first
 * contact on main at 39e5899 (0.905 category-exact pooled at 0.955
 * precision) and again after scanacc10 and scanfast10 (the same figures;
 * docs/compliance-measurements.md keeps them). Learned from since branch
 * scanacc11a: the risk model and the learned name tagger are trained on
 * them (the tagger's figures on them are left out, see the measurements);
 * one rule was written after the lead read genetica's false positives.
 * So they are no longer blind. Floors just under the weakest of them with
 * the shipped model (recall 0.983 concierge, category-exact 0.952 campus,
 * precision 0.930 genetica). */
static const char * const learned_sets8[] = { "genetica", "campus", "dieta", "concierge", NULL };
static const Floors learned_floors8 = { 0.98, 0.95, 0.92, 4 };

/* acupuntura (an integrative medicine clinic, a third Spanish) and
 * protesis (a prosthetics and orthotics clinic) by one writer, aba (an
 * autism / ABA therapy center for children) and lactancia (a lactation
 * clinic, half Spanish) by another: written 2026-12-07 by two writers who
 * never read the scanner, scored at first contact on main at f922be2
 * (0.907 category-exact pooled at 0.965 precision), then after
 * scanacc11b (0.909) and after scanacc11a's learned name tagger (0.923 at
 * 0.964), none of whose authors saw them; docs/compliance-measurements.md
 * keeps the figures. Learned from since this stop (branches scanacc12a,
 * names, and scanacc12b, the risk model's story features): both models
 * are trained on them and their misses were read to choose features (one
 * rule was written in sight of protesis), so they are no longer blind.
 * Left out of training they score 0.938 (names' branch) and 0.940 (risk
 * model's) category-exact pooled. Floors in sample, just under the
 * weakest of them with the shipped (retrained) models; one finding on the
 * practice's own details (acupuntura). */
static const char * const learned_sets9[] = { "acupuntura", "protesis", "aba", "lactancia", NULL };
static const Floors learned_floors9 = { 0.95, 0.92, 0.94, 1 };

/* farmacia (an independent community pharmacy with an immunization
 * clinic, half Spanish) and orgullo (an LGBTQ+ community health center)
 * by one writer, nutrir (an eating-disorder treatment program) and
 * cosecha (a rural farmworker health center with a mobile clinic, half
 * Spanish) by another: written 2026-12-07 by two writers who never read
 * the scanner, while scanacc12a/b and scanfast12 worked (none of whose
 * authors saw them), scored at first contact on main at 8bd2d1d (0.876
 * category-exact pooled at 0.966 precision) and after that stop's merges
 * (0.903 at 0.963); docs/compliance-measurements.md keeps the figures.
 * Learned from since 2026-12-08: both models are trained on them, so they
 * are no longer blind. Floors in sample, just under the weakest of them
 * with the retrained models, the identifier, date and name structures of
 * branch scanacc13b and scanacc13a's story features (recall 0.986
 * nutrir, category-exact 0.977 orgullo, precision 0.966 orgullo; the
 * models trained with the tenth batch too). */
static const char * const learned_sets10[] = { "farmacia", "orgullo", "nutrir", "cosecha", NULL };
static const Floors learned_floors10 = { 0.98, 0.97, 0.95, 1 };

/* escuela (a K-12 school-based health center, half Spanish) and
 * trasplante (a liver and kidney transplant program) by one writer,
 * cannabis (a medical cannabis certification clinic) and sonrisa (a cleft
 * and craniofacial team for children, half Spanish) by another: written
 * 2026-12-08 by two writers who never read the scanner, while scanacc13a/b
 * and scanfast14 worked (none of whose authors saw them), scored at first
 * contact on main at aa527c0 (0.935 category-exact pooled at 0.966
 * precision) and after those merges (0.935 at 0.959);
 * docs/compliance-measurements.md keeps the figures. Learned from since
 * the commit that added them: both models are trained on them, so they
 * are no longer blind. Floors in sample, just under the weakest of them
 * with the retrained models (recall 0.979 and category-exact 0.971
 * cannabis, precision 0.938 cannabis). scanacc14b learned names, review
 * confirmations and a phone from them, scanacc14a promises, disclosures
 * and populations (left out 0.935 -> 0.949 category-exact each); floors
 * in sample with both merged and the models retrained, just under the
 * weakest set (set by the lead after the merge). */
static const char * const learned_sets11[] = { "escuela", "trasplante", "cannabis", "sonrisa", NULL };
static const Floors learned_floors11 = { 0.97, 0.97, 0.94, 1 };

/* hidratacion (an IV hydration and wellness drip bar, half Spanish) and
 * tribal (a tribal health clinic) by one writer, longcovid (a long COVID
 * recovery clinic) and hombres (a men's health clinic, half Spanish) by
 * another: written 2026-12-08 by two writers who never read the scanner,
 * while scanacc14a/b worked (none of whose authors saw them), scored at
 * first contact on main at 4919697 (0.884 category-exact pooled at 0.948
 * precision) and after scanacc14a/b (0.885 at 0.951);
 * docs/compliance-measurements.md keeps the figures. Not learned from
 * yet: no model is trained on them and no rule was written from them.
 * Floors just under the weakest of them (recall 0.879, category-exact
 * 0.819 and precision 0.929, all hidratacion); four findings on texts
 * about the practice's own details or staff (longcovid). */
static const char * const unseen_sets11[] = { "hidratacion", "tribal", "longcovid", "hombres", NULL };
static const Floors unseen_floors11 = { 0.87, 0.81, 0.92, 4 };

static void
check_score (const char   *what,
             const Score  *score,
             const Floors *floors)
{
  double recall = score->gold ? (double) score->found / score->gold : 1.0;
  double exact = score->gold ? (double) score->exact / score->gold : 1.0;
  double precision = score->findings ? (double) (score->findings - score->false_positives) / score->findings : 1.0;

  g_printerr ("# %s: recall %.3f (category-exact %.3f), precision %.3f, %u gold spans, %u findings, "
              "%u false positives, %u clean texts flagged\n",
              what, recall, exact, precision, score->gold, score->findings, score->false_positives,
              score->clean_flagged);

  g_assert_cmpfloat (recall, >=, floors->recall);
  g_assert_cmpfloat (exact, >=, floors->exact);
  g_assert_cmpfloat (precision, >=, floors->precision);
  /* every set holds it strictly: costa's staff greeted by a short form
   * of their name ("Lupe" for Guadalupe) is staff, not a patient */
  g_assert_cmpuint (score->own_detail_findings, <=, floors->own_detail_max);
}

static void
test_public_corpus (void)
{
  const char *shared = g_getenv ("ROUNDS_SHARED_DIR");
  g_autofree char *corpus = NULL;
  g_autofree char *profile = NULL;
  Score score = { 0 };

  if (shared == NULL)
    {
      g_test_skip ("ROUNDS_SHARED_DIR is not set; the shared compliance corpus is not available");
      return;
    }

  corpus = g_build_filename (shared, "compliance-corpus", "public.jsonl", NULL);
  profile = g_build_filename (shared, "compliance-corpus", "profile.json", NULL);
  if (!g_file_test (corpus, G_FILE_TEST_EXISTS) || !g_file_test (profile, G_FILE_TEST_EXISTS))
    {
      g_autofree char *msg = g_strdup_printf ("The shared compliance corpus is missing (%s)", corpus);
      g_test_skip (msg);
      return;
    }

  score_file (corpus, profile, &score);
  check_score ("public corpus", &score, &tuned_floors);
}

static void
test_own_cases (void)
{
  g_autofree char *corpus = g_test_build_filename (G_TEST_DIST, "data", "compliance", "cases.jsonl", NULL);
  g_autofree char *profile = g_test_build_filename (G_TEST_DIST, "data", "compliance", "profile.json", NULL);
  Score score = { 0 };

  score_file (corpus, profile, &score);
  check_score ("own cases", &score, &tuned_floors);
}

static const char * const new_sets[] = { "stonebridge", "harmony", "nightowl", "beacon", "paraphrase", NULL };

static const char * const all_sets[] = {
  "own", "family", "peds", "eye", "harbor", "derm", "ridge", "willow", "cedar", "sunny", "mesa", "lakeview",
  "pine", "bayou", "magnolia", "valle", "summit", "northgate", "clearwater",
  "stonebridge", "harmony", "nightowl", "beacon", "paraphrase", NULL
};

/* The sets the scanner was tuned on, by name */
static const char * const tuned_sets[] = {
  "family", "peds", "eye", "harbor", "derm", "ridge", "willow", "cedar", "sunny", "mesa", "lakeview",
  "pine", "bayou", "magnolia", "valle", "summit", "northgate", "clearwater", NULL
};

/* Every practice set with its floors, in the order they run */
static const struct
{
  const char * const *sets;
  const Floors       *floors;
} groups[] = {
  { tuned_sets, &tuned_floors },
  { new_sets, &new_floors },
  { held_out_sets, &held_out_floors },
  { dev_sets, &dev_floors },
  { dev_sets3, &dev_floors3 },
  { seen_sets, &seen_floors },
  { seen_sets2, &seen_floors2 },
  { learned_sets3, &learned_floors3 },
  { learned_sets4, &learned_floors4 },
  { learned_sets5, &learned_floors5 },
  { learned_sets6, &learned_floors6 },
  { learned_sets7, &learned_floors7 },
  { learned_sets8, &learned_floors8 },
  { learned_sets9, &learned_floors9 },
  { learned_sets10, &learned_floors10 },
  { learned_sets11, &learned_floors11 },
  { unseen_sets11, &unseen_floors11 },
  { blind_sets, &blind_floors },
};

static const Floors *
floors_for (const char *name)
{
  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    if (g_strv_contains (groups[g].sets, name))
      return groups[g].floors;
  g_assert_not_reached ();
}

static void
test_practice_cases (gconstpointer data)
{
  const char *name = data;
  g_autofree char *corpus_file = g_strdup_printf ("cases-%s.jsonl", name);
  g_autofree char *profile_file = g_strdup_printf ("profile-%s.json", name);
  g_autofree char *corpus = g_test_build_filename (G_TEST_DIST, "data", "compliance", corpus_file, NULL);
  g_autofree char *profile = g_test_build_filename (G_TEST_DIST, "data", "compliance", profile_file, NULL);
  g_autofree char *what = g_strdup_printf ("%s practice cases", name);
  Score score = { 0 };

  score_file (corpus, profile, &score);
  check_score (what, &score, floors_for (name));
}

/* Category-exact recall per category, pooled over the project's sets (the
 * public corpus is not in the repository). Floors below 0.95 are where the
 * scanner is known to be weak; see docs/compliance-measurements.md. */
static void
test_categories (void)
{
  static const struct { const char *category; double floor; } floors[] = {
    { "name", 0.95 }, { "date", 0.90 }, { "age", 0.85 }, { "phone", 0.90 }, { "fax", 0.95 },
    { "email", 0.95 }, { "ssn", 0.95 }, { "mrn", 0.95 }, { "health_plan", 0.85 }, { "account", 0.95 },
    { "license", 0.90 }, { "vehicle", 0.50 }, { "device", 0.95 }, { "url", 0.95 }, { "ip", 0.95 },
    { "address", 0.90 }, { "other_id", 0.95 },
    { "patient_reference", 0.95 }, { "review_confirmation", 0.95 }, { "testimonial", 0.90 },
    { "guarantee", 0.90 }, { "medical_advice", 0.95 }, { "missing_disclosure", 0.90 },
  };
  g_autoptr(GHashTable) gold = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) exact = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Score score = { gold, exact, 0 };

  for (guint i = 0; all_sets[i] != NULL; i++)
    {
      g_autofree char *corpus_file = g_str_equal (all_sets[i], "own") ? g_strdup ("cases.jsonl")
                                     : g_strdup_printf ("cases-%s.jsonl", all_sets[i]);
      g_autofree char *profile_file = g_str_equal (all_sets[i], "own") ? g_strdup ("profile.json")
                                      : g_strdup_printf ("profile-%s.json", all_sets[i]);
      g_autofree char *corpus = g_test_build_filename (G_TEST_DIST, "data", "compliance", corpus_file, NULL);
      g_autofree char *profile = g_test_build_filename (G_TEST_DIST, "data", "compliance", profile_file, NULL);

      score_file (corpus, profile, &score);
    }

  for (guint i = 0; i < G_N_ELEMENTS (floors); i++)
    {
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (gold, floors[i].category));
      guint x = GPOINTER_TO_UINT (g_hash_table_lookup (exact, floors[i].category));
      double r = n ? (double) x / n : 1.0;

      g_printerr ("# %s: category-exact recall %.3f (%u of %u), floor %.2f\n",
                  floors[i].category, r, x, n, floors[i].floor);
      g_assert_cmpuint (n, >, 0);
      g_assert_cmpfloat (r, >=, floors[i].floor);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/compliance/corpus/public", test_public_corpus);
  g_test_add_func ("/compliance/corpus/own", test_own_cases);
  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    for (guint i = 0; groups[g].sets[i] != NULL; i++)
      {
        g_autofree char *path = g_strdup_printf ("/compliance/corpus/%s", groups[g].sets[i]);
        g_test_add_data_func (path, groups[g].sets[i], test_practice_cases);
      }
  g_test_add_func ("/compliance/corpus/categories", test_categories);

  return g_test_run ();
}
