/* test-window.c — the main window, the welcome page, the sample practice,
 * set-up, places, and what happens with damaged or newer data.
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>

#include "rounds-application-private.h"
#include "rounds-inbox-page.h"
#include "rounds-insights-preferences.h"
#include "rounds-person-button.h"
#include "rounds-person-row.h"
#include "rounds-store-insights.h"
#include "rounds-store-people.h"
#include "rounds-list-editor.h"
#include "rounds-posts-page.h"
#include "rounds-preferences-window.h"
#include "rounds-time.h"
#include "rounds-toast.h"
#include "rounds-zone-catalog.h"
#include "rounds-zone-picker.h"
#include "ui-test-util.h"
#include "../core/fault-vfs.h"

static char *
read_file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &contents, &len, NULL))
    return NULL;

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)contents, len);
}

static void
test_first_start_shows_welcome (UiFixture     *fixture,
                                gconstpointer  data)
{
  RoundsWindow *window = ui_fixture_new_window (fixture);
  g_autofree char *db = g_build_filename (fixture->data_dir, "rounds.db", NULL);

  g_assert_cmpstr (rounds_window_get_screen (window), ==, "welcome");
  g_assert_null (rounds_window_get_context (window));
  g_assert_nonnull (find_button (GTK_WIDGET (window), "Set Up My Practice"));
  g_assert_nonnull (find_button (GTK_WIDGET (window), "Explore a Sample Practice"));
  /* Merely starting creates no practice. */
  g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));
}

static void
test_sample_practice (UiFixture     *fixture,
                      gconstpointer  data)
{
  RoundsWindow *window = ui_fixture_new_window (fixture);
  g_autofree char *db = g_build_filename (fixture->data_dir, "rounds.db", NULL);
  g_autofree char *sample_db = g_build_filename (fixture->data_dir, "sample.db", NULL);
  g_autoptr(RoundsStore) store = NULL;
  RoundsPostsPage *posts;
  RoundsContext *context;
  guint n_posts;

  click (find_button (GTK_WIDGET (window), "Explore a Sample Practice"));

  g_assert_cmpstr (rounds_window_get_screen (window), ==, "practice");
  context = rounds_window_get_context (window);
  g_assert_nonnull (context);
  g_assert_true (rounds_context_is_sample (context));
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), "Sample practice"));
  g_assert_nonnull (find_button (GTK_WIDGET (window), "Leave Sample"));

  /* Posts shows the sample's posts. */
  rounds_window_show_place (window, "posts");
  pump ();
  posts = ROUNDS_POSTS_PAGE (rounds_window_get_posts_page (window));
  n_posts = g_list_model_get_n_items (rounds_posts_page_get_model (posts));
  g_assert_cmpuint (n_posts, >=, 35);
  g_assert_cmpuint (n_posts, ==,
                    g_list_model_get_n_items (rounds_store_get_posts (
                                                rounds_context_get_store (context))));

  /* It lives in its own file; no real practice was made. */
  g_assert_true (g_file_test (sample_db, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));

  /* Every place saw the sample; one click later none may still listen
   * to its store (the real practice's store outlives such a switch). */
  rounds_window_show_place (window, "plan");
  rounds_window_show_place (window, "calendar");
  pump ();
  store = g_object_ref (rounds_context_get_store (context));

  /* The way back. */
  click (find_button (GTK_WIDGET (window), "Leave Sample"));
  g_assert_cmpstr (rounds_window_get_screen (window), ==, "welcome");
  g_assert_null (rounds_window_get_context (window));
  g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));
  g_assert_false (g_signal_has_handler_pending (store, g_signal_lookup ("practice-changed",
                                                                        ROUNDS_TYPE_STORE),
                                                0, FALSE));
}

