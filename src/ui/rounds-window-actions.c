/* rounds-window-actions.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-window"

#include "config.h"

#include <glib/gi18n.h>

#include "rounds-newsletter-dialog.h"
#include "rounds-post-dialog.h"
#include "rounds-store-publish.h"
#include "rounds-toast.h"
#include "rounds-window-private.h"

/* The window's actions. Post operations live here, in one place, so that
 * any page (or a post's own window, or a notification through app.*) can
 * ask for them without knowing which page owns what:
 *
 *   post.open(x)    opens the post with that id in its editor window
 *   post.delete(x)  deletes it, with an Undo toast
 *   post.retry(x)   sends a failed post again (the Retry button)
 *   post.reschedule((xxx)), post.undo-reschedule: rounds-window-moves.c
 *
 * The parameter is the post's id in the window's practice. A post window
 * that asks to delete its post passes the post itself to
 * rounds_window_delete_post(), which refuses a post of another practice
 * (the window may have moved from the sample to the real one since).
 * The accelerators of the app are in rounds-application-actions.c. */

typedef struct
{
  RoundsWindow *window;   /* weak */
  RoundsPost   *deleted;  /* a copy, as it was */
  RoundsStore  *store;    /* where it was deleted from */
} UndoDelete;

static void
undo_delete_free (gpointer  data,
                  GClosure *closure)
{
  UndoDelete *undo = data;

  g_clear_weak_pointer (&undo->window);
  g_clear_object (&undo->deleted);
  g_clear_object (&undo->store);
  g_free (undo);
}

/* Returns: (transfer full) (nullable): the store's post @id */
static RoundsPost *
dup_post (RoundsWindow *self,
          gint64        id)
{
  RoundsContext *context = rounds_window_get_context (self);

  if (context == NULL)
    return NULL;
  return rounds_store_dup_post (rounds_context_get_store (context), id);
}

static void
on_undo_delete_cb (AdwToast   *toast,
                   UndoDelete *undo)
{
  RoundsContext *context;
  g_autoptr(GError) error = NULL;

  if (undo->window == NULL)
    return;

  /* The toast outlives a switch of practice: never restore a post into
   * a practice it was not deleted from (the sample into the real one). */
  context = rounds_window_get_context (undo->window);
  if (context == NULL || rounds_context_get_store (context) != undo->store)
    return;

  if (rounds_store_restore_post (undo->store, undo->deleted, &error) == NULL)
    {
      g_warning ("Could not restore post %" G_GINT64_FORMAT ": %s",
                 rounds_post_get_id (undo->deleted), error->message);
      rounds_window_add_toast (undo->window, rounds_toast_new_plain (error->message));
    }
}

static void
on_dialog_delete_cb (RoundsPostDialog *dialog,
                     RoundsPost       *post,
                     RoundsWindow     *self)
{
  rounds_window_delete_post (self, post);
}

/**
 * rounds_window_open_post:
 * @post: (nullable): the post, or %NULL for a new one
 *
 * Opens a post's editor window over this one (what post.open does).
 *
 * Returns: (transfer none) (nullable): the editor window.
 */
