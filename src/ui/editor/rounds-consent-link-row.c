/* rounds-consent-link-row.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-post-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "rounds-consent-link-row.h"

/* One record of the consent registry in the post dialog (issue 19): a
 * patient's authorization or a partnership, with a switch that links it
 * to the post ("linked", notified when the user flips it) and, when a
 * linked partnership's disclosure is missing from the text, an Add
 * Disclosure button ("add-disclosure"). The row carries the record's id
 * and kind, so the dialog needs nothing hung on its widgets. */

struct _RoundsConsentLinkRow
{
  AdwActionRow  parent_instance;

  /* template widgets */
  GtkSwitch    *link_switch;
  GtkButton    *disclosure_button;

  /* owned */
  char         *disclosure;   /* the wording to add; NULL: nothing missing */
  gint64        record_id;
  gboolean      partnership;
};

G_DEFINE_FINAL_TYPE (RoundsConsentLinkRow, rounds_consent_link_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_LINKED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  ADD_DISCLOSURE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_switch_active_cb (RoundsConsentLinkRow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LINKED]);
}

static void
on_disclosure_clicked_cb (RoundsConsentLinkRow *self)
{
  if (self->disclosure != NULL)
    g_signal_emit (self, signals[ADD_DISCLOSURE], 0, self->disclosure);
}

static void
rounds_consent_link_row_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  RoundsConsentLinkRow *self = ROUNDS_CONSENT_LINK_ROW (object);

  switch (prop_id)
    {
    case PROP_LINKED:
      g_value_set_boolean (value, rounds_consent_link_row_get_linked (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rounds_consent_link_row_finalize (GObject *object)
{
  RoundsConsentLinkRow *self = ROUNDS_CONSENT_LINK_ROW (object);

  g_free (self->disclosure);

  G_OBJECT_CLASS (rounds_consent_link_row_parent_class)->finalize (object);
}

static void
rounds_consent_link_row_class_init (RoundsConsentLinkRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = rounds_consent_link_row_get_property;
  object_class->finalize = rounds_consent_link_row_finalize;

  /**
   * RoundsConsentLinkRow:linked:
   *
   * Whether the record is linked to the post (the switch).
   */
  properties[PROP_LINKED] =
    g_param_spec_boolean ("linked", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RoundsConsentLinkRow::add-disclosure:
   * @wording: the partnership's disclosure, to add to the text
   */
  signals[ADD_DISCLOSURE] = g_signal_new ("add-disclosure", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/roundsapp/Rounds/ui/rounds-consent-link-row.ui");
  gtk_widget_class_bind_template_child (widget_class, RoundsConsentLinkRow, link_switch);
  gtk_widget_class_bind_template_child (widget_class, RoundsConsentLinkRow, disclosure_button);
  gtk_widget_class_bind_template_callback (widget_class, on_switch_active_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_disclosure_clicked_cb);
}

static void
rounds_consent_link_row_init (RoundsConsentLinkRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * rounds_consent_link_row_new:
 * @title: the patient's name or the partner
 * @record_id: the authorization's or partnership's id
 * @partnership: TRUE for a partnership, FALSE for an authorization
 * @linked: whether the post links it now
 */
GtkWidget *
rounds_consent_link_row_new (const char *title,
                             const char *subtitle,
                             gint64      record_id,
                             gboolean    partnership,
                             gboolean    linked)
{
  RoundsConsentLinkRow *self = g_object_new (ROUNDS_TYPE_CONSENT_LINK_ROW,
                                             "title", title,
                                             "subtitle", subtitle,
                                             NULL);
  /* TRANSLATORS: %s is a patient's name or a partner; for screen readers */
  g_autofree char *label = g_strdup_printf (_("Link %s"), title);

  self->record_id = record_id;
  self->partnership = partnership;
  /* Set before anyone listens: no "linked" notification for it. */
  gtk_switch_set_active (self->link_switch, linked);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->link_switch),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  return GTK_WIDGET (self);
}

gint64
rounds_consent_link_row_get_record_id (RoundsConsentLinkRow *self)
{
  g_return_val_if_fail (ROUNDS_IS_CONSENT_LINK_ROW (self), 0);

  return self->record_id;
}

gboolean
rounds_consent_link_row_is_partnership (RoundsConsentLinkRow *self)
{
  g_return_val_if_fail (ROUNDS_IS_CONSENT_LINK_ROW (self), FALSE);

  return self->partnership;
}

gboolean
rounds_consent_link_row_get_linked (RoundsConsentLinkRow *self)
{
  g_return_val_if_fail (ROUNDS_IS_CONSENT_LINK_ROW (self), FALSE);

  return gtk_switch_get_active (self->link_switch);
}

/**
 * rounds_consent_link_row_get_disclosure:
 *
 * Returns: (nullable): the wording the Add Disclosure button adds
 */
const char *
rounds_consent_link_row_get_disclosure (RoundsConsentLinkRow *self)
{
  g_return_val_if_fail (ROUNDS_IS_CONSENT_LINK_ROW (self), NULL);

  return self->disclosure;
}

/**
 * rounds_consent_link_row_set_disclosure:
 * @wording: (nullable): the disclosure the text lacks; NULL hides the button
 * @tooltip: (nullable): what the check suggests
 */
void
rounds_consent_link_row_set_disclosure (RoundsConsentLinkRow *self,
                                        const char           *wording,
                                        const char           *tooltip)
{
  g_return_if_fail (ROUNDS_IS_CONSENT_LINK_ROW (self));

  g_free (self->disclosure);
  self->disclosure = g_strdup (wording);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->disclosure_button), tooltip);
  gtk_widget_set_visible (GTK_WIDGET (self->disclosure_button), wording != NULL);
}
