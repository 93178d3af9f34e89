/* test-insights-import.c — CSV import, manual entry, UTM tags, collector
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>

#include "core-test-util.h"
#include "rounds-connector.h"
#include "rounds-insights.h"
#include "rounds-insights-import.h"
#include "rounds-metrics-collector.h"
#include "rounds-store-insights.h"
#include "rounds-time.h"
#include "rounds-utm.h"

typedef struct
{
  char        *dir;
  RoundsClock *clock;
  RoundsStore *store;
  GTimeZone   *tz;
} Fixture;

static guint32
jd (int y, int m, int d)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, d, m, y);
  return g_date_get_julian (&date);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("rounds-import-XXXXXX", NULL);
  path = g_build_filename (f->dir, "rounds.db", NULL);
  f->tz = rounds_time_zone_new ("America/Chicago");
  /* Sunday 15 March 2026, 18:00 in Chicago. */
  f->clock = rounds_clock_new_fake (rounds_time_from_local (f->tz, 2026, 3, 15, 18, 0));
  f->store = rounds_store_open (path, f->clock, ROUNDS_STORE_OPEN_NO_BACKUPS, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  rounds_store_close (f->store);
  g_clear_object (&f->store);
  g_clear_object (&f->clock);
  g_time_zone_unref (f->tz);
  rounds_test_remove_tree (f->dir);
  g_free (f->dir);
}

static RoundsInsightsCsv *
load_csv (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "insights", name, NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  RoundsInsightsCsv *csv;

  g_assert_true (g_file_get_contents (path, &text, &length, &error));
  csv = rounds_insights_csv_parse (text, length, &error);
  g_assert_no_error (error);
  return csv;
}

static RoundsMeasuredPost *
find_post (RoundsInsightsData *data,
           const char         *remote_id)
{
  for (guint i = 0; i < data->posts->len; i++)
    if (g_str_equal (((RoundsMeasuredPost *)data->posts->pdata[i])->remote_id, remote_id))
      return data->posts->pdata[i];
  return NULL;
}

static void
test_facebook_export (Fixture       *f,
                      gconstpointer  unused)
{
  g_autoptr(RoundsInsightsCsv) csv = load_csv ("facebook-posts.csv");
  g_autoptr(GHashTable) mapping = rounds_import_guess_mapping (ROUNDS_IMPORT_POSTS,
                                                               ROUNDS_NETWORK_FACEBOOK,
                                                               (const char * const *)csv->header);
  g_auto(GStrv) missing = rounds_import_missing_fields (ROUNDS_IMPORT_POSTS, mapping);
  g_autoptr(GError) error = NULL;
  g_autoptr(RoundsInsightsData) data = NULL;
  RoundsMeasuredPost *first, *second;
  guint n_rows = 0;

  /* The byte-order mark and CRLF are handled; the documented columns map. */
  g_assert_cmpstr (csv->header[0], ==, "Post ID");
  g_assert_cmpuint (csv->rows->len, ==, 2);
  g_assert_cmpstr (missing[0], ==, NULL);
  g_assert_cmpstr (g_hash_table_lookup (mapping, "likes"), ==, "Reactions");
  g_assert_cmpstr (g_hash_table_lookup (mapping, "published_at"), ==, "Publish time");

  g_assert_true (rounds_import_csv (f->store, ROUNDS_IMPORT_POSTS, ROUNDS_NETWORK_FACEBOOK, csv,
                                    mapping, f->tz, jd (2026, 3, 15), &n_rows, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_rows, ==, 2);

  data = rounds_store_load_insights (f->store, &error);
  g_assert_no_error (error);
  first = find_post (data, "111_1");
  second = find_post (data, "111_2");
  g_assert_nonnull (first);
  g_assert_nonnull (second);
  /* "1,200" is a number; 12:00 is practice time (Chicago, UTC−6). */
  g_assert_cmpint (rounds_measured_post_get (first, "impressions"), ==, 1200);
  g_assert_cmpint (rounds_insights_post_interactions (first), ==, 40);
  g_assert_cmpstr (first->format, ==, "image");
  g_assert_cmpint (first->published_at, ==, rounds_time_from_local (f->tz, 2026, 3, 3, 12, 0));
  /* An empty cell is a gap, not a zero. */
  g_assert_cmpint (rounds_measured_post_get (second, "shares"), ==, -1);
  g_assert_cmpstr (second->format, ==, "video");

  /* Importing the same export again on the same day changes nothing. */
  g_assert_true (rounds_import_csv (f->store, ROUNDS_IMPORT_POSTS, ROUNDS_NETWORK_FACEBOOK, csv,
                                    mapping, f->tz, jd (2026, 3, 15), NULL, NULL, &error));
  g_clear_pointer (&data, rounds_insights_data_free);
  data = rounds_store_load_insights (f->store, &error);
  g_assert_cmpuint (data->posts->len, ==, 2);
}

static void
test_bad_rows_refused (Fixture       *f,
                       gconstpointer  unused)
{
  g_autoptr(RoundsInsightsCsv) csv = load_csv ("instagram-bad.csv");
  g_autoptr(GHashTable) mapping = rounds_import_guess_mapping (ROUNDS_IMPORT_POSTS,
                                                               ROUNDS_NETWORK_INSTAGRAM,
                                                               (const char * const *)csv->header);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RoundsInsightsData) data = NULL;
  g_autofree char *report = NULL;

  g_assert_false (rounds_import_csv (f->store, ROUNDS_IMPORT_POSTS, ROUNDS_NETWORK_INSTAGRAM, csv,
                                     mapping, f->tz, jd (2026, 3, 15), NULL, &problems, &error));
  g_assert_error (error, ROUNDS_IMPORT_ERROR, ROUNDS_IMPORT_ERROR_BAD_ROWS);
  g_assert_nonnull (problems);
  /* Line 3: the time and the likes; line 4: the same post again, −3 likes. */
  g_assert_cmpuint (problems->len, ==, 4);

  report = rounds_import_problems_describe (problems);
  g_assert_nonnull (strstr (report, "Line 3, “Publish time”"));
  g_assert_nonnull (strstr (report, "Line 3, “Likes”: not a whole number of 0 or more"));
  g_assert_nonnull (strstr (report, "Line 4, “Post ID”: the same post is listed twice"));
  g_assert_nonnull (strstr (report, "Line 4, “Likes”"));
  /* The report never repeats what was in the cells. */
  g_assert_null (strstr (report, "yesterday"));
  g_assert_null (strstr (report, "forty"));
  g_assert_null (strstr (report, "Allergy"));

  /* Refused whole: not even the good first row is in. */
  data = rounds_store_load_insights (f->store, &error);
  g_assert_cmpuint (data->posts->len, ==, 0);
}

