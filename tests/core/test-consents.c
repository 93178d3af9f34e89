/* test-consents.c — the consent and partnerships registry (issue 19):
 * the required-elements checklist, coverage (networks × content type ×
 * dates), expiry at the right instant in the practice's time zone,
 * revocation stopping the posts that rely on it, the scanned form's
 * copy, and the one check approval and publishing share.
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "core-test-util.h"
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "rounds-disclosure.h"
#include "rounds-editor-rules.h"
#include "rounds-reminders.h"
#include "rounds-store-consents.h"
#include "rounds-store-editor.h"
#include "rounds-time.h"

#define DAY (24 * 60 * 60)

typedef struct
{
  RoundsTestStoreFixture base;
  RoundsStore           *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(RoundsPractice) practice = NULL;
  g_autoptr(GError) error = NULL;

  rounds_test_store_fixture_set_up (&f->base, "rounds-consents-XXXXXX");
  f->store = rounds_test_store_open (&f->base);
  rounds_store_set_actor (f->store, "Dana Reviewer");
  practice = rounds_practice_copy (rounds_store_get_practice (f->store));
  rounds_practice_set_name (practice, "Birchwood Dental");
  rounds_practice_set_timezone (practice, "America/Chicago");
  g_assert_true (rounds_store_save_practice (f->store, practice, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  rounds_test_store_fixture_tear_down (&f->base);
}

/* A complete authorization: photo and quote on Facebook and Instagram,
 * signed on 2026-03-01, last valid day 2026-03-10. */
static RoundsConsent *
complete_consent (void)
{
  RoundsConsent *c = rounds_consent_new ("Test Patient One");

  c->uses = ROUNDS_CONSENT_USE_PHOTO | ROUNDS_CONSENT_USE_QUOTE;
  c->networks = ROUNDS_NETWORK_FACEBOOK | ROUNDS_NETWORK_INSTAGRAM;
  g_free (c->purpose), c->purpose = g_strdup ("Marketing on social media");
  g_free (c->signed_on), c->signed_on = g_strdup ("2026-03-01");
  g_free (c->expires_on), c->expires_on = g_strdup ("2026-03-10");
  g_free (c->collected_by), c->collected_by = g_strdup ("Front desk");
  c->elements = ROUNDS_CONSENT_ELEMENTS_ALL;
  return c;
}

static gint64
add_post (Fixture       *f,
          const char    *body,
          RoundsNetwork  networks,
          gint64         at,
          gboolean       patient_image)
{
  g_autoptr(RoundsPost) post = rounds_post_new ();
  g_autoptr(GPtrArray) media = g_ptr_array_new_with_free_func ((GDestroyNotify)rounds_post_media_free);
  g_autoptr(GError) error = NULL;
  RoundsPost *saved;

  rounds_post_set_title (post, "Test post");
  rounds_post_set_body (post, body);
  rounds_post_set_networks (post, networks);
  rounds_post_set_scheduled_at (post, at);
  saved = rounds_store_save_post (f->store, post, &error);
  g_assert_no_error (error);
  if (patient_image)
    {
      g_ptr_array_add (media, rounds_post_media_new ("/tmp/smile.png", "A smiling patient", TRUE));
      g_assert_true (rounds_store_set_post_media (f->store, rounds_post_get_id (saved), media, &error));
      g_assert_no_error (error);
    }
  return rounds_post_get_id (saved);
}

static void
move_to (Fixture          *f,
         gint64            id,
         RoundsPostStatus  status)
{
  static const RoundsPostStatus path[] = {
    ROUNDS_POST_STATUS_IN_REVIEW, ROUNDS_POST_STATUS_APPROVED, ROUNDS_POST_STATUS_SCHEDULED,
    ROUNDS_POST_STATUS_PUBLISHING, ROUNDS_POST_STATUS_PUBLISHED,
  };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (path); i++)
    {
      g_assert_true (rounds_store_set_post_status (f->store, id, path[i], NULL, &error));
      g_assert_no_error (error);
      if (path[i] == status)
        return;
    }
}

