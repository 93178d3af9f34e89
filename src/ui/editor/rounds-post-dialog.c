/* rounds-post-dialog.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-post-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rounds-network-limits.h"
#include "rounds-store-insights.h"
#include "rounds-utm.h"
#include "rounds-disclosure.h"
#include "rounds-post-dialog-private.h"
#include "rounds-store-consents.h"
#include "rounds-pin-dialog.h"
#include "rounds-post-editor.h"
#include "rounds-store-editor.h"
#include "rounds-time.h"

/* The post editor window: title, the text in a RoundsPostEditor (live
 * compliance marks), images with alt text and the patient authorization,
 * networks with live counters, a preview per network, the time in
 * practice time, the workflow (Draft → Submit for review → Approve →
 * Schedule) and the post's history. It works on a copy of the post and
 * writes it through the store; what is typed is autosaved a moment after
 * the last change and comes back after a crash. */


G_DEFINE_FINAL_TYPE (RoundsPostDialog, rounds_post_dialog, ADW_TYPE_WINDOW)

enum {
  DELETE_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define AUTOSAVE_DELAY_MS 2000
/* Counters and preview follow typing this long after the last change
 * (like the marks), so that a keystroke only redraws the text
 * (bench/README.md). */
#define REFRESH_DELAY_MS 120

static void update_networks (RoundsPostDialog *self);

void
_rounds_post_dialog_update_networks (RoundsPostDialog *self)
{
  update_networks (self);
}
static void update_preview (RoundsPostDialog *self);

/* ------------------------------------------------------------------ */
/* Helpers                                                             */

void
_rounds_post_dialog_show_error (RoundsPostDialog *self,
                                const char       *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static RoundsNetwork
checked_networks (RoundsPostDialog *self)
{
  RoundsNetwork networks = ROUNDS_NETWORK_NONE;

  for (guint i = 0; i < ROUNDS_N_NETWORKS; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->network_checks, i)))
      networks |= rounds_network_from_index (i);
  return networks;
}

RoundsStore *
_rounds_post_dialog_get_store (RoundsPostDialog *self)
{
  return rounds_context_get_store (self->context);
}

static void
update_date_label (RoundsPostDialog *self)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (self->calendar);
  g_autofree char *label = g_date_time_format (date, _("%A %-d %B %Y"));

  gtk_menu_button_set_label (self->date_button, label);
}

/* The form as a post: a copy of the store's post with what is typed. */
static RoundsPost *build_draft (RoundsPostDialog *self);

RoundsPost *
_rounds_post_dialog_build_draft (RoundsPostDialog *self)
{
  return build_draft (self);
}

static RoundsPost *
build_draft (RoundsPostDialog *self)
{
  /* From the post as loaded into the form: its version is the one the
   * edit started from, so that a save over someone else's is a conflict
   * even after their change reached this PC (self->post follows it). */
  RoundsPost *base = self->loaded != NULL ? self->loaded : self->post;
  RoundsPost *edited = base ? rounds_post_copy (base) : rounds_post_new ();
  g_autofree char *body = rounds_post_editor_dup_text (self->editor);
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));

  rounds_post_set_title (edited, title);
  rounds_post_set_body (edited, body);
  rounds_post_set_networks (edited, checked_networks (self));

  if (gtk_switch_get_active (self->schedule_switch))
    {
      g_autoptr(GDateTime) day = gtk_calendar_get_date (self->calendar);

      rounds_post_set_scheduled_at (edited,
                                    rounds_time_from_local (self->tz,
                                                            g_date_time_get_year (day),
                                                            g_date_time_get_month (day),
                                                            g_date_time_get_day_of_month (day),
                                                            gtk_spin_button_get_value_as_int (self->hour_spin),
                                                            gtk_spin_button_get_value_as_int (self->minute_spin)));
    }
  else
    rounds_post_set_scheduled_at (edited, 0);

  return edited;
}

static void
fill_form (RoundsPostDialog *self,
           RoundsPost       *from)
{
  RoundsNetwork networks = from ? rounds_post_get_networks (from) : ROUNDS_NETWORK_FACEBOOK;
  gint64 when = from ? rounds_post_get_scheduled_at (from) : 0;
  g_autoptr(GDateTime) local = NULL;

  self->filling = TRUE;

  gtk_editable_set_text (GTK_EDITABLE (self->title_row), from ? rounds_post_get_title (from) : "");
  rounds_post_editor_set_text (self->editor, from ? rounds_post_get_body (from) : "");

  for (guint i = 0; i < ROUNDS_N_NETWORKS; i++)
    gtk_check_button_set_active (g_ptr_array_index (self->network_checks, i),
                                 (networks & rounds_network_from_index (i)) != 0);

  gtk_switch_set_active (self->schedule_switch, when > 0);
  if (when == 0)
    {
      /* Default: tomorrow at 09:00, practice time. */
      gint64 now = rounds_clock_get_now (rounds_context_get_clock (self->context));
      g_autoptr(GDateTime) today = rounds_time_to_local (self->tz, now);
      g_autoptr(GDateTime) tomorrow = g_date_time_add_days (today, 1);

      when = rounds_time_from_local (self->tz, g_date_time_get_year (tomorrow),
                                     g_date_time_get_month (tomorrow),
                                     g_date_time_get_day_of_month (tomorrow), 9, 0);
    }
  local = rounds_time_to_local (self->tz, when);
  gtk_calendar_select_day (self->calendar, local);
  gtk_spin_button_set_value (self->hour_spin, g_date_time_get_hour (local));
  gtk_spin_button_set_value (self->minute_spin, g_date_time_get_minute (local));
  update_date_label (self);

  gtk_widget_set_sensitive (GTK_WIDGET (self->date_row), gtk_switch_get_active (self->schedule_switch));
  gtk_widget_set_sensitive (GTK_WIDGET (self->time_row), gtk_switch_get_active (self->schedule_switch));

  _rounds_post_dialog_fill_accounts (self);
  self->filling = FALSE;
  update_networks (self);
}

void
_rounds_post_dialog_fill_form (RoundsPostDialog *self,
                               RoundsPost       *from)
{
  fill_form (self, from);
}

/* ------------------------------------------------------------------ */
/* Networks and preview                                                */

