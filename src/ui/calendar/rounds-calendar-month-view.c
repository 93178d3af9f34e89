/* rounds-calendar-month-view.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-calendar-month"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "rounds-calendar-chip.h"
#include "rounds-calendar-geometry.h"
#include "rounds-calendar-month-view.h"
#include "rounds-calendar-view.h"
#include "rounds-observances.h"
#include "rounds-time.h"

/* The month: weeks as rows, days as cells, posts as chips. The 42 cells
 * are made once, their chips when a day first shows them, and rebound on
 * every refresh (recycled, not rebuilt); a day with more posts than fit shows "+N more", which
 * opens a popover with all of them. One drop target covers the whole
 * grid (rounds_calendar_view_add_drop_target()): the pointer position is
 * turned into a day by the core's geometry, the day under it is
 * highlighted, and a drop there means the same time of day on that day.
 * Fed from a model of RoundsCalendarEvent (RoundsCalendarView). */

#define N_CELLS   42
#define MAX_CHIPS ROUNDS_CALENDAR_MONTH_MAX_CHIPS

typedef struct
{
  RoundsCalendarMonthView *view;
  GtkWidget *box;
  GtkWidget *number;
  GtkWidget *observance;
  GtkWidget *chip_box;
  GtkWidget *chips[MAX_CHIPS];  /* made when first needed */
  GtkWidget *more;              /* made when first needed */
  GDate      date;
  GPtrArray *events;      /* RoundsCalendarEvent of the day, by time */
  char      *tip;         /* the observance's tooltip */
  gboolean   day_observance;
  /* What the chips and "+N more" show now (refs), to leave a cell whose
   * day, events and count did not change alone on a rebind. */
  RoundsCalendarEvent *bound[MAX_CHIPS];
  guint      bound_n;
  guint      bound_julian;  /* 0: nothing bound */
} DayCell;

struct _RoundsCalendarMonthView
{
  GtkWidget                   parent_instance;

  GtkWidget                  *headers[7];
  DayCell                     cells[N_CELLS];
  guint                       n_weeks;
  int                         year;
  int                         month;
  GDateWeekday                first_weekday;
  GTimeZone                  *tz;
  GDate                       today;
  int                         hover;

  GListModel                 *model;
  /* When the model holds only the first few posts of each day (the
   * store's count per day, rounds_store_read_calendar_range()): */
  guint                       totals[N_CELLS];
  gboolean                    has_totals;
  RoundsCalendarDayFunc       day_func;
  gpointer                    day_data;
  guint                       n_bound;  /* cells bound (for tests) */
};

static void calendar_view_iface_init (RoundsCalendarViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RoundsCalendarMonthView, rounds_calendar_month_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (ROUNDS_TYPE_CALENDAR_VIEW,
                                                      calendar_view_iface_init))

static void rebind (RoundsCalendarMonthView *self);

/* A day's chips under its number: asks for no more height than none (a
 * cell asks for its day number only), is given the cell's rest, and
 * clips what does not fit ("+N more" says what is hidden); the keyboard
 * focus on a chip below the cut scrolls it into view. What a scrolled
 * window without scrollbars did, in one widget instead of the scrolled
 * window, its viewport and two scrollbars per cell (a third of the month's
 * making on the first switch; bench/README.md, switch14b). */

#define ROUNDS_TYPE_DAY_CHIPS (rounds_day_chips_get_type ())
G_DECLARE_FINAL_TYPE (RoundsDayChips, rounds_day_chips, ROUNDS, DAY_CHIPS, GtkWidget)

struct _RoundsDayChips
{
  GtkWidget  parent_instance;

  GtkWidget *child;
  int        offset;   /* how far the child is scrolled up */
};

G_DEFINE_FINAL_TYPE (RoundsDayChips, rounds_day_chips, GTK_TYPE_WIDGET)

static void
rounds_day_chips_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  RoundsDayChips *self = ROUNDS_DAY_CHIPS (widget);

  gtk_widget_measure (self->child, orientation, for_size, minimum, natural, NULL, NULL);
  if (orientation == GTK_ORIENTATION_VERTICAL)
    *minimum = 0;
}

