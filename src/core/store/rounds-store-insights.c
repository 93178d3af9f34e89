/* rounds-store-insights.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-store-insights"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "rounds-store-insights.h"
#include "rounds-store-private.h"

/* ------------------------------------------------------------------ */
/* Days                                                                 */

char *
rounds_insights_format_day (guint32 day)
{
  GDate date;

  if (!g_date_valid_julian (day))
    return g_strdup ("");

  g_date_clear (&date, 1);
  g_date_set_julian (&date, day);
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&date), g_date_get_month (&date),
                          g_date_get_day (&date));
}

gboolean
rounds_insights_parse_day (const char *iso,
                           guint32    *day)
{
  int y, m, d;
  char tail;

  if (iso == NULL || sscanf (iso, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 ||
      !g_date_valid_dmy (d, m, y))
    return FALSE;

  if (day != NULL)
    {
      GDate date;

      g_date_clear (&date, 1);
      g_date_set_dmy (&date, d, m, y);
      *day = g_date_get_julian (&date);
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Plain data                                                           */

static void
clear_account_snapshot (gpointer data)
{
  RoundsAccountSnapshot *row = data;

  g_free (row->account);
}

static void
clear_time_entry (gpointer data)
{
  RoundsTimeEntry *row = data;

  g_free (row->role);
  g_free (row->person);
  g_free (row->activity);
}

static void
clear_spend_entry (gpointer data)
{
  RoundsSpendEntry *row = data;

  g_free (row->category);
  g_free (row->note);
}

static void
clear_result_entry (gpointer data)
{
  RoundsResultEntry *row = data;

  g_free (row->kind);
}

static void
clear_web_entry (gpointer data)
{
  RoundsWebEntry *row = data;

  g_free (row->source);
  g_free (row->medium);
  g_free (row->campaign);
}

static void
clear_response_entry (gpointer data)
{
  RoundsResponseEntry *row = data;

  g_free (row->severity);
}

static GArray *
new_array (gsize          size,
           GDestroyNotify clear)
{
  GArray *array = g_array_new (FALSE, TRUE, size);

  g_array_set_clear_func (array, clear);
  return array;
}

RoundsInsightsData *
rounds_insights_data_new (void)
{
  RoundsInsightsData *data = g_new0 (RoundsInsightsData, 1);

  data->accounts = new_array (sizeof (RoundsAccountSnapshot), clear_account_snapshot);
  data->posts = g_ptr_array_new_with_free_func ((GDestroyNotify)rounds_measured_post_free);
  data->time_log = new_array (sizeof (RoundsTimeEntry), clear_time_entry);
  data->spending = new_array (sizeof (RoundsSpendEntry), clear_spend_entry);
  data->results = new_array (sizeof (RoundsResultEntry), clear_result_entry);
  data->web = new_array (sizeof (RoundsWebEntry), clear_web_entry);
  data->responses = new_array (sizeof (RoundsResponseEntry), clear_response_entry);
  return data;
}

void
rounds_insights_data_free (RoundsInsightsData *data)
{
  if (data == NULL)
    return;

  g_array_unref (data->accounts);
  g_ptr_array_unref (data->posts);
  g_array_unref (data->time_log);
  g_array_unref (data->spending);
  g_array_unref (data->results);
  g_array_unref (data->web);
  g_array_unref (data->responses);
  g_free (data);
}

void
rounds_measured_post_free (RoundsMeasuredPost *post)
{
  if (post == NULL)
    return;

  g_free (post->account);
  g_free (post->remote_id);
  g_free (post->title);
  g_free (post->pillar);
  g_free (post->format);
  g_clear_pointer (&post->latest, g_hash_table_unref);
  g_free (post);
}

/**
 * rounds_measured_post_get:
 *
 * Returns: the post's latest count of @metric, or -1 when it was never
 *   measured (a gap, not a zero).
 */
gint64
rounds_measured_post_get (const RoundsMeasuredPost *post,
                          const char               *metric)
{
  gint64 *value;

  if (post->latest == NULL)
    return -1;

  value = g_hash_table_lookup (post->latest, g_intern_string (metric));
  return value != NULL ? *value : -1;
}

void
rounds_measured_post_set (RoundsMeasuredPost *post,
                          const char         *metric,
                          gint64              value)
{
  if (post->latest == NULL)
    post->latest = g_hash_table_new_full (NULL, NULL, NULL, g_free);

  g_hash_table_insert (post->latest, (gpointer)g_intern_string (metric),
                       g_memdup2 (&value, sizeof value));
}

/* ------------------------------------------------------------------ */
/* Loading                                                              */

static gboolean
parse_month (const char *text,
             guint32    *day)
{
  g_autofree char *first = NULL;

  if (text == NULL || strlen (text) != 7)
    return FALSE;

  first = g_strconcat (text, "-01", NULL);
  return rounds_insights_parse_day (first, day);
}

/* The first row of @sql (network, account), bound to @network and
 * @account when given. Returns FALSE at the end, or on error. */
static gboolean
seek_account (RoundsStore  *self,
              const char   *sql,
              gboolean      bind_account,
              char        **network,
              char        **account,
              GError      **error)
{
  RoundsDbStmt *stmt = _rounds_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  if (*network != NULL)
    _rounds_store_bind_text (stmt, 1, *network);
  if (bind_account)
    _rounds_store_bind_text (stmt, 2, *account);
  rc = rounds_db_step (stmt);
  if (rc == ROUNDS_DB_ROW)
    {
      char *n = g_strdup (_rounds_store_column_text (stmt, 0));
      char *a = g_strdup (_rounds_store_column_text (stmt, 1));

      g_free (*network);
      g_free (*account);
      *network = n;
      *account = a;
    }
  rounds_db_reset (stmt);
  if (rc != ROUNDS_DB_ROW && rc != ROUNDS_DB_DONE)
    _rounds_store_set_error (self, rc, error, _("Could not read the measured numbers"));
  return rc == ROUNDS_DB_ROW;
}

/* The next account with readings after (@network, @account) in key
 * order (the first when *@network is NULL): each step is a seek in the
 * primary key, never a scan of an account's readings. */
static gboolean
next_account (RoundsStore  *self,
              char        **network,
              char        **account,
              GError      **error)
{
  if (*network == NULL)
    return seek_account (self, "SELECT network, account FROM metric_snapshots"
                               " ORDER BY network, account LIMIT 1",
                         FALSE, network, account, error);
  if (seek_account (self, "SELECT network, account FROM metric_snapshots"
                          " WHERE network = ?1 AND account > ?2"
                          " ORDER BY network, account LIMIT 1",
                    TRUE, network, account, error))
    return TRUE;
  if (error != NULL && *error != NULL)
    return FALSE;
  return seek_account (self, "SELECT network, account FROM metric_snapshots"
                             " WHERE network > ?1 ORDER BY network, account LIMIT 1",
                       FALSE, network, account, error);
}

/* The accounts' own readings (followers), not the posts': the primary
 * key starts with (network, account, remote_id), so each account's
 * readings are one range of it, and the accounts are found by jumping
 * from one to the next. A plain WHERE remote_id = '' read every post's
 * daily readings too (issue 18: most of the time of opening Insights
 * with two years of them). */
static gboolean
load_accounts (RoundsStore         *self,
               RoundsInsightsData  *data,
               GError             **error)
{
  g_autofree char *network = NULL;
  g_autofree char *account = NULL;
  GError *local_error = NULL;

  while (next_account (self, &network, &account, &local_error))
    {
      RoundsDbStmt *stmt;
      RoundsNetwork net = rounds_network_from_string (network);
      int rc;

      stmt = _rounds_store_prepare (self,
                                    "SELECT day, metric, value FROM metric_snapshots"
                                    " WHERE network = ? AND account = ? AND remote_id = ''"
                                    " ORDER BY metric, day",
                                    error);
      if (stmt == NULL)
        return FALSE;
      _rounds_store_bind_text (stmt, 1, network);
      _rounds_store_bind_text (stmt, 2, account);

      while ((rc = rounds_db_step (stmt)) == ROUNDS_DB_ROW)
        {
          RoundsAccountSnapshot row = { 0 };

          if (!rounds_insights_parse_day (_rounds_store_column_text (stmt, 0), &row.day))
            continue;
          row.network = net;
          row.account = g_strdup (account);
          row.metric = g_intern_string (_rounds_store_column_text (stmt, 1));
          row.value = rounds_db_column_int64 (stmt, 2);
          g_array_append_val (data->accounts, row);
        }
      rounds_db_reset (stmt);

      if (rc != ROUNDS_DB_DONE)
        return _rounds_store_set_error (self, rc, error, _("Could not read the measured numbers"));
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
load_posts (RoundsStore         *self,
            RoundsInsightsData  *data,
            GError             **error)
{
  g_autoptr(GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  RoundsDbStmt *stmt;
  int rc;

  stmt = _rounds_store_prepare (self,
                                "SELECT network, account, remote_id, COALESCE (post_id, 0),"
                                " published_at, title, pillar, format"
                                " FROM insights_posts ORDER BY published_at, id",
                                error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = rounds_db_step (stmt)) == ROUNDS_DB_ROW)
    {
      RoundsMeasuredPost *post = g_new0 (RoundsMeasuredPost, 1);
      const char *network = _rounds_store_column_text (stmt, 0);

      post->network = rounds_network_from_string (network);
      post->account = g_strdup (_rounds_store_column_text (stmt, 1));
      post->remote_id = g_strdup (_rounds_store_column_text (stmt, 2));
      post->post_id = rounds_db_column_int64 (stmt, 3);
      post->published_at = rounds_db_column_int64 (stmt, 4);
      post->title = g_strdup (_rounds_store_column_text (stmt, 5));
      post->pillar = g_strdup (_rounds_store_column_text (stmt, 6));
      post->format = g_strdup (_rounds_store_column_text (stmt, 7));
      g_ptr_array_add (data->posts, post);
      g_hash_table_insert (by_key, g_strconcat (network, " ", post->remote_id, NULL), post);
    }
  rounds_db_reset (stmt);
  if (rc != ROUNDS_DB_DONE)
    return _rounds_store_set_error (self, rc, error, _("Could not read the measured posts"));

  stmt = _rounds_store_prepare (self,
                                "SELECT network, remote_id, metric, value FROM post_metrics_latest",
                                error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = rounds_db_step (stmt)) == ROUNDS_DB_ROW)
    {
      g_autofree char *key = g_strconcat (_rounds_store_column_text (stmt, 0), " ",
                                          _rounds_store_column_text (stmt, 1), NULL);
      RoundsMeasuredPost *post = g_hash_table_lookup (by_key, key);

      if (post != NULL)
        rounds_measured_post_set (post, _rounds_store_column_text (stmt, 2),
                                  rounds_db_column_int64 (stmt, 3));
    }
  rounds_db_reset (stmt);
  if (rc != ROUNDS_DB_DONE)
    return _rounds_store_set_error (self, rc, error, _("Could not read the measured posts"));

  return TRUE;
}

static gboolean
load_costs_and_results (RoundsStore         *self,
                        RoundsInsightsData  *data,
                        GError             **error)
{
  RoundsDbStmt *stmt;
  int rc;

  stmt = _rounds_store_prepare (self,
                                "SELECT day, role, person, minutes, activity, network"
                                " FROM time_log ORDER BY day, id",
                                error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = rounds_db_step (stmt)) == ROUNDS_DB_ROW)
    {
      RoundsTimeEntry row = { 0 };

      if (!rounds_insights_parse_day (_rounds_store_column_text (stmt, 0), &row.day))
        continue;
      row.role = g_strdup (_rounds_store_column_text (stmt, 1));
      row.person = g_strdup (_rounds_store_column_text (stmt, 2));
      row.minutes = rounds_db_column_int (stmt, 3);
      row.activity = g_strdup (_rounds_store_column_text (stmt, 4));
      row.network = rounds_network_from_string (_rounds_store_column_text (stmt, 5));
      g_array_append_val (data->time_log, row);
    }
  rounds_db_reset (stmt);
  if (rc != ROUNDS_DB_DONE)
    return _rounds_store_set_error (self, rc, error, _("Could not read the time log"));

  stmt = _rounds_store_prepare (self,
                                "SELECT month, category, cents, network, note"
                                " FROM spending ORDER BY month, id",
                                error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = rounds_db_step (stmt)) == ROUNDS_DB_ROW)
    {
      RoundsSpendEntry row = { 0 };

      if (!parse_month (_rounds_store_column_text (stmt, 0), &row.month))
        continue;
      row.category = g_strdup (_rounds_store_column_text (stmt, 1));
      row.cents = rounds_db_column_int64 (stmt, 2);
      row.network = rounds_network_from_string (_rounds_store_column_text (stmt, 3));
      row.note = g_strdup (_rounds_store_column_text (stmt, 4));
      g_array_append_val (data->spending, row);
    }
  rounds_db_reset (stmt);
  if (rc != ROUNDS_DB_DONE)
    return _rounds_store_set_error (self, rc, error, _("Could not read the spending"));

  stmt = _rounds_store_prepare (self,
                                "SELECT week, kind, network, count FROM results ORDER BY week",
                                error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = rounds_db_step (stmt)) == ROUNDS_DB_ROW)
    {
      RoundsResultEntry row = { 0 };

      if (!rounds_insights_parse_day (_rounds_store_column_text (stmt, 0), &row.week))
        continue;
      row.kind = g_strdup (_rounds_store_column_text (stmt, 1));
      row.network = rounds_network_from_string (_rounds_store_column_text (stmt, 2));
      row.count = rounds_db_column_int64 (stmt, 3);
      g_array_append_val (data->results, row);
    }
  rounds_db_reset (stmt);
  if (rc != ROUNDS_DB_DONE)
    return _rounds_store_set_error (self, rc, error, _("Could not read the results"));

  stmt = _rounds_store_prepare (self,
                                "SELECT day, source, medium, campaign, sessions, conversions"
                                " FROM web_analytics ORDER BY day",
                                error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = rounds_db_step (stmt)) == ROUNDS_DB_ROW)
    {
      RoundsWebEntry row = { 0 };

      if (!rounds_insights_parse_day (_rounds_store_column_text (stmt, 0), &row.day))
        continue;
      row.source = g_strdup (_rounds_store_column_text (stmt, 1));
      row.medium = g_strdup (_rounds_store_column_text (stmt, 2));
      row.campaign = g_strdup (_rounds_store_column_text (stmt, 3));
      row.sessions = rounds_db_column_int64 (stmt, 4);
      row.conversions = rounds_db_column_int64 (stmt, 5);
      g_array_append_val (data->web, row);
    }
  rounds_db_reset (stmt);
  if (rc != ROUNDS_DB_DONE)
    return _rounds_store_set_error (self, rc, error, _("Could not read the web analytics"));

  return TRUE;
}

