/* test-store-live.c — several PCs on one practice server (issue 20)
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run as "store-live-pg" under build-aux/with-postgresql.sh (the store
 * test matrix); the SQLite run skips what only a server does.
 *
 * - what one PC changes in the inbox, people, the plan and the practice,
 *   publications and consents shows on the other by itself (NOTIFY);
 * - the server stopped mid-session: the store says so and why, keeps the
 *   last data, refuses writes with a clear error (the unsaved text stays
 *   in this PC's draft file), reconnects by itself when the server is
 *   back, and then takes in what changed meanwhile;
 * - two processes on one database: a change in one shows in the other,
 *   and a save on a stale version is a conflict. This program is its own
 *   second process: "test-store-live --peer PATH COMMAND …" (see peer_main()).
 */

#include <json-glib/json-glib.h>

#include "core-test-util.h"
#include "rounds-consent.h"
#include "rounds-store-consents.h"
#include "rounds-store-editor.h"
#include "rounds-store-inbox.h"
#include "rounds-store-people.h"
#include "rounds-store-plan.h"
#include "rounds-store-publish.h"

typedef RoundsTestStoreFixture Fixture;

#define WAIT_S 20

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  rounds_test_store_fixture_set_up (fixture, "rounds-live-XXXXXX");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  rounds_test_store_fixture_tear_down (fixture);
}

static gboolean
skip_without_server (void)
{
  if (rounds_test_store_on_server ())
    return FALSE;
  g_test_skip ("this comes from a practice server");
  return TRUE;
}

static gint64
add_post (RoundsStore *store,
          const char  *body)
{
  g_autoptr(RoundsPost) post = rounds_post_new ();
  g_autoptr(GError) error = NULL;
  RoundsPost *saved;

  rounds_post_set_title (post, "Flu shots");
  rounds_post_set_body (post, body);
  rounds_post_set_scheduled_at (post, ROUNDS_TEST_T0 + 2 * 86400);
  rounds_post_set_networks (post, ROUNDS_NETWORK_FACEBOOK);
  saved = rounds_store_save_post (store, post, &error);
  g_assert_no_error (error);
  return rounds_post_get_id (saved);
}

typedef gboolean (*Condition) (gpointer data);

