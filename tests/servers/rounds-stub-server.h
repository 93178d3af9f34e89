/* rounds-stub-server.h — what every network stand-in shares
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* A fault injected into the next @count requests whose path starts with
 * @path_prefix. @kind is the stub's own fault enum; the other fields are
 * used as that stub's kinds need them. */
typedef struct
{
  char  *path_prefix;
  int    kind;
  guint  status;
  guint  count;
  char  *retry_after;   /* a Retry-After header, or NULL */
  int    code;          /* the network's error code (Graph) */
  guint  minutes;       /* Graph: estimated_time_to_regain_access */
  char  *status_name;   /* Google: the error's status name */
} RoundsStubFault;

void             rounds_stub_fault_free        (RoundsStubFault    *fault);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RoundsStubFault, rounds_stub_fault_free)

/* The server part of a stub, embedded in its instance struct. */
typedef struct
{
  SoupServer *server;
  guint       port;
  char       *base_url;   /* "http://127.0.0.1:PORT" */
  GPtrArray  *faults;     /* RoundsStubFault, first added first used */
  GPtrArray  *held;       /* requests a HANG fault never answers */
} RoundsStubServer;

/* Listens on 127.0.0.1 (a free port) with @callback for every path. */
gboolean         rounds_stub_server_start      (RoundsStubServer   *self,
                                                const char         *server_header,
                                                SoupServerCallback  callback,
                                                gpointer            user_data,
                                                GError            **error);
/* Answers held requests with 503, stops listening, frees everything. */
void             rounds_stub_server_stop       (RoundsStubServer   *self);
/* Returns the fault, owned by @self, for the caller to fill in more. */
RoundsStubFault *rounds_stub_server_add_fault  (RoundsStubServer   *self,
                                                const char         *path_prefix,
                                                int                 kind,
                                                guint               status,
                                                guint               count,
                                                const char         *retry_after);
/* The first fault for @path, counted as used (transfer full: a copy),
 * or NULL. */
RoundsStubFault *rounds_stub_server_take_fault (RoundsStubServer   *self,
                                                const char         *path);
/* Never answers @msg (until the server stops). */
void             rounds_stub_server_hold       (RoundsStubServer   *self,
                                                SoupServerMessage  *msg);

/* Closes the connection without an answer. */
void             rounds_stub_cut               (SoupServerMessage  *msg);
/* An HTML error page, as a proxy or a crashed server sends. */
void             rounds_stub_respond_html      (SoupServerMessage  *msg,
                                                guint               status,
                                                const char         *page);

G_END_DECLS