static void
test_mapping_step (Fixture       *f,
                   gconstpointer  unused)
{
  g_autoptr(RoundsInsightsCsv) csv = load_csv ("linkedin-renamed.csv");
  g_autoptr(GHashTable) mapping = rounds_import_guess_mapping (ROUNDS_IMPORT_POSTS,
                                                               ROUNDS_NETWORK_LINKEDIN,
                                                               (const char * const *)csv->header);
  g_auto(GStrv) missing = rounds_import_missing_fields (ROUNDS_IMPORT_POSTS, mapping);
  g_autoptr(GError) error = NULL;
  g_autoptr(RoundsInsightsData) data = NULL;
  RoundsMeasuredPost *post;

  /* Metrics are found by their documented names; the ID and date are not. */
  g_assert_cmpstr (g_hash_table_lookup (mapping, "shares"), ==, "Reposts");
  g_assert_cmpuint (g_strv_length (missing), ==, 2);
  g_assert_true (g_strv_contains ((const char * const *)missing, "remote_id"));
  g_assert_true (g_strv_contains ((const char * const *)missing, "published_at"));
  g_assert_false (rounds_import_csv (f->store, ROUNDS_IMPORT_POSTS, ROUNDS_NETWORK_LINKEDIN, csv,
                                     mapping, f->tz, jd (2026, 3, 15), NULL, NULL, &error));
  g_assert_error (error, ROUNDS_IMPORT_ERROR, ROUNDS_IMPORT_ERROR_NEEDS_MAPPING);
  g_clear_error (&error);

  /* A column that is not in the file is refused too. */
  g_hash_table_insert (mapping, g_strdup ("remote_id"), g_strdup ("Permalink"));
  g_hash_table_insert (mapping, g_strdup ("published_at"), g_strdup ("Date posted"));
  g_assert_false (rounds_import_csv (f->store, ROUNDS_IMPORT_POSTS, ROUNDS_NETWORK_LINKEDIN, csv,
                                     mapping, f->tz, jd (2026, 3, 15), NULL, NULL, &error));
  g_assert_error (error, ROUNDS_IMPORT_ERROR, ROUNDS_IMPORT_ERROR_NEEDS_MAPPING);
  g_clear_error (&error);

  /* The user's choice in the mapping step. */
  g_hash_table_insert (mapping, g_strdup ("remote_id"), g_strdup ("Link"));
  g_hash_table_insert (mapping, g_strdup ("title"), g_strdup ("Headline"));
  g_assert_true (rounds_import_csv (f->store, ROUNDS_IMPORT_POSTS, ROUNDS_NETWORK_LINKEDIN, csv,
                                    mapping, f->tz, jd (2026, 3, 15), NULL, NULL, &error));
  g_assert_no_error (error);
  data = rounds_store_load_insights (f->store, &error);
  post = find_post (data, "https://linkedin.example/update/1");
  g_assert_nonnull (post);
  g_assert_cmpstr (post->title, ==, "Hiring");
  /* LinkedIn counts clicks as interactions: 12 + 1 + 2 + 30. */
  g_assert_cmpint (rounds_insights_post_interactions (post), ==, 45);
}

