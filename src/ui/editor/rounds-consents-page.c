/* rounds-consents-page.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Preferences → Consents (issue 19): the patient authorizations on
 * record, each with its state and a Revoke button, and the paid
 * partnerships. Revoking says which posts relied on it: those waiting to
 * go out are back in review, the published ones must be taken down. */

#define G_LOG_DOMAIN "rounds-consents-page"

#include "config.h"

#include <glib/gi18n.h>

#include "rounds-consent-dialog.h"
#include "rounds-consents-page.h"
#include "rounds-store-consents.h"

struct _RoundsConsentsPage
{
  AdwPreferencesPage   parent_instance;

  RoundsContext       *context;
  AdwPreferencesGroup *consents_group;
  AdwPreferencesGroup *partnerships_group;
  GPtrArray           *rows;
  GtkLabel            *status_label;
};

G_DEFINE_FINAL_TYPE (RoundsConsentsPage, rounds_consents_page, ADW_TYPE_PREFERENCES_PAGE)

static char *
state_text (const RoundsConsent *c,
            GTimeZone           *tz,
            gint64               now)
{
  g_autofree char *uses = rounds_consent_uses_to_label (c->uses);
  g_autofree char *where = rounds_networks_get_label (c->networks);
  const char *state;
  g_autofree char *until = NULL;

  switch (rounds_consent_get_state (c, tz, now))
    {
    case ROUNDS_CONSENT_REVOKED:    state = _("Revoked"); break;
    case ROUNDS_CONSENT_EXPIRED:    state = _("Expired"); break;
    case ROUNDS_CONSENT_INCOMPLETE: state = _("Incomplete: the form lacks a required element"); break;
    case ROUNDS_CONSENT_NOT_YET_SIGNED:
    case ROUNDS_CONSENT_VALID:
    default:
      until = c->expires_on[0] != '\0'
                /* TRANSLATORS: %s is the last valid day */
                ? g_strdup_printf (_("Valid until %s"), c->expires_on)
                /* TRANSLATORS: %s is the event, such as "end of treatment" */
                : g_strdup_printf (_("Valid until %s"), c->expiry_event);
      state = until;
      break;
    }
  /* TRANSLATORS: "Valid until 2026-12-31 · photo, quote or story on Facebook" */
  return g_strdup_printf (_("%s · %s on %s"), state, uses, where);
}

static void
on_revoke_response_cb (AdwMessageDialog   *dialog,
                       const char         *response,
                       RoundsConsentsPage *self)
{
  GtkWidget *entry = adw_message_dialog_get_extra_child (dialog);
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "rounds-id"));

  if (g_strcmp0 (response, "revoke") == 0)
    rounds_consents_page_revoke (self, id, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
on_revoke_clicked_cb (GtkButton          *button,
                      RoundsConsentsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;
  GtkWidget *entry = gtk_entry_new ();

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Revoke Authorization?"),
                                   _("Posts that rely on it and have not gone out go back to "
                                     "review. Published ones are listed to take down."));
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("How it was received, such as “letter”"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("How the revocation was received"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "revoke", _("_Revoke"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "revoke",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "rounds-id",
                     g_object_get_data (G_OBJECT (button), "rounds-id"));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_revoke_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
set_status (RoundsConsentsPage *self,
            const char         *text)
{
  gtk_label_set_text (self->status_label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), text != NULL && text[0] != '\0');
}

/**
 * rounds_consents_page_revoke:
 * @how: how the revocation was received
 *
 * Revokes, and says on the page what happened to the posts.
 */
gboolean
rounds_consents_page_revoke (RoundsConsentsPage *self,
                             gint64              consent_id,
                             const char         *how)
{
  RoundsStore *store = rounds_context_get_store (self->context);
  g_autoptr(GPtrArray) stopped = NULL;
  g_autoptr(GPtrArray) posts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  guint published = 0;

  if (!rounds_store_revoke_consent (store, consent_id, how, &stopped, &error))
    {
      set_status (self, error->message);
      return FALSE;
    }
  posts = rounds_store_list_consent_posts (store, consent_id, NULL);
  for (guint i = 0; posts != NULL && i < posts->len; i++)
    published += rounds_post_get_status (g_ptr_array_index (posts, i)) ==
                 ROUNDS_POST_STATUS_PUBLISHED;

  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                             "Revoked. %u post that relied on it is back in review.",
                                             "Revoked. %u posts that relied on it are back in review.",
                                             stopped->len), stopped->len);
  if (published > 0)
    {
      g_string_append_c (text, ' ');
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 "Take down %u published post: a notification "
                                                 "lists its link.",
                                                 "Take down %u published posts: a notification "
                                                 "lists their links.", published), published);
    }
  rounds_consents_page_reload (self);
  set_status (self, text->str);
  return TRUE;
}

static void
on_recorded_cb (RoundsConsentDialog *dialog,
                gint64               id,
                RoundsConsentsPage  *self)
{
  rounds_consents_page_reload (self);
}

