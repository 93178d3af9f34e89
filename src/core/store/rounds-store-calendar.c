/* rounds-store-calendar.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-store-calendar"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rounds-store-calendar.h"
#include "rounds-store-private.h"
#include "rounds-time.h"

/* The calendar's part of the store. Ranges are read through the index on
 * posts.scheduled_at; recurring posts (posts.recurrence, a JSON rule) are
 * few, so their rules are kept in memory, read again after any change,
 * and expanded on demand. Every move is one transaction with an audit
 * entry ("moved"), and returns what is needed to undo it. */

struct _RoundsMoveUndo
{
  gint64  post_id;       /* the post that moved */
  gint64  old_utc;       /* where it was */
  char   *old_rule;      /* for a split: the series' rule before it */
  gint64  created_id;    /* for a split: the post made from the occurrence */
};

typedef struct
{
  RoundsStore *store;    /* weak */
  GHashTable  *rules;    /* id → RoundsRecurrence */
  gboolean     dirty;
} RecurrenceCache;

static void
recurrence_cache_free (gpointer data)
{
  RecurrenceCache *cache = data;

  g_clear_pointer (&cache->rules, g_hash_table_unref);
  g_free (cache);
}

static void
on_post_changed_cb (RoundsStore     *store,
                    RoundsPost      *post,
                    RecurrenceCache *cache)
{
  cache->dirty = TRUE;
}

static RecurrenceCache *
get_cache (RoundsStore *self)
{
  RecurrenceCache *cache = g_object_get_data (G_OBJECT (self), "rounds-recurrence-cache");

  if (cache == NULL)
    {
      cache = g_new0 (RecurrenceCache, 1);
      cache->store = self;
      cache->dirty = TRUE;
      cache->rules = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                            (GDestroyNotify)rounds_recurrence_free);
      g_object_set_data_full (G_OBJECT (self), "rounds-recurrence-cache", cache,
                              recurrence_cache_free);
      g_signal_connect (self, "post-changed", G_CALLBACK (on_post_changed_cb), cache);
    }

  if (cache->dirty)
    {
      RoundsDbStmt *stmt = _rounds_store_prepare (self, "SELECT id, recurrence FROM posts"
                                                        " WHERE recurrence IS NOT NULL", NULL);

      g_hash_table_remove_all (cache->rules);
      while (stmt != NULL && rounds_db_step (stmt) == ROUNDS_DB_ROW)
        {
          g_autoptr(GError) error = NULL;
          RoundsRecurrence *rule =
            rounds_recurrence_from_json (_rounds_store_column_text (stmt, 1), &error);

          if (rule != NULL)
            g_hash_table_insert (cache->rules, g_memdup2 (&(gint64){ rounds_db_column_int64 (stmt, 0) },
                                                          sizeof (gint64)), rule);
          else if (error != NULL)
            g_debug ("Post %" G_GINT64_FORMAT " has an unreadable rule: %s",
                     (gint64)rounds_db_column_int64 (stmt, 0), error->message);
        }
      if (stmt != NULL)
        rounds_db_reset (stmt);
      cache->dirty = FALSE;
    }

  return cache;
}

void
rounds_calendar_item_free (RoundsCalendarItem *item)
{
  if (item == NULL)
    return;
  g_clear_object (&item->post);
  g_free (item);
}

static RoundsCalendarItem *
item_new (RoundsPost *post,
          gint64      when,
          gboolean    recurring,
          guint       occurrence)
{
  RoundsCalendarItem *item = g_new0 (RoundsCalendarItem, 1);

  item->post = g_object_ref (post);
  item->when = when;
  item->recurring = recurring;
  item->occurrence = occurrence;
  return item;
}

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const RoundsCalendarItem *ia = *(RoundsCalendarItem **)a;
  const RoundsCalendarItem *ib = *(RoundsCalendarItem **)b;

  if (ia->when != ib->when)
    return ia->when < ib->when ? -1 : 1;
  if (rounds_post_get_id (ia->post) != rounds_post_get_id (ib->post))
    return rounds_post_get_id (ia->post) < rounds_post_get_id (ib->post) ? -1 : 1;
  return 0;
}

static GTimeZone *
dup_zone (RoundsStore *self)
{
  return rounds_practice_dup_time_zone (rounds_store_get_practice (self));
}

static gpointer
single_item_of_row (RoundsStore  *self,
                    RoundsDbStmt *stmt)
{
  g_autoptr(RoundsPost) post = _rounds_store_new_post_of_row (self, stmt);

  return item_new (post, rounds_post_get_scheduled_at (post), FALSE, 0);
}

/**
 * rounds_store_list_calendar_items:
 *
 * Returns: (transfer full) (element-type RoundsCalendarItem): what the
 *   calendar shows in [@from_utc, @to_utc): one-off posts read through the
 *   time index, and the occurrences of recurring posts, by time.
 */
