/* test-time.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "rounds-time.h"
#include "rounds-zone-catalog.h"

/* Practice time: every view shows the practice's own zone, and moving a
 * post to another day keeps its time of day there, also across the
 * daylight-saving changes (America/Chicago: 2026-03-08 02:00 CST → 03:00
 * CDT, 2026-11-01 02:00 CDT → 01:00 CST). */

#define HOUR ((gint64)3600)
#define DAY  ((gint64)86400)

static gint64
utc (int year,
     int month,
     int day,
     int hour,
     int minute)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (year, month, day, hour, minute, 0);

  g_assert_nonnull (dt);
  return g_date_time_to_unix (dt);
}

static void
assert_local (GTimeZone *tz,
              gint64     instant,
              int        year,
              int        month,
              int        day,
              int        hour,
              int        minute)
{
  g_autoptr(GDateTime) local = rounds_time_to_local (tz, instant);

  g_assert_cmpint (g_date_time_get_year (local), ==, year);
  g_assert_cmpint (g_date_time_get_month (local), ==, month);
  g_assert_cmpint (g_date_time_get_day_of_month (local), ==, day);
  g_assert_cmpint (g_date_time_get_hour (local), ==, hour);
  g_assert_cmpint (g_date_time_get_minute (local), ==, minute);
}

static GTimeZone *
chicago (void)
{
  g_assert_true (rounds_time_zone_is_valid ("America/Chicago"));
  return rounds_time_zone_new ("America/Chicago");
}

static void
test_time_zone_valid (void)
{
  g_autoptr(GTimeZone) bad = NULL;
  g_autoptr(GTimeZone) none = NULL;
  g_autoptr(GTimeZone) tz = chicago ();
  gint64 summer = utc (2026, 7, 1, 12, 0);

  g_assert_true (rounds_time_zone_is_valid ("America/Chicago"));
  g_assert_true (rounds_time_zone_is_valid ("Europe/Berlin"));
  g_assert_true (rounds_time_zone_is_valid ("UTC"));
  g_assert_false (rounds_time_zone_is_valid ("Not/AZone"));
  g_assert_false (rounds_time_zone_is_valid ("Mars/Olympus_Mons"));
  g_assert_false (rounds_time_zone_is_valid (""));
  g_assert_false (rounds_time_zone_is_valid (NULL));

  /* A practice with an unknown zone still gets times: in UTC. */
  bad = rounds_time_zone_new ("Not/AZone");
  g_assert_nonnull (bad);
  g_assert_cmpstr (g_time_zone_get_identifier (bad), ==, "UTC");
  assert_local (bad, summer, 2026, 7, 1, 12, 0);

  none = rounds_time_zone_new (NULL);
  g_assert_nonnull (none);
  assert_local (none, summer, 2026, 7, 1, 12, 0);

  /* …while a known one really is that zone. */
  g_assert_cmpstr (g_time_zone_get_identifier (tz), ==, "America/Chicago");
  assert_local (tz, summer, 2026, 7, 1, 7, 0);
}

static void
test_time_offsets (void)
{
  g_autoptr(GTimeZone) tz = chicago ();

  /* The last CST minute and the first CDT minute. */
  assert_local (tz, utc (2026, 3, 8, 7, 59), 2026, 3, 8, 1, 59);
  assert_local (tz, utc (2026, 3, 8, 8, 0), 2026, 3, 8, 3, 0);

  g_assert_cmpint (rounds_time_from_local (tz, 2026, 3, 7, 9, 0), ==, utc (2026, 3, 7, 15, 0));
  g_assert_cmpint (rounds_time_from_local (tz, 2026, 3, 8, 9, 0), ==, utc (2026, 3, 8, 14, 0));
  g_assert_cmpint (rounds_time_from_local (tz, 2026, 10, 31, 9, 0), ==,
                   utc (2026, 10, 31, 14, 0));
  g_assert_cmpint (rounds_time_from_local (tz, 2026, 11, 1, 9, 0), ==, utc (2026, 11, 1, 15, 0));

  /* Out-of-range fields give 0, not some other day. */
  g_assert_cmpint (rounds_time_from_local (tz, 2026, 2, 30, 9, 0), ==, 0);
  g_assert_cmpint (rounds_time_from_local (tz, 2026, 13, 1, 9, 0), ==, 0);
}