static void
on_record_clicked_cb (RoundsConsentsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  RoundsConsentDialog *dialog = rounds_consent_dialog_new (self->context,
                                                           GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                                : NULL);

  g_signal_connect_object (dialog, "recorded", G_CALLBACK (on_recorded_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_partnership_response_cb (AdwMessageDialog   *dialog,
                            const char         *response,
                            RoundsConsentsPage *self)
{
  GtkWidget *list = adw_message_dialog_get_extra_child (dialog);
  GtkWidget *partner = gtk_widget_get_first_child (list);
  GtkWidget *wording = gtk_widget_get_next_sibling (partner);
  g_autoptr(RoundsPartnership) p = NULL;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "add") != 0)
    return;
  p = rounds_partnership_new (gtk_editable_get_text (GTK_EDITABLE (partner)));
  g_free (p->disclosure);
  p->disclosure = g_strdup (gtk_editable_get_text (GTK_EDITABLE (wording)));
  if (!rounds_store_add_partnership (rounds_context_get_store (self->context), p, &error))
    set_status (self, error->message);
  else
    set_status (self, NULL);
  rounds_consents_page_reload (self);
}

static void
on_add_partnership_clicked_cb (RoundsConsentsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *partner = adw_entry_row_new ();
  GtkWidget *wording = adw_entry_row_new ();

  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (partner), _("Partner"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (wording), _("Disclosure at the start of posts"));
  gtk_editable_set_text (GTK_EDITABLE (wording), _("Paid partnership with "));
  gtk_list_box_append (GTK_LIST_BOX (list), partner);
  gtk_list_box_append (GTK_LIST_BOX (list), wording);

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Add Partnership"),
                                   _("Posts linked to it must start with its disclosure."));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "add", _("_Add"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_partnership_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
clear_rows (RoundsConsentsPage *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      if (group != NULL)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->rows, 0);
}

static void
add_row (RoundsConsentsPage  *self,
         AdwPreferencesGroup *group,
         GtkWidget           *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, row);
}

void
rounds_consents_page_reload (RoundsConsentsPage *self)
{
  RoundsStore *store = rounds_context_get_store (self->context);
  g_autoptr(GPtrArray) consents = rounds_store_list_consents (store, NULL);
  g_autoptr(GPtrArray) partnerships = rounds_store_list_partnerships (store, NULL);
  g_autoptr(GTimeZone) tz = rounds_practice_dup_time_zone (rounds_store_get_practice (store));
  gint64 now = rounds_clock_get_now (rounds_context_get_clock (self->context));

  clear_rows (self);
  for (guint i = 0; consents != NULL && i < consents->len; i++)
    {
      const RoundsConsent *c = g_ptr_array_index (consents, i);
      g_autofree char *subtitle = state_text (c, tz, now);
      GtkWidget *row = adw_action_row_new ();

          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), c->patient);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      if (c->revoked_at == 0)
        {
          GtkWidget *button = gtk_button_new_with_mnemonic (_("_Revoke…"));
          g_autofree char *label = g_strdup_printf (_("Revoke the authorization of %s"), c->patient);

          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          label, -1);
          g_object_set_data (G_OBJECT (button), "rounds-id", GSIZE_TO_POINTER ((gsize)c->id));
          g_signal_connect_object (button, "clicked", G_CALLBACK (on_revoke_clicked_cb), self, 0);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
        }
      add_row (self, self->consents_group, row);
    }
  if (consents == NULL || consents->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No authorizations recorded"));
      gtk_widget_add_css_class (row, "dim-label");
      add_row (self, self->consents_group, row);
    }

  for (guint i = 0; partnerships != NULL && i < partnerships->len; i++)
    {
      const RoundsPartnership *p = g_ptr_array_index (partnerships, i);
      GtkWidget *row = adw_action_row_new ();

          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), p->partner);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), p->disclosure);
      add_row (self, self->partnerships_group, row);
    }
}

static void
rounds_consents_page_dispose (GObject *object)
{
  RoundsConsentsPage *self = ROUNDS_CONSENTS_PAGE (object);

  g_clear_object (&self->context);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  G_OBJECT_CLASS (rounds_consents_page_parent_class)->dispose (object);
}

static void
rounds_consents_page_class_init (RoundsConsentsPageClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = rounds_consents_page_dispose;
}

static GtkWidget *
header_button (const char *mnemonic)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (mnemonic);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

static void
rounds_consents_page_init (RoundsConsentsPage *self)
{
  GtkWidget *record = header_button (_("_Record…"));
  GtkWidget *add = header_button (_("_Add…"));
  GtkWidget *status_group = adw_preferences_group_new ();

  self->rows = g_ptr_array_new ();
  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (self), _("Consents"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (self), "security-high-symbolic");

  self->status_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->status_label, TRUE);
  gtk_label_set_xalign (self->status_label, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (status_group), GTK_WIDGET (self->status_label));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), ADW_PREFERENCES_GROUP (status_group));

  self->consents_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->consents_group, _("Patient Authorizations"));
  adw_preferences_group_set_description (self->consents_group,
                                         _("Signed permissions to use a patient’s photo, story "
                                           "or name in marketing. Names stay on this computer."));
  adw_preferences_group_set_header_suffix (self->consents_group, record);
  g_signal_connect_swapped (record, "clicked", G_CALLBACK (on_record_clicked_cb), self);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), self->consents_group);

  self->partnerships_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->partnerships_group, _("Partnerships"));
  adw_preferences_group_set_description (self->partnerships_group,
                                         _("Influencers, vendors and clinics that gave something "
                                           "for posts. Linked posts must disclose it."));
  adw_preferences_group_set_header_suffix (self->partnerships_group, add);
  g_signal_connect_swapped (add, "clicked", G_CALLBACK (on_add_partnership_clicked_cb), self);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), self->partnerships_group);
}

RoundsConsentsPage *
rounds_consents_page_new (RoundsContext *context)
{
  RoundsConsentsPage *self = g_object_new (ROUNDS_TYPE_CONSENTS_PAGE, NULL);

  self->context = g_object_ref (context);
  rounds_consents_page_reload (self);
  return self;
}
