/* rounds-window.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-window"

#include "config.h"

#include <glib/gi18n.h>

#include "rounds-insights-page.h"
#include "rounds-plan-page.h"
#include "rounds-calendar-page.h"
#include "rounds-inbox-page.h"
#include "rounds-person-button.h"
#include "rounds-posts-page.h"
#include "rounds-practice-form.h"
#include "rounds-welcome-page.h"
#include "rounds-application-private.h"
#include "rounds-window-private.h"

/* The main window. Three screens in a stack: the welcome page (first
 * start), the practice set-up form, and the practice itself with its five
 * places — Plan, Calendar, Posts, Inbox, Insights — in an AdwViewStack,
 * switched from the header bar (or the bottom bar when narrow) and with
 * Alt+1…5. */

struct _RoundsWindow
{
  AdwApplicationWindow  parent_instance;

  RoundsContext        *context;
  GSettings            *settings;
  gulong                practice_handler;

  AdwToastOverlay      *toast_overlay;
  GtkStack             *screen_stack;
  RoundsWelcomePage    *welcome_page;
  AdwBin               *setup_slot;
  RoundsPracticeForm   *practice_form;   /* in setup_slot, made when first needed */
  GtkWidget            *setup_back_button;
  AdwViewStack         *view_stack;
  AdwViewSwitcherTitle *switcher_title;
  GtkRevealer          *sample_banner;
  GtkRevealer          *offline_banner;
  GtkLabel             *offline_label;
  GtkWidget            *new_post_button;
  gulong                online_handler;
  RoundsPersonButton   *person_button;
  RoundsPostsPage      *posts_page;
  RoundsInboxPage      *inbox_page;
  GtkRevealer          *loading_revealer;
  GtkSpinner           *loading_spinner;

  GCancellable         *loading;         /* the practice opening on a worker */
  guint                 loading_timeout; /* shows the placeholder if it takes long */
  gint64                placeholder_at;  /* when the placeholder showed, or 0 */
  guint                 opened_source;   /* shows the opened practice a little later */
  RoundsContext        *opened;          /* opened, waiting for the first frame */
  GError               *open_error;      /* or what kept it closed */
  gboolean              painted;         /* the first frame is on screen */
  gulong                paint_handler;   /* the first frame */

  RoundsWindowMoves    *moves;   /* owned: post.reschedule's undo stack */
};

G_DEFINE_FINAL_TYPE (RoundsWindow, rounds_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const places[] = { "plan", "calendar", "posts", "inbox", "insights" };

static void on_practice_form_saved_cb (RoundsWindow   *self,
                                       RoundsPractice *practice);

static RoundsApplication *
get_app (RoundsWindow *self)
{
  return ROUNDS_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
}

static void
update_titles (RoundsWindow *self)
{
  RoundsPractice *practice;
  const char *name;

  if (self->context == NULL)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Rounds"));
      return;
    }

  practice = rounds_store_get_practice (rounds_context_get_store (self->context));
  name = rounds_practice_get_name (practice);

  if (rounds_context_is_sample (self->context))
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Sample practice — Rounds"));
      adw_view_switcher_title_set_title (self->switcher_title, _("Sample practice"));
      adw_view_switcher_title_set_subtitle (self->switcher_title, name);
    }
  else
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Rounds"));
      adw_view_switcher_title_set_title (self->switcher_title, _("Rounds"));
      adw_view_switcher_title_set_subtitle (self->switcher_title, name);
    }
}

static void
on_practice_changed_cb (RoundsWindow *self)
{
  update_titles (self);
}

/* The practice server cannot be reached: say so and why, and that what
 * shows is the last data, read-only; editing actions are off
 * (_rounds_window_update_actions()). */
static void
update_offline_banner (RoundsWindow *self)
{
  RoundsStore *store = self->context != NULL ? rounds_context_get_store (self->context) : NULL;
  gboolean offline = store != NULL && !rounds_store_get_online (store);

  if (offline)
    {
      const char *reason = rounds_store_get_offline_reason (store);
      g_autofree char *escaped = g_markup_escape_text (reason != NULL ? reason : "", -1);
      /* TRANSLATORS: %s is why, in the words of the database library
       * ("connection refused", "could not connect to server …") */
      g_autofree char *text = g_strdup_printf (_("<b>The practice server cannot be reached.</b> "
                                                 "Showing the last data, read-only; Rounds keeps "
                                                 "trying to reconnect. Scheduled posts and "
                                                 "reminders do not go out from this PC until it "
                                                 "is back. (%s)"), escaped);

      gtk_label_set_markup (self->offline_label, text);
    }
  gtk_revealer_set_reveal_child (self->offline_banner, offline);
  gtk_widget_set_tooltip_text (self->new_post_button,
                               offline ? _("New Post (not now: the practice server cannot be reached)")
                                       : _("New Post"));
  _rounds_window_update_actions (self);
}

