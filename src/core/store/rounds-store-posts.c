/* rounds-store-posts.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rounds-store-private.h"

/* Posts: the store's own post objects (read when asked for, one per id
 * while held); saving, deleting and restoring; and the status life
 * cycle with its audit entries. */

#define POST_COLUMNS ROUNDS_STORE_POST_COLUMNS

/* The store's own posts: one object per id while something holds it
 * (an editor, the calendar, a list page), found again through a weak
 * table, so that a change made through one view shows in the others.
 * Nothing is read at open and nothing is kept for posts nobody holds,
 * except the last ROUNDS_STORE_RECENT_POSTS handed out without a
 * reference (rounds_store_lookup_post(), rounds_store_save_post()),
 * which stay valid that long. */

static void
on_post_gone (gpointer  data,
              GObject  *where)
{
  RoundsStore *self = data;
  gint64 id = rounds_post_get_id (ROUNDS_POST (where));

  if (g_hash_table_lookup (self->live_posts, &id) == (gpointer)where)
    g_hash_table_remove (self->live_posts, &id);
}

static void
forget_post (RoundsStore *self,
             gint64       id)
{
  RoundsPost *live = g_hash_table_lookup (self->live_posts, &id);

  if (live == NULL)
    return;
  g_object_weak_unref (G_OBJECT (live), on_post_gone, self);
  g_hash_table_remove (self->live_posts, &id);
  for (GList *l = self->recent_posts->head; l != NULL; l = l->next)
    if (l->data == (gpointer)live)
      {
        g_queue_delete_link (self->recent_posts, l);
        g_object_unref (live);
        break;
      }
}

/* The store goes: posts still held elsewhere stay, no longer its own. */
void
_rounds_store_forget_posts (RoundsStore *self)
{
  GHashTableIter iter;
  gpointer value;

  if (self->recent_posts != NULL)
    while (!g_queue_is_empty (self->recent_posts))
      g_object_unref (g_queue_pop_head (self->recent_posts));
  if (self->live_posts == NULL)
    return;
  g_hash_table_iter_init (&iter, self->live_posts);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      g_object_weak_unref (G_OBJECT (value), on_post_gone, self);
      g_hash_table_iter_remove (&iter);
    }
}

RoundsPost *
_rounds_store_intern_post (RoundsStore *self,
                           RoundsPost  *post)
{
  gint64 id = rounds_post_get_id (post);
  RoundsPost *live = g_hash_table_lookup (self->live_posts, &id);
  gint64 *key;

  g_assert (id > 0);

  if (live != NULL)
    {
      if (live != post)
        rounds_post_assign (live, post);
      return g_object_ref (live);
    }

  key = g_new (gint64, 1);
  *key = id;
  g_hash_table_insert (self->live_posts, key, post);
  g_object_weak_ref (G_OBJECT (post), on_post_gone, self);
  return g_object_ref (post);
}

/* Keeps @post among the last few handed out without a reference. */
static void
keep_recent (RoundsStore *self,
             RoundsPost  *post)
{
  GList *link = g_queue_find (self->recent_posts, post);

  if (link != NULL)
    {
      g_queue_unlink (self->recent_posts, link);
      g_queue_push_head_link (self->recent_posts, link);
      return;
    }
  g_queue_push_head (self->recent_posts, g_object_ref (post));
  while (g_queue_get_length (self->recent_posts) > ROUNDS_STORE_RECENT_POSTS)
    g_object_unref (g_queue_pop_tail (self->recent_posts));
}

/* A new post of the current row, not the store's own yet: also on a
 * worker thread (rounds_store_read_calendar_range_async()). */
RoundsPost *
_rounds_post_new_of_row (RoundsDbStmt *stmt)
{
  RoundsPost *post = rounds_post_new ();
  RoundsPostStatus status = ROUNDS_POST_STATUS_DRAFT;

  rounds_post_status_from_string (_rounds_store_column_text (stmt, 3), &status);

  _rounds_post_set_id (post, rounds_db_column_int64 (stmt, 0));
  rounds_post_set_title (post, _rounds_store_column_text (stmt, 1));
  rounds_post_set_body (post, _rounds_store_column_text (stmt, 2));
  _rounds_post_set_status (post, status);
  rounds_post_set_scheduled_at (post, rounds_db_column_int64 (stmt, 4));
  rounds_post_set_networks (post, rounds_networks_from_string (_rounds_store_column_text (stmt, 5)));
  _rounds_post_set_last_error (post, (const char *)rounds_db_column_text (stmt, 6));
  _rounds_post_set_times (post, rounds_db_column_int64 (stmt, 7), rounds_db_column_int64 (stmt, 8));
  _rounds_post_set_version (post, rounds_db_column_int64 (stmt, 9));

  return post;
}

