/* rounds-calendar-page.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-calendar-page"

#include "config.h"

#include <glib/gi18n.h>
#ifdef __GLIBC__
#include <langinfo.h>
#endif

#include "rounds-calendar-agenda-row.h"
#include "rounds-calendar-agenda-view.h"
#include "rounds-calendar-chip.h"
#include "rounds-calendar-drafts.h"
#include "rounds-calendar-event.h"
#include "rounds-calendar-filters.h"
#include "rounds-calendar-geometry.h"
#include "rounds-calendar-marks.h"
#include "rounds-calendar-month-view.h"
#include "rounds-calendar-page.h"
#include "rounds-calendar-page-private.h"
#include "rounds-calendar-view.h"
#include "rounds-calendar-week-view.h"
#include "rounds-exchange.h"
#include "rounds-menu-on-demand.h"
#include "rounds-observances.h"
#include "rounds-reschedule-dialog.h"
#include "rounds-store-calendar.h"
#include "rounds-time.h"
#include "rounds-window.h"

/* The Calendar place: month, week and agenda views of the posts, in
 * practice time, over the store's range query; filters by network and
 * status; observances on their days; the unscheduled drafts beside it.
 * The page chooses the view (a RoundsCalendarView), moves its period,
 * reads the range the view shows into a list of RoundsCalendarEvent and
 * hands the view that list behind the network and status filter.
 * Moving a post — a drop, Alt+arrows on a selected chip, or Reschedule… —
 * always activates the window's post.reschedule, which asks about
 * recurring posts, lets the store refuse (a toast says why), and offers
 * an undo (toast button, and Ctrl+Z here: post.undo-reschedule). The compliance check of the visible
 * posts runs in a thread, cached by text hash, and marks chips when it
 * is done: the views never wait for it. */

struct _RoundsCalendarPage
{
  AdwBin             parent_instance;

  RoundsContext     *context;
  gulong             post_changed_handler;
  gulong             practice_changed_handler;
  gulong             posts_changed_handler;   /* post-removed */
  gulong             posts_imported_handler;
  guint              refresh_idle;
  gboolean           period_only;   /* this refresh moves the period: drafts stay */
  GCancellable      *loading;       /* the range being read on a worker */
  /* The first switch: an answer before the grid's first frame waits for
   * it (show_first()). */
  GdkFrameClock     *first_paint_clock;
  gulong             first_paint_handler;
  gpointer           held_load;     /* Load, its answer below */
  RoundsCalendarRange *held_range;
  GError            *held_error;
  char              *loading_view;  /* the view it is for */
  guint              changes;       /* post changes seen: a read older than one is read again */
  GHashTable        *changed_ids;   /* posts changed since the range was read (gint64 *) */
  GArray            *patch_days;    /* GDate: month days to read again after a change */
  GCancellable      *patching;      /* the day being read */
  guint              n_days_read;   /* days asked of the store (for tests) */
  GDate              anchor;          /* a day in the visible period */
  GDate              shown_anchor;    /* the anchor of what shows (a read may be under way) */
  GDateWeekday       first_weekday;
  GListStore        *events;          /* RoundsCalendarEvent of the visible range */
  GtkFilterListModel *filtered;       /* what the visible view shows */
  GListStore        *draft_events;    /* RoundsCalendarEvent of the drafts pane */
  GtkFilterListModel *filtered_drafts;/* what the drafts pane shows */
  RoundsCalendarMarks *marks;         /* the compliance check's answers */
  gboolean           scrolled_week;
  gboolean           narrow;          /* switched to the agenda for a narrow window */
  char              *wide_view;       /* the view to go back to */
  guint              narrow_idle;

  GtkWidget         *jump_button;
  GtkMenuButton     *exchange_button;
  GtkMenuButton     *compact_menu_button;
  GMenuModel        *exchange_menu;
  GMenuModel        *compact_menu;
  GtkWidget         *compact_title;
  AdwSqueezer       *toolbar_squeezer;
  GtkWidget         *compact_toolbar;
  GtkWidget         *jump_popover;
  GtkWidget         *jump_calendar;
  GtkWidget         *month_toggle;
  GtkWidget         *week_toggle;
  GtkWidget         *agenda_toggle;
  RoundsCalendarFilters *filters;
  GtkWidget         *drafts_toggle;
  GtkWidget         *month_observances;
  GtkStack          *view_stack;
  RoundsCalendarMonthView *month_view;
  GtkWidget         *week_header;
  GtkWidget         *week_scroller;
  RoundsCalendarWeekView  *week_view;
  RoundsCalendarAgendaView *agenda_view;
  RoundsCalendarDrafts *drafts;
};

G_DEFINE_FINAL_TYPE (RoundsCalendarPage, rounds_calendar_page, ADW_TYPE_BIN)

static GDateWeekday
locale_first_weekday (void)
{
#if defined(__GLIBC__) && defined(_NL_TIME_FIRST_WEEKDAY)
  /* As GtkCalendar does: glibc's week-1stday is a date (19971130, a
   * Sunday, for most locales) and first_weekday counts from it, 1-based. */
  union { unsigned int word; char *string; } langinfo;
  int week_origin, first;

  langinfo.string = nl_langinfo (_NL_TIME_FIRST_WEEKDAY);
  first = langinfo.string[0];
  langinfo.string = nl_langinfo (_NL_TIME_WEEK_1STDAY);
  week_origin = langinfo.word;
  if (week_origin == 19971130)      /* Sunday */
    week_origin = 0;
  else if (week_origin == 19971201) /* Monday */
    week_origin = 1;
  else
    week_origin = 0;
  /* 0 = Sunday … 6 = Saturday */
  first = (week_origin + first - 1) % 7;
  return first == 0 ? G_DATE_SUNDAY : (GDateWeekday)first;
#else
  return G_DATE_SUNDAY;
#endif
}

static GTimeZone *
dup_tz (RoundsCalendarPage *self)
{
  return rounds_context_dup_time_zone (self->context);
}

static RoundsStore *
get_store (RoundsCalendarPage *self)
{
  return rounds_context_get_store (self->context);
}

static gint64
get_now (RoundsCalendarPage *self)
{
  return rounds_clock_get_now (rounds_context_get_clock (self->context));
}

static RoundsWindow *
get_window (RoundsCalendarPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return ROUNDS_IS_WINDOW (root) ? ROUNDS_WINDOW (root) : NULL;
}

static void
toast (RoundsCalendarPage *self,
       AdwToast           *t)
{
  RoundsWindow *window = get_window (self);

  if (window != NULL)
    rounds_window_add_toast (window, t);
  else
    g_object_unref (g_object_ref_sink (t));
}

static void
toast_text (RoundsCalendarPage *self,
            const char         *text)
{
  AdwToast *t = adw_toast_new (text);

  adw_toast_set_timeout (t, 4);
  toast (self, t);
}

#define format_date rounds_calendar_format_date

static const char *
current_view (RoundsCalendarPage *self)
{
  return gtk_stack_get_visible_child_name (self->view_stack);
}

static RoundsCalendarView *
view_named (RoundsCalendarPage *self,
            const char         *name)
{
  if (g_str_equal (name, "week"))
    return ROUNDS_CALENDAR_VIEW (self->week_view);
  if (g_str_equal (name, "agenda"))
    return ROUNDS_CALENDAR_VIEW (self->agenda_view);
  return ROUNDS_CALENDAR_VIEW (self->month_view);
}

static RoundsCalendarView *
get_view (RoundsCalendarPage *self)
{
  return view_named (self, current_view (self));
}

/* All the posts of a month day, for its "+N more" popover (the month
 * holds the first few of each day). */
static GPtrArray *
month_day_events (const GDate *day,
                  gpointer     user_data)
{
  RoundsCalendarPage *self = user_data;
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(RoundsCalendarQuery) query = NULL;
  g_autoptr(RoundsCalendarRange) range = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *events = g_ptr_array_new_with_free_func (g_object_unref);

  if (self->context == NULL)
    return events;
  tz = dup_tz (self);
  query = rounds_calendar_query_new (tz, day, 1, 0);
  rounds_calendar_filters_get_ticked (self->filters, &query->statuses, &query->networks);
  range = rounds_store_read_calendar_range (get_store (self), query, &error);
  if (range == NULL && !g_error_matches (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_OFFLINE))
    g_warning ("Could not read the day: %s", error->message);
  for (guint i = 0; range != NULL && i < range->items->len; i++)
    {
      RoundsCalendarItem *item = g_ptr_array_index (range->items, i);
      RoundsCalendarEvent *event = rounds_calendar_event_new (item->post, item->when,
                                                              item->recurring);

      rounds_calendar_event_set_problems (event,
                                          rounds_calendar_marks_lookup (self->marks, item->post));
      g_ptr_array_add (events, event);
    }
  return events;
}

