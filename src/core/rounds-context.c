/* rounds-context.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-context"

#include "config.h"

#include "rounds-context.h"
#include "rounds-store-people.h"

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
  RoundsPractice *practice;
  RoundsComplianceProfile *profile;
  const char * const *list;

  g_return_val_if_fail (ROUNDS_IS_CONTEXT (self), NULL);

  practice = rounds_store_get_practice (self->store);
  profile = rounds_compliance_profile_new ();
  rounds_compliance_profile_set_practice_name (profile, rounds_practice_get_name (practice));
  rounds_compliance_profile_set_language (profile, rounds_practice_get_content_language (practice));

  for (list = rounds_practice_get_phones (practice); *list != NULL; list++)
    rounds_compliance_profile_add_phone (profile, *list);
  for (list = rounds_practice_get_emails (practice); *list != NULL; list++)
    rounds_compliance_profile_add_email (profile, *list);
  for (list = rounds_practice_get_addresses (practice); *list != NULL; list++)
    rounds_compliance_profile_add_address (profile, *list);
  for (list = rounds_practice_get_staff_names (practice); *list != NULL; list++)
    rounds_compliance_profile_add_staff (profile, *list);
  /* The practice's people are staff too (issue 20), whoever is on the
   * set-up's staff list. */
  {
    GListModel *people = rounds_store_get_people (self->store);

    for (guint i = 0; i < g_list_model_get_n_items (people); i++)
      {
        g_autoptr(RoundsPerson) person = g_list_model_get_item (people, i);

        rounds_compliance_profile_add_staff (profile, rounds_person_get_name (person));
      }
  }
  for (list = rounds_practice_get_allow (practice); *list != NULL; list++)
    rounds_compliance_profile_add_allow (profile, *list);
  if (rounds_practice_get_website (practice)[0] != '\0')
    rounds_compliance_profile_add_website (profile, rounds_practice_get_website (practice));

  return profile;
}
