/* rounds-reminders.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-reminders"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "rounds-plan-inbox.h"
#include "rounds-plan-schedule.h"
#include "rounds-reminders.h"
#include "rounds-store-consents.h"
#include "rounds-store-inbox.h"
#include "rounds-store-plan.h"
#include "rounds-store-publish.h"
#include "rounds-store-reminders.h"
#include "rounds-time.h"

/* Which reminders are due now. A pure decision over the store and the
 * store's clock, run at every tick of the application:
 *
 * 1. Foresee: every post, plan and comment fact that deserves a reminder
 *    becomes a candidate with a stable key ("post-due:ID:TIME"), written
 *    to the reminders table (a delivered row is never touched again).
 * 2. Decide: of the undelivered (or snoozed) rows whose time has come,
 *    drop those whose fact is gone (post published, rescheduled), keep
 *    non-urgent ones back in quiet hours (a possible crisis comes through
 *    when the crisis plan says so), settle switched-off kinds
 *    silently, and send the rest; several late ones as one summary.
 * 3. Record: rows are marked delivered in the same transaction that
 *    decides to show them, so a restart never repeats a reminder.
 *
 * The clock may jump (daylight saving does not matter: everything is
 * UTC; a manual change may go back): delivered rows stay delivered
 * whatever the time, plan reminders come at most once in 20 hours, and
 * snoozes that would end too far ahead are brought back. */

#define PLAN_HOUR          9
#define PLAN_MIN_INTERVAL  (20 * 60 * 60)
#define KV_COMMENTS        "reminders.comments-cursor"
#define KV_LAST_TICK       "reminders.last-tick"
#define KV_ACTIVATED       "reminders.activated"
#define EXCERPT_CHARS      140

struct _RoundsReminders
{
  GObject                 parent_instance;
  RoundsStore            *store;
  RoundsReminderSettings  settings;
  gint64                  next_due;
  gint64                  last_tick;
  gint64                  last_tick_saved;
  guint                   serial;
};

G_DEFINE_FINAL_TYPE (RoundsReminders, rounds_reminders, G_TYPE_OBJECT)

typedef struct
{
  char               *key;
  RoundsReminderKind  kind;
  gint64              due_at;
  gint64              post_id;
  gint64              post_time;
  RoundsNetwork       networks;
  guint               n_comments;
  guint               n_reviews;
  gint64              last_comment_id;
  gint64              comment_id;       /* about this one item (else 0) */
  gboolean            urgent_item;      /* a complaint, a low rating, a possible crisis */
  RoundsTriageKind    triage;
  int                 rating;
  guint               n_tasks;
  gint64              account_id;
  gint64              expires_at;       /* 0: the sign-in already stopped working */
  gint64              consent_id;
  gboolean            revoked;
  guint               n_stopped;        /* posts sent back to review */
  GPtrArray          *take_down;        /* the published posts' links (char *) */
  gboolean            by_hand;          /* one post to delete by hand on networks */
  /* while deciding */
  gint64              effective_due;
  gboolean            snoozed;
  gboolean            past_quiet;       /* a crisis told in quiet hours (the plan says so) */
} Candidate;

static void
candidate_free (Candidate *c)
{
  g_free (c->key);
  g_clear_pointer (&c->take_down, g_ptr_array_unref);
  g_free (c);
}

/* ------------------------------------------------------------------ */
/* Settings                                                             */

/**
 * rounds_reminder_settings_init:
 *
 * The defaults: 15 minutes' lead, every kind on, quiet from 18:00 to
 * 08:00 and at weekends, no message text, no connected network.
 */
void
rounds_reminder_settings_init (RoundsReminderSettings *settings)
{
  g_return_if_fail (settings != NULL);

  settings->lead_minutes = 15;
  settings->enabled = ROUNDS_REMINDER_ALL_KINDS;
  settings->quiet_hours = TRUE;
  settings->quiet_start_hour = 18;
  settings->quiet_end_hour = 8;
  settings->quiet_weekends = TRUE;
  settings->show_text = FALSE;
  settings->connected = ROUNDS_NETWORK_NONE;
}

/* ------------------------------------------------------------------ */
/* Helpers                                                              */

static gint64
now_of (RoundsReminders *self)
{
  return rounds_clock_get_now (rounds_store_get_clock (self->store));
}

static GTimeZone *
dup_zone (RoundsReminders *self)
{
  return rounds_practice_dup_time_zone (rounds_store_get_practice (self->store));
}

/* Whitespace folded, at most EXCERPT_CHARS characters. */
static char *
excerpt (const char *text)
{
  g_autofree char *folded = NULL;
  g_auto(GStrv) words = NULL;
  glong len;

  words = g_strsplit_set (text ? text : "", " \t\r\n", -1);
  {
    g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
    g_auto(GStrv) kept = NULL;

    for (guint i = 0; words[i] != NULL; i++)
      if (words[i][0] != '\0')
        g_strv_builder_add (builder, words[i]);
    kept = g_strv_builder_end (builder);
    folded = g_strjoinv (" ", kept);
  }

  len = g_utf8_strlen (folded, -1);
  if (len <= EXCERPT_CHARS)
    return g_steal_pointer (&folded);

  {
    g_autofree char *cut = g_utf8_substring (folded, 0, EXCERPT_CHARS - 1);
    return g_strconcat (cut, "…", NULL);
  }
}

static GHashTable *
load_cursor (RoundsReminders *self,
             gboolean        *found)
{
  GHashTable *cursor = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *json = rounds_store_get_kv (self->store, KV_COMMENTS);
  g_autoptr(JsonParser) parser = json_parser_new ();

  *found = FALSE;
  if (json != NULL && json_parser_load_from_data (parser, json, -1, NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      JsonObject *obj = json_node_get_object (json_parser_get_root (parser));
      g_autoptr(GList) members = json_object_get_members (obj);

      *found = TRUE;
      for (GList *l = members; l != NULL; l = l->next)
        g_hash_table_insert (cursor, g_strdup (l->data),
                             GSIZE_TO_POINTER ((gsize)json_object_get_int_member (obj, l->data)));
    }

  return cursor;
}

static void
save_cursor (RoundsReminders *self,
             GHashTable      *cursor)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer key, value;

  json_builder_begin_object (builder);
  g_hash_table_iter_init (&iter, cursor);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      json_builder_set_member_name (builder, key);
      json_builder_add_int_value (builder, (gint64)GPOINTER_TO_SIZE (value));
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json = json_to_string (root, FALSE);

  if (!rounds_store_set_kv (self->store, KV_COMMENTS, json, &error))
    g_warning ("Could not save the comment reminder cursor: %s", error->message);
}

/* ------------------------------------------------------------------ */
/* Foreseeing                                                           */

static void
add_candidate (GHashTable *candidates,
               Candidate  *c)
{
  g_hash_table_replace (candidates, c->key, c);
}

/* Manual networks go from scheduled to due when their time comes
 * (DESIGN.md §4); the user then marks them published by hand. */
