/* rounds-observances.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-observances"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rounds-observances.h"

/* The table: each observance with the rule that dates it. Sources: the
 * U.S. Department of Health and Human Services' National Health
 * Observances calendar (health.gov / healthfinder.gov) and the
 * organisations that run each one. Rules that move (Women's Health Week
 * starts on Mother's Day) are written as rules, not as dates. */

typedef enum
{
  RULE_MONTH,          /* the whole month */
  RULE_FIXED,          /* @day of @month, @length days */
  RULE_NTH_WEEKDAY,    /* the @nth (-1: last) @weekday of @month, @length days */
  RULE_WEEK_ENDING,    /* @length days ending on the @nth @weekday of @month */
} RuleKind;

typedef struct
{
  const char           *id;
  const char           *name;
  const char           *rule;
  RoundsObservanceKind  kind;
  RuleKind              rule_kind;
  GDateMonth            month;
  int                   day_or_nth;
  GDateWeekday          weekday;
  int                   length;
} Entry;

#define MONTH(id, name, m, rule) \
  { id, name, rule, ROUNDS_OBSERVANCE_MONTH, RULE_MONTH, m, 0, G_DATE_BAD_WEEKDAY, 0 }

static const Entry entries[] = {
  /* Months */
  MONTH ("cervical-health-month", N_("Cervical Health Awareness Month"), G_DATE_JANUARY, N_("Every January")),
  MONTH ("blood-donor-month", N_("National Blood Donor Month"), G_DATE_JANUARY, N_("Every January")),
  MONTH ("american-heart-month", N_("American Heart Month"), G_DATE_FEBRUARY, N_("Every February")),
  MONTH ("childrens-dental-health-month", N_("National Children’s Dental Health Month"), G_DATE_FEBRUARY, N_("Every February")),
  MONTH ("colorectal-cancer-month", N_("National Colorectal Cancer Awareness Month"), G_DATE_MARCH, N_("Every March")),
  MONTH ("nutrition-month", N_("National Nutrition Month"), G_DATE_MARCH, N_("Every March")),
  MONTH ("minority-health-month", N_("National Minority Health Month"), G_DATE_APRIL, N_("Every April")),
  MONTH ("alcohol-awareness-month", N_("Alcohol Awareness Month"), G_DATE_APRIL, N_("Every April")),
  MONTH ("mental-health-month", N_("Mental Health Awareness Month"), G_DATE_MAY, N_("Every May")),
  MONTH ("skin-cancer-month", N_("Skin Cancer Awareness Month"), G_DATE_MAY, N_("Every May")),
  MONTH ("high-blood-pressure-month", N_("National High Blood Pressure Education Month"), G_DATE_MAY, N_("Every May")),
  MONTH ("mens-health-month", N_("Men’s Health Month"), G_DATE_JUNE, N_("Every June")),
  MONTH ("alzheimers-brain-month", N_("Alzheimer’s and Brain Awareness Month"), G_DATE_JUNE, N_("Every June")),
  MONTH ("uv-safety-month", N_("UV Safety Month"), G_DATE_JULY, N_("Every July")),
  MONTH ("minority-mental-health-month", N_("Minority Mental Health Awareness Month"), G_DATE_JULY, N_("Every July")),
  MONTH ("immunization-month", N_("National Immunization Awareness Month"), G_DATE_AUGUST, N_("Every August")),
  MONTH ("childrens-eye-health-month", N_("Children’s Eye Health and Safety Month"), G_DATE_AUGUST, N_("Every August")),
  MONTH ("childhood-obesity-month", N_("National Childhood Obesity Awareness Month"), G_DATE_SEPTEMBER, N_("Every September")),
  MONTH ("suicide-prevention-month", N_("National Suicide Prevention Month"), G_DATE_SEPTEMBER, N_("Every September")),
  MONTH ("healthy-aging-month", N_("Healthy Aging Month"), G_DATE_SEPTEMBER, N_("Every September")),
  MONTH ("breast-cancer-month", N_("Breast Cancer Awareness Month"), G_DATE_OCTOBER, N_("Every October")),
  MONTH ("health-literacy-month", N_("Health Literacy Month"), G_DATE_OCTOBER, N_("Every October")),
  MONTH ("dental-hygiene-month", N_("National Dental Hygiene Month"), G_DATE_OCTOBER, N_("Every October")),
  MONTH ("american-diabetes-month", N_("American Diabetes Month"), G_DATE_NOVEMBER, N_("Every November")),
  MONTH ("lung-cancer-month", N_("Lung Cancer Awareness Month"), G_DATE_NOVEMBER, N_("Every November")),
  MONTH ("alzheimers-month", N_("National Alzheimer’s Disease Awareness Month"), G_DATE_NOVEMBER, N_("Every November")),
  MONTH ("safe-toys-month", N_("Safe Toys and Gifts Awareness Month"), G_DATE_DECEMBER, N_("Every December")),

  /* Weeks */
  { "public-health-week", N_("National Public Health Week"), N_("First full week of April, Monday to Sunday"),
    ROUNDS_OBSERVANCE_WEEK, RULE_NTH_WEEKDAY, G_DATE_APRIL, 1, G_DATE_MONDAY, 7 },
  { "nurses-week", N_("National Nurses Week"), N_("6 to 12 May"),
    ROUNDS_OBSERVANCE_WEEK, RULE_FIXED, G_DATE_MAY, 6, G_DATE_BAD_WEEKDAY, 7 },
  { "womens-health-week", N_("National Women’s Health Week"), N_("Second week of May, from Mother’s Day"),
    ROUNDS_OBSERVANCE_WEEK, RULE_NTH_WEEKDAY, G_DATE_MAY, 2, G_DATE_SUNDAY, 7 },
  { "hospital-week", N_("National Hospital Week"), N_("Second week of May, from Mother’s Day"),
    ROUNDS_OBSERVANCE_WEEK, RULE_NTH_WEEKDAY, G_DATE_MAY, 2, G_DATE_SUNDAY, 7 },
  { "mens-health-week", N_("Men’s Health Week"), N_("The week ending on Father’s Day (third Sunday of June)"),
    ROUNDS_OBSERVANCE_WEEK, RULE_WEEK_ENDING, G_DATE_JUNE, 3, G_DATE_SUNDAY, 7 },
  { "health-center-week", N_("National Health Center Week"), N_("Second week of August, from Sunday"),
    ROUNDS_OBSERVANCE_WEEK, RULE_NTH_WEEKDAY, G_DATE_AUGUST, 2, G_DATE_SUNDAY, 7 },
  { "handwashing-week", N_("National Handwashing Awareness Week"), N_("1 to 7 December"),
    ROUNDS_OBSERVANCE_WEEK, RULE_FIXED, G_DATE_DECEMBER, 1, G_DATE_BAD_WEEKDAY, 7 },

  /* Days */
  { "world-cancer-day", N_("World Cancer Day"), N_("4 February"),
    ROUNDS_OBSERVANCE_DAY, RULE_FIXED, G_DATE_FEBRUARY, 4, G_DATE_BAD_WEEKDAY, 1 },
  { "wear-red-day", N_("National Wear Red Day"), N_("First Friday of February"),
    ROUNDS_OBSERVANCE_DAY, RULE_NTH_WEEKDAY, G_DATE_FEBRUARY, 1, G_DATE_FRIDAY, 1 },
  { "world-kidney-day", N_("World Kidney Day"), N_("Second Thursday of March"),
    ROUNDS_OBSERVANCE_DAY, RULE_NTH_WEEKDAY, G_DATE_MARCH, 2, G_DATE_THURSDAY, 1 },
  { "walking-day", N_("National Walking Day"), N_("First Wednesday of April"),
    ROUNDS_OBSERVANCE_DAY, RULE_NTH_WEEKDAY, G_DATE_APRIL, 1, G_DATE_WEDNESDAY, 1 },
  { "world-health-day", N_("World Health Day"), N_("7 April"),
    ROUNDS_OBSERVANCE_DAY, RULE_FIXED, G_DATE_APRIL, 7, G_DATE_BAD_WEEKDAY, 1 },
  { "hand-hygiene-day", N_("World Hand Hygiene Day"), N_("5 May"),
    ROUNDS_OBSERVANCE_DAY, RULE_FIXED, G_DATE_MAY, 5, G_DATE_BAD_WEEKDAY, 1 },
  { "no-tobacco-day", N_("World No Tobacco Day"), N_("31 May"),
    ROUNDS_OBSERVANCE_DAY, RULE_FIXED, G_DATE_MAY, 31, G_DATE_BAD_WEEKDAY, 1 },
  { "blood-donor-day", N_("World Blood Donor Day"), N_("14 June"),
    ROUNDS_OBSERVANCE_DAY, RULE_FIXED, G_DATE_JUNE, 14, G_DATE_BAD_WEEKDAY, 1 },
  { "hiv-testing-day", N_("National HIV Testing Day"), N_("27 June"),
    ROUNDS_OBSERVANCE_DAY, RULE_FIXED, G_DATE_JUNE, 27, G_DATE_BAD_WEEKDAY, 1 },
  { "hepatitis-day", N_("World Hepatitis Day"), N_("28 July"),
    ROUNDS_OBSERVANCE_DAY, RULE_FIXED, G_DATE_JULY, 28, G_DATE_BAD_WEEKDAY, 1 },
  { "suicide-prevention-day", N_("World Suicide Prevention Day"), N_("10 September"),
    ROUNDS_OBSERVANCE_DAY, RULE_FIXED, G_DATE_SEPTEMBER, 10, G_DATE_BAD_WEEKDAY, 1 },
  { "world-heart-day", N_("World Heart Day"), N_("29 September"),
    ROUNDS_OBSERVANCE_DAY, RULE_FIXED, G_DATE_SEPTEMBER, 29, G_DATE_BAD_WEEKDAY, 1 },
  { "mental-health-day", N_("World Mental Health Day"), N_("10 October"),
    ROUNDS_OBSERVANCE_DAY, RULE_FIXED, G_DATE_OCTOBER, 10, G_DATE_BAD_WEEKDAY, 1 },
  { "world-diabetes-day", N_("World Diabetes Day"), N_("14 November"),
    ROUNDS_OBSERVANCE_DAY, RULE_FIXED, G_DATE_NOVEMBER, 14, G_DATE_BAD_WEEKDAY, 1 },
  { "great-american-smokeout", N_("Great American Smokeout"), N_("Third Thursday of November"),
    ROUNDS_OBSERVANCE_DAY, RULE_NTH_WEEKDAY, G_DATE_NOVEMBER, 3, G_DATE_THURSDAY, 1 },
  { "world-aids-day", N_("World AIDS Day"), N_("1 December"),
    ROUNDS_OBSERVANCE_DAY, RULE_FIXED, G_DATE_DECEMBER, 1, G_DATE_BAD_WEEKDAY, 1 },
};

