/* test-rounds-check.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rounds-check contract of DESIGN.md §5: exit codes, --json and
 * --jsonl output, error lines, order, flushing after each line, one-line
 * errors on bad input. Runs $ROUNDS_BUILD_ROOT/src/rounds-check.
 */

#define _GNU_SOURCE  /* sched_setaffinity, CPU_SET */

#include "config.h"

#include <sched.h>
#include <string.h>

#include <gio/gio.h>
#include <json-glib/json-glib.h>

static char *tmpdir;

/* Run rounds-check on one CPU: its --jsonl then scans on the main thread
 * instead of the pool (the "-one-cpu" tests). */
static gboolean one_cpu;

static void
pin_to_one_cpu (gpointer user_data)
{
  cpu_set_t set;

  /* in the child, before exec: keep only the first CPU we may run on */
  if (sched_getaffinity (0, sizeof set, &set) == 0)
    for (int c = 0; c < CPU_SETSIZE; c++)
      if (CPU_ISSET (c, &set))
        {
          CPU_ZERO (&set);
          CPU_SET (c, &set);
          sched_setaffinity (0, sizeof set, &set);
          break;
        }
}

static GSubprocess *
spawn (GSubprocessFlags     flags,
       const char * const  *argv,
       GError             **error)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (flags);

  if (one_cpu)
    g_subprocess_launcher_set_child_setup (launcher, pin_to_one_cpu, NULL, NULL);
  return g_subprocess_launcher_spawnv (launcher, argv, error);
}

static char *
exe_path (void)
{
  const char *root = g_getenv ("ROUNDS_BUILD_ROOT");

  if (root == NULL)
    return NULL;
  return g_build_filename (root, "src", "rounds-check", NULL);
}

static char *
write_tmp (const char *name,
           const char *contents,
           gssize      len)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (tmpdir, name, NULL);

  g_file_set_contents (path, contents, len, &error);
  g_assert_no_error (error);
  return path;
}

/* Runs rounds-check with @args and @input; returns the exit status. */
static int
run (const char * const *args,
     const char         *input,
     char              **out,
     char              **err)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *stdout_buf = NULL;
  g_autofree char *stderr_buf = NULL;

  g_ptr_array_add (argv, exe_path ());
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (args[i]));
  g_ptr_array_add (argv, NULL);

  proc = spawn (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                G_SUBPROCESS_FLAGS_STDERR_PIPE, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, input ? input : "", NULL, &stdout_buf, &stderr_buf, &error);
  g_assert_no_error (error);

  if (out)
    *out = g_steal_pointer (&stdout_buf);
  if (err)
    *err = g_steal_pointer (&stderr_buf);

  /* a crash is never an answer */
  g_assert_true (g_subprocess_get_if_exited (proc));
  return g_subprocess_get_exit_status (proc);
}

static gboolean
skip_without_binary (void)
{
  g_autofree char *exe = exe_path ();

  if (exe == NULL || !g_file_test (exe, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("rounds-check is not built (ROUNDS_BUILD_ROOT/src/rounds-check)");
      return TRUE;
    }
  return FALSE;
}

static guint
count_lines (const char *s)
{
  guint n = 0;

  for (; *s; s++)
    if (*s == '\n')
      n++;
  return n;
}

static void
test_help (void)
{
  const char *args[] = { "--help", NULL };
  g_autofree char *out = NULL;

  if (skip_without_binary ())
    return;
  g_assert_cmpint (run (args, NULL, &out, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "--jsonl"));
  g_assert_nonnull (strstr (out, "--profile"));
  g_assert_nonnull (strstr (out, "Exit status"));
}

static void
test_single (void)
{
  g_autofree char *clean = write_tmp ("clean.txt", "Brush twice a day and floss daily!", -1);
  g_autofree char *bad = write_tmp ("bad.txt", "Happy birthday Mrs. Quist! Call her at 309-555-0188.", -1);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *findings;

  if (skip_without_binary ())
    return;

  {
    const char *args[] = { clean, NULL };
    g_assert_cmpint (run (args, NULL, NULL, NULL), ==, 0);
  }
  {
    const char *args[] = { "--json", bad, NULL };
    g_assert_cmpint (run (args, NULL, &out, NULL), ==, 1);
    json_parser_load_from_data (parser, out, -1, &error);
    g_assert_no_error (error);
    findings = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "findings");
    g_assert_nonnull (findings);
    g_assert_cmpuint (json_array_get_length (findings), >=, 2);
    {
      gboolean block = FALSE;

      for (guint i = 0; i < json_array_get_length (findings); i++)
        if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (findings, i), "severity"), "block") == 0)
          block = TRUE;
      g_assert_true (block);
    }
  }
  {
    const char *args[] = { "--json", "--kind", "review_reply", "-", NULL };
    g_clear_pointer (&out, g_free);
    g_assert_cmpint (run (args, "Hi Derek, glad the extraction went well!", &out, NULL), ==, 1);
    g_assert_nonnull (strstr (out, "\"review_confirmation\""));
  }
}

