/* test-posts.c — the Posts place: list, filter, sort, and creating,
 * editing and deleting posts through the real widgets.
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <gdk/x11/gdkx.h>

#include "rounds-calendar-marks.h"
#include "rounds-store-checks.h"
#include "rounds-post-dialog.h"
#include "rounds-posts-header.h"
#include "rounds-posts-row.h"
#include "rounds-posts-page.h"
#include "rounds-store-post-list.h"
#include "rounds-store-publish.h"
#include "ui-test-util.h"

static RoundsWindow *
open_sample (UiFixture *fixture)
{
  return ui_fixture_open_sample (fixture, "posts");
}

static RoundsPostsPage *
posts_page (RoundsWindow *window)
{
  return ROUNDS_POSTS_PAGE (rounds_window_get_posts_page (window));
}

static guint
count_status (RoundsStore      *store,
              RoundsPostStatus  status)
{
  GListModel *posts = rounds_store_get_posts (store);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (posts); i++)
    {
      g_autoptr(RoundsPost) post = g_list_model_get_item (posts, i);
      n += rounds_post_get_status (post) == status;
    }

  return n;
}

static void
test_filter_by_status (UiFixture     *fixture,
                       gconstpointer  data)
{
  RoundsWindow *window = open_sample (fixture);
  RoundsStore *store = ui_window_store (window);
  GListModel *shown = rounds_posts_page_get_model (posts_page (window));
  guint total = g_list_model_get_n_items (rounds_store_get_posts (store));
  g_autoptr(GSettings) settings = g_settings_new ("io.github.roundsapp.Rounds");
  g_autofree char *remembered = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, total);

  rounds_posts_page_set_filter (posts_page (window), "failed");
  ui_wait_posts (window);
  g_assert_cmpuint (g_list_model_get_n_items (shown), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==,
                    count_status (store, ROUNDS_POST_STATUS_FAILED));
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(RoundsPost) post = g_list_model_get_item (shown, i);
      g_assert_cmpint (rounds_post_get_status (post), ==, ROUNDS_POST_STATUS_FAILED);
    }

  /* The choice is remembered. */
  remembered = g_settings_get_string (settings, "posts-filter");
  g_assert_cmpstr (remembered, ==, "failed");

  /* A post that changes status leaves the filtered list at once. */
  {
    g_autoptr(RoundsPost) post = g_list_model_get_item (shown, 0);
    guint before = g_list_model_get_n_items (shown);

    g_assert_true (rounds_store_set_post_status (store, rounds_post_get_id (post),
                                                 ROUNDS_POST_STATUS_SCHEDULED, NULL, NULL));
    pump ();
    g_assert_cmpuint (g_list_model_get_n_items (shown), ==, before - 1);
  }

  rounds_posts_page_set_filter (posts_page (window), "all");
  ui_wait_posts (window);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, total);
}

/* The posts shown are in title order. */
static gboolean
in_title_order (GListModel *shown)
{
  for (guint i = 1; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(RoundsPost) a = g_list_model_get_item (shown, i - 1);
      g_autoptr(RoundsPost) b = g_list_model_get_item (shown, i);
      g_autofree char *ta = rounds_post_dup_display_title (a);
      g_autofree char *tb = rounds_post_dup_display_title (b);
      g_autofree char *ka = g_utf8_casefold (ta, -1);
      g_autofree char *kb = g_utf8_casefold (tb, -1);

      if (g_utf8_collate (ka, kb) > 0)
        return FALSE;
    }
  return TRUE;
}

static void
test_sort (UiFixture     *fixture,
           gconstpointer  data)
{
  RoundsWindow *window = open_sample (fixture);
  GListModel *shown = rounds_posts_page_get_model (posts_page (window));
  guint n = g_list_model_get_n_items (shown);

  rounds_posts_page_set_sort (posts_page (window), "scheduled");
  ui_wait_posts (window);
  {
    gint64 last = 0;
    gboolean seen_unscheduled = FALSE;

    for (guint i = 0; i < n; i++)
      {
        g_autoptr(RoundsPost) post = g_list_model_get_item (shown, i);
        gint64 when = rounds_post_get_scheduled_at (post);

        if (when == 0)
          seen_unscheduled = TRUE;
        else
          {
            /* Scheduled posts come first, in time order. */
            g_assert_false (seen_unscheduled);
            g_assert_cmpint (when, >=, last);
            last = when;
          }
      }
  }

  rounds_posts_page_set_sort (posts_page (window), "status");
  ui_wait_posts (window);
  for (guint i = 1; i < n; i++)
    {
      g_autoptr(RoundsPost) a = g_list_model_get_item (shown, i - 1);
      g_autoptr(RoundsPost) b = g_list_model_get_item (shown, i);
      g_assert_cmpint (rounds_post_get_status (a), <=, rounds_post_get_status (b));
    }

  rounds_posts_page_set_sort (posts_page (window), "title");
  ui_wait_posts (window);
  g_assert_true (in_title_order (shown));
}

static void
on_xdotool_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_subprocess_wait_check_finish (G_SUBPROCESS (source), result, &error))
    g_printerr ("xdotool: %s\n", error->message);
  *done = TRUE;
}

/* The Delete key pressed for real (xdotool under Xvfb) on the selected
 * row deletes its post: the search entry, which takes the page's typing,
 * does not take Delete first. */
static void
test_delete_key_pressed (UiFixture     *fixture,
                         gconstpointer  data)
{
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RoundsPost) first = NULL;
  g_autofree char *wid = NULL;
  RoundsWindow *window;
  RoundsStore *store;
  GListModel *shown;
  GtkWidget *list_view, *entry;
  gboolean done = FALSE;
  guint before;
  gint64 id;

  if (xdotool == NULL || g_getenv ("DISPLAY") == NULL)
    {
      g_test_skip ("needs xdotool and an X display (Xvfb)");
      return;
    }

  window = open_sample (fixture);
  store = ui_window_store (window);
  shown = rounds_posts_page_get_model (posts_page (window));
  before = g_list_model_get_n_items (shown);
  list_view = rounds_posts_page_get_list_view (posts_page (window));
  entry = find_of_type (GTK_WIDGET (window), GTK_TYPE_SEARCH_ENTRY);
  g_assert_nonnull (list_view);
  g_assert_nonnull (entry);
  g_assert_true (gtk_selection_model_select_item (gtk_list_view_get_model (GTK_LIST_VIEW (list_view)),
                                                  0, TRUE));
  first = g_list_model_get_item (shown, 0);
  id = rounds_post_get_id (first);
  g_assert_true (gtk_widget_grab_focus (list_view));
  wait_until (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), list_view));

  wid = g_strdup_printf ("%lu", (gulong)gdk_x11_surface_get_xid (
                                  gtk_native_get_surface (GTK_NATIVE (window))));
  /* The pointer over the window: with no window manager, the keyboard
   * goes where the pointer is. */
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, xdotool,
                              "mousemove", "--window", wid, "40", "40",
                              "sleep", "0.2", "key", "Delete", NULL);
  g_assert_no_error (error);
  g_subprocess_wait_check_async (process, NULL, on_xdotool_done_cb, &done);
  wait_until (done);
  wait_until (g_list_model_get_n_items (shown) == before - 1);
  g_assert_null (rounds_store_lookup_post (store, id));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
}

static void
set_dialog_text (GtkWindow  *dialog,
                 const char *title,
                 const char *body)
{
  GtkWidget *title_row = find_row (GTK_WIDGET (dialog), "Title (only you see it)");
  GtkWidget *view = find_of_type (GTK_WIDGET (dialog), GTK_TYPE_TEXT_VIEW);

  g_assert_nonnull (title_row);
  g_assert_nonnull (view);
  gtk_editable_set_text (GTK_EDITABLE (title_row), title);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), body, -1);
}

static RoundsPost *
find_post_with_body (RoundsStore *store,
                     const char  *body)
{
  GListModel *posts = rounds_store_get_posts (store);

  for (guint i = 0; i < g_list_model_get_n_items (posts); i++)
    {
      g_autoptr(RoundsPost) post = g_list_model_get_item (posts, i);

      if (g_strcmp0 (rounds_post_get_body (post), body) == 0)
        return post;
    }

  return NULL;
}

static void
test_create_edit_delete (UiFixture     *fixture,
                         gconstpointer  data)
{
  RoundsWindow *window = open_sample (fixture);
  RoundsStore *store = ui_window_store (window);
  GListModel *all = rounds_store_get_posts (store);
  guint before = g_list_model_get_n_items (all);
  GtkWindow *dialog;
  RoundsPost *post;
  gint64 id;

  /* Create, through the New Post action and the editor's Save button. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-post", NULL));
  pump ();
  dialog = find_toplevel (ROUNDS_TYPE_POST_DIALOG, GTK_WINDOW (window));
  g_assert_nonnull (dialog);

  /* An empty post is not saved. */
  click (find_button (GTK_WIDGET (dialog), "Save"));
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, before);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));

  set_dialog_text (dialog, "Pollen report", "Pollen counts are high this week. 🌼");
  click (find_button (GTK_WIDGET (dialog), "Save"));
  pump ();
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, before + 1);
  post = find_post_with_body (store, "Pollen counts are high this week. 🌼");
  g_assert_nonnull (post);
  g_assert_cmpstr (rounds_post_get_title (post), ==, "Pollen report");
  g_assert_cmpint (rounds_post_get_status (post), ==, ROUNDS_POST_STATUS_DRAFT);
  id = rounds_post_get_id (post);
  /* ... and the list shows it. */
  g_assert_cmpuint (g_list_model_get_n_items (rounds_posts_page_get_model (posts_page (window))),
                    ==, before + 1);

  /* Edit. */
  dialog = rounds_window_open_post (window, post);
  pump ();
  set_dialog_text (dialog, "Pollen report", "Pollen counts are very high this week.");
  click (find_button (GTK_WIDGET (dialog), "Save"));
  pump ();
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, before + 1);
  g_assert_cmpstr (rounds_post_get_body (rounds_store_lookup_post (store, id)), ==,
                   "Pollen counts are very high this week.");

  /* Delete from the editor, then undo from the toast. */
  dialog = rounds_window_open_post (window, rounds_store_lookup_post (store, id));
  pump ();
  click (find_button (GTK_WIDGET (dialog), "Delete Post"));
  pump ();
  g_assert_null (rounds_store_lookup_post (store, id));
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, before);

  {
    GtkWidget *undo = find_button (GTK_WIDGET (window), "Undo");

    g_assert_nonnull (undo);
    click (undo);
  }
  pump ();
  g_assert_nonnull (rounds_store_lookup_post (store, id));
  g_assert_cmpstr (rounds_post_get_body (rounds_store_lookup_post (store, id)), ==,
                   "Pollen counts are very high this week.");
}

