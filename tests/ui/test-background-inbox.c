/* test-background-inbox.c — the windowless `rounds --background` polls
 * the Inbox by itself and says so once
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run by tests/core/keyring-run.sh: a private session bus with its own
 * GNOME Keyring, where the account's token is stored for real, as
 * Preferences → Accounts stores it. On that bus a recording
 * org.freedesktop.Notifications server (fake-notifications.h) stands in
 * for the desktop's. The built `rounds --background` runs with its own
 * settings (keyfile backend in a temporary XDG_CONFIG_HOME: the Inbox is
 * polled every minute, no quiet hours) and data folder, and a Mastodon
 * account whose server is the Mastodon stand-in (tests/servers), served
 * from this process on 127.0.0.1.
 */

#include "config.h"

#include <string.h>

#include "fake-notifications.h"
#include "rounds-context.h"
#include "rounds-mastodon-stub.h"
#include "rounds-secrets.h"
#include "rounds-store-inbox.h"
#include "rounds-store-publish.h"
#include "ui-test-util.h"

#define TOKEN "token-of-the-background-test"

static FakeNotifications *fake;
static GDBusConnection *session_bus;

typedef struct
{
  char  *root;
  char  *config;
  char  *data;
  GStrv  env;
} Sandbox;

static GSubprocess *
spawn_background (Sandbox *box)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autofree char *exe = g_build_filename (g_getenv ("ROUNDS_BUILD_ROOT"), "src", "rounds", NULL);
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_subprocess_launcher_set_environ (launcher, box->env);
  process = g_subprocess_launcher_spawn (launcher, &error, exe, "--background", NULL);
  g_assert_no_error (error);
  return process;
}

static gboolean
name_has_owner (const char *name)
{
  g_autoptr(GVariant) reply = NULL;
  gboolean owned = FALSE;

  reply = g_dbus_connection_call_sync (session_bus, "org.freedesktop.DBus",
                                       "/org/freedesktop/DBus", "org.freedesktop.DBus",
                                       "NameHasOwner", g_variant_new ("(s)", name),
                                       G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL,
                                       NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &owned);
  return owned;
}

static void
quit_instance (GSubprocess *process)
{
  g_autofree char *path = g_strdelimit (g_strdup ("/" APPLICATION_ID), ".", '/');
  g_autoptr(GError) error = NULL;

  g_dbus_connection_call_sync (session_bus, APPLICATION_ID, path, "org.gtk.Actions", "Activate",
                               g_variant_new ("(sava{sv})", "quit", NULL, NULL), NULL,
                               G_DBUS_CALL_FLAGS_NONE, 5000, NULL, &error);
  g_assert_no_error (error);
  wait_until (!name_has_owner (APPLICATION_ID));
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
}

/* The Mastodon stand-in was asked for the account's notifications
 * (mentions) more than @since times, the last time with the account's
 * token from the keyring. */
static gboolean
polled_since (RoundsMastodonStub *stub,
              guint               since)
{
  const char *auth = rounds_mastodon_stub_get_last_header (stub, "/api/v1/notifications",
                                                           "Authorization");

  return rounds_mastodon_stub_count_requests_to (stub, "/api/v1/notifications") > since &&
         g_strcmp0 (auth, "Bearer " TOKEN) == 0;
}

static void
on_stored_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rounds_secrets_store_finish (ROUNDS_SECRETS (source), result, &error));
  g_assert_no_error (error);
  *(gboolean *)user_data = TRUE;
}

static guint
count_comments (const char *db)
{
  g_autoptr(RoundsClock) clock = rounds_clock_new_real ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RoundsStore) store = rounds_store_open (db, clock, ROUNDS_STORE_OPEN_NO_BACKUPS,
                                                    &error);
  guint n;

  g_assert_no_error (error);
  n = g_list_model_get_n_items (rounds_store_get_comments (store));
  rounds_store_close (store);
  return n;
}

