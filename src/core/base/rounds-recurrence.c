/* rounds-recurrence.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-recurrence"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "rounds-recurrence.h"
#include "rounds-time.h"

RoundsRecurrence *
rounds_recurrence_new (RoundsRecurrenceFreq freq,
                       guint                interval)
{
  RoundsRecurrence *self = g_new0 (RoundsRecurrence, 1);

  self->freq = freq;
  self->interval = MAX (interval, 1);
  return self;
}

RoundsRecurrence *
rounds_recurrence_copy (const RoundsRecurrence *self)
{
  RoundsRecurrence *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->exdates = NULL;
  if (self->exdates != NULL && self->exdates->len > 0)
    {
      copy->exdates = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_array_append_vals (copy->exdates, self->exdates->data, self->exdates->len);
    }
  return copy;
}

void
rounds_recurrence_free (RoundsRecurrence *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->exdates, g_array_unref);
  g_free (self);
}

/**
 * rounds_recurrence_from_json:
 * @json: (nullable): the posts.recurrence text
 *
 * Returns: (transfer full) (nullable): the rule, or %NULL with @error set
 *   when @json is not a rule (and %NULL without error for NULL/"").
 */
RoundsRecurrence *
rounds_recurrence_from_json (const char  *json,
                             GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(RoundsRecurrence) self = NULL;
  JsonObject *object;
  const char *freq;

  if (json == NULL || *json == '\0')
    return NULL;

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, json, -1, error))
    return NULL;

  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    goto invalid;
  object = json_node_get_object (json_parser_get_root (parser));
  freq = json_object_get_string_member_with_default (object, "freq", "");

  if (g_str_equal (freq, "weekly"))
    self = rounds_recurrence_new (ROUNDS_RECURRENCE_WEEKLY, 1);
  else if (g_str_equal (freq, "monthly"))
    self = rounds_recurrence_new (ROUNDS_RECURRENCE_MONTHLY, 1);
  else
    goto invalid;

  self->interval = (guint)CLAMP (json_object_get_int_member_with_default (object, "interval", 1),
                                 1, 52);
  self->count = (guint)CLAMP (json_object_get_int_member_with_default (object, "count", 0),
                              0, ROUNDS_RECURRENCE_MAX_OCCURRENCES);
  self->until = MAX (json_object_get_int_member_with_default (object, "until", 0), 0);

  if (json_object_has_member (object, "exdates"))
    {
      JsonNode *node = json_object_get_member (object, "exdates");

      if (!JSON_NODE_HOLDS_ARRAY (node))
        goto invalid;
      for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
        rounds_recurrence_exclude (self,
                                   json_array_get_int_element (json_node_get_array (node), i));
    }

  return g_steal_pointer (&self);

invalid:
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               _("The repetition rule of this post cannot be read"));
  return NULL;
}