static void
test_sample_reopens_after_restart (UiFixture     *fixture,
                                   gconstpointer  data)
{
  RoundsWindow *window = ui_fixture_new_window (fixture);
  g_autoptr(RoundsPost) post = rounds_post_new ();
  g_autoptr(GError) error = NULL;
  RoundsStore *store;
  RoundsPost *saved;
  gint64 id;

  click (find_button (GTK_WIDGET (window), "Explore a Sample Practice"));

  /* Something typed in the sample... */
  store = rounds_context_get_store (rounds_window_get_context (window));
  rounds_post_set_title (post, "Typed in the sample");
  rounds_post_set_body (post, "Kept after a restart");
  rounds_post_set_networks (post, ROUNDS_NETWORK_FACEBOOK);
  saved = rounds_store_save_post (store, post, &error);
  g_assert_no_error (error);
  id = rounds_post_get_id (saved);
  gtk_window_destroy (GTK_WINDOW (window));
  pump ();

  /* ... is still there after a restart (or a crash). */
  window = ui_fixture_new_window (fixture);
  g_assert_cmpstr (rounds_window_get_screen (window), ==, "practice");
  g_assert_true (rounds_context_is_sample (rounds_window_get_context (window)));
  store = rounds_context_get_store (rounds_window_get_context (window));
  g_assert_nonnull (rounds_store_lookup_post (store, id));
  g_assert_cmpstr (rounds_post_get_title (rounds_store_lookup_post (store, id)), ==,
                   "Typed in the sample");

  /* Reset Sample Practice in the menu starts it afresh. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.reset-sample", NULL));
  pump ();
  g_assert_cmpstr (rounds_window_get_screen (window), ==, "practice");
  g_assert_true (rounds_context_is_sample (rounds_window_get_context (window)));
  store = rounds_context_get_store (rounds_window_get_context (window));
  for (guint i = 0; i < g_list_model_get_n_items (rounds_store_get_posts (store)); i++)
    {
      g_autoptr(RoundsPost) p = g_list_model_get_item (rounds_store_get_posts (store), i);

      g_assert_cmpstr (rounds_post_get_title (p), !=, "Typed in the sample");
    }
  g_assert_cmpuint (g_list_model_get_n_items (rounds_store_get_posts (store)), >=, 35);
}

/* Icon-only buttons under @root that a screen reader could only call
 * "button": no accessible label and no labelled-by relation. */
static void
collect_unnamed_icon_buttons (GtkWidget *root,
                              GString   *out)
{
  gboolean icon_only = FALSE;

  if (GTK_IS_MENU_BUTTON (root))
    icon_only = gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (root)) != NULL;
  else if (GTK_IS_BUTTON (root) && !GTK_IS_MENU_BUTTON (gtk_widget_get_parent (root)))
    icon_only = GTK_IS_IMAGE (gtk_button_get_child (GTK_BUTTON (root)));

  if (icon_only &&
      !gtk_test_accessible_has_property (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_PROPERTY_LABEL) &&
      !gtk_test_accessible_has_relation (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    {
      const char *tooltip = gtk_widget_get_tooltip_text (root);

      g_string_append_printf (out, " %s(%s)", G_OBJECT_TYPE_NAME (root),
                              tooltip != NULL ? tooltip : "no tooltip");
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_unnamed_icon_buttons (child, out);
}

static void
test_places_reachable (UiFixture     *fixture,
                       gconstpointer  data)
{
  RoundsWindow *window = ui_fixture_new_window (fixture);
  static const char *places[] = { "plan", "calendar", "posts", "inbox", "insights" };
  GtkWidget *probe = g_object_ref_sink (gtk_button_new_from_icon_name ("list-add-symbolic"));
  gboolean can_read_labels;

  /* With GTK_A11Y=none there is no accessible context to read names from. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (probe), GTK_ACCESSIBLE_PROPERTY_LABEL, "Add", -1);
  can_read_labels = gtk_test_accessible_has_property (GTK_ACCESSIBLE (probe),
                                                      GTK_ACCESSIBLE_PROPERTY_LABEL);
  g_object_unref (probe);
  if (!can_read_labels)
    g_test_message ("No accessible context (GTK_A11Y=none?): button names not checked");

  click (find_button (GTK_WIDGET (window), "Explore a Sample Practice"));

  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    {
      g_autofree char *detailed = g_strdup_printf ("win.show-place::%s", places[i]);
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (fixture->app),
                                                                     detailed);
      g_autofree char *expected = g_strdup_printf ("<Alt>%u", i + 1);

      /* By keyboard: Alt+1 … Alt+5 are bound to the place. */
      g_assert_nonnull (accels);
      g_assert_cmpstr (accels[0], ==, expected);

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-place", "s",
                                                 places[i]));
      pump ();
      g_assert_cmpstr (rounds_window_get_place (window), ==, places[i]);

      /* Every icon-only button there has a name a screen reader can say. */
      if (can_read_labels)
        {
          g_autoptr(GString) unnamed = g_string_new (NULL);

          collect_unnamed_icon_buttons (GTK_WIDGET (window), unnamed);
          g_assert_cmpstr (unnamed->str, ==, "");
        }
    }

  /* The Inbox lists the sample's comments and reviews. */
  rounds_window_show_place (window, "inbox");
  pump ();
  g_assert_cmpstr (rounds_window_get_place (window), ==, "inbox");
  g_assert_cmpuint (g_list_model_get_n_items (rounds_inbox_page_get_shown (
                      ROUNDS_INBOX_PAGE (rounds_window_get_inbox_page (window)))), >, 0);
}

static gboolean
match_error_label (GtkWidget *widget,
                   gpointer   data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         gtk_widget_has_css_class (widget, "error") &&
         gtk_label_get_text (GTK_LABEL (widget))[0] != '\0';
}

static GtkWidget *
entry_row (GtkWidget  *root,
           const char *title)
{
  GtkWidget *row = find_row (root, title);

  g_assert_nonnull (row);
  g_assert_true (ADW_IS_ENTRY_ROW (row));
  return row;
}

static gboolean
match_label_text (GtkWidget *widget,
                  gpointer   data)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), data) == 0;
}

/* The message shown right under @field: the next row in its list, or the
 * next widget in its column. */
static const char *
message_under (GtkWidget *field)
{
  GtkWidget *row = gtk_widget_get_ancestor (field, GTK_TYPE_LIST_BOX_ROW);
  GtkWidget *next = gtk_widget_get_next_sibling (row != NULL ? row : field);
  GtkWidget *label;

  if (next == NULL || !gtk_widget_get_mapped (next))
    return NULL;
  label = GTK_IS_LABEL (next) ? next : find_of_type (next, GTK_TYPE_LABEL);
  return label != NULL && gtk_widget_has_css_class (label, "error")
         ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
}

/* Every faulty field of the set-up form is marked at once, each with its
 * message right under it, and the focus goes to the first (issue 16: it
 * showed one error at a time, at the bottom of a long form). */
static void
test_set_up_every_error (UiFixture     *fixture,
                         gconstpointer  data)
{
  RoundsWindow *window = ui_fixture_new_window (fixture);
  GtkWidget *name, *website, *phones, *focus;
  GtkWidget *summary;

  click (find_button (GTK_WIDGET (window), "Set Up My Practice"));
  name = entry_row (GTK_WIDGET (window), "Practice name");
  website = entry_row (GTK_WIDGET (window), "Website");
  phones = gtk_widget_get_ancestor (entry_row (GTK_WIDGET (window), "Phone number"),
                                    ROUNDS_TYPE_LIST_EDITOR);
  g_assert_nonnull (phones);
  gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (window), "Phone number")), "12");
  gtk_editable_set_text (GTK_EDITABLE (website), "not a website");
  gtk_widget_grab_focus (find_button (GTK_WIDGET (window), "Save and Continue"));
  click (find_button (GTK_WIDGET (window), "Save and Continue"));
  g_assert_cmpstr (rounds_window_get_screen (window), ==, "setup");

  g_assert_true (gtk_widget_has_css_class (name, "error"));
  g_assert_true (gtk_widget_has_css_class (website, "error"));
  g_assert_cmpstr (message_under (name), ==, "Enter the practice’s name.");
  g_assert_cmpstr (message_under (website), ==,
                   "A website looks like www.example.com or https://example.com.");
  g_assert_cmpstr (message_under (phones), ==, "A phone number needs between 7 and 15 digits.");
  summary = find_widget (GTK_WIDGET (window), match_label_text,
                         (gpointer) "3 fields need fixing: see the message under each.");
  g_assert_nonnull (summary);
  g_assert_true (gtk_widget_get_mapped (summary));

  /* The first faulty field has the focus, so the form scrolls to it. */
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  g_assert_true (focus == name || gtk_widget_is_ancestor (focus, name));

  /* Fixed, a field loses its mark; the others keep theirs. */
  gtk_editable_set_text (GTK_EDITABLE (name), "Lakeside Pediatrics");
  click (find_button (GTK_WIDGET (window), "Save and Continue"));
  g_assert_false (gtk_widget_has_css_class (name, "error"));
  g_assert_null (message_under (name));
  g_assert_cmpstr (message_under (phones), ==, "A phone number needs between 7 and 15 digits.");
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (focus == website || gtk_widget_is_ancestor (focus, website));
  ui_screenshot (GTK_WIDGET (window), "setup-every-error");
}

