/* rounds-store-checks.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rounds-store-checks.h"
#include "rounds-store-private.h"

/* The check answers kept (table post_checks, schema version 3): for a
 * post's text, how many blocking and to-decide findings the compliance
 * scanner found, under a stamp that names everything else the answer
 * depends on (the scanner's rules, rounds_scanner_dup_rules_stamp(),
 * and the practice profile: the caller makes it). The Posts list's Check
 * column and the Calendar's marks read them at start instead of loading
 * the scanner (~12 MB, ~200 ms of a worker); a text with no answer under
 * the stamp asked for is checked again, so a change of rules or profile
 * never shows an old answer. Texts are kept as their SHA-256 only. */

#define PRUNE_AFTER_S (30 * 24 * 3600)

/**
 * rounds_store_read_checks:
 * @stamp: the rules' and profile's stamp the answers must have
 * @texts: (array length=n_texts): posts' texts
 * @blocks: (array length=n_texts) (out caller-allocates): for each text,
 *   its blocking findings, or -1 if no answer is kept under @stamp
 * @warnings: (array length=n_texts) (out caller-allocates): the same for
 *   findings that need a human decision
 *
 * Safe to call from any thread: it reads through a connection of its
 * own (the store's file, read only, or its server), and uses nothing of
 * the store but where it is. A store in memory keeps no answers.
 *
 * Returns: %FALSE with @error set if the store could not be read (every
 *   answer then -1)
 */
gboolean
rounds_store_read_checks (RoundsStore        *self,
                          const char         *stamp,
                          const char * const *texts,
                          guint               n_texts,
                          int                *blocks,
                          int                *warnings,
                          GError            **error)
{
  RoundsDb *db;
  RoundsDbStmt *stmt = NULL;
  gboolean ok = TRUE;
  int rc;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);
  g_return_val_if_fail (stamp != NULL, FALSE);
  g_return_val_if_fail (n_texts == 0 || (texts != NULL && blocks != NULL && warnings != NULL),
                        FALSE);

  for (guint i = 0; i < n_texts; i++)
    blocks[i] = warnings[i] = -1;
  if (n_texts == 0 || (self->path == NULL && self->conninfo == NULL))
    return TRUE;

  db = _rounds_store_open_reader (self->path, self->conninfo, N_("Could not read the checks"),
                                  error);
  if (db == NULL)
    return FALSE;
  rc = rounds_db_prepare_v2 (db, "SELECT blocks, warnings FROM post_checks"
                                 " WHERE text_sha256 = ? AND stamp = ?", -1, &stmt, NULL);
  if (rc != ROUNDS_DB_OK)
    ok = _rounds_store_db_error (db, rc, error, _("Could not read the checks"));
  for (guint i = 0; ok && i < n_texts; i++)
    {
      g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, texts[i], -1);

      rounds_db_reset (stmt);
      _rounds_store_bind_text (stmt, 1, sha);
      _rounds_store_bind_text (stmt, 2, stamp);
      rc = rounds_db_step (stmt);
      if (rc == ROUNDS_DB_ROW)
        {
          blocks[i] = rounds_db_column_int (stmt, 0);
          warnings[i] = rounds_db_column_int (stmt, 1);
        }
      else if (rc != ROUNDS_DB_DONE)
        ok = _rounds_store_db_error (db, rc, error, _("Could not read the checks"));
    }
  if (!ok)
    for (guint i = 0; i < n_texts; i++)
      blocks[i] = warnings[i] = -1;
  rounds_db_finalize (stmt);
  rounds_db_close_v2 (db);
  return ok;
}

/**
 * rounds_store_save_checks:
 * @stamp: the rules' and profile's stamp the answers were found under
 * @texts: (array length=n_texts): posts' texts
 * @blocks: (array length=n_texts): blocking findings in each
 * @warnings: (array length=n_texts): findings to decide in each
 *
 * Keeps the answers, in one transaction, replacing those kept for the
 * same texts and stamp, and forgets answers of other stamps older than
 * 30 days. Main thread only, like the store.
 */
gboolean
rounds_store_save_checks (RoundsStore        *self,
                          const char         *stamp,
                          const char * const *texts,
                          guint               n_texts,
                          const int          *blocks,
                          const int          *warnings,
                          GError            **error)
{
  gint64 now;
  RoundsDbStmt *stmt;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);
  g_return_val_if_fail (stamp != NULL, FALSE);

  if (n_texts == 0)
    return TRUE;
  now = rounds_clock_get_now (self->clock);
  if (!_rounds_store_begin_unsynced (self, error))
    return FALSE;

  stmt = _rounds_store_prepare (self, "DELETE FROM post_checks WHERE stamp <> ? AND checked_at < ?",
                                error);
  if (stmt == NULL)
    goto fail;
  _rounds_store_bind_text (stmt, 1, stamp);
  rounds_db_bind_int64 (stmt, 2, now - PRUNE_AFTER_S);
  if (!_rounds_store_step_done (self, stmt, error, _("Could not save the checks")))
    goto fail;

  for (guint i = 0; i < n_texts; i++)
    {
      g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, texts[i], -1);

      stmt = _rounds_store_prepare (self,
                                    "INSERT INTO post_checks"
                                    " (text_sha256, stamp, blocks, warnings, checked_at)"
                                    " VALUES (?, ?, ?, ?, ?)"
                                    " ON CONFLICT (text_sha256, stamp) DO UPDATE SET"
                                    " blocks = excluded.blocks, warnings = excluded.warnings,"
                                    " checked_at = excluded.checked_at", error);
      if (stmt == NULL)
        goto fail;
      _rounds_store_bind_text (stmt, 1, sha);
      _rounds_store_bind_text (stmt, 2, stamp);
      rounds_db_bind_int (stmt, 3, MAX (blocks[i], 0));
      rounds_db_bind_int (stmt, 4, MAX (warnings[i], 0));
      rounds_db_bind_int64 (stmt, 5, now);
      if (!_rounds_store_step_done (self, stmt, error, _("Could not save the checks")))
        goto fail;
    }
  return _rounds_store_commit (self, error);

fail:
  _rounds_store_rollback (self);
  return FALSE;
}
