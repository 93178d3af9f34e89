/* test-live.c — the window and the post editor beside other computers on
 * one practice server (issue 20): a post saved elsewhere while open here,
 * the conflict banner and its two choices, and the server going away.
 *
 * Run as "ui-live-pg" under build-aux/with-postgresql.sh, with
 * tests/core/store-engine.c linked in: every practice the test opens is
 * on the throw-away server. Without a server the tests skip.
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "rounds-calendar-chip.h"
#include "rounds-calendar-geometry.h"
#include "rounds-calendar-month-view.h"
#include "rounds-calendar-page.h"
#include "rounds-comment-dialog.h"
#include "rounds-inbox-page.h"
#include "rounds-people-page.h"
#include "rounds-plan-checklist.h"
#include "rounds-plan-goals.h"
#include "rounds-plan-page.h"
#include "rounds-plan.h"
#include "rounds-post-dialog.h"
#include "rounds-post-editor.h"
#include "rounds-reply-dialog.h"
#include "rounds-store-editor.h"
#include "rounds-store-inbox.h"
#include "ui-test-util.h"

typedef struct
{
  UiFixture      ui;
  RoundsStore   *store;    /* this computer */
  RoundsContext *context;
  RoundsStore   *other;    /* the other computer, on the same server */
} LiveFixture;

static void
live_set_up (LiveFixture   *f,
             gconstpointer  data)
{
  g_autoptr(RoundsClock) clock = rounds_clock_new_real ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  ui_fixture_set_up (&f->ui, data);
  ui_fixture_open_practice (&f->ui, &f->store, &f->context);
  path = g_build_filename (f->ui.data_dir, "rounds.db", NULL);
  f->other = rounds_store_open (path, clock, ROUNDS_STORE_OPEN_NO_BACKUPS, &error);
  g_assert_no_error (error);
}

static void
live_tear_down (LiveFixture   *f,
                gconstpointer  data)
{
  g_clear_object (&f->other);
  ui_fixture_close_practice (&f->ui, &f->store, &f->context, data);
}

/* The window opens the practice itself, as at a start: set up (a name
 * and a time zone), and "there" (the server hook opens the server for
 * this path). */
static void
practice_for_window (LiveFixture *f)
{
  g_autoptr(RoundsPractice) practice = rounds_practice_copy (rounds_store_get_practice (f->store));
  g_autofree char *path = g_build_filename (f->ui.data_dir, "rounds.db", NULL);
  g_autoptr(GError) error = NULL;

  rounds_practice_set_name (practice, "Test Family Practice");
  rounds_practice_set_timezone (practice, "America/Chicago");
  g_assert_true (rounds_store_save_practice (f->store, practice, &error));
  g_assert_no_error (error);
  g_file_set_contents (path, "", 0, &error);
  g_assert_no_error (error);
}

static gboolean
skip_without_server (LiveFixture *f)
{
  if (rounds_store_is_on_server (f->store))
    return FALSE;
  g_test_skip ("this needs a practice server (ui-live-pg)");
  return TRUE;
}

static gint64
add_post (RoundsStore *store,
          const char  *body)
{
  g_autoptr(RoundsPost) post = rounds_post_new ();
  g_autoptr(GError) error = NULL;
  RoundsPost *saved;

  rounds_post_set_title (post, "Flu shots");
  rounds_post_set_body (post, body);
  rounds_post_set_networks (post, ROUNDS_NETWORK_FACEBOOK);
  saved = rounds_store_save_post (store, post, &error);
  g_assert_no_error (error);
  return rounds_post_get_id (saved);
}

/* The other computer saves @body into post @id. */
static void
save_elsewhere (LiveFixture *f,
                gint64       id,
                const char  *body)
{
  g_autoptr(RoundsPost) edit = rounds_post_copy (rounds_store_lookup_post (f->other, id));
  g_autoptr(GError) error = NULL;

  rounds_post_set_body (edit, body);
  g_assert_nonnull (rounds_store_save_post (f->other, edit, &error));
  g_assert_no_error (error);
}