static void
rounds_day_chips_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  RoundsDayChips *self = ROUNDS_DAY_CHIPS (widget);
  int child_h = 0;

  gtk_widget_measure (self->child, GTK_ORIENTATION_VERTICAL, width, &child_h, NULL, NULL, NULL);
  child_h = MAX (child_h, height);
  self->offset = CLAMP (self->offset, 0, child_h - height);
  gtk_widget_allocate (self->child, width, child_h, -1,
                       gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (0, -self->offset)));
}

static void
rounds_day_chips_set_focus_child (GtkWidget *widget,
                                  GtkWidget *focus)
{
  RoundsDayChips *self = ROUNDS_DAY_CHIPS (widget);
  GtkWidget *focused;
  graphene_rect_t bounds;
  int height = gtk_widget_get_height (widget);

  GTK_WIDGET_CLASS (rounds_day_chips_parent_class)->set_focus_child (widget, focus);

  /* The chip focused inside the child, in the child's coordinates. */
  focused = focus != NULL ? gtk_widget_get_focus_child (focus) : NULL;
  if (focused == NULL || !gtk_widget_compute_bounds (focused, self->child, &bounds))
    return;
  if (bounds.origin.y < self->offset)
    self->offset = (int)bounds.origin.y;
  else if (bounds.origin.y + bounds.size.height > self->offset + height)
    self->offset = (int)(bounds.origin.y + bounds.size.height) - height;
  else
    return;
  gtk_widget_queue_allocate (widget);
}

static void
rounds_day_chips_dispose (GObject *object)
{
  RoundsDayChips *self = ROUNDS_DAY_CHIPS (object);

  g_clear_pointer (&self->child, gtk_widget_unparent);
  G_OBJECT_CLASS (rounds_day_chips_parent_class)->dispose (object);
}

static void
rounds_day_chips_class_init (RoundsDayChipsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rounds_day_chips_dispose;
  widget_class->measure = rounds_day_chips_measure;
  widget_class->size_allocate = rounds_day_chips_size_allocate;
  widget_class->set_focus_child = rounds_day_chips_set_focus_child;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GENERIC);
}

static void
rounds_day_chips_init (RoundsDayChips *self)
{
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
}

static GtkWidget *
rounds_day_chips_new (GtkWidget *child)
{
  RoundsDayChips *self = g_object_new (ROUNDS_TYPE_DAY_CHIPS, NULL);

  self->child = child;
  gtk_widget_set_parent (child, GTK_WIDGET (self));
  return GTK_WIDGET (self);
}

static GtkWidget *
new_chip (RoundsCalendarMonthView *self)
{
  return rounds_calendar_view_new_chip (ROUNDS_CALENDAR_VIEW (self));
}

static void
more_popover_closed_cb (GtkPopover *popover)
{
  /* Drop the chips: they are rebuilt each time the popover opens. */
  gtk_popover_set_child (popover, NULL);
}

static void
on_more_activate_cb (GtkMenuButton *button,
                     gpointer       user_data)
{
  DayCell *cell = user_data;
  RoundsCalendarMonthView *self = cell->view;
  GtkPopover *popover = gtk_menu_button_get_popover (button);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  g_autofree char *title = NULL;
  GtkWidget *label;

  if (popover == NULL)
    {
      popover = GTK_POPOVER (gtk_popover_new ());
      gtk_menu_button_set_popover (button, GTK_WIDGET (popover));
      g_signal_connect (popover, "closed", G_CALLBACK (more_popover_closed_cb), NULL);
    }

  {
    g_autoptr(GDateTime) dt = g_date_time_new_local (g_date_get_year (&cell->date),
                                                     g_date_get_month (&cell->date),
                                                     g_date_get_day (&cell->date), 12, 0, 0);
    /* TRANSLATORS: the heading of a day's popover: "Tuesday 14 October" */
    title = g_date_time_format (dt, _("%A %-d %B"));
  }
  label = gtk_label_new (title);
  gtk_widget_add_css_class (label, "heading");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), label);

  {
    g_autoptr(GPtrArray) all = NULL;
    GPtrArray *events = cell->events;

    /* The model has only the first few of the day: ask for all of them. */
    if (self->has_totals && self->day_func != NULL && cell->events != NULL &&
        self->totals[cell - self->cells] > cell->events->len)
      events = all = self->day_func (&cell->date, self->day_data);

  for (guint i = 0; events != NULL && i < events->len; i++)
    {
      GtkWidget *chip = new_chip (self);

      rounds_calendar_chip_set_event (ROUNDS_CALENDAR_CHIP (chip),
                                      g_ptr_array_index (events, i), self->tz);
      gtk_widget_set_size_request (chip, 240, -1);
      gtk_box_append (GTK_BOX (box), chip);
    }
  }

  gtk_popover_set_child (popover, box);
}

