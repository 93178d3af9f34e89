/* rounds-plan-fill.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-plan"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rounds-plan.h"
#include "rounds-plan-fill.h"
#include "rounds-plan-schedule.h"
#include "rounds-store-plan.h"
#include "rounds-time.h"

#define N_DAYS (ROUNDS_PLAN_FILL_WEEKS * 7)

static int
compare_slots (gconstpointer a,
               gconstpointer b)
{
  const RoundsPlanSlot *sa = a, *sb = b;

  if (sa->at != sb->at)
    return sa->at < sb->at ? -1 : 1;
  return (int)sa->network - (int)sb->network;
}

/* Largest remainder: how many of @total drafts each pillar gets. */
static void
apportion (JsonObject *mix,
           guint       total,
           guint      *counts)
{
  const char * const *pillars = rounds_plan_pillars ();
  double remainders[8] = { 0 };
  guint given = 0;
  guint n = g_strv_length ((GStrv)pillars);

  for (guint i = 0; i < n; i++)
    {
      double exact = (double)total * rounds_plan_json_int (mix, pillars[i], 0) / 100.0;

      counts[i] = (guint)exact;
      remainders[i] = exact - counts[i];
      given += counts[i];
    }

  while (given < total)
    {
      guint best = 0;

      for (guint i = 1; i < n; i++)
        if (remainders[i] > remainders[best])
          best = i;
      counts[best]++;
      remainders[best] = -1;
      given++;
    }
}

/**
 * rounds_plan_fill_slots:
 * @strategy: the content-strategy step (checked: mix totals 100, cadence)
 * @existing: (element-type RoundsPost): posts already scheduled
 *
 * Plans the drafts without writing anything. Weeks start tomorrow (in
 * practice time). In each week, each network gets its cadence, counting
 * the posts it already has that week; drafts go on days with no post for
 * that network, spread over the week (a morning hour per network, and an
 * afternoon one when the cadence is above seven). Pillars follow the mix
 * exactly over the whole fill (largest remainder), interleaved in time.
 *
 * Returns: (transfer full) (element-type RoundsPlanSlot): the slots, by
 *   time, or %NULL when the strategy does not pass its checks.
 */
