/* rounds-editor-rules.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-editor-rules"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rounds-content-language.h"
#include "rounds-editor-rules.h"

/**
 * rounds_finding_dup_replacement:
 *
 * What "Apply fix" writes in place of the finding's span (see
 * docs/decisions.md): a patient's name becomes "a patient", a date
 * "recently", a phone, fax, e-mail or address "the office", another
 * identifier (record number, account, …) is removed along with a word
 * that only led up to it ("at", "number", "#"). Risk language (testimonials, guarantees, advice, a reply
 * confirming care) has no mechanical fix: the writer rewords it.
 *
 * Returns: (nullable): the replacement ("" to remove the span), or %NULL
 *   when there is no automatic fix.
 */
char *
rounds_finding_dup_replacement (const RoundsFinding *finding)
{
  const char *language;

  g_return_val_if_fail (finding != NULL, NULL);

  /* Words put into the post are in the practice's content language,
   * whatever the language of the interface. */
  language = rounds_finding_get_language (finding);

  /* A zero-length finding (an image without authorization) has no span. */
  if (rounds_finding_get_end (finding) <= rounds_finding_get_start (finding))
    return NULL;

  switch (rounds_finding_get_category (finding))
    {
    case ROUNDS_FINDING_CATEGORY_NAME:
      return g_strdup (rounds_content_gettext (language, N_("a patient")));

    case ROUNDS_FINDING_CATEGORY_DATE:
      return g_strdup (rounds_content_gettext (language, N_("recently")));

    /* A way to reach someone is replaced by the practice's own way, so
     * that "call her at 608-555-0187 — we" still reads as a sentence:
     * "call her at the office — we". */
    case ROUNDS_FINDING_CATEGORY_PHONE:
    case ROUNDS_FINDING_CATEGORY_FAX:
    case ROUNDS_FINDING_CATEGORY_EMAIL:
    case ROUNDS_FINDING_CATEGORY_ADDRESS:
      return g_strdup (rounds_content_gettext (language, N_("the office")));

    case ROUNDS_FINDING_CATEGORY_AGE:
    case ROUNDS_FINDING_CATEGORY_SSN:
    case ROUNDS_FINDING_CATEGORY_MRN:
    case ROUNDS_FINDING_CATEGORY_HEALTH_PLAN:
    case ROUNDS_FINDING_CATEGORY_ACCOUNT:
    case ROUNDS_FINDING_CATEGORY_LICENSE:
    case ROUNDS_FINDING_CATEGORY_VEHICLE:
    case ROUNDS_FINDING_CATEGORY_DEVICE:
    case ROUNDS_FINDING_CATEGORY_URL:
    case ROUNDS_FINDING_CATEGORY_IP:
    case ROUNDS_FINDING_CATEGORY_OTHER_ID:
      return g_strdup ("");

    case ROUNDS_FINDING_CATEGORY_PATIENT_REFERENCE:
    case ROUNDS_FINDING_CATEGORY_REVIEW_CONFIRMATION:
    case ROUNDS_FINDING_CATEGORY_TESTIMONIAL:
    case ROUNDS_FINDING_CATEGORY_GUARANTEE:
    case ROUNDS_FINDING_CATEGORY_MEDICAL_ADVICE:
    case ROUNDS_FINDING_CATEGORY_MISSING_DISCLOSURE:
    default:
      return NULL;
    }
}

/**
 * rounds_text_apply_fix:
 * @start: first code point of the span
 * @end: code point after the span
 * @replacement: what goes in its place ("" removes it)
 * @caret: (out) (optional): where the cursor goes afterwards (code points)
 *
 * Replaces the span. When the span is removed, the space it leaves is
 * tidied: no double space, no space before punctuation.
 *
 * Returns: (transfer full): the new text.
 */
/**
 * rounds_text_fix_range:
 * @out_start: (out): first code point to replace
 * @out_end: (out): code point after the last one to replace
 *
 * The range "Apply fix" replaces: the span itself or, when the span is
 * removed, the span and the space it would leave behind (no double
 * space, no space before punctuation).
 */
