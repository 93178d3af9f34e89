/* test-editor-store.c — what the post editor keeps beside a post, and the
 * workflow rules the store enforces: approval with an override reason,
 * scheduling only when the text fits every network.
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "core-test-util.h"
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "rounds-editor-rules.h"
#include "rounds-store-editor.h"

/* Monday 2026-03-02 15:00 UTC */
#define T0 ((gint64)1772463600)

typedef struct
{
  char        *dir;
  RoundsClock *clock;
  RoundsStore *store;
} Fixture;

static void
open_store (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "rounds.db", NULL);

  f->store = rounds_store_open (path, f->clock, ROUNDS_STORE_OPEN_NO_BACKUPS, &error);
  g_assert_no_error (error);
  rounds_store_set_actor (f->store, "Dana Reviewer");
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("rounds-editor-XXXXXX", NULL);
  g_setenv ("ROUNDS_DATA_DIR", f->dir, TRUE);
  f->clock = rounds_clock_new_fake (T0);
  open_store (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  g_clear_object (&f->clock);
  rounds_test_remove_tree (f->dir);
  g_free (f->dir);
}

static void
reopen (Fixture *f)
{
  g_clear_object (&f->store);
  open_store (f);
}

static gint64
add_post (Fixture    *f,
          const char *body)
{
  g_autoptr(RoundsPost) post = rounds_post_new ();
  g_autoptr(GError) error = NULL;
  RoundsPost *saved;

  rounds_post_set_title (post, "Test post");
  rounds_post_set_body (post, body);
  rounds_post_set_networks (post, ROUNDS_NETWORK_FACEBOOK | ROUNDS_NETWORK_X);
  rounds_post_set_scheduled_at (post, T0 + 86400);
  saved = rounds_store_save_post (f->store, post, &error);
  g_assert_no_error (error);
  return rounds_post_get_id (saved);
}

static GPtrArray *
audit_of (Fixture *f,
          gint64   id)
{
  g_autoptr(GError) error = NULL;
  GListModel *model = rounds_store_list_audit (f->store, "post", id, &error);
  GPtrArray *entries = g_ptr_array_new_with_free_func (g_object_unref);

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (entries, g_list_model_get_item (model, i));
  g_object_unref (model);
  return entries;
}

static RoundsAuditEntry *
find_action (GPtrArray  *entries,
             const char *action)
{
  for (guint i = 0; i < entries->len; i++)
    if (g_strcmp0 (rounds_audit_entry_get_action (g_ptr_array_index (entries, i)), action) == 0)
      return g_ptr_array_index (entries, i);
  return NULL;
}

static void
test_media (Fixture       *f,
            gconstpointer  data)
{
  gint64 id = add_post (f, "Flu shots are in.");
  g_autoptr(GPtrArray) media = g_ptr_array_new_with_free_func ((GDestroyNotify)rounds_post_media_free);
  g_autoptr(GPtrArray) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *problem = NULL;

  g_ptr_array_add (media, rounds_post_media_new ("/tmp/a.png", "The waiting room", FALSE));
  g_ptr_array_add (media, rounds_post_media_new ("/tmp/b.jpg", "  ", TRUE));

  /* Alt text is required. */
  problem = rounds_post_media_dup_problem (media);
  g_assert_cmpstr (problem, ==, "Describe image 2 for people who cannot see it");

  g_assert_true (rounds_store_set_post_media (f->store, id, media, &error));
  g_assert_no_error (error);
  reopen (f);

  back = rounds_store_list_post_media (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->len, ==, 2);
  g_assert_cmpstr (((RoundsPostMedia *)back->pdata[0])->path, ==, "/tmp/a.png");
  g_assert_cmpstr (((RoundsPostMedia *)back->pdata[0])->alt_text, ==, "The waiting room");
  g_assert_false (((RoundsPostMedia *)back->pdata[0])->shows_patient);
  g_assert_true (((RoundsPostMedia *)back->pdata[1])->shows_patient);

  /* Replacing keeps only what is given. */
  g_ptr_array_remove_index (back, 0);
  g_assert_true (rounds_store_set_post_media (f->store, id, back, &error));
  g_clear_pointer (&back, g_ptr_array_unref);
  back = rounds_store_list_post_media (f->store, id, NULL);
  g_assert_cmpuint (back->len, ==, 1);
  g_assert_cmpstr (((RoundsPostMedia *)back->pdata[0])->path, ==, "/tmp/b.jpg");

  /* Unknown post: a clear error, nothing written. */
  g_assert_false (rounds_store_set_post_media (f->store, 999, media, &error));
  g_assert_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_NOT_FOUND);
}

