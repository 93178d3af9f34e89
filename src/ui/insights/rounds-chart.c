/* rounds-chart.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-chart"

#include "config.h"

#include <inttypes.h>
#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "rounds-chart.h"

typedef enum
{
  CHART_NONE,
  CHART_LINE,
  CHART_BARS,
  CHART_HEAT_MAP,
} ChartKind;

struct _RoundsChart
{
  GtkWidget      parent_instance;

  ChartKind      kind;
  GArray        *points;        /* RoundsInsightsPoint */
  GPtrArray     *labels;        /* char * */
  GArray        *values;        /* double, < 0: unknown */
  GArray        *second;        /* double, or NULL */
  char          *series;
  char          *second_series;
  char          *unit;
  RoundsHeatMap  map;
  guint          n_drawn;
};

G_DEFINE_FINAL_TYPE (RoundsChart, rounds_chart, GTK_TYPE_WIDGET)

#define PAD_LEFT   44.0
#define PAD_RIGHT  12.0
#define PAD_TOP    18.0
#define PAD_BOTTOM 26.0

/* ------------------------------------------------------------------ */
/* Colours                                                              */

static void
lookup_color (GtkWidget  *widget,
              const char *name,
              GdkRGBA    *rgba,
              const char *fallback)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  GtkStyleContext *style = gtk_widget_get_style_context (widget);

  if (!gtk_style_context_lookup_color (style, name, rgba))
    gdk_rgba_parse (rgba, fallback);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
foreground (GtkWidget *widget,
            GdkRGBA   *rgba)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), rgba);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
set_rgba (cairo_t       *cr,
          const GdkRGBA *rgba,
          double         alpha)
{
  cairo_set_source_rgba (cr, rgba->red, rgba->green, rgba->blue, rgba->alpha * alpha);
}

static void
draw_text (GtkWidget     *widget,
           cairo_t       *cr,
           const char    *text,
           double         x,
           double         y,
           double         align,     /* 0 left, 0.5 centre, 1 right */
           const GdkRGBA *color,
           double         alpha)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
  g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();
  int width, height;

  pango_attr_list_insert (attrs, pango_attr_scale_new (0.8));
  pango_layout_set_attributes (layout, attrs);
  pango_layout_get_pixel_size (layout, &width, &height);
  set_rgba (cr, color, alpha);
  cairo_move_to (cr, x - width * align, y - height / 2.0);
  pango_cairo_show_layout (cr, layout);
}

static char *
format_value (double value)
{
  if (fabs (value) >= 10000)
    return g_strdup_printf ("%.0fk", value / 1000);
  if (fabs (value - floor (value)) > 0.05 && fabs (value) < 100)
    return g_strdup_printf ("%.1f", value);
  return g_strdup_printf ("%.0f", value);
}

/* ------------------------------------------------------------------ */
/* Drawing                                                              */

static void
draw_empty (RoundsChart *self,
            cairo_t     *cr,
            double       width,
            double       height)
{
  GdkRGBA fg;

  foreground (GTK_WIDGET (self), &fg);
  draw_text (GTK_WIDGET (self), cr, _("No numbers for this period"), width / 2, height / 2, 0.5,
             &fg, 0.55);
}

