/* rounds-store-publish.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-store-publish"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rounds-store-private.h"
#include "rounds-store-publish.h"

/* The publishing tables: accounts, publications (post × account) and
 * account_cursors. A publication moves queued → publishing → published |
 * failed | cancelled; every move is guarded by the state it comes from
 * (an UPDATE … WHERE state = …), so a move that raced another one does
 * nothing and says so. In the same transaction the post's own status is
 * summarised from its publications:
 *
 *   any failed, or waiting for its account to be reconnected → failed
 *   else any publishing, or queued after a try                → publishing
 *   else every one published (manual networks left)           → published (due)
 *   else all queued and untried, the post failed before       → publishing
 *
 * and the post's updated_at moves only when its status does, so the
 * reminders' "could not be published" notification (keyed by the post's
 * last change) comes once per failure. Nothing here logs text.
 *
 * The queue's moves commit without waiting for the disk
 * (_rounds_store_begin_unsynced): each one still survives the process
 * being killed, and the publisher makes the "publishing" mark durable
 * against power loss with rounds_store_sync_async() on a worker thread
 * before the request leaves, so the main loop never waits for an fsync.
 * An outcome lost to a power cut leaves the row "publishing", which is
 * looked up on the network, never sent again blindly. */

#define ACCOUNT_COLUMNS "id, secret_id, network, base_url, handle, display_name, remote_id, " \
                        "state, last_error, token_expires_at, checked_at, created_at, updated_at"
#define PUB_COLUMNS "p.id, p.post_id, p.account_id, p.network, p.state, p.idempotency_key, " \
                    "p.remote_id, p.url, p.attempts, p.next_try_at, p.last_error, " \
                    "p.error_kind, p.sent_at, p.published_at, p.created_at, p.updated_at"

static GQuark accounts_quark;
static GQuark claims_quark;

/* ------------------------------------------------------------------ */
/* Rows                                                                 */

static gint64
now_of (RoundsStore *self)
{
  return rounds_clock_get_now (rounds_store_get_clock (self));
}

static const char *
column_or_null (RoundsDbStmt *stmt,
                int           index)
{
  return rounds_db_column_type (stmt, index) == ROUNDS_DB_NULL
           ? NULL : (const char *)rounds_db_column_text (stmt, index);
}

static RoundsAccount *
account_from_row (RoundsDbStmt *stmt)
{
  RoundsAccountState state = ROUNDS_ACCOUNT_STATE_CONNECTED;

  rounds_account_state_from_string (_rounds_store_column_text (stmt, 7), &state);

  return _rounds_account_new (rounds_db_column_int64 (stmt, 0),
                              _rounds_store_column_text (stmt, 1),
                              rounds_network_from_string (_rounds_store_column_text (stmt, 2)),
                              _rounds_store_column_text (stmt, 3),
                              _rounds_store_column_text (stmt, 4),
                              _rounds_store_column_text (stmt, 5),
                              _rounds_store_column_text (stmt, 6),
                              state,
                              column_or_null (stmt, 8),
                              rounds_db_column_int64 (stmt, 9),
                              rounds_db_column_int64 (stmt, 10),
                              rounds_db_column_int64 (stmt, 11),
                              rounds_db_column_int64 (stmt, 12));
}

static RoundsPublication *
publication_from_row (RoundsDbStmt *stmt)
{
  RoundsPublicationFields f = { 0 };

  f.id = rounds_db_column_int64 (stmt, 0);
  f.post_id = rounds_db_column_int64 (stmt, 1);
  f.account_id = rounds_db_column_int64 (stmt, 2);
  f.network = rounds_network_from_string (_rounds_store_column_text (stmt, 3));
  rounds_publication_state_from_string (_rounds_store_column_text (stmt, 4), &f.state);
  f.idempotency_key = _rounds_store_column_text (stmt, 5);
  f.remote_id = column_or_null (stmt, 6);
  f.url = column_or_null (stmt, 7);
  f.attempts = rounds_db_column_int (stmt, 8);
  f.next_try_at = rounds_db_column_int64 (stmt, 9);
  f.last_error = column_or_null (stmt, 10);
  f.error_kind = rounds_publish_error_kind_from_string (column_or_null (stmt, 11));
  f.sent_at = rounds_db_column_int64 (stmt, 12);
  f.published_at = rounds_db_column_int64 (stmt, 13);
  f.created_at = rounds_db_column_int64 (stmt, 14);
  f.updated_at = rounds_db_column_int64 (stmt, 15);

  return _rounds_publication_new (&f);
}

static GPtrArray *
collect_publications (RoundsStore   *self,
                      RoundsDbStmt  *stmt,
                      GError       **error)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  while ((rc = rounds_db_step (stmt)) == ROUNDS_DB_ROW)
    g_ptr_array_add (result, publication_from_row (stmt));
  rounds_db_reset (stmt);

  if (rc != ROUNDS_DB_DONE)
    {
      _rounds_store_set_error (self, rc, error, _("Could not read the publications"));
      return NULL;
    }

  return g_steal_pointer (&result);
}

/* ------------------------------------------------------------------ */
/* The accounts list                                                    */

static GListStore *
accounts_store (RoundsStore *self)
{
  GListStore *list;

  if (accounts_quark == 0)
    accounts_quark = g_quark_from_static_string ("rounds-store-accounts");

  list = g_object_get_qdata (G_OBJECT (self), accounts_quark);
  if (list == NULL)
    {
      g_autoptr(GError) error = NULL;
      RoundsDbStmt *stmt;
      int rc;

      list = g_list_store_new (ROUNDS_TYPE_ACCOUNT);
      g_object_set_qdata_full (G_OBJECT (self), accounts_quark, list, g_object_unref);

      stmt = _rounds_store_prepare (self, "SELECT " ACCOUNT_COLUMNS " FROM accounts ORDER BY id",
                                    &error);
      if (stmt == NULL)
        {
          g_warning ("Could not read the accounts: %s", error->message);
          return list;
        }
      while ((rc = rounds_db_step (stmt)) == ROUNDS_DB_ROW)
        {
          g_autoptr(RoundsAccount) account = account_from_row (stmt);

          g_list_store_append (list, account);
        }
      rounds_db_reset (stmt);
      if (rc != ROUNDS_DB_DONE)
        g_warning ("Could not read the accounts (%d)", rc);
    }

  return list;
}

/* Puts the account's row as it is now in the list (or drops it). */
static void
refresh_account (RoundsStore *self,
                 gint64       id)
{
  GListStore *list = accounts_store (self);
  g_autoptr(RoundsAccount) fresh = NULL;
  g_autoptr(GError) error = NULL;
  RoundsDbStmt *stmt;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));
  guint position = n;

  stmt = _rounds_store_prepare (self, "SELECT " ACCOUNT_COLUMNS " FROM accounts WHERE id = ?",
                                &error);
  if (stmt != NULL)
    {
      rounds_db_bind_int64 (stmt, 1, id);
      if (rounds_db_step (stmt) == ROUNDS_DB_ROW)
        fresh = account_from_row (stmt);
      rounds_db_reset (stmt);
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RoundsAccount) account = g_list_model_get_item (G_LIST_MODEL (list), i);

      if (rounds_account_get_id (account) == id)
        {
          position = i;
          break;
        }
    }

  if (position < n)
    g_list_store_splice (list, position, 1, (gpointer *)(fresh ? &fresh : NULL), fresh ? 1 : 0);
  else if (fresh != NULL)
    g_list_store_append (list, fresh);
}

/* ------------------------------------------------------------------ */
/* The post's status from its publications                              */