static void
mark_due_posts (RoundsReminders *self,
                gint64           now)
{
  g_autoptr(GPtrArray) posts = NULL;
  g_autoptr(GError) error = NULL;

  posts = rounds_store_list_posts_between (self->store, now - ROUNDS_REMINDERS_LOOKBACK, now + 1,
                                           &error);
  if (posts == NULL)
    {
      g_warning ("Could not read the due posts: %s", error->message);
      return;
    }

  for (guint i = 0; i < posts->len; i++)
    {
      RoundsPost *post = g_ptr_array_index (posts, i);
      RoundsNetwork nets = rounds_post_get_networks (post);
      g_autoptr(GError) local_error = NULL;

      if (rounds_post_get_status (post) != ROUNDS_POST_STATUS_SCHEDULED || nets == 0 ||
          (nets & self->settings.connected) != 0)
        continue;

      if (!rounds_store_set_post_status (self->store, rounds_post_get_id (post),
                                         ROUNDS_POST_STATUS_DUE, _("Due to be posted by hand"),
                                         &local_error))
        g_warning ("Post %" G_GINT64_FORMAT " could not become due: %s",
                   rounds_post_get_id (post), local_error->message);
    }
}

static void
collect_posts (RoundsReminders *self,
               gint64           now,
               GHashTable      *candidates)
{
  gint64 lead = MAX (self->settings.lead_minutes, 0) * 60;
  g_autoptr(GPtrArray) posts = NULL;
  g_autoptr(GPtrArray) failed = NULL;
  g_autoptr(GError) error = NULL;

  posts = rounds_store_list_posts_between (self->store, now - ROUNDS_REMINDERS_LOOKBACK,
                                           now + lead + 24 * 60 * 60, &error);
  if (posts == NULL)
    {
      g_warning ("Could not read the scheduled posts: %s", error->message);
      return;
    }

  for (guint i = 0; i < posts->len; i++)
    {
      RoundsPost *post = g_ptr_array_index (posts, i);
      RoundsPostStatus status = rounds_post_get_status (post);
      RoundsNetwork manual = rounds_post_get_networks (post) & ~self->settings.connected;
      gint64 id = rounds_post_get_id (post);
      gint64 at = rounds_post_get_scheduled_at (post);

      if (status == ROUNDS_POST_STATUS_SCHEDULED && at > now)
        {
          Candidate *c = g_new0 (Candidate, 1);

          c->key = g_strdup_printf ("post-soon:%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, id, at);
          c->kind = ROUNDS_REMINDER_POST_SOON;
          c->due_at = at - lead;
          c->post_id = id;
          c->post_time = at;
          c->networks = rounds_post_get_networks (post);
          add_candidate (candidates, c);
        }

      if ((status == ROUNDS_POST_STATUS_SCHEDULED || status == ROUNDS_POST_STATUS_DUE) &&
          manual != 0)
        {
          Candidate *c = g_new0 (Candidate, 1);

          c->key = g_strdup_printf ("post-due:%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, id, at);
          c->kind = ROUNDS_REMINDER_POST_DUE;
          c->due_at = at;
          c->post_id = id;
          c->post_time = at;
          c->networks = manual;
          add_candidate (candidates, c);
        }
    }

  /* Failures: one reminder per failure (its time is the post's last
   * change), read through the (status, updated_at) index. */
  failed = rounds_store_list_posts_in_status (self->store, ROUNDS_POST_STATUS_FAILED,
                                              now - ROUNDS_REMINDERS_LOOKBACK, &error);
  if (failed == NULL)
    {
      g_warning ("Could not read the failed posts: %s", error->message);
      return;
    }
  for (guint i = 0; i < failed->len; i++)
    {
      RoundsPost *post = g_ptr_array_index (failed, i);
      Candidate *c;

      c = g_new0 (Candidate, 1);
      c->key = g_strdup_printf ("post-failed:%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT,
                                rounds_post_get_id (post), rounds_post_get_updated_at (post));
      c->kind = ROUNDS_REMINDER_POST_FAILED;
      c->due_at = rounds_post_get_updated_at (post);
      c->post_id = rounds_post_get_id (post);
      c->post_time = rounds_post_get_scheduled_at (post);
      c->networks = rounds_post_get_networks (post);
      add_candidate (candidates, c);
    }
}

/* Tasks of the 30-day action plan whose day has passed, neither ticked
 * by hand nor completed with their wizard step. */
static guint
count_overdue_tasks (RoundsReminders *self,
                     const GDate     *today)
{
  g_autoptr(GHashTable) done = NULL;
  gboolean step_done[ROUNDS_PLAN_N_STEPS] = { FALSE };
  const RoundsPlanTask *tasks;
  guint n_tasks = 0, overdue = 0;
  GDate start;

  if (!rounds_store_get_plan_start (self->store, &start))
    return 0;

  done = rounds_store_plan_dup_done_tasks (self->store, NULL);
  for (guint i = 0; i < ROUNDS_PLAN_N_STEPS; i++)
    {
      g_autoptr(JsonObject) data = NULL;
      gint64 completed_at = 0;

      data = rounds_store_plan_load_section (self->store, rounds_plan_step_to_string (i),
                                             &completed_at, NULL);
      step_done[i] = completed_at != 0;
    }

  tasks = rounds_plan_tasks (&n_tasks);
  for (guint i = 0; i < n_tasks; i++)
    {
      gboolean is_done = step_done[tasks[i].step] ||
                         (done != NULL && g_hash_table_contains (done, tasks[i].id));

      if (rounds_plan_task_get_state (&tasks[i], &start, today, is_done) ==
          ROUNDS_PLAN_TASK_OVERDUE)
        overdue++;
    }

  return overdue;
}

static void
collect_plan (RoundsReminders *self,
              gint64           now,
              GHashTable      *candidates)
{
  g_autoptr(GTimeZone) tz = dup_zone (self);
  g_autoptr(GDateTime) local = rounds_time_to_local (tz, now);
  GDate today;
  guint n;
  Candidate *c;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));

  n = count_overdue_tasks (self, &today);
  if (n == 0)
    return;

  c = g_new0 (Candidate, 1);
  c->key = g_strdup_printf ("plan-tasks:%04d-%02d-%02d", g_date_get_year (&today),
                            g_date_get_month (&today), g_date_get_day (&today));
  c->kind = ROUNDS_REMINDER_PLAN_TASKS;
  c->due_at = rounds_time_from_local (tz, g_date_get_year (&today), g_date_get_month (&today),
                                      g_date_get_day (&today), PLAN_HOUR, 0);
  c->n_tasks = n;
  add_candidate (candidates, c);
}

static gboolean
comment_is_urgent (RoundsComment *comment)
{
  RoundsTriageKind triage = rounds_comment_get_triage (comment);
  int rating = rounds_comment_get_rating (comment);

  return triage == ROUNDS_TRIAGE_COMPLAINT || triage == ROUNDS_TRIAGE_CRISIS ||
         (rating >= 1 && rating <= 2);
}

/* New comments and reviews, one batch per network: everything unread
 * after the network's cursor. The cursor moves when the batch is
 * delivered; the first run starts it at the newest comment, so that
 * history is not announced as new. */