gpointer
_rounds_store_new_post_of_row (RoundsStore  *self,
                               RoundsDbStmt *stmt)
{
  g_autoptr(RoundsPost) post = _rounds_post_new_of_row (stmt);

  return _rounds_store_intern_post (self, post);
}

/* Reads posts with a query that selects ROUNDS_STORE_POST_COLUMNS. */
static GPtrArray *
read_posts (RoundsStore   *self,
            RoundsDbStmt  *stmt,
            GError       **error)
{
  return _rounds_store_read_rows (self, stmt, _rounds_store_new_post_of_row, g_object_unref,
                                  error, _("Could not read the posts"));
}

/**
 * rounds_store_get_posts:
 *
 * Every post of the practice as a list model in id order, read from the
 * database in pages as it is asked for (a #RoundsPostList; made on the
 * first call, not at open). For tests and tools: the app's views and
 * services ask for what they show with queries.
 *
 * Returns: (transfer none): the list model
 */
GListModel *
rounds_store_get_posts (RoundsStore *self)
{
  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);

  if (self->all_posts == NULL)
    self->all_posts = G_LIST_MODEL (_rounds_post_list_new_by_id (self));
  return self->all_posts;
}

/**
 * rounds_store_dup_post:
 *
 * The post with @id: the store's own object if one is alive (the same
 * object every view holds), else read from the database.
 *
 * Returns: (transfer full) (nullable): the post, or %NULL when there is
 *   no post @id
 */
RoundsPost *
rounds_store_dup_post (RoundsStore *self,
                       gint64       id)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  RoundsPost *live;
  RoundsDbStmt *stmt;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);

  live = g_hash_table_lookup (self->live_posts, &id);
  if (live != NULL)
    return g_object_ref (live);
  if (id <= 0 || self->db == NULL)
    return NULL;

  stmt = _rounds_store_prepare (self, "SELECT " POST_COLUMNS " FROM posts WHERE id = ?", &error);
  if (stmt != NULL)
    rounds_db_bind_int64 (stmt, 1, id);
  rows = read_posts (self, stmt, &error);
  if (rows == NULL)
    {
      g_warning ("Could not read post %" G_GINT64_FORMAT ": %s", id, error->message);
      return NULL;
    }
  return rows->len > 0 ? g_object_ref (g_ptr_array_index (rows, 0)) : NULL;
}

/**
 * rounds_store_lookup_post:
 *
 * Like rounds_store_dup_post(), without a reference: the store keeps
 * the post among the last %ROUNDS_STORE_RECENT_POSTS it handed out so,
 * and it stays valid at least that long. Take a reference (or use
 * rounds_store_dup_post()) to keep it.
 *
 * Returns: (transfer none) (nullable): the store's own post with @id.
 */
RoundsPost *
rounds_store_lookup_post (RoundsStore *self,
                          gint64       id)
{
  g_autoptr(RoundsPost) post = NULL;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);

  post = rounds_store_dup_post (self, id);
  if (post == NULL)
    return NULL;
  keep_recent (self, post);
  return post;   /* the recent list holds it */
}

/**
 * rounds_store_list_posts_in_status:
 * @updated_since: only posts changed at or after this time (0: all)
 *
 * Returns: (transfer full) (element-type RoundsPost): the posts in
 *   @status, by id, read through the (status, updated_at) index.
 */
GPtrArray *
rounds_store_list_posts_in_status (RoundsStore       *self,
                                   RoundsPostStatus   status,
                                   gint64             updated_since,
                                   GError           **error)
{
  RoundsDbStmt *stmt;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);

  if (!_rounds_store_ensure_open (self, error))
    return NULL;

  stmt = _rounds_store_prepare (self, "SELECT " POST_COLUMNS " FROM posts"
                                      " WHERE status = ? AND updated_at >= ? ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  _rounds_store_bind_text (stmt, 1, rounds_post_status_to_string (status));
  rounds_db_bind_int64 (stmt, 2, updated_since);
  return read_posts (self, stmt, error);
}

/**
 * rounds_store_has_post_in_status:
 *
 * Returns: whether any post is in @status (one look at the status index).
 */
