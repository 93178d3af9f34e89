/* rounds-inbox-row.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-inbox"

#include "config.h"

#include <glib/gi18n.h>

#include "rounds-inbox-row.h"
#include "rounds-text-line.h"

/* One comment or review in the Inbox list (the child of a GtkListView
 * item, bound and rebound as the list scrolls): on its first line the
 * author, the stars, the network and the time, then the triage chip and
 * answered/due/overdue as pills at the end; under them the start of the
 * text on two lines. Its accessible name says all of it in one sentence.
 *
 * A row is one widget that draws its texts itself, as a Posts row does
 * (rounds-posts-row.c): GTK 4.8's list view keeps about 200 rows
 * whatever shows, and the first switch to the Inbox made them all as a
 * templated tree of nine widgets each (a box, a box, seven labels), each
 * styled, measured (the text shaped three or four times), allocated.
 * Here a row's height comes from its fonts' metrics and the number of
 * lines its text takes (one or two): each text is shaped once, for the
 * row's width, and that layout is the one drawn; the first line's texts
 * are shaped only when drawn.
 *
 * The pills, the stars and the author are drawn in the style of hidden
 * labels the page holds (rounds_inbox_row_new_styles()): the
 * stylesheet's colours, font, padding and background, one label per
 * kind of pill instead of one per row. */

#define MARGIN_X   12
#define MARGIN_Y   8
#define SPACING_X  8
#define SPACING_Y  4
#define BODY_LINES 2
#define MIN_WIDTH  240

/* Adwaita's .dim-label (GTK 4.8 has no getter for a style's opacity) */
#define DIM_OPACITY 0.55

enum {
  LINE_AUTHOR,
  LINE_STARS,
  LINE_NETWORK,
  LINE_TIME,
  LINE_CHIP,
  LINE_STATE,
  N_LINES
};

struct _RoundsInboxRow
{
  GtkWidget       parent_instance;

  GtkWidget      *styles;       /* the page's hidden labels, or NULL (not held) */
  RoundsComment  *comment;

  RoundsTextLine  lines[N_LINES];
  char           *body;
  PangoLayout    *body_layout;  /* made when first drawn */
  int             body_width;   /* what it was laid out for, Pango units */
  guint           body_serial;  /* its context's serial then */
  char           *chip_style;   /* "inbox-chip kind-praise", … */
  const char     *state_style;  /* "inbox-state state-answered", … */
};

G_DEFINE_FINAL_TYPE (RoundsInboxRow, rounds_inbox_row, GTK_TYPE_WIDGET)

/* ---- styles ----------------------------------------------------------- */

/* Every style a row draws in: the chip of each triage kind, the three
 * states, the stars and the author. */
static const char * const style_classes[] = {
  "inbox-chip kind-question", "inbox-chip kind-praise", "inbox-chip kind-complaint",
  "inbox-chip kind-health_details", "inbox-chip kind-crisis", "inbox-chip kind-spam",
  "inbox-chip kind-other", "inbox-state state-answered", "inbox-state state-overdue",
  "inbox-state state-due", "inbox-stars", "heading",
};

/**
 * rounds_inbox_row_new_styles:
 *
 * Returns: (transfer floating): a hidden box of hidden labels, one per
 *   style the rows draw in, for the page to put among its widgets (where
 *   the stylesheet styles them) and to give to each row it makes.
 */
