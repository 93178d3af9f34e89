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

/* A practice of @n_posts over five years (seed 17) in a new store at
 * @path, its clock fixed at 2 March 2026, no backups: the Posts and
 * place-switch benches' data. Prints how long the posts took to make;
 * aborts on an error (a bench has nothing to recover). */
RoundsStore *rounds_bench_data_open_practice (const char *path,
                                              guint       n_posts);

G_END_DECLS
