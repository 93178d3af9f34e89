/* test-editor.c — the post editor as a user meets it: marks while typing,
 * Apply fix, approval with an override reason, network counters and the
 * over-limit block, and the autosave that survives a killed process.
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <string.h>

#include "rounds-consent-dialog.h"
#include "rounds-post-dialog.h"
#include "rounds-post-editor.h"
#include "rounds-store-consents.h"
#include "rounds-store-editor.h"
#include "rounds-store-publish.h"
#include "ui-test-util.h"

/* Invented text; never printed. The emoji comes first so that code point
 * and byte offsets differ. */
#define TEXT_WITH_PHI "\xf0\x9f\x98\x80 Get well soon to our patient Maria Lopez, call her at 555-867-5309 today."

typedef struct
{
  UiFixture      ui;
  RoundsStore   *store;
  RoundsContext *context;
} EditorFixture;

static void
editor_set_up (EditorFixture *f,
               gconstpointer  data)
{
  ui_fixture_set_up (&f->ui, data);
  ui_fixture_open_practice (&f->ui, &f->store, &f->context);
}

static void
editor_tear_down (EditorFixture *f,
                  gconstpointer  data)
{
  ui_fixture_close_practice (&f->ui, &f->store, &f->context, data);
}

static RoundsPostDialog *
open_dialog (EditorFixture *f,
             RoundsPost    *post)
{
  RoundsPostDialog *dialog = rounds_post_dialog_new (f->context, post);

  gtk_window_present (GTK_WINDOW (dialog));
  pump ();
  return dialog;
}

/* Types @text one character at a time at the cursor, the way the text
 * view inserts what the keyboard commits. */
static void
type_text (RoundsPostEditor *editor,
           const char       *text)
{
  GtkTextBuffer *buffer = rounds_post_editor_get_buffer (editor);

  gtk_widget_grab_focus (GTK_WIDGET (rounds_post_editor_get_text_view (editor)));
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gtk_text_buffer_insert_interactive_at_cursor (buffer, p, g_utf8_next_char (p) - p, TRUE);
      g_main_context_iteration (NULL, FALSE);
    }
}

static void
wait_for_scan (RoundsPostEditor *editor)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (rounds_post_editor_is_scanning (editor) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (rounds_post_editor_is_scanning (editor));
  pump ();
}

/* Code point offset of @needle in @text. */
static guint
offset_of (const char *text,
           const char *needle)
{
  const char *at = strstr (text, needle);

  g_assert_nonnull (at);
  return g_utf8_pointer_to_offset (text, at);
}

static RoundsFinding *
find_category (RoundsPostEditor      *editor,
               RoundsFindingCategory  category)
{
  GPtrArray *findings = rounds_post_editor_get_findings (editor);

  for (guint i = 0; i < findings->len; i++)
    if (rounds_finding_get_category (g_ptr_array_index (findings, i)) == category)
      return g_ptr_array_index (findings, i);
  return NULL;
}

/* The span [start, end) carries the "must fix" mark, and the characters
 * on either side do not. */
static void
assert_marked (RoundsPostEditor *editor,
               guint             start,
               guint             end)
{
  GtkTextBuffer *buffer = rounds_post_editor_get_buffer (editor);
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), "finding-block");
  GtkTextIter iter;

  g_assert_nonnull (tag);
  for (guint i = start; i < end; i++)
    {
      gtk_text_buffer_get_iter_at_offset (buffer, &iter, i);
      g_assert_true (gtk_text_iter_has_tag (&iter, tag));
    }
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, end);
  g_assert_false (gtk_text_iter_has_tag (&iter, tag));
  if (start > 0)
    {
      gtk_text_buffer_get_iter_at_offset (buffer, &iter, start - 1);
      g_assert_false (gtk_text_iter_has_tag (&iter, tag));
    }
}

