/* rounds-clock.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-clock"

#include "config.h"

#include "rounds-clock.h"

/* The one source of "now" in Rounds. The application uses the real clock;
 * tests use a fake one they can move, so that due times, reminders and the
 * sample practice can be exercised at any instant. "changed" is emitted
 * whenever a fake clock is moved. */

struct _RoundsClock
{
  GObject  parent_instance;
  gboolean fake;
  gint64   now;
};

G_DEFINE_FINAL_TYPE (RoundsClock, rounds_clock, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
rounds_clock_class_init (RoundsClockClass *klass)
{
  /**
   * RoundsClock::changed:
   *
   * Emitted when a fake clock is set or advanced.
   */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
}

static void
rounds_clock_init (RoundsClock *self)
{
}

RoundsClock *
rounds_clock_new_real (void)
{
  return g_object_new (ROUNDS_TYPE_CLOCK, NULL);
}

RoundsClock *
rounds_clock_new_fake (gint64 now_utc)
{
  RoundsClock *self = g_object_new (ROUNDS_TYPE_CLOCK, NULL);

  self->fake = TRUE;
  self->now = now_utc;

  return self;
}

gboolean
rounds_clock_is_fake (RoundsClock *self)
{
  g_return_val_if_fail (ROUNDS_IS_CLOCK (self), FALSE);

  return self->fake;
}

/**
 * rounds_clock_get_now:
 *
 * Returns: the current instant as Unix seconds (UTC).
 */
gint64
rounds_clock_get_now (RoundsClock *self)
{
  g_return_val_if_fail (ROUNDS_IS_CLOCK (self), 0);

  if (self->fake)
    return self->now;

  return g_get_real_time () / G_USEC_PER_SEC;
}

void
rounds_clock_set_now (RoundsClock *self,
                      gint64       now_utc)
{
  g_return_if_fail (ROUNDS_IS_CLOCK (self));
  g_return_if_fail (self->fake);

  if (self->now == now_utc)
    return;

  self->now = now_utc;
  g_signal_emit (self, signals[CHANGED], 0);
}

void
rounds_clock_advance (RoundsClock *self,
                      gint64       seconds)
{
  g_return_if_fail (ROUNDS_IS_CLOCK (self));
  g_return_if_fail (self->fake);

  rounds_clock_set_now (self, self->now + seconds);
}