static void
test_delete_key (UiFixture     *fixture,
                 gconstpointer  data)
{
  RoundsWindow *window = open_sample (fixture);
  RoundsStore *store = ui_window_store (window);
  GListModel *shown = rounds_posts_page_get_model (posts_page (window));
  guint before = g_list_model_get_n_items (shown);
  GtkWidget *list_view = rounds_posts_page_get_list_view (posts_page (window));
  GtkSelectionModel *selection;
  g_autoptr(RoundsPost) first = NULL;
  gint64 id;

  g_assert_nonnull (list_view);
  selection = gtk_list_view_get_model (GTK_LIST_VIEW (list_view));
  g_assert_true (gtk_selection_model_select_item (selection, 0, TRUE));
  first = g_list_model_get_item (shown, 0);
  id = rounds_post_get_id (first);

  /* Delete is bound on the page; activating it is what the key does. */
  g_assert_true (gtk_widget_activate_action (rounds_window_get_posts_page (window),
                                             "posts.delete-selected", NULL));
  pump ();
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, before - 1);
  g_assert_null (rounds_store_lookup_post (store, id));
}

static void
test_undo_stays_in_its_practice (UiFixture     *fixture,
                                 gconstpointer  data)
{
  RoundsWindow *window = open_sample (fixture);
  g_autoptr(RoundsPost) shown = g_list_model_get_item (rounds_posts_page_get_model (posts_page (window)),
                                                       0);
  g_autoptr(RoundsPractice) practice = rounds_practice_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RoundsContext) real = NULL;
  gint64 id = rounds_post_get_id (shown);
  /* The list's rows are read from the database; the store's own post is
   * what the window deletes. */
  RoundsPost *post = rounds_store_lookup_post (
    rounds_context_get_store (rounds_window_get_context (window)), id);

  g_assert_true (rounds_window_delete_post (window, post));
  pump ();

  /* The Undo toast is still up when the window moves to the real practice. */
  real = rounds_application_open_practice (fixture->app, &error);
  g_assert_no_error (error);
  rounds_practice_set_name (practice, "Test Family Practice");
  rounds_practice_set_timezone (practice, "America/Chicago");
  rounds_store_save_practice (rounds_context_get_store (real), practice, &error);
  g_assert_no_error (error);
  rounds_window_set_context (window, real);
  pump ();

  click (find_button (GTK_WIDGET (window), "Undo"));
  pump ();
  g_assert_null (rounds_store_lookup_post (rounds_context_get_store (real), id));
  g_assert_cmpuint (g_list_model_get_n_items (rounds_store_get_posts (rounds_context_get_store (real))),
                    ==, 0);
}

static void
test_delete_stays_in_its_practice (UiFixture     *fixture,
                                   gconstpointer  data)
{
  RoundsWindow *window = open_sample (fixture);
  g_autoptr(RoundsPost) sample_post = g_list_model_get_item (rounds_store_get_posts (ui_window_store (window)),
                                                             0);
  g_autoptr(RoundsPractice) practice = rounds_practice_new ();
  g_autoptr(RoundsPost) draft = rounds_post_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RoundsContext) real = NULL;
  RoundsStore *real_store;
  RoundsPost *real_post;

  /* The real practice has a post with the same id as the sample's. */
  real = rounds_application_open_practice (fixture->app, &error);
  g_assert_no_error (error);
  real_store = rounds_context_get_store (real);
  rounds_practice_set_name (practice, "Test Family Practice");
  rounds_practice_set_timezone (practice, "America/Chicago");
  rounds_store_save_practice (real_store, practice, &error);
  g_assert_no_error (error);
  rounds_post_set_body (draft, "Our new opening hours");
  real_post = rounds_store_save_post (real_store, draft, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rounds_post_get_id (real_post), ==, rounds_post_get_id (sample_post));

  /* A sample post's window asks to delete it after the window moved on. */
  rounds_window_set_context (window, real);
  pump ();
  g_assert_false (rounds_window_delete_post (window, sample_post));
  g_assert_true (rounds_store_lookup_post (real_store, rounds_post_get_id (sample_post)) == real_post);
}

/* ---- publishing states (issue 12) ------------------------------------- */

#define LIVE_URL    "https://social.example/@clinic/109"
#define OTHER_URL   "https://social.example/@clinic/110"
#define REFUSAL     "Validation failed: the server refuses this post"

/* The practice's Mastodon account, as the publishing tests post to it */
static RoundsAccount *
add_clinic_account (RoundsStore *store)
{
  g_autoptr(GError) error = NULL;
  RoundsAccount *account;

  account = rounds_store_add_account (store, ROUNDS_NETWORK_MASTODON, "https://social.example",
                                      "@clinic@social.example", "Clinic", "1", 0, &error);
  g_assert_no_error (error);
  return account;
}

/* A post on a connected account, taken through the queue's steps in the
 * store as the publisher would, up to the request's outcome: published
 * at @url, or refused when @url is %NULL. */
static gint64
publish_through_queue (RoundsStore   *store,
                       gint64         account_id,
                       gint64         at,
                       const char    *url,
                       gint64        *out_publication)
{
  gboolean succeed = url != NULL;
  g_autoptr(RoundsPost) post = rounds_post_new ();
  g_autoptr(GPtrArray) pubs = NULL;
  g_autoptr(GError) error = NULL;
  RoundsPost *saved;
  gint64 pub_id;

  rounds_post_set_title (post, succeed ? "Flu clinic opens" : "Parking lot closed");
  rounds_post_set_body (post, "Walk in any weekday morning.");
  rounds_post_set_networks (post, ROUNDS_NETWORK_MASTODON);
  rounds_post_set_scheduled_at (post, at);
  saved = rounds_store_import_post (store, post, ROUNDS_POST_STATUS_SCHEDULED, "test", &error);
  g_assert_no_error (error);
  g_assert_true (rounds_store_set_post_accounts (store, rounds_post_get_id (saved), &account_id, 1,
                                                 &error));
  g_assert_no_error (error);
  rounds_store_ensure_publications (store, rounds_post_get_id (saved), &error);
  g_assert_no_error (error);
  pubs = rounds_store_list_publications (store, rounds_post_get_id (saved), &error);
  g_assert_cmpuint (pubs->len, ==, 1);
  pub_id = rounds_publication_get_id (g_ptr_array_index (pubs, 0));
  g_assert_true (rounds_store_begin_publication (store, pub_id, &error));
  if (succeed)
    g_assert_true (rounds_store_publication_published (store, pub_id, "109", url, &error));
  else
    g_assert_true (rounds_store_publication_failed (store, pub_id, ROUNDS_PUBLISH_ERROR_REJECTED,
                                                    REFUSAL, &error));
  if (out_publication != NULL)
    *out_publication = pub_id;
  return rounds_post_get_id (saved);
}

static gboolean
match_link_uri (GtkWidget *widget,
                gpointer   data)
{
  return GTK_IS_LINK_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_link_button_get_uri (GTK_LINK_BUTTON (widget)), data) == 0;
}

static gboolean
match_shown_link (GtkWidget *widget,
                  gpointer   data)
{
  return GTK_IS_LINK_BUTTON (widget) && gtk_widget_is_drawable (widget);
}

static gboolean
match_label_text (GtkWidget *widget,
                  gpointer   data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), data) == 0;
}

static GtkWidget *
row_of (GtkWidget *widget)
{
  return gtk_widget_get_ancestor (widget, ROUNDS_TYPE_POSTS_ROW);
}

/* What a practice sees in Posts: a published post links to the live
 * post, a failed one shows the network's own words and a Retry button
 * that sends it again. */
static void
test_publishing_states (UiFixture     *fixture,
                        gconstpointer  data)
{
  RoundsWindow *window = open_sample (fixture);
  RoundsStore *store = ui_window_store (window);
  gint64 now = rounds_clock_get_now (rounds_store_get_clock (store));
  g_autoptr(GError) error = NULL;
  g_autoptr(RoundsPublication) pub = NULL;
  RoundsAccount *account;
  GtkWidget *link, *message, *row, *retry;
  gint64 published, failed, failed_pub;

  account = add_clinic_account (store);
  /* The earliest post of all, so that it is the first published row. */
  published = publish_through_queue (store, rounds_account_get_id (account), now - 400 * 86400,
                                     LIVE_URL, NULL);
  failed = publish_through_queue (store, rounds_account_get_id (account), now - 3600, NULL,
                                  &failed_pub);
  g_assert_cmpint (rounds_post_get_status (rounds_store_lookup_post (store, published)), ==,
                   ROUNDS_POST_STATUS_PUBLISHED);

  rounds_posts_page_set_sort (posts_page (window), "scheduled");
  rounds_posts_page_set_filter (posts_page (window), "published");
  wait_until ((link = find_widget (GTK_WIDGET (window), match_link_uri, (gpointer)LIVE_URL)) != NULL);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (link)), ==, "Mastodon");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (link), ==, "Open the post on Mastodon");
  ui_screenshot (GTK_WIDGET (window), "posts-published-link");

  rounds_posts_page_set_filter (posts_page (window), "failed");
  wait_until ((message = find_widget (GTK_WIDGET (window), match_label_text, (gpointer)REFUSAL)) != NULL &&
              gtk_widget_get_width (message) > 0);
  ui_screenshot (GTK_WIDGET (window), "posts-failed-message");
  row = row_of (message);
  g_assert_nonnull (row);
  retry = find_button (row, "Retry");
  g_assert_nonnull (retry);
  /* The message wraps in the narrow column and the row is tall enough
   * for all of it: its last line is not cut off. */
  {
    graphene_rect_t bounds;
    int one_line, for_width;

    gtk_widget_measure (message, GTK_ORIENTATION_VERTICAL, -1, &one_line, NULL, NULL, NULL);
    gtk_widget_measure (message, GTK_ORIENTATION_VERTICAL, gtk_widget_get_width (message),
                        &for_width, NULL, NULL, NULL);
    g_assert_cmpint (for_width, >, one_line);
    g_assert_true (gtk_widget_compute_bounds (message, row, &bounds));
    g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, gtk_widget_get_height (row) + 0.5);
  }
  /* Nothing about a failed post links anywhere. */
  g_assert_null (find_widget (row, match_shown_link, NULL));

  click (retry);
  pub = rounds_store_lookup_publication (store, failed_pub, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rounds_publication_get_state (pub), ==, ROUNDS_PUBLICATION_QUEUED);
  g_assert_cmpuint (rounds_publication_get_attempts (pub), ==, 0);
  g_assert_cmpint (rounds_post_get_status (rounds_store_lookup_post (store, failed)), ==,
                   ROUNDS_POST_STATUS_PUBLISHING);
  /* It left the failed posts, with its message. */
  wait_until (find_widget (GTK_WIDGET (window), match_label_text, (gpointer)REFUSAL) == NULL);

  /* A post that failed before Rounds made any publication (the sample's
   * own) goes back to scheduled. */
  {
    GListModel *shown = rounds_posts_page_get_model (posts_page (window));
    g_autoptr(RoundsPost) sample_failed = NULL;
    gint64 id;

    g_assert_cmpuint (g_list_model_get_n_items (shown), >, 0);
    sample_failed = g_list_model_get_item (shown, 0);
    id = rounds_post_get_id (sample_failed);
    gtk_widget_activate_action (GTK_WIDGET (window), "post.retry", "x", id);
    pump ();
    g_assert_cmpint (rounds_post_get_status (rounds_store_lookup_post (store, id)), ==,
                     ROUNDS_POST_STATUS_SCHEDULED);
    g_assert_null (rounds_post_get_last_error (rounds_store_lookup_post (store, id)));
  }

  /* Back to the published posts, in rows that may have shown a failed
   * one (a row makes Retry and the message when a post first
   * needs them, then keeps them for the next posts): the link is there,
   * no Retry and no message are. */
  rounds_posts_page_set_filter (posts_page (window), "published");
  wait_until ((link = find_widget (GTK_WIDGET (window), match_link_uri, (gpointer)LIVE_URL)) != NULL);
  row = row_of (link);
  g_assert_nonnull (row);
  retry = find_button (row, "Retry");
  g_assert_true (retry == NULL || !gtk_widget_get_mapped (retry));
  g_assert_null (find_widget (GTK_WIDGET (window), match_label_text, (gpointer)REFUSAL));
}