static void
test_analytics (Fixture       *f,
                gconstpointer  unused)
{
  g_autoptr(RoundsInsightsCsv) csv = load_csv ("ga4-traffic.csv");
  g_autoptr(GHashTable) mapping = rounds_import_guess_mapping (ROUNDS_IMPORT_ANALYTICS,
                                                               ROUNDS_NETWORK_NONE,
                                                               (const char * const *)csv->header);
  g_autoptr(GError) error = NULL;
  g_autoptr(RoundsInsightsData) data = NULL;
  g_autoptr(GArray) roi = NULL;

  g_assert_cmpstr (csv->start_date, ==, "2026-03-01");
  g_assert_true (rounds_import_csv (f->store, ROUNDS_IMPORT_ANALYTICS, ROUNDS_NETWORK_NONE, csv,
                                    mapping, f->tz, jd (2026, 2, 1), NULL, NULL, &error));
  g_assert_no_error (error);

  data = rounds_store_load_insights (f->store, &error);
  /* The totals line has no source and is skipped. */
  g_assert_cmpuint (data->web->len, ==, 3);
  g_assert_cmpint (g_array_index (data->web, RoundsWebEntry, 0).day, ==, jd (2026, 3, 1));

  /* Sessions from social media in March: facebook 40 + instagram 10. */
  roi = rounds_insights_roi (data, jd (2026, 3, 1), jd (2026, 3, 1), NULL, 2500, 0, f->tz);
  g_assert_cmpint (g_array_index (roi, RoundsRoiMonth, 0).sessions, ==, 50);
  g_assert_cmpint (g_array_index (roi, RoundsRoiMonth, 0).conversions, ==, 4);
}

static void
test_results (Fixture       *f,
              gconstpointer  unused)
{
  g_autoptr(RoundsInsightsCsv) good = load_csv ("results.csv");
  g_autoptr(RoundsInsightsCsv) bad = load_csv ("results-bad.csv");
  g_autoptr(GHashTable) mapping = rounds_import_guess_mapping (ROUNDS_IMPORT_RESULTS,
                                                               ROUNDS_NETWORK_NONE,
                                                               (const char * const *)good->header);
  g_autoptr(GHashTable) bad_mapping = rounds_import_guess_mapping (ROUNDS_IMPORT_RESULTS,
                                                                   ROUNDS_NETWORK_NONE,
                                                                   (const char * const *)bad->header);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RoundsInsightsData) data = NULL;
  gint64 inquiries = 0;

  g_assert_false (rounds_import_csv (f->store, ROUNDS_IMPORT_RESULTS, ROUNDS_NETWORK_NONE, bad,
                                     bad_mapping, f->tz, 0, NULL, &problems, &error));
  g_assert_error (error, ROUNDS_IMPORT_ERROR, ROUNDS_IMPORT_ERROR_BAD_ROWS);
  g_assert_cmpuint (problems->len, ==, 2);
  g_assert_cmpuint (((RoundsImportProblem *)problems->pdata[0])->line, ==, 3);
  g_assert_cmpstr (((RoundsImportProblem *)problems->pdata[0])->column, ==, "Week");
  g_assert_cmpuint (((RoundsImportProblem *)problems->pdata[1])->line, ==, 4);
  g_assert_cmpstr (((RoundsImportProblem *)problems->pdata[1])->column, ==, "Inquiries");
  g_clear_error (&error);
  data = rounds_store_load_insights (f->store, &error);
  g_assert_cmpuint (data->results->len, ==, 0);
  g_clear_pointer (&data, rounds_insights_data_free);

  g_assert_true (rounds_import_csv (f->store, ROUNDS_IMPORT_RESULTS, ROUNDS_NETWORK_NONE, good,
                                    mapping, f->tz, 0, NULL, NULL, &error));
  g_assert_no_error (error);
  data = rounds_store_load_insights (f->store, &error);
  /* Two weeks for social media as a whole (× 2 kinds) and one for Facebook. */
  g_assert_cmpuint (data->results->len, ==, 6);
  for (guint i = 0; i < data->results->len; i++)
    {
      RoundsResultEntry *row = &g_array_index (data->results, RoundsResultEntry, i);

      if (g_str_equal (row->kind, "inquiries") && row->network == ROUNDS_NETWORK_NONE)
        inquiries += row->count;
      g_assert_true (row->week == jd (2026, 3, 2) || row->week == jd (2026, 3, 9));
    }
  g_assert_cmpint (inquiries, ==, 9);
}

