/* test-notifications.c — reminders as desktop notifications, with and
 * without a window
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything runs on a private D-Bus (GTestDBus) where a recording
 * org.freedesktop.Notifications server (fake-notifications.h) stands in
 * for the desktop's. The in-process tests drive a real RoundsApplication
 * with a fake clock; the background test starts the built `rounds
 * --background` on that bus, with its own settings (keyfile backend in a
 * temporary XDG_CONFIG_HOME) and data folder, then starts `rounds` again
 * and checks that the running instance opened its window. Windows are
 * counted through the application's D-Bus export (GtkApplication
 * publishes each window's actions at APP_PATH/window/N) and, when
 * xdotool is installed, as visible X windows named "Rounds".
 */

#include "config.h"

#include <string.h>

#include "fake-notifications.h"
#include "rounds-application-private.h"
#include "rounds-notifier-gio.h"
#include "rounds-notifier-libnotify.h"
#include "rounds-plan-crisis.h"
#include "rounds-plan-step-view.h"
#include "rounds-store-plan.h"
#include "rounds-inbox-poller.h"
#include "rounds-mastodon-stub.h"
#include "rounds-preferences-window.h"
#include "rounds-reply-dialog.h"
#include "rounds-store-inbox.h"
#include "rounds-store-publish.h"
#include "rounds-store-reminders.h"
#include "ui-test-util.h"

#define MINUTE ((gint64)60)
#define HOUR   ((gint64)3600)
#define DAY    ((gint64)86400)

/* Monday 2026-03-02 09:00 in Chicago (15:00 UTC) */
#define T0 ((gint64)1772463600)

#define SECRET_TEXT "Words from a patient that must not show on the screen"

static FakeNotifications *fake;

/* ------------------------------------------------------------------ */
/* Helpers                                                              */

static RoundsContext *
make_practice (UiFixture   *fixture,
               RoundsClock *clock)
{
  g_autoptr(RoundsPractice) practice = rounds_practice_new ();
  g_autoptr(GError) error = NULL;
  RoundsContext *context;

  rounds_application_set_clock (fixture->app, clock);
  context = rounds_application_open_practice (fixture->app, &error);
  g_assert_no_error (error);

  rounds_practice_set_name (practice, "Test Family Practice");
  rounds_practice_set_timezone (practice, "America/Chicago");
  rounds_store_save_practice (rounds_context_get_store (context), practice, &error);
  g_assert_no_error (error);
  return context;
}

static gint64
add_post (RoundsContext    *context,
          gint64            at,
          RoundsNetwork     networks)
{
  g_autoptr(RoundsPost) post = rounds_post_new ();
  g_autoptr(GError) error = NULL;
  RoundsPost *saved;

  rounds_post_set_title (post, "Flu shot clinic");
  rounds_post_set_body (post, SECRET_TEXT);
  rounds_post_set_scheduled_at (post, at);
  rounds_post_set_networks (post, networks);
  saved = rounds_store_import_post (rounds_context_get_store (context), post,
                                    ROUNDS_POST_STATUS_SCHEDULED, "test", &error);
  g_assert_no_error (error);
  return rounds_post_get_id (saved);
}

static GStrv
actions_of (JsonObject *notify)
{
  JsonArray *array = json_object_get_array_member (notify, "actions");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < json_array_get_length (array); i++)
    g_strv_builder_add (builder, json_array_get_string_element (array, i));
  return g_strv_builder_end (builder);
}

static const char *
hint (JsonObject *notify,
      const char *name)
{
  JsonObject *hints = json_object_get_object_member (notify, "hints");

  return json_object_get_string_member_with_default (hints, name, NULL);
}

/* Runs the main loop for @ms and checks that no further Notify came. */
static void
assert_no_more (guint n,
                guint ms)
{
  pump_for (ms);
  g_assert_cmpuint (fake_notifications_count (fake), ==, n);
}

static void
fixture_start (UiFixture *fixture)
{
  rounds_application_start_reminders (fixture->app);
  pump ();
}

/* ------------------------------------------------------------------ */
/* In-process                                                           */

