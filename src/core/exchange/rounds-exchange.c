/* rounds-exchange.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-exchange"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include "rounds-ical.h"

#include "rounds-exchange.h"
#include "rounds-recurrence.h"
#include "rounds-store-calendar.h"
#include "rounds-time.h"

/* CSV and iCalendar. The CSV reader follows RFC 4180 (quoted fields,
 * doubled quotes, CRLF or LF, a UTF-8 byte-order mark) and checks every
 * row before anything is written, so a bad file is refused whole with a
 * report that names each bad row. Problems name the row, the line and
 * the column; what was found is quoted only as a short excerpt, cut with
 * "…", never a whole field (it may be patient text).
 *
 * Files are limited (ROUNDS_CSV_MAX_*), read and checked in a worker
 * thread (rounds_csv_read_file_async()) with progress and cancellation,
 * and written by the store in one transaction. On export, a cell that a
 * spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a
 * leading apostrophe, as OWASP recommends, and every text cell is
 * quoted; import takes the apostrophe off again, so the text round-trips
 * exactly. Links must be http or https web addresses. */

G_DEFINE_QUARK (rounds-exchange-error-quark, rounds_exchange_error)

#define MAX_PROBLEMS 500
#define EXCERPT_CHARS 12

void
rounds_csv_row_free (RoundsCsvRow *row)
{
  if (row == NULL)
    return;
  g_free (row->message);
  g_free (row->link);
  g_free (row);
}

RoundsCsvReport *
rounds_csv_report_new (void)
{
  RoundsCsvReport *report = g_new0 (RoundsCsvReport, 1);

  report->rows = g_ptr_array_new_with_free_func ((GDestroyNotify)rounds_csv_row_free);
  report->problems = g_ptr_array_new_with_free_func (g_free);
  return report;
}

void
rounds_csv_report_free (RoundsCsvReport *report)
{
  if (report == NULL)
    return;
  g_ptr_array_unref (report->rows);
  g_ptr_array_unref (report->problems);
  g_free (report);
}

char *
rounds_csv_report_to_string (RoundsCsvReport *report)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < report->problems->len; i++)
    {
      if (i > 0)
        g_string_append_c (s, '\n');
      g_string_append (s, g_ptr_array_index (report->problems, i));
    }
  return g_string_free (s, FALSE);
}

/* What a problem may quote of a field: its first EXCERPT_CHARS
 * characters, control characters as spaces, cut with "…" when longer. */