GPtrArray *
rounds_store_list_calendar_items (RoundsStore  *self,
                                  GTimeZone    *tz,
                                  gint64        from_utc,
                                  gint64        to_utc,
                                  GError      **error)
{
  g_autoptr(GPtrArray) items = NULL;
  RecurrenceCache *cache;
  GHashTableIter iter;
  gpointer key, value;
  RoundsDbStmt *stmt;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);
  g_return_val_if_fail (tz != NULL, NULL);

  stmt = _rounds_store_prepare (self, "SELECT " ROUNDS_STORE_POST_COLUMNS " FROM posts"
                                      " WHERE scheduled_at >= ? AND"
                                      " scheduled_at < ? AND recurrence IS NULL"
                                      " ORDER BY scheduled_at, id", error);
  if (stmt == NULL)
    return NULL;

  rounds_db_bind_int64 (stmt, 1, from_utc);
  rounds_db_bind_int64 (stmt, 2, to_utc);
  items = _rounds_store_read_rows (self, stmt, single_item_of_row,
                                   (GDestroyNotify)rounds_calendar_item_free,
                                   error, _("Could not read the posts"));
  if (items == NULL)
    return NULL;

  cache = get_cache (self);
  if (g_hash_table_size (cache->rules) == 0)
    return g_steal_pointer (&items);

  g_hash_table_iter_init (&iter, cache->rules);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autoptr(RoundsPost) post = rounds_store_dup_post (self, *(gint64 *)key);
      g_autoptr(GArray) when = NULL;
      gint64 start;

      if (post == NULL || (start = rounds_post_get_scheduled_at (post)) <= 0 || start >= to_utc)
        continue;

      when = rounds_recurrence_expand (value, tz, start, from_utc, to_utc);
      for (guint i = 0; i < when->len; i++)
        {
          gint64 utc = g_array_index (when, gint64, i);
          int index = utc == start ? 0 : rounds_recurrence_index_of (value, tz, start, utc);

          g_ptr_array_add (items, item_new (post, utc, TRUE, MAX (index, 0)));
        }
    }

  g_ptr_array_sort (items, compare_items);
  return g_steal_pointer (&items);
}

/**
 * rounds_store_list_unscheduled:
 *
 * Returns: (transfer full) (element-type RoundsPost): the posts without a
 *   time that are still being worked on (drafts, in review, approved),
 *   newest first.
 */
#define UNSCHEDULED_SQL "SELECT " ROUNDS_STORE_POST_COLUMNS " FROM posts" \
                        " WHERE scheduled_at IS NULL AND" \
                        " status IN ('draft','in_review','approved')" \
                        " ORDER BY updated_at DESC, id DESC"

GPtrArray *
rounds_store_list_unscheduled (RoundsStore *self)
{
  GPtrArray *result;
  RoundsDbStmt *stmt;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), g_ptr_array_new_with_free_func (g_object_unref));

  stmt = _rounds_store_prepare (self, UNSCHEDULED_SQL, NULL);
  result = _rounds_store_read_rows (self, stmt, _rounds_store_new_post_of_row, g_object_unref,
                                    NULL, "list unscheduled");

  return result != NULL ? result : g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * rounds_store_check_move:
 * @to_utc: the new time; 0 takes the post off the calendar (undo only)
 *
 * Says whether @post may move to @to_utc, and why not in @error (a
 * sentence for a toast): a published post or one being published stays
 * where it is, and nothing moves into the past.
 */
gboolean
rounds_store_check_move (RoundsStore      *self,
                         RoundsPost       *post,
                         gint64            to_utc,
                         RoundsMoveFlags   flags,
                         GError          **error)
{
  gint64 now;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);
  g_return_val_if_fail (ROUNDS_IS_POST (post), FALSE);

  switch (rounds_post_get_status (post))
    {
    case ROUNDS_POST_STATUS_PUBLISHED:
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID,
                   _("A published post cannot be moved"));
      return FALSE;
    case ROUNDS_POST_STATUS_PUBLISHING:
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID,
                   _("This post is being published and cannot be moved"));
      return FALSE;
    default:
      break;
    }

  if (flags & ROUNDS_MOVE_ALLOW_PAST)
    return TRUE;

  now = rounds_clock_get_now (rounds_store_get_clock (self));
  if (to_utc <= now)
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID,
                   _("Posts cannot be moved into the past"));
      return FALSE;
    }

  return TRUE;
}

static char *
stamp (gint64 utc)
{
  g_autoptr(GDateTime) dt = NULL;

  if (utc <= 0)
    return g_strdup ("unscheduled");
  dt = g_date_time_new_from_unix_utc (utc);
  return g_date_time_format_iso8601 (dt);
}

