/* rounds-post-dialog.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-post-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "rounds-post-dialog.h"
#include "rounds-time.h"

/* A plain post editor: title, text, networks, and an optional date and
 * time in practice time. It works on a copy of the post and writes it
 * through the store on Save. The compliance editor (live highlighting,
 * approval) replaces the text area in its own issue. */

struct _RoundsPostDialog
{
  AdwWindow       parent_instance;

  RoundsContext  *context;
  RoundsPost     *post;       /* the store's own, or NULL for a new post */
  GTimeZone      *tz;
  GPtrArray      *network_checks;

  AdwWindowTitle *window_title;
  AdwEntryRow    *title_row;
  GtkTextView    *body_view;
  AdwPreferencesGroup *networks_group;
  GtkSwitch      *schedule_switch;
  AdwActionRow   *date_row;
  AdwActionRow   *time_row;
  GtkMenuButton  *date_button;
  GtkCalendar    *calendar;
  GtkSpinButton  *hour_spin;
  GtkSpinButton  *minute_spin;
  AdwPreferencesGroup *schedule_group;
  AdwActionRow   *status_row;
  GtkLabel       *error_label;
  GtkButton      *delete_button;
};

G_DEFINE_FINAL_TYPE (RoundsPostDialog, rounds_post_dialog, ADW_TYPE_WINDOW)

enum {
  DELETE_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_date_label (RoundsPostDialog *self)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (self->calendar);
  g_autofree char *label = g_date_time_format (date, _("%A %-d %B %Y"));

  gtk_menu_button_set_label (self->date_button, label);
}

static void
on_calendar_day_selected_cb (RoundsPostDialog *self)
{
  update_date_label (self);
}

static void
on_schedule_active_cb (RoundsPostDialog *self)
{
  gboolean active = gtk_switch_get_active (self->schedule_switch);

  gtk_widget_set_sensitive (GTK_WIDGET (self->date_row), active);
  gtk_widget_set_sensitive (GTK_WIDGET (self->time_row), active);
}

