/* rounds-metrics-collector.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-metrics-collector"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rounds-connector-factory.h"
#include "rounds-connector-source.h"
#include "rounds-insights.h"
#include "rounds-metrics-collector.h"
#include "rounds-store-insights.h"
#include "rounds-store-publish.h"
#include "rounds-utm.h"

/* How far back an account's own posts are counted again each day. */
#define RECENT_DAYS 30

/* Takes the day's snapshot of each connected account: its followers and
 * the counts of its recent posts, through the account's connector
 * (rounds_connector_fetch_metrics_async). Runs once a day and on Refresh;
 * what already has a reading today is not fetched again, so a second run
 * on the same day asks the networks for nothing. One account's failure
 * does not stop the others. */

typedef struct
{
  char            *account_id;
  RoundsConnector *connector;
  GStrv            remote_ids;
} Target;

struct _RoundsMetricsCollector
{
  GObject      parent_instance;

  RoundsStore   *store;
  GTimeZone     *tz;
  GPtrArray     *targets;   /* of Target, added by hand (tests, other callers) */
  RoundsConnectorSource *source;  /* when set: every connected account is measured too */
};

G_DEFINE_FINAL_TYPE (RoundsMetricsCollector, rounds_metrics_collector, G_TYPE_OBJECT)

typedef struct
{
  GPtrArray *targets;     /* of Target, a snapshot of the list */
  GPtrArray *accounts;    /* of RoundsAccount still to turn into targets */
  guint      next_account;
  guint      next;
  guint32    today;
  gint64     added;
  GError    *first_error;
} CollectJob;

static void
target_free (Target *target)
{
  g_free (target->account_id);
  g_clear_object (&target->connector);
  g_strfreev (target->remote_ids);
  g_free (target);
}

static void
collect_job_free (CollectJob *job)
{
  g_ptr_array_unref (job->targets);
  g_clear_pointer (&job->accounts, g_ptr_array_unref);
  g_clear_error (&job->first_error);
  g_free (job);
}

static void collect_next (GTask *task);

static void
on_fetched_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RoundsMetricsCollector *self = g_task_get_source_object (task);
  CollectJob *job = g_task_get_task_data (task);
  Target *target = g_ptr_array_index (job->targets, job->next - 1);
  g_autoptr(GPtrArray) metrics = NULL;
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (RoundsSnapshotRow));
  g_autoptr(GError) error = NULL;
  RoundsNetwork network = rounds_connector_get_network (target->connector);
  guint added;

  metrics = rounds_connector_fetch_metrics_finish (ROUNDS_CONNECTOR (source), result, &error);
  if (metrics == NULL)
    {
      g_debug ("Account %s: metrics not fetched", target->account_id);
      if (job->first_error == NULL)
        job->first_error = g_steal_pointer (&error);
      collect_next (g_steal_pointer (&task));
      return;
    }

  for (guint i = 0; i < metrics->len; i++)
    {
      const RoundsMetric *metric = g_ptr_array_index (metrics, i);
      RoundsSnapshotRow row = { network, target->account_id, metric->remote_id, job->today,
                                metric->name, metric->value };

      if (metric->name == NULL || metric->value < 0)
        continue;
      g_array_append_val (rows, row);
    }

  added = rounds_store_add_snapshots (self->store, (RoundsSnapshotRow *)rows->data, rows->len,
                                      "connector", &error);
  if (added == G_MAXUINT)
    {
      if (job->first_error == NULL)
        job->first_error = g_steal_pointer (&error);
    }
  else
    job->added += added;

  g_debug ("Account %s: %u new readings", target->account_id, added == G_MAXUINT ? 0 : added);
  collect_next (g_steal_pointer (&task));
}

static gboolean
account_done_today (RoundsMetricsCollector *self,
                    Target                 *target,
                    RoundsNetwork           network,
                    guint32                 today)
{
  return rounds_store_has_snapshot (self->store, network, target->account_id, NULL, today, NULL);
}

static void
collect_next (GTask *task)
{
  RoundsMetricsCollector *self = g_task_get_source_object (task);
  CollectJob *job = g_task_get_task_data (task);

  while (job->next < job->targets->len)
    {
      Target *target = g_ptr_array_index (job->targets, job->next++);
      RoundsNetwork network = rounds_connector_get_network (target->connector);
      g_autoptr(GStrvBuilder) wanted = g_strv_builder_new ();
      g_auto(GStrv) ids = NULL;
      gboolean account_done;

      if (g_task_return_error_if_cancelled (task))
        {
          g_object_unref (task);
          return;
        }
      if (!(rounds_connector_get_capabilities (target->connector) &
            ROUNDS_CONNECTOR_CAN_FETCH_METRICS))
        continue;

      /* Only what has no reading today. */
      account_done = account_done_today (self, target, network, job->today);
      for (guint i = 0; target->remote_ids != NULL && target->remote_ids[i] != NULL; i++)
        if (!rounds_store_has_snapshot (self->store, network, target->account_id,
                                        target->remote_ids[i], job->today, NULL))
          g_strv_builder_add (wanted, target->remote_ids[i]);
      ids = g_strv_builder_end (wanted);

      if (account_done && ids[0] == NULL)
        continue;

      rounds_connector_fetch_metrics_async (target->connector, (const char * const *)ids,
                                            g_task_get_cancellable (task), on_fetched_cb, task);
      return;
    }

  if (job->added == 0 && job->first_error != NULL)
    g_task_return_error (task, g_steal_pointer (&job->first_error));
  else
    {
      /* Some accounts were read: keep them; the failure is seen again at
       * the next run, which asks only for what is still missing. */
      if (job->first_error != NULL)
        g_debug ("Some accounts could not be measured this time");
      g_task_return_int (task, job->added);
    }
  g_object_unref (task);
}

