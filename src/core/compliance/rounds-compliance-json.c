/* rounds-compliance-json.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A JSON reader for the rule pack (rules.json, about 90 kB read at every
 * start): it builds the JsonNode tree that json-glib's JsonParser builds,
 * with the same calls (json_object_set_member, json_array_add_element,
 * json_node_init_*), in a fifth of the instructions (JsonParser reads
 * through GScanner one character at a time). It takes only plain JSON:
 * anything else — a syntax error, invalid UTF-8, a number with a fraction
 * or an exponent or of more than 18 digits, a \u0000 escape or a lone
 * surrogate, a control character in a string, a repeated member name,
 * nesting deeper than 64 — makes it return NULL, and the caller then
 * reads the text with JsonParser, for its tree or its error message.
 */

#define G_LOG_DOMAIN "rounds-compliance"

#include "config.h"

#include <string.h>

#include "rounds-compliance-private.h"

#define MAX_DEPTH 64

typedef struct
{
  const char *p;
  const char *end;
  guint       depth;
  GString    *buf;
} Reader;

static JsonNode *read_value (Reader *r);

static inline void
skip_ws (Reader *r)
{
  while (r->p < r->end && (*r->p == ' ' || *r->p == '\n' || *r->p == '\t' || *r->p == '\r'))
    r->p++;
}

static int
hex4 (const char *p)
{
  int v = 0;

  for (int k = 0; k < 4; k++)
    {
      char c = p[k];

      v <<= 4;
      if (c >= '0' && c <= '9')
        v |= c - '0';
      else if (c >= 'a' && c <= 'f')
        v |= c - 'a' + 10;
      else if (c >= 'A' && c <= 'F')
        v |= c - 'A' + 10;
      else
        return -1;
    }
  return v;
}

/* The string at r->p (its opening quote) into r->buf */
static gboolean
read_string (Reader *r)
{
  g_string_truncate (r->buf, 0);
  r->p++;
  for (;;)
    {
      const char *run = r->p;

      while (r->p < r->end && *r->p != '"' && *r->p != '\\' && (guchar) *r->p >= 0x20)
        r->p++;
      g_string_append_len (r->buf, run, r->p - run);
      if (r->p >= r->end || (guchar) *r->p < 0x20)
        return FALSE;
      if (*r->p == '"')
        {
          r->p++;
          return TRUE;
        }

      /* an escape */
      if (r->end - r->p < 2)
        return FALSE;
      r->p += 2;
      switch (r->p[-1])
        {
        case '"': g_string_append_c (r->buf, '"'); break;
        case '\\': g_string_append_c (r->buf, '\\'); break;
        case '/': g_string_append_c (r->buf, '/'); break;
        case 'b': g_string_append_c (r->buf, '\b'); break;
        case 'f': g_string_append_c (r->buf, '\f'); break;
        case 'n': g_string_append_c (r->buf, '\n'); break;
        case 'r': g_string_append_c (r->buf, '\r'); break;
        case 't': g_string_append_c (r->buf, '\t'); break;
        case 'u':
          {
            int u, lo;

            if (r->end - r->p < 4 || (u = hex4 (r->p)) <= 0)
              return FALSE;
            r->p += 4;
            if (u >= 0xDC00 && u <= 0xDFFF)
              return FALSE;
            if (u >= 0xD800 && u <= 0xDBFF)
              {
                if (r->end - r->p < 6 || r->p[0] != '\\' || r->p[1] != 'u' ||
                    (lo = hex4 (r->p + 2)) < 0xDC00 || lo > 0xDFFF)
                  return FALSE;
                r->p += 6;
                u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
              }
            g_string_append_unichar (r->buf, u);
            break;
          }
        default:
          return FALSE;
        }
    }
}