static void
test_due_post_notified_once (UiFixture     *fixture,
                             gconstpointer  data)
{
  g_autoptr(RoundsClock) clock = rounds_clock_new_fake (T0 - DAY);
  g_autoptr(RoundsContext) context = make_practice (fixture, clock);
  g_autoptr(JsonObject) notify = NULL;
  g_autoptr(GListModel) audit = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) actions = NULL;
  guint before = fake_notifications_count (fake);
  gint64 id;
  const char *expected[] = { "default", "Open", "open", "Open", "copy", "Copy Text",
                             "mark-posted", "Mark as Posted", "snooze", "Snooze 1 Hour", NULL };

  /* Posted at 09:00 by hand on Instagram; it is 09:00:10. */
  id = add_post (context, T0, ROUNDS_NETWORK_INSTAGRAM);
  rounds_clock_set_now (clock, T0 + 10);
  fixture_start (fixture);

  g_assert_true (fake_notifications_wait (fake, before + 1, 5000));
  notify = fake_notifications_get (fake, before);
  {
    /* What the desktop received, in the test log (no post text in it). */
    g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), notify);
    g_autofree char *line = json_to_string (node, FALSE);

    g_test_message ("Notify: %s", line);
  }
  g_assert_cmpstr (json_object_get_string_member (notify, "app_name"), ==, "Rounds");
  g_assert_cmpstr (json_object_get_string_member (notify, "app_icon"), ==, APPLICATION_ID);
  g_assert_cmpstr (hint (notify, "desktop-entry"), ==, APPLICATION_ID);
  g_assert_cmpstr (json_object_get_string_member (notify, "summary"), ==,
                   "Time to post on Instagram");
  g_assert_cmpstr (json_object_get_string_member (notify, "body"), ==,
                   "Scheduled for Today 09:00. Copy the text, post it, then mark it as posted.");
  actions = actions_of (notify);
  g_assert_cmpstrv (actions, expected);

  /* Exactly one, although the post changed (it became due) and the
   * scheduler ticked again. */
  g_assert_cmpint (rounds_post_get_status (rounds_store_lookup_post (
                     rounds_context_get_store (context), id)), ==, ROUNDS_POST_STATUS_DUE);
  rounds_background_tick (rounds_application_get_background (fixture->app));
  assert_no_more (before + 1, 1500);

  /* "Mark as Posted", clicked on the notification. */
  fake_notifications_invoke (fake, notify, "mark-posted");
  {
    gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

    while (rounds_post_get_status (rounds_store_lookup_post (rounds_context_get_store (context),
                                                             id)) != ROUNDS_POST_STATUS_PUBLISHED &&
           g_get_monotonic_time () < end)
      pump_for (10);
  }
  g_assert_cmpint (rounds_post_get_status (rounds_store_lookup_post (
                     rounds_context_get_store (context), id)), ==, ROUNDS_POST_STATUS_PUBLISHED);

  audit = rounds_store_list_audit (rounds_context_get_store (context), "post", id, &error);
  g_assert_no_error (error);
  {
    guint n = g_list_model_get_n_items (audit);
    g_autoptr(RoundsAuditEntry) last = g_list_model_get_item (audit, n - 1);

    g_assert_cmpstr (rounds_audit_entry_get_from_state (last), ==, "due");
    g_assert_cmpstr (rounds_audit_entry_get_to_state (last), ==, "published");
    g_assert_cmpstr (rounds_audit_entry_get_reason (last), ==, "Marked as posted from a reminder");
  }

  /* The notification was taken away. */
  g_assert_cmpuint (fake_notifications_count_closed (fake), >=, 1);

  /* A post was scheduled: Rounds starts hidden at login from now on, until
   * the user turns reminding in the background off. */
  {
    g_autoptr(GSettings) settings = g_settings_new ("io.github.roundsapp.Rounds");
    g_autofree char *path = g_build_filename (g_get_user_config_dir (), "autostart",
                                              APPLICATION_ID ".desktop", NULL);
    g_autofree char *entry = NULL;

    g_assert_true (g_file_get_contents (path, &entry, NULL, NULL));
    g_assert_nonnull (strstr (entry, "Exec=rounds --background\n"));
    g_settings_set_boolean (settings, "keep-reminding", FALSE);
    pump ();
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  }
}

static void
test_restart_no_duplicate (UiFixture     *fixture,
                           gconstpointer  data)
{
  g_autoptr(RoundsClock) clock = rounds_clock_new_fake (T0 - DAY);
  g_autoptr(RoundsContext) context = make_practice (fixture, clock);
  g_autoptr(RoundsApplication) second = NULL;
  g_autoptr(GError) error = NULL;
  guint before = fake_notifications_count (fake);

  add_post (context, T0, ROUNDS_NETWORK_FACEBOOK);
  rounds_clock_set_now (clock, T0 + 10);
  fixture_start (fixture);
  g_assert_true (fake_notifications_wait (fake, before + 1, 5000));

  /* Rounds quits and starts again a minute later. */
  g_clear_object (&context);
  g_clear_object (&fixture->app);
  rounds_clock_advance (clock, MINUTE);

  second = rounds_application_new ("io.github.roundsapp.Rounds.TestRestart");
  g_application_set_flags (G_APPLICATION (second), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (second), NULL, &error);
  g_assert_no_error (error);
  rounds_application_set_clock (second, clock);
  rounds_application_start_reminders (second);
  g_assert_nonnull (rounds_application_get_background (second));

  assert_no_more (before + 1, 1500);
  fixture->app = g_steal_pointer (&second);
}

static void
test_missed_while_off (UiFixture     *fixture,
                       gconstpointer  data)
{
  g_autoptr(RoundsClock) clock = rounds_clock_new_fake (T0 - DAY);
  g_autoptr(RoundsContext) context = make_practice (fixture, clock);
  g_autoptr(JsonObject) notify = NULL;
  guint before = fake_notifications_count (fake);

  /* Three posts this morning; the computer was off until noon. */
  add_post (context, T0, ROUNDS_NETWORK_INSTAGRAM);
  add_post (context, T0 + HOUR, ROUNDS_NETWORK_FACEBOOK);
  add_post (context, T0 + 2 * HOUR, ROUNDS_NETWORK_LINKEDIN);
  rounds_clock_set_now (clock, T0 + 3 * HOUR);
  fixture_start (fixture);

  g_assert_true (fake_notifications_wait (fake, before + 1, 5000));
  notify = fake_notifications_get (fake, before);
  g_assert_cmpstr (json_object_get_string_member (notify, "summary"), ==,
                   "3 reminders you missed");
  g_assert_cmpstr (json_object_get_string_member (notify, "body"), ==,
                   "3 posts to publish by hand");
  assert_no_more (before + 1, 1500);
}

