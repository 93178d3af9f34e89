/* rounds-store-comments.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rounds-store-inbox.h"
#include "rounds-store-private.h"
#include "rounds-store-publish.h"
#include "rounds-triage.h"

/* Comments and reviews: the Inbox (see rounds-store-inbox.h for the
 * contract). No comment is read at open and none is kept (issue 17):
 * each change writes the row, then emits ::comment-changed with its id,
 * and the comment lists (rounds-store-comment-list.c) read that row
 * again. Lookups and counts are queries. */

#define COMMENT_COLUMNS ROUNDS_STORE_COMMENT_COLUMNS
#define CURSOR_KIND     "inbox"

gpointer
_rounds_store_comment_of_row (RoundsStore  *self,
                              RoundsDbStmt *stmt)
{
  RoundsTriageKind triage = ROUNDS_TRIAGE_OTHER;
  RoundsInboxState state = ROUNDS_INBOX_STATE_NEW;

  rounds_triage_kind_from_string (_rounds_store_column_text (stmt, 14), &triage);
  rounds_inbox_state_from_string (_rounds_store_column_text (stmt, 15), &state);

  return g_object_new (ROUNDS_TYPE_COMMENT,
                       "id", rounds_db_column_int64 (stmt, 0),
                       "network", rounds_network_from_string (_rounds_store_column_text (stmt, 1)),
                       "kind", g_str_equal (_rounds_store_column_text (stmt, 2), "review")
                                 ? ROUNDS_COMMENT_KIND_REVIEW : ROUNDS_COMMENT_KIND_COMMENT,
                       "author", _rounds_store_column_text (stmt, 3),
                       "body", _rounds_store_column_text (stmt, 4),
                       "received-at", rounds_db_column_int64 (stmt, 5),
                       "post-id", rounds_db_column_int64 (stmt, 6),
                       "rating", CLAMP (rounds_db_column_int (stmt, 7), 0, 5),
                       "is-read", state != ROUNDS_INBOX_STATE_NEW,
                       "account-id", rounds_db_column_int64 (stmt, 9),
                       "remote-id", (const char *) rounds_db_column_text (stmt, 10),
                       "parent-remote-id", (const char *) rounds_db_column_text (stmt, 11),
                       "author-handle", (const char *) rounds_db_column_text (stmt, 12),
                       "url", (const char *) rounds_db_column_text (stmt, 13),
                       "triage", triage,
                       "state", state,
                       "deleted-at", rounds_db_column_int64 (stmt, 16),
                       "by-hand", rounds_db_column_int (stmt, 17) != 0,
                       "fetched-at", rounds_db_column_int64 (stmt, 18),
                       "answered-at", rounds_db_column_int64 (stmt, 19),
                       NULL);
}

/* Rows written before the Inbox had triage (or by an older build) get
 * their kind now, once. */
static gboolean
triage_unclassified (RoundsStore  *self,
                     GError      **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  RoundsDbStmt *stmt;

  stmt = _rounds_store_prepare (self, "SELECT " COMMENT_COLUMNS " FROM comments"
                                      " WHERE triage IS NULL", error);
  rows = _rounds_store_read_rows (self, stmt, _rounds_store_comment_of_row, g_object_unref, error,
                                  _("Could not read the comments"));
  if (rows == NULL)
    return FALSE;
  if (rows->len == 0)
    return TRUE;

  if (!_rounds_store_begin (self, error))
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      RoundsComment *c = g_ptr_array_index (rows, i);
      RoundsTriageKind kind = rounds_triage_classify (rounds_comment_get_body (c),
                                                      rounds_comment_get_rating (c));

      stmt = _rounds_store_prepare (self, "UPDATE comments SET triage = ? WHERE id = ?", error);
      if (stmt == NULL)
        goto fail;
      _rounds_store_bind_text (stmt, 1, rounds_triage_kind_to_string (kind));
      rounds_db_bind_int64 (stmt, 2, rounds_comment_get_id (c));
      if (!_rounds_store_step_done (self, stmt, error, _("Could not save the comment")))
        goto fail;
    }
  return _rounds_store_commit (self, error);

fail:
  _rounds_store_rollback (self);
  return FALSE;
}

/* At open (and after a reconnect): only the rows an older build left
 * without a triage kind are read, to classify them. No comment is kept. */
gboolean
_rounds_store_load_comments (RoundsStore  *self,
                             GError      **error)
{
  return triage_unclassified (self, error);
}

/**
 * rounds_store_get_comments:
 *
 * Every comment, newest first, as a list model over SQL (made on first
 * use, then kept current by ::comment-changed). For tests and tools: the
 * Inbox has its own filtered RoundsCommentList.
 *
 * Returns: (transfer none): the list
 */
