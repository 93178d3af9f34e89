/* test-assistant.c — the writing assistant against a local server that
 * speaks the OpenAI chat-completions JSON (streamed and not, errors,
 * cut and malformed answers, a server that never answers).
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sys/stat.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "core-test-util.h"
#include "rounds-assistant.h"

#define ANSWER_1 "Flu shots are here! "
#define ANSWER_2 "Walk in any weekday morning, "
#define ANSWER_3 "no appointment needed."

typedef struct
{
  SoupServer *server;
  char       *base_url;
  GPtrArray  *bodies;      /* every request body the server received */
  GPtrArray  *held;        /* messages never answered ("hang") */
  char       *data_dir;
  RoundsScanner *scanner;
} Fixture;

static void
send_events (SoupServerMessage *msg,
             const char *const *events)
{
  SoupMessageBody *body = soup_server_message_get_response_body (msg);

  soup_server_message_set_status (msg, 200, NULL);
  soup_message_headers_set_content_type (soup_server_message_get_response_headers (msg),
                                         "text/event-stream", NULL);
  for (guint i = 0; events[i] != NULL; i++)
    soup_message_body_append (body, SOUP_MEMORY_COPY, events[i], strlen (events[i]));
}

static char *
chunk (const char *content)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "object");
  json_builder_add_string_value (builder, "chat.completion.chunk");
  json_builder_set_member_name (builder, "choices");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "index");
  json_builder_add_int_value (builder, 0);
  json_builder_set_member_name (builder, "delta");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "content");
  json_builder_add_string_value (builder, content);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json = json_generator_to_data (generator, NULL);
  return g_strdup_printf ("data: %s\n\n", json);
}

static void
answer_stream (SoupServerMessage *msg,
               const char        *text,
               gboolean           done)
{
  g_autofree char *role = g_strdup ("data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\"}}]}\n\n");
  g_autofree char *c1 = chunk (ANSWER_1);
  g_autofree char *c2 = chunk (ANSWER_2);
  g_autofree char *c3 = chunk (text != NULL ? text : ANSWER_3);
  const char *events[] = { ": keep-alive\n\n", role, c1, c2, c3,
                           done ? "data: [DONE]\n\n" : NULL, NULL };

  send_events (msg, events);
}

static void
answer_plain (SoupServerMessage *msg,
              guint              status,
              const char        *json)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, json, strlen (json));
}