static void
test_quiet_hours_and_privacy (UiFixture     *fixture,
                              gconstpointer  data)
{
  g_autoptr(RoundsClock) clock = rounds_clock_new_fake (T0 - DAY);
  g_autoptr(RoundsContext) context = make_practice (fixture, clock);
  g_autoptr(GSettings) settings = g_settings_new ("io.github.roundsapp.Rounds");
  g_autoptr(JsonObject) batch = NULL;
  g_autoptr(JsonObject) with_text = NULL;
  g_autoptr(JsonObject) escaped = NULL;
  g_autoptr(GError) error = NULL;
  RoundsStore *store = rounds_context_get_store (context);
  RoundsBackground *background;
  guint before = fake_notifications_count (fake);

  /* Monday 20:00: quiet hours (18:00–08:00 by default). */
  rounds_clock_set_now (clock, T0 + 11 * HOUR);
  fixture_start (fixture);
  background = rounds_application_get_background (fixture->app);
  for (int i = 0; i < 2; i++)
    rounds_store_add_comment (store, ROUNDS_NETWORK_FACEBOOK, ROUNDS_COMMENT_KIND_COMMENT,
                              "A. Person", SECRET_TEXT, T0 + 11 * HOUR, 0, 0, &error);
  g_assert_no_error (error);
  rounds_background_tick (background);
  assert_no_more (before, 1500);

  /* Tuesday 08:01: one batch, naming the network and the count only. */
  rounds_clock_set_now (clock, T0 + DAY - HOUR + MINUTE);
  rounds_background_tick (background);
  g_assert_true (fake_notifications_wait (fake, before + 1, 5000));
  batch = fake_notifications_get (fake, before);
  g_assert_cmpstr (json_object_get_string_member (batch, "summary"), ==,
                   "2 new comments on Facebook");
  g_assert_cmpstr (json_object_get_string_member (batch, "body"), ==,
                   "Open the Inbox to read and answer them.");
  g_assert_null (strstr (json_object_get_string_member (batch, "body"), "Person"));

  /* "Show message text in notifications" on: the text comes along. */
  g_settings_set_boolean (settings, "notification-show-text", TRUE);
  rounds_store_add_comment (store, ROUNDS_NETWORK_FACEBOOK, ROUNDS_COMMENT_KIND_COMMENT,
                            "A. Person", SECRET_TEXT, T0 + DAY - HOUR, 0, 0, &error);
  rounds_clock_advance (clock, MINUTE);
  rounds_background_tick (background);
  g_assert_true (fake_notifications_wait (fake, before + 2, 5000));
  with_text = fake_notifications_get (fake, before + 1);
  g_assert_cmpstr (json_object_get_string_member (with_text, "summary"), ==,
                   "1 new comment on Facebook");
  g_assert_nonnull (strstr (json_object_get_string_member (with_text, "body"), SECRET_TEXT));

  /* The server reads markup: the text is escaped, not taken as tags. */
  rounds_store_add_comment (store, ROUNDS_NETWORK_FACEBOOK, ROUNDS_COMMENT_KIND_COMMENT,
                            "A. Person", "<3 Thanks & see you", T0 + DAY - HOUR, 0, 0, &error);
  g_assert_no_error (error);
  rounds_clock_advance (clock, MINUTE);
  rounds_background_tick (background);
  g_assert_true (fake_notifications_wait (fake, before + 3, 5000));
  escaped = fake_notifications_get (fake, before + 2);
  g_assert_nonnull (strstr (json_object_get_string_member (escaped, "body"),
                            "&lt;3 Thanks &amp; see you"));
}

/* The crisis plan's "Notify about a possible crisis in quiet hours", as
 * a user turns it on in the Plan's crisis step: in the evening a
 * possible crisis comes at once, on its own and without its words; the
 * other new comment still waits for the morning, and comes then. */
static void
test_crisis_breaks_quiet_hours (UiFixture     *fixture,
                                gconstpointer  data)
{
  g_autoptr(RoundsClock) clock = rounds_clock_new_fake (T0 - DAY);
  g_autoptr(RoundsContext) context = make_practice (fixture, clock);
  g_autoptr(JsonObject) plan = NULL;
  g_autoptr(JsonObject) crisis = NULL;
  g_autoptr(JsonObject) batch = NULL;
  g_autoptr(GError) error = NULL;
  RoundsStore *store = rounds_context_get_store (context);
  RoundsBackground *background;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *step = g_object_new (ROUNDS_TYPE_PLAN_CRISIS, NULL);
  GtkWidget *row, *toggle;
  guint before = fake_notifications_count (fake);
  gint64 crisis_id;

  /* Plan → Crisis: off at first; the user switches it on. */
  gtk_window_set_child (GTK_WINDOW (window), step);
  gtk_window_present (GTK_WINDOW (window));
  rounds_plan_step_view_load (ROUNDS_PLAN_STEP_VIEW (step), NULL, context);
  pump ();
  row = find_row (step, "Notify about a possible crisis in quiet hours");
  g_assert_nonnull (row);
  toggle = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row));
  g_assert_true (GTK_IS_SWITCH (toggle));
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (toggle)));
  adw_action_row_activate (ADW_ACTION_ROW (row));
  pump ();
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (toggle)));
  plan = rounds_plan_step_view_dup_data (ROUNDS_PLAN_STEP_VIEW (step));
  g_assert_true (rounds_store_plan_save_section (store, "crisis", plan, FALSE, &error));
  g_assert_no_error (error);
  gtk_window_destroy (GTK_WINDOW (window));

  /* Read back, the step shows it on. */
  crisis = rounds_store_plan_load_section (store, "crisis", NULL, &error);
  g_assert_no_error (error);
  window = gtk_window_new ();
  step = g_object_new (ROUNDS_TYPE_PLAN_CRISIS, NULL);
  gtk_window_set_child (GTK_WINDOW (window), step);
  gtk_window_present (GTK_WINDOW (window));
  rounds_plan_step_view_load (ROUNDS_PLAN_STEP_VIEW (step), crisis, context);
  pump ();
  row = find_row (step, "Notify about a possible crisis in quiet hours");
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (adw_action_row_get_activatable_widget (
                                                      ADW_ACTION_ROW (row)))));
  gtk_window_destroy (GTK_WINDOW (window));

  /* Monday 20:00: quiet hours. A kind word and a threat arrive. */
  rounds_clock_set_now (clock, T0 + 11 * HOUR);
  fixture_start (fixture);
  background = rounds_application_get_background (fixture->app);
  rounds_store_inbox_add_by_hand (store, ROUNDS_NETWORK_FACEBOOK, "A. Person",
                                  "Love this! So important", NULL, 0, &error);
  g_assert_no_error (error);
  crisis_id = rounds_store_inbox_add_by_hand (store, ROUNDS_NETWORK_FACEBOOK, "B. Person",
                                              "See you in court.", NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rounds_comment_get_triage (rounds_store_lookup_comment (store, crisis_id)), ==,
                   ROUNDS_TRIAGE_CRISIS);
  rounds_background_tick (background);

  g_assert_true (fake_notifications_wait (fake, before + 1, 5000));
  {
    g_autoptr(JsonObject) notify = fake_notifications_get (fake, before);

    g_assert_cmpstr (json_object_get_string_member (notify, "summary"), ==,
                     "Possible crisis on Facebook");
    g_assert_null (strstr (json_object_get_string_member (notify, "body"), "court"));
    g_assert_null (strstr (json_object_get_string_member (notify, "body"), "Person"));
  }
  rounds_clock_advance (clock, HOUR);
  rounds_background_tick (background);
  assert_no_more (before + 1, 1500);

  /* Tuesday 08:01: the kind word, once; the crisis is not told again. */
  rounds_clock_set_now (clock, T0 + DAY - HOUR + MINUTE);
  rounds_background_tick (background);
  g_assert_true (fake_notifications_wait (fake, before + 2, 5000));
  batch = fake_notifications_get (fake, before + 1);
  g_assert_cmpstr (json_object_get_string_member (batch, "summary"), ==,
                   "1 new comment on Facebook");
  rounds_clock_advance (clock, MINUTE);
  rounds_background_tick (background);
  assert_no_more (before + 2, 1500);
}

