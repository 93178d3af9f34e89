/* rounds-feed.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-feed"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rounds-feed.h"
#include "rounds-store-publish.h"
#include "rounds-markup.h"

/* The Atom feed of published posts. Collecting reads the store's posts
 * and publications; rendering is a pure function; writing is GIO. See
 * rounds-feed.h for the rules the document follows. */

#define ATOM_NS "http://www.w3.org/2005/Atom"

G_DEFINE_QUARK (rounds-feed-error-quark, rounds_feed_error)

void
rounds_feed_entry_free (RoundsFeedEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->title);
  g_free (entry->body);
  g_free (entry->url);
  g_clear_pointer (&entry->related, g_ptr_array_unref);
  g_free (entry);
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const RoundsFeedEntry *x = *(RoundsFeedEntry * const *)a;
  const RoundsFeedEntry *y = *(RoundsFeedEntry * const *)b;

  if (x->published != y->published)
    return x->published > y->published ? -1 : 1;
  return x->post_id > y->post_id ? -1 : x->post_id < y->post_id;
}

static RoundsFeedEntry *
entry_for_post (RoundsStore    *store,
                RoundsPost     *post,
                RoundsNetwork   network,
                GError        **error)
{
  g_autoptr(GPtrArray) publications = NULL;
  g_autoptr(RoundsFeedEntry) entry = g_new0 (RoundsFeedEntry, 1);
  gint64 published = 0;

  publications = rounds_store_list_publications (store, rounds_post_get_id (post), error);
  if (publications == NULL)
    return NULL;

  entry->post_id = rounds_post_get_id (post);
  entry->title = rounds_post_dup_display_title (post);
  entry->body = g_strdup (rounds_post_get_body (post));
  entry->networks = rounds_post_get_networks (post);
  entry->related = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < publications->len; i++)
    {
      RoundsPublication *publication = publications->pdata[i];
      const char *url = rounds_publication_get_url (publication);

      if (rounds_publication_get_state (publication) != ROUNDS_PUBLICATION_PUBLISHED)
        continue;
      if (network != 0 && rounds_publication_get_network (publication) != network)
        continue;
      if (published == 0 || rounds_publication_get_published_at (publication) < published)
        published = rounds_publication_get_published_at (publication);
      if (url == NULL || url[0] == '\0')
        continue;
      if (entry->url == NULL)
        entry->url = g_strdup (url);
      else if (g_strcmp0 (entry->url, url) != 0)
        g_ptr_array_add (entry->related, g_strdup (url));
    }

  /* Published by hand (no publication row): the time it was due. */
  if (published <= 0)
    published = rounds_post_get_scheduled_at (post) > 0 ? rounds_post_get_scheduled_at (post)
                                                         : rounds_post_get_updated_at (post);
  entry->published = published;
  entry->updated = MAX (published, rounds_post_get_updated_at (post));
  return g_steal_pointer (&entry);
}

GPtrArray *
rounds_feed_collect (RoundsStore    *store,
                     RoundsNetwork   network,
                     guint           limit,
                     GError        **error)
{
  g_autoptr(GPtrArray) posts = NULL;
  g_autoptr(GPtrArray) entries = NULL;

  g_return_val_if_fail (ROUNDS_IS_STORE (store), NULL);

  /* The published posts alone, through the status index. */
  posts = rounds_store_list_posts_in_status (store, ROUNDS_POST_STATUS_PUBLISHED, 0, error);
  if (posts == NULL)
    return NULL;
  entries = g_ptr_array_new_with_free_func ((GDestroyNotify)rounds_feed_entry_free);
  for (guint i = 0; i < posts->len; i++)
    {
      RoundsPost *post = g_ptr_array_index (posts, i);
      RoundsFeedEntry *entry;

      if (network != 0 && (rounds_post_get_networks (post) & network) == 0)
        continue;
      entry = entry_for_post (store, post, network, error);
      if (entry == NULL)
        return NULL;
      g_ptr_array_add (entries, entry);
    }

  g_ptr_array_sort (entries, compare_entries);
  if (limit > 0 && entries->len > limit)
    g_ptr_array_set_size (entries, limit);
  return g_steal_pointer (&entries);
}

