/* rounds-store-consents.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-store-consents"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "rounds-disclosure.h"
#include "rounds-store-consents.h"
#include "rounds-store-editor.h"
#include "rounds-store-private.h"
#include "rounds-store-publish.h"

/* The patient's name is kept in the authorizations table only: it is
 * never written to the audit log, a post, a notification or a log line.
 * The audit log names an authorization by its id. */

#define CONSENT_COLUMNS "id, patient, uses, networks, places, purpose, signed_on, expires_on," \
                        " expiry_event, collected_by, form_path, elements, revoked_at, revoked_how," \
                        " COALESCE (event_at, 0)"
#define PARTNERSHIP_COLUMNS "id, partner, kind, gave, gave_note, starts_on, ends_on, networks," \
                            " disclosure"

static gpointer
consent_of_row (RoundsStore  *self,
                RoundsDbStmt *stmt)
{
  RoundsConsent *c = rounds_consent_new (_rounds_store_column_text (stmt, 1));

  c->id = rounds_db_column_int64 (stmt, 0);
  c->uses = rounds_db_column_int (stmt, 2);
  c->networks = rounds_networks_from_string (_rounds_store_column_text (stmt, 3));
  c->places = rounds_db_column_int (stmt, 4);
  g_free (c->purpose), c->purpose = g_strdup (_rounds_store_column_text (stmt, 5));
  g_free (c->signed_on), c->signed_on = g_strdup (_rounds_store_column_text (stmt, 6));
  g_free (c->expires_on), c->expires_on = g_strdup (_rounds_store_column_text (stmt, 7));
  g_free (c->expiry_event), c->expiry_event = g_strdup (_rounds_store_column_text (stmt, 8));
  g_free (c->collected_by), c->collected_by = g_strdup (_rounds_store_column_text (stmt, 9));
  g_free (c->form_path), c->form_path = g_strdup (_rounds_store_column_text (stmt, 10));
  c->elements = rounds_db_column_int (stmt, 11);
  c->revoked_at = rounds_db_column_int64 (stmt, 12);
  g_free (c->revoked_how), c->revoked_how = g_strdup (_rounds_store_column_text (stmt, 13));
  c->event_at = rounds_db_column_int64 (stmt, 14);
  return c;
}

static gpointer
partnership_of_row (RoundsStore  *self,
                    RoundsDbStmt *stmt)
{
  RoundsPartnership *p = rounds_partnership_new (_rounds_store_column_text (stmt, 1));

  p->id = rounds_db_column_int64 (stmt, 0);
  g_free (p->kind), p->kind = g_strdup (_rounds_store_column_text (stmt, 2));
  p->gave = rounds_db_column_int (stmt, 3);
  g_free (p->gave_note), p->gave_note = g_strdup (_rounds_store_column_text (stmt, 4));
  g_free (p->starts_on), p->starts_on = g_strdup (_rounds_store_column_text (stmt, 5));
  g_free (p->ends_on), p->ends_on = g_strdup (_rounds_store_column_text (stmt, 6));
  p->networks = rounds_networks_from_string (_rounds_store_column_text (stmt, 7));
  g_free (p->disclosure), p->disclosure = g_strdup (_rounds_store_column_text (stmt, 8));
  return p;
}

static gint64
now_of (RoundsStore *self)
{
  return rounds_clock_get_now (rounds_store_get_clock (self));
}

static GTimeZone *
dup_zone (RoundsStore *self)
{
  return rounds_practice_dup_time_zone (rounds_store_get_practice (self));
}

/* ------------------------------------------------------------------ */
/* The scanned form                                                     */

/* Keeps a copy of the signed form beside the database (forms/SHA256.EXT,
 * folder 0700, file 0600): a PDF or a picture of the paper. */
static char *
import_form (RoundsStore  *self,
             const char   *source,
             GError      **error)
{
  static const struct { const char *mime; const char *ext; } types[] = {
    { "application/pdf", "pdf" }, { "image/png", "png" }, { "image/jpeg", "jpg" },
    { "image/webp", "webp" }, { "image/tiff", "tiff" },
  };
  g_autofree char *dir = g_path_get_dirname (rounds_store_get_path (self));
  g_autofree char *forms_dir = g_build_filename (dir, "forms", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *content_type = NULL;
  g_autofree char *mime = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *name = NULL;
  g_autofree char *dest = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *ext = NULL;
  GStatBuf st;
  gsize length = 0;

  if (g_stat (source, &st) != 0 || !S_ISREG (st.st_mode) ||
      !g_file_get_contents (source, &contents, &length, NULL))
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_IO,
                   _("The signed form cannot be read"));
      return NULL;
    }
  if (length > ROUNDS_CONSENT_FORM_MAX_SIZE)
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID,
                   _("The signed form is larger than 20 MB; scan it at a lower resolution"));
      return NULL;
    }

  content_type = g_content_type_guess (NULL, (const guchar *)contents, MIN (length, 4096), NULL);
  mime = g_content_type_get_mime_type (content_type);
  for (guint i = 0; i < G_N_ELEMENTS (types) && ext == NULL; i++)
    if (g_strcmp0 (mime, types[i].mime) == 0)
      ext = types[i].ext;
  if (ext == NULL)
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID,
                   _("The signed form must be a PDF or a picture (PNG, JPEG, WebP, TIFF)"));
      return NULL;
    }

  if (g_mkdir_with_parents (forms_dir, 0700) != 0)
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_IO,
                   _("Could not keep a copy of the signed form: %s"), g_strerror (errno));
      return NULL;
    }
  hash = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)contents, length);
  name = g_strdup_printf ("%s.%s", hash, ext);
  dest = g_build_filename (forms_dir, name, NULL);
  if (!g_file_set_contents_full (dest, contents, length, G_FILE_SET_CONTENTS_CONSISTENT, 0600,
                                 &local_error))
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_IO,
                   _("Could not keep a copy of the signed form: %s"), local_error->message);
      return NULL;
    }
  return g_steal_pointer (&dest);
}

/* ------------------------------------------------------------------ */
/* Authorizations                                                       */