typedef struct
{
  gint64            post_id;
  gboolean          changed;
  RoundsPostStatus  status;
  char             *last_error;
  gint64            at;
} Summary;

static void
summary_clear (Summary *s)
{
  g_clear_pointer (&s->last_error, g_free);
}

static gboolean
summarise_in_tx (RoundsStore  *self,
                 gint64        post_id,
                 Summary      *out,
                 GError      **error)
{
  RoundsPost *post = rounds_store_lookup_post (self, post_id);
  g_autoptr(GPtrArray) pubs = NULL;
  RoundsPostStatus from, to;
  RoundsNetwork covered = 0;
  gboolean any_failed = FALSE, any_working = FALSE, all_published = TRUE, any_live = FALSE;
  const char *message = NULL, *working_message = NULL;
  RoundsDbStmt *stmt;

  out->post_id = post_id;
  out->changed = FALSE;
  if (post == NULL)
    return TRUE;

  from = rounds_post_get_status (post);
  if (from != ROUNDS_POST_STATUS_SCHEDULED && from != ROUNDS_POST_STATUS_DUE &&
      from != ROUNDS_POST_STATUS_PUBLISHING && from != ROUNDS_POST_STATUS_FAILED)
    return TRUE;

  pubs = rounds_store_list_publications (self, post_id, error);
  if (pubs == NULL)
    return FALSE;

  for (guint i = 0; i < pubs->len; i++)
    {
      RoundsPublication *p = g_ptr_array_index (pubs, i);
      RoundsPublicationState st = rounds_publication_get_state (p);
      RoundsPublishErrorKind kind = rounds_publication_get_error_kind (p);

      if (st == ROUNDS_PUBLICATION_CANCELLED)
        continue;
      any_live = TRUE;
      covered |= rounds_publication_get_network (p);

      if (st == ROUNDS_PUBLICATION_FAILED ||
          (st == ROUNDS_PUBLICATION_QUEUED && kind == ROUNDS_PUBLISH_ERROR_AUTH_EXPIRED))
        {
          any_failed = TRUE;
          if (message == NULL)
            message = rounds_publication_get_last_error (p);
        }
      else if (st == ROUNDS_PUBLICATION_PUBLISHING ||
               (st == ROUNDS_PUBLICATION_QUEUED &&
                (rounds_publication_get_attempts (p) > 0 || kind != ROUNDS_PUBLISH_ERROR_NONE)))
        {
          any_working = TRUE;
          if (working_message == NULL)
            working_message = rounds_publication_get_last_error (p);
        }

      if (st != ROUNDS_PUBLICATION_PUBLISHED)
        all_published = FALSE;
    }

  if (!any_live)
    return TRUE;

  if (any_failed)
    to = ROUNDS_POST_STATUS_FAILED;
  else if (any_working)
    {
      to = ROUNDS_POST_STATUS_PUBLISHING;
      message = working_message;
    }
  else if (all_published)
    to = (rounds_post_get_networks (post) & ~covered) != 0 ? ROUNDS_POST_STATUS_DUE
                                                           : ROUNDS_POST_STATUS_PUBLISHED;
  else if (from == ROUNDS_POST_STATUS_FAILED)
    to = ROUNDS_POST_STATUS_PUBLISHING;
  else
    return TRUE;

  if (to == from && g_strcmp0 (message, rounds_post_get_last_error (post)) == 0)
    return TRUE;

  out->changed = TRUE;
  out->status = to;
  out->last_error = g_strdup (message);
  out->at = to != from ? now_of (self) : rounds_post_get_updated_at (post);

  stmt = _rounds_store_prepare (self, "UPDATE posts SET status = ?, last_error = ?, updated_at = ?"
                                      " WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  _rounds_store_bind_text (stmt, 1, rounds_post_status_to_string (to));
  _rounds_store_bind_text (stmt, 2, message);
  rounds_db_bind_int64 (stmt, 3, out->at);
  rounds_db_bind_int64 (stmt, 4, post_id);
  if (!_rounds_store_step_done (self, stmt, error, _("Could not change the post")))
    return FALSE;

  if (to != from)
    {
      g_autofree char *hash = rounds_post_dup_text_hash (post);

      if (!_rounds_store_write_audit (self, "post", post_id, "status",
                                      rounds_post_status_to_string (from),
                                      rounds_post_status_to_string (to), "publishing", hash,
                                      error))
        return FALSE;
    }

  return TRUE;
}

/* After the commit: the post object in the store's list follows. */
static void
apply_summary (RoundsStore *self,
               Summary     *s)
{
  RoundsPost *post = rounds_store_lookup_post (self, s->post_id);

  if (post == NULL)
    return;

  if (s->changed)
    {
      _rounds_post_set_status (post, s->status);
      _rounds_post_set_last_error (post, s->last_error);
      _rounds_post_set_times (post, rounds_post_get_created_at (post), s->at);
    }

  /* Also when only a publication changed: rows show "next try at …". */
  _rounds_store_emit_post_changed (self, post);
}

/* Commits with the summaries of @post_ids (a GArray of gint64). */
static gboolean
commit_with_summaries (RoundsStore  *self,
                       GArray       *post_ids,
                       GError      **error)
{
  g_autoptr(GArray) summaries = g_array_new (FALSE, TRUE, sizeof (Summary));

  g_array_set_clear_func (summaries, (GDestroyNotify)summary_clear);

  for (guint i = 0; i < post_ids->len; i++)
    {
      Summary s = { 0 };

      if (!summarise_in_tx (self, g_array_index (post_ids, gint64, i), &s, error))
        {
          summary_clear (&s);
          _rounds_store_rollback (self);
          return FALSE;
        }
      g_array_append_val (summaries, s);
    }

  if (!_rounds_store_commit (self, error))
    {
      _rounds_store_rollback (self);
      return FALSE;
    }

  for (guint i = 0; i < summaries->len; i++)
    apply_summary (self, &g_array_index (summaries, Summary, i));

  return TRUE;
}

static gboolean
commit_with_summary (RoundsStore  *self,
                     gint64        post_id,
                     GError      **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_array_append_val (ids, post_id);
  return commit_with_summaries (self, ids, error);
}

/* Steps an UPDATE … RETURNING post_id. Returns the post's id, 0 when no
 * row matched (the publication is gone or not in the expected state), -1
 * on error. */
static gint64
step_returning_post (RoundsStore   *self,
                     RoundsDbStmt  *stmt,
                     GError       **error)
{
  gint64 post_id = 0;
  int rc = rounds_db_step (stmt);

  if (rc == ROUNDS_DB_ROW)
    {
      post_id = rounds_db_column_int64 (stmt, 0);
      rc = rounds_db_step (stmt);
    }
  rounds_db_reset (stmt);

  if (rc != ROUNDS_DB_DONE)
    {
      _rounds_store_set_error (self, rc, error, _("Could not change the publication"));
      return -1;
    }

  if (post_id == 0)
    g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_NOT_FOUND,
                 _("This publication has already moved on"));

  return post_id;
}

static GArray *
post_ids_of_account (RoundsStore  *self,
                     gint64        account_id,
                     GError      **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  RoundsDbStmt *stmt;
  int rc;

  stmt = _rounds_store_prepare (self, "SELECT DISTINCT post_id FROM publications"
                                      " WHERE account_id = ?", error);
  if (stmt == NULL)
    return NULL;
  rounds_db_bind_int64 (stmt, 1, account_id);
  while ((rc = rounds_db_step (stmt)) == ROUNDS_DB_ROW)
    {
      gint64 id = rounds_db_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  rounds_db_reset (stmt);
  if (rc != ROUNDS_DB_DONE)
    {
      _rounds_store_set_error (self, rc, error, _("Could not read the publications"));
      return NULL;
    }

  return g_steal_pointer (&ids);
}

/* ------------------------------------------------------------------ */
/* Accounts                                                             */

/**
 * rounds_store_get_accounts:
 *
 * Returns: (transfer none): a list model of #RoundsAccount, oldest first,
 *   that the store keeps current.
 */
GListModel *
rounds_store_get_accounts (RoundsStore *self)
{
  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);

  return G_LIST_MODEL (accounts_store (self));
}

