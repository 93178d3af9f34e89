/* rounds-plan-pdf.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-plan-pdf"

#include "config.h"

#include <inttypes.h>
#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "rounds-plan.h"
#include "rounds-plan-pdf.h"
#include "rounds-plan-schedule.h"
#include "rounds-store-plan.h"

/* The plan as a PDF (US Letter, cairo + Pango): a cover, one section per
 * wizard step, the 30-day checklist, and a one-page social media policy
 * for staff written from the answers. Text flows from page to page; a
 * heading is never left alone at the bottom of a page. */

#define PAGE_WIDTH   612.0   /* US Letter, points */
#define PAGE_HEIGHT  792.0
#define MARGIN        64.0
#define CONTENT_WIDTH (PAGE_WIDTH - 2 * MARGIN)
#define BOTTOM       (PAGE_HEIGHT - MARGIN - 20)

typedef struct
{
  cairo_t    *cr;
  double      y;
  int         page;
  const char *footer;
  double      scale;   /* font scale: the policy page is set a little smaller */
} Writer;

static void
draw_footer (Writer *w)
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
new_page (Writer *w)
{
  draw_footer (w);
  cairo_show_page (w->cr);
  w->page++;
  w->y = MARGIN;
}

static PangoLayout *
make_layout (Writer     *w,
             const char *font_name,
             double      size,
             const char *markup,
             double      indent)
{
  PangoLayout *layout = pango_cairo_create_layout (w->cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (font_name);

  pango_font_description_set_size (font, (int)(size * w->scale * PANGO_SCALE));
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int)((CONTENT_WIDTH - indent) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_markup (layout, markup, -1);
  return layout;
}

/* Draws @markup at the current position, breaking the page first when it
 * does not fit; @keep is extra room to keep free below (for a heading's
 * first paragraph). */
static void
put_full (Writer     *w,
          const char *font_name,
          double      size,
          double      r,
          double      g,
          double      b,
          const char *markup,
          double      indent,
          double      hanging,
          double      space_after,
          double      keep);

static void
put (Writer     *w,
     const char *font_name,
     double      size,
     double      r,
     double      g,
     double      b,
     const char *markup,
     double      indent,
     double      space_after,
     double      keep)
{
  put_full (w, font_name, size, r, g, b, markup, indent, 0, space_after, keep);
}

/* @hanging: how far the first line starts left of the others (bullets). */
static void
put_full (Writer     *w,
          const char *font_name,
          double      size,
          double      r,
          double      g,
          double      b,
          const char *markup,
          double      indent,
          double      hanging,
          double      space_after,
          double      keep)
{
  g_autoptr(PangoLayout) layout = make_layout (w, font_name, size, markup, indent - hanging);
  int width, height;

  if (hanging > 0)
    {
      g_autoptr(PangoTabArray) tabs = pango_tab_array_new_with_positions (1, TRUE, PANGO_TAB_LEFT,
                                                                          (int)(hanging * w->scale));

      pango_layout_set_indent (layout, (int)(-hanging * w->scale * PANGO_SCALE));
      pango_layout_set_tabs (layout, tabs);
    }

  pango_layout_get_pixel_size (layout, &width, &height);
  if (w->y + height + keep > BOTTOM && w->y > MARGIN)
    new_page (w);

  cairo_set_source_rgb (w->cr, r, g, b);
  cairo_move_to (w->cr, MARGIN + indent - hanging, w->y);
  pango_cairo_show_layout (w->cr, layout);
  w->y += height + space_after * w->scale;
}

static void
heading (Writer     *w,
         const char *text)
{
  g_autofree char *markup = g_markup_escape_text (text, -1);

  w->y += 10 * w->scale;
  put (w, "Sans Bold", 17, 0.11, 0.35, 0.55, markup, 0, 4, 60);
  cairo_set_source_rgb (w->cr, 0.11, 0.35, 0.55);
  cairo_set_line_width (w->cr, 1);
  cairo_move_to (w->cr, MARGIN, w->y);
  cairo_line_to (w->cr, MARGIN + CONTENT_WIDTH, w->y);
  cairo_stroke (w->cr);
  w->y += 10 * w->scale;
}

static void
subheading (Writer     *w,
            const char *text)
{
  g_autofree char *markup = g_markup_escape_text (text, -1);

  w->y += 4 * w->scale;
  put (w, "Sans Bold", 11.5, 0.1, 0.1, 0.1, markup, 0, 3, 30);
}

static void
para (Writer     *w,
      const char *text)
{
  g_autofree char *markup = NULL;

  if (text == NULL || text[0] == '\0')
    return;
  markup = g_markup_escape_text (text, -1);
  put (w, "Serif", 10.5, 0.1, 0.1, 0.1, markup, 0, 6, 0);
}

static void
bullet (Writer     *w,
        const char *text)
{
  g_autofree char *markup = g_markup_printf_escaped ("•\t%s", text);

  put_full (w, "Serif", 10.5, 0.1, 0.1, 0.1, markup, 24, 12, 3, 0);
}

/* "Label: value" with the label in bold; nothing when @value is empty. */
static void
field (Writer     *w,
       const char *label,
       const char *value)
{
  g_autofree char *markup = NULL;

  if (value == NULL || value[0] == '\0')
    return;
  markup = g_markup_printf_escaped ("<b>%s:</b> %s", label, value);
  put (w, "Serif", 10.5, 0.1, 0.1, 0.1, markup, 12, 3, 0);
}

static void
missing (Writer *w)
{
  put (w, "Serif Italic", 10.5, 0.45, 0.45, 0.45, _("Not filled in yet."), 0, 6, 0);
}

static char *
pretty_date (const char *iso)
{
  GDate date;
  char text[128];

  if (!rounds_plan_parse_date (iso, &date))
    return g_strdup (iso != NULL ? iso : "");
  /* Translators: a date format for g_date_strftime(): day, month, year */
  g_date_strftime (text, sizeof text, _("%-d %B %Y"), &date);
  return g_strdup (text);
}

static char *
join_networks (JsonArray *networks)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; networks != NULL && i < json_array_get_length (networks); i++)
    {
      RoundsNetwork network = rounds_network_from_string (json_array_get_string_element (networks, i));

      if (network == ROUNDS_NETWORK_NONE)
        continue;
      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append (out, rounds_network_get_label (network));
    }
  return g_string_free (out, FALSE);
}