static gboolean
on_observance_query_tooltip_cb (GtkWidget  *label,
                                int         x,
                                int         y,
                                gboolean    keyboard,
                                GtkTooltip *tooltip,
                                DayCell    *cell)
{
  if (cell->tip == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, cell->tip);
  return TRUE;
}

static void
build_cell (RoundsCalendarMonthView *self,
            DayCell                 *cell)
{
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *scroller, *chips;

  cell->view = self;
  cell->box = g_object_new (GTK_TYPE_BOX,
                            "orientation", GTK_ORIENTATION_VERTICAL,
                            "spacing", 1,
                            "accessible-role", GTK_ACCESSIBLE_ROLE_GROUP,
                            NULL);
  gtk_widget_add_css_class (cell->box, "calendar-day");
  gtk_widget_set_overflow (cell->box, GTK_OVERFLOW_HIDDEN);

  cell->number = gtk_label_new (NULL);
  gtk_widget_add_css_class (cell->number, "day-number");
  gtk_widget_add_css_class (cell->number, "numeric");
  cell->observance = gtk_label_new (NULL);
  gtk_widget_add_css_class (cell->observance, "observance");
  gtk_label_set_ellipsize (GTK_LABEL (cell->observance), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (cell->observance), 0);
  gtk_widget_set_hexpand (cell->observance, TRUE);
  gtk_label_set_width_chars (GTK_LABEL (cell->observance), 1);
  gtk_widget_set_has_tooltip (cell->observance, TRUE);
  g_signal_connect (cell->observance, "query-tooltip",
                    G_CALLBACK (on_observance_query_tooltip_cb), cell);
  gtk_box_append (GTK_BOX (top), cell->number);
  gtk_box_append (GTK_BOX (top), cell->observance);
  gtk_box_append (GTK_BOX (cell->box), top);

  /* The chips may not fit a small window: a cell asks for no more than
   * its day number and clips what does not fit (RoundsDayChips above). */
  chips = gtk_box_new (GTK_ORIENTATION_VERTICAL, 1);
  scroller = rounds_day_chips_new (chips);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (cell->box), scroller);

  cell->chip_box = chips;
  /* The chips and "+N more" are made when a day first shows them (a
   * cell's three chips and its button were 9 of every 10 widgets of the
   * month, made on the Calendar's first switch before any post was read;
   * bench/README.md, switch14b). */

  gtk_widget_set_parent (cell->box, GTK_WIDGET (self));
}

/* The cell's chip @i, made now if it was not. */
static GtkWidget *
cell_chip (RoundsCalendarMonthView *self,
           DayCell                 *cell,
           guint                    i)
{
  if (cell->chips[i] == NULL)
    {
      GtkWidget *chip = new_chip (self);

      /* A seventh of a window leaves one line three letters of title. */
      rounds_calendar_chip_set_stacked (ROUNDS_CALENDAR_CHIP (chip), TRUE);
      gtk_widget_set_visible (chip, FALSE);
      /* In order, before "+N more". */
      gtk_box_insert_child_after (GTK_BOX (cell->chip_box), chip,
                                  i > 0 ? cell_chip (self, cell, i - 1) : NULL);
      cell->chips[i] = chip;
    }
  return cell->chips[i];
}

static GtkWidget *
cell_more (DayCell *cell)
{
  if (cell->more == NULL)
    {
      cell->more = gtk_menu_button_new ();
      /* One label for the life of the cell: set_label() would rebuild the
       * button's child on every refresh. */
      gtk_menu_button_set_child (GTK_MENU_BUTTON (cell->more), gtk_label_new (NULL));
      gtk_widget_add_css_class (cell->more, "more-button");
      gtk_menu_button_set_has_frame (GTK_MENU_BUTTON (cell->more), FALSE);
      gtk_widget_set_halign (cell->more, GTK_ALIGN_START);
      gtk_widget_set_visible (cell->more, FALSE);
      gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (cell->more),
                                             (GtkMenuButtonCreatePopupFunc)on_more_activate_cb,
                                             cell, NULL);
      gtk_box_append (GTK_BOX (cell->chip_box), cell->more);
    }
  return cell->more;
}