static const char *
state_name (RoundsConsentState state)
{
  switch (state)
    {
    case ROUNDS_CONSENT_VALID:          return "valid";
    case ROUNDS_CONSENT_INCOMPLETE:     return "incomplete";
    case ROUNDS_CONSENT_NOT_YET_SIGNED: return "not_yet_signed";
    case ROUNDS_CONSENT_EXPIRED:        return "expired";
    case ROUNDS_CONSENT_REVOKED:        return "revoked";
    default:                            return "";
    }
}

static gboolean
bind_consent (RoundsStore          *self,
              RoundsDbStmt         *stmt,
              const RoundsConsent  *c)
{
  g_autofree char *networks = rounds_networks_to_string (c->networks);

  _rounds_store_bind_text (stmt, 1, c->patient);
  rounds_db_bind_int (stmt, 2, c->uses);
  _rounds_store_bind_text (stmt, 3, networks);
  rounds_db_bind_int (stmt, 4, c->places);
  _rounds_store_bind_text (stmt, 5, c->purpose);
  _rounds_store_bind_text (stmt, 6, c->signed_on);
  _rounds_store_bind_text (stmt, 7, c->expires_on);
  _rounds_store_bind_text (stmt, 8, c->expiry_event);
  _rounds_store_bind_text (stmt, 9, c->collected_by);
  _rounds_store_bind_text (stmt, 10, c->form_path);
  rounds_db_bind_int (stmt, 11, c->elements);
  return TRUE;
}

/**
 * rounds_store_add_consent:
 * @consent: the authorization; its id is set
 * @form_source: (nullable): the scanned signed form the user chose
 *
 * Records an authorization, with a copy of its form. One missing a
 * required element is kept and marked incomplete: it covers no post.
 */
gboolean
rounds_store_add_consent (RoundsStore    *self,
                          RoundsConsent  *consent,
                          const char     *form_source,
                          GError        **error)
{
  g_autoptr(GTimeZone) tz = NULL;
  g_autofree char *copy = NULL;
  RoundsDbStmt *stmt;
  gint64 id;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);
  g_return_val_if_fail (consent != NULL, FALSE);

  if (!rounds_consent_validate (consent, error))
    return FALSE;
  if (form_source != NULL && form_source[0] != '\0')
    {
      copy = import_form (self, form_source, error);
      if (copy == NULL)
        return FALSE;
      g_free (consent->form_path);
      consent->form_path = g_strdup (copy);
    }

  if (!_rounds_store_begin (self, error))
    return FALSE;
  stmt = _rounds_store_prepare (self, "INSERT INTO authorizations (patient, uses, networks, places,"
                                      " purpose, signed_on, expires_on, expiry_event, collected_by,"
                                      " form_path, elements, created_at)"
                                      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    goto fail;
  bind_consent (self, stmt, consent);
  rounds_db_bind_int64 (stmt, 12, now_of (self));
  if (!_rounds_store_step_done (self, stmt, error, _("Could not record the authorization")))
    goto fail;
  id = _rounds_store_last_insert_rowid (self);

  tz = dup_zone (self);
  if (!_rounds_store_write_audit (self, "authorization", id, "recorded", NULL,
                                  state_name (rounds_consent_get_state (consent, tz, now_of (self))),
                                  NULL, NULL, error) ||
      !_rounds_store_commit (self, error))
    goto fail;

  consent->id = id;
  return TRUE;

fail:
  _rounds_store_rollback (self);
  return FALSE;
}

/**
 * rounds_store_update_consent:
 *
 * Saves changes to an authorization's details and checklist (not its
 * form, nor its revocation: see rounds_store_revoke_consent()).
 */
gboolean
rounds_store_update_consent (RoundsStore          *self,
                             const RoundsConsent  *consent,
                             GError              **error)
{
  g_autoptr(GTimeZone) tz = NULL;
  RoundsDbStmt *stmt;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);

  if (!rounds_consent_validate (consent, error))
    return FALSE;
  if (!_rounds_store_begin (self, error))
    return FALSE;
  stmt = _rounds_store_prepare (self, "UPDATE authorizations SET patient = ?, uses = ?, networks = ?,"
                                      " places = ?, purpose = ?, signed_on = ?, expires_on = ?,"
                                      " expiry_event = ?, collected_by = ?, form_path = ?,"
                                      " elements = ? WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  bind_consent (self, stmt, consent);
  rounds_db_bind_int64 (stmt, 12, consent->id);
  if (!_rounds_store_step_done (self, stmt, error, _("Could not change the authorization")))
    goto fail;
  if (rounds_db_changes (rounds_db_db_handle (stmt)) == 0)
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_NOT_FOUND,
                   _("This authorization no longer exists"));
      goto fail;
    }
  tz = dup_zone (self);
  if (!_rounds_store_write_audit (self, "authorization", consent->id, "changed", NULL,
                                  state_name (rounds_consent_get_state (consent, tz, now_of (self))),
                                  NULL, NULL, error) ||
      !_rounds_store_commit (self, error))
    goto fail;
  return TRUE;

fail:
  _rounds_store_rollback (self);
  return FALSE;
}

/**
 * rounds_store_list_consents:
 *
 * Returns: (transfer full) (element-type RoundsConsent): newest first.
 */
GPtrArray *
rounds_store_list_consents (RoundsStore  *self,
                            GError      **error)
{
  RoundsDbStmt *stmt;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);

  stmt = _rounds_store_prepare (self, "SELECT " CONSENT_COLUMNS " FROM authorizations"
                                      " ORDER BY signed_on DESC, id DESC", error);
  if (stmt == NULL)
    return NULL;
  return _rounds_store_read_rows (self, stmt, consent_of_row, (GDestroyNotify)rounds_consent_free,
                                  error, _("Could not read the authorizations"));
}

