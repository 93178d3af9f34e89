/* rounds-insights-import.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-insights-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "rounds-insights.h"
#include "rounds-insights-import.h"
#include "rounds-plan.h"
#include "rounds-time.h"

G_DEFINE_QUARK (rounds-import-error-quark, rounds_import_error)

#define MAX_ROWS 200000

static const char * const post_fields[] = {
  "remote_id", "published_at", "title", "format",
  "likes", "comments", "shares", "saves", "clicks", "impressions", "reach", NULL
};
static const char * const result_fields[] = { "week", "inquiries", "bookings", "network", NULL };
static const char * const analytics_fields[] = {
  "source_medium", "source", "medium", "campaign", "sessions", "conversions", NULL
};

/* ------------------------------------------------------------------ */
/* CSV                                                                  */

void
rounds_insights_csv_free (RoundsInsightsCsv *csv)
{
  if (csv == NULL)
    return;
  g_strfreev (csv->header);
  g_clear_pointer (&csv->rows, g_ptr_array_unref);
  g_clear_pointer (&csv->lines, g_array_unref);
  g_free (csv->start_date);
  g_free (csv);
}

static char
guess_delimiter (const char *line_start)
{
  guint commas = 0, semicolons = 0, tabs = 0;
  gboolean quoted = FALSE;

  for (const char *p = line_start; *p != '\0' && *p != '\n'; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (!quoted && *p == ',')
        commas++;
      else if (!quoted && *p == ';')
        semicolons++;
      else if (!quoted && *p == '\t')
        tabs++;
    }
  if (tabs > commas && tabs > semicolons)
    return '\t';
  if (semicolons > commas)
    return ';';
  return ',';
}

/* Google Analytics puts "# Start date: 20260301" lines before the table. */
static char *
parse_preamble_date (const char *line,
                     gsize       length)
{
  g_autofree char *text = g_strndup (line, length);
  const char *colon = strchr (text, ':');
  int y, m, d;

  if (colon == NULL || strstr (text, "Start date") == NULL)
    return NULL;
  if (sscanf (colon + 1, " %4d%2d%2d", &y, &m, &d) == 3 && g_date_valid_dmy (d, m, y))
    return g_strdup_printf ("%04d-%02d-%02d", y, m, d);
  return NULL;
}

/**
 * rounds_insights_csv_parse:
 *
 * Reads RFC 4180 CSV (quotes, doubled quotes, line breaks inside quotes,
 * CRLF), with a byte-order mark, "#" comment lines before the header and
 * a comma, semicolon or tab as the delimiter (from the header line).
 * Blank lines are skipped.
 *
 * Returns: (transfer full): the table, or %NULL when the text is not
 *   UTF-8, has no header or an unterminated quote
 */
