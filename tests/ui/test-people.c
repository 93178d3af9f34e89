/* test-people.c — people and roles in the window (issue 20): who is at
 * this computer (the header's person menu), approving with an approver's
 * PIN, and a writer who cannot approve. In the sample practice: Lena
 * Kowalski writes, Dr. Nnamdi Okafor approves (PIN 2468), Sam Ortiz
 * manages (PIN 1357).
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <unistd.h>

#include "rounds-person-button.h"
#include "rounds-plan-crisis.h"
#include "rounds-plan-inbox.h"
#include "rounds-plan-step-view.h"
#include "rounds-people-page.h"
#include "rounds-pin-dialog.h"
#include "rounds-post-dialog.h"
#include "rounds-db.h"
#include "rounds-preferences-window.h"
#include "rounds-sample.h"
#include "rounds-store-editor.h"
#include "rounds-store-move.h"
#include "rounds-store-people.h"
#include "ui-test-util.h"

#define TEXT_OK "Flu shots are in: walk in Monday to Friday, 9 to 5."

typedef struct
{
  RoundsWindow *window;
  RoundsStore  *store;
} PeopleUi;

static void
open_sample (UiFixture *fixture,
             PeopleUi  *ui)
{
  ui->window = ui_fixture_new_window (fixture);
  rounds_window_explore_sample (ui->window);
  wait_until (rounds_window_get_context (ui->window) != NULL);
  pump ();
  ui->store = rounds_context_get_store (rounds_window_get_context (ui->window));
}

static RoundsPerson *
person_named (RoundsStore *store,
              const char  *name)
{
  GListModel *people = rounds_store_get_people (store);

  for (guint i = 0; i < g_list_model_get_n_items (people); i++)
    {
      g_autoptr(RoundsPerson) person = g_list_model_get_item (people, i);

      if (g_strcmp0 (rounds_person_get_name (person), name) == 0)
        return rounds_store_lookup_person (store, rounds_person_get_id (person));
    }
  g_assert_not_reached ();
}

/* Chooses @name in the header's person menu, as a click on its row. */
static void
switch_person (PeopleUi   *ui,
               const char *name)
{
  GtkWidget *button = find_of_type (GTK_WIDGET (ui->window), ROUNDS_TYPE_PERSON_BUTTON);
  GtkWidget *menu = find_of_type (button, GTK_TYPE_MENU_BUTTON);
  GtkWidget *row;

  gtk_menu_button_popup (GTK_MENU_BUTTON (menu));
  pump ();
  row = find_row (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu))), name);
  g_assert_nonnull (row);
  g_signal_emit_by_name (gtk_widget_get_parent (row), "row-activated", row);
  pump ();
  g_assert_cmpstr (rounds_person_get_name (rounds_store_get_desk_person (ui->store)), ==, name);
  g_assert_cmpstr (gtk_label_get_text (rounds_person_button_get_shown_name (
                     ROUNDS_PERSON_BUTTON (button))), !=, "");
}

/* A new post with @text, submitted for review in the editor. */
static RoundsPostDialog *
post_in_review (PeopleUi   *ui,
                const char *text)
{
  RoundsPostDialog *dialog = rounds_post_dialog_new (rounds_window_get_context (ui->window), NULL);
  GtkTextBuffer *buffer;

  gtk_window_present (GTK_WINDOW (dialog));
  pump ();
  buffer = rounds_post_editor_get_buffer (rounds_post_dialog_get_editor (dialog));
  gtk_text_buffer_set_text (buffer, text, -1);
  pump ();
  click (find_button (GTK_WIDGET (dialog), "Submit for Review"));
  g_assert_nonnull (rounds_post_dialog_get_post (dialog));
  g_assert_cmpint (rounds_post_get_status (rounds_post_dialog_get_post (dialog)), ==,
                   ROUNDS_POST_STATUS_IN_REVIEW);
  return dialog;
}

/* The latest audit entry of @post that moved it to @to. */
static RoundsAuditEntry *
audit_to (RoundsStore *store,
          RoundsPost  *post,
          const char  *to)
{
  g_autoptr(GListModel) audit = rounds_store_list_audit (store, "post", rounds_post_get_id (post),
                                                         NULL);
  RoundsAuditEntry *found = NULL;

  g_assert_nonnull (audit);
  for (guint i = 0; i < g_list_model_get_n_items (audit); i++)
    {
      g_autoptr(RoundsAuditEntry) e = g_list_model_get_item (audit, i);

      if (g_strcmp0 (rounds_audit_entry_get_to_state (e), to) == 0 &&
          (found == NULL || rounds_audit_entry_get_id (e) > rounds_audit_entry_get_id (found)))
        {
          g_clear_object (&found);
          found = g_object_ref (e);
        }
    }
  g_assert_nonnull (found);
  return found;
}

