/* bench-compliance.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Benchmarks the compliance scanner on one core:
 *  1. latency of a 2,000-character post (p50/p99/max over many scans);
 *  2. scanner throughput in MB/s over a mix of posts and replies;
 *  3. 1 MB pathological inputs (digit runs, endless capitalised words,
 *     100,000 commas, deep Unicode, quotes).
 * Run: taskset -c 0 build/bench/bench-compliance [ITERATIONS]
 * See bench/README.md for the figures measured.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <string.h>

#include "rounds-scanner.h"

static const char *post_parts[] = {
  "🦷 New patients welcome! Prairie Oak Family Dental is now booking cleanings for spring. ",
  "Call us at (217) 555-0142 or book online at prairieoakdental.com/book. ",
  "Huge congrats to our patient Emma Whitaker on getting her braces off today! 😍 ",
  "Our whitening is guaranteed to take your teeth 8 shades whiter in one visit! ",
  "“I used to hide my smile in every photo. After my veneers, I can't stop grinning!” — Kelsey T., Champaign ⭐⭐⭐⭐⭐ ",
  "Flossing fact: nearly half of U.S. adults aged 30 and older show signs of gum disease, according to the CDC. ",
  "We're closed Monday, January 19 in honor of Dr. Martin Luther King Jr. Day. ",
  "Happy 100th birthday to Mrs. H. Lindqvist, who has been a patient here since the practice opened! 🎂💐 ",
  "Thanks to ToothTunes for the free singing toothbrushes for our kiddos! 🎶 Use our link for 10% off #adorable ",
  "Taking a blood thinner like Eliquis or warfarin? Let us know before any extraction. ",
};

static const char *reply_parts[] = {
  "Hi Derek, thanks for the review! We're glad the extraction went smoothly and you're healing well.",
  "Mr. Franklin, we reviewed chart #A-558120 and the billing error for your March 11 visit has been corrected.",
  "Thank you so much for the five stars! We'll pass your kind words along to the team. 😊",
  "We did submit your claim to Blue Cross under member ID XOH882104557, and we're following up with them weekly.",
  "Sr. Ibarra, le dejamos un mensaje en el (217) 555-0129 sobre su radiografía.",
};

static const char profile_json[] =
  "{\"practice_name\": \"Prairie Oak Family Dental\","
  " \"phones\": [\"(217) 555-0142\", \"(217) 555-0143\"],"
  " \"emails\": [\"hello@prairieoakdental.com\"],"
  " \"addresses\": [\"1408 W. Kirby Ave, Suite 200, Champaign, IL 61821\"],"
  " \"websites\": [\"https://www.prairieoakdental.com\"],"
  " \"staff\": [\"Dr. Anita Ramos\", \"Dr. Kevin Liu\", \"Marisol Vega, RDH\", \"Tom Becker\"],"
  " \"allow\": [\"Chompers\", \"Kids Dental Day\"]}";

static int
cmp_double (const void *a,
            const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
now (void)
{
  return g_get_monotonic_time () / 1e6;
}

/* CPU time of this thread: what a scan costs, whatever else the (shared)
 * machine is doing at the time. */