static void
test_set_up_practice (UiFixture     *fixture,
                      gconstpointer  data)
{
  RoundsWindow *window = ui_fixture_new_window (fixture);
  g_autofree char *db = g_build_filename (fixture->data_dir, "rounds.db", NULL);
  g_autoptr(GSettings) settings = g_settings_new ("io.github.roundsapp.Rounds");
  RoundsPractice *practice;
  GtkWidget *error_label;

  /* The sample was last left on Insights: a new practice starts on Plan
   * all the same. */
  g_settings_set_string (settings, "last-place", "insights");
  rounds_window_show_place (window, "insights");

  click (find_button (GTK_WIDGET (window), "Set Up My Practice"));
  g_assert_cmpstr (rounds_window_get_screen (window), ==, "setup");

  /* Saving without a name is refused, with a message. */
  click (find_button (GTK_WIDGET (window), "Save and Continue"));
  g_assert_cmpstr (rounds_window_get_screen (window), ==, "setup");
  error_label = find_widget (GTK_WIDGET (window), match_error_label, NULL);
  g_assert_nonnull (error_label);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "name"));
  g_assert_true (gtk_widget_has_css_class (entry_row (GTK_WIDGET (window), "Practice name"),
                                           "error"));

  gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (window), "Practice name")),
                         "Lakeside Pediatrics");
  gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (window), "Phone number")),
                         "(555) 010-4477");
  gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (window), "Address")),
                         "12 Shore Road, Lakeside, MN 55000");
  gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (window), "Website")),
                         "lakesidepeds.example");
  click (find_button (GTK_WIDGET (window), "Save and Continue"));

  g_assert_cmpstr (rounds_window_get_screen (window), ==, "practice");
  g_assert_cmpstr (rounds_window_get_place (window), ==, "plan");
  g_assert_false (rounds_context_is_sample (rounds_window_get_context (window)));

  practice = rounds_store_get_practice (rounds_context_get_store (
                                          rounds_window_get_context (window)));
  g_assert_cmpstr (rounds_practice_get_name (practice), ==, "Lakeside Pediatrics");
  g_assert_cmpstr (rounds_practice_get_phones (practice)[0], ==, "(555) 010-4477");
  g_assert_cmpstr (rounds_practice_get_website (practice), ==, "lakesidepeds.example");
  g_assert_true (rounds_time_zone_is_valid (rounds_practice_get_timezone (practice)));

  /* Stored: a new window opens the practice straight away. */
  g_assert_true (g_file_test (db, G_FILE_TEST_EXISTS));
  gtk_window_destroy (GTK_WINDOW (window));
  pump ();
  window = ui_fixture_new_window (fixture);
  g_assert_cmpstr (rounds_window_get_screen (window), ==, "practice");
  practice = rounds_store_get_practice (rounds_context_get_store (
                                          rounds_window_get_context (window)));
  g_assert_cmpstr (rounds_practice_get_name (practice), ==, "Lakeside Pediatrics");
}

static gboolean
match_label_prefix (GtkWidget *widget,
                    gpointer   data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), data);
}

/* The zones the picker's list shows now, as their ids. */
static gboolean
picker_shows (RoundsZonePicker *picker,
              const char       *id)
{
  return rounds_zone_catalog_find (rounds_zone_picker_get_matches (picker), id) != G_MAXUINT;
}

/* The time-zone picker: the system's zone is chosen at first, a search
 * finds a city or a country anywhere in its name, each row shows its UTC
 * offset and time now, Enter chooses the first match, and the choice is
 * what the practice keeps. */
static void
test_set_up_time_zone (UiFixture     *fixture,
                       gconstpointer  data)
{
  RoundsWindow *window;
  RoundsZonePicker *picker;
  GtkWidget *button;
  GtkWidget *popover;
  GtkWidget *search;
  GtkWidget *label;
  GListModel *matches;
  RoundsPractice *practice;
  g_autoptr(GRegex) time_now = g_regex_new ("^UTC\u22120[45]:00 · now \\d\\d:\\d\\d · Eastern",
                                                  0, 0, NULL);

  /* The system's zone, as rounds_time_system_zone_id() reads it first. */
  g_setenv ("TZ", "America/Argentina/Buenos_Aires", TRUE);
  window = ui_fixture_new_window (fixture);
  click (find_button (GTK_WIDGET (window), "Set Up My Practice"));
  picker = ROUNDS_ZONE_PICKER (find_of_type (GTK_WIDGET (window), ROUNDS_TYPE_ZONE_PICKER));
  g_unsetenv ("TZ");
  g_assert_nonnull (picker);
  g_assert_cmpstr (rounds_zone_picker_get_zone_id (picker), ==, "America/Argentina/Buenos_Aires");
  g_assert_nonnull (find_widget (GTK_WIDGET (picker), match_label_prefix,
                                 (gpointer) "Buenos Aires, Argentina (UTC\u221203:00)"));

  /* Open the list and look for New York by a piece of its name. */
  button = find_of_type (GTK_WIDGET (picker), GTK_TYPE_MENU_BUTTON);
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
  wait_until (gtk_widget_get_mapped (popover));
  search = find_of_type (popover, GTK_TYPE_SEARCH_ENTRY);
  /* Typing goes to the search straight away. */
  wait_until (gtk_root_get_focus (gtk_widget_get_root (search)) != NULL &&
              gtk_widget_is_ancestor (gtk_root_get_focus (gtk_widget_get_root (search)), search));
  matches = rounds_zone_picker_get_matches (picker);

  gtk_editable_set_text (GTK_EDITABLE (search), "york");
  wait_until (g_list_model_get_n_items (matches) == 1);
  g_assert_true (picker_shows (picker, "America/New_York"));
  /* Its row says the city and country, the offset and the time there. */
  wait_until (find_widget (popover, match_label_text, (gpointer) "New York, United States") != NULL);
  label = find_widget (popover, match_label_prefix, (gpointer) "UTC");
  g_assert_nonnull (label);
  g_assert_true (g_regex_match (time_now, gtk_label_get_text (GTK_LABEL (label)), 0, NULL));

  /* A country, and another: every zone of it, nothing else. */
  gtk_editable_set_text (GTK_EDITABLE (search), "argentina");
  wait_until (!picker_shows (picker, "America/New_York"));
  g_assert_true (picker_shows (picker, "America/Argentina/Cordoba"));
  g_assert_cmpuint (g_list_model_get_n_items (matches), >=, 10);
  gtk_editable_set_text (GTK_EDITABLE (search), "Germany");
  wait_until (!picker_shows (picker, "America/Argentina/Cordoba"));
  g_assert_true (picker_shows (picker, "Europe/Berlin"));

  /* Nothing found says so. */
  gtk_editable_set_text (GTK_EDITABLE (search), "Atlantis");
  wait_until (g_list_model_get_n_items (matches) == 0);
  wait_until (find_widget (popover, match_label_prefix, (gpointer) "No time zone matches") != NULL);

  /* Enter takes the first match and closes the list. */
  gtk_editable_set_text (GTK_EDITABLE (search), "Buenos");
  wait_until (g_list_model_get_n_items (matches) == 1);
  g_assert_true (picker_shows (picker, "America/Argentina/Buenos_Aires"));
  gtk_editable_set_text (GTK_EDITABLE (search), "york");
  wait_until (picker_shows (picker, "America/New_York") && g_list_model_get_n_items (matches) == 1);
  g_signal_emit_by_name (search, "activate");
  wait_until (!gtk_widget_get_visible (popover));
  g_assert_cmpstr (rounds_zone_picker_get_zone_id (picker), ==, "America/New_York");
  ui_screenshot (GTK_WIDGET (window), "setup-time-zone");

  /* The practice keeps it. */
  gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (window), "Practice name")),
                         "Lakeside Pediatrics");
  gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (window), "Phone number")),
                         "(555) 010-4477");
  gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (window), "Address")),
                         "12 Shore Road, Lakeside, MN 55000");
  click (find_button (GTK_WIDGET (window), "Save and Continue"));
  g_assert_cmpstr (rounds_window_get_screen (window), ==, "practice");
  practice = rounds_store_get_practice (rounds_context_get_store (
                                          rounds_window_get_context (window)));
  g_assert_cmpstr (rounds_practice_get_timezone (practice), ==, "America/New_York");
}

