/* rounds-types.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The post life cycle of DESIGN.md §4. The string forms (see
 * rounds_post_status_to_string()) are what the database stores. */
typedef enum
{
  ROUNDS_POST_STATUS_DRAFT,
  ROUNDS_POST_STATUS_IN_REVIEW,
  ROUNDS_POST_STATUS_APPROVED,
  ROUNDS_POST_STATUS_SCHEDULED,
  ROUNDS_POST_STATUS_DUE,
  ROUNDS_POST_STATUS_PUBLISHING,
  ROUNDS_POST_STATUS_PUBLISHED,
  ROUNDS_POST_STATUS_FAILED,
  ROUNDS_POST_STATUS_CANCELLED,
} RoundsPostStatus;

#define ROUNDS_POST_STATUS_LAST ROUNDS_POST_STATUS_CANCELLED

typedef enum /*< flags >*/
{
  ROUNDS_NETWORK_NONE      = 0,
  ROUNDS_NETWORK_FACEBOOK  = 1 << 0,
  ROUNDS_NETWORK_INSTAGRAM = 1 << 1,
  ROUNDS_NETWORK_LINKEDIN  = 1 << 2,
  ROUNDS_NETWORK_GOOGLE    = 1 << 3,
  ROUNDS_NETWORK_MASTODON  = 1 << 4,
  ROUNDS_NETWORK_BLUESKY   = 1 << 5,
  ROUNDS_NETWORK_X         = 1 << 6,
} RoundsNetwork;

#define ROUNDS_N_NETWORKS 7

typedef enum
{
  ROUNDS_COMMENT_KIND_COMMENT,
  ROUNDS_COMMENT_KIND_REVIEW,
} RoundsCommentKind;

/* What an Inbox item is about, from its text and star rating (see
 * rounds-triage.h). The string forms are what the database stores. */
typedef enum
{
  ROUNDS_TRIAGE_OTHER,
  ROUNDS_TRIAGE_QUESTION,
  ROUNDS_TRIAGE_PRAISE,
  ROUNDS_TRIAGE_COMPLAINT,
  ROUNDS_TRIAGE_HEALTH_DETAILS,   /* the writer tells of their own care: never confirm it */
  ROUNDS_TRIAGE_CRISIS,           /* threats, legal words, media, outbreak, data breach */
  ROUNDS_TRIAGE_SPAM,
} RoundsTriageKind;

#define ROUNDS_TRIAGE_LAST ROUNDS_TRIAGE_SPAM

/* Where an Inbox item stands. */
typedef enum
{
  ROUNDS_INBOX_STATE_NEW,
  ROUNDS_INBOX_STATE_READ,
  ROUNDS_INBOX_STATE_ANSWERED,          /* a reply went out through Rounds */
  ROUNDS_INBOX_STATE_ANSWERED_BY_HAND,  /* someone answered on the network itself */
} RoundsInboxState;

#define ROUNDS_INBOX_STATE_LAST ROUNDS_INBOX_STATE_ANSWERED_BY_HAND

const char       *rounds_post_status_to_string    (RoundsPostStatus  status);
gboolean          rounds_post_status_from_string  (const char       *str,
                                                   RoundsPostStatus *status);
const char       *rounds_post_status_get_label    (RoundsPostStatus  status);

RoundsNetwork     rounds_network_from_index       (guint             index);
const char       *rounds_network_to_string        (RoundsNetwork     network);
RoundsNetwork     rounds_network_from_string      (const char       *str);
const char       *rounds_network_get_label        (RoundsNetwork     network);
char             *rounds_networks_to_string       (RoundsNetwork     networks);
RoundsNetwork     rounds_networks_from_string     (const char       *str);
char             *rounds_networks_get_label       (RoundsNetwork     networks);

const char       *rounds_triage_kind_to_string    (RoundsTriageKind  kind);
gboolean          rounds_triage_kind_from_string  (const char       *str,
                                                   RoundsTriageKind *kind);
const char       *rounds_triage_kind_get_label    (RoundsTriageKind  kind);
gboolean          rounds_triage_needs_attention   (RoundsTriageKind  kind,
                                                   int               rating);

const char       *rounds_inbox_state_to_string    (RoundsInboxState  state);
gboolean          rounds_inbox_state_from_string  (const char       *str,
                                                   RoundsInboxState *state);
gboolean          rounds_inbox_state_is_answered  (RoundsInboxState  state);

G_END_DECLS