/* The compliance marks (rounds-calendar-marks.c) answer from a thread:
 * mark the events shown, in the views and the drafts pane, again. */
static void
on_marks_changed_cb (RoundsCalendarPage *self)
{
  rounds_calendar_marks_apply (self->marks, G_LIST_MODEL (self->events));
  rounds_calendar_drafts_apply_marks (self->drafts);
}

/* ------------------------------------------------------------------ */
/* Refresh                                                              */

/* The days a view shows for @anchor (what its set_date() will show),
 * computed before it is given them: the view keeps its content until
 * the answer comes. */
static void
range_of (RoundsCalendarPage *self,
          RoundsCalendarView *view,
          const GDate        *anchor,
          GDate              *first,
          GDate              *after_last)
{
  GDate day = *anchor;

  if (view == ROUNDS_CALENDAR_VIEW (self->month_view))
    {
      g_date_set_day (&day, 1);
      rounds_calendar_week_start (&day, self->first_weekday, first);
      *after_last = *first;
      g_date_add_days (after_last, 7 * rounds_calendar_month_n_weeks (g_date_get_year (&day),
                                                                      g_date_get_month (&day),
                                                                      self->first_weekday));
    }
  else if (view == ROUNDS_CALENDAR_VIEW (self->week_view))
    {
      rounds_calendar_week_start (&day, self->first_weekday, first);
      *after_last = *first;
      g_date_add_days (after_last, 7);
    }
  else
    {
      g_date_set_day (&day, 1);
      *first = day;
      *after_last = day;
      g_date_add_months (after_last, 1);
    }
}

/* What @view shows around @anchor: the month only the first chips of
 * each day and a count, the week and agenda every post (with times). */
static RoundsCalendarQuery *
new_query (RoundsCalendarPage *self,
           RoundsCalendarView *view,
           const GDate        *anchor,
           GTimeZone          *tz)
{
  RoundsCalendarQuery *query;
  GDate first, after_last;

  range_of (self, view, anchor, &first, &after_last);
  query = rounds_calendar_query_new (tz, &first, g_date_days_between (&first, &after_last),
                                     view == ROUNDS_CALENDAR_VIEW (self->month_view)
                                       ? ROUNDS_CALENDAR_MONTH_MAX_CHIPS : 0);
  rounds_calendar_filters_get_ticked (self->filters, &query->statuses, &query->networks);
  return query;
}

static int
compare_event_item (RoundsCalendarEvent *event,
                    RoundsCalendarItem  *item)
{
  gint64 a = rounds_calendar_event_get_when (event), b = item->when;
  gint64 ia = rounds_post_get_id (rounds_calendar_event_get_post (event));
  gint64 ib = rounds_post_get_id (item->post);

  if (a != b)
    return a < b ? -1 : 1;
  return ia < ib ? -1 : ia > ib;
}

/* The range's items into the events list, in one splice (the view
 * redraws once). Events already shown for the same post and time are
 * kept (both lists are by time): a step keeps the weeks both months
 * show, a change keeps all but the post that changed. */
static void
apply_range (RoundsCalendarPage  *self,
             RoundsCalendarRange *range)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *old = G_LIST_MODEL (self->events);
  guint n_old = g_list_model_get_n_items (old), o = 0;

  for (guint i = 0; i < range->items->len; i++)
    {
      RoundsCalendarItem *item = g_ptr_array_index (range->items, i);
      RoundsCalendarEvent *event = NULL;

      while (o < n_old)
        {
          g_autoptr(RoundsCalendarEvent) candidate = g_list_model_get_item (old, o);
          int cmp = compare_event_item (candidate, item);

          if (cmp > 0)
            break;
          o++;
          if (cmp == 0 && rounds_calendar_event_get_post (candidate) == item->post &&
              rounds_calendar_event_get_recurring (candidate) == item->recurring &&
              !g_hash_table_contains (self->changed_ids,
                                      &(gint64){ rounds_post_get_id (item->post) }))
            {
              event = g_steal_pointer (&candidate);
              break;
            }
        }
      if (event == NULL)
        {
          event = rounds_calendar_event_new (item->post, item->when, item->recurring);
          rounds_calendar_event_set_problems (event,
                                              rounds_calendar_marks_lookup (self->marks, item->post));
        }
      g_ptr_array_add (events, event);
    }

  g_list_store_splice (self->events, 0, n_old, events->pdata, events->len);
  /* The events of the posts that changed are new now: a view that keeps
   * what it bound for the same event binds those again. */
  g_hash_table_remove_all (self->changed_ids);
}

static void
update_month_observances (RoundsCalendarPage *self,
                          GPtrArray          *observances)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; observances != NULL && i < observances->len; i++)
    {
      RoundsObservance *o = g_ptr_array_index (observances, i);

      if (o->kind != ROUNDS_OBSERVANCE_MONTH ||
          (int)g_date_get_month (&o->start) != (int)g_date_get_month (&self->anchor))
        continue;
      if (s->len > 0)
        g_string_append (s, " · ");
      g_string_append (s, o->name);
    }

  if (s->len > 0)
    {
      /* TRANSLATORS: the month's health observances above the calendar */
      g_autofree char *text = g_strdup_printf (_("This month: %s"), s->str);
      gtk_label_set_label (GTK_LABEL (self->month_observances), text);
    }
  gtk_widget_set_visible (self->month_observances, s->len > 0);
  g_string_free (s, TRUE);
}

/* The unscheduled drafts, in the side pane behind the same filter: as
 * read with @range on the worker, else read now. */
static void
refresh_drafts (RoundsCalendarPage  *self,
                RoundsCalendarRange *range,
                GTimeZone           *tz)
{
  g_autoptr(GPtrArray) drafts = range != NULL && range->unscheduled != NULL
                                  ? g_ptr_array_ref (range->unscheduled)
                                  : rounds_store_list_unscheduled (get_store (self));
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < drafts->len; i++)
    {
      RoundsPost *post = g_ptr_array_index (drafts, i);

      /* Checked when the pane makes its chip (rounds-calendar-drafts.c). */
      g_ptr_array_add (events, rounds_calendar_event_new (post, 0, FALSE));
    }
  rounds_calendar_drafts_set_model (self->drafts, G_LIST_MODEL (self->filtered_drafts), tz);
  g_list_store_splice (self->draft_events, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->draft_events)),
                       events->pdata, events->len);
}

/* The week's column headings: the day, and under it the day's or week's
 * observance (a day's wins), as the month's cells show them. */
static void
update_week_header (RoundsCalendarPage *self,
                    const GDate        *first,
                    const GDate        *today,
                    GPtrArray          *observances)
{
  GtkWidget *column = gtk_widget_get_first_child (self->week_header);

  for (guint i = 0; i < 7; i++)
    {
      GDate day = *first;
      g_autofree char *text = NULL;
      g_autofree char *full = NULL;
      RoundsObservance *shown = NULL;
      GtkWidget *label, *observance;

      g_date_add_days (&day, i);
      if (column == NULL)
        {
          column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
          label = gtk_label_new (NULL);
          gtk_widget_add_css_class (label, "weekday");
          observance = gtk_label_new (NULL);
          gtk_widget_add_css_class (observance, "observance");
          gtk_label_set_ellipsize (GTK_LABEL (observance), PANGO_ELLIPSIZE_END);
          gtk_label_set_width_chars (GTK_LABEL (observance), 1);
          gtk_widget_set_margin_start (observance, 4);
          gtk_widget_set_margin_end (observance, 4);
          gtk_box_append (GTK_BOX (column), label);
          gtk_box_append (GTK_BOX (column), observance);
          gtk_box_append (GTK_BOX (self->week_header), column);
        }
      label = gtk_widget_get_first_child (column);
      observance = gtk_widget_get_next_sibling (label);
      /* TRANSLATORS: a week view column heading: "Tue 14" */
      text = format_date (&day, _("%a %-d"));
      full = format_date (&day, _("%A %-d %B"));
      gtk_label_set_label (GTK_LABEL (label), text);
      gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      full, -1);
      if (g_date_compare (&day, today) == 0)
        gtk_widget_add_css_class (label, "today");
      else
        gtk_widget_remove_css_class (label, "today");

      for (guint o = 0; observances != NULL && o < observances->len; o++)
        {
          RoundsObservance *obs = g_ptr_array_index (observances, o);

          if (obs->kind == ROUNDS_OBSERVANCE_MONTH || !rounds_observance_covers (obs, &day))
            continue;
          if (shown == NULL || (obs->kind == ROUNDS_OBSERVANCE_DAY &&
                                shown->kind != ROUNDS_OBSERVANCE_DAY))
            shown = obs;
        }
      gtk_label_set_label (GTK_LABEL (observance), shown != NULL ? shown->name : "");
      if (shown != NULL)
        {
          g_autofree char *tip = g_strdup_printf ("%s (%s)", shown->name, shown->rule);

          gtk_widget_set_tooltip_text (observance, tip);
        }
      else
        gtk_widget_set_tooltip_text (observance, NULL);
      column = gtk_widget_get_next_sibling (column);
    }
}

