/* test-spanish.c — Rounds in Spanish: starts the app with LANGUAGE=es and a
 * Spanish locale, opens the welcome page, set-up, every place, the plan's
 * steps, the calendar's views, the editor and the main dialogs, walks the
 * widget tree and fails on any visible text that is still an English
 * msgid with a different Spanish translation (the catalog not loaded, a
 * string not translated where it is shown).
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <libintl.h>

#include "rounds-calendar-page.h"
#include "rounds-insights-entry-dialog.h"
#include "rounds-insights-page.h"
#include "rounds-plan.h"
#include "rounds-plan-page.h"
#include "rounds-post-dialog.h"
#include "rounds-preferences-window.h"
#include "rounds-reschedule-dialog.h"
#include "ui-test-util.h"

/* The Spanish locale CI generates (.ci/run, make deps); C.UTF-8 with
 * LANGUAGE=es still translates, but dates and numbers stay English. */
#define SPANISH_LOCALE "es_US.UTF-8"
static gboolean have_spanish_locale;

/* A msgid as shown: mnemonic underscores dropped. */
static char *
shown (const char *msgid)
{
  const char *text = g_dgettext (GETTEXT_PACKAGE, msgid);
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    if (*p != '_')
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

static GtkWidget *
find_button_tr (GtkWidget  *root,
                const char *msgid)
{
  g_autofree char *label = shown (msgid);

  return find_button (root, label);
}

/* Records @text when it is an English msgid that has another, Spanish,
 * translation: shown in English although Spanish exists. */
static void
check_text (GString    *out,
            GtkWidget  *widget,
            const char *what,
            const char *text)
{
  const char *translated;

  if (text == NULL || text[0] == '\0')
    return;
  translated = g_dgettext (GETTEXT_PACKAGE, text);
  if (translated != text && g_strcmp0 (translated, text) != 0)
    g_string_append_printf (out, "\n  %s %s: “%s” (Spanish: “%s”)",
                            G_OBJECT_TYPE_NAME (widget), what, text, translated);
}

static void
check_menu (GString    *out,
            GtkWidget  *owner,
            GMenuModel *model)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *label = NULL;
      g_autoptr(GMenuLinkIter) links = NULL;

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_LABEL, "s", &label))
        check_text (out, owner, "menu item", label);

      links = g_menu_model_iterate_item_links (model, i);
      while (g_menu_link_iter_next (links))
        {
          g_autoptr(GMenuModel) link = g_menu_link_iter_get_value (links);

          check_menu (out, owner, link);
        }
    }
}