GListModel *
rounds_store_get_comments (RoundsStore *self)
{
  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);

  if (self->all_comments == NULL)
    self->all_comments = _rounds_comment_list_new_all (self);
  return self->all_comments;
}

static RoundsComment *
read_comment (RoundsStore  *self,
              gint64        id,
              GError      **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  RoundsDbStmt *stmt;

  if (!_rounds_store_ensure_open (self, error))
    return NULL;
  stmt = _rounds_store_prepare (self, "SELECT " COMMENT_COLUMNS " FROM comments WHERE id = ?",
                                error);
  if (stmt == NULL)
    return NULL;
  rounds_db_bind_int64 (stmt, 1, id);
  rows = _rounds_store_read_rows (self, stmt, _rounds_store_comment_of_row, g_object_unref, error,
                                  _("Could not read the comments"));
  if (rows == NULL)
    return NULL;
  if (rows->len == 0)
    {
      g_set_error_literal (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_NOT_FOUND,
                           _("This comment is no longer there"));
      return NULL;
    }
  return g_object_ref (g_ptr_array_index (rows, 0));
}

/* The lists read row @id again. */
static gboolean
refresh_in_model (RoundsStore  *self,
                  gint64        id,
                  GError      **error)
{
  _rounds_store_emit_comment_changed (self, id);
  return TRUE;
}

/* Another PC changed inbox item @id (or its reply): the lists show its
 * current state, or lose it when it is gone. */
gboolean
_rounds_store_reload_comment (RoundsStore  *self,
                              gint64        id,
                              GError      **error)
{
  _rounds_store_emit_comment_changed (self, id);
  _rounds_store_emit_comments_changed (self);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Items                                                                */

RoundsInboxItem *
rounds_inbox_item_new (void)
{
  return g_new0 (RoundsInboxItem, 1);
}

RoundsInboxItem *
rounds_inbox_item_copy (const RoundsInboxItem *item)
{
  RoundsInboxItem *copy;

  g_return_val_if_fail (item != NULL, NULL);

  copy = g_memdup2 (item, sizeof *item);
  copy->remote_id = g_strdup (item->remote_id);
  copy->parent_remote_id = g_strdup (item->parent_remote_id);
  copy->author = g_strdup (item->author);
  copy->author_handle = g_strdup (item->author_handle);
  copy->text = g_strdup (item->text);
  copy->url = g_strdup (item->url);
  return copy;
}

void
rounds_inbox_item_free (RoundsInboxItem *item)
{
  if (item == NULL)
    return;
  g_free (item->remote_id);
  g_free (item->parent_remote_id);
  g_free (item->author);
  g_free (item->author_handle);
  g_free (item->text);
  g_free (item->url);
  g_free (item);
}

/* The practice's post that @parent_remote_id is a publication of, or 0. */
static gint64
post_of_parent (RoundsStore *self,
                gint64       account_id,
                const char  *parent_remote_id)
{
  RoundsDbStmt *stmt;
  gint64 post_id = 0;

  if (parent_remote_id == NULL || account_id <= 0)
    return 0;
  stmt = _rounds_store_prepare (self, "SELECT post_id FROM publications"
                                      " WHERE account_id = ? AND remote_id = ?", NULL);
  if (stmt == NULL)
    return 0;
  rounds_db_bind_int64 (stmt, 1, account_id);
  _rounds_store_bind_text (stmt, 2, parent_remote_id);
  if (rounds_db_step (stmt) == ROUNDS_DB_ROW)
    post_id = rounds_db_column_int64 (stmt, 0);
  rounds_db_reset (stmt);
  return post_id;
}

/* Inside a transaction (or alone): writes one item unless the account
 * already has its remote id. Returns the row id (new or old), 0 on
 * error; *is_new says which. */
static gint64
insert_row (RoundsStore            *self,
            gint64                  account_id,
            const RoundsInboxItem  *item,
            gint64                  post_id,
            gboolean                by_hand,
            gboolean               *is_new,
            GError                **error)
{
  const char *text = item->text != NULL && g_utf8_validate (item->text, -1, NULL) ? item->text : "";
  const char *network = rounds_network_to_string (item->network);
  int rating = CLAMP (item->rating, 0, 5);
  RoundsDbStmt *stmt;
  gint64 now = rounds_clock_get_now (self->clock);

  *is_new = FALSE;
  if (network == NULL)
    {
      g_set_error_literal (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID,
                           _("A comment needs the network it came from"));
      return 0;
    }

  if (item->remote_id != NULL && account_id > 0)
    {
      gint64 existing = 0;

      stmt = _rounds_store_prepare (self, "SELECT id FROM comments"
                                          " WHERE account_id = ? AND remote_id = ?", error);
      if (stmt == NULL)
        return 0;
      rounds_db_bind_int64 (stmt, 1, account_id);
      _rounds_store_bind_text (stmt, 2, item->remote_id);
      if (rounds_db_step (stmt) == ROUNDS_DB_ROW)
        existing = rounds_db_column_int64 (stmt, 0);
      rounds_db_reset (stmt);
      if (existing > 0)
        return existing;
    }

  if (post_id <= 0)
    post_id = post_of_parent (self, account_id, item->parent_remote_id);

  stmt = _rounds_store_prepare (self,
                                "INSERT INTO comments (network, kind, author, body, received_at,"
                                " post_id, rating, account_id, remote_id, parent_remote_id,"
                                " author_handle, url, triage, state, deleted_at, by_hand,"
                                " fetched_at)"
                                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'new', ?, ?, ?)",
                                error);
  if (stmt == NULL)
    return 0;

  _rounds_store_bind_text (stmt, 1, network);
  _rounds_store_bind_text (stmt, 2, item->kind == ROUNDS_COMMENT_KIND_REVIEW ? "review" : "comment");
  _rounds_store_bind_text (stmt, 3, item->author ? item->author : "");
  _rounds_store_bind_text (stmt, 4, text);
  rounds_db_bind_int64 (stmt, 5, item->received_at > 0 ? item->received_at : now);
  if (post_id > 0)
    rounds_db_bind_int64 (stmt, 6, post_id);
  else
    rounds_db_bind_null (stmt, 6);
  rounds_db_bind_int (stmt, 7, rating);
  if (account_id > 0)
    rounds_db_bind_int64 (stmt, 8, account_id);
  else
    rounds_db_bind_null (stmt, 8);
  _rounds_store_bind_text (stmt, 9, item->remote_id);
  _rounds_store_bind_text (stmt, 10, item->parent_remote_id);
  _rounds_store_bind_text (stmt, 11, item->author_handle);
  _rounds_store_bind_text (stmt, 12, item->url);
  _rounds_store_bind_text (stmt, 13, rounds_triage_kind_to_string (rounds_triage_classify (text,
                                                                                          rating)));
  if (item->deleted)
    rounds_db_bind_int64 (stmt, 14, now);
  else
    rounds_db_bind_null (stmt, 14);
  rounds_db_bind_int (stmt, 15, by_hand ? 1 : 0);
  rounds_db_bind_int64 (stmt, 16, now);

  if (!_rounds_store_step_done (self, stmt, error, _("Could not save the comment")))
    return 0;

  *is_new = TRUE;
  return _rounds_store_last_insert_rowid (self);
}