static void
test_gnotification_backend (UiFixture     *fixture,
                            gconstpointer  data)
{
  g_autoptr(RoundsClock) clock = rounds_clock_new_fake (T0 - DAY);
  g_autoptr(RoundsContext) context = NULL;
  g_autoptr(JsonObject) notify = NULL;
  g_auto(GStrv) actions = NULL;
  guint before = fake_notifications_count (fake);
  gint64 id;

  /* Under Flatpak GNotification serves (the portal), elsewhere libnotify. */
  {
    g_autoptr(RoundsNotifier) plain = NULL;
    g_autoptr(RoundsNotifier) sandboxed = NULL;

    plain = rounds_notifier_new_for_application (G_APPLICATION (fixture->app));
    g_setenv ("FLATPAK_ID", APPLICATION_ID, TRUE);
    sandboxed = rounds_notifier_new_for_application (G_APPLICATION (fixture->app));
    g_unsetenv ("FLATPAK_ID");
    if (!g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS))
      g_assert_true (ROUNDS_IS_NOTIFIER_LIBNOTIFY (plain));
    g_assert_true (ROUNDS_IS_NOTIFIER_GIO (sandboxed));
  }

  /* As under Flatpak: GNotification (its freedesktop backend here). */
  g_setenv ("ROUNDS_NOTIFIER", "gio", TRUE);
  context = make_practice (fixture, clock);
  g_unsetenv ("ROUNDS_NOTIFIER");

  id = add_post (context, T0, ROUNDS_NETWORK_INSTAGRAM);
  rounds_clock_set_now (clock, T0 + 10);
  fixture_start (fixture);
  g_assert_true (fake_notifications_wait (fake, before + 1, 5000));
  notify = fake_notifications_get (fake, before);
  g_assert_cmpstr (json_object_get_string_member (notify, "summary"), ==,
                   "Time to post on Instagram");
  actions = actions_of (notify);
  g_assert_true (g_strv_contains ((const char * const *)actions, "Mark as Posted"));
  g_assert_true (g_strv_contains ((const char * const *)actions, "Snooze 1 Hour"));

  /* GLib turns the button back into app.mark-posted(id). */
  for (guint i = 0; actions[i] != NULL && actions[i + 1] != NULL; i += 2)
    if (g_str_equal (actions[i + 1], "Mark as Posted"))
      fake_notifications_invoke (fake, notify, actions[i]);
  {
    gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

    while (rounds_post_get_status (rounds_store_lookup_post (rounds_context_get_store (context),
                                                             id)) != ROUNDS_POST_STATUS_PUBLISHED &&
           g_get_monotonic_time () < end)
      pump_for (10);
  }
  g_assert_cmpint (rounds_post_get_status (rounds_store_lookup_post (
                     rounds_context_get_store (context), id)), ==, ROUNDS_POST_STATUS_PUBLISHED);
}

static void
test_damaged_data_says_paused (UiFixture     *fixture,
                               gconstpointer  data)
{
  g_autofree char *db = g_build_filename (fixture->data_dir, "rounds.db", NULL);
  g_autofree char *garbage = g_strnfill (8192, 'x');
  g_autoptr(JsonObject) notify = NULL;
  guint before = fake_notifications_count (fake);

  /* Started at login with a damaged file and no window: the practice
   * hears that reminders are paused, instead of silently getting none. */
  g_assert_true (g_file_set_contents (db, garbage, 8192, NULL));
  fixture_start (fixture);
  g_assert_null (rounds_application_get_background (fixture->app));
  g_assert_true (fake_notifications_wait (fake, before + 1, 5000));
  notify = fake_notifications_get (fake, before);
  g_assert_cmpstr (json_object_get_string_member (notify, "summary"), ==,
                   "Reminders are paused");
}

static void
test_preferences (UiFixture     *fixture,
                  gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.roundsapp.Rounds");
  RoundsPreferencesWindow *prefs;
  GtkWidget *row;
  GtkWidget *lead;

  prefs = rounds_preferences_window_new (settings, NULL);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), "reminders");
  gtk_window_present (GTK_WINDOW (prefs));
  pump ();

  /* Message text is off by default; the switch turns it on. */
  g_assert_false (g_settings_get_boolean (settings, "notification-show-text"));
  row = find_row (GTK_WIDGET (prefs), "Show message text in notifications");
  g_assert_nonnull (row);
  gtk_widget_activate (row);
  pump ();
  g_assert_true (g_settings_get_boolean (settings, "notification-show-text"));

  /* Each kind can be switched off. */
  row = find_row (GTK_WIDGET (prefs), "New comments and reviews");
  g_assert_nonnull (row);
  gtk_widget_activate (row);
  pump ();
  g_assert_false (g_settings_get_boolean (settings, "remind-comments"));

  row = find_row (GTK_WIDGET (prefs), "Keep reminding me when Rounds is closed");
  g_assert_nonnull (row);
  g_assert_true (g_settings_get_boolean (settings, "keep-reminding"));
  gtk_widget_activate (row);
  pump ();
  g_assert_false (g_settings_get_boolean (settings, "keep-reminding"));

  /* The lead time: 15 minutes by default, one hour chosen. */
  lead = find_row (GTK_WIDGET (prefs), "Remind me before a post");
  g_assert_nonnull (lead);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (lead)), ==, 2);
  adw_combo_row_set_selected (ADW_COMBO_ROW (lead), 4);
  g_assert_cmpint (g_settings_get_int (settings, "reminder-lead-minutes"), ==, 60);

  /* Quiet hours: the hours follow the switch. */
  row = find_row (GTK_WIDGET (prefs), "Quiet from");
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_get_sensitive (row));
  gtk_widget_activate (find_row (GTK_WIDGET (prefs), "Quiet evenings"));
  pump ();
  g_assert_false (g_settings_get_boolean (settings, "quiet-hours"));
  g_assert_false (gtk_widget_get_sensitive (row));

  gtk_window_destroy (GTK_WINDOW (prefs));
}

