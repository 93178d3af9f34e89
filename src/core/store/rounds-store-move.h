/* rounds-store-move.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rounds-clock.h"

G_BEGIN_DECLS

/* Moving a practice from this PC's file to a practice server (issue 20).
 *
 * Everything the file holds (posts, publications, the audit log with its
 * hashes, the images and their references, plan, settings, people,
 * accounts without their tokens, which stay in the keyring) is copied in one transaction
 * on the server; before it commits, every table's row count and a
 * fingerprint of its rows are compared with the file's and the audit
 * log's hash chain is checked again on the server. Any difference rolls
 * it all back and names the table. A server that holds a practice
 * already is refused. The file is not changed; a backup copy of it is
 * taken first. Blocking: call it from a worker thread.
 *
 * @cancellable stops it between steps, between rows and inside a
 * statement the server runs (cancelled there): the server's transaction
 * is rolled back and the error is G_IO_ERROR_CANCELLED. A server that
 * sends nothing for ROUNDS_STORE_MOVE_SILENCE_MS stops it too
 * (ROUNDS_SERVER_ERROR_UNREACHABLE). Either way nothing is committed and
 * the file stays the practice's store. */

#define ROUNDS_STORE_MOVE_SILENCE_MS 30000

typedef struct
{
  guint    n_tables;
  guint64  n_rows;
  guint    n_audit_entries;
  guint    n_media;         /* image files copied (and checked by SHA-256) */
  guint    n_media_missing; /* images posts name that this PC no longer has */
  char    *backup_path;     /* the copy of the file taken first */
} RoundsStoreMoveReport;

void      rounds_store_move_report_clear   (RoundsStoreMoveReport  *report);

gboolean  rounds_store_move_to_server      (const char             *file_path,
                                            const char             *conninfo,
                                            RoundsClock            *clock,
                                            GCancellable           *cancellable,
                                            RoundsStoreMoveReport  *report,
                                            GError                **error);
void      rounds_store_move_to_server_async  (const char           *file_path,
                                              const char           *conninfo,
                                              RoundsClock          *clock,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean  rounds_store_move_to_server_finish (GAsyncResult         *result,
                                              RoundsStoreMoveReport *report,
                                              GError              **error);

/* Tests only: called after the rows are copied, before they are
 * checked, on the server's connection (a RoundsDb *), so that a test can
 * make the copy differ and see it rolled back. */
typedef void (*RoundsStoreMoveHook) (gpointer db);
extern RoundsStoreMoveHook _rounds_store_move_hook;
/* Tests only: how long the server may send nothing (ms) */
extern int _rounds_store_move_silence_ms;

G_END_DECLS
