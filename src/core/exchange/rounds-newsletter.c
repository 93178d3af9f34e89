/* rounds-newsletter.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-newsletter"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rounds-markup.h"
#include "rounds-newsletter.h"
#include "rounds-observances.h"

/* The monthly newsletter draft. The HTML and the plain text are written
 * side by side from the same strings, so that they say the same thing
 * and the scanner's check of the text covers the HTML. */

void
rounds_newsletter_free (RoundsNewsletter *self)
{
  if (self == NULL)
    return;
  g_free (self->subject);
  g_free (self->html);
  g_free (self->text);
  g_clear_pointer (&self->spans, g_array_unref);
  g_free (self);
}

static int
compare_oldest_first (gconstpointer a,
                      gconstpointer b)
{
  const RoundsFeedEntry *x = *(RoundsFeedEntry * const *)a;
  const RoundsFeedEntry *y = *(RoundsFeedEntry * const *)b;

  if (x->published != y->published)
    return x->published < y->published ? -1 : 1;
  return x->post_id < y->post_id ? -1 : x->post_id > y->post_id;
}

GPtrArray *
rounds_newsletter_collect (RoundsStore  *store,
                           int           year,
                           int           month,
                           GTimeZone    *tz,
                           GError      **error)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) posts = NULL;
  g_autoptr(GDateTime) first = NULL;
  g_autoptr(GDateTime) next = NULL;
  gint64 from, to;

  g_return_val_if_fail (ROUNDS_IS_STORE (store), NULL);
  g_return_val_if_fail (month >= 1 && month <= 12, NULL);
  g_return_val_if_fail (tz != NULL, NULL);

  all = rounds_feed_collect (store, 0, 0, error);
  if (all == NULL)
    return NULL;

  first = g_date_time_new (tz, year, month, 1, 0, 0, 0);
  next = g_date_time_add_months (first, 1);
  from = g_date_time_to_unix (first);
  to = g_date_time_to_unix (next);

  posts = g_ptr_array_new_with_free_func ((GDestroyNotify)rounds_feed_entry_free);
  for (guint i = 0; i < all->len; i++)
    {
      RoundsFeedEntry *entry = all->pdata[i];

      if (entry->published >= from && entry->published < to)
        g_ptr_array_add (posts, g_steal_pointer (&all->pdata[i]));
    }
  g_ptr_array_sort (posts, compare_oldest_first);
  return g_steal_pointer (&posts);
}

GPtrArray *
rounds_newsletter_upcoming (int year,
                            int month)
{
  g_autoptr(GDate) from = NULL;
  g_autoptr(GDate) to = NULL;

  g_return_val_if_fail (month >= 1 && month <= 12, NULL);

  from = g_date_new_dmy (1, month, year);
  g_date_add_months (from, 1);
  to = g_date_copy (from);
  g_date_set_day (to, g_date_get_days_in_month (g_date_get_month (to), g_date_get_year (to)));
  return rounds_observances_for_range (from, to);
}

/* ---- rendering -------------------------------------------------------- */

typedef struct
{
  GString *html;
  GString *text;
} Out;

/* A heading: the same words in both. */
static void
heading (Out        *out,
         const char *tag,
         const char *words)
{
  g_autofree char *escaped = rounds_xml_escape (words);

  g_string_append_printf (out->html, "<%s style=\"font-family:sans-serif;color:#1c71d8\">%s</%s>\n",
                          tag, escaped, tag);
  g_string_append_printf (out->text, "%s\n\n", words);
}

/* A paragraph; its line breaks are kept. */
static void
paragraph (Out        *out,
           const char *words)
{
  g_auto(GStrv) lines = g_strsplit (words, "\n", -1);

  g_string_append (out->html, "<p style=\"font-family:sans-serif;line-height:1.5\">");
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *escaped = rounds_xml_escape (lines[i]);

      g_string_append_printf (out->html, "%s%s", i > 0 ? "<br>\n" : "", escaped);
    }
  g_string_append (out->html, "</p>\n");
  g_string_append_printf (out->text, "%s\n\n", words);
}