static RoundsPostDialog *
open_dialog (LiveFixture *f,
             gint64       id)
{
  RoundsPostDialog *dialog = rounds_post_dialog_new (f->context, rounds_store_lookup_post (f->store, id));

  rounds_post_dialog_set_autosave_delay (dialog, 50);
  gtk_window_present (GTK_WINDOW (dialog));
  pump ();
  return dialog;
}

static gboolean
editor_reads (RoundsPostDialog *dialog,
              const char       *text)
{
  g_autofree char *body = rounds_post_editor_dup_text (rounds_post_dialog_get_editor (dialog));

  return g_strcmp0 (body, text) == 0;
}

static void
type_over (RoundsPostDialog *dialog,
           const char       *text)
{
  GtkTextBuffer *buffer = rounds_post_editor_get_buffer (rounds_post_dialog_get_editor (dialog));

  gtk_text_buffer_set_text (buffer, text, -1);
  pump ();
}

static guint
count_conflicts (RoundsStore *store,
                 gint64       id)
{
  g_autoptr(GListModel) log = rounds_store_list_audit (store, "post", id, NULL);
  guint n = 0;

  for (guint i = 0; log != NULL && i < g_list_model_get_n_items (log); i++)
    {
      g_autoptr(RoundsAuditEntry) entry = g_list_model_get_item (log, i);

      if (g_str_equal (rounds_audit_entry_get_action (entry), "conflict"))
        n++;
    }
  return n;
}