static void
collect_comments (RoundsReminders *self,
                  gint64           now,
                  GHashTable      *candidates)
{
  g_autoptr(GPtrArray) comments = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) cursor = NULL;
  Candidate *per_network[ROUNDS_N_NETWORKS] = { NULL };
  gboolean found;

  cursor = load_cursor (self, &found);

  if (!found)
    {
      /* One query: the newest id of each network (no comment read). */
      g_autoptr(GHashTable) newest = rounds_store_inbox_dup_newest_ids (self->store);
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, newest);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if ((gint64)GPOINTER_TO_SIZE (value) >
            (gint64)GPOINTER_TO_SIZE (g_hash_table_lookup (cursor, key)))
          g_hash_table_insert (cursor, g_strdup (key), value);
      save_cursor (self, cursor);
      return;
    }

  /* Only each network's unread items past its cursor are read (a
   * network without a cursor starts at 0). */
  for (guint i = 0; i < ROUNDS_N_NETWORKS; i++)
    {
      RoundsNetwork network = rounds_network_from_index (i);
      const char *net = rounds_network_to_string (network);
      g_autoptr(GPtrArray) unread = NULL;

      if (net == NULL)
        continue;
      unread = rounds_store_inbox_list_unread_after (
        self->store, network, (gint64)GPOINTER_TO_SIZE (g_hash_table_lookup (cursor, net)));
      for (guint j = 0; j < unread->len; j++)
        g_ptr_array_add (comments, g_object_ref (g_ptr_array_index (unread, j)));
    }

  for (guint i = 0; i < comments->len; i++)
    {
      RoundsComment *comment = g_ptr_array_index (comments, i);
      RoundsNetwork network = rounds_comment_get_network (comment);
      const char *net = rounds_network_to_string (network);
      gint64 id = rounds_comment_get_id (comment);
      Candidate *c = NULL;
      guint index = 0;

      if (net == NULL || rounds_comment_get_is_read (comment) ||
          id <= (gint64)GPOINTER_TO_SIZE (g_hash_table_lookup (cursor, net)))
        continue;

      while (index < ROUNDS_N_NETWORKS && rounds_network_from_index (index) != network)
        index++;
      if (index == ROUNDS_N_NETWORKS)
        continue;

      /* A complaint, a one- or two-star review or a possible crisis is
       * said at once, on its own (issue 14); the rest is batched per
       * network. */
      if (comment_is_urgent (comment))
        {
          c = g_new0 (Candidate, 1);
          c->kind = ROUNDS_REMINDER_COMMENTS;
          c->networks = network;
          c->urgent_item = TRUE;
          c->comment_id = id;
          c->last_comment_id = id;
          c->triage = rounds_comment_get_triage (comment);
          c->rating = rounds_comment_get_rating (comment);
          if (rounds_comment_get_kind (comment) == ROUNDS_COMMENT_KIND_REVIEW)
            c->n_reviews = 1;
          else
            c->n_comments = 1;
          c->due_at = MIN (rounds_comment_get_received_at (comment), now);
          c->key = g_strdup_printf ("comment:%" G_GINT64_FORMAT, id);
          add_candidate (candidates, c);
          continue;
        }

      c = per_network[index];
      if (c == NULL)
        {
          c = per_network[index] = g_new0 (Candidate, 1);
          c->kind = ROUNDS_REMINDER_COMMENTS;
          c->networks = network;
        }
      if (rounds_comment_get_kind (comment) == ROUNDS_COMMENT_KIND_REVIEW)
        c->n_reviews++;
      else
        c->n_comments++;
      c->last_comment_id = MAX (c->last_comment_id, id);
      /* A batch of one opens that item. */
      c->comment_id = c->n_comments + c->n_reviews == 1 ? id : 0;
      c->due_at = MAX (c->due_at, MIN (rounds_comment_get_received_at (comment), now));
    }

  for (guint i = 0; i < ROUNDS_N_NETWORKS; i++)
    {
      Candidate *c = per_network[i];

      if (c == NULL)
        continue;
      c->key = g_strdup_printf ("comments:%s:%" G_GINT64_FORMAT,
                                rounds_network_to_string (c->networks), c->last_comment_id);
      add_candidate (candidates, c);
    }
}

/* Accounts that cannot publish: a sign-in that stopped working (one
 * reminder per time it stopped: the store keeps the account's
 * updated_at while it stays expired), and one that expires within a week
 * (one per expiry date: a refreshed token makes a new one). */
static void
collect_accounts (RoundsReminders *self,
                  gint64           now,
                  GHashTable      *candidates)
{
  GListModel *accounts = rounds_store_get_accounts (self->store);
  guint n = g_list_model_get_n_items (accounts);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RoundsAccount) account = g_list_model_get_item (accounts, i);
      gint64 id = rounds_account_get_id (account);
      gint64 expires = rounds_account_get_token_expires_at (account);
      Candidate *c;

      if (rounds_account_get_state (account) == ROUNDS_ACCOUNT_STATE_AUTH_EXPIRED)
        {
          c = g_new0 (Candidate, 1);
          c->key = g_strdup_printf ("account-expired:%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT,
                                    id, rounds_account_get_updated_at (account));
          c->due_at = MIN (rounds_account_get_updated_at (account), now);
        }
      else if (expires > 0 && expires - ROUNDS_REMINDERS_TOKEN_WARNING <= now + 24 * 60 * 60)
        {
          c = g_new0 (Candidate, 1);
          c->key = g_strdup_printf ("account-expiring:%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT,
                                    id, expires);
          c->due_at = expires - ROUNDS_REMINDERS_TOKEN_WARNING;
          c->expires_at = expires;
        }
      else
        continue;

      c->kind = ROUNDS_REMINDER_ACCOUNT;
      c->account_id = id;
      c->networks = rounds_account_get_network (account);
      add_candidate (candidates, c);
    }
}

/* A revoked or expired authorization that posts rely on: the ones still
 * waiting to go out go back to review (audited; a revocation already did
 * that when it was recorded), and the user is told once which published
 * posts to take down, with their links. */
