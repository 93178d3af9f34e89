/* core-test-util.h — helpers shared by the test programs
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <glib/gstdio.h>

/* Removes a test's temporary folder and everything in it. Symbolic links
 * are removed, never followed. */
static inline void
rounds_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      dir = g_dir_open (path, 0, NULL);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          rounds_test_remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

/* ------------------------------------------------------------------ */
/* A practice in a temporary folder (the store tests)                   */

/* The store test matrix (store-engine.c): TRUE when this run keeps every
 * practice on the throw-away PostgreSQL server instead of in a file. */
static inline gboolean
rounds_test_store_on_server (void)
{
  return g_strcmp0 (g_getenv ("ROUNDS_TEST_STORE"), "postgresql") == 0;
}

/* The store test matrix's server goes away and comes back: @what is
 * "stop" (a fast shutdown, as when the office server is switched off) or
 * "start" (again, on the same port). build-aux/with-postgresql.sh gives
 * the helper in $ROUNDS_TEST_PG_CTL; its messages go to stderr. */
static inline void
rounds_test_server_ctl (const char *what)
{
  const char *argv[] = { g_getenv ("ROUNDS_TEST_PG_CTL"), what, NULL };
  GError *error = NULL;
  int status = 0;

  g_assert_nonnull (argv[0]);
  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

/* For a test of what only a practice file has (its permissions, WAL,
 * backups copied from it, damage to it, SQL run on it directly): skips
 * the test on the server run. */
#define ROUNDS_TEST_FILE_ONLY()                                          \
  G_STMT_START                                                           \
  {                                                                      \
    if (rounds_test_store_on_server ())                                  \
      {                                                                  \
        g_test_skip ("only a practice file has this");                   \
        return;                                                          \
      }                                                                  \
  }                                                                      \
  G_STMT_END

#include "rounds-audit-entry.h"
#include "rounds-clock.h"
#include "rounds-store.h"

/* Monday 2026-03-02 15:00 UTC: the fake clock's start. */
#define ROUNDS_TEST_T0 ((gint64)1772463600)

typedef struct
{
  char        *dir;    /* a temporary folder, also ROUNDS_DATA_DIR */
  char        *path;   /* DIR/rounds.db, not created yet */
  RoundsClock *clock;  /* fake, at ROUNDS_TEST_T0 */
} RoundsTestStoreFixture;

static inline void
rounds_test_store_fixture_set_up (RoundsTestStoreFixture *fixture,
                                  const char             *dir_template)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp (dir_template, &error);
  g_assert_no_error (error);
  g_setenv ("ROUNDS_DATA_DIR", fixture->dir, TRUE);
  fixture->path = g_build_filename (fixture->dir, "rounds.db", NULL);
  fixture->clock = rounds_clock_new_fake (ROUNDS_TEST_T0);
}

static inline void
rounds_test_store_fixture_tear_down (RoundsTestStoreFixture *fixture)
{
  rounds_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->path, g_free);
  g_clear_object (&fixture->clock);
}

/* Opens the fixture's practice; any error fails the test. */
static inline RoundsStore *
rounds_test_store_open (RoundsTestStoreFixture *fixture)
{
  g_autoptr(GError) error = NULL;
  RoundsStore *store;

  store = rounds_store_open (fixture->path, fixture->clock, ROUNDS_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (ROUNDS_IS_STORE (store));
  return store;
}

/* Drops the last reference, and fails the test if anything else still
 * holds the store (it would keep the file open). */
static inline void
rounds_test_store_close (RoundsStore **store)
{
  g_object_add_weak_pointer (G_OBJECT (*store), (gpointer *)store);
  g_object_unref (*store);
  g_assert_null (*store);
}

/* How many audit entries of @kind @id have @action ("taken_down"). */
static inline guint
rounds_test_count_audit (RoundsStore *store,
                         const char  *kind,
                         gint64       id,
                         const char  *action)
{
  g_autoptr(GListModel) audit = rounds_store_list_audit (store, kind, id, NULL);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (audit); i++)
    {
      g_autoptr(RoundsAuditEntry) entry = g_list_model_get_item (audit, i);

      n += g_strcmp0 (rounds_audit_entry_get_action (entry), action) == 0;
    }
  return n;
}

static inline char *
rounds_test_file_checksum (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)contents, length);
}

/* The permission bits of @path itself (a symlink is not followed). */
static inline guint
rounds_test_file_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_lstat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

/* ------------------------------------------------------------------ */
/* Connectors against a local stand-in (tests/servers)                  */

#include "rounds-connector-factory.h"

/* The token the Mastodon stand-in is told to accept
 * (rounds_mastodon_stub_add_token()). */
#define ROUNDS_TEST_MASTODON_TOKEN "tok"

/* A RoundsConnectorFactory: a Mastodon connector for @account at its
 * base URL (the stand-in), signed in with ROUNDS_TEST_MASTODON_TOKEN. */
static inline RoundsConnector *
rounds_test_mastodon_factory (RoundsAccount  *account,
                              const char     *credentials,
                              gpointer        user_data,
                              GError        **error)
{
  return rounds_connector_new_for_network (ROUNDS_NETWORK_MASTODON,
                                           rounds_account_get_base_url (account),
                                           "{\"access_token\": \"" ROUNDS_TEST_MASTODON_TOKEN "\"}",
                                           error);
}

static inline void
rounds_test_on_published_cb (GObject      *source,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  RoundsRemotePost **remote = user_data;
  g_autoptr(GError) error = NULL;

  *remote = rounds_connector_publish_finish (ROUNDS_CONNECTOR (source), result, &error);
  g_assert_no_error (error);
}

/* Publishes @outgoing through @connector and waits for the answer (at
 * most 30 s); any error fails the test. */
static inline RoundsRemotePost *
rounds_test_publish (RoundsConnector *connector,
                     RoundsOutgoing  *outgoing)
{
  RoundsRemotePost *remote = NULL;
  gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  rounds_connector_publish_async (connector, outgoing, NULL, rounds_test_on_published_cb,
                                  &remote);
  while (remote == NULL && g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  g_assert_nonnull (remote);
  return remote;
}
