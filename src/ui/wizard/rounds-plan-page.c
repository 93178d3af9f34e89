/* rounds-plan-page.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-plan-page"

#include "config.h"

#include <glib/gi18n.h>

#include "rounds-offline.h"
#include "rounds-plan.h"
#include "rounds-plan-audience.h"
#include "rounds-plan-checklist.h"
#include "rounds-plan-crisis.h"
#include "rounds-plan-goals.h"
#include "rounds-plan-page.h"
#include "rounds-plan-pdf.h"
#include "rounds-plan-platforms.h"
#include "rounds-plan-schedule.h"
#include "rounds-plan-strategy.h"
#include "rounds-practice-form.h"
#include "rounds-store-plan.h"
#include "rounds-toast.h"

/* The Plan place: the rollout wizard (six steps in a side list with
 * completion marks) and the 30-day checklist. Each step is saved a
 * moment after it is edited, finished or not, and marked complete when
 * the core's checks pass; Continue (or Enter in an entry) checks the
 * step, shows what to fix next to the field, and moves on. */

#define SAVE_DELAY_MS 400
#define N_PAGES (ROUNDS_PLAN_N_STEPS + 1)

struct _RoundsPlanPage
{
  AdwBin               parent_instance;

  AdwLeaflet          *leaflet;
  GtkWidget           *sidebar;
  GtkWidget           *content;
  GtkListBox          *steps_list;
  GtkLabel            *progress_label;
  GtkLabel            *step_title;
  GtkStack            *content_stack;
  GtkWidget           *footer;
  GtkButton           *back_button;
  GtkButton           *continue_button;
  GtkLabel            *saved_label;
  RoundsPracticeForm  *practice_form;
  RoundsPlanGoals     *goals_step;
  RoundsPlanAudience  *audience_step;
  RoundsPlanStrategy  *strategy_step;
  RoundsPlanPlatforms *platforms_step;
  RoundsPlanCrisis    *crisis_step;
  RoundsPlanChecklist *checklist;

  RoundsContext       *context;
  gulong               practice_handler;
  gulong               rows_handler;      /* another PC changed the plan */
  gulong               online_handler;    /* the practice server came or went */
  GtkWidget           *rows[N_PAGES];
  GtkWidget           *marks[ROUNDS_PLAN_N_STEPS];
  gboolean             complete[ROUNDS_PLAN_N_STEPS];
  guint                current;
  guint                save_id;
  int                  pending;   /* step with unsaved edits, or -1 */
};

G_DEFINE_FINAL_TYPE (RoundsPlanPage, rounds_plan_page, ADW_TYPE_BIN)

static void update_online (RoundsPlanPage *self);
static void on_step_changed_cb (RoundsPlanStepView *view, RoundsPlanPage *self);
static void on_step_next_cb (RoundsPlanStepView *view, RoundsPlanPage *self);

static const char * const page_names[N_PAGES] = {
  "profile", "goals", "audience", "strategy", "platforms", "crisis", "checklist"
};

static RoundsPlanStepView *
view_for_step (RoundsPlanPage *self,
               guint           step)
{
  switch (step)
    {
    case ROUNDS_PLAN_STEP_GOALS:     return ROUNDS_PLAN_STEP_VIEW (self->goals_step);
    case ROUNDS_PLAN_STEP_AUDIENCE:  return ROUNDS_PLAN_STEP_VIEW (self->audience_step);
    case ROUNDS_PLAN_STEP_STRATEGY:  return ROUNDS_PLAN_STEP_VIEW (self->strategy_step);
    case ROUNDS_PLAN_STEP_PLATFORMS: return ROUNDS_PLAN_STEP_VIEW (self->platforms_step);
    case ROUNDS_PLAN_STEP_CRISIS:    return ROUNDS_PLAN_STEP_VIEW (self->crisis_step);
    default:                         return NULL;
    }
}

