/* rounds-db.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-db"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>

#include <gio/gio.h>
#include "rounds-pq.h"
#include <sqlite3.h>

#include "rounds-db.h"

/* Two engines behind SQLite's own API (see rounds-db.h).
 *
 * SQLite: every call is passed through; a RoundsDbStmt only remembers
 * its connection.
 *
 * PostgreSQL (libpq): a statement is translated once (parameters `?N`
 * → `$N`, INSERT OR IGNORE → ON CONFLICT DO NOTHING, INTEGER → BIGINT,
 * an INTEGER PRIMARY KEY → an identity column, and an INSERT into a table
 * with an identity id returns it, for last_insert_rowid), and run with
 * PQexecParams at its first step; the rows are then read from the
 * result. Integers are sent typed (int8), text untyped, so the server
 * reads it as the column's type, like a literal.
 *
 * Writers take turns: "BEGIN IMMEDIATE" (the store's write transaction)
 * becomes BEGIN plus a transaction-scoped advisory lock, so that two PCs
 * on one database see the store's read-then-write steps (the audit
 * chain, guarded state moves, next ids) exactly as SQLite's single
 * writer does. A lock not granted within the busy timeout is BUSY, like
 * SQLite's. See docs/decisions.md, "Two engines". */

G_STATIC_ASSERT (ROUNDS_DB_OK == SQLITE_OK);
G_STATIC_ASSERT (ROUNDS_DB_ERROR == SQLITE_ERROR);
G_STATIC_ASSERT (ROUNDS_DB_BUSY == SQLITE_BUSY);
G_STATIC_ASSERT (ROUNDS_DB_LOCKED == SQLITE_LOCKED);
G_STATIC_ASSERT (ROUNDS_DB_READONLY == SQLITE_READONLY);
G_STATIC_ASSERT (ROUNDS_DB_IOERR == SQLITE_IOERR);
G_STATIC_ASSERT (ROUNDS_DB_CORRUPT == SQLITE_CORRUPT);
G_STATIC_ASSERT (ROUNDS_DB_FULL == SQLITE_FULL);
G_STATIC_ASSERT (ROUNDS_DB_CANTOPEN == SQLITE_CANTOPEN);
G_STATIC_ASSERT (ROUNDS_DB_CONSTRAINT == SQLITE_CONSTRAINT);
G_STATIC_ASSERT (ROUNDS_DB_MISUSE == SQLITE_MISUSE);
G_STATIC_ASSERT (ROUNDS_DB_AUTH == SQLITE_AUTH);
G_STATIC_ASSERT (ROUNDS_DB_RANGE == SQLITE_RANGE);
G_STATIC_ASSERT (ROUNDS_DB_NOTADB == SQLITE_NOTADB);
G_STATIC_ASSERT (ROUNDS_DB_PERM == SQLITE_PERM);
G_STATIC_ASSERT (ROUNDS_DB_ROW == SQLITE_ROW);
G_STATIC_ASSERT (ROUNDS_DB_DONE == SQLITE_DONE);
G_STATIC_ASSERT (ROUNDS_DB_INTEGER == SQLITE_INTEGER);
G_STATIC_ASSERT (ROUNDS_DB_FLOAT == SQLITE_FLOAT);
G_STATIC_ASSERT (ROUNDS_DB_TEXT == SQLITE_TEXT);
G_STATIC_ASSERT (ROUNDS_DB_BLOB == SQLITE_BLOB);
G_STATIC_ASSERT (ROUNDS_DB_NULL == SQLITE_NULL);
G_STATIC_ASSERT (ROUNDS_DB_PREPARE_PERSISTENT == SQLITE_PREPARE_PERSISTENT);

/* How long a write waits for another PC's transaction (like SQLite's
 * busy timeout in rounds-store.c) */
#define PG_LOCK_TIMEOUT "5s"
/* The advisory lock every write transaction takes: "Rounds" in ASCII */
#define PG_WRITE_LOCK_KEY "526f756e6473"

/* PostgreSQL type oids (server/catalog/pg_type_d.h) */
#define PG_BOOLOID    16
#define PG_BYTEAOID   17
#define PG_INT8OID    20
#define PG_TEXTOID    25
#define PG_INT2OID    21
#define PG_INT4OID    23
#define PG_OIDOID     26
#define PG_FLOAT4OID  700
#define PG_FLOAT8OID  701
#define PG_NUMERICOID 1700

struct _RoundsDb
{
  RoundsDbEngine  engine;
  sqlite3        *sqlite;
  PGconn         *pg;
  char           *errmsg;          /* PostgreSQL: the last error's primary message */
  int             errcode;
  int             changes;
  gint64          last_insert_id;
  GHashTable     *identity_tables; /* tables whose id is an identity column */
  GQueue          notifications;   /* PGnotify * kept until polled */
  RoundsDbNotifyFunc  notify_func;
  RoundsDbPendingFunc pending_func;
  gpointer            notify_data;
  int             interrupt_code;  /* set by pg_exec(): cancelled or no answer */
};

struct _RoundsDbStmt
{
  RoundsDb     *db;
  sqlite3_stmt *sqlite;
  /* PostgreSQL */
  char         *sql;               /* as written */
  char         *pg_sql;            /* as sent */
  int           n_params;
  guint64       used_params;
  char        **values;
  Oid          *types;
  PGresult     *result;
  int           row;
  int           n_rows;
  gboolean      executed;
  gboolean      hidden_returning;  /* RETURNING id added for last_insert_rowid */
  gboolean      write_lock;        /* BEGIN IMMEDIATE */
};

/* ------------------------------------------------------------------ */
/* Translating SQL for PostgreSQL                                       */

static gboolean
is_word_char (char c)
{
  return g_ascii_isalnum (c) || c == '_';
}

/* Whether @p starts with @word as a whole word (case-insensitive). */
static gboolean
at_word (const char *start,
         const char *p,
         const char *word)
{
  gsize n = strlen (word);

  if (p > start && is_word_char (p[-1]))
    return FALSE;
  return g_ascii_strncasecmp (p, word, n) == 0 && !is_word_char (p[n]);
}

static const char *
skip_space (const char *p)
{
  while (g_ascii_isspace (*p))
    p++;
  return p;
}

