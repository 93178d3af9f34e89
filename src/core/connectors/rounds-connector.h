/* rounds-connector.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rounds-types.h"

G_BEGIN_DECLS

/* One connected identity on one network speaks through a RoundsConnector
 * (DESIGN.md §6). Every operation is async (GTask + GCancellable); every
 * failure is a ROUNDS_CONNECTOR_ERROR with one of the codes below, and the
 * message is one the user can read (the platform's own words for REJECTED).
 * Ids of the network are opaque strings, never parsed as numbers. */

#define ROUNDS_CONNECTOR_ERROR (rounds_connector_error_quark ())

typedef enum
{
  ROUNDS_CONNECTOR_ERROR_AUTH_EXPIRED,  /* sign in again; stop this account's queue */
  ROUNDS_CONNECTOR_ERROR_RATE_LIMITED,  /* try again at rounds_connector_error_get_retry_at () */
  ROUNDS_CONNECTOR_ERROR_TRANSIENT,     /* network down, 5xx, timeout: back off and retry */
  ROUNDS_CONNECTOR_ERROR_REJECTED,      /* the platform refused this content: do not retry */
  ROUNDS_CONNECTOR_ERROR_MALFORMED,     /* an answer we cannot read: outcome unknown, reconcile */
  ROUNDS_CONNECTOR_ERROR_NOT_FOUND,     /* the remote object does not exist (lookup, delete) */
  ROUNDS_CONNECTOR_ERROR_UNSUPPORTED,   /* this network cannot do that (see capabilities) */
} RoundsConnectorError;

GQuark   rounds_connector_error_quark         (void);
/* Unix seconds at which a RATE_LIMITED (or TRANSIENT with a hint) error may
 * be retried, 0 when the platform gave no hint. Stored in the GError itself
 * (an extended error domain), so it survives g_error_copy (). */
gint64   rounds_connector_error_get_retry_at  (const GError *error);
void     rounds_connector_set_error_retry_at  (GError       *error,
                                               gint64        retry_at);

typedef enum /*< flags >*/
{
  ROUNDS_CONNECTOR_CAN_PUBLISH         = 1 << 0,
  ROUNDS_CONNECTOR_CAN_PUBLISH_MEDIA   = 1 << 1,
  ROUNDS_CONNECTOR_NEEDS_MEDIA         = 1 << 2, /* no text-only posts (Instagram) */
  ROUNDS_CONNECTOR_CAN_DELETE          = 1 << 3,
  ROUNDS_CONNECTOR_CAN_LOOKUP          = 1 << 4, /* crash reconciliation */
  ROUNDS_CONNECTOR_CAN_LIST_REPLIES    = 1 << 5,
  ROUNDS_CONNECTOR_CAN_LIST_REVIEWS    = 1 << 6,
  ROUNDS_CONNECTOR_CAN_REPLY           = 1 << 7,
  ROUNDS_CONNECTOR_CAN_FETCH_METRICS   = 1 << 8,
  ROUNDS_CONNECTOR_CAN_SCHEDULE_NATIVE = 1 << 9,
  ROUNDS_CONNECTOR_CAN_CHECK_GONE      = 1 << 10, /* which known comments were deleted */
} RoundsConnectorCapabilities;

/* ------------------------------------------------------------------ */
/* Plain data handed in and out (boxed, copyable, no GTK)               */

#define ROUNDS_TYPE_OUTGOING_MEDIA (rounds_outgoing_media_get_type ())
typedef struct
{
  char *path;       /* a local file */
  char *mime_type;  /* "image/png", … */
  char *alt_text;   /* may be "" */
} RoundsOutgoingMedia;

/* What is sent: a post, or a reply when reply_to_id is set. */
#define ROUNDS_TYPE_OUTGOING (rounds_outgoing_get_type ())
typedef struct
{
  char      *text;
  GPtrArray *media;            /* of RoundsOutgoingMedia, never NULL */
  char      *idempotency_key;  /* stable across retries of one publication */
  char      *reply_to_id;      /* network id of the comment or post answered, or NULL */
  char      *reply_root_id;    /* root of that thread when the network needs it, or NULL */
  gint64     scheduled_at;     /* for native scheduling; 0: now */
} RoundsOutgoing;