static char *
excerpt (const char *text)
{
  GString *out = g_string_new (NULL);
  guint n = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (n == EXCERPT_CHARS)
        {
          g_string_append (out, "…");
          break;
        }
      if (g_unichar_iscntrl (c))
        c = ' ';
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

static void
add_problem (RoundsCsvReport *report,
             const char      *format,
             ...) G_GNUC_PRINTF (2, 3);

static void
add_problem (RoundsCsvReport *report,
             const char      *format,
             ...)
{
  va_list args;

  if (report->problems->len == MAX_PROBLEMS)
    g_ptr_array_add (report->problems, g_strdup_printf (_("… and more problems after the first "
                                                          "%u"), MAX_PROBLEMS));
  if (report->problems->len > MAX_PROBLEMS)
    return;

  va_start (args, format);
  g_ptr_array_add (report->problems, g_strdup_vprintf (format, args));
  va_end (args);
}

typedef struct
{
  guint  line;
  GStrv  fields;
} Record;

static void
record_free (Record *record)
{
  g_strfreev (record->fields);
  g_free (record);
}

/**
 * rounds_csv_split_records:
 *
 * Splits RFC 4180 CSV into records.
 *
 * Returns: (transfer full) (element-type Record) (nullable): the records
 *   with the line each starts on, or %NULL when the file is not UTF-8 or
 *   has an unclosed quote.
 */
static gboolean
field_too_long (GString  *field,
                guint     line,
                GError  **error)
{
  if (field->len <= ROUNDS_CSV_MAX_FIELD_BYTES)
    return FALSE;

  g_set_error (error, ROUNDS_EXCHANGE_ERROR, ROUNDS_EXCHANGE_ERROR_TOO_BIG,
               _("Line %u: a field is longer than %u characters. Is a closing quote "
                 "missing? Posts are far shorter than that."),
               line, ROUNDS_CSV_MAX_FIELD_BYTES);
  return TRUE;
}

GPtrArray *
rounds_csv_split_records (const char  *data,
                          gsize        length,
                          GError     **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify)record_free);
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) field = g_string_new (NULL);
  const char *p = data, *end = data + length;
  gboolean quoted = FALSE, field_started = FALSE;
  guint line = 1, record_line = 1, quote_line = 0;

  if (length > ROUNDS_CSV_MAX_FILE_SIZE)
    {
      g_set_error (error, ROUNDS_EXCHANGE_ERROR, ROUNDS_EXCHANGE_ERROR_TOO_BIG,
                   _("The file is larger than %u MB. Split it into smaller files of at most "
                     "%u posts each."),
                   ROUNDS_CSV_MAX_FILE_SIZE / (1024 * 1024), ROUNDS_CSV_MAX_ROWS);
      return NULL;
    }

  if (!g_utf8_validate_len (data, length, NULL))
    {
      g_set_error (error, ROUNDS_EXCHANGE_ERROR, ROUNDS_EXCHANGE_ERROR_INVALID,
                   _("The file is not UTF-8 text. Save it as “CSV UTF-8” and try again."));
      return NULL;
    }

  if (length >= 3 && memcmp (p, "\xef\xbb\xbf", 3) == 0)
    p += 3;

  for (; p <= end; p++)
    {
      char c = p < end ? *p : '\n';
      gboolean at_end = p == end;

      if (quoted)
        {
          if (at_end)
            {
              g_set_error (error, ROUNDS_EXCHANGE_ERROR, ROUNDS_EXCHANGE_ERROR_INVALID,
                           _("Row starting on line %u: a quote is opened and never closed"),
                           quote_line);
              return NULL;
            }
          if (c == '"')
            {
              if (p + 1 < end && p[1] == '"')
                {
                  g_string_append_c (field, '"');
                  p++;
                }
              else
                quoted = FALSE;
            }
          else
            {
              if (c == '\n')
                line++;
              g_string_append_c (field, c);
              if (field_too_long (field, quote_line, error))
                return NULL;
            }
          continue;
        }

      if (c == '"' && !field_started)
        {
          quoted = TRUE;
          field_started = TRUE;
          quote_line = line;
        }
      else if (c == ',')
        {
          g_ptr_array_add (fields, g_strdup (field->str));
          g_string_truncate (field, 0);
          field_started = FALSE;
        }
      else if (c == '\r')
        {
          /* part of CRLF: ignored */
        }
      else if (c == '\n')
        {
          if (fields->len > 0 || field->len > 0 || field_started)
            {
              Record *record = g_new0 (Record, 1);

              g_ptr_array_add (fields, g_strdup (field->str));
              g_ptr_array_add (fields, NULL);
              record->line = record_line;
              record->fields = (GStrv)g_ptr_array_steal (fields, NULL);
              g_ptr_array_set_free_func (fields, g_free);
              g_ptr_array_add (records, record);

              /* The header and at most ROUNDS_CSV_MAX_ROWS posts. */
              if (records->len > ROUNDS_CSV_MAX_ROWS + 1)
                {
                  g_set_error (error, ROUNDS_EXCHANGE_ERROR, ROUNDS_EXCHANGE_ERROR_TOO_BIG,
                               _("The file has more than %u posts. Split it into smaller "
                                 "files of at most %u posts each."),
                               ROUNDS_CSV_MAX_ROWS, ROUNDS_CSV_MAX_ROWS);
                  return NULL;
                }
            }
          g_string_truncate (field, 0);
          field_started = FALSE;
          if (!at_end)
            line++;
          record_line = line;
        }
      else
        {
          g_string_append_c (field, c);
          field_started = TRUE;
          if (field_too_long (field, line, error))
            return NULL;
        }
    }

  return g_steal_pointer (&records);
}

