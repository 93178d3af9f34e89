/* rounds-text-line.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* One line of text a widget draws itself from one PangoLayout kept
 * between frames (the Calendar's chips, the Posts list's cells), instead
 * of a GtkLabel: a label measures a text that changes by shaping it three
 * or four times (minimum, natural, height for width, allocation). Here
 * the line's height comes from the font's metrics (kept per font), not
 * from its text, so there is no height for width; the text is shaped
 * when its width is first asked for, and for the width it is drawn in.
 * Embedded in the widget's instance struct; the widget calls these from
 * its measure and snapshot. */
typedef struct
{
  char          *text;
  PangoAttrList *attrs;
  PangoLayout   *layout;
  guint          context_serial;

  /* From the font, for the widget's current context (-1: not yet) */
  int            line_height;
  int            ascent;
  int            char_width;      /* the wider of a letter and a digit */
  int            ellipsis_width;
  /* Invalidated by a new text, attributes or font */
  int            text_width;      /* unconstrained, pixels; -1: not measured */
  int            layout_width;    /* what the layout was last set to, Pango units */
} RoundsTextLine;

void         rounds_text_line_init           (RoundsTextLine *self);
void         rounds_text_line_clear          (RoundsTextLine *self);
gboolean     rounds_text_line_set_text       (RoundsTextLine *self,
                                              const char     *text);
void         rounds_text_line_set_attributes (RoundsTextLine *self,
                                              PangoAttrList  *attrs);
void         rounds_text_line_invalidate     (RoundsTextLine *self);
PangoLayout *rounds_text_line_get_layout     (RoundsTextLine *self,
                                              GtkWidget      *widget);
int          rounds_text_line_get_width      (RoundsTextLine *self,
                                              GtkWidget      *widget);
void         rounds_text_line_snapshot       (RoundsTextLine *self,
                                              GtkWidget      *widget,
                                              GtkSnapshot    *snapshot,
                                              gboolean        ellipsize,
                                              float           xalign);
void         rounds_text_line_snapshot_in    (RoundsTextLine        *self,
                                              GtkWidget             *widget,
                                              GtkSnapshot           *snapshot,
                                              const graphene_rect_t *area,
                                              gboolean               ellipsize,
                                              float                  xalign,
                                              const GdkRGBA         *color);

/* A pill: the line in @style's font, inside its padding and border (the
 * Posts list's and the Inbox's status pills, drawn in the style of a
 * hidden label that the stylesheet sets). @width may be NULL: the
 * height needs no shaping. */
void         rounds_text_line_get_pill_size  (RoundsTextLine *self,
                                              GtkWidget      *style,
                                              int            *width,
                                              int            *height);
void         rounds_text_line_snapshot_pill  (RoundsTextLine *self,
                                              GtkWidget      *style,
                                              GtkSnapshot    *snapshot,
                                              int             x,
                                              int             y,
                                              gboolean        background,
                                              double          opacity);
/* @style's text colour, at @opacity */
void         rounds_style_get_color          (GtkWidget      *style,
                                              double          opacity,
                                              GdkRGBA        *color);

G_END_DECLS
