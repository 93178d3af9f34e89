/* rounds-posts-row.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-posts-page"

#include "config.h"

#include <glib/gi18n.h>

#include "rounds-posts-header.h"
#include "rounds-posts-row.h"
#include "rounds-store-publish.h"
#include "rounds-text-line.h"
#include "rounds-time.h"

/* A row of the Posts list, bound to its post by the list's item factory:
 * the title, the status as a coloured pill, the time in practice time,
 * the networks, and what the compliance check found in it (how many
 * findings block it, how many need a decision) as a pill. It follows the
 * post's changes, and the check's answers, while bound.
 *
 * A row is one widget that draws its five columns itself, each text
 * from one kept PangoLayout (a RoundsTextLine, as the Calendar's chips):
 * GTK 4.8's list views keep about 200 rows whatever shows and make them
 * anew for every new order or filter, and a far scroll binds all of
 * them; a GtkColumnView's row was eleven widgets (its row and cells, and
 * ours), each styled, measured, allocated and drawn. The columns are
 * placed by rounds_posts_columns_place(), which the header above the
 * list uses too. The pills are drawn in the style of hidden labels of
 * the header (rounds_posts_header_get_style()): the stylesheet's
 * colours, font, padding and background, one widget per kind of pill
 * instead of one per row. A row's height comes from its fonts' metrics:
 * binding a row to another post draws it again, nothing is measured.
 *
 * To a screen reader, the row (the list's item) is named by the whole
 * post: title, time, networks, status and what the check found, as the
 * title cell named it before. Each column's tooltip is given when GTK
 * asks for it, for the column under the pointer.
 *
 * The status column also says how publishing went (DESIGN.md §4, §9): a
 * link per network where the post is live, the network's own message
 * and a Retry button (post.retry) when it failed, and when the next try
 * is while it is being retried. These are real widgets (after the pill,
 * and under it), made the first time a post bound to the row needs them
 * and kept from one post to the next. The row is given the post's
 * publications with it (the Posts list reads them with its pages, on a
 * worker); it never changes them.
 *
 * A row whose post has not been read yet (a far scroll: its page is
 * read on a worker) is bound to nothing but its id: it draws nothing,
 * with the height of a row, until the page comes. */

/* As GtkColumnView's cells were styled by Adwaita: 8 px above and
 * below, 6 px on each side and a 1 px border on the left of every
 * column but the first; a text (not a pill) 6 px more above and below. */
#define CELL_PAD_X  6
#define CELL_PAD_Y  8
#define TEXT_PAD_Y  6
#define TITLE_MIN   100

static const int fixed_widths[ROUNDS_POSTS_N_COLUMNS] = {
  [ROUNDS_POSTS_COLUMN_TITLE] = -1,   /* what the others leave */
  [ROUNDS_POSTS_COLUMN_STATUS] = 190,
  [ROUNDS_POSTS_COLUMN_TIME] = 170,
  [ROUNDS_POSTS_COLUMN_NETWORKS] = 200,
  [ROUNDS_POSTS_COLUMN_CHECKS] = 170,
};

struct _RoundsPostsRow
{
  GtkWidget            parent_instance;

  RoundsPostsHeader   *header;   /* the pills' styles, or NULL */
  RoundsPost          *post;
  GTimeZone           *tz;
  RoundsClock         *clock;
  GPtrArray           *publications;   /* the post's, or NULL */
  gint64               pending_id;     /* bound to a post not read yet, or 0 */
  RoundsCalendarMarks *marks;
  gulong               notify_handler;
  gulong               marks_handler;
  /* what the marks said of the post when last shown (title, check) */
  gboolean             counts_known;
  int                  n_block;
  int                  n_warn;

  RoundsTextLine       lines[ROUNDS_POSTS_N_COLUMNS];   /* the texts, drawn */
  char                *tips[ROUNDS_POSTS_N_COLUMNS];    /* the tooltips, or NULL */
  const char          *status_style;    /* "status-pill status-failed", … */
  const char          *checks_style;    /* "checks-pill checks-block", …, "checks-pill dim-label" */
  gboolean             time_dim;        /* "Not scheduled" */
  graphene_rect_t      drawn[ROUNDS_POSTS_N_COLUMNS];   /* where each was drawn last */

  /* the status column's widgets beside and under its pill, each made
   * when a post first needs it, else NULL */
  GtkWidget           *actions;        /* the links and Retry, after the pill */
  int                  actions_height; /* -1: to measure (actions_height()) */
  guint                actions_key;    /* which of them it was measured with */
  GtkBox              *links_box;
  GtkButton           *retry_button;
  gint64               retry_id;       /* the post Retry retries */
  GtkLabel            *detail_label;   /* the network's message, under them */
};

G_DEFINE_FINAL_TYPE (RoundsPostsRow, rounds_posts_row, GTK_TYPE_WIDGET)

/* The styles (CSS classes) a row draws its pills and dimmed text in:
 * each status's pill in the statuses' order, then the check's. */
static const char * const styles[] = {
  "status-pill status-draft", "status-pill status-in-review", "status-pill status-approved",
  "status-pill status-scheduled", "status-pill status-due", "status-pill status-publishing",
  "status-pill status-published", "status-pill status-failed", "status-pill status-cancelled",
  "checks-pill checks-block", "checks-pill checks-warn", "checks-pill checks-clear",
  "checks-pill dim-label", "dim-label",
};

G_STATIC_ASSERT (ROUNDS_POST_STATUS_LAST + 1 <= G_N_ELEMENTS (styles));

/* ---- the columns ------------------------------------------------------ */

/**
 * rounds_posts_columns_place:
 * @width: the row's width, at least rounds_posts_columns_get_min_width()
 * @rtl: whether the columns go from right to left
 * @boxes: (out caller-allocates): each column's box
 *
 * Where each column of the Posts list is in a row (and in the header
 * above the rows) @width wide: the title takes what the others (of a
 * fixed width) leave; from right to left the title is at the right.
 */