static void
draw_line (RoundsChart *self,
           cairo_t     *cr,
           double       width,
           double       height)
{
  GtkWidget *widget = GTK_WIDGET (self);
  double lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE, x_step, plot_w, plot_h;
  GdkRGBA fg, accent;
  gboolean pen_down = FALSE;
  guint n = self->points->len;
  char date[32];
  GDate d;

  for (guint i = 0; i < n; i++)
    {
      gint64 v = g_array_index (self->points, RoundsInsightsPoint, i).value;

      if (v >= 0)
        lo = MIN (lo, v), hi = MAX (hi, v);
    }
  if (hi < lo)
    {
      draw_empty (self, cr, width, height);
      return;
    }
  if (hi - lo < 10)
    lo -= 5, hi += 5;
  lo = MAX (0, lo - (hi - lo) * 0.1);
  hi += (hi - lo) * 0.1;

  foreground (widget, &fg);
  lookup_color (widget, "accent_bg_color", &accent, "#3584e4");
  plot_w = width - PAD_LEFT - PAD_RIGHT;
  plot_h = height - PAD_TOP - PAD_BOTTOM;
  x_step = n > 1 ? plot_w / (n - 1) : 0;

  /* Axis and labels. */
  set_rgba (cr, &fg, 0.15);
  cairo_set_line_width (cr, 1);
  for (int g = 0; g <= 2; g++)
    {
      double y = PAD_TOP + plot_h * g / 2.0;
      g_autofree char *label = format_value (hi - (hi - lo) * g / 2.0);

      cairo_move_to (cr, PAD_LEFT, floor (y) + 0.5);
      cairo_line_to (cr, width - PAD_RIGHT, floor (y) + 0.5);
      cairo_stroke (cr);
      draw_text (widget, cr, label, PAD_LEFT - 6, y, 1, &fg, 0.6);
    }
  g_date_clear (&d, 1);
  g_date_set_julian (&d, g_array_index (self->points, RoundsInsightsPoint, 0).day);
  g_date_strftime (date, sizeof date, "%-d %b", &d);
  draw_text (widget, cr, date, PAD_LEFT, height - PAD_BOTTOM / 2, 0, &fg, 0.6);
  g_date_set_julian (&d, g_array_index (self->points, RoundsInsightsPoint, n - 1).day);
  g_date_strftime (date, sizeof date, "%-d %b", &d);
  draw_text (widget, cr, date, width - PAD_RIGHT, height - PAD_BOTTOM / 2, 1, &fg, 0.6);

  /* The line, lifted over gaps; a reading alone between gaps is a dot. */
  set_rgba (cr, &accent, 1);
  cairo_set_line_width (cr, 2);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint i = 0; i < n; i++)
    {
      gint64 v = g_array_index (self->points, RoundsInsightsPoint, i).value;
      double x = PAD_LEFT + x_step * i;
      double y = PAD_TOP + plot_h * (1 - (v - lo) / (hi - lo));
      gboolean next = i + 1 < n && g_array_index (self->points, RoundsInsightsPoint, i + 1).value >= 0;

      if (v < 0)
        {
          if (pen_down)
            cairo_stroke (cr);
          pen_down = FALSE;
          continue;
        }
      self->n_drawn++;
      if (!pen_down && !next)
        {
          cairo_arc (cr, x, y, 2.5, 0, 2 * G_PI);
          cairo_fill (cr);
          continue;
        }
      if (!pen_down)
        cairo_move_to (cr, x, y);
      else
        cairo_line_to (cr, x, y);
      pen_down = TRUE;
    }
  if (pen_down)
    cairo_stroke (cr);
}

static void
draw_bars (RoundsChart *self,
           cairo_t     *cr,
           double       width,
           double       height)
{
  GtkWidget *widget = GTK_WIDGET (self);
  guint n = self->values->len;
  double hi = 0, slot, bar, plot_h;
  GdkRGBA fg, accent, second;
  guint series = self->second != NULL ? 2 : 1;

  for (guint i = 0; i < n; i++)
    {
      hi = MAX (hi, g_array_index (self->values, double, i));
      if (self->second != NULL)
        hi = MAX (hi, g_array_index (self->second, double, i));
    }
  if (n == 0 || hi <= 0)
    {
      draw_empty (self, cr, width, height);
      return;
    }

  foreground (widget, &fg);
  lookup_color (widget, "accent_bg_color", &accent, "#3584e4");
  lookup_color (widget, "success_color", &second, "#26a269");
  plot_h = height - PAD_TOP - PAD_BOTTOM;
  slot = (width - 12) / n;
  bar = MIN (48, slot * 0.7 / series);

  for (guint i = 0; i < n; i++)
    {
      double cx = 6 + slot * (i + 0.5);

      for (guint s = 0; s < series; s++)
        {
          double v = g_array_index (s == 0 ? self->values : self->second, double, i);
          double x = cx - bar * series / 2.0 + bar * s;
          double h = v > 0 ? plot_h * v / hi : 0;
          g_autofree char *label = NULL;

          if (v < 0)
            continue;
          set_rgba (cr, s == 0 ? &accent : &second, 1);
          cairo_rectangle (cr, x + 1, PAD_TOP + plot_h - h, bar - 2, MAX (h, 1));
          cairo_fill (cr);
          self->n_drawn++;
          label = format_value (v);
          draw_text (widget, cr, label, x + bar / 2, PAD_TOP + plot_h - h - 8, 0.5, &fg, 0.8);
        }
      draw_text (widget, cr, g_ptr_array_index (self->labels, i), cx, height - PAD_BOTTOM / 2,
                 0.5, &fg, 0.7);
    }
}

