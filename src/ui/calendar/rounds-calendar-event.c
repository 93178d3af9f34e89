/* rounds-calendar-event.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-calendar-event"

#include "config.h"

#include "rounds-calendar-event.h"

/* One occurrence of a post on the calendar, the item of the list models
 * that feed the calendar views (a repeating post gives one event per
 * occurrence; an unscheduled draft one event whose time is 0). What the
 * compliance check found is a property, so that a chip or a row bound to
 * the event marks itself when the check, run in a thread, is done. */

struct _RoundsCalendarEvent
{
  GObject     parent_instance;

  RoundsPost *post;
  gint64      when;
  gboolean    recurring;
  int         problems;
};

G_DEFINE_FINAL_TYPE (RoundsCalendarEvent, rounds_calendar_event, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_POST,
  PROP_WHEN,
  PROP_RECURRING,
  PROP_PROBLEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
rounds_calendar_event_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  RoundsCalendarEvent *self = ROUNDS_CALENDAR_EVENT (object);

  switch (prop_id)
    {
    case PROP_POST:
      g_value_set_object (value, self->post);
      break;
    case PROP_WHEN:
      g_value_set_int64 (value, self->when);
      break;
    case PROP_RECURRING:
      g_value_set_boolean (value, self->recurring);
      break;
    case PROP_PROBLEMS:
      g_value_set_int (value, self->problems);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rounds_calendar_event_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  RoundsCalendarEvent *self = ROUNDS_CALENDAR_EVENT (object);

  switch (prop_id)
    {
    case PROP_POST:
      self->post = g_value_dup_object (value);
      break;
    case PROP_WHEN:
      self->when = g_value_get_int64 (value);
      break;
    case PROP_RECURRING:
      self->recurring = g_value_get_boolean (value);
      break;
    case PROP_PROBLEMS:
      rounds_calendar_event_set_problems (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rounds_calendar_event_dispose (GObject *object)
{
  RoundsCalendarEvent *self = ROUNDS_CALENDAR_EVENT (object);

  g_clear_object (&self->post);

  G_OBJECT_CLASS (rounds_calendar_event_parent_class)->dispose (object);
}

static void
rounds_calendar_event_class_init (RoundsCalendarEventClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rounds_calendar_event_dispose;
  object_class->get_property = rounds_calendar_event_get_property;
  object_class->set_property = rounds_calendar_event_set_property;

  properties[PROP_POST] =
    g_param_spec_object ("post", NULL, NULL, ROUNDS_TYPE_POST,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_WHEN] =
    g_param_spec_int64 ("when", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RECURRING] =
    g_param_spec_boolean ("recurring", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * RoundsCalendarEvent:problems:
   *
   * Findings of the compliance check that need a decision; -1 while the
   * check has not run.
   */
  properties[PROP_PROBLEMS] =
    g_param_spec_int ("problems", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rounds_calendar_event_init (RoundsCalendarEvent *self)
{
  self->problems = -1;
}

/**
 * rounds_calendar_event_new:
 * @when: the occurrence (UTC), 0 for an unscheduled draft
 */
RoundsCalendarEvent *
rounds_calendar_event_new (RoundsPost *post,
                           gint64      when,
                           gboolean    recurring)
{
  g_return_val_if_fail (ROUNDS_IS_POST (post), NULL);

  return g_object_new (ROUNDS_TYPE_CALENDAR_EVENT,
                       "post", post,
                       "when", when,
                       "recurring", recurring,
                       NULL);
}

RoundsPost *
rounds_calendar_event_get_post (RoundsCalendarEvent *self)
{
  g_return_val_if_fail (ROUNDS_IS_CALENDAR_EVENT (self), NULL);
  return self->post;
}

gint64
rounds_calendar_event_get_when (RoundsCalendarEvent *self)
{
  g_return_val_if_fail (ROUNDS_IS_CALENDAR_EVENT (self), 0);
  return self->when;
}

gboolean
rounds_calendar_event_get_recurring (RoundsCalendarEvent *self)
{
  g_return_val_if_fail (ROUNDS_IS_CALENDAR_EVENT (self), FALSE);
  return self->recurring;
}

int
rounds_calendar_event_get_problems (RoundsCalendarEvent *self)
{
  g_return_val_if_fail (ROUNDS_IS_CALENDAR_EVENT (self), -1);
  return self->problems;
}

void
rounds_calendar_event_set_problems (RoundsCalendarEvent *self,
                                    int                  problems)
{
  g_return_if_fail (ROUNDS_IS_CALENDAR_EVENT (self));

  if (self->problems == problems)
    return;
  self->problems = problems;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEMS]);
}