static const char *
or_unnamed (const char *who)
{
  return who != NULL && who[0] != '\0' ? who : _("(not named yet)");
}

/* In the printed policy, a person not named yet is a blank to fill in. */
static const char *
or_blank (const char *who)
{
  return who != NULL && who[0] != '\0' ? who : "______________";
}

typedef struct
{
  RoundsPractice *practice;
  JsonObject     *sections[ROUNDS_PLAN_N_STEPS];
  gboolean        complete[ROUNDS_PLAN_N_STEPS];
  GDate           today;
  GDate           start;
} Plan;

static void
write_cover (Writer *w,
             Plan   *plan)
{
  const char *name = rounds_practice_get_name (plan->practice);
  g_autofree char *title = g_markup_escape_text (_("Social Media Plan"), -1);
  g_autofree char *practice = g_markup_escape_text (name[0] != '\0' ? name : _("Your practice"), -1);
  g_autofree char *today = rounds_plan_format_date (&plan->today);
  g_autofree char *today_text = pretty_date (today);
  g_autofree char *start = rounds_plan_format_date (&plan->start);
  g_autofree char *start_text = pretty_date (start);
  g_autofree char *line = NULL;

  w->y = MARGIN + 140;
  put (w, "Sans Bold", 30, 0.11, 0.35, 0.55, title, 0, 10, 0);
  put (w, "Sans", 18, 0.1, 0.1, 0.1, practice, 0, 24, 0);
  line = g_strdup_printf (_("%s · Written %s · 30-day rollout from %s"),
                          rounds_practice_specialty_label (rounds_practice_get_specialty (plan->practice)),
                          today_text, start_text);
  para (w, line);
  w->y += 30;
  subheading (w, _("Contents"));
  for (guint i = ROUNDS_PLAN_STEP_GOALS; i < ROUNDS_PLAN_N_STEPS; i++)
    bullet (w, rounds_plan_step_get_title (i));
  bullet (w, _("30-Day Action Plan"));
  bullet (w, _("Social Media Policy for Staff"));
  new_page (w);
}

