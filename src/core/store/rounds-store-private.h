/* rounds-store-private.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

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

G_END_DECLS
