/* rounds-posts-cell.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-posts-page"

#include "config.h"

#include <glib/gi18n.h>

#include "rounds-posts-cell.h"
#include "rounds-time.h"

/* A cell of the Posts list, bound to its post by the column's list item
 * factory: the title (which also says the whole row to a screen reader),
 * the status as a coloured pill, the time in practice time, or the
 * networks. It follows the post's changes while bound. */

struct _RoundsPostsCell
{
  AdwBin             parent_instance;

  RoundsPostsColumn  column;
  RoundsPost        *post;
  GTimeZone         *tz;
  RoundsClock       *clock;
  gulong             notify_handler;

  GtkLabel          *label;
};

G_DEFINE_FINAL_TYPE (RoundsPostsCell, rounds_posts_cell, ADW_TYPE_BIN)

static void
update_title (RoundsPostsCell *self)
{
  RoundsPost *post = self->post;
  g_autofree char *title = rounds_post_dup_display_title (post);
  g_autofree char *networks = rounds_networks_get_label (rounds_post_get_networks (post));
  g_autofree char *when = NULL;
  g_autofree char *description = NULL;

  if (rounds_post_get_scheduled_at (post) > 0 && self->tz != NULL)
    when = rounds_time_format (self->tz, rounds_post_get_scheduled_at (post), "%A %-d %B %H:%M");
  else
    when = g_strdup (_("not scheduled"));

  /* TRANSLATORS: read by screen readers for a row of the posts list:
   * title, time, networks, status */
  description = g_strdup_printf (_("%s, %s, %s, %s"), title, when, networks,
                                 rounds_post_status_get_label (rounds_post_get_status (post)));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->label), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  description, -1);
  gtk_label_set_text (self->label, title);
}

static void
update_status (RoundsPostsCell *self)
{
  static const char * const classes[] = { "draft", "in-review", "approved", "scheduled", "due",
                                          "publishing", "published", "failed", "cancelled" };
  RoundsPostStatus status = rounds_post_get_status (self->post);
  g_autofree char *css = g_strconcat ("status-", classes[status], NULL);

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    {
      g_autofree char *c = g_strconcat ("status-", classes[i], NULL);
      gtk_widget_remove_css_class (GTK_WIDGET (self->label), c);
    }
  gtk_widget_add_css_class (GTK_WIDGET (self->label), css);
  gtk_label_set_text (self->label, rounds_post_status_get_label (status));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->label), rounds_post_get_last_error (self->post));
}

static void
update_time (RoundsPostsCell *self)
{
  gint64 when = rounds_post_get_scheduled_at (self->post);

  if (when == 0 || self->tz == NULL || self->clock == NULL)
    {
      gtk_label_set_text (self->label, _("Not scheduled"));
      gtk_widget_add_css_class (GTK_WIDGET (self->label), "dim-label");
    }
  else
    {
      g_autofree char *text = rounds_time_format_short (self->tz, when,
                                                        rounds_clock_get_now (self->clock));

      gtk_label_set_text (self->label, text);
      gtk_widget_remove_css_class (GTK_WIDGET (self->label), "dim-label");
    }
}

static void
update_networks (RoundsPostsCell *self)
{
  g_autofree char *text = rounds_networks_get_label (rounds_post_get_networks (self->post));

  gtk_label_set_text (self->label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->label), text);
}

static void
update (RoundsPostsCell *self)
{
  if (self->post == NULL)
    return;

  switch (self->column)
    {
    case ROUNDS_POSTS_COLUMN_TITLE:
      update_title (self);
      break;
    case ROUNDS_POSTS_COLUMN_STATUS:
      update_status (self);
      break;
    case ROUNDS_POSTS_COLUMN_TIME:
      update_time (self);
      break;
    case ROUNDS_POSTS_COLUMN_NETWORKS:
      update_networks (self);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
rounds_posts_cell_dispose (GObject *object)
{
  rounds_posts_cell_unbind (ROUNDS_POSTS_CELL (object));

  G_OBJECT_CLASS (rounds_posts_cell_parent_class)->dispose (object);
}

static void
rounds_posts_cell_class_init (RoundsPostsCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rounds_posts_cell_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/rounds-posts-cell.ui");
  gtk_widget_class_bind_template_child (widget_class, RoundsPostsCell, label);
}

static void
rounds_posts_cell_init (RoundsPostsCell *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
rounds_posts_cell_new (RoundsPostsColumn column)
{
  RoundsPostsCell *self = g_object_new (ROUNDS_TYPE_POSTS_CELL, NULL);

  self->column = column;
  if (column == ROUNDS_POSTS_COLUMN_STATUS)
    {
      gtk_widget_set_halign (GTK_WIDGET (self->label), GTK_ALIGN_START);
      gtk_widget_add_css_class (GTK_WIDGET (self->label), "status-pill");
    }
  else
    {
      gtk_label_set_ellipsize (self->label, PANGO_ELLIPSIZE_END);
      gtk_widget_set_margin_top (GTK_WIDGET (self->label), 6);
      gtk_widget_set_margin_bottom (GTK_WIDGET (self->label), 6);
    }
  return GTK_WIDGET (self);
}

/**
 * rounds_posts_cell_bind:
 * @tz: (nullable): the practice's time zone
 * @clock: (nullable): what "now" is, for relative times
 */
void
rounds_posts_cell_bind (RoundsPostsCell *self,
                        RoundsPost      *post,
                        GTimeZone       *tz,
                        RoundsClock     *clock)
{
  g_return_if_fail (ROUNDS_IS_POSTS_CELL (self));
  g_return_if_fail (ROUNDS_IS_POST (post));

  rounds_posts_cell_unbind (self);
  self->post = g_object_ref (post);
  self->tz = tz != NULL ? g_time_zone_ref (tz) : NULL;
  g_set_object (&self->clock, clock);
  self->notify_handler = g_signal_connect_object (post, "notify", G_CALLBACK (update), self,
                                                  G_CONNECT_SWAPPED);
  update (self);
}

void
rounds_posts_cell_unbind (RoundsPostsCell *self)
{
  g_return_if_fail (ROUNDS_IS_POSTS_CELL (self));

  if (self->post != NULL)
    g_clear_signal_handler (&self->notify_handler, self->post);
  g_clear_object (&self->post);
  g_clear_pointer (&self->tz, g_time_zone_unref);
  g_clear_object (&self->clock);
}
