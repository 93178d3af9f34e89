/* test-plan.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <string.h>

#include "rounds-plan.h"
#include "rounds-plan-checklist.h"
#include "rounds-plan-crisis.h"
#include "rounds-plan-goals.h"
#include "rounds-practice-form.h"
#include "rounds-plan-page.h"
#include "rounds-plan-pdf.h"
#include "rounds-plan-step-view.h"
#include "rounds-store-plan.h"
#include "ui-test-util.h"

/* The Plan place, driven the way a keyboard user drives it.
 *
 * How the keyboard is simulated (GTK 4 has no gtk_test_widget_send_key):
 * - Tab is gtk_widget_child_focus (window, GTK_DIR_TAB_FORWARD), which is
 *   what GtkWindow's Tab binding calls, wrapping at the end of the chain
 *   like the binding does; the test only ever acts on the widget that has
 *   the focus afterwards (gtk_root_get_focus()).
 * - Enter in a text field is the GtkText "activate" key-binding signal
 *   (an AdwEntryRow turns it into "entry-activated"); Enter or Space on a
 *   button or switch is gtk_widget_activate(), what their bindings call.
 * - Alt+letter is gtk_widget_mnemonic_activate() on the button whose
 *   label carries that mnemonic.
 * - Typing replaces the focused text field's contents.
 * So every control the test reaches is reachable by Tab, in the order a
 * user meets it, and every action is one a key press triggers. */

/* ------------------------------------------------------------------ */
/* Keyboard                                                             */

static GtkWidget *
focus_of (RoundsWindow *window)
{
  return gtk_root_get_focus (GTK_ROOT (window));
}

static void
press_tab (RoundsWindow *window)
{
  if (!gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD))
    {
      gtk_window_set_focus (GTK_WINDOW (window), NULL);
      gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD);
    }
  pump ();
}

static void
press_enter (RoundsWindow *window)
{
  GtkWidget *focus = focus_of (window);

  g_assert_nonnull (focus);
  if (GTK_IS_TEXT (focus))
    g_signal_emit_by_name (focus, "activate");
  else
    gtk_widget_activate (focus);
  /* A button activated by a key shows itself pressed and emits
   * "clicked" a moment later (GTK's activate timeout). */
  if (GTK_IS_BUTTON (focus))
    pump_for (350);
  pump ();
}

static void
type_text (RoundsWindow *window,
           const char   *text)
{
  GtkWidget *focus = focus_of (window);

  g_assert_true (GTK_IS_EDITABLE (focus));
  gtk_editable_set_text (GTK_EDITABLE (focus), text);
  pump ();
}

static gboolean
match_mnemonic (GtkWidget *widget,
                gpointer   data)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
         gtk_button_get_use_underline (GTK_BUTTON (widget)) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0;
}

static void
count_mnemonics (GtkWidget *widget,
                 guint      keyval,
                 guint     *count)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_LABEL (widget) && gdk_keyval_to_lower (gtk_label_get_mnemonic_keyval (GTK_LABEL (widget))) == keyval)
    (*count)++;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    count_mnemonics (child, keyval, count);
}

/* Alt+letter: @label is the button's label with its underline. The
 * letter must belong to this button alone on screen, or Alt+letter
 * would only move the focus between the two. */
static void
press_mnemonic (RoundsWindow *window,
                const char   *label)
{
  GtkWidget *button = find_widget (GTK_WIDGET (window), match_mnemonic, (gpointer)label);
  const char *underline = strchr (label, '_');
  guint count = 0;

  g_assert_nonnull (button);
  g_assert_nonnull (underline);
  count_mnemonics (GTK_WIDGET (window), gdk_keyval_to_lower (gdk_unicode_to_keyval (underline[1])),
                   &count);
  g_assert_cmpuint (count, ==, 1);
  gtk_widget_mnemonic_activate (button, FALSE);
  pump_for (350);
  pump ();
}

typedef gboolean (*FocusMatch) (GtkWidget *focus, const char *name);

static gboolean
in_row_titled (GtkWidget  *focus,
               GType       row_type,
               const char *title)
{
  GtkWidget *row = gtk_widget_get_ancestor (focus, row_type);

  return row != NULL && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                                   title) == 0;
}

static gboolean
is_entry (GtkWidget  *focus,
          const char *title)
{
  return GTK_IS_TEXT (focus) && in_row_titled (focus, ADW_TYPE_ENTRY_ROW, title);
}

static gboolean
is_spin (GtkWidget  *focus,
         const char *title)
{
  return GTK_IS_TEXT (focus) && gtk_widget_get_ancestor (focus, GTK_TYPE_SPIN_BUTTON) != NULL &&
         in_row_titled (focus, ADW_TYPE_ACTION_ROW, title);
}

static gboolean
is_switch_of (GtkWidget  *focus,
              const char *title)
{
  return GTK_IS_SWITCH (focus) && in_row_titled (focus, ADW_TYPE_EXPANDER_ROW, title);
}

