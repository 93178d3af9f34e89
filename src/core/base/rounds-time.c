/* rounds-time.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-time"

#include "config.h"

#include <string.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "rounds-time.h"

/* An IANA name ("America/Argentina/Buenos_Aires", "Etc/GMT+5", "UTC"):
 * ASCII letters, digits, '_', '-' and '+', in components separated by
 * single slashes, starting with a letter. GLib takes anything else — an
 * absolute path, "../../etc/passwd" — as a file to read, and a file that
 * is not a zone (or a device that never ends) is a critical warning or a
 * hang, so such names never reach it. */
static gboolean
looks_like_zone_name (const char *identifier)
{
  gsize len = strlen (identifier);

  if (len == 0 || len > 64 || !g_ascii_isalpha (identifier[0]) ||
      identifier[len - 1] == '/' || strstr (identifier, "//") != NULL)
    return FALSE;

  for (const char *p = identifier; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '_' && *p != '-' && *p != '+' && *p != '/')
      return FALSE;

  return TRUE;
}

/* The zone file starts like one (tzfile(5)): the tzdata folder also
 * holds text files ("leapseconds") whose names look like zones. */
static gboolean
zone_file_is_tzif (const char *identifier)
{
  const char *dir = g_getenv ("TZDIR");
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  char magic[4] = { 0 };
  gsize n_read = 0;

  /* GLib knows UTC without tzdata. */
  if (g_str_equal (identifier, "UTC"))
    return TRUE;

  path = g_build_filename (dir != NULL && *dir != '\0' ? dir : "/usr/share/zoneinfo",
                           identifier, NULL);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return FALSE;

  file = g_file_new_for_path (path);
  stream = g_file_read (file, NULL, NULL);
  if (stream == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (stream), magic, sizeof magic, &n_read, NULL,
                                NULL))
    return FALSE;

  return n_read == sizeof magic && memcmp (magic, "TZif", 4) == 0;
}

/* Zones already read, by TZDIR and name: the practice's zone is asked for
 * on every publication and every view, and reading and parsing its file
 * each time showed up as a large share of the publisher's main-thread
 * work (issue 12). Zone files do not change while Rounds runs (an update
 * of tzdata is seen at the next start). Values: a GTimeZone (valid, and
 * asked for with rounds_time_zone_new()), or VALID / INVALID. */
#define ZONE_VALID   GINT_TO_POINTER (1)
#define ZONE_INVALID GINT_TO_POINTER (2)

G_LOCK_DEFINE_STATIC (zone_cache);
static GHashTable *zone_cache;

static char *
zone_key (const char *identifier)
{
  const char *dir = g_getenv ("TZDIR");

  return g_strconcat (dir != NULL ? dir : "", "\n", identifier, NULL);
}

static gpointer
zones_lookup (const char *key)
{
  gpointer value;

  G_LOCK (zone_cache);
  if (zone_cache == NULL)
    zone_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  value = g_hash_table_lookup (zone_cache, key);
  if (value != NULL && value != ZONE_VALID && value != ZONE_INVALID)
    g_time_zone_ref (value);
  G_UNLOCK (zone_cache);
  return value;
}

/* Takes @value (a GTimeZone reference, or VALID / INVALID). */
static void
zones_insert (const char *key,
              gpointer    value)
{
  gpointer old;

  G_LOCK (zone_cache);
  old = g_hash_table_lookup (zone_cache, key);
  if (old == NULL || old == ZONE_VALID)
    {
      g_hash_table_replace (zone_cache, g_strdup (key), value);
      value = NULL;
    }
  G_UNLOCK (zone_cache);
  if (value != NULL && value != ZONE_VALID && value != ZONE_INVALID)
    g_time_zone_unref (value);
}

static void
zone_value_release (gpointer value)
{
  if (value != NULL && value != ZONE_VALID && value != ZONE_INVALID)
    g_time_zone_unref (value);
}

static gboolean
zone_is_valid_uncached (const char *identifier)
{
  g_autoptr(GTimeZone) tz = NULL;

  if (!looks_like_zone_name (identifier) || !zone_file_is_tzif (identifier))
    return FALSE;

  tz = g_time_zone_new_identifier (identifier);
  return tz != NULL;
}

gboolean
rounds_time_zone_is_valid (const char *identifier)
{
  g_autofree char *key = NULL;
  gpointer value;
  gboolean valid;

  if (identifier == NULL)
    return FALSE;

  key = zone_key (identifier);
  value = zones_lookup (key);
  if (value != NULL)
    {
      zone_value_release (value);
      return value != ZONE_INVALID;
    }

  valid = zone_is_valid_uncached (identifier);
  zones_insert (key, valid ? ZONE_VALID : ZONE_INVALID);
  return valid;
}