/* ---- rendering ------------------------------------------------------ */

static char *
format_time (gint64 when)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (MAX (when, 0));

  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

static void
append_element (GString    *out,
                const char *indent,
                const char *name,
                const char *attributes,
                const char *text)
{
  g_autofree char *escaped = rounds_xml_escape (text);

  g_string_append_printf (out, "%s<%s%s%s>%s</%s>\n", indent, name,
                          attributes != NULL ? " " : "", attributes != NULL ? attributes : "",
                          escaped, name);
}

static void
append_link (GString    *out,
             const char *indent,
             const char *rel,
             const char *href,
             const char *type)
{
  g_autofree char *escaped = rounds_xml_escape (href);

  g_string_append_printf (out, "%s<link rel=\"%s\" href=\"%s\"%s%s%s/>\n", indent, rel, escaped,
                          type != NULL ? " type=\"" : "", type != NULL ? type : "",
                          type != NULL ? "\"" : "");
}

static gboolean
is_web_url (const char *url)
{
  return url != NULL && (g_str_has_prefix (url, "https://") || g_str_has_prefix (url, "http://"));
}

char *
rounds_feed_render (const RoundsFeedInfo *info,
                    GPtrArray            *entries,
                    gint64                now)
{
  GString *out = g_string_new ("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
  const char *authority = info->authority != NULL && info->authority[0] != '\0'
                            ? info->authority : "localhost";
  const char *since = info->since != NULL && info->since[0] != '\0' ? info->since : "2026-01-01";
  g_autofree char *feed_id = NULL;
  g_autofree char *updated = NULL;
  g_autofree char *title = NULL;
  gint64 newest = 0;

  g_return_val_if_fail (info != NULL, NULL);
  g_return_val_if_fail (entries != NULL, NULL);

  for (guint i = 0; i < entries->len; i++)
    newest = MAX (newest, ((RoundsFeedEntry *)entries->pdata[i])->updated);
  updated = format_time (newest > 0 ? newest : now);

  feed_id = g_strdup_printf ("tag:%s,%s:rounds/feed/%s", authority, since,
                             info->network != 0 ? rounds_network_to_string (info->network)
                                                : "all");
  if (info->network != 0)
    /* TRANSLATORS: the feed's title: the practice's name and a network */
    title = g_strdup_printf (_("%s on %s"),
                             info->title != NULL && info->title[0] != '\0' ? info->title
                                                                           : _("Our practice"),
                             rounds_network_get_label (info->network));
  else
    title = g_strdup (info->title != NULL && info->title[0] != '\0' ? info->title
                                                                     : _("Our practice"));

  g_string_append (out, "<feed xmlns=\"" ATOM_NS "\">\n");
  append_element (out, "  ", "id", NULL, feed_id);
  append_element (out, "  ", "title", "type=\"text\"", title);
  append_element (out, "  ", "updated", NULL, updated);
  g_string_append (out, "  <author>\n");
  append_element (out, "    ", "name", NULL, title);
  if (is_web_url (info->website))
    append_element (out, "    ", "uri", NULL, info->website);
  g_string_append (out, "  </author>\n");
  if (is_web_url (info->self_url))
    append_link (out, "  ", "self", info->self_url, "application/atom+xml");
  if (is_web_url (info->website))
    append_link (out, "  ", "alternate", info->website, "text/html");
  append_element (out, "  ", "generator", "uri=\"https://github.com/roundsapp/rounds\"",
                  "Rounds");

  for (guint i = 0; i < entries->len; i++)
    {
      RoundsFeedEntry *entry = entries->pdata[i];
      g_autofree char *entry_id = g_strdup_printf ("tag:%s,%s:rounds/post/%" G_GINT64_FORMAT,
                                                   authority, since, entry->post_id);
      g_autofree char *published = format_time (entry->published);
      g_autofree char *entry_updated = format_time (entry->updated);

      g_string_append (out, "  <entry>\n");
      append_element (out, "    ", "id", NULL, entry_id);
      append_element (out, "    ", "title", "type=\"text\"", entry->title);
      append_element (out, "    ", "published", NULL, published);
      append_element (out, "    ", "updated", NULL, entry_updated);
      if (is_web_url (entry->url))
        append_link (out, "    ", "alternate", entry->url, "text/html");
      for (guint j = 0; entry->related != NULL && j < entry->related->len; j++)
        if (is_web_url (entry->related->pdata[j]))
          append_link (out, "    ", "related", entry->related->pdata[j], "text/html");
      for (guint bit = 0; bit < ROUNDS_N_NETWORKS; bit++)
        {
          RoundsNetwork n = rounds_network_from_index (bit);
          g_autofree char *term = NULL;

          if ((entry->networks & n) == 0)
            continue;
          term = rounds_xml_escape (rounds_network_to_string (n));
          g_string_append_printf (out, "    <category term=\"%s\"/>\n", term);
        }
      append_element (out, "    ", "content", "type=\"text\"",
                      entry->body != NULL ? entry->body : "");
      g_string_append (out, "  </entry>\n");
    }
  g_string_append (out, "</feed>\n");
  return g_string_free (out, FALSE);
}

char *
rounds_feed_file_name (RoundsNetwork network)
{
  if (network == 0)
    return g_strdup ("posts.atom");
  return g_strdup_printf ("posts-%s.atom", rounds_network_to_string (network));
}

char *
rounds_feed_dup_authority (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *with_scheme = NULL;

  if (url == NULL || url[0] == '\0')
    return NULL;
  /* "clinic.example" typed without a scheme is a host too. */
  if (strstr (url, "://") == NULL)
    url = with_scheme = g_strconcat ("https://", url, NULL);
  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0')
    return NULL;
  return g_ascii_strdown (g_uri_get_host (uri), -1);
}

/* ---- writing --------------------------------------------------------- */

static char *
dup_scheme (const char *uri)
{
  if (g_path_is_absolute (uri))
    return g_strdup ("file");
  return g_uri_parse_scheme (uri);
}

gboolean
rounds_feed_location_is_supported (const char *uri)
{
  g_autofree char *scheme = NULL;
  const char * const *schemes;

  if (uri == NULL || uri[0] == '\0')
    return FALSE;
  scheme = dup_scheme (uri);
  if (scheme == NULL)
    return FALSE;
  if (g_str_equal (scheme, "file"))
    return TRUE;
  schemes = g_vfs_get_supported_uri_schemes (g_vfs_get_default ());
  return schemes != NULL && g_strv_contains (schemes, scheme);
}

typedef struct
{
  GFile           *file;
  GBytes          *bytes;
  char            *user;
  char            *password;
  gboolean         mounted;
  guint            password_asked;
} WriteData;

static void
write_data_free (WriteData *data)
{
  g_clear_object (&data->file);
  g_clear_pointer (&data->bytes, g_bytes_unref);
  g_free (data->user);
  if (data->password != NULL)
    memset (data->password, 0, strlen (data->password));
  g_free (data->password);
  g_free (data);
}

static GError *
map_error (const GError *error,
           GFile        *file)
{
  g_autofree char *where = g_file_get_parse_name (file);

  if (error->domain == G_IO_ERROR)
    switch (error->code)
      {
      case G_IO_ERROR_NOT_FOUND:
        {
          g_autoptr(GFile) parent = g_file_get_parent (file);
          g_autofree char *folder = parent != NULL ? g_file_get_parse_name (parent)
                                                   : g_strdup (where);

          return g_error_new (ROUNDS_FEED_ERROR, ROUNDS_FEED_ERROR_NOT_FOUND,
                              _("The folder for the feed does not exist: %s. Choose a folder "
                                "that does, or create it."), folder);
        }
      case G_IO_ERROR_PERMISSION_DENIED:
      case G_IO_ERROR_READ_ONLY:
        return g_error_new (ROUNDS_FEED_ERROR, ROUNDS_FEED_ERROR_DENIED,
                            _("Rounds may not write the feed to %s. Choose a folder you can "
                              "write to, or ask whoever runs the website."), where);
      case G_IO_ERROR_NOT_SUPPORTED:
        return g_error_new (ROUNDS_FEED_ERROR, ROUNDS_FEED_ERROR_UNSUPPORTED,
                            _("This computer cannot reach %s: WebDAV and SFTP need GVFS "
                              "(the gvfs-backends package)."), where);
      case G_IO_ERROR_FAILED_HANDLED:
        return g_error_new (ROUNDS_FEED_ERROR, ROUNDS_FEED_ERROR_SIGN_IN,
                            _("The server at %s did not accept the user name and password."),
                            where);
      default:
        break;
      }
  return g_error_new (ROUNDS_FEED_ERROR, ROUNDS_FEED_ERROR_FAILED,
                      _("The feed could not be written to %s: %s"), where, error->message);
}

static void replace_start (GTask *task);

static void
ask_password_cb (GMountOperation   *op,
                 const char        *message,
                 const char        *default_user,
                 const char        *default_domain,
                 GAskPasswordFlags  flags,
                 GTask             *task)
{
  WriteData *data = g_task_get_task_data (task);

  /* Asked again: the first answer was refused. */
  if (data->password_asked++ > 0 || data->password == NULL)
    {
      g_mount_operation_reply (op, G_MOUNT_OPERATION_ABORTED);
      return;
    }
  if (data->user != NULL && (flags & G_ASK_PASSWORD_NEED_USERNAME) != 0)
    g_mount_operation_set_username (op, data->user);
  g_mount_operation_set_password (op, data->password);
  g_mount_operation_set_password_save (op, G_PASSWORD_SAVE_NEVER);
  g_mount_operation_reply (op, G_MOUNT_OPERATION_HANDLED);
}

static void
mounted_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  WriteData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!g_file_mount_enclosing_volume_finish (G_FILE (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_ALREADY_MOUNTED))
    {
      if (data->password_asked > 1 || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_FAILED_HANDLED))
        g_task_return_new_error (task, ROUNDS_FEED_ERROR, ROUNDS_FEED_ERROR_SIGN_IN,
                                 _("The server did not accept the user name and password."));
      else
        g_task_return_error (task, map_error (error, data->file));
      return;
    }
  data->mounted = TRUE;
  replace_start (g_steal_pointer (&task));
}

