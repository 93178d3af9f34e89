/* rounds-partnership-dialog.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Adding a paid partnership (issue 19): the partner and what kind, what
 * they gave (payment, free product or service, an affiliate link or
 * code), the dates and networks it runs on, and the disclosure wording
 * that posts linked to it must start with. */

#define G_LOG_DOMAIN "rounds-partnership-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "rounds-form-dialog.h"
#include "rounds-partnership-dialog.h"
#include "rounds-store-consents.h"

struct _RoundsPartnershipDialog
{
  AdwWindow       parent_instance;

  RoundsContext  *context;

  AdwEntryRow    *partner_row;
  AdwComboRow    *kind_row;
  GtkCheckButton *gave[3];
  AdwEntryRow    *gave_note_row;
  AdwEntryRow    *starts_row;
  AdwEntryRow    *ends_row;
  GtkCheckButton *networks[ROUNDS_N_NETWORKS];
  AdwEntryRow    *disclosure_row;
  RoundsFormDialog form;
};

enum { SIGNAL_ADDED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (RoundsPartnershipDialog, rounds_partnership_dialog, ADW_TYPE_WINDOW)

static const struct { const char *kind; const char *label; } kinds[] = {
  { "vendor", N_("Vendor") },
  { "influencer", N_("Influencer") },
  { "clinic", N_("Another clinic") },
  { "other", N_("Other") },
};

static const struct { RoundsPartnershipGave gave; const char *label; } gave_labels[] = {
  { ROUNDS_PARTNERSHIP_GAVE_PAYMENT, N_("Payment") },
  { ROUNDS_PARTNERSHIP_GAVE_PRODUCT, N_("Free product or service") },
  { ROUNDS_PARTNERSHIP_GAVE_AFFILIATE, N_("Affiliate link or discount code") },
};

/**
 * rounds_partnership_dialog_add:
 *
 * Adds the partnership as typed and closes; or says what is wrong and
 * keeps everything typed.
 */
gboolean
rounds_partnership_dialog_add (RoundsPartnershipDialog *self)
{
  g_autoptr(RoundsPartnership) p = NULL;
  g_autoptr(GError) error = NULL;
  guint kind;

  g_return_val_if_fail (ROUNDS_IS_PARTNERSHIP_DIALOG (self), FALSE);

  p = rounds_partnership_new (NULL);
#define TAKE(field, row) \
  g_free (p->field), \
  p->field = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))))
  TAKE (partner, self->partner_row);
  TAKE (gave_note, self->gave_note_row);
  TAKE (starts_on, self->starts_row);
  TAKE (ends_on, self->ends_row);
  TAKE (disclosure, self->disclosure_row);
#undef TAKE
  /* The wording offered, left as it was: completed with the partner. */
  {
    g_autofree char *offered = g_strstrip (g_strdup (_("Paid partnership with ")));

    if (g_strcmp0 (p->disclosure, offered) == 0 && p->partner[0] != '\0')
      {
        g_free (p->disclosure);
        p->disclosure = g_strdup_printf ("%s %s", offered, p->partner);
      }
  }
  kind = adw_combo_row_get_selected (self->kind_row);
  g_free (p->kind);
  p->kind = g_strdup (kinds[MIN (kind, G_N_ELEMENTS (kinds) - 1)].kind);
  for (guint i = 0; i < G_N_ELEMENTS (gave_labels); i++)
    if (gtk_check_button_get_active (self->gave[i]))
      p->gave |= gave_labels[i].gave;
  for (guint i = 0; i < ROUNDS_N_NETWORKS; i++)
    if (gtk_check_button_get_active (self->networks[i]))
      p->networks |= rounds_network_from_index (i);

  if (!rounds_store_add_partnership (rounds_context_get_store (self->context), p, &error))
    {
      rounds_form_dialog_show_error (&self->form, error->message);
      return FALSE;
    }
  g_signal_emit (self, signals[SIGNAL_ADDED], 0, p->id);
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

static void
rounds_partnership_dialog_dispose (GObject *object)
{
  RoundsPartnershipDialog *self = ROUNDS_PARTNERSHIP_DIALOG (object);

  g_clear_object (&self->context);
  G_OBJECT_CLASS (rounds_partnership_dialog_parent_class)->dispose (object);
}

static void
rounds_partnership_dialog_class_init (RoundsPartnershipDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rounds_partnership_dialog_dispose;

  /**
   * RoundsPartnershipDialog::added:
   * @id: the new partnership's id
   */
  signals[SIGNAL_ADDED] =
    g_signal_new ("added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rounds_partnership_dialog_init (RoundsPartnershipDialog *self)
{
  RoundsFormDialog *form = &self->form;
  g_autoptr(GtkStringList) kind_names = gtk_string_list_new (NULL);
  AdwPreferencesGroup *group;

  rounds_form_dialog_build (ADW_WINDOW (self), _("Add Partnership"), _("_Add"),
                            G_CALLBACK (rounds_partnership_dialog_add), 520, 680, form);

  group = rounds_form_dialog_add_group (form, _("Partner"), NULL);
  self->partner_row = rounds_form_dialog_add_entry (group, _("Partner’s name"));
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    gtk_string_list_append (kind_names, _(kinds[i].label));
  self->kind_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->kind_row), _("Kind"));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kind_names));
  adw_preferences_group_add (group, GTK_WIDGET (self->kind_row));

  group = rounds_form_dialog_add_group (form, _("What They Gave"),
                                        _("Payment, free products or services and affiliate "
                                          "links all need a disclosure."));
  for (guint i = 0; i < G_N_ELEMENTS (gave_labels); i++)
    self->gave[i] = rounds_form_dialog_add_check (group, _(gave_labels[i].label), NULL);
  self->gave_note_row = rounds_form_dialog_add_entry (group, _("Details, such as the amount or "
                                                               "the product"));

  group = rounds_form_dialog_add_group (form, _("When and Where"), NULL);
  self->starts_row = rounds_form_dialog_add_entry (group, _("Starts on (YYYY-MM-DD)"));
  self->ends_row = rounds_form_dialog_add_entry (group, _("Ends on (YYYY-MM-DD)"));
  for (guint i = 0; i < ROUNDS_N_NETWORKS; i++)
    self->networks[i] = rounds_form_dialog_add_check (group,
                                                      rounds_network_get_label (
                                                        rounds_network_from_index (i)),
                                                      NULL);

  group = rounds_form_dialog_add_group (form, _("Disclosure"),
                                        _("Posts linked to this partnership must start with these "
                                          "words, before any hashtags, such as “Paid "
                                          "partnership with Acme” or “#ad”."));
  self->disclosure_row = rounds_form_dialog_add_entry (group, _("Disclosure at the start of posts"));
  gtk_editable_set_text (GTK_EDITABLE (self->disclosure_row), _("Paid partnership with "));
}

RoundsPartnershipDialog *
rounds_partnership_dialog_new (RoundsContext *context,
                               GtkWindow     *parent)
{
  RoundsPartnershipDialog *self = g_object_new (ROUNDS_TYPE_PARTNERSHIP_DIALOG,
                                                "modal", parent != NULL,
                                                "transient-for", parent,
                                                NULL);

  self->context = g_object_ref (context);
  return self;
}
