/* rounds-store-replies.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rounds-store-people.h"
#include "rounds-store-private.h"
#include "rounds-store-replies.h"

/* Replies (tables replies and reply_finding_acks, schema v3). The life
 * cycle is draft → awaiting_approval → approved → sent | answered_by_hand;
 * a reply that needs no second person goes from draft straight to sent.
 * Changing the text of a reply waiting for or holding an approval sends
 * it back to draft, so that what goes out is always what was approved
 * (the hash in the audit log says so). */

static const char * const state_names[] = {
  "draft", "awaiting_approval", "approved", "sent", "answered_by_hand",
};

G_DEFINE_BOXED_TYPE (RoundsReply, rounds_reply, rounds_reply_copy, rounds_reply_free)

RoundsReply *
rounds_reply_copy (const RoundsReply *self)
{
  RoundsReply *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->body = g_strdup (self->body);
  copy->written_by = g_strdup (self->written_by);
  copy->approved_by = g_strdup (self->approved_by);
  copy->text_sha256 = g_strdup (self->text_sha256);
  copy->remote_id = g_strdup (self->remote_id);
  copy->url = g_strdup (self->url);
  return copy;
}

void
rounds_reply_free (RoundsReply *self)
{
  if (self == NULL)
    return;
  g_free (self->body);
  g_free (self->written_by);
  g_free (self->approved_by);
  g_free (self->text_sha256);
  g_free (self->remote_id);
  g_free (self->url);
  g_free (self);
}

const char *
rounds_reply_state_to_string (RoundsReplyState state)
{
  g_return_val_if_fail (state <= ROUNDS_REPLY_STATE_ANSWERED_BY_HAND, NULL);
  return state_names[state];
}

static RoundsReplyState
state_from_string (const char *str)
{
  for (guint i = 0; i < G_N_ELEMENTS (state_names); i++)
    if (g_strcmp0 (str, state_names[i]) == 0)
      return i;
  return ROUNDS_REPLY_STATE_DRAFT;
}

gboolean
rounds_reply_state_is_done (RoundsReplyState state)
{
  return state == ROUNDS_REPLY_STATE_SENT || state == ROUNDS_REPLY_STATE_ANSWERED_BY_HAND;
}

/**
 * rounds_reply_needs_approval:
 * @findings: (element-type RoundsFinding) (nullable): on the reply's text
 * @sensitive_comment: the comment is a complaint or a possible crisis
 */
gboolean
rounds_reply_needs_approval (GPtrArray *findings,
                             gboolean   sensitive_comment)
{
  return sensitive_comment || (findings != NULL && findings->len > 0);
}

static char *
fold_name (const char *name)
{
  g_autofree char *stripped = g_strstrip (g_strdup (name ? name : ""));
  g_autofree char *normal = g_utf8_normalize (stripped, -1, G_NORMALIZE_ALL_COMPOSE);

  return g_utf8_casefold (normal ? normal : "", -1);
}

gboolean
rounds_reply_same_person (const char *a,
                          const char *b)
{
  g_autofree char *fa = fold_name (a);
  g_autofree char *fb = fold_name (b);

  return g_str_equal (fa, fb);
}

static char *
text_hash (const char *body)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, body ? body : "", -1);
}

/* ------------------------------------------------------------------ */

#define REPLY_COLUMNS "id, comment_id, body, state, written_by, approved_by, text_sha256," \
                      " remote_id, url, created_at, updated_at, sent_at"

static gpointer
reply_of_row (RoundsStore  *self,
              RoundsDbStmt *stmt)
{
  RoundsReply *reply = g_new0 (RoundsReply, 1);

  reply->id = rounds_db_column_int64 (stmt, 0);
  reply->comment_id = rounds_db_column_int64 (stmt, 1);
  reply->body = g_strdup (_rounds_store_column_text (stmt, 2));
  reply->state = state_from_string (_rounds_store_column_text (stmt, 3));
  reply->written_by = g_strdup (_rounds_store_column_text (stmt, 4));
  reply->approved_by = g_strdup ((const char *)rounds_db_column_text (stmt, 5));
  reply->text_sha256 = g_strdup (_rounds_store_column_text (stmt, 6));
  reply->remote_id = g_strdup ((const char *)rounds_db_column_text (stmt, 7));
  reply->url = g_strdup ((const char *)rounds_db_column_text (stmt, 8));
  reply->created_at = rounds_db_column_int64 (stmt, 9);
  reply->updated_at = rounds_db_column_int64 (stmt, 10);
  reply->sent_at = rounds_db_column_int64 (stmt, 11);
  return reply;
}

