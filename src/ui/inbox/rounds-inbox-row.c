/* rounds-inbox-row.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-inbox"

#include "config.h"

#include <glib/gi18n.h>

#include "rounds-inbox-row.h"

/* One comment or review in the Inbox list (the child of a GtkListView
 * item, bound and rebound as the list scrolls): network, author, time, stars,
 * the triage chip, answered/due/overdue, and the start of the text. Its
 * accessible name says all of it in one sentence. */

struct _RoundsInboxRow
{
  AdwBin          parent_instance;

  RoundsComment  *comment;

  GtkLabel       *network_label;
  GtkLabel       *author_label;
  GtkLabel       *stars_label;
  GtkLabel       *time_label;
  GtkLabel       *kind_chip;
  GtkLabel       *state_label;
  GtkLabel       *body_label;
};

G_DEFINE_FINAL_TYPE (RoundsInboxRow, rounds_inbox_row, ADW_TYPE_BIN)

static void
set_class (GtkWidget  *widget,
           const char *prefix,
           const char *value)
{
  g_autofree char *wanted = value ? g_strdup_printf ("%s%s", prefix, value) : NULL;
  g_auto(GStrv) classes = gtk_widget_get_css_classes (widget);

  for (guint i = 0; classes[i] != NULL; i++)
    if (g_str_has_prefix (classes[i], prefix) && g_strcmp0 (classes[i], wanted) != 0)
      gtk_widget_remove_css_class (widget, classes[i]);
  if (wanted != NULL)
    gtk_widget_add_css_class (widget, wanted);
}

static void
rounds_inbox_row_dispose (GObject *object)
{
  RoundsInboxRow *self = ROUNDS_INBOX_ROW (object);

  g_clear_object (&self->comment);
  gtk_widget_dispose_template (GTK_WIDGET (self), ROUNDS_TYPE_INBOX_ROW);

  G_OBJECT_CLASS (rounds_inbox_row_parent_class)->dispose (object);
}

static void
rounds_inbox_row_class_init (RoundsInboxRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rounds_inbox_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/roundsapp/Rounds/ui/rounds-inbox-row.ui");
  gtk_widget_class_bind_template_child (widget_class, RoundsInboxRow, network_label);
  gtk_widget_class_bind_template_child (widget_class, RoundsInboxRow, author_label);
  gtk_widget_class_bind_template_child (widget_class, RoundsInboxRow, stars_label);
  gtk_widget_class_bind_template_child (widget_class, RoundsInboxRow, time_label);
  gtk_widget_class_bind_template_child (widget_class, RoundsInboxRow, kind_chip);
  gtk_widget_class_bind_template_child (widget_class, RoundsInboxRow, state_label);
  gtk_widget_class_bind_template_child (widget_class, RoundsInboxRow, body_label);
}

static void
rounds_inbox_row_init (RoundsInboxRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

RoundsInboxRow *
rounds_inbox_row_new (void)
{
  return g_object_new (ROUNDS_TYPE_INBOX_ROW, NULL);
}

/**
 * rounds_inbox_row_bind:
 * @comment: (nullable): NULL unbinds
 * @tz: the practice's time zone
 */
void
rounds_inbox_row_bind (RoundsInboxRow         *self,
                       RoundsComment          *comment,
                       const RoundsInboxFacts *facts,
                       gint64                  now,
                       GTimeZone              *tz)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *time = NULL;
  g_autofree char *stars = NULL;
  g_autofree char *state = NULL;
  g_autofree char *name = NULL;
  g_autofree char *rating_words = NULL;
  gboolean review;
  int rating;

  g_return_if_fail (ROUNDS_IS_INBOX_ROW (self));

  g_set_object (&self->comment, comment);
  if (comment == NULL)
    return;

  rating = rounds_comment_get_rating (comment);
  review = rounds_comment_get_kind (comment) == ROUNDS_COMMENT_KIND_REVIEW;
  utc = g_date_time_new_from_unix_utc (rounds_comment_get_received_at (comment));
  when = g_date_time_to_timezone (utc, tz);
  time = g_date_time_format (when, "%e %b %H:%M");
  g_strstrip (time);
  stars = _rounds_inbox_dup_stars (rating);
  state = _rounds_inbox_dup_due_text (facts, now);

  gtk_label_set_text (self->network_label, rounds_network_get_label (rounds_comment_get_network (comment)));
  gtk_label_set_text (self->author_label, rounds_comment_get_author (comment));
  gtk_label_set_text (self->stars_label, stars);
  gtk_widget_set_visible (GTK_WIDGET (self->stars_label), rating > 0);
  gtk_label_set_text (self->time_label, time);
  gtk_label_set_text (self->kind_chip, _rounds_inbox_kind_label (facts->kind));
  set_class (GTK_WIDGET (self->kind_chip), "kind-", facts->kind);
  gtk_label_set_text (self->state_label, state ? state : "");
  gtk_widget_set_visible (GTK_WIDGET (self->state_label), state != NULL);
  set_class (GTK_WIDGET (self->state_label), "state-",
             facts->answered ? "answered" : facts->overdue ? "overdue" : "due");
  gtk_label_set_text (self->body_label, rounds_comment_get_body (comment));

  if (rating > 0)
    rating_words = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, ", %d star", ", %d stars", rating),
                                    rating);
  /* TRANSLATORS: a row of the Inbox for a screen reader: "Review by Paula
   * Brandt on Google, 2 stars, Complaint, Overdue by 3 hours, 5 Dec 09:12" */
  name = g_strdup_printf (review ? _("Review by %s on %s%s, %s%s%s, %s")
                                 : _("Comment by %s on %s%s, %s%s%s, %s"),
                          rounds_comment_get_author (comment),
                          rounds_network_get_label (rounds_comment_get_network (comment)),
                          rating_words ? rating_words : "",
                          _rounds_inbox_kind_label (facts->kind),
                          state ? ", " : "", state ? state : "", time);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  /* In a GtkListView the list item a screen reader lands on is the
   * parent (GTK 4.8 has no accessible label for a GtkListItem; 4.12
   * adds one): it says the same sentence. */
  if (gtk_widget_get_parent (GTK_WIDGET (self)) != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (GTK_WIDGET (self))),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

RoundsComment *
rounds_inbox_row_get_comment (RoundsInboxRow *self)
{
  g_return_val_if_fail (ROUNDS_IS_INBOX_ROW (self), NULL);
  return self->comment;
}

const char *
rounds_inbox_row_get_chip (RoundsInboxRow *self)
{
  g_return_val_if_fail (ROUNDS_IS_INBOX_ROW (self), NULL);
  return gtk_label_get_text (self->kind_chip);
}

const char *
rounds_inbox_row_get_state (RoundsInboxRow *self)
{
  g_return_val_if_fail (ROUNDS_IS_INBOX_ROW (self), NULL);
  return gtk_label_get_text (self->state_label);
}