static void
draw_heat_map (RoundsChart *self,
               cairo_t     *cr,
               double       width,
               double       height)
{
  GtkWidget *widget = GTK_WIDGET (self);
  double cell_w = (width - PAD_LEFT - PAD_RIGHT) / 24.0;
  double cell_h = (height - PAD_TOP - PAD_BOTTOM) / 7.0;
  GdkRGBA fg, accent;

  if (self->map.max_average <= 0)
    {
      draw_empty (self, cr, width, height);
      return;
    }

  foreground (widget, &fg);
  lookup_color (widget, "accent_bg_color", &accent, "#3584e4");

  for (int d = 0; d < 7; d++)
    {
      const char *name = rounds_insights_weekday_name (d);
      g_autofree char *day = g_utf8_substring (name, 0, MIN (g_utf8_strlen (name, -1), 3));

      draw_text (widget, cr, day, PAD_LEFT - 6, PAD_TOP + cell_h * (d + 0.5), 1, &fg, 0.7);
      for (int h = 0; h < 24; h++)
        {
          double x = PAD_LEFT + cell_w * h, y = PAD_TOP + cell_h * d;

          if (self->map.count[d][h] == 0)
            {
              set_rgba (cr, &fg, 0.05);
            }
          else
            {
              set_rgba (cr, &accent, 0.15 + 0.85 * self->map.average[d][h] / self->map.max_average);
              self->n_drawn++;
            }
          cairo_rectangle (cr, x + 1, y + 1, cell_w - 2, cell_h - 2);
          cairo_fill (cr);
        }
    }
  for (int h = 0; h < 24; h += 6)
    {
      g_autofree char *hour = g_strdup_printf ("%02d:00", h);

      draw_text (widget, cr, hour, PAD_LEFT + cell_w * h, height - PAD_BOTTOM / 2, 0, &fg, 0.6);
    }
}

static void
rounds_chart_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  RoundsChart *self = ROUNDS_CHART (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  self->n_drawn = 0;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  switch (self->kind)
    {
    case CHART_LINE:     draw_line (self, cr, width, height); break;
    case CHART_BARS:     draw_bars (self, cr, width, height); break;
    case CHART_HEAT_MAP: draw_heat_map (self, cr, width, height); break;
    case CHART_NONE:
    default:             draw_empty (self, cr, width, height); break;
    }
  cairo_destroy (cr);
}

/* ------------------------------------------------------------------ */
/* Accessible summary                                                   */

static void
update_accessible (RoundsChart *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (!rounds_chart_has_data (self))
    g_string_append (text, _("No numbers for this period"));
  else if (self->kind == CHART_LINE)
    {
      gint64 first = -1, last = -1;
      guint gaps = 0;

      for (guint i = 0; i < self->points->len; i++)
        {
          gint64 v = g_array_index (self->points, RoundsInsightsPoint, i).value;

          if (v < 0)
            gaps++;
          else if (first < 0)
            first = v;
          if (v >= 0)
            last = v;
        }
      g_string_append_printf (text, _("%s: from %" PRId64 " to %" PRId64
                                      ", %u days without a reading"),
                              self->series, first, last, gaps);
    }
  else if (self->kind == CHART_BARS)
    {
      g_string_append_printf (text, "%s: ", self->series);
      for (guint i = 0; i < self->values->len; i++)
        {
          g_autofree char *value = format_value (g_array_index (self->values, double, i));

          g_string_append_printf (text, "%s%s %s%s", i > 0 ? ", " : "",
                                  (char *)g_ptr_array_index (self->labels, i), value,
                                  self->unit != NULL ? self->unit : "");
        }
    }
  else if (self->kind == CHART_HEAT_MAP)
    {
      int best_d = 0, best_h = 0;

      for (int d = 0; d < 7; d++)
        for (int h = 0; h < 24; h++)
          if (self->map.average[d][h] > self->map.average[best_d][best_h])
            best_d = d, best_h = h;
      g_string_append_printf (text, _("Engagement by weekday and hour; the best is %s at %02d:00"),
                              rounds_insights_weekday_name (best_d), best_h);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  text->str, -1);
}