static gboolean
is_text_with (GtkWidget  *focus,
              const char *words)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  if (!GTK_IS_TEXT_VIEW (focus))
    return FALSE;
  gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (GTK_TEXT_VIEW (focus)), &start, &end);
  text = gtk_text_iter_get_text (&start, &end);
  return strstr (text, words) != NULL;
}

static gboolean
is_button (GtkWidget  *focus,
           const char *label)
{
  const char *text;
  g_autoptr(GString) plain = g_string_new (NULL);

  if (!GTK_IS_BUTTON (focus) || (text = gtk_button_get_label (GTK_BUTTON (focus))) == NULL)
    return FALSE;
  for (const char *p = text; *p; p++)
    if (*p != '_')
      g_string_append_c (plain, *p);
  return g_str_equal (plain->str, label);
}

static gboolean
is_button_tooltip (GtkWidget  *focus,
                   const char *tooltip)
{
  return GTK_IS_BUTTON (focus) && g_strcmp0 (gtk_widget_get_tooltip_text (focus), tooltip) == 0;
}

/* Presses Tab until the focus is on what @match names. */
static void
tab_to (RoundsWindow *window,
        FocusMatch    match,
        const char   *name)
{
  for (guint i = 0; i < 600; i++)
    {
      GtkWidget *focus = focus_of (window);

      if (focus != NULL && match (focus, name))
        return;
      press_tab (window);
    }

  g_error ("Tab never reached the control");
}

/* ------------------------------------------------------------------ */
/* Set-up                                                               */

/* A new practice set up on the welcome page, on its first place */
static RoundsWindow *
set_up_practice (UiFixture *fixture)
{
  RoundsWindow *window = ui_fixture_new_window (fixture);

  click (find_button (GTK_WIDGET (window), "Set Up My Practice"));
  gtk_editable_set_text (GTK_EDITABLE (find_row (GTK_WIDGET (window), "Practice name")),
                         "Lakeside Pediatrics");
  gtk_editable_set_text (GTK_EDITABLE (find_row (GTK_WIDGET (window), "Phone number")),
                         "(555) 010-4477");
  gtk_editable_set_text (GTK_EDITABLE (find_row (GTK_WIDGET (window), "Address")),
                         "12 Shore Road, Lakeside, MN 55000");
  click (find_button (GTK_WIDGET (window), "Save and Continue"));
  return window;
}

/* A new practice set up, on its Plan */
static RoundsWindow *
open_practice (UiFixture *fixture)
{
  RoundsWindow *window = set_up_practice (fixture);

  g_assert_cmpstr (rounds_window_get_screen (window), ==, "practice");

  rounds_window_show_place (window, "plan");
  pump ();
  return window;
}

static RoundsPlanPage *
plan_page (RoundsWindow *window)
{
  GtkWidget *page = find_of_type (GTK_WIDGET (window), ROUNDS_TYPE_PLAN_PAGE);

  g_assert_nonnull (page);
  return ROUNDS_PLAN_PAGE (page);
}

static RoundsStore *
store_of (RoundsWindow *window)
{
  return rounds_context_get_store (rounds_window_get_context (window));
}

static gboolean
match_field_error (GtkWidget *widget,
                   gpointer   data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         gtk_widget_has_css_class (widget, "plan-field-error") &&
         strstr (gtk_label_get_text (GTK_LABEL (widget)), data) != NULL;
}

static void
assert_error_shown (RoundsWindow *window,
                    const char   *words)
{
  g_assert_nonnull (find_widget (GTK_WIDGET (window), match_field_error, (gpointer)words));
}

/* Answers the field the error put the focus on, then presses Enter,
 * until the step is accepted. */
static void
answer_until_accepted (RoundsWindow *window,
                       guint         step,
                       const char   *answer)
{
  RoundsPlanPage *page = plan_page (window);

  for (guint i = 0; i < 8 && rounds_plan_page_get_current (page) == step; i++)
    {
      GtkWidget *focus = focus_of (window);

      g_assert_true (GTK_IS_TEXT (focus));
      g_assert_nonnull (gtk_widget_get_ancestor (focus, ADW_TYPE_ENTRY_ROW));
      type_text (window, answer);
      press_enter (window);
    }
  g_assert_cmpuint (rounds_plan_page_get_current (page), ==, step + 1);
}

/* ------------------------------------------------------------------ */
/* Tests                                                                */