static GPtrArray *
check (Fixture *f,
       gint64   id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *findings = rounds_store_check_post_consent (f->store, id, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (findings);
  return findings;
}

static void
test_checklist (void)
{
  g_autoptr(RoundsConsent) c = complete_consent ();
  g_autoptr(GTimeZone) tz = rounds_time_zone_new ("America/Chicago");
  g_autoptr(GError) error = NULL;
  g_autofree char *why = NULL;
  gint64 at = rounds_time_from_local (tz, 2026, 3, 5, 12, 0);

  g_assert_cmpuint (rounds_consent_missing_elements (c), ==, 0);
  g_assert_cmpint (rounds_consent_get_state (c, tz, at), ==, ROUNDS_CONSENT_VALID);

  /* A form without the statement on redisclosure is incomplete and
   * covers nothing, though everything else matches. */
  c->elements &= ~ROUNDS_CONSENT_ELEMENT_REDISCLOSURE;
  g_assert_cmpuint (rounds_consent_missing_elements (c), ==, ROUNDS_CONSENT_ELEMENT_REDISCLOSURE);
  g_assert_cmpint (rounds_consent_get_state (c, tz, at), ==, ROUNDS_CONSENT_INCOMPLETE);
  g_assert_false (rounds_consent_covers (c, tz, ROUNDS_NETWORK_FACEBOOK, ROUNDS_CONSENT_USE_PHOTO,
                                         at, &why));
  g_assert_nonnull (strstr (why, "required element"));

  /* Nor without the statement that treatment does not depend on it
   * (45 CFR 164.508(c)(2)(ii)). */
  c->elements = ROUNDS_CONSENT_ELEMENTS_ALL & ~ROUNDS_CONSENT_ELEMENT_CONDITIONING;
  g_assert_cmpuint (rounds_consent_missing_elements (c), ==, ROUNDS_CONSENT_ELEMENT_CONDITIONING);
  g_assert_cmpint (rounds_consent_get_state (c, tz, at), ==, ROUNDS_CONSENT_INCOMPLETE);

  /* Every element has a label the front desk can read. */
  for (guint e = 1; e < 1u << ROUNDS_CONSENT_N_ELEMENTS; e <<= 1)
    g_assert_cmpuint (strlen (rounds_consent_element_label (e)), >, 10);

  /* No purpose written down: incomplete too, even with every box ticked. */
  c->elements = ROUNDS_CONSENT_ELEMENTS_ALL;
  g_free (c->purpose), c->purpose = g_strdup ("  ");
  g_assert_cmpuint (rounds_consent_missing_elements (c), ==, ROUNDS_CONSENT_ELEMENT_PURPOSE);

  /* Without an expiry date or event it cannot even be recorded. */
  g_free (c->expires_on), c->expires_on = g_strdup ("");
  g_assert_false (rounds_consent_validate (c, &error));
  g_assert_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "expires"));
  g_clear_error (&error);
  g_free (c->expiry_event), c->expiry_event = g_strdup ("End of treatment");
  g_assert_true (rounds_consent_validate (c, &error));
  g_assert_cmpint (rounds_consent_expires_at (c, tz), ==, 0);

  /* An expiry before the signature is refused. */
  g_free (c->expires_on), c->expires_on = g_strdup ("2026-02-28");
  g_assert_false (rounds_consent_validate (c, &error));
  g_assert_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID);
}

static void
test_coverage (void)
{
  g_autoptr(RoundsConsent) c = complete_consent ();
  g_autoptr(GTimeZone) tz = rounds_time_zone_new ("America/Chicago");
  gint64 at = rounds_time_from_local (tz, 2026, 3, 5, 12, 0);
  char *why = NULL;

  g_assert_true (rounds_consent_covers (c, tz, ROUNDS_NETWORK_FACEBOOK | ROUNDS_NETWORK_INSTAGRAM,
                                        ROUNDS_CONSENT_USE_PHOTO | ROUNDS_CONSENT_USE_QUOTE, at,
                                        &why));
  g_assert_null (why);

  /* Networks: X was not named on the form. */
  g_assert_false (rounds_consent_covers (c, tz, ROUNDS_NETWORK_FACEBOOK | ROUNDS_NETWORK_X,
                                         ROUNDS_CONSENT_USE_PHOTO, at, &why));
  g_assert_nonnull (strstr (why, "X"));
  g_clear_pointer (&why, g_free);

  /* Content type: a video was not allowed. */
  g_assert_false (rounds_consent_covers (c, tz, ROUNDS_NETWORK_FACEBOOK, ROUNDS_CONSENT_USE_VIDEO,
                                         at, &why));
  g_assert_nonnull (strstr (why, "video"));
  g_clear_pointer (&why, g_free);

  /* Dates: before it was signed, and after it expired. */
  g_assert_false (rounds_consent_covers (c, tz, ROUNDS_NETWORK_FACEBOOK, ROUNDS_CONSENT_USE_PHOTO,
                                         rounds_time_from_local (tz, 2026, 2, 28, 23, 0), &why));
  g_assert_nonnull (strstr (why, "signed on 2026-03-01"));
  g_clear_pointer (&why, g_free);
  g_assert_false (rounds_consent_covers (c, tz, ROUNDS_NETWORK_FACEBOOK, ROUNDS_CONSENT_USE_PHOTO,
                                         rounds_time_from_local (tz, 2026, 3, 11, 9, 0), &why));
  g_assert_nonnull (strstr (why, "expired after 2026-03-10"));
  g_clear_pointer (&why, g_free);

  /* Revoked: nothing from the moment it was received. */
  c->revoked_at = at - 1;
  g_assert_false (rounds_consent_covers (c, tz, ROUNDS_NETWORK_FACEBOOK, ROUNDS_CONSENT_USE_PHOTO,
                                         at, &why));
  g_assert_nonnull (strstr (why, "revoked"));
  g_free (why);
}

