/* rounds-server.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-server"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include "rounds-pq.h"

#include "rounds-server.h"
#include "rounds-store.h"

/* Connecting to a practice server, and saying what went wrong in words
 * a practice manager can pass on to the IT person.
 *
 * libpq gives no SQLSTATE for a failed connection, and its own messages
 * are translated, so the failures are told apart by trying: the port is
 * reached with GIO first (refused, no such host, timed out); TLS is
 * tried again without it (the server offers none) or without checking
 * the certificate (it did not verify); what is left is the server's
 * answer (password, database, pg_hba.conf), recognised by the server's
 * own English words when it speaks English. Whatever the case, the
 * server's message is kept after ours. */

G_DEFINE_QUARK (rounds-server-error-quark, rounds_server_error)

#define CONNECT_TIMEOUT_S 10

RoundsServerConfig *
rounds_server_config_new (const char *host,
                          guint       port,
                          const char *database,
                          const char *user,
                          const char *ca_file)
{
  RoundsServerConfig *config = g_new0 (RoundsServerConfig, 1);

  config->host = g_strstrip (g_strdup (host != NULL ? host : ""));
  config->port = port != 0 ? port : ROUNDS_SERVER_DEFAULT_PORT;
  config->database = g_strstrip (g_strdup (database != NULL ? database : ""));
  config->user = g_strstrip (g_strdup (user != NULL ? user : ""));
  config->ca_file = ca_file != NULL && *ca_file != '\0' ? g_strdup (ca_file) : NULL;
  return config;
}

RoundsServerConfig *
rounds_server_config_copy (const RoundsServerConfig *config)
{
  g_return_val_if_fail (config != NULL, NULL);

  return rounds_server_config_new (config->host, config->port, config->database, config->user,
                                   config->ca_file);
}

void
rounds_server_config_free (RoundsServerConfig *config)
{
  if (config == NULL)
    return;
  g_free (config->host);
  g_free (config->database);
  g_free (config->user);
  g_free (config->ca_file);
  g_free (config);
}

/* Names the printed commands can use as they are: no quoting to get
 * wrong on the server's shell or in SQL. */
static gboolean
is_simple_name (const char *name)
{
  if (name == NULL || !(g_ascii_isalpha (*name) || *name == '_'))
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (!(g_ascii_isalnum (*p) || *p == '_'))
      return FALSE;
  return strlen (name) <= 63;
}

gboolean
rounds_server_config_validate (const RoundsServerConfig  *config,
                               GError                   **error)
{
  g_return_val_if_fail (config != NULL, FALSE);

  if (config->host == NULL || *config->host == '\0')
    {
      g_set_error_literal (error, ROUNDS_SERVER_ERROR, ROUNDS_SERVER_ERROR_INVALID,
                           _("Enter the server's name or address."));
      return FALSE;
    }
  if (strpbrk (config->host, " '\\") != NULL)
    {
      g_set_error_literal (error, ROUNDS_SERVER_ERROR, ROUNDS_SERVER_ERROR_INVALID,
                           _("The server's name cannot contain spaces, quotes or backslashes."));
      return FALSE;
    }
  if (config->port == 0 || config->port > 65535)
    {
      g_set_error_literal (error, ROUNDS_SERVER_ERROR, ROUNDS_SERVER_ERROR_INVALID,
                           _("The port is a number from 1 to 65535 (PostgreSQL uses 5432)."));
      return FALSE;
    }
  if (!is_simple_name (config->database) || !is_simple_name (config->user))
    {
      g_set_error_literal (error, ROUNDS_SERVER_ERROR, ROUNDS_SERVER_ERROR_INVALID,
                           _("The database and the user are names of letters, digits and "
                             "underscores, starting with a letter (for example “rounds”)."));
      return FALSE;
    }
  if (config->ca_file != NULL && !g_file_test (config->ca_file, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error_literal (error, ROUNDS_SERVER_ERROR, ROUNDS_SERVER_ERROR_INVALID,
                           _("The certificate authority file cannot be found."));
      return FALSE;
    }
  return TRUE;
}

gboolean
rounds_server_host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL || *host == '\0')
    return FALSE;
  /* A socket folder is this PC */
  if (host[0] == '/' || g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/* A value in a libpq connection string: quoted, \ and ' escaped */
static void
append_value (GString    *conninfo,
              const char *key,
              const char *value)
{
  g_string_append_printf (conninfo, "%s%s='", conninfo->len > 0 ? " " : "", key);
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '\'' || *p == '\\')
        g_string_append_c (conninfo, '\\');
      g_string_append_c (conninfo, *p);
    }
  g_string_append_c (conninfo, '\'');
}

