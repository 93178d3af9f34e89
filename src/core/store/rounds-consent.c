/* rounds-consent.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-consent"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "rounds-consent.h"
#include "rounds-store.h"
#include "rounds-time.h"

G_DEFINE_BOXED_TYPE (RoundsConsent, rounds_consent, rounds_consent_copy, rounds_consent_free)
G_DEFINE_BOXED_TYPE (RoundsPartnership, rounds_partnership,
                     rounds_partnership_copy, rounds_partnership_free)

static gboolean
is_blank (const char *s)
{
  return s == NULL || s[strspn (s, " \t\r\n")] == '\0';
}

/**
 * rounds_date_parse_ymd:
 *
 * Reads a real calendar date written YYYY-MM-DD.
 */
gboolean
rounds_date_parse_ymd (const char *text,
                       int        *year,
                       int        *month,
                       int        *day)
{
  int y, m, d;
  char extra;

  if (text == NULL || sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &extra) != 3 ||
      !g_date_valid_dmy (d, m, y))
    return FALSE;
  if (year)
    *year = y;
  if (month)
    *month = m;
  if (day)
    *day = d;
  return TRUE;
}

RoundsConsent *
rounds_consent_new (const char *patient)
{
  RoundsConsent *self = g_new0 (RoundsConsent, 1);

  self->patient = g_strdup (patient ? patient : "");
  self->purpose = g_strdup ("");
  self->signed_on = g_strdup ("");
  self->expires_on = g_strdup ("");
  self->expiry_event = g_strdup ("");
  self->collected_by = g_strdup ("");
  self->form_path = g_strdup ("");
  self->revoked_how = g_strdup ("");
  return self;
}

RoundsConsent *
rounds_consent_copy (const RoundsConsent *self)
{
  RoundsConsent *copy = g_new0 (RoundsConsent, 1);

  *copy = *self;
  copy->patient = g_strdup (self->patient);
  copy->purpose = g_strdup (self->purpose);
  copy->signed_on = g_strdup (self->signed_on);
  copy->expires_on = g_strdup (self->expires_on);
  copy->expiry_event = g_strdup (self->expiry_event);
  copy->collected_by = g_strdup (self->collected_by);
  copy->form_path = g_strdup (self->form_path);
  copy->revoked_how = g_strdup (self->revoked_how);
  return copy;
}

void
rounds_consent_free (RoundsConsent *self)
{
  if (self == NULL)
    return;
  g_free (self->patient);
  g_free (self->purpose);
  g_free (self->signed_on);
  g_free (self->expires_on);
  g_free (self->expiry_event);
  g_free (self->collected_by);
  g_free (self->form_path);
  g_free (self->revoked_how);
  g_free (self);
}

/**
 * rounds_consent_validate:
 *
 * What must be filled in to keep an authorization at all: whose it is,
 * the date it was signed, what and where it allows, and an expiry date or
 * event. A form missing one of the required elements may still be kept
 * (it is marked incomplete, see rounds_consent_missing_elements()).
 */
gboolean
rounds_consent_validate (const RoundsConsent  *self,
                         GError              **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (is_blank (self->patient))
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID,
                   _("Enter the patient’s name as the practice knows it"));
      return FALSE;
    }
  if (!rounds_date_parse_ymd (self->signed_on, NULL, NULL, NULL))
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID,
                   _("Enter the date it was signed as YYYY-MM-DD"));
      return FALSE;
    }
  if (self->uses == ROUNDS_CONSENT_USE_NONE)
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID,
                   _("Choose what the patient allows: photo, video, quote or story, "
                     "first name or condition"));
      return FALSE;
    }
  if (self->networks == ROUNDS_NETWORK_NONE && self->places == ROUNDS_CONSENT_PLACE_NONE)
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID,
                   _("Choose where it may be used: which networks, the website or print"));
      return FALSE;
    }
  if (!is_blank (self->expires_on))
    {
      int y1, m1, d1, y2, m2, d2;

      if (!rounds_date_parse_ymd (self->expires_on, &y2, &m2, &d2))
        {
          g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID,
                       _("Enter the expiry date as YYYY-MM-DD"));
          return FALSE;
        }
      rounds_date_parse_ymd (self->signed_on, &y1, &m1, &d1);
      if (y2 * 10000 + m2 * 100 + d2 < y1 * 10000 + m1 * 100 + d1)
        {
          g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID,
                       _("The expiry date is before the date it was signed"));
          return FALSE;
        }
    }
  else if (is_blank (self->expiry_event))
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID,
                   _("Enter when it expires: a date, or an event such as the end of treatment"));
      return FALSE;
    }

  return TRUE;
}

/**
 * rounds_consent_missing_elements:
 *
 * Returns: the required elements (#RoundsConsentElement) the signed form
 *   lacks; 0 when it is complete.
 */