/* Shows @range (read for @view around the anchor) in @view. */
static void
show_range (RoundsCalendarPage  *self,
            RoundsCalendarView  *view,
            RoundsCalendarRange *range,
            GTimeZone           *tz)
{
  g_autoptr(GPtrArray) observances = NULL;
  g_autofree char *title = NULL;
  GDate today, first, after_last, last;

  rounds_calendar_date_of_utc (tz, get_now (self), &today);
  self->shown_anchor = self->anchor;

  /* Only the visible view follows the events; it is given them once they
   * are read, so that it binds them once. */
  rounds_calendar_view_set_model (ROUNDS_CALENDAR_VIEW (self->month_view), NULL);
  rounds_calendar_view_set_model (ROUNDS_CALENDAR_VIEW (self->week_view), NULL);
  rounds_calendar_view_set_model (ROUNDS_CALENDAR_VIEW (self->agenda_view), NULL);
  rounds_calendar_view_set_date (view, &self->anchor, self->first_weekday, tz, get_now (self));
  rounds_calendar_view_get_range (view, &first, &after_last);
  last = after_last;
  g_date_subtract_days (&last, 1);
  observances = rounds_observances_for_range (&first, &last);
  if (view == ROUNDS_CALENDAR_VIEW (self->week_view))
    update_week_header (self, &first, &today, observances);
  if (range != NULL)
    apply_range (self, range);
  if (view == ROUNDS_CALENDAR_VIEW (self->month_view))
    rounds_calendar_month_view_set_day_totals (self->month_view,
                                               range != NULL ? range->totals : NULL,
                                               range != NULL ? range->n_days : 0);
  rounds_calendar_view_set_model (view, G_LIST_MODEL (self->filtered));

  title = rounds_calendar_view_dup_title (view);

  gtk_menu_button_set_label (GTK_MENU_BUTTON (self->jump_button), title);
  gtk_label_set_label (GTK_LABEL (self->compact_title), title);
  {
    /* TRANSLATORS: the accessible name of the period title, which opens a
     * calendar to jump to a date: "November 2026, jump to a date" */
    g_autofree char *a11y = g_strdup_printf (_("%s, jump to a date"), title);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->jump_button),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
  }
  update_month_observances (self, observances);
  /* The unscheduled drafts do not depend on the period shown: a month
   * step or a view switch leaves them (3,500 of them at 100,000 posts
   * took a third of each step). */
  if (!self->period_only)
    refresh_drafts (self, range, tz);
  self->period_only = FALSE;
}

/* The days read again after a change: a new period or a full read
 * covers them. */
static void
stop_patching (RoundsCalendarPage *self)
{
  if (self->patching != NULL)
    g_cancellable_cancel (self->patching);
  g_clear_object (&self->patching);
  if (self->patch_days != NULL)
    g_array_set_size (self->patch_days, 0);
}

static void apply_read (gpointer data, RoundsCalendarRange *range, GError *error);
static void load_free (gpointer load);

/* The first frame is painted: an answer held for it is shown now. */
static void
stop_holding (RoundsCalendarPage *self,
              gboolean            apply)
{
  gpointer data = g_steal_pointer (&self->held_load);
  RoundsCalendarRange *range = g_steal_pointer (&self->held_range);
  GError *error = g_steal_pointer (&self->held_error);

  if (self->first_paint_handler != 0)
    g_clear_signal_handler (&self->first_paint_handler, self->first_paint_clock);
  g_clear_object (&self->first_paint_clock);
  if (data == NULL)
    return;
  if (apply)
    {
      apply_read (data, range, error);
      return;
    }
  g_clear_pointer (&range, rounds_calendar_range_free);
  g_clear_error (&error);
  load_free (data);
}

static void
on_first_paint_cb (RoundsCalendarPage *self)
{
  stop_holding (self, TRUE);
}

static void
stop_loading (RoundsCalendarPage *self)
{
  stop_holding (self, FALSE);
  stop_patching (self);
  if (self->loading != NULL)
    g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  g_clear_pointer (&self->loading_view, g_free);
}

/**
 * rounds_calendar_page_refresh:
 *
 * Reads the visible range from the store and rebinds the view in place,
 * now (a read under way on a worker is dropped).
 */
void
rounds_calendar_page_refresh (RoundsCalendarPage *self)
{
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RoundsCalendarQuery) query = NULL;
  g_autoptr(RoundsCalendarRange) range = NULL;
  RoundsCalendarView *view;

  g_return_if_fail (ROUNDS_IS_CALENDAR_PAGE (self));

  /* A change to the posts waiting for its refresh makes this one full. */
  if (self->refresh_idle != 0)
    self->period_only = FALSE;
  g_clear_handle_id (&self->refresh_idle, g_source_remove);
  if (self->loading_view != NULL)
    gtk_stack_set_visible_child_name (self->view_stack, self->loading_view);
  stop_loading (self);
  if (self->context == NULL)
    {
      self->period_only = FALSE;
      return;
    }

  tz = dup_tz (self);
  if (!g_date_valid (&self->anchor))
    rounds_calendar_date_of_utc (tz, get_now (self), &self->anchor);
  view = get_view (self);
  query = new_query (self, view, &self->anchor, tz);
  self->n_days_read += query->n_days;
  range = rounds_store_read_calendar_range (get_store (self), query, &error);
  if (range == NULL)
    {
      /* The practice server cannot be reached: keep what shows (the
       * window's banner says why, and the store reconnects). */
      if (g_error_matches (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_OFFLINE))
        {
          self->period_only = FALSE;
          return;
        }
      g_warning ("Could not read the calendar: %s", error->message);
    }
  show_range (self, view, range, tz);
}

typedef struct
{
  RoundsCalendarPage *self;
  GCancellable       *cancellable;
  guint               changes;
  GDate               anchor;
  GTimeZone          *tz;
} Load;

static void
load_free (gpointer data)
{
  Load *load = data;

  g_object_unref (load->self);
  g_object_unref (load->cancellable);
  g_time_zone_unref (load->tz);
  g_free (load);
}

static void load (RoundsCalendarPage *self, const char *view_name, gboolean period_only);

static void
on_range_read_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Load *data = user_data;
  RoundsCalendarPage *self = data->self;
  GError *error = NULL;
  RoundsCalendarRange *range = rounds_store_read_calendar_range_finish (ROUNDS_STORE (source),
                                                                        result, &error);

  /* Before the first switch's first frame: after it (that frame is the
   * grid's alone, the chips come in the next). */
  if (self->first_paint_handler != 0 && self->loading == data->cancellable &&
      !g_cancellable_is_cancelled (data->cancellable))
    {
      self->held_load = data;
      self->held_range = range;
      self->held_error = error;
      return;
    }
  apply_read (data, range, error);
}