static void
test_import_media (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *png = g_build_filename (f->dir, "photo.png", NULL);
  g_autofree char *text = g_build_filename (f->dir, "photo.jpg", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "nowhere.png", NULL);
  g_autofree char *copy = NULL;
  g_autofree char *again = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  g_assert_true (g_file_set_contents (png, "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16, NULL));
  g_assert_true (g_file_set_contents (text, "Dear diary", -1, NULL));

  copy = rounds_store_import_media (f->store, png, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (copy, ".png"));
  g_assert_true (strstr (copy, G_DIR_SEPARATOR_S "media" G_DIR_SEPARATOR_S) != NULL);
  g_assert_cmpint (g_stat (copy, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* The same image twice is kept once; the original can go. */
  again = rounds_store_import_media (f->store, png, &error);
  g_assert_cmpstr (again, ==, copy);
  g_unlink (png);
  g_assert_true (g_file_test (copy, G_FILE_TEST_IS_REGULAR));

  /* A text file named .jpg is refused by its content; a missing one too. */
  g_assert_null (rounds_store_import_media (f->store, text, &error));
  g_assert_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "This file is not a PNG, JPEG or WebP image");
  g_clear_error (&error);
  g_assert_null (rounds_store_import_media (f->store, missing, &error));
  g_assert_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_IO);
}

static void
on_imported_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static char *
import_media_async (RoundsStore   *store,
                    const char    *path,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  rounds_store_import_media_async (store, path, cancellable, on_imported_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return rounds_store_import_media_finish (store, result, error);
}

/* What the post window uses: the same copy, made off the main loop. */
static void
test_import_media_async (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *png = g_build_filename (f->dir, "photo.png", NULL);
  g_autofree char *text = g_build_filename (f->dir, "photo.jpg", NULL);
  g_autofree char *copy = NULL;
  g_autofree char *sync_copy = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  g_assert_true (g_file_set_contents (png, "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16, NULL));
  g_assert_true (g_file_set_contents (text, "Dear diary", -1, NULL));

  copy = import_media_async (f->store, png, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (copy, ".png"));
  g_assert_cmpint (g_stat (copy, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  sync_copy = rounds_store_import_media (f->store, png, &error);
  g_assert_cmpstr (sync_copy, ==, copy);

  g_assert_null (import_media_async (f->store, text, NULL, &error));
  g_assert_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_cancellable_cancel (cancellable);
  g_assert_null (import_media_async (f->store, png, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_patient_image_needs_authorization (Fixture       *f,
                                        gconstpointer  data)
{
  gint64 id = add_post (f, "Our new treatment room.");
  g_autoptr(GPtrArray) media = g_ptr_array_new_with_free_func ((GDestroyNotify)rounds_post_media_free);
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(RoundsAuthorization) bad = rounds_authorization_new ("J. Doe", "2026-02-30", "Facebook");
  g_autoptr(RoundsAuthorization) good = rounds_authorization_new ("J. Doe", "2026-02-27",
                                                                  "Photos on all networks, 1 year");
  g_autoptr(RoundsAuthorization) back = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  RoundsFinding *finding;

  g_ptr_array_add (media, rounds_post_media_new ("/tmp/a.png", "A patient in the chair", TRUE));

  findings = rounds_post_media_findings (media, NULL);
  g_assert_cmpuint (findings->len, ==, 1);
  finding = g_ptr_array_index (findings, 0);
  g_assert_cmpint (rounds_finding_get_severity (finding), ==, ROUNDS_FINDING_SEVERITY_BLOCK);
  g_assert_cmpstr (rounds_finding_get_rule (finding), ==, ROUNDS_MEDIA_PATIENT_RULE);

  /* A wrong date is refused with a clear message; nothing is recorded. */
  g_assert_false (rounds_store_set_post_authorization (f->store, id, bad, &error));
  g_assert_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Enter the date it was signed as YYYY-MM-DD");
  g_clear_error (&error);
  g_assert_null (rounds_store_get_post_authorization (f->store, id, NULL));

  g_assert_true (rounds_store_set_post_authorization (f->store, id, good, &error));
  g_assert_no_error (error);
  reopen (f);
  back = rounds_store_get_post_authorization (f->store, id, &error);
  g_assert_nonnull (back);
  g_assert_cmpstr (back->signed_by, ==, "J. Doe");
  g_assert_cmpstr (back->signed_on, ==, "2026-02-27");
  g_assert_cmpstr (back->scope, ==, "Photos on all networks, 1 year");

  none = rounds_post_media_findings (media, back);
  g_assert_cmpuint (none->len, ==, 0);

  entries = audit_of (f, id);
  g_assert_nonnull (find_action (entries, "authorization"));
}

static void
test_acknowledge (Fixture       *f,
                  gconstpointer  data)
{
  const char *text = "Ask about our guaranteed results.";
  gint64 id = add_post (f, text);
  g_autofree char *span = rounds_text_dup_span_hash (text, 14, 24);
  g_autoptr(GPtrArray) acks = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(RoundsFinding) moved = NULL;
  g_autoptr(RoundsFinding) other = NULL;
  g_autoptr(GError) error = NULL;
  RoundsAuditEntry *entry;
  g_autofree char *hash = NULL;

  /* A reason is required. */
  g_assert_false (rounds_store_acknowledge_finding (f->store, id, "risk.guarantee", span, "  ", &error));
  g_assert_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (rounds_store_acknowledge_finding (f->store, id, "risk.guarantee", span,
                                                   "Our lawyer approved this wording", &error));
  g_assert_no_error (error);

  reopen (f);
  acks = rounds_store_list_finding_acks (f->store, id, &error);
  g_assert_cmpuint (acks->len, ==, 1);
  g_assert_cmpstr (((RoundsFindingAck *)acks->pdata[0])->actor, ==, "Dana Reviewer");

  /* The same words somewhere else in the text are still acknowledged;
   * other words are not. */
  moved = rounds_finding_new (19, 29, "risk.guarantee", ROUNDS_FINDING_CATEGORY_GUARANTEE,
                              ROUNDS_FINDING_SEVERITY_WARN, "m", "s");
  other = rounds_finding_new (0, 3, "risk.guarantee", ROUNDS_FINDING_CATEGORY_GUARANTEE,
                              ROUNDS_FINDING_SEVERITY_WARN, "m", "s");
  g_assert_nonnull (rounds_finding_acks_lookup (acks, moved, "New intro. Ask our guaranteed x"));
  g_assert_null (rounds_finding_acks_lookup (acks, other, "New intro. Ask our guaranteed x"));

  entries = audit_of (f, id);
  entry = find_action (entries, "acknowledged");
  g_assert_nonnull (entry);
  g_assert_nonnull (strstr (rounds_audit_entry_get_reason (entry), "Our lawyer approved this wording"));
  g_assert_cmpstr (rounds_audit_entry_get_actor (entry), ==, "Dana Reviewer");
  hash = rounds_post_dup_text_hash (rounds_store_lookup_post (f->store, id));
  g_assert_cmpstr (rounds_audit_entry_get_text_hash (entry), ==, hash);
}

static void
test_autosave (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(RoundsPost) draft = rounds_post_new ();
  g_autoptr(RoundsPost) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *slot = rounds_autosave_slot_for_post (0);
  gint64 saved_at = 0;

  rounds_post_set_title (draft, "Half written");
  rounds_post_set_body (draft, "Line one\nLine two with \xf0\x9f\x98\x80 and \"quotes\"");
  rounds_post_set_networks (draft, ROUNDS_NETWORK_BLUESKY | ROUNDS_NETWORK_MASTODON);
  rounds_post_set_scheduled_at (draft, T0 + 3600);

  g_assert_null (rounds_store_read_autosave (f->store, slot, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (rounds_store_autosave_post (f->store, slot, draft, &error));
  g_assert_no_error (error);
  reopen (f);

  back = rounds_store_read_autosave (f->store, slot, &saved_at, &error);
  g_assert_no_error (error);
  g_assert_nonnull (back);
  g_assert_cmpstr (rounds_post_get_title (back), ==, "Half written");
  g_assert_cmpstr (rounds_post_get_body (back), ==, rounds_post_get_body (draft));
  g_assert_cmpint (rounds_post_get_networks (back), ==, ROUNDS_NETWORK_BLUESKY | ROUNDS_NETWORK_MASTODON);
  g_assert_cmpint (rounds_post_get_scheduled_at (back), ==, T0 + 3600);
  g_assert_cmpint (saved_at, ==, T0);

  g_assert_true (rounds_store_clear_autosave (f->store, slot, &error));
  g_clear_object (&back);
  g_assert_null (rounds_store_read_autosave (f->store, slot, NULL, &error));
}

static void
test_approve_override (Fixture       *f,
                       gconstpointer  data)
{
  gint64 id = add_post (f, "Call 555-867-5309 to book.");
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func ((GDestroyNotify)rounds_finding_unref);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;
  RoundsAuditEntry *override, *status;

  g_ptr_array_add (findings, rounds_finding_new (5, 17, "phi.phone", ROUNDS_FINDING_CATEGORY_PHONE,
                                                 ROUNDS_FINDING_SEVERITY_BLOCK, "m", "s"));

  /* A draft cannot be approved. */
  g_assert_false (rounds_store_approve_post (f->store, id, NULL, NULL, &error));
  g_assert_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (rounds_store_set_post_status (f->store, id, ROUNDS_POST_STATUS_IN_REVIEW, NULL, &error));

  /* Refused with a blocking finding and no reason (blank counts as none). */
  g_assert_false (rounds_store_approve_post (f->store, id, findings, "   ", &error));
  g_assert_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "1 problem must be fixed before approval"));
  g_clear_error (&error);
  g_assert_cmpint (rounds_post_get_status (rounds_store_lookup_post (f->store, id)), ==,
                   ROUNDS_POST_STATUS_IN_REVIEW);

  /* Succeeds with a reason; both entries carry the exact text's hash. */
  g_assert_true (rounds_store_approve_post (f->store, id, findings,
                                            "It is the pharmacy's public number", &error));
  g_assert_no_error (error);
  g_assert_cmpint (rounds_post_get_status (rounds_store_lookup_post (f->store, id)), ==,
                   ROUNDS_POST_STATUS_APPROVED);

  reopen (f);
  hash = rounds_post_dup_text_hash (rounds_store_lookup_post (f->store, id));
  entries = audit_of (f, id);
  override = find_action (entries, "override");
  g_assert_nonnull (override);
  g_assert_cmpstr (rounds_audit_entry_get_reason (override), ==, "It is the pharmacy's public number");
  g_assert_cmpstr (rounds_audit_entry_get_text_hash (override), ==, hash);
  g_assert_cmpstr (rounds_audit_entry_get_actor (override), ==, "Dana Reviewer");
  status = NULL;
  for (guint i = 0; i < entries->len; i++)
    if (g_strcmp0 (rounds_audit_entry_get_to_state (entries->pdata[i]), "approved") == 0 &&
        g_strcmp0 (rounds_audit_entry_get_action (entries->pdata[i]), "status") == 0)
      status = entries->pdata[i];
  g_assert_nonnull (status);
  g_assert_cmpstr (rounds_audit_entry_get_text_hash (status), ==, hash);
}

static void
test_approve_clean (Fixture       *f,
                    gconstpointer  data)
{
  gint64 id = add_post (f, "Flu shots are in.");
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (rounds_store_set_post_status (f->store, id, ROUNDS_POST_STATUS_IN_REVIEW, NULL, &error));
  g_assert_true (rounds_store_approve_post (f->store, id, NULL, NULL, &error));
  g_assert_no_error (error);
  entries = audit_of (f, id);
  g_assert_null (find_action (entries, "override"));
}

static void
test_schedule_over_limit (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *long_text = g_strnfill (292, 'a');
  gint64 id = add_post (f, long_text);
  g_autoptr(GError) error = NULL;
  g_autoptr(RoundsPost) edited = NULL;

  g_assert_true (rounds_store_set_post_status (f->store, id, ROUNDS_POST_STATUS_IN_REVIEW, NULL, &error));
  g_assert_true (rounds_store_approve_post (f->store, id, NULL, NULL, &error));

  /* Fits Facebook, not X: scheduling is refused and says by how much. */
  g_assert_false (rounds_store_schedule_post (f->store, id, &error));
  g_assert_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "12 characters too long for X");
  g_clear_error (&error);
  g_assert_cmpint (rounds_post_get_status (rounds_store_lookup_post (f->store, id)), ==,
                   ROUNDS_POST_STATUS_APPROVED);

  /* Without X it goes. */
  edited = rounds_post_copy (rounds_store_lookup_post (f->store, id));
  rounds_post_set_networks (edited, ROUNDS_NETWORK_FACEBOOK);
  g_assert_nonnull (rounds_store_save_post (f->store, edited, &error));
  g_assert_true (rounds_store_schedule_post (f->store, id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rounds_post_get_status (rounds_store_lookup_post (f->store, id)), ==,
                   ROUNDS_POST_STATUS_SCHEDULED);

  /* Instagram has no text-only posts: refused in plain words until the
   * post has an image. */
  {
    gint64 id3 = add_post (f, "Flu shots are in.");
    g_autoptr(RoundsPost) insta = rounds_post_copy (rounds_store_lookup_post (f->store, id3));
    g_autoptr(GPtrArray) media = g_ptr_array_new_with_free_func ((GDestroyNotify)rounds_post_media_free);

    rounds_post_set_networks (insta, ROUNDS_NETWORK_INSTAGRAM | ROUNDS_NETWORK_FACEBOOK);
    g_assert_nonnull (rounds_store_save_post (f->store, insta, &error));
    g_assert_true (rounds_store_set_post_status (f->store, id3, ROUNDS_POST_STATUS_IN_REVIEW, NULL, NULL));
    g_assert_true (rounds_store_approve_post (f->store, id3, NULL, NULL, NULL));
    g_assert_false (rounds_store_schedule_post (f->store, id3, &error));
    g_assert_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID);
    g_assert_cmpstr (error->message, ==, "Instagram needs an image");
    g_clear_error (&error);
    g_ptr_array_add (media, rounds_post_media_new ("/tmp/flu.png", "A nurse with a syringe", FALSE));
    g_assert_true (rounds_store_set_post_media (f->store, id3, media, &error));
    g_assert_true (rounds_store_schedule_post (f->store, id3, &error));
    g_assert_no_error (error);
  }

  /* A time in the past is refused. */
  {
    gint64 id2 = add_post (f, "Short");

    g_assert_true (rounds_store_set_post_status (f->store, id2, ROUNDS_POST_STATUS_IN_REVIEW, NULL, NULL));
    g_assert_true (rounds_store_approve_post (f->store, id2, NULL, NULL, NULL));
    rounds_clock_set_now (f->clock, T0 + 2 * 86400);
    g_assert_false (rounds_store_schedule_post (f->store, id2, &error));
    g_assert_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/editor-store/media", test_media);
  ADD ("/editor-store/import-media", test_import_media);
  ADD ("/editor-store/import-media-async", test_import_media_async);
  ADD ("/editor-store/patient-image-authorization", test_patient_image_needs_authorization);
  ADD ("/editor-store/acknowledge", test_acknowledge);
  ADD ("/editor-store/autosave", test_autosave);
  ADD ("/editor-store/approve-override", test_approve_override);
  ADD ("/editor-store/approve-clean", test_approve_clean);
  ADD ("/editor-store/schedule-over-limit", test_schedule_over_limit);
#undef ADD

  return g_test_run ();
}