static RoundsReply *
read_one (RoundsStore  *self,
          const char   *sql,
          gint64        id,
          GError      **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  RoundsDbStmt *stmt;

  if (!_rounds_store_ensure_open (self, error))
    return NULL;
  stmt = _rounds_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  rounds_db_bind_int64 (stmt, 1, id);
  rows = _rounds_store_read_rows (self, stmt, reply_of_row, (GDestroyNotify)rounds_reply_free,
                                  error, _("Could not read the reply"));
  if (rows == NULL || rows->len == 0)
    return NULL;
  return rounds_reply_copy (g_ptr_array_index (rows, 0));
}

static RoundsReply *
reply_by_id (RoundsStore  *self,
             gint64        reply_id,
             GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  RoundsReply *reply;

  reply = read_one (self, "SELECT " REPLY_COLUMNS " FROM replies WHERE id = ?", reply_id,
                    &local_error);
  if (reply == NULL && local_error == NULL)
    g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_NOT_FOUND,
                 _("This reply no longer exists"));
  else if (reply == NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return reply;
}

/**
 * rounds_store_get_reply:
 *
 * Returns: (nullable) (transfer full): the reply to @comment_id, or %NULL
 *   when there is none yet (no error) or it could not be read (@error).
 */
RoundsReply *
rounds_store_get_reply (RoundsStore  *self,
                        gint64        comment_id,
                        GError      **error)
{
  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);

  return read_one (self, "SELECT " REPLY_COLUMNS " FROM replies WHERE comment_id = ?"
                         " ORDER BY id DESC LIMIT 1", comment_id, error);
}

static gboolean
set_state (RoundsStore       *self,
           const RoundsReply *reply,
           RoundsReplyState   to,
           const char        *approved_by,
           const char        *remote_id,
           const char        *url,
           GError           **error)
{
  gint64 now = rounds_clock_get_now (rounds_store_get_clock (self));
  RoundsDbStmt *stmt;

  stmt = _rounds_store_prepare (self, "UPDATE replies SET state = ?, approved_by = ?, remote_id = ?,"
                                      " url = ?, updated_at = ?,"
                                      " sent_at = CASE WHEN ?6 != 0 THEN ?5 ELSE sent_at END"
                                      " WHERE id = ?7 AND state = ?8", error);
  if (stmt == NULL)
    return FALSE;
  _rounds_store_bind_text (stmt, 1, rounds_reply_state_to_string (to));
  _rounds_store_bind_text (stmt, 2, approved_by);
  _rounds_store_bind_text (stmt, 3, remote_id);
  _rounds_store_bind_text (stmt, 4, url);
  rounds_db_bind_int64 (stmt, 5, now);
  rounds_db_bind_int (stmt, 6, rounds_reply_state_is_done (to));
  rounds_db_bind_int64 (stmt, 7, reply->id);
  _rounds_store_bind_text (stmt, 8, rounds_reply_state_to_string (reply->state));
  if (!_rounds_store_step_done (self, stmt, error, _("Could not save the reply")))
    return FALSE;
  if (rounds_db_changes (self->db) != 1)
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID,
                   _("The reply was changed meanwhile; look at it again"));
      return FALSE;
    }
  return TRUE;
}

/**
 * rounds_store_save_reply:
 * @body: the reply's text
 *
 * Keeps the reply to @comment_id as a draft (creating it the first time).
 * A reply already sent is never changed. A changed text loses its
 * approval: the reply goes back to draft, with an audit entry.
 *
 * Returns: (transfer full): the reply as stored.
 */
