/* rounds-practice-profile.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rounds-compliance-profile.h"
#include "rounds-store.h"

G_BEGIN_DECLS

/* The practice as the scanner must see it: what belongs to the practice
 * (its phones, e-mails, addresses, website, staff and people, allowed
 * terms) and is never flagged. Everything that checks a post before it
 * goes out uses it: the editor (through rounds_context_dup_compliance_profile())
 * and the publishing queue. */
RoundsComplianceProfile *rounds_practice_profile_new (RoundsStore *store);

G_END_DECLS