/* The Inbox (issue 14) keeps its items in the comments table and adds
 * received_at, answered_at, triage (a comma list of kinds), state and
 * deleted_at to it (rounds-store-inbox.h; triage is one kind there).
 * Response times are read when those columns are there; until then
 * Insights says there is nothing to measure. Dismissed items, spam and
 * items deleted on the network wait for no answer. */
static gboolean
load_responses (RoundsStore         *self,
                RoundsInsightsData  *data,
                GError             **error)
{
  RoundsDbStmt *stmt;
  gboolean has_received = FALSE, has_answered = FALSE, has_kind = FALSE;
  gboolean has_state = FALSE, has_deleted = FALSE;
  g_autofree char *sql = NULL;
  RoundsDb *db;
  int rc;

  stmt = _rounds_store_prepare (self,
                                rounds_db_is_sqlite (self->db)
                                ? "SELECT name FROM pragma_table_info ('comments')"
                                : "SELECT column_name FROM information_schema.columns"
                                  " WHERE table_schema = current_schema () AND table_name = 'comments'",
                                error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = rounds_db_step (stmt)) == ROUNDS_DB_ROW)
    {
      const char *name = _rounds_store_column_text (stmt, 0);

      has_received |= g_str_equal (name, "received_at");
      has_answered |= g_str_equal (name, "answered_at");
      has_kind |= g_str_equal (name, "triage");
      has_state |= g_str_equal (name, "state");
      has_deleted |= g_str_equal (name, "deleted_at");
    }
  rounds_db_reset (stmt);

  data->has_inbox = has_received && has_answered;
  if (!data->has_inbox)
    return TRUE;

  /* Not a cached statement: its text depends on the columns found. */
  sql = g_strdup_printf ("SELECT received_at, COALESCE (answered_at, 0), %s FROM comments"
                         " WHERE %s AND %s AND %s",
                         has_kind ? "COALESCE (triage, '')" : "''",
                         has_state ? "state != 'dismissed'" : "1",
                         has_kind ? "COALESCE (triage, '') != 'spam'" : "1",
                         has_deleted ? "deleted_at IS NULL" : "1");
  db = rounds_db_db_handle (stmt);
  if (rounds_db_prepare_v2 (db, sql, -1, &stmt, NULL) != ROUNDS_DB_OK)
    {
      data->has_inbox = FALSE;
      return TRUE;
    }
  while ((rc = rounds_db_step (stmt)) == ROUNDS_DB_ROW)
    {
      RoundsResponseEntry row = { 0 };
      const char *kinds = (const char *)rounds_db_column_text (stmt, 2);
      g_auto(GStrv) kind = g_strsplit (kinds != NULL ? kinds : "", ",", -1);

      row.received_at = rounds_db_column_int64 (stmt, 0);
      row.answered_at = rounds_db_column_int64 (stmt, 1);
      /* Triage kinds that the crisis plan has a level for, the most
       * urgent first. */
      if (g_strv_contains ((const char * const *)kind, "health_details") ||
          g_strv_contains ((const char * const *)kind, "crisis"))
        row.severity = g_strdup ("health_details");
      else if (g_strv_contains ((const char * const *)kind, "complaint"))
        row.severity = g_strdup ("negative_review");
      else
        row.severity = g_strdup ("");
      g_array_append_val (data->responses, row);
    }
  rounds_db_finalize (stmt);
  if (rc != ROUNDS_DB_DONE)
    return _rounds_store_set_error (self, rc, error, _("Could not read the inbox"));

  return TRUE;
}

