/* rounds-store-move.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-store"

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "rounds-server.h"
#include "rounds-store-move.h"
#include "rounds-store-private.h"

/* Moving a practice from its file to a server: see rounds-store-move.h.
 *
 * The copy is generic over the file's tables, so that a table another
 * feature adds moves without a change here: the tables are copied
 * parents first (their foreign keys, read from the file), column by
 * column by name, values as the file holds them. The server's schema is
 * made first by opening it as a store (the same migrations), so a table
 * the server lacks is a version mismatch and stops the move.
 *
 * The check compares, per table, the number of rows and a fingerprint:
 * the SHA-256 of the sorted SHA-256s of each row's values (sorted, as
 * the two engines order text differently), read back from the server
 * inside the transaction. Nothing is logged but table names and counts. */

RoundsStoreMoveHook _rounds_store_move_hook = NULL;
int _rounds_store_move_silence_ms = ROUNDS_STORE_MOVE_SILENCE_MS;

typedef struct
{
  char      *name;
  GPtrArray *columns;   /* char * */
  GPtrArray *parents;   /* char *: tables its foreign keys point at */
} Table;

static void
table_free (Table *table)
{
  g_free (table->name);
  g_ptr_array_unref (table->columns);
  g_ptr_array_unref (table->parents);
  g_free (table);
}

void
rounds_store_move_report_clear (RoundsStoreMoveReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->backup_path, g_free);
  memset (report, 0, sizeof *report);
}

static gboolean
fail (GError     **error,
      RoundsDb    *db,
      int          rc,
      const char  *what)
{
  g_set_error (error, ROUNDS_SERVER_ERROR, ROUNDS_SERVER_ERROR_FAILED, "%s: %s", what,
               db != NULL ? rounds_db_errmsg (db) : rounds_db_errstr (rc));
  return FALSE;
}

/* The one-column result of @sql (with @arg as ?1, if any) */
static GPtrArray *
read_strings (RoundsDb    *db,
              const char  *sql,
              const char  *arg,
              GError     **error)
{
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  RoundsDbStmt *stmt = NULL;
  int rc = rounds_db_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == ROUNDS_DB_OK && arg != NULL)
    rounds_db_bind_text (stmt, 1, arg, -1, ROUNDS_DB_TRANSIENT);
  if (rc == ROUNDS_DB_OK)
    while ((rc = rounds_db_step (stmt)) == ROUNDS_DB_ROW)
      g_ptr_array_add (values, g_strdup ((const char *)rounds_db_column_text (stmt, 0)));
  rounds_db_finalize (stmt);
  if (rc != ROUNDS_DB_DONE)
    {
      fail (error, db, rc, _("Could not read the practice"));
      return NULL;
    }
  return g_steal_pointer (&values);
}

static gint64
read_count (RoundsDb   *db,
            const char *sql)
{
  RoundsDbStmt *stmt = NULL;
  gint64 n = -1;

  if (rounds_db_prepare_v2 (db, sql, -1, &stmt, NULL) == ROUNDS_DB_OK &&
      rounds_db_step (stmt) == ROUNDS_DB_ROW)
    n = rounds_db_column_int64 (stmt, 0);
  rounds_db_finalize (stmt);
  return n;
}

static gboolean
contains (GPtrArray  *strings,
          const char *value)
{
  for (guint i = 0; i < strings->len; i++)
    if (g_str_equal (g_ptr_array_index (strings, i), value))
      return TRUE;
  return FALSE;
}

