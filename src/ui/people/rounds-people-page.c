/* rounds-people-page.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-ui"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "rounds-offline.h"
#include "rounds-people-page.h"
#include "rounds-pin-dialog.h"

/* Preferences → People (issue 20): who works at the practice and what
 * they may do. Add, rename, set the role, set or remove the PIN,
 * deactivate (never delete: the audit log names people). Every change
 * first needs a manager's PIN (rounds_pin_dialog_run() with
 * ROUNDS_PIN_PURPOSE_MANAGE), asked once while the page is open; the
 * store refuses changes without it anyway.
 *
 * On a practice server each person gets their own database login
 * (rounds_store_set_person_login()): made when the person is added, or
 * from their menu; the password is shown once, to hand over. */

struct _RoundsPeoplePage
{
  AdwPreferencesPage   parent_instance;

  AdwPreferencesGroup *group;
  GPtrArray           *rows;     /* the person rows in the group */
  RoundsStore         *store;
  GtkWidget           *add_button;
  char                *description;
};

G_DEFINE_FINAL_TYPE (RoundsPeoplePage, rounds_people_page, ADW_TYPE_PREFERENCES_PAGE)

typedef enum
{
  CHANGE_ADD,
  CHANGE_RENAME,
  CHANGE_ROLE,
  CHANGE_SET_PIN,
  CHANGE_REMOVE_PIN,
  CHANGE_ACTIVE,
  CHANGE_LOGIN,
} ChangeKind;

typedef struct
{
  RoundsPeoplePage *page;
  ChangeKind        kind;
  gint64            person_id;
  int               value;     /* the role, or active */
} Change;

static void
change_free (gpointer data)
{
  Change *change = data;

  g_object_unref (change->page);
  g_free (change);
}

static void
toast (RoundsPeoplePage *self,
       const char       *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (message));
}

static void
report (RoundsPeoplePage *self,
        gboolean          ok,
        GError           *error)
{
  if (!ok && error != NULL)
    toast (self, error->message);
}

static char *
person_subtitle (RoundsPerson *person,
                 gboolean      on_server)
{
  const char *role = rounds_person_role_get_label (rounds_person_get_role (person));

  if (!rounds_person_get_active (person))
    /* TRANSLATORS: People list: "Approver · no longer here" */
    return g_strdup_printf (_("%s · no longer here"), role);
  if (on_server && rounds_person_get_login (person) != NULL)
    /* TRANSLATORS: People list on a practice server: "Approver · signs in as helen" */
    return g_strdup_printf (_("%s · signs in as %s"), role, rounds_person_get_login (person));
  if (on_server)
    /* TRANSLATORS: People list on a practice server: "Approver · no login yet" */
    return g_strdup_printf (_("%s · no login yet"), role);
  if (rounds_person_get_role (person) == ROUNDS_PERSON_ROLE_WRITER)
    return g_strdup (role);
  if (rounds_person_get_has_pin (person))
    /* TRANSLATORS: People list: "Approver · PIN set" */
    return g_strdup_printf (_("%s · PIN set"), role);
  /* TRANSLATORS: People list: "Approver · no PIN yet: cannot approve" */
  return g_strdup_printf (_("%s · no PIN yet: cannot approve"), role);
}

