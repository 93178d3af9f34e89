/* test-plan.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "core-test-util.h"
#include "config.h"

#include <glib/gstdio.h>

#include "rounds-plan.h"
#include "rounds-plan-fill.h"
#include "rounds-plan-schedule.h"
#include "rounds-scanner.h"
#include "rounds-store-plan.h"
#include "rounds-store.h"
#include "rounds-time.h"

/* The rollout plan, as a practice manager meets it: each step refuses
 * what cannot work and says where, what was typed is there after a
 * restart, the 30-day checklist says what is due and what is late, "Fill
 * my calendar" makes exactly the posts asked for and nothing on top of
 * existing ones and is undone in one step, and reply templates that
 * would leak patient information cannot be kept.
 *
 * Every practice detail here is invented and never printed. */

#define DAY ((gint64)86400)

/* Monday 2026-03-02 15:00 UTC = 10:00 in New York */
#define T0 ((gint64)1772463600)

typedef struct
{
  char        *dir;
  char        *path;
  RoundsClock *clock;
  GTimeZone   *tz;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = g_dir_make_tmp ("rounds-plan-XXXXXX", NULL);
  g_assert_nonnull (fixture->dir);
  g_setenv ("ROUNDS_DATA_DIR", fixture->dir, TRUE);
  fixture->path = g_build_filename (fixture->dir, "rounds.db", NULL);
  fixture->clock = rounds_clock_new_fake (T0);
  fixture->tz = rounds_time_zone_new ("America/New_York");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  rounds_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->path, g_free);
  g_clear_object (&fixture->clock);
  g_clear_pointer (&fixture->tz, g_time_zone_unref);
}

static RoundsStore *
open_store (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  RoundsStore *store = rounds_store_open (fixture->path, fixture->clock,
                                          ROUNDS_STORE_OPEN_NO_BACKUPS, &error);

  g_assert_no_error (error);
  return store;
}

static JsonObject *
parse (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static RoundsPlanCheck
check_on (int year, int month, int day)
{
  RoundsPlanCheck check = { 0 };

  g_date_clear (&check.today, 1);
  g_date_set_dmy (&check.today, day, month, year);
  return check;
}

/* Asserts that @json fails at @field with a message containing @words. */
static void
assert_refused (RoundsPlanStep  step,
                const char     *json,
                const char     *field,
                const char     *words)
{
  g_autoptr(JsonObject) data = parse (json);
  g_autoptr(GError) error = NULL;
  g_autofree char *where = NULL;
  RoundsPlanCheck check = check_on (2026, 3, 2);

  g_assert_false (rounds_plan_validate (step, data, &check, &where, &error));
  g_assert_error (error, ROUNDS_PLAN_ERROR, ROUNDS_PLAN_ERROR_INVALID);
  g_assert_cmpstr (where, ==, field);
  g_assert_nonnull (strstr (error->message, words));
}

static void
assert_accepted (RoundsPlanStep  step,
                 const char     *json)
{
  g_autoptr(JsonObject) data = parse (json);
  g_autoptr(GError) error = NULL;
  RoundsPlanCheck check = check_on (2026, 3, 2);

  g_assert_true (rounds_plan_validate (step, data, &check, NULL, &error));
  g_assert_no_error (error);
}

/* ------------------------------------------------------------------ */

static void
test_goals_validation (void)
{
  assert_refused (ROUNDS_PLAN_STEP_GOALS, "{}", "goals", "at least one goal");
  assert_refused (ROUNDS_PLAN_STEP_GOALS,
                  "{\"goals\":[{\"kind\":\"engagement\",\"metric\":\"interactions\","
                  "\"baseline\":100,\"target\":130,\"deadline\":\"\"}]}",
                  "goals.0.deadline", "needs a deadline");
  assert_refused (ROUNDS_PLAN_STEP_GOALS,
                  "{\"goals\":[{\"kind\":\"engagement\",\"metric\":\"interactions\","
                  "\"baseline\":100,\"target\":100,\"deadline\":\"2026-09-01\"}]}",
                  "goals.0.target", "higher than");
  assert_refused (ROUNDS_PLAN_STEP_GOALS,
                  "{\"goals\":[{\"kind\":\"bookings\",\"metric\":\"bookings\","
                  "\"baseline\":10,\"target\":12,\"deadline\":\"2026-02-01\"}]}",
                  "goals.0.deadline", "after today");
  assert_refused (ROUNDS_PLAN_STEP_GOALS,
                  "{\"goals\":[{\"kind\":\"bookings\",\"metric\":\"bookings\","
                  "\"baseline\":10,\"target\":12,\"deadline\":\"next spring\"}]}",
                  "goals.0.deadline", "year-month-day");
  assert_refused (ROUNDS_PLAN_STEP_GOALS,
                  "{\"goals\":[{\"kind\":\"bookings\",\"metric\":\"bookings\","
                  "\"baseline\":10,\"target\":12,\"deadline\":\"2026-09-01\"},"
                  "{\"kind\":\"custom\",\"label\":\" \",\"metric\":\"inquiries\","
                  "\"baseline\":1,\"target\":2,\"deadline\":\"2026-09-01\"}]}",
                  "goals.1.label", "name");
  assert_accepted (ROUNDS_PLAN_STEP_GOALS,
                   "{\"goals\":[{\"kind\":\"bookings\",\"metric\":\"bookings\","
                   "\"baseline\":10,\"target\":12,\"deadline\":\"2026-09-01\"}]}");
}

static void
test_goal_suggestion (void)
{
  GDate today, deadline;
  gint64 target = 0;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 2, 3, 2026);

  /* The published case: +30% interactions, +15% bookings in six months. */
  rounds_plan_suggest_target ("interactions", 200, &today, &target, &deadline);
  g_assert_cmpint (target, ==, 260);
  g_assert_cmpint (g_date_get_month (&deadline), ==, 9);
  g_assert_cmpint (g_date_get_day (&deadline), ==, 2);
  g_assert_cmpint (g_date_get_year (&deadline), ==, 2026);

  rounds_plan_suggest_target ("bookings", 40, &today, &target, NULL);
  g_assert_cmpint (target, ==, 46);

  /* Starting from nothing still gives something to aim for. */
  rounds_plan_suggest_target ("bookings", 0, &today, &target, NULL);
  g_assert_cmpint (target, ==, 1);
}