static void
update_networks (RoundsPostDialog *self)
{
  g_autofree char *text = NULL;

  if (self->context == NULL)
    return;
  text = rounds_post_editor_dup_text (self->editor);

  for (guint i = 0; i < ROUNDS_N_NETWORKS; i++)
    {
      RoundsNetwork network = rounds_network_from_index (i);
      GtkLabel *counter = g_ptr_array_index (self->network_counters, i);
      AdwActionRow *row = g_ptr_array_index (self->network_rows, i);
      gboolean active = gtk_check_button_get_active (g_ptr_array_index (self->network_checks, i));
      g_autofree char *label = NULL;
      g_autofree char *problem = NULL;
      g_autofree char *media_problem = NULL;
      g_autofree char *a11y = NULL;
      RoundsNetworkCount count;

      rounds_network_measure (network, text, &count);
      problem = rounds_network_count_dup_problem (&count);
      media_problem = rounds_networks_dup_media_problem (network, self->media ? self->media->len : 0);

      if (count.hashtag_limit > 0 && count.hashtags > 0)
        /* TRANSLATORS: a counter, "120 / 2,200 · 4 / 30 #" */
        label = g_strdup_printf (_("%'u / %'u · %u / %u #"), count.count, count.limit,
                                 count.hashtags, count.hashtag_limit);
      else
        /* TRANSLATORS: a counter, "120 / 280" */
        label = g_strdup_printf (_("%'u / %'u"), count.count, count.limit);
      gtk_label_set_text (counter, label);

      /* TRANSLATORS: for screen readers: "120 of 280 characters" */
      a11y = g_strdup_printf (_("%u of %u characters"), count.count, count.limit);
      gtk_accessible_update_property (GTK_ACCESSIBLE (counter), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);

      if (problem != NULL)
        {
          gtk_widget_add_css_class (GTK_WIDGET (counter), "error");
          /* Over the limit: scheduling on this network is blocked. */
          adw_action_row_set_subtitle (row, active ? problem : "");
        }
      else
        {
          gtk_widget_remove_css_class (GTK_WIDGET (counter), "error");
          /* No image where the network needs one: said as soon as it is chosen. */
          adw_action_row_set_subtitle (row, active && media_problem ? media_problem : "");
        }
      gtk_widget_set_opacity (GTK_WIDGET (counter), active ? 1.0 : 0.55);
    }

  update_preview (self);
}

static void
append_escaped (GString    *out,
                const char *start,
                const char *end)
{
  g_autofree char *escaped = g_markup_escape_text (start, end - start);

  g_string_append (out, escaped);
}

/* Pango markup for how @text reads on @network: links (where the
 * network makes them links), mentions and hashtags styled, cut with
 * "… more" where the feed cuts it, and the part over the network's
 * limit struck through in red. */
static char *
build_preview_markup (RoundsNetwork               network,
                      const char                 *text,
                      const RoundsNetworkPreview *preview,
                      gboolean                    dark)
{
  g_autoptr(GArray) segments = rounds_text_find_segments (text);
  const char *accent = dark ? "#78aeed" : "#1c71d8";
  const char *red = dark ? "#ff7b63" : "#c01c28";
  GString *out = g_string_new (NULL);
  guint n = (guint)g_utf8_strlen (text, -1);
  guint stop = preview->fold >= 0 ? (guint)preview->fold : n;
  guint fits = preview->over_from >= 0 ? MIN ((guint)preview->over_from, stop) : stop;
  guint pos = 0;

  for (guint i = 0; i < segments->len && pos < fits; i++)
    {
      RoundsTextSegment *seg = &g_array_index (segments, RoundsTextSegment, i);
      guint seg_end = MIN (seg->end, fits);

      if (seg->start >= fits)
        break;
      if (seg->kind == ROUNDS_TEXT_SEGMENT_LINK && !preview->links_clickable)
        continue;
      append_escaped (out, g_utf8_offset_to_pointer (text, pos), g_utf8_offset_to_pointer (text, seg->start));
      g_string_append_printf (out, "<span foreground=\"%s\"%s>", accent,
                              seg->kind == ROUNDS_TEXT_SEGMENT_LINK ? " underline=\"single\"" : "");
      append_escaped (out, g_utf8_offset_to_pointer (text, seg->start), g_utf8_offset_to_pointer (text, seg_end));
      g_string_append (out, "</span>");
      pos = seg_end;
    }
  append_escaped (out, g_utf8_offset_to_pointer (text, pos), g_utf8_offset_to_pointer (text, fits));

  if (fits < stop)
    {
      g_string_append_printf (out, "<span foreground=\"%s\" strikethrough=\"true\">", red);
      append_escaped (out, g_utf8_offset_to_pointer (text, fits), g_utf8_offset_to_pointer (text, stop));
      g_string_append (out, "</span>");
    }

  if (preview->fold >= 0)
    {
      g_autofree char *more = g_markup_escape_text (_("… more"), -1);

      g_string_append_printf (out, "<span alpha=\"60%%\">%s</span>", more);
    }

  return g_string_free (out, FALSE);
}

static RoundsNetwork
preview_network (RoundsPostDialog *self)
{
  guint selected = gtk_drop_down_get_selected (self->preview_dropdown);

  if (selected == GTK_INVALID_LIST_POSITION || selected >= ROUNDS_N_NETWORKS)
    selected = 0;
  return rounds_network_from_index (selected);
}

