/* rounds-post-dialog-consents.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The post dialog's links to the consent registry (issue 19): the
 * patient authorizations and partnerships on record, each with a switch
 * that links it to this post, and the findings of the one consent and
 * disclosure check (rounds_consent_check_post()) on the form as it is. */

#define G_LOG_DOMAIN "rounds-post-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "rounds-consent-dialog.h"
#include "rounds-consent-link-row.h"
#include "rounds-disclosure.h"
#include "rounds-post-dialog-private.h"
#include "rounds-store-consents.h"

static gboolean
array_has (GArray *ids,
           gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

static void
array_set (GArray   *ids,
           gint64    id,
           gboolean  present)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      {
        if (!present)
          g_array_remove_index (ids, i);
        return;
      }
  if (present)
    g_array_append_val (ids, id);
}

/* The linked records, from what is on record. */
static GPtrArray *
linked_consents (RoundsPostDialog *self)
{
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; self->consents != NULL && i < self->consents->len; i++)
    if (array_has (self->linked_consents, ((RoundsConsent *)g_ptr_array_index (self->consents, i))->id))
      g_ptr_array_add (out, g_ptr_array_index (self->consents, i));
  return out;
}

static GPtrArray *
linked_partnerships (RoundsPostDialog *self)
{
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; self->partnerships != NULL && i < self->partnerships->len; i++)
    if (array_has (self->linked_partnerships,
                   ((RoundsPartnership *)g_ptr_array_index (self->partnerships, i))->id))
      g_ptr_array_add (out, g_ptr_array_index (self->partnerships, i));
  return out;
}

static gint64
going_out_at (RoundsPostDialog *self,
              RoundsPost       *draft)
{
  gint64 now = rounds_clock_get_now (rounds_context_get_clock (self->context));

  return MAX (now, rounds_post_get_scheduled_at (draft));
}

/* The text's findings that were kept ("Keep, with a reason"): only those
 * make the post one that quotes a patient (as the store's check). */
static GPtrArray *
kept_findings (RoundsPostDialog *self,
               GPtrArray        *findings)
{
  GPtrArray *kept = g_ptr_array_new ();

  for (guint i = 0; findings != NULL && i < findings->len; i++)
    if (rounds_post_editor_is_acknowledged (self->editor, g_ptr_array_index (findings, i)))
      g_ptr_array_add (kept, g_ptr_array_index (findings, i));
  return kept;
}

RoundsConsentUse
_rounds_post_dialog_patient_uses (RoundsPostDialog *self)
{
  g_autoptr(GPtrArray) kept = kept_findings (self, rounds_post_editor_get_findings (self->editor));

  return rounds_post_patient_uses (self->media, kept);
}

/**
 * _rounds_post_dialog_consent_findings:
 *
 * The consent and disclosure check on the form as it is: its images,
 * the text's findings, its networks and time, the linked records.
 */
GPtrArray *
_rounds_post_dialog_consent_findings (RoundsPostDialog *self,
                                      GPtrArray        *text_findings)
{
  g_autoptr(RoundsPost) draft = _rounds_post_dialog_build_draft (self);
  g_autoptr(GPtrArray) consents = linked_consents (self);
  g_autoptr(GPtrArray) partnerships = linked_partnerships (self);
  g_autoptr(GPtrArray) kept = kept_findings (self, text_findings);

  return rounds_consent_check_post (consents, partnerships,
                                    rounds_post_patient_uses (self->media, kept),
                                    rounds_post_get_body (draft), rounds_post_get_networks (draft),
                                    going_out_at (self, draft), self->tz);
}

static char *
signature_of (GPtrArray *findings)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < findings->len; i++)
    g_string_append_printf (s, "%s|%s\n", rounds_finding_get_rule (g_ptr_array_index (findings, i)),
                            rounds_finding_get_message (g_ptr_array_index (findings, i)));
  return g_string_free (s, FALSE);
}

/* The check's findings go beside the scanner's in the editor. */
void
_rounds_post_dialog_refresh_consent_findings (RoundsPostDialog *self)
{
  g_autoptr(GPtrArray) findings = NULL;
  g_autofree char *signature = NULL;

  if (self->context == NULL || self->media == NULL)
    return;

  findings = _rounds_post_dialog_consent_findings (self,
                                                   rounds_post_editor_get_findings (self->editor));
  signature = signature_of (findings);
  if (g_strcmp0 (signature, self->consent_signature) == 0)
    return;
  g_free (self->consent_signature);
  self->consent_signature = g_steal_pointer (&signature);
  rounds_post_editor_set_extra_findings (self->editor, findings);
}

