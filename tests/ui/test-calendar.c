/* test-calendar.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>

#include "calendar-test-util.h"
#include "rounds-calendar-agenda-view.h"
#include "rounds-calendar-drafts.h"
#include "rounds-post-dialog.h"
#include "rounds-observances.h"
#include "rounds-posts-page.h"
#include "rounds-store-post-list.h"

/* The Calendar place with the sample practice: drops on the real month
 * and week views move posts in the store (keeping the time of day in the
 * month view, snapping to the slot in the week view), refused drops leave
 * posts where they were, the keyboard path moves and undoes, chips say
 * what they show. */

static gboolean
drop_on (GtkWidget  *view,
         RoundsPost *post,
         double      x,
         double      y)
{
  GtkDropTarget *drop = find_drop_target (view);
  g_auto(GValue) value = G_VALUE_INIT;
  gboolean accepted = FALSE;

  g_assert_nonnull (drop);
  g_value_init (&value, ROUNDS_TYPE_POST);
  g_value_set_object (&value, post);
  g_signal_emit_by_name (drop, "drop", &value, x, y, &accepted);
  pump ();
  return accepted;
}

static void
cell_centre (GtkWidget   *month,
             const GDate *day,
             double      *x,
             double      *y)
{
  GtkWidget *cell = rounds_calendar_month_view_get_day_cell (ROUNDS_CALENDAR_MONTH_VIEW (month), day);
  graphene_rect_t bounds;

  g_assert_nonnull (cell);
  g_assert_true (gtk_widget_compute_bounds (cell, month, &bounds));
  *x = bounds.origin.x + bounds.size.width / 2;
  *y = bounds.origin.y + bounds.size.height * 0.8;
}

static void
test_month_drop_moves_a_day (UiFixture     *fixture,
                             gconstpointer  data)
{
  CalendarUi ui = { 0 };
  GtkWidget *month, *chip = NULL;
  RoundsPost *post;
  gint64 before, id;
  GDate day;
  double x, y;

  calendar_ui_open (fixture, &ui);
  g_assert_cmpstr (rounds_calendar_page_get_view (ui.page), ==, "month");
  month = rounds_calendar_page_get_month_view (ui.page);
  post = calendar_ui_pick_movable (&ui, &chip);
  id = rounds_post_get_id (post);
  before = rounds_post_get_scheduled_at (post);

  /* The chip tells a screen reader what it is. */
  g_assert_nonnull (strstr (rounds_calendar_chip_get_label (ROUNDS_CALENDAR_CHIP (chip)), "March"));

  rounds_calendar_date_of_utc (ui.tz, before, &day);
  g_date_add_days (&day, 1);
  cell_centre (month, &day, &x, &y);
  g_assert_true (drop_on (month, post, x, y));

  post = rounds_store_lookup_post (ui.store, id);
  g_assert_cmpint (rounds_post_get_scheduled_at (post), ==, rounds_time_add_days (ui.tz, before, 1));
  g_assert_cmpint (rounds_calendar_minutes_of_utc (ui.tz, rounds_post_get_scheduled_at (post)), ==,
                   rounds_calendar_minutes_of_utc (ui.tz, before));
  /* The chip followed the post to its new day. */
  g_assert_nonnull (rounds_calendar_month_view_find_chip (ROUNDS_CALENDAR_MONTH_VIEW (month), id,
                                                         rounds_post_get_scheduled_at (post)));

  /* Ctrl+Z's action puts it back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (ui.page), "calendar.undo", NULL));
  pump ();
  g_assert_cmpint (rounds_post_get_scheduled_at (rounds_store_lookup_post (ui.store, id)), ==, before);

  calendar_ui_close (&ui);
}

static void
test_month_drop_refused (UiFixture     *fixture,
                         gconstpointer  data)
{
  CalendarUi ui = { 0 };
  GtkWidget *month;
  GListModel *posts;
  RoundsPost *post, *published = NULL;
  gint64 before, id;
  GDate day;
  double x, y;

  calendar_ui_open (fixture, &ui);
  month = rounds_calendar_page_get_month_view (ui.page);
  post = calendar_ui_pick_movable (&ui, NULL);
  id = rounds_post_get_id (post);
  before = rounds_post_get_scheduled_at (post);

  /* Into the past: 1 March is before "now". */
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 1, 3, 2026);
  cell_centre (month, &day, &x, &y);
  g_assert_false (drop_on (month, post, x, y));
  g_assert_cmpint (rounds_post_get_scheduled_at (rounds_store_lookup_post (ui.store, id)), ==, before);

  /* A published post stays where it went out. */
  posts = rounds_store_get_posts (ui.store);
  for (guint i = 0; i < g_list_model_get_n_items (posts) && published == NULL; i++)
    {
      g_autoptr(RoundsPost) p = g_list_model_get_item (posts, i);

      if (rounds_post_get_status (p) == ROUNDS_POST_STATUS_PUBLISHED)
        published = p;
    }
  g_assert_nonnull (published);
  before = rounds_post_get_scheduled_at (published);
  g_date_set_dmy (&day, 20, 3, 2026);
  cell_centre (month, &day, &x, &y);
  g_assert_false (drop_on (month, published, x, y));
  g_assert_cmpint (rounds_post_get_scheduled_at (published), ==, before);

  /* Outside the grid: nothing happens. */
  g_assert_false (drop_on (month, post, -10, -10));

  calendar_ui_close (&ui);
}

static void
test_week_drop_snaps_to_slot (UiFixture     *fixture,
                              gconstpointer  data)
{
  CalendarUi ui = { 0 };
  GtkWidget *week;
  RoundsPost *post;
  gint64 id, before;
  GDate day, first;
  graphene_rect_t slot;
  int column;

  calendar_ui_open (fixture, &ui);
  post = calendar_ui_pick_movable (&ui, NULL);
  id = rounds_post_get_id (post);
  before = rounds_post_get_scheduled_at (post);
  rounds_calendar_date_of_utc (ui.tz, before, &day);

  rounds_calendar_page_set_view (ui.page, "week");
  rounds_calendar_page_go_to_date (ui.page, &day);
  wait_until (!rounds_calendar_page_is_loading (ui.page));
  g_assert_cmpstr (rounds_calendar_page_get_view (ui.page), ==, "week");
  week = rounds_calendar_page_get_week_view (ui.page);
  /* The week opens on the working day, not at midnight: the scroll is
   * set once the view has its size, so wait for it rather than for a
   * fixed time. */
  {
    GtkWidget *scroller = gtk_widget_get_ancestor (week, GTK_TYPE_SCROLLED_WINDOW);
    GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));

    wait_until (gtk_widget_get_mapped (week) &&
                gtk_adjustment_get_value (adj) >= 6 * 2 * ROUNDS_CALENDAR_WEEK_SLOT_HEIGHT);
  }
  g_assert_nonnull (rounds_calendar_week_view_find_chip (ROUNDS_CALENDAR_WEEK_VIEW (week), id, before));

  /* Drop a little below the top of the 10:30 slot (slot 21). */
  rounds_calendar_week_start (&day, G_DATE_SUNDAY, &first);
  column = g_date_days_between (&first, &day);
  g_assert_cmpint (column, >=, 0);
  rounds_calendar_week_view_get_slot_bounds (ROUNDS_CALENDAR_WEEK_VIEW (week), column, 21, &slot);
  g_assert_true (drop_on (week, post, slot.origin.x + slot.size.width / 2, slot.origin.y + 7));

  post = rounds_store_lookup_post (ui.store, id);
  g_assert_cmpint (rounds_post_get_scheduled_at (post), ==,
                   rounds_time_from_local (ui.tz, g_date_get_year (&day), g_date_get_month (&day),
                                           g_date_get_day (&day), 10, 30));

  calendar_ui_close (&ui);
}

static void
test_keyboard_path (UiFixture     *fixture,
                    gconstpointer  data)
{
  CalendarUi ui = { 0 };
  GtkWidget *chip = NULL;
  RoundsPost *post;
  gint64 id, before;

  calendar_ui_open (fixture, &ui);
  post = calendar_ui_pick_movable (&ui, &chip);
  id = rounds_post_get_id (post);
  before = rounds_post_get_scheduled_at (post);

  /* Select the chip, Alt+Right: a day later, same time; the chip keeps
   * the focus so the next Alt+Right goes on from there. */
  g_assert_true (gtk_widget_grab_focus (chip));
  g_assert_true (gtk_widget_activate_action (chip, "calendar.nudge", "s", "right"));
  pump ();
  g_assert_cmpint (rounds_post_get_scheduled_at (rounds_store_lookup_post (ui.store, id)), ==,
                   rounds_time_add_days (ui.tz, before, 1));
  chip = gtk_root_get_focus (GTK_ROOT (ui.window));
  g_assert_true (ROUNDS_IS_CALENDAR_CHIP (chip));
  g_assert_cmpint (rounds_post_get_id (rounds_calendar_chip_get_post (ROUNDS_CALENDAR_CHIP (chip))),
                   ==, id);
  g_assert_true (gtk_widget_activate_action (chip, "calendar.nudge", "s", "down"));
  pump ();
  g_assert_cmpint (rounds_post_get_scheduled_at (rounds_store_lookup_post (ui.store, id)), ==,
                   rounds_time_add_days (ui.tz, before, 8));

  /* Two undos (Ctrl+Z), newest first; a third has nothing left to undo. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (ui.page), "calendar.undo", NULL));
  g_assert_cmpint (rounds_post_get_scheduled_at (rounds_store_lookup_post (ui.store, id)), ==,
                   rounds_time_add_days (ui.tz, before, 1));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (ui.page), "calendar.undo", NULL));
  g_assert_cmpint (rounds_post_get_scheduled_at (rounds_store_lookup_post (ui.store, id)), ==, before);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (ui.page), "calendar.undo", NULL));
  g_assert_cmpint (rounds_post_get_scheduled_at (rounds_store_lookup_post (ui.store, id)), ==, before);

  calendar_ui_close (&ui);
}

static void
test_draft_drop_schedules (UiFixture     *fixture,
                           gconstpointer  data)
{
  CalendarUi ui = { 0 };
  g_autoptr(GPtrArray) drafts = NULL;
  GtkWidget *month;
  RoundsPost *draft;
  gint64 id;
  GDate day;
  double x, y;

  calendar_ui_open (fixture, &ui);
  month = rounds_calendar_page_get_month_view (ui.page);
  {
    g_autoptr(RoundsPost) fresh = rounds_post_new ();
    g_autoptr(GError) error = NULL;

    rounds_post_set_title (fresh, "Test draft");
    rounds_post_set_body (fresh, "Test body");
    rounds_post_set_networks (fresh, ROUNDS_NETWORK_FACEBOOK);
    draft = rounds_store_save_post (ui.store, fresh, &error);
    g_assert_no_error (error);
  }
  pump ();
  drafts = rounds_store_list_unscheduled (ui.store);
  g_assert_cmpuint (drafts->len, >, 0);
  id = rounds_post_get_id (draft);
  /* It is in the side pane. */
  g_assert_nonnull (rounds_calendar_page_find_chip (ui.page, id));

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 17, 3, 2026);
  cell_centre (month, &day, &x, &y);
  g_assert_true (drop_on (month, draft, x, y));
  g_assert_cmpint (rounds_post_get_scheduled_at (rounds_store_lookup_post (ui.store, id)), ==,
                   rounds_time_from_local (ui.tz, 2026, 3, 17, 9, 0));
  g_assert_cmpint (rounds_post_get_status (rounds_store_lookup_post (ui.store, id)), ==,
                   ROUNDS_POST_STATUS_DRAFT);

  calendar_ui_close (&ui);
}