/**
 * rounds_store_add_comment:
 * @post_id: the post it answers, or 0 (reviews)
 * @rating: 1–5 stars for a review, 0 otherwise
 *
 * Adds a comment that belongs to no account (the sample practice, tests).
 * It is triaged and starts as new.
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
  RoundsInboxItem item = { 0 };
  gboolean is_new;
  gint64 id;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), 0);

  if (!_rounds_store_ensure_open (self, error))
    return 0;

  item.network = network;
  item.kind = kind;
  item.author = (char *) author;
  item.text = (char *) body;
  item.rating = rating;
  item.received_at = received_at;
  id = insert_row (self, 0, &item, post_id, FALSE, &is_new, error);
  if (id == 0 || !refresh_in_model (self, id, error))
    return 0;

  _rounds_store_emit_comments_changed (self);
  return id;
}

/**
 * rounds_store_inbox_add_fetched:
 * @account_id: the account the items were fetched for
 * @items: (element-type RoundsInboxItem): what the connector gave
 * @cursor: (nullable): the account's new poll position, saved with the
 *   items; %NULL keeps the old one
 * @new_ids: (nullable) (element-type gint64): the ids of the items that
 *   were new are appended here, in the order of @items
 *
 * Stores a poll's items in one transaction: each item the account does
 * not have yet is added (triaged, state new); one it has is left as it is,
 * except that an item the network now reports deleted is marked so. On
 * error nothing is stored and the cursor stays where it was.
 */
