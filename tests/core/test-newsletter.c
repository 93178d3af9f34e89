/* test-newsletter.c — the monthly newsletter draft: the month's
 * published posts and next month's observances, HTML that escapes what
 * posts hold, plain text with the same words, the scanner's check, and
 * the .eml a mail program reads (checked by Python's email package).
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "core-test-util.h"
#include "rounds-newsletter.h"
#include "rounds-observances.h"

#define T0 ROUNDS_TEST_T0   /* Monday 2026-03-02 15:00 UTC */

typedef struct
{
  RoundsTestStoreFixture base;
  RoundsStore           *store;
  GTimeZone             *tz;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  rounds_test_store_fixture_set_up (&f->base, "rounds-newsletter-XXXXXX");
  f->store = rounds_test_store_open (&f->base);
  f->tz = g_time_zone_new_identifier ("America/Chicago");
  g_assert_nonnull (f->tz);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  rounds_store_close (f->store);
  g_clear_object (&f->store);
  g_time_zone_unref (f->tz);
  rounds_test_store_fixture_tear_down (&f->base);
}

static gint64
add_post (Fixture          *f,
          const char       *title,
          const char       *body,
          RoundsPostStatus  status,
          gint64            at)
{
  g_autoptr(RoundsPost) post = rounds_post_new ();
  g_autoptr(GError) error = NULL;
  RoundsPost *saved;

  rounds_post_set_title (post, title);
  rounds_post_set_body (post, body);
  rounds_post_set_networks (post, ROUNDS_NETWORK_FACEBOOK);
  rounds_post_set_scheduled_at (post, at);
  saved = rounds_store_import_post (f->store, post, status, "test", &error);
  g_assert_no_error (error);
  return rounds_post_get_id (saved);
}

static RoundsNewsletter *
draft (Fixture    *f,
       const char *practice)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) posts = rounds_newsletter_collect (f->store, 2026, 3, f->tz, &error);
  g_autoptr(GPtrArray) observances = rounds_newsletter_upcoming (2026, 3);
  RoundsNewsletterInfo info = {
    .practice = practice,
    .website = "https://lakeside.example/",
    .phone = "(608) 555-0100",
    .year = 2026,
    .month = 3,
    .tz = f->tz,
  };

  g_assert_no_error (error);
  return rounds_newsletter_render (&info, posts, observances);
}

/* The month's published posts (in practice time), not the month
 * before's, not drafts; April's observances under "Coming up". */
static void
test_content (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(RoundsNewsletter) letter = NULL;
  g_autoptr(GPtrArray) april = rounds_newsletter_upcoming (2026, 3);
  /* 2026-03-01 03:00 UTC is still February 28 in Chicago. */
  gint64 feb_in_chicago = 1772334000;

  add_post (f, "Flu shots are in", "Walk in any weekday morning.\nNo appointment needed.",
            ROUNDS_POST_STATUS_PUBLISHED, T0 - 3600);
  add_post (f, "February news", "Heart month recap.", ROUNDS_POST_STATUS_PUBLISHED,
            feb_in_chicago);
  add_post (f, "A draft", "Not ready.", ROUNDS_POST_STATUS_DRAFT, T0);
  add_post (f, "Closed for the holiday", "Back on Tuesday.", ROUNDS_POST_STATUS_PUBLISHED,
            T0 + 86400 * 10);

  letter = draft (f, "Lakeside Family Practice");
  g_assert_cmpstr (letter->subject, ==, "Lakeside Family Practice: news for March 2026");
  g_assert_nonnull (strstr (letter->text, "Flu shots are in"));
  g_assert_nonnull (strstr (letter->text, "Walk in any weekday morning.\nNo appointment needed."));
  g_assert_nonnull (strstr (letter->html, "Walk in any weekday morning.<br>\nNo appointment needed."));
  g_assert_nonnull (strstr (letter->text, "Closed for the holiday"));
  /* Oldest first. */
  g_assert_true (strstr (letter->text, "Flu shots are in") <
                 strstr (letter->text, "Closed for the holiday"));
  g_assert_null (strstr (letter->text, "February news"));
  g_assert_null (strstr (letter->text, "A draft"));
  g_assert_cmpuint (letter->spans->len, ==, 2);

  g_assert_cmpuint (april->len, >, 0);
  g_assert_nonnull (strstr (letter->text, "Coming up in April 2026"));
  for (guint i = 0; i < april->len; i++)
    {
      const RoundsObservance *o = april->pdata[i];

      g_assert_nonnull (strstr (letter->text, o->name));
    }
  g_assert_nonnull (strstr (letter->text, "(608) 555-0100"));
  g_assert_nonnull (strstr (letter->html, "<a href=\"https://lakeside.example/\">"));
}

