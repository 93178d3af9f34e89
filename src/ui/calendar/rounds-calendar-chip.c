/* rounds-calendar-chip.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-calendar-chip"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "rounds-calendar-chip.h"
#include "rounds-calendar-event.h"
#include "rounds-time.h"

/* A post on the calendar: its time, its networks (short names), its title,
 * a colour for its status and a warning mark when the compliance scanner
 * has something to say. A button (click or Enter opens the post) and a
 * drag source whose value is the RoundsPost. Views keep a pool of chips
 * and rebind them to events (rounds_calendar_chip_set_event()) on every
 * refresh; a bound chip follows its event's problems. A stacked chip (the
 * month's narrow cells) puts the title on a line of its own under the
 * time and networks, so that it has the cell's whole width. */

struct _RoundsCalendarChip
{
  GtkButton   parent_instance;

  RoundsCalendarEvent *event;
  gulong      problems_handler;
  RoundsPost *post;
  gint64      when;
  gboolean    recurring;
  GTimeZone  *tz;
  int         problems;
  char       *status_class;
  char       *label;

  gboolean    stacked;
  gsize       bold_end;      /* the time's bold run in title_label */

  GtkWidget  *networks_label;
  GtkWidget  *title_label;   /* time and title, or the time alone when stacked */
  GtkWidget  *line_label;    /* the title on a line of its own when stacked */
  GtkWidget  *repeat_icon;
  GtkWidget  *warning_icon;
  GtkWidget  *state_icon;    /* publishing, published, failed */
};

G_DEFINE_FINAL_TYPE (RoundsCalendarChip, rounds_calendar_chip, GTK_TYPE_BUTTON)

static RoundsCalendarChip *dragged;

static const struct {
  RoundsNetwork network;
  const char   *abbreviation;
} abbreviations[] = {
  /* TRANSLATORS: short names of the networks on calendar chips */
  { ROUNDS_NETWORK_FACEBOOK,  N_("FB") },
  { ROUNDS_NETWORK_INSTAGRAM, N_("IG") },
  { ROUNDS_NETWORK_LINKEDIN,  N_("in") },
  { ROUNDS_NETWORK_GOOGLE,    N_("G") },
  { ROUNDS_NETWORK_MASTODON,  N_("M") },
  { ROUNDS_NETWORK_BLUESKY,   N_("BS") },
  { ROUNDS_NETWORK_X,         N_("X") },
};

char *
rounds_calendar_network_abbreviations (RoundsNetwork networks)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (abbreviations); i++)
    if (networks & abbreviations[i].network)
      {
        if (s->len > 0)
          g_string_append_c (s, ' ');
        g_string_append (s, _(abbreviations[i].abbreviation));
      }

  return g_string_free (s, FALSE);
}

static void
update_accessible (RoundsCalendarChip *self)
{
  g_autofree char *title = NULL;
  g_autofree char *when = NULL;
  g_autofree char *networks = NULL;
  g_autofree char *problems = NULL;
  g_autofree char *status = NULL;
  g_autofree char *label = NULL;

  if (self->post == NULL)
    return;

  title = rounds_post_dup_display_title (self->post);
  /* TRANSLATORS: a post's time on the calendar, for screen readers:
   * "Tuesday 14 October 09:00" */
  when = self->when > 0 ? rounds_time_format (self->tz, self->when, _("%A %-d %B %H:%M"))
                        : g_strdup (_("not scheduled"));
  networks = rounds_networks_get_label (rounds_post_get_networks (self->post));
  status = g_utf8_strdown (rounds_post_status_get_label (rounds_post_get_status (self->post)), -1);
  if (rounds_post_get_status (self->post) == ROUNDS_POST_STATUS_FAILED &&
      rounds_post_get_last_error (self->post) != NULL)
    {
      /* TRANSLATORS: a failed post's status and the network's own words */
      g_autofree char *with_error = g_strdup_printf (_("%s: %s"), status,
                                                     rounds_post_get_last_error (self->post));
      g_free (status);
      status = g_steal_pointer (&with_error);
    }
  if (self->problems > 0)
    problems = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d problem", "%d problems",
                                             self->problems), self->problems);
  else if (self->problems == 0)
    problems = g_strdup (_("no problems found"));
  else
    problems = g_strdup (_("not checked yet"));

  /* TRANSLATORS: a calendar chip for screen readers: title, time,
   * networks, status, problems found by the compliance check */
  label = g_strdup_printf (_("%s, %s, %s, %s, %s"), title, when, networks, status, problems);
  if (self->recurring)
    {
      g_autofree char *with_repeat = g_strdup_printf (_("%s, repeats"), label);
      g_free (label);
      label = g_steal_pointer (&with_repeat);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  /* The tooltip says the same; it is made when asked for (setting tooltip
   * text on every rebind costs more than the rest of the chip). */
  g_free (self->label);
  self->label = g_steal_pointer (&label);
}