gboolean
rounds_store_has_post_in_status (RoundsStore      *self,
                                 RoundsPostStatus  status)
{
  RoundsDbStmt *stmt;
  gboolean found;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);

  if (!_rounds_store_ensure_open (self, NULL))
    return FALSE;
  stmt = _rounds_store_prepare (self, "SELECT 1 FROM posts WHERE status = ? LIMIT 1", NULL);
  if (stmt == NULL)
    return FALSE;
  _rounds_store_bind_text (stmt, 1, rounds_post_status_to_string (status));
  found = rounds_db_step (stmt) == ROUNDS_DB_ROW;
  rounds_db_reset (stmt);
  return found;
}

/* Writes @post's row. With @id, the row is replaced only when the
 * database still holds @expected_version (-1: whatever it holds), else
 * ROUNDS_STORE_ERROR_CONFLICT: another PC saved it since it was read.
 * @out_version is the row's version after the write. */
static gboolean
write_post_row (RoundsStore       *self,
                RoundsPost        *post,
                gint64             id,
                RoundsPostStatus   status,
                gint64             created_at,
                gint64             now,
                gint64             expected_version,
                gint64            *out_id,
                gint64            *out_version,
                GError           **error)
{
  RoundsDbStmt *stmt;
  int rc;
  g_autofree char *networks = rounds_networks_to_string (rounds_post_get_networks (post));

  if (id == 0)
    stmt = _rounds_store_prepare (self,
                                  "INSERT INTO posts (title, body, status, scheduled_at, networks, last_error,"
                                  " created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error);
  else
    stmt = _rounds_store_prepare (self,
                                  "INSERT INTO posts (title, body, status, scheduled_at, networks, last_error,"
                                  " created_at, updated_at, id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
                                  " ON CONFLICT (id) DO UPDATE SET title = ?1, body = ?2, status = ?3,"
                                  " scheduled_at = ?4, networks = ?5, last_error = ?6, updated_at = ?8,"
                                  " version = posts.version + 1"
                                  " WHERE ?10 < 0 OR posts.version = ?10 RETURNING version",
                                  error);
  if (stmt == NULL)
    return FALSE;

  _rounds_store_bind_text (stmt, 1, rounds_post_get_title (post));
  _rounds_store_bind_text (stmt, 2, rounds_post_get_body (post));
  _rounds_store_bind_text (stmt, 3, rounds_post_status_to_string (status));
  if (rounds_post_get_scheduled_at (post) > 0)
    rounds_db_bind_int64 (stmt, 4, rounds_post_get_scheduled_at (post));
  else
    rounds_db_bind_null (stmt, 4);
  _rounds_store_bind_text (stmt, 5, networks);
  _rounds_store_bind_text (stmt, 6, rounds_post_get_last_error (post));
  rounds_db_bind_int64 (stmt, 7, created_at);
  rounds_db_bind_int64 (stmt, 8, now);
  if (id == 0)
    {
      if (!_rounds_store_step_done (self, stmt, error, _("Could not save the post")))
        return FALSE;
      *out_id = _rounds_store_last_insert_rowid (self);
      *out_version = 1;
      return TRUE;
    }

  rounds_db_bind_int64 (stmt, 9, id);
  rounds_db_bind_int64 (stmt, 10, expected_version);
  rc = rounds_db_step (stmt);
  if (rc == ROUNDS_DB_ROW)
    {
      *out_version = rounds_db_column_int64 (stmt, 0);
      rc = rounds_db_step (stmt);
    }
  else if (rc == ROUNDS_DB_DONE)
    {
      rounds_db_reset (stmt);
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_CONFLICT,
                   _("Someone else saved this post while you were editing it. Your changes "
                     "were not saved: the post now shows theirs."));
      return FALSE;
    }
  rounds_db_reset (stmt);
  if (rc != ROUNDS_DB_DONE)
    return _rounds_store_db_error (self->db, rc, error, _("Could not save the post"));

  *out_id = id;
  return TRUE;
}

/* @post (a new object the store made, or its own) becomes the store's
 * own, or the object alive for its id takes its fields; views are told.
 * Returns the store's object (transfer none: kept among the recent). */
static RoundsPost *
publish_post (RoundsStore *self,
              RoundsPost  *post)
{
  g_autoptr(RoundsPost) own = _rounds_store_intern_post (self, post);

  keep_recent (self, own);
  _rounds_store_emit_post_changed (self, own);
  return own;
}

