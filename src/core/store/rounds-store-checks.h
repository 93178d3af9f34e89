/* rounds-store-checks.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rounds-store.h"

G_BEGIN_DECLS

/* The check answers kept per text (issue 17): see rounds-store-checks.c. */
gboolean rounds_store_read_checks (RoundsStore        *self,
                                   const char         *stamp,
                                   const char * const *texts,
                                   guint               n_texts,
                                   int                *blocks,
                                   int                *warnings,
                                   GError            **error);
gboolean rounds_store_save_checks (RoundsStore        *self,
                                   const char         *stamp,
                                   const char * const *texts,
                                   guint               n_texts,
                                   const int          *blocks,
                                   const int          *warnings,
                                   GError            **error);

G_END_DECLS