/* A post (or reply) that exists on the network. */
#define ROUNDS_TYPE_REMOTE_POST (rounds_remote_post_get_type ())
typedef struct
{
  char   *remote_id;
  char   *url;          /* the live post for a browser, or NULL */
  gint64  created_at;   /* Unix seconds, 0 if unknown */
  char   *notice;       /* what the network got differently, for the user
                         * ("an image was made smaller…"), or NULL */
} RoundsRemotePost;

typedef enum
{
  ROUNDS_REMOTE_COMMENT_COMMENT,
  ROUNDS_REMOTE_COMMENT_REPLY,
  ROUNDS_REMOTE_COMMENT_MENTION,
  ROUNDS_REMOTE_COMMENT_REVIEW,
} RoundsRemoteCommentKind;

/* A comment, reply, mention or review read from the network. */
#define ROUNDS_TYPE_REMOTE_COMMENT (rounds_remote_comment_get_type ())
typedef struct
{
  RoundsRemoteCommentKind  kind;
  char                    *remote_id;
  char                    *thread_id;       /* root post's network id, or NULL */
  char                    *parent_id;       /* what it answers, or NULL */
  char                    *author_name;
  char                    *author_handle;
  char                    *text;            /* plain text (HTML already stripped) */
  char                    *url;
  int                      rating;          /* reviews: 1…5; else 0 */
  gint64                   created_at;
  gboolean                 deleted;         /* gone on the network */
} RoundsRemoteComment;

/* One measured number: an account's (remote_id NULL) or a post's. Metric
 * names are Rounds' own ("followers", "likes", "shares", "comments",
 * "impressions", "reach", "clicks", "saves"); each connector maps its
 * network's names to these from a data file. */
#define ROUNDS_TYPE_METRIC (rounds_metric_get_type ())
typedef struct
{
  char   *remote_id;
  char   *name;
  gint64  value;
} RoundsMetric;

/* Who we are connected as, from verify. */
#define ROUNDS_TYPE_ACCOUNT_INFO (rounds_account_info_get_type ())
typedef struct
{
  char   *remote_id;
  char   *handle;         /* "@clinic@med-mastodon.com", "clinic.bsky.social" */
  char   *display_name;
  char   *profile_url;
  gint64  token_expires_at;  /* 0: unknown or never */
} RoundsAccountInfo;

GType                 rounds_outgoing_media_get_type   (void) G_GNUC_CONST;
RoundsOutgoingMedia  *rounds_outgoing_media_new        (const char                *path,
                                                        const char                *mime_type,
                                                        const char                *alt_text);
RoundsOutgoingMedia  *rounds_outgoing_media_copy       (const RoundsOutgoingMedia *media);
void                  rounds_outgoing_media_free       (RoundsOutgoingMedia       *media);

GType                 rounds_outgoing_get_type         (void) G_GNUC_CONST;
RoundsOutgoing       *rounds_outgoing_new              (const char                *text,
                                                        const char                *idempotency_key);
RoundsOutgoing       *rounds_outgoing_copy             (const RoundsOutgoing      *outgoing);
void                  rounds_outgoing_free             (RoundsOutgoing            *outgoing);

GType                 rounds_remote_post_get_type      (void) G_GNUC_CONST;
RoundsRemotePost     *rounds_remote_post_new           (const char                *remote_id,
                                                        const char                *url,
                                                        gint64                     created_at);
RoundsRemotePost     *rounds_remote_post_copy          (const RoundsRemotePost    *post);
void                  rounds_remote_post_free          (RoundsRemotePost          *post);