static void
on_cancel_clicked_cb (RoundsPostDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
on_save_clicked_cb (RoundsPostDialog *self)
{
  if (rounds_post_dialog_save (self))
    gtk_window_close (GTK_WINDOW (self));
}

static void
on_delete_clicked_cb (RoundsPostDialog *self)
{
  g_autoptr(RoundsPostDialog) hold = g_object_ref (self);

  if (self->post == NULL)
    return;

  gtk_window_close (GTK_WINDOW (self));
  g_signal_emit (self, signals[DELETE_REQUESTED], 0, self->post);
}

static gboolean
on_spin_output_cb (GtkSpinButton *spin)
{
  g_autofree char *text = g_strdup_printf ("%02d", gtk_spin_button_get_value_as_int (spin));

  gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  on_save_clicked_cb (ROUNDS_POST_DIALOG (widget));
}

static void
rounds_post_dialog_dispose (GObject *object)
{
  RoundsPostDialog *self = (RoundsPostDialog *)object;

  g_clear_object (&self->context);
  g_clear_object (&self->post);
  g_clear_pointer (&self->tz, g_time_zone_unref);
  g_clear_pointer (&self->network_checks, g_ptr_array_unref);
  G_OBJECT_CLASS (rounds_post_dialog_parent_class)->dispose (object);
}

static void
rounds_post_dialog_class_init (RoundsPostDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rounds_post_dialog_dispose;

  /**
   * RoundsPostDialog::delete-requested:
   * @post: the store's post
   *
   * The user asked to delete the post; the owner deletes it (with undo).
   */
  signals[DELETE_REQUESTED] =
    g_signal_new ("delete-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, ROUNDS_TYPE_POST);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/rounds-post-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RoundsPostDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, RoundsPostDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, RoundsPostDialog, body_view);
  gtk_widget_class_bind_template_child (widget_class, RoundsPostDialog, networks_group);
  gtk_widget_class_bind_template_child (widget_class, RoundsPostDialog, schedule_switch);
  gtk_widget_class_bind_template_child (widget_class, RoundsPostDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, RoundsPostDialog, time_row);
  gtk_widget_class_bind_template_child (widget_class, RoundsPostDialog, date_button);
  gtk_widget_class_bind_template_child (widget_class, RoundsPostDialog, calendar);
  gtk_widget_class_bind_template_child (widget_class, RoundsPostDialog, hour_spin);
  gtk_widget_class_bind_template_child (widget_class, RoundsPostDialog, minute_spin);
  gtk_widget_class_bind_template_child (widget_class, RoundsPostDialog, schedule_group);
  gtk_widget_class_bind_template_child (widget_class, RoundsPostDialog, status_row);
  gtk_widget_class_bind_template_child (widget_class, RoundsPostDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, RoundsPostDialog, delete_button);
  gtk_widget_class_bind_template_callback (widget_class, on_calendar_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_schedule_active_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_delete_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_spin_output_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rounds_post_dialog_init (RoundsPostDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->network_checks = g_ptr_array_new ();

  for (guint i = 0; i < ROUNDS_N_NETWORKS; i++)
    {
      RoundsNetwork network = rounds_network_from_index (i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), rounds_network_get_label (network));
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      rounds_network_get_label (network), -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_preferences_group_add (self->networks_group, row);
      g_ptr_array_add (self->network_checks, check);
    }
}

static void
fill (RoundsPostDialog *self)
{
  RoundsPost *post = self->post;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->body_view);
  RoundsPractice *practice = rounds_store_get_practice (rounds_context_get_store (self->context));
  g_autofree char *zone_note = NULL;
  gint64 when;
  g_autoptr(GDateTime) local = NULL;
  RoundsNetwork networks = post ? rounds_post_get_networks (post) : ROUNDS_NETWORK_FACEBOOK;

  adw_window_title_set_title (self->window_title, post ? _("Edit Post") : _("New Post"));

  gtk_editable_set_text (GTK_EDITABLE (self->title_row), post ? rounds_post_get_title (post) : "");
  gtk_text_buffer_set_text (buffer, post ? rounds_post_get_body (post) : "", -1);

  for (guint i = 0; i < ROUNDS_N_NETWORKS; i++)
    gtk_check_button_set_active (g_ptr_array_index (self->network_checks, i),
                                 (networks & rounds_network_from_index (i)) != 0);

  when = post ? rounds_post_get_scheduled_at (post) : 0;
  gtk_switch_set_active (self->schedule_switch, when > 0);
  if (when == 0)
    {
      /* Default: tomorrow at 09:00, practice time. */
      gint64 now = rounds_clock_get_now (rounds_context_get_clock (self->context));
      g_autoptr(GDateTime) today = rounds_time_to_local (self->tz, now);
      g_autoptr(GDateTime) tomorrow = g_date_time_add_days (today, 1);

      when = rounds_time_from_local (self->tz, g_date_time_get_year (tomorrow),
                                     g_date_time_get_month (tomorrow),
                                     g_date_time_get_day_of_month (tomorrow), 9, 0);
    }
  local = rounds_time_to_local (self->tz, when);
  gtk_calendar_select_day (self->calendar, local);
  gtk_spin_button_set_value (self->hour_spin, g_date_time_get_hour (local));
  gtk_spin_button_set_value (self->minute_spin, g_date_time_get_minute (local));
  update_date_label (self);
  on_schedule_active_cb (self);

  /* TRANSLATORS: %s is a time zone such as America/Chicago */
  zone_note = g_strdup_printf (_("Times are in the practice’s time zone, %s."),
                               rounds_practice_get_timezone (practice)[0]
                                 ? rounds_practice_get_timezone (practice)
                                 : g_time_zone_get_identifier (self->tz));
  adw_preferences_group_set_description (self->schedule_group, zone_note);

  if (post != NULL)
    {
      const char *error = rounds_post_get_last_error (post);

      const char *label = rounds_post_status_get_label (rounds_post_get_status (post));
      g_autofree char *subtitle = NULL;

      if (error != NULL && *error != '\0')
        /* TRANSLATORS: a status and the network's error, "Failed — The token has expired" */
        subtitle = g_strdup_printf (_("%s — %s"), label, error);
      adw_action_row_set_subtitle (self->status_row, subtitle ? subtitle : label);
    }
  else
    adw_action_row_set_subtitle (self->status_row,
                                 rounds_post_status_get_label (ROUNDS_POST_STATUS_DRAFT));

  gtk_widget_set_visible (GTK_WIDGET (self->delete_button), post != NULL);
}

/**
 * rounds_post_dialog_new:
 * @post: (nullable): the store's post to edit, or %NULL for a new one
 */
RoundsPostDialog *
rounds_post_dialog_new (RoundsContext *context,
                        RoundsPost    *post)
{
  RoundsPostDialog *self;

  g_return_val_if_fail (ROUNDS_IS_CONTEXT (context), NULL);

  self = g_object_new (ROUNDS_TYPE_POST_DIALOG, NULL);
  self->context = g_object_ref (context);
  self->post = post ? g_object_ref (post) : NULL;
  self->tz = rounds_context_dup_time_zone (context);
  fill (self);

  return self;
}

/**
 * rounds_post_dialog_get_post:
 *
 * Returns: (transfer none) (nullable): the post being edited; after a
 *   successful save of a new post, the new post.
 */
RoundsPost *
rounds_post_dialog_get_post (RoundsPostDialog *self)
{
  g_return_val_if_fail (ROUNDS_IS_POST_DIALOG (self), NULL);
  return self->post;
}

/**
 * rounds_post_dialog_save:
 *
 * Writes the form to the store. Shows what is wrong instead when the
 * post is empty or the store refuses it.
 *
 * Returns: whether the post was saved.
 */
gboolean
rounds_post_dialog_save (RoundsPostDialog *self)
{
  g_autoptr(RoundsPost) edited = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) day = NULL;
  g_autofree char *body = NULL;
  g_autofree char *title = NULL;
  g_autofree char *stripped = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  RoundsNetwork networks = ROUNDS_NETWORK_NONE;
  RoundsPost *saved;

  g_return_val_if_fail (ROUNDS_IS_POST_DIALOG (self), FALSE);

  buffer = gtk_text_view_get_buffer (self->body_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  body = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));

  stripped = g_strstrip (g_strdup (body));
  if (stripped[0] == '\0' && title[0] == '\0')
    {
      gtk_label_set_text (self->error_label, _("Write the post before saving it."));
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->body_view));
      return FALSE;
    }

  edited = self->post ? rounds_post_copy (self->post) : rounds_post_new ();
  rounds_post_set_title (edited, title);
  rounds_post_set_body (edited, body);

  for (guint i = 0; i < ROUNDS_N_NETWORKS; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->network_checks, i)))
      networks |= rounds_network_from_index (i);
  rounds_post_set_networks (edited, networks);

  if (gtk_switch_get_active (self->schedule_switch))
    {
      day = gtk_calendar_get_date (self->calendar);
      rounds_post_set_scheduled_at (edited,
                                    rounds_time_from_local (self->tz,
                                                            g_date_time_get_year (day),
                                                            g_date_time_get_month (day),
                                                            g_date_time_get_day_of_month (day),
                                                            gtk_spin_button_get_value_as_int (self->hour_spin),
                                                            gtk_spin_button_get_value_as_int (self->minute_spin)));
    }
  else
    rounds_post_set_scheduled_at (edited, 0);

  saved = rounds_store_save_post (rounds_context_get_store (self->context), edited, &error);
  if (saved == NULL)
    {
      g_warning ("Could not save post %" G_GINT64_FORMAT ": %s",
                 rounds_post_get_id (edited), error->message);
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return FALSE;
    }

  g_set_object (&self->post, saved);
  return TRUE;
}
