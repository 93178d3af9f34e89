/* rounds-person-button.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "rounds-person-button.h"
#include "rounds-person-row.h"

/* The header's "who is at this computer" menu (issue 20): a compact
 * button with the person's name; its menu lists the practice's active
 * people and switches the person at the desk, whose name then goes
 * into the audit log. Hidden while the practice has no people. Switching
 * takes no PIN: approving does (rounds-pin-dialog.c). */

struct _RoundsPersonButton
{
  GtkWidget           parent_instance;

  /* template widgets */
  GtkMenuButton      *menu_button;
  AdwSqueezer        *squeezer;
  GtkLabel           *name_label;
  GtkLabel           *short_label;
  GtkPopover         *popover;
  GtkListBox         *list_box;

  /* owned */
  RoundsStore        *store;
  GtkFilterListModel *active;
  GtkCustomFilter    *filter;   /* active people only */
};

G_DEFINE_FINAL_TYPE (RoundsPersonButton, rounds_person_button, GTK_TYPE_WIDGET)

static void
update (RoundsPersonButton *self)
{
  RoundsPerson *desk = self->store != NULL ? rounds_store_get_desk_person (self->store) : NULL;
  g_autofree char *a11y = NULL;
  g_autofree char *short_name = NULL;
  GtkWidget *row;

  gtk_widget_set_visible (GTK_WIDGET (self),
                          self->store != NULL && rounds_store_has_people (self->store));

  gtk_label_set_text (self->name_label, desk != NULL ? rounds_person_get_name (desk)
                                                     : _("Choose Who You Are"));
  short_name = desk != NULL ? rounds_person_name_shorten (rounds_person_get_name (desk))
                            : g_strdup (_("Who Are You?"));
  gtk_label_set_text (self->short_label, short_name);
  /* TRANSLATORS: the header's person menu, for screen readers */
  a11y = desk != NULL ? g_strdup_printf (_("At this computer: %s. Switch person"),
                                         rounds_person_get_name (desk))
                      : g_strdup (_("Choose who is at this computer"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->menu_button), a11y);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);

  /* A check beside the person at the desk. */
  for (row = gtk_widget_get_first_child (GTK_WIDGET (self->list_box)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (ROUNDS_IS_PERSON_ROW (row))
      rounds_person_row_set_at_desk (ROUNDS_PERSON_ROW (row),
                                     rounds_person_row_get_person (ROUNDS_PERSON_ROW (row)) == desk);
}

static gboolean
is_active (gpointer item,
           gpointer user_data)
{
  return rounds_person_get_active (item);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  RoundsPersonButton *self = user_data;
  GtkWidget *row = rounds_person_row_new (item);

  rounds_person_row_set_at_desk (ROUNDS_PERSON_ROW (row),
                                 item == rounds_store_get_desk_person (self->store));
  return row;
}

static void
on_row_activated_cb (RoundsPersonButton *self,
                     GtkListBoxRow      *row)
{
  RoundsPerson *person;
  g_autoptr(GError) error = NULL;

  if (!ROUNDS_IS_PERSON_ROW (row) || self->store == NULL)
    return;
  person = rounds_person_row_get_person (ROUNDS_PERSON_ROW (row));
  /* On a practice server a person with a login of their own signs in
   * with it (the application opens the practice again as them, or asks
   * for their password): the server then lets them do what their role
   * allows, whoever sat here before. */
  if (rounds_store_is_on_server (self->store) && rounds_person_get_login (person) != NULL &&
      person != rounds_store_get_desk_person (self->store))
    {
      gtk_popover_popdown (self->popover);
      gtk_widget_activate_action (GTK_WIDGET (self), "app.sign-in-as", "s",
                                  rounds_person_get_login (person));
      return;
    }
  if (!rounds_store_set_desk_person (self->store, rounds_person_get_id (person), &error))
    g_warning ("Could not switch the person at the desk: %s", error->message);
  gtk_popover_popdown (self->popover);
  update (self);
}

/* The store reports any change to its people as the whole list
 * changing: someone who left drops out, a new name shows. */
static void
on_people_changed_cb (RoundsPersonButton *self)
{
  if (self->filter != NULL)
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update (self);
}

static void
rounds_person_button_dispose (GObject *object)
{
  RoundsPersonButton *self = ROUNDS_PERSON_BUTTON (object);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->active);
  g_clear_object (&self->filter);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), ROUNDS_TYPE_PERSON_BUTTON);

  G_OBJECT_CLASS (rounds_person_button_parent_class)->dispose (object);
}

static void
rounds_person_button_class_init (RoundsPersonButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rounds_person_button_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/roundsapp/Rounds/ui/rounds-person-button.ui");
  gtk_widget_class_bind_template_child (widget_class, RoundsPersonButton, menu_button);
  gtk_widget_class_bind_template_child (widget_class, RoundsPersonButton, squeezer);
  gtk_widget_class_bind_template_child (widget_class, RoundsPersonButton, name_label);
  gtk_widget_class_bind_template_child (widget_class, RoundsPersonButton, short_label);
  gtk_widget_class_bind_template_child (widget_class, RoundsPersonButton, popover);
  gtk_widget_class_bind_template_child (widget_class, RoundsPersonButton, list_box);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
rounds_person_button_init (RoundsPersonButton *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update (self);
}

GtkWidget *
rounds_person_button_new (void)
{
  return g_object_new (ROUNDS_TYPE_PERSON_BUTTON, NULL);
}

/**
 * rounds_person_button_set_store:
 * @store: (nullable): the practice whose people to offer
 */
void
rounds_person_button_set_store (RoundsPersonButton *self,
                                RoundsStore        *store)
{
  g_return_if_fail (ROUNDS_IS_PERSON_BUTTON (self));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  gtk_list_box_bind_model (self->list_box, NULL, NULL, NULL, NULL);
  g_clear_object (&self->active);
  g_clear_object (&self->filter);
  g_set_object (&self->store, store);

  if (store != NULL)
    {
      GListModel *people = rounds_store_get_people (store);

      self->filter = gtk_custom_filter_new (is_active, NULL, NULL);
      self->active = gtk_filter_list_model_new (g_object_ref (people),
                                                g_object_ref (GTK_FILTER (self->filter)));
      gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->active), create_row, self, NULL);
      g_signal_connect_swapped (store, "notify::actor", G_CALLBACK (update), self);
      g_signal_connect_object (people, "items-changed", G_CALLBACK (on_people_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }
  update (self);
}

/**
 * rounds_person_button_get_shown_name:
 *
 * Returns: (transfer none): the label the button shows now (the whole
 *   name or its short form), for tests: what a user reads.
 */
GtkLabel *
rounds_person_button_get_shown_name (RoundsPersonButton *self)
{
  g_return_val_if_fail (ROUNDS_IS_PERSON_BUTTON (self), NULL);
  return GTK_LABEL (adw_squeezer_get_visible_child (self->squeezer));
}