static double
cpu_now (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

int
main (int   argc,
      char *argv[])
{
  RoundsScanner *scanner = rounds_scanner_get_default ();
  g_autoptr(RoundsComplianceProfile) profile = rounds_compliance_profile_new_from_json (profile_json, -1, NULL);
  guint iterations = argc > 1 ? (guint) atoi (argv[1]) : 20000;
  g_autoptr(GString) post = g_string_new (NULL);
  double *lat;
  double *cpu;
  double t0, c0, total_bytes = 0, elapsed, cpu_elapsed;

  /* 1. a 2,000-character post */
  for (guint i = 0; g_utf8_strlen (post->str, -1) < 2000; i++)
    g_string_append (post, post_parts[i % G_N_ELEMENTS (post_parts)]);
  g_string_truncate (post, g_utf8_offset_to_pointer (post->str, 2000) - post->str);

  lat = g_new (double, iterations);
  cpu = g_new (double, iterations);
  for (guint i = 0; i < 200; i++)  /* warm up */
    g_ptr_array_unref (rounds_scanner_scan (scanner, post->str, post->len, ROUNDS_TEXT_KIND_POST, NULL, profile, NULL));
  for (guint i = 0; i < iterations; i++)
    {
      double a = now ();
      double ca = cpu_now ();
      GPtrArray *f = rounds_scanner_scan (scanner, post->str, post->len, ROUNDS_TEXT_KIND_POST, NULL, profile, NULL);
      cpu[i] = cpu_now () - ca;
      lat[i] = now () - a;
      g_ptr_array_unref (f);
    }
  qsort (lat, iterations, sizeof (double), cmp_double);
  qsort (cpu, iterations, sizeof (double), cmp_double);
  printf ("2,000-character post (%zu bytes), %u scans: p50 %.3f ms, p99 %.3f ms, max %.3f ms (wall); "
          "p50 %.3f ms, p99 %.3f ms, max %.3f ms (CPU)\n",
          post->len, iterations, lat[iterations / 2] * 1e3, lat[(guint) (iterations * 0.99)] * 1e3,
          lat[iterations - 1] * 1e3, cpu[iterations / 2] * 1e3, cpu[(guint) (iterations * 0.99)] * 1e3,
          cpu[iterations - 1] * 1e3);
  g_free (lat);
  g_free (cpu);

  /* 2. throughput over a mix of short posts and replies */
  t0 = now ();
  c0 = cpu_now ();
  for (guint i = 0; i < iterations * 10; i++)
    {
      gboolean reply = i % 2;
      const char *text = reply ? reply_parts[i % G_N_ELEMENTS (reply_parts)] : post_parts[i % G_N_ELEMENTS (post_parts)];
      gsize len = strlen (text);
      GPtrArray *f = rounds_scanner_scan (scanner, text, len,
                                          reply ? ROUNDS_TEXT_KIND_REVIEW_REPLY : ROUNDS_TEXT_KIND_POST,
                                          NULL, profile, NULL);
      total_bytes += len;
      g_ptr_array_unref (f);
    }
  elapsed = now () - t0;
  cpu_elapsed = cpu_now () - c0;
  printf ("mixed short texts: %u scans, %.1f MB in %.2f s = %.1f MB/s, %.1f µs per text (wall); "
          "%.2f CPU s = %.1f MB per CPU second, %.1f µs per text\n",
          iterations * 10, total_bytes / 1e6, elapsed, total_bytes / 1e6 / elapsed,
          elapsed * 1e6 / (iterations * 10), cpu_elapsed, total_bytes / 1e6 / cpu_elapsed,
          cpu_elapsed * 1e6 / (iterations * 10));

  /* 3. pathological megabytes */
  {
    const char *words[] = { "Ann ", "Lee ", "Mrs. ", "Bob ", "Smith, ", "Hi ", "Dr. " };
    const char *names[] = { "digit runs", "capitalised words", "100,000 commas", "deep Unicode", "quotes and addresses" };
    GString *texts[5];

    for (guint k = 0; k < 5; k++)
      texts[k] = g_string_new (NULL);
    while (texts[0]->len < 1000000)
      g_string_append (texts[0], "2175550142123456789-0-");
    while (texts[1]->len < 1000000)
      g_string_append (texts[1], words[texts[1]->len % G_N_ELEMENTS (words)]);
    for (guint i = 0; i < 100000; i++)
      g_string_append (texts[2], ", ");
    while (texts[2]->len < 1000000)
      g_string_append_c (texts[2], ',');
    while (texts[3]->len < 1000000)
      g_string_append (texts[3], "e\xcc\x81\xcc\x82\xcc\x83👩‍⚕️🦷“«‘");
    while (texts[4]->len < 1000000)
      g_string_append (texts[4], "“I love my smile” — Ann L. 1408 W. Kirby Ave, Urbana, IL 61801. ");

    for (guint k = 0; k < 5; k++)
      for (guint kind = 0; kind < 2; kind++)
        {
          double a = now ();
          double ca = cpu_now ();
          GPtrArray *f = rounds_scanner_scan (scanner, texts[k]->str, texts[k]->len, kind, "Ann Lee", profile, NULL);
          double cpu_s = cpu_now () - ca;

          printf ("1 MB %s (%s): %.3f s wall, %.3f s CPU, %u findings\n", names[k], kind ? "review reply" : "post",
                  now () - a, cpu_s, f->len);
          g_ptr_array_unref (f);
        }
    for (guint k = 0; k < 5; k++)
      g_string_free (texts[k], TRUE);
  }

  return 0;
}
