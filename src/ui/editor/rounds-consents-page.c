/* rounds-consents-page.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Preferences → Consents (issue 19): the patient authorizations on
 * record, each with its state and a Revoke button, and the paid
 * partnerships. Revoking says which posts relied on it: those waiting to
 * go out are back in review, the published ones must be taken down. An
 * authorization that was revoked or expired lists those published posts,
 * each with Take Down… (deleted through the account's connector where it
 * is connected, a reminder with its link where it was posted by hand)
 * and Done by Hand. Print Blank Form… saves the authorization form to
 * print, in English or Spanish. */

#define G_LOG_DOMAIN "rounds-consents-page"

#include "config.h"

#include <glib/gi18n.h>

#include "rounds-consent-dialog.h"
#include "rounds-consent-form-pdf.h"
#include "rounds-consents-page.h"
#include "rounds-content-language.h"
#include "rounds-partnership-dialog.h"
#include "rounds-secrets.h"
#include "rounds-store-consents.h"
#include "rounds-takedown-sender.h"

struct _RoundsConsentsPage
{
  AdwPreferencesPage   parent_instance;

  RoundsContext       *context;
  AdwPreferencesGroup *consents_group;
  AdwPreferencesGroup *partnerships_group;
  GPtrArray           *rows;
  GtkLabel            *status_label;
  GtkDropDown         *form_language;  /* index in rounds_content_languages () */
  RoundsTakedownSender *sender;
  GCancellable        *cancellable;
  guint                busy;   /* take-downs under way */
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
set_status (RoundsConsentsPage *self,
            const char         *text)
{
  gtk_label_set_text (self->status_label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), text != NULL && text[0] != '\0');
}

/* Says what ending an authorization did to the posts that relied on it. */
static void
say_ended (RoundsConsentsPage *self,
           gint64              consent_id,
           GPtrArray          *stopped,
           gboolean            revoked)
{
  RoundsStore *store = rounds_context_get_store (self->context);
  g_autoptr(GPtrArray) posts = rounds_store_list_consent_posts (store, consent_id, NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  guint n_stopped = stopped != NULL ? stopped->len : 0;
  guint published = 0;

  for (guint i = 0; posts != NULL && i < posts->len; i++)
    published += rounds_post_get_status (g_ptr_array_index (posts, i)) ==
                 ROUNDS_POST_STATUS_PUBLISHED;

  if (n_stopped > 0 && revoked)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                               "Revoked. %u post that relied on it is back in "
                                               "review.",
                                               "Revoked. %u posts that relied on it are back in "
                                               "review.",
                                               n_stopped), n_stopped);
  else if (n_stopped > 0)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                               "Ended. %u post that relied on it is back in "
                                               "review.",
                                               "Ended. %u posts that relied on it are back in "
                                               "review.",
                                               n_stopped), n_stopped);
  else
    g_string_append (text, revoked ? _("Revoked.") : _("Ended."));
  if (published > 0)
    {
      g_string_append_c (text, ' ');
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 "Take down the %u published post listed under "
                                                 "it.",
                                                 "Take down the %u published posts listed under "
                                                 "it.", published), published);
    }
  rounds_consents_page_reload (self);
  set_status (self, text->str);
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
  g_autoptr(GPtrArray) stopped = NULL;
  g_autoptr(GError) error = NULL;

  if (!rounds_store_revoke_consent (rounds_context_get_store (self->context), consent_id, how,
                                    &stopped, &error))
    {
      set_status (self, error->message);
      return FALSE;
    }
  say_ended (self, consent_id, stopped, TRUE);
  return TRUE;
}

/**
 * rounds_consents_page_record_event:
 *
 * Records that the event the authorization expires on happened, and
 * says on the page what happened to the posts.
 */
