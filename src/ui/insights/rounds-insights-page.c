/* rounds-insights-page.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-insights-page"

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>
#include <math.h>

#include "rounds-chart.h"
#include "rounds-insights-entry-dialog.h"
#include "rounds-insights-export.h"
#include "rounds-insights-import.h"
#include "rounds-insights-page.h"
#include "rounds-insights-report.h"
#include "rounds-menu-on-demand.h"
#include "rounds-metrics-collector.h"
#include "rounds-plan.h"
#include "rounds-store-insights.h"
#include "rounds-store-plan.h"

/* The Insights place: Overview (goal progress, followers, engagement per
 * network, best and worst posts, posting times, pillars, response times,
 * suggestions) and Return on Investment (cost next to results, month by
 * month). All numbers come from the core (src/core/insights); this page
 * loads the data once and recomputes the views when the period changes. */

/* Rows kept from one period to the next: an update sets their text, adds
 * the rows it lacks and removes those it no longer needs, so that GTK
 * lays out again only the labels whose text changed (issue 18: rebuilding
 * the view at each period switch took most of its time). */
typedef struct
{
  GtkWidget *group;   /* AdwPreferencesGroup */
  GPtrArray *rows;    /* AdwActionRow, in order */
  guint      n_set;
} RowList;

struct _RoundsInsightsPage
{
  AdwBin                  parent_instance;

  /* template */
  AdwToastOverlay        *toast_overlay;
  GtkDropDown            *period_dropdown;
  GtkStack               *main_stack;
  AdwViewStack           *view_stack;
  GtkBox                 *overview_box;
  GtkBox                 *roi_box;
  GtkMenuButton          *add_button;
  GtkMenuButton          *export_button;
  GMenuModel             *add_menu;
  GMenuModel             *export_menu;

  /* owned */
  RoundsContext          *context;
  RoundsInsightsData     *data;
  JsonObject             *goals;
  JsonObject             *strategy;
  JsonObject             *crisis;
  guint32                 goals_set_on;
  RoundsMetricsCollector *collector;
  GCancellable           *cancellable;
  GHashTable             *charts;       /* name → RoundsChart (borrowed) */
  guint                   daily_id;
  gboolean                overview_dirty;
  gboolean                roi_dirty;
  gboolean                goals_dirty;

  /* The views' widgets, built once and kept from one period to the next
   * (borrowed: the boxes own them) */
  guint                   n_sections;   /* Overview sections built so far */
  guint                   rest_id;      /* builds the sections below the first screen */
  gboolean                rest_pending;
  GtkWidget              *goals_group;
  GPtrArray              *goal_rows;
  RowList                 suggestions;
  RowList                 best;
  RowList                 worst;
  RowList                 pillar_rows;
  RowList                 responses;
  RoundsChart            *followers_chart;
  RoundsChart            *engagement_chart;
  RoundsChart            *heat_chart;
  RoundsChart            *pillars_chart;
  gboolean                roi_built;
  gboolean                load_pending;   /* read the data when next shown */
  GtkWidget              *roi_group;
  RoundsChart            *roi_chart;
  RowList                 roi_months;
  RowList                 roi_networks;
};

G_DEFINE_FINAL_TYPE (RoundsInsightsPage, rounds_insights_page, ADW_TYPE_BIN)

static const RoundsPeriodKind period_kinds[] = {
  ROUNDS_PERIOD_LAST_30_DAYS, ROUNDS_PERIOD_THIS_MONTH, ROUNDS_PERIOD_LAST_MONTH,
  ROUNDS_PERIOD_LAST_3_MONTHS, ROUNDS_PERIOD_LAST_6_MONTHS, ROUNDS_PERIOD_LAST_12_MONTHS,
};

static const char * const roles[] = { "writer", "approver", "manager", "designer", NULL };

/* ------------------------------------------------------------------ */
/* Helpers                                                              */

static GTimeZone *
dup_tz (RoundsInsightsPage *self)
{
  return rounds_context_dup_time_zone (self->context);
}

static guint32
today (RoundsInsightsPage *self)
{
  g_autoptr(GTimeZone) tz = dup_tz (self);

  return rounds_insights_today (tz, rounds_clock_get_now (rounds_context_get_clock (self->context)));
}

static RoundsPeriod
current_period (RoundsInsightsPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->period_dropdown);

  if (selected >= G_N_ELEMENTS (period_kinds))
    selected = 0;
  return rounds_period_make (period_kinds[selected], today (self));
}

static GtkWidget *
add_group (GtkBox     *box,
           const char *title,
           const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  gtk_box_append (box, group);
  return group;
}

static GtkWidget *
add_row (GtkWidget  *group,
         const char *title,
         const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return row;
}

/* A chart in a card, with its table behind an expander for screen
 * readers (and for anyone who wants the numbers). */
static RoundsChart *
add_chart (RoundsInsightsPage *self,
           GtkWidget          *group,
           const char         *name,
           const char         *label)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *chart = rounds_chart_new ();

  gtk_widget_add_css_class (box, "card");
  gtk_widget_set_margin_top (chart, 12);
  gtk_widget_set_margin_start (chart, 12);
  gtk_widget_set_margin_end (chart, 12);
  gtk_widget_set_name (chart, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_box_append (GTK_BOX (box), chart);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), box);
  g_hash_table_insert (self->charts, (gpointer)name, chart);
  return ROUNDS_CHART (chart);
}

/* The table is built when it is first shown: a year of posting times is
 * hundreds of labels, and most people never open it. */
static void
on_table_expanded_cb (GtkExpander *expander,
                      GParamSpec  *pspec,
                      RoundsChart *chart)
{
  GtkWidget *table, *scrolled;

  if (!gtk_expander_get_expanded (expander) || gtk_expander_get_child (expander) != NULL)
    return;
  table = rounds_chart_build_table (chart);
  gtk_widget_set_margin_top (table, 6);
  /* A wide table (24 hours of posting times) scrolls sideways inside its
   * card rather than making the window wider than the screen. */
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_AUTOMATIC,
                                  GTK_POLICY_NEVER);
  gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), table);
  gtk_expander_set_child (expander, scrolled);
}

