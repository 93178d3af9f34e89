/* rounds-audit-entry.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define ROUNDS_TYPE_AUDIT_ENTRY (rounds_audit_entry_get_type ())

G_DECLARE_FINAL_TYPE (RoundsAuditEntry, rounds_audit_entry, ROUNDS, AUDIT_ENTRY, GObject)

gint64      rounds_audit_entry_get_id          (RoundsAuditEntry *self);
gint64      rounds_audit_entry_get_at          (RoundsAuditEntry *self);
gint64      rounds_audit_entry_get_person_id   (RoundsAuditEntry *self);
const char *rounds_audit_entry_get_actor       (RoundsAuditEntry *self);
const char *rounds_audit_entry_get_entity_type (RoundsAuditEntry *self);
gint64      rounds_audit_entry_get_entity_id   (RoundsAuditEntry *self);
const char *rounds_audit_entry_get_action      (RoundsAuditEntry *self);
const char *rounds_audit_entry_get_from_state  (RoundsAuditEntry *self);
const char *rounds_audit_entry_get_to_state    (RoundsAuditEntry *self);
const char *rounds_audit_entry_get_reason      (RoundsAuditEntry *self);
const char *rounds_audit_entry_get_text_hash   (RoundsAuditEntry *self);

G_END_DECLS