/* The file's tables, parents before the tables that point at them */
static GPtrArray *
read_tables (RoundsDb  *file,
             GError   **error)
{
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GPtrArray) pending = g_ptr_array_new_with_free_func ((GDestroyNotify)table_free);
  g_autoptr(GPtrArray) ordered = g_ptr_array_new_with_free_func ((GDestroyNotify)table_free);
  g_autoptr(GPtrArray) done = g_ptr_array_new ();

  names = read_strings (file, "SELECT name FROM sqlite_master WHERE type = 'table'"
                              " AND name NOT LIKE 'sqlite_%' ORDER BY name", NULL, error);
  if (names == NULL)
    return NULL;
  for (guint i = 0; i < names->len; i++)
    {
      Table *table = g_new0 (Table, 1);

      table->name = g_strdup (g_ptr_array_index (names, i));
      table->columns = read_strings (file, "SELECT name FROM pragma_table_info (?1) ORDER BY cid",
                                     table->name, error);
      table->parents = read_strings (file, "SELECT \"table\" FROM pragma_foreign_key_list (?1)",
                                     table->name, error);
      if (table->columns == NULL || table->parents == NULL)
        {
          if (table->columns == NULL)
            table->columns = g_ptr_array_new ();
          if (table->parents == NULL)
            table->parents = g_ptr_array_new ();
          table_free (table);
          return NULL;
        }
      g_ptr_array_add (pending, table);
    }

  while (pending->len > 0)
    {
      gboolean moved = FALSE;

      for (guint i = 0; i < pending->len; i++)
        {
          Table *table = g_ptr_array_index (pending, i);
          gboolean ready = TRUE;

          for (guint p = 0; p < table->parents->len && ready; p++)
            {
              const char *parent = g_ptr_array_index (table->parents, p);

              ready = g_str_equal (parent, table->name) || contains (done, parent) ||
                      !contains (names, parent);
            }
          if (ready)
            {
              g_ptr_array_add (done, table->name);
              g_ptr_array_add (ordered, g_ptr_array_steal_index (pending, i));
              moved = TRUE;
              break;
            }
        }
      if (!moved)
        {
          /* A cycle of foreign keys: the server refuses rows in any
           * order, so say which instead of failing half-way. */
          g_set_error (error, ROUNDS_SERVER_ERROR, ROUNDS_SERVER_ERROR_FAILED,
                       _("The tables %s and others point at each other; the practice cannot "
                         "be moved table by table"),
                       ((Table *)g_ptr_array_index (pending, 0))->name);
          return NULL;
        }
    }
  return g_steal_pointer (&ordered);
}

static char *
column_list (Table *table)
{
  g_autoptr(GString) list = g_string_new (NULL);

  for (guint i = 0; i < table->columns->len; i++)
    g_string_append_printf (list, "%s%s", i > 0 ? ", " : "",
                            (const char *)g_ptr_array_index (table->columns, i));
  return g_string_free (g_steal_pointer (&list), FALSE);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char **)a, *(const char **)b);
}

/* Rows and fingerprint of @table on @db */
static gboolean
fingerprint (RoundsDb    *db,
             Table       *table,
             gint64      *n_rows,
             char       **digest,
             GError     **error)
{
  g_autofree char *columns = column_list (table);
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM %s", columns, table->name);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GChecksum) all = g_checksum_new (G_CHECKSUM_SHA256);
  RoundsDbStmt *stmt = NULL;
  int rc = rounds_db_prepare_v2 (db, sql, -1, &stmt, NULL);

  while (rc == ROUNDS_DB_OK || rc == ROUNDS_DB_ROW)
    {
      g_autoptr(GChecksum) row = NULL;

      if ((rc = rounds_db_step (stmt)) != ROUNDS_DB_ROW)
        break;
      row = g_checksum_new (G_CHECKSUM_SHA256);

      for (guint c = 0; c < table->columns->len; c++)
        {
          const char *value = (const char *)rounds_db_column_text (stmt, c);

          /* NULL and "" differ; a value is its text on both engines */
          if (rounds_db_column_type (stmt, c) == ROUNDS_DB_NULL || value == NULL)
            g_checksum_update (row, (const guchar *)"N", 2);
          else
            {
              g_checksum_update (row, (const guchar *)"V", 1);
              g_checksum_update (row, (const guchar *)value, strlen (value) + 1);
            }
        }
      g_ptr_array_add (rows, g_strdup (g_checksum_get_string (row)));
    }
  rounds_db_finalize (stmt);
  if (rc != ROUNDS_DB_DONE)
    return fail (error, db, rc, table->name);

  g_ptr_array_sort (rows, compare_strings);
  for (guint i = 0; i < rows->len; i++)
    g_checksum_update (all, g_ptr_array_index (rows, i), 64);
  *n_rows = rows->len;
  *digest = g_strdup (g_checksum_get_string (all));
  return TRUE;
}