static GMenuModel *
person_menu (RoundsPerson *person,
             gboolean      on_server)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) roles = g_menu_new ();
  g_autoptr(GMenu) pin = g_menu_new ();
  g_autoptr(GMenu) more = g_menu_new ();
  gint64 id = rounds_person_get_id (person);

  {
    g_autoptr(GMenuItem) item = g_menu_item_new (_("_Rename…"), NULL);

    g_menu_item_set_action_and_target_value (item, "people.rename", g_variant_new_int64 (id));
    g_menu_append_item (menu, item);
  }
  for (RoundsPersonRole role = 0; role <= ROUNDS_PERSON_ROLE_LAST; role++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (rounds_person_role_get_label (role), NULL);

      g_menu_item_set_action_and_target_value (item, "people.role",
                                               g_variant_new ("(xi)", id, (int)role));
      g_menu_append_item (roles, item);
    }
  g_menu_append_section (menu, _("Role"), G_MENU_MODEL (roles));
  {
    g_autoptr(GMenuItem) set = g_menu_item_new (rounds_person_get_has_pin (person)
                                                  ? _("_Reset PIN…") : _("_Set PIN…"), NULL);

    g_menu_item_set_action_and_target_value (set, "people.set-pin", g_variant_new_int64 (id));
    g_menu_append_item (pin, set);
    if (rounds_person_get_has_pin (person))
      {
        g_autoptr(GMenuItem) remove = g_menu_item_new (_("Remove PIN"), NULL);

        g_menu_item_set_action_and_target_value (remove, "people.remove-pin",
                                                 g_variant_new_int64 (id));
        g_menu_append_item (pin, remove);
      }
  }
  if (on_server && rounds_person_get_active (person))
    {
      g_autoptr(GMenuItem) login = g_menu_item_new (rounds_person_get_login (person) != NULL
                                                      ? _("New _Password…")
                                                      : _("Create _Login…"), NULL);

      g_menu_item_set_action_and_target_value (login, "people.login", g_variant_new_int64 (id));
      g_menu_append_item (pin, login);
    }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (pin));
  {
    g_autoptr(GMenuItem) active = g_menu_item_new (rounds_person_get_active (person)
                                                     ? _("_Deactivate (Left the Practice)")
                                                     : _("_Reactivate"), NULL);

    g_menu_item_set_action_and_target_value (active, "people.active",
                                             g_variant_new ("(xi)", id,
                                                            !rounds_person_get_active (person)));
    g_menu_append_item (more, active);
  }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (more));
  return G_MENU_MODEL (menu);
}

static void
rebuild (RoundsPeoplePage *self)
{
  GListModel *people = rounds_store_get_people (self->store);
  guint n = g_list_model_get_n_items (people);

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RoundsPerson) person = g_list_model_get_item (people, i);
      gboolean on_server = rounds_store_is_on_server (self->store);
      g_autoptr(GMenuModel) menu = person_menu (person, on_server);
      g_autofree char *subtitle = person_subtitle (person, on_server);
      g_autofree char *label = NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_menu_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), rounds_person_get_name (person));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      if (!rounds_person_get_active (person))
        gtk_widget_add_css_class (row, "dim-label");
      gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
      gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), menu);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      /* TRANSLATORS: the menu button on a person's row */
      label = g_strdup_printf (_("Change %s"), rounds_person_get_name (person));
      gtk_widget_set_tooltip_text (button, label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      label, -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      rounds_offline_apply (button, self->store, TRUE, label);
      adw_preferences_group_add (self->group, row);
      g_ptr_array_add (self->rows, row);
    }
}

/* ------------------------------------------------------------------ */
/* Changes: a manager's PIN first, then what the change needs           */

static void ask_text (Change *change);

/* The new login's password, shown this once to hand over: Rounds keeps
 * it nowhere (the server has a SCRAM verifier; the person's own PC keeps
 * it in their keyring when they sign in). */
static void
show_password (RoundsPeoplePage *self,
               gint64            person_id,
               const char       *password)
{
  RoundsPerson *person = rounds_store_lookup_person (self->store, person_id);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *body = NULL;
  g_autofree char *text = NULL;
  GtkWidget *dialog, *label;

  if (person == NULL)
    return;
  body = g_strdup_printf (_("Give these to %s in person. They sign in with them when their PC "
                            "connects to the practice server, and their PC keeps the password "
                            "in their keyring. Rounds does not keep it: this is the only time "
                            "it is shown."), rounds_person_get_name (person));
  /* TRANSLATORS: the new login's name and password, on two lines */
  text = g_strdup_printf (_("Login: %s\nPassword: %s"), rounds_person_get_login (person), password);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Login for the Practice Server"), body);
  label = gtk_label_new (text);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "monospace");
  gtk_widget_add_css_class (label, "title-4");
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), label);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "done", _("_Done"));
  gtk_window_present (GTK_WINDOW (dialog));
  explicit_bzero (text, strlen (text));
}

