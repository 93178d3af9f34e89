/* test-calendar.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rounds-calendar-geometry.h"
#include "rounds-observances.h"
#include "rounds-store-calendar.h"

#include "test-calendar-util.h"

/* Where a drop lands: position → cell → date/time, both text directions,
 * across daylight-saving changes; and what the store does with a move. */

static void
test_grid_cell_at (void)
{
  RoundsCalendarGrid grid = { 700, 600, 7, 6, FALSE };
  guint column, row;

  g_assert_true (rounds_calendar_grid_cell_at (&grid, 0, 0, &column, &row));
  g_assert_cmpuint (column, ==, 0);
  g_assert_cmpuint (row, ==, 0);
  g_assert_true (rounds_calendar_grid_cell_at (&grid, 150, 250, &column, &row));
  g_assert_cmpuint (column, ==, 1);
  g_assert_cmpuint (row, ==, 2);
  g_assert_true (rounds_calendar_grid_cell_at (&grid, 699.9, 599.9, &column, &row));
  g_assert_cmpuint (column, ==, 6);
  g_assert_cmpuint (row, ==, 5);
  g_assert_false (rounds_calendar_grid_cell_at (&grid, 700, 10, &column, &row));
  g_assert_false (rounds_calendar_grid_cell_at (&grid, -1, 10, &column, &row));
  g_assert_false (rounds_calendar_grid_cell_at (&grid, 10, 600, &column, &row));

  /* Right to left: the week starts on the right. */
  grid.rtl = TRUE;
  g_assert_true (rounds_calendar_grid_cell_at (&grid, 10, 10, &column, &row));
  g_assert_cmpuint (column, ==, 6);
  g_assert_true (rounds_calendar_grid_cell_at (&grid, 690, 10, &column, &row));
  g_assert_cmpuint (column, ==, 0);
  g_assert_true (rounds_calendar_grid_cell_at (&grid, 150, 10, &column, &row));
  g_assert_cmpuint (column, ==, 5);
}

static void
test_grid_bounds_round_trip (void)
{
  for (int rtl = 0; rtl < 2; rtl++)
    {
      RoundsCalendarGrid grid = { 913, 517, 7, 5, rtl };

      for (guint c = 0; c < 7; c++)
        for (guint r = 0; r < 5; r++)
          {
            double x, y, w, h;
            guint column, row;

            rounds_calendar_grid_cell_bounds (&grid, c, r, &x, &y, &w, &h);
            g_assert_cmpfloat (w, >, 100);
            g_assert_cmpfloat (h, >, 100);
            /* The centre and both inner corners (a pixel in) of a cell map back to it. */
            g_assert_true (rounds_calendar_grid_cell_at (&grid, x + w / 2, y + h / 2, &column, &row));
            g_assert_cmpuint (column, ==, c);
            g_assert_cmpuint (row, ==, r);
            g_assert_true (rounds_calendar_grid_cell_at (&grid, x + 1, y + 1, &column, &row));
            g_assert_cmpuint (column, ==, c);
            g_assert_true (rounds_calendar_grid_cell_at (&grid, x + w - 1, y + h - 1, &column, &row));
            g_assert_cmpuint (column, ==, c);
            g_assert_cmpuint (row, ==, r);
          }
    }
}

