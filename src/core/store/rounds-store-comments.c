/* rounds-store-comments.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rounds-store-private.h"

/* Comments and reviews, newest first, in a list model the store keeps
 * current. */

static gpointer
comment_from_row (RoundsStore  *self,
                  sqlite3_stmt *stmt)
{
  return g_object_new (ROUNDS_TYPE_COMMENT,
                       "id", sqlite3_column_int64 (stmt, 0),
                       "network", rounds_network_from_string (_rounds_store_column_text (stmt, 1)),
                       "kind", g_str_equal (_rounds_store_column_text (stmt, 2), "review")
                                 ? ROUNDS_COMMENT_KIND_REVIEW : ROUNDS_COMMENT_KIND_COMMENT,
                       "author", _rounds_store_column_text (stmt, 3),
                       "body", _rounds_store_column_text (stmt, 4),
                       "received-at", sqlite3_column_int64 (stmt, 5),
                       "post-id", sqlite3_column_int64 (stmt, 6),
                       "rating", sqlite3_column_int (stmt, 7),
                       "is-read", sqlite3_column_int (stmt, 8) != 0,
                       NULL);
}

gboolean
_rounds_store_load_comments (RoundsStore  *self,
                             GError      **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(GPtrArray) comments = NULL;

  stmt = _rounds_store_prepare (self, "SELECT id, network, kind, author, body, received_at, post_id,"
                                      " rating, is_read FROM comments"
                                      " ORDER BY received_at DESC, id DESC", error);
  comments = _rounds_store_read_rows (self, stmt, comment_from_row, g_object_unref,
                                      error, _("Could not read the comments"));
  if (comments == NULL)
    return FALSE;

  g_list_store_splice (self->comments, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->comments)),
                       comments->pdata, comments->len);
  return TRUE;
}

GListModel *
rounds_store_get_comments (RoundsStore *self)
{
  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);
  return G_LIST_MODEL (self->comments);
}

/**
 * rounds_store_add_comment:
 * @post_id: the post it answers, or 0 (reviews)
 * @rating: 1–5 stars for a review, 0 otherwise
 *
 * Returns: the new comment's id, or 0 on error.
 */
gint64
rounds_store_add_comment (RoundsStore        *self,
                          RoundsNetwork       network,
                          RoundsCommentKind   kind,
                          const char         *author,
                          const char         *body,
                          gint64              received_at,
                          gint64              post_id,
                          int                 rating,
                          GError            **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(RoundsComment) comment = NULL;
  gint64 id;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), 0);

  if (!_rounds_store_ensure_open (self, error))
    return 0;

  stmt = _rounds_store_prepare (self,
                                "INSERT INTO comments (network, kind, author, body, received_at, post_id,"
                                " rating) VALUES (?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return 0;

  _rounds_store_bind_text (stmt, 1, rounds_network_to_string (network));
  _rounds_store_bind_text (stmt, 2, kind == ROUNDS_COMMENT_KIND_REVIEW ? "review" : "comment");
  _rounds_store_bind_text (stmt, 3, author ? author : "");
  _rounds_store_bind_text (stmt, 4, body ? body : "");
  sqlite3_bind_int64 (stmt, 5, received_at);
  if (post_id > 0)
    sqlite3_bind_int64 (stmt, 6, post_id);
  else
    sqlite3_bind_null (stmt, 6);
  sqlite3_bind_int (stmt, 7, CLAMP (rating, 0, 5));

  if (!_rounds_store_step_done (self, stmt, error, _("Could not save the comment")))
    return 0;

  id = _rounds_store_last_insert_rowid (self);
  comment = g_object_new (ROUNDS_TYPE_COMMENT,
                          "id", id, "network", network, "kind", kind,
                          "author", author ? author : "", "body", body ? body : "",
                          "received-at", received_at, "post-id", MAX (post_id, 0),
                          "rating", CLAMP (rating, 0, 5), NULL);

  /* Newest first. */
  {
    guint n = g_list_model_get_n_items (G_LIST_MODEL (self->comments));
    guint pos = 0;

    while (pos < n)
      {
        g_autoptr(RoundsComment) other = g_list_model_get_item (G_LIST_MODEL (self->comments), pos);

        if (rounds_comment_get_received_at (other) <= received_at)
          break;
        pos++;
      }
    g_list_store_insert (self->comments, pos, comment);
  }

  _rounds_store_emit_comments_changed (self);
  return id;
}
