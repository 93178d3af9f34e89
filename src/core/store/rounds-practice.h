/* rounds-practice.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define ROUNDS_TYPE_PRACTICE (rounds_practice_get_type ())

G_DECLARE_FINAL_TYPE (RoundsPractice, rounds_practice, ROUNDS, PRACTICE, GObject)

/* Specialty ids, as stored. */
#define ROUNDS_SPECIALTY_FAMILY_MEDICINE  "family_medicine"
#define ROUNDS_SPECIALTY_DENTISTRY        "dentistry"
#define ROUNDS_SPECIALTY_DERMATOLOGY      "dermatology"
#define ROUNDS_SPECIALTY_PEDIATRICS       "pediatrics"
#define ROUNDS_SPECIALTY_PHYSICAL_THERAPY "physical_therapy"
#define ROUNDS_SPECIALTY_OTHER            "other"

const char * const *rounds_practice_specialties         (void);
const char         *rounds_practice_specialty_label     (const char     *id);

RoundsPractice     *rounds_practice_new                 (void);
RoundsPractice     *rounds_practice_copy                (RoundsPractice *self);
void                rounds_practice_assign              (RoundsPractice *self,
                                                         RoundsPractice *other);
gboolean            rounds_practice_is_set_up           (RoundsPractice *self);
const char         *rounds_practice_get_name            (RoundsPractice *self);
void                rounds_practice_set_name            (RoundsPractice *self,
                                                         const char     *name);
const char         *rounds_practice_get_specialty       (RoundsPractice *self);
void                rounds_practice_set_specialty       (RoundsPractice *self,
                                                         const char     *specialty);
const char         *rounds_practice_get_content_language (RoundsPractice *self);
void                rounds_practice_set_content_language (RoundsPractice *self,
                                                          const char     *content_language);
const char         *rounds_practice_get_timezone        (RoundsPractice *self);
void                rounds_practice_set_timezone        (RoundsPractice *self,
                                                         const char     *timezone);
GTimeZone          *rounds_practice_dup_time_zone       (RoundsPractice *self);
const char         *rounds_practice_get_website         (RoundsPractice *self);
void                rounds_practice_set_website         (RoundsPractice *self,
                                                         const char     *website);
const char * const *rounds_practice_get_phones          (RoundsPractice *self);
void                rounds_practice_set_phones          (RoundsPractice *self,
                                                         const char * const *phones);
const char * const *rounds_practice_get_emails          (RoundsPractice *self);
void                rounds_practice_set_emails          (RoundsPractice *self,
                                                         const char * const *emails);
const char * const *rounds_practice_get_addresses       (RoundsPractice *self);
void                rounds_practice_set_addresses       (RoundsPractice *self,
                                                         const char * const *addresses);
const char * const *rounds_practice_get_staff_names     (RoundsPractice *self);
const char * const *rounds_practice_get_staff_roles     (RoundsPractice *self);
void                rounds_practice_set_staff           (RoundsPractice *self,
                                                         const char * const *names,
                                                         const char * const *roles);
const char * const *rounds_practice_get_languages       (RoundsPractice *self);
void                rounds_practice_set_languages       (RoundsPractice *self,
                                                         const char * const *languages);
const char * const *rounds_practice_get_allow           (RoundsPractice *self);
void                rounds_practice_set_allow           (RoundsPractice *self,
                                                         const char * const *allow);
JsonNode           *rounds_practice_to_profile_json     (RoundsPractice *self);
gboolean            rounds_practice_validate            (RoundsPractice *self,
                                                         const char    **field,
                                                         GError        **error);

/* One thing to fix before a profile can be saved: @field is the
 * property's name ("name", "timezone", "content-language", "website",
 * "phones", "emails"). */
typedef struct
{
  const char *field;
  char       *message;
} RoundsPracticeProblem;

GPtrArray          *rounds_practice_find_problems       (RoundsPractice *self);

#define ROUNDS_PRACTICE_ERROR (rounds_practice_error_quark ())

typedef enum
{
  ROUNDS_PRACTICE_ERROR_INVALID,
} RoundsPracticeError;

GQuark              rounds_practice_error_quark         (void);

G_END_DECLS
