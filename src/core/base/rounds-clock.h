/* rounds-clock.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define ROUNDS_TYPE_CLOCK (rounds_clock_get_type ())

G_DECLARE_FINAL_TYPE (RoundsClock, rounds_clock, ROUNDS, CLOCK, GObject)

RoundsClock *rounds_clock_new_real   (void);
RoundsClock *rounds_clock_new_fake   (gint64       now_utc);
gboolean     rounds_clock_is_fake    (RoundsClock *self);
gint64       rounds_clock_get_now    (RoundsClock *self);
void         rounds_clock_set_now    (RoundsClock *self,
                                      gint64       now_utc);
void         rounds_clock_advance    (RoundsClock *self,
                                      gint64       seconds);

G_END_DECLS