static void
on_offline_retry_clicked_cb (RoundsWindow *self)
{
  if (self->context != NULL)
    rounds_store_reconnect (rounds_context_get_store (self->context));
}

/**
 * _rounds_window_is_read_only:
 *
 * Returns: whether the practice cannot be changed now: its server cannot
 *   be reached.
 */
gboolean
_rounds_window_is_read_only (RoundsWindow *self)
{
  return self->context != NULL && !rounds_store_get_online (rounds_context_get_store (self->context));
}

/* Plan, Calendar and Insights are built when first shown, not with the
 * window: together with the set-up form they were most of the window's
 * template, and the first frame waited for them (bench/README.md, "The
 * window first"). Their stack pages hold an AdwBin until then. Posts and
 * Inbox are small and are part of the template: the Inbox's badge and
 * the post actions need them from the start.
 *
 * rounds_window_new_place:
 * @name: a place built when first shown: "plan", "calendar" or "insights"
 *
 * Returns: (transfer floating) (nullable): its page, NULL for any other
 *   place (bench-switch makes them as the window does)
 */
GtkWidget *
rounds_window_new_place (const char *name)
{
  if (g_str_equal (name, "plan"))
    return g_object_new (ROUNDS_TYPE_PLAN_PAGE, NULL);
  if (g_str_equal (name, "calendar"))
    return g_object_new (ROUNDS_TYPE_CALENDAR_PAGE, NULL);
  if (g_str_equal (name, "insights"))
    return g_object_new (ROUNDS_TYPE_INSIGHTS_PAGE, NULL);
  return NULL;
}

/**
 * rounds_window_set_place_context:
 *
 * Gives a page made by rounds_window_new_place () its practice.
 */
void
rounds_window_set_place_context (GtkWidget     *page,
                                 RoundsContext *context)
{
  if (ROUNDS_IS_PLAN_PAGE (page))
    rounds_plan_page_set_context (ROUNDS_PLAN_PAGE (page), context);
  else if (ROUNDS_IS_CALENDAR_PAGE (page))
    rounds_calendar_page_set_context (ROUNDS_CALENDAR_PAGE (page), context);
  else if (ROUNDS_IS_INSIGHTS_PAGE (page))
    rounds_insights_page_set_context (ROUNDS_INSIGHTS_PAGE (page), context);
}

/* Returns: (transfer none) (nullable): the page of a lazily built place,
 * made now when @build, else only if it was made already. */
static GtkWidget *
lazy_place (RoundsWindow *self,
            const char   *name,
            gboolean      build)
{
  GtkWidget *slot = adw_view_stack_get_child_by_name (self->view_stack, name);
  GtkWidget *page;

  if (!ADW_IS_BIN (slot))
    return NULL;
  page = adw_bin_get_child (ADW_BIN (slot));
  if (page != NULL || !build || (page = rounds_window_new_place (name)) == NULL)
    return page;

  adw_bin_set_child (ADW_BIN (slot), page);
  rounds_window_set_place_context (page, self->context);
  return page;
}

/* The place on screen is built once the practice shows. */
static void
build_visible_place (RoundsWindow *self)
{
  const char *place = adw_view_stack_get_visible_child_name (self->view_stack);

  if (place != NULL &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->screen_stack), "practice") == 0)
    lazy_place (self, place, TRUE);
}

static RoundsPracticeForm *
ensure_practice_form (RoundsWindow *self)
{
  if (self->practice_form == NULL)
    {
      self->practice_form = g_object_new (ROUNDS_TYPE_PRACTICE_FORM, "vexpand", TRUE, NULL);
      g_signal_connect_object (self->practice_form, "saved",
                               G_CALLBACK (on_practice_form_saved_cb), self, G_CONNECT_SWAPPED);
      adw_bin_set_child (self->setup_slot, GTK_WIDGET (self->practice_form));
    }
  return self->practice_form;
}

static void
show_screen (RoundsWindow *self,
             const char   *screen)
{
  if (g_str_equal (screen, "setup"))
    ensure_practice_form (self);
  gtk_stack_set_visible_child_name (self->screen_stack, screen);
  build_visible_place (self);

  if (g_str_equal (screen, "welcome"))
    gtk_widget_grab_focus (GTK_WIDGET (self->welcome_page));
}

static void
show_error_dialog (RoundsWindow *self,
                   const char   *heading,
                   const char   *body)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void open_practice (RoundsWindow *self);