static void
add_table (RoundsChart *chart,
           const char  *label)
{
  GtkWidget *box = gtk_widget_get_parent (GTK_WIDGET (chart));
  GtkWidget *expander = gtk_expander_new_with_mnemonic (_("Show as _Table"));

  gtk_widget_set_margin_start (expander, 12);
  gtk_widget_set_margin_end (expander, 12);
  gtk_widget_set_margin_bottom (expander, 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (expander), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label, -1);
  g_signal_connect_object (expander, "notify::expanded", G_CALLBACK (on_table_expanded_cb), chart, 0);
  gtk_box_append (GTK_BOX (box), expander);
}

static char *
format_post_day (GTimeZone *tz,
                 gint64     utc)
{
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_utc (utc);
  g_autoptr(GDateTime) there = g_date_time_to_timezone (local, tz);

  return g_date_time_format (there, "%a %-d %b, %H:%M");
}

static char *
month_name (guint32 month)
{
  GDate date;
  char text[64];

  g_date_clear (&date, 1);
  g_date_set_julian (&date, month);
  g_date_strftime (text, sizeof text, "%B %Y", &date);
  return g_strdup (text);
}

static GHashTable *
load_rates (RoundsStore *store)
{
  GHashTable *rates = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  for (guint i = 0; roles[i] != NULL; i++)
    {
      gint64 rate = rounds_store_get_hourly_rate (store, roles[i]);

      g_hash_table_insert (rates, (gpointer)roles[i], g_memdup2 (&rate, sizeof rate));
    }
  return rates;
}

/* ------------------------------------------------------------------ */
/* Kept rows                                                            */

static void
row_list_init (RowList   *list,
               GtkWidget *group)
{
  list->group = group;
  list->rows = g_ptr_array_new ();
  list->n_set = 0;
}

static void
row_list_clear (RowList *list)
{
  g_clear_pointer (&list->rows, g_ptr_array_unref);
  list->group = NULL;
}

static void
row_list_begin (RowList *list)
{
  list->n_set = 0;
}

static GtkWidget *
row_list_add (RowList    *list,
              const char *title,
              const char *subtitle)
{
  GtkWidget *row;

  if (list->n_set < list->rows->len)
    {
      row = g_ptr_array_index (list->rows, list->n_set);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle != NULL ? subtitle : "");
    }
  else
    {
      row = add_row (list->group, title, subtitle);
      g_ptr_array_add (list->rows, row);
    }
  list->n_set++;
  return row;
}

/* Removes the rows this update did not set. */
static void
row_list_end (RowList *list)
{
  while (list->rows->len > list->n_set)
    {
      GtkWidget *row = g_ptr_array_steal_index (list->rows, list->rows->len - 1);

      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (list->group), row);
    }
}

/* A chart's table, if it was opened, shows the chart's new numbers: at
 * once when it is open, else when it is opened again. */
static void
refresh_table (RoundsChart *chart)
{
  GtkWidget *expander = gtk_widget_get_next_sibling (GTK_WIDGET (chart));

  if (!GTK_IS_EXPANDER (expander) || gtk_expander_get_child (GTK_EXPANDER (expander)) == NULL)
    return;
  gtk_expander_set_child (GTK_EXPANDER (expander), NULL);
  on_table_expanded_cb (GTK_EXPANDER (expander), NULL, chart);
}

/* ------------------------------------------------------------------ */
/* Overview                                                             */

/* Goals do not depend on the period: their rows are made again only when
 * the data is read again. */
static void
build_goals (RoundsInsightsPage *self)
{
  self->goals_group = add_group (self->overview_box, _("Goals"),
                                 _("Progress toward the targets of your plan"));
  self->goal_rows = g_ptr_array_new ();
}

static void
update_goals (RoundsInsightsPage *self,
              RoundsPeriod        period,
              GTimeZone          *tz)
{
  g_autoptr(GPtrArray) goals = NULL;

  if (!self->goals_dirty)
    return;
  self->goals_dirty = FALSE;

  for (guint i = 0; i < self->goal_rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self->goals_group),
                                  g_ptr_array_index (self->goal_rows, i));
  g_ptr_array_set_size (self->goal_rows, 0);

  goals = rounds_insights_goals (self->data, self->goals, self->goals_set_on, today (self), tz);
  if (goals->len == 0)
    {
      g_ptr_array_add (self->goal_rows,
                       add_row (self->goals_group, _("No goals yet"),
                                _("Set them in Plan → Goals; their progress shows here.")));
      return;
    }

  for (guint i = 0; i < goals->len; i++)
    {
      RoundsGoalProgress *goal = g_ptr_array_index (goals, i);
      g_autofree char *text = rounds_goal_progress_describe (goal);
      GtkWidget *row = add_row (self->goals_group, text, NULL);
      GtkWidget *bar = gtk_level_bar_new_for_interval (0, 1);

      gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), CLAMP (goal->progress, 0, 1));
      gtk_widget_set_size_request (bar, 140, -1);
      gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
      if (goal->state == ROUNDS_GOAL_BEHIND || goal->state == ROUNDS_GOAL_MISSED)
        gtk_widget_add_css_class (row, "warning");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), bar);
      g_ptr_array_add (self->goal_rows, row);
    }
}

static void
build_suggestions (RoundsInsightsPage *self)
{
  row_list_init (&self->suggestions, add_group (self->overview_box, _("Suggestions"), NULL));
}