static gboolean
is_web_url (const char *url)
{
  return url != NULL && (g_str_has_prefix (url, "https://") || g_str_has_prefix (url, "http://")) &&
         strpbrk (url, " \t\r\n<>\"") == NULL;
}

/* "Label: URL", the address a link in the HTML. */
static void
link_line (Out        *out,
           const char *label,
           const char *url)
{
  g_autofree char *escaped_label = rounds_xml_escape (label);
  g_autofree char *escaped_url = rounds_xml_escape (url);

  g_string_append_printf (out->html,
                          "<p style=\"font-family:sans-serif\">%s <a href=\"%s\">%s</a></p>\n",
                          escaped_label, escaped_url, escaped_url);
  g_string_append_printf (out->text, "%s %s\n\n", label, url);
}

static char *
month_title (int year,
             int month)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (year, month, 1, 12, 0, 0);

  /* TRANSLATORS: a month and its year, as in "March 2026" (strftime) */
  return g_date_time_format (dt, C_("newsletter", "%B %Y"));
}

static char *
observance_dates (const RoundsObservance *o)
{
  char from[64], to[64];

  if (o->kind == ROUNDS_OBSERVANCE_MONTH)
    return g_strdup (_("all month"));
  /* TRANSLATORS: a day of an observance, as in "May 12" (g_date_strftime) */
  g_date_strftime (from, sizeof from, C_("newsletter", "%B %-d"), &o->start);
  if (g_date_compare (&o->start, &o->end) == 0)
    return g_strdup (from);
  g_date_strftime (to, sizeof to, C_("newsletter", "%B %-d"), &o->end);
  /* TRANSLATORS: the days of an observance, as in "May 12 to May 18" */
  return g_strdup_printf (_("%s to %s"), from, to);
}

static guint
text_offset (GString *text)
{
  return (guint)g_utf8_strlen (text->str, text->len);
}