/* Reads post @id again from the database into the store's own object
 * (another PC changed it), and tells the views. */
gboolean
_rounds_store_reload_post (RoundsStore  *self,
                           gint64        id,
                           GError      **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  RoundsDbStmt *stmt;

  stmt = _rounds_store_prepare (self, "SELECT " POST_COLUMNS " FROM posts WHERE id = ?", error);
  if (stmt != NULL)
    rounds_db_bind_int64 (stmt, 1, id);
  rows = read_posts (self, stmt, error);
  if (rows == NULL)
    return FALSE;
  if (rows->len == 0)
    {
      forget_post (self, id);
      _rounds_store_emit_post_removed (self, id);
      return TRUE;
    }

  publish_post (self, g_ptr_array_index (rows, 0));
  return TRUE;
}

/* After the connection to the server came back: the posts alive here
 * (held by a view or an editor) are read again — changed ones updated in
 * place (post-changed), those another PC deleted meanwhile removed
 * (post-removed) — and the views are told to read what they show again
 * (posts-imported), which also brings the posts added meanwhile. */
gboolean
_rounds_store_refresh_posts (RoundsStore  *self,
                             GError      **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->live_posts);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_array_append_val (ids, *(gint64 *) key);

  for (guint i = 0; i < ids->len; i++)
    if (!_rounds_store_reload_post (self, g_array_index (ids, gint64, i), error))
      return FALSE;

  _rounds_store_emit_posts_imported (self, 0);
  return TRUE;
}

/**
 * rounds_store_record_conflict:
 * @post_id: the post two people saved
 * @mine: (nullable): what this person wrote, kept as a new draft
 *   ("Keep Mine as a Copy"), or %NULL when they chose to see theirs
 * @copy_id: the new draft's id (0 with %NULL @mine)
 *
 * Writes down in the post's audit log how a conflicting save was
 * resolved: the second save of a post someone else had saved meanwhile
 * was not written, and the person either took the other version or kept
 * theirs as a copy. The entry holds the hash of the text not written.
 */
gboolean
rounds_store_record_conflict (RoundsStore  *self,
                              gint64        post_id,
                              RoundsPost   *mine,
                              gint64        copy_id,
                              GError      **error)
{
  g_autofree char *reason = NULL;
  g_autofree char *hash = NULL;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);
  g_return_val_if_fail (mine == NULL || ROUNDS_IS_POST (mine), FALSE);

  if (mine != NULL)
    {
      hash = rounds_post_dup_text_hash (mine);
      reason = g_strdup_printf ("kept as a copy: post %" G_GINT64_FORMAT, copy_id);
    }
  else
    reason = g_strdup ("saw theirs");

  if (!_rounds_store_begin (self, error))
    return FALSE;
  if (!_rounds_store_write_audit (self, "post", post_id, "conflict", NULL, NULL, reason, hash,
                                  error) ||
      !_rounds_store_commit (self, error))
    {
      _rounds_store_rollback (self);
      return FALSE;
    }
  return TRUE;
}

