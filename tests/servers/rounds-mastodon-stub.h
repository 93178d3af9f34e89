/* rounds-mastodon-stub.h — a Mastodon API stand-in for tests
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* An in-process SoupServer on 127.0.0.1 that speaks the documented
 * Mastodon JSON (docs.joinmastodon.org; PLATFORMS.md): string ids, HTML
 * `content`, `Link` headers, `{"error": …}` bodies, Idempotency-Key, the
 * 202/206 media processing dance, scheduled statuses, mention
 * notifications, and the OAuth 2 authorization server with PKCE (S256).
 * `/oauth/authorize` approves at once: it answers 302 to the app's
 * redirect_uri with `code` and `state`, so a test that follows it plays the
 * browser.
 *
 * There is one local account, "clinic", whose statuses Rounds publishes;
 * other accounts exist only as authors of mentions.
 *
 * Control (for a test in the same process, or over HTTP for another
 * process, see tests/servers/mastodon-stub.c):
 *   GET  /_stub/statuses     [{"id","text","idempotency_key","in_reply_to_id",
 *                              "media":[{"id","description"}],"deleted"}]
 *   POST /_stub/mention      {"acct","display_name","content","in_reply_to_id"?}
 *   POST /_stub/fault        {"path","kind":"status|hang|cut|cut-after",
 *                             "status"?,"count"?,"retry_after"?}
 *   POST /_stub/revoke       revokes every token
 * No token is needed for /_stub/. */

#define ROUNDS_TYPE_MASTODON_STUB (rounds_mastodon_stub_get_type ())

G_DECLARE_FINAL_TYPE (RoundsMastodonStub, rounds_mastodon_stub, ROUNDS, MASTODON_STUB, GObject)

typedef enum
{
  ROUNDS_MASTODON_STUB_FAULT_STATUS,     /* answer with an HTTP status (and Retry-After) */
  ROUNDS_MASTODON_STUB_FAULT_HANG,       /* never answer */
  ROUNDS_MASTODON_STUB_FAULT_CUT,        /* close the connection without acting */
  ROUNDS_MASTODON_STUB_FAULT_CUT_AFTER,  /* act (e.g. post), then close without answering */
} RoundsMastodonStubFault;

/* Listens on 127.0.0.1, a free port. */
RoundsMastodonStub *rounds_mastodon_stub_new              (GError                 **error);
/* "http://127.0.0.1:PORT" */
const char         *rounds_mastodon_stub_get_base_url     (RoundsMastodonStub      *self);
guint               rounds_mastodon_stub_get_port         (RoundsMastodonStub      *self);
/* Makes @token valid for the clinic account (skips OAuth in tests). */
void                rounds_mastodon_stub_add_token        (RoundsMastodonStub      *self,
                                                           const char              *token);
void                rounds_mastodon_stub_revoke_tokens    (RoundsMastodonStub      *self);
/* Unix seconds the server stamps on what it creates; 0: real time. */
void                rounds_mastodon_stub_set_now          (RoundsMastodonStub      *self,
                                                           gint64                   now);
/* How many GET /api/v1/media/:id answer 206 before the media is ready;
 * uploads answer 202 when this is above 0 (default 0: 200 at once). */
void                rounds_mastodon_stub_set_media_polls  (RoundsMastodonStub      *self,
                                                           guint                    polls);
/* The next @count requests whose path starts with @path_prefix fail so. */
void                rounds_mastodon_stub_add_fault        (RoundsMastodonStub      *self,
                                                           const char              *path_prefix,
                                                           RoundsMastodonStubFault  kind,
                                                           guint                    status,
                                                           guint                    count,
                                                           const char              *retry_after);
/* A status by someone else that mentions the clinic; returns its
 * notification's id. @in_reply_to_id may be NULL. */
char               *rounds_mastodon_stub_add_mention      (RoundsMastodonStub      *self,
                                                           const char              *acct,
                                                           const char              *display_name,
                                                           const char              *html_content,
                                                           const char              *in_reply_to_id);
/* Statuses of the clinic account not deleted (published, not scheduled). */
/* The author deletes status @id (anyone's): it answers 404 from now on. */
gboolean            rounds_mastodon_stub_delete_status    (RoundsMastodonStub      *self,
                                                           const char              *id);
guint               rounds_mastodon_stub_count_statuses   (RoundsMastodonStub      *self);
guint               rounds_mastodon_stub_count_scheduled  (RoundsMastodonStub      *self);
/* The plain text Rounds sent for the status @id, or NULL. */
const char         *rounds_mastodon_stub_get_status_text  (RoundsMastodonStub      *self,
                                                           const char              *id);
/* What the status @id answers (its in_reply_to_id), or NULL. */
const char         *rounds_mastodon_stub_get_status_in_reply_to (RoundsMastodonStub *self,
                                                                 const char         *id);
/* The id of the status a notification (add_mention's answer) is about. */
const char         *rounds_mastodon_stub_get_notification_status (RoundsMastodonStub *self,
                                                                  const char         *notification_id);
/* The alt text of the first media of status @id, or NULL. */
const char         *rounds_mastodon_stub_get_status_alt   (RoundsMastodonStub      *self,
                                                           const char              *id);
void                rounds_mastodon_stub_set_counts       (RoundsMastodonStub      *self,
                                                           const char              *id,
                                                           guint                    favourites,
                                                           guint                    reblogs,
                                                           guint                    replies);
/* Requests served so far (all paths). */
guint               rounds_mastodon_stub_get_request_count (RoundsMastodonStub     *self);
/* Requests served so far to exactly @path. */
guint               rounds_mastodon_stub_count_requests_to (RoundsMastodonStub     *self,
                                                            const char             *path);
/* The value of header @name on the last request to exactly @path, or
 * NULL. */
const char         *rounds_mastodon_stub_get_last_header  (RoundsMastodonStub      *self,
                                                           const char              *path,
                                                           const char              *name);

G_END_DECLS
