/* rounds-connector-source.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-connector-source"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rounds-connector-source.h"

struct _RoundsConnectorSource
{
  GObject                 parent_instance;

  RoundsSecrets          *secrets;          /* nullable */
  RoundsConnectorFactory  factory;          /* nullable: the real networks */
  gpointer                factory_data;
  GDestroyNotify          factory_destroy;
};

G_DEFINE_FINAL_TYPE (RoundsConnectorSource, rounds_connector_source, G_TYPE_OBJECT)

/* Where a connector's refreshed tokens go: the account's keyring item. */
typedef struct
{
  RoundsSecrets *secrets;
  char          *secret_id;
  char          *label;
} KeepTokens;

static void
keep_tokens_free (gpointer  data,
                  GClosure *closure)
{
  KeepTokens *keep = data;

  g_object_unref (keep->secrets);
  g_free (keep->secret_id);
  g_free (keep->label);
  g_free (keep);
}

static GError *
missing_sign_in (void)
{
  return g_error_new_literal (ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_AUTH_EXPIRED,
                              _("The sign-in for this account is missing from the keyring: "
                                "reconnect it"));
}

static void
on_tokens_stored_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!rounds_secrets_store_finish (ROUNDS_SECRETS (source), result, &error))
    g_warning ("Could not keep refreshed sign-in tokens: %s", error->message);
}

/* A connector that refreshed its tokens: they go back to the keyring. */
static void
on_connector_credentials_cb (RoundsConnector *connector,
                             GParamSpec      *pspec,
                             KeepTokens      *keep)
{
  g_autofree char *credentials = rounds_connector_dup_credentials (connector);

  if (credentials == NULL)
    return;
  rounds_secrets_store_async (keep->secrets, keep->secret_id, keep->label, credentials, NULL,
                              on_tokens_stored_cb, NULL);
}

static RoundsConnector *
make_connector (RoundsConnectorSource  *self,
                RoundsAccount          *account,
                const char             *credentials,
                GError                **error)
{
  g_autoptr(RoundsConnector) connector = NULL;
  g_autoptr(GError) local_error = NULL;

  if (self->factory != NULL)
    connector = self->factory (account, credentials, self->factory_data, &local_error);
  else
    connector = rounds_connector_new_for_network (rounds_account_get_network (account),
                                                  rounds_account_get_base_url (account),
                                                  credentials, &local_error);
  if (connector == NULL)
    {
      if (local_error == NULL)
        local_error = g_error_new (ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_UNSUPPORTED,
                                   _("Rounds cannot publish to %s yet."),
                                   rounds_network_get_label (rounds_account_get_network (account)));
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (self->secrets != NULL && credentials != NULL)
    {
      g_autofree char *label = rounds_account_dup_label (account);
      KeepTokens *keep = g_new0 (KeepTokens, 1);

      keep->secrets = g_object_ref (self->secrets);
      keep->secret_id = g_strdup (rounds_account_get_secret_id (account));
      keep->label = g_strdup_printf ("Rounds: %s", label);
      g_signal_connect_data (connector, "notify::credentials",
                             G_CALLBACK (on_connector_credentials_cb), keep, keep_tokens_free, 0);
    }
  return g_steal_pointer (&connector);
}

static void
on_secret_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RoundsConnectorSource *self = g_task_get_source_object (task);
  RoundsAccount *account = g_task_get_task_data (task);
  g_autofree char *credentials = NULL;
  RoundsConnector *connector;
  GError *error = NULL;

  credentials = rounds_secrets_lookup_finish (ROUNDS_SECRETS (source), result, &error);
  if (error == NULL && credentials == NULL)
    error = missing_sign_in ();
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  connector = make_connector (self, account, credentials, &error);
  if (connector == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, connector, g_object_unref);
}

static void
rounds_connector_source_dispose (GObject *object)
{
  RoundsConnectorSource *self = ROUNDS_CONNECTOR_SOURCE (object);

  g_clear_object (&self->secrets);
  if (self->factory_destroy != NULL)
    g_clear_pointer (&self->factory_data, self->factory_destroy);
  self->factory = NULL;
  self->factory_destroy = NULL;

  G_OBJECT_CLASS (rounds_connector_source_parent_class)->dispose (object);
}