/**
 * rounds_store_load_insights:
 *
 * Reads everything Insights shows: account readings, measured posts with
 * their latest counts, the time log, spending, results and web visits.
 *
 * Returns: (transfer full): the data, or %NULL with @error set
 */
RoundsInsightsData *
rounds_store_load_insights (RoundsStore  *self,
                            GError      **error)
{
  g_autoptr(RoundsInsightsData) data = rounds_insights_data_new ();

  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);

  if (!load_accounts (self, data, error) ||
      !load_posts (self, data, error) ||
      !load_costs_and_results (self, data, error) ||
      !load_responses (self, data, error))
    return NULL;

  return g_steal_pointer (&data);
}

/* ------------------------------------------------------------------ */
/* Writing                                                              */

gboolean
rounds_store_insights_begin (RoundsStore  *self,
                             GError      **error)
{
  return _rounds_store_begin (self, error);
}

gboolean
rounds_store_insights_commit (RoundsStore  *self,
                              GError      **error)
{
  return _rounds_store_commit (self, error);
}

void
rounds_store_insights_rollback (RoundsStore *self)
{
  _rounds_store_rollback (self);
}

static gboolean
in_transaction (RoundsStore *self)
{
  RoundsDbStmt *stmt = _rounds_store_prepare (self, "SELECT 1", NULL);

  return stmt != NULL && !rounds_db_get_autocommit (rounds_db_db_handle (stmt));
}

