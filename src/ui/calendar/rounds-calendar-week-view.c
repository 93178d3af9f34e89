/* rounds-calendar-week-view.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-calendar-week"

#include "config.h"

#include <glib/gi18n.h>

#include "rounds-calendar-chip.h"
#include "rounds-calendar-geometry.h"
#include "rounds-calendar-view.h"
#include "rounds-calendar-week-view.h"
#include "rounds-time.h"

/* The week: days as columns, the hours of the day (practice time) as
 * rows of 30-minute slots, the hours written in a gutter, a line at "now".
 * Chips come from a pool that only grows, and are rebound on refresh;
 * posts in the same slot share its width. One drop target
 * (rounds_calendar_view_add_drop_target()): the pointer is snapped to the
 * slot under it (highlighted), and a drop there means that slot's time.
 * Fed from a model of RoundsCalendarEvent (RoundsCalendarView). Lives in
 * a scrolled window. */

#define GUTTER ROUNDS_CALENDAR_WEEK_GUTTER
#define SLOT_H ROUNDS_CALENDAR_WEEK_SLOT_HEIGHT
/* How many slots a chip may cover: its two lines take more than a
 * slot's height, never more than an hour's. */
#define CHIP_SLOTS 2

typedef struct
{
  guint column;
  guint slot;
  guint lane;
  guint lanes;
} Placement;

struct _RoundsCalendarWeekView
{
  GtkWidget                   parent_instance;

  GPtrArray                  *chips;       /* pool of RoundsCalendarChip */
  GArray                     *placements;  /* Placement, one per bound chip */
  guint                       n_bound;
  GDate                       first_day;
  GTimeZone                  *tz;
  gint64                      now;
  int                         hover_column;
  int                         hover_slot;

  GListModel                 *model;
};

static void calendar_view_iface_init (RoundsCalendarViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RoundsCalendarWeekView, rounds_calendar_week_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (ROUNDS_TYPE_CALENDAR_VIEW,
                                                      calendar_view_iface_init))

static void rebind (RoundsCalendarWeekView *self);

static gboolean
is_rtl (RoundsCalendarWeekView *self)
{
  return gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;
}

static RoundsCalendarGrid
grid_for (RoundsCalendarWeekView *self,
          int                     width)
{
  return (RoundsCalendarGrid){
    MAX (width - GUTTER, 7), ROUNDS_CALENDAR_SLOTS_PER_DAY * SLOT_H,
    7, ROUNDS_CALENDAR_SLOTS_PER_DAY, is_rtl (self),
  };
}

/* The x where the day columns start (the gutter is on the leading side). */
static int
grid_x (RoundsCalendarWeekView *self)
{
  return is_rtl (self) ? 0 : GUTTER;
}

static gboolean
slot_at (RoundsCalendarWeekView *self,
         double                  x,
         double                  y,
         guint                  *column,
         guint                  *slot)
{
  RoundsCalendarGrid grid = grid_for (self, gtk_widget_get_width (GTK_WIDGET (self)));

  if (!rounds_calendar_grid_cell_at (&grid, x - grid_x (self), 0, column, NULL))
    return FALSE;
  if (y < 0 || y >= grid.height)
    return FALSE;
  *slot = rounds_calendar_slot_at_y (y, SLOT_H);
  return TRUE;
}

void
rounds_calendar_week_view_get_slot_bounds (RoundsCalendarWeekView *self,
                                           guint                   column,
                                           guint                   slot,
                                           graphene_rect_t        *bounds)
{
  RoundsCalendarGrid grid;
  double x, y, w, h;

  g_return_if_fail (ROUNDS_IS_CALENDAR_WEEK_VIEW (self));
  g_return_if_fail (bounds != NULL);

  grid = grid_for (self, gtk_widget_get_width (GTK_WIDGET (self)));

  rounds_calendar_grid_cell_bounds (&grid, column, slot, &x, &y, &w, &h);
  graphene_rect_init (bounds, x + grid_x (self), y, w, h);
}