/* Copies a quoted run ('…', "…" or $tag$…$tag$) starting at @p into
 * @out; returns the first character after it. */
static const char *
copy_quoted (const char *p,
             GString    *out)
{
  if (*p == '\'' || *p == '"')
    {
      char q = *p;

      g_string_append_c (out, *p++);
      while (*p != '\0')
        {
          if (*p == q && p[1] == q)
            {
              g_string_append_len (out, p, 2);
              p += 2;
              continue;
            }
          g_string_append_c (out, *p);
          if (*p++ == q)
            break;
        }
      return p;
    }

  if (*p == '$')
    {
      const char *tag_end = p + 1;
      g_autofree char *tag = NULL;
      const char *close;

      while (is_word_char (*tag_end))
        tag_end++;
      if (*tag_end != '$')
        {
          g_string_append_c (out, *p);
          return p + 1;
        }
      tag = g_strndup (p, tag_end - p + 1);
      close = strstr (tag_end + 1, tag);
      if (close == NULL)
        close = p + strlen (p);
      else
        close += strlen (tag);
      g_string_append_len (out, p, close - p);
      return close;
    }

  if (p[0] == '-' && p[1] == '-')
    {
      const char *end = strchr (p, '\n');

      if (end == NULL)
        end = p + strlen (p);
      g_string_append_len (out, p, end - p);
      return end;
    }

  g_string_append_c (out, *p);
  return p + 1;
}

static gboolean
starts_quoted (const char *p)
{
  return *p == '\'' || *p == '"' || (p[0] == '-' && p[1] == '-') ||
         (*p == '$' && (p[1] == '$' || g_ascii_isalpha (p[1])));
}

typedef struct
{
  char     *sql;
  int       n_params;
  guint64   used_params;   /* bit n - 1: ?n appears (up to 64) */
  gboolean  write_lock;
  char     *created_identity_table;  /* CREATE TABLE t (id INTEGER PRIMARY KEY …) */
  char     *insert_table;            /* INSERT INTO t … */
  gboolean  has_returning;
} PgStatement;

static void
pg_statement_clear (PgStatement *st)
{
  g_clear_pointer (&st->sql, g_free);
  g_clear_pointer (&st->created_identity_table, g_free);
  g_clear_pointer (&st->insert_table, g_free);
}

static char *
read_identifier (const char *p)
{
  const char *end;

  p = skip_space (p);
  if (*p == '"')
    {
      end = strchr (p + 1, '"');
      return end != NULL ? g_strndup (p + 1, end - p - 1) : NULL;
    }
  end = p;
  while (is_word_char (*end))
    end++;
  return end > p ? g_ascii_strdown (p, end - p) : NULL;
}

static void
pg_translate_statement (const char  *sql,
                        PgStatement *st)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *p = skip_space (sql);
  gboolean or_ignore = FALSE;
  gboolean create_table = FALSE;
  int max_param = 0;

  memset (st, 0, sizeof *st);

  if (at_word (p, p, "BEGIN"))
    {
      const char *q = skip_space (p + 5);

      if (at_word (q, q, "IMMEDIATE") || at_word (q, q, "EXCLUSIVE"))
        {
          st->sql = g_strdup ("BEGIN");
          st->write_lock = TRUE;
          return;
        }
    }

  if (at_word (p, p, "CREATE"))
    {
      const char *q = skip_space (p + 6);

      if (at_word (q, q, "TABLE"))
        create_table = TRUE;
    }

  if (at_word (p, p, "INSERT"))
    {
      const char *q = skip_space (p + 6);

      if (at_word (q, q, "OR"))
        {
          const char *r = skip_space (q + 2);

          if (at_word (r, r, "IGNORE"))
            {
              or_ignore = TRUE;
              g_string_append (out, "INSERT ");
              p = skip_space (r + 6);
            }
        }
      q = skip_space (p + (or_ignore ? 0 : 6));
      if (at_word (q, q, "INTO"))
        st->insert_table = read_identifier (q + 4);
    }

  while (*p != '\0')
    {
      if (starts_quoted (p))
        {
          /* strftime ('%s', 'now') is the one date function the
           * schema uses: the epoch, in seconds. */
          p = copy_quoted (p, out);
          continue;
        }
      if (*p == '?')
        {
          const char *q = p + 1;
          int n;

          if (g_ascii_isdigit (*q))
            {
              n = 0;
              while (g_ascii_isdigit (*q))
                n = n * 10 + (*q++ - '0');
            }
          else
            n = max_param + 1;
          max_param = MAX (max_param, n);
          if (n <= 64)
            st->used_params |= G_GUINT64_CONSTANT (1) << (n - 1);
          g_string_append_printf (out, "$%d", n);
          p = q;
          continue;
        }
      if (at_word (sql, p, "strftime"))
        {
          const char *q = skip_space (p + 8);

          /* strftime ('%s', 'now') [, with any spacing] → the epoch */
          if (*q == '(')
            {
              g_autofree char *args = NULL;
              const char *close = strchr (q, ')');

              if (close != NULL)
                {
                  g_autoptr(GString) compact = g_string_new (NULL);

                  for (const char *c = q + 1; c < close; c++)
                    if (!g_ascii_isspace (*c))
                      g_string_append_c (compact, *c);
                  if (g_str_equal (compact->str, "'%s','now'"))
                    {
                      g_string_append (out, "CAST (EXTRACT (EPOCH FROM now ()) AS BIGINT)");
                      p = close + 1;
                      continue;
                    }
                }
            }
        }
      if (at_word (sql, p, "INTEGER"))
        {
          const char *q = skip_space (p + 7);

          /* the column's name, just before: an "id" gets its values from
           * an identity, as SQLite's INTEGER PRIMARY KEY from the rowid */
          gboolean is_id = out->len >= 3 &&
                           g_ascii_strncasecmp (out->str + out->len - 3, "id ", 3) == 0 &&
                           (out->len == 3 || !is_word_char (out->str[out->len - 4]));

          if (create_table && is_id && at_word (q, q, "PRIMARY"))
            {
              g_string_append (out, "BIGINT GENERATED BY DEFAULT AS IDENTITY");
              g_clear_pointer (&st->created_identity_table, g_free);
              {
                const char *t = skip_space (skip_space (sql) + 6);

                t = skip_space (t + 5);
                if (at_word (t, t, "IF"))
                  t = skip_space (skip_space (skip_space (t + 2) + 3) + 6);
                st->created_identity_table = read_identifier (t);
              }
            }
          else
            g_string_append (out, "BIGINT");
          p += 7;
          continue;
        }
      if (at_word (sql, p, "WITHOUT"))
        {
          const char *q = skip_space (p + 7);

          if (at_word (q, q, "ROWID"))
            {
              p = q + 5;
              continue;
            }
        }
      /* A column SQLite takes as a name and PostgreSQL reserves */
      if (at_word (sql, p, "authorization"))
        {
          g_string_append (out, "\"authorization\"");
          p += strlen ("authorization");
          continue;
        }
      if (at_word (sql, p, "RETURNING"))
        st->has_returning = TRUE;
      g_string_append_c (out, *p++);
    }

  /* Trailing semicolons and space go: the engine runs one statement. */
  while (out->len > 0 && (g_ascii_isspace (out->str[out->len - 1]) ||
                          out->str[out->len - 1] == ';'))
    g_string_truncate (out, out->len - 1);

  if (or_ignore)
    {
      const char *returning = NULL;

      for (const char *c = out->str; *c != '\0'; c++)
        if (at_word (out->str, c, "RETURNING"))
          returning = c;
      if (returning != NULL)
        g_string_insert (out, returning - out->str, "ON CONFLICT DO NOTHING ");
      else
        g_string_append (out, " ON CONFLICT DO NOTHING");
    }

  st->n_params = max_param;
  st->sql = g_string_free (g_steal_pointer (&out), FALSE);
}

