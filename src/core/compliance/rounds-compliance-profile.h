/* rounds-compliance-profile.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rounds-finding.h"

G_BEGIN_DECLS

#define ROUNDS_COMPLIANCE_ERROR (rounds_compliance_error_quark ())

typedef enum
{
  ROUNDS_COMPLIANCE_ERROR_INVALID_PROFILE,
  ROUNDS_COMPLIANCE_ERROR_INVALID_TEXT,
  ROUNDS_COMPLIANCE_ERROR_INVALID_RULES,
} RoundsComplianceError;

GQuark rounds_compliance_error_quark (void);

#define ROUNDS_TYPE_COMPLIANCE_PROFILE (rounds_compliance_profile_get_type ())

G_DECLARE_FINAL_TYPE (RoundsComplianceProfile, rounds_compliance_profile,
                      ROUNDS, COMPLIANCE_PROFILE, GObject)

/* What belongs to the practice itself and must never be flagged, plus
 * extra terms the practice wants blocked. The JSON form is the one of
 * ../shared/compliance-corpus/README.md, with an optional "block" list.
 *
 * A profile may be shared by threads that scan concurrently as long as
 * nobody modifies it meanwhile: build it, then scan with it. */
RoundsComplianceProfile *rounds_compliance_profile_new            (void);
RoundsComplianceProfile *rounds_compliance_profile_new_from_json  (const char              *json,
                                                                   gssize                   length,
                                                                   GError                 **error);
RoundsComplianceProfile *rounds_compliance_profile_new_from_file  (const char              *path,
                                                                   GError                 **error);

void                     rounds_compliance_profile_set_practice_name (RoundsComplianceProfile *self,
                                                                   const char              *name);
const char              *rounds_compliance_profile_get_practice_name (RoundsComplianceProfile *self);
void                     rounds_compliance_profile_set_language   (RoundsComplianceProfile *self,
                                                                   const char              *language);
const char              *rounds_compliance_profile_get_language   (RoundsComplianceProfile *self);
void                     rounds_compliance_profile_add_phone      (RoundsComplianceProfile *self,
                                                                   const char              *phone);
void                     rounds_compliance_profile_add_email      (RoundsComplianceProfile *self,
                                                                   const char              *email);
void                     rounds_compliance_profile_add_address    (RoundsComplianceProfile *self,
                                                                   const char              *address);
void                     rounds_compliance_profile_add_website    (RoundsComplianceProfile *self,
                                                                   const char              *website);
void                     rounds_compliance_profile_add_staff      (RoundsComplianceProfile *self,
                                                                   const char              *staff);
void                     rounds_compliance_profile_add_allow      (RoundsComplianceProfile *self,
                                                                   const char              *term);
void                     rounds_compliance_profile_add_block_term (RoundsComplianceProfile *self,
                                                                   const char              *term,
                                                                   RoundsFindingCategory    category);

/* NULL-terminated, owned by the profile. */
const char * const      *rounds_compliance_profile_get_phones     (RoundsComplianceProfile *self);
const char * const      *rounds_compliance_profile_get_emails     (RoundsComplianceProfile *self);
const char * const      *rounds_compliance_profile_get_addresses  (RoundsComplianceProfile *self);
const char * const      *rounds_compliance_profile_get_websites   (RoundsComplianceProfile *self);
const char * const      *rounds_compliance_profile_get_staff      (RoundsComplianceProfile *self);
const char * const      *rounds_compliance_profile_get_allow      (RoundsComplianceProfile *self);

JsonNode                *rounds_compliance_profile_to_json        (RoundsComplianceProfile *self);

G_END_DECLS