static void
set_hover (RoundsCalendarWeekView *self,
           int                     column,
           int                     slot)
{
  if (self->hover_column == column && self->hover_slot == slot)
    return;
  self->hover_column = column;
  self->hover_slot = slot;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
drop_hover (RoundsCalendarView *view,
            gboolean            inside,
            double              x,
            double              y)
{
  RoundsCalendarWeekView *self = ROUNDS_CALENDAR_WEEK_VIEW (view);
  guint column, slot;

  if (!inside || !slot_at (self, x, y, &column, &slot))
    {
      set_hover (self, -1, -1);
      return FALSE;
    }
  set_hover (self, (int)column, (int)slot);
  return TRUE;
}

static gint64
drop_time (RoundsCalendarView *view,
           double              x,
           double              y,
           gint64              occurrence)
{
  RoundsCalendarWeekView *self = ROUNDS_CALENDAR_WEEK_VIEW (view);
  guint column, slot;
  GDate day;

  if (!slot_at (self, x, y, &column, &slot) || self->tz == NULL)
    return 0;
  day = self->first_day;
  g_date_add_days (&day, column);
  return rounds_calendar_week_drop_time (self->tz, &day, slot);
}

static void
rounds_calendar_week_view_measure (GtkWidget      *widget,
                                   GtkOrientation  orientation,
                                   int             for_size,
                                   int            *minimum,
                                   int            *natural,
                                   int            *minimum_baseline,
                                   int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = GUTTER + 7 * 44;
      *natural = GUTTER + 7 * 140;
    }
  else
    {
      *minimum = *natural = ROUNDS_CALENDAR_SLOTS_PER_DAY * SLOT_H;
    }
}

static void
rounds_calendar_week_view_size_allocate (GtkWidget *widget,
                                         int        width,
                                         int        height,
                                         int        baseline)
{
  RoundsCalendarWeekView *self = ROUNDS_CALENDAR_WEEK_VIEW (widget);
  RoundsCalendarGrid grid = grid_for (self, width);

  for (guint i = 0; i < self->chips->len; i++)
    {
      GtkWidget *chip = g_ptr_array_index (self->chips, i);
      Placement *p;
      double x, y, w, h;
      int min_w = 0, min_h = 0;

      if (i >= self->n_bound)
        {
          gtk_widget_set_child_visible (chip, FALSE);
          continue;
        }
      gtk_widget_set_child_visible (chip, TRUE);
      p = &g_array_index (self->placements, Placement, i);
      rounds_calendar_grid_cell_bounds (&grid, p->column, p->slot, &x, &y, &w, &h);
      w = (w - 4) / p->lanes;
      x = x + grid_x (self) + 2 + w * (is_rtl (self) ? p->lanes - 1 - p->lane : p->lane);
      gtk_widget_measure (chip, GTK_ORIENTATION_HORIZONTAL, -1, &min_w, NULL, NULL, NULL);
      gtk_widget_measure (chip, GTK_ORIENTATION_VERTICAL, -1, &min_h, NULL, NULL, NULL);
      gtk_widget_size_allocate (chip, &(GtkAllocation){ x, y + 1, MAX (w, min_w),
                                                        MAX (h - 2, min_h) }, -1);
    }
}

/* Where the gutter's label of @hour ("09:00") is drawn: beside its line,
 * centred on it. */
static void
hour_label (RoundsCalendarWeekView  *self,
            guint                    hour,
            PangoLayout            **layout_out,
            graphene_rect_t         *bounds)
{
  GtkWidget *widget = GTK_WIDGET (self);
  g_autofree char *text = g_strdup_printf ("%02u:00", hour);
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  float y = hour * 2 * SLOT_H;
  int lw, lh;

  pango_layout_get_pixel_size (layout, &lw, &lh);
  graphene_rect_init (bounds,
                      is_rtl (self) ? gtk_widget_get_width (widget) - GUTTER + 6 : GUTTER - lw - 6,
                      y - lh / 2.0f, lw, lh);
  if (layout_out != NULL)
    *layout_out = layout;
  else
    g_object_unref (layout);
}

/**
 * rounds_calendar_week_view_get_hour_label_bounds:
 *
 * Gets where the gutter's label of @hour (1–23) is drawn, in the view's
 * coordinates.
 */