static void
on_damaged_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        RoundsWindow     *self)
{
  g_autofree char *path = rounds_store_dup_default_path ();
  g_autoptr(GError) error = NULL;

  if (g_str_equal (response, "restore"))
    {
      g_autofree char *used = rounds_store_restore_latest_backup (path, &error);

      if (used == NULL)
        {
          /* A restore that fails changes nothing: say so, offer it again. */
          g_autofree char *body = g_strdup_printf (_("%s\n\nYour practice’s file was not "
                                                     "changed."), error->message);

          show_error_dialog (self, _("The Backup Could Not Be Restored"), body);
          return;
        }
      open_practice (self);
    }
  else if (g_str_equal (response, "fresh"))
    {
      g_autofree char *aside = rounds_store_move_aside (path, &error);

      if (aside == NULL)
        {
          show_error_dialog (self, _("The Damaged File Could Not Be Moved"), error->message);
          return;
        }
      open_practice (self);
    }
  else if (g_str_equal (response, "retry"))
    {
      open_practice (self);
    }
  else
    {
      rounds_window_show_welcome (self);
    }
}

/* Busy, no access or no space: the file is fine, nothing is renamed or
 * restored, and Try Again opens it once the cause is gone. */
static void
show_try_again_dialog (RoundsWindow *self,
                       const char   *heading,
                       const char   *body)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  adw_message_dialog_add_response (dialog, "cancel", _("_Not Now"));
  adw_message_dialog_add_response (dialog, "retry", _("_Try Again"));
  adw_message_dialog_set_response_appearance (dialog, "retry", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "retry");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_damaged_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_open_error (RoundsWindow *self,
                 const GError *error)
{
  g_autofree char *path = rounds_store_dup_default_path ();
  AdwMessageDialog *dialog;

  if (g_error_matches (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_NEWER_VERSION))
    {
      show_error_dialog (self, _("This Practice Needs a Newer Rounds"), error->message);
      rounds_window_show_welcome (self);
      return;
    }

  if (g_error_matches (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_BUSY))
    {
      show_try_again_dialog (self, _("The Practice Data Is in Use"),
                             _("Rounds is open somewhere else or another program holds the "
                               "practice’s data file. Close the other Rounds window or program, "
                               "then try again.\n\nNothing was changed."));
      rounds_window_show_welcome (self);
      return;
    }

  if (g_error_matches (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_IO))
    {
      g_autofree char *dir = g_path_get_dirname (path);
      g_autofree char *body =
        g_strdup_printf (_("Rounds cannot read or write the practice’s data in %s: the folder "
                           "may be read-only or not yours, or the disk may be full.\n\n"
                           "The file is not damaged and nothing was changed or moved. Free "
                           "some space or fix the folder’s permissions, then try again.\n\n"
                           "(%s)"),
                         dir, error->message);

      show_try_again_dialog (self, _("The Practice Data Cannot Be Opened"), body);
      rounds_window_show_welcome (self);
      return;
    }

  if (g_error_matches (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_CORRUPT))
    {
      /* Only a backup this version can open and that passes its check. */
      g_autofree char *backup = rounds_store_find_restorable_backup (path);
      g_autofree char *body = NULL;

      if (backup != NULL)
        {
          g_autofree char *name = g_path_get_basename (backup);

          body = g_strdup_printf (_("Rounds could not read the practice’s data file (%s). It has "
                                    "not been changed.\n\nYou can restore the latest good "
                                    "backup (%s). The damaged file is kept beside it, renamed, "
                                    "so nothing is thrown away."), error->message, name);
        }
      else
        {
          body = g_strdup_printf (_("Rounds could not read the practice’s data file (%s) and "
                                    "there is no usable backup of it. It has not been changed."
                                    "\n\nYou can start with a fresh practice: the damaged file "
                                    "is kept in %s, renamed, so nothing is thrown away."),
                                  error->message, path);
        }

      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                           _("The Practice Data Is Damaged"),
                                                           body));
      adw_message_dialog_add_response (dialog, "cancel", _("_Not Now"));
      if (backup != NULL)
        {
          adw_message_dialog_add_response (dialog, "restore", _("_Restore Backup"));
          adw_message_dialog_set_response_appearance (dialog, "restore",
                                                      ADW_RESPONSE_SUGGESTED);
        }
      else
        {
          adw_message_dialog_add_response (dialog, "fresh", _("_Start Fresh"));
          adw_message_dialog_set_response_appearance (dialog, "fresh",
                                                      ADW_RESPONSE_DESTRUCTIVE);
        }
      /* Enter must not replace anything: the default is to wait. */
      adw_message_dialog_set_default_response (dialog, "cancel");
      adw_message_dialog_set_close_response (dialog, "cancel");
      g_signal_connect_object (dialog, "response", G_CALLBACK (on_damaged_response_cb), self, 0);
      gtk_window_present (GTK_WINDOW (dialog));
      rounds_window_show_welcome (self);
      return;
    }

  show_error_dialog (self, _("The Practice Could Not Be Opened"), error->message);
  rounds_window_show_welcome (self);
}

/* A failed daily backup: a toast, and a notification too once it keeps
 * failing. Called when the practice opens, and again when a backup
 * taken in the background after the start has failed. */