static int
cell_at (RoundsCalendarMonthView *self,
         double                   x,
         double                   y)
{
  int header_h = gtk_widget_get_height (self->headers[0]);
  RoundsCalendarGrid grid = {
    gtk_widget_get_width (GTK_WIDGET (self)),
    gtk_widget_get_height (GTK_WIDGET (self)) - header_h,
    7, self->n_weeks,
    gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL,
  };
  guint column, row;

  if (!rounds_calendar_grid_cell_at (&grid, x, y - header_h, &column, &row))
    return -1;
  return (int)(row * 7 + column);
}

static void
set_hover (RoundsCalendarMonthView *self,
           int                      index)
{
  if (self->hover == index)
    return;
  if (self->hover >= 0)
    gtk_widget_remove_css_class (self->cells[self->hover].box, "drop-hover");
  self->hover = index;
  if (index >= 0)
    gtk_widget_add_css_class (self->cells[index].box, "drop-hover");
}

static gboolean
drop_hover (RoundsCalendarView *view,
            gboolean            inside,
            double              x,
            double              y)
{
  RoundsCalendarMonthView *self = ROUNDS_CALENDAR_MONTH_VIEW (view);
  int index = inside ? cell_at (self, x, y) : -1;

  set_hover (self, index);
  return index >= 0;
}

static gint64
drop_time (RoundsCalendarView *view,
           double              x,
           double              y,
           gint64              occurrence)
{
  RoundsCalendarMonthView *self = ROUNDS_CALENDAR_MONTH_VIEW (view);
  int index = cell_at (self, x, y);

  if (index < 0 || self->tz == NULL)
    return 0;
  return rounds_calendar_month_drop_time (self->tz, occurrence, &self->cells[index].date, 9);
}

static void
rounds_calendar_month_view_measure (GtkWidget      *widget,
                                    GtkOrientation  orientation,
                                    int             for_size,
                                    int            *minimum,
                                    int            *natural,
                                    int            *minimum_baseline,
                                    int            *natural_baseline)
{
  RoundsCalendarMonthView *self = ROUNDS_CALENDAR_MONTH_VIEW (widget);
  int header_min = 0, header_nat = 0;

  gtk_widget_measure (self->headers[0], GTK_ORIENTATION_VERTICAL, -1, &header_min, &header_nat,
                      NULL, NULL);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 7 * 44;
      *natural = 7 * 140;
    }
  else
    {
      *minimum = header_nat + (int)self->n_weeks * 56;
      *natural = header_nat + (int)self->n_weeks * 110;
    }
}

static void
rounds_calendar_month_view_size_allocate (GtkWidget *widget,
                                          int        width,
                                          int        height,
                                          int        baseline)
{
  RoundsCalendarMonthView *self = ROUNDS_CALENDAR_MONTH_VIEW (widget);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  int header_h = 0;
  RoundsCalendarGrid header_grid, grid;

  gtk_widget_measure (self->headers[0], GTK_ORIENTATION_VERTICAL, -1, NULL, &header_h, NULL, NULL);
  header_grid = (RoundsCalendarGrid){ width, header_h, 7, 1, rtl };
  grid = (RoundsCalendarGrid){ width, height - header_h, 7, self->n_weeks, rtl };

  for (guint c = 0; c < 7; c++)
    {
      double x, y, w, h;

      rounds_calendar_grid_cell_bounds (&header_grid, c, 0, &x, &y, &w, &h);
      gtk_widget_size_allocate (self->headers[c], &(GtkAllocation){ x, y, w, h }, -1);
    }

  for (guint i = 0; i < N_CELLS; i++)
    {
      DayCell *cell = &self->cells[i];
      double x, y, w, h;
      int min_h = 0, min_w = 0;

      if (i >= self->n_weeks * 7)
        {
          gtk_widget_set_child_visible (cell->box, FALSE);
          continue;
        }
      gtk_widget_set_child_visible (cell->box, TRUE);
      rounds_calendar_grid_cell_bounds (&grid, i % 7, i / 7, &x, &y, &w, &h);
      gtk_widget_measure (cell->box, GTK_ORIENTATION_HORIZONTAL, -1, &min_w, NULL, NULL, NULL);
      gtk_widget_measure (cell->box, GTK_ORIENTATION_VERTICAL, MAX (w, min_w), &min_h, NULL, NULL,
                          NULL);
      /* A cell whose chips do not fit is clipped (overflow hidden); "+N
       * more" is shown from the start when a day has more than fits. */
      gtk_widget_size_allocate (cell->box,
                                &(GtkAllocation){ x, y + header_h, MAX (w, min_w), MAX (h, min_h) },
                                -1);
    }
}

