/* rounds-linkedin-stub.h — a LinkedIn REST API stand-in for tests
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* An in-process SoupServer on 127.0.0.1 speaking LinkedIn's versioned
 * REST API as documented (learn.microsoft.com/linkedin; PLATFORMS.md):
 * every call needs Linkedin-Version and X-Restli-Protocol-Version 2.0.0;
 * POST /rest/posts answers 201 with an empty body and the new URN in
 * x-restli-id; images go initializeUpload → PUT; lists are
 * {"elements", "paging": {"start", "count", "total"}} with start/count;
 * errors are {"status", "serviceErrorCode", "message"}. It refuses a
 * commentary with unescaped "little text" reserved characters.
 *
 * OAuth: /oauth/v2/authorization approves at once (302 to the redirect
 * with code and state); /oauth/v2/accessToken redeems the code with the
 * PKCE verifier and needs the client secret, answering errors as
 * {"error", "error_description"}. GET /rest/organizationAcls
 * (q=roleAssignee) lists two organizations, one per page.
 *
 * One organization it publishes as (ROUNDS_LINKEDIN_STUB_ORG_ID), and a
 * second the member administers (ROUNDS_LINKEDIN_STUB_ORG2_ID). */

#define ROUNDS_LINKEDIN_STUB_ORG_ID   "5551234"
#define ROUNDS_LINKEDIN_STUB_ORG_URN  "urn:li:organization:5551234"
#define ROUNDS_LINKEDIN_STUB_ORG2_ID  "5559876"
#define ROUNDS_LINKEDIN_STUB_ORG2_URN "urn:li:organization:5559876"

#define ROUNDS_TYPE_LINKEDIN_STUB (rounds_linkedin_stub_get_type ())

G_DECLARE_FINAL_TYPE (RoundsLinkedinStub, rounds_linkedin_stub, ROUNDS, LINKEDIN_STUB, GObject)

typedef enum
{
  ROUNDS_LINKEDIN_STUB_FAULT_STATUS,     /* the status with a LinkedIn error body */
  ROUNDS_LINKEDIN_STUB_FAULT_HANG,
  ROUNDS_LINKEDIN_STUB_FAULT_CUT,
  ROUNDS_LINKEDIN_STUB_FAULT_CUT_AFTER,
  ROUNDS_LINKEDIN_STUB_FAULT_HTML,
} RoundsLinkedinStubFault;

RoundsLinkedinStub *rounds_linkedin_stub_new              (GError                 **error);
const char         *rounds_linkedin_stub_get_base_url     (RoundsLinkedinStub      *self);
void                rounds_linkedin_stub_add_token        (RoundsLinkedinStub      *self,
                                                           const char              *token);
void                rounds_linkedin_stub_revoke_tokens    (RoundsLinkedinStub      *self);
/* Upload URLs point at another host name for the same server (to test
 * that Rounds refuses to send images outside LinkedIn). */
void                rounds_linkedin_stub_set_foreign_upload (RoundsLinkedinStub    *self,
                                                           gboolean                 foreign);
void                rounds_linkedin_stub_add_fault        (RoundsLinkedinStub      *self,
                                                           const char              *path_prefix,
                                                           RoundsLinkedinStubFault  kind,
                                                           guint                    status,
                                                           guint                    count,
                                                           const char              *retry_after);
/* A post made outside Rounds at @at (Unix seconds); returns its URN. */
char               *rounds_linkedin_stub_add_post         (RoundsLinkedinStub      *self,
                                                           const char              *text,
                                                           gint64                   at);
/* A member's comment on @post_urn (answering @parent_urn if not NULL). */
char               *rounds_linkedin_stub_add_comment      (RoundsLinkedinStub      *self,
                                                           const char              *post_urn,
                                                           const char              *parent_urn,
                                                           const char              *text,
                                                           gint64                   at);
/* The member deletes their comment: it leaves the lists and Get a
 * Comment answers 404. FALSE if there was none. */
gboolean            rounds_linkedin_stub_delete_comment   (RoundsLinkedinStub      *self,
                                                           const char              *comment_urn);
void                rounds_linkedin_stub_set_statistic    (RoundsLinkedinStub      *self,
                                                           const char              *post_urn,
                                                           const char              *name,
                                                           gint64                   value);
guint               rounds_linkedin_stub_count_posts      (RoundsLinkedinStub      *self);
/* The commentary as LinkedIn shows it (unescaped), or NULL. */
const char         *rounds_linkedin_stub_get_text         (RoundsLinkedinStub      *self,
                                                           const char              *urn);
guint               rounds_linkedin_stub_count_images     (RoundsLinkedinStub      *self,
                                                           const char              *urn);
const char         *rounds_linkedin_stub_get_alt          (RoundsLinkedinStub      *self,
                                                           const char              *urn,
                                                           guint                    index);
/* Bytes received for the images of @urn, in total. */
gsize               rounds_linkedin_stub_get_image_bytes  (RoundsLinkedinStub      *self,
                                                           const char              *urn);
const char         *rounds_linkedin_stub_get_parent       (RoundsLinkedinStub      *self,
                                                           const char              *comment_urn);
guint               rounds_linkedin_stub_get_request_count (RoundsLinkedinStub     *self);

G_END_DECLS