gboolean
rounds_consents_page_record_event (RoundsConsentsPage *self,
                                   gint64              consent_id)
{
  g_autoptr(GPtrArray) stopped = NULL;
  g_autoptr(GError) error = NULL;

  if (!rounds_store_record_consent_event (rounds_context_get_store (self->context), consent_id,
                                          &stopped, &error))
    {
      set_status (self, error->message);
      return FALSE;
    }
  say_ended (self, consent_id, stopped, FALSE);
  return TRUE;
}

typedef struct
{
  RoundsConsentsPage *self;
  gint64              consent_id;
} EventData;

static void
event_data_free (EventData *e)
{
  g_clear_object (&e->self);
  g_free (e);
}

static void
on_event_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      EventData        *e)
{
  if (g_strcmp0 (response, "ended") == 0)
    rounds_consents_page_record_event (e->self, e->consent_id);
}

static void
record_event_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  RoundsConsentsPage *self = ROUNDS_CONSENTS_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(RoundsConsent) c = NULL;
  g_autofree char *body = NULL;
  EventData *e;
  GtkWidget *dialog;

  c = rounds_store_get_consent (rounds_context_get_store (self->context),
                                g_variant_get_int64 (parameter), NULL);
  if (c == NULL)
    return;
  /* TRANSLATORS: %s is the expiry event, such as "end of treatment" */
  body = g_strdup_printf (_("The authorization ends now, with “%s”. Posts that rely on it and "
                            "have not gone out go back to review; published ones are listed to "
                            "take down."), c->expiry_event);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Record That It Ended?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "ended", _("_End Authorization"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "ended",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  e = g_new0 (EventData, 1);
  e->self = g_object_ref (self);
  e->consent_id = c->id;
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_event_response_cb), e,
                         (GClosureNotify)(void (*) (void))event_data_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_revoke_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       EventData        *e)
{
  GtkWidget *entry = adw_message_dialog_get_extra_child (dialog);

  if (g_strcmp0 (response, "revoke") == 0)
    rounds_consents_page_revoke (e->self, e->consent_id,
                                 gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
revoke_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RoundsConsentsPage *self = ROUNDS_CONSENTS_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;
  GtkWidget *entry = gtk_entry_new ();
  EventData *e;

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
  e = g_new0 (EventData, 1);
  e->self = g_object_ref (self);
  e->consent_id = g_variant_get_int64 (parameter);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_revoke_response_cb), e,
                         (GClosureNotify)(void (*) (void))event_data_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ------------------------------------------------------------------ */
/* Taking down                                                          */

typedef struct
{
  RoundsConsentsPage *self;
  gint64              post_id;
  gint64              consent_id;
} TakeDown;

static void
take_down_free (TakeDown *t)
{
  g_clear_object (&t->self);
  g_free (t);
}

/* The networks of @places, connected ones or the others, not taken
 * down yet, as a label ("Mastodon, Facebook"); NULL when none. */
static char *
places_label (GPtrArray *places,
              gboolean   connected)
{
  RoundsNetwork networks = ROUNDS_NETWORK_NONE;

  for (guint i = 0; places != NULL && i < places->len; i++)
    {
      const RoundsTakedown *t = g_ptr_array_index (places, i);

      if (t->done_at == 0 && t->connected == connected)
        networks |= t->network;
    }
  return networks != ROUNDS_NETWORK_NONE ? rounds_networks_get_label (networks) : NULL;
}

static void
on_taken_down_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(RoundsConsentsPage) self = user_data;
  g_autoptr(GPtrArray) by_hand = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  guint deleted;

  deleted = rounds_takedown_sender_take_down_finish (ROUNDS_TAKEDOWN_SENDER (source), result,
                                                     &by_hand, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->busy--;
  if (error != NULL)
    /* TRANSLATORS: %s is the network's or the store's own words */
    g_string_printf (text, _("Could not take the post down: %s. Nothing was marked as taken "
                             "down there; try again later."), error->message);
  else
    {
      g_autofree char *hand = places_label (by_hand, FALSE);

      if (deleted > 0)
        g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                   "Deleted from %u network.",
                                                   "Deleted from %u networks.", deleted),
                                deleted);
      if (hand != NULL)
        {
          if (text->len > 0)
            g_string_append_c (text, ' ');
          /* TRANSLATORS: %s is a list of networks */
          g_string_append_printf (text, _("Delete it by hand on %s: a reminder names it. Then "
                                          "choose Done by Hand."), hand);
        }
      if (text->len == 0)
        g_string_append (text, _("It was taken down already."));
    }
  rounds_consents_page_reload (self);
  set_status (self, text->str);
}