/* Shows the answer of load() (takes @data, @range and @error). */
static void
apply_read (gpointer             user_data,
            RoundsCalendarRange *range_in,
            GError              *error_in)
{
  Load *data = user_data;
  RoundsCalendarPage *self = data->self;
  g_autoptr(RoundsCalendarRange) range = range_in;
  g_autoptr(GError) error = error_in;
  g_autofree char *view_name = NULL;
  gboolean period_only = self->period_only;

  /* A step taken meanwhile, or a refresh: this answer is stale. */
  if (self->loading != data->cancellable || g_cancellable_is_cancelled (data->cancellable))
    goto out;

  view_name = g_steal_pointer (&self->loading_view);
  g_clear_object (&self->loading);

  if (range == NULL)
    {
      if (!g_error_matches (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_OFFLINE))
        g_warning ("Could not read the calendar: %s", error->message);
      /* Offline: keep what shows (the next step goes on from it); the
       * store reconnects and says so. */
      if (g_date_valid (&self->shown_anchor))
        self->anchor = self->shown_anchor;
      goto out;
    }
  /* A post changed while the rows were read: they may be older than it. */
  if (data->changes != self->changes)
    {
      load (self, view_name, period_only);
      goto out;
    }

  self->anchor = data->anchor;
  gtk_stack_set_visible_child_name (self->view_stack, view_name);
  show_range (self, view_named (self, view_name), range, data->tz);

out:
  load_free (data);
}

/* Reads what @view_name shows around the anchor on a worker, and shows it
 * when it comes; until then the page shows what it showed. A later load
 * or refresh drops this one's answer. */
static void
load (RoundsCalendarPage *self,
      const char         *view_name,
      gboolean            period_only)
{
  g_autoptr(RoundsCalendarQuery) query = NULL;
  Load *data;

  if (self->context == NULL)
    return;
  if (view_name == NULL)
    view_name = self->loading_view != NULL ? self->loading_view : current_view (self);

  {
    g_autofree char *name = g_strdup (view_name);

    /* A full refresh pending stays full. */
    if (self->loading == NULL)
      self->period_only = period_only;
    else
      self->period_only = self->period_only && period_only;
    if (self->loading != NULL)
      g_cancellable_cancel (self->loading);
    g_clear_object (&self->loading);
    stop_patching (self);
    g_free (self->loading_view);
    self->loading_view = g_steal_pointer (&name);
  }

  data = g_new0 (Load, 1);
  data->self = g_object_ref (self);
  data->cancellable = g_cancellable_new ();
  data->changes = self->changes;
  data->tz = dup_tz (self);
  if (!g_date_valid (&self->anchor))
    rounds_calendar_date_of_utc (data->tz, get_now (self), &self->anchor);
  data->anchor = self->anchor;
  self->loading = g_object_ref (data->cancellable);

  query = new_query (self, view_named (self, self->loading_view), &self->anchor, data->tz);
  /* A full load reads the drafts pane's posts on the worker too. */
  query->with_unscheduled = !self->period_only;
  self->n_days_read += query->n_days;
  rounds_store_read_calendar_range_async (get_store (self), query, data->cancellable,
                                          on_range_read_cb, data);
}

/**
 * rounds_calendar_page_is_loading:
 *
 * Returns: whether a range is being read (the page shows the one before)
 */
gboolean
rounds_calendar_page_is_loading (RoundsCalendarPage *self)
{
  g_return_val_if_fail (ROUNDS_IS_CALENDAR_PAGE (self), FALSE);
  return self->loading != NULL || self->patching != NULL || self->patch_days->len > 0;
}

/* A refresh for another period or view: the posts did not change. */
static void
refresh_period (RoundsCalendarPage *self)
{
  load (self, NULL, TRUE);
}

static gboolean
refresh_idle_cb (gpointer data)
{
  RoundsCalendarPage *self = data;

  self->refresh_idle = 0;
  rounds_calendar_page_refresh (self);
  return G_SOURCE_REMOVE;
}

static void
queue_refresh (RoundsCalendarPage *self)
{
  if (self->refresh_idle == 0)
    self->refresh_idle = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, refresh_idle_cb, self, NULL);
}

static void
on_post_changed_cb (RoundsCalendarPage *self)
{
  self->changes++;
  queue_refresh (self);
}

/* The drafts pane after @post changed: its row only. */
static void
update_draft (RoundsCalendarPage *self,
              RoundsPost         *post)
{
  GListModel *drafts = G_LIST_MODEL (self->draft_events);
  RoundsPostStatus status = rounds_post_get_status (post);
  g_autoptr(RoundsCalendarEvent) event = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (drafts); i++)
    {
      g_autoptr(RoundsCalendarEvent) e = g_list_model_get_item (drafts, i);

      if (rounds_calendar_event_get_post (e) == post)
        {
          g_list_store_remove (self->draft_events, i);
          break;
        }
    }
  if (rounds_post_get_scheduled_at (post) > 0 ||
      (status != ROUNDS_POST_STATUS_DRAFT && status != ROUNDS_POST_STATUS_IN_REVIEW &&
       status != ROUNDS_POST_STATUS_APPROVED))
    return;
  /* Newest first: the post just changed is the newest. */
  event = rounds_calendar_event_new (post, 0, FALSE);
  g_list_store_insert (self->draft_events, 0, event);
}

/* The events shown after @post changed, without reading the range again
 * when the view shows every post of its days (week, agenda): the post's
 * event moves, changes or goes, or one is added if it is now in the
 * range. Returns FALSE when the range must be read (the month's days
 * show the first few and a count; a repeating post). */
static gboolean
update_event (RoundsCalendarPage *self,
              RoundsPost         *post)
{
  RoundsCalendarView *view = get_view (self);
  GListModel *events = G_LIST_MODEL (self->events);
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(RoundsCalendarEvent) event = NULL;
  gint64 when = rounds_post_get_scheduled_at (post), from, to;
  GDate first, after_last;
  g_autoptr(RoundsRecurrence) rule = NULL;
  guint n, at;

  if (self->loading != NULL || view == ROUNDS_CALENDAR_VIEW (self->month_view))
    return FALSE;
  rule = rounds_store_dup_recurrence (get_store (self), rounds_post_get_id (post));
  if (rule != NULL)
    return FALSE;

  n = g_list_model_get_n_items (events);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RoundsCalendarEvent) e = g_list_model_get_item (events, i);

      if (rounds_calendar_event_get_post (e) != post)
        continue;
      if (rounds_calendar_event_get_recurring (e))
        return FALSE;
      g_list_store_remove (self->events, i);
      n--;
      break;
    }

  tz = dup_tz (self);
  rounds_calendar_view_get_range (view, &first, &after_last);
  from = rounds_calendar_day_start_utc (tz, &first);
  to = rounds_calendar_day_start_utc (tz, &after_last);
  if (when < from || when >= to)
    return TRUE;

  /* By time, then id, as the store orders them. */
  for (at = 0; at < n; at++)
    {
      g_autoptr(RoundsCalendarEvent) e = g_list_model_get_item (events, at);
      gint64 w = rounds_calendar_event_get_when (e);

      if (w > when || (w == when && rounds_post_get_id (rounds_calendar_event_get_post (e)) >
                                      rounds_post_get_id (post)))
        break;
    }
  event = rounds_calendar_event_new (post, when, FALSE);
  rounds_calendar_event_set_problems (event, rounds_calendar_marks_lookup (self->marks, post));
  g_list_store_insert (self->events, at, event);
  return TRUE;
}

/* The month after one post changed: the days it was shown on and the
 * day it is on now are read again (their first chips and count), one
 * day at a time on the worker, not the month's 42. */

typedef struct
{
  RoundsCalendarPage *self;
  GCancellable       *cancellable;
  GDate               day;
  GTimeZone          *tz;
} Patch;

static void
patch_free (Patch *patch)
{
  g_object_unref (patch->self);
  g_object_unref (patch->cancellable);
  g_time_zone_unref (patch->tz);
  g_free (patch);
}

static void patch_next (RoundsCalendarPage *self);

/* @range (one day) in place of that day's events. */
static void
apply_day (RoundsCalendarPage  *self,
           const GDate         *day,
           RoundsCalendarRange *range,
           GTimeZone           *tz)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *model = G_LIST_MODEL (self->events);
  guint n = g_list_model_get_n_items (model), start = 0, end;
  GDate next = *day;
  gint64 from, to;

  g_date_add_days (&next, 1);
  from = rounds_calendar_day_start_utc (tz, day);
  to = rounds_calendar_day_start_utc (tz, &next);
  for (; start < n; start++)
    {
      g_autoptr(RoundsCalendarEvent) e = g_list_model_get_item (model, start);

      if (rounds_calendar_event_get_when (e) >= from)
        break;
    }
  for (end = start; end < n; end++)
    {
      g_autoptr(RoundsCalendarEvent) e = g_list_model_get_item (model, end);

      if (rounds_calendar_event_get_when (e) >= to)
        break;
    }

  for (guint i = 0; i < range->items->len; i++)
    {
      RoundsCalendarItem *item = g_ptr_array_index (range->items, i);
      RoundsCalendarEvent *event = rounds_calendar_event_new (item->post, item->when,
                                                              item->recurring);

      rounds_calendar_event_set_problems (event,
                                          rounds_calendar_marks_lookup (self->marks, item->post));
      g_ptr_array_add (events, event);
    }
  rounds_calendar_month_view_set_day_total (self->month_view, day,
                                            range->n_days > 0 ? range->totals[0] : 0);
  g_list_store_splice (self->events, start, end - start, events->pdata, events->len);
}