static void
replaced_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  WriteData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_MOUNTED) && !data->mounted)
        {
          g_autoptr(GMountOperation) op = g_mount_operation_new ();

          g_signal_connect_object (op, "ask-password", G_CALLBACK (ask_password_cb), task, 0);
          g_file_mount_enclosing_volume (data->file, G_MOUNT_MOUNT_NONE, op,
                                         g_task_get_cancellable (task), mounted_cb,
                                         g_steal_pointer (&task));
          return;
        }
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_error (task, map_error (error, data->file));
      return;
    }
  g_task_return_pointer (task, g_file_get_uri (data->file), g_free);
}

static void
replace_start (GTask *task)
{
  WriteData *data = g_task_get_task_data (task);

  /* For a local file GIO writes a temporary file beside the feed and
   * renames it over the old one: the website never serves half a feed. */
  g_file_replace_contents_bytes_async (data->file, data->bytes, NULL, FALSE,
                                       G_FILE_CREATE_REPLACE_DESTINATION,
                                       g_task_get_cancellable (task), replaced_cb, task);
}

void
rounds_feed_write_async (const char          *folder_uri,
                         const char          *file_name,
                         const char          *xml,
                         const char          *user,
                         const char          *password,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr(GFile) folder = NULL;
  WriteData *data;

  g_return_if_fail (file_name != NULL && strchr (file_name, '/') == NULL);
  g_return_if_fail (xml != NULL);

  g_task_set_source_tag (task, rounds_feed_write_async);
  if (folder_uri == NULL || folder_uri[0] == '\0')
    {
      g_task_return_new_error (task, ROUNDS_FEED_ERROR, ROUNDS_FEED_ERROR_NO_LOCATION,
                               _("Choose where the feed goes first."));
      return;
    }
  if (!rounds_feed_location_is_supported (folder_uri))
    {
      g_task_return_new_error (task, ROUNDS_FEED_ERROR, ROUNDS_FEED_ERROR_UNSUPPORTED,
                               _("This computer cannot reach %s: Rounds writes the feed to a "
                                 "folder, or to a dav://, davs:// or sftp:// address when GVFS "
                                 "(the gvfs-backends package) is installed."), folder_uri);
      return;
    }

  folder = g_path_is_absolute (folder_uri) ? g_file_new_for_path (folder_uri)
                                           : g_file_new_for_uri (folder_uri);
  data = g_new0 (WriteData, 1);
  data->file = g_file_get_child (folder, file_name);
  data->bytes = g_bytes_new (xml, strlen (xml));
  data->user = g_strdup (user != NULL && user[0] != '\0' ? user : NULL);
  data->password = g_strdup (password != NULL && password[0] != '\0' ? password : NULL);
  g_task_set_task_data (task, data, (GDestroyNotify)write_data_free);
  replace_start (g_steal_pointer (&task));
}