static void
test_month_grid (void)
{
  GDate day, expect;
  guint column, row;

  g_date_clear (&expect, 1);
  /* February 2026 starts on a Sunday. */
  rounds_calendar_month_first_cell (2026, 2, G_DATE_MONDAY, &day);
  g_date_set_dmy (&expect, 26, 1, 2026);
  g_assert_cmpint (g_date_compare (&day, &expect), ==, 0);
  g_assert_cmpuint (rounds_calendar_month_n_weeks (2026, 2, G_DATE_MONDAY), ==, 5);
  g_assert_cmpuint (rounds_calendar_month_n_weeks (2026, 2, G_DATE_SUNDAY), ==, 4);
  /* August 2026 starts on a Saturday and needs six rows. */
  g_assert_cmpuint (rounds_calendar_month_n_weeks (2026, 8, G_DATE_MONDAY), ==, 6);

  rounds_calendar_month_date_at (2026, 2, G_DATE_MONDAY, 1, 2, &day);
  g_date_set_dmy (&expect, 10, 2, 2026);   /* Tuesday of the third row */
  g_assert_cmpint (g_date_compare (&day, &expect), ==, 0);
  g_assert_true (rounds_calendar_month_cell_of (2026, 2, G_DATE_MONDAY, &expect, &column, &row));
  g_assert_cmpuint (column, ==, 1);
  g_assert_cmpuint (row, ==, 2);

  g_date_set_dmy (&expect, 1, 4, 2026);
  g_assert_false (rounds_calendar_month_cell_of (2026, 2, G_DATE_MONDAY, &expect, NULL, NULL));
}

static void
test_month_drop_keeps_time_across_dst (void)
{
  g_autoptr(GTimeZone) tz = rounds_time_zone_new ("America/Chicago");
  gint64 friday = rounds_time_from_local (tz, 2026, 3, 6, 9, 30);  /* CST */
  GDate monday;
  gint64 moved;

  g_date_clear (&monday, 1);
  g_date_set_dmy (&monday, 9, 3, 2026);                             /* CDT */
  moved = rounds_calendar_month_drop_time (tz, friday, &monday, 9);

  g_assert_cmpint (moved, ==, rounds_time_from_local (tz, 2026, 3, 9, 9, 30));
  /* Three days, less the hour the clocks sprang forward. */
  g_assert_cmpint (moved - friday, ==, 3 * DAY - HOUR);
  g_assert_cmpint (rounds_calendar_minutes_of_utc (tz, moved), ==, 9 * 60 + 30);

  /* And back in autumn (1 November 2026). */
  {
    gint64 oct = rounds_time_from_local (tz, 2026, 10, 30, 17, 0);
    GDate nov;

    g_date_clear (&nov, 1);
    g_date_set_dmy (&nov, 2, 11, 2026);
    moved = rounds_calendar_month_drop_time (tz, oct, &nov, 9);
    g_assert_cmpint (moved - oct, ==, 3 * DAY + HOUR);
    g_assert_cmpint (rounds_calendar_minutes_of_utc (tz, moved), ==, 17 * 60);
  }

  /* A post without a time gets the default hour. */
  moved = rounds_calendar_month_drop_time (tz, 0, &monday, 9);
  g_assert_cmpint (moved, ==, rounds_time_from_local (tz, 2026, 3, 9, 9, 0));
}

static void
test_week_slots (void)
{
  g_autoptr(GTimeZone) tz = rounds_time_zone_new ("America/Chicago");
  GDate day;

  /* 30-minute slots of 24 px: a drop at y = 221 is the slot of 04:30. */
  g_assert_cmpuint (rounds_calendar_slot_at_y (221, 24), ==, 9);
  g_assert_cmpuint (rounds_calendar_slot_at_y (0, 24), ==, 0);
  g_assert_cmpuint (rounds_calendar_slot_at_y (24 * 48 + 50, 24), ==, 47);
  g_assert_cmpuint (rounds_calendar_slot_at_y (-3, 24), ==, 0);
  g_assert_cmpuint (rounds_calendar_slot_of_minutes (9 * 60 + 29), ==, 18);
  g_assert_cmpuint (rounds_calendar_slot_of_minutes (9 * 60 + 30), ==, 19);

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 10, 3, 2026);
  g_assert_cmpint (rounds_calendar_week_drop_time (tz, &day, 19), ==,
                   rounds_time_from_local (tz, 2026, 3, 10, 9, 30));

  /* 02:00 does not exist on 8 March in Chicago: the slot lands on 03:00. */
  g_date_set_dmy (&day, 8, 3, 2026);
  g_assert_cmpint (rounds_calendar_minutes_of_utc (tz, rounds_calendar_week_drop_time (tz, &day, 4)),
                   ==, 3 * 60);
}

