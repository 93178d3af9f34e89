/* rounds-zone-catalog.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-zone-catalog"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "rounds-time.h"
#include "rounds-zone-catalog.h"

/* The zone database's tables: iso3166.tab names the countries, zone.tab
 * gives each zone one country and a region note ("Eastern (most areas)"),
 * zone1970.tab adds the zones that several countries share. Country
 * names are the database's English ones, translated by iso-codes'
 * catalog where it has the same name; both are searched. */

struct _RoundsZone
{
  GObject  parent_instance;

  char    *id;
  char    *city;
  char    *country;
  char    *comment;
  char    *title;
  char    *haystack;   /* folded: id, city, country (both languages), comment */
};

G_DEFINE_FINAL_TYPE (RoundsZone, rounds_zone, G_TYPE_OBJECT)

#define ISO_CODES_DOMAIN "iso_3166-1"

/* Lower case, no accents, every run of other characters one space,
 * between spaces: " sao paulo brazil ". */
static char *
fold (const char *text)
{
  g_autofree char *decomposed = g_utf8_normalize (text ? text : "", -1, G_NORMALIZE_NFD);
  GString *out = g_string_new (" ");

  for (const char *p = decomposed; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_ismark (c))
        continue;
      if (g_unichar_isalnum (c) || c == '+')
        g_string_append_unichar (out, g_unichar_tolower (c));
      else if (out->str[out->len - 1] != ' ')
        g_string_append_c (out, ' ');
    }
  if (out->str[out->len - 1] != ' ')
    g_string_append_c (out, ' ');

  return g_string_free (out, FALSE);
}

static void
rounds_zone_finalize (GObject *object)
{
  RoundsZone *self = ROUNDS_ZONE (object);

  g_free (self->id);
  g_free (self->city);
  g_free (self->country);
  g_free (self->comment);
  g_free (self->title);
  g_free (self->haystack);

  G_OBJECT_CLASS (rounds_zone_parent_class)->finalize (object);
}

static void
rounds_zone_class_init (RoundsZoneClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rounds_zone_finalize;
}

static void
rounds_zone_init (RoundsZone *self)
{
}

/**
 * rounds_zone_new:
 * @id: an IANA zone name ("America/Argentina/Buenos_Aires")
 * @country: (nullable): the country's English name, as in iso3166.tab
 * @comment: (nullable): the zone database's note on the region
 *
 * Returns: (transfer full): the zone, its city taken from @id.
 */
RoundsZone *
rounds_zone_new (const char *id,
                 const char *country,
                 const char *comment)
{
  RoundsZone *self;
  const char *slash;
  const char *translated;
  g_autofree char *all = NULL;

  g_return_val_if_fail (id != NULL, NULL);

  self = g_object_new (ROUNDS_TYPE_ZONE, NULL);
  self->id = g_strdup (id);
  slash = strrchr (id, '/');
  self->city = g_strdelimit (g_strdup (slash ? slash + 1 : id), "_", ' ');
  translated = (country && *country) ? g_dgettext (ISO_CODES_DOMAIN, country) : "";
  self->country = g_strdup (translated);
  self->comment = g_strdup (comment ? comment : "");
  if (*self->country != '\0')
    /* TRANSLATORS: a time zone in a list: city, country ("New York, United States") */
    self->title = g_strdup_printf (_("%s, %s"), self->city, self->country);
  else
    self->title = g_strdup (self->city);

  all = g_strjoin (" ", id, self->city, country ? country : "", translated, self->comment, NULL);
  self->haystack = fold (all);

  return self;
}

const char *
rounds_zone_get_id (RoundsZone *self)
{
  g_return_val_if_fail (ROUNDS_IS_ZONE (self), NULL);
  return self->id;
}

const char *
rounds_zone_get_city (RoundsZone *self)
{
  g_return_val_if_fail (ROUNDS_IS_ZONE (self), NULL);
  return self->city;
}

/**
 * rounds_zone_get_country:
 *
 * Returns: the country's name in the interface's language, "" when the
 *   zone has none (UTC).
 */
const char *
rounds_zone_get_country (RoundsZone *self)
{
  g_return_val_if_fail (ROUNDS_IS_ZONE (self), NULL);
  return self->country;
}

const char *
rounds_zone_get_comment (RoundsZone *self)
{
  g_return_val_if_fail (ROUNDS_IS_ZONE (self), NULL);
  return self->comment;
}

/**
 * rounds_zone_get_title:
 *
 * Returns: what a list shows: "Buenos Aires, Argentina", "UTC".
 */
const char *
rounds_zone_get_title (RoundsZone *self)
{
  g_return_val_if_fail (ROUNDS_IS_ZONE (self), NULL);
  return self->title;
}

static GDateTime *
local_at (RoundsZone *self,
          gint64      utc)
{
  g_autoptr(GTimeZone) tz = rounds_time_zone_new (self->id);

  return rounds_time_to_local (tz, utc);
}