static RoundsPost *
save_post_full (RoundsStore       *self,
                RoundsPost        *post,
                gboolean           force_status,
                RoundsPostStatus   forced_status,
                const char        *reason,
                GError           **error)
{
  g_autoptr(RoundsPost) result = rounds_post_copy (post);
  g_autoptr(RoundsPost) existing = NULL;
  RoundsPostStatus status = rounds_post_get_status (post);
  RoundsPostStatus old_status = status;
  gint64 now = rounds_clock_get_now (self->clock);
  gint64 created_at = now;
  gint64 id = rounds_post_get_id (post);
  gint64 new_id = 0;
  gint64 expected_version = -1;
  gint64 version = 1;
  g_autofree char *hash = rounds_post_dup_text_hash (post);
  const char *back_to_review = NULL;
  g_autoptr(GError) local_error = NULL;

  if (id != 0 && !force_status)
    {
      existing = rounds_store_dup_post (self, id);
      if (existing == NULL)
        {
          g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_NOT_FOUND,
                       _("This post no longer exists"));
          return NULL;
        }
      old_status = status = rounds_post_get_status (existing);
      created_at = rounds_post_get_created_at (existing);
      /* The version the edit started from: the one @post carries (an
       * editor keeps the version it loaded, while the store's own object
       * follows the other PCs' notifications), else what this PC last
       * read; its own saves keep it current. */
      expected_version = rounds_post_get_version (post) > 0 ? rounds_post_get_version (post)
                                                            : rounds_post_get_version (existing);

      /* Approval covers the exact text: a change sends the post back. */
      if ((status == ROUNDS_POST_STATUS_APPROVED || status == ROUNDS_POST_STATUS_SCHEDULED ||
           status == ROUNDS_POST_STATUS_DUE) &&
          (g_strcmp0 (rounds_post_get_body (existing), rounds_post_get_body (post)) != 0 ||
           g_strcmp0 (rounds_post_get_title (existing), rounds_post_get_title (post)) != 0))
        {
          status = ROUNDS_POST_STATUS_IN_REVIEW;
          back_to_review = _("Text changed after approval");
        }
    }
  else if (force_status)
    {
      status = old_status = forced_status;
      if (id != 0 && rounds_post_get_created_at (post) > 0)
        created_at = rounds_post_get_created_at (post);
    }
  else
    {
      status = old_status = ROUNDS_POST_STATUS_DRAFT;
    }

  if (!_rounds_store_begin (self, error))
    return NULL;

  if (!write_post_row (self, post, id, status, created_at, now, expected_version, &new_id,
                       &version, &local_error))
    {
      gboolean conflict = g_error_matches (local_error, ROUNDS_STORE_ERROR,
                                           ROUNDS_STORE_ERROR_CONFLICT);

      g_propagate_error (error, g_steal_pointer (&local_error));
      _rounds_store_rollback (self);
      /* Theirs is shown: the post is read again, and views redraw. */
      if (conflict && !_rounds_store_reload_post (self, id, NULL))
        g_debug ("Could not read post %" G_GINT64_FORMAT " again", id);
      return NULL;
    }

  if (existing == NULL &&
      !_rounds_store_write_audit (self, "post", new_id, force_status ? "imported" : "created", NULL,
                                  rounds_post_status_to_string (status), reason, hash, error))
    goto fail;

  if (back_to_review != NULL &&
      !_rounds_store_write_audit (self, "post", new_id, "status", rounds_post_status_to_string (old_status),
                                  rounds_post_status_to_string (status), back_to_review, hash, error))
    goto fail;

  if (!_rounds_store_commit (self, error))
    goto fail;

  _rounds_post_set_id (result, new_id);
  _rounds_post_set_status (result, status);
  _rounds_post_set_times (result, created_at, now);
  _rounds_post_set_version (result, version);

  return publish_post (self, result);

fail:
  _rounds_store_rollback (self);
  return NULL;
}

/**
 * rounds_store_save_post:
 * @post: a post; id 0 creates a new draft
 *
 * Saves the post's text, networks and time. The status is not taken from
 * @post (it changes only through rounds_store_set_post_status()), except
 * that a text change to an approved or scheduled post sends it back to
 * review, with an audit entry.
 *
 * Returns: (transfer none): the store's own post, or %NULL on error.
 */
RoundsPost *
rounds_store_save_post (RoundsStore  *self,
                        RoundsPost   *post,
                        GError      **error)
{
  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);
  g_return_val_if_fail (ROUNDS_IS_POST (post), NULL);

  if (!_rounds_store_ensure_open (self, error))
    return NULL;

  return save_post_full (self, post, FALSE, 0, NULL, error);
}

/**
 * rounds_store_import_post:
 * @status: the status the post arrives in
 * @reason: (nullable): why, for the audit log ("Sample practice", "CSV import")
 *
 * Adds a post that was made elsewhere (the sample practice, an import)
 * directly in @status; the audit log records it as imported.
 *
 * Returns: (transfer none): the store's own post, or %NULL on error.
 */
RoundsPost *
rounds_store_import_post (RoundsStore       *self,
                          RoundsPost        *post,
                          RoundsPostStatus   status,
                          const char        *reason,
                          GError           **error)
{
  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);
  g_return_val_if_fail (ROUNDS_IS_POST (post), NULL);
  g_return_val_if_fail (rounds_post_get_id (post) == 0, NULL);

  if (!_rounds_store_ensure_open (self, error))
    return NULL;

  return save_post_full (self, post, TRUE, status, reason, error);
}

static gboolean
is_duplicate (RoundsStore  *self,
              gint64        when,
              const char   *body)
{
  RoundsDbStmt *stmt = _rounds_store_prepare (self, "SELECT 1 FROM posts WHERE scheduled_at = ?"
                                                    " AND body = ? LIMIT 1", NULL);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  rounds_db_bind_int64 (stmt, 1, when);
  _rounds_store_bind_text (stmt, 2, body);
  found = rounds_db_step (stmt) == ROUNDS_DB_ROW;
  rounds_db_reset (stmt);
  return found;
}