static JsonNode *
read_object (Reader *r)
{
  JsonObject *object = json_object_new ();

  r->p++;
  skip_ws (r);
  if (r->p < r->end && *r->p == '}')
    {
      r->p++;
      return json_node_init_object (json_node_alloc (), object);
    }
  for (;;)
    {
      g_autofree char *name = NULL;
      JsonNode *value;

      if (r->p >= r->end || *r->p != '"' || !read_string (r))
        break;
      name = g_strdup (r->buf->str);
      if (strlen (name) != r->buf->len || json_object_has_member (object, name))
        break;
      skip_ws (r);
      if (r->p >= r->end || *r->p != ':')
        break;
      r->p++;
      if ((value = read_value (r)) == NULL)
        break;
      json_object_set_member (object, name, value);
      skip_ws (r);
      if (r->p < r->end && *r->p == ',')
        {
          r->p++;
          skip_ws (r);
          continue;
        }
      if (r->p < r->end && *r->p == '}')
        {
          r->p++;
          return json_node_init_object (json_node_alloc (), object);
        }
      break;
    }
  json_object_unref (object);
  return NULL;
}

static JsonNode *
read_array (Reader *r)
{
  JsonArray *array = json_array_new ();

  r->p++;
  skip_ws (r);
  if (r->p < r->end && *r->p == ']')
    {
      r->p++;
      return json_node_init_array (json_node_alloc (), array);
    }
  for (;;)
    {
      JsonNode *value = read_value (r);

      if (value == NULL)
        break;
      json_array_add_element (array, value);
      skip_ws (r);
      if (r->p < r->end && *r->p == ',')
        {
          r->p++;
          continue;
        }
      if (r->p < r->end && *r->p == ']')
        {
          r->p++;
          return json_node_init_array (json_node_alloc (), array);
        }
      break;
    }
  json_array_unref (array);
  return NULL;
}

/* -?(0|[1-9][0-9]*), at most 18 digits: an integer */
static JsonNode *
read_integer (Reader *r)
{
  gboolean neg = FALSE;
  gint64 v = 0;
  guint digits = 0;

  if (*r->p == '-')
    {
      neg = TRUE;
      r->p++;
    }
  if (r->p >= r->end || *r->p < '0' || *r->p > '9' || (*r->p == '0' && r->p + 1 < r->end &&
                                                       r->p[1] >= '0' && r->p[1] <= '9'))
    return NULL;
  while (r->p < r->end && *r->p >= '0' && *r->p <= '9')
    {
      v = v * 10 + (*r->p++ - '0');
      if (++digits > 18)
        return NULL;
    }
  if (r->p < r->end && (*r->p == '.' || *r->p == 'e' || *r->p == 'E'))
    return NULL;
  return json_node_init_int (json_node_alloc (), neg ? -v : v);
}

static gboolean
read_word (Reader     *r,
           const char *word)
{
  gsize n = strlen (word);

  if ((gsize) (r->end - r->p) < n || memcmp (r->p, word, n) != 0)
    return FALSE;
  r->p += n;
  return TRUE;
}

static JsonNode *
read_value (Reader *r)
{
  JsonNode *node = NULL;

  skip_ws (r);
  if (r->p >= r->end)
    return NULL;
  switch (*r->p)
    {
    case '{':
    case '[':
      if (++r->depth > MAX_DEPTH)
        return NULL;
      node = *r->p == '{' ? read_object (r) : read_array (r);
      r->depth--;
      return node;
    case '"':
      if (!read_string (r) || strlen (r->buf->str) != r->buf->len)
        return NULL;
      return json_node_init_string (json_node_alloc (), r->buf->str);
    case 't':
      return read_word (r, "true") ? json_node_init_boolean (json_node_alloc (), TRUE) : NULL;
    case 'f':
      return read_word (r, "false") ? json_node_init_boolean (json_node_alloc (), FALSE) : NULL;
    case 'n':
      return read_word (r, "null") ? json_node_init_null (json_node_alloc ()) : NULL;
    default:
      return read_integer (r);
    }
}

JsonNode *
_rounds_json_read (const char *data,
                   gsize       size)
{
  g_autoptr(GString) buf = g_string_sized_new (256);
  Reader r = { data, data + size, 0, buf };
  JsonNode *root;

  if (data == NULL || !g_utf8_validate_len (data, size, NULL))
    return NULL;
  root = read_value (&r);
  if (root == NULL)
    return NULL;
  skip_ws (&r);
  if (r.p != r.end)
    {
      json_node_unref (root);
      return NULL;
    }
  return root;
}