void
rounds_posts_columns_place (int                  width,
                            gboolean             rtl,
                            RoundsPostsColumnBox boxes[ROUNDS_POSTS_N_COLUMNS])
{
  int fixed = 0, x = 0;

  for (guint i = 0; i < ROUNDS_POSTS_N_COLUMNS; i++)
    fixed += MAX (fixed_widths[i], 0);
  for (guint i = 0; i < ROUNDS_POSTS_N_COLUMNS; i++)
    {
      int w = fixed_widths[i] >= 0 ? fixed_widths[i] : MAX (width - fixed, TITLE_MIN);

      boxes[i].x = rtl ? width - x - w : x;
      boxes[i].width = w;
      x += w;
    }
}

/**
 * rounds_posts_columns_get_content:
 * @x: (out): where the column's content starts (from the left)
 * @width: (out): its width
 *
 * The part of a column's box its text or pill is in: inside its padding
 * (and, but for the first column, its 1 px border on the left).
 */
void
rounds_posts_columns_get_content (const RoundsPostsColumnBox *box,
                                  RoundsPostsColumn           column,
                                  int                        *x,
                                  int                        *width)
{
  int border = column > 0 ? 1 : 0;

  *x = box->x + border + CELL_PAD_X;
  *width = MAX (box->width - border - 2 * CELL_PAD_X, 0);
}

/* The least width of a row: narrower, the list scrolls sideways. */
int
rounds_posts_columns_get_min_width (void)
{
  int width = TITLE_MIN;

  for (guint i = 0; i < ROUNDS_POSTS_N_COLUMNS; i++)
    width += MAX (fixed_widths[i], 0);
  return width;
}

/* ---- drawing ------------------------------------------------------------ */

/* The widget whose style a column is drawn in: the header's hidden label
 * for a pill (or the row itself without a header). */
static GtkWidget *
style_of (RoundsPostsRow *self,
          const char     *classes)
{
  GtkWidget *style = self->header != NULL && classes != NULL
                       ? rounds_posts_header_get_style (self->header, classes) : NULL;

  return style != NULL ? style : GTK_WIDGET (self);
}

static double
opacity_of (RoundsPostsRow *self,
            const char     *classes)
{
  return self->header != NULL ? rounds_posts_header_get_style_opacity (self->header, classes) : 1.0;
}

/* A pill's size: its text in its style's font, with its padding and
 * border. Its height needs no shaping (the font's line): @width is
 * asked for only where the pill is drawn or placed, not for the ~200
 * rows GTK 4.8 measures, of which a screenful is drawn. */
static void
measure_pill (RoundsPostsRow    *self,
              RoundsPostsColumn  column,
              const char        *classes,
              int               *width,
              int               *height)
{
  rounds_text_line_get_pill_size (&self->lines[column], style_of (self, classes), width, height);
}

/* A line of text's height in the row's own font. */
static int
line_height (RoundsPostsRow *self)
{
  rounds_text_line_get_layout (&self->lines[ROUNDS_POSTS_COLUMN_TITLE], GTK_WIDGET (self));
  return self->lines[ROUNDS_POSTS_COLUMN_TITLE].line_height;
}

static gboolean
shown (gpointer widget)
{
  return widget != NULL && gtk_widget_get_visible (widget);
}

/* The status column: its pill, after it the links and Retry (on the
 * pill's line, centred on it), under them the network's message, as a
 * block centred in the row's height. */
typedef struct
{
  int pill_width, pill_height;
  int line_height;     /* the pill's line: the pill, links and Retry */
  int detail_height;   /* the message's, or 0 */
} StatusBlock;

/* The links and Retry's height: their buttons' (one line), the same for
 * every post showing the same of them; kept until the style changes. */
static int
actions_height (RoundsPostsRow *self)
{
  guint key = (shown (self->links_box) ? 1 : 0) | (shown (self->retry_button) ? 2 : 0);

  if (self->actions_height < 0 || self->actions_key != key)
    {
      gtk_widget_measure (self->actions, GTK_ORIENTATION_VERTICAL, -1, NULL,
                          &self->actions_height, NULL, NULL);
      self->actions_key = key;
    }
  return self->actions_height;
}

/* @pill_width: whether the pill's width is needed (it is placed) */
static void
measure_status (RoundsPostsRow *self,
                int             width,
                gboolean        pill_width,
                StatusBlock    *block)
{
  block->pill_width = 0;
  measure_pill (self, ROUNDS_POSTS_COLUMN_STATUS, self->status_style,
                pill_width ? &block->pill_width : NULL, &block->pill_height);
  block->line_height = block->pill_height;
  block->detail_height = 0;
  if (shown (self->actions))
    block->line_height = MAX (block->line_height, actions_height (self));
  if (shown (self->detail_label))
    gtk_widget_measure (GTK_WIDGET (self->detail_label), GTK_ORIENTATION_VERTICAL, width, NULL,
                        &block->detail_height, NULL, NULL);
}

/* The status column's content width in a row @width wide. */
static int
status_content_width (int width)
{
  RoundsPostsColumnBox boxes[ROUNDS_POSTS_N_COLUMNS];
  int x, w;

  rounds_posts_columns_place (MAX (width, rounds_posts_columns_get_min_width ()), FALSE, boxes);
  rounds_posts_columns_get_content (&boxes[ROUNDS_POSTS_COLUMN_STATUS],
                                    ROUNDS_POSTS_COLUMN_STATUS, &x, &w);
  return w;
}