static void
test_marks_at_offsets (EditorFixture *f,
                       gconstpointer  data)
{
  RoundsPostDialog *dialog = open_dialog (f, NULL);
  RoundsPostEditor *editor = rounds_post_dialog_get_editor (dialog);
  RoundsFinding *phone, *name;
  guint phone_at = offset_of (TEXT_WITH_PHI, "555-867-5309");
  guint name_at = offset_of (TEXT_WITH_PHI, "Maria Lopez");

  type_text (editor, TEXT_WITH_PHI);
  wait_for_scan (editor);

  phone = find_category (editor, ROUNDS_FINDING_CATEGORY_PHONE);
  name = find_category (editor, ROUNDS_FINDING_CATEGORY_NAME);
  g_assert_nonnull (phone);
  g_assert_nonnull (name);
  g_assert_cmpuint (rounds_finding_get_start (phone), ==, phone_at);
  g_assert_cmpuint (rounds_finding_get_end (phone), ==, phone_at + strlen ("555-867-5309"));
  g_assert_cmpuint (rounds_finding_get_start (name), ==, name_at);
  g_assert_cmpuint (rounds_finding_get_end (name), ==, name_at + strlen ("Maria Lopez"));

  /* The marks sit on exactly those characters (after the emoji). */
  assert_marked (editor, phone_at, phone_at + 12);
  assert_marked (editor, name_at, name_at + 11);

  g_assert_cmpstr (rounds_post_editor_get_summary (editor), ==,
                   "2 problems must be fixed before approval · 1 warning needs a decision");

  /* The findings panel lists them most serious first; activating one
   * selects its words. */
  {
    GtkListBox *list = GTK_LIST_BOX (gtk_widget_get_template_child (GTK_WIDGET (editor), ROUNDS_TYPE_POST_EDITOR,
                                                                    "findings_list"));
    GtkTextBuffer *buffer = rounds_post_editor_get_buffer (editor);
    GtkListBoxRow *phone_row = NULL;
    GtkTextIter s, e;
    guint n = 0;

    for (GtkListBoxRow *row; (row = gtk_list_box_get_row_at_index (list, n)) != NULL; n++)
      {
        const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));

        if (g_str_has_prefix (title, "Phone number"))
          phone_row = row;
        if (n < 2)
          g_assert_true (g_str_has_prefix (title, "Phone number") || g_str_has_prefix (title, "Name"));
      }
    g_assert_cmpuint (n, ==, 3);
    g_assert_true (g_str_has_prefix (adw_preferences_row_get_title (
                     ADW_PREFERENCES_ROW (gtk_list_box_get_row_at_index (list, 2))), "A specific patient"));

    g_assert_nonnull (phone_row);
    g_signal_emit_by_name (list, "row-activated", phone_row);
    pump ();
    g_assert_true (gtk_text_buffer_get_selection_bounds (buffer, &s, &e));
    g_assert_cmpint (gtk_text_iter_get_offset (&s), ==, phone_at);
    g_assert_cmpint (gtk_text_iter_get_offset (&e), ==, phone_at + 12);
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (rounds_post_editor_get_popover (editor))));
  }

  /* Typing before the marks moves them with their words until the next
   * scan, and the scan agrees. */
  {
    GtkTextBuffer *buffer = rounds_post_editor_get_buffer (editor);
    GtkTextIter start;

    gtk_text_buffer_get_start_iter (buffer, &start);
    gtk_text_buffer_place_cursor (buffer, &start);
    type_text (editor, "\xf0\x9f\x8c\xbc ");   /* "🌼 " */
    assert_marked (editor, phone_at + 2, phone_at + 14);
    wait_for_scan (editor);
    phone = find_category (editor, ROUNDS_FINDING_CATEGORY_PHONE);
    g_assert_cmpuint (rounds_finding_get_start (phone), ==, phone_at + 2);
    assert_marked (editor, phone_at + 2, phone_at + 14);

    /* Pasting text with another phone number in the middle marks it
     * at its own place and leaves the first where it is. */
    {
      GtkTextIter at;
      const char *pasted = "Or 555-201-7788 ";
      guint paste_at = offset_of (TEXT_WITH_PHI, "today") + 2;

      gtk_text_buffer_get_iter_at_offset (buffer, &at, paste_at);
      gtk_text_buffer_insert_interactive (buffer, &at, pasted, -1, TRUE);
      wait_for_scan (editor);
      assert_marked (editor, phone_at + 2, phone_at + 14);
      assert_marked (editor, paste_at + 3, paste_at + 15);
      gtk_widget_activate_action (GTK_WIDGET (rounds_post_editor_get_text_view (editor)), "text.undo", NULL);
      wait_for_scan (editor);
    }

    /* Undo puts the text back, and the marks follow. */
    for (guint i = 0; i < 2; i++)
      {
        g_autofree char *now = rounds_post_editor_dup_text (editor);

        if (g_str_equal (now, TEXT_WITH_PHI))
          break;
        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (rounds_post_editor_get_text_view (editor)),
                                                   "text.undo", NULL));
      }
    {
      g_autofree char *undone = rounds_post_editor_dup_text (editor);
      g_assert_cmpstr (undone, ==, TEXT_WITH_PHI);
    }
    wait_for_scan (editor);
    phone = find_category (editor, ROUNDS_FINDING_CATEGORY_PHONE);
    g_assert_cmpuint (rounds_finding_get_start (phone), ==, phone_at);
    assert_marked (editor, phone_at, phone_at + 12);

    /* Moving the cursor into the marked words explains them. */
    {
      GtkPopover *popover = rounds_post_editor_get_popover (editor);
      GtkTextIter at;

      gtk_widget_grab_focus (GTK_WIDGET (rounds_post_editor_get_text_view (editor)));
      gtk_text_buffer_get_iter_at_offset (buffer, &at, 0);
      gtk_text_buffer_place_cursor (buffer, &at);
      pump ();
      g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));
      gtk_text_buffer_get_iter_at_offset (buffer, &at, phone_at + 3);
      gtk_text_buffer_place_cursor (buffer, &at);
      pump ();
      g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
      gtk_text_buffer_get_iter_at_offset (buffer, &at, 0);
      gtk_text_buffer_place_cursor (buffer, &at);
      pump ();
      g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));
    }
  }
}

static void
test_apply_fix (EditorFixture *f,
                gconstpointer  data)
{
  RoundsPostDialog *dialog = open_dialog (f, NULL);
  RoundsPostEditor *editor = rounds_post_dialog_get_editor (dialog);
  GtkPopover *popover = rounds_post_editor_get_popover (editor);
  RoundsFinding *phone;
  g_autofree char *text = NULL;

  type_text (editor, TEXT_WITH_PHI);
  wait_for_scan (editor);
  phone = find_category (editor, ROUNDS_FINDING_CATEGORY_PHONE);
  g_assert_nonnull (phone);

  /* The popover explains it and offers the fix. */
  rounds_post_editor_show_finding (editor, phone);
  pump ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  click (find_button (GTK_WIDGET (popover), "Apply Fix"));
  wait_for_scan (editor);

  text = rounds_post_editor_dup_text (editor);
  g_assert_null (strstr (text, "555-867-5309"));
  g_assert_nonnull (strstr (text, "call her at the office today."));
  g_assert_null (find_category (editor, ROUNDS_FINDING_CATEGORY_PHONE));
  g_assert_cmpstr (rounds_post_editor_get_summary (editor), ==,
                   "1 problem must be fixed before approval · 1 warning needs a decision");

  /* The name becomes "a patient" and its mark goes too. */
  rounds_post_editor_select_finding (editor, find_category (editor, ROUNDS_FINDING_CATEGORY_NAME));
  g_assert_true (rounds_post_editor_apply_fix (editor, find_category (editor, ROUNDS_FINDING_CATEGORY_NAME)));
  wait_for_scan (editor);
  g_clear_pointer (&text, g_free);
  text = rounds_post_editor_dup_text (editor);
  g_assert_nonnull (strstr (text, "our patient a patient, call"));
  g_assert_null (find_category (editor, ROUNDS_FINDING_CATEGORY_NAME));
  g_assert_cmpuint (rounds_post_editor_count_blocking (editor), ==, 0);
}

