/* rounds-consent-form-pdf.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-consent-form-pdf"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "rounds-consent-form-pdf.h"
#include "rounds-content-language.h"

/* A blank authorization form for the front desk to print (issue 19): a
 * patient's written permission to use their photo, words or name in the
 * practice's marketing, with every element 45 CFR 164.508(c) requires
 * (the core elements of (c)(1), the statements of (c)(2)) and the
 * statement on payment that (a)(3)(ii) requires for marketing, each under
 * a numbered heading, with lines to fill in. In the practice's name, in
 * English or Spanish whatever the language of the interface: the text is
 * the patient's, so it follows the language chosen for the form
 * (rounds_content_gettext()). Two US Letter pages, cairo + Pango. */

#define PAGE_WIDTH    612.0   /* US Letter, points */
#define PAGE_HEIGHT   792.0
#define MARGIN         46.0
#define CONTENT_WIDTH (PAGE_WIDTH - 2 * MARGIN)
#define BOTTOM        (PAGE_HEIGHT - MARGIN - 18)
#define LINE_GAP       20.0

typedef struct
{
  cairo_t    *cr;
  const char *language;
  const char *practice;
  double      y;
  int         page;
} Form;

/* The form's own language, not the interface's; a macro so that the
 * compiler still checks the formats. */
#define T(form, msgid) rounds_content_gettext ((form)->language, (msgid))

static PangoLayout *
layout_for (Form       *f,
            const char *text,
            double      size,
            gboolean    bold,
            double      width)
{
  PangoLayout *layout = pango_cairo_create_layout (f->cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans");

  pango_font_description_set_size (font, (int)(size * PANGO_SCALE));
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, width > 0 ? (int)(width * PANGO_SCALE) : -1);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  return (double)h / PANGO_SCALE;
}

static void
draw_footer (Form *f)
{
  /* TRANSLATORS: the blank authorization form's footer: "Birchwood Dental · page 1" */
  g_autofree char *text = g_strdup_printf (T (f, N_("%s · authorization for marketing · page %d")),
                                           f->practice, f->page);
  g_autoptr(PangoLayout) layout = layout_for (f, text, 7.5, FALSE, CONTENT_WIDTH);

  pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
  cairo_set_source_rgb (f->cr, 0.4, 0.4, 0.4);
  cairo_move_to (f->cr, MARGIN, PAGE_HEIGHT - MARGIN + 6);
  pango_cairo_show_layout (f->cr, layout);
  cairo_set_source_rgb (f->cr, 0, 0, 0);
}

static void
new_page (Form *f)
{
  draw_footer (f);
  cairo_show_page (f->cr);
  f->page++;
  f->y = MARGIN;
}

/* Room for @height more points, or a new page. */
static void
need (Form   *f,
      double  height)
{
  if (f->y + height > BOTTOM)
    new_page (f);
}

static void
text_at (Form       *f,
         const char *text,
         double      size,
         gboolean    bold,
         double      indent,
         double      after)
{
  g_autoptr(PangoLayout) layout = layout_for (f, text, size, bold, CONTENT_WIDTH - indent);
  double height = layout_height (layout);

  need (f, height);
  cairo_move_to (f->cr, MARGIN + indent, f->y);
  pango_cairo_show_layout (f->cr, layout);
  f->y += height + after;
}

/* A numbered heading, kept on one page with the @keep points that
 * follow it (its section, when short). */
static void
heading (Form       *f,
         int         number,
         const char *title,
         double      keep)
{
  g_autofree char *text = g_strdup_printf ("%d. %s", number, title);

  need (f, 24 + keep);
  f->y += 6;
  text_at (f, text, 11, TRUE, 0, 3);
}

static void
para (Form       *f,
      const char *text)
{
  text_at (f, text, 9.5, FALSE, 0, 4);
}

/* "Label ______________" to the right margin; a label too long to leave
 * room to write goes on a line of its own, the blank under it. */