/**
 * rounds_consents_page_take_down:
 *
 * Takes down a published post that relied on @consent_id, now: deletes
 * it through its connected accounts and records a reminder for where it
 * was posted by hand. The result is said on the page.
 */
void
rounds_consents_page_take_down (RoundsConsentsPage *self,
                                gint64              post_id,
                                gint64              consent_id)
{
  g_return_if_fail (ROUNDS_IS_CONSENTS_PAGE (self));

  self->busy++;
  set_status (self, _("Taking the post down…"));
  rounds_takedown_sender_take_down_async (self->sender, post_id, consent_id, self->cancellable,
                                          on_taken_down_cb, g_object_ref (self));
}

static void
on_take_down_response_cb (AdwMessageDialog *dialog,
                          const char       *response,
                          TakeDown         *t)
{
  if (g_strcmp0 (response, "take-down") == 0)
    rounds_consents_page_take_down (t->self, t->post_id, t->consent_id);
}

static void
take_down_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RoundsConsentsPage *self = ROUNDS_CONSENTS_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GPtrArray) places = NULL;
  g_autofree char *connected = NULL;
  g_autofree char *by_hand = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  TakeDown *t = g_new0 (TakeDown, 1);
  GtkWidget *dialog;

  t->self = g_object_ref (self);
  g_variant_get (parameter, "(xx)", &t->post_id, &t->consent_id);
  places = rounds_store_list_takedowns (rounds_context_get_store (self->context), t->post_id, NULL);
  connected = places_label (places, TRUE);
  by_hand = places_label (places, FALSE);
  if (connected != NULL)
    /* TRANSLATORS: %s is a list of networks */
    g_string_append_printf (body, _("It will be deleted on %s through the practice’s account. "
                                    "This cannot be undone."), connected);
  if (by_hand != NULL)
    {
      if (body->len > 0)
        g_string_append_c (body, ' ');
      /* TRANSLATORS: %s is a list of networks */
      g_string_append_printf (body, _("On %s it was posted by hand: a reminder will name it so "
                                      "that you delete it there."), by_hand);
    }

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Take Down This Post?"), body->str);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "take-down", _("_Take Down"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "take-down",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_take_down_response_cb), t,
                         (GClosureNotify)(void (*) (void))take_down_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
done_by_hand_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  RoundsConsentsPage *self = ROUNDS_CONSENTS_PAGE (widget);
  RoundsStore *store = rounds_context_get_store (self->context);
  g_autoptr(GPtrArray) places = NULL;
  g_autoptr(GError) error = NULL;
  gint64 post_id, consent_id;

  g_variant_get (parameter, "(xx)", &post_id, &consent_id);
  places = rounds_store_list_takedowns (store, post_id, &error);
  for (guint i = 0; places != NULL && i < places->len; i++)
    {
      const RoundsTakedown *t = g_ptr_array_index (places, i);

      if (t->connected || t->done_at != 0 || t->requested_at == 0)
        continue;
      if (!rounds_store_takedown_done (store, t, consent_id, &error))
        break;
    }
  rounds_consents_page_reload (self);
  set_status (self, error != NULL ? error->message : _("Marked as deleted by hand."));
}