/* After a bulk insert (an import): one ::posts-imported and one
 * ::post-changed (for the last of them) instead of a signal per post,
 * which made every view look again once per imported row. No object is
 * made for the others: views read what they show. */
static void
add_posts (RoundsStore      *self,
           GPtrArray        *posts,
           GArray           *ids,
           RoundsPostStatus  status)
{
  g_return_if_fail (posts->len == ids->len);

  if (posts->len == 0)
    return;
  _rounds_store_emit_posts_imported (self, posts->len);
  _rounds_store_add_post (self, g_ptr_array_index (posts, posts->len - 1),
                          g_array_index (ids, gint64, ids->len - 1), status);
}

/**
 * rounds_store_import_posts:
 * @posts: (element-type RoundsPost): new posts (id 0) made elsewhere
 * @status: the status they arrive in
 * @reason: (nullable): why, for the audit log ("CSV import")
 * @n_imported: (out) (optional): how many were added
 * @n_duplicates: (out) (optional): how many were skipped
 *
 * Adds many posts in one transaction, all or none, each with an
 * "imported" audit entry. A post whose time and text are already in the
 * practice, or earlier in @posts, is skipped: importing the same file
 * twice adds nothing. Used by the file formats (rounds-exchange.c), which
 * parse a file into posts and leave the writing to the store.
 */
gboolean
rounds_store_import_posts (RoundsStore       *self,
                           GPtrArray         *posts,
                           RoundsPostStatus   status,
                           const char        *reason,
                           guint             *n_imported,
                           guint             *n_duplicates,
                           GError           **error)
{
  g_autoptr(GPtrArray) added = g_ptr_array_new ();
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint duplicates = 0;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);
  g_return_val_if_fail (posts != NULL, FALSE);
  for (guint i = 0; i < posts->len; i++)
    g_return_val_if_fail (rounds_post_get_id (g_ptr_array_index (posts, i)) == 0, FALSE);

  if (!_rounds_store_begin (self, error))
    return FALSE;

  for (guint i = 0; i < posts->len; i++)
    {
      RoundsPost *post = g_ptr_array_index (posts, i);
      gint64 when = rounds_post_get_scheduled_at (post);
      const char *body = rounds_post_get_body (post);
      g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT "\n%s", when, body);
      gint64 id = 0;

      if (g_hash_table_contains (seen, key) || is_duplicate (self, when, body))
        {
          duplicates++;
          continue;
        }
      g_hash_table_add (seen, g_steal_pointer (&key));

      if (!_rounds_store_insert_post_row (self, post, status, reason, &id, error))
        {
          _rounds_store_rollback (self);
          return FALSE;
        }
      g_ptr_array_add (added, post);
      g_array_append_val (ids, id);
    }

  if (!_rounds_store_commit (self, error))
    {
      _rounds_store_rollback (self);
      return FALSE;
    }

  add_posts (self, added, ids, status);

  if (n_imported != NULL)
    *n_imported = added->len;
  if (n_duplicates != NULL)
    *n_duplicates = duplicates;
  return TRUE;
}

/**
 * rounds_store_delete_post:
 *
 * Deletes a post (comments on it keep their text, unlinked). The audit
 * log keeps its history and records the deletion.
 */
gboolean
rounds_store_delete_post (RoundsStore  *self,
                          gint64        id,
                          GError      **error)
{
  RoundsDbStmt *stmt;
  g_autoptr(RoundsPost) existing = NULL;
  g_autofree char *hash = NULL;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);

  if (!_rounds_store_ensure_open (self, error))
    return FALSE;

  existing = rounds_store_dup_post (self, id);
  if (existing == NULL)
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_NOT_FOUND,
                   _("This post no longer exists"));
      return FALSE;
    }
  hash = rounds_post_dup_text_hash (existing);

  if (!_rounds_store_begin (self, error))
    return FALSE;

  stmt = _rounds_store_prepare (self, "DELETE FROM posts WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  rounds_db_bind_int64 (stmt, 1, id);
  if (!_rounds_store_step_done (self, stmt, error, _("Could not delete the post")))
    goto fail;

  if (!_rounds_store_write_audit (self, "post", id, "deleted",
                                  rounds_post_status_to_string (rounds_post_get_status (existing)), NULL,
                                  NULL, hash, error))
    goto fail;

  if (!_rounds_store_commit (self, error))
    goto fail;

  forget_post (self, id);
  _rounds_store_emit_post_removed (self, id);

  return TRUE;

fail:
  _rounds_store_rollback (self);
  return FALSE;
}