/* ---- the rows' columns -------------------------------------------------- */

/* A mapped row of the Posts list that shows a post and has been drawn. */
static RoundsPostsRow *
shown_row (RoundsWindow *window)
{
  GtkWidget *list = rounds_posts_page_get_list_view (posts_page (window));

  for (GtkWidget *item = gtk_widget_get_first_child (list); item != NULL;
       item = gtk_widget_get_next_sibling (item))
    {
      GtkWidget *row = gtk_widget_get_first_child (item);
      graphene_rect_t bounds;

      if (ROUNDS_IS_POSTS_ROW (row) && gtk_widget_get_mapped (row) &&
          rounds_posts_row_get_post (ROUNDS_POSTS_ROW (row)) != NULL &&
          rounds_posts_row_get_text_bounds (ROUNDS_POSTS_ROW (row), ROUNDS_POSTS_COLUMN_TITLE,
                                            &bounds))
        return ROUNDS_POSTS_ROW (row);
    }
  return NULL;
}

/* Where @row drew @column, in @window's coordinates. */
static graphene_rect_t
drawn_in_window (RoundsPostsRow    *row,
                 RoundsPostsColumn  column,
                 GtkWidget         *window)
{
  graphene_rect_t bounds;
  graphene_point_t origin;

  g_assert_true (rounds_posts_row_get_text_bounds (row, column, &bounds));
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (row), window, &bounds.origin, &origin));
  bounds.origin = origin;
  return bounds;
}

/* The titles above the list stand over their columns' texts, from left
 * to right and from right to left: a title starts where its column's
 * text (or pill) starts, and the columns come in the same order. */
static void
test_header_lines_up (UiFixture     *fixture,
                      gconstpointer  data)
{
  static const char * const titles[] = { "Post", "Status", "Scheduled", "Networks", "Check" };
  RoundsWindow *window = open_sample (fixture);
  GtkWidget *page = GTK_WIDGET (posts_page (window));
  RoundsPostsHeader *header = ROUNDS_POSTS_HEADER (find_of_type (page,
                                                                 ROUNDS_TYPE_POSTS_HEADER));

  g_assert_nonnull (header);
  for (int rtl = 0; rtl < 2; rtl++)
    {
      RoundsPostsRow *row;
      float last = rtl ? G_MAXFLOAT : -1;

      /* GTK 4.8's widgets take the default direction, not their parent's. */
      gtk_widget_set_default_direction (rtl ? GTK_TEXT_DIR_RTL : GTK_TEXT_DIR_LTR);
      /* Drawn again in the new direction: the title on the right. */
      wait_until ((row = shown_row (window)) != NULL &&
                  (drawn_in_window (row, ROUNDS_POSTS_COLUMN_TITLE, GTK_WIDGET (window)).origin.x >
                   gtk_widget_get_width (GTK_WIDGET (window)) / 2) == rtl);
      for (RoundsPostsColumn c = 0; c < ROUNDS_POSTS_N_COLUMNS; c++)
        {
          GtkWidget *title = rounds_posts_header_get_title (header, c);
          graphene_rect_t text = drawn_in_window (row, c, GTK_WIDGET (window));
          graphene_rect_t over;

          g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (title)), ==, titles[c]);
          g_assert_true (gtk_widget_get_mapped (title));
          g_assert_true (gtk_widget_compute_bounds (title, GTK_WIDGET (window), &over));
          /* A label's text starts at its start: the left, or the right. */
          if (rtl)
            g_assert_cmpfloat_with_epsilon (over.origin.x + over.size.width,
                                            text.origin.x + text.size.width, 1.0);
          else
            g_assert_cmpfloat_with_epsilon (over.origin.x, text.origin.x, 1.0);
          /* above the row, in the order of the columns */
          g_assert_cmpfloat (over.origin.y + over.size.height, <=, text.origin.y);
          if (rtl)
            g_assert_cmpfloat (text.origin.x, <, last);
          else
            g_assert_cmpfloat (text.origin.x, >, last);
          last = text.origin.x;
        }
    }
  gtk_widget_set_default_direction (GTK_TEXT_DIR_LTR);
}

/* Runs xdotool with @args (NULL-terminated) and waits for it. */
static void
run_xdotool (const char * const *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = g_subprocess_newv (args, G_SUBPROCESS_FLAGS_NONE, &error);
  gboolean done = FALSE;

  g_assert_no_error (error);
  g_subprocess_wait_check_async (process, NULL, on_xdotool_done_cb, &done);
  wait_until (done);
}

/* Moves the real pointer (xdotool under Xvfb) to @point of @window, then
 * presses and releases the first button if @click. */
static void
pointer_to (GtkWidget              *window,
            const graphene_point_t *point,
            gboolean                click)
{
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  g_autofree char *wid = g_strdup_printf ("%lu", (gulong)gdk_x11_surface_get_xid (
                                            gtk_native_get_surface (GTK_NATIVE (window))));
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;
  g_autofree char *x1 = NULL;
  double dx, dy;

  /* From the window to its surface (a client-side shadow around it). */
  gtk_native_get_surface_transform (GTK_NATIVE (window), &dx, &dy);
  x = g_strdup_printf ("%d", (int)(point->x + dx));
  y = g_strdup_printf ("%d", (int)(point->y + dy));
  x1 = g_strdup_printf ("%d", (int)(point->x + dx) + 1);
  /* Two moves, as a hand makes more than one. */
  {
    const char *args[] = { xdotool, "mousemove", "--window", wid, x, y, "sleep", "0.1",
                           "mousemove", "--window", wid, x1, y, "sleep", "0.1",
                           click ? "click" : NULL, "1", NULL };

    run_xdotool (args);
  }
}

static gboolean
has_xdotool (void)
{
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");

  if (xdotool == NULL || g_getenv ("DISPLAY") == NULL)
    {
      g_test_skip ("needs xdotool and an X display (Xvfb)");
      return FALSE;
    }
  return TRUE;
}

/* A tooltip with @text shows (the tooltip is a label in its own popup,
 * a child of the window in GTK 4.8). */
static gboolean
tooltip_shows (GtkWidget  *window,
               const char *text)
{
  return find_widget (window, match_label_text, (gpointer)text) != NULL;
}

/* The pointer over a row's networks, then over its check, then over its
 * title: each column's own tooltip shows (the networks, then what the
 * check found), and none over the title. */
static void
test_tooltip_per_column (UiFixture     *fixture,
                         gconstpointer  data)
{
  RoundsWindow *window;
  GtkWidget *win;
  RoundsPostsRow *row;
  const char *networks, *checks;
  graphene_rect_t area;

  if (!has_xdotool ())
    return;
  window = open_sample (fixture);
  win = GTK_WIDGET (window);
  wait_until ((row = shown_row (window)) != NULL &&
              rounds_posts_row_get_tooltip (row, ROUNDS_POSTS_COLUMN_CHECKS) != NULL);
  networks = rounds_posts_row_get_tooltip (row, ROUNDS_POSTS_COLUMN_NETWORKS);
  checks = rounds_posts_row_get_tooltip (row, ROUNDS_POSTS_COLUMN_CHECKS);
  g_assert_nonnull (networks);
  g_assert_cmpstr (networks, ==, rounds_posts_row_get_text (row, ROUNDS_POSTS_COLUMN_NETWORKS));
  g_assert_cmpstr (checks, !=, networks);
  g_assert_null (rounds_posts_row_get_tooltip (row, ROUNDS_POSTS_COLUMN_TITLE));

  area = drawn_in_window (row, ROUNDS_POSTS_COLUMN_NETWORKS, win);
  pointer_to (win, &GRAPHENE_POINT_INIT (area.origin.x + 4, area.origin.y + area.size.height / 2),
              FALSE);
  wait_until (tooltip_shows (win, networks));

  area = drawn_in_window (row, ROUNDS_POSTS_COLUMN_CHECKS, win);
  pointer_to (win, &GRAPHENE_POINT_INIT (area.origin.x + area.size.width / 2,
                                         area.origin.y + area.size.height / 2), FALSE);
  wait_until (tooltip_shows (win, checks) && !tooltip_shows (win, networks));

  area = drawn_in_window (row, ROUNDS_POSTS_COLUMN_TITLE, win);
  pointer_to (win, &GRAPHENE_POINT_INIT (area.origin.x + 4, area.origin.y + area.size.height / 2),
              FALSE);
  wait_until (!tooltip_shows (win, checks));
}

static gboolean
on_activate_link_cb (GtkLinkButton *link,
                     char         **opened)
{
  g_free (*opened);
  *opened = g_strdup (gtk_link_button_get_uri (link));
  return TRUE;   /* no browser in a test */
}

/* A click on a published post's link, in its row, opens the live post:
 * the row (which draws the rest itself) leaves the link its clicks. */
static void
test_link_click_opens (UiFixture     *fixture,
                       gconstpointer  data)
{
  RoundsWindow *window;
  RoundsStore *store;
  RoundsAccount *account;
  g_autoptr(GError) error = NULL;
  g_autofree char *opened = NULL;
  GtkWidget *link;
  graphene_rect_t bounds;

  if (!has_xdotool ())
    return;
  window = open_sample (fixture);
  store = ui_window_store (window);
  account = add_clinic_account (store);
  publish_through_queue (store, rounds_account_get_id (account),
                         rounds_clock_get_now (rounds_store_get_clock (store)) - 400 * 86400,
                         LIVE_URL, NULL);
  rounds_posts_page_set_sort (posts_page (window), "scheduled");
  rounds_posts_page_set_filter (posts_page (window), "published");
  wait_until ((link = find_widget (GTK_WIDGET (window), match_link_uri, (gpointer)LIVE_URL)) != NULL &&
              gtk_widget_get_width (link) > 0);
  g_assert_nonnull (row_of (link));
  g_signal_connect (link, "activate-link", G_CALLBACK (on_activate_link_cb), &opened);
  g_assert_true (gtk_widget_compute_bounds (link, GTK_WIDGET (window), &bounds));
  pointer_to (GTK_WIDGET (window),
              &GRAPHENE_POINT_INIT (bounds.origin.x + bounds.size.width / 2,
                                    bounds.origin.y + bounds.size.height / 2), TRUE);
  wait_until (opened != NULL);
  g_assert_cmpstr (opened, ==, LIVE_URL);
}

/* What the scanner finds in @post: blocking and to-decide findings. */

/* A row bound before the check answered for its post says so in its
 * check column,
 * then, still bound, shows what the check found when the answer comes. */