static gboolean
on_query_tooltip_cb (GtkWidget          *widget,
                     int                 x,
                     int                 y,
                     gboolean            keyboard,
                     GtkTooltip         *tooltip,
                     RoundsCalendarChip *self)
{
  if (self->label == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, self->label);
  return TRUE;
}

static GdkContentProvider *
on_drag_prepare_cb (GtkDragSource      *source,
                    double              x,
                    double              y,
                    RoundsCalendarChip *self)
{
  if (self->post == NULL)
    return NULL;

  return gdk_content_provider_new_typed (ROUNDS_TYPE_POST, self->post);
}

static void
on_drag_begin_cb (GtkDragSource      *source,
                  GdkDrag            *drag,
                  RoundsCalendarChip *self)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (self));

  dragged = self;
  gtk_drag_source_set_icon (source, paintable, 8, 8);
  gtk_widget_add_css_class (GTK_WIDGET (self), "dragged");
}

static void
on_drag_end_cb (GtkDragSource      *source,
                GdkDrag            *drag,
                gboolean            delete_data,
                RoundsCalendarChip *self)
{
  if (dragged == self)
    dragged = NULL;
  gtk_widget_remove_css_class (GTK_WIDGET (self), "dragged");
}

static void
rounds_calendar_chip_dispose (GObject *object)
{
  RoundsCalendarChip *self = ROUNDS_CALENDAR_CHIP (object);

  if (dragged == self)
    dragged = NULL;
  if (self->event != NULL)
    g_clear_signal_handler (&self->problems_handler, self->event);
  g_clear_object (&self->event);
  g_clear_object (&self->post);
  g_clear_pointer (&self->tz, g_time_zone_unref);
  g_clear_pointer (&self->status_class, g_free);
  g_clear_pointer (&self->label, g_free);

  G_OBJECT_CLASS (rounds_calendar_chip_parent_class)->dispose (object);
}

static void
rounds_calendar_chip_class_init (RoundsCalendarChipClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rounds_calendar_chip_dispose;
  gtk_widget_class_set_css_name (widget_class, "button");
}

