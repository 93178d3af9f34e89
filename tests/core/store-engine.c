/* store-engine.c — the store test matrix: the same tests on a server
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Linked into every store test program. With ROUNDS_TEST_STORE=postgresql
 * (tests/core/meson.build, the "-pg" entries, run under
 * build-aux/with-postgresql.sh), every rounds_store_open() of a file
 * opens a database schema on the throw-away server instead: one schema
 * per file path, so that closing and opening the same practice again
 * finds what was written. Without it, nothing changes.
 */

#include <libpq-fe.h>

#include "core-test-util.h"
#include "rounds-store-private.h"

static void
ignore_notice (void       *data,
               const char *message)
{
}

static char *
server_for_path (const char *path)
{
  const char *server = g_getenv ("ROUNDS_TEST_PG");
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, path, -1);
  g_autofree char *schema = g_strdup_printf ("t_%.24s", hash);
  g_autofree char *base = g_strdup_printf ("%s dbname=rounds", server);
  g_autofree char *sql = g_strdup_printf ("CREATE SCHEMA IF NOT EXISTS %s", schema);
  PGconn *conn;
  PGresult *result;

  /* build-aux/with-postgresql.sh made the database "rounds" */
  conn = PQconnectdb (base);
  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  PQsetNoticeProcessor (conn, ignore_notice, NULL);
  result = PQexec (conn, sql);
  /* Two processes of one test (store-faults' concurrent start) may
   * create the same schema at once: the second one's unique violation
   * means it is there. */
  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    g_assert_cmpstr (PQresultErrorField (result, PG_DIAG_SQLSTATE), ==, "23505");
  PQclear (result);
  PQfinish (conn);

  return g_strdup_printf ("%s options='-c search_path=%s'", base, schema);
}

__attribute__((constructor)) static void
store_engine_init (void)
{
  if (g_strcmp0 (g_getenv ("ROUNDS_TEST_STORE"), "postgresql") != 0)
    return;
  if (g_getenv ("ROUNDS_TEST_PG") == NULL)
    g_error ("ROUNDS_TEST_STORE=postgresql needs ROUNDS_TEST_PG (build-aux/with-postgresql.sh)");
  _rounds_store_server_hook = server_for_path;
}