RoundsConsent *
rounds_store_get_consent (RoundsStore  *self,
                          gint64        id,
                          GError      **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  RoundsDbStmt *stmt;

  stmt = _rounds_store_prepare (self, "SELECT " CONSENT_COLUMNS " FROM authorizations WHERE id = ?",
                                error);
  if (stmt == NULL)
    return NULL;
  rounds_db_bind_int64 (stmt, 1, id);
  rows = _rounds_store_read_rows (self, stmt, consent_of_row, (GDestroyNotify)rounds_consent_free,
                                  error, _("Could not read the authorization"));
  if (rows == NULL)
    return NULL;
  if (rows->len == 0)
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_NOT_FOUND,
                   _("This authorization no longer exists"));
      return NULL;
    }
  return g_ptr_array_steal_index (rows, 0);
}

/**
 * rounds_store_list_consent_posts:
 *
 * Returns: (transfer full) (element-type RoundsPost): every post that
 *   relies on the authorization, whatever its status.
 */
GPtrArray *
rounds_store_list_consent_posts (RoundsStore  *self,
                                 gint64        consent_id,
                                 GError      **error)
{
  RoundsDbStmt *stmt;

  stmt = _rounds_store_prepare (self, "SELECT post_id FROM post_authorizations"
                                      " WHERE authorization_id = ? ORDER BY post_id", error);
  if (stmt == NULL)
    return NULL;
  rounds_db_bind_int64 (stmt, 1, consent_id);
  return _rounds_store_read_rows (self, stmt, _rounds_store_post_of_row, g_object_unref, error,
                                  _("Could not read the posts of the authorization"));
}

static gboolean
is_waiting_to_go_out (RoundsPostStatus status)
{
  return status == ROUNDS_POST_STATUS_APPROVED || status == ROUNDS_POST_STATUS_SCHEDULED ||
         status == ROUNDS_POST_STATUS_DUE || status == ROUNDS_POST_STATUS_FAILED;
}

/**
 * rounds_store_stop_posts_of_consent:
 * @reason: why, for the audit log
 * @stopped: (out) (optional) (transfer full) (element-type RoundsPost):
 *   the posts that were stopped
 *
 * Every post relying on the authorization that is approved, scheduled,
 * due or failed goes back to review (a failed one to draft), with
 * @reason in the audit log. Published ones are left as they are: the
 * caller lists them for "Take down".
 */
gboolean
rounds_store_stop_posts_of_consent (RoundsStore  *self,
                                    gint64        consent_id,
                                    const char   *reason,
                                    GPtrArray   **stopped,
                                    GError      **error)
{
  g_autoptr(GPtrArray) posts = rounds_store_list_consent_posts (self, consent_id, error);
  g_autoptr(GPtrArray) done = g_ptr_array_new_with_free_func (g_object_unref);

  if (posts == NULL)
    return FALSE;

  for (guint i = 0; i < posts->len; i++)
    {
      RoundsPost *post = g_ptr_array_index (posts, i);
      RoundsPostStatus status = rounds_post_get_status (post);
      gint64 id = rounds_post_get_id (post);

      if (!is_waiting_to_go_out (status))
        continue;
      if (status == ROUNDS_POST_STATUS_DUE &&
          !rounds_store_set_post_status (self, id, ROUNDS_POST_STATUS_SCHEDULED, reason, error))
        return FALSE;
      if (!rounds_store_set_post_status (self, id,
                                         status == ROUNDS_POST_STATUS_FAILED
                                           ? ROUNDS_POST_STATUS_DRAFT
                                           : ROUNDS_POST_STATUS_IN_REVIEW,
                                         reason, error))
        return FALSE;
      g_ptr_array_add (done, g_object_ref (post));
    }

  if (stopped != NULL)
    *stopped = g_steal_pointer (&done);
  return TRUE;
}

/**
 * rounds_store_revoke_consent:
 * @how: how the revocation was received ("in writing at the front desk")
 * @stopped: (out) (optional) (transfer full) (element-type RoundsPost):
 *   the posts that were waiting to go out and are back in review
 *
 * Records that the patient revoked the authorization, now, and stops
 * every post that relies on it (audited). It covers nothing afterwards.
 */
gboolean
rounds_store_revoke_consent (RoundsStore  *self,
                             gint64        id,
                             const char   *how,
                             GPtrArray   **stopped,
                             GError      **error)
{
  g_autoptr(RoundsConsent) consent = NULL;
  g_autofree char *how_text = g_strstrip (g_strdup (how ? how : ""));
  RoundsDbStmt *stmt;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);

  consent = rounds_store_get_consent (self, id, error);
  if (consent == NULL)
    return FALSE;
  if (consent->revoked_at > 0)
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID,
                   _("This authorization was already revoked"));
      return FALSE;
    }
  if (how_text[0] == '\0')
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID,
                   _("Say how the revocation was received, such as “letter at the front desk”"));
      return FALSE;
    }

  if (!_rounds_store_begin (self, error))
    return FALSE;
  stmt = _rounds_store_prepare (self, "UPDATE authorizations SET revoked_at = ?, revoked_how = ?"
                                      " WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  rounds_db_bind_int64 (stmt, 1, now_of (self));
  _rounds_store_bind_text (stmt, 2, how_text);
  rounds_db_bind_int64 (stmt, 3, id);
  if (!_rounds_store_step_done (self, stmt, error, _("Could not record the revocation")) ||
      !_rounds_store_write_audit (self, "authorization", id, "revoked", "valid", "revoked",
                                  how_text, NULL, error) ||
      !_rounds_store_commit (self, error))
    goto fail;

  return rounds_store_stop_posts_of_consent (self, id, _("The patient revoked the authorization "
                                                         "this post relies on"),
                                             stopped, error);

fail:
  _rounds_store_rollback (self);
  return FALSE;
}

/**
 * rounds_store_record_consent_event:
 * @stopped: (out) (optional) (transfer full) (element-type RoundsPost):
 *   the posts that were waiting to go out and are back in review
 *
 * Records that the event an authorization expires on ("end of
 * treatment") happened, now: it covers nothing from now on, and every
 * post waiting to go out on it is stopped (audited), as at an expiry.
 */
