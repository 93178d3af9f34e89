/* rounds-post-media-row.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-post-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "rounds-post-media-row.h"

/* One image of the post being edited: its thumbnail, its description
 * (alt text, required), whether it shows a patient, and a remove button.
 * The row edits its RoundsPostMedia (owned by the dialog's list, which
 * rebuilds the rows when it changes shape) and says so with ::changed
 * (which field: "alt" or "patient") and ::remove-requested. When the
 * writing assistant is on, a button beside the description activates
 * "assistant.alt-text" with the image's index: the assistant turns the
 * user's own few words into alt text, offered as a suggestion. */

struct _RoundsPostMediaRow
{
  GtkListBoxRow    parent_instance;

  guint            index;
  RoundsPostMedia *media;   /* borrowed from the dialog's list */

  GtkWidget       *box;
  GtkWidget       *alt_entry;
  GtkWidget       *suggest_alt_button;
  GtkWidget       *patient_check;
  GtkWidget       *remove_button;
};

G_DEFINE_FINAL_TYPE (RoundsPostMediaRow, rounds_post_media_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  PROP_0,
  PROP_ASSISTANT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  REMOVE_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_alt_changed_cb (RoundsPostMediaRow *self)
{
  if (self->media == NULL)
    return;
  g_free (self->media->alt_text);
  self->media->alt_text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->alt_entry)));
  if (self->media->alt_text[0] != '\0')
    gtk_widget_remove_css_class (self->alt_entry, "error");
  g_signal_emit (self, signals[CHANGED], g_quark_from_static_string ("alt"));
}

static void
on_patient_toggled_cb (RoundsPostMediaRow *self)
{
  if (self->media == NULL)
    return;
  self->media->shows_patient = gtk_check_button_get_active (GTK_CHECK_BUTTON (self->patient_check));
  g_signal_emit (self, signals[CHANGED], g_quark_from_static_string ("patient"));
}

static void
on_remove_clicked_cb (RoundsPostMediaRow *self)
{
  g_signal_emit (self, signals[REMOVE_REQUESTED], 0);
}

static void
on_suggest_alt_clicked_cb (RoundsPostMediaRow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "assistant.alt-text", "u", self->index);
}

static void
rounds_post_media_row_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  RoundsPostMediaRow *self = ROUNDS_POST_MEDIA_ROW (object);

  switch (prop_id)
    {
    case PROP_ASSISTANT:
      g_value_set_boolean (value, gtk_widget_get_visible (self->suggest_alt_button));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rounds_post_media_row_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  RoundsPostMediaRow *self = ROUNDS_POST_MEDIA_ROW (object);

  switch (prop_id)
    {
    case PROP_ASSISTANT:
      if (gtk_widget_get_visible (self->suggest_alt_button) != g_value_get_boolean (value))
        {
          gtk_widget_set_visible (self->suggest_alt_button, g_value_get_boolean (value));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rounds_post_media_row_class_init (RoundsPostMediaRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = rounds_post_media_row_get_property;
  object_class->set_property = rounds_post_media_row_set_property;

  /**
   * RoundsPostMediaRow:assistant:
   *
   * Whether the writing assistant is on: shows "Suggest Alt Text".
   */
  properties[PROP_ASSISTANT] =
    g_param_spec_boolean ("assistant", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RoundsPostMediaRow::changed:
   *
   * The description (detail "alt") or the patient mark (detail
   * "patient") changed.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[REMOVE_REQUESTED] =
    g_signal_new ("remove-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/rounds-post-media-row.ui");
  gtk_widget_class_bind_template_child (widget_class, RoundsPostMediaRow, box);
  gtk_widget_class_bind_template_child (widget_class, RoundsPostMediaRow, alt_entry);
  gtk_widget_class_bind_template_child (widget_class, RoundsPostMediaRow, suggest_alt_button);
  gtk_widget_class_bind_template_child (widget_class, RoundsPostMediaRow, patient_check);
  gtk_widget_class_bind_template_child (widget_class, RoundsPostMediaRow, remove_button);
  gtk_widget_class_bind_template_callback (widget_class, on_alt_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_patient_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_suggest_alt_clicked_cb);
}

static void
rounds_post_media_row_init (RoundsPostMediaRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * rounds_post_media_row_new:
 * @index: the image's place in the post (0-based)
 * @media: (transfer none): the image; it must outlive the row
 * @picture: (transfer floating): its thumbnail
 */
GtkWidget *
rounds_post_media_row_new (guint            index,
                           RoundsPostMedia *media,
                           GtkWidget       *picture)
{
  RoundsPostMediaRow *self = g_object_new (ROUNDS_TYPE_POST_MEDIA_ROW, NULL);
  g_autofree char *alt_label = g_strdup_printf (_("Description of image %u"), index + 1);
  g_autofree char *remove_label = g_strdup_printf (_("Remove image %u"), index + 1);
  g_autofree char *suggest_label =
    g_strdup_printf (_("Suggest alt text for image %u from my description"), index + 1);

  self->index = index;
  gtk_widget_add_css_class (picture, "media-thumbnail");
  gtk_box_prepend (GTK_BOX (self->box), picture);

  gtk_editable_set_text (GTK_EDITABLE (self->alt_entry), media->alt_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->alt_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  alt_label, -1);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->patient_check), media->shows_patient);
  gtk_widget_set_tooltip_text (self->remove_button, remove_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->remove_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label, -1);
  gtk_widget_set_tooltip_text (self->suggest_alt_button,
                               _("Suggest Alt Text from My Description"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->suggest_alt_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, suggest_label, -1);
  /* Set last: the fields above are not edits. */
  self->media = media;

  return GTK_WIDGET (self);
}

guint
rounds_post_media_row_get_index (RoundsPostMediaRow *self)
{
  g_return_val_if_fail (ROUNDS_IS_POST_MEDIA_ROW (self), 0);
  return self->index;
}

/* Replaces the description as if typed (::changed follows). */
void
rounds_post_media_row_set_alt_text (RoundsPostMediaRow *self,
                                    const char         *text)
{
  g_return_if_fail (ROUNDS_IS_POST_MEDIA_ROW (self));
  g_return_if_fail (text != NULL);

  gtk_editable_set_text (GTK_EDITABLE (self->alt_entry), text);
}
