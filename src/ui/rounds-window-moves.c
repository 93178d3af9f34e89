/* rounds-window-moves.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-window"

#include "config.h"

#include <glib/gi18n.h>

#include "rounds-store-calendar.h"
#include "rounds-time.h"
#include "rounds-toast.h"
#include "rounds-window-private.h"

/* Moving a post to another time, for every page of the window:
 *
 *   post.reschedule((xxx))  (post id, occurrence, new time)
 *   post.undo-reschedule    undoes the latest move
 *
 * The occurrence is the time (UTC, seconds) of the occurrence being
 * moved: a repeating post has one per repetition, and the one dragged
 * says which moves. 0 means the post's own time (or none, for a draft).
 * The new time is UTC seconds. A triple rather than (post id, time): with
 * the post id and the new time alone, a drag of a repeating post's third
 * occurrence could not say which one it was.
 *
 * The store decides what may move (a published post may not; a toast
 * says why), a repeating post asks whether to move this occurrence or
 * this and the following ones, and every move made pushes an undo entry:
 * the toast's Undo button undoes that move, post.undo-reschedule (Ctrl+Z
 * in the Calendar) the latest. The entries belong to the practice they
 * were made in and are dropped when the window changes practice. */

#define MAX_UNDO 50

struct _RoundsWindowMoves
{
  GQueue undo_stack;   /* UndoEntry, newest at the head */
};

typedef struct
{
  RoundsMoveUndo *undo;
  RoundsStore    *store;   /* where the move was made */
  AdwToast       *toast;   /* weak */
} UndoEntry;

typedef struct
{
  RoundsWindow *window;    /* weak */
  RoundsStore  *store;
  gint64        post_id;
  gint64        occurrence;
  gint64        to;
} PendingMove;

static void
undo_entry_free (UndoEntry *entry)
{
  g_clear_pointer (&entry->undo, rounds_move_undo_free);
  g_clear_object (&entry->store);
  g_clear_weak_pointer (&entry->toast);
  g_free (entry);
}

static void
pending_move_free (PendingMove *move)
{
  g_clear_weak_pointer (&move->window);
  g_clear_object (&move->store);
  g_free (move);
}

static RoundsStore *
get_store (RoundsWindow *self)
{
  RoundsContext *context = rounds_window_get_context (self);

  return context != NULL ? rounds_context_get_store (context) : NULL;
}

static void
toast_text (RoundsWindow *self,
            const char   *text)
{
  AdwToast *toast = rounds_toast_new_plain (text);

  adw_toast_set_timeout (toast, 4);
  rounds_window_add_toast (self, toast);
}

static gboolean
undo_entry (RoundsWindow *self,
            UndoEntry    *entry)
{
  RoundsWindowMoves *moves = _rounds_window_get_moves (self);
  g_autoptr(GError) error = NULL;
  gboolean ok = FALSE;

  g_queue_remove (&moves->undo_stack, entry);
  if (entry->toast != NULL)
    adw_toast_dismiss (entry->toast);
  /* Never undo into another practice than the one it was made in. */
  if (entry->store == get_store (self))
    {
      ok = rounds_store_undo_move (entry->store, entry->undo, &error);
      if (!ok)
        toast_text (self, error->message);
    }
  undo_entry_free (entry);
  return ok;
}

static void
on_undo_button_cb (AdwToast     *toast,
                   RoundsWindow *self)
{
  RoundsWindowMoves *moves = _rounds_window_get_moves (self);

  for (GList *l = moves->undo_stack.head; l != NULL; l = l->next)
    {
      UndoEntry *entry = l->data;

      if (entry->toast == toast)
        {
          undo_entry (self, entry);
          return;
        }
    }
}

static void
moved (RoundsWindow   *self,
       RoundsStore    *store,
       RoundsMoveUndo *undo,
       gint64          to_utc)
{
  RoundsWindowMoves *moves = _rounds_window_get_moves (self);
  g_autoptr(GTimeZone) tz = rounds_context_dup_time_zone (rounds_window_get_context (self));
  /* TRANSLATORS: the day a post was moved to, in a toast: "Tue 14" */
  g_autofree char *day = rounds_time_format (tz, to_utc, _("%a %-d"));
  /* TRANSLATORS: %s is a day ("Tue 14") */
  g_autofree char *title = g_strdup_printf (_("Moved to %s"), day);
  UndoEntry *entry = g_new0 (UndoEntry, 1);
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_button_cb), self, 0);
  entry->undo = undo;
  entry->store = g_object_ref (store);
  g_set_weak_pointer (&entry->toast, toast);
  g_queue_push_head (&moves->undo_stack, entry);
  while (g_queue_get_length (&moves->undo_stack) > MAX_UNDO)
    undo_entry_free (g_queue_pop_tail (&moves->undo_stack));

  rounds_window_add_toast (self, toast);
}