gboolean
rounds_store_record_consent_event (RoundsStore  *self,
                                   gint64        id,
                                   GPtrArray   **stopped,
                                   GError      **error)
{
  g_autoptr(RoundsConsent) consent = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  RoundsDbStmt *stmt;
  gint64 now;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);

  consent = rounds_store_get_consent (self, id, error);
  if (consent == NULL)
    return FALSE;
  tz = dup_zone (self);
  now = now_of (self);
  if (consent->expiry_event[0] == '\0')
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID,
                   _("This authorization does not expire on an event"));
      return FALSE;
    }
  if (consent->revoked_at > 0 || consent->event_at > 0 ||
      rounds_consent_get_state (consent, tz, now) == ROUNDS_CONSENT_EXPIRED)
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID,
                   _("This authorization has already ended"));
      return FALSE;
    }

  if (!_rounds_store_begin (self, error))
    return FALSE;
  stmt = _rounds_store_prepare (self, "UPDATE authorizations SET event_at = ? WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  rounds_db_bind_int64 (stmt, 1, now);
  rounds_db_bind_int64 (stmt, 2, id);
  if (!_rounds_store_step_done (self, stmt, error, _("Could not record the end of the authorization")) ||
      !_rounds_store_write_audit (self, "authorization", id, "expired", "valid", "expired",
                                  _("Its expiry event happened"), NULL, error) ||
      !_rounds_store_commit (self, error))
    goto fail;

  return rounds_store_stop_posts_of_consent (self, id, _("The authorization this post relies on "
                                                         "expired"),
                                             stopped, error);

fail:
  _rounds_store_rollback (self);
  return FALSE;
}

/**
 * rounds_store_list_lapsed_consents:
 *
 * Returns: (transfer full) (element-type RoundsConsent): the revoked or
 *   expired authorizations that posts rely on.
 */
GPtrArray *
rounds_store_list_lapsed_consents (RoundsStore  *self,
                                   GError      **error)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GTimeZone) tz = dup_zone (self);
  GPtrArray *lapsed = g_ptr_array_new_with_free_func ((GDestroyNotify)rounds_consent_free);
  RoundsDbStmt *stmt;
  gint64 now = now_of (self);

  stmt = _rounds_store_prepare (self, "SELECT " CONSENT_COLUMNS " FROM authorizations"
                                      " WHERE id IN (SELECT authorization_id FROM post_authorizations)",
                                error);
  if (stmt != NULL)
    all = _rounds_store_read_rows (self, stmt, consent_of_row, (GDestroyNotify)rounds_consent_free,
                                   error, _("Could not read the authorizations"));
  if (all == NULL)
    {
      g_ptr_array_unref (lapsed);
      return NULL;
    }
  for (guint i = 0; i < all->len; i++)
    {
      RoundsConsentState state = rounds_consent_get_state (g_ptr_array_index (all, i), tz, now);

      if (state == ROUNDS_CONSENT_REVOKED || state == ROUNDS_CONSENT_EXPIRED)
        g_ptr_array_add (lapsed, rounds_consent_copy (g_ptr_array_index (all, i)));
    }
  return lapsed;
}

/* ------------------------------------------------------------------ */
/* Partnerships                                                         */

gboolean
rounds_store_add_partnership (RoundsStore        *self,
                              RoundsPartnership  *p,
                              GError            **error)
{
  g_autofree char *networks = NULL;
  RoundsDbStmt *stmt;
  gint64 id;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);

  if (!rounds_partnership_validate (p, error) || !_rounds_store_begin (self, error))
    return FALSE;
  stmt = _rounds_store_prepare (self, "INSERT INTO partnerships (partner, kind, gave, gave_note,"
                                      " starts_on, ends_on, networks, disclosure, created_at)"
                                      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    goto fail;
  networks = rounds_networks_to_string (p->networks);
  _rounds_store_bind_text (stmt, 1, p->partner);
  _rounds_store_bind_text (stmt, 2, p->kind);
  rounds_db_bind_int (stmt, 3, p->gave);
  _rounds_store_bind_text (stmt, 4, p->gave_note);
  _rounds_store_bind_text (stmt, 5, p->starts_on);
  _rounds_store_bind_text (stmt, 6, p->ends_on);
  _rounds_store_bind_text (stmt, 7, networks);
  _rounds_store_bind_text (stmt, 8, p->disclosure);
  rounds_db_bind_int64 (stmt, 9, now_of (self));
  if (!_rounds_store_step_done (self, stmt, error, _("Could not record the partnership")))
    goto fail;
  id = _rounds_store_last_insert_rowid (self);
  if (!_rounds_store_write_audit (self, "partnership", id, "recorded", NULL, p->kind, NULL, NULL,
                                  error) ||
      !_rounds_store_commit (self, error))
    goto fail;
  p->id = id;
  return TRUE;

fail:
  _rounds_store_rollback (self);
  return FALSE;
}

GPtrArray *
rounds_store_list_partnerships (RoundsStore  *self,
                                GError      **error)
{
  RoundsDbStmt *stmt;

  stmt = _rounds_store_prepare (self, "SELECT " PARTNERSHIP_COLUMNS " FROM partnerships"
                                      " ORDER BY LOWER (partner), id", error);
  if (stmt == NULL)
    return NULL;
  return _rounds_store_read_rows (self, stmt, partnership_of_row,
                                  (GDestroyNotify)rounds_partnership_free, error,
                                  _("Could not read the partnerships"));
}

RoundsPartnership *
rounds_store_get_partnership (RoundsStore  *self,
                              gint64        id,
                              GError      **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  RoundsDbStmt *stmt;

  stmt = _rounds_store_prepare (self, "SELECT " PARTNERSHIP_COLUMNS " FROM partnerships WHERE id = ?",
                                error);
  if (stmt == NULL)
    return NULL;
  rounds_db_bind_int64 (stmt, 1, id);
  rows = _rounds_store_read_rows (self, stmt, partnership_of_row,
                                  (GDestroyNotify)rounds_partnership_free, error,
                                  _("Could not read the partnership"));
  if (rows == NULL)
    return NULL;
  if (rows->len == 0)
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_NOT_FOUND,
                   _("This partnership no longer exists"));
      return NULL;
    }
  return g_ptr_array_steal_index (rows, 0);
}