/* Runs the main loop until @cond holds, for at most @seconds. */
static gboolean
wait_until (Condition cond,
            gpointer  data,
            guint     seconds)
{
  gint64 give_up = g_get_monotonic_time () + seconds * G_TIME_SPAN_SECOND;

  while (!cond (data))
    {
      if (g_get_monotonic_time () > give_up)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Everything the views show follows the other PC                       */

typedef struct
{
  GPtrArray *seen;   /* "table key" strings */
} Rows;

static void
on_row_changed_cb (RoundsStore *store,
                   const char  *table,
                   const char  *key,
                   Rows        *rows)
{
  g_ptr_array_add (rows->seen, g_strdup_printf ("%s %s", table, key));
}

typedef struct
{
  Rows       *rows;
  const char *wanted;
} Wanted;

static gboolean
row_seen (gpointer data)
{
  Wanted *w = data;

  for (guint i = 0; i < w->rows->seen->len; i++)
    if (g_str_equal (g_ptr_array_index (w->rows->seen, i), w->wanted))
      return TRUE;
  return FALSE;
}

static gboolean
wait_for_row (Rows       *rows,
              const char *table,
              gint64      key)
{
  g_autofree char *wanted = g_strdup_printf ("%s %" G_GINT64_FORMAT, table, key);
  Wanted w = { rows, wanted };

  return wait_until (row_seen, &w, WAIT_S);
}

typedef struct
{
  RoundsStore *store;
  gint64       id;
  const char  *text;
} Probe;

static gboolean
comment_shown (gpointer data)
{
  Probe *p = data;
  GListModel *comments = rounds_store_get_comments (p->store);

  for (guint i = 0; i < g_list_model_get_n_items (comments); i++)
    {
      g_autoptr(RoundsComment) c = g_list_model_get_item (comments, i);

      if (rounds_comment_get_id (c) == p->id)
        return p->text == NULL ||
               rounds_comment_get_state (c) != ROUNDS_INBOX_STATE_NEW;
    }
  return FALSE;
}

static gboolean
person_named (gpointer data)
{
  Probe *p = data;
  RoundsPerson *person = rounds_store_lookup_person (p->store, p->id);

  return person != NULL && g_strcmp0 (rounds_person_get_name (person), p->text) == 0;
}

static gboolean
practice_named (gpointer data)
{
  Probe *p = data;

  return g_strcmp0 (rounds_practice_get_name (rounds_store_get_practice (p->store)), p->text) == 0;
}

static void
test_live_all_tables (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(RoundsStore) front_desk = NULL;
  g_autoptr(RoundsStore) office = NULL;
  g_autoptr(RoundsConsent) consent = NULL;
  g_autoptr(JsonObject) goals = json_object_new ();
  g_autoptr(RoundsPractice) practice = NULL;
  g_autoptr(GError) error = NULL;
  Rows rows = { g_ptr_array_new_with_free_func (g_free) };
  RoundsPerson *person;
  gint64 comment, post;
  guint practice_changes = 0;
  Probe probe;

  if (skip_without_server ())
    return;

  front_desk = rounds_test_store_open (fixture);
  office = rounds_test_store_open (fixture);
  g_assert_true (rounds_store_is_on_server (office));
  g_assert_true (rounds_store_get_online (office));
  g_signal_connect (office, "row-changed", G_CALLBACK (on_row_changed_cb), &rows);
  g_signal_connect_swapped (office, "practice-changed", G_CALLBACK (g_atomic_int_inc),
                            &practice_changes);
  /* the office reads its people before the front desk adds someone */
  g_assert_cmpuint (g_list_model_get_n_items (rounds_store_get_people (office)), ==, 0);

  /* An inbox item pasted at the front desk, then answered */
  comment = rounds_store_add_comment (front_desk, ROUNDS_NETWORK_FACEBOOK,
                                      ROUNDS_COMMENT_KIND_COMMENT, "A reader",
                                      "When are you open?", ROUNDS_TEST_T0, 0, 0, &error);
  g_assert_no_error (error);
  probe = (Probe) { office, comment, NULL };
  g_assert_true (wait_until (comment_shown, &probe, WAIT_S));
  g_assert_true (wait_for_row (&rows, "comments", comment));
  g_assert_true (rounds_store_inbox_mark_read (front_desk, comment, &error));
  g_assert_no_error (error);
  probe = (Probe) { office, comment, "seen" };
  g_assert_true (wait_until (comment_shown, &probe, WAIT_S));

  /* A person added and renamed */
  person = rounds_store_add_person (front_desk, "Dana Reyes", ROUNDS_PERSON_ROLE_WRITER, &error);
  g_assert_no_error (error);
  probe = (Probe) { office, rounds_person_get_id (person), "Dana Reyes" };
  g_assert_true (wait_until (person_named, &probe, WAIT_S));
  g_assert_true (rounds_store_rename_person (front_desk, rounds_person_get_id (person),
                                             "Dana Reyes-Ortiz", &error));
  g_assert_no_error (error);
  probe.text = "Dana Reyes-Ortiz";
  g_assert_true (wait_until (person_named, &probe, WAIT_S));

  /* The plan's goals and the practice */
  json_object_set_string_member (goals, "goal", "More flu shot bookings");
  g_assert_true (rounds_store_plan_save_section (front_desk, "goals", goals, FALSE, &error));
  g_assert_no_error (error);
  {
    Wanted w = { &rows, "plan_sections goals" };

    g_assert_true (wait_until (row_seen, &w, WAIT_S));
  }
  g_assert_cmpuint (practice_changes, >=, 1);
  {
    g_autoptr(JsonObject) shown = rounds_store_plan_load_section (office, "goals", NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (json_object_get_string_member (shown, "goal"), ==, "More flu shot bookings");
  }
  practice = rounds_practice_copy (rounds_store_get_practice (front_desk));
  rounds_practice_set_name (practice, "Riverside Family Practice");
  g_assert_true (rounds_store_save_practice (front_desk, practice, &error));
  g_assert_no_error (error);
  probe = (Probe) { office, 0, "Riverside Family Practice" };
  g_assert_true (wait_until (practice_named, &probe, WAIT_S));

  /* A patient authorization recorded */
  consent = rounds_consent_new ("Test Patient One");
  consent->uses = ROUNDS_CONSENT_USE_PHOTO;
  consent->networks = ROUNDS_NETWORK_FACEBOOK;
  g_free (consent->purpose), consent->purpose = g_strdup ("Marketing on social media");
  g_free (consent->signed_on), consent->signed_on = g_strdup ("2026-03-01");
  g_free (consent->collected_by), consent->collected_by = g_strdup ("Front desk");
  g_free (consent->expires_on), consent->expires_on = g_strdup ("2026-12-31");
  consent->elements = ROUNDS_CONSENT_ELEMENTS_ALL;
  rounds_store_add_consent (front_desk, consent, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (wait_for_row (&rows, "authorizations", consent->id));

  /* A post's publications, told as the post's */
  post = add_post (front_desk, "Walk in Monday to Friday.");
  g_assert_true (wait_for_row (&rows, "posts", post));
  g_ptr_array_set_size (rows.seen, 0);
  rounds_store_add_account (front_desk, ROUNDS_NETWORK_FACEBOOK, "http://127.0.0.1:1", "practice",
                            "Test Practice", "remote-1", ROUNDS_TEST_T0 + 86400 * 30, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rounds_store_ensure_publications (front_desk, post, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_true (wait_for_row (&rows, "publications", post));

  g_ptr_array_unref (rows.seen);
}

/* ------------------------------------------------------------------ */
/* Offline: the server stopped mid-session                              */


static gboolean
is_offline (gpointer data)
{
  return !rounds_store_get_online (data);
}

static gboolean
is_online (gpointer data)
{
  return rounds_store_get_online (data);
}

static gboolean
body_is (gpointer data)
{
  Probe *p = data;
  RoundsPost *post = rounds_store_lookup_post (p->store, p->id);

  return post != NULL && g_strcmp0 (rounds_post_get_body (post), p->text) == 0;
}

static void
test_live_offline (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(RoundsStore) office = NULL;
  g_autoptr(RoundsStore) front_desk = NULL;
  g_autoptr(RoundsPost) edit = NULL;
  g_autoptr(RoundsPost) kept = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *slot = NULL;
  guint n_posts;
  gint64 id;
  Probe probe;

  if (skip_without_server ())
    return;

  office = rounds_test_store_open (fixture);
  id = add_post (office, "Walk in Monday to Friday.");
  n_posts = g_list_model_get_n_items (rounds_store_get_posts (office));

  /* The server goes away: the store notices by itself, says why, and
   * keeps what it showed. */
  rounds_test_server_ctl ("stop");
  g_assert_true (wait_until (is_offline, office, WAIT_S));
  g_assert_nonnull (rounds_store_get_offline_reason (office));
  g_assert_cmpstr (rounds_store_get_offline_reason (office), !=, "");
  g_assert_cmpuint (rounds_store_get_retry_delay (office), >=, 1);
  g_assert_cmpuint (g_list_model_get_n_items (rounds_store_get_posts (office)), ==, n_posts);
  g_assert_cmpstr (rounds_post_get_body (rounds_store_lookup_post (office, id)), ==,
                   "Walk in Monday to Friday.");

  /* A save is refused with a clear error, and nothing changes here */
  edit = rounds_post_copy (rounds_store_lookup_post (office, id));
  rounds_post_set_body (edit, "Walk in Monday to Saturday.");
  g_assert_null (rounds_store_save_post (office, edit, &error));
  g_assert_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_OFFLINE);
  g_assert_nonnull (strstr (error->message, "cannot be reached"));
  g_clear_error (&error);
  g_assert_cmpstr (rounds_post_get_body (rounds_store_lookup_post (office, id)), ==,
                   "Walk in Monday to Friday.");

  /* The unsaved text is kept in this PC's draft file meanwhile */
  slot = rounds_autosave_slot_for_post (id);
  g_assert_true (rounds_store_autosave_post (office, slot, edit, &error));
  g_assert_no_error (error);
  kept = rounds_store_read_autosave (office, slot, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rounds_post_get_body (kept), ==, "Walk in Monday to Saturday.");

  /* Back: it reconnects by itself (1, 2, 4 s … after going offline) */
  rounds_test_server_ctl ("start");
  g_assert_true (wait_until (is_online, office, 90));
  g_assert_null (rounds_store_get_offline_reason (office));

  /* The save can be done now, and another PC sees it (listening again) */
  front_desk = rounds_test_store_open (fixture);
  g_assert_nonnull (rounds_store_save_post (office, edit, &error));
  g_assert_no_error (error);
  probe = (Probe) { front_desk, id, "Walk in Monday to Saturday." };
  g_assert_true (wait_until (body_is, &probe, WAIT_S));
  probe = (Probe) { office, id, "Walk in every day." };
  g_clear_object (&edit);
  edit = rounds_post_copy (rounds_store_lookup_post (front_desk, id));
  rounds_post_set_body (edit, "Walk in every day.");
  g_assert_nonnull (rounds_store_save_post (front_desk, edit, &error));
  g_assert_no_error (error);
  g_assert_true (wait_until (body_is, &probe, WAIT_S));

  /* The draft file goes when discarded */
  g_assert_true (rounds_store_clear_autosave (office, slot, &error));
  g_assert_no_error (error);
  g_clear_object (&kept);
  kept = rounds_store_read_autosave (office, slot, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (kept);
}

/* What another PC changed while this one was away shows once it is back
 * (no notification reached it meanwhile). */
static void
test_live_offline_catch_up (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(RoundsStore) office = NULL;
  g_autoptr(RoundsStore) front_desk = NULL;
  g_autoptr(RoundsPost) edit = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id, gone;
  Probe probe;

  if (skip_without_server ())
    return;

  office = rounds_test_store_open (fixture);
  id = add_post (office, "Walk in Monday to Friday.");
  gone = add_post (office, "Open house on Friday.");

  rounds_test_server_ctl ("stop");
  g_assert_true (wait_until (is_offline, office, WAIT_S));
  rounds_test_server_ctl ("start");
  /* The front desk works while the office has not noticed yet */
  front_desk = rounds_test_store_open (fixture);
  edit = rounds_post_copy (rounds_store_lookup_post (front_desk, id));
  rounds_post_set_body (edit, "Walk in Monday to Saturday.");
  g_assert_nonnull (rounds_store_save_post (front_desk, edit, &error));
  g_assert_no_error (error);
  g_assert_true (rounds_store_delete_post (front_desk, gone, &error));
  g_assert_no_error (error);

  rounds_store_reconnect (office);
  g_assert_true (wait_until (is_online, office, 90));
  probe = (Probe) { office, id, "Walk in Monday to Saturday." };
  g_assert_true (body_is (&probe));
  g_assert_null (rounds_store_lookup_post (office, gone));
}

/* ------------------------------------------------------------------ */
/* Two processes on one database                                        */

/* The second process: test-store-live --peer PATH COMMAND ARGS…
 *   wait ID TEXT   prints "ready", then waits (main loop) until post ID
 *                  shows TEXT, prints the milliseconds it took from
 *                  "go" on stdin and exits 0 (1 after WAIT_S seconds)
 *   save ID TEXT   reads post ID, prints "ready", waits for a line on
 *                  stdin, then saves TEXT as its body: exit 0 saved,
 *                  3 conflict, 1 other error
 * Its stdout is a pipe to the test, never the TAP stream. */
static int
peer_main (int    argc,
           char **argv)
{
  g_autoptr(RoundsClock) clock = rounds_clock_new_fake (ROUNDS_TEST_T0);
  g_autoptr(RoundsStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GIOChannel) in = g_io_channel_unix_new (0);
  g_autofree char *line = NULL;
  gint64 id;

  if (argc != 6)
    return 2;
  store = rounds_store_open (argv[2], clock, ROUNDS_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    {
      g_printerr ("peer: %s\n", error->message);
      return 1;
    }
  id = g_ascii_strtoll (argv[4], NULL, 10);

  if (g_str_equal (argv[3], "wait"))
    {
      Probe probe = { store, id, argv[5] };
      gint64 start;

      g_print ("ready\n");
      if (g_io_channel_read_line (in, &line, NULL, NULL, NULL) != G_IO_STATUS_NORMAL)
        return 1;
      start = g_get_monotonic_time ();
      if (!wait_until (body_is, &probe, WAIT_S))
        return 1;
      g_print ("%" G_GINT64_FORMAT "\n", (g_get_monotonic_time () - start) / 1000);
      return 0;
    }
  if (g_str_equal (argv[3], "save"))
    {
      g_autoptr(RoundsPost) edit = NULL;

      if (rounds_store_lookup_post (store, id) == NULL)
        return 1;
      edit = rounds_post_copy (rounds_store_lookup_post (store, id));
      g_print ("ready\n");
      if (g_io_channel_read_line (in, &line, NULL, NULL, NULL) != G_IO_STATUS_NORMAL)
        return 1;
      rounds_post_set_body (edit, argv[5]);
      if (rounds_store_save_post (store, edit, &error) != NULL)
        return 0;
      g_printerr ("peer: %s\n", error->message);
      return g_error_matches (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_CONFLICT) ? 3 : 1;
    }
  return 2;
}

typedef struct
{
  GSubprocess    *process;
  GOutputStream  *in;
  GDataInputStream *out;
} Peer;

static void
peer_start (Peer       *peer,
            const char *path,
            const char *command,
            gint64      id,
            const char *text)
{
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *line = NULL;
  g_autoptr(GError) error = NULL;

  peer->process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                                    &error, self_exe, "--peer", path, command, id_text, text, NULL);
  g_assert_no_error (error);
  peer->in = g_subprocess_get_stdin_pipe (peer->process);
  peer->out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (peer->process));
  line = g_data_input_stream_read_line (peer->out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (line, ==, "ready");
}

static void
peer_go (Peer *peer)
{
  g_autoptr(GError) error = NULL;

  g_output_stream_write_all (peer->in, "go\n", 3, NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_flush (peer->in, NULL, &error);
  g_assert_no_error (error);
}

/* Waits for the peer to exit; its last line of output in @last_line. */
static void
peer_finish (Peer  *peer,
             char **last_line)
{
  g_autoptr(GError) error = NULL;

  while (!g_subprocess_wait (peer->process, NULL, &error))
    g_assert_no_error (error);
  if (last_line != NULL)
    *last_line = g_data_input_stream_read_line (peer->out, NULL, NULL, NULL);
  g_clear_object (&peer->out);
  g_clear_object (&peer->process);
}

static void
test_live_two_processes (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(RoundsStore) office = NULL;
  g_autoptr(RoundsPost) edit = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *took = NULL;
  Peer peer = { 0 };
  GSubprocess *process;
  gint64 id;
  Probe probe;

  if (skip_without_server ())
    return;

  office = rounds_test_store_open (fixture);
  id = add_post (office, "Walk in Monday to Friday.");

  /* This process saves; the other shows it by NOTIFY, within a second */
  peer_start (&peer, fixture->path, "wait", id, "Walk in Monday to Saturday.");
  edit = rounds_post_copy (rounds_store_lookup_post (office, id));
  rounds_post_set_body (edit, "Walk in Monday to Saturday.");
  peer_go (&peer);
  g_assert_nonnull (rounds_store_save_post (office, edit, &error));
  g_assert_no_error (error);
  process = g_object_ref (peer.process);
  peer_finish (&peer, &took);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  g_object_unref (process);
  g_assert_nonnull (took);
  g_test_message ("NOTIFY to the other process: %s ms", took);
  g_assert_cmpint (g_ascii_strtoll (took, NULL, 10), <, 1000);

  /* The other process saves; this one shows it */
  peer_start (&peer, fixture->path, "save", id, "Walk in every day.");
  peer_go (&peer);
  process = g_object_ref (peer.process);
  peer_finish (&peer, NULL);
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  g_object_unref (process);
  probe = (Probe) { office, id, "Walk in every day." };
  g_assert_true (wait_until (body_is, &probe, WAIT_S));

  /* Both read the post; this one saves first; the other's save is a
   * conflict, and the post keeps this one's text. */
  peer_start (&peer, fixture->path, "save", id, "Closed on Monday.");
  g_clear_object (&edit);
  edit = rounds_post_copy (rounds_store_lookup_post (office, id));
  rounds_post_set_body (edit, "Open on Saturday too.");
  g_assert_nonnull (rounds_store_save_post (office, edit, &error));
  g_assert_no_error (error);
  peer_go (&peer);
  process = g_object_ref (peer.process);
  peer_finish (&peer, NULL);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 3);
  g_object_unref (process);
  probe = (Probe) { office, id, "Open on Saturday too." };
  /* give a wrong notification the time to arrive */
  for (int i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (body_is (&probe));
}

int
main (int   argc,
      char *argv[])
{
  if (argc > 1 && g_str_equal (argv[1], "--peer"))
    return peer_main (argc, argv);

  g_test_init (&argc, &argv, NULL);

  g_test_add ("/store-live/all-tables", Fixture, NULL, fixture_set_up, test_live_all_tables,
              fixture_tear_down);
  g_test_add ("/store-live/offline", Fixture, NULL, fixture_set_up, test_live_offline,
              fixture_tear_down);
  g_test_add ("/store-live/offline-catch-up", Fixture, NULL, fixture_set_up,
              test_live_offline_catch_up, fixture_tear_down);
  g_test_add ("/store-live/two-processes", Fixture, NULL, fixture_set_up,
              test_live_two_processes, fixture_tear_down);

  return g_test_run ();
}