static gboolean
has_post_with_body (RoundsStore *store,
                    const char  *body)
{
  GListModel *posts = rounds_store_get_posts (store);

  for (guint i = 0; i < g_list_model_get_n_items (posts); i++)
    {
      g_autoptr(RoundsPost) post = g_list_model_get_item (posts, i);

      if (g_strcmp0 (rounds_post_get_body (post), body) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Nothing changed here: the open editor shows theirs in place. */
static void
test_editor_follows (LiveFixture   *f,
                     gconstpointer  data)
{
  RoundsPostDialog *dialog;
  gint64 id;

  if (skip_without_server (f))
    return;

  id = add_post (f->store, "Walk in Monday to Friday.");
  dialog = open_dialog (f, id);
  g_assert_true (editor_reads (dialog, "Walk in Monday to Friday."));

  save_elsewhere (f, id, "Walk in Monday to Saturday.");
  wait_until (editor_reads (dialog, "Walk in Monday to Saturday."));
  g_assert_null (find_button (GTK_WIDGET (dialog), "See Theirs"));

  /* and a save from here afterwards is no conflict */
  type_over (dialog, "Walk in every day.");
  g_assert_true (rounds_post_dialog_save (dialog));
  g_assert_cmpstr (rounds_post_get_body (rounds_store_lookup_post (f->store, id)), ==,
                   "Walk in every day.");
}

/* Unsaved changes here, a save there: one banner with the two choices;
 * Keep Mine as a Copy saves mine as a new draft and shows theirs. */
static void
test_editor_conflict_keep_copy (LiveFixture   *f,
                                gconstpointer  data)
{
  RoundsPostDialog *dialog;
  gint64 id;

  if (skip_without_server (f))
    return;

  id = add_post (f->store, "Walk in Monday to Friday.");
  dialog = open_dialog (f, id);
  type_over (dialog, "Walk in Monday to Friday, 8 to 6.");

  save_elsewhere (f, id, "Walk in Monday to Saturday.");
  wait_until (find_button (GTK_WIDGET (dialog), "See Theirs") != NULL);
  g_assert_nonnull (find_button (GTK_WIDGET (dialog), "Keep Mine as a Copy"));
  /* Nothing was overwritten on either side, and mine is still here */
  g_assert_true (editor_reads (dialog, "Walk in Monday to Friday, 8 to 6."));
  /* The autosave goes on without asking anything (one banner) */
  pump_for (200);
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL));
  ui_screenshot (GTK_WIDGET (dialog), "editor-changed-elsewhere");

  click (find_button (GTK_WIDGET (dialog), "Keep Mine as a Copy"));
  g_assert_true (editor_reads (dialog, "Walk in Monday to Saturday."));
  g_assert_true (has_post_with_body (f->store, "Walk in Monday to Friday, 8 to 6."));
  g_assert_cmpstr (rounds_post_get_body (rounds_store_lookup_post (f->store, id)), ==,
                   "Walk in Monday to Saturday.");
  g_assert_null (find_button (GTK_WIDGET (dialog), "See Theirs"));
  g_assert_cmpuint (count_conflicts (f->store, id), ==, 1);
  ui_screenshot (GTK_WIDGET (dialog), "editor-kept-as-copy");
}

/* A save overtaken by theirs before the notification came: refused, the
 * banner; See Theirs drops mine. */
static void
test_editor_conflict_on_save (LiveFixture   *f,
                              gconstpointer  data)
{
  RoundsPostDialog *dialog;
  guint n_posts;
  gint64 id;

  if (skip_without_server (f))
    return;

  id = add_post (f->store, "Walk in Monday to Friday.");
  dialog = open_dialog (f, id);
  type_over (dialog, "Closed on Monday.");
  n_posts = g_list_model_get_n_items (rounds_store_get_posts (f->store));

  save_elsewhere (f, id, "Open on Saturday too.");
  /* no main loop in between: the notification has not been read */
  g_assert_false (rounds_post_dialog_save (dialog));
  pump ();
  g_assert_nonnull (find_button (GTK_WIDGET (dialog), "See Theirs"));
  g_assert_true (editor_reads (dialog, "Closed on Monday."));
  wait_until (g_strcmp0 (rounds_post_get_body (rounds_store_lookup_post (f->store, id)),
                         "Open on Saturday too.") == 0);

  click (find_button (GTK_WIDGET (dialog), "See Theirs"));
  g_assert_true (editor_reads (dialog, "Open on Saturday too."));
  g_assert_cmpuint (g_list_model_get_n_items (rounds_store_get_posts (f->store)), ==, n_posts);
  g_assert_cmpuint (count_conflicts (f->store, id), ==, 1);
  g_assert_false (has_post_with_body (f->store, "Closed on Monday."));
}


static gboolean
match_label_prefix (GtkWidget *widget,
                    gpointer   data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), data);
}

/* The other computer deletes the post while it is open here with
 * unsaved changes: the text stays, a banner says what happened, the
 * window no longer offers to delete, and Save keeps the text as a new
 * draft (the deleted post stays deleted). */
static void
test_editor_deleted_elsewhere (LiveFixture   *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  RoundsPostDialog *dialog;
  RoundsPost *kept;
  guint n_posts;
  gint64 id;

  if (skip_without_server (f))
    return;

  id = add_post (f->store, "Walk in Monday to Friday.");
  dialog = open_dialog (f, id);
  g_assert_nonnull (find_button (GTK_WIDGET (dialog), "Delete Post"));
  type_over (dialog, "Walk in Monday to Friday, 8 to 6.");
  n_posts = g_list_model_get_n_items (rounds_store_get_posts (f->store));

  g_assert_true (rounds_store_delete_post (f->other, id, &error));
  g_assert_no_error (error);
  wait_until (find_widget (GTK_WIDGET (dialog), match_label_prefix, (gpointer) "Deleted while open.") != NULL);
  g_assert_true (editor_reads (dialog, "Walk in Monday to Friday, 8 to 6."));
  g_assert_null (find_button (GTK_WIDGET (dialog), "Delete Post"));
  g_assert_null (find_button (GTK_WIDGET (dialog), "See Theirs"));
  g_assert_null (rounds_store_lookup_post (f->store, id));
  ui_screenshot (GTK_WIDGET (dialog), "editor-deleted-elsewhere");

  g_assert_true (rounds_post_dialog_save (dialog));
  kept = rounds_post_dialog_get_post (dialog);
  g_assert_nonnull (kept);
  g_assert_cmpint (rounds_post_get_id (kept), !=, id);
  g_assert_cmpint (rounds_post_get_status (kept), ==, ROUNDS_POST_STATUS_DRAFT);
  g_assert_true (has_post_with_body (f->store, "Walk in Monday to Friday, 8 to 6."));
  g_assert_null (rounds_store_lookup_post (f->store, id));
  g_assert_cmpuint (g_list_model_get_n_items (rounds_store_get_posts (f->store)), ==, n_posts);
  /* and the other computer sees the new draft */
  wait_until (has_post_with_body (f->other, "Walk in Monday to Friday, 8 to 6."));
  g_assert_null (find_widget (GTK_WIDGET (dialog), match_label_prefix, (gpointer) "Deleted while open."));
}