/* ------------------------------------------------------------------ */
/* Links                                                                */

static gboolean
set_link (RoundsStore  *self,
          const char   *table,
          const char   *column,
          const char   *entity,
          gint64        post_id,
          gint64        other_id,
          gboolean      linked,
          GError      **error)
{
  g_autofree char *sql = NULL;
  g_autofree char *what = NULL;
  RoundsDbStmt *stmt;
  RoundsPost *post = rounds_store_lookup_post (self, post_id);

  if (post == NULL)
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_NOT_FOUND,
                   _("This post no longer exists"));
      return FALSE;
    }

  if (linked)
    sql = g_strdup_printf ("INSERT OR IGNORE INTO %s (post_id, %s) VALUES (?, ?)", table, column);
  else
    sql = g_strdup_printf ("DELETE FROM %s WHERE post_id = ? AND %s = ?", table, column);
  what = g_strdup_printf ("%s:%" G_GINT64_FORMAT, entity, other_id);

  if (!_rounds_store_begin (self, error))
    return FALSE;
  stmt = _rounds_store_prepare (self, sql, error);
  if (stmt == NULL)
    goto fail;
  rounds_db_bind_int64 (stmt, 1, post_id);
  rounds_db_bind_int64 (stmt, 2, other_id);
  if (!_rounds_store_step_done (self, stmt, error, _("Could not change the post’s links")))
    goto fail;
  if (rounds_db_changes (rounds_db_db_handle (stmt)) > 0 &&
      !_rounds_store_write_audit (self, "post", post_id, linked ? "linked" : "unlinked", NULL, what,
                                  NULL, NULL, error))
    goto fail;
  if (!_rounds_store_commit (self, error))
    goto fail;
  _rounds_store_emit_post_changed (self, post);
  return TRUE;

fail:
  _rounds_store_rollback (self);
  if (error != NULL && *error != NULL && (*error)->code == ROUNDS_STORE_ERROR_FAILED)
    {
      /* A foreign key: the authorization or partnership is gone. */
      g_clear_error (error);
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_NOT_FOUND,
                   _("It no longer exists"));
    }
  return FALSE;
}

gboolean
rounds_store_link_post_consent (RoundsStore  *self,
                                gint64        post_id,
                                gint64        consent_id,
                                gboolean      linked,
                                GError      **error)
{
  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);
  return set_link (self, "post_authorizations", "authorization_id", "authorization", post_id,
                   consent_id, linked, error);
}

gboolean
rounds_store_link_post_partnership (RoundsStore  *self,
                                    gint64        post_id,
                                    gint64        partnership_id,
                                    gboolean      linked,
                                    GError      **error)
{
  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);
  return set_link (self, "post_partnerships", "partnership_id", "partnership", post_id,
                   partnership_id, linked, error);
}