static void
test_usage_errors (void)
{
  g_autofree char *invalid = write_tmp ("invalid.txt", "abc\xff\xfe def", 9);
  g_autofree char *bad_profile = write_tmp ("profile.json", "{\"phones\": [1, 2]}", -1);
  g_autofree char *clean = write_tmp ("clean2.txt", "Floss daily.", -1);
  const char *cases[][4] = {
    { "/nonexistent/file.txt", NULL },
    { invalid, NULL },
    { "--profile", bad_profile, clean, NULL },
    { "--profile", "/nonexistent/profile.json", clean, NULL },
    { "--no-such-option", NULL },
    { "--kind", "tweet", clean, NULL },
    { "--jsonl", clean, NULL },
  };

  if (skip_without_binary ())
    return;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_assert_cmpint (run (cases[i], NULL, &out, &err), ==, 2);
      g_assert_cmpuint (count_lines (err), ==, 1);
      g_assert_cmpstr (out, ==, "");
    }
}

static void
test_jsonl (void)
{
  const char *input =
    "{\"id\": \"a\", \"text\": \"Brush twice a day!\", \"kind\": \"post\"}\n"
    "this is not json\n"
    "{\"id\": 7, \"text\": \"Mr. Hollis, we'll call you at 217-555-0135.\", \"kind\": \"comment_reply\"}\n"
    "{\"id\": \"c\", \"kind\": \"post\"}\n"
    "{\"id\": \"d\", \"text\": \"Thanks for the review!\", \"kind\": \"review_reply\", \"reviewer\": \"Ann Lee\"}\n"
    "{\"id\": \"e\", \"text\": \"x\", \"kind\": \"tweet\"}\n";
  const char *args[] = { "--jsonl", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;
  const char *expect_ids[] = { "\"a\"", "null", "7", "\"c\"", "\"d\"", "\"e\"" };
  const gboolean expect_error[] = { FALSE, TRUE, FALSE, TRUE, FALSE, TRUE };

  if (skip_without_binary ())
    return;

  g_assert_cmpint (run (args, input, &out, &err), ==, 2);
  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 7);  /* six lines and the empty tail */

  for (guint i = 0; i < 6; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      JsonObject *obj;
      g_autofree char *id = NULL;

      json_parser_load_from_data (parser, lines[i], -1, &error);
      g_assert_no_error (error);
      obj = json_node_get_object (json_parser_get_root (parser));
      id = json_to_string (json_object_get_member (obj, "id"), FALSE);
      g_assert_cmpstr (id, ==, expect_ids[i]);
      g_assert_cmpint (json_object_has_member (obj, "error"), ==, expect_error[i]);
      g_assert_cmpint (json_object_has_member (obj, "findings"), ==, !expect_error[i]);
    }

  /* exit status follows the block findings when every line is good */
  {
    g_clear_pointer (&out, g_free);
    g_assert_cmpint (run (args, "{\"id\": 1, \"text\": \"Floss daily.\", \"kind\": \"post\"}\n", &out, NULL), ==, 0);
    g_clear_pointer (&out, g_free);
    g_assert_cmpint (run (args, "{\"id\": 1, \"text\": \"SSN 123-45-6789\", \"kind\": \"post\"}\n", &out, NULL), ==, 1);
  }
}