G_DEFINE_BOXED_TYPE (RoundsObservance, rounds_observance,
                     rounds_observance_copy, rounds_observance_free)

RoundsObservance *
rounds_observance_copy (const RoundsObservance *self)
{
  return g_memdup2 (self, sizeof *self);
}

void
rounds_observance_free (RoundsObservance *self)
{
  g_free (self);
}

gboolean
rounds_observance_covers (const RoundsObservance *self,
                          const GDate            *day)
{
  return g_date_compare (&self->start, day) <= 0 && g_date_compare (day, &self->end) <= 0;
}

/* The @nth (1-based; -1 last) @weekday of @month in @year. */
static void
nth_weekday (int           year,
             GDateMonth    month,
             int           nth,
             GDateWeekday  weekday,
             GDate        *out)
{
  g_date_clear (out, 1);
  if (nth > 0)
    {
      g_date_set_dmy (out, 1, month, year);
      g_date_add_days (out, ((int)weekday - (int)g_date_get_weekday (out) + 7) % 7);
      g_date_add_days (out, 7 * (nth - 1));
    }
  else
    {
      g_date_set_dmy (out, g_date_get_days_in_month (month, year), month, year);
      g_date_subtract_days (out, ((int)g_date_get_weekday (out) - (int)weekday + 7) % 7);
    }
}

