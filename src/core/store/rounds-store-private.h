/* rounds-store-private.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "rounds-store.h"

G_BEGIN_DECLS

gboolean _rounds_store_write_audit (RoundsStore  *self,
                                    const char   *entity_type,
                                    gint64        entity_id,
                                    const char   *action,
                                    const char   *from_state,
                                    const char   *to_state,
                                    const char   *reason,
                                    const char   *text_hash,
                                    GError      **error);

/* For feature files that keep their own tables (rounds-store-FEATURE.c):
 * the store's cached statements, transactions and error mapping. Main
 * thread only, like the store. */
sqlite3_stmt  *_rounds_store_prepare           (RoundsStore   *self,
                                                const char    *sql,
                                                GError       **error);
gboolean       _rounds_store_begin             (RoundsStore   *self,
                                                GError       **error);
gboolean       _rounds_store_commit            (RoundsStore   *self,
                                                GError       **error);
void           _rounds_store_rollback          (RoundsStore   *self);
gboolean       _rounds_store_step_done         (RoundsStore   *self,
                                                sqlite3_stmt  *stmt,
                                                GError       **error,
                                                const char    *what);
gboolean       _rounds_store_set_error         (RoundsStore   *self,
                                                int            rc,
                                                GError       **error,
                                                const char    *what);
void           _rounds_store_bind_text         (sqlite3_stmt  *stmt,
                                                int            index,
                                                const char    *text);
const char    *_rounds_store_column_text       (sqlite3_stmt  *stmt,
                                                int            index);
sqlite3_int64  _rounds_store_last_insert_rowid (RoundsStore   *self);
void           _rounds_store_emit_post_changed (RoundsStore   *self,
                                                RoundsPost    *post);
/* Inside a transaction the caller holds: writes a new post row in
 * @status with its "imported" audit entry; after the commit,
 * _rounds_store_add_post() puts it in the posts list (transfer none). */
gboolean       _rounds_store_insert_post_row   (RoundsStore       *self,
                                                RoundsPost        *post,
                                                RoundsPostStatus   status,
                                                const char        *reason,
                                                gint64            *out_id,
                                                GError           **error);
RoundsPost    *_rounds_store_add_post          (RoundsStore       *self,
                                                RoundsPost        *post,
                                                gint64             id,
                                                RoundsPostStatus   status);

G_END_DECLS
