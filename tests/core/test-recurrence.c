/* test-recurrence.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rounds-recurrence.h"
#include "rounds-store-calendar.h"

#include "test-calendar-util.h"

/* Recurring posts: weekly and monthly rules with a count or an end date,
 * occurrences keep their time of day across daylight saving, and moving
 * one occurrence or the rest of a series splits it in the store. */

static void
test_weekly_count_across_dst (void)
{
  g_autoptr(GTimeZone) tz = rounds_time_zone_new ("America/Chicago");
  g_autoptr(RoundsRecurrence) rule = rounds_recurrence_new (ROUNDS_RECURRENCE_WEEKLY, 1);
  gint64 start = rounds_time_from_local (tz, 2026, 3, 2, 9, 0);
  g_autoptr(GArray) all = NULL;

  rule->count = 4;
  all = rounds_recurrence_expand (rule, tz, start, 0, G_MAXINT64);
  g_assert_cmpuint (all->len, ==, 4);
  for (guint i = 0; i < all->len; i++)
    {
      g_autoptr(GDateTime) local = rounds_time_to_local (tz, g_array_index (all, gint64, i));

      g_assert_cmpint (g_date_time_get_hour (local), ==, 9);
      g_assert_cmpint (g_date_time_get_minute (local), ==, 0);
      g_assert_cmpint (g_date_time_get_day_of_month (local), ==, 2 + 7 * (int)i);
    }
  /* 2 → 9 March crosses the change: one hour short of a week in UTC. */
  g_assert_cmpint (g_array_index (all, gint64, 1) - g_array_index (all, gint64, 0), ==,
                   7 * DAY - HOUR);
  g_assert_cmpint (rounds_recurrence_index_of (rule, tz, start, g_array_index (all, gint64, 2)),
                   ==, 2);
  g_assert_cmpint (rounds_recurrence_nth (rule, tz, start, 4), ==, 0);
}

static void
test_monthly_until_and_short_months (void)
{
  g_autoptr(GTimeZone) tz = rounds_time_zone_new ("America/Chicago");
  g_autoptr(RoundsRecurrence) rule = rounds_recurrence_new (ROUNDS_RECURRENCE_MONTHLY, 1);
  gint64 start = rounds_time_from_local (tz, 2026, 1, 31, 12, 0);
  g_autoptr(GArray) all = NULL;

  /* The 31st: February, April and June have none and are skipped. */
  rule->until = rounds_time_from_local (tz, 2026, 7, 31, 12, 0);
  all = rounds_recurrence_expand (rule, tz, start, 0, G_MAXINT64);
  g_assert_cmpuint (all->len, ==, 4);   /* Jan, Mar, May, Jul: until is inclusive */
  {
    static const int months[] = { 1, 3, 5, 7 };
    for (guint i = 0; i < 4; i++)
      {
        g_autoptr(GDateTime) local = rounds_time_to_local (tz, g_array_index (all, gint64, i));
        g_assert_cmpint (g_date_time_get_month (local), ==, months[i]);
        g_assert_cmpint (g_date_time_get_day_of_month (local), ==, 31);
      }
  }
}

static void
test_monthly_count_counts_real_occurrences (void)
{
  g_autoptr(GTimeZone) tz = rounds_time_zone_new ("America/Chicago");
  g_autoptr(RoundsRecurrence) rule = rounds_recurrence_new (ROUNDS_RECURRENCE_MONTHLY, 1);
  gint64 start = rounds_time_from_local (tz, 2026, 1, 31, 12, 0);
  g_autoptr(GArray) all = NULL;

  rule->count = 3;   /* as RFC 5545: 31 Jan, 31 Mar, 31 May */
  all = rounds_recurrence_expand (rule, tz, start, 0, G_MAXINT64);
  g_assert_cmpuint (all->len, ==, 3);
  {
    g_autoptr(GDateTime) last = rounds_time_to_local (tz, g_array_index (all, gint64, 2));
    g_assert_cmpint (g_date_time_get_month (last), ==, 5);
  }
}

