/* rounds-text-line.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-text-line"

#include "config.h"

#include <math.h>
#include <string.h>
#include <pango/pangocairo.h>

#include "rounds-text-line.h"

/* A font's line: the same for every widget drawn with one font (a column
 * of the Posts list, the chips' titles), and asking Pango for a font's
 * metrics was a third of measuring a new Posts cell. Kept per font,
 * resolution, font options and font map, on the widgets' thread. */
typedef struct
{
  int ascent;
  int line_height;
  int char_width;
  int ellipsis_width;
} LineMetrics;

#define MAX_FONTS 64

static const LineMetrics *
lookup_metrics (PangoContext *context)
{
  static GHashTable *fonts;   /* key (below) → LineMetrics */
  const cairo_font_options_t *options = pango_cairo_context_get_font_options (context);
  const PangoFontDescription *desc = pango_context_get_font_description (context);
  g_autofree char *font = pango_font_description_to_string (desc);
  char *key = g_strdup_printf ("%s|%g|%lu|%p", font, pango_cairo_context_get_resolution (context),
                               options != NULL ? cairo_font_options_hash (options) : 0UL,
                               (gpointer)pango_context_get_font_map (context));
  LineMetrics *line;
  PangoFontMetrics *metrics;
  PangoLayout *ellipsis;

  if (fonts == NULL)
    fonts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  line = g_hash_table_lookup (fonts, key);
  if (line != NULL)
    {
      g_free (key);
      return line;
    }

  line = g_new0 (LineMetrics, 1);
  metrics = pango_context_get_metrics (context, desc, NULL);
  /* As a label's logical extents in pixels (the line's top at 0). */
  line->ascent = PANGO_PIXELS (pango_font_metrics_get_ascent (metrics));
  line->line_height = PANGO_PIXELS_CEIL (pango_font_metrics_get_ascent (metrics) +
                                         pango_font_metrics_get_descent (metrics));
  line->char_width = PANGO_PIXELS_CEIL (MAX (pango_font_metrics_get_approximate_char_width (metrics),
                                             pango_font_metrics_get_approximate_digit_width (metrics)));
  pango_font_metrics_unref (metrics);
  /* An ellipsized label's least width: its ellipsis. */
  ellipsis = pango_layout_new (context);
  pango_layout_set_text (ellipsis, "…", -1);
  pango_layout_get_pixel_size (ellipsis, &line->ellipsis_width, NULL);
  g_object_unref (ellipsis);

  if (g_hash_table_size (fonts) >= MAX_FONTS)
    g_hash_table_remove_all (fonts);
  g_hash_table_insert (fonts, key, line);
  return line;
}

void
rounds_text_line_init (RoundsTextLine *self)
{
  memset (self, 0, sizeof *self);
  self->line_height = -1;
  rounds_text_line_invalidate (self);
}

void
rounds_text_line_clear (RoundsTextLine *self)
{
  g_clear_object (&self->layout);
  g_clear_pointer (&self->attrs, pango_attr_list_unref);
  g_clear_pointer (&self->text, g_free);
}

/* The text changed: its width is to be measured, its layout set again. */
void
rounds_text_line_invalidate (RoundsTextLine *self)
{
  self->text_width = -1;
  self->layout_width = G_MININT;
}

/* Returns: whether @text is new (the widget then queues a resize). */
gboolean
rounds_text_line_set_text (RoundsTextLine *self,
                           const char     *text)
{
  if (g_strcmp0 (self->text, text) == 0)
    return FALSE;
  g_free (self->text);
  self->text = g_strdup (text);
  if (self->layout != NULL)
    pango_layout_set_text (self->layout, text != NULL ? text : "", -1);
  rounds_text_line_invalidate (self);
  return TRUE;
}

void
rounds_text_line_set_attributes (RoundsTextLine *self,
                                 PangoAttrList  *attrs)
{
  g_clear_pointer (&self->attrs, pango_attr_list_unref);
  self->attrs = attrs != NULL ? pango_attr_list_ref (attrs) : NULL;
  if (self->layout != NULL)
    pango_layout_set_attributes (self->layout, attrs);
  rounds_text_line_invalidate (self);
}

/* The layout, made again for a new font (a widget's context changes with
 * its CSS: a pill's smaller, bold text, a larger text size), and the
 * font's line. */
PangoLayout *
rounds_text_line_get_layout (RoundsTextLine *self,
                             GtkWidget      *widget)
{
  PangoContext *context = gtk_widget_get_pango_context (widget);

  /* A line drawn in another widget's style (a Posts row's pills) may
   * change widgets: a layout keeps the context it was made in. */
  if (self->layout != NULL && pango_layout_get_context (self->layout) != context)
    g_clear_object (&self->layout);

  if (self->layout == NULL)
    {
      self->layout = pango_layout_new (context);
      pango_layout_set_text (self->layout, self->text != NULL ? self->text : "", -1);
      pango_layout_set_attributes (self->layout, self->attrs);
      pango_layout_set_single_paragraph_mode (self->layout, TRUE);
      self->context_serial = pango_context_get_serial (context);
      self->line_height = -1;
      rounds_text_line_invalidate (self);
    }
  else if (pango_context_get_serial (context) != self->context_serial)
    {
      pango_layout_context_changed (self->layout);
      self->context_serial = pango_context_get_serial (context);
      self->line_height = -1;
      rounds_text_line_invalidate (self);
    }

  if (self->line_height < 0)
    {
      const LineMetrics *line = lookup_metrics (context);

      self->ascent = line->ascent;
      self->line_height = line->line_height;
      self->char_width = line->char_width;
      self->ellipsis_width = line->ellipsis_width;
    }
  return self->layout;
}