RoundsInsightsCsv *
rounds_insights_csv_parse (const char  *text,
                  gssize       length,
                  GError     **error)
{
  g_autoptr(RoundsInsightsCsv) csv = g_new0 (RoundsInsightsCsv, 1);
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(GString) field = g_string_new (NULL);
  const char *p, *end;
  guint line = 1, row_line = 1;
  gboolean quoted = FALSE, field_started = FALSE, row_has_content = FALSE;
  char delimiter;

  if (length < 0)
    length = strlen (text);
  if (!g_utf8_validate_len (text, length, NULL))
    {
      g_set_error (error, ROUNDS_IMPORT_ERROR, ROUNDS_IMPORT_ERROR_UNREADABLE,
                   _("The file is not a text file in UTF-8; export it again as CSV (UTF-8)"));
      return NULL;
    }

  p = text;
  end = text + length;
  if (length >= 3 && memcmp (p, "\xEF\xBB\xBF", 3) == 0)
    p += 3;

  /* Comment and blank lines before the header. */
  while (p < end && (*p == '#' || *p == '\n' || *p == '\r'))
    {
      const char *nl = memchr (p, '\n', end - p);
      gsize n = nl != NULL ? (gsize)(nl - p) : (gsize)(end - p);

      if (*p == '#' && csv->start_date == NULL)
        csv->start_date = parse_preamble_date (p, n);
      p = nl != NULL ? nl + 1 : end;
      line++;
    }

  delimiter = guess_delimiter (p);
  csv->rows = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
  csv->lines = g_array_new (FALSE, FALSE, sizeof (guint));
  fields = g_ptr_array_new_with_free_func (g_free);
  row_line = line;

  for (; p <= end; p++)
    {
      char c = p < end ? *p : '\n';
      gboolean at_end = p == end;

      if (quoted)
        {
          if (at_end)
            {
              g_set_error (error, ROUNDS_IMPORT_ERROR, ROUNDS_IMPORT_ERROR_UNREADABLE,
                           _("Line %u: a quoted field is never closed"), row_line);
              return NULL;
            }
          if (c == '"' && p + 1 < end && p[1] == '"')
            {
              g_string_append_c (field, '"');
              p++;
            }
          else if (c == '"')
            quoted = FALSE;
          else
            {
              if (c == '\n')
                line++;
              g_string_append_c (field, c);
            }
          continue;
        }

      if (c == '"' && !field_started)
        {
          quoted = TRUE;
          field_started = TRUE;
          row_has_content = TRUE;
        }
      else if (c == delimiter)
        {
          g_ptr_array_add (fields, g_strdup (g_strstrip (field->str)));
          g_string_truncate (field, 0);
          field_started = FALSE;
          row_has_content = TRUE;
        }
      else if (c == '\n' || c == '\r')
        {
          if (c == '\r' && p + 1 < end && p[1] == '\n')
            p++;
          if (row_has_content || field->len > 0)
            {
              g_ptr_array_add (fields, g_strdup (g_strstrip (field->str)));
              g_ptr_array_add (fields, NULL);
              if (csv->header == NULL)
                csv->header = (GStrv)g_ptr_array_free (g_steal_pointer (&fields), FALSE);
              else
                {
                  g_ptr_array_add (csv->rows, g_ptr_array_free (g_steal_pointer (&fields), FALSE));
                  g_array_append_val (csv->lines, row_line);
                }
              fields = g_ptr_array_new_with_free_func (g_free);
              if (csv->rows->len > MAX_ROWS)
                {
                  g_set_error (error, ROUNDS_IMPORT_ERROR, ROUNDS_IMPORT_ERROR_UNREADABLE,
                               _("The file has more than %u rows; export a shorter period"),
                               MAX_ROWS);
                  return NULL;
                }
            }
          g_string_truncate (field, 0);
          field_started = row_has_content = FALSE;
          line++;
          row_line = line;
          if (at_end)
            break;
        }
      else
        {
          g_string_append_c (field, c);
          field_started = TRUE;
          row_has_content = TRUE;
        }
    }

  if (csv->header == NULL || csv->header[0] == NULL)
    {
      g_set_error (error, ROUNDS_IMPORT_ERROR, ROUNDS_IMPORT_ERROR_UNREADABLE,
                   _("The file is empty or has no header line"));
      return NULL;
    }
  return g_steal_pointer (&csv);
}

/**
 * rounds_insights_csv_quote:
 *
 * Returns: @field as one CSV field, quoted when needed. A field that a
 *   spreadsheet would run as a formula (=, +, -, @ first) gets a leading
 *   apostrophe.
 */
char *
rounds_insights_csv_quote (const char *field)
{
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean formula = field[0] == '=' || field[0] == '+' || field[0] == '@' ||
                     (field[0] == '-' && !g_ascii_isdigit (field[1]));

  if (formula)
    g_string_append_c (out, '\'');
  g_string_append (out, field);
  if (strpbrk (out->str, ",\"\r\n") == NULL)
    return g_string_free (g_steal_pointer (&out), FALSE);

  {
    GString *quoted = g_string_new ("\"");

    for (const char *p = out->str; *p != '\0'; p++)
      {
        if (*p == '"')
          g_string_append_c (quoted, '"');
        g_string_append_c (quoted, *p);
      }
    g_string_append_c (quoted, '"');
    return g_string_free (quoted, FALSE);
  }
}

/* ------------------------------------------------------------------ */
/* Problems                                                             */

void
rounds_import_problem_free (RoundsImportProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->column);
  g_free (problem->problem);
  g_free (problem);
}

