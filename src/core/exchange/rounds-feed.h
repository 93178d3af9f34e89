/* rounds-feed.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rounds-store.h"

G_BEGIN_DECLS

/* The practice's website as a channel (issue 22): an Atom 1.0 feed
 * (RFC 4287) of the published posts, all of them or one network's, so
 * that the website can show the latest posts.
 *
 * - Ids are tag: URIs (RFC 4151) that never change for a post:
 *   tag:AUTHORITY,SINCE:post/ID, AUTHORITY being the host of the
 *   practice's website and SINCE the day the feed was set up.
 * - Times are RFC 3339 in UTC ("2026-03-01T14:00:00Z").
 * - Text is escaped, and characters XML 1.0 cannot carry are dropped.
 * - An entry links to the live post when a network gave its address.
 *
 * The feed is written to a folder (GIO over a local path: written to a
 * temporary file and renamed, so the website never serves half a file)
 * or to a WebDAV or SFTP location (dav://, davs://, sftp://) through
 * GIO's virtual file systems. */

#define ROUNDS_FEED_ERROR (rounds_feed_error_quark ())

typedef enum
{
  ROUNDS_FEED_ERROR_NO_LOCATION,   /* nowhere set */
  ROUNDS_FEED_ERROR_UNSUPPORTED,   /* a scheme this computer cannot reach */
  ROUNDS_FEED_ERROR_SIGN_IN,       /* the server refused the user name or password */
  ROUNDS_FEED_ERROR_NOT_FOUND,     /* the folder does not exist */
  ROUNDS_FEED_ERROR_DENIED,        /* no permission to write there */
  ROUNDS_FEED_ERROR_FAILED,
} RoundsFeedError;

GQuark rounds_feed_error_quark (void);

typedef struct
{
  const char    *title;      /* the practice's name */
  const char    *authority;  /* the host in tag: ids ("clinic.example"); NULL: "localhost" */
  const char    *since;      /* YYYY-MM-DD, the date in tag: ids */
  const char    *self_url;   /* where the website serves the feed, or NULL */
  const char    *website;    /* the practice's website, or NULL */
  RoundsNetwork  network;    /* one network, or 0 for all */
} RoundsFeedInfo;

typedef struct
{
  gint64         post_id;
  char          *title;
  char          *body;
  char          *url;        /* the live post, or NULL */
  GPtrArray     *related;    /* (char *) other networks' addresses of the same post */
  RoundsNetwork  networks;
  gint64         published;  /* UTC seconds */
  gint64         updated;    /* UTC seconds */
} RoundsFeedEntry;

void              rounds_feed_entry_free     (RoundsFeedEntry      *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RoundsFeedEntry, rounds_feed_entry_free)

/* The published posts for @network (0: all), newest first, at most
 * @limit (0: no limit). (transfer full): RoundsFeedEntry. */
GPtrArray        *rounds_feed_collect        (RoundsStore          *store,
                                              RoundsNetwork         network,
                                              guint                 limit,
                                              GError              **error);

/* The Atom document for @entries; @now is the feed's updated time when
 * there is no entry. */
char             *rounds_feed_render         (const RoundsFeedInfo *info,
                                              GPtrArray            *entries,
                                              gint64                now);

/* The file name in the chosen folder: "posts.atom", or
 * "posts-facebook.atom" for one network. */
char             *rounds_feed_file_name      (RoundsNetwork         network);

/* The host of @url ("https://www.clinic.example/blog" → "www.clinic.example"),
 * or NULL when it has none. */
char             *rounds_feed_dup_authority  (const char           *url);

/* Whether this computer can write to @uri's scheme (file is always
 * there; dav, davs and sftp need GVFS). */
gboolean          rounds_feed_location_is_supported (const char    *uri);

/* Writes @xml as @file_name in the folder @folder_uri (a path or a
 * file://, dav://, davs:// or sftp:// URI), mounting the location with
 * @user and @password (either may be NULL) when it asks. */
void              rounds_feed_write_async    (const char           *folder_uri,
                                              const char           *file_name,
                                              const char           *xml,
                                              const char           *user,
                                              const char           *password,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
/* Returns: (transfer full): the URI written, or NULL with a
 * ROUNDS_FEED_ERROR that says what to do. */
char             *rounds_feed_write_finish   (GAsyncResult         *result,
                                              GError              **error);

/* Keeps the feed up to date: rewritten shortly after a post is
 * published (or a published post changes, or a post is deleted), and on
 * request. */
#define ROUNDS_TYPE_FEED_WRITER (rounds_feed_writer_get_type ())

G_DECLARE_FINAL_TYPE (RoundsFeedWriter, rounds_feed_writer, ROUNDS, FEED_WRITER, GObject)

RoundsFeedWriter *rounds_feed_writer_new     (RoundsStore          *store);
/* @folder_uri NULL or "": off. Strings are copied. */
void              rounds_feed_writer_configure (RoundsFeedWriter   *self,
                                              const char           *folder_uri,
                                              RoundsNetwork         network,
                                              const char           *self_url,
                                              const char           *since,
                                              const char           *user,
                                              const char           *password);
/* Writes now; ::written follows. */
void              rounds_feed_writer_write_now (RoundsFeedWriter   *self);
/* The last write's error message, or NULL after a success or before
 * any write. */
const char       *rounds_feed_writer_get_last_error (RoundsFeedWriter *self);
/* For tests: how long after a publication the feed is written (ms). */
void              rounds_feed_writer_set_delay (RoundsFeedWriter   *self,
                                              guint                 ms);

G_END_DECLS
