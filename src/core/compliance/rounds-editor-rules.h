/* rounds-editor-rules.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "rounds-finding.h"

G_BEGIN_DECLS

/* The editor's rules that are pure functions: what "Apply fix" writes in
 * place of a finding, how the findings are summed up, and how an
 * acknowledged span is recognised after the text moves around it. */

char     *rounds_finding_dup_replacement (const RoundsFinding *finding);
void      rounds_text_fix_range          (const char          *text,
                                          guint                start,
                                          guint                end,
                                          const char          *replacement,
                                          guint               *out_start,
                                          guint               *out_end);
char     *rounds_text_apply_fix          (const char          *text,
                                          guint                start,
                                          guint                end,
                                          const char          *replacement,
                                          guint               *caret);
char     *rounds_text_dup_span_hash      (const char          *text,
                                          guint                start,
                                          guint                end);
char     *rounds_findings_dup_summary    (guint                n_block,
                                          guint                n_warn,
                                          guint                n_info);
int       rounds_finding_compare_severity (const RoundsFinding *a,
                                           const RoundsFinding *b);

G_END_DECLS
