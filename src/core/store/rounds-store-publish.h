/* rounds-store-publish.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rounds-account.h"
#include "rounds-publication.h"
#include "rounds-store.h"

G_BEGIN_DECLS

/* Accounts, publications and cursors (DESIGN.md §4, §9). Main thread
 * only, like the store. Every change of a publication is committed
 * before the call returns, and the post's status is brought in line with
 * its publications in the same transaction (see docs/decisions.md,
 * "Publishing"). */

/* Accounts */
GListModel        *rounds_store_get_accounts              (RoundsStore            *self);
RoundsAccount     *rounds_store_lookup_account            (RoundsStore            *self,
                                                           gint64                  id);
RoundsAccount     *rounds_store_add_account               (RoundsStore            *self,
                                                           RoundsNetwork           network,
                                                           const char             *base_url,
                                                           const char             *handle,
                                                           const char             *display_name,
                                                           const char             *remote_id,
                                                           gint64                  token_expires_at,
                                                           GError                **error);
gboolean           rounds_store_reconnect_account         (RoundsStore            *self,
                                                           gint64                  id,
                                                           const char             *handle,
                                                           const char             *display_name,
                                                           gint64                  token_expires_at,
                                                           GError                **error);
gboolean           rounds_store_set_account_auth_expired  (RoundsStore            *self,
                                                           gint64                  id,
                                                           const char             *message,
                                                           GError                **error);
gboolean           rounds_store_set_account_checked       (RoundsStore            *self,
                                                           gint64                  id,
                                                           gint64                  token_expires_at,
                                                           GError                **error);
gboolean           rounds_store_remove_account            (RoundsStore            *self,
                                                           gint64                  id,
                                                           GError                **error);
RoundsNetwork      rounds_store_get_connected_networks    (RoundsStore            *self);

/* Publications */
GPtrArray         *rounds_store_list_publications         (RoundsStore            *self,
                                                           gint64                  post_id,
                                                           GError                **error);
RoundsPublication *rounds_store_lookup_publication        (RoundsStore            *self,
                                                           gint64                  id,
                                                           GError                **error);
gboolean           rounds_store_set_post_accounts         (RoundsStore            *self,
                                                           gint64                  post_id,
                                                           const gint64           *account_ids,
                                                           guint                   n_accounts,
                                                           GError                **error);
guint              rounds_store_ensure_publications       (RoundsStore            *self,
                                                           gint64                  post_id,
                                                           GError                **error);
/* A retry time further ahead than this can only come from a clock that
 * was set back: such a publication is due at once. */
#define ROUNDS_PUBLISH_MAX_WAIT (24 * 60 * 60)
/* At most this many due publications are read per tick: one request per
 * account is in flight, so more would only be read again. */
#define ROUNDS_PUBLISH_DUE_BATCH 64

GPtrArray         *rounds_store_list_due_publications     (RoundsStore            *self,
                                                           gint64                  now,
                                                           GError                **error);
GPtrArray         *rounds_store_list_scheduled_post_ids   (RoundsStore            *self,
                                                           gint64                  now,
                                                           GError                **error);
GPtrArray         *rounds_store_list_publishing           (RoundsStore            *self,
                                                           GError                **error);
gint64             rounds_store_get_next_publication_time (RoundsStore            *self);

/* Several PCs on a server: a publication is worked on by one at a time
 * (see rounds-store-publish.c, "Claims"). While another PC sends, this
 * one looks again this often, to take over what a PC that died left. */
#define ROUNDS_PUBLISH_TAKEOVER_POLL 5
gboolean           rounds_store_claim_publication         (RoundsStore            *self,
                                                           gint64                  id,
                                                           RoundsPublicationState  state);
void               rounds_store_release_publication       (RoundsStore            *self,
                                                           gint64                  id);
gboolean           rounds_store_begin_publication         (RoundsStore            *self,
                                                           gint64                  id,
                                                           GError                **error);
gboolean           rounds_store_publication_published     (RoundsStore            *self,
                                                           gint64                  id,
                                                           const char             *remote_id,
                                                           const char             *url,
                                                           GError                **error);
gboolean           rounds_store_publication_retry_at      (RoundsStore            *self,
                                                           gint64                  id,
                                                           RoundsPublishErrorKind  kind,
                                                           const char             *message,
                                                           gint64                  next_try_at,
                                                           GError                **error);
gboolean           rounds_store_publication_failed        (RoundsStore            *self,
                                                           gint64                  id,
                                                           RoundsPublishErrorKind  kind,
                                                           const char             *message,
                                                           GError                **error);
gboolean           rounds_store_publication_unknown       (RoundsStore            *self,
                                                           gint64                  id,
                                                           RoundsPublishErrorKind  kind,
                                                           const char             *message,
                                                           gint64                  check_at,
                                                           GError                **error);
gboolean           rounds_store_publication_count_check   (RoundsStore            *self,
                                                           gint64                  id,
                                                           GError                **error);
gboolean           rounds_store_publication_requeue       (RoundsStore            *self,
                                                           gint64                  id,
                                                           GError                **error);
guint              rounds_store_retry_post                (RoundsStore            *self,
                                                           gint64                  post_id,
                                                           GError                **error);

/* Cursors, per account and kind ("replies", "reviews", …) */
char              *rounds_store_get_account_cursor        (RoundsStore            *self,
                                                           gint64                  account_id,
                                                           const char             *kind);
gboolean           rounds_store_set_account_cursor        (RoundsStore            *self,
                                                           gint64                  account_id,
                                                           const char             *kind,
                                                           const char             *cursor,
                                                           GError                **error);

G_END_DECLS