static void
blank (Form       *f,
       const char *label,
       double      indent)
{
  double x = MARGIN + indent;

  if (label != NULL && label[0] != '\0')
    {
      g_autoptr(PangoLayout) layout = layout_for (f, label, 9.5, FALSE, -1);
      int w, h;

      pango_layout_get_pixel_size (layout, &w, &h);
      if (w > CONTENT_WIDTH - indent - 160)
        {
          need (f, 2 * LINE_GAP + h);
          f->y += 4;
          text_at (f, label, 9.5, FALSE, indent, 0);
          label = NULL;
        }
    }

  need (f, LINE_GAP);
  f->y += LINE_GAP - 12;
  if (label != NULL && label[0] != '\0')
    {
      g_autoptr(PangoLayout) layout = layout_for (f, label, 9.5, FALSE, -1);
      int w, h;

      cairo_move_to (f->cr, x, f->y);
      pango_cairo_show_layout (f->cr, layout);
      pango_layout_get_pixel_size (layout, &w, &h);
      x += w + 6;
    }
  cairo_set_line_width (f->cr, 0.6);
  cairo_move_to (f->cr, x, f->y + 12);
  cairo_line_to (f->cr, PAGE_WIDTH - MARGIN, f->y + 12);
  cairo_stroke (f->cr);
  f->y += 16;
}

/* "☐ text", the box drawn. */
static void
checkbox (Form       *f,
          const char *text)
{
  g_autoptr(PangoLayout) layout = layout_for (f, text, 9.5, FALSE, CONTENT_WIDTH - 32);
  double height = MAX (layout_height (layout), 12);

  need (f, height + 3);
  cairo_set_line_width (f->cr, 0.8);
  cairo_rectangle (f->cr, MARGIN + 12, f->y + 2, 8, 8);
  cairo_stroke (f->cr);
  cairo_move_to (f->cr, MARGIN + 28, f->y);
  pango_cairo_show_layout (f->cr, layout);
  f->y += height + 3;
}