static void
set_layout_width (RoundsTextLine *self,
                  int             width)
{
  if (self->layout_width == width)
    return;
  self->layout_width = width;
  pango_layout_set_width (self->layout, width);
  pango_layout_set_ellipsize (self->layout, width >= 0 ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
}

/* The text's whole width in pixels (shaped once per text and font). */
int
rounds_text_line_get_width (RoundsTextLine *self,
                            GtkWidget      *widget)
{
  PangoLayout *layout = rounds_text_line_get_layout (self, widget);

  if (self->text_width < 0)
    {
      PangoRectangle logical;

      set_layout_width (self, -1);
      pango_layout_get_pixel_extents (layout, NULL, &logical);
      self->text_width = logical.width;
    }
  return self->text_width;
}

/* Draws the line in @color (or @widget's colour) inside @area, centred
 * in its height, at @xalign (mirrored from right to left); with
 * @ellipsize, ellipsized at the end to the area's width when it does not
 * fit (or, never measured, laid out for that width: shaped once). The
 * font and direction are @widget's: a widget may draw lines in the style
 * of another (the Posts rows' pills). */
void
rounds_text_line_snapshot_in (RoundsTextLine        *self,
                              GtkWidget             *widget,
                              GtkSnapshot           *snapshot,
                              const graphene_rect_t *area,
                              gboolean               ellipsize,
                              float                  xalign,
                              const GdkRGBA         *color)
{
  PangoLayout *layout;
  PangoRectangle logical;
  int width = (int)area->size.width;
  int height = (int)area->size.height;
  GdkRGBA own;

  if (self->text == NULL || self->text[0] == '\0')
    return;

  layout = rounds_text_line_get_layout (self, widget);
  /* Shaped again only when the text or the width changed. */
  set_layout_width (self, ellipsize && (self->text_width < 0 || self->text_width > width)
                            ? width * PANGO_SCALE : -1);
  pango_layout_get_pixel_extents (layout, NULL, &logical);
  if (gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL)
    xalign = 1.0f - xalign;

  if (color == NULL)
    {
G_GNUC_BEGIN_IGNORE_DEPRECATIONS
      gtk_style_context_get_color (gtk_widget_get_style_context (widget), &own);
G_GNUC_END_IGNORE_DEPRECATIONS
      color = &own;
    }

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot,
                          &GRAPHENE_POINT_INIT (area->origin.x +
                                                floorf (xalign * (width - logical.width)) -
                                                logical.x,
                                                area->origin.y +
                                                floorf ((height - self->line_height) / 2.0f)));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

/* Draws the line over the whole of @widget, in its colour
 * (rounds_text_line_snapshot_in()). */
void
rounds_text_line_snapshot (RoundsTextLine *self,
                           GtkWidget      *widget,
                           GtkSnapshot    *snapshot,
                           gboolean        ellipsize,
                           float           xalign)
{
  graphene_rect_t area = GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget),
                                             gtk_widget_get_height (widget));

  rounds_text_line_snapshot_in (self, widget, snapshot, &area, ellipsize, xalign, NULL);
}

void
rounds_style_get_color (GtkWidget *style,
                        double     opacity,
                        GdkRGBA   *color)
{
G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (style), color);
G_GNUC_END_IGNORE_DEPRECATIONS
  /* A dim text is one colour: the same as drawing it at that opacity. */
  color->alpha *= opacity;
}

static void
get_box (GtkWidget *style,
         GtkBorder *padding,
         GtkBorder *border)
{
G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_padding (gtk_widget_get_style_context (style), padding);
  gtk_style_context_get_border (gtk_widget_get_style_context (style), border);
G_GNUC_END_IGNORE_DEPRECATIONS
}

void
rounds_text_line_get_pill_size (RoundsTextLine *self,
                                GtkWidget      *style,
                                int            *width,
                                int            *height)
{
  GtkBorder padding, border;

  rounds_text_line_get_layout (self, style);
  get_box (style, &padding, &border);
  if (width != NULL)
    *width = rounds_text_line_get_width (self, style) + padding.left + padding.right + border.left +
             border.right;
  *height = self->line_height + padding.top + padding.bottom + border.top + border.bottom;
}

void
rounds_text_line_snapshot_pill (RoundsTextLine *self,
                                GtkWidget      *style,
                                GtkSnapshot    *snapshot,
                                int             x,
                                int             y,
                                gboolean        background,
                                double          opacity)
{
  GtkBorder padding, border;
  GdkRGBA color;
  int width, height;

  rounds_text_line_get_pill_size (self, style, &width, &height);
  get_box (style, &padding, &border);
  if (background)
    {
G_GNUC_BEGIN_IGNORE_DEPRECATIONS
      gtk_snapshot_render_background (snapshot, gtk_widget_get_style_context (style), x, y, width, height);
G_GNUC_END_IGNORE_DEPRECATIONS
    }
  rounds_style_get_color (style, opacity, &color);
  rounds_text_line_snapshot_in (self, style, snapshot,
                                &GRAPHENE_RECT_INIT (x + border.left + padding.left, y + border.top + padding.top,
                                                     width - border.left - border.right - padding.left -
                                                     padding.right,
                                                     self->line_height),
                                FALSE, 0.0f, &color);
}