static void
changed (RoundsChart *self)
{
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ------------------------------------------------------------------ */

static void
on_dark_changed_cb (RoundsChart *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
rounds_chart_finalize (GObject *object)
{
  RoundsChart *self = (RoundsChart *)object;

  g_clear_pointer (&self->points, g_array_unref);
  g_clear_pointer (&self->labels, g_ptr_array_unref);
  g_clear_pointer (&self->values, g_array_unref);
  g_clear_pointer (&self->second, g_array_unref);
  g_free (self->series);
  g_free (self->second_series);
  g_free (self->unit);

  G_OBJECT_CLASS (rounds_chart_parent_class)->finalize (object);
}

static void
rounds_chart_class_init (RoundsChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = rounds_chart_finalize;
  widget_class->snapshot = rounds_chart_snapshot;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_widget_class_set_css_name (widget_class, "chart");
}

static void
rounds_chart_init (RoundsChart *self)
{
  gtk_widget_set_size_request (GTK_WIDGET (self), 240, 180);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (on_dark_changed_cb), self, G_CONNECT_SWAPPED);
  update_accessible (self);
}

GtkWidget *
rounds_chart_new (void)
{
  return g_object_new (ROUNDS_TYPE_CHART, NULL);
}

void
rounds_chart_clear (RoundsChart *self)
{
  g_return_if_fail (ROUNDS_IS_CHART (self));

  self->kind = CHART_NONE;
  g_clear_pointer (&self->points, g_array_unref);
  g_clear_pointer (&self->labels, g_ptr_array_unref);
  g_clear_pointer (&self->values, g_array_unref);
  g_clear_pointer (&self->second, g_array_unref);
  memset (&self->map, 0, sizeof self->map);
  changed (self);
}

void
rounds_chart_set_line (RoundsChart *self,
                       GArray      *points,
                       const char  *series)
{
  g_return_if_fail (ROUNDS_IS_CHART (self));

  rounds_chart_clear (self);
  self->kind = CHART_LINE;
  self->points = g_array_ref (points);
  g_free (self->series);
  self->series = g_strdup (series);
  changed (self);
}

void
rounds_chart_set_bars (RoundsChart        *self,
                       const char * const *labels,
                       const double       *values,
                       const double       *second,
                       guint               n,
                       const char         *series,
                       const char         *second_series,
                       const char         *unit)
{
  g_return_if_fail (ROUNDS_IS_CHART (self));

  rounds_chart_clear (self);
  self->kind = CHART_BARS;
  self->labels = g_ptr_array_new_with_free_func (g_free);
  self->values = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (self->labels, g_strdup (labels[i]));
  g_array_append_vals (self->values, values, n);
  if (second != NULL)
    {
      self->second = g_array_new (FALSE, FALSE, sizeof (double));
      g_array_append_vals (self->second, second, n);
    }
  g_free (self->series);
  self->series = g_strdup (series);
  g_free (self->second_series);
  self->second_series = g_strdup (second_series);
  g_free (self->unit);
  self->unit = g_strdup (unit);
  changed (self);
}

void
rounds_chart_set_heat_map (RoundsChart         *self,
                           const RoundsHeatMap *map)
{
  g_return_if_fail (ROUNDS_IS_CHART (self));

  rounds_chart_clear (self);
  self->kind = CHART_HEAT_MAP;
  self->map = *map;
  changed (self);
}

gboolean
rounds_chart_has_data (RoundsChart *self)
{
  g_return_val_if_fail (ROUNDS_IS_CHART (self), FALSE);

  switch (self->kind)
    {
    case CHART_LINE:
      for (guint i = 0; i < self->points->len; i++)
        if (g_array_index (self->points, RoundsInsightsPoint, i).value >= 0)
          return TRUE;
      return FALSE;
    case CHART_BARS:
      for (guint i = 0; i < self->values->len; i++)
        if (g_array_index (self->values, double, i) > 0 ||
            (self->second != NULL && g_array_index (self->second, double, i) > 0))
          return TRUE;
      return FALSE;
    case CHART_HEAT_MAP:
      return self->map.max_average > 0;
    case CHART_NONE:
    default:
      return FALSE;
    }
}

/**
 * rounds_chart_get_n_drawn:
 *
 * Returns: how many marks (points, bars, cells) the last snapshot drew
 */
guint
rounds_chart_get_n_drawn (RoundsChart *self)
{
  g_return_val_if_fail (ROUNDS_IS_CHART (self), 0);
  return self->n_drawn;
}

static void
add_cell (GtkGrid    *grid,
          int         column,
          int         row,
          const char *text,
          gboolean    header)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), column == 0 ? 0 : 1);
  if (header)
    gtk_widget_add_css_class (label, "heading");
  else
    gtk_widget_add_css_class (label, "numeric");
  gtk_grid_attach (grid, label, column, row, 1, 1);
}