/* What became of a published post, place by place. */
static char *
post_places_text (GPtrArray *places)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < places->len; i++)
    {
      const RoundsTakedown *t = g_ptr_array_index (places, i);
      const char *network = rounds_network_get_label (t->network);

      if (text->len > 0)
        g_string_append (text, " · ");
      if (t->done_at != 0)
        /* TRANSLATORS: %s is a network */
        g_string_append_printf (text, _("%s: taken down"), network);
      else if (t->connected)
        /* TRANSLATORS: %s is a network */
        g_string_append_printf (text, _("%s: published"), network);
      else if (t->requested_at != 0)
        /* TRANSLATORS: %s is a network */
        g_string_append_printf (text, _("%s: to delete by hand"), network);
      else
        /* TRANSLATORS: %s is a network */
        g_string_append_printf (text, _("%s: posted by hand"), network);
      if (t->done_at == 0 && !t->connected && t->url[0] != '\0')
        g_string_append_printf (text, " %s", t->url);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static GtkWidget *
row_button (const char *mnemonic,
            const char *accessible,
            const char *action,
            gint64      post_id,
            gint64      consent_id)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (mnemonic);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(xx)", post_id, consent_id);
  return button;
}

/* The published posts that relied on a revoked or expired
 * authorization, under its row; how many were added. */
static guint
add_post_rows (RoundsConsentsPage *self,
               AdwExpanderRow     *expander,
               const RoundsConsent *c)
{
  RoundsStore *store = rounds_context_get_store (self->context);
  g_autoptr(GPtrArray) posts = rounds_store_list_consent_posts (store, c->id, NULL);
  guint added = 0;

  for (guint i = 0; posts != NULL && i < posts->len; i++)
    {
      RoundsPost *post = g_ptr_array_index (posts, i);
      gint64 post_id = rounds_post_get_id (post);
      g_autoptr(GPtrArray) places = rounds_store_list_takedowns (store, post_id, NULL);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      gboolean can_take_down = FALSE, pending_by_hand = FALSE;
      GtkWidget *row;

      if (places == NULL || places->len == 0)
        continue;
      for (guint j = 0; j < places->len; j++)
        {
          const RoundsTakedown *t = g_ptr_array_index (places, j);

          if (t->done_at != 0)
            continue;
          can_take_down |= t->connected || t->requested_at == 0;
          pending_by_hand |= !t->connected && t->requested_at != 0;
        }

      title = rounds_post_dup_display_title (post);
      subtitle = post_places_text (places);
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
      if (can_take_down)
        {
          /* TRANSLATORS: %s is the post's title */
          g_autofree char *label = g_strdup_printf (_("Take down “%s”"), title);

          adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                     row_button (_("_Take Down…"), label, "consents.take-down",
                                                 post_id, c->id));
        }
      if (pending_by_hand)
        {
          /* TRANSLATORS: %s is the post's title */
          g_autofree char *label = g_strdup_printf (_("Mark “%s” as deleted by hand"), title);

          adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                     row_button (_("_Done by Hand"), label, "consents.done-by-hand",
                                                 post_id, c->id));
        }
      adw_expander_row_add_row (expander, row);
      added++;
    }
  return added;
}

/* ------------------------------------------------------------------ */
/* The blank form                                                       */

/**
 * rounds_consents_page_print_form:
 * @language: (nullable): "en" or "es"; %NULL for the practice's content
 *   language
 *
 * Saves the blank authorization form to @path, and says so on the page.
 */
gboolean
rounds_consents_page_print_form (RoundsConsentsPage *self,
                                 const char         *path,
                                 const char         *language)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *name = g_filename_display_basename (path);

  g_return_val_if_fail (ROUNDS_IS_CONSENTS_PAGE (self), FALSE);

  if (!rounds_consent_form_pdf_write (self->context, language, path, &error))
    {
      set_status (self, error->message);
      return FALSE;
    }
  /* TRANSLATORS: %s is a file name */
  text = g_strdup_printf (_("Saved the blank authorization form as “%s”. Print it for the front "
                            "desk."), name);
  set_status (self, text);
  return TRUE;
}

