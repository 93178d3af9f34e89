/* test-calendar-util.h — a throw-away store for the calendar tests
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib/gstdio.h>

#include "rounds-store.h"
#include "rounds-time.h"

#define HOUR ((gint64)3600)
#define DAY  ((gint64)86400)

typedef struct
{
  char        *dir;
  RoundsClock *clock;
  RoundsStore *store;
  GTimeZone   *tz;
} CalFixture;

/* Now: Monday 2 March 2026, 08:00 in Chicago (14:00 UTC); daylight
 * saving starts there on Sunday 8 March. */
#define CAL_NOW ((gint64)1772460000)

static inline void
cal_fixture_set_up (CalFixture    *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(RoundsPractice) practice = rounds_practice_new ();

  f->dir = g_dir_make_tmp ("rounds-calendar-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "rounds.db", NULL);
  f->clock = rounds_clock_new_fake (CAL_NOW);
  f->store = rounds_store_open (path, f->clock, ROUNDS_STORE_OPEN_NO_BACKUPS, &error);
  g_assert_no_error (error);

  rounds_practice_set_name (practice, "Test practice");
  rounds_practice_set_timezone (practice, "America/Chicago");
  g_assert_true (rounds_store_save_practice (f->store, practice, &error));
  g_assert_no_error (error);
  f->tz = rounds_time_zone_new ("America/Chicago");
}

static inline void
cal_fixture_tear_down (CalFixture    *f,
                       gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  rounds_store_close (f->store);
  g_clear_object (&f->store);
  g_clear_object (&f->clock);
  g_clear_pointer (&f->tz, g_time_zone_unref);

  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (f->dir, name, NULL);
      g_unlink (child);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static inline gint64
cal_local (CalFixture *f, int y, int m, int d, int h, int min)
{
  return rounds_time_from_local (f->tz, y, m, d, h, min);
}

static inline RoundsPost *
cal_add_post (CalFixture       *f,
              gint64            when,
              RoundsPostStatus  status)
{
  g_autoptr(RoundsPost) post = rounds_post_new ();
  g_autoptr(GError) error = NULL;
  RoundsPost *saved;

  rounds_post_set_title (post, "Test post");
  rounds_post_set_body (post, "Test body");
  rounds_post_set_networks (post, ROUNDS_NETWORK_FACEBOOK);
  rounds_post_set_scheduled_at (post, when);
  saved = rounds_store_import_post (f->store, post, status, "test", &error);
  g_assert_no_error (error);
  g_assert_nonnull (saved);
  return saved;
}