static void
test_window_size_persists (UiFixture     *fixture,
                           gconstpointer  data)
{
  RoundsWindow *window = ui_fixture_new_window (fixture);
  int width = 0, height = 0;

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 640);
  gtk_window_close (GTK_WINDOW (window));
  pump ();

  window = ui_fixture_new_window (fixture);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 640);
}

static void
write_file (const char *path,
            const char *contents,
            gsize       len)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, len, &error);
  g_assert_no_error (error);
}

static void
test_damaged_data_asks (UiFixture     *fixture,
                        gconstpointer  data)
{
  g_autofree char *db = g_build_filename (fixture->data_dir, "rounds.db", NULL);
  g_autofree char *garbage = g_strnfill (8192, 'x');
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  RoundsWindow *window;
  GtkWindow *dialog;

  write_file (db, garbage, 8192);
  before = read_file_checksum (db);

  window = ui_fixture_new_window (fixture);
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG, GTK_WINDOW (window));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "The Practice Data Is Damaged");
  /* No backup yet: the offer is to start fresh, keeping the old file. */
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "fresh"));
  /* Enter never starts fresh: the default is to wait. */
  g_assert_cmpstr (adw_message_dialog_get_default_response (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "cancel");

  after = read_file_checksum (db);
  g_assert_cmpstr (before, ==, after);

  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "fresh");
  pump ();
  g_assert_cmpstr (rounds_window_get_screen (window), ==, "setup");

  /* The damaged file is still there, renamed. */
  {
    g_autoptr(GDir) dir = g_dir_open (fixture->data_dir, 0, NULL);
    const char *name;
    gboolean kept = FALSE;

    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (fixture->data_dir, name, NULL);
        g_autofree char *sum = NULL;

        if (!g_str_has_prefix (name, "rounds.db.damaged-"))
          continue;
        sum = read_file_checksum (path);
        kept = g_strcmp0 (sum, before) == 0;
      }
    g_assert_true (kept);
  }
}

/* A real practice with one post, closed. */
static void
make_practice_file (UiFixture *fixture)
{
  g_autofree char *db = g_build_filename (fixture->data_dir, "rounds.db", NULL);
  g_autoptr(RoundsClock) clock = rounds_clock_new_real ();
  g_autoptr(RoundsStore) store = NULL;
  g_autoptr(RoundsPost) post = rounds_post_new ();
  g_autoptr(GError) error = NULL;

  store = rounds_store_open (db, clock, ROUNDS_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  rounds_post_set_body (post, "Kept through every failure");
  g_assert_nonnull (rounds_store_save_post (store, post, &error));
  g_assert_no_error (error);
}

static AdwMessageDialog *
open_error_dialog (RoundsWindow *window)
{
  GtkWindow *dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG, GTK_WINDOW (window));

  g_assert_nonnull (dialog);
  return ADW_MESSAGE_DIALOG (dialog);
}

static guint
count_moved_aside (UiFixture *fixture)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->data_dir, 0, NULL);
  const char *name;
  guint n = 0;

  while ((name = g_dir_read_name (dir)) != NULL)
    n += strstr (name, ".damaged") != NULL;
  return n;
}

/* Another program holds the file: "in use", Try Again (the default),
 * nothing to restore, nothing renamed; once it lets go, Try Again opens
 * the practice. */
static void
test_busy_data_try_again (UiFixture     *fixture,
                          gconstpointer  data)
{
  g_autofree char *db = g_build_filename (fixture->data_dir, "rounds.db", NULL);
  RoundsWindow *window;
  AdwMessageDialog *dialog;
  sqlite3 *holder = NULL;

  make_practice_file (fixture);
  g_assert_cmpint (sqlite3_open (db, &holder), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (holder, "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE;"
                                         "UPDATE practice SET updated_at = updated_at;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  window = ui_fixture_new_window (fixture);
  dialog = open_error_dialog (window);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "The Practice Data Is in Use");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "another program"));
  g_assert_true (adw_message_dialog_has_response (dialog, "retry"));
  g_assert_false (adw_message_dialog_has_response (dialog, "restore"));
  g_assert_false (adw_message_dialog_has_response (dialog, "fresh"));
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "retry");
  g_assert_cmpuint (count_moved_aside (fixture), ==, 0);

  sqlite3_exec (holder, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (holder);
  adw_message_dialog_response (dialog, "retry");
  pump ();
  g_assert_nonnull (rounds_window_get_context (window));
  g_assert_cmpuint (g_list_model_get_n_items (rounds_store_get_posts (
                      rounds_context_get_store (rounds_window_get_context (window)))), ==, 1);
}