/**
 * rounds_store_lookup_account:
 *
 * Returns: (transfer none) (nullable): the account, as in the list.
 */
RoundsAccount *
rounds_store_lookup_account (RoundsStore *self,
                             gint64       id)
{
  GListModel *list;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);

  list = G_LIST_MODEL (accounts_store (self));
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      RoundsAccount *account = g_list_model_get_item (list, i);

      g_object_unref (account);  /* the list holds it */
      if (rounds_account_get_id (account) == id)
        return account;
    }

  return NULL;
}

/**
 * rounds_store_get_connected_networks:
 *
 * Returns: the networks that have at least one account (connected or
 *   waiting to be reconnected): Rounds publishes to them itself.
 */
RoundsNetwork
rounds_store_get_connected_networks (RoundsStore *self)
{
  GListModel *list;
  RoundsNetwork nets = 0;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), 0);

  list = G_LIST_MODEL (accounts_store (self));
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(RoundsAccount) account = g_list_model_get_item (list, i);

      nets |= rounds_account_get_network (account);
    }

  return nets;
}

/**
 * rounds_store_add_account:
 * @base_url: the server or API root the account lives on
 *
 * Records a newly signed-in account. Its tokens are not passed here: the
 * caller stores them in the Secret Service under the account's secret id.
 *
 * Returns: (transfer none): the new account, in the accounts list.
 */
RoundsAccount *
rounds_store_add_account (RoundsStore    *self,
                          RoundsNetwork   network,
                          const char     *base_url,
                          const char     *handle,
                          const char     *display_name,
                          const char     *remote_id,
                          gint64          token_expires_at,
                          GError        **error)
{
  g_autofree char *secret_id = g_uuid_string_random ();
  gint64 now, id;
  RoundsDbStmt *stmt;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);
  g_return_val_if_fail (network != 0 && (network & (network - 1)) == 0, NULL);

  accounts_store (self);
  now = now_of (self);

  if (!_rounds_store_begin (self, error))
    return NULL;

  stmt = _rounds_store_prepare (self, "INSERT INTO accounts (secret_id, network, base_url, handle,"
                                      " display_name, remote_id, token_expires_at, checked_at,"
                                      " created_at, updated_at)"
                                      " VALUES (?, ?, ?, ?, ?, ?, NULLIF (?, 0), ?, ?, ?)", error);
  if (stmt == NULL)
    goto fail;
  _rounds_store_bind_text (stmt, 1, secret_id);
  _rounds_store_bind_text (stmt, 2, rounds_network_to_string (network));
  _rounds_store_bind_text (stmt, 3, base_url ? base_url : "");
  _rounds_store_bind_text (stmt, 4, handle ? handle : "");
  _rounds_store_bind_text (stmt, 5, display_name ? display_name : "");
  _rounds_store_bind_text (stmt, 6, remote_id ? remote_id : "");
  rounds_db_bind_int64 (stmt, 7, token_expires_at);
  rounds_db_bind_int64 (stmt, 8, now);
  rounds_db_bind_int64 (stmt, 9, now);
  rounds_db_bind_int64 (stmt, 10, now);
  if (!_rounds_store_step_done (self, stmt, error, _("Could not add the account")))
    goto fail;
  id = _rounds_store_last_insert_rowid (self);

  if (!_rounds_store_write_audit (self, "account", id, "connected", NULL, "connected", NULL,
                                  NULL, error) ||
      !_rounds_store_commit (self, error))
    goto fail;

  g_debug ("Account %" G_GINT64_FORMAT " added", id);
  refresh_account (self, id);
  return rounds_store_lookup_account (self, id);

fail:
  _rounds_store_rollback (self);
  return NULL;
}

/**
 * rounds_store_reconnect_account:
 *
 * After a new sign-in: the account is connected again, and publications
 * that waited for it go out.
 */
gboolean
rounds_store_reconnect_account (RoundsStore  *self,
                                gint64        id,
                                const char   *handle,
                                const char   *display_name,
                                gint64        token_expires_at,
                                GError      **error)
{
  g_autoptr(GArray) posts = NULL;
  RoundsDbStmt *stmt;
  gint64 now;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);

  now = now_of (self);
  if (!_rounds_store_begin (self, error))
    return FALSE;

  stmt = _rounds_store_prepare (self, "UPDATE accounts SET state = 'connected', last_error = NULL,"
                                      " handle = COALESCE (?, handle),"
                                      " display_name = COALESCE (?, display_name),"
                                      " token_expires_at = NULLIF (?, 0), checked_at = ?,"
                                      " updated_at = ? WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  _rounds_store_bind_text (stmt, 1, handle);
  _rounds_store_bind_text (stmt, 2, display_name);
  rounds_db_bind_int64 (stmt, 3, token_expires_at);
  rounds_db_bind_int64 (stmt, 4, now);
  rounds_db_bind_int64 (stmt, 5, now);
  rounds_db_bind_int64 (stmt, 6, id);
  if (!_rounds_store_step_done (self, stmt, error, _("Could not change the account")))
    goto fail;

  stmt = _rounds_store_prepare (self, "UPDATE publications SET error_kind = NULL,"
                                      " last_error = NULL, next_try_at = NULL, updated_at = ?"
                                      " WHERE account_id = ? AND state = 'queued'"
                                      " AND error_kind = 'auth_expired'", error);
  if (stmt == NULL)
    goto fail;
  rounds_db_bind_int64 (stmt, 1, now);
  rounds_db_bind_int64 (stmt, 2, id);
  if (!_rounds_store_step_done (self, stmt, error, _("Could not change the publications")))
    goto fail;

  if (!_rounds_store_write_audit (self, "account", id, "reconnected", NULL, "connected", NULL,
                                  NULL, error))
    goto fail;

  posts = post_ids_of_account (self, id, error);
  if (posts == NULL || !commit_with_summaries (self, posts, error))
    goto fail;

  refresh_account (self, id);
  return TRUE;

fail:
  _rounds_store_rollback (self);
  return FALSE;
}

/**
 * rounds_store_set_account_auth_expired:
 * @message: what the network said, for the Accounts page
 *
 * The account's sign-in no longer works: its queue stops until it is
 * reconnected.
 */
gboolean
rounds_store_set_account_auth_expired (RoundsStore  *self,
                                       gint64        id,
                                       const char   *message,
                                       GError      **error)
{
  RoundsAccount *account;
  RoundsDbStmt *stmt;
  gint64 now;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);

  account = rounds_store_lookup_account (self, id);
  if (account != NULL && rounds_account_get_state (account) == ROUNDS_ACCOUNT_STATE_AUTH_EXPIRED &&
      g_strcmp0 (rounds_account_get_last_error (account), message) == 0)
    return TRUE;

  now = now_of (self);
  if (!_rounds_store_begin (self, error))
    return FALSE;

  /* updated_at says when it stopped working: a new message on an
   * account already waiting keeps it (the reminders key on it). */
  stmt = _rounds_store_prepare (self, "UPDATE accounts SET state = 'auth_expired',"
                                      " last_error = ?, checked_at = ?,"
                                      " updated_at = CASE WHEN state = 'auth_expired'"
                                      " THEN updated_at ELSE ? END"
                                      " WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  _rounds_store_bind_text (stmt, 1, message);
  rounds_db_bind_int64 (stmt, 2, now);
  rounds_db_bind_int64 (stmt, 3, now);
  rounds_db_bind_int64 (stmt, 4, id);
  if (!_rounds_store_step_done (self, stmt, error, _("Could not change the account")) ||
      !_rounds_store_write_audit (self, "account", id, "auth_expired", "connected",
                                  "auth_expired", NULL, NULL, error) ||
      !_rounds_store_commit (self, error))
    goto fail;

  refresh_account (self, id);
  return TRUE;

fail:
  _rounds_store_rollback (self);
  return FALSE;
}