/* The row's height for @width: its tallest column's, with its padding. */
static int
row_height (RoundsPostsRow *self,
            int             width)
{
  int height = line_height (self) + 2 * (CELL_PAD_Y + TEXT_PAD_Y);
  int pill_height;
  StatusBlock block;

  measure_pill (self, ROUNDS_POSTS_COLUMN_CHECKS, self->checks_style, NULL, &pill_height);
  height = MAX (height, pill_height + 2 * CELL_PAD_Y);
  measure_status (self, status_content_width (width), FALSE, &block);
  return MAX (height, block.line_height + block.detail_height + 2 * CELL_PAD_Y);
}

/* A network's message under the status trades width for height: it
 * wraps to two lines in the narrow column. */
static GtkSizeRequestMode
rounds_posts_row_get_request_mode (GtkWidget *widget)
{
  return shown (ROUNDS_POSTS_ROW (widget)->detail_label)
           ? GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH : GTK_SIZE_REQUEST_CONSTANT_SIZE;
}

static void
rounds_posts_row_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  RoundsPostsRow *self = ROUNDS_POSTS_ROW (widget);

  /* The columns have fixed widths but the title's, which takes the rest:
   * the texts ask for no width of their own. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = rounds_posts_columns_get_min_width ();
  else
    *minimum = *natural = row_height (self, for_size);
}

/* Where the status column's block starts (its top) in a row @height
 * tall. */
static int
status_top (const StatusBlock *block,
            int                height)
{
  return CELL_PAD_Y + (height - 2 * CELL_PAD_Y - block->line_height - block->detail_height) / 2;
}

static void
rounds_posts_row_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  RoundsPostsRow *self = ROUNDS_POSTS_ROW (widget);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  RoundsPostsColumnBox boxes[ROUNDS_POSTS_N_COLUMNS];
  StatusBlock block;
  int x, w, top;

  if (!shown (self->actions) && !shown (self->detail_label))
    return;
  rounds_posts_columns_place (width, rtl, boxes);
  rounds_posts_columns_get_content (&boxes[ROUNDS_POSTS_COLUMN_STATUS],
                                    ROUNDS_POSTS_COLUMN_STATUS, &x, &w);
  measure_status (self, w, TRUE, &block);
  top = status_top (&block, height);
  if (shown (self->actions))
    {
      int after = block.pill_width + 6;   /* the pill, and the box's spacing */

      gtk_widget_size_allocate (self->actions,
                                &(GtkAllocation) { rtl ? x : x + after, top,
                                                   MAX (w - after, 0), block.line_height }, -1);
    }
  if (shown (self->detail_label))
    gtk_widget_size_allocate (GTK_WIDGET (self->detail_label),
                              &(GtkAllocation) { x, top + block.line_height, w,
                                                 block.detail_height }, -1);
}

/* A pill: its style's background, and its text in its style's font and
 * colour, at the start of its column, centred in the row's height. */
static void
draw_pill (RoundsPostsRow    *self,
           GtkSnapshot       *snapshot,
           RoundsPostsColumn  column,
           const char        *classes,
           int                x,
           int                width,
           gboolean           rtl)
{
  GtkWidget *style = style_of (self, classes);
  int pill_width, pill_height, y;

  if (self->lines[column].text == NULL)
    return;
  measure_pill (self, column, classes, &pill_width, &pill_height);
  if (rtl)
    x += width - pill_width;
  if (column == ROUNDS_POSTS_COLUMN_STATUS)
    {
      /* On its line, above the network's message if there is one. */
      StatusBlock block;

      measure_status (self, width, FALSE, &block);
      y = status_top (&block, gtk_widget_get_height (GTK_WIDGET (self))) +
          (block.line_height - pill_height) / 2;
    }
  else
    y = CELL_PAD_Y + (gtk_widget_get_height (GTK_WIDGET (self)) - 2 * CELL_PAD_Y - pill_height) / 2;
  self->drawn[column] = GRAPHENE_RECT_INIT (x, y, pill_width, pill_height);
  rounds_text_line_snapshot_pill (&self->lines[column], style, snapshot, x, y, style != GTK_WIDGET (self),
                                  opacity_of (self, classes));
}

/* A row whose post is still being read (a far scroll or a fling lands
 * on rows whose page has not come yet) shows the shape of a row — a
 * faint rounded bar where each column's text will be — rather than empty
 * space. The bars' lengths vary from row to row with the post's id. */
static void
snapshot_pending (RoundsPostsRow             *self,
                  GtkSnapshot                *snapshot,
                  const RoundsPostsColumnBox *boxes,
                  gboolean                    rtl)
{
  /* Each column's bar, in tenths of the column: title, status, time,
   * networks, check */
  static const int tenths[ROUNDS_POSTS_N_COLUMNS] = { 6, 4, 7, 5, 5 };
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  int bar_height = MAX (line_height (self) * 2 / 3, 4);
  int y = (height - bar_height) / 2;
  GdkRGBA color;

  rounds_style_get_color (GTK_WIDGET (self), 0.1, &color);
  for (RoundsPostsColumn c = 0; c < ROUNDS_POSTS_N_COLUMNS; c++)
    {
      int x, w, bar;
      graphene_rect_t rect;
      GskRoundedRect rounded;

      rounds_posts_columns_get_content (&boxes[c], c, &x, &w);
      bar = w * (tenths[c] + (int)((self->pending_id + c) % 3)) / 10;
      bar = CLAMP (bar, 0, w);
      if (bar <= 0)
        continue;
      rect = GRAPHENE_RECT_INIT (rtl ? x + w - bar : x, y, bar, bar_height);
      gsk_rounded_rect_init_from_rect (&rounded, &rect, bar_height / 2.0f);
      gtk_snapshot_push_rounded_clip (snapshot, &rounded);
      gtk_snapshot_append_color (snapshot, &color, &rect);
      gtk_snapshot_pop (snapshot);
    }
}

