/* rounds-assistant.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-assistant"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "rounds-assistant.h"
#include "rounds-store.h"

#define DEFAULT_TIMEOUT   120                 /* seconds for the whole answer */
#define MAX_ANSWER_BYTES  (256 * 1024)        /* what is read at most */
#define MAX_LINE_BYTES    (64 * 1024)         /* one server-sent event line */

G_DEFINE_QUARK (rounds-assistant-error-quark, rounds_assistant_error)

struct _RoundsAssistant
{
  GObject                  parent_instance;

  char                    *base_url;
  char                    *model;
  char                    *api_key;
  RoundsScanner           *scanner;
  RoundsComplianceProfile *profile;
  SoupSession             *session;
  guint                    timeout;
  gboolean                 streaming;
};

G_DEFINE_FINAL_TYPE (RoundsAssistant, rounds_assistant, G_TYPE_OBJECT)

const char *
rounds_assist_task_to_string (RoundsAssistTask task)
{
  switch (task)
    {
    case ROUNDS_ASSIST_DRAFT_FROM_IDEA:    return "draft-from-idea";
    case ROUNDS_ASSIST_SHORTEN:            return "shorten";
    case ROUNDS_ASSIST_FRIENDLIER:         return "friendlier";
    case ROUNDS_ASSIST_MORE_PROFESSIONAL:  return "more-professional";
    case ROUNDS_ASSIST_TRANSLATE_SPANISH:  return "translate-spanish";
    case ROUNDS_ASSIST_HASHTAGS:           return "hashtags";
    case ROUNDS_ASSIST_ALT_TEXT:           return "alt-text";
    case ROUNDS_ASSIST_SAFE_REPLY:         return "safe-reply";
    default:                               return "unknown";
    }
}

/* ---- the local log ------------------------------------------------ */

char *
rounds_assistant_dup_log_path (void)
{
  g_autofree char *dir = rounds_store_dup_data_dir ();

  return g_build_filename (dir, "assistant-log.jsonl", NULL);
}

/* One line per request: when, what kind, where to, how many bytes each
 * way and what the scanner said. Never the text. */
static void
log_request (RoundsAssistant  *self,
             RoundsAssistTask  task,
             const char       *verdict,
             gsize             sent_bytes,
             gsize             received_bytes,
             guint             findings_out,
             guint             findings_back,
             const GError     *error)
{
  g_autofree char *path = rounds_assistant_dup_log_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *when = g_date_time_format_iso8601 (now);
  g_autoptr(GUri) uri = g_uri_parse (self->base_url, G_URI_FLAGS_NONE, NULL);
  g_autofree char *line = NULL;
  g_autofree char *text = NULL;
  int fd;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "time");
  json_builder_add_string_value (builder, when);
  json_builder_set_member_name (builder, "task");
  json_builder_add_string_value (builder, rounds_assist_task_to_string (task));
  json_builder_set_member_name (builder, "endpoint");
  json_builder_add_string_value (builder, uri != NULL && g_uri_get_host (uri) != NULL
                                            ? g_uri_get_host (uri) : "");
  json_builder_set_member_name (builder, "model");
  json_builder_add_string_value (builder, self->model);
  json_builder_set_member_name (builder, "verdict");
  json_builder_add_string_value (builder, verdict);
  json_builder_set_member_name (builder, "sent_bytes");
  json_builder_add_int_value (builder, sent_bytes);
  json_builder_set_member_name (builder, "received_bytes");
  json_builder_add_int_value (builder, received_bytes);
  json_builder_set_member_name (builder, "findings_in_request");
  json_builder_add_int_value (builder, findings_out);
  json_builder_set_member_name (builder, "findings_in_answer");
  json_builder_add_int_value (builder, findings_back);
  if (error != NULL)
    {
      json_builder_set_member_name (builder, "error");
      json_builder_add_int_value (builder, error->code);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  line = g_strconcat (text, "\n", NULL);

  g_mkdir_with_parents (dir, 0700);
  fd = g_open (path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      g_warning ("Could not write the assistant log: %s", g_strerror (errno));
      return;
    }
  if (write (fd, line, strlen (line)) < 0)
    g_warning ("Could not write the assistant log: %s", g_strerror (errno));
  close (fd);
}

/* ---- the guard ---------------------------------------------------- */