static void
on_form_saved_cb (GtkNativeDialog    *native,
                  int                 response,
                  RoundsConsentsPage *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;
      const char *language = rounds_content_languages ()[gtk_drop_down_get_selected (
                               self->form_language)];

      if (path != NULL)
        rounds_consents_page_print_form (self, path, language);
    }
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

static void
print_form_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  RoundsConsentsPage *self = ROUNDS_CONSENTS_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (_("Print Blank Authorization Form"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  /* TRANSLATORS: a file name; keep it short, no slashes */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), _("authorization-form.pdf"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (on_form_saved_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
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
on_partnership_added_cb (RoundsPartnershipDialog *dialog,
                         gint64                   id,
                         RoundsConsentsPage      *self)
{
  set_status (self, NULL);
  rounds_consents_page_reload (self);
}

static void
on_add_partnership_clicked_cb (RoundsConsentsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  RoundsPartnershipDialog *dialog =
    rounds_partnership_dialog_new (self->context, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);

  g_signal_connect_object (dialog, "added", G_CALLBACK (on_partnership_added_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* "Vendor · free product or service · 2026-01-01 to 2026-06-30 ·
 * Instagram · “Paid partnership with Acme”" */
static char *
partnership_text (const RoundsPartnership *p)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *where = NULL;
  static const struct { const char *kind; const char *label; } kinds[] = {
    { "vendor", N_("Vendor") }, { "influencer", N_("Influencer") },
    { "clinic", N_("Another clinic") }, { "other", N_("Other") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (p->kind, kinds[i].kind) == 0)
      g_string_append (text, _(kinds[i].label));
  if (p->gave & ROUNDS_PARTNERSHIP_GAVE_PAYMENT)
    g_string_append_printf (text, " · %s", _("payment"));
  if (p->gave & ROUNDS_PARTNERSHIP_GAVE_PRODUCT)
    g_string_append_printf (text, " · %s", _("free product or service"));
  if (p->gave & ROUNDS_PARTNERSHIP_GAVE_AFFILIATE)
    g_string_append_printf (text, " · %s", _("affiliate link or code"));
  if (p->starts_on[0] != '\0' || p->ends_on[0] != '\0')
    {
      g_string_append (text, " · ");
      /* TRANSLATORS: the dates a partnership runs, "2026-01-01 to 2026-06-30"; either may be
       * empty */
      g_string_append_printf (text, _("%s to %s"), p->starts_on, p->ends_on);
    }
  if (p->networks != ROUNDS_NETWORK_NONE)
    {
      where = rounds_networks_get_label (p->networks);
      g_string_append_printf (text, " · %s", where);
    }
  g_string_append (text, " · ");
  /* TRANSLATORS: the disclosure wording, in quotes */
  g_string_append_printf (text, _("“%s”"), p->disclosure);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
open_form_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RoundsConsentsPage *self = ROUNDS_CONSENTS_PAGE (widget);
  g_autoptr(RoundsConsent) c = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *uri = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);

  c = rounds_store_get_consent (rounds_context_get_store (self->context),
                                g_variant_get_int64 (parameter), NULL);
  if (c == NULL || c->form_path[0] == '\0' || !g_file_test (c->form_path, G_FILE_TEST_IS_REGULAR))
    {
      set_status (self, _("The signed form is missing from Rounds’ data folder."));
      return;
    }
  file = g_file_new_for_path (c->form_path);
  uri = g_file_get_uri (file);
  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
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
      RoundsConsentState state = rounds_consent_get_state (c, tz, now);
      GtkWidget *button = NULL;
      GtkWidget *form = NULL;
      GtkWidget *ended = NULL;
      GtkWidget *row;

      if (c->revoked_at == 0)
        {
          g_autofree char *label = g_strdup_printf (_("Revoke the authorization of %s"), c->patient);

          button = gtk_button_new_with_mnemonic (_("_Revoke…"));
          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          label, -1);
          gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "consents.revoke");
          gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", c->id);
        }

      if (c->expiry_event[0] != '\0' && c->revoked_at == 0 && c->event_at == 0 &&
          state != ROUNDS_CONSENT_EXPIRED)
        {
          /* TRANSLATORS: the patient's name, then the expiry event */
          g_autofree char *label = g_strdup_printf (_("Record that the authorization of %s "
                                                      "ended: %s"), c->patient, c->expiry_event);

          ended = gtk_button_new_with_mnemonic (_("E_nded…"));
          gtk_widget_set_valign (ended, GTK_ALIGN_CENTER);
          gtk_accessible_update_property (GTK_ACCESSIBLE (ended), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          label, -1);
          gtk_actionable_set_action_name (GTK_ACTIONABLE (ended), "consents.record-event");
          gtk_actionable_set_action_target (GTK_ACTIONABLE (ended), "x", c->id);
        }

      if (c->form_path[0] != '\0')
        {
          /* TRANSLATORS: %s is the patient's name */
          g_autofree char *label = g_strdup_printf (_("Open the signed form of %s"), c->patient);

          form = gtk_button_new_from_icon_name ("document-open-symbolic");
          gtk_widget_set_valign (form, GTK_ALIGN_CENTER);
          gtk_widget_add_css_class (form, "flat");
          gtk_widget_set_tooltip_text (form, _("Open the Signed Form"));
          gtk_accessible_update_property (GTK_ACCESSIBLE (form), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          label, -1);
          gtk_actionable_set_action_name (GTK_ACTIONABLE (form), "consents.open-form");
          gtk_actionable_set_action_target (GTK_ACTIONABLE (form), "x", c->id);
        }

      if (state == ROUNDS_CONSENT_REVOKED || state == ROUNDS_CONSENT_EXPIRED)
        {
          /* What went out on it is listed under it, to take down. */
          row = adw_expander_row_new ();
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), c->patient);
          adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
          if (form != NULL)
            adw_expander_row_add_action (ADW_EXPANDER_ROW (row), form);
          if (button != NULL)
            adw_expander_row_add_action (ADW_EXPANDER_ROW (row), button);
          if (add_post_rows (self, ADW_EXPANDER_ROW (row), c) > 0)
            adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
          else
            adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (row), FALSE);
        }
      else
        {
          row = adw_action_row_new ();
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), c->patient);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
          if (form != NULL)
            adw_action_row_add_suffix (ADW_ACTION_ROW (row), form);
          if (ended != NULL)
            adw_action_row_add_suffix (ADW_ACTION_ROW (row), ended);
          if (button != NULL)
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
      g_autofree char *subtitle = partnership_text (p);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), p->partner);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
      add_row (self, self->partnerships_group, row);
    }
}