static void
update_suggestions (RoundsInsightsPage *self,
                    RoundsPeriod        period,
                    GTimeZone          *tz)
{
  g_autoptr(GPtrArray) suggestions = rounds_insights_suggestions (self->data, period, tz,
                                                                  self->strategy);

  row_list_begin (&self->suggestions);
  for (guint i = 0; i < suggestions->len; i++)
    row_list_add (&self->suggestions, g_ptr_array_index (suggestions, i), NULL);
  row_list_end (&self->suggestions);
  gtk_widget_set_visible (self->suggestions.group, suggestions->len > 0);
}

static void
build_followers (RoundsInsightsPage *self)
{
  GtkWidget *group = add_group (self->overview_box, _("Followers"),
                                _("All accounts together; days without a reading are left blank"));

  self->followers_chart = add_chart (self, group, "followers", _("Followers over time"));
  add_table (self->followers_chart, _("Followers as a table"));
}

static void
update_followers (RoundsInsightsPage *self,
                  RoundsPeriod        period,
                  GTimeZone          *tz)
{
  g_autoptr(GArray) series = rounds_insights_followers_series (self->data, ROUNDS_NETWORK_NONE,
                                                               period);

  rounds_chart_set_line (self->followers_chart, series, _("Followers"));
  refresh_table (self->followers_chart);
}

static void
build_engagement (RoundsInsightsPage *self)
{
  GtkWidget *group = add_group (self->overview_box, _("Engagement by Network"),
                                _("Interactions per post, as a share of followers"));

  self->engagement_chart = add_chart (self, group, "engagement", _("Engagement rate by network"));
  add_table (self->engagement_chart, _("Engagement by network as a table"));
}

static void
update_engagement (RoundsInsightsPage *self,
                   RoundsPeriod        period,
                   GTimeZone          *tz)
{
  g_autoptr(GArray) engagement = rounds_insights_engagement (self->data, period, tz);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(GArray) rates = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < engagement->len; i++)
    {
      RoundsEngagement *row = &g_array_index (engagement, RoundsEngagement, i);
      double rate = row->rate;

      g_ptr_array_add (labels, (gpointer)rounds_network_get_label (row->network));
      g_array_append_val (rates, rate);
    }
  rounds_chart_set_bars (self->engagement_chart, (const char * const *)labels->pdata,
                         (double *)rates->data, NULL, labels->len, _("Engagement rate (%)"), NULL,
                         "%");
  refresh_table (self->engagement_chart);
}

static void
add_post_rows (RowList   *list,
               GPtrArray *posts,
               guint      from,
               guint      to,
               GTimeZone *tz)
{
  for (guint i = from; i < to; i++)
    {
      RoundsMeasuredPost *post = g_ptr_array_index (posts, i);
      g_autofree char *when = format_post_day (tz, post->published_at);
      g_autofree char *subtitle = g_strdup_printf (_("%s · %s · %" PRId64 " interactions"),
                                                   rounds_network_get_label (post->network), when,
                                                   rounds_insights_post_interactions (post));

      row_list_add (list, post->title[0] != '\0' ? post->title : _("Untitled post"), subtitle);
    }
}

static void
build_posts (RoundsInsightsPage *self)
{
  row_list_init (&self->best, add_group (self->overview_box, _("Best Posts"), NULL));
  row_list_init (&self->worst, add_group (self->overview_box, _("Posts That Did Least"), NULL));
}

static void
update_posts (RoundsInsightsPage *self,
              RoundsPeriod        period,
              GTimeZone          *tz)
{
  g_autoptr(GPtrArray) ranked = rounds_insights_ranked_posts (self->data, period, tz);
  guint n = MIN (3, ranked->len);

  row_list_begin (&self->best);
  row_list_begin (&self->worst);
  if (ranked->len == 0)
    row_list_add (&self->best, _("No measured posts in this period"), NULL);
  add_post_rows (&self->best, ranked, 0, n, tz);
  if (ranked->len > 3)
    add_post_rows (&self->worst, ranked, MAX (n, ranked->len - 3), ranked->len, tz);
  row_list_end (&self->best);
  row_list_end (&self->worst);
  gtk_widget_set_visible (self->worst.group, ranked->len > 3);
}

static void
build_heat_map (RoundsInsightsPage *self)
{
  GtkWidget *group = add_group (self->overview_box, _("Best Posting Times"),
                                _("Interactions per post by weekday and hour, in practice time"));

  self->heat_chart = add_chart (self, group, "heat-map", _("Posting times heat map"));
  add_table (self->heat_chart, _("Posting times as a table"));
}

static void
update_heat_map (RoundsInsightsPage *self,
                 RoundsPeriod        period,
                 GTimeZone          *tz)
{
  RoundsHeatMap map;

  rounds_insights_heat_map (self->data, period, tz, &map);
  rounds_chart_set_heat_map (self->heat_chart, &map);
  refresh_table (self->heat_chart);
}

static void
build_pillars (RoundsInsightsPage *self)
{
  GtkWidget *group = add_group (self->overview_box, _("Content Pillars"),
                                _("Share of posts against the mix in your strategy"));

  self->pillars_chart = add_chart (self, group, "pillars", _("Content pillars"));
  row_list_init (&self->pillar_rows, group);
  add_table (self->pillars_chart, _("Content pillars as a table"));
}

static void
update_pillars (RoundsInsightsPage *self,
                RoundsPeriod        period,
                GTimeZone          *tz)
{
  g_autoptr(GArray) pillars = rounds_insights_pillars (self->data, period, tz, self->strategy);
  const char *labels[16];
  double share[16], planned[16];
  guint n = MIN (pillars->len, 16);

  row_list_begin (&self->pillar_rows);
  for (guint i = 0; i < n; i++)
    {
      RoundsPillarStat *stat = &g_array_index (pillars, RoundsPillarStat, i);
      g_autofree char *subtitle = NULL;

      labels[i] = rounds_plan_pillar_label (stat->pillar);
      share[i] = stat->share;
      planned[i] = MAX (stat->planned, 0);
      if (stat->n_posts > 0)
        {
          subtitle = stat->average >= 0
            ? g_strdup_printf (_("%u posts, %.0f interactions per post"), stat->n_posts, stat->average)
            : g_strdup_printf (_("%u posts, not measured"), stat->n_posts);
          row_list_add (&self->pillar_rows, labels[i], subtitle);
        }
    }
  row_list_end (&self->pillar_rows);
  rounds_chart_set_bars (self->pillars_chart, labels, share,
                         self->strategy != NULL ? planned : NULL, n,
                         _("Published (%)"), _("Planned (%)"), "%");
  refresh_table (self->pillars_chart);
}