GArray *
rounds_plan_fill_slots (JsonObject  *strategy,
                        GTimeZone   *tz,
                        gint64       now_utc,
                        GPtrArray   *existing,
                        GError     **error)
{
  g_autoptr(GArray) slots = g_array_new (FALSE, FALSE, sizeof (RoundsPlanSlot));
  JsonObject *cadence = rounds_plan_json_object (strategy, "cadence");
  const char * const *pillars = rounds_plan_pillars ();
  GDate today = rounds_plan_today (tz, now_utc);
  GDate first = today;
  guint counts[8] = { 0 };
  double current[8] = { 0 };
  guint n_pillars = g_strv_length ((GStrv)pillars);

  if (!rounds_plan_validate (ROUNDS_PLAN_STEP_STRATEGY, strategy, NULL, NULL, error))
    return NULL;

  g_date_add_days (&first, 1);

  for (guint ni = 0; ni < ROUNDS_N_NETWORKS; ni++)
    {
      RoundsNetwork network = rounds_network_from_index (ni);
      int per_week = rounds_plan_json_int (cadence, rounds_network_to_string (network), 0);
      gboolean busy[N_DAYS] = { FALSE };
      int hour = 9 + (int)ni;

      if (per_week <= 0)
        continue;

      for (guint i = 0; existing != NULL && i < existing->len; i++)
        {
          RoundsPost *post = g_ptr_array_index (existing, i);
          RoundsNetwork on = rounds_post_get_networks (post);
          GDate day;
          int index;

          if (rounds_post_get_scheduled_at (post) == 0 ||
              rounds_post_get_status (post) == ROUNDS_POST_STATUS_CANCELLED)
            continue;
          /* A post with no network yet may go anywhere: keep clear of it. */
          if (on != ROUNDS_NETWORK_NONE && (on & network) == 0)
            continue;

          day = rounds_plan_today (tz, rounds_post_get_scheduled_at (post));
          index = g_date_days_between (&first, &day);
          if (index >= 0 && index < N_DAYS)
            busy[index] = TRUE;
        }

      for (int week = 0; week < ROUNDS_PLAN_FILL_WEEKS; week++)
        {
          gboolean used[14] = { FALSE };
          int per_day = per_week > 7 ? 2 : 1;
          int n_positions = 7 * per_day;
          int need = per_week;
          int placed = 0;

          for (int d = 0; d < 7; d++)
            if (busy[week * 7 + d])
              {
                need--;
                for (int p = 0; p < per_day; p++)
                  used[d * per_day + p] = TRUE;
              }

          for (int k = 0; k < need; k++)
            {
              int ideal = (int)(((k + 0.5) * n_positions) / MAX (need, 1));
              int chosen = -1;

              for (int delta = 0; delta < n_positions && chosen < 0; delta++)
                for (int sign = 1; sign >= -1 && chosen < 0; sign -= 2)
                  {
                    int pos = ideal + sign * delta;

                    if (pos >= 0 && pos < n_positions && !used[pos])
                      chosen = pos;
                  }
              if (chosen < 0)
                break;

              used[chosen] = TRUE;
              {
                GDate day = first;
                RoundsPlanSlot slot = { 0 };
                int pos_hour = hour + (chosen % per_day) * 5;

                g_date_add_days (&day, week * 7 + chosen / per_day);
                slot.at = rounds_time_from_local (tz, g_date_get_year (&day),
                                                  g_date_get_month (&day), g_date_get_day (&day),
                                                  pos_hour, 0);
                slot.network = network;
                g_array_append_val (slots, slot);
                placed++;
              }
            }
          (void)placed;
        }
    }

  g_array_sort (slots, compare_slots);

  /* Smooth weighted round robin: exact counts, evenly interleaved. */
  apportion (rounds_plan_json_object (strategy, "mix"), slots->len, counts);
  for (guint s = 0; s < slots->len; s++)
    {
      guint best = G_MAXUINT;

      for (guint i = 0; i < n_pillars; i++)
        {
          current[i] += counts[i];
          if (counts[i] > 0 && (best == G_MAXUINT || current[i] > current[best]))
            best = i;
        }
      current[best] -= slots->len;
      g_array_index (slots, RoundsPlanSlot, s).pillar = pillars[best];
    }

  return g_steal_pointer (&slots);
}

static char *
batch_key (const char *batch_id)
{
  return g_strdup_printf ("plan.fill.%s", batch_id);
}

/**
 * rounds_plan_fill_calendar:
 * @n_created: (out) (optional): how many drafts were made
 *
 * Creates the drafts planned by rounds_plan_fill_slots(). Each has the
 * pillar and an idea from the library as its title and no text; the
 * ids are kept under a new batch id, which becomes the last fill, and
 * the 30-day plan's "Fill the calendar" item is ticked (undoing the last
 * fill unticks it).
 *
 * Returns: (transfer full): the batch id, or %NULL on error (then no
 *   draft of this fill is left behind).
 */