gboolean
rounds_store_inbox_add_fetched (RoundsStore  *self,
                                gint64        account_id,
                                GPtrArray    *items,
                                const char   *cursor,
                                GArray       *new_ids,
                                GError      **error)
{
  g_autoptr(GArray) changed = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);
  g_return_val_if_fail (account_id > 0, FALSE);
  g_return_val_if_fail (items != NULL, FALSE);

  if (!_rounds_store_begin (self, error))
    return FALSE;

  for (guint i = 0; i < items->len; i++)
    {
      const RoundsInboxItem *item = g_ptr_array_index (items, i);
      gboolean is_new;
      gint64 id = insert_row (self, account_id, item, 0, FALSE, &is_new, error);

      if (id == 0)
        goto fail;
      if (!is_new && item->deleted)
        {
          RoundsDbStmt *stmt = _rounds_store_prepare (self, "UPDATE comments SET deleted_at = ?"
                                                            " WHERE id = ? AND deleted_at IS NULL",
                                                      error);
          if (stmt == NULL)
            goto fail;
          rounds_db_bind_int64 (stmt, 1, rounds_clock_get_now (self->clock));
          rounds_db_bind_int64 (stmt, 2, id);
          if (!_rounds_store_step_done (self, stmt, error, _("Could not save the comment")))
            goto fail;
          if (rounds_db_changes (self->db) == 0)
            continue;
        }
      else if (!is_new)
        continue;
      g_array_append_val (changed, id);
      if (is_new && new_ids != NULL)
        g_array_append_val (new_ids, id);
    }

  if (cursor != NULL &&
      !rounds_store_set_account_cursor (self, account_id, CURSOR_KIND, cursor, error))
    goto fail;
  if (!_rounds_store_commit (self, error))
    goto fail;

  for (guint i = 0; i < changed->len; i++)
    if (!refresh_in_model (self, g_array_index (changed, gint64, i), error))
      return FALSE;
  if (changed->len > 0)
    _rounds_store_emit_comments_changed (self);
  return TRUE;

fail:
  _rounds_store_rollback (self);
  if (new_ids != NULL && new_ids->len > 0)
    g_array_set_size (new_ids, 0);
  return FALSE;
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

/**
 * rounds_store_inbox_add_by_hand:
 * @network: where it was written
 * @author: (nullable): who wrote it
 * @text: what they wrote
 * @url: (nullable): a link to it
 * @rating: 1–5 for a review, 0 for a comment
 *
 * Adds a comment or review copied from a network Rounds does not read
 * (no API access), so that it gets triage, the checked reply and the log.
 * Received now; an audit entry "added-by-hand" records who pasted it.
 *
 * Returns: the new item's id, or 0 with @error set.
 */
gint64
rounds_store_inbox_add_by_hand (RoundsStore    *self,
                                RoundsNetwork   network,
                                const char     *author,
                                const char     *text,
                                const char     *url,
                                int             rating,
                                GError        **error)
{
  RoundsInboxItem item = { 0 };
  g_autofree char *hash = NULL;
  gboolean is_new;
  gint64 id;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), 0);

  if (text == NULL || !g_utf8_validate (text, -1, NULL) || is_blank (text))
    {
      g_set_error_literal (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID,
                           _("Paste the text of the comment or review"));
      return 0;
    }
  if (rating < 0 || rating > 5)
    {
      g_set_error_literal (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID,
                           _("A rating is from 1 to 5 stars"));
      return 0;
    }

  item.network = network;
  item.kind = rating > 0 ? ROUNDS_COMMENT_KIND_REVIEW : ROUNDS_COMMENT_KIND_COMMENT;
  item.author = (char *) author;
  item.text = (char *) text;
  item.url = url != NULL && *url != '\0' ? (char *) url : NULL;
  item.rating = rating;
  item.received_at = rounds_clock_get_now (self->clock);

  if (!_rounds_store_begin (self, error))
    return 0;
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
  if ((id = insert_row (self, 0, &item, 0, TRUE, &is_new, error)) == 0 ||
      !_rounds_store_write_audit (self, "comment", id, "added-by-hand", NULL, "new", NULL, hash,
                                  error) ||
      !_rounds_store_commit (self, error))
    {
      _rounds_store_rollback (self);
      return 0;
    }

  if (!refresh_in_model (self, id, error))
    return 0;
  _rounds_store_emit_comments_changed (self);
  return id;
}

/* Runs @sql on one item: ?1 is @value (or @number), ?2 the id, ?3 (if
 * used) the time now. NULL @audit_action writes no audit entry. */
