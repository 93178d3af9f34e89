/* rounds-publication.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "rounds-types.h"

G_BEGIN_DECLS

/* One post on one account (DESIGN.md §9). The string forms are what the
 * publications table stores. */
typedef enum
{
  ROUNDS_PUBLICATION_QUEUED,
  ROUNDS_PUBLICATION_PUBLISHING,
  ROUNDS_PUBLICATION_PUBLISHED,
  ROUNDS_PUBLICATION_FAILED,
  ROUNDS_PUBLICATION_CANCELLED,
} RoundsPublicationState;

/* Why the last try did not publish: the connector's error kinds
 * (DESIGN.md §6) plus BLOCKED, a refusal by Rounds itself (compliance
 * finding, network limit, missing alt text) before anything was sent. */
typedef enum
{
  ROUNDS_PUBLISH_ERROR_NONE,
  ROUNDS_PUBLISH_ERROR_AUTH_EXPIRED,
  ROUNDS_PUBLISH_ERROR_RATE_LIMITED,
  ROUNDS_PUBLISH_ERROR_TRANSIENT,
  ROUNDS_PUBLISH_ERROR_REJECTED,
  ROUNDS_PUBLISH_ERROR_MALFORMED,
  ROUNDS_PUBLISH_ERROR_BLOCKED,
  ROUNDS_PUBLISH_ERROR_UNKNOWN_OUTCOME,
} RoundsPublishErrorKind;

#define ROUNDS_TYPE_PUBLICATION (rounds_publication_get_type ())

G_DECLARE_FINAL_TYPE (RoundsPublication, rounds_publication, ROUNDS, PUBLICATION, GObject)

/* An immutable snapshot of one publications row. */
gint64                  rounds_publication_get_id              (RoundsPublication *self);
gint64                  rounds_publication_get_post_id         (RoundsPublication *self);
gint64                  rounds_publication_get_account_id      (RoundsPublication *self);
RoundsNetwork           rounds_publication_get_network         (RoundsPublication *self);
RoundsPublicationState  rounds_publication_get_state           (RoundsPublication *self);
const char             *rounds_publication_get_idempotency_key (RoundsPublication *self);
const char             *rounds_publication_get_remote_id       (RoundsPublication *self);
const char             *rounds_publication_get_url             (RoundsPublication *self);
guint                   rounds_publication_get_attempts        (RoundsPublication *self);
gint64                  rounds_publication_get_next_try_at     (RoundsPublication *self);
const char             *rounds_publication_get_last_error      (RoundsPublication *self);
RoundsPublishErrorKind  rounds_publication_get_error_kind      (RoundsPublication *self);
gint64                  rounds_publication_get_sent_at         (RoundsPublication *self);
gint64                  rounds_publication_get_published_at    (RoundsPublication *self);
gint64                  rounds_publication_get_created_at      (RoundsPublication *self);
gint64                  rounds_publication_get_updated_at      (RoundsPublication *self);

const char             *rounds_publication_state_to_string     (RoundsPublicationState  state);
gboolean                rounds_publication_state_from_string   (const char             *str,
                                                                RoundsPublicationState *state);
const char             *rounds_publish_error_kind_to_string    (RoundsPublishErrorKind  kind);
RoundsPublishErrorKind  rounds_publish_error_kind_from_string  (const char             *str);

/* For the store only. */
typedef struct
{
  gint64                  id;
  gint64                  post_id;
  gint64                  account_id;
  RoundsNetwork           network;
  RoundsPublicationState  state;
  const char             *idempotency_key;
  const char             *remote_id;
  const char             *url;
  guint                   attempts;
  gint64                  next_try_at;
  const char             *last_error;
  RoundsPublishErrorKind  error_kind;
  gint64                  sent_at;
  gint64                  published_at;
  gint64                  created_at;
  gint64                  updated_at;
} RoundsPublicationFields;

RoundsPublication      *_rounds_publication_new                (const RoundsPublicationFields *f);

G_END_DECLS