static void
test_walk_with_keyboard (UiFixture     *fixture,
                         gconstpointer  data)
{
  RoundsWindow *window = open_practice (fixture);
  RoundsPlanPage *page = plan_page (window);
  g_autoptr(JsonObject) goals = NULL;
  g_autoptr(JsonObject) platforms = NULL;
  JsonObject *goal;
  gint64 completed_at = 0;
  guint n_tasks = 0;

  /* Set up on the welcome page: the profile step is done; the plan opens
   * on the goals. */
  g_assert_true (rounds_plan_page_is_step_complete (page, ROUNDS_PLAN_STEP_PROFILE));
  g_assert_cmpuint (rounds_plan_page_get_current (page), ==, ROUNDS_PLAN_STEP_GOALS);

  /* Goals: switch on "Appointment bookings"; Enter in its deadline with
   * no target is refused next to the target. */
  tab_to (window, is_switch_of, "Appointment bookings");
  press_enter (window);
  tab_to (window, is_entry, "Deadline (year-month-day)");
  press_enter (window);
  g_assert_cmpuint (rounds_plan_page_get_current (page), ==, ROUNDS_PLAN_STEP_GOALS);
  assert_error_shown (window, "higher than");
  g_assert_true (is_spin (focus_of (window), "Target"));

  /* Today's 40 bookings, then "Suggest": +15% in six months. */
  tab_to (window, is_spin, "Today");
  type_text (window, "40");
  press_enter (window);
  tab_to (window, is_button, "Suggest");
  press_enter (window);
  press_mnemonic (window, "Con_tinue");
  g_assert_cmpuint (rounds_plan_page_get_current (page), ==, ROUNDS_PLAN_STEP_AUDIENCE);
  g_assert_true (rounds_plan_page_is_step_complete (page, ROUNDS_PLAN_STEP_GOALS));

  /* Audience: the suggestions for pediatrics. */
  press_mnemonic (window, "Con_tinue");
  g_assert_cmpuint (rounds_plan_page_get_current (page), ==, ROUNDS_PLAN_STEP_AUDIENCE);
  assert_error_shown (window, "at least one group");
  tab_to (window, is_button, "Add Suggestions");
  press_enter (window);
  press_mnemonic (window, "Con_tinue");
  g_assert_cmpuint (rounds_plan_page_get_current (page), ==, ROUNDS_PLAN_STEP_STRATEGY);

  /* Strategy: a mix of 110% is refused; back to 100% it goes on. */
  tab_to (window, is_spin, "Education (%)");
  type_text (window, "50");
  press_enter (window);
  press_mnemonic (window, "Con_tinue");
  g_assert_cmpuint (rounds_plan_page_get_current (page), ==, ROUNDS_PLAN_STEP_STRATEGY);
  assert_error_shown (window, "110%");
  tab_to (window, is_spin, "Education (%)");
  type_text (window, "40");
  press_enter (window);
  press_mnemonic (window, "Con_tinue");
  g_assert_cmpuint (rounds_plan_page_get_current (page), ==, ROUNDS_PLAN_STEP_PLATFORMS);

  /* Platforms: the networks recommended from the audience (young
   * parents on Instagram and Facebook, and Google for reviews) are on;
   * each handle is asked for where it is missing, and Enter goes on. */
  g_assert_true (adw_expander_row_get_enable_expansion (
                   ADW_EXPANDER_ROW (find_row (GTK_WIDGET (window), "Instagram"))));
  g_assert_true (adw_expander_row_get_enable_expansion (
                   ADW_EXPANDER_ROW (find_row (GTK_WIDGET (window), "Google Business Profile"))));
  g_assert_false (adw_expander_row_get_enable_expansion (
                    ADW_EXPANDER_ROW (find_row (GTK_WIDGET (window), "LinkedIn"))));
  press_mnemonic (window, "Con_tinue");
  assert_error_shown (window, "handle on");
  answer_until_accepted (window, ROUNDS_PLAN_STEP_PLATFORMS, "@lakesidepeds");

  /* Crisis plan: each person is asked for in turn. */
  press_mnemonic (window, "_Finish");
  assert_error_shown (window, "Name who watches");
  answer_until_accepted (window, ROUNDS_PLAN_STEP_CRISIS, "Office manager");

  /* Finished: every step is marked, the checklist ticked itself, except
   * what the steps' forms do not do: no profile checklist box was ticked
   * and the calendar was never filled, so those two are still to do. */
  g_assert_cmpuint (rounds_plan_page_get_current (page), ==, ROUNDS_PLAN_PAGE_CHECKLIST);
  for (guint i = 0; i < ROUNDS_PLAN_N_STEPS; i++)
    g_assert_true (rounds_plan_page_is_step_complete (page, i));
  {
    GtkWidget *checklist = find_of_type (GTK_WIDGET (window), ROUNDS_TYPE_PLAN_CHECKLIST);
    GtkWidget *row;

    g_assert_nonnull (checklist);
    g_assert_cmpuint (rounds_plan_checklist_count_done (ROUNDS_PLAN_CHECKLIST (checklist),
                                                        &n_tasks), ==, n_tasks - 2);
    g_assert_cmpuint (n_tasks, ==, 12);
    row = find_row (checklist, "Complete every profile checklist");
    g_assert_nonnull (row);
    g_assert_null (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Done"));
    row = find_row (checklist, "Fill the calendar for the next four weeks");
    g_assert_nonnull (row);
    g_assert_null (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Done"));
  }

  /* Restart: everything is there. */
  gtk_window_destroy (GTK_WINDOW (window));
  pump ();
  window = ui_fixture_new_window (fixture);
  rounds_window_show_place (window, "plan");
  pump ();
  page = plan_page (window);
  g_assert_cmpuint (rounds_plan_page_get_current (page), ==, ROUNDS_PLAN_PAGE_CHECKLIST);

  goals = rounds_store_plan_load_section (store_of (window), "goals", &completed_at, NULL);
  g_assert_cmpint (completed_at, >, 0);
  goal = json_array_get_object_element (rounds_plan_json_array (goals, "goals"), 0);
  g_assert_cmpstr (rounds_plan_json_string (goal, "kind"), ==, "bookings");
  g_assert_cmpint (rounds_plan_json_int (goal, "baseline", 0), ==, 40);
  g_assert_cmpint (rounds_plan_json_int (goal, "target", 0), ==, 46);
  g_assert_cmpuint (strlen (rounds_plan_json_string (goal, "deadline")), ==, 10);

  platforms = rounds_store_plan_load_section (store_of (window), "platforms", NULL, NULL);
  g_assert_cmpstr (rounds_plan_json_string (rounds_plan_json_object (
                     rounds_plan_json_object (platforms, "networks"), "google"), "handle"), ==,
                   "@lakesidepeds");
}

static gboolean
match_tooltip (GtkWidget *widget,
               gpointer   data)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_widget_get_tooltip_text (widget), data) == 0;
}