void
rounds_text_fix_range (const char *text,
                       guint       start,
                       guint       end,
                       const char *replacement,
                       guint      *out_start,
                       guint      *out_end)
{
  glong n;
  const char *s, *e;

  g_return_if_fail (text != NULL);
  g_return_if_fail (replacement != NULL);

  n = g_utf8_strlen (text, -1);
  start = MIN (start, (guint)n);
  end = CLAMP (end, start, (guint)n);

  s = g_utf8_offset_to_pointer (text, start);
  e = g_utf8_offset_to_pointer (text, end);

  if (*replacement == '\0')
    {
      /* An identifier that ends its clause takes the clause with it:
       * "Bring your card, member ID 88412." becomes "Bring your card.",
       * and a sentence that only carried it goes: "Her chart is number
       * 884120. Call us." becomes "Call us." */
      const char *after = e;
      gboolean clause_ends;

      while (*after == ' ')
        after++;
      clause_ends = *after == '\0' || *after == '\n' || strchr (".,;:!?)", *after) != NULL ||
                    g_str_has_prefix (after, "—");
      if (clause_ends)
        {
          const char *b = s;

          while (b > text && strchr (",;:.!?\n", b[-1]) == NULL &&
                 !g_str_has_prefix (g_utf8_find_prev_char (text, b), "—"))
            b = g_utf8_find_prev_char (text, b);

          if (b > text && strchr (",;:", b[-1]) != NULL)
            {
              /* Mid-sentence: from the comma before the clause. */
              b--;
              while (b > text && b[-1] == ' ')
                b--;
              s = b;
            }
          else
            {
              /* A sentence of its own: it goes with its full stop. */
              while (*b == ' ')
                b++;
              s = b;
              if (*after != '\0' && strchr (".!?", *after) != NULL)
                {
                  after++;
                  while (*after == ' ')
                    after++;
                  e = after;
                }
              else if (*after == '\0' || *after == '\n')
                {
                  while (s > text && s[-1] == ' ')
                    s--;
                }
            }
          start = g_utf8_pointer_to_offset (text, s);
          end = g_utf8_pointer_to_offset (text, e);
        }
      else if (s == text || s[-1] == ' ' || s[-1] == '\n')
        end += after - e;
    }

  *out_start = start;
  *out_end = end;
}

/**
 * rounds_text_apply_fix:
 * @start: first code point of the span
 * @end: code point after the span
 * @replacement: what goes in its place ("" removes it)
 * @caret: (out) (optional): where the cursor goes afterwards (code points)
 *
 * Replaces the span (see rounds_text_fix_range()).
 *
 * Returns: (transfer full): the new text.
 */
char *
rounds_text_apply_fix (const char *text,
                       guint       start,
                       guint       end,
                       const char *replacement,
                       guint      *caret)
{
  GString *out;
  guint s, e;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (replacement != NULL, NULL);

  rounds_text_fix_range (text, start, end, replacement, &s, &e);

  out = g_string_new_len (text, g_utf8_offset_to_pointer (text, s) - text);
  g_string_append (out, replacement);
  g_string_append (out, g_utf8_offset_to_pointer (text, e));

  if (caret != NULL)
    *caret = s + g_utf8_strlen (replacement, -1);

  return g_string_free (out, FALSE);
}

/**
 * rounds_text_dup_span_hash:
 *
 * Returns: the SHA-256 (hex) of the span's exact text: how an
 *   acknowledgement recognises its finding when the text around it moves.
 */
char *
rounds_text_dup_span_hash (const char *text,
                           guint       start,
                           guint       end)
{
  glong n;
  const char *s, *e;

  g_return_val_if_fail (text != NULL, NULL);

  n = g_utf8_strlen (text, -1);
  start = MIN (start, (guint)n);
  end = CLAMP (end, start, (guint)n);
  s = g_utf8_offset_to_pointer (text, start);
  e = g_utf8_offset_to_pointer (text, end);

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)s, e - s);
}

/**
 * rounds_findings_dup_summary:
 * @n_block: blocking findings
 * @n_warn: warnings nobody has decided on yet
 * @n_info: notes
 *
 * Returns: the summary line over the findings panel, e.g. "2 problems
 *   must be fixed before approval".
 */
char *
rounds_findings_dup_summary (guint n_block,
                             guint n_warn,
                             guint n_info)
{
  if (n_block > 0 && n_warn > 0)
    {
      g_autofree char *blocks = g_strdup_printf (ngettext ("%u problem must be fixed before approval",
                                                           "%u problems must be fixed before approval",
                                                           n_block), n_block);
      g_autofree char *warns = g_strdup_printf (ngettext ("%u warning needs a decision",
                                                          "%u warnings need a decision", n_warn),
                                                n_warn);

      /* TRANSLATORS: two parts of the findings summary joined */
      return g_strdup_printf (_("%s · %s"), blocks, warns);
    }
  if (n_block > 0)
    return g_strdup_printf (ngettext ("%u problem must be fixed before approval",
                                      "%u problems must be fixed before approval", n_block),
                            n_block);
  if (n_warn > 0)
    return g_strdup_printf (ngettext ("%u warning needs a decision",
                                      "%u warnings need a decision", n_warn),
                            n_warn);
  if (n_info > 0)
    return g_strdup_printf (ngettext ("No problems; %u note",
                                      "No problems; %u notes", n_info),
                            n_info);
  return g_strdup (_("No problems found"));
}

/**
 * rounds_finding_compare_severity:
 *
 * Orders findings for the panel: most severe first, then by position.
 */
int
rounds_finding_compare_severity (const RoundsFinding *a,
                                 const RoundsFinding *b)
{
  int sa = rounds_finding_get_severity (a);
  int sb = rounds_finding_get_severity (b);

  if (sa != sb)
    return sb - sa;
  if (rounds_finding_get_start (a) != rounds_finding_get_start (b))
    return rounds_finding_get_start (a) < rounds_finding_get_start (b) ? -1 : 1;
  return 0;
}