static void
test_unreadable (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (rounds_insights_csv_parse ("Post ID,Likes\n1,\"unterminated\n", -1, &error));
  g_assert_error (error, ROUNDS_IMPORT_ERROR, ROUNDS_IMPORT_ERROR_UNREADABLE);
  g_clear_error (&error);
  g_assert_null (rounds_insights_csv_parse ("Post ID,Likes\n1,\xff\xfe\n", -1, &error));
  g_assert_error (error, ROUNDS_IMPORT_ERROR, ROUNDS_IMPORT_ERROR_UNREADABLE);
  g_clear_error (&error);
  g_assert_null (rounds_insights_csv_parse ("", -1, &error));
  g_assert_error (error, ROUNDS_IMPORT_ERROR, ROUNDS_IMPORT_ERROR_UNREADABLE);
}

static void
test_csv_quote (void)
{
  g_autofree char *plain = rounds_insights_csv_quote ("Flu shots");
  g_autofree char *comma = rounds_insights_csv_quote ("a, \"b\"");
  g_autofree char *formula = rounds_insights_csv_quote ("=HYPERLINK(\"x\")");

  g_assert_cmpstr (plain, ==, "Flu shots");
  g_assert_cmpstr (comma, ==, "\"a, \"\"b\"\"\"");
  g_assert_cmpstr (formula, ==, "\"'=HYPERLINK(\"\"x\"\")\"");
}

static void
test_enter_week (Fixture       *f,
                 gconstpointer  unused)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RoundsInsightsData) data = NULL;

  g_assert_true (rounds_import_enter_week (f->store, ROUNDS_NETWORK_GOOGLE, jd (2026, 3, 12),
                                           88, 3, 1, &error));
  g_assert_no_error (error);
  /* The same day again: the followers stay; the week's results are corrected. */
  g_assert_true (rounds_import_enter_week (f->store, ROUNDS_NETWORK_GOOGLE, jd (2026, 3, 12),
                                           99, 4, -1, &error));
  data = rounds_store_load_insights (f->store, &error);
  g_assert_cmpint (rounds_insights_followers_on (data, ROUNDS_NETWORK_GOOGLE, jd (2026, 3, 12)),
                   ==, 88);
  g_assert_cmpint (rounds_insights_metric_now (data, "inquiries", jd (2026, 3, 15), f->tz), ==, 4);
  g_assert_cmpint (rounds_insights_metric_now (data, "bookings", jd (2026, 3, 15), f->tz), ==, 1);
}

static void
test_utm (void)
{
  g_auto(GStrv) hosts = rounds_utm_own_hosts ("https://www.MapleGroveFamily.example/");
  g_autofree char *tagged = NULL;
  g_autofree char *twice = NULL;
  g_autofree char *none = NULL;

  g_assert_cmpstr (hosts[0], ==, "maplegrovefamily.example");

  tagged = rounds_utm_tag_links ("Book at maplegrovefamily.example/book. "
                                 "Details: https://www.maplegrovefamily.example/flu?lang=en#when "
                                 "and https://cdc.example/flu (not ours).",
                                 (const char * const *)hosts, ROUNDS_NETWORK_INSTAGRAM, "education");
  g_assert_cmpstr (tagged, ==,
                   "Book at maplegrovefamily.example/book?utm_source=instagram&utm_medium=social"
                   "&utm_campaign=education. Details: https://www.maplegrovefamily.example/flu?"
                   "lang=en&utm_source=instagram&utm_medium=social&utm_campaign=education#when "
                   "and https://cdc.example/flu (not ours).");

  /* Already tagged links are left alone. */
  twice = rounds_utm_tag_links (tagged, (const char * const *)hosts, ROUNDS_NETWORK_FACEBOOK,
                                "news");
  g_assert_cmpstr (twice, ==, tagged);

  /* A host that merely ends like ours is not ours. */
  none = rounds_utm_tag_links ("See notmaplegrovefamily.example/x",
                               (const char * const *)hosts, ROUNDS_NETWORK_FACEBOOK, "news");
  g_assert_cmpstr (none, ==, "See notmaplegrovefamily.example/x");

  g_assert_cmpstr (rounds_utm_campaign_for_title ("Education: Flu shots"), ==, "education");
  g_assert_cmpstr (rounds_utm_campaign_for_title ("Flu shots"), ==, "social");
}