/**
 * rounds_chart_build_table:
 *
 * Returns: (transfer floating): the chart's numbers as a grid of labels,
 *   for screen readers and for anyone who prefers a table
 */
GtkWidget *
rounds_chart_build_table (RoundsChart *self)
{
  GtkGrid *grid = GTK_GRID (gtk_grid_new ());
  int row = 1;

  g_return_val_if_fail (ROUNDS_IS_CHART (self), NULL);

  gtk_grid_set_column_spacing (grid, 18);
  gtk_grid_set_row_spacing (grid, 4);
  gtk_accessible_update_property (GTK_ACCESSIBLE (grid), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->series != NULL ? self->series : _("Table"), -1);

  if (self->kind == CHART_LINE)
    {
      add_cell (grid, 0, 0, _("Day"), TRUE);
      add_cell (grid, 1, 0, self->series, TRUE);
      /* One row a week keeps the table readable; gaps say so. */
      for (guint i = 0; i < self->points->len; i += 7)
        {
          const RoundsInsightsPoint *p = &g_array_index (self->points, RoundsInsightsPoint, i);
          g_autofree char *day = rounds_insights_format_day (p->day);
          g_autofree char *value = p->value >= 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, p->value)
                                                 : g_strdup (_("no reading"));

          add_cell (grid, 0, row, day, FALSE);
          add_cell (grid, 1, row++, value, FALSE);
        }
    }
  else if (self->kind == CHART_BARS)
    {
      add_cell (grid, 0, 0, "", TRUE);
      add_cell (grid, 1, 0, self->series, TRUE);
      if (self->second != NULL)
        add_cell (grid, 2, 0, self->second_series, TRUE);
      for (guint i = 0; i < self->values->len; i++)
        {
          g_autofree char *a = format_value (g_array_index (self->values, double, i));

          add_cell (grid, 0, row, g_ptr_array_index (self->labels, i), FALSE);
          add_cell (grid, 1, row, a, FALSE);
          if (self->second != NULL)
            {
              g_autofree char *b = format_value (g_array_index (self->second, double, i));

              add_cell (grid, 2, row, b, FALSE);
            }
          row++;
        }
    }
  else if (self->kind == CHART_HEAT_MAP)
    {
      add_cell (grid, 0, 0, _("When"), TRUE);
      add_cell (grid, 1, 0, _("Posts"), TRUE);
      add_cell (grid, 2, 0, _("Interactions per post"), TRUE);
      for (int d = 0; d < 7; d++)
        for (int h = 0; h < 24; h++)
          if (self->map.count[d][h] > 0)
            {
              g_autofree char *when = g_strdup_printf ("%s %02d:00",
                                                       rounds_insights_weekday_name (d), h);
              g_autofree char *count = g_strdup_printf ("%u", self->map.count[d][h]);
              g_autofree char *avg = format_value (self->map.average[d][h]);

              add_cell (grid, 0, row, when, FALSE);
              add_cell (grid, 1, row, count, FALSE);
              add_cell (grid, 2, row++, avg, FALSE);
            }
    }
  if (row == 1)
    add_cell (grid, 0, 0, _("No numbers for this period"), FALSE);

  return GTK_WIDGET (grid);
}
