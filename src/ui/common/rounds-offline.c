/* rounds-offline.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rounds-offline.h"

#define SAVED_TOOLTIP "rounds-offline-tooltip"
#define BOUND_STORE   "rounds-offline-store"

/**
 * rounds_offline_explanation:
 *
 * Returns: why a control is off while the practice server cannot be
 *   reached, for its tooltip.
 */
const char *
rounds_offline_explanation (void)
{
  return _("Not now: the practice server cannot be reached. Rounds keeps trying to "
           "reconnect and turns this back on by itself.");
}

/**
 * rounds_offline_apply:
 * @store: (nullable): the practice the widget changes
 * @sensitive: whether the widget would be sensitive with the server there
 *
 * Makes @widget sensitive when @sensitive and @store is online; while
 * @store is offline the tooltip says why (the widget's own tooltip is
 * kept and given back).
 */
void
rounds_offline_apply (GtkWidget   *widget,
                      RoundsStore *store,
                      gboolean     sensitive)
{
  gboolean offline;
  gboolean shown;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  offline = store != NULL && !rounds_store_get_online (store);
  shown = g_object_get_data (G_OBJECT (widget), SAVED_TOOLTIP) != NULL;
  gtk_widget_set_sensitive (widget, sensitive && !offline);
  if (offline && !shown)
    {
      g_object_set_data_full (G_OBJECT (widget), SAVED_TOOLTIP,
                              g_strdup (gtk_widget_get_tooltip_text (widget) != NULL
                                          ? gtk_widget_get_tooltip_text (widget) : ""),
                              g_free);
      gtk_widget_set_tooltip_text (widget, rounds_offline_explanation ());
    }
  else if (!offline && shown)
    {
      g_autofree char *saved = g_strdup (g_object_get_data (G_OBJECT (widget), SAVED_TOOLTIP));

      g_object_set_data (G_OBJECT (widget), SAVED_TOOLTIP, NULL);
      gtk_widget_set_tooltip_text (widget, saved[0] != '\0' ? saved : NULL);
    }
}

static void
on_online_cb (RoundsStore *store,
              GParamSpec  *pspec,
              GtkWidget   *widget)
{
  rounds_offline_apply (widget, store, TRUE);
}

typedef struct
{
  GWeakRef store;
  gulong   handler;
} Binding;

static void
binding_free (gpointer data)
{
  Binding *binding = data;
  g_autoptr(RoundsStore) store = g_weak_ref_get (&binding->store);

  if (store != NULL)
    g_clear_signal_handler (&binding->handler, store);
  g_weak_ref_clear (&binding->store);
  g_free (binding);
}

/**
 * rounds_offline_bind:
 * @store: (nullable): the practice the widget changes; %NULL unbinds
 *
 * For a control that is otherwise always sensitive: off while @store
 * cannot reach its server, on again when it can (rounds_offline_apply()).
 * Binding again to another store replaces the first.
 */
void
rounds_offline_bind (GtkWidget   *widget,
                     RoundsStore *store)
{
  Binding *binding;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  g_object_set_data (G_OBJECT (widget), BOUND_STORE, NULL);
  rounds_offline_apply (widget, store, TRUE);
  if (store == NULL)
    return;
  binding = g_new0 (Binding, 1);
  g_weak_ref_init (&binding->store, store);
  /* Not g_signal_connect_object(): the binding (the widget's data) owns
   * the handler and disconnects it, whichever of the two goes first. */
  binding->handler = g_signal_connect (store, "notify::online", G_CALLBACK (on_online_cb), widget);
  g_object_set_data_full (G_OBJECT (widget), BOUND_STORE, binding, binding_free);
}
