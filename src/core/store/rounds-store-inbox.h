/* rounds-store-inbox.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rounds-store.h"

G_BEGIN_DECLS

/* The Inbox (issue 14): comments on the practice's posts, mentions and
 * reviews, fetched per connected account or pasted in by hand.
 *
 * Every item is a row of the comments table; a RoundsComment is a
 * snapshot read when asked for (the store reads none at open and keeps
 * none, issue 17). A list of them is a RoundsCommentList
 * (rounds-store-comment-list.h): ids in order from SQL, rows read in
 * pages. After a change the store emits "comment-changed" (id) for each
 * item it touched, so that each list reads that one row again, then
 * "comments-changed" (once per call, also for a batch of fetched items),
 * so a page can refresh its counts. Main thread only, like the store.
 *
 * Triage: each item gets a kind (rounds-triage.h) from its text and
 * rating when it is stored; rounds_store_inbox_set_triage() lets a person
 * correct it.
 *
 * State: new → read → answered | answered-by-hand. Marking read never
 * takes an answered item back; answering writes an audit entry
 * ("comment", id, "answered" or "answered-by-hand"). A comment deleted on
 * the network is marked (deleted-at), never removed: the log stays whole.
 *
 * Deduplication: a fetched item is new when no item of the same account
 * has its remote id; fetching it again changes nothing (not even its
 * state). Items pasted by hand have no remote id and are never merged.
 *
 * Cursors: each account's poll position is an opaque string the
 * connector gave (account_cursors, kind "inbox"), saved in the same
 * transaction as the items it covers, so a crash between the two cannot
 * lose or repeat an item. */

/* One comment or review as a network gives it (or a person pastes it):
 * the input of rounds_store_inbox_add_fetched(). Every string is
 * untrusted text, stored as given; NULL is "not known". */
typedef struct
{
  RoundsNetwork      network;
  RoundsCommentKind  kind;              /* comment (also replies, mentions) or review */
  char              *remote_id;         /* the network's id (status id, at:// URI, review name) */
  char              *parent_remote_id;  /* the post or comment it answers, NULL for a review */
  char              *author;            /* display name */
  char              *author_handle;     /* @handle or the network's user id */
  char              *text;
  char              *url;               /* a link to it on the network */
  int                rating;            /* 1–5 stars for a review, 0 otherwise */
  gint64             received_at;       /* when it was written (UTC) */
  gboolean           deleted;           /* the network says it is gone */
} RoundsInboxItem;

RoundsInboxItem *rounds_inbox_item_new  (void);
RoundsInboxItem *rounds_inbox_item_copy (const RoundsInboxItem *item);
void             rounds_inbox_item_free (RoundsInboxItem       *item);

typedef enum /*< flags >*/
{
  ROUNDS_INBOX_FILTER_ALL             = 0,
  ROUNDS_INBOX_FILTER_UNANSWERED      = 1 << 0,  /* rounds_comment_is_unanswered() */
  ROUNDS_INBOX_FILTER_NEEDS_ATTENTION = 1 << 1,  /* rounds_comment_needs_attention() */
  ROUNDS_INBOX_FILTER_UNREAD          = 1 << 2,  /* state "new" */
  ROUNDS_INBOX_FILTER_HIDE_DELETED    = 1 << 3,  /* leave out items deleted on the network */
  ROUNDS_INBOX_FILTER_HIDE_SPAM       = 1 << 4,
} RoundsInboxFilterFlags;

/* What the Inbox shows. All conditions must hold; zero means "any". */
typedef struct
{
  RoundsInboxFilterFlags flags;
  RoundsNetwork          networks;   /* any of these networks; NONE: every network */
  guint                  kinds;      /* bits 1 << RoundsTriageKind; 0: every kind */
} RoundsInboxFilter;

#define ROUNDS_INBOX_KIND_BIT(kind) (1u << (kind))

gboolean         rounds_inbox_filter_matches          (const RoundsInboxFilter *filter,
                                                       RoundsComment           *comment);

/* Reading: queries, nothing kept (issue 17). The transfer-none lookups
 * stay valid until this many more were handed out that way. */
#define ROUNDS_STORE_RECENT_COMMENTS 64

RoundsComment   *rounds_store_dup_comment             (RoundsStore             *self,
                                                       gint64                   id);
guint            rounds_store_count_comments          (RoundsStore             *self);
GPtrArray       *rounds_store_inbox_list_unread_after (RoundsStore             *self,
                                                       RoundsNetwork            network,
                                                       gint64                   after_id);
GHashTable      *rounds_store_inbox_dup_newest_ids    (RoundsStore             *self);
GStrv            rounds_store_inbox_dup_recent_remote_ids (RoundsStore         *self,
                                                       gint64                   account_id,
                                                       gint64                   since,
                                                       guint                    max);
RoundsComment   *rounds_store_lookup_comment          (RoundsStore             *self,
                                                       gint64                   id);
GPtrArray       *rounds_store_list_inbox              (RoundsStore             *self,
                                                       const RoundsInboxFilter *filter);
guint            rounds_store_count_unanswered        (RoundsStore             *self);
void             rounds_store_count_inbox_async       (RoundsStore             *self,
                                                       GCancellable            *cancellable,
                                                       GAsyncReadyCallback      callback,
                                                       gpointer                 user_data);
gboolean         rounds_store_count_inbox_finish      (RoundsStore             *self,
                                                       GAsyncResult            *result,
                                                       guint                   *total,
                                                       guint                   *unanswered,
                                                       GError                 **error);
RoundsComment   *rounds_store_lookup_remote_comment   (RoundsStore             *self,
                                                       gint64                   account_id,
                                                       const char              *remote_id);

/* Writing */
gboolean         rounds_store_inbox_add_fetched       (RoundsStore             *self,
                                                       gint64                   account_id,
                                                       GPtrArray               *items,
                                                       const char              *cursor,
                                                       GArray                  *new_ids,
                                                       GError                 **error);
gint64           rounds_store_inbox_add_by_hand       (RoundsStore             *self,
                                                       RoundsNetwork            network,
                                                       const char              *author,
                                                       const char              *text,
                                                       const char              *url,
                                                       int                      rating,
                                                       GError                 **error);
gboolean         rounds_store_inbox_mark_read         (RoundsStore             *self,
                                                       gint64                   id,
                                                       GError                 **error);
gboolean         rounds_store_inbox_mark_answered     (RoundsStore             *self,
                                                       gint64                   id,
                                                       gboolean                 by_hand,
                                                       GError                 **error);
gboolean         rounds_store_inbox_mark_deleted      (RoundsStore             *self,
                                                       gint64                   id,
                                                       GError                 **error);
gboolean         rounds_store_inbox_set_triage        (RoundsStore             *self,
                                                       gint64                   id,
                                                       RoundsTriageKind         kind,
                                                       GError                 **error);

/* The account's poll position, NULL before the first poll. */
char            *rounds_store_inbox_dup_cursor        (RoundsStore             *self,
                                                       gint64                   account_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RoundsInboxItem, rounds_inbox_item_free)

G_END_DECLS