static void
test_audience (void)
{
  g_autoptr(JsonArray) personas = NULL;
  g_autoptr(JsonObject) audience = NULL;
  RoundsNetwork recommended;

  assert_refused (ROUNDS_PLAN_STEP_AUDIENCE, "{\"personas\":[]}", "personas", "at least one");
  assert_refused (ROUNDS_PLAN_STEP_AUDIENCE,
                  "{\"personas\":[{\"name\":\"Parents\",\"age_min\":50,\"age_max\":30,"
                  "\"networks\":[\"facebook\"]}]}", "personas.0.age", "youngest");
  assert_refused (ROUNDS_PLAN_STEP_AUDIENCE,
                  "{\"personas\":[{\"name\":\"Parents\",\"age_min\":30,\"age_max\":50,"
                  "\"networks\":[]}]}", "personas.0.networks", "network");

  /* Every specialty gets suggestions that pass the step's own checks. */
  for (const char * const *s = rounds_practice_specialties (); *s != NULL; s++)
    {
      g_autoptr(JsonObject) data = json_object_new ();
      g_autoptr(GError) error = NULL;
      JsonArray *suggested = rounds_plan_suggest_personas (*s);

      g_autoptr(JsonArray) again = NULL;
      g_autoptr(JsonArray) all = NULL;
      gboolean older = FALSE;

      /* At least three groups, not all of them young. */
      g_assert_cmpuint (json_array_get_length (suggested), >=, 3);
      for (guint i = 0; i < json_array_get_length (suggested); i++)
        older = older || rounds_plan_json_int (json_array_get_object_element (suggested, i),
                                               "age_min", 0) >= 35;
      g_assert_true (older);

      json_object_set_array_member (data, "personas", suggested);
      g_assert_true (rounds_plan_validate (ROUNDS_PLAN_STEP_AUDIENCE, data, NULL, NULL, &error));

      /* Asked again with them in the audience: nothing more to add. */
      again = rounds_plan_suggest_missing_personas (*s, suggested);
      g_assert_cmpuint (json_array_get_length (again), ==, 0);
      all = rounds_plan_suggest_missing_personas (*s, NULL);
      g_assert_cmpuint (json_array_get_length (all), ==, json_array_get_length (suggested));
    }

  /* Networks follow the answers: an older group on Facebook only still
   * gets Google for reviews; a young one brings Instagram. */
  audience = parse ("{\"personas\":[{\"name\":\"Seniors\",\"age_min\":65,\"age_max\":90,"
                    "\"networks\":[\"facebook\"]}]}");
  recommended = rounds_plan_recommend_networks (audience);
  g_assert_cmpint (recommended, ==, ROUNDS_NETWORK_FACEBOOK | ROUNDS_NETWORK_GOOGLE);
  g_clear_pointer (&audience, json_object_unref);
  audience = parse ("{\"personas\":[{\"name\":\"Students\",\"age_min\":18,\"age_max\":25,"
                    "\"networks\":[\"linkedin\"]}]}");
  recommended = rounds_plan_recommend_networks (audience);
  g_assert_cmpint (recommended, ==,
                   ROUNDS_NETWORK_INSTAGRAM | ROUNDS_NETWORK_LINKEDIN | ROUNDS_NETWORK_GOOGLE);
  (void)personas;
}