char *
rounds_recurrence_to_json (const RoundsRecurrence *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "freq");
  json_builder_add_string_value (builder,
                                 self->freq == ROUNDS_RECURRENCE_WEEKLY ? "weekly" : "monthly");
  json_builder_set_member_name (builder, "interval");
  json_builder_add_int_value (builder, self->interval);
  if (self->count > 0)
    {
      json_builder_set_member_name (builder, "count");
      json_builder_add_int_value (builder, self->count);
    }
  if (self->until > 0)
    {
      json_builder_set_member_name (builder, "until");
      json_builder_add_int_value (builder, self->until);
    }
  if (self->exdates != NULL && self->exdates->len > 0)
    {
      json_builder_set_member_name (builder, "exdates");
      json_builder_begin_array (builder);
      for (guint i = 0; i < self->exdates->len; i++)
        json_builder_add_int_value (builder, g_array_index (self->exdates, gint64, i));
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

gboolean
rounds_recurrence_is_excluded (const RoundsRecurrence *self,
                               gint64                  utc)
{
  if (self->exdates == NULL)
    return FALSE;
  for (guint i = 0; i < self->exdates->len; i++)
    if (g_array_index (self->exdates, gint64, i) == utc)
      return TRUE;
  return FALSE;
}

void
rounds_recurrence_exclude (RoundsRecurrence *self,
                           gint64            utc)
{
  if (rounds_recurrence_is_excluded (self, utc))
    return;
  if (self->exdates == NULL)
    self->exdates = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_val (self->exdates, utc);
}

/* The nominal @n-th date of the series (0 is @start), keeping the time of
 * day in practice time; 0 when that month has no such day (monthly on the
 * 29th–31st: RFC 5545 skips it). Ignores count and until. */
static gint64
nominal (const RoundsRecurrence *self,
         GTimeZone              *tz,
         GDateTime              *first,
         gint64                  start,
         guint                   n)
{
  int y, m, d;

  if (n == 0)
    return start;

  if (self->freq == ROUNDS_RECURRENCE_WEEKLY)
    {
      g_autoptr(GDateTime) day = g_date_time_add_days (first, (int)(7 * self->interval * n));

      y = g_date_time_get_year (day);
      m = g_date_time_get_month (day);
      d = g_date_time_get_day_of_month (day);
    }
  else
    {
      int months = (g_date_time_get_month (first) - 1) + (int)(self->interval * n);

      y = g_date_time_get_year (first) + months / 12;
      m = months % 12 + 1;
      d = g_date_time_get_day_of_month (first);
      if (d > g_date_get_days_in_month (m, y))
        return 0;
    }

  return rounds_time_move_to_day (tz, start, y, m, d);
}

/* Walks the series: calls @visit with each occurrence and its index (as
 * COUNT counts them: skipped months do not count; excluded dates do) until
 * it returns FALSE or the series ends. */
typedef gboolean (*Visit) (gint64 utc, guint index, gpointer data);

static void
walk (const RoundsRecurrence *self,
      GTimeZone              *tz,
      gint64                  start,
      gint64                  from_hint,
      Visit                   visit,
      gpointer                data)
{
  g_autoptr(GDateTime) first = rounds_time_to_local (tz, start);
  guint limit = self->count > 0 ? self->count : ROUNDS_RECURRENCE_MAX_OCCURRENCES;
  guint n = 0, k = 0, misses = 0;

  /* A weekly rule never skips, so index == n: jump close to @from_hint. */
  if (self->freq == ROUNDS_RECURRENCE_WEEKLY && from_hint > start)
    {
      gint64 skip = (from_hint - start) / (7 * 86400 * (gint64)self->interval);

      if (skip > 2)
        n = k = (guint)MIN (skip - 2, (gint64)limit);
    }

  for (; k < limit && misses < 12; n++)
    {
      gint64 utc = nominal (self, tz, first, start, n);

      if (utc == 0)
        {
          misses++;
          continue;
        }
      misses = 0;
      if (self->until > 0 && utc > self->until)
        break;
      if (!visit (utc, k, data))
        break;
      k++;
    }
}

/**
 * rounds_recurrence_nth:
 *
 * Returns: the @n-th occurrence (0 is @start), or 0 when the series has
 *   fewer.
 */
typedef struct { guint want; gint64 found; } NthData;

static gboolean
visit_nth (gint64 utc, guint index, gpointer data)
{
  NthData *d = data;

  if (index == d->want)
    {
      d->found = utc;
      return FALSE;
    }
  return TRUE;
}

gint64
rounds_recurrence_nth (const RoundsRecurrence *self,
                       GTimeZone              *tz,
                       gint64                  start,
                       guint                   n)
{
  NthData d = { n, 0 };

  g_return_val_if_fail (self != NULL && tz != NULL, 0);

  walk (self, tz, start, 0, visit_nth, &d);
  return d.found;
}

typedef struct
{
  const RoundsRecurrence *rule;
  gint64                  from;
  gint64                  to;
  GArray                 *result;
} ExpandData;

static gboolean
visit_expand (gint64 utc, guint index, gpointer data)
{
  ExpandData *d = data;

  if (utc >= d->to)
    return FALSE;
  if (utc >= d->from && !rounds_recurrence_is_excluded (d->rule, utc))
    g_array_append_val (d->result, utc);
  return TRUE;
}

/**
 * rounds_recurrence_expand:
 *
 * Returns: (transfer full) (element-type gint64): the occurrences in
 *   [@from_utc, @to_utc), in order, without the excluded ones.
 */
GArray *
rounds_recurrence_expand (const RoundsRecurrence *self,
                          GTimeZone              *tz,
                          gint64                  start,
                          gint64                  from_utc,
                          gint64                  to_utc)
{
  ExpandData d = { self, from_utc, to_utc, g_array_new (FALSE, FALSE, sizeof (gint64)) };

  g_return_val_if_fail (self != NULL && tz != NULL, d.result);

  walk (self, tz, start, from_utc, visit_expand, &d);
  return d.result;
}

typedef struct { gint64 want; int index; } IndexData;

static gboolean
visit_index (gint64 utc, guint index, gpointer data)
{
  IndexData *d = data;

  if (utc == d->want)
    d->index = (int)index;
  return utc < d->want;
}

/**
 * rounds_recurrence_index_of:
 *
 * Returns: the index of @occurrence in the series (as COUNT counts), or -1.
 */
int
rounds_recurrence_index_of (const RoundsRecurrence *self,
                            GTimeZone              *tz,
                            gint64                  start,
                            gint64                  occurrence)
{
  IndexData d = { occurrence, -1 };

  walk (self, tz, start, occurrence, visit_index, &d);
  return d.index;
}

/**
 * rounds_recurrence_to_rrule:
 *
 * Returns: the RFC 5545 RRULE value ("FREQ=WEEKLY;INTERVAL=2;COUNT=6").
 */
char *
rounds_recurrence_to_rrule (const RoundsRecurrence *self)
{
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, "FREQ=%s",
                          self->freq == ROUNDS_RECURRENCE_WEEKLY ? "WEEKLY" : "MONTHLY");
  if (self->interval > 1)
    g_string_append_printf (s, ";INTERVAL=%u", self->interval);
  if (self->count > 0)
    g_string_append_printf (s, ";COUNT=%u", self->count);
  else if (self->until > 0)
    {
      g_autoptr(GDateTime) until = g_date_time_new_from_unix_utc (self->until);
      g_autofree char *stamp = g_date_time_format (until, "%Y%m%dT%H%M%SZ");

      g_string_append_printf (s, ";UNTIL=%s", stamp);
    }

  return g_string_free (s, FALSE);
}

char *
rounds_recurrence_describe (const RoundsRecurrence *self)
{
  if (self->freq == ROUNDS_RECURRENCE_WEEKLY)
    {
      if (self->count > 0)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Every week, %u time",
                                             "Every week, %u times", self->count),
                                self->count);
      return g_strdup (self->interval > 1 ? _("Every few weeks") : _("Every week"));
    }
  if (self->count > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Every month, %u time",
                                         "Every month, %u times", self->count),
                            self->count);
  return g_strdup (_("Every month"));
}