static void
test_time_move_to_day_spring (void)
{
  g_autoptr(GTimeZone) tz = chicago ();
  gint64 friday = rounds_time_from_local (tz, 2026, 3, 6, 9, 0);
  gint64 monday;
  gint64 sunday;
  gint64 back;

  g_assert_cmpint (friday, ==, utc (2026, 3, 6, 15, 0));

  /* Friday 09:00 CST dragged to Monday: still 09:00, now CDT. */
  monday = rounds_time_move_to_day (tz, friday, 2026, 3, 9);
  assert_local (tz, monday, 2026, 3, 9, 9, 0);
  g_assert_cmpint (monday, ==, utc (2026, 3, 9, 14, 0));
  g_assert_cmpint (monday - friday, ==, 3 * DAY - HOUR);

  /* Onto the day of the change itself. */
  sunday = rounds_time_move_to_day (tz, friday, 2026, 3, 8);
  assert_local (tz, sunday, 2026, 3, 8, 9, 0);
  g_assert_cmpint (sunday, ==, utc (2026, 3, 8, 14, 0));

  /* And back again. */
  back = rounds_time_move_to_day (tz, monday, 2026, 3, 6);
  g_assert_cmpint (back, ==, friday);

  /* Minutes are kept too. */
  assert_local (tz,
                rounds_time_move_to_day (tz, rounds_time_from_local (tz, 2026, 3, 7, 17, 45),
                                         2026, 3, 10),
                2026, 3, 10, 17, 45);
}

static void
test_time_move_to_day_fall (void)
{
  g_autoptr(GTimeZone) tz = chicago ();
  gint64 friday = rounds_time_from_local (tz, 2026, 10, 30, 9, 0);
  gint64 monday;
  gint64 sunday;

  g_assert_cmpint (friday, ==, utc (2026, 10, 30, 14, 0));

  monday = rounds_time_move_to_day (tz, friday, 2026, 11, 2);
  assert_local (tz, monday, 2026, 11, 2, 9, 0);
  g_assert_cmpint (monday, ==, utc (2026, 11, 2, 15, 0));
  g_assert_cmpint (monday - friday, ==, 3 * DAY + HOUR);

  sunday = rounds_time_move_to_day (tz, friday, 2026, 11, 1);
  assert_local (tz, sunday, 2026, 11, 1, 9, 0);
  g_assert_cmpint (sunday, ==, utc (2026, 11, 1, 15, 0));

  g_assert_cmpint (rounds_time_move_to_day (tz, monday, 2026, 10, 30), ==, friday);
}

static void
test_time_add_days (void)
{
  g_autoptr(GTimeZone) tz = chicago ();
  gint64 sat_spring = rounds_time_from_local (tz, 2026, 3, 7, 9, 0);
  gint64 sat_fall = rounds_time_from_local (tz, 2026, 10, 31, 9, 0);
  gint64 t;

  /* The day of the spring change is 23 hours long, the fall one 25. */
  t = rounds_time_add_days (tz, sat_spring, 1);
  assert_local (tz, t, 2026, 3, 8, 9, 0);
  g_assert_cmpint (t - sat_spring, ==, 23 * HOUR);

  t = rounds_time_add_days (tz, sat_fall, 1);
  assert_local (tz, t, 2026, 11, 1, 9, 0);
  g_assert_cmpint (t - sat_fall, ==, 25 * HOUR);

  /* A week later and a week back across the change. */
  t = rounds_time_add_days (tz, sat_spring, 7);
  assert_local (tz, t, 2026, 3, 14, 9, 0);
  g_assert_cmpint (rounds_time_add_days (tz, t, -7), ==, sat_spring);

  t = rounds_time_add_days (tz, sat_fall, -1);
  assert_local (tz, t, 2026, 10, 30, 9, 0);

  /* Month and year ends. */
  assert_local (tz, rounds_time_add_days (tz, rounds_time_from_local (tz, 2026, 2, 28, 8, 15), 1),
                2026, 3, 1, 8, 15);
  assert_local (tz, rounds_time_add_days (tz, rounds_time_from_local (tz, 2026, 12, 31, 23, 30), 1),
                2027, 1, 1, 23, 30);

  g_assert_cmpint (rounds_time_add_days (tz, sat_spring, 0), ==, sat_spring);
}