static void
update_preview (RoundsPostDialog *self)
{
  g_autofree char *text = rounds_post_editor_dup_text (self->editor);
  RoundsNetwork network = preview_network (self);
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  RoundsNetworkPreview preview;
  RoundsPractice *practice;
  const char *name;
  g_autofree char *markup = NULL;
  g_autofree char *note = NULL;

  if (self->context == NULL)
    return;

  practice = rounds_store_get_practice (_rounds_post_dialog_get_store (self));
  name = practice ? rounds_practice_get_name (practice) : NULL;
  gtk_label_set_text (self->preview_author, name && *name ? name : _("Your practice"));

  /* Insights: links to the practice's own site get UTM tags, as they
   * will be published (Preferences → Insights → Tag Links). */
  if (practice != NULL && rounds_store_get_utm_enabled (_rounds_post_dialog_get_store (self)))
    {
      g_auto(GStrv) hosts = rounds_utm_own_hosts (rounds_practice_get_website (practice));
      const char *title = gtk_editable_get_text (GTK_EDITABLE (self->title_row));
      char *tagged = rounds_utm_tag_links (text, (const char * const *)hosts, network,
                                           rounds_utm_campaign_for_title (title));

      g_free (text);
      text = tagged;
    }

  rounds_network_build_preview (network, text, &preview);
  markup = build_preview_markup (network, text, &preview, dark);
  gtk_label_set_markup (self->preview_label, markup);

  /* The link card shows the site the link goes to, as the network does. */
  if (preview.card_start >= 0 && preview.over_from < 0)
    {
      g_autofree char *url = g_strndup (g_utf8_offset_to_pointer (text, preview.card_start),
                                        g_utf8_offset_to_pointer (text, preview.card_end) -
                                        g_utf8_offset_to_pointer (text, preview.card_start));
      g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
      g_autofree char *with_scheme = NULL;
      const char *host;

      if (uri == NULL)
        {
          with_scheme = g_strconcat ("https://", url, NULL);
          uri = g_uri_parse (with_scheme, G_URI_FLAGS_NONE, NULL);
        }
      host = uri != NULL ? g_uri_get_host (uri) : NULL;
      gtk_label_set_text (self->preview_card_site, host != NULL ? host : url);
      gtk_widget_set_visible (self->preview_card, TRUE);
    }
  else
    gtk_widget_set_visible (self->preview_card, FALSE);

  note = rounds_network_preview_dup_note (network, text, &preview);
  gtk_label_set_text (self->preview_note, note);
}

static void
on_preview_network_cb (RoundsPostDialog *self)
{
  if (self->media != NULL)
    update_preview (self);
}

/* ------------------------------------------------------------------ */
/* Autosave                                                            */

static gboolean
autosave_cb (gpointer data)
{
  RoundsPostDialog *self = data;

  self->autosave_timeout_id = 0;
  rounds_post_dialog_autosave_now (self);
  return G_SOURCE_REMOVE;
}

void
_rounds_post_dialog_schedule_autosave (RoundsPostDialog *self)
{
  if (self->filling || self->context == NULL)
    return;

  self->dirty = TRUE;
  g_clear_handle_id (&self->autosave_timeout_id, g_source_remove);
  self->autosave_timeout_id = g_timeout_add (self->autosave_delay_ms, autosave_cb, self);
}

static void
discard_autosave (RoundsPostDialog *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&self->autosave_timeout_id, g_source_remove);
  if (self->context != NULL && self->autosave_slot != NULL &&
      !rounds_store_clear_autosave (_rounds_post_dialog_get_store (self), self->autosave_slot, &error))
    g_warning ("Could not discard the autosave: %s", error->message);
}

void
_rounds_post_dialog_discard_autosave (RoundsPostDialog *self)
{
  discard_autosave (self);
}

static void
on_discard_autosave_clicked_cb (RoundsPostDialog *self)
{
  discard_autosave (self);
  fill_form (self, self->post);
  gtk_revealer_set_reveal_child (self->restored_revealer, FALSE);
}

/* ------------------------------------------------------------------ */
/* Workflow and history                                                */

static const char *
action_label (RoundsAuditEntry *entry)
{
  const char *action = rounds_audit_entry_get_action (entry);
  RoundsPostStatus to;

  if (g_str_equal (action, "created"))
    return _("Created");
  if (g_str_equal (action, "imported"))
    return _("Imported");
  if (g_str_equal (action, "override"))
    return _("Approved despite problems");
  if (g_str_equal (action, "acknowledged"))
    return _("Kept a flagged passage");
  if (g_str_equal (action, "authorization"))
    return _("Patient authorization recorded");
  if (g_str_equal (action, "authorization_removed"))
    return _("Patient authorization removed");
  if (g_str_equal (action, "deleted"))
    return _("Deleted");
  if (g_str_equal (action, "restored"))
    return _("Restored");
  if (g_str_equal (action, "conflict"))
    return _("Saved at the same time on another computer");
  if (g_str_equal (action, "status") &&
      rounds_post_status_from_string (rounds_audit_entry_get_to_state (entry), &to))
    return rounds_post_status_get_label (to);
  return action;
}

static void
update_history (RoundsPostDialog *self)
{
  g_autoptr(GListModel) entries = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;
  guint n;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->history_list))) != NULL)
    gtk_list_box_remove (self->history_list, child);

  gtk_widget_set_visible (GTK_WIDGET (self->history_group), self->post != NULL);
  if (self->post == NULL)
    return;

  entries = rounds_store_list_audit (_rounds_post_dialog_get_store (self), "post",
                                     rounds_post_get_id (self->post), &error);
  if (entries == NULL)
    {
      g_warning ("Could not read the history of post %" G_GINT64_FORMAT ": %s",
                 rounds_post_get_id (self->post), error->message);
      return;
    }

  n = g_list_model_get_n_items (entries);
  for (guint i = n; i > 0; i--)
    {
      g_autoptr(RoundsAuditEntry) entry = g_list_model_get_item (entries, i - 1);
      g_autoptr(GDateTime) when = rounds_time_to_local (self->tz, rounds_audit_entry_get_at (entry));
      g_autofree char *date = g_date_time_format (when, _("%-d %b %Y %H:%M"));
      g_autoptr(GString) subtitle = g_string_new (NULL);
      const char *reason = rounds_audit_entry_get_reason (entry);
      const char *hash = rounds_audit_entry_get_text_hash (entry);
      GtkWidget *row = adw_action_row_new ();
      const char *who = rounds_audit_entry_get_actor (entry);
      g_autofree char *actor = g_markup_escape_text (who != NULL ? who : "", -1);

      /* TRANSLATORS: who did it, and when: "Dana Reviewer · 30 Nov 2026 10:04" */
      g_string_append_printf (subtitle, _("%s · %s"), actor, date);
      if (reason != NULL && *reason != '\0')
        {
          g_autofree char *escaped = g_markup_escape_text (reason, -1);
          g_string_append_c (subtitle, '\n');
          g_string_append (subtitle, escaped);
        }
      if (hash != NULL && strlen (hash) >= 12)
        {
          g_string_append_c (subtitle, '\n');
          /* TRANSLATORS: the start of the SHA-256 of the text as published */
          g_string_append_printf (subtitle, _("Fingerprint of the published text %.*s…"), 12,
                                  hash);
        }

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), action_label (entry));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 6);
      if (hash != NULL)
        {
          /* TRANSLATORS: %s is a SHA-256 in hex */
          g_autofree char *tip = g_strdup_printf (_("SHA-256 of the text exactly as it is "
                                                    "published, without the title: %s"), hash);
          gtk_widget_set_tooltip_text (row, tip);
        }
      gtk_list_box_append (self->history_list, row);
    }
}