static void
on_patch_read_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Patch *data = user_data;
  RoundsCalendarPage *self = data->self;
  g_autoptr(RoundsCalendarRange) range = NULL;
  g_autoptr(GError) error = NULL;

  range = rounds_store_read_calendar_range_finish (ROUNDS_STORE (source), result, &error);
  /* A new period or a full read came meanwhile: it covers this day. */
  if (self->patching != data->cancellable || g_cancellable_is_cancelled (data->cancellable))
    goto out;
  g_clear_object (&self->patching);

  if (range == NULL)
    {
      if (g_error_matches (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_OFFLINE))
        {
          stop_patching (self);   /* keep what shows; the store reconnects */
          goto out;
        }
      g_warning ("Could not read the calendar: %s", error->message);
      load (self, NULL, TRUE);
      goto out;
    }
  apply_day (self, &data->day, range, data->tz);
  patch_next (self);

out:
  patch_free (data);
}

static void
patch_next (RoundsCalendarPage *self)
{
  g_autoptr(RoundsCalendarQuery) query = NULL;
  Patch *data;

  if (self->patching != NULL || self->patch_days->len == 0)
    return;

  data = g_new0 (Patch, 1);
  data->self = g_object_ref (self);
  data->cancellable = g_cancellable_new ();
  data->day = g_array_index (self->patch_days, GDate, 0);
  data->tz = dup_tz (self);
  g_array_remove_index (self->patch_days, 0);
  self->patching = g_object_ref (data->cancellable);

  query = rounds_calendar_query_new (data->tz, &data->day, 1, ROUNDS_CALENDAR_MONTH_MAX_CHIPS);
  rounds_calendar_filters_get_ticked (self->filters, &query->statuses, &query->networks);
  self->n_days_read += 1;
  rounds_store_read_calendar_range_async (get_store (self), query, data->cancellable,
                                          on_patch_read_cb, data);
}

static void
patch_day (RoundsCalendarPage *self,
           const GDate        *day)
{
  for (guint i = 0; i < self->patch_days->len; i++)
    if (g_date_compare (&g_array_index (self->patch_days, GDate, i), day) == 0)
      return;
  g_array_append_val (self->patch_days, *day);
}

/* Queues the month's days that @post was or is on; FALSE when they cannot
 * be known (a read under way, a repeating post, a post that may have been
 * among the hidden "+N more" of a day): then the month is read again. */
static gboolean
patch_month (RoundsCalendarPage *self,
             RoundsPost         *post)
{
  GListModel *events = G_LIST_MODEL (self->events);
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(RoundsRecurrence) rule = NULL;
  gint64 id = rounds_post_get_id (post), when = rounds_post_get_scheduled_at (post);
  gboolean found = FALSE;
  GDate first, after_last;
  guint n;

  if (self->loading != NULL || get_view (self) != ROUNDS_CALENDAR_VIEW (self->month_view) ||
      !g_date_valid (&self->shown_anchor))
    return FALSE;
  rule = rounds_store_dup_recurrence (get_store (self), id);
  if (rule != NULL)
    return FALSE;

  tz = dup_tz (self);
  n = g_list_model_get_n_items (events);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RoundsCalendarEvent) e = g_list_model_get_item (events, i);
      GDate day;

      if (rounds_post_get_id (rounds_calendar_event_get_post (e)) != id)
        continue;
      if (rounds_calendar_event_get_recurring (e))
        return FALSE;
      rounds_calendar_date_of_utc (tz, rounds_calendar_event_get_when (e), &day);
      patch_day (self, &day);
      found = TRUE;
    }
  /* Not among the chips: it may have been behind a day's "+N more". */
  if (!found && rounds_calendar_month_view_hides_posts (self->month_view))
    {
      g_array_set_size (self->patch_days, 0);
      return FALSE;
    }

  rounds_calendar_view_get_range (ROUNDS_CALENDAR_VIEW (self->month_view), &first, &after_last);
  if (when > 0)
    {
      GDate day;

      rounds_calendar_date_of_utc (tz, when, &day);
      if (g_date_compare (&day, &first) >= 0 && g_date_compare (&day, &after_last) < 0)
        patch_day (self, &day);
    }
  patch_next (self);
  return TRUE;
}

/* One post changed (here, or on another PC: the store's row-changed):
 * that post's event and draft row only; the month reads its days' first
 * chips and counts again, on a worker. */
static void
on_one_post_changed_cb (RoundsCalendarPage *self,
                        RoundsPost         *post)
{
  gint64 *id = g_new (gint64, 1);

  *id = rounds_post_get_id (post);
  g_hash_table_add (self->changed_ids, id);
  self->changes++;
  if (self->refresh_idle != 0)
    return;   /* a full refresh is coming */
  update_draft (self, post);
  if (!update_event (self, post) && !patch_month (self, post))
    load (self, NULL, TRUE);
}

/* ------------------------------------------------------------------ */
/* Moving posts                                                         */

static void
focus_post (RoundsCalendarPage *self,
            gint64              post_id)
{
  GtkWidget *chip = rounds_calendar_page_find_chip (self, post_id);

  if (chip != NULL)
    gtk_widget_grab_focus (chip);
}

/* Every move (a drop, Alt+arrows, Reschedule…) is the window's
 * post.reschedule action (rounds-window-moves.c): it asks about repeating
 * posts, says why the store refuses a move, and offers the undo. The page
 * only redraws and keeps the focus on the post. Returns whether the store
 * takes the move (or asks about it), so that a drop can be refused and
 * the keyboard can follow the post into the next period. */
static gboolean
reschedule (RoundsCalendarPage *self,
            RoundsPost         *post,
            gint64              occurrence,
            gint64              to_utc,
            gboolean            refocus)
{
  gint64 post_id = rounds_post_get_id (post);
  gboolean taken;

  if (self->context == NULL || to_utc <= 0 || occurrence == to_utc)
    return FALSE;
  /* Offline (practice server) the move action is off: say so rather
   * than let a drop land and come to nothing. */
  if (!rounds_store_get_online (get_store (self)))
    {
      toast_text (self, _("Not moved: the practice server cannot be reached. Rounds keeps "
                          "trying; move it again when it is back."));
      return FALSE;
    }

  taken = rounds_store_check_move (get_store (self), post, to_utc, ROUNDS_MOVE_DEFAULT, NULL);
  gtk_widget_activate_action (GTK_WIDGET (self), "post.reschedule", "(xxx)",
                              post_id, occurrence, to_utc);
  if (!taken)
    return FALSE;

  rounds_calendar_page_refresh (self);
  if (refocus)
    focus_post (self, post_id);
  return TRUE;
}

typedef struct
{
  RoundsCalendarPage *self;
  RoundsPost         *post;
  gint64              occurrence;
} PendingMove;

static void
pending_move_free (PendingMove *move)
{
  g_clear_object (&move->self);
  g_clear_object (&move->post);
  g_free (move);
}

static gboolean
on_post_dropped_cb (RoundsCalendarPage *self,
                    RoundsPost         *post,
                    gint64              occurrence,
                    gint64              to_utc)
{
  return reschedule (self, post, occurrence, to_utc, FALSE);
}

static void
open_post (RoundsCalendarPage *self,
           RoundsPost         *post);

static void
on_post_activated_cb (RoundsCalendarPage *self,
                      RoundsPost         *post)
{
  open_post (self, post);
}

/* Opening (and deleting from the post's window) is the window's post.open
 * action: rounds-window-actions.c. */
static void
open_post (RoundsCalendarPage *self,
           RoundsPost         *post)
{
  if (self->context == NULL || post == NULL)
    return;
  gtk_widget_activate_action (GTK_WIDGET (self), "post.open", "x", rounds_post_get_id (post));
}