static void
write_goals (Writer *w,
             Plan   *plan)
{
  JsonArray *goals = rounds_plan_json_array (plan->sections[ROUNDS_PLAN_STEP_GOALS], "goals");

  heading (w, _("Goals"));
  if (goals == NULL || json_array_get_length (goals) == 0)
    {
      missing (w);
      return;
    }

  for (guint i = 0; i < json_array_get_length (goals); i++)
    {
      JsonObject *goal = json_array_get_object_element (goals, i);
      const char *kind = rounds_plan_json_string (goal, "kind");
      const char *label = g_str_equal (kind, "custom") ? rounds_plan_json_string (goal, "label")
                                                       : rounds_plan_goal_kind_label (kind);
      g_autofree char *deadline = pretty_date (rounds_plan_json_string (goal, "deadline"));
      g_autofree char *line = g_strdup_printf (_("%s: from %" PRId64 " to %" PRId64 " by %s"),
                                               rounds_plan_metric_label (rounds_plan_json_string (goal, "metric")),
                                               rounds_plan_json_int (goal, "baseline", 0),
                                               rounds_plan_json_int (goal, "target", 0),
                                               deadline);

      subheading (w, label);
      para (w, line);
    }
}

static void
write_audience (Writer *w,
                Plan   *plan)
{
  JsonArray *personas = rounds_plan_json_array (plan->sections[ROUNDS_PLAN_STEP_AUDIENCE],
                                                "personas");

  heading (w, _("Audience"));
  if (personas == NULL || json_array_get_length (personas) == 0)
    {
      missing (w);
      return;
    }

  for (guint i = 0; i < json_array_get_length (personas); i++)
    {
      JsonObject *persona = json_array_get_object_element (personas, i);
      g_autofree char *ages = g_strdup_printf (_("%" PRId64 " to %" PRId64),
                                               rounds_plan_json_int (persona, "age_min", 0),
                                               rounds_plan_json_int (persona, "age_max", 0));
      g_autofree char *networks = join_networks (rounds_plan_json_array (persona, "networks"));

      subheading (w, rounds_plan_json_string (persona, "name"));
      field (w, _("Ages"), ages);
      field (w, _("Area"), rounds_plan_json_string (persona, "area"));
      field (w, _("Needs and interests"), rounds_plan_json_string (persona, "needs"));
      field (w, _("Networks"), networks);
      field (w, _("Language"), rounds_plan_json_string (persona, "language"));
    }
}

