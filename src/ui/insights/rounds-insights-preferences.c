/* rounds-insights-preferences.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-insights-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "rounds-insights-preferences.h"
#include "rounds-store-insights.h"

/* The Insights page of Preferences: what an hour of each role costs, what
 * a new patient is worth, and whether the editor tags the practice's own
 * links for Google Analytics. They belong to the practice, so they are
 * kept in its database, not in GSettings (docs/decisions.md). */

static const char * const roles[] = { "writer", "approver", "manager", "designer", NULL };

/* What one money row sets: a role's hourly rate, or (role NULL) the
 * value of a new patient. */
typedef struct
{
  RoundsContext *context;   /* borrowed: the closure goes with it */
  const char    *role;      /* one of roles[], static */
} MoneyRow;

static void
money_row_free (gpointer  data,
                GClosure *closure)
{
  g_free (data);
}

static void
on_rate_changed_cb (GtkSpinButton *spin,
                    MoneyRow      *money)
{
  RoundsStore *store = rounds_context_get_store (money->context);
  gint64 cents = (gint64)(gtk_spin_button_get_value (spin) * 100 + 0.5);

  if (money->role != NULL)
    rounds_store_set_hourly_rate (store, money->role, cents, NULL);
  else
    rounds_store_set_patient_value (store, cents, NULL);
}

static void
on_utm_changed_cb (GtkSwitch     *button,
                   GParamSpec    *pspec,
                   RoundsContext *context)
{
  rounds_store_set_utm_enabled (rounds_context_get_store (context),
                                gtk_switch_get_active (button), NULL);
}

static GtkWidget *
money_row (AdwPreferencesGroup *group,
           RoundsContext       *context,
           const char          *title,
           const char          *subtitle,
           const char          *role,
           gint64               cents)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (0, 100000, 1);
  MoneyRow *money;
  GClosure *closure;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), 2);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), cents / 100.0);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  money = g_new0 (MoneyRow, 1);
  money->context = context;
  money->role = role;
  /* As g_signal_connect_object(): disconnected when the context goes. */
  closure = g_cclosure_new (G_CALLBACK (on_rate_changed_cb), money, money_row_free);
  g_object_watch_closure (G_OBJECT (context), closure);
  g_signal_connect_closure (spin, "value-changed", closure, FALSE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  adw_preferences_group_add (group, row);
  return spin;
}

/**
 * rounds_insights_preferences_add:
 * @context: (nullable): the open practice; without one, nothing is added
 */
void
rounds_insights_preferences_add (AdwPreferencesWindow *window,
                                 RoundsContext        *context)
{
  RoundsStore *store;
  GtkWidget *page, *row, *toggle;
  AdwPreferencesGroup *rates, *value, *links;
  const char *labels[] = { _("Writer ($ an hour)"), _("Approver ($ an hour)"),
                           _("Practice manager ($ an hour)"), _("Designer ($ an hour)") };

  g_return_if_fail (ADW_IS_PREFERENCES_WINDOW (window));
  if (context == NULL)
    return;
  store = rounds_context_get_store (context);

  page = adw_preferences_page_new ();
  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (page), _("Insights"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (page), "x-office-spreadsheet-symbolic");

  rates = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (rates, _("Hourly Rates"));
  adw_preferences_group_set_description (rates, _("What an hour of each role costs the practice. "
                                                  "Time spent on social media is counted at these "
                                                  "rates, as an estimate."));
  for (guint i = 0; roles[i] != NULL; i++)
    money_row (rates, context, labels[i], NULL, roles[i], rounds_store_get_hourly_rate (store, roles[i]));

  value = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (value, _("Value of a New Patient"));
  money_row (value, context, _("Average value ($)"),
             _("What a new patient brings the practice on average; 0 leaves the value out"),
             NULL, rounds_store_get_patient_value (store));

  links = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (links, _("Links"));
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Tag Links to Your Website"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               _("Adds utm_source, utm_medium and utm_campaign to links to your own "
                                 "website, so that Google Analytics can tell which network and "
                                 "which topic brought a visit"));
  toggle = gtk_switch_new ();
  gtk_switch_set_active (GTK_SWITCH (toggle), rounds_store_get_utm_enabled (store));
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  g_signal_connect_object (toggle, "notify::active", G_CALLBACK (on_utm_changed_cb), context, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  adw_preferences_group_add (links, row);

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), rates);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), value);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), links);
  adw_preferences_window_add (window, ADW_PREFERENCES_PAGE (page));
}
