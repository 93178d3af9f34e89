/* rounds-comment-dialog.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-inbox"

#include "config.h"

#include <glib/gi18n.h>

#include "rounds-comment-dialog.h"
#include "rounds-offline.h"
#include "rounds-store-inbox.h"

/* "Add Comment by Hand": a comment or review from a network Rounds has no
 * connection to, pasted in (author, network, text, link, stars) so that
 * it gets the same triage, checks and log as the others. */

struct _RoundsCommentDialog
{
  AdwWindow       parent_instance;

  RoundsContext  *context;

  AdwEntryRow    *author_row;
  AdwComboRow    *network_row;
  AdwComboRow    *rating_row;
  AdwEntryRow    *link_row;
  GtkTextView    *text_view;
  GtkLabel       *error_label;
  GtkButton      *add_button;
};

G_DEFINE_FINAL_TYPE (RoundsCommentDialog, rounds_comment_dialog, ADW_TYPE_WINDOW)

static const RoundsNetwork networks[] = {
  ROUNDS_NETWORK_GOOGLE, ROUNDS_NETWORK_FACEBOOK, ROUNDS_NETWORK_INSTAGRAM,
  ROUNDS_NETWORK_LINKEDIN, ROUNDS_NETWORK_MASTODON, ROUNDS_NETWORK_BLUESKY, ROUNDS_NETWORK_X,
};

static char *
dup_text (RoundsCommentDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
show_error (RoundsCommentDialog *self,
            const char          *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
on_add_clicked_cb (RoundsCommentDialog *self)
{
  if (rounds_comment_dialog_add (self))
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_cancel_clicked_cb (RoundsCommentDialog *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
rounds_comment_dialog_dispose (GObject *object)
{
  RoundsCommentDialog *self = ROUNDS_COMMENT_DIALOG (object);

  g_clear_object (&self->context);
  gtk_widget_dispose_template (GTK_WIDGET (self), ROUNDS_TYPE_COMMENT_DIALOG);

  G_OBJECT_CLASS (rounds_comment_dialog_parent_class)->dispose (object);
}

static void
rounds_comment_dialog_class_init (RoundsCommentDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rounds_comment_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/roundsapp/Rounds/ui/rounds-comment-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RoundsCommentDialog, author_row);
  gtk_widget_class_bind_template_child (widget_class, RoundsCommentDialog, network_row);
  gtk_widget_class_bind_template_child (widget_class, RoundsCommentDialog, rating_row);
  gtk_widget_class_bind_template_child (widget_class, RoundsCommentDialog, link_row);
  gtk_widget_class_bind_template_child (widget_class, RoundsCommentDialog, text_view);
  gtk_widget_class_bind_template_child (widget_class, RoundsCommentDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, RoundsCommentDialog, add_button);
  gtk_widget_class_bind_template_callback (widget_class, on_add_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rounds_comment_dialog_init (RoundsCommentDialog *self)
{
  g_autoptr(GtkStringList) nets = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) ratings = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (networks); i++)
    gtk_string_list_append (nets, rounds_network_get_label (networks[i]));
  adw_combo_row_set_model (self->network_row, G_LIST_MODEL (nets));
  gtk_string_list_append (ratings, _("No stars (a comment)"));
  for (int i = 1; i <= 5; i++)
    {
      g_autofree char *label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d star (a review)",
                                                             "%d stars (a review)", i), i);
      gtk_string_list_append (ratings, label);
    }
  adw_combo_row_set_model (self->rating_row, G_LIST_MODEL (ratings));
}

static void
update_add_button (RoundsCommentDialog *self)
{
  rounds_offline_apply (GTK_WIDGET (self->add_button), rounds_context_get_store (self->context),
                        TRUE, NULL);
}

RoundsCommentDialog *
rounds_comment_dialog_new (RoundsContext *context)
{
  RoundsCommentDialog *self;

  g_return_val_if_fail (ROUNDS_IS_CONTEXT (context), NULL);

  self = g_object_new (ROUNDS_TYPE_COMMENT_DIALOG, NULL);
  self->context = g_object_ref (context);
  /* Opened just before the practice server went away: Add is off (the
   * typed text stays) until it is back. */
  update_add_button (self);
  g_signal_connect_object (rounds_context_get_store (context), "notify::online",
                           G_CALLBACK (update_add_button), self, G_CONNECT_SWAPPED);
  return self;
}

void
rounds_comment_dialog_fill (RoundsCommentDialog *self,
                            const char          *author,
                            RoundsNetwork        network,
                            const char          *text,
                            const char          *link,
                            int                  rating)
{
  g_return_if_fail (ROUNDS_IS_COMMENT_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->author_row), author ? author : "");
  for (guint i = 0; i < G_N_ELEMENTS (networks); i++)
    if (networks[i] == network)
      adw_combo_row_set_selected (self->network_row, i);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), text ? text : "", -1);
  gtk_editable_set_text (GTK_EDITABLE (self->link_row), link ? link : "");
  adw_combo_row_set_selected (self->rating_row, CLAMP (rating, 0, 5));
}

/**
 * rounds_comment_dialog_add:
 *
 * Adds the comment as typed, or says what is missing.
 *
 * Returns: whether it was added.
 */
gboolean
rounds_comment_dialog_add (RoundsCommentDialog *self)
{
  g_autofree char *author = NULL;
  g_autofree char *text = NULL;
  g_autofree char *link = NULL;
  g_autoptr(GError) error = NULL;
  guint network = adw_combo_row_get_selected (self->network_row);
  int rating = (int)adw_combo_row_get_selected (self->rating_row);
  RoundsStore *store;

  g_return_val_if_fail (ROUNDS_IS_COMMENT_DIALOG (self), FALSE);

  author = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->author_row))));
  text = g_strstrip (dup_text (self));
  link = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->link_row))));

  if (author[0] == '\0')
    {
      show_error (self, _("Enter who wrote it, as the network shows them"));
      gtk_widget_grab_focus (GTK_WIDGET (self->author_row));
      return FALSE;
    }
  if (text[0] == '\0')
    {
      show_error (self, _("Paste the text of the comment or review"));
      gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
      return FALSE;
    }
  if (link[0] != '\0' && !g_str_has_prefix (link, "https://") && !g_str_has_prefix (link, "http://"))
    {
      show_error (self, _("The link must start with https://"));
      gtk_widget_grab_focus (GTK_WIDGET (self->link_row));
      return FALSE;
    }
  if (network >= G_N_ELEMENTS (networks))
    network = 0;
  if (rating < 0 || rating > 5)
    rating = 0;

  store = rounds_context_get_store (self->context);
  /* The Inbox's own way in for pasted items: kept apart from fetched
   * ones, triaged, with its link, and in the audit log. */
  if (rounds_store_inbox_add_by_hand (store, networks[network], author, text,
                                      link[0] != '\0' ? link : NULL, rating, &error) == 0)
    {
      show_error (self, error->message);
      return FALSE;
    }
  show_error (self, NULL);
  return TRUE;
}

const char *
rounds_comment_dialog_get_error (RoundsCommentDialog *self)
{
  g_return_val_if_fail (ROUNDS_IS_COMMENT_DIALOG (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->error_label))
           ? gtk_label_get_text (self->error_label) : NULL;
}