char *
rounds_db_translate_for_postgresql (const char *sql)
{
  PgStatement st;
  char *result;

  pg_translate_statement (sql, &st);
  result = g_steal_pointer (&st.sql);
  pg_statement_clear (&st);
  return result;
}

/* ------------------------------------------------------------------ */
/* PostgreSQL errors                                                    */

static int
code_of_sqlstate (const char *state)
{
  if (state == NULL || strlen (state) < 2)
    return ROUNDS_DB_ERROR;
  if (g_str_has_prefix (state, "23"))
    return ROUNDS_DB_CONSTRAINT;
  if (g_str_equal (state, "40001") || g_str_equal (state, "40P01") ||
      g_str_equal (state, "55P03") || g_str_equal (state, "55006"))
    return ROUNDS_DB_BUSY;
  if (g_str_has_prefix (state, "08") || g_str_has_prefix (state, "57P") ||
      g_str_has_prefix (state, "58"))
    return ROUNDS_DB_IOERR;
  if (g_str_has_prefix (state, "53"))
    return ROUNDS_DB_FULL;
  if (g_str_equal (state, "42501"))
    return ROUNDS_DB_AUTH;
  if (g_str_equal (state, "25006"))
    return ROUNDS_DB_READONLY;
  if (g_str_has_prefix (state, "28"))
    return ROUNDS_DB_AUTH;
  if (g_str_has_prefix (state, "XX"))
    return ROUNDS_DB_CORRUPT;
  return ROUNDS_DB_ERROR;
}

static void
set_pg_error (RoundsDb       *db,
              const PGresult *result)
{
  const char *message = NULL;
  const char *state = NULL;

  if (result != NULL)
    {
      /* Only the primary message: the detail of a constraint error
       * quotes the row's values, which may be user text. */
      message = PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY);
      state = PQresultErrorField (result, PG_DIAG_SQLSTATE);
    }
  /* Stopped here, not by the server: what happened, in our words */
  if (db->interrupt_code != ROUNDS_DB_OK)
    {
      g_free (db->errmsg);
      db->errcode = db->interrupt_code;
      db->errmsg = g_strdup (db->interrupt_code == ROUNDS_DB_INTERRUPT
                               ? "cancelled" : "the server stopped answering");
      return;
    }
  if (message == NULL)
    message = PQerrorMessage (db->pg);

  g_free (db->errmsg);
  db->errmsg = g_strstrip (g_strdup (message != NULL && *message != '\0'
                                       ? message : "unknown error"));
  /* The connection broke (the server stopped, the network went): the
   * store goes offline and reconnects (rounds-store-live.c). */
  if (PQstatus (db->pg) != CONNECTION_OK)
    {
      db->errcode = ROUNDS_DB_IOERR_OFFLINE;
      if (db->pending_func != NULL)
        db->pending_func (db->notify_data);
    }
  else if (state != NULL)
    db->errcode = code_of_sqlstate (state);
  else
    db->errcode = ROUNDS_DB_ERROR;
}

static void
clear_pg_error (RoundsDb *db)
{
  g_clear_pointer (&db->errmsg, g_free);
  db->errcode = ROUNDS_DB_OK;
}

/* Notices (a table that already exists, …) go to the debug log, never
 * to stdout or stderr. */
static void
on_pg_notice (void       *user_data,
              const char *message)
{
  g_debug ("Server notice: %s", message);
}

/* ------------------------------------------------------------------ */
/* Notifications                                                        */

/* Moves what libpq received into our queue, without this connection's
 * own; TRUE when something was kept. */
static gboolean
keep_notifications (RoundsDb *db)
{
  PGnotify *notify;
  gboolean kept = FALSE;

  while ((notify = PQnotifies (db->pg)) != NULL)
    {
      if (notify->be_pid == PQbackendPID (db->pg))
        {
          PQfreemem (notify);
          continue;
        }
      g_queue_push_tail (&db->notifications, notify);
      kept = TRUE;
    }
  return kept;
}

void
rounds_db_set_notify_func (RoundsDb            *db,
                           RoundsDbNotifyFunc   func,
                           RoundsDbPendingFunc  pending,
                           gpointer             user_data)
{
  db->notify_func = func;
  db->pending_func = pending;
  db->notify_data = user_data;
}

int
rounds_db_get_socket (RoundsDb *db)
{
  return db->pg != NULL ? PQsocket (db->pg) : -1;
}