/* What may never leave: any identifier or blocking finding, and talk
 * about a specific patient, a review confirmation or a testimonial. */
static gboolean
finding_guards (RoundsFinding *finding)
{
  switch (rounds_finding_get_category (finding))
    {
    case ROUNDS_FINDING_CATEGORY_PATIENT_REFERENCE:
    case ROUNDS_FINDING_CATEGORY_REVIEW_CONFIRMATION:
    case ROUNDS_FINDING_CATEGORY_TESTIMONIAL:
      return TRUE;
    default:
      return rounds_finding_category_is_identifier (rounds_finding_get_category (finding)) ||
             rounds_finding_get_severity (finding) == ROUNDS_FINDING_SEVERITY_BLOCK;
    }
}

static RoundsTextKind
outgoing_kind (RoundsAssistTask task)
{
  return task == ROUNDS_ASSIST_SAFE_REPLY ? ROUNDS_TEXT_KIND_REVIEW_REPLY : ROUNDS_TEXT_KIND_POST;
}

static gboolean
scan_guarded (RoundsAssistant  *self,
              const char       *text,
              RoundsTextKind    kind,
              GPtrArray        *guarding,
              GError          **error)
{
  g_autoptr(GPtrArray) found = NULL;

  if (text == NULL || text[0] == '\0')
    return TRUE;

  found = rounds_scanner_scan (self->scanner, text, -1, kind, NULL, self->profile, error);
  if (found == NULL)
    return FALSE;

  for (guint i = 0; i < found->len; i++)
    if (finding_guards (found->pdata[i]))
      g_ptr_array_add (guarding, rounds_finding_ref (found->pdata[i]));
  return TRUE;
}

gboolean
rounds_assistant_check (RoundsAssistant           *self,
                        const RoundsAssistRequest *request,
                        GPtrArray                **findings,
                        GError                   **error)
{
  g_autoptr(GPtrArray) guarding = g_ptr_array_new_with_free_func ((GDestroyNotify)rounds_finding_unref);
  g_autoptr(GPtrArray) practice = g_ptr_array_new_with_free_func ((GDestroyNotify)rounds_finding_unref);

  g_return_val_if_fail (ROUNDS_IS_ASSISTANT (self), FALSE);
  g_return_val_if_fail (request != NULL, FALSE);

  if (findings != NULL)
    *findings = NULL;

  if (!scan_guarded (self, request->text, outgoing_kind (request->task), guarding, error) ||
      !scan_guarded (self, request->practice, ROUNDS_TEXT_KIND_POST, practice, error))
    return FALSE;

  if (guarding->len == 0 && practice->len == 0)
    return TRUE;

  if (guarding->len > 0)
    g_set_error (error, ROUNDS_ASSISTANT_ERROR, ROUNDS_ASSISTANT_ERROR_BLOCKED,
                 g_dngettext (GETTEXT_PACKAGE,
                              "The text holds %u passage that could identify a patient, so "
                              "it was not sent. Fix it in the editor, then ask again.",
                              "The text holds %u passages that could identify a patient, so "
                              "it was not sent. Fix them in the editor, then ask again.",
                              guarding->len),
                 guarding->len);
  else
    g_set_error_literal (error, ROUNDS_ASSISTANT_ERROR, ROUNDS_ASSISTANT_ERROR_BLOCKED,
                         _("The practice details given to the assistant hold something "
                           "that could identify a patient, so nothing was sent."));

  if (findings != NULL)
    *findings = guarding->len > 0 ? g_steal_pointer (&guarding) : g_steal_pointer (&practice);
  return FALSE;
}

/* ---- the request -------------------------------------------------- */

static const char *
system_prompt (void)
{
  return "You help a small US medical practice write for social media. "
         "Write in the practice's voice: warm, clear, plain words, no jargon. "
         "Never name or describe any patient, never mention any individual's health, "
         "never confirm that anyone is a patient, never promise results or cures, "
         "never give medical advice to one person. "
         "Answer with the text only: no preamble, no quotes around it, no notes.";
}