static void
test_check_cell_follows_marks (UiFixture     *fixture,
                               gconstpointer  data)
{
  RoundsWindow *window = open_sample (fixture);
  g_autoptr(RoundsCalendarMarks) marks = rounds_calendar_marks_new ();
  g_autoptr(RoundsPost) post = rounds_post_new ();
  GtkWidget *shell = gtk_window_new ();
  GtkWidget *row = rounds_posts_row_new (NULL);

  rounds_calendar_marks_set_context (marks, rounds_window_get_context (window));
  rounds_post_set_title (post, "Saturday hours");
  rounds_post_set_body (post, "The clinic is open on Saturday mornings this month.");
  gtk_window_set_child (GTK_WINDOW (shell), row);
  gtk_window_present (GTK_WINDOW (shell));

  rounds_posts_row_bind (ROUNDS_POSTS_ROW (row), post, NULL, NULL, NULL, marks);
  g_assert_cmpstr (rounds_posts_row_get_text (ROUNDS_POSTS_ROW (row), ROUNDS_POSTS_COLUMN_CHECKS), ==, "Checking…");
  wait_until (g_strcmp0 (rounds_posts_row_get_text (ROUNDS_POSTS_ROW (row), ROUNDS_POSTS_COLUMN_CHECKS), "Checking…") != 0);
  g_assert_cmpstr (rounds_posts_row_get_text (ROUNDS_POSTS_ROW (row), ROUNDS_POSTS_COLUMN_CHECKS), ==, "No problems");

  rounds_posts_row_unbind (ROUNDS_POSTS_ROW (row));
  gtk_window_destroy (GTK_WINDOW (shell));
}

/* What the check found is kept in the store under the stamp of the
 * rules and profile of now: a row shows a kept answer without checking
 * again (a start needs no scanner for posts checked before), an answer
 * kept under another stamp (other rules) is not shown, and what the
 * scanner then finds is kept for next time. */
static void
test_check_cell_kept_answers (UiFixture     *fixture,
                              gconstpointer  data)
{
  static const char * const kept_text[] = { "Our front desk opens at eight on weekdays." };
  static const char * const old_text[] = { "The clinic is open on Saturday mornings this month." };
  static const int one[] = { 1 }, none[] = { 0 };
  RoundsWindow *window = open_sample (fixture);
  RoundsStore *store = ui_window_store (window);
  g_autoptr(RoundsCalendarMarks) marks = rounds_calendar_marks_new ();
  g_autoptr(RoundsPost) post = rounds_post_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *stamp = NULL;
  GtkWidget *shell = gtk_window_new ();
  GtkWidget *row = rounds_posts_row_new (NULL);
  int blocks = -1, warnings = -1;

  rounds_calendar_marks_set_context (marks, rounds_window_get_context (window));
  stamp = rounds_calendar_marks_dup_stamp (marks);
  g_assert_nonnull (stamp);
  /* Answers the scanner would not give for these texts, so that the row
   * shows where its answer came from. */
  g_assert_true (rounds_store_save_checks (store, stamp, kept_text, 1, one, none, &error));
  g_assert_true (rounds_store_save_checks (store, "older rules/profile", old_text, 1, one, one,
                                           &error));
  g_assert_no_error (error);
  gtk_window_set_child (GTK_WINDOW (shell), row);
  gtk_window_present (GTK_WINDOW (shell));

  rounds_post_set_title (post, "Front desk");
  rounds_post_set_body (post, kept_text[0]);
  rounds_posts_row_bind (ROUNDS_POSTS_ROW (row), post, NULL, NULL, NULL, marks);
  wait_until (g_strcmp0 (rounds_posts_row_get_text (ROUNDS_POSTS_ROW (row), ROUNDS_POSTS_COLUMN_CHECKS), "Checking…") != 0);
  g_assert_cmpstr (rounds_posts_row_get_text (ROUNDS_POSTS_ROW (row), ROUNDS_POSTS_COLUMN_CHECKS), ==, "1 to fix");
  rounds_posts_row_unbind (ROUNDS_POSTS_ROW (row));

  g_clear_object (&post);
  post = rounds_post_new ();
  rounds_post_set_title (post, "Saturday hours");
  rounds_post_set_body (post, old_text[0]);
  rounds_posts_row_bind (ROUNDS_POSTS_ROW (row), post, NULL, NULL, NULL, marks);
  wait_until (g_strcmp0 (rounds_posts_row_get_text (ROUNDS_POSTS_ROW (row), ROUNDS_POSTS_COLUMN_CHECKS), "Checking…") != 0);
  g_assert_cmpstr (rounds_posts_row_get_text (ROUNDS_POSTS_ROW (row), ROUNDS_POSTS_COLUMN_CHECKS), ==, "No problems");
  /* kept a moment later (in low-priority steps) */
  wait_until (rounds_store_read_checks (store, stamp, old_text, 1, &blocks, &warnings, NULL) &&
              blocks >= 0);
  g_assert_cmpint (blocks, ==, 0);
  g_assert_cmpint (warnings, ==, 0);

  rounds_posts_row_unbind (ROUNDS_POSTS_ROW (row));
  gtk_window_destroy (GTK_WINDOW (shell));
}

/* A row bound to one post after another (as every row is when
 * the list scrolls far) shows each post's own link, and none for a post
 * that failed, whose message shows instead. */
static void
test_status_cell_rebinds (UiFixture     *fixture,
                          gconstpointer  data)
{
  RoundsWindow *window = open_sample (fixture);
  RoundsStore *store = ui_window_store (window);
  gint64 now = rounds_clock_get_now (rounds_store_get_clock (store));
  g_autoptr(GError) error = NULL;
  RoundsAccount *account;
  GtkWidget *shell = gtk_window_new ();
  GtkWidget *row = rounds_posts_row_new (NULL);
  RoundsPost *posts[4];
  GtkWidget *link;

  account = add_clinic_account (store);
  posts[0] = rounds_store_lookup_post (store, publish_through_queue (store,
                                         rounds_account_get_id (account), now - 7200, LIVE_URL,
                                         NULL));
  posts[1] = rounds_store_lookup_post (store, publish_through_queue (store,
                                         rounds_account_get_id (account), now - 3600, NULL,
                                         NULL));
  posts[2] = rounds_store_lookup_post (store, publish_through_queue (store,
                                         rounds_account_get_id (account), now - 1800, OTHER_URL,
                                         NULL));
  posts[3] = posts[0];
  gtk_window_set_child (GTK_WINDOW (shell), row);
  gtk_window_present (GTK_WINDOW (shell));

  for (guint i = 0; i < G_N_ELEMENTS (posts); i++)
    {
      const char *url = i == 1 ? NULL : i == 2 ? OTHER_URL : LIVE_URL;
      g_autoptr(GPtrArray) pubs = rounds_store_list_publications (store,
                                                                  rounds_post_get_id (posts[i]),
                                                                  &error);

      g_assert_no_error (error);
      rounds_posts_row_bind (ROUNDS_POSTS_ROW (row), posts[i], pubs, NULL, NULL, NULL);
      pump ();
      if (url == NULL)
        {
          g_assert_null (find_widget (row, match_shown_link, NULL));
          g_assert_nonnull (find_widget (row, match_label_text, (gpointer)REFUSAL));
          continue;
        }
      link = find_widget (row, match_shown_link, NULL);
      g_assert_nonnull (link);
      g_assert_cmpstr (gtk_link_button_get_uri (GTK_LINK_BUTTON (link)), ==, url);
      g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (link)), ==, "Mastodon");
      g_assert_cmpstr (gtk_widget_get_tooltip_text (link), ==, "Open the post on Mastodon");
      g_assert_null (find_widget (row, match_label_text, (gpointer)REFUSAL));
      /* one link: the post has one publication */
      for (GtkWidget *next = gtk_widget_get_next_sibling (link); next != NULL;
           next = gtk_widget_get_next_sibling (next))
        g_assert_false (match_shown_link (next, NULL));
    }
  rounds_posts_row_unbind (ROUNDS_POSTS_ROW (row));
  gtk_window_destroy (GTK_WINDOW (shell));
}

static guint
count_findings (RoundsWindow *window,
                RoundsPost   *post)
{
  RoundsContext *context = rounds_window_get_context (window);
  g_autoptr(RoundsComplianceProfile) profile = rounds_context_dup_compliance_profile (context);
  g_autoptr(GPtrArray) findings = NULL;
  guint n = 0;

  findings = rounds_scanner_scan (rounds_context_get_scanner (context),
                                  rounds_post_get_body (post), -1, ROUNDS_TEXT_KIND_POST, NULL,
                                  profile, NULL);
  for (guint i = 0; findings != NULL && i < findings->len; i++)
    n += rounds_finding_get_severity (g_ptr_array_index (findings, i)) !=
         ROUNDS_FINDING_SEVERITY_INFO;
  return n;
}

static gboolean
text_label_part (const char    *text,
                 gconstpointer  data)
{
  return strstr (text, data) != NULL;
}

static gboolean
match_label_part (GtkWidget *widget,
                  gpointer   data)
{
  return gtk_widget_get_mapped (widget) && ui_widget_text_matches (widget, text_label_part, data);
}

static guint
count_with_problems (RoundsWindow *window)
{
  GListModel *posts = rounds_store_get_posts (ui_window_store (window));
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (posts); i++)
    {
      g_autoptr(RoundsPost) post = g_list_model_get_item (posts, i);
      n += count_findings (window, post) > 0;
    }
  return n;
}

/* The sample's risky posts show a mark with what blocks them, and "Has
 * Problems" shows exactly the posts the scanner finds problems in. */
static void
test_findings_mark_and_filter (UiFixture     *fixture,
                               gconstpointer  data)
{
  RoundsWindow *window = open_sample (fixture);
  GListModel *shown = rounds_posts_page_get_model (posts_page (window));
  guint total = g_list_model_get_n_items (shown);
  guint expected = count_with_problems (window);
  GtkWidget *toggle = find_button (GTK_WIDGET (window), "Has Problems");

  g_assert_cmpuint (expected, >, 0);
  g_assert_cmpuint (expected, <, total);
  g_assert_nonnull (toggle);

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), TRUE);
  wait_until (g_list_model_get_n_items (shown) == expected);
  for (guint i = 0; i < expected; i++)
    {
      g_autoptr(RoundsPost) post = g_list_model_get_item (shown, i);
      g_assert_cmpuint (count_findings (window, post), >, 0);
    }

  /* The rows say how many findings block each post. */
  wait_until (find_widget (GTK_WIDGET (window), match_label_part, (gpointer)" to fix") != NULL);
  ui_screenshot (GTK_WIDGET (window), "posts-has-problems");

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), FALSE);
  wait_until (g_list_model_get_n_items (shown) == total);
  /* Posts with no finding say so too. */
  wait_until (find_widget (GTK_WIDGET (window), match_label_part, (gpointer)"No problems")
              != NULL);
}

static guint
count_containing (RoundsStore *store,
                  const char  *folded)
{
  GListModel *posts = rounds_store_get_posts (store);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (posts); i++)
    {
      g_autoptr(RoundsPost) post = g_list_model_get_item (posts, i);
      g_autofree char *text = g_strconcat (rounds_post_get_title (post) ?: "", "\n",
                                           rounds_post_get_body (post) ?: "", NULL);
      g_autofree char *key = g_utf8_casefold (text, -1);

      n += strstr (key, folded) != NULL;
    }
  return n;
}

/* Search finds posts by any words of their text, in any case, and the
 * list says when nothing matches. */