/* Every text a user sees on @widget and its mapped descendants. */
static void
check_tree (GString   *out,
            GtkWidget *widget)
{
  if (!gtk_widget_get_mapped (widget))
    return;

  check_text (out, widget, "tooltip", gtk_widget_get_tooltip_text (widget));

  if (GTK_IS_LABEL (widget))
    check_text (out, widget, "label", gtk_label_get_label (GTK_LABEL (widget)));
  else if (GTK_IS_BUTTON (widget))
    check_text (out, widget, "label", gtk_button_get_label (GTK_BUTTON (widget)));
  else if (GTK_IS_MENU_BUTTON (widget))
    {
      GMenuModel *model = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget));

      /* A menu made when first opened (rounds-menu-on-demand.c): opened
       * and closed, as a user would, to read it. */
      if (model == NULL && gtk_menu_button_get_popover (GTK_MENU_BUTTON (widget)) == NULL)
        {
          gtk_menu_button_popup (GTK_MENU_BUTTON (widget));
          model = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget));
          gtk_menu_button_popdown (GTK_MENU_BUTTON (widget));
        }

      check_text (out, widget, "label", gtk_menu_button_get_label (GTK_MENU_BUTTON (widget)));
      if (model != NULL)
        check_menu (out, widget, model);
    }
  else if (GTK_IS_ENTRY (widget))
    check_text (out, widget, "placeholder", gtk_entry_get_placeholder_text (GTK_ENTRY (widget)));
  else if (GTK_IS_TEXT (widget))
    check_text (out, widget, "placeholder", gtk_text_get_placeholder_text (GTK_TEXT (widget)));

  if (GTK_IS_WINDOW (widget))
    check_text (out, widget, "title", gtk_window_get_title (GTK_WINDOW (widget)));
  if (ADW_IS_PREFERENCES_ROW (widget))
    check_text (out, widget, "title", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)));
  if (ADW_IS_ACTION_ROW (widget))
    check_text (out, widget, "subtitle", adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)));
  if (ADW_IS_EXPANDER_ROW (widget))
    check_text (out, widget, "subtitle", adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (widget)));
  if (ADW_IS_PREFERENCES_GROUP (widget))
    {
      check_text (out, widget, "title", adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)));
      check_text (out, widget, "description",
                  adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (widget)));
    }
  if (ADW_IS_PREFERENCES_PAGE (widget))
    check_text (out, widget, "title", adw_preferences_page_get_title (ADW_PREFERENCES_PAGE (widget)));
  if (ADW_IS_STATUS_PAGE (widget))
    {
      check_text (out, widget, "title", adw_status_page_get_title (ADW_STATUS_PAGE (widget)));
      check_text (out, widget, "description", adw_status_page_get_description (ADW_STATUS_PAGE (widget)));
    }
  if (ADW_IS_WINDOW_TITLE (widget))
    {
      check_text (out, widget, "title", adw_window_title_get_title (ADW_WINDOW_TITLE (widget)));
      check_text (out, widget, "subtitle", adw_window_title_get_subtitle (ADW_WINDOW_TITLE (widget)));
    }
  if (ADW_IS_MESSAGE_DIALOG (widget))
    {
      check_text (out, widget, "heading", adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (widget)));
      check_text (out, widget, "body", adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (widget)));
    }
  if (ADW_IS_VIEW_STACK (widget))
    {
      GtkWidget *visible = adw_view_stack_get_visible_child (ADW_VIEW_STACK (widget));

      if (visible != NULL)
        check_text (out, widget, "page title",
                    adw_view_stack_page_get_title (adw_view_stack_get_page (ADW_VIEW_STACK (widget),
                                                                              visible)));
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_tree (out, child);
}

/* Walks @widget, saves a screenshot as @name (ROUNDS_TEST_SCREENSHOTS),
 * and adds what is still English to @out under the heading @name. */
static void
walk (GString    *out,
      GtkWidget  *widget,
      const char *name)
{
  g_autoptr(GString) found = g_string_new (NULL);

  pump ();
  check_tree (found, widget);
  if (found->len > 0)
    g_string_append_printf (out, "\n%s:%s", name, found->str);
  ui_screenshot (widget, name);
}

/* Fails listing, readably, what is still English. */
static void
assert_all_spanish (GString *english)
{
  if (english->len > 0)
    g_printerr ("Shown in English although a Spanish translation exists:%s\n", english->str);
  g_assert_cmpstr (english->str, ==, "");
}

/* The newest visible toplevel of @type besides @except. */
static GtkWidget *
wait_toplevel (GType      type,
               GtkWindow *except)
{
  GtkWindow *found = NULL;

  wait_until ((found = find_toplevel (type, except)) != NULL);
  pump ();
  return GTK_WIDGET (found);
}

static void
test_catalog_loaded (void)
{
  g_autoptr(GDateTime) day = g_date_time_new_local (2026, 1, 15, 9, 0, 0);
  g_autofree char *month = NULL;

  /* The build's catalog is the one found, and it is Spanish. */
  g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "Calendar"), ==, "Calendario");
  g_assert_cmpstr (g_dngettext (GETTEXT_PACKAGE, "%u post", "%u posts", 2), ==, "%u publicaciones");
  /* GTK's and libadwaita's own words come in Spanish too. */
  g_assert_cmpstr (g_dgettext ("gtk40", "_Cancel"), !=, "_Cancel");

  if (!have_spanish_locale)
    {
      g_test_skip ("The " SPANISH_LOCALE " locale is not generated (make deps does it): "
                   "dates and numbers not checked");
      return;
    }
  /* Dates and numbers follow the locale. */
  month = g_date_time_format (day, "%B");
  g_assert_cmpstr (month, ==, "enero");
}