static void
on_clipboard_text_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  char **text = user_data;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
  if (*text == NULL)
    *text = g_strdup ("");
}

/* The Inbox (issue 14): the poller runs in the background at the
 * interval from Preferences; a complaint fetched from the network (the
 * Mastodon stand-in, through the real connector) raises exactly one
 * notification, without its text or author, and a click on it opens that
 * item in the Inbox. */
static void
on_secret_stored_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  gboolean *done = user_data;

  g_assert_true (rounds_secrets_store_finish (ROUNDS_SECRETS (source), result, NULL));
  *done = TRUE;
}

static void
on_round_cb (RoundsInboxPoller *poller,
             guint              n_new,
             guint             *rounds)
{
  (*rounds)++;
}

static void
poll_round (RoundsInboxPoller *poller,
            guint             *rounds)
{
  guint before = *rounds;
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  rounds_inbox_poller_refresh (poller);
  while (*rounds == before && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (*rounds, ==, before + 1);
}

static RoundsReplyDialog *
find_reply_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* (transfer none) */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ROUNDS_IS_REPLY_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ROUNDS_REPLY_DIALOG (window);
    }
  return NULL;
}

static void
test_new_comment_opens_inbox (UiFixture     *fixture,
                              gconstpointer  data)
{
  g_autoptr(RoundsClock) clock = rounds_clock_new_fake (T0);
  g_autoptr(RoundsContext) context = make_practice (fixture, clock);
  g_autoptr(GSettings) settings = g_settings_new ("io.github.roundsapp.Rounds");
  g_autoptr(RoundsMastodonStub) stub = NULL;
  g_autoptr(RoundsSecrets) secrets = rounds_secrets_new_in_memory ();
  g_autoptr(RoundsInboxPoller) poller = NULL;
  g_autoptr(JsonObject) notify = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *mention = NULL;
  RoundsStore *store = rounds_context_get_store (context);
  RoundsInboxPoller *background_poller;
  RoundsAccount *account;
  g_autoptr(RoundsComment) comment = NULL;
  RoundsReplyDialog *dialog = NULL;
  GtkWindow *window;
  gboolean stored = FALSE;
  guint rounds = 0, before;
  gint64 end;

  fixture_start (fixture);

  /* The background runs a poller, every inbox-poll-minutes. */
  background_poller = rounds_background_get_inbox_poller (rounds_application_get_background (fixture->app));
  g_assert_nonnull (background_poller);
  g_assert_cmpuint (rounds_inbox_poller_get_interval (background_poller), ==, 5 * 60);
  g_settings_set_int (settings, "inbox-poll-minutes", 15);
  g_assert_cmpuint (rounds_inbox_poller_get_interval (background_poller), ==, 15 * 60);
  g_settings_reset (settings, "inbox-poll-minutes");
  g_assert_cmpuint (rounds_inbox_poller_get_interval (background_poller), ==, 5 * 60);
  /* From here a poller of the test's own polls, with the token in memory
   * rather than in a keyring this private bus does not have. */
  rounds_inbox_poller_stop (background_poller);

  stub = rounds_mastodon_stub_new (&error);
  g_assert_no_error (error);
  rounds_mastodon_stub_add_token (stub, "test-token-inbox");
  account = rounds_store_add_account (store, ROUNDS_NETWORK_MASTODON,
                                      rounds_mastodon_stub_get_base_url (stub),
                                      "@clinic@127.0.0.1", "Clinic", "1", 0, &error);
  g_assert_no_error (error);
  rounds_secrets_store_async (secrets, rounds_account_get_secret_id (account), "test",
                              "{\"access_token\": \"test-token-inbox\"}", NULL,
                              on_secret_stored_cb, &stored);
  while (!stored)
    g_main_context_iteration (NULL, TRUE);
  poller = rounds_inbox_poller_new (store, secrets);
  g_signal_connect (poller, "round-finished", G_CALLBACK (on_round_cb), &rounds);
  rounds_inbox_poller_start (poller, FALSE);
  poll_round (poller, &rounds);
  assert_no_more (fake_notifications_count (fake), 1500);

  before = fake_notifications_count (fake);
  mention = rounds_mastodon_stub_add_mention (stub, "lee@other.example", "Lee Person",
                                              "<p>@clinic Rude front desk, waited two hours. "
                                              "Awful.</p>", NULL);
  poll_round (poller, &rounds);
  g_assert_cmpuint (g_list_model_get_n_items (rounds_store_get_comments (store)), ==, 1);
  comment = g_list_model_get_item (rounds_store_get_comments (store), 0);
  g_assert_cmpint (rounds_comment_get_triage (comment), ==, ROUNDS_TRIAGE_COMPLAINT);

  g_assert_true (fake_notifications_wait (fake, before + 1, 5000));
  notify = fake_notifications_get (fake, before);
  g_assert_cmpstr (json_object_get_string_member (notify, "summary"), ==,
                   "A complaint on Mastodon");
  g_assert_null (strstr (json_object_get_string_member (notify, "body"), "Rude"));
  g_assert_null (strstr (json_object_get_string_member (notify, "body"), "Lee"));
  /* Exactly one: another poll finds nothing new, and nothing comes. */
  poll_round (poller, &rounds);
  g_assert_cmpuint (g_list_model_get_n_items (rounds_store_get_comments (store)), ==, 1);
  assert_no_more (before + 1, 1500);

  /* A click opens the item in the Inbox. */
  fake_notifications_invoke (fake, notify, "default");
  end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while ((dialog = find_reply_dialog ()) == NULL && g_get_monotonic_time () < end)
    pump_for (10);
  g_assert_nonnull (dialog);
  g_assert_cmpint (rounds_comment_get_id (rounds_reply_dialog_get_comment (dialog)), ==,
                   rounds_comment_get_id (comment));
  window = gtk_application_get_active_window (GTK_APPLICATION (fixture->app));
  if (!ROUNDS_IS_WINDOW (window))
    window = gtk_window_get_transient_for (GTK_WINDOW (dialog));
  g_assert_true (ROUNDS_IS_WINDOW (window));
  g_assert_cmpstr (rounds_window_get_place (ROUNDS_WINDOW (window)), ==, "inbox");
  /* Opened is read. */
  g_assert_cmpint (rounds_comment_get_state (rounds_store_lookup_comment (store,
                     rounds_comment_get_id (comment))), ==, ROUNDS_INBOX_STATE_READ);
  gtk_window_destroy (GTK_WINDOW (dialog));
  rounds_inbox_poller_stop (poller);
}

