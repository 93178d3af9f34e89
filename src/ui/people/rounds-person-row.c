/* rounds-person-row.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-ui"

#include "config.h"

#include "rounds-person-row.h"

/* One person in the header's person menu (RoundsPersonButton), bound to
 * its RoundsPerson: the name follows the person, the role is the
 * subtitle, and a check marks the person at the desk. */

struct _RoundsPersonRow
{
  AdwActionRow  parent_instance;

  /* template widgets */
  GtkImage     *check;

  /* owned */
  RoundsPerson *person;
};

G_DEFINE_FINAL_TYPE (RoundsPersonRow, rounds_person_row, ADW_TYPE_ACTION_ROW)

static void
rounds_person_row_dispose (GObject *object)
{
  RoundsPersonRow *self = ROUNDS_PERSON_ROW (object);

  g_clear_object (&self->person);

  G_OBJECT_CLASS (rounds_person_row_parent_class)->dispose (object);
}

static void
rounds_person_row_class_init (RoundsPersonRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rounds_person_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/roundsapp/Rounds/ui/rounds-person-row.ui");
  gtk_widget_class_bind_template_child (widget_class, RoundsPersonRow, check);
}

static void
rounds_person_row_init (RoundsPersonRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
rounds_person_row_new (RoundsPerson *person)
{
  RoundsPersonRow *self;

  g_return_val_if_fail (ROUNDS_IS_PERSON (person), NULL);

  self = g_object_new (ROUNDS_TYPE_PERSON_ROW, NULL);
  self->person = g_object_ref (person);
  g_object_bind_property (person, "name", self, "title", G_BINDING_SYNC_CREATE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self),
                               rounds_person_role_get_label (rounds_person_get_role (person)));
  return GTK_WIDGET (self);
}

/**
 * rounds_person_row_get_person:
 *
 * Returns: (transfer none): the person the row shows
 */
RoundsPerson *
rounds_person_row_get_person (RoundsPersonRow *self)
{
  g_return_val_if_fail (ROUNDS_IS_PERSON_ROW (self), NULL);

  return self->person;
}

void
rounds_person_row_set_at_desk (RoundsPersonRow *self,
                               gboolean         at_desk)
{
  g_return_if_fail (ROUNDS_IS_PERSON_ROW (self));

  gtk_widget_set_opacity (GTK_WIDGET (self->check), at_desk ? 1.0 : 0.0);
}
