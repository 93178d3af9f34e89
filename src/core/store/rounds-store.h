/* rounds-store.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rounds-audit-entry.h"
#include "rounds-clock.h"
#include "rounds-comment.h"
#include "rounds-post.h"
#include "rounds-practice.h"
#include "rounds-types.h"

G_BEGIN_DECLS

#define ROUNDS_STORE_SCHEMA_VERSION 3
/* Backups kept: every day's newest for the last week, one a week for the
 * four weeks before, the newest ROUNDS_STORE_KEEP_NEWEST whatever their
 * age, and the newest that holds anything (see rounds-store-backup.c). */
#define ROUNDS_STORE_KEEP_NEWEST    3
#define ROUNDS_STORE_KEEP_DAILY     7
#define ROUNDS_STORE_KEEP_WEEKLY    4

/* Posts handed out without a reference (rounds_store_lookup_post(),
 * rounds_store_save_post()) stay valid until this many more were: the
 * only posts the store keeps that nothing else holds. */
#define ROUNDS_STORE_RECENT_POSTS   64

#define ROUNDS_STORE_ERROR (rounds_store_error_quark ())

typedef enum
{
  ROUNDS_STORE_ERROR_NEWER_VERSION,
  ROUNDS_STORE_ERROR_CORRUPT,
  ROUNDS_STORE_ERROR_IO,
  ROUNDS_STORE_ERROR_NOT_FOUND,
  ROUNDS_STORE_ERROR_INVALID,
  ROUNDS_STORE_ERROR_NO_BACKUP,
  ROUNDS_STORE_ERROR_FAILED,
  ROUNDS_STORE_ERROR_BUSY,       /* another program holds the file: try again */
  ROUNDS_STORE_ERROR_CONFLICT,   /* someone else saved the post since it was read */
  ROUNDS_STORE_ERROR_OFFLINE,    /* the practice server cannot be reached: nothing was written */
} RoundsStoreError;

/* A failed daily backup is a warning; this many in a row (a day apart)
 * deserve a notification. */
#define ROUNDS_STORE_BACKUP_FAILURES_TO_NOTIFY 3

/* The result of checking the audit log's hash chain. */
typedef struct
{
  guint   n_entries;
  gboolean intact;
  gint64  broken_id;     /* the first entry that does not fit, 0 if none */
  gint64  broken_at;     /* when it says it was written (UTC) */
  char   *problem;       /* what is wrong there, for the user; NULL if intact */
} RoundsAuditCheck;

typedef enum /*< flags >*/
{
  ROUNDS_STORE_OPEN_DEFAULT    = 0,
  ROUNDS_STORE_OPEN_NO_BACKUPS = 1 << 0,
  /* The day's backup is left to rounds_store_daily_backup_async(); the
   * copy before a migration is still taken while opening. */
  ROUNDS_STORE_OPEN_BACKUP_LATER = 1 << 1,
  /* A practice server's store for one job on a worker thread (the move
   * making the server's schema): no LISTEN and nothing in the main loop.
   * Without it, the store watches its connection's socket from the
   * default main context, which must then be the thread that uses the
   * store: a main loop reading the socket of a connection another
   * thread waits on takes that thread's answers, and it waits for ever. */
  ROUNDS_STORE_OPEN_NO_LIVE = 1 << 2,
} RoundsStoreOpenFlags;

#define ROUNDS_TYPE_STORE (rounds_store_get_type ())

G_DECLARE_FINAL_TYPE (RoundsStore, rounds_store, ROUNDS, STORE, GObject)

GQuark            rounds_store_error_quark            (void);

char             *rounds_store_dup_data_dir           (void);
char             *rounds_store_dup_default_path       (void);
char             *rounds_store_dup_sample_path        (void);

RoundsStore      *rounds_store_open                   (const char            *path,
                                                       RoundsClock           *clock,
                                                       RoundsStoreOpenFlags   flags,
                                                       GError               **error);
RoundsStore      *rounds_store_open_server            (const char            *conninfo,
                                                       const char            *local_path,
                                                       RoundsClock           *clock,
                                                       RoundsStoreOpenFlags   flags,
                                                       GError               **error);
gboolean          rounds_store_is_on_server           (RoundsStore           *self);
gboolean          rounds_store_get_online             (RoundsStore           *self);
const char       *rounds_store_get_offline_reason     (RoundsStore           *self);
guint             rounds_store_get_retry_delay        (RoundsStore           *self);
void              rounds_store_reconnect              (RoundsStore           *self);
const char       *rounds_store_get_path               (RoundsStore           *self);
RoundsClock      *rounds_store_get_clock              (RoundsStore           *self);
int               rounds_store_get_schema_version     (RoundsStore           *self);
const char       *rounds_store_get_actor              (RoundsStore           *self);
void              rounds_store_set_actor              (RoundsStore           *self,
                                                       const char            *actor);
void              rounds_store_close                  (RoundsStore           *self);