static void
test_search (UiFixture     *fixture,
             gconstpointer  data)
{
  RoundsWindow *window = open_sample (fixture);
  RoundsStore *store = ui_window_store (window);
  GListModel *shown = rounds_posts_page_get_model (posts_page (window));
  guint total = g_list_model_get_n_items (shown);
  GtkWidget *entry = find_of_type (GTK_WIDGET (window), GTK_TYPE_SEARCH_ENTRY);
  guint expected = count_containing (store, "flu");

  g_assert_nonnull (entry);
  g_assert_cmpuint (expected, >, 0);
  g_assert_cmpuint (expected, <, total);

  /* Ctrl+F goes to the search. */
  g_assert_true (gtk_widget_activate_action (rounds_window_get_posts_page (window),
                                             "posts.search", NULL));
  g_assert_true (gtk_widget_is_focus (entry) ||
                 gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), entry));

  gtk_editable_set_text (GTK_EDITABLE (entry), "FLU");
  wait_until (g_list_model_get_n_items (shown) == expected);
  for (guint i = 0; i < expected; i++)
    {
      g_autoptr(RoundsPost) post = g_list_model_get_item (shown, i);
      g_autofree char *text = g_strconcat (rounds_post_get_title (post) ?: "", "\n",
                                           rounds_post_get_body (post) ?: "", NULL);
      g_autofree char *key = g_utf8_casefold (text, -1);

      g_assert_nonnull (strstr (key, "flu"));
    }

  gtk_editable_set_text (GTK_EDITABLE (entry), "no post says xyzzy");
  wait_until (g_list_model_get_n_items (shown) == 0);
  g_assert_nonnull (find_button (GTK_WIDGET (window), "Show All Posts"));
  click (find_button (GTK_WIDGET (window), "Show All Posts"));
  wait_until (g_list_model_get_n_items (shown) == total);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
}

typedef struct
{
  guint calls;
  guint largest;
} ChangeLog;

static void
on_shown_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     ChangeLog  *log)
{
  log->calls++;
  log->largest = MAX (log->largest, MAX (removed, added));
}

/* A change to one post looks at that post alone: the list is not
 * filtered and sorted again from the start (slow with many posts, and a
 * screen reader hears the whole list replaced). */
static void
test_change_touches_one_post (UiFixture     *fixture,
                              gconstpointer  data)
{
  RoundsWindow *window = open_sample (fixture);
  RoundsStore *store = ui_window_store (window);
  GListModel *shown = rounds_posts_page_get_model (posts_page (window));
  guint n = g_list_model_get_n_items (shown);
  ChangeLog log = { 0, };
  g_autoptr(RoundsPost) draft = NULL;
  g_autoptr(GError) error = NULL;
  guint position = 0;
  gulong handler;

  g_assert_cmpuint (n, >, 4);
  /* By title: a change of status does not move the post. */
  rounds_posts_page_set_sort (posts_page (window), "title");
  ui_wait_posts (window);
  for (guint i = 0; i < n && draft == NULL; i++)
    {
      g_autoptr(RoundsPost) post = g_list_model_get_item (shown, i);

      if (rounds_post_get_status (post) == ROUNDS_POST_STATUS_DRAFT)
        {
          draft = g_steal_pointer (&post);
          position = i;
        }
    }
  g_assert_nonnull (draft);

  handler = g_signal_connect (shown, "items-changed", G_CALLBACK (on_shown_changed_cb), &log);
  g_assert_true (rounds_store_set_post_status (store, rounds_post_get_id (draft),
                                               ROUNDS_POST_STATUS_CANCELLED, NULL, &error));
  g_assert_no_error (error);
  pump ();
  g_signal_handler_disconnect (shown, handler);

  g_assert_cmpuint (log.calls, >, 0);
  g_assert_cmpuint (log.largest, ==, 1);
  {
    g_autoptr(RoundsPost) same = g_list_model_get_item (shown, position);

    /* The same post, where it was, as it is now. */
    g_assert_cmpint (rounds_post_get_id (same), ==, rounds_post_get_id (draft));
    g_assert_cmpint (rounds_post_get_status (same), ==, ROUNDS_POST_STATUS_CANCELLED);
  }

  /* Shown by status, the cancelled post leaves the list, alone. */
  rounds_posts_page_set_filter (posts_page (window), "draft");
  ui_wait_posts (window);
  n = g_list_model_get_n_items (shown);
  {
    g_autoptr(RoundsPost) other = g_list_model_get_item (shown, 0);

    log = (ChangeLog) { 0, };
    handler = g_signal_connect (shown, "items-changed", G_CALLBACK (on_shown_changed_cb), &log);
    g_assert_true (rounds_store_set_post_status (store, rounds_post_get_id (other),
                                                 ROUNDS_POST_STATUS_CANCELLED, NULL, &error));
    g_assert_no_error (error);
    pump ();
    g_signal_handler_disconnect (shown, handler);
  }
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n - 1);
  g_assert_cmpuint (log.largest, ==, 1);
}

/* Imports @n drafts whose titles are not in the order they are made,
 * and waits until the Posts list shows them. */
static void
import_many (RoundsWindow *window,
             guint         n)
{
  RoundsStore *store = ui_window_store (window);
  GListModel *shown = rounds_posts_page_get_model (posts_page (window));
  g_autoptr(GPtrArray) fresh = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  guint before = g_list_model_get_n_items (shown);
  guint imported = 0;

  for (guint i = 0; i < n; i++)
    {
      RoundsPost *post = rounds_post_new ();
      g_autofree char *title = g_strdup_printf ("Imported %04u", (i * 7919) % n);
      g_autofree char *body = g_strdup_printf ("Opening hours, note %u", i);

      rounds_post_set_title (post, title);
      rounds_post_set_body (post, body);
      g_ptr_array_add (fresh, post);
    }
  g_assert_true (rounds_store_import_posts (store, fresh, ROUNDS_POST_STATUS_DRAFT, "Test",
                                            &imported, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (imported, ==, n);
  wait_until (g_list_model_get_n_items (shown) >= before + n);
  ui_wait_posts (window);
}

static gint64
id_at (GListModel *model,
       guint       position)
{
  g_autoptr(RoundsPost) post = g_list_model_get_item (model, position);

  return post != NULL ? rounds_post_get_id (post) : 0;
}

/* Every row of @model is in title order (as the page sorts: case-folded,
 * collated). */
static void
assert_title_order (GListModel *model)
{
  g_autofree char *last = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(RoundsPost) post = g_list_model_get_item (model, i);
      g_autofree char *title = rounds_post_dup_display_title (post);
      g_autofree char *folded = g_utf8_casefold (title, -1);

      if (last != NULL)
        g_assert_cmpint (g_utf8_collate (last, folded), <=, 0);
      g_free (last);
      last = g_steal_pointer (&folded);
    }
}

/* A new order with many posts reads the rows the list shows, not every
 * post (GTK 4.8's list views asked for every row of a reordered list,
 * each read from the database, when the row kept in view was among the
 * rows that left), and the list starts at the top of the new order. */
static void
test_new_order_reads_what_shows (UiFixture     *fixture,
                                 gconstpointer  data)
{
  RoundsWindow *window = open_sample (fixture);
  RoundsPostsPage *page = posts_page (window);
  GListModel *shown = rounds_posts_page_get_model (page);
  RoundsPostList *list = ROUNDS_POST_LIST (shown);
  GtkWidget *scroller;
  GtkAdjustment *vadj;
  guint pages, n;

  import_many (window, 3000);
  n = g_list_model_get_n_items (shown);

  /* Scrolled down a good way, as someone looking for a post would be. */
  scroller = find_of_type (GTK_WIDGET (page), GTK_TYPE_SCROLLED_WINDOW);
  g_assert_nonnull (scroller);
  vadj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  wait_until (gtk_adjustment_get_upper (vadj) > 10 * gtk_adjustment_get_page_size (vadj));
  gtk_adjustment_set_value (vadj, gtk_adjustment_get_upper (vadj) / 2);
  pump ();

  pages = _rounds_post_list_get_n_pages_read (list);
  rounds_posts_page_set_sort (page, "title");
  ui_wait_posts_page (page);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n);
  /* GTK keeps up to 200 rows: about four pages of 64 at the top of the
   * old order (the list goes there first), four of the new; not all 47. */
  g_assert_cmpuint (_rounds_post_list_get_n_pages_read (list) - pages, <=, 12);
  /* and it shows the first rows of the new order */
  wait_until (gtk_adjustment_get_value (vadj) == gtk_adjustment_get_lower (vadj));
  {
    g_autoptr(RoundsPost) a = g_list_model_get_item (shown, 0);
    g_autoptr(RoundsPost) b = g_list_model_get_item (shown, 1);
    g_autofree char *ta = rounds_post_dup_display_title (a);
    g_autofree char *tb = rounds_post_dup_display_title (b);
    g_autofree char *ka = g_utf8_casefold (ta, -1);
    g_autofree char *kb = g_utf8_casefold (tb, -1);

    g_assert_cmpint (g_utf8_collate (ka, kb), <=, 0);
  }
}

static gboolean
match_content_stack (GtkWidget *widget,
                     gpointer   data)
{
  return GTK_IS_STACK (widget) &&
         gtk_stack_get_child_by_name (GTK_STACK (widget), "no-match") != NULL;
}

/* Sorting a long list by title does not hold the window up: the order is
 * asked on a worker, the rows shown stay as they are meanwhile (no empty
 * list, no status page), then the list shows the title order from its
 * first row. */
static void
test_sort_leaves_list_responsive (UiFixture     *fixture,
                                  gconstpointer  data)
{
  RoundsWindow *window = open_sample (fixture);
  RoundsPostsPage *page = posts_page (window);
  GListModel *shown = rounds_posts_page_get_model (page);
  RoundsPostList *list = ROUNDS_POST_LIST (shown);
  GtkStack *content;
  gint64 first;
  guint n;

  import_many (window, 3000);
  rounds_posts_page_set_sort (page, "scheduled");
  ui_wait_posts (window);
  n = g_list_model_get_n_items (shown);
  first = id_at (shown, 0);
  content = GTK_STACK (find_widget (GTK_WIDGET (page), match_content_stack, NULL));
  g_assert_nonnull (content);

  rounds_posts_page_set_sort (page, "title");
  /* Back at once, the answer still to come: the same rows meanwhile. */
  g_assert_true (rounds_post_list_get_busy (list));
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n);
  g_assert_cmpint (id_at (shown, 0), ==, first);
  pump ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (content), ==, "list");

  ui_wait_posts_page (page);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n);
  g_assert_cmpint (id_at (shown, 0), !=, first);
  assert_title_order (shown);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (content), ==, "list");
}

static void
count_cb (gpointer  instance,
          guint    *count)
{
  (*count)++;
}

/* A search typed, then a new order chosen before the search's answer
 * came: the list shows the last question's answer (the search, in the
 * new order), and the older answer is never shown in between. */