/* Alt+arrows: a day keeps the time of day across the clock change, a
 * slot is 30 minutes and crosses midnight. */
static void
test_nudge (void)
{
  g_autoptr(GTimeZone) tz = rounds_time_zone_new ("America/Chicago");
  gint64 sat = rounds_time_from_local (tz, 2026, 3, 7, 9, 0);

  g_assert_cmpint (rounds_calendar_nudge_time (tz, sat, 1, 0), ==,
                   rounds_time_from_local (tz, 2026, 3, 8, 9, 0));
  g_assert_cmpint (rounds_calendar_nudge_time (tz, sat, 1, 0) - sat, ==, 23 * 3600);
  g_assert_cmpint (rounds_calendar_nudge_time (tz, sat, -7, 0), ==,
                   rounds_time_from_local (tz, 2026, 2, 28, 9, 0));
  g_assert_cmpint (rounds_calendar_nudge_time (tz, sat, 0, 1), ==,
                   rounds_time_from_local (tz, 2026, 3, 7, 9, 30));
  g_assert_cmpint (rounds_calendar_nudge_time (tz, sat, 0, -1), ==,
                   rounds_time_from_local (tz, 2026, 3, 7, 8, 30));
  g_assert_cmpint (rounds_calendar_nudge_time (tz, rounds_time_from_local (tz, 2026, 3, 7, 23, 30),
                                               0, 1), ==,
                   rounds_time_from_local (tz, 2026, 3, 8, 0, 0));
  g_assert_cmpint (rounds_calendar_nudge_time (tz, rounds_time_from_local (tz, 2026, 3, 9, 0, 10),
                                               0, -1), ==,
                   rounds_time_from_local (tz, 2026, 3, 8, 23, 30));
}

static void
test_week_start (void)
{
  GDate day, start;

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 4, 3, 2026);   /* a Wednesday */
  rounds_calendar_week_start (&day, G_DATE_MONDAY, &start);
  g_assert_cmpint (g_date_get_day (&start), ==, 2);
  rounds_calendar_week_start (&day, G_DATE_SUNDAY, &start);
  g_assert_cmpint (g_date_get_day (&start), ==, 1);
  rounds_calendar_week_start (&start, G_DATE_SUNDAY, &day);
  g_assert_cmpint (g_date_get_day (&day), ==, 1);
}