gboolean
rounds_db_poll_notifications (RoundsDb *db)
{
  PGnotify *notify;
  gboolean connected;

  if (db->pg == NULL)
    return TRUE;
  if (!PQconsumeInput (db->pg))
    g_debug ("Reading from the server failed: %s", PQerrorMessage (db->pg));
  connected = PQstatus (db->pg) == CONNECTION_OK;
  if (!connected)
    {
      g_free (db->errmsg);
      db->errmsg = g_strstrip (g_strdup (PQerrorMessage (db->pg)));
      db->errcode = ROUNDS_DB_IOERR_OFFLINE;
    }
  keep_notifications (db);
  while ((notify = g_queue_pop_head (&db->notifications)) != NULL)
    {
      if (db->notify_func != NULL)
        db->notify_func (notify->relname, notify->extra, db->notify_data);
      PQfreemem (notify);
    }
  return connected;
}

gboolean
rounds_db_is_connected (RoundsDb *db)
{
  return db != NULL && (db->pg == NULL || PQstatus (db->pg) == CONNECTION_OK);
}

void
rounds_db_take_connection (RoundsDb *db,
                           RoundsDb *fresh)
{
  g_return_if_fail (db->engine == ROUNDS_DB_ENGINE_POSTGRESQL);
  g_return_if_fail (fresh != NULL && fresh->pg != NULL);

  g_queue_clear_full (&db->notifications, PQfreemem);
  g_clear_pointer (&db->pg, PQfinish);
  db->pg = g_steal_pointer (&fresh->pg);
  rounds_db_close (fresh);
  clear_pg_error (db);
}

/* ------------------------------------------------------------------ */
/* Statements that can be stopped                                       */

/* Set on a thread by rounds_db_set_interrupt(): what every statement a
 * server connection runs on that thread waits for. */
typedef struct
{
  GCancellable *cancellable;   /* unowned: the caller keeps it while set */
  int           silence_ms;
  gboolean      timed_out;
} Interrupt;

static GPrivate interrupt_key = G_PRIVATE_INIT (g_free);

/**
 * rounds_db_set_interrupt:
 * @cancellable: (nullable): stops the statements when cancelled
 * @silence_ms: how long a statement may wait with nothing from the
 *   server, 0 for ever
 *
 * From now on, on this thread, every statement on a PostgreSQL
 * connection stops when @cancellable is cancelled (the statement running
 * on the server is cancelled there too) or when the server has sent
 * nothing for @silence_ms (the connection is then given up: a stopped
 * or paused server cannot answer a cancel; when it comes back it sees
 * the connection gone and rolls its transaction back). Either way the
 * statement fails with ROUNDS_DB_INTERRUPT or ROUNDS_DB_IOERR_OFFLINE.
 * NULL and 0 end it. SQLite is not affected.
 */
void
rounds_db_set_interrupt (GCancellable *cancellable,
                         int           silence_ms)
{
  Interrupt *interrupt = g_private_get (&interrupt_key);

  if (cancellable == NULL && silence_ms <= 0)
    {
      g_private_replace (&interrupt_key, NULL);
      return;
    }
  if (interrupt == NULL)
    {
      interrupt = g_new0 (Interrupt, 1);
      g_private_set (&interrupt_key, interrupt);
    }
  interrupt->cancellable = cancellable;
  interrupt->silence_ms = silence_ms;
}

/**
 * rounds_db_interrupt_timed_out:
 *
 * Returns: whether, since rounds_db_set_interrupt() on this thread, a
 *   statement was given up because the server stopped answering
 */
gboolean
rounds_db_interrupt_timed_out (void)
{
  Interrupt *interrupt = g_private_get (&interrupt_key);

  return interrupt != NULL && interrupt->timed_out;
}

/* libpq's cancel waits for the server to take it: on its own thread,
 * so that a server that stopped answering keeps only that thread. */
static gpointer
send_cancel_thread (gpointer data)
{
  PGcancel *cancel = data;
  char message[256] = "";

  if (!PQcancel (cancel, message, sizeof message))
    g_debug ("The server did not take the cancel: %s", message);
  PQfreeCancel (cancel);
  return NULL;
}

static void
send_cancel (RoundsDb *db)
{
  PGcancel *cancel = PQgetCancel (db->pg);

  if (cancel != NULL)
    g_thread_unref (g_thread_new ("rounds-pg-cancel", send_cancel_thread, cancel));
}

/* PQexec()/PQexecParams() (@n_params < 0: @sql may hold several
 * statements) that waits in poll() for the server's answer, the
 * cancellable and the clock. Returns the last result, or NULL with
 * db->interrupt_code set. */