static void
build_responses (RoundsInsightsPage *self)
{
  row_list_init (&self->responses,
                 add_group (self->overview_box, _("Response Time"),
                            _("How fast comments and reviews were answered, against the "
                              "response times of your crisis plan")));
}

static void
update_responses (RoundsInsightsPage *self,
                  RoundsPeriod        period,
                  GTimeZone          *tz)
{
  g_autoptr(GArray) stats = NULL;
  gint64 from = rounds_insights_day_start_utc (tz, period.first);
  gint64 to = rounds_insights_day_start_utc (tz, period.last + 1);

  row_list_begin (&self->responses);
  if (!self->data->has_inbox)
    {
      row_list_add (&self->responses, _("Nothing to measure yet"),
                    _("Response times show here once comments are answered in the Inbox."));
      row_list_end (&self->responses);
      return;
    }
  stats = rounds_insights_response_times (self->data, self->crisis, from, to,
                                          rounds_clock_get_now (rounds_context_get_clock (self->context)));
  if (stats->len == 0)
    row_list_add (&self->responses, _("No comments in this period"), NULL);

  for (guint i = 0; i < stats->len; i++)
    {
      RoundsResponseStat *stat = &g_array_index (stats, RoundsResponseStat, i);
      const char *title = stat->severity[0] == '\0' ? _("Comments and reviews")
                                                    : rounds_plan_severity_label (stat->severity);
      g_autofree char *median = stat->median_hours >= 0
        ? g_strdup_printf (_("answered in %.1f h (median)"), stat->median_hours)
        : g_strdup (_("none answered yet"));
      g_autofree char *subtitle = stat->target_hours > 0
        ? g_strdup_printf (_("%s; target %" PRId64 " h; %u late, %u waiting"), median,
                           stat->target_hours, stat->n_late, stat->n_waiting)
        : g_strdup_printf (_("%s; %u waiting"), median, stat->n_waiting);

      row_list_add (&self->responses, title, subtitle);
    }
  row_list_end (&self->responses);
}

/* The Overview from top to bottom. The first sections fill the first
 * screen and are built at once; the others after that screen has been
 * drawn (build_rest). */
typedef struct
{
  void (*build)  (RoundsInsightsPage *self);
  void (*update) (RoundsInsightsPage *self,
                  RoundsPeriod        period,
                  GTimeZone          *tz);
} Section;

static const Section sections[] = {
  { build_goals, update_goals },
  { build_suggestions, update_suggestions },
  { build_followers, update_followers },
  { build_engagement, update_engagement },
  { build_posts, update_posts },
  { build_heat_map, update_heat_map },
  { build_pillars, update_pillars },
  { build_responses, update_responses },
};

#define N_FIRST_SECTIONS 3

/* ------------------------------------------------------------------ */
/* Return on investment                                                 */

static char *
money_or_dash (double cents)
{
  return cents >= 0 ? rounds_insights_format_money ((gint64)floor (cents + 0.5)) : g_strdup ("—");
}

static void
build_roi (RoundsInsightsPage *self)
{
  GtkWidget *group;

  self->roi_group = add_group (self->roi_box, _("Cost and Results"), NULL);
  self->roi_chart = add_chart (self, self->roi_group, "roi", _("Cost and value by month"));
  add_table (self->roi_chart, _("Cost and value as a table"));

  group = add_group (self->roi_box, _("Month by Month"),
                     _("Measured: money spent, inquiries and bookings you entered or imported, "
                       "followers and interactions from the networks. Estimated: time × hourly "
                       "rate, and bookings × the value of a new patient."));
  row_list_init (&self->roi_months, group);
  group = add_group (self->roi_box, _("Time by Network"),
                     _("Hours logged for one network, and the inquiries attributed to it"));
  row_list_init (&self->roi_networks, group);
  self->roi_built = TRUE;
}

