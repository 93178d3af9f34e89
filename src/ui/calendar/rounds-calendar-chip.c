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
#include "rounds-text-line.h"
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

  /* RoundsChipText, not GtkLabel: see above. */
  GtkWidget  *networks_label;
  GtkWidget  *title_label;   /* time and title, or the time alone when stacked */
  GtkWidget  *line_label;    /* the title on a line of its own when stacked */
  GtkWidget  *repeat_icon;
  GtkWidget  *warning_icon;
  GtkWidget  *state_icon;    /* publishing, published, failed */
};

/* One line of a chip's text (its time, its title, its networks), drawn
 * from one PangoLayout kept between frames (RoundsTextLine): a month step
 * changes the text of up to 126 chips, and a GtkLabel shapes a new text
 * three or four times to measure it. An ellipsized line asks for
 * @width_chars letters at least; its natural width is its text's, at most
 * @max_width_chars letters. Its text is shaped once when it changes and
 * once more for the width it is given. It says nothing to a screen
 * reader: the chip's accessible label carries the whole text. */

#define ROUNDS_TYPE_CHIP_TEXT (rounds_chip_text_get_type ())
G_DECLARE_FINAL_TYPE (RoundsChipText, rounds_chip_text, ROUNDS, CHIP_TEXT, GtkWidget)

struct _RoundsChipText
{
  GtkWidget      parent_instance;

  RoundsTextLine line;
  gboolean       ellipsize;
  int            width_chars;
  int            max_width_chars;
  float          xalign;
};

G_DEFINE_FINAL_TYPE (RoundsChipText, rounds_chip_text, GTK_TYPE_WIDGET)

static void
rounds_chip_text_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  RoundsChipText *self = ROUNDS_CHIP_TEXT (widget);
  int text_width;

  rounds_text_line_get_layout (&self->line, widget);
  if (orientation == GTK_ORIENTATION_VERTICAL)
    {
      *minimum = *natural = self->line.line_height;
      *minimum_baseline = *natural_baseline = self->line.ascent;
      return;
    }

  text_width = rounds_text_line_get_width (&self->line, widget);
  if (!self->ellipsize)
    {
      *minimum = *natural = text_width;
      return;
    }
  *minimum = MIN (text_width, MAX (self->width_chars, 0) * self->line.char_width);
  *natural = self->max_width_chars >= 0
               ? MIN (text_width, MAX (*minimum, self->max_width_chars * self->line.char_width))
               : text_width;
}

static void
rounds_chip_text_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  RoundsChipText *self = ROUNDS_CHIP_TEXT (widget);

  rounds_text_line_snapshot (&self->line, widget, snapshot, self->ellipsize, self->xalign);
}

static void
rounds_chip_text_finalize (GObject *object)
{
  RoundsChipText *self = ROUNDS_CHIP_TEXT (object);

  rounds_text_line_clear (&self->line);

  G_OBJECT_CLASS (rounds_chip_text_parent_class)->finalize (object);
}

static void
rounds_chip_text_class_init (RoundsChipTextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = rounds_chip_text_finalize;
  widget_class->measure = rounds_chip_text_measure;
  widget_class->snapshot = rounds_chip_text_snapshot;
  /* Styled as the labels it replaces. */
  gtk_widget_class_set_css_name (widget_class, "label");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PRESENTATION);
}

static void
rounds_chip_text_init (RoundsChipText *self)
{
  rounds_text_line_init (&self->line);
  self->width_chars = -1;
  self->max_width_chars = -1;
  self->xalign = 0.5f;
}

static GtkWidget *
rounds_chip_text_new (void)
{
  return g_object_new (ROUNDS_TYPE_CHIP_TEXT, NULL);
}

