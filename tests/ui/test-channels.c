/* test-channels.c — the website and the newsletter as a user meets them:
 * Preferences → Website writing the feed into a folder (and saying what
 * went wrong), and the newsletter draft that will not leave while it
 * holds a patient's details.
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "rounds-newsletter-dialog.h"
#include "rounds-preferences-window.h"
#include "ui-test-util.h"

/* Monday 2026-03-02 15:00 UTC. */
#define NOW ((gint64)1772463600)
#define DAY ((gint64)86400)

typedef struct
{
  UiFixture      ui;
  RoundsClock   *clock;
  RoundsStore   *store;
  RoundsContext *context;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(RoundsPractice) practice = rounds_practice_new ();
  const char *phones[] = { "(608) 555-0100", NULL };

  ui_fixture_set_up (&f->ui, data);
  f->clock = rounds_clock_new_fake (NOW);
  path = g_build_filename (f->ui.data_dir, "rounds.db", NULL);
  f->store = rounds_store_open (path, f->clock, ROUNDS_STORE_OPEN_NO_BACKUPS, &error);
  g_assert_no_error (error);
  rounds_practice_set_name (practice, "Lakeside Family Practice");
  rounds_practice_set_timezone (practice, "America/Chicago");
  rounds_practice_set_phones (practice, phones);
  g_assert_true (rounds_store_save_practice (f->store, practice, &error));
  g_assert_no_error (error);
  f->context = rounds_context_new (f->store, FALSE);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  ui_fixture_tear_down (&f->ui, data);
  g_clear_object (&f->context);
  g_clear_object (&f->store);
  g_clear_object (&f->clock);
}

static gint64
add_published (Fixture    *f,
               const char *title,
               const char *body,
               gint64      at)
{
  g_autoptr(RoundsPost) post = rounds_post_new ();
  g_autoptr(GError) error = NULL;
  RoundsPost *saved;

  rounds_post_set_title (post, title);
  rounds_post_set_body (post, body);
  rounds_post_set_networks (post, ROUNDS_NETWORK_FACEBOOK);
  rounds_post_set_scheduled_at (post, at);
  saved = rounds_store_import_post (f->store, post, ROUNDS_POST_STATUS_PUBLISHED, "test", &error);
  g_assert_no_error (error);
  return rounds_post_get_id (saved);
}

static gboolean
match_status_row (GtkWidget *widget,
                  gpointer   data)
{
  return ADW_IS_ACTION_ROW (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), "Last Write") == 0;
}

static gboolean
match_error_icon (GtkWidget *widget,
                  gpointer   data)
{
  return GTK_IS_IMAGE (widget) &&
         g_strcmp0 (gtk_image_get_icon_name (GTK_IMAGE (widget)), "dialog-error-symbolic") == 0;
}

static const char *
status_of (GtkWidget *prefs)
{
  GtkWidget *row = find_widget (prefs, match_status_row, NULL);

  g_assert_nonnull (row);
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

/* Preferences → Website: off by default; a folder and Write Now put
 * posts.atom there; a folder that is not there says so in red. */
static void
test_preferences (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);
  g_autofree char *site = g_build_filename (f->ui.data_dir, "website", NULL);
  g_autofree char *feed = g_build_filename (site, "posts.atom", NULL);
  g_autofree char *missing = g_build_filename (f->ui.data_dir, "not-there", NULL);
  g_autofree char *contents = NULL;
  RoundsPreferencesWindow *prefs;
  GtkWidget *location;

  g_assert_cmpint (g_mkdir (site, 0700), ==, 0);
  add_published (f, "Flu shots are in", "Walk in any weekday morning.", NOW - DAY);

  prefs = rounds_preferences_window_new (settings, f->context);
  gtk_window_present (GTK_WINDOW (prefs));
  pump ();
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), "website");
  pump ();

  location = find_row (GTK_WIDGET (prefs), "Folder or Address");
  g_assert_nonnull (location);
  g_assert_false (gtk_widget_is_sensitive (location));
  g_assert_cmpstr (status_of (GTK_WIDGET (prefs)), ==, "Not written yet.");

  g_settings_set_boolean (settings, "feed-enabled", TRUE);
  pump ();
  g_assert_true (gtk_widget_is_sensitive (location));
  gtk_editable_set_text (GTK_EDITABLE (location), site);
  {
    g_autofree char *saved = g_settings_get_string (settings, "feed-location");
    g_assert_cmpstr (saved, ==, site);
  }

  click (find_button (GTK_WIDGET (prefs), "Write Now"));
  wait_until (g_str_has_prefix (status_of (GTK_WIDGET (prefs)), "Written to "));
  g_assert_true (g_file_get_contents (feed, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "<title type=\"text\">Flu shots are in</title>"));
  g_assert_nonnull (strstr (contents, "Lakeside Family Practice"));
  ui_screenshot (GTK_WIDGET (prefs), "feed-preferences");

  /* A folder that is not there. */
  gtk_editable_set_text (GTK_EDITABLE (location), missing);
  click (find_button (GTK_WIDGET (prefs), "Write Now"));
  wait_until (strstr (status_of (GTK_WIDGET (prefs)), "does not exist") != NULL);
  g_assert_nonnull (strstr (status_of (GTK_WIDGET (prefs)), missing));
  g_assert_true (gtk_widget_get_visible (find_widget (find_widget (GTK_WIDGET (prefs),
                                                                   match_status_row, NULL),
                                                      match_error_icon, NULL)));
  ui_screenshot (GTK_WIDGET (prefs), "feed-preferences-error");
  gtk_window_destroy (GTK_WINDOW (prefs));
}