static void
on_name_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     Change           *change)
{
  GtkWidget *box = adw_message_dialog_get_extra_child (dialog);
  GtkWidget *entry = gtk_widget_get_first_child (box);
  GtkWidget *role = gtk_widget_get_next_sibling (entry);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;

  if (g_strcmp0 (response, "ok") != 0)
    return;

  switch (change->kind)
    {
    case CHANGE_ADD:
      {
        RoundsPerson *added = rounds_store_add_person (change->page->store, text,
                                                       gtk_drop_down_get_selected (
                                                         GTK_DROP_DOWN (role)),
                                                       &error);

        ok = added != NULL;
        /* On a server, a new person gets their login at once. */
        if (ok && rounds_store_is_on_server (change->page->store))
          {
            Change login = { change->page, CHANGE_LOGIN, rounds_person_get_id (added), 0 };

            ask_text (&login);
          }
      }
      break;
    case CHANGE_LOGIN:
      {
        g_autofree char *password = rounds_store_set_person_login (change->page->store,
                                                                   change->person_id, text,
                                                                   &error);

        ok = password != NULL;
        if (ok)
          show_password (change->page, change->person_id, password);
        if (password != NULL)
          explicit_bzero (password, strlen (password));
      }
      break;
    case CHANGE_RENAME:
      ok = rounds_store_rename_person (change->page->store, change->person_id, text, &error);
      break;
    case CHANGE_SET_PIN:
      ok = rounds_store_set_person_pin (change->page->store, change->person_id, text, &error);
      if (ok)
        toast (change->page, _("PIN saved"));
      break;
    default:
      g_assert_not_reached ();
    }
  report (change->page, ok, error);
}