static void
collect_consents (RoundsReminders *self,
                  gint64           now,
                  GHashTable      *candidates)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lapsed = rounds_store_list_lapsed_consents (self->store, &error);
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GTimeZone) tz = dup_zone (self);

  if (lapsed == NULL)
    {
      g_warning ("Could not read the authorizations: %s", error->message);
      return;
    }

  for (guint i = 0; i < lapsed->len; i++)
    {
      const RoundsConsent *consent = g_ptr_array_index (lapsed, i);
      gboolean revoked = rounds_consent_get_state (consent, tz, now) == ROUNDS_CONSENT_REVOKED;
      gint64 at = revoked ? consent->revoked_at : rounds_consent_expires_at (consent, tz);
      g_autoptr(GPtrArray) stopped = NULL;
      g_autoptr(GPtrArray) posts = NULL;
      g_autoptr(GError) local_error = NULL;
      Candidate *c;

      if (!rounds_store_stop_posts_of_consent (self->store, consent->id,
                                               revoked ? _("The patient revoked the authorization "
                                                           "this post relies on")
                                                       : _("The authorization this post relies on "
                                                           "expired"),
                                               &stopped, &local_error))
        {
          g_warning ("Could not stop the posts of authorization %" G_GINT64_FORMAT ": %s",
                     consent->id, local_error->message);
          continue;
        }
      posts = rounds_store_list_consent_posts (self->store, consent->id, NULL);

      c = g_new0 (Candidate, 1);
      c->key = g_strdup_printf ("consent:%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, consent->id, at);
      c->kind = ROUNDS_REMINDER_CONSENT;
      c->due_at = MIN (at, now);
      c->consent_id = consent->id;
      c->revoked = revoked;
      c->take_down = g_ptr_array_new_with_free_func (g_free);
      for (guint j = 0; posts != NULL && j < posts->len; j++)
        {
          RoundsPost *post = g_ptr_array_index (posts, j);
          g_autoptr(GPtrArray) places = NULL;

          if (rounds_post_get_status (post) != ROUNDS_POST_STATUS_PUBLISHED)
            continue;
          /* Where it is still out there: its links, or the network
           * where it was posted by hand (no link is known). */
          places = rounds_store_list_takedowns (self->store, rounds_post_get_id (post), NULL);
          for (guint k = 0; places != NULL && k < places->len; k++)
            {
              const RoundsTakedown *t = g_ptr_array_index (places, k);

              if (t->done_at != 0)
                continue;
              if (c->post_id == 0)
                c->post_id = rounds_post_get_id (post);
              g_ptr_array_add (c->take_down, g_strdup (t->url[0] != '\0'
                                                         ? t->url
                                                         : rounds_network_get_label (t->network)));
            }
        }
      c->n_stopped = stopped != NULL ? stopped->len : 0;
      if (c->post_id == 0 && stopped != NULL && stopped->len > 0)
        c->post_id = rounds_post_get_id (g_ptr_array_index (stopped, 0));
      if (c->take_down->len == 0 && c->n_stopped == 0)
        {
          /* Nothing waiting, nothing out there: nothing to say. */
          candidate_free (c);
          continue;
        }
      add_candidate (candidates, c);
    }

  /* A post to take down by hand ("Take Down" on a network without a
   * connected account): said once, with its link when it is known. */
  pending = rounds_store_list_pending_takedowns (self->store, NULL);
  for (guint i = 0; pending != NULL && i < pending->len; i++)
    {
      const RoundsTakedown *t = g_ptr_array_index (pending, i);
      Candidate *c = g_new0 (Candidate, 1);

      c->key = g_strdup_printf ("takedown:%" G_GINT64_FORMAT ":%s:%" G_GINT64_FORMAT, t->post_id,
                                rounds_network_to_string (t->network), t->requested_at);
      c->kind = ROUNDS_REMINDER_CONSENT;
      c->due_at = MIN (t->requested_at, now);
      c->post_id = t->post_id;
      c->networks = t->network;
      c->by_hand = TRUE;
      c->take_down = g_ptr_array_new_with_free_func (g_free);
      if (t->url[0] != '\0')
        g_ptr_array_add (c->take_down, g_strdup (t->url));
      add_candidate (candidates, c);
    }
}

static void
advance_comment_cursor (RoundsReminders  *self,
                        Candidate       **delivered,
                        guint             n)
{
  g_autoptr(GHashTable) cursor = NULL;
  gboolean found, changed = FALSE;

  cursor = load_cursor (self, &found);
  for (guint i = 0; i < n; i++)
    {
      const char *net;

      /* A crisis told in quiet hours leaves the cursor where it is: the
       * comments held until the morning may be older. Its own row is
       * delivered, so it is not told twice. */
      if (delivered[i]->kind != ROUNDS_REMINDER_COMMENTS || delivered[i]->past_quiet)
        continue;
      net = rounds_network_to_string (delivered[i]->networks);
      if (delivered[i]->last_comment_id > (gint64)GPOINTER_TO_SIZE (g_hash_table_lookup (cursor,
                                                                                        net)))
        {
          g_hash_table_insert (cursor, g_strdup (net),
                               GSIZE_TO_POINTER ((gsize)delivered[i]->last_comment_id));
          changed = TRUE;
        }
    }

  if (changed)
    save_cursor (self, cursor);
}

static char *
candidate_data (Candidate *c)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  /* Ids and counts only: never text. */
  json_builder_begin_object (builder);
  if (c->post_id != 0)
    {
      json_builder_set_member_name (builder, "post");
      json_builder_add_int_value (builder, c->post_id);
    }
  if (c->networks != 0)
    {
      g_autofree char *nets = rounds_networks_to_string (c->networks);

      json_builder_set_member_name (builder, "networks");
      json_builder_add_string_value (builder, nets);
    }
  if (c->kind == ROUNDS_REMINDER_COMMENTS)
    {
      json_builder_set_member_name (builder, "comments");
      json_builder_add_int_value (builder, c->n_comments);
      json_builder_set_member_name (builder, "reviews");
      json_builder_add_int_value (builder, c->n_reviews);
      if (c->comment_id != 0)
        {
          json_builder_set_member_name (builder, "comment");
          json_builder_add_int_value (builder, c->comment_id);
        }
    }
  if (c->kind == ROUNDS_REMINDER_CONSENT)
    {
      json_builder_set_member_name (builder, "authorization");
      json_builder_add_int_value (builder, c->consent_id);
    }
  if (c->kind == ROUNDS_REMINDER_ACCOUNT)
    {
      json_builder_set_member_name (builder, "account");
      json_builder_add_int_value (builder, c->account_id);
    }
  if (c->kind == ROUNDS_REMINDER_PLAN_TASKS)
    {
      json_builder_set_member_name (builder, "tasks");
      json_builder_add_int_value (builder, c->n_tasks);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  return json_to_string (root, FALSE);
}

/* ------------------------------------------------------------------ */
/* Wording                                                              */

static char *
comments_title (guint       n_comments,
                guint       n_reviews,
                const char *network)
{
  if (n_reviews == 0)
    /* TRANSLATORS: "3 new comments on Facebook" */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new comment on %s",
                                         "%u new comments on %s", n_comments),
                            n_comments, network);
  if (n_comments == 0)
    /* TRANSLATORS: "2 new reviews on Google" */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new review on %s",
                                         "%u new reviews on %s", n_reviews),
                            n_reviews, network);

  /* TRANSLATORS: "4 new comments and reviews on Facebook" (always several) */
  return g_strdup_printf (_("%u new comments and reviews on %s"), n_comments + n_reviews,
                          network);
}

/* One item that needs care at once: its kind and network, never its
 * text or author (those only with show_text, in the body). */
static char *
urgent_title (Candidate  *c,
              const char *network)
{
  if (c->triage == ROUNDS_TRIAGE_CRISIS)
    /* TRANSLATORS: "Possible crisis on Facebook" */
    return g_strdup_printf (_("Possible crisis on %s"), network);
  if (c->rating >= 1 && c->rating <= 2)
    /* TRANSLATORS: "A 1★ review on Google" */
    return g_strdup_printf (_("A %d★ review on %s"), c->rating, network);
  /* TRANSLATORS: "A complaint on Facebook" */
  return g_strdup_printf (_("A complaint on %s"), network);
}

static void
add_post_text (RoundsReminders *self,
               GString         *body,
               gint64           post_id)
{
  g_autoptr(RoundsPost) post = NULL;
  g_autofree char *title = NULL;
  g_autofree char *text = NULL;

  if (!self->settings.show_text || (post = rounds_store_dup_post (self->store, post_id)) == NULL)
    return;

  title = rounds_post_dup_display_title (post);
  text = excerpt (rounds_post_get_body (post));
  g_string_append_printf (body, "\n“%s”", title);
  if (text[0] != '\0' && g_strcmp0 (text, title) != 0)
    g_string_append_printf (body, "\n%s", text);
}

