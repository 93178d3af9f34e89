/* rounds-insights-report.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-insights-report"

#include "config.h"

#include <inttypes.h>
#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "rounds-insights.h"
#include "rounds-insights-report.h"
#include "rounds-plan.h"
#include "rounds-store-plan.h"

/* The monthly report for the practice owner (US Letter, cairo + Pango,
 * drawn like the plan's export): the month's results, goal progress,
 * cost and return on investment (saying what is estimated), the best
 * posts, suggestions, and next month's plan. */

#define PAGE_WIDTH   612.0
#define PAGE_HEIGHT  792.0
#define MARGIN        64.0
#define CONTENT_WIDTH (PAGE_WIDTH - 2 * MARGIN)
#define BOTTOM       (PAGE_HEIGHT - MARGIN - 20)

typedef struct
{
  cairo_t *cr;
  double   y;
  int      page;
  char    *footer;
} Writer;

static void
footer (Writer *w)
{
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (w->cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans 8");
  g_autofree char *text = g_strdup_printf ("%s · %d", w->footer, w->page);

  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, CONTENT_WIDTH * PANGO_SCALE);
  pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
  pango_layout_set_text (layout, text, -1);
  cairo_set_source_rgb (w->cr, 0.45, 0.45, 0.45);
  cairo_move_to (w->cr, MARGIN, PAGE_HEIGHT - MARGIN + 16);
  pango_cairo_show_layout (w->cr, layout);
}

static void
put (Writer     *w,
     const char *font_name,
     const char *text,
     double      indent,
     double      space_after,
     double      keep)
{
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (w->cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (font_name);
  int width, height;

  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int)((CONTENT_WIDTH - indent) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &width, &height);
  if (w->y + height + keep > BOTTOM && w->y > MARGIN)
    {
      footer (w);
      cairo_show_page (w->cr);
      w->page++;
      w->y = MARGIN;
    }
  cairo_set_source_rgb (w->cr, 0.1, 0.1, 0.1);
  cairo_move_to (w->cr, MARGIN + indent, w->y);
  pango_cairo_show_layout (w->cr, layout);
  w->y += height + space_after;
}

static void
heading (Writer     *w,
         const char *text)
{
  w->y += 10;
  put (w, "Sans Bold 15", text, 0, 4, 60);
  cairo_set_source_rgb (w->cr, 0.11, 0.35, 0.55);
  cairo_set_line_width (w->cr, 1);
  cairo_move_to (w->cr, MARGIN, w->y);
  cairo_line_to (w->cr, MARGIN + CONTENT_WIDTH, w->y);
  cairo_stroke (w->cr);
  w->y += 8;
}

static void
line (Writer     *w,
      const char *text)
{
  put (w, "Serif 10.5", text, 0, 5, 0);
}

static void
bullet (Writer     *w,
        const char *text)
{
  g_autofree char *with = g_strdup_printf ("•  %s", text);

  put (w, "Serif 10.5", with, 12, 3, 0);
}

static char *
money_or (double cents,
          const char *otherwise)
{
  return cents >= 0 ? rounds_insights_format_money ((gint64)floor (cents + 0.5)) : g_strdup (otherwise);
}

static GHashTable *
rates_of (RoundsStore *store)
{
  static const char * const roles[] = { "writer", "approver", "manager", "designer", NULL };
  GHashTable *rates = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  for (guint i = 0; roles[i] != NULL; i++)
    {
      gint64 rate = rounds_store_get_hourly_rate (store, roles[i]);

      g_hash_table_insert (rates, (gpointer)roles[i], g_memdup2 (&rate, sizeof rate));
    }
  return rates;
}

/**
 * rounds_insights_report_write:
 * @month: any day of the month to report on
 *
 * Writes the monthly report as a PDF at @path.
 */
