/* rounds-zone-picker.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ROUNDS_TYPE_ZONE_PICKER (rounds_zone_picker_get_type ())

G_DECLARE_FINAL_TYPE (RoundsZonePicker, rounds_zone_picker, ROUNDS, ZONE_PICKER, AdwBin)

const char *rounds_zone_picker_get_zone_id (RoundsZonePicker *self);
void        rounds_zone_picker_set_zone_id (RoundsZonePicker *self,
                                            const char       *zone_id);
GListModel *rounds_zone_picker_get_matches (RoundsZonePicker *self);

G_END_DECLS