static gboolean
any_message (RoundsPostEditor *editor,
             const char       *needle)
{
  g_autoptr(GPtrArray) all = rounds_post_editor_dup_all_findings (editor);

  for (guint i = 0; i < all->len; i++)
    if (strstr (rounds_finding_get_message (g_ptr_array_index (all, i)), needle) != NULL)
      return TRUE;
  return FALSE;
}

/* Whether @widget is drawn whole inside @popover's content. */
static gboolean
inside (GtkWidget *widget,
        GtkWidget *popover)
{
  GtkWidget *content = gtk_popover_get_child (GTK_POPOVER (popover));
  graphene_rect_t bounds;

  g_assert_nonnull (widget);
  if (!gtk_widget_get_mapped (widget) || !gtk_widget_compute_bounds (widget, content, &bounds))
    return FALSE;
  return bounds.origin.x >= 0 && bounds.origin.y >= 0 &&
         bounds.origin.x + bounds.size.width <= gtk_widget_get_width (content) &&
         bounds.origin.y + bounds.size.height <= gtk_widget_get_height (content);
}

static void
test_keep_with_reason (EditorFixture *f,
                       gconstpointer  data)
{
  RoundsPostDialog *dialog = open_dialog (f, NULL);
  RoundsPostEditor *editor = rounds_post_dialog_get_editor (dialog);
  RoundsFinding *warn;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) audit = NULL;
  gboolean found = FALSE;

  type_text (editor, TEXT_WITH_PHI);
  wait_for_scan (editor);
  g_assert_true (rounds_post_dialog_save (dialog));

  warn = find_category (editor, ROUNDS_FINDING_CATEGORY_PATIENT_REFERENCE);
  g_assert_nonnull (warn);
  g_assert_false (rounds_post_editor_keep_finding (editor, warn, " ", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* Through the popover: Keep, with a Reason…, type it, Keep. */
  {
    GtkPopover *popover = rounds_post_editor_get_popover (editor);
    GtkWidget *entry;

    rounds_post_editor_show_finding (editor, warn);
    pump ();
    click (find_button (GTK_WIDGET (popover), "Keep, with a Reason…"));
    entry = find_of_type (GTK_WIDGET (popover), GTK_TYPE_ENTRY);
    g_assert_nonnull (entry);
    /* The popover grows to hold the reason and its buttons, whole. */
    {
      GtkWidget *revealer = gtk_widget_get_ancestor (entry, GTK_TYPE_REVEALER);

      wait_until (gtk_revealer_get_child_revealed (GTK_REVEALER (revealer)));
      wait_until (inside (find_button (GTK_WIDGET (popover), "Keep"), GTK_WIDGET (popover)) &&
                  inside (entry, GTK_WIDGET (popover)) &&
                  inside (find_button (GTK_WIDGET (popover), "Apply Fix"), GTK_WIDGET (popover)));
      ui_screenshot (GTK_WIDGET (popover), "keep-with-reason");
    }
    gtk_editable_set_text (GTK_EDITABLE (entry), "Shared with her consent");
    click (find_button (GTK_WIDGET (popover), "Keep"));
    g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));
  }
  g_assert_true (rounds_post_editor_is_acknowledged (editor, warn));
  /* Kept, the patient reference makes the post one that quotes a
   * patient: it now needs the patient's signed authorization linked
   * (issue 19), beside the name and the phone number. */
  g_assert_cmpstr (rounds_post_editor_get_summary (editor), ==, "3 problems must be fixed before approval");
  g_assert_true (any_message (editor, "no signed authorization is linked"));

  audit = rounds_store_list_audit (f->store, "post", rounds_post_get_id (rounds_post_dialog_get_post (dialog)), NULL);
  for (guint i = 0; i < g_list_model_get_n_items (audit); i++)
    {
      g_autoptr(RoundsAuditEntry) e = g_list_model_get_item (audit, i);
      if (g_strcmp0 (rounds_audit_entry_get_action (e), "acknowledged") == 0)
        found = strstr (rounds_audit_entry_get_reason (e), "Shared with her consent") != NULL;
    }
  g_assert_true (found);
}

static gboolean
match_check_label (GtkWidget *widget,
                   gpointer   data)
{
  return GTK_IS_CHECK_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
         label_reads (gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)), data);
}

static GtkWindow *
find_message_dialog (void)
{
  return find_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL);
}