static void
rounds_consents_page_dispose (GObject *object)
{
  RoundsConsentsPage *self = ROUNDS_CONSENTS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->sender);
  g_clear_object (&self->context);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  G_OBJECT_CLASS (rounds_consents_page_parent_class)->dispose (object);
}

static void
rounds_consents_page_class_init (RoundsConsentsPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = rounds_consents_page_dispose;

  gtk_widget_class_install_action (widget_class, "consents.take-down", "(xx)", take_down_action);
  gtk_widget_class_install_action (widget_class, "consents.done-by-hand", "(xx)",
                                   done_by_hand_action);
  gtk_widget_class_install_action (widget_class, "consents.print-form", NULL, print_form_action);
  gtk_widget_class_install_action (widget_class, "consents.open-form", "x", open_form_action);
  gtk_widget_class_install_action (widget_class, "consents.record-event", "x",
                                   record_event_action);
  gtk_widget_class_install_action (widget_class, "consents.revoke", "x", revoke_action);
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
  GtkWidget *print = gtk_button_new_with_mnemonic (_("_Print Blank Form…"));
  GtkWidget *form_row = adw_action_row_new ();
  GtkWidget *form_group = adw_preferences_group_new ();
  GtkWidget *add = header_button (_("_Add…"));
  GtkWidget *status_group = adw_preferences_group_new ();

  self->rows = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();
  gtk_widget_set_valign (print, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (print), "consents.print-form");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (form_row), _("Blank Authorization Form"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (form_row),
                               _("A form with every element the law requires, in the "
                                 "practice’s name, for patients to sign"));
  {
    /* The form is the patient's to read: its language is chosen here, the
     * practice's content language first (see rounds_consents_page_new()). */
    const char * const *codes = rounds_content_languages ();
    g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

    for (guint i = 0; codes[i] != NULL; i++)
      gtk_string_list_append (names, rounds_content_language_get_name (codes[i]));
    self->form_language = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&names)),
                                                            NULL));
    gtk_widget_set_valign (GTK_WIDGET (self->form_language), GTK_ALIGN_CENTER);
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->form_language), _("Language of the form"));
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->form_language),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, _("Language of the form"), -1);
    adw_action_row_add_suffix (ADW_ACTION_ROW (form_row), GTK_WIDGET (self->form_language));
  }
  adw_action_row_add_suffix (ADW_ACTION_ROW (form_row), print);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (form_group), form_row);
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
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), ADW_PREFERENCES_GROUP (form_group));

  self->partnerships_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->partnerships_group, _("Partnerships"));
  adw_preferences_group_set_description (self->partnerships_group,
                                         _("Influencers, vendors and clinics that gave something "
                                           "for posts. Linked posts must disclose it."));
  adw_preferences_group_set_header_suffix (self->partnerships_group, add);
  g_signal_connect_swapped (add, "clicked", G_CALLBACK (on_add_partnership_clicked_cb), self);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), self->partnerships_group);
}