GPtrArray *
rounds_store_list_post_consents (RoundsStore  *self,
                                 gint64        post_id,
                                 GError      **error)
{
  RoundsDbStmt *stmt;

  stmt = _rounds_store_prepare (self, "SELECT " CONSENT_COLUMNS " FROM authorizations WHERE id IN"
                                      " (SELECT authorization_id FROM post_authorizations"
                                      "  WHERE post_id = ?) ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  rounds_db_bind_int64 (stmt, 1, post_id);
  return _rounds_store_read_rows (self, stmt, consent_of_row, (GDestroyNotify)rounds_consent_free,
                                  error, _("Could not read the post’s authorizations"));
}

GPtrArray *
rounds_store_list_post_partnerships (RoundsStore  *self,
                                     gint64        post_id,
                                     GError      **error)
{
  RoundsDbStmt *stmt;

  stmt = _rounds_store_prepare (self, "SELECT " PARTNERSHIP_COLUMNS " FROM partnerships WHERE id IN"
                                      " (SELECT partnership_id FROM post_partnerships"
                                      "  WHERE post_id = ?) ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  rounds_db_bind_int64 (stmt, 1, post_id);
  return _rounds_store_read_rows (self, stmt, partnership_of_row,
                                  (GDestroyNotify)rounds_partnership_free, error,
                                  _("Could not read the post’s partnerships"));
}

/* ------------------------------------------------------------------ */
/* The check                                                            */

/* ------------------------------------------------------------------ */
/* Taking down                                                          */

#define TAKEDOWN_COLUMNS "post_id, COALESCE (publication_id, 0), network, url, requested_at," \
                         " COALESCE (done_at, 0)"

void
rounds_takedown_free (RoundsTakedown *takedown)
{
  if (takedown == NULL)
    return;
  g_free (takedown->remote_id);
  g_free (takedown->url);
  g_free (takedown);
}

RoundsTakedown *
rounds_takedown_copy (const RoundsTakedown *takedown)
{
  RoundsTakedown *t = g_memdup2 (takedown, sizeof *takedown);

  t->remote_id = g_strdup (takedown->remote_id);
  t->url = g_strdup (takedown->url);
  return t;
}

static RoundsTakedown *
takedown_new (gint64        post_id,
              gint64        publication_id,
              RoundsNetwork network,
              const char   *url)
{
  RoundsTakedown *t = g_new0 (RoundsTakedown, 1);

  t->post_id = post_id;
  t->publication_id = publication_id;
  t->network = network;
  t->remote_id = g_strdup ("");
  t->url = g_strdup (url != NULL ? url : "");
  return t;
}

static gpointer
takedown_of_row (RoundsStore  *self,
                 RoundsDbStmt *stmt)
{
  RoundsTakedown *t = takedown_new (rounds_db_column_int64 (stmt, 0), rounds_db_column_int64 (stmt, 1),
                                    rounds_network_from_string (_rounds_store_column_text (stmt, 2)),
                                    _rounds_store_column_text (stmt, 3));

  t->requested_at = rounds_db_column_int64 (stmt, 4);
  t->done_at = rounds_db_column_int64 (stmt, 5);
  return t;
}

static GPtrArray *
read_takedown_rows (RoundsStore  *self,
                    const char   *where,
                    gint64        post_id,
                    GError      **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT " TAKEDOWN_COLUMNS " FROM takedowns WHERE %s"
                                          " ORDER BY id", where);
  RoundsDbStmt *stmt = _rounds_store_prepare (self, sql, error);

  if (stmt == NULL)
    return NULL;
  if (post_id != 0)
    rounds_db_bind_int64 (stmt, 1, post_id);
  return _rounds_store_read_rows (self, stmt, takedown_of_row, (GDestroyNotify)rounds_takedown_free,
                                  error, _("Could not read what was taken down"));
}

/**
 * rounds_store_list_takedowns:
 *
 * Where a published post is out there, to take it down: one item per
 * publication that went out through an account (connected when that
 * account still is, so its connector can delete it), and one per network
 * of the post that was posted by hand. Each says whether it was taken
 * down already or asked for by hand.
 *
 * Returns: (transfer full) (element-type RoundsTakedown): the places,
 *   empty for a post that was not published; %NULL with @error.
 */
GPtrArray *
rounds_store_list_takedowns (RoundsStore  *self,
                             gint64        post_id,
                             GError      **error)
{
  g_autoptr(GPtrArray) pubs = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify)rounds_takedown_free);
  RoundsNetwork through_accounts = ROUNDS_NETWORK_NONE;
  RoundsPost *post;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);

  post = rounds_store_lookup_post (self, post_id);
  if (post == NULL)
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_NOT_FOUND,
                   _("This post no longer exists"));
      return NULL;
    }
  if (rounds_post_get_status (post) != ROUNDS_POST_STATUS_PUBLISHED)
    return g_steal_pointer (&items);

  pubs = rounds_store_list_publications (self, post_id, error);
  if (pubs == NULL)
    return NULL;
  rows = read_takedown_rows (self, "post_id = ?", post_id, error);
  if (rows == NULL)
    return NULL;

  for (guint i = 0; i < pubs->len; i++)
    {
      RoundsPublication *pub = g_ptr_array_index (pubs, i);
      RoundsAccount *account;
      RoundsTakedown *t;

      if (rounds_publication_get_state (pub) != ROUNDS_PUBLICATION_PUBLISHED)
        continue;
      t = takedown_new (post_id, rounds_publication_get_id (pub),
                        rounds_publication_get_network (pub), rounds_publication_get_url (pub));
      g_free (t->remote_id);
      t->remote_id = g_strdup (rounds_publication_get_remote_id (pub) != NULL
                                 ? rounds_publication_get_remote_id (pub) : "");
      t->account_id = rounds_publication_get_account_id (pub);
      account = t->account_id != 0 ? rounds_store_lookup_account (self, t->account_id) : NULL;
      t->connected = account != NULL &&
                     rounds_account_get_state (account) == ROUNDS_ACCOUNT_STATE_CONNECTED &&
                     t->remote_id[0] != '\0';
      through_accounts |= t->network;
      g_ptr_array_add (items, t);
    }

  /* The post's other networks were posted by hand. */
  for (guint i = 0; i < ROUNDS_N_NETWORKS; i++)
    {
      RoundsNetwork network = rounds_network_from_index (i);

      if ((rounds_post_get_networks (post) & network) != 0 && (through_accounts & network) == 0)
        g_ptr_array_add (items, takedown_new (post_id, 0, network, NULL));
    }

  for (guint i = 0; i < items->len; i++)
    {
      RoundsTakedown *t = g_ptr_array_index (items, i);

      for (guint j = 0; j < rows->len; j++)
        {
          const RoundsTakedown *row = g_ptr_array_index (rows, j);

          if (row->publication_id != t->publication_id ||
              (t->publication_id == 0 && row->network != t->network))
            continue;
          t->requested_at = row->requested_at;
          t->done_at = row->done_at;
          if (t->url[0] == '\0')
            g_free (t->url), t->url = g_strdup (row->url);
        }
    }
  return g_steal_pointer (&items);
}

static gboolean
write_takedown (RoundsStore          *self,
                const RoundsTakedown *t,
                gint64                consent_id,
                gboolean              done,
                GError              **error)
{
  RoundsPost *post = rounds_store_lookup_post (self, t->post_id);
  const char *network = rounds_network_get_label (t->network);
  g_autofree char *which = g_strdup_printf ("%" G_GINT64_FORMAT, consent_id);
  g_autofree char *reason = NULL;
  RoundsDbStmt *stmt;
  gint64 now = now_of (self);

  g_return_val_if_fail (ROUNDS_IS_STORE (self), FALSE);
  g_return_val_if_fail (t != NULL, FALSE);

  if (post == NULL)
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_NOT_FOUND,
                   _("This post no longer exists"));
      return FALSE;
    }

  if (!_rounds_store_begin (self, error))
    return FALSE;
  stmt = _rounds_store_prepare (self, "INSERT OR IGNORE INTO takedowns (post_id, publication_id,"
                                      " network, url, authorization_id, how, requested_at)"
                                      " VALUES (?, NULLIF (?, 0), ?, ?, NULLIF (?, 0), ?, ?)",
                                error);
  if (stmt == NULL)
    goto fail;
  rounds_db_bind_int64 (stmt, 1, t->post_id);
  rounds_db_bind_int64 (stmt, 2, t->publication_id);
  _rounds_store_bind_text (stmt, 3, rounds_network_to_string (t->network));
  _rounds_store_bind_text (stmt, 4, t->url);
  rounds_db_bind_int64 (stmt, 5, consent_id);
  _rounds_store_bind_text (stmt, 6, t->publication_id != 0 ? "deleted" : "by_hand");
  rounds_db_bind_int64 (stmt, 7, now);
  if (!_rounds_store_step_done (self, stmt, error, _("Could not record the take-down")))
    goto fail;

  if (!done)
    {
      if (rounds_db_changes (rounds_db_db_handle (stmt)) == 0)
        return _rounds_store_commit (self, error);  /* asked for already */
      /* TRANSLATORS: a network, then the authorization's number in the registry */
      reason = g_strdup_printf (_("To take down by hand on %s: authorization %s ended"),
                                network, which);
      if (!_rounds_store_write_audit (self, "post", t->post_id, "takedown_requested", "published",
                                      "published", reason, NULL, error) ||
          !_rounds_store_commit (self, error))
        goto fail;
      return TRUE;
    }

  stmt = _rounds_store_prepare (self, t->publication_id != 0
                                        ? "UPDATE takedowns SET done_at = ?1"
                                          " WHERE publication_id = ?2 AND done_at IS NULL"
                                        : "UPDATE takedowns SET done_at = ?1"
                                          " WHERE post_id = ?3 AND network = ?4"
                                          " AND publication_id IS NULL AND done_at IS NULL",
                                error);
  if (stmt == NULL)
    goto fail;
  rounds_db_bind_int64 (stmt, 1, now);
  if (t->publication_id != 0)
    rounds_db_bind_int64 (stmt, 2, t->publication_id);
  else
    {
      rounds_db_bind_int64 (stmt, 3, t->post_id);
      _rounds_store_bind_text (stmt, 4, rounds_network_to_string (t->network));
    }
  if (!_rounds_store_step_done (self, stmt, error, _("Could not record the take-down")))
    goto fail;
  if (rounds_db_changes (rounds_db_db_handle (stmt)) == 0)
    return _rounds_store_commit (self, error);  /* taken down already */

  reason = t->publication_id != 0
             /* TRANSLATORS: a network, then the authorization's number in the registry */
             ? g_strdup_printf (_("Deleted on %s through its account: authorization %s ended"),
                                network, which)
             /* TRANSLATORS: a network, then the authorization's number in the registry */
             : g_strdup_printf (_("Deleted by hand on %s: authorization %s ended"),
                                network, which);
  if (!_rounds_store_write_audit (self, "post", t->post_id, "taken_down", "published",
                                  "taken_down", reason, NULL, error) ||
      !_rounds_store_commit (self, error))
    goto fail;
  _rounds_store_emit_post_changed (self, post);
  return TRUE;