/* The folder is read-only (or not ours, or the disk is full): a plain
 * message and Try Again, nothing renamed, no offer to restore or start
 * fresh; Try Again opens it once the folder is writable again. The
 * failure comes from fault-vfs.h, so this needs no root. */
static void
test_unwritable_data_try_again (UiFixture     *fixture,
                                gconstpointer  data)
{
  RoundsWindow *window;
  AdwMessageDialog *dialog;

  make_practice_file (fixture);
  fault_vfs_set (FAULT_READ_ONLY, fixture->data_dir, 0);
  window = ui_fixture_new_window (fixture);
  g_assert_cmpuint (fault_vfs.n_injected, >, 0);
  dialog = open_error_dialog (window);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==,
                   "The Practice Data Cannot Be Opened");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "nothing was changed or moved"));
  g_assert_true (adw_message_dialog_has_response (dialog, "retry"));
  g_assert_false (adw_message_dialog_has_response (dialog, "restore"));
  g_assert_false (adw_message_dialog_has_response (dialog, "fresh"));
  g_assert_cmpuint (count_moved_aside (fixture), ==, 0);

  fault_vfs_clear ();
  adw_message_dialog_response (dialog, "retry");
  pump ();
  g_assert_nonnull (rounds_window_get_context (window));
  g_assert_cmpuint (g_list_model_get_n_items (rounds_store_get_posts (
                      rounds_context_get_store (rounds_window_get_context (window)))), ==, 1);
}

/* A damaged file with a good backup: Restore is offered, but Enter (the
 * default) waits; restoring brings the post back. */
static void
test_damaged_data_restore (UiFixture     *fixture,
                           gconstpointer  data)
{
  g_autofree char *db = g_build_filename (fixture->data_dir, "rounds.db", NULL);
  g_autofree char *garbage = g_strnfill (8192, 'x');
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  RoundsWindow *window;
  AdwMessageDialog *dialog;

  make_practice_file (fixture);
  {
    /* The next start's backup holds the post. */
    g_autoptr(RoundsClock) clock = rounds_clock_new_fake (g_get_real_time () / G_USEC_PER_SEC +
                                                          2 * 86400);
    g_autoptr(GError) error = NULL;
    g_autoptr(RoundsStore) store = rounds_store_open (db, clock, ROUNDS_STORE_OPEN_DEFAULT,
                                                      &error);

    g_assert_no_error (error);
  }
  g_unlink (wal);
  write_file (db, garbage, 8192);

  window = ui_fixture_new_window (fixture);
  dialog = open_error_dialog (window);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "The Practice Data Is Damaged");
  g_assert_true (adw_message_dialog_has_response (dialog, "restore"));
  g_assert_false (adw_message_dialog_has_response (dialog, "fresh"));
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");

  adw_message_dialog_response (dialog, "restore");
  pump ();
  g_assert_nonnull (rounds_window_get_context (window));
  g_assert_cmpuint (g_list_model_get_n_items (rounds_store_get_posts (
                      rounds_context_get_store (rounds_window_get_context (window)))), ==, 1);
  g_assert_cmpuint (count_moved_aside (fixture), ==, 1);
}

/* An audit log edited outside Rounds is reported when the practice
 * opens, and Preferences → Check the audit log says where. */
static void
test_audit_log_tampered (UiFixture     *fixture,
                         gconstpointer  data)
{
  g_autofree char *db = g_build_filename (fixture->data_dir, "rounds.db", NULL);
  RoundsWindow *window;
  AdwMessageDialog *dialog;
  sqlite3 *raw = NULL;

  make_practice_file (fixture);
  g_assert_cmpint (sqlite3_open (db, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, "DROP TRIGGER audit_log_no_update;"
                                      "UPDATE audit_log SET actor = 'Someone else' WHERE id = 1;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);

  window = ui_fixture_new_window (fixture);
  dialog = open_error_dialog (window);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "The Audit Log Was Changed");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Entry 1 "));
  gtk_window_destroy (GTK_WINDOW (dialog));

  {
    g_autoptr(GSettings) settings = g_settings_new ("io.github.roundsapp.Rounds");
    RoundsPreferencesWindow *prefs =
      rounds_preferences_window_new (settings, rounds_window_get_context (window));
    GtkWidget *button;
    AdwMessageDialog *report;

    gtk_window_present (GTK_WINDOW (prefs));
    pump ();
    button = find_button (GTK_WIDGET (prefs), "Check");
    g_assert_nonnull (button);
    click (button);
    wait_until ((report = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG,
                                                             GTK_WINDOW (prefs)))) != NULL);
    g_assert_cmpstr (adw_message_dialog_get_heading (report), ==, "The Audit Log Was Changed");
    g_assert_nonnull (strstr (adw_message_dialog_get_body (report), "changed after it was written"));
    gtk_window_destroy (GTK_WINDOW (report));
    gtk_window_destroy (GTK_WINDOW (prefs));
  }
}

