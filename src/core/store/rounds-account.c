/* rounds-account.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-account"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rounds-account.h"
#include "rounds-core-enums.h"

/* A connected identity on a network, as the accounts table holds it. The
 * UI shows "@handle", the state and the token's expiry from here; the
 * tokens themselves stay in the Secret Service (rounds-account-secrets.c). */

struct _RoundsAccount
{
  GObject             parent_instance;
  gint64              id;
  char               *secret_id;
  RoundsNetwork       network;
  char               *base_url;
  char               *handle;
  char               *display_name;
  char               *remote_id;
  RoundsAccountState  state;
  char               *last_error;
  gint64              token_expires_at;
  gint64              checked_at;
  gint64              created_at;
  gint64              updated_at;
};

G_DEFINE_FINAL_TYPE (RoundsAccount, rounds_account, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NETWORK,
  PROP_HANDLE,
  PROP_STATE,
  PROP_LAST_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const state_names[] = { "connected", "auth_expired" };

static void
rounds_account_finalize (GObject *object)
{
  RoundsAccount *self = (RoundsAccount *)object;

  g_clear_pointer (&self->secret_id, g_free);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->handle, g_free);
  g_clear_pointer (&self->display_name, g_free);
  g_clear_pointer (&self->remote_id, g_free);
  g_clear_pointer (&self->last_error, g_free);

  G_OBJECT_CLASS (rounds_account_parent_class)->finalize (object);
}

static void
rounds_account_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  RoundsAccount *self = ROUNDS_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_ID:         g_value_set_int64 (value, self->id); break;
    case PROP_NETWORK:    g_value_set_flags (value, self->network); break;
    case PROP_HANDLE:     g_value_set_string (value, self->handle); break;
    case PROP_STATE:      g_value_set_enum (value, self->state); break;
    case PROP_LAST_ERROR: g_value_set_string (value, self->last_error); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rounds_account_class_init (RoundsAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = rounds_account_finalize;
  object_class->get_property = rounds_account_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_NETWORK] = g_param_spec_flags ("network", NULL, NULL, ROUNDS_TYPE_NETWORK,
                                                 ROUNDS_NETWORK_NONE, flags);
  properties[PROP_HANDLE] = g_param_spec_string ("handle", NULL, NULL, "", flags);
  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, ROUNDS_TYPE_ACCOUNT_STATE,
                                              ROUNDS_ACCOUNT_STATE_CONNECTED, flags);
  properties[PROP_LAST_ERROR] = g_param_spec_string ("last-error", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rounds_account_init (RoundsAccount *self)
{
}

gint64              rounds_account_get_id               (RoundsAccount *self) { return self->id; }
const char         *rounds_account_get_secret_id        (RoundsAccount *self) { return self->secret_id; }
RoundsNetwork       rounds_account_get_network          (RoundsAccount *self) { return self->network; }
const char         *rounds_account_get_base_url         (RoundsAccount *self) { return self->base_url; }
const char         *rounds_account_get_handle           (RoundsAccount *self) { return self->handle; }
const char         *rounds_account_get_display_name     (RoundsAccount *self) { return self->display_name; }
const char         *rounds_account_get_remote_id        (RoundsAccount *self) { return self->remote_id; }
RoundsAccountState  rounds_account_get_state            (RoundsAccount *self) { return self->state; }
const char         *rounds_account_get_last_error       (RoundsAccount *self) { return self->last_error; }
gint64              rounds_account_get_token_expires_at (RoundsAccount *self) { return self->token_expires_at; }
gint64              rounds_account_get_checked_at       (RoundsAccount *self) { return self->checked_at; }
gint64              rounds_account_get_created_at       (RoundsAccount *self) { return self->created_at; }
gint64              rounds_account_get_updated_at       (RoundsAccount *self) { return self->updated_at; }

/**
 * rounds_account_dup_label:
 *
 * Returns: (transfer full): "Mastodon @clinic@med-mastodon.com", for
 *   lists and notifications.
 */
char *
rounds_account_dup_label (RoundsAccount *self)
{
  g_return_val_if_fail (ROUNDS_IS_ACCOUNT (self), NULL);

  /* TRANSLATORS: a network and an account on it: "Mastodon @clinic@example.org" */
  return g_strdup_printf (_("%s %s"), rounds_network_get_label (self->network),
                          self->handle && *self->handle ? self->handle : _("(no name)"));
}

const char *
rounds_account_state_to_string (RoundsAccountState state)
{
  g_return_val_if_fail (state < G_N_ELEMENTS (state_names), "connected");

  return state_names[state];
}

gboolean
rounds_account_state_from_string (const char         *str,
                                  RoundsAccountState *state)
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

RoundsAccount *
_rounds_account_new (gint64              id,
                     const char         *secret_id,
                     RoundsNetwork       network,
                     const char         *base_url,
                     const char         *handle,
                     const char         *display_name,
                     const char         *remote_id,
                     RoundsAccountState  state,
                     const char         *last_error,
                     gint64              token_expires_at,
                     gint64              checked_at,
                     gint64              created_at,
                     gint64              updated_at)
{
  RoundsAccount *self = g_object_new (ROUNDS_TYPE_ACCOUNT, NULL);

  self->id = id;
  self->secret_id = g_strdup (secret_id);
  self->network = network;
  self->base_url = g_strdup (base_url ? base_url : "");
  self->handle = g_strdup (handle ? handle : "");
  self->display_name = g_strdup (display_name ? display_name : "");
  self->remote_id = g_strdup (remote_id ? remote_id : "");
  self->state = state;
  self->last_error = g_strdup (last_error);
  self->token_expires_at = token_expires_at;
  self->checked_at = checked_at;
  self->created_at = created_at;
  self->updated_at = updated_at;

  return self;
}