RoundsReply *
rounds_store_save_reply (RoundsStore  *self,
                         gint64        comment_id,
                         const char   *body,
                         GError      **error)
{
  g_autoptr(RoundsReply) old = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *hash = text_hash (body);
  gint64 now;
  gint64 id;
  RoundsDbStmt *stmt;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);

  old = rounds_store_get_reply (self, comment_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (old != NULL && rounds_reply_state_is_done (old->state))
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID,
                   _("This comment was answered already"));
      return NULL;
    }
  if (old != NULL && g_strcmp0 (old->text_sha256, hash) == 0)
    return g_steal_pointer (&old);

  now = rounds_clock_get_now (rounds_store_get_clock (self));
  if (!_rounds_store_begin (self, error))
    return NULL;

  if (old == NULL)
    {
      stmt = _rounds_store_prepare (self, "INSERT INTO replies (comment_id, body, state, written_by,"
                                          " text_sha256, created_at, updated_at)"
                                          " VALUES (?, ?, 'draft', ?, ?, ?, ?)", error);
      if (stmt == NULL)
        goto fail;
      rounds_db_bind_int64 (stmt, 1, comment_id);
      _rounds_store_bind_text (stmt, 2, body ? body : "");
      _rounds_store_bind_text (stmt, 3, rounds_store_get_actor (self));
      _rounds_store_bind_text (stmt, 4, hash);
      rounds_db_bind_int64 (stmt, 5, now);
      rounds_db_bind_int64 (stmt, 6, now);
      if (!_rounds_store_step_done (self, stmt, error, _("Could not save the reply")))
        goto fail;
      id = _rounds_store_last_insert_rowid (self);
      if (!_rounds_store_write_audit (self, "reply", id, "created", NULL, "draft", NULL, hash,
                                      error))
        goto fail;
    }
  else
    {
      id = old->id;
      stmt = _rounds_store_prepare (self, "UPDATE replies SET body = ?, text_sha256 = ?,"
                                          " state = 'draft', approved_by = NULL, written_by = ?,"
                                          " updated_at = ? WHERE id = ?", error);
      if (stmt == NULL)
        goto fail;
      _rounds_store_bind_text (stmt, 1, body ? body : "");
      _rounds_store_bind_text (stmt, 2, hash);
      _rounds_store_bind_text (stmt, 3, rounds_store_get_actor (self));
      rounds_db_bind_int64 (stmt, 4, now);
      rounds_db_bind_int64 (stmt, 5, id);
      if (!_rounds_store_step_done (self, stmt, error, _("Could not save the reply")))
        goto fail;
      if (old->state != ROUNDS_REPLY_STATE_DRAFT &&
          !_rounds_store_write_audit (self, "reply", id, "status",
                                      rounds_reply_state_to_string (old->state), "draft",
                                      _("Text changed after it was sent for approval"), hash,
                                      error))
        goto fail;
    }

  if (!_rounds_store_commit (self, error))
    goto fail;

  return reply_by_id (self, id, error);

fail:
  _rounds_store_rollback (self);
  return NULL;
}

/* ------------------------------------------------------------------ */
/* Findings kept with a reason                                          */

/**
 * rounds_store_list_reply_acks:
 *
 * Returns: (transfer full) (element-type RoundsFindingAck): oldest first.
 */
GPtrArray *
rounds_store_list_reply_acks (RoundsStore  *self,
                              gint64        reply_id,
                              GError      **error)
{
  RoundsDbStmt *stmt;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);

  if (!_rounds_store_ensure_open (self, error))
    return NULL;
  stmt = _rounds_store_prepare (self, "SELECT rule, span_sha256, reason, actor, at"
                                      " FROM reply_finding_acks WHERE reply_id = ?"
                                      " ORDER BY at, id", error);
  if (stmt == NULL)
    return NULL;
  rounds_db_bind_int64 (stmt, 1, reply_id);
  return _rounds_store_read_rows (self, stmt, _rounds_store_finding_ack_of_row, (GDestroyNotify)rounds_finding_ack_free,
                                  error, _("Could not read the reply"));
}

/**
 * rounds_store_acknowledge_reply_finding:
 * @span_sha256: rounds_text_dup_span_hash() of the finding's words
 * @reason: why the writer keeps them (required)
 *
 * "Keep, with a reason" for a reply, written to the audit log with the
 * SHA-256 of the reply's text.
 */