static void
write_form (Form *f)
{
  g_autofree char *intro = NULL;
  g_autofree char *who = NULL;
  g_autofree char *revoke = NULL;
  g_autofree char *condition = NULL;
  int n = 1;

  text_at (f, f->practice, 13, TRUE, 0, 2);
  text_at (f, T (f, N_("Authorization to Use My Health Information in Marketing")), 16, TRUE, 0, 8);
  /* TRANSLATORS: %s is the practice's name */
  intro = g_strdup_printf (T (f, N_("%s asks your permission to use information about you, such as "
                                    "your photo or your story, to promote its services. Read this "
                                    "form before you sign it. You do not have to sign it.")),
                           f->practice);
  para (f, intro);
  blank (f, T (f, N_("Patient’s name:")), 0);
  blank (f, T (f, N_("Date of birth:")), 0);

  heading (f, n++, T (f, N_("Description of the information")), 60);
  para (f, T (f, N_("I allow the use of (tick each that applies):")));
  checkbox (f, T (f, N_("Photographs of me")));
  checkbox (f, T (f, N_("Video of me")));
  checkbox (f, T (f, N_("My words: a quote or my story")));
  checkbox (f, T (f, N_("My first name")));
  checkbox (f, T (f, N_("My condition or treatment")));
  blank (f, T (f, N_("Which photos, video, story or visit, specifically:")), 0);
  blank (f, NULL, 0);

  heading (f, n++, T (f, N_("Who may use or disclose it")), 40);
  /* TRANSLATORS: %s is the practice's name */
  who = g_strdup_printf (T (f, N_("%s, its staff, and those who manage its website and social "
                                  "media on its behalf.")), f->practice);
  para (f, who);

  heading (f, n++, T (f, N_("To whom it may be disclosed")), 100);
  para (f, T (f, N_("The public, in these places (tick each that applies):")));
  checkbox (f, T (f, N_("Social media, on these networks:")));
  blank (f, NULL, 28);
  checkbox (f, T (f, N_("The practice’s website")));
  checkbox (f, T (f, N_("Printed materials, such as brochures and posters")));

  heading (f, n++, T (f, N_("Purpose")), 50);
  para (f, T (f, N_("Marketing: to promote the practice and its services.")));
  blank (f, T (f, N_("Other purpose, if any:")), 0);

  heading (f, n++, T (f, N_("Payment for this marketing")), 70);
  checkbox (f, T (f, N_("The practice receives no payment from anyone else for this marketing.")));
  checkbox (f, T (f, N_("The practice receives payment for this marketing from:")));
  blank (f, NULL, 28);

  heading (f, n++, T (f, N_("Expiry date or event")), 80);
  para (f, T (f, N_("This authorization ends on the date or at the event written here, "
                    "whichever comes first.")));
  blank (f, T (f, N_("Expires on (date):")), 0);
  blank (f, T (f, N_("or when this happens (event):")), 0);

  heading (f, n++, T (f, N_("Your right to revoke")), 70);
  /* TRANSLATORS: %s is the practice's name */
  revoke = g_strdup_printf (T (f, N_("You may revoke this authorization at any time by telling "
                                     "%s in writing (a letter or a signed note at the front "
                                     "desk). Revoking stops any use from the day it is received; "
                                     "it cannot undo what was already published while the "
                                     "authorization was valid. Our Notice of Privacy Practices "
                                     "says more.")), f->practice);
  para (f, revoke);

  heading (f, n++, T (f, N_("Your treatment does not depend on this form")), 45);
  /* TRANSLATORS: %s is the practice's name */
  condition = g_strdup_printf (T (f, N_("%s will not condition your treatment, payment, "
                                        "enrollment in a health plan or eligibility for benefits "
                                        "on whether you sign this authorization.")),
                               f->practice);
  para (f, condition);

  heading (f, n++, T (f, N_("Information may be shared again")), 45);
  para (f, T (f, N_("Once your information is published, anyone who sees it may copy and share "
                    "it again. It may then no longer be protected by the federal privacy rules "
                    "(HIPAA).")));

  heading (f, n++, T (f, N_("Signature and date")), 110);
  f->y += 8;  /* room to sign */
  blank (f, T (f, N_("Signature of the patient or personal representative:")), 0);
  blank (f, T (f, N_("Date:")), 0);
  blank (f, T (f, N_("Printed name:")), 0);
  blank (f, T (f, N_("If signed by a personal representative, their authority to act for the "
                     "patient:")), 0);
  f->y += 6;
  para (f, T (f, N_("You will be given a copy of this signed form.")));

  f->y += 6;
  need (f, LINE_GAP + 16);
  text_at (f, T (f, N_("For office use")), 9.5, TRUE, 0, 0);
  blank (f, T (f, N_("Received by, and on what date:")), 0);
}

/**
 * rounds_consent_form_pdf_write:
 * @language: (nullable): "en" or "es"; %NULL for the practice's content
 *   language
 *
 * Writes a blank authorization form in the name of @context's practice
 * to @path as a PDF.
 */
gboolean
rounds_consent_form_pdf_write (RoundsContext  *context,
                               const char     *language,
                               const char     *path,
                               GError        **error)
{
  RoundsPractice *practice;
  cairo_surface_t *surface;
  cairo_status_t status;
  g_autofree char *title = NULL;
  Form f = { 0 };

  g_return_val_if_fail (ROUNDS_IS_CONTEXT (context), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  practice = rounds_store_get_practice (rounds_context_get_store (context));
  f.language = language != NULL ? language : rounds_practice_get_content_language (practice);
  if (!rounds_content_language_is_valid (f.language))
    f.language = ROUNDS_CONTENT_LANGUAGE_DEFAULT;
  f.practice = rounds_practice_get_name (practice);
  if (f.practice == NULL || f.practice[0] == '\0')
    f.practice = T (&f, N_("Our practice"));

  surface = cairo_pdf_surface_create (path, PAGE_WIDTH, PAGE_HEIGHT);
  title = g_strdup_printf ("%s — %s", f.practice,
                           T (&f, N_("Authorization to Use My Health Information in Marketing")));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Rounds");
  f.cr = cairo_create (surface);
  f.page = 1;
  f.y = MARGIN;

  write_form (&f);
  draw_footer (&f);
  cairo_show_page (f.cr);

  cairo_destroy (f.cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write the PDF: %s"),
                   cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}