void
_rounds_window_report_backup (RoundsWindow *self,
                              RoundsStore  *store)
{
  const char *backup_error = rounds_store_get_backup_error (store);

  if (backup_error != NULL)
    {
      guint failures = rounds_store_get_backup_failures (store);
      g_autofree char *text = g_strdup_printf (_("Today’s backup could not be written: %s"),
                                               backup_error);
      g_autofree char *escaped = g_markup_escape_text (text, -1);
      AdwToast *toast = adw_toast_new (escaped);

      adw_toast_set_timeout (toast, 0);
      rounds_window_add_toast (self, toast);

      if (failures >= ROUNDS_STORE_BACKUP_FAILURES_TO_NOTIFY)
        {
          g_autoptr(GNotification) notification =
            g_notification_new (_("Rounds Cannot Back Up Your Practice"));
          g_autofree char *body =
            g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "The daily backup has failed %u time in a row. "
                                          "Free some disk space or check the data folder.",
                                          "The daily backup has failed %u times in a row. "
                                          "Free some disk space or check the data folder.",
                                          failures),
                             failures);

          g_notification_set_body (notification, body);
          g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);
          g_application_send_notification (G_APPLICATION (get_app (self)), "backup-failed",
                                           notification);
        }
    }
}

/* What the store found while opening that the user must know but that
 * does not keep the practice closed: a failed backup and a broken audit
 * chain. */
static void
report_store_warnings (RoundsWindow *self,
                       RoundsStore  *store)
{
  const RoundsAuditCheck *audit = rounds_store_get_audit_check (store);

  _rounds_window_report_backup (self, store);

  if (audit != NULL && !audit->intact)
    {
      g_autofree char *body =
        g_strdup_printf (_("%s\n\nThe history of posts may have been edited outside Rounds. "
                           "Nothing else was changed. You can check again in Preferences → "
                           "Check the audit log."),
                         audit->problem);

      show_error_dialog (self, _("The Audit Log Was Changed"), body);
    }
}

/* Shows the practice just opened (or what kept it closed). */
static void
show_opened_practice (RoundsWindow  *self,
                      RoundsContext *context,
                      const GError  *error)
{
  RoundsPractice *practice;

  if (context == NULL)
    {
      g_debug ("Could not open the practice: %s", error->message);
      show_open_error (self, error);
      return;
    }

  g_settings_set_boolean (self->settings, "open-sample", FALSE);
  rounds_window_set_context (self, context);
  report_store_warnings (self, rounds_context_get_store (context));

  practice = rounds_store_get_practice (rounds_context_get_store (context));
  if (!rounds_practice_is_set_up (practice))
    {
      rounds_practice_form_set_practice (ensure_practice_form (self), practice);
      gtk_widget_set_visible (self->setup_back_button, TRUE);
      show_screen (self, "setup");
    }
  else
    show_screen (self, "practice");
}

static void
open_practice (RoundsWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RoundsContext) context = NULL;

  context = rounds_application_open_practice (get_app (self), &error);
  show_opened_practice (self, context, error);
}

/* The placeholder ("Opening the practice…") shows only when the open
 * takes longer than PLACEHOLDER_DELAY_MS, and once shown stays at least
 * PLACEHOLDER_MIN_MS: a quick open goes from the empty frame straight to
 * the practice, a slow one never flashes the placeholder for a frame. */
#define PLACEHOLDER_DELAY_MS 300
#define PLACEHOLDER_MIN_MS   500
#define FIRST_FRAME_WAIT_MS  3000

static void
stop_loading (RoundsWindow *self)
{
  g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  g_clear_handle_id (&self->loading_timeout, g_source_remove);
  g_clear_handle_id (&self->opened_source, g_source_remove);
  g_clear_object (&self->opened);
  g_clear_error (&self->open_error);
  self->placeholder_at = 0;
  gtk_spinner_stop (self->loading_spinner);
  gtk_revealer_set_reveal_child (self->loading_revealer, FALSE);
}

static void
show_opened_now (RoundsWindow *self)
{
  g_autoptr(RoundsContext) context = g_steal_pointer (&self->opened);
  g_autoptr(GError) error = g_steal_pointer (&self->open_error);

  stop_loading (self);
  show_opened_practice (self, context, error);
  if (context != NULL)
    _rounds_startup_mark ("practice shown");
  _rounds_application_practice_shown (get_app (self));
  _rounds_trim_memory_soon ();
}

static void show_opened_when_ready (RoundsWindow *self);

static gboolean
on_first_frame_wait_cb (gpointer user_data)
{
  RoundsWindow *self = user_data;

  self->opened_source = 0;
  self->painted = TRUE;
  show_opened_when_ready (self);
  return G_SOURCE_REMOVE;
}