/* Loads @step's saved answers into its view. */
static void
load_step (RoundsPlanPage *self,
           guint           step)
{
  RoundsPlanStepView *view = view_for_step (self, step);
  g_autoptr(JsonObject) data = NULL;

  if (view == NULL || self->context == NULL)
    return;
  data = rounds_store_plan_load_section (rounds_context_get_store (self->context),
                                         rounds_plan_step_to_string (step), NULL, NULL);
  rounds_plan_step_view_load (view, data, self->context);
}

static void on_practice_saved_cb (RoundsPlanPage *self, RoundsPractice *practice);

/* The steps and the checklist are made when first shown, not with the
 * page: the page is built on the first switch to Plan, and making all
 * seven then was a third of that switch (bench/README.md, "switch12");
 * the profile form, made but hidden on a practice set up at welcome, was
 * a third of what was left ("switch14b"). Returns: (transfer none):
 * @index's page. */
static GtkWidget *
ensure_page (RoundsPlanPage *self,
             guint           index)
{
  GtkWidget **slot;
  GType type;

  switch (index)
    {
    case ROUNDS_PLAN_STEP_GOALS:
      slot = (GtkWidget **)&self->goals_step;     type = ROUNDS_TYPE_PLAN_GOALS;     break;
    case ROUNDS_PLAN_STEP_AUDIENCE:
      slot = (GtkWidget **)&self->audience_step;  type = ROUNDS_TYPE_PLAN_AUDIENCE;  break;
    case ROUNDS_PLAN_STEP_STRATEGY:
      slot = (GtkWidget **)&self->strategy_step;  type = ROUNDS_TYPE_PLAN_STRATEGY;  break;
    case ROUNDS_PLAN_STEP_PLATFORMS:
      slot = (GtkWidget **)&self->platforms_step; type = ROUNDS_TYPE_PLAN_PLATFORMS; break;
    case ROUNDS_PLAN_STEP_CRISIS:
      slot = (GtkWidget **)&self->crisis_step;    type = ROUNDS_TYPE_PLAN_CRISIS;    break;
    case ROUNDS_PLAN_PAGE_CHECKLIST:
      slot = (GtkWidget **)&self->checklist;      type = ROUNDS_TYPE_PLAN_CHECKLIST; break;
    default:
      if (self->practice_form == NULL)
        {
          self->practice_form = g_object_new (ROUNDS_TYPE_PRACTICE_FORM, NULL);
          g_signal_connect_swapped (self->practice_form, "saved",
                                    G_CALLBACK (on_practice_saved_cb), self);
          gtk_stack_add_named (self->content_stack, GTK_WIDGET (self->practice_form),
                               page_names[ROUNDS_PLAN_STEP_PROFILE]);
          if (self->context != NULL)
            rounds_practice_form_set_practice (self->practice_form,
                                               rounds_store_get_practice (rounds_context_get_store (self->context)));
          rounds_offline_apply (GTK_WIDGET (self->practice_form),
                                self->context != NULL ? rounds_context_get_store (self->context)
                                                      : NULL, TRUE, NULL);
        }
      return GTK_WIDGET (self->practice_form);
    }

  if (*slot != NULL)
    return *slot;

  *slot = g_object_new (type, NULL);
  gtk_stack_add_named (self->content_stack, *slot, page_names[index]);
  if (index == ROUNDS_PLAN_PAGE_CHECKLIST)
    {
      if (self->context != NULL)
        rounds_plan_checklist_set_context (self->checklist, self->context);
    }
  else
    {
      g_signal_connect (*slot, "changed", G_CALLBACK (on_step_changed_cb), self);
      g_signal_connect (*slot, "next", G_CALLBACK (on_step_next_cb), self);
      load_step (self, index);
    }
  rounds_offline_apply (*slot, self->context != NULL ? rounds_context_get_store (self->context)
                                                     : NULL, TRUE, NULL);
  return *slot;
}

/* The checklist follows the steps' marks, once it is made. */
static void
refresh_checklist (RoundsPlanPage *self)
{
  if (self->checklist != NULL)
    rounds_plan_checklist_refresh (self->checklist);
}