static void
test_newer_data_refused (UiFixture     *fixture,
                         gconstpointer  data)
{
  g_autofree char *db = g_build_filename (fixture->data_dir, "rounds.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  RoundsWindow *window;
  GtkWindow *dialog;
  sqlite3 *raw = NULL;

  g_assert_cmpint (sqlite3_open (db, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, "CREATE TABLE future (x); PRAGMA user_version = 999;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);
  before = read_file_checksum (db);

  window = ui_fixture_new_window (fixture);
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG, GTK_WINDOW (window));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "This Practice Needs a Newer Rounds");
  g_assert_cmpstr (rounds_window_get_screen (window), ==, "welcome");

  after = read_file_checksum (db);
  g_assert_cmpstr (before, ==, after);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

static void
test_menu_windows (UiFixture     *fixture,
                   gconstpointer  data)
{
  RoundsWindow *window = ui_fixture_new_window (fixture);
  g_autoptr(GSettings) settings = g_settings_new ("io.github.roundsapp.Rounds");
  g_autofree char *name = NULL;
  GtkWindow *prefs;
  GtkWindow *about;
  GtkWindow *shortcuts;
  GtkWidget *row;

  click (find_button (GTK_WIDGET (window), "Explore a Sample Practice"));

  /* Preferences: the sample has people (issue 20), so the name in the
   * audit log is the person chosen in the header, not one typed here. */
  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "preferences", NULL);
  pump ();
  prefs = find_toplevel (ROUNDS_TYPE_PREFERENCES_WINDOW, GTK_WINDOW (window));
  g_assert_nonnull (prefs);
  row = find_row (GTK_WIDGET (prefs), "Your name");
  g_assert_true (row == NULL || !gtk_widget_is_visible (row));
  name = g_settings_get_string (settings, "user-name");
  g_assert_cmpstr (name, ==, "");
  g_assert_cmpstr (rounds_store_get_actor (rounds_context_get_store (
                     rounds_window_get_context (window))), ==, "Lena Kowalski");
  gtk_window_destroy (prefs);

  /* About: the metainfo's facts. */
  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "about", NULL);
  pump ();
  about = find_toplevel (ADW_TYPE_ABOUT_WINDOW, GTK_WINDOW (window));
  g_assert_nonnull (about);
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
  g_assert_cmpstr (adw_about_window_get_comments (ADW_ABOUT_WINDOW (about)), ==,
                   "Safe social media for your practice");
  g_assert_cmpstr (adw_about_window_get_release_notes_version (ADW_ABOUT_WINDOW (about)), ==,
                   PACKAGE_VERSION);
  g_assert_nonnull (strstr (adw_about_window_get_release_notes (ADW_ABOUT_WINDOW (about)),
                            "<li>"));
  g_assert_nonnull (strstr (adw_about_window_get_issue_url (ADW_ABOUT_WINDOW (about)),
                            "issues"));
  gtk_window_destroy (about);

  /* Keyboard shortcuts window (built when first asked for); closed and
   * asked for again, the same window comes back. */
  g_assert_null (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  pump ();
  shortcuts = find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW, GTK_WINDOW (window));
  g_assert_nonnull (shortcuts);
  g_assert_true (gtk_window_get_transient_for (shortcuts) == GTK_WINDOW (window));
  gtk_window_close (shortcuts);
  pump ();
  g_assert_null (find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW, GTK_WINDOW (window)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  pump ();
  g_assert_true (find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW, GTK_WINDOW (window)) == shortcuts);
  gtk_window_close (shortcuts);
  pump ();
}

static gboolean
match_mapped_menu_button (GtkWidget *widget,
                          gpointer   data)
{
  /* The main menu (the header also has the person menu, issue 20). */
  return GTK_IS_MENU_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
         gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget)) != NULL;
}

static gboolean
match_menu_item (GtkWidget *widget,
                 gpointer   data)
{
  g_autofree char *text = NULL;

  if (!gtk_widget_get_mapped (widget) ||
      g_object_class_find_property (G_OBJECT_GET_CLASS (widget), "text") == NULL ||
      GTK_IS_EDITABLE (widget) || GTK_IS_LABEL (widget))
    return FALSE;
  g_object_get (widget, "text", &text, NULL);
  return label_reads (text, data);
}

/* The items the window's main menu shows now, as "|New Post|…|". */
static char *
menu_items (RoundsWindow *window)
{
  static const char * const all[] = { "New Post", "Open Sample Practice",
                                      "Leave Sample Practice", "Reset Sample Practice",
                                      "Preferences", NULL };
  GtkWidget *button = find_widget (GTK_WIDGET (window), match_mapped_menu_button, NULL);
  GtkPopover *popover;
  GString *shown = g_string_new ("|");

  g_assert_nonnull (button);
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));
  wait_until (gtk_widget_get_mapped (GTK_WIDGET (popover)));
  pump ();
  for (guint i = 0; all[i] != NULL; i++)
    if (find_widget (GTK_WIDGET (popover), match_menu_item, (gpointer)all[i]) != NULL)
      g_string_append_printf (shown, "%s|", all[i]);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
  pump ();
  return g_string_free (shown, FALSE);
}

/* The menu offers only what works where the user is, and a real
 * practice can go back to the sample without its data being touched. */
static void
test_menu_offers_what_works (UiFixture     *fixture,
                             gconstpointer  data)
{
  RoundsWindow *window = ui_fixture_new_window (fixture);
  g_autofree char *db = g_build_filename (fixture->data_dir, "rounds.db", NULL);
  g_autofree char *items = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(RoundsPost) post = rounds_post_new ();
  g_autoptr(GError) error = NULL;
  RoundsStore *store;

  /* The welcome page: no practice, nothing to write or leave. */
  items = menu_items (window);
  g_assert_cmpstr (items, ==, "|Preferences|");
  g_clear_pointer (&items, g_free);

  click (find_button (GTK_WIDGET (window), "Set Up My Practice"));
  gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (window), "Practice name")),
                         "Lakeside Pediatrics");
  click (find_button (GTK_WIDGET (window), "Save and Continue"));
  g_assert_cmpstr (rounds_window_get_screen (window), ==, "practice");
  store = rounds_context_get_store (rounds_window_get_context (window));
  rounds_post_set_body (post, "Walk-in flu shots every Friday.");
  g_assert_nonnull (rounds_store_save_post (store, post, &error));
  g_assert_no_error (error);

  items = menu_items (window);
  g_assert_cmpstr (items, ==, "|New Post|Open Sample Practice|Preferences|");
  g_clear_pointer (&items, g_free);

  /* To the sample: the real practice's file stays as it was. */
  before = read_file_checksum (db);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-sample", NULL));
  pump ();
  g_assert_true (rounds_context_is_sample (rounds_window_get_context (window)));
  g_assert_cmpstr (rounds_window_get_screen (window), ==, "practice");
  items = menu_items (window);
  g_assert_cmpstr (items, ==, "|New Post|Leave Sample Practice|Reset Sample Practice|"
                              "Preferences|");
  g_clear_pointer (&items, g_free);
  after = read_file_checksum (db);
  g_assert_cmpstr (before, ==, after);

  /* And back to the real one, with its post. */
  click (find_button (GTK_WIDGET (window), "Leave Sample"));
  click (find_button (GTK_WIDGET (window), "Open My Practice"));
  g_assert_false (rounds_context_is_sample (rounds_window_get_context (window)));
  g_assert_cmpuint (g_list_model_get_n_items (rounds_store_get_posts (
                      rounds_context_get_store (rounds_window_get_context (window)))), ==, 1);
}