static void
add_problem (GPtrArray  *problems,
             guint       line,
             const char *column,
             const char *problem)
{
  RoundsImportProblem *item = g_new0 (RoundsImportProblem, 1);

  item->line = line;
  item->column = g_strdup (column != NULL ? column : "");
  item->problem = g_strdup (problem);
  g_ptr_array_add (problems, item);
}

/**
 * rounds_import_problems_describe:
 *
 * Returns: one line per problem: "Line 4, “Likes”: not a whole number"
 *   (at most 20 lines, then how many more)
 */
char *
rounds_import_problems_describe (GPtrArray *problems)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < problems->len && i < 20; i++)
    {
      RoundsImportProblem *item = g_ptr_array_index (problems, i);

      if (item->column[0] != '\0')
        g_string_append_printf (out, _("Line %u, “%s”: %s"), item->line, item->column,
                                item->problem);
      else
        g_string_append_printf (out, _("Line %u: %s"), item->line, item->problem);
      g_string_append_c (out, '\n');
    }
  if (problems->len > 20)
    g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "… and %u more problem\n",
                                              "… and %u more problems\n", problems->len - 20),
                            problems->len - 20);
  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------ */
/* Mapping                                                              */

const char * const *
rounds_import_fields (RoundsImportKind kind)
{
  switch (kind)
    {
    case ROUNDS_IMPORT_POSTS:     return post_fields;
    case ROUNDS_IMPORT_RESULTS:   return result_fields;
    case ROUNDS_IMPORT_ANALYTICS: return analytics_fields;
    default:                      g_return_val_if_reached (post_fields);
    }
}

gboolean
rounds_import_field_required (RoundsImportKind  kind,
                              const char       *field)
{
  switch (kind)
    {
    case ROUNDS_IMPORT_POSTS:
      return g_strcmp0 (field, "remote_id") == 0 || g_strcmp0 (field, "published_at") == 0;
    case ROUNDS_IMPORT_RESULTS:
      return g_strcmp0 (field, "week") == 0;
    case ROUNDS_IMPORT_ANALYTICS:
      return g_strcmp0 (field, "sessions") == 0;
    default:
      return FALSE;
    }
}

const char *
rounds_import_field_label (const char *field)
{
  if (g_strcmp0 (field, "remote_id") == 0)     return _("Post ID or link");
  if (g_strcmp0 (field, "published_at") == 0)  return _("Published");
  if (g_strcmp0 (field, "title") == 0)         return _("Title");
  if (g_strcmp0 (field, "format") == 0)        return _("Post type");
  if (g_strcmp0 (field, "week") == 0)          return _("Week");
  if (g_strcmp0 (field, "inquiries") == 0)     return _("New-patient inquiries");
  if (g_strcmp0 (field, "bookings") == 0)      return _("Bookings");
  if (g_strcmp0 (field, "network") == 0)       return _("Network");
  if (g_strcmp0 (field, "source_medium") == 0) return _("Source / medium");
  if (g_strcmp0 (field, "source") == 0)        return _("Source");
  if (g_strcmp0 (field, "medium") == 0)        return _("Medium");
  if (g_strcmp0 (field, "campaign") == 0)      return _("Campaign");
  if (g_strcmp0 (field, "sessions") == 0)      return _("Sessions");
  if (g_strcmp0 (field, "conversions") == 0)   return _("Conversions");
  return rounds_insights_metric_label (field);
}

static const char *
find_column (const char * const *header,
             JsonArray          *names)
{
  for (guint n = 0; names != NULL && n < json_array_get_length (names); n++)
    {
      const char *name = json_node_get_string (json_array_get_element (names, n));

      for (guint i = 0; name != NULL && header[i] != NULL; i++)
        if (g_ascii_strcasecmp (header[i], name) == 0)
          return header[i];
    }
  return NULL;
}

/**
 * rounds_import_guess_mapping:
 *
 * Returns: (transfer full): field → column name, for the fields whose
 *   column the header has under a documented name (or the field's own
 *   name)
 */