static char *
conninfo_with_tls (const RoundsServerConfig *config,
                   const char               *password,
                   const char               *sslmode)
{
  GString *conninfo = g_string_new (NULL);
  g_autofree char *port = g_strdup_printf ("%u", config->port);
  g_autofree char *timeout = g_strdup_printf ("%d", CONNECT_TIMEOUT_S);

  append_value (conninfo, "host", config->host);
  append_value (conninfo, "port", port);
  append_value (conninfo, "dbname", config->database);
  append_value (conninfo, "user", config->user);
  if (password != NULL && *password != '\0')
    append_value (conninfo, "password", password);
  append_value (conninfo, "sslmode", sslmode);
  if (config->ca_file != NULL && g_str_equal (sslmode, "verify-full"))
    append_value (conninfo, "sslrootcert", config->ca_file);
  append_value (conninfo, "connect_timeout", timeout);
  append_value (conninfo, "application_name", "Rounds");
  return g_string_free (conninfo, FALSE);
}

static const char *
sslmode_for (const RoundsServerConfig *config)
{
  if (config->ca_file != NULL)
    return "verify-full";
  /* On this PC nobody is between us and the server: TLS is used when
   * there is one, never required. */
  if (rounds_server_host_is_loopback (config->host))
    return "prefer";
  return "require";
}

char *
rounds_server_config_to_conninfo (const RoundsServerConfig *config,
                                  const char               *password)
{
  g_return_val_if_fail (config != NULL, NULL);

  return conninfo_with_tls (config, password, sslmode_for (config));
}

char *
rounds_server_config_describe (const RoundsServerConfig *config)
{
  g_return_val_if_fail (config != NULL, NULL);

  /* TRANSLATORS: "DATABASE on HOST:PORT as USER" */
  return g_strdup_printf (_("%s on %s:%u as %s"), config->database, config->host, config->port,
                          config->user);
}

/* ---- probing ---------------------------------------------------------- */

/* Can the port be reached at all? Only GIO's words tell refused, no
 * such host and timed out apart in every language. */
static gboolean
check_reachable (const RoundsServerConfig  *config,
                 GError                   **error)
{
  g_autoptr(GSocketClient) client = NULL;
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GError) local_error = NULL;

  if (config->host[0] == '/')
    return TRUE;

  client = g_socket_client_new ();
  g_socket_client_set_timeout (client, CONNECT_TIMEOUT_S);
  connection = g_socket_client_connect_to_host (client, config->host, config->port, NULL,
                                                &local_error);
  if (connection != NULL)
    return TRUE;

  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    g_set_error (error, ROUNDS_SERVER_ERROR, ROUNDS_SERVER_ERROR_UNREACHABLE,
                 _("The server %s refused the connection on port %u. Is PostgreSQL running "
                   "there, and does it listen on the network (listen_addresses)?"),
                 config->host, config->port);
  else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    g_set_error (error, ROUNDS_SERVER_ERROR, ROUNDS_SERVER_ERROR_UNREACHABLE,
                 _("The server %s did not answer on port %u. Is it switched on, and does a "
                   "firewall let this PC through?"),
                 config->host, config->port);
  else
    g_set_error (error, ROUNDS_SERVER_ERROR, ROUNDS_SERVER_ERROR_UNREACHABLE,
                 _("The server %s cannot be reached: %s"), config->host, local_error->message);
  return FALSE;
}

static PGconn *
try_connect (const RoundsServerConfig *config,
             const char               *password,
             const char               *sslmode)
{
  g_autofree char *conninfo = conninfo_with_tls (config, password, sslmode);

  return PQconnectdb (conninfo);
}

/* libpq's message, first line, without the "connection to server at …
 * failed:" prefix (it repeats what the user typed). */
static char *
server_words (PGconn *conn)
{
  const char *message = PQerrorMessage (conn);
  const char *fatal = strstr (message, "FATAL:");
  g_autofree char *text = g_strdup (fatal != NULL ? fatal + strlen ("FATAL:") : message);
  char *newline = strchr (text, '\n');

  if (newline != NULL)
    *newline = '\0';
  return g_strdup (g_strstrip (text));
}

static gboolean
says (const char *words,
      const char *phrase)
{
  return strstr (words, phrase) != NULL;
}

/* Does a connection with @sslmode get past TLS (connected, or an
 * answer from the server about the password, user or database)? */
static gboolean
gets_further (const RoundsServerConfig *config,
              const char               *password,
              const char               *sslmode)
{
  PGconn *conn = try_connect (config, password, sslmode);
  g_autofree char *words = server_words (conn);
  gboolean further = PQstatus (conn) == CONNECTION_OK || PQconnectionNeedsPassword (conn) ||
                     says (words, "password authentication failed") ||
                     says (words, "does not exist") || says (words, "pg_hba.conf");

  PQfinish (conn);
  return further;
}