RoundsNewsletter *
rounds_newsletter_render (const RoundsNewsletterInfo *info,
                          GPtrArray                  *posts,
                          GPtrArray                  *observances)
{
  g_autoptr(RoundsNewsletter) self = g_new0 (RoundsNewsletter, 1);
  const char *practice = info->practice != NULL && info->practice[0] != '\0'
                           ? info->practice : _("Our practice");
  g_autofree char *month = NULL;
  g_autofree char *next_month = NULL;
  g_autofree char *escaped_subject = NULL;
  Out out;

  g_return_val_if_fail (info != NULL && info->month >= 1 && info->month <= 12, NULL);
  g_return_val_if_fail (posts != NULL, NULL);

  month = month_title (info->year, info->month);
  next_month = month_title (info->month == 12 ? info->year + 1 : info->year,
                            info->month == 12 ? 1 : info->month + 1);
  /* TRANSLATORS: the newsletter's subject: the practice's name and a month */
  self->subject = g_strdup_printf (_("%s: news for %s"), practice, month);
  self->spans = g_array_new (FALSE, FALSE, sizeof (RoundsNewsletterSpan));

  out.html = g_string_new (NULL);
  out.text = g_string_new (NULL);
  escaped_subject = rounds_xml_escape (self->subject);
  g_string_append_printf (out.html,
                          "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n"
                          "<title>%s</title>\n</head>\n<body style=\"max-width:40em\">\n",
                          escaped_subject);

  heading (&out, "h1", self->subject);
  if (posts->len == 0)
    {
      g_autofree char *words = g_strdup_printf (_("We published nothing in %s."), month);
      paragraph (&out, words);
    }
  else
    {
      g_autofree char *words = g_strdup_printf (_("Here is what we shared in %s."), month);
      paragraph (&out, words);
    }

  for (guint i = 0; i < posts->len; i++)
    {
      RoundsFeedEntry *entry = posts->pdata[i];
      RoundsNewsletterSpan span = { entry->post_id, text_offset (out.text), 0 };

      heading (&out, "h2", entry->title);
      if (entry->body != NULL && entry->body[0] != '\0')
        paragraph (&out, entry->body);
      if (is_web_url (entry->url))
        link_line (&out, _("See the post:"), entry->url);
      span.end = text_offset (out.text);
      g_array_append_val (self->spans, span);
    }

  if (observances != NULL && observances->len > 0)
    {
      g_autofree char *words = g_strdup_printf (_("Coming up in %s"), next_month);

      heading (&out, "h2", words);
      g_string_append (out.html, "<ul style=\"font-family:sans-serif\">\n");
      for (guint i = 0; i < observances->len; i++)
        {
          const RoundsObservance *o = observances->pdata[i];
          g_autofree char *dates = observance_dates (o);
          g_autofree char *line = g_strdup_printf ("%s (%s)", o->name, dates);
          g_autofree char *escaped = rounds_xml_escape (line);

          g_string_append_printf (out.html, "<li>%s</li>\n", escaped);
          g_string_append_printf (out.text, "- %s\n", line);
        }
      g_string_append (out.html, "</ul>\n");
      g_string_append (out.text, "\n");
    }

  /* The practice's own contact details, which the scanner's profile
   * knows as the practice's. */
  {
    g_autoptr(GString) footer = g_string_new (practice);

    if (info->phone != NULL && info->phone[0] != '\0')
      g_string_append_printf (footer, "\n%s", info->phone);
    paragraph (&out, footer->str);
    if (is_web_url (info->website))
      link_line (&out, _("Our website:"), info->website);
  }

  g_string_append (out.html, "</body>\n</html>\n");
  /* One newline at the end of the text. */
  while (out.text->len > 0 && out.text->str[out.text->len - 1] == '\n')
    g_string_truncate (out.text, out.text->len - 1);
  g_string_append_c (out.text, '\n');

  self->html = g_string_free (out.html, FALSE);
  self->text = g_string_free (out.text, FALSE);
  return g_steal_pointer (&self);
}

GPtrArray *
rounds_newsletter_check (RoundsNewsletter         *self,
                         RoundsScanner            *scanner,
                         RoundsComplianceProfile  *profile,
                         GError                  **error)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (ROUNDS_IS_SCANNER (scanner), NULL);

  return rounds_scanner_scan (scanner, self->text, -1, ROUNDS_TEXT_KIND_POST, NULL, profile,
                              error);
}

gint64
rounds_newsletter_post_at (RoundsNewsletter *self,
                           guint             offset)
{
  g_return_val_if_fail (self != NULL, 0);

  for (guint i = 0; i < self->spans->len; i++)
    {
      const RoundsNewsletterSpan *span = &g_array_index (self->spans, RoundsNewsletterSpan, i);

      if (offset >= span->start && offset < span->end)
        return span->post_id;
    }
  return 0;
}

/* ---- out to the mail program -------------------------------------------- */

char *
rounds_newsletter_to_mailto (RoundsNewsletter *self)
{
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *crlf = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  /* RFC 6068: percent-encoded UTF-8, line breaks as CRLF. */
  lines = g_strsplit (self->text, "\n", -1);
  crlf = g_strjoinv ("\r\n", lines);
  subject = g_uri_escape_string (self->subject, NULL, FALSE);
  body = g_uri_escape_string (crlf, NULL, FALSE);
  return g_strconcat ("mailto:?subject=", subject, "&body=", body, NULL);
}

/* RFC 2047 encoded words (B encoding), whole characters in each, so
 * that every header line stays under 78 characters. */
