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

#include <errno.h>
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
  const guchar *p = (const guchar *) str;

  g_string_append_c (out, '"');
  while (*p)
    {
      const guchar *run = p;

      /* copy runs that need no escaping in one go */
      while (*p >= 0x20 && *p != '"' && *p != '\\')
        p++;
      if (p > run)
        g_string_append_len (out, (const char *) run, p - run);
      if (*p == '\0')
        break;

      switch (*p)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        default: g_string_append_printf (out, "\\u%04x", *p);
        }
      p++;
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

/* Input is read in blocks straight from fd 0. */
typedef struct
{
  char   *buf;
  gsize   len;
  gsize   pos;
  gsize   cap;
  gboolean eof;
  gboolean error;
} LineReader;

static gboolean
reader_fill (LineReader *r)
{
  gssize n;

  if (r->pos > 0)
    {
      memmove (r->buf, r->buf + r->pos, r->len - r->pos);
      r->len -= r->pos;
      r->pos = 0;
    }
  if (r->len == r->cap)
    {
      r->cap = r->cap ? r->cap * 2 : 1 << 16;
      r->buf = g_realloc (r->buf, r->cap);
    }

  do
    n = read (STDIN_FILENO, r->buf + r->len, r->cap - r->len);
  while (n < 0 && errno == EINTR);

  if (n < 0)
    r->error = TRUE;
  if (n <= 0)
    {
      r->eof = TRUE;
      return FALSE;
    }
  r->len += n;
  return TRUE;
}

/* Returns the next line (without its newline, nul-terminated in place) or
 * NULL at the end. */
static char *
reader_next (LineReader *r,
             gsize      *out_len)
{
  for (;;)
    {
      char *start = r->buf + r->pos;
      char *nl = r->len > r->pos ? memchr (start, '\n', r->len - r->pos) : NULL;

      if (nl != NULL)
        {
          *nl = '\0';
          *out_len = nl - start;
          r->pos = (nl - r->buf) + 1;
          return start;
        }

      if (r->eof)
        {
          if (r->pos < r->len)
            {
              /* last line without a newline */
              if (r->len == r->cap)
                {
                  r->cap += 1;
                  r->buf = g_realloc (r->buf, r->cap);
                  start = r->buf + r->pos;
                }
              r->buf[r->len] = '\0';
              *out_len = r->len - r->pos;
              r->pos = r->len;
              return start;
            }
          return NULL;
        }

      reader_fill (r);
    }
}

typedef struct
{
  RoundsScanner           *scanner;
  RoundsComplianceProfile *profile;
  char                    *id_json;   /* the id, serialised, or "null" */
  char                    *text;
  char                    *reviewer;
  RoundsTextKind           kind;
  const char              *error;     /* static message for a bad line */
  GString                 *out;
  gboolean                 blocking;
  gboolean                 failed;
  gboolean                 done;      /* under the pipeline's mutex */
} Job;

static void
job_free (Job *job)
{
  g_free (job->id_json);
  g_free (job->text);
  g_free (job->reviewer);
  if (job->out)
    g_string_free (job->out, TRUE);
  g_free (job);
}

static void
job_run (Job *job)
{
  job->out = g_string_sized_new (256);
  g_string_append (job->out, "{\"id\":");
  g_string_append (job->out, job->id_json);

  if (job->error == NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) findings = NULL;

      findings = rounds_scanner_scan (job->scanner, job->text, -1, job->kind, job->reviewer,
                                      job->profile, &error);
      if (findings != NULL)
        {
          job->blocking = rounds_findings_have_blocking (findings);
          g_string_append (job->out, ",\"findings\":");
          append_findings (job->out, findings);
          g_string_append (job->out, "}\n");
          return;
        }
      job->failed = TRUE;
      g_string_append (job->out, ",\"error\":");
      append_json_string (job->out, error->message);
      g_string_append (job->out, "}\n");
      return;
    }

  job->failed = TRUE;
  g_string_append (job->out, ",\"error\":");
  append_json_string (job->out, job->error);
  g_string_append (job->out, "}\n");
}

static Job *
parse_line (JsonParser              *parser,
            RoundsScanner           *scanner,
            RoundsComplianceProfile *profile,
            const char              *line,
            gsize                    len)
{
  Job *job = g_new0 (Job, 1);
  JsonNode *root;
  JsonObject *obj;
  JsonNode *id;
  JsonNode *node;

  job->scanner = scanner;
  job->profile = profile;

  if (!g_utf8_validate_len (line, len, NULL))
    {
      job->id_json = g_strdup ("null");
      job->error = "the line is not valid UTF-8";
      return job;
    }

  if (!json_parser_load_from_data (parser, line, len, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      job->id_json = g_strdup ("null");
      job->error = "the line is not a JSON object";
      return job;
    }

  obj = json_node_get_object (root);
  id = json_object_get_member (obj, "id");
  if (id == NULL)
    job->id_json = g_strdup ("null");
  else if (JSON_NODE_HOLDS_VALUE (id) && json_node_get_value_type (id) == G_TYPE_STRING)
    {
      GString *tmp = g_string_new (NULL);
      append_json_string (tmp, json_node_get_string (id));
      job->id_json = g_string_free (tmp, FALSE);
    }
  else
    job->id_json = json_to_string (id, FALSE);

  node = json_object_get_member (obj, "text");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      job->error = "\"text\" is missing or not a string";
      return job;
    }
  job->text = g_strdup (json_node_get_string (node));

  node = json_object_get_member (obj, "kind");
  if (node != NULL &&
      (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
       !rounds_text_kind_from_string (json_node_get_string (node), &job->kind)))
    {
      job->error = "\"kind\" must be post, review_reply or comment_reply";
      return job;
    }

  node = json_object_get_member (obj, "reviewer");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        {
          job->error = "\"reviewer\" must be a string";
          return job;
        }
      job->reviewer = g_strdup (json_node_get_string (node));
    }

  return job;
}