static gboolean
update_item (RoundsStore  *self,
             gint64        id,
             const char   *sql,
             const char   *value,
             gint64        number,
             const char   *audit_action,
             const char   *from,
             const char   *to,
             GError      **error)
{
  RoundsDbStmt *stmt;

  if (!_rounds_store_begin (self, error))
    return FALSE;
  stmt = _rounds_store_prepare (self, sql, error);
  if (stmt == NULL)
    goto fail;
  if (value != NULL)
    _rounds_store_bind_text (stmt, 1, value);
  else
    rounds_db_bind_int64 (stmt, 1, number);
  rounds_db_bind_int64 (stmt, 2, id);
  if (rounds_db_bind_parameter_count (stmt) >= 3)
    rounds_db_bind_int64 (stmt, 3, rounds_clock_get_now (self->clock));
  if (!_rounds_store_step_done (self, stmt, error, _("Could not save the comment")))
    goto fail;
  if (rounds_db_changes (self->db) == 0)
    {
      /* Nothing to do (already in that state), or no such item. */
      if (rounds_store_lookup_comment (self, id) == NULL)
        {
          g_set_error_literal (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_NOT_FOUND,
                               _("This comment is no longer there"));
          goto fail;
        }
      _rounds_store_rollback (self);
      return TRUE;
    }
  if (audit_action != NULL &&
      !_rounds_store_write_audit (self, "comment", id, audit_action, from, to, NULL, NULL, error))
    goto fail;
  if (!_rounds_store_commit (self, error))
    goto fail;

  if (!refresh_in_model (self, id, error))
    return FALSE;
  _rounds_store_emit_comments_changed (self);
  return TRUE;

fail:
  _rounds_store_rollback (self);
  return FALSE;
}

/**
 * rounds_store_inbox_mark_read:
 *
 * A new item becomes read; any other state stays. No audit entry.
 */
gboolean
rounds_store_inbox_mark_read (RoundsStore  *self,
                              gint64        id,
                              GError      **error)
{
  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);

  return update_item (self, id, "UPDATE comments SET state = ?, is_read = 1"
                                " WHERE id = ? AND state = 'new'",
                      "read", 0, NULL, NULL, NULL, error);
}

/**
 * rounds_store_inbox_mark_answered:
 * @by_hand: answered on the network itself rather than through Rounds
 *
 * Writes an audit entry "answered" or "answered-by-hand" with the state
 * it came from. Answering an answered item again changes nothing.
 */
gboolean
rounds_store_inbox_mark_answered (RoundsStore  *self,
                                  gint64        id,
                                  gboolean      by_hand,
                                  GError      **error)
{
  RoundsInboxState to = by_hand ? ROUNDS_INBOX_STATE_ANSWERED_BY_HAND : ROUNDS_INBOX_STATE_ANSWERED;
  RoundsComment *comment;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);

  comment = rounds_store_lookup_comment (self, id);
  if (comment == NULL)
    {
      g_set_error_literal (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_NOT_FOUND,
                           _("This comment is no longer there"));
      return FALSE;
    }

  return update_item (self, id, "UPDATE comments SET state = ?1, is_read = 1, answered_at = ?3"
                                " WHERE id = ?2 AND state IN ('new', 'read')",
                      rounds_inbox_state_to_string (to), 0, rounds_inbox_state_to_string (to),
                      rounds_inbox_state_to_string (rounds_comment_get_state (comment)),
                      rounds_inbox_state_to_string (to), error);
}

/**
 * rounds_store_inbox_mark_deleted:
 *
 * The network no longer has this item: it stays in the Inbox, marked,
 * with an audit entry "deleted-on-network".
 */
gboolean
rounds_store_inbox_mark_deleted (RoundsStore  *self,
                                 gint64        id,
                                 GError      **error)
{
  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);

  return update_item (self, id, "UPDATE comments SET deleted_at = ?"
                                " WHERE id = ? AND deleted_at IS NULL",
                      NULL, rounds_clock_get_now (self->clock), "deleted-on-network", NULL, NULL,
                      error);
}

/**
 * rounds_store_inbox_set_triage:
 *
 * A person corrects the kind triage gave ("this is not spam"); the audit
 * entry "triage" keeps both kinds.
 */
gboolean
rounds_store_inbox_set_triage (RoundsStore       *self,
                               gint64             id,
                               RoundsTriageKind   kind,
                               GError           **error)
{
  RoundsComment *comment;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);
  g_return_val_if_fail (kind <= ROUNDS_TRIAGE_LAST, FALSE);

  comment = rounds_store_lookup_comment (self, id);
  if (comment == NULL)
    {
      g_set_error_literal (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_NOT_FOUND,
                           _("This comment is no longer there"));
      return FALSE;
    }

  return update_item (self, id, "UPDATE comments SET triage = ? WHERE id = ? AND triage IS DISTINCT FROM ?1",
                      rounds_triage_kind_to_string (kind), 0, "triage",
                      rounds_triage_kind_to_string (rounds_comment_get_triage (comment)),
                      rounds_triage_kind_to_string (kind), error);
}

/* ------------------------------------------------------------------ */
/* Reading                                                              */

/**
 * rounds_inbox_filter_matches:
 * @filter: (nullable): %NULL matches everything
 *
 * For a GtkCustomFilter over rounds_store_get_comments().
 */