/* Error toasts carry file names and messages: "&" and "<" show as
 * typed (an AdwToast title is markup; unescaped, GTK warns and shows
 * nothing). */
static void
test_toast_shows_text_as_is (UiFixture     *fixture,
                             gconstpointer  data)
{
  RoundsWindow *window = ui_fixture_new_window (fixture);
  AdwToast *toast = rounds_toast_new_plain ("Could not read /home/a/Smith & Sons <2026>.csv");

  g_assert_cmpstr (adw_toast_get_title (toast), ==,
                   "Could not read /home/a/Smith &amp; Sons &lt;2026&gt;.csv");
  rounds_window_add_toast (window, toast);
  pump ();
}

static guint
count_backups (UiFixture *fixture)
{
  g_autofree char *db = g_build_filename (fixture->data_dir, "rounds.db", NULL);
  g_auto(GStrv) backups = rounds_store_list_backups (db);

  return g_strv_length (backups);
}

/* The day's backup is taken after the practice shows, in the
 * background: the practice opens, and a new copy appears. */
static void
test_daily_backup_after_start (UiFixture     *fixture,
                               gconstpointer  data)
{
  g_autoptr(RoundsClock) later = rounds_clock_new_fake (g_get_real_time () / G_USEC_PER_SEC +
                                                        2 * 86400);
  RoundsWindow *window;
  guint before;

  make_practice_file (fixture);
  before = count_backups (fixture);
  g_assert_cmpuint (before, >=, 1);
  rounds_application_set_clock (fixture->app, later);

  window = ui_fixture_new_window (fixture);
  /* Open (the file has no profile yet: the set-up form). */
  g_assert_nonnull (rounds_window_get_context (window));
  g_assert_cmpstr (rounds_window_get_screen (window), ==, "setup");
  wait_until (count_backups (fixture) == before + 1);
}

static gboolean
match_backup_toast (GtkWidget *widget,
                    gpointer   data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)),
                           "Today’s backup could not be written");
}

/* A day's backup that fails after the start is told in a toast; the
 * practice stays open. */
static void
test_daily_backup_failure_told (UiFixture     *fixture,
                                gconstpointer  data)
{
  g_autoptr(RoundsClock) later = rounds_clock_new_fake (g_get_real_time () / G_USEC_PER_SEC +
                                                        2 * 86400);
  g_autofree char *backups = g_build_filename (fixture->data_dir, "backups", NULL);
  RoundsWindow *window;

  make_practice_file (fixture);
  /* A file where the backups folder should be: no copy can be written. */
  rounds_test_remove_tree (backups);
  write_file (backups, "not a folder", 12);
  rounds_application_set_clock (fixture->app, later);

  window = ui_fixture_new_window (fixture);
  g_assert_nonnull (rounds_window_get_context (window));
  wait_until (find_widget (GTK_WIDGET (window), match_backup_toast, NULL) != NULL);
  g_assert_nonnull (rounds_window_get_context (window));
}

/* The header's person menu: one row per active person, a check beside
 * the person at the desk; choosing a row switches the person at the
 * desk and moves the check. */
static gboolean
check_shown (GtkWidget *row)
{
  GtkWidget *check = GTK_WIDGET (gtk_widget_get_template_child (row, ROUNDS_TYPE_PERSON_ROW,
                                                                "check"));

  return gtk_widget_get_opacity (check) > 0.5;
}

static void
test_person_menu (UiFixture     *fixture,
                  gconstpointer  data)
{
  g_autoptr(RoundsStore) store = NULL;
  g_autoptr(RoundsContext) context = NULL;
  RoundsPerson *person;
  gint64 ana, ben;
  g_autoptr(GError) error = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *button = rounds_person_button_new ();
  GtkMenuButton *menu;
  GtkWidget *ana_row, *ben_row;

  ui_fixture_open_practice (fixture, &store, &context);
  /* The store owns its people (transfer none) and may replace them when
   * the list reloads: keep their ids. */
  person = rounds_store_add_person (store, "Ana Writer", ROUNDS_PERSON_ROLE_WRITER, &error);
  g_assert_no_error (error);
  ana = rounds_person_get_id (person);
  person = rounds_store_add_person (store, "Ben Approver", ROUNDS_PERSON_ROLE_APPROVER, &error);
  g_assert_no_error (error);
  ben = rounds_person_get_id (person);
  g_assert_true (rounds_store_set_desk_person (store, ana, &error));

  gtk_window_set_child (GTK_WINDOW (window), button);
  rounds_person_button_set_store (ROUNDS_PERSON_BUTTON (button), store);
  gtk_window_present (GTK_WINDOW (window));
  pump ();
  menu = GTK_MENU_BUTTON (gtk_widget_get_template_child (button, ROUNDS_TYPE_PERSON_BUTTON,
                                                         "menu_button"));
  gtk_menu_button_popup (menu);
  pump ();

  ana_row = find_row (GTK_WIDGET (gtk_menu_button_get_popover (menu)), "Ana Writer");
  ben_row = find_row (GTK_WIDGET (gtk_menu_button_get_popover (menu)), "Ben Approver");
  g_assert_nonnull (ana_row);
  g_assert_nonnull (ben_row);
  g_assert_true (check_shown (ana_row));
  g_assert_false (check_shown (ben_row));

  gtk_widget_activate (ben_row);
  pump ();
  /* Choosing closes the menu; what it shows is checked once it opens again. */
  gtk_menu_button_popup (menu);
  pump ();
  g_assert_true (rounds_store_get_desk_person (store) != NULL);
  g_assert_cmpint (rounds_person_get_id (rounds_store_get_desk_person (store)), ==,
                   ben);
  g_assert_false (check_shown (ana_row));
  g_assert_true (check_shown (ben_row));

  /* A renamed person's row follows the person. */
  g_assert_true (rounds_store_rename_person (store, ben, "Ben Second",
                                             &error));
  gtk_menu_button_popup (menu);
  pump ();
  g_assert_nonnull (find_row (GTK_WIDGET (gtk_menu_button_get_popover (menu)), "Ben Second"));
  g_assert_true (check_shown (find_row (GTK_WIDGET (gtk_menu_button_get_popover (menu)),
                                        "Ben Second")));

  gtk_menu_button_popdown (menu);
  pump ();
  ui_destroy_toplevels ();
}