static gboolean
update_time (RoundsStore  *self,
             RoundsPost   *post,
             gint64        to_utc,
             const char   *reason,
             GError      **error)
{
  RoundsDbStmt *stmt;
  gint64 now = rounds_clock_get_now (rounds_store_get_clock (self));
  g_autofree char *from = stamp (rounds_post_get_scheduled_at (post));
  g_autofree char *to = stamp (to_utc);
  g_autofree char *hash = rounds_post_dup_text_hash (post);

  stmt = _rounds_store_prepare (self, "UPDATE posts SET scheduled_at = ?, updated_at = ?"
                                      " WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  if (to_utc > 0)
    rounds_db_bind_int64 (stmt, 1, to_utc);
  else
    rounds_db_bind_null (stmt, 1);
  rounds_db_bind_int64 (stmt, 2, now);
  rounds_db_bind_int64 (stmt, 3, rounds_post_get_id (post));
  if (!_rounds_store_step_done (self, stmt, error, _("Could not move the post")))
    return FALSE;

  return _rounds_store_write_audit (self, "post", rounds_post_get_id (post), "moved", from, to,
                                    reason, hash, error);
}

/* Due → scheduled in the move's transaction, with its audit entry. */
static gboolean
rescheduled_status (RoundsStore  *self,
                    RoundsPost   *post,
                    GError      **error)
{
  RoundsDbStmt *stmt;
  g_autofree char *hash = rounds_post_dup_text_hash (post);

  stmt = _rounds_store_prepare (self, "UPDATE posts SET status = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  _rounds_store_bind_text (stmt, 1, rounds_post_status_to_string (ROUNDS_POST_STATUS_SCHEDULED));
  rounds_db_bind_int64 (stmt, 2, rounds_post_get_id (post));
  if (!_rounds_store_step_done (self, stmt, error, _("Could not move the post")))
    return FALSE;

  return _rounds_store_write_audit (self, "post", rounds_post_get_id (post), "status",
                                    rounds_post_status_to_string (ROUNDS_POST_STATUS_DUE),
                                    rounds_post_status_to_string (ROUNDS_POST_STATUS_SCHEDULED),
                                    _("Moved to a later time"), hash, error);
}

static void
publish_time (RoundsStore *self,
              RoundsPost  *post,
              gint64       to_utc)
{
  rounds_post_set_scheduled_at (post, to_utc);
  _rounds_post_set_times (post, rounds_post_get_created_at (post),
                          rounds_clock_get_now (rounds_store_get_clock (self)));
  _rounds_store_emit_post_changed (self, post);
}

static gboolean
write_rule (RoundsStore             *self,
            gint64                   id,
            const char              *json,
            GError                 **error)
{
  RoundsDbStmt *stmt = _rounds_store_prepare (self, "UPDATE posts SET recurrence = ?"
                                                    " WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  _rounds_store_bind_text (stmt, 1, json);
  rounds_db_bind_int64 (stmt, 2, id);
  return _rounds_store_step_done (self, stmt, error, _("Could not change the repetition"));
}

static gboolean
write_series_id (RoundsStore  *self,
                 gint64        id,
                 gint64        series_id,
                 GError      **error)
{
  RoundsDbStmt *stmt = _rounds_store_prepare (self, "UPDATE posts SET series_id = ?"
                                                    " WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  rounds_db_bind_int64 (stmt, 1, series_id);
  rounds_db_bind_int64 (stmt, 2, id);
  return _rounds_store_step_done (self, stmt, error, _("Could not change the repetition"));
}

static RoundsPost *
lookup_or_error (RoundsStore  *self,
                 gint64        id,
                 GError      **error)
{
  RoundsPost *post = rounds_store_lookup_post (self, id);

  if (post == NULL)
    g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_NOT_FOUND,
                 _("This post no longer exists"));
  return post;
}

void
rounds_move_undo_free (RoundsMoveUndo *undo)
{
  if (undo == NULL)
    return;
  g_free (undo->old_rule);
  g_free (undo);
}

gint64
rounds_move_undo_get_post_id (RoundsMoveUndo *undo)
{
  return undo->created_id != 0 ? undo->created_id : undo->post_id;
}

/**
 * rounds_store_move_post:
 * @to_utc: the new time (0 takes the post off the calendar; only with
 *   %ROUNDS_MOVE_ALLOW_PAST)
 *
 * Moves a post (a whole series, for a recurring one) after
 * rounds_store_check_move(), with an audit entry.
 *
 * Returns: (transfer full) (nullable): how to undo the move, or %NULL
 *   with @error set.
 */
RoundsMoveUndo *
rounds_store_move_post (RoundsStore      *self,
                        gint64            id,
                        gint64            to_utc,
                        RoundsMoveFlags   flags,
                        GError          **error)
{
  RoundsPost *post;
  RoundsMoveUndo *undo;
  gboolean undo_due;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);

  if ((post = lookup_or_error (self, id, error)) == NULL)
    return NULL;
  if (!rounds_store_check_move (self, post, to_utc, flags, error))
    return NULL;

  undo = g_new0 (RoundsMoveUndo, 1);
  undo->post_id = id;
  undo->old_utc = rounds_post_get_scheduled_at (post);

  if (undo->old_utc == to_utc)
    return undo;

  /* A post that was due to be posted by hand and is moved to a later
   * time is no longer due: it waits, scheduled, for its new time. */
  undo_due = rounds_post_get_status (post) == ROUNDS_POST_STATUS_DUE &&
             to_utc > rounds_clock_get_now (rounds_store_get_clock (self));

  if (!_rounds_store_begin (self, error))
    goto fail;
  if (!update_time (self, post, to_utc, NULL, error) ||
      (undo_due && !rescheduled_status (self, post, error)) ||
      !_rounds_store_commit (self, error))
    {
      _rounds_store_rollback (self);
      goto fail;
    }

  if (undo_due)
    _rounds_post_set_status (post, ROUNDS_POST_STATUS_SCHEDULED);
  publish_time (self, post, to_utc);
  return undo;

fail:
  rounds_move_undo_free (undo);
  return NULL;
}

/* The series' first occurrence moved as @occurrence → @to_utc moved: the
 * same number of days in practice time, at @to_utc's time of day. */
static gint64
shift_start (GTimeZone *tz,
             gint64     start,
             gint64     occurrence,
             gint64     to_utc)
{
  g_autoptr(GDateTime) s = rounds_time_to_local (tz, start);
  g_autoptr(GDateTime) o = rounds_time_to_local (tz, occurrence);
  g_autoptr(GDateTime) t = rounds_time_to_local (tz, to_utc);
  GDate ds, dor, dt;
  int days;

  g_date_clear (&ds, 1);
  g_date_clear (&dor, 1);
  g_date_clear (&dt, 1);
  g_date_set_dmy (&ds, g_date_time_get_day_of_month (s), g_date_time_get_month (s),
                  g_date_time_get_year (s));
  g_date_set_dmy (&dor, g_date_time_get_day_of_month (o), g_date_time_get_month (o),
                  g_date_time_get_year (o));
  g_date_set_dmy (&dt, g_date_time_get_day_of_month (t), g_date_time_get_month (t),
                  g_date_time_get_year (t));
  days = g_date_days_between (&dor, &dt);
  if (days >= 0)
    g_date_add_days (&ds, days);
  else
    g_date_subtract_days (&ds, -days);

  return rounds_time_from_local (tz, g_date_get_year (&ds), g_date_get_month (&ds),
                                 g_date_get_day (&ds), g_date_time_get_hour (t),
                                 g_date_time_get_minute (t));
}

/**
 * rounds_store_move_occurrence:
 * @occurrence_utc: the occurrence that was dragged
 * @scope: what moves: the series, only this occurrence (split out as a
 *   post of its own, linked by series_id), or this and the following ones
 *   (the series ends before it and a new series starts at @to_utc)
 *
 * Returns: (transfer full) (nullable): how to undo it.
 */
RoundsMoveUndo *
rounds_store_move_occurrence (RoundsStore      *self,
                              gint64            id,
                              gint64            occurrence_utc,
                              gint64            to_utc,
                              RoundsMoveScope   scope,
                              GError          **error)
{
  g_autoptr(RoundsRecurrence) rule = NULL;
  g_autoptr(RoundsRecurrence) rest = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(RoundsPost) copy = NULL;
  g_autofree char *old_json = NULL;
  g_autofree char *new_json = NULL;
  g_autofree char *rest_json = NULL;
  RoundsMoveUndo *undo;
  RoundsPost *post;
  gint64 start, new_id = 0;
  int index;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);

  if ((post = lookup_or_error (self, id, error)) == NULL)
    return NULL;

  rule = rounds_store_dup_recurrence (self, id);
  start = rounds_post_get_scheduled_at (post);
  tz = dup_zone (self);

  if (rule == NULL)
    return rounds_store_move_post (self, id, to_utc, ROUNDS_MOVE_DEFAULT, error);

  if (!rounds_store_check_move (self, post, to_utc, ROUNDS_MOVE_DEFAULT, error))
    return NULL;

  index = rounds_recurrence_index_of (rule, tz, start, occurrence_utc);
  if (index < 0)
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_NOT_FOUND,
                   _("This occurrence is no longer part of the series"));
      return NULL;
    }

  if (scope == ROUNDS_MOVE_SCOPE_ALL || (scope == ROUNDS_MOVE_SCOPE_FOLLOWING && index == 0))
    {
      gint64 new_start = shift_start (tz, start, occurrence_utc, to_utc);

      if (new_start <= rounds_clock_get_now (rounds_store_get_clock (self)))
        {
          g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID,
                       _("Posts cannot be moved into the past"));
          return NULL;
        }
      return rounds_store_move_post (self, id, new_start, ROUNDS_MOVE_DEFAULT, error);
    }

  old_json = rounds_recurrence_to_json (rule);
  copy = rounds_post_copy (post);
  rounds_post_set_scheduled_at (copy, to_utc);

  if (scope == ROUNDS_MOVE_SCOPE_THIS)
    {
      rounds_recurrence_exclude (rule, occurrence_utc);
    }
  else
    {
      rest = rounds_recurrence_copy (rule);
      g_clear_pointer (&rest->exdates, g_array_unref);
      if (rule->count > 0)
        {
          rest->count = rule->count - (guint)index;
          rule->count = (guint)index;
        }
      else
        {
          rule->until = occurrence_utc - 1;
        }
      rest_json = rounds_recurrence_to_json (rest);
    }
  new_json = rounds_recurrence_to_json (rule);

  if (!_rounds_store_begin (self, error))
    return NULL;
  if (!_rounds_store_insert_post_row (self, copy, rounds_post_get_status (post),
                                      scope == ROUNDS_MOVE_SCOPE_THIS
                                        ? "Moved out of a repeating post"
                                        : "Split from a repeating post",
                                      &new_id, error) ||
      !write_series_id (self, new_id, id, error) ||
      (rest_json != NULL && !write_rule (self, new_id, rest_json, error)) ||
      !write_rule (self, id, new_json, error) ||
      !_rounds_store_commit (self, error))
    {
      _rounds_store_rollback (self);
      return NULL;
    }

  undo = g_new0 (RoundsMoveUndo, 1);
  undo->post_id = id;
  undo->old_utc = start;
  undo->old_rule = g_steal_pointer (&old_json);
  undo->created_id = new_id;

  get_cache (self)->dirty = TRUE;
  _rounds_store_add_post (self, copy, new_id, rounds_post_get_status (post));
  _rounds_store_emit_post_changed (self, post);

  return undo;
}