static gboolean
rebuild_links_cb (gpointer user_data)
{
  RoundsPostDialog *self = user_data;

  self->rebuild_links_id = 0;
  _rounds_post_dialog_rebuild_consent_rows (self);
  return G_SOURCE_REMOVE;
}

static void
on_link_changed_cb (RoundsConsentLinkRow *row,
                    GParamSpec           *pspec,
                    RoundsPostDialog     *self)
{
  array_set (rounds_consent_link_row_is_partnership (row) ? self->linked_partnerships
                                                          : self->linked_consents,
             rounds_consent_link_row_get_record_id (row),
             rounds_consent_link_row_get_linked (row));
  /* The rows are made again (subtitles, Add Disclosure) once the switch
   * and its row are done with this change: removing the row from inside
   * its own activation would leave it freed under its own signal. */
  if (self->rebuild_links_id == 0)
    self->rebuild_links_id = g_idle_add (rebuild_links_cb, self);
  _rounds_post_dialog_refresh_consent_findings (self);
  _rounds_post_dialog_schedule_autosave (self);
}

static void
on_add_disclosure_cb (RoundsConsentLinkRow *row,
                      const char           *wording,
                      RoundsPostDialog     *self)
{
  g_autofree char *text = rounds_post_editor_dup_text (self->editor);
  g_autofree char *fixed = rounds_disclosure_apply (text, wording);

  rounds_post_editor_set_text (self->editor, fixed);
  _rounds_post_dialog_refresh_consent_findings (self);
}

static GtkWidget *
link_row (RoundsPostDialog *self,
          const char       *title,
          const char       *subtitle,
          gint64            id,
          gboolean          partnership,
          gboolean          linked)
{
  GtkWidget *row = rounds_consent_link_row_new (title, subtitle, id, partnership, linked);

  g_signal_connect_object (row, "notify::linked", G_CALLBACK (on_link_changed_cb), self, 0);
  g_signal_connect_object (row, "add-disclosure", G_CALLBACK (on_add_disclosure_cb), self, 0);
  return row;
}

static void
clear_rows (RoundsPostDialog *self)
{
  for (guint i = 0; i < self->link_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->link_rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      if (group != NULL)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->link_rows, 0);
}

/**
 * _rounds_post_dialog_rebuild_consent_rows:
 *
 * One row per authorization on record that could serve (not revoked,
 * or linked already) and per partnership, with a switch; the subtitle
 * says what it allows and, when it does not cover this post, why.
 */
void
_rounds_post_dialog_rebuild_consent_rows (RoundsPostDialog *self)
{
  g_autoptr(RoundsPost) draft = NULL;
  g_autofree char *text = NULL;
  gint64 at;
  gboolean any_partnership = FALSE;

  if (self->context == NULL || self->link_rows == NULL)
    return;

  clear_rows (self);
  draft = _rounds_post_dialog_build_draft (self);
  at = going_out_at (self, draft);
  text = rounds_post_editor_dup_text (self->editor);

  for (guint i = 0; self->consents != NULL && i < self->consents->len; i++)
    {
      const RoundsConsent *c = g_ptr_array_index (self->consents, i);
      gboolean linked = array_has (self->linked_consents, c->id);
      g_autofree char *uses = rounds_consent_uses_to_label (c->uses);
      g_autofree char *where = rounds_networks_get_label (c->networks);
      g_autofree char *why = NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      if (c->revoked_at > 0 && !linked)
        continue;
      if (!rounds_consent_covers (c, self->tz, rounds_post_get_networks (draft), c->uses, at, &why))
        /* TRANSLATORS: "photo, quote or story on Facebook — does not cover this post: it expired…" */
        subtitle = g_strdup_printf (_("%s on %s — does not cover this post: %s"), uses, where, why);
      else
        /* TRANSLATORS: "photo, quote or story on Facebook, Instagram" */
        subtitle = g_strdup_printf (_("%s on %s"), uses, where);
      row = link_row (self, c->patient, subtitle, c->id, FALSE, linked);
      adw_preferences_group_add (self->authorization_group, row);
      g_ptr_array_add (self->link_rows, row);
    }

  for (guint i = 0; self->partnerships != NULL && i < self->partnerships->len; i++)
    {
      const RoundsPartnership *p = g_ptr_array_index (self->partnerships, i);
      gboolean linked = array_has (self->linked_partnerships, p->id);
      g_autoptr(RoundsFinding) missing = linked ? rounds_disclosure_check (text, p->partner,
                                                                          p->disclosure)
                                                : NULL;
      GtkWidget *row = link_row (self, p->partner, p->disclosure, p->id, TRUE, linked);

      if (missing != NULL)
        rounds_consent_link_row_set_disclosure (ROUNDS_CONSENT_LINK_ROW (row), p->disclosure,
                                                rounds_finding_get_suggestion (missing));
      adw_preferences_group_add (self->partnership_group, row);
      g_ptr_array_add (self->link_rows, row);
      any_partnership = TRUE;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->partnership_group), any_partnership);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->auth_status_row),
                                 self->linked_consents->len > 0
                                   ? _("Another patient in this post?")
                                   : _("No authorization on record for this patient?"));
}