static void
test_expiry_instant (void)
{
  g_autoptr(RoundsConsent) c = complete_consent ();
  g_autoptr(GTimeZone) chicago = rounds_time_zone_new ("America/Chicago");
  g_autoptr(GTimeZone) berlin = rounds_time_zone_new ("Europe/Berlin");
  /* 2026-03-10 is the last valid day: it ends at midnight in Chicago,
   * which is 05:00 UTC on the 11th (daylight time began on the 8th). */
  gint64 end = 1773205200;  /* 2026-03-11T05:00:00Z */

  g_assert_cmpint (rounds_consent_expires_at (c, chicago), ==, end);
  g_assert_cmpint (rounds_consent_get_state (c, chicago, end - 1), ==, ROUNDS_CONSENT_VALID);
  g_assert_cmpint (rounds_consent_get_state (c, chicago, end), ==, ROUNDS_CONSENT_EXPIRED);

  /* The same form in a Berlin practice ends six hours earlier (23:00 UTC). */
  g_assert_cmpint (rounds_consent_expires_at (c, berlin), ==, end - 6 * 3600);
  g_assert_cmpint (rounds_consent_get_state (c, berlin, end - 6 * 3600), ==,
                   ROUNDS_CONSENT_EXPIRED);

  /* It is valid from the first minute of the day it was signed there. */
  g_assert_cmpint (rounds_consent_get_state (c, chicago, rounds_time_from_local (chicago, 2026, 3, 1, 0, 0)),
                   ==, ROUNDS_CONSENT_VALID);
  g_assert_cmpint (rounds_consent_get_state (c, chicago, rounds_time_from_local (chicago, 2026, 3, 1, 0, 0) - 1),
                   ==, ROUNDS_CONSENT_NOT_YET_SIGNED);
}