static PGresult *
pg_exec_interruptible (RoundsDb           *db,
                       Interrupt          *interrupt,
                       const char         *sql,
                       int                 n_params,
                       const Oid          *types,
                       const char * const *values)
{
  PGresult *last = NULL;
  GPollFD fds[2];
  gboolean cancelling = FALSE;
  gboolean have_cancel_fd = FALSE;
  gint64 deadline = 0;
  int sent;

  if (g_cancellable_is_cancelled (interrupt->cancellable))
    {
      db->interrupt_code = ROUNDS_DB_INTERRUPT;
      return NULL;
    }

  PQsetnonblocking (db->pg, 1);
  if (n_params < 0)
    sent = PQsendQuery (db->pg, sql);
  else
    sent = PQsendQueryParams (db->pg, sql, n_params, types, values, NULL, NULL, 0);
  if (!sent)
    {
      PQsetnonblocking (db->pg, 0);
      return NULL;
    }
  if (interrupt->cancellable != NULL)
    have_cancel_fd = g_cancellable_make_pollfd (interrupt->cancellable, &fds[1]);

#define SILENCE_US(i) ((gint64)((i)->silence_ms > 0 ? (i)->silence_ms : 10000) * 1000)
  deadline = g_get_monotonic_time () + SILENCE_US (interrupt);
  for (;;)
    {
      int flushed = PQflush (db->pg);   /* 0: all sent, 1: more to send */
      int n_fds = 1;
      int timeout = -1;
      int ready;

      if (flushed < 0)
        break;
      if (flushed == 0 && !PQisBusy (db->pg))
        {
          PGresult *result = PQgetResult (db->pg);

          if (result == NULL)
            break;
          g_clear_pointer (&last, PQclear);
          last = result;
          continue;
        }

      fds[0].fd = PQsocket (db->pg);
      fds[0].events = G_IO_IN | (flushed == 1 ? G_IO_OUT : 0);
      fds[0].revents = 0;
      if (have_cancel_fd && !cancelling)
        {
          fds[1].revents = 0;
          n_fds = 2;
        }
      if (interrupt->silence_ms > 0 || cancelling)
        timeout = (int)MAX (0, (deadline - g_get_monotonic_time () + 999) / 1000);
      ready = g_poll (fds, n_fds, timeout);
      if (ready < 0 && errno == EINTR)
        continue;

      if (n_fds == 2 && g_cancellable_is_cancelled (interrupt->cancellable))
        {
          /* Cancelled: the server stops the statement and answers with
           * an error; a server that does not answer is waited for as
           * long as any (then given up, below). */
          g_debug ("Cancelling the statement running on the server");
          send_cancel (db);
          cancelling = TRUE;
          db->interrupt_code = ROUNDS_DB_INTERRUPT;
          deadline = g_get_monotonic_time () + SILENCE_US (interrupt);
          continue;
        }
      if (ready == 0 && g_get_monotonic_time () >= deadline)
        {
          /* Nothing from the server for that long: the connection is
           * given up, so that nothing here waits for it again. */
          g_debug ("The server sent nothing for %d ms: giving up the connection",
                   interrupt->silence_ms);
          shutdown (PQsocket (db->pg), SHUT_RDWR);
          if (!cancelling)
            {
              db->interrupt_code = ROUNDS_DB_IOERR_OFFLINE;
              interrupt->timed_out = TRUE;
            }
          g_clear_pointer (&last, PQclear);
          break;
        }
      if (ready > 0 && (fds[0].revents & (G_IO_IN | G_IO_HUP | G_IO_ERR)) != 0)
        {
          if (!PQconsumeInput (db->pg))
            {
              /* The connection broke: libpq's results say so */
              PGresult *result;

              while ((result = PQgetResult (db->pg)) != NULL)
                {
                  g_clear_pointer (&last, PQclear);
                  last = result;
                }
              break;
            }
          if (!cancelling)
            deadline = g_get_monotonic_time () + SILENCE_US (interrupt);
        }
      else if (ready > 0 && (fds[0].revents & G_IO_OUT) != 0 && !cancelling)
        deadline = g_get_monotonic_time () + SILENCE_US (interrupt);
    }
#undef SILENCE_US

  if (have_cancel_fd)
    g_cancellable_release_fd (interrupt->cancellable);
  PQsetnonblocking (db->pg, 0);
  if (db->interrupt_code != ROUNDS_DB_OK)
    g_clear_pointer (&last, PQclear);
  return last;
}

/* Every statement on a server goes through here */
static PGresult *
pg_exec (RoundsDb           *db,
         const char         *sql,
         int                 n_params,
         const Oid          *types,
         const char * const *values)
{
  Interrupt *interrupt = g_private_get (&interrupt_key);

  db->interrupt_code = ROUNDS_DB_OK;
  if (interrupt != NULL)
    return pg_exec_interruptible (db, interrupt, sql, n_params, types, values);
  if (n_params < 0)
    return PQexec (db->pg, sql);
  return PQexecParams (db->pg, sql, n_params, types, values, NULL, NULL, 0);
}

/* ------------------------------------------------------------------ */
/* Connections                                                          */

RoundsDb *
rounds_db_new_sqlite (gpointer sqlite_handle)
{
  RoundsDb *db = g_new0 (RoundsDb, 1);

  db->engine = ROUNDS_DB_ENGINE_SQLITE;
  db->sqlite = sqlite_handle;
  return db;
}

static gboolean
pg_run (RoundsDb    *db,
        const char  *sql,
        GError     **error)
{
  PGresult *result = pg_exec (db, sql, -1, NULL, NULL);
  ExecStatusType status = PQresultStatus (result);
  gboolean ok = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;

  if (!ok)
    {
      set_pg_error (db, result);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", db->errmsg);
    }
  PQclear (result);
  return ok;
}

static void
read_identity_tables (RoundsDb *db)
{
  PGresult *result = pg_exec (db,
                             "SELECT table_name FROM information_schema.columns"
                             " WHERE table_schema = current_schema () AND column_name = 'id'"
                             " AND is_identity = 'YES'", -1, NULL, NULL);

  if (PQresultStatus (result) == PGRES_TUPLES_OK)
    for (int i = 0; i < PQntuples (result); i++)
      g_hash_table_add (db->identity_tables, g_strdup (PQgetvalue (result, i, 0)));
  PQclear (result);
}

/**
 * rounds_db_open_postgresql:
 * @conninfo: a libpq connection string or URI
 *
 * Connects to a PostgreSQL server. The error says why not, in libpq's
 * words (no password is ever in them).
 */
RoundsDb *
rounds_db_open_postgresql (const char  *conninfo,
                           GError     **error)
{
  RoundsDb *db;

  g_return_val_if_fail (conninfo != NULL, NULL);

  if (!rounds_pq_load (error))
    return NULL;

  db = g_new0 (RoundsDb, 1);
  db->engine = ROUNDS_DB_ENGINE_POSTGRESQL;
  db->identity_tables = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  {
    /* Defaults that @conninfo may override: give up connecting after
     * 5 s, and notice a network that went away within about 15 s
     * (TCP keepalives) rather than at the kernel's two hours. */
    static const char * const keywords[] = {
      "connect_timeout", "keepalives", "keepalives_idle", "keepalives_interval",
      "keepalives_count", "dbname", NULL
    };
    const char * const values[] = { "5", "1", "5", "2", "3", conninfo, NULL };

    db->pg = PQconnectdbParams (keywords, values, 1);
  }
  if (PQstatus (db->pg) != CONNECTION_OK)
    {
      g_autofree char *message = g_strstrip (g_strdup (PQerrorMessage (db->pg)));

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED, "%s", message);
      rounds_db_close (db);
      return NULL;
    }
  PQsetNoticeProcessor (db->pg, on_pg_notice, NULL);

  if (!pg_run (db, "SET lock_timeout = '" PG_LOCK_TIMEOUT "';"
                   "SET client_min_messages = warning;"
                   "SET TIME ZONE 'UTC'", error))
    {
      rounds_db_close (db);
      return NULL;
    }
  read_identity_tables (db);
  return db;
}