/* The chip or agenda row with the keyboard focus, if any. */
static gboolean
get_selected (RoundsCalendarPage  *self,
              RoundsPost         **post,
              gint64              *when)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  for (; focus != NULL && focus != GTK_WIDGET (self); focus = gtk_widget_get_parent (focus))
    {
      if (ROUNDS_IS_CALENDAR_CHIP (focus) &&
          rounds_calendar_chip_get_post (ROUNDS_CALENDAR_CHIP (focus)) != NULL)
        {
          *post = rounds_calendar_chip_get_post (ROUNDS_CALENDAR_CHIP (focus));
          *when = rounds_calendar_chip_get_when (ROUNDS_CALENDAR_CHIP (focus));
          return TRUE;
        }
      if (ROUNDS_IS_CALENDAR_AGENDA_ROW (focus))
        {
          RoundsCalendarEvent *event =
            rounds_calendar_agenda_row_get_event (ROUNDS_CALENDAR_AGENDA_ROW (focus));

          *post = rounds_calendar_event_get_post (event);
          *when = rounds_calendar_event_get_when (event);
          return TRUE;
        }
    }
  return FALSE;
}

static void
nudge_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  RoundsCalendarPage *self = ROUNDS_CALENDAR_PAGE (widget);
  const char *direction = g_variant_get_string (param, NULL);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  gboolean week = g_str_equal (current_view (self), "week");
  g_autoptr(GTimeZone) tz = NULL;
  RoundsPost *post = NULL;
  gint64 when = 0, to;
  int days = 0, slots = 0;

  if (self->context == NULL || !get_selected (self, &post, &when))
    return;
  if (when <= 0)
    {
      toast_text (self, _("Drag this draft onto a day, or use Reschedule…, to give it a time"));
      return;
    }

  if (g_str_equal (direction, "left"))
    days = rtl ? 1 : -1;
  else if (g_str_equal (direction, "right"))
    days = rtl ? -1 : 1;
  else if (g_str_equal (direction, "up"))
    {
      if (week)
        slots = -1;
      else
        days = -7;
    }
  else if (g_str_equal (direction, "down"))
    {
      if (week)
        slots = 1;
      else
        days = 7;
    }

  tz = dup_tz (self);
  to = rounds_calendar_nudge_time (tz, when, days, slots);

  /* Follow the post into the next period when it leaves this one. */
  {
    GDate target;

    rounds_calendar_date_of_utc (tz, to, &target);
    if (reschedule (self, post, when, to, FALSE))
      {
        GDate first, after_last;

        if (week)
          {
            rounds_calendar_week_start (&self->anchor, self->first_weekday, &first);
            after_last = first;
            g_date_add_days (&after_last, 7);
          }
        else
          {
            first = after_last = self->anchor;
            g_date_set_day (&first, 1);
            g_date_set_day (&after_last, 1);
            g_date_add_months (&after_last, 1);
          }
        if (g_date_compare (&target, &first) < 0 || g_date_compare (&target, &after_last) >= 0)
          {
            self->anchor = target;
            rounds_calendar_page_refresh (self);
          }
        focus_post (self, rounds_post_get_id (post));
      }
  }
}

static void
on_reschedule_response_cb (RoundsRescheduleDialog *dialog,
                           const char             *response,
                           PendingMove            *move)
{
  if (g_str_equal (response, "reschedule"))
    reschedule (move->self, move->post, move->occurrence,
                rounds_reschedule_dialog_get_time (dialog), TRUE);
}

static void
reschedule_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  RoundsCalendarPage *self = ROUNDS_CALENDAR_PAGE (widget);
  g_autoptr(GTimeZone) tz = NULL;
  g_autofree char *title = NULL;
  RoundsRescheduleDialog *dialog;
  RoundsPost *post = NULL;
  PendingMove *move;
  gint64 when = 0;

  if (self->context == NULL)
    return;
  if (!get_selected (self, &post, &when))
    {
      toast_text (self, _("Select a post first: move the keyboard focus to it"));
      return;
    }

  tz = dup_tz (self);
  title = rounds_post_dup_display_title (post);
  dialog = rounds_reschedule_dialog_new (GTK_WINDOW (get_window (self)), title, tz,
                                         when > 0 ? when : get_now (self) + 86400);
  move = g_new0 (PendingMove, 1);
  move->self = g_object_ref (self);
  move->post = g_object_ref (post);
  move->occurrence = when;
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_reschedule_response_cb), move,
                         (GClosureNotify)(void (*) (void))pending_move_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  RoundsCalendarPage *self = ROUNDS_CALENDAR_PAGE (widget);

  gtk_widget_activate_action (widget, "post.undo-reschedule", NULL);
  rounds_calendar_page_refresh (self);
}

/* ------------------------------------------------------------------ */
/* Navigation                                                           */

static void
step (RoundsCalendarPage *self,
      int                 direction)
{
  if (!g_date_valid (&self->anchor))
    return;

  rounds_calendar_view_step (view_named (self, self->loading_view != NULL ? self->loading_view
                                                                          : current_view (self)),
                             &self->anchor, direction);
  refresh_period (self);
}

static void
previous_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  step (ROUNDS_CALENDAR_PAGE (widget), -1);
}

static void
next_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  step (ROUNDS_CALENDAR_PAGE (widget), 1);
}

static void
today_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  RoundsCalendarPage *self = ROUNDS_CALENDAR_PAGE (widget);
  g_autoptr(GTimeZone) tz = NULL;

  if (self->context == NULL)
    return;
  tz = dup_tz (self);
  rounds_calendar_date_of_utc (tz, get_now (self), &self->anchor);
  refresh_period (self);
}

static void
view_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  rounds_calendar_page_set_view (ROUNDS_CALENDAR_PAGE (widget), g_variant_get_string (param, NULL));
}

static void
on_jump_day_selected_cb (RoundsCalendarPage *self)
{
  g_autoptr(GDateTime) dt = gtk_calendar_get_date (GTK_CALENDAR (self->jump_calendar));
  GDate day;

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, g_date_time_get_day_of_month (dt), g_date_time_get_month (dt),
                  g_date_time_get_year (dt));
  gtk_popover_popdown (GTK_POPOVER (self->jump_popover));
  rounds_calendar_page_go_to_date (self, &day);
}

/* The period title's calendar, made when first opened: a GtkCalendar is
 * some sixty widgets, made with the page on its first switch before. */
static void
create_jump_popover (GtkMenuButton      *button,
                     RoundsCalendarPage *self)
{
  if (self->jump_popover != NULL)
    return;
  self->jump_popover = gtk_popover_new ();
  self->jump_calendar = gtk_calendar_new ();
  g_signal_connect_swapped (self->jump_calendar, "day-selected",
                            G_CALLBACK (on_jump_day_selected_cb), self);
  gtk_popover_set_child (GTK_POPOVER (self->jump_popover), self->jump_calendar);
  gtk_menu_button_set_popover (button, self->jump_popover);
}

/* Opens the week at 07:00 the first time, once the grid has its height:
 * half an hour above its line, so that the 07:00 label, drawn across the
 * line, is whole at the top. The value is set from an idle: the
 * adjustment is configured while the viewport is being allocated, and a
 * change made then is not drawn. */
#define WEEK_MORNING ((7 * 2 - 1) * ROUNDS_CALENDAR_WEEK_SLOT_HEIGHT)

static gboolean
set_morning_idle_cb (gpointer data)
{
  GtkAdjustment *adj = data;

  gtk_adjustment_set_value (adj, WEEK_MORNING);
  return G_SOURCE_REMOVE;
}

static void
scroll_week_to_morning (GtkAdjustment      *adj,
                        GParamSpec         *pspec,
                        RoundsCalendarPage *self)
{
  double morning = WEEK_MORNING;

  if (gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj) < morning)
    return;
  g_signal_handlers_disconnect_by_func (adj, scroll_week_to_morning, self);
  g_idle_add_full (G_PRIORITY_HIGH_IDLE, set_morning_idle_cb, g_object_ref (adj), g_object_unref);
}

static void
on_view_toggled_cb (RoundsCalendarPage *self,
                    GtkToggleButton    *button)
{
  const char *name = "month";

  if (!gtk_toggle_button_get_active (button))
    return;

  if (button == GTK_TOGGLE_BUTTON (self->week_toggle))
    {
      name = "week";
      if (!self->scrolled_week)
        {
          GtkAdjustment *adj =
            gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->week_scroller));

          self->scrolled_week = TRUE;
          g_signal_connect_object (adj, "notify::upper", G_CALLBACK (scroll_week_to_morning),
                                   self, 0);
          g_signal_connect_object (adj, "notify::page-size", G_CALLBACK (scroll_week_to_morning),
                                   self, 0);
        }
    }
  else if (button == GTK_TOGGLE_BUTTON (self->agenda_toggle))
    name = "agenda";

  /* The stack shows the view when its posts are read (load()). */
  if (self->context == NULL)
    gtk_stack_set_visible_child_name (self->view_stack, name);
  else
    load (self, name, TRUE);
}