gboolean
rounds_store_acknowledge_reply_finding (RoundsStore  *self,
                                        gint64        reply_id,
                                        const char   *rule,
                                        const char   *span_sha256,
                                        const char   *reason,
                                        GError      **error)
{
  g_autofree char *stripped = NULL;
  g_autofree char *audit_reason = NULL;
  g_autoptr(RoundsReply) reply = NULL;
  const char *actor = NULL;
  RoundsDbStmt *stmt;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);
  g_return_val_if_fail (rule != NULL && span_sha256 != NULL, FALSE);

  stripped = g_strstrip (g_strdup (reason ? reason : ""));
  if (stripped[0] == '\0')
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID,
                   _("Say why this is kept"));
      return FALSE;
    }
  reply = reply_by_id (self, reply_id, error);
  if (reply == NULL)
    return FALSE;
  /* Keeping a finding is an approver's decision (issue 20). */
  if (!_rounds_store_require_signature (self, error))
    return FALSE;
  _rounds_store_acting_person (self, &actor);

  /* TRANSLATORS: audit log: the rule's id, then the writer's reason */
  audit_reason = g_strdup_printf (_("%s kept: %s"), rule, stripped);

  if (!_rounds_store_begin (self, error))
    return FALSE;
  stmt = _rounds_store_prepare (self, "INSERT INTO reply_finding_acks (reply_id, rule, span_sha256,"
                                      " reason, actor, at) VALUES (?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    goto fail;
  rounds_db_bind_int64 (stmt, 1, reply_id);
  _rounds_store_bind_text (stmt, 2, rule);
  _rounds_store_bind_text (stmt, 3, span_sha256);
  _rounds_store_bind_text (stmt, 4, stripped);
  _rounds_store_bind_text (stmt, 5, actor);
  rounds_db_bind_int64 (stmt, 6, rounds_clock_get_now (rounds_store_get_clock (self)));
  if (!_rounds_store_step_done (self, stmt, error, _("Could not save the decision")) ||
      !_rounds_store_write_audit (self, "reply", reply_id, "acknowledged", NULL, NULL,
                                  audit_reason, reply->text_sha256, error) ||
      !_rounds_store_commit (self, error))
    goto fail;
  return TRUE;

fail:
  _rounds_store_rollback (self);
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* Workflow                                                             */

/**
 * rounds_store_submit_reply:
 *
 * The writer asks for a second person's approval: draft →
 * awaiting_approval, with the writer and the text's hash in the audit log.
 */
gboolean
rounds_store_submit_reply (RoundsStore  *self,
                           gint64        reply_id,
                           GError      **error)
{
  g_autoptr(RoundsReply) reply = NULL;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);

  reply = reply_by_id (self, reply_id, error);
  if (reply == NULL)
    return FALSE;
  if (reply->state != ROUNDS_REPLY_STATE_DRAFT)
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID,
                   _("Only a draft reply can be sent for approval"));
      return FALSE;
    }

  if (!_rounds_store_begin (self, error))
    return FALSE;
  if (!set_state (self, reply, ROUNDS_REPLY_STATE_AWAITING_APPROVAL, NULL, NULL, NULL, error) ||
      !_rounds_store_write_audit (self, "reply", reply_id, "status", "draft", "awaiting_approval",
                                  NULL, reply->text_sha256, error) ||
      !_rounds_store_commit (self, error))
    {
      _rounds_store_rollback (self);
      return FALSE;
    }
  return TRUE;
}

/**
 * rounds_store_approve_reply:
 * @approver: who approves: the second person
 * @required_approver: (nullable): the approver named in the crisis plan;
 *   when set, only they may approve
 * @findings: (element-type RoundsFinding): on exactly the reply's text now
 * @override_reason: (nullable): the approver's reason to let blocking
 *   findings go out
 *
 * Approves a reply waiting for approval. Refused when the approver is the
 * writer, is not the plan's approver, or when a blocking finding remains
 * without an override reason. The audit entry names the approver as its
 * actor and carries the text's SHA-256 and the findings kept.
 */
