/* rounds-graph-stub.h — a Meta Graph API stand-in for tests
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* An in-process SoupServer on 127.0.0.1 that speaks the Graph API JSON as
 * documented for Facebook Pages and Instagram professional accounts
 * (developers.facebook.com; PLATFORMS.md): a versioned root ("/v21.0"),
 * string ids, `{"data": [...], "paging": {"cursors": {"before", "after"},
 * "next"}}` lists, `{"error": {message, type, code, error_subcode,
 * fbtrace_id}}` errors (190 for a bad token), Page feed and photos,
 * native scheduling, comments, insights, and Instagram's container →
 * status_code → media_publish flow with content_publishing_limit. The
 * OAuth dialog (`/dialog/oauth`) approves at once with a 302 to the
 * redirect_uri, so a test that follows it plays the browser.
 *
 * One Page ("Sunrise Family Clinic", ROUNDS_GRAPH_STUB_PAGE_ID) with one
 * linked Instagram account (ROUNDS_GRAPH_STUB_IG_ID). */

#define ROUNDS_GRAPH_STUB_PAGE_ID  "100000000000001"
#define ROUNDS_GRAPH_STUB_IG_ID    "17841400000000001"
#define ROUNDS_GRAPH_STUB_VERSION  "v21.0"

#define ROUNDS_TYPE_GRAPH_STUB (rounds_graph_stub_get_type ())

G_DECLARE_FINAL_TYPE (RoundsGraphStub, rounds_graph_stub, ROUNDS, GRAPH_STUB, GObject)

typedef enum
{
  ROUNDS_GRAPH_STUB_FAULT_STATUS,     /* an HTTP status with a Graph error body (code) */
  ROUNDS_GRAPH_STUB_FAULT_HANG,       /* never answer */
  ROUNDS_GRAPH_STUB_FAULT_CUT,        /* close the connection without acting */
  ROUNDS_GRAPH_STUB_FAULT_CUT_AFTER,  /* act, then close without answering */
  ROUNDS_GRAPH_STUB_FAULT_HTML,       /* an HTML error page with the status */
  ROUNDS_GRAPH_STUB_FAULT_GARBAGE,    /* 200 with a body that is not JSON */
  ROUNDS_GRAPH_STUB_FAULT_HUGE,       /* 200 with a 6 MB JSON body */
} RoundsGraphStubFault;

RoundsGraphStub *rounds_graph_stub_new               (GError              **error);
/* "http://127.0.0.1:PORT" (no version) */
const char      *rounds_graph_stub_get_root_url      (RoundsGraphStub      *self);
/* "http://127.0.0.1:PORT/v21.0": what a connector's base-url is */
const char      *rounds_graph_stub_get_base_url      (RoundsGraphStub      *self);
void             rounds_graph_stub_add_token         (RoundsGraphStub      *self,
                                                      const char           *token);
void             rounds_graph_stub_revoke_tokens     (RoundsGraphStub      *self);
/* Unix seconds the server stamps on what it creates; 0: real time. */
void             rounds_graph_stub_set_now           (RoundsGraphStub      *self,
                                                      gint64                now);
/* How many status reads answer IN_PROGRESS before a container is
 * FINISHED (default 0). */
void             rounds_graph_stub_set_container_polls (RoundsGraphStub    *self,
                                                      guint                 polls);
/* Instagram posts already made in the last 24 h (quota_usage). */
void             rounds_graph_stub_set_quota_usage   (RoundsGraphStub      *self,
                                                      guint                 usage);
/* The next @count requests whose path (without the version) starts with
 * @path_prefix fail so ("/?ids": only the multiple-id read GET /?ids=). @graph_code: the error's "code" for STATUS (e.g.
 * 190, 4, 32, 368, 506); @buc_minutes > 0 adds an
 * X-Business-Use-Case-Usage header with that estimated_time_to_regain_access. */
void             rounds_graph_stub_add_fault         (RoundsGraphStub      *self,
                                                      const char           *path_prefix,
                                                      RoundsGraphStubFault  kind,
                                                      guint                 status,
                                                      int                   graph_code,
                                                      guint                 count,
                                                      guint                 buc_minutes);
/* A comment by someone else on @object_id (a post, an IG media, or a
 * comment for a reply) at Unix time @at (0: now). Returns its id. */
char            *rounds_graph_stub_add_comment       (RoundsGraphStub      *self,
                                                      const char           *object_id,
                                                      const char           *author,
                                                      const char           *text,
                                                      gint64                at);
/* A post made outside Rounds (for paging through the feed). */
char            *rounds_graph_stub_add_page_post     (RoundsGraphStub      *self,
                                                      const char           *text,
                                                      gint64                at);
/* An Instagram media made outside Rounds. */
char            *rounds_graph_stub_add_ig_media      (RoundsGraphStub      *self,
                                                      const char           *caption,
                                                      gint64                at);
/* A post, media or comment deleted on the network (a comment by its
 * author): reads of it answer #100/33, a multiple-id read with it #803.
 * FALSE if there was none. */
gboolean         rounds_graph_stub_delete            (RoundsGraphStub      *self,
                                                      const char           *id);
void             rounds_graph_stub_set_insight       (RoundsGraphStub      *self,
                                                      const char           *object_id,
                                                      const char           *metric,
                                                      gint64                value);
/* Published Page posts not deleted; natively scheduled ones; IG media. */
guint            rounds_graph_stub_count_posts       (RoundsGraphStub      *self);
guint            rounds_graph_stub_count_scheduled   (RoundsGraphStub      *self);
guint            rounds_graph_stub_count_ig_media    (RoundsGraphStub      *self);
/* The text of a post, comment or IG media (caption), or NULL. */
const char      *rounds_graph_stub_get_text          (RoundsGraphStub      *self,
                                                      const char           *id);
/* The alt text of image @index of a post or IG media, or NULL. */
const char      *rounds_graph_stub_get_alt           (RoundsGraphStub      *self,
                                                      const char           *id,
                                                      guint                 index);
guint            rounds_graph_stub_count_images      (RoundsGraphStub      *self,
                                                      const char           *id);
/* The id of what comment @id answers (post, media or comment), or NULL. */
const char      *rounds_graph_stub_get_parent        (RoundsGraphStub      *self,
                                                      const char           *id);
guint            rounds_graph_stub_get_request_count (RoundsGraphStub      *self);
/* The value of header @name on the last request to @path (without the
 * version), or NULL; and the last request's URL query there. */
const char      *rounds_graph_stub_get_last_header   (RoundsGraphStub      *self,
                                                      const char           *path,
                                                      const char           *name);
const char      *rounds_graph_stub_get_last_query    (RoundsGraphStub      *self,
                                                      const char           *path);

G_END_DECLS
