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

/* A finding of _rounds_scanner_scan_plain (): what rounds_finding_get_*()
 * would answer, without a RoundsFinding made and freed for each. @rule
 * and @message are the scanner's rule pack's GRefStrings (the pack is
 * the scanner's for its whole life); @suggestion is a reference the
 * finding holds, released by _rounds_plain_findings_clear (). */
typedef struct
{
  guint                  start;
  guint                  end;
  RoundsFindingCategory  category;
  RoundsFindingSeverity  severity;
  const char            *rule;
  const char            *message;
  char                  *suggestion;
} RoundsPlainFinding;

/* rounds_scanner_scan() for rounds-check, into @findings (a GArray of
 * RoundsPlainFinding that the caller keeps from text to text, emptied
 * here first; the same findings in the same order). @valid: the caller
 * has already found @text (@length bytes) to be valid UTF-8 without a
 * nul (rounds-check validates each input line whole), so it is not
 * checked again; else @length may be -1. FALSE with @error set if the
 * text cannot be scanned. */
gboolean       _rounds_scanner_scan_plain      (RoundsScanner            *self,
                                                const char               *text,
                                                gssize                    length,
                                                gboolean                  valid,
                                                RoundsTextKind            kind,
                                                const char               *reviewer,
                                                RoundsComplianceProfile  *profile,
                                                GArray                   *findings,
                                                GError                  **error);
/* Empties a GArray of RoundsPlainFinding (their suggestions released) */
void           _rounds_plain_findings_clear    (GArray                   *findings);

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