/**
 * rounds_store_restore_post:
 * @deleted: a copy of the post taken before rounds_store_delete_post()
 *
 * Undoes a deletion: the post comes back with its id, status and times.
 *
 * Returns: (transfer none): the store's own post, or %NULL on error.
 */
RoundsPost *
rounds_store_restore_post (RoundsStore  *self,
                           RoundsPost   *deleted,
                           GError      **error)
{
  g_autoptr(RoundsPost) result = NULL;
  gint64 id;
  gint64 now;
  gint64 new_id = 0;
  gint64 version;
  g_autofree char *hash = NULL;
  g_autoptr(RoundsPost) existing = NULL;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);
  g_return_val_if_fail (ROUNDS_IS_POST (deleted), NULL);

  if (!_rounds_store_ensure_open (self, error))
    return NULL;

  id = rounds_post_get_id (deleted);
  if (id == 0 || (existing = rounds_store_dup_post (self, id)) != NULL)
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID,
                   _("This post was not deleted"));
      return NULL;
    }

  now = rounds_clock_get_now (self->clock);
  hash = rounds_post_dup_text_hash (deleted);
  version = 0;

  if (!_rounds_store_begin (self, error))
    return NULL;

  if (!write_post_row (self, deleted, id, rounds_post_get_status (deleted),
                       rounds_post_get_created_at (deleted), now, -1, &new_id, &version, error) ||
      !_rounds_store_write_audit (self, "post", id, "restored", NULL,
                                  rounds_post_status_to_string (rounds_post_get_status (deleted)),
                                  NULL, hash, error) ||
      !_rounds_store_commit (self, error))
    {
      _rounds_store_rollback (self);
      return NULL;
    }

  result = rounds_post_copy (deleted);
  _rounds_post_set_times (result, rounds_post_get_created_at (deleted), now);
  _rounds_post_set_version (result, version);

  return publish_post (self, result);
}

/**
 * rounds_post_status_can_change:
 *
 * The allowed moves of the post life cycle (DESIGN.md §4).
 */
gboolean
rounds_post_status_can_change (RoundsPostStatus from,
                               RoundsPostStatus to)
{
  static const guint16 allowed[] = {
#define B(s) (1u << ROUNDS_POST_STATUS_##s)
    [ROUNDS_POST_STATUS_DRAFT]      = B (IN_REVIEW) | B (CANCELLED),
    [ROUNDS_POST_STATUS_IN_REVIEW]  = B (DRAFT) | B (APPROVED) | B (CANCELLED),
    [ROUNDS_POST_STATUS_APPROVED]   = B (SCHEDULED) | B (IN_REVIEW) | B (DRAFT) | B (CANCELLED),
    [ROUNDS_POST_STATUS_SCHEDULED]  = B (DUE) | B (PUBLISHING) | B (APPROVED) | B (IN_REVIEW) |
                                      B (CANCELLED),
    [ROUNDS_POST_STATUS_DUE]        = B (PUBLISHED) | B (SCHEDULED) | B (CANCELLED),
    [ROUNDS_POST_STATUS_PUBLISHING] = B (PUBLISHED) | B (FAILED),
    [ROUNDS_POST_STATUS_PUBLISHED]  = 0,
    [ROUNDS_POST_STATUS_FAILED]     = B (SCHEDULED) | B (PUBLISHING) | B (DRAFT) | B (CANCELLED),
    [ROUNDS_POST_STATUS_CANCELLED]  = B (DRAFT),
#undef B
  };

  if (from > ROUNDS_POST_STATUS_LAST || to > ROUNDS_POST_STATUS_LAST)
    return FALSE;

  return (allowed[from] & (1u << to)) != 0;
}

/**
 * rounds_store_set_post_status:
 * @reason: (nullable): why, for the audit log
 *
 * Moves a post along its life cycle and appends the change to the audit
 * log (who, when, from → to, reason, SHA-256 of the text), in one
 * transaction: either both are written or neither is.
 */