static void
test_time_start_of_day (void)
{
  g_autoptr(GTimeZone) tz = chicago ();
  gint64 noon_spring = rounds_time_from_local (tz, 2026, 3, 8, 12, 0);
  gint64 noon_fall = rounds_time_from_local (tz, 2026, 11, 1, 12, 0);
  gint64 start_spring = rounds_time_start_of_day (tz, noon_spring);
  gint64 start_fall = rounds_time_start_of_day (tz, noon_fall);

  g_assert_cmpint (start_spring, ==, utc (2026, 3, 8, 6, 0));
  g_assert_cmpint (start_fall, ==, utc (2026, 11, 1, 5, 0));

  /* The day cells of the calendar have the real lengths. */
  g_assert_cmpint (rounds_time_start_of_day (tz, rounds_time_add_days (tz, noon_spring, 1)) -
                   start_spring, ==, 23 * HOUR);
  g_assert_cmpint (rounds_time_start_of_day (tz, rounds_time_add_days (tz, noon_fall, 1)) -
                   start_fall, ==, 25 * HOUR);

  /* 23:30 practice time is still that day, although it is the next in UTC. */
  g_assert_cmpint (rounds_time_start_of_day (tz, rounds_time_from_local (tz, 2026, 3, 7, 23, 30)),
                   ==, utc (2026, 3, 7, 6, 0));
}

static void
test_time_skipped_hour (void)
{
  g_autoptr(GTimeZone) tz = chicago ();
  gint64 before = rounds_time_from_local (tz, 2026, 3, 8, 1, 59);
  gint64 skipped = rounds_time_from_local (tz, 2026, 3, 8, 2, 30);
  g_autoptr(GDateTime) local = rounds_time_to_local (tz, skipped);

  /* 02:30 does not exist that night: the post lands just after the gap,
   * on the same day, not an hour early. */
  g_assert_cmpint (skipped, >, before);
  g_assert_cmpint (skipped, <=, utc (2026, 3, 8, 8, 30));
  g_assert_cmpint (g_date_time_get_day_of_month (local), ==, 8);
  g_assert_cmpint (g_date_time_get_hour (local), ==, 3);
}

static void
test_time_repeated_hour (void)
{
  g_autoptr(GTimeZone) tz = chicago ();

  /* 01:30 happens twice on 2026-11-01 (CDT, then CST). As documented by
   * rounds_time_from_local(), the first occurrence is taken. */
  g_assert_cmpint (rounds_time_from_local (tz, 2026, 11, 1, 1, 30), ==, utc (2026, 11, 1, 6, 30));
}

static void
assert_format_short (GTimeZone  *tz,
                     gint64      instant,
                     gint64      now,
                     const char *expected)
{
  g_autofree char *text = rounds_time_format_short (tz, instant, now);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_time_format_short (void)
{
  g_autoptr(GTimeZone) tz = chicago ();
  g_autoptr(GTimeZone) utc_tz = rounds_time_zone_new ("UTC");
  gint64 now = rounds_time_from_local (tz, 2026, 3, 7, 20, 0);
  gint64 late = rounds_time_from_local (tz, 2026, 3, 7, 23, 30);
  gint64 after_midnight = rounds_time_from_local (tz, 2026, 3, 8, 0, 30);

  assert_format_short (tz, rounds_time_from_local (tz, 2026, 3, 7, 7, 15), now, "Today 07:15");
  assert_format_short (tz, rounds_time_from_local (tz, 2026, 3, 8, 9, 0), now, "Tomorrow 09:00");
  assert_format_short (tz, rounds_time_from_local (tz, 2026, 3, 6, 14, 30), now,
                       "Yesterday 14:30");
  assert_format_short (tz, rounds_time_from_local (tz, 2026, 3, 12, 9, 0), now,
                       "Thu 12 Mar 09:00");
  assert_format_short (tz, rounds_time_from_local (tz, 2027, 1, 15, 9, 0), now,
                       "Fri 15 Jan 2027 09:00");

  /* Days are practice days: at 23:30 in Chicago (05:30 UTC on the 8th),
   * 00:30 on the 8th is tomorrow, though both are the 8th in UTC. */
  g_assert_cmpint (late / DAY, ==, after_midnight / DAY);
  assert_format_short (tz, after_midnight, late, "Tomorrow 00:30");
  assert_format_short (utc_tz, after_midnight, late, "Today 06:30");
}

/* The ids of the zones of @catalog that @query finds. */
static GPtrArray *
search (GListModel *catalog,
        const char *query)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  guint n = g_list_model_get_n_items (catalog);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RoundsZone) zone = g_list_model_get_item (catalog, i);

      if (rounds_zone_matches (zone, query))
        g_ptr_array_add (ids, g_strdup (rounds_zone_get_id (zone)));
    }

  return ids;
}

static gboolean
has_id (GPtrArray  *ids,
        const char *id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_str_equal (ids->pdata[i], id))
      return TRUE;
  return FALSE;
}

static RoundsZone *
zone_named (GListModel *catalog,
            const char *id)
{
  guint pos = rounds_zone_catalog_find (catalog, id);

  g_assert_cmpuint (pos, !=, G_MAXUINT);
  return g_list_model_get_item (catalog, pos);
}