/* A small dialog with one entry (and, for a new person, their role). */
static void
ask_text (Change *change)
{
  RoundsPeoplePage *self = change->page;
  RoundsPerson *person = rounds_store_lookup_person (self->store, change->person_id);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog, *box, *entry;
  const char *heading, *label;
  g_autofree char *body = NULL;
  Change *copy;

  switch (change->kind)
    {
    case CHANGE_ADD:
      heading = _("Add a Person");
      label = _("Name");
      body = g_strdup (_("Writers write and send for approval. Approvers also approve with "
                         "their PIN. Managers also change people and PINs."));
      break;
    case CHANGE_RENAME:
      heading = _("Rename");
      label = _("Name");
      body = g_strdup (_("The audit log keeps the name each entry was written under."));
      break;
    case CHANGE_LOGIN:
      heading = _("Login for the Practice Server");
      label = _("Login");
      body = g_strdup_printf (person != NULL && rounds_person_get_login (person) != NULL
                              ? _("A new password for %s’s login. The old one stops working.")
                              : _("%s signs in to the practice server with their own login; "
                                  "the server lets it do what their role allows."),
                              person != NULL ? rounds_person_get_name (person) : "");
      break;
    default:
      heading = _("Set PIN");
      label = _("New PIN");
      body = g_strdup_printf (_("A PIN of 4 to 8 digits for %s. Tell it to them in person; "
                                "Rounds keeps only a fingerprint of it."),
                              person != NULL ? rounds_person_get_name (person) : "");
      break;
    }

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  entry = change->kind == CHANGE_SET_PIN ? gtk_password_entry_new () : gtk_entry_new ();
  if (change->kind == CHANGE_SET_PIN)
    gtk_password_entry_set_show_peek_icon (GTK_PASSWORD_ENTRY (entry), TRUE);
  if (change->kind == CHANGE_RENAME && person != NULL)
    gtk_editable_set_text (GTK_EDITABLE (entry), rounds_person_get_name (person));
  if (change->kind == CHANGE_LOGIN && person != NULL)
    {
      g_autofree char *suggested = rounds_person_suggest_login (rounds_person_get_name (person));

      gtk_editable_set_text (GTK_EDITABLE (entry), rounds_person_get_login (person) != NULL
                                                     ? rounds_person_get_login (person)
                                                     : suggested);
      gtk_editable_set_editable (GTK_EDITABLE (entry), rounds_person_get_login (person) == NULL);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_box_append (GTK_BOX (box), entry);
  if (change->kind == CHANGE_ADD)
    {
      const char *labels[ROUNDS_PERSON_ROLE_LAST + 2] = { NULL };
      GtkWidget *role;

      for (RoundsPersonRole r = 0; r <= ROUNDS_PERSON_ROLE_LAST; r++)
        labels[r] = rounds_person_role_get_label (r);
      role = gtk_drop_down_new_from_strings (labels);
      gtk_accessible_update_property (GTK_ACCESSIBLE (role), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Role"), -1);
      /* The first person of a practice is usually its manager. */
      gtk_drop_down_set_selected (GTK_DROP_DOWN (role),
                                  rounds_store_has_people (self->store)
                                    ? ROUNDS_PERSON_ROLE_WRITER : ROUNDS_PERSON_ROLE_MANAGER);
      gtk_box_append (GTK_BOX (box), role);
    }
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "ok", change->kind == CHANGE_ADD ? _("_Add")
                                          : change->kind == CHANGE_RENAME ? _("_Rename")
                                          : change->kind == CHANGE_LOGIN
                                            ? (person != NULL && rounds_person_get_login (person)
                                               ? _("_New Password") : _("_Create Login"))
                                          : _("_Set PIN"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "ok",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "ok");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  copy = g_memdup2 (change, sizeof *change);
  g_object_ref (copy->page);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_name_response_cb), copy,
                         (GClosureNotify)(void (*)(void))change_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
do_change (gpointer data)
{
  Change *change = data;
  RoundsStore *store = change->page->store;
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;

  switch (change->kind)
    {
    case CHANGE_ADD:
    case CHANGE_RENAME:
    case CHANGE_SET_PIN:
    case CHANGE_LOGIN:
      ask_text (change);
      return;
    case CHANGE_ROLE:
      ok = rounds_store_set_person_role (store, change->person_id, change->value, &error);
      break;
    case CHANGE_REMOVE_PIN:
      ok = rounds_store_set_person_pin (store, change->person_id, NULL, &error);
      break;
    case CHANGE_ACTIVE:
      ok = rounds_store_set_person_active (store, change->person_id, change->value, &error);
      break;
    default:
      g_assert_not_reached ();
    }
  report (change->page, ok, error);
}

static void
change (RoundsPeoplePage *self,
        ChangeKind        kind,
        gint64            person_id,
        int               value)
{
  Change *c = g_new0 (Change, 1);

  c->page = g_object_ref (self);
  c->kind = kind;
  c->person_id = person_id;
  c->value = value;
  rounds_pin_dialog_run (GTK_WIDGET (self), self->store, ROUNDS_PIN_PURPOSE_MANAGE,
                         _("Change People"), _("_Unlock"), do_change, c, change_free);
}

static void
people_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RoundsPeoplePage *self = ROUNDS_PEOPLE_PAGE (widget);
  gint64 id = 0;
  int value = 0;

  if (parameter != NULL && g_variant_is_of_type (parameter, G_VARIANT_TYPE_INT64))
    id = g_variant_get_int64 (parameter);
  else if (parameter != NULL)
    g_variant_get (parameter, "(xi)", &id, &value);

  if (g_str_equal (action_name, "people.add"))
    change (self, CHANGE_ADD, 0, 0);
  else if (g_str_equal (action_name, "people.rename"))
    change (self, CHANGE_RENAME, id, 0);
  else if (g_str_equal (action_name, "people.role"))
    change (self, CHANGE_ROLE, id, value);
  else if (g_str_equal (action_name, "people.set-pin"))
    change (self, CHANGE_SET_PIN, id, 0);
  else if (g_str_equal (action_name, "people.remove-pin"))
    change (self, CHANGE_REMOVE_PIN, id, 0);
  else if (g_str_equal (action_name, "people.active"))
    change (self, CHANGE_ACTIVE, id, value);
  else if (g_str_equal (action_name, "people.login"))
    change (self, CHANGE_LOGIN, id, 0);
}

static const char * const people_actions[] = {
  "people.add", "people.rename", "people.role", "people.set-pin", "people.remove-pin",
  "people.active", "people.login",
};

/* While the practice server cannot be reached nobody can be added or
 * changed: the actions are off, the buttons say why, and so does the
 * group's description. The connection back, everything is on again. */
static void
update_online (RoundsPeoplePage *self)
{
  gboolean online = rounds_store_get_online (self->store);
  g_autofree char *description = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (people_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), people_actions[i], online);
  gtk_widget_set_tooltip_text (self->add_button, online ? NULL : rounds_offline_explanation ());
  rebuild (self);
  if (online)
    description = g_strdup (self->description);
  else
    /* TRANSLATORS: before the People group's usual description */
    description = g_strdup_printf (_("Read-only now: the practice server cannot be reached, "
                                     "so nobody can be added or changed until it is back.\n\n%s"),
                                   self->description);
  adw_preferences_group_set_description (self->group, description);
}