gboolean
rounds_inbox_filter_matches (const RoundsInboxFilter *filter,
                             RoundsComment           *comment)
{
  g_return_val_if_fail (ROUNDS_IS_COMMENT (comment), FALSE);

  if (filter == NULL)
    return TRUE;
  if ((filter->flags & ROUNDS_INBOX_FILTER_UNANSWERED) && !rounds_comment_is_unanswered (comment))
    return FALSE;
  if ((filter->flags & ROUNDS_INBOX_FILTER_NEEDS_ATTENTION) &&
      !rounds_comment_needs_attention (comment))
    return FALSE;
  if ((filter->flags & ROUNDS_INBOX_FILTER_UNREAD) &&
      rounds_comment_get_state (comment) != ROUNDS_INBOX_STATE_NEW)
    return FALSE;
  if ((filter->flags & ROUNDS_INBOX_FILTER_HIDE_DELETED) &&
      rounds_comment_get_deleted_at (comment) != 0)
    return FALSE;
  if ((filter->flags & ROUNDS_INBOX_FILTER_HIDE_SPAM) &&
      rounds_comment_get_triage (comment) == ROUNDS_TRIAGE_SPAM)
    return FALSE;
  if (filter->networks != ROUNDS_NETWORK_NONE &&
      (filter->networks & rounds_comment_get_network (comment)) == 0)
    return FALSE;
  if (filter->kinds != 0 &&
      (filter->kinds & ROUNDS_INBOX_KIND_BIT (rounds_comment_get_triage (comment))) == 0)
    return FALSE;
  return TRUE;
}

/* Keeps @comment among the few handed out transfer-none. */
static RoundsComment *
keep_recent (RoundsStore   *self,
             RoundsComment *comment)
{
  g_queue_push_head (self->recent_comments, comment);
  while (g_queue_get_length (self->recent_comments) > ROUNDS_STORE_RECENT_COMMENTS)
    g_object_unref (g_queue_pop_tail (self->recent_comments));
  return comment;
}

/**
 * rounds_store_dup_comment:
 *
 * Returns: (transfer full) (nullable): item @id as it is now (a query).
 */
RoundsComment *
rounds_store_dup_comment (RoundsStore *self,
                          gint64       id)
{
  g_autoptr(GError) error = NULL;
  RoundsComment *comment;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);

  comment = read_comment (self, id, &error);
  if (comment == NULL && !g_error_matches (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_NOT_FOUND))
    g_debug ("Could not read comment %" G_GINT64_FORMAT ": %s", id, error->message);
  return comment;
}

/**
 * rounds_store_lookup_comment:
 *
 * Returns: (transfer none) (nullable): a snapshot of the item as it is
 *   now (a query); the store keeps it until %ROUNDS_STORE_RECENT_COMMENTS
 *   more were handed out this way, so take a reference (or use
 *   rounds_store_dup_comment()) to keep it.
 */
RoundsComment *
rounds_store_lookup_comment (RoundsStore *self,
                             gint64       id)
{
  RoundsComment *comment;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);

  comment = rounds_store_dup_comment (self, id);
  return comment != NULL ? keep_recent (self, comment) : NULL;
}

/**
 * rounds_store_lookup_remote_comment:
 *
 * Returns: (transfer none) (nullable): the account's item with the
 *   network's id @remote_id (kept as rounds_store_lookup_comment() keeps).
 */
RoundsComment *
rounds_store_lookup_remote_comment (RoundsStore *self,
                                    gint64       account_id,
                                    const char  *remote_id)
{
  RoundsDbStmt *stmt;
  gint64 id = 0;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);

  if (remote_id == NULL || !_rounds_store_ensure_open (self, NULL))
    return NULL;
  stmt = _rounds_store_prepare (self, "SELECT id FROM comments WHERE account_id = ? AND remote_id = ?",
                                NULL);
  if (stmt == NULL)
    return NULL;
  rounds_db_bind_int64 (stmt, 1, account_id);
  _rounds_store_bind_text (stmt, 2, remote_id);
  if (rounds_db_step (stmt) == ROUNDS_DB_ROW)
    id = rounds_db_column_int64 (stmt, 0);
  rounds_db_reset (stmt);
  return id > 0 ? rounds_store_lookup_comment (self, id) : NULL;
}

/**
 * rounds_store_list_inbox:
 * @filter: (nullable): what to list; %NULL lists everything
 *
 * Returns: (transfer container) (element-type RoundsComment): the
 *   matching items, newest first (references).
 */
GPtrArray *
rounds_store_list_inbox (RoundsStore             *self,
                         const RoundsInboxFilter *filter)
{
  g_autoptr(GListModel) list = NULL;
  GPtrArray *out;
  guint n;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);

  list = _rounds_comment_list_new_filtered (self, filter);
  n = g_list_model_get_n_items (list);
  out = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (out, g_list_model_get_item (list, i));
  _rounds_comment_list_forget_store (list);
  return out;
}