static void
rounds_calendar_month_view_dispose (GObject *object)
{
  RoundsCalendarMonthView *self = ROUNDS_CALENDAR_MONTH_VIEW (object);

  for (guint i = 0; i < 7; i++)
    g_clear_pointer (&self->headers[i], gtk_widget_unparent);
  for (guint i = 0; i < N_CELLS; i++)
    {
      g_clear_pointer (&self->cells[i].events, g_ptr_array_unref);
      g_clear_pointer (&self->cells[i].tip, g_free);
      for (guint c = 0; c < MAX_CHIPS; c++)
        g_clear_object (&self->cells[i].bound[c]);
      g_clear_pointer (&self->cells[i].box, gtk_widget_unparent);
    }
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, rebind, self);
  g_clear_object (&self->model);
  g_clear_pointer (&self->tz, g_time_zone_unref);

  G_OBJECT_CLASS (rounds_calendar_month_view_parent_class)->dispose (object);
}

static void
rounds_calendar_month_view_class_init (RoundsCalendarMonthViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rounds_calendar_month_view_dispose;
  widget_class->measure = rounds_calendar_month_view_measure;
  widget_class->size_allocate = rounds_calendar_month_view_size_allocate;

  gtk_widget_class_set_css_name (widget_class, "calendar-month");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GRID);
}

static void
rounds_calendar_month_view_init (RoundsCalendarMonthView *self)
{
  self->hover = -1;
  self->n_weeks = 5;

  for (guint i = 0; i < 7; i++)
    {
      self->headers[i] = gtk_label_new (NULL);
      gtk_widget_add_css_class (self->headers[i], "weekday");
      gtk_widget_set_parent (self->headers[i], GTK_WIDGET (self));
    }
  for (guint i = 0; i < N_CELLS; i++)
    build_cell (self, &self->cells[i]);

  rounds_calendar_view_add_drop_target (ROUNDS_CALENDAR_VIEW (self));
}

GtkWidget *
rounds_calendar_month_view_new (void)
{
  return g_object_new (ROUNDS_TYPE_CALENDAR_MONTH_VIEW, NULL);
}

#define format_day rounds_calendar_format_date