/* Copies the rows of @table from @file to @server */
static gboolean
copy_table (RoundsDb      *file,
            RoundsDb      *server,
            Table         *table,
            GCancellable  *cancellable,
            guint64       *n_copied,
            GError       **error)
{
  g_autofree char *columns = column_list (table);
  g_autofree char *select_sql = g_strdup_printf ("SELECT %s FROM %s ORDER BY rowid", columns,
                                                 table->name);
  g_autoptr(GString) insert_sql = g_string_new (NULL);
  RoundsDbStmt *select = NULL;
  RoundsDbStmt *insert = NULL;
  guint n = table->columns->len;
  int rc;

  g_string_printf (insert_sql, "INSERT INTO %s (%s) VALUES (", table->name, columns);
  for (guint i = 1; i <= n; i++)
    g_string_append_printf (insert_sql, i > 1 ? ", ?%u" : "?%u", i);
  g_string_append (insert_sql, ")");

  /* WITHOUT ROWID tables have no rowid: their key orders them */
  rc = rounds_db_prepare_v2 (file, select_sql, -1, &select, NULL);
  if (rc != ROUNDS_DB_OK)
    {
      g_autofree char *plain = g_strdup_printf ("SELECT %s FROM %s", columns, table->name);

      rc = rounds_db_prepare_v2 (file, plain, -1, &select, NULL);
    }
  if (rc != ROUNDS_DB_OK)
    return fail (error, file, rc, table->name);
  rc = rounds_db_prepare_v2 (server, insert_sql->str, -1, &insert, NULL);
  if (rc != ROUNDS_DB_OK)
    {
      rounds_db_finalize (select);
      return fail (error, server, rc, table->name);
    }

  while ((rc = rounds_db_step (select)) == ROUNDS_DB_ROW)
    {
      int done;

      /* A big table is cancelled between rows too, not only while the
       * server runs a statement */
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          rounds_db_finalize (select);
          rounds_db_finalize (insert);
          return FALSE;
        }

      rounds_db_reset (insert);
      rounds_db_clear_bindings (insert);
      for (guint c = 0; c < n; c++)
        switch (rounds_db_column_type (select, c))
          {
          case ROUNDS_DB_NULL:
            rounds_db_bind_null (insert, c + 1);
            break;
          case ROUNDS_DB_INTEGER:
            rounds_db_bind_int64 (insert, c + 1, rounds_db_column_int64 (select, c));
            break;
          default:
            rounds_db_bind_text (insert, c + 1, (const char *)rounds_db_column_text (select, c),
                                 -1, ROUNDS_DB_TRANSIENT);
            break;
          }
      done = rounds_db_step (insert);
      if (done != ROUNDS_DB_DONE && done != ROUNDS_DB_ROW)
        {
          rounds_db_finalize (select);
          rounds_db_finalize (insert);
          return fail (error, server, done, table->name);
        }
      (*n_copied)++;
    }
  rounds_db_finalize (select);
  rounds_db_finalize (insert);
  if (rc != ROUNDS_DB_DONE)
    return fail (error, file, rc, table->name);

  /* New rows on the server go on after the copied ids (identity
   * columns only: a text key has no sequence) */
  if (contains (table->columns, "id"))
    {
      g_autofree char *find = g_strdup_printf (
        "SELECT COALESCE (pg_get_serial_sequence ('%s', 'id'), '')", table->name);
      g_autoptr(GPtrArray) sequence = read_strings (server, find, NULL, error);

      if (sequence == NULL)
        return FALSE;
      if (sequence->len == 1 && *(const char *)g_ptr_array_index (sequence, 0) != '\0')
        {
          g_autofree char *sql = g_strdup_printf (
            "SELECT setval ('%s', (SELECT COALESCE (max (id), 0) + 1 FROM %s), false)",
            (const char *)g_ptr_array_index (sequence, 0), table->name);

          rc = rounds_db_exec (server, sql, NULL, NULL, NULL);
          if (rc != ROUNDS_DB_OK)
            return fail (error, server, rc, table->name);
        }
    }
  return TRUE;
}

/* Every table on both sides: counts and fingerprints. The differences
 * go to @differences, one line each. */