RoundsDbEngine
rounds_db_get_engine (RoundsDb *db)
{
  return db->engine;
}

gboolean
rounds_db_is_sqlite (RoundsDb *db)
{
  return db != NULL && db->engine == ROUNDS_DB_ENGINE_SQLITE;
}

gpointer
rounds_db_get_sqlite (RoundsDb *db)
{
  return db != NULL ? db->sqlite : NULL;
}

gpointer
rounds_db_get_postgresql (RoundsDb *db)
{
  return db != NULL ? db->pg : NULL;
}

static int
close_db (RoundsDb *db,
          gboolean  v2)
{
  int rc = ROUNDS_DB_OK;

  if (db == NULL)
    return ROUNDS_DB_OK;
  if (db->sqlite != NULL)
    rc = v2 ? sqlite3_close_v2 (db->sqlite) : sqlite3_close (db->sqlite);
  if (rc != ROUNDS_DB_OK)
    return rc;
  g_queue_clear_full (&db->notifications, PQfreemem);
  if (db->pg != NULL)
    PQfinish (db->pg);
  g_clear_pointer (&db->identity_tables, g_hash_table_unref);
  g_free (db->errmsg);
  g_free (db);
  return ROUNDS_DB_OK;
}

int
rounds_db_close (RoundsDb *db)
{
  return close_db (db, FALSE);
}

int
rounds_db_close_v2 (RoundsDb *db)
{
  return close_db (db, TRUE);
}

/* ------------------------------------------------------------------ */
/* Statements                                                           */

int
rounds_db_prepare_v3 (RoundsDb       *db,
                      const char     *sql,
                      int             n_bytes,
                      unsigned int    flags,
                      RoundsDbStmt  **stmt,
                      const char    **tail)
{
  RoundsDbStmt *self;
  PgStatement st;

  *stmt = NULL;
  if (db->engine == ROUNDS_DB_ENGINE_SQLITE)
    {
      sqlite3_stmt *raw = NULL;
      int rc = sqlite3_prepare_v3 (db->sqlite, sql, n_bytes, flags, &raw, tail);

      if (rc != SQLITE_OK || raw == NULL)
        return rc;
      self = g_new0 (RoundsDbStmt, 1);
      self->db = db;
      self->sqlite = raw;
      *stmt = self;
      return rc;
    }

  clear_pg_error (db);
  self = g_new0 (RoundsDbStmt, 1);
  self->db = db;
  self->sql = n_bytes < 0 ? g_strdup (sql) : g_strndup (sql, n_bytes);
  pg_translate_statement (self->sql, &st);
  self->pg_sql = g_steal_pointer (&st.sql);
  self->n_params = st.n_params;
  self->used_params = st.used_params;
  self->write_lock = st.write_lock;
  if (st.insert_table != NULL && !st.has_returning &&
      g_hash_table_contains (db->identity_tables, st.insert_table))
    {
      char *with_id = g_strconcat (self->pg_sql, " RETURNING id", NULL);

      g_free (self->pg_sql);
      self->pg_sql = with_id;
      self->hidden_returning = TRUE;
    }
  if (st.created_identity_table != NULL)
    g_hash_table_add (db->identity_tables, g_steal_pointer (&st.created_identity_table));
  pg_statement_clear (&st);

  self->values = g_new0 (char *, MAX (self->n_params, 1));
  self->types = g_new0 (Oid, MAX (self->n_params, 1));
  if (tail != NULL)
    *tail = sql + strlen (sql);
  *stmt = self;
  return ROUNDS_DB_OK;
}

int
rounds_db_prepare_v2 (RoundsDb       *db,
                      const char     *sql,
                      int             n_bytes,
                      RoundsDbStmt  **stmt,
                      const char    **tail)
{
  return rounds_db_prepare_v3 (db, sql, n_bytes, 0, stmt, tail);
}

static void
pg_clear_result (RoundsDbStmt *self)
{
  g_clear_pointer (&self->result, PQclear);
  self->executed = FALSE;
  self->row = -1;
  self->n_rows = 0;
}

static void
pg_note_changes (RoundsDbStmt *self)
{
  const char *status = PQcmdStatus (self->result);

  if (g_str_has_prefix (status, "INSERT") || g_str_has_prefix (status, "UPDATE") ||
      g_str_has_prefix (status, "DELETE"))
    self->db->changes = (int)g_ascii_strtoll (PQcmdTuples (self->result), NULL, 10);
}

/* BEGIN IMMEDIATE: a transaction that holds the store's write lock */
static int
pg_begin_write (RoundsDbStmt *self)
{
  RoundsDb *db = self->db;
  PGresult *result = pg_exec (db, "BEGIN", -1, NULL, NULL);

  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    {
      set_pg_error (db, result);
      PQclear (result);
      return db->errcode;
    }
  PQclear (result);

  result = pg_exec (db, "SELECT pg_advisory_xact_lock (x'" PG_WRITE_LOCK_KEY "'::bigint)",
                    -1, NULL, NULL);
  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    {
      set_pg_error (db, result);
      PQclear (result);
      /* Not left in a failed transaction: the caller sees BUSY and no
       * transaction, as after SQLite's failed BEGIN IMMEDIATE. */
      PQclear (pg_exec (db, "ROLLBACK", -1, NULL, NULL));
      return db->errcode;
    }
  PQclear (result);
  return ROUNDS_DB_DONE;
}