GType                 rounds_remote_comment_get_type   (void) G_GNUC_CONST;
RoundsRemoteComment  *rounds_remote_comment_new        (void);
RoundsRemoteComment  *rounds_remote_comment_copy       (const RoundsRemoteComment *comment);
void                  rounds_remote_comment_free       (RoundsRemoteComment       *comment);

GType                 rounds_metric_get_type           (void) G_GNUC_CONST;
RoundsMetric         *rounds_metric_new                (const char                *remote_id,
                                                        const char                *name,
                                                        gint64                     value);
RoundsMetric         *rounds_metric_copy               (const RoundsMetric        *metric);
void                  rounds_metric_free               (RoundsMetric              *metric);

GType                 rounds_account_info_get_type     (void) G_GNUC_CONST;
RoundsAccountInfo    *rounds_account_info_new          (void);
RoundsAccountInfo    *rounds_account_info_copy         (const RoundsAccountInfo   *info);
void                  rounds_account_info_free         (RoundsAccountInfo         *info);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RoundsOutgoingMedia, rounds_outgoing_media_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RoundsOutgoing, rounds_outgoing_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RoundsRemotePost, rounds_remote_post_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RoundsRemoteComment, rounds_remote_comment_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RoundsMetric, rounds_metric_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RoundsAccountInfo, rounds_account_info_free)

/* ------------------------------------------------------------------ */
/* The interface                                                        */

#define ROUNDS_TYPE_CONNECTOR (rounds_connector_get_type ())

G_DECLARE_INTERFACE (RoundsConnector, rounds_connector, ROUNDS, CONNECTOR, GObject)

/* Properties every implementation has:
 *   "base-url"     (string, construct-only): the server or API root, so that
 *                  tests point it at 127.0.0.1;
 *   "credentials"  (string, read-write, JSON object): tokens as the network
 *                  gives them. Never logged, never stored outside the Secret
 *                  Service. A connector that refreshes its tokens updates
 *                  this property (and notifies), and the account layer saves
 *                  it back to the Secret Service.
 * Signal none: outcomes come back through the async calls. */

struct _RoundsConnectorInterface
{
  GTypeInterface parent_iface;

  RoundsNetwork               (*get_network)      (RoundsConnector      *self);
  RoundsConnectorCapabilities (*get_capabilities) (RoundsConnector      *self);