/* Escaped and raw UTF-8 input, extra members (nested too) and member
 * order must not change the answer. */
static void
test_jsonl_escapes (void)
{
  const char *args[] = { "--jsonl", NULL };
  const char *input =
    "{\"id\": \"x\", \"kind\": \"comment_reply\", \"text\": \"\xf0\x9f\xa6\xb7 Jos\xc3\xa9, we called you at 309-555-0111.\"}\n"
    "{\"text\": \"\\ud83e\\uddb7 Jos\\u00e9, we called you at 309-555-0111.\", \"spans\": [{\"start\": 1, \"x\": [true, null]}],"
    " \"kind\": \"comment_reply\", \"id\": \"x\", \"tags\": []}\n";
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;

  if (skip_without_binary ())
    return;

  g_assert_cmpint (run (args, input, &out, NULL), ==, 1);
  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_cmpstr (lines[0], ==, lines[1]);
  g_assert_nonnull (strstr (lines[0], "\"start\":2,\"end\":6,"));  /* the name, after one emoji and a space */
}

/* Checks that @out has one JSON object per input line, each with an id
 * and either findings or an error. Returns the lines. */
static GStrv
check_answers (const char  *out,
               guint        n_lines)
{
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);

  g_assert_cmpuint (g_strv_length (lines), ==, n_lines + 1);
  g_assert_cmpstr (lines[n_lines], ==, "");
  for (guint i = 0; i < n_lines; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      JsonObject *obj;

      json_parser_load_from_data (parser, lines[i], -1, &error);
      g_assert_no_error (error);
      g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
      obj = json_node_get_object (json_parser_get_root (parser));
      g_assert_true (json_object_has_member (obj, "id"));
      g_assert_true (json_object_has_member (obj, "findings") != json_object_has_member (obj, "error"));
    }
  return g_steal_pointer (&lines);
}

static gboolean
answer_is_error (const char *line)
{
  return strstr (line, "\"error\":") != NULL && strstr (line, "\"findings\":") == NULL;
}

/* Two ways past the checker (issue 15): a \u0000 escape used to end the
 * text there, so what followed went unchecked; a deeply nested line crashed
 * the process and lost every later line. Both now get an error line and
 * the following lines are still answered. */
static void
test_jsonl_hostile (void)
{
  const char *args[] = { "--jsonl", NULL };
  g_autoptr(GString) input = g_string_new (NULL);
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;

  if (skip_without_binary ())
    return;

  /* the SSN after the NUL must not slip through as a clean text */
  g_string_append (input, "{\"id\": \"nul\", \"text\": \"Thanks!\\u0000 Your SSN 123-45-6789 is on file.\", \"kind\": \"post\"}\n");
  g_string_append (input, "{\"id\": \"nul-id\\u0000x\", \"text\": \"Floss daily.\", \"kind\": \"post\"}\n");
  /* an escaped backslash before u0000 is not a NUL */
  g_string_append (input, "{\"id\": \"not-nul\", \"text\": \"C:\\\\u0000 is a folder\", \"kind\": \"post\"}\n");
  /* a million brackets, then deep nesting inside an extra member */
  g_string_append_c (input, '{');
  for (guint i = 0; i < 1000000; i++)
    g_string_append_c (input, '[');
  g_string_append (input, "\n");
  g_string_append (input, "{\"id\": \"deep\", \"text\": \"x\", \"extra\": ");
  for (guint i = 0; i < 5000; i++)
    g_string_append (input, "{\"a\":");
  g_string_append (input, "1");
  for (guint i = 0; i < 5000; i++)
    g_string_append_c (input, '}');
  g_string_append (input, "}\n");
  g_string_append (input, "{\"id\": \"after\", \"text\": \"SSN 123-45-6789\", \"kind\": \"post\"}\n");

  g_assert_cmpint (run (args, input->str, &out, NULL), ==, 2);
  lines = check_answers (out, 6);
  g_assert_true (answer_is_error (lines[0]));
  g_assert_nonnull (strstr (lines[0], "NUL"));
  g_assert_true (answer_is_error (lines[1]));
  g_assert_true (g_str_has_prefix (lines[2], "{\"id\":\"not-nul\",\"findings\":"));
  g_assert_true (answer_is_error (lines[3]));
  g_assert_true (answer_is_error (lines[4]));
  g_assert_true (g_str_has_prefix (lines[5], "{\"id\":\"after\",\"findings\":[{"));
}