static RoundsPinDialog *
pin_dialog (void)
{
  RoundsPinDialog *pin = NULL;

  wait_until ((pin = ROUNDS_PIN_DIALOG (find_toplevel (ROUNDS_TYPE_PIN_DIALOG, NULL))) != NULL);
  return pin;
}

/* Switching the person in the header changes who the editor's actions
 * are recorded as. */
static void
test_switch_person_records_actor (UiFixture     *fixture,
                                  gconstpointer  data)
{
  PeopleUi ui = { 0 };
  RoundsPostDialog *dialog;
  g_autoptr(RoundsAuditEntry) lena = NULL;
  g_autoptr(RoundsAuditEntry) sam = NULL;
  RoundsPerson *writer, *manager;

  open_sample (fixture, &ui);
  writer = person_named (ui.store, ROUNDS_SAMPLE_WRITER);
  manager = person_named (ui.store, ROUNDS_SAMPLE_MANAGER);
  g_assert_true (rounds_store_get_desk_person (ui.store) == writer);

  dialog = post_in_review (&ui, TEXT_OK);
  lena = audit_to (ui.store, rounds_post_dialog_get_post (dialog), "in_review");
  g_assert_cmpint (rounds_audit_entry_get_person_id (lena), ==, rounds_person_get_id (writer));
  g_assert_cmpstr (rounds_audit_entry_get_actor (lena), ==, ROUNDS_SAMPLE_WRITER);

  /* Sam sits down; back to draft in the same editor is Sam's doing. */
  switch_person (&ui, ROUNDS_SAMPLE_MANAGER);
  click (find_button (GTK_WIDGET (dialog), "Back to Draft"));
  g_assert_cmpint (rounds_post_get_status (rounds_post_dialog_get_post (dialog)), ==,
                   ROUNDS_POST_STATUS_DRAFT);
  sam = audit_to (ui.store, rounds_post_dialog_get_post (dialog), "draft");
  g_assert_cmpint (rounds_audit_entry_get_person_id (sam), ==, rounds_person_get_id (manager));
  g_assert_cmpstr (rounds_audit_entry_get_actor (sam), ==, ROUNDS_SAMPLE_MANAGER);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
count_click (guint *clicks)
{
  (*clicks)++;
}

/* A writer at the computer cannot approve, and the button says why;
 * when an approver sits down, the button works. */
static void
test_writer_cannot_approve (UiFixture     *fixture,
                            gconstpointer  data)
{
  PeopleUi ui = { 0 };
  RoundsPostDialog *dialog;
  GtkWidget *approve;
  const char *why;
  g_autofree char *wrong = NULL;
  guint clicks = 0;

  open_sample (fixture, &ui);
  dialog = post_in_review (&ui, TEXT_OK);
  approve = find_button (GTK_WIDGET (dialog), "Approve…");
  g_assert_nonnull (approve);
  g_assert_true (gtk_widget_get_visible (approve));
  g_assert_false (gtk_widget_is_sensitive (approve));
  why = gtk_widget_get_tooltip_text (approve);
  g_assert_nonnull (why);
  g_assert_nonnull (strstr (why, ROUNDS_SAMPLE_WRITER " is a writer and cannot approve"));
  wrong = gtk_test_accessible_check_property (GTK_ACCESSIBLE (approve),
                                              GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, why);
  g_assert_null (wrong);
  /* Pressing it anyway (a stale click, the keyboard) approves nothing
   * and asks no PIN. A keyboard activation clicks only once GtkButton's
   * activation timeout has run: wait for that click. */
  g_signal_connect_swapped (approve, "clicked", G_CALLBACK (count_click), &clicks);
  gtk_widget_activate (approve);
  wait_until (clicks == 1);
  pump ();
  g_assert_null (find_toplevel (ROUNDS_TYPE_PIN_DIALOG, NULL));
  g_assert_cmpint (rounds_post_get_status (rounds_post_dialog_get_post (dialog)), ==,
                   ROUNDS_POST_STATUS_IN_REVIEW);

  switch_person (&ui, ROUNDS_SAMPLE_APPROVER);
  g_assert_true (gtk_widget_is_sensitive (approve));
  g_assert_null (gtk_widget_get_tooltip_text (approve));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Approving asks the approver's PIN: a wrong one is refused with a
 * message, three in a row start a back-off, the right one (after it)
 * approves, and the audit entry names the approver. */
static void
test_approve_asks_pin (UiFixture     *fixture,
                       gconstpointer  data)
{
  PeopleUi ui = { 0 };
  RoundsPostDialog *dialog;
  RoundsPinDialog *pin;
  RoundsPerson *approver;
  RoundsPost *post;
  g_autoptr(RoundsAuditEntry) approved = NULL;
  g_autoptr(RoundsClock) clock = rounds_clock_new_fake (1796000000);   /* 2026-12-01 */

  rounds_application_set_clock (fixture->app, clock);
  open_sample (fixture, &ui);
  approver = person_named (ui.store, ROUNDS_SAMPLE_APPROVER);
  dialog = post_in_review (&ui, TEXT_OK);
  post = rounds_post_dialog_get_post (dialog);
  switch_person (&ui, ROUNDS_SAMPLE_APPROVER);

  click (find_button (GTK_WIDGET (dialog), "Approve…"));
  pin = pin_dialog ();
  /* The person at the computer is offered first. */
  g_assert_true (rounds_pin_dialog_select_person (pin, rounds_person_get_id (approver)));
  g_assert_false (rounds_pin_dialog_select_person (
                    pin, rounds_person_get_id (person_named (ui.store, ROUNDS_SAMPLE_WRITER))));
  g_assert_true (rounds_pin_dialog_select_person (pin, rounds_person_get_id (approver)));

  for (guint i = 0; i < ROUNDS_PIN_FREE_TRIES; i++)
    {
      rounds_pin_dialog_set_pin (pin, "1111");
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pin), "pin.accept", NULL));
      pump ();
      g_assert_nonnull (rounds_pin_dialog_get_message (pin));
      g_assert_nonnull (strstr (rounds_pin_dialog_get_message (pin), "That is not"));
      g_assert_cmpint (rounds_post_get_status (post), ==, ROUNDS_POST_STATUS_IN_REVIEW);
    }
  /* Backing off: even the right PIN waits. */
  g_assert_nonnull (strstr (rounds_pin_dialog_get_message (pin), "try again in"));
  rounds_pin_dialog_set_pin (pin, ROUNDS_SAMPLE_APPROVER_PIN);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pin), "pin.accept", NULL));
  pump ();
  g_assert_nonnull (strstr (rounds_pin_dialog_get_message (pin), "Too many wrong PINs"));
  g_assert_cmpint (rounds_post_get_status (post), ==, ROUNDS_POST_STATUS_IN_REVIEW);

  /* After the wait, the right PIN approves. */
  rounds_clock_advance (clock, ROUNDS_PIN_BACKOFF_SECONDS + 1);
  rounds_pin_dialog_set_pin (pin, ROUNDS_SAMPLE_APPROVER_PIN);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pin), "pin.accept", NULL));
  pump ();
  if (find_toplevel (ROUNDS_TYPE_PIN_DIALOG, NULL) != NULL)
    g_test_message ("the PIN dialog says: %s", rounds_pin_dialog_get_message (
                      ROUNDS_PIN_DIALOG (find_toplevel (ROUNDS_TYPE_PIN_DIALOG, NULL))));
  wait_until (find_toplevel (ROUNDS_TYPE_PIN_DIALOG, NULL) == NULL);
  g_assert_cmpint (rounds_post_get_status (post), ==, ROUNDS_POST_STATUS_APPROVED);
  approved = audit_to (ui.store, post, "approved");
  g_assert_cmpint (rounds_audit_entry_get_person_id (approved), ==, rounds_person_get_id (approver));
  g_assert_cmpstr (rounds_audit_entry_get_actor (approved), ==, ROUNDS_SAMPLE_APPROVER);
  /* The signature ended with the approval. */
  g_assert_null (rounds_store_get_signer (ui.store));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static const char *