static void
rounds_posts_row_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  RoundsPostsRow *self = ROUNDS_POSTS_ROW (widget);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  int height = gtk_widget_get_height (widget);
  RoundsPostsColumnBox boxes[ROUNDS_POSTS_N_COLUMNS];
  GdkRGBA color, dim;

  rounds_posts_columns_place (gtk_widget_get_width (widget), rtl, boxes);
  if (self->post == NULL && self->pending_id != 0)
    {
      snapshot_pending (self, snapshot, boxes, rtl);
      return;
    }
  rounds_style_get_color (widget, 1.0, &color);
  rounds_style_get_color (widget, opacity_of (self, "dim-label"), &dim);

  for (RoundsPostsColumn c = 0; c < ROUNDS_POSTS_N_COLUMNS; c++)
    {
      int x, w;

      rounds_posts_columns_get_content (&boxes[c], c, &x, &w);
      switch (c)
        {
        case ROUNDS_POSTS_COLUMN_STATUS:
          draw_pill (self, snapshot, c, self->status_style, x, w, rtl);
          if (shown (self->actions))
            gtk_widget_snapshot_child (widget, self->actions, snapshot);
          if (shown (self->detail_label))
            gtk_widget_snapshot_child (widget, GTK_WIDGET (self->detail_label), snapshot);
          break;
        case ROUNDS_POSTS_COLUMN_CHECKS:
          draw_pill (self, snapshot, c, self->checks_style, x, w, rtl);
          break;
        default:
          /* A text ellipsized to its column, at its start. */
          self->drawn[c] = GRAPHENE_RECT_INIT (x, CELL_PAD_Y + TEXT_PAD_Y, w,
                                               MAX (height - 2 * (CELL_PAD_Y + TEXT_PAD_Y), 0));
          rounds_text_line_snapshot_in (&self->lines[c], widget, snapshot, &self->drawn[c], TRUE,
                                        0.0f,
                                        c == ROUNDS_POSTS_COLUMN_TIME && self->time_dim
                                          ? &dim : &color);
          break;
        }
    }
}

/* The column under @x, from the start. */
static RoundsPostsColumn
column_at (RoundsPostsRow *self,
           int             x)
{
  RoundsPostsColumnBox boxes[ROUNDS_POSTS_N_COLUMNS];

  rounds_posts_columns_place (gtk_widget_get_width (GTK_WIDGET (self)),
                              gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL,
                              boxes);
  for (RoundsPostsColumn c = 0; c < ROUNDS_POSTS_N_COLUMNS; c++)
    if (x >= boxes[c].x && x < boxes[c].x + boxes[c].width)
      return c;
  return ROUNDS_POSTS_COLUMN_TITLE;
}

/* The tooltip of the column under the pointer (a pill's over the pill
 * only, as when it was a widget of its own). Given when GTK asks for it,
 * not set as the tooltip text: in GTK 4.8 setting a visible widget's
 * tooltip text asks the X server where the pointer is, and a far scroll
 * binds about 200 rows a frame (bench/README.md). */
static gboolean
on_query_tooltip_cb (RoundsPostsRow *self,
                     int             x,
                     int             y,
                     gboolean        keyboard,
                     GtkTooltip     *tooltip)
{
  RoundsPostsColumn column = column_at (self, x);
  graphene_rect_t *area = &self->drawn[column];
  GdkRectangle rect;

  if (self->tips[column] == NULL || keyboard)
    return FALSE;
  if ((column == ROUNDS_POSTS_COLUMN_STATUS || column == ROUNDS_POSTS_COLUMN_CHECKS) &&
      !graphene_rect_contains_point (area, &GRAPHENE_POINT_INIT (x, y)))
    return FALSE;
  rect = (GdkRectangle) { (int)area->origin.x, 0, (int)area->size.width,
                          gtk_widget_get_height (GTK_WIDGET (self)) };
  gtk_tooltip_set_text (tooltip, self->tips[column]);
  /* Asked again in another column. */
  gtk_tooltip_set_tip_area (tooltip, &rect);
  return TRUE;
}

/* ---- what the row says ------------------------------------------------ */

static void
set_text (RoundsPostsRow    *self,
          RoundsPostsColumn  column,
          const char        *text)
{
  rounds_text_line_set_text (&self->lines[column], text);
}

static void
set_tip (RoundsPostsRow    *self,
         RoundsPostsColumn  column,
         const char        *text)
{
  if (text != NULL && *text == '\0')
    text = NULL;
  if (g_strcmp0 (self->tips[column], text) == 0)
    return;
  g_free (self->tips[column]);
  self->tips[column] = g_strdup (text);
}

/* The marks' counts for the bound post, noted as the ones shown. */
static gboolean
lookup_counts (RoundsPostsRow *self,
               int            *n_block,
               int            *n_warn)
{
  *n_block = *n_warn = 0;
  self->counts_known = self->marks != NULL &&
                       rounds_calendar_marks_lookup_counts (self->marks, self->post, n_block,
                                                            n_warn);
  self->n_block = *n_block;
  self->n_warn = *n_warn;
  return self->counts_known;
}

/* The title, and the row's name: the list's item (the row a screen
 * reader lands on) says the whole post. */
static void
update_title (RoundsPostsRow *self)
{
  RoundsPost *post = self->post;
  GtkWidget *item = gtk_widget_get_parent (GTK_WIDGET (self));
  g_autofree char *title = rounds_post_dup_display_title (post);
  g_autofree char *networks = rounds_networks_get_label (rounds_post_get_networks (post));
  g_autofree char *when = NULL;
  g_autofree char *description = NULL;
  g_autofree char *checks = NULL;

  if (self->counts_known)
    checks = rounds_posts_describe_checks (self->n_block, self->n_warn);
  else
    checks = g_strdup (_("not checked yet"));

  if (rounds_post_get_scheduled_at (post) > 0 && self->tz != NULL)
    when = rounds_time_format (self->tz, rounds_post_get_scheduled_at (post), "%A %-d %B %H:%M");
  else
    when = g_strdup (_("not scheduled"));

  /* TRANSLATORS: read by screen readers for a row of the posts list:
   * title, time, networks, status, what the check found */
  description = g_strdup_printf (_("%s, %s, %s, %s, %s"), title, when, networks,
                                 rounds_post_status_get_label (rounds_post_get_status (post)),
                                 checks);
  gtk_accessible_update_property (GTK_ACCESSIBLE (item != NULL ? item : GTK_WIDGET (self)),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);
  set_text (self, ROUNDS_POSTS_COLUMN_TITLE, title);
}

