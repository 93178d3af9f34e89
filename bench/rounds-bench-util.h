/* rounds-bench-util.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The order of two doubles, for g_array_sort() and qsort() of timings */
int    rounds_bench_compare_double (gconstpointer a,
                                    gconstpointer b);

/* The calling thread's CPU time so far, in milliseconds: what the work
 * costs, without the waits that other processes on a shared machine add
 * to the wall clock */
double rounds_bench_thread_cpu_ms  (void);

/* Removes @dir and the files in it (a bench's throw-away data folder) */
void   rounds_bench_remove_dir     (const char   *dir);

G_END_DECLS