static void
test_copy_and_snooze (UiFixture     *fixture,
                      gconstpointer  data)
{
  g_autoptr(RoundsClock) clock = rounds_clock_new_fake (T0 - DAY);
  g_autoptr(RoundsContext) context = make_practice (fixture, clock);
  g_autoptr(JsonObject) notify = NULL;
  g_autoptr(JsonObject) again = NULL;
  g_autofree char *copied = NULL;
  guint before = fake_notifications_count (fake);

  add_post (context, T0, ROUNDS_NETWORK_INSTAGRAM);
  rounds_clock_set_now (clock, T0 + 10);
  fixture_start (fixture);
  g_assert_true (fake_notifications_wait (fake, before + 1, 5000));
  notify = fake_notifications_get (fake, before);

  /* "Copy Text": the post's text is on the clipboard, ready to paste. */
  fake_notifications_invoke (fake, notify, "copy");
  pump_for (500);
  gdk_clipboard_read_text_async (gdk_display_get_clipboard (gdk_display_get_default ()), NULL,
                                 on_clipboard_text_cb, &copied);
  while (copied == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (copied, ==, SECRET_TEXT);

  /* "Snooze 1 Hour": gone, and back once an hour later. */
  fake_notifications_invoke (fake, notify, "snooze");
  pump_for (500);
  rounds_clock_advance (clock, 30 * MINUTE);
  rounds_background_tick (rounds_application_get_background (fixture->app));
  assert_no_more (before + 1, 500);
  rounds_clock_advance (clock, 31 * MINUTE);
  rounds_background_tick (rounds_application_get_background (fixture->app));
  g_assert_true (fake_notifications_wait (fake, before + 2, 5000));
  again = fake_notifications_get (fake, before + 1);
  g_assert_cmpstr (json_object_get_string_member (again, "summary"), ==,
                   "Time to post on Instagram");
  rounds_clock_advance (clock, 2 * HOUR);
  rounds_background_tick (rounds_application_get_background (fixture->app));
  assert_no_more (before + 2, 1000);
}

/* ------------------------------------------------------------------ */
/* The background instance                                              */

typedef struct
{
  char  *root;
  char  *config;
  char  *data;
  GStrv  env;
} Sandbox;

static GSubprocess *
spawn_rounds (Sandbox     *box,
              const char  *arg)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autofree char *exe = g_build_filename (g_getenv ("ROUNDS_BUILD_ROOT"), "src", "rounds", NULL);
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_subprocess_launcher_set_environ (launcher, box->env);
  process = g_subprocess_launcher_spawn (launcher, &error, exe, arg, NULL);
  g_assert_no_error (error);
  return process;
}

static gboolean
name_has_owner (GDBusConnection *bus,
                const char      *name)
{
  g_autoptr(GVariant) reply = NULL;
  gboolean owned = FALSE;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", name), G_VARIANT_TYPE ("(b)"),
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &owned);
  return owned;
}

static char *
app_path (void)
{
  g_autofree char *path = g_strdelimit (g_strdup ("/" APPLICATION_ID), ".", '/');

  return g_steal_pointer (&path);
}

/* The running instance's windows, as exported on the bus. */
static guint
count_windows (GDBusConnection *bus)
{
  g_autofree char *path = g_strconcat (app_path (), "/window", NULL);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GDBusNodeInfo) node = NULL;
  const char *xml;

  reply = g_dbus_connection_call_sync (bus, APPLICATION_ID, path,
                                       "org.freedesktop.DBus.Introspectable", "Introspect", NULL,
                                       G_VARIANT_TYPE ("(s)"), G_DBUS_CALL_FLAGS_NONE, 5000, NULL,
                                       NULL);
  if (reply == NULL)
    return 0;
  g_variant_get (reply, "(&s)", &xml);
  node = g_dbus_node_info_new_for_xml (xml, NULL);
  if (node == NULL || node->nodes == NULL)
    return 0;

  return g_strv_length ((char **)node->nodes);
}

/* Visible X windows named "Rounds" (when xdotool is there), or -1. */
static int
count_x_windows (void)
{
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  int status = 0;
  int n = 0;

  if (xdotool == NULL || g_getenv ("DISPLAY") == NULL)
    return -1;

  {
    const char *argv[] = { xdotool, "search", "--onlyvisible", "--name", "^Rounds$", NULL };

    if (!g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out,
                       NULL, &status, NULL))
      return -1;
  }

  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '\0')
      n++;
  return n;
}