static void
set_month (RoundsCalendarMonthView *self,
           int                      year,
           int                      month,
           GDateWeekday             first_weekday,
           GTimeZone               *tz,
           const GDate             *today)
{
  g_autofree char *month_name = NULL;

  self->year = year;
  self->month = month;
  self->first_weekday = first_weekday;
  self->today = *today;
  if (self->tz != tz)
    {
      g_clear_pointer (&self->tz, g_time_zone_unref);
      self->tz = g_time_zone_ref (tz);
      /* The chips' times change. */
      for (guint i = 0; i < N_CELLS; i++)
        self->cells[i].bound_julian = 0;
    }
  self->n_weeks = rounds_calendar_month_n_weeks (year, month, first_weekday);

  {
    GDate first;

    g_date_clear (&first, 1);
    g_date_set_dmy (&first, 1, month, year);
    /* TRANSLATORS: the month view's accessible name: "October 2026" */
    month_name = format_day (&first, _("%B %Y"));
    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    month_name, -1);
  }

  for (guint c = 0; c < 7; c++)
    {
      GDate day;
      g_autofree char *abbrev = NULL;
      g_autofree char *full = NULL;

      rounds_calendar_month_date_at (year, month, first_weekday, c, 0, &day);
      abbrev = format_day (&day, "%a");
      full = format_day (&day, "%A");
      gtk_label_set_label (GTK_LABEL (self->headers[c]), abbrev);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->headers[c]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, full, -1);
    }

  for (guint i = 0; i < N_CELLS; i++)
    {
      DayCell *cell = &self->cells[i];
      g_autofree char *number = NULL;
      g_autofree char *label = NULL;
      gboolean is_today, other_month;

      rounds_calendar_month_date_at (year, month, first_weekday, i % 7, i / 7, &cell->date);
      number = g_strdup_printf ("%d", g_date_get_day (&cell->date));
      gtk_label_set_label (GTK_LABEL (cell->number), number);

      is_today = g_date_compare (&cell->date, today) == 0;
      other_month = (int)g_date_get_month (&cell->date) != month;
      if (is_today)
        gtk_widget_add_css_class (cell->box, "today");
      else
        gtk_widget_remove_css_class (cell->box, "today");
      if (other_month)
        gtk_widget_add_css_class (cell->box, "other-month");
      else
        gtk_widget_remove_css_class (cell->box, "other-month");
      if (g_date_compare (&cell->date, today) < 0)
        gtk_widget_add_css_class (cell->box, "past");
      else
        gtk_widget_remove_css_class (cell->box, "past");

      /* TRANSLATORS: a day cell for screen readers: "Tuesday 14 October" */
      label = format_day (&cell->date, _("%A %-d %B"));
      if (is_today)
        {
          g_autofree char *today_label = g_strdup_printf (_("%s, today"), label);
          g_free (label);
          label = g_steal_pointer (&today_label);
        }
      gtk_accessible_update_property (GTK_ACCESSIBLE (cell->box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      label, -1);
    }

  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
get_range (RoundsCalendarView *view,
           GDate              *first,
           GDate              *after_last)
{
  RoundsCalendarMonthView *self = ROUNDS_CALENDAR_MONTH_VIEW (view);

  *first = self->cells[0].date;
  *after_last = self->cells[0].date;
  g_date_add_days (after_last, self->n_weeks * 7);
}

/* Whether @cell shows what it would be bound to now. */
static gboolean
cell_is_bound (RoundsCalendarMonthView *self,
               DayCell                 *cell,
               guint                    n,
               guint                    shown)
{
  if (cell->bound_julian != g_date_get_julian (&cell->date) || cell->bound_n != n)
    return FALSE;
  for (guint i = 0; i < MAX_CHIPS; i++)
    if (cell->bound[i] != (i < shown ? g_ptr_array_index (cell->events, i) : NULL))
      return FALSE;
  return TRUE;
}

static void
bind_cell (RoundsCalendarMonthView *self,
           DayCell                 *cell)
{
  guint held = cell->events != NULL ? cell->events->len : 0;
  guint n = self->has_totals ? MAX (held, self->totals[cell - self->cells]) : held;
  guint shown = MIN (held, n <= MAX_CHIPS ? n : MAX_CHIPS - 1);

  /* A month step keeps no cell's day, but one post changing keeps all
   * but one or two cells as they were. */
  if (cell_is_bound (self, cell, n, shown))
    return;
  self->n_bound++;
  cell->bound_julian = g_date_get_julian (&cell->date);
  cell->bound_n = n;

  for (guint i = 0; i < MAX_CHIPS; i++)
    {
      RoundsCalendarEvent *event = i < shown ? g_ptr_array_index (cell->events, i) : NULL;

      if (event != NULL)
        rounds_calendar_chip_set_event (ROUNDS_CALENDAR_CHIP (cell_chip (self, cell, i)), event,
                                        self->tz);
      g_set_object (&cell->bound[i], event);
      if (cell->chips[i] != NULL)
        gtk_widget_set_visible (cell->chips[i], i < shown);
    }

  if (n > shown)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "+%u more",
                                                            "+%u more", n - shown), n - shown);
      g_autofree char *a11y = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u more post on this day",
                                                            "%u more posts on this day",
                                                            n - shown), n - shown);

      gtk_label_set_label (GTK_LABEL (gtk_menu_button_get_child (GTK_MENU_BUTTON (cell_more (cell)))),
                           more);
      gtk_accessible_update_property (GTK_ACCESSIBLE (cell->more), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      a11y, -1);
    }
  if (cell->more != NULL)
    gtk_widget_set_visible (cell->more, n > shown);
}

/* Sorts the model's events into the days, and the range's observances
 * (weeks and days; the month's are the page's) onto them. */