char *
rounds_feed_write_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- the writer ------------------------------------------------------- */

struct _RoundsFeedWriter
{
  GObject        parent_instance;

  RoundsStore   *store;
  GCancellable  *cancellable;
  char          *folder_uri;
  RoundsNetwork  network;
  char          *self_url;
  char          *since;
  char          *user;
  char          *password;
  char          *last_error;
  guint          delay_ms;
  guint          timeout_id;
  gboolean       writing;
  gboolean       again;
};

G_DEFINE_FINAL_TYPE (RoundsFeedWriter, rounds_feed_writer, G_TYPE_OBJECT)

enum { WRITTEN, N_SIGNALS };
static guint signals[N_SIGNALS];

static void write_feed (RoundsFeedWriter *self);

static void
written_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(RoundsFeedWriter) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = rounds_feed_write_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->writing = FALSE;
  g_clear_pointer (&self->last_error, g_free);
  if (uri == NULL)
    {
      self->last_error = g_strdup (error->message);
      g_debug ("The feed was not written (code %d)", error->code);
    }
  g_signal_emit (self, signals[WRITTEN], 0, self->last_error);
  if (self->again)
    {
      self->again = FALSE;
      write_feed (self);
    }
}

static void
write_feed (RoundsFeedWriter *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  RoundsPractice *practice;
  g_autofree char *authority = NULL;
  g_autofree char *xml = NULL;
  g_autofree char *file_name = NULL;
  RoundsFeedInfo info = { 0 };

  if (self->folder_uri == NULL)
    return;
  if (self->writing)
    {
      self->again = TRUE;
      return;
    }

  entries = rounds_feed_collect (self->store, self->network, 50, &error);
  if (entries == NULL)
    {
      g_clear_pointer (&self->last_error, g_free);
      self->last_error = g_strdup (error->message);
      g_signal_emit (self, signals[WRITTEN], 0, self->last_error);
      return;
    }

  practice = rounds_store_get_practice (self->store);
  info.title = practice != NULL ? rounds_practice_get_name (practice) : NULL;
  info.website = practice != NULL ? rounds_practice_get_website (practice) : NULL;
  authority = rounds_feed_dup_authority (info.website);
  if (authority == NULL)
    authority = rounds_feed_dup_authority (self->self_url);
  info.authority = authority;
  info.since = self->since;
  info.self_url = self->self_url;
  info.network = self->network;
  xml = rounds_feed_render (&info, entries,
                            rounds_clock_get_now (rounds_store_get_clock (self->store)));
  file_name = rounds_feed_file_name (self->network);

  self->writing = TRUE;
  rounds_feed_write_async (self->folder_uri, file_name, xml, self->user, self->password,
                           self->cancellable, written_cb, g_object_ref (self));
}