static gboolean
on_opened_source_cb (gpointer user_data)
{
  RoundsWindow *self = user_data;

  self->opened_source = 0;
  show_opened_now (self);
  return G_SOURCE_REMOVE;
}

/* The opened practice (or its error) goes on screen once the window's
 * first frame is drawn — the frame never waits for the practice's pages
 * — and once a placeholder already shown has been seen long enough. */
static void
show_opened_when_ready (RoundsWindow *self)
{
  gint64 wait_ms = 0;

  if (self->loading == NULL || (self->opened == NULL && self->open_error == NULL) ||
      self->opened_source != 0)
    return;

  if (!self->painted && gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      /* on_after_paint_cb() comes back here; a window whose frames are
       * held back (minimized at start, say) does not wait for ever. */
      self->opened_source = g_timeout_add (FIRST_FRAME_WAIT_MS, on_first_frame_wait_cb, self);
      return;
    }

  if (self->placeholder_at != 0)
    wait_ms = PLACEHOLDER_MIN_MS - (g_get_monotonic_time () - self->placeholder_at) / 1000;

  /* Never from inside the frame clock's paint: from the main loop. */
  self->opened_source = g_timeout_add_full (G_PRIORITY_DEFAULT, MAX (wait_ms, 0),
                                            on_opened_source_cb, self, NULL);
}

static void
on_practice_opened_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(RoundsWindow) self = user_data;
  g_autoptr(RoundsContext) context = NULL;
  g_autoptr(GError) error = NULL;

  context = rounds_application_open_practice_finish (ROUNDS_APPLICATION (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->loading == NULL)
    return;

  g_clear_handle_id (&self->loading_timeout, g_source_remove);
  self->opened = g_steal_pointer (&context);
  self->open_error = g_steal_pointer (&error);
  show_opened_when_ready (self);
}

static gboolean
on_loading_timeout_cb (gpointer user_data)
{
  RoundsWindow *self = user_data;

  self->loading_timeout = 0;
  self->placeholder_at = g_get_monotonic_time ();
  gtk_spinner_start (self->loading_spinner);
  gtk_revealer_set_reveal_child (self->loading_revealer, TRUE);
  return G_SOURCE_REMOVE;
}

/* The window shows at once with its frame; the practice opens,
 * migrates and loads on a worker (see
 * rounds_application_open_practice_async()). */
static void
open_practice_async (RoundsWindow *self)
{
  stop_loading (self);
  self->loading = g_cancellable_new ();
  show_screen (self, "loading");
  self->loading_timeout = g_timeout_add (PLACEHOLDER_DELAY_MS, on_loading_timeout_cb, self);
  rounds_application_open_practice_async (get_app (self), self->loading, on_practice_opened_cb,
                                          g_object_ref (self));
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   RoundsWindow  *self)
{
  _rounds_startup_mark ("first frame");
  g_clear_signal_handler (&self->paint_handler, clock);
  self->painted = TRUE;
  g_clear_handle_id (&self->opened_source, g_source_remove);
  show_opened_when_ready (self);
}

static void
on_realize_cb (RoundsWindow *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (clock != NULL && self->paint_handler == 0)
    self->paint_handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb),
                                            self);
}

static void
on_welcome_setup_cb (RoundsWindow *self)
{
  rounds_window_set_up_practice (self);
}

static void
on_welcome_explore_cb (RoundsWindow *self)
{
  rounds_window_explore_sample (self);
}

static void
on_practice_form_saved_cb (RoundsWindow   *self,
                           RoundsPractice *practice)
{
  g_autoptr(GError) error = NULL;
  gboolean first_set_up;

  /* A practice set up for the first time starts on Plan, its rollout,
   * not on the place where the sample was last left. */
  first_set_up = self->context == NULL || rounds_context_is_sample (self->context) ||
                 !rounds_practice_is_set_up (rounds_store_get_practice (
                   rounds_context_get_store (self->context)));

  if (self->context == NULL || rounds_context_is_sample (self->context))
    {
      g_autoptr(RoundsContext) context = rounds_application_open_practice (get_app (self),
                                                                           &error);
      if (context == NULL)
        {
          show_open_error (self, error);
          return;
        }
      rounds_window_set_context (self, context);
    }

  if (!rounds_store_save_practice (rounds_context_get_store (self->context), practice, &error))
    {
      show_error_dialog (self, _("The Practice Could Not Be Saved"), error->message);
      return;
    }

  g_settings_set_boolean (self->settings, "open-sample", FALSE);
  update_titles (self);
  show_screen (self, "practice");
  if (first_set_up)
    rounds_window_show_place (self, "plan");
}

static void
on_setup_back_clicked_cb (RoundsWindow *self)
{
  rounds_window_show_welcome (self);
}

static void
on_leave_sample_clicked_cb (RoundsWindow *self)
{
  rounds_window_show_welcome (self);
}

