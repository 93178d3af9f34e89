/* rounds-http.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-http"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "rounds-connector.h"
#include "rounds-http.h"

/* Shared HTTP helpers for the connectors. See rounds-http.h for the
 * contract; the comments here say why it is done this way. */

#define READ_CHUNK        16384
#define MAX_MESSAGE_CHARS 400   /* a platform's message shown to the user */

struct _RoundsHttpClient
{
  GObject            parent_instance;

  SoupSession       *session;
  RoundsHttpStyle    style;
  guint              timeout;
  gsize              max_body;
  RoundsHttpNowFunc  now_func;
  gpointer           now_data;
};

G_DEFINE_FINAL_TYPE (RoundsHttpClient, rounds_http_client, G_TYPE_OBJECT)

/* ------------------------------------------------------------------ */
/* Small text helpers                                                   */

/* A platform's message made fit to show: valid UTF-8, no control
 * characters, one line, not too long. */
static char *
clean_message (const char *text)
{
  g_autofree char *valid = NULL;
  GString *out;
  const char *p;
  guint chars = 0;

  if (text == NULL)
    return NULL;

  valid = g_utf8_make_valid (text, -1);
  out = g_string_new (NULL);
  for (p = valid; *p != '\0' && chars < MAX_MESSAGE_CHARS; p = g_utf8_next_char (p), chars++)
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c) || c == 0x2028 || c == 0x2029)
        c = ' ';
      g_string_append_unichar (out, c);
    }
  if (*p != '\0')
    g_string_append (out, "…");

  g_strstrip (out->str);
  out->len = strlen (out->str);
  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

static gboolean
looks_like_html (const char *data,
                 gsize       length)
{
  gsize i = 0;

  while (i < length && g_ascii_isspace (data[i]))
    i++;
  if (i >= length || data[i] != '<')
    return FALSE;
  /* JSON never starts with '<'; anything that does is markup of some kind. */
  return TRUE;
}

static gboolean
is_all_digits (const char *s)
{
  if (s == NULL || *s == '\0')
    return FALSE;
  for (; *s != '\0'; s++)
    if (!g_ascii_isdigit (*s))
      return FALSE;
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* JSON                                                                 */

/* json-glib 1.6 has no nesting limit, and a deeply nested document makes
 * its recursive parser use deep stack. Count the nesting first, outside
 * strings, without building anything. */
static gboolean
check_json_depth (const char *data,
                  gsize       length,
                  guint       max_depth)
{
  gboolean in_string = FALSE;
  gboolean escaped = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (escaped)
            escaped = FALSE;
          else if (c == '\\')
            escaped = TRUE;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }

      switch (c)
        {
        case '"':
          in_string = TRUE;
          break;
        case '[':
        case '{':
          if (++depth > max_depth)
            return FALSE;
          break;
        case ']':
        case '}':
          if (depth > 0)
            depth--;
          break;
        default:
          break;
        }
    }
  return TRUE;
}

JsonNode *
rounds_http_parse_json (const char  *data,
                        gsize        length,
                        guint        max_depth,
                        GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length == 0)
    {
      g_set_error_literal (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_MALFORMED,
                           _("The server sent an empty answer."));
      return NULL;
    }
  if (looks_like_html (data, length))
    {
      g_set_error_literal (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_MALFORMED,
                           _("The server answered with a web page instead of data. "
                             "Check the server address."));
      return NULL;
    }
  if (!g_utf8_validate_len (data, length, NULL))
    {
      g_set_error_literal (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_MALFORMED,
                           _("The server's answer is not valid text (not UTF-8)."));
      return NULL;
    }
  if (!check_json_depth (data, length, max_depth))
    {
      g_set_error (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_MALFORMED,
                   _("The server's answer is nested more than %u levels deep; "
                     "Rounds does not read it."), max_depth);
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, (gssize) length, &local_error))
    {
      /* json-glib's message names a line and column, never content. */
      g_set_error (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_MALFORMED,
                   _("The server's answer could not be read: %s"), local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error_literal (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_MALFORMED,
                           _("The server sent an empty answer."));
      return NULL;
    }
  return json_node_ref (root);
}

/* ------------------------------------------------------------------ */
/* Rate-limit headers, Link headers, backoff                            */

static gint64
clamp_retry (gint64 at,
             gint64 now)
{
  if (at < now)
    return now;
  if (at > now + ROUNDS_HTTP_MAX_RETRY_WAIT)
    return now + ROUNDS_HTTP_MAX_RETRY_WAIT;
  return at;
}

/* Seconds: a Unix time when it is that large, else a delay from now. */
static gint64
parse_epoch_or_delta (const char *value,
                      gint64      now)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (value));
  g_autofree char *whole = NULL;
  char *dot;
  guint64 n;

  /* "1733327400.5" happens; drop the fraction. */
  whole = g_strdup (trimmed);
  if ((dot = strchr (whole, '.')) != NULL)
    *dot = '\0';
  if (!is_all_digits (whole) || strlen (whole) > 12)
    return 0;
  n = g_ascii_strtoull (whole, NULL, 10);
  if (n >= 1000000000)  /* 2001-09-09: anything this big is a date */
    return clamp_retry ((gint64) n, now);
  return clamp_retry (now + (gint64) n, now);
}