static gboolean
match_offline_label (GtkWidget *widget,
                     gpointer   data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         strstr (gtk_label_get_text (GTK_LABEL (widget)),
                 "The practice server cannot be reached.") != NULL;
}

static gboolean
match_new_post (GtkWidget *widget,
                gpointer   data)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "win.new-post") == 0;
}

/* The server goes away: the window's banner says so and why, editing is
 * off; a save from an open editor is told it was not saved and keeps the
 * text (also in this computer's draft file); the server back, the store
 * reconnects by itself and the save goes through. */

/* Another computer renames and then moves a post the calendar shows:
 * that post's chip changes and moves, the other chip stays. */
static void
test_calendar_follows (LiveFixture   *f,
                       gconstpointer  data)
{
  RoundsWindow *window;
  RoundsStore *store;
  RoundsCalendarPage *page;
  RoundsCalendarMonthView *month;
  GtkWidget *chip, *kept;
  g_autoptr(GTimeZone) tz = NULL;
  gint64 id, other_id, when, moved;
  GDate day;

  if (skip_without_server (f))
    return;

  practice_for_window (f);
  tz = g_time_zone_new_identifier ("America/Chicago");
  g_assert_nonnull (tz);
  /* Two posts ten days ahead, at 10:00 and 11:00 that day. */
  rounds_calendar_date_of_utc (tz, g_get_real_time () / G_USEC_PER_SEC + 10 * 86400, &day);
  when = rounds_calendar_day_start_utc (tz, &day) + 10 * 3600;
  id = add_post (f->store, "Walk in Monday to Friday.");
  other_id = add_post (f->store, "Flu shots this week.");
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(RoundsPost) a = rounds_post_copy (rounds_store_lookup_post (f->store, id));
    g_autoptr(RoundsPost) b = rounds_post_copy (rounds_store_lookup_post (f->store, other_id));

    rounds_post_set_scheduled_at (a, when);
    rounds_post_set_scheduled_at (b, when + 3600);
    g_assert_nonnull (rounds_store_save_post (f->store, a, &error));
    g_assert_nonnull (rounds_store_save_post (f->store, b, &error));
    g_assert_no_error (error);
  }

  window = ui_fixture_new_window (&f->ui);
  store = ui_window_store (window);
  g_assert_true (rounds_store_is_on_server (store));
  rounds_window_show_place (window, "calendar");
  wait_until ((page = ROUNDS_CALENDAR_PAGE (find_of_type (GTK_WIDGET (window),
                                                          ROUNDS_TYPE_CALENDAR_PAGE))) != NULL);
  rounds_calendar_page_go_to_date (page, &day);
  wait_until (!rounds_calendar_page_is_loading (page));
  month = ROUNDS_CALENDAR_MONTH_VIEW (rounds_calendar_page_get_month_view (page));
  wait_until ((kept = rounds_calendar_month_view_find_chip (month, other_id, 0)) != NULL);
  g_assert_nonnull (rounds_calendar_month_view_find_chip (month, id, when));

  /* Renamed there: the chip's title here. */
  {
    g_autoptr(RoundsPost) edit = rounds_post_copy (rounds_store_lookup_post (f->other, id));
    g_autoptr(GError) error = NULL;

    rounds_post_set_title (edit, "Renamed on the front desk");
    g_assert_nonnull (rounds_store_save_post (f->other, edit, &error));
    g_assert_no_error (error);
  }
  wait_until ((chip = rounds_calendar_month_view_find_chip (month, id, when)) != NULL &&
              strstr (rounds_calendar_chip_get_title_text (ROUNDS_CALENDAR_CHIP (chip)),
                      "Renamed on the front desk") != NULL);
  g_assert_true (rounds_calendar_month_view_find_chip (month, other_id, 0) != NULL);

  /* Moved a day later there: the chip is on that day here. */
  moved = when + 86400;
  {
    g_autoptr(RoundsPost) edit = rounds_post_copy (rounds_store_lookup_post (f->other, id));
    g_autoptr(GError) error = NULL;

    rounds_post_set_scheduled_at (edit, moved);
    g_assert_nonnull (rounds_store_save_post (f->other, edit, &error));
    g_assert_no_error (error);
  }
  {
    GDate next = day;

    g_date_add_days (&next, 1);
    /* The next day may be in the next month's grid only. */
    if (rounds_calendar_month_view_get_day_cell (month, &next) == NULL)
      {
        rounds_calendar_page_go_to_date (page, &next);
        wait_until (!rounds_calendar_page_is_loading (page));
      }
  }
  wait_until (rounds_calendar_month_view_find_chip (month, id, moved) != NULL &&
              rounds_calendar_month_view_find_chip (month, id, when) == NULL);
  ui_screenshot (GTK_WIDGET (window), "calendar-live");
}