static void
write_strategy (Writer *w,
                Plan   *plan)
{
  JsonObject *strategy = plan->sections[ROUNDS_PLAN_STEP_STRATEGY];
  JsonObject *mix = rounds_plan_json_object (strategy, "mix");
  JsonObject *cadence = rounds_plan_json_object (strategy, "cadence");
  JsonArray *formats = rounds_plan_json_array (strategy, "formats");
  const char * const *pillars = rounds_plan_pillars ();
  g_autoptr(GString) format_text = g_string_new (NULL);
  gint64 per_week = 0;

  heading (w, _("Content Strategy"));
  if (strategy == NULL)
    {
      missing (w);
      return;
    }

  subheading (w, _("Content pillars"));
  for (guint i = 0; pillars[i] != NULL; i++)
    {
      gint64 share = rounds_plan_json_int (mix, pillars[i], 0);
      g_autofree char *line = NULL;

      if (share <= 0)
        continue;
      line = g_strdup_printf (_("%s: %" PRId64 "%% of posts"),
                              rounds_plan_pillar_label (pillars[i]), share);
      bullet (w, line);
    }

  for (guint i = 0; formats != NULL && i < json_array_get_length (formats); i++)
    {
      if (format_text->len > 0)
        g_string_append (format_text, ", ");
      g_string_append (format_text,
                       rounds_plan_format_label (json_array_get_string_element (formats, i)));
    }
  subheading (w, _("Formats"));
  para (w, format_text->len > 0 ? format_text->str : _("None chosen yet."));

  subheading (w, _("Posts a week"));
  for (guint i = 0; i < ROUNDS_N_NETWORKS; i++)
    {
      RoundsNetwork network = rounds_network_from_index (i);
      gint64 n = rounds_plan_json_int (cadence, rounds_network_to_string (network), 0);
      g_autofree char *line = NULL;

      if (n <= 0)
        continue;
      per_week += n;
      line = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %d post a week",
                                           "%s: %d posts a week", n),
                              rounds_network_get_label (network), (int)n);
      bullet (w, line);
    }
  if (per_week > 0)
    {
      g_autofree char *line = g_strdup_printf (_("In all, %d posts a week, about %d in the first four weeks."),
                                               (int)per_week, (int)per_week * 4);
      para (w, line);
    }
}

static void
write_platforms (Writer *w,
                 Plan   *plan)
{
  JsonObject *platforms = plan->sections[ROUNDS_PLAN_STEP_PLATFORMS];
  JsonObject *networks = rounds_plan_json_object (platforms, "networks");
  const char * const *items = rounds_plan_profile_items ();
  g_autoptr(GPtrArray) problems = NULL;
  gboolean any = FALSE;

  heading (w, _("Platforms and Profiles"));

  for (guint i = 0; i < ROUNDS_N_NETWORKS; i++)
    {
      RoundsNetwork network = rounds_network_from_index (i);
      JsonObject *profile = rounds_plan_json_object (networks, rounds_network_to_string (network));
      g_autoptr(GString) todo = g_string_new (NULL);
      g_autoptr(GString) done = g_string_new (NULL);

      if (profile == NULL)
        continue;
      any = TRUE;

      subheading (w, rounds_network_get_label (network));
      field (w, _("Handle"), rounds_plan_json_string (profile, "handle"));
      field (w, _("Display name"), rounds_plan_json_string (profile, "display_name"));
      field (w, _("Bio"), rounds_plan_json_string (profile, "bio"));
      for (guint k = 0; items[k] != NULL; k++)
        {
          GString *to = rounds_plan_json_int (profile, items[k], 0) ? done : todo;

          if (to->len > 0)
            g_string_append (to, "; ");
          g_string_append (to, rounds_plan_profile_item_label (items[k]));
        }
      field (w, _("In place"), done->str);
      field (w, _("Still to do"), todo->str);
    }

  if (!any)
    {
      missing (w);
      return;
    }

  problems = rounds_plan_check_consistency (platforms, rounds_practice_get_name (plan->practice));
  subheading (w, _("Consistency"));
  if (problems->len == 0)
    para (w, _("Names and handles agree across networks."));
  for (guint i = 0; i < problems->len; i++)
    bullet (w, g_ptr_array_index (problems, i));
}