static void
test_strategy_validation (void)
{
  g_autoptr(JsonObject) defaults = rounds_plan_default_strategy ();
  g_autoptr(GError) error = NULL;

  assert_refused (ROUNDS_PLAN_STEP_STRATEGY,
                  "{\"mix\":{\"education\":50,\"news\":40},\"formats\":[\"text\"],"
                  "\"cadence\":{\"facebook\":2}}", "mix", "adds up to 90%");
  assert_refused (ROUNDS_PLAN_STEP_STRATEGY,
                  "{\"mix\":{\"education\":60,\"news\":50},\"formats\":[\"text\"],"
                  "\"cadence\":{\"facebook\":2}}", "mix", "adds up to 110%");
  assert_refused (ROUNDS_PLAN_STEP_STRATEGY,
                  "{\"mix\":{\"education\":100},\"formats\":[],"
                  "\"cadence\":{\"facebook\":2}}", "formats", "format");
  assert_refused (ROUNDS_PLAN_STEP_STRATEGY,
                  "{\"mix\":{\"education\":100},\"formats\":[\"video\"],"
                  "\"cadence\":{\"facebook\":0}}", "cadence", "at least one post");
  assert_refused (ROUNDS_PLAN_STEP_STRATEGY,
                  "{\"mix\":{\"education\":100},\"formats\":[\"video\"],"
                  "\"cadence\":{\"instagram\":20}}", "cadence.instagram", "0 to 14");
  assert_accepted (ROUNDS_PLAN_STEP_STRATEGY,
                   "{\"mix\":{\"education\":70,\"seasonal\":30},\"formats\":[\"video\"],"
                   "\"cadence\":{\"instagram\":2}}");
  g_assert_true (rounds_plan_validate (ROUNDS_PLAN_STEP_STRATEGY, defaults, NULL, NULL, &error));
}

static void
test_ideas (void)
{
  g_autoptr(GPtrArray) february = rounds_plan_list_ideas ("seasonal", "family_medicine", 2026, 2);
  g_autoptr(GPtrArray) october = rounds_plan_list_ideas ("seasonal", "dentistry", 2026, 10);
  g_autoptr(GPtrArray) dental = rounds_plan_list_ideas ("education", "dentistry", 2026, 2);
  g_autoptr(GPtrArray) skin = rounds_plan_list_ideas ("education", "dermatology", 2026, 2);
  gboolean heart = FALSE, breast = FALSE;

  /* The year's observances by month, with their dates. */
  for (guint i = 0; i < february->len; i++)
    if (strstr (g_ptr_array_index (february, i), "Heart Month") != NULL &&
        strstr (g_ptr_array_index (february, i), "Feb 1") != NULL)
      heart = TRUE;
  for (guint i = 0; i < october->len; i++)
    if (strstr (g_ptr_array_index (october, i), "Breast Cancer") != NULL)
      breast = TRUE;
  g_assert_true (heart);
  g_assert_true (breast);

  /* Each specialty has its own ideas on top of the general ones. */
  g_assert_cmpuint (dental->len, >, 3);
  g_assert_cmpuint (skin->len, >, 3);
  g_assert_cmpstr (g_ptr_array_index (dental, dental->len - 1), !=,
                   g_ptr_array_index (skin, skin->len - 1));
}

static void
test_platforms (void)
{
  g_autoptr(JsonObject) platforms = NULL;
  g_autoptr(GPtrArray) problems = NULL;

  assert_refused (ROUNDS_PLAN_STEP_PLATFORMS, "{\"networks\":{}}", "networks", "at least one");
  assert_refused (ROUNDS_PLAN_STEP_PLATFORMS,
                  "{\"networks\":{\"facebook\":{\"handle\":\"@\",\"display_name\":\"A\"}}}",
                  "networks.facebook.handle", "handle on Facebook");
  assert_refused (ROUNDS_PLAN_STEP_PLATFORMS,
                  "{\"networks\":{\"instagram\":{\"handle\":\"@elm\",\"display_name\":\"\"}}}",
                  "networks.instagram.display_name", "name shown on Instagram");

  /* Same name written differently is fine; a different name or handle
   * is flagged, once per problem. */
  platforms = parse ("{\"networks\":{"
                     "\"facebook\":{\"handle\":\"@ElmClinic\",\"display_name\":\"Elm Street Clinic\"},"
                     "\"instagram\":{\"handle\":\"elmclinic\",\"display_name\":\"elm street clinic!\"},"
                     "\"google\":{\"handle\":\"elm-clinic\",\"display_name\":\"Elm St. Clinic\"}}}");
  problems = rounds_plan_check_consistency (platforms, "Elm Street Clinic");
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 0), "Google Business Profile"));
  g_clear_pointer (&problems, g_ptr_array_unref);
  g_clear_pointer (&platforms, json_object_unref);

  platforms = parse ("{\"networks\":{"
                     "\"facebook\":{\"handle\":\"@ElmClinic\",\"display_name\":\"Elm Street Clinic\"},"
                     "\"instagram\":{\"handle\":\"@elm_clinic_wi\",\"display_name\":\"Elm Street Clinic\"}}}");
  problems = rounds_plan_check_consistency (platforms, "Elm Street Clinic");
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 0), "handles differ"));
}