static void
rounds_calendar_chip_init (RoundsCalendarChip *self)
{
  GtkWidget *lines = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkDragSource *source = gtk_drag_source_new ();

  gtk_widget_add_css_class (GTK_WIDGET (self), "calendar-chip");
  gtk_widget_add_css_class (GTK_WIDGET (self), "flat");
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), TRUE);

  self->networks_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->networks_label, "chip-networks");
  self->title_label = gtk_label_new (NULL);
  gtk_label_set_ellipsize (GTK_LABEL (self->title_label), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (self->title_label), 0);
  gtk_widget_set_hexpand (self->title_label, TRUE);
  gtk_label_set_width_chars (GTK_LABEL (self->title_label), 3);
  /* Natural width stays small: a chip never asks its cell (or the drafts
   * pane) for room to show a whole title. */
  gtk_label_set_max_width_chars (GTK_LABEL (self->title_label), 22);
  self->repeat_icon = gtk_image_new_from_icon_name ("media-playlist-repeat-symbolic");
  gtk_image_set_pixel_size (GTK_IMAGE (self->repeat_icon), 12);
  gtk_widget_set_visible (self->repeat_icon, FALSE);
  self->warning_icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  gtk_image_set_pixel_size (GTK_IMAGE (self->warning_icon), 12);
  gtk_widget_add_css_class (self->warning_icon, "warning");
  gtk_widget_set_visible (self->warning_icon, FALSE);
  self->state_icon = gtk_image_new ();
  gtk_image_set_pixel_size (GTK_IMAGE (self->state_icon), 12);
  gtk_widget_set_visible (self->state_icon, FALSE);

  self->line_label = gtk_label_new (NULL);
  gtk_label_set_ellipsize (GTK_LABEL (self->line_label), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (self->line_label), 0);
  gtk_label_set_width_chars (GTK_LABEL (self->line_label), 3);
  gtk_label_set_max_width_chars (GTK_LABEL (self->line_label), 22);
  gtk_widget_set_visible (self->line_label, FALSE);

  gtk_box_append (GTK_BOX (box), self->state_icon);
  gtk_box_append (GTK_BOX (box), self->warning_icon);
  gtk_box_append (GTK_BOX (box), self->title_label);
  gtk_box_append (GTK_BOX (box), self->repeat_icon);
  gtk_box_append (GTK_BOX (box), self->networks_label);
  gtk_box_append (GTK_BOX (lines), box);
  gtk_box_append (GTK_BOX (lines), self->line_label);
  gtk_button_set_child (GTK_BUTTON (self), lines);

  self->problems = -1;
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip_cb), self);

  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (on_drag_prepare_cb), self);
  g_signal_connect (source, "drag-begin", G_CALLBACK (on_drag_begin_cb), self);
  g_signal_connect (source, "drag-end", G_CALLBACK (on_drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (source));
}

GtkWidget *
rounds_calendar_chip_new (void)
{
  return g_object_new (ROUNDS_TYPE_CALENDAR_CHIP, NULL);
}

static const char *
status_class_for (RoundsPostStatus status)
{
  static const char * const classes[] = {
    "status-draft", "status-in-review", "status-approved", "status-scheduled", "status-due",
    "status-publishing", "status-published", "status-failed", "status-cancelled",
  };

  return status <= ROUNDS_POST_STATUS_LAST ? classes[status] : "status-draft";
}

/**
 * rounds_calendar_chip_set_item:
 * @when: the occurrence shown (0: an unscheduled draft)
 * @problems: findings of the compliance check, -1 when not known yet
 *
 * Rebinds a (recycled) chip to a post.
 */
