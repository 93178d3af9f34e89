/* rounds-context.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-context"

#include "config.h"

#include "rounds-context.h"
#include "rounds-practice-profile.h"

/* Everything a window needs to work on one practice: its store, the
 * clock, and (as they arrive) the scanner, scheduler and connectors.
 * Created by the application, handed to windows as a construct property. */

struct _RoundsContext
{
  GObject      parent_instance;
  RoundsStore *store;
  gboolean     is_sample;
};

G_DEFINE_FINAL_TYPE (RoundsContext, rounds_context, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_IS_SAMPLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
rounds_context_dispose (GObject *object)
{
  RoundsContext *self = (RoundsContext *)object;

  g_clear_object (&self->store);

  G_OBJECT_CLASS (rounds_context_parent_class)->dispose (object);
}

static void
rounds_context_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  RoundsContext *self = ROUNDS_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_IS_SAMPLE:
      g_value_set_boolean (value, self->is_sample);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rounds_context_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  RoundsContext *self = ROUNDS_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_IS_SAMPLE:
      self->is_sample = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rounds_context_class_init (RoundsContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rounds_context_dispose;
  object_class->get_property = rounds_context_get_property;
  object_class->set_property = rounds_context_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, ROUNDS_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_IS_SAMPLE] =
    g_param_spec_boolean ("is-sample", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rounds_context_init (RoundsContext *self)
{
}

RoundsContext *
rounds_context_new (RoundsStore *store,
                    gboolean     is_sample)
{
  g_return_val_if_fail (ROUNDS_IS_STORE (store), NULL);

  return g_object_new (ROUNDS_TYPE_CONTEXT, "store", store, "is-sample", is_sample, NULL);
}

RoundsStore *
rounds_context_get_store (RoundsContext *self)
{
  g_return_val_if_fail (ROUNDS_IS_CONTEXT (self), NULL);
  return self->store;
}

RoundsClock *
rounds_context_get_clock (RoundsContext *self)
{
  g_return_val_if_fail (ROUNDS_IS_CONTEXT (self), NULL);
  return rounds_store_get_clock (self->store);
}

gboolean
rounds_context_is_sample (RoundsContext *self)
{
  g_return_val_if_fail (ROUNDS_IS_CONTEXT (self), FALSE);
  return self->is_sample;
}

/**
 * rounds_context_dup_time_zone:
 *
 * Returns: (transfer full): the practice's time zone.
 */
GTimeZone *
rounds_context_dup_time_zone (RoundsContext *self)
{
  g_return_val_if_fail (ROUNDS_IS_CONTEXT (self), NULL);
  return rounds_practice_dup_time_zone (rounds_store_get_practice (self->store));
}

/**
 * rounds_context_get_scanner:
 *
 * Returns: (transfer none): the compliance scanner (shared, thread-safe).
 */
RoundsScanner *
rounds_context_get_scanner (RoundsContext *self)
{
  g_return_val_if_fail (ROUNDS_IS_CONTEXT (self), NULL);
  return rounds_scanner_get_default ();
}

/**
 * rounds_context_dup_compliance_profile:
 *
 * Returns: (transfer full): the practice profile as the scanner wants it:
 *   what belongs to the practice (phones, e-mails, addresses, website,
 *   staff, allowed terms) and must never be flagged. A snapshot: take a
 *   new one after #RoundsStore::practice-changed.
 */
RoundsComplianceProfile *
rounds_context_dup_compliance_profile (RoundsContext *self)
{
  g_return_val_if_fail (ROUNDS_IS_CONTEXT (self), NULL);

  return rounds_practice_profile_new (self->store);
}