static void
test_move_post (CalFixture    *f,
                gconstpointer  data)
{
  RoundsPost *post = cal_add_post (f, cal_local (f, 2026, 3, 6, 9, 0), ROUNDS_POST_STATUS_SCHEDULED);
  gint64 id = rounds_post_get_id (post);
  gint64 target = cal_local (f, 2026, 3, 10, 9, 0);
  g_autoptr(RoundsMoveUndo) undo = NULL;
  g_autoptr(GListModel) audit = NULL;
  g_autoptr(GError) error = NULL;
  gboolean found_moved = FALSE;

  undo = rounds_store_move_post (f->store, id, target, ROUNDS_MOVE_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_nonnull (undo);
  g_assert_cmpint (rounds_post_get_scheduled_at (rounds_store_lookup_post (f->store, id)), ==, target);
  g_assert_cmpint (rounds_post_get_status (rounds_store_lookup_post (f->store, id)), ==,
                   ROUNDS_POST_STATUS_SCHEDULED);

  audit = rounds_store_list_audit (f->store, "post", id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (audit); i++)
    {
      g_autoptr(RoundsAuditEntry) entry = g_list_model_get_item (audit, i);
      if (g_strcmp0 (rounds_audit_entry_get_action (entry), "moved") == 0)
        found_moved = TRUE;
    }
  g_assert_true (found_moved);

  /* Undo puts it back. */
  g_assert_true (rounds_store_undo_move (f->store, undo, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rounds_post_get_scheduled_at (rounds_store_lookup_post (f->store, id)), ==,
                   cal_local (f, 2026, 3, 6, 9, 0));

  /* Survives a reopen: it was written, not only shown. */
  {
    g_autofree char *path = g_strdup (rounds_store_get_path (f->store));
    g_autoptr(RoundsStore) again = NULL;

    g_assert_nonnull ((undo = (rounds_move_undo_free (undo), rounds_store_move_post (f->store, id, target, 0, &error))));
    rounds_store_close (f->store);
    g_clear_object (&f->store);
    again = rounds_store_open (path, f->clock, ROUNDS_STORE_OPEN_NO_BACKUPS, &error);
    g_assert_no_error (error);
    g_assert_cmpint (rounds_post_get_scheduled_at (rounds_store_lookup_post (again, id)), ==, target);
    f->store = g_steal_pointer (&again);
  }
}

/* A post due to be posted by hand, moved to a later time, is no longer
 * due: it shows as scheduled, and the history says why. */
static void
test_move_due_to_future (CalFixture    *f,
                         gconstpointer  data)
{
  RoundsPost *post = cal_add_post (f, cal_local (f, 2026, 3, 2, 7, 0), ROUNDS_POST_STATUS_DUE);
  gint64 id = rounds_post_get_id (post);
  g_autoptr(RoundsMoveUndo) undo = NULL;
  g_autoptr(GListModel) audit = NULL;
  g_autoptr(GError) error = NULL;
  gboolean found = FALSE;

  undo = rounds_store_move_post (f->store, id, cal_local (f, 2026, 3, 5, 9, 0),
                                 ROUNDS_MOVE_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_nonnull (undo);
  g_assert_cmpint (rounds_post_get_status (rounds_store_lookup_post (f->store, id)), ==,
                   ROUNDS_POST_STATUS_SCHEDULED);

  audit = rounds_store_list_audit (f->store, "post", id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (audit); i++)
    {
      g_autoptr(RoundsAuditEntry) entry = g_list_model_get_item (audit, i);

      if (g_strcmp0 (rounds_audit_entry_get_action (entry), "status") == 0 &&
          g_strcmp0 (rounds_audit_entry_get_to_state (entry), "scheduled") == 0)
        found = TRUE;
    }
  g_assert_true (found);

  /* It survives a reopen. */
  {
    g_autofree char *path = g_strdup (rounds_store_get_path (f->store));

    rounds_store_close (f->store);
    g_clear_object (&f->store);
    f->store = rounds_store_open (path, f->clock, ROUNDS_STORE_OPEN_NO_BACKUPS, &error);
    g_assert_no_error (error);
    g_assert_cmpint (rounds_post_get_status (rounds_store_lookup_post (f->store, id)), ==,
                     ROUNDS_POST_STATUS_SCHEDULED);
  }
}

static void
test_move_refused (CalFixture    *f,
                   gconstpointer  data)
{
  RoundsPost *scheduled = cal_add_post (f, cal_local (f, 2026, 3, 6, 9, 0), ROUNDS_POST_STATUS_SCHEDULED);
  RoundsPost *published = cal_add_post (f, cal_local (f, 2026, 3, 1, 9, 0), ROUNDS_POST_STATUS_PUBLISHED);
  RoundsPost *publishing = cal_add_post (f, cal_local (f, 2026, 3, 2, 7, 0), ROUNDS_POST_STATUS_PUBLISHING);
  g_autoptr(GError) error = NULL;
  RoundsMoveUndo *undo;

  undo = rounds_store_move_post (f->store, rounds_post_get_id (scheduled),
                                 cal_local (f, 2026, 3, 1, 9, 0), 0, &error);
  g_assert_null (undo);
  g_assert_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "past"));
  g_clear_error (&error);
  g_assert_cmpint (rounds_post_get_scheduled_at (scheduled), ==, cal_local (f, 2026, 3, 6, 9, 0));

  undo = rounds_store_move_post (f->store, rounds_post_get_id (published),
                                 cal_local (f, 2026, 3, 20, 9, 0), 0, &error);
  g_assert_null (undo);
  g_assert_nonnull (strstr (error->message, "published"));
  g_clear_error (&error);

  undo = rounds_store_move_post (f->store, rounds_post_get_id (publishing),
                                 cal_local (f, 2026, 3, 20, 9, 0), 0, &error);
  g_assert_null (undo);
  g_assert_nonnull (strstr (error->message, "being published"));
  g_assert_cmpint (rounds_post_get_scheduled_at (publishing), ==, cal_local (f, 2026, 3, 2, 7, 0));
}

static void
test_range_items (CalFixture    *f,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) unscheduled = NULL;
  g_autoptr(GError) error = NULL;
  RoundsPost *in = cal_add_post (f, cal_local (f, 2026, 3, 10, 9, 0), ROUNDS_POST_STATUS_SCHEDULED);
  RoundsPost *draft = cal_add_post (f, 0, ROUNDS_POST_STATUS_DRAFT);

  cal_add_post (f, cal_local (f, 2026, 4, 10, 9, 0), ROUNDS_POST_STATUS_SCHEDULED);
  cal_add_post (f, cal_local (f, 2026, 2, 27, 9, 0), ROUNDS_POST_STATUS_PUBLISHED);

  items = rounds_store_list_calendar_items (f->store, f->tz, cal_local (f, 2026, 3, 1, 0, 0),
                                            cal_local (f, 2026, 4, 1, 0, 0), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 1);
  g_assert_true (((RoundsCalendarItem *)items->pdata[0])->post == in);

  unscheduled = rounds_store_list_unscheduled (f->store);
  g_assert_cmpuint (unscheduled->len, ==, 1);
  g_assert_true (unscheduled->pdata[0] == draft);
}