static void
on_repeating_response_cb (AdwMessageDialog *dialog,
                          const char       *response,
                          PendingMove      *move)
{
  RoundsMoveScope scope;
  g_autoptr(GError) error = NULL;
  RoundsMoveUndo *undo;

  if (g_str_equal (response, "this"))
    scope = ROUNDS_MOVE_SCOPE_THIS;
  else if (g_str_equal (response, "following"))
    scope = ROUNDS_MOVE_SCOPE_FOLLOWING;
  else
    return;

  /* The window may have closed, or changed practice, while it asked. */
  if (move->window == NULL || get_store (move->window) != move->store)
    return;

  undo = rounds_store_move_occurrence (move->store, move->post_id, move->occurrence, move->to,
                                       scope, &error);
  if (undo == NULL)
    {
      toast_text (move->window, error->message);
      return;
    }
  moved (move->window, move->store, undo, move->to);
}

static void
ask_repeating (RoundsWindow *self,
               RoundsStore  *store,
               gint64        post_id,
               gint64        occurrence,
               gint64        to_utc)
{
  AdwMessageDialog *dialog;
  PendingMove *move = g_new0 (PendingMove, 1);

  g_set_weak_pointer (&move->window, self);
  move->store = g_object_ref (store);
  move->post_id = post_id;
  move->occurrence = occurrence;
  move->to = to_utc;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Move a Repeating Post?"),
                                                       _("This post repeats. Move only this "
                                                         "one, or this one and the ones "
                                                         "after it?")));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "this", _("_Only This One"),
                                    "following", _("This and _Future Ones"),
                                    NULL);
  adw_message_dialog_set_default_response (dialog, "this");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_repeating_response_cb), move,
                         (GClosureNotify)(void (*) (void))pending_move_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
reschedule (RoundsWindow *self,
            gint64        post_id,
            gint64        occurrence,
            gint64        to_utc)
{
  RoundsStore *store = get_store (self);
  g_autoptr(RoundsRecurrence) rule = NULL;
  g_autoptr(GError) error = NULL;
  RoundsMoveUndo *undo;
  g_autoptr(RoundsPost) post = NULL;

  if (store == NULL || to_utc <= 0)
    return;
  post = rounds_store_dup_post (store, post_id);
  if (post == NULL)
    return;
  if (occurrence <= 0)
    occurrence = rounds_post_get_scheduled_at (post);
  if (occurrence == to_utc)
    return;

  if (!rounds_store_check_move (store, post, to_utc, ROUNDS_MOVE_DEFAULT, &error))
    {
      toast_text (self, error->message);
      return;
    }

  rule = rounds_store_dup_recurrence (store, post_id);
  if (rule != NULL)
    {
      ask_repeating (self, store, post_id, occurrence, to_utc);
      return;
    }

  undo = rounds_store_move_post (store, post_id, to_utc, ROUNDS_MOVE_DEFAULT, &error);
  if (undo == NULL)
    {
      toast_text (self, error->message);
      return;
    }
  moved (self, store, undo, to_utc);
}

static void
post_reschedule_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  gint64 post_id, occurrence, to;

  g_variant_get (param, "(xxx)", &post_id, &occurrence, &to);
  reschedule (ROUNDS_WINDOW (widget), post_id, occurrence, to);
}

static void
post_undo_reschedule_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *param)
{
  RoundsWindow *self = ROUNDS_WINDOW (widget);
  RoundsWindowMoves *moves = _rounds_window_get_moves (self);

  if (g_queue_is_empty (&moves->undo_stack))
    {
      toast_text (self, _("Nothing to undo"));
      return;
    }
  undo_entry (self, g_queue_peek_head (&moves->undo_stack));
}

RoundsWindowMoves *
_rounds_window_moves_new (void)
{
  RoundsWindowMoves *moves = g_new0 (RoundsWindowMoves, 1);

  g_queue_init (&moves->undo_stack);
  return moves;
}

/* The practice changed: what was moved in the old one cannot be undone
 * from this one. */
void
_rounds_window_moves_clear (RoundsWindowMoves *moves)
{
  g_queue_clear_full (&moves->undo_stack, (GDestroyNotify)undo_entry_free);
}

void
_rounds_window_moves_free (RoundsWindowMoves *moves)
{
  _rounds_window_moves_clear (moves);
  g_free (moves);
}

void
_rounds_window_class_install_move_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "post.reschedule", "(xxx)",
                                   post_reschedule_action);
  gtk_widget_class_install_action (widget_class, "post.undo-reschedule", NULL,
                                   post_undo_reschedule_action);
}