static void
test_last_request_wins (UiFixture     *fixture,
                        gconstpointer  data)
{
  RoundsWindow *window = open_sample (fixture);
  RoundsPostsPage *page = posts_page (window);
  GListModel *shown = rounds_posts_page_get_model (page);
  RoundsPostList *list = ROUNDS_POST_LIST (shown);
  GtkWidget *entry = find_of_type (GTK_WIDGET (window), GTK_TYPE_SEARCH_ENTRY);
  guint expected, replaced = 0;

  import_many (window, 3000);
  rounds_posts_page_set_sort (page, "scheduled");
  ui_wait_posts (window);
  expected = count_containing (ui_window_store (window), "imported 01");
  g_assert_cmpuint (expected, >, 0);
  g_assert_cmpuint (expected, <, g_list_model_get_n_items (shown));
  g_signal_connect (list, "replaced", G_CALLBACK (count_cb), &replaced);

  gtk_editable_set_text (GTK_EDITABLE (entry), "Imported 01");
  /* The entry asks once the typing pauses; then, before the answer: */
  wait_until (rounds_post_list_get_busy (list));
  rounds_posts_page_set_sort (page, "title");
  ui_wait_posts_page (page);

  g_assert_cmpuint (replaced, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, expected);
  assert_title_order (shown);
  for (guint i = 0; i < expected; i++)
    {
      g_autoptr(RoundsPost) post = g_list_model_get_item (shown, i);

      g_assert_true (g_str_has_prefix (rounds_post_get_title (post), "Imported 01"));
    }
  g_signal_handlers_disconnect_by_func (list, count_cb, &replaced);
}

/* Whether the window shows the toast of a read of the posts that failed */
static gboolean
read_error_shown (RoundsWindow *window)
{
  return find_widget (GTK_WIDGET (window), match_label_part,
                      (gpointer)"Could not read the posts") != NULL;
}

/* The store's file moved from under its name, so that a new reader
 * cannot open it (the store's own connection still can write), and put
 * back: a store that cannot answer the Posts list's queries for a while. */
static void
store_file_away (RoundsStore *store,
                 gboolean     away)
{
  const char *path = rounds_store_get_path (store);
  g_autofree char *moved = NULL;

  g_assert_nonnull (path);
  moved = g_strconcat (path, ".away", NULL);
  if (away)
    g_assert_cmpint (g_rename (path, moved), ==, 0);
  else
    g_assert_cmpint (g_rename (moved, path), ==, 0);
}

/* A store that cannot answer while sorting: the page says so, and the
 * rows stay as they were; once the store answers again, so does the
 * list. */
static void
test_sort_error_keeps_rows (UiFixture     *fixture,
                            gconstpointer  data)
{
  RoundsWindow *window = open_sample (fixture);
  RoundsStore *store = ui_window_store (window);
  RoundsPostsPage *page = posts_page (window);
  GListModel *shown = rounds_posts_page_get_model (page);
  gint64 first;
  guint n;

  rounds_posts_page_set_sort (page, "scheduled");
  ui_wait_posts (window);
  n = g_list_model_get_n_items (shown);
  first = id_at (shown, 0);
  g_assert_cmpuint (n, >, 1);

  store_file_away (store, TRUE);
  rounds_posts_page_set_sort (page, "title");
  ui_wait_posts_page (page);
  wait_until (read_error_shown (window));
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n);
  g_assert_cmpint (id_at (shown, 0), ==, first);
  g_assert_null (find_widget (GTK_WIDGET (window), match_label_part, (gpointer)"No Posts Yet"));

  store_file_away (store, FALSE);
  rounds_posts_page_set_sort (page, "status");
  ui_wait_posts_page (page);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n);
  for (guint i = 1; i < n; i++)
    {
      g_autoptr(RoundsPost) a = g_list_model_get_item (shown, i - 1);
      g_autoptr(RoundsPost) b = g_list_model_get_item (shown, i);

      g_assert_cmpint (rounds_post_get_status (a), <=, rounds_post_get_status (b));
    }
}

static gboolean
match_sort_dropdown (GtkWidget *widget,
                     gpointer   data)
{
  return GTK_IS_DROP_DOWN (widget) &&
         g_strcmp0 (gtk_widget_get_tooltip_text (widget), "Order of the list") == 0;
}

/* A new order that cannot be read: after the toast, the "Sort by" menu
 * shows the order the rows are still in, and choosing the new order
 * again (the store answering again) sorts the rows. */
static void
test_sort_error_menu_agrees (UiFixture     *fixture,
                             gconstpointer  data)
{
  RoundsWindow *window = open_sample (fixture);
  RoundsStore *store = ui_window_store (window);
  RoundsPostsPage *page = posts_page (window);
  GListModel *shown = rounds_posts_page_get_model (page);
  GtkDropDown *menu = GTK_DROP_DOWN (find_widget (GTK_WIDGET (page), match_sort_dropdown,
                                                  NULL));
  gint64 first;

  g_assert_nonnull (menu);
  rounds_posts_page_set_sort (page, "scheduled");
  ui_wait_posts_page (page);
  g_assert_cmpuint (gtk_drop_down_get_selected (menu), ==, ROUNDS_POST_SORT_SCHEDULED);
  first = id_at (shown, 0);
  g_assert_false (in_title_order (shown));

  store_file_away (store, TRUE);
  gtk_drop_down_set_selected (menu, ROUNDS_POST_SORT_TITLE);   /* as a click would */
  ui_wait_posts_page (page);
  wait_until (read_error_shown (window));
  g_assert_cmpint (id_at (shown, 0), ==, first);
  g_assert_cmpuint (gtk_drop_down_get_selected (menu), ==, ROUNDS_POST_SORT_SCHEDULED);
  g_assert_cmpuint (rounds_post_list_get_sort (ROUNDS_POST_LIST (shown)), ==,
                    ROUNDS_POST_SORT_SCHEDULED);

  store_file_away (store, FALSE);
  gtk_drop_down_set_selected (menu, ROUNDS_POST_SORT_TITLE);
  ui_wait_posts_page (page);
  g_assert_true (in_title_order (shown));
  g_assert_cmpuint (gtk_drop_down_get_selected (menu), ==, ROUNDS_POST_SORT_TITLE);
}

/* A read ahead that fails while Posts is not shown (here the marks'
 * answers changing under a "Has Problems" filter: the list asks again)
 * says nothing then; going to Posts asks again, and says it if it
 * fails again. */
static void
test_hidden_error_waits (UiFixture     *fixture,
                         gconstpointer  data)
{
  RoundsWindow *window = open_sample (fixture);
  RoundsStore *store = ui_window_store (window);
  RoundsPostsPage *page = posts_page (window);
  GListModel *shown = rounds_posts_page_get_model (page);
  guint n = g_list_model_get_n_items (shown);

  g_assert_cmpuint (n, >, 1);
  rounds_window_show_place (window, "calendar");
  pump ();
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (page)));

  store_file_away (store, TRUE);
  rounds_post_list_refilter (ROUNDS_POST_LIST (shown));
  g_assert_true (rounds_post_list_get_busy (ROUNDS_POST_LIST (shown)));
  ui_wait_posts_page (page);
  g_assert_false (read_error_shown (window));

  rounds_window_show_place (window, "posts");
  wait_until (read_error_shown (window));
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n);
  store_file_away (store, FALSE);
}

static gboolean
text_label_prefix (const char    *text,
                   gconstpointer  data)
{
  return g_str_has_prefix (text, data);
}

static gboolean
match_label_prefix (GtkWidget *widget,
                    gpointer   data)
{
  return gtk_widget_get_mapped (widget) && ui_widget_text_matches (widget, text_label_prefix, data);
}

/* The focused widget is a row, or in one, that shows @post's title. */
static gboolean
row_shows_post (GtkWidget  *focus,
                RoundsPost *post)
{
  g_autofree char *title = rounds_post_dup_display_title (post);
  g_autofree char *head = g_utf8_substring (title, 0, MIN (g_utf8_strlen (title, -1), 16));

  for (GtkWidget *w = focus; w != NULL; w = gtk_widget_get_parent (w))
    {
      if (GTK_IS_LIST_VIEW (w))
        return FALSE;
      if (find_widget (w, match_label_prefix, head) != NULL)
        return TRUE;
    }
  return FALSE;
}

/* After Delete, the keyboard focus is on the row that took the deleted
 * one's place, not lost. */
static void
test_delete_keeps_focus (UiFixture     *fixture,
                         gconstpointer  data)
{
  RoundsWindow *window = open_sample (fixture);
  GListModel *shown = rounds_posts_page_get_model (posts_page (window));
  GtkWidget *list_view = rounds_posts_page_get_list_view (posts_page (window));
  GtkSelectionModel *selection = gtk_list_view_get_model (GTK_LIST_VIEW (list_view));
  guint before = g_list_model_get_n_items (shown);
  g_autoptr(RoundsPost) next = g_list_model_get_item (shown, 2);
  GtkWidget *focus;

  g_assert_true (gtk_selection_model_select_item (selection, 1, TRUE));
  gtk_widget_grab_focus (list_view);
  pump ();
  g_assert_true (gtk_widget_activate_action (rounds_window_get_posts_page (window),
                                             "posts.delete-selected", NULL));
  pump ();
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, before - 1);

  /* The next post is selected and has the focus. */
  g_assert_true (gtk_selection_model_is_selected (selection, 1));
  {
    g_autoptr(RoundsPost) selected = g_list_model_get_item (shown, 1);
    g_assert_cmpint (rounds_post_get_id (selected), ==, rounds_post_get_id (next));
  }
  wait_until ((focus = gtk_root_get_focus (GTK_ROOT (window))) != NULL &&
              gtk_widget_is_ancestor (focus, list_view));
  g_assert_true (gtk_widget_get_mapped (focus));

  g_assert_true (row_shows_post (focus, next));

  /* Delete again deletes that one, as a keyboard user expects. */
  g_assert_true (gtk_widget_activate_action (rounds_window_get_posts_page (window),
                                             "posts.delete-selected", NULL));
  pump ();
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, before - 2);
  g_assert_null (rounds_store_lookup_post (ui_window_store (window), rounds_post_get_id (next)));
}

/* Deleting the last row puts the focus on the one before it; deleting
 * the only post a search shows puts it on "Show All Posts". */
static void
test_delete_last_keeps_focus (UiFixture     *fixture,
                              gconstpointer  data)
{
  RoundsWindow *window = open_sample (fixture);
  GtkWidget *page = rounds_window_get_posts_page (window);
  GListModel *shown = rounds_posts_page_get_model (ROUNDS_POSTS_PAGE (page));
  GtkWidget *list_view = rounds_posts_page_get_list_view (posts_page (window));
  GtkSelectionModel *selection = gtk_list_view_get_model (GTK_LIST_VIEW (list_view));
  guint n = g_list_model_get_n_items (shown);
  g_autoptr(RoundsPost) previous = g_list_model_get_item (shown, n - 2);
  g_autoptr(RoundsPost) only = NULL;
  g_autofree char *title = NULL;
  GtkWidget *entry, *focus;

  g_assert_true (gtk_selection_model_select_item (selection, n - 1, TRUE));
  gtk_widget_grab_focus (list_view);
  pump ();
  g_assert_true (gtk_widget_activate_action (page, "posts.delete-selected", NULL));
  pump ();
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n - 1);
  g_assert_true (gtk_selection_model_is_selected (selection, n - 2));
  wait_until ((focus = gtk_root_get_focus (GTK_ROOT (window))) != NULL &&
              gtk_widget_is_ancestor (focus, list_view) && row_shows_post (focus, previous));

  /* A search that finds one post; delete it. */
  only = g_list_model_get_item (shown, 0);
  title = rounds_post_dup_display_title (only);
  entry = find_of_type (page, GTK_TYPE_SEARCH_ENTRY);
  gtk_editable_set_text (GTK_EDITABLE (entry), title);
  wait_until (g_list_model_get_n_items (shown) == 1);
  g_assert_true (gtk_selection_model_select_item (selection, 0, TRUE));
  gtk_widget_grab_focus (list_view);
  pump ();
  g_assert_true (gtk_widget_activate_action (page, "posts.delete-selected", NULL));
  pump ();
  wait_until (g_list_model_get_n_items (shown) == 0);
  wait_until ((focus = gtk_root_get_focus (GTK_ROOT (window))) != NULL &&
              gtk_widget_get_mapped (focus));
  g_assert_true (focus == find_button (page, "Show All Posts") ||
                 gtk_widget_is_ancestor (focus, find_button (page, "Show All Posts")));
}