/**
 * rounds_store_set_account_checked:
 *
 * The daily token check succeeded: remembers when, and the expiry the
 * network gave (0: unknown or never).
 */
gboolean
rounds_store_set_account_checked (RoundsStore  *self,
                                  gint64        id,
                                  gint64        token_expires_at,
                                  GError      **error)
{
  RoundsDbStmt *stmt;
  gint64 now = now_of (self);

  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);

  stmt = _rounds_store_prepare (self, "UPDATE accounts SET checked_at = ?,"
                                      " token_expires_at = NULLIF (?, 0), updated_at = ?"
                                      " WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  rounds_db_bind_int64 (stmt, 1, now);
  rounds_db_bind_int64 (stmt, 2, token_expires_at);
  rounds_db_bind_int64 (stmt, 3, now);
  rounds_db_bind_int64 (stmt, 4, id);
  if (!_rounds_store_step_done (self, stmt, error, _("Could not change the account")))
    return FALSE;

  refresh_account (self, id);
  return TRUE;
}

/**
 * rounds_store_remove_account:
 *
 * Forgets an account. What it had not published yet is cancelled (and
 * says so on the post); what it published keeps its link. The caller
 * removes its tokens from the Secret Service.
 */
gboolean
rounds_store_remove_account (RoundsStore  *self,
                             gint64        id,
                             GError      **error)
{
  g_autoptr(GArray) posts = NULL;
  RoundsDbStmt *stmt;
  gint64 now;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);

  now = now_of (self);
  if (!_rounds_store_begin (self, error))
    return FALSE;

  posts = post_ids_of_account (self, id, error);
  if (posts == NULL)
    goto fail;

  stmt = _rounds_store_prepare (self, "UPDATE publications SET state = 'cancelled',"
                                      " updated_at = ? WHERE account_id = ?"
                                      " AND state IN ('queued', 'failed')", error);
  if (stmt == NULL)
    goto fail;
  rounds_db_bind_int64 (stmt, 1, now);
  rounds_db_bind_int64 (stmt, 2, id);
  if (!_rounds_store_step_done (self, stmt, error, _("Could not change the publications")))
    goto fail;

  stmt = _rounds_store_prepare (self, "DELETE FROM accounts WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  rounds_db_bind_int64 (stmt, 1, id);
  if (!_rounds_store_step_done (self, stmt, error, _("Could not remove the account")) ||
      !_rounds_store_write_audit (self, "account", id, "removed", NULL, NULL, NULL, NULL, error))
    goto fail;

  if (!commit_with_summaries (self, posts, error))
    goto fail;

  refresh_account (self, id);
  return TRUE;

fail:
  _rounds_store_rollback (self);
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* Publications                                                         */

/**
 * rounds_store_list_publications:
 *
 * Returns: (transfer full) (element-type RoundsPublication): the post's
 *   publications, oldest first.
 */
GPtrArray *
rounds_store_list_publications (RoundsStore  *self,
                                gint64        post_id,
                                GError      **error)
{
  RoundsDbStmt *stmt;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);

  stmt = _rounds_store_prepare (self, "SELECT " PUB_COLUMNS " FROM publications p"
                                      " WHERE p.post_id = ? ORDER BY p.id", error);
  if (stmt == NULL)
    return NULL;
  rounds_db_bind_int64 (stmt, 1, post_id);

  return collect_publications (self, stmt, error);
}

/* The publications of @n posts, read through @db: the store's own
 * connection, or a worker's (any thread; the Posts list reads them with
 * its pages, bench/README.md "Publications with the page"). Each post
 * that has any gets an entry in @into: its id (gint64*, g_free) → a
 * GPtrArray of RoundsPublication, oldest first. */
gboolean
_rounds_store_read_publications_of (RoundsDb      *db,
                                    const gint64  *post_ids,
                                    guint          n,
                                    GHashTable    *into,
                                    GError       **error)
{
  static char *sql;
  RoundsDbStmt *stmt = NULL;
  int rc;

  if (g_once_init_enter (&sql))
    {
      GString *s = g_string_new ("SELECT " PUB_COLUMNS " FROM publications p"
                                 " WHERE p.post_id IN (");

      for (guint i = 1; i <= PUBLICATIONS_OF_MAX; i++)
        g_string_append_printf (s, i > 1 ? ", ?%u" : "?%u", i);
      g_string_append (s, ") ORDER BY p.post_id, p.id");
      g_once_init_leave (&sql, g_string_free (s, FALSE));
    }

  g_return_val_if_fail (n <= PUBLICATIONS_OF_MAX, FALSE);
  if (n == 0)
    return TRUE;
  rc = rounds_db_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc != ROUNDS_DB_OK)
    {
      rounds_db_finalize (stmt);
      return _rounds_store_db_error (db, rc, error, _("Could not read the publications"));
    }
  _rounds_store_bind_ids (stmt, post_ids, n, PUBLICATIONS_OF_MAX);
  while ((rc = rounds_db_step (stmt)) == ROUNDS_DB_ROW)
    {
      RoundsPublication *pub = publication_from_row (stmt);
      gint64 post_id = rounds_publication_get_post_id (pub);
      GPtrArray *pubs = g_hash_table_lookup (into, &post_id);

      if (pubs == NULL)
        {
          pubs = g_ptr_array_new_with_free_func (g_object_unref);
          g_hash_table_insert (into, g_memdup2 (&post_id, sizeof post_id), pubs);
        }
      g_ptr_array_add (pubs, pub);
    }
  if (rc != ROUNDS_DB_DONE)
    _rounds_store_db_error (db, rc, error, _("Could not read the publications"));
  rounds_db_finalize (stmt);
  return rc == ROUNDS_DB_DONE;
}

/**
 * rounds_store_lookup_publication:
 *
 * Returns: (transfer full): the publication as it is now.
 */
RoundsPublication *
rounds_store_lookup_publication (RoundsStore  *self,
                                 gint64        id,
                                 GError      **error)
{
  g_autoptr(GPtrArray) found = NULL;
  RoundsDbStmt *stmt;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);

  stmt = _rounds_store_prepare (self, "SELECT " PUB_COLUMNS " FROM publications p"
                                      " WHERE p.id = ?", error);
  if (stmt == NULL)
    return NULL;
  rounds_db_bind_int64 (stmt, 1, id);

  found = collect_publications (self, stmt, error);
  if (found == NULL)
    return NULL;
  if (found->len == 0)
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_NOT_FOUND,
                   _("This publication no longer exists"));
      return NULL;
    }

  return g_object_ref (g_ptr_array_index (found, 0));
}