static void
place (const Entry      *entry,
       int               year,
       RoundsObservance *out)
{
  out->id = entry->id;
  out->name = g_dgettext (GETTEXT_PACKAGE, entry->name);
  out->rule = g_dgettext (GETTEXT_PACKAGE, entry->rule);
  out->kind = entry->kind;
  g_date_clear (&out->start, 1);

  switch (entry->rule_kind)
    {
    case RULE_MONTH:
      g_date_set_dmy (&out->start, 1, entry->month, year);
      out->end = out->start;
      g_date_set_day (&out->end, g_date_get_days_in_month (entry->month, year));
      return;
    case RULE_FIXED:
      g_date_set_dmy (&out->start, entry->day_or_nth, entry->month, year);
      break;
    case RULE_NTH_WEEKDAY:
      nth_weekday (year, entry->month, entry->day_or_nth, entry->weekday, &out->start);
      break;
    case RULE_WEEK_ENDING:
      nth_weekday (year, entry->month, entry->day_or_nth, entry->weekday, &out->start);
      g_date_subtract_days (&out->start, entry->length - 1);
      break;
    default:
      g_assert_not_reached ();
    }

  out->end = out->start;
  g_date_add_days (&out->end, entry->length - 1);
}

guint
rounds_observances_count (void)
{
  return G_N_ELEMENTS (entries);
}

