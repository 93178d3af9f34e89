/* rounds-post-editor.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-post-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "rounds-core-enums.h"
#include "rounds-editor-rules.h"
#include "rounds-finding-row.h"
#include "rounds-post-editor-private.h"
#include "rounds-store-replies.h"
#include "rounds-store-editor.h"

/* The text area every piece of public writing goes through: a post, a
 * reply to a review, a reply to a comment. It scans the text off the
 * main thread a moment after the last keystroke, underlines what it
 * finds (red wavy: must fix; amber double: needs a decision; blue: a
 * note), lists the findings by severity under the text, and explains
 * each in a popover with "Apply fix" and "Keep, with a reason".
 *
 * Marks are GtkTextTags on the buffer, and each finding holds a pair of
 * GtkTextMarks, so edits made before the next scan lands (typing, paste,
 * undo) move them with the words they cover. A scan result that arrives
 * after the text changed again is dropped (generation counter). */


G_DEFINE_FINAL_TYPE (RoundsPostEditor, rounds_post_editor, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_KIND,
  PROP_REVIEWER,
  PROP_POST_ID,
  PROP_SUMMARY,
  N_PROPS
};

enum {
  FINDINGS_CHANGED,
  EXTRA_FINDING_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct
{
  char                    *text;
  RoundsTextKind           kind;
  char                    *reviewer;
  RoundsScanner           *scanner;
  RoundsComplianceProfile *profile;
  guint                    generation;
} ScanData;

static void
scan_data_free (ScanData *data)
{
  g_free (data->text);
  g_free (data->reviewer);
  g_clear_object (&data->scanner);
  g_clear_object (&data->profile);
  g_free (data);
}

static void start_scan (RoundsPostEditor *self);
static void refresh_display (RoundsPostEditor *self);
static void reload_acks (RoundsPostEditor *self);

/* ------------------------------------------------------------------ */
/* Labels                                                              */

static const char *
category_label (RoundsFindingCategory category)
{
  switch (category)
    {
    case ROUNDS_FINDING_CATEGORY_NAME: return _("Name");
    case ROUNDS_FINDING_CATEGORY_DATE: return _("Date");
    case ROUNDS_FINDING_CATEGORY_AGE: return _("Age");
    case ROUNDS_FINDING_CATEGORY_PHONE: return _("Phone number");
    case ROUNDS_FINDING_CATEGORY_FAX: return _("Fax number");
    case ROUNDS_FINDING_CATEGORY_EMAIL: return _("E-mail address");
    case ROUNDS_FINDING_CATEGORY_SSN: return _("Social Security number");
    case ROUNDS_FINDING_CATEGORY_MRN: return _("Medical record number");
    case ROUNDS_FINDING_CATEGORY_HEALTH_PLAN: return _("Health plan number");
    case ROUNDS_FINDING_CATEGORY_ACCOUNT: return _("Account number");
    case ROUNDS_FINDING_CATEGORY_LICENSE: return _("Licence number");
    case ROUNDS_FINDING_CATEGORY_VEHICLE: return _("Vehicle identifier");
    case ROUNDS_FINDING_CATEGORY_DEVICE: return _("Device identifier");
    case ROUNDS_FINDING_CATEGORY_URL: return _("Web address");
    case ROUNDS_FINDING_CATEGORY_IP: return _("IP address");
    case ROUNDS_FINDING_CATEGORY_ADDRESS: return _("Street address");
    case ROUNDS_FINDING_CATEGORY_OTHER_ID: return _("Identifier");
    case ROUNDS_FINDING_CATEGORY_PATIENT_REFERENCE: return _("A specific patient");
    case ROUNDS_FINDING_CATEGORY_REVIEW_CONFIRMATION: return _("Confirms a patient");
    case ROUNDS_FINDING_CATEGORY_TESTIMONIAL: return _("Patient testimonial");
    case ROUNDS_FINDING_CATEGORY_GUARANTEE: return _("Promise of results");
    case ROUNDS_FINDING_CATEGORY_MEDICAL_ADVICE: return _("Medical advice");
    case ROUNDS_FINDING_CATEGORY_MISSING_DISCLOSURE: return _("Missing disclosure");
    default: return _("Problem");
    }
}

const char *
_rounds_post_editor_severity_icon (RoundsFindingSeverity severity)
{
  switch (severity)
    {
    case ROUNDS_FINDING_SEVERITY_BLOCK: return "dialog-error-symbolic";
    case ROUNDS_FINDING_SEVERITY_WARN: return "dialog-warning-symbolic";
    case ROUNDS_FINDING_SEVERITY_INFO:
    default: return "dialog-information-symbolic";
    }
}

const char *
_rounds_post_editor_severity_class (RoundsFindingSeverity severity)
{
  switch (severity)
    {
    case ROUNDS_FINDING_SEVERITY_BLOCK: return "error";
    case ROUNDS_FINDING_SEVERITY_WARN: return "warning";
    case ROUNDS_FINDING_SEVERITY_INFO:
    default: return "accent";
    }
}

static const char *
severity_label (RoundsFindingSeverity severity)
{
  switch (severity)
    {
    case ROUNDS_FINDING_SEVERITY_BLOCK: return _("Must be fixed");
    case ROUNDS_FINDING_SEVERITY_WARN: return _("Needs a decision");
    case ROUNDS_FINDING_SEVERITY_INFO:
    default: return _("Note");
    }
}

/* ------------------------------------------------------------------ */
/* Marks                                                               */

static void
update_tag_colors (RoundsPostEditor *self)
{
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  GdkRGBA red, amber, blue, grey, red_bg, amber_bg;

  /* The GNOME palette: darker shades on light, lighter ones on dark. */
  gdk_rgba_parse (&red, dark ? "#ff7b63" : "#c01c28");
  gdk_rgba_parse (&amber, dark ? "#f8e45c" : "#c64600");
  gdk_rgba_parse (&blue, dark ? "#99c1f1" : "#1c71d8");
  gdk_rgba_parse (&grey, dark ? "#9a9996" : "#77767b");
  red_bg = red;
  red_bg.alpha = 0.15;
  amber_bg = amber;
  amber_bg.alpha = 0.12;

  g_object_set (self->tags[ROUNDS_FINDING_SEVERITY_BLOCK],
                "underline", PANGO_UNDERLINE_ERROR, "underline-rgba", &red,
                "background-rgba", &red_bg, NULL);
  g_object_set (self->tags[ROUNDS_FINDING_SEVERITY_WARN],
                "underline", PANGO_UNDERLINE_DOUBLE, "underline-rgba", &amber,
                "background-rgba", &amber_bg, NULL);
  g_object_set (self->tags[ROUNDS_FINDING_SEVERITY_INFO],
                "underline", PANGO_UNDERLINE_SINGLE, "underline-rgba", &blue, NULL);
  g_object_set (self->kept_tag,
                "underline", PANGO_UNDERLINE_SINGLE, "underline-rgba", &grey, NULL);
}

static void
clear_marks (RoundsPostEditor *self)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  for (guint i = 0; i < G_N_ELEMENTS (self->tags); i++)
    gtk_text_buffer_remove_tag (self->buffer, self->tags[i], &start, &end);
  gtk_text_buffer_remove_tag (self->buffer, self->kept_tag, &start, &end);
}