/* Connected accounts: a connector from the account's sign-in in the
 * keyring, and the posts it published in the last RECENT_DAYS days, which
 * become measured posts (with their title and content pillar). */

static void load_next_account (GTask *task);

static void
add_account_target (RoundsMetricsCollector *self,
                    CollectJob             *job,
                    RoundsAccount          *account,
                    RoundsConnector        *connector)
{
  g_autofree char *account_id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                 rounds_account_get_id (account));
  gint64 now = rounds_clock_get_now (rounds_store_get_clock (self->store));
  g_autoptr(GPtrArray) posts = NULL;
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_autoptr(GError) error = NULL;
  Target *target;

  posts = rounds_store_list_published_since (self->store, rounds_account_get_id (account),
                                             now - RECENT_DAYS * G_TIME_SPAN_DAY / G_USEC_PER_SEC,
                                             &error);
  if (posts == NULL)
    g_debug ("Account %s: published posts not read: %s", account_id, error->message);

  for (guint i = 0; posts != NULL && i < posts->len; i++)
    {
      RoundsMeasuredPost *post = g_ptr_array_index (posts, i);
      const char *pillar = rounds_utm_campaign_for_title (post->title);
      g_autoptr(GError) upsert_error = NULL;

      if (!rounds_store_upsert_measured_post (self->store, post->network, account_id,
                                              post->remote_id, post->post_id, post->published_at,
                                              post->title,
                                              g_str_equal (pillar, "social") ? "" : pillar, "",
                                              &upsert_error))
        {
          g_debug ("Account %s: a post could not be recorded", account_id);
          continue;
        }
      g_strv_builder_add (ids, post->remote_id);
    }

  target = g_new0 (Target, 1);
  target->account_id = g_steal_pointer (&account_id);
  target->connector = g_object_ref (connector);
  target->remote_ids = g_strv_builder_end (ids);
  g_ptr_array_add (job->targets, target);
}

static void
on_account_connector_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RoundsMetricsCollector *self = g_task_get_source_object (task);
  CollectJob *job = g_task_get_task_data (task);
  RoundsAccount *account = g_ptr_array_index (job->accounts, job->next_account - 1);
  g_autoptr(RoundsConnector) connector = NULL;
  g_autoptr(GError) error = NULL;

  connector = rounds_connector_source_get_finish (ROUNDS_CONNECTOR_SOURCE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (connector == NULL)
    {
      g_debug ("Account %" G_GINT64_FORMAT ": no connector", rounds_account_get_id (account));
      if (job->first_error == NULL)
        job->first_error = g_steal_pointer (&error);
      load_next_account (g_steal_pointer (&task));
      return;
    }

  add_account_target (self, job, account, connector);
  load_next_account (g_steal_pointer (&task));
}

static void
load_next_account (GTask *task)
{
  RoundsMetricsCollector *self = g_task_get_source_object (task);
  CollectJob *job = g_task_get_task_data (task);

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }
  if (job->accounts == NULL || job->next_account >= job->accounts->len)
    {
      collect_next (task);
      return;
    }

  rounds_connector_source_get_async (self->source,
                                     g_ptr_array_index (job->accounts, job->next_account++),
                                     g_task_get_cancellable (task), on_account_connector_cb, task);
}

static void
rounds_metrics_collector_finalize (GObject *object)
{
  RoundsMetricsCollector *self = (RoundsMetricsCollector *)object;

  g_clear_object (&self->store);
  g_clear_pointer (&self->tz, g_time_zone_unref);
  g_clear_pointer (&self->targets, g_ptr_array_unref);
  g_clear_object (&self->source);

  G_OBJECT_CLASS (rounds_metrics_collector_parent_class)->finalize (object);
}

static void
rounds_metrics_collector_class_init (RoundsMetricsCollectorClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rounds_metrics_collector_finalize;
}

static void
rounds_metrics_collector_init (RoundsMetricsCollector *self)
{
  self->targets = g_ptr_array_new_with_free_func ((GDestroyNotify)target_free);
}