static void
update_roi (RoundsInsightsPage *self,
            RoundsPeriod        period,
            GTimeZone          *tz)
{
  RoundsStore *store = rounds_context_get_store (self->context);
  g_autoptr(GHashTable) rates = load_rates (store);
  gint64 patient_value = rounds_store_get_patient_value (store);
  g_autoptr(GArray) months = rounds_insights_roi (self->data, period.first, period.last, rates,
                                                  rounds_store_get_hourly_rate (store, "writer"),
                                                  patient_value, tz);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) costs = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));

  adw_preferences_group_set_description (
    ADW_PREFERENCES_GROUP (self->roi_group),
    patient_value > 0
      ? _("Cost (time × hourly rate, plus money spent) next to the value of new "
          "patients (bookings × the value of a new patient)")
      : _("Cost (time × hourly rate, plus money spent). Set the value of a new "
          "patient in Preferences to see what bookings are worth."));

  for (guint i = 0; i < months->len; i++)
    {
      RoundsRoiMonth *m = &g_array_index (months, RoundsRoiMonth, i);
      GDate date;
      char short_month[16];
      double cost = m->cost_cents / 100.0, value = m->value_cents >= 0 ? m->value_cents / 100.0 : 0;

      g_date_clear (&date, 1);
      g_date_set_julian (&date, m->month);
      g_date_strftime (short_month, sizeof short_month, "%b", &date);
      g_ptr_array_add (labels, g_strdup (short_month));
      g_array_append_val (costs, cost);
      g_array_append_val (values, value);
    }
  rounds_chart_set_bars (self->roi_chart, (const char * const *)labels->pdata,
                         (double *)costs->data, patient_value > 0 ? (double *)values->data : NULL,
                         labels->len, _("Cost ($)"), _("Value of new patients ($)"), NULL);
  refresh_table (self->roi_chart);

  row_list_begin (&self->roi_months);
  for (guint i = months->len; i-- > 0;)
    {
      RoundsRoiMonth *m = &g_array_index (months, RoundsRoiMonth, i);
      g_autofree char *title = month_name (m->month);
      g_autofree char *cost = rounds_insights_format_money (m->cost_cents);
      g_autofree char *time = rounds_insights_format_money (m->time_cents);
      g_autofree char *spend = rounds_insights_format_money (m->spend_cents);
      g_autofree char *per_inquiry = money_or_dash (m->cost_per_inquiry);
      g_autofree char *per_booking = money_or_dash (m->cost_per_booking);
      g_autofree char *value = money_or_dash (m->value_cents);
      g_autofree char *results = NULL;
      g_autofree char *subtitle = NULL;

      if (m->inquiries < 0 && m->bookings < 0)
        results = g_strdup (_("no inquiries or bookings entered"));
      else
        results = g_strdup_printf (_("%" PRId64 " inquiries, %" PRId64
                                     " bookings (%u of %u weeks entered)"),
                                   MAX (m->inquiries, 0), MAX (m->bookings, 0),
                                   m->weeks_entered, m->weeks_in_month);
      subtitle = g_strdup_printf (_("Cost %s: %.1f h of time %s (estimated) + %s spent (measured)\n"
                                    "%s; %s per inquiry, %s per booking%s\n"
                                    "Value of new patients: %s (estimated)"),
                                  cost, m->minutes / 60.0, time, spend, results, per_inquiry,
                                  per_booking, m->cost_estimated ? _(" (estimated)") : "", value);
      row_list_add (&self->roi_months, title, subtitle);
    }
  row_list_end (&self->roi_months);

  row_list_begin (&self->roi_networks);
  for (guint n = 0; n < ROUNDS_N_NETWORKS; n++)
    {
      RoundsNetwork network = rounds_network_from_index (n);
      gint64 minutes = rounds_insights_network_minutes (self->data, period, network);
      gint64 inquiries = rounds_insights_network_results (self->data, period, network, "inquiries");
      g_autofree char *subtitle = NULL;

      if (minutes == 0)
        continue;
      subtitle = g_strdup_printf (_("%.1f h, %" PRId64 " inquiries"), minutes / 60.0,
                                  MAX (inquiries, 0));
      row_list_add (&self->roi_networks, rounds_network_get_label (network), subtitle);
    }
  row_list_end (&self->roi_networks);
}

/* ------------------------------------------------------------------ */
/* Refreshing                                                           */

static gboolean
data_is_empty (const RoundsInsightsData *data)
{
  return data == NULL ||
         (data->accounts->len == 0 && data->posts->len == 0 && data->time_log->len == 0 &&
          data->spending->len == 0 && data->results->len == 0 && data->web->len == 0);
}

static void
build_sections (RoundsInsightsPage *self,
                guint               to)
{
  g_autoptr(GTimeZone) tz = dup_tz (self);
  RoundsPeriod period = current_period (self);

  for (; self->n_sections < to; self->n_sections++)
    {
      sections[self->n_sections].build (self);
      sections[self->n_sections].update (self, period, tz);
    }
}

static gboolean
on_build_rest_cb (gpointer user_data)
{
  RoundsInsightsPage *self = user_data;

  self->rest_id = 0;
  if (self->context != NULL && self->data != NULL)
    build_sections (self, G_N_ELEMENTS (sections));
  return G_SOURCE_REMOVE;
}

static void
on_after_paint_cb (GdkFrameClock      *clock,
                   RoundsInsightsPage *self)
{
  g_signal_handlers_disconnect_by_func (clock, on_after_paint_cb, self);
  self->rest_pending = FALSE;
  if (self->rest_id == 0)
    self->rest_id = g_idle_add (on_build_rest_cb, self);
}

/* What lies below the first screen is built once that screen has been
 * drawn: opening the place shows its top without waiting for the rest,
 * which is ready before anyone can scroll to it. */
static void
build_rest_later (RoundsInsightsPage *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (self->rest_pending || self->rest_id != 0)
    return;
  if (clock == NULL)
    {
      self->rest_id = g_idle_add (on_build_rest_cb, self);
      return;
    }
  self->rest_pending = TRUE;
  g_signal_connect_object (clock, "after-paint", G_CALLBACK (on_after_paint_cb), self, 0);
}

/* Brings the view on screen up to date; the other is updated when it is
 * shown. Widgets are built once and then only updated. */
static void
build_visible (RoundsInsightsPage *self)
{
  const char *visible = adw_view_stack_get_visible_child_name (self->view_stack);
  g_autoptr(GTimeZone) tz = NULL;
  RoundsPeriod period;

  if (self->context == NULL || data_is_empty (self->data))
    return;
  tz = dup_tz (self);
  period = current_period (self);
  if (g_strcmp0 (visible, "roi") == 0)
    {
      if (!self->roi_dirty)
        return;
      self->roi_dirty = FALSE;
      if (!self->roi_built)
        build_roi (self);
      update_roi (self, period, tz);
      return;
    }
  if (!self->overview_dirty)
    return;
  self->overview_dirty = FALSE;
  for (guint i = 0; i < self->n_sections; i++)
    sections[i].update (self, period, tz);
  if (self->n_sections < N_FIRST_SECTIONS)
    build_sections (self, N_FIRST_SECTIONS);
  if (self->n_sections < G_N_ELEMENTS (sections))
    build_rest_later (self);
}

static void
rebuild (RoundsInsightsPage *self)
{
  if (self->context == NULL || data_is_empty (self->data))
    {
      gtk_stack_set_visible_child_name (self->main_stack, "empty");
      return;
    }
  gtk_stack_set_visible_child_name (self->main_stack, "data");

  self->overview_dirty = self->roi_dirty = self->goals_dirty = TRUE;
  build_visible (self);
}