/**
 * rounds_store_undo_move:
 *
 * Puts back what rounds_store_move_post() or
 * rounds_store_move_occurrence() changed.
 */
gboolean
rounds_store_undo_move (RoundsStore     *self,
                        RoundsMoveUndo  *undo,
                        GError         **error)
{
  RoundsPost *post;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);
  g_return_val_if_fail (undo != NULL, FALSE);

  if (undo->created_id == 0)
    {
      g_autoptr(RoundsMoveUndo) redo = rounds_store_move_post (self, undo->post_id, undo->old_utc,
                                                               ROUNDS_MOVE_ALLOW_PAST, error);
      return redo != NULL;
    }

  if ((post = lookup_or_error (self, undo->post_id, error)) == NULL)
    return FALSE;

  if (!rounds_store_delete_post (self, undo->created_id, error))
    return FALSE;
  if (!write_rule (self, undo->post_id, undo->old_rule, error))
    return FALSE;

  get_cache (self)->dirty = TRUE;
  _rounds_store_emit_post_changed (self, post);
  return TRUE;
}

/**
 * rounds_store_dup_recurrence:
 *
 * Returns: (transfer full) (nullable): the post's repetition rule.
 */
RoundsRecurrence *
rounds_store_dup_recurrence (RoundsStore *self,
                             gint64       id)
{
  RecurrenceCache *cache;
  RoundsRecurrence *rule;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);

  cache = get_cache (self);
  rule = g_hash_table_lookup (cache->rules, &id);
  return rule != NULL ? rounds_recurrence_copy (rule) : NULL;
}