static void
test_crisis (void)
{
  g_autoptr(JsonObject) crisis = rounds_plan_default_crisis ("608 555 0101", NULL);
  g_autoptr(RoundsComplianceProfile) profile = rounds_compliance_profile_new ();
  RoundsPlanCheck check = check_on (2026, 3, 2);
  g_autoptr(GError) error = NULL;
  g_autofree char *field = NULL;
  JsonArray *templates;

  rounds_compliance_profile_add_phone (profile, "608 555 0101");
  check.scanner = rounds_scanner_get_default ();
  check.profile = profile;

  /* The people must be named. */
  g_assert_false (rounds_plan_validate (ROUNDS_PLAN_STEP_CRISIS, crisis, &check, &field, &error));
  g_assert_cmpstr (field, ==, "watcher");
  g_clear_error (&error);
  g_clear_pointer (&field, g_free);

  json_object_set_string_member (crisis, "watcher", "Front desk");
  json_object_set_string_member (crisis, "replier", "Practice manager");
  json_object_set_string_member (crisis, "approver", "Lead physician");
  json_object_set_string_member (crisis, "privacy_officer", "Office manager");

  /* The built-in templates pass the scanner as review replies. */
  g_assert_true (rounds_plan_validate (ROUNDS_PLAN_STEP_CRISIS, crisis, &check, &field, &error));
  g_assert_no_error (error);

  /* A response time of zero is refused, next to that level. */
  json_object_set_int_member (rounds_plan_json_object (rounds_plan_json_object (crisis, "levels"),
                                                       "privacy_incident"), "hours", 0);
  g_assert_false (rounds_plan_validate (ROUNDS_PLAN_STEP_CRISIS, crisis, &check, &field, &error));
  g_assert_cmpstr (field, ==, "levels.privacy_incident.hours");
  g_clear_error (&error);
  g_clear_pointer (&field, g_free);
  json_object_set_int_member (rounds_plan_json_object (rounds_plan_json_object (crisis, "levels"),
                                                       "privacy_incident"), "hours", 1);

  /* A template that confirms a patient or holds their details is refused. */
  templates = rounds_plan_json_array (crisis, "templates");
  {
    JsonObject *bad = json_object_new ();

    json_object_set_string_member (bad, "title", "Thanks");
    json_object_set_string_member (bad, "text",
                                   "Thank you Maria Gonzalez, we hope your knee surgery on "
                                   "03/14/2025 went well. Call 608 555 0199.");
    json_array_add_object_element (templates, bad);
  }
  g_assert_false (rounds_plan_validate (ROUNDS_PLAN_STEP_CRISIS, crisis, &check, &field, &error));
  g_assert_cmpstr (field, ==, "templates.4.text");
  g_clear_error (&error);

  g_assert_false (rounds_plan_check_template (check.scanner, profile,
                                              "We are glad your root canal with us went well, "
                                              "John Smith!", &error));
  g_assert_error (error, ROUNDS_PLAN_ERROR, ROUNDS_PLAN_ERROR_BLOCKED);
  g_clear_error (&error);

  g_assert_false (rounds_plan_check_template (check.scanner, profile, "   ", &error));
  g_assert_error (error, ROUNDS_PLAN_ERROR, ROUNDS_PLAN_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (rounds_plan_check_template (check.scanner, profile,
                                             "Thank you for your feedback; please call us at "
                                             "608 555 0101.", &error));
  g_assert_no_error (error);
}

static void
test_schedule (void)
{
  guint n = 0;
  const RoundsPlanTask *tasks = rounds_plan_tasks (&n);
  GDate start, today, due;
  guint per_step[ROUNDS_PLAN_N_STEPS] = { 0 };

  /* The published rollout: 1–7 goals (with the profile), 8–14 audience,
   * 15–21 strategy, 22–28 platforms, 29–30 crisis. */
  for (guint i = 0; i < n; i++)
    {
      int lo = 0, hi = 0;

      switch (tasks[i].step)
        {
        case ROUNDS_PLAN_STEP_PROFILE:
        case ROUNDS_PLAN_STEP_GOALS:     lo = 1;  hi = 7;  break;
        case ROUNDS_PLAN_STEP_AUDIENCE:  lo = 8;  hi = 14; break;
        case ROUNDS_PLAN_STEP_STRATEGY:  lo = 15; hi = 21; break;
        case ROUNDS_PLAN_STEP_PLATFORMS: lo = 22; hi = 28; break;
        case ROUNDS_PLAN_STEP_CRISIS:    lo = 29; hi = 30; break;
        }
      g_assert_cmpint (tasks[i].first_day, >=, lo);
      g_assert_cmpint (tasks[i].last_day, <=, hi);
      per_step[tasks[i].step]++;
    }
  for (guint s = 0; s < ROUNDS_PLAN_N_STEPS; s++)
    g_assert_cmpuint (per_step[s], >=, 1);
  g_assert_cmpint (tasks[n - 1].last_day, ==, 30);

  g_date_clear (&start, 1);
  g_date_set_dmy (&start, 2, 3, 2026);
  rounds_plan_task_get_due (rounds_plan_task_lookup ("crisis"), &start, &due);
  g_assert_cmpint (g_date_get_day (&due), ==, 31);
  g_assert_cmpint (g_date_get_month (&due), ==, 3);

  /* Ten days in: the goals are late, the audience is due this week,
   * the strategy is later; ticked is done whatever the date. */
  today = start;
  g_date_add_days (&today, 9);
  g_assert_cmpint (rounds_plan_task_get_state (rounds_plan_task_lookup ("goals"), &start, &today,
                                               FALSE), ==, ROUNDS_PLAN_TASK_OVERDUE);
  g_assert_cmpint (rounds_plan_task_get_state (rounds_plan_task_lookup ("personas"), &start,
                                               &today, FALSE), ==, ROUNDS_PLAN_TASK_DUE_THIS_WEEK);
  g_assert_cmpint (rounds_plan_task_get_state (rounds_plan_task_lookup ("reach"), &start,
                                               &today, FALSE), ==, ROUNDS_PLAN_TASK_DUE_THIS_WEEK);
  g_assert_cmpint (rounds_plan_task_get_state (rounds_plan_task_lookup ("networks"), &start,
                                               &today, FALSE), ==, ROUNDS_PLAN_TASK_UPCOMING);
  g_assert_cmpint (rounds_plan_task_get_state (rounds_plan_task_lookup ("goals"), &start, &today,
                                               TRUE), ==, ROUNDS_PLAN_TASK_DONE);

  /* "Today" is the practice's day: 03:00 UTC on 3 March is still
   * 2 March in New York. */
  {
    g_autoptr(GTimeZone) tz = rounds_time_zone_new ("America/New_York");
    GDate local = rounds_plan_today (tz, 1772506800);

    g_assert_cmpint (g_date_get_day (&local), ==, 2);
  }
}

static void
test_resume_after_restart (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(RoundsStore) store = open_store (fixture);
  g_autoptr(JsonObject) goals = parse ("{\"goals\":[{\"kind\":\"bookings\",\"metric\":\"bookings\","
                                       "\"baseline\":10,\"target\":0,\"deadline\":\"\"}]}");
  g_autoptr(JsonObject) loaded = NULL;
  g_autoptr(GHashTable) done = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  gint64 completed_at = -1;

  /* A half-filled step is kept as typed, not completed. */
  g_assert_true (rounds_store_plan_save_section (store, "goals", goals, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (rounds_store_plan_set_task_done (store, "profile", TRUE, &error));
  g_assert_true (rounds_store_plan_set_value (store, "plan.start", "2026-03-02", &error));
  g_clear_object (&store);

  store = open_store (fixture);
  loaded = rounds_store_plan_load_section (store, "goals", &completed_at, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  g_assert_cmpint (completed_at, ==, 0);
  g_assert_cmpint (rounds_plan_json_int (json_array_get_object_element (
                     rounds_plan_json_array (loaded, "goals"), 0), "baseline", -1), ==, 10);
  done = rounds_store_plan_dup_done_tasks (store, &error);
  g_assert_true (g_hash_table_contains (done, "profile"));
  g_assert_cmpuint (g_hash_table_size (done), ==, 1);
  value = rounds_store_plan_dup_value (store, "plan.start", &error);
  g_assert_cmpstr (value, ==, "2026-03-02");

  /* Never saved: nothing, and no error. */
  g_assert_null (rounds_store_plan_load_section (store, "crisis", NULL, &error));
  g_assert_no_error (error);

  /* Completed keeps its first time; editing it back to invalid clears it. */
  g_assert_true (rounds_store_plan_save_section (store, "goals", goals, TRUE, NULL));
  rounds_clock_advance (fixture->clock, DAY);
  g_assert_true (rounds_store_plan_save_section (store, "goals", goals, TRUE, NULL));
  g_clear_pointer (&loaded, json_object_unref);
  loaded = rounds_store_plan_load_section (store, "goals", &completed_at, NULL);
  g_assert_cmpint (completed_at, ==, T0);
  g_assert_true (rounds_store_plan_save_section (store, "goals", goals, FALSE, NULL));
  g_clear_pointer (&loaded, json_object_unref);
  loaded = rounds_store_plan_load_section (store, "goals", &completed_at, NULL);
  g_assert_cmpint (completed_at, ==, 0);

  /* Unticking by hand is kept too. */
  g_assert_true (rounds_store_plan_set_task_done (store, "profile", FALSE, NULL));
  g_clear_pointer (&done, g_hash_table_unref);
  done = rounds_store_plan_dup_done_tasks (store, NULL);
  g_assert_cmpuint (g_hash_table_size (done), ==, 0);

  /* Keys outside the plan are not the plan's to touch. */
  g_assert_false (rounds_store_plan_set_value (store, "calendar.view", "week", &error));
  g_assert_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID);
}

static guint
count_posts (RoundsStore *store)
{
  return g_list_model_get_n_items (rounds_store_get_posts (store));
}

static void
test_fill_calendar (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(RoundsStore) store = open_store (fixture);
  g_autoptr(JsonObject) strategy =
    parse ("{\"mix\":{\"education\":50,\"team\":25,\"seasonal\":25},\"formats\":[\"image\"],"
           "\"cadence\":{\"facebook\":3,\"instagram\":1}}");
  g_autoptr(GError) error = NULL;
  g_autofree char *batch = NULL;
  GListModel *posts = rounds_store_get_posts (store);
  GHashTable *pillar_counts = g_hash_table_new (g_str_hash, g_str_equal);
  GDate first;
  guint per_week[4][2] = { { 0 } };
  guint n_created = 0, n_deleted = 0;

  batch = rounds_plan_fill_calendar (store, strategy, "dentistry", fixture->tz, &n_created, &error);
  g_assert_no_error (error);
  g_assert_nonnull (batch);

  /* (3 + 1) a week for four weeks; 16 drafts: 8 education, 4 team, 4 seasonal. */
  g_assert_cmpuint (n_created, ==, 16);
  g_assert_cmpuint (count_posts (store), ==, 16);

  first = rounds_plan_today (fixture->tz, T0);
  g_date_add_days (&first, 1);

  for (guint i = 0; i < g_list_model_get_n_items (posts); i++)
    {
      g_autoptr(RoundsPost) post = g_list_model_get_item (posts, i);
      GDate day = rounds_plan_today (fixture->tz, rounds_post_get_scheduled_at (post));
      int offset = g_date_days_between (&first, &day);
      const char *title = rounds_post_get_title (post);
      const char * const *pillars = rounds_plan_pillars ();

      g_assert_cmpint (rounds_post_get_status (post), ==, ROUNDS_POST_STATUS_DRAFT);
      g_assert_cmpint (offset, >=, 0);
      g_assert_cmpint (offset, <, 28);
      if (rounds_post_get_networks (post) == ROUNDS_NETWORK_FACEBOOK)
        per_week[offset / 7][0]++;
      else if (rounds_post_get_networks (post) == ROUNDS_NETWORK_INSTAGRAM)
        per_week[offset / 7][1]++;
      else
        g_assert_not_reached ();

      for (guint p = 0; pillars[p] != NULL; p++)
        if (g_str_has_prefix (title, rounds_plan_pillar_label (pillars[p])))
          g_hash_table_insert (pillar_counts, (gpointer)pillars[p],
                               GUINT_TO_POINTER (GPOINTER_TO_UINT (
                                 g_hash_table_lookup (pillar_counts, pillars[p])) + 1));
    }

  for (guint w = 0; w < 4; w++)
    {
      g_assert_cmpuint (per_week[w][0], ==, 3);
      g_assert_cmpuint (per_week[w][1], ==, 1);
    }
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (pillar_counts, "education")), ==, 8);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (pillar_counts, "team")), ==, 4);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (pillar_counts, "seasonal")), ==, 4);
  g_hash_table_unref (pillar_counts);

  /* The 30-day plan's "Fill the calendar" item is ticked. */
  {
    g_autoptr(GHashTable) done = rounds_store_plan_dup_done_tasks (store, NULL);
    g_assert_true (g_hash_table_contains (done, "calendar"));
  }

  /* Undo removes exactly the fill, and survives a restart in between. */
  g_clear_object (&store);
  store = open_store (fixture);
  {
    g_autofree char *last = rounds_plan_dup_last_fill (store);
    g_assert_cmpstr (last, ==, batch);
  }
  g_assert_true (rounds_plan_undo_fill (store, batch, &n_deleted, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_deleted, ==, 16);
  g_assert_cmpuint (count_posts (store), ==, 0);
  g_assert_null (rounds_plan_dup_last_fill (store));
  {
    g_autoptr(GHashTable) done = rounds_store_plan_dup_done_tasks (store, NULL);
    g_assert_false (g_hash_table_contains (done, "calendar"));
  }

  /* Undone once is undone: a second undo says so and deletes nothing. */
  g_assert_false (rounds_plan_undo_fill (store, batch, &n_deleted, &error));
  g_assert_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_NOT_FOUND);
}

