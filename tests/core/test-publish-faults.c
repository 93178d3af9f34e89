/* test-publish-faults.c — kill -9 while publishing: nothing lost, nothing doubled
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "core-test-util.h"
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "rounds-google-stub.h"
#include "rounds-graph-stub.h"
#include "rounds-linkedin-stub.h"
#include "rounds-context.h"
#include "rounds-publisher.h"
#include "sink-connector.h"

/* The power goes out, or the app is killed, while it publishes. 100
 * posts are due on one account. A sink server in a process of its own
 * plays the network and counts every post it receives. This program runs
 * itself as the publishing process (`--child DIR PORT`), which reports
 * each finished try on stdout; the parent kills it with SIGKILL after a
 * random number of them (plus a random moment, to land inside a request
 * or a commit), again and again, then lets a last run finish. In the end
 * all 100 posts are published in the data file, and the server received
 * each exactly once: 0 lost, 0 duplicated.
 *
 * The same runs against the Facebook Page, LinkedIn and Google stubs
 * (tests/servers) with the real connectors, each stub in a process of
 * its own (`--stub NETWORK`): a post the killed run sent is found by the
 * connector's lookup, or (Facebook) refused by the network as a
 * duplicate (error 506) and taken as published. There the server
 * reports how many posts it holds when it stops; with 100 distinct
 * remote ids in the data file, 100 posts on the server means none lost
 * and none doubled. */

#define N_POSTS  100
#define N_KILLS  12

static const char *self_path;

static RoundsConnector *
make_sink (RoundsAccount  *account,
           const char     *credentials,
           gpointer        user_data,
           GError        **error)
{
  return sink_connector_new (user_data);
}

typedef struct
{
  RoundsStore *store;
  GMainLoop   *loop;
} Child;

static gboolean
all_done (RoundsStore *store,
          gint64       now)
{
  g_autoptr(GPtrArray) due = rounds_store_list_due_publications (store, now, NULL);
  g_autoptr(GPtrArray) publishing = rounds_store_list_publishing (store, NULL);

  return due != NULL && due->len == 0 && publishing != NULL && publishing->len == 0;
}

static void
on_finished_cb (RoundsPublisher *publisher,
                gint64           id,
                gpointer         user_data)
{
  char line[32];
  int len = g_snprintf (line, sizeof line, "%" G_GINT64_FORMAT "\n", id);

  /* Unbuffered, so the parent counts exactly what happened. */
  if (write (STDOUT_FILENO, line, len) != len)
    _exit (3);
}

static void
on_idle_cb (RoundsPublisher *publisher,
            Child           *child)
{
  if (all_done (child->store, rounds_clock_get_now (rounds_store_get_clock (child->store))))
    g_main_loop_quit (child->loop);
}

/* On a server another PC may finish the queue while this one waits for
 * its next publication time: look at the queue now and then. */
static gboolean
on_check_done_cb (gpointer user_data)
{
  Child *child = user_data;

  if (all_done (child->store, rounds_clock_get_now (rounds_store_get_clock (child->store))))
    g_main_loop_quit (child->loop);
  return G_SOURCE_CONTINUE;
}

static void
on_secret_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_assert_true (rounds_secrets_store_finish (ROUNDS_SECRETS (source), result, NULL));
  g_main_loop_quit (user_data);
}

/* Each stub's token and where its connector publishes. */
static char *
stub_credentials (RoundsNetwork network)
{
  switch (network)
    {
    case ROUNDS_NETWORK_FACEBOOK:
      return g_strdup ("{\"access_token\":\"fault-token\",\"page_id\":\"" ROUNDS_GRAPH_STUB_PAGE_ID "\"}");
    case ROUNDS_NETWORK_LINKEDIN:
      return g_strdup ("{\"access_token\":\"fault-token\",\"organization_id\":\""
                       ROUNDS_LINKEDIN_STUB_ORG_ID "\"}");
    case ROUNDS_NETWORK_GOOGLE:
      return g_strdup ("{\"access_token\":\"fault-token\",\"location\":\""
                       ROUNDS_GOOGLE_STUB_LOCATION "\"}");
    default:
      return g_strdup ("{\"access_token\":\"not-a-real-token\"}");
    }
}