/**
 * rounds_store_get_series_id:
 *
 * Returns: the recurring post an occurrence was split from, or 0.
 */
gint64
rounds_store_get_series_id (RoundsStore *self,
                            gint64       id)
{
  RoundsDbStmt *stmt;
  gint64 series = 0;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), 0);

  stmt = _rounds_store_prepare (self, "SELECT series_id FROM posts WHERE id = ?", NULL);
  if (stmt == NULL)
    return 0;
  rounds_db_bind_int64 (stmt, 1, id);
  if (rounds_db_step (stmt) == ROUNDS_DB_ROW)
    series = rounds_db_column_int64 (stmt, 0);
  rounds_db_reset (stmt);

  return series;
}

/**
 * rounds_store_set_recurrence:
 * @rule: (nullable): the rule; %NULL makes the post a one-off
 */
gboolean
rounds_store_set_recurrence (RoundsStore             *self,
                             gint64                   id,
                             const RoundsRecurrence  *rule,
                             GError                 **error)
{
  g_autofree char *json = rule != NULL ? rounds_recurrence_to_json (rule) : NULL;
  RoundsPost *post;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);

  if ((post = lookup_or_error (self, id, error)) == NULL)
    return FALSE;
  if (!write_rule (self, id, json, error))
    return FALSE;

  get_cache (self)->dirty = TRUE;
  _rounds_store_emit_post_changed (self, post);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* What a view shows: the first posts of each day and a count          */

/* One query for both engines (window functions: SQLite 3.25, any
 * PostgreSQL). The innermost SELECT puts each one-off post of the range
 * that passes the filter in its day (a CASE over the day starts: days
 * are not 86,400 s long across a change of the clocks); the middle one
 * numbers the posts of each day by time and counts them; the outer one
 * reads the first few of each day. Repeating posts (few) are expanded
 * here and merged into their days. */

#define ALL_STATUSES ((1u << (ROUNDS_POST_STATUS_LAST + 1)) - 1)
#define ALL_NETWORKS ((RoundsNetwork)((1u << ROUNDS_N_NETWORKS) - 1))

RoundsCalendarQuery *
rounds_calendar_query_new (GTimeZone   *tz,
                           const GDate *first,
                           guint        n_days,
                           guint        per_day)
{
  RoundsCalendarQuery *query = g_new0 (RoundsCalendarQuery, 1);

  g_return_val_if_fail (tz != NULL && n_days > 0, NULL);

  query->tz = g_time_zone_ref (tz);
  query->n_days = n_days;
  query->per_day = per_day;
  query->statuses = ALL_STATUSES;
  query->networks = ALL_NETWORKS;
  query->bounds = g_new (gint64, n_days + 1);
  for (guint i = 0; i <= n_days; i++)
    {
      GDate day = *first;

      g_date_add_days (&day, i);
      query->bounds[i] = rounds_time_from_local (tz, g_date_get_year (&day), g_date_get_month (&day),
                                                 g_date_get_day (&day), 0, 0);
    }
  return query;
}

RoundsCalendarQuery *
rounds_calendar_query_copy (const RoundsCalendarQuery *query)
{
  RoundsCalendarQuery *copy = g_memdup2 (query, sizeof *query);

  copy->tz = g_time_zone_ref (query->tz);
  copy->bounds = g_memdup2 (query->bounds, sizeof (gint64) * (query->n_days + 1));
  return copy;
}

void
rounds_calendar_query_free (RoundsCalendarQuery *query)
{
  if (query == NULL)
    return;
  g_clear_pointer (&query->tz, g_time_zone_unref);
  g_free (query->bounds);
  g_free (query);
}

void
rounds_calendar_range_free (RoundsCalendarRange *range)
{
  if (range == NULL)
    return;
  g_clear_pointer (&range->items, g_ptr_array_unref);
  g_clear_pointer (&range->unscheduled, g_ptr_array_unref);
  g_free (range->totals);
  g_free (range);
}