/* The time-zone picker finds a zone by any part of its city or country,
 * not only by the start of its IANA name. */
static void
test_time_zone_search (void)
{
  g_autoptr(GListModel) catalog = rounds_zone_catalog_new (NULL);
  g_autoptr(GPtrArray) york = search (catalog, "york");
  g_autoptr(GPtrArray) argentina = search (catalog, "argentina");
  g_autoptr(GPtrArray) buenos = search (catalog, "Buenos");
  g_autoptr(GPtrArray) germany = search (catalog, "Germany");
  g_autoptr(GPtrArray) sao = search (catalog, "sao paulo");
  g_autoptr(GPtrArray) sao_accented = search (catalog, "São Paulo");
  g_autoptr(GPtrArray) eastern = search (catalog, "eastern");
  g_autoptr(GPtrArray) two_words = search (catalog, "los angeles");
  g_autoptr(GPtrArray) all = search (catalog, "");
  g_autoptr(GPtrArray) nothing = search (catalog, "Atlantis");
  g_autoptr(RoundsZone) new_york = NULL;
  g_autoptr(RoundsZone) first = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (catalog), >, 300);

  /* In the middle of a name, whatever the case. */
  g_assert_cmpuint (york->len, ==, 1);
  g_assert_cmpstr (york->pdata[0], ==, "America/New_York");

  /* A country finds every zone it has, and nothing else. */
  g_assert_true (has_id (argentina, "America/Argentina/Buenos_Aires"));
  g_assert_true (has_id (argentina, "America/Argentina/Cordoba"));
  g_assert_cmpuint (argentina->len, >=, 10);
  for (guint i = 0; i < argentina->len; i++)
    g_assert_true (g_str_has_prefix (argentina->pdata[i], "America/Argentina/"));

  g_assert_cmpuint (buenos->len, ==, 1);
  g_assert_cmpstr (buenos->pdata[0], ==, "America/Argentina/Buenos_Aires");

  /* A country whose name is in no zone id. */
  g_assert_true (has_id (germany, "Europe/Berlin"));
  g_assert_false (has_id (germany, "Europe/Paris"));

  /* Accents and underscores do not matter; several words all count. */
  g_assert_true (has_id (sao, "America/Sao_Paulo"));
  g_assert_true (has_id (sao_accented, "America/Sao_Paulo"));
  g_assert_true (has_id (two_words, "America/Los_Angeles"));
  g_assert_false (has_id (two_words, "America/New_York"));

  /* The zone database's region note: "Eastern (most areas)". */
  g_assert_true (has_id (eastern, "America/New_York"));

  g_assert_cmpuint (all->len, ==, g_list_model_get_n_items (catalog));
  g_assert_cmpuint (nothing->len, ==, 0);

  /* What the row says. */
  new_york = zone_named (catalog, "America/New_York");
  g_assert_cmpstr (rounds_zone_get_city (new_york), ==, "New York");
  g_assert_cmpstr (rounds_zone_get_country (new_york), ==, "United States");
  g_assert_cmpstr (rounds_zone_get_title (new_york), ==, "New York, United States");

  /* UTC comes first. */
  first = g_list_model_get_item (catalog, 0);
  g_assert_cmpstr (rounds_zone_get_id (first), ==, "UTC");
}

/* Each row shows the zone's UTC offset and its time now, which follow
 * daylight saving. */
static void
test_time_zone_offsets_shown (void)
{
  g_autoptr(GListModel) catalog = rounds_zone_catalog_new (NULL);
  g_autoptr(RoundsZone) new_york = zone_named (catalog, "America/New_York");
  g_autoptr(RoundsZone) kolkata = zone_named (catalog, "Asia/Kolkata");
  g_autoptr(RoundsZone) universal = zone_named (catalog, "UTC");
  gint64 winter = utc (2026, 1, 15, 12, 0);
  gint64 summer = utc (2026, 7, 15, 12, 0);
  g_autofree char *ny_winter = rounds_zone_format_offset (new_york, winter);
  g_autofree char *ny_summer = rounds_zone_format_offset (new_york, summer);
  g_autofree char *ny_time = rounds_zone_format_time (new_york, winter);
  g_autofree char *in_offset = rounds_zone_format_offset (kolkata, winter);
  g_autofree char *in_time = rounds_zone_format_time (kolkata, winter);
  g_autofree char *utc_offset = rounds_zone_format_offset (universal, summer);
  g_autofree char *details = rounds_zone_format_details (new_york, summer);

  g_assert_cmpstr (ny_winter, ==, "UTC\u221205:00");
  g_assert_cmpstr (ny_summer, ==, "UTC\u221204:00");
  g_assert_cmpstr (ny_time, ==, "07:00");
  g_assert_cmpstr (in_offset, ==, "UTC+05:30");
  g_assert_cmpstr (in_time, ==, "17:30");
  g_assert_cmpstr (utc_offset, ==, "UTC+00:00");
  g_assert_nonnull (strstr (details, "UTC\u221204:00"));
  g_assert_nonnull (strstr (details, "08:00"));
  g_assert_nonnull (strstr (details, "Eastern"));
}