choice_text (AdwComboRow *row,
             guint        i)
{
  return gtk_string_list_get_string (GTK_STRING_LIST (adw_combo_row_get_model (row)), i);
}

/* The crisis plan's approver is one of the practice's approvers or
 * managers, kept by id; a name typed before people stays until replaced;
 * a person no longer there shows as such. */
static void
test_crisis_approver_choice (UiFixture     *fixture,
                             gconstpointer  data)
{
  PeopleUi ui = { 0 };
  RoundsPlanStepView *view = g_object_new (ROUNDS_TYPE_PLAN_CRISIS, NULL);
  GtkWidget *holder = gtk_window_new ();
  g_autoptr(JsonObject) typed = json_object_new ();
  g_autoptr(JsonObject) saved = NULL;
  g_autoptr(JsonObject) kept = NULL;
  g_autoptr(JsonObject) gone = json_object_new ();
  RoundsPerson *approver;
  AdwComboRow *row;
  GListModel *model;
  guint okafor = G_MAXUINT;

  open_sample (fixture, &ui);
  approver = person_named (ui.store, ROUNDS_SAMPLE_APPROVER);
  gtk_window_set_child (GTK_WINDOW (holder), GTK_WIDGET (view));
  gtk_window_present (GTK_WINDOW (holder));

  json_object_set_string_member (typed, "approver", "Lead physician");
  rounds_plan_step_view_load (view, typed, rounds_window_get_context (ui.window));
  pump ();
  row = ADW_COMBO_ROW (find_of_type (GTK_WIDGET (view), ADW_TYPE_COMBO_ROW));
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (row)));
  g_assert_false (gtk_widget_get_visible (find_of_type (GTK_WIDGET (view), ADW_TYPE_ENTRY_ROW)) &&
                  g_str_equal (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (
                    find_of_type (GTK_WIDGET (view), ADW_TYPE_ENTRY_ROW))), "Approves replies"));
  /* The typed name is shown, and kept when nothing else is chosen. */
  g_assert_nonnull (strstr (choice_text (row, adw_combo_row_get_selected (row)), "Lead physician"));
  kept = rounds_plan_step_view_dup_data (view);
  g_assert_cmpstr (rounds_plan_crisis_approver (kept), ==, "Lead physician");
  g_assert_cmpint (rounds_plan_crisis_approver_id (kept), ==, 0);

  /* Approvers and managers only. */
  model = adw_combo_row_get_model (row);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_assert_null (strstr (choice_text (row, i), ROUNDS_SAMPLE_WRITER));
      if (strstr (choice_text (row, i), ROUNDS_SAMPLE_APPROVER) != NULL)
        okafor = i;
    }
  g_assert_cmpuint (okafor, !=, G_MAXUINT);
  adw_combo_row_set_selected (row, okafor);
  saved = rounds_plan_step_view_dup_data (view);
  g_assert_cmpint (rounds_plan_crisis_approver_id (saved), ==, rounds_person_get_id (approver));
  g_assert_cmpstr (rounds_plan_crisis_approver (saved), ==, ROUNDS_SAMPLE_APPROVER);

  /* Loaded again, the person is chosen. */
  rounds_plan_step_view_load (view, saved, rounds_window_get_context (ui.window));
  pump ();
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, okafor);

  /* Someone no longer among the practice's people. */
  json_object_set_int_member (gone, "approver_id", 4242);
  json_object_set_string_member (gone, "approver", "Dr. Former");
  rounds_plan_step_view_load (view, gone, rounds_window_get_context (ui.window));
  pump ();
  g_assert_cmpstr (choice_text (row, adw_combo_row_get_selected (row)), ==,
                   "Dr. Former (deleted person)");
  gtk_window_destroy (GTK_WINDOW (holder));
}