static void
test_recurring_drop_asks (UiFixture     *fixture,
                          gconstpointer  data)
{
  CalendarUi ui = { 0 };
  g_autoptr(RoundsRecurrence) rule = rounds_recurrence_new (ROUNDS_RECURRENCE_WEEKLY, 1);
  g_autoptr(GError) error = NULL;
  GtkWidget *month;
  RoundsPost *post;
  AdwMessageDialog *dialog;
  gint64 id, start, second;
  guint n_before;
  GDate day;

  calendar_ui_open (fixture, &ui);
  month = rounds_calendar_page_get_month_view (ui.page);
  post = calendar_ui_pick_movable (&ui, NULL);
  id = rounds_post_get_id (post);
  start = rounds_post_get_scheduled_at (post);
  rule->count = 3;
  g_assert_true (rounds_store_set_recurrence (ui.store, id, rule, &error));
  g_assert_no_error (error);
  pump ();
  second = rounds_time_add_days (ui.tz, start, 7);
  n_before = g_list_model_get_n_items (rounds_store_get_posts (ui.store));

  /* Move the second occurrence a day later (as its chip's drop does):
   * Rounds asks first. */
  rounds_calendar_date_of_utc (ui.tz, second, &day);
  rounds_calendar_page_go_to_date (ui.page, &day);
  wait_until (!rounds_calendar_page_is_loading (ui.page));
  g_assert_nonnull (rounds_calendar_month_view_find_chip (ROUNDS_CALENDAR_MONTH_VIEW (month), id,
                                                         second));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (ui.page), "post.reschedule", "(xxx)",
                                             id, second, rounds_time_add_days (ui.tz, second, 1)));
  pump ();
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL));
  g_assert_nonnull (dialog);
  g_assert_true (adw_message_dialog_has_response (dialog, "this"));
  g_assert_true (adw_message_dialog_has_response (dialog, "following"));
  adw_message_dialog_response (dialog, "this");
  pump ();

  /* Only this one moved: a post of its own, the series is where it was. */
  g_assert_cmpuint (g_list_model_get_n_items (rounds_store_get_posts (ui.store)), ==, n_before + 1);
  g_assert_cmpint (rounds_post_get_scheduled_at (rounds_store_lookup_post (ui.store, id)), ==, start);
  {
    g_autoptr(RoundsRecurrence) after = rounds_store_dup_recurrence (ui.store, id);
    g_assert_true (rounds_recurrence_is_excluded (after, second));
  }

  /* Undo joins it back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (ui.page), "calendar.undo", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (rounds_store_get_posts (ui.store)), ==, n_before);
  calendar_ui_close (&ui);
}

static AdwMessageDialog *
find_progress_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)) &&
          g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (w)),
                     "Importing Posts…") == 0)
        return ADW_MESSAGE_DIALOG (w);
    }
  return NULL;
}

static gboolean
chooser_has_file (GtkFileChooser *chooser,
                  GFile          *file)
{
  g_autoptr(GFile) chosen = gtk_file_chooser_get_file (chooser);

  return chosen != NULL && g_file_equal (chosen, file);
}

/* Picks @name in the file chooser that calendar.import-csv opens. */
static void
import_fixture (CalendarUi *ui,
                const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "calendar", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkWindow *chooser;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (ui->page), "calendar.import-csv", NULL));
  wait_until ((chooser = find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG, NULL)) != NULL);
  g_assert_true (gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), file, NULL));
  /* The chooser loads the folder before it selects the file. */
  wait_until (chooser_has_file (GTK_FILE_CHOOSER (chooser), file));
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  wait_until (find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG, NULL) == NULL);
  /* The file is checked in a worker behind a progress dialog: wait
   * until that is over. */
  wait_until (find_progress_dialog () == NULL);
}

static void
test_csv_import (UiFixture     *fixture,
                 gconstpointer  data)
{
  CalendarUi ui = { 0 };
  guint n_before;
  AdwMessageDialog *report;

  calendar_ui_open (fixture, &ui);
  n_before = g_list_model_get_n_items (rounds_store_get_posts (ui.store));

  /* A bad file: refused whole, with a report naming the rows. */
  import_fixture (&ui, "bad.csv");
  g_assert_cmpuint (g_list_model_get_n_items (rounds_store_get_posts (ui.store)), ==, n_before);
  wait_until ((report = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL))) != NULL);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (report), "6 problems"));
  {
    /* All six problems are listed, one row each, in a list that scrolls
     * (issue 16: the report showed two of four and did not scroll). */
    GtkWidget *list = find_of_type (adw_message_dialog_get_extra_child (report),
                                    GTK_TYPE_LIST_BOX);
    GtkWidget *scroller = adw_message_dialog_get_extra_child (report);
    guint n_rows = 0;
    gboolean saw_row_3 = FALSE;

    g_assert_true (GTK_IS_SCROLLED_WINDOW (scroller));
    {
      GtkPolicyType vpolicy;

      gtk_scrolled_window_get_policy (GTK_SCROLLED_WINDOW (scroller), NULL, &vpolicy);
      g_assert_cmpint (vpolicy, ==, GTK_POLICY_AUTOMATIC);
    }
    g_assert_nonnull (list);
    for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
         row = gtk_widget_get_next_sibling (row))
      {
        GtkWidget *label = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));

        n_rows++;
        saw_row_3 |= g_str_has_prefix (gtk_label_get_text (GTK_LABEL (label)), "Row 3 (line 4)");
      }
    g_assert_cmpuint (n_rows, ==, 6);
    g_assert_true (saw_row_3);
    ui_screenshot (GTK_WIDGET (report), "csv-import-report");
  }
  gtk_window_destroy (GTK_WINDOW (report));
  pump ();

  /* A good one: three drafts; again: nothing more. */
  import_fixture (&ui, "good.csv");
  g_assert_cmpuint (g_list_model_get_n_items (rounds_store_get_posts (ui.store)), ==, n_before + 3);
  import_fixture (&ui, "good.csv");
  g_assert_cmpuint (g_list_model_get_n_items (rounds_store_get_posts (ui.store)), ==, n_before + 3);

  calendar_ui_close (&ui);
}

typedef struct
{
  char   *path;
  GString *data;
  gsize   first_part;
  GMutex  lock;
  GCond   cond;
  gboolean go_on;
  int     first_part_written;   /* atomic: the import's worker is reading */
} FifoWriter;

/* The writer thread: writes the first part of the file into the pipe,
 * waits for the test's go-ahead, writes the rest and closes it. Until
 * then the import's worker is stuck reading: whatever the main loop does
 * meanwhile shows it is not blocked by the import. */
static gpointer
fifo_writer_thread (gpointer user_data)
{
  FifoWriter *w = user_data;
  FILE *f = fopen (w->path, "w");

  g_assert_nonnull (f);
  g_assert_cmpuint (fwrite (w->data->str, 1, w->first_part, f), ==, w->first_part);
  fflush (f);
  g_atomic_int_set (&w->first_part_written, TRUE);

  g_mutex_lock (&w->lock);
  while (!w->go_on)
    g_cond_wait (&w->cond, &w->lock);
  g_mutex_unlock (&w->lock);

  fwrite (w->data->str + w->first_part, 1, w->data->len - w->first_part, f);
  fclose (f);
  return NULL;
}

static void
fifo_writer_go_on (FifoWriter *w)
{
  g_mutex_lock (&w->lock);
  w->go_on = TRUE;
  g_cond_signal (&w->cond);
  g_mutex_unlock (&w->lock);
}

static gboolean
count_tick_cb (gpointer user_data)
{
  (*(guint *)user_data)++;
  return G_SOURCE_CONTINUE;
}

/* A big import runs in a worker: while it reads and checks, the window
 * keeps answering (timers fire, the progress dialog is up with Cancel),
 * and in the end every row is there, written at once. */