/* ------------------------------------------------------------------ */
/* GObject                                                              */

static void
clear_context (RoundsCalendarPage *self)
{
  if (self->context != NULL)
    {
      g_clear_signal_handler (&self->post_changed_handler, get_store (self));
      g_clear_signal_handler (&self->practice_changed_handler, get_store (self));
      g_clear_signal_handler (&self->posts_changed_handler, get_store (self));
      g_clear_signal_handler (&self->posts_imported_handler, get_store (self));
    }
  rounds_calendar_marks_set_context (self->marks, NULL);
  g_clear_object (&self->context);
}

static void
rounds_calendar_page_dispose (GObject *object)
{
  RoundsCalendarPage *self = ROUNDS_CALENDAR_PAGE (object);

  clear_context (self);
  g_clear_handle_id (&self->refresh_idle, g_source_remove);
  stop_loading (self);
  g_clear_handle_id (&self->narrow_idle, g_source_remove);
  g_clear_pointer (&self->wide_view, g_free);
  g_clear_object (&self->marks);
  g_clear_object (&self->filtered);
  g_clear_object (&self->events);
  g_clear_pointer (&self->changed_ids, g_hash_table_unref);
  g_clear_pointer (&self->patch_days, g_array_unref);
  g_clear_object (&self->filtered_drafts);
  g_clear_object (&self->draft_events);

  G_OBJECT_CLASS (rounds_calendar_page_parent_class)->dispose (object);
}

/* The calendar's shortcuts (Ctrl+Z, Ctrl+T, Ctrl+Page Down…) are page
 * actions, found from the keyboard focus: when the place is shown with the
 * focus still in the header bar, bring it into the page. */
/* Narrow windows (a phone-sized or half-screen window, where the toolbar
 * has to squeeze) get the agenda, and the drafts pane folds away
 * (AdwFlap); the month or week comes back when there is room again.
 * Switched from an idle: not while being allocated. */

static gboolean
narrow_idle_cb (gpointer data)
{
  RoundsCalendarPage *self = data;
  gboolean narrow = adw_squeezer_get_visible_child (self->toolbar_squeezer) == self->compact_toolbar;

  self->narrow_idle = 0;
  if (narrow == self->narrow)
    return G_SOURCE_REMOVE;

  self->narrow = narrow;
  if (narrow)
    {
      g_free (self->wide_view);
      self->wide_view = g_strdup (current_view (self));
      rounds_calendar_page_set_view (self, "agenda");
    }
  else
    {
      if (self->wide_view != NULL && g_str_equal (current_view (self), "agenda"))
        rounds_calendar_page_set_view (self, self->wide_view);
      g_clear_pointer (&self->wide_view, g_free);
    }
  return G_SOURCE_REMOVE;
}

static void
on_squeezer_child_cb (RoundsCalendarPage *self)
{
  if (self->narrow_idle == 0)
    self->narrow_idle = g_idle_add (narrow_idle_cb, self);
}

static void
rounds_calendar_page_map (GtkWidget *widget)
{
  GtkRoot *root;
  GtkWidget *focus;

  GTK_WIDGET_CLASS (rounds_calendar_page_parent_class)->map (widget);

  root = gtk_widget_get_root (widget);
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  if (focus == NULL || !gtk_widget_is_ancestor (focus, widget))
    gtk_widget_child_focus (widget, GTK_DIR_TAB_FORWARD);
}

static void
rounds_calendar_page_class_init (RoundsCalendarPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rounds_calendar_page_dispose;
  widget_class->map = rounds_calendar_page_map;

  g_type_ensure (ROUNDS_TYPE_CALENDAR_MONTH_VIEW);
  g_type_ensure (ROUNDS_TYPE_CALENDAR_WEEK_VIEW);
  g_type_ensure (ROUNDS_TYPE_CALENDAR_AGENDA_VIEW);
  g_type_ensure (ROUNDS_TYPE_CALENDAR_DRAFTS);
  g_type_ensure (ROUNDS_TYPE_CALENDAR_FILTERS);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/rounds-calendar-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RoundsCalendarPage, jump_button);
  gtk_widget_class_bind_template_child (widget_class, RoundsCalendarPage, exchange_button);
  gtk_widget_class_bind_template_child (widget_class, RoundsCalendarPage, compact_menu_button);
  gtk_widget_class_bind_template_child (widget_class, RoundsCalendarPage, exchange_menu);
  gtk_widget_class_bind_template_child (widget_class, RoundsCalendarPage, compact_menu);
  gtk_widget_class_bind_template_child (widget_class, RoundsCalendarPage, compact_title);
  gtk_widget_class_bind_template_child (widget_class, RoundsCalendarPage, toolbar_squeezer);
  gtk_widget_class_bind_template_child (widget_class, RoundsCalendarPage, compact_toolbar);
  gtk_widget_class_bind_template_child (widget_class, RoundsCalendarPage, month_toggle);
  gtk_widget_class_bind_template_child (widget_class, RoundsCalendarPage, week_toggle);
  gtk_widget_class_bind_template_child (widget_class, RoundsCalendarPage, agenda_toggle);
  gtk_widget_class_bind_template_child (widget_class, RoundsCalendarPage, filters);
  gtk_widget_class_bind_template_child (widget_class, RoundsCalendarPage, drafts_toggle);
  gtk_widget_class_bind_template_child (widget_class, RoundsCalendarPage, month_observances);
  gtk_widget_class_bind_template_child (widget_class, RoundsCalendarPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, RoundsCalendarPage, month_view);
  gtk_widget_class_bind_template_child (widget_class, RoundsCalendarPage, week_header);
  gtk_widget_class_bind_template_child (widget_class, RoundsCalendarPage, week_scroller);
  gtk_widget_class_bind_template_child (widget_class, RoundsCalendarPage, week_view);
  gtk_widget_class_bind_template_child (widget_class, RoundsCalendarPage, agenda_view);
  gtk_widget_class_bind_template_child (widget_class, RoundsCalendarPage, drafts);
  gtk_widget_class_bind_template_callback (widget_class, on_view_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_squeezer_child_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_post_dropped_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_post_activated_cb);

  gtk_widget_class_install_action (widget_class, "calendar.today", NULL, today_action);
  gtk_widget_class_install_action (widget_class, "calendar.previous", NULL, previous_action);
  gtk_widget_class_install_action (widget_class, "calendar.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "calendar.view", "s", view_action);
  gtk_widget_class_install_action (widget_class, "calendar.nudge", "s", nudge_action);
  gtk_widget_class_install_action (widget_class, "calendar.reschedule", NULL, reschedule_action);
  gtk_widget_class_install_action (widget_class, "calendar.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "calendar.repeat", NULL,
                                   _rounds_calendar_page_repeat_action);
  gtk_widget_class_install_action (widget_class, "calendar.import-csv", NULL,
                                   _rounds_calendar_page_import_csv_action);
  gtk_widget_class_install_action (widget_class, "calendar.import-csv-file", "s",
                                   _rounds_calendar_page_import_csv_file_action);
  gtk_widget_class_install_action (widget_class, "calendar.export-csv", NULL,
                                   _rounds_calendar_page_export_csv_action);
  gtk_widget_class_install_action (widget_class, "calendar.export-ics", NULL,
                                   _rounds_calendar_page_export_ics_action);

  /* The calendar's keys work wherever the focus is in the page (an
   * application accelerator would look for the action on the window). The
   * shortcuts window lists them with the application's. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "calendar.nudge", "s", "left");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK,
                                       "calendar.nudge", "s", "right");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK,
                                       "calendar.nudge", "s", "up");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK,
                                       "calendar.nudge", "s", "down");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "calendar.reschedule", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK,
                                       "calendar.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK,
                                       "calendar.today", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, GDK_CONTROL_MASK,
                                       "calendar.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, GDK_CONTROL_MASK,
                                       "calendar.next", NULL);
}

static void
on_filter_changed_cb (RoundsCalendarPage *self)
{
  load (self, NULL, TRUE);
}

static void
rounds_calendar_page_init (RoundsCalendarPage *self)
{
  GtkFilter *filter;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (self->jump_button),
                                         (GtkMenuButtonCreatePopupFunc)create_jump_popover,
                                         self, NULL);
  /* The two menus' popovers are made when first opened. */
  rounds_menu_button_set_menu_on_demand (self->exchange_button, self->exchange_menu);
  rounds_menu_button_set_menu_on_demand (self->compact_menu_button, self->compact_menu);

  g_date_clear (&self->anchor, 1);
  g_date_clear (&self->shown_anchor, 1);
  self->first_weekday = locale_first_weekday ();
  self->marks = rounds_calendar_marks_new ();
  g_signal_connect_object (self->marks, "changed", G_CALLBACK (on_marks_changed_cb), self,
                           G_CONNECT_SWAPPED);
  rounds_calendar_drafts_set_marks (self->drafts, self->marks);
  filter = rounds_calendar_filters_get_filter (self->filters);
  self->events = g_list_store_new (ROUNDS_TYPE_CALENDAR_EVENT);
  self->changed_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->patch_days = g_array_new (FALSE, FALSE, sizeof (GDate));
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->events)),
                                              g_object_ref (filter));
  /* The month holds the first chips of each day: counts and the rest
   * come from the store; a change of filter reads them again. */
  rounds_calendar_month_view_set_day_func (self->month_view, month_day_events, self);
  g_signal_connect_object (filter, "changed", G_CALLBACK (on_filter_changed_cb), self,
                           G_CONNECT_SWAPPED);
  self->draft_events = g_list_store_new (ROUNDS_TYPE_CALENDAR_EVENT);
  self->filtered_drafts =
    gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->draft_events)),
                               g_object_ref (filter));
}