  void                 (*verify_async)         (RoundsConnector      *self,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
  RoundsAccountInfo   *(*verify_finish)        (RoundsConnector      *self,
                                                GAsyncResult         *result,
                                                GError              **error);

  void                 (*publish_async)        (RoundsConnector      *self,
                                                const RoundsOutgoing *outgoing,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
  RoundsRemotePost    *(*publish_finish)       (RoundsConnector      *self,
                                                GAsyncResult         *result,
                                                GError              **error);

  /* Crash reconciliation: find what an earlier publish with this outgoing
   * (same idempotency key and text) left on the network. NULL with no
   * error: it is not there, it is safe to send. */
  void                 (*lookup_async)         (RoundsConnector      *self,
                                                const RoundsOutgoing *outgoing,
                                                gint64                sent_after,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
  RoundsRemotePost    *(*lookup_finish)        (RoundsConnector      *self,
                                                GAsyncResult         *result,
                                                GError              **error);

  void                 (*delete_async)         (RoundsConnector      *self,
                                                const char           *remote_id,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
  gboolean             (*delete_finish)        (RoundsConnector      *self,
                                                GAsyncResult         *result,
                                                GError              **error);

  /* New comments, replies, mentions or reviews since @cursor (NULL: the
   * first poll). Returns a GPtrArray of RoundsRemoteComment, oldest first,
   * and the cursor for the next call in @new_cursor (may equal @cursor). */
  void                 (*list_replies_async)   (RoundsConnector      *self,
                                                const char           *cursor,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
  GPtrArray           *(*list_replies_finish)  (RoundsConnector      *self,
                                                GAsyncResult         *result,
                                                char                **new_cursor,
                                                GError              **error);

  /* A reply: outgoing->reply_to_id names what is answered. */
  void                 (*reply_async)          (RoundsConnector      *self,
                                                const RoundsOutgoing *outgoing,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
  RoundsRemotePost    *(*reply_finish)         (RoundsConnector      *self,
                                                GAsyncResult         *result,
                                                GError              **error);

  /* The account's numbers and those of the posts named in @remote_ids
   * (may be empty). Returns a GPtrArray of RoundsMetric. */
  void                 (*fetch_metrics_async)  (RoundsConnector      *self,
                                                const char * const   *remote_ids,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
  GPtrArray           *(*fetch_metrics_finish) (RoundsConnector      *self,
                                                GAsyncResult         *result,
                                                GError              **error);

  /* Which of @remote_ids (comments list_replies gave earlier) are gone
   * from the network: deleted by their author or removed. Returns a
   * GPtrArray of the gone ids (strings; empty when every one is still
   * there). An id that cannot be checked is not called gone. */
  void                 (*check_gone_async)     (RoundsConnector      *self,
                                                const char * const   *remote_ids,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
  GPtrArray           *(*check_gone_finish)    (RoundsConnector      *self,
                                                GAsyncResult         *result,
                                                GError              **error);
};

RoundsNetwork                rounds_connector_get_network          (RoundsConnector      *self);
RoundsConnectorCapabilities  rounds_connector_get_capabilities     (RoundsConnector      *self);
char                        *rounds_connector_dup_base_url         (RoundsConnector      *self);
char                        *rounds_connector_dup_credentials      (RoundsConnector      *self);
void                         rounds_connector_set_credentials      (RoundsConnector      *self,
                                                                    const char           *credentials);

void                 rounds_connector_verify_async         (RoundsConnector      *self,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
RoundsAccountInfo   *rounds_connector_verify_finish        (RoundsConnector      *self,
                                                            GAsyncResult         *result,
                                                            GError              **error);
void                 rounds_connector_publish_async        (RoundsConnector      *self,
                                                            const RoundsOutgoing *outgoing,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
RoundsRemotePost    *rounds_connector_publish_finish       (RoundsConnector      *self,
                                                            GAsyncResult         *result,
                                                            GError              **error);
void                 rounds_connector_lookup_async         (RoundsConnector      *self,
                                                            const RoundsOutgoing *outgoing,
                                                            gint64                sent_after,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
RoundsRemotePost    *rounds_connector_lookup_finish        (RoundsConnector      *self,
                                                            GAsyncResult         *result,
                                                            GError              **error);
void                 rounds_connector_delete_async         (RoundsConnector      *self,
                                                            const char           *remote_id,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
gboolean             rounds_connector_delete_finish        (RoundsConnector      *self,
                                                            GAsyncResult         *result,
                                                            GError              **error);
void                 rounds_connector_list_replies_async   (RoundsConnector      *self,
                                                            const char           *cursor,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
GPtrArray           *rounds_connector_list_replies_finish  (RoundsConnector      *self,
                                                            GAsyncResult         *result,
                                                            char                **new_cursor,
                                                            GError              **error);
void                 rounds_connector_reply_async          (RoundsConnector      *self,
                                                            const RoundsOutgoing *outgoing,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
RoundsRemotePost    *rounds_connector_reply_finish         (RoundsConnector      *self,
                                                            GAsyncResult         *result,
                                                            GError              **error);
void                 rounds_connector_fetch_metrics_async  (RoundsConnector      *self,
                                                            const char * const   *remote_ids,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
GPtrArray           *rounds_connector_fetch_metrics_finish (RoundsConnector      *self,
                                                            GAsyncResult         *result,
                                                            GError              **error);
void                 rounds_connector_check_gone_async     (RoundsConnector      *self,
                                                            const char * const   *remote_ids,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
GPtrArray           *rounds_connector_check_gone_finish    (RoundsConnector      *self,
                                                            GAsyncResult         *result,
                                                            GError              **error);

G_END_DECLS