void
rounds_calendar_week_view_get_hour_label_bounds (RoundsCalendarWeekView *self,
                                                 guint                   hour,
                                                 graphene_rect_t        *bounds)
{
  g_return_if_fail (ROUNDS_IS_CALENDAR_WEEK_VIEW (self));
  g_return_if_fail (hour > 0 && hour < 24);

  hour_label (self, hour, NULL, bounds);
}

static void
append_line (GtkSnapshot   *snapshot,
             const GdkRGBA *color,
             float          x,
             float          y,
             float          w,
             float          h)
{
  gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (x, y, w, h));
}

static void
rounds_calendar_week_view_snapshot (GtkWidget   *widget,
                                    GtkSnapshot *snapshot)
{
  RoundsCalendarWeekView *self = ROUNDS_CALENDAR_WEEK_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  RoundsCalendarGrid grid = grid_for (self, width);
  GdkRGBA fg, line, half, hover, now_color = { 0.88f, 0.11f, 0.14f, 1.0f };
  int gx = grid_x (self);

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  line = fg;
  line.alpha = 0.15f;
  half = fg;
  half.alpha = 0.06f;
  hover = (GdkRGBA){ 0.21f, 0.52f, 0.89f, 0.25f };

  /* Hours: a line every hour, a fainter one at the half hour, the hour in
   * the gutter. */
  for (guint slot = 0; slot < ROUNDS_CALENDAR_SLOTS_PER_DAY; slot++)
    {
      float y = slot * SLOT_H;

      append_line (snapshot, slot % 2 == 0 ? &line : &half, gx, y, grid.width, 1);
      if (slot % 2 == 0 && slot > 0)
        {
          PangoLayout *layout = NULL;
          graphene_rect_t r;
          GdkRGBA dim = fg;

          dim.alpha = 0.6f;
          hour_label (self, slot / 2, &layout, &r);
          gtk_snapshot_save (snapshot);
          gtk_snapshot_translate (snapshot, &r.origin);
          gtk_snapshot_append_layout (snapshot, layout, &dim);
          gtk_snapshot_restore (snapshot);
          g_object_unref (layout);
        }
    }

  for (guint c = 0; c <= 7; c++)
    {
      double x, y, w, h;

      rounds_calendar_grid_cell_bounds (&grid, MIN (c, 6), 0, &x, &y, &w, &h);
      if (c == 7)
        x = is_rtl (self) ? x - 1 : x + w - 1;
      else if (is_rtl (self))
        x = x + w - 1;
      append_line (snapshot, &line, gx + x, 0, 1, grid.height);
    }

  if (self->hover_column >= 0 && self->hover_slot >= 0)
    {
      graphene_rect_t r;

      rounds_calendar_week_view_get_slot_bounds (self, self->hover_column, self->hover_slot, &r);
      gtk_snapshot_append_color (snapshot, &hover, &r);
    }

  /* Now. */
  if (self->tz != NULL && self->now > 0 && g_date_valid (&self->first_day))
    {
      GDate today;
      int offset;

      rounds_calendar_date_of_utc (self->tz, self->now, &today);
      offset = g_date_days_between (&self->first_day, &today);
      if (offset >= 0 && offset < 7)
        {
          double x, y, w, h;
          float ny = rounds_calendar_minutes_of_utc (self->tz, self->now) *
                     (float)SLOT_H / ROUNDS_CALENDAR_SLOT_MINUTES;

          rounds_calendar_grid_cell_bounds (&grid, offset, 0, &x, &y, &w, &h);
          append_line (snapshot, &now_color, gx + x, ny - 1, w, 2);
          gtk_snapshot_append_color (snapshot, &now_color,
                                     &GRAPHENE_RECT_INIT (gx + x - 3, ny - 4, 8, 8));
        }
    }

  GTK_WIDGET_CLASS (rounds_calendar_week_view_parent_class)->snapshot (widget, snapshot);
}

