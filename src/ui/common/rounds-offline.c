/* rounds-offline.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rounds-offline.h"

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
 * @tooltip: (nullable): the widget's own tooltip, shown while online
 *
 * Makes @widget sensitive when @sensitive and @store is online; while
 * @store is offline its tooltip says why, and @tooltip comes back when
 * the server does. The caller keeps @tooltip (a template's text, a row's
 * label): nothing is stored on the widget (docs/architecture.md).
 */
void
rounds_offline_apply (GtkWidget   *widget,
                      RoundsStore *store,
                      gboolean     sensitive,
                      const char  *tooltip)
{
  gboolean offline;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  offline = store != NULL && !rounds_store_get_online (store);
  gtk_widget_set_sensitive (widget, sensitive && !offline);
  gtk_widget_set_tooltip_text (widget, offline ? rounds_offline_explanation () : tooltip);
}
