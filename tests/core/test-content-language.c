/* test-content-language.c — the practice's content language: what Rounds
 * writes for the public follows it, whatever the interface's language.
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libintl.h>
#include <locale.h>

#include "core-test-util.h"
#include "rounds-content-language.h"
#include "rounds-editor-rules.h"
#include "rounds-plan.h"
#include "rounds-scanner.h"

static void
test_lookup (void)
{
  /* The same catalog as the interface, read for one language. */
  g_assert_cmpstr (rounds_content_gettext ("es", "a patient"), ==, "un paciente");
  g_assert_cmpstr (rounds_content_gettext ("en", "a patient"), ==, "a patient");
  g_assert_cmpstr (rounds_content_gettext (NULL, "a patient"), ==, "a patient");
  /* A language Rounds does not publish in, or a text it has no
   * translation for, stays English. */
  g_assert_cmpstr (rounds_content_gettext ("fr", "a patient"), ==, "a patient");
  g_assert_cmpstr (rounds_content_gettext ("es", "No such message in the catalog"), ==,
                   "No such message in the catalog");
  /* The interface here is English (C locale): unaffected. */
  g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "a patient"), ==, "a patient");

  g_assert_true (rounds_content_language_is_valid ("es"));
  g_assert_false (rounds_content_language_is_valid ("xx"));
  g_assert_cmpstr (rounds_content_language_get_name ("es"), ==, "Español");
}

static void
test_practice_keeps_language (void)
{
  RoundsTestStoreFixture fixture;
  g_autoptr(GError) error = NULL;
  g_autoptr(RoundsPractice) practice = rounds_practice_new ();
  RoundsStore *store;
  const char *field = NULL;

  rounds_test_store_fixture_set_up (&fixture, "rounds-content-language-XXXXXX");

  /* A new practice publishes in English. */
  g_assert_cmpstr (rounds_practice_get_content_language (practice), ==, "en");

  rounds_practice_set_name (practice, "Clínica del Valle");
  rounds_practice_set_content_language (practice, "xx");
  g_assert_false (rounds_practice_validate (practice, &field, &error));
  g_assert_cmpstr (field, ==, "content-language");
  g_clear_error (&error);

  rounds_practice_set_content_language (practice, "es");
  g_assert_true (rounds_practice_validate (practice, &field, &error));

  store = rounds_test_store_open (&fixture);
  g_assert_true (rounds_store_save_practice (store, practice, &error));
  g_assert_no_error (error);
  rounds_test_store_close (&store);

  /* Kept in the practice's file. */
  store = rounds_test_store_open (&fixture);
  g_assert_cmpstr (rounds_practice_get_content_language (rounds_store_get_practice (store)), ==,
                   "es");
  rounds_test_store_close (&store);

  rounds_test_store_fixture_tear_down (&fixture);
}

static void
test_fix_writes_in_content_language (void)
{
  g_autoptr(RoundsComplianceProfile) profile = rounds_compliance_profile_new ();
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) error = NULL;
  const RoundsFinding *name = NULL;
  g_autofree char *fix = NULL;

  rounds_compliance_profile_set_practice_name (profile, "Clínica del Valle");
  rounds_compliance_profile_set_language (profile, "es");
  findings = rounds_scanner_scan (rounds_scanner_get_default (),
                                  "Felicidades a Margaret Olsen por terminar su rehabilitación con nosotros.",
                                  -1, ROUNDS_TEXT_KIND_POST, NULL, profile, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < findings->len; i++)
    if (rounds_finding_get_category (findings->pdata[i]) == ROUNDS_FINDING_CATEGORY_NAME)
      name = findings->pdata[i];
  g_assert_nonnull (name);
  g_assert_cmpstr (rounds_finding_get_language (name), ==, "es");

  /* "Apply Fix" puts Spanish words into a Spanish post, although the
   * interface (and the finding's explanation) is English here. */
  fix = rounds_finding_dup_replacement (name);
  g_assert_cmpstr (fix, ==, "un paciente");
  g_assert_null (strstr (rounds_finding_get_message (name), "paciente"));
}

static void
test_reply_templates_in_content_language (void)
{
  g_autoptr(JsonObject) spanish = rounds_plan_default_crisis ("608 555 0101", "es");
  g_autoptr(JsonObject) english = rounds_plan_default_crisis ("608 555 0101", NULL);
  JsonArray *templates = json_object_get_array_member (spanish, "templates");
  JsonObject *negative = json_array_get_object_element (templates, 0);
  JsonObject *negative_en = json_array_get_object_element (
    json_object_get_array_member (english, "templates"), 0);

  /* What is published is Spanish, with the practice's phone number… */
  g_assert_nonnull (strstr (json_object_get_string_member (negative, "text"),
                            "Gracias por sus comentarios"));
  g_assert_nonnull (strstr (json_object_get_string_member (negative, "text"), "608 555 0101"));
  /* …its title, for the staff, in the interface's language. */
  g_assert_cmpstr (json_object_get_string_member (negative, "title"), ==, "Negative review");
  g_assert_nonnull (strstr (json_object_get_string_member (negative_en, "text"),
                            "Thank you for your feedback"));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *localedir = g_build_filename (g_getenv ("ROUNDS_BUILD_ROOT"), "po", NULL);

  /* An English interface; the build's catalogs for the content. */
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/content-language/lookup", test_lookup);
  g_test_add_func ("/content-language/practice-keeps-it", test_practice_keeps_language);
  g_test_add_func ("/content-language/fix", test_fix_writes_in_content_language);
  g_test_add_func ("/content-language/reply-templates", test_reply_templates_in_content_language);

  return g_test_run ();
}