static void
test_fill_keeps_clear_of_posts (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(RoundsStore) store = open_store (fixture);
  g_autoptr(JsonObject) strategy =
    parse ("{\"mix\":{\"education\":100},\"formats\":[\"text\"],\"cadence\":{\"facebook\":7}}");
  g_autoptr(GError) error = NULL;
  g_autofree char *batch = NULL;
  g_autoptr(GHashTable) mine = g_hash_table_new (NULL, NULL);
  GListModel *posts = rounds_store_get_posts (store);
  GDate first = rounds_plan_today (fixture->tz, T0);
  gint64 existing_ids[3];
  guint n_created = 0, n_deleted = 0;

  g_date_add_days (&first, 1);

  /* The user's own posts: Facebook on the first day and the tenth, and an
   * Instagram one on the second day (which does not block Facebook). */
  for (guint i = 0; i < 3; i++)
    {
      static const int days[] = { 0, 9, 1 };
      static const RoundsNetwork networks[] = { ROUNDS_NETWORK_FACEBOOK, ROUNDS_NETWORK_FACEBOOK,
                                                ROUNDS_NETWORK_INSTAGRAM };
      g_autoptr(RoundsPost) post = rounds_post_new ();
      GDate day = first;
      RoundsPost *saved;

      g_date_add_days (&day, days[i]);
      rounds_post_set_title (post, "Own post");
      rounds_post_set_networks (post, networks[i]);
      rounds_post_set_scheduled_at (post, rounds_time_from_local (fixture->tz,
                                                                  g_date_get_year (&day),
                                                                  g_date_get_month (&day),
                                                                  g_date_get_day (&day), 14, 30));
      saved = rounds_store_save_post (store, post, &error);
      g_assert_no_error (error);
      existing_ids[i] = rounds_post_get_id (saved);
    }

  batch = rounds_plan_fill_calendar (store, strategy, "family_medicine", fixture->tz,
                                     &n_created, &error);
  g_assert_no_error (error);

  /* Seven Facebook posts a week: the two existing ones count, so 26. */
  g_assert_cmpuint (n_created, ==, 26);

  for (guint i = 0; i < g_list_model_get_n_items (posts); i++)
    {
      g_autoptr(RoundsPost) post = g_list_model_get_item (posts, i);
      GDate day;
      int offset;

      if (rounds_post_get_id (post) == existing_ids[0] ||
          rounds_post_get_id (post) == existing_ids[1] ||
          rounds_post_get_id (post) == existing_ids[2])
        continue;

      day = rounds_plan_today (fixture->tz, rounds_post_get_scheduled_at (post));
      offset = g_date_days_between (&first, &day);
      g_assert_cmpint (offset, !=, 0);
      g_assert_cmpint (offset, !=, 9);
      /* one a day: no two drafts share a day either */
      g_assert_false (g_hash_table_contains (mine, GINT_TO_POINTER (offset)));
      g_hash_table_add (mine, GINT_TO_POINTER (offset));
    }
  g_assert_cmpuint (g_hash_table_size (mine), ==, 26);

  /* Undo leaves the user's posts, and a draft someone started writing. */
  {
    g_autoptr(RoundsPost) started = NULL;
    RoundsPost *saved;

    for (guint i = 0; i < g_list_model_get_n_items (posts) && started == NULL; i++)
      {
        g_autoptr(RoundsPost) post = g_list_model_get_item (posts, i);

        if (rounds_post_get_id (post) != existing_ids[0] &&
            rounds_post_get_id (post) != existing_ids[1] &&
            rounds_post_get_id (post) != existing_ids[2])
          started = rounds_post_copy (post);
      }
    rounds_post_set_body (started, "Half a post");
    saved = rounds_store_save_post (store, started, &error);
    g_assert_no_error (error);
    g_assert_nonnull (saved);
  }
  g_assert_true (rounds_plan_undo_fill (store, batch, &n_deleted, &error));
  g_assert_cmpuint (n_deleted, ==, 25);
  g_assert_cmpuint (count_posts (store), ==, 4);
  for (guint i = 0; i < 3; i++)
    g_assert_nonnull (rounds_store_lookup_post (store, existing_ids[i]));
}