static void
delete_text_marks (RoundsPostEditor *self)
{
  for (guint i = 0; i < self->marks->len; i++)
    {
      GtkTextMark *mark = g_ptr_array_index (self->marks, i);

      if (!gtk_text_mark_get_deleted (mark))
        gtk_text_buffer_delete_mark (self->buffer, mark);
    }
  g_ptr_array_set_size (self->marks, 0);
}

static int
finding_index (RoundsPostEditor *self,
               RoundsFinding    *finding)
{
  for (guint i = 0; i < self->findings->len; i++)
    if (g_ptr_array_index (self->findings, i) == finding)
      return i;
  return -1;
}

/* The current span of the finding (it moves with edits). */
gboolean
_rounds_post_editor_finding_bounds (RoundsPostEditor *self,
                                    RoundsFinding    *finding,
                                    GtkTextIter      *start,
                                    GtkTextIter      *end)
{
  int i = finding_index (self, finding);

  if (i < 0)
    return FALSE;

  gtk_text_buffer_get_iter_at_mark (self->buffer, start, g_ptr_array_index (self->marks, 2 * i));
  gtk_text_buffer_get_iter_at_mark (self->buffer, end, g_ptr_array_index (self->marks, 2 * i + 1));
  return gtk_text_iter_compare (start, end) < 0;
}

RoundsFinding *
_rounds_post_editor_finding_at_offset (RoundsPostEditor *self,
                                       int               offset,
                                       gboolean          include_end)
{
  RoundsFinding *best = NULL;

  for (guint i = 0; i < self->findings->len; i++)
    {
      RoundsFinding *f = g_ptr_array_index (self->findings, i);
      GtkTextIter s, e;
      int so, eo;

      if (!_rounds_post_editor_finding_bounds (self, f, &s, &e))
        continue;
      so = gtk_text_iter_get_offset (&s);
      eo = gtk_text_iter_get_offset (&e);
      if (offset >= so && (offset < eo || (include_end && offset == eo)))
        if (best == NULL || rounds_finding_get_severity (f) > rounds_finding_get_severity (best))
          best = f;
    }

  return best;
}

gboolean
rounds_post_editor_is_acknowledged (RoundsPostEditor *self,
                                    RoundsFinding    *finding)
{
  g_autofree char *text = NULL;
  GtkTextIter s, e;
  g_autofree char *hash = NULL;

  g_return_val_if_fail (ROUNDS_IS_POST_EDITOR (self), FALSE);

  if (self->acks->len == 0 || !_rounds_post_editor_finding_bounds (self, finding, &s, &e))
    return FALSE;

  text = gtk_text_buffer_get_text (self->buffer, &s, &e, FALSE);
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
  for (guint i = 0; i < self->acks->len; i++)
    {
      RoundsFindingAck *ack = g_ptr_array_index (self->acks, i);

      if (g_strcmp0 (ack->rule, rounds_finding_get_rule (finding)) == 0 &&
          g_strcmp0 (ack->span_sha256, hash) == 0)
        return TRUE;
    }

  return FALSE;
}

const RoundsFindingAck *
_rounds_post_editor_ack_for (RoundsPostEditor *self,
                             RoundsFinding    *finding)
{
  g_autofree char *text = NULL;
  g_autofree char *hash = NULL;
  GtkTextIter s, e;

  if (!_rounds_post_editor_finding_bounds (self, finding, &s, &e))
    return NULL;
  text = gtk_text_buffer_get_text (self->buffer, &s, &e, FALSE);
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
  for (guint i = 0; i < self->acks->len; i++)
    {
      RoundsFindingAck *ack = g_ptr_array_index (self->acks, i);

      if (g_strcmp0 (ack->rule, rounds_finding_get_rule (finding)) == 0 &&
          g_strcmp0 (ack->span_sha256, hash) == 0)
        return ack;
    }
  return NULL;
}

/* ------------------------------------------------------------------ */
/* Findings panel                                                      */

static char *
span_text (RoundsPostEditor *self,
           RoundsFinding    *finding)
{
  GtkTextIter s, e;

  if (!_rounds_post_editor_finding_bounds (self, finding, &s, &e))
    return NULL;
  return gtk_text_buffer_get_text (self->buffer, &s, &e, FALSE);
}