char *
rounds_plan_fill_calendar (RoundsStore  *store,
                           JsonObject   *strategy,
                           const char   *specialty,
                           GTimeZone    *tz,
                           guint        *n_created,
                           GError      **error)
{
  gint64 now = rounds_clock_get_now (rounds_store_get_clock (store));
  g_autoptr(GPtrArray) existing = NULL;
  g_autoptr(GArray) slots = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) recent = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *batch = g_uuid_string_random ();
  g_autofree char *key = batch_key (batch);
  g_autofree char *value = NULL;
  g_autofree char *previous = NULL;
  g_autofree char *previous_key = NULL;

  g_return_val_if_fail (ROUNDS_IS_STORE (store), NULL);

  if (n_created != NULL)
    *n_created = 0;

  existing = rounds_store_list_posts_between (store, now - 86400 * 2,
                                              now + 86400 * (N_DAYS + 3), error);
  if (existing == NULL)
    return NULL;

  slots = rounds_plan_fill_slots (strategy, tz, now, existing, error);
  if (slots == NULL)
    return NULL;

  /* Titles of the posts of the four weeks before and the span ahead. */
  recent = rounds_store_list_posts_between (store, now - 86400 * 7 * ROUNDS_PLAN_FILL_WEEKS,
                                            now + 86400 * (N_DAYS + 3), error);
  if (recent == NULL)
    return NULL;
  for (guint i = 0; i < recent->len; i++)
    g_hash_table_add (used, g_strdup (rounds_post_get_title (g_ptr_array_index (recent, i))));

  for (guint i = 0; i < slots->len; i++)
    {
      const RoundsPlanSlot *slot = &g_array_index (slots, RoundsPlanSlot, i);
      g_autoptr(RoundsPost) post = rounds_post_new ();
      g_autoptr(GPtrArray) list = NULL;
      g_autofree char *title = NULL;
      GDate day = rounds_plan_today (tz, slot->at);
      RoundsPost *saved;

      /* An idea for the draft's own day (never an observance that is
       * over by then), and one not used by another post of the four
       * weeks around it: a fill never repeats itself. */
      list = rounds_plan_list_ideas_for_day (slot->pillar, specialty, &day);
      for (guint k = 0; k < list->len && title == NULL; k++)
        {
          g_autofree char *candidate = g_strdup_printf ("%s: %s",
                                                        rounds_plan_pillar_label (slot->pillar),
                                                        (char *)g_ptr_array_index (list, k));

          if (!g_hash_table_contains (used, candidate))
            title = g_steal_pointer (&candidate);
        }
      if (title == NULL)
        title = g_strdup (rounds_plan_pillar_label (slot->pillar));
      else
        g_hash_table_add (used, g_strdup (title));

      rounds_post_set_title (post, title);
      rounds_post_set_networks (post, slot->network);
      rounds_post_set_scheduled_at (post, slot->at);

      saved = rounds_store_save_post (store, post, error);
      if (saved == NULL)
        goto fail;

      {
        gint64 id = rounds_post_get_id (saved);
        g_array_append_val (ids, id);
      }
    }

  /* A fill that added nothing has nothing to undo: it must not take the
   * place of the last fill that did, or that fill's undo is lost. */
  if (ids->len == 0)
    {
      if (n_created != NULL)
        *n_created = 0;
      g_debug ("Filled the calendar with no draft: it already follows the plan");
      return g_steal_pointer (&batch);
    }

  json_builder_begin_array (builder);
  for (guint i = 0; i < ids->len; i++)
    json_builder_add_int_value (builder, g_array_index (ids, gint64, i));
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  value = json_to_string (root, FALSE);

  /* Filling the calendar is an item of the 30-day plan of its own. The
   * fill before this one is remembered, so that undoing this one makes
   * that one undoable again: each fill that added drafts has its undo. */
  previous = rounds_store_plan_dup_value (store, "plan.fill.last", NULL);
  previous_key = g_strdup_printf ("plan.fill-previous.%s", batch);
  if (!rounds_store_plan_set_value (store, key, value, error) ||
      (previous != NULL && !rounds_store_plan_set_value (store, previous_key, previous, error)) ||
      !rounds_store_plan_set_value (store, "plan.fill.last", batch, error) ||
      !rounds_store_plan_set_task_done (store, "calendar", TRUE, error))
    goto fail;

  if (n_created != NULL)
    *n_created = ids->len;

  g_debug ("Filled the calendar with %u drafts", ids->len);
  return g_steal_pointer (&batch);