GHashTable *
rounds_import_guess_mapping (RoundsImportKind    kind,
                             RoundsNetwork       network,
                             const char * const *header)
{
  GHashTable *mapping = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  const char * const *fields = rounds_import_fields (kind);
  JsonObject *names = NULL;

  if (kind == ROUNDS_IMPORT_POSTS)
    names = rounds_insights_export_columns (network);
  else if (kind == ROUNDS_IMPORT_ANALYTICS)
    names = rounds_insights_analytics_columns ();

  for (guint f = 0; fields[f] != NULL; f++)
    {
      const char *column = find_column (header, names != NULL
                                                  ? rounds_plan_json_array (names, fields[f])
                                                  : NULL);

      for (guint i = 0; column == NULL && header[i] != NULL; i++)
        if (g_ascii_strcasecmp (header[i], fields[f]) == 0 ||
            g_ascii_strcasecmp (header[i], rounds_import_field_label (fields[f])) == 0)
          column = header[i];
      if (column != NULL)
        g_hash_table_insert (mapping, g_strdup (fields[f]), g_strdup (column));
    }
  return mapping;
}

/**
 * rounds_import_missing_fields:
 *
 * Returns: (transfer full): the required fields @mapping has no column
 *   for (the mapping step asks for them); posts also need one metric,
 *   analytics a source
 */
GStrv
rounds_import_missing_fields (RoundsImportKind  kind,
                              GHashTable       *mapping)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char * const *fields = rounds_import_fields (kind);

  for (guint f = 0; fields[f] != NULL; f++)
    if (rounds_import_field_required (kind, fields[f]) &&
        !g_hash_table_contains (mapping, fields[f]))
      g_strv_builder_add (builder, fields[f]);

  if (kind == ROUNDS_IMPORT_POSTS)
    {
      gboolean any = FALSE;

      for (guint f = 4; post_fields[f] != NULL; f++)
        any |= g_hash_table_contains (mapping, post_fields[f]);
      if (!any)
        g_strv_builder_add (builder, "likes");
    }
  else if (kind == ROUNDS_IMPORT_ANALYTICS &&
           !g_hash_table_contains (mapping, "source_medium") &&
           !g_hash_table_contains (mapping, "source"))
    g_strv_builder_add (builder, "source");
  else if (kind == ROUNDS_IMPORT_RESULTS &&
           !g_hash_table_contains (mapping, "inquiries") &&
           !g_hash_table_contains (mapping, "bookings"))
    g_strv_builder_add (builder, "inquiries");

  return g_strv_builder_end (builder);
}

/* ------------------------------------------------------------------ */
/* Values                                                               */

static int
column_index (const RoundsInsightsCsv *csv,
              GHashTable      *mapping,
              const char      *field)
{
  const char *column = g_hash_table_lookup (mapping, field);

  for (int i = 0; column != NULL && csv->header[i] != NULL; i++)
    if (g_str_equal (csv->header[i], column))
      return i;
  return -1;
}

static const char *
cell (GStrv row,
      int   index)
{
  if (index < 0 || index >= (int)g_strv_length (row))
    return "";
  return row[index];
}

/* "" is a gap (-1); "1,234" and "1234" are numbers; anything else fails. */
static gboolean
parse_count (const char *text,
             gint64     *value)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  char *end = NULL;

  if (text[0] == '\0' || g_str_equal (text, "-") || g_str_equal (text, "--"))
    {
      *value = -1;
      return TRUE;
    }
  for (const char *p = text; *p != '\0'; p++)
    if (*p != ',' && *p != ' ')
      g_string_append_c (digits, *p);
  if (digits->len == 0 || !g_ascii_isdigit (digits->str[0]) || digits->len > 15)
    return FALSE;
  *value = g_ascii_strtoll (digits->str, &end, 10);
  return end != NULL && *end == '\0';
}

/* ISO 8601, "YYYY-MM-DD[ HH:MM]", "MM/DD/YYYY[ HH:MM]" (US exports), in
 * practice time unless the text names its offset. */