static void
test_welcome_and_set_up (UiFixture     *fixture,
                         gconstpointer  data)
{
  RoundsWindow *window = ui_fixture_new_window (fixture);
  g_autoptr(GString) english = g_string_new (NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  g_assert_cmpstr (rounds_window_get_screen (window), ==, "welcome");
  g_assert_nonnull (find_button_tr (GTK_WIDGET (window), "_Set Up My Practice"));
  walk (english, GTK_WIDGET (window), "es-welcome");

  click (find_button_tr (GTK_WIDGET (window), "_Set Up My Practice"));
  g_assert_cmpstr (rounds_window_get_screen (window), ==, "setup");
  walk (english, GTK_WIDGET (window), "es-setup");

  /* A practice set up in Spanish publishes in Spanish unless it says
   * otherwise: the content language starts at Español. */
  {
    g_autofree char *title = shown ("Language of posts and replies");
    GtkWidget *row = find_row (GTK_WIDGET (window), title);
    GtkWidget *dropdown;

    g_assert_nonnull (row);
    dropdown = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row));
    g_assert_true (GTK_IS_DROP_DOWN (dropdown));
    g_assert_cmpstr (gtk_string_object_get_string (
                       gtk_drop_down_get_selected_item (GTK_DROP_DOWN (dropdown))), ==, "Español");
  }

  /* Refused without a name: the message is Spanish too. */
  click (find_button_tr (GTK_WIDGET (window), "_Save and Continue"));
  walk (english, GTK_WIDGET (window), "es-setup-error");

  assert_all_spanish (english);
}

static RoundsPost *
first_scheduled_post (RoundsStore *store)
{
  GListModel *posts = rounds_store_get_posts (store);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  for (guint i = 0; i < g_list_model_get_n_items (posts); i++)
    {
      g_autoptr(RoundsPost) post = g_list_model_get_item (posts, i);

      if (rounds_post_get_scheduled_at (post) > now)
        return post;
    }
  return NULL;
}