/**
 * rounds_observances_for_year:
 *
 * Returns: (transfer full) (element-type RoundsObservance): every
 *   observance placed in @year, by start date (months first on ties).
 */
GPtrArray *
rounds_observances_for_year (int year)
{
  GDate from, to;

  g_date_clear (&from, 1);
  g_date_clear (&to, 1);
  g_date_set_dmy (&from, 1, G_DATE_JANUARY, year);
  g_date_set_dmy (&to, 31, G_DATE_DECEMBER, year);

  return rounds_observances_for_range (&from, &to);
}

static int
compare_observances (gconstpointer a,
                     gconstpointer b)
{
  const RoundsObservance *oa = *(RoundsObservance **)a;
  const RoundsObservance *ob = *(RoundsObservance **)b;
  int c = g_date_compare (&oa->start, &ob->start);

  if (c != 0)
    return c;
  return (int)oa->kind - (int)ob->kind;
}

/**
 * rounds_observances_for_range:
 * @from: first day, inclusive
 * @to: last day, inclusive
 *
 * Returns: (transfer full) (element-type RoundsObservance): the
 *   observances that touch [@from, @to], by start date.
 */
GPtrArray *
rounds_observances_for_range (const GDate *from,
                              const GDate *to)
{
  GPtrArray *result = g_ptr_array_new_with_free_func ((GDestroyNotify)rounds_observance_free);

  g_return_val_if_fail (from != NULL && g_date_valid (from), result);
  g_return_val_if_fail (to != NULL && g_date_valid (to), result);

  for (int year = g_date_get_year (from) - 1; year <= g_date_get_year (to); year++)
    {
      if (year < 1 || year > 9998)
        continue;
      for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
        {
          RoundsObservance o;

          place (&entries[i], year, &o);
          if (g_date_compare (&o.end, from) < 0 || g_date_compare (&o.start, to) > 0)
            continue;
          g_ptr_array_add (result, rounds_observance_copy (&o));
        }
    }

  g_ptr_array_sort (result, compare_observances);
  return result;
}