/* ------------------------------------------------------------------ */
/* A fake connector for the collector                                   */

#define TEST_TYPE_FAKE_CONNECTOR (test_fake_connector_get_type ())
G_DECLARE_FINAL_TYPE (TestFakeConnector, test_fake_connector, TEST, FAKE_CONNECTOR, GObject)

struct _TestFakeConnector
{
  GObject        parent_instance;
  RoundsNetwork  network;
  guint          calls;
  GStrv          last_ids;
  gint64         followers;
  gboolean       fail;
};

static void test_fake_connector_iface_init (RoundsConnectorInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestFakeConnector, test_fake_connector, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (ROUNDS_TYPE_CONNECTOR,
                                                      test_fake_connector_iface_init))

static RoundsNetwork
fake_get_network (RoundsConnector *connector)
{
  return TEST_FAKE_CONNECTOR (connector)->network;
}

static RoundsConnectorCapabilities
fake_get_capabilities (RoundsConnector *connector)
{
  return ROUNDS_CONNECTOR_CAN_FETCH_METRICS;
}

static void
fake_fetch_metrics_async (RoundsConnector     *connector,
                          const char * const  *remote_ids,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  TestFakeConnector *self = TEST_FAKE_CONNECTOR (connector);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  GPtrArray *metrics = g_ptr_array_new_with_free_func ((GDestroyNotify)rounds_metric_free);

  self->calls++;
  g_strfreev (self->last_ids);
  self->last_ids = g_strdupv ((GStrv)remote_ids);
  if (self->fail)
    {
      g_ptr_array_unref (metrics);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "timed out");
      return;
    }
  g_ptr_array_add (metrics, rounds_metric_new (NULL, "followers", self->followers));
  for (guint i = 0; remote_ids != NULL && remote_ids[i] != NULL; i++)
    {
      g_ptr_array_add (metrics, rounds_metric_new (remote_ids[i], "likes", 10 + i));
      g_ptr_array_add (metrics, rounds_metric_new (remote_ids[i], "shares", 2));
    }
  g_task_return_pointer (task, metrics, (GDestroyNotify)g_ptr_array_unref);
}