GtkWidget *
rounds_inbox_row_new_styles (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  gtk_widget_set_visible (box, FALSE);
  gtk_accessible_update_state (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  for (guint i = 0; i < G_N_ELEMENTS (style_classes); i++)
    {
      g_auto(GStrv) classes = g_strsplit (style_classes[i], " ", -1);
      GtkWidget *label = g_object_new (GTK_TYPE_LABEL, "visible", FALSE, "css-classes", classes,
                                       "name", style_classes[i], NULL);

      gtk_box_append (GTK_BOX (box), label);
    }
  return box;
}

/* The hidden label styled with @classes, or the row itself. */
static GtkWidget *
style_of (RoundsInboxRow *self,
          const char     *classes)
{
  if (self->styles != NULL && classes != NULL)
    for (GtkWidget *child = gtk_widget_get_first_child (self->styles); child != NULL;
         child = gtk_widget_get_next_sibling (child))
      if (g_strcmp0 (gtk_widget_get_name (child), classes) == 0)
        return child;
  return GTK_WIDGET (self);
}

/* ---- size --------------------------------------------------------------- */

static int body_lines (RoundsInboxRow *self,
                       int             width);

/* A line's height in @style's font (no shaping: the font's metrics). */
static int
line_height (RoundsInboxRow *self,
             guint           line,
             GtkWidget      *style)
{
  rounds_text_line_get_layout (&self->lines[line], style);
  return self->lines[line].line_height;
}

/* A pill's height: its font's line, its padding and border. */
static int
pill_height (RoundsInboxRow *self,
             guint           line,
             const char     *classes)
{
  int height;

  rounds_text_line_get_pill_size (&self->lines[line], style_of (self, classes), NULL, &height);
  return height;
}

static int
first_line_height (RoundsInboxRow *self)
{
  int height = line_height (self, LINE_AUTHOR, style_of (self, "heading"));

  height = MAX (height, line_height (self, LINE_TIME, GTK_WIDGET (self)));
  /* The same for every chip and state: one of each */
  height = MAX (height, pill_height (self, LINE_CHIP, "inbox-chip kind-other"));
  return MAX (height, pill_height (self, LINE_STATE, "inbox-state state-due"));
}

static int
body_line_height (RoundsInboxRow *self)
{
  return line_height (self, LINE_TIME, GTK_WIDGET (self));
}

static void
rounds_inbox_row_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  RoundsInboxRow *self = ROUNDS_INBOX_ROW (widget);

  /* The texts are ellipsized to what the row is given: they ask for no
   * width of their own. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = MIN_WIDTH;
  else
    *minimum = *natural = 2 * MARGIN_Y + first_line_height (self) + SPACING_Y +
                          body_lines (self, for_size - 2 * MARGIN_X) * body_line_height (self);
}

/* The text takes one line or two, as wide as the row is */
static GtkSizeRequestMode
rounds_inbox_row_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

/* ---- drawing ------------------------------------------------------------ */

/* @x from the start, @width wide: the area from the left. */
static graphene_rect_t
area_at (RoundsInboxRow *self,
         int             x,
         int             y,
         int             width,
         int             height)
{
  if (gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL)
    x = gtk_widget_get_width (GTK_WIDGET (self)) - x - width;
  return GRAPHENE_RECT_INIT (x, y, width, height);
}

/* A pill ending at @end (from the start); returns where it starts. */
static int
draw_pill (RoundsInboxRow *self,
           GtkSnapshot    *snapshot,
           guint           line,
           const char     *classes,
           int             end,
           int             top,
           int             height)
{
  GtkWidget *style = style_of (self, classes);
  graphene_rect_t area;
  int width, pill;

  if (self->lines[line].text == NULL || self->lines[line].text[0] == '\0')
    return end + SPACING_X;
  rounds_text_line_get_pill_size (&self->lines[line], style, &width, &pill);
  area = area_at (self, end - width, top + (height - pill) / 2, width, pill);
  rounds_text_line_snapshot_pill (&self->lines[line], style, snapshot, area.origin.x, area.origin.y, TRUE, 1.0);
  return end - width;
}

/* A text from @x, at most to @end, ellipsized; returns where the next
 * one starts. */
static int
draw_text (RoundsInboxRow *self,
           GtkSnapshot    *snapshot,
           guint           line,
           GtkWidget      *style,
           const GdkRGBA  *color,
           int             x,
           int             end,
           int             top,
           int             height)
{
  int width;
  graphene_rect_t area;

  if (self->lines[line].text == NULL || self->lines[line].text[0] == '\0' || x >= end)
    return x;
  width = MIN (rounds_text_line_get_width (&self->lines[line], style), end - x);
  area = area_at (self, x, top, width, height);
  rounds_text_line_snapshot_in (&self->lines[line], style, snapshot, &area, TRUE, 0.0f, color);
  return x + width + SPACING_X;
}

/* The text's start, wrapped to @width and ellipsized on its second
 * line: shaped once per text and width (the row's height asks it, its
 * drawing uses it). */
static PangoLayout *
body_layout (RoundsInboxRow *self,
             int             width)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));

  if (self->body_layout != NULL && pango_layout_get_context (self->body_layout) != context)
    g_clear_object (&self->body_layout);
  if (self->body_layout == NULL)
    {
      self->body_layout = pango_layout_new (context);
      pango_layout_set_wrap (self->body_layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_ellipsize (self->body_layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_height (self->body_layout, -BODY_LINES);
      pango_layout_set_text (self->body_layout, self->body != NULL ? self->body : "", -1);
      self->body_width = -1;
      self->body_serial = pango_context_get_serial (context);
    }
  else if (self->body_serial != pango_context_get_serial (context))
    {
      /* A new font (text size, theme) */
      pango_layout_context_changed (self->body_layout);
      self->body_serial = pango_context_get_serial (context);
    }
  if (self->body_width != MAX (width, 1) * PANGO_SCALE)
    {
      self->body_width = MAX (width, 1) * PANGO_SCALE;
      pango_layout_set_width (self->body_layout, self->body_width);
    }
  return self->body_layout;
}

/* How many lines the text takes in @width (1 or 2; 2 when the width is
 * not known). */
static int
body_lines (RoundsInboxRow *self,
            int             width)
{
  if (self->body == NULL || self->body[0] == '\0')
    return 1;
  if (width <= 0)
    return BODY_LINES;
  return CLAMP (pango_layout_get_line_count (body_layout (self, width)), 1, BODY_LINES);
}

static void
draw_body (RoundsInboxRow *self,
           GtkSnapshot    *snapshot,
           int             top,
           int             width)
{
  gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;
  PangoLayout *layout;
  GdkRGBA color;

  if (self->body == NULL || self->body[0] == '\0' || width <= 0)
    return;
  layout = body_layout (self, width);
  pango_layout_set_alignment (layout, rtl ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
  rounds_style_get_color (GTK_WIDGET (self), 1.0, &color);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (MARGIN_X, top));
  gtk_snapshot_append_layout (snapshot, layout, &color);
  gtk_snapshot_restore (snapshot);
}

static void
rounds_inbox_row_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  RoundsInboxRow *self = ROUNDS_INBOX_ROW (widget);
  int width = gtk_widget_get_width (widget);
  int first = first_line_height (self);
  int end = width - MARGIN_X, x = MARGIN_X;
  GtkWidget *stars = style_of (self, "inbox-stars");
  GdkRGBA color, dim, stars_color;

  if (self->comment == NULL)
    return;
  rounds_style_get_color (widget, 1.0, &color);
  rounds_style_get_color (widget, DIM_OPACITY, &dim);
  rounds_style_get_color (stars, 1.0, &stars_color);

  /* The pills at the end, then the texts from the start in what they leave */
  end = draw_pill (self, snapshot, LINE_STATE, self->state_style, end, MARGIN_Y, first) -
        SPACING_X;
  end = draw_pill (self, snapshot, LINE_CHIP, self->chip_style, end, MARGIN_Y, first) - SPACING_X;
  x = draw_text (self, snapshot, LINE_AUTHOR, style_of (self, "heading"), &color, x, end,
                 MARGIN_Y, first);
  x = draw_text (self, snapshot, LINE_STARS, stars, &stars_color, x, end, MARGIN_Y, first);
  x = draw_text (self, snapshot, LINE_NETWORK, widget, &dim, x, end, MARGIN_Y, first);
  draw_text (self, snapshot, LINE_TIME, widget, &dim, x, end, MARGIN_Y, first);

  draw_body (self, snapshot, MARGIN_Y + first + SPACING_Y, width - 2 * MARGIN_X);
}