static gboolean
insert_publication (RoundsStore    *self,
                    gint64          post_id,
                    RoundsAccount  *account,
                    gint64          now,
                    GError        **error)
{
  g_autofree char *key = g_uuid_string_random ();
  RoundsDbStmt *stmt;

  stmt = _rounds_store_prepare (self, "INSERT OR IGNORE INTO publications (post_id, account_id,"
                                      " network, idempotency_key, created_at, updated_at)"
                                      " VALUES (?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  rounds_db_bind_int64 (stmt, 1, post_id);
  rounds_db_bind_int64 (stmt, 2, rounds_account_get_id (account));
  _rounds_store_bind_text (stmt, 3, rounds_network_to_string (rounds_account_get_network (account)));
  _rounds_store_bind_text (stmt, 4, key);
  rounds_db_bind_int64 (stmt, 5, now);
  rounds_db_bind_int64 (stmt, 6, now);

  return _rounds_store_step_done (self, stmt, error, _("Could not add the publication"));
}

/**
 * rounds_store_set_post_accounts:
 * @account_ids: (array length=n_accounts): where the post goes
 *
 * Chooses the accounts a post is published on: a queued publication for
 * each (kept if it exists), and those of other accounts that have not
 * gone out are removed. What is published or being published stays.
 */
gboolean
rounds_store_set_post_accounts (RoundsStore   *self,
                                gint64         post_id,
                                const gint64  *account_ids,
                                guint          n_accounts,
                                GError       **error)
{
  g_autoptr(GPtrArray) existing = NULL;
  gint64 now;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);

  existing = rounds_store_list_publications (self, post_id, error);
  if (existing == NULL)
    return FALSE;

  now = now_of (self);
  if (!_rounds_store_begin (self, error))
    return FALSE;

  for (guint i = 0; i < existing->len; i++)
    {
      RoundsPublication *p = g_ptr_array_index (existing, i);
      RoundsPublicationState st = rounds_publication_get_state (p);
      gboolean wanted = FALSE;
      RoundsDbStmt *stmt;

      for (guint j = 0; j < n_accounts; j++)
        wanted |= account_ids[j] == rounds_publication_get_account_id (p);
      if (wanted || st == ROUNDS_PUBLICATION_PUBLISHED || st == ROUNDS_PUBLICATION_PUBLISHING)
        continue;

      stmt = _rounds_store_prepare (self, "DELETE FROM publications WHERE id = ?"
                                          " AND state IN ('queued', 'failed', 'cancelled')", error);
      if (stmt == NULL)
        goto fail;
      rounds_db_bind_int64 (stmt, 1, rounds_publication_get_id (p));
      if (!_rounds_store_step_done (self, stmt, error, _("Could not change the publications")))
        goto fail;
    }

  for (guint j = 0; j < n_accounts; j++)
    {
      RoundsAccount *account = rounds_store_lookup_account (self, account_ids[j]);

      if (account == NULL)
        {
          g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_NOT_FOUND,
                       _("This account is no longer connected"));
          goto fail;
        }
      if (!insert_publication (self, post_id, account, now, error))
        goto fail;
    }

  return commit_with_summary (self, post_id, error);

fail:
  _rounds_store_rollback (self);
  return FALSE;
}

/**
 * rounds_store_ensure_publications:
 *
 * A post that reaches its time with no publication chosen goes to every
 * account on its networks.
 *
 * Returns: how many publications were added.
 */
guint
rounds_store_ensure_publications (RoundsStore  *self,
                                  gint64        post_id,
                                  GError      **error)
{
  RoundsPost *post = rounds_store_lookup_post (self, post_id);
  g_autoptr(GPtrArray) existing = NULL;
  GListModel *accounts;
  guint added = 0;
  gint64 now;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), 0);

  if (post == NULL)
    return 0;
  existing = rounds_store_list_publications (self, post_id, error);
  if (existing == NULL || existing->len > 0)
    return 0;

  now = now_of (self);
  if (!_rounds_store_begin_unsynced (self, error))
    return 0;

  accounts = rounds_store_get_accounts (self);
  for (guint i = 0; i < g_list_model_get_n_items (accounts); i++)
    {
      g_autoptr(RoundsAccount) account = g_list_model_get_item (accounts, i);

      if ((rounds_account_get_network (account) & rounds_post_get_networks (post)) == 0)
        continue;
      if (!insert_publication (self, post_id, account, now, error))
        {
          _rounds_store_rollback (self);
          return 0;
        }
      added++;
    }

  if (!commit_with_summary (self, post_id, error))
    return 0;

  return added;
}

/**
 * rounds_store_list_scheduled_post_ids:
 *
 * Returns: (transfer full) (element-type gint64): posts scheduled at or
 *   before @now on a network with an account, that have no publication
 *   yet (see rounds_store_ensure_publications()).
 */
GPtrArray *
rounds_store_list_scheduled_post_ids (RoundsStore  *self,
                                      gint64        now,
                                      GError      **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  RoundsNetwork connected = rounds_store_get_connected_networks (self);
  RoundsDbStmt *stmt;
  int rc;

  if (connected == 0)
    return g_steal_pointer (&ids);

  /* One query through the time index, however many posts there are. */
  stmt = _rounds_store_prepare (self, "SELECT s.id, s.networks FROM posts s"
                                      " WHERE s.status = 'scheduled' AND s.scheduled_at IS NOT NULL"
                                      " AND s.scheduled_at <= ?"
                                      " AND NOT EXISTS (SELECT 1 FROM publications p"
                                      "                 WHERE p.post_id = s.id)", error);
  if (stmt == NULL)
    return NULL;
  rounds_db_bind_int64 (stmt, 1, now);

  while ((rc = rounds_db_step (stmt)) == ROUNDS_DB_ROW)
    {
      gint64 id = rounds_db_column_int64 (stmt, 0);

      if ((rounds_networks_from_string (_rounds_store_column_text (stmt, 1)) & connected) != 0)
        g_ptr_array_add (ids, g_memdup2 (&id, sizeof id));
    }
  rounds_db_reset (stmt);
  if (rc != ROUNDS_DB_DONE)
    {
      _rounds_store_set_error (self, rc, error, _("Could not read the publications"));
      return NULL;
    }

  return g_steal_pointer (&ids);
}

/**
 * rounds_store_list_due_publications:
 *
 * Returns: (transfer full) (element-type RoundsPublication): queued
 *   publications whose post's time and whose next try have come, the
 *   earliest post first.
 */
GPtrArray *
rounds_store_list_due_publications (RoundsStore  *self,
                                    gint64        now,
                                    GError      **error)
{
  RoundsDbStmt *stmt;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);

  stmt = _rounds_store_prepare (self, "SELECT " PUB_COLUMNS " FROM publications p"
                                      " JOIN posts s ON s.id = p.post_id"
                                      " WHERE p.state = 'queued' AND p.account_id IS NOT NULL"
                                      " AND s.status IN ('scheduled', 'due', 'publishing', 'failed')"
                                      " AND s.scheduled_at IS NOT NULL AND s.scheduled_at <= ?1"
                                      " AND (p.next_try_at IS NULL OR p.next_try_at <= ?1"
                                      "      OR p.next_try_at > ?2)"
                                      " AND (p.error_kind IS NULL OR p.error_kind != 'auth_expired')"
                                      " ORDER BY s.scheduled_at, p.id LIMIT ?3", error);
  if (stmt == NULL)
    return NULL;
  rounds_db_bind_int64 (stmt, 1, now);
  rounds_db_bind_int64 (stmt, 2, now + ROUNDS_PUBLISH_MAX_WAIT);
  rounds_db_bind_int (stmt, 3, ROUNDS_PUBLISH_DUE_BATCH);

  return collect_publications (self, stmt, error);
}

/**
 * rounds_store_list_publishing:
 *
 * Returns: (transfer full) (element-type RoundsPublication): every
 *   publication whose outcome is not known: sent (or about to be) and
 *   not answered. After a restart these are reconciled, never re-sent.
 */