/* The names of the audience groups the store holds, "|"-joined. */
static char *
saved_groups (RoundsWindow *window)
{
  g_autoptr(JsonObject) audience = rounds_store_plan_load_section (store_of (window), "audience",
                                                                   NULL, NULL);
  JsonArray *personas = audience != NULL ? rounds_plan_json_array (audience, "personas") : NULL;
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; personas != NULL && i < json_array_get_length (personas); i++)
    g_string_append_printf (names, "%s%s", i > 0 ? "|" : "",
                            rounds_plan_json_string (json_array_get_object_element (personas, i),
                                                     "name"));
  return g_string_free (g_steal_pointer (&names), FALSE);
}

static gboolean
saved_groups_are (RoundsWindow *window,
                  const char   *expected)
{
  g_autofree char *names = saved_groups (window);

  return expected != NULL ? g_str_equal (names, expected) : strchr (names, '|') != NULL;
}

/* Removing an audience group can be undone from its toast, and the group
 * comes back where it was (issue 16: deleting a group had no undo). */
static void
test_remove_group_undo (UiFixture     *fixture,
                        gconstpointer  data)
{
  RoundsWindow *window = open_practice (fixture);
  g_autofree char *before = NULL;
  g_auto(GStrv) groups = NULL;
  g_autofree char *without_first = NULL;

  rounds_plan_page_show (plan_page (window), ROUNDS_PLAN_STEP_AUDIENCE);
  pump ();
  click (find_button (GTK_WIDGET (window), "Add Suggestions"));
  wait_until (saved_groups_are (window, NULL));
  before = saved_groups (window);
  groups = g_strsplit (before, "|", -1);
  without_first = g_strjoinv ("|", groups + 1);

  click (find_widget (GTK_WIDGET (window), match_tooltip, (gpointer) "Remove This Group"));
  wait_until (saved_groups_are (window, without_first));
  g_assert_null (find_row (GTK_WIDGET (window), groups[0]));
  ui_screenshot (GTK_WIDGET (window), "audience-removed-toast");

  click (find_button (GTK_WIDGET (window), "Undo"));
  wait_until (saved_groups_are (window, before));
  g_assert_nonnull (find_row (GTK_WIDGET (window), groups[0]));
}

static void
test_edits_saved_without_save (UiFixture     *fixture,
                               gconstpointer  data)
{
  RoundsWindow *window = open_practice (fixture);
  g_autoptr(JsonObject) goals = NULL;
  gint64 completed_at = -1;

  /* Half an answer, then the window closes at once: it is kept, not
   * complete. */
  tab_to (window, is_switch_of, "Brand awareness");
  press_enter (window);
  tab_to (window, is_spin, "Today");
  type_text (window, "120");
  press_enter (window);
  gtk_window_destroy (GTK_WINDOW (window));
  pump ();

  window = ui_fixture_new_window (fixture);
  rounds_window_show_place (window, "plan");
  pump ();
  g_assert_cmpuint (rounds_plan_page_get_current (plan_page (window)), ==, ROUNDS_PLAN_STEP_GOALS);
  goals = rounds_store_plan_load_section (store_of (window), "goals", &completed_at, NULL);
  g_assert_nonnull (goals);
  g_assert_cmpint (completed_at, ==, 0);
  g_assert_cmpint (rounds_plan_json_int (json_array_get_object_element (
                     rounds_plan_json_array (goals, "goals"), 0), "baseline", 0), ==, 120);

  /* And the form shows it again. */
  tab_to (window, is_spin, "Today");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (focus_of (window))), ==, "120");
}