/* Whatever a post holds is text in the HTML, never markup. */
static void
test_html_escapes (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(RoundsNewsletter) letter = NULL;

  add_post (f, "<img src=x onerror=alert(1)> & \"friends\"",
            "</p><script>alert('x')</script> 5 < 6 & 7 > 3", ROUNDS_POST_STATUS_PUBLISHED,
            T0 - 60);
  letter = draft (f, "Smith & Sons <Dental>");

  g_assert_null (strstr (letter->html, "<script"));
  g_assert_null (strstr (letter->html, "<img"));
  g_assert_null (strstr (letter->html, "<Dental>"));
  g_assert_nonnull (strstr (letter->html, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
  g_assert_nonnull (strstr (letter->html, "5 &lt; 6 &amp; 7 &gt; 3"));
  g_assert_nonnull (strstr (letter->html, "<title>Smith &amp; Sons &lt;Dental&gt;: news for"));
  /* The text keeps the words as they are. */
  g_assert_nonnull (strstr (letter->text, "</p><script>alert('x')</script> 5 < 6 & 7 > 3"));
}

/* A post that tells of a patient is found in the draft, and the finding
 * says which post; a clean draft has nothing that blocks. */
static void
test_flagged (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RoundsNewsletter) clean = NULL;
  g_autoptr(RoundsNewsletter) letter = NULL;
  g_autoptr(GPtrArray) clean_findings = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  RoundsScanner *scanner = rounds_scanner_get_default ();
  g_autoptr(RoundsComplianceProfile) profile = rounds_compliance_profile_new ();
  gint64 risky;
  gboolean found = FALSE;

  add_post (f, "Flu shots are in", "Walk in any weekday morning.", ROUNDS_POST_STATUS_PUBLISHED,
            T0 - 3600);
  /* The practice's own phone and website, as its profile knows them. */
  rounds_compliance_profile_set_practice_name (profile, "Lakeside Family Practice");
  rounds_compliance_profile_add_phone (profile, "(608) 555-0100");
  rounds_compliance_profile_add_website (profile, "https://lakeside.example/");
  clean = draft (f, "Lakeside Family Practice");
  clean_findings = rounds_newsletter_check (clean, scanner, profile, &error);
  g_assert_no_error (error);
  g_assert_false (rounds_findings_have_blocking (clean_findings));

  risky = add_post (f, "Congratulations",
                    "So proud of Margaret Olsen, 84, who finished her cardiac rehab with us "
                    "this week! Call her at 608-555-0187 to cheer her on.",
                    ROUNDS_POST_STATUS_PUBLISHED, T0 + 3600);
  letter = draft (f, "Lakeside Family Practice");
  findings = rounds_newsletter_check (letter, scanner, profile, &error);
  g_assert_no_error (error);
  g_assert_true (rounds_findings_have_blocking (findings));
  for (guint i = 0; i < findings->len; i++)
    if (rounds_finding_get_severity (findings->pdata[i]) == ROUNDS_FINDING_SEVERITY_BLOCK)
      {
        g_assert_cmpint (rounds_newsletter_post_at (letter,
                                                    rounds_finding_get_start (findings->pdata[i])),
                         ==, risky);
        found = TRUE;
      }
  g_assert_true (found);
}

/* The .eml, read back by a mail program's parser: encoded subject,
 * multipart/alternative, UTF-8 parts, the same words in both. */
static void
test_eml (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(RoundsNewsletter) letter = NULL;
  g_autoptr(GBytes) eml = NULL;
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "core", "check-eml.py", NULL);
  g_autofree char *path = g_build_filename (f->base.dir, "newsletter.eml", NULL);
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  const char *practice = "Clínica Añil — Médicos de Familia de la Ciudad de Nueva York";
  g_autofree char *subject = NULL;
  int status = -1;

  add_post (f, "Vacunas contra la gripe", "Ya llegaron. Venga cualquier mañana: ¡sin cita!",
            ROUNDS_POST_STATUS_PUBLISHED, T0 - 3600);
  add_post (f, "Fish & <chips>", "5 < 6 & \"quotes\"\nsecond line 🩺", ROUNDS_POST_STATUS_PUBLISHED,
            T0 - 60);
  letter = draft (f, practice);
  subject = g_strdup (letter->subject);
  eml = rounds_newsletter_to_eml (letter, practice, "hello@lakeside.example", T0);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (eml, NULL), g_bytes_get_size (eml),
                                      NULL));

  {
    const char *argv[] = { "/usr/bin/python3", script, path, subject, NULL };

    g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err,
                  &status, &error);
    g_assert_no_error (error);
    if (!g_spawn_check_wait_status (status, NULL))
      g_error ("The .eml does not read back: %s", err);
  }

  /* And the checker can fail: a part cut off is caught. */
  {
    const char *argv[] = { "/usr/bin/python3", script, path, "Another subject", NULL };

    g_clear_pointer (&err, g_free);
    g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err,
                  &status, &error);
    g_assert_no_error (error);
    g_assert_false (g_spawn_check_wait_status (status, NULL));
    g_assert_nonnull (strstr (err, "subject reads"));
  }
}

/* mailto: with the subject and the plain text, percent-encoded. */
static void
test_mailto (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(RoundsNewsletter) letter = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *crlf = NULL;
  const char *amp;

  add_post (f, "Fish & chips", "a=b&c #1 ¿sí?", ROUNDS_POST_STATUS_PUBLISHED, T0 - 60);
  letter = draft (f, "Lakeside Family Practice");
  uri = rounds_newsletter_to_mailto (letter);
  g_assert_true (g_str_has_prefix (uri, "mailto:?subject="));
  g_assert_null (strchr (uri, ' '));
  g_assert_null (strchr (uri, '\n'));
  g_assert_null (strchr (uri, '#'));
  amp = strstr (uri, "&body=");
  g_assert_nonnull (amp);
  g_assert_null (strchr (amp + 1, '&'));
  subject = g_uri_unescape_segment (uri + strlen ("mailto:?subject="), amp, NULL);
  body = g_uri_unescape_string (amp + strlen ("&body="), NULL);
  g_assert_cmpstr (subject, ==, letter->subject);
  lines = g_strsplit (letter->text, "\n", -1);
  crlf = g_strjoinv ("\r\n", lines);
  g_assert_cmpstr (body, ==, crlf);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/newsletter/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("content", test_content);
  ADD ("html-escapes", test_html_escapes);
  ADD ("flagged", test_flagged);
  ADD ("eml", test_eml);
  ADD ("mailto", test_mailto);
#undef ADD

  return g_test_run ();
}