static void
test_approve_override (EditorFixture *f,
                       gconstpointer  data)
{
  RoundsPostDialog *dialog = open_dialog (f, NULL);
  RoundsPostEditor *editor = rounds_post_dialog_get_editor (dialog);
  GtkWindow *confirm;
  GtkWidget *entry;
  RoundsPost *post;
  g_autoptr(GListModel) audit = NULL;
  g_autofree char *hash = NULL;
  RoundsAuditEntry *override = NULL, *approved = NULL;
  GtkWidget *error_label;

  type_text (editor, TEXT_WITH_PHI);
  wait_for_scan (editor);

  click (find_button (GTK_WIDGET (dialog), "Submit for Review"));
  post = rounds_post_dialog_get_post (dialog);
  g_assert_nonnull (post);
  g_assert_cmpint (rounds_post_get_status (post), ==, ROUNDS_POST_STATUS_IN_REVIEW);

  /* Approve asks for a reason: without one it is refused. */
  click (find_button (GTK_WIDGET (dialog), "Approve…"));
  confirm = find_message_dialog ();
  g_assert_nonnull (confirm);
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (confirm), "approve"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (confirm), "approve");
  pump ();
  g_assert_cmpint (rounds_post_get_status (post), ==, ROUNDS_POST_STATUS_IN_REVIEW);
  error_label = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (dialog), ROUNDS_TYPE_POST_DIALOG,
                                                           "error_label"));
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)),
                            "2 problems must be fixed before approval"));

  /* With a reason it goes through. */
  click (find_button (GTK_WIDGET (dialog), "Approve…"));
  confirm = find_message_dialog ();
  g_assert_nonnull (confirm);
  entry = adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (confirm));
  gtk_editable_set_text (GTK_EDITABLE (entry), "She asked us to share it; consent on file");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (confirm), "approve"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (confirm), "approve");
  pump ();
  g_assert_cmpint (rounds_post_get_status (post), ==, ROUNDS_POST_STATUS_APPROVED);

  /* The audit log holds the override and the approval with the hash of
   * exactly the approved text. */
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, TEXT_WITH_PHI, -1);
  audit = rounds_store_list_audit (f->store, "post", rounds_post_get_id (post), NULL);
  for (guint i = 0; i < g_list_model_get_n_items (audit); i++)
    {
      RoundsAuditEntry *e = g_list_model_get_item (audit, i);

      if (g_strcmp0 (rounds_audit_entry_get_action (e), "override") == 0)
        override = e;
      else if (g_strcmp0 (rounds_audit_entry_get_to_state (e), "approved") == 0)
        approved = e;
      g_object_unref (e);  /* the model keeps it */
    }
  g_assert_nonnull (override);
  g_assert_nonnull (approved);
  g_assert_cmpstr (rounds_audit_entry_get_reason (override), ==, "She asked us to share it; consent on file");
  g_assert_cmpstr (rounds_audit_entry_get_actor (override), ==, "Dana Reviewer");
  g_assert_cmpstr (rounds_audit_entry_get_text_hash (override), ==, hash);
  g_assert_cmpstr (rounds_audit_entry_get_text_hash (approved), ==, hash);

  /* The editor shows the history. */
  g_assert_nonnull (find_row (GTK_WIDGET (dialog), "Approved despite problems"));
  g_assert_nonnull (find_row (GTK_WIDGET (dialog), "Approved"));

  /* A change to the text sends it back to review. */
  type_text (editor, " See you soon.");
  click (find_button (GTK_WIDGET (dialog), "Save"));
  g_assert_cmpint (rounds_post_get_status (rounds_store_lookup_post (f->store, rounds_post_get_id (post))), ==,
                   ROUNDS_POST_STATUS_IN_REVIEW);
}

static GtkLabel *
counter_of (GtkWidget *row)
{
  GtkWidget *found = NULL;

  for (GtkWidget *w = row; w != NULL && found == NULL;)
    {
      /* depth-first search for the counter label */
      GtkWidget *stack[64];
      int top = 0;

      stack[top++] = w;
      while (top > 0 && found == NULL)
        {
          GtkWidget *cur = stack[--top];

          if (GTK_IS_LABEL (cur) && gtk_widget_has_css_class (cur, "network-counter"))
            found = cur;
          for (GtkWidget *c = gtk_widget_get_first_child (cur); c && top < 64; c = gtk_widget_get_next_sibling (c))
            stack[top++] = c;
        }
      w = NULL;
    }

  g_assert_nonnull (found);
  return GTK_LABEL (found);
}

static gboolean
match_visible_label_with (GtkWidget *widget,
                          gpointer   data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget) &&
         strstr (gtk_label_get_text (GTK_LABEL (widget)), data) != NULL;
}

