/* rounds-scanner.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rounds-compliance-profile.h"
#include "rounds-finding.h"

G_BEGIN_DECLS

/* What the scanned text is: context changes what counts as a finding. */
typedef enum
{
  ROUNDS_TEXT_KIND_POST,
  ROUNDS_TEXT_KIND_REVIEW_REPLY,
  ROUNDS_TEXT_KIND_COMMENT_REPLY,
} RoundsTextKind;

const char *rounds_text_kind_to_string   (RoundsTextKind  kind);
gboolean    rounds_text_kind_from_string (const char     *str,
                                          RoundsTextKind *kind);

#define ROUNDS_TYPE_SCANNER (rounds_scanner_get_type ())

G_DECLARE_FINAL_TYPE (RoundsScanner, rounds_scanner, ROUNDS, SCANNER, GObject)

/* The scanner holds the compiled rule packs. It is immutable once
 * created, so one scanner may serve any number of threads at once.
 * rounds_scanner_new() adds the extra rule packs found in the "compliance"
 * folder of the data folder ($ROUNDS_DATA_DIR, else $XDG_DATA_HOME/rounds;
 * *.json, see resources/compliance/README.md) and fails on a bad one;
 * rounds_scanner_get_default() warns and uses the built-in packs alone. */
RoundsScanner *rounds_scanner_new              (GError                  **error);
RoundsScanner *rounds_scanner_new_from_resource_path (const char         *path,
                                                GError                  **error);
RoundsScanner *rounds_scanner_get_default      (void);
RoundsScanner *rounds_scanner_peek_default     (void);
void           rounds_scanner_get_default_async (GCancellable          *cancellable,
                                                GAsyncReadyCallback    callback,
                                                gpointer               user_data);
RoundsScanner *rounds_scanner_get_default_finish (GAsyncResult         *result,
                                                GError               **error);
char          *rounds_scanner_dup_rules_stamp  (void);
const char    *rounds_scanner_get_rules_stamp  (RoundsScanner            *self);

/* Scans @text (UTF-8, @length bytes or -1 if nul-terminated). Returns a
 * new array of RoundsFinding sorted by start (then end), offsets in
 * Unicode code points, end exclusive; NULL with @error set if @text is
 * not valid UTF-8. @reviewer (optional) is the reviewer's or commenter's
 * display name for replies; @profile (optional) the practice profile. */
GPtrArray     *rounds_scanner_scan             (RoundsScanner            *self,
                                                const char               *text,
                                                gssize                    length,
                                                RoundsTextKind            kind,
                                                const char               *reviewer,
                                                RoundsComplianceProfile  *profile,
                                                GError                  **error);

/* rounds_scanner_scan() of a @text (@length bytes) its caller has
 * already found to be valid UTF-8 without a nul (rounds-check validates
 * each input line whole): the same findings without a second pass over
 * the text, put in @findings (emptied first; an array whose free
 * function is rounds_finding_unref (), which the caller keeps from text
 * to text). FALSE with @error set if the text cannot be scanned. */
gboolean       _rounds_scanner_scan_valid      (RoundsScanner            *self,
                                                const char               *text,
                                                gsize                     length,
                                                RoundsTextKind            kind,
                                                const char               *reviewer,
                                                RoundsComplianceProfile  *profile,
                                                GPtrArray                *findings,
                                                GError                  **error);

/* The same scan on a worker thread (GTask); @text and @reviewer are
 * copied, @profile is referenced and must not change meanwhile. */
void           rounds_scanner_scan_async       (RoundsScanner            *self,
                                                const char               *text,
                                                RoundsTextKind            kind,
                                                const char               *reviewer,
                                                RoundsComplianceProfile  *profile,
                                                GCancellable             *cancellable,
                                                GAsyncReadyCallback       callback,
                                                gpointer                  user_data);
GPtrArray     *rounds_scanner_scan_finish      (RoundsScanner            *self,
                                                GAsyncResult             *result,
                                                GError                  **error);

G_END_DECLS
