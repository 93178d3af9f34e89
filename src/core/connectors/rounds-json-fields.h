/* rounds-json-fields.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Reading fields of an untrusted network answer. Every network's JSON is
 * read through these: a missing member, a member of another type or a
 * NULL object all give NULL (or FALSE), never a critical warning. */

const char *rounds_json_get_string (JsonObject *object,
                                    const char *name);
gboolean    rounds_json_get_int    (JsonObject *object,
                                    const char *name,
                                    gint64     *value);
JsonObject *rounds_json_get_object (JsonObject *object,
                                    const char *name);
JsonArray  *rounds_json_get_array  (JsonObject *object,
                                    const char *name);

G_END_DECLS