static void
on_row_changed_cb (RoundsConsentsPage *self,
                   const char         *table,
                   const char         *key)
{
  if (g_str_equal (table, "authorizations") || g_str_equal (table, "partnerships") ||
      g_str_equal (table, "post_authorizations") || g_str_equal (table, "post_partnerships"))
    rounds_consents_page_reload (self);
}

RoundsConsentsPage *
rounds_consents_page_new (RoundsContext *context)
{
  RoundsConsentsPage *self = g_object_new (ROUNDS_TYPE_CONSENTS_PAGE, NULL);

  g_autoptr(RoundsSecrets) secrets = rounds_secrets_new ();

  self->context = g_object_ref (context);
  {
    const char *language = rounds_practice_get_content_language (
      rounds_store_get_practice (rounds_context_get_store (context)));
    const char * const *codes = rounds_content_languages ();

    for (guint i = 0; codes[i] != NULL; i++)
      if (g_strcmp0 (codes[i], language) == 0)
        gtk_drop_down_set_selected (self->form_language, i);
  }
  self->sender = rounds_takedown_sender_new (rounds_context_get_store (context), secrets);
  rounds_consents_page_reload (self);
  /* Another PC recorded, changed or linked a consent (a practice server) */
  g_signal_connect_object (rounds_context_get_store (context), "row-changed",
                           G_CALLBACK (on_row_changed_cb), self, G_CONNECT_SWAPPED);
  return self;
}

/**
 * rounds_consents_page_get_takedown_sender:
 *
 * Returns: (transfer none): what deletes posts (tests point it at a
 *   stand-in server).
 */
RoundsTakedownSender *
rounds_consents_page_get_takedown_sender (RoundsConsentsPage *self)
{
  g_return_val_if_fail (ROUNDS_IS_CONSENTS_PAGE (self), NULL);
  return self->sender;
}

gboolean
rounds_consents_page_is_busy (RoundsConsentsPage *self)
{
  g_return_val_if_fail (ROUNDS_IS_CONSENTS_PAGE (self), FALSE);
  return self->busy > 0;
}