/* A small fuzzer for the line reader that runs in the normal suite:
 * mutated copies of good lines (bytes flipped, cut, repeated, brackets
 * and escapes spliced in) must each get exactly one answer line, in order,
 * and the process must exit normally. */
static void
test_jsonl_fuzz (void)
{
  const char *args[] = { "--jsonl", NULL };
  const char *seeds[] = {
    "{\"id\": \"a\", \"text\": \"Mr. Hollis, we'll call you at 217-555-0135.\", \"kind\": \"comment_reply\"}",
    "{\"text\": \"\\ud83e\\uddb7 Jos\\u00e9, your crown is ready\", \"id\": 12, \"kind\": \"review_reply\", \"reviewer\": \"Jos\\u00e9 P\"}",
    "{\"id\": [1, {\"x\": null}], \"text\": \"Born 4/9/1931\", \"spans\": [{\"start\": 0}], \"kind\": \"post\"}",
  };
  const char *splices[] = { "[", "{", "]", "}", "\"", "\\", "\\u0000", "\\ud800", "\\u", ",", ":", "\xc3", "\xff", "null", "[[[[[[[[", "1e999999", "\\udc00" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (15);
  g_autoptr(GString) input = g_string_new (NULL);
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  const guint n = 3000;

  if (skip_without_binary ())
    return;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GString) line = g_string_new (seeds[g_rand_int_range (rand, 0, G_N_ELEMENTS (seeds))]);
      guint edits = g_rand_int_range (rand, 1, 6);

      for (guint e = 0; e < edits; e++)
        {
          guint at = g_rand_int_range (rand, 0, line->len + 1);

          switch (g_rand_int_range (rand, 0, 5))
            {
            case 0:  /* splice a token */
              g_string_insert (line, at, splices[g_rand_int_range (rand, 0, G_N_ELEMENTS (splices))]);
              break;
            case 1:  /* cut the rest */
              g_string_truncate (line, at);
              break;
            case 2:  /* change a byte (newlines are replaced below) */
              if (at < line->len)
                line->str[at] = (char) g_rand_int_range (rand, 1, 256);
              break;
            case 3:  /* a deep run of one bracket */
              for (guint k = 0, depth = g_rand_int_range (rand, 60, 3000); k < depth; k++)
                g_string_insert_c (line, at, g_rand_boolean (rand) ? '[' : '{');
              break;
            default:  /* drop a byte */
              if (at < line->len)
                g_string_erase (line, at, 1);
            }
        }
      /* one line each, never a blank one (blank lines are skipped) */
      for (char *p = line->str; *p; p++)
        if (*p == '\n' || *p == '\r')
          *p = ' ';
      if (line->len == 0)
        g_string_append_c (line, '{');
      g_string_append_len (input, line->str, line->len);
      g_string_append_c (input, '\n');
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GSubprocess) proc = NULL;
    g_autoptr(GBytes) in_bytes = g_bytes_new (input->str, input->len);
    g_autoptr(GBytes) out_bytes = NULL;
    g_autofree char *exe = exe_path ();

    proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                             G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error, exe, args[0], NULL);
    g_assert_no_error (error);
    g_subprocess_communicate (proc, in_bytes, NULL, &out_bytes, NULL, &error);
    g_assert_no_error (error);
    g_assert_true (g_subprocess_get_if_exited (proc));
    g_assert_cmpint (g_subprocess_get_exit_status (proc), <=, 2);
    out = g_strndup (g_bytes_get_data (out_bytes, NULL), g_bytes_get_size (out_bytes));
  }
  lines = check_answers (out, n);
}

/* Each output line must arrive before the next input line is written. */
typedef struct
{
  GMainLoop *loop;
  char      *line;
  gboolean   timed_out;
} ReadState;

static void
on_line_read_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  ReadState *state = user_data;

  state->line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source), result, NULL, NULL);
  g_main_loop_quit (state->loop);
}

