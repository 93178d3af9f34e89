/* rounds-check.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The compliance checker on the command line (DESIGN.md §5):
 *
 *   rounds-check [--json] [--profile FILE] [--kind KIND] [--reviewer NAME] [FILE|-]
 *   rounds-check --jsonl [--profile FILE]
 *
 * Exit status: 0 no blocking finding, 1 some blocking finding, 2 usage or
 * input error (one line on stderr). Never prints the scanned text except
 * the flagged excerpts in the human-readable report.
 */

#define G_LOG_DOMAIN "rounds-check"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <stdlib.h>

#include <gio/gio.h>
#include <gio/gunixinputstream.h>
#include <json-glib/json-glib.h>

#include "rounds-scanner.h"

enum
{
  EXIT_CLEAN = 0,
  EXIT_BLOCKING = 1,
  EXIT_USAGE = 2,
};

static gboolean opt_json;
static gboolean opt_jsonl;
static char *opt_profile;
static char *opt_kind;
static char *opt_reviewer;
static char **opt_files;

static const GOptionEntry entries[] = {
  { "json", 0, 0, G_OPTION_ARG_NONE, &opt_json, "Print the findings as one JSON object", NULL },
  { "jsonl", 0, 0, G_OPTION_ARG_NONE, &opt_jsonl,
    "Read {\"id\", \"text\", \"kind\", \"reviewer\"} lines on standard input, write one "
    "{\"id\", \"findings\"} line per input line", NULL },
  { "profile", 'p', 0, G_OPTION_ARG_FILENAME, &opt_profile, "The practice profile (JSON)", "FILE" },
  { "kind", 'k', 0, G_OPTION_ARG_STRING, &opt_kind,
    "What the text is: post (default), review_reply or comment_reply", "KIND" },
  { "reviewer", 'r', 0, G_OPTION_ARG_STRING, &opt_reviewer,
    "For replies: the reviewer's display name", "NAME" },
  { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &opt_files, NULL, "[FILE|-]" },
  { NULL }
};

static void G_GNUC_PRINTF (1, 2)
die_usage (const char *format,
           ...)
{
  va_list args;
  g_autofree char *msg = NULL;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);

  /* one line, always */
  g_strdelimit (msg, "\r\n", ' ');
  fprintf (stderr, "rounds-check: %s\n", msg);
  exit (EXIT_USAGE);
}

static void
append_json_string (GString    *out,
                    const char *str)
{
  g_string_append_c (out, '"');
  for (const guchar *p = (const guchar *) str; *p; p++)
    {
      switch (*p)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        default:
          if (*p < 0x20)
            g_string_append_printf (out, "\\u%04x", *p);
          else
            g_string_append_c (out, *p);
        }
    }
  g_string_append_c (out, '"');
}

static void
append_findings (GString   *out,
                 GPtrArray *findings)
{
  g_string_append_c (out, '[');
  for (guint i = 0; i < findings->len; i++)
    {
      const RoundsFinding *f = g_ptr_array_index (findings, i);

      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append_printf (out, "{\"start\":%u,\"end\":%u,\"rule\":",
                              rounds_finding_get_start (f), rounds_finding_get_end (f));
      append_json_string (out, rounds_finding_get_rule (f));
      g_string_append (out, ",\"category\":");
      append_json_string (out, rounds_finding_category_to_string (rounds_finding_get_category (f)));
      g_string_append (out, ",\"severity\":");
      append_json_string (out, rounds_finding_severity_to_string (rounds_finding_get_severity (f)));
      g_string_append (out, ",\"message\":");
      append_json_string (out, rounds_finding_get_message (f));
      g_string_append (out, ",\"suggestion\":");
      append_json_string (out, rounds_finding_get_suggestion (f));
      g_string_append_c (out, '}');
    }
  g_string_append_c (out, ']');
}

static void
write_out (GString *out)
{
  fwrite (out->str, 1, out->len, stdout);
  fflush (stdout);
}

/* ------------------------------------------------------------ --jsonl */

static void
append_id (GString  *out,
           JsonNode *id)
{
  g_string_append (out, "{\"id\":");
  if (id == NULL)
    g_string_append (out, "null");
  else if (JSON_NODE_HOLDS_VALUE (id) && json_node_get_value_type (id) == G_TYPE_STRING)
    append_json_string (out, json_node_get_string (id));
  else
    {
      g_autofree char *s = json_to_string (id, FALSE);
      g_string_append (out, s);
    }
}