/* A failed connection in the user's words */
static void
explain_failure (const RoundsServerConfig  *config,
                 const char                *password,
                 PGconn                    *conn,
                 GError                   **error)
{
  g_autofree char *words = server_words (conn);
  const char *sslmode = sslmode_for (config);

  if (PQconnectionNeedsPassword (conn) && (password == NULL || *password == '\0'))
    {
      g_set_error (error, ROUNDS_SERVER_ERROR, ROUNDS_SERVER_ERROR_AUTH,
                   _("The server asks for %s's password. Enter it and try again."),
                   config->user);
      return;
    }
  if (says (words, "password authentication failed") ||
      (says (words, "role") && says (words, "does not exist")))
    {
      g_set_error (error, ROUNDS_SERVER_ERROR, ROUNDS_SERVER_ERROR_AUTH,
                   _("The server did not accept the user %s with this password. Check both, "
                     "or ask the IT person to set the password again (%s)."),
                   config->user, words);
      return;
    }
  if (says (words, "database") && says (words, "does not exist"))
    {
      g_set_error (error, ROUNDS_SERVER_ERROR, ROUNDS_SERVER_ERROR_NO_DATABASE,
                   _("The server has no database called %s. The IT person creates it with the "
                     "commands below (%s)."),
                   config->database, words);
      return;
    }
  if (says (words, "pg_hba.conf"))
    {
      g_set_error (error, ROUNDS_SERVER_ERROR, ROUNDS_SERVER_ERROR_NOT_ALLOWED,
                   _("The server does not let this PC in: pg_hba.conf needs a line for the "
                     "database %s and the user %s (%s)."),
                   config->database, config->user, words);
      return;
    }

  /* Was it TLS? Try again with less of it: if that gets further, it was
   * (the certificate first, then TLS itself). */
  if (g_str_equal (sslmode, "verify-full") && gets_further (config, password, "require"))
    {
      g_set_error (error, ROUNDS_SERVER_ERROR, ROUNDS_SERVER_ERROR_TLS_FAILED,
                   _("The server's certificate was not signed by the chosen certificate "
                     "authority, or is for another name than %s (%s)."),
                   config->host, words);
      return;
    }
  if (!g_str_equal (sslmode, "prefer") && gets_further (config, password, "disable"))
    {
      g_set_error (error, ROUNDS_SERVER_ERROR, ROUNDS_SERVER_ERROR_TLS_REQUIRED,
                   _("The server does not offer an encrypted connection (TLS), and Rounds "
                     "sends the practice's data over the network only encrypted. Switch "
                     "on ssl in the server's postgresql.conf."));
      return;
    }

  g_set_error (error, ROUNDS_SERVER_ERROR, ROUNDS_SERVER_ERROR_FAILED,
               _("Could not connect to the server: %s"), words);
}

static gboolean
query_int (PGconn     *conn,
           const char *sql,
           int        *value)
{
  PGresult *result = PQexec (conn, sql);
  gboolean ok = PQresultStatus (result) == PGRES_TUPLES_OK && PQntuples (result) == 1;

  if (ok)
    *value = PQgetisnull (result, 0, 0) ? 0 : atoi (PQgetvalue (result, 0, 0));
  PQclear (result);
  return ok;
}

static gboolean
read_practice (PGconn             *conn,
               RoundsServerProbe  *probe,
               GError            **error)
{
  int has_schema = 0;
  int rows = 0;

  if (!query_int (conn, "SELECT (to_regclass ('schema_version') IS NOT NULL)::int", &has_schema))
    goto failed;
  if (has_schema && !query_int (conn, "SELECT max (version) FROM schema_version",
                                &probe->schema_version))
    goto failed;
  if (probe->schema_version > ROUNDS_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, ROUNDS_SERVER_ERROR, ROUNDS_SERVER_ERROR_NEWER_SCHEMA,
                   _("The practice on this server was written by a newer version of Rounds "
                     "(data version %d; this version understands up to %d). Update Rounds on "
                     "this PC first."),
                   probe->schema_version, ROUNDS_STORE_SCHEMA_VERSION);
      return FALSE;
    }
  if (probe->schema_version > 0 &&
      !query_int (conn,
                  "SELECT (SELECT count(*) FROM posts) + (SELECT count(*) FROM audit_log)"
                  " + (SELECT count(*) FROM practice WHERE name <> '')",
                  &rows))
    goto failed;
  probe->holds_practice = rows > 0;
  return TRUE;