GPtrArray *
rounds_store_list_publishing (RoundsStore  *self,
                              GError      **error)
{
  RoundsDbStmt *stmt;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);

  stmt = _rounds_store_prepare (self, "SELECT " PUB_COLUMNS " FROM publications p"
                                      " WHERE p.state = 'publishing' ORDER BY p.id", error);
  if (stmt == NULL)
    return NULL;

  return collect_publications (self, stmt, error);
}

/* ------------------------------------------------------------------ */
/* Claims: one PC at a time on a publication (a server)                 */

/* On a practice server several PCs run the publishing queue. Before a
 * publisher sends a publication or looks one up, it claims it: a
 * session-level advisory lock on (the practice's schema, the
 * publication's id). The lock is held from before the "publishing" mark
 * is committed until the outcome is, and the server drops it by itself
 * when the holder's connection ends (the process killed, the PC gone:
 * the TCP keepalives the store asks for put that within about a
 * minute), which is the claim's lease. Whoever holds no claim leaves
 * the row alone; a "publishing" row nobody holds was left by a PC that
 * died mid-way and is looked up on the network by the next publisher
 * that claims it, never re-sent blindly. SQLite has one publisher (one
 * PC): claims always succeed there. */

#define CLAIM_KEY "hashtext (current_schema () || ' publication'), CAST (?1 AS int4)"

static GHashTable *
claims_of (RoundsStore *self)
{
  GHashTable *claims;

  if (claims_quark == 0)
    claims_quark = g_quark_from_static_string ("rounds-store-publication-claims");
  claims = g_object_get_qdata (G_OBJECT (self), claims_quark);
  if (claims == NULL)
    {
      claims = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      /* The claims' lease: the server notices a PC that vanished (no
       * FIN: power cut, cable) after about 20 + 3 × 10 s of silence and
       * drops its locks. A socket on the same machine needs none. */
      if (rounds_store_is_on_server (self))
        rounds_db_exec (self->db, "SET tcp_keepalives_idle = 20; SET tcp_keepalives_interval = 10;"
                                  " SET tcp_keepalives_count = 3", NULL, NULL, NULL);
      g_object_set_qdata_full (G_OBJECT (self), claims_quark, claims,
                               (GDestroyNotify)g_hash_table_unref);
    }
  return claims;
}

static gboolean
advisory (RoundsStore *self,
          const char  *function,
          gint64       id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s (" CLAIM_KEY ")", function);
  RoundsDbStmt *stmt = _rounds_store_prepare (self, sql, NULL);
  gboolean result = FALSE;

  if (stmt == NULL)
    return FALSE;
  rounds_db_bind_int64 (stmt, 1, id);
  if (rounds_db_step (stmt) == ROUNDS_DB_ROW)
    result = rounds_db_column_int (stmt, 0) != 0;
  rounds_db_reset (stmt);
  return result;
}

/**
 * rounds_store_claim_publication:
 * @state: the state the publication must be in (queued to send it,
 *   publishing to look it up)
 *
 * Claims publication @id for this publisher until
 * rounds_store_release_publication(). On a server, refused (quietly:
 * %FALSE) while another PC's publisher, or this one, works on it, or
 * when it is no longer in @state. Always granted on SQLite.
 */
gboolean
rounds_store_claim_publication (RoundsStore             *self,
                                gint64                   id,
                                RoundsPublicationState   state)
{
  GHashTable *claims;
  RoundsDbStmt *stmt;
  gboolean in_state = FALSE;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);

  if (!rounds_store_is_on_server (self))
    return TRUE;
  claims = claims_of (self);
  if (g_hash_table_contains (claims, &id) || !advisory (self, "pg_try_advisory_lock", id))
    return FALSE;

  /* Read after the lock: what another PC did before it let go counts. */
  stmt = _rounds_store_prepare (self, "SELECT state FROM publications WHERE id = ?", NULL);
  if (stmt != NULL)
    {
      rounds_db_bind_int64 (stmt, 1, id);
      in_state = rounds_db_step (stmt) == ROUNDS_DB_ROW &&
                 g_strcmp0 (_rounds_store_column_text (stmt, 0),
                            rounds_publication_state_to_string (state)) == 0;
      rounds_db_reset (stmt);
    }
  if (!in_state)
    {
      advisory (self, "pg_advisory_unlock", id);
      return FALSE;
    }
  g_hash_table_add (claims, g_memdup2 (&id, sizeof id));
  return TRUE;
}

/**
 * rounds_store_release_publication:
 *
 * Ends this publisher's claim on publication @id, if it has one.
 */
void
rounds_store_release_publication (RoundsStore *self,
                                  gint64       id)
{
  g_return_if_fail (ROUNDS_IS_STORE (self));

  if (!rounds_store_is_on_server (self) || !g_hash_table_remove (claims_of (self), &id))
    return;
  advisory (self, "pg_advisory_unlock", id);
}

/* Whether another PC is sending something now (a "publishing" row with
 * no check time that someone else holds): then this PC looks again
 * soon, to take the row over should that PC die. */
static gboolean
other_pc_publishing (RoundsStore *self)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GHashTable *claims;
  RoundsDbStmt *stmt;

  if (!rounds_store_is_on_server (self))
    return FALSE;
  claims = claims_of (self);
  stmt = _rounds_store_prepare (self, "SELECT id FROM publications"
                                      " WHERE state = 'publishing' AND next_try_at IS NULL", NULL);
  if (stmt == NULL)
    return FALSE;
  while (rounds_db_step (stmt) == ROUNDS_DB_ROW)
    {
      gint64 id = rounds_db_column_int64 (stmt, 0);

      if (!g_hash_table_contains (claims, &id))
        g_array_append_val (ids, id);
    }
  rounds_db_reset (stmt);

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);

      if (!advisory (self, "pg_try_advisory_lock", id))
        return TRUE;
      advisory (self, "pg_advisory_unlock", id);
    }
  return FALSE;
}

/**
 * rounds_store_get_next_publication_time:
 *
 * Returns: the earliest time something queued (or waiting to be checked)
 *   falls due after the last one that has, or 0 when nothing waits.
 */
gint64
rounds_store_get_next_publication_time (RoundsStore *self)
{
  RoundsNetwork connected = rounds_store_get_connected_networks (self);
  g_autoptr(GError) error = NULL;
  RoundsDbStmt *stmt;
  gint64 next = 0;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), 0);

  stmt = _rounds_store_prepare (self, "SELECT MIN (CASE WHEN s.scheduled_at > COALESCE (p.next_try_at, 0)"
                                      "             THEN s.scheduled_at ELSE p.next_try_at END)"
                                      " FROM publications p JOIN posts s ON s.id = p.post_id"
                                      " WHERE p.state = 'queued' AND p.account_id IS NOT NULL"
                                      " AND s.status IN ('scheduled', 'due', 'publishing', 'failed')"
                                      " AND s.scheduled_at IS NOT NULL"
                                      " AND (p.error_kind IS NULL OR p.error_kind != 'auth_expired')"
                                      " UNION ALL"
                                      " SELECT MIN (next_try_at) FROM publications"
                                      " WHERE state = 'publishing' AND next_try_at IS NOT NULL",
                                &error);
  if (stmt == NULL)
    return 0;
  while (rounds_db_step (stmt) == ROUNDS_DB_ROW)
    {
      if (rounds_db_column_type (stmt, 0) != ROUNDS_DB_NULL)
        {
          gint64 at = rounds_db_column_int64 (stmt, 0);

          next = next == 0 ? at : MIN (next, at);
        }
    }
  rounds_db_reset (stmt);

  /* The earliest scheduled post for a connected network, through the
   * (status, scheduled_at) index: the first rows are nearly always it. */
  stmt = connected != 0 ? _rounds_store_prepare (self, "SELECT scheduled_at, networks FROM posts"
                                                       " WHERE status = 'scheduled'"
                                                       " AND scheduled_at IS NOT NULL"
                                                       " ORDER BY scheduled_at", &error)
                        : NULL;
  while (stmt != NULL && rounds_db_step (stmt) == ROUNDS_DB_ROW)
    {
      gint64 at = rounds_db_column_int64 (stmt, 0);

      if (at != 0 &&
          (rounds_networks_from_string (_rounds_store_column_text (stmt, 1)) & connected) != 0)
        {
          next = next == 0 ? at : MIN (next, at);
          break;
        }
    }
  if (stmt != NULL)
    rounds_db_reset (stmt);

  if (other_pc_publishing (self))
    {
      gint64 soon = now_of (self) + ROUNDS_PUBLISH_TAKEOVER_POLL;

      next = next == 0 ? soon : MIN (next, soon);
    }

  return next;
}