static char *
user_prompt (const RoundsAssistRequest *request)
{
  const char *text = request->text != NULL ? request->text : "";
  const char *network = request->network != NULL ? request->network : "social media";

  switch (request->task)
    {
    case ROUNDS_ASSIST_DRAFT_FROM_IDEA:
      return g_strdup_printf ("Write one %s post from this idea:\n\n%s", network, text);
    case ROUNDS_ASSIST_SHORTEN:
      return g_strdup_printf ("Shorten this post for %s to at most %u characters, keeping "
                              "its meaning and any link:\n\n%s",
                              network, request->max_chars > 0 ? request->max_chars : 280, text);
    case ROUNDS_ASSIST_FRIENDLIER:
      return g_strdup_printf ("Rewrite this post to sound friendlier, same length:\n\n%s", text);
    case ROUNDS_ASSIST_MORE_PROFESSIONAL:
      return g_strdup_printf ("Rewrite this post to sound more professional, same "
                              "length:\n\n%s", text);
    case ROUNDS_ASSIST_TRANSLATE_SPANISH:
      return g_strdup_printf ("Translate this post into neutral Latin American Spanish, "
                              "addressing readers as \"usted\":\n\n%s", text);
    case ROUNDS_ASSIST_HASHTAGS:
      return g_strdup_printf ("Suggest three to five hashtags for this post, on one line, "
                              "none that names a condition of a person:\n\n%s", text);
    case ROUNDS_ASSIST_ALT_TEXT:
      return g_strdup_printf ("Write alt text (one or two sentences) for an image the "
                              "practice describes like this:\n\n%s", text);
    case ROUNDS_ASSIST_SAFE_REPLY:
      return g_strdup_printf ("Write a short public reply to a %s review (%u of 5 stars, "
                              "0: no rating) of the practice. Do not refer to any visit, "
                              "treatment or detail; thank them and invite them to call the "
                              "office. Start from this approved template:\n\n%s",
                              request->review_kind != NULL ? request->review_kind : "",
                              request->stars, text);
    default:
      return g_strdup (text);
    }
}

static char *
request_body (RoundsAssistant           *self,
              const RoundsAssistRequest *request)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *user = user_prompt (request);
  g_autofree char *system = NULL;

  if (request->practice != NULL && request->practice[0] != '\0')
    system = g_strconcat (system_prompt (), "\n\nAbout the practice: ", request->practice, NULL);
  else
    system = g_strdup (system_prompt ());

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "model");
  json_builder_add_string_value (builder, self->model);
  json_builder_set_member_name (builder, "stream");
  json_builder_add_boolean_value (builder, self->streaming);
  json_builder_set_member_name (builder, "messages");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "role");
  json_builder_add_string_value (builder, "system");
  json_builder_set_member_name (builder, "content");
  json_builder_add_string_value (builder, system);
  json_builder_end_object (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "role");
  json_builder_add_string_value (builder, "user");
  json_builder_set_member_name (builder, "content");
  json_builder_add_string_value (builder, user);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/* ---- one run ------------------------------------------------------ */

typedef struct
{
  RoundsAssistTask          task;
  RoundsAssistProgressFunc  progress;
  gpointer                  progress_data;
  GString                  *answer;
  GDataInputStream         *lines;
  GInputStream             *body;
  GByteArray               *plain;       /* a non-streamed answer */
  GPtrArray                *findings;    /* the scanner's, on the answer */
  GCancellable             *cancellable; /* ours: the caller's, and the deadline */
  gulong                    chained;
  GCancellable             *caller;
  guint                     deadline;
  gboolean                  timed_out;
  gboolean                  done;
  guint                     status;
  gsize                     sent_bytes;
  gsize                     received_bytes;
} Run;

static void
run_free (Run *run)
{
  g_clear_handle_id (&run->deadline, g_source_remove);
  if (run->caller != NULL && run->chained != 0)
    g_cancellable_disconnect (run->caller, run->chained);
  g_clear_object (&run->caller);
  g_clear_object (&run->cancellable);
  g_clear_object (&run->lines);
  g_clear_object (&run->body);
  if (run->plain != NULL)
    g_byte_array_unref (run->plain);
  g_clear_pointer (&run->findings, g_ptr_array_unref);
  g_string_free (run->answer, TRUE);
  g_free (run);
}

static void
fail (GTask      *task,
      GError     *error)
{
  RoundsAssistant *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);

  if (run->timed_out && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_error (&error);
      error = g_error_new_literal (ROUNDS_ASSISTANT_ERROR, ROUNDS_ASSISTANT_ERROR_UNAVAILABLE,
                                   _("The writing assistant did not answer in time."));
    }
  log_request (self, run->task,
               g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ? "cancelled" : "failed",
               run->sent_bytes, run->received_bytes, 0, 0, error);
  g_task_return_error (task, error);
  g_object_unref (task);
}