/**
 * rounds_store_add_snapshots:
 * @source: "connector", "manual" or "csv"
 *
 * Records readings. A reading of a metric that already has one for the
 * same account (or post) and day is ignored: the first reading of a day
 * stays. Runs in one transaction (or in the caller's).
 *
 * Returns: how many rows were new, or G_MAXUINT on error
 */
guint
rounds_store_add_snapshots (RoundsStore              *self,
                            const RoundsSnapshotRow  *rows,
                            guint                     n_rows,
                            const char               *source,
                            GError                  **error)
{
  gint64 now = rounds_clock_get_now (rounds_store_get_clock (self));
  gboolean own = !in_transaction (self);
  guint added = 0;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), G_MAXUINT);
  g_return_val_if_fail (source != NULL, G_MAXUINT);

  if (own && !_rounds_store_begin (self, error))
    return G_MAXUINT;

  for (guint i = 0; i < n_rows; i++)
    {
      const RoundsSnapshotRow *row = &rows[i];
      g_autofree char *day = rounds_insights_format_day (row->day);
      RoundsDbStmt *stmt;

      if (row->value < 0 || row->metric == NULL || day[0] == '\0')
        continue;

      stmt = _rounds_store_prepare (self,
                                    "INSERT OR IGNORE INTO metric_snapshots"
                                    " (network, account, remote_id, day, metric, value, source,"
                                    "  taken_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                                    error);
      if (stmt == NULL)
        goto fail;
      _rounds_store_bind_text (stmt, 1, rounds_network_to_string (row->network));
      _rounds_store_bind_text (stmt, 2, row->account != NULL ? row->account : "");
      _rounds_store_bind_text (stmt, 3, row->remote_id != NULL ? row->remote_id : "");
      _rounds_store_bind_text (stmt, 4, day);
      _rounds_store_bind_text (stmt, 5, row->metric);
      rounds_db_bind_int64 (stmt, 6, row->value);
      _rounds_store_bind_text (stmt, 7, source);
      rounds_db_bind_int64 (stmt, 8, now);
      if (!_rounds_store_step_done (self, stmt, error, _("Could not save the measured numbers")))
        goto fail;
      added += rounds_db_changes (rounds_db_db_handle (stmt)) > 0 ? 1 : 0;
    }

  if (own && !_rounds_store_commit (self, error))
    goto fail;

  return added;

fail:
  if (own)
    _rounds_store_rollback (self);
  return G_MAXUINT;
}