static void
test_template_with_phi_refused (UiFixture     *fixture,
                                gconstpointer  data)
{
  RoundsWindow *window = open_practice (fixture);
  RoundsPlanPage *page = plan_page (window);
  GtkWidget *focus;
  g_autoptr(JsonObject) crisis = NULL;
  JsonArray *templates;
  guint n_before;

  rounds_plan_page_show (page, ROUNDS_PLAN_STEP_CRISIS);
  pump ();
  {
    g_autoptr(JsonObject) shown = rounds_plan_step_view_dup_data (
      ROUNDS_PLAN_STEP_VIEW (find_of_type (GTK_WIDGET (window), ROUNDS_TYPE_PLAN_CRISIS)));
    n_before = json_array_get_length (rounds_plan_json_array (shown, "templates"));
    g_assert_cmpuint (n_before, >=, 3);
  }

  tab_to (window, is_button, "Add Template");
  press_enter (window);
  g_assert_true (is_entry (focus_of (window), "Title"));
  type_text (window, "Thank a patient");
  tab_to (window, is_text_with, "");
  focus = focus_of (window);
  g_assert_true (GTK_IS_TEXT_VIEW (focus));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (focus)),
                            "Dear Maria Gonzalez, we hope your knee surgery on 03/14/2025 went "
                            "well! Call us on 608-555-0199.", -1);
  tab_to (window, is_button, "Save Template");
  press_enter (window);

  /* Refused, said next to the text, which has the focus again. */
  assert_error_shown (window, "cannot be saved");
  g_assert_true (GTK_IS_TEXT_VIEW (focus_of (window)));

  rounds_plan_page_flush (page);
  rounds_plan_page_show (page, ROUNDS_PLAN_PAGE_CHECKLIST);
  crisis = rounds_store_plan_load_section (store_of (window), "crisis", NULL, NULL);
  templates = rounds_plan_json_array (crisis, "templates");
  /* Nothing was kept: the step was not even saved, or without it. */
  if (templates != NULL)
    g_assert_cmpuint (json_array_get_length (templates), ==, n_before);
  for (guint i = 0; templates != NULL && i < json_array_get_length (templates); i++)
    g_assert_null (strstr (rounds_plan_json_string (json_array_get_object_element (templates, i),
                                                    "text"), "Gonzalez"));

  /* Made safe, it is kept. */
  rounds_plan_page_show (page, ROUNDS_PLAN_STEP_CRISIS);
  pump ();
  tab_to (window, is_text_with, "Gonzalez");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (focus_of (window))),
                            "Thank you for your kind words. We hope to hear from you again.", -1);
  tab_to (window, is_button, "Save Template");
  press_enter (window);
  rounds_plan_page_flush (page);
  g_clear_pointer (&crisis, json_object_unref);
  crisis = rounds_store_plan_load_section (store_of (window), "crisis", NULL, NULL);
  g_assert_cmpuint (json_array_get_length (rounds_plan_json_array (crisis, "templates")), ==,
                    n_before + 1);
}

static void
test_fill_calendar_and_undo (UiFixture     *fixture,
                             gconstpointer  data)
{
  RoundsWindow *window = open_practice (fixture);
  RoundsPlanPage *page = plan_page (window);
  GListModel *posts = rounds_store_get_posts (store_of (window));
  guint before = g_list_model_get_n_items (posts);

  rounds_plan_page_show (page, ROUNDS_PLAN_STEP_STRATEGY);
  pump ();

  /* The default cadence: Facebook 3, Instagram 2, Google 1 a week. */
  tab_to (window, is_button, "Fill My Calendar");
  press_enter (window);
  g_assert_cmpuint (g_list_model_get_n_items (posts), ==, before + 4 * 6);

  tab_to (window, is_button, "Undo Fill");
  press_enter (window);
  g_assert_cmpuint (g_list_model_get_n_items (posts), ==, before);
}

/* The 30-day checklist, once made, follows what happens elsewhere in
 * the plan: filling the calendar from the strategy step ticks its task
 * when the checklist is shown again. */