static void
test_sample_places (UiFixture     *fixture,
                    gconstpointer  data)
{
  RoundsWindow *window = ui_fixture_new_window (fixture);
  g_autoptr(GString) english = g_string_new (NULL);
  static const char *views[] = { "month", "week", "agenda" };
  RoundsPlanPage *plan;
  RoundsCalendarPage *calendar;
  GtkWidget *chip;
  RoundsPost *post;

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  click (find_button_tr (GTK_WIDGET (window), "_Explore a Sample Practice"));
  g_assert_cmpstr (rounds_window_get_screen (window), ==, "practice");

  /* Plan: every step of the wizard and the 30-day checklist. */
  rounds_window_show_place (window, "plan");
  plan = ROUNDS_PLAN_PAGE (find_of_type (GTK_WIDGET (window), ROUNDS_TYPE_PLAN_PAGE));
  g_assert_nonnull (plan);
  for (guint step = ROUNDS_PLAN_STEP_PROFILE; step <= ROUNDS_PLAN_PAGE_CHECKLIST; step++)
    {
      g_autofree char *name = g_strdup_printf ("es-plan-%u", step);

      rounds_plan_page_show (plan, step);
      pump ();
      g_assert_cmpuint (rounds_plan_page_get_current (plan), ==, step);
      walk (english, GTK_WIDGET (window), name);
    }

  /* Calendar: its three views. */
  rounds_window_show_place (window, "calendar");
  calendar = ROUNDS_CALENDAR_PAGE (find_of_type (GTK_WIDGET (window), ROUNDS_TYPE_CALENDAR_PAGE));
  g_assert_nonnull (calendar);
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      g_autofree char *name = g_strdup_printf ("es-calendar-%s", views[i]);

      rounds_calendar_page_set_view (calendar, views[i]);
      wait_until (!rounds_calendar_page_is_loading (calendar));
      pump ();
      walk (english, GTK_WIDGET (window), name);
    }

  /* The Repeat dialog, for a post with the keyboard focus. */
  rounds_calendar_page_set_view (calendar, "month");
  wait_until (!rounds_calendar_page_is_loading (calendar));
  post = first_scheduled_post (rounds_context_get_store (rounds_window_get_context (window)));
  g_assert_nonnull (post);
  {
    g_autoptr(GDateTime) at = g_date_time_new_from_unix_local (rounds_post_get_scheduled_at (post));
    GDate day;

    g_date_clear (&day, 1);
    g_date_set_dmy (&day, g_date_time_get_day_of_month (at), g_date_time_get_month (at),
                    g_date_time_get_year (at));
    rounds_calendar_page_go_to_date (calendar, &day);
    wait_until (!rounds_calendar_page_is_loading (calendar));
    pump ();
  }
  chip = rounds_calendar_page_find_chip (calendar, rounds_post_get_id (post));
  g_assert_nonnull (chip);
  g_assert_true (gtk_widget_grab_focus (chip));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (calendar), "calendar.repeat", NULL));
  {
    GtkWidget *dialog = wait_toplevel (ADW_TYPE_MESSAGE_DIALOG, GTK_WINDOW (window));

    walk (english, dialog, "es-repeat");
    gtk_window_destroy (GTK_WINDOW (dialog));
    pump ();
  }

  /* The Reschedule dialog. */
  {
    g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
    RoundsRescheduleDialog *dialog = rounds_reschedule_dialog_new (GTK_WINDOW (window),
                                                                   rounds_post_get_title (post), tz,
                                                                   rounds_post_get_scheduled_at (post));

    gtk_window_present (GTK_WINDOW (dialog));
    walk (english, GTK_WIDGET (dialog), "es-reschedule");
    gtk_window_destroy (GTK_WINDOW (dialog));
    pump ();
  }

  /* Posts, Inbox, Insights. */
  rounds_window_show_place (window, "posts");
  walk (english, GTK_WIDGET (window), "es-posts");
  rounds_window_show_place (window, "inbox");
  walk (english, GTK_WIDGET (window), "es-inbox");
  rounds_window_show_place (window, "insights");
  walk (english, GTK_WIDGET (window), "es-insights");

  /* This week's numbers. */
  g_assert_true (gtk_widget_activate_action (find_of_type (GTK_WIDGET (window),
                                                           ROUNDS_TYPE_INSIGHTS_PAGE),
                                             "insights.enter-numbers", NULL));
  {
    GtkWidget *dialog = wait_toplevel (ROUNDS_TYPE_INSIGHTS_ENTRY_DIALOG, GTK_WINDOW (window));

    walk (english, dialog, "es-insights-entry");
    gtk_window_destroy (GTK_WINDOW (dialog));
    pump ();
  }

  assert_all_spanish (english);
}