static void
write_crisis (Writer *w,
              Plan   *plan)
{
  JsonObject *crisis = plan->sections[ROUNDS_PLAN_STEP_CRISIS];
  JsonObject *levels = rounds_plan_json_object (crisis, "levels");
  JsonArray *escalation = rounds_plan_json_array (crisis, "escalation");
  JsonArray *templates = rounds_plan_json_array (crisis, "templates");
  const char * const *severities = rounds_plan_severities ();

  heading (w, _("Crisis Plan"));
  if (crisis == NULL)
    {
      missing (w);
      return;
    }

  subheading (w, _("Who does what"));
  field (w, _("Watches the accounts"), or_unnamed (rounds_plan_json_string (crisis, "watcher")));
  field (w, _("Writes replies"), or_unnamed (rounds_plan_json_string (crisis, "replier")));
  field (w, _("Approves replies"), or_unnamed (rounds_plan_json_string (crisis, "approver")));
  field (w, _("Privacy officer"), or_unnamed (rounds_plan_json_string (crisis, "privacy_officer")));

  if (escalation != NULL && json_array_get_length (escalation) > 0)
    {
      subheading (w, _("Escalation contacts"));
      for (guint i = 0; i < json_array_get_length (escalation); i++)
        {
          JsonObject *contact = json_array_get_object_element (escalation, i);
          const char *how = rounds_plan_json_string (contact, "contact");
          g_autofree char *line = how[0] != '\0'
            ? g_strdup_printf ("%u. %s — %s", i + 1, rounds_plan_json_string (contact, "name"), how)
            : g_strdup_printf ("%u. %s", i + 1, rounds_plan_json_string (contact, "name"));

          bullet (w, line);
        }
    }

  subheading (w, _("Severity levels"));
  for (guint i = 0; severities[i] != NULL; i++)
    {
      JsonObject *level = rounds_plan_json_object (levels, severities[i]);
      gint64 hours = rounds_plan_json_int (level, "hours", 0);
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "%s — respond within %d hour",
                                                             "%s — respond within %d hours", hours),
                                                rounds_plan_severity_label (severities[i]),
                                                (int)hours);
      g_autofree char *markup = g_markup_escape_text (title, -1);

      put (w, "Sans Bold", 10.5, 0.1, 0.1, 0.1, markup, 0, 2, 20);
      para (w, rounds_plan_json_string (level, "steps"));
    }

  subheading (w, _("Reply templates"));
  if (templates == NULL || json_array_get_length (templates) == 0)
    missing (w);
  for (guint i = 0; templates != NULL && i < json_array_get_length (templates); i++)
    {
      JsonObject *template = json_array_get_object_element (templates, i);
      g_autofree char *title = g_markup_escape_text (rounds_plan_json_string (template, "title"), -1);
      g_autofree char *text = g_markup_printf_escaped ("“%s”", rounds_plan_json_string (template, "text"));

      put (w, "Sans Bold", 10.5, 0.1, 0.1, 0.1, title, 0, 2, 20);
      put (w, "Serif Italic", 10.5, 0.2, 0.2, 0.2, text, 12, 8, 0);
    }
}

static void
write_checklist (Writer *w,
                 Plan   *plan,
                 RoundsStore *store)
{
  g_autoptr(GHashTable) ticked = rounds_store_plan_dup_done_tasks (store, NULL);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  const RoundsPlanTask *tasks;
  guint n_tasks = 0;
  double height = 0;

  tasks = rounds_plan_tasks (&n_tasks);
  for (guint i = 0; i < n_tasks; i++)
    {
      gboolean done = rounds_plan_task_is_done (&tasks[i], plan->sections[tasks[i].step],
                                                plan->complete[tasks[i].step],
                                                ticked != NULL &&
                                                g_hash_table_contains (ticked, tasks[i].id));
      g_autoptr(PangoLayout) layout = NULL;
      GDate due;
      char date[64];
      char *markup;
      int line_width, line_height;

      rounds_plan_task_get_due (&tasks[i], &plan->start, &due);
      /* Translators: a short date format for g_date_strftime(): weekday, day, month */
      g_date_strftime (date, sizeof date, _("%a %-d %b"), &due);
      markup = g_markup_printf_escaped ("%s  <b>%s</b> — %s", done ? "☑" : "☐", date,
                                        rounds_plan_task_get_title (&tasks[i]));
      layout = make_layout (w, "Serif", 10.5, markup, 0);
      pango_layout_get_pixel_size (layout, &line_width, &line_height);
      height += line_height + 4 * w->scale;
      g_ptr_array_add (lines, markup);
    }

  /* Keep the checklist on one page: heading and items. */
  if (w->y + 50 + height > BOTTOM)
    new_page (w);
  heading (w, _("30-Day Action Plan"));
  for (guint i = 0; i < lines->len; i++)
    put (w, "Serif", 10.5, 0.1, 0.1, 0.1, g_ptr_array_index (lines, i), 0, 4, 0);
}