fail:
  for (guint i = 0; i < ids->len; i++)
    rounds_store_delete_post (store, g_array_index (ids, gint64, i), NULL);
  rounds_store_plan_set_value (store, key, NULL, NULL);
  if (previous_key != NULL)
    rounds_store_plan_set_value (store, previous_key, NULL, NULL);
  if (previous != NULL)
    rounds_store_plan_set_value (store, "plan.fill.last", previous, NULL);
  return NULL;
}

/**
 * rounds_plan_undo_fill:
 * @n_deleted: (out) (optional): how many drafts were removed
 *
 * Deletes exactly the drafts of one fill that are still untouched
 * placeholders (still drafts, no text written), and forgets the batch.
 */
gboolean
rounds_plan_undo_fill (RoundsStore  *store,
                       const char   *batch_id,
                       guint        *n_deleted,
                       GError      **error)
{
  g_autofree char *key = NULL;
  g_autofree char *value = NULL;
  g_autofree char *last = NULL;
  g_autofree char *previous_key = NULL;
  g_autofree char *previous = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonArray *ids;
  guint deleted = 0;

  g_return_val_if_fail (ROUNDS_IS_STORE (store), FALSE);
  g_return_val_if_fail (batch_id != NULL, FALSE);

  if (n_deleted != NULL)
    *n_deleted = 0;

  key = batch_key (batch_id);
  value = rounds_store_plan_dup_value (store, key, error);
  if (value == NULL)
    {
      if (error == NULL || *error == NULL)
        g_set_error_literal (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_NOT_FOUND,
                             _("These drafts were already removed"));
      return FALSE;
    }

  if (!json_parser_load_from_data (parser, value, -1, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error_literal (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_CORRUPT,
                           _("The list of drafts to remove could not be read"));
      return FALSE;
    }

  ids = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (ids); i++)
    {
      gint64 id = json_array_get_int_element (ids, i);
      g_autoptr(RoundsPost) post = rounds_store_dup_post (store, id);

      /* Gone already, or no longer a placeholder: someone wrote it or
       * moved it on; undoing the fill must not lose that work. */
      if (post == NULL || rounds_post_get_status (post) != ROUNDS_POST_STATUS_DRAFT ||
          rounds_post_get_body (post)[0] != '\0')
        continue;
      if (!rounds_store_delete_post (store, id, error))
        return FALSE;
      deleted++;
    }

  if (!rounds_store_plan_set_value (store, key, NULL, error))
    return FALSE;

  /* Undoing the last fill makes the one before it (if it still has
   * drafts to undo) the last fill again; with none left, the plan's
   * "Fill the calendar" item is no longer done. */
  previous_key = g_strdup_printf ("plan.fill-previous.%s", batch_id);
  previous = rounds_store_plan_dup_value (store, previous_key, NULL);
  if (previous != NULL)
    {
      g_autofree char *previous_batch = batch_key (previous);
      g_autofree char *still = rounds_store_plan_dup_value (store, previous_batch, NULL);

      if (still == NULL)
        g_clear_pointer (&previous, g_free);
    }
  if (!rounds_store_plan_set_value (store, previous_key, NULL, error))
    return FALSE;

  last = rounds_store_plan_dup_value (store, "plan.fill.last", NULL);
  if (g_strcmp0 (last, batch_id) == 0 &&
      (!rounds_store_plan_set_value (store, "plan.fill.last", previous, error) ||
       (previous == NULL && !rounds_store_plan_set_task_done (store, "calendar", FALSE, error))))
    return FALSE;

  if (n_deleted != NULL)
    *n_deleted = deleted;

  return TRUE;
}

/**
 * rounds_plan_dup_last_fill:
 *
 * Returns: (transfer full) (nullable): the batch id of the last fill that
 *   can still be undone.
 */
char *
rounds_plan_dup_last_fill (RoundsStore *store)
{
  return rounds_store_plan_dup_value (store, "plan.fill.last", NULL);
}