static void
rounds_people_page_dispose (GObject *object)
{
  RoundsPeoplePage *self = ROUNDS_PEOPLE_PAGE (object);

  /* Closing Preferences locks People again. */
  if (self->store != NULL)
    rounds_store_lock_people (self->store);
  g_clear_object (&self->store);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->description, g_free);

  G_OBJECT_CLASS (rounds_people_page_parent_class)->dispose (object);
}

static void
rounds_people_page_class_init (RoundsPeoplePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rounds_people_page_dispose;

  gtk_widget_class_install_action (widget_class, "people.add", NULL, people_action);
  gtk_widget_class_install_action (widget_class, "people.rename", "x", people_action);
  gtk_widget_class_install_action (widget_class, "people.role", "(xi)", people_action);
  gtk_widget_class_install_action (widget_class, "people.set-pin", "x", people_action);
  gtk_widget_class_install_action (widget_class, "people.remove-pin", "x", people_action);
  gtk_widget_class_install_action (widget_class, "people.active", "(xi)", people_action);
  gtk_widget_class_install_action (widget_class, "people.login", "x", people_action);
}

static void
rounds_people_page_init (RoundsPeoplePage *self)
{
  GtkWidget *add = gtk_button_new_with_mnemonic (_("_Add Person…"));

  self->rows = g_ptr_array_new ();
  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (self), _("People"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (self), "system-users-symbolic");
  gtk_widget_set_name (GTK_WIDGET (self), "people");

  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->group, _("People"));
  adw_preferences_group_set_description (self->group,
                                         _("Who works here and what they may do. Writers write "
                                           "and send for approval; approvers also approve posts "
                                           "and replies with their PIN; managers also add "
                                           "people and set PINs. People who leave are "
                                           "deactivated: the audit log keeps their name."));
  self->add_button = add;
  gtk_actionable_set_action_name (GTK_ACTIONABLE (add), "people.add");
  gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
  adw_preferences_group_set_header_suffix (self->group, add);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), self->group);
}

/**
 * rounds_people_page_new:
 *
 * Returns: (transfer floating): Preferences → People for @store.
 */
RoundsPeoplePage *
rounds_people_page_new (RoundsStore *store)
{
  RoundsPeoplePage *self = g_object_new (ROUNDS_TYPE_PEOPLE_PAGE, NULL);

  self->store = g_object_ref (store);
  if (rounds_store_is_on_server (store))
    adw_preferences_group_set_description (self->group,
                                           _("Who works here and what they may do. Each person "
                                             "signs in to the practice server with their own "
                                             "login, and the server lets it do what their role "
                                             "allows: writers write and send for approval; "
                                             "approvers also approve; managers also add people "
                                             "and make logins. People who leave are "
                                             "deactivated: their login stops working."));
  self->description = g_strdup (adw_preferences_group_get_description (self->group));
  g_signal_connect_object (rounds_store_get_people (store), "items-changed",
                           G_CALLBACK (rebuild), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "notify::online", G_CALLBACK (update_online), self,
                           G_CONNECT_SWAPPED);
  update_online (self);
  return self;
}
