/* rounds-calendar-agenda-row.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-calendar-agenda"

#include "config.h"

#include <glib/gi18n.h>

#include "rounds-calendar-agenda-row.h"
#include "rounds-time.h"

/* A post in the agenda, bound to its RoundsCalendarEvent: the title, then
 * "09:00 · Facebook · Scheduled", with the number of problems and a
 * warning mark once the compliance check has found some. */

struct _RoundsCalendarAgendaRow
{
  AdwActionRow         parent_instance;

  RoundsCalendarEvent *event;
  GTimeZone           *tz;

  GtkWidget           *warning_icon;
};

G_DEFINE_FINAL_TYPE (RoundsCalendarAgendaRow, rounds_calendar_agenda_row, ADW_TYPE_ACTION_ROW)

static void
update (RoundsCalendarAgendaRow *self)
{
  RoundsPost *post = rounds_calendar_event_get_post (self->event);
  int problems = rounds_calendar_event_get_problems (self->event);
  g_autofree char *title = rounds_post_dup_display_title (post);
  g_autofree char *time = rounds_time_format (self->tz, rounds_calendar_event_get_when (self->event),
                                              "%H:%M");
  g_autofree char *networks = rounds_networks_get_label (rounds_post_get_networks (post));
  const char *status = rounds_post_status_get_label (rounds_post_get_status (post));
  g_autofree char *subtitle = NULL;

  if (problems > 0)
    {
      g_autofree char *p = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d problem",
                                                         "%d problems", problems), problems);
      subtitle = g_strdup_printf ("%s · %s · %s · %s", time, networks, status, p);
    }
  else
    subtitle = g_strdup_printf ("%s · %s · %s", time, networks, status);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);
  gtk_widget_set_visible (self->warning_icon, problems > 0);
}

static void
rounds_calendar_agenda_row_dispose (GObject *object)
{
  RoundsCalendarAgendaRow *self = ROUNDS_CALENDAR_AGENDA_ROW (object);

  g_clear_object (&self->event);
  g_clear_pointer (&self->tz, g_time_zone_unref);

  G_OBJECT_CLASS (rounds_calendar_agenda_row_parent_class)->dispose (object);
}

static void
rounds_calendar_agenda_row_class_init (RoundsCalendarAgendaRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rounds_calendar_agenda_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/rounds-calendar-agenda-row.ui");
  gtk_widget_class_bind_template_child (widget_class, RoundsCalendarAgendaRow, warning_icon);
}

static void
rounds_calendar_agenda_row_init (RoundsCalendarAgendaRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
rounds_calendar_agenda_row_new (RoundsCalendarEvent *event,
                                GTimeZone           *tz)
{
  RoundsCalendarAgendaRow *self;

  g_return_val_if_fail (ROUNDS_IS_CALENDAR_EVENT (event), NULL);
  g_return_val_if_fail (tz != NULL, NULL);

  self = g_object_new (ROUNDS_TYPE_CALENDAR_AGENDA_ROW, NULL);
  self->event = g_object_ref (event);
  self->tz = g_time_zone_ref (tz);
  g_signal_connect_object (event, "notify::problems", G_CALLBACK (update), self,
                           G_CONNECT_SWAPPED);
  update (self);
  return GTK_WIDGET (self);
}

RoundsCalendarEvent *
rounds_calendar_agenda_row_get_event (RoundsCalendarAgendaRow *self)
{
  g_return_val_if_fail (ROUNDS_IS_CALENDAR_AGENDA_ROW (self), NULL);
  return self->event;
}