/* Sets @widget's tooltip text; returns whether it changed. GTK 4.8 asks
 * the X server where the pointer is when a visible widget's tooltip
 * text is set (a round trip, for a tooltip that may be up), not when a
 * hidden one's is: the widget is hidden meanwhile. */
static gboolean
set_tooltip (GtkWidget  *widget,
             const char *text)
{
  gboolean visible = gtk_widget_get_visible (widget);

  if (g_strcmp0 (gtk_widget_get_tooltip_text (widget), text) == 0)
    return FALSE;
  gtk_widget_set_visible (widget, FALSE);
  gtk_widget_set_tooltip_text (widget, text);
  gtk_widget_set_visible (widget, visible);
  return TRUE;
}

/* Only links the network gave that a browser can open safely. */
static gboolean
is_web_url (const char *url)
{
  return url != NULL && (g_str_has_prefix (url, "https://") || g_str_has_prefix (url, "http://"));
}

/* The status column's widgets are made the first time a post bound to
 * the row needs them, and kept hidden for the posts that do not: GTK
 * 4.8's list keeps about 200 rows whatever shows, and each widget of a
 * row is paid that many times (bench/README.md, "Where the memory
 * goes"). The pill stays the row's own drawing: the links and Retry go
 * after it (a box), the network's message under them (a label). */
static void
ensure_actions (RoundsPostsRow *self)
{
  if (self->actions != NULL)
    return;
  self->actions = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->links_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2));
  gtk_box_append (GTK_BOX (self->actions), GTK_WIDGET (self->links_box));
  gtk_widget_set_visible (self->actions, FALSE);
  gtk_widget_set_parent (self->actions, GTK_WIDGET (self));
}

static void
ensure_retry (RoundsPostsRow *self)
{
  ensure_actions (self);
  if (self->retry_button != NULL)
    return;
  self->retry_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Retry")));
  gtk_widget_set_visible (GTK_WIDGET (self->retry_button), FALSE);
  gtk_widget_set_valign (GTK_WIDGET (self->retry_button), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->retry_button), "flat");
  gtk_box_append (GTK_BOX (self->actions), GTK_WIDGET (self->retry_button));
}