static RoundsPlanCheck
make_check (RoundsPlanPage *self)
{
  RoundsPlanCheck check = { 0 };
  g_autoptr(GTimeZone) tz = rounds_context_dup_time_zone (self->context);

  check.today = rounds_plan_today (tz, rounds_clock_get_now (rounds_context_get_clock (self->context)));
  check.scanner = rounds_context_get_scanner (self->context);
  /* The practice's own phones, names and website are not patient data. */
  check.profile = rounds_context_dup_compliance_profile (self->context);
  return check;
}

static void
update_marks (RoundsPlanPage *self)
{
  guint n_complete = 0;
  g_autofree char *progress = NULL;

  for (guint i = 0; i < ROUNDS_PLAN_N_STEPS; i++)
    {
      g_autofree char *label = NULL;

      gtk_widget_set_opacity (self->marks[i], self->complete[i] ? 1.0 : 0.0);
      label = self->complete[i]
        ? g_strdup_printf (_("%s, complete"), rounds_plan_step_get_title (i))
        : g_strdup_printf (_("%s, not complete"), rounds_plan_step_get_title (i));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->rows[i]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      n_complete += self->complete[i];
    }

  progress = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u step complete",
                                           "%u of %u steps complete", ROUNDS_PLAN_N_STEPS),
                              n_complete, ROUNDS_PLAN_N_STEPS);
  gtk_label_set_text (self->progress_label, progress);
}

static void
read_completion (RoundsPlanPage *self)
{
  RoundsStore *store = rounds_context_get_store (self->context);

  for (guint i = 0; i < ROUNDS_PLAN_N_STEPS; i++)
    {
      g_autoptr(JsonObject) data = NULL;
      gint64 completed_at = 0;

      data = rounds_store_plan_load_section (store, rounds_plan_step_to_string (i), &completed_at,
                                             NULL);
      self->complete[i] = completed_at > 0;
    }
}

/* Saves @step as it is on screen. Returns whether it passes its checks;
 * with @show_errors, what to fix is shown next to the field. */
static gboolean
save_step (RoundsPlanPage *self,
           guint           step,
           gboolean        show_errors)
{
  RoundsPlanStepView *view = view_for_step (self, step);
  g_autoptr(JsonObject) data = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) save_error = NULL;
  g_autofree char *field = NULL;
  RoundsPlanCheck check;
  gboolean valid;

  if (self->context == NULL || view == NULL)
    return TRUE;

  if (self->pending == (int)step)
    {
      g_clear_handle_id (&self->save_id, g_source_remove);
      self->pending = -1;
    }

  data = rounds_plan_step_view_dup_data (view);
  check = make_check (self);
  valid = rounds_plan_validate (step, data, &check, &field, &error);
  g_clear_object (&check.profile);

  if (!rounds_store_plan_save_section (rounds_context_get_store (self->context),
                                       rounds_plan_step_to_string (step), data, valid, &save_error))
    {
      AdwToastOverlay *overlay = _rounds_plan_find_toast_overlay (GTK_WIDGET (self));

      g_warning ("Could not save the plan step %s: %s", rounds_plan_step_to_string (step),
                 save_error->message);
      if (overlay != NULL)
        adw_toast_overlay_add_toast (overlay, rounds_toast_new_plain (save_error->message));
      return FALSE;
    }

  gtk_label_set_text (self->saved_label, _("Saved"));

  if (!valid && show_errors)
    rounds_plan_step_view_show_error (view, field, error->message);
  else if (valid)
    rounds_plan_step_view_clear_errors (view);

  if (self->complete[step] != valid)
    {
      self->complete[step] = valid;
      update_marks (self);
      refresh_checklist (self);
    }

  return valid;
}

static gboolean
save_timeout_cb (gpointer data)
{
  RoundsPlanPage *self = data;
  int step = self->pending;

  self->save_id = 0;
  self->pending = -1;
  if (step >= 0)
    save_step (self, step, FALSE);
  return G_SOURCE_REMOVE;
}

