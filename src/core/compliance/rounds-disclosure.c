/* rounds-disclosure.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-disclosure"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rounds-disclosure.h"

/* What reads as a clear disclosure, in English and Spanish: a hashtag
 * (#ad, not #adhd), a phrase ("Paid partnership with", "Patrocinado
 * por"), or a label as the post's first word ("Ad:", "Publicidad"). A
 * bare "sponsored" or "publicidad" in the middle of a sentence ("we
 * sponsored the run", "no hacemos publicidad engañosa") is not one. */
static const char disclosure_pattern[] =
  "(?<![\\w#])#(ad|ads|advertisement|sponsored|paidpartnership|paidpartner|publi|publicidad"
  "|patrocinado|patrocinada|anuncio)(?![\\w])"
  "|(?<!\\w)(paid partnership|sponsored by|sponsored post|in paid partnership"
  "|colaboraci[oó]n pagada|contenido patrocinado|patrocinado por|patrocinada por)(?!\\w)"
  "|^\\W{0,3}(ad|advertisement|publicidad|anuncio|patrocinado|patrocinada|sponsored)(?!\\w)";

/* What makes a post look sponsored when no partnership is linked. */
static const char sponsored_pattern[] =
  "(?<!\\w)(use|with|enter|apply|usa|usar|con) (the |el )?(promo |discount |coupon )?"
  "(code|c[oó]digo)\\s+[A-Z0-9]*[0-9A-Z]{3,}(?!\\w)"
  "|(?<!\\w)(promo|discount|coupon) codes?(?!\\w)"
  "|(?<!\\w)c[oó]digos? (de descuento|promocional|de cup[oó]n)(?!\\w)"
  "|(?<!\\w)cup[oó]n de descuento(?!\\w)"
  "|(?<!\\w)thanks to our (good )?(friends|partners) (at|from|over at)(?!\\w)"
  "|(?<!\\w)gracias a nuestros (amigos|socios) de(?!\\w)"
  "|(?<!\\w)(affiliate link|enlace de afiliado|enlace de afiliados)(?!\\w)"
  "|\\bhttps?://\\S+[?&](ref|aff|aff_id|affiliate|tag)=\\S+"
  "|\\b(amzn\\.to|shareasale\\.com|rstyle\\.me)/\\S+";

static GRegex *
regex_once (const char *pattern,
            gsize      *slot,
            GRegexCompileFlags extra)
{
  if (g_once_init_enter (slot))
    {
      g_autoptr(GError) error = NULL;
      GRegex *re = g_regex_new (pattern, G_REGEX_CASELESS | G_REGEX_OPTIMIZE | extra, 0, &error);

      g_assert_no_error (error);
      g_once_init_leave (slot, (gsize)re);
    }
  return (GRegex *)*slot;
}

static GRegex *
disclosure_regex (void)
{
  static gsize re = 0;
  return regex_once (disclosure_pattern, &re, 0);
}

static GRegex *
sponsored_regex (void)
{
  static gsize re = 0;
  /* Codes are written in capitals: "code SMILE20", not "code of conduct". */
  return regex_once (sponsored_pattern, &re, 0);
}

static gboolean
first_match (GRegex     *re,
             const char *text,
             guint      *start,
             guint      *end)
{
  g_autoptr(GMatchInfo) info = NULL;
  int s, e;

  if (!g_regex_match (re, text, 0, &info))
    return FALSE;
  g_match_info_fetch_pos (info, 0, &s, &e);
  *start = g_utf8_pointer_to_offset (text, text + s);
  *end = g_utf8_pointer_to_offset (text, text + e);
  return TRUE;
}

static gboolean
find_wording (const char *text,
              const char *wording,
              guint      *start,
              guint      *end)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *escaped = NULL;
  g_autoptr(GRegex) re = NULL;

  if (wording == NULL)
    return FALSE;
  trimmed = g_strstrip (g_strdup (wording));
  /* "Paid partnership with Acme…": the ellipsis is not part of it. */
  while (g_str_has_suffix (trimmed, "…") || g_str_has_suffix (trimmed, "."))
    trimmed[strlen (trimmed) - (g_str_has_suffix (trimmed, "…") ? strlen ("…") : 1)] = '\0';
  if (g_utf8_strlen (trimmed, -1) < 2)
    return FALSE;
  escaped = g_regex_escape_string (trimmed, -1);
  re = g_regex_new (escaped, G_REGEX_CASELESS, 0, NULL);
  return re != NULL && first_match (re, text, start, end);
}

/* Where the trailing run of hashtags starts ("… #teeth #smile #ad"), in
 * code points; the text's length when it does not end with hashtags, or
 * when it is nothing but hashtags. */
static guint
trailing_hashtags_start (const char *text)
{
  const char *end = text + strlen (text);
  const char *block = end;
  gboolean any = FALSE;

  for (;;)
    {
      const char *p = block;
      const char *token;

      while (p > text && g_ascii_isspace (p[-1]))
        p--;
      token = p;
      while (token > text && !g_ascii_isspace (token[-1]))
        token--;
      if (token == p || token[0] != '#')
        break;
      block = token;
      any = TRUE;
    }

  /* Nothing but hashtags, or none at the end: no trailing block. */
  if (!any || block <= text + strspn (text, " \t\r\n"))
    return g_utf8_strlen (text, -1);
  return g_utf8_pointer_to_offset (text, block);
}