static void
on_visible_place_changed_cb (RoundsWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->view_stack);

  build_visible_place (self);
  /* Not into the search entry on the way to Posts (see there). */
  if (g_strcmp0 (name, "posts") == 0)
    rounds_posts_page_focus_list_from_search (self->posts_page);
  if (name != NULL && self->settings != NULL)
    g_settings_set_string (self->settings, "last-place", name);
  /* a place first shown built its widgets and read its data */
  _rounds_trim_memory_soon ();
}

static void
save_window_state (RoundsWindow *self)
{
  int width = 0, height = 0;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
}

static gboolean
rounds_window_close_request (GtkWindow *window)
{
  save_window_state (ROUNDS_WINDOW (window));

  return GTK_WINDOW_CLASS (rounds_window_parent_class)->close_request (window);
}

/* Runs once the window belongs to the application ("application" is not
 * a construct property, so this cannot happen in constructed()). */
static void
load (RoundsWindow *self)
{
  RoundsApplication *app = get_app (self);
  g_autofree char *place = NULL;

  self->settings = g_object_ref (rounds_application_get_settings (app));

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  if (g_str_has_suffix (APPLICATION_ID, ".Devel"))
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  place = g_settings_get_string (self->settings, "last-place");
  rounds_window_show_place (self, place);
  g_signal_connect_object (self->view_stack, "notify::visible-child-name",
                           G_CALLBACK (on_visible_place_changed_cb), self,
                           G_CONNECT_SWAPPED);

  if (g_settings_get_boolean (self->settings, "open-sample"))
    rounds_window_explore_sample (self);
  else if (rounds_application_has_practice (app))
    open_practice_async (self);
  else
    rounds_window_show_welcome (self);
}

static void
rounds_window_dispose (GObject *object)
{
  RoundsWindow *self = (RoundsWindow *)object;

  stop_loading (self);
  if (self->paint_handler != 0 && gtk_widget_get_frame_clock (GTK_WIDGET (self)) != NULL)
    g_clear_signal_handler (&self->paint_handler, gtk_widget_get_frame_clock (GTK_WIDGET (self)));
  if (self->context != NULL && self->practice_handler != 0)
    g_clear_signal_handler (&self->practice_handler, rounds_context_get_store (self->context));
  g_clear_object (&self->context);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->moves, _rounds_window_moves_free);

  G_OBJECT_CLASS (rounds_window_parent_class)->dispose (object);
}

static void
rounds_window_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  RoundsWindow *self = ROUNDS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rounds_window_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  RoundsWindow *self = ROUNDS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      rounds_window_set_context (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rounds_window_class_init (RoundsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = rounds_window_dispose;
  object_class->get_property = rounds_window_get_property;
  object_class->set_property = rounds_window_set_property;
  window_class->close_request = rounds_window_close_request;

  /**
   * RoundsWindow:context:
   *
   * The practice shown, or %NULL on the welcome page.
   */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, ROUNDS_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ROUNDS_TYPE_PLAN_PAGE);
  g_type_ensure (ROUNDS_TYPE_CALENDAR_PAGE);
  g_type_ensure (ROUNDS_TYPE_POSTS_PAGE);
  g_type_ensure (ROUNDS_TYPE_INBOX_PAGE);
  g_type_ensure (ROUNDS_TYPE_INSIGHTS_PAGE);
  g_type_ensure (ROUNDS_TYPE_PRACTICE_FORM);
  g_type_ensure (ROUNDS_TYPE_WELCOME_PAGE);
  g_type_ensure (ROUNDS_TYPE_PERSON_BUTTON);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/rounds-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RoundsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RoundsWindow, screen_stack);
  gtk_widget_class_bind_template_child (widget_class, RoundsWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, RoundsWindow, setup_slot);
  gtk_widget_class_bind_template_child (widget_class, RoundsWindow, setup_back_button);
  gtk_widget_class_bind_template_child (widget_class, RoundsWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, RoundsWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, RoundsWindow, sample_banner);
  gtk_widget_class_bind_template_child (widget_class, RoundsWindow, offline_banner);
  gtk_widget_class_bind_template_child (widget_class, RoundsWindow, offline_label);
  gtk_widget_class_bind_template_child (widget_class, RoundsWindow, new_post_button);
  gtk_widget_class_bind_template_child (widget_class, RoundsWindow, person_button);
  gtk_widget_class_bind_template_child (widget_class, RoundsWindow, posts_page);
  gtk_widget_class_bind_template_child (widget_class, RoundsWindow, inbox_page);
  gtk_widget_class_bind_template_child (widget_class, RoundsWindow, loading_revealer);
  gtk_widget_class_bind_template_child (widget_class, RoundsWindow, loading_spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_welcome_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_welcome_explore_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_setup_back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_leave_sample_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_offline_retry_clicked_cb);

  _rounds_window_class_install_actions (widget_class);
}