static gboolean
write_timeout_cb (gpointer user_data)
{
  RoundsFeedWriter *self = user_data;

  self->timeout_id = 0;
  write_feed (self);
  return G_SOURCE_REMOVE;
}

static void
on_post_changed_cb (RoundsStore      *store,
                    RoundsPost       *post,
                    RoundsFeedWriter *self)
{
  /* A post just published, or a published one edited. (Imports of many
   * posts emit one signal for the last of them; a published one among
   * them is caught here too when it is last, and by the next write.) */
  if (self->folder_uri == NULL || rounds_post_get_status (post) != ROUNDS_POST_STATUS_PUBLISHED)
    return;
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->timeout_id = g_timeout_add (self->delay_ms, write_timeout_cb, self);
}

/* A post deleted: if it was in the feed, the website must lose it too. */
static void
on_post_removed_cb (RoundsStore      *store,
                    gint64            id,
                    RoundsFeedWriter *self)
{
  if (self->folder_uri == NULL)
    return;
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->timeout_id = g_timeout_add (self->delay_ms, write_timeout_cb, self);
}

static void
rounds_feed_writer_dispose (GObject *object)
{
  RoundsFeedWriter *self = ROUNDS_FEED_WRITER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->store != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->store, self);
    }
  g_clear_object (&self->store);
  G_OBJECT_CLASS (rounds_feed_writer_parent_class)->dispose (object);
}