gboolean
rounds_store_has_snapshot (RoundsStore   *self,
                           RoundsNetwork  network,
                           const char    *account,
                           const char    *remote_id,
                           guint32        day,
                           const char    *metric)
{
  g_autofree char *iso = rounds_insights_format_day (day);
  RoundsDbStmt *stmt;
  gboolean found;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);

  stmt = _rounds_store_prepare (self,
                                "SELECT 1 FROM metric_snapshots WHERE network = ? AND account = ?"
                                " AND remote_id = ? AND day = ? AND (CAST (?5 AS TEXT) IS NULL OR metric = ?5)"
                                " LIMIT 1",
                                NULL);
  if (stmt == NULL)
    return FALSE;
  _rounds_store_bind_text (stmt, 1, rounds_network_to_string (network));
  _rounds_store_bind_text (stmt, 2, account != NULL ? account : "");
  _rounds_store_bind_text (stmt, 3, remote_id != NULL ? remote_id : "");
  _rounds_store_bind_text (stmt, 4, iso);
  _rounds_store_bind_text (stmt, 5, metric);
  found = rounds_db_step (stmt) == ROUNDS_DB_ROW;
  rounds_db_reset (stmt);
  return found;
}

/**
 * rounds_store_upsert_measured_post:
 *
 * Records a post that is measured (from a connector, an export or by
 * hand). Known posts keep their row; a non-empty title, pillar or format
 * given later fills in what was missing.
 */