void
rounds_calendar_chip_set_item (RoundsCalendarChip *self,
                               RoundsPost         *post,
                               gint64              when,
                               gboolean            recurring,
                               GTimeZone          *tz,
                               int                 problems)
{
  g_autofree char *time = NULL;
  g_autofree char *title = NULL;
  g_autofree char *networks = NULL;
  const char *status_class;

  g_return_if_fail (ROUNDS_IS_CALENDAR_CHIP (self));
  g_return_if_fail (ROUNDS_IS_POST (post));

  g_set_object (&self->post, post);
  self->when = when;
  self->recurring = recurring;
  self->problems = problems;
  if (self->tz != tz)
    {
      g_clear_pointer (&self->tz, g_time_zone_unref);
      self->tz = g_time_zone_ref (tz);
    }

  time = when > 0 ? rounds_time_format (tz, when, "%H:%M") : g_strdup ("");
  title = rounds_post_dup_display_title (post);
  networks = rounds_calendar_network_abbreviations (rounds_post_get_networks (post));

  /* Time and title in one label (one text layout to measure): the time
   * in bold through attributes, not markup. */
  {
    /* A chip shows a few words: do not shape a whole post to ellipsize it. */
    g_autofree char *shown = g_utf8_strlen (title, -1) > 40 ? g_utf8_substring (title, 0, 40)
                                                            : g_strdup (title);
    g_autofree char *text = NULL;

    if (self->stacked)
      text = g_strdup (when > 0 ? time : "");
    else
      text = when > 0 ? g_strdup_printf ("%s %s", time, shown) : g_strdup (shown);
    gtk_label_set_label (GTK_LABEL (self->line_label), self->stacked ? shown : "");
    gtk_widget_set_visible (self->line_label, self->stacked);

    /* New attributes make the label lay its text out again, even when
     * they are the same: set them only when the bold part changes. */
    if (self->bold_end != (when > 0 ? strlen (time) : 0))
      {
        PangoAttrList *attrs = pango_attr_list_new ();

        self->bold_end = when > 0 ? strlen (time) : 0;
        if (self->bold_end > 0)
          {
            PangoAttribute *bold = pango_attr_weight_new (PANGO_WEIGHT_BOLD);

            bold->start_index = 0;
            bold->end_index = self->bold_end;
            pango_attr_list_insert (attrs, bold);
          }
        gtk_label_set_attributes (GTK_LABEL (self->title_label), attrs);
        pango_attr_list_unref (attrs);
      }
    gtk_label_set_label (GTK_LABEL (self->title_label), text);
  }
  gtk_label_set_label (GTK_LABEL (self->networks_label), networks);
  gtk_widget_set_visible (self->repeat_icon, recurring);
  gtk_widget_set_visible (self->warning_icon, problems > 0);

  /* How publishing went, at a glance (the colour says it too). */
  switch (rounds_post_get_status (post))
    {
    case ROUNDS_POST_STATUS_PUBLISHING:
      gtk_image_set_from_icon_name (GTK_IMAGE (self->state_icon), "mail-send-symbolic");
      gtk_widget_set_visible (self->state_icon, TRUE);
      break;
    case ROUNDS_POST_STATUS_PUBLISHED:
      gtk_image_set_from_icon_name (GTK_IMAGE (self->state_icon), "object-select-symbolic");
      gtk_widget_set_visible (self->state_icon, TRUE);
      break;
    case ROUNDS_POST_STATUS_FAILED:
      gtk_image_set_from_icon_name (GTK_IMAGE (self->state_icon), "dialog-error-symbolic");
      gtk_widget_set_visible (self->state_icon, TRUE);
      break;
    default:
      gtk_widget_set_visible (self->state_icon, FALSE);
      break;
    }

  status_class = status_class_for (rounds_post_get_status (post));
  if (g_strcmp0 (status_class, self->status_class) != 0)
    {
      if (self->status_class != NULL)
        gtk_widget_remove_css_class (GTK_WIDGET (self), self->status_class);
      g_free (self->status_class);
      self->status_class = g_strdup (status_class);
      gtk_widget_add_css_class (GTK_WIDGET (self), status_class);
    }

  update_accessible (self);
}

void
rounds_calendar_chip_set_problems (RoundsCalendarChip *self,
                                   int                 problems)
{
  g_return_if_fail (ROUNDS_IS_CALENDAR_CHIP (self));

  if (self->problems == problems)
    return;
  self->problems = problems;
  gtk_widget_set_visible (self->warning_icon, problems > 0);
  update_accessible (self);
}

static void
on_event_problems_cb (RoundsCalendarChip  *self,
                      GParamSpec          *pspec,
                      RoundsCalendarEvent *event)
{
  rounds_calendar_chip_set_problems (self, rounds_calendar_event_get_problems (event));
}

/**
 * rounds_calendar_chip_set_event:
 *
 * Rebinds a (recycled) chip to an event, and keeps its problem mark in
 * step with the event's.
 */