static RoundsReminder *
build_single (RoundsReminders *self,
              Candidate       *c,
              gint64           now)
{
  g_autoptr(GTimeZone) tz = dup_zone (self);
  g_autofree char *title = NULL;
  g_autofree char *nets = c->networks ? rounds_networks_get_label (c->networks) : NULL;
  g_autofree char *when = c->post_time ? rounds_time_format_short (tz, c->post_time, now) : NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  RoundsReminder *reminder;

  switch (c->kind)
    {
    case ROUNDS_REMINDER_POST_SOON:
      {
        gint64 minutes = MAX ((c->post_time - now + 59) / 60, 1);

        /* TRANSLATORS: "Post due soon on Facebook, Instagram" */
        title = g_strdup_printf (_("Post due soon on %s"), nets);
        /* TRANSLATORS: "Scheduled for Today 09:00, in 15 minutes." */
        g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE,
                                                   "Scheduled for %s, in %d minute.",
                                                   "Scheduled for %s, in %d minutes.",
                                                   (gulong)minutes),
                                when, (int)minutes);
        if ((c->networks & ~self->settings.connected) != 0)
          g_string_append_printf (body, " %s", _("Rounds will remind you to post it by hand."));
        add_post_text (self, body, c->post_id);
      }
      break;

    case ROUNDS_REMINDER_POST_DUE:
      /* TRANSLATORS: "Time to post on Instagram" */
      title = g_strdup_printf (_("Time to post on %s"), nets);
      /* TRANSLATORS: "Scheduled for Today 09:00. Copy …" */
      g_string_append_printf (body, _("Scheduled for %s. Copy the text, post it, then mark it "
                                      "as posted."), when);
      add_post_text (self, body, c->post_id);
      break;

    case ROUNDS_REMINDER_POST_FAILED:
      title = g_strdup (_("A post could not be published"));
      /* TRANSLATORS: "Facebook, Today 09:00. Open it …" */
      g_string_append_printf (body, _("%s, %s. Open it to see why and try again."), nets,
                              when ? when : "");
      add_post_text (self, body, c->post_id);
      break;

    case ROUNDS_REMINDER_PLAN_TASKS:
      title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u plan task is overdue",
                                            "%u plan tasks are overdue", c->n_tasks),
                               c->n_tasks);
      g_string_append (body, _("Open the plan to see what is due this week."));
      break;

    case ROUNDS_REMINDER_COMMENTS:
      if (c->urgent_item)
        title = urgent_title (c, nets);
      else
        title = comments_title (c->n_comments, c->n_reviews, nets);
      if (self->settings.show_text)
        {
          g_autoptr(RoundsComment) comment = rounds_store_dup_comment (self->store,
                                                                       c->last_comment_id);

          if (comment != NULL)
            {
              g_autofree char *text = excerpt (rounds_comment_get_body (comment));

              /* TRANSLATORS: the newest comment's author and text */
              g_string_append_printf (body, _("%s: “%s”"),
                                      rounds_comment_get_author (comment), text);
            }
        }
      else if (c->urgent_item)
        g_string_append (body, _("Open it in the Inbox to answer with care: a second person "
                                 "approves the reply."));
      else
        g_string_append (body, _("Open the Inbox to read and answer them."));
      break;

    case ROUNDS_REMINDER_CONSENT:
      if (c->by_hand)
        {
          title = g_strdup (_("Take down a post by hand"));
          /* TRANSLATORS: %s is a network, such as "Facebook" */
          g_string_append_printf (body, _("The patient authorization it relied on ended. Delete "
                                          "it on %s, then mark it taken down in Preferences → "
                                          "Consents."), nets);
          for (guint i = 0; i < c->take_down->len; i++)
            g_string_append_printf (body, "\n%s", (char *)g_ptr_array_index (c->take_down, i));
          break;
        }
      title = g_strdup (c->revoked ? _("A patient revoked an authorization")
                                   : _("A patient authorization expired"));
      if (c->n_stopped > 0)
        g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE,
                                                   "%u post that relied on it is back in review.",
                                                   "%u posts that relied on it are back in review.",
                                                   c->n_stopped), c->n_stopped);
      if (c->take_down->len > 0)
        {
          if (body->len > 0)
            g_string_append_c (body, ' ');
          g_string_append (body, _("Take down what was published:"));
          for (guint i = 0; i < c->take_down->len; i++)
            g_string_append_printf (body, "\n%s", (char *)g_ptr_array_index (c->take_down, i));
        }
      break;

    case ROUNDS_REMINDER_ACCOUNT:
      {
        RoundsAccount *account = rounds_store_lookup_account (self->store, c->account_id);
        g_autofree char *label = account ? rounds_account_dup_label (account) : g_strdup (nets);
        const char *why = account ? rounds_account_get_last_error (account) : NULL;

        if (c->expires_at == 0)
          {
            /* TRANSLATORS: "Reconnect Bluesky @clinic.bsky.social" */
            title = g_strdup_printf (_("Reconnect %s"), label);
            g_string_append (body, _("Rounds cannot publish to this account until you sign in "
                                     "again. Its scheduled posts wait."));
            if (why != NULL && *why != '\0')
              /* TRANSLATORS: the network's own words about the sign-in */
              g_string_append_printf (body, "\n%s", why);
          }
        else
          {
            g_autofree char *expiry = rounds_time_format_short (tz, c->expires_at, now);

            /* TRANSLATORS: "The sign-in for Mastodon @clinic expires soon" */
            title = g_strdup_printf (_("The sign-in for %s expires soon"), label);
            /* TRANSLATORS: "It stops working Friday 09:00. Reconnect …" */
            g_string_append_printf (body, _("It stops working %s. Reconnect the account so that "
                                            "scheduled posts keep going out."), expiry);
          }
      }
      break;

    case ROUNDS_REMINDER_NONE:
    case ROUNDS_REMINDER_SUMMARY:
    default:
      g_assert_not_reached ();
    }

  reminder = rounds_reminder_new (c->key, c->kind, title, body->str);
  rounds_reminder_add_key (reminder, c->key);
  rounds_reminder_set_post_id (reminder, c->post_id);

  switch (c->kind)
    {
    case ROUNDS_REMINDER_POST_DUE:
      rounds_reminder_set_default_action (reminder, "open-post", g_variant_new_int64 (c->post_id));
      rounds_reminder_add_action (reminder, "open", _("Open"), "open-post",
                                  g_variant_new_int64 (c->post_id));
      rounds_reminder_add_action (reminder, "copy", _("Copy Text"), "copy-post-text",
                                  g_variant_new_int64 (c->post_id));
      rounds_reminder_add_action (reminder, "mark-posted", _("Mark as Posted"), "mark-posted",
                                  g_variant_new_int64 (c->post_id));
      rounds_reminder_add_action (reminder, "snooze", _("Snooze 1 Hour"), "snooze-reminder",
                                  g_variant_new_string (c->key));
      break;
    case ROUNDS_REMINDER_POST_SOON:
    case ROUNDS_REMINDER_POST_FAILED:
      rounds_reminder_set_default_action (reminder, "open-post", g_variant_new_int64 (c->post_id));
      rounds_reminder_add_action (reminder, "open", _("Open"), "open-post",
                                  g_variant_new_int64 (c->post_id));
      break;
    case ROUNDS_REMINDER_CONSENT:
      if (c->post_id > 0)
        rounds_reminder_set_default_action (reminder, "open-post", g_variant_new_int64 (c->post_id));
      break;
    case ROUNDS_REMINDER_PLAN_TASKS:
      rounds_reminder_set_default_action (reminder, "show-place", g_variant_new_string ("plan"));
      rounds_reminder_add_action (reminder, "open", _("Open Plan"), "show-place",
                                  g_variant_new_string ("plan"));
      break;
    case ROUNDS_REMINDER_COMMENTS:
      /* About one item: a click opens it in the Inbox. */
      if (c->comment_id != 0)
        rounds_reminder_set_default_action (reminder, "open-comment",
                                            g_variant_new_int64 (c->comment_id));
      else
        rounds_reminder_set_default_action (reminder, "show-place",
                                            g_variant_new_string ("inbox"));
      rounds_reminder_add_action (reminder, "open", _("Open Inbox"), "show-place",
                                  g_variant_new_string ("inbox"));
      break;
    case ROUNDS_REMINDER_ACCOUNT:
      rounds_reminder_set_default_action (reminder, "reconnect-account",
                                          g_variant_new_int64 (c->account_id));
      rounds_reminder_add_action (reminder, "reconnect", _("Reconnect"), "reconnect-account",
                                  g_variant_new_int64 (c->account_id));
      break;
    default:
      break;
    }

  return reminder;
}