static gboolean
compare_all (RoundsDb   *file,
             RoundsDb   *server,
             GPtrArray  *tables,
             GString    *differences,
             GError    **error)
{
  for (guint i = 0; i < tables->len; i++)
    {
      Table *table = g_ptr_array_index (tables, i);
      g_autofree char *file_digest = NULL;
      g_autofree char *server_digest = NULL;
      gint64 file_rows = 0, server_rows = 0;

      if (!fingerprint (file, table, &file_rows, &file_digest, error) ||
          !fingerprint (server, table, &server_rows, &server_digest, error))
        return FALSE;
      if (file_rows != server_rows)
        g_string_append_printf (differences,
                                _("%s: %" PRId64 " rows in the file, %" PRId64
                                  " on the server\n"),
                                table->name, file_rows, server_rows);
      else if (!g_str_equal (file_digest, server_digest))
        g_string_append_printf (differences, _("%s: the rows differ in content\n"), table->name);
    }
  return TRUE;
}

static gboolean
set_triggers (RoundsDb   *server,
              GPtrArray  *tables,
              const char *how,
              GError    **error)
{
  for (guint i = 0; i < tables->len; i++)
    {
      Table *table = g_ptr_array_index (tables, i);
      g_autofree char *sql = g_strdup_printf ("ALTER TABLE %s %s TRIGGER USER", table->name, how);
      int rc = rounds_db_exec (server, sql, NULL, NULL, NULL);

      if (rc != ROUNDS_DB_OK)
        return fail (error, server, rc, table->name);
    }
  return TRUE;
}

/* The images themselves (issue 20): each file post_media names goes
 * into the server's media_files (rounds-store-media.c), then is read back
 * there and its SHA-256, computed by the server, compared with the one
 * read here. A file already missing on this PC is counted and told, not
 * a reason to keep the practice from moving (its post shows it missing
 * as it did here). */
static gboolean
copy_media (RoundsDb               *file,
            RoundsDb               *server,
            GCancellable           *cancellable,
            RoundsStoreMoveReport  *report,
            GString                *differences,
            GError                **error)
{
  g_autoptr(GHashTable) hashes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) paths = NULL;
  RoundsDbStmt *stmt = NULL;
  guint n_server = 0;
  int rc;

  paths = read_strings (file, "SELECT DISTINCT path FROM post_media ORDER BY path", NULL, error);
  if (paths == NULL)
    return FALSE;
  rc = rounds_db_exec (server, "DELETE FROM media_files", NULL, NULL, NULL);
  if (rc != ROUNDS_DB_OK)
    return fail (error, server, rc, "media_files");

  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      g_autofree char *name = g_path_get_basename (path);
      char *sha256 = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (g_hash_table_contains (hashes, name))
        continue;
      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        {
          report->n_media_missing++;
          continue;
        }
      if (!_rounds_store_media_upload (server, path, &sha256, error))
        return FALSE;
      g_hash_table_insert (hashes, g_steal_pointer (&name), sha256);
    }
  report->n_media = g_hash_table_size (hashes);

  rc = rounds_db_prepare_v2 (server, "SELECT name, sha256, encode (sha256 (bytes), 'hex')"
                                     " FROM media_files", -1, &stmt, NULL);
  if (rc != ROUNDS_DB_OK)
    return fail (error, server, rc, "media_files");
  while ((rc = rounds_db_step (stmt)) == ROUNDS_DB_ROW)
    {
      const char *name = (const char *)rounds_db_column_text (stmt, 0);
      const char *kept = (const char *)rounds_db_column_text (stmt, 1);
      const char *computed = (const char *)rounds_db_column_text (stmt, 2);
      const char *read_here = g_hash_table_lookup (hashes, name != NULL ? name : "");

      n_server++;
      if (read_here == NULL || g_strcmp0 (read_here, kept) != 0 ||
          g_strcmp0 (read_here, computed) != 0)
        g_string_append_printf (differences, _("images: %s differs on the server\n"), name);
    }
  rounds_db_finalize (stmt);
  if (rc != ROUNDS_DB_DONE)
    return fail (error, server, rc, "media_files");
  if (n_server != report->n_media)
    g_string_append_printf (differences, _("images: %u on this PC, %u on the server\n"),
                            report->n_media, n_server);
  return TRUE;
}