static void
wait_for (gboolean (*check) (gpointer),
          gpointer   data,
          guint      ms)
{
  gint64 end = g_get_monotonic_time () + (gint64)ms * 1000;

  while (!check (data) && g_get_monotonic_time () < end)
    pump_for (50);
}

static GDBusConnection *session_bus;

static gboolean
check_owned (gpointer data)
{
  return name_has_owner (session_bus, APPLICATION_ID) == GPOINTER_TO_INT (data);
}

static gboolean
check_window (gpointer data)
{
  return count_windows (session_bus) >= 1;
}

static gboolean
check_no_window (gpointer data)
{
  return count_windows (session_bus) == 0;
}

static gboolean
check_x_window (gpointer data)
{
  return count_x_windows () != 0;
}

static gboolean
check_no_x_window (gpointer data)
{
  return count_x_windows () == 0;
}

static void
quit_instance (GSubprocess *process)
{
  g_autofree char *path = app_path ();
  g_autoptr(GError) error = NULL;

  g_dbus_connection_call_sync (session_bus, APPLICATION_ID, path, "org.gtk.Actions", "Activate",
                               g_variant_new ("(sava{sv})", "quit", NULL, NULL), NULL,
                               G_DBUS_CALL_FLAGS_NONE, 5000, NULL, &error);
  g_assert_no_error (error);
  wait_for (check_owned, GINT_TO_POINTER (FALSE), 10000);
  g_assert_false (name_has_owner (session_bus, APPLICATION_ID));
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
}

static void
test_background_instance (void)
{
  Sandbox box = { NULL };
  g_autoptr(GSubprocess) background = NULL;
  g_autoptr(GSubprocess) second = NULL;
  g_autoptr(GSubprocess) again = NULL;
  g_autoptr(JsonObject) notify = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *autostart = NULL;
  g_autofree char *entry = NULL;
  g_autofree char *db = NULL;
  guint before = fake_notifications_count (fake);
  guint shown = before + 1;
  gint64 post_id;
  int x_windows;

  if (g_getenv ("ROUNDS_BUILD_ROOT") == NULL)
    {
      g_test_skip ("ROUNDS_BUILD_ROOT is not set: run through meson test");
      return;
    }

  session_bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);

  box.root = g_dir_make_tmp ("rounds-background-XXXXXX", &error);
  g_assert_no_error (error);
  box.config = g_build_filename (box.root, "config", NULL);
  box.data = g_build_filename (box.root, "data", NULL);
  g_mkdir_with_parents (box.config, 0700);
  g_mkdir_with_parents (box.data, 0700);
  box.env = ui_background_environ (box.config, box.data);

  /* A practice with an Instagram post due a minute ago (real time). */
  db = g_build_filename (box.data, "rounds.db", NULL);
  {
    g_autoptr(RoundsClock) clock = rounds_clock_new_real ();
    g_autoptr(RoundsStore) store = rounds_store_open (db, clock, ROUNDS_STORE_OPEN_NO_BACKUPS,
                                                      &error);
    g_autoptr(RoundsContext) context = NULL;
    g_autoptr(RoundsPractice) practice = rounds_practice_new ();

    g_assert_no_error (error);
    rounds_practice_set_name (practice, "Test Family Practice");
    rounds_practice_set_timezone (practice, "UTC");
    rounds_store_save_practice (store, practice, &error);
    g_assert_no_error (error);
    context = rounds_context_new (store, FALSE);
    post_id = add_post (context, rounds_clock_get_now (clock) - MINUTE, ROUNDS_NETWORK_INSTAGRAM);
    rounds_store_close (store);
  }

  /* 1. `rounds --background`: running, reminding, no window. */
  background = spawn_rounds (&box, "--background");
  wait_for (check_owned, GINT_TO_POINTER (TRUE), 15000);
  g_assert_true (name_has_owner (session_bus, APPLICATION_ID));

  g_assert_true (fake_notifications_wait (fake, before + 1, 15000));
  notify = fake_notifications_get (fake, before);
  g_assert_cmpstr (json_object_get_string_member (notify, "summary"), ==,
                   "Time to post on Instagram");
  g_assert_cmpstr (hint (notify, "desktop-entry"), ==, APPLICATION_ID);

  pump_for (2000);
  g_assert_cmpuint (fake_notifications_count (fake), ==, before + 1);
  g_assert_cmpuint (count_windows (session_bus), ==, 0);
  x_windows = count_x_windows ();
  g_assert_true (x_windows <= 0);
  g_assert_nonnull (g_subprocess_get_identifier (background));   /* still running */

  /* It keeps an autostart entry that starts it hidden at login. */
  autostart = g_build_filename (box.config, "autostart", APPLICATION_ID ".desktop", NULL);
  g_assert_true (g_file_get_contents (autostart, &entry, NULL, NULL));
  g_assert_nonnull (strstr (entry, "/src/rounds --background\n"));
  g_assert_nonnull (strstr (entry, "X-GNOME-Autostart-enabled=true"));
  {
    g_autofree char *validate = g_find_program_in_path ("desktop-file-validate");
    int status = 0;

    if (validate != NULL)
      {
        const char *argv[] = { validate, autostart, NULL };

        g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL,
                                     NULL, NULL, NULL, &status, NULL));
        g_assert_true (g_spawn_check_wait_status (status, NULL));
      }
  }

  /* A second `rounds --background` (say, a second login script) leaves
   * at once and opens nothing. */
  {
    g_autoptr(GSubprocess) twice = spawn_rounds (&box, "--background");

    g_subprocess_wait_check (twice, NULL, &error);
    g_assert_no_error (error);
    pump_for (500);
    g_assert_cmpuint (count_windows (session_bus), ==, 0);
  }

  /* "Mark as Posted" on the notification of the windowless instance. */
  fake_notifications_invoke (fake, notify, "mark-posted");
  pump_for (1000);

  /* 2. Starting Rounds again opens the running instance's window. */
  second = spawn_rounds (&box, NULL);
  g_subprocess_wait_check (second, NULL, &error);
  g_assert_no_error (error);
  wait_for (check_window, NULL, 15000);
  g_assert_cmpuint (count_windows (session_bus), ==, 1);
  wait_for (check_x_window, NULL, 10000);
  x_windows = count_x_windows ();
  if (x_windows >= 0)
    g_assert_cmpint (x_windows, ==, 1);
  g_assert_nonnull (g_subprocess_get_identifier (background));   /* still running */

  /* 3. Closing the window (Ctrl+W) leaves it running, windowless. */
  if (x_windows == 1)
    {
      g_autofree char *xdotool = g_find_program_in_path ("xdotool");
      g_autofree char *focus = g_strdup_printf ("%s search --onlyvisible --name ^Rounds$ "
                                                "windowfocus --sync", xdotool);
      /* The keys in a command of their own: chained after the search,
       * xdotool sends the release to the found window, which Ctrl+W has
       * closed, and "w" stays down in the X server (repeating into every
       * later test's window on the same display). Without a window both
       * go through XTEST. */
      g_autofree char *keys = g_strdup_printf ("%s key ctrl+w", xdotool);

      g_assert_true (g_spawn_command_line_sync (focus, NULL, NULL, NULL, NULL));
      g_assert_true (g_spawn_command_line_sync (keys, NULL, NULL, NULL, NULL));
      wait_for (check_no_window, NULL, 10000);
      g_assert_cmpuint (count_windows (session_bus), ==, 0);
      /* The X window may go a moment after the window left the bus. */
      wait_for (check_no_x_window, NULL, 10000);
      g_assert_cmpint (count_x_windows (), ==, 0);
      pump_for (1000);
      g_assert_true (name_has_owner (session_bus, APPLICATION_ID));
      g_assert_nonnull (g_subprocess_get_identifier (background));

      /* Said once, so that a program running unseen is no surprise. */
      g_assert_true (fake_notifications_wait (fake, before + 2, 5000));
      {
        g_autoptr(JsonObject) notice = fake_notifications_get (fake, before + 1);

        g_assert_cmpstr (json_object_get_string_member (notice, "summary"), ==,
                         "Rounds is still running");
      }
      shown = before + 2;
    }
  else
    g_test_message ("xdotool not found: closing the window was not checked");

  quit_instance (background);

  /* The post was marked as posted by the background instance. */
  {
    g_autoptr(RoundsClock) clock = rounds_clock_new_real ();
    g_autoptr(RoundsStore) store = rounds_store_open (db, clock, ROUNDS_STORE_OPEN_NO_BACKUPS,
                                                      &error);

    g_assert_no_error (error);
    g_assert_cmpint (rounds_post_get_status (rounds_store_lookup_post (store, post_id)), ==,
                     ROUNDS_POST_STATUS_PUBLISHED);
    rounds_store_close (store);
  }

  /* 4. Started again: nothing is repeated. */
  again = spawn_rounds (&box, "--background");
  wait_for (check_owned, GINT_TO_POINTER (TRUE), 15000);
  pump_for (3000);
  g_assert_cmpuint (fake_notifications_count (fake), ==, shown);
  quit_instance (again);

  rounds_test_remove_tree (box.root);
  g_free (box.root);
  g_free (box.config);
  g_free (box.data);
  g_strfreev (box.env);
  g_clear_object (&session_bus);
}