gboolean
rounds_store_upsert_measured_post (RoundsStore    *self,
                                   RoundsNetwork   network,
                                   const char     *account,
                                   const char     *remote_id,
                                   gint64          post_id,
                                   gint64          published_at,
                                   const char     *title,
                                   const char     *pillar,
                                   const char     *format,
                                   GError        **error)
{
  RoundsDbStmt *stmt;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);
  g_return_val_if_fail (remote_id != NULL && remote_id[0] != '\0', FALSE);

  stmt = _rounds_store_prepare (self,
                                "INSERT INTO insights_posts (network, account, remote_id, post_id,"
                                " published_at, title, pillar, format)"
                                " VALUES (?, ?, ?, NULLIF (?, 0), ?, ?, ?, ?)"
                                " ON CONFLICT (network, remote_id) DO UPDATE SET"
                                "  post_id = COALESCE (insights_posts.post_id, excluded.post_id),"
                                "  title = CASE WHEN insights_posts.title = '' THEN excluded.title"
                                "          ELSE insights_posts.title END,"
                                "  pillar = CASE WHEN excluded.pillar != '' THEN excluded.pillar"
                                "           ELSE insights_posts.pillar END,"
                                "  format = CASE WHEN excluded.format != '' THEN excluded.format"
                                "           ELSE insights_posts.format END",
                                error);
  if (stmt == NULL)
    return FALSE;
  _rounds_store_bind_text (stmt, 1, rounds_network_to_string (network));
  _rounds_store_bind_text (stmt, 2, account != NULL ? account : "");
  _rounds_store_bind_text (stmt, 3, remote_id);
  rounds_db_bind_int64 (stmt, 4, post_id);
  rounds_db_bind_int64 (stmt, 5, published_at);
  _rounds_store_bind_text (stmt, 6, title != NULL ? title : "");
  _rounds_store_bind_text (stmt, 7, pillar != NULL ? pillar : "");
  _rounds_store_bind_text (stmt, 8, format != NULL ? format : "");
  return _rounds_store_step_done (self, stmt, error, _("Could not save the measured post"));
}

/**
 * rounds_store_list_published_since:
 * @account_id: the account (accounts.id)
 * @since: UTC seconds
 *
 * What the daily collector measures for one account: the posts it
 * published from @since on, newest first (at most 200), with Rounds' post
 * and its title. Their latest counts are not filled in.
 *
 * Returns: (transfer full) (element-type RoundsMeasuredPost): the posts,
 *   or NULL with @error set
 */
GPtrArray *
rounds_store_list_published_since (RoundsStore  *self,
                                   gint64        account_id,
                                   gint64        since,
                                   GError      **error)
{
  g_autoptr(GPtrArray) posts = NULL;
  RoundsDbStmt *stmt;
  int rc;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);

  stmt = _rounds_store_prepare (self,
                                "SELECT pub.network, pub.remote_id, pub.post_id, pub.published_at,"
                                " COALESCE (posts.title, '')"
                                " FROM publications pub LEFT JOIN posts ON posts.id = pub.post_id"
                                " WHERE pub.account_id = ? AND pub.state = 'published'"
                                "  AND COALESCE (pub.remote_id, '') != ''"
                                "  AND pub.published_at >= ?"
                                " ORDER BY pub.published_at DESC, pub.id DESC LIMIT 200",
                                error);
  if (stmt == NULL)
    return NULL;
  rounds_db_bind_int64 (stmt, 1, account_id);
  rounds_db_bind_int64 (stmt, 2, since);

  posts = g_ptr_array_new_with_free_func ((GDestroyNotify)rounds_measured_post_free);
  while ((rc = rounds_db_step (stmt)) == ROUNDS_DB_ROW)
    {
      RoundsMeasuredPost *post = g_new0 (RoundsMeasuredPost, 1);

      post->network = rounds_network_from_string (_rounds_store_column_text (stmt, 0));
      post->account = g_strdup_printf ("%" G_GINT64_FORMAT, account_id);
      post->remote_id = g_strdup (_rounds_store_column_text (stmt, 1));
      post->post_id = rounds_db_column_int64 (stmt, 2);
      post->published_at = rounds_db_column_int64 (stmt, 3);
      post->title = g_strdup (_rounds_store_column_text (stmt, 4));
      post->pillar = g_strdup ("");
      post->format = g_strdup ("");
      g_ptr_array_add (posts, post);
    }
  rounds_db_reset (stmt);
  if (rc != ROUNDS_DB_DONE)
    {
      _rounds_store_set_error (self, rc, error, _("Could not read the published posts"));
      return NULL;
    }
  return g_steal_pointer (&posts);
}

