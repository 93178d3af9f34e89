/* rounds-store-private.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "rounds-db.h"

#include "rounds-person.h"
#include "rounds-store.h"
#include "rounds-store-inbox.h"
#include "rounds-store-people.h"

G_BEGIN_DECLS

/* The store is one GObject whose code is split by concern over
 * rounds-store-*.c (see docs/architecture.md); those files share this
 * instance struct. Nothing outside src/core/store/ includes this header. */
struct _RoundsStore
{
  GObject          parent_instance;
  char            *path;
  RoundsClock     *clock;
  RoundsDb        *db;           /* SQLite, or a PostgreSQL server (rounds-db.h) */
  char            *conninfo;     /* the server's connection string; NULL for SQLite */
  char            *schema;       /* on a server: the practice's schema (notifications) */
  guint            server_watch; /* on a server: notifications from the other PCs */
  guint            notify_idle;
  /* rounds-store-live.c: the server's connection (a file is always online) */
  gboolean         offline;
  char            *offline_reason;
  guint            retry_id;       /* the next attempt to reconnect */
  guint            retry_delay;    /* seconds until it, doubling up to a minute */
  GCancellable    *reconnecting;   /* an attempt under way on a worker */
  guint            lost_idle;      /* a statement found the connection broken */
  GHashTable      *statements;   /* SQL text → RoundsDbStmt, reused */
  RoundsPractice  *practice;
  /* No post is read at open: posts come from queries (issue 17). */
  GHashTable      *live_posts;   /* gint64* id → the store's own post, weak: while alive */
  GQueue          *recent_posts; /* strong refs, at most ROUNDS_STORE_RECENT_POSTS */
  GListModel      *all_posts;    /* rounds_store_get_posts(): made when first asked */
  /* No comment is read at open either: the Inbox's list asks (issue 17). */
  GListModel      *all_comments; /* rounds_store_get_comments(): made when first asked */
  GQueue          *recent_comments; /* strong refs handed out transfer-none, a few */
  char            *actor;
  RoundsStoreOpenFlags flags;
  char            *backup_error;     /* why the last daily backup failed */
  guint            backup_failures;  /* in a row, also across restarts */
  RoundsAuditCheck audit_check;      /* the chain as checked at open */
  gboolean         unsynced;         /* in a transaction begun with _begin_unsynced */
  gboolean         checkpoint_wanted; /* the WAL is long: the next sync checkpoints it */
  struct _RoundsStorePeople *people; /* rounds-store-people.c, read when first asked */
};

/* Tests only: returns TRUE to make a restore fail at @step ("copy",
 * "verify", "sync", "keep", "keep-wal", "keep-journal", "commit",
 * "remove-wal", "remove-shm", "remove-journal", "move-in"). */
typedef gboolean (*RoundsStoreFaultHook) (const char *step);
extern RoundsStoreFaultHook _rounds_store_fault_hook;

/* Tests only (the store test matrix, tests/core/store-engine.c): returns
 * the connection string of a server database to open instead of the
 * file @path, or NULL to open the file. */
typedef char *(*RoundsStoreServerHook) (const char *path);
extern RoundsStoreServerHook _rounds_store_server_hook;

/* rounds-store-backup.c: before opening, finish or clear a restore
 * that a crash interrupted */
gboolean       _rounds_store_recover_restore       (const char    *db_path,
                                                    GError       **error);

/* rounds-store-live.c: live updates from the other PCs, going offline
 * and reconnecting (a server only) */
gboolean       _rounds_store_listen                (RoundsStore   *self,
                                                    GError       **error);
void           _rounds_store_live_stop             (RoundsStore   *self);
void           _rounds_store_emit_row_changed      (RoundsStore   *self,
                                                    const char    *table,
                                                    const char    *key);
void           _rounds_store_notify_online         (RoundsStore   *self);
/* rounds-store-posts.c: every post read again after a reconnection */
gboolean       _rounds_store_refresh_posts         (RoundsStore   *self,
                                                    GError       **error);
/* rounds-store-comments.c: one inbox item read again (another PC) */
gboolean       _rounds_store_reload_comment        (RoundsStore   *self,
                                                    gint64         id,
                                                    GError       **error);
/* rounds-store-people.c: the people read again, if they were read */
gboolean       _rounds_store_reload_people         (RoundsStore   *self,
                                                    GError       **error);

/* rounds-store.c: the connection */
gboolean       _rounds_store_ensure_open           (RoundsStore   *self,
                                                    GError       **error);
gboolean       _rounds_store_ensure_private_file   (const char    *path,
                                                    GError       **error);
gboolean       _rounds_store_check_integrity       (sqlite3       *db,
                                                    GError       **error);
/* Maps an SQLite result code to a RoundsStoreError; returns FALSE. */
gboolean       _rounds_store_db_error              (RoundsDb      *db,
                                                    int            rc,
                                                    GError       **error,
                                                    const char    *what);