static void
rounds_calendar_week_view_dispose (GObject *object)
{
  RoundsCalendarWeekView *self = ROUNDS_CALENDAR_WEEK_VIEW (object);

  if (self->chips != NULL)
    {
      for (guint i = 0; i < self->chips->len; i++)
        gtk_widget_unparent (g_ptr_array_index (self->chips, i));
      g_clear_pointer (&self->chips, g_ptr_array_unref);
    }
  g_clear_pointer (&self->placements, g_array_unref);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, rebind, self);
  g_clear_object (&self->model);
  g_clear_pointer (&self->tz, g_time_zone_unref);

  G_OBJECT_CLASS (rounds_calendar_week_view_parent_class)->dispose (object);
}

static void
rounds_calendar_week_view_class_init (RoundsCalendarWeekViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rounds_calendar_week_view_dispose;
  widget_class->measure = rounds_calendar_week_view_measure;
  widget_class->size_allocate = rounds_calendar_week_view_size_allocate;
  widget_class->snapshot = rounds_calendar_week_view_snapshot;

  gtk_widget_class_set_css_name (widget_class, "calendar-week");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GRID);
}

static void
rounds_calendar_week_view_init (RoundsCalendarWeekView *self)
{
  self->chips = g_ptr_array_new ();
  self->placements = g_array_new (FALSE, TRUE, sizeof (Placement));
  self->hover_column = self->hover_slot = -1;
  g_date_clear (&self->first_day, 1);

  rounds_calendar_view_add_drop_target (ROUNDS_CALENDAR_VIEW (self));
}

GtkWidget *
rounds_calendar_week_view_new (void)
{
  return g_object_new (ROUNDS_TYPE_CALENDAR_WEEK_VIEW, NULL);
}