void
rounds_calendar_chip_set_event (RoundsCalendarChip  *self,
                                RoundsCalendarEvent *event,
                                GTimeZone           *tz)
{
  g_return_if_fail (ROUNDS_IS_CALENDAR_CHIP (self));
  g_return_if_fail (ROUNDS_IS_CALENDAR_EVENT (event));

  if (self->event != event)
    {
      if (self->event != NULL)
        g_clear_signal_handler (&self->problems_handler, self->event);
      g_set_object (&self->event, event);
      self->problems_handler =
        g_signal_connect_object (event, "notify::problems", G_CALLBACK (on_event_problems_cb),
                                 self, G_CONNECT_SWAPPED);
    }
  rounds_calendar_chip_set_item (self, rounds_calendar_event_get_post (event),
                                 rounds_calendar_event_get_when (event),
                                 rounds_calendar_event_get_recurring (event), tz,
                                 rounds_calendar_event_get_problems (event));
}

/**
 * rounds_calendar_chip_set_stacked:
 *
 * Puts the title on a line of its own, under the time, the marks and the
 * networks (for a narrow month cell, where one line leaves the title
 * three letters). Takes effect at the next rebind.
 */
void
rounds_calendar_chip_set_stacked (RoundsCalendarChip *self,
                                  gboolean            stacked)
{
  g_return_if_fail (ROUNDS_IS_CALENDAR_CHIP (self));

  self->stacked = !!stacked;
  /* Stacked, the first line holds the time alone: a label that needs no
   * ellipsizing measures with one layout instead of several. */
  gtk_label_set_ellipsize (GTK_LABEL (self->title_label),
                           self->stacked ? PANGO_ELLIPSIZE_NONE : PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (self->title_label), self->stacked ? -1 : 3);
  gtk_label_set_max_width_chars (GTK_LABEL (self->title_label), self->stacked ? -1 : 22);
  gtk_widget_set_hexpand (self->title_label, !self->stacked);
  gtk_widget_set_hexpand (self->networks_label, self->stacked);
  gtk_label_set_xalign (GTK_LABEL (self->networks_label), self->stacked ? 1.0f : 0.5f);
  if (self->stacked)
    gtk_widget_add_css_class (GTK_WIDGET (self), "stacked");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "stacked");
}

/**
 * rounds_calendar_chip_get_title_label:
 *
 * Returns: (transfer none): the label that shows the post's title (for
 *   tests: how much of it a user sees).
 */
GtkLabel *
rounds_calendar_chip_get_title_label (RoundsCalendarChip *self)
{
  g_return_val_if_fail (ROUNDS_IS_CALENDAR_CHIP (self), NULL);
  return GTK_LABEL (self->stacked ? self->line_label : self->title_label);
}

RoundsPost *
rounds_calendar_chip_get_post (RoundsCalendarChip *self)
{
  g_return_val_if_fail (ROUNDS_IS_CALENDAR_CHIP (self), NULL);
  return self->post;
}

gint64
rounds_calendar_chip_get_when (RoundsCalendarChip *self)
{
  g_return_val_if_fail (ROUNDS_IS_CALENDAR_CHIP (self), 0);
  return self->when;
}

gboolean
rounds_calendar_chip_get_recurring (RoundsCalendarChip *self)
{
  g_return_val_if_fail (ROUNDS_IS_CALENDAR_CHIP (self), FALSE);
  return self->recurring;
}

/**
 * rounds_calendar_chip_get_label:
 *
 * Returns: (nullable): what the chip says to a screen reader (and in its
 *   tooltip): "Flu shot reminder, Tuesday 14 October 09:00, Facebook,
 *   scheduled, 1 problem".
 */
const char *
rounds_calendar_chip_get_label (RoundsCalendarChip *self)
{
  g_return_val_if_fail (ROUNDS_IS_CALENDAR_CHIP (self), NULL);
  return self->label;
}

/**
 * rounds_calendar_chip_get_dragged:
 *
 * Returns: (transfer none) (nullable): the chip being dragged, if a drag
 *   started in this process (so a drop knows which occurrence it was).
 */
RoundsCalendarChip *
rounds_calendar_chip_get_dragged (void)
{
  return dragged;
}
