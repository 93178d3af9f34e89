/* rounds-person-button.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rounds-store-people.h"

G_BEGIN_DECLS

#define ROUNDS_TYPE_PERSON_BUTTON (rounds_person_button_get_type ())

G_DECLARE_FINAL_TYPE (RoundsPersonButton, rounds_person_button, ROUNDS, PERSON_BUTTON, GtkWidget)

GtkWidget *rounds_person_button_new       (void);
void       rounds_person_button_set_store (RoundsPersonButton *self,
                                           RoundsStore        *store);
GtkLabel  *rounds_person_button_get_shown_name (RoundsPersonButton *self);

G_END_DECLS
