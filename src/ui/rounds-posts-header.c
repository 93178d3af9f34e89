/* rounds-posts-header.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-posts-page"

#include "config.h"

#include <glib/gi18n.h>

#include "rounds-posts-header.h"

/* The strip above the Posts list with its columns' titles, each placed
 * where the rows place that column (rounds_posts_columns_place(), the
 * same function), and moved with the list when it scrolls sideways.
 *
 * It also holds the styles the rows draw their pills in: a hidden label
 * per pill ("status-pill status-failed", "checks-pill checks-block", …)
 * that the stylesheet styles like any label, and whose colour, font,
 * padding and background a row draws with (rounds_posts_header_get_style()).
 * The rows are GTK 4.8's ~200 list items: a widget per pill per row is
 * what the list no longer pays. */

struct _RoundsPostsHeader
{
  GtkWidget      parent_instance;

  GtkWidget     *titles[ROUNDS_POSTS_N_COLUMNS];
  GHashTable    *styles;        /* classes → hidden label (borrowed: children) */
  GHashTable    *opacities;     /* classes → its CSS opacity, as a double, once asked */
  GtkAdjustment *hadjustment;
  gulong         hadjustment_handlers[2];
};

G_DEFINE_FINAL_TYPE (RoundsPostsHeader, rounds_posts_header, GTK_TYPE_WIDGET)

/* The styles a row draws dimmed: GTK 4.8 has no getter for a style's CSS
 * opacity (GtkWidget's "opacity" is the program's own), so these are
 * shown (with a letter, allocated, never drawn on screen) and drawn into
 * a snapshot of their own, whose opacity node says it. */
static gboolean
is_probe (const char *classes)
{
  return g_str_has_suffix (classes, "dim-label");
}

static const GskRenderNode *
find_opacity_node (const GskRenderNode *node)
{
  switch (gsk_render_node_get_node_type (node))
    {
    case GSK_OPACITY_NODE:
      return node;
    case GSK_TRANSFORM_NODE:
      return find_opacity_node (gsk_transform_node_get_child (node));
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        {
          const GskRenderNode *found = find_opacity_node (gsk_container_node_get_child (node, i));

          if (found != NULL)
            return found;
        }
      return NULL;
    default:
      return NULL;
    }
}

/* A dimmed style's opacity, drawn into a snapshot of its own, once per
 * theme; only while the header is drawable (on screen and laid out). */
static gboolean
probe_opacity (RoundsPostsHeader *self,
               const char        *key,
               GtkWidget         *style)
{
  GtkSnapshot *snapshot;
  GskRenderNode *node;
  const GskRenderNode *found;
  double *opacity;

  if (!gtk_widget_is_drawable (style) || gtk_widget_get_width (style) <= 0)
    return FALSE;
  snapshot = gtk_snapshot_new ();
  gtk_widget_snapshot_child (GTK_WIDGET (self), style, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  found = node != NULL ? find_opacity_node (node) : NULL;
  opacity = g_new (double, 1);
  *opacity = found != NULL ? gsk_opacity_node_get_opacity (found) : 1.0;
  g_hash_table_insert (self->opacities, (gpointer)key, opacity);
  g_clear_pointer (&node, gsk_render_node_unref);
  return TRUE;
}

/* Where the list's rows start: the header follows the list when it is
 * scrolled sideways (a window narrower than the columns). */
static int
scrolled_by (RoundsPostsHeader *self)
{
  double value, upper, page;

  if (self->hadjustment == NULL)
    return 0;
  value = gtk_adjustment_get_value (self->hadjustment);
  upper = gtk_adjustment_get_upper (self->hadjustment);
  page = gtk_adjustment_get_page_size (self->hadjustment);
  if (gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL)
    return (int)(MAX (upper - page, 0) - value);
  return -(int)value;
}

static void
rounds_posts_header_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  RoundsPostsHeader *self = ROUNDS_POSTS_HEADER (widget);

  *minimum = *natural = 0;
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* The styles take no room. Narrower than the columns, it shows what the list shows. */
      *natural = rounds_posts_columns_get_min_width ();
      return;
    }
  for (guint i = 0; i < ROUNDS_POSTS_N_COLUMNS; i++)
    {
      int min, nat;

      gtk_widget_measure (self->titles[i], orientation, -1, &min, &nat, NULL, NULL);
      *minimum = MAX (*minimum, min);
      *natural = MAX (*natural, nat);
    }
}

