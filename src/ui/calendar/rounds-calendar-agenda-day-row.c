/* rounds-calendar-agenda-day-row.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-calendar-agenda"

#include "config.h"

#include <glib/gi18n.h>

#include "rounds-calendar-agenda-day-row.h"
#include "rounds-calendar-view.h"
#include "rounds-observances.h"

/* A day's heading in the agenda ("Tuesday 14 October"), not activatable,
 * with the observances that cover the day (weeks and days; the month's
 * are above the calendar) under it. */

struct _RoundsCalendarAgendaDayRow
{
  GtkListBoxRow  parent_instance;

  GtkWidget     *box;
  GtkWidget     *title_label;
};

G_DEFINE_FINAL_TYPE (RoundsCalendarAgendaDayRow, rounds_calendar_agenda_day_row,
                     GTK_TYPE_LIST_BOX_ROW)

static void
rounds_calendar_agenda_day_row_class_init (RoundsCalendarAgendaDayRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/rounds-calendar-agenda-day-row.ui");
  gtk_widget_class_bind_template_child (widget_class, RoundsCalendarAgendaDayRow, box);
  gtk_widget_class_bind_template_child (widget_class, RoundsCalendarAgendaDayRow, title_label);
}

static void
rounds_calendar_agenda_day_row_init (RoundsCalendarAgendaDayRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * rounds_calendar_agenda_day_row_new:
 * @observances: (element-type RoundsObservance) (nullable): observances of
 *   the period; those covering @day are shown
 */
GtkWidget *
rounds_calendar_agenda_day_row_new (const GDate *day,
                                    GPtrArray   *observances)
{
  RoundsCalendarAgendaDayRow *self = g_object_new (ROUNDS_TYPE_CALENDAR_AGENDA_DAY_ROW, NULL);
  /* TRANSLATORS: a day heading in the agenda: "Tuesday 14 October" */
  g_autofree char *title = rounds_calendar_format_date (day, _("%A %-d %B"));

  gtk_label_set_label (GTK_LABEL (self->title_label), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);

  for (guint i = 0; observances != NULL && i < observances->len; i++)
    {
      RoundsObservance *o = g_ptr_array_index (observances, i);

      if (o->kind != ROUNDS_OBSERVANCE_MONTH && rounds_observance_covers (o, day))
        {
          GtkWidget *label = gtk_label_new (o->name);

          gtk_widget_add_css_class (label, "observance");
          gtk_label_set_xalign (GTK_LABEL (label), 0);
          gtk_box_append (GTK_BOX (self->box), label);
        }
    }

  return GTK_WIDGET (self);
}
