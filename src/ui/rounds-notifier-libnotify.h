/* rounds-notifier-libnotify.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rounds-notifier.h"

G_BEGIN_DECLS

#define ROUNDS_TYPE_NOTIFIER_LIBNOTIFY (rounds_notifier_libnotify_get_type ())

G_DECLARE_FINAL_TYPE (RoundsNotifierLibnotify, rounds_notifier_libnotify, ROUNDS,
                      NOTIFIER_LIBNOTIFY, GObject)

RoundsNotifierLibnotify *rounds_notifier_libnotify_new (GApplication *application);

G_END_DECLS