static void
rounds_posts_header_size_allocate (GtkWidget *widget,
                                   int        width,
                                   int        height,
                                   int        baseline)
{
  RoundsPostsHeader *self = ROUNDS_POSTS_HEADER (widget);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  RoundsPostsColumnBox boxes[ROUNDS_POSTS_N_COLUMNS];
  /* The rows' width, as GTK 4.8's list gives it when narrower than its
   * rows: their least width and the list's margins, which are the
   * header's (gtk_list_view_size_allocate() measures the list itself). */
  int shown = MAX (width, rounds_posts_columns_get_min_width () +
                            gtk_widget_get_margin_start (widget) +
                            gtk_widget_get_margin_end (widget));
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->styles);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (is_probe (key))
      {
        int w, h;

        gtk_widget_measure (value, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &w, NULL, NULL);
        gtk_widget_measure (value, GTK_ORIENTATION_VERTICAL, w, NULL, &h, NULL, NULL);
        gtk_widget_size_allocate (value, &(GtkAllocation) { 0, 0, w, h }, -1);
      }

  rounds_posts_columns_place (shown, rtl, boxes);
  for (guint i = 0; i < ROUNDS_POSTS_N_COLUMNS; i++)
    {
      int x, w;

      /* The text where the rows' text is: in the column's box, inside
       * its padding. */
      rounds_posts_columns_get_content (&boxes[i], i, &x, &w);
      if (rtl)
        /* from the right edge of what the list shows */
        x -= shown - width;
      gtk_widget_size_allocate (self->titles[i],
                                &(GtkAllocation) { x, 0, w, height }, -1);
    }
}

static void
rounds_posts_header_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot)
{
  RoundsPostsHeader *self = ROUNDS_POSTS_HEADER (widget);

  /* Moved as far as the list is scrolled sideways (the header clips
   * what goes out); the titles only: the styles are never drawn. */
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (scrolled_by (self), 0));
  for (guint i = 0; i < ROUNDS_POSTS_N_COLUMNS; i++)
    gtk_widget_snapshot_child (widget, self->titles[i], snapshot);
  gtk_snapshot_restore (snapshot);
}

/* A new theme, dark style or text size: the styles' opacities are read
 * again when asked. */
static void
rounds_posts_header_css_changed (GtkWidget         *widget,
                                 GtkCssStyleChange *change)
{
  RoundsPostsHeader *self = ROUNDS_POSTS_HEADER (widget);

  GTK_WIDGET_CLASS (rounds_posts_header_parent_class)->css_changed (widget, change);
  g_hash_table_remove_all (self->opacities);
}

/* Drawn again, not allocated: the list's adjustment changes while the
 * page is allocated, after the header. */
