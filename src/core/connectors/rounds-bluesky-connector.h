/* rounds-bluesky-connector.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "rounds-connector.h"

G_BEGIN_DECLS

/* Bluesky (AT Protocol) through the account's PDS: sign-in with an app
 * password, token refresh, posts with link facets and images, replies,
 * reconciliation by a deterministic record key, replies and metrics where
 * the PDS has an AppView behind it.
 *
 * "base-url" is the PDS ("https://morel.us-east.host.bsky.network", or
 * "http://localhost:PORT" in tests); NULL means the entryway
 * ROUNDS_BLUESKY_ENTRYWAY. "credentials" is the JSON object
 * {"did","handle","accessJwt","refreshJwt"}; it is replaced (and notified)
 * whenever the connector refreshes its tokens. */

#define ROUNDS_BLUESKY_ENTRYWAY      "https://bsky.social"
#define ROUNDS_BLUESKY_PLC_DIRECTORY "https://plc.directory"
/* The AppView's limit for one image blob, in bytes. */
#define ROUNDS_BLUESKY_MAX_IMAGE_BYTES 1000000
#define ROUNDS_BLUESKY_MAX_IMAGES      4

#define ROUNDS_TYPE_BLUESKY_CONNECTOR (rounds_bluesky_connector_get_type ())

G_DECLARE_FINAL_TYPE (RoundsBlueskyConnector, rounds_bluesky_connector,
                      ROUNDS, BLUESKY_CONNECTOR, GObject)

RoundsConnector    *rounds_bluesky_connector_new       (const char          *base_url,
                                                        const char          *credentials);
/* Whole-request timeout in seconds (tests shorten it). */
void                rounds_bluesky_connector_set_timeout (RoundsBlueskyConnector *self,
                                                          guint                   seconds);

/* Sign in with a handle ("clinic.bsky.social") or e-mail and an app
 * password. @pds_url: the PDS the user typed, or NULL to find it: a handle
 * is resolved (com.atproto.identity.resolveHandle at the entryway, then the
 * DID document's #atproto_pds service); an e-mail signs in at the entryway.
 * On success, @credentials receives the JSON to keep in the Secret Service
 * (and to hand to rounds_connector_new_for_network () with @base_url), and
 * @base_url the PDS to store with the account. Wrong handle or password:
 * ROUNDS_CONNECTOR_ERROR_AUTH_EXPIRED with a message for the user. */
void                rounds_bluesky_sign_in_async       (const char          *pds_url,
                                                        const char          *identifier,
                                                        const char          *app_password,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
RoundsAccountInfo  *rounds_bluesky_sign_in_finish      (GAsyncResult        *result,
                                                        char               **credentials,
                                                        char               **base_url,
                                                        GError             **error);

/* The PDS of @handle: resolveHandle at @resolver_url, then the DID
 * document from @plc_url (did:plc) or the handle's host (did:web). Both
 * URLs may be NULL for the public defaults; tests pass local servers. */
void                rounds_bluesky_resolve_pds_async   (const char          *resolver_url,
                                                        const char          *plc_url,
                                                        const char          *handle,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
char               *rounds_bluesky_resolve_pds_finish  (GAsyncResult        *result,
                                                        GError             **error);

/* Pure helpers, public for the editor and the tests. */

/* The record key (a TID) that a publication with @idempotency_key gets:
 * the same key always gives the same valid TID. */
char               *rounds_bluesky_rkey_for_key        (const char          *idempotency_key);
/* The link facets of @text (http:// and https:// URLs), as a JSON array
 * with UTF-8 byte offsets, or NULL when there is no link. */
JsonNode           *rounds_bluesky_link_facets         (const char          *text);

/* An image as it will be uploaded: its bytes, at most @max_bytes, made
 * smaller (JPEG) when the file is larger; @downscaled says whether that
 * happened. Runs in the caller's thread (call it from a worker). */
GBytes             *rounds_bluesky_prepare_image       (const char          *path,
                                                        const char          *mime_type,
                                                        gsize                max_bytes,
                                                        char               **out_mime_type,
                                                        int                 *out_width,
                                                        int                 *out_height,
                                                        gboolean            *downscaled,
                                                        GError             **error);

G_END_DECLS
