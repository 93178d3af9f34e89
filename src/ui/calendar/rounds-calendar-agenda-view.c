/* rounds-calendar-agenda-view.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-calendar-agenda"

#include "config.h"

#include <glib/gi18n.h>

#include "rounds-calendar-agenda-day-row.h"
#include "rounds-calendar-agenda-row.h"
#include "rounds-calendar-agenda-view.h"
#include "rounds-calendar-geometry.h"
#include "rounds-observances.h"

/* The agenda: the month's posts as a list, a heading for each day that
 * has some (with its observances), the post's time, networks, status and
 * problems in each row. It is what a narrow window shows. Fed from a
 * model of RoundsCalendarEvent (RoundsCalendarView); a list has no place
 * to drop on, so it has no drop target. */

struct _RoundsCalendarAgendaView
{
  AdwBin      parent_instance;

  GListModel *model;
  GTimeZone  *tz;
  GDate       first;        /* the first of the month shown */

  GtkListBox *list;
  GtkWidget  *empty;
};

static void calendar_view_iface_init (RoundsCalendarViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RoundsCalendarAgendaView, rounds_calendar_agenda_view, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (ROUNDS_TYPE_CALENDAR_VIEW,
                                                      calendar_view_iface_init))

static void
get_range (RoundsCalendarView *view,
           GDate              *first,
           GDate              *after_last)
{
  RoundsCalendarAgendaView *self = ROUNDS_CALENDAR_AGENDA_VIEW (view);

  *first = self->first;
  *after_last = self->first;
  g_date_add_months (after_last, 1);
}

static void
rebind (RoundsCalendarAgendaView *self)
{
  guint n_events = self->model != NULL ? g_list_model_get_n_items (self->model) : 0;
  g_autoptr(GPtrArray) observances = NULL;
  GtkWidget *child;
  GDate after_last, last, last_day;
  gboolean any = FALSE;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);

  if (self->tz == NULL)
    return;

  after_last = self->first;
  g_date_add_months (&after_last, 1);
  last = after_last;
  g_date_subtract_days (&last, 1);
  observances = rounds_observances_for_range (&self->first, &last);

  g_date_clear (&last_day, 1);
  for (guint i = 0; i < n_events; i++)
    {
      g_autoptr(RoundsCalendarEvent) event = g_list_model_get_item (self->model, i);
      GDate day;

      rounds_calendar_date_of_utc (self->tz, rounds_calendar_event_get_when (event), &day);
      if (g_date_compare (&day, &self->first) < 0 || g_date_compare (&day, &after_last) >= 0)
        continue;
      if (!g_date_valid (&last_day) || g_date_compare (&day, &last_day) != 0)
        {
          gtk_list_box_append (self->list, rounds_calendar_agenda_day_row_new (&day, observances));
          last_day = day;
        }
      gtk_list_box_append (self->list, rounds_calendar_agenda_row_new (event, self->tz));
      any = TRUE;
    }

  gtk_widget_set_visible (self->empty, !any);
  gtk_widget_set_visible (GTK_WIDGET (self->list), any);
}

static void
on_row_activated_cb (RoundsCalendarAgendaView *self,
                     GtkListBoxRow            *row)
{
  RoundsCalendarEvent *event;

  if (!ROUNDS_IS_CALENDAR_AGENDA_ROW (row))
    return;
  event = rounds_calendar_agenda_row_get_event (ROUNDS_CALENDAR_AGENDA_ROW (row));
  rounds_calendar_view_activate_post (ROUNDS_CALENDAR_VIEW (self),
                                      rounds_calendar_event_get_post (event));
}

static void
set_date (RoundsCalendarView *view,
          const GDate        *day,
          GDateWeekday        first_weekday,
          GTimeZone          *tz,
          gint64              now)
{
  RoundsCalendarAgendaView *self = ROUNDS_CALENDAR_AGENDA_VIEW (view);

  self->first = *day;
  g_date_set_day (&self->first, 1);
  if (self->tz != tz)
    {
      g_clear_pointer (&self->tz, g_time_zone_unref);
      self->tz = g_time_zone_ref (tz);
    }
  rebind (self);
}

static char *
dup_title (RoundsCalendarView *view)
{
  RoundsCalendarAgendaView *self = ROUNDS_CALENDAR_AGENDA_VIEW (view);

  /* TRANSLATORS: the month shown: "October 2026" */
  return rounds_calendar_format_date (&self->first, _("%B %Y"));
}


static void
set_model (RoundsCalendarView *view,
           GListModel         *model)
{
  rounds_calendar_view_follow_model (view, &ROUNDS_CALENDAR_AGENDA_VIEW (view)->model, model,
                                     (RoundsCalendarViewRebind)rebind);
}

static GtkWidget *
find_post (RoundsCalendarView *view,
           gint64              post_id,
           gint64              when)
{
  RoundsCalendarAgendaView *self = ROUNDS_CALENDAR_AGENDA_VIEW (view);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      RoundsCalendarEvent *event;

      if (!ROUNDS_IS_CALENDAR_AGENDA_ROW (row))
        continue;
      event = rounds_calendar_agenda_row_get_event (ROUNDS_CALENDAR_AGENDA_ROW (row));
      if (rounds_post_get_id (rounds_calendar_event_get_post (event)) == post_id &&
          (when == 0 || rounds_calendar_event_get_when (event) == when))
        return row;
    }
  return NULL;
}

static void
calendar_view_iface_init (RoundsCalendarViewInterface *iface)
{
  iface->set_date = set_date;
  iface->get_range = get_range;
  iface->dup_title = dup_title;
  iface->set_model = set_model;
  iface->find_post = find_post;
}

static void
rounds_calendar_agenda_view_dispose (GObject *object)
{
  RoundsCalendarAgendaView *self = ROUNDS_CALENDAR_AGENDA_VIEW (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, rebind, self);
  g_clear_object (&self->model);
  g_clear_pointer (&self->tz, g_time_zone_unref);

  G_OBJECT_CLASS (rounds_calendar_agenda_view_parent_class)->dispose (object);
}

static void
rounds_calendar_agenda_view_class_init (RoundsCalendarAgendaViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rounds_calendar_agenda_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/rounds-calendar-agenda-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RoundsCalendarAgendaView, list);
  gtk_widget_class_bind_template_child (widget_class, RoundsCalendarAgendaView, empty);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);
}

static void
rounds_calendar_agenda_view_init (RoundsCalendarAgendaView *self)
{
  g_date_clear (&self->first, 1);
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
rounds_calendar_agenda_view_new (void)
{
  return g_object_new (ROUNDS_TYPE_CALENDAR_AGENDA_VIEW, NULL);
}