GtkWindow *
rounds_window_open_post (RoundsWindow *self,
                         RoundsPost   *post)
{
  RoundsContext *context;
  RoundsPostDialog *dialog;

  g_return_val_if_fail (ROUNDS_IS_WINDOW (self), NULL);
  g_return_val_if_fail (post == NULL || ROUNDS_IS_POST (post), NULL);

  context = rounds_window_get_context (self);
  if (context == NULL)
    return NULL;

  dialog = rounds_post_dialog_new (context, post);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  g_signal_connect_object (dialog, "delete-requested", G_CALLBACK (on_dialog_delete_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}

/**
 * rounds_window_delete_post:
 *
 * Deletes @post, a post of this window's practice, and offers to undo it
 * from a toast (what post.delete does).
 *
 * Returns: %TRUE when the post was deleted.
 */
gboolean
rounds_window_delete_post (RoundsWindow *self,
                           RoundsPost   *post)
{
  RoundsContext *context;
  RoundsStore *store;
  g_autoptr(RoundsPost) own = NULL;
  g_autoptr(RoundsPost) copy = NULL;
  g_autoptr(GError) error = NULL;
  UndoDelete *undo;
  AdwToast *toast;

  g_return_val_if_fail (ROUNDS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (ROUNDS_IS_POST (post), FALSE);

  context = rounds_window_get_context (self);
  if (context == NULL)
    return FALSE;
  store = rounds_context_get_store (context);

  /* A post window can outlive a switch of practice (a reminder opens the
   * real practice while a sample post is open): delete only this
   * practice's own post, never another one that has the same id. */
  own = rounds_store_dup_post (store, rounds_post_get_id (post));
  if (own != post)
    {
      rounds_window_add_toast (self, adw_toast_new (_("This post belongs to another practice "
                                                      "and was not deleted")));
      return FALSE;
    }

  copy = rounds_post_copy (post);
  if (!rounds_store_delete_post (store, rounds_post_get_id (copy), &error))
    {
      rounds_window_add_toast (self, rounds_toast_new_plain (error->message));
      return FALSE;
    }

  toast = adw_toast_new (_("Post deleted"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  undo = g_new0 (UndoDelete, 1);
  g_set_weak_pointer (&undo->window, self);
  undo->deleted = g_steal_pointer (&copy);
  undo->store = g_object_ref (store);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_delete_cb), undo,
                         undo_delete_free, 0);
  rounds_window_add_toast (self, toast);

  return TRUE;
}

static void
post_open_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  RoundsWindow *self = ROUNDS_WINDOW (widget);
  g_autoptr(RoundsPost) post = dup_post (self, g_variant_get_int64 (param));

  if (post != NULL)
    rounds_window_open_post (self, post);
}

static void
post_delete_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  RoundsWindow *self = ROUNDS_WINDOW (widget);
  g_autoptr(RoundsPost) post = dup_post (self, g_variant_get_int64 (param));

  if (post != NULL)
    rounds_window_delete_post (self, post);
}

/**
 * rounds_window_retry_post:
 *
 * The Retry button of a failed post (what post.retry does): its failed
 * publications go back in the queue, due now, and the queue is woken.
 *
 * Returns: %TRUE when the post was queued again.
 */
gboolean
rounds_window_retry_post (RoundsWindow *self,
                          gint64        post_id)
{
  RoundsContext *context;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (ROUNDS_IS_WINDOW (self), FALSE);

  context = rounds_window_get_context (self);
  if (context == NULL)
    return FALSE;

  if (!rounds_store_retry_post (rounds_context_get_store (context), post_id, &error))
    {
      rounds_window_add_toast (self, rounds_toast_new_plain (error ? error->message
                                                                   : _("There is nothing to "
                                                                       "retry for this post")));
      return FALSE;
    }

  rounds_window_add_toast (self, adw_toast_new (_("Publishing again")));
  return TRUE;
}

static void
post_retry_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  RoundsWindow *self = ROUNDS_WINDOW (widget);

  g_autoptr(RoundsPost) post = dup_post (self, g_variant_get_int64 (param));

  if (post != NULL)
    rounds_window_retry_post (self, g_variant_get_int64 (param));
}

static void
show_place_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  rounds_window_show_place (ROUNDS_WINDOW (widget), g_variant_get_string (param, NULL));
}

static void
new_post_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  RoundsWindow *self = ROUNDS_WINDOW (widget);

  if (rounds_window_get_context (self) == NULL)
    return;

  rounds_window_show_place (self, "posts");
  rounds_window_open_post (self, NULL);
}

/* The monthly newsletter draft (rounds-newsletter-dialog.c). */
static void
newsletter_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  RoundsWindow *self = ROUNDS_WINDOW (widget);
  RoundsNewsletterDialog *dialog;

  if (rounds_window_get_context (self) == NULL)
    return;
  dialog = rounds_newsletter_dialog_new (GTK_WINDOW (self), rounds_window_get_context (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
leave_sample_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  rounds_window_show_welcome (ROUNDS_WINDOW (widget));
}

static void
open_sample_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  /* The sample has its own data (rounds_application_open_sample()): the
   * real practice is closed, not touched, and Leave Sample comes back. */
  rounds_window_explore_sample (ROUNDS_WINDOW (widget));
}

static void
reset_sample_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  rounds_window_reset_sample (ROUNDS_WINDOW (widget));
}

void
_rounds_window_class_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.show-place", "s", show_place_action);
  gtk_widget_class_install_action (widget_class, "win.new-post", NULL, new_post_action);
  gtk_widget_class_install_action (widget_class, "win.newsletter", NULL, newsletter_action);
  gtk_widget_class_install_action (widget_class, "win.leave-sample", NULL, leave_sample_action);
  gtk_widget_class_install_action (widget_class, "win.reset-sample", NULL, reset_sample_action);
  gtk_widget_class_install_action (widget_class, "win.open-sample", NULL, open_sample_action);
  gtk_widget_class_install_action (widget_class, "post.open", "x", post_open_action);
  gtk_widget_class_install_action (widget_class, "post.delete", "x", post_delete_action);
  gtk_widget_class_install_action (widget_class, "post.retry", "x", post_retry_action);
  _rounds_window_class_install_move_actions (widget_class);
}

/* Post actions need a practice; leaving the sample needs the sample;
 * opening the sample from the menu is for a real practice (the welcome
 * page has its own button). */
void
_rounds_window_update_actions (RoundsWindow *self)
{
  RoundsContext *context = rounds_window_get_context (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.leave-sample",
                                 context != NULL && rounds_context_is_sample (context));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reset-sample",
                                 context != NULL && rounds_context_is_sample (context));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-sample",
                                 context != NULL && !rounds_context_is_sample (context));
  /* Offline (the practice server cannot be reached), what changes the
   * practice is off; opening a post shows it read-only. */
  gboolean writable = context != NULL && !_rounds_window_is_read_only (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-post", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.newsletter", context != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "post.open", context != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "post.delete", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "post.retry", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "post.reschedule", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "post.undo-reschedule", writable);
}