static void
append_encoded_words (GString    *out,
                      const char *text)
{
  const char *p = text;
  gboolean first = TRUE;

  while (*p != '\0')
    {
      const char *end = p;
      g_autofree char *b64 = NULL;

      /* At most 39 bytes: 52 base64 characters, 64 with the markers. */
      while (*end != '\0' && (g_utf8_next_char (end) - p) <= 39)
        end = g_utf8_next_char (end);
      if (end == p)
        end = g_utf8_next_char (p);
      b64 = g_base64_encode ((const guchar *)p, end - p);
      g_string_append_printf (out, "%s=?UTF-8?B?%s?=", first ? "" : "\r\n ", b64);
      first = FALSE;
      p = end;
    }
}

static void
append_base64_body (GString    *out,
                    const char *body)
{
  g_autofree char *b64 = g_base64_encode ((const guchar *)body, strlen (body));
  gsize len = strlen (b64);

  for (gsize i = 0; i < len; i += 76)
    {
      g_string_append_len (out, b64 + i, MIN (76, len - i));
      g_string_append (out, "\r\n");
    }
}

static gboolean
is_plain_address (const char *address)
{
  if (address == NULL || strchr (address, '@') == NULL)
    return FALSE;
  for (const char *p = address; *p != '\0'; p++)
    if ((guchar)*p <= ' ' || (guchar)*p >= 0x7f || strchr ("<>()[]\\,;:\"", *p) != NULL)
      return FALSE;
  return TRUE;
}

GBytes *
rounds_newsletter_to_eml (RoundsNewsletter *self,
                          const char       *from_name,
                          const char       *from_address,
                          gint64            date)
{
  static const char *days[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
  static const char *months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (date);
  g_autofree char *boundary = NULL;
  g_autofree char *text_crlf = NULL;
  g_autofree char *html_crlf = NULL;
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);

  /* Base64 has no "_" or "=" inside a line, so this boundary cannot
   * appear in a part. */
  boundary = g_strdup_printf ("=_rounds_%08x%08x", g_random_int (), g_random_int ());

  if (is_plain_address (from_address))
    {
      g_string_append (out, "From: ");
      if (from_name != NULL && from_name[0] != '\0')
        {
          append_encoded_words (out, from_name);
          g_string_append (out, " ");
        }
      g_string_append_printf (out, "<%s>\r\n", from_address);
    }
  g_string_append_printf (out, "Date: %s, %02d %s %04d %02d:%02d:%02d +0000\r\n",
                          days[g_date_time_get_day_of_week (dt) - 1],
                          g_date_time_get_day_of_month (dt),
                          months[g_date_time_get_month (dt) - 1], g_date_time_get_year (dt),
                          g_date_time_get_hour (dt), g_date_time_get_minute (dt),
                          g_date_time_get_second (dt));
  g_string_append (out, "Subject: ");
  append_encoded_words (out, self->subject);
  g_string_append (out, "\r\n");
  /* Opened as a draft to send, not as a message received. */
  g_string_append (out, "X-Unsent: 1\r\n");
  g_string_append (out, "MIME-Version: 1.0\r\n");
  g_string_append_printf (out, "Content-Type: multipart/alternative;\r\n boundary=\"%s\"\r\n",
                          boundary);
  g_string_append (out, "\r\n");

  {
    g_auto(GStrv) lines = g_strsplit (self->text, "\n", -1);
    text_crlf = g_strjoinv ("\r\n", lines);
  }
  {
    g_auto(GStrv) lines = g_strsplit (self->html, "\n", -1);
    html_crlf = g_strjoinv ("\r\n", lines);
  }

  g_string_append_printf (out, "--%s\r\n", boundary);
  g_string_append (out, "Content-Type: text/plain; charset=UTF-8\r\n"
                        "Content-Transfer-Encoding: base64\r\n\r\n");
  append_base64_body (out, text_crlf);
  g_string_append_printf (out, "--%s\r\n", boundary);
  g_string_append (out, "Content-Type: text/html; charset=UTF-8\r\n"
                        "Content-Transfer-Encoding: base64\r\n\r\n");
  append_base64_body (out, html_crlf);
  g_string_append_printf (out, "--%s--\r\n", boundary);

  return g_string_free_to_bytes (out);
}