static void
on_step_changed_cb (RoundsPlanStepView *view,
                    RoundsPlanPage     *self)
{
  for (guint i = 0; i < ROUNDS_PLAN_N_STEPS; i++)
    if (view_for_step (self, i) == view)
      {
        if (self->pending >= 0 && self->pending != (int)i)
          save_step (self, self->pending, FALSE);
        self->pending = i;
      }

  gtk_label_set_text (self->saved_label, "");
  g_clear_handle_id (&self->save_id, g_source_remove);
  self->save_id = g_timeout_add (SAVE_DELAY_MS, save_timeout_cb, self);
}

/**
 * rounds_plan_page_flush:
 *
 * Saves edits that are still waiting for their pause.
 */
void
rounds_plan_page_flush (RoundsPlanPage *self)
{
  g_return_if_fail (ROUNDS_IS_PLAN_PAGE (self));

  if (self->pending >= 0)
    save_step (self, self->pending, FALSE);
}

static void
select_row (RoundsPlanPage *self,
            guint           index)
{
  gtk_list_box_select_row (self->steps_list, GTK_LIST_BOX_ROW (self->rows[index]));
}

/**
 * rounds_plan_page_show:
 * @index: a step (0–5) or %ROUNDS_PLAN_PAGE_CHECKLIST
 */
void
rounds_plan_page_show (RoundsPlanPage *self,
                       guint           index)
{
  g_return_if_fail (ROUNDS_IS_PLAN_PAGE (self));
  g_return_if_fail (index < N_PAGES);

  rounds_plan_page_flush (self);

  self->current = index;
  /* The page as made, before it has a practice, shows no step: the
   * profile form (a third of the first switch's main thread, switch15)
   * is made only when a practice opens on it or the user goes to it. */
  if (self->context != NULL || index != ROUNDS_PLAN_STEP_PROFILE)
    {
      ensure_page (self, index);
      gtk_stack_set_visible_child_name (self->content_stack, page_names[index]);
    }
  select_row (self, index);

  if (index == ROUNDS_PLAN_STEP_PLATFORMS && self->context != NULL)
    {
      /* The audience may have changed since: recommend again, and choose
       * for the user while the step was never saved. */
      g_autoptr(JsonObject) saved = NULL;

      saved = rounds_store_plan_load_section (rounds_context_get_store (self->context),
                                              "platforms", NULL, NULL);
      rounds_plan_platforms_update_recommended (self->platforms_step, saved == NULL);
    }

  if (index == ROUNDS_PLAN_PAGE_CHECKLIST)
    {
      gtk_label_set_text (self->step_title, _("30-Day Action Plan"));
      refresh_checklist (self);
    }
  else
    {
      g_autofree char *title = g_strdup_printf (_("Step %u of %u: %s"), index + 1,
                                                ROUNDS_PLAN_N_STEPS,
                                                rounds_plan_step_get_title (index));
      gtk_label_set_text (self->step_title, title);
    }

  /* The profile form has its own “Save and Continue”. */
  gtk_widget_set_visible (self->footer, index != ROUNDS_PLAN_STEP_PROFILE &&
                                        index != ROUNDS_PLAN_PAGE_CHECKLIST);
  gtk_button_set_label (self->continue_button, index == ROUNDS_PLAN_STEP_CRISIS
                                               ? _("_Finish") : _("Con_tinue"));
  gtk_label_set_text (self->saved_label, "");
  update_online (self);

  adw_leaflet_set_visible_child (self->leaflet, self->content);
}

guint
rounds_plan_page_get_current (RoundsPlanPage *self)
{
  g_return_val_if_fail (ROUNDS_IS_PLAN_PAGE (self), 0);
  return self->current;
}

