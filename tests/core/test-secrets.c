/* test-secrets.c — accounts' tokens in a real Secret Service
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsecret/secret.h>

#include "rounds-secrets.h"

/* Run by keyring-run.sh: a private bus and a fresh GNOME Keyring. A
 * token stored for one account comes back for that account only, under
 * Rounds' own schema, and is gone after the account is removed. */

typedef struct
{
  GMainLoop *loop;
  gboolean   ok;
  char      *value;
  GError    *error;
} Wait;

static void
on_store_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Wait *wait = user_data;

  wait->ok = rounds_secrets_store_finish (ROUNDS_SECRETS (source), result, &wait->error);
  g_main_loop_quit (wait->loop);
}

static void
on_lookup_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Wait *wait = user_data;

  g_clear_pointer (&wait->value, g_free);
  wait->value = rounds_secrets_lookup_finish (ROUNDS_SECRETS (source), result, &wait->error);
  g_main_loop_quit (wait->loop);
}

static void
on_clear_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Wait *wait = user_data;

  wait->ok = rounds_secrets_clear_finish (ROUNDS_SECRETS (source), result, &wait->error);
  g_main_loop_quit (wait->loop);
}

static char *
lookup (RoundsSecrets *secrets,
        Wait          *wait,
        const char    *id)
{
  rounds_secrets_lookup_async (secrets, id, NULL, on_lookup_cb, wait);
  g_main_loop_run (wait->loop);
  g_assert_no_error (wait->error);
  return g_steal_pointer (&wait->value);
}

static void
test_round_trip (void)
{
  g_autoptr(RoundsSecrets) secrets = rounds_secrets_new ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Wait wait = { loop, FALSE, NULL, NULL };
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *gone = NULL;
  g_autofree char *raw = NULL;
  g_autoptr(GError) error = NULL;
  const char *token = "{\"access_token\":\"tok-7f3a\",\"refresh_token\":\"ref-19c2\"}";

  rounds_secrets_store_async (secrets, "account-a", "Rounds: Mastodon @clinic", token, NULL,
                              on_store_cb, &wait);
  g_main_loop_run (loop);
  g_assert_no_error (wait.error);
  g_assert_true (wait.ok);
  rounds_secrets_store_async (secrets, "account-b", "Rounds: Bluesky clinic", "{\"x\":1}", NULL,
                              on_store_cb, &wait);
  g_main_loop_run (loop);
  g_assert_no_error (wait.error);

  a = lookup (secrets, &wait, "account-a");
  g_assert_cmpstr (a, ==, token);
  b = lookup (secrets, &wait, "account-b");
  g_assert_cmpstr (b, ==, "{\"x\":1}");

  /* Under Rounds' schema name, as another tool (Seahorse) would see it. */
  raw = secret_password_lookup_sync (&(SecretSchema) {
                                        ROUNDS_ACCOUNT_SECRET_SCHEMA, SECRET_SCHEMA_NONE,
                                        { { "account-id", SECRET_SCHEMA_ATTRIBUTE_STRING },
                                          { NULL, 0 } } },
                                     NULL, &error, "account-id", "account-a", NULL);
  g_assert_no_error (error);
  g_assert_cmpstr (raw, ==, token);

  rounds_secrets_clear_async (secrets, "account-a", NULL, on_clear_cb, &wait);
  g_main_loop_run (loop);
  g_assert_no_error (wait.error);
  gone = lookup (secrets, &wait, "account-a");
  g_assert_null (gone);
  g_free (b);
  b = lookup (secrets, &wait, "account-b");
  g_assert_cmpstr (b, ==, "{\"x\":1}");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/secrets/round-trip", test_round_trip);
  return g_test_run ();
}
