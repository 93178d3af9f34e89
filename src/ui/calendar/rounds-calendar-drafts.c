/* rounds-calendar-drafts.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-calendar-drafts"

#include "config.h"

#include "rounds-calendar-chip.h"
#include "rounds-calendar-marks.h"
#include "rounds-calendar-drafts.h"

/* The Calendar's side pane: the drafts that have no time yet, one chip
 * each, to drag onto a day or a slot. It shows a model of
 * RoundsCalendarEvent (the page's drafts behind the same network and
 * status filter as the views) and follows its changes item by item,
 * reusing the chips already there. A click on a chip emits ::post-activated.
 *
 * Chips are made for the first drafts only, as many as fill the pane and
 * a page more, and more as the pane is scrolled (or focus moves) towards
 * the last chip made: a practice with 3,500 undated drafts makes a few
 * dozen chips, not 3,500 (each a button of seven widgets with CSS nodes
 * and text layouts). The order, the scrolling and the keyboard are the
 * same; the scroll bar grows as more drafts are reached. The compliance
 * marks are asked for the drafts that have a chip, when it is made: the
 * check no longer scans thousands of drafts no one sees. */

/* Chips made before the pane has a size, and added at a time. */
#define FIRST_CHIPS 40
#define MORE_CHIPS  40

struct _RoundsCalendarDrafts
{
  AdwBin      parent_instance;

  GListModel *model;
  GTimeZone  *tz;
  RoundsCalendarMarks *marks;

  GtkWidget  *drafts_box;
  GtkWidget  *drafts_empty;
  GtkWidget  *scroller;

  guint       n_chips;   /* chips in drafts_box: the model's first n_chips items */
  guint       limit;     /* how many chips may be made (grows as the pane scrolls) */
  guint       grow_id;   /* idle that makes more chips */
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

/* What the check found in a draft given a chip, if not yet known (a
 * draft not checked yet is queued, and marked when the answer comes:
 * rounds_calendar_drafts_apply_marks()). */
static void
mark (RoundsCalendarDrafts *self,
      RoundsCalendarEvent  *event)
{
  if (self->marks != NULL && rounds_calendar_event_get_problems (event) < 0)
    rounds_calendar_event_set_problems (event,
                                        rounds_calendar_marks_lookup (
                                          self->marks, rounds_calendar_event_get_post (event)));
}

static GtkWidget *
make_chip (RoundsCalendarDrafts *self,
           guint                 position)
{
  g_autoptr(RoundsCalendarEvent) event = g_list_model_get_item (self->model, position);
  GtkWidget *chip = rounds_calendar_chip_new ();

  mark (self, event);

  g_signal_connect_object (chip, "clicked", G_CALLBACK (on_chip_clicked_cb), self, 0);
  rounds_calendar_chip_set_event (ROUNDS_CALENDAR_CHIP (chip), event, self->tz);
  return chip;
}

/* As many chips as the model has items, up to the limit: removes chips at
 * the end or adds them for the next items. */
static void
fill_to_limit (RoundsCalendarDrafts *self)
{
  guint n = self->model != NULL ? g_list_model_get_n_items (self->model) : 0;
  guint want = MIN (n, self->limit);

  while (self->n_chips > want)
    {
      gtk_box_remove (GTK_BOX (self->drafts_box), gtk_widget_get_last_child (self->drafts_box));
      self->n_chips--;
    }
  while (self->n_chips < want)
    {
      gtk_box_append (GTK_BOX (self->drafts_box), make_chip (self, self->n_chips));
      self->n_chips++;
    }
  gtk_widget_set_visible (self->drafts_empty, n == 0);
}

/* The box holds one chip per item of the model, in its order, for the
 * first self->limit items: a change rebinds the chips of the items it
 * replaced, and adds or removes chips for the rest (one draft saved is one
 * chip, not 3,500). Items past the chips made need no chip. */
static void
on_items_changed_cb (GListModel           *model,
                     guint                 position,
                     guint                 removed,
                     guint                 added,
                     RoundsCalendarDrafts *self)
{
  GtkWidget *before = NULL;
  GtkWidget *child = gtk_widget_get_first_child (self->drafts_box);
  guint want = MIN (g_list_model_get_n_items (model), self->limit);
  guint reuse;

  if (position < self->n_chips)
    {
      /* Of the change, what falls among the chips made: the chips of the
       * removed items that had one, and the added items that get one. */
      removed = MIN (removed, self->n_chips - position);
      added = position < want ? MIN (added, want - position) : 0;
      reuse = MIN (removed, added);

      for (guint i = 0; i < position && child != NULL; i++)
        {
          before = child;
          child = gtk_widget_get_next_sibling (child);
        }

      for (guint i = 0; i < reuse && child != NULL; i++)
        {
          g_autoptr(RoundsCalendarEvent) event = g_list_model_get_item (model, position + i);

          mark (self, event);
          rounds_calendar_chip_set_event (ROUNDS_CALENDAR_CHIP (child), event, self->tz);
          before = child;
          child = gtk_widget_get_next_sibling (child);
        }
      for (guint i = reuse; i < removed && child != NULL; i++)
        {
          GtkWidget *next = gtk_widget_get_next_sibling (child);

          gtk_box_remove (GTK_BOX (self->drafts_box), child);
          self->n_chips--;
          child = next;
        }
      for (guint i = reuse; i < added; i++)
        {
          GtkWidget *chip = make_chip (self, position + i);

          gtk_box_insert_child_after (GTK_BOX (self->drafts_box), chip, before);
          self->n_chips++;
          before = chip;
        }
    }

  /* The chips after the change are those of the items after it; at the
   * end, chips past the limit go and the next items get theirs. */
  fill_to_limit (self);
}

/* More chips when the pane is within a page of the last chip made. */
static gboolean
grow_cb (gpointer user_data)
{
  RoundsCalendarDrafts *self = user_data;
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller));
  double page = gtk_adjustment_get_page_size (adj);
  guint n = self->model != NULL ? g_list_model_get_n_items (self->model) : 0;

  self->grow_id = 0;
  if (self->n_chips >= n || self->n_chips < self->limit || page <= 0)
    return G_SOURCE_REMOVE;
  if (gtk_adjustment_get_value (adj) + 2 * page >= gtk_adjustment_get_upper (adj))
    {
      self->limit = self->n_chips + MORE_CHIPS;
      fill_to_limit (self);
    }
  return G_SOURCE_REMOVE;
}