static void
test_csv_import_big (UiFixture     *fixture,
                     gconstpointer  data)
{
  CalendarUi ui = { 0 };
  g_autofree char *dir = g_dir_make_tmp ("rounds-fifo-XXXXXX", NULL);
  g_autofree char *uri = NULL;
  FifoWriter w = { 0 };
  GThread *thread;
  AdwMessageDialog *progress;
  guint n_before, ticks = 0, tick_id;
  const guint n_rows = 3000;

  calendar_ui_open (fixture, &ui);
  n_before = g_list_model_get_n_items (rounds_store_get_posts (ui.store));

  w.path = g_build_filename (dir, "big.csv", NULL);
  g_assert_cmpint (mkfifo (w.path, 0600), ==, 0);
  w.data = g_string_new ("date,time,message,link,networks\n");
  for (guint i = 0; i < n_rows; i++)
    g_string_append_printf (w.data, "2026-04-%02u,%02u:%02u,Bulk post %u,,facebook\n",
                            1 + i % 28, 8 + (i / 60) % 10, i % 60, i);
  w.first_part = w.data->len / 2;
  g_mutex_init (&w.lock);
  g_cond_init (&w.cond);
  thread = g_thread_new ("fifo-writer", fifo_writer_thread, &w);

  uri = g_filename_to_uri (w.path, NULL, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (ui.page), "calendar.import-csv-file", "s",
                                             uri));

  /* The worker holds half a file; the main loop goes on. */
  tick_id = g_timeout_add (10, count_tick_cb, &ticks);
  wait_until ((progress = find_progress_dialog ()) != NULL && ticks >= 20);
  g_assert_nonnull (find_of_type (adw_message_dialog_get_extra_child (progress),
                                  GTK_TYPE_PROGRESS_BAR));
  g_assert_true (adw_message_dialog_has_response (progress, "cancel"));
  ui_screenshot (GTK_WIDGET (progress), "csv-import-progress");
  g_assert_cmpuint (g_list_model_get_n_items (rounds_store_get_posts (ui.store)), ==, n_before);

  fifo_writer_go_on (&w);
  wait_until (find_progress_dialog () == NULL);
  g_source_remove (tick_id);
  g_thread_join (thread);

  g_assert_cmpuint (g_list_model_get_n_items (rounds_store_get_posts (ui.store)), ==,
                    n_before + n_rows);

  g_string_free (w.data, TRUE);
  g_free (w.path);
  g_mutex_clear (&w.lock);
  g_cond_clear (&w.cond);
  rounds_test_remove_tree (dir);
  calendar_ui_close (&ui);
}

/* A 1,000,000-row file (about 35 MB) is refused for its size, with a
 * message that says so, while the window keeps answering: the worker
 * reads the first part through a pipe and is held there while timers on
 * the main loop fire; then the rest comes and the worker stops at the
 * limit. Nothing is written. */
static void
test_csv_import_million (UiFixture     *fixture,
                         gconstpointer  data)
{
  CalendarUi ui = { 0 };
  g_autofree char *dir = g_dir_make_tmp ("rounds-fifo-XXXXXX", NULL);
  g_autofree char *uri = NULL;
  FifoWriter w = { 0 };
  GThread *thread;
  AdwMessageDialog *progress;
  AdwMessageDialog *refused = NULL;
  guint n_before, ticks = 0, tick_id;

  /* The worker closes the pipe at the limit: the writer must see EPIPE,
   * not die of SIGPIPE. */
  signal (SIGPIPE, SIG_IGN);

  calendar_ui_open (fixture, &ui);
  n_before = g_list_model_get_n_items (rounds_store_get_posts (ui.store));

  w.path = g_build_filename (dir, "million.csv", NULL);
  g_assert_cmpint (mkfifo (w.path, 0600), ==, 0);
  w.data = g_string_sized_new (36 * 1000 * 1000);
  g_string_append (w.data, "date,time,message,link,networks\n");
  for (guint i = 0; i < 1000000; i++)
    g_string_append_printf (w.data, "2026-04-%02u,%02u:%02u,Row %u,,facebook\n",
                            1 + i % 28, 8 + (i / 60) % 10, i % 60, i);
  w.first_part = 2 * 1024 * 1024;
  g_mutex_init (&w.lock);
  g_cond_init (&w.cond);
  thread = g_thread_new ("fifo-writer", fifo_writer_thread, &w);

  uri = g_filename_to_uri (w.path, NULL, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (ui.page), "calendar.import-csv-file", "s",
                                             uri));

  /* The worker holds 2 MB of the file; the main loop goes on. */
  tick_id = g_timeout_add (10, count_tick_cb, &ticks);
  wait_until ((progress = find_progress_dialog ()) != NULL &&
              g_atomic_int_get (&w.first_part_written) && ticks >= 20);
  g_assert_true (adw_message_dialog_has_response (progress, "cancel"));

  fifo_writer_go_on (&w);
  wait_until (find_progress_dialog () == NULL);
  g_source_remove (tick_id);
  g_thread_join (thread);

  wait_until ((refused = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL))) !=
              NULL);
  g_assert_cmpstr (adw_message_dialog_get_heading (refused), ==, "The File Was Not Imported");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (refused), "larger than 10 MB"));
  g_assert_cmpuint (g_list_model_get_n_items (rounds_store_get_posts (ui.store)), ==, n_before);
  gtk_window_destroy (GTK_WINDOW (refused));

  g_string_free (w.data, TRUE);
  g_free (w.path);
  g_mutex_clear (&w.lock);
  g_cond_clear (&w.cond);
  rounds_test_remove_tree (dir);
  calendar_ui_close (&ui);
}

/* Cancel during the import: nothing is written. */
static void
test_csv_import_cancel (UiFixture     *fixture,
                        gconstpointer  data)
{
  CalendarUi ui = { 0 };
  g_autofree char *dir = g_dir_make_tmp ("rounds-fifo-XXXXXX", NULL);
  g_autofree char *uri = NULL;
  FifoWriter w = { 0 };
  GThread *thread;
  AdwMessageDialog *progress;
  guint n_before;

  calendar_ui_open (fixture, &ui);
  n_before = g_list_model_get_n_items (rounds_store_get_posts (ui.store));

  w.path = g_build_filename (dir, "cancel.csv", NULL);
  g_assert_cmpint (mkfifo (w.path, 0600), ==, 0);
  w.data = g_string_new ("date,time,message,link,networks\n");
  for (guint i = 0; i < 500; i++)
    g_string_append_printf (w.data, "2026-04-%02u,09:%02u,Cancelled post %u,,facebook\n",
                            1 + i % 28, i % 60, i);
  w.first_part = w.data->len / 2;
  g_mutex_init (&w.lock);
  g_cond_init (&w.cond);
  thread = g_thread_new ("fifo-writer", fifo_writer_thread, &w);

  uri = g_filename_to_uri (w.path, NULL, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (ui.page), "calendar.import-csv-file", "s",
                                             uri));
  /* Cancel once the worker is reading (before it opens the pipe, the
   * writer would wait for it forever). */
  wait_until ((progress = find_progress_dialog ()) != NULL &&
              g_atomic_int_get (&w.first_part_written));
  adw_message_dialog_response (progress, "cancel");
  fifo_writer_go_on (&w);
  wait_until (find_progress_dialog () == NULL);
  g_thread_join (thread);

  /* Import stays off until the cancelled worker has answered; then a
   * good file imports its three rows and none of the cancelled ones. */
  {
    g_autofree char *good = g_test_build_filename (G_TEST_DIST, "data", "calendar", "good.csv",
                                                   NULL);
    g_autofree char *good_uri = g_filename_to_uri (good, NULL, NULL);

    wait_until (gtk_widget_activate_action (GTK_WIDGET (ui.page), "calendar.import-csv-file", "s",
                                            good_uri) &&
                g_list_model_get_n_items (rounds_store_get_posts (ui.store)) == n_before + 3);
    wait_until (find_progress_dialog () == NULL);
  }
  g_assert_cmpuint (g_list_model_get_n_items (rounds_store_get_posts (ui.store)), ==, n_before + 3);

  g_string_free (w.data, TRUE);
  g_free (w.path);
  g_mutex_clear (&w.lock);
  g_cond_clear (&w.cond);
  rounds_test_remove_tree (dir);
  calendar_ui_close (&ui);
}

static void
test_rtl_drop (UiFixture     *fixture,
               gconstpointer  data)
{
  CalendarUi ui = { 0 };
  GtkWidget *month, *chip = NULL, *cell;
  RoundsPost *post;
  graphene_rect_t bounds;
  gint64 id, before, after;
  GDate day, saturday;

  /* Right to left: the week starts on the right, so the leftmost column
   * is the last day of the week. */
  gtk_widget_set_default_direction (GTK_TEXT_DIR_RTL);
  calendar_ui_open (fixture, &ui);
  month = rounds_calendar_page_get_month_view (ui.page);
  g_assert_cmpint (gtk_widget_get_direction (month), ==, GTK_TEXT_DIR_RTL);
  post = calendar_ui_pick_movable (&ui, &chip);
  id = rounds_post_get_id (post);
  before = rounds_post_get_scheduled_at (post);
  rounds_calendar_date_of_utc (ui.tz, before, &day);
  rounds_calendar_week_start (&day, G_DATE_SUNDAY, &saturday);
  g_date_add_days (&saturday, 6);

  cell = rounds_calendar_month_view_get_day_cell (ROUNDS_CALENDAR_MONTH_VIEW (month), &day);
  g_assert_true (gtk_widget_compute_bounds (cell, month, &bounds));
  drop_on (month, post, 5, bounds.origin.y + bounds.size.height * 0.8);

  after = rounds_post_get_scheduled_at (rounds_store_lookup_post (ui.store, id));
  rounds_calendar_date_of_utc (ui.tz, after, &day);
  g_assert_cmpint (g_date_compare (&day, &saturday), ==, 0);
  g_assert_cmpint (rounds_calendar_minutes_of_utc (ui.tz, after), ==,
                   rounds_calendar_minutes_of_utc (ui.tz, before));

  calendar_ui_close (&ui);
  gtk_widget_set_default_direction (GTK_TEXT_DIR_LTR);
}