gboolean
rounds_plan_page_is_step_complete (RoundsPlanPage *self,
                                   guint           step)
{
  g_return_val_if_fail (ROUNDS_IS_PLAN_PAGE (self), FALSE);
  g_return_val_if_fail (step < ROUNDS_PLAN_N_STEPS, FALSE);
  return self->complete[step];
}

static void
focus_first_field (RoundsPlanPage *self)
{
  GtkWidget *child = gtk_stack_get_visible_child (self->content_stack);

  if (child != NULL)
    gtk_widget_child_focus (child, GTK_DIR_TAB_FORWARD);
}

static void
on_continue_clicked_cb (RoundsPlanPage *self)
{
  guint step = self->current;

  if (step == ROUNDS_PLAN_STEP_PROFILE)
    {
      if (self->practice_form != NULL)
        rounds_practice_form_save (self->practice_form);
      return;
    }
  if (step >= ROUNDS_PLAN_N_STEPS)
    return;

  if (!save_step (self, step, TRUE))
    return;

  rounds_plan_page_show (self, step + 1);
  focus_first_field (self);
}

static void
on_step_next_cb (RoundsPlanStepView *view,
                 RoundsPlanPage     *self)
{
  on_continue_clicked_cb (self);
}

static void
on_back_clicked_cb (RoundsPlanPage *self)
{
  if (self->current > 0)
    {
      rounds_plan_page_show (self, self->current - 1);
      focus_first_field (self);
    }
}

static void
on_steps_clicked_cb (RoundsPlanPage *self)
{
  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
}

static void
on_step_row_activated_cb (RoundsPlanPage *self,
                          GtkListBoxRow  *row)
{
  for (guint i = 0; i < N_PAGES; i++)
    if (self->rows[i] == GTK_WIDGET (row))
      rounds_plan_page_show (self, i);
}

static void
on_practice_saved_cb (RoundsPlanPage *self,
                      RoundsPractice *practice)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) empty = json_object_new ();
  RoundsStore *store;

  if (self->context == NULL)
    return;

  store = rounds_context_get_store (self->context);
  if (!rounds_store_save_practice (store, practice, &error) ||
      !rounds_store_plan_save_section (store, "profile", empty, TRUE, &error))
    {
      AdwToastOverlay *overlay = _rounds_plan_find_toast_overlay (GTK_WIDGET (self));

      g_warning ("Could not save the practice profile: %s", error->message);
      if (overlay != NULL)
        adw_toast_overlay_add_toast (overlay, rounds_toast_new_plain (error->message));
      return;
    }

  self->complete[ROUNDS_PLAN_STEP_PROFILE] = TRUE;
  update_marks (self);
  refresh_checklist (self);
  rounds_plan_page_show (self, ROUNDS_PLAN_STEP_GOALS);
  focus_first_field (self);
}

/* The practice is saved by the welcome page's set-up form or by
 * Preferences too: a practice that is set up has its first step done. */
/* Another PC changed a step of the plan (a practice server): the step
 * shows it, unless it has edits of its own not yet saved here; the marks
 * and the checklist follow. */
static void
on_row_changed_cb (RoundsPlanPage *self,
                   const char     *table,
                   const char     *key)
{
  RoundsPlanStep step;
  RoundsPlanStepView *view;

  if (self->context == NULL || !g_str_has_prefix (table, "plan_"))
    return;

  if (g_str_equal (table, "plan_sections") && rounds_plan_step_from_string (key, &step) &&
      (int)step != self->pending && (view = view_for_step (self, step)) != NULL)
    {
      g_autoptr(JsonObject) data = NULL;

      data = rounds_store_plan_load_section (rounds_context_get_store (self->context), key, NULL,
                                             NULL);
      rounds_plan_step_view_load (view, data, self->context);
    }
  read_completion (self);
  update_marks (self);
  refresh_checklist (self);
}