/* Whether @focus lies wholly in the part of the list the user sees. */
static gboolean
focus_in_view (GtkWidget *focus,
               GtkWidget *list_view)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (list_view, GTK_TYPE_SCROLLED_WINDOW);
  graphene_rect_t bounds;

  return gtk_widget_compute_bounds (focus, scrolled, &bounds) && bounds.origin.y >= 0 &&
         bounds.origin.y + bounds.size.height <= gtk_widget_get_height (scrolled);
}

/* Coming back to Posts from another place puts the keyboard focus on
 * the list, not into the empty search entry (whose blinking cursor keeps
 * the window redrawing: bench/README.md, issue 17 with GL); typing on
 * the page still reaches the search, and a search under way keeps it.
 * The second time the list was scrolled first: the list's own idea of
 * its focus row is then a recycled row out of view. */
static void
test_back_to_posts_focus (UiFixture     *fixture,
                          gconstpointer  data)
{
  RoundsWindow *window = open_sample (fixture);
  GtkWidget *page = rounds_window_get_posts_page (window);
  GtkWidget *list_view = rounds_posts_page_get_list_view (ROUNDS_POSTS_PAGE (page));
  GtkWidget *entry = find_of_type (page, GTK_TYPE_SEARCH_ENTRY);
  GListModel *shown = rounds_posts_page_get_model (ROUNDS_POSTS_PAGE (page));
  GtkWidget *focus;

  g_assert_nonnull (entry);
  g_assert_cmpuint (g_list_model_get_n_items (shown), >, 0);
  g_assert_true (gtk_search_entry_get_key_capture_widget (GTK_SEARCH_ENTRY (entry)) == page);

  for (int round = 0; round < 2; round++)
    {
      AdwViewStack *places = ADW_VIEW_STACK (find_of_type (GTK_WIDGET (window),
                                                           ADW_TYPE_VIEW_STACK));

      /* The second time, the list scrolled down first. */
      if (round == 1)
        {
          GtkScrollable *list = GTK_SCROLLABLE (gtk_widget_get_parent (list_view));
          GtkAdjustment *adj = gtk_scrollable_get_vadjustment (list);

          gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj) / 2);
          pump_for (100);
          g_assert_cmpfloat (gtk_adjustment_get_value (adj), >, 0);
        }
      /* The focus on a widget of the Calendar, then back to Posts: the
       * view stack moves it into the page (it went to the entry). */
      rounds_window_show_place (window, "calendar");
      pump ();
      g_assert_true (gtk_widget_child_focus (adw_view_stack_get_visible_child (places),
                                             GTK_DIR_TAB_FORWARD));
      focus = gtk_root_get_focus (GTK_ROOT (window));
      g_assert_true (gtk_widget_is_ancestor (focus, adw_view_stack_get_visible_child (places)));
      rounds_window_show_place (window, "posts");
      pump ();
      /* on a row the user can see, not a recycled one off screen */
      wait_until ((focus = gtk_root_get_focus (GTK_ROOT (window))) != NULL &&
                  gtk_widget_is_ancestor (focus, list_view) && gtk_widget_get_mapped (focus) &&
                  focus_in_view (focus, list_view));
    }

  /* A search under way keeps the focus in its entry. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "flu");
  gtk_widget_grab_focus (entry);
  rounds_window_show_place (window, "calendar");
  pump ();
  rounds_window_show_place (window, "posts");
  pump_for (300);   /* the frames at which the focus would have moved */
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (focus == entry || gtk_widget_is_ancestor (focus, entry));
}

/* ---- rows read on a worker (issue 17) --------------------------------- */

/* A mapped row that shows a post or waits for one, whose post is @id. */
static RoundsPostsRow *
row_of_post (RoundsWindow *window,
             gint64        id)
{
  GtkWidget *list = rounds_posts_page_get_list_view (posts_page (window));

  for (GtkWidget *item = gtk_widget_get_first_child (list); item != NULL;
       item = gtk_widget_get_next_sibling (item))
    {
      GtkWidget *row = gtk_widget_get_first_child (item);
      RoundsPost *post;

      if (!ROUNDS_IS_POSTS_ROW (row) || !gtk_widget_get_mapped (row))
        continue;
      post = rounds_posts_row_get_post (ROUNDS_POSTS_ROW (row));
      if ((post != NULL && rounds_post_get_id (post) == id) ||
          rounds_posts_row_get_pending_id (ROUNDS_POSTS_ROW (row)) == id)
        return ROUNDS_POSTS_ROW (row);
    }
  return NULL;
}

/* The first of the Posts list's rows, bound or not, or NULL */
static RoundsPostsRow *
first_row (RoundsPostsPage *page)
{
  GtkWidget *item = gtk_widget_get_first_child (rounds_posts_page_get_list_view (page));
  GtkWidget *row = item != NULL ? gtk_widget_get_first_child (item) : NULL;

  return ROUNDS_IS_POSTS_ROW (row) ? ROUNDS_POSTS_ROW (row) : NULL;
}

/* A window that opens on another place makes the Posts list's rows
 * while Posts is hidden (so that showing it only draws), and what
 * changes meanwhile still shows when Posts is shown. */
static void
test_rows_made_while_hidden (UiFixture     *fixture,
                             gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.roundsapp.Rounds");
  RoundsWindow *window;
  RoundsStore *store;
  RoundsPostsPage *page;
  GListModel *shown;
  g_autoptr(RoundsPost) first = NULL;
  g_autoptr(RoundsPost) copy = NULL;
  g_autoptr(GError) error = NULL;
  RoundsPostsRow *row;

  /* The window opens the practice where it was last left */
  g_settings_set_string (settings, "last-place", "calendar");
  window = ui_fixture_new_window (fixture);
  click (find_button (GTK_WIDGET (window), "Explore a Sample Practice"));
  ui_wait_posts (window);
  store = ui_window_store (window);
  page = posts_page (window);
  shown = rounds_posts_page_get_model (page);
  g_assert_cmpstr (rounds_window_get_place (window), ==, "calendar");
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (page)));
  wait_until (first_row (page) != NULL &&
              rounds_posts_row_get_post (first_row (page)) != NULL);
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (page)));
  first = g_list_model_get_item (shown, 0);
  row = first_row (page);
  g_assert_cmpint (rounds_post_get_id (rounds_posts_row_get_post (row)), ==,
                   rounds_post_get_id (first));

  /* A change while hidden shows when Posts is shown */
  copy = rounds_post_copy (first);
  rounds_post_set_title (copy, "Changed while the calendar showed");
  rounds_store_save_post (store, copy, &error);
  g_assert_no_error (error);
  pump ();
  rounds_window_show_place (window, "posts");
  ui_wait_posts (window);
  wait_until (shown_row (window) != NULL);
  row = row_of_post (window, rounds_post_get_id (first));
  g_assert_nonnull (row);
  wait_until (g_strcmp0 (rounds_posts_row_get_text (row, ROUNDS_POSTS_COLUMN_TITLE),
                         "Changed while the calendar showed") == 0);
}

/* The pixels @row draws itself (its list item's background not), as
 * 8-bit premultiplied BGRA or RGBA, @width × @height. */
static guchar *
draw_row (RoundsPostsRow *row,
          int            *width,
          int            *height)
{
  GtkWidget *item = gtk_widget_get_parent (GTK_WIDGET (row));
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskTransform *to_item;
  guchar *pixels;

  *width = gtk_widget_get_width (GTK_WIDGET (row));
  *height = gtk_widget_get_height (GTK_WIDGET (row));
  /* Where the item put the row, undone: the row from its own origin */
  {
    graphene_point_t origin;

    g_assert_true (gtk_widget_compute_point (GTK_WIDGET (row), item,
                                             &GRAPHENE_POINT_INIT (0, 0), &origin));
    to_item = gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (-origin.x, -origin.y));
  }
  gtk_snapshot_transform (snapshot, to_item);
  gsk_transform_unref (to_item);
  gtk_widget_snapshot_child (item, GTK_WIDGET (row), snapshot);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (item)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, *width, *height));
  pixels = g_malloc0 ((gsize)*width * *height * 4);
  gdk_texture_download (texture, pixels, *width * 4);
  return pixels;
}

/* A row whose post is still being read (a fling lands on rows whose page
 * has not come) shows the shape of a row — something drawn in each of
 * its five columns — never empty space. */
static void
test_pending_row_shows_shape (UiFixture     *fixture,
                              gconstpointer  data)
{
  RoundsWindow *window = open_sample (fixture);
  RoundsPostsRow *row;
  RoundsPostsColumnBox boxes[ROUNDS_POSTS_N_COLUMNS];
  g_autofree guchar *pixels = NULL;
  int width, height;
  gint64 id;

  wait_until ((row = shown_row (window)) != NULL);
  id = rounds_post_get_id (rounds_posts_row_get_post (row));
  rounds_posts_row_bind_pending (row, id);
  g_assert_null (rounds_posts_row_get_post (row));
  ui_screenshot (GTK_WIDGET (window), "posts-pending-row");

  pixels = draw_row (row, &width, &height);
  rounds_posts_columns_place (width, FALSE, boxes);
  for (RoundsPostsColumn c = 0; c < ROUNDS_POSTS_N_COLUMNS; c++)
    {
      int x, w;
      guint drawn = 0;

      rounds_posts_columns_get_content (&boxes[c], c, &x, &w);
      for (int py = 0; py < height; py++)
        for (int px = MAX (x, 0); px < MIN (x + w, width); px++)
          drawn += pixels[(py * width + px) * 4 + 3] > 0;
      g_test_message ("column %d: %u pixels drawn", c, drawn);
      g_assert_cmpuint (drawn, >, 0);
    }
}

static GtkAdjustment *
list_vadjustment (RoundsWindow *window)
{
  GtkWidget *scroller = find_of_type (GTK_WIDGET (posts_page (window)), GTK_TYPE_SCROLLED_WINDOW);

  g_assert_nonnull (scroller);
  return gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
}

/* Whether every mapped row of the list shows a post (none still waits
 * for its page, none is blank). */