static void
test_counters_and_limit (EditorFixture *f,
                         gconstpointer  data)
{
  RoundsPostDialog *dialog = open_dialog (f, NULL);
  RoundsPostEditor *editor = rounds_post_dialog_get_editor (dialog);
  g_autofree char *letters = g_strnfill (252, 'a');
  g_autofree char *long_text = NULL;
  GtkWidget *x_row, *bluesky_row, *x_check;
  GtkWidget *error_label;
  RoundsPost *post;

  /* 270 letters and a link: 270 + 1 + 23 = 294 for X. */
  long_text = g_strconcat ("Flu shots are in. ", letters,
                           " https://example.com/flu-shots-at-the-practice-this-autumn", NULL);
  x_row = find_row (GTK_WIDGET (dialog), "X");
  bluesky_row = find_row (GTK_WIDGET (dialog), "Bluesky");
  g_assert_nonnull (x_row);
  g_assert_nonnull (bluesky_row);

  x_check = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (x_row));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (x_check), TRUE);

  type_text (editor, "Hi \xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd");   /* skin-toned emoji: one grapheme */
  pump_for (300);   /* the counters follow typing within a fraction of a second */
  g_assert_cmpstr (gtk_label_get_text (counter_of (bluesky_row)), ==, "4 / 300");
  g_assert_cmpstr (gtk_label_get_text (counter_of (x_row)), ==, "5 / 280");

  rounds_post_editor_set_text (editor, long_text);
  pump_for (300);
  g_assert_cmpstr (gtk_label_get_text (counter_of (x_row)), ==, "294 / 280");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (counter_of (x_row)), "error"));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (x_row)), ==, "14 characters too long for X");

  /* The X preview says X refuses it, not that X shows it whole; the
   * Bluesky one (a fit) says it shows whole. */
  {
    GtkDropDown *dropdown = GTK_DROP_DOWN (gtk_widget_get_template_child (
      GTK_WIDGET (dialog), ROUNDS_TYPE_POST_DIALOG, "preview_dropdown"));
    GtkLabel *note = GTK_LABEL (gtk_widget_get_template_child (
      GTK_WIDGET (dialog), ROUNDS_TYPE_POST_DIALOG, "preview_note"));

    for (guint i = 0; i < ROUNDS_N_NETWORKS; i++)
      if (rounds_network_from_index (i) == ROUNDS_NETWORK_X)
        gtk_drop_down_set_selected (dropdown, i);
    pump ();
    g_assert_null (strstr (gtk_label_get_text (note), "whole post"));
    g_assert_nonnull (strstr (gtk_label_get_text (note), "X refuses this post"));
    g_assert_nonnull (strstr (gtk_label_get_text (note), "14 characters over"));
  }

  /* Through review and approval, scheduling on X is refused. */
  wait_for_scan (editor);
  click (find_button (GTK_WIDGET (dialog), "Submit for Review"));
  post = rounds_post_dialog_get_post (dialog);
  click (find_button (GTK_WIDGET (dialog), "Approve…"));
  g_assert_cmpint (rounds_post_get_status (post), ==, ROUNDS_POST_STATUS_APPROVED);

  /* Schedule with the time switch off says so next to the switch it
   * moves the focus to, not only at the top of the form. */
  {
    GtkWidget *sw = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (dialog),
                                                               ROUNDS_TYPE_POST_DIALOG,
                                                               "schedule_switch"));
    GtkWidget *group = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (dialog),
                                                                  ROUNDS_TYPE_POST_DIALOG,
                                                                  "schedule_group"));
    GtkWidget *next_to = find_widget (group, match_visible_label_with,
                                      (gpointer)"Choose when to publish");

    g_assert_null (next_to);
    click (find_button (GTK_WIDGET (dialog), "Schedule"));
    next_to = find_widget (group, match_visible_label_with, (gpointer)"Choose when to publish");
    g_assert_nonnull (next_to);
    g_assert_true (gtk_widget_has_focus (sw));
    g_assert_cmpint (rounds_post_get_status (post), ==, ROUNDS_POST_STATUS_APPROVED);
    gtk_switch_set_active (GTK_SWITCH (sw), TRUE);
    pump ();
    g_assert_false (gtk_widget_get_visible (next_to));
  }
  click (find_button (GTK_WIDGET (dialog), "Schedule"));
  error_label = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (dialog), ROUNDS_TYPE_POST_DIALOG,
                                                           "error_label"));
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (error_label)), ==, "14 characters too long for X");
  g_assert_cmpint (rounds_post_get_status (post), ==, ROUNDS_POST_STATUS_APPROVED);

  /* Without X it is scheduled. */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (x_check), FALSE);
  click (find_button (GTK_WIDGET (dialog), "Schedule"));
  g_assert_cmpint (rounds_post_get_status (rounds_store_lookup_post (f->store, rounds_post_get_id (post))), ==,
                   ROUNDS_POST_STATUS_SCHEDULED);
}

static const char *
first_block_message (RoundsPostEditor *editor)
{
  g_autoptr(GPtrArray) all = rounds_post_editor_dup_all_findings (editor);
  static char message[512];

  for (guint i = 0; i < all->len; i++)
    if (rounds_finding_get_severity (g_ptr_array_index (all, i)) == ROUNDS_FINDING_SEVERITY_BLOCK)
      {
        g_strlcpy (message, rounds_finding_get_message (g_ptr_array_index (all, i)), sizeof message);
        return message;
      }
  return "";
}

static void
tick_row (GtkWidget  *root,
          const char *title)
{
  GtkWidget *row = find_row (root, title);

  g_assert_nonnull (row);
  adw_action_row_activate (ADW_ACTION_ROW (row));
}

/* Fills the Record Authorization dialog as the front desk would: photo
 * on Facebook, signed and valid, every required element ticked unless
 * @complete is FALSE (then the redisclosure statement is missing). */
static void
record_consent (RoundsPostDialog *dialog,
                const char       *patient,
                gboolean          complete)
{
  GtkWidget *consent;

  click (find_button (GTK_WIDGET (dialog), "Record Authorization…"));
  consent = GTK_WIDGET (find_toplevel (ROUNDS_TYPE_CONSENT_DIALOG, NULL));
  g_assert_nonnull (consent);
  pump ();
  gtk_editable_set_text (GTK_EDITABLE (find_row (consent, "Patient’s name")), patient);
  gtk_editable_set_text (GTK_EDITABLE (find_row (consent, "Purpose")), "Marketing on social media");
  gtk_editable_set_text (GTK_EDITABLE (find_row (consent, "Date signed (YYYY-MM-DD)")), "2020-01-01");
  gtk_editable_set_text (GTK_EDITABLE (find_row (consent, "Expires after (YYYY-MM-DD)")), "2099-12-31");
  tick_row (consent, "Photo");
  tick_row (consent, "Facebook");
  for (guint e = 1; e < 1u << ROUNDS_CONSENT_N_ELEMENTS; e <<= 1)
    if (complete || e != ROUNDS_CONSENT_ELEMENT_REDISCLOSURE)
      tick_row (consent, rounds_consent_element_label (e));
  ui_screenshot (consent, complete ? "consent-dialog" : "consent-dialog-incomplete");
  click (find_button (consent, "Record"));
  g_assert_null (find_toplevel (ROUNDS_TYPE_CONSENT_DIALOG, NULL));
  pump ();
}