fail:
  _rounds_store_rollback (self);
  return FALSE;
}

/**
 * rounds_store_request_takedown_by_hand:
 * @takedown: a place the post was posted by hand (or whose account is
 *   not connected), from rounds_store_list_takedowns()
 * @consent_id: the authorization that ended
 *
 * Records, audited, that it must be deleted by hand: the reminders say
 * so with its link until rounds_store_takedown_done() is called.
 */
gboolean
rounds_store_request_takedown_by_hand (RoundsStore          *self,
                                       const RoundsTakedown *takedown,
                                       gint64                consent_id,
                                       GError              **error)
{
  return write_takedown (self, takedown, consent_id, FALSE, error);
}

/**
 * rounds_store_takedown_done:
 * @takedown: the place it was taken down from
 * @consent_id: the authorization that ended
 *
 * Marks it taken down (deleted through the account's connector, or by
 * hand), with an audit entry on the post. Twice is harmless.
 */
gboolean
rounds_store_takedown_done (RoundsStore          *self,
                            const RoundsTakedown *takedown,
                            gint64                consent_id,
                            GError              **error)
{
  return write_takedown (self, takedown, consent_id, TRUE, error);
}

/**
 * rounds_store_list_pending_takedowns:
 *
 * Returns: (transfer full) (element-type RoundsTakedown): what was asked
 *   to be deleted by hand and is not done yet, oldest first.
 */
GPtrArray *
rounds_store_list_pending_takedowns (RoundsStore  *self,
                                     GError      **error)
{
  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);
  return read_takedown_rows (self, "done_at IS NULL AND how = 'by_hand'", 0, error);
}

/**
 * rounds_post_patient_uses:
 * @media: (nullable) (element-type RoundsPostMedia): the post's images
 * @findings: (nullable) (element-type RoundsFinding): the scanner's
 *   findings on its text that were kept (see
 *   rounds_store_check_post_consent())
 *
 * What of a patient a post shows: a photo when an image is marked
 * "shows a patient", a quote or story when the text has a kept
 * testimonial or patient reference.
 */
RoundsConsentUse
rounds_post_patient_uses (GPtrArray *media,
                          GPtrArray *findings)
{
  RoundsConsentUse uses = ROUNDS_CONSENT_USE_NONE;

  for (guint i = 0; media != NULL && i < media->len; i++)
    if (((RoundsPostMedia *)g_ptr_array_index (media, i))->shows_patient)
      uses |= ROUNDS_CONSENT_USE_PHOTO;

  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      RoundsFindingCategory category = rounds_finding_get_category (g_ptr_array_index (findings, i));

      if (g_strcmp0 (rounds_finding_get_rule (g_ptr_array_index (findings, i)),
                     ROUNDS_MEDIA_PATIENT_RULE) == 0 ||
          g_strcmp0 (rounds_finding_get_rule (g_ptr_array_index (findings, i)),
                     ROUNDS_CONSENT_RULE_AUTHORIZATION) == 0)
        continue;
      if (category == ROUNDS_FINDING_CATEGORY_TESTIMONIAL ||
          category == ROUNDS_FINDING_CATEGORY_PATIENT_REFERENCE)
        uses |= ROUNDS_CONSENT_USE_QUOTE;
    }
  return uses;
}

static RoundsFinding *
consent_finding (const char *message,
                 const char *suggestion)
{
  return rounds_finding_new (0, 0, ROUNDS_CONSENT_RULE_AUTHORIZATION,
                             ROUNDS_FINDING_CATEGORY_PATIENT_REFERENCE,
                             ROUNDS_FINDING_SEVERITY_BLOCK, message, suggestion);
}

/**
 * rounds_consent_check_post:
 * @consents: (element-type RoundsConsent): the authorizations linked to
 *   the post
 * @partnerships: (element-type RoundsPartnership): the partnerships
 *   linked to it
 * @needs: what of a patient the post shows (rounds_post_patient_uses())
 * @text: the text that would be approved or sent
 * @networks: where it goes
 * @at: when it goes out
 * @tz: the practice's time zone
 *
 * The rules of the one check (see rounds_store_check_post_consent()) on
 * values the caller holds: the editor runs them on the form as it is,
 * before it is saved.
 *
 * Returns: (transfer full) (element-type RoundsFinding): the problems.
 */