static gboolean
all_rows_shown (RoundsWindow *window)
{
  GtkWidget *list = rounds_posts_page_get_list_view (posts_page (window));
  guint n = 0;

  for (GtkWidget *item = gtk_widget_get_first_child (list); item != NULL;
       item = gtk_widget_get_next_sibling (item))
    {
      GtkWidget *row = gtk_widget_get_first_child (item);

      if (!ROUNDS_IS_POSTS_ROW (row) || !gtk_widget_get_mapped (row))
        continue;
      if (rounds_posts_row_get_post (ROUNDS_POSTS_ROW (row)) == NULL ||
          *rounds_posts_row_get_text (ROUNDS_POSTS_ROW (row), ROUNDS_POSTS_COLUMN_TITLE) == '\0')
        return FALSE;
      n++;
    }
  return n > 0;
}

/* Scrolled far down a long list, the rows there show their posts' titles
 * once their pages come (they are read on a worker), and no row stays
 * blank. */
static void
test_far_rows_arrive (UiFixture     *fixture,
                      gconstpointer  data)
{
  RoundsWindow *window = open_sample (fixture);
  RoundsStore *store = ui_window_store (window);
  RoundsPostList *list = ROUNDS_POST_LIST (rounds_posts_page_get_model (posts_page (window)));
  GtkWidget *view = rounds_posts_page_get_list_view (posts_page (window));
  GtkAdjustment *vadj = list_vadjustment (window);
  RoundsPostsRow *row = NULL;
  GtkWidget *item;
  gint64 id = 0;

  import_many (window, 3000);
  wait_until (gtk_adjustment_get_upper (vadj) > 10 * gtk_adjustment_get_page_size (vadj));
  gtk_adjustment_set_value (vadj, gtk_adjustment_get_upper (vadj) * 0.7);
  /* The rows in view after the scroll: pick one in the middle of the window */
  wait_until ((item = gtk_widget_pick (view, gtk_widget_get_width (view) / 2.0,
                                       gtk_widget_get_height (view) / 2.0, GTK_PICK_DEFAULT)) !=
                NULL &&
              (row = ROUNDS_POSTS_ROW (gtk_widget_get_ancestor (item, ROUNDS_TYPE_POSTS_ROW))) !=
                NULL);
  id = rounds_posts_row_get_post (row) != NULL ? rounds_post_get_id (rounds_posts_row_get_post (row))
                                               : rounds_posts_row_get_pending_id (row);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpuint (rounds_post_list_find (list, id), >, 1000);

  wait_until ((row = row_of_post (window, id)) != NULL &&
              rounds_posts_row_get_post (row) != NULL);
  {
    g_autofree char *title = rounds_post_dup_display_title (rounds_store_lookup_post (store, id));

    g_assert_cmpstr (rounds_posts_row_get_text (row, ROUNDS_POSTS_COLUMN_TITLE), ==, title);
  }
  wait_until (all_rows_shown (window));
}

/* The links of a published post and a failed post's message and Retry
 * are read with the list's pages: they still show after a new order and
 * after scrolling far away and back. */
static void
test_publishing_after_sort_and_scroll (UiFixture     *fixture,
                                       gconstpointer  data)
{
  RoundsWindow *window = open_sample (fixture);
  RoundsStore *store = ui_window_store (window);
  gint64 now = rounds_clock_get_now (rounds_store_get_clock (store));
  GtkAdjustment *vadj = list_vadjustment (window);
  RoundsPostList *list = ROUNDS_POST_LIST (rounds_posts_page_get_model (posts_page (window)));
  g_autoptr(GError) error = NULL;
  RoundsAccount *account;
  GtkWidget *message;
  gint64 failed;
  guint position;

  account = add_clinic_account (store);
  /* By title: "Flu clinic opens" comes before the imported posts, "Parking
   * lot closed" after all of them. */
  publish_through_queue (store, rounds_account_get_id (account), now - 7200, LIVE_URL, NULL);
  failed = publish_through_queue (store, rounds_account_get_id (account), now - 3600, NULL, NULL);
  import_many (window, 3000);

  rounds_posts_page_set_sort (posts_page (window), "title");
  ui_wait_posts (window);
  wait_until (find_widget (GTK_WIDGET (window), match_link_uri, (gpointer)LIVE_URL) != NULL);

  /* Far down, to the failed post after the imported ones */
  position = rounds_post_list_find (list, failed);
  g_assert_cmpuint (position, >, 3000);
  gtk_widget_activate_action (rounds_posts_page_get_list_view (posts_page (window)),
                              "list.scroll-to-item", "u", position);
  wait_until ((message = find_widget (GTK_WIDGET (window), match_label_text, (gpointer)REFUSAL)) !=
                NULL);
  g_assert_nonnull (find_button (row_of (message), "Retry"));
  g_assert_null (find_widget (GTK_WIDGET (window), match_link_uri, (gpointer)LIVE_URL));

  /* and back to the top: the link again. The far row can be in place
   * before the list's scrollbar has followed it (GTK 4.8 sets the
   * adjustment at the next allocation); setting it to the top before that
   * would change nothing, and the list would then settle far down. */
  wait_until (gtk_adjustment_get_value (vadj) > gtk_adjustment_get_lower (vadj));
  gtk_adjustment_set_value (vadj, gtk_adjustment_get_lower (vadj));
  wait_until (find_widget (GTK_WIDGET (window), match_link_uri, (gpointer)LIVE_URL) != NULL);
  g_assert_null (find_widget (GTK_WIDGET (window), match_label_text, (gpointer)REFUSAL));
}

/* A publication's change shows in its post's row: the next try when the
 * network asked to wait (the post still publishing), then the link when
 * it is published. */
static void
test_publication_change_updates_row (UiFixture     *fixture,
                                     gconstpointer  data)
{
  RoundsWindow *window = open_sample (fixture);
  RoundsStore *store = ui_window_store (window);
  gint64 now = rounds_clock_get_now (rounds_store_get_clock (store));
  g_autoptr(RoundsPost) post = rounds_post_new ();
  g_autoptr(GPtrArray) pubs = NULL;
  g_autoptr(GError) error = NULL;
  RoundsAccount *account;
  RoundsPostsRow *row;
  RoundsPost *saved;
  GtkWidget *next;
  g_autofree char *first_try = NULL;
  gint64 id, pub_id;

  account = add_clinic_account (store);
  rounds_post_set_title (post, "Flu clinic opens");
  rounds_post_set_body (post, "Walk in any weekday morning.");
  rounds_post_set_networks (post, ROUNDS_NETWORK_MASTODON);
  rounds_post_set_scheduled_at (post, now - 400 * 86400);   /* the first row by time */
  saved = rounds_store_import_post (store, post, ROUNDS_POST_STATUS_SCHEDULED, "test", &error);
  g_assert_no_error (error);
  id = rounds_post_get_id (saved);
  g_assert_true (rounds_store_set_post_accounts (store, id,
                                                 &(gint64){ rounds_account_get_id (account) }, 1,
                                                 &error));
  rounds_store_ensure_publications (store, id, &error);
  g_assert_no_error (error);
  pubs = rounds_store_list_publications (store, id, &error);
  pub_id = rounds_publication_get_id (g_ptr_array_index (pubs, 0));
  g_assert_true (rounds_store_begin_publication (store, pub_id, &error));

  rounds_posts_page_set_sort (posts_page (window), "scheduled");
  ui_wait_posts (window);
  wait_until ((row = row_of_post (window, id)) != NULL && rounds_posts_row_get_post (row) != NULL);
  g_assert_null (find_widget (GTK_WIDGET (row), match_label_prefix, (gpointer)"Next try"));

  g_assert_true (rounds_store_publication_retry_at (store, pub_id, ROUNDS_PUBLISH_ERROR_RATE_LIMITED,
                                                    "Too many requests", now + 3600, &error));
  g_assert_no_error (error);
  wait_until ((row = row_of_post (window, id)) != NULL &&
              (next = find_widget (GTK_WIDGET (row), match_label_prefix, (gpointer)"Next try")) !=
                NULL);
  first_try = g_strdup (gtk_label_get_text (GTK_LABEL (next)));

  /* The network asks to wait longer, in the same words: only the
   * publication changed, not the post, and the row shows the new time. */
  g_assert_true (rounds_store_begin_publication (store, pub_id, &error));
  g_assert_true (rounds_store_publication_retry_at (store, pub_id, ROUNDS_PUBLISH_ERROR_RATE_LIMITED,
                                                    "Too many requests", now + 2 * 86400, &error));
  g_assert_no_error (error);
  wait_until ((row = row_of_post (window, id)) != NULL &&
              (next = find_widget (GTK_WIDGET (row), match_label_prefix, (gpointer)"Next try")) !=
                NULL &&
              g_strcmp0 (gtk_label_get_text (GTK_LABEL (next)), first_try) != 0);

  g_assert_true (rounds_store_begin_publication (store, pub_id, &error));
  g_assert_true (rounds_store_publication_published (store, pub_id, "109", LIVE_URL, &error));
  g_assert_no_error (error);
  wait_until ((row = row_of_post (window, id)) != NULL &&
              find_widget (GTK_WIDGET (row), match_link_uri, (gpointer)LIVE_URL) != NULL);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

#define ADD(path, fn) \
  g_test_add ("/ui/posts/" path, UiFixture, NULL, ui_fixture_set_up, fn, ui_fixture_tear_down)

  ADD ("filter-by-status", test_filter_by_status);
  ADD ("sort", test_sort);
  ADD ("create-edit-delete", test_create_edit_delete);
  ADD ("delete-key", test_delete_key);
  ADD ("delete-key-pressed", test_delete_key_pressed);
  ADD ("delete-last-keeps-focus", test_delete_last_keeps_focus);
  ADD ("undo-stays-in-its-practice", test_undo_stays_in_its_practice);
  ADD ("delete-stays-in-its-practice", test_delete_stays_in_its_practice);
  ADD ("publishing-states", test_publishing_states);
  ADD ("findings-mark-and-filter", test_findings_mark_and_filter);
  ADD ("search", test_search);
  ADD ("change-touches-one-post", test_change_touches_one_post);
  ADD ("new-order-reads-what-shows", test_new_order_reads_what_shows);
  ADD ("sort-leaves-list-responsive", test_sort_leaves_list_responsive);
  ADD ("last-request-wins", test_last_request_wins);
  ADD ("sort-error-keeps-rows", test_sort_error_keeps_rows);
  ADD ("status-cell-rebinds", test_status_cell_rebinds);
  ADD ("check-cell-follows-marks", test_check_cell_follows_marks);
  ADD ("check-cell-kept-answers", test_check_cell_kept_answers);
  ADD ("sort-error-menu-agrees", test_sort_error_menu_agrees);
  ADD ("hidden-error-waits", test_hidden_error_waits);
  ADD ("rows-made-while-hidden", test_rows_made_while_hidden);
  ADD ("pending-row-shows-shape", test_pending_row_shows_shape);
  ADD ("delete-keeps-focus", test_delete_keeps_focus);
  ADD ("back-to-posts-focus", test_back_to_posts_focus);
  ADD ("header-lines-up", test_header_lines_up);
  ADD ("tooltip-per-column", test_tooltip_per_column);
  ADD ("link-click-opens", test_link_click_opens);
  ADD ("far-rows-arrive", test_far_rows_arrive);
  ADD ("publishing-after-sort-and-scroll", test_publishing_after_sort_and_scroll);
  ADD ("publication-change-updates-row", test_publication_change_updates_row);

  return g_test_run ();
}