static gboolean
parse_date (const char *text,
            GDate      *out)
{
  int y = 0, m = 0, d = 0;
  char tail;

  g_date_clear (out, 1);
  if (sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 &&
      sscanf (text, "%2d/%2d/%4d%c", &m, &d, &y, &tail) != 3)
    return FALSE;
  if (!g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_set_dmy (out, d, m, y);
  return TRUE;
}

static gboolean
parse_time (const char *text,
            int        *hour,
            int        *minute)
{
  g_autofree char *lower = g_ascii_strdown (text, -1);
  int h = -1, m = -1;
  char ampm[3] = "";

  if (sscanf (lower, "%2d:%2d %2s", &h, &m, ampm) >= 2 ||
      sscanf (lower, "%2d:%2d%2s", &h, &m, ampm) >= 2)
    {
      if (ampm[0] != '\0')
        {
          if (h < 1 || h > 12 || (strcmp (ampm, "am") != 0 && strcmp (ampm, "pm") != 0))
            return FALSE;
          h = h % 12 + (ampm[0] == 'p' ? 12 : 0);
        }
      else
        {
          const char *colon = strchr (lower, ':');

          /* Nothing but digits after the minutes (seconds are allowed). */
          if (colon == NULL || strspn (colon + 1, "0123456789:") != strlen (colon + 1))
            return FALSE;
        }
    }
  if (h < 0 || h > 23 || m < 0 || m > 59)
    return FALSE;

  *hour = h;
  *minute = m;
  return TRUE;
}

static RoundsNetwork
parse_networks (const char  *text,
                char       **unknown)
{
  static const struct { const char *name; RoundsNetwork network; } aliases[] = {
    { "fb", ROUNDS_NETWORK_FACEBOOK },
    { "ig", ROUNDS_NETWORK_INSTAGRAM },
    { "google-business", ROUNDS_NETWORK_GOOGLE },
    { "gbp", ROUNDS_NETWORK_GOOGLE },
    { "gmb", ROUNDS_NETWORK_GOOGLE },
    { "twitter", ROUNDS_NETWORK_X },
  };
  g_auto(GStrv) parts = g_regex_split_simple ("[,;|\\s]+", text, 0, 0);
  RoundsNetwork networks = ROUNDS_NETWORK_NONE;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *name = g_ascii_strdown (parts[i], -1);
      RoundsNetwork n;

      if (*name == '\0')
        continue;
      n = rounds_network_from_string (name);
      for (guint j = 0; n == ROUNDS_NETWORK_NONE && j < G_N_ELEMENTS (aliases); j++)
        if (g_str_equal (name, aliases[j].name))
          n = aliases[j].network;
      if (n == ROUNDS_NETWORK_NONE)
        {
          if (unknown != NULL && *unknown == NULL)
            *unknown = g_strdup (parts[i]);
          continue;
        }
      networks |= n;
    }

  return networks;
}

/* A web address a post may link to: http or https with a host. Anything
 * else (javascript:, data:, file:, a bare word) is refused. */
gboolean
rounds_csv_link_is_web (const char *link)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  if (link == NULL || strpbrk (link, " \t\r\n") != NULL)
    return FALSE;

  uri = g_uri_parse (link, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return FALSE;

  scheme = g_uri_get_scheme (uri);
  return (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0) &&
         g_uri_get_host (uri) != NULL && *g_uri_get_host (uri) != '\0';
}

/* Whether a spreadsheet would take @value as a formula (OWASP's list:
 * =, +, -, @, tab, carriage return), or it is already one of ours with
 * an apostrophe in front (so that "'=" round-trips too). */
static gboolean
needs_formula_guard (const char *value)
{
  if (value[0] == '\'')
    return needs_formula_guard (value + 1);
  return value[0] != '\0' && strchr ("=+-@\t\r", value[0]) != NULL;
}

/* Import: takes off the apostrophe that export put in front. */
static const char *
strip_formula_guard (const char *value)
{
  if (value[0] == '\'' && needs_formula_guard (value + 1))
    return value + 1;
  return value;
}

enum { COL_DATE, COL_TIME, COL_MESSAGE, COL_LINK, COL_NETWORKS, N_COLS };

static const char * const column_names[N_COLS] = { "date", "time", "message", "link", "networks" };

/**
 * rounds_csv_parse:
 * @now: rows at or before this instant are refused (nothing is scheduled
 *   into the past)
 * @report: gets the rows, or the problems
 *
 * Returns: %TRUE when every row is good; otherwise %FALSE, with @error
 *   saying the file was refused and @report->problems listing why, row by
 *   row.
 */
gboolean
rounds_csv_parse (const char       *data,
                  gsize             length,
                  GTimeZone        *tz,
                  gint64            now,
                  RoundsCsvReport  *report,
                  GError          **error)
{
  return rounds_csv_parse_full (data, length, tz, now, report, NULL, NULL, error);
}

/**
 * rounds_csv_parse_full:
 * @progress: (nullable): updated as rows are checked; may be read from
 *   another thread
 * @cancellable: (nullable): checked every few hundred rows
 *
 * rounds_csv_parse() for a worker thread: it touches no store and no
 * widget.
 */
