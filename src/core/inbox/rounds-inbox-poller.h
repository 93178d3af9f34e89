/* rounds-inbox-poller.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rounds-account.h"
#include "rounds-connector.h"
#include "rounds-connector-factory.h"
#include "rounds-secrets.h"
#include "rounds-store.h"

G_BEGIN_DECLS

/* Polls every connected account for new comments, mentions, replies and
 * reviews (RoundsConnector's list_replies) and stores them in the Inbox
 * (rounds-store-inbox.h), each account from its own cursor. Runs wherever
 * RoundsBackground runs, so also with no window open.
 *
 * When an account is polled again:
 * - every interval (rounds_inbox_poller_set_interval(), the
 *   "inbox-poll-minutes" setting, 5 minutes by default);
 * - idle: after every ROUNDS_INBOX_IDLE_POLLS polls in a row that found
 *   nothing the wait doubles, up to ROUNDS_INBOX_IDLE_MAX_FACTOR × the
 *   interval; a poll that finds something goes back to the interval;
 * - rate limited: at the time the network gave, else after twice the
 *   interval;
 * - offline, a server error or an answer that cannot be read: 1, 2, 4 …
 *   minutes, never longer than an hour, and nothing of that answer is
 *   stored (the cursor stays, so nothing is lost or fetched twice);
 * - the sign-in stopped working: not until it is reconnected (the account
 *   is marked, and the reminders ask the user to reconnect);
 * - the network cannot list comments for this account: after a day.
 * After a poll that worked, an account whose network can say so
 * (ROUNDS_CONNECTOR_CAN_CHECK_GONE) is asked which of its newest items
 * (at most ROUNDS_INBOX_GONE_MAX, of the last ROUNDS_INBOX_GONE_DAYS) were
 * deleted on the network; those are marked deleted, never removed.
 * rounds_inbox_poller_refresh() (the Refresh button, app.refresh-inbox)
 * polls every account now, whatever its wait.
 *
 * While a round of polls runs the poller is busy; "round-finished" says
 * how many items were new, so that one notification covers one poll. */

#define ROUNDS_INBOX_DEFAULT_INTERVAL  (5 * 60)
#define ROUNDS_INBOX_IDLE_POLLS        3
#define ROUNDS_INBOX_IDLE_MAX_FACTOR   4
#define ROUNDS_INBOX_RETRY_BASE        60
#define ROUNDS_INBOX_RETRY_CAP         (60 * 60)
#define ROUNDS_INBOX_UNSUPPORTED_WAIT  (24 * 60 * 60)
#define ROUNDS_INBOX_GONE_MAX          50
#define ROUNDS_INBOX_GONE_DAYS         30

/* Makes the connector for one account from its credentials; tests pass
 * one that points at local servers. The same as RoundsConnectorFactory. */
typedef RoundsConnectorFactory RoundsInboxConnectorFactory;

#define ROUNDS_TYPE_INBOX_POLLER (rounds_inbox_poller_get_type ())

G_DECLARE_FINAL_TYPE (RoundsInboxPoller, rounds_inbox_poller, ROUNDS, INBOX_POLLER, GObject)

RoundsInboxPoller *rounds_inbox_poller_new                   (RoundsStore                 *store,
                                                              RoundsSecrets               *secrets);
void               rounds_inbox_poller_set_connector_factory (RoundsInboxPoller           *self,
                                                              RoundsInboxConnectorFactory  factory,
                                                              gpointer                     user_data,
                                                              GDestroyNotify               destroy);
void               rounds_inbox_poller_set_interval          (RoundsInboxPoller           *self,
                                                              guint                        seconds);
guint              rounds_inbox_poller_get_interval          (RoundsInboxPoller           *self);
void               rounds_inbox_poller_start                 (RoundsInboxPoller           *self,
                                                              gboolean                     with_timer);
void               rounds_inbox_poller_stop                  (RoundsInboxPoller           *self);
gboolean           rounds_inbox_poller_tick                  (RoundsInboxPoller           *self);
void               rounds_inbox_poller_refresh               (RoundsInboxPoller           *self);
gboolean           rounds_inbox_poller_is_busy               (RoundsInboxPoller           *self);
gint64             rounds_inbox_poller_get_next_poll         (RoundsInboxPoller           *self,
                                                              gint64                       account_id);
const char        *rounds_inbox_poller_get_last_error        (RoundsInboxPoller           *self,
                                                              gint64                       account_id);
void               rounds_inbox_poller_forget_connector      (RoundsInboxPoller           *self,
                                                              gint64                       account_id);

G_END_DECLS