char *
_rounds_post_editor_finding_title (RoundsPostEditor *self,
                                   RoundsFinding    *finding)
{
  g_autofree char *words = span_text (self, finding);

  if (g_strcmp0 (rounds_finding_get_rule (finding), ROUNDS_MEDIA_PATIENT_RULE) == 0)
    return g_strdup (_("Image shows a patient"));

  if (words == NULL || words[0] == '\0')
    return g_strdup (category_label (rounds_finding_get_category (finding)));

  if (g_utf8_strlen (words, -1) > 40)
    {
      char *cut = g_utf8_offset_to_pointer (words, 39);
      *cut = '\0';
      /* TRANSLATORS: what was found and the words, "Phone number: “555-0100…”" */
      return g_strdup_printf (_("%s: “%s…”"), category_label (rounds_finding_get_category (finding)), words);
    }

  /* TRANSLATORS: what was found and the words, "Phone number: “555-0100”" */
  return g_strdup_printf (_("%s: “%s”"), category_label (rounds_finding_get_category (finding)), words);
}

static GtkWidget *
make_finding_row (RoundsPostEditor *self,
                  RoundsFinding    *finding,
                  const char       *signature)
{
  const RoundsFindingAck *ack = _rounds_post_editor_ack_for (self, finding);
  g_autofree char *title = _rounds_post_editor_finding_title (self, finding);

  return rounds_finding_row_new (finding, title,
                                 severity_label (rounds_finding_get_severity (finding)),
                                 ack != NULL ? ack->reason : NULL, signature);
}

static int
compare_for_panel (gconstpointer a,
                   gconstpointer b)
{
  return rounds_finding_compare_severity (*(RoundsFinding **)a, *(RoundsFinding **)b);
}

static void
refresh_display (RoundsPostEditor *self)
{
  g_autoptr(GPtrArray) sorted = rounds_post_editor_dup_all_findings (self);
  GtkWidget *child;
  guint n_block = 0, n_warn = 0, n_info = 0;
  RoundsFindingSeverity worst = ROUNDS_FINDING_SEVERITY_INFO;
  gboolean any = FALSE;
  GPtrArray *new_sigs;

  /* Marks */
  clear_marks (self);
  for (guint i = 0; i < self->findings->len; i++)
    {
      RoundsFinding *f = g_ptr_array_index (self->findings, i);
      RoundsFindingSeverity severity = rounds_finding_get_severity (f);
      GtkTextIter s, e;

      if (!_rounds_post_editor_finding_bounds (self, f, &s, &e))
        continue;
      if (severity != ROUNDS_FINDING_SEVERITY_BLOCK && rounds_post_editor_is_acknowledged (self, f))
        gtk_text_buffer_apply_tag (self->buffer, self->kept_tag, &s, &e);
      else
        gtk_text_buffer_apply_tag (self->buffer, self->tags[severity], &s, &e);
    }

  /* Panel: only the rows whose content changed are replaced (typing
   * elsewhere moves offsets but not the rows; a new finding adds one). */
  g_ptr_array_sort (sorted, compare_for_panel);
  new_sigs = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < sorted->len; i++)
    {
      RoundsFinding *f = g_ptr_array_index (sorted, i);
      g_autofree char *words = span_text (self, f);
      const RoundsFindingAck *ack = _rounds_post_editor_ack_for (self, f);

      g_ptr_array_add (new_sigs, g_strdup_printf ("%d\x1f%s\x1f%s\x1f%s\x1f%s",
                                                  rounds_finding_get_severity (f),
                                                  rounds_finding_get_rule (f),
                                                  rounds_finding_get_message (f), words ? words : "",
                                                  ack ? ack->reason : ""));
    }
  {
    guint old_n = 0, prefix = 0, suffix = 0;
    GPtrArray *old_rows = g_ptr_array_new ();

    for (child = gtk_widget_get_first_child (GTK_WIDGET (self->findings_list)); child != NULL;
         child = gtk_widget_get_next_sibling (child))
      if (ROUNDS_IS_FINDING_ROW (child))
        g_ptr_array_add (old_rows, child);
    old_n = old_rows->len;

#define OLD_SIG(i) rounds_finding_row_get_signature (g_ptr_array_index (old_rows, (i)))
    while (prefix < old_n && prefix < new_sigs->len &&
           g_strcmp0 (OLD_SIG (prefix), g_ptr_array_index (new_sigs, prefix)) == 0)
      prefix++;
    while (suffix < old_n - prefix && suffix < new_sigs->len - prefix &&
           g_strcmp0 (OLD_SIG (old_n - 1 - suffix), g_ptr_array_index (new_sigs, new_sigs->len - 1 - suffix)) == 0)
      suffix++;
#undef OLD_SIG

    for (guint i = prefix; i < old_n - suffix; i++)
      gtk_list_box_remove (self->findings_list, g_ptr_array_index (old_rows, i));
    for (guint i = prefix; i < new_sigs->len - suffix; i++)
      {
        GtkWidget *row = make_finding_row (self, g_ptr_array_index (sorted, i),
                                           g_ptr_array_index (new_sigs, i));

        gtk_list_box_insert (self->findings_list, row, i);
      }
    g_ptr_array_unref (old_rows);
  }
  g_ptr_array_unref (new_sigs);

  for (guint i = 0; i < sorted->len; i++)
    {
      RoundsFinding *f = g_ptr_array_index (sorted, i);
      RoundsFindingSeverity severity = rounds_finding_get_severity (f);
      gboolean kept = finding_index (self, f) >= 0 && rounds_post_editor_is_acknowledged (self, f);
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->findings_list, i);

      /* Point the rows at the current findings (current offsets). */
      if (ROUNDS_IS_FINDING_ROW (row))
        rounds_finding_row_set_finding (ROUNDS_FINDING_ROW (row), f);

      if (severity == ROUNDS_FINDING_SEVERITY_BLOCK)
        n_block++;
      else if (kept)
        continue;
      else if (severity == ROUNDS_FINDING_SEVERITY_WARN)
        n_warn++;
      else
        n_info++;

      if (!any || severity > worst)
        worst = severity;
      any = TRUE;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->findings_list), sorted->len > 0);

  /* Summary */
  g_free (self->summary);
  self->summary = rounds_findings_dup_summary (n_block, n_warn, n_info);
  if (g_strcmp0 (gtk_label_get_text (self->summary_label), self->summary) != 0)
    gtk_label_set_text (self->summary_label, self->summary);

  gtk_widget_remove_css_class (GTK_WIDGET (self->summary_icon), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->summary_icon), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (self->summary_icon), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->summary_icon), "accent");
  if (n_block > 0 || n_warn > 0)
    {
      gtk_image_set_from_icon_name (self->summary_icon, _rounds_post_editor_severity_icon (worst));
      gtk_widget_add_css_class (GTK_WIDGET (self->summary_icon), _rounds_post_editor_severity_class (worst));
    }
  else
    {
      gtk_image_set_from_icon_name (self->summary_icon, "object-select-symbolic");
      gtk_widget_add_css_class (GTK_WIDGET (self->summary_icon), "success");
    }

  /* Screen readers hear the summary with the text field. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_view),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->summary, -1);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUMMARY]);
  g_signal_emit (self, signals[FINDINGS_CHANGED], 0);
}

/* ------------------------------------------------------------------ */
/* Scanning                                                            */