static void
test_expand_range_and_exdates (void)
{
  g_autoptr(GTimeZone) tz = rounds_time_zone_new ("UTC");
  g_autoptr(RoundsRecurrence) rule = rounds_recurrence_new (ROUNDS_RECURRENCE_WEEKLY, 2);
  gint64 start = rounds_time_from_local (tz, 2026, 1, 5, 9, 0);
  g_autoptr(GArray) some = NULL;

  /* Every second week, no end: what falls in March 2026. */
  rounds_recurrence_exclude (rule, rounds_time_from_local (tz, 2026, 3, 16, 9, 0));
  some = rounds_recurrence_expand (rule, tz, start, rounds_time_from_local (tz, 2026, 3, 1, 0, 0),
                                   rounds_time_from_local (tz, 2026, 4, 1, 0, 0));
  g_assert_cmpuint (some->len, ==, 2);  /* 2 and 30 March; the 16th was taken out */
  g_assert_cmpint (g_array_index (some, gint64, 0), ==, rounds_time_from_local (tz, 2026, 3, 2, 9, 0));
  g_assert_cmpint (g_array_index (some, gint64, 1), ==, rounds_time_from_local (tz, 2026, 3, 30, 9, 0));
}

static void
test_json_round_trip (void)
{
  g_autoptr(RoundsRecurrence) rule = rounds_recurrence_new (ROUNDS_RECURRENCE_MONTHLY, 3);
  g_autoptr(RoundsRecurrence) back = NULL;
  g_autofree char *json = NULL;
  g_autofree char *rrule = NULL;
  g_autoptr(GError) error = NULL;

  rule->count = 6;
  rounds_recurrence_exclude (rule, 1780000000);
  json = rounds_recurrence_to_json (rule);
  back = rounds_recurrence_from_json (json, &error);
  g_assert_no_error (error);
  g_assert_cmpint (back->freq, ==, ROUNDS_RECURRENCE_MONTHLY);
  g_assert_cmpuint (back->interval, ==, 3);
  g_assert_cmpuint (back->count, ==, 6);
  g_assert_true (rounds_recurrence_is_excluded (back, 1780000000));

  rrule = rounds_recurrence_to_rrule (rule);
  g_assert_cmpstr (rrule, ==, "FREQ=MONTHLY;INTERVAL=3;COUNT=6");

  g_assert_null (rounds_recurrence_from_json ("{\"freq\":\"daily\"}", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_null (rounds_recurrence_from_json ("not json", &error));
  g_assert_nonnull (error);
}

static RoundsPost *
add_series (CalFixture *f,
            guint       count)
{
  RoundsPost *post = cal_add_post (f, cal_local (f, 2026, 3, 3, 9, 0), ROUNDS_POST_STATUS_SCHEDULED);
  g_autoptr(RoundsRecurrence) rule = rounds_recurrence_new (ROUNDS_RECURRENCE_WEEKLY, 1);
  g_autoptr(GError) error = NULL;

  rule->count = count;
  g_assert_true (rounds_store_set_recurrence (f->store, rounds_post_get_id (post), rule, &error));
  g_assert_no_error (error);
  return post;
}

static guint
count_items (CalFixture *f)
{
  g_autoptr(GPtrArray) items = rounds_store_list_calendar_items (f->store, f->tz,
                                                                 cal_local (f, 2026, 3, 1, 0, 0),
                                                                 cal_local (f, 2026, 5, 1, 0, 0),
                                                                 NULL);
  return items->len;
}

static void
test_store_series_shows_occurrences (CalFixture    *f,
                                     gconstpointer  data)
{
  add_series (f, 5);
  g_assert_cmpuint (count_items (f), ==, 5);
}

static void
test_move_only_this (CalFixture    *f,
                     gconstpointer  data)
{
  RoundsPost *series = add_series (f, 5);
  gint64 third = cal_local (f, 2026, 3, 17, 9, 0);
  gint64 target = cal_local (f, 2026, 3, 18, 11, 0);
  g_autoptr(RoundsMoveUndo) undo = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RoundsRecurrence) rule = NULL;
  RoundsPost *split;

  undo = rounds_store_move_occurrence (f->store, rounds_post_get_id (series), third, target,
                                       ROUNDS_MOVE_SCOPE_THIS, &error);
  g_assert_no_error (error);
  g_assert_nonnull (undo);

  split = rounds_store_lookup_post (f->store, rounds_move_undo_get_post_id (undo));
  g_assert_nonnull (split);
  g_assert_true (split != series);
  g_assert_cmpint (rounds_post_get_scheduled_at (split), ==, target);
  g_assert_cmpint (rounds_store_get_series_id (f->store, rounds_post_get_id (split)), ==,
                   rounds_post_get_id (series));
  rule = rounds_store_dup_recurrence (f->store, rounds_post_get_id (series));
  g_assert_true (rounds_recurrence_is_excluded (rule, third));
  /* Still five on the calendar: four in the series, one on its own. */
  g_assert_cmpuint (count_items (f), ==, 5);
  g_assert_cmpint (rounds_post_get_scheduled_at (series), ==, cal_local (f, 2026, 3, 3, 9, 0));

  g_assert_true (rounds_store_undo_move (f->store, undo, &error));
  g_assert_no_error (error);
  g_assert_null (rounds_store_lookup_post (f->store, rounds_move_undo_get_post_id (undo)));
  g_clear_pointer (&rule, rounds_recurrence_free);
  rule = rounds_store_dup_recurrence (f->store, rounds_post_get_id (series));
  g_assert_false (rounds_recurrence_is_excluded (rule, third));
  g_assert_cmpuint (count_items (f), ==, 5);
}

static void
test_move_this_and_following (CalFixture    *f,
                              gconstpointer  data)
{
  RoundsPost *series = add_series (f, 5);
  gint64 third = cal_local (f, 2026, 3, 17, 9, 0);
  gint64 target = cal_local (f, 2026, 3, 19, 10, 30);
  g_autoptr(RoundsMoveUndo) undo = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RoundsRecurrence) old_rule = NULL;
  g_autoptr(RoundsRecurrence) new_rule = NULL;
  g_autoptr(GPtrArray) items = NULL;
  gint64 new_id;

  undo = rounds_store_move_occurrence (f->store, rounds_post_get_id (series), third, target,
                                       ROUNDS_MOVE_SCOPE_FOLLOWING, &error);
  g_assert_no_error (error);
  new_id = rounds_move_undo_get_post_id (undo);
  old_rule = rounds_store_dup_recurrence (f->store, rounds_post_get_id (series));
  new_rule = rounds_store_dup_recurrence (f->store, new_id);
  g_assert_cmpuint (old_rule->count, ==, 2);
  g_assert_cmpuint (new_rule->count, ==, 3);

  items = rounds_store_list_calendar_items (f->store, f->tz, cal_local (f, 2026, 3, 1, 0, 0),
                                            cal_local (f, 2026, 5, 1, 0, 0), NULL);
  g_assert_cmpuint (items->len, ==, 5);
  /* The last three are on Thursdays at 10:30. */
  for (guint i = 2; i < 5; i++)
    {
      RoundsCalendarItem *item = items->pdata[i];
      g_autoptr(GDateTime) local = rounds_time_to_local (f->tz, item->when);

      g_assert_cmpint (g_date_time_get_day_of_week (local), ==, 4);
      g_assert_cmpint (g_date_time_get_hour (local), ==, 10);
      g_assert_cmpint (g_date_time_get_minute (local), ==, 30);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/recurrence/weekly-count-across-dst", test_weekly_count_across_dst);
  g_test_add_func ("/recurrence/monthly-until-short-months", test_monthly_until_and_short_months);
  g_test_add_func ("/recurrence/monthly-count", test_monthly_count_counts_real_occurrences);
  g_test_add_func ("/recurrence/expand-range-exdates", test_expand_range_and_exdates);
  g_test_add_func ("/recurrence/json", test_json_round_trip);
  g_test_add ("/recurrence/store/occurrences", CalFixture, NULL, cal_fixture_set_up,
              test_store_series_shows_occurrences, cal_fixture_tear_down);
  g_test_add ("/recurrence/store/move-only-this", CalFixture, NULL, cal_fixture_set_up,
              test_move_only_this, cal_fixture_tear_down);
  g_test_add ("/recurrence/store/move-this-and-following", CalFixture, NULL, cal_fixture_set_up,
              test_move_this_and_following, cal_fixture_tear_down);

  return g_test_run ();
}