static gboolean
on_timeout_cb (gpointer user_data)
{
  ReadState *state = user_data;

  state->timed_out = TRUE;
  g_main_loop_quit (state->loop);
  return G_SOURCE_REMOVE;
}

static void
test_jsonl_flush (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GDataInputStream) in = NULL;
  g_autofree char *exe = exe_path ();
  GOutputStream *to_child;

  if (skip_without_binary ())
    return;

  proc = spawn (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                (const char * const[]) { exe, "--jsonl", NULL }, &error);
  g_assert_no_error (error);
  to_child = g_subprocess_get_stdin_pipe (proc);
  in = g_data_input_stream_new (g_subprocess_get_stdout_pipe (proc));

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *line = g_strdup_printf ("{\"id\": %u, \"text\": \"We will call you at 309-555-01%02u.\", \"kind\": \"comment_reply\"}\n", i, i);
      g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
      ReadState state = { loop, NULL, FALSE };
      guint timeout;

      g_output_stream_write_all (to_child, line, strlen (line), NULL, NULL, &error);
      g_assert_no_error (error);
      g_output_stream_flush (to_child, NULL, &error);
      g_assert_no_error (error);

      timeout = g_timeout_add_seconds (20, on_timeout_cb, &state);
      g_data_input_stream_read_line_async (in, G_PRIORITY_DEFAULT, NULL, on_line_read_cb, &state);
      g_main_loop_run (loop);
      if (!state.timed_out)
        g_source_remove (timeout);

      g_assert_false (state.timed_out);
      g_assert_nonnull (state.line);
      g_assert_true (g_str_has_prefix (state.line, "{\"id\":"));
      g_free (state.line);
    }

  g_output_stream_close (to_child, NULL, NULL);
  g_subprocess_wait (proc, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 1);
}

/* The same --jsonl contract on one CPU, where the lines are scanned on
 * the main thread. */
static void
test_one_cpu (gconstpointer data)
{
  GTestFunc func = (GTestFunc) data;

  one_cpu = TRUE;
  func ();
  one_cpu = FALSE;
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  tmpdir = g_dir_make_tmp ("rounds-check-test-XXXXXX", NULL);

  g_test_add_func ("/rounds-check/help", test_help);
  g_test_add_func ("/rounds-check/single", test_single);
  g_test_add_func ("/rounds-check/usage-errors", test_usage_errors);
  g_test_add_func ("/rounds-check/jsonl", test_jsonl);
  g_test_add_func ("/rounds-check/jsonl-escapes", test_jsonl_escapes);
  g_test_add_func ("/rounds-check/jsonl-flush", test_jsonl_flush);
  g_test_add_func ("/rounds-check/jsonl-hostile", test_jsonl_hostile);
  g_test_add_func ("/rounds-check/jsonl-fuzz", test_jsonl_fuzz);
  g_test_add_data_func ("/rounds-check/jsonl-one-cpu", test_jsonl, test_one_cpu);
  g_test_add_data_func ("/rounds-check/jsonl-escapes-one-cpu", test_jsonl_escapes, test_one_cpu);
  g_test_add_data_func ("/rounds-check/jsonl-flush-one-cpu", test_jsonl_flush, test_one_cpu);
  g_test_add_data_func ("/rounds-check/jsonl-hostile-one-cpu", test_jsonl_hostile, test_one_cpu);
  g_test_add_data_func ("/rounds-check/jsonl-fuzz-one-cpu", test_jsonl_fuzz, test_one_cpu);

  ret = g_test_run ();

  {
    g_autoptr(GFile) dir = g_file_new_for_path (tmpdir);
    g_autoptr(GFileEnumerator) e = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME, 0, NULL, NULL);
    GFileInfo *info;

    while (e != NULL && (info = g_file_enumerator_next_file (e, NULL, NULL)) != NULL)
      {
        g_autoptr(GFile) child = g_file_get_child (dir, g_file_info_get_name (info));
        g_file_delete (child, NULL, NULL);
        g_object_unref (info);
      }
    g_file_delete (dir, NULL, NULL);
    g_free (tmpdir);
  }

  return ret;
}
