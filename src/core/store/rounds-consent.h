/* rounds-consent.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "rounds-types.h"

G_BEGIN_DECLS

/* The consent and partnerships registry (issue 19): a patient's signed
 * authorization to use their story, quote or picture in marketing
 * (45 CFR 164.508(a)(3)), and a paid partnership whose posts must be
 * disclosed (16 CFR Part 255). These are the records and the pure rules
 * over them; rounds-store-consents.h keeps them and checks posts. */

/* What an authorization lets the practice use. */
typedef enum /*< flags >*/
{
  ROUNDS_CONSENT_USE_NONE       = 0,
  ROUNDS_CONSENT_USE_PHOTO      = 1 << 0,
  ROUNDS_CONSENT_USE_VIDEO      = 1 << 1,
  ROUNDS_CONSENT_USE_QUOTE      = 1 << 2,  /* a quote or the patient's story */
  ROUNDS_CONSENT_USE_FIRST_NAME = 1 << 3,
  ROUNDS_CONSENT_USE_CONDITION  = 1 << 4,
} RoundsConsentUse;

/* Where, besides the networks in RoundsConsent.networks. */
typedef enum /*< flags >*/
{
  ROUNDS_CONSENT_PLACE_NONE    = 0,
  ROUNDS_CONSENT_PLACE_WEBSITE = 1 << 0,
  ROUNDS_CONSENT_PLACE_PRINT   = 1 << 1,
} RoundsConsentPlace;

/* The required elements of a valid authorization (45 CFR 164.508(c)):
 * the core elements of (c)(1) and the statements of (c)(2). An
 * authorization is complete only when the signed form has them all. */
typedef enum /*< flags >*/
{
  ROUNDS_CONSENT_ELEMENT_DESCRIPTION  = 1 << 0,  /* what information, specifically */
  ROUNDS_CONSENT_ELEMENT_DISCLOSER    = 1 << 1,  /* who may use or disclose it */
  ROUNDS_CONSENT_ELEMENT_RECIPIENT    = 1 << 2,  /* to whom */
  ROUNDS_CONSENT_ELEMENT_PURPOSE      = 1 << 3,
  ROUNDS_CONSENT_ELEMENT_EXPIRY       = 1 << 4,  /* a date or an event */
  ROUNDS_CONSENT_ELEMENT_SIGNATURE    = 1 << 5,  /* signature and date */
  ROUNDS_CONSENT_ELEMENT_REVOCATION   = 1 << 6,  /* the right to revoke, and how */
  ROUNDS_CONSENT_ELEMENT_REDISCLOSURE = 1 << 7,  /* may be redisclosed, no longer protected */
  ROUNDS_CONSENT_ELEMENT_CONDITIONING = 1 << 8,  /* treatment is not conditioned on signing */
} RoundsConsentElement;

#define ROUNDS_CONSENT_ELEMENTS_ALL 0x1ff
#define ROUNDS_CONSENT_N_ELEMENTS   9

typedef struct
{
  gint64              id;
  char               *patient;       /* display name: kept here, never published */
  RoundsConsentUse    uses;
  RoundsNetwork       networks;
  RoundsConsentPlace  places;
  char               *purpose;
  char               *signed_on;     /* YYYY-MM-DD, practice time */
  char               *expires_on;    /* YYYY-MM-DD (last valid day) or "" */
  char               *expiry_event;  /* "end of treatment", or "" */
  char               *collected_by;
  char               *form_path;     /* the scanned form's copy, or "" */
  guint               elements;      /* RoundsConsentElement ticked */
  gint64              event_at;      /* UTC: when its expiry event was recorded, or 0 */
  gint64              revoked_at;    /* UTC, 0: not revoked */
  char               *revoked_how;
} RoundsConsent;

typedef enum
{
  ROUNDS_CONSENT_VALID,
  ROUNDS_CONSENT_INCOMPLETE,
  ROUNDS_CONSENT_NOT_YET_SIGNED,
  ROUNDS_CONSENT_EXPIRED,
  ROUNDS_CONSENT_REVOKED,
} RoundsConsentState;

/* What a partner gave. */
typedef enum /*< flags >*/
{
  ROUNDS_PARTNERSHIP_GAVE_NONE      = 0,
  ROUNDS_PARTNERSHIP_GAVE_PAYMENT   = 1 << 0,
  ROUNDS_PARTNERSHIP_GAVE_PRODUCT   = 1 << 1,  /* free product or service */
  ROUNDS_PARTNERSHIP_GAVE_AFFILIATE = 1 << 2,  /* an affiliate link or code */
} RoundsPartnershipGave;

typedef struct
{
  gint64                 id;
  char                  *partner;
  char                  *kind;        /* "influencer", "vendor", "clinic", "other" */
  RoundsPartnershipGave  gave;
  char                  *gave_note;
  char                  *starts_on;   /* YYYY-MM-DD or "" */
  char                  *ends_on;     /* YYYY-MM-DD or "" */
  RoundsNetwork          networks;
  char                  *disclosure;  /* "Paid partnership with …" */
} RoundsPartnership;

#define ROUNDS_TYPE_CONSENT     (rounds_consent_get_type ())
#define ROUNDS_TYPE_PARTNERSHIP (rounds_partnership_get_type ())

GType               rounds_consent_get_type          (void) G_GNUC_CONST;
RoundsConsent      *rounds_consent_new               (const char          *patient);
RoundsConsent      *rounds_consent_copy              (const RoundsConsent *self);
void                rounds_consent_free              (RoundsConsent       *self);
gboolean            rounds_consent_validate          (const RoundsConsent *self,
                                                      GError             **error);
guint               rounds_consent_missing_elements  (const RoundsConsent *self);
const char         *rounds_consent_element_label     (RoundsConsentElement element);
gint64              rounds_consent_starts_at         (const RoundsConsent *self,
                                                      GTimeZone           *tz);
gint64              rounds_consent_expires_at        (const RoundsConsent *self,
                                                      GTimeZone           *tz);
RoundsConsentState  rounds_consent_get_state         (const RoundsConsent *self,
                                                      GTimeZone           *tz,
                                                      gint64               at);
gboolean            rounds_consent_covers            (const RoundsConsent *self,
                                                      GTimeZone           *tz,
                                                      RoundsNetwork        networks,
                                                      RoundsConsentUse     uses,
                                                      gint64               at,
                                                      char               **why_not);
char               *rounds_consent_uses_to_label     (RoundsConsentUse     uses);

GType               rounds_partnership_get_type      (void) G_GNUC_CONST;
RoundsPartnership  *rounds_partnership_new           (const char          *partner);
RoundsPartnership  *rounds_partnership_copy          (const RoundsPartnership *self);
void                rounds_partnership_free          (RoundsPartnership   *self);
gboolean            rounds_partnership_validate      (const RoundsPartnership *self,
                                                      GError             **error);

gboolean            rounds_date_parse_ymd            (const char          *text,
                                                      int                 *year,
                                                      int                 *month,
                                                      int                 *day);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RoundsConsent, rounds_consent_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RoundsPartnership, rounds_partnership_free)

G_END_DECLS