gint64
rounds_http_parse_retry_at (SoupMessageHeaders *headers,
                            gint64              now)
{
  const char *value;

  if (headers == NULL)
    return 0;

  value = soup_message_headers_get_one (headers, "Retry-After");
  if (value != NULL)
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (value));

      if (is_all_digits (trimmed))
        {
          if (strlen (trimmed) > 9)
            return clamp_retry (now + ROUNDS_HTTP_MAX_RETRY_WAIT, now);
          return clamp_retry (now + (gint64) g_ascii_strtoll (trimmed, NULL, 10), now);
        }
      else
        {
          g_autoptr(GDateTime) date = soup_date_time_new_from_http_string (trimmed);

          if (date != NULL)
            return clamp_retry (g_date_time_to_unix (date), now);
        }
    }

  value = soup_message_headers_get_one (headers, "X-RateLimit-Reset");
  if (value != NULL)
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (value));
      gint64 at = parse_epoch_or_delta (trimmed, now);

      if (at == 0)
        {
          g_autoptr(GDateTime) date = g_date_time_new_from_iso8601 (trimmed, NULL);

          if (date != NULL)
            at = clamp_retry (g_date_time_to_unix (date), now);
        }
      if (at != 0)
        return at;
    }

  /* IETF RateLimit fields (atproto): case-insensitive, so this is also
   * "ratelimit-reset". */
  value = soup_message_headers_get_one (headers, "RateLimit-Reset");
  if (value != NULL)
    {
      gint64 at = parse_epoch_or_delta (value, now);

      if (at != 0)
        return at;
    }

  return 0;
}

char *
rounds_http_link_find (const char *link_header,
                       const char *rel)
{
  const char *p = link_header;

  g_return_val_if_fail (rel != NULL, NULL);

  if (p == NULL)
    return NULL;

  /* link-value = "<" URI ">" *( ";" param ), separated by commas; a comma
   * may appear inside the URI or in a quoted parameter value. */
  while (*p != '\0')
    {
      const char *start, *end;
      g_autofree char *uri = NULL;
      gboolean matches = FALSE;

      start = strchr (p, '<');
      if (start == NULL)
        return NULL;
      end = strchr (start + 1, '>');
      if (end == NULL)
        return NULL;
      uri = g_strndup (start + 1, end - start - 1);
      p = end + 1;

      while (*p != '\0' && *p != ',')
        {
          const char *name_start, *value_start;
          g_autofree char *name = NULL;
          g_autofree char *value = NULL;

          while (*p == ' ' || *p == '\t' || *p == ';')
            p++;
          name_start = p;
          while (*p != '\0' && *p != '=' && *p != ';' && *p != ',')
            p++;
          name = g_strstrip (g_strndup (name_start, p - name_start));
          if (*p != '=')
            continue;
          p++;
          while (*p == ' ' || *p == '\t')
            p++;
          if (*p == '"')
            {
              GString *v = g_string_new (NULL);

              p++;
              while (*p != '\0' && *p != '"')
                {
                  if (*p == '\\' && p[1] != '\0')
                    p++;
                  g_string_append_c (v, *p++);
                }
              if (*p == '"')
                p++;
              value = g_string_free (v, FALSE);
            }
          else
            {
              value_start = p;
              while (*p != '\0' && *p != ';' && *p != ',')
                p++;
              value = g_strstrip (g_strndup (value_start, p - value_start));
            }

          if (g_ascii_strcasecmp (name, "rel") == 0)
            {
              g_auto(GStrv) rels = g_strsplit_set (value, " \t", -1);

              for (guint i = 0; rels[i] != NULL; i++)
                if (g_ascii_strcasecmp (rels[i], rel) == 0)
                  matches = TRUE;
            }
        }

      if (matches && uri[0] != '\0')
        return g_steal_pointer (&uri);
      if (*p == ',')
        p++;
    }
  return NULL;
}

gint64
rounds_backoff_delay (guint   attempt,
                      gint64  base,
                      gint64  cap,
                      double  unit_random)
{
  gint64 delay = base;
  gint64 half;

  g_return_val_if_fail (base > 0 && cap >= base, base);

  if (attempt < 1)
    attempt = 1;
  for (guint i = 1; i < attempt && delay < cap; i++)
    delay *= 2;
  if (delay > cap)
    delay = cap;

  if (!(unit_random >= 0.0))   /* also NaN */
    unit_random = 0.0;
  if (unit_random >= 1.0)
    unit_random = nextafter (1.0, 0.0);

  half = delay / 2;
  return (delay - half) + (gint64) floor ((double) half * unit_random);
}

/* ------------------------------------------------------------------ */
/* Error bodies and the status → error mapping                          */

static JsonObject *
body_object (GBytes    *body,
             JsonNode **out_root)
{
  const char *data;
  gsize length = 0;
  JsonNode *root;

  *out_root = NULL;
  if (body == NULL)
    return NULL;
  data = g_bytes_get_data (body, &length);
  if (length == 0)
    return NULL;
  root = rounds_http_parse_json (data, length, ROUNDS_HTTP_MAX_JSON_DEPTH, NULL);
  if (root == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      json_node_unref (root);
      return NULL;
    }
  *out_root = root;
  return json_node_get_object (root);
}

