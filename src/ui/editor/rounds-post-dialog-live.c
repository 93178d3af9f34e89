/* rounds-post-dialog-live.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-post-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "rounds-post-dialog-private.h"

/* The post editor beside other computers (issue 20, a practice server):
 *
 * - Someone saves the post on another computer while it is open here:
 *   with nothing changed here, the form shows their version in place;
 *   with unsaved changes, one banner says so and offers See Theirs or
 *   Keep Mine as a Copy. The autosave (this PC's draft file) goes on
 *   meanwhile and never asks anything: one banner, no dialogs.
 * - A save that someone else's overtook (ROUNDS_STORE_ERROR_CONFLICT)
 *   shows the same banner: never a silent overwrite. The choice is
 *   written to the post's audit log.
 * - Someone deletes the post while it is open here (on another computer,
 *   or in this one's calendar): nothing typed is lost. The form stays as
 *   it is and becomes a new post, a banner says what happened, and Save
 *   keeps the text as a new draft; closing lets it go.
 * - The server cannot be reached: a banner says so, the workflow buttons
 *   and Delete are insensitive with a tooltip saying why; the text stays
 *   editable and is kept in this PC's draft file, and a save attempt is
 *   told it was not saved. */

static void
show_remote_banner (RoundsPostDialog *self,
                    const char       *markup,
                    gboolean          with_choice)
{
  gtk_label_set_markup (self->remote_label, markup);
  gtk_widget_set_visible (self->see_theirs_button, with_choice);
  gtk_widget_set_visible (self->keep_copy_button, with_choice);
  gtk_revealer_set_reveal_child (self->remote_revealer, TRUE);
}

static void
show_conflict (RoundsPostDialog *self)
{
  show_remote_banner (self,
                      _("<b>Changed on another computer.</b> Someone saved this post while you "
                        "were editing it; your changes are not saved yet."),
                      TRUE);
}

/* Shows the post as the store has it now, as if just opened. */
static void
load_theirs (RoundsPostDialog *self)
{
  g_clear_object (&self->loaded);
  self->loaded = rounds_post_copy (self->post);
  _rounds_post_dialog_fill_form (self, self->post);
  self->dirty = FALSE;
  _rounds_post_dialog_discard_autosave (self);
  _rounds_post_dialog_show_error (self, NULL);
  _rounds_post_dialog_update_workflow (self);
}

static void
on_post_changed_cb (RoundsPostDialog *self,
                    RoundsPost       *post)
{
  if (self->post == NULL || self->loaded == NULL || self->saving ||
      rounds_post_get_id (post) != rounds_post_get_id (self->post))
    return;

  /* A status move (submitted, approved, going out) keeps the text: the
   * workflow follows. Only a save of the text raises the version. */
  if (rounds_post_get_version (post) == rounds_post_get_version (self->loaded))
    {
      _rounds_post_dialog_update_workflow (self);
      return;
    }

  if (!self->dirty)
    {
      g_debug ("Post %" G_GINT64_FORMAT " changed elsewhere; showing it", rounds_post_get_id (post));
      load_theirs (self);
      return;
    }
  if (!gtk_revealer_get_reveal_child (self->remote_revealer) ||
      !gtk_widget_get_visible (self->see_theirs_button))
    show_conflict (self);
}

static void
on_post_removed_cb (RoundsPostDialog *self,
                    gint64            id)
{
  g_autofree char *old_slot = NULL;

  if (self->post == NULL || rounds_post_get_id (self->post) != id ||
      !gtk_widget_get_visible (GTK_WIDGET (self)))
    return;

  g_debug ("Post %" G_GINT64_FORMAT " was deleted while open; the form becomes a new post", id);
  /* The text goes to the new post's autosave slot before the old one
   * is let go: a crash now still brings it back. */
  old_slot = g_steal_pointer (&self->autosave_slot);
  g_clear_object (&self->post);
  g_clear_object (&self->loaded);
  self->autosave_slot = rounds_autosave_slot_for_post (0);
  if (rounds_post_dialog_autosave_now (self))
    {
      g_autoptr(GError) error = NULL;

      if (!rounds_store_clear_autosave (_rounds_post_dialog_get_store (self), old_slot, &error))
        g_warning ("Could not discard the autosave of the deleted post: %s", error->message);
    }
  self->dirty = TRUE;
  rounds_post_editor_set_post_id (self->editor, 0);
  adw_window_title_set_title (self->window_title, _("New Post"));
  _rounds_post_dialog_update_workflow (self);
  show_remote_banner (self,
                      _("<b>Deleted while open.</b> Someone deleted this post while you had it "
                        "open. Your text is still here: save to keep it as a new draft, or "
                        "close the window to let it go."),
                      FALSE);
}