static gboolean
parse_time (const char *text,
            GTimeZone  *tz,
            gint64     *utc)
{
  int y, m, d, hh = 0, mm = 0;
  char tail[8] = "";
  g_autoptr(GDateTime) iso = NULL;

  if (text[0] == '\0')
    return FALSE;
  if ((iso = g_date_time_new_from_iso8601 (text, tz)) != NULL)
    {
      *utc = g_date_time_to_unix (iso);
      return TRUE;
    }
  if (sscanf (text, "%4d-%2d-%2d %2d:%2d%7s", &y, &m, &d, &hh, &mm, tail) >= 3 ||
      (hh = mm = 0, sscanf (text, "%2d/%2d/%4d %2d:%2d%7s", &m, &d, &y, &hh, &mm, tail) >= 3))
    {
      if (!g_date_valid_dmy (d, m, y) || hh < 0 || hh > 23 || mm < 0 || mm > 59 ||
          (tail[0] != '\0' && g_ascii_strcasecmp (tail, "PM") != 0 &&
           g_ascii_strcasecmp (tail, "AM") != 0))
        return FALSE;
      if (g_ascii_strcasecmp (tail, "PM") == 0 && hh < 12)
        hh += 12;
      else if (g_ascii_strcasecmp (tail, "AM") == 0 && hh == 12)
        hh = 0;
      *utc = rounds_time_from_local (tz, y, m, d, hh, mm);
      return TRUE;
    }
  return FALSE;
}

static const char *
normalise_format (const char *text)
{
  g_autofree char *lower = g_ascii_strdown (text, -1);

  if (strstr (lower, "video") != NULL || strstr (lower, "reel") != NULL)
    return "video";
  if (strstr (lower, "photo") != NULL || strstr (lower, "image") != NULL ||
      strstr (lower, "carousel") != NULL || strstr (lower, "document") != NULL)
    return "image";
  if (strstr (lower, "link") != NULL || strstr (lower, "article") != NULL)
    return "link";
  if (strstr (lower, "live") != NULL)
    return "live";
  if (lower[0] != '\0')
    return "text";
  return "";
}

/* ------------------------------------------------------------------ */
/* Importing                                                            */

typedef struct
{
  char   *remote_id;
  gint64  published_at;
  char   *title;
  const char *format;
  gint64  values[7];    /* likes … reach, -1 gap */
} PostRow;

static void
post_row_clear (gpointer data)
{
  PostRow *row = data;

  g_free (row->remote_id);
  g_free (row->title);
}

static gboolean
check_posts (RoundsInsightsCsv  *csv,
             GHashTable *mapping,
             GTimeZone  *tz,
             GArray     *out,
             GPtrArray  *problems)
{
  int id_col = column_index (csv, mapping, "remote_id");
  int time_col = column_index (csv, mapping, "published_at");
  int title_col = column_index (csv, mapping, "title");
  int format_col = column_index (csv, mapping, "format");
  int metric_cols[7];
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint m = 0; m < 7; m++)
    metric_cols[m] = column_index (csv, mapping, post_fields[4 + m]);

  for (guint r = 0; r < csv->rows->len; r++)
    {
      GStrv fields = g_ptr_array_index (csv->rows, r);
      guint line = g_array_index (csv->lines, guint, r);
      PostRow row = { 0 };
      const char *id = cell (fields, id_col);

      if (id[0] == '\0')
        add_problem (problems, line, csv->header[id_col], _("empty: every post needs its ID"));
      else if (g_hash_table_contains (seen, id))
        add_problem (problems, line, csv->header[id_col], _("the same post is listed twice"));
      else
        g_hash_table_add (seen, (gpointer)id);

      if (!parse_time (cell (fields, time_col), tz, &row.published_at))
        add_problem (problems, line, csv->header[time_col],
                     _("not a date and time such as 2026-03-05 12:00 or 03/05/2026 12:00"));

      for (guint m = 0; m < 7; m++)
        {
          row.values[m] = -1;
          if (metric_cols[m] >= 0 && !parse_count (cell (fields, metric_cols[m]), &row.values[m]))
            add_problem (problems, line, csv->header[metric_cols[m]],
                         _("not a whole number of 0 or more"));
        }

      row.remote_id = g_strdup (id);
      {
        const char *title = cell (fields, title_col);

        /* g_utf8_substring reads past the end when asked for more
         * characters than the string holds. */
        row.title = g_utf8_substring (title, 0, MIN (g_utf8_strlen (title, -1), 80));
      }
      row.format = normalise_format (cell (fields, format_col));
      g_array_append_val (out, row);
    }
  return problems->len == 0;
}