/* What rounds_comment_is_unanswered() says, in SQL */
#define UNANSWERED_WHERE \
  "state NOT IN ('answered', 'answered-by-hand') AND COALESCE (deleted_at, 0) = 0" \
  " AND COALESCE (triage, 'other') <> 'spam'"

static guint
count_where (RoundsStore *self,
             const char  *sql)
{
  RoundsDbStmt *stmt;
  guint n = 0;

  if (!_rounds_store_ensure_open (self, NULL))
    return 0;
  stmt = _rounds_store_prepare (self, sql, NULL);
  if (stmt == NULL)
    return 0;
  if (rounds_db_step (stmt) == ROUNDS_DB_ROW)
    n = (guint)rounds_db_column_int64 (stmt, 0);
  rounds_db_reset (stmt);
  return n;
}

/**
 * rounds_store_count_unanswered:
 *
 * Returns: how many items wait for an answer (rounds_comment_is_unanswered():
 *   not answered, not deleted on the network, not spam): the sidebar's
 *   count. One query (index comments_state).
 */
guint
rounds_store_count_unanswered (RoundsStore *self)
{
  g_return_val_if_fail (ROUNDS_IS_STORE (self), 0);

  return count_where (self, "SELECT count(*) FROM comments WHERE " UNANSWERED_WHERE);
}

/* The Inbox's two counts in one pass over the table, on any thread. */
#define INBOX_COUNTS_SQL \
  "SELECT count(*), COALESCE (sum (CASE WHEN " UNANSWERED_WHERE " THEN 1 ELSE 0 END), 0)" \
  " FROM comments"

typedef struct
{
  char *path;
  char *conninfo;
  guint counts[2];
} CountData;

static void
count_data_free (CountData *data)
{
  g_free (data->path);
  g_free (data->conninfo);
  g_free (data);
}

static void
count_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  CountData *data = task_data;
  const char *what = N_("Could not count the Inbox");
  RoundsDbStmt *stmt = NULL;
  GError *error = NULL;
  RoundsDb *db;
  int rc;

  if (g_task_return_error_if_cancelled (task))
    return;
  db = _rounds_store_open_reader (data->path, data->conninfo, what, &error);
  if (db == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  rc = rounds_db_prepare_v2 (db, INBOX_COUNTS_SQL, -1, &stmt, NULL);
  if (rc == ROUNDS_DB_OK && rounds_db_step (stmt) == ROUNDS_DB_ROW)
    {
      data->counts[0] = (guint)rounds_db_column_int64 (stmt, 0);
      data->counts[1] = (guint)rounds_db_column_int64 (stmt, 1);
      g_task_return_boolean (task, TRUE);
    }
  else
    g_task_return_new_error (task, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_IO, "%s: %s", _(what),
                             rounds_db_errmsg (db));
  rounds_db_finalize (stmt);
  rounds_db_close_v2 (db);
}

/**
 * rounds_store_count_inbox_async:
 *
 * Counts the Inbox's items and those waiting for an answer (what
 * rounds_store_count_comments() and rounds_store_count_unanswered() say)
 * on a worker thread with a connection of its own: one pass over the
 * table, tens of milliseconds with 100,000 items. Without a file or
 * server to open (a store in memory), or offline, counts here. The
 * callback's source object is %NULL.
 */
void
rounds_store_count_inbox_async (RoundsStore         *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CountData *data;

  g_return_if_fail (ROUNDS_IS_STORE (self));

  /* No source object: the worker's last reference to the task must not
   * be the store's last (the store is closed on the main thread). */
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rounds_store_count_inbox_async);
  data = g_new0 (CountData, 1);
  g_task_set_task_data (task, data, (GDestroyNotify)count_data_free);

  if (self->db == NULL || self->offline || (self->path == NULL && self->conninfo == NULL))
    {
      data->counts[0] = rounds_store_count_comments (self);
      data->counts[1] = rounds_store_count_unanswered (self);
      g_task_return_boolean (task, TRUE);
      return;
    }
  data->path = g_strdup (self->path);
  data->conninfo = g_strdup (self->conninfo);
  g_task_run_in_thread (task, count_thread);
}

gboolean
rounds_store_count_inbox_finish (RoundsStore   *self,
                                 GAsyncResult  *result,
                                 guint         *total,
                                 guint         *unanswered,
                                 GError       **error)
{
  CountData *data;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rounds_store_count_inbox_async,
                        FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  data = g_task_get_task_data (G_TASK (result));
  if (total != NULL)
    *total = data->counts[0];
  if (unanswered != NULL)
    *unanswered = data->counts[1];
  return TRUE;
}