/* A text in @root's labels that starts with @prefix, or NULL */
static const char *
label_starting (GtkWidget  *root,
                const char *prefix)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *found;

      if (GTK_IS_LABEL (child) &&
          g_str_has_prefix (gtk_label_get_text (GTK_LABEL (child)), prefix))
        return gtk_label_get_text (GTK_LABEL (child));
      if ((found = label_starting (child, prefix)) != NULL)
        return found;
    }
  return NULL;
}

/* On a practice server (ROUNDS_TEST_PG, the ui-people-pg run), the
 * manager adds a person in Preferences → People: Rounds proposes a login
 * from the name, creates it, and shows the password once. */
static void
test_login_on_server (UiFixture     *fixture,
                      gconstpointer  data)
{
  const char *server = g_getenv ("ROUNDS_TEST_PG");
  g_autofree char *conninfo = NULL;
  g_autofree char *path = NULL;
  g_autoptr(RoundsClock) clock = rounds_clock_new_real ();
  g_autoptr(RoundsStore) store = NULL;
  g_autoptr(GError) error = NULL;
  AdwPreferencesWindow *prefs;
  RoundsPeoplePage *page;
  GtkWindow *dialog;
  GtkWidget *entry;
  const char *shown;
  RoundsPerson *lena;

  if (server == NULL)
    {
      g_test_skip ("needs a practice server (ui-people-pg)");
      return;
    }
  conninfo = g_strdup_printf ("%s dbname=rounds", server);
  path = g_build_filename (fixture->data_dir, "server-practice", NULL);
  store = rounds_store_open_server (conninfo, path, clock, ROUNDS_STORE_OPEN_NO_BACKUPS, &error);
  g_assert_no_error (error);
  g_assert_nonnull (rounds_store_add_person (store, "Sam Ortiz", ROUNDS_PERSON_ROLE_MANAGER,
                                             &error));
  g_assert_no_error (error);

  prefs = ADW_PREFERENCES_WINDOW (adw_preferences_window_new ());
  page = rounds_people_page_new (store);
  adw_preferences_window_add (prefs, ADW_PREFERENCES_PAGE (page));
  gtk_window_set_default_size (GTK_WINDOW (prefs), 640, 560);
  gtk_window_present (GTK_WINDOW (prefs));
  pump ();
  g_assert_nonnull (find_row (GTK_WIDGET (page), "Sam Ortiz"));
  g_assert_nonnull (label_starting (GTK_WIDGET (page), "Manager · no login yet"));

  /* Add Person…: name and role, then the login dialog follows. */
  gtk_widget_activate_action (GTK_WIDGET (page), "people.add", NULL);
  pump ();
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL);
  g_assert_nonnull (dialog);
  entry = find_of_type (GTK_WIDGET (dialog), GTK_TYPE_TEXT);
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_parent (entry)), "Léna Kowalski");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "ok");
  pump ();
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL);
  g_assert_nonnull (dialog);
  g_assert_nonnull (label_starting (GTK_WIDGET (dialog), "Léna Kowalski signs in"));
  entry = gtk_widget_get_parent (find_of_type (GTK_WIDGET (dialog), GTK_TYPE_TEXT));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "lena_kowalski");
  ui_screenshot (GTK_WIDGET (dialog), "people-login-create");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "ok");
  pump ();

  /* The password, once. */
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL);
  g_assert_nonnull (dialog);
  shown = label_starting (GTK_WIDGET (dialog), "Login: lena_kowalski\nPassword: ");
  g_assert_nonnull (shown);
  g_assert_cmpuint (strlen (strstr (shown, "Password: ") + strlen ("Password: ")), ==, 20);
  ui_screenshot (GTK_WIDGET (dialog), "people-login-password");
  lena = rounds_store_lookup_person (store, 2);
  g_assert_cmpstr (rounds_person_get_login (lena), ==, "lena_kowalski");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "done");
  pump ();
  g_assert_nonnull (label_starting (GTK_WIDGET (page), "Writer · signs in as lena_kowalski"));
  ui_screenshot (GTK_WIDGET (prefs), "people-login-list");
  gtk_window_destroy (GTK_WINDOW (prefs));
  ui_destroy_toplevels ();
}