static void
completions_cb (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  Fixture *fixture = user_data;
  SoupMessageBody *request = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (request);
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *model = "";

  g_ptr_array_add (fixture->bodies, g_strndup (g_bytes_get_data (bytes, NULL),
                                               g_bytes_get_size (bytes)));
  if (json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                  g_bytes_get_size (bytes), NULL))
    model = json_object_get_string_member_with_default (
      json_node_get_object (json_parser_get_root (parser)), "model", "");

  if (g_str_equal (model, "stream"))
    answer_stream (msg, NULL, TRUE);
  else if (g_str_equal (model, "cut"))
    answer_stream (msg, NULL, FALSE);
  else if (g_str_equal (model, "leaky"))
    answer_stream (msg, "Call Dana Whitfield at 503-555-0178 about her results.", TRUE);
  else if (g_str_equal (model, "plain"))
    answer_plain (msg, 200, "{\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
                            "\"message\":{\"role\":\"assistant\",\"content\":\"" ANSWER_1 ANSWER_3
                            "\"},\"finish_reason\":\"stop\"}]}");
  else if (g_str_equal (model, "empty"))
    answer_plain (msg, 200, "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                            "\"content\":\"   \"}}]}");
  else if (g_str_equal (model, "not-json"))
    answer_plain (msg, 200, "<html><body>Welcome to nginx</body></html>");
  else if (g_str_equal (model, "wrong-shape"))
    answer_plain (msg, 200, "{\"choices\":[{\"message\":{\"content\":42}}]}");
  else if (g_str_equal (model, "bad-chunk"))
    {
      const char *events[] = { "data: {\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}\n\n",
                               "data: {\"choices\": [ {\"delta\n\n", "data: [DONE]\n\n", NULL };

      send_events (msg, events);
    }
  else if (g_str_equal (model, "refuse"))
    {
      const char *events[] = { "data: {\"error\":{\"message\":\"content policy\",\"type\":"
                               "\"invalid_request_error\"}}\n\n", NULL };

      send_events (msg, events);
    }
  else if (g_str_equal (model, "401"))
    answer_plain (msg, 401, "{\"error\":{\"message\":\"Incorrect API key provided\","
                            "\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}");
  else if (g_str_equal (model, "429"))
    answer_plain (msg, 429, "{\"error\":{\"message\":\"Rate limit reached\",\"type\":"
                            "\"requests\"}}");
  else if (g_str_equal (model, "404"))
    answer_plain (msg, 404, "{\"error\":{\"message\":\"The model does not exist\"}}");
  else if (g_str_equal (model, "500"))
    answer_plain (msg, 500, "{\"error\":{\"message\":\"internal\"}}");
  else if (g_str_equal (model, "hang"))
    {
      soup_server_message_pause (msg);
      g_ptr_array_add (fixture->held, g_object_ref (msg));
    }
  else
    answer_plain (msg, 400, "{\"error\":{\"message\":\"unknown model\"}}");
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSList) uris = NULL;
  g_autofree char *root = NULL;

  fixture->data_dir = g_dir_make_tmp ("rounds-assistant-XXXXXX", NULL);
  g_setenv ("ROUNDS_DATA_DIR", fixture->data_dir, TRUE);
  fixture->bodies = g_ptr_array_new_with_free_func (g_free);
  fixture->held = g_ptr_array_new_with_free_func (g_object_unref);
  fixture->scanner = rounds_scanner_get_default ();

  fixture->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fixture->server, "/v1/chat/completions", completions_cb, fixture, NULL);
  soup_server_listen_local (fixture->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (fixture->server);
  root = g_uri_to_string (uris->data);
  fixture->base_url = g_strconcat (root, "v1", NULL);
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify)g_uri_unref);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  for (guint i = 0; i < fixture->held->len; i++)
    soup_server_message_unpause (fixture->held->pdata[i]);
  g_ptr_array_unref (fixture->held);
  soup_server_disconnect (fixture->server);
  g_clear_object (&fixture->server);
  g_ptr_array_unref (fixture->bodies);
  g_free (fixture->base_url);
  rounds_test_remove_tree (fixture->data_dir);
  g_free (fixture->data_dir);
}

typedef struct
{
  gboolean   done;
  char      *answer;
  GPtrArray *findings;
  GError    *error;
  guint      progress_calls;
  char      *last_progress;
} Outcome;

static void
outcome_clear (Outcome *outcome)
{
  g_clear_pointer (&outcome->answer, g_free);
  g_clear_pointer (&outcome->findings, g_ptr_array_unref);
  g_clear_error (&outcome->error);
  g_clear_pointer (&outcome->last_progress, g_free);
}

static void
progress_cb (const char *so_far,
             gpointer    user_data)
{
  Outcome *outcome = user_data;

  outcome->progress_calls++;
  g_free (outcome->last_progress);
  outcome->last_progress = g_strdup (so_far);
}

static void
run_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Outcome *outcome = user_data;

  outcome->answer = rounds_assistant_run_finish (ROUNDS_ASSISTANT (source), result,
                                                 &outcome->findings, &outcome->error);
  outcome->done = TRUE;
}

static void
run (RoundsAssistant     *assistant,
     RoundsAssistRequest *request,
     GCancellable        *cancellable,
     Outcome             *outcome)
{
  memset (outcome, 0, sizeof *outcome);
  rounds_assistant_run_async (assistant, request, progress_cb, outcome, cancellable,
                              run_done_cb, outcome);
  while (!outcome->done)
    g_main_context_iteration (NULL, TRUE);
}