/* The sample practice writes no feed: the page says so and is greyed. */
static void
test_preferences_sample (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);
  g_autoptr(RoundsContext) sample = rounds_context_new (f->store, TRUE);
  RoundsPreferencesWindow *prefs = rounds_preferences_window_new (settings, sample);

  gtk_window_present (GTK_WINDOW (prefs));
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), "website");
  pump ();
  g_assert_false (gtk_widget_is_sensitive (find_row (GTK_WIDGET (prefs), "Write a Feed")));
  gtk_window_destroy (GTK_WINDOW (prefs));
}

static gboolean
match_check_label (GtkWidget *widget,
                   gpointer   data)
{
  GtkWidget *row;

  if (!GTK_IS_CHECK_BUTTON (widget) || !gtk_widget_get_mapped (widget))
    return FALSE;
  row = gtk_widget_get_ancestor (widget, ADW_TYPE_ACTION_ROW);
  return row != NULL &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), data) == 0;
}

/* The newsletter: last month's posts; one that names a patient is left
 * out from the start, and put back it stops the draft from leaving. */
static void
test_newsletter (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->ui.data_dir, "newsletter.eml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *eml = NULL;
  RoundsNewsletterDialog *dialog;
  RoundsNewsletter *draft;
  GtkWidget *risky_check;
  gint64 risky;

  add_published (f, "Heart month", "Heart-healthy recipes all month on our page.",
                 NOW - 20 * DAY);
  risky = add_published (f, "Congratulations",
                         "So proud of Margaret Olsen, 84, who finished her cardiac rehab with "
                         "us! Call her at 608-555-0187 to cheer her on.", NOW - 10 * DAY);
  add_published (f, "This month already", "Not last month's.", NOW - 3600);

  dialog = rounds_newsletter_dialog_new (NULL, f->context);
  gtk_window_present (GTK_WINDOW (dialog));
  pump ();

  /* February, the month before the clock's March. */
  draft = rounds_newsletter_dialog_get_draft (dialog);
  g_assert_cmpstr (draft->subject, ==, "Lakeside Family Practice: news for February 2026");
  g_assert_nonnull (strstr (draft->text, "Heart-healthy recipes"));
  g_assert_null (strstr (draft->text, "Not last month's."));
  /* The risky post starts left out, its check unticked. */
  g_assert_null (strstr (draft->text, "Margaret"));
  risky_check = find_widget (GTK_WIDGET (dialog), match_check_label, (gpointer)"Congratulations");
  g_assert_nonnull (risky_check);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (risky_check)));
  g_assert_true (rounds_newsletter_dialog_can_export (dialog));
  g_assert_true (gtk_widget_is_sensitive (find_button (GTK_WIDGET (dialog), "Open in Mail Program")));
  ui_screenshot (GTK_WIDGET (dialog), "newsletter");

  /* Put back: the finding is listed, nothing can leave. */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (risky_check), TRUE);
  pump ();
  draft = rounds_newsletter_dialog_get_draft (dialog);
  g_assert_nonnull (strstr (draft->text, "Margaret"));
  g_assert_false (rounds_newsletter_dialog_can_export (dialog));
  g_assert_false (gtk_widget_is_sensitive (find_button (GTK_WIDGET (dialog), "Open in Mail Program")));
  g_assert_false (gtk_widget_is_sensitive (find_button (GTK_WIDGET (dialog), "Save as E-mail File…")));
  g_assert_false (rounds_newsletter_dialog_save (dialog, file, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  ui_screenshot (GTK_WIDGET (dialog), "newsletter-blocked");

  /* Left out again: saved as an e-mail file. */
  rounds_newsletter_dialog_set_included (dialog, risky, FALSE);
  pump ();
  risky_check = find_widget (GTK_WIDGET (dialog), match_check_label, (gpointer)"Congratulations");
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (risky_check)));
  g_assert_true (rounds_newsletter_dialog_save (dialog, file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &eml, NULL, NULL));
  g_assert_nonnull (strstr (eml, "Content-Type: multipart/alternative"));
  g_assert_null (strstr (eml, "Margaret"));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* The window's menu opens it. */
static void
test_newsletter_action (Fixture       *f,
                        gconstpointer  data)
{
  RoundsWindow *window = ui_fixture_new_window (&f->ui);
  GtkWindow *dialog;

  rounds_window_set_context (window, f->context);
  pump ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.newsletter", NULL));
  wait_until ((dialog = find_toplevel (ROUNDS_TYPE_NEWSLETTER_DIALOG, NULL)) != NULL);
  gtk_window_destroy (dialog);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/ui/channels/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("preferences", test_preferences);
  ADD ("preferences-sample", test_preferences_sample);
  ADD ("newsletter", test_newsletter);
  ADD ("newsletter-action", test_newsletter_action);
#undef ADD

  return g_test_run ();
}