static void
write_policy (Writer *w,
              Plan   *plan)
{
  JsonObject *crisis = plan->sections[ROUNDS_PLAN_STEP_CRISIS];
  JsonObject *strategy = plan->sections[ROUNDS_PLAN_STEP_STRATEGY];
  JsonObject *platforms = plan->sections[ROUNDS_PLAN_STEP_PLATFORMS];
  JsonObject *levels = rounds_plan_json_object (crisis, "levels");
  const char *name = rounds_practice_get_name (plan->practice);
  const char * const *phones = rounds_practice_get_phones (plan->practice);
  const char *phone = phones != NULL && phones[0] != NULL ? phones[0] : "";
  g_autoptr(GString) networks = g_string_new (NULL);
  g_autoptr(GString) themes = g_string_new (NULL);
  const char * const *pillars = rounds_plan_pillars ();
  JsonObject *chosen = rounds_plan_json_object (platforms, "networks");
  g_autofree char *intro = NULL;
  g_autofree char *who = NULL;
  g_autofree char *what = NULL;
  g_autofree char *reviews = NULL;
  g_autofree char *incident = NULL;

  for (guint i = 0; i < ROUNDS_N_NETWORKS; i++)
    {
      RoundsNetwork network = rounds_network_from_index (i);

      if (rounds_plan_json_object (chosen, rounds_network_to_string (network)) == NULL)
        continue;
      if (networks->len > 0)
        g_string_append (networks, ", ");
      g_string_append (networks, rounds_network_get_label (network));
    }
  for (guint i = 0; pillars[i] != NULL; i++)
    if (rounds_plan_json_int (rounds_plan_json_object (strategy, "mix"), pillars[i], 0) > 0)
      {
        if (themes->len > 0)
          g_string_append (themes, ", ");
        g_string_append (themes, rounds_plan_pillar_label (pillars[i]));
      }

  if (w->y > MARGIN)
    new_page (w);
  w->scale = 0.9;

  heading (w, _("Social Media Policy for Staff"));

  intro = g_strdup_printf (_("This policy applies to everyone who works at %s, on the practice’s "
                             "accounts (%s) and on their own. Patient privacy comes first, always."),
                           name[0] != '\0' ? name : _("the practice"),
                           networks->len > 0 ? networks->str : _("all networks"));
  para (w, intro);

  subheading (w, _("Who posts, who approves"));
  who = g_strdup_printf (_("%s writes posts and replies. %s approves every post and reply before it "
                           "is published. %s watches the accounts every working day. Nobody else "
                           "posts or replies for the practice."),
                         or_blank (rounds_plan_json_string (crisis, "replier")),
                         or_blank (rounds_plan_json_string (crisis, "approver")),
                         or_blank (rounds_plan_json_string (crisis, "watcher")));
  para (w, who);

  subheading (w, _("What we post"));
  what = g_strdup_printf (_("General health education and news of the practice: %s."),
                          themes->len > 0 ? themes->str : _("education, practice news and the team"));
  bullet (w, what);
  bullet (w, _("Staff photos and names only with that person’s agreement."));

  subheading (w, _("What we never post"));
  bullet (w, _("Anything that could identify a patient: names, photos, dates of birth or of visits, "
               "phone numbers, addresses, record numbers, or a description of a case."));
  bullet (w, _("Patient stories, quotes or pictures without the patient’s written authorization."));
  bullet (w, _("Advice to one person about their health, and promises such as “guaranteed”, "
               "“painless” or “100% effective”."));

  subheading (w, _("Answering reviews and comments"));
  reviews = g_strdup_printf (_("Never confirm or deny that someone is a patient, and never discuss "
                               "care in public, even when the reviewer does. Use the practice’s "
                               "reply templates, respond within %d hours, and offer to talk by "
                               "phone%s%s."),
                             (int)rounds_plan_json_int (rounds_plan_json_object (levels, "negative_review"),
                                                        "hours", 24),
                             phone[0] != '\0' ? _(" at ") : "", phone);
  para (w, reviews);

  subheading (w, _("If something private is posted"));
  {
    int hours = (int)rounds_plan_json_int (rounds_plan_json_object (levels, "privacy_incident"),
                                           "hours", 1);

    incident = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Remove it at once and tell the privacy officer, %s, "
                                             "within %d hour. Do not delete the record of what "
                                             "happened: write down what was shown, where and for "
                                             "how long.",
                                             "Remove it at once and tell the privacy officer, %s, "
                                             "within %d hours. Do not delete the record of what "
                                             "happened: write down what was shown, where and for "
                                             "how long.", hours),
                                or_blank (rounds_plan_json_string (crisis, "privacy_officer")),
                                hours);
  }
  para (w, incident);

  subheading (w, _("Your own accounts"));
  para (w, _("Do not post about patients or your work with them on your own accounts, even without "
             "names. Do not answer questions about the practice’s patients; pass them on."));

  w->y += 16;
  para (w, _("Read and understood:  ______________________________    Date:  ______________"));
  w->scale = 1.0;
}

