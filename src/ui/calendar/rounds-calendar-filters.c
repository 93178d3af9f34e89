/* rounds-calendar-filters.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-calendar-filters"

#include "config.h"

#include <glib/gi18n.h>

#include "rounds-calendar-event.h"
#include "rounds-calendar-filters.h"

/* The Calendar's Filter popover: a check per network and per post status,
 * all ticked at first. It owns the GtkFilter (over RoundsCalendarEvent
 * items) that the page puts in front of the views and the drafts pane,
 * and says when it changed, so each of them redraws from its filtered
 * model. A post with no network yet passes any network filter. */

#define ALL_STATUSES ((1u << (ROUNDS_POST_STATUS_LAST + 1)) - 1)
#define ALL_NETWORKS ((RoundsNetwork)((1u << ROUNDS_N_NETWORKS) - 1))

struct _RoundsCalendarFilters
{
  AdwBin           parent_instance;

  RoundsNetwork    networks;   /* networks shown */
  guint            statuses;   /* bit per RoundsPostStatus shown */
  GtkCustomFilter *filter;
  GtkWidget       *box;
  GtkWidget       *network_checks[ROUNDS_N_NETWORKS];
  GtkWidget       *status_checks[ROUNDS_POST_STATUS_LAST + 1];
};

G_DEFINE_FINAL_TYPE (RoundsCalendarFilters, rounds_calendar_filters, ADW_TYPE_BIN)

static gboolean
event_matches (gpointer item,
               gpointer user_data)
{
  return rounds_calendar_filters_matches (user_data, rounds_calendar_event_get_post (item));
}

static void
on_check_toggled_cb (GtkCheckButton        *check,
                     RoundsCalendarFilters *self)
{
  GtkWidget *parent;

  self->networks = ROUNDS_NETWORK_NONE;
  for (guint i = 0; i < ROUNDS_N_NETWORKS; i++)
    if (gtk_check_button_get_active (GTK_CHECK_BUTTON (self->network_checks[i])))
      self->networks |= rounds_network_from_index (i);
  self->statuses = 0;
  for (guint s = 0; s <= ROUNDS_POST_STATUS_LAST; s++)
    if (gtk_check_button_get_active (GTK_CHECK_BUTTON (self->status_checks[s])))
      self->statuses |= 1u << s;

  parent = gtk_widget_get_parent (GTK_WIDGET (self));
  if (parent != NULL)
    gtk_widget_add_css_class (parent, "filtered");
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static GtkWidget *
add_heading (RoundsCalendarFilters *self,
             const char            *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "heading");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (self->box), label);
  return label;
}

static GtkWidget *
add_check (RoundsCalendarFilters *self,
           const char            *text)
{
  GtkWidget *check = gtk_check_button_new_with_label (text);

  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  g_signal_connect (check, "toggled", G_CALLBACK (on_check_toggled_cb), self);
  gtk_box_append (GTK_BOX (self->box), check);
  return check;
}

static void
rounds_calendar_filters_dispose (GObject *object)
{
  RoundsCalendarFilters *self = ROUNDS_CALENDAR_FILTERS (object);

  g_clear_object (&self->filter);

  G_OBJECT_CLASS (rounds_calendar_filters_parent_class)->dispose (object);
}

static void
rounds_calendar_filters_class_init (RoundsCalendarFiltersClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rounds_calendar_filters_dispose;
}

static void
rounds_calendar_filters_init (RoundsCalendarFilters *self)
{
  self->networks = ALL_NETWORKS;
  self->statuses = ALL_STATUSES;
  self->filter = gtk_custom_filter_new (event_matches, self, NULL);

  /* One check per value of the two enumerations: built from them. */
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  adw_bin_set_child (ADW_BIN (self), self->box);

  add_heading (self, _("Networks"));
  for (guint i = 0; i < ROUNDS_N_NETWORKS; i++)
    self->network_checks[i] =
      add_check (self, rounds_network_get_label (rounds_network_from_index (i)));

  gtk_widget_set_margin_top (add_heading (self, _("Status")), 6);
  for (guint s = 0; s <= ROUNDS_POST_STATUS_LAST; s++)
    self->status_checks[s] = add_check (self, rounds_post_status_get_label (s));
}

/**
 * rounds_calendar_filters_matches:
 *
 * Returns: whether @post is shown under the ticked networks and statuses.
 */
gboolean
rounds_calendar_filters_matches (RoundsCalendarFilters *self,
                                 RoundsPost            *post)
{
  RoundsNetwork networks;

  g_return_val_if_fail (ROUNDS_IS_CALENDAR_FILTERS (self), TRUE);
  g_return_val_if_fail (ROUNDS_IS_POST (post), TRUE);

  networks = rounds_post_get_networks (post);
  if ((self->statuses & (1u << rounds_post_get_status (post))) == 0)
    return FALSE;
  if (self->networks != ALL_NETWORKS && networks != ROUNDS_NETWORK_NONE &&
      (networks & self->networks) == 0)
    return FALSE;
  return TRUE;
}

/**
 * rounds_calendar_filters_get_filter:
 *
 * Returns: (transfer none): a filter of #RoundsCalendarEvent items that
 *   changes with the checks.
 */
GtkFilter *
rounds_calendar_filters_get_filter (RoundsCalendarFilters *self)
{
  g_return_val_if_fail (ROUNDS_IS_CALENDAR_FILTERS (self), NULL);
  return GTK_FILTER (self->filter);
}

/**
 * rounds_calendar_filters_get_ticked:
 * @statuses: (out): a bit per #RoundsPostStatus shown
 * @networks: (out): the networks shown
 *
 * What is ticked, for the store's query (rounds_store_read_calendar_range()).
 */
void
rounds_calendar_filters_get_ticked (RoundsCalendarFilters *self,
                                    guint                 *statuses,
                                    RoundsNetwork         *networks)
{
  g_return_if_fail (ROUNDS_IS_CALENDAR_FILTERS (self));

  *statuses = self->statuses;
  *networks = self->networks;
}
