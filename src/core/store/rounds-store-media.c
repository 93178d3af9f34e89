/* rounds-store-media.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-store"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "rounds-store-editor.h"
#include "rounds-store-private.h"

/* A post's images on a practice server (issue 20).
 *
 * On one PC an image is a file beside the database (media/SHA256.EXT,
 * rounds_store_import_media()) and post_media keeps its path. Other PCs
 * cannot read that folder, so on a server the files themselves are rows
 * of media_files (name = the file's name, its SHA-256 and its bytes, a
 * server-only table made by the migrations' PostgreSQL part): written
 * when a post's images are saved there or when a practice moves there,
 * and read back into this PC's own media folder the first time a post
 * whose image this PC does not have is read. Every copy is checked
 * against its SHA-256, which is also the file's name. Nothing is logged
 * but counts. */

#define MEDIA_UPLOAD_SQL \
  "INSERT INTO media_files (name, sha256, bytes) VALUES (?1, ?2, decode (?3, 'hex'))" \
  " ON CONFLICT (name) DO NOTHING"

static char *
hex_of (const guchar *data,
        gsize         length)
{
  static const char digits[] = "0123456789abcdef";
  char *hex = g_malloc (length * 2 + 1);

  for (gsize i = 0; i < length; i++)
    {
      hex[2 * i] = digits[data[i] >> 4];
      hex[2 * i + 1] = digits[data[i] & 0xf];
    }
  hex[length * 2] = '\0';
  return hex;
}

static guchar *
bytes_of_hex (const char *hex,
              gsize      *length)
{
  gsize n;
  guchar *data;

  if (g_str_has_prefix (hex, "\\x"))
    hex += 2;
  n = strlen (hex);
  if (n % 2 != 0)
    return NULL;
  data = g_malloc (n / 2 + 1);
  for (gsize i = 0; i < n / 2; i++)
    {
      int hi = g_ascii_xdigit_value (hex[2 * i]);
      int lo = g_ascii_xdigit_value (hex[2 * i + 1]);

      if (hi < 0 || lo < 0)
        {
          g_free (data);
          return NULL;
        }
      data[i] = (guchar)(hi << 4 | lo);
    }
  *length = n / 2;
  return data;
}

/**
 * _rounds_store_media_upload:
 * @db: a server's connection, inside the caller's transaction
 * @path: an image file of this PC
 * @sha256: (out) (optional): its SHA-256, as read
 *
 * Keeps the file's bytes in media_files under its name (once: a name
 * already there is the same image, as the name is its hash).
 */
gboolean
_rounds_store_media_upload (RoundsDb    *db,
                            const char  *path,
                            char       **sha256,
                            GError     **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *hex = NULL;
  g_autofree char *name = g_path_get_basename (path);
  g_autoptr(GError) local_error = NULL;
  RoundsDbStmt *stmt = NULL;
  gsize length = 0;
  int rc;

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_IO,
                   _("An image of this post cannot be read on this PC, so it cannot be kept "
                     "on the practice server: %s"), local_error->message);
      return FALSE;
    }
  hash = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)contents, length);
  hex = hex_of ((const guchar *)contents, length);
  g_clear_pointer (&contents, g_free);

  rc = rounds_db_prepare_v2 (db, MEDIA_UPLOAD_SQL, -1, &stmt, NULL);
  if (rc == ROUNDS_DB_OK)
    {
      rounds_db_bind_text (stmt, 1, name, -1, ROUNDS_DB_STATIC);
      rounds_db_bind_text (stmt, 2, hash, -1, ROUNDS_DB_STATIC);
      rounds_db_bind_text (stmt, 3, hex, -1, ROUNDS_DB_STATIC);
      rc = rounds_db_step (stmt);
    }
  if (rc != ROUNDS_DB_DONE)
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_IO,
                   _("Could not keep the image on the practice server: %s"),
                   rounds_db_errmsg (db));
      rounds_db_finalize (stmt);
      return FALSE;
    }
  rounds_db_finalize (stmt);
  if (sha256 != NULL)
    *sha256 = g_steal_pointer (&hash);
  return TRUE;
}