/* A practice given (the page's first switch, or another practice): its
 * grid shows at once, its days and title, without posts; the posts and
 * the drafts are read on the worker and come in a later step
 * (rounds_calendar_page_is_loading() until then). Reading them here took
 * ~40 ms of the first switch at 100,000 posts (bench/README.md, switch14b). */
static void
show_first (RoundsCalendarPage *self)
{
  g_autoptr(GTimeZone) tz = dup_tz (self);
  RoundsCalendarView *view = get_view (self);

  g_clear_handle_id (&self->refresh_idle, g_source_remove);
  rounds_calendar_date_of_utc (tz, get_now (self), &self->anchor);
  /* The posts of a practice shown before are not this one's. */
  g_list_store_remove_all (self->events);
  g_list_store_remove_all (self->draft_events);
  self->period_only = TRUE;   /* the drafts come with the posts */
  show_range (self, view, NULL, tz);
  load (self, NULL, FALSE);
  /* The grid is painted before the posts are bound, even when they are
   * read before its first frame (a small practice): that frame stays the
   * grid's alone. Not when the page is off screen. */
  stop_holding (self, FALSE);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)) &&
      (self->first_paint_clock = gtk_widget_get_frame_clock (GTK_WIDGET (self))) != NULL)
    {
      g_object_ref (self->first_paint_clock);
      self->first_paint_handler =
        g_signal_connect_swapped (self->first_paint_clock, "after-paint",
                                  G_CALLBACK (on_first_paint_cb), self);
    }
}

/**
 * rounds_calendar_page_set_context:
 * @context: (nullable): the practice shown
 */
void
rounds_calendar_page_set_context (RoundsCalendarPage *self,
                                  RoundsContext      *context)
{
  g_return_if_fail (ROUNDS_IS_CALENDAR_PAGE (self));

  if (self->context == context)
    return;

  clear_context (self);
  g_date_clear (&self->anchor, 1);
  g_date_clear (&self->shown_anchor, 1);

  if (context == NULL)
    return;

  self->context = g_object_ref (context);
  rounds_calendar_marks_set_context (self->marks, context);
  self->post_changed_handler =
    g_signal_connect_object (get_store (self), "post-changed", G_CALLBACK (on_one_post_changed_cb),
                             self, G_CONNECT_SWAPPED);
  self->practice_changed_handler =
    g_signal_connect_object (get_store (self), "practice-changed", G_CALLBACK (on_post_changed_cb),
                             self, G_CONNECT_SWAPPED);
  /* A post deleted, or many imported at once (a restore is a change). */
  self->posts_changed_handler =
    g_signal_connect_object (get_store (self), "post-removed",
                             G_CALLBACK (on_post_changed_cb), self, G_CONNECT_SWAPPED);
  self->posts_imported_handler =
    g_signal_connect_object (get_store (self), "posts-imported",
                             G_CALLBACK (on_post_changed_cb), self, G_CONNECT_SWAPPED);
  show_first (self);
}

/**
 * rounds_calendar_page_set_view:
 * @view: "month", "week" or "agenda"
 */
void
rounds_calendar_page_set_view (RoundsCalendarPage *self,
                               const char         *view)
{
  g_return_if_fail (ROUNDS_IS_CALENDAR_PAGE (self));

  if (g_strcmp0 (view, "week") == 0)
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->week_toggle), TRUE);
  else if (g_strcmp0 (view, "agenda") == 0)
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->agenda_toggle), TRUE);
  else
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->month_toggle), TRUE);
}

const char *
rounds_calendar_page_get_view (RoundsCalendarPage *self)
{
  g_return_val_if_fail (ROUNDS_IS_CALENDAR_PAGE (self), NULL);
  return self->loading_view != NULL ? self->loading_view : current_view (self);
}

void
rounds_calendar_page_go_to_date (RoundsCalendarPage *self,
                                 const GDate        *day)
{
  g_return_if_fail (ROUNDS_IS_CALENDAR_PAGE (self));
  g_return_if_fail (day != NULL && g_date_valid (day));

  self->anchor = *day;
  refresh_period (self);
}

GtkWidget *
rounds_calendar_page_get_month_view (RoundsCalendarPage *self)
{
  g_return_val_if_fail (ROUNDS_IS_CALENDAR_PAGE (self), NULL);
  return GTK_WIDGET (self->month_view);
}

GtkWidget *
rounds_calendar_page_get_week_view (RoundsCalendarPage *self)
{
  g_return_val_if_fail (ROUNDS_IS_CALENDAR_PAGE (self), NULL);
  return GTK_WIDGET (self->week_view);
}

/**
 * rounds_calendar_page_find_chip:
 *
 * Returns: (transfer none) (nullable): the chip (or agenda row) of a post
 *   in the visible view, or its chip in the drafts pane.
 */
GtkWidget *
rounds_calendar_page_find_chip (RoundsCalendarPage *self,
                                gint64              post_id)
{
  GtkWidget *chip = NULL;

  g_return_val_if_fail (ROUNDS_IS_CALENDAR_PAGE (self), NULL);

  chip = rounds_calendar_view_find_post (get_view (self), post_id, 0);

  if (chip == NULL)
    chip = rounds_calendar_drafts_find_chip (self->drafts, post_id);

  return chip;
}

/* ------------------------------------------------------------------ */
/* For rounds-calendar-page-dialogs.c (rounds-calendar-page-private.h)  */

gboolean
_rounds_calendar_page_has_context (RoundsCalendarPage *self)
{
  return self->context != NULL;
}

RoundsStore *
_rounds_calendar_page_get_store (RoundsCalendarPage *self)
{
  return get_store (self);
}

GTimeZone *
_rounds_calendar_page_dup_tz (RoundsCalendarPage *self)
{
  return dup_tz (self);
}

GtkWindow *
_rounds_calendar_page_get_window (RoundsCalendarPage *self)
{
  return GTK_WINDOW (get_window (self));
}

void
_rounds_calendar_page_toast (RoundsCalendarPage *self,
                             const char         *text)
{
  toast_text (self, text);
}

gboolean
_rounds_calendar_page_passes_filter (RoundsCalendarPage *self,
                                     RoundsPost         *post)
{
  return rounds_calendar_filters_matches (self->filters, post);
}

gboolean
_rounds_calendar_page_get_selected (RoundsCalendarPage  *self,
                                    RoundsPost         **post,
                                    gint64              *when)
{
  return get_selected (self, post, when);
}

/**
 * _rounds_calendar_page_get_n_days_read:
 *
 * Returns: how many days of posts the page has asked the store for (for
 *   tests: one post changed in the month reads its days, not the month).
 */
guint
_rounds_calendar_page_get_n_days_read (RoundsCalendarPage *self)
{
  g_return_val_if_fail (ROUNDS_IS_CALENDAR_PAGE (self), 0);
  return self->n_days_read;
}