/* The same for a raw SQLite handle (backups, checks of other files) */
gboolean       _rounds_store_sqlite_error          (sqlite3       *db,
                                                    int            rc,
                                                    GError       **error,
                                                    const char    *what);
/* A connection of a worker thread's own: the file read only, or the server */
RoundsDb      *_rounds_store_open_reader           (const char    *path,
                                                    const char    *conninfo,
                                                    const char    *read_error,
                                                    GError       **error);
void           _rounds_store_emit_practice_changed (RoundsStore   *self);
void           _rounds_store_emit_comments_changed (RoundsStore   *self);
/* One comment changed (0: any may have): the comment lists look again */
void           _rounds_store_emit_comment_changed  (RoundsStore   *self,
                                                    gint64         id);

/* rounds-store-comments.c, rounds-store-comment-list.c */
#define ROUNDS_STORE_COMMENT_COLUMNS \
  "id, network, kind, author, body, received_at, post_id, rating, is_read," \
  " account_id, remote_id, parent_remote_id, author_handle, url, triage," \
  " state, deleted_at, by_hand, fetched_at, answered_at"
gpointer       _rounds_store_comment_of_row        (RoundsStore   *self,
                                                    RoundsDbStmt  *stmt);
GListModel    *_rounds_comment_list_new_all        (RoundsStore   *store);
GListModel    *_rounds_comment_list_new_filtered   (RoundsStore   *store,
                                                    const RoundsInboxFilter *filter);
void           _rounds_comment_list_forget_store   (GListModel    *list);

/* rounds-store-migrations.c */
gboolean       _rounds_store_read_user_version     (sqlite3       *db,
                                                    int           *version,
                                                    GError       **error);
/* PRAGMA user_version on SQLite, the schema_version table on a server */
gboolean       _rounds_store_read_schema_version   (RoundsDb      *db,
                                                    int           *version,
                                                    GError       **error);
gboolean       _rounds_store_migrate               (RoundsStore   *self,
                                                    int            from,
                                                    GError       **error);
/* Runs schema SQL written for SQLite (a migration step, a trigger put
 * back): as it is on SQLite; on a server statement by statement, with
 * the server's own words for the few that differ (triggers). */
int            _rounds_store_exec_schema           (RoundsDb      *db,
                                                    const char    *sql,
                                                    char         **errmsg);

/* rounds-store-backup.c */
char          *_rounds_store_backup_connection     (sqlite3       *db,
                                                    const char    *db_path,
                                                    RoundsClock   *clock,
                                                    GError       **error);

/* Read at open: rounds-store-practice.c, -comments.c (posts are not:
 * they are read when asked for, rounds-store-posts.c) */
gboolean       _rounds_store_load_practice         (RoundsStore   *self,
                                                    GError       **error);
gboolean       _rounds_store_load_comments         (RoundsStore   *self,
                                                    GError       **error);

/* rounds-store-people.c */
typedef struct _RoundsStorePeople RoundsStorePeople;
void           _rounds_store_people_free           (RoundsStorePeople *people);
gboolean       _rounds_store_migrate_people        (RoundsDb      *db,
                                                    GError       **error);
gboolean       _rounds_store_require_signature     (RoundsStore   *self,
                                                    GError       **error);
gint64         _rounds_store_acting_person         (RoundsStore   *self,
                                                    const char   **name);
RoundsPerson  *_rounds_person_new                  (gint64         id);
void           _rounds_person_update               (RoundsPerson     *self,
                                                    const char       *name,
                                                    RoundsPersonRole  role,
                                                    const char       *job_title,
                                                    gboolean          active,
                                                    gboolean          has_pin);
void           _rounds_person_set_login            (RoundsPerson     *self,
                                                    const char       *login);

/* rounds-store-media.c: a post's images on a practice server */
gboolean       _rounds_store_media_upload          (RoundsDb         *db,
                                                    const char       *path,
                                                    char            **sha256,
                                                    GError          **error);
gboolean       _rounds_store_media_upload_all      (RoundsStore      *self,
                                                    GPtrArray        *media,
                                                    GError          **error);
void           _rounds_store_media_localize        (RoundsStore      *self,
                                                    GPtrArray        *media);

/* rounds-store-audit.c */
gboolean       _rounds_store_check_audit_db        (RoundsDb         *db,
                                                    RoundsAuditCheck *result,
                                                    GError          **error);
gboolean       _rounds_store_chain_audit           (RoundsDb      *db,
                                                    GError       **error);
void           _rounds_store_check_audit_at_open   (RoundsStore   *self);
gboolean _rounds_store_write_audit (RoundsStore  *self,
                                    const char   *entity_type,
                                    gint64        entity_id,
                                    const char   *action,
                                    const char   *from_state,
                                    const char   *to_state,
                                    const char   *reason,
                                    const char   *text_hash,
                                    GError      **error);

/* For feature files that keep their own tables (rounds-store-FEATURE.c):
 * the store's cached statements, transactions and error mapping. Main
 * thread only, like the store. */
RoundsDbStmt  *_rounds_store_prepare           (RoundsStore   *self,
                                                const char    *sql,
                                                GError       **error);
