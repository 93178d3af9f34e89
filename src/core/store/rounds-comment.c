/* rounds-comment.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-comment"

#include "config.h"

#include "rounds-comment.h"
#include "rounds-core-enums.h"

/* A comment on one of the practice's posts, a mention, or a review of the
 * practice, as read from a network or pasted in by hand: an Inbox item.
 * Comments are immutable snapshots: the store builds a new object when one
 * changes (its state, its kind, deleted on the network) and puts it in
 * place of the old one in its list model. */

struct _RoundsComment
{
  GObject            parent_instance;
  gint64             id;
  RoundsNetwork      network;
  RoundsCommentKind  kind;
  char              *author;
  char              *body;
  gint64             received_at;
  gint64             post_id;
  int                rating;
  gboolean           is_read;
  gint64             account_id;
  char              *remote_id;
  char              *parent_remote_id;
  char              *author_handle;
  char              *url;
  RoundsTriageKind   triage;
  RoundsInboxState   state;
  gint64             deleted_at;
  gboolean           by_hand;
  gint64             fetched_at;
  gint64             answered_at;
};

G_DEFINE_FINAL_TYPE (RoundsComment, rounds_comment, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NETWORK,
  PROP_KIND,
  PROP_AUTHOR,
  PROP_BODY,
  PROP_RECEIVED_AT,
  PROP_POST_ID,
  PROP_RATING,
  PROP_IS_READ,
  PROP_ACCOUNT_ID,
  PROP_REMOTE_ID,
  PROP_PARENT_REMOTE_ID,
  PROP_AUTHOR_HANDLE,
  PROP_URL,
  PROP_TRIAGE,
  PROP_STATE,
  PROP_DELETED_AT,
  PROP_BY_HAND,
  PROP_FETCHED_AT,
  PROP_ANSWERED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* How many RoundsComment objects exist in this process (tests: opening
 * a practice reads no comment). */
static gint n_live;

static void
rounds_comment_finalize (GObject *object)
{
  RoundsComment *self = (RoundsComment *)object;

  g_atomic_int_add (&n_live, -1);

  g_clear_pointer (&self->author, g_free);
  g_clear_pointer (&self->body, g_free);
  g_clear_pointer (&self->remote_id, g_free);
  g_clear_pointer (&self->parent_remote_id, g_free);
  g_clear_pointer (&self->author_handle, g_free);
  g_clear_pointer (&self->url, g_free);

  G_OBJECT_CLASS (rounds_comment_parent_class)->finalize (object);
}

static void
rounds_comment_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  RoundsComment *self = ROUNDS_COMMENT (object);

  switch (prop_id)
    {
    case PROP_ID:          g_value_set_int64 (value, self->id); break;
    case PROP_NETWORK:     g_value_set_flags (value, self->network); break;
    case PROP_KIND:        g_value_set_enum (value, self->kind); break;
    case PROP_AUTHOR:      g_value_set_string (value, self->author); break;
    case PROP_BODY:        g_value_set_string (value, self->body); break;
    case PROP_RECEIVED_AT: g_value_set_int64 (value, self->received_at); break;
    case PROP_POST_ID:     g_value_set_int64 (value, self->post_id); break;
    case PROP_RATING:      g_value_set_int (value, self->rating); break;
    case PROP_IS_READ:     g_value_set_boolean (value, self->is_read); break;
    case PROP_ACCOUNT_ID:  g_value_set_int64 (value, self->account_id); break;
    case PROP_REMOTE_ID:   g_value_set_string (value, self->remote_id); break;
    case PROP_PARENT_REMOTE_ID: g_value_set_string (value, self->parent_remote_id); break;
    case PROP_AUTHOR_HANDLE: g_value_set_string (value, self->author_handle); break;
    case PROP_URL:         g_value_set_string (value, self->url); break;
    case PROP_TRIAGE:      g_value_set_enum (value, self->triage); break;
    case PROP_STATE:       g_value_set_enum (value, self->state); break;
    case PROP_DELETED_AT:  g_value_set_int64 (value, self->deleted_at); break;
    case PROP_BY_HAND:     g_value_set_boolean (value, self->by_hand); break;
    case PROP_FETCHED_AT:  g_value_set_int64 (value, self->fetched_at); break;
    case PROP_ANSWERED_AT: g_value_set_int64 (value, self->answered_at); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rounds_comment_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  RoundsComment *self = ROUNDS_COMMENT (object);

  switch (prop_id)
    {
    case PROP_ID:          self->id = g_value_get_int64 (value); break;
    case PROP_NETWORK:     self->network = g_value_get_flags (value); break;
    case PROP_KIND:        self->kind = g_value_get_enum (value); break;
    case PROP_AUTHOR:      self->author = g_value_dup_string (value); break;
    case PROP_BODY:        self->body = g_value_dup_string (value); break;
    case PROP_RECEIVED_AT: self->received_at = g_value_get_int64 (value); break;
    case PROP_POST_ID:     self->post_id = g_value_get_int64 (value); break;
    case PROP_RATING:      self->rating = g_value_get_int (value); break;
    case PROP_IS_READ:     self->is_read = g_value_get_boolean (value); break;
    case PROP_ACCOUNT_ID:  self->account_id = g_value_get_int64 (value); break;
    case PROP_REMOTE_ID:   self->remote_id = g_value_dup_string (value); break;
    case PROP_PARENT_REMOTE_ID: self->parent_remote_id = g_value_dup_string (value); break;
    case PROP_AUTHOR_HANDLE: self->author_handle = g_value_dup_string (value); break;
    case PROP_URL:         self->url = g_value_dup_string (value); break;
    case PROP_TRIAGE:      self->triage = g_value_get_enum (value); break;
    case PROP_STATE:       self->state = g_value_get_enum (value); break;
    case PROP_DELETED_AT:  self->deleted_at = g_value_get_int64 (value); break;
    case PROP_BY_HAND:     self->by_hand = g_value_get_boolean (value); break;
    case PROP_FETCHED_AT:  self->fetched_at = g_value_get_int64 (value); break;
    case PROP_ANSWERED_AT: self->answered_at = g_value_get_int64 (value); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rounds_comment_class_init (RoundsCommentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = rounds_comment_finalize;
  object_class->get_property = rounds_comment_get_property;
  object_class->set_property = rounds_comment_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_NETWORK] = g_param_spec_flags ("network", NULL, NULL, ROUNDS_TYPE_NETWORK,
                                                 ROUNDS_NETWORK_NONE, flags);
  properties[PROP_KIND] = g_param_spec_enum ("kind", NULL, NULL, ROUNDS_TYPE_COMMENT_KIND,
                                             ROUNDS_COMMENT_KIND_COMMENT, flags);
  properties[PROP_AUTHOR] = g_param_spec_string ("author", NULL, NULL, "", flags);
  properties[PROP_BODY] = g_param_spec_string ("body", NULL, NULL, "", flags);
  properties[PROP_RECEIVED_AT] = g_param_spec_int64 ("received-at", NULL, NULL, 0, G_MAXINT64, 0,
                                                     flags);
  properties[PROP_POST_ID] = g_param_spec_int64 ("post-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_RATING] = g_param_spec_int ("rating", NULL, NULL, 0, 5, 0, flags);
  properties[PROP_IS_READ] = g_param_spec_boolean ("is-read", NULL, NULL, FALSE, flags);
  properties[PROP_ACCOUNT_ID] = g_param_spec_int64 ("account-id", NULL, NULL, 0, G_MAXINT64, 0,
                                                    flags);
  properties[PROP_REMOTE_ID] = g_param_spec_string ("remote-id", NULL, NULL, NULL, flags);
  properties[PROP_PARENT_REMOTE_ID] = g_param_spec_string ("parent-remote-id", NULL, NULL, NULL,
                                                           flags);
  properties[PROP_AUTHOR_HANDLE] = g_param_spec_string ("author-handle", NULL, NULL, NULL, flags);
  properties[PROP_URL] = g_param_spec_string ("url", NULL, NULL, NULL, flags);
  properties[PROP_TRIAGE] = g_param_spec_enum ("triage", NULL, NULL, ROUNDS_TYPE_TRIAGE_KIND,
                                               ROUNDS_TRIAGE_OTHER, flags);
  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, ROUNDS_TYPE_INBOX_STATE,
                                              ROUNDS_INBOX_STATE_NEW, flags);
  properties[PROP_DELETED_AT] = g_param_spec_int64 ("deleted-at", NULL, NULL, 0, G_MAXINT64, 0,
                                                    flags);
  properties[PROP_BY_HAND] = g_param_spec_boolean ("by-hand", NULL, NULL, FALSE, flags);
  properties[PROP_FETCHED_AT] = g_param_spec_int64 ("fetched-at", NULL, NULL, 0, G_MAXINT64, 0,
                                                    flags);
  properties[PROP_ANSWERED_AT] = g_param_spec_int64 ("answered-at", NULL, NULL, 0, G_MAXINT64, 0,
                                                     flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rounds_comment_init (RoundsComment *self)
{
  g_atomic_int_inc (&n_live);
}

gint64 rounds_comment_get_id (RoundsComment *self) { return self->id; }
RoundsNetwork rounds_comment_get_network (RoundsComment *self) { return self->network; }
RoundsCommentKind rounds_comment_get_kind (RoundsComment *self) { return self->kind; }
const char *rounds_comment_get_author (RoundsComment *self) { return self->author; }
const char *rounds_comment_get_body (RoundsComment *self) { return self->body; }
gint64 rounds_comment_get_received_at (RoundsComment *self) { return self->received_at; }
gint64 rounds_comment_get_post_id (RoundsComment *self) { return self->post_id; }
int rounds_comment_get_rating (RoundsComment *self) { return self->rating; }
gboolean rounds_comment_get_is_read (RoundsComment *self) { return self->is_read; }
gint64 rounds_comment_get_account_id (RoundsComment *self) { return self->account_id; }
const char *rounds_comment_get_remote_id (RoundsComment *self) { return self->remote_id; }
const char *rounds_comment_get_parent_remote_id (RoundsComment *self) { return self->parent_remote_id; }
const char *rounds_comment_get_author_handle (RoundsComment *self) { return self->author_handle; }
const char *rounds_comment_get_url (RoundsComment *self) { return self->url; }
RoundsTriageKind rounds_comment_get_triage (RoundsComment *self) { return self->triage; }
RoundsInboxState rounds_comment_get_state (RoundsComment *self) { return self->state; }
gint64 rounds_comment_get_deleted_at (RoundsComment *self) { return self->deleted_at; }
gboolean rounds_comment_get_by_hand (RoundsComment *self) { return self->by_hand; }
gint64 rounds_comment_get_fetched_at (RoundsComment *self) { return self->fetched_at; }
gint64 rounds_comment_get_answered_at (RoundsComment *self) { return self->answered_at; }

/**
 * rounds_comment_needs_attention:
 *
 * A complaint, health details, a possible crisis or a 1★/2★ review that
 * is not answered yet and still on the network.
 */
gboolean
rounds_comment_needs_attention (RoundsComment *self)
{
  g_return_val_if_fail (ROUNDS_IS_COMMENT (self), FALSE);

  return !rounds_inbox_state_is_answered (self->state) && self->deleted_at == 0 &&
         rounds_triage_needs_attention (self->triage, self->rating);
}

/**
 * rounds_comment_is_unanswered:
 *
 * Waiting for an answer: not answered (through Rounds or by hand), not
 * deleted on the network, not spam. What the sidebar counts.
 */
gboolean
rounds_comment_is_unanswered (RoundsComment *self)
{
  g_return_val_if_fail (ROUNDS_IS_COMMENT (self), FALSE);

  return !rounds_inbox_state_is_answered (self->state) && self->deleted_at == 0 &&
         self->triage != ROUNDS_TRIAGE_SPAM;
}

/**
 * _rounds_comment_get_n_live:
 *
 * Returns: how many #RoundsComment objects are alive in this process
 *   (for tests: what the store and the views hold).
 */
guint
_rounds_comment_get_n_live (void)
{
  return (guint)g_atomic_int_get (&n_live);
}