/**
 * rounds_plan_pdf_write:
 *
 * Writes the whole plan of @context's practice to @path as a PDF.
 */
gboolean
rounds_plan_pdf_write (RoundsContext  *context,
                       const char     *path,
                       GError        **error)
{
  RoundsStore *store;
  cairo_surface_t *surface;
  cairo_status_t status;
  g_autoptr(GTimeZone) tz = NULL;
  g_autofree char *start = NULL;
  g_autofree char *footer = NULL;
  Writer w = { 0 };
  Plan plan = { 0 };

  g_return_val_if_fail (ROUNDS_IS_CONTEXT (context), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  store = rounds_context_get_store (context);
  tz = rounds_context_dup_time_zone (context);
  plan.practice = rounds_store_get_practice (store);
  plan.today = rounds_plan_today (tz, rounds_clock_get_now (rounds_context_get_clock (context)));
  start = rounds_store_plan_dup_value (store, "plan.start", NULL);
  if (!rounds_plan_parse_date (start, &plan.start))
    plan.start = plan.today;
  for (guint i = 0; i < ROUNDS_PLAN_N_STEPS; i++)
    {
      gint64 completed_at = 0;

      plan.sections[i] = rounds_store_plan_load_section (store, rounds_plan_step_to_string (i),
                                                         &completed_at, NULL);
      plan.complete[i] = completed_at > 0;
    }

  surface = cairo_pdf_surface_create (path, PAGE_WIDTH, PAGE_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, _("Social Media Plan"));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Rounds");
  w.cr = cairo_create (surface);
  w.page = 1;
  w.y = MARGIN;
  w.scale = 1.0;
  footer = g_strdup_printf (_("%s — Social Media Plan"),
                            rounds_practice_get_name (plan.practice)[0] != '\0'
                              ? rounds_practice_get_name (plan.practice) : _("Your practice"));
  w.footer = footer;

  write_cover (&w, &plan);
  write_goals (&w, &plan);
  write_audience (&w, &plan);
  write_strategy (&w, &plan);
  write_platforms (&w, &plan);
  write_crisis (&w, &plan);
  write_checklist (&w, &plan, store);
  write_policy (&w, &plan);
  draw_footer (&w);
  cairo_show_page (w.cr);

  cairo_destroy (w.cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  for (guint i = 0; i < ROUNDS_PLAN_N_STEPS; i++)
    g_clear_pointer (&plan.sections[i], json_object_unref);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write the PDF: %s"),
                   cairo_status_to_string (status));
      return FALSE;
    }

  return TRUE;
}