/* The filter's words, and its parameters bound from @next on. */
static void
append_filter (GString                   *sql,
               const RoundsCalendarQuery *query)
{
  gboolean any = FALSE;

  if ((query->statuses & ALL_STATUSES) != ALL_STATUSES)
    {
      g_string_append (sql, " AND status IN (");
      for (guint s = 0; s <= ROUNDS_POST_STATUS_LAST; s++)
        if (query->statuses & (1u << s))
          {
            g_string_append (sql, any ? ", ?" : "?");
            any = TRUE;
          }
      /* Nothing ticked: an empty list is not SQL; NULL matches nothing. */
      g_string_append (sql, any ? ")" : "NULL)");
    }
  if ((query->networks & ALL_NETWORKS) != ALL_NETWORKS)
    {
      g_string_append (sql, " AND (networks IS NULL OR networks = ''");
      for (guint i = 0; i < ROUNDS_N_NETWORKS; i++)
        if (query->networks & rounds_network_from_index (i))
          g_string_append (sql, " OR (',' || networks || ',') LIKE ?");
      g_string_append (sql, ")");
    }
}

static int
bind_filter (RoundsDbStmt              *stmt,
             const RoundsCalendarQuery *query,
             int                        next)
{
  if ((query->statuses & ALL_STATUSES) != ALL_STATUSES)
    for (guint s = 0; s <= ROUNDS_POST_STATUS_LAST; s++)
      if (query->statuses & (1u << s))
        rounds_db_bind_text (stmt, next++, rounds_post_status_to_string (s), -1,
                             ROUNDS_DB_TRANSIENT);
  if ((query->networks & ALL_NETWORKS) != ALL_NETWORKS)
    for (guint i = 0; i < ROUNDS_N_NETWORKS; i++)
      {
        RoundsNetwork network = rounds_network_from_index (i);

        if (query->networks & network)
          {
            g_autofree char *pattern = g_strdup_printf ("%%,%s,%%",
                                                        rounds_network_to_string (network));

            rounds_db_bind_text (stmt, next++, pattern, -1, ROUNDS_DB_TRANSIENT);
          }
      }
  return next;
}

static guint
day_of (const RoundsCalendarQuery *query,
        gint64                     utc)
{
  guint lo = 0, hi = query->n_days;

  /* bounds[lo] <= utc < bounds[hi] */
  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;

      if (utc < query->bounds[mid])
        hi = mid;
      else
        lo = mid;
    }
  return lo;
}

/* Runs the query on @db (the store's connection on the main thread, or a
 * reader's on a worker): the items' posts are new objects, not yet the
 * store's own. */