static int
run_child (const char    *dir,
           const char    *base,
           RoundsNetwork  network)
{
  g_autofree char *path = g_build_filename (dir, "rounds.db", NULL);
  g_autofree char *credentials = stub_credentials (network);
  g_autoptr(RoundsClock) clock = rounds_clock_new_real ();
  g_autoptr(RoundsStore) store = NULL;
  g_autoptr(RoundsContext) context = NULL;
  g_autoptr(RoundsSecrets) secrets = rounds_secrets_new_in_memory ();
  g_autoptr(RoundsPublisher) publisher = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GError) error = NULL;
  GListModel *accounts;
  Child child;

  store = rounds_store_open (path, clock, ROUNDS_STORE_OPEN_NO_BACKUPS, &error);
  if (store == NULL)
    {
      g_printerr ("child: %s\n", error->message);
      return 1;
    }
  context = rounds_context_new (store, FALSE);
  accounts = rounds_store_get_accounts (store);
  for (guint i = 0; i < g_list_model_get_n_items (accounts); i++)
    {
      g_autoptr(RoundsAccount) account = g_list_model_get_item (accounts, i);

      rounds_secrets_store_async (secrets, rounds_account_get_secret_id (account), "test",
                                  credentials, NULL, on_secret_cb, loop);
      g_main_loop_run (loop);
    }

  child.store = store;
  child.loop = loop;
  publisher = rounds_publisher_new (store, rounds_context_get_scanner (context), secrets);
  /* The sink plays the network for Mastodon; the others are their real
   * connectors, at the account's address. */
  if (network == ROUNDS_NETWORK_MASTODON)
    rounds_publisher_set_connector_factory (publisher, make_sink, g_strdup (base), g_free);
  g_signal_connect (publisher, "publication-finished", G_CALLBACK (on_finished_cb), NULL);
  g_signal_connect (publisher, "idle", G_CALLBACK (on_idle_cb), &child);
  rounds_publisher_start (publisher, TRUE);
  if (rounds_store_is_on_server (store))
    g_timeout_add (250, on_check_done_cb, &child);
  if (!all_done (store, rounds_clock_get_now (clock)))
    g_main_loop_run (loop);

  rounds_publisher_stop (publisher);
  return 0;
}

/* ------------------------------------------------------------------ */
/* A network's stub in a process of its own                             */

static gboolean
on_stdin_closed_cb (GIOChannel   *channel,
                    GIOCondition  condition,
                    gpointer      user_data)
{
  char buf[64];

  if (read (STDIN_FILENO, buf, sizeof buf) <= 0)
    {
      g_main_loop_quit (user_data);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

/* Prints the stub's base URL, serves until stdin closes, then prints how
 * many posts it holds. */
static int
run_stub (RoundsNetwork network)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GIOChannel) channel = g_io_channel_unix_new (STDIN_FILENO);
  g_autoptr(GError) error = NULL;
  g_autoptr(GObject) stub = NULL;
  const char *base = NULL;
  guint posts = 0;

  if (network == ROUNDS_NETWORK_FACEBOOK)
    {
      stub = G_OBJECT (rounds_graph_stub_new (&error));
      if (stub != NULL)
        {
          rounds_graph_stub_add_token (ROUNDS_GRAPH_STUB (stub), "fault-token");
          base = rounds_graph_stub_get_base_url (ROUNDS_GRAPH_STUB (stub));
        }
    }
  else if (network == ROUNDS_NETWORK_LINKEDIN)
    {
      stub = G_OBJECT (rounds_linkedin_stub_new (&error));
      if (stub != NULL)
        {
          rounds_linkedin_stub_add_token (ROUNDS_LINKEDIN_STUB (stub), "fault-token");
          base = rounds_linkedin_stub_get_base_url (ROUNDS_LINKEDIN_STUB (stub));
        }
    }
  else
    {
      stub = G_OBJECT (rounds_google_stub_new (&error));
      if (stub != NULL)
        {
          rounds_google_stub_add_token (ROUNDS_GOOGLE_STUB (stub), "fault-token");
          base = rounds_google_stub_get_base_url (ROUNDS_GOOGLE_STUB (stub));
        }
    }
  if (stub == NULL)
    {
      g_printerr ("stub: %s\n", error->message);
      return 1;
    }
  printf ("%s\n", base);
  fflush (stdout);

  g_io_add_watch (channel, G_IO_IN | G_IO_HUP | G_IO_ERR, on_stdin_closed_cb, loop);
  g_main_loop_run (loop);

  if (network == ROUNDS_NETWORK_FACEBOOK)
    posts = rounds_graph_stub_count_posts (ROUNDS_GRAPH_STUB (stub));
  else if (network == ROUNDS_NETWORK_LINKEDIN)
    posts = rounds_linkedin_stub_count_posts (ROUNDS_LINKEDIN_STUB (stub));
  else
    posts = rounds_google_stub_count_posts (ROUNDS_GOOGLE_STUB (stub));
  printf ("%u\n", posts);
  fflush (stdout);
  return 0;
}

