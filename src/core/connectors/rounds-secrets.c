/* rounds-secrets.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-secrets"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "rounds-secrets.h"

/* Tokens in the Secret Service. libsecret's async calls run on the main
 * context without blocking it; the in-memory variant answers from an
 * idle so that callers see the same order of events. Nothing here logs
 * a token or passes one anywhere but libsecret. */

struct _RoundsSecrets
{
  GObject     parent_instance;
  GHashTable *memory;   /* secret id → credentials; NULL: the Secret Service */
};

G_DEFINE_FINAL_TYPE (RoundsSecrets, rounds_secrets, G_TYPE_OBJECT)

static const SecretSchema *
account_schema (void)
{
  static const SecretSchema schema = {
    ROUNDS_ACCOUNT_SECRET_SCHEMA, SECRET_SCHEMA_NONE,
    {
      { "account-id", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };

  return &schema;
}

static void
rounds_secrets_finalize (GObject *object)
{
  RoundsSecrets *self = (RoundsSecrets *)object;

  g_clear_pointer (&self->memory, g_hash_table_unref);

  G_OBJECT_CLASS (rounds_secrets_parent_class)->finalize (object);
}

static void
rounds_secrets_class_init (RoundsSecretsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rounds_secrets_finalize;
}

static void
rounds_secrets_init (RoundsSecrets *self)
{
}

RoundsSecrets *
rounds_secrets_new (void)
{
  return g_object_new (ROUNDS_TYPE_SECRETS, NULL);
}

RoundsSecrets *
rounds_secrets_new_in_memory (void)
{
  RoundsSecrets *self = g_object_new (ROUNDS_TYPE_SECRETS, NULL);

  self->memory = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return self;
}

/* A Secret Service failure says what the user can do about it. */
static void
return_service_error (GTask  *task,
                      GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_task_return_error (task, error);
  else
    {
      g_debug ("Secret Service: %s", error->message);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                               _("The keyring could not be used (%s). Make sure a keyring "
                                 "such as GNOME Keyring is running and unlocked."),
                               error->message);
      g_error_free (error);
    }
}

static void
on_stored_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!secret_password_store_finish (result, &error))
    return_service_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * rounds_secrets_store_async:
 * @label: what the keyring shows ("Rounds: Mastodon @clinic@…"); no token
 * @credentials: the connector's credentials JSON
 */
void
rounds_secrets_store_async (RoundsSecrets        *self,
                            const char           *secret_id,
                            const char           *label,
                            const char           *credentials,
                            GCancellable         *cancellable,
                            GAsyncReadyCallback   callback,
                            gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ROUNDS_IS_SECRETS (self));
  g_return_if_fail (secret_id != NULL && credentials != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rounds_secrets_store_async);

  if (self->memory != NULL)
    {
      g_hash_table_insert (self->memory, g_strdup (secret_id), g_strdup (credentials));
      g_task_return_boolean (task, TRUE);
      return;
    }

  secret_password_store (account_schema (), SECRET_COLLECTION_DEFAULT, label, credentials,
                         cancellable, on_stored_cb, g_steal_pointer (&task),
                         "account-id", secret_id, NULL);
}

gboolean
rounds_secrets_store_finish (RoundsSecrets  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_looked_up_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *password = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    return_service_error (task, error);
  else
    g_task_return_pointer (task, password, (GDestroyNotify)secret_password_free);
}

void
rounds_secrets_lookup_async (RoundsSecrets        *self,
                             const char           *secret_id,
                             GCancellable         *cancellable,
                             GAsyncReadyCallback   callback,
                             gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ROUNDS_IS_SECRETS (self));
  g_return_if_fail (secret_id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rounds_secrets_lookup_async);

  if (self->memory != NULL)
    {
      g_task_return_pointer (task, g_strdup (g_hash_table_lookup (self->memory, secret_id)),
                             g_free);
      return;
    }

  secret_password_lookup (account_schema (), cancellable, on_looked_up_cb,
                          g_steal_pointer (&task), "account-id", secret_id, NULL);
}

/**
 * rounds_secrets_lookup_sync:
 *
 * Returns: (transfer full) (nullable): as rounds_secrets_lookup_finish()
 */
char *
rounds_secrets_lookup_sync (RoundsSecrets  *self,
                            const char     *secret_id,
                            GCancellable   *cancellable,
                            GError        **error)
{
  g_autofree char *password = NULL;
  char *found;

  g_return_val_if_fail (ROUNDS_IS_SECRETS (self), NULL);
  g_return_val_if_fail (secret_id != NULL, NULL);

  if (self->memory != NULL)
    return g_strdup (g_hash_table_lookup (self->memory, secret_id));

  found = secret_password_lookup_sync (account_schema (), cancellable, error,
                                       "account-id", secret_id, NULL);
  password = g_strdup (found);
  if (found != NULL)
    secret_password_free (found);
  return g_steal_pointer (&password);
}

/**
 * rounds_secrets_lookup_finish:
 *
 * Returns: (transfer full) (nullable): the credentials, or %NULL when
 *   none are stored (then @error is not set).
 */
char *
rounds_secrets_lookup_finish (RoundsSecrets  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  char *password;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  password = g_task_propagate_pointer (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  /* libsecret's copy is wiped on free: hand back an ordinary string. */
  if (self->memory == NULL && password != NULL)
    {
      char *copy = g_strdup (password);

      secret_password_free (password);
      return copy;
    }

  return password;
}

static void
on_cleared_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  secret_password_clear_finish (result, &error);
  if (error != NULL)
    return_service_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
rounds_secrets_clear_async (RoundsSecrets        *self,
                            const char           *secret_id,
                            GCancellable         *cancellable,
                            GAsyncReadyCallback   callback,
                            gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ROUNDS_IS_SECRETS (self));
  g_return_if_fail (secret_id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rounds_secrets_clear_async);

  if (self->memory != NULL)
    {
      g_hash_table_remove (self->memory, secret_id);
      g_task_return_boolean (task, TRUE);
      return;
    }

  secret_password_clear (account_schema (), cancellable, on_cleared_cb, g_steal_pointer (&task),
                         "account-id", secret_id, NULL);
}

gboolean
rounds_secrets_clear_finish (RoundsSecrets  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
