/* rounds-notifier-gio.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rounds-notifier.h"

G_BEGIN_DECLS

#define ROUNDS_TYPE_NOTIFIER_GIO (rounds_notifier_gio_get_type ())

G_DECLARE_FINAL_TYPE (RoundsNotifierGio, rounds_notifier_gio, ROUNDS, NOTIFIER_GIO, GObject)

RoundsNotifierGio *rounds_notifier_gio_new (GApplication *application);

G_END_DECLS
