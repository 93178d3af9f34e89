/* rounds-post-editor-popover.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-post-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "rounds-editor-rules.h"
#include "rounds-pin-dialog.h"
#include "rounds-post-editor-private.h"

/* The popover that explains a marked span: on pointer hover, or when the
 * cursor moves into the span; Alt+Return or F2 moves into it, Escape
 * closes it. */

/* ------------------------------------------------------------------ */
/* Popover                                                             */

void
_rounds_post_editor_hide_popover (RoundsPostEditor *self)
{
  g_clear_handle_id (&self->hover_timeout_id, g_source_remove);
  if (gtk_widget_get_visible (GTK_WIDGET (self->popover)))
    gtk_popover_popdown (self->popover);
  g_clear_pointer (&self->popover_finding, rounds_finding_unref);
}

void
_rounds_post_editor_show_popover (RoundsPostEditor *self,
                                  RoundsFinding    *finding,
                                  gboolean          from_hover)
{
  RoundsFindingSeverity severity = rounds_finding_get_severity (finding);
  const RoundsFindingAck *ack = _rounds_post_editor_ack_for (self, finding);
  g_autofree char *title = _rounds_post_editor_finding_title (self, finding);
  g_autofree char *replacement = rounds_finding_dup_replacement (finding);
  GtkTextIter s, e;
  GdkRectangle rs, re, rect;
  int wx, wy;

  g_clear_handle_id (&self->hover_timeout_id, g_source_remove);

  if (!_rounds_post_editor_finding_bounds (self, finding, &s, &e))
    return;

  if (self->popover_finding == finding && gtk_widget_get_visible (GTK_WIDGET (self->popover)))
    return;

  g_clear_pointer (&self->popover_finding, rounds_finding_unref);
  self->popover_finding = rounds_finding_ref (finding);
  self->popover_from_hover = from_hover;

  gtk_image_set_from_icon_name (self->popover_icon, _rounds_post_editor_severity_icon (severity));
  gtk_widget_set_css_classes (GTK_WIDGET (self->popover_icon),
                              (const char *[]) { _rounds_post_editor_severity_class (severity), NULL });
  gtk_label_set_text (self->popover_title, title);
  gtk_label_set_text (self->popover_why, rounds_finding_get_message (finding));
  gtk_label_set_text (self->popover_suggestion, rounds_finding_get_suggestion (finding));

  gtk_widget_set_visible (GTK_WIDGET (self->popover_kept), ack != NULL);
  if (ack != NULL)
    {
      /* TRANSLATORS: who kept a flagged passage and why */
      g_autofree char *kept = g_strdup_printf (_("Kept by %s: %s"), ack->actor, ack->reason);
      gtk_label_set_text (self->popover_kept, kept);
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->fix_button), replacement != NULL);
  if (replacement == NULL)
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->fix_button),
                                 _("This needs rewording by hand"));
  else if (replacement[0] == '\0')
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->fix_button), _("Remove these words"));
  else
    {
      /* TRANSLATORS: %s is what the words will be replaced with */
      g_autofree char *tip = g_strdup_printf (_("Replace with “%s”"), replacement);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->fix_button), tip);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->keep_button), ack == NULL);
  gtk_revealer_set_reveal_child (self->keep_revealer, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->keep_entry), "");

  gtk_text_view_get_iter_location (self->text_view, &s, &rs);
  gtk_text_view_get_iter_location (self->text_view, &e, &re);
  if (rs.y != re.y)
    re = rs;  /* wrapped: point at the start */
  gtk_text_view_buffer_to_window_coords (self->text_view, GTK_TEXT_WINDOW_WIDGET, rs.x, rs.y, &wx, &wy);
  rect.x = wx;
  rect.y = wy;
  rect.width = MAX (1, re.x - rs.x);
  rect.height = rs.height;
  gtk_popover_set_pointing_to (self->popover, &rect);
  gtk_popover_popup (self->popover);
}