/**
 * rounds_time_system_zone_id:
 *
 * Returns: (transfer full): the system's IANA time zone name, "UTC" when it
 *   cannot be told.
 */
char *
rounds_time_system_zone_id (void)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  const char *id = g_time_zone_get_identifier (local);
  g_autofree char *link = NULL;
  g_autofree char *contents = NULL;
  const char *tzenv = g_getenv ("TZ");

  if (tzenv != NULL && rounds_time_zone_is_valid (tzenv[0] == ':' ? tzenv + 1 : tzenv))
    return g_strdup (tzenv[0] == ':' ? tzenv + 1 : tzenv);

  if (id != NULL && strchr (id, '/') != NULL && rounds_time_zone_is_valid (id))
    return g_strdup (id);

  /* /etc/localtime -> /usr/share/zoneinfo/Area/City */
  link = g_file_read_link ("/etc/localtime", NULL);
  if (link != NULL)
    {
      const char *p = strstr (link, "zoneinfo/");

      if (p != NULL && rounds_time_zone_is_valid (p + strlen ("zoneinfo/")))
        return g_strdup (p + strlen ("zoneinfo/"));
    }

  if (g_file_get_contents ("/etc/timezone", &contents, NULL, NULL))
    {
      g_strstrip (contents);
      if (rounds_time_zone_is_valid (contents))
        return g_steal_pointer (&contents);
    }

  return g_strdup ("UTC");
}

/**
 * rounds_time_zone_new:
 * @identifier: (nullable): an IANA zone name
 *
 * Returns: (transfer full): the zone, or UTC when @identifier is unknown.
 */
GTimeZone *
rounds_time_zone_new (const char *identifier)
{
  g_autofree char *key = NULL;
  GTimeZone *tz = NULL;
  gpointer value;

  if (identifier == NULL)
    return g_time_zone_new_utc ();

  key = zone_key (identifier);
  value = zones_lookup (key);
  if (value != NULL && value != ZONE_VALID && value != ZONE_INVALID)
    return value;
  if (value == ZONE_INVALID)
    return g_time_zone_new_utc ();

  if (value == ZONE_VALID || zone_is_valid_uncached (identifier))
    tz = g_time_zone_new_identifier (identifier);

  if (tz == NULL)
    {
      zones_insert (key, ZONE_INVALID);
      return g_time_zone_new_utc ();
    }

  zones_insert (key, g_time_zone_ref (tz));
  return tz;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char **)a, *(const char **)b);
}

/**
 * rounds_time_list_zones:
 *
 * Returns: (transfer full): the IANA zone names the system knows (from
 *   tzdata's zone1970.tab), sorted, with "UTC" added; a short list of
 *   North American zones when tzdata is missing.
 */
GStrv
rounds_time_list_zones (void)
{
  static const char *fallback[] = {
    "America/New_York", "America/Chicago", "America/Denver", "America/Phoenix",
    "America/Los_Angeles", "America/Anchorage", "Pacific/Honolulu", "America/Puerto_Rico",
  };
  const char *dir = g_getenv ("TZDIR");
  g_autofree char *path = g_build_filename (dir ? dir : "/usr/share/zoneinfo", "zone1970.tab",
                                            NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GPtrArray) zones = g_ptr_array_new_with_free_func (g_free);

  if (g_file_get_contents (path, &contents, NULL, NULL))
    {
      g_auto(GStrv) lines = g_strsplit (contents, "\n", -1);

      for (guint i = 0; lines[i] != NULL; i++)
        {
          g_auto(GStrv) fields = NULL;

          if (lines[i][0] == '#' || lines[i][0] == '\0')
            continue;
          fields = g_strsplit (lines[i], "\t", 4);
          if (g_strv_length (fields) >= 3 && rounds_time_zone_is_valid (fields[2]))
            g_ptr_array_add (zones, g_strdup (fields[2]));
        }
    }

  if (zones->len == 0)
    for (guint i = 0; i < G_N_ELEMENTS (fallback); i++)
      g_ptr_array_add (zones, g_strdup (fallback[i]));

  g_ptr_array_add (zones, g_strdup ("UTC"));
  g_ptr_array_sort (zones, compare_strings);
  g_ptr_array_add (zones, NULL);

  return (GStrv)g_ptr_array_steal (zones, NULL);
}

GDateTime *
rounds_time_to_local (GTimeZone *tz,
                      gint64     utc)
{
  g_autoptr(GDateTime) u = g_date_time_new_from_unix_utc (utc);

  g_return_val_if_fail (tz != NULL, NULL);

  return g_date_time_to_timezone (u, tz);
}