/**
 * _rounds_post_dialog_load_consents:
 *
 * Reads what is on record and, for a saved post, what it links.
 */
void
_rounds_post_dialog_load_consents (RoundsPostDialog *self,
                                   gboolean          with_links)
{
  RoundsStore *store = _rounds_post_dialog_get_store (self);
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->consents, g_ptr_array_unref);
  g_clear_pointer (&self->partnerships, g_ptr_array_unref);
  self->consents = rounds_store_list_consents (store, &error);
  if (self->consents == NULL)
    {
      g_warning ("Could not read the authorizations: %s", error->message);
      g_clear_error (&error);
    }
  self->partnerships = rounds_store_list_partnerships (store, &error);
  if (self->partnerships == NULL)
    {
      g_warning ("Could not read the partnerships: %s", error->message);
      g_clear_error (&error);
    }

  if (with_links && self->post != NULL)
    {
      gint64 id = rounds_post_get_id (self->post);
      g_autoptr(GPtrArray) consents = rounds_store_list_post_consents (store, id, NULL);
      g_autoptr(GPtrArray) partnerships = rounds_store_list_post_partnerships (store, id, NULL);

      g_array_set_size (self->linked_consents, 0);
      g_array_set_size (self->linked_partnerships, 0);
      for (guint i = 0; consents != NULL && i < consents->len; i++)
        array_set (self->linked_consents, ((RoundsConsent *)g_ptr_array_index (consents, i))->id, TRUE);
      for (guint i = 0; partnerships != NULL && i < partnerships->len; i++)
        array_set (self->linked_partnerships,
                   ((RoundsPartnership *)g_ptr_array_index (partnerships, i))->id, TRUE);
    }

  _rounds_post_dialog_rebuild_consent_rows (self);
}

/**
 * _rounds_post_dialog_save_links:
 *
 * Makes the post's links in the store what the switches say.
 */
gboolean
_rounds_post_dialog_save_links (RoundsPostDialog  *self,
                                gint64             post_id,
                                GError           **error)
{
  RoundsStore *store = _rounds_post_dialog_get_store (self);

  for (guint i = 0; self->consents != NULL && i < self->consents->len; i++)
    {
      gint64 id = ((RoundsConsent *)g_ptr_array_index (self->consents, i))->id;

      if (!rounds_store_link_post_consent (store, post_id, id, array_has (self->linked_consents, id),
                                           error))
        return FALSE;
    }
  for (guint i = 0; self->partnerships != NULL && i < self->partnerships->len; i++)
    {
      gint64 id = ((RoundsPartnership *)g_ptr_array_index (self->partnerships, i))->id;

      if (!rounds_store_link_post_partnership (store, post_id, id,
                                               array_has (self->linked_partnerships, id), error))
        return FALSE;
    }
  return TRUE;
}

static void
on_consent_recorded_cb (RoundsConsentDialog *dialog,
                        gint64               id,
                        RoundsPostDialog    *self)
{
  /* The one just recorded is for this post: linked at once. */
  array_set (self->linked_consents, id, TRUE);
  _rounds_post_dialog_load_consents (self, FALSE);
  _rounds_post_dialog_refresh_consent_findings (self);
  _rounds_post_dialog_schedule_autosave (self);
}

/**
 * _rounds_post_dialog_open_consent_dialog:
 *
 * Returns: (transfer none): the dialog, shown.
 */
RoundsConsentDialog *
_rounds_post_dialog_open_consent_dialog (RoundsPostDialog *self)
{
  RoundsConsentDialog *dialog = rounds_consent_dialog_new (self->context, GTK_WINDOW (self));

  g_signal_connect_object (dialog, "recorded", G_CALLBACK (on_consent_recorded_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}
