/* ui-test-util.h — helpers shared by the UI tests
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>
#include <glib/gstdio.h>

#include "../core/core-test-util.h"

#include "rounds-application.h"
#include "rounds-posts-row.h"
#include "rounds-posts-page.h"
#include "rounds-store-post-list.h"
#include "rounds-window.h"

static inline void
pump (void)
{
  for (int i = 0; i < 50 && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);
}

/* Waits for frames and idles for @ms milliseconds. */
static inline void
pump_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/* Runs the main loop until @cond holds, then asserts it: fails only when
 * it still does not hold after a generous 30 s. Use this rather than a
 * fixed pump_for(): CI is a loaded 2-core machine (and sanitizer builds
 * are slower still), so "after 100 ms" is not a condition. */
#define UI_WAIT_TIMEOUT_US (30 * G_USEC_PER_SEC)
#define wait_until(cond)                                                   \
  G_STMT_START {                                                           \
    gint64 wait_end_ = g_get_monotonic_time () + UI_WAIT_TIMEOUT_US;       \
    while (!(cond) && g_get_monotonic_time () < wait_end_)                 \
      {                                                                    \
        if (!g_main_context_iteration (NULL, FALSE))                       \
          g_usleep (1000);                                                 \
      }                                                                    \
    g_assert_true (cond);                                                  \
  } G_STMT_END

/* With ROUNDS_TEST_SCREENSHOTS=DIR, saves what @widget (a window or a
 * dialog) shows as DIR/NAME.png, to look at a dialog as a user would.
 * Does nothing otherwise. */
static inline void
ui_screenshot (GtkWidget  *widget,
               const char *name)
{
  const char *dir = g_getenv ("ROUNDS_TEST_SCREENSHOTS");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  int width, height;

  if (dir == NULL)
    return;

  /* Let it lay out and draw first. */
  for (int i = 0; i < 20; i++)
    {
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }

  paintable = gtk_widget_paintable_new (widget);
  width = gdk_paintable_get_intrinsic_width (paintable);
  height = gdk_paintable_get_intrinsic_height (paintable);
  if (width <= 0 || height <= 0)
    return;
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return;
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, NULL);
  file = g_strconcat (name, ".png", NULL);
  path = g_build_filename (dir, file, NULL);
  gdk_texture_save_to_png (texture, path);
}

typedef gboolean (*WidgetMatch) (GtkWidget *widget, gpointer data);

static inline GtkWidget *
find_widget (GtkWidget   *root,
             WidgetMatch  match,
             gpointer     data)
{
  if (match (root, data))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match, data);
      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Whether a widget label reads @text once its mnemonic underscores are
 * dropped ("_Save" reads "Save"). */
static inline gboolean
label_reads (const char *label,
             const char *text)
{
  g_autofree char *plain = NULL;
  char *w;

  if (label == NULL)
    return FALSE;

  plain = g_strdup (label);
  w = plain;
  for (const char *r = label; *r; r++)
    if (*r != '_')
      *w++ = *r;
  *w = '\0';

  return g_str_equal (plain, text);
}

static inline gboolean
match_button_label (GtkWidget *widget,
                    gpointer   data)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
         label_reads (gtk_button_get_label (GTK_BUTTON (widget)), data);
}

static inline gboolean
match_row_title (GtkWidget *widget,
                 gpointer   data)
{
  return ADW_IS_PREFERENCES_ROW (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), data) == 0;
}

static inline gboolean
match_type (GtkWidget *widget,
            gpointer   data)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (data)) &&
         gtk_widget_get_mapped (widget);
}

static inline GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  return find_widget (root, match_button_label, (gpointer)label);
}

static inline GtkWidget *
find_row (GtkWidget  *root,
          const char *title)
{
  return find_widget (root, match_row_title, (gpointer)title);
}

static inline GtkWidget *
find_of_type (GtkWidget *root,
              GType      type)
{
  return find_widget (root, match_type, GSIZE_TO_POINTER (type));
}

/* Clicks a button the way a user would: through its "clicked" signal. */
static inline void
click (GtkWidget *button)
{
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  pump ();
}

/* The topmost window of @type other than @except, if any. */
static inline GtkWindow *
find_toplevel (GType      type,
               GtkWindow *except)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = g_list_model_get_n_items (toplevels);
  GtkWindow *found = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (w != except && G_TYPE_CHECK_INSTANCE_TYPE (w, type) &&
          gtk_widget_get_visible (GTK_WIDGET (w)))
        found = w;
    }

  return found;
}

typedef struct
{
  char              *data_dir;
  RoundsApplication *app;
} UiFixture;