static void
test_patient_image (EditorFixture *f,
                    gconstpointer  data)
{
  RoundsPostDialog *dialog = open_dialog (f, NULL);
  RoundsPostEditor *editor = rounds_post_dialog_get_editor (dialog);
  g_autofree char *image = g_build_filename (f->ui.data_dir, "photo.png", NULL);
  GtkWidget *patient;
  g_autoptr(GPtrArray) media = NULL;

  g_autofree char *not_image = g_build_filename (f->ui.data_dir, "notes.png", NULL);
  GtkWidget *error_label = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (dialog), ROUNDS_TYPE_POST_DIALOG,
                                                                      "error_label"));

  /* A PNG signature is what tells an image; the name does not. */
  g_assert_true (g_file_set_contents (image, "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16, NULL));
  g_assert_true (g_file_set_contents (not_image, "just some notes", -1, NULL));
  g_assert_false (rounds_post_dialog_add_image (dialog, not_image));
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (error_label)), ==,
                   "notes.png: This file is not a PNG, JPEG or WebP image");
  type_text (editor, "Our new treatment room is ready.");
  wait_for_scan (editor);
  g_assert_cmpuint (rounds_post_editor_count_blocking (editor), ==, 0);

  g_assert_true (rounds_post_dialog_add_image (dialog, image));
  g_assert_false (gtk_widget_get_visible (error_label));
  pump ();
  patient = find_widget (GTK_WIDGET (dialog), match_check_label, (gpointer)"Shows a patient");
  g_assert_nonnull (patient);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (patient), TRUE);
  pump ();
  g_assert_cmpuint (rounds_post_editor_count_blocking (editor), ==, 1);
  g_assert_cmpstr (rounds_post_editor_get_summary (editor), ==, "1 problem must be fixed before approval");

  g_assert_nonnull (strstr (first_block_message (editor), "no signed authorization is linked"));

  /* Recorded from the post: an incomplete one is kept and linked, and
   * still blocks; a complete one clears it. */
  record_consent (dialog, "J. Doe & M. Doe", FALSE);
  g_assert_cmpuint (rounds_post_editor_count_blocking (editor), ==, 1);
  g_assert_nonnull (strstr (first_block_message (editor), "lacks a required element"));
  record_consent (dialog, "J. Doe", TRUE);
  g_assert_cmpuint (rounds_post_editor_count_blocking (editor), ==, 0);
  /* What was typed shows as typed, "&" too (not read as markup). */
  g_assert_nonnull (find_row (GTK_WIDGET (dialog), "J. Doe & M. Doe"));
  ui_screenshot (GTK_WIDGET (dialog), "editor-consent-linked");

  /* Alt text is required before review. */
  click (find_button (GTK_WIDGET (dialog), "Submit for Review"));
  g_assert_null (rounds_post_dialog_get_post (dialog));

  g_assert_true (rounds_post_dialog_save (dialog));
  media = rounds_store_list_post_media (f->store, rounds_post_get_id (rounds_post_dialog_get_post (dialog)), NULL);
  g_assert_cmpuint (media->len, ==, 1);
  g_assert_true (((RoundsPostMedia *)media->pdata[0])->shows_patient);
  /* The post keeps its own copy: the original can go. */
  g_unlink (image);
  g_assert_true (g_file_test (((RoundsPostMedia *)media->pdata[0])->path, G_FILE_TEST_IS_REGULAR));
  {
    g_autoptr(GPtrArray) linked =
      rounds_store_list_post_consents (f->store, rounds_post_get_id (rounds_post_dialog_get_post (dialog)),
                                       NULL);

    g_assert_cmpuint (linked->len, ==, 2);
  }
}

/* A post in review whose image shows a patient cannot be approved, not
 * even with a reason, until a covering authorization is linked; the
 * editor offers the ones on record, and the switch links one. */
static void
test_consent_blocks_approval (EditorFixture *f,
                              gconstpointer  data)
{
  g_autoptr(RoundsPost) draft = rounds_post_new ();
  g_autoptr(GPtrArray) media = g_ptr_array_new_with_free_func ((GDestroyNotify)rounds_post_media_free);
  g_autoptr(RoundsConsent) consent = rounds_consent_new ("Test Patient Three");
  g_autoptr(GError) error = NULL;
  g_autofree char *image = g_build_filename (f->ui.data_dir, "smile.png", NULL);
  RoundsPostDialog *dialog;
  GtkWidget *error_label;
  GtkWidget *row;
  RoundsPost *post;

  g_assert_true (g_file_set_contents (image, "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16, NULL));
  rounds_post_set_body (draft, "Smile of the week!");
  rounds_post_set_networks (draft, ROUNDS_NETWORK_FACEBOOK);
  post = rounds_store_save_post (f->store, draft, &error);
  g_assert_no_error (error);
  g_ptr_array_add (media, rounds_post_media_new (image, "A smiling patient", TRUE));
  g_assert_true (rounds_store_set_post_media (f->store, rounds_post_get_id (post), media, &error));
  g_assert_true (rounds_store_set_post_status (f->store, rounds_post_get_id (post),
                                               ROUNDS_POST_STATUS_IN_REVIEW, NULL, &error));
  consent->uses = ROUNDS_CONSENT_USE_PHOTO;
  consent->networks = ROUNDS_NETWORK_FACEBOOK;
  consent->elements = ROUNDS_CONSENT_ELEMENTS_ALL;
  g_free (consent->purpose), consent->purpose = g_strdup ("Marketing");
  g_free (consent->signed_on), consent->signed_on = g_strdup ("2020-01-01");
  g_free (consent->expires_on), consent->expires_on = g_strdup ("2099-12-31");
  g_assert_true (rounds_store_add_consent (f->store, consent, NULL, &error));
  g_assert_no_error (error);

  dialog = open_dialog (f, post);
  error_label = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (dialog), ROUNDS_TYPE_POST_DIALOG,
                                                           "error_label"));
  click (find_button (GTK_WIDGET (dialog), "Approve…"));
  /* No "approve anyway": the reason to refuse is said plainly. */
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL));
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)),
                            "no signed authorization is linked"));
  g_assert_cmpint (rounds_post_get_status (post), ==, ROUNDS_POST_STATUS_IN_REVIEW);
  ui_screenshot (GTK_WIDGET (dialog), "editor-consent-blocked");

  /* The one on record is offered; its switch links it. */
  row = find_row (GTK_WIDGET (dialog), "Test Patient Three");
  g_assert_nonnull (row);
  adw_action_row_activate (ADW_ACTION_ROW (row));
  pump ();
  click (find_button (GTK_WIDGET (dialog), "Approve…"));
  g_assert_cmpint (rounds_post_get_status (post), ==, ROUNDS_POST_STATUS_APPROVED);
}