int
rounds_db_step (RoundsDbStmt *self)
{
  RoundsDb *db = self->db;
  ExecStatusType status;

  if (self->sqlite != NULL)
    return sqlite3_step (self->sqlite);

  if (!self->executed)
    {
      clear_pg_error (db);
      self->executed = TRUE;
      self->row = -1;
      if (self->write_lock)
        return pg_begin_write (self);

      /* A parameter the SQL skips (?1 unused, ?2 used) has no context
       * the server could read its type from: it is text. */
      for (int i = 0; i < self->n_params && i < 64; i++)
        if (self->types[i] == 0 && !(self->used_params & (G_GUINT64_CONSTANT (1) << i)))
          self->types[i] = PG_TEXTOID;
      self->result = pg_exec (db, self->pg_sql, self->n_params, self->types,
                              (const char * const *)self->values);
      status = PQresultStatus (self->result);
      if (keep_notifications (db) && db->pending_func != NULL)
        db->pending_func (db->notify_data);
      if (status == PGRES_COMMAND_OK)
        {
          pg_note_changes (self);
          self->n_rows = 0;
        }
      else if (status == PGRES_TUPLES_OK)
        {
          pg_note_changes (self);
          self->n_rows = PQntuples (self->result);
          if (self->hidden_returning)
            {
              if (self->n_rows > 0)
                db->last_insert_id = g_ascii_strtoll (PQgetvalue (self->result, 0, 0), NULL, 10);
              self->n_rows = 0;
            }
        }
      else
        {
          set_pg_error (db, self->result);
          g_debug ("PostgreSQL: %s", db->errmsg);
          self->n_rows = 0;
          return db->errcode;
        }
    }

  if (self->result == NULL)
    return ROUNDS_DB_DONE;
  if (PQresultStatus (self->result) != PGRES_COMMAND_OK &&
      PQresultStatus (self->result) != PGRES_TUPLES_OK)
    return db->errcode != ROUNDS_DB_OK ? db->errcode : ROUNDS_DB_MISUSE;

  if (self->row + 1 < self->n_rows)
    {
      self->row++;
      return ROUNDS_DB_ROW;
    }
  self->row = self->n_rows;
  return ROUNDS_DB_DONE;
}

int
rounds_db_reset (RoundsDbStmt *self)
{
  if (self == NULL)
    return ROUNDS_DB_OK;
  if (self->sqlite != NULL)
    return sqlite3_reset (self->sqlite);
  pg_clear_result (self);
  return ROUNDS_DB_OK;
}

int
rounds_db_clear_bindings (RoundsDbStmt *self)
{
  if (self->sqlite != NULL)
    return sqlite3_clear_bindings (self->sqlite);
  for (int i = 0; i < self->n_params; i++)
    {
      g_clear_pointer (&self->values[i], g_free);
      self->types[i] = 0;
    }
  return ROUNDS_DB_OK;
}

int
rounds_db_finalize (RoundsDbStmt *self)
{
  int rc = ROUNDS_DB_OK;

  if (self == NULL)
    return ROUNDS_DB_OK;
  if (self->sqlite != NULL)
    rc = sqlite3_finalize (self->sqlite);
  else
    {
      pg_clear_result (self);
      for (int i = 0; i < self->n_params; i++)
        g_free (self->values[i]);
      g_free (self->values);
      g_free (self->types);
      g_free (self->sql);
      g_free (self->pg_sql);
    }
  g_free (self);
  return rc;
}

RoundsDb *
rounds_db_db_handle (RoundsDbStmt *self)
{
  return self->db;
}

const char *
rounds_db_sql (RoundsDbStmt *self)
{
  if (self->sqlite != NULL)
    return sqlite3_sql (self->sqlite);
  return self->sql;
}

int
rounds_db_bind_parameter_count (RoundsDbStmt *self)
{
  if (self->sqlite != NULL)
    return sqlite3_bind_parameter_count (self->sqlite);
  return self->n_params;
}

static int
pg_bind (RoundsDbStmt *self,
         int           index,
         char         *value,
         Oid           type)
{
  if (index < 1 || index > self->n_params)
    {
      g_free (value);
      return ROUNDS_DB_RANGE;
    }

  g_free (self->values[index - 1]);
  self->values[index - 1] = value;
  self->types[index - 1] = type;
  return ROUNDS_DB_OK;
}

int
rounds_db_bind_int64 (RoundsDbStmt *self,
                      int           index,
                      gint64        value)
{
  if (self->sqlite != NULL)
    return sqlite3_bind_int64 (self->sqlite, index, value);
  return pg_bind (self, index, g_strdup_printf ("%" G_GINT64_FORMAT, value), PG_INT8OID);
}

int
rounds_db_bind_int (RoundsDbStmt *self,
                    int           index,
                    int           value)
{
  return rounds_db_bind_int64 (self, index, value);
}

int
rounds_db_bind_null (RoundsDbStmt *self,
                     int           index)
{
  if (self->sqlite != NULL)
    return sqlite3_bind_null (self->sqlite, index);
  return pg_bind (self, index, NULL, 0);
}

/* SQLite only: binds a pointer that only a C function registered on the
 * same connection can read (sqlite3_bind_pointer); a server has no such
 * thing and the bind fails with ROUNDS_DB_MISUSE. */
int
rounds_db_bind_pointer (RoundsDbStmt *self,
                        int           index,
                        gpointer      pointer,
                        const char   *type)
{
  if (self->sqlite != NULL)
    return sqlite3_bind_pointer (self->sqlite, index, pointer, type, NULL);
  return ROUNDS_DB_MISUSE;
}

int
rounds_db_bind_text (RoundsDbStmt       *self,
                     int                 index,
                     const char         *text,
                     int                 n_bytes,
                     RoundsDbDestructor  destroy)
{
  char *copy;

  if (self->sqlite != NULL)
    return sqlite3_bind_text (self->sqlite, index, text, n_bytes, destroy);

  if (text == NULL)
    copy = NULL;
  else
    copy = n_bytes < 0 ? g_strdup (text) : g_strndup (text, n_bytes);
  if (destroy != ROUNDS_DB_STATIC && destroy != ROUNDS_DB_TRANSIENT)
    destroy ((void *)text);
  return pg_bind (self, index, copy, 0);
}

static gboolean
pg_has_value (RoundsDbStmt *self,
              int           index)
{
  return self->result != NULL && self->row >= 0 && self->row < self->n_rows &&
         index >= 0 && index < PQnfields (self->result) &&
         !PQgetisnull (self->result, self->row, index);
}

