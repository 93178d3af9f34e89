/* rounds-post.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-post"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "rounds-core-enums.h"
#include "rounds-post.h"

struct _RoundsPost
{
  GObject           parent_instance;
  gint64            id;
  char             *title;
  char             *body;
  RoundsPostStatus  status;
  gint64            scheduled_at;
  RoundsNetwork     networks;
  gint64            created_at;
  gint64            updated_at;
  char             *last_error;
  gint64            version;     /* of the saved text: optimistic concurrency */
};

G_DEFINE_FINAL_TYPE (RoundsPost, rounds_post, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_BODY,
  PROP_STATUS,
  PROP_SCHEDULED_AT,
  PROP_NETWORKS,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  PROP_LAST_ERROR,
  PROP_DISPLAY_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
set_string (char       **field,
            const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

/* How many RoundsPost objects exist in this process (tests: the store
 * keeps no post in memory that nothing shows). */
static gint n_live;

static void
rounds_post_finalize (GObject *object)
{
  RoundsPost *self = (RoundsPost *)object;

  g_atomic_int_add (&n_live, -1);

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->body, g_free);
  g_clear_pointer (&self->last_error, g_free);

  G_OBJECT_CLASS (rounds_post_parent_class)->finalize (object);
}

static void
rounds_post_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  RoundsPost *self = ROUNDS_POST (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_BODY:
      g_value_set_string (value, self->body);
      break;
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case PROP_SCHEDULED_AT:
      g_value_set_int64 (value, self->scheduled_at);
      break;
    case PROP_NETWORKS:
      g_value_set_flags (value, self->networks);
      break;
    case PROP_CREATED_AT:
      g_value_set_int64 (value, self->created_at);
      break;
    case PROP_UPDATED_AT:
      g_value_set_int64 (value, self->updated_at);
      break;
    case PROP_LAST_ERROR:
      g_value_set_string (value, self->last_error);
      break;
    case PROP_DISPLAY_TITLE:
      g_value_take_string (value, rounds_post_dup_display_title (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rounds_post_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  RoundsPost *self = ROUNDS_POST (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      rounds_post_set_title (self, g_value_get_string (value));
      break;
    case PROP_BODY:
      rounds_post_set_body (self, g_value_get_string (value));
      break;
    case PROP_SCHEDULED_AT:
      rounds_post_set_scheduled_at (self, g_value_get_int64 (value));
      break;
    case PROP_NETWORKS:
      rounds_post_set_networks (self, g_value_get_flags (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rounds_post_class_init (RoundsPostClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rounds_post_finalize;
  object_class->get_property = rounds_post_get_property;
  object_class->set_property = rounds_post_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_BODY] =
    g_param_spec_string ("body", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL,
                       ROUNDS_TYPE_POST_STATUS, ROUNDS_POST_STATUS_DRAFT,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SCHEDULED_AT] =
    g_param_spec_int64 ("scheduled-at", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_NETWORKS] =
    g_param_spec_flags ("networks", NULL, NULL,
                        ROUNDS_TYPE_NETWORK, ROUNDS_NETWORK_NONE,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CREATED_AT] =
    g_param_spec_int64 ("created-at", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_UPDATED_AT] =
    g_param_spec_int64 ("updated-at", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LAST_ERROR] =
    g_param_spec_string ("last-error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_DISPLAY_TITLE] =
    g_param_spec_string ("display-title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rounds_post_init (RoundsPost *self)
{
  g_atomic_int_inc (&n_live);
  self->title = g_strdup ("");
  self->body = g_strdup ("");
  self->status = ROUNDS_POST_STATUS_DRAFT;
}

RoundsPost *
rounds_post_new (void)
{
  return g_object_new (ROUNDS_TYPE_POST, NULL);
}

/**
 * rounds_post_copy:
 *
 * Returns: (transfer full): a detached copy, for editing without touching
 *   the store's own object until it is saved.
 */
RoundsPost *
rounds_post_copy (RoundsPost *self)
{
  RoundsPost *copy;

  g_return_val_if_fail (ROUNDS_IS_POST (self), NULL);

  copy = rounds_post_new ();
  rounds_post_assign (copy, self);

  return copy;
}

/**
 * rounds_post_assign:
 *
 * Copies every field of @other into @self, notifying what changed.
 */
void
rounds_post_assign (RoundsPost *self,
                    RoundsPost *other)
{
  g_return_if_fail (ROUNDS_IS_POST (self));
  g_return_if_fail (ROUNDS_IS_POST (other));

  g_object_freeze_notify (G_OBJECT (self));
  _rounds_post_set_id (self, other->id);
  rounds_post_set_title (self, other->title);
  rounds_post_set_body (self, other->body);
  _rounds_post_set_status (self, other->status);
  rounds_post_set_scheduled_at (self, other->scheduled_at);
  rounds_post_set_networks (self, other->networks);
  _rounds_post_set_times (self, other->created_at, other->updated_at);
  _rounds_post_set_last_error (self, other->last_error);
  self->version = other->version;
  g_object_thaw_notify (G_OBJECT (self));
}

gint64
rounds_post_get_id (RoundsPost *self)
{
  g_return_val_if_fail (ROUNDS_IS_POST (self), 0);
  return self->id;
}

const char *
rounds_post_get_title (RoundsPost *self)
{
  g_return_val_if_fail (ROUNDS_IS_POST (self), NULL);
  return self->title;
}

void
rounds_post_set_title (RoundsPost *self,
                       const char *title)
{
  g_return_if_fail (ROUNDS_IS_POST (self));

  if (set_string (&self->title, title ? title : ""))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISPLAY_TITLE]);
    }
}

const char *
rounds_post_get_body (RoundsPost *self)
{
  g_return_val_if_fail (ROUNDS_IS_POST (self), NULL);
  return self->body;
}

void
rounds_post_set_body (RoundsPost *self,
                      const char *body)
{
  g_return_if_fail (ROUNDS_IS_POST (self));

  if (set_string (&self->body, body ? body : ""))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BODY]);
      if (self->title[0] == '\0')
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISPLAY_TITLE]);
    }
}

RoundsPostStatus
rounds_post_get_status (RoundsPost *self)
{
  g_return_val_if_fail (ROUNDS_IS_POST (self), ROUNDS_POST_STATUS_DRAFT);
  return self->status;
}

gint64
rounds_post_get_scheduled_at (RoundsPost *self)
{
  g_return_val_if_fail (ROUNDS_IS_POST (self), 0);
  return self->scheduled_at;
}

void
rounds_post_set_scheduled_at (RoundsPost *self,
                              gint64      utc)
{
  g_return_if_fail (ROUNDS_IS_POST (self));

  if (self->scheduled_at == utc)
    return;
  self->scheduled_at = utc;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCHEDULED_AT]);
}

