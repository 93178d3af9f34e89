/* rounds-store-editor.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rounds-finding.h"
#include "rounds-store.h"

G_BEGIN_DECLS

/* What the post editor keeps beside a post (schema v2): its images, the
 * patient authorization, the findings someone chose to keep with a
 * reason, the autosaved draft; and the editor's workflow rules that the
 * store enforces: approval with or without an override, scheduling only
 * when the post fits every network. */

typedef struct
{
  gint64    id;
  char     *path;
  char     *alt_text;
  gboolean  shows_patient;
} RoundsPostMedia;

typedef struct
{
  char *signed_by;
  char *signed_on;   /* YYYY-MM-DD */
  char *scope;
} RoundsAuthorization;

typedef struct
{
  char   *rule;
  char   *span_sha256;
  char   *reason;
  char   *actor;
  gint64  at;
} RoundsFindingAck;

#define ROUNDS_TYPE_POST_MEDIA    (rounds_post_media_get_type ())
#define ROUNDS_TYPE_AUTHORIZATION (rounds_authorization_get_type ())
#define ROUNDS_TYPE_FINDING_ACK   (rounds_finding_ack_get_type ())

#define ROUNDS_MEDIA_PATIENT_RULE "media.patient_authorization"

GType                rounds_post_media_get_type            (void) G_GNUC_CONST;
RoundsPostMedia     *rounds_post_media_new                 (const char          *path,
                                                            const char          *alt_text,
                                                            gboolean             shows_patient);
RoundsPostMedia     *rounds_post_media_copy                (const RoundsPostMedia *self);
void                 rounds_post_media_free                (RoundsPostMedia     *self);
char                *rounds_post_media_dup_problem         (GPtrArray           *media);
char                *rounds_networks_dup_media_problem     (RoundsNetwork        networks,
                                                            guint                n_media);

GType                rounds_authorization_get_type         (void) G_GNUC_CONST;
RoundsAuthorization *rounds_authorization_new              (const char          *signed_by,
                                                            const char          *signed_on,
                                                            const char          *scope);
RoundsAuthorization *rounds_authorization_copy             (const RoundsAuthorization *self);
void                 rounds_authorization_free             (RoundsAuthorization *self);
gboolean             rounds_authorization_validate         (const RoundsAuthorization *self,
                                                            GError             **error);

GType                rounds_finding_ack_get_type           (void) G_GNUC_CONST;
RoundsFindingAck    *rounds_finding_ack_copy               (const RoundsFindingAck *self);
void                 rounds_finding_ack_free               (RoundsFindingAck    *self);
const RoundsFindingAck *rounds_finding_acks_lookup         (GPtrArray           *acks,
                                                            const RoundsFinding *finding,
                                                            const char          *text);

GPtrArray           *rounds_post_media_findings            (GPtrArray           *media,
                                                            const RoundsAuthorization *authorization);

#define ROUNDS_MEDIA_MAX_SIZE (50 * 1024 * 1024)

char                *rounds_store_import_media             (RoundsStore         *self,
                                                            const char          *source,
                                                            GError             **error);
void                 rounds_store_import_media_async       (RoundsStore         *self,
                                                            const char          *source,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
char                *rounds_store_import_media_finish      (RoundsStore         *self,
                                                            GAsyncResult        *result,
                                                            GError             **error);
GPtrArray           *rounds_store_list_post_media          (RoundsStore         *self,
                                                            gint64               post_id,
                                                            GError             **error);
gboolean             rounds_store_set_post_media           (RoundsStore         *self,
                                                            gint64               post_id,
                                                            GPtrArray           *media,
                                                            GError             **error);

RoundsAuthorization *rounds_store_get_post_authorization   (RoundsStore         *self,
                                                            gint64               post_id,
                                                            GError             **error);
gboolean             rounds_store_set_post_authorization   (RoundsStore         *self,
                                                            gint64               post_id,
                                                            const RoundsAuthorization *authorization,
                                                            GError             **error);

GPtrArray           *rounds_store_list_finding_acks        (RoundsStore         *self,
                                                            gint64               post_id,
                                                            GError             **error);
gboolean             rounds_store_acknowledge_finding      (RoundsStore         *self,
                                                            gint64               post_id,
                                                            const char          *rule,
                                                            const char          *span_sha256,
                                                            const char          *reason,
                                                            GError             **error);

char                *rounds_autosave_slot_for_post         (gint64               post_id);
gboolean             rounds_store_autosave_post            (RoundsStore         *self,
                                                            const char          *slot,
                                                            RoundsPost          *draft,
                                                            GError             **error);
RoundsPost          *rounds_store_read_autosave            (RoundsStore         *self,
                                                            const char          *slot,
                                                            gint64              *saved_at,
                                                            GError             **error);
gboolean             rounds_store_clear_autosave           (RoundsStore         *self,
                                                            const char          *slot,
                                                            GError             **error);

gboolean             rounds_store_approve_post             (RoundsStore         *self,
                                                            gint64               post_id,
                                                            GPtrArray           *findings,
                                                            const char          *override_reason,
                                                            GError             **error);
gboolean             rounds_store_schedule_post            (RoundsStore         *self,
                                                            gint64               post_id,
                                                            GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RoundsPostMedia, rounds_post_media_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RoundsAuthorization, rounds_authorization_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RoundsFindingAck, rounds_finding_ack_free)

G_END_DECLS