static void
test_checklist_follows (UiFixture     *fixture,
                        gconstpointer  data)
{
  RoundsWindow *window = open_practice (fixture);
  RoundsPlanPage *page = plan_page (window);
  GtkWidget *checklist, *row;

  rounds_plan_page_show (page, ROUNDS_PLAN_PAGE_CHECKLIST);
  pump ();
  checklist = find_of_type (GTK_WIDGET (window), ROUNDS_TYPE_PLAN_CHECKLIST);
  g_assert_nonnull (checklist);
  row = find_row (checklist, "Fill the calendar for the next four weeks");
  g_assert_nonnull (row);
  g_assert_null (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Done"));

  rounds_plan_page_show (page, ROUNDS_PLAN_STEP_STRATEGY);
  pump ();
  tab_to (window, is_button, "Fill My Calendar");
  press_enter (window);
  pump ();

  rounds_plan_page_show (page, ROUNDS_PLAN_PAGE_CHECKLIST);
  pump ();
  row = find_row (checklist, "Fill the calendar for the next four weeks");
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Done"));
}

static gboolean
match_sidebar (GtkWidget *widget,
               gpointer   data)
{
  return GTK_IS_LIST_BOX (widget) && gtk_widget_has_css_class (widget, "navigation-sidebar");
}

static gboolean
is_check_for (GtkWidget  *focus,
              const char *title)
{
  return GTK_IS_CHECK_BUTTON (focus) && in_row_titled (focus, ADW_TYPE_ACTION_ROW, title);
}

static void
test_tick_by_hand (UiFixture     *fixture,
                   gconstpointer  data)
{
  RoundsWindow *window = open_practice (fixture);
  RoundsPlanPage *page = plan_page (window);
  g_autoptr(GHashTable) done = NULL;
  GtkWidget *checklist;
  guint n_tasks = 0, n_done;

  rounds_plan_page_show (page, ROUNDS_PLAN_PAGE_CHECKLIST);
  pump ();
  checklist = find_of_type (GTK_WIDGET (window), ROUNDS_TYPE_PLAN_CHECKLIST);
  n_done = rounds_plan_checklist_count_done (ROUNDS_PLAN_CHECKLIST (checklist), &n_tasks);

  /* The profile was filled in on the welcome page: ticked, and not
   * by hand (its box cannot be unticked while the step is complete). */
  g_assert_cmpuint (n_done, ==, 1);

  /* Space on "Choose your networks" ticks it; it stays after a restart. */
  tab_to (window, is_check_for, "Choose your networks");
  press_enter (window);
  pump_for (50);
  g_assert_cmpuint (rounds_plan_checklist_count_done (ROUNDS_PLAN_CHECKLIST (checklist), NULL), ==,
                    2);

  gtk_window_destroy (GTK_WINDOW (window));
  pump ();
  window = ui_fixture_new_window (fixture);
  done = rounds_store_plan_dup_done_tasks (store_of (window), NULL);
  g_assert_true (g_hash_table_contains (done, "networks"));
  g_assert_cmpuint (g_hash_table_size (done), ==, 1);
}

static void
test_narrow_window (UiFixture     *fixture,
                    gconstpointer  data)
{
  RoundsWindow *window = open_practice (fixture);
  RoundsPlanPage *page = plan_page (window);
  AdwLeaflet *leaflet = ADW_LEAFLET (find_of_type (GTK_WIDGET (page), ADW_TYPE_LEAFLET));
  GtkWidget *steps = find_widget (GTK_WIDGET (page), match_sidebar, NULL);
  GLogLevelFlags old_fatal;

  g_assert_true (gtk_widget_get_mapped (steps));

  /* Narrow, the step list folds away behind a button. */
  gtk_window_unmaximize (GTK_WINDOW (window));
  /* Narrowing the window makes GTK warn about a box of the window itself
   * (allocated 0 × -1; it happens with the Posts or Calendar place shown
   * too), so only criticals stay fatal here. */
  old_fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  gtk_window_set_default_size (GTK_WINDOW (window), 560, 700);
  gtk_widget_queue_resize (GTK_WIDGET (window));
  pump_for (500);
  g_assert_true (adw_leaflet_get_folded (leaflet));
  /* Folded, the step being edited is shown, not the list. */
  g_assert_false (gtk_widget_get_mapped (steps));

  tab_to (window, is_button_tooltip, "All Steps");
  press_enter (window);
  pump_for (100);
  g_assert_true (gtk_widget_get_mapped (steps));

  /* Choosing a step brings its page back. */
  rounds_plan_page_show (page, ROUNDS_PLAN_STEP_AUDIENCE);
  pump_for (100);
  g_assert_false (gtk_widget_get_mapped (steps));
  g_assert_nonnull (find_button (GTK_WIDGET (window), "Add Suggestions"));

  g_log_set_always_fatal (old_fatal);
}

static char *
pdf_text (const char *path)
{
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  const char *argv[] = { "pdftotext", path, "-", NULL };

  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  /* Lines wrap anywhere: compare with single spaces (pages stay apart). */
  {
    GString *flat = g_string_new (NULL);

    for (const char *p = out; *p != '\0'; p++)
      {
        if (*p == '\f')
          g_string_append_c (flat, '\f');
        else if (g_ascii_isspace (*p))
          {
            if (flat->len > 0 && flat->str[flat->len - 1] != ' ' && flat->str[flat->len - 1] != '\f')
              g_string_append_c (flat, ' ');
          }
        else
          g_string_append_c (flat, *p);
      }
    return g_string_free (flat, FALSE);
  }
}

static void
save_json (RoundsStore *store,
           const char  *section,
           const char  *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  g_assert_true (rounds_store_plan_save_section (store, section,
                                                 json_node_get_object (json_parser_get_root (parser)),
                                                 TRUE, &error));
}

/* Every section, and answers from each. */
static const char * const expected_in_pdf[] = {
  "Social Media Plan", "Lakeside Pediatrics", "Goals", "Interactions a month",
  "from 200 to 260", "Audience", "New parents", "Spanish", "Content Strategy",
  "Education: 60% of posts", "Platforms and Profiles", "@lakesidepeds",
  "differs from the practice name", "Crisis Plan", "respond within 12 hours",
  "Thank you for your feedback.", "30-Day Action Plan", "Social Media Policy for Staff",
  NULL
};

static void
test_pdf_export (UiFixture     *fixture,
                 gconstpointer  data)
{
  RoundsWindow *window = open_practice (fixture);
  RoundsStore *store = store_of (window);
  g_autofree char *path = g_build_filename (fixture->data_dir, "plan.pdf", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) pages = NULL;
  guint n_pages;
  const char *last = NULL;

  save_json (store, "goals", "{\"goals\":[{\"kind\":\"engagement\",\"metric\":\"interactions\","
                             "\"baseline\":200,\"target\":260,\"deadline\":\"2031-06-01\"}]}");
  save_json (store, "audience", "{\"personas\":[{\"name\":\"New parents\",\"age_min\":24,"
                                "\"age_max\":40,\"area\":\"Lakeside\",\"needs\":\"Sleep\","
                                "\"networks\":[\"instagram\"],\"language\":\"Spanish\"}]}");
  save_json (store, "strategy", "{\"mix\":{\"education\":60,\"team\":40},\"formats\":[\"video\"],"
                                "\"cadence\":{\"instagram\":3}}");
  save_json (store, "platforms", "{\"networks\":{\"instagram\":{\"handle\":\"@lakesidepeds\","
                                 "\"display_name\":\"Lakeside Peds\",\"phi_notice\":true}}}");
  save_json (store, "crisis", "{\"watcher\":\"Front desk\",\"replier\":\"Practice manager\","
                              "\"approver\":\"Lead pediatrician\",\"privacy_officer\":\"Office lead\","
                              "\"levels\":{\"negative_review\":{\"hours\":12,\"steps\":\"Reply once.\"},"
                              "\"privacy_incident\":{\"hours\":1,\"steps\":\"Remove it.\"}},"
                              "\"templates\":[{\"title\":\"Negative review\","
                              "\"text\":\"Thank you for your feedback.\"}]}");

  g_assert_true (rounds_plan_pdf_write (rounds_window_get_context (window), path, &error));
  g_assert_no_error (error);

  if (g_getenv ("PLAN_TEST_KEEP_PDF") != NULL)
    {
      g_autofree char *contents = NULL;
      gsize length;

      g_file_get_contents (path, &contents, &length, NULL);
      g_file_set_contents (g_getenv ("PLAN_TEST_KEEP_PDF"), contents, length, NULL);
    }
  text = pdf_text (path);
  for (const char * const *s = expected_in_pdf; *s != NULL; s++)
    if (strstr (text, *s) == NULL)
      g_error ("The PDF lacks expected text #%d", (int)(s - expected_in_pdf));

  /* The staff policy is the last page, on its own, from the answers. */
  pages = g_strsplit (text, "\f", -1);
  n_pages = g_strv_length (pages);
  for (guint i = n_pages; i > 0 && last == NULL; i--)
    if (strlen (g_strstrip (pages[i - 1])) > 0)
      last = pages[i - 1];
  g_assert_nonnull (last);
  g_assert_nonnull (strstr (last, "Social Media Policy for Staff"));
  g_assert_nonnull (strstr (last, "Practice manager writes posts and replies"));
  g_assert_nonnull (strstr (last, "Lead pediatrician approves"));
  g_assert_nonnull (strstr (last, "Read and understood"));
  g_assert_null (strstr (last, "Crisis Plan"));
}

static gboolean
match_step_title (GtkWidget *widget,
                  gpointer   data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), "Step ");
}