int
main (int   argc,
      char *argv[])
{
  GTestDBus *bus;   /* not freed: finalizing it waits for the connection */
  g_autofree char *display = g_strdup (g_getenv ("DISPLAY"));
  g_autofree char *config_dir = NULL;
  int status;

  /* A private bus before anything connects: the recording server owns
   * org.freedesktop.Notifications on it. */
  g_setenv ("GNOTIFICATION_BACKEND", "freedesktop", TRUE);
  /* The autostart entry goes to a folder of this run, not the user's. */
  config_dir = g_dir_make_tmp ("rounds-config-XXXXXX", NULL);
  g_setenv ("XDG_CONFIG_HOME", config_dir, TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  /* No accessibility bus: services it starts on this private bus would
   * print on our stdout, which is TAP. Nothing here reads the a11y tree. */
  g_setenv ("GTK_A11Y", "none", TRUE);
  bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  /* The system's services, as under dbus-run-session: the accessibility
   * bus is started on demand. */
  g_test_dbus_add_service_dir (bus, "/usr/share/dbus-1/services");
  g_test_dbus_up (bus);
  /* GTestDBus unsets DISPLAY (against X11 autolaunch); the tests need it. */
  if (display != NULL)
    g_setenv ("DISPLAY", display, TRUE);
  fake = fake_notifications_start (g_test_dbus_get_bus_address (bus));

  gtk_test_init (&argc, &argv, NULL);

#define ADD(path, fn) \
  g_test_add ("/ui/notifications/" path, UiFixture, NULL, ui_fixture_set_up, fn, \
              ui_fixture_tear_down)

  ADD ("due-post-once", test_due_post_notified_once);
  ADD ("restart-no-duplicate", test_restart_no_duplicate);
  ADD ("missed-while-off", test_missed_while_off);
  ADD ("quiet-hours-and-privacy", test_quiet_hours_and_privacy);
  ADD ("crisis-breaks-quiet-hours", test_crisis_breaks_quiet_hours);
  ADD ("gnotification-backend", test_gnotification_backend);
  ADD ("preferences", test_preferences);
  ADD ("damaged-data-says-paused", test_damaged_data_says_paused);
  ADD ("copy-and-snooze", test_copy_and_snooze);
  ADD ("new-comment-opens-inbox", test_new_comment_opens_inbox);
  g_test_add_func ("/ui/notifications/background-instance", test_background_instance);

  status = g_test_run ();

  fake_notifications_stop (fake);
  /* Not g_test_dbus_down(): libnotify and GApplication keep the session
   * connection to the end. */
  g_test_dbus_stop (bus);
  rounds_test_remove_tree (config_dir);
  return status;
}