static void
on_practice_changed_cb (RoundsPlanPage *self)
{
  RoundsStore *store;
  RoundsPractice *practice;
  g_autoptr(JsonObject) empty = NULL;

  if (self->context == NULL)
    return;

  store = rounds_context_get_store (self->context);
  practice = rounds_store_get_practice (store);
  if (self->current != ROUNDS_PLAN_STEP_PROFILE && self->practice_form != NULL)
    rounds_practice_form_set_practice (self->practice_form, practice);

  if (self->complete[ROUNDS_PLAN_STEP_PROFILE] || !rounds_practice_is_set_up (practice))
    return;

  empty = json_object_new ();
  if (!rounds_store_plan_save_section (store, "profile", empty, TRUE, NULL))
    return;

  self->complete[ROUNDS_PLAN_STEP_PROFILE] = TRUE;
  update_marks (self);
  refresh_checklist (self);
  if (self->current == ROUNDS_PLAN_STEP_PROFILE)
    rounds_plan_page_show (self, ROUNDS_PLAN_STEP_GOALS);
}

static void
on_export_response_cb (GtkNativeDialog *dialog,
                       int              response,
                       RoundsPlanPage  *self)
{
  AdwToastOverlay *overlay = _rounds_plan_find_toast_overlay (GTK_WIDGET (self));

  if (response == GTK_RESPONSE_ACCEPT && self->context != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;
      AdwToast *toast;

      if (path != NULL && rounds_plan_pdf_write (self->context, path, &error))
        toast = adw_toast_new (_("Plan exported"));
      else
        {
          g_autofree char *message = g_strdup_printf (_("Could not export the plan: %s"),
                                                      error != NULL ? error->message
                                                                    : _("not a local file"));
          toast = rounds_toast_new_plain (message);
        }

      if (overlay != NULL)
        adw_toast_overlay_add_toast (overlay, toast);
      else
        g_object_unref (g_object_ref_sink (toast));
    }

  g_object_unref (dialog);
}