/**
 * rounds_zone_format_offset:
 * @utc: the instant, in Unix seconds (offsets change with daylight saving)
 *
 * Returns: (transfer full): "UTC−05:00", "UTC+05:30", "UTC+00:00".
 */
char *
rounds_zone_format_offset (RoundsZone *self,
                           gint64      utc)
{
  g_autoptr(GDateTime) local = NULL;
  gint64 offset;
  gboolean negative;

  g_return_val_if_fail (ROUNDS_IS_ZONE (self), NULL);

  local = local_at (self, utc);
  offset = g_date_time_get_utc_offset (local) / G_TIME_SPAN_MINUTE;
  negative = offset < 0;
  if (negative)
    offset = -offset;

  /* U+2212 MINUS SIGN: a hyphen is too short beside the digits. */
  return g_strdup_printf ("UTC%s%02d:%02d", negative ? "\u2212" : "+",
                          (int)(offset / 60), (int)(offset % 60));
}

/**
 * rounds_zone_format_time:
 *
 * Returns: (transfer full): the zone's wall-clock time at @utc, "09:41".
 */
char *
rounds_zone_format_time (RoundsZone *self,
                         gint64      utc)
{
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (ROUNDS_IS_ZONE (self), NULL);

  local = local_at (self, utc);
  return g_date_time_format (local, "%H:%M");
}

/**
 * rounds_zone_format_details:
 *
 * Returns: (transfer full): the line under a zone's title:
 *   "UTC−05:00 · now 09:41 · Eastern (most areas)".
 */
char *
rounds_zone_format_details (RoundsZone *self,
                            gint64      utc)
{
  g_autofree char *offset = rounds_zone_format_offset (self, utc);
  g_autofree char *time = rounds_zone_format_time (self, utc);
  /* TRANSLATORS: a time zone's offset and its local time now: "UTC−05:00 · now 09:41" */
  g_autofree char *line = g_strdup_printf (_("%s · now %s"), offset, time);

  if (self->comment[0] == '\0')
    return g_steal_pointer (&line);
  return g_strdup_printf ("%s · %s", line, self->comment);
}

/**
 * rounds_zone_matches:
 * @query: (nullable): what the user typed
 *
 * Whether every word of @query is found anywhere in the zone's city,
 * country (in English or the interface's language), region note or
 * name, whatever the case and accents: "york", "argentina", "buenos",
 * "sao paulo", "eastern". An empty query matches every zone.
 */
gboolean
rounds_zone_matches (RoundsZone *self,
                     const char *query)
{
  g_autofree char *folded = NULL;
  g_auto(GStrv) words = NULL;

  g_return_val_if_fail (ROUNDS_IS_ZONE (self), FALSE);

  folded = fold (query);
  words = g_strsplit (g_strstrip (folded), " ", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0' && strstr (self->haystack, words[i]) == NULL)
      return FALSE;

  return TRUE;
}

/* -------------------------------------------------------------------- */

static GHashTable *
read_countries (const char *tzdir)
{
  g_autofree char *path = g_build_filename (tzdir, "iso3166.tab", NULL);
  g_autofree char *contents = NULL;
  GHashTable *countries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return countries;

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;

      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      fields = g_strsplit (lines[i], "\t", 2);
      if (g_strv_length (fields) == 2)
        g_hash_table_insert (countries, g_strdup (fields[0]), g_strdup (g_strstrip (fields[1])));
    }

  return countries;
}

/* Adds each zone of @file (zone.tab or zone1970.tab: codes, place, zone,
 * note) that is not in @seen yet, with its first country. */
static void
read_zones (const char *tzdir,
            const char *file,
            GHashTable *countries,
            GHashTable *seen,
            GPtrArray  *zones)
{
  g_autofree char *path = g_build_filename (tzdir, file, NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return;

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      g_auto(GStrv) codes = NULL;
      const char *id;

      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      fields = g_strsplit (lines[i], "\t", 4);
      if (g_strv_length (fields) < 3)
        continue;
      id = fields[2];
      if (g_hash_table_contains (seen, id) || !rounds_time_zone_is_valid (id))
        continue;
      codes = g_strsplit (fields[0], ",", -1);
      g_hash_table_add (seen, g_strdup (id));
      g_ptr_array_add (zones, rounds_zone_new (id, g_hash_table_lookup (countries, codes[0]),
                                               fields[3]));
    }
}

static int
compare_zones (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  RoundsZone *za = (RoundsZone *)a;
  RoundsZone *zb = (RoundsZone *)b;
  int c;

  /* UTC first, then by title in the language's order. */
  if (g_str_equal (za->id, "UTC") != g_str_equal (zb->id, "UTC"))
    return g_str_equal (za->id, "UTC") ? -1 : 1;
  c = g_utf8_collate (za->title, zb->title);
  return c != 0 ? c : strcmp (za->id, zb->id);
}

