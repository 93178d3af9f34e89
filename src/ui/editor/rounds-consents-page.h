/* rounds-consents-page.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rounds-context.h"
#include "rounds-takedown-sender.h"

G_BEGIN_DECLS

#define ROUNDS_TYPE_CONSENTS_PAGE (rounds_consents_page_get_type ())

G_DECLARE_FINAL_TYPE (RoundsConsentsPage, rounds_consents_page, ROUNDS, CONSENTS_PAGE,
                      AdwPreferencesPage)

RoundsConsentsPage *rounds_consents_page_new     (RoundsContext      *context);
void                rounds_consents_page_reload  (RoundsConsentsPage *self);
gboolean            rounds_consents_page_revoke  (RoundsConsentsPage *self,
                                                  gint64              consent_id,
                                                  const char         *how);
gboolean            rounds_consents_page_record_event (RoundsConsentsPage *self,
                                                       gint64              consent_id);
void                rounds_consents_page_take_down (RoundsConsentsPage *self,
                                                    gint64              post_id,
                                                    gint64              consent_id);
gboolean            rounds_consents_page_print_form (RoundsConsentsPage *self,
                                                     const char         *path,
                                                     const char         *language);
RoundsTakedownSender *rounds_consents_page_get_takedown_sender (RoundsConsentsPage *self);
gboolean            rounds_consents_page_is_busy (RoundsConsentsPage *self);

G_END_DECLS
