/* rounds-practice-profile.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-practice-profile"

#include "config.h"

#include "rounds-practice-profile.h"
#include "rounds-store-people.h"

/**
 * rounds_practice_profile_new:
 *
 * Returns: (transfer full): the practice profile as the scanner wants it.
 *   A snapshot: take a new one after #RoundsStore::practice-changed.
 */
RoundsComplianceProfile *
rounds_practice_profile_new (RoundsStore *store)
{
  RoundsPractice *practice;
  RoundsComplianceProfile *profile;
  GListModel *people;
  const char * const *list;

  g_return_val_if_fail (ROUNDS_IS_STORE (store), NULL);

  practice = rounds_store_get_practice (store);
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
  people = rounds_store_get_people (store);
  for (guint i = 0; i < g_list_model_get_n_items (people); i++)
    {
      g_autoptr(RoundsPerson) person = g_list_model_get_item (people, i);

      rounds_compliance_profile_add_staff (profile, rounds_person_get_name (person));
    }
  for (list = rounds_practice_get_allow (practice); *list != NULL; list++)
    rounds_compliance_profile_add_allow (profile, *list);
  if (rounds_practice_get_website (practice)[0] != '\0')
    rounds_compliance_profile_add_website (profile, rounds_practice_get_website (practice));

  return profile;
}