static void
on_range_read_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  RoundsCalendarRange **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = rounds_store_read_calendar_range_finish (ROUNDS_STORE (source), result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (*out);
}

static guint
items_on (RoundsCalendarRange *range,
          CalFixture          *f,
          int                  day)
{
  guint n = 0;

  for (guint i = 0; i < range->items->len; i++)
    {
      RoundsCalendarItem *item = g_ptr_array_index (range->items, i);
      GDate date;

      rounds_calendar_date_of_utc (f->tz, item->when, &date);
      n += g_date_get_month (&date) == 3 && g_date_get_day (&date) == day;
    }
  return n;
}

/* What the month asks for: the first three posts of each day and how
 * many it has, under the status and network filter, on a worker too. */
static void
test_range_day_summary (CalFixture    *f,
                        gconstpointer  data)
{
  g_autoptr(RoundsCalendarQuery) query = NULL;
  g_autoptr(RoundsCalendarRange) range = NULL;
  g_autoptr(RoundsCalendarRange) async_range = NULL;
  g_autoptr(GError) error = NULL;
  RoundsPost *busy[5];
  RoundsPost *draft, *other;
  GDate first;

  /* Five on Tuesday 10 March (after the clocks changed), added out of
   * order; a draft on Instagram on the 11th; one in April, outside. */
  for (int i = 4; i >= 0; i--)
    busy[i] = cal_add_post (f, cal_local (f, 2026, 3, 10, 9 + i, 0), ROUNDS_POST_STATUS_SCHEDULED);
  draft = cal_add_post (f, cal_local (f, 2026, 3, 11, 23, 30), ROUNDS_POST_STATUS_DRAFT);
  {
    g_autoptr(RoundsPost) copy = rounds_post_copy (draft);

    rounds_post_set_networks (copy, ROUNDS_NETWORK_INSTAGRAM);
    g_assert_nonnull (rounds_store_save_post (f->store, copy, &error));
    g_assert_no_error (error);
  }
  cal_add_post (f, cal_local (f, 2026, 4, 10, 9, 0), ROUNDS_POST_STATUS_SCHEDULED);
  /* The last minute of Sunday 1 March is the 1st's, not the 2nd's. */
  other = cal_add_post (f, cal_local (f, 2026, 3, 1, 23, 59), ROUNDS_POST_STATUS_SCHEDULED);

  g_date_clear (&first, 1);
  g_date_set_dmy (&first, 1, 3, 2026);
  query = rounds_calendar_query_new (f->tz, &first, 31, 3);
  range = rounds_store_read_calendar_range (f->store, query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (range->n_days, ==, 31);
  g_assert_cmpuint (range->totals[9], ==, 5);
  g_assert_cmpuint (range->totals[10], ==, 1);
  g_assert_cmpuint (range->totals[0], ==, 1);
  g_assert_cmpuint (range->totals[1], ==, 0);
  g_assert_cmpuint (range->items->len, ==, 5);
  /* By time: the 1st, then the first three of the 10th, then the 11th;
   * the store's own posts. */
  g_assert_true (((RoundsCalendarItem *)range->items->pdata[0])->post == other);
  for (guint i = 0; i < 3; i++)
    g_assert_true (((RoundsCalendarItem *)range->items->pdata[1 + i])->post == busy[i]);
  g_assert_true (((RoundsCalendarItem *)range->items->pdata[4])->post == draft);
  g_assert_cmpuint (items_on (range, f, 10), ==, 3);

  /* The same from a worker with a connection of its own. */
  rounds_store_read_calendar_range_async (f->store, query, NULL, on_range_read_cb, &async_range);
  while (async_range == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (async_range->items->len, ==, range->items->len);
  for (guint i = 0; i < range->items->len; i++)
    g_assert_true (((RoundsCalendarItem *)async_range->items->pdata[i])->post ==
                   ((RoundsCalendarItem *)range->items->pdata[i])->post);
  g_assert_cmpmem (async_range->totals, 31 * sizeof (guint), range->totals, 31 * sizeof (guint));
  g_clear_pointer (&range, rounds_calendar_range_free);

  /* Scheduled only: the draft goes, the 10th keeps its five. */
  query->statuses = 1u << ROUNDS_POST_STATUS_SCHEDULED;
  range = rounds_store_read_calendar_range (f->store, query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (range->totals[10], ==, 0);
  g_assert_cmpuint (range->totals[9], ==, 5);
  g_clear_pointer (&range, rounds_calendar_range_free);

  /* Instagram only, every status: only the draft. */
  query->statuses = (1u << (ROUNDS_POST_STATUS_LAST + 1)) - 1;
  query->networks = ROUNDS_NETWORK_INSTAGRAM;
  range = rounds_store_read_calendar_range (f->store, query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (range->items->len, ==, 1);
  g_assert_cmpuint (range->totals[10], ==, 1);
  g_assert_cmpuint (range->totals[9], ==, 0);
  g_clear_pointer (&range, rounds_calendar_range_free);

  /* Every post of a day when the view asks for all (the week). */
  query->networks = (RoundsNetwork)((1u << ROUNDS_N_NETWORKS) - 1);
  query->per_day = 0;
  range = rounds_store_read_calendar_range (f->store, query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items_on (range, f, 10), ==, 5);
  g_assert_cmpuint (range->items->len, ==, 7);
  g_clear_pointer (&range, rounds_calendar_range_free);
  g_clear_pointer (&query, rounds_calendar_query_free);

  /* One day (the "+N more" popover's): all five. */
  g_date_set_dmy (&first, 10, 3, 2026);
  query = rounds_calendar_query_new (f->tz, &first, 1, 0);
  range = rounds_store_read_calendar_range (f->store, query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (range->items->len, ==, 5);
  g_assert_cmpuint (range->totals[0], ==, 5);
}

static void
test_observances (void)
{
  g_autoptr(GPtrArray) year = rounds_observances_for_year (2026);
  gboolean heart = FALSE, women = FALSE, red = FALSE, men = FALSE, smokeout = FALSE, breast = FALSE;
  GDate from, to;
  g_autoptr(GPtrArray) span = NULL;
  gboolean aids = FALSE, cervical = FALSE, june = FALSE;

  g_assert_cmpuint (year->len, ==, rounds_observances_count ());
  for (guint i = 0; i < year->len; i++)
    {
      RoundsObservance *o = year->pdata[i];

      g_assert_true (g_date_valid (&o->start) && g_date_valid (&o->end));
      g_assert_cmpint (g_date_compare (&o->start, &o->end), <=, 0);
      g_assert_true (o->name != NULL && *o->name != '\0');
      g_assert_true (o->rule != NULL && *o->rule != '\0');
      if (i > 0)
        g_assert_cmpint (g_date_compare (&((RoundsObservance *)year->pdata[i - 1])->start,
                                         &o->start), <=, 0);

#define IS(id_, d1, m1, d2, m2) \
      (g_str_equal (o->id, id_) && g_date_get_day (&o->start) == d1 && \
       g_date_get_month (&o->start) == m1 && g_date_get_day (&o->end) == d2 && \
       g_date_get_month (&o->end) == m2)
      heart |= IS ("american-heart-month", 1, 2, 28, 2);
      women |= IS ("womens-health-week", 10, 5, 16, 5);   /* second Sunday of May 2026 */
      red |= IS ("wear-red-day", 6, 2, 6, 2);             /* first Friday of February */
      men |= IS ("mens-health-week", 15, 6, 21, 6);       /* ends on Father's Day */
      smokeout |= IS ("great-american-smokeout", 19, 11, 19, 11);
      breast |= IS ("breast-cancer-month", 1, 10, 31, 10);
#undef IS
    }
  g_assert_true (heart && women && red && men && smokeout && breast);

  /* A range across the new year. */
  g_date_clear (&from, 1);
  g_date_clear (&to, 1);
  g_date_set_dmy (&from, 28, 11, 2026);
  g_date_set_dmy (&to, 5, 1, 2027);
  span = rounds_observances_for_range (&from, &to);
  for (guint i = 0; i < span->len; i++)
    {
      RoundsObservance *o = span->pdata[i];

      aids |= g_str_equal (o->id, "world-aids-day");
      cervical |= g_str_equal (o->id, "cervical-health-month") && g_date_get_year (&o->start) == 2027;
      june |= g_date_get_month (&o->start) == 6;
    }
  g_assert_true (aids);
  g_assert_true (cervical);
  g_assert_false (june);
}

/* Week chips are two lines tall (an hour): the ones that would cover
 * each other go side by side, the others keep the column's width. */
static void
test_week_lanes (void)
{
  /* Tuesday 09:00, 09:30, 10:00, 10:00, 12:00; Wednesday 09:30. */
  const guint columns[] = { 2, 2, 2, 2, 2, 3 };
  const guint slots[] = { 18, 19, 20, 20, 24, 19 };
  const guint want_lane[] = { 0, 1, 0, 2, 0, 0 };
  const guint want_lanes[] = { 3, 3, 3, 3, 1, 1 };
  guint lane[G_N_ELEMENTS (slots)], lanes[G_N_ELEMENTS (slots)];

  rounds_calendar_week_lanes (columns, slots, G_N_ELEMENTS (slots), 2, lane, lanes);
  for (guint i = 0; i < G_N_ELEMENTS (slots); i++)
    {
      g_assert_cmpuint (lane[i], ==, want_lane[i]);
      g_assert_cmpuint (lanes[i], ==, want_lanes[i]);
    }

  /* One slot each: only the same slot shares. */
  rounds_calendar_week_lanes (columns, slots, G_N_ELEMENTS (slots), 1, lane, lanes);
  g_assert_cmpuint (lanes[0], ==, 1);
  g_assert_cmpuint (lanes[1], ==, 1);
  g_assert_cmpuint (lane[3], ==, 1);
  g_assert_cmpuint (lanes[2], ==, 2);

  /* Nothing to place. */
  rounds_calendar_week_lanes (NULL, NULL, 0, 2, NULL, NULL);
}

/* The drafts pane's posts read with the range on the worker (the
 * Calendar's first switch): those rounds_store_list_unscheduled() lists,
 * in its order, the store's own posts; only when asked for. */
static void
test_range_with_unscheduled (CalFixture    *f,
                             gconstpointer  data)
{
  g_autoptr(RoundsCalendarQuery) query = NULL;
  g_autoptr(RoundsCalendarRange) range = NULL;
  g_autoptr(RoundsCalendarRange) async_range = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GError) error = NULL;
  GDate first;

  cal_add_post (f, cal_local (f, 2026, 3, 10, 9, 0), ROUNDS_POST_STATUS_SCHEDULED);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(RoundsPost) fresh = rounds_post_new ();
      g_autofree char *title = g_strdup_printf ("Undated %u", i);

      rounds_post_set_title (fresh, title);
      rounds_post_set_body (fresh, "Body");
      g_assert_nonnull (rounds_store_save_post (f->store, fresh, &error));
      g_assert_no_error (error);
    }
  listed = rounds_store_list_unscheduled (f->store);
  g_assert_cmpuint (listed->len, ==, 3);

  g_date_clear (&first, 1);
  g_date_set_dmy (&first, 1, 3, 2026);
  query = rounds_calendar_query_new (f->tz, &first, 31, 3);
  range = rounds_store_read_calendar_range (f->store, query, &error);
  g_assert_no_error (error);
  g_assert_null (range->unscheduled);

  query->with_unscheduled = TRUE;
  rounds_store_read_calendar_range_async (f->store, query, NULL, on_range_read_cb, &async_range);
  while (async_range == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (async_range->items->len, ==, 1);
  g_assert_nonnull (async_range->unscheduled);
  g_assert_cmpuint (async_range->unscheduled->len, ==, listed->len);
  for (guint i = 0; i < listed->len; i++)
    g_assert_true (async_range->unscheduled->pdata[i] == listed->pdata[i]);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/calendar/grid/cell-at", test_grid_cell_at);
  g_test_add_func ("/calendar/grid/bounds-round-trip", test_grid_bounds_round_trip);
  g_test_add_func ("/calendar/month/grid", test_month_grid);
  g_test_add_func ("/calendar/month/drop-keeps-time-across-dst", test_month_drop_keeps_time_across_dst);
  g_test_add_func ("/calendar/week/slots", test_week_slots);
  g_test_add_func ("/calendar/week/start", test_week_start);
  g_test_add_func ("/calendar/week/lanes", test_week_lanes);
  g_test_add_func ("/calendar/nudge", test_nudge);
  g_test_add ("/calendar/store/move", CalFixture, NULL, cal_fixture_set_up, test_move_post,
              cal_fixture_tear_down);
  g_test_add ("/calendar/store/move-due-to-future", CalFixture, NULL, cal_fixture_set_up,
              test_move_due_to_future, cal_fixture_tear_down);
  g_test_add ("/calendar/store/move-refused", CalFixture, NULL, cal_fixture_set_up,
              test_move_refused, cal_fixture_tear_down);
  g_test_add ("/calendar/store/range", CalFixture, NULL, cal_fixture_set_up, test_range_items,
              cal_fixture_tear_down);
  g_test_add ("/calendar/store/day-summary", CalFixture, NULL, cal_fixture_set_up,
              test_range_day_summary, cal_fixture_tear_down);
  g_test_add ("/calendar/store/range-with-unscheduled", CalFixture, NULL, cal_fixture_set_up,
              test_range_with_unscheduled, cal_fixture_tear_down);
  g_test_add_func ("/calendar/observances", test_observances);

  return g_test_run ();
}