static void
ensure_detail (RoundsPostsRow *self)
{
  if (self->detail_label != NULL)
    return;
  self->detail_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_visible (GTK_WIDGET (self->detail_label), FALSE);
  gtk_label_set_xalign (self->detail_label, 0);
  gtk_label_set_wrap (self->detail_label, TRUE);
  gtk_label_set_wrap_mode (self->detail_label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (self->detail_label, 2);
  gtk_label_set_ellipsize (self->detail_label, PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (self->detail_label, 24);
  gtk_widget_add_css_class (GTK_WIDGET (self->detail_label), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (self->detail_label), "dim-label");
  gtk_widget_set_parent (GTK_WIDGET (self->detail_label), GTK_WIDGET (self));
}

static void
set_visible (GtkWidget *widget,
             gboolean   visible)
{
  if (widget != NULL && gtk_widget_get_visible (widget) != visible)
    gtk_widget_set_visible (widget, visible);
}

static void
update_publishing (RoundsPostsRow *self)
{
  RoundsPost *post = self->post;
  RoundsPostStatus status = rounds_post_get_status (post);
  const char *message = rounds_post_get_last_error (post);
  g_autoptr(GPtrArray) pubs = NULL;
  g_autofree char *title = NULL;
  g_autofree char *retry_name = NULL;
  g_autofree char *detail = NULL;
  GtkWidget *child;
  gint64 next_try = 0;
  guint n_links = 0;

  if (self->publications != NULL &&
      (status == ROUNDS_POST_STATUS_PUBLISHING || status == ROUNDS_POST_STATUS_PUBLISHED ||
       status == ROUNDS_POST_STATUS_FAILED || status == ROUNDS_POST_STATUS_DUE))
    pubs = g_ptr_array_ref (self->publications);

  for (guint i = 0; pubs != NULL && i < pubs->len; i++)
    {
      RoundsPublication *p = g_ptr_array_index (pubs, i);
      RoundsPublicationState state = rounds_publication_get_state (p);
      gint64 at = rounds_publication_get_next_try_at (p);

      if (state == ROUNDS_PUBLICATION_PUBLISHED && is_web_url (rounds_publication_get_url (p)))
        n_links++;
      else if ((state == ROUNDS_PUBLICATION_QUEUED || state == ROUNDS_PUBLICATION_PUBLISHING) &&
               at > 0 && (next_try == 0 || at < next_try))
        next_try = at;
    }

  if (status == ROUNDS_POST_STATUS_FAILED)
    detail = g_strdup (message != NULL && *message != '\0'
                         ? message : _("The network gave no reason"));
  else if (status == ROUNDS_POST_STATUS_PUBLISHING && next_try > 0 && self->tz != NULL &&
           self->clock != NULL)
    {
      g_autofree char *when = rounds_time_format_short (self->tz, next_try,
                                                        rounds_clock_get_now (self->clock));

      if (message != NULL && *message != '\0')
        /* TRANSLATORS: "Next try Today 14:05: Too many requests" */
        detail = g_strdup_printf (_("Next try %s: %s"), when, message);
      else
        /* TRANSLATORS: "Next try Today 14:05" */
        detail = g_strdup_printf (_("Next try %s"), when);
    }
  else if (status == ROUNDS_POST_STATUS_PUBLISHING && message != NULL && *message != '\0')
    detail = g_strdup (message);

  /* Nothing to show beyond the pill: no widget is made (or those made
   * for an earlier post are hidden). */
  if (n_links == 0 && detail == NULL && status != ROUNDS_POST_STATUS_FAILED)
    {
      set_visible (self->actions, FALSE);
      set_visible (GTK_WIDGET (self->detail_label), FALSE);
      return;
    }
  if (n_links > 0)
    ensure_actions (self);
  if (status == ROUNDS_POST_STATUS_FAILED)
    ensure_retry (self);
  if (detail != NULL)
    ensure_detail (self);
  set_visible (self->actions, n_links > 0 || status == ROUNDS_POST_STATUS_FAILED);

  /* The links of the last post bound are used again, so that a row
   * bound anew (every row of a screenful, at each step of a fast
   * scroll) makes no widget. */
  child = self->links_box != NULL ? gtk_widget_get_first_child (GTK_WIDGET (self->links_box))
                                  : NULL;
  for (guint i = 0; pubs != NULL && i < pubs->len; i++)
    {
      RoundsPublication *p = g_ptr_array_index (pubs, i);
      const char *url = rounds_publication_get_url (p);

      if (rounds_publication_get_state (p) == ROUNDS_PUBLICATION_PUBLISHED && is_web_url (url))
        {
          const char *network = rounds_network_get_label (rounds_publication_get_network (p));
          GtkWidget *link = child;
          g_autofree char *name = NULL;

          if (link == NULL)
            {
              link = gtk_link_button_new_with_label (url, network);
              gtk_widget_set_valign (link, GTK_ALIGN_CENTER);
              gtk_box_append (self->links_box, link);
            }
          else
            child = gtk_widget_get_next_sibling (child);
          if (g_strcmp0 (gtk_link_button_get_uri (GTK_LINK_BUTTON (link)), url) != 0)
            gtk_link_button_set_uri (GTK_LINK_BUTTON (link), url);
          if (g_strcmp0 (gtk_button_get_label (GTK_BUTTON (link)), network) != 0)
            gtk_button_set_label (GTK_BUTTON (link), network);
          /* TRANSLATORS: a link's accessible name and tooltip: "Open the post on Mastodon" */
          name = g_strdup_printf (_("Open the post on %s"), network);
          if (set_tooltip (link, name))
            gtk_accessible_update_property (GTK_ACCESSIBLE (link), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                            name, -1);
          gtk_widget_set_visible (link, TRUE);
        }
    }
  for (; child != NULL; child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_visible (child, FALSE);
  if (self->links_box != NULL)
    set_visible (GTK_WIDGET (self->links_box), n_links > 0);

  if (self->retry_button != NULL)
    set_visible (GTK_WIDGET (self->retry_button), status == ROUNDS_POST_STATUS_FAILED);
  if (status == ROUNDS_POST_STATUS_FAILED && self->retry_id != rounds_post_get_id (post))
    {
      title = rounds_post_dup_display_title (post);
      /* TRANSLATORS: the Retry button's accessible name: "Retry publishing Flu shots" */
      retry_name = g_strdup_printf (_("Retry publishing %s"), title);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->retry_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, retry_name, -1);
      /* The target first: the action takes the post's id. */
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->retry_button),
                                              g_variant_new_int64 (rounds_post_get_id (post)));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->retry_button), "post.retry");
      self->retry_id = rounds_post_get_id (post);
    }

  if (self->detail_label != NULL)
    {
      if (g_strcmp0 (gtk_label_get_text (self->detail_label), detail ? detail : "") != 0)
        gtk_label_set_text (self->detail_label, detail ? detail : "");
      set_tooltip (GTK_WIDGET (self->detail_label), detail);
      set_visible (GTK_WIDGET (self->detail_label), detail != NULL);
    }
}

static void
update_status (RoundsPostsRow *self)
{
  RoundsPostStatus status = rounds_post_get_status (self->post);

  /* The statuses' styles come first, in the statuses' order. */
  self->status_style = styles[status];
  set_text (self, ROUNDS_POSTS_COLUMN_STATUS, rounds_post_status_get_label (status));
  set_tip (self, ROUNDS_POSTS_COLUMN_STATUS, rounds_post_get_last_error (self->post));
  update_publishing (self);
}

static void
update_time (RoundsPostsRow *self)
{
  gint64 when = rounds_post_get_scheduled_at (self->post);

  self->time_dim = when == 0 || self->tz == NULL || self->clock == NULL;
  if (self->time_dim)
    set_text (self, ROUNDS_POSTS_COLUMN_TIME, _("Not scheduled"));
  else
    {
      g_autofree char *text = rounds_time_format_short (self->tz, when,
                                                        rounds_clock_get_now (self->clock));

      set_text (self, ROUNDS_POSTS_COLUMN_TIME, text);
    }
}

static void
update_networks (RoundsPostsRow *self)
{
  g_autofree char *text = rounds_networks_get_label (rounds_post_get_networks (self->post));

  set_text (self, ROUNDS_POSTS_COLUMN_NETWORKS, text);
  set_tip (self, ROUNDS_POSTS_COLUMN_NETWORKS, text);
}