/* The pipeline: the main thread reads and parses lines and hands them to a
 * thread pool; a writer thread prints the answers in input order and
 * flushes whenever the next answer is not ready yet, so an interactive
 * caller gets each answer at once and a bulk run is not slowed by a flush
 * per line. */
#define MAX_IN_FLIGHT 1024

typedef struct
{
  GMutex     mutex;
  GCond      cond;
  GQueue     order;        /* Job*, in input order */
  guint      in_flight;
  gboolean   eof;
  gboolean   any_blocking;
  gboolean   any_error;
} Pipeline;

static void
pipeline_job_done (Pipeline *p,
                   Job      *job)
{
  g_mutex_lock (&p->mutex);
  job->done = TRUE;
  g_cond_broadcast (&p->cond);
  g_mutex_unlock (&p->mutex);
}

static void
pool_func (gpointer data,
           gpointer user_data)
{
  job_run (data);
  pipeline_job_done (user_data, data);
}

static gpointer
writer_func (gpointer data)
{
  Pipeline *p = data;
  g_autoptr(GString) out = g_string_sized_new (1 << 16);

  g_mutex_lock (&p->mutex);
  for (;;)
    {
      Job *head = g_queue_peek_head (&p->order);

      if (head != NULL && head->done)
        {
          g_queue_pop_head (&p->order);
          p->in_flight--;
          p->any_blocking |= head->blocking;
          p->any_error |= head->failed;
          g_cond_broadcast (&p->cond);
          g_mutex_unlock (&p->mutex);

          g_string_append_len (out, head->out->str, head->out->len);
          job_free (head);
          if (out->len > (1 << 16))
            {
              fwrite (out->str, 1, out->len, stdout);
              g_string_truncate (out, 0);
            }

          g_mutex_lock (&p->mutex);
          continue;
        }

      /* nothing ready: everything written so far goes out now */
      if (out->len > 0)
        {
          g_mutex_unlock (&p->mutex);
          write_out (out);
          g_string_truncate (out, 0);
          g_mutex_lock (&p->mutex);
          continue;
        }

      if (head == NULL && p->eof)
        break;

      g_cond_wait (&p->cond, &p->mutex);
    }
  g_mutex_unlock (&p->mutex);

  fflush (stdout);
  return NULL;
}

static int
run_jsonl (RoundsScanner           *scanner,
           RoundsComplianceProfile *profile)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  LineReader reader = { 0 };
  GThreadPool *pool;
  GThread *writer;
  Pipeline p = { 0 };
  guint n_threads = CLAMP (g_get_num_processors (), 1, 8);
  char *line;
  gsize len;

  g_mutex_init (&p.mutex);
  g_cond_init (&p.cond);
  g_queue_init (&p.order);

  pool = g_thread_pool_new (pool_func, &p, n_threads, FALSE, NULL);
  writer = g_thread_new ("rounds-check-writer", writer_func, &p);

  while ((line = reader_next (&reader, &len)) != NULL)
    {
      Job *job;

      while (len > 0 && line[len - 1] == '\r')
        line[--len] = '\0';
      if (len == 0)
        continue;

      job = parse_line (parser, scanner, profile, line, len);

      g_mutex_lock (&p.mutex);
      while (p.in_flight >= MAX_IN_FLIGHT)
        g_cond_wait (&p.cond, &p.mutex);
      g_queue_push_tail (&p.order, job);
      p.in_flight++;
      g_mutex_unlock (&p.mutex);

      g_thread_pool_push (pool, job, NULL);
    }

  g_mutex_lock (&p.mutex);
  p.eof = TRUE;
  g_cond_broadcast (&p.cond);
  g_mutex_unlock (&p.mutex);

  g_thread_pool_free (pool, FALSE, TRUE);
  g_thread_join (writer);

  g_mutex_clear (&p.mutex);
  g_cond_clear (&p.cond);
  g_free (reader.buf);

  if (reader.error)
    die_usage ("cannot read standard input");

  if (p.any_error)
    return EXIT_USAGE;
  return p.any_blocking ? EXIT_BLOCKING : EXIT_CLEAN;
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