/**
 * rounds_store_count_comments:
 *
 * Returns: how many items the Inbox holds, shown or not.
 */
guint
rounds_store_count_comments (RoundsStore *self)
{
  g_return_val_if_fail (ROUNDS_IS_STORE (self), 0);

  return count_where (self, "SELECT count(*) FROM comments");
}

/**
 * rounds_store_inbox_list_unread_after:
 * @network: one network
 * @after_id: only items with a higher id
 *
 * Returns: (transfer container) (element-type RoundsComment): the
 *   network's new (unread) items with an id above @after_id, newest
 *   first: what the notifications announce.
 */
GPtrArray *
rounds_store_inbox_list_unread_after (RoundsStore   *self,
                                      RoundsNetwork  network,
                                      gint64         after_id)
{
  g_autoptr(GError) error = NULL;
  RoundsDbStmt *stmt;
  GPtrArray *rows;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);

  if (!_rounds_store_ensure_open (self, &error))
    return g_ptr_array_new_with_free_func (g_object_unref);
  stmt = _rounds_store_prepare (self, "SELECT " COMMENT_COLUMNS " FROM comments"
                                      " WHERE network = ? AND id > ? AND state = 'new'"
                                      " ORDER BY received_at DESC, id DESC", &error);
  if (stmt != NULL)
    {
      _rounds_store_bind_text (stmt, 1, rounds_network_to_string (network));
      rounds_db_bind_int64 (stmt, 2, after_id);
    }
  rows = _rounds_store_read_rows (self, stmt, _rounds_store_comment_of_row, g_object_unref, &error,
                                  _("Could not read the comments"));
  if (rows == NULL)
    {
      g_debug ("%s", error->message);
      return g_ptr_array_new_with_free_func (g_object_unref);
    }
  return rows;
}

/**
 * rounds_store_inbox_dup_newest_ids:
 *
 * Returns: (transfer full): network name (rounds_network_to_string()) →
 *   the highest comment id of that network (GSIZE_TO_POINTER).
 */
GHashTable *
rounds_store_inbox_dup_newest_ids (RoundsStore *self)
{
  GHashTable *out = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  RoundsDbStmt *stmt;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), out);

  if (!_rounds_store_ensure_open (self, NULL))
    return out;
  stmt = _rounds_store_prepare (self, "SELECT network, max(id) FROM comments GROUP BY network",
                                NULL);
  if (stmt == NULL)
    return out;
  while (rounds_db_step (stmt) == ROUNDS_DB_ROW)
    {
      const char *net = (const char *)rounds_db_column_text (stmt, 0);

      if (net != NULL)
        g_hash_table_insert (out, g_strdup (net),
                             GSIZE_TO_POINTER ((gsize)rounds_db_column_int64 (stmt, 1)));
    }
  rounds_db_reset (stmt);
  return out;
}

/**
 * rounds_store_inbox_dup_recent_remote_ids:
 * @since: received at or after (UTC)
 * @max: at most this many
 *
 * Returns: (transfer full): the network ids of the account's items that
 *   are still there, received since @since, newest first: what a poll
 *   asks the network about (gone or not).
 */
GStrv
rounds_store_inbox_dup_recent_remote_ids (RoundsStore *self,
                                          gint64       account_id,
                                          gint64       since,
                                          guint        max)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  RoundsDbStmt *stmt;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);

  if (_rounds_store_ensure_open (self, NULL) &&
      (stmt = _rounds_store_prepare (self, "SELECT remote_id FROM comments"
                                           " WHERE account_id = ? AND received_at >= ?"
                                           " AND remote_id IS NOT NULL"
                                           " AND COALESCE (deleted_at, 0) = 0"
                                           " ORDER BY received_at DESC, id DESC LIMIT ?",
                                     NULL)) != NULL)
    {
      rounds_db_bind_int64 (stmt, 1, account_id);
      rounds_db_bind_int64 (stmt, 2, since);
      rounds_db_bind_int64 (stmt, 3, max);
      while (rounds_db_step (stmt) == ROUNDS_DB_ROW)
        g_strv_builder_add (builder, (const char *)rounds_db_column_text (stmt, 0));
      rounds_db_reset (stmt);
    }
  return g_strv_builder_end (builder);
}

/**
 * rounds_store_inbox_dup_cursor:
 *
 * Returns: (transfer full) (nullable): the account's poll position, as
 *   the connector gave it with the last poll's items.
 */
char *
rounds_store_inbox_dup_cursor (RoundsStore *self,
                               gint64       account_id)
{
  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);

  return rounds_store_get_account_cursor (self, account_id, CURSOR_KIND);
}