static void
fail_literal (GTask      *task,
              int         code,
              const char *message)
{
  fail (task, g_error_new_literal (ROUNDS_ASSISTANT_ERROR, code, message));
}

static void
succeed (GTask *task)
{
  RoundsAssistant *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  g_autofree char *answer = g_strstrip (g_strdup (run->answer->str));
  g_autoptr(GError) error = NULL;
  GPtrArray *findings;

  if (answer[0] == '\0')
    {
      fail_literal (task, ROUNDS_ASSISTANT_ERROR_REFUSED,
                    _("The writing assistant gave no answer. Try again, or write it yourself."));
      return;
    }
  if (!g_utf8_validate (answer, -1, NULL))
    {
      fail_literal (task, ROUNDS_ASSISTANT_ERROR_MALFORMED,
                    _("The writing assistant's answer was not readable text."));
      return;
    }

  findings = rounds_scanner_scan (self->scanner, answer, -1, outgoing_kind (run->task), NULL,
                                  self->profile, &error);
  if (findings == NULL)
    {
      fail (task, g_steal_pointer (&error));
      return;
    }

  log_request (self, run->task, "answered", run->sent_bytes, run->received_bytes, 0,
               findings->len, NULL);
  run->findings = findings;
  g_task_return_pointer (task, g_steal_pointer (&answer), g_free);
  g_object_unref (task);
}

static void
report_progress (Run *run)
{
  if (run->progress != NULL)
    run->progress (run->answer->str, run->progress_data);
}

/* The content of one answer object: choices[0].delta.content in a
 * streamed chunk, choices[0].message.content in a whole answer. An
 * "error" member is the server refusing. */
static gboolean
read_choice (JsonNode    *node,
             const char  *member,
             const char **content,
             GError     **error)
{
  JsonObject *object;
  JsonArray *choices;
  JsonNode *first;
  JsonObject *inner;
  JsonNode *text;

  *content = NULL;
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    goto malformed;
  object = json_node_get_object (node);

  if (json_object_has_member (object, "error"))
    {
      g_set_error_literal (error, ROUNDS_ASSISTANT_ERROR, ROUNDS_ASSISTANT_ERROR_REFUSED,
                           _("The writing assistant refused the request."));
      return FALSE;
    }

  if (!json_object_has_member (object, "choices") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "choices")))
    goto malformed;
  choices = json_object_get_array_member (object, "choices");
  if (json_array_get_length (choices) == 0)
    return TRUE;   /* a keep-alive or usage chunk */
  first = json_array_get_element (choices, 0);
  if (!JSON_NODE_HOLDS_OBJECT (first))
    goto malformed;
  if (!json_object_has_member (json_node_get_object (first), member))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (json_object_get_member (json_node_get_object (first), member)))
    goto malformed;
  inner = json_object_get_object_member (json_node_get_object (first), member);
  if (!json_object_has_member (inner, "content"))
    return TRUE;
  text = json_object_get_member (inner, "content");
  if (JSON_NODE_HOLDS_NULL (text))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (text) || json_node_get_value_type (text) != G_TYPE_STRING)
    goto malformed;
  *content = json_node_get_string (text);
  return TRUE;

malformed:
  g_set_error_literal (error, ROUNDS_ASSISTANT_ERROR, ROUNDS_ASSISTANT_ERROR_MALFORMED,
                       _("The writing assistant answered in a form Rounds does not know. Is "
                         "the address an OpenAI-compatible chat-completions server?"));
  return FALSE;
}

static gboolean
append_content (Run         *run,
                const char  *content,
                GError     **error)
{
  if (content == NULL)
    return TRUE;
  if (run->answer->len + strlen (content) > MAX_ANSWER_BYTES)
    {
      g_set_error_literal (error, ROUNDS_ASSISTANT_ERROR, ROUNDS_ASSISTANT_ERROR_MALFORMED,
                           _("The writing assistant's answer was far too long."));
      return FALSE;
    }
  g_string_append (run->answer, content);
  return TRUE;
}

static void read_line (GTask *task);

