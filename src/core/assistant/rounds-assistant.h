/* rounds-assistant.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rounds-scanner.h"

G_BEGIN_DECLS

/* The optional writing assistant (issue 22): an OpenAI-compatible
 * chat-completions endpoint the practice chooses (a model on an office
 * machine, or a cloud provider).
 *
 * The scanner guards both directions:
 * - what would be sent is scanned first (rounds_assistant_check()); any
 *   identifier, any blocking finding, or a patient-reference,
 *   review-confirmation or testimonial finding refuses the request, and
 *   nothing leaves the computer;
 * - what comes back is scanned like typed text and handed back as a
 *   suggestion with its findings; the caller shows it, it never replaces
 *   text by itself.
 * Every request is logged locally without its text
 * (rounds_assistant_dup_log_path()). */

#define ROUNDS_ASSISTANT_ERROR (rounds_assistant_error_quark ())

typedef enum
{
  ROUNDS_ASSISTANT_ERROR_NOT_SET_UP,    /* no address or model */
  ROUNDS_ASSISTANT_ERROR_BLOCKED,       /* the text holds patient information */
  ROUNDS_ASSISTANT_ERROR_SIGN_IN,       /* 401/403: the key was refused */
  ROUNDS_ASSISTANT_ERROR_RATE_LIMITED,  /* 429 */
  ROUNDS_ASSISTANT_ERROR_UNAVAILABLE,   /* 5xx, no answer, cut off */
  ROUNDS_ASSISTANT_ERROR_REFUSED,       /* the model declined, or said nothing */
  ROUNDS_ASSISTANT_ERROR_MALFORMED,     /* an answer that is not chat-completions JSON */
} RoundsAssistantError;

GQuark rounds_assistant_error_quark (void);

typedef enum
{
  ROUNDS_ASSIST_DRAFT_FROM_IDEA,
  ROUNDS_ASSIST_SHORTEN,
  ROUNDS_ASSIST_FRIENDLIER,
  ROUNDS_ASSIST_MORE_PROFESSIONAL,
  ROUNDS_ASSIST_TRANSLATE_SPANISH,
  ROUNDS_ASSIST_HASHTAGS,
  ROUNDS_ASSIST_ALT_TEXT,
  ROUNDS_ASSIST_SAFE_REPLY,
} RoundsAssistTask;

const char *rounds_assist_task_to_string (RoundsAssistTask task);

/* What one request is about. Only @text (and @practice) are sent.
 * - @text: the post (shorten, friendlier, …, translate, hashtags), the
 *   idea (draft), the user's description of an image (alt text), or the
 *   crisis plan's reply template (safe reply);
 * - @practice: the practice's public voice (name, specialty, strategy),
 *   never patient information;
 * - @max_chars: for SHORTEN, the network's limit;
 * - @network: for DRAFT_FROM_IDEA and SHORTEN, the network's name;
 * - @review_kind, @stars: for SAFE_REPLY, the kind the Inbox gave the
 *   review ("complaint") and its rating (0: none). The review's own text
 *   is never sent: a reviewer writes about their own care. */
typedef struct
{
  RoundsAssistTask  task;
  const char       *text;
  const char       *practice;
  const char       *network;
  guint             max_chars;
  const char       *review_kind;
  guint             stars;
} RoundsAssistRequest;

#define ROUNDS_TYPE_ASSISTANT (rounds_assistant_get_type ())

G_DECLARE_FINAL_TYPE (RoundsAssistant, rounds_assistant, ROUNDS, ASSISTANT, GObject)

/* @base_url: e.g. "http://127.0.0.1:8080/v1" (the part before
 * "/chat/completions"); @api_key may be NULL (a local server). */
RoundsAssistant *rounds_assistant_new              (const char            *base_url,
                                                    const char            *model,
                                                    const char            *api_key,
                                                    RoundsScanner         *scanner,
                                                    RoundsComplianceProfile *profile);
/* Seconds for the whole answer (default 120). */
void             rounds_assistant_set_timeout      (RoundsAssistant       *self,
                                                    guint                  seconds);
/* Ask for a streamed answer (server-sent events; default TRUE). */
void             rounds_assistant_set_streaming    (RoundsAssistant       *self,
                                                    gboolean               streaming);

/* TRUE when the address is this computer or a private network (an office
 * machine); FALSE for anything else, which the Preferences warn about
 * (a cloud provider needs a business associate agreement). */
gboolean         rounds_assistant_url_is_local     (const char            *base_url);

/* Scans what @request would send. Returns TRUE when it may be sent;
 * FALSE with @findings (transfer full: the guarding findings, offsets
 * into @request->text, or into @request->practice when the text is clean)
 * and a BLOCKED @error otherwise. */
gboolean         rounds_assistant_check            (RoundsAssistant       *self,
                                                    const RoundsAssistRequest *request,
                                                    GPtrArray            **findings,
                                                    GError               **error);

/* Called on the caller's main context as text arrives: @so_far is the
 * whole answer until now. */
typedef void   (*RoundsAssistProgressFunc)          (const char            *so_far,
                                                    gpointer               user_data);

/* Checks, sends and reads the answer; @progress (optional) sees it grow.
 * Fails with BLOCKED before anything is sent when the check fails. */
void             rounds_assistant_run_async        (RoundsAssistant       *self,
                                                    const RoundsAssistRequest *request,
                                                    RoundsAssistProgressFunc progress,
                                                    gpointer               progress_data,
                                                    GCancellable          *cancellable,
                                                    GAsyncReadyCallback    callback,
                                                    gpointer               user_data);
/* Returns: (transfer full): the suggestion; @findings (optional): the
 * scanner's findings on it, as for typed text. */
char            *rounds_assistant_run_finish       (RoundsAssistant       *self,
                                                    GAsyncResult          *result,
                                                    GPtrArray            **findings,
                                                    GError               **error);

/* The local log of every request (JSON lines, mode 0600, no text):
 * `$ROUNDS_DATA_DIR/assistant-log.jsonl`. */
char            *rounds_assistant_dup_log_path     (void);

G_END_DECLS