/* The left edge of what @page shows: its clamp's content. */
static double
content_left (GtkWidget *page,
              GtkWidget *window)
{
  GtkWidget *clamp = find_of_type (page, ADW_TYPE_CLAMP);
  graphene_rect_t bounds;

  g_assert_nonnull (clamp);
  g_assert_true (gtk_widget_compute_bounds (gtk_widget_get_first_child (clamp), window, &bounds));
  return bounds.origin.x;
}

/* On a wide screen the content is centred: each step's title sits on
 * its content's left edge, not far left of it. */
static void
test_wide_window_title_aligned (UiFixture     *fixture,
                                gconstpointer  data)
{
  RoundsWindow *window = open_practice (fixture);
  RoundsPlanPage *page = plan_page (window);

  /* Wider than the test's screen may be: a size request, not a default. */
  gtk_widget_set_size_request (GTK_WIDGET (window), 1920, 1000);
  wait_until (gtk_widget_get_width (GTK_WIDGET (window)) >= 1900);

  for (guint step = ROUNDS_PLAN_STEP_PROFILE; step <= ROUNDS_PLAN_STEP_CRISIS; step++)
    {
      GtkWidget *title;
      GtkWidget *stack;
      GtkWidget *shown;
      graphene_rect_t bounds;
      double left;

      rounds_plan_page_show (page, step);
      wait_until ((title = find_widget (GTK_WIDGET (page), match_step_title, NULL)) != NULL &&
                  g_str_has_prefix (gtk_label_get_text (GTK_LABEL (title)), "Step "));
      /* The steps' stack: the first one on the page. */
      stack = find_of_type (GTK_WIDGET (page), GTK_TYPE_STACK);
      g_assert_nonnull (stack);
      shown = gtk_stack_get_visible_child (GTK_STACK (stack));
      wait_until (gtk_widget_get_mapped (shown) && gtk_widget_get_width (shown) > 1000);
      pump_for (20);
      left = content_left (shown, GTK_WIDGET (window));
      g_assert_true (gtk_widget_compute_bounds (title, GTK_WIDGET (window), &bounds));
      g_test_message ("step %u: title at %.0f, content at %.0f", step, bounds.origin.x, left);
      /* Centred, not at the window's edge: and the title with it. */
      g_assert_cmpfloat (left, >, 500);
      g_assert_cmpfloat (fabs (bounds.origin.x - left), <=, 2);
    }
  ui_screenshot (GTK_WIDGET (window), "plan-1920");
}