RoundsNetwork
rounds_post_get_networks (RoundsPost *self)
{
  g_return_val_if_fail (ROUNDS_IS_POST (self), 0);
  return self->networks;
}

void
rounds_post_set_networks (RoundsPost    *self,
                          RoundsNetwork  networks)
{
  g_return_if_fail (ROUNDS_IS_POST (self));

  if (self->networks == networks)
    return;
  self->networks = networks;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NETWORKS]);
}

gint64
rounds_post_get_created_at (RoundsPost *self)
{
  g_return_val_if_fail (ROUNDS_IS_POST (self), 0);
  return self->created_at;
}

/**
 * rounds_post_get_version:
 *
 * Returns: how many times the post's text, time and networks were saved
 *   (1 when new; 0 for a post not read from a store). A save that was
 *   read at an older version than the database's is refused with
 *   %ROUNDS_STORE_ERROR_CONFLICT.
 */
gint64
rounds_post_get_version (RoundsPost *self)
{
  g_return_val_if_fail (ROUNDS_IS_POST (self), 0);
  return self->version;
}

void
_rounds_post_set_version (RoundsPost *self,
                          gint64      version)
{
  g_return_if_fail (ROUNDS_IS_POST (self));
  self->version = version;
}

gint64
rounds_post_get_updated_at (RoundsPost *self)
{
  g_return_val_if_fail (ROUNDS_IS_POST (self), 0);
  return self->updated_at;
}

const char *
rounds_post_get_last_error (RoundsPost *self)
{
  g_return_val_if_fail (ROUNDS_IS_POST (self), NULL);
  return self->last_error;
}

/**
 * rounds_post_format_display_title:
 * @title: (nullable): a post's title
 * @body: (nullable): its text
 *
 * Returns: (transfer full): @title, else the first line of @body
 *   (shortened to 80 characters), else "Untitled post".
 */