static gboolean
match_more_button (GtkWidget *widget,
                   gpointer   data)
{
  return GTK_IS_MENU_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
         gtk_widget_has_css_class (widget, "more-button");
}

static guint
count_mapped_chips (GtkWidget *root)
{
  guint n = ROUNDS_IS_CALENDAR_CHIP (root) && gtk_widget_get_mapped (root);

  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    n += count_mapped_chips (c);

  return n;
}

static gboolean
more_accounts_for (GtkWidget *cell,
                   GtkWidget *more,
                   guint      n_on_day)
{
  g_autofree char *expected = NULL;
  guint n_shown = count_mapped_chips (cell);

  if (n_shown >= n_on_day)
    return FALSE;
  expected = g_strdup_printf ("+%u more", n_on_day - n_shown);
  return g_strcmp0 (gtk_label_get_label (GTK_LABEL (gtk_menu_button_get_child (GTK_MENU_BUTTON (more)))),
                    expected) == 0;
}

static void
test_busy_day_and_open (UiFixture     *fixture,
                        gconstpointer  data)
{
  CalendarUi ui = { 0 };
  GtkWidget *month, *more, *chip;
  GtkPopover *popover;
  guint n_chips = 0, n_on_day;
  RoundsPost *first = NULL;

  calendar_ui_open (fixture, &ui);
  month = rounds_calendar_page_get_month_view (ui.page);

  /* Five more posts on 24 March, whatever the sample has that day. */
  for (int i = 0; i < 5; i++)
    {
      g_autoptr(RoundsPost) post = rounds_post_new ();
      g_autoptr(GError) error = NULL;
      RoundsPost *saved;

      rounds_post_set_title (post, "Busy day post");
      rounds_post_set_body (post, "Test body");
      rounds_post_set_networks (post, ROUNDS_NETWORK_FACEBOOK);
      rounds_post_set_scheduled_at (post, rounds_time_from_local (ui.tz, 2026, 3, 24, 0, 5 + 10 * i));
      saved = rounds_store_save_post (ui.store, post, &error);
      g_assert_no_error (error);
      if (first == NULL)
        first = saved;
    }
  {
    g_autoptr(GPtrArray) day = rounds_store_list_calendar_items (
      ui.store, ui.tz, rounds_time_from_local (ui.tz, 2026, 3, 24, 0, 0),
      rounds_time_from_local (ui.tz, 2026, 3, 25, 0, 0), NULL);
    g_autofree char *expected = NULL;
    GtkWidget *cell;
    GDate d;

    guint n_shown;

    n_on_day = day->len;
    g_assert_cmpuint (n_on_day, >=, 5);

    /* Some chips and "+N more" for the rest, whose popover lists them
     * all. How many chips fit a cell is the view's business: count the
     * ones it shows. */
    g_date_clear (&d, 1);
    g_date_set_dmy (&d, 24, 3, 2026);
    cell = rounds_calendar_month_view_get_day_cell (ROUNDS_CALENDAR_MONTH_VIEW (month), &d);
    /* The view reloads the month off the main thread after each save, so
     * it may show the day as it was before the last ones: wait until the
     * chips and "+N more" together account for every post of the day. */
    wait_until ((more = find_widget (cell, match_more_button, NULL)) != NULL &&
                more_accounts_for (cell, more, n_on_day));
    n_shown = count_mapped_chips (cell);
    g_assert_cmpuint (n_shown, >=, 1);
    g_assert_cmpuint (n_shown, <, n_on_day);
    expected = g_strdup_printf ("+%u more", n_on_day - n_shown);
    g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (gtk_menu_button_get_child (GTK_MENU_BUTTON (more)))),
                     ==, expected);
  }
  gtk_menu_button_popup (GTK_MENU_BUTTON (more));
  wait_until ((popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (more))) != NULL &&
              gtk_widget_get_mapped (GTK_WIDGET (popover)));
  for (GtkWidget *c = gtk_widget_get_first_child (gtk_popover_get_child (popover)); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    n_chips += ROUNDS_IS_CALENDAR_CHIP (c);
  g_assert_cmpuint (n_chips, ==, n_on_day);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (more));
  pump ();

  /* Opening a chip opens the post in the editor. */
  chip = rounds_calendar_month_view_find_chip (ROUNDS_CALENDAR_MONTH_VIEW (month),
                                               rounds_post_get_id (first), 0);
  g_assert_nonnull (chip);
  click (chip);
  {
    GtkWindow *dialog;

    wait_until ((dialog = find_toplevel (ROUNDS_TYPE_POST_DIALOG, GTK_WINDOW (ui.window))) != NULL);
    g_assert_true (rounds_post_get_id (rounds_post_dialog_get_post (ROUNDS_POST_DIALOG (dialog))) ==
                   rounds_post_get_id (first));
    gtk_window_destroy (dialog);
  }

  calendar_ui_close (&ui);
}

static gboolean
match_filter_button (GtkWidget *widget,
                     gpointer   data)
{
  return GTK_IS_MENU_BUTTON (widget) &&
         g_strcmp0 (gtk_menu_button_get_label (GTK_MENU_BUTTON (widget)), "_Filter") == 0;
}

static gboolean
match_check_label (GtkWidget *widget,
                   gpointer   data)
{
  return GTK_IS_CHECK_BUTTON (widget) &&
         g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)), data) == 0;
}

static void
test_status_filter (UiFixture     *fixture,
                    gconstpointer  data)
{
  CalendarUi ui = { 0 };
  GtkWidget *month, *filter, *check;
  GListModel *posts;
  RoundsPost *published = NULL;
  GtkPopover *popover;

  calendar_ui_open (fixture, &ui);
  month = rounds_calendar_page_get_month_view (ui.page);
  posts = rounds_store_get_posts (ui.store);
  for (guint i = 0; i < g_list_model_get_n_items (posts) && published == NULL; i++)
    {
      g_autoptr(RoundsPost) p = g_list_model_get_item (posts, i);

      if (rounds_post_get_status (p) != ROUNDS_POST_STATUS_PUBLISHED ||
          rounds_post_get_scheduled_at (p) <= 0)
        continue;
      if (rounds_calendar_month_view_find_chip (ROUNDS_CALENDAR_MONTH_VIEW (month),
                                                rounds_post_get_id (p), 0) != NULL)
        published = p;
    }
  g_assert_nonnull (published);

  /* Untick "Published": its chips leave the month. */
  filter = find_widget (GTK_WIDGET (ui.page), match_filter_button, NULL);
  g_assert_nonnull (filter);
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (filter));
  check = find_widget (gtk_popover_get_child (popover), match_check_label, (gpointer)"Published");
  g_assert_nonnull (check);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), FALSE);
  /* The month reads its days under the filter again, on a worker. */
  wait_until (!rounds_calendar_page_is_loading (ui.page));
  pump ();
  g_assert_null (rounds_calendar_month_view_find_chip (ROUNDS_CALENDAR_MONTH_VIEW (month),
                                                       rounds_post_get_id (published), 0));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  wait_until (!rounds_calendar_page_is_loading (ui.page));
  pump ();
  g_assert_nonnull (rounds_calendar_month_view_find_chip (ROUNDS_CALENDAR_MONTH_VIEW (month),
                                                          rounds_post_get_id (published), 0));

  calendar_ui_close (&ui);
}

static void
test_navigation_and_agenda (UiFixture     *fixture,
                            gconstpointer  data)
{
  CalendarUi ui = { 0 };
  GtkWidget *month;
  GDate day;

  calendar_ui_open (fixture, &ui);
  month = rounds_calendar_page_get_month_view (ui.page);
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 2, 3, 2026);
  g_assert_nonnull (rounds_calendar_month_view_get_day_cell (ROUNDS_CALENDAR_MONTH_VIEW (month), &day));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (ui.page), "calendar.next", NULL));
  wait_until (!rounds_calendar_page_is_loading (ui.page));
  pump ();
  g_date_set_dmy (&day, 15, 4, 2026);
  g_assert_nonnull (rounds_calendar_month_view_get_day_cell (ROUNDS_CALENDAR_MONTH_VIEW (month), &day));
  g_date_set_dmy (&day, 15, 3, 2026);
  g_assert_null (rounds_calendar_month_view_get_day_cell (ROUNDS_CALENDAR_MONTH_VIEW (month), &day));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (ui.page), "calendar.today", NULL));
  wait_until (!rounds_calendar_page_is_loading (ui.page));
  pump ();
  g_assert_nonnull (rounds_calendar_month_view_get_day_cell (ROUNDS_CALENDAR_MONTH_VIEW (month), &day));

  /* The agenda lists the month's posts by day. */
  rounds_calendar_page_set_view (ui.page, "agenda");
  wait_until (!rounds_calendar_page_is_loading (ui.page));
  pump ();
  {
    GtkWidget *row = find_of_type (GTK_WIDGET (ui.page), ADW_TYPE_ACTION_ROW);
    g_assert_nonnull (row);
    g_assert_nonnull (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)));
  }

  calendar_ui_close (&ui);
}

/* The views behind RoundsCalendarView, on their own: each shows the
 * period around a day, says which days it covers and what to call them,
 * steps to the next period, shows the events of its model, and (month and
 * week) turns a drop into ::post-dropped with the time the post would get. */

typedef struct
{
  guint       count;
  RoundsPost *post;
  gint64      occurrence;
  gint64      to;
} Dropped;

static gboolean
on_view_post_dropped_cb (RoundsCalendarView *view,
                         RoundsPost         *post,
                         gint64              occurrence,
                         gint64              to,
                         Dropped            *dropped)
{
  dropped->count++;
  dropped->post = post;
  dropped->occurrence = occurrence;
  dropped->to = to;
  return TRUE;
}

