/* rounds-publication.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-publication"

#include "config.h"

#include "rounds-core-enums.h"
#include "rounds-publication.h"

/* One post on one account: its own state, the live post's id and URL once
 * published, the idempotency key that stays the same over every try, and
 * what the last try left (attempts, next try, error and its kind). */

struct _RoundsPublication
{
  GObject                 parent_instance;
  gint64                  id;
  gint64                  post_id;
  gint64                  account_id;
  RoundsNetwork           network;
  RoundsPublicationState  state;
  char                   *idempotency_key;
  char                   *remote_id;
  char                   *url;
  guint                   attempts;
  gint64                  next_try_at;
  char                   *last_error;
  RoundsPublishErrorKind  error_kind;
  gint64                  sent_at;
  gint64                  published_at;
  gint64                  created_at;
  gint64                  updated_at;
};

G_DEFINE_FINAL_TYPE (RoundsPublication, rounds_publication, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_POST_ID,
  PROP_STATE,
  PROP_URL,
  PROP_LAST_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const state_names[] = {
  "queued", "publishing", "published", "failed", "cancelled",
};

static const char * const kind_names[] = {
  "", "auth_expired", "rate_limited", "transient", "rejected", "malformed", "blocked",
  "unknown_outcome",
};

static void
rounds_publication_finalize (GObject *object)
{
  RoundsPublication *self = (RoundsPublication *)object;

  g_clear_pointer (&self->idempotency_key, g_free);
  g_clear_pointer (&self->remote_id, g_free);
  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->last_error, g_free);

  G_OBJECT_CLASS (rounds_publication_parent_class)->finalize (object);
}

static void
rounds_publication_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  RoundsPublication *self = ROUNDS_PUBLICATION (object);

  switch (prop_id)
    {
    case PROP_ID:         g_value_set_int64 (value, self->id); break;
    case PROP_POST_ID:    g_value_set_int64 (value, self->post_id); break;
    case PROP_STATE:      g_value_set_enum (value, self->state); break;
    case PROP_URL:        g_value_set_string (value, self->url); break;
    case PROP_LAST_ERROR: g_value_set_string (value, self->last_error); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rounds_publication_class_init (RoundsPublicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = rounds_publication_finalize;
  object_class->get_property = rounds_publication_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_POST_ID] = g_param_spec_int64 ("post-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL,
                                              ROUNDS_TYPE_PUBLICATION_STATE,
                                              ROUNDS_PUBLICATION_QUEUED, flags);
  properties[PROP_URL] = g_param_spec_string ("url", NULL, NULL, NULL, flags);
  properties[PROP_LAST_ERROR] = g_param_spec_string ("last-error", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rounds_publication_init (RoundsPublication *self)
{
}

gint64                  rounds_publication_get_id              (RoundsPublication *self) { return self->id; }
gint64                  rounds_publication_get_post_id         (RoundsPublication *self) { return self->post_id; }
gint64                  rounds_publication_get_account_id      (RoundsPublication *self) { return self->account_id; }
RoundsNetwork           rounds_publication_get_network         (RoundsPublication *self) { return self->network; }
RoundsPublicationState  rounds_publication_get_state           (RoundsPublication *self) { return self->state; }
const char             *rounds_publication_get_idempotency_key (RoundsPublication *self) { return self->idempotency_key; }
const char             *rounds_publication_get_remote_id       (RoundsPublication *self) { return self->remote_id; }
const char             *rounds_publication_get_url             (RoundsPublication *self) { return self->url; }
guint                   rounds_publication_get_attempts        (RoundsPublication *self) { return self->attempts; }
gint64                  rounds_publication_get_next_try_at     (RoundsPublication *self) { return self->next_try_at; }
const char             *rounds_publication_get_last_error      (RoundsPublication *self) { return self->last_error; }
RoundsPublishErrorKind  rounds_publication_get_error_kind      (RoundsPublication *self) { return self->error_kind; }
gint64                  rounds_publication_get_sent_at         (RoundsPublication *self) { return self->sent_at; }
gint64                  rounds_publication_get_published_at    (RoundsPublication *self) { return self->published_at; }
gint64                  rounds_publication_get_created_at      (RoundsPublication *self) { return self->created_at; }
gint64                  rounds_publication_get_updated_at      (RoundsPublication *self) { return self->updated_at; }

const char *
rounds_publication_state_to_string (RoundsPublicationState state)
{
  g_return_val_if_fail (state < G_N_ELEMENTS (state_names), "queued");

  return state_names[state];
}

gboolean
rounds_publication_state_from_string (const char             *str,
                                      RoundsPublicationState *state)
{
  for (guint i = 0; i < G_N_ELEMENTS (state_names); i++)
    {
      if (g_strcmp0 (str, state_names[i]) == 0)
        {
          *state = i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
rounds_publish_error_kind_to_string (RoundsPublishErrorKind kind)
{
  g_return_val_if_fail (kind < G_N_ELEMENTS (kind_names), "");

  return kind_names[kind];
}

RoundsPublishErrorKind
rounds_publish_error_kind_from_string (const char *str)
{
  for (guint i = 1; str != NULL && i < G_N_ELEMENTS (kind_names); i++)
    {
      if (g_str_equal (str, kind_names[i]))
        return i;
    }

  return ROUNDS_PUBLISH_ERROR_NONE;
}

RoundsPublication *
_rounds_publication_new (const RoundsPublicationFields *f)
{
  RoundsPublication *self = g_object_new (ROUNDS_TYPE_PUBLICATION, NULL);

  self->id = f->id;
  self->post_id = f->post_id;
  self->account_id = f->account_id;
  self->network = f->network;
  self->state = f->state;
  self->idempotency_key = g_strdup (f->idempotency_key);
  self->remote_id = f->remote_id && *f->remote_id ? g_strdup (f->remote_id) : NULL;
  self->url = f->url && *f->url ? g_strdup (f->url) : NULL;
  self->attempts = f->attempts;
  self->next_try_at = f->next_try_at;
  self->last_error = f->last_error && *f->last_error ? g_strdup (f->last_error) : NULL;
  self->error_kind = f->error_kind;
  self->sent_at = f->sent_at;
  self->published_at = f->published_at;
  self->created_at = f->created_at;
  self->updated_at = f->updated_at;

  return self;
}