static void
rounds_connector_source_class_init (RoundsConnectorSourceClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = rounds_connector_source_dispose;
}

static void
rounds_connector_source_init (RoundsConnectorSource *self)
{
}

/**
 * rounds_connector_source_new:
 * @secrets: (nullable): where the accounts' sign-ins are
 */
RoundsConnectorSource *
rounds_connector_source_new (RoundsSecrets *secrets)
{
  RoundsConnectorSource *self;

  g_return_val_if_fail (secrets == NULL || ROUNDS_IS_SECRETS (secrets), NULL);

  self = g_object_new (ROUNDS_TYPE_CONNECTOR_SOURCE, NULL);
  self->secrets = secrets != NULL ? g_object_ref (secrets) : NULL;
  return self;
}

/**
 * rounds_connector_source_get_secrets:
 *
 * Returns: (transfer none) (nullable): the keyring it reads
 */
RoundsSecrets *
rounds_connector_source_get_secrets (RoundsConnectorSource *self)
{
  g_return_val_if_fail (ROUNDS_IS_CONNECTOR_SOURCE (self), NULL);

  return self->secrets;
}

/**
 * rounds_connector_source_set_secrets:
 * @secrets: (nullable): where the accounts' sign-ins are; NULL reads none
 */
void
rounds_connector_source_set_secrets (RoundsConnectorSource *self,
                                     RoundsSecrets         *secrets)
{
  g_return_if_fail (ROUNDS_IS_CONNECTOR_SOURCE (self));
  g_return_if_fail (secrets == NULL || ROUNDS_IS_SECRETS (secrets));

  g_set_object (&self->secrets, secrets);
}

gboolean
rounds_connector_source_has_factory (RoundsConnectorSource *self)
{
  g_return_val_if_fail (ROUNDS_IS_CONNECTOR_SOURCE (self), FALSE);

  return self->factory != NULL;
}

/**
 * rounds_connector_source_set_factory:
 * @factory: (nullable): makes the connectors instead of the real
 *   networks' classes (tests point them at local servers)
 */
void
rounds_connector_source_set_factory (RoundsConnectorSource  *self,
                                     RoundsConnectorFactory  factory,
                                     gpointer                user_data,
                                     GDestroyNotify          destroy)
{
  g_return_if_fail (ROUNDS_IS_CONNECTOR_SOURCE (self));

  if (self->factory_destroy != NULL)
    g_clear_pointer (&self->factory_data, self->factory_destroy);
  self->factory = factory;
  self->factory_data = user_data;
  self->factory_destroy = destroy;
}

/**
 * rounds_connector_source_get_async:
 * @account: the account to speak for
 *
 * Makes a new connector for @account; callers that keep one per account
 * cache it themselves.
 */
void
rounds_connector_source_get_async (RoundsConnectorSource *self,
                                   RoundsAccount         *account,
                                   GCancellable          *cancellable,
                                   GAsyncReadyCallback    callback,
                                   gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ROUNDS_IS_CONNECTOR_SOURCE (self));
  g_return_if_fail (ROUNDS_IS_ACCOUNT (account));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rounds_connector_source_get_async);
  g_task_set_task_data (task, g_object_ref (account), g_object_unref);

  if (self->secrets == NULL)
    {
      RoundsConnector *connector;
      GError *error = NULL;

      if (self->factory == NULL)
        {
          g_task_return_error (task, missing_sign_in ());
          return;
        }
      connector = make_connector (self, account, NULL, &error);
      if (connector == NULL)
        g_task_return_error (task, error);
      else
        g_task_return_pointer (task, connector, g_object_unref);
      return;
    }

  rounds_secrets_lookup_async (self->secrets, rounds_account_get_secret_id (account), cancellable,
                               on_secret_cb, g_steal_pointer (&task));
}

RoundsConnector *
rounds_connector_source_get_finish (RoundsConnectorSource  *self,
                                    GAsyncResult           *result,
                                    GError                **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