guint
rounds_consent_missing_elements (const RoundsConsent *self)
{
  guint missing = ROUNDS_CONSENT_ELEMENTS_ALL & ~self->elements;

  /* The form's purpose and expiry must also be written down here. */
  if (is_blank (self->purpose))
    missing |= ROUNDS_CONSENT_ELEMENT_PURPOSE;
  if (is_blank (self->expires_on) && is_blank (self->expiry_event))
    missing |= ROUNDS_CONSENT_ELEMENT_EXPIRY;
  return missing;
}

const char *
rounds_consent_element_label (RoundsConsentElement element)
{
  switch (element)
    {
    case ROUNDS_CONSENT_ELEMENT_DESCRIPTION:
      return _("A specific description of the information to be used");
    case ROUNDS_CONSENT_ELEMENT_DISCLOSER:
      return _("Who may use or disclose it (the practice)");
    case ROUNDS_CONSENT_ELEMENT_RECIPIENT:
      return _("To whom it may be disclosed (the public, on the named networks)");
    case ROUNDS_CONSENT_ELEMENT_PURPOSE:
      return _("The purpose (marketing)");
    case ROUNDS_CONSENT_ELEMENT_EXPIRY:
      return _("An expiry date or event");
    case ROUNDS_CONSENT_ELEMENT_SIGNATURE:
      return _("The patient’s signature and the date");
    case ROUNDS_CONSENT_ELEMENT_REVOCATION:
      return _("The right to revoke in writing, and how");
    case ROUNDS_CONSENT_ELEMENT_REDISCLOSURE:
      return _("That what is published may be shared again and is no longer protected");
    case ROUNDS_CONSENT_ELEMENT_CONDITIONING:
      return _("That treatment does not depend on signing");
    default:
      return "";
    }
}

static gint64
start_of_date (GTimeZone  *tz,
               const char *date,
               int         plus_days)
{
  int y, m, d;
  gint64 t;

  if (!rounds_date_parse_ymd (date, &y, &m, &d))
    return 0;
  t = rounds_time_from_local (tz, y, m, d, 0, 0);
  return plus_days != 0 ? rounds_time_add_days (tz, t, plus_days) : t;
}

/**
 * rounds_consent_starts_at:
 *
 * Returns: the start of the day it was signed, in the practice's zone.
 */
gint64
rounds_consent_starts_at (const RoundsConsent *self,
                          GTimeZone           *tz)
{
  return start_of_date (tz, self->signed_on, 0);
}

/**
 * rounds_consent_expires_at:
 *
 * The expiry date is the last day it may be used: it expires at the
 * midnight that ends that day in the practice's time zone.
 *
 * One that expires on an event ("end of treatment") expires when the
 * event is recorded (rounds_store_record_consent_event()); with both, the
 * first of the two.
 *
 * Returns: the UTC instant it expires, or 0 when it has no expiry date
 *   and its event has not been recorded.
 */
gint64
rounds_consent_expires_at (const RoundsConsent *self,
                           GTimeZone           *tz)
{
  gint64 on_date = is_blank (self->expires_on) ? 0 : start_of_date (tz, self->expires_on, 1);

  if (self->event_at > 0 && (on_date == 0 || self->event_at < on_date))
    return self->event_at;
  return on_date;
}

RoundsConsentState
rounds_consent_get_state (const RoundsConsent *self,
                          GTimeZone           *tz,
                          gint64               at)
{
  gint64 expires = rounds_consent_expires_at (self, tz);

  if (self->revoked_at > 0 && self->revoked_at <= at)
    return ROUNDS_CONSENT_REVOKED;
  if (expires > 0 && at >= expires)
    return ROUNDS_CONSENT_EXPIRED;
  if (rounds_consent_missing_elements (self) != 0)
    return ROUNDS_CONSENT_INCOMPLETE;
  if (at < rounds_consent_starts_at (self, tz))
    return ROUNDS_CONSENT_NOT_YET_SIGNED;
  return ROUNDS_CONSENT_VALID;
}