/**
 * rounds_time_from_local:
 *
 * Converts a wall-clock time in @tz to UTC seconds. A time that does not
 * exist (skipped by a daylight-saving change) moves forward to the next one
 * that does, as GLib does; an ambiguous time takes the first occurrence.
 *
 * Returns: UTC seconds, or 0 when the fields are out of range.
 */
gint64
rounds_time_from_local (GTimeZone *tz,
                        int        year,
                        int        month,
                        int        day,
                        int        hour,
                        int        minute)
{
  g_autoptr(GDateTime) dt = NULL;

  g_return_val_if_fail (tz != NULL, 0);

  gint64 utc;
  static const int shifts[] = { 3600, 1800 };

  dt = g_date_time_new (tz, year, month, day, hour, minute, 0);
  if (dt == NULL)
    return 0;

  utc = g_date_time_to_unix (dt);

  /* In the hour repeated when clocks go back, GLib takes the second
   * (standard-time) reading; a post at "01:30" means the first. */
  for (guint i = 0; i < G_N_ELEMENTS (shifts); i++)
    {
      g_autoptr(GDateTime) earlier = rounds_time_to_local (tz, utc - shifts[i]);

      if (g_date_time_get_year (earlier) == year &&
          g_date_time_get_month (earlier) == month &&
          g_date_time_get_day_of_month (earlier) == day &&
          g_date_time_get_hour (earlier) == hour &&
          g_date_time_get_minute (earlier) == minute)
        return utc - shifts[i];
    }

  return utc;
}

/**
 * rounds_time_move_to_day:
 *
 * Returns: @utc moved to the given practice-time day, keeping its time of
 *   day in practice time (also across a daylight-saving change).
 */
gint64
rounds_time_move_to_day (GTimeZone *tz,
                         gint64     utc,
                         int        year,
                         int        month,
                         int        day)
{
  g_autoptr(GDateTime) local = rounds_time_to_local (tz, utc);

  return rounds_time_from_local (tz, year, month, day,
                                 g_date_time_get_hour (local),
                                 g_date_time_get_minute (local));
}

gint64
rounds_time_add_days (GTimeZone *tz,
                      gint64     utc,
                      int        days)
{
  g_autoptr(GDateTime) local = rounds_time_to_local (tz, utc);
  g_autoptr(GDateTime) moved = g_date_time_add_days (local, days);

  return rounds_time_move_to_day (tz, utc,
                                  g_date_time_get_year (moved),
                                  g_date_time_get_month (moved),
                                  g_date_time_get_day_of_month (moved));
}

gint64
rounds_time_start_of_day (GTimeZone *tz,
                          gint64     utc)
{
  g_autoptr(GDateTime) local = rounds_time_to_local (tz, utc);

  return rounds_time_from_local (tz,
                                 g_date_time_get_year (local),
                                 g_date_time_get_month (local),
                                 g_date_time_get_day_of_month (local),
                                 0, 0);
}

char *
rounds_time_format (GTimeZone  *tz,
                    gint64      utc,
                    const char *format)
{
  g_autoptr(GDateTime) local = rounds_time_to_local (tz, utc);

  return g_date_time_format (local, format);
}

/**
 * rounds_time_format_short:
 *
 * Formats @utc for a list: "Today 09:00", "Tomorrow 14:30",
 * "Tue 14 Oct 09:00", with the year added when it is not the year of @now.
 */
char *
rounds_time_format_short (GTimeZone *tz,
                          gint64     utc,
                          gint64     now)
{
  g_autoptr(GDateTime) local = rounds_time_to_local (tz, utc);
  g_autoptr(GDateTime) today = rounds_time_to_local (tz, now);
  g_autofree char *hm = g_date_time_format (local, "%H:%M");
  GDate a, b;
  int diff;

  g_date_clear (&a, 1);
  g_date_clear (&b, 1);
  g_date_set_dmy (&a, g_date_time_get_day_of_month (local),
                  g_date_time_get_month (local), g_date_time_get_year (local));
  g_date_set_dmy (&b, g_date_time_get_day_of_month (today),
                  g_date_time_get_month (today), g_date_time_get_year (today));
  diff = g_date_days_between (&b, &a);

  if (diff == 0)
    return g_strdup_printf (_("Today %s"), hm);
  if (diff == 1)
    return g_strdup_printf (_("Tomorrow %s"), hm);
  if (diff == -1)
    return g_strdup_printf (_("Yesterday %s"), hm);
  if (g_date_time_get_year (local) == g_date_time_get_year (today))
    /* TRANSLATORS: a date in a list of posts: weekday, day, month, time */
    return g_date_time_format (local, _("%a %-d %b %H:%M"));

  /* TRANSLATORS: a date in another year: weekday, day, month, year, time */
  return g_date_time_format (local, _("%a %-d %b %Y %H:%M"));
}