static void
line_read_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  Run *run = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  gsize length = 0;
  g_autoptr(JsonParser) parser = NULL;
  const char *data;
  const char *content;

  line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source), result,
                                                    &length, &error);
  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_debug ("Reading the assistant's answer: %s", error->message);
          g_clear_error (&error);
          error = g_error_new_literal (ROUNDS_ASSISTANT_ERROR, ROUNDS_ASSISTANT_ERROR_UNAVAILABLE,
                                       _("The writing assistant's answer could not be read. "
                                         "Try again."));
        }
      fail (task, g_steal_pointer (&error));
      return;
    }

  if (line == NULL)
    {
      /* The end, without "[DONE]": the answer was cut off. */
      fail_literal (task, ROUNDS_ASSISTANT_ERROR_UNAVAILABLE,
                    _("The writing assistant's answer was cut off. Try again."));
      return;
    }

  run->received_bytes += length + 1;
  if (length > MAX_LINE_BYTES || run->received_bytes > MAX_ANSWER_BYTES * 4)
    {
      fail_literal (task, ROUNDS_ASSISTANT_ERROR_MALFORMED,
                    _("The writing assistant's answer was far too long."));
      return;
    }

  /* Server-sent events: "data: …" lines carry the chunks; blank lines,
   * comments (":…") and other fields are skipped. */
  if (!g_str_has_prefix (line, "data:"))
    {
      read_line (task);
      return;
    }
  data = line + 5;
  while (*data == ' ')
    data++;

  if (g_str_equal (data, "[DONE]"))
    {
      succeed (task);
      return;
    }

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, -1, NULL) ||
      !read_choice (json_parser_get_root (parser), "delta", &content, &error) ||
      !append_content (run, content, &error))
    {
      if (error == NULL)
        error = g_error_new_literal (ROUNDS_ASSISTANT_ERROR, ROUNDS_ASSISTANT_ERROR_MALFORMED,
                                     _("The writing assistant answered in a form Rounds does "
                                       "not know."));
      fail (task, g_steal_pointer (&error));
      return;
    }

  if (content != NULL && content[0] != '\0')
    report_progress (run);
  read_line (task);
}

static void
read_line (GTask *task)
{
  Run *run = g_task_get_task_data (task);

  g_data_input_stream_read_line_async (run->lines, G_PRIORITY_DEFAULT, run->cancellable,
                                       line_read_cb, task);
}

static void read_plain (GTask *task);

static void
plain_read_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  Run *run = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = NULL;
  const char *content;

  bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);
  if (bytes == NULL)
    {
      fail (task, g_steal_pointer (&error));
      return;
    }

  if (g_bytes_get_size (bytes) > 0)
    {
      run->received_bytes += g_bytes_get_size (bytes);
      if (run->plain->len + g_bytes_get_size (bytes) > MAX_ANSWER_BYTES)
        {
          fail_literal (task, ROUNDS_ASSISTANT_ERROR_MALFORMED,
                        _("The writing assistant's answer was far too long."));
          return;
        }
      g_byte_array_append (run->plain, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      read_plain (task);
      return;
    }

  /* The whole body is here. */
  if (run->status < 200 || run->status >= 300)
    {
      switch (run->status)
        {
        case 401:
        case 403:
          fail_literal (task, ROUNDS_ASSISTANT_ERROR_SIGN_IN,
                        _("The writing assistant refused the key. Check it in Preferences."));
          return;
        case 429:
          fail_literal (task, ROUNDS_ASSISTANT_ERROR_RATE_LIMITED,
                        _("The writing assistant is busy (too many requests). Try again in a "
                          "minute."));
          return;
        case 400:
        case 404:
        case 422:
          fail_literal (task, ROUNDS_ASSISTANT_ERROR_REFUSED,
                        _("The writing assistant refused the request. Check the address and "
                          "the model name in Preferences."));
          return;
        default:
          fail_literal (task, ROUNDS_ASSISTANT_ERROR_UNAVAILABLE,
                        _("The writing assistant is not available right now. Try again later."));
          return;
        }
    }

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, (const char *)run->plain->data, run->plain->len, NULL))
    {
      fail_literal (task, ROUNDS_ASSISTANT_ERROR_MALFORMED,
                    _("The writing assistant answered in a form Rounds does not know. Is the "
                      "address an OpenAI-compatible chat-completions server?"));
      return;
    }
  if (!read_choice (json_parser_get_root (parser), "message", &content, &error) ||
      !append_content (run, content, &error))
    {
      fail (task, g_steal_pointer (&error));
      return;
    }
  report_progress (run);
  succeed (task);
}