/* Each place's page is named after its switcher button, so that a
 * screen reader says "Plan", not "panel". */
static void
name_places (RoundsWindow *self)
{
  g_autoptr(GtkSelectionModel) pages = adw_view_stack_get_pages (self->view_stack);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (pages));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);
      const char *title = adw_view_stack_page_get_title (page);
      g_autofree char *plain = NULL;
      char *w;

      if (title == NULL)
        continue;
      plain = g_strdup (title);
      w = plain;
      for (const char *r = title; *r != '\0'; r++)
        if (*r != '_' || !adw_view_stack_page_get_use_underline (page))
          *w++ = *r;
      *w = '\0';
      /* A status page is labelled by its own title: GTK 4.8 would say
       * both ("Inbox Comments and Reviews"). The title stays its heading. */
      gtk_accessible_reset_relation (GTK_ACCESSIBLE (adw_view_stack_page_get_child (page)),
                                     GTK_ACCESSIBLE_RELATION_LABELLED_BY);
      gtk_accessible_update_property (GTK_ACCESSIBLE (adw_view_stack_page_get_child (page)),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, plain, -1);
    }
}

/* The shortcuts window is built the first time it is asked for: as
 * gtk/help-overlay.ui GtkApplication built it with every window, before
 * the first frame (about 20 ms of CPU at start). Once built, GTK's own
 * help overlay keeps it (hidden on close, shown again). */
static void
show_help_overlay_cb (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (user_data);
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (window);

  if (overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder =
        gtk_builder_new_from_resource ("/io/github/roundsapp/Rounds/ui/rounds-shortcuts.ui");

      overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      gtk_application_window_set_help_overlay (window, overlay);
    }
  gtk_window_present (GTK_WINDOW (overlay));
}

static void
rounds_window_init (RoundsWindow *self)
{
  g_autoptr(GSimpleAction) help_overlay = g_simple_action_new ("show-help-overlay", NULL);

  _rounds_startup_mark ("window class ready");
  gtk_widget_init_template (GTK_WIDGET (self));
  _rounds_startup_mark ("window template built");
  g_signal_connect (help_overlay, "activate", G_CALLBACK (show_help_overlay_cb), self);
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (help_overlay));
  self->moves = _rounds_window_moves_new ();
  g_signal_connect (self, "realize", G_CALLBACK (on_realize_cb), NULL);
  /* No practice yet: the menu offers nothing that needs one. */
  _rounds_window_update_actions (self);
  name_places (self);
}

RoundsWindow *
rounds_window_new (RoundsApplication *application)
{
  RoundsWindow *self;

  g_return_val_if_fail (ROUNDS_IS_APPLICATION (application), NULL);

  self = g_object_new (ROUNDS_TYPE_WINDOW, "application", application, NULL);
  load (self);

  return self;
}

RoundsWindowMoves *
_rounds_window_get_moves (RoundsWindow *self)
{
  return self->moves;
}

RoundsContext *
rounds_window_get_context (RoundsWindow *self)
{
  g_return_val_if_fail (ROUNDS_IS_WINDOW (self), NULL);
  return self->context;
}

/**
 * rounds_window_set_context:
 * @context: (nullable): the practice to show
 */