static RoundsReminder *
build_summary (RoundsReminders  *self,
               Candidate       **items,
               guint             n,
               gboolean          missed,
               gint64            now)
{
  guint soon = 0, due = 0, failed = 0, tasks = 0, accounts = 0, consents = 0;
  guint comments[ROUNDS_N_NETWORKS] = { 0 }, reviews[ROUNDS_N_NETWORKS] = { 0 };
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *title = NULL;
  g_autofree char *id = NULL;
  g_autofree char *body = NULL;
  const char *place = "posts";
  RoundsReminder *reminder;

  for (guint i = 0; i < n; i++)
    {
      Candidate *c = items[i];

      switch (c->kind)
        {
        case ROUNDS_REMINDER_POST_SOON:   soon++; break;
        case ROUNDS_REMINDER_POST_DUE:    due++; break;
        case ROUNDS_REMINDER_POST_FAILED: failed++; break;
        case ROUNDS_REMINDER_PLAN_TASKS:  tasks = MAX (tasks, c->n_tasks); break;
        case ROUNDS_REMINDER_ACCOUNT:     accounts++; break;
        case ROUNDS_REMINDER_CONSENT:     consents++; break;
        case ROUNDS_REMINDER_COMMENTS:
          for (guint k = 0; k < ROUNDS_N_NETWORKS; k++)
            if (rounds_network_from_index (k) == c->networks)
              {
                comments[k] += c->n_comments;
                reviews[k] += c->n_reviews;
              }
          break;
        default:
          break;
        }
    }

  if (due > 0)
    g_ptr_array_add (lines, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "%u post to publish by hand",
                                                          "%u posts to publish by hand", due),
                                             due));
  if (soon > 0)
    g_ptr_array_add (lines, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "%u post due soon",
                                                          "%u posts due soon", soon), soon));
  if (failed > 0)
    g_ptr_array_add (lines, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "%u post could not be published",
                                                          "%u posts could not be published",
                                                          failed), failed));
  if (consents > 0)
    g_ptr_array_add (lines, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "%u patient authorization revoked or "
                                                          "expired: posts to take down",
                                                          "%u patient authorizations revoked or "
                                                          "expired: posts to take down",
                                                          consents), consents));
  if (accounts > 0)
    g_ptr_array_add (lines, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "%u account needs reconnecting",
                                                          "%u accounts need reconnecting",
                                                          accounts), accounts));
  if (tasks > 0)
    g_ptr_array_add (lines, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "%u plan task is overdue",
                                                          "%u plan tasks are overdue", tasks),
                                             tasks));
  for (guint k = 0; k < ROUNDS_N_NETWORKS; k++)
    if (comments[k] + reviews[k] > 0)
      g_ptr_array_add (lines, comments_title (comments[k], reviews[k],
                                              rounds_network_get_label (
                                                rounds_network_from_index (k))));
  g_ptr_array_add (lines, NULL);
  body = g_strjoinv ("\n", (char **)lines->pdata);

  if (due + soon + failed + consents == 0)
    place = tasks > 0 ? "plan" : "inbox";

  if (missed)
    /* TRANSLATORS: one notification for reminders that came while the
     * computer slept or Rounds was closed */
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u reminder you missed",
                                          "%u reminders you missed", n), n);
  else
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u reminder", "%u reminders", n), n);

  id = g_strdup_printf ("summary:%" G_GINT64_FORMAT ":%u", now, ++self->serial);
  reminder = rounds_reminder_new (id, ROUNDS_REMINDER_SUMMARY, title, body);
  for (guint i = 0; i < n; i++)
    rounds_reminder_add_key (reminder, items[i]->key);
  rounds_reminder_set_default_action (reminder, "show-place", g_variant_new_string (place));
  rounds_reminder_add_action (reminder, "open", _("Open Rounds"), "show-place",
                              g_variant_new_string (place));

  return reminder;
}

/* ------------------------------------------------------------------ */
/* Deciding                                                             */

static void
settle (RoundsReminders *self,
        GPtrArray       *keys,
        const char      *note,
        gint64           now)
{
  g_autoptr(GError) error = NULL;

  if (keys->len == 0)
    return;

  g_ptr_array_add (keys, NULL);
  if (!rounds_store_mark_reminders_delivered (self->store, (const char * const *)keys->pdata,
                                              now, note, &error))
    g_warning ("Could not settle %u reminders: %s", keys->len - 1, error->message);
  g_ptr_array_remove_index (keys, keys->len - 1);
}

static void
check_clock (RoundsReminders *self,
             gint64           now)
{
  g_autoptr(GError) error = NULL;

  if (self->last_tick == 0)
    {
      g_autofree char *saved = rounds_store_get_kv (self->store, KV_LAST_TICK);

      self->last_tick = saved ? g_ascii_strtoll (saved, NULL, 10) : 0;
      self->last_tick_saved = self->last_tick;
    }

  if (self->last_tick > now + 120)
    {
      g_debug ("The clock went back by %" G_GINT64_FORMAT " s", self->last_tick - now);
      if (!rounds_store_rebase_snoozes (self->store, now + ROUNDS_REMINDERS_SNOOZE, &error))
        g_warning ("Could not move the snoozed reminders: %s", error->message);
      self->last_tick_saved = 0;
    }

  self->last_tick = now;

  /* Kept in the file now and then, for the next start. */
  if (ABS (now - self->last_tick_saved) >= 10 * 60)
    {
      g_autofree char *value = g_strdup_printf ("%" G_GINT64_FORMAT, now);

      if (rounds_store_set_kv (self->store, KV_LAST_TICK, value, NULL))
        self->last_tick_saved = now;
    }
}

static int
compare_due (gconstpointer a,
             gconstpointer b)
{
  const Candidate *ca = *(Candidate * const *)a;
  const Candidate *cb = *(Candidate * const *)b;

  if (ca->effective_due != cb->effective_due)
    return ca->effective_due < cb->effective_due ? -1 : 1;
  return g_strcmp0 (ca->key, cb->key);
}

/**
 * rounds_reminders_tick:
 *
 * Decides what to show now, and records it as delivered.
 *
 * Returns: (transfer full) (element-type RoundsReminder): the
 *   notifications to show, or %NULL on error. Each is recorded as
 *   delivered: a second tick, or a restart, does not return it again
 *   (see rounds_reminders_forget() when one could not be shown).
 */