RoundsMetricsCollector *
rounds_metrics_collector_new (RoundsStore *store,
                              GTimeZone   *tz)
{
  RoundsMetricsCollector *self;

  g_return_val_if_fail (ROUNDS_IS_STORE (store), NULL);
  g_return_val_if_fail (tz != NULL, NULL);

  self = g_object_new (ROUNDS_TYPE_METRICS_COLLECTOR, NULL);
  self->store = g_object_ref (store);
  self->tz = g_time_zone_ref (tz);
  return self;
}

/**
 * rounds_metrics_collector_add_account:
 * @account_id: the account's id (accounts.id as text)
 * @recent_remote_ids: (nullable): the network ids of the account's recent
 *   posts to measure
 */
void
rounds_metrics_collector_add_account (RoundsMetricsCollector *self,
                                      const char             *account_id,
                                      RoundsConnector        *connector,
                                      const char * const     *recent_remote_ids)
{
  Target *target;

  g_return_if_fail (ROUNDS_IS_METRICS_COLLECTOR (self));
  g_return_if_fail (account_id != NULL);
  g_return_if_fail (ROUNDS_IS_CONNECTOR (connector));

  target = g_new0 (Target, 1);
  target->account_id = g_strdup (account_id);
  target->connector = g_object_ref (connector);
  target->remote_ids = g_strdupv ((GStrv)recent_remote_ids);
  g_ptr_array_add (self->targets, target);
}

void
rounds_metrics_collector_clear_accounts (RoundsMetricsCollector *self)
{
  g_return_if_fail (ROUNDS_IS_METRICS_COLLECTOR (self));
  g_ptr_array_set_size (self->targets, 0);
}

guint
rounds_metrics_collector_get_n_accounts (RoundsMetricsCollector *self)
{
  g_return_val_if_fail (ROUNDS_IS_METRICS_COLLECTOR (self), 0);
  return self->targets->len;
}

void
rounds_metrics_collector_collect_async (RoundsMetricsCollector *self,
                                        GCancellable           *cancellable,
                                        GAsyncReadyCallback     callback,
                                        gpointer                user_data)
{
  GTask *task;
  CollectJob *job;
  gint64 now;

  g_return_if_fail (ROUNDS_IS_METRICS_COLLECTOR (self));

  now = rounds_clock_get_now (rounds_store_get_clock (self->store));
  job = g_new0 (CollectJob, 1);
  job->targets = g_ptr_array_new_with_free_func ((GDestroyNotify)target_free);
  for (guint i = 0; i < self->targets->len; i++)
    {
      Target *target = g_ptr_array_index (self->targets, i);
      Target *copy = g_new0 (Target, 1);

      copy->account_id = g_strdup (target->account_id);
      copy->connector = g_object_ref (target->connector);
      copy->remote_ids = g_strdupv (target->remote_ids);
      g_ptr_array_add (job->targets, copy);
    }
  job->today = rounds_insights_today (self->tz, now);

  if (self->source != NULL)
    {
      GListModel *accounts = rounds_store_get_accounts (self->store);

      job->accounts = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < g_list_model_get_n_items (accounts); i++)
        {
          g_autoptr(RoundsAccount) account = g_list_model_get_item (accounts, i);

          /* An account whose sign-in expired waits for the user, as its
           * publishing queue does. */
          if (rounds_account_get_state (account) == ROUNDS_ACCOUNT_STATE_CONNECTED &&
              rounds_connector_network_is_supported (rounds_account_get_network (account)))
            g_ptr_array_add (job->accounts, g_steal_pointer (&account));
        }
    }

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rounds_metrics_collector_collect_async);
  g_task_set_task_data (task, job, (GDestroyNotify)collect_job_free);
  load_next_account (task);
}

/**
 * rounds_metrics_collector_collect_finish:
 * @error: set when every account that was asked failed
 *
 * Returns: how many new readings were stored, or -1 with @error set
 */
gint64
rounds_metrics_collector_collect_finish (RoundsMetricsCollector  *self,
                                         GAsyncResult            *result,
                                         GError                 **error)
{
  g_return_val_if_fail (ROUNDS_IS_METRICS_COLLECTOR (self), -1);
  g_return_val_if_fail (g_task_is_valid (result, self), -1);

  return g_task_propagate_int (G_TASK (result), error);
}

/**
 * rounds_metrics_collector_set_secrets:
 * @secrets: (nullable): where the accounts' sign-ins are
 *
 * With a keyring, each run also measures every connected account of the
 * practice (its followers and the posts it published in the last 30 days),
 * besides the accounts added by hand.
 */
void
rounds_metrics_collector_set_secrets (RoundsMetricsCollector *self,
                                      RoundsSecrets          *secrets)
{
  g_return_if_fail (ROUNDS_IS_METRICS_COLLECTOR (self));
  g_return_if_fail (secrets == NULL || ROUNDS_IS_SECRETS (secrets));

  g_clear_object (&self->source);
  if (secrets != NULL)
    self->source = rounds_connector_source_new (secrets);
}