void
rounds_window_set_context (RoundsWindow  *self,
                           RoundsContext *context)
{
  gboolean sample;

  g_return_if_fail (ROUNDS_IS_WINDOW (self));

  if (self->context == context)
    return;

  if (self->context != NULL)
    {
      g_clear_signal_handler (&self->practice_handler, rounds_context_get_store (self->context));
      g_clear_signal_handler (&self->online_handler, rounds_context_get_store (self->context));
    }

  g_set_object (&self->context, context);
  _rounds_window_moves_clear (self->moves);

  if (context != NULL)
    self->practice_handler =
      g_signal_connect_object (rounds_context_get_store (context), "practice-changed",
                               G_CALLBACK (on_practice_changed_cb), self, G_CONNECT_SWAPPED);
  if (context != NULL)
    self->online_handler =
      g_signal_connect_object (rounds_context_get_store (context), "notify::online",
                               G_CALLBACK (update_offline_banner), self, G_CONNECT_SWAPPED);
  update_offline_banner (self);

  sample = context != NULL && rounds_context_is_sample (context);
  gtk_revealer_set_reveal_child (self->sample_banner, sample);
  rounds_person_button_set_store (self->person_button,
                                  context != NULL ? rounds_context_get_store (context) : NULL);
  _rounds_window_update_actions (self);

  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    {
      GtkWidget *page = lazy_place (self, places[i], FALSE);

      if (page != NULL)
        rounds_window_set_place_context (page, context);
    }
  rounds_posts_page_set_context (self->posts_page, context);
  rounds_inbox_page_set_context (self->inbox_page, context);
  update_titles (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

/**
 * rounds_window_get_screen:
 *
 * Returns: "loading" (while the practice opens), "welcome", "setup" or
 *   "practice".
 */
const char *
rounds_window_get_screen (RoundsWindow *self)
{
  g_return_val_if_fail (ROUNDS_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->screen_stack);
}

/**
 * rounds_window_is_loading:
 *
 * Returns: whether the practice is still being opened (the window shows
 *   an empty frame, then a spinner).
 */
gboolean
rounds_window_is_loading (RoundsWindow *self)
{
  g_return_val_if_fail (ROUNDS_IS_WINDOW (self), FALSE);
  return self->loading != NULL;
}

const char *
rounds_window_get_place (RoundsWindow *self)
{
  g_return_val_if_fail (ROUNDS_IS_WINDOW (self), NULL);
  return adw_view_stack_get_visible_child_name (self->view_stack);
}

/**
 * rounds_window_show_place:
 * @place: "plan", "calendar", "posts", "inbox" or "insights"
 */
void
rounds_window_show_place (RoundsWindow *self,
                          const char   *place)
{
  g_return_if_fail (ROUNDS_IS_WINDOW (self));

  if (!g_strv_contains (places, place))
    place = "posts";

  adw_view_stack_set_visible_child_name (self->view_stack, place);
}

void
rounds_window_show_welcome (RoundsWindow *self)
{
  g_return_if_fail (ROUNDS_IS_WINDOW (self));

  stop_loading (self);
  g_settings_set_boolean (self->settings, "open-sample", FALSE);
  rounds_window_set_context (self, NULL);
  rounds_welcome_page_set_has_practice (self->welcome_page,
                                        rounds_application_has_practice (get_app (self)));
  show_screen (self, "welcome");
}

/**
 * rounds_window_reset_sample:
 *
 * Throws away every change made in the sample practice and opens it
 * afresh, dated around today.
 */
void
rounds_window_reset_sample (RoundsWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RoundsContext) context = NULL;

  g_return_if_fail (ROUNDS_IS_WINDOW (self));

  /* Let go of the old sample's file before it is made again. */
  rounds_window_set_context (self, NULL);
  context = rounds_application_reset_sample (get_app (self), &error);
  if (context == NULL)
    {
      g_debug ("Could not build the sample practice: %s", error->message);
      show_error_dialog (self, _("The Sample Practice Could Not Be Opened"), error->message);
      rounds_window_show_welcome (self);
      return;
    }

  rounds_window_set_context (self, context);
  g_settings_set_boolean (self->settings, "open-sample", TRUE);
  show_screen (self, "practice");
}

/**
 * rounds_window_explore_sample:
 *
 * Opens the sample practice, kept apart from any real one, as it was
 * left (see rounds_application_open_sample()).
 */
void
rounds_window_explore_sample (RoundsWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RoundsContext) context = NULL;

  g_return_if_fail (ROUNDS_IS_WINDOW (self));

  stop_loading (self);
  context = rounds_application_open_sample (get_app (self), &error);
  if (context == NULL)
    {
      g_debug ("Could not build the sample practice: %s", error->message);
      show_error_dialog (self, _("The Sample Practice Could Not Be Opened"), error->message);
      rounds_window_show_welcome (self);
      return;
    }

  rounds_window_set_context (self, context);
  g_settings_set_boolean (self->settings, "open-sample", TRUE);
  show_screen (self, "practice");
}

/**
 * rounds_window_set_up_practice:
 *
 * Opens the practice's own data (creating it), showing the set-up form
 * when it has no profile yet.
 */
void
rounds_window_set_up_practice (RoundsWindow *self)
{
  g_return_if_fail (ROUNDS_IS_WINDOW (self));

  stop_loading (self);
  open_practice (self);
}

void
rounds_window_add_toast (RoundsWindow *self,
                         AdwToast     *toast)
{
  g_return_if_fail (ROUNDS_IS_WINDOW (self));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

GtkWidget *
rounds_window_get_posts_page (RoundsWindow *self)
{
  g_return_val_if_fail (ROUNDS_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->posts_page);
}

/**
 * rounds_window_get_inbox_page:
 *
 * Returns: (transfer none): the Inbox place.
 */
GtkWidget *
rounds_window_get_inbox_page (RoundsWindow *self)
{
  g_return_val_if_fail (ROUNDS_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->inbox_page);
}

/**
 * rounds_window_open_comment:
 *
 * Shows the Inbox with one item open (a notification's click).
 *
 * Returns: (nullable) (transfer none): the item's reply window, or %NULL
 *   when the item is not there
 */
GtkWindow *
rounds_window_open_comment (RoundsWindow *self,
                            gint64        comment_id)
{
  g_return_val_if_fail (ROUNDS_IS_WINDOW (self), NULL);

  rounds_window_show_place (self, "inbox");
  return rounds_inbox_page_open_reply (self->inbox_page, comment_id);
}