static gboolean
copy_and_check (RoundsDb               *file,
                RoundsDb               *server,
                GPtrArray              *tables,
                GCancellable           *cancellable,
                RoundsStoreMoveReport  *report,
                GError                **error)
{
  g_autoptr(GString) differences = g_string_new (NULL);
  RoundsAuditCheck file_audit = { 0, }, server_audit = { 0, };
  gboolean ok;

  /* What opening the server as a store wrote (the practice's empty
   * row, defaults) makes way for the file's rows; children first. */
  for (guint i = tables->len; i > 0; i--)
    {
      Table *table = g_ptr_array_index (tables, i - 1);
      g_autofree char *count = g_strdup_printf ("SELECT count(*) FROM %s", table->name);
      g_autofree char *sql = g_strdup_printf ("DELETE FROM %s", table->name);
      int rc;

      if (g_str_equal (table->name, "audit_log") || read_count (server, count) == 0)
        continue;
      rc = rounds_db_exec (server, sql, NULL, NULL, NULL);
      if (rc != ROUNDS_DB_OK)
        return fail (error, server, rc, table->name);
    }

  /* The rows come as the file has them: the server's own triggers
   * (keeping derived tables, refusing changes to the audit log) would
   * add rows twice, so they rest during the copy, inside the
   * transaction. Foreign keys are still checked. */
  if (!set_triggers (server, tables, "DISABLE", error))
    return FALSE;
  for (guint i = 0; i < tables->len; i++)
    if (!copy_table (file, server, g_ptr_array_index (tables, i), cancellable, &report->n_rows,
                     error))
      return FALSE;
  report->n_tables = tables->len;
  if (!set_triggers (server, tables, "ENABLE", error))
    return FALSE;

  if (!copy_media (file, server, cancellable, report, differences, error))
    return FALSE;

  if (_rounds_store_move_hook != NULL)
    _rounds_store_move_hook (server);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (!compare_all (file, server, tables, differences, error))
    return FALSE;

  /* The chain again on the server: the same rows must make the same
   * chain, and it must hold there as it did in the file. */
  ok = _rounds_store_check_audit_db (file, &file_audit, error) &&
       _rounds_store_check_audit_db (server, &server_audit, error);
  if (ok)
    {
      report->n_audit_entries = server_audit.n_entries;
      if (server_audit.n_entries != file_audit.n_entries)
        g_string_append_printf (differences, _("audit log: %u entries in the file, %u on the "
                                               "server\n"),
                                file_audit.n_entries, server_audit.n_entries);
      if (file_audit.intact && !server_audit.intact)
        g_string_append_printf (differences, _("audit log: its hash chain breaks on the server "
                                               "at entry %" PRId64 "\n"),
                                server_audit.broken_id);
    }
  rounds_audit_check_clear (&file_audit);
  rounds_audit_check_clear (&server_audit);
  if (!ok)
    return FALSE;

  if (differences->len > 0)
    {
      g_strchomp (differences->str);
      g_set_error (error, ROUNDS_SERVER_ERROR, ROUNDS_SERVER_ERROR_FAILED,
                   _("The copy on the server did not match the file, so it was undone.\n%s"),
                   differences->str);
      return FALSE;
    }
  return TRUE;
}

/* The server's schema, made by opening it as a store, and whether it is
 * free for this practice. */
static gboolean
prepare_server (const char   *file_path,
                const char   *conninfo,
                RoundsClock  *clock,
                GError      **error)
{
  g_autoptr(RoundsStore) store = NULL;
  g_autoptr(GError) local_error = NULL;
  RoundsDb *db;
  gint64 rows;

  /* This runs on a worker thread while the app's main loop turns: a
   * store that listened would have the main loop read this connection's
   * socket too, taking the answers read_count() below waits for (the
   * move then hung with nothing on the server, issue 20). */
  store = rounds_store_open_server (conninfo, file_path, clock,
                                    ROUNDS_STORE_OPEN_NO_BACKUPS | ROUNDS_STORE_OPEN_NO_LIVE,
                                    &local_error);
  if (store == NULL)
    {
      g_set_error (error, ROUNDS_SERVER_ERROR, ROUNDS_SERVER_ERROR_FAILED, "%s",
                   local_error->message);
      return FALSE;
    }

  db = store->db;
  rows = read_count (db, "SELECT (SELECT count(*) FROM posts) + (SELECT count(*) FROM audit_log)"
                         " + (SELECT count(*) FROM practice WHERE name <> '')");
  rounds_store_close (store);
  if (rows != 0)
    {
      g_set_error_literal (error, ROUNDS_SERVER_ERROR, ROUNDS_SERVER_ERROR_NOT_EMPTY,
                           _("This database holds a practice already. Rounds moves a practice "
                             "only into an empty database: ask the IT person for a new one, or "
                             "connect to it instead of moving."));
      return FALSE;
    }
  return TRUE;
}