static gboolean
hover_hide_cb (gpointer data)
{
  RoundsPostEditor *self = data;

  self->hover_timeout_id = 0;
  if (!self->pointer_in_popover && self->popover_from_hover)
    _rounds_post_editor_hide_popover (self);
  return G_SOURCE_REMOVE;
}

static void
on_motion_cb (GtkEventControllerMotion *motion,
              double                    x,
              double                    y,
              RoundsPostEditor         *self)
{
  GtkTextIter iter;
  int bx, by;
  RoundsFinding *finding = NULL;

  gtk_text_view_window_to_buffer_coords (self->text_view, GTK_TEXT_WINDOW_WIDGET, x, y, &bx, &by);
  if (gtk_text_view_get_iter_at_location (self->text_view, &iter, bx, by))
    {
      GdkRectangle r;

      /* Only when the pointer is on the glyphs, not beside a line. */
      gtk_text_view_get_iter_location (self->text_view, &iter, &r);
      if (by >= r.y && by < r.y + r.height)
        finding = _rounds_post_editor_finding_at_offset (self, gtk_text_iter_get_offset (&iter), FALSE);
    }

  if (finding != NULL)
    _rounds_post_editor_show_popover (self, finding, TRUE);
  else if (self->popover_finding != NULL && self->popover_from_hover && self->hover_timeout_id == 0)
    self->hover_timeout_id = g_timeout_add (600, hover_hide_cb, self);
}

static void
on_popover_enter_cb (RoundsPostEditor *self)
{
  self->pointer_in_popover = TRUE;
  g_clear_handle_id (&self->hover_timeout_id, g_source_remove);
}

static void
on_popover_leave_cb (RoundsPostEditor *self)
{
  self->pointer_in_popover = FALSE;
}

static void
on_cursor_moved_cb (RoundsPostEditor *self)
{
  GtkTextIter iter;
  RoundsFinding *finding;

  if (!gtk_widget_has_focus (GTK_WIDGET (self->text_view)))
    return;

  gtk_text_buffer_get_iter_at_mark (self->buffer, &iter, gtk_text_buffer_get_insert (self->buffer));
  finding = _rounds_post_editor_finding_at_offset (self, gtk_text_iter_get_offset (&iter), FALSE);

  if (finding != NULL)
    _rounds_post_editor_show_popover (self, finding, FALSE);
  else if (self->popover_finding != NULL && !self->popover_from_hover)
    _rounds_post_editor_hide_popover (self);
}

