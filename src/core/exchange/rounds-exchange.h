/* rounds-exchange.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rounds-store.h"

G_BEGIN_DECLS

/* Posts in and out of Rounds: an iCalendar file (RFC 5545, libical) of
 * the schedule for calendar apps, and CSV in the shape bulk schedulers
 * use — a header row, then one post a row:
 *
 *   date,time,message,link,networks
 *   2026-12-01,09:00,"Flu shots are here!",https://example.org,"facebook, instagram"
 *
 * Dates are YYYY-MM-DD (or MM/DD/YYYY), times HH:MM in the practice's
 * time zone, networks separated by commas, semicolons or spaces.
 *
 * This layer sits above the store: it parses files into plain rows and
 * posts and writes them through the store's API
 * (rounds_store_import_posts()); the store knows no file format. */

#define ROUNDS_EXCHANGE_ERROR (rounds_exchange_error_quark ())

typedef enum
{
  ROUNDS_EXCHANGE_ERROR_INVALID,   /* the file has problems: see the report */
  ROUNDS_EXCHANGE_ERROR_EMPTY,
  ROUNDS_EXCHANGE_ERROR_FAILED,
  ROUNDS_EXCHANGE_ERROR_TOO_BIG,   /* over one of the limits below */
} RoundsExchangeError;

/* What one import takes: a bulk scheduler's file for a year of posts is
 * far smaller. Bigger files are refused with a message saying so. */
#define ROUNDS_CSV_MAX_FILE_SIZE   (10 * 1024 * 1024)
#define ROUNDS_CSV_MAX_ROWS        10000
#define ROUNDS_CSV_MAX_FIELD_BYTES 20000

/* Progress of a check running in a worker: rows checked out of total.
 * Read with g_atomic_int_get() from the main thread. */
typedef struct
{
  int done;
  int total;
} RoundsCsvProgress;

typedef struct
{
  guint          line;      /* 1-based line of the file where the row starts */
  gint64         when;      /* UTC */
  char          *message;
  char          *link;      /* may be NULL */
  RoundsNetwork  networks;
} RoundsCsvRow;

typedef struct
{
  GPtrArray *rows;       /* RoundsCsvRow */
  GPtrArray *problems;   /* char *: "Row 3: the time “25:00” is not a time of day" */
  guint      imported;
  guint      duplicates;
} RoundsCsvReport;

GQuark           rounds_exchange_error_quark  (void);

void             rounds_csv_row_free          (RoundsCsvRow     *row);
RoundsCsvReport *rounds_csv_report_new        (void);
void             rounds_csv_report_free       (RoundsCsvReport  *report);
char            *rounds_csv_report_to_string  (RoundsCsvReport  *report);

GPtrArray       *rounds_csv_split_records     (const char       *data,
                                               gsize             length,
                                               GError          **error);
gboolean         rounds_csv_parse             (const char       *data,
                                               gsize             length,
                                               GTimeZone        *tz,
                                               gint64            now,
                                               RoundsCsvReport  *report,
                                               GError          **error);
gboolean         rounds_csv_parse_full        (const char         *data,
                                               gsize               length,
                                               GTimeZone          *tz,
                                               gint64              now,
                                               RoundsCsvReport    *report,
                                               RoundsCsvProgress  *progress,
                                               GCancellable       *cancellable,
                                               GError            **error);
void             rounds_csv_read_file_async   (GFile              *file,
                                               GTimeZone          *tz,
                                               gint64              now,
                                               RoundsCsvProgress  *progress,
                                               GCancellable       *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer            user_data);
gboolean         rounds_csv_read_file_finish  (GAsyncResult       *result,
                                               RoundsCsvReport   **report,
                                               GError            **error);
gboolean         rounds_csv_link_is_web       (const char       *link);
char            *rounds_csv_row_dup_body      (RoundsCsvRow     *row);
char            *rounds_csv_export            (GPtrArray        *posts,
                                               GTimeZone        *tz);

gboolean         rounds_csv_import            (RoundsStore      *store,
                                               const char       *data,
                                               gsize             length,
                                               RoundsCsvReport  *report,
                                               GError          **error);
gboolean         rounds_csv_import_rows       (RoundsStore      *store,
                                               RoundsCsvReport  *report,
                                               GError          **error);

char            *rounds_ics_export            (RoundsStore      *store,
                                               GPtrArray        *posts,
                                               GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RoundsCsvReport, rounds_csv_report_free)

G_END_DECLS