/* Scrolled, or a new size: the check runs once the layout is done (no
 * widget is added while GTK allocates). */
static void
on_adjustment_changed_cb (GtkAdjustment        *adj,
                          RoundsCalendarDrafts *self)
{
  guint n = self->model != NULL ? g_list_model_get_n_items (self->model) : 0;

  if (self->grow_id == 0 && self->n_chips < n)
    self->grow_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, grow_cb, self, NULL);
}

/* Every chip again (a new model or time zone): the chips there are
 * rebound, not rebuilt. */
static void
rebind (RoundsCalendarDrafts *self)
{
  if (self->model == NULL)
    {
      GtkWidget *child;

      while ((child = gtk_widget_get_first_child (self->drafts_box)) != NULL)
        gtk_box_remove (GTK_BOX (self->drafts_box), child);
      self->n_chips = 0;
      gtk_widget_set_visible (self->drafts_empty, TRUE);
      return;
    }
  on_items_changed_cb (self->model, 0, self->n_chips, g_list_model_get_n_items (self->model), self);
}

static void
rounds_calendar_drafts_dispose (GObject *object)
{
  RoundsCalendarDrafts *self = ROUNDS_CALENDAR_DRAFTS (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, on_items_changed_cb, self);
  g_clear_object (&self->model);
  g_clear_object (&self->marks);
  g_clear_pointer (&self->tz, g_time_zone_unref);
  g_clear_handle_id (&self->grow_id, g_source_remove);
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
  gtk_widget_class_bind_template_child (widget_class, RoundsCalendarDrafts, scroller);
}

static void
rounds_calendar_drafts_init (RoundsCalendarDrafts *self)
{
  GtkAdjustment *adj;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->limit = FIRST_CHIPS;
  /* The viewport scrolls to a focused chip: Tab on the last chip made
   * brings the pane near its end, and the next chips come. */
  adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller));
  g_signal_connect_object (adj, "value-changed", G_CALLBACK (on_adjustment_changed_cb), self, 0);
  g_signal_connect_object (adj, "changed", G_CALLBACK (on_adjustment_changed_cb), self, 0);
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
      /* Another practice's drafts start at the top. */
      self->limit = FIRST_CHIPS;
      if (events != NULL)
        g_signal_connect (events, "items-changed", G_CALLBACK (on_items_changed_cb), self);
    }
  rebind (self);
}

/**
 * rounds_calendar_drafts_find_chip:
 *
 * The chip of a draft in the pane; a draft further down than the chips
 * made so far gets its chip (and those before it) made now.
 *
 * Returns: (transfer none) (nullable): the chip of a draft shown.
 */
GtkWidget *
rounds_calendar_drafts_find_chip (RoundsCalendarDrafts *self,
                                  gint64                post_id)
{
  guint n;

  g_return_val_if_fail (ROUNDS_IS_CALENDAR_DRAFTS (self), NULL);

  n = self->model != NULL ? g_list_model_get_n_items (self->model) : 0;
  for (guint i = self->n_chips; i < n; i++)
    {
      g_autoptr(RoundsCalendarEvent) event = g_list_model_get_item (self->model, i);
      RoundsPost *post = rounds_calendar_event_get_post (event);

      if (post != NULL && rounds_post_get_id (post) == post_id)
        {
          self->limit = MAX (self->limit, i + 1);
          fill_to_limit (self);
          break;
        }
    }

  for (GtkWidget *c = gtk_widget_get_first_child (self->drafts_box); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      RoundsPost *post = rounds_calendar_chip_get_post (ROUNDS_CALENDAR_CHIP (c));

      if (gtk_widget_get_visible (c) && post != NULL && rounds_post_get_id (post) == post_id)
        return c;
    }
  return NULL;
}

/**
 * rounds_calendar_drafts_set_marks:
 * @marks: (nullable): the compliance marks the chips show
 */
void
rounds_calendar_drafts_set_marks (RoundsCalendarDrafts *self,
                                  RoundsCalendarMarks  *marks)
{
  g_return_if_fail (ROUNDS_IS_CALENDAR_DRAFTS (self));

  g_set_object (&self->marks, marks);
}

/**
 * rounds_calendar_drafts_apply_marks:
 *
 * Marks the drafts that have a chip with what the check has found so far
 * (after #RoundsCalendarMarks::changed).
 */
void
rounds_calendar_drafts_apply_marks (RoundsCalendarDrafts *self)
{
  g_return_if_fail (ROUNDS_IS_CALENDAR_DRAFTS (self));

  for (guint i = 0; self->model != NULL && i < self->n_chips; i++)
    {
      g_autoptr(RoundsCalendarEvent) event = g_list_model_get_item (self->model, i);

      mark (self, event);
    }
}

/* For tests: how many chips the pane has made. */
guint
_rounds_calendar_drafts_get_n_chips (RoundsCalendarDrafts *self)
{
  g_return_val_if_fail (ROUNDS_IS_CALENDAR_DRAFTS (self), 0);
  return self->n_chips;
}
