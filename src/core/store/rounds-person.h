/* rounds-person.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* What a person may do. Each role includes the ones before it: an
 * approver writes too, a manager approves too and manages people. */
typedef enum
{
  ROUNDS_PERSON_ROLE_WRITER,
  ROUNDS_PERSON_ROLE_APPROVER,
  ROUNDS_PERSON_ROLE_MANAGER,
} RoundsPersonRole;

#define ROUNDS_PERSON_ROLE_LAST ROUNDS_PERSON_ROLE_MANAGER

const char        *rounds_person_role_to_string   (RoundsPersonRole  role);
gboolean           rounds_person_role_from_string (const char       *text,
                                                   RoundsPersonRole *role);
const char        *rounds_person_role_get_label   (RoundsPersonRole  role);
char              *rounds_person_name_shorten     (const char       *name);

#define ROUNDS_TYPE_PERSON (rounds_person_get_type ())

G_DECLARE_FINAL_TYPE (RoundsPerson, rounds_person, ROUNDS, PERSON, GObject)

gint64             rounds_person_get_id           (RoundsPerson     *self);
const char        *rounds_person_get_name         (RoundsPerson     *self);
RoundsPersonRole   rounds_person_get_role         (RoundsPerson     *self);
const char        *rounds_person_get_job_title    (RoundsPerson     *self);
gboolean           rounds_person_get_active       (RoundsPerson     *self);
gboolean           rounds_person_get_has_pin      (RoundsPerson     *self);
const char        *rounds_person_get_login        (RoundsPerson     *self);
gboolean           rounds_person_can_approve      (RoundsPerson     *self);
gboolean           rounds_person_can_manage       (RoundsPerson     *self);

G_END_DECLS
