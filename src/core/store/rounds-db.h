/* rounds-db.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The store's database engine: one connection API over SQLite (the
 * embedded default) and PostgreSQL (the shared office server, issue 20).
 *
 * The names and signatures follow SQLite's C API one for one, so that
 * store code converts with a sed (docs/architecture.md, "Two engines"):
 * sqlite3_stmt → RoundsDbStmt, sqlite3 → RoundsDb, sqlite3_NAME →
 * rounds_db_NAME, SQLITE_CODE → ROUNDS_DB_CODE. The result codes are
 * SQLite's own numbers; the PostgreSQL engine maps SQLSTATEs onto them.
 *
 * SQL is written once, with SQLite's `?`/`?N` parameters, in the subset
 * both engines accept; the PostgreSQL engine translates the few things
 * that cannot be written portably (see rounds-db.c, pg_translate()).
 * Only SQLite has an online backup, a WAL, an integrity check and file
 * permissions: their code reaches the raw handle with
 * rounds_db_get_sqlite() and is never run on a server. */

typedef struct _RoundsDb     RoundsDb;
typedef struct _RoundsDbStmt RoundsDbStmt;

typedef enum
{
  ROUNDS_DB_ENGINE_SQLITE,
  ROUNDS_DB_ENGINE_POSTGRESQL,
} RoundsDbEngine;

/* SQLite's result codes (checked against sqlite3.h in rounds-db.c) */
#define ROUNDS_DB_OK          0
#define ROUNDS_DB_ERROR       1
#define ROUNDS_DB_INTERNAL    2
#define ROUNDS_DB_PERM        3
#define ROUNDS_DB_ABORT       4
#define ROUNDS_DB_BUSY        5
#define ROUNDS_DB_LOCKED      6
#define ROUNDS_DB_NOMEM       7
#define ROUNDS_DB_READONLY    8
#define ROUNDS_DB_INTERRUPT   9
#define ROUNDS_DB_IOERR      10
#define ROUNDS_DB_CORRUPT    11
#define ROUNDS_DB_FULL       13
#define ROUNDS_DB_CANTOPEN   14
#define ROUNDS_DB_CONSTRAINT 19
#define ROUNDS_DB_MISMATCH   20
#define ROUNDS_DB_MISUSE     21
#define ROUNDS_DB_AUTH       23
#define ROUNDS_DB_RANGE      25
#define ROUNDS_DB_NOTADB     26
/* A server that cannot be reached (stopped, network gone): an extended
 * I/O error, so code that only looks at the primary code sees IOERR. */
#define ROUNDS_DB_IOERR_OFFLINE (ROUNDS_DB_IOERR | (60 << 8))
#define ROUNDS_DB_ROW       100
#define ROUNDS_DB_DONE      101

/* Column types (sqlite3_column_type) */
#define ROUNDS_DB_INTEGER 1
#define ROUNDS_DB_FLOAT   2
#define ROUNDS_DB_TEXT    3
#define ROUNDS_DB_BLOB    4
#define ROUNDS_DB_NULL    5

typedef void (*RoundsDbDestructor) (void *);
#define ROUNDS_DB_STATIC    ((RoundsDbDestructor) 0)
#define ROUNDS_DB_TRANSIENT ((RoundsDbDestructor) -1)
#define ROUNDS_DB_PREPARE_PERSISTENT 0x01

typedef int (*RoundsDbExecCallback) (void *, int, char **, char **);

/* Opening and closing */
RoundsDb      *rounds_db_new_sqlite             (gpointer           sqlite_handle);
RoundsDb      *rounds_db_open_postgresql        (const char        *conninfo,
                                                 GError           **error);
RoundsDbEngine rounds_db_get_engine             (RoundsDb          *db);
gboolean       rounds_db_is_sqlite              (RoundsDb          *db);
/* The sqlite3 handle behind @db, or NULL on a server */
gpointer       rounds_db_get_sqlite             (RoundsDb          *db);
/* The PGconn behind @db, or NULL for SQLite */
gpointer       rounds_db_get_postgresql         (RoundsDb          *db);
int            rounds_db_close                  (RoundsDb          *db);
int            rounds_db_close_v2               (RoundsDb          *db);

/* Statements */
int            rounds_db_prepare_v2             (RoundsDb          *db,
                                                 const char        *sql,
                                                 int                n_bytes,
                                                 RoundsDbStmt     **stmt,
                                                 const char       **tail);
int            rounds_db_prepare_v3             (RoundsDb          *db,
                                                 const char        *sql,
                                                 int                n_bytes,
                                                 unsigned int       flags,
                                                 RoundsDbStmt     **stmt,
                                                 const char       **tail);