static void
update_checks (RoundsPostsRow *self)
{
  int n_block = self->n_block, n_warn = self->n_warn;
  g_autofree char *text = NULL;
  g_autofree char *tip = NULL;

  if (!self->counts_known)
    {
      self->checks_style = "checks-pill dim-label";
      set_text (self, ROUNDS_POSTS_COLUMN_CHECKS, _("Checking…"));
      set_tip (self, ROUNDS_POSTS_COLUMN_CHECKS, NULL);
      return;
    }

  if (n_block > 0 && n_warn > 0)
    /* TRANSLATORS: the Posts list's check column: "2 to fix, 1 to decide" */
    text = g_strdup_printf (_("%d to fix, %d to decide"), n_block, n_warn);
  else if (n_block > 0)
    /* TRANSLATORS: the Posts list's check column: findings that block the post */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d to fix", "%d to fix", n_block),
                            n_block);
  else if (n_warn > 0)
    /* TRANSLATORS: the Posts list's check column: findings that need a decision */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d to decide", "%d to decide",
                                         n_warn), n_warn);
  else
    text = g_strdup (_("No problems"));
  self->checks_style = n_block > 0 ? "checks-pill checks-block"
                       : n_warn > 0 ? "checks-pill checks-warn" : "checks-pill checks-clear";
  set_text (self, ROUNDS_POSTS_COLUMN_CHECKS, text);
  tip = rounds_posts_describe_checks (n_block, n_warn);
  set_tip (self, ROUNDS_POSTS_COLUMN_CHECKS, tip);
}

static void
update (RoundsPostsRow *self)
{
  int n_block, n_warn;

  if (self->post == NULL)
    return;
  lookup_counts (self, &n_block, &n_warn);
  update_title (self);
  update_status (self);
  update_time (self);
  update_networks (self);
  update_checks (self);
  /* The row's height does not depend on its texts: drawn again, not
   * measured (but with the publishing widgets shown or hidden). */
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The check's answers changed (some posts', a batch at a time): only a
 * row whose post's counts changed shows anything new. */
static void
on_marks_changed_cb (RoundsPostsRow *self)
{
  int n_block = 0, n_warn = 0;
  gboolean known;

  if (self->post == NULL)
    return;
  known = rounds_calendar_marks_lookup_counts (self->marks, self->post, &n_block, &n_warn);
  if (known == self->counts_known && n_block == self->n_block && n_warn == self->n_warn)
    return;
  lookup_counts (self, &n_block, &n_warn);
  update_title (self);
  update_checks (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* A new theme or text size: the links' height is measured again. */
static void
rounds_posts_row_css_changed (GtkWidget         *widget,
                              GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (rounds_posts_row_parent_class)->css_changed (widget, change);
  ROUNDS_POSTS_ROW (widget)->actions_height = -1;
}

static void
rounds_posts_row_dispose (GObject *object)
{
  RoundsPostsRow *self = ROUNDS_POSTS_ROW (object);

  rounds_posts_row_unbind (self);
  g_clear_pointer (&self->actions, gtk_widget_unparent);
  if (self->detail_label != NULL)
    gtk_widget_unparent (GTK_WIDGET (g_steal_pointer (&self->detail_label)));
  g_clear_object (&self->header);

  G_OBJECT_CLASS (rounds_posts_row_parent_class)->dispose (object);
}

static void
rounds_posts_row_finalize (GObject *object)
{
  RoundsPostsRow *self = ROUNDS_POSTS_ROW (object);

  for (guint i = 0; i < ROUNDS_POSTS_N_COLUMNS; i++)
    {
      rounds_text_line_clear (&self->lines[i]);
      g_free (self->tips[i]);
    }

  G_OBJECT_CLASS (rounds_posts_row_parent_class)->finalize (object);
}

static void
rounds_posts_row_class_init (RoundsPostsRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rounds_posts_row_dispose;
  object_class->finalize = rounds_posts_row_finalize;
  widget_class->get_request_mode = rounds_posts_row_get_request_mode;
  widget_class->measure = rounds_posts_row_measure;
  widget_class->size_allocate = rounds_posts_row_size_allocate;
  widget_class->snapshot = rounds_posts_row_snapshot;
  widget_class->css_changed = rounds_posts_row_css_changed;
  gtk_widget_class_set_css_name (widget_class, "posts-row");
  /* The list's item is what a screen reader says (update_title()). */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
rounds_posts_row_init (RoundsPostsRow *self)
{
  for (guint i = 0; i < ROUNDS_POSTS_N_COLUMNS; i++)
    rounds_text_line_init (&self->lines[i]);
  self->status_style = "status-pill status-draft";
  self->actions_height = -1;
  self->checks_style = "checks-pill dim-label";
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip_cb), NULL);
}

/**
 * rounds_posts_row_new:
 * @header: (nullable): the list's #RoundsPostsHeader, whose styles the
 *   pills are drawn in
 */
GtkWidget *
rounds_posts_row_new (GtkWidget *header)
{
  RoundsPostsRow *self = g_object_new (ROUNDS_TYPE_POSTS_ROW, NULL);

  g_return_val_if_fail (header == NULL || ROUNDS_IS_POSTS_HEADER (header), NULL);
  self->header = header != NULL ? g_object_ref (ROUNDS_POSTS_HEADER (header)) : NULL;
  return GTK_WIDGET (self);
}

/**
 * rounds_posts_row_bind:
 * @publications: (nullable) (element-type RoundsPublication): the post's
 *   publications (held while bound), %NULL for none
 * @tz: (nullable): the practice's time zone
 * @clock: (nullable): what "now" is, for relative times
 * @marks: (nullable): the compliance check's answers
 */
void
rounds_posts_row_bind (RoundsPostsRow      *self,
                       RoundsPost          *post,
                       GPtrArray           *publications,
                       GTimeZone           *tz,
                       RoundsClock         *clock,
                       RoundsCalendarMarks *marks)
{
  g_return_if_fail (ROUNDS_IS_POSTS_ROW (self));
  g_return_if_fail (ROUNDS_IS_POST (post));

  rounds_posts_row_unbind (self);
  self->post = g_object_ref (post);
  self->tz = tz != NULL ? g_time_zone_ref (tz) : NULL;
  g_set_object (&self->clock, clock);
  self->publications = publications != NULL ? g_ptr_array_ref (publications) : NULL;
  /* Plain handlers, not g_signal_connect_object(): the row holds the
   * post and the marks while bound and disconnects at unbind (and at
   * dispose), and a screenful of rows bound anew connects hundreds of
   * handlers: no watch of the row is needed. */
  self->notify_handler = g_signal_connect_swapped (post, "notify", G_CALLBACK (update), self);
  if (marks != NULL)
    {
      self->marks = g_object_ref (marks);
      self->marks_handler = g_signal_connect_swapped (marks, "changed",
                                                      G_CALLBACK (on_marks_changed_cb), self);
    }
  update (self);
}

void
rounds_posts_row_unbind (RoundsPostsRow *self)
{
  g_return_if_fail (ROUNDS_IS_POSTS_ROW (self));

  if (self->post != NULL)
    g_clear_signal_handler (&self->notify_handler, self->post);
  if (self->marks != NULL)
    g_clear_signal_handler (&self->marks_handler, self->marks);
  g_clear_object (&self->marks);
  g_clear_object (&self->post);
  g_clear_pointer (&self->tz, g_time_zone_unref);
  g_clear_object (&self->clock);
  g_clear_pointer (&self->publications, g_ptr_array_unref);
  self->pending_id = 0;
}

/**
 * rounds_posts_row_bind_pending:
 * @id: the post the row stands for, not read yet
 *
 * Binds the row to a post whose page is still being read: it draws the
 * shape of a row (a faint bar per column), at the height of a row, until
 * bound to the post.
 */
void
rounds_posts_row_bind_pending (RoundsPostsRow *self,
                               gint64          id)
{
  GtkWidget *item;

  g_return_if_fail (ROUNDS_IS_POSTS_ROW (self));

  rounds_posts_row_unbind (self);
  self->pending_id = id;
  for (guint i = 0; i < ROUNDS_POSTS_N_COLUMNS; i++)
    {
      set_text (self, i, NULL);
      set_tip (self, i, NULL);
    }
  self->time_dim = FALSE;
  set_visible (self->actions, FALSE);
  set_visible (GTK_WIDGET (self->detail_label), FALSE);
  item = gtk_widget_get_parent (GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (item != NULL ? item : GTK_WIDGET (self)),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Loading post"), -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * rounds_posts_row_get_pending_id:
 *
 * Returns: the id of the post the row waits for
 *   (rounds_posts_row_bind_pending()), or 0
 */
gint64
rounds_posts_row_get_pending_id (RoundsPostsRow *self)
{
  g_return_val_if_fail (ROUNDS_IS_POSTS_ROW (self), 0);
  return self->pending_id;
}

/**
 * rounds_posts_describe_checks:
 *
 * Returns: what the check found, as a screen reader says it in a row:
 *   "2 problems to fix, 1 to decide", "no problems found".
 */
char *
rounds_posts_describe_checks (int n_block,
                              int n_warn)
{
  if (n_block > 0 && n_warn > 0)
    /* TRANSLATORS: "2 problems to fix, 1 to decide" */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d problem to fix, %d to decide",
                                         "%d problems to fix, %d to decide", n_block),
                            n_block, n_warn);
  if (n_block > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d problem to fix",
                                         "%d problems to fix", n_block), n_block);
  if (n_warn > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d problem to decide",
                                         "%d problems to decide", n_warn), n_warn);
  return g_strdup (_("no problems found"));
}