gboolean
rounds_store_approve_reply (RoundsStore  *self,
                            gint64        reply_id,
                            const char   *approver,
                            const char   *required_approver,
                            GPtrArray    *findings,
                            const char   *override_reason,
                            GError      **error)
{
  g_autoptr(RoundsReply) reply = NULL;
  g_autoptr(GPtrArray) acks = NULL;
  g_autoptr(GString) reason = g_string_new (NULL);
  g_autofree char *who = g_strstrip (g_strdup (approver ? approver : ""));
  g_autofree char *override = g_strstrip (g_strdup (override_reason ? override_reason : ""));
  g_autofree char *desk_actor = NULL;
  guint n_block = 0;
  gboolean ok;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);

  reply = reply_by_id (self, reply_id, error);
  if (reply == NULL)
    return FALSE;
  if (reply->state != ROUNDS_REPLY_STATE_AWAITING_APPROVAL)
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID,
                   _("Only a reply sent for approval can be approved"));
      return FALSE;
    }
  /* With people (issue 20), the approver is whoever signed with their
   * PIN, not a typed name. */
  if (!_rounds_store_require_signature (self, error))
    return FALSE;
  if (rounds_store_get_signer (self) != NULL)
    {
      g_free (who);
      who = g_strdup (rounds_person_get_name (rounds_store_get_signer (self)));
    }
  if (who[0] == '\0')
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID,
                   _("Say who approves the reply"));
      return FALSE;
    }
  if (rounds_reply_same_person (who, reply->written_by))
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID,
                   _("A second person must approve: %s wrote this reply"), reply->written_by);
      return FALSE;
    }
  if (!rounds_reply_same_person (required_approver, "") &&
      !rounds_reply_same_person (who, required_approver))
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID,
                   _("The crisis plan names %s to approve replies"), required_approver);
      return FALSE;
    }

  for (guint i = 0; findings != NULL && i < findings->len; i++)
    n_block += rounds_finding_get_severity (g_ptr_array_index (findings, i)) ==
               ROUNDS_FINDING_SEVERITY_BLOCK;
  if (n_block > 0 && override[0] == '\0')
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID,
                   ngettext ("%u problem must be fixed before approval, or give a reason to "
                             "approve anyway",
                             "%u problems must be fixed before approval, or give a reason to "
                             "approve anyway", n_block), n_block);
      return FALSE;
    }

  /* The reason names the writer and every finding kept, with its reason. */
  acks = rounds_store_list_reply_acks (self, reply_id, error);
  if (acks == NULL)
    return FALSE;
  /* TRANSLATORS: audit log, the person who wrote a reply */
  g_string_append_printf (reason, _("Written by %s"), reply->written_by);
  for (guint i = 0; i < acks->len; i++)
    {
      const RoundsFindingAck *ack = g_ptr_array_index (acks, i);

      /* TRANSLATORS: audit log: "; kept phi.name (Lena): the practice's own doctor" */
      g_string_append_printf (reason, _("; kept %s (%s): %s"), ack->rule, ack->actor, ack->reason);
    }
  if (n_block > 0)
    /* TRANSLATORS: audit log: the approver's reason to approve despite problems */
    g_string_append_printf (reason, _("; approved despite problems: %s"), override);

  /* The approver is the actor of this entry. */
  desk_actor = g_strdup (rounds_store_get_actor (self));
  if (!_rounds_store_begin (self, error))
    return FALSE;
  rounds_store_set_actor (self, who);
  ok = set_state (self, reply, ROUNDS_REPLY_STATE_APPROVED, who, NULL, NULL, error) &&
       (n_block == 0 ||
        _rounds_store_write_audit (self, "reply", reply_id, "override", "awaiting_approval",
                                   "approved", override, reply->text_sha256, error)) &&
       _rounds_store_write_audit (self, "reply", reply_id, "status", "awaiting_approval",
                                  "approved", reason->str, reply->text_sha256, error);
  rounds_store_set_actor (self, desk_actor);
  if (!ok || !_rounds_store_commit (self, error))
    {
      _rounds_store_rollback (self);
      return FALSE;
    }
  return TRUE;
}

/**
 * rounds_store_check_reply_can_go:
 * @needs_approval: rounds_reply_needs_approval() for the reply's text
 * @reply: (out) (optional) (transfer full): the reply as stored
 *
 * Whether the reply may go out now: it is not answered already, and it
 * holds the approval it needs.
 */
gboolean
rounds_store_check_reply_can_go (RoundsStore   *self,
                                 gint64         reply_id,
                                 gboolean       needs_approval,
                                 RoundsReply  **reply,
                                 GError       **error)
{
  g_autoptr(RoundsReply) stored = NULL;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);

  stored = reply_by_id (self, reply_id, error);
  if (stored == NULL)
    return FALSE;
  if (rounds_reply_state_is_done (stored->state))
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID,
                   _("This comment was answered already"));
      return FALSE;
    }
  if (stored->state == ROUNDS_REPLY_STATE_AWAITING_APPROVAL ||
      (needs_approval && stored->state != ROUNDS_REPLY_STATE_APPROVED))
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID,
                   _("This reply needs a second person’s approval before it goes out"));
      return FALSE;
    }
  if (reply != NULL)
    *reply = g_steal_pointer (&stored);
  return TRUE;
}