/* On a practice server, a writer signed in with their own login (this
 * PC's practice opened as them): the editor's Approve is off and says
 * why, pressing it anyway approves nothing, and the store (and behind
 * it the server: tests/core/test-people.c runs the SQL) refuses too. */
static void
test_writer_login_cannot_approve (UiFixture     *fixture,
                                  gconstpointer  data)
{
  const char *server = g_getenv ("ROUNDS_TEST_PG");
  g_autofree char *conninfo = NULL;
  g_autofree char *writer_conninfo = NULL;
  g_autofree char *path = NULL;
  g_autofree char *login = NULL;
  g_autofree char *password = NULL;
  g_autoptr(RoundsClock) clock = rounds_clock_new_real ();
  g_autoptr(RoundsStore) owner = NULL;
  g_autoptr(RoundsStore) mine = NULL;
  g_autoptr(RoundsContext) context = NULL;
  g_autoptr(GError) error = NULL;
  RoundsPostDialog *dialog;
  RoundsPerson *writer;
  GtkWidget *approve;
  const char *why;
  gint64 post_id;

  if (server == NULL)
    {
      g_test_skip ("needs a practice server (ui-people-pg)");
      return;
    }
  conninfo = g_strdup_printf ("%s dbname=rounds", server);
  path = g_build_filename (fixture->data_dir, "writer-practice", NULL);
  owner = rounds_store_open_server (conninfo, path, clock, ROUNDS_STORE_OPEN_NO_BACKUPS, &error);
  g_assert_no_error (error);
  writer = rounds_store_add_person (owner, "Nora Webb", ROUNDS_PERSON_ROLE_WRITER, &error);
  g_assert_no_error (error);
  /* Role names are the cluster's: one of its own for this run */
  login = g_strdup_printf ("nora_%u", (guint)getpid ());
  password = rounds_store_set_person_login (owner, rounds_person_get_id (writer), login, &error);
  g_assert_no_error (error);

  /* This PC signs in as Nora */
  writer_conninfo = g_strdup_printf ("%s dbname=rounds user=%s password=%s", server, login,
                                     password);
  mine = rounds_store_open_server (writer_conninfo, path, clock, ROUNDS_STORE_OPEN_NO_BACKUPS,
                                   &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rounds_person_get_name (rounds_store_get_desk_person (mine)), ==, "Nora Webb");
  context = rounds_context_new (mine, FALSE);

  dialog = rounds_post_dialog_new (context, NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  pump ();
  gtk_text_buffer_set_text (rounds_post_editor_get_buffer (rounds_post_dialog_get_editor (dialog)),
                            TEXT_OK, -1);
  pump ();
  click (find_button (GTK_WIDGET (dialog), "Submit for Review"));
  g_assert_cmpint (rounds_post_get_status (rounds_post_dialog_get_post (dialog)), ==,
                   ROUNDS_POST_STATUS_IN_REVIEW);
  post_id = rounds_post_get_id (rounds_post_dialog_get_post (dialog));

  approve = find_button (GTK_WIDGET (dialog), "Approve…");
  g_assert_nonnull (approve);
  g_assert_false (gtk_widget_is_sensitive (approve));
  why = gtk_widget_get_tooltip_text (approve);
  g_assert_nonnull (why);
  g_assert_nonnull (strstr (why, "Nora Webb is a writer and cannot approve"));
  ui_screenshot (GTK_WIDGET (dialog), "editor-writer-login");
  gtk_widget_activate (approve);
  pump ();
  g_assert_null (find_toplevel (ROUNDS_TYPE_PIN_DIALOG, NULL));
  g_assert_cmpint (rounds_post_get_status (rounds_store_lookup_post (owner, post_id)), ==,
                   ROUNDS_POST_STATUS_IN_REVIEW);

  /* Past the editor, the store says no, and the post stays in review
   * for the other PCs too */
  g_assert_false (rounds_store_approve_post (mine, post_id, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "cannot approve"));
  g_clear_error (&error);
  g_assert_cmpint (rounds_post_get_status (rounds_store_lookup_post (owner, post_id)), ==,
                   ROUNDS_POST_STATUS_IN_REVIEW);

  gtk_window_destroy (GTK_WINDOW (dialog));
  ui_destroy_toplevels ();
  rounds_store_close (mine);
  rounds_store_close (owner);
}

static gboolean
match_picture_alt (GtkWidget *widget,
                   gpointer   data)
{
  return GTK_IS_PICTURE (widget) && gtk_widget_get_mapped (widget) &&
         gtk_picture_get_paintable (GTK_PICTURE (widget)) != NULL &&
         g_strcmp0 (gtk_picture_get_alternative_text (GTK_PICTURE (widget)), data) == 0;
}

static const char *
result_subtitle (GtkWidget *prefs)
{
  GtkWidget *row = find_row (prefs, "Connection");

  return row != NULL ? adw_action_row_get_subtitle (ADW_ACTION_ROW (row)) : NULL;
}

static void
set_row_text (GtkWidget  *root,
              const char *title,
              const char *text)
{
  GtkWidget *row = find_row (root, title);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

/* The value of @key ("host", "port") in ROUNDS_TEST_PG */
static char *
test_pg_value (const char *key)
{
  g_auto(GStrv) parts = g_strsplit (g_getenv ("ROUNDS_TEST_PG"), " ", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    if (g_str_has_prefix (parts[i], key) && parts[i][strlen (key)] == '=')
      return g_strdup (parts[i] + strlen (key) + 1);
  g_assert_not_reached ();
}

/* A statement that runs until the move is cancelled (a big copy) */
static void
slow_copy (gpointer db)
{
  rounds_db_exec (db, "SELECT pg_sleep (120)", NULL, NULL, NULL);
}

/* Posts the server's database @name holds, -1 without that table */
static gint64
posts_on_server (const char *server,
                 const char *name)
{
  g_autofree char *conninfo = g_strdup_printf ("%s dbname=%s", server, name);
  RoundsDb *check = rounds_db_open_postgresql (conninfo, NULL);
  RoundsDbStmt *stmt = NULL;
  gint64 n = -1;

  if (check != NULL &&
      rounds_db_prepare_v2 (check, "SELECT count(*) FROM posts", -1, &stmt, NULL) == ROUNDS_DB_OK &&
      rounds_db_step (stmt) == ROUNDS_DB_ROW)
    n = rounds_db_column_int64 (stmt, 0);
  rounds_db_finalize (stmt);
  if (check != NULL)
    rounds_db_close (check);
  return n;
}

/* Preferences → Practice Server → Move This Practice to the Server…, as
 * the user does it, against the throw-away cluster: the window then
 * shows the practice from the server, with as many posts, and a post's
 * image still shows although the PC's own copy of it went away (it
 * comes back from the server). */
static void
test_move_from_preferences (UiFixture     *fixture,
                            gconstpointer  data)
{
  const char *server = g_getenv ("ROUNDS_TEST_PG");
  g_autoptr(RoundsClock) clock = rounds_clock_new_real ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *png = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *host = NULL;
  g_autofree char *port = NULL;
  g_autofree char *media = NULL;
  g_autofree char *away = NULL;
  g_autofree char *admin = NULL;
  RoundsWindow *window;
  RoundsStore *store;
  RoundsPreferencesWindow *prefs;
  RoundsPostDialog *dialog;
  GtkWindow *confirm;
  RoundsDb *db;
  gint64 post_id;
  guint n_posts;

  if (server == NULL)
    {
      g_test_skip ("needs a practice server (ui-people-pg)");
      return;
    }

  /* The practice on this PC, with an image on its first post */
  path = rounds_store_dup_default_path ();
  {
    g_autoptr(RoundsStore) file = rounds_store_open (path, clock, ROUNDS_STORE_OPEN_NO_BACKUPS,
                                                     &error);
    g_autoptr(GPtrArray) images = g_ptr_array_new_with_free_func ((GDestroyNotify)rounds_post_media_free);
    g_autoptr(RoundsPost) first = NULL;
    g_autofree guchar *bytes = NULL;
    gsize length;

    g_assert_no_error (error);
    g_assert_true (rounds_sample_populate (file, &error));
    g_assert_no_error (error);
    first = g_list_model_get_item (rounds_store_get_posts (file), 0);
    post_id = rounds_post_get_id (first);
    bytes = g_base64_decode ("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
                             "YPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", &length);
    png = g_build_filename (fixture->data_dir, "photo.png", NULL);
    g_assert_true (g_file_set_contents (png, (const char *)bytes, length, NULL));
    copy = rounds_store_import_media (file, png, &error);
    g_assert_no_error (error);
    g_ptr_array_add (images, rounds_post_media_new (copy, "The waiting room", FALSE));
    g_assert_true (rounds_store_set_post_media (file, post_id, images, &error));
    g_assert_no_error (error);
    rounds_store_close (file);
  }

  /* An empty database for it, as the IT person makes it */
  admin = g_strdup_printf ("%s dbname=rounds", server);
  db = rounds_db_open_postgresql (admin, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rounds_db_exec (db, "CREATE DATABASE moved", NULL, NULL, NULL), ==,
                   ROUNDS_DB_OK);
  rounds_db_close (db);

  window = ui_fixture_new_window (fixture);
  store = ui_window_store (window);
  g_assert_false (rounds_store_is_on_server (store));
  n_posts = g_list_model_get_n_items (rounds_store_get_posts (store));
  g_assert_cmpuint (n_posts, >, 0);

  /* Preferences → Practice Server: the form, then Move. Preferences
   * reach the application as the default one, as in the app (earlier
   * tests of this program made applications of their own). */
  g_application_set_default (G_APPLICATION (fixture->app));
  prefs = rounds_preferences_window_new (rounds_application_get_settings (fixture->app),
                                         rounds_window_get_context (window));
  gtk_window_set_transient_for (GTK_WINDOW (prefs), GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (prefs));
  pump ();
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), "server");
  pump ();
  host = test_pg_value ("host");
  port = test_pg_value ("port");
  set_row_text (GTK_WIDGET (prefs), "Server", host);
  set_row_text (GTK_WIDGET (prefs), "Port", port);
  set_row_text (GTK_WIDGET (prefs), "Database", "moved");
  set_row_text (GTK_WIDGET (prefs), "User", "rounds");
  set_row_text (GTK_WIDGET (prefs), "Password", "");
  pump ();
  ui_screenshot (GTK_WIDGET (prefs), "server-move-form");

  /* A first move, cancelled while it copies: the file stays the
   * practice's store, the server holds nothing of it, and it says so */
  _rounds_store_move_hook = slow_copy;
  click (find_button (GTK_WIDGET (prefs), "Move This Practice to the Server…"));
  confirm = find_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL);
  g_assert_nonnull (confirm);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (confirm), "move");
  wait_until (result_subtitle (GTK_WIDGET (prefs)) != NULL &&
              g_str_has_prefix (result_subtitle (GTK_WIDGET (prefs)), "Copying"));
  g_assert_nonnull (find_button (GTK_WIDGET (prefs), "Cancel Move"));   /* shown */
  ui_screenshot (GTK_WIDGET (prefs), "server-move-cancel");
  click (find_button (GTK_WIDGET (prefs), "Cancel Move"));
  wait_until (result_subtitle (GTK_WIDGET (prefs)) != NULL &&
              g_str_has_prefix (result_subtitle (GTK_WIDGET (prefs)), "The move was cancelled."));
  _rounds_store_move_hook = NULL;
  g_assert_null (find_button (GTK_WIDGET (prefs), "Cancel Move"));   /* gone */
  g_assert_false (rounds_store_is_on_server (ui_window_store (window)));
  g_assert_cmpuint (g_list_model_get_n_items (rounds_store_get_posts (ui_window_store (window))),
                    ==, n_posts);
  g_assert_cmpint (posts_on_server (server, "moved"), <=, 0);
  ui_screenshot (GTK_WIDGET (prefs), "server-move-cancelled");

  /* Then the move, whole */
  click (find_button (GTK_WIDGET (prefs), "Move This Practice to the Server…"));
  confirm = find_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL);
  g_assert_nonnull (confirm);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (confirm), "move");
  /* Closing Preferences now would leave the outcome untold: they stay */
  gtk_window_close (GTK_WINDOW (prefs));
  pump ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (prefs)));
  ui_screenshot (GTK_WIDGET (prefs), "server-move-busy");
  /* Busy: "Connecting…", then "Copying the practice…"; then the outcome.
   * A whole practice is copied and checked on a loaded machine: up to
   * three minutes. */
  {
    gint64 end = g_get_monotonic_time () + 180 * G_USEC_PER_SEC;
    const char *now;

    while (((now = result_subtitle (GTK_WIDGET (prefs))) == NULL ||
            g_str_has_prefix (now, "Connecting") || g_str_has_prefix (now, "Copying")) &&
           g_get_monotonic_time () < end)
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    g_test_message ("Connection: %s", now != NULL ? now : "(not shown)");
    /* What the server holds then: told apart, a copy that did not end
     * and a copy that ended while what follows it (the keyring) did not */
    {
      g_autofree char *moved = g_strdup_printf ("%s dbname=moved", server);
      RoundsDb *check = rounds_db_open_postgresql (moved, NULL);
      RoundsDbStmt *stmt = NULL;

      if (check != NULL &&
          rounds_db_prepare_v2 (check, "SELECT count(*) FROM posts", -1, &stmt, NULL) == ROUNDS_DB_OK &&
          rounds_db_step (stmt) == ROUNDS_DB_ROW)
        g_test_message ("posts on the server then: %" G_GINT64_FORMAT,
                        rounds_db_column_int64 (stmt, 0));
      rounds_db_finalize (stmt);
      if (check != NULL)
        rounds_db_close (check);
    }
    g_assert_nonnull (now);
  }
  g_assert_cmpstr (NULL, ==, g_str_has_prefix (result_subtitle (GTK_WIDGET (prefs)),
                                               "Moved and checked")
                               ? NULL : result_subtitle (GTK_WIDGET (prefs)));
  g_assert_nonnull (strstr (result_subtitle (GTK_WIDGET (prefs)), "1 image"));
  ui_screenshot (GTK_WIDGET (prefs), "server-moved");

  /* The window shows the practice from the server, all of it */
  store = ui_window_store (window);
  g_assert_true (rounds_store_is_on_server (store));
  g_assert_cmpuint (g_list_model_get_n_items (rounds_store_get_posts (store)), ==, n_posts);
  gtk_window_destroy (GTK_WINDOW (prefs));

  /* The image shows, from the server: this PC's copy is gone */
  media = g_build_filename (fixture->data_dir, "media", NULL);
  away = g_build_filename (fixture->data_dir, "media-away", NULL);
  g_assert_cmpint (g_rename (media, away), ==, 0);
  dialog = rounds_post_dialog_new (rounds_window_get_context (window),
                                   rounds_store_lookup_post (store, post_id));
  gtk_window_present (GTK_WINDOW (dialog));
  wait_until (find_widget (GTK_WIDGET (dialog), match_picture_alt, (gpointer) "The waiting room") != NULL);
  g_assert_true (g_file_test (copy, G_FILE_TEST_IS_REGULAR));   /* fetched back */
  ui_screenshot (GTK_WIDGET (dialog), "server-moved-image");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

#define ADD(path, fn) \
  g_test_add ("/ui/people/" path, UiFixture, NULL, ui_fixture_set_up, fn, ui_fixture_tear_down)
  ADD ("switch-person-records-actor", test_switch_person_records_actor);
  ADD ("writer-cannot-approve", test_writer_cannot_approve);
  ADD ("approve-asks-pin", test_approve_asks_pin);
  ADD ("crisis-approver-choice", test_crisis_approver_choice);
  /* On a practice server: ui-people-pg runs these (-p /ui/people/server) */
  ADD ("server/login", test_login_on_server);
  ADD ("server/writer-login-cannot-approve", test_writer_login_cannot_approve);
  ADD ("server/move-from-preferences", test_move_from_preferences);

  return g_test_run ();
}