static void
test_record_and_form (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(RoundsConsent) c = complete_consent ();
  g_autoptr(RoundsConsent) back = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = g_build_filename (f->base.dir, "scan.pdf", NULL);
  g_autofree char *txt = g_build_filename (f->base.dir, "notes.txt", NULL);
  g_autoptr(GListModel) audit = NULL;
  const char pdf_bytes[] = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n";

  g_assert_true (g_file_set_contents (pdf, pdf_bytes, -1, NULL));
  g_assert_true (g_file_set_contents (txt, "not a form", -1, NULL));

  /* A text file is not a scanned form: refused, nothing recorded. */
  g_assert_false (rounds_store_add_consent (f->store, c, txt, &error));
  g_assert_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID);
  g_clear_error (&error);
  all = rounds_store_list_consents (f->store, &error);
  g_assert_cmpuint (all->len, ==, 0);
  g_clear_pointer (&all, g_ptr_array_unref);

  g_assert_true (rounds_store_add_consent (f->store, c, pdf, &error));
  g_assert_no_error (error);
  g_assert_cmpint (c->id, >, 0);

  /* The copy lives in the data folder, readable by the user only. */
  g_assert_true (g_str_has_prefix (c->form_path, f->base.dir));
  g_assert_true (g_file_test (c->form_path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (rounds_test_file_mode (c->form_path), ==, 0600);

  /* It survives reopening, every field. */
  g_clear_object (&f->store);
  f->store = rounds_test_store_open (&f->base);
  back = rounds_store_get_consent (f->store, c->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->patient, ==, "Test Patient One");
  g_assert_cmpint (back->uses, ==, c->uses);
  g_assert_cmpint (back->networks, ==, c->networks);
  g_assert_cmpstr (back->expires_on, ==, "2026-03-10");
  g_assert_cmpuint (back->elements, ==, ROUNDS_CONSENT_ELEMENTS_ALL);
  g_assert_cmpstr (back->form_path, ==, c->form_path);

  /* Recorded in the audit log, without the patient's name. */
  audit = rounds_store_list_audit (f->store, "authorization", c->id, &error);
  g_assert_cmpuint (g_list_model_get_n_items (audit), ==, 1);
  {
    g_autoptr(RoundsAuditEntry) entry = g_list_model_get_item (audit, 0);

    g_assert_cmpstr (rounds_audit_entry_get_action (entry), ==, "recorded");
    g_assert_null (strstr (rounds_audit_entry_get_reason (entry) ? rounds_audit_entry_get_reason (entry) : "",
                           "Patient"));
  }
}

static void
test_check_post (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(RoundsConsent) c = complete_consent ();
  g_autoptr(RoundsConsent) incomplete = complete_consent ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  /* Clock is 2026-03-02 15:00 UTC; the post goes out on the 4th. */
  gint64 id = add_post (f, "Smile of the week!", ROUNDS_NETWORK_FACEBOOK,
                        ROUNDS_TEST_T0 + 2 * DAY, TRUE);
  gint64 plain = add_post (f, "We are open on Saturday.", ROUNDS_NETWORK_FACEBOOK,
                           ROUNDS_TEST_T0 + 2 * DAY, FALSE);

  /* A patient image with nothing linked: blocked, said plainly. */
  findings = check (f, id);
  g_assert_cmpuint (findings->len, ==, 1);
  g_assert_cmpint (rounds_finding_get_severity (g_ptr_array_index (findings, 0)), ==,
                   ROUNDS_FINDING_SEVERITY_BLOCK);
  g_assert_nonnull (strstr (rounds_finding_get_message (g_ptr_array_index (findings, 0)),
                            "no signed authorization is linked"));
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* Nothing about a patient: nothing to check. */
  findings = check (f, plain);
  g_assert_cmpuint (findings->len, ==, 0);
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* A testimonial in the text needs a quote authorization once it is
   * kept with a reason; one not decided on yet is the scanner's to raise. */
  {
    const char *body = rounds_post_get_body (rounds_store_lookup_post (f->store, plain));
    g_autoptr(GPtrArray) scanned = g_ptr_array_new_with_free_func ((GDestroyNotify)rounds_finding_unref);
    g_autofree char *span = rounds_text_dup_span_hash (body, 0, 5);

    g_ptr_array_add (scanned, rounds_finding_new (0, 5, "risk.testimonial",
                                                  ROUNDS_FINDING_CATEGORY_TESTIMONIAL,
                                                  ROUNDS_FINDING_SEVERITY_WARN, "m", "s"));
    findings = rounds_store_check_post_consent (f->store, plain, NULL, scanned, &error);
    g_assert_cmpuint (findings->len, ==, 0);
    g_clear_pointer (&findings, g_ptr_array_unref);
    g_assert_true (rounds_store_acknowledge_finding (f->store, plain, "risk.testimonial", span,
                                                     "Her own words, she agreed", &error));
    g_assert_no_error (error);
    findings = rounds_store_check_post_consent (f->store, plain, NULL, scanned, &error);
    g_assert_cmpuint (findings->len, ==, 1);
    g_assert_nonnull (strstr (rounds_finding_get_message (g_ptr_array_index (findings, 0)),
                              "quote or story"));
    g_clear_pointer (&findings, g_ptr_array_unref);
  }

  /* An incomplete authorization linked: still blocked, with why. */
  incomplete->elements &= ~ROUNDS_CONSENT_ELEMENT_SIGNATURE;
  g_assert_true (rounds_store_add_consent (f->store, incomplete, NULL, &error));
  g_assert_true (rounds_store_link_post_consent (f->store, id, incomplete->id, TRUE, &error));
  g_assert_no_error (error);
  findings = check (f, id);
  g_assert_cmpuint (findings->len, ==, 1);
  g_assert_nonnull (strstr (rounds_finding_get_message (g_ptr_array_index (findings, 0)),
                            "lacks a required element"));
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* A complete one that covers it: clear. */
  g_assert_true (rounds_store_add_consent (f->store, c, NULL, &error));
  g_assert_true (rounds_store_link_post_consent (f->store, id, c->id, TRUE, &error));
  findings = check (f, id);
  g_assert_cmpuint (findings->len, ==, 0);
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* Moved to a day after the authorization expires: blocked again. */
  {
    g_autoptr(RoundsPost) copy = rounds_post_copy (rounds_store_lookup_post (f->store, id));

    rounds_post_set_scheduled_at (copy, ROUNDS_TEST_T0 + 10 * DAY);
    g_assert_nonnull (rounds_store_save_post (f->store, copy, &error));
    g_assert_no_error (error);
  }
  findings = check (f, id);
  g_assert_cmpuint (findings->len, ==, 1);
  g_assert_nonnull (strstr (rounds_finding_get_message (g_ptr_array_index (findings, 0)),
                            "expired after 2026-03-10"));
}

/* Approval of a post that shows a patient waits for a covering
 * authorization, and no override reason replaces it. */
static void
test_approval_blocked (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(RoundsConsent) c = complete_consent ();
  g_autoptr(GError) error = NULL;
  gint64 id = add_post (f, "Smile of the week!", ROUNDS_NETWORK_FACEBOOK | ROUNDS_NETWORK_X,
                        ROUNDS_TEST_T0 + 2 * DAY, TRUE);

  move_to (f, id, ROUNDS_POST_STATUS_IN_REVIEW);
  g_assert_false (rounds_store_approve_post (f->store, id, NULL, "The patient said yes", &error));
  g_assert_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "no signed authorization is linked"));
  g_clear_error (&error);
  g_assert_cmpint (rounds_post_get_status (rounds_store_lookup_post (f->store, id)), ==,
                   ROUNDS_POST_STATUS_IN_REVIEW);

  /* Linked, but X is not on the form. */
  g_assert_true (rounds_store_add_consent (f->store, c, NULL, &error));
  g_assert_true (rounds_store_link_post_consent (f->store, id, c->id, TRUE, &error));
  g_assert_false (rounds_store_approve_post (f->store, id, NULL, NULL, &error));
  g_assert_nonnull (strstr (error->message, "does not include X"));
  g_clear_error (&error);

  /* Only Facebook: approved. */
  {
    g_autoptr(RoundsPost) copy = rounds_post_copy (rounds_store_lookup_post (f->store, id));

    rounds_post_set_networks (copy, ROUNDS_NETWORK_FACEBOOK);
    g_assert_nonnull (rounds_store_save_post (f->store, copy, &error));
  }
  g_assert_true (rounds_store_approve_post (f->store, id, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
test_revocation_stops_posts (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(RoundsConsent) c = complete_consent ();
  g_autoptr(GPtrArray) stopped = NULL;
  g_autoptr(GPtrArray) relying = NULL;
  g_autoptr(GPtrArray) lapsed = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GListModel) audit = NULL;
  g_autoptr(GError) error = NULL;
  gint64 scheduled = add_post (f, "Smile of the week!", ROUNDS_NETWORK_FACEBOOK,
                               ROUNDS_TEST_T0 + 2 * DAY, TRUE);
  gint64 published = add_post (f, "Last week's smile", ROUNDS_NETWORK_FACEBOOK,
                               ROUNDS_TEST_T0 + DAY, TRUE);
  gint64 unrelated = add_post (f, "Open Saturday", ROUNDS_NETWORK_FACEBOOK,
                               ROUNDS_TEST_T0 + 2 * DAY, FALSE);
  guint n_audit;

  g_assert_true (rounds_store_add_consent (f->store, c, NULL, &error));
  g_assert_true (rounds_store_link_post_consent (f->store, scheduled, c->id, TRUE, &error));
  g_assert_true (rounds_store_link_post_consent (f->store, published, c->id, TRUE, &error));
  g_assert_no_error (error);
  move_to (f, scheduled, ROUNDS_POST_STATUS_SCHEDULED);
  move_to (f, published, ROUNDS_POST_STATUS_PUBLISHED);
  move_to (f, unrelated, ROUNDS_POST_STATUS_SCHEDULED);

  lapsed = rounds_store_list_lapsed_consents (f->store, &error);
  g_assert_cmpuint (lapsed->len, ==, 0);
  g_clear_pointer (&lapsed, g_ptr_array_unref);

  /* A revocation must say how it came. */
  g_assert_false (rounds_store_revoke_consent (f->store, c->id, " ", NULL, &error));
  g_assert_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID);
  g_clear_error (&error);

  rounds_clock_advance (f->base.clock, 3600);
  g_assert_true (rounds_store_revoke_consent (f->store, c->id, "Letter at the front desk",
                                              &stopped, &error));
  g_assert_no_error (error);

  /* The scheduled post is stopped and back in review; the published one
   * is listed (for "Take down"); the unrelated one is untouched. */
  g_assert_cmpuint (stopped->len, ==, 1);
  g_assert_cmpint (rounds_post_get_id (g_ptr_array_index (stopped, 0)), ==, scheduled);
  g_assert_cmpint (rounds_post_get_status (rounds_store_lookup_post (f->store, scheduled)), ==,
                   ROUNDS_POST_STATUS_IN_REVIEW);
  g_assert_cmpint (rounds_post_get_status (rounds_store_lookup_post (f->store, published)), ==,
                   ROUNDS_POST_STATUS_PUBLISHED);
  g_assert_cmpint (rounds_post_get_status (rounds_store_lookup_post (f->store, unrelated)), ==,
                   ROUNDS_POST_STATUS_SCHEDULED);
  relying = rounds_store_list_consent_posts (f->store, c->id, &error);
  g_assert_cmpuint (relying->len, ==, 2);

  /* The reason is in the post's audit log. */
  audit = rounds_store_list_audit (f->store, "post", scheduled, &error);
  n_audit = g_list_model_get_n_items (audit);
  {
    g_autoptr(RoundsAuditEntry) last = g_list_model_get_item (audit, n_audit - 1);
    g_autoptr(RoundsAuditEntry) first = g_list_model_get_item (audit, 0);
    RoundsAuditEntry *entry = rounds_audit_entry_get_id (last) > rounds_audit_entry_get_id (first)
                                ? last : first;

    g_assert_cmpstr (rounds_audit_entry_get_action (entry), ==, "status");
    g_assert_nonnull (strstr (rounds_audit_entry_get_reason (entry), "revoked"));
  }

  /* It covers nothing now, and shows as lapsed for the reminders. */
  findings = check (f, scheduled);
  g_assert_cmpuint (findings->len, ==, 1);
  g_assert_nonnull (strstr (rounds_finding_get_message (g_ptr_array_index (findings, 0)), "revoked"));
  lapsed = rounds_store_list_lapsed_consents (f->store, &error);
  g_assert_cmpuint (lapsed->len, ==, 1);

  /* Twice is refused. */
  g_assert_false (rounds_store_revoke_consent (f->store, c->id, "Again", NULL, &error));
  g_assert_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID);
}