static RoundsAssistant *
assistant_for (Fixture    *fixture,
               const char *model)
{
  return rounds_assistant_new (fixture->base_url, model, "sk-test-not-a-real-key",
                               fixture->scanner, NULL);
}

static char **
log_lines (void)
{
  g_autofree char *path = rounds_assistant_dup_log_path ();
  g_autofree char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return g_new0 (char *, 1);
  g_strchomp (text);
  return text[0] != '\0' ? g_strsplit (text, "\n", -1) : g_new0 (char *, 1);
}

/* A streamed answer arrives piece by piece, ends whole, is scanned, and
 * the log says what happened without a word of the text. */
static void
test_streamed (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(RoundsAssistant) assistant = assistant_for (fixture, "stream");
  RoundsAssistRequest request = { ROUNDS_ASSIST_FRIENDLIER,
                                  "Flu shots available. Walk-ins accepted mornings." };
  g_autofree char *log_path = rounds_assistant_dup_log_path ();
  g_auto(GStrv) lines = NULL;
  struct stat st;
  Outcome outcome;

  run (assistant, &request, NULL, &outcome);
  g_assert_no_error (outcome.error);
  g_assert_cmpstr (outcome.answer, ==, ANSWER_1 ANSWER_2 ANSWER_3);
  g_assert_cmpuint (outcome.progress_calls, >=, 3);
  g_assert_cmpstr (outcome.last_progress, ==, ANSWER_1 ANSWER_2 ANSWER_3);
  g_assert_nonnull (outcome.findings);
  g_assert_cmpuint (outcome.findings->len, ==, 0);

  /* What was sent: the post, as the user message, streamed, with the key. */
  g_assert_cmpuint (fixture->bodies->len, ==, 1);
  g_assert_nonnull (strstr (fixture->bodies->pdata[0], "Walk-ins accepted mornings"));
  g_assert_nonnull (strstr (fixture->bodies->pdata[0], "\"stream\":true"));

  lines = log_lines ();
  g_assert_cmpuint (g_strv_length (lines), ==, 1);
  g_assert_nonnull (strstr (lines[0], "\"verdict\":\"answered\""));
  g_assert_nonnull (strstr (lines[0], "\"task\":\"friendlier\""));
  g_assert_null (strstr (lines[0], "Walk-ins"));
  g_assert_null (strstr (lines[0], "Flu shots"));
  g_assert_null (strstr (lines[0], "sk-test"));
  g_assert_cmpint (g_stat (log_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  outcome_clear (&outcome);
}

static void
test_plain_answer (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(RoundsAssistant) assistant = assistant_for (fixture, "plain");
  RoundsAssistRequest request = { ROUNDS_ASSIST_HASHTAGS, "Flu shots are here." };
  Outcome outcome;

  rounds_assistant_set_streaming (assistant, FALSE);
  run (assistant, &request, NULL, &outcome);
  g_assert_no_error (outcome.error);
  g_assert_cmpstr (outcome.answer, ==, ANSWER_1 ANSWER_3);
  g_assert_nonnull (strstr (fixture->bodies->pdata[0], "\"stream\":false"));
  outcome_clear (&outcome);
}

/* What comes back is scanned like typed text: an answer that names a
 * person and a phone number carries those findings. */
static void
test_answer_scanned (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(RoundsAssistant) assistant = assistant_for (fixture, "leaky");
  RoundsAssistRequest request = { ROUNDS_ASSIST_DRAFT_FROM_IDEA, "Remind people about flu shots",
                                  NULL, "Facebook" };
  gboolean phone = FALSE;
  Outcome outcome;

  run (assistant, &request, NULL, &outcome);
  g_assert_no_error (outcome.error);
  g_assert_nonnull (outcome.answer);
  for (guint i = 0; i < outcome.findings->len; i++)
    phone |= rounds_finding_get_category (outcome.findings->pdata[i]) ==
             ROUNDS_FINDING_CATEGORY_PHONE;
  g_assert_true (phone);
  outcome_clear (&outcome);
}

/* A text with patient information is never sent; the findings say why. */
static void
test_blocked (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(RoundsAssistant) assistant = assistant_for (fixture, "stream");
  RoundsAssistRequest request = { ROUNDS_ASSIST_FRIENDLIER,
                                  "Congratulations to Margaret Olsen on finishing cardiac rehab! "
                                  "Call her daughter at 608-555-0187." };
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  Outcome outcome;

  g_assert_false (rounds_assistant_check (assistant, &request, &findings, &error));
  g_assert_error (error, ROUNDS_ASSISTANT_ERROR, ROUNDS_ASSISTANT_ERROR_BLOCKED);
  g_assert_nonnull (findings);
  g_assert_cmpuint (findings->len, >=, 2);

  run (assistant, &request, NULL, &outcome);
  g_assert_error (outcome.error, ROUNDS_ASSISTANT_ERROR, ROUNDS_ASSISTANT_ERROR_BLOCKED);
  g_assert_cmpuint (fixture->bodies->len, ==, 0);

  lines = log_lines ();
  g_assert_cmpuint (g_strv_length (lines), ==, 1);
  g_assert_nonnull (strstr (lines[0], "\"verdict\":\"blocked\""));
  g_assert_null (strstr (lines[0], "Olsen"));
  g_assert_null (strstr (lines[0], "555"));
  outcome_clear (&outcome);

  /* The practice's own voice is checked too. */
  {
    RoundsAssistRequest voice = { ROUNDS_ASSIST_DRAFT_FROM_IDEA, "Flu shot reminder",
                                  "Family practice. Our patient Ray Dunn loves us." };

    run (assistant, &voice, NULL, &outcome);
    g_assert_error (outcome.error, ROUNDS_ASSISTANT_ERROR, ROUNDS_ASSISTANT_ERROR_BLOCKED);
    g_assert_cmpuint (fixture->bodies->len, ==, 0);
    outcome_clear (&outcome);
  }
}

static gboolean
category_guarded (const char *category)
{
  RoundsFindingCategory c;

  g_assert_true (rounds_finding_category_from_string (category, &c));
  return rounds_finding_category_is_identifier (c) ||
         c == ROUNDS_FINDING_CATEGORY_PATIENT_REFERENCE ||
         c == ROUNDS_FINDING_CATEGORY_REVIEW_CONFIRMATION ||
         c == ROUNDS_FINDING_CATEGORY_TESTIMONIAL;
}

/* The shared corpus, every text sent through the assistant: the server
 * never receives a passage the corpus labels as patient information. */
static void
test_corpus_never_leaves (Fixture       *fixture,
                          gconstpointer  data)
{
  const char *shared = g_getenv ("ROUNDS_SHARED_DIR");
  g_autofree char *path = NULL;
  g_autofree char *profile_path = NULL;
  g_autofree char *text = NULL;
  g_autoptr(RoundsComplianceProfile) profile = NULL;
  g_autoptr(RoundsAssistant) assistant = NULL;
  g_auto(GStrv) cases = NULL;
  g_autoptr(GError) error = NULL;
  guint risky = 0, blocked = 0, sent_clean = 0;

  if (shared == NULL)
    {
      g_test_skip ("ROUNDS_SHARED_DIR is not set");
      return;
    }
  path = g_build_filename (shared, "compliance-corpus", "public.jsonl", NULL);
  profile_path = g_build_filename (shared, "compliance-corpus", "profile.json", NULL);
  /* A checkout with no shared folder beside it (a CI clone): say so. */
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("the shared compliance corpus is not beside this checkout");
      return;
    }
  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  profile = rounds_compliance_profile_new_from_file (profile_path, &error);
  g_assert_no_error (error);
  assistant = rounds_assistant_new (fixture->base_url, "stream", NULL, fixture->scanner, profile);

  cases = g_strsplit (text, "\n", -1);
  for (guint i = 0; cases[i] != NULL; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *item;
      JsonArray *spans;
      const char *body;
      gboolean is_reply;
      g_autoptr(GPtrArray) guarded = g_ptr_array_new_with_free_func (g_free);
      guint before = fixture->bodies->len;
      RoundsAssistRequest request = { 0 };
      Outcome outcome;

      if (cases[i][0] == '\0')
        continue;
      g_assert_true (json_parser_load_from_data (parser, cases[i], -1, NULL));
      item = json_node_get_object (json_parser_get_root (parser));
      body = json_object_get_string_member (item, "text");
      is_reply = !g_str_equal (json_object_get_string_member (item, "kind"), "post");
      spans = json_object_get_array_member (item, "spans");
      for (guint s = 0; s < json_array_get_length (spans); s++)
        {
          JsonObject *span = json_array_get_object_element (spans, s);

          if (category_guarded (json_object_get_string_member (span, "category")))
            g_ptr_array_add (guarded,
                             g_utf8_substring (body, json_object_get_int_member (span, "start"),
                                               json_object_get_int_member (span, "end")));
        }

      request.task = is_reply ? ROUNDS_ASSIST_SAFE_REPLY : ROUNDS_ASSIST_FRIENDLIER;
      request.text = body;
      run (assistant, &request, NULL, &outcome);

      if (guarded->len > 0)
        {
          risky++;
          if (g_error_matches (outcome.error, ROUNDS_ASSISTANT_ERROR,
                               ROUNDS_ASSISTANT_ERROR_BLOCKED))
            blocked++;
        }
      else if (outcome.error == NULL)
        sent_clean++;

      for (guint b = before; b < fixture->bodies->len; b++)
        for (guint g = 0; g < guarded->len; g++)
          if (strstr (fixture->bodies->pdata[b], guarded->pdata[g]) != NULL)
            g_error ("case %s: a labelled passage reached the server",
                     json_object_get_string_member (item, "id"));
      outcome_clear (&outcome);
    }

  g_test_message ("%u risky texts, %u blocked; %u clean texts sent", risky, blocked, sent_clean);
  g_assert_cmpuint (risky, >, 50);
  g_assert_cmpuint (blocked, ==, risky);
  g_assert_cmpuint (sent_clean, >, 30);
}

/* Each way a server fails gets its own plain message. */
static void
test_errors (Fixture       *fixture,
             gconstpointer  data)
{
  const struct { const char *model; gboolean streaming; int code; } cases[] = {
    { "401", TRUE, ROUNDS_ASSISTANT_ERROR_SIGN_IN },
    { "429", TRUE, ROUNDS_ASSISTANT_ERROR_RATE_LIMITED },
    { "404", TRUE, ROUNDS_ASSISTANT_ERROR_REFUSED },
    { "500", TRUE, ROUNDS_ASSISTANT_ERROR_UNAVAILABLE },
    { "cut", TRUE, ROUNDS_ASSISTANT_ERROR_UNAVAILABLE },
    { "bad-chunk", TRUE, ROUNDS_ASSISTANT_ERROR_MALFORMED },
    { "refuse", TRUE, ROUNDS_ASSISTANT_ERROR_REFUSED },
    { "not-json", FALSE, ROUNDS_ASSISTANT_ERROR_MALFORMED },
    { "wrong-shape", FALSE, ROUNDS_ASSISTANT_ERROR_MALFORMED },
    { "empty", FALSE, ROUNDS_ASSISTANT_ERROR_REFUSED },
  };
  RoundsAssistRequest request = { ROUNDS_ASSIST_SHORTEN, "Flu shots are here for everyone.",
                                  NULL, "X", 280 };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(RoundsAssistant) assistant = assistant_for (fixture, cases[i].model);
      Outcome outcome;

      rounds_assistant_set_streaming (assistant, cases[i].streaming);
      run (assistant, &request, NULL, &outcome);
      g_test_message ("%s: %s", cases[i].model, outcome.error ? outcome.error->message : "none");
      g_assert_error (outcome.error, ROUNDS_ASSISTANT_ERROR, cases[i].code);
      g_assert_cmpuint (strlen (outcome.error->message), >, 20);
      g_assert_null (outcome.answer);
      outcome_clear (&outcome);
    }

  /* No server at all. */
  {
    g_autoptr(RoundsAssistant) assistant = rounds_assistant_new ("http://127.0.0.1:9/v1", "m",
                                                                 NULL, fixture->scanner, NULL);
    Outcome outcome;

    run (assistant, &request, NULL, &outcome);
    g_assert_error (outcome.error, ROUNDS_ASSISTANT_ERROR, ROUNDS_ASSISTANT_ERROR_UNAVAILABLE);
    outcome_clear (&outcome);
  }

  /* Not set up. */
  {
    g_autoptr(RoundsAssistant) assistant = rounds_assistant_new ("", "", NULL,
                                                                 fixture->scanner, NULL);
    Outcome outcome;

    run (assistant, &request, NULL, &outcome);
    g_assert_error (outcome.error, ROUNDS_ASSISTANT_ERROR, ROUNDS_ASSISTANT_ERROR_NOT_SET_UP);
    outcome_clear (&outcome);
  }
}