static void
on_hadjustment_changed_cb (RoundsPostsHeader *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
rounds_posts_header_dispose (GObject *object)
{
  RoundsPostsHeader *self = ROUNDS_POSTS_HEADER (object);
  GtkWidget *child;

  rounds_posts_header_set_hadjustment (self, NULL);
  g_clear_pointer (&self->styles, g_hash_table_unref);
  g_clear_pointer (&self->opacities, g_hash_table_unref);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (rounds_posts_header_parent_class)->dispose (object);
}

static void
rounds_posts_header_class_init (RoundsPostsHeaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rounds_posts_header_dispose;
  widget_class->measure = rounds_posts_header_measure;
  widget_class->size_allocate = rounds_posts_header_size_allocate;
  widget_class->snapshot = rounds_posts_header_snapshot;
  widget_class->css_changed = rounds_posts_header_css_changed;
  gtk_widget_class_set_css_name (widget_class, "posts-header");
}

static void
rounds_posts_header_init (RoundsPostsHeader *self)
{
  const char * const *style_classes;
  guint n_styles;
  const char *titles[ROUNDS_POSTS_N_COLUMNS] = {
    [ROUNDS_POSTS_COLUMN_TITLE] = _("Post"),
    [ROUNDS_POSTS_COLUMN_STATUS] = _("Status"),
    [ROUNDS_POSTS_COLUMN_TIME] = _("Scheduled"),
    [ROUNDS_POSTS_COLUMN_NETWORKS] = _("Networks"),
    /* TRANSLATORS: the Posts list's column with what the compliance check found */
    [ROUNDS_POSTS_COLUMN_CHECKS] = _("Check"),
  };

  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  for (guint i = 0; i < ROUNDS_POSTS_N_COLUMNS; i++)
    {
      self->titles[i] = gtk_label_new (titles[i]);
      gtk_label_set_xalign (GTK_LABEL (self->titles[i]), 0);
      gtk_label_set_ellipsize (GTK_LABEL (self->titles[i]), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (self->titles[i], "column-title");
      gtk_widget_set_parent (self->titles[i], GTK_WIDGET (self));
    }

  self->styles = g_hash_table_new (g_str_hash, g_str_equal);
  self->opacities = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  style_classes = rounds_posts_row_get_styles (&n_styles);
  for (guint i = 0; i < n_styles; i++)
    {
      g_auto(GStrv) classes = g_strsplit (style_classes[i], " ", -1);
      gboolean probe = is_probe (style_classes[i]);
      GtkWidget *style = g_object_new (GTK_TYPE_LABEL, "visible", probe, "label", probe ? "x" : NULL,
                                       "css-classes", classes, NULL);

      gtk_accessible_update_state (GTK_ACCESSIBLE (style), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
      gtk_widget_set_parent (style, GTK_WIDGET (self));
      g_hash_table_insert (self->styles, (gpointer)style_classes[i], style);
    }
}

GtkWidget *
rounds_posts_header_new (void)
{
  return g_object_new (ROUNDS_TYPE_POSTS_HEADER, NULL);
}

/**
 * rounds_posts_header_set_hadjustment:
 * @hadjustment: (nullable): the list's horizontal adjustment
 */
void
rounds_posts_header_set_hadjustment (RoundsPostsHeader *self,
                                     GtkAdjustment     *hadjustment)
{
  g_return_if_fail (ROUNDS_IS_POSTS_HEADER (self));

  if (self->hadjustment == hadjustment)
    return;
  if (self->hadjustment != NULL)
    for (guint i = 0; i < G_N_ELEMENTS (self->hadjustment_handlers); i++)
      g_clear_signal_handler (&self->hadjustment_handlers[i], self->hadjustment);
  g_set_object (&self->hadjustment, hadjustment);
  if (hadjustment != NULL)
    {
      self->hadjustment_handlers[0] =
        g_signal_connect_swapped (hadjustment, "changed", G_CALLBACK (on_hadjustment_changed_cb),
                                  self);
      self->hadjustment_handlers[1] =
        g_signal_connect_swapped (hadjustment, "value-changed",
                                  G_CALLBACK (on_hadjustment_changed_cb), self);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * rounds_posts_header_get_title:
 *
 * Returns: (transfer none): the label with @column's title
 */
GtkWidget *
rounds_posts_header_get_title (RoundsPostsHeader *self,
                               RoundsPostsColumn  column)
{
  g_return_val_if_fail (ROUNDS_IS_POSTS_HEADER (self), NULL);
  g_return_val_if_fail (column < ROUNDS_POSTS_N_COLUMNS, NULL);
  return self->titles[column];
}

/**
 * rounds_posts_header_get_style:
 * @classes: the CSS classes of a pill, space-separated
 *   ("status-pill status-failed", "checks-pill dim-label"), or "dim-label"
 *
 * Returns: (transfer none) (nullable): a hidden label styled with
 *   @classes, whose style a row draws that pill in; %NULL for classes
 *   the rows do not draw
 */
GtkWidget *
rounds_posts_header_get_style (RoundsPostsHeader *self,
                               const char        *classes)
{
  g_return_val_if_fail (ROUNDS_IS_POSTS_HEADER (self), NULL);
  return g_hash_table_lookup (self->styles, classes);
}

/**
 * rounds_posts_header_get_style_opacity:
 * @classes: as for rounds_posts_header_get_style()
 *
 * Returns: the opacity the stylesheet gives that style ("dim-label":
 *   0.55 in Adwaita, 0.9 in its high contrast); 1 for classes the rows
 *   do not draw dimmed, or while the header is not on screen
 */
double
rounds_posts_header_get_style_opacity (RoundsPostsHeader *self,
                                       const char        *classes)
{
  const char *key;   /* the table's own: it outlives @classes */
  GtkWidget *style;
  double *opacity;

  g_return_val_if_fail (ROUNDS_IS_POSTS_HEADER (self), 1.0);

  opacity = g_hash_table_lookup (self->opacities, classes);
  if (opacity == NULL &&
      g_hash_table_lookup_extended (self->styles, classes, (gpointer *)&key, (gpointer *)&style) &&
      is_probe (key) && probe_opacity (self, key, style))
    opacity = g_hash_table_lookup (self->opacities, classes);
  return opacity != NULL ? *opacity : 1.0;
}