static void
scan_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ScanData *data = task_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *findings;

  /* The default scanner, loaded here (not on the main thread) when the
   * editor is the first to need it: the start does not load it. */
  findings = rounds_scanner_scan (data->scanner != NULL ? data->scanner
                                                        : rounds_scanner_get_default (),
                                  data->text, -1, data->kind, data->reviewer, data->profile,
                                  &error);
  if (findings == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, findings, (GDestroyNotify)g_ptr_array_unref);
}

static void
apply_findings (RoundsPostEditor *self,
                GPtrArray        *findings)
{
  delete_text_marks (self);
  g_ptr_array_set_size (self->findings, 0);

  for (guint i = 0; i < findings->len; i++)
    {
      RoundsFinding *f = g_ptr_array_index (findings, i);
      GtkTextIter s, e;

      if (rounds_finding_get_end (f) <= rounds_finding_get_start (f))
        continue;

      gtk_text_buffer_get_iter_at_offset (self->buffer, &s, rounds_finding_get_start (f));
      gtk_text_buffer_get_iter_at_offset (self->buffer, &e, rounds_finding_get_end (f));
      g_ptr_array_add (self->findings, rounds_finding_ref (f));
      /* Right gravity at the start and left at the end: text typed just
       * before or after a span stays outside it. */
      g_ptr_array_add (self->marks, gtk_text_buffer_create_mark (self->buffer, NULL, &s, FALSE));
      g_ptr_array_add (self->marks, gtk_text_buffer_create_mark (self->buffer, NULL, &e, TRUE));
    }

  /* Keep the popover on the same words, or close it. */
  if (self->popover_finding != NULL)
    {
      RoundsFinding *same = NULL;

      for (guint i = 0; i < self->findings->len && same == NULL; i++)
        {
          RoundsFinding *f = g_ptr_array_index (self->findings, i);

          if (rounds_finding_get_start (f) == rounds_finding_get_start (self->popover_finding) &&
              g_strcmp0 (rounds_finding_get_rule (f), rounds_finding_get_rule (self->popover_finding)) == 0)
            same = f;
        }
      if (same != NULL)
        {
          rounds_finding_unref (self->popover_finding);
          self->popover_finding = rounds_finding_ref (same);
        }
      else
        _rounds_post_editor_hide_popover (self);
    }

  refresh_display (self);
}

static void
scan_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = G_TASK (result);
  ScanData *data = g_task_get_task_data (task);
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) error = NULL;
  RoundsPostEditor *self;

  findings = g_task_propagate_pointer (task, &error);
  if (g_task_get_cancellable (task) != NULL && g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    return;

  self = ROUNDS_POST_EDITOR (object);
  self->scan_running = FALSE;

  if (findings == NULL)
    g_warning ("Could not check the text: %s", error->message);
  else if (data->generation == self->generation)
    apply_findings (self, findings);
  /* else: the text changed while scanning; this result is stale. */

  if (self->scan_again)
    {
      self->scan_again = FALSE;
      start_scan (self);
    }
  else
    {
      gtk_spinner_stop (self->scan_spinner);
      gtk_widget_set_visible (GTK_WIDGET (self->scan_spinner), FALSE);
    }
}

static void
start_scan (RoundsPostEditor *self)
{
  g_autoptr(GTask) task = NULL;
  ScanData *data;
  GtkTextIter start, end;

  if (self->context == NULL)
    return;

  if (self->scan_running)
    {
      self->scan_again = TRUE;
      return;
    }

  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  data = g_new0 (ScanData, 1);
  data->text = gtk_text_buffer_get_text (self->buffer, &start, &end, FALSE);
  data->kind = self->kind;
  data->reviewer = g_strdup (self->reviewer);
  data->scanner = rounds_scanner_peek_default () != NULL
                  ? g_object_ref (rounds_scanner_peek_default ()) : NULL;
  data->profile = rounds_context_dup_compliance_profile (self->context);
  data->generation = self->generation;

  self->scan_running = TRUE;
  gtk_widget_set_visible (GTK_WIDGET (self->scan_spinner), TRUE);
  gtk_spinner_start (self->scan_spinner);

  task = g_task_new (self, self->cancellable, scan_done_cb, NULL);
  g_task_set_source_tag (task, start_scan);
  g_task_set_task_data (task, data, (GDestroyNotify)scan_data_free);
  g_task_run_in_thread (task, scan_thread);
}

static gboolean
scan_timeout_cb (gpointer user_data)
{
  RoundsPostEditor *self = user_data;

  self->scan_timeout_id = 0;
  start_scan (self);
  return G_SOURCE_REMOVE;
}

static void
on_buffer_changed_cb (RoundsPostEditor *self)
{
  self->generation++;
  g_clear_handle_id (&self->scan_timeout_id, g_source_remove);
  self->scan_timeout_id = g_timeout_add (ROUNDS_POST_EDITOR_SCAN_DELAY_MS, scan_timeout_cb, self);
}

