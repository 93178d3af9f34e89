/* rounds-html-text.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-html-text"

#include "config.h"

#include <string.h>

#include "rounds-html-text.h"

/* Not an HTML parser: a tag stripper that knows the few elements social
 * networks put in content. Good enough for showing text, and it never
 * produces markup, so nothing downstream can be tricked into rendering. */

static const struct
{
  const char *name;
  gunichar    value;
} named_entities[] = {
  { "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' }, { "apos", '\'' },
  { "nbsp", 0x00A0 }, { "hellip", 0x2026 }, { "mdash", 0x2014 }, { "ndash", 0x2013 },
  { "lsquo", 0x2018 }, { "rsquo", 0x2019 }, { "ldquo", 0x201C }, { "rdquo", 0x201D },
  { "copy", 0x00A9 }, { "reg", 0x00AE }, { "trade", 0x2122 }, { "euro", 0x20AC },
};

/* Reads an entity at @p (just after '&'); returns the characters used
 * (up to and including ';') or 0 when it is not one. */
static gsize
read_entity (const char *p,
             gunichar   *out)
{
  const char *semi = strchr (p, ';');
  gsize len;

  if (semi == NULL || semi - p > 10 || semi == p)
    return 0;
  len = semi - p;

  if (p[0] == '#')
    {
      guint64 value;
      char *end = NULL;

      if (p[1] == 'x' || p[1] == 'X')
        value = g_ascii_strtoull (p + 2, &end, 16);
      else
        value = g_ascii_strtoull (p + 1, &end, 10);
      if (end != semi || end == p + 1 || (end == p + 2 && (p[1] == 'x' || p[1] == 'X')))
        return 0;
      if (value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
        value = 0xFFFD;
      *out = (gunichar) value;
      return len + 1;
    }

  for (guint i = 0; i < G_N_ELEMENTS (named_entities); i++)
    if (strlen (named_entities[i].name) == len && strncmp (p, named_entities[i].name, len) == 0)
      {
        *out = named_entities[i].value;
        return len + 1;
      }
  return 0;
}

static gboolean
tag_is (const char *tag,
        gsize       tag_len,
        const char *name)
{
  gsize name_len = strlen (name);
  const char *t = tag;

  if (tag_len > 0 && *t == '/')
    {
      t++;
      tag_len--;
    }
  return tag_len >= name_len && g_ascii_strncasecmp (t, name, name_len) == 0
         && (tag_len == name_len || g_ascii_isspace (t[name_len]) || t[name_len] == '/'
             || t[name_len] == '>');
}

char *
rounds_html_to_text (const char *html)
{
  g_autofree char *valid = NULL;
  GString *out;
  const char *p;
  const char *skip_until = NULL;   /* "</script" or "</style" */

  if (html == NULL)
    return g_strdup ("");

  valid = g_utf8_make_valid (html, -1);
  out = g_string_new (NULL);

  for (p = valid; *p != '\0';)
    {
      if (skip_until != NULL)
        {
          const char *found = strstr (p, skip_until);   /* case as Mastodon writes it */

          if (found == NULL)
            break;
          p = found;
          skip_until = NULL;
          continue;
        }

      if (*p == '<')
        {
          const char *end = strchr (p, '>');
          const char *tag = p + 1;
          gsize tag_len;

          if (end == NULL)
            break;   /* an unfinished tag: drop the rest */
          tag_len = end - tag;

          if (tag_is (tag, tag_len, "br"))
            g_string_append_c (out, '\n');
          else if (tag[0] == '/' && (tag_is (tag, tag_len, "p") || tag_is (tag, tag_len, "blockquote")
                                     || tag_is (tag, tag_len, "ul") || tag_is (tag, tag_len, "ol")))
            g_string_append (out, "\n\n");
          else if (tag[0] == '/' && tag_is (tag, tag_len, "li"))
            g_string_append_c (out, '\n');
          else if (tag[0] != '/' && tag_is (tag, tag_len, "script"))
            skip_until = "</script";
          else if (tag[0] != '/' && tag_is (tag, tag_len, "style"))
            skip_until = "</style";

          p = end + 1;
          continue;
        }

      if (*p == '&')
        {
          gunichar c = 0;
          gsize used = read_entity (p + 1, &c);

          if (used > 0)
            {
              g_string_append_unichar (out, c == 0x00A0 ? ' ' : c);
              p += used + 1;
              continue;
            }
        }

      {
        const char *next = g_utf8_next_char (p);

        g_string_append_len (out, p, next - p);
        p = next;
      }
    }

  /* No trailing blank lines or spaces. */
  while (out->len > 0 && g_ascii_isspace (out->str[out->len - 1]))
    g_string_truncate (out, out->len - 1);

  return g_string_free (out, FALSE);
}

char *
rounds_text_normalize_for_match (const char *text)
{
  g_autofree char *nfc = NULL;
  GString *out;
  gboolean space = FALSE;

  if (text == NULL)
    return g_strdup ("");

  nfc = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
  if (nfc == NULL)
    nfc = g_utf8_make_valid (text, -1);

  out = g_string_new (NULL);
  for (const char *p = nfc; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0x00A0)
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}
