/* rounds-insights-import.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rounds-store-insights.h"

G_BEGIN_DECLS

/* CSV import for Insights: the networks' own post exports, weekly results
 * from a practice system, and Google Analytics sessions and conversions
 * by source and campaign. A file is checked whole first; any bad row
 * refuses all of it with a report (row, column, what is wrong — never the
 * field's contents); a good file is written in one transaction. */

#define ROUNDS_IMPORT_ERROR (rounds_import_error_quark ())

typedef enum
{
  ROUNDS_IMPORT_ERROR_UNREADABLE,
  ROUNDS_IMPORT_ERROR_NEEDS_MAPPING,
  ROUNDS_IMPORT_ERROR_BAD_ROWS,
} RoundsImportError;

typedef enum
{
  ROUNDS_IMPORT_POSTS,
  ROUNDS_IMPORT_RESULTS,
  ROUNDS_IMPORT_ANALYTICS,
} RoundsImportKind;

typedef struct
{
  guint  line;        /* 1-based line of the file */
  char  *column;      /* the column's name from the header, or "" */
  char  *problem;
} RoundsImportProblem;

typedef struct
{
  GStrv      header;
  GPtrArray *rows;    /* of GStrv */
  GArray    *lines;   /* guint: the file line each row starts on */
  char      *start_date; /* "YYYY-MM-DD" from a Google Analytics preamble, or NULL */
} RoundsInsightsCsv;

GQuark              rounds_import_error_quark          (void);

RoundsInsightsCsv          *rounds_insights_csv_parse                   (const char          *text,
                                                        gssize               length,
                                                        GError             **error);
void                rounds_insights_csv_free                    (RoundsInsightsCsv           *csv);
char               *rounds_insights_csv_quote                   (const char          *field);

void                rounds_import_problem_free         (RoundsImportProblem *problem);
char               *rounds_import_problems_describe    (GPtrArray           *problems);

/* The fields a kind of file needs ("remote_id", "published_at", "likes",
 * …), which of them are required, and the column each one is read from
 * (field → column name) as guessed from the header and the data file. */
const char * const *rounds_import_fields               (RoundsImportKind     kind);
gboolean            rounds_import_field_required       (RoundsImportKind     kind,
                                                        const char          *field);
const char         *rounds_import_field_label          (const char          *field);
GHashTable         *rounds_import_guess_mapping        (RoundsImportKind     kind,
                                                        RoundsNetwork        network,
                                                        const char * const  *header);
GStrv               rounds_import_missing_fields       (RoundsImportKind     kind,
                                                        GHashTable          *mapping);

/* Checks and imports a file. @mapping: field → column name. @day: the
 * day the export was taken (its readings are dated that day); for
 * analytics the first day of the period when the file does not say.
 * On bad rows returns FALSE with ROUNDS_IMPORT_ERROR_BAD_ROWS and the
 * report in @problems; nothing is written. Returns the rows written in
 * @n_rows. */
gboolean            rounds_import_csv                  (RoundsStore         *store,
                                                        RoundsImportKind     kind,
                                                        RoundsNetwork        network,
                                                        RoundsInsightsCsv           *csv,
                                                        GHashTable          *mapping,
                                                        GTimeZone           *tz,
                                                        guint32              day,
                                                        guint               *n_rows,
                                                        GPtrArray          **problems,
                                                        GError             **error);

/* Manual entry: this week's numbers for one network without a
 * connection (followers and interactions) and the week's results. */
gboolean            rounds_import_enter_week           (RoundsStore         *store,
                                                        RoundsNetwork        network,
                                                        guint32              day,
                                                        gint64               followers,
                                                        gint64               inquiries,
                                                        gint64               bookings,
                                                        GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RoundsInsightsCsv, rounds_insights_csv_free)

G_END_DECLS