gint64
rounds_db_column_int64 (RoundsDbStmt *self,
                        int           index)
{
  const char *value;

  if (self->sqlite != NULL)
    return sqlite3_column_int64 (self->sqlite, index);
  if (!pg_has_value (self, index))
    return 0;
  value = PQgetvalue (self->result, self->row, index);
  if (PQftype (self->result, index) == PG_BOOLOID)
    return value[0] == 't' ? 1 : 0;
  return g_ascii_strtoll (value, NULL, 10);
}

int
rounds_db_column_int (RoundsDbStmt *self,
                      int           index)
{
  return (int)rounds_db_column_int64 (self, index);
}

const unsigned char *
rounds_db_column_text (RoundsDbStmt *self,
                       int           index)
{
  if (self->sqlite != NULL)
    return sqlite3_column_text (self->sqlite, index);
  if (!pg_has_value (self, index))
    return NULL;
  return (const unsigned char *)PQgetvalue (self->result, self->row, index);
}

int
rounds_db_column_type (RoundsDbStmt *self,
                       int           index)
{
  if (self->sqlite != NULL)
    return sqlite3_column_type (self->sqlite, index);
  if (!pg_has_value (self, index))
    return ROUNDS_DB_NULL;
  switch (PQftype (self->result, index))
    {
    case PG_BOOLOID:
    case PG_INT2OID:
    case PG_INT4OID:
    case PG_INT8OID:
    case PG_OIDOID:
      return ROUNDS_DB_INTEGER;
    case PG_FLOAT4OID:
    case PG_FLOAT8OID:
    case PG_NUMERICOID:
      return ROUNDS_DB_FLOAT;
    case PG_BYTEAOID:
      return ROUNDS_DB_BLOB;
    default:
      return ROUNDS_DB_TEXT;
    }
}

int
rounds_db_column_count (RoundsDbStmt *self)
{
  if (self->sqlite != NULL)
    return sqlite3_column_count (self->sqlite);
  return self->result != NULL ? PQnfields (self->result) : 0;
}

/* ------------------------------------------------------------------ */
/* The connection                                                       */

/* Splits a script into statements: at semicolons outside quotes, and a
 * CREATE TRIGGER … BEGIN … END; as one. */
GPtrArray *
rounds_db_split_statements (const char *sql)
{
  GPtrArray *statements = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) current = g_string_new (NULL);
  const char *p = sql;
  int depth = 0;

  while (*p != '\0')
    {
      if (starts_quoted (p))
        {
          p = copy_quoted (p, current);
          continue;
        }
      if (at_word (sql, p, "BEGIN") && strstr (current->str, "TRIGGER") != NULL)
        depth++;
      else if (at_word (sql, p, "END") && depth > 0)
        depth--;
      if (*p == ';' && depth == 0)
        {
          g_strstrip (current->str);
          g_string_set_size (current, strlen (current->str));
          if (current->len > 0)
            g_ptr_array_add (statements, g_strdup (current->str));
          g_string_truncate (current, 0);
          p++;
          continue;
        }
      g_string_append_c (current, *p++);
    }
  g_strstrip (current->str);
  if (*current->str != '\0')
    g_ptr_array_add (statements, g_strdup (current->str));
  return statements;
}

int
rounds_db_exec (RoundsDb              *db,
                const char            *sql,
                RoundsDbExecCallback   callback,
                void                  *user_data,
                char                 **errmsg)
{
  g_autoptr(GPtrArray) statements = NULL;

  if (errmsg != NULL)
    *errmsg = NULL;

  if (db->engine == ROUNDS_DB_ENGINE_SQLITE)
    {
      char *message = NULL;
      int rc = sqlite3_exec (db->sqlite, sql, callback, user_data, &message);

      if (message != NULL)
        {
          if (errmsg != NULL)
            *errmsg = g_strdup (message);
          sqlite3_free (message);
        }
      return rc;
    }

  g_return_val_if_fail (callback == NULL, ROUNDS_DB_MISUSE);

  statements = rounds_db_split_statements (sql);
  for (guint i = 0; i < statements->len; i++)
    {
      RoundsDbStmt *stmt = NULL;
      int rc = rounds_db_prepare_v2 (db, g_ptr_array_index (statements, i), -1, &stmt, NULL);

      if (rc == ROUNDS_DB_OK)
        {
          while ((rc = rounds_db_step (stmt)) == ROUNDS_DB_ROW)
            ;
          rounds_db_finalize (stmt);
        }
      if (rc != ROUNDS_DB_DONE && rc != ROUNDS_DB_OK)
        {
          if (errmsg != NULL)
            *errmsg = g_strdup (rounds_db_errmsg (db));
          return rc;
        }
    }
  return ROUNDS_DB_OK;
}

int
rounds_db_changes (RoundsDb *db)
{
  if (db->sqlite != NULL)
    return sqlite3_changes (db->sqlite);
  return db->changes;
}

gint64
rounds_db_last_insert_rowid (RoundsDb *db)
{
  if (db->sqlite != NULL)
    return sqlite3_last_insert_rowid (db->sqlite);
  return db->last_insert_id;
}

int
rounds_db_get_autocommit (RoundsDb *db)
{
  if (db->sqlite != NULL)
    return sqlite3_get_autocommit (db->sqlite);
  return PQtransactionStatus (db->pg) == PQTRANS_IDLE;
}

const char *
rounds_db_errmsg (RoundsDb *db)
{
  if (db->sqlite != NULL)
    return sqlite3_errmsg (db->sqlite);
  if (db->errmsg != NULL)
    return db->errmsg;
  if (PQstatus (db->pg) != CONNECTION_OK)
    return PQerrorMessage (db->pg);
  return "not an error";
}

int
rounds_db_errcode (RoundsDb *db)
{
  if (db->sqlite != NULL)
    return sqlite3_errcode (db->sqlite);
  return db->errcode;
}

int
rounds_db_extended_errcode (RoundsDb *db)
{
  if (db->sqlite != NULL)
    return sqlite3_extended_errcode (db->sqlite);
  return db->errcode;
}

const char *
rounds_db_errstr (int rc)
{
  return sqlite3_errstr (rc);
}

void
rounds_db_free (void *memory)
{
  g_free (memory);
}

void
rounds_db_sleep (int ms)
{
  g_usleep ((gulong)ms * 1000);
}