static gboolean
cancel_when_held (gpointer user_data)
{
  gpointer *pair = user_data;
  Fixture *fixture = pair[0];

  if (fixture->held->len == 0)
    return G_SOURCE_CONTINUE;
  g_cancellable_cancel (pair[1]);
  return G_SOURCE_REMOVE;
}

/* Cancel while the server thinks: the run ends as cancelled at once. A
 * server that never answers runs into the deadline. */
static void
test_cancel_and_timeout (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(RoundsAssistant) assistant = assistant_for (fixture, "hang");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  RoundsAssistRequest request = { ROUNDS_ASSIST_FRIENDLIER, "Flu shots are here." };
  gpointer pair[2] = { fixture, cancellable };
  Outcome outcome;

  g_timeout_add (10, cancel_when_held, pair);
  run (assistant, &request, cancellable, &outcome);
  g_assert_error (outcome.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  outcome_clear (&outcome);

  rounds_assistant_set_timeout (assistant, 1);
  run (assistant, &request, NULL, &outcome);
  g_assert_error (outcome.error, ROUNDS_ASSISTANT_ERROR, ROUNDS_ASSISTANT_ERROR_UNAVAILABLE);
  outcome_clear (&outcome);
}

static void
test_url_is_local (void)
{
  g_assert_true (rounds_assistant_url_is_local ("http://127.0.0.1:8080/v1"));
  g_assert_true (rounds_assistant_url_is_local ("http://localhost:11434/v1"));
  g_assert_true (rounds_assistant_url_is_local ("http://192.168.1.20:8080/v1"));
  g_assert_true (rounds_assistant_url_is_local ("http://10.0.0.5/v1"));
  g_assert_true (rounds_assistant_url_is_local ("http://172.20.1.1/v1"));
  g_assert_true (rounds_assistant_url_is_local ("http://office-pc.local:8080/v1"));
  g_assert_true (rounds_assistant_url_is_local ("http://[::1]:8080/v1"));
  g_assert_false (rounds_assistant_url_is_local ("https://api.openai.com/v1"));
  g_assert_false (rounds_assistant_url_is_local ("https://172.32.0.1/v1"));
  g_assert_false (rounds_assistant_url_is_local ("https://8.8.8.8/v1"));
  g_assert_false (rounds_assistant_url_is_local ("not a url"));
  g_assert_false (rounds_assistant_url_is_local (NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) \
  g_test_add ("/assistant/" path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)

  ADD ("streamed", test_streamed);
  ADD ("plain-answer", test_plain_answer);
  ADD ("answer-scanned", test_answer_scanned);
  ADD ("blocked", test_blocked);
  ADD ("corpus-never-leaves", test_corpus_never_leaves);
  ADD ("errors", test_errors);
  ADD ("cancel-and-timeout", test_cancel_and_timeout);
  g_test_add_func ("/assistant/url-is-local", test_url_is_local);

  return g_test_run ();
}