/* ------------------------------------------------------------------ */

static guint
read_lines (int    fd,
            guint  want)
{
  char buf[1024];
  guint n = 0;

  while (n < want)
    {
      gssize got = read (fd, buf, sizeof buf);

      if (got < 0 && errno == EINTR)
        continue;
      if (got <= 0)
        break;
      for (gssize i = 0; i < got; i++)
        n += buf[i] == '\n';
    }

  return n;
}

static JsonObject *
get_stats (const char *base)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strconcat (base, "/stats", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();

  bytes = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                             g_bytes_get_size (bytes), &error));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
make_practice (const char    *dir,
               RoundsNetwork  network,
               const char    *base)
{
  g_autofree char *path = g_build_filename (dir, "rounds.db", NULL);
  g_autoptr(RoundsClock) clock = rounds_clock_new_real ();
  g_autoptr(RoundsStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = rounds_clock_get_now (clock);

  store = rounds_store_open (path, clock, ROUNDS_STORE_OPEN_NO_BACKUPS, &error);
  g_assert_no_error (error);
  rounds_store_add_account (store, network, base, "clinic", "Test", "1", 0, &error);
  g_assert_no_error (error);

  for (int i = 0; i < N_POSTS; i++)
    {
      g_autoptr(RoundsPost) post = rounds_post_new ();
      g_autofree char *body = g_strdup_printf ("Open house number %d this Saturday.", i);

      rounds_post_set_title (post, "Open house");
      rounds_post_set_body (post, body);
      rounds_post_set_networks (post, network);
      rounds_post_set_scheduled_at (post, now - N_POSTS + i);
      rounds_store_import_post (store, post, ROUNDS_POST_STATUS_SCHEDULED, "test", &error);
      g_assert_no_error (error);
    }
  rounds_store_close (store);
}

/* Returns how many distinct remote ids the publications have. */
static guint
check_practice (const char *dir)
{
  g_autoptr(GHashTable) remote_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *path = g_build_filename (dir, "rounds.db", NULL);
  g_autoptr(RoundsClock) clock = rounds_clock_new_real ();
  g_autoptr(RoundsStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *posts;
  guint published = 0;

  store = rounds_store_open (path, clock, ROUNDS_STORE_OPEN_NO_BACKUPS, &error);
  g_assert_no_error (error);
  posts = rounds_store_get_posts (store);
  for (guint i = 0; i < g_list_model_get_n_items (posts); i++)
    {
      g_autoptr(RoundsPost) post = g_list_model_get_item (posts, i);
      g_autoptr(GPtrArray) pubs = rounds_store_list_publications (store,
                                                                  rounds_post_get_id (post),
                                                                  NULL);

      g_assert_cmpuint (pubs->len, ==, 1);
      g_assert_cmpint (rounds_publication_get_state (g_ptr_array_index (pubs, 0)), ==,
                       ROUNDS_PUBLICATION_PUBLISHED);
      /* Each publication points at a post of its own on the network. */
      if (rounds_publication_get_remote_id (g_ptr_array_index (pubs, 0)) != NULL)
        g_assert_true (g_hash_table_add (remote_ids, g_strdup (rounds_publication_get_remote_id (
                                           g_ptr_array_index (pubs, 0)))));
      published += rounds_post_get_status (post) == ROUNDS_POST_STATUS_PUBLISHED;
    }
  g_assert_cmpuint (published, ==, N_POSTS);
  rounds_store_close (store);
  return g_hash_table_size (remote_ids);
}

static void
test_kill_while_publishing (gconstpointer data)
{
  RoundsNetwork network = GPOINTER_TO_UINT (data);
  const char *network_name = rounds_network_to_string (network);
  gboolean sink = network == ROUNDS_NETWORK_MASTODON;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("rounds-publish-faults-XXXXXX", &error);
  const char *sink_argv[] = { self_path, "--server", NULL };
  const char *stub_argv[] = { self_path, "--stub", network_name, NULL };
  g_autoptr(JsonObject) stats = NULL;
  g_autofree char *base = NULL;
  char line[128] = { 0 };
  GPid server_pid;
  int server_in = -1, server_out = -1;
  guint finished = 0, killed_mid_way = 0, distinct;
  gint64 on_server;
  gssize n;

  g_assert_no_error (error);
  g_spawn_async_with_pipes (NULL, (char **)(sink ? sink_argv : stub_argv), NULL,
                            G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &server_pid, &server_in,
                            &server_out, NULL, &error);
  g_assert_no_error (error);
  n = read (server_out, line, sizeof line - 1);
  g_assert_cmpint (n, >, 0);
  g_strchomp (line);
  base = sink ? g_strdup_printf ("http://127.0.0.1:%s", line) : g_strdup (line);
  make_practice (dir, network, base);

  for (int round = 0; round <= N_KILLS; round++)
    {
      const char *child_argv[] = { self_path, "--child", dir, base, network_name, NULL };
      GPid pid;
      int out_fd = -1, status = 0;
      guint kill_after, got;

      g_spawn_async_with_pipes (NULL, (char **)child_argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                NULL, NULL, &pid, NULL, &out_fd, NULL, &error);
      g_assert_no_error (error);

      /* Kill after 0–8 finished tries, a random moment later; the last
       * round runs to the end. */
      kill_after = round == N_KILLS ? G_MAXUINT : (guint)g_test_rand_int_range (0, 9);
      got = read_lines (out_fd, kill_after);
      finished += got;
      if (round < N_KILLS)
        {
          g_usleep (g_test_rand_int_range (0, 3000));
          kill (pid, SIGKILL);
        }
      finished += read_lines (out_fd, G_MAXUINT);
      close (out_fd);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_spawn_close_pid (pid);

      if (round < N_KILLS)
        {
          if (WIFSIGNALED (status))
            killed_mid_way++;
        }
      else
        {
          g_assert_true (WIFEXITED (status));
          g_assert_cmpint (WEXITSTATUS (status), ==, 0);
        }
    }

  if (sink)
    stats = get_stats (base);
  close (server_in);
  if (!sink)
    {
      /* The stub says how many posts it holds as it stops. */
      memset (line, 0, sizeof line);
      n = read (server_out, line, sizeof line - 1);
      g_assert_cmpint (n, >, 0);
    }
  g_assert_cmpint (waitpid (server_pid, NULL, 0), ==, server_pid);
  g_spawn_close_pid (server_pid);
  close (server_out);
  on_server = sink ? json_object_get_int_member (stats, "posts") : g_ascii_strtoll (line, NULL, 10);

  g_test_message ("%s: %u kills landed mid-way, %u tries finished, %" G_GINT64_FORMAT
                  " posts reached the server", network_name, killed_mid_way, finished, on_server);
  g_assert_cmpuint (killed_mid_way, >, 0);
  /* 0 lost, 0 duplicated: counted on the server and in the data file. */
  g_assert_cmpint (on_server, ==, N_POSTS);
  if (sink)
    {
      g_assert_cmpint (json_object_get_int_member (stats, "keys"), ==, N_POSTS);
      g_assert_cmpint (json_object_get_int_member (stats, "duplicated"), ==, 0);
    }
  distinct = check_practice (dir);
  if (!sink)
    g_assert_cmpuint (distinct, ==, N_POSTS);

  rounds_test_remove_tree (dir);
}

/* ------------------------------------------------------------------ */
/* Two PCs publishing from one practice server (issue 20)               */

typedef struct
{
  GPid pid;
  int  out_fd;
} Publisher;

static void
spawn_publisher (Publisher  *publisher,
                 const char *dir,
                 const char *base)
{
  const char *child_argv[] = { self_path, "--child", dir, base, "mastodon", NULL };
  g_autoptr(GError) error = NULL;

  g_spawn_async_with_pipes (NULL, (char **)child_argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                            NULL, NULL, &publisher->pid, NULL, &publisher->out_fd, NULL, &error);
  g_assert_no_error (error);
}

/* Waits for a publisher to end; returns the tries it reported. */
static guint
reap_publisher (Publisher *publisher,
                gboolean   killed)
{
  guint finished = read_lines (publisher->out_fd, G_MAXUINT);
  int status = 0;

  close (publisher->out_fd);
  g_assert_cmpint (waitpid (publisher->pid, &status, 0), ==, publisher->pid);
  g_spawn_close_pid (publisher->pid);
  if (killed)
    g_assert_true (WIFSIGNALED (status));
  else
    {
      g_assert_true (WIFEXITED (status));
      g_assert_cmpint (WEXITSTATUS (status), ==, 0);
    }
  return finished;
}

/* 100 due posts, two publishing processes, each with its own connection
 * to the practice server, against one sink server that counts what it
 * receives. With @kill, the first is killed -9 after a few tries, at a
 * random moment (inside a request or a commit); the second finishes,
 * taking over what the first left "publishing" once the server dropped
 * its claims. Either way: every post published once on the network,
 * none lost. */
static void
test_two_publishers (gconstpointer data)
{
  gboolean with_kill = GPOINTER_TO_INT (data);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  const char *sink_argv[] = { self_path, "--server", NULL };
  g_autoptr(JsonObject) stats = NULL;
  g_autofree char *base = NULL;
  char line[128] = { 0 };
  Publisher first, second;
  GPid server_pid;
  int server_in = -1, server_out = -1;
  guint by_first, by_second;
  gssize n;

  /* One PC per file: SQLite keeps its one publisher. */
  if (!rounds_test_store_on_server ())
    {
      g_test_skip ("several publishers share a practice server only");
      return;
    }

  dir = g_dir_make_tmp ("rounds-two-publishers-XXXXXX", &error);
  g_assert_no_error (error);
  g_spawn_async_with_pipes (NULL, (char **)sink_argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                            &server_pid, &server_in, &server_out, NULL, &error);
  g_assert_no_error (error);
  n = read (server_out, line, sizeof line - 1);
  g_assert_cmpint (n, >, 0);
  g_strchomp (line);
  base = g_strdup_printf ("http://127.0.0.1:%s", line);
  make_practice (dir, ROUNDS_NETWORK_MASTODON, base);

  /* The second starts once the first is under way, so both work on
   * the queue at once. */
  spawn_publisher (&first, dir, base);
  by_first = read_lines (first.out_fd, 1);
  g_assert_cmpuint (by_first, ==, 1);
  spawn_publisher (&second, dir, base);
  if (with_kill)
    {
      guint kill_after = (guint)g_test_rand_int_range (1, 6);

      by_first += read_lines (first.out_fd, kill_after);
      g_usleep (g_test_rand_int_range (0, 3000));
      kill (first.pid, SIGKILL);
      by_first += reap_publisher (&first, TRUE);
    }
  else
    by_first += reap_publisher (&first, FALSE);
  by_second = reap_publisher (&second, FALSE);

  stats = get_stats (base);
  close (server_in);
  g_assert_cmpint (waitpid (server_pid, NULL, 0), ==, server_pid);
  g_spawn_close_pid (server_pid);
  close (server_out);

  g_test_message ("tries finished: %u by the first publisher%s, %u by the second; %"
                  G_GINT64_FORMAT " posts reached the server", by_first,
                  with_kill ? " (killed)" : "", by_second,
                  json_object_get_int_member (stats, "posts"));
  /* Both worked on the one queue… */
  g_assert_cmpuint (by_first, >, 0);
  g_assert_cmpuint (by_second, >, 0);
  /* (a try the killed one finished but could not report is not counted) */
  if (!with_kill)
    g_assert_cmpuint (by_first + by_second, ==, N_POSTS);
  /* …and the network got each post exactly once: 0 lost, 0 duplicated. */
  g_assert_cmpint (json_object_get_int_member (stats, "posts"), ==, N_POSTS);
  g_assert_cmpint (json_object_get_int_member (stats, "keys"), ==, N_POSTS);
  g_assert_cmpint (json_object_get_int_member (stats, "duplicated"), ==, 0);
  check_practice (dir);

  rounds_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  self_path = argv[0];

  if (argc == 5 && g_str_equal (argv[1], "--child"))
    return run_child (argv[2], argv[3], rounds_network_from_string (argv[4]));
  if (argc == 2 && g_str_equal (argv[1], "--server"))
    return sink_server_run (5000);
  if (argc == 3 && g_str_equal (argv[1], "--stub"))
    return run_stub (rounds_network_from_string (argv[2]));

  g_test_init (&argc, &argv, NULL);
  g_test_add_data_func ("/publish-faults/kill-while-publishing",
                        GUINT_TO_POINTER (ROUNDS_NETWORK_MASTODON), test_kill_while_publishing);
  g_test_add_data_func ("/publish-faults/kill-while-publishing/facebook",
                        GUINT_TO_POINTER (ROUNDS_NETWORK_FACEBOOK), test_kill_while_publishing);
  g_test_add_data_func ("/publish-faults/kill-while-publishing/linkedin",
                        GUINT_TO_POINTER (ROUNDS_NETWORK_LINKEDIN), test_kill_while_publishing);
  g_test_add_data_func ("/publish-faults/kill-while-publishing/google",
                        GUINT_TO_POINTER (ROUNDS_NETWORK_GOOGLE), test_kill_while_publishing);
  g_test_add_data_func ("/publish-faults/two-publishers", GINT_TO_POINTER (FALSE),
                        test_two_publishers);
  g_test_add_data_func ("/publish-faults/two-publishers/one-killed", GINT_TO_POINTER (TRUE),
                        test_two_publishers);
  return g_test_run ();
}
