/* rounds-welcome-page.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-welcome-page"

#include "config.h"

#include <glib/gi18n.h>

#include "rounds-welcome-page.h"

/* The first thing a new practice sees: set up my practice, or look
 * around a sample one first. */

struct _RoundsWelcomePage
{
  AdwBin          parent_instance;
  AdwStatusPage  *status_page;
  GtkButton      *setup_button;
  GtkButton      *explore_button;
};

G_DEFINE_FINAL_TYPE (RoundsWelcomePage, rounds_welcome_page, ADW_TYPE_BIN)

enum {
  SET_UP,
  EXPLORE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_setup_clicked_cb (RoundsWelcomePage *self)
{
  g_signal_emit (self, signals[SET_UP], 0);
}

static void
on_explore_clicked_cb (RoundsWelcomePage *self)
{
  g_signal_emit (self, signals[EXPLORE], 0);
}

static gboolean
rounds_welcome_page_grab_focus (GtkWidget *widget)
{
  RoundsWelcomePage *self = ROUNDS_WELCOME_PAGE (widget);

  return gtk_widget_grab_focus (GTK_WIDGET (self->setup_button));
}

static void
rounds_welcome_page_dispose (GObject *object)
{
  G_OBJECT_CLASS (rounds_welcome_page_parent_class)->dispose (object);
}

static void
rounds_welcome_page_class_init (RoundsWelcomePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rounds_welcome_page_dispose;
  widget_class->grab_focus = rounds_welcome_page_grab_focus;

  /**
   * RoundsWelcomePage::set-up:
   *
   * The user chose to set up (or open) their own practice.
   */
  signals[SET_UP] = g_signal_new ("set-up", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * RoundsWelcomePage::explore:
   *
   * The user chose to explore the sample practice.
   */
  signals[EXPLORE] = g_signal_new ("explore", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/rounds-welcome-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RoundsWelcomePage, status_page);
  gtk_widget_class_bind_template_child (widget_class, RoundsWelcomePage, setup_button);
  gtk_widget_class_bind_template_child (widget_class, RoundsWelcomePage, explore_button);
  gtk_widget_class_bind_template_callback (widget_class, on_setup_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_explore_clicked_cb);
}

static void
rounds_welcome_page_init (RoundsWelcomePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  adw_status_page_set_icon_name (self->status_page, BASE_ID);
}

/**
 * rounds_welcome_page_set_has_practice:
 *
 * Offers "Open My Practice" instead of "Set Up My Practice" once one
 * exists on this computer.
 */
void
rounds_welcome_page_set_has_practice (RoundsWelcomePage *self,
                                      gboolean           has_practice)
{
  g_return_if_fail (ROUNDS_IS_WELCOME_PAGE (self));

  gtk_button_set_label (self->setup_button,
                        has_practice ? _("_Open My Practice") : _("_Set Up My Practice"));
}