RoundsPractice   *rounds_store_get_practice           (RoundsStore           *self);
gboolean          rounds_store_save_practice          (RoundsStore           *self,
                                                       RoundsPractice        *practice,
                                                       GError               **error);

GListModel       *rounds_store_get_posts              (RoundsStore           *self);
RoundsPost       *rounds_store_dup_post               (RoundsStore           *self,
                                                       gint64                 id);
RoundsPost       *rounds_store_lookup_post            (RoundsStore           *self,
                                                       gint64                 id);
GPtrArray        *rounds_store_list_posts_in_status   (RoundsStore           *self,
                                                       RoundsPostStatus       status,
                                                       gint64                 updated_since,
                                                       GError               **error);
gboolean          rounds_store_has_post_in_status     (RoundsStore           *self,
                                                       RoundsPostStatus       status);
RoundsPost       *rounds_store_save_post              (RoundsStore           *self,
                                                       RoundsPost            *post,
                                                       GError               **error);
RoundsPost       *rounds_store_import_post            (RoundsStore           *self,
                                                       RoundsPost            *post,
                                                       RoundsPostStatus       status,
                                                       const char            *reason,
                                                       GError               **error);
gboolean          rounds_store_import_posts           (RoundsStore           *self,
                                                       GPtrArray             *posts,
                                                       RoundsPostStatus       status,
                                                       const char            *reason,
                                                       guint                 *n_imported,
                                                       guint                 *n_duplicates,
                                                       GError               **error);
gboolean          rounds_store_record_conflict        (RoundsStore           *self,
                                                       gint64                 post_id,
                                                       RoundsPost            *mine,
                                                       gint64                 copy_id,
                                                       GError               **error);
gboolean          rounds_store_delete_post            (RoundsStore           *self,
                                                       gint64                 id,
                                                       GError               **error);
RoundsPost       *rounds_store_restore_post           (RoundsStore           *self,
                                                       RoundsPost            *deleted,
                                                       GError               **error);
gboolean          rounds_store_set_post_status        (RoundsStore           *self,
                                                       gint64                 id,
                                                       RoundsPostStatus       status,
                                                       const char            *reason,
                                                       GError               **error);
gboolean          rounds_post_status_can_change       (RoundsPostStatus       from,
                                                       RoundsPostStatus       to);
GPtrArray        *rounds_store_list_posts_between     (RoundsStore           *self,
                                                       gint64                 from_utc,
                                                       gint64                 to_utc,
                                                       GError               **error);

GListModel       *rounds_store_get_comments           (RoundsStore           *self);
gint64            rounds_store_add_comment            (RoundsStore           *self,
                                                       RoundsNetwork          network,
                                                       RoundsCommentKind      kind,
                                                       const char            *author,
                                                       const char            *body,
                                                       gint64                 received_at,
                                                       gint64                 post_id,
                                                       int                    rating,
                                                       GError               **error);

GListModel       *rounds_store_list_audit             (RoundsStore           *self,
                                                       const char            *entity_type,
                                                       gint64                 entity_id,
                                                       GError               **error);

gboolean          rounds_store_check_audit            (RoundsStore           *self,
                                                       RoundsAuditCheck      *result,
                                                       GError               **error);
void              rounds_audit_check_clear            (RoundsAuditCheck      *result);
const RoundsAuditCheck *
                  rounds_store_get_audit_check        (RoundsStore           *self);

char             *rounds_store_backup                 (RoundsStore           *self,
                                                       GError               **error);
const char       *rounds_store_get_backup_error       (RoundsStore           *self);
guint             rounds_store_get_backup_failures    (RoundsStore           *self);
char             *rounds_store_find_restorable_backup (const char            *db_path);
gboolean          rounds_store_maybe_daily_backup     (RoundsStore           *self,
                                                       GError               **error);
void              rounds_store_daily_backup_async     (RoundsStore           *self,
                                                       GCancellable          *cancellable,
                                                       GAsyncReadyCallback    callback,
                                                       gpointer               user_data);
gboolean          rounds_store_daily_backup_finish    (RoundsStore           *self,
                                                       GAsyncResult          *result,
                                                       GError               **error);
GStrv             rounds_store_list_backups           (const char            *db_path);
char             *rounds_store_restore_latest_backup  (const char            *db_path,
                                                       GError               **error);
char             *rounds_store_move_aside             (const char            *db_path,
                                                       GError               **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RoundsAuditCheck, rounds_audit_check_clear)

/* Everything committed so far reaches the disk, waited for on a worker. */
void              rounds_store_sync_async             (RoundsStore           *self,
                                                       GCancellable          *cancellable,
                                                       GAsyncReadyCallback    callback,
                                                       gpointer               user_data);
gboolean          rounds_store_sync_finish            (RoundsStore           *self,
                                                       GAsyncResult          *result,
                                                       GError               **error);

G_END_DECLS