GPtrArray *
rounds_reminders_tick (RoundsReminders  *self,
                       GError          **error)
{
  g_autoptr(GHashTable) candidates = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) obsolete = g_ptr_array_new ();
  g_autoptr(GPtrArray) suppressed = g_ptr_array_new ();
  g_autoptr(GPtrArray) skipped = g_ptr_array_new ();
  g_autoptr(GPtrArray) ready = g_ptr_array_new ();
  g_autoptr(GPtrArray) late = g_ptr_array_new ();
  g_autoptr(GPtrArray) settled_comments = g_ptr_array_new ();
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean quiet, crisis_in_quiet = FALSE;
  gint64 now, last_plan;
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (ROUNDS_IS_REMINDERS (self), NULL);

  /* The practice server cannot be reached: nothing can be read or
   * recorded as shown, so nothing is shown from this PC until it is back
   * (the window's banner says so). What fell due meanwhile is found by
   * the first tick after it: delayed, not skipped. */
  if (!rounds_store_get_online (self->store))
    {
      g_debug ("Offline: no reminders until the practice server is back");
      return g_steal_pointer (&result);
    }

  now = now_of (self);
  check_clock (self, now);
  mark_due_posts (self, now);

  candidates = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                      (GDestroyNotify)candidate_free);
  collect_posts (self, now, candidates);
  collect_plan (self, now, candidates);
  collect_comments (self, now, candidates);
  collect_accounts (self, now, candidates);
  collect_consents (self, now, candidates);

  /* 1. Foresee. */
  if (g_hash_table_size (candidates) > 0)
    {
      GError *local_error = NULL;

      if (!rounds_store_begin_reminders (self->store, &local_error))
        {
          g_propagate_error (error, local_error);
          return NULL;
        }
      g_hash_table_iter_init (&iter, candidates);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          Candidate *c = value;
          g_autofree char *data = candidate_data (c);

          if (!rounds_store_upsert_reminder (self->store, c->key,
                                             rounds_reminder_kind_to_string (c->kind),
                                             c->due_at, data, &local_error))
            {
              rounds_store_end_reminders (self->store, FALSE, NULL);
              g_propagate_error (error, local_error);
              return NULL;
            }
        }
      if (!rounds_store_end_reminders (self->store, TRUE, error))
        return NULL;
    }

  /* 2. Decide. */
  rows = rounds_store_list_pending_reminders (self->store, error);
  if (rows == NULL)
    return NULL;

  quiet = rounds_reminders_is_quiet (self, now);
  /* The crisis plan may say that a possible crisis breaks through. */
  if (quiet)
    {
      g_autoptr(JsonObject) crisis = rounds_store_plan_load_section (self->store, "crisis",
                                                                     NULL, NULL);

      crisis_in_quiet = rounds_plan_crisis_in_quiet_hours (crisis);
    }
  last_plan = rounds_store_last_reminder_delivery (self->store,
                                                   rounds_reminder_kind_to_string (
                                                     ROUNDS_REMINDER_PLAN_TASKS));
  self->next_due = 0;

  for (guint i = 0; i < rows->len; i++)
    {
      RoundsReminderRow *row = g_ptr_array_index (rows, i);
      Candidate *c = g_hash_table_lookup (candidates, row->key);
      gint64 at = row->snoozed_until != 0 ? row->snoozed_until : row->due_at;

      if (c == NULL)
        {
          g_ptr_array_add (obsolete, row->key);
          continue;
        }

      if (at > now)
        {
          if (self->next_due == 0 || at < self->next_due)
            self->next_due = at;
          continue;
        }

      if ((self->settings.enabled & c->kind) == 0)
        {
          g_ptr_array_add (suppressed, row->key);
          if (c->kind == ROUNDS_REMINDER_COMMENTS)
            g_ptr_array_add (settled_comments, c);
          continue;
        }

      if (!rounds_reminder_kind_is_urgent (c->kind) && quiet)
        {
          if (!crisis_in_quiet || !c->urgent_item || c->triage != ROUNDS_TRIAGE_CRISIS)
            continue;
          c->past_quiet = TRUE;
        }

      if (c->kind == ROUNDS_REMINDER_PLAN_TASKS && row->snoozed_until == 0 && last_plan != 0 &&
          last_plan > now - PLAN_MIN_INTERVAL)
        {
          g_ptr_array_add (skipped, row->key);
          continue;
        }

      c->effective_due = at;
      c->snoozed = row->snoozed_until != 0;
      if (!c->snoozed && now - at > ROUNDS_REMINDERS_LATE_AFTER)
        g_ptr_array_add (late, c);
      else
        g_ptr_array_add (ready, c);
    }

  settle (self, obsolete, "obsolete", now);
  settle (self, suppressed, "off", now);
  settle (self, skipped, "once-a-day", now);
  advance_comment_cursor (self, (Candidate **)settled_comments->pdata, settled_comments->len);

  /* Several missed ones: one summary. One missed: shown as itself. */
  g_ptr_array_sort (late, compare_due);
  g_ptr_array_sort (ready, compare_due);
  if (late->len >= 2)
    {
      g_ptr_array_add (result, build_summary (self, (Candidate **)late->pdata, late->len, TRUE,
                                              now));
    }
  else if (late->len == 1)
    g_ptr_array_insert (ready, 0, g_ptr_array_index (late, 0));

  if (ready->len > ROUNDS_REMINDERS_MAX_SEPARATE)
    g_ptr_array_add (result, build_summary (self, (Candidate **)ready->pdata, ready->len, FALSE,
                                            now));
  else
    for (guint i = 0; i < ready->len; i++)
      g_ptr_array_add (result, build_single (self, g_ptr_array_index (ready, i), now));

  /* 3. Record. What another PC of the same person showed meanwhile (a
   * practice server) is not shown again here. */
  for (guint i = 0; i < result->len; i++)
    {
      RoundsReminder *reminder = g_ptr_array_index (result, i);
      const char *note = rounds_reminder_get_kind (reminder) == ROUNDS_REMINDER_SUMMARY
                           ? "summary" : NULL;
      guint n_claimed = 0;

      if (!rounds_store_claim_reminders (self->store, rounds_reminder_get_keys (reminder),
                                         now, note, &n_claimed, error))
        return NULL;
      if (n_claimed == 0)
        g_ptr_array_remove_index (result, i--);
    }
  advance_comment_cursor (self, (Candidate **)late->pdata, late->len);
  advance_comment_cursor (self, (Candidate **)ready->pdata, ready->len);

  if (result->len > 0)
    g_debug ("%u notification(s) for %u reminder(s)", result->len, late->len + ready->len);

  return g_steal_pointer (&result);
}

/* ------------------------------------------------------------------ */
/* Object                                                               */

static void
rounds_reminders_dispose (GObject *object)
{
  RoundsReminders *self = (RoundsReminders *)object;

  g_clear_object (&self->store);

  G_OBJECT_CLASS (rounds_reminders_parent_class)->dispose (object);
}

static void
rounds_reminders_class_init (RoundsRemindersClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = rounds_reminders_dispose;
}

static void
rounds_reminders_init (RoundsReminders *self)
{
  rounds_reminder_settings_init (&self->settings);
}

/**
 * rounds_reminders_new:
 *
 * A scheduler over @store's practice, using @store's clock.
 */