gboolean
rounds_csv_parse_full (const char         *data,
                       gsize               length,
                       GTimeZone          *tz,
                       gint64              now,
                       RoundsCsvReport    *report,
                       RoundsCsvProgress  *progress,
                       GCancellable       *cancellable,
                       GError            **error)
{
  g_autoptr(GPtrArray) records = NULL;
  int columns[N_COLS] = { -1, -1, -1, -1, -1 };
  Record *header;
  guint n_header;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (report != NULL, FALSE);

  records = rounds_csv_split_records (data, length, error);
  if (records == NULL)
    {
      add_problem (report, "%s", (*error)->message);
      return FALSE;
    }

  if (progress != NULL)
    {
      g_atomic_int_set (&progress->total, records->len > 0 ? records->len - 1 : 0);
      g_atomic_int_set (&progress->done, 0);
    }

  if (records->len == 0)
    {
      g_set_error (error, ROUNDS_EXCHANGE_ERROR, ROUNDS_EXCHANGE_ERROR_EMPTY,
                   _("The file is empty"));
      add_problem (report, "%s", (*error)->message);
      return FALSE;
    }

  header = g_ptr_array_index (records, 0);
  n_header = g_strv_length (header->fields);
  for (guint i = 0; i < n_header; i++)
    {
      g_autofree char *name = g_ascii_strdown (g_strstrip (header->fields[i]), -1);

      for (guint c = 0; c < N_COLS; c++)
        if (g_str_equal (name, column_names[c]) ||
            (c == COL_MESSAGE && (g_str_equal (name, "text") || g_str_equal (name, "post"))) ||
            (c == COL_LINK && g_str_equal (name, "url")) ||
            (c == COL_NETWORKS && (g_str_equal (name, "network") ||
                                   g_str_equal (name, "platforms"))))
          columns[c] = (int)i;
    }

  for (guint c = 0; c < N_COLS; c++)
    if (columns[c] < 0 && c != COL_LINK)
      add_problem (report, _("Line 1: the header has no “%s” column (expected: date, time, "
                             "message, link, networks)"), column_names[c]);
  if (report->problems->len > 0)
    goto invalid;

  if (records->len == 1)
    {
      g_set_error (error, ROUNDS_EXCHANGE_ERROR, ROUNDS_EXCHANGE_ERROR_EMPTY,
                   _("The file has a header but no posts"));
      add_problem (report, "%s", (*error)->message);
      return FALSE;
    }

  for (guint r = 1; r < records->len; r++)
    {
      Record *record = g_ptr_array_index (records, r);
      guint n = g_strv_length (record->fields);
      const char *field[N_COLS] = { "", "", "", "", "" };
      g_autofree char *unknown = NULL;
      g_autofree char *date_excerpt = NULL;
      g_autofree char *time_excerpt = NULL;
      g_autofree char *network_excerpt = NULL;
      RoundsCsvRow *row;
      GDate date;
      int hour = 0, minute = 0;
      gboolean ok = TRUE;

      if (progress != NULL)
        g_atomic_int_set (&progress->done, r);
      if (r % 256 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          g_ptr_array_set_size (report->rows, 0);
          return FALSE;
        }

      if (n != n_header)
        {
          add_problem (report, _("Row %u (line %u): %u fields where the header has %u"),
                       r, record->line, n, n_header);
          continue;
        }
      for (guint c = 0; c < N_COLS; c++)
        if (columns[c] >= 0)
          field[c] = strip_formula_guard (g_strstrip (record->fields[columns[c]]));

      /* Only the first few characters of what was found are quoted. */
      if (!parse_date (field[COL_DATE], &date))
        {
          date_excerpt = excerpt (field[COL_DATE]);
          add_problem (report, _("Row %u (line %u), column “%s”: “%s” is not a date (use "
                                 "YYYY-MM-DD)"),
                       r, record->line, header->fields[columns[COL_DATE]], date_excerpt);
          ok = FALSE;
        }
      if (!parse_time (field[COL_TIME], &hour, &minute))
        {
          time_excerpt = excerpt (field[COL_TIME]);
          add_problem (report, _("Row %u (line %u), column “%s”: “%s” is not a time of day "
                                 "(use HH:MM)"),
                       r, record->line, header->fields[columns[COL_TIME]], time_excerpt);
          ok = FALSE;
        }
      if (*field[COL_MESSAGE] == '\0')
        {
          add_problem (report, _("Row %u (line %u), column “%s”: the message is empty"),
                       r, record->line, header->fields[columns[COL_MESSAGE]]);
          ok = FALSE;
        }
      if (*field[COL_LINK] != '\0' && !rounds_csv_link_is_web (field[COL_LINK]))
        {
          add_problem (report, _("Row %u (line %u), column “%s”: the link is not a web address "
                                 "(only http:// and https:// links are imported)"),
                       r, record->line, header->fields[columns[COL_LINK]]);
          ok = FALSE;
        }

      row = g_new0 (RoundsCsvRow, 1);
      row->line = record->line;
      row->networks = parse_networks (field[COL_NETWORKS], &unknown);
      if (unknown != NULL)
        {
          network_excerpt = excerpt (unknown);
          add_problem (report, _("Row %u (line %u), column “%s”: “%s” is not a network Rounds "
                                 "knows (facebook, instagram, linkedin, google, mastodon, "
                                 "bluesky, x)"),
                       r, record->line, header->fields[columns[COL_NETWORKS]], network_excerpt);
          ok = FALSE;
        }
      else if (row->networks == ROUNDS_NETWORK_NONE)
        {
          add_problem (report, _("Row %u (line %u), column “%s”: no network is named"),
                       r, record->line, header->fields[columns[COL_NETWORKS]]);
          ok = FALSE;
        }

      if (ok)
        {
          row->when = rounds_time_from_local (tz, g_date_get_year (&date),
                                              g_date_get_month (&date), g_date_get_day (&date),
                                              hour, minute);
          if (row->when <= now)
            {
              g_autofree char *d = excerpt (field[COL_DATE]);
              g_autofree char *t = excerpt (field[COL_TIME]);

              add_problem (report, _("Row %u (line %u), columns “%s” and “%s”: %s %s is in the "
                                     "past"),
                           r, record->line, header->fields[columns[COL_DATE]],
                           header->fields[columns[COL_TIME]], d, t);
              ok = FALSE;
            }
        }

      if (!ok)
        {
          rounds_csv_row_free (row);
          continue;
        }

      row->message = g_strdup (field[COL_MESSAGE]);
      row->link = *field[COL_LINK] != '\0' ? g_strdup (field[COL_LINK]) : NULL;
      g_ptr_array_add (report->rows, row);
    }

  if (report->problems->len == 0)
    return TRUE;

invalid:
  g_ptr_array_set_size (report->rows, 0);
  g_set_error (error, ROUNDS_EXCHANGE_ERROR, ROUNDS_EXCHANGE_ERROR_INVALID,
               g_dngettext (GETTEXT_PACKAGE,
                            "The file was not imported: %u problem needs fixing first",
                            "The file was not imported: %u problems need fixing first",
                            report->problems->len),
               report->problems->len);
  return FALSE;
}