/* Another period: the same widgets, new numbers. */
static void
on_period_changed_cb (RoundsInsightsPage *self)
{
  self->overview_dirty = self->roi_dirty = TRUE;
  build_visible (self);
}

static JsonObject *
load_section (RoundsStore *store,
              const char  *name,
              gint64      *completed_at)
{
  return rounds_store_plan_load_section (store, name, completed_at, NULL);
}

/**
 * rounds_insights_page_reload:
 *
 * Reads the practice's numbers and plan again and redraws.
 */
void
rounds_insights_page_reload (RoundsInsightsPage *self)
{
  g_autoptr(GError) error = NULL;
  RoundsStore *store;
  gint64 completed_at = 0;

  g_return_if_fail (ROUNDS_IS_INSIGHTS_PAGE (self));

  self->load_pending = FALSE;
  g_clear_pointer (&self->data, rounds_insights_data_free);
  g_clear_pointer (&self->goals, json_object_unref);
  g_clear_pointer (&self->strategy, json_object_unref);
  g_clear_pointer (&self->crisis, json_object_unref);

  if (self->context != NULL)
    {
      g_autoptr(GTimeZone) tz = dup_tz (self);

      store = rounds_context_get_store (self->context);
      self->data = rounds_store_load_insights (store, &error);
      if (self->data == NULL)
        {
          g_warning ("Insights could not be read: %s", error->message);
          adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
        }
      self->goals = load_section (store, "goals", &completed_at);
      self->strategy = load_section (store, "strategy", NULL);
      self->crisis = load_section (store, "crisis", NULL);
      self->goals_set_on = completed_at > 0 ? rounds_insights_day_of (tz, completed_at) : today (self);
    }
  rebuild (self);
}

/* The data are read and the page built only when it is on screen: a
 * practice opening with Insights hidden costs nothing here. The page
 * reads them on map, before its first frame. */
static void
reload_when_shown (RoundsInsightsPage *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->load_pending = TRUE;
      return;
    }
  rounds_insights_page_reload (self);
}

static void
on_map_cb (RoundsInsightsPage *self)
{
  if (self->load_pending)
    rounds_insights_page_reload (self);
}

static void
on_collected_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(RoundsInsightsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 added;

  added = rounds_metrics_collector_collect_finish (ROUNDS_METRICS_COLLECTOR (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (added < 0)
    {
      g_autofree char *text = g_strdup_printf (_("Some accounts could not be measured: %s"),
                                               error->message);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "insights.refresh", TRUE);
  reload_when_shown (self);
}

/* Takes today's snapshots (nothing is fetched twice a day), then reloads. */
static void
collect (RoundsInsightsPage *self)
{
  if (self->collector == NULL || rounds_context_is_sample (self->context))
    {
      reload_when_shown (self);
      return;
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "insights.refresh", FALSE);
  rounds_metrics_collector_collect_async (self->collector, self->cancellable, on_collected_cb,
                                          g_object_ref (self));
}

static gboolean
on_daily_cb (gpointer user_data)
{
  collect (ROUNDS_INSIGHTS_PAGE (user_data));
  return G_SOURCE_CONTINUE;
}

/* ------------------------------------------------------------------ */
/* Import and export                                                    */

typedef struct
{
  RoundsInsightsPage *self;
  RoundsImportKind    kind;
  RoundsNetwork       network;
  RoundsInsightsCsv  *csv;
  GHashTable         *mapping;
  GPtrArray          *dropdowns;
  GStrv               missing;
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  g_clear_object (&job->self);
  g_clear_pointer (&job->csv, rounds_insights_csv_free);
  g_clear_pointer (&job->mapping, g_hash_table_unref);
  g_clear_pointer (&job->dropdowns, g_ptr_array_unref);
  g_strfreev (job->missing);
  g_free (job);
}

static void
show_message (RoundsInsightsPage *self,
              const char         *heading,
              const char         *body)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
run_import (ImportJob *job)
{
  RoundsInsightsPage *self = job->self;
  g_autoptr(GTimeZone) tz = dup_tz (self);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  guint n_rows = 0;

  if (rounds_import_csv (rounds_context_get_store (self->context), job->kind, job->network,
                         job->csv, job->mapping, tz, today (self), &n_rows, &problems, &error))
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %u row",
                                                            "Imported %u rows", n_rows), n_rows);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
      rounds_insights_page_reload (self);
    }
  else if (problems != NULL)
    {
      g_autofree char *report = rounds_import_problems_describe (problems);
      g_autofree char *body = g_strdup_printf ("%s\n\n%s", error->message, report);

      show_message (self, _("The File Was Not Imported"), body);
    }
  else
    show_message (self, _("The File Was Not Imported"), error->message);
}

static void
on_mapping_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        gpointer          user_data)
{
  ImportJob *job = user_data;

  if (g_strcmp0 (response, "import") == 0)
    {
      for (guint i = 0; job->missing[i] != NULL; i++)
        {
          GtkDropDown *dropdown = g_ptr_array_index (job->dropdowns, i);
          guint selected = gtk_drop_down_get_selected (dropdown);

          if (selected < g_strv_length (job->csv->header))
            g_hash_table_insert (job->mapping, g_strdup (job->missing[i]),
                                 g_strdup (job->csv->header[selected]));
        }
      run_import (job);
    }
  import_job_free (job);
}

/* The mapping step: the columns Rounds could not recognise, chosen by
 * the user from the file's header. */