/* When an authorization expires, the next reminders tick stops the
 * scheduled posts that rely on it (back to review, audited) and says so
 * once, listing the published ones to take down. */
static void
test_expiry_notifies (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(RoundsConsent) c = complete_consent ();
  g_autoptr(RoundsReminders) reminders = rounds_reminders_new (f->store);
  g_autoptr(GPtrArray) shown = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GError) error = NULL;
  RoundsReminderSettings settings;
  RoundsReminder *r = NULL;
  gint64 scheduled = add_post (f, "Smile of the week!", ROUNDS_NETWORK_FACEBOOK,
                               ROUNDS_TEST_T0 + 2 * DAY, TRUE);
  gint64 published = add_post (f, "Last week's smile", ROUNDS_NETWORK_FACEBOOK,
                               ROUNDS_TEST_T0 + DAY, TRUE);
  g_autoptr(GTimeZone) tz = rounds_time_zone_new ("America/Chicago");

  rounds_reminder_settings_init (&settings);
  settings.enabled = ROUNDS_REMINDER_CONSENT;
  rounds_reminders_set_settings (reminders, &settings);

  g_assert_true (rounds_store_add_consent (f->store, c, NULL, &error));
  g_assert_true (rounds_store_link_post_consent (f->store, scheduled, c->id, TRUE, &error));
  g_assert_true (rounds_store_link_post_consent (f->store, published, c->id, TRUE, &error));
  g_assert_no_error (error);
  move_to (f, published, ROUNDS_POST_STATUS_PUBLISHED);
  /* Rescheduled after the expiry, then the clock passes it. */
  move_to (f, scheduled, ROUNDS_POST_STATUS_SCHEDULED);

  shown = rounds_reminders_tick (reminders, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < shown->len; i++)
    g_assert_cmpint (rounds_reminder_get_kind (g_ptr_array_index (shown, i)), !=,
                     ROUNDS_REMINDER_CONSENT);
  g_clear_pointer (&shown, g_ptr_array_unref);

  rounds_clock_set_now (f->base.clock, rounds_consent_expires_at (c, tz));
  shown = rounds_reminders_tick (reminders, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < shown->len; i++)
    if (rounds_reminder_get_kind (g_ptr_array_index (shown, i)) == ROUNDS_REMINDER_CONSENT)
      r = g_ptr_array_index (shown, i);
  g_assert_nonnull (r);
  g_assert_cmpstr (rounds_reminder_get_title (r), ==, "A patient authorization expired");
  g_assert_nonnull (strstr (rounds_reminder_get_body (r), "1 post that relied on it is back in review"));
  g_assert_nonnull (strstr (rounds_reminder_get_body (r), "Take down what was published"));
  /* Never the patient's name. */
  g_assert_null (strstr (rounds_reminder_get_body (r), "Test Patient"));
  g_assert_cmpint (rounds_post_get_status (rounds_store_lookup_post (f->store, scheduled)), ==,
                   ROUNDS_POST_STATUS_IN_REVIEW);

  /* Said once. */
  again = rounds_reminders_tick (reminders, &error);
  for (guint i = 0; i < again->len; i++)
    g_assert_cmpint (rounds_reminder_get_kind (g_ptr_array_index (again, i)), !=,
                     ROUNDS_REMINDER_CONSENT);
}