typedef struct
{
  GFile             *file;
  GTimeZone         *tz;
  gint64             now;
  RoundsCsvProgress *progress;
  RoundsCsvReport   *report;
} ReadData;

static void
read_data_free (ReadData *data)
{
  g_clear_object (&data->file);
  g_clear_pointer (&data->tz, g_time_zone_unref);
  g_clear_pointer (&data->report, rounds_csv_report_free);
  g_free (data);
}

/* In the worker: reads at most ROUNDS_CSV_MAX_FILE_SIZE bytes (a file
 * that grows, or a pipe, cannot get past the limit either), then checks
 * every row. */
static void
read_file_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  ReadData *data = task_data;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  guint8 chunk[64 * 1024];

  stream = g_file_read (data->file, cancellable, &error);
  if (stream == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  for (;;)
    {
      gssize n = g_input_stream_read (G_INPUT_STREAM (stream), chunk, sizeof chunk, cancellable,
                                      &error);

      if (n < 0)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      if (n == 0)
        break;
      if (bytes->len + (gsize)n > ROUNDS_CSV_MAX_FILE_SIZE)
        {
          g_set_error (&error, ROUNDS_EXCHANGE_ERROR, ROUNDS_EXCHANGE_ERROR_TOO_BIG,
                       _("The file is larger than %u MB. Split it into smaller files of at most "
                         "%u posts each."),
                       ROUNDS_CSV_MAX_FILE_SIZE / (1024 * 1024), ROUNDS_CSV_MAX_ROWS);
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      g_byte_array_append (bytes, chunk, n);
    }

  if (!rounds_csv_parse_full ((const char *)bytes->data, bytes->len, data->tz, data->now,
                              data->report, data->progress, cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

/**
 * rounds_csv_read_file_async:
 * @progress: (nullable): updated from the worker; must outlive the call
 *
 * Reads and checks a CSV file in a worker thread: nothing is written.
 * Hand the report of rounds_csv_read_file_finish() to
 * rounds_csv_import_rows() on the main thread.
 */
void
rounds_csv_read_file_async (GFile               *file,
                            GTimeZone           *tz,
                            gint64               now,
                            RoundsCsvProgress   *progress,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  ReadData *data = g_new0 (ReadData, 1);

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (tz != NULL);

  data->file = g_object_ref (file);
  data->tz = g_time_zone_ref (tz);
  data->now = now;
  data->progress = progress;
  data->report = rounds_csv_report_new ();

  g_task_set_source_tag (task, rounds_csv_read_file_async);
  g_task_set_task_data (task, data, (GDestroyNotify)read_data_free);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, read_file_thread);
}

/**
 * rounds_csv_read_file_finish:
 * @report: (out) (transfer full): the rows, or the problems (also when
 *   %FALSE is returned, except for a cancelled read)
 *
 * Returns: %TRUE when every row is good.
 */
gboolean
rounds_csv_read_file_finish (GAsyncResult     *result,
                             RoundsCsvReport **report,
                             GError          **error)
{
  ReadData *data;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  data = g_task_get_task_data (G_TASK (result));
  if (report != NULL)
    *report = g_steal_pointer (&data->report);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * rounds_csv_row_dup_body:
 *
 * Returns: the post body an imported row becomes: the message, then the
 *   link on its own line.
 */
char *
rounds_csv_row_dup_body (RoundsCsvRow *row)
{
  if (row->link == NULL)
    return g_strdup (row->message);
  return g_strdup_printf ("%s\n\n%s", row->message, row->link);
}

/**
 * rounds_csv_import:
 * @report: gets the problems, or the counts of imported and skipped rows
 *
 * Imports a bulk-scheduler CSV file as drafts at their times (they go
 * through review and the compliance check like any post). A file with
 * any bad row is refused whole, with the report naming each one; a good
 * file is written in one transaction. A row whose time and text are
 * already in the practice (a second import of the same file) is skipped.
 */
gboolean
rounds_csv_import (RoundsStore      *store,
                   const char       *data,
                   gsize             length,
                   RoundsCsvReport  *report,
                   GError          **error)
{
  g_autoptr(GTimeZone) tz = NULL;

  g_return_val_if_fail (ROUNDS_IS_STORE (store), FALSE);
  g_return_val_if_fail (report != NULL, FALSE);

  tz = rounds_practice_dup_time_zone (rounds_store_get_practice (store));
  if (!rounds_csv_parse (data, length, tz, rounds_clock_get_now (rounds_store_get_clock (store)),
                         report, error))
    return FALSE;

  return rounds_csv_import_rows (store, report, error);
}

/**
 * rounds_csv_import_rows:
 * @report: the rows of a file checked whole (rounds_csv_parse() or
 *   rounds_csv_read_file_async()); gets the counts
 *
 * Writes the rows as drafts in one transaction: all of them, or, when
 * anything fails, none.
 */
gboolean
rounds_csv_import_rows (RoundsStore      *store,
                        RoundsCsvReport  *report,
                        GError          **error)
{
  g_autoptr(GPtrArray) posts = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (ROUNDS_IS_STORE (store), FALSE);
  g_return_val_if_fail (report != NULL, FALSE);

  report->imported = 0;
  report->duplicates = 0;

  for (guint i = 0; i < report->rows->len; i++)
    {
      RoundsCsvRow *row = g_ptr_array_index (report->rows, i);
      g_autofree char *body = rounds_csv_row_dup_body (row);
      RoundsPost *post = rounds_post_new ();

      rounds_post_set_body (post, body);
      rounds_post_set_scheduled_at (post, row->when);
      rounds_post_set_networks (post, row->networks);
      g_ptr_array_add (posts, post);
    }

  if (!rounds_store_import_posts (store, posts, ROUNDS_POST_STATUS_DRAFT, "CSV import",
                                  &report->imported, &report->duplicates, error))
    return FALSE;

  g_debug ("Imported %u posts from CSV, %u already there", report->imported, report->duplicates);
  return TRUE;
}

/* A text cell: always quoted (a spreadsheet set to split on ";" keeps
 * it whole), with an apostrophe in front when it would be a formula. */
static void
append_field (GString    *out,
              const char *value)
{
  g_string_append_c (out, '"');
  if (needs_formula_guard (value))
    g_string_append_c (out, '\'');
  for (const char *p = value; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* Splits a body back into message and link when it ends with a link on
 * its own line (what an import made). */
static void
split_body (const char  *body,
            char       **message,
            char       **link)
{
  const char *sep = g_strrstr (body, "\n\n");

  if (sep != NULL && rounds_csv_link_is_web (sep + 2))
    {
      *message = g_strndup (body, sep - body);
      *link = g_strdup (sep + 2);
      return;
    }
  *message = g_strdup (body);
  *link = g_strdup ("");
}

/**
 * rounds_csv_export:
 * @posts: (element-type RoundsPost): the posts, scheduled ones only are
 *   written
 *
 * Returns: CSV with a header, CRLF line ends (RFC 4180).
 */
char *
rounds_csv_export (GPtrArray *posts,
                   GTimeZone *tz)
{
  GString *out = g_string_new ("date,time,message,link,networks\r\n");

  for (guint i = 0; i < posts->len; i++)
    {
      RoundsPost *post = g_ptr_array_index (posts, i);
      gint64 when = rounds_post_get_scheduled_at (post);
      g_autofree char *date = NULL;
      g_autofree char *time = NULL;
      g_autofree char *message = NULL;
      g_autofree char *link = NULL;
      g_autofree char *networks = NULL;

      if (when <= 0)
        continue;

      date = rounds_time_format (tz, when, "%Y-%m-%d");
      time = rounds_time_format (tz, when, "%H:%M");
      split_body (rounds_post_get_body (post), &message, &link);
      networks = rounds_networks_to_string (rounds_post_get_networks (post));

      /* Written by us, digits only: no quotes needed. */
      g_string_append (out, date);
      g_string_append_c (out, ',');
      g_string_append (out, time);
      g_string_append_c (out, ',');
      append_field (out, message);
      g_string_append_c (out, ',');
      append_field (out, link);
      g_string_append_c (out, ',');
      append_field (out, networks);
      g_string_append (out, "\r\n");
    }

  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------ */
/* iCalendar                                                            */

static struct icaltimetype
ical_time (gint64        utc,
           GTimeZone    *tz,
           icaltimezone *zone)
{
  if (zone == NULL)
    return icaltime_from_timet_with_zone ((time_t)utc, FALSE, icaltimezone_get_utc_timezone ());

  {
    g_autoptr(GDateTime) local = rounds_time_to_local (tz, utc);
    struct icaltimetype t = icaltime_null_time ();

    t.year = g_date_time_get_year (local);
    t.month = g_date_time_get_month (local);
    t.day = g_date_time_get_day_of_month (local);
    t.hour = g_date_time_get_hour (local);
    t.minute = g_date_time_get_minute (local);
    t.second = 0;
    t.is_date = 0;
    return icaltime_set_timezone (&t, zone);
  }
}

static icalproperty_status
ical_status (RoundsPostStatus status)
{
  switch (status)
    {
    case ROUNDS_POST_STATUS_DRAFT:
    case ROUNDS_POST_STATUS_IN_REVIEW:
    case ROUNDS_POST_STATUS_APPROVED:
      return ICAL_STATUS_TENTATIVE;
    case ROUNDS_POST_STATUS_CANCELLED:
      return ICAL_STATUS_CANCELLED;
    default:
      return ICAL_STATUS_CONFIRMED;
    }
}

/**
 * rounds_ics_export:
 * @posts: (element-type RoundsPost): the posts to write (unscheduled ones
 *   are left out)
 *
 * Writes an RFC 5545 calendar: one event of 30 minutes per post at its
 * time, in the practice's time zone (with its VTIMEZONE), the networks as
 * categories, the text as description, and recurring posts as RRULEs.
 *
 * Returns: (transfer full): the iCalendar text.
 */
char *
rounds_ics_export (RoundsStore  *store,
                   GPtrArray    *posts,
                   GError      **error)
{
  g_autoptr(GTimeZone) tz = NULL;
  RoundsPractice *practice;
  icaltimezone *zone = NULL;
  const char *tzid = NULL;
  icalcomponent *calendar;
  gint64 now;
  char *text;
  g_autofree char *name = NULL;

  g_return_val_if_fail (ROUNDS_IS_STORE (store), NULL);

  if (!rounds_ical_load (error))
    return NULL;

  practice = rounds_store_get_practice (store);
  tz = rounds_practice_dup_time_zone (practice);
  now = rounds_clock_get_now (rounds_store_get_clock (store));

  calendar = icalcomponent_vanew (ICAL_VCALENDAR_COMPONENT,
                                  icalproperty_new_version ("2.0"),
                                  icalproperty_new_prodid ("-//Rounds//Rounds//EN"),
                                  icalproperty_new_calscale ("GREGORIAN"),
                                  (void *)0);
  name = g_strdup_printf (_("%s — posts"), rounds_practice_get_name (practice));
  {
    icalproperty *prop = icalproperty_new_x (name);

    icalproperty_set_x_name (prop, "X-WR-CALNAME");
    icalcomponent_add_property (calendar, prop);
  }

  if (g_strcmp0 (g_time_zone_get_identifier (tz), "UTC") != 0)
    zone = icaltimezone_get_builtin_timezone (g_time_zone_get_identifier (tz));
  if (zone != NULL)
    {
      /* TZID "America/Chicago" rather than libical's
       * "/freeassociation.sourceforge.net/America/Chicago": the plain IANA
       * name is what other calendars recognise even without the VTIMEZONE. */
      icalcomponent *vtimezone = icalcomponent_new_clone (icaltimezone_get_component (zone));
      icalproperty *tzid_prop = icalcomponent_get_first_property (vtimezone, ICAL_TZID_PROPERTY);

      tzid = g_time_zone_get_identifier (tz);
      if (tzid_prop != NULL)
        icalproperty_set_tzid (tzid_prop, tzid);
      icalcomponent_add_component (calendar, vtimezone);
    }

  for (guint i = 0; i < posts->len; i++)
    {
      RoundsPost *post = g_ptr_array_index (posts, i);
      gint64 when = rounds_post_get_scheduled_at (post);
      g_autoptr(RoundsRecurrence) rule = NULL;
      g_autofree char *uid = NULL;
      g_autofree char *summary = NULL;
      g_autofree char *networks = NULL;
      g_autofree char *description = NULL;
      icalcomponent *event;

      if (when <= 0)
        continue;

      uid = g_strdup_printf ("post-%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT "@rounds.roundsapp.github.io",
                             rounds_post_get_id (post), rounds_post_get_created_at (post));
      summary = rounds_post_dup_display_title (post);
      networks = rounds_networks_get_label (rounds_post_get_networks (post));
      description = g_strdup_printf ("%s\n\n%s: %s\n%s: %s", rounds_post_get_body (post),
                                     _("Networks"), networks,
                                     _("Status"),
                                     rounds_post_status_get_label (rounds_post_get_status (post)));

      event = icalcomponent_vanew (ICAL_VEVENT_COMPONENT,
                                   icalproperty_new_uid (uid),
                                   icalproperty_new_dtstamp (
                                     icaltime_from_timet_with_zone ((time_t)now, FALSE,
                                                                    icaltimezone_get_utc_timezone ())),
                                   icalproperty_new_summary (summary),
                                   icalproperty_new_description (description),
                                   icalproperty_new_status (ical_status (rounds_post_get_status (post))),
                                   icalproperty_new_transp (ICAL_TRANSP_TRANSPARENT),
                                   (void *)0);
      {
        icalproperty *start = icalproperty_new_dtstart (ical_time (when, tz, zone));

        if (zone != NULL)
          icalproperty_add_parameter (start, icalparameter_new_tzid (tzid));
        icalcomponent_add_property (event, start);
      }
      icalcomponent_add_property (event,
                                  icalproperty_new_duration (icaldurationtype_from_int (30 * 60)));

      for (guint n = 0; n < ROUNDS_N_NETWORKS; n++)
        {
          RoundsNetwork network = rounds_network_from_index (n);

          if (rounds_post_get_networks (post) & network)
            icalcomponent_add_property (event,
                                        icalproperty_new_categories (rounds_network_get_label (network)));
        }

      rule = rounds_store_dup_recurrence (store, rounds_post_get_id (post));
      if (rule != NULL)
        {
          g_autofree char *rrule = rounds_recurrence_to_rrule (rule);
          struct icalrecurrencetype recur = icalrecurrencetype_from_string (rrule);

          icalcomponent_add_property (event, icalproperty_new_rrule (recur));
          for (guint e = 0; rule->exdates != NULL && e < rule->exdates->len; e++)
            {
              icalproperty *ex = icalproperty_new_exdate (
                ical_time (g_array_index (rule->exdates, gint64, e), tz, zone));

              if (zone != NULL)
                icalproperty_add_parameter (ex, icalparameter_new_tzid (tzid));
              icalcomponent_add_property (event, ex);
            }
        }

      icalcomponent_add_component (calendar, event);
    }

  text = icalcomponent_as_ical_string_r (calendar);
  icalcomponent_free (calendar);

  if (text == NULL)
    {
      g_set_error (error, ROUNDS_EXCHANGE_ERROR, ROUNDS_EXCHANGE_ERROR_FAILED,
                   _("The calendar file could not be written"));
      return NULL;
    }

  {
    char *result = g_strdup (text);

    icalmemory_free_buffer (text);
    return result;
  }
}
