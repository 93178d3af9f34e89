/* rounds-post-editor-private.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rounds-post-editor.h"
#include "rounds-store-editor.h"

G_BEGIN_DECLS

struct _RoundsPostEditor
{
  AdwBin          parent_instance;

  RoundsContext  *context;
  RoundsTextKind  kind;
  char           *reviewer;
  gint64          post_id;
  gint64          reply_id;      /* a reply's acks instead of a post's */

  GtkTextView    *text_view;
  GtkTextBuffer  *buffer;
  GtkImage       *summary_icon;
  GtkLabel       *summary_label;
  GtkSpinner     *scan_spinner;
  GtkListBox     *findings_list;

  GtkPopover     *popover;
  GtkImage       *popover_icon;
  GtkLabel       *popover_title;
  GtkLabel       *popover_why;
  GtkLabel       *popover_suggestion;
  GtkLabel       *popover_kept;
  GtkRevealer    *keep_revealer;
  GtkEntry       *keep_entry;
  GtkButton      *keep_button;
  GtkButton      *fix_button;

  GtkTextTag     *tags[3];
  GtkTextTag     *kept_tag;

  guint           scan_timeout_id;
  guint           hover_timeout_id;
  guint           generation;
  gboolean        scan_running;
  gboolean        scan_again;
  GCancellable   *cancellable;

  GPtrArray      *findings;      /* RoundsFinding, of the text, by start */
  GPtrArray      *marks;         /* GtkTextMark, two per finding */
  GPtrArray      *extra;         /* RoundsFinding without a span (images) */
  GPtrArray      *acks;          /* RoundsFindingAck: stored and pending */
  GPtrArray      *pending_acks;  /* RoundsFindingAck not yet in the store */
  char           *summary;
  RoundsFinding  *popover_finding;
  gboolean        popover_from_hover;
  gboolean        pointer_in_popover;
};

const char             *_rounds_post_editor_severity_icon     (RoundsFindingSeverity  severity);
const char             *_rounds_post_editor_severity_class    (RoundsFindingSeverity  severity);
gboolean                _rounds_post_editor_finding_bounds    (RoundsPostEditor      *self,
                                                               RoundsFinding         *finding,
                                                               GtkTextIter           *start,
                                                               GtkTextIter           *end);
RoundsFinding          *_rounds_post_editor_finding_at_offset (RoundsPostEditor      *self,
                                                               int                    offset,
                                                               gboolean               include_end);
const RoundsFindingAck *_rounds_post_editor_ack_for           (RoundsPostEditor      *self,
                                                               RoundsFinding         *finding);
char                   *_rounds_post_editor_finding_title     (RoundsPostEditor      *self,
                                                               RoundsFinding         *finding);
void                    _rounds_post_editor_show_popover      (RoundsPostEditor      *self,
                                                               RoundsFinding         *finding,
                                                               gboolean               from_hover);
void                    _rounds_post_editor_hide_popover      (RoundsPostEditor      *self);
void                    _rounds_post_editor_popover_class_init (GtkWidgetClass       *widget_class);
void                    _rounds_post_editor_popover_init      (RoundsPostEditor      *self);

G_END_DECLS