static void
test_fill_twice_keeps_undo (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(RoundsStore) store = open_store (fixture);
  g_autoptr(JsonObject) facebook =
    parse ("{\"mix\":{\"education\":100},\"formats\":[\"text\"],\"cadence\":{\"facebook\":3}}");
  g_autoptr(JsonObject) both =
    parse ("{\"mix\":{\"education\":100},\"formats\":[\"text\"],"
           "\"cadence\":{\"facebook\":3,\"instagram\":1}}");
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *again = NULL;
  g_autofree char *second = NULL;
  guint n_created = 0, n_deleted = 0;

  first = rounds_plan_fill_calendar (store, facebook, "dentistry", fixture->tz, &n_created, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_created, ==, 12);

  /* Pressed again: nothing to add, and the first fill can still be undone. */
  again = rounds_plan_fill_calendar (store, facebook, "dentistry", fixture->tz, &n_created,
                                     &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_created, ==, 0);
  g_assert_cmpuint (count_posts (store), ==, 12);
  {
    g_autofree char *last = rounds_plan_dup_last_fill (store);
    g_assert_cmpstr (last, ==, first);
  }

  /* A fill that adds something gets its own undo; undoing it brings the
   * earlier fill's undo back, so each press can be taken back in turn. */
  second = rounds_plan_fill_calendar (store, both, "dentistry", fixture->tz, &n_created, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_created, ==, 4);
  {
    g_autofree char *last = rounds_plan_dup_last_fill (store);
    g_assert_cmpstr (last, ==, second);
  }
  g_assert_true (rounds_plan_undo_fill (store, second, &n_deleted, &error));
  g_assert_cmpuint (n_deleted, ==, 4);
  {
    g_autofree char *last = rounds_plan_dup_last_fill (store);
    g_assert_cmpstr (last, ==, first);
    g_autoptr(GHashTable) done = rounds_store_plan_dup_done_tasks (store, NULL);
    g_assert_true (g_hash_table_contains (done, "calendar"));
  }
  g_assert_true (rounds_plan_undo_fill (store, first, &n_deleted, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_deleted, ==, 12);
  g_assert_cmpuint (count_posts (store), ==, 0);
  g_assert_null (rounds_plan_dup_last_fill (store));
}

/* In December, World AIDS Day (1 December) is over: no seasonal draft
 * after it is about it, and no idea is used twice in the four weeks. */
static void
test_fill_seasonal_in_time (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(RoundsStore) store = NULL;
  g_autoptr(JsonObject) strategy =
    parse ("{\"mix\":{\"seasonal\":50,\"education\":50},\"formats\":[\"text\"],"
           "\"cadence\":{\"facebook\":3}}");
  g_autoptr(GError) error = NULL;
  g_autofree char *batch = NULL;
  g_autoptr(GHashTable) titles = g_hash_table_new (g_str_hash, g_str_equal);
  GListModel *posts;
  guint n_created = 0;

  /* Thursday 10 December 2026, 10:00 in New York. */
  rounds_clock_advance (fixture->clock, (gint64)1796914800 - T0);
  store = open_store (fixture);
  posts = rounds_store_get_posts (store);

  batch = rounds_plan_fill_calendar (store, strategy, "family_medicine", fixture->tz,
                                     &n_created, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_created, ==, 12);

  for (guint i = 0; i < g_list_model_get_n_items (posts); i++)
    {
      g_autoptr(RoundsPost) post = g_list_model_get_item (posts, i);
      const char *title = rounds_post_get_title (post);

      g_assert_null (strstr (title, "World AIDS Day"));
      /* A bare pillar name is a placeholder with no idea: not a repeat. */
      if (strchr (title, ':') == NULL)
        continue;
      g_assert_false (g_hash_table_contains (titles, title));
      g_hash_table_add (titles, (gpointer)title);
    }
}

static void
test_fill_refuses_bad_strategy (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(RoundsStore) store = open_store (fixture);
  g_autoptr(JsonObject) strategy =
    parse ("{\"mix\":{\"education\":60},\"formats\":[\"text\"],\"cadence\":{\"facebook\":2}}");
  g_autoptr(GError) error = NULL;
  g_autofree char *batch = NULL;

  batch = rounds_plan_fill_calendar (store, strategy, "other", fixture->tz, NULL, &error);
  g_assert_null (batch);
  g_assert_error (error, ROUNDS_PLAN_ERROR, ROUNDS_PLAN_ERROR_INVALID);
  g_assert_cmpuint (count_posts (store), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/plan/goals/validation", test_goals_validation);
  g_test_add_func ("/plan/goals/suggestion", test_goal_suggestion);
  g_test_add_func ("/plan/audience", test_audience);
  g_test_add_func ("/plan/strategy/validation", test_strategy_validation);
  g_test_add_func ("/plan/strategy/ideas", test_ideas);
  g_test_add_func ("/plan/platforms", test_platforms);
  g_test_add_func ("/plan/crisis", test_crisis);
  g_test_add_func ("/plan/schedule", test_schedule);
  g_test_add ("/plan/store/resume-after-restart", Fixture, NULL, fixture_set_up,
              test_resume_after_restart, fixture_tear_down);
  g_test_add ("/plan/fill/cadence-and-mix", Fixture, NULL, fixture_set_up,
              test_fill_calendar, fixture_tear_down);
  g_test_add ("/plan/fill/keeps-clear-of-posts", Fixture, NULL, fixture_set_up,
              test_fill_keeps_clear_of_posts, fixture_tear_down);
  g_test_add ("/plan/fill/twice-keeps-undo", Fixture, NULL, fixture_set_up,
              test_fill_twice_keeps_undo, fixture_tear_down);
  g_test_add ("/plan/fill/seasonal-in-time", Fixture, NULL, fixture_set_up,
              test_fill_seasonal_in_time, fixture_tear_down);
  g_test_add ("/plan/fill/refuses-bad-strategy", Fixture, NULL, fixture_set_up,
              test_fill_refuses_bad_strategy, fixture_tear_down);

  return g_test_run ();
}
