/* rounds-pin.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A PIN is 4 to 8 digits. */
#define ROUNDS_PIN_MIN_DIGITS 4
#define ROUNDS_PIN_MAX_DIGITS 8

gboolean  rounds_pin_check_form (const char  *pin,
                                 GError     **error);
char     *rounds_pin_hash       (const char  *pin,
                                 GError     **error);
gboolean  rounds_pin_verify     (const char  *pin,
                                 const char  *hash);

G_END_DECLS