static void
read_plain (GTask *task)
{
  Run *run = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (run->body, 16384, G_PRIORITY_DEFAULT, run->cancellable,
                                   plain_read_cb, task);
}

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  Run *run = g_task_get_task_data (task);
  SoupMessage *message = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr(GError) error = NULL;
  const char *type;

  run->body = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (run->body == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_debug ("No answer from the assistant: %s", error->message);
          g_clear_error (&error);
          error = g_error_new_literal (ROUNDS_ASSISTANT_ERROR, ROUNDS_ASSISTANT_ERROR_UNAVAILABLE,
                                       _("The writing assistant could not be reached. Is the "
                                         "address right and the server running?"));
        }
      fail (task, g_steal_pointer (&error));
      return;
    }

  run->status = soup_message_get_status (message);
  type = soup_message_headers_get_content_type (soup_message_get_response_headers (message), NULL);

  if (run->status >= 200 && run->status < 300 && g_strcmp0 (type, "text/event-stream") == 0)
    {
      run->lines = g_data_input_stream_new (run->body);
      g_data_input_stream_set_newline_type (run->lines, G_DATA_STREAM_NEWLINE_TYPE_ANY);
      read_line (task);
      return;
    }

  run->plain = g_byte_array_new ();
  read_plain (task);
}

static gboolean
deadline_cb (gpointer user_data)
{
  Run *run = user_data;

  run->deadline = 0;
  run->timed_out = TRUE;
  g_cancellable_cancel (run->cancellable);
  return G_SOURCE_REMOVE;
}

static void
caller_cancelled_cb (GCancellable *caller,
                     GCancellable *ours)
{
  g_cancellable_cancel (ours);
}

void
rounds_assistant_run_async (RoundsAssistant           *self,
                            const RoundsAssistRequest *request,
                            RoundsAssistProgressFunc   progress,
                            gpointer                   progress_data,
                            GCancellable              *cancellable,
                            GAsyncReadyCallback        callback,
                            gpointer                   user_data)
{
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *body = NULL;
  g_autoptr(SoupMessage) message = NULL;
  GTask *task;
  Run *run;

  g_return_if_fail (ROUNDS_IS_ASSISTANT (self));
  g_return_if_fail (request != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rounds_assistant_run_async);
  run = g_new0 (Run, 1);
  run->task = request->task;
  run->progress = progress;
  run->progress_data = progress_data;
  run->answer = g_string_new (NULL);
  run->cancellable = g_cancellable_new ();
  g_task_set_task_data (task, run, (GDestroyNotify)run_free);

  if (self->base_url == NULL || self->base_url[0] == '\0' ||
      self->model == NULL || self->model[0] == '\0')
    {
      fail_literal (task, ROUNDS_ASSISTANT_ERROR_NOT_SET_UP,
                    _("The writing assistant is not set up: give its address and model in "
                      "Preferences."));
      return;
    }

  if (!rounds_assistant_check (self, request, &findings, &error))
    {
      log_request (self, request->task, "blocked", 0, 0, findings != NULL ? findings->len : 0,
                   0, error);
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  url = g_str_has_suffix (self->base_url, "/")
          ? g_strconcat (self->base_url, "chat/completions", NULL)
          : g_strconcat (self->base_url, "/chat/completions", NULL);
  message = soup_message_new (SOUP_METHOD_POST, url);
  if (message == NULL)
    {
      fail_literal (task, ROUNDS_ASSISTANT_ERROR_NOT_SET_UP,
                    _("The writing assistant's address is not a web address. Check it in "
                      "Preferences."));
      return;
    }

  body = request_body (self, request);
  run->sent_bytes = strlen (body);
  {
    g_autoptr(GBytes) bytes = g_bytes_new_take (g_steal_pointer (&body), run->sent_bytes);

    soup_message_set_request_body_from_bytes (message, "application/json", bytes);
  }
  soup_message_headers_replace (soup_message_get_request_headers (message), "Accept",
                                self->streaming ? "text/event-stream, application/json"
                                                : "application/json");
  if (self->api_key != NULL && self->api_key[0] != '\0')
    {
      g_autofree char *bearer = g_strconcat ("Bearer ", self->api_key, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (message),
                                    "Authorization", bearer);
    }

  if (cancellable != NULL)
    {
      run->caller = g_object_ref (cancellable);
      run->chained = g_cancellable_connect (cancellable, G_CALLBACK (caller_cancelled_cb),
                                            run->cancellable, NULL);
    }
  run->deadline = g_timeout_add_seconds (self->timeout, deadline_cb, run);

  soup_session_send_async (self->session, message, G_PRIORITY_DEFAULT, run->cancellable,
                           sent_cb, task);
}

char *
rounds_assistant_run_finish (RoundsAssistant  *self,
                             GAsyncResult     *result,
                             GPtrArray       **findings,
                             GError          **error)
{
  char *answer;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  answer = g_task_propagate_pointer (G_TASK (result), error);
  if (findings != NULL)
    {
      Run *run = g_task_get_task_data (G_TASK (result));
      GPtrArray *found = run->findings;

      *findings = answer != NULL && found != NULL ? g_ptr_array_ref (found) : NULL;
    }
  return answer;
}

/* ---- the object --------------------------------------------------- */

static gboolean
is_private_ipv4 (const guint8 *b)
{
  return b[0] == 10 || b[0] == 127 || (b[0] == 172 && (b[1] & 0xf0) == 16) ||
         (b[0] == 192 && b[1] == 168) || (b[0] == 169 && b[1] == 254);
}

gboolean
rounds_assistant_url_is_local (const char *base_url)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GInetAddress) address = NULL;
  const char *host;

  if (base_url == NULL)
    return FALSE;
  uri = g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || (host = g_uri_get_host (uri)) == NULL)
    return FALSE;

  if (g_ascii_strcasecmp (host, "localhost") == 0 || g_str_has_suffix (host, ".local") ||
      g_str_has_suffix (host, ".lan") || g_str_has_suffix (host, ".internal"))
    return TRUE;

  address = g_inet_address_new_from_string (host);
  if (address == NULL)
    return FALSE;
  if (g_inet_address_get_is_loopback (address) || g_inet_address_get_is_link_local (address) ||
      g_inet_address_get_is_site_local (address))
    return TRUE;
  if (g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV4)
    return is_private_ipv4 (g_inet_address_to_bytes (address));
  /* IPv6 unique local addresses, fc00::/7 */
  return (g_inet_address_to_bytes (address)[0] & 0xfe) == 0xfc;
}

