/* rounds-insights-entry-dialog.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-insights-entry-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "rounds-insights.h"
#include "rounds-insights-entry-dialog.h"
#include "rounds-insights-import.h"
#include "rounds-store-insights.h"

/* "Enter this week's numbers": followers on one network without a
 * connection, the week's new-patient inquiries and bookings, the time
 * spent and the money spent. Everything is optional; what is left at
 * zero is not recorded (except inquiries and bookings once either is
 * set). One save, one transaction per kind of number. */

struct _RoundsInsightsEntryDialog
{
  AdwWindow      parent_instance;

  RoundsContext *context;
  AdwComboRow   *network_row;
  GtkSpinButton *followers;
  GtkSpinButton *inquiries;
  GtkSpinButton *bookings;
  AdwComboRow   *role_row;
  GtkSpinButton *minutes;
  AdwComboRow   *category_row;
  GtkSpinButton *dollars;
};

G_DEFINE_FINAL_TYPE (RoundsInsightsEntryDialog, rounds_insights_entry_dialog, ADW_TYPE_WINDOW)

enum { SAVED, N_SIGNALS };
static guint signals[N_SIGNALS];

static const char * const roles[] = { "writer", "approver", "manager", "designer", NULL };
static const char * const categories[] = { "ads", "tools", "designer", "other", NULL };

static GtkSpinButton *
add_spin (AdwPreferencesGroup *group,
          const char          *title,
          const char          *subtitle,
          double               max)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (0, max, 1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  adw_preferences_group_add (group, row);
  return GTK_SPIN_BUTTON (spin);
}

static AdwComboRow *
add_combo (AdwPreferencesGroup *group,
           const char          *title,
           const char * const  *labels)
{
  GtkWidget *row = adw_combo_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (gtk_string_list_new (labels)));
  adw_preferences_group_add (group, row);
  return ADW_COMBO_ROW (row);
}

gboolean
rounds_insights_entry_dialog_save (RoundsInsightsEntryDialog  *self,
                                   GError                    **error)
{
  RoundsStore *store = rounds_context_get_store (self->context);
  g_autoptr(GTimeZone) tz = rounds_context_dup_time_zone (self->context);
  guint32 day = rounds_insights_today (tz, rounds_clock_get_now (rounds_context_get_clock (self->context)));
  RoundsNetwork network = rounds_network_from_index (adw_combo_row_get_selected (self->network_row));
  gint64 followers = gtk_spin_button_get_value_as_int (self->followers);
  gint64 inquiries = gtk_spin_button_get_value_as_int (self->inquiries);
  gint64 bookings = gtk_spin_button_get_value_as_int (self->bookings);
  int minutes = gtk_spin_button_get_value_as_int (self->minutes);
  gint64 cents = (gint64)(gtk_spin_button_get_value (self->dollars) * 100 + 0.5);
  gboolean results = inquiries > 0 || bookings > 0;

  g_return_val_if_fail (ROUNDS_IS_INSIGHTS_ENTRY_DIALOG (self), FALSE);

  if (!rounds_import_enter_week (store, network, day, followers > 0 ? followers : -1,
                                 results ? inquiries : -1, results ? bookings : -1, error))
    return FALSE;
  if (minutes > 0 &&
      rounds_store_add_time (store, day, roles[adw_combo_row_get_selected (self->role_row)], "",
                             minutes, "other", ROUNDS_NETWORK_NONE, error) == 0)
    return FALSE;
  if (cents > 0 &&
      rounds_store_add_spending (store, day, categories[adw_combo_row_get_selected (self->category_row)],
                                 cents, ROUNDS_NETWORK_NONE, "", error) == 0)
    return FALSE;

  g_signal_emit (self, signals[SAVED], 0);
  return TRUE;
}

static void
on_save_clicked_cb (RoundsInsightsEntryDialog *self)
{
  g_autoptr(GError) error = NULL;

  if (!rounds_insights_entry_dialog_save (self, &error))
    {
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Not Saved"), error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  gtk_window_close (GTK_WINDOW (self));
}

static void
rounds_insights_entry_dialog_finalize (GObject *object)
{
  g_clear_object (&ROUNDS_INSIGHTS_ENTRY_DIALOG (object)->context);
  G_OBJECT_CLASS (rounds_insights_entry_dialog_parent_class)->finalize (object);
}

static void
rounds_insights_entry_dialog_class_init (RoundsInsightsEntryDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rounds_insights_entry_dialog_finalize;

  /**
   * RoundsInsightsEntryDialog::saved:
   *
   * The numbers were written.
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
rounds_insights_entry_dialog_init (RoundsInsightsEntryDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *save = gtk_button_new_with_mnemonic (_("_Save"));
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *page = adw_preferences_page_new ();
  AdwPreferencesGroup *network, *results, *costs;
  const char *network_labels[ROUNDS_N_NETWORKS + 1];
  const char *role_labels[] = { _("Writer"), _("Approver"), _("Practice manager"), _("Designer"), NULL };
  const char *category_labels[] = { _("Ads"), _("Tools"), _("Designer"), _("Other"), NULL };

  for (guint i = 0; i < ROUNDS_N_NETWORKS; i++)
    network_labels[i] = rounds_network_get_label (rounds_network_from_index (i));
  network_labels[ROUNDS_N_NETWORKS] = NULL;

  gtk_window_set_title (GTK_WINDOW (self), _("This Week’s Numbers"));
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 480, 640);

  gtk_widget_add_css_class (save, "suggested-action");
  g_signal_connect_object (save, "clicked", G_CALLBACK (on_save_clicked_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (cancel, "clicked", G_CALLBACK (gtk_window_close), self, G_CONNECT_SWAPPED);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), save);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  gtk_window_set_default_widget (GTK_WINDOW (self), save);

  network = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (network, _("A Network Without a Connection"));
  adw_preferences_group_set_description (network, _("Read the number from the network’s own page "
                                                    "or app. Leave it at 0 to skip."));
  self->network_row = add_combo (network, _("Network"), network_labels);
  self->followers = add_spin (network, _("Followers today"), NULL, 10000000);

  results = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (results, _("Results This Week"));
  adw_preferences_group_set_description (results, _("New patients who said they found you on "
                                                    "social media. Entering a week again "
                                                    "corrects it."));
  self->inquiries = add_spin (results, _("New-patient inquiries"), NULL, 10000);
  self->bookings = add_spin (results, _("Bookings"), NULL, 10000);

  costs = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (costs, _("Cost"));
  self->role_row = add_combo (costs, _("Who spent the time"), role_labels);
  self->minutes = add_spin (costs, _("Minutes"), _("Writing, replying and planning"), 100000);
  self->category_row = add_combo (costs, _("Money spent on"), category_labels);
  self->dollars = add_spin (costs, _("Amount ($)"), NULL, 1000000);

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), network);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), results);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), costs);
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), page);
  adw_window_set_content (ADW_WINDOW (self), box);
}

GtkWidget *
rounds_insights_entry_dialog_new (RoundsContext *context)
{
  RoundsInsightsEntryDialog *self;

  g_return_val_if_fail (ROUNDS_IS_CONTEXT (context), NULL);

  self = g_object_new (ROUNDS_TYPE_INSIGHTS_ENTRY_DIALOG, NULL);
  self->context = g_object_ref (context);
  return GTK_WIDGET (self);
}