static void
rebind (RoundsCalendarMonthView *self)
{
  guint n_days = self->n_weeks * 7;
  guint n_events = self->model != NULL ? g_list_model_get_n_items (self->model) : 0;
  g_autoptr(GPtrArray) observances = NULL;
  const char *names[N_CELLS] = { NULL };
  GDate last;

  /* Without a model (the page swaps it while it reads a new period) the
   * cells keep what they show: the model given next is bound once. */
  if (self->tz == NULL || self->model == NULL)
    return;

  for (guint i = 0; i < N_CELLS; i++)
    {
      DayCell *cell = &self->cells[i];

      if (cell->events == NULL)
        cell->events = g_ptr_array_new_with_free_func (g_object_unref);
      g_ptr_array_set_size (cell->events, 0);
      g_clear_pointer (&cell->tip, g_free);
      cell->day_observance = FALSE;
    }

  for (guint i = 0; i < n_events; i++)
    {
      g_autoptr(RoundsCalendarEvent) event = g_list_model_get_item (self->model, i);
      GDate day;
      int offset;

      rounds_calendar_date_of_utc (self->tz, rounds_calendar_event_get_when (event), &day);
      offset = g_date_days_between (&self->cells[0].date, &day);
      if (offset >= 0 && offset < (int)n_days)
        g_ptr_array_add (self->cells[offset].events, g_steal_pointer (&event));
    }

  last = self->cells[0].date;
  g_date_add_days (&last, n_days - 1);
  observances = rounds_observances_for_range (&self->cells[0].date, &last);
  for (guint o = 0; observances != NULL && o < observances->len; o++)
    {
      RoundsObservance *obs = g_ptr_array_index (observances, o);

      if (obs->kind == ROUNDS_OBSERVANCE_MONTH)
        continue;
      for (guint i = 0; i < n_days; i++)
        {
          DayCell *cell = &self->cells[i];

          if (!rounds_observance_covers (obs, &cell->date))
            continue;
          /* Days win over weeks; the first of each kind is shown. */
          if (cell->tip == NULL || (obs->kind == ROUNDS_OBSERVANCE_DAY && !cell->day_observance))
            {
              names[i] = obs->name;
              g_free (cell->tip);
              cell->tip = g_strdup_printf ("%s (%s)", obs->name, obs->rule);
              cell->day_observance = obs->kind == ROUNDS_OBSERVANCE_DAY;
            }
        }
    }

  /* Each label set once: a label given "" and then the same name again
   * lays its text out twice. */
  for (guint i = 0; i < N_CELLS; i++)
    gtk_label_set_label (GTK_LABEL (self->cells[i].observance), names[i] != NULL ? names[i] : "");

  for (guint i = 0; i < n_days; i++)
    bind_cell (self, &self->cells[i]);
}

/**
 * rounds_calendar_month_view_get_day_cell:
 *
 * Returns: (transfer none) (nullable): the cell of @day, if shown.
 */
GtkWidget *
rounds_calendar_month_view_get_day_cell (RoundsCalendarMonthView *self,
                                         const GDate             *day)
{
  int offset;

  g_return_val_if_fail (ROUNDS_IS_CALENDAR_MONTH_VIEW (self), NULL);

  offset = g_date_days_between (&self->cells[0].date, day);
  if (offset < 0 || offset >= (int)(self->n_weeks * 7))
    return NULL;
  return self->cells[offset].box;
}

/**
 * rounds_calendar_month_view_find_chip:
 * @when: the occurrence, or 0 for any
 *
 * Returns: (transfer none) (nullable): the visible chip of a post.
 */