char *
rounds_post_format_display_title (const char *title,
                                  const char *body)
{
  const char *p;
  const char *end;
  g_autofree char *line = NULL;

  if (title != NULL && title[0] != '\0')
    return g_strdup (title);

  p = body != NULL ? body : "";
  while (*p != '\0' && g_unichar_isspace (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  end = strchr (p, '\n');
  line = end ? g_strndup (p, end - p) : g_strdup (p);
  g_strchomp (line);

  if (line[0] == '\0')
    return g_strdup (_("Untitled post"));

  if (g_utf8_strlen (line, -1) > 80)
    {
      g_autofree char *cut = g_utf8_substring (line, 0, 79);
      return g_strconcat (cut, "…", NULL);
    }

  return g_steal_pointer (&line);
}

/**
 * rounds_post_dup_display_title:
 *
 * Returns: (transfer full): the title, else the first line of the body
 *   (shortened to 80 characters), else "Untitled post".
 */
char *
rounds_post_dup_display_title (RoundsPost *self)
{
  g_return_val_if_fail (ROUNDS_IS_POST (self), NULL);

  return rounds_post_format_display_title (self->title, self->body);
}

/**
 * rounds_post_dup_text_hash:
 *
 * The fingerprint of exactly what is published: the body, as sent to
 * every network (the title is for the practice only and never goes
 * out, so it is not part of it).
 *
 * Returns: (transfer full): the SHA-256 of the post's body, in hex, as
 *   recorded in the audit log.
 */
char *
rounds_post_dup_text_hash (RoundsPost *self)
{
  g_return_val_if_fail (ROUNDS_IS_POST (self), NULL);

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, self->body, -1);
}

void
_rounds_post_set_id (RoundsPost *self,
                     gint64      id)
{
  if (self->id == id)
    return;
  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

void
_rounds_post_set_status (RoundsPost       *self,
                         RoundsPostStatus  status)
{
  if (self->status == status)
    return;
  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

void
_rounds_post_set_times (RoundsPost *self,
                        gint64      created_at,
                        gint64      updated_at)
{
  if (self->created_at != created_at)
    {
      self->created_at = created_at;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED_AT]);
    }
  if (self->updated_at != updated_at)
    {
      self->updated_at = updated_at;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED_AT]);
    }
}

void
_rounds_post_set_last_error (RoundsPost *self,
                             const char *error)
{
  if (set_string (&self->last_error, error))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
}

static int
compare_scheduled (RoundsPost *a,
                   RoundsPost *b)
{
  /* Unscheduled posts go last; ties by id, so the order is stable. */
  if (a->scheduled_at != b->scheduled_at)
    {
      if (a->scheduled_at == 0)
        return 1;
      if (b->scheduled_at == 0)
        return -1;
      return a->scheduled_at < b->scheduled_at ? -1 : 1;
    }

  return (a->id > b->id) - (a->id < b->id);
}

/**
 * rounds_post_compare:
 *
 * The orders of the Posts list: by scheduled time (unscheduled last), by
 * status along the life cycle, by last change (newest first), by title.
 */
int
rounds_post_compare (RoundsPost     *a,
                     RoundsPost     *b,
                     RoundsPostSort  sort)
{
  g_return_val_if_fail (ROUNDS_IS_POST (a), 0);
  g_return_val_if_fail (ROUNDS_IS_POST (b), 0);

  switch (sort)
    {
    case ROUNDS_POST_SORT_STATUS:
      if (a->status != b->status)
        return a->status < b->status ? -1 : 1;
      return compare_scheduled (a, b);

    case ROUNDS_POST_SORT_UPDATED:
      if (a->updated_at != b->updated_at)
        return a->updated_at > b->updated_at ? -1 : 1;
      return (a->id < b->id) - (a->id > b->id);

    case ROUNDS_POST_SORT_TITLE:
      {
        g_autofree char *ta = rounds_post_dup_display_title (a);
        g_autofree char *tb = rounds_post_dup_display_title (b);
        g_autofree char *ka = g_utf8_casefold (ta, -1);
        g_autofree char *kb = g_utf8_casefold (tb, -1);
        int cmp = g_utf8_collate (ka, kb);

        return cmp != 0 ? cmp : compare_scheduled (a, b);
      }

    case ROUNDS_POST_SORT_SCHEDULED:
    default:
      return compare_scheduled (a, b);
    }
}

static const char * const sort_names[] = { "scheduled", "status", "updated", "title" };

const char *
rounds_post_sort_to_string (RoundsPostSort sort)
{
  g_return_val_if_fail (sort < G_N_ELEMENTS (sort_names), "scheduled");
  return sort_names[sort];
}

RoundsPostSort
rounds_post_sort_from_string (const char *str)
{
  for (guint i = 0; i < G_N_ELEMENTS (sort_names); i++)
    if (g_strcmp0 (str, sort_names[i]) == 0)
      return i;

  return ROUNDS_POST_SORT_SCHEDULED;
}

/**
 * _rounds_post_get_n_live:
 *
 * Returns: how many #RoundsPost objects are alive in this process (for
 *   tests: what the store and the views hold).
 */
guint
_rounds_post_get_n_live (void)
{
  return (guint)g_atomic_int_get (&n_live);
}