/**
 * rounds_store_begin_publication:
 *
 * Marks a queued publication as being published, and commits, before the
 * request goes out: from here on a crash leaves it to be reconciled.
 */
gboolean
rounds_store_begin_publication (RoundsStore  *self,
                                gint64        id,
                                GError      **error)
{
  RoundsDbStmt *stmt;
  gint64 now, post_id;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);

  now = now_of (self);
  if (!_rounds_store_begin_unsynced (self, error))
    return FALSE;

  stmt = _rounds_store_prepare (self, "UPDATE publications SET state = 'publishing',"
                                      " attempts = attempts + 1, sent_at = ?, next_try_at = NULL,"
                                      " updated_at = ? WHERE id = ? AND state = 'queued'"
                                      " RETURNING post_id", error);
  if (stmt == NULL)
    goto fail;
  rounds_db_bind_int64 (stmt, 1, now);
  rounds_db_bind_int64 (stmt, 2, now);
  rounds_db_bind_int64 (stmt, 3, id);
  post_id = step_returning_post (self, stmt, error);
  if (post_id <= 0)
    goto fail;

  return commit_with_summary (self, post_id, error);

fail:
  _rounds_store_rollback (self);
  return FALSE;
}

/**
 * rounds_store_publication_published:
 *
 * The network has the post: its id and the URL of the live post.
 */
gboolean
rounds_store_publication_published (RoundsStore  *self,
                                    gint64        id,
                                    const char   *remote_id,
                                    const char   *url,
                                    GError      **error)
{
  RoundsDbStmt *stmt;
  gint64 now, post_id;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);

  now = now_of (self);
  if (!_rounds_store_begin_unsynced (self, error))
    return FALSE;

  stmt = _rounds_store_prepare (self, "UPDATE publications SET state = 'published',"
                                      " remote_id = ?, url = ?, published_at = ?,"
                                      " next_try_at = NULL, last_error = NULL, error_kind = NULL,"
                                      " updated_at = ? WHERE id = ? AND state = 'publishing'"
                                      " RETURNING post_id", error);
  if (stmt == NULL)
    goto fail;
  _rounds_store_bind_text (stmt, 1, remote_id);
  _rounds_store_bind_text (stmt, 2, url);
  rounds_db_bind_int64 (stmt, 3, now);
  rounds_db_bind_int64 (stmt, 4, now);
  rounds_db_bind_int64 (stmt, 5, id);
  post_id = step_returning_post (self, stmt, error);
  if (post_id <= 0)
    goto fail;

  return commit_with_summary (self, post_id, error);

fail:
  _rounds_store_rollback (self);
  return FALSE;
}

static gboolean
move_publication (RoundsStore             *self,
                  gint64                   id,
                  const char              *sql,
                  RoundsPublishErrorKind   kind,
                  const char              *message,
                  gint64                   at,
                  GError                 **error)
{
  RoundsDbStmt *stmt;
  gint64 post_id;

  if (!_rounds_store_begin_unsynced (self, error))
    return FALSE;

  stmt = _rounds_store_prepare (self, sql, error);
  if (stmt == NULL)
    goto fail;
  /* Every statement binds: error kind, message, time, updated_at, id. */
  _rounds_store_bind_text (stmt, 1, kind != ROUNDS_PUBLISH_ERROR_NONE
                                    ? rounds_publish_error_kind_to_string (kind) : NULL);
  _rounds_store_bind_text (stmt, 2, message);
  if (at != 0)
    rounds_db_bind_int64 (stmt, 3, at);
  else
    rounds_db_bind_null (stmt, 3);
  rounds_db_bind_int64 (stmt, 4, now_of (self));
  rounds_db_bind_int64 (stmt, 5, id);
  post_id = step_returning_post (self, stmt, error);
  if (post_id <= 0)
    goto fail;

  return commit_with_summary (self, post_id, error);

fail:
  _rounds_store_rollback (self);
  return FALSE;
}

/**
 * rounds_store_publication_retry_at:
 * @next_try_at: when to try again (0: as soon as possible)
 *
 * The try did not publish, and nothing was left on the network (a
 * refusal before the post was made: rate limit, network down, expired
 * sign-in): back in the queue, with the reason shown.
 */
gboolean
rounds_store_publication_retry_at (RoundsStore             *self,
                                   gint64                   id,
                                   RoundsPublishErrorKind   kind,
                                   const char              *message,
                                   gint64                   next_try_at,
                                   GError                 **error)
{
  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);

  return move_publication (self, id,
                           "UPDATE publications SET state = 'queued', error_kind = ?1,"
                           " last_error = ?2, next_try_at = ?3, updated_at = ?4"
                           " WHERE id = ?5 AND state IN ('publishing', 'queued')"
                           " RETURNING post_id",
                           kind, message, next_try_at, error);
}

/**
 * rounds_store_publication_failed:
 *
 * The publication will not be tried again by itself: the platform
 * refused it, or Rounds did. The message is shown on the post, with Retry.
 */
gboolean
rounds_store_publication_failed (RoundsStore             *self,
                                 gint64                   id,
                                 RoundsPublishErrorKind   kind,
                                 const char              *message,
                                 GError                 **error)
{
  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);

  return move_publication (self, id,
                           "UPDATE publications SET state = 'failed', error_kind = ?1,"
                           " last_error = ?2, next_try_at = ?3, updated_at = ?4"
                           " WHERE id = ?5 AND state IN ('publishing', 'queued')"
                           " RETURNING post_id",
                           kind, message, 0, error);
}

/**
 * rounds_store_publication_unknown:
 * @kind: what happened: a lost or unreadable answer, a timeout, …
 * @check_at: when to look the post up on the network
 *
 * The answer was lost or unreadable: the post may or may not be on the
 * network. It stays "publishing" until a lookup settles it, never sent
 * again blindly.
 */
gboolean
rounds_store_publication_unknown (RoundsStore             *self,
                                  gint64                   id,
                                  RoundsPublishErrorKind   kind,
                                  const char              *message,
                                  gint64                   check_at,
                                  GError                 **error)
{
  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);

  return move_publication (self, id,
                           "UPDATE publications SET error_kind = ?1, last_error = ?2,"
                           " next_try_at = ?3, updated_at = ?4"
                           " WHERE id = ?5 AND state = 'publishing'"
                           " RETURNING post_id",
                           kind, message, check_at, error);
}

/**
 * rounds_store_publication_count_check:
 *
 * A lookup that could not tell counts as a try, so that the waits grow
 * and a network that stays down ends in "failed" rather than a loop.
 */