static void
on_export_clicked_cb (RoundsPlanPage *self)
{
  GtkFileChooserNative *dialog;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  rounds_plan_page_flush (self);

  dialog = gtk_file_chooser_native_new (_("Export Plan"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), _("Social Media Plan.pdf"));
  g_signal_connect (dialog, "response", G_CALLBACK (on_export_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static GtkWidget *
step_row_new (RoundsPlanPage *self,
              const char     *number,
              const char     *title,
              GtkWidget     **mark)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *number_label = gtk_label_new (number);
  GtkWidget *title_label = gtk_label_new (title);
  GtkWidget *icon = g_object_new (GTK_TYPE_IMAGE, "icon-name", "object-select-symbolic",
                                  "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL);

  gtk_widget_add_css_class (number_label, "dim-label");
  gtk_widget_add_css_class (number_label, "numeric");
  gtk_widget_set_size_request (number_label, 16, -1);
  gtk_label_set_xalign (GTK_LABEL (title_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title_label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (title_label, TRUE);
  gtk_widget_add_css_class (icon, "success");
  gtk_widget_set_opacity (icon, 0);

  gtk_box_append (GTK_BOX (box), number_label);
  gtk_box_append (GTK_BOX (box), title_label);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);

  if (mark != NULL)
    *mark = icon;
  else
    gtk_widget_set_visible (icon, FALSE);

  return row;
}

static void
rounds_plan_page_dispose (GObject *object)
{
  RoundsPlanPage *self = ROUNDS_PLAN_PAGE (object);

  if (self->context != NULL)
    {
      rounds_plan_page_flush (self);
      g_clear_signal_handler (&self->practice_handler, rounds_context_get_store (self->context));
      g_clear_signal_handler (&self->rows_handler, rounds_context_get_store (self->context));
      g_clear_signal_handler (&self->online_handler, rounds_context_get_store (self->context));
    }
  g_clear_handle_id (&self->save_id, g_source_remove);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (rounds_plan_page_parent_class)->dispose (object);
}

static void
rounds_plan_page_class_init (RoundsPlanPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rounds_plan_page_dispose;

  g_type_ensure (ROUNDS_TYPE_PRACTICE_FORM);
  g_type_ensure (ROUNDS_TYPE_PLAN_GOALS);
  g_type_ensure (ROUNDS_TYPE_PLAN_AUDIENCE);
  g_type_ensure (ROUNDS_TYPE_PLAN_STRATEGY);
  g_type_ensure (ROUNDS_TYPE_PLAN_PLATFORMS);
  g_type_ensure (ROUNDS_TYPE_PLAN_CRISIS);
  g_type_ensure (ROUNDS_TYPE_PLAN_CHECKLIST);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/rounds-plan-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RoundsPlanPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, RoundsPlanPage, sidebar);
  gtk_widget_class_bind_template_child (widget_class, RoundsPlanPage, content);
  gtk_widget_class_bind_template_child (widget_class, RoundsPlanPage, steps_list);
  gtk_widget_class_bind_template_child (widget_class, RoundsPlanPage, progress_label);
  gtk_widget_class_bind_template_child (widget_class, RoundsPlanPage, step_title);
  gtk_widget_class_bind_template_child (widget_class, RoundsPlanPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, RoundsPlanPage, footer);
  gtk_widget_class_bind_template_child (widget_class, RoundsPlanPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, RoundsPlanPage, continue_button);
  gtk_widget_class_bind_template_child (widget_class, RoundsPlanPage, saved_label);
  gtk_widget_class_bind_template_callback (widget_class, on_step_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_continue_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_steps_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_export_clicked_cb);
}

static void
rounds_plan_page_init (RoundsPlanPage *self)
{
  self->pending = -1;

  /* Its checks run on the main thread: the scanner, not loaded at start,
   * is loaded on a worker meanwhile (issue 17). */
  rounds_scanner_get_default_async (NULL, NULL, NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < ROUNDS_PLAN_N_STEPS; i++)
    {
      g_autofree char *number = g_strdup_printf ("%u", i + 1);

      self->rows[i] = step_row_new (self, number, rounds_plan_step_get_title (i), &self->marks[i]);
      gtk_list_box_append (self->steps_list, self->rows[i]);
    }

  self->rows[ROUNDS_PLAN_PAGE_CHECKLIST] = step_row_new (self, "", _("30-Day Action Plan"), NULL);
  gtk_widget_add_css_class (self->rows[ROUNDS_PLAN_PAGE_CHECKLIST], "plan-checklist-row");
  gtk_list_box_append (self->steps_list, self->rows[ROUNDS_PLAN_PAGE_CHECKLIST]);

  gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
  rounds_plan_page_show (self, 0);
}

/* While the practice server cannot be reached the plan is read-only:
 * the steps' fields, the checklist's ticks and Continue are off and say
 * why, and so does the line beside Continue. Back online, on again. */
static void
update_online (RoundsPlanPage *self)
{
  RoundsStore *store = self->context != NULL ? rounds_context_get_store (self->context) : NULL;
  GtkWidget *parts[] = {
    GTK_WIDGET (self->practice_form), GTK_WIDGET (self->goals_step),
    GTK_WIDGET (self->audience_step), GTK_WIDGET (self->strategy_step),
    GTK_WIDGET (self->platforms_step), GTK_WIDGET (self->crisis_step),
    GTK_WIDGET (self->checklist), GTK_WIDGET (self->continue_button),
  };
  gboolean offline = store != NULL && !rounds_store_get_online (store);

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (parts[i] != NULL)   /* a step not made yet is told when it is */
      rounds_offline_apply (parts[i], store, TRUE, NULL);
  if (offline)
    gtk_label_set_text (self->saved_label, _("Read-only: the practice server cannot be reached"));
  else if (g_strcmp0 (gtk_label_get_text (self->saved_label),
                      _("Read-only: the practice server cannot be reached")) == 0)
    gtk_label_set_text (self->saved_label, "");
}

/**
 * rounds_plan_page_set_context:
 *
 * Shows the plan of @context's practice. The first time a practice opens
 * its plan, the 30 days start today. Opens on the first step that is
 * not complete (the checklist when every step is).
 */
void
rounds_plan_page_set_context (RoundsPlanPage *self,
                              RoundsContext  *context)
{
  RoundsStore *store;
  g_autofree char *start = NULL;
  guint first_open = ROUNDS_PLAN_PAGE_CHECKLIST;
  GtkStackTransitionType transition;

  g_return_if_fail (ROUNDS_IS_PLAN_PAGE (self));

  if (self->context == context)
    return;

  if (self->context != NULL)
    {
      rounds_plan_page_flush (self);
      /* The real practice's store outlives a switch to the sample. */
      g_clear_signal_handler (&self->practice_handler, rounds_context_get_store (self->context));
      g_clear_signal_handler (&self->rows_handler, rounds_context_get_store (self->context));
      g_clear_signal_handler (&self->online_handler, rounds_context_get_store (self->context));
    }
  g_clear_handle_id (&self->save_id, g_source_remove);
  self->pending = -1;
  g_set_object (&self->context, context);

  gtk_widget_set_sensitive (GTK_WIDGET (self), context != NULL);
  update_online (self);
  if (context == NULL)
    {
      if (self->checklist != NULL)
        rounds_plan_checklist_set_context (self->checklist, NULL);
      return;
    }

  store = rounds_context_get_store (context);
  self->practice_handler =
    g_signal_connect_object (store, "practice-changed", G_CALLBACK (on_practice_changed_cb), self,
                             G_CONNECT_SWAPPED);
  self->rows_handler =
    g_signal_connect_object (store, "row-changed", G_CALLBACK (on_row_changed_cb), self,
                             G_CONNECT_SWAPPED);
  self->online_handler =
    g_signal_connect_object (store, "notify::online", G_CALLBACK (update_online), self,
                             G_CONNECT_SWAPPED);

  start = rounds_store_plan_dup_value (store, "plan.start", NULL);
  if (start == NULL)
    {
      g_autoptr(GTimeZone) tz = rounds_context_dup_time_zone (context);
      GDate today = rounds_plan_today (tz, rounds_clock_get_now (rounds_context_get_clock (context)));
      g_autofree char *today_text = rounds_plan_format_date (&today);

      rounds_store_plan_set_value (store, "plan.start", today_text, NULL);
    }

  if (self->practice_form != NULL)
    rounds_practice_form_set_practice (self->practice_form, rounds_store_get_practice (store));
  /* The steps made so far (the others load when made) */
  for (guint i = 0; i < ROUNDS_PLAN_N_STEPS; i++)
    load_step (self, i);

  read_completion (self);
  if (!self->complete[ROUNDS_PLAN_STEP_PROFILE] &&
      rounds_practice_is_set_up (rounds_store_get_practice (store)))
    {
      /* Set up on the welcome page: the profile step is already done. */
      g_autoptr(JsonObject) empty = json_object_new ();

      if (rounds_store_plan_save_section (store, "profile", empty, TRUE, NULL))
        self->complete[ROUNDS_PLAN_STEP_PROFILE] = TRUE;
    }

  update_marks (self);
  if (self->checklist != NULL)
    rounds_plan_checklist_set_context (self->checklist, context);

  for (guint i = 0; i < ROUNDS_PLAN_N_STEPS; i++)
    if (!self->complete[i])
      {
        first_open = i;
        break;
      }

  /* Opening a practice is not a move between steps: the first open step
   * shows at once. The page is on screen here (built on its first
   * switch), and a crossfade from the profile drew two steps a frame
   * for its 200 ms: most of the first switch to Plan's paint. */
  transition = gtk_stack_get_transition_type (self->content_stack);
  gtk_stack_set_transition_type (self->content_stack, GTK_STACK_TRANSITION_TYPE_NONE);
  rounds_plan_page_show (self, first_open);
  gtk_stack_set_transition_type (self->content_stack, transition);
}