static void
set_week (RoundsCalendarWeekView *self,
          const GDate            *first_day,
          GTimeZone              *tz,
          gint64                  now)
{
  char buf[128];
  GDate last;

  self->first_day = *first_day;
  self->now = now;
  if (self->tz != tz)
    {
      g_clear_pointer (&self->tz, g_time_zone_unref);
      self->tz = g_time_zone_ref (tz);
    }

  last = *first_day;
  g_date_add_days (&last, 6);
  {
    char a[64], b[64];

    /* TRANSLATORS: the week view's accessible name: "Week of 12 October to 18 October" */
    g_date_strftime (a, sizeof a, _("%-d %B"), first_day);
    g_date_strftime (b, sizeof b, _("%-d %B"), &last);
    g_snprintf (buf, sizeof buf, _("Week of %s to %s"), a, b);
  }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, buf, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Places the model's events of the week in their slots, side by side
 * when they would cover each other, on recycled chips. */
static void
rebind (RoundsCalendarWeekView *self)
{
  guint n = 0;
  guint n_events = self->model != NULL ? g_list_model_get_n_items (self->model) : 0;

  if (self->tz == NULL)
    return;

  g_array_set_size (self->placements, 0);
  for (guint i = 0; i < n_events; i++)
    {
      g_autoptr(RoundsCalendarEvent) event = g_list_model_get_item (self->model, i);
      gint64 when = rounds_calendar_event_get_when (event);
      GDate day;
      int offset;
      Placement p;
      GtkWidget *chip;

      rounds_calendar_date_of_utc (self->tz, when, &day);
      offset = g_date_days_between (&self->first_day, &day);
      if (offset < 0 || offset >= 7)
        continue;

      p.column = offset;
      p.slot = rounds_calendar_slot_of_minutes (rounds_calendar_minutes_of_utc (self->tz, when));
      p.lane = 0;
      p.lanes = 1;
      g_array_append_val (self->placements, p);

      if (n >= self->chips->len)
        {
          chip = rounds_calendar_view_new_chip (ROUNDS_CALENDAR_VIEW (self));
          gtk_widget_set_parent (chip, GTK_WIDGET (self));
          g_ptr_array_add (self->chips, chip);
        }
      chip = g_ptr_array_index (self->chips, n);
      /* The title on a line of its own: one line left a column of the
       * default window "09:00 Fl…". */
      rounds_calendar_chip_set_stacked (ROUNDS_CALENDAR_CHIP (chip), TRUE);
      rounds_calendar_chip_set_event (ROUNDS_CALENDAR_CHIP (chip), event, self->tz);
      gtk_widget_set_visible (chip, TRUE);
      n++;
    }

  for (guint i = n; i < self->chips->len; i++)
    gtk_widget_set_visible (g_ptr_array_index (self->chips, i), FALSE);

  /* A chip is two lines, an hour tall: the ones that would cover each
   * other go side by side. */
  {
    g_autofree guint *columns = g_new (guint, MAX (n, 1));
    g_autofree guint *slots = g_new (guint, MAX (n, 1));
    g_autofree guint *lane = g_new (guint, MAX (n, 1));
    g_autofree guint *lanes = g_new (guint, MAX (n, 1));

    for (guint i = 0; i < n; i++)
      {
        Placement *p = &g_array_index (self->placements, Placement, i);

        columns[i] = p->column;
        slots[i] = p->slot;
      }
    rounds_calendar_week_lanes (columns, slots, n, CHIP_SLOTS, lane, lanes);
    for (guint i = 0; i < n; i++)
      {
        Placement *p = &g_array_index (self->placements, Placement, i);

        p->lane = lane[i];
        p->lanes = lanes[i];
      }
  }
  self->n_bound = n;
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

GtkWidget *
rounds_calendar_week_view_find_chip (RoundsCalendarWeekView *self,
                                     gint64                  post_id,
                                     gint64                  when)
{
  g_return_val_if_fail (ROUNDS_IS_CALENDAR_WEEK_VIEW (self), NULL);

  for (guint i = 0; i < self->n_bound; i++)
    {
      RoundsCalendarChip *chip = g_ptr_array_index (self->chips, i);
      RoundsPost *post = rounds_calendar_chip_get_post (chip);

      if (post != NULL && rounds_post_get_id (post) == post_id &&
          (when == 0 || rounds_calendar_chip_get_when (chip) == when))
        return GTK_WIDGET (chip);
    }
  return NULL;
}

static void
set_date (RoundsCalendarView *view,
          const GDate        *day,
          GDateWeekday        first_weekday,
          GTimeZone          *tz,
          gint64              now)
{
  RoundsCalendarWeekView *self = ROUNDS_CALENDAR_WEEK_VIEW (view);
  GDate first;

  rounds_calendar_week_start (day, first_weekday, &first);
  set_week (self, &first, tz, now);
  rebind (self);
}

static void
get_range (RoundsCalendarView *view,
           GDate              *first,
           GDate              *after_last)
{
  RoundsCalendarWeekView *self = ROUNDS_CALENDAR_WEEK_VIEW (view);

  *first = self->first_day;
  *after_last = self->first_day;
  g_date_add_days (after_last, 7);
}

static char *
dup_title (RoundsCalendarView *view)
{
  RoundsCalendarWeekView *self = ROUNDS_CALENDAR_WEEK_VIEW (view);
  GDate last = self->first_day;
  g_autofree char *a = rounds_calendar_format_date (&self->first_day, _("%-d %b"));
  g_autofree char *b = NULL;

  g_date_add_days (&last, 6);
  b = rounds_calendar_format_date (&last, _("%-d %b %Y"));
  /* TRANSLATORS: the week shown: "12 Oct – 18 Oct 2026" */
  return g_strdup_printf (_("%s – %s"), a, b);
}

static void
step (RoundsCalendarView *view,
      GDate              *day,
      int                 direction)
{
  if (direction > 0)
    g_date_add_days (day, 7);
  else
    g_date_subtract_days (day, 7);
}

static void
set_model (RoundsCalendarView *view,
           GListModel         *model)
{
  rounds_calendar_view_follow_model (view, &ROUNDS_CALENDAR_WEEK_VIEW (view)->model, model,
                                     (RoundsCalendarViewRebind)rebind);
}

static GtkWidget *
find_post (RoundsCalendarView *view,
           gint64              post_id,
           gint64              when)
{
  return rounds_calendar_week_view_find_chip (ROUNDS_CALENDAR_WEEK_VIEW (view), post_id, when);
}

static void
calendar_view_iface_init (RoundsCalendarViewInterface *iface)
{
  iface->set_date = set_date;
  iface->get_range = get_range;
  iface->dup_title = dup_title;
  iface->step = step;
  iface->set_model = set_model;
  iface->find_post = find_post;
  iface->drop_hover = drop_hover;
  iface->drop_time = drop_time;
}