RoundsReminders *
rounds_reminders_new (RoundsStore *store)
{
  RoundsReminders *self;

  g_return_val_if_fail (ROUNDS_IS_STORE (store), NULL);

  self = g_object_new (ROUNDS_TYPE_REMINDERS, NULL);
  self->store = g_object_ref (store);

  return self;
}

RoundsStore *
rounds_reminders_get_store (RoundsReminders *self)
{
  g_return_val_if_fail (ROUNDS_IS_REMINDERS (self), NULL);
  return self->store;
}

void
rounds_reminders_set_settings (RoundsReminders              *self,
                               const RoundsReminderSettings *settings)
{
  g_return_if_fail (ROUNDS_IS_REMINDERS (self));
  g_return_if_fail (settings != NULL);

  self->settings = *settings;
  self->settings.lead_minutes = CLAMP (settings->lead_minutes, 0, 24 * 60);
  self->settings.quiet_start_hour = CLAMP (settings->quiet_start_hour, 0, 23);
  self->settings.quiet_end_hour = CLAMP (settings->quiet_end_hour, 0, 23);
}

const RoundsReminderSettings *
rounds_reminders_get_settings (RoundsReminders *self)
{
  g_return_val_if_fail (ROUNDS_IS_REMINDERS (self), NULL);
  return &self->settings;
}

/**
 * rounds_reminders_is_quiet:
 *
 * Whether @utc falls in the quiet hours (evening, weekend) in practice
 * time. Quiet hours from 18 to 8 wrap past midnight.
 */
gboolean
rounds_reminders_is_quiet (RoundsReminders *self,
                           gint64           utc)
{
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) local = NULL;
  int start, end, hour;

  g_return_val_if_fail (ROUNDS_IS_REMINDERS (self), FALSE);

  if (!self->settings.quiet_hours && !self->settings.quiet_weekends)
    return FALSE;

  tz = dup_zone (self);
  local = rounds_time_to_local (tz, utc);

  if (self->settings.quiet_weekends && g_date_time_get_day_of_week (local) >= 6)
    return TRUE;

  if (!self->settings.quiet_hours)
    return FALSE;

  start = self->settings.quiet_start_hour;
  end = self->settings.quiet_end_hour;
  hour = g_date_time_get_hour (local);

  if (start == end)
    return FALSE;
  if (start > end)
    return hour >= start || hour < end;
  return hour >= start && hour < end;
}

/**
 * rounds_reminders_get_next_due:
 *
 * Returns: when the next foreseen reminder falls due (as of the last
 *   tick), or 0: the application sets its timer by it.
 */
gint64
rounds_reminders_get_next_due (RoundsReminders *self)
{
  g_return_val_if_fail (ROUNDS_IS_REMINDERS (self), 0);
  return self->next_due;
}

/**
 * rounds_reminders_forget:
 *
 * The notification could not be shown (no notification service): its
 * reminders are due again at the next tick.
 */
gboolean
rounds_reminders_forget (RoundsReminders  *self,
                         RoundsReminder   *reminder,
                         GError          **error)
{
  const char * const *keys;

  g_return_val_if_fail (ROUNDS_IS_REMINDERS (self), FALSE);
  g_return_val_if_fail (ROUNDS_IS_REMINDER (reminder), FALSE);

  keys = rounds_reminder_get_keys (reminder);
  /* One transaction: a summary may stand for thousands of posts, and a
   * commit each would wait for the disk thousands of times. */
  if (!rounds_store_begin_reminders (self->store, error))
    return FALSE;
  for (guint i = 0; keys[i] != NULL; i++)
    if (!rounds_store_forget_reminder_delivery (self->store, keys[i], error))
      {
        rounds_store_end_reminders (self->store, FALSE, NULL);
        return FALSE;
      }

  return rounds_store_end_reminders (self->store, TRUE, error);
}

/**
 * rounds_reminders_snooze:
 * @key: the reminder's key (its notification's id)
 *
 * Brings a reminder back once, @seconds from now.
 */
gboolean
rounds_reminders_snooze (RoundsReminders  *self,
                         const char       *key,
                         gint64            seconds,
                         GError          **error)
{
  g_return_val_if_fail (ROUNDS_IS_REMINDERS (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  return rounds_store_snooze_reminder (self->store, key, now_of (self) + MAX (seconds, 60),
                                       error);
}

/**
 * rounds_reminders_mark_posted:
 *
 * The user posted a manual post by hand: it becomes published (through
 * due, when it was still scheduled), each step in the audit log, and its
 * reminders are settled so that a snooze does not bring it back.
 */
gboolean
rounds_reminders_mark_posted (RoundsReminders  *self,
                              gint64            post_id,
                              GError          **error)
{
  g_autoptr(RoundsPost) post = NULL;
  g_autofree char *due_key = NULL;
  g_autofree char *soon_key = NULL;

  g_return_val_if_fail (ROUNDS_IS_REMINDERS (self), FALSE);

  post = rounds_store_dup_post (self->store, post_id);
  if (post == NULL)
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_NOT_FOUND,
                   _("This post no longer exists"));
      return FALSE;
    }

  if (rounds_post_get_status (post) == ROUNDS_POST_STATUS_PUBLISHED)
    return TRUE;

  if (rounds_post_get_status (post) == ROUNDS_POST_STATUS_SCHEDULED &&
      !rounds_store_set_post_status (self->store, post_id, ROUNDS_POST_STATUS_DUE,
                                     _("Due to be posted by hand"), error))
    return FALSE;

  if (!rounds_store_set_post_status (self->store, post_id, ROUNDS_POST_STATUS_PUBLISHED,
                                     _("Marked as posted from a reminder"), error))
    return FALSE;

  due_key = g_strdup_printf ("post-due:%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, post_id,
                             rounds_post_get_scheduled_at (post));
  soon_key = g_strdup_printf ("post-soon:%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, post_id,
                              rounds_post_get_scheduled_at (post));
  {
    const char *keys[] = { due_key, soon_key, NULL };

    /* Rows that do not exist are simply not updated. */
    rounds_store_mark_reminders_delivered (self->store, keys, now_of (self), "posted", NULL);
  }

  return TRUE;
}

/**
 * rounds_reminders_has_scheduled:
 *
 * Returns: whether this practice has ever had a post scheduled (or due,
 *   publishing, failed): from then on reminding in the background is on
 *   by default. Remembered in the file once true.
 */
gboolean
rounds_reminders_has_scheduled (RoundsReminders *self)
{
  static const RoundsPostStatus once_scheduled[] = {
    ROUNDS_POST_STATUS_SCHEDULED, ROUNDS_POST_STATUS_DUE, ROUNDS_POST_STATUS_PUBLISHING,
    ROUNDS_POST_STATUS_PUBLISHED, ROUNDS_POST_STATUS_FAILED,
  };
  g_autofree char *activated = NULL;

  g_return_val_if_fail (ROUNDS_IS_REMINDERS (self), FALSE);

  activated = rounds_store_get_kv (self->store, KV_ACTIVATED);
  if (g_strcmp0 (activated, "1") == 0)
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (once_scheduled); i++)
    if (rounds_store_has_post_in_status (self->store, once_scheduled[i]))
      {
        rounds_store_set_kv (self->store, KV_ACTIVATED, "1", NULL);
        return TRUE;
      }

  return FALSE;
}
