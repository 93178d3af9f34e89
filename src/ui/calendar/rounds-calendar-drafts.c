/* rounds-calendar-drafts.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-calendar-drafts"

#include "config.h"

#include "rounds-calendar-chip.h"
#include "rounds-calendar-drafts.h"

/* The Calendar's side pane: the drafts that have no time yet, one chip
 * each, to drag onto a day or a slot. It shows a model of
 * RoundsCalendarEvent (the page's drafts behind the same network and
 * status filter as the views) and redraws when it changes, reusing the
 * chips already there. A click on a chip emits ::post-activated. */

struct _RoundsCalendarDrafts
{
  AdwBin      parent_instance;

  GListModel *model;
  GTimeZone  *tz;

  GtkWidget  *drafts_box;
  GtkWidget  *drafts_empty;
};

G_DEFINE_FINAL_TYPE (RoundsCalendarDrafts, rounds_calendar_drafts, ADW_TYPE_BIN)

enum {
  POST_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_chip_clicked_cb (RoundsCalendarChip   *chip,
                    RoundsCalendarDrafts *self)
{
  RoundsPost *post = rounds_calendar_chip_get_post (chip);

  if (post != NULL)
    g_signal_emit (self, signals[POST_ACTIVATED], 0, post);
}

static void
rebind (RoundsCalendarDrafts *self)
{
  GtkWidget *child = gtk_widget_get_first_child (self->drafts_box);
  guint n = self->model != NULL ? g_list_model_get_n_items (self->model) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RoundsCalendarEvent) event = g_list_model_get_item (self->model, i);

      if (child == NULL)
        {
          child = rounds_calendar_chip_new ();
          g_signal_connect_object (child, "clicked", G_CALLBACK (on_chip_clicked_cb), self, 0);
          gtk_box_append (GTK_BOX (self->drafts_box), child);
        }
      rounds_calendar_chip_set_event (ROUNDS_CALENDAR_CHIP (child), event, self->tz);
      gtk_widget_set_visible (child, TRUE);
      child = gtk_widget_get_next_sibling (child);
    }
  for (; child != NULL; child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_visible (child, FALSE);

  gtk_widget_set_visible (self->drafts_empty, n == 0);
}

static void
rounds_calendar_drafts_dispose (GObject *object)
{
  RoundsCalendarDrafts *self = ROUNDS_CALENDAR_DRAFTS (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, rebind, self);
  g_clear_object (&self->model);
  g_clear_pointer (&self->tz, g_time_zone_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), ROUNDS_TYPE_CALENDAR_DRAFTS);

  G_OBJECT_CLASS (rounds_calendar_drafts_parent_class)->dispose (object);
}

static void
rounds_calendar_drafts_class_init (RoundsCalendarDraftsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rounds_calendar_drafts_dispose;

  /**
   * RoundsCalendarDrafts::post-activated:
   * @post: the draft whose chip was clicked
   */
  signals[POST_ACTIVATED] =
    g_signal_new ("post-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, ROUNDS_TYPE_POST);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/rounds-calendar-drafts.ui");
  gtk_widget_class_bind_template_child (widget_class, RoundsCalendarDrafts, drafts_box);
  gtk_widget_class_bind_template_child (widget_class, RoundsCalendarDrafts, drafts_empty);
}

static void
rounds_calendar_drafts_init (RoundsCalendarDrafts *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * rounds_calendar_drafts_set_model:
 * @events: (nullable): #RoundsCalendarEvent items of the drafts to show
 * @tz: (nullable): the practice's time zone, for the chips' labels
 */
void
rounds_calendar_drafts_set_model (RoundsCalendarDrafts *self,
                                  GListModel           *events,
                                  GTimeZone            *tz)
{
  g_return_if_fail (ROUNDS_IS_CALENDAR_DRAFTS (self));
  g_return_if_fail (events == NULL || G_IS_LIST_MODEL (events));

  if (tz != self->tz)
    {
      g_clear_pointer (&self->tz, g_time_zone_unref);
      if (tz != NULL)
        self->tz = g_time_zone_ref (tz);
    }
  if (self->model != events)
    {
      if (self->model != NULL)
        g_signal_handlers_disconnect_by_func (self->model, rebind, self);
      g_set_object (&self->model, events);
      if (events != NULL)
        g_signal_connect_swapped (events, "items-changed", G_CALLBACK (rebind), self);
    }
  rebind (self);
}

/**
 * rounds_calendar_drafts_find_chip:
 *
 * Returns: (transfer none) (nullable): the chip of a draft shown.
 */
GtkWidget *
rounds_calendar_drafts_find_chip (RoundsCalendarDrafts *self,
                                  gint64                post_id)
{
  g_return_val_if_fail (ROUNDS_IS_CALENDAR_DRAFTS (self), NULL);

  for (GtkWidget *c = gtk_widget_get_first_child (self->drafts_box); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      RoundsPost *post = rounds_calendar_chip_get_post (ROUNDS_CALENDAR_CHIP (c));

      if (gtk_widget_get_visible (c) && post != NULL && rounds_post_get_id (post) == post_id)
        return c;
    }
  return NULL;
}
