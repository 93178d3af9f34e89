/* rounds-store-people.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rounds-person.h"
#include "rounds-store.h"

G_BEGIN_DECLS

#define ROUNDS_PEOPLE_ERROR (rounds_people_error_quark ())

typedef enum
{
  ROUNDS_PEOPLE_ERROR_NOT_ALLOWED,  /* the role does not allow it */
  ROUNDS_PEOPLE_ERROR_NEEDS_PIN,    /* approval needs an approver's PIN first */
  ROUNDS_PEOPLE_ERROR_NO_PIN,       /* the person has no PIN yet */
  ROUNDS_PEOPLE_ERROR_WRONG_PIN,
  ROUNDS_PEOPLE_ERROR_TRY_LATER,    /* too many wrong PINs: back off */
} RoundsPeopleError;

/* Wrong PINs allowed in a row before the back-off starts; then the wait
 * doubles with each further wrong PIN, from the first to the longest. */
#define ROUNDS_PIN_FREE_TRIES        3
#define ROUNDS_PIN_BACKOFF_SECONDS   30
#define ROUNDS_PIN_BACKOFF_MAX       300
/* How long an approver's PIN holds for the approval it was asked for
 * (rounds_store_release_signature() ends it at once). */
#define ROUNDS_SIGNATURE_SECONDS     300

GQuark        rounds_people_error_quark          (void);

GListModel   *rounds_store_get_people            (RoundsStore       *self);
RoundsPerson *rounds_store_lookup_person         (RoundsStore       *self,
                                                  gint64             id);
gboolean      rounds_store_has_people            (RoundsStore       *self);

RoundsPerson *rounds_store_add_person            (RoundsStore       *self,
                                                  const char        *name,
                                                  RoundsPersonRole   role,
                                                  GError           **error);
gboolean      rounds_store_rename_person         (RoundsStore       *self,
                                                  gint64             id,
                                                  const char        *name,
                                                  GError           **error);
gboolean      rounds_store_set_person_role       (RoundsStore       *self,
                                                  gint64             id,
                                                  RoundsPersonRole   role,
                                                  GError           **error);
gboolean      rounds_store_set_person_active     (RoundsStore       *self,
                                                  gint64             id,
                                                  gboolean           active,
                                                  GError           **error);
gboolean      rounds_store_set_person_pin        (RoundsStore       *self,
                                                  gint64             id,
                                                  const char        *pin,
                                                  GError           **error);

gboolean      rounds_store_can_manage_people     (RoundsStore       *self);
gboolean      rounds_store_unlock_people         (RoundsStore       *self,
                                                  gint64             manager_id,
                                                  const char        *pin,
                                                  GError           **error);
void          rounds_store_lock_people           (RoundsStore       *self);

RoundsPerson *rounds_store_get_desk_person       (RoundsStore       *self);
gboolean      rounds_store_set_desk_person       (RoundsStore       *self,
                                                  gint64             id,
                                                  GError           **error);

gboolean      rounds_store_needs_signature       (RoundsStore       *self);
gboolean      rounds_store_sign                  (RoundsStore       *self,
                                                  gint64             person_id,
                                                  const char        *pin,
                                                  GError           **error);
RoundsPerson *rounds_store_get_signer            (RoundsStore       *self);
void          rounds_store_release_signature     (RoundsStore       *self);

/* Database logins: a practice server only */
RoundsPerson *rounds_store_get_session_person    (RoundsStore       *self);
char         *rounds_store_set_person_login      (RoundsStore       *self,
                                                  gint64             id,
                                                  const char        *login,
                                                  GError           **error);
char         *rounds_person_suggest_login        (const char        *name);

G_END_DECLS