/**
 * _rounds_store_media_upload_all:
 * @media: (element-type RoundsPostMedia): a post's images
 *
 * On a server, keeps each image's bytes there (inside the caller's
 * transaction) so that every PC can show it; a file this PC no longer
 * has is left out (its post shows it missing, as on one PC). Nothing on
 * SQLite.
 */
gboolean
_rounds_store_media_upload_all (RoundsStore  *self,
                                GPtrArray    *media,
                                GError      **error)
{
  if (!rounds_store_is_on_server (self))
    return TRUE;
  for (guint i = 0; media != NULL && i < media->len; i++)
    {
      RoundsPostMedia *m = g_ptr_array_index (media, i);
      g_autofree char *name = g_path_get_basename (m->path);
      RoundsDbStmt *stmt;
      gboolean there = FALSE;

      /* Missing on this PC already: the post shows it missing, as on one
       * PC; nothing to keep (as the move does) */
      if (!g_file_test (m->path, G_FILE_TEST_IS_REGULAR))
        continue;
      /* Already there (the name is the hash): not read and sent again */
      stmt = _rounds_store_prepare (self, "SELECT 1 FROM media_files WHERE name = ?", error);
      if (stmt == NULL)
        return FALSE;
      _rounds_store_bind_text (stmt, 1, name);
      there = rounds_db_step (stmt) == ROUNDS_DB_ROW;
      rounds_db_reset (stmt);
      if (!there && !_rounds_store_media_upload (self->db, m->path, NULL, error))
        return FALSE;
    }
  return TRUE;
}

/* The image @name from media_files into @dest, checked against its hash;
 * FALSE (quietly: the post shows a missing image, as on one PC) when the
 * server does not have it or its bytes do not match. */
static gboolean
fetch (RoundsStore *self,
       const char  *name,
       const char  *dest)
{
  g_autofree guchar *data = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(GError) error = NULL;
  RoundsDbStmt *stmt;
  gsize length = 0;

  stmt = _rounds_store_prepare (self, "SELECT sha256, encode (bytes, 'hex') FROM media_files"
                                      " WHERE name = ?", NULL);
  if (stmt == NULL)
    return FALSE;
  _rounds_store_bind_text (stmt, 1, name);
  if (rounds_db_step (stmt) == ROUNDS_DB_ROW)
    {
      expected = g_strdup (_rounds_store_column_text (stmt, 0));
      data = bytes_of_hex (_rounds_store_column_text (stmt, 1), &length);
    }
  rounds_db_reset (stmt);
  if (data == NULL)
    return FALSE;

  hash = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, length);
  if (g_strcmp0 (hash, expected) != 0 || !g_str_has_prefix (name, hash))
    {
      g_warning ("An image on the practice server does not match its hash; not used");
      return FALSE;
    }
  dir = g_path_get_dirname (dest);
  if (g_mkdir_with_parents (dir, 0700) != 0 ||
      !g_file_set_contents_full (dest, (const char *)data, length,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    {
      g_warning ("Could not keep an image of the practice server on this PC: %s",
                 error != NULL ? error->message : g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}

/**
 * _rounds_store_media_localize:
 * @media: (element-type RoundsPostMedia): a post's images as stored
 *
 * On a server, points each image that is not on this PC at this PC's
 * own copy, fetching it from the server the first time. The paths in
 * post_media are those of the PC that added the image.
 */
void
_rounds_store_media_localize (RoundsStore *self,
                              GPtrArray   *media)
{
  g_autofree char *media_dir = NULL;

  if (media == NULL || !rounds_store_is_on_server (self))
    return;

  for (guint i = 0; i < media->len; i++)
    {
      RoundsPostMedia *m = g_ptr_array_index (media, i);
      g_autofree char *name = NULL;
      g_autofree char *local = NULL;

      if (m->path == NULL || g_file_test (m->path, G_FILE_TEST_IS_REGULAR))
        continue;
      if (media_dir == NULL)
        {
          g_autofree char *dir = g_path_get_dirname (rounds_store_get_path (self));

          media_dir = g_build_filename (dir, "media", NULL);
        }
      name = g_path_get_basename (m->path);
      local = g_build_filename (media_dir, name, NULL);
      if (g_file_test (local, G_FILE_TEST_IS_REGULAR) || fetch (self, name, local))
        {
          g_free (m->path);
          m->path = g_steal_pointer (&local);
        }
    }
}