static void
on_findings_row_activated_cb (RoundsPostEditor *self,
                              GtkListBoxRow    *row)
{
  RoundsFinding *finding;

  if (!ROUNDS_IS_FINDING_ROW (row))
    return;
  finding = rounds_finding_row_get_finding (ROUNDS_FINDING_ROW (row));

  if (finding_index (self, finding) < 0)
    {
      g_signal_emit (self, signals[EXTRA_FINDING_ACTIVATED], 0, finding);
      return;
    }

  rounds_post_editor_select_finding (self, finding);
  _rounds_post_editor_show_popover (self, finding, FALSE);
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */

static void
rounds_post_editor_dispose (GObject *object)
{
  RoundsPostEditor *self = (RoundsPostEditor *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->scan_timeout_id, g_source_remove);
  g_clear_handle_id (&self->hover_timeout_id, g_source_remove);
  g_clear_pointer (&self->popover_finding, rounds_finding_unref);
  if (self->popover != NULL && gtk_widget_get_parent (GTK_WIDGET (self->popover)) != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->popover));
  self->popover = NULL;
  g_clear_object (&self->context);

  G_OBJECT_CLASS (rounds_post_editor_parent_class)->dispose (object);
}

static void
rounds_post_editor_finalize (GObject *object)
{
  RoundsPostEditor *self = (RoundsPostEditor *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->findings, g_ptr_array_unref);
  g_clear_pointer (&self->marks, g_ptr_array_unref);
  g_clear_pointer (&self->extra, g_ptr_array_unref);
  g_clear_pointer (&self->acks, g_ptr_array_unref);
  g_clear_pointer (&self->pending_acks, g_ptr_array_unref);
  g_free (self->summary);
  g_free (self->reviewer);

  G_OBJECT_CLASS (rounds_post_editor_parent_class)->finalize (object);
}