RoundsAssistant *
rounds_assistant_new (const char              *base_url,
                      const char              *model,
                      const char              *api_key,
                      RoundsScanner           *scanner,
                      RoundsComplianceProfile *profile)
{
  RoundsAssistant *self;

  g_return_val_if_fail (ROUNDS_IS_SCANNER (scanner), NULL);

  self = g_object_new (ROUNDS_TYPE_ASSISTANT, NULL);
  self->base_url = g_strdup (base_url);
  self->model = g_strdup (model);
  self->api_key = g_strdup (api_key);
  self->scanner = g_object_ref (scanner);
  self->profile = profile != NULL ? g_object_ref (profile) : NULL;
  return self;
}

void
rounds_assistant_set_timeout (RoundsAssistant *self,
                              guint            seconds)
{
  g_return_if_fail (ROUNDS_IS_ASSISTANT (self));
  self->timeout = MAX (seconds, 1);
}

void
rounds_assistant_set_streaming (RoundsAssistant *self,
                                gboolean         streaming)
{
  g_return_if_fail (ROUNDS_IS_ASSISTANT (self));
  self->streaming = streaming;
}

static void
rounds_assistant_finalize (GObject *object)
{
  RoundsAssistant *self = ROUNDS_ASSISTANT (object);

  g_free (self->base_url);
  g_free (self->model);
  g_free (self->api_key);
  g_clear_object (&self->scanner);
  g_clear_object (&self->profile);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (rounds_assistant_parent_class)->finalize (object);
}

static void
rounds_assistant_class_init (RoundsAssistantClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rounds_assistant_finalize;
}

static void
rounds_assistant_init (RoundsAssistant *self)
{
  self->timeout = DEFAULT_TIMEOUT;
  self->streaming = TRUE;
  self->session = soup_session_new_with_options ("max-conns-per-host", 2,
                                                 "idle-timeout", 60,
                                                 "user-agent", "Rounds/" PACKAGE_VERSION,
                                                 NULL);
}
