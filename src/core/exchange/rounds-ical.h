/* rounds-ical.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <libical/ical.h>

G_BEGIN_DECLS

/* libical, loaded from the module rounds-icalendar.so when a calendar
 * is first exported (rounds-module.h): a start never maps libical, nor
 * the ICU libraries it brings.
 *
 * Include this instead of <libical/ical.h>: the code calls libical as
 * before, through the table. Only the functions listed here can be
 * called; add one to the list to use it. rounds_ical_load() must have
 * succeeded before the first call (rounds_ics_export()). */

#define ROUNDS_ICAL_FUNCTIONS(F) \
  F (icalcomponent_add_component) \
  F (icalcomponent_add_property) \
  F (icalcomponent_as_ical_string_r) \
  F (icalcomponent_free) \
  F (icalcomponent_get_first_property) \
  F (icalcomponent_new_clone) \
  F (icalcomponent_vanew) \
  F (icaldurationtype_from_int) \
  F (icalmemory_free_buffer) \
  F (icalparameter_new_tzid) \
  F (icalproperty_add_parameter) \
  F (icalproperty_new_calscale) \
  F (icalproperty_new_categories) \
  F (icalproperty_new_description) \
  F (icalproperty_new_dtstamp) \
  F (icalproperty_new_dtstart) \
  F (icalproperty_new_duration) \
  F (icalproperty_new_exdate) \
  F (icalproperty_new_prodid) \
  F (icalproperty_new_rrule) \
  F (icalproperty_new_status) \
  F (icalproperty_new_summary) \
  F (icalproperty_new_transp) \
  F (icalproperty_new_uid) \
  F (icalproperty_new_version) \
  F (icalproperty_new_x) \
  F (icalproperty_set_tzid) \
  F (icalproperty_set_x_name) \
  F (icalrecurrencetype_from_string) \
  F (icaltime_from_timet_with_zone) \
  F (icaltime_null_time) \
  F (icaltime_set_timezone) \
  F (icaltimezone_get_builtin_timezone) \
  F (icaltimezone_get_component) \
  F (icaltimezone_get_utc_timezone)

#define ROUNDS_ICAL_MEMBER(name) __typeof__ (name) *name;
typedef struct
{
  ROUNDS_ICAL_FUNCTIONS (ROUNDS_ICAL_MEMBER)
} RoundsIcalApi;
#undef ROUNDS_ICAL_MEMBER

#ifndef ROUNDS_ICAL_MODULE
extern RoundsIcalApi rounds_ical_api;

gboolean rounds_ical_load (GError **error);

#define icalcomponent_add_component        (rounds_ical_api.icalcomponent_add_component)
#define icalcomponent_add_property         (rounds_ical_api.icalcomponent_add_property)
#define icalcomponent_as_ical_string_r     (rounds_ical_api.icalcomponent_as_ical_string_r)
#define icalcomponent_free                 (rounds_ical_api.icalcomponent_free)
#define icalcomponent_get_first_property   (rounds_ical_api.icalcomponent_get_first_property)
#define icalcomponent_new_clone            (rounds_ical_api.icalcomponent_new_clone)
#define icalcomponent_vanew                (rounds_ical_api.icalcomponent_vanew)
#define icaldurationtype_from_int          (rounds_ical_api.icaldurationtype_from_int)
#define icalmemory_free_buffer             (rounds_ical_api.icalmemory_free_buffer)
#define icalparameter_new_tzid             (rounds_ical_api.icalparameter_new_tzid)
#define icalproperty_add_parameter         (rounds_ical_api.icalproperty_add_parameter)
#define icalproperty_new_calscale          (rounds_ical_api.icalproperty_new_calscale)
#define icalproperty_new_categories        (rounds_ical_api.icalproperty_new_categories)
#define icalproperty_new_description       (rounds_ical_api.icalproperty_new_description)
#define icalproperty_new_dtstamp           (rounds_ical_api.icalproperty_new_dtstamp)
#define icalproperty_new_dtstart           (rounds_ical_api.icalproperty_new_dtstart)
#define icalproperty_new_duration          (rounds_ical_api.icalproperty_new_duration)
#define icalproperty_new_exdate            (rounds_ical_api.icalproperty_new_exdate)
#define icalproperty_new_prodid            (rounds_ical_api.icalproperty_new_prodid)
#define icalproperty_new_rrule             (rounds_ical_api.icalproperty_new_rrule)
#define icalproperty_new_status            (rounds_ical_api.icalproperty_new_status)
#define icalproperty_new_summary           (rounds_ical_api.icalproperty_new_summary)
#define icalproperty_new_transp            (rounds_ical_api.icalproperty_new_transp)
#define icalproperty_new_uid               (rounds_ical_api.icalproperty_new_uid)
#define icalproperty_new_version           (rounds_ical_api.icalproperty_new_version)
#define icalproperty_new_x                 (rounds_ical_api.icalproperty_new_x)
#define icalproperty_set_tzid              (rounds_ical_api.icalproperty_set_tzid)
#define icalproperty_set_x_name            (rounds_ical_api.icalproperty_set_x_name)
#define icalrecurrencetype_from_string     (rounds_ical_api.icalrecurrencetype_from_string)
#define icaltime_from_timet_with_zone      (rounds_ical_api.icaltime_from_timet_with_zone)
#define icaltime_null_time                 (rounds_ical_api.icaltime_null_time)
#define icaltime_set_timezone              (rounds_ical_api.icaltime_set_timezone)
#define icaltimezone_get_builtin_timezone  (rounds_ical_api.icaltimezone_get_builtin_timezone)
#define icaltimezone_get_component         (rounds_ical_api.icaltimezone_get_component)
#define icaltimezone_get_utc_timezone      (rounds_ical_api.icaltimezone_get_utc_timezone)
#endif

G_END_DECLS