static char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node;

  if (object == NULL || (node = json_object_get_member (object, name)) == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      GType type = json_node_get_value_type (node);

      if (type == G_TYPE_STRING)
        return g_strdup (json_node_get_string (node));
      if (type == G_TYPE_INT64)
        return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    }
  return NULL;
}

gboolean
rounds_http_parse_error_body (RoundsHttpStyle   style,
                              GBytes           *body,
                              char            **name,
                              char            **message)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  JsonObject *inner = NULL;
  g_autofree char *n = NULL;
  g_autofree char *m = NULL;

  if (name != NULL)
    *name = NULL;
  if (message != NULL)
    *message = NULL;

  object = body_object (body, &root);
  if (object == NULL)
    return FALSE;

  if (json_object_has_member (object, "error")
      && JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "error")))
    inner = json_object_get_object_member (object, "error");

  switch (style)
    {
    case ROUNDS_HTTP_STYLE_MASTODON:
      /* "error" is the sentence ("The access token is invalid"); OAuth
       * errors put a code there and the sentence in error_description. */
      n = member_string (object, "error");
      m = member_string (object, "error_description");
      if (m == NULL)
        m = g_strdup (n);
      break;

    case ROUNDS_HTTP_STYLE_ATPROTO:
      n = member_string (object, "error");
      m = member_string (object, "message");
      if (m == NULL)
        m = g_strdup (n);
      break;

    case ROUNDS_HTTP_STYLE_GRAPH:
      if (inner != NULL)
        {
          g_autofree char *code = member_string (inner, "code");
          g_autofree char *subcode = member_string (inner, "error_subcode");

          if (code != NULL && subcode != NULL)
            n = g_strdup_printf ("%s/%s", code, subcode);
          else
            n = g_steal_pointer (&code);
          m = member_string (inner, "error_user_msg");
          if (m == NULL)
            m = member_string (inner, "message");
        }
      break;

    case ROUNDS_HTTP_STYLE_LINKEDIN:
      n = member_string (object, "serviceErrorCode");
      m = member_string (object, "message");
      break;

    case ROUNDS_HTTP_STYLE_GOOGLE:
      if (inner != NULL)
        {
          n = member_string (inner, "status");
          m = member_string (inner, "message");
        }
      break;

    case ROUNDS_HTTP_STYLE_PLAIN:
    default:
      break;
    }

  if (n == NULL && m == NULL)
    return FALSE;

  if (name != NULL)
    *name = g_steal_pointer (&n);
  if (message != NULL)
    *message = clean_message (m);
  return TRUE;
}

/* What a 400/403/… means once the body is read: only some platforms say
 * "your token expired" or "slow down" with a 4xx other than 401/429. */
static RoundsConnectorError
refine_client_error (RoundsHttpStyle  style,
                     const char      *name)
{
  if (name == NULL)
    return ROUNDS_CONNECTOR_ERROR_REJECTED;

  switch (style)
    {
    case ROUNDS_HTTP_STYLE_ATPROTO:
      if (g_str_equal (name, "ExpiredToken") || g_str_equal (name, "InvalidToken")
          || g_str_equal (name, "AuthMissing") || g_str_equal (name, "AuthenticationRequired"))
        return ROUNDS_CONNECTOR_ERROR_AUTH_EXPIRED;
      if (g_str_equal (name, "RateLimitExceeded"))
        return ROUNDS_CONNECTOR_ERROR_RATE_LIMITED;
      if (g_str_equal (name, "RecordNotFound"))
        return ROUNDS_CONNECTOR_ERROR_NOT_FOUND;
      break;

    case ROUNDS_HTTP_STYLE_GRAPH:
      {
        /* name is "code" or "code/subcode" */
        gint64 code = g_ascii_strtoll (name, NULL, 10);
        const char *slash = strchr (name, '/');
        gint64 subcode = slash ? g_ascii_strtoll (slash + 1, NULL, 10) : 0;

        if (code == 190 || code == 102)
          return ROUNDS_CONNECTOR_ERROR_AUTH_EXPIRED;
        if (code == 4 || code == 17 || code == 32 || code == 613
            || (code >= 80001 && code <= 80014))
          return ROUNDS_CONNECTOR_ERROR_RATE_LIMITED;
        if (code == 1 || code == 2)
          return ROUNDS_CONNECTOR_ERROR_TRANSIENT;
        if (code == 100 && subcode == 33)
          return ROUNDS_CONNECTOR_ERROR_NOT_FOUND;
      }
      break;

    case ROUNDS_HTTP_STYLE_GOOGLE:
      if (g_str_equal (name, "UNAUTHENTICATED"))
        return ROUNDS_CONNECTOR_ERROR_AUTH_EXPIRED;
      if (g_str_equal (name, "RESOURCE_EXHAUSTED"))
        return ROUNDS_CONNECTOR_ERROR_RATE_LIMITED;
      if (g_str_equal (name, "NOT_FOUND"))
        return ROUNDS_CONNECTOR_ERROR_NOT_FOUND;
      if (g_str_equal (name, "UNAVAILABLE") || g_str_equal (name, "DEADLINE_EXCEEDED")
          || g_str_equal (name, "INTERNAL"))
        return ROUNDS_CONNECTOR_ERROR_TRANSIENT;
      break;

    case ROUNDS_HTTP_STYLE_MASTODON:
    case ROUNDS_HTTP_STYLE_LINKEDIN:
    case ROUNDS_HTTP_STYLE_PLAIN:
    default:
      break;
    }
  return ROUNDS_CONNECTOR_ERROR_REJECTED;
}