/* An authorization that ends on an event ("end of treatment") covers
 * posts until the desk records that the event happened; from that
 * moment it is expired, the posts waiting on it stop, and it is said. */
static void
test_expiry_event (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(RoundsConsent) c = complete_consent ();
  g_autoptr(RoundsConsent) dated = complete_consent ();
  g_autoptr(RoundsConsent) back = NULL;
  g_autoptr(GPtrArray) stopped = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GPtrArray) lapsed = NULL;
  g_autoptr(GListModel) audit = NULL;
  g_autoptr(GTimeZone) tz = rounds_time_zone_new ("America/Chicago");
  g_autoptr(GError) error = NULL;
  gint64 id = add_post (f, "Smile of the week!", ROUNDS_NETWORK_FACEBOOK,
                        ROUNDS_TEST_T0 + 2 * DAY, TRUE);
  gint64 recorded_at;

  g_free (c->expires_on), c->expires_on = g_strdup ("");
  g_free (c->expiry_event), c->expiry_event = g_strdup ("End of treatment");
  g_assert_true (rounds_store_add_consent (f->store, c, NULL, &error));
  g_assert_true (rounds_store_add_consent (f->store, dated, NULL, &error));
  g_assert_true (rounds_store_link_post_consent (f->store, id, c->id, TRUE, &error));
  g_assert_no_error (error);
  move_to (f, id, ROUNDS_POST_STATUS_SCHEDULED);

  /* No date: it covers the post, however far ahead. */
  findings = check (f, id);
  g_assert_cmpuint (findings->len, ==, 0);
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* One with a date only has no event to record. */
  g_assert_false (rounds_store_record_consent_event (f->store, dated->id, NULL, &error));
  g_assert_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID);
  g_clear_error (&error);

  rounds_clock_advance (f->base.clock, 600);
  recorded_at = rounds_clock_get_now (f->base.clock);
  g_assert_true (rounds_store_record_consent_event (f->store, c->id, &stopped, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stopped->len, ==, 1);
  g_assert_cmpint (rounds_post_get_status (rounds_store_lookup_post (f->store, id)), ==,
                   ROUNDS_POST_STATUS_IN_REVIEW);

  /* Expired from that second, not before; said why. */
  back = rounds_store_get_consent (f->store, c->id, &error);
  g_assert_cmpint (rounds_consent_expires_at (back, tz), ==, recorded_at);
  g_assert_cmpint (rounds_consent_get_state (back, tz, recorded_at - 1), ==, ROUNDS_CONSENT_VALID);
  g_assert_cmpint (rounds_consent_get_state (back, tz, recorded_at), ==, ROUNDS_CONSENT_EXPIRED);
  findings = check (f, id);
  g_assert_cmpuint (findings->len, ==, 1);
  g_assert_nonnull (strstr (rounds_finding_get_message (g_ptr_array_index (findings, 0)),
                            "ended with its expiry event (End of treatment)"));
  lapsed = rounds_store_list_lapsed_consents (f->store, &error);
  g_assert_cmpuint (lapsed->len, ==, 1);
  audit = rounds_store_list_audit (f->store, "authorization", c->id, &error);
  g_assert_cmpuint (g_list_model_get_n_items (audit), ==, 2);

  /* Once. */
  g_assert_false (rounds_store_record_consent_event (f->store, c->id, NULL, &error));
  g_assert_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID);
}