failed:
  g_set_error (error, ROUNDS_SERVER_ERROR, ROUNDS_SERVER_ERROR_FAILED,
               _("Connected, but the database cannot be read: %s"), PQerrorMessage (conn));
  return FALSE;
}

gboolean
rounds_server_probe (const RoundsServerConfig  *config,
                     const char                *password,
                     RoundsServerProbe         *probe,
                     GError                   **error)
{
  PGconn *conn;
  gboolean ok;

  g_return_val_if_fail (config != NULL, FALSE);
  g_return_val_if_fail (probe != NULL, FALSE);

  memset (probe, 0, sizeof *probe);
  if (!rounds_server_config_validate (config, error) || !check_reachable (config, error) ||
      !rounds_pq_load (error))
    return FALSE;

  conn = try_connect (config, password, sslmode_for (config));
  if (PQstatus (conn) != CONNECTION_OK)
    {
      explain_failure (config, password, conn, error);
      PQfinish (conn);
      return FALSE;
    }

  probe->server_version = PQserverVersion (conn);
  if (probe->server_version < ROUNDS_SERVER_MIN_VERSION)
    {
      g_set_error (error, ROUNDS_SERVER_ERROR, ROUNDS_SERVER_ERROR_TOO_OLD,
                   _("The server runs PostgreSQL %d; Rounds needs version 13 or newer."),
                   probe->server_version / 10000);
      PQfinish (conn);
      return FALSE;
    }

  ok = read_practice (conn, probe, error);
  PQfinish (conn);
  return ok;
}

typedef struct
{
  RoundsServerConfig *config;
  char               *password;
  RoundsServerProbe   probe;
} ProbeData;

static void
probe_data_free (ProbeData *data)
{
  rounds_server_config_free (data->config);
  if (data->password != NULL)
    memset (data->password, 0, strlen (data->password));
  g_free (data->password);
  g_free (data);
}

static void
probe_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ProbeData *data = task_data;
  GError *error = NULL;

  if (rounds_server_probe (data->config, data->password, &data->probe, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
rounds_server_probe_async (const RoundsServerConfig *config,
                           const char               *password,
                           GCancellable             *cancellable,
                           GAsyncReadyCallback       callback,
                           gpointer                  user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  ProbeData *data = g_new0 (ProbeData, 1);

  data->config = rounds_server_config_copy (config);
  data->password = g_strdup (password);
  g_task_set_source_tag (task, rounds_server_probe_async);
  g_task_set_task_data (task, data, (GDestroyNotify)probe_data_free);
  g_task_run_in_thread (task, probe_thread);
}

gboolean
rounds_server_probe_finish (GAsyncResult       *result,
                            RoundsServerProbe  *probe,
                            GError            **error)
{
  ProbeData *data;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  data = g_task_get_task_data (G_TASK (result));
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  if (probe != NULL)
    *probe = data->probe;
  return TRUE;
}

/* ---- the IT person's commands ----------------------------------------- */

static const char *
name_or (const char *name,
         const char *fallback)
{
  return is_simple_name (name) ? name : fallback;
}

char *
rounds_server_dup_shell_commands (const RoundsServerConfig *config)
{
  const char *user = name_or (config->user, "rounds");
  const char *database = name_or (config->database, "rounds");

  /* CREATEROLE: the practice's login makes each person's own login
   * (Preferences → People, rounds_store_set_person_login()). */
  return g_strdup_printf ("sudo -u postgres createuser --pwprompt --createrole %s\n"
                          "sudo -u postgres createdb --owner=%s --encoding=UTF8 "
                          "--template=template0 %s",
                          user, user, database);
}

char *
rounds_server_dup_sql_commands (const RoundsServerConfig *config)
{
  const char *user = name_or (config->user, "rounds");
  const char *database = name_or (config->database, "rounds");

  /* TRANSLATORS: keep the SQL as it is; only the placeholder in < > is
   * for the reader */
  return g_strdup_printf ("CREATE ROLE %s LOGIN CREATEROLE PASSWORD '%s';\n"
                          "CREATE DATABASE %s OWNER %s ENCODING 'UTF8' TEMPLATE template0;",
                          user, _("<a new password>"), database, user);
}

char *
rounds_server_dup_hba_line (const RoundsServerConfig *config)
{
  const char *user = name_or (config->user, "rounds");
  const char *database = name_or (config->database, "rounds");

  /* The practice's login and every person's own (members of
   * rounds_writer, directly or through approver and manager) */
  return g_strdup_printf ("hostssl  %s  %s,+rounds_writer  192.168.1.0/24  scram-sha-256",
                          database, user);
}