static void
test_view_interface (UiFixture     *fixture,
                     gconstpointer  data)
{
  g_autoptr(GTimeZone) tz = rounds_time_zone_new ("America/Chicago");
  g_autoptr(RoundsPost) post = rounds_post_new ();
  gint64 when = rounds_time_from_local (tz, 2026, 3, 2, 9, 0);
  const char *names[] = { "month", "week", "agenda" };
  GType types[] = { ROUNDS_TYPE_CALENDAR_MONTH_VIEW, ROUNDS_TYPE_CALENDAR_WEEK_VIEW,
                    ROUNDS_TYPE_CALENDAR_AGENDA_VIEW };
  GDate day;

  rounds_post_set_title (post, "Pollen season");
  rounds_post_set_scheduled_at (post, when);
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 2, 3, 2026);   /* a Monday */

  for (guint v = 0; v < G_N_ELEMENTS (types); v++)
    {
      g_autoptr(GListStore) events = g_list_store_new (ROUNDS_TYPE_CALENDAR_EVENT);
      g_autoptr(RoundsCalendarEvent) event = rounds_calendar_event_new (post, when, FALSE);
      RoundsCalendarView *view = g_object_new (types[v], NULL);
      GtkWidget *window = gtk_window_new ();
      g_autofree char *title = NULL;
      GtkDropTarget *drop;
      Dropped dropped = { 0 };
      GDate first, after_last, next = day;

      g_test_message ("%s view", names[v]);
      g_assert_true (ROUNDS_IS_CALENDAR_VIEW (view));
      gtk_window_set_default_size (GTK_WINDOW (window), 1000, 1400);
      gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
      gtk_window_present (GTK_WINDOW (window));

      g_list_store_append (events, event);
      rounds_calendar_view_set_date (view, &day, G_DATE_MONDAY, tz, when - 3600);
      rounds_calendar_view_set_model (view, G_LIST_MODEL (events));

      /* The range holds the day; its title names it. */
      rounds_calendar_view_get_range (view, &first, &after_last);
      g_assert_cmpint (g_date_compare (&first, &day), <=, 0);
      g_assert_cmpint (g_date_compare (&day, &after_last), <, 0);
      title = rounds_calendar_view_dup_title (view);
      rounds_calendar_view_step (view, &next, 1);
      if (types[v] == ROUNDS_TYPE_CALENDAR_WEEK_VIEW)
        {
          g_assert_cmpint (g_date_get_weekday (&first), ==, G_DATE_MONDAY);
          g_assert_cmpint (g_date_days_between (&first, &after_last), ==, 7);
          g_assert_nonnull (strstr (title, "2026"));
          g_assert_cmpint (g_date_days_between (&day, &next), ==, 7);
        }
      else
        {
          g_assert_cmpstr (title, ==, "March 2026");
          g_assert_cmpint (g_date_get_month (&next), ==, 4);
          if (types[v] == ROUNDS_TYPE_CALENDAR_AGENDA_VIEW)
            {
              /* The agenda is the month itself. */
              g_assert_cmpint (g_date_get_day (&first), ==, 1);
              g_assert_cmpint (g_date_get_month (&first), ==, 3);
              g_assert_cmpint (g_date_get_month (&after_last), ==, 4);
              g_assert_cmpint (g_date_get_day (&after_last), ==, 1);
            }
          else
            {
              /* The month is whole weeks, from the first weekday. */
              g_assert_cmpint (g_date_get_weekday (&first), ==, G_DATE_MONDAY);
              g_assert_cmpint (g_date_days_between (&first, &after_last) % 7, ==, 0);
              g_assert_cmpint (g_date_get_month (&after_last), ==, 4);
            }
        }

      /* The event of the model is shown, and follows it. */
      g_assert_nonnull (rounds_calendar_view_find_post (view, rounds_post_get_id (post), when));
      g_list_store_remove_all (events);
      g_assert_null (rounds_calendar_view_find_post (view, rounds_post_get_id (post), when));
      g_list_store_append (events, event);

      /* A drop emits ::post-dropped with the time the post would get. */
      drop = find_drop_target (GTK_WIDGET (view));
      if (types[v] == ROUNDS_TYPE_CALENDAR_AGENDA_VIEW)
        g_assert_null (drop);   /* a list has no day or slot to drop on */
      else
        {
          GDate tuesday = day;
          double x, y;

          wait_until (gtk_widget_get_width (GTK_WIDGET (view)) > 0);
          g_date_add_days (&tuesday, 1);
          if (types[v] == ROUNDS_TYPE_CALENDAR_MONTH_VIEW)
            cell_centre (GTK_WIDGET (view), &tuesday, &x, &y);
          else
            {
              graphene_rect_t bounds;

              rounds_calendar_week_view_get_slot_bounds (ROUNDS_CALENDAR_WEEK_VIEW (view), 1, 21,
                                                         &bounds);
              x = bounds.origin.x + bounds.size.width / 2;
              y = bounds.origin.y + bounds.size.height * 0.8;
            }

          g_signal_connect (view, "post-dropped", G_CALLBACK (on_view_post_dropped_cb), &dropped);
          g_assert_true (drop_on (GTK_WIDGET (view), post, x, y));
          g_assert_cmpuint (dropped.count, ==, 1);
          g_assert_true (dropped.post == post);
          g_assert_cmpint (dropped.occurrence, ==, when);
          /* Month: the same time on the day dropped on; week: the slot (10:30). */
          g_assert_cmpint (dropped.to, ==,
                           types[v] == ROUNDS_TYPE_CALENDAR_MONTH_VIEW
                             ? rounds_time_from_local (tz, 2026, 3, 3, 9, 0)
                             : rounds_time_from_local (tz, 2026, 3, 3, 10, 30));
        }

      rounds_calendar_view_set_model (view, NULL);
      gtk_window_destroy (GTK_WINDOW (window));
    }
}

/* Waits (with a generous deadline) until the month view shows a post's
 * chip, or until it no longer does. */
static GtkWidget *
wait_for_chip (GtkWidget *month,
               gint64     id,
               gboolean   shown)
{
  gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  GtkWidget *chip;

  while (((chip = rounds_calendar_month_view_find_chip (ROUNDS_CALENDAR_MONTH_VIEW (month), id, 0))
          != NULL) != shown && g_get_monotonic_time () < end)
    pump_for (20);
  return chip;
}

/* Post operations are the window's actions: the calendar deletes a post by
 * activating post.delete, from the page or from the post's own window,
 * and the Undo toast brings it back. */
static void
test_post_delete_action (UiFixture     *fixture,
                         gconstpointer  data)
{
  CalendarUi ui = { 0 };
  GtkWidget *month, *chip = NULL;
  GtkWindow *dialog;
  RoundsPost *post;
  gint64 id, when;

  calendar_ui_open (fixture, &ui);
  month = rounds_calendar_page_get_month_view (ui.page);
  post = calendar_ui_pick_movable (&ui, &chip);
  id = rounds_post_get_id (post);
  when = rounds_post_get_scheduled_at (post);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (ui.page), "post.delete", "x", id));
  pump ();
  g_assert_null (rounds_store_lookup_post (ui.store, id));
  g_assert_null (wait_for_chip (month, id, FALSE));

  click (find_button (GTK_WIDGET (ui.window), "Undo"));
  g_assert_nonnull (rounds_store_lookup_post (ui.store, id));
  g_assert_cmpint (rounds_post_get_scheduled_at (rounds_store_lookup_post (ui.store, id)), ==, when);
  chip = wait_for_chip (month, id, TRUE);
  g_assert_nonnull (chip);

  /* The same from the post's window, opened from its chip. */
  click (chip);
  wait_until ((dialog = find_toplevel (ROUNDS_TYPE_POST_DIALOG, GTK_WINDOW (ui.window))) != NULL);
  g_signal_emit_by_name (dialog, "delete-requested",
                         rounds_post_dialog_get_post (ROUNDS_POST_DIALOG (dialog)));
  pump ();
  g_assert_null (rounds_store_lookup_post (ui.store, id));
  g_assert_null (wait_for_chip (month, id, FALSE));
  g_assert_nonnull (find_button (GTK_WIDGET (ui.window), "Undo"));
  gtk_window_destroy (dialog);

  calendar_ui_close (&ui);
}

/* Waits until the month view shows the post at @when. */
static GtkWidget *
wait_for_chip_at (GtkWidget *month,
                  gint64     id,
                  gint64     when)
{
  GtkWidget *chip = NULL;

  wait_until ((chip = rounds_calendar_month_view_find_chip (ROUNDS_CALENDAR_MONTH_VIEW (month),
                                                            id, when)) != NULL);
  return chip;
}

/* Moving a post is the window's post.reschedule((post id, occurrence,
 * new time)): any page can ask for it. The calendar follows, the toast's
 * Undo puts the post back, and post.undo-reschedule undoes the latest. */
