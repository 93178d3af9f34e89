/* rounds-bench-data.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rounds-store.h"

G_BEGIN_DECLS

/* What rounds_bench_data_fill() made. */
typedef struct
{
  guint n_posts;
  guint n_per_status[ROUNDS_POST_STATUS_LAST + 1];
  guint n_comments;
  guint n_media;
} RoundsBenchDataReport;

gboolean rounds_bench_data_fill (RoundsStore           *store,
                                 guint                  n_posts,
                                 guint                  years,
                                 guint32                seed,
                                 RoundsBenchDataReport *report,
                                 GError               **error);

gboolean rounds_bench_data_add_comments (RoundsStore  *store,
                                         guint         n_comments,
                                         gint64        newest,
                                         guint32       seed,
                                         GError      **error);

G_END_DECLS