static gboolean
match_type_shown_or_not (GtkWidget *widget,
                         gpointer   data)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (data));
}

/* The Plan is built on its first switch and opens on the first step not
 * complete: that step shows at once, not a crossfade from the profile
 * (which drew both for 200 ms). With animations on, as on a desktop. */
static void
test_first_switch_shows_open_step (UiFixture     *fixture,
                                   gconstpointer  data)
{
  RoundsWindow *window = set_up_practice (fixture);
  RoundsPlanPage *page;
  GtkWidget *goals, *profile;

  /* Opened again another day, on Posts: the Plan not built yet */
  rounds_window_show_place (window, "posts");
  pump ();
  ui_destroy_toplevels ();
  window = ui_fixture_new_window (fixture);
  g_assert_cmpstr (rounds_window_get_place (window), ==, "posts");
  g_assert_null (find_widget (GTK_WIDGET (window), match_type_shown_or_not,
                              GSIZE_TO_POINTER (ROUNDS_TYPE_PLAN_PAGE)));

  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", TRUE, NULL);
  rounds_window_show_place (window, "plan");
  page = plan_page (window);
  goals = find_widget (GTK_WIDGET (page), match_type_shown_or_not,
                       GSIZE_TO_POINTER (ROUNDS_TYPE_PLAN_GOALS));
  profile = find_widget (GTK_WIDGET (page), match_type_shown_or_not,
                         GSIZE_TO_POINTER (ROUNDS_TYPE_PRACTICE_FORM));
  g_assert_nonnull (goals);
  /* The profile form, complete at welcome, is not made at all (switch15:
   * the page's init made it for its step 0) */
  g_assert_null (profile);
  g_assert_cmpuint (rounds_plan_page_get_current (page), ==, ROUNDS_PLAN_STEP_GOALS);
  /* the first frame after the switch: the goals alone */
  pump ();
  g_assert_true (gtk_widget_get_mapped (goals));
  pump_for (50);
  g_assert_null (find_widget (GTK_WIDGET (page), match_type_shown_or_not,
                              GSIZE_TO_POINTER (ROUNDS_TYPE_PRACTICE_FORM)));

  /* A move by the user makes it, and still crossfades: both steps are
   * drawn a moment */
  rounds_plan_page_show (page, ROUNDS_PLAN_STEP_PROFILE);
  profile = find_widget (GTK_WIDGET (page), match_type_shown_or_not,
                         GSIZE_TO_POINTER (ROUNDS_TYPE_PRACTICE_FORM));
  g_assert_nonnull (profile);
  pump ();
  g_assert_true (gtk_widget_get_mapped (goals));
  g_assert_true (gtk_widget_get_mapped (profile));
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/plan/" name, UiFixture, NULL, ui_fixture_set_up, func, ui_fixture_tear_down)

  ADD ("walk-with-keyboard", test_walk_with_keyboard);
  ADD ("edits-saved-without-save", test_edits_saved_without_save);
  ADD ("template-with-phi-refused", test_template_with_phi_refused);
  ADD ("fill-calendar-and-undo", test_fill_calendar_and_undo);
  ADD ("checklist-follows", test_checklist_follows);
  ADD ("pdf-export", test_pdf_export);
  ADD ("tick-by-hand", test_tick_by_hand);
  ADD ("narrow-window", test_narrow_window);
  ADD ("remove-group-undo", test_remove_group_undo);
  ADD ("wide-window-title-aligned", test_wide_window_title_aligned);
  ADD ("first-switch-shows-open-step", test_first_switch_shows_open_step);

  return g_test_run ();
}