static void
rounds_feed_writer_finalize (GObject *object)
{
  RoundsFeedWriter *self = ROUNDS_FEED_WRITER (object);

  g_clear_object (&self->cancellable);
  g_free (self->folder_uri);
  g_free (self->self_url);
  g_free (self->since);
  g_free (self->user);
  g_free (self->password);
  g_free (self->last_error);
  G_OBJECT_CLASS (rounds_feed_writer_parent_class)->finalize (object);
}

static void
rounds_feed_writer_class_init (RoundsFeedWriterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rounds_feed_writer_dispose;
  object_class->finalize = rounds_feed_writer_finalize;

  /**
   * RoundsFeedWriter::written:
   * @error_message: (nullable): what went wrong, or NULL
   *
   * A write of the feed ended.
   */
  signals[WRITTEN] = g_signal_new ("written", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
rounds_feed_writer_init (RoundsFeedWriter *self)
{
  self->cancellable = g_cancellable_new ();
  self->delay_ms = 2000;
}

RoundsFeedWriter *
rounds_feed_writer_new (RoundsStore *store)
{
  RoundsFeedWriter *self;

  g_return_val_if_fail (ROUNDS_IS_STORE (store), NULL);

  self = g_object_new (ROUNDS_TYPE_FEED_WRITER, NULL);
  self->store = g_object_ref (store);
  g_signal_connect (store, "post-changed", G_CALLBACK (on_post_changed_cb), self);
  g_signal_connect (store, "post-removed", G_CALLBACK (on_post_removed_cb), self);
  return self;
}

void
rounds_feed_writer_configure (RoundsFeedWriter *self,
                              const char       *folder_uri,
                              RoundsNetwork     network,
                              const char       *self_url,
                              const char       *since,
                              const char       *user,
                              const char       *password)
{
  g_return_if_fail (ROUNDS_IS_FEED_WRITER (self));

  g_free (self->folder_uri);
  self->folder_uri = folder_uri != NULL && folder_uri[0] != '\0' ? g_strdup (folder_uri) : NULL;
  self->network = network;
  g_free (self->self_url);
  self->self_url = g_strdup (self_url);
  g_free (self->since);
  self->since = g_strdup (since);
  g_free (self->user);
  self->user = g_strdup (user);
  g_free (self->password);
  self->password = g_strdup (password);
}

void
rounds_feed_writer_write_now (RoundsFeedWriter *self)
{
  g_return_if_fail (ROUNDS_IS_FEED_WRITER (self));

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->folder_uri == NULL)
    {
      g_clear_pointer (&self->last_error, g_free);
      self->last_error = g_strdup (_("Choose where the feed goes first."));
      g_signal_emit (self, signals[WRITTEN], 0, self->last_error);
      return;
    }
  write_feed (self);
}

const char *
rounds_feed_writer_get_last_error (RoundsFeedWriter *self)
{
  g_return_val_if_fail (ROUNDS_IS_FEED_WRITER (self), NULL);
  return self->last_error;
}

void
rounds_feed_writer_set_delay (RoundsFeedWriter *self,
                              guint             ms)
{
  g_return_if_fail (ROUNDS_IS_FEED_WRITER (self));
  self->delay_ms = ms;
}
