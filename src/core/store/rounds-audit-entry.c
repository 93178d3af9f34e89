/* rounds-audit-entry.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-audit-entry"

#include "config.h"

#include "rounds-audit-entry.h"

/* One row of the append-only audit log: who did what to which entity,
 * when, from which state to which, why, and the SHA-256 of the text as it
 * was at that moment. Immutable. */

struct _RoundsAuditEntry
{
  GObject  parent_instance;
  gint64   id;
  gint64   at;
  gint64   entity_id;
  gint64   person_id;
  char    *strings[7];
};

G_DEFINE_FINAL_TYPE (RoundsAuditEntry, rounds_audit_entry, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_AT,
  PROP_ENTITY_ID,
  PROP_PERSON_ID,
  PROP_ACTOR,
  PROP_ENTITY_TYPE,
  PROP_ACTION,
  PROP_FROM_STATE,
  PROP_TO_STATE,
  PROP_REASON,
  PROP_TEXT_HASH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
rounds_audit_entry_finalize (GObject *object)
{
  RoundsAuditEntry *self = (RoundsAuditEntry *)object;

  for (guint i = 0; i < G_N_ELEMENTS (self->strings); i++)
    g_clear_pointer (&self->strings[i], g_free);

  G_OBJECT_CLASS (rounds_audit_entry_parent_class)->finalize (object);
}

static void
rounds_audit_entry_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  RoundsAuditEntry *self = ROUNDS_AUDIT_ENTRY (object);

  switch (prop_id)
    {
    case PROP_ID:        g_value_set_int64 (value, self->id); break;
    case PROP_AT:        g_value_set_int64 (value, self->at); break;
    case PROP_ENTITY_ID: g_value_set_int64 (value, self->entity_id); break;
    case PROP_PERSON_ID: g_value_set_int64 (value, self->person_id); break;
    default:
      if (prop_id >= PROP_ACTOR && prop_id < N_PROPS)
        g_value_set_string (value, self->strings[prop_id - PROP_ACTOR]);
      else
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rounds_audit_entry_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  RoundsAuditEntry *self = ROUNDS_AUDIT_ENTRY (object);

  switch (prop_id)
    {
    case PROP_ID:        self->id = g_value_get_int64 (value); break;
    case PROP_AT:        self->at = g_value_get_int64 (value); break;
    case PROP_ENTITY_ID: self->entity_id = g_value_get_int64 (value); break;
    case PROP_PERSON_ID: self->person_id = g_value_get_int64 (value); break;
    default:
      if (prop_id >= PROP_ACTOR && prop_id < N_PROPS)
        self->strings[prop_id - PROP_ACTOR] = g_value_dup_string (value);
      else
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rounds_audit_entry_class_init (RoundsAuditEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;
  static const char *names[] = { "actor", "entity-type", "action", "from-state",
                                 "to-state", "reason", "text-hash" };

  object_class->finalize = rounds_audit_entry_finalize;
  object_class->get_property = rounds_audit_entry_get_property;
  object_class->set_property = rounds_audit_entry_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_AT] = g_param_spec_int64 ("at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_ENTITY_ID] = g_param_spec_int64 ("entity-id", NULL, NULL, 0, G_MAXINT64, 0,
                                                   flags);
  /* The person the entry names (0 for entries from before people, or
   * from a practice without people); "actor" is their name then. */
  properties[PROP_PERSON_ID] = g_param_spec_int64 ("person-id", NULL, NULL, 0, G_MAXINT64, 0,
                                                   flags);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    properties[PROP_ACTOR + i] = g_param_spec_string (names[i], NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rounds_audit_entry_init (RoundsAuditEntry *self)
{
}

gint64 rounds_audit_entry_get_id (RoundsAuditEntry *self) { return self->id; }
gint64 rounds_audit_entry_get_at (RoundsAuditEntry *self) { return self->at; }
gint64 rounds_audit_entry_get_entity_id (RoundsAuditEntry *self) { return self->entity_id; }
gint64 rounds_audit_entry_get_person_id (RoundsAuditEntry *self) { return self->person_id; }
const char *rounds_audit_entry_get_actor (RoundsAuditEntry *self) { return self->strings[0]; }
const char *rounds_audit_entry_get_entity_type (RoundsAuditEntry *self) { return self->strings[1]; }
const char *rounds_audit_entry_get_action (RoundsAuditEntry *self) { return self->strings[2]; }
const char *rounds_audit_entry_get_from_state (RoundsAuditEntry *self) { return self->strings[3]; }
const char *rounds_audit_entry_get_to_state (RoundsAuditEntry *self) { return self->strings[4]; }
const char *rounds_audit_entry_get_reason (RoundsAuditEntry *self) { return self->strings[5]; }
const char *rounds_audit_entry_get_text_hash (RoundsAuditEntry *self) { return self->strings[6]; }
