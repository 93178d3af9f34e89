/* rounds-pin-dialog.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "rounds-pin-dialog.h"

/* Asks for an approver's PIN before an approval (or a manager's before
 * changing people): who, from the people allowed to, and their PIN. A
 * wrong PIN keeps the dialog open with the store's message (which says
 * when the back-off lets them try again) and clears the PIN. The store
 * checks everything; this only asks. */

struct _RoundsPinDialog
{
  AdwWindow          parent_instance;

  /* template widgets */
  AdwWindowTitle    *window_title;
  GtkButton         *accept_button;
  AdwPreferencesGroup *group;
  AdwComboRow       *person_row;
  AdwPasswordEntryRow *pin_row;
  GtkLabel          *message_label;

  /* owned */
  RoundsStore       *store;
  GtkFilterListModel *people;
  RoundsPinPurpose   purpose;
  RoundsPinDoneFunc  done;
  gpointer           user_data;
  GDestroyNotify     destroy;
};

G_DEFINE_FINAL_TYPE (RoundsPinDialog, rounds_pin_dialog, ADW_TYPE_WINDOW)

static gboolean
person_fits (gpointer item,
             gpointer user_data)
{
  RoundsPinDialog *self = user_data;

  return self->purpose == ROUNDS_PIN_PURPOSE_MANAGE ? rounds_person_can_manage (item)
                                                     : rounds_person_can_approve (item);
}

static char *
person_label (RoundsPerson *person)
{
  return g_strdup (person != NULL ? rounds_person_get_name (person) : "");
}

static void
show_message (RoundsPinDialog *self,
              const char      *message)
{
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->pin_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->pin_row), "error");
}

static void
accept (RoundsPinDialog *self)
{
  g_autoptr(RoundsPerson) person = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pin = NULL;
  gboolean ok;

  person = g_list_model_get_item (G_LIST_MODEL (self->people),
                                  adw_combo_row_get_selected (self->person_row));
  if (person == NULL)
    return;

  pin = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->pin_row)));
  if (self->purpose == ROUNDS_PIN_PURPOSE_MANAGE)
    ok = rounds_store_unlock_people (self->store, rounds_person_get_id (person), pin, &error);
  else
    ok = rounds_store_sign (self->store, rounds_person_get_id (person), pin, &error);
  gtk_editable_set_text (GTK_EDITABLE (self->pin_row), "");

  if (!ok)
    {
      show_message (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->pin_row));
      return;
    }

  /* Hide first: what runs next may open a dialog of its own. */
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  if (self->done != NULL)
    self->done (self->user_data);
  if (self->purpose == ROUNDS_PIN_PURPOSE_APPROVE)
    rounds_store_release_signature (self->store);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
accept_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  accept (ROUNDS_PIN_DIALOG (widget));
}

static void
on_pin_activated_cb (RoundsPinDialog *self)
{
  accept (self);
}

static void
on_pin_changed_cb (RoundsPinDialog *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pin.accept",
                                 gtk_editable_get_text (GTK_EDITABLE (self->pin_row))[0] != '\0' &&
                                 g_list_model_get_n_items (G_LIST_MODEL (self->people)) > 0);
}

static void
rounds_pin_dialog_dispose (GObject *object)
{
  RoundsPinDialog *self = ROUNDS_PIN_DIALOG (object);

  if (self->destroy != NULL)
    g_clear_pointer (&self->user_data, self->destroy);
  g_clear_object (&self->people);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (rounds_pin_dialog_parent_class)->dispose (object);
}

