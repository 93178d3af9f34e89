/* rounds-module.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Libraries only some practices need are loaded when first needed, from
 * a module of Rounds' own, so that a start never maps them: the
 * PostgreSQL client (libpq with Kerberos, LDAP and OpenSSL) for a
 * practice server, libical (with ICU) for an iCalendar export
 * (docs/decisions.md, "Heavy libraries in modules").
 *
 * A module is `rounds-NAME.so` in $ROUNDS_MODULE_DIR (the build folder:
 * set by `meson devenv` and the tests) or else in the installed
 * libdir/rounds. It exports `rounds_module_fill (gpointer api, gsize
 * size)`, which fills @api, a table of the library's functions, and
 * returns FALSE when its table is not @size bytes (a module from
 * another build). */

#define ROUNDS_MODULE_FILL_SYMBOL "rounds_module_fill"
typedef gboolean (*RoundsModuleFillFunc) (gpointer api,
                                          gsize    size);

gboolean rounds_module_load (const char  *name,
                             const char  *what,
                             gpointer     api,
                             gsize        size,
                             GError     **error);

G_END_DECLS
