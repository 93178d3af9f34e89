/* rounds-reschedule-dialog.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-reschedule-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "rounds-reschedule-dialog.h"
#include "rounds-time.h"

/* Reschedule…: the keyboard way to move a post anywhere, a date (a
 * calendar) and a time (hours and minutes in practice time). Responses
 * "cancel" and "reschedule"; the caller reads the time and moves the post
 * through the same path as a drop. */

struct _RoundsRescheduleDialog
{
  AdwMessageDialog  parent_instance;

  GTimeZone        *tz;
  GtkWidget        *calendar;
  GtkWidget        *hour;
  GtkWidget        *minute;
};

G_DEFINE_FINAL_TYPE (RoundsRescheduleDialog, rounds_reschedule_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
rounds_reschedule_dialog_finalize (GObject *object)
{
  RoundsRescheduleDialog *self = ROUNDS_RESCHEDULE_DIALOG (object);

  g_clear_pointer (&self->tz, g_time_zone_unref);
  G_OBJECT_CLASS (rounds_reschedule_dialog_parent_class)->finalize (object);
}

static void
rounds_reschedule_dialog_class_init (RoundsRescheduleDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rounds_reschedule_dialog_finalize;
}

static GtkWidget *
spin (double      max,
      double      step,
      const char *a11y)
{
  GtkWidget *button = gtk_spin_button_new_with_range (0, max, step);

  gtk_spin_button_set_wrap (GTK_SPIN_BUTTON (button), TRUE);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (button), TRUE);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (button), GTK_ORIENTATION_VERTICAL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
  return button;
}

static gboolean
on_output_cb (GtkSpinButton *button)
{
  g_autofree char *text = g_strdup_printf ("%02d", gtk_spin_button_get_value_as_int (button));

  gtk_editable_set_text (GTK_EDITABLE (button), text);
  return TRUE;
}

/* GTK 4.8's calendar draws four arrow buttons (month back and on, year
 * back and on, in that order) with an icon and no name: a screen reader
 * says "button". They are its children in the widget tree; name them. */
static void
collect_buttons (GtkWidget *widget,
                 GPtrArray *buttons)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child))
        g_ptr_array_add (buttons, child);
      else
        collect_buttons (child, buttons);
    }
}

static void
name_calendar_arrows (GtkWidget *calendar)
{
  const char *names[] = { N_("Previous Month"), N_("Next Month"),
                          N_("Previous Year"), N_("Next Year") };
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  collect_buttons (calendar, buttons);
  if (buttons->len != G_N_ELEMENTS (names))
    {
      g_debug ("The calendar has %u buttons, not 4: left unnamed", buttons->len);
      return;
    }
  for (guint i = 0; i < buttons->len; i++)
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (g_ptr_array_index (buttons, i)),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _(names[i]), -1);
      gtk_widget_set_tooltip_text (g_ptr_array_index (buttons, i), _(names[i]));
    }
}

static void
rounds_reschedule_dialog_init (RoundsRescheduleDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *time_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new_with_mnemonic (_("_Time"));
  GtkWidget *colon = gtk_label_new (":");

  self->calendar = gtk_calendar_new ();
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->calendar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Date"), -1);
  name_calendar_arrows (self->calendar);
  self->hour = spin (23, 1, _("Hour"));
  self->minute = spin (55, 5, _("Minute"));
  g_signal_connect (self->hour, "output", G_CALLBACK (on_output_cb), NULL);
  g_signal_connect (self->minute, "output", G_CALLBACK (on_output_cb), NULL);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), self->hour);

  gtk_widget_set_halign (time_box, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (time_box), label);
  gtk_box_append (GTK_BOX (time_box), self->hour);
  gtk_box_append (GTK_BOX (time_box), colon);
  gtk_box_append (GTK_BOX (time_box), self->minute);
  gtk_box_append (GTK_BOX (box), self->calendar);
  gtk_box_append (GTK_BOX (box), time_box);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self), box);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (self),
                                    "cancel", _("_Cancel"),
                                    "reschedule", _("_Reschedule"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self), "reschedule",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (self), "reschedule");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (self), "cancel");
}

RoundsRescheduleDialog *
rounds_reschedule_dialog_new (GtkWindow  *parent,
                              const char *post_title,
                              GTimeZone  *tz,
                              gint64      when)
{
  RoundsRescheduleDialog *self;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *body = NULL;

  self = g_object_new (ROUNDS_TYPE_RESCHEDULE_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       "heading", _("Reschedule Post"),
                       NULL);
  /* TRANSLATORS: %s is a post's title */
  body = g_strdup_printf (_("Choose a new day and time for “%s”, in the practice’s time zone."),
                          post_title);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);
  self->tz = g_time_zone_ref (tz);

  local = rounds_time_to_local (tz, when);
  rounds_reschedule_dialog_set_time (self, g_date_time_get_year (local),
                                     g_date_time_get_month (local),
                                     g_date_time_get_day_of_month (local),
                                     g_date_time_get_hour (local),
                                     g_date_time_get_minute (local));
  return self;
}

void
rounds_reschedule_dialog_set_time (RoundsRescheduleDialog *self,
                                   int                     year,
                                   int                     month,
                                   int                     day,
                                   int                     hour,
                                   int                     minute)
{
  g_autoptr(GDateTime) dt = NULL;

  g_return_if_fail (ROUNDS_IS_RESCHEDULE_DIALOG (self));

  dt = g_date_time_new_local (year, month, day, 12, 0, 0);

  gtk_calendar_select_day (GTK_CALENDAR (self->calendar), dt);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->hour), hour);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->minute), minute);
}

/**
 * rounds_reschedule_dialog_get_time:
 *
 * Returns: the chosen time, UTC.
 */
gint64
rounds_reschedule_dialog_get_time (RoundsRescheduleDialog *self)
{
  g_autoptr(GDateTime) day = NULL;

  g_return_val_if_fail (ROUNDS_IS_RESCHEDULE_DIALOG (self), 0);

  day = gtk_calendar_get_date (GTK_CALENDAR (self->calendar));

  gtk_spin_button_update (GTK_SPIN_BUTTON (self->hour));
  gtk_spin_button_update (GTK_SPIN_BUTTON (self->minute));
  return rounds_time_from_local (self->tz, g_date_time_get_year (day), g_date_time_get_month (day),
                                 g_date_time_get_day_of_month (day),
                                 gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->hour)),
                                 gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->minute)));
}