/**
 * rounds_store_mark_reply_sent:
 * @needs_approval: rounds_reply_needs_approval() for the text being sent
 * @remote_id: (nullable): the network's id of the reply, or %NULL when
 *   it was posted by hand
 * @url: (nullable): where the reply can be seen
 *
 * Records that the reply went out (through the network or by hand).
 * Refused when it needs an approval it does not have.
 */
gboolean
rounds_store_mark_reply_sent (RoundsStore  *self,
                              gint64        reply_id,
                              gboolean      needs_approval,
                              const char   *remote_id,
                              const char   *url,
                              GError      **error)
{
  g_autoptr(RoundsReply) reply = NULL;
  g_autoptr(GString) reason = g_string_new (NULL);
  RoundsReplyState to = remote_id != NULL ? ROUNDS_REPLY_STATE_SENT
                                          : ROUNDS_REPLY_STATE_ANSWERED_BY_HAND;
  RoundsDbStmt *stmt;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);

  if (!rounds_store_check_reply_can_go (self, reply_id, needs_approval, &reply, error))
    return FALSE;

  /* TRANSLATORS: audit log, the person who wrote a reply */
  g_string_append_printf (reason, _("Written by %s"), reply->written_by);
  if (reply->approved_by != NULL)
    /* TRANSLATORS: audit log, the person who approved a reply */
    g_string_append_printf (reason, _("; approved by %s"), reply->approved_by);
  if (remote_id == NULL)
    g_string_append_printf (reason, "; %s", _("posted by hand"));

  if (!_rounds_store_begin (self, error))
    return FALSE;
  if (!set_state (self, reply, to, reply->approved_by, remote_id, url, error) ||
      !_rounds_store_write_audit (self, "reply", reply_id, "status",
                                  rounds_reply_state_to_string (reply->state),
                                  rounds_reply_state_to_string (to), reason->str,
                                  reply->text_sha256, error))
    goto fail;

  /* The comment is answered: the Inbox's state (rounds-store-inbox.h),
   * with the time for Insights' response times, in this transaction. */
  stmt = _rounds_store_prepare (self, "UPDATE comments SET state = ?1, is_read = 1,"
                                " answered_at = ?2 WHERE id = ?3", error);
  if (stmt == NULL)
    goto fail;
  _rounds_store_bind_text (stmt, 1, remote_id != NULL ? "answered" : "answered-by-hand");
  rounds_db_bind_int64 (stmt, 2, rounds_clock_get_now (rounds_store_get_clock (self)));
  rounds_db_bind_int64 (stmt, 3, reply->comment_id);
  if (!_rounds_store_step_done (self, stmt, error, _("Could not save the reply")) ||
      !_rounds_store_write_audit (self, "comment", reply->comment_id,
                                  remote_id != NULL ? "answered" : "answered-by-hand", NULL,
                                  remote_id != NULL ? "answered" : "answered-by-hand",
                                  NULL, reply->text_sha256, error) ||
      !_rounds_store_commit (self, error))
    goto fail;

  _rounds_store_emit_comment_changed (self, reply->comment_id);
  _rounds_store_emit_comments_changed (self);
  return TRUE;

fail:
  _rounds_store_rollback (self);
  return FALSE;
}

/**
 * rounds_store_log_comment_event:
 * @action: "crisis-step", "crisis-opened", …
 * @reason: (nullable): what was done, in the user's words
 */
gboolean
rounds_store_log_comment_event (RoundsStore  *self,
                                gint64        comment_id,
                                const char   *action,
                                const char   *reason,
                                GError      **error)
{
  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);
  g_return_val_if_fail (action != NULL, FALSE);

  if (!_rounds_store_ensure_open (self, error) || !_rounds_store_begin (self, error))
    return FALSE;
  if (!_rounds_store_write_audit (self, "comment", comment_id, action, NULL, NULL, reason, NULL,
                                  error) ||
      !_rounds_store_commit (self, error))
    {
      _rounds_store_rollback (self);
      return FALSE;
    }
  return TRUE;
}