char *
rounds_consent_uses_to_label (RoundsConsentUse uses)
{
  GString *s = g_string_new (NULL);
  static const struct { RoundsConsentUse use; const char *label; } labels[] = {
    { ROUNDS_CONSENT_USE_PHOTO, N_("photo") },
    { ROUNDS_CONSENT_USE_VIDEO, N_("video") },
    { ROUNDS_CONSENT_USE_QUOTE, N_("quote or story") },
    { ROUNDS_CONSENT_USE_FIRST_NAME, N_("first name") },
    { ROUNDS_CONSENT_USE_CONDITION, N_("condition") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (uses & labels[i].use)
      {
        if (s->len > 0)
          g_string_append (s, ", ");
        g_string_append (s, _(labels[i].label));
      }
  return g_string_free (s, FALSE);
}

/**
 * rounds_consent_covers:
 * @networks: where the post goes
 * @uses: what of the patient the post shows
 * @at: when it is approved or goes out
 * @why_not: (out) (optional): a plain sentence when it does not cover
 *
 * Coverage is networks × content type × dates: the authorization must
 * be complete, signed, not expired nor revoked at @at, and allow every
 * one of @uses on every one of @networks.
 */
gboolean
rounds_consent_covers (const RoundsConsent *self,
                       GTimeZone           *tz,
                       RoundsNetwork        networks,
                       RoundsConsentUse     uses,
                       gint64               at,
                       char               **why_not)
{
  RoundsNetwork missing_networks = networks & ~self->networks;
  RoundsConsentUse missing_uses = uses & ~self->uses;
  char *reason = NULL;

  switch (rounds_consent_get_state (self, tz, at))
    {
    case ROUNDS_CONSENT_REVOKED:
      reason = g_strdup (_("it was revoked"));
      break;
    case ROUNDS_CONSENT_EXPIRED:
      if (self->event_at > 0 && self->event_at == rounds_consent_expires_at (self, tz))
        /* TRANSLATORS: %s is the expiry event, such as "end of treatment" */
        reason = g_strdup_printf (_("it ended with its expiry event (%s)"), self->expiry_event);
      else
        reason = g_strdup_printf (_("it expired after %s"), self->expires_on);
      break;
    case ROUNDS_CONSENT_INCOMPLETE:
      reason = g_strdup (_("the signed form lacks a required element"));
      break;
    case ROUNDS_CONSENT_NOT_YET_SIGNED:
      reason = g_strdup_printf (_("it was signed on %s, after this post"), self->signed_on);
      break;
    case ROUNDS_CONSENT_VALID:
    default:
      if (missing_uses != 0)
        {
          g_autofree char *what = rounds_consent_uses_to_label (missing_uses);
          /* TRANSLATORS: %s is a list such as "photo, quote or story" */
          reason = g_strdup_printf (_("it does not allow the %s"), what);
        }
      else if (missing_networks != 0)
        {
          g_autofree char *where = rounds_networks_get_label (missing_networks);
          /* TRANSLATORS: %s is a list of networks */
          reason = g_strdup_printf (_("it does not include %s"), where);
        }
      break;
    }

  if (why_not != NULL)
    *why_not = reason;
  else
    g_free (reason);
  return reason == NULL;
}

RoundsPartnership *
rounds_partnership_new (const char *partner)
{
  RoundsPartnership *self = g_new0 (RoundsPartnership, 1);

  self->partner = g_strdup (partner ? partner : "");
  self->kind = g_strdup ("vendor");
  self->gave_note = g_strdup ("");
  self->starts_on = g_strdup ("");
  self->ends_on = g_strdup ("");
  self->disclosure = g_strdup ("");
  return self;
}

RoundsPartnership *
rounds_partnership_copy (const RoundsPartnership *self)
{
  RoundsPartnership *copy = g_new0 (RoundsPartnership, 1);

  *copy = *self;
  copy->partner = g_strdup (self->partner);
  copy->kind = g_strdup (self->kind);
  copy->gave_note = g_strdup (self->gave_note);
  copy->starts_on = g_strdup (self->starts_on);
  copy->ends_on = g_strdup (self->ends_on);
  copy->disclosure = g_strdup (self->disclosure);
  return copy;
}

void
rounds_partnership_free (RoundsPartnership *self)
{
  if (self == NULL)
    return;
  g_free (self->partner);
  g_free (self->kind);
  g_free (self->gave_note);
  g_free (self->starts_on);
  g_free (self->ends_on);
  g_free (self->disclosure);
  g_free (self);
}

gboolean
rounds_partnership_validate (const RoundsPartnership  *self,
                             GError                  **error)
{
  static const char * const kinds[] = { "influencer", "vendor", "clinic", "other" };
  gboolean kind_ok = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    kind_ok |= g_strcmp0 (self->kind, kinds[i]) == 0;

  if (is_blank (self->partner))
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID,
                   _("Enter the partner’s name"));
      return FALSE;
    }
  if (!kind_ok)
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID,
                   _("Choose whether the partner is an influencer, a vendor or another clinic"));
      return FALSE;
    }
  if ((!is_blank (self->starts_on) && !rounds_date_parse_ymd (self->starts_on, NULL, NULL, NULL)) ||
      (!is_blank (self->ends_on) && !rounds_date_parse_ymd (self->ends_on, NULL, NULL, NULL)))
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID,
                   _("Enter the dates as YYYY-MM-DD"));
      return FALSE;
    }
  if (is_blank (self->disclosure))
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID,
                   _("Enter the disclosure its posts must start with, such as "
                     "“Paid partnership with …” or “#ad”"));
      return FALSE;
    }
  return TRUE;
}