gboolean
rounds_insights_report_write (RoundsContext            *context,
                              const RoundsInsightsData *data,
                              guint32                   month,
                              const char               *path,
                              GError                  **error)
{
  RoundsStore *store = rounds_context_get_store (context);
  RoundsPractice *practice = rounds_store_get_practice (store);
  g_autoptr(GTimeZone) tz = rounds_context_dup_time_zone (context);
  RoundsPeriod period = rounds_period_month (month);
  guint32 today = rounds_insights_today (tz, rounds_clock_get_now (rounds_context_get_clock (context)));
  g_autoptr(GHashTable) rates = rates_of (store);
  gint64 patient_value = rounds_store_get_patient_value (store);
  g_autoptr(GArray) roi = NULL;
  g_autoptr(GPtrArray) goals = NULL;
  g_autoptr(GPtrArray) ranked = NULL;
  g_autoptr(GPtrArray) suggestions = NULL;
  g_autoptr(GPtrArray) upcoming = NULL;
  g_autoptr(JsonObject) goals_section = NULL;
  g_autoptr(JsonObject) strategy = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  Writer w = { 0 };
  GDate date;
  char month_text[64];
  gint64 completed_at = 0;
  const RoundsRoiMonth *m;

  g_return_val_if_fail (ROUNDS_IS_CONTEXT (context), FALSE);
  g_return_val_if_fail (data != NULL && path != NULL, FALSE);

  g_date_clear (&date, 1);
  g_date_set_julian (&date, period.first);
  g_date_strftime (month_text, sizeof month_text, "%B %Y", &date);

  goals_section = rounds_store_plan_load_section (store, "goals", &completed_at, NULL);
  strategy = rounds_store_plan_load_section (store, "strategy", NULL, NULL);
  roi = rounds_insights_roi (data, period.first, period.first, rates,
                             rounds_store_get_hourly_rate (store, "writer"), patient_value, tz);
  m = &g_array_index (roi, RoundsRoiMonth, 0);
  goals = rounds_insights_goals (data, goals_section,
                                 completed_at > 0 ? rounds_insights_day_of (tz, completed_at) : today,
                                 MIN (today, period.last), tz);
  ranked = rounds_insights_ranked_posts (data, period, tz);
  suggestions = rounds_insights_suggestions (data, period, tz, strategy);
  upcoming = rounds_store_list_posts_between (store,
                                              rounds_insights_day_start_utc (tz, period.last + 1),
                                              rounds_insights_day_start_utc (tz, rounds_insights_next_month (period.last + 1)),
                                              NULL);

  surface = cairo_pdf_surface_create (path, PAGE_WIDTH, PAGE_HEIGHT);
  w.cr = cairo_create (surface);
  w.y = MARGIN;
  w.page = 1;
  w.footer = g_strdup_printf (_("%s · social media report · %s"),
                              practice != NULL ? rounds_practice_get_name (practice) : "",
                              month_text);

  {
    g_autofree char *title = g_strdup_printf (_("Social Media Report: %s"), month_text);

    put (&w, "Sans Bold 22", title, 0, 4, 0);
    if (practice != NULL)
      put (&w, "Sans 12", rounds_practice_get_name (practice), 0, 12, 0);
  }

  heading (&w, _("Results"));
  {
    g_autofree char *a = m->new_followers >= 0
      ? g_strdup_printf (_("New followers: %" PRId64 " (measured)"), m->new_followers)
      : g_strdup (_("New followers: not measured at both ends of the month"));
    g_autofree char *b = m->interactions >= 0
      ? g_strdup_printf (_("Interactions on the month’s posts: %" PRId64 " (measured)"),
                         m->interactions)
      : g_strdup (_("Interactions: no post measured"));
    g_autofree char *c = g_strdup_printf (_("New-patient inquiries: %" PRId64
                                            "; bookings: %" PRId64
                                            " (entered for %u of %u weeks)"),
                                          MAX (m->inquiries, 0), MAX (m->bookings, 0),
                                          m->weeks_entered, m->weeks_in_month);
    g_autofree char *d = m->sessions >= 0
      ? g_strdup_printf (_("Website visits from social media: %" PRId64
                           ", conversions: %" PRId64 " (Google Analytics)"),
                         m->sessions, m->conversions)
      : NULL;

    bullet (&w, a);
    bullet (&w, b);
    bullet (&w, c);
    if (d != NULL)
      bullet (&w, d);
  }

  heading (&w, _("Goals"));
  if (goals->len == 0)
    line (&w, _("No goals are set in the plan yet."));
  for (guint i = 0; i < goals->len; i++)
    {
      g_autofree char *text = rounds_goal_progress_describe (g_ptr_array_index (goals, i));

      bullet (&w, text);
    }

  heading (&w, _("Cost and Return on Investment"));
  {
    g_autofree char *cost = rounds_insights_format_money (m->cost_cents);
    g_autofree char *time = rounds_insights_format_money (m->time_cents);
    g_autofree char *spend = rounds_insights_format_money (m->spend_cents);
    g_autofree char *per_inquiry = money_or (m->cost_per_inquiry, _("no inquiries"));
    g_autofree char *per_booking = money_or (m->cost_per_booking, _("no bookings"));
    g_autofree char *value = money_or (m->value_cents, _("not set (Preferences)"));
    g_autofree char *a = g_strdup_printf (_("Cost: %s = %.1f hours of staff time, %s (estimated "
                                            "from hourly rates) + %s spent (measured)"),
                                          cost, m->minutes / 60.0, time, spend);
    g_autofree char *b = g_strdup_printf (_("Cost per inquiry: %s. Cost per booking: %s."),
                                          per_inquiry, per_booking);
    g_autofree char *c = g_strdup_printf (_("Value of new patients from social media: %s "
                                            "(estimated: bookings × the value of a new patient)"),
                                          value);

    bullet (&w, a);
    bullet (&w, b);
    bullet (&w, c);
  }

  heading (&w, _("Best Posts"));
  if (ranked->len == 0)
    line (&w, _("No post of this month was measured."));
  for (guint i = 0; i < MIN (ranked->len, 5); i++)
    {
      RoundsMeasuredPost *post = g_ptr_array_index (ranked, i);
      g_autofree char *text = g_strdup_printf (_("%s (%s): %" PRId64 " interactions"),
                                               post->title[0] != '\0' ? post->title : _("Untitled post"),
                                               rounds_network_get_label (post->network),
                                               rounds_insights_post_interactions (post));

      bullet (&w, text);
    }

  if (suggestions->len > 0)
    {
      heading (&w, _("Suggestions"));
      for (guint i = 0; i < suggestions->len; i++)
        bullet (&w, g_ptr_array_index (suggestions, i));
    }

  heading (&w, _("Next Month’s Plan"));
  if (upcoming == NULL || upcoming->len == 0)
    line (&w, _("Nothing is planned for next month yet."));
  else
    {
      g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "%u post is planned:",
                                                             "%u posts are planned:",
                                                             upcoming->len), upcoming->len);

      line (&w, count);
      for (guint i = 0; i < MIN (upcoming->len, 20); i++)
        {
          RoundsPost *post = g_ptr_array_index (upcoming, i);
          g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (rounds_post_get_scheduled_at (post));
          g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);
          g_autofree char *when = g_date_time_format (local, "%a %-d %b");
          g_autofree char *networks = rounds_networks_get_label (rounds_post_get_networks (post));
          g_autofree char *text = g_strdup_printf ("%s: %s (%s)", when,
                                                   rounds_post_get_title (post)[0] != '\0'
                                                     ? rounds_post_get_title (post) : _("Untitled post"),
                                                   networks);

          bullet (&w, text);
        }
    }

  footer (&w);
  cairo_show_page (w.cr);
  cairo_destroy (w.cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  g_free (w.footer);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The report could not be written: %s"),
                   cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}