static void
test_background_polls (void)
{
  Sandbox box = { NULL };
  g_autoptr(RoundsMastodonStub) stub = NULL;
  g_autoptr(GSubprocess) background = NULL;
  g_autoptr(GSubprocess) again = NULL;
  g_autoptr(JsonObject) notify = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *settings_dir = NULL;
  g_autofree char *keyfile = NULL;
  g_autofree char *db = NULL;
  g_autofree char *mention = NULL;
  guint before = fake_notifications_count (fake);
  guint requests;
  gint64 end;

  if (g_getenv ("ROUNDS_BUILD_ROOT") == NULL)
    {
      g_test_skip ("ROUNDS_BUILD_ROOT is not set: run through meson test");
      return;
    }

  stub = rounds_mastodon_stub_new (&error);
  g_assert_no_error (error);
  rounds_mastodon_stub_add_token (stub, TOKEN);

  box.root = g_dir_make_tmp ("rounds-background-inbox-XXXXXX", &error);
  g_assert_no_error (error);
  box.config = g_build_filename (box.root, "config", NULL);
  box.data = g_build_filename (box.root, "data", NULL);
  g_mkdir_with_parents (box.data, 0700);
  settings_dir = g_build_filename (box.config, "glib-2.0", "settings", NULL);
  g_mkdir_with_parents (settings_dir, 0700);
  /* Every minute (the shortest the Preferences allow), at any hour. */
  keyfile = g_build_filename (settings_dir, "keyfile", NULL);
  g_assert_true (g_file_set_contents (keyfile,
                                      "[io/github/roundsapp/Rounds]\n"
                                      "inbox-poll-minutes=1\n"
                                      "quiet-hours=false\n"
                                      "quiet-weekends=false\n", -1, &error));
  g_assert_no_error (error);
  box.env = ui_background_environ (box.config, box.data);

  /* A practice with one Mastodon account; its token in the keyring. */
  db = g_build_filename (box.data, "rounds.db", NULL);
  {
    g_autoptr(RoundsClock) clock = rounds_clock_new_real ();
    g_autoptr(RoundsStore) store = rounds_store_open (db, clock, ROUNDS_STORE_OPEN_NO_BACKUPS,
                                                      &error);
    g_autoptr(RoundsPractice) practice = rounds_practice_new ();
    g_autoptr(RoundsSecrets) secrets = rounds_secrets_new ();
    RoundsAccount *account;
    gboolean stored = FALSE;

    g_assert_no_error (error);
    rounds_practice_set_name (practice, "Test Family Practice");
    rounds_practice_set_timezone (practice, "UTC");
    rounds_store_save_practice (store, practice, &error);
    g_assert_no_error (error);
    account = rounds_store_add_account (store, ROUNDS_NETWORK_MASTODON,
                                        rounds_mastodon_stub_get_base_url (stub),
                                        "@clinic@127.0.0.1", "Clinic", "1", 0, &error);
    g_assert_no_error (error);
    rounds_secrets_store_async (secrets, rounds_account_get_secret_id (account), "Rounds test",
                                "{\"access_token\": \"" TOKEN "\"}", NULL, on_stored_cb,
                                &stored);
    wait_until (stored);
    rounds_store_close (store);
  }

  /* 1. `rounds --background` polls at once: nothing there yet. */
  requests = rounds_mastodon_stub_count_requests_to (stub, "/api/v1/notifications");
  background = spawn_background (&box);
  wait_until (name_has_owner (APPLICATION_ID));
  wait_until (polled_since (stub, requests));
  pump_for (1000);
  g_assert_cmpuint (fake_notifications_count (fake), ==, before);

  /* 2. Someone mentions the practice; the next poll, a minute later,
   * finds it, and one notification says so, without its words. */
  mention = rounds_mastodon_stub_add_mention (stub, "sam@other.example", "Sam Person",
                                              "<p>@clinic Do you take new patients on "
                                              "Saturdays?</p>", NULL);
  end = g_get_monotonic_time () + 150 * G_USEC_PER_SEC;
  while (fake_notifications_count (fake) == before && g_get_monotonic_time () < end)
    pump_for (50);
  g_assert_cmpuint (fake_notifications_count (fake), ==, before + 1);
  notify = fake_notifications_get (fake, before);
  g_test_message ("Notified: %s", json_object_get_string_member (notify, "summary"));
  g_assert_cmpstr (json_object_get_string_member (notify, "summary"), ==,
                   "1 new comment on Mastodon");
  g_assert_null (strstr (json_object_get_string_member (notify, "body"), "Saturdays"));
  g_assert_null (strstr (json_object_get_string_member (notify, "body"), "Sam"));
  g_assert_nonnull (g_subprocess_get_identifier (background));   /* still running */

  /* Exactly one, and no window was opened for it. */
  pump_for (3000);
  g_assert_cmpuint (fake_notifications_count (fake), ==, before + 1);
  quit_instance (background);
  g_assert_cmpuint (count_comments (db), ==, 1);

  /* 3. Started again (the next login): it polls at once, finds nothing
   * new, and says nothing again. */
  requests = rounds_mastodon_stub_count_requests_to (stub, "/api/v1/notifications");
  again = spawn_background (&box);
  wait_until (name_has_owner (APPLICATION_ID));
  wait_until (polled_since (stub, requests));
  pump_for (3000);
  g_assert_cmpuint (fake_notifications_count (fake), ==, before + 1);
  quit_instance (again);
  g_assert_cmpuint (count_comments (db), ==, 1);

  rounds_test_remove_tree (box.root);
  g_free (box.root);
  g_free (box.config);
  g_free (box.data);
  g_strfreev (box.env);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  /* Nothing here reads the accessibility tree; a bus it starts would
   * print on stdout, which is TAP. */
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_test_init (&argc, &argv, NULL);

  session_bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  fake = fake_notifications_start (g_getenv ("DBUS_SESSION_BUS_ADDRESS"));

  g_test_add_func ("/ui/background-inbox/polls-and-notifies-once", test_background_polls);
  status = g_test_run ();

  fake_notifications_stop (fake);
  g_clear_object (&session_bus);
  return status;
}
