/* rounds-http.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* The HTTP plumbing every connector shares (DESIGN.md §6): a session with
 * timeouts, a send that reads at most N bytes and refuses redirects to
 * another host, JSON parsing with a nesting limit, the mapping of an HTTP
 * status and error body to a ROUNDS_CONNECTOR_ERROR per platform style,
 * rate-limit headers, RFC 8288 Link headers and the retry backoff.
 *
 * Every network answer is untrusted. Nothing here logs a body, a header
 * value or a URL query (tokens and text travel there). */

#define ROUNDS_HTTP_DEFAULT_TIMEOUT   30                  /* seconds, per request */
#define ROUNDS_HTTP_DEFAULT_MAX_BODY  (4 * 1024 * 1024)   /* bytes read at most */
#define ROUNDS_HTTP_MAX_JSON_DEPTH    64                  /* nested arrays/objects */
#define ROUNDS_HTTP_MAX_REDIRECTS     5                   /* same host only */
#define ROUNDS_HTTP_MAX_RETRY_WAIT    (24 * 60 * 60)      /* cap on a server's retry hint */

/* How a platform words its errors; the HTTP status always comes first and
 * the body only refines it. */
typedef enum
{
  ROUNDS_HTTP_STYLE_PLAIN,     /* no known error body */
  ROUNDS_HTTP_STYLE_MASTODON,  /* {"error", "error_description"?} */
  ROUNDS_HTTP_STYLE_ATPROTO,   /* {"error": Name, "message"} */
  ROUNDS_HTTP_STYLE_GRAPH,     /* {"error": {message, type, code, error_subcode, …}} */
  ROUNDS_HTTP_STYLE_LINKEDIN,  /* {"status", "serviceErrorCode", "message"} */
  ROUNDS_HTTP_STYLE_GOOGLE,    /* {"error": {code, message, status}} */
} RoundsHttpStyle;

/* ------------------------------------------------------------------ */
/* A response read in full (status, headers, capped body)               */

typedef struct
{
  guint               status;
  char               *reason;        /* the status line's phrase, may be "" */
  SoupMessageHeaders *headers;       /* response headers */
  GBytes             *body;          /* never NULL; at most the client's max body */
  GUri               *uri;           /* the URI that answered (after same-host redirects) */
  char               *method;        /* "GET", "POST", … */
  gint64              received_at;   /* Unix seconds, by the client's clock */
} RoundsHttpResponse;

void                 rounds_http_response_free       (RoundsHttpResponse  *response);
const char          *rounds_http_response_get_header (RoundsHttpResponse  *response,
                                                      const char          *name);
/* TRUE for a 2xx answer; otherwise sets a ROUNDS_CONNECTOR_ERROR from the
 * status, the style's error body and the rate-limit headers. */
gboolean             rounds_http_response_check      (RoundsHttpResponse  *response,
                                                      RoundsHttpStyle      style,
                                                      GError             **error);
/* The body as JSON (MALFORMED when it is not JSON, too deep, or an HTML
 * page). */
JsonNode            *rounds_http_response_parse_json (RoundsHttpResponse  *response,
                                                      GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RoundsHttpResponse, rounds_http_response_free)

/* ------------------------------------------------------------------ */
/* The client: one SoupSession with the limits above                    */

#define ROUNDS_TYPE_HTTP_CLIENT (rounds_http_client_get_type ())

G_DECLARE_FINAL_TYPE (RoundsHttpClient, rounds_http_client, ROUNDS, HTTP_CLIENT, GObject)

RoundsHttpClient    *rounds_http_client_new                (RoundsHttpStyle      style);
SoupSession         *rounds_http_client_get_session        (RoundsHttpClient    *self);
RoundsHttpStyle      rounds_http_client_get_style          (RoundsHttpClient    *self);
/* Whole-request deadline (connect, send, read all of the body), seconds. */
void                 rounds_http_client_set_timeout        (RoundsHttpClient    *self,
                                                            guint                seconds);
guint                rounds_http_client_get_timeout        (RoundsHttpClient    *self);
void                 rounds_http_client_set_max_body_size  (RoundsHttpClient    *self,
                                                            gsize                max_bytes);
gsize                rounds_http_client_get_max_body_size  (RoundsHttpClient    *self);
/* Seconds since the epoch for received_at and retry times; NULL: real time.
 * (The queue passes its RoundsClock's function in tests of clock jumps.) */
typedef gint64     (*RoundsHttpNowFunc)                    (gpointer             user_data);
void                 rounds_http_client_set_now_func       (RoundsHttpClient    *self,
                                                            RoundsHttpNowFunc    func,
                                                            gpointer             user_data);