static void
test_offline (LiveFixture   *f,
              gconstpointer  data)
{
  RoundsWindow *window;
  RoundsPostDialog *dialog;
  RoundsStore *store;
  g_autoptr(RoundsPost) kept = NULL;
  g_autofree char *slot = NULL;
  GtkWidget *submit;
  gint64 id;

  if (skip_without_server (f))
    return;

  /* The window opens the practice itself, as at a start: set up, and
   * "there" (the server hook opens the server for this path). */
  practice_for_window (f);
  id = add_post (f->store, "Walk in Monday to Friday.");
  window = ui_fixture_new_window (&f->ui);
  g_assert_cmpstr (rounds_window_get_screen (window), ==, "practice");
  store = ui_window_store (window);
  g_assert_true (rounds_store_is_on_server (store));
  g_assert_null (find_widget (GTK_WIDGET (window), match_offline_label, NULL));
  g_assert_true (gtk_widget_is_sensitive (find_widget (GTK_WIDGET (window), match_new_post, NULL)));

  dialog = rounds_post_dialog_new (rounds_window_get_context (window),
                                   rounds_store_lookup_post (store, id));
  rounds_post_dialog_set_autosave_delay (dialog, 50);
  gtk_window_present (GTK_WINDOW (dialog));
  pump ();
  type_over (dialog, "Walk in Monday to Saturday.");

  rounds_test_server_ctl ("stop");
  wait_until (!rounds_store_get_online (store));
  pump ();
  g_assert_nonnull (find_widget (GTK_WIDGET (window), match_offline_label, NULL));
  {
    GtkWidget *new_post = find_widget (GTK_WIDGET (window), match_new_post, NULL);

    g_assert_false (gtk_widget_is_sensitive (new_post));
    g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (new_post), "cannot be reached"));
  }
  rounds_window_show_place (window, "calendar");
  pump ();
  ui_screenshot (GTK_WIDGET (window), "window-offline");

  /* The editor: workflow off with the reason, a save refused, text kept */
  g_assert_nonnull (find_widget (GTK_WIDGET (dialog), match_label_prefix, (gpointer)
                                 "The practice server cannot be reached: this post"));
  submit = find_button (GTK_WIDGET (dialog), "Submit for Review");
  g_assert_nonnull (submit);
  g_assert_false (gtk_widget_is_sensitive (submit));
  g_assert_false (rounds_post_dialog_save (dialog));
  pump ();
  g_assert_nonnull (find_widget (GTK_WIDGET (dialog), match_label_prefix, (gpointer)
                                 "Not saved: the practice server cannot be reached."));
  g_assert_true (editor_reads (dialog, "Walk in Monday to Saturday."));
  slot = rounds_autosave_slot_for_post (id);
  kept = rounds_store_read_autosave (store, slot, NULL, NULL);
  g_assert_nonnull (kept);
  g_assert_cmpstr (rounds_post_get_body (kept), ==, "Walk in Monday to Saturday.");
  ui_screenshot (GTK_WIDGET (dialog), "editor-offline");

  /* Back: reconnected by itself, banner gone, the save goes through */
  rounds_test_server_ctl ("start");
  wait_until (rounds_store_get_online (store));
  pump ();
  g_assert_null (find_widget (GTK_WIDGET (window), match_offline_label, NULL));
  g_assert_true (gtk_widget_is_sensitive (submit));
  g_assert_true (rounds_post_dialog_save (dialog));
  /* and the other computer, back as well, sees it */
  wait_until (g_strcmp0 (rounds_post_get_body (rounds_store_lookup_post (f->other, id)),
                         "Walk in Monday to Saturday.") == 0);
}

