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
 * status filter as the views) and follows its changes item by item,
 * reusing the chips already there. A click on a chip emits ::post-activated. */

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

/* The box holds one chip per item of the model, in its order: a change
 * rebinds the chips of the items it replaced, and adds or removes chips
 * for the rest (one draft saved is one chip, not 3,500). */
static void
on_items_changed_cb (GListModel           *model,
                     guint                 position,
                     guint                 removed,
                     guint                 added,
                     RoundsCalendarDrafts *self)
{
  GtkWidget *before = NULL;
  GtkWidget *child = gtk_widget_get_first_child (self->drafts_box);
  guint reuse = MIN (removed, added);

  for (guint i = 0; i < position && child != NULL; i++)
    {
      before = child;
      child = gtk_widget_get_next_sibling (child);
    }

  for (guint i = 0; i < reuse && child != NULL; i++)
    {
      g_autoptr(RoundsCalendarEvent) event = g_list_model_get_item (model, position + i);

      rounds_calendar_chip_set_event (ROUNDS_CALENDAR_CHIP (child), event, self->tz);
      before = child;
      child = gtk_widget_get_next_sibling (child);
    }
  for (guint i = reuse; i < removed && child != NULL; i++)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      gtk_box_remove (GTK_BOX (self->drafts_box), child);
      child = next;
    }
  for (guint i = reuse; i < added; i++)
    {
      g_autoptr(RoundsCalendarEvent) event = g_list_model_get_item (model, position + i);
      GtkWidget *chip = rounds_calendar_chip_new ();

      g_signal_connect_object (chip, "clicked", G_CALLBACK (on_chip_clicked_cb), self, 0);
      rounds_calendar_chip_set_event (ROUNDS_CALENDAR_CHIP (chip), event, self->tz);
      gtk_box_insert_child_after (GTK_BOX (self->drafts_box), chip, before);
      before = chip;
    }

  gtk_widget_set_visible (self->drafts_empty, g_list_model_get_n_items (model) == 0);
}

static guint
count_chips (RoundsCalendarDrafts *self)
{
  guint n = 0;

  for (GtkWidget *c = gtk_widget_get_first_child (self->drafts_box); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    n++;
  return n;
}

/* Every chip again (a new model or time zone): the chips there are
 * rebound, not rebuilt. */
static void
rebind (RoundsCalendarDrafts *self)
{
  guint n = self->model != NULL ? g_list_model_get_n_items (self->model) : 0;

  if (self->model == NULL)
    {
      GtkWidget *child;

      while ((child = gtk_widget_get_first_child (self->drafts_box)) != NULL)
        gtk_box_remove (GTK_BOX (self->drafts_box), child);
      gtk_widget_set_visible (self->drafts_empty, TRUE);
      return;
    }
  on_items_changed_cb (self->model, 0, count_chips (self), n, self);
}

static void
rounds_calendar_drafts_dispose (GObject *object)
{
  RoundsCalendarDrafts *self = ROUNDS_CALENDAR_DRAFTS (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, on_items_changed_cb, self);
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
        g_signal_handlers_disconnect_by_func (self->model, on_items_changed_cb, self);
      g_set_object (&self->model, events);
      if (events != NULL)
        g_signal_connect (events, "items-changed", G_CALLBACK (on_items_changed_cb), self);
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