/* ---- GObject ------------------------------------------------------------ */

static void
rounds_inbox_row_dispose (GObject *object)
{
  RoundsInboxRow *self = ROUNDS_INBOX_ROW (object);

  g_clear_object (&self->comment);
  g_clear_object (&self->body_layout);

  G_OBJECT_CLASS (rounds_inbox_row_parent_class)->dispose (object);
}

static void
rounds_inbox_row_finalize (GObject *object)
{
  RoundsInboxRow *self = ROUNDS_INBOX_ROW (object);

  for (guint i = 0; i < N_LINES; i++)
    rounds_text_line_clear (&self->lines[i]);
  g_free (self->body);
  g_free (self->chip_style);

  G_OBJECT_CLASS (rounds_inbox_row_parent_class)->finalize (object);
}

static void
rounds_inbox_row_class_init (RoundsInboxRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rounds_inbox_row_dispose;
  object_class->finalize = rounds_inbox_row_finalize;
  widget_class->get_request_mode = rounds_inbox_row_get_request_mode;
  widget_class->measure = rounds_inbox_row_measure;
  widget_class->snapshot = rounds_inbox_row_snapshot;
  gtk_widget_class_set_css_name (widget_class, "inbox-row");
}

static void
rounds_inbox_row_init (RoundsInboxRow *self)
{
  for (guint i = 0; i < N_LINES; i++)
    rounds_text_line_init (&self->lines[i]);
}

/**
 * rounds_inbox_row_new:
 * @styles: (nullable): the page's rounds_inbox_row_new_styles()
 */
RoundsInboxRow *
rounds_inbox_row_new (GtkWidget *styles)
{
  RoundsInboxRow *self = g_object_new (ROUNDS_TYPE_INBOX_ROW, NULL);

  self->styles = styles;
  return self;
}

/**
 * rounds_inbox_row_bind:
 * @comment: (nullable): NULL unbinds
 * @tz: the practice's time zone
 */