/* A zone the tables do not list (an old name a system or a stored
 * practice may use) is added rather than lost; a made-up one is not. */
static void
test_time_zone_catalog_ensure (void)
{
  g_autoptr(GListModel) catalog = rounds_zone_catalog_new (NULL);
  guint n = g_list_model_get_n_items (catalog);
  guint pos;
  g_autoptr(RoundsZone) zone = NULL;

  g_assert_cmpuint (rounds_zone_catalog_find (catalog, "US/Eastern"), ==, G_MAXUINT);
  pos = rounds_zone_catalog_ensure (catalog, "US/Eastern");
  g_assert_cmpuint (pos, !=, G_MAXUINT);
  g_assert_cmpuint (g_list_model_get_n_items (catalog), ==, n + 1);
  zone = g_list_model_get_item (catalog, pos);
  g_assert_cmpstr (rounds_zone_get_id (zone), ==, "US/Eastern");
  g_assert_cmpstr (rounds_zone_get_title (zone), ==, "Eastern");
  g_assert_cmpuint (rounds_zone_catalog_ensure (catalog, "US/Eastern"), ==, pos);

  g_assert_cmpuint (rounds_zone_catalog_ensure (catalog, "Not/A_Zone"), ==, G_MAXUINT);
  g_assert_cmpuint (rounds_zone_catalog_ensure (catalog, "../../etc/passwd"), ==, G_MAXUINT);
  g_assert_cmpuint (g_list_model_get_n_items (catalog), ==, n + 1);
}

/* The button shows the chosen zone before the list is read: a zone made
 * from the tables alone says what the list's row says. */
static void
test_time_zone_lookup (void)
{
  g_autoptr(GListModel) catalog = rounds_zone_catalog_new (NULL);
  const char *ids[] = { "America/New_York", "Europe/Berlin", "America/Argentina/Buenos_Aires",
                        "UTC", "US/Eastern" };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(RoundsZone) alone = rounds_zone_lookup (NULL, ids[i]);
      g_autoptr(RoundsZone) listed = NULL;
      guint pos = rounds_zone_catalog_ensure (catalog, ids[i]);

      g_assert_nonnull (alone);
      g_assert_cmpuint (pos, !=, G_MAXUINT);
      listed = g_list_model_get_item (catalog, pos);
      g_assert_cmpstr (rounds_zone_get_id (alone), ==, ids[i]);
      g_assert_cmpstr (rounds_zone_get_title (alone), ==, rounds_zone_get_title (listed));
      g_assert_cmpstr (rounds_zone_get_country (alone), ==, rounds_zone_get_country (listed));
      g_assert_cmpstr (rounds_zone_get_comment (alone), ==, rounds_zone_get_comment (listed));
    }

  g_assert_null (rounds_zone_lookup (NULL, "Not/A_Zone"));
  g_assert_null (rounds_zone_lookup (NULL, "../../etc/passwd"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/time/zone-valid", test_time_zone_valid);
  g_test_add_func ("/time/offsets", test_time_offsets);
  g_test_add_func ("/time/move-to-day-spring", test_time_move_to_day_spring);
  g_test_add_func ("/time/move-to-day-fall", test_time_move_to_day_fall);
  g_test_add_func ("/time/add-days", test_time_add_days);
  g_test_add_func ("/time/start-of-day", test_time_start_of_day);
  g_test_add_func ("/time/skipped-hour", test_time_skipped_hour);
  g_test_add_func ("/time/format-short", test_time_format_short);
  g_test_add_func ("/time/repeated-hour", test_time_repeated_hour);
  g_test_add_func ("/time/zone-search", test_time_zone_search);
  g_test_add_func ("/time/zone-offsets-shown", test_time_zone_offsets_shown);
  g_test_add_func ("/time/zone-catalog-ensure", test_time_zone_catalog_ensure);
  g_test_add_func ("/time/zone-lookup", test_time_zone_lookup);

  return g_test_run ();
}