static void
test_post_reschedule_action (UiFixture     *fixture,
                             gconstpointer  data)
{
  CalendarUi ui = { 0 };
  GtkWidget *month, *posts_page;
  RoundsPost *post;
  gint64 id, before, to, past;
  GDate day;

  calendar_ui_open (fixture, &ui);
  month = rounds_calendar_page_get_month_view (ui.page);
  post = calendar_ui_pick_movable (&ui, NULL);
  id = rounds_post_get_id (post);
  before = rounds_post_get_scheduled_at (post);
  rounds_calendar_date_of_utc (ui.tz, before, &day);
  g_date_add_days (&day, 2);
  to = rounds_time_from_local (ui.tz, g_date_get_year (&day), g_date_get_month (&day),
                               g_date_get_day (&day), 10, 30);

  /* From the window, not the calendar: two days later at 10:30. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (ui.window), "post.reschedule", "(xxx)",
                                             id, (gint64)0, to));
  g_assert_cmpint (rounds_post_get_scheduled_at (rounds_store_lookup_post (ui.store, id)), ==, to);
  g_assert_nonnull (wait_for_chip_at (month, id, to));

  /* The toast's Undo puts it back, and the calendar follows. */
  click (find_button (GTK_WIDGET (ui.window), "Undo"));
  g_assert_cmpint (rounds_post_get_scheduled_at (rounds_store_lookup_post (ui.store, id)), ==, before);
  g_assert_nonnull (wait_for_chip_at (month, id, before));

  /* From another page (Posts), then undone by post.undo-reschedule. */
  posts_page = rounds_window_get_posts_page (ui.window);
  g_assert_nonnull (posts_page);
  g_assert_true (gtk_widget_activate_action (posts_page, "post.reschedule", "(xxx)",
                                             id, before, to));
  g_assert_cmpint (rounds_post_get_scheduled_at (rounds_store_lookup_post (ui.store, id)), ==, to);
  g_assert_true (gtk_widget_activate_action (posts_page, "post.undo-reschedule", NULL));
  g_assert_cmpint (rounds_post_get_scheduled_at (rounds_store_lookup_post (ui.store, id)), ==, before);

  /* Refused moves change nothing and leave nothing to undo: into the
   * past, and a post that does not exist. */
  past = CAL_UI_NOW - 86400;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (ui.window), "post.reschedule", "(xxx)",
                                             id, (gint64)0, past));
  g_assert_cmpint (rounds_post_get_scheduled_at (rounds_store_lookup_post (ui.store, id)), ==, before);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (ui.window), "post.reschedule", "(xxx)",
                                             (gint64)G_MAXINT32, (gint64)0, to));
  g_assert_null (rounds_store_lookup_post (ui.store, G_MAXINT32));

  /* Nothing left to undo: the post stays where it is. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (ui.window), "post.undo-reschedule", NULL));
  g_assert_cmpint (rounds_post_get_scheduled_at (rounds_store_lookup_post (ui.store, id)), ==, before);

  calendar_ui_close (&ui);
}

static gboolean
match_mapped_label (GtkWidget *widget,
                    gpointer   data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), data) == 0;
}

static void
collect_chips (GtkWidget *widget,
               GPtrArray *chips)
{
  if (ROUNDS_IS_CALENDAR_CHIP (widget) && gtk_widget_get_mapped (widget))
    g_ptr_array_add (chips, widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    collect_chips (c, chips);
}

/* Whether @chip shows at least @n characters of its post's title before
 * an ellipsis: the text up to them, and "…", fit the label's width. */
static gboolean
chip_shows_title (RoundsCalendarChip *chip,
                  guint               n)
{
  GtkWidget *label = rounds_calendar_chip_get_title_widget (chip);
  g_autofree char *title = rounds_post_dup_display_title (rounds_calendar_chip_get_post (chip));
  const char *text = rounds_calendar_chip_get_title_text (chip);
  g_autofree char *head = g_utf8_substring (title, 0, MIN ((glong)n, g_utf8_strlen (title, -1)));
  const char *start = strstr (text, head);
  g_autofree char *shown = NULL;
  PangoLayout *layout;
  int width = 0;

  g_assert_nonnull (start);
  if (g_utf8_strlen (title, -1) <= (glong)n)
    shown = g_strdup (text);
  else
    shown = g_strdup_printf ("%.*s…", (int)(g_utf8_offset_to_pointer (start, n) - text), text);
  layout = gtk_widget_create_pango_layout (label, shown);
  pango_layout_set_attributes (layout, rounds_calendar_chip_get_title_attributes (chip));
  pango_layout_get_pixel_size (layout, &width, NULL);
  g_object_unref (layout);

  return width <= gtk_widget_get_width (label);
}

/* At the window's default size (1100 px) the month's chips show their
 * titles ("09:00 Flu…" was all there was); the week opens with its first
 * hour's label whole, and shows the observances of its days. */
static void
test_layout_default_size (UiFixture     *fixture,
                          gconstpointer  data)
{
  CalendarUi ui = { 0 };
  g_autoptr(GPtrArray) chips = g_ptr_array_new ();
  GtkWidget *month, *week, *scroller;
  GtkAdjustment *adj;
  graphene_rect_t label;
  double top;
  guint hour, short_titles = 0;
  GDate first, last;
  g_autoptr(GPtrArray) observances = NULL;
  RoundsObservance *shown = NULL;

  calendar_ui_open (fixture, &ui);
  month = rounds_calendar_page_get_month_view (ui.page);
  g_test_message ("window %d x %d", gtk_widget_get_width (GTK_WIDGET (ui.window)), gtk_widget_get_height (GTK_WIDGET (ui.window)));
  wait_until ((g_ptr_array_set_size (chips, 0), collect_chips (month, chips), chips->len >= 10));
  pump_for (50);
  for (guint i = 0; i < chips->len; i++)
    if (!chip_shows_title (g_ptr_array_index (chips, i), 12))
      {
        g_test_message ("a chip shows fewer than 12 characters of its title");
        short_titles++;
      }
  g_assert_cmpuint (short_titles, ==, 0);
  ui_screenshot (GTK_WIDGET (ui.window), "calendar-month-1100");

  /* The week: the label of the first hour shown is whole. */
  rounds_calendar_page_set_view (ui.page, "week");
  wait_until (!rounds_calendar_page_is_loading (ui.page));
  week = rounds_calendar_page_get_week_view (ui.page);
  scroller = gtk_widget_get_ancestor (week, GTK_TYPE_SCROLLED_WINDOW);
  adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  wait_until (gtk_widget_get_mapped (week) &&
              gtk_adjustment_get_value (adj) >= 6 * 2 * ROUNDS_CALENDAR_WEEK_SLOT_HEIGHT);
  top = gtk_adjustment_get_value (adj);
  hour = (guint)ceil (top / (2 * ROUNDS_CALENDAR_WEEK_SLOT_HEIGHT));
  rounds_calendar_week_view_get_hour_label_bounds (ROUNDS_CALENDAR_WEEK_VIEW (week), hour, &label);
  g_assert_cmpfloat (label.origin.y, >=, top);
  g_assert_cmpfloat (label.origin.y + label.size.height, <=,
                     top + gtk_adjustment_get_page_size (adj));

  /* The week's chips show their titles too, and none covers another. */
  g_ptr_array_set_size (chips, 0);
  wait_until ((g_ptr_array_set_size (chips, 0), collect_chips (week, chips), chips->len >= 1));
  pump_for (50);
  for (guint i = 0; i < chips->len; i++)
    {
      graphene_rect_t a;

      g_assert_true (chip_shows_title (g_ptr_array_index (chips, i), 10));
      g_assert_true (gtk_widget_compute_bounds (g_ptr_array_index (chips, i), week, &a));
      for (guint j = 0; j < i; j++)
        {
          graphene_rect_t b;

          g_assert_true (gtk_widget_compute_bounds (g_ptr_array_index (chips, j), week, &b));
          g_assert_false (graphene_rect_intersection (&a, &b, NULL));
        }
    }
  g_test_message ("%u week chips show their titles", chips->len);

  /* A week's observances are on their days (the first day or week
   * observance of the sample's months). */
  g_date_clear (&first, 1);
  g_date_clear (&last, 1);
  g_date_set_dmy (&first, 1, G_DATE_MARCH, 2026);
  g_date_set_dmy (&last, 30, G_DATE_APRIL, 2026);
  observances = rounds_observances_for_range (&first, &last);
  for (guint i = 0; observances != NULL && i < observances->len && shown == NULL; i++)
    if (((RoundsObservance *)g_ptr_array_index (observances, i))->kind != ROUNDS_OBSERVANCE_MONTH)
      shown = g_ptr_array_index (observances, i);
  g_assert_nonnull (shown);
  rounds_calendar_page_go_to_date (ui.page, &shown->start);
  wait_until (find_widget (GTK_WIDGET (ui.page), match_mapped_label, (gpointer)shown->name) != NULL);
  ui_screenshot (GTK_WIDGET (ui.window), "calendar-week-1100");

  calendar_ui_close (&ui);
}

/* Issue 17: posts are read when asked for, one object per id while
 * held. A post edited through another view (the Posts page's list, its
 * editor saving a copy) is the calendar's own object, and the calendar
 * shows the change. */
static void
test_edit_elsewhere_updates_chip (UiFixture     *fixture,
                                  gconstpointer  data)
{
  CalendarUi ui = { 0 };
  g_autoptr(RoundsPostList) list = NULL;
  g_autoptr(RoundsPost) edit = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *month, *chip = NULL;
  RoundsPost *post;
  gint64 id;
  guint pos;

  calendar_ui_open (fixture, &ui);
  month = rounds_calendar_page_get_month_view (ui.page);
  post = calendar_ui_pick_movable (&ui, &chip);
  id = rounds_post_get_id (post);

  list = rounds_post_list_new (ui.store);
  pos = rounds_post_list_find (list, id);
  g_assert_cmpuint (pos, !=, G_MAXUINT);
  {
    g_autoptr(RoundsPost) row = g_list_model_get_item (G_LIST_MODEL (list), pos);

    g_assert_true (row == rounds_calendar_chip_get_post (ROUNDS_CALENDAR_CHIP (chip)));
    edit = rounds_post_copy (row);
  }
  rounds_post_set_title (edit, "Renamed in the Posts list");
  g_assert_nonnull (rounds_store_save_post (ui.store, edit, &error));
  g_assert_no_error (error);

  wait_until ((chip = rounds_calendar_month_view_find_chip (ROUNDS_CALENDAR_MONTH_VIEW (month),
                                                            id, 0)) != NULL &&
              strstr (rounds_calendar_chip_get_title_text (ROUNDS_CALENDAR_CHIP (chip)),
                      "Renamed in the Posts list") != NULL);

  calendar_ui_close (&ui);
}