static void
rounds_pin_dialog_class_init (RoundsPinDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rounds_pin_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/roundsapp/Rounds/ui/rounds-pin-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RoundsPinDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, RoundsPinDialog, accept_button);
  gtk_widget_class_bind_template_child (widget_class, RoundsPinDialog, group);
  gtk_widget_class_bind_template_child (widget_class, RoundsPinDialog, person_row);
  gtk_widget_class_bind_template_child (widget_class, RoundsPinDialog, pin_row);
  gtk_widget_class_bind_template_child (widget_class, RoundsPinDialog, message_label);
  gtk_widget_class_bind_template_callback (widget_class, on_pin_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_pin_changed_cb);

  gtk_widget_class_install_action (widget_class, "pin.accept", NULL, accept_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rounds_pin_dialog_init (RoundsPinDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pin.accept", FALSE);
}

/**
 * rounds_pin_dialog_run:
 * @parent: a widget in the window to put the dialog over
 * @title: what is being approved ("Approve This Post")
 * @accept_label: the button ("_Approve")
 * @done: runs once the PIN was right; for an approval, the signature
 *   holds while it runs and is released after it
 *
 * Asks for a PIN when the store needs one (rounds_store_needs_signature()
 * for an approval, rounds_store_can_manage_people() for People); when it
 * does not, runs @done at once and returns %NULL.
 *
 * Returns: (transfer none) (nullable): the dialog, shown.
 */
RoundsPinDialog *
rounds_pin_dialog_run (GtkWidget         *parent,
                       RoundsStore       *store,
                       RoundsPinPurpose   purpose,
                       const char        *title,
                       const char        *accept_label,
                       RoundsPinDoneFunc  done,
                       gpointer           user_data,
                       GDestroyNotify     destroy)
{
  RoundsPinDialog *self;
  GtkCustomFilter *filter;
  g_autoptr(GtkExpression) name = NULL;
  RoundsPerson *desk;
  GtkRoot *root;

  g_return_val_if_fail (ROUNDS_IS_STORE (store), NULL);

  if (purpose == ROUNDS_PIN_PURPOSE_MANAGE ? rounds_store_can_manage_people (store)
                                           : !rounds_store_needs_signature (store))
    {
      if (done != NULL)
        done (user_data);
      if (destroy != NULL)
        destroy (user_data);
      return NULL;
    }

  self = g_object_new (ROUNDS_TYPE_PIN_DIALOG, NULL);
  self->store = g_object_ref (store);
  self->purpose = purpose;
  self->done = done;
  self->user_data = user_data;
  self->destroy = destroy;

  filter = gtk_custom_filter_new (person_fits, self, NULL);
  self->people = gtk_filter_list_model_new (g_object_ref (rounds_store_get_people (store)),
                                            GTK_FILTER (filter));
  name = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL, G_CALLBACK (person_label),
                                      NULL, NULL);
  adw_combo_row_set_expression (self->person_row, name);
  adw_combo_row_set_model (self->person_row, G_LIST_MODEL (self->people));

  adw_window_title_set_title (self->window_title, title);
  gtk_button_set_label (self->accept_button, accept_label);
  if (purpose == ROUNDS_PIN_PURPOSE_MANAGE)
    {
      adw_preferences_group_set_description (self->group,
                                             _("Only a manager can add people, change roles and "
                                               "set PINs. Enter a manager’s PIN."));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->person_row), _("Manager"));
    }
  else
    {
      adw_preferences_group_set_description (self->group,
                                             _("An approver enters their PIN. Their name goes "
                                               "into the audit log with the exact text."));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->person_row), _("Approver"));
    }

  if (g_list_model_get_n_items (G_LIST_MODEL (self->people)) == 0)
    show_message (self, purpose == ROUNDS_PIN_PURPOSE_MANAGE
                          ? _("Nobody is a manager.")
                          : _("Nobody may approve yet. A manager makes someone an approver in "
                              "Preferences → People."));

  /* The person at the desk first, when they may. */
  desk = rounds_store_get_desk_person (store);
  if (desk != NULL)
    rounds_pin_dialog_select_person (self, rounds_person_get_id (desk));

  root = parent != NULL ? gtk_widget_get_root (parent) : NULL;
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (self), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->pin_row));
  return self;
}

/**
 * rounds_pin_dialog_select_person:
 *
 * Returns: whether @person_id is among the people offered.
 */
gboolean
rounds_pin_dialog_select_person (RoundsPinDialog *self,
                                 gint64           person_id)
{
  guint n;

  g_return_val_if_fail (ROUNDS_IS_PIN_DIALOG (self), FALSE);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->people));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RoundsPerson) person = g_list_model_get_item (G_LIST_MODEL (self->people), i);

      if (rounds_person_get_id (person) == person_id)
        {
          adw_combo_row_set_selected (self->person_row, i);
          return TRUE;
        }
    }
  return FALSE;
}

/* Types a PIN, as the keyboard would. */
void
rounds_pin_dialog_set_pin (RoundsPinDialog *self,
                           const char      *pin)
{
  g_return_if_fail (ROUNDS_IS_PIN_DIALOG (self));
  gtk_editable_set_text (GTK_EDITABLE (self->pin_row), pin);
}

/**
 * rounds_pin_dialog_get_message:
 *
 * Returns: (nullable): the message shown (a wrong PIN, …), or %NULL.
 */
const char *
rounds_pin_dialog_get_message (RoundsPinDialog *self)
{
  g_return_val_if_fail (ROUNDS_IS_PIN_DIALOG (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->message_label))
           ? gtk_label_get_text (self->message_label) : NULL;
}