static void
emit_error (GString    *out,
            JsonNode   *id,
            const char *message)
{
  g_string_truncate (out, 0);
  append_id (out, id);
  g_string_append (out, ",\"error\":");
  append_json_string (out, message);
  g_string_append (out, "}\n");
  write_out (out);
}

static int
run_jsonl (RoundsScanner           *scanner,
           RoundsComplianceProfile *profile)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GString) out = g_string_sized_new (4096);
  char *line = NULL;
  size_t cap = 0;
  ssize_t len;
  gboolean any_blocking = FALSE;
  gboolean any_error = FALSE;
  guint64 line_no = 0;

  while ((len = getline (&line, &cap, stdin)) >= 0)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) findings = NULL;
      JsonNode *root;
      JsonObject *obj;
      JsonNode *id;
      JsonNode *text_node;
      const char *text;
      const char *kind_str;
      const char *reviewer = NULL;
      RoundsTextKind kind = ROUNDS_TEXT_KIND_POST;

      line_no++;
      while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
        line[--len] = '\0';
      if (len == 0)
        continue;

      if (!g_utf8_validate_len (line, len, NULL))
        {
          any_error = TRUE;
          emit_error (out, NULL, "the line is not valid UTF-8");
          continue;
        }

      if (!json_parser_load_from_data (parser, line, len, &error) ||
          (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
        {
          any_error = TRUE;
          emit_error (out, NULL, "the line is not a JSON object");
          continue;
        }

      obj = json_node_get_object (root);
      id = json_object_get_member (obj, "id");
      text_node = json_object_get_member (obj, "text");
      if (text_node == NULL || !JSON_NODE_HOLDS_VALUE (text_node) ||
          json_node_get_value_type (text_node) != G_TYPE_STRING)
        {
          any_error = TRUE;
          emit_error (out, id, "\"text\" is missing or not a string");
          continue;
        }
      text = json_node_get_string (text_node);

      kind_str = json_object_get_string_member_with_default (obj, "kind", "post");
      if (json_object_has_member (obj, "kind") &&
          (!JSON_NODE_HOLDS_VALUE (json_object_get_member (obj, "kind")) ||
           json_node_get_value_type (json_object_get_member (obj, "kind")) != G_TYPE_STRING ||
           !rounds_text_kind_from_string (kind_str, &kind)))
        {
          any_error = TRUE;
          emit_error (out, id, "\"kind\" must be post, review_reply or comment_reply");
          continue;
        }

      if (json_object_has_member (obj, "reviewer"))
        {
          JsonNode *r = json_object_get_member (obj, "reviewer");

          if (JSON_NODE_HOLDS_VALUE (r) && json_node_get_value_type (r) == G_TYPE_STRING)
            reviewer = json_node_get_string (r);
          else if (!JSON_NODE_HOLDS_NULL (r))
            {
              any_error = TRUE;
              emit_error (out, id, "\"reviewer\" must be a string");
              continue;
            }
        }

      findings = rounds_scanner_scan (scanner, text, -1, kind, reviewer, profile, &error);
      if (findings == NULL)
        {
          any_error = TRUE;
          emit_error (out, id, error->message);
          continue;
        }

      if (rounds_findings_have_blocking (findings))
        any_blocking = TRUE;

      g_string_truncate (out, 0);
      append_id (out, id);
      g_string_append (out, ",\"findings\":");
      append_findings (out, findings);
      g_string_append (out, "}\n");
      write_out (out);
    }

  free (line);

  if (ferror (stdin))
    die_usage ("cannot read standard input");

  if (any_error)
    return EXIT_USAGE;
  return any_blocking ? EXIT_BLOCKING : EXIT_CLEAN;
}

/* ------------------------------------------------------- one text */

static void
print_report (const char *text,
              GPtrArray  *findings)
{
  glong n_chars = g_utf8_strlen (text, -1);

  if (findings->len == 0)
    {
      printf ("No problems found.\n");
      return;
    }

  for (guint i = 0; i < findings->len; i++)
    {
      const RoundsFinding *f = g_ptr_array_index (findings, i);
      guint start = rounds_finding_get_start (f);
      guint end = MIN ((glong) rounds_finding_get_end (f), n_chars);
      const char *a = g_utf8_offset_to_pointer (text, start);
      const char *b = g_utf8_offset_to_pointer (text, end);
      g_autofree char *excerpt = g_strndup (a, b - a);

      g_strdelimit (excerpt, "\r\n\t", ' ');
      printf ("%u-%u %s %s (%s): “%s”\n  %s\n  → %s\n",
              start, end,
              rounds_finding_severity_to_string (rounds_finding_get_severity (f)),
              rounds_finding_category_to_string (rounds_finding_get_category (f)),
              rounds_finding_get_rule (f), excerpt,
              rounds_finding_get_message (f),
              rounds_finding_get_suggestion (f));
    }
}