gboolean
rounds_http_set_error (GError             **error,
                       RoundsHttpStyle      style,
                       guint                status,
                       SoupMessageHeaders  *headers,
                       GBytes              *body,
                       gint64               now)
{
  g_autofree char *name = NULL;
  g_autofree char *platform_message = NULL;
  g_autofree char *text = NULL;
  RoundsConnectorError code;
  gboolean html = FALSE;
  gint64 retry_at = 0;

  if (body != NULL)
    {
      gsize length;
      const char *data = g_bytes_get_data (body, &length);

      html = length > 0 && looks_like_html (data, length);
    }
  if (!html)
    rounds_http_parse_error_body (style, body, &name, &platform_message);

  /* The status first, always; the body only refines the ambiguous 4xx. */
  if (status == 401)
    code = ROUNDS_CONNECTOR_ERROR_AUTH_EXPIRED;
  else if (status == 429)
    code = ROUNDS_CONNECTOR_ERROR_RATE_LIMITED;
  else if (status == 408 || (status >= 500 && status <= 599))
    code = ROUNDS_CONNECTOR_ERROR_TRANSIENT;
  else if (status == 404 || status == 410)
    code = ROUNDS_CONNECTOR_ERROR_NOT_FOUND;
  else if (status >= 400 && status <= 499)
    code = refine_client_error (style, name);
  else
    code = ROUNDS_CONNECTOR_ERROR_MALFORMED;

  if (code == ROUNDS_CONNECTOR_ERROR_RATE_LIMITED || code == ROUNDS_CONNECTOR_ERROR_TRANSIENT)
    retry_at = rounds_http_parse_retry_at (headers, now);

  switch (code)
    {
    case ROUNDS_CONNECTOR_ERROR_AUTH_EXPIRED:
      if (platform_message != NULL)
        /* Translators: %s is the network's own explanation */
        text = g_strdup_printf (_("The network no longer accepts this account's sign-in (%s). "
                                  "Reconnect the account."), platform_message);
      else
        text = g_strdup_printf (_("The network no longer accepts this account's sign-in "
                                  "(HTTP %u). Reconnect the account."), status);
      break;

    case ROUNDS_CONNECTOR_ERROR_RATE_LIMITED:
      text = g_strdup (_("The network asks Rounds to slow down (too many requests)."));
      break;

    case ROUNDS_CONNECTOR_ERROR_TRANSIENT:
      if (html || platform_message == NULL)
        text = g_strdup_printf (_("The server had a problem (HTTP %u). Rounds will try again."),
                                status);
      else
        text = g_strdup_printf (_("The server had a problem (HTTP %u: %s). "
                                  "Rounds will try again."), status, platform_message);
      break;

    case ROUNDS_CONNECTOR_ERROR_NOT_FOUND:
      if (html || platform_message == NULL)
        text = g_strdup_printf (_("Not found on the server (HTTP %u)."), status);
      else
        text = g_strdup_printf (_("Not found on the server: %s"), platform_message);
      break;

    case ROUNDS_CONNECTOR_ERROR_REJECTED:
      if (platform_message != NULL)
        text = g_strdup (platform_message);
      else if (html)
        text = g_strdup_printf (_("The server refused the request and answered with an "
                                  "error page (HTTP %u)."), status);
      else
        text = g_strdup_printf (_("The server refused the request (HTTP %u)."), status);
      break;

    case ROUNDS_CONNECTOR_ERROR_MALFORMED:
    case ROUNDS_CONNECTOR_ERROR_UNSUPPORTED:
    default:
      text = g_strdup_printf (_("The server gave an answer Rounds does not expect (HTTP %u)."),
                              status);
      break;
    }

  g_set_error_literal (error, ROUNDS_CONNECTOR_ERROR, code, text);
  if (error != NULL && *error != NULL && retry_at != 0)
    rounds_connector_set_error_retry_at (*error, retry_at);
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* Responses                                                            */

void
rounds_http_response_free (RoundsHttpResponse *response)
{
  if (response == NULL)
    return;
  g_free (response->reason);
  g_clear_pointer (&response->headers, soup_message_headers_unref);
  g_clear_pointer (&response->body, g_bytes_unref);
  g_clear_pointer (&response->uri, g_uri_unref);
  g_free (response->method);
  g_free (response);
}

const char *
rounds_http_response_get_header (RoundsHttpResponse *response,
                                 const char         *name)
{
  g_return_val_if_fail (response != NULL, NULL);

  return soup_message_headers_get_one (response->headers, name);
}

gboolean
rounds_http_response_check (RoundsHttpResponse  *response,
                            RoundsHttpStyle      style,
                            GError             **error)
{
  g_return_val_if_fail (response != NULL, FALSE);

  if (response->status >= 200 && response->status <= 299)
    return TRUE;
  return rounds_http_set_error (error, style, response->status, response->headers,
                                response->body, response->received_at);
}

JsonNode *
rounds_http_response_parse_json (RoundsHttpResponse  *response,
                                 GError             **error)
{
  const char *data;
  gsize length;

  g_return_val_if_fail (response != NULL, NULL);

  data = g_bytes_get_data (response->body, &length);
  return rounds_http_parse_json (data ? data : "", length, ROUNDS_HTTP_MAX_JSON_DEPTH, error);
}

/* ------------------------------------------------------------------ */
/* Messages                                                             */

SoupMessage *
rounds_http_message_new_json (const char *method,
                              const char *uri,
                              JsonNode   *body)
{
  SoupMessage *message;

  g_return_val_if_fail (method != NULL, NULL);
  g_return_val_if_fail (uri != NULL, NULL);

  message = soup_message_new (method, uri);
  if (message == NULL)
    return NULL;

  soup_message_headers_replace (soup_message_get_request_headers (message),
                                "Accept", "application/json");
  if (body != NULL)
    {
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(GBytes) bytes = NULL;
      gsize length = 0;
      char *data;

      json_generator_set_root (generator, body);
      data = json_generator_to_data (generator, &length);
      bytes = g_bytes_new_take (data, length);
      soup_message_set_request_body_from_bytes (message, "application/json", bytes);
    }
  return message;
}

#define TIMEOUT_KEY "rounds-http-timeout"

void
rounds_http_message_set_timeout (SoupMessage *message,
                                 guint        seconds)
{
  g_return_if_fail (SOUP_IS_MESSAGE (message));

  g_object_set_data (G_OBJECT (message), TIMEOUT_KEY, GUINT_TO_POINTER (MAX (seconds, 1)));
}

void
rounds_http_message_set_bearer (SoupMessage *message,
                                const char  *token)
{
  g_autofree char *value = NULL;

  g_return_if_fail (SOUP_IS_MESSAGE (message));
  g_return_if_fail (token != NULL);

  value = g_strdup_printf ("Bearer %s", token);
  soup_message_headers_replace (soup_message_get_request_headers (message),
                                "Authorization", value);
}

/* ------------------------------------------------------------------ */
/* Sending                                                              */

typedef struct
{
  SoupMessage  *message;        /* the one in flight (the caller's or a redirect's) */
  gulong        wrote_body_id;
  GCancellable *internal;       /* cancelled by the caller's cancellable or the deadline */
  GCancellable *outer;
  gulong        outer_id;
  GSource      *deadline;
  GInputStream *stream;
  GByteArray   *buffer;
  guint         redirects;
  gboolean      timed_out;
  gboolean      wrote_body;
  gboolean      truncate;       /* an error page: keep what fits, stop reading */
  guint         timeout;        /* seconds for the whole request */
} SendData;

static void
send_data_free (SendData *data)
{
  if (data->message != NULL && data->wrote_body_id != 0)
    g_signal_handler_disconnect (data->message, data->wrote_body_id);
  g_clear_object (&data->message);
  if (data->outer != NULL && data->outer_id != 0)
    g_cancellable_disconnect (data->outer, data->outer_id);
  g_clear_object (&data->outer);
  g_clear_object (&data->internal);
  if (data->deadline != NULL)
    {
      g_source_destroy (data->deadline);
      g_source_unref (data->deadline);
    }
  g_clear_object (&data->stream);
  g_clear_pointer (&data->buffer, g_byte_array_unref);
  g_free (data);
}

static void send_current (GTask *task);

static void
on_wrote_body (SoupMessage *message,
               gpointer     user_data)
{
  SendData *data = user_data;

  data->wrote_body = TRUE;
}

static void
on_outer_cancelled (GCancellable *outer,
                    gpointer      user_data)
{
  GCancellable *internal = user_data;

  g_cancellable_cancel (internal);
}

static gboolean
on_deadline (gpointer user_data)
{
  SendData *data = user_data;

  data->timed_out = TRUE;
  g_cancellable_cancel (data->internal);
  return G_SOURCE_REMOVE;
}

static gboolean
method_changes_nothing (const char *method)
{
  return g_str_equal (method, "GET") || g_str_equal (method, "HEAD")
         || g_str_equal (method, "OPTIONS") || g_str_equal (method, "PUT")
         || g_str_equal (method, "DELETE");
}

/* A failure on the way: cancelled by the caller, timed out, or a transport
 * error. Whether a POST may have acted decides TRANSIENT or MALFORMED. */
static void
return_transport_error (GTask  *task,
                        GError *error)
{
  SendData *data = g_task_get_task_data (task);
  const char *method = soup_message_get_method (data->message);
  gboolean unknown_outcome = data->wrote_body && !method_changes_nothing (method);
  g_autoptr(GError) owned = error;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && !data->timed_out)
    {
      g_task_return_error (task, g_steal_pointer (&owned));
      return;
    }

  if (data->timed_out || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    {
      if (unknown_outcome)
        g_task_return_new_error (task, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_MALFORMED,
                                 ngettext ("The server did not answer within %u second; "
                                           "whether it acted is unknown.",
                                           "The server did not answer within %u seconds; "
                                           "whether it acted is unknown.", data->timeout),
                                 data->timeout);
      else
        g_task_return_new_error (task, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_TRANSIENT,
                                 ngettext ("The server did not answer within %u second.",
                                           "The server did not answer within %u seconds.",
                                           data->timeout),
                                 data->timeout);
      return;
    }

  if (error->domain == G_RESOLVER_ERROR)
    {
      g_task_return_new_error (task, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_TRANSIENT,
                               _("The server's name could not be found (%s). "
                                 "Check the address and the internet connection."),
                               g_uri_get_host (soup_message_get_uri (data->message)));
      return;
    }

  if (error->domain == G_TLS_ERROR)
    {
      g_task_return_new_error (task, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_TRANSIENT,
                               _("A secure connection to the server could not be made."));
      return;
    }

  g_debug ("%s request failed on the way: %s %d", method,
           g_quark_to_string (error->domain), error->code);

  if (unknown_outcome)
    g_task_return_new_error (task, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_MALFORMED,
                             _("The connection was cut before the server answered; "
                               "whether it acted is unknown."));
  else
    g_task_return_new_error (task, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_TRANSIENT,
                             _("The connection to the server failed or was cut."));
}

static void
return_response (GTask *task)
{
  RoundsHttpClient *self = g_task_get_source_object (task);
  SendData *data = g_task_get_task_data (task);
  RoundsHttpResponse *response = g_new0 (RoundsHttpResponse, 1);

  response->status = soup_message_get_status (data->message);
  response->reason = g_strdup (soup_message_get_reason_phrase (data->message) ?: "");
  response->headers = soup_message_headers_ref (soup_message_get_response_headers (data->message));
  response->body = g_byte_array_free_to_bytes (g_steal_pointer (&data->buffer));
  response->uri = g_uri_ref (soup_message_get_uri (data->message));
  response->method = g_strdup (soup_message_get_method (data->message));
  response->received_at = rounds_http_client_now (self);

  g_task_return_pointer (task, response, (GDestroyNotify) rounds_http_response_free);
}

static void on_read (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data);

/* Takes the reference on @task. */
static void
read_next (GTask *task)
{
  SendData *data = g_task_get_task_data (task);
  int priority = g_task_get_priority (task);

  g_input_stream_read_bytes_async (data->stream, READ_CHUNK, priority,
                                   data->internal, on_read, task);
}

static void
on_read (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RoundsHttpClient *self = g_task_get_source_object (task);
  SendData *data = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;
  gsize length;
  const guint8 *chunk;

  bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (bytes == NULL)
    {
      return_transport_error (task, error);
      return;
    }

  chunk = g_bytes_get_data (bytes, &length);
  if (length == 0)
    {
      return_response (task);
      return;
    }

  if (data->buffer->len + length > self->max_body)
    {
      if (data->truncate)
        {
          g_byte_array_append (data->buffer, chunk, self->max_body - data->buffer->len);
          return_response (task);
          return;
        }
      else
        {
          g_autofree char *size = g_format_size (self->max_body);

          g_task_return_new_error (task, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_MALFORMED,
                                   _("The server's answer is larger than %s; "
                                     "Rounds stopped reading it."), size);
          return;
        }
    }

  g_byte_array_append (data->buffer, chunk, length);
  read_next (g_steal_pointer (&task));
}

static gboolean
same_origin (GUri *a,
             GUri *b)
{
  const char *scheme_a = g_uri_get_scheme (a);
  const char *scheme_b = g_uri_get_scheme (b);
  int port_a = g_uri_get_port (a);
  int port_b = g_uri_get_port (b);

  if (g_uri_get_host (a) == NULL || g_uri_get_host (b) == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (g_uri_get_host (a), g_uri_get_host (b)) != 0)
    return FALSE;
  if (port_a == -1)
    port_a = g_ascii_strcasecmp (scheme_a, "https") == 0 ? 443 : 80;
  if (port_b == -1)
    port_b = g_ascii_strcasecmp (scheme_b, "https") == 0 ? 443 : 80;
  /* http → https on the same host is an upgrade; the other way is not. */
  if (g_ascii_strcasecmp (scheme_a, scheme_b) == 0)
    return port_a == port_b;
  return g_ascii_strcasecmp (scheme_b, "https") == 0 && port_b == 443;
}

static void
copy_header (const char *name,
             const char *value,
             gpointer    user_data)
{
  SoupMessageHeaders *to = user_data;

  if (g_ascii_strcasecmp (name, "Host") == 0 || g_ascii_strcasecmp (name, "Content-Length") == 0)
    return;
  soup_message_headers_append (to, name, value);
}

/* Follows a redirect on the same host for a request that changes nothing;
 * refuses everything else. Returns FALSE when the task has been returned. */
static gboolean
follow_redirect (GTask *task)
{
  SendData *data = g_task_get_task_data (task);
  guint status = soup_message_get_status (data->message);
  const char *method = soup_message_get_method (data->message);
  const char *location;
  g_autoptr(GUri) target = NULL;
  g_autoptr(SoupMessage) next = NULL;

  location = soup_message_headers_get_one (soup_message_get_response_headers (data->message),
                                           "Location");
  if (location != NULL)
    target = g_uri_parse_relative (soup_message_get_uri (data->message), location,
                                   SOUP_HTTP_URI_FLAGS, NULL);
  if (target == NULL || g_uri_get_host (target) == NULL)
    {
      g_task_return_new_error (task, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_MALFORMED,
                               _("The server redirected Rounds without a usable address "
                                 "(HTTP %u)."), status);
      return FALSE;
    }

  if (!same_origin (soup_message_get_uri (data->message), target))
    {
      g_task_return_new_error (task, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_MALFORMED,
                               _("The server sent Rounds to another address (%s). Rounds "
                                 "does not follow that; check the server address."),
                               g_uri_get_host (target));
      return FALSE;
    }

  if (!g_str_equal (method, "GET") && !g_str_equal (method, "HEAD"))
    {
      g_task_return_new_error (task, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_MALFORMED,
                               _("The server redirected a request that Rounds cannot repeat "
                                 "(HTTP %u)."), status);
      return FALSE;
    }

  if (++data->redirects > ROUNDS_HTTP_MAX_REDIRECTS)
    {
      g_task_return_new_error (task, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_MALFORMED,
                               _("The server redirected Rounds too many times."));
      return FALSE;
    }

  next = soup_message_new_from_uri (method, target);
  soup_message_headers_foreach (soup_message_get_request_headers (data->message),
                                copy_header, soup_message_get_request_headers (next));

  g_signal_handler_disconnect (data->message, data->wrote_body_id);
  g_set_object (&data->message, next);
  data->wrote_body = FALSE;
  send_current (task);
  return TRUE;
}

static void
on_sent (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RoundsHttpClient *self = g_task_get_source_object (task);
  SendData *data = g_task_get_task_data (task);
  GError *error = NULL;
  guint status;
  goffset length;

  data->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (data->stream == NULL)
    {
      return_transport_error (task, error);
      return;
    }

  status = soup_message_get_status (data->message);
  if (status >= 300 && status <= 399 && status != 304)
    {
      g_clear_object (&data->stream);
      follow_redirect (task);
      return;
    }

  data->truncate = !(status >= 200 && status <= 299);
  length = soup_message_headers_get_content_length (soup_message_get_response_headers (data->message));
  if (!data->truncate && length > 0 && (guint64) length > self->max_body)
    {
      g_autofree char *size = g_format_size (self->max_body);

      g_task_return_new_error (task, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_MALFORMED,
                               _("The server's answer is larger than %s; "
                                 "Rounds stopped reading it."), size);
      return;
    }

  data->buffer = g_byte_array_new ();
  read_next (g_steal_pointer (&task));
}

static void
send_current (GTask *task)
{
  RoundsHttpClient *self = g_task_get_source_object (task);
  SendData *data = g_task_get_task_data (task);

  soup_message_add_flags (data->message, SOUP_MESSAGE_NO_REDIRECT);
  data->wrote_body_id = g_signal_connect (data->message, "wrote-body",
                                          G_CALLBACK (on_wrote_body), data);
  soup_session_send_async (self->session, data->message, g_task_get_priority (task),
                           data->internal, on_sent, g_object_ref (task));
}

void
rounds_http_client_send_async (RoundsHttpClient    *self,
                               SoupMessage         *message,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SendData *data;

  g_return_if_fail (ROUNDS_IS_HTTP_CLIENT (self));
  g_return_if_fail (SOUP_IS_MESSAGE (message));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rounds_http_client_send_async);

  data = g_new0 (SendData, 1);
  data->message = g_object_ref (message);
  data->internal = g_cancellable_new ();
  g_task_set_task_data (task, data, (GDestroyNotify) send_data_free);

  if (cancellable != NULL)
    {
      data->outer = g_object_ref (cancellable);
      data->outer_id = g_cancellable_connect (cancellable, G_CALLBACK (on_outer_cancelled),
                                              data->internal, NULL);
    }

  data->timeout = self->timeout;
  if (g_object_get_data (G_OBJECT (message), TIMEOUT_KEY) != NULL)
    data->timeout = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (message), TIMEOUT_KEY));

  if (data->timeout > 0)
    {
      /* The source holds no reference on the task (that would be a cycle);
       * it is destroyed with the task's data. */
      data->deadline = g_timeout_source_new_seconds (data->timeout);
      g_source_set_callback (data->deadline, on_deadline, data, NULL);
      g_source_attach (data->deadline, g_task_get_context (task));
    }

  send_current (task);
}

