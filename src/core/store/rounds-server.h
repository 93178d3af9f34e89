/* rounds-server.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A practice server (PostgreSQL) as the user types it in Preferences:
 * where it is, which database, who signs in, how TLS is checked. The
 * password is never part of it (the Secret Service keeps it). */

#define ROUNDS_SERVER_ERROR (rounds_server_error_quark ())

typedef enum
{
  ROUNDS_SERVER_ERROR_INVALID,        /* a field is empty or not allowed */
  ROUNDS_SERVER_ERROR_UNREACHABLE,    /* refused, no such host, timed out */
  ROUNDS_SERVER_ERROR_AUTH,           /* wrong password or no such user */
  ROUNDS_SERVER_ERROR_NOT_ALLOWED,    /* pg_hba.conf has no line for us */
  ROUNDS_SERVER_ERROR_NO_DATABASE,
  ROUNDS_SERVER_ERROR_TLS_REQUIRED,   /* the server offers no TLS */
  ROUNDS_SERVER_ERROR_TLS_FAILED,     /* its certificate did not verify */
  ROUNDS_SERVER_ERROR_TOO_OLD,        /* PostgreSQL older than 13 */
  ROUNDS_SERVER_ERROR_NEWER_SCHEMA,   /* written by a newer Rounds */
  ROUNDS_SERVER_ERROR_NOT_EMPTY,      /* holds a practice already */
  ROUNDS_SERVER_ERROR_FAILED,
} RoundsServerError;

/* PostgreSQL 13 is the oldest with normalize() (the Posts search) */
#define ROUNDS_SERVER_MIN_VERSION 130000
#define ROUNDS_SERVER_DEFAULT_PORT 5432

typedef struct
{
  char  *host;       /* name, address, or a socket folder (starts with /) */
  guint  port;
  char  *database;
  char  *user;
  char  *ca_file;    /* NULL or "": TLS required, certificate not checked */
} RoundsServerConfig;

typedef struct
{
  int       server_version;   /* PQserverVersion(): 150004 */
  int       schema_version;   /* 0: no Rounds schema yet */
  gboolean  holds_practice;   /* posts, audit entries, people or a set-up practice */
} RoundsServerProbe;

GQuark              rounds_server_error_quark        (void);

RoundsServerConfig *rounds_server_config_new         (const char                *host,
                                                      guint                      port,
                                                      const char                *database,
                                                      const char                *user,
                                                      const char                *ca_file);
RoundsServerConfig *rounds_server_config_copy        (const RoundsServerConfig  *config);
void                rounds_server_config_free        (RoundsServerConfig        *config);
gboolean            rounds_server_config_validate    (const RoundsServerConfig  *config,
                                                      GError                   **error);

gboolean            rounds_server_host_is_loopback   (const char                *host);
/* The libpq connection string: TLS required (sslmode=require) unless the
 * host is this PC; verify-full with the CA file when one is given. */
char               *rounds_server_config_to_conninfo (const RoundsServerConfig  *config,
                                                      const char                *password);
/* "rounds on db.example:5432" (for the Secret Service's label and the UI) */
char               *rounds_server_config_describe    (const RoundsServerConfig  *config);

/* Connects, reads the server's version and whether it holds a practice,
 * and says in the user's words what went wrong (RoundsServerError).
 * Blocking: call it from a worker thread. */
gboolean            rounds_server_probe              (const RoundsServerConfig  *config,
                                                      const char                *password,
                                                      RoundsServerProbe         *probe,
                                                      GError                   **error);
void                rounds_server_probe_async        (const RoundsServerConfig  *config,
                                                      const char                *password,
                                                      GCancellable              *cancellable,
                                                      GAsyncReadyCallback        callback,
                                                      gpointer                   user_data);
gboolean            rounds_server_probe_finish       (GAsyncResult              *result,
                                                      RoundsServerProbe         *probe,
                                                      GError                   **error);

/* What the IT person runs on the server to make the role and the
 * database: shell commands (createuser/createdb), the same in SQL, and
 * the pg_hba.conf line. */
char               *rounds_server_dup_shell_commands (const RoundsServerConfig  *config);
char               *rounds_server_dup_sql_commands   (const RoundsServerConfig  *config);
char               *rounds_server_dup_hba_line       (const RoundsServerConfig  *config);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RoundsServerConfig, rounds_server_config_free)

G_END_DECLS