void
rounds_inbox_row_bind (RoundsInboxRow         *self,
                       RoundsComment          *comment,
                       const RoundsInboxFacts *facts,
                       gint64                  now,
                       GTimeZone              *tz)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *time = NULL;
  g_autofree char *stars = NULL;
  g_autofree char *state = NULL;
  g_autofree char *name = NULL;
  g_autofree char *rating_words = NULL;
  gboolean review;
  int rating;

  g_return_if_fail (ROUNDS_IS_INBOX_ROW (self));

  g_set_object (&self->comment, comment);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (comment == NULL)
    return;

  rating = rounds_comment_get_rating (comment);
  review = rounds_comment_get_kind (comment) == ROUNDS_COMMENT_KIND_REVIEW;
  utc = g_date_time_new_from_unix_utc (rounds_comment_get_received_at (comment));
  when = g_date_time_to_timezone (utc, tz);
  time = g_date_time_format (when, "%e %b %H:%M");
  g_strstrip (time);
  stars = rating > 0 ? _rounds_inbox_dup_stars (rating) : NULL;
  state = _rounds_inbox_dup_due_text (facts, now);

  rounds_text_line_set_text (&self->lines[LINE_NETWORK],
                             rounds_network_get_label (rounds_comment_get_network (comment)));
  rounds_text_line_set_text (&self->lines[LINE_AUTHOR], rounds_comment_get_author (comment));
  rounds_text_line_set_text (&self->lines[LINE_STARS], stars);
  rounds_text_line_set_text (&self->lines[LINE_TIME], time);
  rounds_text_line_set_text (&self->lines[LINE_CHIP], _rounds_inbox_kind_label (facts->kind));
  g_free (self->chip_style);
  self->chip_style = g_strdup_printf ("inbox-chip kind-%s", facts->kind);
  rounds_text_line_set_text (&self->lines[LINE_STATE], state);
  self->state_style = facts->answered ? "inbox-state state-answered"
                      : facts->overdue ? "inbox-state state-overdue" : "inbox-state state-due";
  if (g_strcmp0 (self->body, rounds_comment_get_body (comment)) != 0)
    {
      g_free (self->body);
      self->body = g_strdup (rounds_comment_get_body (comment));
      if (self->body_layout != NULL)
        pango_layout_set_text (self->body_layout, self->body != NULL ? self->body : "", -1);
      /* One line or two */
      gtk_widget_queue_resize (GTK_WIDGET (self));
    }

  if (rating > 0)
    rating_words = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, ", %d star", ", %d stars", rating),
                                    rating);
  /* TRANSLATORS: a row of the Inbox for a screen reader: "Review by Paula
   * Brandt on Google, 2 stars, Complaint, Overdue by 3 hours, 5 Dec 09:12" */
  name = g_strdup_printf (review ? _("Review by %s on %s%s, %s%s%s, %s")
                                 : _("Comment by %s on %s%s, %s%s%s, %s"),
                          rounds_comment_get_author (comment),
                          rounds_network_get_label (rounds_comment_get_network (comment)),
                          rating_words ? rating_words : "",
                          _rounds_inbox_kind_label (facts->kind),
                          state ? ", " : "", state ? state : "", time);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  /* In a GtkListView the list item a screen reader lands on is the
   * parent (GTK 4.8 has no accessible label for a GtkListItem; 4.12
   * adds one): it says the same sentence. */
  if (gtk_widget_get_parent (GTK_WIDGET (self)) != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (GTK_WIDGET (self))),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

RoundsComment *
rounds_inbox_row_get_comment (RoundsInboxRow *self)
{
  g_return_val_if_fail (ROUNDS_IS_INBOX_ROW (self), NULL);
  return self->comment;
}

const char *
rounds_inbox_row_get_chip (RoundsInboxRow *self)
{
  g_return_val_if_fail (ROUNDS_IS_INBOX_ROW (self), NULL);
  return self->lines[LINE_CHIP].text != NULL ? self->lines[LINE_CHIP].text : "";
}

const char *
rounds_inbox_row_get_state (RoundsInboxRow *self)
{
  g_return_val_if_fail (ROUNDS_IS_INBOX_ROW (self), NULL);
  return self->lines[LINE_STATE].text != NULL ? self->lines[LINE_STATE].text : "";
}

/**
 * rounds_inbox_row_get_text_start:
 *
 * Returns: where the row's texts start, from its left (its right from
 *   right to left)
 */
int
rounds_inbox_row_get_text_start (RoundsInboxRow *self)
{
  g_return_val_if_fail (ROUNDS_IS_INBOX_ROW (self), 0);
  return MARGIN_X;
}