/* What the "+N more" of @day's cell says, or NULL when it is hidden. */
static const char *
more_label (GtkWidget   *month,
            const GDate *day)
{
  GtkWidget *cell = rounds_calendar_month_view_get_day_cell (ROUNDS_CALENDAR_MONTH_VIEW (month), day);
  GtkWidget *more = cell != NULL ? find_of_type (cell, GTK_TYPE_MENU_BUTTON) : NULL;

  if (more == NULL || !gtk_widget_get_visible (more))
    return NULL;
  return gtk_label_get_text (GTK_LABEL (gtk_menu_button_get_child (GTK_MENU_BUTTON (more))));
}

/* A busy day holds the first chips and a count: a drop onto it counts
 * one more at once, a post moved off it one fewer, and its popover
 * lists them all. */
static void
test_more_count_after_drop (UiFixture     *fixture,
                            gconstpointer  data)
{
  CalendarUi ui = { 0 };
  GtkWidget *month;
  RoundsPost *post;
  gint64 busy_id = 0, first_busy;
  GDate busy;

  calendar_ui_open (fixture, &ui);
  month = rounds_calendar_page_get_month_view (ui.page);
  post = calendar_ui_pick_movable (&ui, NULL);

  /* Saturday 28 March: five more posts, 06:00 to 06:40. */
  g_date_clear (&busy, 1);
  g_date_set_dmy (&busy, 28, 3, 2026);
  first_busy = rounds_time_from_local (ui.tz, 2026, 3, 28, 6, 0);
  for (int i = 0; i < 5; i++)
    {
      g_autoptr(RoundsPost) p = rounds_post_new ();
      g_autoptr(GError) error = NULL;
      RoundsPost *saved;

      rounds_post_set_title (p, "Busy day");
      rounds_post_set_body (p, "Clinic open late.");
      rounds_post_set_networks (p, ROUNDS_NETWORK_FACEBOOK);
      rounds_post_set_scheduled_at (p, first_busy + i * 600);
      saved = rounds_store_import_post (ui.store, p, ROUNDS_POST_STATUS_SCHEDULED, "test", &error);
      g_assert_no_error (error);
      if (i == 4)
        busy_id = rounds_post_get_id (saved);
    }
  rounds_calendar_page_refresh (ui.page);
  {
    g_autoptr(GPtrArray) items = NULL;
    guint n;

    items = rounds_store_list_calendar_items (ui.store, ui.tz, rounds_calendar_day_start_utc (ui.tz, &busy),
                                              rounds_calendar_day_start_utc (ui.tz, &busy) + 86400, NULL);
    n = items->len;
    {
      g_autofree char *expected = g_strdup_printf ("+%u more", n - 2);

      wait_until (g_strcmp0 (more_label (month, &busy), expected) == 0);
    }

    /* A drop onto the busy day (the keyboard's and the pointer's path). */
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (ui.page), "post.reschedule", "(xxx)",
                                               rounds_post_get_id (post),
                                               rounds_post_get_scheduled_at (post),
                                               first_busy + 3000));
    {
      g_autofree char *expected = g_strdup_printf ("+%u more", n - 1);

      wait_until (g_strcmp0 (more_label (month, &busy), expected) == 0);
    }

    /* The last of the day, hidden behind "+N more", moved away. */
    g_assert_null (rounds_calendar_month_view_find_chip (ROUNDS_CALENDAR_MONTH_VIEW (month), busy_id, 0));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (ui.page), "post.reschedule", "(xxx)",
                                               busy_id, first_busy + 2400,
                                               first_busy + 2400 + 86400));
    {
      g_autofree char *expected = g_strdup_printf ("+%u more", n - 2);

      wait_until (g_strcmp0 (more_label (month, &busy), expected) == 0);
    }
  }

  calendar_ui_close (&ui);
}

/* Two steps in a row, quicker than the posts are read: the month after
 * next shows, not the one in between. */
static void
test_quick_double_step (UiFixture     *fixture,
                        gconstpointer  data)
{
  CalendarUi ui = { 0 };
  GtkWidget *month;
  GDate day;

  calendar_ui_open (fixture, &ui);
  month = rounds_calendar_page_get_month_view (ui.page);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (ui.page), "calendar.next", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (ui.page), "calendar.next", NULL));
  /* Until the answer comes, March stays. */
  g_date_clear (&day, 1);
  if (rounds_calendar_page_is_loading (ui.page))
    {
      g_date_set_dmy (&day, 15, 3, 2026);
      g_assert_nonnull (rounds_calendar_month_view_get_day_cell (ROUNDS_CALENDAR_MONTH_VIEW (month), &day));
    }
  wait_until (!rounds_calendar_page_is_loading (ui.page));
  pump ();
  g_date_set_dmy (&day, 15, 5, 2026);
  g_assert_nonnull (rounds_calendar_month_view_get_day_cell (ROUNDS_CALENDAR_MONTH_VIEW (month), &day));
  g_date_set_dmy (&day, 15, 4, 2026);
  g_assert_null (rounds_calendar_month_view_get_day_cell (ROUNDS_CALENDAR_MONTH_VIEW (month), &day));

  calendar_ui_close (&ui);
}

/* One post changed reads and redraws what it touches: its day in the
 * month (not the month's 42), the cells of its old and new day, and one
 * chip in the drafts pane (not every draft). */
static void
test_one_change_touches_its_days (UiFixture     *fixture,
                                  gconstpointer  data)
{
  CalendarUi ui = { 0 };
  RoundsCalendarMonthView *month;
  g_autoptr(RoundsPost) edit = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *chip = NULL;
  RoundsPost *post, *draft = NULL;
  guint days, cells, binds;
  gint64 id, when;

  calendar_ui_open (fixture, &ui);
  month = ROUNDS_CALENDAR_MONTH_VIEW (rounds_calendar_page_get_month_view (ui.page));
  post = calendar_ui_pick_movable (&ui, &chip);
  id = rounds_post_get_id (post);
  when = rounds_post_get_scheduled_at (post);
  wait_until (!rounds_calendar_page_is_loading (ui.page));
  pump ();

  /* A new title: its day is read again, its cell bound again. */
  days = _rounds_calendar_page_get_n_days_read (ui.page);
  cells = _rounds_calendar_month_view_get_n_bound (month);
  binds = _rounds_calendar_chip_get_n_binds ();
  edit = rounds_post_copy (post);
  rounds_post_set_title (edit, "Renamed once");
  g_assert_nonnull (rounds_store_save_post (ui.store, edit, &error));
  g_assert_no_error (error);
  wait_until ((chip = rounds_calendar_month_view_find_chip (month, id, 0)) != NULL &&
              g_strcmp0 (rounds_calendar_chip_get_title_text (ROUNDS_CALENDAR_CHIP (chip)),
                         "Renamed once") == 0);
  wait_until (!rounds_calendar_page_is_loading (ui.page));
  pump ();
  g_assert_cmpuint (_rounds_calendar_page_get_n_days_read (ui.page) - days, ==, 1);
  g_assert_cmpuint (_rounds_calendar_month_view_get_n_bound (month) - cells, ==, 1);
  g_assert_cmpuint (_rounds_calendar_chip_get_n_binds () - binds, <=, ROUNDS_CALENDAR_MONTH_MAX_CHIPS);

  /* Moved to the next day: both days, both cells. */
  days = _rounds_calendar_page_get_n_days_read (ui.page);
  cells = _rounds_calendar_month_view_get_n_bound (month);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (ui.page), "post.reschedule", "(xxx)",
                                             id, when, when + 86400));
  wait_until ((chip = rounds_calendar_month_view_find_chip (month, id, 0)) != NULL &&
              rounds_calendar_chip_get_when (ROUNDS_CALENDAR_CHIP (chip)) == when + 86400);
  wait_until (!rounds_calendar_page_is_loading (ui.page));
  pump ();
  g_assert_cmpuint (_rounds_calendar_page_get_n_days_read (ui.page) - days, <=, 2);
  g_assert_cmpuint (_rounds_calendar_month_view_get_n_bound (month) - cells, <=, 2);

  /* A draft renamed among several: its chip alone in the side pane. */
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(RoundsPost) fresh = rounds_post_new ();
      g_autofree char *title = g_strdup_printf ("Draft %u", i);

      rounds_post_set_title (fresh, title);
      rounds_post_set_body (fresh, "Body");
      draft = rounds_store_save_post (ui.store, fresh, &error);
      g_assert_no_error (error);
    }
  wait_until (rounds_calendar_page_find_chip (ui.page, rounds_post_get_id (draft)) != NULL);
  wait_until (!rounds_calendar_page_is_loading (ui.page));
  pump ();
  binds = _rounds_calendar_chip_get_n_binds ();
  {
    g_autoptr(RoundsPost) renamed = rounds_post_copy (draft);

    rounds_post_set_title (renamed, "Draft renamed");
    g_assert_nonnull (rounds_store_save_post (ui.store, renamed, &error));
    g_assert_no_error (error);
  }
  wait_until ((chip = rounds_calendar_page_find_chip (ui.page, rounds_post_get_id (draft))) != NULL &&
              g_strcmp0 (rounds_calendar_chip_get_title_text (ROUNDS_CALENDAR_CHIP (chip)),
                         "Draft renamed") == 0);
  wait_until (!rounds_calendar_page_is_loading (ui.page));
  pump ();
  g_assert_cmpuint (_rounds_calendar_chip_get_n_binds () - binds, <=, 2);

  calendar_ui_close (&ui);
}

static void
scroll_to_end (GtkAdjustment *adj)
{
  gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj));
}

/* Hundreds of undated drafts: the side pane makes chips for the first
 * ones it shows, and more as it is scrolled or focus moves down, until
 * the last draft is reached; every draft can still be found, and its
 * chip says what the compliance check found once it has a chip. */
