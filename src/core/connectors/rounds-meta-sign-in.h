/* rounds-meta-sign-in.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rounds-connector.h"
#include "rounds-http.h"

G_BEGIN_DECLS

/* Connecting a Facebook Page or an Instagram professional account, for the
 * Accounts page. Rounds ships no Meta app: the practice types its own app
 * id (and, optionally, the app secret, which then lives only in the Secret
 * Service with the account's tokens).
 *
 *   sign_in = rounds_meta_sign_in_new (ROUNDS_NETWORK_FACEBOOK, app_id, app_secret_or_NULL);
 *   url = rounds_meta_sign_in_begin (sign_in, &error);     → open in the browser
 *   rounds_meta_sign_in_complete_async (sign_in, …);        → waits for the browser
 *   pages = rounds_meta_sign_in_complete_finish (…);        → the Pages to choose from
 *   credentials = rounds_meta_sign_in_dup_credentials (sign_in, page, &error);
 *
 * Facebook Login's manual flow with PKCE (S256) and a loopback redirect:
 * no secret is needed to get a user token. That token lasts about an hour,
 * and so do the Page tokens taken from it; with the app secret, the token
 * is exchanged for a long-lived one (fb_exchange_token) and the Page
 * tokens taken from that do not expire. /me/accounts lists the Pages the
 * person manages with their tasks and linked Instagram account. */

#define ROUNDS_TYPE_META_SIGN_IN (rounds_meta_sign_in_get_type ())

G_DECLARE_FINAL_TYPE (RoundsMetaSignIn, rounds_meta_sign_in, ROUNDS, META_SIGN_IN, GObject)

#define ROUNDS_META_DIALOG_URL "https://www.facebook.com/v21.0"
#define ROUNDS_META_SCOPES_FACEBOOK \
  "pages_show_list,pages_manage_posts,pages_read_engagement,pages_manage_engagement," \
  "pages_read_user_engagement,read_insights"
#define ROUNDS_META_SCOPES_INSTAGRAM \
  "pages_show_list,pages_read_engagement,pages_manage_posts,instagram_basic," \
  "instagram_content_publish,instagram_manage_comments,instagram_manage_insights"

/* One Page the person manages (from /me/accounts). */
#define ROUNDS_TYPE_META_PAGE (rounds_meta_page_get_type ())
typedef struct
{
  char     *id;
  char     *name;
  char     *instagram_id;        /* the linked professional account, or NULL */
  char     *instagram_username;
  gboolean  can_publish;         /* CREATE_CONTENT (or MANAGE) among its tasks */
} RoundsMetaPage;

GType             rounds_meta_page_get_type               (void) G_GNUC_CONST;
RoundsMetaPage   *rounds_meta_page_copy                   (const RoundsMetaPage *page);
void              rounds_meta_page_free                   (RoundsMetaPage       *page);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RoundsMetaPage, rounds_meta_page_free)

/* @network: FACEBOOK or INSTAGRAM. @app_id: digits only (else NULL with
 * G_IO_ERROR_INVALID_ARGUMENT). @app_secret may be NULL or "". */
RoundsMetaSignIn *rounds_meta_sign_in_new                 (RoundsNetwork          network,
                                                           const char            *app_id,
                                                           const char            *app_secret,
                                                           GError               **error);
/* Tests point these at a local server: the Graph root with version
 * (default rounds_connector_get_default_base_url ()) and the root of the
 * login dialog (default ROUNDS_META_DIALOG_URL). */
void              rounds_meta_sign_in_set_urls            (RoundsMetaSignIn      *self,
                                                           const char            *graph_url,
                                                           const char            *dialog_url);
const char       *rounds_meta_sign_in_get_graph_url       (RoundsMetaSignIn      *self);
void              rounds_meta_sign_in_set_wait_timeout    (RoundsMetaSignIn      *self,
                                                           guint                  seconds);
/* Starts the loopback server; the URL to open in the browser. */
char             *rounds_meta_sign_in_begin               (RoundsMetaSignIn      *self,
                                                           GError               **error);
void              rounds_meta_sign_in_complete_async      (RoundsMetaSignIn      *self,
                                                           GCancellable          *cancellable,
                                                           GAsyncReadyCallback    callback,
                                                           gpointer               user_data);
/* A GPtrArray of RoundsMetaPage (possibly empty: the person manages no
 * Page; for Instagram only Pages with a linked account are listed). */
GPtrArray        *rounds_meta_sign_in_complete_finish     (RoundsMetaSignIn      *self,
                                                           GAsyncResult          *result,
                                                           GError               **error);
/* The credentials JSON for @page_id (Secret Service only), and when its
 * token expires (0: never) in @expires_at. */
char             *rounds_meta_sign_in_dup_credentials     (RoundsMetaSignIn      *self,
                                                           const char            *page_id,
                                                           gint64                *expires_at,
                                                           GError               **error);

G_END_DECLS
