/* rounds-consent-dialog.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Recording a patient's signed authorization (issue 19): who, what may be
 * used, where, the purpose and dates, the checklist of the required
 * elements the signed form has, and the scanned form itself. An
 * authorization missing an element is recorded and marked incomplete: it
 * covers no post until a complete one is signed. */

#define G_LOG_DOMAIN "rounds-consent-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "rounds-consent-dialog.h"
#include "rounds-form-dialog.h"
#include "rounds-store-consents.h"

struct _RoundsConsentDialog
{
  AdwWindow      parent_instance;

  RoundsContext *context;
  char          *form_path;
  gint64         recorded_id;

  AdwEntryRow   *patient_row;
  AdwEntryRow   *collected_row;
  AdwEntryRow   *purpose_row;
  AdwEntryRow   *signed_row;
  AdwEntryRow   *expires_row;
  AdwEntryRow   *event_row;
  AdwActionRow  *form_row;
  RoundsFormDialog form;
  GtkCheckButton *uses[5];
  GtkCheckButton *networks[ROUNDS_N_NETWORKS];
  GtkCheckButton *website;
  GtkCheckButton *print;
  GtkCheckButton *elements[ROUNDS_CONSENT_N_ELEMENTS];
};

enum { SIGNAL_RECORDED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (RoundsConsentDialog, rounds_consent_dialog, ADW_TYPE_WINDOW)

static const struct { RoundsConsentUse use; const char *label; } use_labels[] = {
  { ROUNDS_CONSENT_USE_PHOTO, N_("Photo") },
  { ROUNDS_CONSENT_USE_VIDEO, N_("Video") },
  { ROUNDS_CONSENT_USE_QUOTE, N_("Quote or story") },
  { ROUNDS_CONSENT_USE_FIRST_NAME, N_("First name") },
  { ROUNDS_CONSENT_USE_CONDITION, N_("Condition or treatment") },
};

void
rounds_consent_dialog_set_form_path (RoundsConsentDialog *self,
                                     const char          *path)
{
  g_autofree char *name = NULL;

  g_return_if_fail (ROUNDS_IS_CONSENT_DIALOG (self));

  g_free (self->form_path);
  self->form_path = g_strdup (path);
  name = path != NULL ? g_path_get_basename (path) : NULL;
  adw_action_row_set_subtitle (self->form_row, name != NULL ? name : _("No file chosen"));
}

static void
on_form_chosen_cb (GtkNativeDialog     *native,
                   int                  response,
                   RoundsConsentDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        rounds_consent_dialog_set_form_path (self, path);
    }
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

static void
on_choose_form_clicked_cb (RoundsConsentDialog *self)
{
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  native = gtk_file_chooser_native_new (_("Attach the Signed Form"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Attach"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Scanned forms (PDF, images)"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_mime_type (filter, "image/jpeg");
  gtk_file_filter_add_mime_type (filter, "image/webp");
  gtk_file_filter_add_mime_type (filter, "image/tiff");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (on_form_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/**
 * rounds_consent_dialog_record:
 *
 * Records what the form says, with a copy of the chosen scanned form,
 * and closes; or says what is missing and keeps everything typed.
 */
gboolean
rounds_consent_dialog_record (RoundsConsentDialog *self)
{
  g_autoptr(RoundsConsent) consent = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (ROUNDS_IS_CONSENT_DIALOG (self), FALSE);

  consent = rounds_consent_new (gtk_editable_get_text (GTK_EDITABLE (self->patient_row)));
  for (guint i = 0; i < G_N_ELEMENTS (use_labels); i++)
    if (gtk_check_button_get_active (self->uses[i]))
      consent->uses |= use_labels[i].use;
  for (guint i = 0; i < ROUNDS_N_NETWORKS; i++)
    if (gtk_check_button_get_active (self->networks[i]))
      consent->networks |= rounds_network_from_index (i);
  if (gtk_check_button_get_active (self->website))
    consent->places |= ROUNDS_CONSENT_PLACE_WEBSITE;
  if (gtk_check_button_get_active (self->print))
    consent->places |= ROUNDS_CONSENT_PLACE_PRINT;
  for (guint i = 0; i < ROUNDS_CONSENT_N_ELEMENTS; i++)
    if (gtk_check_button_get_active (self->elements[i]))
      consent->elements |= 1u << i;
#define TAKE(field, row) \
  g_free (consent->field), \
  consent->field = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))))
  TAKE (purpose, self->purpose_row);
  TAKE (signed_on, self->signed_row);
  TAKE (expires_on, self->expires_row);
  TAKE (expiry_event, self->event_row);
  TAKE (collected_by, self->collected_row);
#undef TAKE

  if (!rounds_store_add_consent (rounds_context_get_store (self->context), consent,
                                 self->form_path, &error))
    {
      rounds_form_dialog_show_error (&self->form, error->message);
      return FALSE;
    }

  self->recorded_id = consent->id;
  g_signal_emit (self, signals[SIGNAL_RECORDED], 0, consent->id);
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

gint64
rounds_consent_dialog_get_recorded_id (RoundsConsentDialog *self)
{
  g_return_val_if_fail (ROUNDS_IS_CONSENT_DIALOG (self), 0);
  return self->recorded_id;
}

static void
rounds_consent_dialog_dispose (GObject *object)
{
  RoundsConsentDialog *self = ROUNDS_CONSENT_DIALOG (object);

  g_clear_object (&self->context);
  g_clear_pointer (&self->form_path, g_free);
  G_OBJECT_CLASS (rounds_consent_dialog_parent_class)->dispose (object);
}

static void
rounds_consent_dialog_class_init (RoundsConsentDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rounds_consent_dialog_dispose;

  /**
   * RoundsConsentDialog::recorded:
   * @id: the new authorization's id
   */
  signals[SIGNAL_RECORDED] =
    g_signal_new ("recorded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rounds_consent_dialog_init (RoundsConsentDialog *self)
{
  RoundsFormDialog *form = &self->form;
  GtkWidget *choose = gtk_button_new_with_mnemonic (_("_Choose File…"));
  AdwPreferencesGroup *group;

  rounds_form_dialog_build (ADW_WINDOW (self), _("Record Authorization"), _("_Record"),
                            G_CALLBACK (rounds_consent_dialog_record), 560, 720, form);

  group = rounds_form_dialog_add_group (form, _("Patient"),
                                        _("The name stays on this computer: it is never "
                                          "published, shown in notifications or written to "
                                          "the history."));
  self->patient_row = rounds_form_dialog_add_entry (group, _("Patient’s name"));
  self->collected_row = rounds_form_dialog_add_entry (group, _("Collected by"));

  group = rounds_form_dialog_add_group (form, _("What May Be Used"), NULL);
  for (guint i = 0; i < G_N_ELEMENTS (use_labels); i++)
    self->uses[i] = rounds_form_dialog_add_check (group, _(use_labels[i].label), NULL);

  group = rounds_form_dialog_add_group (form, _("Where"), NULL);
  for (guint i = 0; i < ROUNDS_N_NETWORKS; i++)
    self->networks[i] = rounds_form_dialog_add_check (group,
                                                      rounds_network_get_label (
                                                        rounds_network_from_index (i)),
                                                      NULL);
  self->website = rounds_form_dialog_add_check (group, _("The practice’s website"), NULL);
  self->print = rounds_form_dialog_add_check (group, _("Print (flyers, posters)"), NULL);

  group = rounds_form_dialog_add_group (form, _("Purpose and Dates"), NULL);
  self->purpose_row = rounds_form_dialog_add_entry (group, _("Purpose"));
  self->signed_row = rounds_form_dialog_add_entry (group, _("Date signed (YYYY-MM-DD)"));
  self->expires_row = rounds_form_dialog_add_entry (group, _("Expires after (YYYY-MM-DD)"));
  self->event_row = rounds_form_dialog_add_entry (group, _("Or expires on an event"));

  group = rounds_form_dialog_add_group (form, _("Required Elements"),
                                        _("Tick what the signed form contains. A form without "
                                          "all of them is recorded as incomplete and cannot "
                                          "cover a post."));
  for (guint i = 0; i < ROUNDS_CONSENT_N_ELEMENTS; i++)
    self->elements[i] = rounds_form_dialog_add_check (group,
                                                      rounds_consent_element_label (1u << i),
                                                      NULL);

  group = rounds_form_dialog_add_group (form, _("Signed Form"),
                                        _("A copy is kept in Rounds’ data folder, readable by "
                                          "you only."));
  self->form_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->form_row), _("Scanned form"));
  adw_action_row_set_subtitle (self->form_row, _("No file chosen"));
  gtk_widget_set_valign (choose, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (choose, "clicked", G_CALLBACK (on_choose_form_clicked_cb), self);
  adw_action_row_add_suffix (self->form_row, choose);
  adw_preferences_group_add (group, GTK_WIDGET (self->form_row));
}

RoundsConsentDialog *
rounds_consent_dialog_new (RoundsContext *context,
                           GtkWindow     *parent)
{
  RoundsConsentDialog *self = g_object_new (ROUNDS_TYPE_CONSENT_DIALOG,
                                            "modal", parent != NULL,
                                            "transient-for", parent,
                                            NULL);

  self->context = g_object_ref (context);
  return self;
}