static void
ask_mapping (ImportJob *job)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (job->self));
  GtkWidget *dialog, *grid;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Which Columns Are These?"),
                                   _("The file’s columns have other names than the network’s "
                                     "usual export. Choose the column that holds each of these."));
  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  job->dropdowns = g_ptr_array_new ();
  for (guint i = 0; job->missing[i] != NULL; i++)
    {
      GtkWidget *label = gtk_label_new (rounds_import_field_label (job->missing[i]));
      GtkWidget *dropdown = gtk_drop_down_new_from_strings ((const char * const *)job->csv->header);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      rounds_import_field_label (job->missing[i]), -1);
      gtk_grid_attach (GTK_GRID (grid), label, 0, i, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), dropdown, 1, i, 1, 1);
      g_ptr_array_add (job->dropdowns, dropdown);
    }
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), grid);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "import", _("_Import"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "import",
                                              ADW_RESPONSE_SUGGESTED);
  g_signal_connect (dialog, "response", G_CALLBACK (on_mapping_response_cb), job);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
import_file (RoundsInsightsPage *self,
             GFile              *file,
             RoundsImportKind    kind,
             RoundsNetwork       network)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  ImportJob *job;
  gsize length;

  if (!g_file_load_contents (file, NULL, &text, &length, NULL, &error))
    {
      show_message (self, _("The File Could Not Be Read"), error->message);
      return;
    }

  job = g_new0 (ImportJob, 1);
  job->self = g_object_ref (self);
  job->kind = kind;
  job->network = network;
  job->csv = rounds_insights_csv_parse (text, length, &error);
  if (job->csv == NULL)
    {
      show_message (self, _("The File Was Not Imported"), error->message);
      import_job_free (job);
      return;
    }
  job->mapping = rounds_import_guess_mapping (kind, network, (const char * const *)job->csv->header);
  job->missing = rounds_import_missing_fields (kind, job->mapping);
  if (job->missing[0] != NULL)
    {
      ask_mapping (job);
      return;
    }
  run_import (job);
  import_job_free (job);
}

typedef struct
{
  RoundsInsightsPage *self;
  char               *what;
} ChooserJob;

static void
on_import_chosen_cb (GtkNativeDialog *chooser,
                     int              response,
                     gpointer         user_data)
{
  ChooserJob *job = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      RoundsImportKind kind = ROUNDS_IMPORT_POSTS;
      RoundsNetwork network = rounds_network_from_string (job->what);

      if (g_str_equal (job->what, "results"))
        kind = ROUNDS_IMPORT_RESULTS;
      else if (g_str_equal (job->what, "analytics"))
        kind = ROUNDS_IMPORT_ANALYTICS;
      import_file (job->self, file, kind, network);
    }
  g_object_unref (job->self);
  g_free (job->what);
  g_free (job);
  g_object_unref (chooser);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  RoundsInsightsPage *self = ROUNDS_INSIGHTS_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  ChooserJob *job;

  if (self->context == NULL)
    return;
  chooser = gtk_file_chooser_native_new (_("Import a CSV File"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  job = g_new0 (ChooserJob, 1);
  job->self = g_object_ref (self);
  job->what = g_variant_dup_string (param, NULL);
  g_signal_connect (chooser, "response", G_CALLBACK (on_import_chosen_cb), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_entry_saved_cb (RoundsInsightsPage *self)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Numbers saved")));
  rounds_insights_page_reload (self);
}

static void
enter_numbers_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  RoundsInsightsPage *self = ROUNDS_INSIGHTS_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  if (self->context == NULL)
    return;
  dialog = rounds_insights_entry_dialog_new (self->context);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_entry_saved_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  collect (ROUNDS_INSIGHTS_PAGE (widget));
}

/* What a file chooser of Export was opened for. */
typedef struct
{
  RoundsInsightsPage *self;
  gboolean            report;   /* the monthly report; FALSE: the tables */
} Export;

static void
export_free (Export *export)
{
  g_object_unref (export->self);
  g_free (export);
}

static void
on_export_chosen_cb (GtkNativeDialog *chooser,
                     int              response,
                     Export          *export)
{
  RoundsInsightsPage *self = export->self;
  gboolean report = export->report;

  if (response == GTK_RESPONSE_ACCEPT && self->data != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GTimeZone) tz = dup_tz (self);
      g_autoptr(GError) error = NULL;
      gboolean ok;

      if (report)
        ok = rounds_insights_report_write (self->context, self->data,
                                           rounds_insights_month_of (current_period (self).last),
                                           path, &error);
      else
        {
          RoundsStore *store = rounds_context_get_store (self->context);
          g_autoptr(GHashTable) rates = load_rates (store);

          ok = rounds_insights_write_tables (self->data, current_period (self), tz, self->goals,
                                             self->goals_set_on, today (self), self->strategy,
                                             rates, rounds_store_get_hourly_rate (store, "writer"),
                                             rounds_store_get_patient_value (store), path, &error);
        }
      if (ok)
        adw_toast_overlay_add_toast (self->toast_overlay,
                                     adw_toast_new (report ? _("Report saved") : _("Tables saved")));
      else
        show_message (self, _("Could Not Save"), error->message);
    }
  export_free (export);
  g_object_unref (chooser);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  RoundsInsightsPage *self = ROUNDS_INSIGHTS_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  gboolean report = g_str_equal (action_name, "insights.export-report");
  GtkFileChooserNative *chooser;
  Export *export;

  if (self->context == NULL)
    return;
  chooser = gtk_file_chooser_native_new (report ? _("Save the Monthly Report")
                                                : _("Choose a Folder for the Tables"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         report ? GTK_FILE_CHOOSER_ACTION_SAVE
                                                : GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                         _("_Save"), _("_Cancel"));
  if (report)
    {
      g_autofree char *month = month_name (rounds_insights_month_of (current_period (self).last));
      g_autofree char *name = g_strdup_printf (_("Social media report %s.pdf"), month);

      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
    }
  export = g_new0 (Export, 1);
  export->self = g_object_ref (self);
  export->report = report;
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_chosen_cb), export);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ------------------------------------------------------------------ */