RoundsHttpResponse *
rounds_http_client_send_finish (RoundsHttpClient  *self,
                                GAsyncResult      *result,
                                GError           **error)
{
  g_return_val_if_fail (ROUNDS_IS_HTTP_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct
{
  JsonNode           *root;
  RoundsHttpResponse *response;
} JsonResult;

static void
json_result_free (JsonResult *result)
{
  g_clear_pointer (&result->root, json_node_unref);
  g_clear_pointer (&result->response, rounds_http_response_free);
  g_free (result);
}

static void
on_json_sent (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  RoundsHttpClient *self = ROUNDS_HTTP_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(RoundsHttpResponse) response = NULL;
  JsonResult *json_result;
  GError *error = NULL;
  JsonNode *root;

  response = rounds_http_client_send_finish (self, result, &error);
  if (response == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (!rounds_http_response_check (response, self->style, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  root = rounds_http_response_parse_json (response, &error);
  if (root == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  json_result = g_new0 (JsonResult, 1);
  json_result->root = root;
  json_result->response = g_steal_pointer (&response);
  g_task_return_pointer (task, json_result, (GDestroyNotify) json_result_free);
}

void
rounds_http_client_send_json_async (RoundsHttpClient    *self,
                                    SoupMessage         *message,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (ROUNDS_IS_HTTP_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rounds_http_client_send_json_async);
  rounds_http_client_send_async (self, message, cancellable, on_json_sent, task);
}

JsonNode *
rounds_http_client_send_json_finish (RoundsHttpClient     *self,
                                     GAsyncResult         *result,
                                     RoundsHttpResponse  **response,
                                     GError              **error)
{
  JsonResult *json_result;
  JsonNode *root;

  g_return_val_if_fail (ROUNDS_IS_HTTP_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  if (response != NULL)
    *response = NULL;
  json_result = g_task_propagate_pointer (G_TASK (result), error);
  if (json_result == NULL)
    return NULL;

  root = g_steal_pointer (&json_result->root);
  if (response != NULL)
    *response = g_steal_pointer (&json_result->response);
  json_result_free (json_result);
  return root;
}

/* ------------------------------------------------------------------ */
/* The client object                                                    */

static void
rounds_http_client_finalize (GObject *object)
{
  RoundsHttpClient *self = ROUNDS_HTTP_CLIENT (object);

  g_clear_object (&self->session);

  G_OBJECT_CLASS (rounds_http_client_parent_class)->finalize (object);
}

static void
rounds_http_client_class_init (RoundsHttpClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rounds_http_client_finalize;
}

static void
rounds_http_client_init (RoundsHttpClient *self)
{
  g_autofree char *user_agent = g_strdup_printf ("Rounds/%s", PACKAGE_VERSION);

  self->timeout = ROUNDS_HTTP_DEFAULT_TIMEOUT;
  self->max_body = ROUNDS_HTTP_DEFAULT_MAX_BODY;
  self->session = soup_session_new_with_options ("user-agent", user_agent,
                                                 "timeout", ROUNDS_HTTP_DEFAULT_TIMEOUT,
                                                 "idle-timeout", 60,
                                                 NULL);
}

RoundsHttpClient *
rounds_http_client_new (RoundsHttpStyle style)
{
  RoundsHttpClient *self = g_object_new (ROUNDS_TYPE_HTTP_CLIENT, NULL);

  self->style = style;
  return self;
}

SoupSession *
rounds_http_client_get_session (RoundsHttpClient *self)
{
  g_return_val_if_fail (ROUNDS_IS_HTTP_CLIENT (self), NULL);

  return self->session;
}

RoundsHttpStyle
rounds_http_client_get_style (RoundsHttpClient *self)
{
  g_return_val_if_fail (ROUNDS_IS_HTTP_CLIENT (self), ROUNDS_HTTP_STYLE_PLAIN);

  return self->style;
}

void
rounds_http_client_set_timeout (RoundsHttpClient *self,
                                guint             seconds)
{
  g_return_if_fail (ROUNDS_IS_HTTP_CLIENT (self));

  self->timeout = seconds;
  /* The session's own I/O timeout catches a silent socket; the deadline
   * in send_async also catches a server that drips bytes. */
  soup_session_set_timeout (self->session, seconds);
}

guint
rounds_http_client_get_timeout (RoundsHttpClient *self)
{
  g_return_val_if_fail (ROUNDS_IS_HTTP_CLIENT (self), 0);

  return self->timeout;
}

void
rounds_http_client_set_max_body_size (RoundsHttpClient *self,
                                      gsize             max_bytes)
{
  g_return_if_fail (ROUNDS_IS_HTTP_CLIENT (self));
  g_return_if_fail (max_bytes > 0);

  self->max_body = max_bytes;
}

gsize
rounds_http_client_get_max_body_size (RoundsHttpClient *self)
{
  g_return_val_if_fail (ROUNDS_IS_HTTP_CLIENT (self), 0);

  return self->max_body;
}

void
rounds_http_client_set_now_func (RoundsHttpClient  *self,
                                 RoundsHttpNowFunc  func,
                                 gpointer           user_data)
{
  g_return_if_fail (ROUNDS_IS_HTTP_CLIENT (self));

  self->now_func = func;
  self->now_data = user_data;
}

gint64
rounds_http_client_now (RoundsHttpClient *self)
{
  g_return_val_if_fail (ROUNDS_IS_HTTP_CLIENT (self), 0);

  if (self->now_func != NULL)
    return self->now_func (self->now_data);
  return g_get_real_time () / G_USEC_PER_SEC;
}
