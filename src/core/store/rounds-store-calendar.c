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
GPtrArray *
rounds_store_list_unscheduled (RoundsStore *self)
{
  GPtrArray *result;
  RoundsDbStmt *stmt;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), g_ptr_array_new_with_free_func (g_object_unref));

  stmt = _rounds_store_prepare (self, "SELECT " ROUNDS_STORE_POST_COLUMNS " FROM posts"
                                      " WHERE scheduled_at IS NULL AND"
                                      " status IN ('draft','in_review','approved')"
                                      " ORDER BY updated_at DESC, id DESC", NULL);
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