static void
rounds_insights_page_dispose (GObject *object)
{
  RoundsInsightsPage *self = (RoundsInsightsPage *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->daily_id, g_source_remove);
  g_clear_handle_id (&self->rest_id, g_source_remove);

  G_OBJECT_CLASS (rounds_insights_page_parent_class)->dispose (object);
}

static void
rounds_insights_page_finalize (GObject *object)
{
  RoundsInsightsPage *self = (RoundsInsightsPage *)object;

  g_clear_object (&self->context);
  g_clear_object (&self->collector);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->data, rounds_insights_data_free);
  g_clear_pointer (&self->goals, json_object_unref);
  g_clear_pointer (&self->strategy, json_object_unref);
  g_clear_pointer (&self->crisis, json_object_unref);
  g_clear_pointer (&self->charts, g_hash_table_unref);
  g_clear_pointer (&self->goal_rows, g_ptr_array_unref);
  row_list_clear (&self->suggestions);
  row_list_clear (&self->best);
  row_list_clear (&self->worst);
  row_list_clear (&self->pillar_rows);
  row_list_clear (&self->responses);
  row_list_clear (&self->roi_months);
  row_list_clear (&self->roi_networks);

  G_OBJECT_CLASS (rounds_insights_page_parent_class)->finalize (object);
}

static void
rounds_insights_page_class_init (RoundsInsightsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rounds_insights_page_dispose;
  object_class->finalize = rounds_insights_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/roundsapp/Rounds/ui/rounds-insights-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RoundsInsightsPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RoundsInsightsPage, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RoundsInsightsPage, main_stack);
  gtk_widget_class_bind_template_child (widget_class, RoundsInsightsPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, RoundsInsightsPage, overview_box);
  gtk_widget_class_bind_template_child (widget_class, RoundsInsightsPage, roi_box);
  gtk_widget_class_bind_template_child (widget_class, RoundsInsightsPage, add_button);
  gtk_widget_class_bind_template_child (widget_class, RoundsInsightsPage, export_button);
  gtk_widget_class_bind_template_child (widget_class, RoundsInsightsPage, add_menu);
  gtk_widget_class_bind_template_child (widget_class, RoundsInsightsPage, export_menu);

  gtk_widget_class_install_action (widget_class, "insights.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "insights.enter-numbers", NULL,
                                   enter_numbers_action);
  gtk_widget_class_install_action (widget_class, "insights.import", "s", import_action);
  gtk_widget_class_install_action (widget_class, "insights.export-report", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "insights.export-csv", NULL, export_action);

  g_type_ensure (ROUNDS_TYPE_CHART);
}

static void
rounds_insights_page_init (RoundsInsightsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Their popover menus are made when first opened, not on the first
   * switch to the place. */
  rounds_menu_button_set_menu_on_demand (self->add_button, self->add_menu);
  rounds_menu_button_set_menu_on_demand (self->export_button, self->export_menu);
  self->charts = g_hash_table_new (g_str_hash, g_str_equal);
  self->cancellable = g_cancellable_new ();
  g_signal_connect_object (self->period_dropdown, "notify::selected",
                           G_CALLBACK (on_period_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view_stack, "notify::visible-child-name",
                           G_CALLBACK (build_visible), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "map", G_CALLBACK (on_map_cb), NULL);
  rebuild (self);
}

void
rounds_insights_page_set_context (RoundsInsightsPage *self,
                                  RoundsContext      *context)
{
  g_return_if_fail (ROUNDS_IS_INSIGHTS_PAGE (self));

  if (self->context == context)
    return;
  g_set_object (&self->context, context);
  g_clear_object (&self->collector);
  g_clear_handle_id (&self->daily_id, g_source_remove);

  if (context != NULL)
    {
      g_autoptr(GTimeZone) tz = dup_tz (self);

      g_autoptr(RoundsSecrets) secrets = rounds_secrets_new ();

      /* Every connected account, with its sign-in from the keyring. */
      self->collector = rounds_metrics_collector_new (rounds_context_get_store (context), tz);
      rounds_metrics_collector_set_secrets (self->collector, secrets);
      self->daily_id = g_timeout_add_seconds (60 * 60, on_daily_cb, self);
    }
  collect (self);
}

void
rounds_insights_page_set_period (RoundsInsightsPage *self,
                                 RoundsPeriodKind    kind)
{
  g_return_if_fail (ROUNDS_IS_INSIGHTS_PAGE (self));

  for (guint i = 0; i < G_N_ELEMENTS (period_kinds); i++)
    if (period_kinds[i] == kind)
      gtk_drop_down_set_selected (self->period_dropdown, i);
}

void
rounds_insights_page_show_view (RoundsInsightsPage *self,
                                const char         *name)
{
  g_return_if_fail (ROUNDS_IS_INSIGHTS_PAGE (self));
  adw_view_stack_set_visible_child_name (self->view_stack, name);
}

const RoundsInsightsData *
rounds_insights_page_get_data (RoundsInsightsPage *self)
{
  g_return_val_if_fail (ROUNDS_IS_INSIGHTS_PAGE (self), NULL);
  return self->data;
}

GtkWidget *
rounds_insights_page_find_chart (RoundsInsightsPage *self,
                                 const char         *name)
{
  g_return_val_if_fail (ROUNDS_IS_INSIGHTS_PAGE (self), NULL);

  /* A chart below the first screen that is not built yet is built now. */
  if (!g_hash_table_contains (self->charts, name) && self->n_sections > 0 &&
      self->n_sections < G_N_ELEMENTS (sections) && self->data != NULL)
    {
      g_clear_handle_id (&self->rest_id, g_source_remove);
      build_sections (self, G_N_ELEMENTS (sections));
    }
  return g_hash_table_lookup (self->charts, name);
}

gboolean
rounds_insights_page_is_empty (RoundsInsightsPage *self)
{
  g_return_val_if_fail (ROUNDS_IS_INSIGHTS_PAGE (self), TRUE);
  return g_str_equal (gtk_stack_get_visible_child_name (self->main_stack), "empty");
}