static void
test_partnership_check (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(RoundsPartnership) p = rounds_partnership_new ("Acme Floss");
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) error = NULL;
  gint64 undisclosed = add_post (f, "Our favourite floss for summer! #teeth #smile #ad",
                                 ROUNDS_NETWORK_INSTAGRAM, ROUNDS_TEST_T0 + DAY, FALSE);
  gint64 disclosed = add_post (f, "Paid partnership with Acme Floss. Our favourite floss!",
                               ROUNDS_NETWORK_INSTAGRAM, ROUNDS_TEST_T0 + DAY, FALSE);
  gint64 code = add_post (f, "Get 20% off whitening strips: use code SMILE20 at checkout.",
                          ROUNDS_NETWORK_INSTAGRAM, ROUNDS_TEST_T0 + DAY, FALSE);

  g_free (p->disclosure), p->disclosure = g_strdup ("Paid partnership with Acme Floss");
  p->gave = ROUNDS_PARTNERSHIP_GAVE_PRODUCT;
  g_assert_true (rounds_store_add_partnership (f->store, p, &error));
  g_assert_no_error (error);
  g_assert_true (rounds_store_link_post_partnership (f->store, undisclosed, p->id, TRUE, &error));
  g_assert_true (rounds_store_link_post_partnership (f->store, disclosed, p->id, TRUE, &error));

  /* "#ad" buried at the end among the hashtags does not count. */
  findings = check (f, undisclosed);
  g_assert_cmpuint (findings->len, ==, 1);
  g_assert_cmpint (rounds_finding_get_category (g_ptr_array_index (findings, 0)), ==,
                   ROUNDS_FINDING_CATEGORY_MISSING_DISCLOSURE);
  g_assert_cmpint (rounds_finding_get_severity (g_ptr_array_index (findings, 0)), ==,
                   ROUNDS_FINDING_SEVERITY_BLOCK);
  g_assert_nonnull (strstr (rounds_finding_get_message (g_ptr_array_index (findings, 0)), "too late"));
  g_assert_nonnull (strstr (rounds_finding_get_suggestion (g_ptr_array_index (findings, 0)),
                            "Paid partnership with Acme Floss"));
  g_clear_pointer (&findings, g_ptr_array_unref);

  findings = check (f, disclosed);
  g_assert_cmpuint (findings->len, ==, 0);
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* Not linked, but a discount code: a warning that asks. */
  findings = check (f, code);
  g_assert_cmpuint (findings->len, ==, 1);
  g_assert_cmpint (rounds_finding_get_severity (g_ptr_array_index (findings, 0)), ==,
                   ROUNDS_FINDING_SEVERITY_WARN);
  g_assert_cmpstr (rounds_finding_get_rule (g_ptr_array_index (findings, 0)), ==,
                   ROUNDS_DISCLOSURE_RULE_UNLINKED);
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* Unlinking is audited and lifts the check. */
  g_assert_true (rounds_store_link_post_partnership (f->store, undisclosed, p->id, FALSE, &error));
  findings = check (f, undisclosed);
  g_assert_cmpuint (findings->len, ==, 0);
}