/* With people (issue 20), only an approver or a manager at this computer
 * approves: a writer sees why the button does nothing, and how to hand
 * over (the person menu in the main window's header). */
static void
update_approve_button (RoundsPostDialog *self)
{
  RoundsStore *store = self->context != NULL ? _rounds_post_dialog_get_store (self) : NULL;
  RoundsPerson *desk = store != NULL && rounds_store_has_people (store)
                         ? rounds_store_get_desk_person (store) : NULL;
  g_autofree char *why = NULL;

  if (desk != NULL && !rounds_person_can_approve (desk))
    /* TRANSLATORS: the Approve button's tooltip when a writer is at the computer */
    why = g_strdup_printf (_("%s is a writer and cannot approve. An approver or a manager "
                             "approves: choose them in the person menu at the top of the main "
                             "window."), rounds_person_get_name (desk));
  gtk_widget_set_sensitive (GTK_WIDGET (self->approve_button), why == NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->approve_button), why);
  if (why != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->approve_button),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, why, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self->approve_button),
                                   GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

static void
update_workflow (RoundsPostDialog *self)
{
  RoundsPostStatus status = self->post ? rounds_post_get_status (self->post) : ROUNDS_POST_STATUS_DRAFT;
  const char *label = rounds_post_status_get_label (status);
  const char *last_error = self->post ? rounds_post_get_last_error (self->post) : NULL;
  g_autofree char *subtitle = NULL;

  if (last_error != NULL && *last_error != '\0')
    /* TRANSLATORS: a status and the network's error, "Failed — The token has expired" */
    subtitle = g_strdup_printf (_("%s — %s"), label, last_error);
  adw_action_row_set_subtitle (self->status_row, subtitle ? subtitle : label);

  gtk_widget_set_visible (GTK_WIDGET (self->submit_button), status == ROUNDS_POST_STATUS_DRAFT);
  gtk_widget_set_visible (GTK_WIDGET (self->approve_button), status == ROUNDS_POST_STATUS_IN_REVIEW);
  update_approve_button (self);
  gtk_widget_set_visible (GTK_WIDGET (self->schedule_button), status == ROUNDS_POST_STATUS_APPROVED);
  gtk_widget_set_visible (GTK_WIDGET (self->draft_button),
                          self->post != NULL &&
                          rounds_post_status_can_change (status, ROUNDS_POST_STATUS_DRAFT));
  gtk_widget_set_visible (GTK_WIDGET (self->delete_button), self->post != NULL);

  update_history (self);
}

void
_rounds_post_dialog_update_workflow (RoundsPostDialog *self)
{
  update_workflow (self);
}

/* Saves and keeps the window open. */
static gboolean
save_in_place (RoundsPostDialog *self)
{
  rounds_post_dialog_refresh (self);
  if (!rounds_post_dialog_save (self))
    return FALSE;
  update_workflow (self);
  return TRUE;
}

static void
on_submit_clicked_cb (RoundsPostDialog *self)
{
  g_autofree char *problem = rounds_post_media_dup_problem (self->media);
  g_autoptr(GError) error = NULL;

  if (problem != NULL)
    {
      _rounds_post_dialog_show_error (self, problem);
      return;
    }
  if (!save_in_place (self))
    return;

  if (!rounds_store_set_post_status (_rounds_post_dialog_get_store (self), rounds_post_get_id (self->post),
                                     ROUNDS_POST_STATUS_IN_REVIEW, NULL, &error))
    _rounds_post_dialog_show_error (self, error->message);
  update_workflow (self);
}

static void
on_draft_clicked_cb (RoundsPostDialog *self)
{
  g_autoptr(GError) error = NULL;

  if (!save_in_place (self))
    return;
  if (!rounds_store_set_post_status (_rounds_post_dialog_get_store (self), rounds_post_get_id (self->post),
                                     ROUNDS_POST_STATUS_DRAFT, NULL, &error))
    _rounds_post_dialog_show_error (self, error->message);
  update_workflow (self);
}

/* The findings on exactly the text being approved: scanned now, not the
 * last live result, plus the images'. */
static GPtrArray *
approval_findings (RoundsPostDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RoundsComplianceProfile) profile = rounds_context_dup_compliance_profile (self->context);
  g_autoptr(GPtrArray) consent = NULL;
  GPtrArray *findings;

  findings = rounds_scanner_scan (rounds_context_get_scanner (self->context),
                                  rounds_post_get_body (self->post), -1, ROUNDS_TEXT_KIND_POST,
                                  NULL, profile, &error);
  if (findings == NULL)
    {
      g_warning ("Could not check post %" G_GINT64_FORMAT ": %s", rounds_post_get_id (self->post),
                 error->message);
      findings = g_ptr_array_new_with_free_func ((GDestroyNotify)rounds_finding_unref);
    }
  consent = _rounds_post_dialog_consent_findings (self, findings);
  for (guint i = 0; i < consent->len; i++)
    g_ptr_array_add (findings, rounds_finding_ref (g_ptr_array_index (consent, i)));

  return findings;
}

typedef struct
{
  RoundsPostDialog *self;
  char             *reason;
} Approval;

static void
approval_free (gpointer data)
{
  Approval *approval = data;

  g_object_unref (approval->self);
  g_free (approval->reason);
  g_free (approval);
}

static void
approve_now (gpointer data)
{
  Approval *approval = data;
  RoundsPostDialog *self = approval->self;
  const char *reason = approval->reason;
  g_autoptr(GPtrArray) findings = approval_findings (self);
  g_autoptr(GError) error = NULL;

  if (!rounds_store_approve_post (_rounds_post_dialog_get_store (self), rounds_post_get_id (self->post),
                                  findings, reason, &error))
    _rounds_post_dialog_show_error (self, error->message);
  else
    _rounds_post_dialog_show_error (self, NULL);
  update_workflow (self);
}