static void
rounds_chip_text_set_text (RoundsChipText *self,
                           const char     *text)
{
  if (!rounds_text_line_set_text (&self->line, text))
    return;
  /* The height does not depend on the text; the width does, unless it is
   * ellipsized in a parent that gives it its room (a month cell) — GTK
   * has no way to know that, so ask. A resize with an unchanged size
   * costs the measuring above, without the shaping a label does. */
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
rounds_chip_text_set_attributes (RoundsChipText *self,
                                 PangoAttrList  *attrs)
{
  rounds_text_line_set_attributes (&self->line, attrs);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
rounds_chip_text_set_ellipsize (RoundsChipText *self,
                                gboolean        ellipsize,
                                int             width_chars,
                                int             max_width_chars)
{
  self->ellipsize = ellipsize;
  self->width_chars = width_chars;
  self->max_width_chars = max_width_chars;
  rounds_text_line_invalidate (&self->line);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
rounds_chip_text_set_xalign (RoundsChipText *self,
                             float           xalign)
{
  self->xalign = xalign;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

G_DEFINE_FINAL_TYPE (RoundsCalendarChip, rounds_calendar_chip, GTK_TYPE_BUTTON)

static RoundsCalendarChip *dragged;
static guint n_binds;

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

  self->networks_label = rounds_chip_text_new ();
  gtk_widget_add_css_class (self->networks_label, "chip-networks");
  self->title_label = rounds_chip_text_new ();
  /* Natural width stays small: a chip never asks its cell (or the drafts
   * pane) for room to show a whole title. */
  rounds_chip_text_set_ellipsize (ROUNDS_CHIP_TEXT (self->title_label), TRUE, 3, 22);
  rounds_chip_text_set_xalign (ROUNDS_CHIP_TEXT (self->title_label), 0);
  gtk_widget_set_hexpand (self->title_label, TRUE);
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

  self->line_label = rounds_chip_text_new ();
  rounds_chip_text_set_ellipsize (ROUNDS_CHIP_TEXT (self->line_label), TRUE, 3, 22);
  rounds_chip_text_set_xalign (ROUNDS_CHIP_TEXT (self->line_label), 0);
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

  n_binds++;
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
    rounds_chip_text_set_text (ROUNDS_CHIP_TEXT (self->line_label), self->stacked ? shown : "");
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
        rounds_chip_text_set_attributes (ROUNDS_CHIP_TEXT (self->title_label), attrs);
        pango_attr_list_unref (attrs);
      }
    rounds_chip_text_set_text (ROUNDS_CHIP_TEXT (self->title_label), text);
  }
  rounds_chip_text_set_text (ROUNDS_CHIP_TEXT (self->networks_label), networks);
  gtk_widget_set_visible (self->repeat_icon, recurring);
  gtk_widget_set_visible (self->warning_icon, problems > 0);

  /* How publishing went, at a glance (the colour says it too). A new
   * icon only when it changes: setting one looks it up again. */
  {
    const char *icon = NULL;

    switch (rounds_post_get_status (post))
      {
      case ROUNDS_POST_STATUS_PUBLISHING:
        icon = "mail-send-symbolic";
        break;
      case ROUNDS_POST_STATUS_PUBLISHED:
        icon = "object-select-symbolic";
        break;
      case ROUNDS_POST_STATUS_FAILED:
        icon = "dialog-error-symbolic";
        break;
      default:
        break;
      }
    if (icon != NULL && g_strcmp0 (gtk_image_get_icon_name (GTK_IMAGE (self->state_icon)), icon) != 0)
      gtk_image_set_from_icon_name (GTK_IMAGE (self->state_icon), icon);
    gtk_widget_set_visible (self->state_icon, icon != NULL);
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
  /* Stacked, the first line holds the time alone, never ellipsized. */
  rounds_chip_text_set_ellipsize (ROUNDS_CHIP_TEXT (self->title_label), !self->stacked,
                                  self->stacked ? -1 : 3, self->stacked ? -1 : 22);
  gtk_widget_set_hexpand (self->title_label, !self->stacked);
  gtk_widget_set_hexpand (self->networks_label, self->stacked);
  rounds_chip_text_set_xalign (ROUNDS_CHIP_TEXT (self->networks_label), self->stacked ? 1.0f : 0.5f);
  if (self->stacked)
    gtk_widget_add_css_class (GTK_WIDGET (self), "stacked");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "stacked");
}

/**
 * rounds_calendar_chip_get_title_widget:
 *
 * Returns: (transfer none): the widget that shows the post's title (for
 *   tests: how much of it a user sees, with
 *   rounds_calendar_chip_get_title_text() and _get_title_attributes()).
 */
GtkWidget *
rounds_calendar_chip_get_title_widget (RoundsCalendarChip *self)
{
  g_return_val_if_fail (ROUNDS_IS_CALENDAR_CHIP (self), NULL);
  return self->stacked ? self->line_label : self->title_label;
}

/**
 * rounds_calendar_chip_get_title_text:
 *
 * Returns: the whole text of the title's line, before ellipsizing (with
 *   the time in front unless the chip is stacked).
 */
const char *
rounds_calendar_chip_get_title_text (RoundsCalendarChip *self)
{
  RoundsChipText *text;

  g_return_val_if_fail (ROUNDS_IS_CALENDAR_CHIP (self), NULL);
  text = ROUNDS_CHIP_TEXT (rounds_calendar_chip_get_title_widget (self));
  return text->line.text != NULL ? text->line.text : "";
}

/**
 * rounds_calendar_chip_get_title_attributes:
 *
 * Returns: (transfer none) (nullable): the title line's Pango attributes
 *   (the time in bold).
 */
PangoAttrList *
rounds_calendar_chip_get_title_attributes (RoundsCalendarChip *self)
{
  g_return_val_if_fail (ROUNDS_IS_CALENDAR_CHIP (self), NULL);
  return ROUNDS_CHIP_TEXT (rounds_calendar_chip_get_title_widget (self))->line.attrs;
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

/**
 * _rounds_calendar_chip_get_n_binds:
 *
 * Returns: how many times a chip was bound to a post in this process
 *   (for tests: what one change costs the views).
 */
guint
_rounds_calendar_chip_get_n_binds (void)
{
  return n_binds;
}