static RoundsCalendarRange *
read_range (RoundsDb                  *db,
            const RoundsCalendarQuery *query,
            GError                   **error)
{
  g_autoptr(RoundsCalendarRange) range = g_new0 (RoundsCalendarRange, 1);
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GPtrArray) days = NULL;
  gint64 from = query->bounds[0], to = query->bounds[query->n_days];
  RoundsDbStmt *stmt = NULL;
  guint limit = query->per_day > 0 ? query->per_day : G_MAXINT;
  int rc, next = 1;

  range->n_days = query->n_days;
  range->totals = g_new0 (guint, query->n_days);
  range->items = g_ptr_array_new_with_free_func ((GDestroyNotify)rounds_calendar_item_free);
  days = g_ptr_array_new_full (query->n_days, (GDestroyNotify)g_ptr_array_unref);
  for (guint i = 0; i < query->n_days; i++)
    g_ptr_array_add (days, g_ptr_array_new ());

  /* One-off posts: the first few of each day, and each day's count. */
  /* (The numbering sorts ids and times only; the few rows kept are read
   * by id after: carrying bodies through the window's sort cost 2-3×.) */
  g_string_append (sql, "SELECT " ROUNDS_STORE_POST_COLUMNS ", d, n FROM posts JOIN"
                        " (SELECT k, d,"
                        "  ROW_NUMBER() OVER (PARTITION BY d ORDER BY scheduled_at, k) AS r,"
                        "  COUNT(*) OVER (PARTITION BY d) AS n FROM"
                        "  (SELECT id AS k, scheduled_at, ");
  /* (a CASE needs a WHEN: one day is day 0) */
  if (query->n_days > 1)
    g_string_append (sql, "CASE");
  for (guint i = 1; i < query->n_days; i++)
    g_string_append_printf (sql, " WHEN scheduled_at < ? THEN %u", i - 1);
  if (query->n_days > 1)
    g_string_append_printf (sql, " ELSE %u END", query->n_days - 1);
  else
    g_string_append (sql, "0");
  g_string_append (sql, " AS d FROM posts"
                        "   WHERE scheduled_at >= ? AND scheduled_at < ?"
                        "   AND recurrence IS NULL");
  append_filter (sql, query);
  g_string_append (sql, ") AS p) AS q ON posts.id = q.k WHERE q.r <= ?"
                        " ORDER BY posts.scheduled_at, posts.id");

  rc = rounds_db_prepare_v2 (db, sql->str, -1, &stmt, NULL);
  if (rc != ROUNDS_DB_OK)
    return _rounds_store_db_error (db, rc, error, _("Could not read the posts")), NULL;
  for (guint i = 1; i < query->n_days; i++)
    rounds_db_bind_int64 (stmt, next++, query->bounds[i]);
  rounds_db_bind_int64 (stmt, next++, from);
  rounds_db_bind_int64 (stmt, next++, to);
  next = bind_filter (stmt, query, next);
  rounds_db_bind_int64 (stmt, next++, limit);

  while ((rc = rounds_db_step (stmt)) == ROUNDS_DB_ROW)
    {
      g_autoptr(RoundsPost) post = _rounds_post_new_of_row (stmt);
      guint d = (guint)rounds_db_column_int64 (stmt, 10);

      if (d >= query->n_days)
        continue;
      range->totals[d] = (guint)rounds_db_column_int64 (stmt, 11);
      g_ptr_array_add (g_ptr_array_index (days, d),
                       item_new (post, rounds_post_get_scheduled_at (post), FALSE, 0));
    }
  rounds_db_finalize (stmt);
  if (rc != ROUNDS_DB_DONE)
    return _rounds_store_db_error (db, rc, error, _("Could not read the posts")), NULL;

  /* Repeating posts: expanded into their days. */
  g_string_assign (sql, "SELECT " ROUNDS_STORE_POST_COLUMNS ", recurrence FROM posts"
                        " WHERE recurrence IS NOT NULL AND scheduled_at > 0 AND scheduled_at < ?");
  append_filter (sql, query);
  rc = rounds_db_prepare_v2 (db, sql->str, -1, &stmt, NULL);
  if (rc != ROUNDS_DB_OK)
    return _rounds_store_db_error (db, rc, error, _("Could not read the posts")), NULL;
  rounds_db_bind_int64 (stmt, 1, to);
  bind_filter (stmt, query, 2);
  while ((rc = rounds_db_step (stmt)) == ROUNDS_DB_ROW)
    {
      g_autoptr(RoundsPost) post = _rounds_post_new_of_row (stmt);
      g_autoptr(RoundsRecurrence) rule = rounds_recurrence_from_json (_rounds_store_column_text (stmt, 10),
                                                                      NULL);
      g_autoptr(GArray) when = NULL;
      gint64 start = rounds_post_get_scheduled_at (post);

      if (rule == NULL)
        continue;
      when = rounds_recurrence_expand (rule, query->tz, start, from, to);
      for (guint i = 0; i < when->len; i++)
        {
          gint64 utc = g_array_index (when, gint64, i);
          int index = utc == start ? 0 : rounds_recurrence_index_of (rule, query->tz, start, utc);
          guint d = day_of (query, utc);

          range->totals[d]++;
          g_ptr_array_add (g_ptr_array_index (days, d), item_new (post, utc, TRUE, MAX (index, 0)));
        }
    }
  rounds_db_finalize (stmt);
  if (rc != ROUNDS_DB_DONE)
    return _rounds_store_db_error (db, rc, error, _("Could not read the posts")), NULL;

  /* The drafts pane's posts, with the range (rounds_store_list_unscheduled()). */
  if (query->with_unscheduled)
    {
      range->unscheduled = g_ptr_array_new_with_free_func (g_object_unref);
      rc = rounds_db_prepare_v2 (db, UNSCHEDULED_SQL, -1, &stmt, NULL);
      if (rc != ROUNDS_DB_OK)
        return _rounds_store_db_error (db, rc, error, _("Could not read the posts")), NULL;
      while ((rc = rounds_db_step (stmt)) == ROUNDS_DB_ROW)
        g_ptr_array_add (range->unscheduled, _rounds_post_new_of_row (stmt));
      rounds_db_finalize (stmt);
      if (rc != ROUNDS_DB_DONE)
        return _rounds_store_db_error (db, rc, error, _("Could not read the posts")), NULL;
    }

  for (guint d = 0; d < query->n_days; d++)
    {
      GPtrArray *day = g_ptr_array_index (days, d);

      g_ptr_array_sort (day, compare_items);
      for (guint i = 0; i < day->len; i++)
        {
          if (i < limit)
            g_ptr_array_add (range->items, g_ptr_array_index (day, i));
          else
            rounds_calendar_item_free (g_ptr_array_index (day, i));
        }
    }

  return g_steal_pointer (&range);
}

/* The items' posts become the store's own. A post alive in the store is
 * kept as it is (@keep_live): it is never older than the row read on a
 * worker, which may be. */
static void
intern_range (RoundsStore         *self,
              RoundsCalendarRange *range,
              gboolean             keep_live)
{
  GHashTable *seen = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_object_unref);

  for (guint i = 0; i < range->items->len; i++)
    {
      RoundsCalendarItem *item = g_ptr_array_index (range->items, i);
      RoundsPost *own = g_hash_table_lookup (seen, item->post);

      if (own == NULL)
        {
          gint64 id = rounds_post_get_id (item->post);
          RoundsPost *live = keep_live ? g_hash_table_lookup (self->live_posts, &id) : NULL;

          own = live != NULL ? g_object_ref (live) : _rounds_store_intern_post (self, item->post);
          g_hash_table_insert (seen, item->post, own);   /* holds the reference */
        }
      g_set_object (&item->post, own);
    }
  g_hash_table_unref (seen);

  for (guint i = 0; range->unscheduled != NULL && i < range->unscheduled->len; i++)
    {
      RoundsPost *post = g_ptr_array_index (range->unscheduled, i);
      gint64 id = rounds_post_get_id (post);
      RoundsPost *live = keep_live ? g_hash_table_lookup (self->live_posts, &id) : NULL;
      RoundsPost *own = live != NULL ? g_object_ref (live) : _rounds_store_intern_post (self, post);

      g_ptr_array_index (range->unscheduled, i) = own;
      g_object_unref (post);
    }
}

