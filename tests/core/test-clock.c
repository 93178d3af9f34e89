/* test-clock.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rounds-clock.h"

/* Every due time, reminder and backup in Rounds reads "now" from the
 * injectable clock: a fake clock must stand still until moved and tell
 * listeners when it moves, and the real one must follow the wall clock. */

static void
on_changed_cb (RoundsClock *clock,
               guint       *count)
{
  (*count)++;
}

static void
test_clock_fake (void)
{
  g_autoptr(RoundsClock) clock = rounds_clock_new_fake (1772960400);  /* 2026-03-08 09:00 UTC */
  guint changed = 0;

  g_signal_connect (clock, "changed", G_CALLBACK (on_changed_cb), &changed);

  g_assert_true (rounds_clock_is_fake (clock));
  g_assert_cmpint (rounds_clock_get_now (clock), ==, 1772960400);

  /* A fake clock does not move by itself. */
  g_usleep (1100 * 1000);
  g_assert_cmpint (rounds_clock_get_now (clock), ==, 1772960400);
  g_assert_cmpuint (changed, ==, 0);

  rounds_clock_set_now (clock, 1772960400 + 3600);
  g_assert_cmpint (rounds_clock_get_now (clock), ==, 1772960400 + 3600);
  g_assert_cmpuint (changed, ==, 1);

  /* Setting the same instant again is not a change. */
  rounds_clock_set_now (clock, 1772960400 + 3600);
  g_assert_cmpuint (changed, ==, 1);

  rounds_clock_advance (clock, 25 * 3600);
  g_assert_cmpint (rounds_clock_get_now (clock), ==, 1772960400 + 26 * 3600);
  g_assert_cmpuint (changed, ==, 2);

  rounds_clock_advance (clock, -2 * 86400);
  g_assert_cmpint (rounds_clock_get_now (clock), ==, 1772960400 + 26 * 3600 - 2 * 86400);
  g_assert_cmpuint (changed, ==, 3);

  rounds_clock_advance (clock, 0);
  g_assert_cmpuint (changed, ==, 3);
}

static void
test_clock_real (void)
{
  g_autoptr(RoundsClock) clock = rounds_clock_new_real ();
  gint64 before = g_get_real_time () / G_USEC_PER_SEC;
  gint64 now = rounds_clock_get_now (clock);
  gint64 after = g_get_real_time () / G_USEC_PER_SEC;

  g_assert_false (rounds_clock_is_fake (clock));
  g_assert_cmpint (now, >=, before);
  g_assert_cmpint (now, <=, after);

  /* It follows the wall clock. */
  g_usleep (1100 * 1000);
  g_assert_cmpint (rounds_clock_get_now (clock), >, now);
  g_assert_cmpint (ABS (rounds_clock_get_now (clock) - g_get_real_time () / G_USEC_PER_SEC),
                   <=, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/clock/fake", test_clock_fake);
  g_test_add_func ("/clock/real", test_clock_real);

  return g_test_run ();
}