/* With people (issue 20), an approver signs with their PIN first. */
static void
approve (RoundsPostDialog *self,
         const char       *reason)
{
  Approval *approval = g_new0 (Approval, 1);

  approval->self = g_object_ref (self);
  approval->reason = g_strdup (reason);
  rounds_pin_dialog_run (GTK_WIDGET (self), _rounds_post_dialog_get_store (self),
                         ROUNDS_PIN_PURPOSE_APPROVE, _("Approve This Post"), _("_Approve"),
                         approve_now, approval, approval_free);
}

static void
on_approve_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        RoundsPostDialog *self)
{
  GtkWidget *entry = adw_message_dialog_get_extra_child (dialog);

  if (g_strcmp0 (response, "approve") == 0)
    approve (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
on_override_reason_changed_cb (GtkEditable      *entry,
                               AdwMessageDialog *dialog)
{
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "approve", reason[0] != '\0');
}

static void
on_approve_clicked_cb (RoundsPostDialog *self)
{
  g_autoptr(GPtrArray) findings = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;
  GtkWidget *entry;
  guint n_block = 0;

  /* A keyboard activation clicks a quarter second later: by then a
   * writer may be at the desk again, and the button insensitive. */
  if (!gtk_widget_is_sensitive (GTK_WIDGET (self->approve_button)))
    return;
  if (!save_in_place (self))
    return;
  if (rounds_post_get_status (self->post) != ROUNDS_POST_STATUS_IN_REVIEW)
    return;

  findings = approval_findings (self);
  for (guint i = 0; i < findings->len; i++)
    {
      const RoundsFinding *f = g_ptr_array_index (findings, i);

      if (rounds_finding_get_severity (f) != ROUNDS_FINDING_SEVERITY_BLOCK)
        continue;
      /* Consent and disclosure: no "approve anyway" (docs/decisions.md). */
      if (g_strcmp0 (rounds_finding_get_rule (f), ROUNDS_CONSENT_RULE_AUTHORIZATION) == 0 ||
          g_strcmp0 (rounds_finding_get_rule (f), ROUNDS_DISCLOSURE_RULE_PARTNERSHIP) == 0)
        {
          _rounds_post_dialog_show_error (self, rounds_finding_get_message (f));
          return;
        }
      n_block++;
    }

  if (n_block == 0)
    {
      approve (self, NULL);
      return;
    }

  body = g_strdup_printf (ngettext ("%u problem must be fixed before approval. To approve anyway, "
                                    "say why; the reason goes into the audit log with your name.",
                                    "%u problems must be fixed before approval. To approve anyway, "
                                    "say why; the reason goes into the audit log with your name.",
                                    n_block), n_block);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Approve Despite Problems?"), body);
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Reason to approve anyway"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Reason to approve anyway"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "approve", _("_Approve Anyway"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "approve",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "approve", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (entry, "changed", G_CALLBACK (on_override_reason_changed_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_approve_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
on_schedule_clicked_cb (RoundsPostDialog *self)
{
  g_autoptr(GError) error = NULL;

  if (!gtk_switch_get_active (self->schedule_switch))
    {
      /* Said next to the switch the focus moves to, not at the top of
       * the form, which the move scrolls out of sight. */
      gtk_label_set_text (self->schedule_error_label,
                          _("Choose when to publish the post: switch on “Publish at a set time” "
                            "and pick the date and time"));
      gtk_widget_set_visible (GTK_WIDGET (self->schedule_error_label), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->schedule_switch));
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->schedule_error_label), FALSE);
  if (!save_in_place (self))
    return;

  /* Saving a changed text sent it back to review: say so. */
  if (rounds_post_get_status (self->post) != ROUNDS_POST_STATUS_APPROVED)
    {
      _rounds_post_dialog_show_error (self, _("The text changed after approval, so the post is back in review"));
      return;
    }

  if (!rounds_store_schedule_post (_rounds_post_dialog_get_store (self), rounds_post_get_id (self->post), &error))
    _rounds_post_dialog_show_error (self, error->message);
  else
    _rounds_post_dialog_show_error (self, NULL);
  update_workflow (self);
}

/* ------------------------------------------------------------------ */
/* Callbacks                                                           */

static void
on_calendar_day_selected_cb (RoundsPostDialog *self)
{
  update_date_label (self);
  _rounds_post_dialog_schedule_autosave (self);
}

static void
on_schedule_active_cb (RoundsPostDialog *self)
{
  gboolean active = gtk_switch_get_active (self->schedule_switch);

  gtk_widget_set_sensitive (GTK_WIDGET (self->date_row), active);
  gtk_widget_set_sensitive (GTK_WIDGET (self->time_row), active);
  if (active)
    gtk_widget_set_visible (GTK_WIDGET (self->schedule_error_label), FALSE);
  _rounds_post_dialog_schedule_autosave (self);
}

static gboolean
refresh_cb (gpointer data)
{
  RoundsPostDialog *self = data;

  self->refresh_timeout_id = 0;
  update_networks (self);
  _rounds_post_dialog_rebuild_consent_rows (self);
  _rounds_post_dialog_refresh_consent_findings (self);
  return G_SOURCE_REMOVE;
}

static void
on_form_changed_cb (RoundsPostDialog *self)
{
  if (self->filling)
    return;
  g_clear_handle_id (&self->refresh_timeout_id, g_source_remove);
  self->refresh_timeout_id = g_timeout_add (REFRESH_DELAY_MS, refresh_cb, self);
  _rounds_post_dialog_schedule_autosave (self);
}

static void
on_network_toggled_cb (RoundsPostDialog *self)
{
  if (self->filling)
    return;
  _rounds_post_dialog_sync_accounts (self);
  update_networks (self);
  _rounds_post_dialog_rebuild_consent_rows (self);
  _rounds_post_dialog_refresh_consent_findings (self);
  _rounds_post_dialog_schedule_autosave (self);
}

static void
on_cancel_clicked_cb (RoundsPostDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
on_save_clicked_cb (RoundsPostDialog *self)
{
  if (rounds_post_dialog_save (self))
    gtk_window_close (GTK_WINDOW (self));
}

static void
on_delete_clicked_cb (RoundsPostDialog *self)
{
  g_autoptr(RoundsPostDialog) hold = g_object_ref (self);

  if (self->post == NULL)
    return;

  gtk_window_close (GTK_WINDOW (self));
  g_signal_emit (self, signals[DELETE_REQUESTED], 0, self->post);
}

static gboolean
on_spin_output_cb (GtkSpinButton *spin)
{
  g_autofree char *text = g_strdup_printf ("%02d", gtk_spin_button_get_value_as_int (spin));

  gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

/* Closing without saving discards what was typed (a crash does not). */
static gboolean
rounds_post_dialog_close_request (GtkWindow *window)
{
  discard_autosave (ROUNDS_POST_DIALOG (window));
  return GTK_WINDOW_CLASS (rounds_post_dialog_parent_class)->close_request (window);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  on_save_clicked_cb (ROUNDS_POST_DIALOG (widget));
}

static void
rounds_post_dialog_dispose (GObject *object)
{
  RoundsPostDialog *self = (RoundsPostDialog *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->thumbnails, g_hash_table_unref);
  g_clear_handle_id (&self->autosave_timeout_id, g_source_remove);
  g_clear_handle_id (&self->refresh_timeout_id, g_source_remove);
  g_clear_handle_id (&self->rebuild_links_id, g_source_remove);
  g_clear_object (&self->context);
  g_clear_object (&self->post);
  g_clear_object (&self->loaded);
  g_clear_pointer (&self->tz, g_time_zone_unref);
  g_clear_pointer (&self->network_checks, g_ptr_array_unref);
  g_clear_pointer (&self->account_checks, g_ptr_array_unref);
  g_clear_pointer (&self->account_ids, g_array_unref);
  g_clear_pointer (&self->network_rows, g_ptr_array_unref);
  g_clear_pointer (&self->network_counters, g_ptr_array_unref);
  g_clear_pointer (&self->media, g_ptr_array_unref);
  g_clear_pointer (&self->consents, g_ptr_array_unref);
  g_clear_pointer (&self->partnerships, g_ptr_array_unref);
  g_clear_pointer (&self->linked_consents, g_array_unref);
  g_clear_pointer (&self->linked_partnerships, g_array_unref);
  g_clear_pointer (&self->link_rows, g_ptr_array_unref);
  g_clear_pointer (&self->consent_signature, g_free);
  g_clear_pointer (&self->autosave_slot, g_free);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (rounds_post_dialog_parent_class)->dispose (object);
}

static void
rounds_post_dialog_class_init (RoundsPostDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = rounds_post_dialog_dispose;
  window_class->close_request = rounds_post_dialog_close_request;

  /**
   * RoundsPostDialog::delete-requested:
   * @post: the store's post
   *
   * The user asked to delete the post; the owner deletes it (with undo).
   */
  signals[DELETE_REQUESTED] =
    g_signal_new ("delete-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, ROUNDS_TYPE_POST);

  g_type_ensure (ROUNDS_TYPE_POST_EDITOR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/rounds-post-dialog.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, RoundsPostDialog, name)
  CHILD (window_title);
  CHILD (restored_revealer);
  CHILD (restored_label);
  CHILD (remote_revealer);
  CHILD (remote_label);
  CHILD (see_theirs_button);
  CHILD (keep_copy_button);
  CHILD (offline_revealer);
  CHILD (workflow_box);
  CHILD (main_scroller);
  CHILD (title_row);
  CHILD (editor);
  CHILD (media_group);
  CHILD (media_list);
  CHILD (authorization_group);
  CHILD (partnership_group);
  CHILD (auth_status_row);
  CHILD (networks_group);
  CHILD (accounts_group);
  CHILD (schedule_switch);
  CHILD (date_row);
  CHILD (time_row);
  CHILD (date_button);
  CHILD (calendar);
  CHILD (hour_spin);
  CHILD (minute_spin);
  CHILD (schedule_group);
  CHILD (schedule_error_label);
  CHILD (status_row);
  CHILD (draft_button);
  CHILD (submit_button);
  CHILD (approve_button);
  CHILD (schedule_button);
  CHILD (history_group);
  CHILD (history_list);
  CHILD (error_label);
  CHILD (delete_button);
  CHILD (preview_dropdown);
  CHILD (preview_author);
  CHILD (preview_label);
  CHILD (preview_images);
  CHILD (preview_card);
  CHILD (preview_card_site);
  CHILD (preview_note);
  CHILD (assistant_button);
#undef CHILD
  gtk_widget_class_bind_template_callback (widget_class, on_calendar_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_schedule_active_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_delete_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_spin_output_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_form_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_discard_autosave_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, _rounds_post_dialog_on_see_theirs_clicked);
  gtk_widget_class_bind_template_callback (widget_class, _rounds_post_dialog_on_keep_copy_clicked);
  gtk_widget_class_bind_template_callback_full (widget_class, "on_add_image_clicked_cb",
                                                G_CALLBACK (_rounds_post_dialog_on_add_image_clicked));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_record_authorization_clicked_cb",
                                                G_CALLBACK (_rounds_post_dialog_on_record_authorization_clicked));
  gtk_widget_class_bind_template_callback (widget_class, on_submit_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_approve_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_schedule_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_draft_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_preview_network_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "assistant.run", "s",
                                   _rounds_post_dialog_assistant_action);
  gtk_widget_class_install_action (widget_class, "assistant.alt-text", "u",
                                   _rounds_post_dialog_alt_text_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rounds_post_dialog_init (RoundsPostDialog *self)
{
  g_autoptr(GtkStringList) network_names = gtk_string_list_new (NULL);

  /* Its checks run on the main thread: the scanner, not loaded at start,
   * is loaded on a worker meanwhile (issue 17). */
  rounds_scanner_get_default_async (NULL, NULL, NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The writing assistant's menu shows when Preferences turn it on. */
  self->settings = g_settings_new (BASE_ID);
  g_settings_bind (self->settings, "assistant-enabled", self->assistant_button, "visible",
                   G_SETTINGS_BIND_GET);

  self->autosave_delay_ms = AUTOSAVE_DELAY_MS;
  self->network_checks = g_ptr_array_new ();
  self->network_rows = g_ptr_array_new ();
  self->network_counters = g_ptr_array_new ();
  self->media = g_ptr_array_new_with_free_func ((GDestroyNotify)rounds_post_media_free);
  self->thumbnails = _rounds_post_dialog_new_thumbnail_cache ();
  self->cancellable = g_cancellable_new ();
  self->linked_consents = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->linked_partnerships = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->link_rows = g_ptr_array_new ();

  for (guint i = 0; i < ROUNDS_N_NETWORKS; i++)
    {
      RoundsNetwork network = rounds_network_from_index (i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      GtkWidget *counter = gtk_label_new (NULL);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), rounds_network_get_label (network));
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (on_network_toggled_cb), self);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_widget_add_css_class (counter, "numeric");
      gtk_widget_add_css_class (counter, "network-counter");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), counter);
      adw_preferences_group_add (self->networks_group, row);
      g_ptr_array_add (self->network_checks, check);
      g_ptr_array_add (self->network_rows, row);
      g_ptr_array_add (self->network_counters, counter);
      gtk_string_list_append (network_names, rounds_network_get_label (network));
    }
  gtk_drop_down_set_model (self->preview_dropdown, G_LIST_MODEL (network_names));

  g_signal_connect_object (rounds_post_editor_get_buffer (self->editor), "changed",
                           G_CALLBACK (on_form_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->title_row, "changed", G_CALLBACK (on_form_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->editor, "findings-changed",
                           G_CALLBACK (_rounds_post_dialog_refresh_consent_findings), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->editor, "extra-finding-activated",
                           G_CALLBACK (_rounds_post_dialog_on_extra_finding_activated), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_preview), self, G_CONNECT_SWAPPED);
}

/* ------------------------------------------------------------------ */
/* Public API                                                          */

static void
load (RoundsPostDialog *self)
{
  RoundsPost *post = self->post;
  RoundsPractice *practice = rounds_store_get_practice (_rounds_post_dialog_get_store (self));
  g_autofree char *zone_note = NULL;
  g_autoptr(RoundsPost) saved = NULL;
  g_autoptr(GError) error = NULL;
  gint64 saved_at = 0;

  adw_window_title_set_title (self->window_title, post ? _("Edit Post") : _("New Post"));
  rounds_post_editor_set_context (self->editor, self->context);
  rounds_post_editor_set_post_id (self->editor, post ? rounds_post_get_id (post) : 0);

  if (post != NULL)
    {
      g_autoptr(GPtrArray) media = rounds_store_list_post_media (_rounds_post_dialog_get_store (self),
                                                                 rounds_post_get_id (post), &error);

      if (media == NULL)
        {
          g_warning ("Could not read the images of post %" G_GINT64_FORMAT ": %s",
                     rounds_post_get_id (post), error->message);
          g_clear_error (&error);
        }
      for (guint i = 0; media != NULL && i < media->len; i++)
        g_ptr_array_add (self->media, rounds_post_media_copy (g_ptr_array_index (media, i)));
    }
  _rounds_post_dialog_load_consents (self, TRUE);

  fill_form (self, post);
  g_clear_object (&self->loaded);
  self->loaded = post != NULL ? rounds_post_copy (post) : NULL;

  /* What was typed before a crash comes back. */
  self->autosave_slot = rounds_autosave_slot_for_post (post ? rounds_post_get_id (post) : 0);
  saved = rounds_store_read_autosave (_rounds_post_dialog_get_store (self), self->autosave_slot, &saved_at, &error);
  if (error != NULL)
    g_warning ("Could not read the autosave: %s", error->message);
  if (saved != NULL &&
      (post == NULL ||
       g_strcmp0 (rounds_post_get_body (saved), rounds_post_get_body (post)) != 0 ||
       g_strcmp0 (rounds_post_get_title (saved), rounds_post_get_title (post)) != 0 ||
       rounds_post_get_networks (saved) != rounds_post_get_networks (post) ||
       rounds_post_get_scheduled_at (saved) != rounds_post_get_scheduled_at (post)))
    {
      g_autoptr(GDateTime) when = rounds_time_to_local (self->tz, saved_at);
      g_autofree char *date = g_date_time_format (when, _("%-d %B at %H:%M"));
      g_autofree char *message = NULL;

      fill_form (self, saved);
      self->dirty = TRUE;
      /* TRANSLATORS: %s is a date and time, "30 November at 10:04" */
      message = g_strdup_printf (_("Restored what you were writing on %s, before Rounds closed. "
                                   "Save to keep it."), date);
      gtk_label_set_text (self->restored_label, message);
      gtk_revealer_set_reveal_child (self->restored_revealer, TRUE);
    }

  /* TRANSLATORS: %s is a time zone such as America/Chicago */
  zone_note = g_strdup_printf (_("Times are in the practice’s time zone, %s."),
                               rounds_practice_get_timezone (practice)[0]
                                 ? rounds_practice_get_timezone (practice)
                                 : g_time_zone_get_identifier (self->tz));
  adw_preferences_group_set_description (self->schedule_group, zone_note);

  /* Preview the first chosen network. */
  for (guint i = 0; i < ROUNDS_N_NETWORKS; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->network_checks, i)))
      {
        gtk_drop_down_set_selected (self->preview_dropdown, i);
        break;
      }

  self->filling = TRUE;
  _rounds_post_dialog_rebuild_media_list (self);
  self->filling = FALSE;
  update_workflow (self);
}

/**
 * rounds_post_dialog_new:
 * @post: (nullable): the store's post to edit, or %NULL for a new one
 */
RoundsPostDialog *
rounds_post_dialog_new (RoundsContext *context,
                        RoundsPost    *post)
{
  RoundsPostDialog *self;

  g_return_val_if_fail (ROUNDS_IS_CONTEXT (context), NULL);

  self = g_object_new (ROUNDS_TYPE_POST_DIALOG, NULL);
  self->context = g_object_ref (context);
  self->post = post ? g_object_ref (post) : NULL;
  self->tz = rounds_context_dup_time_zone (context);
  _rounds_post_dialog_build_accounts (self);
  load (self);
  /* Someone else sits down (the header's person menu): who may approve. */
  g_signal_connect_object (rounds_context_get_store (context), "notify::actor",
                           G_CALLBACK (update_approve_button), self, G_CONNECT_SWAPPED);
  _rounds_post_dialog_watch_store (self);

  return self;
}

/**
 * rounds_post_dialog_get_post:
 *
 * Returns: (transfer none) (nullable): the post being edited; after a
 *   successful save of a new post, the new post.
 */
RoundsPost *
rounds_post_dialog_get_post (RoundsPostDialog *self)
{
  g_return_val_if_fail (ROUNDS_IS_POST_DIALOG (self), NULL);
  return self->post;
}

RoundsPostEditor *
rounds_post_dialog_get_editor (RoundsPostDialog *self)
{
  g_return_val_if_fail (ROUNDS_IS_POST_DIALOG (self), NULL);
  return self->editor;
}

/**
 * rounds_post_dialog_refresh:
 *
 * Brings the counters and the preview up to date now rather than at the
 * next refresh while typing.
 */
void
rounds_post_dialog_refresh (RoundsPostDialog *self)
{
  g_return_if_fail (ROUNDS_IS_POST_DIALOG (self));

  g_clear_handle_id (&self->refresh_timeout_id, g_source_remove);
  update_networks (self);
}

/**
 * rounds_post_dialog_add_image:
 * @path: a PNG, JPEG or WebP file
 *
 * Attaches a copy of an image (what the file chooser does), or says what
 * is wrong with the file.
 *
 * Returns: whether the image was added.
 */
gboolean
rounds_post_dialog_add_image (RoundsPostDialog *self,
                              const char       *path)
{
  g_autofree char *copy = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (ROUNDS_IS_POST_DIALOG (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  copy = rounds_store_import_media (_rounds_post_dialog_get_store (self), path, &error);
  return _rounds_post_dialog_attach_image (self, path, copy, error);
}

/* Shows the kept @copy of the image at @path, or says what is wrong with
 * it (@error). */
gboolean
_rounds_post_dialog_attach_image (RoundsPostDialog *self,
                                  const char       *path,
                                  const char       *copy,
                                  const GError     *error)
{
  if (copy == NULL)
    {
      g_autofree char *basename = g_path_get_basename (path);
      /* TRANSLATORS: a file name, then what is wrong with it */
      g_autofree char *message = g_strdup_printf (_("%s: %s"), basename, error->message);

      _rounds_post_dialog_show_error (self, message);
      return FALSE;
    }

  _rounds_post_dialog_show_error (self, NULL);
  g_ptr_array_add (self->media, rounds_post_media_new (copy, "", FALSE));
  _rounds_post_dialog_rebuild_media_list (self);
  return TRUE;
}

/**
 * rounds_post_dialog_set_autosave_delay:
 *
 * How long after the last change the draft is autosaved (tests shorten it).
 */
void
rounds_post_dialog_set_autosave_delay (RoundsPostDialog *self,
                                       guint             ms)
{
  g_return_if_fail (ROUNDS_IS_POST_DIALOG (self));
  self->autosave_delay_ms = ms;
}

/**
 * rounds_post_dialog_autosave_now:
 *
 * Keeps what is typed in the store's autosave slot for this post.
 */
gboolean
rounds_post_dialog_autosave_now (RoundsPostDialog *self)
{
  g_autoptr(RoundsPost) draft = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (ROUNDS_IS_POST_DIALOG (self), FALSE);

  g_clear_handle_id (&self->autosave_timeout_id, g_source_remove);
  if (self->context == NULL || self->autosave_slot == NULL)
    return FALSE;

  draft = build_draft (self);
  if (!rounds_store_autosave_post (_rounds_post_dialog_get_store (self), self->autosave_slot, draft, &error))
    {
      g_warning ("Could not autosave post %" G_GINT64_FORMAT ": %s", rounds_post_get_id (draft),
                 error->message);
      return FALSE;
    }
  return TRUE;
}

/**
 * rounds_post_dialog_save:
 *
 * Writes the form to the store: the post, its images, its links to
 * patient authorizations and partnerships, and the decisions taken before it was first saved. Shows what is wrong
 * instead when the post is empty or the store refuses it.
 *
 * Returns: whether the post was saved.
 */
gboolean
rounds_post_dialog_save (RoundsPostDialog *self)
{
  g_autoptr(RoundsPost) edited = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stripped = NULL;
  RoundsPost *saved;
  gint64 id;

  g_return_val_if_fail (ROUNDS_IS_POST_DIALOG (self), FALSE);

  edited = build_draft (self);
  stripped = g_strstrip (g_strdup (rounds_post_get_body (edited)));
  if (stripped[0] == '\0' && rounds_post_get_title (edited)[0] == '\0')
    {
      _rounds_post_dialog_show_error (self, _("Write the post before saving it."));
      gtk_widget_grab_focus (GTK_WIDGET (rounds_post_editor_get_text_view (self->editor)));
      return FALSE;
    }

  self->saving = TRUE;
  saved = rounds_store_save_post (_rounds_post_dialog_get_store (self), edited, &error);
  self->saving = FALSE;
  if (saved == NULL)
    {
      _rounds_post_dialog_save_failed (self, edited, error);
      return FALSE;
    }
  id = rounds_post_get_id (saved);
  g_set_object (&self->post, saved);
  _rounds_post_dialog_saved (self);

  if (!rounds_store_set_post_media (_rounds_post_dialog_get_store (self), id, self->media, &error) ||
      !_rounds_post_dialog_save_links (self, id, &error) ||
      !rounds_post_editor_flush_pending_acks (self->editor, id, &error) ||
      !_rounds_post_dialog_save_accounts (self, id, &error))
    {
      g_warning ("Could not save the details of post %" G_GINT64_FORMAT ": %s", id, error->message);
      _rounds_post_dialog_show_error (self, error->message);
      return FALSE;
    }
  rounds_post_editor_set_post_id (self->editor, id);

  /* Saved: the autosave has done its job. A new post moves to its own slot. */
  discard_autosave (self);
  g_free (self->autosave_slot);
  self->autosave_slot = rounds_autosave_slot_for_post (id);
  gtk_revealer_set_reveal_child (self->restored_revealer, FALSE);
  adw_window_title_set_title (self->window_title, _("Edit Post"));
  _rounds_post_dialog_show_error (self, NULL);

  return TRUE;
}