/* A version 2 database kept a one-off authorization on a post (who
 * signed, when, what it covers). The upgrade keeps it in the registry,
 * linked to its post, and marks it incomplete: the checklist was never
 * asked, so the desk must look at the signed form again. */
static void
test_upgrade_keeps_old_authorization (void)
{
  ROUNDS_TEST_FILE_ONLY ();
  g_autofree char *dir = g_dir_make_tmp ("rounds-consents-v2-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "rounds.db", NULL);
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "data", "store", "schema-v2.sql",
                                                    NULL);
  g_autofree char *sql = NULL;
  g_autoptr(RoundsClock) clock = rounds_clock_new_fake (ROUNDS_TEST_T0);
  g_autoptr(RoundsStore) store = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) linked = NULL;
  g_autoptr(GPtrArray) plain = NULL;
  g_autoptr(GTimeZone) tz = rounds_time_zone_new ("UTC");
  g_autoptr(GError) error = NULL;
  const RoundsConsent *c;
  sqlite3 *db;

  g_setenv ("ROUNDS_DATA_DIR", dir, TRUE);
  g_assert_true (g_file_get_contents (fixture, &sql, NULL, NULL));
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE posts SET authorization = '{\"signed_by\": \"Test "
                                     "Patient Eight\", \"signed_on\": \"2026-01-05\", \"scope\": "
                                     "\"Photo for the spring post\"}' WHERE id = 1",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = rounds_store_open (path, clock, ROUNDS_STORE_OPEN_NO_BACKUPS, &error);
  g_assert_no_error (error);

  all = rounds_store_list_consents (store, &error);
  g_assert_cmpuint (all->len, ==, 1);
  c = g_ptr_array_index (all, 0);
  g_assert_cmpstr (c->patient, ==, "Test Patient Eight");
  g_assert_cmpstr (c->signed_on, ==, "2026-01-05");
  g_assert_cmpstr (c->purpose, ==, "Photo for the spring post");
  g_assert_cmpint (c->uses, ==, ROUNDS_CONSENT_USE_PHOTO);
  g_assert_cmpint (c->networks, ==, ROUNDS_NETWORK_FACEBOOK | ROUNDS_NETWORK_INSTAGRAM);
  g_assert_cmpint (rounds_consent_get_state (c, tz, ROUNDS_TEST_T0), ==, ROUNDS_CONSENT_INCOMPLETE);

  linked = rounds_store_list_post_consents (store, 1, &error);
  g_assert_cmpuint (linked->len, ==, 1);
  g_assert_cmpint (((RoundsConsent *)linked->pdata[0])->id, ==, c->id);
  /* The other posts had none. */
  plain = rounds_store_list_post_consents (store, 2, &error);
  g_assert_cmpuint (plain->len, ==, 0);

  g_clear_object (&store);
  rounds_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/consents/checklist", test_checklist);
  g_test_add_func ("/consents/coverage", test_coverage);
  g_test_add_func ("/consents/expiry-instant", test_expiry_instant);
  g_test_add_func ("/consents/upgrade-keeps-old-authorization", test_upgrade_keeps_old_authorization);
  g_test_add ("/consents/record-and-form", Fixture, NULL, fixture_set_up, test_record_and_form,
              fixture_tear_down);
  g_test_add ("/consents/check-post", Fixture, NULL, fixture_set_up, test_check_post,
              fixture_tear_down);
  g_test_add ("/consents/approval-blocked", Fixture, NULL, fixture_set_up, test_approval_blocked,
              fixture_tear_down);
  g_test_add ("/consents/revocation-stops-posts", Fixture, NULL, fixture_set_up,
              test_revocation_stops_posts, fixture_tear_down);
  g_test_add ("/consents/expiry-notifies", Fixture, NULL, fixture_set_up, test_expiry_notifies,
              fixture_tear_down);
  g_test_add ("/consents/expiry-event", Fixture, NULL, fixture_set_up, test_expiry_event,
              fixture_tear_down);
  g_test_add ("/consents/partnership-check", Fixture, NULL, fixture_set_up,
              test_partnership_check, fixture_tear_down);

  return g_test_run ();
}