int            rounds_db_step                   (RoundsDbStmt      *stmt);
int            rounds_db_reset                  (RoundsDbStmt      *stmt);
int            rounds_db_clear_bindings         (RoundsDbStmt      *stmt);
int            rounds_db_finalize               (RoundsDbStmt      *stmt);
RoundsDb      *rounds_db_db_handle              (RoundsDbStmt      *stmt);
const char    *rounds_db_sql                    (RoundsDbStmt      *stmt);
int            rounds_db_bind_parameter_count   (RoundsDbStmt      *stmt);

int            rounds_db_bind_int64             (RoundsDbStmt      *stmt,
                                                 int                index,
                                                 gint64             value);
int            rounds_db_bind_int               (RoundsDbStmt      *stmt,
                                                 int                index,
                                                 int                value);
int            rounds_db_bind_null              (RoundsDbStmt      *stmt,
                                                 int                index);
int            rounds_db_bind_pointer           (RoundsDbStmt      *stmt,
                                                 int                index,
                                                 gpointer           pointer,
                                                 const char        *type);
int            rounds_db_bind_text              (RoundsDbStmt      *stmt,
                                                 int                index,
                                                 const char        *text,
                                                 int                n_bytes,
                                                 RoundsDbDestructor destroy);

gint64         rounds_db_column_int64           (RoundsDbStmt      *stmt,
                                                 int                index);
int            rounds_db_column_int             (RoundsDbStmt      *stmt,
                                                 int                index);
const unsigned char *rounds_db_column_text      (RoundsDbStmt      *stmt,
                                                 int                index);
int            rounds_db_column_type            (RoundsDbStmt      *stmt,
                                                 int                index);
int            rounds_db_column_count           (RoundsDbStmt      *stmt);

/* The connection */
int            rounds_db_exec                   (RoundsDb            *db,
                                                 const char          *sql,
                                                 RoundsDbExecCallback callback,
                                                 void                *user_data,
                                                 char               **errmsg);
int            rounds_db_changes                (RoundsDb          *db);
gint64         rounds_db_last_insert_rowid      (RoundsDb          *db);
int            rounds_db_get_autocommit         (RoundsDb          *db);
const char    *rounds_db_errmsg                 (RoundsDb          *db);
int            rounds_db_errcode                (RoundsDb          *db);
int            rounds_db_extended_errcode       (RoundsDb          *db);
const char    *rounds_db_errstr                 (int                rc);
void           rounds_db_free                   (void              *memory);
void           rounds_db_sleep                  (int                ms);

/* Server notifications (LISTEN/NOTIFY; nothing on SQLite). Those that
 * arrive while a statement runs are kept, and @pending is called (never
 * from inside a step's caller's work: it should only schedule; it is
 * also called when a statement finds the connection broken); those
 * sent by this connection itself are dropped. rounds_db_poll_notifications()
 * reads the socket and calls @func for each kept one. */
typedef void (*RoundsDbNotifyFunc)  (const char *channel,
                                     const char *payload,
                                     gpointer    user_data);
typedef void (*RoundsDbPendingFunc) (gpointer    user_data);
void           rounds_db_set_notify_func        (RoundsDb           *db,
                                                 RoundsDbNotifyFunc  func,
                                                 RoundsDbPendingFunc pending,
                                                 gpointer            user_data);
/* The socket to watch for notifications, or -1 */
int            rounds_db_get_socket             (RoundsDb          *db);
/* Reads the socket, then calls the notify func for each notification
 * kept; FALSE when the connection is gone (the server stopped). */
gboolean       rounds_db_poll_notifications     (RoundsDb          *db);

/* The connection to the server (TRUE on SQLite): FALSE once it broke.
 * A broken connection is replaced by a fresh one made elsewhere (a
 * worker thread, rounds_db_open_postgresql()): @fresh is consumed, its
 * connection moves into @db, whose statements stay valid (they are
 * text until run). */
gboolean       rounds_db_is_connected           (RoundsDb          *db);
void           rounds_db_take_connection        (RoundsDb          *db,
                                                 RoundsDb          *fresh);

/* Statements that can be stopped (the move to a server, issue 20): on
 * the calling thread, every statement on a server stops when
 * @cancellable is cancelled (ROUNDS_DB_INTERRUPT; the one running is
 * cancelled on the server) or when the server sent nothing for
 * @silence_ms (ROUNDS_DB_IOERR_OFFLINE; the connection is given up).
 * NULL and 0 end it. See rounds-db.c. */
void           rounds_db_set_interrupt          (GCancellable      *cancellable,
                                                 int                silence_ms);
gboolean       rounds_db_interrupt_timed_out    (void);

/* A script split into its statements (a CREATE TRIGGER … END; is one) */
GPtrArray     *rounds_db_split_statements       (const char        *sql);

/* What rounds_db_exec() runs on PostgreSQL for @sql (tests and docs);
 * SQLite runs @sql as it is. */
char          *rounds_db_translate_for_postgresql (const char      *sql);

G_END_DECLS
