/* test-network-limits.c — how each network counts a post, where its feed
 * cuts it, and what the editor's "Apply fix" writes.
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "rounds-editor-rules.h"
#include "rounds-network-limits.h"

static char *
repeat (const char *unit,
        guint       n)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append (s, unit);
  return g_string_free (s, FALSE);
}

static void
test_graphemes (void)
{
  /* What a reader sees as one character counts as one. */
  g_assert_cmpuint (rounds_text_count_graphemes ("abc", -1), ==, 3);
  g_assert_cmpuint (rounds_text_count_graphemes ("", -1), ==, 0);
  g_assert_cmpuint (rounds_text_count_graphemes ("e\xcc\x81", -1), ==, 1);                 /* e + acute */
  g_assert_cmpuint (rounds_text_count_graphemes ("\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd", -1), ==, 1); /* 👍🏽 */
  /* 👨‍👩‍👧 family joined with ZWJ */
  g_assert_cmpuint (rounds_text_count_graphemes ("\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9"
                                                 "\xe2\x80\x8d\xf0\x9f\x91\xa7", -1), ==, 1);
  /* 🇫🇷🇩🇪: two flags, four regional indicators */
  g_assert_cmpuint (rounds_text_count_graphemes ("\xf0\x9f\x87\xab\xf0\x9f\x87\xb7"
                                                 "\xf0\x9f\x87\xa9\xf0\x9f\x87\xaa", -1), ==, 2);
  g_assert_cmpuint (rounds_text_count_graphemes ("\xe2\x9d\xa4\xef\xb8\x8f", -1), ==, 1);  /* ❤️ */
  g_assert_cmpuint (rounds_text_count_graphemes ("\xe1\x84\x80\xe1\x85\xa1\xe1\x86\xa8", -1), ==, 1); /* jamo */
  g_assert_cmpuint (rounds_text_count_graphemes ("a\r\nb", -1), ==, 3);
  g_assert_cmpuint (rounds_text_count_graphemes ("Hi 😀!", -1), ==, 5);

  /* The grapheme after an offset. */
  g_assert_cmpuint (rounds_text_next_grapheme ("\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbdx", 0), ==, 2);
  g_assert_cmpuint (rounds_text_next_grapheme ("ab", 1), ==, 2);
}

static void
test_bluesky_counts_graphemes (void)
{
  g_autofree char *fits = repeat ("\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd", 300);
  g_autofree char *over = repeat ("e\xcc\x81", 301);
  g_autofree char *problem = NULL;
  RoundsNetworkCount count;

  rounds_network_measure (ROUNDS_NETWORK_BLUESKY, fits, &count);
  g_assert_cmpuint (count.count, ==, 300);
  g_assert_cmpuint (count.limit, ==, 300);
  g_assert_false (rounds_network_count_is_over (&count));
  g_assert_null (rounds_network_count_dup_problem (&count));

  rounds_network_measure (ROUNDS_NETWORK_BLUESKY, over, &count);
  g_assert_cmpuint (count.count, ==, 301);
  g_assert_true (rounds_network_count_is_over (&count));
  problem = rounds_network_count_dup_problem (&count);
  g_assert_cmpstr (problem, ==, "1 character too long for Bluesky");
}

static void
test_x_counts_links_as_23 (void)
{
  g_autofree char *letters = repeat ("a", 257);
  g_autofree char *text = g_strconcat (letters, " https://example.com/a/very/long/path/that/goes/on", NULL);
  g_autofree char *problem = NULL;
  g_autofree char *short_text = NULL;
  RoundsNetworkCount count;

  rounds_network_measure (ROUNDS_NETWORK_X, text, &count);
  g_assert_cmpuint (count.count, ==, 257 + 1 + 23);
  g_assert_cmpuint (count.limit, ==, 280);
  problem = rounds_network_count_dup_problem (&count);
  g_assert_cmpstr (problem, ==, "1 character too long for X");

  /* A short link counts 23 too, and a bare domain is a link. */
  rounds_network_measure (ROUNDS_NETWORK_X, "see x.co", &count);
  g_assert_cmpuint (count.count, ==, 4 + 23);

  /* CJK and emoji weigh two. */
  rounds_network_measure (ROUNDS_NETWORK_X, "\xe6\x97\xa5\xe6\x9c\xac", &count);
  g_assert_cmpuint (count.count, ==, 4);
  rounds_network_measure (ROUNDS_NETWORK_X, "\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd!", &count);
  g_assert_cmpuint (count.count, ==, 3);

  short_text = g_strndup (text, 257);
  rounds_network_measure (ROUNDS_NETWORK_X, short_text, &count);
  g_assert_false (rounds_network_count_is_over (&count));
}