static inline void
ui_fixture_set_up (UiFixture     *fixture,
                   gconstpointer  data)
{
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;
  g_autoptr(GError) error = NULL;

  fixture->data_dir = g_dir_make_tmp ("rounds-ui-XXXXXX", NULL);
  g_assert_nonnull (fixture->data_dir);
  g_setenv ("ROUNDS_DATA_DIR", fixture->data_dir, TRUE);

  /* Every test starts from the schema's defaults. */
  settings = g_settings_new ("io.github.roundsapp.Rounds");
  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (settings, keys[i]);

  {
    /* One id per test: an application stays exported on the bus until
     * the process ends. */
    static guint serial;
    g_autofree char *id = g_strdup_printf ("io.github.roundsapp.Rounds.Test%u", ++serial);

    fixture->app = rounds_application_new (id);
  }
  g_application_set_flags (G_APPLICATION (fixture->app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (fixture->app), NULL, &error);
  g_assert_no_error (error);

  /* No transitions: what is shown is what was asked for, at once. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
}

static inline void
ui_fixture_tear_down (UiFixture     *fixture,
                      gconstpointer  data)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (fixture->app));

  while (windows != NULL)
    {
      gtk_window_destroy (windows->data);
      windows = gtk_application_get_windows (GTK_APPLICATION (fixture->app));
    }
  /* Dialogs that belong to no application (a PIN dialog over an editor
   * a test closed) must not reach the next test either. */
  {
    GListModel *toplevels = gtk_window_get_toplevels ();
    g_autoptr(GPtrArray) left = g_ptr_array_new_with_free_func (g_object_unref);

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        GtkWindow *w = g_list_model_get_item (toplevels, i);

        if (gtk_widget_get_visible (GTK_WIDGET (w)))
          g_ptr_array_add (left, w);
        else
          g_object_unref (w);
      }
    for (guint i = 0; i < left->len; i++)
      gtk_window_destroy (g_ptr_array_index (left, i));
  }
  pump ();

  g_clear_object (&fixture->app);
  rounds_test_remove_tree (fixture->data_dir);
  g_free (fixture->data_dir);
}

static inline RoundsWindow *
ui_fixture_new_window (UiFixture *fixture)
{
  RoundsWindow *window = rounds_window_new (fixture->app);

  gtk_window_present (GTK_WINDOW (window));
  pump ();
  /* The practice opens on a worker thread after the window shows. */
  wait_until (!rounds_window_is_loading (window));
  pump ();
  return window;
}

/* Whether a label's text, or one of a Posts list row's columns (the row
 * draws its own), is one @match accepts. */
typedef gboolean (*UiTextMatch) (const char *text,
                                 gconstpointer data);

static inline gboolean
ui_widget_text_matches (GtkWidget     *widget,
                        UiTextMatch    match,
                        gconstpointer  data)
{
  if (GTK_IS_LABEL (widget))
    return match (gtk_label_get_text (GTK_LABEL (widget)), data);
  if (ROUNDS_IS_POSTS_ROW (widget))
    for (RoundsPostsColumn c = 0; c < ROUNDS_POSTS_N_COLUMNS; c++)
      if (match (rounds_posts_row_get_text (ROUNDS_POSTS_ROW (widget), c), data))
        return TRUE;
  return FALSE;
}

/* Waits until the Posts list shows the answer to its last question (a
 * new order, filter or search is asked on a worker thread). */
static inline void
ui_wait_posts_page (RoundsPostsPage *page)
{
  RoundsPostList *list = ROUNDS_POST_LIST (rounds_posts_page_get_model (page));

  pump ();
  wait_until (!rounds_post_list_get_busy (list));
  pump ();
}

static inline void
ui_wait_posts (RoundsWindow *window)
{
  ui_wait_posts_page (ROUNDS_POSTS_PAGE (rounds_window_get_posts_page (window)));
}

/* Opens the sample practice from the welcome page and shows @place
 * ("posts", "inbox", …). */
static inline RoundsWindow *
ui_fixture_open_sample (UiFixture  *fixture,
                        const char *place)
{
  RoundsWindow *window = ui_fixture_new_window (fixture);

  click (find_button (GTK_WIDGET (window), "Explore a Sample Practice"));
  rounds_window_show_place (window, place);
  ui_wait_posts (window);
  return window;
}

static inline RoundsStore *
ui_window_store (RoundsWindow *window)
{
  return rounds_context_get_store (rounds_window_get_context (window));
}

/* Destroys every window, the dialogs a test left open too. */
static inline void
ui_destroy_toplevels (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, 0);

      gtk_window_destroy (w);
    }
  pump ();
}

/* A practice of the test's own in the fixture's data folder, with the
 * real clock and no backups, "Dana Reviewer" at the desk, for tests that
 * build one page or dialog without a window. */
static inline void
ui_fixture_open_practice (UiFixture      *fixture,
                          RoundsStore   **store,
                          RoundsContext **context)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RoundsClock) clock = rounds_clock_new_real ();
  g_autofree char *path = g_build_filename (fixture->data_dir, "rounds.db", NULL);

  *store = rounds_store_open (path, clock, ROUNDS_STORE_OPEN_NO_BACKUPS, &error);
  g_assert_no_error (error);
  rounds_store_set_actor (*store, "Dana Reviewer");
  *context = rounds_context_new (*store, FALSE);
}

/* Closes every window and the practice, then tears the fixture down. */
static inline void
ui_fixture_close_practice (UiFixture      *fixture,
                           RoundsStore   **store,
                           RoundsContext **context,
                           gconstpointer   data)
{
  ui_destroy_toplevels ();
  g_clear_object (context);
  g_clear_object (store);
  ui_fixture_tear_down (fixture, data);
}

/* The environment of a `rounds --background` child: its own settings
 * (keyfile under @config_dir), its own data folder, libnotify, no
 * accessibility bus, a UTF-8 C locale. */
static inline GStrv
ui_background_environ (const char *config_dir,
                       const char *data_dir)
{
  GStrv env = g_get_environ ();

  env = g_environ_setenv (env, "GSETTINGS_BACKEND", "keyfile", TRUE);
  env = g_environ_setenv (env, "XDG_CONFIG_HOME", config_dir, TRUE);
  env = g_environ_setenv (env, "ROUNDS_DATA_DIR", data_dir, TRUE);
  env = g_environ_setenv (env, "ROUNDS_NOTIFIER", "libnotify", TRUE);
  env = g_environ_setenv (env, "GTK_A11Y", "none", TRUE);
  env = g_environ_setenv (env, "LC_ALL", "C.UTF-8", TRUE);
  return env;
}