gboolean       _rounds_store_begin             (RoundsStore   *self,
                                                GError       **error);
gboolean       _rounds_store_commit            (RoundsStore   *self,
                                                GError       **error);
/* A write transaction whose commit does not wait for the disk (WAL with
 * synchronous = NORMAL): it survives the process being killed, and is
 * made durable against power loss by rounds_store_sync_async(), off the
 * main thread. The connection is back to FULL after the commit or
 * rollback. For the publishing queue's many small moves. */
gboolean       _rounds_store_begin_unsynced    (RoundsStore   *self,
                                                GError       **error);
void           _rounds_store_rollback          (RoundsStore   *self);
gboolean       _rounds_store_step_done         (RoundsStore   *self,
                                                RoundsDbStmt  *stmt,
                                                GError       **error,
                                                const char    *what);
gboolean       _rounds_store_set_error         (RoundsStore   *self,
                                                int            rc,
                                                GError       **error,
                                                const char    *what);
void           _rounds_store_bind_text         (RoundsDbStmt  *stmt,
                                                int            index,
                                                const char    *text);
gpointer       _rounds_store_finding_ack_of_row (RoundsStore   *self,
                                                 RoundsDbStmt  *stmt);
const char    *_rounds_store_column_text       (RoundsDbStmt  *stmt,
                                                int            index);
/* One element of a query's result from the current row of @stmt. */
typedef gpointer (*RoundsStoreRowFunc) (RoundsStore  *self,
                                        RoundsDbStmt *stmt);
GPtrArray     *_rounds_store_read_rows         (RoundsStore        *self,
                                                RoundsDbStmt       *stmt,
                                                RoundsStoreRowFunc  read_row,
                                                GDestroyNotify      free_row,
                                                GError            **error,
                                                const char         *what);
/* A RoundsStoreRowFunc for "SELECT id FROM posts …": a reference to the
 * store's own post with that id (read by id unless alive; skips ids no
 * longer there). Prefer selecting ROUNDS_STORE_POST_COLUMNS. */
gpointer       _rounds_store_post_of_row       (RoundsStore   *self,
                                                RoundsDbStmt  *stmt);
gint64         _rounds_store_last_insert_rowid (RoundsStore   *self);
gboolean       _rounds_store_reload_post       (RoundsStore   *self,
                                                gint64         id,
                                                GError       **error);
/* The columns _rounds_store_new_post_of_row() reads, in its order, and
 * that function: the store's own post of the current row (the object
 * already alive for that id, brought up to date, or a new one). */
#define ROUNDS_STORE_POST_COLUMNS "id, title, body, status, scheduled_at, networks, " \
                                  "last_error, created_at, updated_at, version"
/* The identity table: @post (a new object the store made) becomes the
 * store's own for its id, or the object already alive takes its fields.
 * Returns (transfer full) the store's own. */
RoundsPost    *_rounds_store_intern_post       (RoundsStore   *self,
                                                RoundsPost    *post);
void           _rounds_store_forget_posts      (RoundsStore   *self);
/* Binds @n ids to ?1 … ?n of "id IN (?1, …, ?max)" and NULL to the rest */
void           _rounds_store_bind_ids          (RoundsDbStmt *stmt,
                                                const gint64 *ids,
                                                guint         n,
                                                guint         max);
/* rounds-store-publish.c: the publications of up to
 * PUBLICATIONS_OF_MAX posts, on any thread (see there) */
#define PUBLICATIONS_OF_MAX 64
gboolean       _rounds_store_read_publications_of (RoundsDb     *db,
                                                   const gint64 *post_ids,
                                                   guint         n,
                                                   GHashTable   *into,
                                                   GError      **error);
/* rounds-store-post-list.c: the list behind rounds_store_get_posts() */
GListModel    *_rounds_post_list_new_by_id     (RoundsStore   *store);
void           _rounds_store_emit_post_removed (RoundsStore   *self,
                                                gint64         id);
void           _rounds_store_emit_posts_imported (RoundsStore *self,
                                                  guint        n_posts);
gpointer       _rounds_store_new_post_of_row   (RoundsStore   *self,
                                                RoundsDbStmt  *stmt);
RoundsPost    *_rounds_post_new_of_row         (RoundsDbStmt  *stmt);
void           _rounds_store_emit_post_changed (RoundsStore   *self,
                                                RoundsPost    *post);
/* Inside a transaction the caller holds: writes a new post row in
 * @status with its "imported" audit entry; after the commit,
 * _rounds_store_add_post() puts it in the posts list (transfer none). */
gboolean       _rounds_store_insert_post_row   (RoundsStore       *self,
                                                RoundsPost        *post,
                                                RoundsPostStatus   status,
                                                const char        *reason,
                                                gint64            *out_id,
                                                GError           **error);
RoundsPost    *_rounds_store_add_post          (RoundsStore       *self,
                                                RoundsPost        *post,
                                                gint64             id,
                                                RoundsPostStatus   status);

G_END_DECLS