/**
 * rounds_store_read_calendar_range:
 *
 * What a view of the calendar shows, read on this thread with the
 * store's connection (see rounds_store_read_calendar_range_async()).
 *
 * Returns: (transfer full) (nullable): the range, or %NULL with @error
 *   (%ROUNDS_STORE_ERROR_OFFLINE when the server cannot be reached)
 */
RoundsCalendarRange *
rounds_store_read_calendar_range (RoundsStore               *self,
                                  const RoundsCalendarQuery *query,
                                  GError                   **error)
{
  RoundsCalendarRange *range;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  if (!_rounds_store_ensure_open (self, error))
    return NULL;
  range = read_range (self->db, query, error);
  if (range != NULL)
    intern_range (self, range, FALSE);
  return range;
}

/* A connection of the calendar's own for reading on a worker: opened on
 * first use, kept for the next read, closed with the store (or when it
 * failed). One read at a time. */
typedef struct
{
  GMutex    lock;
  RoundsDb *db;
  char     *path;
  char     *conninfo;
} Reader;

static void
reader_clear (Reader *reader)
{
  g_clear_pointer (&reader->db, rounds_db_close_v2);
  g_free (reader->path);
  g_free (reader->conninfo);
  g_mutex_clear (&reader->lock);
}

static void
reader_unref (Reader *reader)
{
  g_atomic_rc_box_release_full (reader, (GDestroyNotify)reader_clear);
}

static Reader *
get_reader (RoundsStore *self)
{
  Reader *reader = g_object_get_data (G_OBJECT (self), "rounds-calendar-reader");

  if (reader == NULL)
    {
      reader = g_atomic_rc_box_new0 (Reader);
      g_mutex_init (&reader->lock);
      reader->path = g_strdup (self->path);
      reader->conninfo = g_strdup (self->conninfo);
      g_object_set_data_full (G_OBJECT (self), "rounds-calendar-reader", reader,
                              (GDestroyNotify)reader_unref);
    }
  return reader;
}

static gboolean
reader_open (Reader  *reader,
             GError **error)
{
  sqlite3 *db = NULL;
  int rc;

  if (reader->db != NULL)
    return TRUE;

  if (reader->conninfo != NULL)
    {
      g_autoptr(GError) connect_error = NULL;

      reader->db = rounds_db_open_postgresql (reader->conninfo, &connect_error);
      if (reader->db == NULL)
        {
          g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_OFFLINE,
                       _("Could not connect to the practice server: %s"), connect_error->message);
          return FALSE;
        }
      return TRUE;
    }

  rc = sqlite3_open_v2 (reader->path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOFOLLOW, NULL);
  if (rc != SQLITE_OK)
    {
      _rounds_store_sqlite_error (db, rc, error, _("Could not read the posts"));
      sqlite3_close (db);
      return FALSE;
    }
  sqlite3_busy_timeout (db, 5000);
  reader->db = rounds_db_new_sqlite (db);
  return TRUE;
}

typedef struct
{
  Reader              *reader;
  RoundsCalendarQuery *query;
} ReadData;

static void
read_data_free (ReadData *data)
{
  reader_unref (data->reader);
  rounds_calendar_query_free (data->query);
  g_free (data);
}

static void
read_range_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  ReadData *data = task_data;
  RoundsCalendarRange *range = NULL;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  g_mutex_lock (&data->reader->lock);
  if (reader_open (data->reader, &error))
    {
      range = read_range (data->reader->db, data->query, &error);
      /* A broken connection is opened again for the next read. */
      if (range == NULL && data->reader->conninfo != NULL &&
          !rounds_db_is_connected (data->reader->db))
        g_clear_pointer (&data->reader->db, rounds_db_close_v2);
    }
  g_mutex_unlock (&data->reader->lock);

  if (range == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, range, (GDestroyNotify)rounds_calendar_range_free);
}

/**
 * rounds_store_read_calendar_range_async:
 *
 * Reads what a view of the calendar shows on a worker thread, with a
 * connection of its own (the main thread goes on drawing meanwhile; on
 * a server the round trips are the worker's). The posts become the
 * store's own in the finish call, on the main thread.
 */
void
rounds_store_read_calendar_range_async (RoundsStore               *self,
                                        const RoundsCalendarQuery *query,
                                        GCancellable              *cancellable,
                                        GAsyncReadyCallback        callback,
                                        gpointer                   user_data)
{
  g_autoptr(GTask) task = NULL;
  ReadData *data;

  g_return_if_fail (ROUNDS_IS_STORE (self));
  g_return_if_fail (query != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rounds_store_read_calendar_range_async);

  if (self->db == NULL)
    {
      g_task_return_new_error (task, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_IO, "%s",
                               _("The data file is closed"));
      return;
    }
  if (self->offline)
    {
      g_task_return_new_error (task, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_OFFLINE, "%s",
                               self->offline_reason != NULL ? self->offline_reason
                                                            : _("Not now: the practice server cannot be reached"));
      return;
    }

  data = g_new0 (ReadData, 1);
  data->reader = g_atomic_rc_box_acquire (get_reader (self));
  data->query = rounds_calendar_query_copy (query);
  g_task_set_task_data (task, data, (GDestroyNotify)read_data_free);
  g_task_run_in_thread (task, read_range_thread);
}

RoundsCalendarRange *
rounds_store_read_calendar_range_finish (RoundsStore   *self,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  RoundsCalendarRange *range;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  range = g_task_propagate_pointer (G_TASK (result), error);
  if (range != NULL)
    intern_range (self, range, TRUE);
  return range;
}
