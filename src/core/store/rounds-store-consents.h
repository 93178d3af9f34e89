/* rounds-store-consents.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rounds-consent.h"
#include "rounds-store.h"

G_BEGIN_DECLS

/* The consent and partnerships registry (schema v4): patient
 * authorizations with their scanned forms, paid partnerships, the posts
 * linked to each, and the one check that approval, the publishing queue
 * and the inbox share: may this post go out with respect to consent and
 * disclosure? */

#define ROUNDS_CONSENT_RULE_AUTHORIZATION "consent.authorization"
#define ROUNDS_CONSENT_FORM_MAX_SIZE      (20 * 1024 * 1024)

gboolean           rounds_store_add_consent             (RoundsStore          *self,
                                                         RoundsConsent        *consent,
                                                         const char           *form_source,
                                                         GError              **error);
gboolean           rounds_store_update_consent          (RoundsStore          *self,
                                                         const RoundsConsent  *consent,
                                                         GError              **error);
GPtrArray         *rounds_store_list_consents           (RoundsStore          *self,
                                                         GError              **error);
RoundsConsent     *rounds_store_get_consent             (RoundsStore          *self,
                                                         gint64                id,
                                                         GError              **error);
gboolean           rounds_store_revoke_consent          (RoundsStore          *self,
                                                         gint64                id,
                                                         const char           *how,
                                                         GPtrArray           **stopped,
                                                         GError              **error);
gboolean           rounds_store_record_consent_event    (RoundsStore          *self,
                                                         gint64                id,
                                                         GPtrArray           **stopped,
                                                         GError              **error);
GPtrArray         *rounds_store_list_consent_posts      (RoundsStore          *self,
                                                         gint64                consent_id,
                                                         GError              **error);
gboolean           rounds_store_stop_posts_of_consent   (RoundsStore          *self,
                                                         gint64                consent_id,
                                                         const char           *reason,
                                                         GPtrArray           **stopped,
                                                         GError              **error);
GPtrArray         *rounds_store_list_lapsed_consents    (RoundsStore          *self,
                                                         GError              **error);

gboolean           rounds_store_add_partnership         (RoundsStore          *self,
                                                         RoundsPartnership    *partnership,
                                                         GError              **error);
GPtrArray         *rounds_store_list_partnerships       (RoundsStore          *self,
                                                         GError              **error);
RoundsPartnership *rounds_store_get_partnership         (RoundsStore          *self,
                                                         gint64                id,
                                                         GError              **error);

gboolean           rounds_store_link_post_consent       (RoundsStore          *self,
                                                         gint64                post_id,
                                                         gint64                consent_id,
                                                         gboolean              linked,
                                                         GError              **error);
GPtrArray         *rounds_store_list_post_consents      (RoundsStore          *self,
                                                         gint64                post_id,
                                                         GError              **error);
gboolean           rounds_store_link_post_partnership   (RoundsStore          *self,
                                                         gint64                post_id,
                                                         gint64                partnership_id,
                                                         gboolean              linked,
                                                         GError              **error);
GPtrArray         *rounds_store_list_post_partnerships  (RoundsStore          *self,
                                                         gint64                post_id,
                                                         GError              **error);

/* Taking down a published post that relied on an authorization that
 * ended: one item per place it is out there. */
typedef struct
{
  gint64         post_id;
  gint64         publication_id;  /* 0: posted by hand */
  gint64         account_id;      /* 0: no account */
  RoundsNetwork  network;
  char          *remote_id;       /* the network's id, "" when unknown */
  char          *url;             /* its link, "" when unknown */
  gboolean       connected;       /* deleted through the account's connector */
  gint64         requested_at;    /* 0: nobody asked yet */
  gint64         done_at;         /* 0: still out there */
} RoundsTakedown;

RoundsTakedown    *rounds_takedown_copy                 (const RoundsTakedown *takedown);
void               rounds_takedown_free                 (RoundsTakedown       *takedown);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RoundsTakedown, rounds_takedown_free)

GPtrArray         *rounds_store_list_takedowns          (RoundsStore          *self,
                                                         gint64                post_id,
                                                         GError              **error);
gboolean           rounds_store_request_takedown_by_hand (RoundsStore         *self,
                                                         const RoundsTakedown *takedown,
                                                         gint64                consent_id,
                                                         GError              **error);
gboolean           rounds_store_takedown_done           (RoundsStore          *self,
                                                         const RoundsTakedown *takedown,
                                                         gint64                consent_id,
                                                         GError              **error);
GPtrArray         *rounds_store_list_pending_takedowns  (RoundsStore          *self,
                                                         GError              **error);

RoundsConsentUse   rounds_post_patient_uses             (GPtrArray            *media,
                                                         GPtrArray            *findings);
GPtrArray         *rounds_consent_check_post            (GPtrArray            *consents,
                                                         GPtrArray            *partnerships,
                                                         RoundsConsentUse      needs,
                                                         const char           *text,
                                                         RoundsNetwork         networks,
                                                         gint64                at,
                                                         GTimeZone            *tz);
GPtrArray         *rounds_store_check_post_consent      (RoundsStore          *self,
                                                         gint64                post_id,
                                                         const char           *text,
                                                         GPtrArray            *findings,
                                                         GError              **error);
char              *rounds_consent_findings_dup_problem  (GPtrArray            *findings);

G_END_DECLS