static int
run_single (RoundsScanner           *scanner,
            RoundsComplianceProfile *profile)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  RoundsTextKind kind = ROUNDS_TEXT_KIND_POST;
  const char *path = opt_files ? opt_files[0] : "-";

  if (opt_files != NULL && opt_files[0] != NULL && opt_files[1] != NULL)
    die_usage ("give one file (or - for standard input); see --help");

  if (opt_kind != NULL && !rounds_text_kind_from_string (opt_kind, &kind))
    die_usage ("unknown --kind “%s”: use post, review_reply or comment_reply", opt_kind);

  if (path == NULL || g_str_equal (path, "-"))
    {
      g_autoptr(GInputStream) in = g_unix_input_stream_new (STDIN_FILENO, FALSE);
      g_autoptr(GOutputStream) mem = g_memory_output_stream_new_resizable ();

      if (g_output_stream_splice (mem, in, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, &error) < 0)
        die_usage ("cannot read standard input: %s", error->message);
      length = g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (mem));
      contents = g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (mem));
      if (contents == NULL)
        contents = g_strdup ("");
    }
  else if (!g_file_get_contents (path, &contents, &length, &error))
    die_usage ("%s", error->message);

  if (memchr (contents, '\0', length) != NULL || !g_utf8_validate_len (contents, length, NULL))
    die_usage ("the input is not valid UTF-8 text");

  /* g_memory_output_stream data is not nul-terminated */
  {
    char *copy = g_strndup (contents, length);
    g_free (contents);
    contents = copy;
  }

  findings = rounds_scanner_scan (scanner, contents, length, kind, opt_reviewer, profile, &error);
  if (findings == NULL)
    die_usage ("%s", error->message);

  if (opt_json)
    {
      g_autoptr(GString) out = g_string_new ("{\"findings\":");

      append_findings (out, findings);
      g_string_append (out, "}\n");
      write_out (out);
    }
  else
    print_report (contents, findings);

  fflush (stdout);
  return rounds_findings_have_blocking (findings) ? EXIT_BLOCKING : EXIT_CLEAN;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RoundsComplianceProfile) profile = NULL;
  g_autoptr(RoundsScanner) scanner = NULL;

  context = g_option_context_new ("[FILE|-] — check a social media text for patient information and risky claims");
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_description (context,
    "Checks one text (a file, or standard input with - or no FILE) and reports findings:\n"
    "patient names, dates, phone numbers and other identifiers, review replies that\n"
    "confirm someone is a patient, testimonials, guarantees, medical advice and\n"
    "undisclosed sponsorships. The practice's own details (--profile) are never flagged.\n"
    "\n"
    "Examples:\n"
    "  rounds-check --profile practice.json post.txt\n"
    "  echo 'Hi Derek, glad the extraction went well!' | rounds-check --kind review_reply --json -\n"
    "  rounds-check --jsonl --profile practice.json < texts.jsonl > findings.jsonl\n"
    "\n"
    "--jsonl input lines: {\"id\": …, \"text\": \"…\", \"kind\": \"post\", \"reviewer\": \"…\"}\n"
    "--jsonl output lines, one per input line, in order: {\"id\": …, \"findings\": […]}\n"
    "  or {\"id\": …, \"error\": \"…\"} for a bad line (the run goes on).\n"
    "\n"
    "Exit status: 0 no blocking finding, 1 at least one blocking finding,\n"
    "2 usage or input error (bad UTF-8, bad JSON, unreadable profile; in --jsonl mode,\n"
    "also when any line was bad).\n"
    "See docs/rounds-check.md for the finding format.");

  if (!g_option_context_parse (context, &argc, &argv, &error))
    die_usage ("%s (see --help)", error->message);

  if (opt_jsonl && (opt_json || (opt_files != NULL && opt_files[0] != NULL)))
    die_usage ("--jsonl reads standard input and cannot be combined with --json or a FILE");

  if (opt_profile != NULL)
    {
      profile = rounds_compliance_profile_new_from_file (opt_profile, &error);
      if (profile == NULL)
        die_usage ("bad profile %s: %s", opt_profile, error->message);
    }

  scanner = rounds_scanner_new (&error);
  if (scanner == NULL)
    die_usage ("cannot load the compliance rules: %s", error->message);

  if (opt_jsonl)
    return run_jsonl (scanner, profile);

  return run_single (scanner, profile);
}