static gboolean
write_posts (RoundsStore    *store,
             RoundsNetwork   network,
             GArray         *rows,
             guint32         day,
             GError        **error)
{
  g_autoptr(GArray) snapshots = g_array_new (FALSE, TRUE, sizeof (RoundsSnapshotRow));

  for (guint i = 0; i < rows->len; i++)
    {
      PostRow *row = &g_array_index (rows, PostRow, i);

      if (!rounds_store_upsert_measured_post (store, network, "csv", row->remote_id, 0,
                                              row->published_at, row->title, "", row->format,
                                              error))
        return FALSE;
      for (guint m = 0; m < 7; m++)
        {
          RoundsSnapshotRow snap = { network, "csv", row->remote_id, day, post_fields[4 + m],
                                     row->values[m] };

          if (row->values[m] >= 0)
            g_array_append_val (snapshots, snap);
        }
    }
  return rounds_store_add_snapshots (store, (RoundsSnapshotRow *)snapshots->data, snapshots->len,
                                     "csv", error) != G_MAXUINT;
}

static gboolean
import_results (RoundsStore  *store,
                RoundsInsightsCsv    *csv,
                GHashTable   *mapping,
                GPtrArray    *problems,
                gboolean      write,
                GError      **error)
{
  int week_col = column_index (csv, mapping, "week");
  int inquiries_col = column_index (csv, mapping, "inquiries");
  int bookings_col = column_index (csv, mapping, "bookings");
  int network_col = column_index (csv, mapping, "network");
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  for (guint r = 0; r < csv->rows->len; r++)
    {
      GStrv fields = g_ptr_array_index (csv->rows, r);
      guint line = g_array_index (csv->lines, guint, r);
      g_autofree char *network_text = g_ascii_strdown (cell (fields, network_col), -1);
      RoundsNetwork network = ROUNDS_NETWORK_NONE;
      gint64 inquiries = -1, bookings = -1, at;
      guint32 week = 0;

      if (!parse_time (cell (fields, week_col), utc, &at))
        add_problem (problems, line, csv->header[week_col],
                     _("not a date such as 2026-03-02 or 03/02/2026"));
      else
        week = rounds_insights_day_of (utc, at);
      if (network_text[0] != '\0' &&
          (network = rounds_network_from_string (network_text)) ==
            ROUNDS_NETWORK_NONE)
        add_problem (problems, line, csv->header[network_col], _("not a network Rounds knows"));
      if (inquiries_col >= 0 && !parse_count (cell (fields, inquiries_col), &inquiries))
        add_problem (problems, line, csv->header[inquiries_col], _("not a whole number of 0 or more"));
      if (bookings_col >= 0 && !parse_count (cell (fields, bookings_col), &bookings))
        add_problem (problems, line, csv->header[bookings_col], _("not a whole number of 0 or more"));

      if (!write || problems->len > 0)
        continue;
      if (inquiries >= 0 &&
          !rounds_store_set_result (store, week, "inquiries", network, inquiries, "csv", error))
        return FALSE;
      if (bookings >= 0 &&
          !rounds_store_set_result (store, week, "bookings", network, bookings, "csv", error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
import_analytics (RoundsStore  *store,
                  RoundsInsightsCsv    *csv,
                  GHashTable   *mapping,
                  guint32       day,
                  GPtrArray    *problems,
                  gboolean      write,
                  GError      **error)
{
  int sm_col = column_index (csv, mapping, "source_medium");
  int source_col = column_index (csv, mapping, "source");
  int medium_col = column_index (csv, mapping, "medium");
  int campaign_col = column_index (csv, mapping, "campaign");
  int sessions_col = column_index (csv, mapping, "sessions");
  int conversions_col = column_index (csv, mapping, "conversions");
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (RoundsWebEntry));
  g_autoptr(GHashTable) merged = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gboolean ok = TRUE;

  if (csv->start_date != NULL)
    rounds_insights_parse_day (csv->start_date, &day);

  for (guint r = 0; r < csv->rows->len; r++)
    {
      GStrv fields = g_ptr_array_index (csv->rows, r);
      guint line = g_array_index (csv->lines, guint, r);
      g_autofree char *source = NULL, *medium = NULL;
      gint64 sessions = 0, conversions = 0;
      g_autofree char *key = NULL;
      guint *index;

      /* GA puts a totals line under the header with an empty dimension. */
      if (sm_col >= 0)
        {
          const char *text = cell (fields, sm_col);
          const char *slash = strstr (text, " / ");

          source = slash != NULL ? g_strndup (text, slash - text) : g_strdup (text);
          medium = g_strdup (slash != NULL ? slash + 3 : "");
        }
      else
        {
          source = g_strdup (cell (fields, source_col));
          medium = g_strdup (cell (fields, medium_col));
        }
      if (source[0] == '\0')
        continue;

      if (!parse_count (cell (fields, sessions_col), &sessions) || sessions < 0)
        add_problem (problems, line, csv->header[sessions_col], _("not a whole number of 0 or more"));
      if (conversions_col >= 0)
        {
          const char *text = cell (fields, conversions_col);
          double value;
          char *end = NULL;

          /* GA4 may write conversions with decimals ("3.00"). */
          value = g_ascii_strtod (text, &end);
          if (text[0] != '\0' && (end == text || *end != '\0' || value < 0))
            add_problem (problems, line, csv->header[conversions_col],
                         _("not a number of 0 or more"));
          conversions = text[0] != '\0' ? (gint64)(value + 0.5) : 0;
        }

      key = g_strdup_printf ("%s\x1f%s\x1f%s", source, medium, cell (fields, campaign_col));
      index = g_hash_table_lookup (merged, key);
      if (index != NULL)
        {
          RoundsWebEntry *entry = &g_array_index (rows, RoundsWebEntry, GPOINTER_TO_UINT (index) - 1);

          entry->sessions += MAX (sessions, 0);
          entry->conversions += conversions;
        }
      else
        {
          RoundsWebEntry entry = { day, g_steal_pointer (&source), g_steal_pointer (&medium),
                                   g_strdup (cell (fields, campaign_col)), MAX (sessions, 0),
                                   conversions };

          g_array_append_val (rows, entry);
          g_hash_table_insert (merged, g_steal_pointer (&key), GUINT_TO_POINTER (rows->len));
        }
    }

  if (write && problems->len == 0)
    ok = rounds_store_add_web_visits (store, (RoundsWebEntry *)rows->data, rows->len, error);

  for (guint i = 0; i < rows->len; i++)
    {
      RoundsWebEntry *entry = &g_array_index (rows, RoundsWebEntry, i);

      g_free (entry->source);
      g_free (entry->medium);
      g_free (entry->campaign);
    }
  return ok;
}

gboolean
rounds_import_csv (RoundsStore       *store,
                   RoundsImportKind   kind,
                   RoundsNetwork      network,
                   RoundsInsightsCsv         *csv,
                   GHashTable        *mapping,
                   GTimeZone         *tz,
                   guint32            day,
                   guint             *n_rows,
                   GPtrArray        **problems_out,
                   GError           **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify)rounds_import_problem_free);
  g_auto(GStrv) missing = rounds_import_missing_fields (kind, mapping);
  g_autoptr(GArray) post_rows = NULL;

  g_return_val_if_fail (ROUNDS_IS_STORE (store), FALSE);
  g_return_val_if_fail (csv != NULL && mapping != NULL, FALSE);

  if (n_rows != NULL)
    *n_rows = 0;
  if (problems_out != NULL)
    *problems_out = NULL;

  if (missing[0] != NULL)
    {
      g_set_error (error, ROUNDS_IMPORT_ERROR, ROUNDS_IMPORT_ERROR_NEEDS_MAPPING,
                   _("Choose the column that holds “%s”"), rounds_import_field_label (missing[0]));
      return FALSE;
    }
  {
    GHashTableIter iter;
    gpointer field;

    g_hash_table_iter_init (&iter, mapping);
    while (g_hash_table_iter_next (&iter, &field, NULL))
      if (column_index (csv, mapping, field) < 0)
        {
          g_set_error (error, ROUNDS_IMPORT_ERROR, ROUNDS_IMPORT_ERROR_NEEDS_MAPPING,
                       _("The file has no column for “%s”"), rounds_import_field_label (field));
          return FALSE;
        }
  }
  if (kind == ROUNDS_IMPORT_POSTS && network == ROUNDS_NETWORK_NONE)
    {
      g_set_error (error, ROUNDS_IMPORT_ERROR, ROUNDS_IMPORT_ERROR_NEEDS_MAPPING,
                   _("Choose the network this export comes from"));
      return FALSE;
    }

  /* Check everything first. */
  if (kind == ROUNDS_IMPORT_POSTS)
    {
      post_rows = g_array_new (FALSE, TRUE, sizeof (PostRow));
      g_array_set_clear_func (post_rows, post_row_clear);
      check_posts (csv, mapping, tz, post_rows, problems);
    }
  else if (kind == ROUNDS_IMPORT_RESULTS)
    import_results (store, csv, mapping, problems, FALSE, NULL);
  else
    import_analytics (store, csv, mapping, day, problems, FALSE, NULL);

  if (problems->len > 0)
    {
      g_set_error (error, ROUNDS_IMPORT_ERROR, ROUNDS_IMPORT_ERROR_BAD_ROWS,
                   g_dngettext (GETTEXT_PACKAGE,
                                "Nothing was imported: %u problem in the file",
                                "Nothing was imported: %u problems in the file", problems->len),
                   problems->len);
      if (problems_out != NULL)
        *problems_out = g_steal_pointer (&problems);
      return FALSE;
    }

  /* Then write it all, or nothing. */
  if (!rounds_store_insights_begin (store, error))
    return FALSE;
  if ((kind == ROUNDS_IMPORT_POSTS && !write_posts (store, network, post_rows, day, error)) ||
      (kind == ROUNDS_IMPORT_RESULTS && !import_results (store, csv, mapping, problems, TRUE, error)) ||
      (kind == ROUNDS_IMPORT_ANALYTICS &&
       !import_analytics (store, csv, mapping, day, problems, TRUE, error)) ||
      !rounds_store_insights_commit (store, error))
    {
      rounds_store_insights_rollback (store);
      return FALSE;
    }

  if (n_rows != NULL)
    *n_rows = csv->rows->len;
  g_debug ("Imported %u rows", csv->rows->len);
  return TRUE;
}

/**
 * rounds_import_enter_week:
 * @followers: the network's followers today, or -1 to leave out
 * @inquiries: (in): this week's new-patient inquiries, or -1
 * @bookings: this week's bookings from social media, or -1
 *
 * "Enter this week's numbers" for a network without a connection, in one
 * transaction. Followers are dated @day (first entry of a day wins, like
 * every snapshot); results go to @day's week and correct it.
 */
gboolean
rounds_import_enter_week (RoundsStore    *store,
                          RoundsNetwork   network,
                          guint32         day,
                          gint64          followers,
                          gint64          inquiries,
                          gint64          bookings,
                          GError        **error)
{
  RoundsSnapshotRow row = { network, "manual", NULL, day, "followers", followers };

  g_return_val_if_fail (ROUNDS_IS_STORE (store), FALSE);

  if (!rounds_store_insights_begin (store, error))
    return FALSE;
  if ((followers >= 0 && network != ROUNDS_NETWORK_NONE &&
       rounds_store_add_snapshots (store, &row, 1, "manual", error) == G_MAXUINT) ||
      (inquiries >= 0 &&
       !rounds_store_set_result (store, day, "inquiries", ROUNDS_NETWORK_NONE, inquiries,
                                 "manual", error)) ||
      (bookings >= 0 &&
       !rounds_store_set_result (store, day, "bookings", ROUNDS_NETWORK_NONE, bookings,
                                 "manual", error)) ||
      !rounds_store_insights_commit (store, error))
    {
      rounds_store_insights_rollback (store);
      return FALSE;
    }
  return TRUE;
}