static void
test_editor (UiFixture     *fixture,
             gconstpointer  data)
{
  RoundsWindow *window = ui_fixture_new_window (fixture);
  g_autoptr(GString) english = g_string_new (NULL);
  RoundsPost *post;
  GtkWindow *dialog;

  click (find_button_tr (GTK_WIDGET (window), "_Explore a Sample Practice"));

  /* A scheduled post of the sample, with its findings and history. */
  post = first_scheduled_post (rounds_context_get_store (rounds_window_get_context (window)));
  g_assert_nonnull (post);
  dialog = rounds_window_open_post (window, post);
  g_assert_nonnull (dialog);
  gtk_window_set_default_size (dialog, 1000, 760);
  wait_until (gtk_widget_get_mapped (GTK_WIDGET (dialog)));
  walk (english, GTK_WIDGET (dialog), "es-editor-post");
  gtk_window_destroy (dialog);
  pump ();

  /* A new post. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-post", NULL));
  dialog = GTK_WINDOW (wait_toplevel (ROUNDS_TYPE_POST_DIALOG, GTK_WINDOW (window)));
  gtk_window_set_default_size (dialog, 1000, 760);
  walk (english, GTK_WIDGET (dialog), "es-editor-new");
  gtk_window_destroy (dialog);
  pump ();

  assert_all_spanish (english);
}

/* The first AdwViewStack under @widget, mapped or not. */
static AdwViewStack *
find_view_stack (GtkWidget *widget)
{
  if (ADW_IS_VIEW_STACK (widget))
    return ADW_VIEW_STACK (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwViewStack *found = find_view_stack (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_dialogs (UiFixture     *fixture,
              gconstpointer  data)
{
  RoundsWindow *window = ui_fixture_new_window (fixture);
  g_autoptr(GString) english = g_string_new (NULL);
  g_autoptr(GtkSelectionModel) pages = NULL;
  GtkWidget *prefs;
  GtkWidget *about;
  GtkWidget *shortcuts;

  click (find_button_tr (GTK_WIDGET (window), "_Explore a Sample Practice"));

  /* Preferences, every page. */
  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "preferences", NULL);
  prefs = wait_toplevel (ROUNDS_TYPE_PREFERENCES_WINDOW, GTK_WINDOW (window));
  pages = adw_view_stack_get_pages (find_view_stack (prefs));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pages)), >=, 2);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pages)); i++)
    {
      g_autofree char *name = g_strdup_printf ("es-preferences-%u", i);

      gtk_selection_model_select_item (pages, i, TRUE);
      walk (english, prefs, name);
    }
  gtk_window_destroy (GTK_WINDOW (prefs));
  pump ();

  /* About. */
  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "about", NULL);
  about = wait_toplevel (ADW_TYPE_ABOUT_WINDOW, GTK_WINDOW (window));
  g_assert_cmpstr (adw_about_window_get_comments (ADW_ABOUT_WINDOW (about)), ==,
                   g_dgettext (GETTEXT_PACKAGE, "Safe social media for your practice"));
  walk (english, about, "es-about");
  gtk_window_destroy (GTK_WINDOW (about));
  pump ();

  /* Keyboard shortcuts. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  shortcuts = wait_toplevel (GTK_TYPE_SHORTCUTS_WINDOW, GTK_WINDOW (window));
  walk (english, shortcuts, "es-shortcuts");
  gtk_window_destroy (GTK_WINDOW (shortcuts));
  pump ();

  assert_all_spanish (english);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *localedir = g_build_filename (g_getenv ("ROUNDS_BUILD_ROOT"), "po", NULL);

  g_setenv ("LANGUAGE", "es", TRUE);
  have_spanish_locale = setlocale (LC_ALL, SPANISH_LOCALE) != NULL;
  g_setenv ("LC_ALL", have_spanish_locale ? SPANISH_LOCALE : "C.UTF-8", TRUE);

  gtk_test_init (&argc, &argv, NULL);
  /* gtk_test_init() sets a fixed English locale: back to Spanish. */
  setlocale (LC_ALL, "");

  /* The catalog the build made (build/po/es/LC_MESSAGES/rounds.mo). */
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_add_func ("/ui/spanish/catalog-loaded", test_catalog_loaded);
#define ADD(path, fn) \
  g_test_add ("/ui/spanish/" path, UiFixture, NULL, ui_fixture_set_up, fn, ui_fixture_tear_down)
  ADD ("welcome-and-set-up", test_welcome_and_set_up);
  ADD ("sample-places", test_sample_places);
  ADD ("editor", test_editor);
  ADD ("dialogs", test_dialogs);
#undef ADD

  return g_test_run ();
}
