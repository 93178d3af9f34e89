/* test-compliance-fuzz.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A short fuzz smoke test that runs in the normal build (no clang needed):
 * for about two seconds, feeds random and mutated texts through the
 * scanner and checks its contract (the libFuzzer target in tests/fuzz/
 * does the same at length under sanitizers). The seed is printed so a
 * failure can be replayed with ROUNDS_FUZZ_SEED.
 */

#include "config.h"

#include <string.h>

#include "rounds-scanner.h"

static const char * const fragments[] = {
  "Hi ", "Mrs. ", "J.R. ", "Dr. Liu ", "Tom R.! ", "(217) 555-0142 ", "217.555.0199", "123-45-6789",
  "member ID ", "XOH882104557 ", "chart #A-5581", "VIN 1FTFW1E58NFA31182 ", "plate BK 47215 ",
  "jo@gmail.com ", "x.blogspot.com/a/b ", "73.44.182.19 ", "2601:284::3e ", "17 Locust Ct, Savoy, IL 61874 ",
  "turned 96 ", "100th birthday ", "Tuesday, June 3 ", "10/17 ", "martes 4 de marzo ", "the 14th ",
  "“I love my smile.” — Ann L. ", "«Gracias» — Lupita G. ", "guaranteed ", "100% painless ",
  "take 400 mg of ibuprofen every 6 hours ", "use code SMILE25 ", "link in bio ", "#ad ", "#adorable ",
  "your appointment ", "our notes show ", "a patient of ours came in ", ", ", ".", "!", "?", "\n", "\n\n",
  "🦷", "👩‍⚕️", "e\xcc\x81", "ß", "İ", "\xef\xbb\xbf", "\xe2\x80\x8b", "'", "’", "\"", "#", "@", "-", "—",
};

static void
check (RoundsScanner           *scanner,
       RoundsComplianceProfile *profile,
       const char              *text,
       gsize                    len,
       RoundsTextKind           kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  gboolean valid = g_utf8_validate_len (text, len, NULL);
  glong n_chars;

  findings = rounds_scanner_scan (scanner, text, len, kind, (len & 1) ? "Ann Lee" : NULL, profile, &error);
  if (!valid)
    {
      g_assert_null (findings);
      g_assert_error (error, ROUNDS_COMPLIANCE_ERROR, ROUNDS_COMPLIANCE_ERROR_INVALID_TEXT);
      return;
    }

  g_assert_no_error (error);
  n_chars = g_utf8_strlen (text, len);
  for (guint i = 0; i < findings->len; i++)
    {
      const RoundsFinding *f = g_ptr_array_index (findings, i);

      g_assert_cmpuint (rounds_finding_get_start (f), <, rounds_finding_get_end (f));
      g_assert_cmpint (rounds_finding_get_end (f), <=, n_chars);
      if (i > 0)
        g_assert_cmpuint (rounds_finding_get_start (g_ptr_array_index (findings, i - 1)), <=,
                          rounds_finding_get_start (f));
    }
}

static void
test_fuzz_smoke (void)
{
  RoundsScanner *scanner = rounds_scanner_get_default ();
  g_autoptr(RoundsComplianceProfile) profile = NULL;
  g_autoptr(GRand) rand = NULL;
  const char *env = g_getenv ("ROUNDS_FUZZ_SEED");
  guint32 seed = env ? (guint32) g_ascii_strtoull (env, NULL, 10) : (guint32) g_get_real_time ();
  gint64 deadline = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
  guint iterations = 0;

  profile = rounds_compliance_profile_new_from_json (
    "{\"phones\": [\"(217) 555-0142\"], \"staff\": [\"Dr. Kevin Liu\", \"Tom Becker\"],"
    " \"websites\": [\"prairieoakdental.com\"]}", -1, NULL);
  g_assert_nonnull (profile);

  g_printerr ("# fuzz smoke seed %u (replay with ROUNDS_FUZZ_SEED)\n", seed);
  rand = g_rand_new_with_seed (seed);

  while (g_get_monotonic_time () < deadline)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      guint n = g_rand_int_range (rand, 0, 40);

      for (guint i = 0; i < n; i++)
        g_string_append (text, fragments[g_rand_int_range (rand, 0, G_N_ELEMENTS (fragments))]);

      /* mutations: flip, insert or delete bytes (may break UTF-8 on purpose) */
      for (guint m = g_rand_int_range (rand, 0, 4); m > 0 && text->len > 0; m--)
        {
          guint at = g_rand_int_range (rand, 0, text->len);

          switch (g_rand_int_range (rand, 0, 4))
            {
            case 0:
              text->str[at] ^= 1 << g_rand_int_range (rand, 0, 8);
              break;
            case 1:
              g_string_insert_c (text, at, (char) g_rand_int_range (rand, 1, 256));
              break;
            case 2:
              g_string_erase (text, at, 1);
              break;
            default:
              g_string_insert (text, at, fragments[g_rand_int_range (rand, 0, G_N_ELEMENTS (fragments))]);
            }
        }

      /* no embedded nul: the scanner takes a length, but keep C strings sane */
      for (gsize i = 0; i < text->len; i++)
        if (text->str[i] == '\0')
          text->str[i] = ' ';

      check (scanner, (iterations & 1) ? profile : NULL, text->str, text->len, iterations % 3);
      iterations++;
    }

  g_printerr ("# fuzz smoke: %u inputs\n", iterations);
  g_assert_cmpuint (iterations, >, 100);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/compliance/fuzz-smoke", test_fuzz_smoke);
  return g_test_run ();
}