static void
rounds_post_editor_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  RoundsPostEditor *self = ROUNDS_POST_EDITOR (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_REVIEWER:
      g_value_set_string (value, self->reviewer);
      break;
    case PROP_POST_ID:
      g_value_set_int64 (value, self->post_id);
      break;
    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rounds_post_editor_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  RoundsPostEditor *self = ROUNDS_POST_EDITOR (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      rounds_post_editor_set_context (self, g_value_get_object (value));
      break;
    case PROP_KIND:
      rounds_post_editor_set_kind (self, g_value_get_enum (value));
      break;
    case PROP_REVIEWER:
      rounds_post_editor_set_reviewer (self, g_value_get_string (value));
      break;
    case PROP_POST_ID:
      rounds_post_editor_set_post_id (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rounds_post_editor_class_init (RoundsPostEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rounds_post_editor_dispose;
  object_class->finalize = rounds_post_editor_finalize;
  object_class->get_property = rounds_post_editor_get_property;
  object_class->set_property = rounds_post_editor_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, ROUNDS_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * RoundsPostEditor:kind:
   *
   * What is written: a post, a reply to a review or to a comment. Replies
   * are checked for confirming that someone is a patient.
   */
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, ROUNDS_TYPE_TEXT_KIND, ROUNDS_TEXT_KIND_POST,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * RoundsPostEditor:reviewer:
   *
   * The reviewer's or commenter's display name, for replies.
   */
  properties[PROP_REVIEWER] =
    g_param_spec_string ("reviewer", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * RoundsPostEditor:post-id:
   *
   * The saved post the text belongs to (0: not saved yet); decisions to
   * keep a passage are recorded on it.
   */
  properties[PROP_POST_ID] =
    g_param_spec_int64 ("post-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RoundsPostEditor::findings-changed:
   *
   * A scan finished, or a finding was fixed or kept.
   */
  signals[FINDINGS_CHANGED] =
    g_signal_new ("findings-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * RoundsPostEditor::extra-finding-activated:
   *
   * The user activated a finding that has no words in the text (an image).
   */
  signals[EXTRA_FINDING_ACTIVATED] =
    g_signal_new ("extra-finding-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, ROUNDS_TYPE_FINDING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/rounds-post-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, RoundsPostEditor, text_view);
  gtk_widget_class_bind_template_child (widget_class, RoundsPostEditor, summary_icon);
  gtk_widget_class_bind_template_child (widget_class, RoundsPostEditor, summary_label);
  gtk_widget_class_bind_template_child (widget_class, RoundsPostEditor, scan_spinner);
  gtk_widget_class_bind_template_child (widget_class, RoundsPostEditor, findings_list);
  gtk_widget_class_bind_template_child (widget_class, RoundsPostEditor, popover);
  gtk_widget_class_bind_template_child (widget_class, RoundsPostEditor, popover_icon);
  gtk_widget_class_bind_template_child (widget_class, RoundsPostEditor, popover_title);
  gtk_widget_class_bind_template_child (widget_class, RoundsPostEditor, popover_why);
  gtk_widget_class_bind_template_child (widget_class, RoundsPostEditor, popover_suggestion);
  gtk_widget_class_bind_template_child (widget_class, RoundsPostEditor, popover_kept);
  gtk_widget_class_bind_template_child (widget_class, RoundsPostEditor, keep_revealer);
  gtk_widget_class_bind_template_child (widget_class, RoundsPostEditor, keep_entry);
  gtk_widget_class_bind_template_child (widget_class, RoundsPostEditor, keep_button);
  gtk_widget_class_bind_template_child (widget_class, RoundsPostEditor, fix_button);
  gtk_widget_class_bind_template_callback (widget_class, on_findings_row_activated_cb);

  _rounds_post_editor_popover_class_init (widget_class);

  gtk_widget_class_set_css_name (widget_class, "posteditor");
}

static void
rounds_post_editor_init (RoundsPostEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->kind = ROUNDS_TEXT_KIND_POST;
  self->cancellable = g_cancellable_new ();
  self->findings = g_ptr_array_new_with_free_func ((GDestroyNotify)rounds_finding_unref);
  self->marks = g_ptr_array_new ();
  self->extra = g_ptr_array_new_with_free_func ((GDestroyNotify)rounds_finding_unref);
  self->acks = g_ptr_array_new_with_free_func ((GDestroyNotify)rounds_finding_ack_free);
  self->pending_acks = g_ptr_array_new_with_free_func ((GDestroyNotify)rounds_finding_ack_free);
  self->buffer = gtk_text_view_get_buffer (self->text_view);

  /* Later tags win where spans overlap: a name inside a sentence about a
   * patient shows as the name (must fix), not the sentence. */
  self->kept_tag = gtk_text_buffer_create_tag (self->buffer, "finding-kept", NULL);
  self->tags[ROUNDS_FINDING_SEVERITY_INFO] = gtk_text_buffer_create_tag (self->buffer, "finding-info", NULL);
  self->tags[ROUNDS_FINDING_SEVERITY_WARN] = gtk_text_buffer_create_tag (self->buffer, "finding-warn", NULL);
  self->tags[ROUNDS_FINDING_SEVERITY_BLOCK] = gtk_text_buffer_create_tag (self->buffer, "finding-block", NULL);
  update_tag_colors (self);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_tag_colors), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->buffer, "changed", G_CALLBACK (on_buffer_changed_cb), self,
                           G_CONNECT_SWAPPED);
  _rounds_post_editor_popover_init (self);

  refresh_display (self);
}

/* ------------------------------------------------------------------ */
/* Public API                                                          */

RoundsPostEditor *
rounds_post_editor_new (RoundsContext  *context,
                        RoundsTextKind  kind)
{
  return g_object_new (ROUNDS_TYPE_POST_EDITOR, "context", context, "kind", kind, NULL);
}

RoundsContext *
rounds_post_editor_get_context (RoundsPostEditor *self)
{
  g_return_val_if_fail (ROUNDS_IS_POST_EDITOR (self), NULL);
  return self->context;
}

void
rounds_post_editor_set_context (RoundsPostEditor *self,
                                RoundsContext    *context)
{
  g_return_if_fail (ROUNDS_IS_POST_EDITOR (self));
  g_return_if_fail (!context || ROUNDS_IS_CONTEXT (context));

  if (g_set_object (&self->context, context))
    {
      on_buffer_changed_cb (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
    }
}

RoundsTextKind
rounds_post_editor_get_kind (RoundsPostEditor *self)
{
  g_return_val_if_fail (ROUNDS_IS_POST_EDITOR (self), ROUNDS_TEXT_KIND_POST);
  return self->kind;
}

void
rounds_post_editor_set_kind (RoundsPostEditor *self,
                             RoundsTextKind    kind)
{
  g_return_if_fail (ROUNDS_IS_POST_EDITOR (self));

  if (self->kind == kind)
    return;
  self->kind = kind;
  on_buffer_changed_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

const char *
rounds_post_editor_get_reviewer (RoundsPostEditor *self)
{
  g_return_val_if_fail (ROUNDS_IS_POST_EDITOR (self), NULL);
  return self->reviewer;
}

void
rounds_post_editor_set_reviewer (RoundsPostEditor *self,
                                 const char       *reviewer)
{
  g_return_if_fail (ROUNDS_IS_POST_EDITOR (self));

  if (g_strcmp0 (self->reviewer, reviewer) != 0)
    {
      g_free (self->reviewer);
      self->reviewer = g_strdup (reviewer);
      on_buffer_changed_cb (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVIEWER]);
    }
}

gint64
rounds_post_editor_get_post_id (RoundsPostEditor *self)
{
  g_return_val_if_fail (ROUNDS_IS_POST_EDITOR (self), 0);
  return self->post_id;
}

/**
 * rounds_post_editor_set_post_id:
 *
 * Ties the editor to a saved post and loads the passages kept on it.
 */
void
rounds_post_editor_set_post_id (RoundsPostEditor *self,
                                gint64            post_id)
{
  g_return_if_fail (ROUNDS_IS_POST_EDITOR (self));

  if (self->post_id == post_id)
    return;
  self->post_id = post_id;

  reload_acks (self);
  for (guint i = 0; i < self->pending_acks->len; i++)
    g_ptr_array_add (self->acks, rounds_finding_ack_copy (g_ptr_array_index (self->pending_acks, i)));

  refresh_display (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POST_ID]);
}

static void
reload_acks (RoundsPostEditor *self)
{
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GError) error = NULL;
  RoundsStore *store;

  g_ptr_array_set_size (self->acks, 0);
  if (self->context == NULL)
    return;
  store = rounds_context_get_store (self->context);
  if (self->reply_id != 0)
    stored = rounds_store_list_reply_acks (store, self->reply_id, &error);
  else if (self->post_id != 0)
    stored = rounds_store_list_finding_acks (store, self->post_id, &error);
  else
    return;
  if (stored == NULL)
    g_warning ("Could not read the decisions kept: %s", error->message);
  for (guint i = 0; stored != NULL && i < stored->len; i++)
    g_ptr_array_add (self->acks, rounds_finding_ack_copy (g_ptr_array_index (stored, i)));
}

gint64
rounds_post_editor_get_reply_id (RoundsPostEditor *self)
{
  g_return_val_if_fail (ROUNDS_IS_POST_EDITOR (self), 0);
  return self->reply_id;
}

/**
 * rounds_post_editor_set_reply_id:
 *
 * Ties the editor to a saved reply (rounds-store-replies.h): the passages
 * kept are the reply's, and "Keep" writes to the reply.
 */
void
rounds_post_editor_set_reply_id (RoundsPostEditor *self,
                                 gint64            reply_id)
{
  g_return_if_fail (ROUNDS_IS_POST_EDITOR (self));

  if (self->reply_id == reply_id)
    return;
  self->reply_id = reply_id;
  reload_acks (self);
  for (guint i = 0; i < self->pending_acks->len; i++)
    g_ptr_array_add (self->acks, rounds_finding_ack_copy (g_ptr_array_index (self->pending_acks, i)));
  refresh_display (self);
}

GtkTextView *
rounds_post_editor_get_text_view (RoundsPostEditor *self)
{
  g_return_val_if_fail (ROUNDS_IS_POST_EDITOR (self), NULL);
  return self->text_view;
}

GtkTextBuffer *
rounds_post_editor_get_buffer (RoundsPostEditor *self)
{
  g_return_val_if_fail (ROUNDS_IS_POST_EDITOR (self), NULL);
  return self->buffer;
}

char *
rounds_post_editor_dup_text (RoundsPostEditor *self)
{
  GtkTextIter start, end;

  g_return_val_if_fail (ROUNDS_IS_POST_EDITOR (self), NULL);

  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  return gtk_text_buffer_get_text (self->buffer, &start, &end, FALSE);
}

/**
 * rounds_post_editor_set_text:
 *
 * Replaces the text (not undoable) and checks it at once.
 */
void
rounds_post_editor_set_text (RoundsPostEditor *self,
                             const char       *text)
{
  g_return_if_fail (ROUNDS_IS_POST_EDITOR (self));

  gtk_text_buffer_begin_irreversible_action (self->buffer);
  gtk_text_buffer_set_text (self->buffer, text ? text : "", -1);
  gtk_text_buffer_end_irreversible_action (self->buffer);
  rounds_post_editor_scan_now (self);
}

/**
 * rounds_post_editor_is_scanning:
 *
 * Returns: whether a scan is waiting for the pause after a keystroke or
 *   running.
 */
gboolean
rounds_post_editor_is_scanning (RoundsPostEditor *self)
{
  g_return_val_if_fail (ROUNDS_IS_POST_EDITOR (self), FALSE);
  return self->scan_timeout_id != 0 || self->scan_running;
}

/**
 * rounds_post_editor_scan_now:
 *
 * Checks the text without waiting for the pause.
 */
void
rounds_post_editor_scan_now (RoundsPostEditor *self)
{
  g_return_if_fail (ROUNDS_IS_POST_EDITOR (self));

  g_clear_handle_id (&self->scan_timeout_id, g_source_remove);
  start_scan (self);
}

/**
 * rounds_post_editor_get_findings:
 *
 * Returns: (transfer none) (element-type RoundsFinding): the findings in
 *   the text as last scanned, by start. Their offsets are those of the
 *   scan; rounds_post_editor_select_finding() finds their words now.
 */
GPtrArray *
rounds_post_editor_get_findings (RoundsPostEditor *self)
{
  g_return_val_if_fail (ROUNDS_IS_POST_EDITOR (self), NULL);
  return self->findings;
}

/**
 * rounds_post_editor_dup_all_findings:
 *
 * Returns: (transfer container) (element-type RoundsFinding): the text's
 *   findings and the extra ones (images).
 */
GPtrArray *
rounds_post_editor_dup_all_findings (RoundsPostEditor *self)
{
  GPtrArray *all = g_ptr_array_new_with_free_func ((GDestroyNotify)rounds_finding_unref);

  g_return_val_if_fail (ROUNDS_IS_POST_EDITOR (self), all);

  for (guint i = 0; i < self->findings->len; i++)
    g_ptr_array_add (all, rounds_finding_ref (g_ptr_array_index (self->findings, i)));
  for (guint i = 0; i < self->extra->len; i++)
    g_ptr_array_add (all, rounds_finding_ref (g_ptr_array_index (self->extra, i)));
  return all;
}

/**
 * rounds_post_editor_set_extra_findings:
 * @findings: (nullable) (element-type RoundsFinding): findings that have
 *   no words in the text, such as an image that shows a patient
 */
void
rounds_post_editor_set_extra_findings (RoundsPostEditor *self,
                                       GPtrArray        *findings)
{
  g_return_if_fail (ROUNDS_IS_POST_EDITOR (self));

  g_ptr_array_set_size (self->extra, 0);
  for (guint i = 0; findings != NULL && i < findings->len; i++)
    g_ptr_array_add (self->extra, rounds_finding_ref (g_ptr_array_index (findings, i)));
  refresh_display (self);
}

guint
rounds_post_editor_count_blocking (RoundsPostEditor *self)
{
  g_autoptr(GPtrArray) all = NULL;
  guint n = 0;

  g_return_val_if_fail (ROUNDS_IS_POST_EDITOR (self), 0);

  all = rounds_post_editor_dup_all_findings (self);
  for (guint i = 0; i < all->len; i++)
    n += rounds_finding_get_severity (g_ptr_array_index (all, i)) == ROUNDS_FINDING_SEVERITY_BLOCK;
  return n;
}

const char *
rounds_post_editor_get_summary (RoundsPostEditor *self)
{
  g_return_val_if_fail (ROUNDS_IS_POST_EDITOR (self), NULL);
  return self->summary;
}

GtkPopover *
rounds_post_editor_get_popover (RoundsPostEditor *self)
{
  g_return_val_if_fail (ROUNDS_IS_POST_EDITOR (self), NULL);
  return self->popover;
}

/**
 * rounds_post_editor_select_finding:
 *
 * Moves the cursor to the finding and selects its words.
 */
void
rounds_post_editor_select_finding (RoundsPostEditor *self,
                                   RoundsFinding    *finding)
{
  GtkTextIter s, e;

  g_return_if_fail (ROUNDS_IS_POST_EDITOR (self));

  if (!_rounds_post_editor_finding_bounds (self, finding, &s, &e))
    return;

  gtk_text_buffer_select_range (self->buffer, &e, &s);
  gtk_text_view_scroll_to_iter (self->text_view, &s, 0.1, FALSE, 0, 0);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

/**
 * rounds_post_editor_show_finding:
 *
 * Shows the popover that explains @finding.
 */
void
rounds_post_editor_show_finding (RoundsPostEditor *self,
                                 RoundsFinding    *finding)
{
  g_return_if_fail (ROUNDS_IS_POST_EDITOR (self));
  _rounds_post_editor_show_popover (self, finding, FALSE);
}

/**
 * rounds_post_editor_apply_fix:
 *
 * "Apply fix": rewrites the finding's words (see
 * rounds_finding_dup_replacement()) as one undoable step.
 *
 * Returns: whether the text changed.
 */
gboolean
rounds_post_editor_apply_fix (RoundsPostEditor *self,
                              RoundsFinding    *finding)
{
  g_autofree char *replacement = NULL;
  g_autofree char *text = NULL;
  GtkTextIter s, e;
  guint rs, re;
  int i;

  g_return_val_if_fail (ROUNDS_IS_POST_EDITOR (self), FALSE);

  replacement = rounds_finding_dup_replacement (finding);
  if (replacement == NULL || !_rounds_post_editor_finding_bounds (self, finding, &s, &e))
    return FALSE;

  text = rounds_post_editor_dup_text (self);
  rounds_text_fix_range (text, gtk_text_iter_get_offset (&s), gtk_text_iter_get_offset (&e),
                         replacement, &rs, &re);

  /* The finding goes at once; the next scan confirms. */
  i = finding_index (self, finding);
  for (guint k = 0; k < 2; k++)
    {
      GtkTextMark *mark = g_ptr_array_steal_index (self->marks, 2 * i);

      if (!gtk_text_mark_get_deleted (mark))
        gtk_text_buffer_delete_mark (self->buffer, mark);
    }
  g_ptr_array_remove_index (self->findings, i);

  gtk_text_buffer_begin_user_action (self->buffer);
  gtk_text_buffer_get_iter_at_offset (self->buffer, &s, rs);
  gtk_text_buffer_get_iter_at_offset (self->buffer, &e, re);
  gtk_text_buffer_delete (self->buffer, &s, &e);
  gtk_text_buffer_insert (self->buffer, &s, replacement, -1);
  gtk_text_buffer_place_cursor (self->buffer, &s);
  gtk_text_buffer_end_user_action (self->buffer);

  refresh_display (self);
  rounds_post_editor_scan_now (self);
  return TRUE;
}

/**
 * rounds_post_editor_keep_finding:
 * @reason: why the words stay
 *
 * "Keep, with a reason": records the decision on the post (audit log
 * and finding_acks), or keeps it until the post is first saved (see
 * rounds_post_editor_flush_pending_acks()). The finding then shows as
 * kept.
 */
gboolean
rounds_post_editor_keep_finding (RoundsPostEditor  *self,
                                 RoundsFinding     *finding,
                                 const char        *reason,
                                 GError           **error)
{
  g_autofree char *words = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *stripped = NULL;
  RoundsFindingAck *ack;

  g_return_val_if_fail (ROUNDS_IS_POST_EDITOR (self), FALSE);

  words = span_text (self, finding);
  if (words == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("These words are no longer in the text"));
      return FALSE;
    }
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, words, -1);
  stripped = g_strstrip (g_strdup (reason ? reason : ""));

  if (self->reply_id != 0 && self->context != NULL)
    {
      if (!rounds_store_acknowledge_reply_finding (rounds_context_get_store (self->context),
                                                   self->reply_id, rounds_finding_get_rule (finding),
                                                   hash, stripped, error))
        return FALSE;
      reload_acks (self);
    }
  else if (self->post_id != 0 && self->context != NULL)
    {
      if (!rounds_store_acknowledge_finding (rounds_context_get_store (self->context), self->post_id,
                                             rounds_finding_get_rule (finding), hash, stripped, error))
        return FALSE;
      reload_acks (self);
    }
  else
    {
      if (stripped[0] == '\0')
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("Say why this is kept"));
          return FALSE;
        }
      ack = g_new0 (RoundsFindingAck, 1);
      ack->rule = g_strdup (rounds_finding_get_rule (finding));
      ack->span_sha256 = g_strdup (hash);
      ack->reason = g_strdup (stripped);
      ack->actor = g_strdup (self->context ? rounds_store_get_actor (rounds_context_get_store (self->context))
                                           : g_get_user_name ());
      g_ptr_array_add (self->pending_acks, ack);
      g_ptr_array_add (self->acks, rounds_finding_ack_copy (ack));
    }

  refresh_display (self);
  return TRUE;
}

/**
 * rounds_post_editor_flush_pending_acks:
 *
 * Writes the decisions taken before the post was first saved.
 */
gboolean
rounds_post_editor_flush_pending_acks (RoundsPostEditor  *self,
                                       gint64             post_id,
                                       GError           **error)
{
  g_return_val_if_fail (ROUNDS_IS_POST_EDITOR (self), FALSE);
  g_return_val_if_fail (self->context != NULL, FALSE);

  while (self->pending_acks->len > 0)
    {
      RoundsFindingAck *ack = g_ptr_array_index (self->pending_acks, 0);

      if (!rounds_store_acknowledge_finding (rounds_context_get_store (self->context), post_id,
                                             ack->rule, ack->span_sha256, ack->reason, error))
        return FALSE;
      g_ptr_array_remove_index (self->pending_acks, 0);
    }

  return TRUE;
}

/**
 * rounds_post_editor_flush_pending_reply_acks:
 *
 * Writes the decisions taken before the reply was first saved.
 */
gboolean
rounds_post_editor_flush_pending_reply_acks (RoundsPostEditor  *self,
                                             gint64             reply_id,
                                             GError           **error)
{
  g_return_val_if_fail (ROUNDS_IS_POST_EDITOR (self), FALSE);
  g_return_val_if_fail (self->context != NULL, FALSE);

  while (self->pending_acks->len > 0)
    {
      RoundsFindingAck *ack = g_ptr_array_index (self->pending_acks, 0);

      if (!rounds_store_acknowledge_reply_finding (rounds_context_get_store (self->context),
                                                   reply_id, ack->rule, ack->span_sha256,
                                                   ack->reason, error))
        return FALSE;
      g_ptr_array_remove_index (self->pending_acks, 0);
    }

  return TRUE;
}