GtkWidget *
rounds_calendar_month_view_find_chip (RoundsCalendarMonthView *self,
                                      gint64                   post_id,
                                      gint64                   when)
{
  g_return_val_if_fail (ROUNDS_IS_CALENDAR_MONTH_VIEW (self), NULL);

  for (guint i = 0; i < self->n_weeks * 7; i++)
    for (guint c = 0; c < MAX_CHIPS; c++)
      {
        RoundsCalendarChip *chip = ROUNDS_CALENDAR_CHIP (self->cells[i].chips[c]);
        RoundsPost *post;

        if (chip == NULL)
          continue;
        post = rounds_calendar_chip_get_post (chip);
        if (gtk_widget_get_visible (GTK_WIDGET (chip)) && post != NULL &&
            rounds_post_get_id (post) == post_id &&
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
  RoundsCalendarMonthView *self = ROUNDS_CALENDAR_MONTH_VIEW (view);
  GDate today;

  rounds_calendar_date_of_utc (tz, now, &today);
  set_month (self, g_date_get_year (day), g_date_get_month (day), first_weekday, tz, &today);
  rebind (self);
}

static char *
dup_title (RoundsCalendarView *view)
{
  RoundsCalendarMonthView *self = ROUNDS_CALENDAR_MONTH_VIEW (view);
  GDate first;

  g_date_clear (&first, 1);
  g_date_set_dmy (&first, 1, self->month, self->year);
  /* TRANSLATORS: the month shown: "October 2026" */
  return format_day (&first, _("%B %Y"));
}


static void
set_model (RoundsCalendarView *view,
           GListModel         *model)
{
  rounds_calendar_view_follow_model (view, &ROUNDS_CALENDAR_MONTH_VIEW (view)->model, model,
                                     (RoundsCalendarViewRebind)rebind);
}

static GtkWidget *
find_post (RoundsCalendarView *view,
           gint64              post_id,
           gint64              when)
{
  return rounds_calendar_month_view_find_chip (ROUNDS_CALENDAR_MONTH_VIEW (view), post_id, when);
}

static void
calendar_view_iface_init (RoundsCalendarViewInterface *iface)
{
  iface->set_date = set_date;
  iface->get_range = get_range;
  iface->dup_title = dup_title;
  iface->set_model = set_model;
  iface->find_post = find_post;
  iface->drop_hover = drop_hover;
  iface->drop_time = drop_time;
}

/**
 * rounds_calendar_month_view_set_day_totals:
 * @totals: (array length=n_days) (nullable): how many posts each day of
 *   the grid has, when the model holds only the first few of each day
 *
 * Taken in at the next rebind (set the model after it).
 */
void
rounds_calendar_month_view_set_day_totals (RoundsCalendarMonthView *self,
                                           const guint             *totals,
                                           guint                    n_days)
{
  g_return_if_fail (ROUNDS_IS_CALENDAR_MONTH_VIEW (self));

  memset (self->totals, 0, sizeof self->totals);
  self->has_totals = totals != NULL;
  if (totals != NULL)
    memcpy (self->totals, totals, sizeof (guint) * MIN (n_days, N_CELLS));
}

/**
 * rounds_calendar_month_view_set_day_func:
 *
 * How the "+N more" popover reads all the events of a day.
 */
void
rounds_calendar_month_view_set_day_func (RoundsCalendarMonthView *self,
                                         RoundsCalendarDayFunc    func,
                                         gpointer                 user_data)
{
  g_return_if_fail (ROUNDS_IS_CALENDAR_MONTH_VIEW (self));

  self->day_func = func;
  self->day_data = user_data;
}

/**
 * rounds_calendar_month_view_set_day_total:
 *
 * How many posts @day has now (one day read again after a change), taken
 * in at the next rebind (change the model after it).
 */
void
rounds_calendar_month_view_set_day_total (RoundsCalendarMonthView *self,
                                          const GDate             *day,
                                          guint                    total)
{
  int offset;

  g_return_if_fail (ROUNDS_IS_CALENDAR_MONTH_VIEW (self));

  offset = g_date_days_between (&self->cells[0].date, day);
  if (!self->has_totals || offset < 0 || offset >= N_CELLS)
    return;
  self->totals[offset] = total;
}

/**
 * _rounds_calendar_month_view_get_n_bound:
 *
 * Returns: how many times a day cell was bound again (for tests: a change
 *   to one post binds the cells of its days, not the month's).
 */
guint
_rounds_calendar_month_view_get_n_bound (RoundsCalendarMonthView *self)
{
  g_return_val_if_fail (ROUNDS_IS_CALENDAR_MONTH_VIEW (self), 0);
  return self->n_bound;
}

/**
 * rounds_calendar_month_view_hides_posts:
 *
 * Returns: whether a day shown has posts that are not in the model (it
 *   says "+N more" of posts the view was not given)
 */
gboolean
rounds_calendar_month_view_hides_posts (RoundsCalendarMonthView *self)
{
  g_return_val_if_fail (ROUNDS_IS_CALENDAR_MONTH_VIEW (self), FALSE);

  if (!self->has_totals)
    return FALSE;
  for (guint i = 0; i < self->n_weeks * 7; i++)
    if (self->totals[i] > (self->cells[i].events != NULL ? self->cells[i].events->len : 0))
      return TRUE;
  return FALSE;
}
