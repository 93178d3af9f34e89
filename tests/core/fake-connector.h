/* fake-connector.h — a scripted RoundsConnector for queue tests
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rounds-connector.h"

G_BEGIN_DECLS

/* What the next call does. */
typedef enum
{
  FAKE_OK,               /* made (publish) / found if it exists (lookup) / verified */
  FAKE_AUTH_EXPIRED,
  FAKE_RATE_LIMITED,     /* retry at fake_network_set_retry_at () */
  FAKE_TRANSIENT,        /* nothing made */
  FAKE_REJECTED,         /* "The status is too long" */
  FAKE_MALFORMED,        /* nothing made, answer unreadable */
  FAKE_HANG,             /* no answer until cancelled */
  FAKE_LOST_ANSWER,      /* made on the network, then the connection broke (TRANSIENT) */
  FAKE_LOST_MALFORMED,   /* made on the network, then an unreadable answer (MALFORMED) */
} FakeOutcome;

/* The "network": what was made on it, shared by every fake connector of
 * a test (several accounts, and a publisher re-created after a "crash"). */
typedef struct _FakeNetwork FakeNetwork;

FakeNetwork     *fake_network_new             (void);
FakeNetwork     *fake_network_ref             (FakeNetwork   *net);
void             fake_network_unref           (FakeNetwork   *net);
/* Outcomes for the next calls, in order; FAKE_OK when none is left. */
void             fake_network_script_publish  (FakeNetwork   *net,
                                               const char    *account,
                                               FakeOutcome    outcome);
void             fake_network_script_lookup   (FakeNetwork   *net,
                                               const char    *account,
                                               FakeOutcome    outcome);
void             fake_network_script_verify   (FakeNetwork   *net,
                                               const char    *account,
                                               FakeOutcome    outcome);
void             fake_network_set_retry_at    (FakeNetwork   *net,
                                               gint64         retry_at);
void             fake_network_set_token_expires_at (FakeNetwork *net,
                                               gint64         at);
/* What reached the network. */
guint            fake_network_count_posts     (FakeNetwork   *net,
                                               const char    *account);
const char      *fake_network_get_last_text   (FakeNetwork   *net,
                                               const char    *account);
guint            fake_network_count_key       (FakeNetwork   *net,
                                               const char    *idempotency_key);
guint            fake_network_get_publish_calls (FakeNetwork *net,
                                               const char    *account);
guint            fake_network_get_lookup_calls (FakeNetwork  *net,
                                               const char    *account);
guint            fake_network_get_n_hanging   (FakeNetwork   *net);
/* Replies to @account's posts, as list_replies gives them (newest id
 * last); a deleted one is gone for check_gone. */
char            *fake_network_add_reply       (FakeNetwork   *net,
                                               const char    *account,
                                               const char    *text);
void             fake_network_delete_reply    (FakeNetwork   *net,
                                               const char    *remote_id);
void             fake_network_set_check_gone_fails (FakeNetwork *net,
                                                    gboolean     fails);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FakeNetwork, fake_network_unref)

#define FAKE_TYPE_CONNECTOR (fake_connector_get_type ())

G_DECLARE_FINAL_TYPE (FakeConnector, fake_connector, FAKE, CONNECTOR, GObject)

/* @account names the account on the network (its handle). */
RoundsConnector *fake_connector_new           (FakeNetwork   *net,
                                               RoundsNetwork  network,
                                               const char    *account);

G_END_DECLS