gboolean
rounds_store_set_post_status (RoundsStore       *self,
                              gint64             id,
                              RoundsPostStatus   status,
                              const char        *reason,
                              GError           **error)
{
  g_autoptr(RoundsPost) post = NULL;
  RoundsPostStatus from;
  RoundsDbStmt *stmt;
  g_autofree char *hash = NULL;
  gint64 now;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);
  g_return_val_if_fail (status <= ROUNDS_POST_STATUS_LAST, FALSE);

  if (!_rounds_store_ensure_open (self, error))
    return FALSE;

  post = rounds_store_dup_post (self, id);
  if (post == NULL)
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_NOT_FOUND,
                   _("This post no longer exists"));
      return FALSE;
    }

  from = rounds_post_get_status (post);
  if (from == status)
    return TRUE;

  if (!rounds_post_status_can_change (from, status))
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID,
                   _("A post that is “%s” cannot become “%s”"),
                   rounds_post_status_get_label (from), rounds_post_status_get_label (status));
      return FALSE;
    }

  /* Approving (not taking a post back from the schedule) needs an
   * approver's PIN once the practice has people (issue 20). */
  if (status == ROUNDS_POST_STATUS_APPROVED &&
      (from == ROUNDS_POST_STATUS_DRAFT || from == ROUNDS_POST_STATUS_IN_REVIEW) &&
      !_rounds_store_require_signature (self, error))
    return FALSE;

  hash = rounds_post_dup_text_hash (post);
  now = rounds_clock_get_now (self->clock);

  if (!_rounds_store_begin (self, error))
    return FALSE;

  stmt = _rounds_store_prepare (self, "UPDATE posts SET status = ?, updated_at = ? WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  _rounds_store_bind_text (stmt, 1, rounds_post_status_to_string (status));
  rounds_db_bind_int64 (stmt, 2, now);
  rounds_db_bind_int64 (stmt, 3, id);
  if (!_rounds_store_step_done (self, stmt, error, _("Could not change the post")))
    goto fail;

  if (!_rounds_store_write_audit (self, "post", id, "status", rounds_post_status_to_string (from),
                                  rounds_post_status_to_string (status), reason, hash, error))
    goto fail;

  if (!_rounds_store_commit (self, error))
    goto fail;

  _rounds_post_set_status (post, status);
  _rounds_post_set_times (post, rounds_post_get_created_at (post), now);
  _rounds_store_emit_post_changed (self, post);

  return TRUE;

fail:
  _rounds_store_rollback (self);
  return FALSE;
}

/**
 * rounds_store_list_posts_between:
 *
 * Returns: (transfer full) (element-type RoundsPost): the store's own
 *   posts scheduled in [@from_utc, @to_utc), by time, read through the
 *   time index.
 */
GPtrArray *
rounds_store_list_posts_between (RoundsStore  *self,
                                 gint64        from_utc,
                                 gint64        to_utc,
                                 GError      **error)
{
  RoundsDbStmt *stmt;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);

  if (!_rounds_store_ensure_open (self, error))
    return NULL;

  stmt = _rounds_store_prepare (self, "SELECT " POST_COLUMNS " FROM posts"
                                      " WHERE scheduled_at >= ? AND scheduled_at < ?"
                                      " ORDER BY scheduled_at, id", error);
  if (stmt == NULL)
    return NULL;

  rounds_db_bind_int64 (stmt, 1, from_utc);
  rounds_db_bind_int64 (stmt, 2, to_utc);
  return read_posts (self, stmt, error);
}

gboolean
_rounds_store_insert_post_row (RoundsStore       *self,
                               RoundsPost        *post,
                               RoundsPostStatus   status,
                               const char        *reason,
                               gint64            *out_id,
                               GError           **error)
{
  gint64 now = rounds_clock_get_now (self->clock);
  g_autofree char *hash = rounds_post_dup_text_hash (post);
  gint64 version = 0;

  if (!write_post_row (self, post, 0, status, now, now, -1, out_id, &version, error))
    return FALSE;

  return _rounds_store_write_audit (self, "post", *out_id, "imported", NULL,
                                    rounds_post_status_to_string (status), reason, hash, error);
}

RoundsPost *
_rounds_store_add_post (RoundsStore       *self,
                        RoundsPost        *post,
                        gint64             id,
                        RoundsPostStatus   status)
{
  g_autoptr(RoundsPost) result = rounds_post_copy (post);
  gint64 now = rounds_clock_get_now (self->clock);

  _rounds_post_set_id (result, id);
  _rounds_post_set_status (result, status);
  _rounds_post_set_times (result, now, now);
  _rounds_post_set_version (result, 1);

  return publish_post (self, result);
}