/**
 * rounds_posts_row_get_post:
 *
 * Returns: (transfer none) (nullable): the post the row shows, if bound
 */
RoundsPost *
rounds_posts_row_get_post (RoundsPostsRow *self)
{
  g_return_val_if_fail (ROUNDS_IS_POSTS_ROW (self), NULL);
  return self->post;
}

/**
 * rounds_posts_row_get_text:
 *
 * Returns: (transfer none): the text the row shows in @column (the
 *   title, status, time, networks or what the check found)
 */
const char *
rounds_posts_row_get_text (RoundsPostsRow    *self,
                           RoundsPostsColumn  column)
{
  g_return_val_if_fail (ROUNDS_IS_POSTS_ROW (self), NULL);
  g_return_val_if_fail (column < ROUNDS_POSTS_N_COLUMNS, NULL);
  return self->lines[column].text != NULL ? self->lines[column].text : "";
}

/**
 * rounds_posts_row_get_tooltip:
 *
 * Returns: (transfer none) (nullable): the tooltip of @column, if it has one
 */
const char *
rounds_posts_row_get_tooltip (RoundsPostsRow    *self,
                              RoundsPostsColumn  column)
{
  g_return_val_if_fail (ROUNDS_IS_POSTS_ROW (self), NULL);
  g_return_val_if_fail (column < ROUNDS_POSTS_N_COLUMNS, NULL);
  return self->tips[column];
}

/**
 * rounds_posts_row_get_text_bounds:
 * @bounds: (out): in the row's coordinates
 *
 * Where the row last drew @column: a text's area (the text starts at its
 * start), a pill's box, or the status column's widgets.
 *
 * Returns: %FALSE if the row has not been drawn
 */
gboolean
rounds_posts_row_get_text_bounds (RoundsPostsRow    *self,
                                  RoundsPostsColumn  column,
                                  graphene_rect_t   *bounds)
{
  g_return_val_if_fail (ROUNDS_IS_POSTS_ROW (self), FALSE);
  g_return_val_if_fail (column < ROUNDS_POSTS_N_COLUMNS, FALSE);
  *bounds = self->drawn[column];
  return self->drawn[column].size.height > 0;
}

/**
 * rounds_posts_row_get_styles:
 * @n_styles: (out): how many
 *
 * Returns: (transfer none) (array length=n_styles): the CSS classes, each
 *   a string of space-separated classes, whose styles the rows draw in
 *   (for rounds_posts_header_get_style())
 */
const char * const *
rounds_posts_row_get_styles (guint *n_styles)
{
  *n_styles = G_N_ELEMENTS (styles);
  return styles;
}