static void
test_limits (void)
{
  struct { RoundsNetwork network; guint limit; const char *label; } cases[] = {
    { ROUNDS_NETWORK_FACEBOOK, 63206, "Facebook" },
    { ROUNDS_NETWORK_INSTAGRAM, 2200, "Instagram" },
    { ROUNDS_NETWORK_LINKEDIN, 3000, "LinkedIn" },
    { ROUNDS_NETWORK_GOOGLE, 1500, NULL },
    { ROUNDS_NETWORK_MASTODON, 500, "Mastodon" },
    { ROUNDS_NETWORK_BLUESKY, 300, "Bluesky" },
    { ROUNDS_NETWORK_X, 280, "X" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *at = repeat ("a", cases[i].limit);
      g_autofree char *over = repeat ("b", cases[i].limit + 12);
      g_autofree char *problem = NULL;
      g_autofree char *expected = NULL;
      RoundsNetworkCount count;

      g_assert_cmpuint (rounds_network_get_limit (cases[i].network), ==, cases[i].limit);

      rounds_network_measure (cases[i].network, at, &count);
      g_assert_cmpuint (count.count, ==, cases[i].limit);
      g_assert_false (rounds_network_count_is_over (&count));

      rounds_network_measure (cases[i].network, over, &count);
      g_assert_true (rounds_network_count_is_over (&count));
      problem = rounds_network_count_dup_problem (&count);
      expected = g_strdup_printf ("12 characters too long for %s",
                                  rounds_network_get_label (cases[i].network));
      g_assert_cmpstr (problem, ==, expected);
    }
}

static void
test_instagram_hashtags (void)
{
  g_autofree char *thirty = repeat ("#tag ", 30);
  g_autofree char *more = repeat ("#tag ", 32);
  g_autofree char *problem = NULL;
  g_autofree char *all = NULL;
  RoundsNetworkCount count;

  rounds_network_measure (ROUNDS_NETWORK_INSTAGRAM, thirty, &count);
  g_assert_cmpuint (count.hashtags, ==, 30);
  g_assert_false (rounds_network_count_is_over (&count));

  rounds_network_measure (ROUNDS_NETWORK_INSTAGRAM, more, &count);
  g_assert_true (rounds_network_count_is_over (&count));
  problem = rounds_network_count_dup_problem (&count);
  g_assert_cmpstr (problem, ==, "2 hashtags too many for Instagram");

  /* Other networks have no hashtag limit. */
  rounds_network_measure (ROUNDS_NETWORK_FACEBOOK, more, &count);
  g_assert_false (rounds_network_count_is_over (&count));

  all = rounds_networks_dup_problems (ROUNDS_NETWORK_INSTAGRAM | ROUNDS_NETWORK_FACEBOOK, more);
  g_assert_cmpstr (all, ==, "2 hashtags too many for Instagram");
  g_assert_null (rounds_networks_dup_problems (ROUNDS_NETWORK_FACEBOOK, more));
}

static void
test_segments (void)
{
  const char *text = "Visit example.com or https://x.org/a, ask @dr_smith or @me@social.example "
                     "#FluShot! mail a@b.com #2024 C#";
  g_autoptr(GArray) segs = rounds_text_find_segments (text);
  struct { RoundsTextSegmentKind kind; const char *words; } expected[] = {
    { ROUNDS_TEXT_SEGMENT_LINK, "example.com" },
    { ROUNDS_TEXT_SEGMENT_LINK, "https://x.org/a" },
    { ROUNDS_TEXT_SEGMENT_MENTION, "@dr_smith" },
    { ROUNDS_TEXT_SEGMENT_MENTION, "@me@social.example" },
    { ROUNDS_TEXT_SEGMENT_HASHTAG, "#FluShot" },
  };

  g_assert_cmpuint (segs->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < segs->len; i++)
    {
      RoundsTextSegment *s = &g_array_index (segs, RoundsTextSegment, i);
      const char *a = g_utf8_offset_to_pointer (text, s->start);
      const char *b = g_utf8_offset_to_pointer (text, s->end);
      g_autofree char *words = g_strndup (a, b - a);

      g_assert_cmpint (s->kind, ==, expected[i].kind);
      g_assert_cmpstr (words, ==, expected[i].words);
    }

  /* Offsets are code points: after an emoji they stay exact. */
  {
    g_autoptr(GArray) after = rounds_text_find_segments ("\xf0\x9f\x98\x80 #Flu");

    g_assert_cmpuint (after->len, ==, 1);
    g_assert_cmpuint (g_array_index (after, RoundsTextSegment, 0).start, ==, 2);
    g_assert_cmpuint (g_array_index (after, RoundsTextSegment, 0).end, ==, 6);
  }
}

static void
test_preview_cut (void)
{
  g_autofree char *words = repeat ("word ", 60);   /* 300 characters */
  int cut;

  /* Short texts show whole everywhere. */
  g_assert_cmpint (rounds_network_get_preview_cut (ROUNDS_NETWORK_INSTAGRAM, "Hello"), ==, -1);
  /* Mastodon, Bluesky and X never cut. */
  g_assert_cmpint (rounds_network_get_preview_cut (ROUNDS_NETWORK_MASTODON, words), ==, -1);
  g_assert_cmpint (rounds_network_get_preview_cut (ROUNDS_NETWORK_X, words), ==, -1);

  /* Instagram cuts near 125 characters, at the end of a word. */
  cut = rounds_network_get_preview_cut (ROUNDS_NETWORK_INSTAGRAM, words);
  g_assert_cmpint (cut, <=, 125);
  g_assert_cmpint (cut, >, 105);
  g_assert_true (words[cut - 1] != ' ' && (words[cut] == ' '));

  /* ... or after two lines. */
  cut = rounds_network_get_preview_cut (ROUNDS_NETWORK_INSTAGRAM, "one\ntwo\nthree");
  g_assert_cmpint (cut, ==, 7);
  g_assert_cmpint (rounds_network_get_preview_cut (ROUNDS_NETWORK_FACEBOOK, "one\ntwo\nthree"), ==, -1);
}

static void
test_preview_per_network (void)
{
  g_autofree char *words = repeat ("word ", 71);   /* 355 characters: 75 over X's 280 */
  g_autofree char *note = NULL;
  g_autofree char *link_text = NULL;
  RoundsNetworkPreview preview;

  /* X refuses a post over its limit: the preview says so and marks
   * where the post stops fitting; it never says "shows the whole post". */
  rounds_network_build_preview (ROUNDS_NETWORK_X, words, &preview);
  g_assert_cmpint (preview.over_from, ==, 280);
  g_assert_cmpuint (preview.over_by, ==, 75);
  note = rounds_network_preview_dup_note (ROUNDS_NETWORK_X, words, &preview);
  g_assert_null (strstr (note, "whole post"));
  g_assert_nonnull (strstr (note, "75 characters over"));
  g_clear_pointer (&note, g_free);

  /* The same text fits Mastodon whole, and Instagram folds it. */
  rounds_network_build_preview (ROUNDS_NETWORK_MASTODON, words, &preview);
  g_assert_cmpint (preview.over_from, ==, -1);
  g_assert_cmpint (preview.fold, ==, -1);
  rounds_network_build_preview (ROUNDS_NETWORK_INSTAGRAM, words, &preview);
  g_assert_cmpint (preview.over_from, ==, -1);
  g_assert_cmpint (preview.fold, >, 0);

  /* Links: a card on Facebook (the first link) and X (the last); plain
   * text in an Instagram caption, and the note says so. */
  link_text = g_strdup ("Book at https://a.example/book or see https://b.example/hours today");
  rounds_network_build_preview (ROUNDS_NETWORK_FACEBOOK, link_text, &preview);
  g_assert_true (preview.links_clickable);
  g_assert_cmpint (preview.card_start, ==, 8);
  rounds_network_build_preview (ROUNDS_NETWORK_X, link_text, &preview);
  g_assert_cmpint (preview.card_start, ==, 38);
  note = rounds_network_preview_dup_note (ROUNDS_NETWORK_X, link_text, &preview);
  g_assert_nonnull (strstr (note, "card"));
  g_clear_pointer (&note, g_free);
  rounds_network_build_preview (ROUNDS_NETWORK_INSTAGRAM, link_text, &preview);
  g_assert_false (preview.links_clickable);
  g_assert_cmpint (preview.card_start, ==, -1);
  note = rounds_network_preview_dup_note (ROUNDS_NETWORK_INSTAGRAM, link_text, &preview);
  g_assert_nonnull (strstr (note, "cannot be clicked"));
}

static RoundsFinding *
finding (guint                 start,
         guint                 end,
         RoundsFindingCategory category,
         RoundsFindingSeverity severity)
{
  return rounds_finding_new (start, end, "test.rule", category, severity, "message", "suggestion");
}

static char *
fix (const char *text,
     guint       start,
     guint       end,
     RoundsFindingCategory category,
     guint      *caret)
{
  g_autoptr(RoundsFinding) f = finding (start, end, category, ROUNDS_FINDING_SEVERITY_BLOCK);
  g_autofree char *replacement = rounds_finding_dup_replacement (f);

  g_assert_nonnull (replacement);
  return rounds_text_apply_fix (text, start, end, replacement, caret);
}

static void
test_apply_fix (void)
{
  g_autofree char *a = NULL, *b = NULL, *c = NULL, *d = NULL, *e = NULL;
  guint caret = 0;

  /* A way to reach someone becomes the office's, so that the sentence
   * still reads: never "Call her at — we". */
  a = fix ("Call 555-867-5309 today", 5, 17, ROUNDS_FINDING_CATEGORY_PHONE, &caret);
  g_assert_cmpstr (a, ==, "Call the office today");
  g_assert_cmpuint (caret, ==, 15);

  b = fix ("reach her at 555-0100, please", 13, 21, ROUNDS_FINDING_CATEGORY_PHONE, &caret);
  g_assert_cmpstr (b, ==, "reach her at the office, please");

  {
    g_autofree char *dash = fix ("Call her at 608-555-0187 — we will explain.", 12, 24,
                                 ROUNDS_FINDING_CATEGORY_PHONE, NULL);
    g_autofree char *mail = fix ("Write to ann.lee@mail.example.", 9, 29,
                                 ROUNDS_FINDING_CATEGORY_EMAIL, NULL);
    g_autofree char *mrn = fix ("Her chart is number 884120. Call us.", 20, 26,
                                ROUNDS_FINDING_CATEGORY_MRN, NULL);
    g_autofree char *card = fix ("Bring your card, member ID 88412.", 27, 32,
                                 ROUNDS_FINDING_CATEGORY_HEALTH_PLAN, NULL);
    g_autofree char *mid = fix ("Account 55120 was closed", 8, 13,
                                ROUNDS_FINDING_CATEGORY_ACCOUNT, NULL);

    g_assert_cmpstr (dash, ==, "Call her at the office — we will explain.");
    g_assert_cmpstr (mail, ==, "Write to the office.");
    g_assert_cmpstr (mrn, ==, "Call us.");
    g_assert_cmpstr (card, ==, "Bring your card.");
    g_assert_cmpstr (mid, ==, "Account was closed");
  }

  c = fix ("Thanks Maria Lopez!", 7, 18, ROUNDS_FINDING_CATEGORY_NAME, &caret);
  g_assert_cmpstr (c, ==, "Thanks a patient!");
  g_assert_cmpuint (caret, ==, 16);

  /* After an emoji, offsets are code points. */
  d = fix ("\xf0\x9f\x98\x80 Maria Lopez came in", 2, 13, ROUNDS_FINDING_CATEGORY_NAME, &caret);
  g_assert_cmpstr (d, ==, "\xf0\x9f\x98\x80 a patient came in");

  e = fix ("Seen on 3/14/2026.", 8, 17, ROUNDS_FINDING_CATEGORY_DATE, &caret);
  g_assert_cmpstr (e, ==, "Seen on recently.");

  /* Risk language has no mechanical fix; nor has an image finding. */
  {
    g_autoptr(RoundsFinding) g = finding (0, 9, ROUNDS_FINDING_CATEGORY_GUARANTEE,
                                          ROUNDS_FINDING_SEVERITY_WARN);
    g_autoptr(RoundsFinding) img = finding (0, 0, ROUNDS_FINDING_CATEGORY_NAME,
                                            ROUNDS_FINDING_SEVERITY_BLOCK);

    g_assert_null (rounds_finding_dup_replacement (g));
    g_assert_null (rounds_finding_dup_replacement (img));
  }
}

static void
test_summary_and_order (void)
{
  g_autofree char *a = rounds_findings_dup_summary (2, 0, 0);
  g_autofree char *b = rounds_findings_dup_summary (1, 1, 3);
  g_autofree char *c = rounds_findings_dup_summary (0, 0, 0);
  g_autofree char *d = rounds_findings_dup_summary (0, 3, 0);
  g_autoptr(RoundsFinding) info = finding (0, 1, ROUNDS_FINDING_CATEGORY_URL, ROUNDS_FINDING_SEVERITY_INFO);
  g_autoptr(RoundsFinding) late_block = finding (9, 10, ROUNDS_FINDING_CATEGORY_PHONE,
                                                 ROUNDS_FINDING_SEVERITY_BLOCK);
  g_autoptr(RoundsFinding) early_block = finding (2, 3, ROUNDS_FINDING_CATEGORY_PHONE,
                                                  ROUNDS_FINDING_SEVERITY_BLOCK);

  g_assert_cmpstr (a, ==, "2 problems must be fixed before approval");
  g_assert_cmpstr (b, ==, "1 problem must be fixed before approval · 1 warning needs a decision");
  g_assert_cmpstr (c, ==, "No problems found");
  g_assert_cmpstr (d, ==, "3 warnings need a decision");

  g_assert_cmpint (rounds_finding_compare_severity (late_block, info), <, 0);
  g_assert_cmpint (rounds_finding_compare_severity (early_block, late_block), <, 0);
  g_assert_cmpint (rounds_finding_compare_severity (info, early_block), >, 0);
}

static void
test_span_hash (void)
{
  g_autofree char *a = rounds_text_dup_span_hash ("Hi Maria Lopez", 3, 14);
  g_autofree char *b = rounds_text_dup_span_hash ("\xf0\x9f\x98\x80 Maria Lopez!", 2, 13);
  g_autofree char *c = rounds_text_dup_span_hash ("Hi Maria Lopes", 3, 14);

  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (a, !=, c);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/network-limits/graphemes", test_graphemes);
  g_test_add_func ("/network-limits/bluesky-graphemes", test_bluesky_counts_graphemes);
  g_test_add_func ("/network-limits/x-links", test_x_counts_links_as_23);
  g_test_add_func ("/network-limits/limits", test_limits);
  g_test_add_func ("/network-limits/instagram-hashtags", test_instagram_hashtags);
  g_test_add_func ("/network-limits/segments", test_segments);
  g_test_add_func ("/network-limits/preview-cut", test_preview_cut);
  g_test_add_func ("/network-limits/preview-per-network", test_preview_per_network);
  g_test_add_func ("/editor-rules/apply-fix", test_apply_fix);
  g_test_add_func ("/editor-rules/summary", test_summary_and_order);
  g_test_add_func ("/editor-rules/span-hash", test_span_hash);

  return g_test_run ();
}