static gboolean
is_near_start (const char *text,
               guint       start)
{
  return start < ROUNDS_DISCLOSURE_NEAR_START && start < trailing_hashtags_start (text);
}

/**
 * rounds_disclosure_find:
 * @wording: (nullable): the partnership's own disclosure wording
 * @start: (out): where the disclosure starts (code points)
 * @end: (out): where it ends
 *
 * Finds the first clear disclosure in @text: the partnership's wording,
 * or a generic one (#ad, "Paid partnership with", "Publicidad",
 * "Patrocinado por"), wherever it is.
 */
gboolean
rounds_disclosure_find (const char *text,
                        const char *wording,
                        guint      *start,
                        guint      *end)
{
  guint s1 = G_MAXUINT, e1 = 0, s2 = G_MAXUINT, e2 = 0;
  gboolean a, b;

  g_return_val_if_fail (text != NULL, FALSE);

  a = find_wording (text, wording, &s1, &e1);
  b = first_match (disclosure_regex (), text, &s2, &e2);
  if (!a && !b)
    return FALSE;
  if (a && (!b || s1 <= s2))
    *start = s1, *end = e1;
  else
    *start = s2, *end = e2;
  return TRUE;
}

/**
 * rounds_disclosure_check:
 * @partner: the partner's name
 * @wording: (nullable): the disclosure the partnership requires
 *
 * A post linked to a partnership must disclose it near the start (in
 * its first %ROUNDS_DISCLOSURE_NEAR_START characters), not buried in the
 * run of hashtags at its end.
 *
 * Returns: (transfer full) (nullable): a blocking missing_disclosure
 *   finding, or %NULL when the post discloses.
 */
RoundsFinding *
rounds_disclosure_check (const char *text,
                         const char *partner,
                         const char *wording)
{
  g_autofree char *message = NULL;
  g_autofree char *suggestion = NULL;
  guint start = 0, end = 0;

  g_return_val_if_fail (text != NULL, NULL);

  if (rounds_disclosure_find (text, wording, &start, &end) && is_near_start (text, start))
    return NULL;

  if (end > start)
    /* TRANSLATORS: %s is the partner's name */
    message = g_strdup_printf (_("This post is part of a partnership with %s, and its disclosure "
                                 "comes too late: readers see the start of a post only."),
                               partner);
  else
    /* TRANSLATORS: %s is the partner's name */
    message = g_strdup_printf (_("This post is part of a partnership with %s and does not say so."),
                               partner);
  if (wording != NULL && wording[0] != '\0')
    /* TRANSLATORS: %s is the disclosure wording, such as "Paid partnership with Acme" */
    suggestion = g_strdup_printf (_("Start the post with “%s”."), wording);
  else
    suggestion = g_strdup (_("Start the post with “#ad” or “Paid partnership with …”."));

  /* A zero-length finding at the start: "Apply fix" inserts there. */
  return rounds_finding_new (0, 0, ROUNDS_DISCLOSURE_RULE_PARTNERSHIP,
                             ROUNDS_FINDING_CATEGORY_MISSING_DISCLOSURE,
                             ROUNDS_FINDING_SEVERITY_BLOCK, message, suggestion);
}

/**
 * rounds_disclosure_check_unlinked:
 *
 * A post with no partnership linked that looks sponsored (a discount
 * code, "thanks to our friends at", an affiliate link) and does not
 * disclose gets a warning that asks.
 *
 * Returns: (transfer full) (nullable): a warn finding over what looked
 *   sponsored, or %NULL.
 */
RoundsFinding *
rounds_disclosure_check_unlinked (const char *text)
{
  guint start, end, ds, de;

  g_return_val_if_fail (text != NULL, NULL);

  if (!first_match (sponsored_regex (), text, &start, &end))
    return NULL;
  if (rounds_disclosure_find (text, NULL, &ds, &de) && is_near_start (text, ds))
    return NULL;

  return rounds_finding_new (start, end, ROUNDS_DISCLOSURE_RULE_UNLINKED,
                             ROUNDS_FINDING_CATEGORY_MISSING_DISCLOSURE,
                             ROUNDS_FINDING_SEVERITY_WARN,
                             _("This looks sponsored. Is there a partnership behind it?"),
                             _("If something was given for it (payment, free product, an "
                               "affiliate link), link the partnership and start the post with "
                               "its disclosure."));
}

/**
 * rounds_disclosure_apply:
 *
 * The fix: @wording at the start of @text, on its own line ending the
 * sentence, unless the text already starts with it.
 *
 * Returns: (transfer full): the new text.
 */
char *
rounds_disclosure_apply (const char *text,
                         const char *wording)
{
  g_autofree char *w = g_strstrip (g_strdup (wording ? wording : ""));
  guint s, e;

  if (w[0] == '\0')
    {
      g_free (w);
      w = g_strdup ("#ad");
    }
  if (find_wording (text, w, &s, &e) && s == 0)
    return g_strdup (text);
  return g_strdup_printf ("%s\n\n%s", w, text);
}