gint64
rounds_store_add_time (RoundsStore    *self,
                       guint32         day,
                       const char     *role,
                       const char     *person,
                       int             minutes,
                       const char     *activity,
                       RoundsNetwork   network,
                       GError        **error)
{
  g_autofree char *iso = rounds_insights_format_day (day);
  RoundsDbStmt *stmt;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), 0);

  if (minutes <= 0 || iso[0] == '\0' || role == NULL || role[0] == '\0')
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID,
                   _("A time entry needs a day, a role and some minutes"));
      return 0;
    }

  stmt = _rounds_store_prepare (self,
                                "INSERT INTO time_log (day, role, person, minutes, activity, network)"
                                " VALUES (?, ?, ?, ?, ?, ?)",
                                error);
  if (stmt == NULL)
    return 0;
  _rounds_store_bind_text (stmt, 1, iso);
  _rounds_store_bind_text (stmt, 2, role);
  _rounds_store_bind_text (stmt, 3, person != NULL ? person : "");
  rounds_db_bind_int (stmt, 4, minutes);
  _rounds_store_bind_text (stmt, 5, activity != NULL ? activity : "other");
  _rounds_store_bind_text (stmt, 6, network != ROUNDS_NETWORK_NONE
                                      ? rounds_network_to_string (network) : "");
  if (!_rounds_store_step_done (self, stmt, error, _("Could not save the time entry")))
    return 0;
  return _rounds_store_last_insert_rowid (self);
}

gint64
rounds_store_add_spending (RoundsStore    *self,
                           guint32         month,
                           const char     *category,
                           gint64          cents,
                           RoundsNetwork   network,
                           const char     *note,
                           GError        **error)
{
  g_autofree char *iso = rounds_insights_format_day (month);
  RoundsDbStmt *stmt;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), 0);

  if (cents < 0 || iso[0] == '\0' || category == NULL || category[0] == '\0')
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID,
                   _("Spending needs a month, a category and an amount of 0 or more"));
      return 0;
    }
  iso[7] = '\0';   /* YYYY-MM */

  stmt = _rounds_store_prepare (self,
                                "INSERT INTO spending (month, category, cents, network, note)"
                                " VALUES (?, ?, ?, ?, ?)",
                                error);
  if (stmt == NULL)
    return 0;
  _rounds_store_bind_text (stmt, 1, iso);
  _rounds_store_bind_text (stmt, 2, category);
  rounds_db_bind_int64 (stmt, 3, cents);
  _rounds_store_bind_text (stmt, 4, network != ROUNDS_NETWORK_NONE
                                      ? rounds_network_to_string (network) : "");
  _rounds_store_bind_text (stmt, 5, note != NULL ? note : "");
  if (!_rounds_store_step_done (self, stmt, error, _("Could not save the spending")))
    return 0;
  return _rounds_store_last_insert_rowid (self);
}

/**
 * rounds_store_set_result:
 * @week: any day of the week; the week's Monday is stored
 *
 * Sets a week's count of new-patient inquiries or bookings (entering a
 * week again corrects it).
 */
gboolean
rounds_store_set_result (RoundsStore    *self,
                         guint32         week,
                         const char     *kind,
                         RoundsNetwork   network,
                         gint64          count,
                         const char     *source,
                         GError        **error)
{
  g_autofree char *iso = NULL;
  RoundsDbStmt *stmt;
  GDate date;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);

  if (!g_date_valid_julian (week) || count < 0 ||
      (g_strcmp0 (kind, "inquiries") != 0 && g_strcmp0 (kind, "bookings") != 0))
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID,
                   _("A result needs a week, a kind and a count of 0 or more"));
      return FALSE;
    }
  g_date_clear (&date, 1);
  g_date_set_julian (&date, week);
  week -= g_date_get_weekday (&date) - G_DATE_MONDAY;
  iso = rounds_insights_format_day (week);

  stmt = _rounds_store_prepare (self,
                                "INSERT INTO results (week, kind, network, count, source)"
                                " VALUES (?, ?, ?, ?, ?)"
                                " ON CONFLICT (week, kind, network) DO UPDATE"
                                " SET count = excluded.count, source = excluded.source",
                                error);
  if (stmt == NULL)
    return FALSE;
  _rounds_store_bind_text (stmt, 1, iso);
  _rounds_store_bind_text (stmt, 2, kind);
  _rounds_store_bind_text (stmt, 3, network != ROUNDS_NETWORK_NONE
                                      ? rounds_network_to_string (network) : "");
  rounds_db_bind_int64 (stmt, 4, count);
  _rounds_store_bind_text (stmt, 5, source != NULL ? source : "manual");
  return _rounds_store_step_done (self, stmt, error, _("Could not save the results"));
}

