/* rounds-finding-row.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-post-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "rounds-finding-row.h"
#include "rounds-post-editor-private.h"

/* A finding in the editor's list. It keeps its finding (the editor points
 * it at the current one, with current offsets, after each check) and the
 * signature of what it shows, so that the editor replaces only the rows
 * whose content changed. */

struct _RoundsFindingRow
{
  AdwActionRow   parent_instance;

  RoundsFinding *finding;
  char          *signature;

  GtkWidget     *icon;
  GtkWidget     *kept_label;
};

G_DEFINE_FINAL_TYPE (RoundsFindingRow, rounds_finding_row, ADW_TYPE_ACTION_ROW)

static void
rounds_finding_row_finalize (GObject *object)
{
  RoundsFindingRow *self = ROUNDS_FINDING_ROW (object);

  g_clear_pointer (&self->finding, rounds_finding_unref);
  g_clear_pointer (&self->signature, g_free);

  G_OBJECT_CLASS (rounds_finding_row_parent_class)->finalize (object);
}

static void
rounds_finding_row_class_init (RoundsFindingRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = rounds_finding_row_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/rounds-finding-row.ui");
  gtk_widget_class_bind_template_child (widget_class, RoundsFindingRow, icon);
  gtk_widget_class_bind_template_child (widget_class, RoundsFindingRow, kept_label);
}

static void
rounds_finding_row_init (RoundsFindingRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * rounds_finding_row_new:
 * @title: what was found
 * @severity_label: the severity in words, for screen readers
 * @kept_reason: (nullable): why the finding was kept, if it was
 * @signature: what the row shows, to compare rows by
 */
GtkWidget *
rounds_finding_row_new (RoundsFinding *finding,
                        const char    *title,
                        const char    *severity_label,
                        const char    *kept_reason,
                        const char    *signature)
{
  RoundsFindingRow *self = g_object_new (ROUNDS_TYPE_FINDING_ROW, NULL);
  RoundsFindingSeverity severity = rounds_finding_get_severity (finding);
  g_autofree char *subtitle = NULL;
  g_autofree char *a11y = NULL;

  self->finding = rounds_finding_ref (finding);
  self->signature = g_strdup (signature);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);
  if (kept_reason != NULL)
    /* TRANSLATORS: the finding's explanation, then the reason it was kept */
    subtitle = g_strdup_printf (_("%s\nKept: %s"), rounds_finding_get_message (finding), kept_reason);
  else
    subtitle = g_strdup (rounds_finding_get_message (finding));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);

  gtk_image_set_from_icon_name (GTK_IMAGE (self->icon), _rounds_post_editor_severity_icon (severity));
  gtk_widget_add_css_class (self->icon, _rounds_post_editor_severity_class (severity));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  severity_label, -1);
  gtk_widget_set_visible (self->kept_label, kept_reason != NULL);

  /* TRANSLATORS: for screen readers: severity, what, why */
  a11y = g_strdup_printf (_("%s: %s. %s"), severity_label, title, subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);

  return GTK_WIDGET (self);
}

RoundsFinding *
rounds_finding_row_get_finding (RoundsFindingRow *self)
{
  g_return_val_if_fail (ROUNDS_IS_FINDING_ROW (self), NULL);
  return self->finding;
}

void
rounds_finding_row_set_finding (RoundsFindingRow *self,
                                RoundsFinding    *finding)
{
  g_return_if_fail (ROUNDS_IS_FINDING_ROW (self));
  g_return_if_fail (finding != NULL);

  rounds_finding_ref (finding);
  g_clear_pointer (&self->finding, rounds_finding_unref);
  self->finding = finding;
}

const char *
rounds_finding_row_get_signature (RoundsFindingRow *self)
{
  g_return_val_if_fail (ROUNDS_IS_FINDING_ROW (self), NULL);
  return self->signature;
}