gboolean
rounds_store_publication_count_check (RoundsStore  *self,
                                      gint64        id,
                                      GError      **error)
{
  RoundsDbStmt *stmt;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);

  if (!_rounds_store_begin_unsynced (self, error))
    return FALSE;
  stmt = _rounds_store_prepare (self, "UPDATE publications SET attempts = attempts + 1"
                                      " WHERE id = ? AND state = 'publishing'", error);
  if (stmt == NULL)
    {
      _rounds_store_rollback (self);
      return FALSE;
    }
  rounds_db_bind_int64 (stmt, 1, id);

  if (!_rounds_store_step_done (self, stmt, error, _("Could not change the publication")) ||
      !_rounds_store_commit (self, error))
    {
      _rounds_store_rollback (self);
      return FALSE;
    }
  return TRUE;
}

/**
 * rounds_store_publication_requeue:
 *
 * A lookup showed that an interrupted try left nothing on the network:
 * it is safe to send again.
 */
gboolean
rounds_store_publication_requeue (RoundsStore  *self,
                                  gint64        id,
                                  GError      **error)
{
  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);

  return move_publication (self, id,
                           "UPDATE publications SET state = 'queued', error_kind = ?1,"
                           " last_error = ?2, next_try_at = ?3, updated_at = ?4"
                           " WHERE id = ?5 AND state = 'publishing'"
                           " RETURNING post_id",
                           ROUNDS_PUBLISH_ERROR_NONE, NULL, 0, error);
}

/* A failed post with no publication to send again (it failed before
 * Rounds made any: an older failure, a manual network, the sample): it
 * goes back to scheduled, so that the queue (or the reminder to post it
 * by hand) takes it up again. In the caller's transaction. */
static gboolean
reschedule_failed_in_tx (RoundsStore  *self,
                         RoundsPost   *post,
                         gint64        now,
                         GError      **error)
{
  g_autofree char *hash = rounds_post_dup_text_hash (post);
  RoundsDbStmt *stmt;

  stmt = _rounds_store_prepare (self, "UPDATE posts SET status = 'scheduled', last_error = NULL,"
                                      " updated_at = ? WHERE id = ? AND status = 'failed'", error);
  if (stmt == NULL)
    return FALSE;
  rounds_db_bind_int64 (stmt, 1, now);
  rounds_db_bind_int64 (stmt, 2, rounds_post_get_id (post));
  if (!_rounds_store_step_done (self, stmt, error, _("Could not change the post")))
    return FALSE;

  return _rounds_store_write_audit (self, "post", rounds_post_get_id (post), "status",
                                    rounds_post_status_to_string (ROUNDS_POST_STATUS_FAILED),
                                    rounds_post_status_to_string (ROUNDS_POST_STATUS_SCHEDULED),
                                    "retry", hash, error);
}

/**
 * rounds_store_retry_post:
 *
 * The Retry button: the post's failed publications (and those waiting
 * for a reconnection) go back in the queue, due now. A failed post that
 * has none goes back to scheduled.
 *
 * Returns: how many publications (or the post itself) went back; 0 with
 *   @error set when there was nothing to retry or the store failed.
 */
guint
rounds_store_retry_post (RoundsStore  *self,
                         gint64        post_id,
                         GError      **error)
{
  RoundsPost *post;
  RoundsDbStmt *stmt;
  gboolean rescheduled = FALSE;
  gint64 now;
  guint n = 0;
  int rc;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), 0);

  post = rounds_store_lookup_post (self, post_id);
  if (post == NULL)
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_NOT_FOUND,
                   _("This post no longer exists"));
      return 0;
    }

  now = now_of (self);
  if (!_rounds_store_begin (self, error))
    return 0;

  stmt = _rounds_store_prepare (self, "UPDATE publications SET state = 'queued', attempts = 0,"
                                      " next_try_at = NULL, last_error = NULL, error_kind = NULL,"
                                      " updated_at = ? WHERE post_id = ? AND (state = 'failed'"
                                      " OR (state = 'queued' AND error_kind IS NOT NULL))"
                                      " RETURNING id", error);
  if (stmt == NULL)
    goto fail;
  rounds_db_bind_int64 (stmt, 1, now);
  rounds_db_bind_int64 (stmt, 2, post_id);
  while ((rc = rounds_db_step (stmt)) == ROUNDS_DB_ROW)
    n++;
  rounds_db_reset (stmt);
  if (rc != ROUNDS_DB_DONE)
    {
      _rounds_store_set_error (self, rc, error, _("Could not change the publications"));
      goto fail;
    }

  if (n == 0)
    {
      if (rounds_post_get_status (post) != ROUNDS_POST_STATUS_FAILED)
        {
          g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID,
                       _("This post has nothing to publish again"));
          goto fail;
        }
      if (!reschedule_failed_in_tx (self, post, now, error))
        goto fail;
      rescheduled = TRUE;
      n = 1;
    }

  if (!_rounds_store_write_audit (self, "post", post_id, "retry", NULL, NULL, NULL, NULL, error))
    goto fail;

  if (rescheduled)
    {
      if (!_rounds_store_commit (self, error))
        goto fail;
      _rounds_post_set_status (post, ROUNDS_POST_STATUS_SCHEDULED);
      _rounds_post_set_last_error (post, NULL);
      _rounds_post_set_times (post, rounds_post_get_created_at (post), now);
      _rounds_store_emit_post_changed (self, post);
      return n;
    }

  if (!commit_with_summary (self, post_id, error))
    goto fail;

  return n;

fail:
  _rounds_store_rollback (self);
  return 0;
}

/* ------------------------------------------------------------------ */
/* Cursors                                                              */

/**
 * rounds_store_get_account_cursor:
 *
 * Returns: (transfer full) (nullable): where the last poll of @kind on
 *   the account ended, or %NULL before the first.
 */
char *
rounds_store_get_account_cursor (RoundsStore *self,
                                 gint64       account_id,
                                 const char  *kind)
{
  g_autoptr(GError) error = NULL;
  RoundsDbStmt *stmt;
  char *cursor = NULL;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);
  g_return_val_if_fail (kind != NULL, NULL);

  stmt = _rounds_store_prepare (self, "SELECT cursor FROM account_cursors"
                                      " WHERE account_id = ? AND kind = ?", &error);
  if (stmt == NULL)
    return NULL;
  rounds_db_bind_int64 (stmt, 1, account_id);
  _rounds_store_bind_text (stmt, 2, kind);
  if (rounds_db_step (stmt) == ROUNDS_DB_ROW)
    cursor = g_strdup (column_or_null (stmt, 0));
  rounds_db_reset (stmt);

  return cursor;
}

gboolean
rounds_store_set_account_cursor (RoundsStore  *self,
                                 gint64        account_id,
                                 const char   *kind,
                                 const char   *cursor,
                                 GError      **error)
{
  RoundsDbStmt *stmt;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);
  g_return_val_if_fail (kind != NULL, FALSE);

  stmt = _rounds_store_prepare (self, "INSERT INTO account_cursors (account_id, kind, cursor,"
                                      " updated_at) VALUES (?, ?, ?, ?)"
                                      " ON CONFLICT (account_id, kind) DO UPDATE SET"
                                      " cursor = excluded.cursor, updated_at = excluded.updated_at",
                                error);
  if (stmt == NULL)
    return FALSE;
  rounds_db_bind_int64 (stmt, 1, account_id);
  _rounds_store_bind_text (stmt, 2, kind);
  _rounds_store_bind_text (stmt, 3, cursor);
  rounds_db_bind_int64 (stmt, 4, now_of (self));

  return _rounds_store_step_done (self, stmt, error, _("Could not save the cursor"));
}