/* Preferences → Insights: each money row writes its own figure. */
static GtkSpinButton *
spin_of_row (GtkWidget  *root,
             const char *title)
{
  GtkWidget *row = find_row (root, title);

  g_assert_nonnull (row);
  return GTK_SPIN_BUTTON (find_of_type (row, GTK_TYPE_SPIN_BUTTON));
}

static void
test_insights_rates (UiFixture     *fixture,
                     gconstpointer  data)
{
  g_autoptr(RoundsStore) store = NULL;
  g_autoptr(RoundsContext) context = NULL;
  GtkWidget *window = adw_preferences_window_new ();

  ui_fixture_open_practice (fixture, &store, &context);
  rounds_insights_preferences_add (ADW_PREFERENCES_WINDOW (window), context);
  gtk_window_present (GTK_WINDOW (window));
  pump ();
  {
    GtkWidget *page = find_of_type (window, ADW_TYPE_PREFERENCES_PAGE);

    g_assert_nonnull (page);
    adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (window),
                                             ADW_PREFERENCES_PAGE (page));
  }
  pump ();

  gtk_spin_button_set_value (spin_of_row (window, "Approver ($ an hour)"), 42.5);
  gtk_spin_button_set_value (spin_of_row (window, "Average value ($)"), 300);
  pump ();
  g_assert_cmpint (rounds_store_get_hourly_rate (store, "approver"), ==, 4250);
  g_assert_cmpint (rounds_store_get_patient_value (store), ==, 30000);
  g_assert_cmpint (rounds_store_get_hourly_rate (store, "writer"), !=, 4250);

  ui_destroy_toplevels ();
}

static gboolean
text_mapped_label (const char    *text,
                   gconstpointer  data)
{
  return g_strcmp0 (text, data) == 0;
}

static gboolean
match_mapped_label (GtkWidget *widget,
                    gpointer   data)
{
  return gtk_widget_get_mapped (widget) && ui_widget_text_matches (widget, text_mapped_label, data);
}

/* The window shows before the practice has opened. The worker holds
 * the practice it opened until the test lets it go: meanwhile the
 * window is on screen with its frame, and (as the open takes long) says
 * it is opening the practice; then the practice's posts appear. */
static void
test_window_before_practice (UiFixture     *fixture,
                             gconstpointer  data)
{
  g_autofree char *db = g_build_filename (fixture->data_dir, "rounds.db", NULL);
  g_autoptr(RoundsClock) clock = rounds_clock_new_real ();
  g_autoptr(RoundsPractice) practice = rounds_practice_new ();
  g_autoptr(RoundsPost) post = rounds_post_new ();
  g_autoptr(GError) error = NULL;
  RoundsStore *store;
  RoundsWindow *window;

  store = rounds_store_open (db, clock, ROUNDS_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  rounds_practice_set_name (practice, "Held Family Practice");
  rounds_practice_set_timezone (practice, "America/Chicago");
  g_assert_true (rounds_store_save_practice (store, practice, &error));
  rounds_post_set_title (post, "Flu clinic opens");
  g_assert_nonnull (rounds_store_save_post (store, post, &error));
  g_assert_no_error (error);
  rounds_store_close (store);
  g_object_unref (store);

  _rounds_application_hold_open (TRUE);
  window = rounds_window_new (fixture->app);
  rounds_window_show_place (window, "posts");
  gtk_window_present (GTK_WINDOW (window));

  wait_until (gtk_widget_get_mapped (GTK_WIDGET (window)));
  g_assert_true (rounds_window_is_loading (window));
  g_assert_cmpstr (rounds_window_get_screen (window), ==, "loading");
  g_assert_null (rounds_window_get_context (window));
  /* The open takes long: the placeholder comes, the practice has not. */
  wait_until (find_widget (GTK_WIDGET (window), match_mapped_label,
                           (gpointer)"Opening the practice…") != NULL);
  g_assert_true (rounds_window_is_loading (window));
  g_assert_null (find_widget (GTK_WIDGET (window), match_mapped_label,
                              (gpointer)"Flu clinic opens"));

  _rounds_application_hold_open (FALSE);
  wait_until (!rounds_window_is_loading (window));
  g_assert_cmpstr (rounds_window_get_screen (window), ==, "practice");
  g_assert_cmpstr (rounds_window_get_place (window), ==, "posts");
  wait_until (find_widget (GTK_WIDGET (window), match_mapped_label,
                           (gpointer)"Flu clinic opens") != NULL);
  g_assert_null (find_widget (GTK_WIDGET (window), match_mapped_label,
                              (gpointer)"Opening the practice…"));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  fault_vfs_install ();

#define ADD(path, fn) \
  g_test_add ("/ui/window/" path, UiFixture, NULL, ui_fixture_set_up, fn, ui_fixture_tear_down)

  ADD ("first-start-shows-welcome", test_first_start_shows_welcome);
  ADD ("sample-practice", test_sample_practice);
  ADD ("sample-reopens-after-restart", test_sample_reopens_after_restart);
  ADD ("places-reachable", test_places_reachable);
  ADD ("set-up-practice", test_set_up_practice);
  ADD ("set-up-every-error", test_set_up_every_error);
  ADD ("set-up-time-zone", test_set_up_time_zone);
  ADD ("window-size-persists", test_window_size_persists);
  ADD ("damaged-data-asks", test_damaged_data_asks);
  ADD ("damaged-data-restore", test_damaged_data_restore);
  ADD ("busy-data-try-again", test_busy_data_try_again);
  ADD ("unwritable-data-try-again", test_unwritable_data_try_again);
  ADD ("audit-log-tampered", test_audit_log_tampered);
  ADD ("newer-data-refused", test_newer_data_refused);
  ADD ("menu-windows", test_menu_windows);
  ADD ("menu-offers-what-works", test_menu_offers_what_works);
  ADD ("toast-shows-text-as-is", test_toast_shows_text_as_is);
  ADD ("daily-backup-after-start", test_daily_backup_after_start);
  ADD ("window-before-practice", test_window_before_practice);
  ADD ("daily-backup-failure-told", test_daily_backup_failure_told);
  ADD ("person-menu", test_person_menu);
  ADD ("insights-rates", test_insights_rates);

  return g_test_run ();
}