gboolean
rounds_store_add_web_visits (RoundsStore           *self,
                             const RoundsWebEntry  *rows,
                             guint                  n_rows,
                             GError               **error)
{
  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);

  for (guint i = 0; i < n_rows; i++)
    {
      g_autofree char *iso = rounds_insights_format_day (rows[i].day);
      RoundsDbStmt *stmt;

      stmt = _rounds_store_prepare (self,
                                    "INSERT INTO web_analytics (day, source, medium, campaign,"
                                    " sessions, conversions) VALUES (?, ?, ?, ?, ?, ?)"
                                    " ON CONFLICT (day, source, medium, campaign) DO UPDATE"
                                    " SET sessions = excluded.sessions,"
                                    "     conversions = excluded.conversions",
                                    error);
      if (stmt == NULL)
        return FALSE;
      _rounds_store_bind_text (stmt, 1, iso);
      _rounds_store_bind_text (stmt, 2, rows[i].source);
      _rounds_store_bind_text (stmt, 3, rows[i].medium != NULL ? rows[i].medium : "");
      _rounds_store_bind_text (stmt, 4, rows[i].campaign != NULL ? rows[i].campaign : "");
      rounds_db_bind_int64 (stmt, 5, rows[i].sessions);
      rounds_db_bind_int64 (stmt, 6, rows[i].conversions);
      if (!_rounds_store_step_done (self, stmt, error, _("Could not save the web analytics")))
        return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Settings                                                             */

static gint64
get_int (RoundsStore *self,
         const char  *key,
         gint64       fallback)
{
  RoundsDbStmt *stmt = _rounds_store_prepare (self, "SELECT value FROM kv WHERE key = ?", NULL);
  gint64 result = fallback;

  if (stmt == NULL)
    return fallback;
  _rounds_store_bind_text (stmt, 1, key);
  if (rounds_db_step (stmt) == ROUNDS_DB_ROW)
    {
      const char *value = _rounds_store_column_text (stmt, 0);
      char *end = NULL;
      gint64 parsed = g_ascii_strtoll (value, &end, 10);

      if (end != value && *end == '\0')
        result = parsed;
    }
  rounds_db_reset (stmt);
  return result;
}

static gboolean
set_int (RoundsStore  *self,
         const char   *key,
         gint64        value,
         GError      **error)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, value);
  RoundsDbStmt *stmt = _rounds_store_prepare (self,
                                              "INSERT INTO kv (key, value) VALUES (?1, ?2)"
                                              " ON CONFLICT (key) DO UPDATE SET value = ?2",
                                              error);

  if (stmt == NULL)
    return FALSE;
  _rounds_store_bind_text (stmt, 1, key);
  _rounds_store_bind_text (stmt, 2, text);
  return _rounds_store_step_done (self, stmt, error, _("Could not save the setting"));
}

/* What an hour of each role costs until the practice says otherwise, in
 * cents: a rough US figure, and shown as an estimate. */
static gint64
default_rate (const char *role)
{
  if (g_strcmp0 (role, "approver") == 0)
    return 6000;
  if (g_strcmp0 (role, "manager") == 0)
    return 3500;
  if (g_strcmp0 (role, "designer") == 0)
    return 4500;
  return 2500;
}

gint64
rounds_store_get_hourly_rate (RoundsStore *self,
                              const char  *role)
{
  g_autofree char *key = g_strconcat ("insights.rate.", role, NULL);

  g_return_val_if_fail (ROUNDS_IS_STORE (self), 0);
  return get_int (self, key, default_rate (role));
}

gboolean
rounds_store_set_hourly_rate (RoundsStore  *self,
                              const char   *role,
                              gint64        cents,
                              GError      **error)
{
  g_autofree char *key = g_strconcat ("insights.rate.", role, NULL);

  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);
  return set_int (self, key, MAX (cents, 0), error);
}

gint64
rounds_store_get_patient_value (RoundsStore *self)
{
  g_return_val_if_fail (ROUNDS_IS_STORE (self), 0);
  return get_int (self, "insights.patient-value", 0);
}

gboolean
rounds_store_set_patient_value (RoundsStore  *self,
                                gint64        cents,
                                GError      **error)
{
  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);
  return set_int (self, "insights.patient-value", MAX (cents, 0), error);
}

gboolean
rounds_store_get_utm_enabled (RoundsStore *self)
{
  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);
  return get_int (self, "insights.utm", 1) != 0;
}

gboolean
rounds_store_set_utm_enabled (RoundsStore  *self,
                              gboolean      enabled,
                              GError      **error)
{
  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);
  return set_int (self, "insights.utm", enabled ? 1 : 0, error);
}