GPtrArray *
rounds_consent_check_post (GPtrArray        *consents,
                           GPtrArray        *partnerships,
                           RoundsConsentUse  needs,
                           const char       *text,
                           RoundsNetwork     networks,
                           gint64            at,
                           GTimeZone        *tz)
{
  GPtrArray *result = g_ptr_array_new_with_free_func ((GDestroyNotify)rounds_finding_unref);

  if (needs != ROUNDS_CONSENT_USE_NONE)
    {
      RoundsConsentUse covered = ROUNDS_CONSENT_USE_NONE;
      g_autofree char *first_reason = NULL;

      for (guint i = 0; consents != NULL && i < consents->len; i++)
        {
          const RoundsConsent *c = g_ptr_array_index (consents, i);
          g_autofree char *why = NULL;
          RoundsConsentUse want = needs & c->uses;

          if (want == 0)
            want = needs;
          if (rounds_consent_covers (c, tz, networks, want, at, &why))
            covered |= want;
          else if (first_reason == NULL)
            first_reason = g_steal_pointer (&why);
        }

      if ((needs & ~covered) != 0)
        {
          g_autofree char *what = rounds_consent_uses_to_label (needs & ~covered);
          g_autofree char *message = NULL;

          if (consents == NULL || consents->len == 0)
            /* TRANSLATORS: %s is what the post shows: "photo", "quote or story" */
            message = g_strdup_printf (_("This post shows a patient (%s), and no signed "
                                         "authorization is linked to it."), what);
          else if (first_reason != NULL)
            /* TRANSLATORS: %s is the reason, such as "it expired after 2026-05-31" */
            message = g_strdup_printf (_("The linked authorization does not cover this post: %s."),
                                       first_reason);
          else
            /* TRANSLATORS: %s is what the post shows: "photo", "quote or story" */
            message = g_strdup_printf (_("No linked authorization allows the %s in this post."),
                                       what);
          g_ptr_array_add (result,
                           consent_finding (message,
                                            _("Link the patient’s signed authorization that "
                                              "covers this use and these networks, or remove "
                                              "what shows the patient.")));
        }
    }

  for (guint i = 0; partnerships != NULL && i < partnerships->len; i++)
    {
      const RoundsPartnership *p = g_ptr_array_index (partnerships, i);
      RoundsFinding *f = rounds_disclosure_check (text, p->partner, p->disclosure);

      if (f != NULL)
        g_ptr_array_add (result, f);
    }
  if (partnerships == NULL || partnerships->len == 0)
    {
      RoundsFinding *f = rounds_disclosure_check_unlinked (text);

      if (f != NULL)
        g_ptr_array_add (result, f);
    }

  return result;
}

/**
 * rounds_store_check_post_consent:
 * @text: (nullable): the text that would be approved or sent; %NULL for
 *   the post's body
 * @findings: (nullable) (element-type RoundsFinding): the scanner's
 *   findings on @text
 *
 * The one check of consent and disclosure that approval, the publishing
 * queue and the inbox share. A post that shows a patient (an image so
 * marked, a testimonial or patient reference in its text) needs a
 * linked, complete, unexpired, unrevoked authorization that allows what
 * it shows on every one of its networks at the time it goes out (now,
 * or its scheduled time if later). A post linked to a partnership must
 * disclose it near the start; one that looks sponsored and is not linked
 * gets a warning.
 *
 * Returns: (transfer full) (element-type RoundsFinding): the problems,
 *   empty when there are none; %NULL with @error when the store could
 *   not be read.
 */
GPtrArray *
rounds_store_check_post_consent (RoundsStore  *self,
                                 gint64        post_id,
                                 const char   *text,
                                 GPtrArray    *findings,
                                 GError      **error)
{
  g_autoptr(GPtrArray) media = NULL;
  g_autoptr(GPtrArray) consents = NULL;
  g_autoptr(GPtrArray) partnerships = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GPtrArray) acks = NULL;
  g_autoptr(GPtrArray) kept = NULL;
  RoundsPost *post;

  g_return_val_if_fail (ROUNDS_IS_STORE (self), NULL);

  post = rounds_store_lookup_post (self, post_id);
  if (post == NULL)
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_NOT_FOUND,
                   _("This post no longer exists"));
      return NULL;
    }

  media = rounds_store_list_post_media (self, post_id, error);
  if (media == NULL)
    return NULL;
  consents = rounds_store_list_post_consents (self, post_id, error);
  if (consents == NULL)
    return NULL;
  partnerships = rounds_store_list_post_partnerships (self, post_id, error);
  if (partnerships == NULL)
    return NULL;

  /* What the text says of a patient counts once it is kept ("Keep, with
   * a reason" in the editor). One not decided on yet is the scanner's
   * to raise. */
  acks = rounds_store_list_finding_acks (self, post_id, NULL);
  kept = g_ptr_array_new ();
  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      const RoundsFinding *f = g_ptr_array_index (findings, i);

      if (rounds_finding_acks_lookup (acks, f, text != NULL ? text : rounds_post_get_body (post)) != NULL)
        g_ptr_array_add (kept, (gpointer)f);
    }

  tz = dup_zone (self);
  return rounds_consent_check_post (consents, partnerships,
                                    rounds_post_patient_uses (media, kept),
                                    text != NULL ? text : rounds_post_get_body (post),
                                    rounds_post_get_networks (post),
                                    MAX (now_of (self), rounds_post_get_scheduled_at (post)), tz);
}

/**
 * rounds_consent_findings_dup_problem:
 *
 * Returns: (nullable): the first blocking finding's message, for a
 *   refusal or a "Not sent" line.
 */
char *
rounds_consent_findings_dup_problem (GPtrArray *findings)
{
  for (guint i = 0; findings != NULL && i < findings->len; i++)
    if (rounds_finding_get_severity (g_ptr_array_index (findings, i)) ==
        ROUNDS_FINDING_SEVERITY_BLOCK)
      return g_strdup (rounds_finding_get_message (g_ptr_array_index (findings, i)));
  return NULL;
}