/* Runs in a child process: types, waits for the autosave, and dies. */
static void
crash_child (void)
{
  const char *dir = g_getenv ("ROUNDS_TEST_CRASH_DIR");
  g_autofree char *path = NULL;
  g_autoptr(RoundsClock) clock = NULL;
  g_autoptr(RoundsStore) store = NULL;
  g_autoptr(RoundsContext) context = NULL;
  RoundsPostDialog *dialog;
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  if (!g_test_subprocess ())
    {
      g_test_skip ("Runs only as the child of autosave-after-kill");
      return;
    }

  path = g_build_filename (dir, "rounds.db", NULL);
  clock = rounds_clock_new_real ();
  store = rounds_store_open (path, clock, ROUNDS_STORE_OPEN_NO_BACKUPS, NULL);
  g_assert_nonnull (store);
  context = rounds_context_new (store, FALSE);
  dialog = rounds_post_dialog_new (context, NULL);
  rounds_post_dialog_set_autosave_delay (dialog, 300);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_editable_set_text (GTK_EDITABLE (find_row (GTK_WIDGET (dialog), "Title (only you see it)")), "Half done");
  type_text (rounds_post_dialog_get_editor (dialog), TEXT_WITH_PHI "\nSecond line");

  while (g_get_monotonic_time () < end)
    {
      g_autoptr(RoundsPost) saved = rounds_store_read_autosave (store, "post:new", NULL, NULL);

      if (saved != NULL && g_str_has_suffix (rounds_post_get_body (saved), "Second line"))
        break;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (5000);
    }

  raise (SIGKILL);
}

static void
test_thumbnail (EditorFixture *f,
                gconstpointer  data)
{
  RoundsPostDialog *dialog = open_dialog (f, NULL);
  g_autofree char *path = g_build_filename (f->ui.data_dir, "waiting-room.png", NULL);
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 640, 480);
  GtkWidget *list = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (dialog), ROUNDS_TYPE_POST_DIALOG,
                                                               "media_list"));
  GtkWidget *picture = NULL;
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  gdk_pixbuf_fill (pixbuf, 0x3584e4ff);
  g_assert_true (gdk_pixbuf_save (pixbuf, path, "png", NULL, NULL));
  g_assert_true (rounds_post_dialog_add_image (dialog, path));

  /* The thumbnail is decoded in a thread and then shown, scaled down. */
  while (picture == NULL && g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      picture = find_of_type (list, GTK_TYPE_PICTURE);
    }
  g_assert_nonnull (picture);
  g_assert_nonnull (gtk_picture_get_paintable (GTK_PICTURE (picture)));
  g_assert_cmpint (gdk_paintable_get_intrinsic_width (gtk_picture_get_paintable (GTK_PICTURE (picture))), ==, 320);
}

static void
test_autosave_after_kill (EditorFixture *f,
                          gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (f->ui.data_dir, "crash", NULL);
  g_autofree char *path = g_build_filename (dir, "rounds.db", NULL);
  g_autoptr(RoundsClock) clock = NULL;
  g_autoptr(RoundsStore) store = NULL;
  g_autoptr(RoundsContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  RoundsPostDialog *dialog;
  GtkWidget *revealer;

  g_mkdir_with_parents (dir, 0700);
  g_setenv ("ROUNDS_TEST_CRASH_DIR", dir, TRUE);
  g_test_trap_subprocess ("/ui/editor/autosave-after-kill/child", 20 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();   /* killed, not a clean exit */

  clock = rounds_clock_new_real ();
  store = rounds_store_open (path, clock, ROUNDS_STORE_OPEN_NO_BACKUPS, &error);
  g_assert_no_error (error);
  context = rounds_context_new (store, FALSE);
  dialog = rounds_post_dialog_new (context, NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  pump ();

  text = rounds_post_editor_dup_text (rounds_post_dialog_get_editor (dialog));
  g_assert_cmpstr (text, ==, TEXT_WITH_PHI "\nSecond line");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_row (GTK_WIDGET (dialog), "Title (only you see it)"))),
                   ==, "Half done");
  revealer = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (dialog), ROUNDS_TYPE_POST_DIALOG,
                                                        "restored_revealer"));
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));

  /* Saving keeps it and clears the autosave. */
  g_assert_true (rounds_post_dialog_save (dialog));
  g_assert_null (rounds_store_read_autosave (store, "post:new", NULL, NULL));
  gtk_window_destroy (GTK_WINDOW (dialog));
  pump ();
}