/* The zone database's folder: @tzdir, TZDIR or /usr/share/zoneinfo. */
static const char *
zone_folder (const char *tzdir)
{
  if (tzdir == NULL)
    tzdir = g_getenv ("TZDIR");
  return tzdir != NULL ? tzdir : "/usr/share/zoneinfo";
}

/* Finds @id's line in @file (zone.tab or zone1970.tab); sets its first
 * country code and its note. */
static gboolean
find_zone_line (const char  *tzdir,
                const char  *file,
                const char  *id,
                char       **code,
                char       **comment)
{
  g_autofree char *path = g_build_filename (tzdir, file, NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return FALSE;

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;

      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      fields = g_strsplit (lines[i], "\t", 4);
      if (g_strv_length (fields) >= 3 && g_str_equal (fields[2], id))
        {
          g_auto(GStrv) codes = g_strsplit (fields[0], ",", -1);

          *code = g_strdup (codes[0]);
          *comment = g_strdup (fields[3]);
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * rounds_zone_lookup:
 * @tzdir: (nullable): the zone database's folder; %NULL for TZDIR or
 *   /usr/share/zoneinfo
 *
 * Makes the zone named @id as rounds_zone_catalog_new() would list it
 * (same title, country and note), reading only the zone database's
 * tables and not every zone file: for a button that shows the chosen
 * zone before anyone opens the list.
 *
 * Returns: (transfer full) (nullable): the zone, or %NULL when @id is
 *   not a valid zone.
 */
RoundsZone *
rounds_zone_lookup (const char *tzdir,
                    const char *id)
{
  g_autoptr(GHashTable) countries = NULL;
  g_autofree char *code = NULL;
  g_autofree char *comment = NULL;

  g_return_val_if_fail (id != NULL, NULL);

  if (!rounds_time_zone_is_valid (id))
    return NULL;
  tzdir = zone_folder (tzdir);
  if (!find_zone_line (tzdir, "zone.tab", id, &code, &comment)
      && !find_zone_line (tzdir, "zone1970.tab", id, &code, &comment))
    return rounds_zone_new (id, NULL, NULL);

  countries = read_countries (tzdir);
  return rounds_zone_new (id, g_hash_table_lookup (countries, code), comment);
}

/**
 * rounds_zone_catalog_new:
 * @tzdir: (nullable): the zone database's folder; %NULL for TZDIR or
 *   /usr/share/zoneinfo
 *
 * Returns: (transfer full): a list of #RoundsZone, UTC first, then by
 *   title; every zone of rounds_time_list_zones() is in it.
 */
GListModel *
rounds_zone_catalog_new (const char *tzdir)
{
  GListStore *store = g_list_store_new (ROUNDS_TYPE_ZONE);
  g_autoptr(GHashTable) countries = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) zones = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto(GStrv) listed = rounds_time_list_zones ();

  tzdir = zone_folder (tzdir);
  countries = read_countries (tzdir);
  read_zones (tzdir, "zone.tab", countries, seen, zones);
  read_zones (tzdir, "zone1970.tab", countries, seen, zones);
  for (guint i = 0; listed[i] != NULL; i++)
    if (!g_hash_table_contains (seen, listed[i]))
      {
        g_hash_table_add (seen, g_strdup (listed[i]));
        g_ptr_array_add (zones, rounds_zone_new (listed[i], NULL, NULL));
      }

  g_list_store_splice (store, 0, 0, zones->pdata, zones->len);
  g_list_store_sort (store, compare_zones, NULL);

  return G_LIST_MODEL (store);
}

/**
 * rounds_zone_catalog_find:
 *
 * Returns: the position of the zone named @id in @catalog, or G_MAXUINT.
 */
guint
rounds_zone_catalog_find (GListModel *catalog,
                          const char *id)
{
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (catalog), G_MAXUINT);

  n = g_list_model_get_n_items (catalog);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RoundsZone) zone = g_list_model_get_item (catalog, i);

      if (g_strcmp0 (zone->id, id) == 0)
        return i;
    }

  return G_MAXUINT;
}

/**
 * rounds_zone_catalog_ensure:
 * @catalog: a list made by rounds_zone_catalog_new()
 *
 * Finds the zone named @id, adding it when it is a valid zone the
 * tables do not list (an older name such as "US/Eastern" or
 * "Asia/Calcutta" that a system or a stored practice may use), so that
 * choosing from the list never changes it behind the user's back.
 *
 * Returns: its position, or G_MAXUINT when @id is not a valid zone.
 */
guint
rounds_zone_catalog_ensure (GListModel *catalog,
                            const char *id)
{
  g_autoptr(RoundsZone) zone = NULL;
  guint pos;

  g_return_val_if_fail (G_IS_LIST_STORE (catalog), G_MAXUINT);

  pos = rounds_zone_catalog_find (catalog, id);
  if (pos != G_MAXUINT || !rounds_time_zone_is_valid (id))
    return pos;

  zone = rounds_zone_new (id, NULL, NULL);
  return g_list_store_insert_sorted (G_LIST_STORE (catalog), zone, compare_zones, NULL);
}