static void
on_popover_close_clicked_cb (RoundsPostEditor *self)
{
  _rounds_post_editor_hide_popover (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

static void
on_fix_clicked_cb (RoundsPostEditor *self)
{
  g_autoptr(RoundsFinding) finding = NULL;

  if (self->popover_finding == NULL)
    return;
  finding = rounds_finding_ref (self->popover_finding);
  _rounds_post_editor_hide_popover (self);
  rounds_post_editor_apply_fix (self, finding);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

static void
on_keep_clicked_cb (RoundsPostEditor *self)
{
  gtk_revealer_set_reveal_child (self->keep_revealer, TRUE);
  /* GTK 4.8 sizes a shown popover once: its height for the width it
   * asked for. Now taller, it is shown again at its new size, or the
   * reason's entry and the buttons hang out of it. (The revealer does
   * not slide: it would grow after the popover was sized.) */
  gtk_popover_popdown (self->popover);
  gtk_popover_popup (self->popover);
  gtk_widget_grab_focus (GTK_WIDGET (self->keep_entry));
}

static void
keep_failed (RoundsPostEditor *self,
             const char       *message)
{
  gtk_widget_add_css_class (GTK_WIDGET (self->keep_entry), "error");
  gtk_editable_set_text (GTK_EDITABLE (self->keep_entry), "");
  gtk_entry_set_placeholder_text (self->keep_entry, message);
  gtk_widget_grab_focus (GTK_WIDGET (self->keep_entry));
}

typedef struct
{
  RoundsPostEditor *self;
  RoundsFinding    *finding;
  char             *reason;
} Keep;

static void
keep_free (gpointer data)
{
  Keep *keep = data;

  g_object_unref (keep->self);
  rounds_finding_unref (keep->finding);
  g_free (keep->reason);
  g_free (keep);
}

static void
keep_now (gpointer data)
{
  Keep *keep = data;
  RoundsPostEditor *self = keep->self;
  g_autoptr(GError) error = NULL;

  if (!rounds_post_editor_keep_finding (self, keep->finding, keep->reason, &error))
    {
      keep_failed (self, error->message);
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (self->keep_entry), "error");
  _rounds_post_editor_hide_popover (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

static void
on_keep_confirm_clicked_cb (RoundsPostEditor *self)
{
  g_autofree char *reason = NULL;
  RoundsStore *store;
  Keep *keep;

  if (self->popover_finding == NULL)
    return;

  reason = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->keep_entry))));
  if (reason[0] == '\0')
    {
      keep_failed (self, _("Say why this is kept"));
      return;
    }

  /* With people (issue 20), keeping a problem is an approver's call,
   * signed with their PIN; a post that was never saved has nowhere to
   * keep the decision under that signature yet. */
  store = self->context != NULL ? rounds_context_get_store (self->context) : NULL;
  if (store != NULL && rounds_store_needs_signature (store) && self->post_id == 0 &&
      self->reply_id == 0)
    {
      keep_failed (self, _("Save the post first: keeping a problem takes an approver’s PIN"));
      return;
    }

  keep = g_new0 (Keep, 1);
  keep->self = g_object_ref (self);
  keep->finding = rounds_finding_ref (self->popover_finding);
  keep->reason = g_steal_pointer (&reason);
  if (store == NULL)
    {
      keep_now (keep);
      keep_free (keep);
      return;
    }
  rounds_pin_dialog_run (GTK_WIDGET (self), store, ROUNDS_PIN_PURPOSE_APPROVE,
                         _("Keep This Problem"), _("_Keep"), keep_now, keep, keep_free);
}

static gboolean
on_text_key_pressed_cb (GtkEventControllerKey *key,
                        guint                  keyval,
                        guint                  keycode,
                        GdkModifierType        state,
                        RoundsPostEditor      *self)
{
  /* Escape closes the explanation; Alt+Return (or F2) moves into it. */
  if (keyval == GDK_KEY_Escape && self->popover_finding != NULL)
    {
      _rounds_post_editor_hide_popover (self);
      return TRUE;
    }

  if (self->popover_finding != NULL &&
      (keyval == GDK_KEY_F2 ||
       ((keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter) && (state & GDK_ALT_MASK))))
    {
      if (gtk_widget_get_sensitive (GTK_WIDGET (self->fix_button)))
        gtk_widget_grab_focus (GTK_WIDGET (self->fix_button));
      else
        gtk_widget_grab_focus (GTK_WIDGET (self->keep_button));
      return TRUE;
    }

  return FALSE;
}

static gboolean
on_popover_key_pressed_cb (GtkEventControllerKey *key,
                           guint                  keyval,
                           guint                  keycode,
                           GdkModifierType        state,
                           RoundsPostEditor      *self)
{
  if (keyval == GDK_KEY_Escape)
    {
      on_popover_close_clicked_cb (self);
      return TRUE;
    }
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* Set-up                                                              */

void
_rounds_post_editor_popover_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_popover_close_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_fix_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_keep_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_keep_confirm_clicked_cb);
}

void
_rounds_post_editor_popover_init (RoundsPostEditor *self)
{
  GtkEventController *controller;

  gtk_widget_set_parent (GTK_WIDGET (self->popover), GTK_WIDGET (self->text_view));

  g_signal_connect_object (self->buffer, "notify::cursor-position", G_CALLBACK (on_cursor_moved_cb),
                           self, G_CONNECT_SWAPPED);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (on_motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), controller);

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_text_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), controller);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect_swapped (controller, "enter", G_CALLBACK (on_popover_enter_cb), self);
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (on_popover_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->popover), controller);

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_popover_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->popover), controller);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_view),
                                  GTK_ACCESSIBLE_PROPERTY_KEY_SHORTCUTS, "Alt+Return F2", -1);

}