static void
test_reply_kind (EditorFixture *f,
                 gconstpointer  data)
{
  RoundsPostEditor *editor = rounds_post_editor_new (f->context, ROUNDS_TEXT_KIND_REVIEW_REPLY);
  GtkWidget *window = gtk_window_new ();
  g_autofree char *reviewer = NULL;

  g_object_set (editor, "reviewer", "Sam Carter", NULL);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (editor));
  gtk_window_present (GTK_WINDOW (window));
  pump ();

  g_object_get (editor, "reviewer", &reviewer, NULL);
  g_assert_cmpstr (reviewer, ==, "Sam Carter");
  g_assert_cmpint (rounds_post_editor_get_kind (editor), ==, ROUNDS_TEXT_KIND_REVIEW_REPLY);
  type_text (editor, "Thank you Sam, we are glad your treatment went well.");
  wait_for_scan (editor);
  g_assert_nonnull (find_category (editor, ROUNDS_FINDING_CATEGORY_REVIEW_CONFIRMATION));
}

static GtkCheckButton *
row_check (RoundsPostDialog *dialog,
           const char       *title)
{
  GtkWidget *row = find_row (GTK_WIDGET (dialog), title);

  g_assert_nonnull (row);
  return GTK_CHECK_BUTTON (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row)));
}

/* Issue 12: a post's networks are chosen from the connected accounts;
 * a network without an account stays posted by hand. */
static void
test_choose_accounts (EditorFixture *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pubs = NULL;
  RoundsPostDialog *dialog;
  RoundsAccount *clinic, *team, *sky;
  RoundsPost *post;

  clinic = rounds_store_add_account (f->store, ROUNDS_NETWORK_MASTODON, "https://a.example",
                                     "@clinic@a.example", "Clinic", "1", 0, &error);
  team = rounds_store_add_account (f->store, ROUNDS_NETWORK_MASTODON, "https://b.example",
                                   "@team@b.example", "Team", "2", 0, &error);
  sky = rounds_store_add_account (f->store, ROUNDS_NETWORK_BLUESKY, "https://pds.example",
                                  "clinic.example.test", "Clinic", "did:plc:x", 0, &error);
  g_assert_no_error (error);

  dialog = open_dialog (f, NULL);
  /* A new post is on Facebook (by hand): no account is checked. */
  g_assert_true (gtk_check_button_get_active (row_check (dialog, "Facebook")));
  g_assert_false (gtk_check_button_get_active (row_check (dialog, "@clinic@a.example")));
  g_assert_false (gtk_check_button_get_active (row_check (dialog, "clinic.example.test")));

  /* Mastodon checked: both its accounts are; one unchecked stays so. */
  gtk_check_button_set_active (row_check (dialog, "Mastodon"), TRUE);
  g_assert_true (gtk_check_button_get_active (row_check (dialog, "@clinic@a.example")));
  g_assert_true (gtk_check_button_get_active (row_check (dialog, "@team@b.example")));
  g_assert_false (gtk_check_button_get_active (row_check (dialog, "clinic.example.test")));
  gtk_check_button_set_active (row_check (dialog, "@team@b.example"), FALSE);
  g_assert_true (gtk_check_button_get_active (row_check (dialog, "Mastodon")));

  /* Checking the Bluesky account checks Bluesky. */
  gtk_check_button_set_active (row_check (dialog, "clinic.example.test"), TRUE);
  g_assert_true (gtk_check_button_get_active (row_check (dialog, "Bluesky")));

  type_text (rounds_post_dialog_get_editor (dialog), "Flu shots are in.");
  g_assert_true (rounds_post_dialog_save (dialog));
  post = rounds_post_dialog_get_post (dialog);
  g_assert_cmpint (rounds_post_get_networks (post), ==,
                   ROUNDS_NETWORK_FACEBOOK | ROUNDS_NETWORK_MASTODON | ROUNDS_NETWORK_BLUESKY);
  pubs = rounds_store_list_publications (f->store, rounds_post_get_id (post), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pubs->len, ==, 2);
  for (guint i = 0; i < pubs->len; i++)
    {
      gint64 account = rounds_publication_get_account_id (g_ptr_array_index (pubs, i));

      g_assert_true (account == rounds_account_get_id (clinic) ||
                     account == rounds_account_get_id (sky));
      g_assert_cmpint (account, !=, rounds_account_get_id (team));
    }
  gtk_window_destroy (GTK_WINDOW (dialog));
  pump ();

  /* Opened again, the choice is there; unchecking the last Mastodon
   * account leaves Mastodon out. */
  dialog = open_dialog (f, post);
  g_assert_true (gtk_check_button_get_active (row_check (dialog, "@clinic@a.example")));
  g_assert_false (gtk_check_button_get_active (row_check (dialog, "@team@b.example")));
  g_assert_true (gtk_check_button_get_active (row_check (dialog, "clinic.example.test")));
  gtk_check_button_set_active (row_check (dialog, "@clinic@a.example"), FALSE);
  g_assert_false (gtk_check_button_get_active (row_check (dialog, "Mastodon")));
  g_assert_true (gtk_check_button_get_active (row_check (dialog, "Facebook")));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

#define ADD(path, fn) \
  g_test_add ("/ui/editor/" path, EditorFixture, NULL, editor_set_up, fn, editor_tear_down)

  ADD ("marks-at-offsets", test_marks_at_offsets);
  ADD ("apply-fix", test_apply_fix);
  ADD ("keep-with-reason", test_keep_with_reason);
  ADD ("approve-override", test_approve_override);
  ADD ("counters-and-limit", test_counters_and_limit);
  ADD ("patient-image", test_patient_image);
  ADD ("consent-blocks-approval", test_consent_blocks_approval);
  ADD ("thumbnail", test_thumbnail);
  ADD ("autosave-after-kill", test_autosave_after_kill);
  ADD ("reply-kind", test_reply_kind);
  ADD ("choose-accounts", test_choose_accounts);
  g_test_add_func ("/ui/editor/autosave-after-kill/child", crash_child);

  return g_test_run ();
}