gboolean
rounds_store_move_to_server (const char             *file_path,
                             const char             *conninfo,
                             RoundsClock            *clock,
                             GCancellable           *cancellable,
                             RoundsStoreMoveReport  *report,
                             GError                **error)
{
  g_autoptr(GPtrArray) tables = NULL;
  RoundsStoreMoveReport local_report = { 0, };
  RoundsDb *file = NULL;
  RoundsDb *server = NULL;
  sqlite3 *handle = NULL;
  int version = 0;
  int rc;
  gboolean ok = FALSE;

  g_return_val_if_fail (file_path != NULL, FALSE);
  g_return_val_if_fail (conninfo != NULL, FALSE);
  g_return_val_if_fail (ROUNDS_IS_CLOCK (clock), FALSE);

  if (report == NULL)
    report = &local_report;
  memset (report, 0, sizeof *report);

  /* Every statement on the server from here stops when the user
   * cancels, or when the server has sent nothing for a while (a server
   * stopped or paused mid-move would otherwise be waited for for ever:
   * TCP keepalives do not see a paused server, whose PC still answers
   * them, nor does a statement timeout the server itself must run). */
  rounds_db_set_interrupt (cancellable, _rounds_store_move_silence_ms);

  rc = sqlite3_open_v2 (file_path, &handle, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOFOLLOW, NULL);
  file = rounds_db_new_sqlite (handle);
  if (rc != SQLITE_OK)
    {
      fail (error, file, rc, _("The data file cannot be opened"));
      goto out;
    }
  sqlite3_busy_timeout (handle, 5000);
  if (!_rounds_store_read_schema_version (file, &version, error))
    goto out;
  if (version != ROUNDS_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, ROUNDS_SERVER_ERROR, ROUNDS_SERVER_ERROR_FAILED,
                   _("Open the practice with this version of Rounds once before moving it "
                     "(its data version is %d, this version writes %d)."),
                   version, ROUNDS_STORE_SCHEMA_VERSION);
      goto out;
    }

  if (!prepare_server (file_path, conninfo, clock, error) ||
      g_cancellable_set_error_if_cancelled (cancellable, error))
    goto out;

  /* The file as it is now, kept beside it as a backup */
  report->backup_path = _rounds_store_backup_connection (handle, file_path, clock, error);
  if (report->backup_path == NULL)
    {
      g_prefix_error (error, _("Not moving without a backup of the file: "));
      goto out;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto out;
  server = rounds_db_open_postgresql (conninfo, error);
  if (server == NULL)
    goto out;

  /* One snapshot of the file, one transaction on the server */
  rc = rounds_db_exec (file, "BEGIN", NULL, NULL, NULL);
  if (rc != ROUNDS_DB_OK)
    {
      fail (error, file, rc, _("The data file cannot be read"));
      goto out;
    }
  tables = read_tables (file, error);
  if (tables == NULL)
    goto out;
  for (guint i = 0; i < tables->len; i++)
    {
      Table *table = g_ptr_array_index (tables, i);
      g_autofree char *sql = g_strdup_printf (
        "SELECT count(*) FROM information_schema.tables"
        " WHERE table_schema = current_schema () AND table_name = '%s'", table->name);

      if (read_count (server, sql) != 1)
        {
          g_set_error (error, ROUNDS_SERVER_ERROR, ROUNDS_SERVER_ERROR_FAILED,
                       _("The server's database has no table %s."),
                       table->name);
          goto out;
        }
    }

  rc = rounds_db_exec (server, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  if (rc != ROUNDS_DB_OK)
    {
      fail (error, server, rc, _("The server refused to start the move"));
      goto out;
    }
  if (!copy_and_check (file, server, tables, cancellable, report, error))
    {
      /* Undone on the server at once, also when cancelled (a server
       * that stopped answering undoes it when it sees the connection
       * gone; nothing uncommitted is ever seen by another PC) */
      rounds_db_set_interrupt (NULL, _rounds_store_move_silence_ms);
      if (rounds_db_exec (server, "ROLLBACK", NULL, NULL, NULL) != ROUNDS_DB_OK)
        g_debug ("The server did not take the rollback: %s", rounds_db_errmsg (server));
      goto out;
    }
  /* The last point where a cancel stops it */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      rounds_db_set_interrupt (NULL, _rounds_store_move_silence_ms);
      rounds_db_exec (server, "ROLLBACK", NULL, NULL, NULL);
      goto out;
    }
  rounds_db_set_interrupt (NULL, _rounds_store_move_silence_ms);
  rc = rounds_db_exec (server, "COMMIT", NULL, NULL, NULL);
  if (rc != ROUNDS_DB_OK)
    {
      fail (error, server, rc, _("The server did not keep the move"));
      goto out;
    }
  g_debug ("Moved %u tables, %" G_GUINT64_FORMAT " rows to the server", report->n_tables,
           report->n_rows);
  ok = TRUE;

out:
  /* Whatever went wrong, the user learns first that nothing moved: the
   * server's transaction did not commit, and the file was only read.
   * Cancelled, or a server that stopped answering: said so, plainly
   * (the statement's own error says only where it stopped). */
  if (!ok && g_cancellable_is_cancelled (cancellable))
    {
      g_clear_error (error);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                           _("The move was cancelled. Nothing was moved: this PC keeps the "
                             "practice in its file, unchanged, and the server holds nothing "
                             "of it."));
    }
  else if (!ok && rounds_db_interrupt_timed_out ())
    {
      g_clear_error (error);
      g_set_error (error, ROUNDS_SERVER_ERROR, ROUNDS_SERVER_ERROR_UNREACHABLE,
                   _("The practice server stopped answering (nothing for %d seconds), so the "
                     "move was stopped. Nothing was moved: this PC keeps the practice in its "
                     "file, unchanged. Check that the server is running, then move again."),
                   MAX (1, _rounds_store_move_silence_ms / 1000));
    }
  else if (!ok && error != NULL && *error != NULL)
    g_prefix_error (error, _("Nothing was moved: this PC keeps the practice in its file, "
                             "unchanged. "));
  rounds_db_set_interrupt (NULL, 0);
  if (file != NULL)
    {
      if (!rounds_db_get_autocommit (file))
        rounds_db_exec (file, "ROLLBACK", NULL, NULL, NULL);
      rounds_db_close (file);
    }
  if (server != NULL)
    rounds_db_close (server);
  if (!ok || report == &local_report)
    rounds_store_move_report_clear (report);
  return ok;
}