static void
update_online (RoundsPostDialog *self)
{
  RoundsStore *store = _rounds_post_dialog_get_store (self);
  gboolean online = rounds_store_get_online (store);
  const char *why = _("Not now: the practice server cannot be reached");

  gtk_revealer_set_reveal_child (self->offline_revealer, !online);
  gtk_widget_set_sensitive (self->workflow_box, online);
  gtk_widget_set_tooltip_text (self->workflow_box, online ? NULL : why);
  gtk_widget_set_sensitive (GTK_WIDGET (self->delete_button), online);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->delete_button), online ? NULL : why);
  gtk_widget_set_sensitive (self->keep_copy_button, online);
  gtk_widget_set_tooltip_text (self->keep_copy_button,
                               online ? _("Save your text as a new draft, then show the version "
                                          "saved on the other computer")
                                      : why);
}

void
_rounds_post_dialog_watch_store (RoundsPostDialog *self)
{
  RoundsStore *store = _rounds_post_dialog_get_store (self);

  g_signal_connect_object (store, "post-changed", G_CALLBACK (on_post_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "post-removed", G_CALLBACK (on_post_removed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "notify::online", G_CALLBACK (update_online), self,
                           G_CONNECT_SWAPPED);
  update_online (self);
}

/* After rounds_post_dialog_save() wrote the post */
void
_rounds_post_dialog_saved (RoundsPostDialog *self)
{
  g_clear_object (&self->loaded);
  self->loaded = rounds_post_copy (self->post);
  self->dirty = FALSE;
  gtk_revealer_set_reveal_child (self->remote_revealer, FALSE);
}

void
_rounds_post_dialog_save_failed (RoundsPostDialog *self,
                                 RoundsPost       *edited,
                                 const GError     *error)
{
  g_debug ("Post %" G_GINT64_FORMAT " was not saved: %s", rounds_post_get_id (edited),
           error->message);
  if (g_error_matches (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_CONFLICT))
    {
      _rounds_post_dialog_show_error (self, NULL);
      show_conflict (self);
      return;
    }
  if (g_error_matches (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_OFFLINE))
    {
      g_autofree char *message = NULL;

      /* Kept on this computer at once, not at the next autosave */
      rounds_post_dialog_autosave_now (self);
      message = g_strdup_printf ("%s %s", _("Not saved: the practice server cannot be reached."),
                                 _("Your text stays here and on this computer; save again when "
                                   "the server is back."));
      _rounds_post_dialog_show_error (self, message);
      return;
    }
  g_warning ("Could not save post %" G_GINT64_FORMAT ": %s", rounds_post_get_id (edited),
             error->message);
  _rounds_post_dialog_show_error (self, error->message);
}

void
_rounds_post_dialog_on_see_theirs_clicked (RoundsPostDialog *self)
{
  g_autoptr(GError) error = NULL;

  if (self->post == NULL)
    return;
  if (!rounds_store_record_conflict (_rounds_post_dialog_get_store (self),
                                     rounds_post_get_id (self->post), NULL, 0, &error))
    g_warning ("Could not note the conflict of post %" G_GINT64_FORMAT ": %s",
               rounds_post_get_id (self->post), error->message);
  gtk_revealer_set_reveal_child (self->remote_revealer, FALSE);
  load_theirs (self);
}

void
_rounds_post_dialog_on_keep_copy_clicked (RoundsPostDialog *self)
{
  g_autoptr(RoundsPost) mine = NULL;
  g_autoptr(RoundsPost) copy = rounds_post_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *markup = NULL;
  g_autofree char *title = NULL;
  RoundsStore *store = _rounds_post_dialog_get_store (self);
  RoundsPost *saved;

  if (self->post == NULL)
    return;

  mine = _rounds_post_dialog_build_draft (self);
  if (rounds_post_get_title (mine)[0] != '\0')
    {
      /* TRANSLATORS: the title of the new draft that keeps one's own
       * version of a post someone else saved meanwhile */
      title = g_strdup_printf (_("%s (copy)"), rounds_post_get_title (mine));
      rounds_post_set_title (copy, title);
      g_clear_pointer (&title, g_free);
    }
  rounds_post_set_body (copy, rounds_post_get_body (mine));
  rounds_post_set_networks (copy, rounds_post_get_networks (mine));
  rounds_post_set_scheduled_at (copy, rounds_post_get_scheduled_at (mine));
  saved = rounds_store_save_post (store, copy, &error);
  if (saved == NULL)
    {
      _rounds_post_dialog_show_error (self, error->message);
      return;
    }
  if (!rounds_store_record_conflict (store, rounds_post_get_id (self->post), mine,
                                     rounds_post_get_id (saved), &error))
    g_warning ("Could not note the conflict of post %" G_GINT64_FORMAT ": %s",
               rounds_post_get_id (self->post), error->message);

  load_theirs (self);
  title = g_markup_escape_text (rounds_post_get_title (saved)[0] != '\0'
                                  ? rounds_post_get_title (saved) : _("Untitled"), -1);
  /* TRANSLATORS: %s is the title of the new draft */
  markup = g_strdup_printf (_("Your version was saved as a new draft, “%s”. This window now "
                              "shows the version saved on the other computer."), title);
  show_remote_banner (self, markup, FALSE);
}
