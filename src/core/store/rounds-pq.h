/* rounds-pq.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <libpq-fe.h>

G_BEGIN_DECLS

/* libpq, loaded from the module rounds-postgresql.so when a practice
 * server is first connected to (rounds-module.h): a start on SQLite
 * never maps libpq, nor the Kerberos, LDAP and OpenSSL it brings.
 *
 * Include this instead of <libpq-fe.h>: the code calls PQexec() and the
 * rest as before, through the table. Only the functions listed here
 * can be called; add one to the list to use it. rounds_pq_load() must
 * have succeeded before the first call (every use starts from a
 * connection, made in rounds_db_open_postgresql() and rounds-server.c). */

#define ROUNDS_PQ_FUNCTIONS(F) \
  F (PQbackendPID) \
  F (PQcancel) \
  F (PQclear) \
  F (PQcmdStatus) \
  F (PQcmdTuples) \
  F (PQconnectdb) \
  F (PQconnectdbParams) \
  F (PQconnectionNeedsPassword) \
  F (PQconsumeInput) \
  F (PQencryptPasswordConn) \
  F (PQerrorMessage) \
  F (PQexec) \
  F (PQexecParams) \
  F (PQfinish) \
  F (PQflush) \
  F (PQfreeCancel) \
  F (PQfreemem) \
  F (PQftype) \
  F (PQgetCancel) \
  F (PQgetResult) \
  F (PQgetisnull) \
  F (PQgetvalue) \
  F (PQisBusy) \
  F (PQnfields) \
  F (PQnotifies) \
  F (PQntuples) \
  F (PQresultErrorField) \
  F (PQresultStatus) \
  F (PQsendQuery) \
  F (PQsendQueryParams) \
  F (PQserverVersion) \
  F (PQsetNoticeProcessor) \
  F (PQsetnonblocking) \
  F (PQsocket) \
  F (PQstatus) \
  F (PQtransactionStatus)

#define ROUNDS_PQ_MEMBER(name) __typeof__ (name) *name;
typedef struct
{
  ROUNDS_PQ_FUNCTIONS (ROUNDS_PQ_MEMBER)
} RoundsPqApi;
#undef ROUNDS_PQ_MEMBER

#ifndef ROUNDS_PQ_MODULE
extern RoundsPqApi rounds_pq_api;

gboolean rounds_pq_load (GError **error);

#define PQbackendPID              (rounds_pq_api.PQbackendPID)
#define PQcancel                  (rounds_pq_api.PQcancel)
#define PQclear                   (rounds_pq_api.PQclear)
#define PQcmdStatus               (rounds_pq_api.PQcmdStatus)
#define PQcmdTuples               (rounds_pq_api.PQcmdTuples)
#define PQconnectdb               (rounds_pq_api.PQconnectdb)
#define PQconnectdbParams         (rounds_pq_api.PQconnectdbParams)
#define PQconnectionNeedsPassword (rounds_pq_api.PQconnectionNeedsPassword)
#define PQconsumeInput            (rounds_pq_api.PQconsumeInput)
#define PQencryptPasswordConn     (rounds_pq_api.PQencryptPasswordConn)
#define PQerrorMessage            (rounds_pq_api.PQerrorMessage)
#define PQexec                    (rounds_pq_api.PQexec)
#define PQexecParams              (rounds_pq_api.PQexecParams)
#define PQfinish                  (rounds_pq_api.PQfinish)
#define PQflush                   (rounds_pq_api.PQflush)
#define PQfreeCancel              (rounds_pq_api.PQfreeCancel)
#define PQfreemem                 (rounds_pq_api.PQfreemem)
#define PQftype                   (rounds_pq_api.PQftype)
#define PQgetCancel               (rounds_pq_api.PQgetCancel)
#define PQgetResult               (rounds_pq_api.PQgetResult)
#define PQgetisnull               (rounds_pq_api.PQgetisnull)
#define PQgetvalue                (rounds_pq_api.PQgetvalue)
#define PQisBusy                  (rounds_pq_api.PQisBusy)
#define PQnfields                 (rounds_pq_api.PQnfields)
#define PQnotifies                (rounds_pq_api.PQnotifies)
#define PQntuples                 (rounds_pq_api.PQntuples)
#define PQresultErrorField        (rounds_pq_api.PQresultErrorField)
#define PQresultStatus            (rounds_pq_api.PQresultStatus)
#define PQsendQuery               (rounds_pq_api.PQsendQuery)
#define PQsendQueryParams         (rounds_pq_api.PQsendQueryParams)
#define PQserverVersion           (rounds_pq_api.PQserverVersion)
#define PQsetNoticeProcessor      (rounds_pq_api.PQsetNoticeProcessor)
#define PQsetnonblocking          (rounds_pq_api.PQsetnonblocking)
#define PQsocket                  (rounds_pq_api.PQsocket)
#define PQstatus                  (rounds_pq_api.PQstatus)
#define PQtransactionStatus       (rounds_pq_api.PQtransactionStatus)
#endif

G_END_DECLS