typedef struct
{
  char                  *file_path;
  char                  *conninfo;
  RoundsClock           *clock;
  RoundsStoreMoveReport  report;
} MoveData;

static void
move_data_free (MoveData *data)
{
  g_free (data->file_path);
  if (data->conninfo != NULL)
    memset (data->conninfo, 0, strlen (data->conninfo));   /* it holds the password */
  g_free (data->conninfo);
  g_clear_object (&data->clock);
  rounds_store_move_report_clear (&data->report);
  g_free (data);
}

static void
move_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  MoveData *data = task_data;
  GError *error = NULL;

  if (rounds_store_move_to_server (data->file_path, data->conninfo, data->clock, cancellable,
                                   &data->report, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
rounds_store_move_to_server_async (const char          *file_path,
                                   const char          *conninfo,
                                   RoundsClock         *clock,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  MoveData *data = g_new0 (MoveData, 1);

  data->file_path = g_strdup (file_path);
  data->conninfo = g_strdup (conninfo);
  data->clock = g_object_ref (clock);
  g_task_set_source_tag (task, rounds_store_move_to_server_async);
  /* A cancel that comes after the commit changes nothing: the practice
   * moved, and the caller is told so, not that it was cancelled */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, data, (GDestroyNotify)move_data_free);
  g_task_run_in_thread (task, move_thread);
}

gboolean
rounds_store_move_to_server_finish (GAsyncResult           *result,
                                    RoundsStoreMoveReport  *report,
                                    GError                **error)
{
  MoveData *data;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  data = g_task_get_task_data (G_TASK (result));
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  if (report != NULL)
    {
      *report = data->report;
      memset (&data->report, 0, sizeof data->report);
    }
  return TRUE;
}