static gboolean
says_offline (GtkWidget *widget)
{
  const char *tooltip = gtk_widget_get_tooltip_text (widget);

  return tooltip != NULL && strstr (tooltip, "the practice server cannot be reached") != NULL;
}

/* Shown or not (the Plan's checklist is a page of its stack) */
static gboolean
match_instance (GtkWidget *widget,
                gpointer   data)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (data));
}

static gboolean
match_label_part (GtkWidget *widget,
                  gpointer   data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         strstr (gtk_label_get_text (GTK_LABEL (widget)), data) != NULL;
}

/* The Inbox's Refresh (an icon button, known by its action) */
static gboolean
match_refresh (GtkWidget *widget,
               gpointer   data)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)),
                    "app.refresh-inbox") == 0;
}

/* Offline everywhere: with the Inbox, a reply, the Plan and Preferences
 * → People open, the server goes away. What would change the practice
 * is off and says why; a write tried anyway says it was not saved and
 * keeps what was typed. The server back, everything is on again by
 * itself, and the same write goes through. */
static void
test_offline_pages (LiveFixture   *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  RoundsWindow *window;
  RoundsStore *store;
  RoundsInboxPage *inbox;
  RoundsReplyDialog *reply;
  RoundsCommentDialog *by_hand;
  AdwPreferencesWindow *prefs;
  RoundsPeoplePage *people;
  GtkWidget *add_by_hand, *refresh, *send, *goals, *checklist, *add_person;
  gint64 comment_id;
  guint n_comments;

  if (skip_without_server (f))
    return;

  practice_for_window (f);
  comment_id = rounds_store_inbox_add_by_hand (f->store, ROUNDS_NETWORK_GOOGLE, "A patient",
                                               "Are you open on Saturdays?", NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (comment_id, >, 0);
  g_assert_nonnull (rounds_store_add_person (f->store, "Sam Ortiz", ROUNDS_PERSON_ROLE_MANAGER,
                                             &error));
  g_assert_no_error (error);

  window = ui_fixture_new_window (&f->ui);
  store = ui_window_store (window);
  g_assert_true (rounds_store_is_on_server (store));

  /* The Inbox, a reply being written, Add by Hand with a comment typed */
  rounds_window_show_place (window, "inbox");
  pump ();
  inbox = ROUNDS_INBOX_PAGE (find_of_type (GTK_WIDGET (window), ROUNDS_TYPE_INBOX_PAGE));
  g_assert_nonnull (inbox);
  add_by_hand = find_button (GTK_WIDGET (inbox), "Add by Hand…");
  g_assert_nonnull (add_by_hand);
  g_assert_true (gtk_widget_is_sensitive (add_by_hand));
  refresh = find_widget (GTK_WIDGET (inbox), match_refresh, NULL);
  g_assert_nonnull (refresh);
  g_assert_true (gtk_widget_is_sensitive (refresh));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (refresh), ==, "Look for New Comments");
  reply = ROUNDS_REPLY_DIALOG (rounds_inbox_page_open_reply (inbox, comment_id));
  g_assert_nonnull (reply);
  pump ();
  gtk_text_buffer_set_text (rounds_post_editor_get_buffer (rounds_reply_dialog_get_editor (reply)),
                            "Yes, from 9 to 12. Thank you for asking!", -1);
  pump ();
  send = find_button (GTK_WIDGET (reply), "Mark Answered by Hand");
  g_assert_nonnull (send);
  wait_until (gtk_widget_is_sensitive (send));   /* once the checker has read it */
  by_hand = ROUNDS_COMMENT_DIALOG (rounds_inbox_page_add_by_hand (inbox));
  rounds_comment_dialog_fill (by_hand, "Another patient", ROUNDS_NETWORK_GOOGLE,
                              "Great care, thank you.", NULL, 5);
  pump ();
  n_comments = g_list_model_get_n_items (rounds_store_get_comments (store));

  /* The Plan */
  rounds_window_show_place (window, "plan");
  pump ();
  rounds_plan_page_show (ROUNDS_PLAN_PAGE (find_of_type (GTK_WIDGET (window),
                                                         ROUNDS_TYPE_PLAN_PAGE)),
                         ROUNDS_PLAN_STEP_GOALS);
  pump ();
  goals = find_of_type (GTK_WIDGET (window), ROUNDS_TYPE_PLAN_GOALS);
  g_assert_nonnull (goals);
  g_assert_true (gtk_widget_is_sensitive (goals));
  /* (the checklist is made when first shown) */
  rounds_plan_page_show (ROUNDS_PLAN_PAGE (find_of_type (GTK_WIDGET (window),
                                                         ROUNDS_TYPE_PLAN_PAGE)),
                         ROUNDS_PLAN_PAGE_CHECKLIST);
  pump ();
  checklist = find_widget (GTK_WIDGET (window), match_instance,
                           GSIZE_TO_POINTER (ROUNDS_TYPE_PLAN_CHECKLIST));
  g_assert_nonnull (checklist);
  rounds_plan_page_show (ROUNDS_PLAN_PAGE (find_of_type (GTK_WIDGET (window),
                                                         ROUNDS_TYPE_PLAN_PAGE)),
                         ROUNDS_PLAN_STEP_GOALS);
  pump ();
  g_assert_true (gtk_widget_is_sensitive (checklist));

  /* Preferences → People */
  prefs = ADW_PREFERENCES_WINDOW (adw_preferences_window_new ());
  people = rounds_people_page_new (store);
  adw_preferences_window_add (prefs, ADW_PREFERENCES_PAGE (people));
  gtk_window_present (GTK_WINDOW (prefs));
  pump ();
  add_person = find_button (GTK_WIDGET (people), "Add Person…");
  g_assert_nonnull (add_person);
  g_assert_true (gtk_widget_is_sensitive (add_person));

  /* The server goes away */
  rounds_test_server_ctl ("stop");
  wait_until (!rounds_store_get_online (store));
  pump ();

  g_assert_false (gtk_widget_is_sensitive (add_by_hand));
  g_assert_true (says_offline (add_by_hand));
  g_assert_false (gtk_widget_is_sensitive (refresh));
  g_assert_true (says_offline (refresh));
  g_assert_false (gtk_widget_is_sensitive (send));
  g_assert_true (says_offline (send));
  g_assert_nonnull (find_widget (GTK_WIDGET (reply), match_label_part, (gpointer)
                                 "Read-only: the practice server cannot be reached."));
  ui_screenshot (GTK_WIDGET (reply), "reply-offline");
  g_assert_false (gtk_widget_is_sensitive (goals));
  g_assert_true (says_offline (goals));
  g_assert_nonnull (find_widget (GTK_WIDGET (window), match_label_part, (gpointer)
                                 "Read-only: the practice server cannot be reached"));
  ui_screenshot (GTK_WIDGET (window), "plan-offline");
  g_assert_false (gtk_widget_is_sensitive (checklist));
  g_assert_false (gtk_widget_is_sensitive (add_person));
  g_assert_true (says_offline (add_person));
  gtk_widget_activate_action (GTK_WIDGET (people), "people.add", NULL);
  pump ();
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL));
  g_assert_nonnull (find_widget (GTK_WIDGET (people), match_label_part, (gpointer)
                                 "Read-only now: the practice server cannot be reached"));
  ui_screenshot (GTK_WIDGET (prefs), "people-offline");

  /* A write tried anyway: told it was not saved, the text stays */
  g_assert_false (rounds_comment_dialog_add (by_hand));
  g_assert_nonnull (strstr (rounds_comment_dialog_get_error (by_hand),
                            "The practice server cannot be reached, so nothing was saved."));
  g_assert_cmpuint (g_list_model_get_n_items (rounds_store_get_comments (store)), ==, n_comments);

  /* Back: everything on again by itself, the write goes through */
  rounds_test_server_ctl ("start");
  wait_until (rounds_store_get_online (store));
  pump ();
  g_assert_true (gtk_widget_is_sensitive (add_by_hand));
  g_assert_false (says_offline (add_by_hand));
  g_assert_true (gtk_widget_is_sensitive (refresh));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (refresh), ==, "Look for New Comments");
  g_assert_true (gtk_widget_is_sensitive (send));
  g_assert_null (find_widget (GTK_WIDGET (reply), match_label_part, (gpointer)
                              "Read-only: the practice server cannot be reached."));
  g_assert_true (gtk_widget_is_sensitive (goals));
  g_assert_false (says_offline (goals));
  g_assert_true (gtk_widget_is_sensitive (checklist));
  g_assert_true (gtk_widget_is_sensitive (add_person));
  g_assert_null (find_widget (GTK_WIDGET (people), match_label_part, (gpointer)
                              "Read-only now: the practice server cannot be reached"));
  g_assert_true (rounds_comment_dialog_add (by_hand));
  g_assert_cmpuint (g_list_model_get_n_items (rounds_store_get_comments (store)), ==,
                    n_comments + 1);
  /* and the other computer sees it */
  wait_until (g_list_model_get_n_items (rounds_store_get_comments (f->other)) == n_comments + 1);

  gtk_window_destroy (GTK_WINDOW (prefs));
  ui_destroy_toplevels ();
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add ("/live/editor/follows", LiveFixture, NULL, live_set_up, test_editor_follows,
              live_tear_down);
  g_test_add ("/live/editor/conflict-keep-copy", LiveFixture, NULL, live_set_up,
              test_editor_conflict_keep_copy, live_tear_down);
  g_test_add ("/live/editor/conflict-on-save", LiveFixture, NULL, live_set_up,
              test_editor_conflict_on_save, live_tear_down);
  g_test_add ("/live/editor/deleted-elsewhere", LiveFixture, NULL, live_set_up,
              test_editor_deleted_elsewhere, live_tear_down);
  g_test_add ("/live/offline", LiveFixture, NULL, live_set_up, test_offline, live_tear_down);
  g_test_add ("/live/calendar/follows", LiveFixture, NULL, live_set_up, test_calendar_follows,
              live_tear_down);
  g_test_add ("/live/offline/pages", LiveFixture, NULL, live_set_up, test_offline_pages,
              live_tear_down);

  return g_test_run ();
}