gint64               rounds_http_client_now                (RoundsHttpClient    *self);

/* Sends @message and reads its body (at most the max body size).
 * Succeeds for any HTTP status: check it with rounds_http_response_check ().
 * Fails with a ROUNDS_CONNECTOR_ERROR for what happened on the way:
 * TRANSIENT (cannot connect, timeout, cut connection on a request that
 * changes nothing), MALFORMED (body too large, redirect to another host, cut
 * connection after a POST was sent: the outcome is unknown), or
 * G_IO_ERROR_CANCELLED when @cancellable was cancelled. */
void                 rounds_http_client_send_async         (RoundsHttpClient    *self,
                                                            SoupMessage         *message,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
RoundsHttpResponse  *rounds_http_client_send_finish        (RoundsHttpClient    *self,
                                                            GAsyncResult        *result,
                                                            GError             **error);

/* The usual case: send, check the status with the client's style, parse
 * the JSON body. @response (optional) receives the response for its
 * headers (Link, rate limits) when the call succeeds. */
void                 rounds_http_client_send_json_async    (RoundsHttpClient    *self,
                                                            SoupMessage         *message,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
JsonNode            *rounds_http_client_send_json_finish   (RoundsHttpClient    *self,
                                                            GAsyncResult        *result,
                                                            RoundsHttpResponse **response,
                                                            GError             **error);

/* ------------------------------------------------------------------ */
/* Pure helpers                                                         */

/* Builds a message with a JSON body (@body: a JsonNode or NULL). */
SoupMessage         *rounds_http_message_new_json          (const char          *method,
                                                            const char          *uri,
                                                            JsonNode            *body);
/* A deadline for this message only (an upload of a large image needs more
 * than the client's default), in seconds. */
void                 rounds_http_message_set_timeout       (SoupMessage         *message,
                                                            guint                seconds);
/* Adds "Authorization: Bearer TOKEN". */
void                 rounds_http_message_set_bearer        (SoupMessage         *message,
                                                            const char          *token);

/* Parses JSON with at most @max_depth nested arrays/objects; MALFORMED
 * with a clear message otherwise (empty, not UTF-8, HTML, bad JSON). */
JsonNode            *rounds_http_parse_json                (const char          *data,
                                                            gsize                length,
                                                            guint                max_depth,
                                                            GError             **error);

/* Maps a status + body + headers to a ROUNDS_CONNECTOR_ERROR (set in
 * @error). @now: Unix seconds when the answer came. Returns FALSE always,
 * so that it can end a function: return rounds_http_set_error (…). */
gboolean             rounds_http_set_error                 (GError             **error,
                                                            RoundsHttpStyle      style,
                                                            guint                status,
                                                            SoupMessageHeaders  *headers,
                                                            GBytes              *body,
                                                            gint64               now);

/* The platform's own error name and message from an error body, if any
 * (e.g. atproto "ExpiredToken", Graph "190", Google "UNAUTHENTICATED").
 * Both out values may be NULL when absent. Returns FALSE when the body is
 * not this style's error JSON. */
gboolean             rounds_http_parse_error_body          (RoundsHttpStyle      style,
                                                            GBytes              *body,
                                                            char               **name,
                                                            char               **message);

/* When may we try again? Retry-After (seconds or an HTTP date), then
 * X-RateLimit-Reset (ISO 8601 or epoch seconds) and RateLimit-Reset /
 * ratelimit-reset (epoch or delta seconds). Returns Unix seconds, at least
 * @now and at most @now + ROUNDS_HTTP_MAX_RETRY_WAIT, or 0 without a hint. */
gint64               rounds_http_parse_retry_at            (SoupMessageHeaders  *headers,
                                                            gint64               now);

/* The URI of the RFC 8288 link with relation @rel (e.g. "next") in a Link
 * header value, or NULL. */
char                *rounds_http_link_find                 (const char          *link_header,
                                                            const char          *rel);

/* The wait before retry number @attempt (1 = the first retry), in seconds:
 * exponential (base · 2^(attempt-1)) capped at @cap, with "equal jitter":
 * half of it fixed, the other half scaled by @unit_random in [0, 1). Pure:
 * the caller supplies the random number. */
gint64               rounds_backoff_delay                  (guint                attempt,
                                                            gint64               base,
                                                            gint64               cap,
                                                            double               unit_random);
#define ROUNDS_BACKOFF_BASE  30          /* seconds */
#define ROUNDS_BACKOFF_CAP   (60 * 60)   /* one hour */

G_END_DECLS