static void
test_drafts_many_few_chips (UiFixture     *fixture,
                            gconstpointer  data)
{
  CalendarUi ui = { 0 };
  g_autoptr(GPtrArray) fresh = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GError) error = NULL;
  RoundsCalendarDrafts *pane;
  GtkScrolledWindow *scroller;
  GtkAdjustment *adj;
  GtkWidget *chip, *last = NULL;
  guint n, made, imported = 0;
  gint64 last_id;

  calendar_ui_open (fixture, &ui);
  for (guint i = 0; i < 400; i++)
    {
      RoundsPost *post = rounds_post_new ();
      g_autofree char *title = g_strdup_printf ("Many drafts %u", i);
      g_autofree char *body =
        g_strdup_printf ("Draft %u: shout-out to K.L., our bravest patient this week!", i);

      rounds_post_set_title (post, title);
      rounds_post_set_body (post, body);
      rounds_post_set_networks (post, ROUNDS_NETWORK_FACEBOOK);
      g_ptr_array_add (fresh, post);
    }
  g_assert_true (rounds_store_import_posts (ui.store, fresh, ROUNDS_POST_STATUS_DRAFT, "Test",
                                            &imported, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (imported, ==, 400);
  rounds_calendar_page_refresh (ui.page);
  drafts = rounds_store_list_unscheduled (ui.store);
  n = drafts->len;
  g_assert_cmpuint (n, >=, 400);
  last_id = rounds_post_get_id (g_ptr_array_index (drafts, n - 1));

  pane = ROUNDS_CALENDAR_DRAFTS (find_of_type (GTK_WIDGET (ui.page), ROUNDS_TYPE_CALENDAR_DRAFTS));
  g_assert_nonnull (pane);
  scroller = GTK_SCROLLED_WINDOW (find_of_type (GTK_WIDGET (pane), GTK_TYPE_SCROLLED_WINDOW));
  adj = gtk_scrolled_window_get_vadjustment (scroller);
  wait_until (gtk_widget_get_mapped (GTK_WIDGET (scroller)) &&
              gtk_adjustment_get_page_size (adj) > 0 &&
              _rounds_calendar_drafts_get_n_chips (pane) > 0);
  pump ();

  /* The pane is full, and holds far fewer chips than drafts. */
  made = _rounds_calendar_drafts_get_n_chips (pane);
  g_assert_cmpfloat (gtk_adjustment_get_upper (adj), >, gtk_adjustment_get_page_size (adj));
  g_assert_cmpuint (made, <=, 120);

  /* Focus on the last chip made scrolls the pane to it: the next drafts
   * get their chips, ready for the next Tab. */
  for (chip = gtk_widget_get_first_child (gtk_scrolled_window_get_child (scroller));
       chip != NULL && !ROUNDS_IS_CALENDAR_CHIP (chip); chip = gtk_widget_get_first_child (chip))
    ;
  g_assert_nonnull (chip);
  last = gtk_widget_get_last_child (gtk_widget_get_parent (chip));
  gtk_widget_grab_focus (last);
  wait_until (_rounds_calendar_drafts_get_n_chips (pane) > made);
  g_assert_nonnull (gtk_widget_get_next_sibling (last));

  /* Scrolled to the end again and again (as a user drags the scroll
   * bar down while the pane grows): the last draft comes. */
  for (guint i = 0; i < n && _rounds_calendar_drafts_get_n_chips (pane) < n; i++)
    {
      made = _rounds_calendar_drafts_get_n_chips (pane);
      wait_until ((scroll_to_end (adj), _rounds_calendar_drafts_get_n_chips (pane) > made));
    }
  g_assert_cmpuint (_rounds_calendar_drafts_get_n_chips (pane), ==, n);
  chip = rounds_calendar_page_find_chip (ui.page, last_id);
  g_assert_nonnull (chip);
  g_assert_true (chip == gtk_widget_get_last_child (gtk_widget_get_parent (chip)));
  /* A patient's initials: the last chip made tells of a problem once checked. */
  wait_until (strstr (rounds_calendar_chip_get_label (ROUNDS_CALENDAR_CHIP (chip)), "not checked yet") == NULL);
  g_assert_null (strstr (rounds_calendar_chip_get_label (ROUNDS_CALENDAR_CHIP (chip)), "no problems found"));

  calendar_ui_close (&ui);
}

/* The first switch to the Calendar: the month shows at once, its days and
 * title, while the posts are read on a worker; then the month's posts
 * come as chips (a day with none has none) and the drafts pane holds the
 * undated drafts, as when they were read before the first frame. */
static void
test_first_switch_month_then_posts (UiFixture     *fixture,
                                    gconstpointer  data)
{
  g_autoptr(RoundsClock) clock = rounds_clock_new_fake (CAL_UI_NOW);
  g_autoptr(GPtrArray) drafts = NULL;
  g_autofree char *title = NULL;
  RoundsWindow *window;
  RoundsCalendarPage *page;
  GtkWidget *month;
  RoundsStore *store;
  GTimeZone *tz;
  GDate today;
  guint with_chips = 0;

  rounds_application_set_clock (fixture->app, clock);
  window = ui_fixture_new_window (fixture);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  rounds_window_explore_sample (window);
  pump ();
  store = rounds_context_get_store (rounds_window_get_context (window));
  tz = rounds_context_dup_time_zone (rounds_window_get_context (window));
  {
    g_autoptr(RoundsPost) fresh = rounds_post_new ();
    RoundsPost *saved;
    g_autoptr(GError) error = NULL;

    rounds_post_set_title (fresh, "Test draft");
    rounds_post_set_body (fresh, "Test body");
    saved = rounds_store_save_post (store, fresh, &error);
    g_assert_no_error (error);
    g_assert_nonnull (saved);
  }

  rounds_window_show_place (window, "calendar");
  page = ROUNDS_CALENDAR_PAGE (find_of_type (GTK_WIDGET (window), ROUNDS_TYPE_CALENDAR_PAGE));
  g_assert_nonnull (page);
  month = rounds_calendar_page_get_month_view (page);

  /* Before anything is read: the month of "now", today's cell in it. */
  title = rounds_calendar_view_dup_title (ROUNDS_CALENDAR_VIEW (month));
  g_assert_cmpstr (title, ==, "March 2026");
  rounds_calendar_date_of_utc (tz, CAL_UI_NOW, &today);
  g_assert_nonnull (rounds_calendar_month_view_get_day_cell (ROUNDS_CALENDAR_MONTH_VIEW (month),
                                                             &today));

  wait_until (!rounds_calendar_page_is_loading (page));
  pump ();

  /* Every post of the month shown is a chip of its day. */
  {
    GListModel *posts = rounds_store_get_posts (store);

    for (guint i = 0; i < g_list_model_get_n_items (posts); i++)
      {
        g_autoptr(RoundsPost) post = g_list_model_get_item (posts, i);
        gint64 when = rounds_post_get_scheduled_at (post);
        GDate day;

        if (when <= 0)
          continue;
        rounds_calendar_date_of_utc (tz, when, &day);
        if (g_date_get_month (&day) != 3 || g_date_get_year (&day) != 2026)
          continue;
        if (rounds_calendar_month_view_find_chip (ROUNDS_CALENDAR_MONTH_VIEW (month),
                                                  rounds_post_get_id (post), 0) != NULL)
          with_chips++;
      }
  }
  g_assert_cmpuint (with_chips, >, 0);

  /* The undated drafts are in the side pane. */
  drafts = rounds_store_list_unscheduled (store);
  g_assert_cmpuint (drafts->len, >, 0);
  g_assert_nonnull (rounds_calendar_page_find_chip (page,
                                                    rounds_post_get_id (g_ptr_array_index (drafts, 0))));
  g_time_zone_unref (tz);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, UiFixture, NULL, ui_fixture_set_up, fn, ui_fixture_tear_down)
  ADD ("/calendar/month/drop-moves-a-day", test_month_drop_moves_a_day);
  ADD ("/calendar/month/drop-refused", test_month_drop_refused);
  ADD ("/calendar/week/drop-snaps-to-slot", test_week_drop_snaps_to_slot);
  ADD ("/calendar/keyboard", test_keyboard_path);
  ADD ("/calendar/drafts/drop-schedules", test_draft_drop_schedules);
  ADD ("/calendar/drafts/many-drafts-few-chips", test_drafts_many_few_chips);
  ADD ("/calendar/navigation-and-agenda", test_navigation_and_agenda);
  ADD ("/calendar/recurring/drop-asks", test_recurring_drop_asks);
  ADD ("/calendar/csv-import", test_csv_import);
  ADD ("/calendar/csv-import-big", test_csv_import_big);
  ADD ("/calendar/csv-import-cancel", test_csv_import_cancel);
  ADD ("/calendar/csv-import-million", test_csv_import_million);
  ADD ("/calendar/month/rtl-drop", test_rtl_drop);
  ADD ("/calendar/month/busy-day-and-open", test_busy_day_and_open);
  ADD ("/calendar/month/status-filter", test_status_filter);
  ADD ("/calendar/views/interface", test_view_interface);
  ADD ("/calendar/actions/post-delete", test_post_delete_action);
  ADD ("/calendar/actions/post-reschedule", test_post_reschedule_action);
  ADD ("/calendar/layout/default-size", test_layout_default_size);
  ADD ("/calendar/edit-elsewhere-updates-chip", test_edit_elsewhere_updates_chip);
  ADD ("/calendar/month/more-count-after-drop", test_more_count_after_drop);
  ADD ("/calendar/month/quick-double-step", test_quick_double_step);
  ADD ("/calendar/month/one-change-touches-its-days", test_one_change_touches_its_days);
  ADD ("/calendar/first-switch-month-then-posts", test_first_switch_month_then_posts);
#undef ADD

  return g_test_run ();
}