static GPtrArray *
fake_fetch_metrics_finish (RoundsConnector  *connector,
                           GAsyncResult     *result,
                           GError          **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
fake_get_property (GObject    *object,
                   guint       prop_id,
                   GValue     *value,
                   GParamSpec *pspec)
{
  g_value_set_string (value, NULL);
}

static void
fake_set_property (GObject      *object,
                   guint         prop_id,
                   const GValue *value,
                   GParamSpec   *pspec)
{
}

static void
fake_finalize (GObject *object)
{
  g_strfreev (TEST_FAKE_CONNECTOR (object)->last_ids);
  G_OBJECT_CLASS (test_fake_connector_parent_class)->finalize (object);
}

static void
test_fake_connector_iface_init (RoundsConnectorInterface *iface)
{
  iface->get_network = fake_get_network;
  iface->get_capabilities = fake_get_capabilities;
  iface->fetch_metrics_async = fake_fetch_metrics_async;
  iface->fetch_metrics_finish = fake_fetch_metrics_finish;
}

static void
test_fake_connector_class_init (TestFakeConnectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = fake_get_property;
  object_class->set_property = fake_set_property;
  object_class->finalize = fake_finalize;
  g_object_class_override_property (object_class, 1, "base-url");
  g_object_class_override_property (object_class, 2, "credentials");
}

static void
test_fake_connector_init (TestFakeConnector *self)
{
}

static void
on_collected_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static gint64
collect (RoundsMetricsCollector  *collector,
         GError                 **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  rounds_metrics_collector_collect_async (collector, NULL, on_collected_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return rounds_metrics_collector_collect_finish (collector, result, error);
}

static void
test_collector (Fixture       *f,
                gconstpointer  unused)
{
  g_autoptr(TestFakeConnector) facebook = g_object_new (TEST_TYPE_FAKE_CONNECTOR, NULL);
  g_autoptr(TestFakeConnector) mastodon = g_object_new (TEST_TYPE_FAKE_CONNECTOR, NULL);
  g_autoptr(RoundsMetricsCollector) collector = rounds_metrics_collector_new (f->store, f->tz);
  g_autoptr(RoundsInsightsData) data = NULL;
  g_autoptr(GError) error = NULL;
  const char * const fb_posts[] = { "fb-1", "fb-2", NULL };
  const char * const more_posts[] = { "fb-1", "fb-2", "fb-3", NULL };
  guint32 today = jd (2026, 3, 15);

  facebook->network = ROUNDS_NETWORK_FACEBOOK;
  facebook->followers = 412;
  mastodon->network = ROUNDS_NETWORK_MASTODON;
  mastodon->fail = TRUE;
  rounds_metrics_collector_add_account (collector, "1", ROUNDS_CONNECTOR (facebook), fb_posts);
  rounds_metrics_collector_add_account (collector, "2", ROUNDS_CONNECTOR (mastodon), NULL);

  /* Facebook: followers + 2 posts × 2 metrics; Mastodon fails without
   * stopping Facebook. */
  g_assert_cmpint (collect (collector, &error), ==, 5);
  g_assert_no_error (error);
  g_assert_cmpuint (facebook->calls, ==, 1);
  g_assert_cmpuint (mastodon->calls, ==, 1);
  g_assert_true (rounds_store_has_snapshot (f->store, ROUNDS_NETWORK_FACEBOOK, "1", NULL, today,
                                            "followers"));
  g_assert_true (rounds_store_has_snapshot (f->store, ROUNDS_NETWORK_FACEBOOK, "1", "fb-2", today,
                                            "likes"));

  /* Refresh the same day: Facebook is not asked again; Mastodon, which
   * has nothing today, is. */
  g_assert_cmpint (collect (collector, &error), ==, -1);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_clear_error (&error);
  g_assert_cmpuint (facebook->calls, ==, 1);
  g_assert_cmpuint (mastodon->calls, ==, 2);

  /* A post published since: only it is asked for. */
  rounds_metrics_collector_clear_accounts (collector);
  rounds_metrics_collector_add_account (collector, "1", ROUNDS_CONNECTOR (facebook), more_posts);
  g_assert_cmpint (collect (collector, &error), ==, 2);
  g_assert_cmpuint (facebook->calls, ==, 2);
  g_assert_cmpstr (facebook->last_ids[0], ==, "fb-3");
  g_assert_null (facebook->last_ids[1]);

  /* The next day, everything is read again, and yesterday's row stays. */
  rounds_clock_set_now (f->clock, rounds_clock_get_now (f->clock) + 86400);
  facebook->followers = 420;
  g_assert_cmpint (collect (collector, &error), ==, 7);
  data = rounds_store_load_insights (f->store, &error);
  g_assert_cmpint (rounds_insights_followers_on (data, ROUNDS_NETWORK_FACEBOOK, today), ==, 412);
  g_assert_cmpint (rounds_insights_followers_on (data, ROUNDS_NETWORK_FACEBOOK, today + 1), ==, 420);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/insights/import/facebook", Fixture, NULL, fixture_setup, test_facebook_export,
              fixture_teardown);
  g_test_add ("/insights/import/bad-rows", Fixture, NULL, fixture_setup, test_bad_rows_refused,
              fixture_teardown);
  g_test_add ("/insights/import/mapping", Fixture, NULL, fixture_setup, test_mapping_step,
              fixture_teardown);
  g_test_add ("/insights/import/analytics", Fixture, NULL, fixture_setup, test_analytics,
              fixture_teardown);
  g_test_add ("/insights/import/results", Fixture, NULL, fixture_setup, test_results,
              fixture_teardown);
  g_test_add ("/insights/import/enter-week", Fixture, NULL, fixture_setup, test_enter_week,
              fixture_teardown);
  g_test_add ("/insights/collector", Fixture, NULL, fixture_setup, test_collector,
              fixture_teardown);
  g_test_add_func ("/insights/import/unreadable", test_unreadable);
  g_test_add_func ("/insights/csv-quote", test_csv_quote);
  g_test_add_func ("/insights/utm", test_utm);

  return g_test_run ();
}
